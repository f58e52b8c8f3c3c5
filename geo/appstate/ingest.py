"""Ingest from the browser: uploaded files, pasted articles and URLs, read, extracted and stored.

The ingest page hands the uploaded bytes to :func:`ingest_files`; the result says
what was stored and which map filter shows the new claims.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from geo.filters import ClaimFilter, effective_date

if TYPE_CHECKING:  # annotations only: importing these loads spaCy and the store
    from geo.extract import Resources
    from geo.store import Store


@dataclass
class IngestResult:
    """What an upload did.

    Attributes
    ----------
    articles : int
        Articles read.
    claims : int
        Claims extracted.
    summary : dict
        The store's :class:`geo.store.IngestSummary` as a dict.
    errors : list of str
        Articles that failed extraction (skipped), as ``"id: message"``.
    map_params : dict
        URL query parameters of a map filter showing the new claims (their date range
        and countries); empty when there are none.
    rejected : list of dict
        Records (or whole files) left out when invalid records are skipped, one
        ``{"file", "line", "field", "reason", "record"}`` object each, as the command
        line's ``--rejects`` file holds them; empty when reading was strict.
    """

    articles: int
    claims: int
    summary: dict
    errors: list[str] = field(default_factory=list)
    map_params: dict[str, str] = field(default_factory=dict)
    rejected: list[dict] = field(default_factory=list)

    def rejects_jsonl(self) -> bytes:
        """Return :attr:`rejected` as JSON Lines (the command line's ``--rejects`` file)."""
        import json

        return "".join(json.dumps(r, ensure_ascii=True) + "\n"
                       for r in self.rejected).encode("ascii")


def new_claims_params(claims: pd.DataFrame) -> dict[str, str]:
    """Return the map filter (URL query parameters) that shows ``claims``: dates, countries.

    Parameters
    ----------
    claims : pandas.DataFrame
        Newly extracted claims.

    Returns
    -------
    dict of str to str
        ``from``, ``to`` and ``country`` (empty when there are no claims).
    """
    if len(claims) == 0:
        return {}
    days = effective_date(claims).dropna().str[:10]
    countries = tuple(sorted(claims["country_code"].dropna().astype(str).unique()))
    flt = ClaimFilter(date_from=days.min() if len(days) else None,
                      date_to=days.max() if len(days) else None, countries=countries)
    return flt.to_query_params()


def pasted_article(text: str, published: dt.date | str, title: str | None = None,
                   source: str | None = None, url: str | None = None,
                   article_id: str | None = None) -> tuple[str, bytes]:
    """Return a pasted article as an in-memory JSON Lines file for the ingest reader.

    Parameters
    ----------
    text : str
        Article body.
    published : datetime.date or str
        Publication date.
    title, source, url : str, optional
        Provenance.
    article_id : str, optional
        Id; default ``pasted-`` + a hash of date and text (pasting twice is a no-op).

    Returns
    -------
    tuple
        ``("pasted.jsonl", content)``.
    """
    import hashlib
    import json

    pub = published.isoformat() if isinstance(published, dt.date) else str(published)
    aid = article_id or "pasted-" + hashlib.sha1(f"{pub}\x1f{text}".encode()).hexdigest()[:12]
    record = {"id": aid, "published": pub, "text": text, "title": title or None,
              "source": source or None, "url": url or None}
    return "pasted.jsonl", (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def ingest_files(files: list[tuple[str, bytes]], store: Store, *,
                 published: str | None = None, urls: list[str] | tuple[str, ...] = (),
                 resources: Resources | Callable[[], Resources] | None = None,
                 progress: Callable[[int, int], None] | None = None,
                 skip_invalid: bool = False) -> IngestResult:
    """Read uploaded files, extract their claims and store both.

    Parameters
    ----------
    files : list of (str, bytes)
        File names (the extension picks the format) and contents.
    store : geo.store.Store
        Where to store.
    published : str, optional
        Publication date for ``.txt`` files (ISO 8601).
    urls : list of str, optional
        ``http(s)://`` URLs of pages or feeds, fetched once (:mod:`geo.sources.fetch`).
    resources : geo.extract.Resources or callable, optional
        Loaded extraction resources (cache them in the app), or a function returning
        them, called only once the input has been read without error.
    progress : callable, optional
        ``progress(done, total)`` after each article.
    skip_invalid : bool, optional
        Keep the valid records and leave out the invalid ones (or a whole unreadable
        file), listed in :attr:`IngestResult.rejected` with their reasons, as the
        command line's ``--skip-invalid``. Default: strict, the first bad record stops
        the upload and nothing is stored.

    Returns
    -------
    IngestResult
        Counts, per-article errors and rejected records.

    Raises
    ------
    geo.sources.InputError
        Bad input when reading strictly (names file, line and field); nothing is stored.
    """
    from geo.extract import extract_claims
    from geo.sources import read_articles_bytes

    rejected: list | None = [] if skip_invalid else None
    articles = read_articles_bytes(files, published=published, rejected=rejected)
    if urls:
        from geo.sources import read_articles

        fetched = read_articles(list(urls), published=published, rejected=rejected)
        articles = pd.concat([articles, fetched[~fetched["id"].isin(articles["id"])]],
                             ignore_index=True)
    total = len(articles)
    done = 0
    errors: list[str] = []

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(min(done, total), total)

    def on_error(article_id: str, exc: BaseException) -> None:
        errors.append(f"{article_id}: {exc}")

    if progress is not None:
        progress(0, total)
    if callable(resources):
        resources = resources()
    claims = extract_claims(articles, resources, progress=tick, on_error=on_error)
    summary = store.ingest(articles, claims)
    return IngestResult(articles=total, claims=len(claims), summary=summary.as_dict(),
                        errors=errors, map_params=new_claims_params(claims),
                        rejected=[r.to_json() for r in rejected or ()])
