"""Ingesting a large corpus: articles streamed in batches, extracted, stored batch by batch.

Memory is bounded by the batch size, not the corpus:

* files are read one at a time, and a JSON Lines file larger than :data:`PIECE_BYTES` is
  parsed a piece of a few megabytes at a time (CSV and plain-text files are read whole,
  one file at a time);
* articles go to extraction in batches, with a bounded number of batches in flight
  (:mod:`geo.runners`, :mod:`geo.distributed`), and each batch is stored as soon as its
  claims come back.

Guarantees
----------
* The whole input is read and validated once before anything is stored
  (:func:`check_inputs`): a bad file (missing field, bad date, an id repeated with
  another text...) stores nothing, and the error names file, line and field.
* Every batch is one store transaction. An article already stored with the same text is
  skipped before extraction, so an ingest that was interrupted (Ctrl-C, ``SIGKILL``, a
  lost machine) continues where it stopped when run again, without duplicates and
  without extracting stored articles again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from geo.schema import ARTICLE_COLUMNS
from geo.sources import EXTENSIONS, InputError, iter_article_files, parse_bytes

#: JSON Lines files larger than this are parsed in pieces of about this size.
PIECE_BYTES = 8 * 2**20

#: Articles per stored batch (one store transaction).
DEFAULT_INGEST_BATCH = 500

_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass
class Located:
    """A validated article and where it was read."""

    article: dict
    file: str
    line: int | None


def _streamable(path: Path, piece_bytes: int) -> bool:
    """Tell whether ``path`` is a large JSON Lines file of one object per line."""
    if EXTENSIONS.get(path.suffix.lower()) != "jsonl" or path.stat().st_size <= piece_bytes:
        return False
    with open(path, "rb") as f:
        head = f.read(4096).removeprefix(_UTF8_BOM).lstrip()
    return head.startswith(b"{")


def _pieces(path: Path, piece_bytes: int) -> Iterator[tuple[bytes, int]]:
    """Yield (piece, lines before it): ``piece_bytes`` chunks completed to a line end."""
    lines_before = 0
    with open(path, "rb") as f:
        while True:
            data = f.read(piece_bytes)
            if not data:
                return
            data += f.readline()
            yield data, lines_before
            lines_before += data.count(b"\n")


def _shift(err: InputError, lines_before: int) -> InputError:
    line = None if err.line is None else err.line + lines_before
    return InputError(err.file, line, err.field, err.message)


def _parse_piece(data: bytes, name: str, published: str | None, lines_before: int,
                 rejected: list | None) -> list[dict]:
    """Parse one piece of a large JSON Lines file; lines count from the file's start."""
    from geo.sources.read import Rejected

    mine: list | None = None if rejected is None else []
    try:
        arts = parse_bytes(data, name, published, rejected=mine)
    except InputError as exc:
        raise _shift(exc, lines_before) from None
    if rejected is not None:
        rejected += [Rejected(_shift(r.error, lines_before), r.record) for r in mine]
    return arts


def fetch_urls(urls: Iterable[str], published: str | None = None) -> list[Located]:
    """Fetch each page or feed URL once and return its validated articles.

    Raises
    ------
    geo.sources.InputError
        Offline, an HTTP error, or nothing to read at the URL.
    """
    from geo.sources.read import parse_url

    out = []
    for url in urls:
        for art in parse_url(url, published):
            out.append(Located(art, url, art.pop("_line")))
    return out


def split_inputs(inputs: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split command-line inputs into (http(s) URLs, files and folders)."""
    from geo.sources.fetch import is_url

    inputs = [str(i) for i in inputs]
    return [i for i in inputs if is_url(i)], [i for i in inputs if not is_url(i)]


def iter_articles(paths: Iterable[str | Path], published: str | None = None,
                  piece_bytes: int = PIECE_BYTES, fetched: Iterable[Located] = (),
                  rejected: list | None = None) -> Iterator[Located]:
    """Yield every valid article of files and folders, in order, with bounded memory.

    Parameters
    ----------
    paths : iterable of path
        Files and folders (see :func:`geo.sources.iter_article_files`).
    published : str, optional
        Publication date for plain-text articles and records without one.
    piece_bytes : int, optional
        Size of the pieces a large JSON Lines file is parsed in.
    fetched : iterable of Located, optional
        Articles already fetched from URLs (:func:`fetch_urls`), yielded first.
    rejected : list of geo.sources.read.Rejected, optional
        Skip invalid records (``--skip-invalid``), appending them here, instead of
        raising.

    Yields
    ------
    Located
        The article (:data:`geo.schema.ARTICLE_COLUMNS` keys), its file and line.

    Raises
    ------
    geo.sources.InputError
        The first problem, naming file, line and field.
    """
    yield from (Located(dict(loc.article), loc.file, loc.line) for loc in fetched)
    for path in iter_article_files(list(paths)):
        name = str(path)
        if _streamable(path, piece_bytes):
            for data, before in _pieces(path, piece_bytes):
                for art in _parse_piece(data, name, published, before, rejected):
                    line = art.pop("_line")
                    yield Located(art, name, None if line is None else line + before)
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(path, None, None, f"cannot read: {exc.strerror or exc}") from None
        for art in parse_bytes(data, name, published, rejected=rejected):
            yield Located(art, name, art.pop("_line"))


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()


def iter_article_batches(paths: Iterable[str | Path], published: str | None = None,
                         batch_size: int = DEFAULT_INGEST_BATCH,
                         piece_bytes: int = PIECE_BYTES, fetched: Iterable[Located] = (),
                         rejected: list | None = None) -> Iterator[pd.DataFrame]:
    """Yield the input's distinct articles in frames of at most ``batch_size`` rows.

    An id seen again with the same text is skipped; with another text it is an error.
    Only an 8-byte digest per id is kept across batches.

    Parameters
    ----------
    paths : iterable of path
        Files and folders.
    published : str, optional
        Publication date for plain-text articles.
    batch_size : int, optional
        Articles per frame.
    piece_bytes : int, optional
        Size of the pieces a large JSON Lines file is parsed in.
    fetched : iterable of Located, optional
        Articles already fetched from URLs, first.
    rejected : list of geo.sources.read.Rejected, optional
        Skip invalid records and conflicting duplicate ids, appending them here.

    Yields
    ------
    pandas.DataFrame
        Columns :data:`geo.schema.ARTICLE_COLUMNS` (object dtype).

    Raises
    ------
    geo.sources.InputError
        Bad input, or an id repeated with a different text (naming where it was first
        seen).
    """
    seen: dict[str, tuple[bytes, str, int | None]] = {}
    rows: list[dict] = []
    for loc in iter_articles(paths, published, piece_bytes, fetched, rejected):
        art = loc.article
        aid = str(art["id"])
        digest = _digest(str(art["text"]))
        prev = seen.get(aid)
        if prev is not None:
            if prev[0] == digest:
                continue
            first = prev[1] if prev[2] is None else f"{prev[1]}:{prev[2]}"
            err = InputError(loc.file, loc.line, "id",
                             f"duplicate id {aid[:40]!r} with a different text (first seen "
                             f"at {first})")
            if rejected is None:
                raise err
            from geo.sources.read import Rejected

            rejected.append(Rejected(err, {c: art.get(c) for c in ARTICLE_COLUMNS}))
            continue
        seen[aid] = (digest, loc.file, loc.line)
        rows.append({c: art.get(c) for c in ARTICLE_COLUMNS})
        if len(rows) >= batch_size:
            yield pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS), dtype=object)
            rows = []
    if rows:
        yield pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS), dtype=object)


def check_inputs(paths: Iterable[str | Path], published: str | None = None,
                 piece_bytes: int = PIECE_BYTES, fetched: Iterable[Located] = (),
                 rejected: list | None = None) -> int:
    """Read and validate the whole input once; return the number of distinct articles.

    Raises
    ------
    geo.sources.InputError
        The first problem found (nothing has been stored yet).
    """
    return sum(len(b) for b in iter_article_batches(list(paths), published, 10_000,
                                                    piece_bytes, fetched, rejected))


@dataclass
class IngestTotals:
    """What a streamed ingest did, summed over its batches.

    Attributes
    ----------
    articles_read : int
        Distinct articles in the input.
    articles_skipped : int
        Already stored with the same text (not extracted again).
    articles_new, articles_updated, articles_refreshed : int
        As in :class:`geo.store.IngestSummary`, summed.
    claims_written, claims_deleted : int
        Claim rows inserted and removed.
    batches : int
        Store transactions committed.
    errors : dict of str to str
        Article id to the reason its extraction failed (those articles are not stored,
        so a later run tries them again).
    """

    articles_read: int = 0
    articles_skipped: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_refreshed: int = 0
    claims_written: int = 0
    claims_deleted: int = 0
    batches: int = 0
    errors: dict[str, str] = field(default_factory=dict)

    def add(self, summary: Any) -> None:
        """Add one :class:`geo.store.IngestSummary`."""
        self.articles_new += summary.articles_new
        self.articles_updated += summary.articles_updated
        self.articles_refreshed += summary.articles_refreshed
        self.articles_skipped += summary.articles_unchanged
        self.claims_written += summary.claims_written
        self.claims_deleted += summary.claims_deleted
        self.batches += 1


def pending_batches(store: Any, batches: Iterable[pd.DataFrame], totals: IngestTotals,
                    current_version: str | None = None, refresh: bool = False
                    ) -> Iterator[pd.DataFrame]:
    """Drop from each batch the articles already stored with the same text.

    Parameters
    ----------
    store : geo.store.Store
        The store.
    batches : iterable of pandas.DataFrame
        Input batches.
    totals : IngestTotals
        ``articles_read`` and ``articles_skipped`` are counted here.
    current_version : str, optional
        With ``refresh``: keep stored articles of another extractor version.
    refresh : bool, optional
        Re-extract stored articles from another extractor version.

    Yields
    ------
    pandas.DataFrame
        The articles still to extract (empty batches are not yielded).
    """
    for batch in batches:
        totals.articles_read += len(batch)
        unchanged = store.unchanged_ids(batch)
        if refresh and unchanged:
            hashes = store.article_hashes(sorted(unchanged))
            unchanged = {a for a in unchanged if hashes[a][1] == current_version}
        totals.articles_skipped += len(unchanged)
        todo = batch[~batch["id"].isin(unchanged)]
        if len(todo):
            yield todo.reset_index(drop=True)


def store_results(store: Any, results: Iterable[tuple], totals: IngestTotals, *,
                  extractor_version: str, refresh: bool = False,
                  on_error: Callable[[str, str], None] | None = None) -> IngestTotals:
    """Store each extracted batch in its own transaction, dropping failed articles.

    Parameters
    ----------
    store : geo.store.Store
        The store.
    results : iterable of (articles, claims, errors)
        A runner's results (:meth:`geo.runners.SerialRunner.map`).
    totals : IngestTotals
        Updated in place and returned.
    extractor_version : str
        Recorded with every stored article.
    refresh : bool, optional
        Replace stored articles of another extractor version.
    on_error : callable, optional
        ``on_error(article_id, reason)`` for each article whose extraction failed.

    Returns
    -------
    IngestTotals
        ``totals``.
    """
    for articles, claims, errors in results:
        failed = {aid for aid, _ in errors}
        for aid, reason in errors:
            totals.errors[aid] = reason
            if on_error is not None:
                on_error(aid, reason)
        if failed:
            articles = articles[~articles["id"].astype(str).isin(failed)]
            claims = claims[~claims["article_id"].isin(failed)]
        if len(articles):
            totals.add(store.ingest(articles, claims, extractor_version=extractor_version,
                                    refresh=refresh))
    return totals


def ingest_stream(store: Any, runner: Any, inputs: Iterable[str | Path], totals: IngestTotals,
                  *, published: str | None = None, batch_size: int = DEFAULT_INGEST_BATCH,
                  refresh_stale: bool = False, progress: bool = False,
                  on_error: Callable[[str, str], None] | None = None,
                  fetched: Iterable[Located] = (), skip_invalid: bool = False) -> int:
    """Extract and store the input's new or changed articles, batch by batch.

    Then, with ``refresh_stale``, re-extract the stored articles of another extractor
    version (in batches as well).

    Parameters
    ----------
    store : geo.store.Store
        Where claims go.
    runner : geo.runners.SerialRunner
        Where extraction runs (this process, a pool, Dask).
    inputs : iterable of path
        Article files and folders (validated already: see :func:`check_inputs`).
    totals : IngestTotals
        Filled in place.
    published : str, optional
        Publication date for plain-text articles.
    batch_size : int, optional
        Articles per extraction batch and store transaction.
    refresh_stale : bool, optional
        Also replace stored articles extracted by another extractor version.
    progress : bool, optional
        Show a progress bar on stderr.
    on_error : callable, optional
        ``on_error(article_id, reason)`` for each failed article.
    fetched : iterable of Located, optional
        Articles already fetched from URLs (:func:`fetch_urls`), stored first.
    skip_invalid : bool, optional
        Leave out invalid records (already reported by :func:`check_inputs`).

    Returns
    -------
    int
        Stale articles found in the store (0 without ``refresh_stale``).
    """
    from geo.extract import EXTRACTOR_VERSION
    from geo.runners import with_progress

    inputs, fetched = list(inputs), list(fetched)
    batches = (iter_article_batches(inputs, published, batch_size, fetched=fetched,
                                    rejected=[] if skip_invalid else None)
               if inputs or fetched else iter(()))
    todo = pending_batches(store, batches, totals, EXTRACTOR_VERSION, refresh=refresh_stale)
    store_results(store, with_progress(runner.map(todo), None, progress, desc="ingest"),
                  totals, extractor_version=EXTRACTOR_VERSION, refresh=refresh_stale,
                  on_error=on_error)
    if not refresh_stale:
        return 0
    stale_ids = [aid for aid, (_, v) in store.article_hashes().items() if v != EXTRACTOR_VERSION]
    cols = list(ARTICLE_COLUMNS)
    stale = (store.articles(stale_ids[i:i + batch_size])[cols]
             for i in range(0, len(stale_ids), batch_size))
    store_results(store, with_progress(runner.map(stale), len(stale_ids), progress,
                                       desc="refresh"),
                  totals, extractor_version=EXTRACTOR_VERSION, refresh=True, on_error=on_error)
    return len(stale_ids)
