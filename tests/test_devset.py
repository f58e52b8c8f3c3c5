"""Format checks of the development set in tests/devset/ (not a score threshold).

The set must stay usable by ../shared/eval/score.py: every gold line has the seed gold's
fields, its hint is found in its article's text after the scorer's normalisation, its
places are real points (GeoNames settlements, admin-1 representative points) or country
codes, its dates are valid, and a prediction that copies the gold scores perfectly.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from goldsets import (
    check_claimants_in_text,
    check_gold_lines,
    check_gold_unique,
    check_places,
    check_region_points,
    check_settlement_points,
    norm,
    read_jsonl,
)

from geo.schema import QUALIFIERS
from geo.sources import read_articles

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "devset"
ARTICLES = DEVSET / "articles.jsonl"
GOLD = DEVSET / "gold.jsonl"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
assert QUALIFIERS  # the gold carries no qualifier: the scorer does not check it


@pytest.fixture(scope="module")
def articles():
    return read_articles(ARTICLES)


@pytest.fixture(scope="module")
def gold():
    return read_jsonl(GOLD)


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
    check_gold_lines(gold, dict(zip(articles["id"], articles["published"], strict=True)))


def test_hints_and_claimants_are_in_the_article_text(gold, articles):
    texts = dict(zip(articles["id"], articles["text"], strict=True))
    for x in gold:
        assert norm(x["hint"]) in norm(texts[x["article_id"]]), (x["article_id"], x["hint"])
        # a hint stays inside one sentence
        assert not re.search(r"[.!?] [A-Z]", x["hint"]), x["hint"]
    check_claimants_in_text(gold, texts)


def test_places_well_formed(gold):
    check_places(gold)


def test_settlement_points_are_geonames_points(gold):
    check_settlement_points(gold)


def test_region_points_lie_in_an_admin1_region(gold):
    check_region_points(gold, ROOT / "data" / "boundaries" / "admin1.parquet",
                        exactly_one=False)


def test_gold_unique_and_non_conflict_news_has_no_claims(gold, articles):
    check_gold_unique(gold)
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
