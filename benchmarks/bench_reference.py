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

Results also go to ``benchmarks/out/bench_reference.json``.

Usage: ``python benchmarks/bench_reference.py [--events 100000] [--planted 2000]
[--skip-postgis]``
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
    t0 = time.perf_counter()
    _, events = read_reference(csv_path)
    t1 = time.perf_counter()
    with open_store(target) as store:
        add_events(store, events)
        t2 = time.perf_counter()
        n = len(load_events(store))
    return {"read_s": round(t1 - t0, 2), "write_s": round(t2 - t1, 2),
            "total_s": round(t2 - t0, 2), "rows_stored": n}


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
    args = parser.parse_args()
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
