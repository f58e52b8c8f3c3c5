"""Articles from saved web pages: the main text and its metadata, without the page around it.

A saved news page (``.html``/``.htm``/``.xhtml``, as "Save page as" or ``wget`` leaves it)
holds one article inside navigation, cookie banners, share buttons, related-article
lists and footers. `trafilatura <https://trafilatura.readthedocs.io>`_ finds the main
text and the page's metadata; only the main text becomes the article's ``text``, so
the boilerplate never reaches the claim extractor.

Fields of the article:

``id``
    The page's canonical URL (``<link rel="canonical">``, ``og:url``), else the file stem.
``published``
    The page's original publication date (meta tags, JSON-LD, the URL, the text), else
    the ``published`` argument; a page with neither is an error naming ``published``.
``title``, ``source``, ``url``, ``author``
    The headline, the site's name (else host name), the canonical URL, the byline
    (stored with the article and copied to its claims).

Paragraphs are separated by a blank line; a first paragraph repeating the title is
dropped (it is the headline, not a sentence of the article).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from geo.sources.common import InputError, Record

#: Largest page read, in bytes (a saved page with inline images can be large).
MAX_PAGE_BYTES = 20_000_000

#: A page's text counts as an article when one paragraph has at least this many words
#: (a page of menu entries alone is not an article).
MIN_PARAGRAPH_WORDS = 6

_DATE_PARAMS = {"extensive_search": True, "original_date": True}


def _paragraphs(text: str, title: str | None) -> str:
    paras = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
    if paras and title and paras[0].casefold() == title.strip().casefold():
        paras = paras[1:]
    return "\n\n".join(paras)


def extract_page(data: bytes | str, *, url: str | None = None) -> dict[str, str | None]:
    """Return the main text and metadata of one HTML page (no file access).

    Parameters
    ----------
    data : bytes or str
        The page; bytes are decoded from the page's declared or detected encoding.
    url : str, optional
        Where the page was fetched from (helps date and link resolution).

    Returns
    -------
    dict
        ``text`` (paragraphs separated by blank lines; ``""`` when no main text is
        found), ``title``, ``published`` (``YYYY-MM-DD`` or None), ``author``,
        ``url`` (canonical, else ``url``), ``source`` (site name, else host name).
    """
    import trafilatura

    doc = trafilatura.bare_extraction(
        data, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, favor_recall=True, date_extraction_params=_DATE_PARAMS)
    if doc is None:
        return {"text": "", "title": None, "published": None, "author": None, "url": url,
                "source": None}
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    title = (meta.get("title") or "").strip() or None
    return {
        "text": _paragraphs(meta.get("text") or "", title),
        "title": title,
        "published": meta.get("date") or None,
        "author": (meta.get("author") or "").strip() or None,
        "url": meta.get("url") or url,
        "source": (meta.get("sitename") or meta.get("hostname") or "").strip() or None,
    }


def parse_html(data: bytes, file: str = "<input>", *, url: str | None = None
               ) -> Iterator[Record]:
    """Yield the one record of a saved web page.

    Parameters
    ----------
    data : bytes
        The page as saved.
    file : str
        File name (or URL), for errors; its stem is the id when the page has no URL.
    url : str, optional
        The address the page came from (a fetched page).

    Yields
    ------
    Record
        One record at line 1; ``published`` is None when the page gives no date (the
        caller's ``published`` argument then applies).

    Raises
    ------
    InputError
        A page too large, not HTML, or without article text.
    """
    if len(data) > MAX_PAGE_BYTES:
        raise InputError(file, None, None,
                         f"page of {len(data):,} bytes is larger than {MAX_PAGE_BYTES:,}")
    head = data[:2048].lstrip().lower()
    if not head or b"<" not in head:
        raise InputError(file, 1, None, "not an HTML page (no markup)")
    page = extract_page(data, url=url)
    if not any(len(p.split()) >= MIN_PARAGRAPH_WORDS for p in page["text"].split("\n\n")):
        raise InputError(file, 1, "text",
                         "no article text found in the page (only navigation or "
                         "boilerplate?)")
    art_id = page["url"] or Path(file).stem
    yield Record(1, {"id": art_id, "published": page["published"], "text": page["text"],
                     "title": page["title"], "source": page["source"], "url": page["url"],
                     "author": page["author"]})
