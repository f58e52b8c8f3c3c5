"""What every article source shares: the input error, raw records and their validation.

A source (``jsonl``, ``csv``, ``text``...) turns decoded text into raw
:class:`Record` objects; :func:`validate_record` checks one and returns the
article with the :data:`geo.schema.ARTICLE_COLUMNS` fields. Bad input raises
:class:`InputError`, which names the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from dataclasses import dataclass

from geo.schema import ARTICLE_COLUMNS, ARTICLE_OPTIONAL, ARTICLE_REQUIRED
from geo.sources.limits import EARLIEST_PUBLISHED, MAX_FIELD_CHARS, MAX_ID_CHARS, Limits

_CSV_DELIMITERS = (",", ";", "\t")


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
    whole_file : bool, optional
        Whether the problem spoils the whole file (binary content, a bad header),
        not one record; always true when ``line`` is ``None``.

    Notes
    -----
    ``str(err)`` reads like ``"FILE:LINE: field 'published': cannot parse 'x'"``;
    the line and field parts are left out when they are ``None``.
    """

    def __init__(self, file: str | os.PathLike[str], line: int | None, field: str | None,
                 message: str, *, whole_file: bool = False) -> None:
        self.file = str(file)
        self.line = line
        self.field = field
        self.message = message
        self.whole_file = whole_file or line is None
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = self.message if self.field is None else f"field '{self.field}': {self.message}"
        return f"{where}: {what}"

    def __reduce__(self):  # keep the attributes across pickling (process pools)
        return (_rebuild, (type(self), self.file, self.line, self.field, self.message,
                           self.whole_file))


def _rebuild(cls: type, file: str, line: int | None, field: str | None, message: str,
             whole_file: bool) -> InputError:
    return cls(file, line, field, message, whole_file=whole_file)


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
        return _check_published(value.date(), file, line, field)
    if isinstance(value, dt.date):
        return _check_published(value, file, line, field)
    if value is None:
        raise InputError(file, line, field, "missing value")
    if not isinstance(value, str):
        raise InputError(file, line, field,
                         f"expected an ISO 8601 date string, got {type(value).__name__} "
                         f"{_short(value)}")
    text = value.strip()
    if not text:
        raise InputError(file, line, field, "missing value")
    date: dt.date | None = None
    try:
        date = dt.datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:  # Python's fromisoformat does not take a lower-case "z" suffix
        if date is None and text[-1] in "zZ":
            date = dt.datetime.fromisoformat(text[:-1] + "+00:00").date()
    except ValueError:
        pass
    if date is None:
        raise InputError(file, line, field,
                         f"cannot parse {_short(value)} as an ISO 8601 date or datetime "
                         "(e.g. 2024-08-15 or 2024-08-15T10:00:00Z)")
    return _check_published(date, file, line, field)


def _check_published(date: dt.date, file: str, line: int | None, field: str) -> str:
    latest = Limits.latest_published()
    if not EARLIEST_PUBLISHED <= date <= latest:
        raise InputError(file, line, field,
                         f"publication date {date.isoformat()} is outside "
                         f"{EARLIEST_PUBLISHED.isoformat()}..{latest.isoformat()} "
                         "(a placeholder or a typo?)")
    return date.isoformat()


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


class NonFinite(str):
    """A JSON ``NaN``, ``Infinity`` or ``-Infinity`` as read (not valid JSON: rejected)."""

    __slots__ = ()


def json_constant(name: str) -> NonFinite:
    """Return the marker for a non-finite JSON constant (``json.loads(parse_constant=...)``)."""
    return NonFinite(name)


def _no_non_finite(value: object, file: str, line: int, field: str) -> None:
    if isinstance(value, NonFinite) or (isinstance(value, float) and not math.isfinite(value)):
        raise InputError(file, line, field,
                         f"{value} is not a valid value (not valid JSON either); "
                         "leave the field out or use null")


def _optional_str(value: object, file: str, line: int, field: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or isinstance(value, (list, dict)):
        raise InputError(file, line, field, f"expected a string, got {_short(value)}")
    _no_non_finite(value, file, line, field)
    text = str(value).strip()
    if len(text) > MAX_FIELD_CHARS:
        raise InputError(file, line, field,
                         f"{len(text):,} characters, more than the limit of "
                         f"{MAX_FIELD_CHARS:,}")
    return text or None


def _unify_line_ends(text: str) -> str:
    """Return ``text`` with Windows (CR LF) and old Mac (CR) line ends as LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def validate_record(record: Record, *, file: str, published: str | None = None,
                    limits: Limits | None = None) -> dict:
    """Check one raw record and return the article with the ARTICLE_COLUMNS fields.

    Parameters
    ----------
    record : Record
        The raw fields and the line they start on.
    file : str
        The file name, for error messages.
    published : str, optional
        Fallback publication date (already normalised) for a record without one.
    limits : Limits, optional
        Size limits (default: :meth:`Limits.from_settings`).

    Returns
    -------
    dict
        ``id``, ``published`` (``YYYY-MM-DD``), ``text`` (Windows line ends as
        LF) and the optional ``title``, ``source``, ``url``, ``author`` (``None`` when
        absent or empty). Unknown fields are dropped.

    Raises
    ------
    InputError
        Missing field, wrong type, NaN or infinite values, unparseable or
        implausible date, empty text, a value over its size limit (see
        :mod:`geo.sources.limits`), or bytes that were not UTF-8.
    """
    limits = limits or Limits.from_settings()
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
    _no_non_finite(art_id, file, line, "id")
    if isinstance(art_id, bool) or not isinstance(art_id, (str, int)):
        raise InputError(file, line, "id", f"expected a string, got {_short(art_id)}")
    if isinstance(art_id, int) and art_id.bit_length() > MAX_ID_CHARS * 4:
        raise InputError(file, line, "id", f"a number of more than {MAX_ID_CHARS} digits; "
                         f"ids are at most {MAX_ID_CHARS} characters")
    art_id = str(art_id).strip()
    if not art_id:
        raise InputError(file, line, "id", "empty id")
    if len(art_id) > MAX_ID_CHARS:
        raise InputError(file, line, "id", f"{len(art_id):,} characters long, more than the "
                         f"limit of {MAX_ID_CHARS}")

    raw_date = raw.get("published")
    if raw_date is None or (isinstance(raw_date, str) and not raw_date.strip()):
        if published is None:
            raise InputError(file, line, "published", "missing value")
        date = published
    else:
        _no_non_finite(raw_date, file, line, "published")
        date = normalise_published(raw_date, file=file, line=line)

    text = raw["text"]
    _no_non_finite(text, file, line, "text")
    if not isinstance(text, str):
        raise InputError(file, line, "text", f"expected a string, got {_short(text)}")
    if not text.strip():
        raise InputError(file, line, "text", "empty text")
    if len(text) > limits.article_chars:
        raise InputError(file, line, "text",
                         f"{len(text):,} characters, more than the limit of "
                         f"{limits.article_chars:,} (GEO_MAX_ARTICLE_CHARS); split the "
                         "article into parts")
    text = _unify_line_ends(text)

    out: dict[str, object] = {"id": art_id, "published": date, "text": text}
    for name in ARTICLE_OPTIONAL:
        out[name] = _optional_str(raw.get(name), file, line, name)
    return out


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
