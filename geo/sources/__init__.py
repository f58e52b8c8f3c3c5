"""Articles in: read JSON Lines, CSV and plain-text files into a validated articles frame.

What the package offers
-----------------------
* :func:`read_articles` (files and folders) and :func:`read_articles_bytes`
  (in-memory uploads) return a frame with :data:`geo.schema.ARTICLE_COLUMNS`.
* :func:`parse_bytes` parses one file's bytes; :func:`parse_jsonl`,
  :func:`parse_csv`, :func:`parse_txt` yield raw :class:`Record` objects from
  decoded text; :func:`validate_record` and :func:`normalise_published` check them.
* :class:`InputError` names the file, the line and the field of bad input.
  Reading is strict by default (the first bad record raises); with a
  ``rejected`` list (``--skip-invalid``) bad records are collected as
  :class:`Rejected` and :func:`write_rejected` writes them with their reasons.
* :class:`Limits` (:mod:`geo.sources.limits`): the documented size and value limits.

Accepted inputs (SPEC, "Input: articles"):

* ``.jsonl`` / ``.ndjson`` / ``.json`` (:mod:`geo.sources.jsonl`): one JSON object
  per line (blank lines are skipped); a ``.json`` file may also hold one JSON
  array of objects.
* ``.csv`` (:mod:`geo.sources.csv`): a header row naming the columns (same names
  as the JSON fields, case and surrounding spaces ignored), then one article per
  row; comma, semicolon or tab separated.
* ``.txt`` (:mod:`geo.sources.text`): one article per file; its id is the file
  stem and its publication date comes from the ``published`` argument
  (``--published`` on the command line).

Fields: ``id``, ``published`` and ``text`` are required; ``title``, ``source``
and ``url`` are optional (``None`` when absent or empty); any other field is
ignored. ``published`` is an ISO 8601 date or datetime and is normalised to
``YYYY-MM-DD`` (the calendar date as written, time zone not converted).

Files must be UTF-8 (a UTF-8 byte-order mark is allowed; :mod:`geo.sources.decode`).
What all sources share (errors, records, validation) is :mod:`geo.sources.common`;
the file-system layer is :mod:`geo.sources.read`.
"""

from geo.sources.common import InputError, Record, normalise_published, validate_record
from geo.sources.csv import parse_csv
from geo.sources.decode import decode_text
from geo.sources.jsonl import parse_jsonl
from geo.sources.limits import Limits
from geo.sources.read import (
    EXTENSIONS,
    Rejected,
    articles_frame,
    iter_article_files,
    parse_bytes,
    read_articles,
    read_articles_bytes,
    write_rejected,
)
from geo.sources.text import parse_txt

__all__ = [
    "EXTENSIONS",
    "InputError",
    "Limits",
    "Record",
    "Rejected",
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
    "write_rejected",
]
