"""Reading article files and in-memory uploads into one validated articles frame.

:func:`parse_bytes` does no file I/O (the dashboard feeds it uploaded bytes);
:func:`read_articles` and :func:`iter_article_files` are the file-system layer.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.atomic import write_bytes
from geo.schema import ARTICLE_COLUMNS
from geo.sources.common import (
    _SURROGATE,
    InputError,
    Record,
    _bad_bytes_note,
    _has_undecodable,
    _line_of,
    _short,
    normalise_published,
    validate_record,
)
from geo.sources.csv import parse_csv
from geo.sources.decode import decode_text
from geo.sources.feeds import parse_feed
from geo.sources.html import parse_html
from geo.sources.jsonl import parse_jsonl
from geo.sources.limits import Limits
from geo.sources.text import parse_txt

#: File extensions (lower case, with the dot) and the format each one means.
EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}


def _format_of(name: str) -> str:
    ext = Path(name).suffix.lower()
    if ext not in EXTENSIONS:
        raise InputError(name, None, None,
                         f"unknown extension {ext or '(none)'!r}: expected one of "
                         f"{', '.join(sorted(EXTENSIONS))}")
    return EXTENSIONS[ext]


@dataclass(frozen=True)
class Rejected:
    """A record (or a whole file) left out by ``--skip-invalid``, with the reason.

    Parameters
    ----------
    error : InputError
        What is wrong, where (file, line, field).
    record : object
        The raw record as read (a dict of fields, a CSV row, the text of a line that
        is not JSON), or ``None`` for a whole-file problem or an over-long line.
    """

    error: InputError
    record: object = None

    def to_json(self) -> dict:
        """Return the JSON Lines object written to the rejects file."""
        return {"file": self.error.file, "line": self.error.line, "field": self.error.field,
                "reason": self.error.message, "record": _jsonable(self.record)}


def _jsonable(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, str):
        return str(value)  # a NaN marker becomes its name
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 4000:
        return f"<a number of about {int(value.bit_length() * 0.30103):,} digits>"
    if isinstance(value, float) and value != value:
        return "NaN"
    return value


def write_rejected(rejected: Iterable[Rejected], path: str | os.PathLike[str]) -> Path:
    """Write rejected records with their reasons as JSON Lines, whole or not at all.

    Parameters
    ----------
    rejected : iterable of Rejected
    path : str or os.PathLike
        The rejects file (replaced atomically, see :mod:`geo.atomic`).

    Returns
    -------
    pathlib.Path
    """
    body = "".join(json.dumps(r.to_json(), ensure_ascii=True) + "\n" for r in rejected)
    return write_bytes(path, body.encode("ascii"))


def parse_bytes(data: bytes, name: str, published: str | None = None, *,
                rejected: list[Rejected] | None = None, limits: Limits | None = None
                ) -> list[dict]:
    """Parse the bytes of one file into validated articles.

    Parameters
    ----------
    data : bytes
        The file's content.
    name : str
        The file's name (its extension picks the format); used in errors.
    published : str, optional
        Publication date (any ISO 8601 form) for plain text, and fallback for
        records without one.
    rejected : list of Rejected, optional
        Skip invalid records (``--skip-invalid``): each bad record, or the whole
        file when it cannot be read, is appended here instead of raising. Records
        read before a problem that ends the file (broken CSV quoting) are kept.
    limits : Limits, optional
        Size limits (default: :meth:`Limits.from_settings`).

    Returns
    -------
    list of dict
        Articles (see :func:`validate_record`), each with a private ``_line`` key.

    Raises
    ------
    InputError
        Any problem with the file (without ``rejected``), or with ``published``.
    """
    limits = limits or Limits.from_settings()
    default = None if published is None else normalise_published(
        published, file="published argument", field="published")
    out: list[dict] = []

    def skip(err: InputError, raw: object) -> None:
        rejected.append(Rejected(err, raw))  # type: ignore[union-attr]

    on_error = None if rejected is None else skip
    try:
        fmt = _format_of(name)
        if len(data) > limits.file_bytes:
            raise InputError(name, None, None,
                             f"{len(data) / 2**20:,.1f} MB, more than the limit of "
                             f"{limits.file_bytes / 2**20:,.0f} MB (GEO_MAX_FILE_MB); split "
                             "the file")
        if fmt in ("html", "feed"):  # markup: the parsers find the encoding themselves
            records: Iterable[Record] = (parse_html(data, name) if fmt == "html"
                                         else parse_feed(data, name))
        else:
            text = decode_text(data, name, fmt)
            if fmt == "jsonl":
                records = parse_jsonl(text, name, on_error=on_error, limits=limits)
            elif fmt == "csv":
                records = parse_csv(text, name, date_given=default is not None,
                                    on_error=on_error, limits=limits)
            else:
                if _has_undecodable(text):
                    pos = _SURROGATE.search(text).start()
                    raise InputError(name, _line_of(text, pos), "text",
                                     f"not valid UTF-8 ({_bad_bytes_note(text)}); save the "
                                     "file as UTF-8")
                records = parse_txt(text, name, published=default)
        _validated(records, name, default, limits, on_error, out)  # kept if the file breaks
    except InputError as err:
        if on_error is None:
            raise
        on_error(err, None)
    return out


def _validated(records: Iterable[Record], name: str, default: str | None,
               limits: Limits | None = None, on_error=None, out: list[dict] | None = None
               ) -> list[dict]:
    """Validate records into ``out``; a bad one raises, or goes to ``on_error`` when given."""
    out = [] if out is None else out
    for rec in records:
        try:
            art = validate_record(rec, file=name, published=default, limits=limits)
        except InputError as err:
            if on_error is None:
                raise
            on_error(err, rec.fields)
            continue
        art["_line"] = rec.line
        out.append(art)
    return out


def parse_url(url: str, published: str | None = None) -> list[dict]:
    """Fetch a page or feed URL once and return its validated articles.

    Raises
    ------
    InputError
        Offline, HTTP errors, or a page/feed without articles (see :mod:`geo.sources.fetch`).
    """
    from geo.sources.fetch import fetch_records

    default = None if published is None else normalise_published(
        published, file="published argument", field="published")
    return _validated(fetch_records(url), url, default)


def articles_frame(articles: Iterable[dict], *, where: Iterable[tuple[str, int]] | None = None,
                   rejected: list[Rejected] | None = None) -> pd.DataFrame:
    """Drop same-id-same-text duplicates, reject conflicting ids, build the frame.

    Parameters
    ----------
    articles : iterable of dict
        Validated articles (see :func:`validate_record`), in input order.
    where : iterable of (str, int), optional
        File and line of each article, for error messages (default: ``_file`` and
        ``_line`` keys of the articles when present).
    rejected : list of Rejected, optional
        Skip invalid records: a later article reusing an id with a different text
        is appended here (the first one is kept) instead of raising.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.ARTICLE_COLUMNS` (object dtype, ``None`` for absent
        optional fields), one row per distinct id, in first-seen order.

    Raises
    ------
    InputError
        An id seen again with a different text.
    """
    seen: dict[str, tuple[str, str, int | None]] = {}
    rows = []
    arts = list(articles)
    places = list(where) if where is not None else [
        (str(a.get("_file", "<input>")), a.get("_line")) for a in arts]
    for art, (file, line) in zip(arts, places, strict=True):
        prev = seen.get(art["id"])
        if prev is not None:
            if prev[0] == art["text"]:
                continue
            first = prev[1] if prev[2] is None else f"{prev[1]}:{prev[2]}"
            err = InputError(file, line, "id",
                             f"duplicate id {_short(art['id'])} with a different text "
                             f"(first seen at {first})")
            if rejected is None:
                raise err
            rejected.append(Rejected(err, {c: art.get(c) for c in ARTICLE_COLUMNS}))
            continue
        seen[art["id"]] = (art["text"], file, line)
        rows.append({c: art.get(c) for c in ARTICLE_COLUMNS})
    frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS), dtype=object)
    return frame.reset_index(drop=True)


def iter_article_files(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
                       ) -> Iterator[Path]:
    """Yield the article files named by ``paths``, expanding folders.

    Folders are walked recursively in sorted order and yield only files with a
    known extension (:data:`EXTENSIONS`), skipping hidden files and folders. Files
    named explicitly are yielded as given, whatever their extension (reading them
    then rejects an unknown one).

    Parameters
    ----------
    paths : path or iterable of paths
        Files and folders.

    Yields
    ------
    pathlib.Path
        Each file once, in the order given (folders expanded in sorted order).

    Raises
    ------
    InputError
        A path that does not exist.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in EXTENSIONS
                and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.exists():
            found = [path]
        else:
            raise InputError(path, None, None, "no such file or folder")
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                yield p


def read_articles(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
                  published: str | dt.date | None = None, *,
                  rejected: list[Rejected] | None = None) -> pd.DataFrame:
    """Read and validate articles from files and folders.

    Parameters
    ----------
    paths : path or iterable of paths
        ``.jsonl``/``.ndjson``/``.json``, ``.csv`` and ``.txt`` files, or folders of
        them (see :func:`iter_article_files`).
    published : str or datetime.date, optional
        ISO 8601 publication date: required for ``.txt`` files, and used for JSON or
        CSV records that carry none.
    rejected : list of Rejected, optional
        Skip invalid records (``--skip-invalid``): every bad record, unreadable or
        over-size file is appended here and the rest is read; without it the first
        problem raises (strict, the default).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.ARTICLE_COLUMNS` (object dtype), ``published`` as
        ``YYYY-MM-DD``, optional fields ``None`` when absent. An id repeated with
        the same text is kept once.

    Raises
    ------
    InputError
        The first problem found, naming file, line and field (strict); a path that
        does not exist or a bad ``published`` (always).

    Examples
    --------
    >>> read_articles(["news/"], published="2024-08-15")  # doctest: +SKIP
    """
    if isinstance(published, dt.date):
        published = published.isoformat()
    from geo.sources.fetch import is_url

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = list(paths)
    urls = [str(p) for p in paths if is_url(str(p))]
    articles: list[dict] = []
    where: list[tuple[str, int]] = []
    limits = Limits.from_settings()
    for url in urls:  # fetched once each; their articles keep text and URL
        try:
            fetched = parse_url(url, published)
        except InputError as err:
            if rejected is None:
                raise
            rejected.append(Rejected(err))
            continue
        for art in fetched:
            where.append((url, art.pop("_line")))
            articles.append(art)
    for path in iter_article_files([p for p in paths if not is_url(str(p))]):
        try:
            data = _read_file(path, limits)
        except InputError as err:
            if rejected is None:
                raise
            rejected.append(Rejected(err))
            continue
        for art in parse_bytes(data, str(path), published, rejected=rejected, limits=limits):
            where.append((str(path), art.pop("_line")))
            articles.append(art)
    return articles_frame(articles, where=where, rejected=rejected)


def _read_file(path: Path, limits: Limits) -> bytes:
    """Return a file's bytes, refusing unknown extensions and files over the size limit."""
    _format_of(str(path))
    try:
        size = path.stat().st_size
        if size > limits.file_bytes:  # refused before reading: no 10 GB in memory
            raise InputError(path, None, None,
                             f"{size / 2**20:,.1f} MB, more than the limit of "
                             f"{limits.file_bytes / 2**20:,.0f} MB (GEO_MAX_FILE_MB); "
                             "split the file")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, None, None, f"cannot read: {exc.strerror or exc}") from None


def read_articles_bytes(files: Iterable[tuple[str, bytes]],
                        published: str | dt.date | None = None, *,
                        rejected: list[Rejected] | None = None) -> pd.DataFrame:
    """Read articles from in-memory files, e.g. uploads in the dashboard.

    Parameters
    ----------
    files : iterable of (str, bytes)
        File name (its extension picks the format) and content.
    published : str or datetime.date, optional
        As in :func:`read_articles`.
    rejected : list of Rejected, optional
        As in :func:`read_articles`.

    Returns
    -------
    pandas.DataFrame
        As :func:`read_articles`.

    Raises
    ------
    InputError
        The first problem found.
    """
    if isinstance(published, dt.date):
        published = published.isoformat()
    articles: list[dict] = []
    where: list[tuple[str, int]] = []
    for name, data in files:
        for art in parse_bytes(data, name, published, rejected=rejected):
            where.append((name, art.pop("_line")))
            articles.append(art)
    return articles_frame(articles, where=where, rejected=rejected)
