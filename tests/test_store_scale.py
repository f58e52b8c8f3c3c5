"""The store at scale, on both back ends.

Spatial indexes (GeoPackage R-tree, PostGIS GiST) used by box queries, counts per grid
cell for the map, chunked reads and the streamed GeoJSON export.
"""

from __future__ import annotations

import json
import re
import sqlite3

import numpy as np
import pandas as pd
import pyogrio
import pytest
from postgis_server import postgis_server, postgis_url  # noqa: F401
from shapely.geometry import Polygon

from geo.export.geojson import geojson_bytes
from geo.export.stream import write_geojson_stream
from geo.filters import ClaimFilter, apply_filter
from geo.mapview.aggregate import cell_features, sparse_cells, store_map
from geo.mapview.build import render_html
from geo.store import open_store
from geo.store.query import grid_counts_frame
from geo.store.rtree import RTREE, register_functions
from geo.synthetic import synthetic_articles, synthetic_claims

BACKENDS = ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)]

FILTERS = [
    None,
    ClaimFilter(bbox=(36.5, 47.0, 39.0, 49.0)),
    ClaimFilter(bbox=(36.5, 47.0, 39.0, 49.0), claim_types=("control", "strike"),
                date_from="2024-03-01", date_to="2024-09-30"),
    ClaimFilter(countries=("ua", "SD")),
    ClaimFilter(bbox=(170.0, -10.0, 40.0, 60.0)),  # crosses the antimeridian
    ClaimFilter(actors=("russia",), bbox=(30.0, 40.0, 40.0, 55.0)),  # not exact in SQL
    # fewer claims in the dates than in the box: the GeoPackage reads by date, not R-tree
    ClaimFilter(bbox=(20.0, 40.0, 45.0, 56.0), date_from="2024-05-01", date_to="2024-05-20"),
]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    """Return a store (both back ends) holding 400 articles, 1,600 claims, one polygon."""
    target = (str(tmp_path / "claims.gpkg") if request.param == "gpkg"
              else request.getfixturevalue("postgis_url"))
    arts, cl = synthetic_articles(400, seed=3), synthetic_claims(1600, seed=3)
    cl.loc[0, "geometry"] = Polygon([(37, 47), (38, 47), (38, 48), (37, 48)])
    cl.loc[0, ["longitude", "latitude"]] = [37.5, 47.5]
    s = open_store(target)
    s.ingest(arts, cl)
    yield s
    s.close()


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_counts_extent_and_cells_match_the_filtered_frame(store, flt):
    everything = store.claims()
    expected = apply_filter(everything, flt) if flt is not None else everything
    got = store.claims(flt)
    pd.testing.assert_frame_equal(got, expected.reset_index(drop=True))
    assert store.count(flt) == len(expected)
    ext = store.extent(flt)
    if len(expected):
        lon, lat = expected["longitude"].astype(float), expected["latitude"].astype(float)
        assert ext == pytest.approx((lon.min(), lat.min(), lon.max(), lat.max()))
    else:
        assert ext is None
    for cell in (0.25, 1.0):
        counts = store.grid_counts(flt, cell)
        pd.testing.assert_frame_equal(counts, grid_counts_frame(expected, cell))
        assert counts["n"].sum() == len(expected)


def test_claims_in_cells_and_chunks(store):
    flt = ClaimFilter(countries=("UA", "RU"))
    counts = store.grid_counts(flt, 0.5)
    cells = sparse_cells(counts, max_per_cell=3, budget=10_000)
    assert cells
    got = store.claims_in_cells(flt, 0.5, cells)
    everything = store.claims(flt)
    lon = everything["longitude"].astype(float).to_numpy()
    lat = everything["latitude"].astype(float).to_numpy()
    keys = set(zip(np.floor((lon + 180) / 0.5).astype(int),
                   np.floor((lat + 90) / 0.5).astype(int), strict=True))
    wanted = [k in set(cells) for k in zip(np.floor((lon + 180) / 0.5).astype(int),
                                           np.floor((lat + 90) / 0.5).astype(int),
                                           strict=True)]
    assert keys >= set(cells)
    pd.testing.assert_frame_equal(got, everything[wanted].reset_index(drop=True))
    chunks = list(store.iter_claims(flt, chunk=250))
    assert len(chunks) > 2 and all(len(c) <= 250 for c in chunks)
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), everything)


def test_streamed_geojson_equals_the_whole_export(store, tmp_path):
    out = tmp_path / "claims.geojson"
    flt = ClaimFilter(claim_types=("control", "strike", "clash"))
    n = write_geojson_stream(store.iter_claims(flt, chunk=300), out)
    whole = store.claims(flt)
    assert n == len(whole) > 0
    assert out.read_bytes() == geojson_bytes(whole)
    empty = tmp_path / "none.geojson"
    assert write_geojson_stream(store.iter_claims(ClaimFilter(countries=("ZZ",))), empty) == 0
    assert json.loads(empty.read_text()) == {"type": "FeatureCollection", "features": []}


def test_map_of_many_claims_draws_cells_and_sparse_points(store):
    flt = ClaimFilter(date_from="2024-01-01")
    total = store.count(flt)
    m = store_map(store, flt, point_limit=100, cell=0.5)
    html = render_html(m)
    # the legend counts every matching claim (the runtime draws it from the payload)
    assert re.search(rf'"total":\s*{total}\b', html)
    counts = store.grid_counts(flt, 0.5)
    cells = cell_features(counts, 0.5)
    assert len(cells["features"]) == counts.groupby(["gx", "gy"]).ngroups
    assert html.count('"tooltip"') == len(cells["features"])  # one square per cell
    assert sum(f["properties"]["n"] for f in cells["features"]) == total
    small = render_html(store_map(store, flt, point_limit=10**6))
    assert '"tooltip"' not in small and re.search(rf'"total":\s*{total}\b', small)


def test_geopackage_rtree_is_what_gdal_expects(tmp_path):
    path = tmp_path / "claims.gpkg"
    arts, cl = synthetic_articles(50, seed=8), synthetic_claims(200, seed=8)
    with open_store(path) as s:
        s.ingest(arts, cl)
        changed = arts.iloc[[0]].copy()
        changed["text"] = "New text."
        s.ingest(changed, cl[cl["article_id"] == arts["id"][0]].iloc[:1])
    con = sqlite3.connect(path)
    try:
        ext = con.execute("SELECT table_name, column_name, extension_name, scope FROM "
                          "gpkg_extensions").fetchall()
        assert ("claims", "geom", "gpkg_rtree_index", "write-only") in ext
        rows = con.execute(f"SELECT id, minx, maxx, miny, maxy FROM {RTREE} ORDER BY id"
                           ).fetchall()
        fids = con.execute("SELECT fid, longitude, latitude FROM claims ORDER BY fid"
                           ).fetchall()
        assert [r[0] for r in rows] == [f[0] for f in fids]  # replaced rows left the index
        for (_, minx, maxx, miny, maxy), (_, lon, lat) in zip(rows, fids, strict=True):
            # points: a degenerate box at the point (the R-tree stores 32-bit floats)
            assert minx == pytest.approx(lon, abs=1e-4) and maxx == pytest.approx(lon, abs=1e-4)
            assert miny == pytest.approx(lat, abs=1e-4) and maxy == pytest.approx(lat, abs=1e-4)
        plan = " ".join(str(r) for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT fid FROM claims WHERE fid IN (SELECT id FROM "
            f"{RTREE} WHERE minx <= 38 AND maxx >= 37 AND miny <= 48 AND maxy >= 47)"))
        assert RTREE in plan and "VIRTUAL TABLE INDEX" in plan
    finally:
        con.close()
    info = pyogrio.read_info(path, layer="claims")
    assert info["capabilities"]["fast_spatial_filter"] is True
    box = (36.5, 47.0, 39.0, 49.0)
    via_gdal = pyogrio.read_dataframe(path, layer="claims", bbox=box)
    with open_store(path) as s:
        ours = s.claims(ClaimFilter(bbox=box))
    assert sorted(via_gdal["claim_id"]) == sorted(ours["claim_id"])


def test_old_geopackage_gets_its_rtree_on_open(tmp_path):
    path = tmp_path / "old.gpkg"
    with open_store(path) as s:
        s.ingest(synthetic_articles(20, seed=9), synthetic_claims(80, seed=9))
    con = sqlite3.connect(path, isolation_level=None)
    register_functions(con)
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                               ).fetchall():
        con.execute(f"DROP TRIGGER {name}")
    con.execute(f"DROP TABLE {RTREE}")
    con.execute("DROP TABLE gpkg_extensions")
    con.execute("DROP INDEX claims_country_upper_idx")
    con.close()
    assert pyogrio.read_info(path, layer="claims")["capabilities"]["fast_spatial_filter"] \
        is False
    with open_store(path) as s:
        assert len(s.claims(ClaimFilter(bbox=(-180, -90, 180, 90)))) == 80
    con = sqlite3.connect(path)
    try:
        assert con.execute(f"SELECT count(*) FROM {RTREE}").fetchone()[0] == 80
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        assert {"claims_country_upper_idx", f"{RTREE}_insert", f"{RTREE}_delete"} <= names
    finally:
        con.close()
    assert pyogrio.read_info(path, layer="claims")["capabilities"]["fast_spatial_filter"]


@pytest.mark.postgis
def test_postgis_box_query_uses_the_gist_index(postgis_url):  # noqa: F811
    import psycopg

    with open_store(postgis_url) as s:
        s.ingest(synthetic_articles(200, seed=4), synthetic_claims(800, seed=4))
        where, params = s._filter_sql(ClaimFilter(bbox=(36.5, 47.0, 39.0, 49.0),
                                                  countries=("UA",)))
    with psycopg.connect(postgis_url, autocommit=True) as con:
        con.execute("SET enable_seqscan = off")
        plan = "\n".join(r[0] for r in con.execute(
            "EXPLAIN SELECT fid FROM claims" + where, params).fetchall())
    assert "claims_geom_idx" in plan or "claims_country_upper_idx" in plan, plan
    with psycopg.connect(postgis_url, autocommit=True) as con:
        con.execute("SET enable_seqscan = off")
        plan = "\n".join(r[0] for r in con.execute(
            "EXPLAIN SELECT fid FROM claims WHERE geom && ST_MakeEnvelope(36, 47, 39, 49, "
            "4326)").fetchall())
    assert "claims_geom_idx" in plan, plan


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_pages_and_distinct_counts_match_the_filtered_frame(store, flt):
    everything = store.claims()
    expected = apply_filter(everything, flt) if flt is not None else everything
    expected = expected.sort_values(["claim_date", "claim_id"], ascending=[False, True],
                                    na_position="last", kind="stable").reset_index(drop=True)
    assert len(expected) > 0
    for offset, limit in ((0, 25), (10, 40), (len(expected) - 5, 25), (len(expected), 10)):
        page = store.claims_page(flt, limit, offset)
        pd.testing.assert_frame_equal(page, expected.iloc[offset:offset + limit]
                                      .reset_index(drop=True))
    places, claimants = store.distinct_counts(flt)
    assert places == expected["place_id"].nunique()
    assert claimants == expected["claimant_id"].fillna(expected["claimant"]).nunique()


def test_facets_list_the_distinct_values_without_loading_claims(store):
    everything = store.claims()
    facets = store.facets()
    for col in store.FACET_COLUMNS:
        values = everything[col].dropna().astype(str)
        assert facets[col] == sorted(set(values[values.str.strip() != ""]), key=str.casefold)
        assert facets[col]  # the synthetic claims fill every facet
    dates = everything["claim_date"].dropna().astype(str)
    assert (facets["date_min"], facets["date_max"]) == (dates.min()[:10], dates.max()[:10])


def test_change_key_follows_every_change_of_the_claims(store):
    key = store.change_key()
    assert key[:2] == (400, 1600)
    arts = store.articles()
    same = arts.iloc[[0]].drop(columns=["text_sha256", "extractor_version", "n_claims",
                                        "ingested_at"])
    store.ingest(same, None)  # same text: nothing changes
    assert store.change_key() == key
    changed = same.assign(text="A new text for this article.")
    store.ingest(changed, None)  # replaced: its claims go, the article is stored again
    after = store.change_key()
    assert after != key and after[0] == 400 and after[1] < 1600


def test_geopackage_reads_a_narrow_date_range_by_date_not_by_box(tmp_path):
    store = open_store(tmp_path / "claims.gpkg")
    store.ingest(synthetic_articles(400, seed=3), synthetic_claims(1600, seed=3))
    wide_box = FILTERS[-1]
    assert store._attributes_narrower(wide_box)
    assert "rtree" not in store._filter_sql(wide_box)[0]
    small_box = wide_box.with_(bbox=(37.0, 48.0, 37.1, 48.1))
    assert not store._attributes_narrower(small_box)
    assert "rtree" in store._filter_sql(small_box)[0]
    for flt in (wide_box, small_box):
        expected = apply_filter(store.claims(), flt).reset_index(drop=True)
        pd.testing.assert_frame_equal(store.claims(flt), expected)
