"""Articles from JSON Lines: one JSON object per line, or one JSON array of objects."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

from geo.sources.common import (
    InputError,
    Record,
    _line_of,
    _looks_like_csv_header,
    json_constant,
)
from geo.sources.limits import Limits

#: Called with a bad line's error and its raw text when bad lines are skipped.
OnError = Callable[[InputError, object], None]

# NaN and Infinity are not JSON (RFC 8259): read as markers, rejected by validation
_DECODER = json.JSONDecoder(parse_constant=json_constant)


def _decode_error(exc: Exception) -> str:
    """Return why a JSON value could not be read, for a human (no traceback)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply (an article is one flat object)"
    text = str(exc)
    digits = re.search(r"value has (\d+) digits", text)
    if digits:  # Python's int digit limit (4300)
        return (f"a number of {int(digits.group(1)):,} digits, too long to read "
                "(ids are strings of at most 200 characters)")
    return text.split(";")[0]


def _json_array_records(text: str, file: str, limits: Limits) -> Iterator[Record]:
    """Yield the records of a ``.json`` file holding one array of objects."""
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
            value, end = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            raise InputError(file, exc.lineno, None, f"invalid JSON: {exc.msg}") from None
        except (RecursionError, ValueError) as exc:
            raise InputError(file, line, None, f"invalid JSON: {_decode_error(exc)}") from None
        if end - pos > limits.line_chars:
            raise InputError(file, line, None,
                             f"one article of {end - pos:,} characters, more than the limit "
                             f"of {limits.line_chars:,} (GEO_MAX_LINE_CHARS)")
        pos = end
        if not isinstance(value, dict):
            raise InputError(file, line, None,
                             f"expected a JSON object per article, got {type(value).__name__}")
        yield Record(line, value)


def parse_jsonl(text: str, file: str = "<input>", *, on_error: OnError | None = None,
                limits: Limits | None = None) -> Iterator[Record]:
    """Yield the raw records of JSON Lines text (one object per line).

    A document that is a single JSON array of objects is accepted as well.

    Parameters
    ----------
    text : str
        Decoded file content.
    file : str
        File name, for error messages.
    on_error : callable, optional
        ``on_error(error, raw_line)`` for a line that is not a JSON object, which is
        then skipped; without it the first such line raises. Whole-file problems
        (CSV content, an unterminated array) always raise.
    limits : Limits, optional
        Size limits (default: :meth:`Limits.from_settings`).

    Yields
    ------
    Record
        One per non-blank line.

    Raises
    ------
    InputError
        A line that is not a JSON object (too long, nested too deeply, NaN...); CSV
        content.
    """
    limits = limits or Limits.from_settings()
    lines = text.split("\n")
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is None:
        return
    if lines[first].lstrip().startswith("["):
        yield from _json_array_records(text, file, limits)
        return
    for i, raw in enumerate(lines):
        if not raw.strip():
            continue
        line = i + 1
        try:
            yield _line_record(raw, line, i == first, file, limits)
        except InputError as err:
            if on_error is None or err.whole_file:
                raise
            on_error(err, raw if len(raw) <= limits.line_chars else None)


def _line_record(raw: str, line: int, first: bool, file: str, limits: Limits) -> Record:
    """Return the record of one JSON Lines line, or raise naming what is wrong."""
    if len(raw) > limits.line_chars:
        raise InputError(file, line, None,
                         f"line of {len(raw):,} characters, more than the limit of "
                         f"{limits.line_chars:,} (GEO_MAX_LINE_CHARS)")
    try:
        value = _DECODER.decode(raw)
    except json.JSONDecodeError as exc:
        if first and _looks_like_csv_header(raw):
            raise InputError(file, line, None, "content looks like CSV, not JSON Lines "
                             "(rename the file to .csv)", whole_file=True) from None
        if first and raw.strip() == "{":
            raise InputError(file, line, None,
                             "a JSON object spread over several lines; JSON Lines "
                             "needs one object per line", whole_file=True) from None
        raise InputError(file, line, None,
                         f"not a JSON object: {_decode_error(exc)}") from None
    except (RecursionError, ValueError) as exc:
        field = _field_of_long_number(raw) if isinstance(exc, ValueError) else None
        raise InputError(file, line, field, _decode_error(exc) if field else
                         f"not a JSON object: {_decode_error(exc)}") from None
    if not isinstance(value, dict):
        raise InputError(file, line, None,
                         f"expected a JSON object per line, got {type(value).__name__}")
    return Record(line, value)


_LONG_NUMBER = re.compile(r'"([^"\\]{1,64})"\s*:\s*-?\d{1000}')


def _field_of_long_number(raw: str) -> str | None:
    """Return the name of the field holding a number too long to read, when one can tell."""
    found = _LONG_NUMBER.search(raw)
    return found.group(1) if found else None
