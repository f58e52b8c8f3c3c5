"""Benchmark the reference layers: importing coded events, and corroboration on a planted set.

Measures:

* import of 100,000 reference events: an ACLED-format CSV (31 columns, invented rows from
  :func:`geo.reference.planted.synthetic_events`) read with ``read_reference`` and written
  with ``add_events`` into a fresh store -- GeoPackage, and PostGIS when available.
  Target (issue 14): under 10 s, read + write.
* corroboration on a planted set (:mod:`geo.reference.planted`): claims with and without a
  matching event (half each; the others miss by distance, date or type), and control
  claims whose answer is ``inside``, ``later``, ``never`` or uncovered. Target: at least
  0.95 found correctly both ways.
* control checks at scale (``--control-sides``, ``--control-days``, ``--control-claims``):
  many sides, each with a daily snapshot (a 400-vertex polygon growing day by day), and
  control claims of every side on every day: ``assessed_control`` time and answer counts.

Results also go to ``benchmarks/out/bench_reference.json``.

Usage: ``python benchmarks/bench_reference.py [--events 100000] [--planted 2000]
[--skip-postgis] [--control-sides 40 --control-days 120 --control-claims 20000]
[--only import|control]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from geo.reference import read_reference  # noqa: E402
from geo.reference.corroborate import assessed_control, match_events  # noqa: E402
from geo.reference.planted import (  # noqa: E402
    planted_control,
    planted_events,
    synthetic_events,
)
from geo.reference.storage import add_events, load_events  # noqa: E402
from geo.store import open_store  # noqa: E402


def bench_import(csv_path: Path, target: str) -> dict:
    """Read and store the CSV once into ``target``; return the timings."""
    t0, c0 = time.perf_counter(), time.process_time()
    _, events = read_reference(csv_path)
    t1 = time.perf_counter()
    with open_store(target) as store:
        add_events(store, events)
        t2, c2 = time.perf_counter(), time.process_time()
        n = len(load_events(store))
    # cpu_s: this process only (SQLite runs in it; PostgreSQL's work is in its server);
    # on a loaded machine the wall time is several times the CPU time
    return {"read_s": round(t1 - t0, 2), "write_s": round(t2 - t1, 2),
            "total_s": round(t2 - t0, 2), "cpu_s": round(c2 - c0, 2), "rows_stored": n}


def bench_planted(n: int) -> dict:
    """Corroborate the planted sets; return the shares found correctly."""
    claims, events, expected = planted_events(n, km=25, days=3, seed=11)
    t0 = time.perf_counter()
    got = match_events(claims, events, km=25, days=3)
    t_match = time.perf_counter() - t0
    pos = expected != ""
    out = {"claims": n, "with_event": int(pos.sum()), "without_event": int((~pos).sum()),
           "found_when_planted": round(float((got[pos] == expected[pos]).mean()), 4),
           "empty_when_not_planted": round(float((got[~pos] == "").mean()), 4),
           "match_s": round(t_match, 2)}
    cl, control, answers = planted_control(n, seed=12)
    t0 = time.perf_counter()
    got = assessed_control(cl, control)
    out["control_s"] = round(time.perf_counter() - t0, 2)
    got, answers = got.fillna("none"), answers.fillna("none")
    for a in ("inside", "later", "never", "none"):
        sel = answers == a
        out[f"control_{a}_correct"] = round(float((got[sel] == a).mean()), 4)
    supported = answers == "inside"
    out["control_inside_found"] = round(float((got[supported] == "inside").mean()), 4)
    out["control_not_inside_kept_out"] = round(float((got[~supported] != "inside").mean()), 4)
    return out


def control_scene(sides: int, days: int, claims: int, *, vertices: int = 400,
                  seed: int = 4) -> tuple:
    """Return control claims and control polygons: ``sides`` sides, one snapshot a day each.

    Each side's area is a circle (``vertices`` vertices) around its own centre on a grid
    0.5 degrees apart, growing from 0.05 to 0.20 degrees in radius over the ``days``;
    claims fall up to 0.25 degrees from a random side's centre on a random day, so
    ``inside``, ``later`` and ``never`` all occur.
    """
    import datetime as dt

    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    rng = np.random.default_rng(seed)
    day0 = dt.date(2024, 1, 1).toordinal()
    centres = [(48.0 + 0.5 * (s // 10), 30.0 + 0.5 * (s % 10)) for s in range(sides)]
    rows, geoms = [], []
    for s, (lat, lon) in enumerate(centres):
        for d in range(days):
            radius = 0.05 + 0.15 * d / max(days - 1, 1)
            geoms.append(shapely.Point(lon, lat).buffer(radius, quad_segs=vertices // 4))
            rows.append({"control_id": f"s{s}:{d}", "side": f"Side {s}",
                         "date": dt.date.fromordinal(day0 + d).isoformat(), "label": None})
    control = gpd.GeoDataFrame(pd.DataFrame(rows), geometry=geoms, crs="EPSG:4326")
    which = rng.integers(0, sides, claims)
    lat = np.array([centres[w][0] for w in which]) + rng.uniform(-0.25, 0.25, claims)
    lon = np.array([centres[w][1] for w in which]) + rng.uniform(-0.25, 0.25, claims)
    date = [dt.date.fromordinal(day0 + int(x)).isoformat()
            for x in rng.integers(0, days, claims)]
    cl = gpd.GeoDataFrame(
        pd.DataFrame({"claim_type": "control", "actor": [f"Side {w}" for w in which],
                      "event_date": date, "published": date, "latitude": lat,
                      "longitude": lon}),
        geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")  # x = longitude
    return cl, control


def bench_control_scale(sides: int, days: int, claims: int) -> dict:
    """Time ``assessed_control`` on :func:`control_scene`; return time and answer counts."""
    cl, control = control_scene(sides, days, claims)
    t0 = time.perf_counter()
    got = assessed_control(cl, control)
    took = time.perf_counter() - t0
    counts = got.fillna("none").value_counts().to_dict()
    return {"sides": sides, "days": days, "polygons": len(control), "claims": claims,
            "control_s": round(took, 2), "answers": {k: int(v) for k, v in counts.items()}}


def bench_scale() -> float:
    """Time matching 10,000 synthetic claims against 100,000 synthetic events."""
    from geo.reference import read_events_bytes
    from geo.synthetic import synthetic_claims

    events = read_events_bytes(synthetic_events(100_000, seed=5).to_csv(index=False).encode(),
                               "synthetic.csv")
    claims = synthetic_claims(10_000, seed=5)
    t0 = time.perf_counter()
    match_events(claims, events)
    return round(time.perf_counter() - t0, 2)


def main() -> int:
    """Run the benchmark and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--planted", type=int, default=2_000)
    parser.add_argument("--skip-postgis", action="store_true")
    parser.add_argument("--control-sides", type=int, default=40)
    parser.add_argument("--control-days", type=int, default=120)
    parser.add_argument("--control-claims", type=int, default=20_000)
    parser.add_argument("--only", choices=("import", "control"), default=None,
                        help="run only the import or only the control-at-scale part")
    args = parser.parse_args()
    if args.only == "control":
        res = bench_control_scale(args.control_sides, args.control_days, args.control_claims)
        print(f"control checks at scale: {res}")
        return 0
    results: dict = {"cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "acled_synthetic.csv"
        synthetic_events(args.events).to_csv(csv_path, index=False)
        results["csv_mb"] = round(csv_path.stat().st_size / 1e6, 1)
        results["import_geopackage"] = bench_import(csv_path, str(Path(tmp) / "r.gpkg"))
        print(f"import {args.events} events, GeoPackage: {results['import_geopackage']}")
        if not args.skip_postgis:
            from postgis_server import PostgresServer, find_pg_bin

            bin_dir, reason = find_pg_bin()
            if bin_dir is None:
                print(f"PostGIS skipped: {reason}")
            else:
                server = PostgresServer(bin_dir, fast=False).start()
                try:
                    results["import_postgis"] = bench_import(csv_path, server.new_database())
                    print(f"import {args.events} events, PostGIS: {results['import_postgis']}")
                finally:
                    server.stop()
    if args.only == "import":
        return 0
    results["control_scale"] = bench_control_scale(args.control_sides, args.control_days,
                                                   args.control_claims)
    print(f"control checks at scale: {results['control_scale']}")
    results["planted"] = bench_planted(args.planted)
    results["match_10k_claims_100k_events_s"] = bench_scale()
    print(f"corroboration of 10,000 claims against 100,000 events: "
          f"{results['match_10k_claims_100k_events_s']} s")
    print(f"planted set: {results['planted']}")
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_reference.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
