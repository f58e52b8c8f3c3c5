"""Articles from JSON Lines: one JSON object per line, or one JSON array of objects."""

from __future__ import annotations

import json
from collections.abc import Iterator

from geo.sources.common import InputError, Record, _line_of, _looks_like_csv_header


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
