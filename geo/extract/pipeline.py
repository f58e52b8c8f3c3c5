"""Claim extraction over a batch: articles in, a GeoDataFrame of claims out; no I/O.

Runs in this process or on a process pool (``jobs``); :func:`extract_claims` is pure, so
it also runs on partitions of a distributed frame.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable
from typing import Any

import geopandas as gpd
import pandas as pd
from spacy.tokens import Doc

from geo.extract.article import _article_claims
from geo.extract.resources import Resources
from geo.extract.segments import _Article, segments
from geo.schema import CLAIM_COLUMNS, conform_claims, drop_duplicate_claims, empty_claims
from geo.text import normalise_articles, restore_verbatim


def _to_articles(articles: pd.DataFrame) -> list[_Article]:
    out = []
    for rec in articles.to_dict("records"):
        text = rec.get("text")
        text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
        meta = {}
        for k in ("title", "source", "url", "author"):
            v = rec.get(k)
            meta[k] = None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
        pub = rec.get("published")
        art = _Article(str(rec.get("id")), "" if pub is None else str(pub), text, meta)
        art.pieces = segments(text)
        out.append(art)
    return out


def _extract_serial(articles: list[_Article], res: Resources,
                    on_error: Callable[[str, BaseException], None] | None,
                    progress: Any = None) -> list[dict]:
    """Parse the articles in one stream and extract each as soon as its pieces are parsed.

    Memory stays bounded by one batch of parsed pieces, whatever the number of articles.
    """
    rows: list[dict] = []

    def finish(k: int, docs: list[Doc]) -> None:
        a = articles[k]
        try:
            rows.extend(_article_claims(a, docs, res))
        except Exception as exc:  # noqa: BLE001 - reported, the rest still come out
            if on_error is None:
                raise
            on_error(a.id, exc)
        if progress is not None:
            progress(1)

    stream = res.nlp.pipe(((p, k) for k, a in enumerate(articles) for _, p in a.pieces),
                          as_tuples=True, batch_size=64)
    next_k, docs = 0, []  # the first article not finished yet, and its parsed pieces
    failed = False
    while True:
        try:
            doc, k = next(stream)
        except StopIteration:
            break
        except Exception:  # noqa: BLE001 - fall back to one article at a time
            failed = True
            break
        while next_k < k:  # the article before is complete (or had no text)
            finish(next_k, docs)
            next_k, docs = next_k + 1, []
        docs.append(doc)
    if not failed:
        while next_k < len(articles):
            finish(next_k, docs)
            next_k, docs = next_k + 1, []
        return rows
    for k in range(next_k, len(articles)):
        a = articles[k]
        try:
            parsed = [res.nlp(p) for _, p in a.pieces]
        except Exception as exc:  # noqa: BLE001
            if on_error is None:
                raise
            on_error(a.id, exc)
            if progress is not None:
                progress(1)
            continue
        finish(k, parsed)
    return rows


_WORKER_RES: Resources | None = None


def _worker_init() -> None:
    global _WORKER_RES
    _WORKER_RES = Resources.load()


def _worker_run(batch: list[_Article]) -> tuple[list[dict], list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    if _WORKER_RES is None:
        raise RuntimeError("extraction worker not initialised (_worker_init did not run)")
    rows = _extract_serial(batch, _WORKER_RES,
                           lambda aid, exc: errors.append((aid, f"{type(exc).__name__}: {exc}")))
    return rows, errors


class ExtractionError(RuntimeError):
    """An article's extraction failed in a worker process (message from the worker)."""


def extract_claims(articles: pd.DataFrame, resources: Resources | None = None, *,
                   jobs: int = 1, progress: bool | Callable[[int], None] = False,
                   on_error: Callable[[str, BaseException], None] | None = None
                   ) -> gpd.GeoDataFrame:
    """Extract the claims of a batch of articles.

    Parameters
    ----------
    articles : pandas.DataFrame
        Columns of :data:`geo.schema.ARTICLE_COLUMNS` (``id``, ``published``, ``text``
        required).
    resources : Resources, optional
        Loaded model and gazetteer; loaded here if omitted (once per worker process).
    jobs : int
        Worker processes; 1 runs in this process.
    progress : bool or callable
        True for a progress bar on stderr, or a callable receiving article counts.
    on_error : callable, optional
        ``on_error(article_id, exception)`` for an article that fails; it is skipped.
        Without it, the first failure raises.

    Returns
    -------
    geopandas.GeoDataFrame
        Claims conforming to :mod:`geo.schema` (EPSG:4326), in article and sentence
        order; deterministic ``claim_id``.
    """
    # untrusted text: invisible characters must move no place and lose no claim (geo.text)
    articles, normalised = normalise_articles(articles)
    arts = _to_articles(articles)
    if not arts:
        return empty_claims()
    bar = None
    tick: Callable[[int], None] | None = None
    if callable(progress):
        tick = progress
    elif progress:
        try:
            from tqdm import tqdm

            bar = tqdm(total=len(arts), unit="article", desc="extract")
            tick = bar.update
        except ImportError:  # pragma: no cover
            tick = None
    try:
        if jobs and jobs > 1 and len(arts) > 1:
            rows = _extract_parallel(arts, jobs, on_error, tick)
        else:
            res = resources if resources is not None else Resources.load()
            rows = _extract_serial(arts, res, on_error, tick)
    finally:
        if bar is not None:
            bar.close()
    # who says it: one claimant id, name, side and kind per claim (geo.claimants, which
    # itself uses geo.extract.actors: imported here, not at the top, to avoid a cycle),
    # resolved on the text the sentences were cut from, then the sentences as written
    from geo.claimants import resolve_claimants

    claims = resolve_claimants(_to_frame(rows), {a.id: a.text for a in arts})
    return restore_verbatim(claims, normalised)


def _extract_parallel(arts: list[_Article], jobs: int,
                      on_error: Callable[[str, BaseException], None] | None,
                      tick: Callable[[int], None] | None) -> list[dict]:
    size = max(1, min(50, (len(arts) + jobs - 1) // jobs))
    batches = [arts[i:i + size] for i in range(0, len(arts), size)]
    ctx = mp.get_context("spawn")
    rows: list[dict] = []
    with ctx.Pool(processes=jobs, initializer=_worker_init) as pool:
        for batch, (brows, errors) in zip(batches, pool.imap(_worker_run, batches),
                                          strict=True):
            rows.extend(brows)
            for aid, msg in errors:
                if on_error is None:
                    raise ExtractionError(f"article {aid}: {msg}")
                on_error(aid, ExtractionError(msg))
            if tick is not None:
                tick(len(batch))
    return rows


def _to_frame(rows: Iterable[dict]) -> gpd.GeoDataFrame:
    rows = list(rows)
    if not rows:
        return empty_claims()
    frame = pd.DataFrame(rows)
    for col in CLAIM_COLUMNS:
        if col not in frame.columns:
            frame[col] = None
    frame = drop_duplicate_claims(frame.reset_index(drop=True))  # one claim, one id
    return conform_claims(frame)
