"""Extraction on Dask: CLI-started scheduler and workers, and a LocalCluster of processes.

A scheduler and two workers are started as processes from the ``dask`` command line, and
a ``LocalCluster`` of worker processes by ``geo ingest --workers``.

Claims must be identical to a serial run; each worker loads the model once (worker
plugin); failed batches are retried, then reported with their article ids; the number of
batches in flight is bounded.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd
import pytest
from dask_cluster import CliCluster

from geo.cli import main
from geo.runners import PLUGIN_NAME, BatchFailed
from geo.store import open_store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "sample" / "seed_articles.jsonl"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cli_cluster(tmp_path_factory):
    """Start ``dask scheduler`` and two ``dask worker`` processes on loopback.

    Yields (scheduler address, connected client, dashboard port).
    """
    # the test helpers below run on the workers: let them import this module
    with CliCluster(2, log_dir=tmp_path_factory.mktemp("dask-logs"),
                    pythonpath=str(ROOT / "tests")) as cluster:
        yield cluster.address, cluster.client, cluster.dashboard_port


def _worker_state(dask_worker) -> dict:
    import geo.runners

    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    return {"plugin_loaded": plugin is not None and plugin.resources is not None,
            "resources_id": id(plugin.resources) if plugin is not None else None,
            "fallback_loaded": geo.runners._PROCESS_RESOURCES is not None}


def test_geo_extract_on_cli_started_scheduler_and_workers_equals_serial(cli_cluster, tmp_path,
                                                                        capsys):
    address, client, dashboard = cli_cluster
    serial, dask = tmp_path / "serial.geojson", tmp_path / "dask.geojson"
    assert main(["extract", str(SEED), "--out", str(serial), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["extract", str(SEED), "--out", str(dask), "--scheduler", address,
                 "--batch-size", "1", "--progress"]) == 0
    err = capsys.readouterr().err
    assert f"extraction on Dask at {address} (2 workers, 2 threads)" in err
    assert f"Dask dashboard: http://127.0.0.1:{dashboard}/status" in err
    assert "5/5" in err  # the progress bar reached every article
    assert dask.read_bytes() == serial.read_bytes()  # same claims, ids and order
    states = client.run(_worker_state)
    assert len(states) == 2
    # each worker loaded the model through the plugin, never a second time on its own
    assert all(s["plugin_loaded"] and not s["fallback_loaded"] for s in states.values())
    # a second run reuses the loaded resources
    assert main(["extract", str(SEED), "--out", str(dask), "--scheduler", address,
                 "--no-progress"]) == 0
    again = client.run(_worker_state)
    assert {k: s["resources_id"] for k, s in again.items()} == \
        {k: s["resources_id"] for k, s in states.items()}


def _fail_once(marker_dir: str, batch: pd.DataFrame):
    from geo.schema import empty_claims

    marker = Path(marker_dir) / f"{batch['id'].iloc[0]}.tried"
    if not marker.exists():
        marker.write_text("tried")
        raise RuntimeError("first attempt fails")
    return empty_claims(), []


def _fail_on(article_id: str, batch: pd.DataFrame):
    from geo.schema import empty_claims

    if article_id in set(batch["id"]):
        raise ValueError(f"cannot extract a batch holding {article_id}")
    return empty_claims(), []


def test_failed_batch_is_retried_then_reported_with_its_article_ids(cli_cluster, tmp_path):
    from geo.distributed import DaskRunner

    _, client, _ = cli_cluster
    batches = [pd.DataFrame({"id": [f"a{i}", f"b{i}"]}) for i in range(3)]
    runner = DaskRunner(client, plugin=False, retries=1)
    flaky = functools.partial(_fail_once, str(tmp_path))
    results = list(runner.map(batches, flaky))
    assert [list(b["id"]) for b, _, _ in results] == [["a0", "b0"], ["a1", "b1"], ["a2", "b2"]]
    assert [errors for _, _, errors in results] == [[], [], []]  # each failed once, retried
    assert len(list(tmp_path.glob("*.tried"))) == 3

    results = list(runner.map(batches, functools.partial(_fail_on, "b1")))
    assert [errors for _, _, errors in results][0::2] == [[], []]
    reported = results[1][2]
    assert [aid for aid, _ in reported] == ["a1", "b1"]
    assert all("ValueError: cannot extract a batch holding b1" in m for _, m in reported)

    strict = DaskRunner(client, plugin=False, retries=0, raise_failed=True)
    with pytest.raises(BatchFailed) as info:
        list(strict.map(batches, functools.partial(_fail_on, "a2")))
    assert info.value.article_ids == ["a2", "b2"]


def _echo(batch: pd.DataFrame):
    from geo.schema import empty_claims

    return empty_claims(), []


def test_batches_in_flight_are_bounded_and_come_back_in_order(cli_cluster):
    from geo.distributed import DaskRunner

    _, client, _ = cli_cluster
    pulled: list[int] = []

    def batches():
        for i in range(24):
            pulled.append(i)
            yield pd.DataFrame({"id": [f"x{i}"]})

    runner = DaskRunner(client, plugin=False, max_in_flight=3)
    seen, ahead = [], []
    for batch, _, _ in runner.map(batches(), _echo):
        seen.append(batch["id"].iloc[0])
        ahead.append(len(pulled) - len(seen))
    assert seen == [f"x{i}" for i in range(24)]
    assert max(ahead) <= 3  # never more than 3 batches read ahead of what came back
    assert max(ahead) >= 1  # but batches do run ahead


def test_geo_ingest_on_a_local_cluster_of_processes_equals_serial(tmp_path, capsys):
    serial, dask = tmp_path / "serial.gpkg", tmp_path / "dask.gpkg"
    assert main(["ingest", str(SEED), "--store", str(serial), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["ingest", str(SEED), "--store", str(dask), "--workers", "2",
                 "--no-progress"]) == 0
    out, err = capsys.readouterr()
    # worker processes talk over tcp (a cluster of threads would be inproc://)
    assert "extraction on Dask at tcp://127.0.0.1:" in err and "(2 workers, 2 threads)" in err
    assert "Dask dashboard: http://127.0.0.1:" in err
    assert "articles: 5 read, 5 new" in out
    drop = ["ingested_at"]
    want = open_store(serial).claims().drop(columns=drop)
    got = open_store(dask).claims().drop(columns=drop)
    assert len(got) > 0
    pd.testing.assert_frame_equal(got, want)


def test_scheduler_argument_is_checked(capsys):
    assert main(["extract", str(SEED), "--out", "x.geojson", "--scheduler", "nowhere"]) == 2
    assert "tcp://HOST:PORT" in capsys.readouterr().err
    assert main(["ingest", str(SEED), "--workers", "2", "--jobs", "2"]) == 2
    assert "not allowed with" in capsys.readouterr().err


def _worker_settings() -> tuple:
    import dask

    return (dask.config.get("distributed.worker.profile.enabled"),
            dask.config.get("distributed.admin.tick.interval"))


def _memory_limit(dask_worker) -> object:
    return dask_worker.memory_manager.memory_limit


def test_workers_run_without_the_statistical_profiler(cli_cluster):
    from distributed import Client

    from geo.distributed import start_local_cluster

    expected = (False, "1s")  # geo.distributed.WORKER_CONFIG
    cluster = start_local_cluster(1, dashboard_address=":0")
    try:
        with Client(cluster) as client:
            assert list(client.run(_worker_settings).values()) == [expected]
            # no memory monitor polling the worker (and its nanny) every 100 ms
            assert list(client.run(_memory_limit).values()) == [None]
    finally:
        cluster.close()
    # the command-line workers get them from the environment, as the README says
    _, client, _ = cli_cluster
    got = {tuple(v) for v in client.run(_worker_settings).values()}
    assert got == {expected}
