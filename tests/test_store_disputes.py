"""Disputes and claimant identity in the store: recomputed on ingest, old stores migrated.

Both back ends: a real GeoPackage file and the suite's PostgreSQL + PostGIS server.
"""

from __future__ import annotations

import sqlite3

import geopandas as gpd
import pandas as pd
import pytest
from postgis_server import postgis_server, postgis_url  # noqa: F401
from shapely.geometry import Point

from geo.filters import ClaimFilter
from geo.schema import conform_claims
from geo.store import open_store

BACKENDS = ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)]
KUPIANSK = (49.7106, 37.6153)  # lat, lon


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    if request.param == "gpkg":
        return str(tmp_path / "claims.gpkg")
    return request.getfixturevalue("postgis_url")


def article(aid, day, text):
    return {"id": aid, "published": day, "text": text, "title": aid, "source": "test",
            "url": f"https://example.org/{aid}"}


def claim(aid, ctype, actor, claimant, cid, side, day, trigger="captured", where=KUPIANSK,
          kind="military"):
    return {"claim_id": f"{aid}-{ctype}", "article_id": aid, "published": day,
            "event_date": day, "date_precision": "day", "claim_type": ctype, "actor": actor,
            "claimant": claimant, "claimant_id": cid, "claimant_name": claimant,
            "claimant_side": side, "claimant_kind": kind, "location_text": "Kupiansk",
            "place_name": "Kupiansk", "place_id": "geonames:704422",
            "feature_class": "settlement", "admin1": "Kharkiv", "country_code": "UA",
            "latitude": where[0], "longitude": where[1], "geo_precision": 1,
            "sentence": f"{claimant} said Kupiansk was {trigger}.", "trigger": trigger,
            "sentence_index": 0, "extractor_version": "test",
            "geometry": Point(where[1], where[0])}


def frame(rows):
    return conform_claims(gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry",
                                           crs="EPSG:4326"))


RU = claim("ru", "control", "Russia", "Russia's General Staff", "russia:general-staff",
           "Russia", "2025-11-20")
UA = claim("ua", "repelled", None, "Ukraine's General Staff", "ukraine:general-staff",
           "Ukraine", "2025-11-21", trigger="repelled")
ISW = claim("isw", "control", "Russia", "ISW", "analyst:isw", "independent", "2025-11-22",
            kind="analyst")


def test_a_dispute_spans_articles_ingested_apart(target):
    with open_store(target) as store:
        store.ingest(pd.DataFrame([article("ru", "2025-11-20", "x")]), frame([RU]))
        first = store.claims()
        assert first["contest_id"].isna().all() and first["support_count"].tolist() == [1]
        # the answer comes in a later ingest: both claims now share a contest id
        store.ingest(pd.DataFrame([article("ua", "2025-11-21", "y")]), frame([UA]))
        got = store.claims().set_index("article_id")
        assert got.loc["ru", "contest_id"] == got.loc["ua", "contest_id"]
        assert str(got.loc["ru", "contest_id"]).startswith("contest:")
        # an independent analyst agrees with the capture: two supporters
        store.ingest(pd.DataFrame([article("isw", "2025-11-22", "z")]), frame([ISW]))
        got = store.claims().set_index("article_id")
        assert got.loc["ru", "support_count"] == 2 and got.loc["isw", "support_count"] == 2
        contested = store.claims(ClaimFilter(contested=True))
        assert set(contested["article_id"]) == {"ru", "ua", "isw"}
        parties = store.claims(ClaimFilter(assessment="parties"))
        assert set(parties["article_id"]) == {"ru", "ua"}


def test_replacing_an_article_dissolves_its_dispute(target):
    with open_store(target) as store:
        store.ingest(pd.DataFrame([article("ru", "2025-11-20", "x"),
                                   article("ua", "2025-11-21", "y")]), frame([RU, UA]))
        assert store.claims()["contest_id"].notna().all()
        # the Ukrainian article is corrected: it now reports a strike elsewhere in time
        moved = dict(UA, claim_type="strike", event_date="2025-12-30", published="2025-12-30",
                     claim_id="ua-strike", trigger="struck")
        store.ingest(pd.DataFrame([article("ua", "2025-12-30", "new text")]), frame([moved]))
        assert store.claims()["contest_id"].isna().all()


def _drop_columns(target, cols):
    if target.startswith("postgresql"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as con:
            for c in cols:
                con.execute(f'ALTER TABLE claims DROP COLUMN "{c}"')
    else:
        con = sqlite3.connect(target)
        con.execute("DROP INDEX IF EXISTS claims_contest_id_idx")  # stores before it had none
        for c in cols:
            con.execute(f'ALTER TABLE claims DROP COLUMN "{c}"')
        con.commit()
        con.close()


def test_old_store_gains_the_columns_and_their_values(target):
    text = ("Russia's defence ministry said its forces had captured Kupiansk. "
            "The ministry said Ukrainian attacks were repelled.")
    old_ru = dict(RU, claimant="Russia's defence ministry", claimant_id=None,
                  claimant_name=None, claimant_side=None, claimant_kind=None)
    old_ru2 = dict(old_ru, claim_id="ru-2", claim_type="repelled", claimant="ministry",
                   sentence="The ministry said Ukrainian attacks were repelled.",
                   sentence_index=1)
    old_ua = dict(UA, claimant="Kyiv", claimant_id=None, claimant_name=None,
                  claimant_side=None, claimant_kind=None)
    with open_store(target) as store:
        store.ingest(pd.DataFrame([article("ru", "2025-11-20", text),
                                   article("ua", "2025-11-21", "Kyiv said it held.")]),
                     frame([old_ru, old_ru2, old_ua]))
    new_cols = ["claimant_id", "claimant_name", "claimant_side", "claimant_kind",
                "contest_id", "support_count"]
    _drop_columns(target, new_cols)
    with open_store(target) as store:  # opening migrates
        got = store.claims().set_index("claim_id")
    assert got.loc["ru-control", "claimant_id"] == "russia:defence-ministry"
    assert got.loc["ru-2", "claimant_id"] == "russia:defence-ministry"  # "the ministry"
    assert got.loc["ua-repelled", "claimant_side"] == "Ukraine"  # "Kyiv"
    assert got.loc["ru-control", "contest_id"] == got.loc["ua-repelled", "contest_id"]
    assert len(got) == 3  # nothing lost


def test_both_back_ends_recompute_through_the_shared_steps(target, monkeypatch):
    import geo.disputes.stored as stored

    calls = []
    real = stored.dispute_changes

    def counted(rows, batch, **kw):
        calls.append((len(rows), len(batch)))
        return real(rows, batch, **kw)

    monkeypatch.setattr(stored, "dispute_changes", counted)
    with open_store(target) as store:
        store.ingest(pd.DataFrame([article("ru", "2025-11-20", "x")]), frame([RU]))
        store.ingest(pd.DataFrame([article("ua", "2025-11-21", "y")]), frame([UA]))
        got = store.claims().set_index("article_id")
    # the second batch read the first claim (its place and window) and was compared with it
    assert calls == [(0, 1), (1, 1)]
    assert got.loc["ru", "contest_id"] == got.loc["ua", "contest_id"]
    # without a window (no dates to compare) the steps leave the batch as it is
    monkeypatch.setattr(stored, "batch_window", lambda dates: None)
    with open_store(target) as store:
        store.ingest(pd.DataFrame([article("isw", "2025-11-22", "z")]), frame([ISW]))
        assert pd.isna(store.claims().set_index("article_id").loc["isw", "contest_id"])
    assert len(calls) == 2
