"""Toponym resolution accuracy and speed on ``tests/data/toponyms.jsonl``.

Three systems, side by side in one run, over the same mentions in context:

- ``geocoder``: :class:`geo.places.matcher.ToponymMatcher` + :class:`geo.places.geocode.Geocoder`
  on the line's context and sentence (the mention the matcher found at the
  expected offset; if it found none there, the mention is handed to the
  geocoder as a plain name, and the miss is counted under ``recognised``);
- ``population``: population-first lookup in the same gazetteer (the most
  populous entry of that name; a trailing region word is dropped when the
  full phrase is unknown);
- ``geotext``: the PyPI package ``geotext`` (its city or country for the
  mention; a city is placed at the most populous gazetteer place of that name
  in geotext's country).

Scoring (team contract): a settlement is right within 25 km of the expected
point; an admin-1 region is right when the resolution is that region (same
country and GeoNames admin-1 code, or an admin-1 polygon holding the expected
point); a country is right when the resolution is country-level with the same
ISO code.

Speed: mentions resolved per second by ``Geocoder.resolve_article`` (matching
excluded), and the matcher's throughput.

Usage::

    python benchmarks/bench_geocode.py [--set tests/data/toponyms.jsonl] [--errors]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.places import Gazetteer, fold  # noqa: E402
from geo.places.geocode import Geocoder, Resolved  # noqa: E402
from geo.places.lexicon import REGION_WORDS  # noqa: E402
from geo.places.matcher import ToponymMatcher  # noqa: E402
from geo.places.mentions import Mention  # noqa: E402

DEFAULT_SET = ROOT / "tests" / "data" / "toponyms.jsonl"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def load_set(path: Path) -> list[dict]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            context = row.get("context") or ""
            text = (context + " " + row["sentence"]) if context else row["sentence"]
            offset = (len(context) + 1 if context else 0) + row["sentence"].index(row["mention"])
            row["_text"], row["_start"] = text, offset
            row["_end"] = offset + len(row["mention"])
            rows.append(row)
    return rows


def correct(gaz: Gazetteer, res: dict | None, exp: dict) -> bool:
    """Score one resolution (dict with feature_class, country_code, admin1_code, lat, lon)."""
    if res is None:
        return False
    fc = exp["feature_class"]
    if fc == "settlement":
        return km(res["lat"], res["lon"], exp["lat"], exp["lon"]) <= 25.0
    if fc == "admin1":
        if res["feature_class"] != "admin1":
            return False
        if res["country_code"] == exp["country_code"] and res["admin1_code"] == exp["admin1_code"]:
            return True
        geom = res.get("geometry")
        return geom is not None and geom.contains(shapely.Point(exp["lon"], exp["lat"]))
    return res["feature_class"] == "country" and res["country_code"] == exp["country_code"]


def from_resolved(gaz: Gazetteer, r: Resolved | None) -> dict | None:
    if r is None:
        return None
    a1 = ""
    if not r.place_id.startswith("user:"):
        a1 = gaz.get(r.place_id).admin1_code
    return {
        "feature_class": r.feature_class,
        "country_code": r.country_code,
        "admin1_code": a1,
        "lat": r.latitude,
        "lon": r.longitude,
        "geometry": r.geometry,
        "name": r.place_name,
    }


def from_index(gaz: Gazetteer, idx: int | None) -> dict | None:
    if idx is None:
        return None
    p = gaz.place(idx)
    return {
        "feature_class": p.feature_class,
        "country_code": p.country_code,
        "admin1_code": p.admin1_code,
        "lat": p.lat,
        "lon": p.lon,
        "geometry": gaz.geometry_at(idx) if p.feature_class != "settlement" else None,
        "name": p.name,
    }


# ----------------------------------------------------------------------------- systems


def run_geocoder(gaz, matcher, geocoder, rows):
    out, recognised = [], 0
    for row in rows:
        text = row["_text"]
        mentions = matcher.find(text)
        target = None
        for k, m in enumerate(mentions):
            if m.start < row["_end"] and row["_start"] < m.end:
                target = k
                break
        if target is None:
            m = Mention(row["_start"], row["_end"], row["mention"], "name", name=row["mention"],
                        key=fold(row["mention"]))
            mentions = sorted([*mentions, m], key=lambda x: x.start)
            target = mentions.index(m)
        else:
            recognised += 1
        res = geocoder.resolve_article(text, mentions)[target]
        out.append(from_resolved(gaz, res))
    return out, recognised


def _population_first(gaz: Gazetteer, name: str) -> int | None:
    key = fold(name)
    cands = gaz.candidates(key) or gaz.loose_candidates(key)
    if not cands:
        words = key.split()
        while words and words[-1] in REGION_WORDS:
            words.pop()
        if words and words[0] == "the":
            words.pop(0)
        if words:
            cands = gaz.candidates(" ".join(words)) or gaz.loose_candidates(" ".join(words))
    if not cands:
        return None
    return max(cands, key=lambda c: int(gaz.pop[c[0]]))[0]


def run_population(gaz, rows):
    return [from_index(gaz, _population_first(gaz, row["mention"])) for row in rows]


def run_geotext(gaz, rows):
    from geotext import GeoText

    out = []
    for row in rows:
        gt = GeoText(row["_text"])
        mention = row["mention"]
        names = [mention] + [
            " ".join(w for w in mention.split() if w.lower() not in REGION_WORDS and w != "the")
        ]
        res = None
        for name in names:
            low = name.lower()
            if name in gt.countries and low in gt.index.countries:
                cc = gt.index.countries[low]
                res = from_index(gaz, gaz.country_index(cc))
            elif name in gt.cities and low in gt.index.cities:
                cc = gt.index.cities[low]
                cands = [i for i, _ in gaz.candidates(fold(name)) if gaz.cc[i] == cc]
                cands = [i for i in cands if int(gaz.fclass[i]) == 0] or cands
                if cands:
                    res = from_index(gaz, max(cands, key=lambda i: int(gaz.pop[i])))
            if res is not None:
                break
        out.append(res)
    return out


# ------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--errors", action="store_true", help="list the geocoder's errors")
    args = parser.parse_args(argv)
    rows = load_set(args.set)
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    load_s = time.perf_counter() - t0
    matcher = ToponymMatcher(gaz)
    geocoder = Geocoder(gaz, user_places=[])

    systems = {}
    systems["geocoder"], recognised = run_geocoder(gaz, matcher, geocoder, rows)
    systems["population"] = run_population(gaz, rows)
    systems["geotext"] = run_geotext(gaz, rows)

    by_class: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for name, results in systems.items():
        for row, res in zip(rows, results, strict=True):
            ok = correct(gaz, res, row["expected"])
            totals[name] += ok
            by_class[row["expected"]["feature_class"]][name] += ok
    n = len(rows)
    n_class = Counter(row["expected"]["feature_class"] for row in rows)
    shown = args.set.relative_to(ROOT) if args.set.is_relative_to(ROOT) else args.set
    print(f"toponym set: {shown} ({n} mentions); gazetteer load {load_s:.2f} s")
    print(f"{'system':<12}{'all':>16}" + "".join(f"{c:>16}" for c in sorted(n_class)))
    for name in systems:
        cells = f"{totals[name]}/{n} {100 * totals[name] / n:5.1f}%"
        per = "".join(
            f"{by_class[c][name]:>6}/{n_class[c]:<3} {100 * by_class[c][name] / n_class[c]:5.1f}%"
            for c in sorted(n_class)
        )
        print(f"{name:<12}{cells:>16}{per}")
    print(f"recognised by the matcher at the expected offset: {recognised}/{n}")

    # speed: resolution only, then matching
    docs = [(row["_text"], matcher.find(row["_text"])) for row in rows]
    n_mentions = sum(len(ms) for _, ms in docs)
    reps = max(1, int(20000 / max(1, n_mentions)))
    for text, ms in docs:  # warm up: polygons of regions are read on first use
        geocoder.resolve_article(text, ms)
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(reps):
        for text, ms in docs:
            geocoder.resolve_article(text, ms)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    print(f"resolution: {reps * n_mentions / dt:,.0f} mentions/s wall, "
          f"{reps * n_mentions / dc:,.0f} mentions/s CPU "
          f"({reps * n_mentions} mentions in {dt:.2f} s)")
    chars = sum(len(t) for t, _ in docs)
    t0 = time.perf_counter()
    for _ in range(reps):
        for text, _ in docs:
            matcher.find(text)
    dt = time.perf_counter() - t0
    print(f"matching: {reps * chars / dt / 1e6:.2f} M chars/s")

    if args.errors:
        for row, res in zip(rows, systems["geocoder"], strict=True):
            if not correct(gaz, res, row["expected"]):
                e = row["expected"]
                got = None if res is None else (res["name"], res["feature_class"],
                                                 res["country_code"], res["admin1_code"])
                print(f"  {row['id']}: {row['mention']!r} want {e['name']} {e['feature_class']} "
                      f"{e['country_code']} {e.get('admin1_code', '')} got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
