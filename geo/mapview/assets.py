"""Offline map assets: folium's CDN links pointed at the local copies under static/vendor.

Folium loads Leaflet and its plugins from CDNs. :func:`localize_assets` points
every element of one map at the copies that ``data/fetch_assets.sh`` puts under
``static/vendor`` (served by Streamlit at ``app/static/vendor``); it changes the
map's own elements only, never folium's classes.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from typing import Any

from folium.elements import JSCSSMixin

from geo import settings

#: folium's asset names -> files under the vendor folder (see data/fetch_assets.sh).
#: ``None``: not needed by this map (glyphicons, rotated awesome markers, code
#: highlighting), dropped rather than fetched from the internet.
LOCAL_ASSETS: dict[str, str | None] = {
    # folium.Map
    "leaflet": "leaflet/dist/leaflet.js",
    "jquery": "jquery/dist/jquery.min.js",
    "bootstrap": "bootstrap/dist/js/bootstrap.bundle.min.js",
    "awesome_markers": "awesome-markers/js/leaflet.awesome-markers.js",
    "leaflet_css": "leaflet/dist/leaflet.css",
    "bootstrap_css": "bootstrap/dist/css/bootstrap.min.css",
    "glyphicons_css": None,
    "awesome_markers_font_css": "fontawesome/css/all.min.css",
    "awesome_markers_css": "awesome-markers/css/leaflet.awesome-markers.css",
    "awesome_rotate_css": None,
    # MarkerCluster / FastMarkerCluster
    "markerclusterjs": "markercluster/dist/leaflet.markercluster.js",
    "markerclustercss": "markercluster/dist/MarkerCluster.css",
    "markerclusterdefaultcss": "markercluster/dist/MarkerCluster.Default.css",
    # TimestampedGeoJson
    "jquery3.7.1": "jquery/dist/jquery.min.js",
    "jqueryui1.10.2": "jquery-ui/dist/jquery-ui.min.js",
    "iso8601": "iso8601/iso8601.js",
    "leaflet.timedimension": "timedimension/dist/leaflet.timedimension.min.js",
    "moment": "moment/min/moment.min.js",
    "highlight.js_css": None,
    "leaflet.timedimension_css": "timedimension/dist/leaflet.timedimension.control.css",
}

#: Point claims (most recent first) whose popup carries the full evidence, at most this
#: many and at most DETAIL_BUDGET characters of popup HTML in all; the others carry


def default_assets_url() -> str:
    """Return the URL path of the local assets, from the ``static_url`` setting.

    Returns
    -------
    str
        Root-relative path such as ``/app/static/vendor`` (root-relative so it also
        resolves inside streamlit-folium's component frame).
    """
    url = settings.get("static_url").rstrip("/")
    if url.startswith(("http://", "https://", "/")):
        return url
    return "/" + url


def walk(element: Any) -> Iterable[Any]:
    """Yield ``element`` and every element below it (branca's children tree)."""
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from walk(child)


def _local_links(links: list[tuple[str, str]], base: str) -> list[tuple[str, str]]:
    out = []
    for name, url in links:
        if not url.startswith(("http://", "https://", "//")):
            out.append((name, url))
            continue
        if name not in LOCAL_ASSETS:
            warnings.warn(f"no local copy of map asset {name!r} ({url}); left out",
                          stacklevel=3)
            continue
        path = LOCAL_ASSETS[name]
        if path is not None:
            out.append((name, f"{base}/{path}"))
    return out


def localize_assets(element: Any, assets_url: str | None = None) -> Any:
    """Point every asset link of ``element`` and its children at the local copies.

    Only instance attributes are set, so folium's classes (and other maps) are
    untouched. Call it after the last child is added (:func:`build_map` does).

    Parameters
    ----------
    element : folium.Map or branca Element
        The map (or any element tree).
    assets_url : str, optional
        URL of the vendor folder; default :func:`default_assets_url`.

    Returns
    -------
    Any
        ``element``, for chaining.
    """
    base = (assets_url or default_assets_url()).rstrip("/")
    for el in walk(element):
        if isinstance(el, JSCSSMixin):
            el.default_js = _local_links(list(el.default_js), base)
            el.default_css = _local_links(list(el.default_css), base)
    return element
