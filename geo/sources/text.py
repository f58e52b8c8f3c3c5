"""Articles from plain text: one article per file, its date given by the caller."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from geo.sources.common import InputError, Record, _looks_like_csv_header, _looks_like_json


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
