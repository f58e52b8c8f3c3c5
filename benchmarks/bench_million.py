"""The store at a million claims, GeoPackage and PostGIS side by side.

Per back end (one fresh store each, synthetic claims from :mod:`geo.synthetic`):

* ingest of ``--claims`` claims (4 per article) in store batches of 100,000 claims, in a
  child process: wall time, the child's peak memory (``VmHWM``), the store's size on disk
  (GeoPackage file + WAL; PostGIS ``pg_total_relation_size`` of both tables);
* filtered queries with a bounding box (medians of ``--runs``);
* GeoJSON export of every claim, streamed chunk by chunk
  (:func:`geo.export.stream.write_geojson_stream`), in a child process: time, peak memory,
  file size;
* filter to map HTML (:func:`geo.mapview.aggregate.store_map` + ``render_html``): time
  and payload, for a filter matching a quarter of the store and for no filter;
* GeoPackage: the dashboard's map and table pages under Streamlit's AppTest (first run,
  then a quarter set in the sidebar) and the map data they send.

Targets (issue 13): ingest peak memory < 1.5 GB; filtered bbox query < 200 ms; streamed
GeoJSON export memory < 1 GB; filter to map HTML < 1.5 s and payload < 5 MB. Heavy: run it
once, on a quiet machine if there is one. Results also go to
``benchmarks/out/bench_million.json``.

Usage: ``python benchmarks/bench_million.py [--claims 1000000] [--runs 5] [--skip-postgis]
[--skip-geopackage] [--store EXISTING.gpkg]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from geo.filters import ClaimFilter  # noqa: E402

BATCH_CLAIMS = 100_000
QUERIES = {
    "bbox Donbas + control/strike + one quarter": ClaimFilter(
        bbox=(36.5, 47.0, 39.0, 49.0), claim_types=("control", "strike"),
        date_from="2024-04-01", date_to="2024-06-30"),
    "small bbox (0.5 x 0.5 deg) near Kursk": ClaimFilter(bbox=(36.0, 51.5, 36.5, 52.0)),
    "bbox Donbas, one week": ClaimFilter(bbox=(36.5, 47.0, 39.0, 49.0),
                                         date_from="2024-05-01", date_to="2024-05-07"),
}
MAPS = {
    "one quarter (about 1/4 of the store)": ClaimFilter(date_from="2024-04-01",
                                                        date_to="2024-06-30"),
    "no filter (the whole store)": None,
}


def peak_rss_mb() -> float:
    """Return this process's peak resident memory (``VmHWM``) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def ingest_child(target: str, n_claims: int) -> dict:
    """Ingest ``n_claims`` synthetic claims in batches (runs in a child process)."""
    from geo.store import open_store
    from geo.synthetic import synthetic_articles, synthetic_claims

    store = open_store(target)
    t0 = time.perf_counter()
    written, in_store = 0, 0.0
    for k in range(0, n_claims, BATCH_CLAIMS):
        n = min(BATCH_CLAIMS, n_claims - k)
        seed = 1000 + k // BATCH_CLAIMS
        arts, claims = synthetic_articles(n // 4, seed=seed), synthetic_claims(n, seed=seed)
        t1 = time.perf_counter()
        summary = store.ingest(arts, claims)
        in_store += time.perf_counter() - t1
        written += summary.claims_written
        print(f"  {written:,} claims stored ({time.perf_counter() - t0:.0f} s)", flush=True)
    secs = time.perf_counter() - t0
    store.close()
    return {"seconds_in_store_ingest": in_store, "seconds_with_data_generation": secs,
            "claims": written, "peak_rss_mb": peak_rss_mb()}


def export_child(target: str, out: str) -> dict:
    """Stream every claim to GeoJSON (runs in a child process)."""
    from geo.export.stream import write_geojson_stream
    from geo.store import open_store

    store = open_store(target)
    t0 = time.perf_counter()
    n = write_geojson_stream(store.iter_claims(None, chunk=50_000), out)
    secs = time.perf_counter() - t0
    store.close()
    return {"seconds": secs, "claims": n, "peak_rss_mb": peak_rss_mb(),
            "file_mb": os.path.getsize(out) / 2**20}


def in_child(fn, *args):
    """Run ``fn(*args)`` in a fresh spawned process (its own peak memory)."""
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        return pool.submit(fn, *args).result()


def store_size_mb(target: str) -> float:
    """Return the store's size on disk in MB."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target) as con:
            return float(con.execute("SELECT (pg_total_relation_size('claims') + "
                                     "pg_total_relation_size('articles')) / 1048576.0"
                                     ).fetchone()[0])
    return sum(os.path.getsize(p) for p in (target, target + "-wal") if os.path.exists(p)) \
        / 2**20


def bench(name: str, target: str, n_claims: int, runs: int, tmp: str) -> dict:
    """Run every measurement on one back end."""
    from geo.mapview.aggregate import store_map
    from geo.mapview.build import render_html
    from geo.store import open_store

    out: dict = {}
    if n_claims:
        print(f"{name}: ingest {n_claims:,} claims", flush=True)
        out["ingest"] = in_child(ingest_child, target, n_claims)
        out["ingest"]["store_mb"] = store_size_mb(target)
    store = open_store(target)
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as con:
            con.execute("VACUUM ANALYZE claims")
    out["queries"] = {}
    for label, flt in QUERIES.items():
        times, rows = [], 0
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = len(store.claims(flt))
            times.append(time.perf_counter() - t0)
        out["queries"][label] = {"median_s": statistics.median(times), "rows": rows}
        print(f"  query {label}: {statistics.median(times) * 1000:.0f} ms, {rows} rows",
              flush=True)
    print(f"{name}: streamed GeoJSON export", flush=True)
    out["export_geojson_stream"] = in_child(export_child, target,
                                            str(Path(tmp) / f"{name}.geojson"))
    os.remove(Path(tmp) / f"{name}.geojson")
    out["maps"] = {}
    for label, flt in MAPS.items():
        times, size = [], 0
        for _ in range(max(1, runs // 2)):
            t0 = time.perf_counter()
            html = render_html(store_map(store, flt))
            times.append(time.perf_counter() - t0)
            size = len(html.encode("utf-8"))
        out["maps"][label] = {"median_s": statistics.median(times), "html_mb": size / 2**20}
        print(f"  map {label}: {statistics.median(times):.2f} s, {size / 2**20:.2f} MB",
              flush=True)
    store.close()
    if not target.startswith("postgresql://"):
        out["app"] = app_figures(target)
    return out


def app_figures(target: str) -> dict:
    """Time the dashboard's map and table pages on the store (Streamlit's AppTest).

    Each page is run cold (a fresh app: the store's options, counts and cells read),
    then with a filter set in the sidebar (one quarter); the map's data (cells + points
    payload) is measured as JSON text.
    """
    import datetime as dt

    from streamlit.testing.v1 import AppTest

    from geo.filters import ClaimFilter
    from geo.mapview import json_for_script
    from geo.mapview.aggregate import cell_features, cells_payload, store_cells
    from geo.store import open_store

    os.environ["GEO_STORE"] = target
    out: dict = {}
    for page in ("map", "table"):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        if page == "table":
            at.switch_page("pages/1_Claims_table.py")
        t0 = time.perf_counter()
        at.run()
        cold = time.perf_counter() - t0
        if at.exception:
            raise SystemExit(f"{page} page failed: {[e.value for e in at.exception]}")
        t0 = time.perf_counter()
        at.sidebar.date_input(key="f_dates").set_value((dt.date(2024, 4, 1),
                                                        dt.date(2024, 6, 30))).run()
        quarter = time.perf_counter() - t0
        out[f"{page} page: first run (s)"] = cold
        out[f"{page} page: a quarter set in the sidebar (s)"] = quarter
        print(f"  app {page} page: {cold:.2f} s cold, {quarter:.2f} s for a quarter",
              flush=True)
    with open_store(target) as store:
        for label, flt in (("no filter", None), ("one quarter", ClaimFilter(
                date_from="2024-04-01", date_to="2024-06-30"))):
            view = store_cells(store, flt)
            size = len(json_for_script(cells_payload(view))) + len(
                json_for_script(cell_features(view.counts, view.size)))
            out[f"map data sent, {label} (MB)"] = size / 2**20
            print(f"  app map data, {label}: {size / 2**20:.2f} MB", flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-postgis", action="store_true")
    parser.add_argument("--skip-geopackage", action="store_true")
    parser.add_argument("--store", metavar="EXISTING.gpkg",
                        help="measure this GeoPackage store as it is (no ingest, no PostGIS)")
    args = parser.parse_args()
    if args.store:
        results = {"store": args.store, "load_before": os.getloadavg()[0]}
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
            results["GeoPackage"] = bench("GeoPackage", args.store, 0, args.runs, tmp)
        results["load_after"] = os.getloadavg()[0]
        print(json.dumps(results, indent=2, default=float))
        return 0
    results: dict = {"claims": args.claims, "runs": args.runs,
                     "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        if not args.skip_geopackage:
            results["GeoPackage"] = bench("GeoPackage", str(Path(tmp) / "claims.gpkg"),
                                          args.claims, args.runs, tmp)
        if not args.skip_postgis:
            from postgis_server import PostgresServer, find_pg_bin

            bin_dir, reason = find_pg_bin()
            if bin_dir is None:
                print(f"PostGIS skipped: {reason}")
            else:
                server = PostgresServer(bin_dir, fast=False).start()
                try:
                    results["PostGIS"] = bench("PostGIS", server.new_database(), args.claims,
                                               args.runs, tmp)
                finally:
                    server.stop()
    results["load_after"] = os.getloadavg()[0]
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_million.json").write_text(json.dumps(results, indent=2, default=float))
    print(json.dumps(results, indent=2, default=float))
    return 0


if __name__ == "__main__":
    sys.exit(main())
