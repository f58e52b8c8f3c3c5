"""Geocoding event reports: UCDP GED events, each with the coordinates its coder gave it.

The set is a UCDP Georeferenced Event Dataset file (CC BY 4.0) that you download from
UCDP (see ``benchmarks/data/ucdp_ged/README.md``): GED's own CSV, or JSON Lines with GED's
field names. It is not kept in this repository. Events located at country level or wider
(``where_prec`` 5-7) are left out, and every third event by ascending UCDP id is held out
(``split`` ``heldout``): never used for tuning.

Each event's report is the coder's own location text, as UCDP publishes it:
``where_description``, then its second- and first-level region and country where the
description does not already name them ("X village ..., East Champaran district,
Bihar state, India"). The product's place for the event is the first mention of the
report that the geocoder resolves (a coder names the event's place first and then the
areas that hold it).

Three systems, side by side in one run:

- ``geocoder``: :class:`geo.places.matcher.ToponymMatcher` and
  :class:`geo.places.geocode.Geocoder` over the report;
- ``population``: handed the name of the place UCDP took the coordinates from
  (``where_coordinates`` without its feature word: "Bazar village" -> "Bazar"), the
  most populous gazetteer entry of that name (exact, else loose spelling);
- ``pop+country``: the same inside the gold point's country (an oracle for the
  country), else as ``population``.

Reported per system: share within 25 km and within 161 km (Acc@161), median error (an
event left unplaced counts as infinitely far), and the share of precision-1 picks
(settlements) within 25 km. Rows: every event, and the ``local`` ones (UCDP
``where_prec`` 1-2: the exact place or within 25 km of a named place). Speed: reports
per second for matching and resolving together.

Run::

    python benchmarks/bench_geocode_events.py --set GEDEvent_v23_1.csv [--sample 1000]
        [--split all|dev|heldout] [--errors N] [--gazetteer-import SY.zip [UA.zip ...]]

With ``--gazetteer-import``, the analyst's lever: only the events inside the dumps'
countries, scored with the default gazetteer and then with the dumps imported by the
product's own import into a temporary cache (the cache in use is not touched).

(``--set`` defaults to ``$GEO_UCDP_GED_EVENTS``.)
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_geocode import _population_first, km  # noqa: E402
from bench_geocode_real import gold_country  # noqa: E402
from bench_geocode_real import print_table as print_systems  # noqa: E402

from geo.places import Gazetteer, fold  # noqa: E402
from geo.places.geocode import Geocoder  # noqa: E402
from geo.places.matcher import ToponymMatcher  # noqa: E402
from geo.places.place import SETTLEMENT  # noqa: E402

# GED's fields that the benchmark reads (the rest of GED's 49 columns are ignored)
FIELDS = ("id", "year", "country", "where_prec", "where_coordinates", "where_description",
          "adm_1", "adm_2", "latitude", "longitude")

# UCDP's feature words after a name ("Bazar village", "Ar Raqqah governorate")
_FEATURE = re.compile(
    r"\s+(?:town|village|city|suburb|neighbou?rhood|area|camp|district|province|governorate|"
    r"region|state|municipality|department|county|oblast|raion|zone|agency|territory|"
    r"prefecture|commune|lga|sub-district|subdistrict|island|mountains?|valley|river|"
    r"castle|hill|base|airport|road|market)$", re.IGNORECASE)


def _event(rec: dict) -> dict:
    """Keep GED's fields the benchmark reads, typed (empty text for missing values)."""
    ev = {k: ("" if rec.get(k) is None else str(rec[k]).strip()) for k in FIELDS}
    ev["id"] = int(float(ev["id"]))
    ev["where_prec"] = int(float(ev["where_prec"]))
    # GED gives latitude and longitude in separate columns (WGS84)
    ev["latitude"], ev["longitude"] = float(ev["latitude"]), float(ev["longitude"])
    if "split" in rec:
        ev["split"] = rec["split"]
    return ev


def load(path: Path, split: str, sample: int = 0) -> list[dict]:
    """Read a GED file (CSV or JSON Lines) and return the events of ``split``.

    Parameters
    ----------
    path : Path
        GED's CSV as UCDP ships it, or JSON Lines with GED's field names.
    split : str
        ``all``, ``dev`` or ``heldout``.
    sample : int
        Keep a random sample of this many events (seed 0) before splitting; 0 keeps all.

    Returns
    -------
    list of dict
        Events located at most at first-level-region scale (``where_prec`` 1-4), each
        with its ``split``: every third event by ascending id is ``heldout``.
    """
    with path.open(encoding="utf-8-sig", newline="") as fh:
        if path.suffix.lower() == ".csv":
            rows = list(csv.DictReader(fh))
            # HDX's copies carry a second header line of HXL tags ("#date+year")
            rows = [r for r in rows if str(r.get("id") or "").strip().isdigit()]
        else:
            rows = [json.loads(line) for line in fh if line.strip()]
    events = [e for e in (_event(r) for r in rows) if 1 <= e["where_prec"] <= 4]
    if sample and sample < len(events):
        events = random.Random(0).sample(events, sample)
    events.sort(key=lambda e: e["id"])
    for i, ev in enumerate(events):
        ev.setdefault("split", "heldout" if i % 3 == 2 else "dev")
    return [e for e in events if split == "all" or e["split"] == split]


def country_name(ged_country: str) -> str:
    """UCDP's country name without its historical name: "Yemen (North Yemen)" -> "Yemen"."""
    return re.sub(r"\s*\(.*?\)", "", ged_country).strip()


def _core(name: str) -> str:
    return _FEATURE.sub("", name.strip()).strip().lower()


def report_text(ev: dict) -> str:
    """Return the event's report: its location description, then the areas it omits."""
    desc = " ".join(ev["where_description"].split()).rstrip(" .,;")
    parts = [desc] if desc else []
    low = desc.lower()
    for area in (ev["adm_2"], ev["adm_1"], country_name(ev["country"])):
        if area and _core(area) and _core(area) not in low:
            parts.append(area)
            low += " " + area.lower()
    return ", ".join(parts) + "."


def gold_name(ev: dict) -> str:
    """Return the name of the place UCDP took the coordinates from, without feature word."""
    name = ev["where_coordinates"].split(",")[0].split("/")[0]
    name = re.sub(r"\s*\(.*?\)", "", name)
    return _FEATURE.sub("", name.strip()).strip()


def run_geocoder(gaz: Gazetteer, events: list[dict]) -> tuple[list, float]:
    """Return ``(lat, lon, precision, name)`` or None per event, and the seconds taken."""
    matcher, geocoder = ToponymMatcher(gaz, user_places=[]), Geocoder(gaz, user_places=[])
    out: list = []
    t0 = time.perf_counter()
    for ev in events:
        text = report_text(ev)
        mentions = matcher.find(text)
        res = geocoder.resolve_article(text, mentions) if mentions else []
        pick = next((r for r in res if r is not None), None)
        out.append(None if pick is None else
                   (pick.latitude, pick.longitude, pick.geo_precision, pick.location_text))
    return out, time.perf_counter() - t0


def run_population(gaz: Gazetteer, events: list[dict], in_country: bool) -> list:
    """Population-first picks for the gold name (optionally inside the gold country)."""
    out: list = []
    for ev in events:
        name = gold_name(ev)
        idx = None
        if in_country and name:
            cc = gold_country(gaz, ev["latitude"], ev["longitude"])
            key = fold(name)
            cands = [i for i, _ in gaz.candidates(key) or gaz.loose_candidates(key)
                     if gaz.cc[i] == cc]
            if cands:
                idx = max(cands, key=lambda i: gaz.pop_l[i])
        if idx is None and name:
            idx = _population_first(gaz, name)
        if idx is None:
            out.append(None)
        else:
            fc = gaz.fc_l[idx]
            out.append((gaz.lat_l[idx], gaz.lon_l[idx], 1 if fc == SETTLEMENT else 3,
                        str(gaz.names[idx])))
    return out


def _golds(events: list[dict]) -> list[dict]:
    return [{"lat": ev["latitude"], "lon": ev["longitude"]} for ev in events]


def print_table(gaz: Gazetteer, split: str, events: list[dict], errors: int = 0) -> dict:
    """Score the three systems on ``events`` and print the table; return the figures."""
    golds = _golds(events)
    local = [ev["where_prec"] <= 2 for ev in events]
    ccs = {ev["country"] for ev in events}
    geo, secs = run_geocoder(gaz, events)
    systems = {
        "geocoder": geo,
        "population": run_population(gaz, events, in_country=False),
        "pop+country": run_population(gaz, events, in_country=True),
    }
    print(f"\n== {split}: {len(events)} events, {len(ccs)} countries, "
          f"{sum(local)} local (where_prec 1-2)")
    figures = print_systems(systems, golds, local)
    print(f"geocoder speed: {len(events) / secs:,.0f} reports/s "
          f"({len(events)} reports matched and resolved in {secs:.2f} s)")
    if errors:
        worst = []
        for ev, p in zip(events, geo, strict=True):
            d = float("inf") if p is None else km(p[0], p[1], ev["latitude"], ev["longitude"])
            if d > 25:
                worst.append((d, ev, p))
        for d, ev, p in sorted(worst, key=lambda t: -t[0])[:errors]:
            got = "none" if p is None else f"{p[3]} (P{p[2]})"
            print(f"  {d:8.0f} km  prec {ev['where_prec']}  {report_text(ev)!r} -> {got}"
                  f"  [gold {ev['where_coordinates']}]")
    return figures


def in_countries(gaz: Gazetteer, events: list[dict], codes: set[str]) -> list[dict]:
    """Return the events whose gold point lies in one of the countries ``codes`` (ISO-2)."""
    return [ev for ev in events
            if gold_country(gaz, ev["latitude"], ev["longitude"]) in codes]


def compare_import(gaz: Gazetteer, dumps: list[Path], split: str, events: list[dict]) -> dict:
    """Score the events of the dumps' countries without and with the dumps imported.

    The dumps (GeoNames ``XX.zip`` / ``XX.txt``) are imported with the product's own
    import (:func:`geo.places.geonames_import.import_dumps`) into a throwaway cache in a
    temporary folder; the analyst's cache is not touched.

    Returns
    -------
    dict
        ``"cities500"`` and ``"imported"`` to the figures of each table.
    """
    import tempfile

    from geo.places.geonames_import import import_dumps

    codes = {Path(d).stem.split(".")[0].upper() for d in dumps}
    mine = in_countries(gaz, events, codes)
    out: dict = {}
    print(f"\n#### {split}: events in {', '.join(sorted(codes))} ({len(mine)}), "
          "cities500 alone, then with the import")
    out["cities500"] = print_table(gaz, f"{split}, cities500", mine)
    with tempfile.TemporaryDirectory(prefix="geo-import-") as tmp:
        sources = import_dumps(dumps, cache_dir=tmp)
        for src in sources:
            print(f"imported {src['name']}: {src['places']} places {src['by_class']}")
        out["imported"] = print_table(Gazetteer.load(tmp), f"{split}, cities500 + import", mine)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = os.environ.get("GEO_UCDP_GED_EVENTS")
    ap.add_argument("--set", type=Path, default=Path(default) if default else None,
                    help="a UCDP GED file (CSV or JSON Lines); default $GEO_UCDP_GED_EVENTS")
    ap.add_argument("--sample", type=int, default=0,
                    help="score a random sample of this many events (seed 0)")
    ap.add_argument("--split", choices=("all", "dev", "heldout"), default="all")
    ap.add_argument("--errors", type=int, default=0,
                    help="list the N worst geocoder errors (dev only: never look at heldout)")
    ap.add_argument("--gazetteer-import", type=Path, nargs="+", default=None, metavar="DUMP",
                    help="GeoNames country dumps (XX.zip / XX.txt): score the events of those "
                         "countries without and with them imported (into a temporary cache)")
    args = ap.parse_args(argv)
    if args.set is None or not args.set.is_file():
        print("bench_geocode_events: give a UCDP GED file with --set (download it from "
              "UCDP: see benchmarks/data/ucdp_ged/README.md)", file=sys.stderr)
        return 2
    gaz = Gazetteer.load()
    for split in (("heldout", "dev") if args.split == "all" else (args.split,)):
        events = load(args.set, split, args.sample)
        if args.gazetteer_import:
            compare_import(gaz, args.gazetteer_import, split, events)
            continue
        print_table(gaz, split, events, errors=args.errors if split == "dev" else 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
