"""Extraction throughput: serial, ``--jobs 2``, Dask 1 and 2 workers, a CLI-started cluster.

The CLI-started cluster is ``dask scheduler`` + 2 ``dask worker`` processes. Every
configuration extracts the same articles (the sample corpus and the development sets,
repeated with fresh ids to ``--articles``) through the same batch function
(:func:`geo.runners.extract_batch`), after a warm-up batch so that every worker has
loaded the model (start-up is reported apart). Figures are wall-clock medians of
``--runs`` runs, in articles per second, with the claim ids checked identical to the
serial run's. ``--cli`` also times ``geo extract`` end to end (start-up included) with
each option, once.

The machine this runs on may be shared: ratios between configurations are only as good
as the machine is quiet (the load average is printed with the figures).

Usage: ``python benchmarks/bench_dask.py [--runs 3] [--articles 120] [--batch-size 5]
[--cli]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.runners import PoolRunner, SerialRunner, in_batches, process_resources  # noqa: E402
from geo.sources import read_articles  # noqa: E402

SOURCES = [ROOT / "data" / "sample" / "seed_articles.jsonl",
           *sorted((ROOT / "tests").glob("devset*/articles.jsonl"))]


def corpus(n: int) -> pd.DataFrame:
    """Return ``n`` news-style articles: the sample and dev sets, repeated with new ids."""
    base = read_articles([p for p in SOURCES if p.exists()])
    reps = -(-n // len(base))
    frames = []
    for r in range(reps):
        f = base.copy()
        f["id"] = f["id"].astype(str) + f"~{r}"
        frames.append(f)
    return pd.concat(frames, ignore_index=True).iloc[:n].reset_index(drop=True)


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(runner, articles: pd.DataFrame, batch: int, runs: int) -> tuple[float, list]:
    """Return (median seconds to extract ``articles``, claim ids of the last run)."""
    # warm-up: one small batch per worker, so every worker has loaded the model
    warm = [articles.iloc[i:i + 1] for i in range(max(2, runner.parallelism))]
    list(runner.map(warm))
    times, ids = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        ids = []
        for _, claims, errors in runner.map(in_batches(articles, batch)):
            if errors:
                raise SystemExit(f"extraction errors: {errors[:3]}")
            ids += claims["claim_id"].tolist()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), ids


@contextlib.contextmanager
def cli_cluster(workers: int = 2):
    """Start ``dask scheduler`` and ``workers`` ``dask worker`` processes on loopback."""
    from distributed import Client

    dask = Path(sys.executable).with_name("dask")
    port = free_port()
    procs = []
    log = open(os.devnull, "w")  # noqa: SIM115
    try:
        procs.append(subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port",
                                       str(port), "--dashboard-address", ":0"], stdout=log,
                                      stderr=log, start_new_session=True))
        address = f"tcp://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("dask scheduler did not start")
            time.sleep(0.1)
        for i in range(workers):
            procs.append(subprocess.Popen(
                [str(dask), "worker", address, "--nthreads", "1", "--nworkers", "1",
                 "--host", "127.0.0.1", "--no-dashboard", "--memory-limit", "0",
                 "--name", f"w{i}"], stdout=log, stderr=log, start_new_session=True))
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(workers, timeout=300)
            yield address
    finally:
        for p in reversed(procs):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        log.close()


def cli_runs(articles: pd.DataFrame, address: str | None, tmp: Path) -> dict:
    """Time ``geo extract`` end to end (start-up and model loads included), once each."""
    src = tmp / "articles.jsonl"
    articles.to_json(src, orient="records", lines=True, force_ascii=False)
    configs = {"geo extract (serial)": [], "geo extract --jobs 2": ["--jobs", "2"],
               "geo extract --workers 2": ["--workers", "2"]}
    if address:
        configs["geo extract --scheduler (CLI cluster, 2 workers)"] = ["--scheduler", address]
    out, outputs = {}, {}
    for name, extra in configs.items():
        dest = tmp / f"{len(out)}.geojson"
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "geo", "extract", str(src), "--out",
                               str(dest), "--no-progress", *extra], cwd=ROOT,
                              capture_output=True, text=True)
        secs = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"{name} failed: {proc.stderr[-500:]}")
        outputs[name] = dest.read_bytes()
        out[name] = {"seconds": secs, "articles_per_s": len(articles) / secs}
        print(f"{name:<50} {secs:6.1f} s end to end", flush=True)
    first = next(iter(outputs.values()))
    for name in out:
        out[name]["same_output_as_serial"] = outputs[name] == first
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--batch-size", type=int, default=5)
    parser.add_argument("--cli", action="store_true",
                        help="also time `geo extract` end to end with each option, once")
    args = parser.parse_args()
    from geo.distributed import connect

    articles = corpus(args.articles)
    results: dict[str, dict] = {}

    def record(name: str, runner, startup: float) -> None:
        secs, ids = measure(runner, articles, args.batch_size, args.runs)
        results[name] = {"seconds": secs, "articles_per_s": len(articles) / secs,
                         "startup_s": startup, "claims": len(ids), "ids": ids,
                         "load": os.getloadavg()[0]}
        print(f"{name:<34} {len(articles) / secs:7.2f} articles/s  ({secs:.1f} s, start-up "
              f"{startup:.1f} s, load {os.getloadavg()[0]:.1f})", flush=True)

    t0 = time.perf_counter()
    res = process_resources()
    record("serial", SerialRunner(res), time.perf_counter() - t0)

    t0 = time.perf_counter()
    with PoolRunner(2) as pool:
        record("--jobs 2 (process pool)", pool, time.perf_counter() - t0)

    for n in (1, 2):
        t0 = time.perf_counter()
        with connect(None, n, dashboard_address=":0") as runner:
            record(f"Dask LocalCluster, {n} worker(s)", runner, time.perf_counter() - t0)

    cli: dict = {}
    t0 = time.perf_counter()
    with cli_cluster(2) as address:
        with connect(address, None) as runner:
            record("Dask CLI scheduler + 2 workers", runner, time.perf_counter() - t0)
        if args.cli:
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                cli = cli_runs(articles, address, Path(tmp))

    serial_ids = results["serial"]["ids"]
    for r in results.values():
        r["same_claim_ids_as_serial"] = r.pop("ids") == serial_ids
    base = results["serial"]["articles_per_s"]
    jobs2 = results["--jobs 2 (process pool)"]["articles_per_s"]
    print(f"\n{len(articles)} articles, batches of {args.batch_size}, medians of {args.runs} "
          f"runs, {os.cpu_count()} CPUs")
    for name, r in results.items():
        print(f"{name:<34} {r['articles_per_s']:7.2f}/s  x{r['articles_per_s'] / base:.2f} "
              f"serial  x{r['articles_per_s'] / jobs2:.2f} --jobs 2  same ids: "
              f"{r['same_claim_ids_as_serial']}")
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_dask.json").write_text(json.dumps(
        {"articles": len(articles), "batch_size": args.batch_size, "runs": args.runs,
         "results": results, "cli": cli}, indent=2))
    same = all(r["same_claim_ids_as_serial"] for r in results.values()) and all(
        r["same_output_as_serial"] for r in cli.values())
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
