"""The claims store on both back ends.

Round trip, idempotence, replacement, atomicity (including SIGKILL of a real ingest
process), consistent reads, stale extractor versions, and the GeoPackage file's validity
for GDAL/QGIS readers.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from postgis_server import postgis_server, postgis_url  # noqa: F401
from shapely.geometry import Point, Polygon

from geo.disputes import RELEVANT_TYPES
from geo.filters import ClaimFilter, apply_filter
from geo.schema import CLAIM_COLUMNS, CLAIM_TYPES, conform_claims
from geo.store import (
    GeoPackageStore,
    StoreError,
    gpkg_blobs,
    gpkg_geometries,
    open_store,
)
from geo.synthetic import synthetic_articles, synthetic_claims

ROOT = Path(__file__).resolve().parent.parent

BACKENDS = ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)]


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    """Return a fresh store target: a GeoPackage path or a PostGIS database URL."""
    if request.param == "gpkg":
        return str(tmp_path / "claims.gpkg")
    return request.getfixturevalue("postgis_url")


def batch(n_articles: int, seed: int = 0, version: str = "v1"):
    """``n_articles`` synthetic articles with 4 claims each (ids syn-SEED-i)."""
    arts = synthetic_articles(n_articles, seed=seed)
    cl = synthetic_claims(4 * n_articles, seed=seed)
    cl["extractor_version"] = version
    return arts, cl


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep schema columns, sorted by claim_id, geometry as WKB (exact comparison).

    The dispute columns are left out: the store computes them over all it holds.
    """
    out = pd.DataFrame(conform_claims(frame)).copy()
    out["geometry"] = shapely.to_wkb(np.asarray(out.geometry.values), output_dimension=2)
    cols = [c for c in CLAIM_COLUMNS if c not in ("contest_id", "support_count")]
    return out.sort_values("claim_id").reset_index(drop=True)[[*cols, "geometry"]]


def test_round_trip_keeps_every_column_and_geometry(target):
    arts, cl = batch(30)
    # a polygon claim and a missing optional value, to cover both
    cl.loc[0, "geometry"] = Polygon([(37, 47), (38, 47), (38, 48), (37, 48)])
    cl.loc[1, "claimant"] = pd.NA
    with open_store(target) as store:
        summary = store.ingest(arts, cl)
        assert (summary.articles_new, summary.claims_written) == (30, 120)
        got = store.claims()
        assert list(got.columns) == [*CLAIM_COLUMNS, "claim_date", "ingested_at", "geometry"]
        assert got.crs == "EPSG:4326"
        # the store computes the dispute columns over what it holds
        pd.testing.assert_frame_equal(comparable(got), comparable(cl))
        relevant = got["claim_type"].isin(RELEVANT_TYPES)
        assert (got.loc[relevant, "support_count"] >= 1).all()
        assert got.loc[~relevant, "support_count"].isna().all()
        stored = store.articles()
        assert len(stored) == 30 and set(stored["id"]) == set(arts["id"])
        assert stored.set_index("id").loc["syn-0-3", "text"] == arts.loc[3, "text"]
        assert (stored["n_claims"] == 4).all()


def test_same_id_same_text_changes_nothing(target):
    arts, cl = batch(20)
    with open_store(target) as store:
        store.ingest(arts, cl)
        before_claims, before_articles = store.claims(), store.articles()
        time.sleep(0.01)
        # same text, even with different extractor output: nothing changes
        other = cl.copy()
        other["claimant"] = "Someone else"
        summary = store.ingest(arts, other)
        assert summary.articles_unchanged == 20
        assert (summary.articles_new, summary.claims_written, summary.claims_deleted) == (0, 0, 0)
        pd.testing.assert_frame_equal(store.claims(), before_claims)
        pd.testing.assert_frame_equal(store.articles(), before_articles)


def test_new_text_replaces_that_articles_claims_only(target):
    arts, cl = batch(10)
    with open_store(target) as store:
        store.ingest(arts, cl)
        changed = arts.iloc[[2]].copy()
        changed["text"] = "Forces withdrew from the village of Robotyne on Friday."
        new_claims = cl[cl["article_id"] == "syn-0-2"].iloc[:1].copy()
        new_claims["claim_id"] = "replacement-1"
        new_claims["claim_type"] = "control"
        summary = store.ingest(changed, new_claims)
        assert (summary.articles_updated, summary.claims_deleted, summary.claims_written) == \
            (1, 4, 1)
        got = store.claims()
        mine = got[got["article_id"] == "syn-0-2"]
        assert mine["claim_id"].tolist() == ["replacement-1"]
        others = got[got["article_id"] != "syn-0-2"]
        pd.testing.assert_frame_equal(comparable(others),
                                      comparable(cl[cl["article_id"] != "syn-0-2"]))
        text = store.articles(["syn-0-2"])["text"].iloc[0]
        assert text.startswith("Forces withdrew")


def test_article_without_claims_is_stored_and_then_unchanged(target):
    arts, _ = batch(3)
    with open_store(target) as store:
        empty = store.claims()
        assert len(empty) == 0 and empty.crs == "EPSG:4326"
        assert list(empty.columns) == [*CLAIM_COLUMNS, "claim_date", "ingested_at", "geometry"]
        assert store.stats()["date_min"] is None and len(store.articles()) == 0
        assert store.ingest(arts, None).articles_new == 3
        assert store.unchanged_ids(arts) == set(arts["id"])
        assert store.ingest(arts, None).articles_unchanged == 3
        assert store.stats()["claims"] == 0


@pytest.mark.parametrize("breakage, message", [
    ("orphan", "not among the ingested articles"),
    ("bad_type", "unknown claim_type"),
    ("empty_text", "'text' is empty"),
    ("bad_date", "published"),
    ("duplicate_id", "duplicate id"),
    ("out_of_range", "outside WGS84"),
])
def test_invalid_batch_is_refused_and_store_unchanged(target, breakage, message):
    arts, cl = batch(5)
    with open_store(target) as store:
        store.ingest(arts, cl)
        before = store.claims()
        arts2, cl2 = batch(5, seed=1)
        if breakage == "orphan":
            cl2.loc[3, "article_id"] = "nowhere"
        elif breakage == "bad_type":
            cl2.loc[3, "claim_type"] = "battle"
        elif breakage == "empty_text":
            arts2.loc[4, "text"] = "  "
        elif breakage == "bad_date":
            arts2.loc[4, "published"] = "last Tuesday"
        elif breakage == "duplicate_id":
            arts2.loc[4, "id"] = arts2.loc[3, "id"]
        elif breakage == "out_of_range":
            cl2.loc[3, "geometry"] = Point(48.0, 137.8)  # lat/lon swapped: y > 90
        with pytest.raises(ValueError, match=message):
            store.ingest(arts2, cl2)
        pd.testing.assert_frame_equal(store.claims(), before)
        assert len(store.articles()) == 5


FILTERS = [
    ClaimFilter(),
    ClaimFilter(date_from="2024-03-01", date_to="2024-04-30"),
    ClaimFilter(claim_types=("control", "strike"), countries=("ua", "RU")),
    ClaimFilter(actors=("RUSSIA",), claimants=("Reuters",)),
    ClaimFilter(bbox=(36.0, 47.0, 39.0, 49.5), text="took ground"),
    ClaimFilter(bbox=(179.0, -10.0, 30.0, 10.0)),  # crosses the antimeridian
    ClaimFilter(admin1=("shan",), date_to="2024-02-01"),
    # case folding beyond ASCII, and LIKE metacharacters in the text
    ClaimFilter(actors=("armée nationale",)),
    ClaimFilter(actors=("STRASSE GROUP", "russia")),
    ClaimFilter(claimants=("ölministerium",)),
    ClaimFilter(text="strasse"),
    ClaimFilter(text="100%_sure"),
    ClaimFilter(text="ÜBER"),
    ClaimFilter(text="ALERT(1"),
]


def test_store_filter_equals_apply_filter(target):
    arts, cl = batch(150)
    cl.loc[0:4, "actor"] = ["ARMÉE NATIONALE", "Armée nationale", "Straße Group",
                            "STRASSE GROUP", "Strasse group"]
    cl.loc[5:7, "claimant"] = ["Ölministerium", "ÖLMINISTERIUM", "olministerium"]
    cl.loc[8:11, "sentence"] = ["Die Straße ist zu.", "It was 100%_sure.", "It was 100% sure.",
                                "Kämpfe über Nacht."]
    with open_store(target) as store:
        store.ingest(arts, cl)
        everything = store.claims()
        for flt in FILTERS:
            got = store.claims(flt)
            expected = apply_filter(everything, flt).reset_index(drop=True)
            pd.testing.assert_frame_equal(got, expected)
            assert len(got) > 0 or flt.bbox is not None, flt
        assert len(store.claims(ClaimFilter(actors=("armée nationale",)))) == 2
        assert len(store.claims(ClaimFilter(actors=("strasse group",)))) == 3
        assert len(store.claims(ClaimFilter(text="100%_sure"))) == 1


def test_stale_versions_are_found_and_refreshed(target):
    arts, cl = batch(6, version="v1")
    with open_store(target) as store:
        store.ingest(arts, cl)
        assert store.stale_articles("v1").empty
        stale = store.stale_articles("v2")
        assert sorted(stale["id"]) == sorted(arts["id"])
        assert stale["text"].tolist()[0].startswith("Forces captured")
        redo = cl[cl["article_id"].isin(["syn-0-0", "syn-0-1"])].copy()
        redo["extractor_version"] = "v2"
        # without refresh: unchanged text means no change
        s1 = store.ingest(stale[stale["id"].isin(["syn-0-0", "syn-0-1"])], redo)
        assert s1.articles_unchanged == 2 and s1.claims_written == 0
        s2 = store.ingest(stale[stale["id"].isin(["syn-0-0", "syn-0-1"])], redo,
                          extractor_version="v2", refresh=True)
        assert (s2.articles_refreshed, s2.claims_deleted, s2.claims_written) == (2, 8, 8)
        assert sorted(store.stale_articles("v2")["id"]) == sorted(
            set(arts["id"]) - {"syn-0-0", "syn-0-1"})
        versions = store.stats()["articles_by_extractor_version"]
        assert versions == {"v1": 4, "v2": 2}
        got = store.claims()
        assert set(got.loc[got["article_id"] == "syn-0-0", "extractor_version"]) == {"v2"}


def test_stats(target):
    arts, cl = batch(25)
    with open_store(target) as store:
        store.ingest(arts, cl)
        st = store.stats()
    assert st["articles"] == 25 and st["claims"] == 100
    assert sum(st["by_type"].values()) == 100
    assert st["by_country"] == cl["country_code"].value_counts().to_dict()
    assert st["date_min"] == cl["event_date"].min() and st["date_max"] == cl["event_date"].max()
    assert st["last_ingest"].endswith("Z")


_WRITER = textwrap.dedent("""
    import sys
    from geo.store import open_store
    from geo.synthetic import synthetic_articles, synthetic_claims
    target, n = sys.argv[1], int(sys.argv[2])
    arts = synthetic_articles(n, seed=7)
    claims = synthetic_claims(4 * n, seed=7)
    store = open_store(target)
    print("writing", flush=True)
    store.ingest(arts, claims)
    print("committed", flush=True)
""")


def _snapshot(target: str) -> tuple[int, int, list]:
    with open_store(target) as store:
        st = store.stats()
        arts = store.articles()
    return st["articles"], st["claims"], sorted(arts["id"])


def _in_transaction(target: str, proc: subprocess.Popen) -> bool:
    """Return True once the writer is inside its transaction (writing, not committed)."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as con:
            row = con.execute("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                              "AND query LIKE 'COPY claims%%' AND pid <> pg_backend_pid()"
                              ).fetchone()
        return row[0] > 0
    wal = Path(target + "-wal")
    return wal.exists() and wal.stat().st_size > 1_000_000


def test_sigkill_mid_ingest_leaves_store_as_before(target):
    """Kill a real ingest process inside its transaction: the store is as before.

    GDAL still reads it and the next writer works.
    """
    arts, cl = batch(10)
    with open_store(target) as store:
        store.ingest(arts, cl)
    before = _snapshot(target)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, target, "25000"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        inside = False
        while time.monotonic() < deadline and proc.poll() is None:
            if _in_transaction(target, proc):
                inside = True
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.01)
        assert inside, "the writer never got inside its transaction"
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert "writing" in out and "committed" not in out
    assert _snapshot(target) == before
    if not target.startswith("postgresql://"):
        assert pyogrio.read_info(target, layer="claims")["features"] == before[1]
    # the store still takes writes
    arts2, cl2 = batch(3, seed=5)
    with open_store(target) as store:
        assert store.ingest(arts2, cl2).articles_new == 3
    assert _snapshot(target)[0] == before[0] + 3


def test_readers_see_old_or_new_state_never_half(target):
    arts, cl = batch(10)
    with open_store(target) as store:
        store.ingest(arts, cl)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, target, "2000"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    states = set()
    try:
        while proc.poll() is None:
            n_art, n_claims, _ = _snapshot(target)
            states.add((n_art, n_claims))
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "committed" in out
    states.add(_snapshot(target)[:2])
    assert states <= {(10, 40), (2010, 8040)}, states
    assert (2010, 8040) in states


def test_gpkg_blob_round_trip():
    geoms = np.array([Point(30.5, 50.4), Polygon([(0, 0), (1, 0), (1, 1)]),
                      shapely.from_wkt("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), "
                                       "((5 5, 6 5, 6 6, 5 5)))"),
                      shapely.from_wkt("POINT EMPTY"), None], dtype=object)
    blobs = gpkg_blobs(geoms)
    assert blobs[0][:2] == b"GP" and blobs[-1] is None
    back = gpkg_geometries(blobs)
    for a, b in zip(geoms[:3], back[:3], strict=True):
        assert shapely.equals_exact(a, b)
    assert back[3].is_empty and back[4] is None


def test_geopackage_is_valid_for_gdal(tmp_path):
    path = tmp_path / "claims.gpkg"
    arts, cl = batch(40)
    cl.loc[0, "geometry"] = Polygon([(37, 47), (38, 47), (38, 48), (37, 48)])
    with open_store(path) as store:
        store.ingest(arts, cl)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47
    assert con.execute("PRAGMA user_version").fetchone()[0] == 10300
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    extent = con.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE "
                         "table_name = 'claims'").fetchone()
    con.close()
    layers = dict(pyogrio.list_layers(path))
    assert {"claims", "articles"} <= set(layers)
    info = pyogrio.read_info(path, layer="claims")
    assert info["crs"] == "EPSG:4326" and info["features"] == 160
    assert set(CLAIM_COLUMNS) <= set(info["fields"])
    gdf = pyogrio.read_dataframe(path, layer="claims")
    assert isinstance(gdf, gpd.GeoDataFrame) and len(gdf) == 160
    assert gdf.geometry.iloc[0].geom_type == "Polygon"
    assert np.allclose(gdf.total_bounds, extent, atol=1.5)  # extent from lat/lon points
    art = pyogrio.read_dataframe(path, layer="articles")
    assert len(art) == 40 and "text" in art.columns
    # a GDAL reader and our reader agree
    ours = open_store(path).claims()
    assert sorted(gdf["claim_id"]) == sorted(ours["claim_id"])


def test_open_store_errors_and_settings(tmp_path, monkeypatch):
    not_gpkg = tmp_path / "notes.gpkg"
    not_gpkg.write_text("just text\n")
    with pytest.raises(StoreError, match="not a usable GeoPackage"):
        open_store(not_gpkg)
    assert not_gpkg.read_text() == "just text\n"  # untouched
    other = tmp_path / "other.gpkg"
    pyogrio.write_dataframe(gpd.GeoDataFrame({"a": [1]}, geometry=[Point(0, 0)],
                                             crs="EPSG:4326"), other, layer="x")
    with pytest.raises(StoreError, match="not a claims store"):
        open_store(other)
    with pytest.raises(StoreError, match="no claims store here"):
        open_store(tmp_path / "missing.gpkg", create=False)
    with pytest.raises(StoreError, match="folder"):
        open_store(tmp_path)
    monkeypatch.setenv("GEO_STORE", str(tmp_path / "from_env.gpkg"))
    store = open_store()
    assert isinstance(store, GeoPackageStore) and store.target.endswith("from_env.gpkg")
    assert (tmp_path / "from_env.gpkg").exists()


@pytest.mark.postgis
def test_postgis_unreachable_is_a_store_error():
    from postgis_server import free_port

    with pytest.raises(StoreError, match="cannot connect"):
        open_store(f"postgresql://nobody:secret@127.0.0.1:{free_port()}/none")


@pytest.fixture(scope="module")
def filled_gpkg(tmp_path_factory):
    path = tmp_path_factory.mktemp("filled") / "claims.gpkg"
    arts, cl = batch(100, seed=21)
    cl.loc[0:2, "actor"] = ["ÉTAT", "état", "Etat"]
    with open_store(path) as store:
        store.ingest(arts, cl)
    return path


_values = st.sampled_from(["Russia", "RUSSIA", "Reuters", "Donetsk", "shan", "état", "ETAT",
                           "nobody", "Oleksandr Syrsky", "Governor <b>Smirnov</b>"])
_dates = st.dates(min_value=dt.date(2023, 12, 1), max_value=dt.date(2025, 1, 31)).map(str)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(date_from=st.one_of(st.none(), _dates), date_to=st.one_of(st.none(), _dates),
       types=st.lists(st.sampled_from(CLAIM_TYPES), max_size=3, unique=True),
       actors=st.lists(_values, max_size=2), claimants=st.lists(_values, max_size=2),
       countries=st.lists(st.sampled_from(["UA", "ru", "SD", "MM", "US"]), max_size=2),
       admin1=st.lists(_values, max_size=2),
       text=st.one_of(st.none(), _values, st.sampled_from(["took", "<script>", "%", "_"])),
       box=st.one_of(st.none(), st.tuples(st.floats(-180, 180), st.floats(-90, 40),
                                          st.floats(-180, 180), st.floats(40, 90))))
def test_random_filters_match_apply_filter(filled_gpkg, date_from, date_to, types, actors,
                                           claimants, countries, admin1, text, box):
    flt = ClaimFilter(date_from=date_from, date_to=date_to, claim_types=tuple(types),
                      actors=tuple(actors), claimants=tuple(claimants),
                      countries=tuple(countries), admin1=tuple(admin1), text=text, bbox=box)
    store = open_store(filled_gpkg)
    expected = apply_filter(store.claims(), flt).reset_index(drop=True)
    pd.testing.assert_frame_equal(store.claims(flt), expected)


def test_one_store_object_shared_by_threads(target):
    """Share one store object across threads, as the app does.

    A read on one thread never sees another thread's open ingest transaction.
    """
    arts, cl = batch(10)
    store = open_store(target)
    store.ingest(arts, cl)
    big_arts, big_cl = batch(1000, seed=8)
    states: set[tuple[int, int]] = set()
    errors: list[BaseException] = []

    def writer():
        try:
            store.ingest(big_arts, big_cl)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    thread = threading.Thread(target=writer)
    thread.start()
    reads = 0
    while thread.is_alive():
        st_ = store.stats()
        states.add((st_["articles"], st_["claims"]))
        reads += 1
    thread.join()
    assert reads >= 2  # the reads did overlap the write
    states.add((store.stats()["articles"], store.stats()["claims"]))
    store.close()
    assert not errors
    assert states <= {(10, 40), (1010, 4040)}, states
