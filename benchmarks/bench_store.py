"""Benchmark the claims store and exports: GeoPackage vs PostGIS, side by side.

Measures (medians of several runs, on synthetic data from :mod:`geo.synthetic`):

* store ingest of 10,000 articles with 40,000 claims (one transaction; fresh store per run),
  and re-ingest of the same batch (idempotent: nothing written);
* end-to-end ``geo ingest`` of 10,000 synthetic articles (extraction + store, one run,
  progress bar, peak memory of the process) -- ``--skip-cli`` leaves it out;
* on 100,000 stored claims: full read, three filtered queries, and exports (GeoJSON,
  ACLED CSV, GeoPackage, KML) of all 100,000.

Targets (issue 4): filtered query < 200 ms, GeoJSON export of 100k claims < 2 s.
The PostGIS column needs PostgreSQL + PostGIS (``make postgis``); a throw-away server is
started on loopback. Results also go to ``benchmarks/out/bench_store.json``.

Usage: ``python benchmarks/bench_store.py [--runs 5] [--skip-cli] [--skip-postgis]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tqdm import tqdm

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from geo import export  # noqa: E402
from geo.filters import ClaimFilter  # noqa: E402
from geo.store import open_store  # noqa: E402
from geo.synthetic import synthetic_articles, synthetic_claims  # noqa: E402

FILTERS = {
    "type+country+quarter": ClaimFilter(claim_types=("control", "strike"), countries=("UA",),
                                        date_from="2024-04-01", date_to="2024-06-30"),
    "one month": ClaimFilter(date_from="2024-03-01", date_to="2024-03-31"),
    "bbox Donbas": ClaimFilter(bbox=(36.5, 47.0, 39.0, 49.0)),
    "actor+claimant": ClaimFilter(actors=("Russia",), claimants=("Reuters",)),
}


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Return the peak resident set size in MB.

    For this process, ``VmHWM`` from ``/proc/self/status`` (``ru_maxrss`` survives
    ``exec`` on Linux, so a freshly spawned process would report its parent's peak).
    """
    if who == resource.RUSAGE_SELF:
        try:
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
    return resource.getrusage(who).ru_maxrss / 1024


def timed(fn, runs: int) -> tuple[float, object]:
    """Return (median seconds over ``runs``, last result)."""
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def bench_ingest(name: str, targets: list[str]) -> dict:
    """Ingest 10k articles into each fresh target (run in its own process for its memory)."""
    arts10k = synthetic_articles(10_000, seed=1)
    claims40k = synthetic_claims(40_000, seed=1)
    base_rss = peak_rss_mb()
    times, again_times = [], []
    for target in tqdm(targets, desc=f"{name}: ingest 10k articles", unit="run"):
        store = open_store(target)
        t0 = time.perf_counter()
        summary = store.ingest(arts10k, claims40k)
        times.append(time.perf_counter() - t0)
        assert summary.articles_new == 10_000 and summary.claims_written == 40_000
        t0 = time.perf_counter()
        again = store.ingest(arts10k, claims40k)
        again_times.append(time.perf_counter() - t0)
        assert again.articles_unchanged == 10_000 and again.claims_written == 0
        store.close()
    return {"ingest 10k articles / 40k claims": statistics.median(times),
            "re-ingest same 10k (no change)": statistics.median(again_times),
            "ingest process peak RSS (MB)": peak_rss_mb(),
            "  of which data + imports before ingest (MB)": base_rss}


def bench_backend(name: str, make_target, runs: int) -> dict:
    """Run every store measurement on one back end; return name -> seconds."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        out = pool.submit(bench_ingest, name, [make_target() for _ in range(runs)]).result()

    store = open_store(make_target())
    store.ingest(synthetic_articles(25_000, seed=0), synthetic_claims(100_000, seed=0))
    out["read all 100k claims"], everything = timed(store.claims, runs)
    assert len(everything) == 100_000
    for label, flt in tqdm(FILTERS.items(), desc=f"{name}: filtered queries", unit="query"):
        secs, got = timed(lambda flt=flt: store.claims(flt), runs)
        out[f"query: {label} ({len(got)} rows)"] = secs
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in tqdm(export.FORMATS, desc=f"{name}: exports of 100k", unit="format"):
            path = Path(tmp) / f"claims{export.FORMATS[fmt][2]}"
            n = runs if fmt == "geojson" else max(1, runs // 2)
            out[f"export 100k {fmt} (read + write)"] = timed(
                lambda path=path, fmt=fmt: export.export(store.claims(), path, fmt), n)[0]
            if fmt == "geojson":
                out["export 100k geojson (write only)"] = timed(
                    lambda path=path: export.write_geojson(everything, path), runs)[0]
    out["query/export process peak RSS (MB)"] = peak_rss_mb()
    store.close()
    return out


def bench_cli_ingest(n: int = 10_000, jobs: int = 2) -> dict:
    """Time ``geo ingest`` (extraction + store) of ``n`` synthetic articles, with its bar."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        synthetic_articles(n, seed=4).to_json(src, orient="records", lines=True)
        store = Path(tmp) / "claims.gpkg"
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "geo", "ingest", str(src), "--store",
                               str(store), "--jobs", str(jobs), "--progress"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
        secs = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"geo ingest failed ({proc.returncode})")
        print(proc.stdout.strip())
        return {f"geo ingest {n} articles, --jobs {jobs} (extract + store)": secs,
                "articles/s": n / secs,
                "peak RSS of the largest process: geo ingest or a worker (MB)": peak_rss_mb(
                    resource.RUSAGE_CHILDREN)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--skip-cli", action="store_true", help="skip the end-to-end ingest")
    parser.add_argument("--skip-postgis", action="store_true", help="GeoPackage only")
    args = parser.parse_args()

    # first, while this process is small: children's ru_maxrss starts from ours
    cli = {} if args.skip_cli else bench_cli_ingest()
    results: dict[str, dict] = {}
    tmp = tempfile.TemporaryDirectory()
    counter = iter(range(10**6))
    results["GeoPackage"] = bench_backend(
        "GeoPackage", lambda: str(Path(tmp.name) / f"s{next(counter)}.gpkg"), args.runs)

    server = None
    if not args.skip_postgis:
        from postgis_server import PostgresServer, find_pg_bin

        bin_dir, reason = find_pg_bin()
        if bin_dir is None:
            print(f"PostGIS skipped: {reason}")
        else:
            server = PostgresServer(bin_dir, fast=False).start()
    try:
        if server is not None:
            results["PostGIS"] = bench_backend("PostGIS", server.new_database, args.runs)
    finally:
        if server is not None:
            server.stop()
        tmp.cleanup()

    names = list(results)
    keys = list(dict.fromkeys(k for r in results.values() for k in r))
    width = max(len(k) for k in keys) + 2
    print(f"\nmedians of {args.runs} runs (seconds unless noted); "
          f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    print("".ljust(width) + "".join(n.rjust(12) for n in names))
    for k in keys:
        cells = []
        for n in names:
            v = results[n].get(k)
            cells.append("-".rjust(12) if v is None else f"{v:12.3f}")
        print(k.ljust(width) + "".join(cells))
    for k, v in cli.items():
        print(f"{k}: {v:.1f}")
    out_dir = ROOT / "benchmarks" / "out"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "bench_store.json").write_text(json.dumps(
        {"runs": args.runs, "backends": results, "cli": cli}, indent=2))
    failed = [f"{n}: {k}" for n, r in results.items() for k, v in r.items()
              if (k.startswith("query:") and v >= 0.2)
              or (k == "export 100k geojson (write only)" and v >= 2.0)]
    if failed:
        print("over target: " + "; ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
