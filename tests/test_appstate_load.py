"""Loading from the store: a real GeoPackage in, the claims passing the filter out."""

from __future__ import annotations

from pathlib import Path

from geo import appstate
from geo.filters import ClaimFilter, apply_filter
from geo.synthetic import synthetic_articles, synthetic_claims


def test_load_claims_takes_the_store_and_the_filter(tmp_path: Path) -> None:
    from geo.store import open_store

    arts = synthetic_articles(15, seed=7)
    claims = synthetic_claims(60, seed=7)  # four claims per article
    claims["article_id"] = arts["id"].repeat(4).to_numpy()
    with open_store(tmp_path / "claims.gpkg") as store:
        store.ingest(arts, claims)
        everything = appstate.load_claims(store)
        events, control = appstate.load_reference(store)
        flt = ClaimFilter(claim_types=("control", "repelled"), date_to="2024-09-30")
        some = appstate.load_claims(store, flt, events=events, control=control)
    assert len(events) == 0 and len(control) == 0
    assert set(everything["claim_id"]) == set(claims["claim_id"])
    assert everything.crs.to_epsg() == 4326
    expected = set(apply_filter(everything, flt)["claim_id"])
    assert 0 < len(expected) < 16 and set(some["claim_id"]) == expected
