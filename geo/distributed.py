"""Extraction on a Dask cluster: worker plugin, bounded batches in flight, retries.

``geo extract`` and ``geo ingest`` run here with ``--scheduler tcp://HOST:PORT`` (an
existing cluster: ``dask scheduler`` and ``dask worker`` processes on any machines that
have this package installed) or ``--workers N`` (a ``LocalCluster`` of N processes with
one thread each, started here). Each worker loads the model and gazetteer once
(:class:`ExtractionPlugin`); batches are submitted as earlier ones complete
(``as_completed``), never more than ``max_in_flight`` ahead of the first one not yet
handed back, so memory is bounded by the batch size; a failed batch is retried and then
reported with its article ids (:class:`geo.runners.BatchFailed`). The work in each task
is :func:`geo.runners.extract_batch`, the function every runner uses.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pandas as pd
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from geo.runners import (
    PLUGIN_NAME,
    BatchResult,
    SerialRunner,
    extract_batch,
    failed_batch,
)


class ExtractionPlugin(WorkerPlugin):
    """Dask worker plugin: load the model and gazetteer once per worker process.

    Registered by :class:`DaskRunner`; its ``setup`` runs on every worker (also on
    workers that join later), and :func:`extract_batch` finds the loaded resources
    through it.

    Parameters
    ----------
    user_places : str, optional
        Analyst places CSV (default: the worker's ``user_places`` setting).
    """

    name = PLUGIN_NAME

    def __init__(self, user_places: str | None = None) -> None:
        self.user_places = user_places
        self.resources: Any = None

    def setup(self, worker: Any) -> None:
        """Load the resources on ``worker`` (once)."""
        from geo.extract import Resources

        self.resources = Resources.load(user_places=self.user_places)

    def teardown(self, worker: Any) -> None:
        """Drop the resources."""
        self.resources = None


def _plugin_loaded(dask_worker: Any, user_places: str | None) -> bool:
    """Tell whether ``dask_worker`` already holds resources loaded with ``user_places``."""
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    return (plugin is not None and getattr(plugin, "resources", None) is not None
            and getattr(plugin, "user_places", None) == user_places)


class DaskRunner(SerialRunner):
    """Run :func:`extract_batch` on a Dask cluster.

    Parameters
    ----------
    client : distributed.Client
        A connected client.
    max_in_flight : int, optional
        Batches submitted and not yet handed back (default: four per worker thread, at
        least 8, so that one slow batch does not leave the other workers idle while
        results wait to be handed back in order). Bounds the memory of the client and
        the workers.
    retries : int, optional
        Times a failed batch is resubmitted (a worker lost, an exception) before it is
        reported as :class:`BatchFailed`.
    plugin : bool, optional
        Register :class:`ExtractionPlugin` (default True).
    cluster : distributed.LocalCluster, optional
        A local cluster this runner owns (closed with it).
    raise_failed : bool, optional
        Raise :class:`geo.runners.BatchFailed` for a failed batch instead of reporting
        each of its articles as failed.
    """

    def __init__(self, client: Any, max_in_flight: int | None = None, retries: int = 2,
                 plugin: bool = True, cluster: Any = None, raise_failed: bool = False
                 ) -> None:
        super().__init__(raise_failed=raise_failed)
        self.client = client
        self.cluster = cluster
        self.retries = retries
        threads = sum(client.nthreads().values()) or 1
        self.parallelism = threads
        self.window = max_in_flight or max(8, 4 * threads)
        self.description = (f"Dask at {client.scheduler.address} ({len(client.nthreads())} "
                            f"workers, {threads} threads)")
        if plugin:
            from geo import settings

            user_places = settings.get("user_places") or None
            loaded = client.run(_plugin_loaded, user_places=user_places)
            if not loaded or not all(loaded.values()):  # first use of this cluster
                client.register_plugin(ExtractionPlugin(user_places), name=PLUGIN_NAME)

    @property
    def dashboard_link(self) -> str | None:
        """The Dask dashboard's URL (None without bokeh)."""
        try:
            return self.client.dashboard_link
        except Exception:  # noqa: BLE001 - no dashboard service
            return None

    def map(self, batches: Iterable[pd.DataFrame], fn: Callable | None = None
            ) -> Iterator[BatchResult]:
        """Yield ``(articles, claims, errors)`` per batch, in input order.

        Batches are submitted as earlier ones complete (``as_completed``), never more
        than ``max_in_flight`` ahead of the first batch not yet handed back.
        """
        fn = fn or extract_batch
        run = uuid.uuid4().hex[:8]
        it = iter(batches)
        inputs: dict[int, pd.DataFrame] = {}
        index_of: dict[str, int] = {}
        done: dict[int, Any] = {}
        ac = as_completed(with_results=False)
        next_submit = next_emit = 0
        exhausted = False

        def fill() -> None:
            nonlocal next_submit, exhausted
            while not exhausted and next_submit < next_emit + self.window:
                batch = next(it, None)
                if batch is None:
                    exhausted = True
                    return
                fut = self.client.submit(fn, batch, key=f"geo-extract-{run}-{next_submit}",
                                         retries=self.retries, pure=False)
                index_of[fut.key] = next_submit
                inputs[next_submit] = batch
                ac.add(fut)
                next_submit += 1

        fill()
        try:
            while next_emit < next_submit:
                if next_emit not in done:
                    fut = next(ac)
                    done[index_of.pop(fut.key)] = fut
                    continue
                fut = done.pop(next_emit)
                batch = inputs.pop(next_emit)
                next_emit += 1
                if fut.status == "error":
                    exc = fut.exception()
                    fut.release()
                    fill()
                    yield failed_batch(batch, exc, self.raise_failed)
                    continue
                claims, errors = fut.result()
                fut.release()
                fill()
                yield batch, claims, errors
        finally:
            for fut in list(done.values()):
                fut.release()
            ac.clear()

    def close(self) -> None:
        """Close the client (and the local cluster this runner started)."""
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()


def start_local_cluster(workers: int, dashboard_address: str = "127.0.0.1:8787",
                        memory_limit: str | int = 0) -> Any:
    """Start a Dask ``LocalCluster`` of ``workers`` processes with one thread each.

    Parameters
    ----------
    workers : int
        Worker processes.
    dashboard_address : str, optional
        Where the dashboard listens (``:0`` for any free port); a port in use falls
        back to a free one.

    Returns
    -------
    distributed.LocalCluster

    Notes
    -----
    No memory limit (``memory_limit=0``, as ``dask worker --memory-limit 0``): with one,
    each worker and its nanny (in this process) poll the worker's memory every 100 ms,
    and on a busy 2-core machine that polling and the event loops it wakes cost a
    tenth of the extraction (quiet, no difference measured: benchmarks/README.md).
    Measured (one worker, 100 articles twice, CPU per article, load
    11-15): the worker's event loop 1.2-2.0 ms with a limit, 0.7-0.9 ms without; this
    process (scheduler, client, nanny) 1.9-2.9 ms against 1.1-1.4 ms; the task itself
    15.5-18.9 ms. Memory stays bounded by the batches in flight
    (:class:`DaskRunner`'s ``max_in_flight``), not by spilling.
    """
    import warnings

    import dask

    with warnings.catch_warnings(), dask.config.set(WORKER_CONFIG):
        warnings.filterwarnings("ignore", message=".*Port .* is already in use.*")
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            host="127.0.0.1", dashboard_address=dashboard_address,
                            memory_limit=memory_limit)


#: Dask settings of the workers a local cluster starts (passed on by their nannies).
#: Off: the statistical profiler, which samples the computing thread's stack every
#: 10 ms; slower: the event loop's tick and the system monitor. Measured on one worker
#: extracting 180 articles (load 10): the worker's threads other than the task's used
#: 1.07 to 1.21 s of CPU beside 4.0 to 4.2 s of extraction with Dask's defaults, 0.65 s
#: with these. Workers started with ``dask worker`` take the same settings from the
#: environment (``DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False`` ...; README).
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


def connect(scheduler: str | None, workers: int | None, *,
            dashboard_address: str = "127.0.0.1:8787") -> DaskRunner:
    """Connect to ``scheduler`` or start a local cluster of ``workers``; return the runner.

    Parameters
    ----------
    scheduler : str or None
        ``tcp://HOST:PORT`` of a running ``dask scheduler``.
    workers : int or None
        Without ``scheduler``: worker processes of a local cluster (default 1).
    dashboard_address : str, optional
        Dashboard address of a local cluster.

    Returns
    -------
    DaskRunner
        Owns the client (and the local cluster): close it when done.

    Raises
    ------
    OSError
        The scheduler cannot be reached in 30 s.
    """
    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        cluster = start_local_cluster(int(workers or 1), dashboard_address)
        client = Client(cluster)
    try:
        return DaskRunner(client, cluster=cluster)
    except BaseException:
        client.close()
        if cluster is not None:
            cluster.close()
        raise
