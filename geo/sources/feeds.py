"""Articles from RSS and Atom feeds: each item one article, its full content where carried.

A feed file (``.rss``, ``.atom``, ``.xml``, as saved or fetched) is parsed with
`feedparser <https://feedparser.readthedocs.io>`_ (RSS 0.9x/1.0/2.0, Atom 0.3/1.0,
with its sanitising of embedded HTML). For every item:

``text``
    The full content (``content:encoded``, Atom ``<content>``) where the feed carries
    it, else the summary/description; its HTML is reduced to paragraphs of plain text.
``id``
    The item's ``guid``/``id``, else its link, else ``FILE#N``.
``published``
    The item's own date (``pubDate``, ``published``, ``updated``, ``dc:date``) as written
    (time zone not converted), else the feed's date, else the ``published`` argument.
``title``, ``url``, ``source``, ``author``
    The item's title and link (a relative link resolved against the feed's own absolute
    address, ``<link rel="self">`` or where it was fetched from), the feed's title, the
    item's author's name (an Atom entry without one has the feed's author; an RSS
    ``<author>`` written ``mail@host (Name)`` gives ``Name``).

Errors name the file and the line where the item starts.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

from geo.sources.common import InputError, Record

#: Largest feed read, in bytes.
MAX_FEED_BYTES = 50_000_000

_ITEM_START = re.compile(rb"<(?:[\w-]+:)?(?:item|entry)[\s>/]", re.IGNORECASE)
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
          "blockquote", "section", "article", "tr", "table", "pre", "figure", "hr"}
_DROP = {"script", "style", "noscript", "iframe", "object", "embed", "template"}
_SPACE = re.compile(r"[ \t\u00a0]+")


def html_to_text(fragment: str) -> str:
    """Return the plain text of an HTML fragment, one paragraph per block element."""
    if "<" not in fragment:
        return _SPACE.sub(" ", fragment).strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return _SPACE.sub(" ", re.sub(r"<[^>]*>", " ", fragment)).strip()
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in _DROP:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag.lower() in _BLOCK
        if block:
            parts.append("\n\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    paras = [_SPACE.sub(" ", p).strip() for p in "".join(parts).split("\n\n")]
    return "\n\n".join(p for p in (" ".join(x.split()) for x in paras) if p)


def _date_as_written(raw: str | None, parsed: time.struct_time | None) -> str | None:
    """Return the calendar date of a feed date, as written (no time-zone conversion)."""
    if raw:
        text = raw.strip()
        try:
            return email.utils.parsedate_to_datetime(text).date().isoformat()  # RFC 822
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
        except ValueError:
            pass
    if parsed:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _entry_date(entry) -> str | None:
    for key in ("published", "updated", "created"):
        got = _date_as_written(entry.get(key), entry.get(f"{key}_parsed"))
        if got:
            return got
    return None


def _entry_text(entry) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    summary = entry.get("summary") or ""
    return html_to_text(best if len(best) >= len(summary) else summary)


def _person(detail, raw) -> str | None:
    """Return a person's name from feedparser's ``author_detail``, else the raw string."""
    name = (detail or {}).get("name") if detail else None
    return (name or raw or "").strip() or None


def _feed_base(feed, file: str) -> str | None:
    """Return the absolute address relative item links resolve against, if any."""
    for link in feed.get("links") or []:
        href = link.get("href") or ""
        if link.get("rel") == "self" and urllib.parse.urlsplit(href).scheme in ("http",
                                                                                   "https"):
            return href
    if urllib.parse.urlsplit(file).scheme in ("http", "https"):
        return file
    return None


def looks_like_feed(data: bytes) -> bool:
    """Tell whether bytes are an RSS or Atom document (by its first elements)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return bool(re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head))


def parse_feed(data: bytes, file: str = "<input>") -> Iterator[Record]:
    """Yield one record per item of an RSS or Atom feed.

    Parameters
    ----------
    data : bytes
        The feed document.
    file : str
        File name (or URL), for errors and for ids of items without one.

    Yields
    ------
    Record
        One per item, at the line where the item starts; ``published`` None when
        neither item nor feed carries a date.

    Raises
    ------
    InputError
        A file that is not a feed, or an item without any text.
    """
    import feedparser

    if len(data) > MAX_FEED_BYTES:
        raise InputError(file, None, None,
                         f"feed of {len(data):,} bytes is larger than {MAX_FEED_BYTES:,}")
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise InputError(file, None, None,
                         "not an RSS or Atom feed" + (f" ({why})" if why else ""))
    starts = [data.count(b"\n", 0, m.start()) + 1 for m in _ITEM_START.finditer(data)]
    feed = parsed.feed
    feed_date = _date_as_written(feed.get("updated") or feed.get("published"),
                                 feed.get("updated_parsed") or feed.get("published_parsed"))
    source = (feed.get("title") or "").strip() or None
    # Atom entries inherit the feed's author (RFC 4287, 4.2.1); an RSS channel's
    # managingEditor is not the items' author.
    feed_author = (_person(feed.get("author_detail"), feed.get("author"))
                   if str(parsed.get("version", "")).startswith("atom") else None)
    base = _feed_base(feed, file)
    stem = Path(file).name
    for i, entry in enumerate(parsed.entries):
        line = starts[i] if i < len(starts) else 1
        text = _entry_text(entry)
        if not text:
            raise InputError(file, line, "text",
                             f"item {i + 1} has neither content nor a summary")
        link = entry.get("link") or None
        if link and base:
            link = urllib.parse.urljoin(base, link)
        yield Record(line, {
            "id": entry.get("id") or link or f"{stem}#{i + 1}",
            "published": _entry_date(entry) or feed_date,
            "text": text,
            "title": (entry.get("title") or "").strip() or None,
            "source": source,
            "url": link,
            "author": _person(entry.get("author_detail"), entry.get("author")) or feed_author,
        })
