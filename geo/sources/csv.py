"""Articles from CSV: a header row naming the columns, then one article per row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from geo.schema import ARTICLE_COLUMNS, ARTICLE_REQUIRED
from geo.sources.common import _CSV_DELIMITERS, InputError, Record, _looks_like_json
from geo.sources.jsonl import OnError
from geo.sources.limits import Limits


def _csv_delimiter(header: str) -> str:
    best, best_n = ",", 0
    for delim in _CSV_DELIMITERS:
        n = header.count(delim)
        if n > best_n:
            best, best_n = delim, n
    return best


def parse_csv(text: str, file: str = "<input>", *, date_given: bool = False,
              on_error: OnError | None = None, limits: Limits | None = None
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
    on_error : callable, optional
        ``on_error(error, row)`` for a row with more values than the header, which
        is then skipped; without it such a row raises. Header problems and broken
        quoting (after which rows cannot be told apart) always raise.
    limits : Limits, optional
        Size limits (default: :meth:`Limits.from_settings`); a field longer than
        ``line_chars`` is an error.

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
                         "content looks like JSON, not CSV (rename the file to .jsonl)",
                         whole_file=True)
    limits = limits or Limits.from_settings()
    csv.field_size_limit(limits.line_chars)  # process-wide; every reader sets it from settings
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
                        raise InputError(file, line, name, "column appears twice in the header",
                                         whole_file=True)
                    seen.add(name)
                for name in ARTICLE_REQUIRED:
                    if name not in header and not (name == "published" and date_given):
                        raise InputError(file, line, name,
                                         f"missing required column (header has: "
                                         f"{', '.join(header)})", whole_file=True)
                continue
            if len(row) > len(header):
                err = InputError(file, line, None,
                                 f"row has {len(row)} values but the header (line "
                                 f"{header_line}) names {len(header)} columns")
                if on_error is None:
                    raise err
                on_error(err, row)
                continue
            fields: dict[str, object] = {
                name: cell for name, cell in zip(header, row, strict=False) if name}
            yield Record(line, fields)
    except csv.Error as exc:
        why = str(exc)
        if "field larger than field limit" in why:
            why = (f"a field longer than the limit of {limits.line_chars:,} characters "
                   "(GEO_MAX_LINE_CHARS)")
        else:
            why = f"malformed CSV: {why}"
        raise InputError(file, start, None, f"{why}; the rest of the file is not read",
                         whole_file=True) from None
