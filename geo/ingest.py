"""Read articles from JSON Lines, CSV and plain-text files, with clear errors.

Accepted inputs (SPEC, "Input: articles"):

* ``.jsonl`` / ``.ndjson`` / ``.json``: one JSON object per line (blank lines are
  skipped); a ``.json`` file may also hold one JSON array of objects.
* ``.csv``: a header row naming the columns (same names as the JSON fields,
  case and surrounding spaces ignored), then one article per row; comma,
  semicolon or tab separated.
* ``.txt``: one article per file; its id is the file stem and its publication
  date comes from the ``published`` argument (``--published`` on the command
  line).

Fields: ``id``, ``published`` and ``text`` are required; ``title``, ``source``
and ``url`` are optional (``None`` when absent or empty); any other field is
ignored. ``published`` is an ISO 8601 date or datetime and is normalised to
``YYYY-MM-DD`` (the calendar date as written, time zone not converted).

Files must be UTF-8 (a UTF-8 byte-order mark is allowed). Bad input raises
:class:`InputError`, which names the file, the line and the field.

The parsing functions (:func:`parse_bytes`, :func:`parse_jsonl`,
:func:`parse_csv`, :func:`parse_txt`, :func:`normalise_published`,
:func:`validate_record`) do no file I/O, so the dashboard can feed them
uploaded bytes or pasted text; :func:`read_articles` and
:func:`iter_article_files` are the file-system layer.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.schema import ARTICLE_COLUMNS, ARTICLE_OPTIONAL, ARTICLE_REQUIRED

__all__ = [
    "EXTENSIONS",
    "InputError",
    "Record",
    "articles_frame",
    "decode_text",
    "iter_article_files",
    "normalise_published",
    "parse_bytes",
    "parse_csv",
    "parse_jsonl",
    "parse_txt",
    "read_articles",
    "read_articles_bytes",
    "validate_record",
]

#: File extensions (lower case, with the dot) and the format each one means.
EXTENSIONS: dict[str, str] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".txt": "txt",
}

_UTF8_BOM = b"\xef\xbb\xbf"
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"SQLite format 3\x00", "an SQLite database (or GeoPackage)"),
    (b"PAR1", "a Parquet file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
)
_UTF16_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_CSV_DELIMITERS = (",", ";", "\t")
_NAME_OF_FORMAT = {"jsonl": "JSON Lines", "csv": "CSV", "txt": "plain text"}


class InputError(ValueError):
    """Bad input: names the file, the line and the field at fault.

    Parameters
    ----------
    file : str
        The file (as given, or the name of an uploaded file).
    line : int or None
        1-based line number where the problem is, ``None`` for a whole-file problem.
    field : str or None
        The field at fault (``"id"``, ``"published"``, ``"text"``...), ``None`` when
        the problem is not about one field (e.g. a line that is not JSON).
    message : str
        What is wrong, for a human.

    Notes
    -----
    ``str(err)`` reads like ``"FILE:LINE: field 'published': cannot parse 'x'"``;
    the line and field parts are left out when they are ``None``.
    """

    def __init__(self, file: str | os.PathLike[str], line: int | None, field: str | None,
                 message: str) -> None:
        self.file = str(file)
        self.line = line
        self.field = field
        self.message = message
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = self.message if self.field is None else f"field '{self.field}': {self.message}"
        return f"{where}: {what}"

    def __reduce__(self):  # keep the attributes across pickling (process pools)
        return (type(self), (self.file, self.line, self.field, self.message))


@dataclass(frozen=True)
class Record:
    """One raw record read from a file, before validation.

    Parameters
    ----------
    line : int
        1-based line where the record starts.
    fields : dict
        Field name to raw value (strings for CSV and text, any JSON value for JSON).
    """

    line: int
    fields: dict[str, object]


# ---------------------------------------------------------------------------
# pure parsing
# ---------------------------------------------------------------------------


def _short(value: object, limit: int = 40) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _line_of(text: str | bytes, offset: int) -> int:
    newline = b"\n" if isinstance(text, bytes) else "\n"
    return text.count(newline, 0, offset) + 1  # type: ignore[arg-type]


def normalise_published(value: object, *, file: str = "<input>", line: int | None = None,
                        field: str = "published") -> str:
    """Return an ISO 8601 date or datetime as ``YYYY-MM-DD``.

    Parameters
    ----------
    value : object
        ``"2024-08-15"``, ``"20240815"``, ``"2024-08-15T10:00:00Z"``,
        ``"2024-08-15 10:00+05:00"``, ``"2024-W33-4"``... (surrounding spaces
        are ignored). A ``datetime.date`` is accepted as is.
    file, line, field : str, int or None, str
        Where the value comes from, for the error message.

    Returns
    -------
    str
        The calendar date as written (no time-zone conversion).

    Raises
    ------
    InputError
        When ``value`` is missing, not a string, or not an ISO 8601 date/datetime.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        raise InputError(file, line, field, "missing value")
    if not isinstance(value, str):
        raise InputError(file, line, field,
                         f"expected an ISO 8601 date string, got {type(value).__name__} "
                         f"{_short(value)}")
    text = value.strip()
    if not text:
        raise InputError(file, line, field, "missing value")
    try:
        return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    try:  # Python's fromisoformat does not take a lower-case "z" suffix
        if text[-1] in "zZ":
            return dt.datetime.fromisoformat(text[:-1] + "+00:00").date().isoformat()
    except ValueError:
        pass
    raise InputError(file, line, field,
                     f"cannot parse {_short(value)} as an ISO 8601 date or datetime "
                     "(e.g. 2024-08-15 or 2024-08-15T10:00:00Z)")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_undecodable(value: str) -> bool:
    return _SURROGATE.search(value) is not None


def _bad_bytes_note(value: str) -> str:
    found = _SURROGATE.search(value)
    if found is None:  # pragma: no cover - only called when there is one
        return "undecodable bytes"
    ch, pos = found.group(), found.start() + 1
    if "\udc80" <= ch <= "\udcff":  # a byte kept by the surrogateescape decoding
        return f"byte 0x{ord(ch) - 0xDC00:02x} at character {pos}"
    return f"unpaired surrogate \\u{ord(ch):04x} at character {pos}"


def _optional_str(value: object, file: str, line: int, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, (list, dict)):
        raise InputError(file, line, field, f"expected a string, got {_short(value)}")
    text = str(value).strip()
    return text or None


def validate_record(record: Record, *, file: str, published: str | None = None) -> dict:
    """Check one raw record and return the article with the ARTICLE_COLUMNS fields.

    Parameters
    ----------
    record : Record
        The raw fields and the line they start on.
    file : str
        The file name, for error messages.
    published : str, optional
        Fallback publication date (already normalised) for a record without one.

    Returns
    -------
    dict
        ``id``, ``published`` (``YYYY-MM-DD``), ``text`` and the optional ``title``,
        ``source``, ``url`` (``None`` when absent or empty). Unknown fields are dropped.

    Raises
    ------
    InputError
        Missing field, wrong type, unparseable date, empty text, or bytes that
        were not UTF-8.
    """
    line, raw = record.line, record.fields
    for name, value in raw.items():
        if isinstance(value, str) and _has_undecodable(value):
            if name not in ARTICLE_COLUMNS:
                continue  # an ignored field: its encoding does not matter
            raise InputError(file, line, name,
                             f"not valid UTF-8 text ({_bad_bytes_note(value)}); "
                             "save the file as UTF-8")
    for name in ARTICLE_REQUIRED:
        missing = name not in raw or raw[name] is None
        if missing and not (name == "published" and published is not None):
            raise InputError(file, line, name, "missing required field")

    art_id = raw["id"]
    if isinstance(art_id, bool) or not isinstance(art_id, (str, int)):
        raise InputError(file, line, "id", f"expected a string, got {_short(art_id)}")
    art_id = str(art_id).strip()
    if not art_id:
        raise InputError(file, line, "id", "empty id")

    raw_date = raw.get("published")
    if raw_date is None or (isinstance(raw_date, str) and not raw_date.strip()):
        if published is None:
            raise InputError(file, line, "published", "missing value")
        date = published
    else:
        date = normalise_published(raw_date, file=file, line=line)

    text = raw["text"]
    if not isinstance(text, str):
        raise InputError(file, line, "text", f"expected a string, got {_short(text)}")
    if not text.strip():
        raise InputError(file, line, "text", "empty text")

    out: dict[str, object] = {"id": art_id, "published": date, "text": text}
    for name in ARTICLE_OPTIONAL:
        out[name] = _optional_str(raw.get(name), file, line, name)
    return out


def _sniff_binary(data: bytes, file: str, fmt: str) -> None:
    """Raise when ``data`` is plainly not UTF-8 text (magic number, UTF-16/32)."""
    kind = _NAME_OF_FORMAT[fmt]
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(file, 1, None, f"content is {what}, not {kind}")
    for bom, enc in _UTF16_BOMS:
        if data.startswith(bom):
            raise InputError(file, 1, None,
                             f"content is {enc}-encoded, expected UTF-8; save the file as UTF-8")
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 without a byte-order mark: NULs on one byte parity only
        even, odd = head[0::2], head[1::2]
        nul_even = even.count(0) / max(1, len(even))
        nul_odd = odd.count(0) / max(1, len(odd))
        if max(nul_even, nul_odd) >= 0.3 and min(nul_even, nul_odd) < 0.05:
            raise InputError(file, 1, None,
                             "content looks UTF-16-encoded, expected UTF-8; "
                             "save the file as UTF-8")


def decode_text(data: bytes, file: str, fmt: str) -> str:
    """Decode file bytes as UTF-8 (BOM allowed), keeping bad bytes as surrogates.

    Bytes that are not UTF-8 are kept with Python's ``surrogateescape`` so that the
    record holding them can be named in the error; a file that is plainly binary
    is rejected at once.

    Parameters
    ----------
    data : bytes
        The whole file.
    file : str
        File name, for error messages.
    fmt : str
        ``"jsonl"``, ``"csv"`` or ``"txt"``, for error messages.

    Returns
    -------
    str
        The decoded text (without BOM).

    Raises
    ------
    InputError
        Binary content, UTF-16/UTF-32 content, or mostly undecodable bytes.
    """
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM):]
    _sniff_binary(data, file, fmt)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        head = data[:8192].decode("utf-8", "replace")
        undecodable = head.count("\ufffd")
        controls = sum(1 for ch in head if ch < " " and ch not in "\t\r\n\f")
        if "\x00" in head or (undecodable + controls) * 10 > len(head):
            raise InputError(file, _line_of(data, exc.start), None,
                             f"content looks binary (byte 0x{data[exc.start]:02x} is not "
                             f"UTF-8), not {_NAME_OF_FORMAT[fmt]}") from None
        return data.decode("utf-8", "surrogateescape")


def _looks_like_json(line: str) -> bool:
    stripped = line.lstrip()
    if not stripped.startswith(("{", "[")):
        return False
    try:
        json.loads(stripped)
    except ValueError:
        # a truncated first line of a pretty-printed document still starts with { or [
        return stripped in ("{", "[") or stripped.startswith(('{"', "[{", '[ {'))
    return True


def _looks_like_csv_header(line: str) -> bool:
    for delim in _CSV_DELIMITERS:
        names = {c.strip().strip('"').strip().lower() for c in line.split(delim)}
        if len(names) > 1 and {"id", "text"} <= names:
            return True
    return False


def _json_array_records(text: str, file: str) -> Iterator[Record]:
    """Yield the records of a ``.json`` file holding one array of objects."""
    decoder = json.JSONDecoder()
    pos = text.index("[") + 1
    n = len(text)
    counted, line_no = 0, 1  # newlines are counted incrementally (large arrays stay linear)

    def line_at(offset: int) -> int:
        nonlocal counted, line_no
        line_no += text.count("\n", counted, offset)
        counted = offset
        return line_no

    while True:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= n:
            raise InputError(file, _line_of(text, n), None, "unterminated JSON array")
        if text[pos] == "]":
            rest = text[pos + 1:].strip()
            if rest:
                raise InputError(file, _line_of(text, pos + 1), None,
                                 "unexpected content after the JSON array")
            return
        line = line_at(pos)
        try:
            value, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise InputError(file, exc.lineno, None, f"invalid JSON: {exc.msg}") from None
        if not isinstance(value, dict):
            raise InputError(file, line, None,
                             f"expected a JSON object per article, got {type(value).__name__}")
        yield Record(line, value)


def parse_jsonl(text: str, file: str = "<input>") -> Iterator[Record]:
    """Yield the raw records of JSON Lines text (one object per line).

    A document that is a single JSON array of objects is accepted as well.

    Parameters
    ----------
    text : str
        Decoded file content.
    file : str
        File name, for error messages.

    Yields
    ------
    Record
        One per non-blank line.

    Raises
    ------
    InputError
        A line that is not a JSON object; CSV content.
    """
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        return
    if lines[first].lstrip().startswith("["):
        yield from _json_array_records(text, file)
        return
    for i, raw in enumerate(lines):
        if not raw.strip():
            continue
        line = i + 1
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            if i == first and _looks_like_csv_header(raw):
                raise InputError(file, line, None,
                                 "content looks like CSV, not JSON Lines "
                                 "(rename the file to .csv)") from None
            if i == first and raw.strip() == "{":
                raise InputError(file, line, None,
                                 "a JSON object spread over several lines; JSON Lines "
                                 "needs one object per line") from None
            raise InputError(file, line, None,
                             f"not a JSON object: {exc.msg} at column {exc.colno}") from None
        if not isinstance(value, dict):
            raise InputError(file, line, None,
                             f"expected a JSON object per line, got {type(value).__name__}")
        yield Record(line, value)


def _csv_delimiter(header: str) -> str:
    best, best_n = ",", 0
    for delim in _CSV_DELIMITERS:
        n = header.count(delim)
        if n > best_n:
            best, best_n = delim, n
    return best


def parse_csv(text: str, file: str = "<input>", *, date_given: bool = False
              ) -> Iterator[Record]:
    """Yield the raw records of CSV text with a header row.

    Parameters
    ----------
    text : str
        Decoded file content.
    file : str
        File name, for error messages.
    date_given : bool
        Whether a fallback publication date is given, so that the header may lack
        a ``published`` column.

    Yields
    ------
    Record
        One per data row (empty cells as ``""``).

    Raises
    ------
    InputError
        JSON content, a header without a required column, a duplicated column, a
        row with more values than the header, broken quoting.
    """
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        return
    head = lines[first]
    if _looks_like_json(head):
        raise InputError(file, first + 1, None,
                         "content looks like JSON, not CSV (rename the file to .jsonl)")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(head),
                        strict=True)
    header: list[str] | None = None
    header_line = 0
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header, header_line = [c.strip().lower() for c in row], line
                seen: set[str] = set()
                for name in header:
                    if name in seen and name in ARTICLE_COLUMNS:
                        raise InputError(file, line, name, "column appears twice in the header")
                    seen.add(name)
                for name in ARTICLE_REQUIRED:
                    if name not in header and not (name == "published" and date_given):
                        raise InputError(file, line, name,
                                         f"missing required column (header has: "
                                         f"{', '.join(header)})")
                continue
            if len(row) > len(header):
                raise InputError(file, line, None,
                                 f"row has {len(row)} values but the header (line "
                                 f"{header_line}) names {len(header)} columns")
            fields: dict[str, object] = {
                name: cell for name, cell in zip(header, row, strict=False) if name}
            yield Record(line, fields)
    except csv.Error as exc:
        raise InputError(file, start, None, f"malformed CSV: {exc}") from None


def parse_txt(text: str, file: str = "<input>", *, article_id: str | None = None,
              published: str | None = None) -> Iterator[Record]:
    """Yield the one record of a plain-text article.

    Parameters
    ----------
    text : str
        Decoded file content: the article body.
    file : str
        File name, for error messages; its stem is the default id.
    article_id : str, optional
        The article's id (default: the stem of ``file``).
    published : str, optional
        Publication date; required (plain text carries none).

    Yields
    ------
    Record
        One record at line 1 (Windows line ends turned into newlines).

    Raises
    ------
    InputError
        No publication date given; content that is JSON Lines or CSV.
    """
    body = text.replace("\r\n", "\n")
    first = next((ln for ln in body.split("\n") if ln.strip()), "")
    if first.lstrip().startswith("{") and _looks_like_json(first):
        raise InputError(file, 1, None,
                         "content looks like JSON Lines, not plain text (rename it to .jsonl)")
    if _looks_like_csv_header(first) and "published" in first.lower():
        raise InputError(file, 1, None, "content looks like CSV, not plain text "
                                        "(rename it to .csv)")
    if published is None:
        raise InputError(file, 1, "published",
                         "a plain-text article needs its publication date "
                         "(the published argument, --published on the command line)")
    yield Record(1, {"id": article_id or Path(file).stem, "published": published,
                     "text": body})


def _format_of(name: str) -> str:
    ext = Path(name).suffix.lower()
    if ext not in EXTENSIONS:
        raise InputError(name, None, None,
                         f"unknown extension {ext or '(none)'!r}: expected one of "
                         f"{', '.join(sorted(EXTENSIONS))}")
    return EXTENSIONS[ext]


def parse_bytes(data: bytes, name: str, published: str | None = None) -> list[dict]:
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

    Returns
    -------
    list of dict
        Articles (see :func:`validate_record`), each with a private ``_line`` key.

    Raises
    ------
    InputError
        Any problem with the file.
    """
    fmt = _format_of(name)
    default = None if published is None else normalise_published(
        published, file="published argument", field="published")
    text = decode_text(data, name, fmt)
    if fmt == "jsonl":
        records: Iterable[Record] = parse_jsonl(text, name)
    elif fmt == "csv":
        records = parse_csv(text, name, date_given=default is not None)
    else:
        if _has_undecodable(text):
            pos = _SURROGATE.search(text).start()
            raise InputError(name, _line_of(text, pos), "text",
                             f"not valid UTF-8 ({_bad_bytes_note(text)}); save the file as "
                             "UTF-8")
        records = parse_txt(text, name, published=default)
    out = []
    for rec in records:
        art = validate_record(rec, file=name, published=default)
        art["_line"] = rec.line
        out.append(art)
    return out


def articles_frame(articles: Iterable[dict], *, where: Iterable[tuple[str, int]] | None = None
                   ) -> pd.DataFrame:
    """Drop same-id-same-text duplicates, reject conflicting ids, build the frame.

    Parameters
    ----------
    articles : iterable of dict
        Validated articles (see :func:`validate_record`), in input order.
    where : iterable of (str, int), optional
        File and line of each article, for error messages (default: ``_file`` and
        ``_line`` keys of the articles when present).

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
            raise InputError(file, line, "id",
                             f"duplicate id {_short(art['id'])} with a different text "
                             f"(first seen at {first})")
        seen[art["id"]] = (art["text"], file, line)
        rows.append({c: art.get(c) for c in ARTICLE_COLUMNS})
    frame = pd.DataFrame(rows, columns=list(ARTICLE_COLUMNS), dtype=object)
    return frame.reset_index(drop=True)


# ---------------------------------------------------------------------------
# file system
# ---------------------------------------------------------------------------


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
                  published: str | dt.date | None = None) -> pd.DataFrame:
    """Read and validate articles from files and folders.

    Parameters
    ----------
    paths : path or iterable of paths
        ``.jsonl``/``.ndjson``/``.json``, ``.csv`` and ``.txt`` files, or folders of
        them (see :func:`iter_article_files`).
    published : str or datetime.date, optional
        ISO 8601 publication date: required for ``.txt`` files, and used for JSON or
        CSV records that carry none.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`geo.schema.ARTICLE_COLUMNS` (object dtype), ``published`` as
        ``YYYY-MM-DD``, optional fields ``None`` when absent. An id repeated with
        the same text is kept once.

    Raises
    ------
    InputError
        The first problem found, naming file, line and field.

    Examples
    --------
    >>> read_articles(["news/"], published="2024-08-15")  # doctest: +SKIP
    """
    if isinstance(published, dt.date):
        published = published.isoformat()
    articles: list[dict] = []
    where: list[tuple[str, int]] = []
    for path in iter_article_files(paths):
        _format_of(str(path))
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(path, None, None, f"cannot read: {exc.strerror or exc}") from None
        for art in parse_bytes(data, str(path), published):
            where.append((str(path), art.pop("_line")))
            articles.append(art)
    return articles_frame(articles, where=where)


def read_articles_bytes(files: Iterable[tuple[str, bytes]],
                        published: str | dt.date | None = None) -> pd.DataFrame:
    """Read articles from in-memory files, e.g. uploads in the dashboard.

    Parameters
    ----------
    files : iterable of (str, bytes)
        File name (its extension picks the format) and content.
    published : str or datetime.date, optional
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
        for art in parse_bytes(data, name, published):
            where.append((name, art.pop("_line")))
            articles.append(art)
    return articles_frame(articles, where=where)
