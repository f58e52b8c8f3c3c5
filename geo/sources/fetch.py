"""Articles from the web: an explicit ``http(s)://`` URL of a page or a feed, fetched once.

The only network access of the product, and only for a URL the analyst gives. The
response is read once (at most :data:`MAX_BYTES`, :data:`TIMEOUT` seconds), parsed as a
feed when it is one (:mod:`geo.sources.feeds`) and as a page otherwise
(:mod:`geo.sources.html`), and the articles carry their text and URL into the store:
nothing needs the network again. Offline, a clear :class:`InputError` says so.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from geo.sources.common import InputError, Record
from geo.sources.feeds import looks_like_feed, parse_feed
from geo.sources.html import parse_html

#: Seconds to wait for the server; bytes read at most.
TIMEOUT = 20.0
MAX_BYTES = 20_000_000
USER_AGENT = "geo-claims/1 (+offline conflict-claims map; one fetch per analyst request)"


def is_url(text: str) -> bool:
    """Tell whether an input names an ``http://`` or ``https://`` URL."""
    return str(text).strip().lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES
          ) -> tuple[bytes, str, str]:
    """Fetch a URL once; return its bytes, content type and final URL (after redirects).

    Raises
    ------
    InputError
        Not an http(s) URL; the machine is offline or the host unreachable; an HTTP
        error status; a response larger than ``max_bytes``.
    """
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(url, None, None, "only http:// and https:// URLs can be fetched")
    request = urllib.request.Request(url.strip(), headers={"User-Agent": USER_AGENT,
                                                           "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(max_bytes + 1)
            ctype = response.headers.get("Content-Type", "") or ""
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError(url, None, None, f"cannot fetch: HTTP {exc.code} {exc.reason}") \
            from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(url, None, None,
                         f"cannot fetch ({reason}): the machine may be offline or the host "
                         "unreachable; save the page or feed and give the file instead") \
            from None
    if len(data) > max_bytes:
        raise InputError(url, None, None, f"response larger than {max_bytes:,} bytes")
    return data, ctype.split(";")[0].strip().lower(), final


def parse_fetched(data: bytes, content_type: str, url: str) -> Iterator[Record]:
    """Yield the records of a fetched response: a feed's items, or a page's article."""
    if looks_like_feed(data):  # the content decides; servers mislabel feeds often
        yield from parse_feed(data, url)
    else:
        yield from parse_html(data, url, url=url)


def fetch_records(url: str, *, timeout: float = TIMEOUT) -> Iterator[Record]:
    """Fetch ``url`` once and yield its articles' records (see :func:`parse_fetched`)."""
    data, ctype, final = fetch(url, timeout=timeout)
    yield from parse_fetched(data, ctype, final)
