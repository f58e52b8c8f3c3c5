"""Running extraction over many articles: one batch function, three ways to run it.

The work itself is one function, :func:`extract_batch` (a batch of articles in, its
claims and per-article errors out, over :func:`geo.extract.extract_claims`). Runners feed
it batches and hand back results **in input order**, so ``claim_id`` s and claim order
are those of a serial run:

:class:`SerialRunner`
    this process (``--jobs 1``, the default);
:class:`PoolRunner`
    a local process pool (``--jobs N``): the small-machine path, no scheduler, no ports;
:class:`geo.distributed.DaskRunner`
    a Dask cluster (``--scheduler tcp://HOST:PORT`` or ``--workers N``), see
    :mod:`geo.distributed`.

Every runner keeps a bounded number of batches in flight, so memory is bounded by the
batch size, not the corpus, and reports a batch that failed as a whole with its article
ids (:class:`BatchFailed`).

Typical use::

    with open_runner(RunnerChoice(workers=2)) as runner:
        for articles, claims, errors in runner.map(batches):
            ...
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

#: Name under which the Dask worker plugin is registered (:mod:`geo.distributed`).
PLUGIN_NAME = "geo-extraction"

#: Articles per batch (one Dask task / pool job).
DEFAULT_BATCH_SIZE = 50

#: (article_id, "ExceptionType: message") for each article whose extraction failed.
ArticleErrors = list[tuple[str, str]]
#: What a runner yields per batch: the batch's articles, their claims, their errors.
BatchResult = tuple[pd.DataFrame, gpd.GeoDataFrame, ArticleErrors]


class ExtractionFailed(RuntimeError):
    """An article's extraction failed (in a worker; the message is the worker's)."""


class BatchFailed(RuntimeError):
    """A whole batch failed (after its retries); every article in it is unextracted.

    Attributes
    ----------
    article_ids : list of str
        The batch's article ids.
    """

    def __init__(self, article_ids: list[str], message: str) -> None:
        self.article_ids = list(article_ids)
        shown = ", ".join(self.article_ids[:5]) + (" ..." if len(self.article_ids) > 5 else "")
        super().__init__(f"batch of {len(self.article_ids)} articles ({shown}) failed: "
                         f"{message}")


# ---------------------------------------------------------------------------
# the work: one batch


def extract_batch(articles: pd.DataFrame, resources: Any = None
                  ) -> tuple[gpd.GeoDataFrame, ArticleErrors]:
    """Extract the claims of one batch of articles (the one code path of every runner).

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles (``id``, ``published``, ``text``; ``title``, ``source``, ``url``).
    resources : geo.extract.Resources, optional
        Loaded model and gazetteer; default: this Dask worker's (see
        :class:`geo.distributed.ExtractionPlugin`) or this process's, loaded once.

    Returns
    -------
    (geopandas.GeoDataFrame, list of (str, str))
        The claims (schema columns, EPSG:4326, article order) and the articles whose
        extraction failed with the error's text (those articles have no claims).
    """
    from geo.extract import extract_claims

    res = resources if resources is not None else process_resources()
    errors: ArticleErrors = []
    claims = extract_claims(articles, res, on_error=lambda aid, exc: errors.append(
        (str(aid), f"{type(exc).__name__}: {exc}")))
    return claims, errors


_PROCESS_RESOURCES: Any = None


def process_resources() -> Any:
    """Return this process's extraction resources, loading them on first use.

    On a Dask worker the plugin's resources are used when it has loaded them.
    """
    global _PROCESS_RESOURCES
    if "distributed" in sys.modules:  # maybe a Dask worker: use its plugin's resources
        from distributed import get_worker

        try:
            plugin = get_worker().plugins.get(PLUGIN_NAME)
        except ValueError:  # not on a worker
            plugin = None
        if plugin is not None and getattr(plugin, "resources", None) is not None:
            return plugin.resources
    if _PROCESS_RESOURCES is None:
        from geo.extract import Resources

        _PROCESS_RESOURCES = Resources.load()
    return _PROCESS_RESOURCES


def _pool_init(extra: Callable[[], Any] | None = None) -> None:
    process_resources()
    if extra is not None:
        extra()


def _pool_run(articles: pd.DataFrame) -> tuple[gpd.GeoDataFrame, ArticleErrors]:
    return extract_batch(articles)


# ---------------------------------------------------------------------------
# runners


def batch_ids(batch: pd.DataFrame) -> list[str]:
    """Return the article ids of a batch, as strings."""
    return [str(i) for i in batch["id"]]


def failed_batch(batch: pd.DataFrame, exc: BaseException, raise_failed: bool) -> BatchResult:
    """Report a batch that failed as a whole: raise, or give every article the error.

    Parameters
    ----------
    batch : pandas.DataFrame
        The batch's articles.
    exc : BaseException
        Why it failed (after its retries).
    raise_failed : bool
        Raise :class:`BatchFailed` instead of returning.

    Returns
    -------
    BatchResult
        The batch, no claims, and one error per article naming the batch failure.
    """
    from geo.schema import empty_claims

    failure = BatchFailed(batch_ids(batch), f"{type(exc).__name__}: {exc}")
    if raise_failed:
        raise failure from exc
    return batch, empty_claims(), [(aid, str(failure)) for aid in failure.article_ids]


def in_batches(articles: pd.DataFrame, size: int = 0) -> Iterator[pd.DataFrame]:
    """Yield ``articles`` in consecutive slices of ``size`` rows (default batch size)."""
    size = size or DEFAULT_BATCH_SIZE
    for i in range(0, len(articles), size):
        yield articles.iloc[i:i + size]


def with_progress(results: Iterable[BatchResult], total: int | None, progress: bool,
                  desc: str = "extract") -> Iterator[BatchResult]:
    """Pass runner results through, advancing a terminal progress bar by articles.

    Parameters
    ----------
    results : iterable of BatchResult
        A runner's :meth:`SerialRunner.map`.
    total : int or None
        Articles expected (None: unknown).
    progress : bool
        Show the bar (on stderr).
    desc : str, optional
        The bar's label.
    """
    if not progress:
        yield from results
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="article", desc=desc, file=sys.stderr) as bar:
        for result in results:
            bar.update(len(result[0]))
            yield result


class SerialRunner:
    """Run :func:`extract_batch` in this process.

    Parameters
    ----------
    resources : geo.extract.Resources, optional
        Already loaded resources.
    raise_failed : bool, optional
        Raise :class:`BatchFailed` for a batch that fails as a whole instead of
        reporting each of its articles as failed.
    load : callable, optional
        Returns the resources on the first batch when none were given (default
        :func:`process_resources`).
    """

    description = "this process"
    #: Batches that run at the same time.
    parallelism = 1

    def __init__(self, resources: Any = None, raise_failed: bool = False,
                 load: Callable[[], Any] | None = None) -> None:
        self.resources = resources
        self.raise_failed = raise_failed
        self.load = load or process_resources

    def map(self, batches: Iterable[pd.DataFrame], fn: Callable | None = None
            ) -> Iterator[BatchResult]:
        """Yield ``(articles, claims, errors)`` per batch, in order."""
        for batch in batches:
            try:
                if fn is not None:
                    claims, errors = fn(batch)
                else:
                    if self.resources is None:
                        self.resources = self.load()
                    claims, errors = extract_batch(batch, self.resources)
            except Exception as exc:  # noqa: BLE001 - reported with the batch's ids
                yield failed_batch(batch, exc, self.raise_failed)
                continue
            yield batch, claims, errors

    def close(self) -> None:
        """Nothing to release."""

    def __enter__(self) -> SerialRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PoolRunner(SerialRunner):
    """Run :func:`extract_batch` on a local process pool (``spawn``), model loaded once.

    Parameters
    ----------
    jobs : int
        Worker processes.
    max_in_flight : int, optional
        Batches submitted and not yet handed back (default four per process, at least 8,
        as :class:`geo.distributed.DaskRunner`).
    init : callable, optional
        Also run in each process once it has loaded the model (picklable).
    """

    def __init__(self, jobs: int, max_in_flight: int | None = None,
                 raise_failed: bool = False, init: Callable[[], Any] | None = None) -> None:
        super().__init__(raise_failed=raise_failed)
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        self.jobs = self.parallelism = jobs
        self.description = f"a pool of {jobs} processes"
        self.window = max_in_flight or max(8, 4 * jobs)
        self.pool = ProcessPoolExecutor(jobs, mp_context=mp.get_context("spawn"),
                                        initializer=_pool_init, initargs=(init,))

    def map(self, batches: Iterable[pd.DataFrame], fn: Callable | None = None
            ) -> Iterator[BatchResult]:
        """Yield ``(articles, claims, errors)`` per batch, in order (bounded window)."""
        from collections import deque

        pending: deque = deque()
        it = iter(batches)
        fn = fn or _pool_run
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.window:
                batch = next(it, None)
                if batch is None:
                    exhausted = True
                    break
                pending.append((batch, self.pool.submit(fn, batch)))
            if not pending:
                return
            batch, fut = pending.popleft()
            try:
                claims, errors = fut.result()
            except Exception as exc:  # noqa: BLE001 - reported with the batch's ids
                yield failed_batch(batch, exc, self.raise_failed)
                continue
            yield batch, claims, errors

    def close(self) -> None:
        """Stop the pool."""
        self.pool.shutdown(cancel_futures=True)


@dataclass
class RunnerChoice:
    """How to run extraction (from the command line's ``--jobs/--workers/--scheduler``)."""

    jobs: int = 1
    workers: int | None = None
    scheduler: str | None = None

    def kind(self) -> str:
        """Return ``"dask"``, ``"pool"`` or ``"serial"``."""
        if self.scheduler or self.workers:
            return "dask"
        return "pool" if self.jobs > 1 else "serial"


def batch_size_for(n_articles: int, parallelism: int, requested: int | None = None) -> int:
    """Return the articles per batch (a small input still gives every worker a batch).

    Parameters
    ----------
    n_articles : int
        Articles to extract (0 if unknown).
    parallelism : int
        Batches that run at the same time.
    requested : int, optional
        The batch size asked for (``--batch-size``), used as given.

    Returns
    -------
    int
        At least 1.
    """
    if requested:
        return requested
    if n_articles and parallelism > 1:
        return max(1, min(DEFAULT_BATCH_SIZE, -(-n_articles // parallelism)))
    return DEFAULT_BATCH_SIZE


def open_runner(choice: RunnerChoice | None = None, *, resources: Any = None,
                load: Callable[[], Any] | None = None,
                log: Callable[[str], None] | None = None,
                dashboard_address: str = "127.0.0.1:8787") -> SerialRunner:
    """Open the runner ``choice`` asks for (close it, or use it as a context manager).

    Parameters
    ----------
    choice : RunnerChoice, optional
        ``scheduler`` (connect to ``tcp://HOST:PORT``), else ``workers`` (start a local
        cluster), else ``jobs`` (> 1: a process pool), else this process.
    resources : geo.extract.Resources, optional
        For the serial runner: already loaded resources.
    load : callable, optional
        For the serial runner: returns the resources when first needed.
    log : callable, optional
        Receives one-line messages (where the work runs, the dashboard link).
    dashboard_address : str, optional
        Dashboard address of a local cluster.

    Returns
    -------
    SerialRunner
        A :class:`SerialRunner`, :class:`PoolRunner` or
        :class:`geo.distributed.DaskRunner`.

    Raises
    ------
    OSError
        The scheduler cannot be reached (``TimeoutError``/``OSError`` from Dask).
    """
    choice = choice or RunnerChoice()
    say = log or (lambda msg: print(msg, file=sys.stderr))
    kind = choice.kind()
    if kind == "serial":
        return SerialRunner(resources, load=load)
    if kind == "pool":
        runner: SerialRunner = PoolRunner(choice.jobs)
        say(f"extraction on {runner.description}")
        return runner
    from geo.distributed import connect

    runner = connect(choice.scheduler, choice.workers, dashboard_address=dashboard_address)
    say(f"extraction on {runner.description}")
    link = runner.dashboard_link
    say(f"Dask dashboard: {link}" if link else
        "Dask dashboard: not available (install bokeh to get it)")
    return runner
