"""The GeoPackage's kept counts per map cell and month, and its box reads by index.

``claim_cells`` (:mod:`geo.store.cells`) must always equal a ``GROUP BY`` over the claims
(after ingests, replaced articles, edits by other tools, on an older store opened the
first time), and the map's counts from it must equal the counts over the claims for every
date range (whole and partial months).
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from postgis_server import postgis_server, postgis_url  # noqa: F401

from geo.filters import ClaimFilter, apply_filter
from geo.store import open_store
from geo.store.cells import TABLE, TRIGGERS, month_split
from geo.store.query import counts_frame, grid_counts_frame, grid_sql
from geo.store.rtree import register_functions
from geo.synthetic import synthetic_articles, synthetic_claims

KEPT = (f"SELECT gx, gy, claim_type, sum(n) FROM {TABLE} GROUP BY 1, 2, 3 "
        "HAVING sum(n) > 0")


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    """Return a GeoPackage of 2,000 synthetic claims (only read by the tests sharing it)."""
    p = tmp_path_factory.mktemp("cells") / "claims.gpkg"
    with open_store(p) as s:
        s.ingest(synthetic_articles(500, seed=5), synthetic_claims(2000, seed=5))
    return p


def kept(path) -> pd.DataFrame:
    con = sqlite3.connect(path)
    try:
        return counts_frame(con.execute(KEPT).fetchall())
    finally:
        con.close()


def counted(path) -> pd.DataFrame:
    """Return the counts per cell over the claims themselves (all months together)."""
    con = sqlite3.connect(path)
    try:
        return counts_frame(con.execute(grid_sql("", 0.25, "sqlite")).fetchall())
    finally:
        con.close()


def test_kept_counts_equal_the_claims_after_ingest_and_replacement(tmp_path):
    p = tmp_path / "c.gpkg"
    with open_store(p) as s:
        arts = synthetic_articles(200, seed=1)
        s.ingest(arts, synthetic_claims(800, seed=1))
        pd.testing.assert_frame_equal(kept(p), counted(p))
        # a replaced article: its claims are deleted and stored again (fewer here)
        changed = s.articles().iloc[:20].drop(columns=["text_sha256", "extractor_version",
                                                        "n_claims", "ingested_at"])
        changed = changed.assign(text=changed["text"] + " Updated.")
        s.ingest(changed, None)
        assert s.count() < 800
        pd.testing.assert_frame_equal(kept(p), counted(p))
    # another tool moves and retypes claims, and deletes some: the triggers follow
    con = sqlite3.connect(p, isolation_level=None)
    register_functions(con)  # the R-tree's triggers (a GIS tool has them)
    con.execute("UPDATE claims SET longitude = longitude + 3.3, claim_date = '2023-01-15' "
                "WHERE fid % 7 = 0")
    con.execute("UPDATE claims SET claim_type = 'strike' WHERE fid % 5 = 0")
    con.execute("UPDATE claims SET latitude = NULL WHERE fid % 11 = 0")
    con.execute("DELETE FROM claims WHERE fid % 13 = 0")
    con.close()
    pd.testing.assert_frame_equal(kept(p), counted(p))


def test_an_older_store_gets_its_kept_counts_on_open(tmp_path):
    p = tmp_path / "old.gpkg"
    with open_store(p) as s:
        s.ingest(synthetic_articles(100, seed=2), synthetic_claims(400, seed=2))
    con = sqlite3.connect(p, isolation_level=None)
    for name in TRIGGERS:
        con.execute(f"DROP TRIGGER {name}")
    con.execute(f"DROP TABLE {TABLE}")
    con.execute("CREATE INDEX claims_claim_type_idx ON claims (claim_type, claim_date)")
    con.execute("CREATE INDEX claims_longitude_idx ON claims (longitude)")
    con.close()
    with open_store(p) as s:
        assert s.count() == 400
    pd.testing.assert_frame_equal(kept(p), counted(p))
    con = sqlite3.connect(p)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    assert {TABLE, *TRIGGERS, "claims_type_box_idx", "claims_grid_idx"} <= names
    assert not {"claims_claim_type_idx", "claims_longitude_idx"} & names  # replaced


def test_month_split_covers_each_day_once():
    assert month_split(None, None) == (("", ""), [], True)
    assert month_split("2024-04-01", "2024-06-30") == (("2024-04", "2024-06"), [], False)
    assert month_split("2024-04-15", "2024-06-10") == (
        ("2024-05", "2024-05"), [("2024-04-15", "2024-04-30"), ("2024-06-01", "2024-06-10")],
        False)
    assert month_split("2024-02-03", "2024-02-29") == (None, [("2024-02-03", "2024-02-29")],
                                                       False)
    assert month_split("2024-05-10", None) == (("2024-06", ""), [("2024-05-10", "2024-05-31")],
                                               False)
    assert month_split(None, "2024-05-10") == (("", "2024-04"), [("2024-05-01", "2024-05-10")],
                                               False)
    assert month_split("2024-06-01", "2024-05-01") == (None, [], False)


DAYS = st.dates(min_value=dt.date(2023, 11, 1), max_value=dt.date(2025, 2, 1))


@settings(max_examples=40, deadline=None)
@given(first=st.one_of(st.none(), DAYS), last=st.one_of(st.none(), DAYS),
       types=st.sets(st.sampled_from(["control", "strike", "advance", "casualties"]),
                     max_size=2))
def test_map_counts_from_kept_counts_equal_counting_the_claims(path, first, last, types):
    flt = ClaimFilter(date_from=first.isoformat() if first else None,
                      date_to=last.isoformat() if last else None,
                      claim_types=tuple(sorted(types)))
    store = open_store(path)
    got = store.grid_counts(flt, 0.25)
    expected = grid_counts_frame(apply_filter(store.claims(), flt), 0.25)
    pd.testing.assert_frame_equal(got, expected)


def test_box_with_types_reads_by_the_type_index_when_fewer(path):
    store = open_store(path)
    box = (20.0, 40.0, 45.0, 56.0)  # holds most claims
    narrow = ClaimFilter(bbox=box, claim_types=("advance",), date_from="2024-05-01",
                         date_to="2024-05-31")
    assert store._attributes_narrower(narrow)
    assert "rtree" not in store._filter_sql(narrow)[0]
    tiny = narrow.with_(bbox=(37.0, 48.0, 37.1, 48.1))
    assert not store._attributes_narrower(tiny)
    assert "rtree" in store._filter_sql(tiny)[0]
    for flt in (narrow, tiny, ClaimFilter(bbox=box, claim_types=("strike", "control"))):
        expected = apply_filter(store.claims(), flt).reset_index(drop=True)
        pd.testing.assert_frame_equal(store.claims(flt), expected)
        assert store.count(flt) == len(expected)


@pytest.mark.postgis
def test_postgis_keeps_the_same_counts(postgis_url):  # noqa: F811
    import psycopg

    def kept_pg() -> pd.DataFrame:
        with psycopg.connect(postgis_url) as con:
            return counts_frame(con.execute(KEPT).fetchall())

    def counted_pg() -> pd.DataFrame:
        with psycopg.connect(postgis_url) as con:
            return counts_frame(con.execute(grid_sql("", 0.25, "postgres")).fetchall())

    s = open_store(postgis_url)
    s.ingest(synthetic_articles(200, seed=6), synthetic_claims(800, seed=6))
    pd.testing.assert_frame_equal(kept_pg(), counted_pg())
    changed = s.articles().iloc[:20].drop(columns=["text_sha256", "extractor_version",
                                                    "n_claims", "ingested_at"])
    s.ingest(changed.assign(text=changed["text"] + " Updated."), None)
    everything = s.claims()
    for first, last in (("2024-04-01", "2024-06-30"), ("2024-04-15", "2024-06-10"),
                        (None, "2024-05-03"), ("2024-05-03", "2024-05-09")):
        flt = ClaimFilter(date_from=first, date_to=last, claim_types=("strike", "control"))
        pd.testing.assert_frame_equal(s.grid_counts(flt, 0.25),
                                      grid_counts_frame(apply_filter(everything, flt), 0.25))
    with psycopg.connect(postgis_url, autocommit=True) as con:
        con.execute("UPDATE claims SET longitude = longitude + 3.3, "
                    "claim_date = '2023-01-15' WHERE fid % 7 = 0")
        con.execute("DELETE FROM claims WHERE fid % 13 = 0")
    pd.testing.assert_frame_equal(kept_pg(), counted_pg())
    with psycopg.connect(postgis_url, autocommit=True) as con:  # a store made before them
        con.execute(f"DROP TABLE {TABLE}")
    open_store(postgis_url).close()
    pd.testing.assert_frame_equal(kept_pg(), counted_pg())
