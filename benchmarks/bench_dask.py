"""Extraction throughput: serial, ``--jobs 2``, Dask 1 and 2 workers, a CLI-started cluster.

One command, about five minutes on a quiet 2-core machine::

    python benchmarks/bench_dask.py            # [--articles 60] [--runs 3] [--batch-size 3]
    python benchmarks/bench_dask.py --articles 300 --runs 2 --batch-size 25 --with-memory-limit

Five configurations extract the same articles (:func:`corpus`: ``--runs`` sets of
``--articles`` articles, a new set each run, none seen before by any process, the same
sets for every configuration) through the same batch function
(:func:`geo.runners.extract_batch`): this process; a pool of 2 processes (``--jobs 2``);
a Dask ``LocalCluster`` of 1 and of 2 worker processes (``--workers N``); ``dask
scheduler`` + 2 ``dask worker`` processes started from the command line
(``--scheduler``, :class:`tests.dask_cluster.CliCluster`).

Fair by construction:

* every process computes with one thread (``OMP/OPENBLAS/MKL_NUM_THREADS=1``, which Dask
  sets for its workers anyway; set here for the serial process and the pool too), in a
  session of its own (:func:`own_session`: on a busy Linux machine, processes sharing a
  session share one CPU share);
* start-up (pool or cluster up) and model load (each worker loading the model and the
  gazetteer, then a warm-up of 8 other articles) are timed apart from the throughput:
  every worker has loaded its model before the clock starts;
* new articles every run: re-extracting the same texts times the extraction's caches,
  which a single process fills in its first run and each worker of a cluster only for
  the texts it happens to get (measured at load 11 with the same 60 articles each run:
  a ``LocalCluster`` of 2 at 5.8, 8.2, 8.7 articles/s in runs 1 to 3, its workers busy
  97 to 99% of the time, so the rise was computing, not scheduling);
* one configuration at a time (two Dask clusters with their schedulers in one process
  slow each other down), its runs back to back; the rate is over all runs;
* the claim ids of every configuration are checked identical to the serial run's.

``--cli`` also times ``geo extract`` end to end (start-up included) with each option,
once. The load average is printed with the figures: on a shared machine ratios are only
as good as the machine is quiet. Results also go to ``benchmarks/out/bench_dask.json``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before numpy loads: one thread per process

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from dask_cluster import CliCluster  # noqa: E402

from geo.runners import PoolRunner, SerialRunner, in_batches, process_resources  # noqa: E402
from geo.sources import read_articles  # noqa: E402

SOURCES = [ROOT / "data" / "sample" / "seed_articles.jsonl",
           *sorted((ROOT / "tests").glob("devset*/articles.jsonl")),
           # short real reports (Wikipedia's current events portal); read for timing only
           ROOT / "tests" / "realtext" / "dev" / "articles.jsonl",
           ROOT / "tests" / "realtext" / "fresh" / "articles.jsonl"]
#: Articles of the warm-up (one-article batches spread over the workers).
WARM = 8


def corpus(n: int, runs: int) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    """Return the warm-up articles and ``runs`` sets of ``n`` articles, all different.

    Every run extracts articles no process has seen: repeating the same texts would
    time the extraction's caches (place candidates, geometries), which a worker of a
    cluster fills only for the texts it happens to get, and not a real stream of new
    articles. The sample and development sets (about 1,000 characters each) and short
    real reports (about 150), shuffled once with a fixed seed so that each run has the
    same mix. If there are too few, texts repeat under new ids (said on the terminal).
    """
    base = read_articles([p for p in SOURCES if p.exists()])
    base = base.drop_duplicates("text").sample(frac=1.0, random_state=0)
    need = WARM + n * runs
    if len(base) < need:
        print(f"only {len(base)} distinct articles for {need}: texts repeat", flush=True)
    frames = []
    for r in range(-(-need // len(base))):
        f = base.copy()
        f["id"] = f["id"].astype(str) + (f"~{r}" if r else "")
        frames.append(f)
    allof = pd.concat(frames, ignore_index=True).iloc[:need].reset_index(drop=True)
    return allof.iloc[:WARM], [allof.iloc[WARM + k * n: WARM + (k + 1) * n]
                               .reset_index(drop=True) for k in range(runs)]


def own_session() -> int:
    """Move this process into a session of its own; return its pid.

    With Linux's scheduler autogroups (``/proc/sys/kernel/sched_autogroup_enabled``),
    CPU time is shared fairly between sessions first: on a busy machine two worker
    processes in the benchmark's session would share one session's share and could
    never show a speed-up, while processes in sessions of their own (the CLI cluster's)
    get one share each. Every computing process gets its own session here, so that the
    configurations compete alike.
    """
    try:
        os.setsid()
    except OSError:  # already a session or process-group leader
        pass
    return os.getpid()


def warm_up(runner, articles: pd.DataFrame) -> float:
    """Run the warm-up articles in one-article batches (every model loaded); return seconds."""
    t0 = time.perf_counter()
    list(runner.map([articles.iloc[i:i + 1] for i in range(len(articles))]))
    return time.perf_counter() - t0


def one_run(runner, articles: pd.DataFrame, batch: int) -> tuple[float, list]:
    """Return (seconds to extract ``articles``, their claim ids)."""
    t0 = time.perf_counter()
    ids = []
    for _, claims, errors in runner.map(in_batches(articles, batch)):
        if errors:
            raise SystemExit(f"extraction errors: {errors[:3]}")
        ids += claims["claim_id"].tolist()
    return time.perf_counter() - t0, ids


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


def configurations(warm: pd.DataFrame, with_limit: bool = False):
    """Start the configurations one at a time; yield ``(name, runner, timings)``.

    The caller closes each runner before asking for the next: two Dask clusters with
    their schedulers in one process slow each other down (measured: a ``LocalCluster``
    of 2 at 6 articles/s beside the other clusters, 23 to 28 alone, serial 13 to 19).
    """
    from distributed import Client

    from geo.distributed import DaskRunner, start_local_cluster

    def timed(runner, started: float, up_s: float) -> dict:
        load_s = time.perf_counter() - started - up_s  # the models, loaded by the runner
        load_s += warm_up(runner, warm)
        return {"startup_s": up_s, "model_load_s": load_s}

    t0 = time.perf_counter()
    runner = SerialRunner(process_resources())
    yield "serial", runner, timed(runner, t0, 0.0)
    t0 = time.perf_counter()
    runner = PoolRunner(2, init=own_session)
    yield "--jobs 2 (process pool)", runner, timed(runner, t0, 0.0)
    for n, limit in ((1, 0), (2, 0), *([(2, "auto")] if with_limit else [])):
        t0 = time.perf_counter()
        cluster = start_local_cluster(n, dashboard_address=":0", memory_limit=limit)
        client = Client(cluster)
        up = time.perf_counter() - t0
        client.run(own_session)
        runner = DaskRunner(client, cluster=cluster)
        name = f"Dask LocalCluster, {n} worker(s)" + (", memory limit" if limit else "")
        yield name, runner, timed(runner, t0, up)
    t0 = time.perf_counter()
    cli = CliCluster(2).start()
    try:
        up = time.perf_counter() - t0
        runner = DaskRunner(cli.client)
        yield "Dask CLI scheduler + 2 workers", runner, timed(runner, t0, up)
    finally:
        cli.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--batch-size", type=int, default=3)
    parser.add_argument("--with-memory-limit", action="store_true",
                        help="also a LocalCluster of 2 with Dask's default memory limit "
                             "(the workers' memory polls, as before geo turned them off)")
    parser.add_argument("--cli", action="store_true",
                        help="also time `geo extract` end to end with each option, once")
    args = parser.parse_args()
    own_session()  # the serial runner computes in this process
    warm, sets = corpus(args.articles, args.runs)
    articles = pd.concat(sets, ignore_index=True)  # (the --cli runs extract them all)
    t_start = time.perf_counter()
    load_before = os.getloadavg()[0]
    results: dict[str, dict] = {}
    cli: dict = {}
    serial_ids: list = []
    for name, runner, timings in configurations(warm, args.with_memory_limit):
        print(f"{name:<34} up in {timings['startup_s']:5.1f} s, models loaded in "
              f"{timings['model_load_s']:5.1f} s (load {os.getloadavg()[0]:.1f})", flush=True)
        try:
            times, ids = [], []
            for r, run_set in enumerate(sets):  # new articles each run, the same for all
                secs, run_ids = one_run(runner, run_set, args.batch_size)
                times.append(secs)
                ids += run_ids
                print(f"run {r + 1}: {name:<34} {len(run_set) / secs:6.2f} articles/s "
                      f"(load {os.getloadavg()[0]:.1f})", flush=True)
            serial_ids = serial_ids or ids
            secs = sum(times)
            results[name] = {**timings, "seconds": secs, "runs_s": times,
                             "articles_per_s": len(articles) / secs, "claims": len(ids),
                             "same_claim_ids_as_serial": ids == serial_ids}
            if args.cli and name.startswith("Dask CLI"):
                import tempfile

                with tempfile.TemporaryDirectory() as tmp:
                    cli = cli_runs(articles, runner.client.scheduler.address, Path(tmp))
        finally:
            runner.close()
    base = results["serial"]["articles_per_s"]
    jobs2 = results["--jobs 2 (process pool)"]["articles_per_s"]
    load_after = os.getloadavg()[0]
    print(f"\n{args.runs} runs of {args.articles} new articles, batches of {args.batch_size}, "
          f"rate over all runs, {os.cpu_count()} CPUs, load {load_before:.1f} -> "
          f"{load_after:.1f}, {time.perf_counter() - t_start:.0f} s in all")
    print(f"{'':<34} {'art/s':>7} {'x serial':>9} {'x jobs 2':>9} {'up s':>6} {'models s':>9}"
          "  same ids")
    for name, r in results.items():
        print(f"{name:<34} {r['articles_per_s']:7.2f} {r['articles_per_s'] / base:9.2f} "
              f"{r['articles_per_s'] / jobs2:9.2f} {r['startup_s']:6.1f} "
              f"{r['model_load_s']:9.1f}  {r['same_claim_ids_as_serial']}")
    two = results["Dask LocalCluster, 2 worker(s)"]["articles_per_s"]
    print(f"targets: 2 Dask workers >= 1.7x serial: {two / base:.2f}x; no more than 10% "
          f"slower than --jobs 2: {two / jobs2:.2f}x")
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_dask.json").write_text(json.dumps(
        {"articles": len(articles), "batch_size": args.batch_size, "runs": args.runs,
         "load_before": load_before, "load_after": load_after, "results": results,
         "cli": cli}, indent=2))
    same = all(r["same_claim_ids_as_serial"] for r in results.values()) and all(
        r["same_output_as_serial"] for r in cli.values())
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
