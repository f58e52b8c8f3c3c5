"""The store at a million claims: box queries and filter to map, GeoPackage and PostGIS.

One command, a few minutes once the store is built::

    python benchmarks/bench_million.py                      # GeoPackage, 1,000,000 claims
    python benchmarks/bench_million.py --compare ../before  # before/after, rounds interleaved
    python benchmarks/bench_million.py --postgis            # + PostGIS: ingest, size, queries

GeoPackage: the store is a file kept outside the repository (``--store``, default
``/tmp/geo-bench/claims-<N>.gpkg``) and reused between runs; when missing it is built
first (synthetic claims from :mod:`geo.synthetic`, 4 per article, store batches of
100,000 claims, in a child process; about 5 minutes on a quiet machine). The build uses a
256 MB SQLite page cache on its connections, a tooling choice that makes it several
times faster (the product keeps SQLite's default cache: ingest memory), so its time and
memory are not the product's ingest figures (those are PostGIS's here, and
``--ingest-figures`` builds with the product's settings).

Measured per round, in a fresh child process (the code under test is imported there):
the filtered box queries (:data:`QUERIES`, ``store.claims``, medians of ``--runs``) and
filter to map HTML (:data:`MAPS`, :func:`geo.mapview.aggregate.store_map` +
``render_html``: time and payload). ``--compare DIR`` measures another checkout (the code
before a change, e.g. a ``git archive`` of it) on a store built by that code
(``<store>.compare.gpkg``, also kept), the two children alternating for ``--rounds``
rounds, and prints the ratios after / before: on a shared machine only ratios taken in one
run mean something, so the load average is printed with them.

``--postgis`` starts a PostgreSQL server (:mod:`tests.postgis_server`, fsync on),
ingests the claims in a child process (time, peak memory ``VmHWM``, store size
``pg_total_relation_size``), then measures the same queries and maps. ``--export`` adds
the streamed GeoJSON export of every claim (time, peak memory, file size), ``--app``
the dashboard's map and table pages under Streamlit's AppTest (GeoPackage).

Targets (issue 13): ingest peak memory < 1.5 GB; filtered bbox query < 200 ms; streamed
GeoJSON export memory < 1 GB; filter to map HTML < 1.5 s and payload < 5 MB. Results go
to ``benchmarks/out/bench_million.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = Path(os.environ.get("BENCH_CODE") or ROOT)  # the checkout whose code is measured
sys.path.insert(0, str(CODE))
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
    "one week in the Donbas box": QUERIES["bbox Donbas, one week"],
}


def peak_rss_mb() -> float:
    """Return this process's peak resident memory (``VmHWM``) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load() -> str:
    """Return the 1-minute load average as text."""
    return f"{os.getloadavg()[0]:.1f}"


# -- child processes -------------------------------------------------------------------

def ingest(target: str, n_claims: int, build_cache: bool) -> dict:
    """Ingest ``n_claims`` synthetic claims in batches (run in a child process)."""
    from geo.store import open_store
    from geo.synthetic import synthetic_articles, synthetic_claims

    if build_cache and not target.startswith("postgresql://"):
        from geo.store.gpkg.store import GeoPackageStore

        plain = GeoPackageStore._connect

        def connect(self):
            con = plain(self)
            con.execute("PRAGMA cache_size = -262144")  # 256 MB: the build only
            return con

        GeoPackageStore._connect = connect
    store = open_store(target)
    t0 = time.perf_counter()
    written, in_store = 0, 0.0
    for k in range(0, n_claims, BATCH_CLAIMS):
        n = min(BATCH_CLAIMS, n_claims - k)
        seed = 1000 + k // BATCH_CLAIMS
        arts, claims = synthetic_articles(n // 4, seed=seed), synthetic_claims(n, seed=seed)
        t1 = time.perf_counter()
        written += store.ingest(arts, claims).claims_written
        in_store += time.perf_counter() - t1
        print(f"  {written:,} claims stored ({time.perf_counter() - t0:.0f} s, load {load()})",
              file=sys.stderr, flush=True)
    secs = time.perf_counter() - t0
    store.close()
    return {"seconds_in_store_ingest": in_store, "seconds_with_data_generation": secs,
            "claims": written, "peak_rss_mb": peak_rss_mb()}


def export(target: str, out: str) -> dict:
    """Stream every claim to GeoJSON (run in a child process)."""
    from geo.export.stream import write_geojson_stream
    from geo.store import open_store

    store = open_store(target)
    t0 = time.perf_counter()
    n = write_geojson_stream(store.iter_claims(None, chunk=50_000), out)
    secs = time.perf_counter() - t0
    store.close()
    return {"seconds": secs, "claims": n, "peak_rss_mb": peak_rss_mb(),
            "file_mb": os.path.getsize(out) / 2**20}


def measure(target: str, runs: int) -> dict:
    """Time the box queries and filter to map HTML on a store (run in a child process)."""
    from geo.mapview.aggregate import store_map
    from geo.mapview.build import render_html
    from geo.store import open_store

    store = open_store(target)  # an older store is migrated here, before any timing
    out: dict = {"queries": {}, "maps": {}}
    for label, flt in QUERIES.items():
        times, rows = [], 0
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = len(store.claims(flt))
            times.append(time.perf_counter() - t0)
        out["queries"][label] = {"median_s": statistics.median(times), "rows": rows}
    for label, flt in MAPS.items():
        times, size = [], 0
        for _ in range(runs):
            t0 = time.perf_counter()
            html = render_html(store_map(store, flt))
            times.append(time.perf_counter() - t0)
            size = len(html.encode("utf-8"))
        out["maps"][label] = {"median_s": statistics.median(times), "html_mb": size / 2**20}
    store.close()
    return out


def child(code: Path, fn: str, *args: object) -> dict:
    """Run ``fn(*args)`` of this script in a fresh process importing ``code``'s package."""
    env = {**os.environ, "BENCH_CODE": str(code)}
    proc = subprocess.run([sys.executable, __file__, "--child", fn, json.dumps(args)],
                          env=env, stdout=subprocess.PIPE, text=True, cwd=code)
    if proc.returncode != 0:
        raise SystemExit(f"{fn} in {code} failed (exit {proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- the runs ---------------------------------------------------------------------------

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


def built(code: Path, path: Path, n_claims: int, build_cache: bool) -> dict | None:
    """Build the GeoPackage ``path`` with ``code`` unless it exists; return the figures."""
    if path.exists():
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + ".part")
    for p in (part, Path(f"{part}-wal"), Path(f"{part}-shm")):
        p.unlink(missing_ok=True)
    print(f"building {path} ({n_claims:,} claims) with {code} (load {load()})", flush=True)
    figures = child(code, "ingest", str(part), n_claims, build_cache)
    import sqlite3

    con = sqlite3.connect(part)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    os.replace(part, path)
    figures["store_mb"] = store_size_mb(str(path))
    print(f"  built in {figures['seconds_with_data_generation']:.0f} s, peak "
          f"{figures['peak_rss_mb']:.0f} MB, {figures['store_mb']:.0f} MB", flush=True)
    return figures


def show(label: str, after: dict, before: dict | None = None) -> None:
    """Print one measure: seconds (and payload), and the ratio after / before."""
    for kind in ("queries", "maps"):
        for name, a in after[kind].items():
            extra = f", {a['rows']:,} rows" if "rows" in a else f", {a['html_mb']:.2f} MB"
            line = f"  {kind[:-1]:5} {name:<44} {a['median_s'] * 1000:7.0f} ms{extra}"
            if before is not None:
                b = before[kind][name]
                line += (f" | before {b['median_s'] * 1000:7.0f} ms: x"
                         f"{a['median_s'] / b['median_s']:.2f}")
            print(line, flush=True)


def median_of(rounds: list[dict]) -> dict:
    """Return the medians over rounds of each query's and map's median time."""
    out: dict = {"queries": {}, "maps": {}}
    for kind in out:
        for name in rounds[0][kind]:
            first = dict(rounds[0][kind][name])
            first["median_s"] = statistics.median(r[kind][name]["median_s"] for r in rounds)
            first["rounds_s"] = [r[kind][name]["median_s"] for r in rounds]
            out[kind][name] = first
    return out


def geopackage(args: argparse.Namespace, results: dict) -> None:
    """Build (if needed) and measure the GeoPackage store(s)."""
    store = Path(args.store or Path(os.environ.get("BENCH_TMP", "/tmp/geo-bench"))
                 / f"claims-{args.claims}.gpkg")
    codes = {"after": (ROOT, store)}
    if args.compare:
        codes["before"] = (Path(args.compare).resolve(),
                           store.with_name(store.stem + ".compare.gpkg"))
    for name, (code, path) in codes.items():
        figures = built(code, path, args.claims, not args.ingest_figures)
        if figures:
            results.setdefault("build", {})[name] = figures
    rounds: dict[str, list] = {name: [] for name in codes}
    for r in range(args.rounds):
        for name, (code, path) in reversed(codes.items()):  # before first, then after
            rounds[name].append(child(code, "measure", str(path), args.runs))
            print(f"round {r + 1} {name}: done (load {load()})", flush=True)
    results["GeoPackage"] = {name: median_of(rs) for name, rs in rounds.items()}
    print(f"\nGeoPackage, {args.claims:,} claims, medians of {args.rounds} round(s) of "
          f"{args.runs} runs (load {results['load_before']} -> {load()}):")
    show("GeoPackage", results["GeoPackage"]["after"], results["GeoPackage"].get("before"))
    if args.export:
        with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
            results["GeoPackage"]["export"] = child(ROOT, "export", str(store),
                                                    str(Path(tmp) / "all.geojson"))
        print(f"  streamed GeoJSON export: {results['GeoPackage']['export']}")
    if args.app:
        results["GeoPackage"]["app"] = app_figures(str(store))


def postgis(args: argparse.Namespace, results: dict) -> None:
    """Ingest into a fresh PostGIS database and measure it."""
    from postgis_server import PostgresServer, find_pg_bin

    bin_dir, reason = find_pg_bin()
    if bin_dir is None:
        print(f"PostGIS skipped: {reason}")
        return
    server = PostgresServer(bin_dir, fast=False).start()
    try:
        url = server.new_database()
        print(f"PostGIS: ingest {args.claims:,} claims (load {load()})", flush=True)
        out = {"ingest": child(ROOT, "ingest", url, args.claims, False)}
        out["ingest"]["store_mb"] = store_size_mb(url)
        import psycopg

        with psycopg.connect(url, autocommit=True) as con:
            con.execute("VACUUM ANALYZE claims")
        print(f"  ingest: {out['ingest']}", flush=True)
        out["after"] = median_of([child(ROOT, "measure", url, args.runs)
                                  for _ in range(args.rounds)])
        if args.export:
            with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
                out["export"] = child(ROOT, "export", url, str(Path(tmp) / "all.geojson"))
            print(f"  streamed GeoJSON export: {out['export']}")
        results["PostGIS"] = out
        print(f"\nPostGIS, {args.claims:,} claims (load {load()}):")
        show("PostGIS", out["after"])
    finally:
        server.stop()


def app_figures(target: str) -> dict:
    """Time the dashboard's map and table pages on the store (Streamlit's AppTest)."""
    import datetime as dt

    from streamlit.testing.v1 import AppTest

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
        out[f"{page} page: first run (s)"] = cold
        out[f"{page} page: a quarter set in the sidebar (s)"] = time.perf_counter() - t0
        print(f"  app {page} page: {cold:.2f} s cold, "
              f"{out[f'{page} page: a quarter set in the sidebar (s)']:.2f} s for a quarter",
              flush=True)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="runs per measure and round")
    parser.add_argument("--rounds", type=int, default=3, help="child processes per code")
    parser.add_argument("--store", metavar="PATH.gpkg",
                        help="the GeoPackage store, built there when missing and kept")
    parser.add_argument("--compare", metavar="DIR", help="another checkout to measure too")
    parser.add_argument("--postgis", action="store_true", help="also measure PostGIS")
    parser.add_argument("--skip-geopackage", action="store_true")
    parser.add_argument("--export", action="store_true", help="the streamed GeoJSON export")
    parser.add_argument("--app", action="store_true", help="the dashboard pages (AppTest)")
    parser.add_argument("--ingest-figures", action="store_true",
                        help="build the GeoPackage with the product's settings")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        fn, fn_args = args.child[0], json.loads(args.child[1])
        print(json.dumps({"ingest": ingest, "export": export, "measure": measure}[fn](
            *fn_args), default=float))
        return 0
    results: dict = {"claims": args.claims, "runs": args.runs, "rounds": args.rounds,
                     "load_before": load()}
    if not args.skip_geopackage:
        geopackage(args, results)
    if args.postgis:
        postgis(args, results)
    results["load_after"] = load()
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_million.json").write_text(json.dumps(results, indent=2, default=float))
    print(f"\nload {results['load_before']} -> {results['load_after']}; "
          f"{out / 'bench_million.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
