"""The dashboard on a store larger than it loads: counts, cells and pages from the store.

``GEO_APP_LOAD_LIMIT`` is set below the store's size, so the map and the table read per
filter. Every read of claims rows is recorded (the real store's method, wrapped): no page
ever reads the whole store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest
from app_store import app_store, metric, run_page
from streamlit.testing.v1 import AppTest

from geo.filters import ClaimFilter, apply_filter
from geo.store import GeoPackageStore, open_store
from geo.synthetic import synthetic_articles, synthetic_claims

ROOT = Path(__file__).resolve().parent.parent
N_CLAIMS = 3_000
LOAD_LIMIT = 1_000
POINT_LIMIT = 400


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with app_store(tmp_path_factory.mktemp("app_scale") / "claims.gpkg",
                   synthetic_articles(N_CLAIMS // 4, seed=21),
                   synthetic_claims(N_CLAIMS, seed=21),
                   GEO_APP_LOAD_LIMIT=str(LOAD_LIMIT)) as path:
        yield path


@pytest.fixture(scope="module")
def stored(store_path: Path) -> gpd.GeoDataFrame:
    return open_store(store_path).claims()


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Rows of every claims read the pages make (through the real store)."""
    import geo.mapview.aggregate as aggregate

    monkeypatch.setattr(aggregate, "POINT_LIMIT", POINT_LIMIT)
    seen: list[int] = []
    original = GeoPackageStore._claims_where

    def counted(self, flt, clause, params):
        out = original(self, flt, clause, params)
        seen.append(len(out))
        return out

    monkeypatch.setattr(GeoPackageStore, "_claims_where", counted)
    return seen


def run(page: str, params: dict[str, str] | None = None) -> AppTest:
    return run_page("pages/1_Claims_table.py" if page == "table" else None, params)


def test_map_of_a_large_store_draws_cells_without_reading_it_all(stored, reads) -> None:
    at = run("map")
    assert metric(at, "Claims stored") == metric(at, "Claims shown") == len(stored)
    assert metric(at, "Places") == stored["place_id"].nunique()
    assert any("fall in each" in c.value for c in at.caption)  # drawn as cells
    assert reads and max(reads) < len(stored) // 2  # only the sparse cells' points
    # the sidebar's options come from the store's distinct values
    countries = at.sidebar.multiselect(key="f_countries").options
    assert len(countries) == stored["country_code"].nunique()
    assert all(f"({cc})" in " ".join(countries) for cc in stored["country_code"].unique())

    # a narrow filter: few enough claims to draw one by one
    reads.clear()
    at.sidebar.multiselect(key="f_types").set_value(["strike"]).run()
    at.sidebar.date_input(key="f_dates").set_value(
        (dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    ).run()
    flt = ClaimFilter(claim_types=("strike",), date_from="2024-03-01", date_to="2024-03-31")
    expected = apply_filter(stored, flt)
    assert 0 < len(expected) <= POINT_LIMIT
    assert metric(at, "Claims shown") == len(expected)
    assert not any("fall in each" in c.value for c in at.caption)
    assert reads[-1] == len(expected)  # the filtered claims, read from the store


def test_a_filter_the_store_cannot_count_exactly_still_matches(stored, reads) -> None:
    at = run("map", {"actor": "Russia"})  # case-insensitive: exact only in pandas
    assert metric(at, "Claims shown") == len(apply_filter(stored, ClaimFilter(
        actors=("Russia",))))


def test_claims_table_of_a_large_store_is_paginated(stored, reads) -> None:
    from geo.appstate import PAGE_ROWS

    at = run("table")
    expected = stored.sort_values(["claim_date", "claim_id"], ascending=[False, True])
    assert len(expected) > PAGE_ROWS
    table = at.dataframe[0].value
    assert list(table["claim_id"]) == list(expected["claim_id"][:PAGE_ROWS])
    assert max(reads) <= PAGE_ROWS
    at.number_input(key="table_page").set_value(3).run()
    table = at.dataframe[0].value
    assert list(table["claim_id"]) == list(expected["claim_id"][2 * PAGE_ROWS:3 * PAGE_ROWS])
    assert any(f"{len(expected):,} of {len(stored):,}" in c.value for c in at.caption)
    at.sidebar.multiselect(key="f_types").set_value(["control"]).run()
    kept = expected[expected["claim_type"] == "control"]
    assert list(at.dataframe[0].value["claim_id"]) == list(kept["claim_id"][:PAGE_ROWS])
