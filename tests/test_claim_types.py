"""The claim types added for real reporting (attack, deployment) end to end in the app side.

Extraction of these types is tested in ``test_extract_phrasings.py``; the ACLED export in
``test_export.py``. Here: the store keeps them, the type filter offers and applies them,
the legend colours them.
"""

from __future__ import annotations

from geo import appstate
from geo.filters import ClaimFilter, apply_filter
from geo.mapview.styles import TYPE_COLORS
from geo.schema import CLAIM_TYPES
from geo.synthetic import synthetic_articles, synthetic_claims

NEW = ("attack", "deployment")


def _claims():
    claims = synthetic_claims(60, seed=5)
    claims.loc[claims.index[:10], "claim_type"] = "attack"
    claims.loc[claims.index[10:15], "claim_type"] = "deployment"
    return claims


def test_new_types_are_claim_types_with_their_own_colour() -> None:
    assert set(NEW) <= set(CLAIM_TYPES)
    colours = [TYPE_COLORS[t] for t in CLAIM_TYPES]
    assert len(set(colours)) == len(colours)


def test_type_filter_offers_and_applies_the_new_types() -> None:
    claims = _claims()
    opts = appstate.filter_options(claims)
    assert {"attack", "deployment"} <= set(opts.claim_types)
    n_attack = int((claims["claim_type"] == "attack").sum())
    assert n_attack >= 10
    shown = apply_filter(claims, ClaimFilter(claim_types=("attack",)))
    assert len(shown) == n_attack and set(shown["claim_type"]) == {"attack"}
    both = apply_filter(claims, ClaimFilter(claim_types=NEW))
    assert len(both) == int(claims["claim_type"].isin(NEW).sum()) >= 15


def test_legend_lists_and_colours_the_new_types() -> None:
    # the browser's legend is drawn from the payload's type list and colours
    from geo.mapview.payload import claims_payload

    payload = claims_payload(_claims())
    listed = dict(payload["types"])
    for t in NEW:
        assert listed[t] == TYPE_COLORS[t]


def test_store_keeps_the_new_types(tmp_path) -> None:
    from geo.store import open_store

    arts = synthetic_articles(15, seed=5)
    claims = synthetic_claims(60, seed=5)  # four claims per article
    claims.loc[claims.index[:10], "claim_type"] = "attack"
    claims.loc[claims.index[10:15], "claim_type"] = "deployment"
    with open_store(tmp_path / "claims.gpkg") as store:
        store.ingest(arts, claims)
        back = store.claims(ClaimFilter(claim_types=NEW))
    for t in NEW:
        assert (back["claim_type"] == t).sum() == (claims["claim_type"] == t).sum() >= 5
