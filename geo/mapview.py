"""The claims map: a folium map that works offline and stays fluid at 100,000 claims.

:func:`build_map` draws

* an offline base layer of country and admin-1 outlines (from the gazetteer),
  with OpenStreetMap tiles only as an option;
* settlement claims as points in one clustered layer: the data travel as one
  compact array (coordinates, type, date, claimant and place as indexes into
  lookup tables) and the browser builds the markers, so the page does not grow
  with per-marker JavaScript;
* region and country claims as polygons, one feature per place, styled by the
  place's most recent claim type;
* a legend, a layer control, a claim counter and, optionally, a day-by-day
  play-through (Leaflet.TimeDimension).

Every text that comes from an article (sentences, claimants, places, titles,
URLs) is HTML-escaped in Python before it reaches the page; source links are
only made for ``http(s)`` URLs.

Folium loads Leaflet and its plugins from CDNs. :func:`localize_assets` points
every element of one map at the copies that ``data/fetch_assets.sh`` puts under
``static/vendor`` (served by Streamlit at ``app/static/vendor``); it changes the
map's own elements only, never folium's classes.
"""

from __future__ import annotations

import html
import json
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster, TimestampedGeoJson
from folium.template import Template

from geo import settings
from geo.filters import effective_date
from geo.schema import CLAIM_TYPES

#: Colour of each claim type on the map and in charts.
TYPE_COLORS: dict[str, str] = {
    "control": "#d62728",
    "advance": "#ff7f0e",
    "clash": "#8c564b",
    "repelled": "#9467bd",
    "strike": "#1f77b4",
    "casualties": "#222222",
    "displacement": "#17becf",
    "emergency": "#bcbd22",
    "restriction": "#7f7f7f",
    "unrest": "#e377c2",
    "detention": "#2ca02c",
}
OTHER_COLOR = "#555555"

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
#: type, date, claimant and place (their evidence is in the Claims table).
DETAIL_LIMIT = 5000
DETAIL_BUDGET = 1_000_000
#: Play-through features (claims grouped by day, place and type) kept, most recent first.
TIMELINE_LIMIT = 20000
#: Claims listed in a polygon's popup.
POLYGON_POPUP_CLAIMS = 5
MAX_ZOOM = 16


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


def _walk(element: Any) -> Iterable[Any]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


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
    for el in _walk(element):
        if isinstance(el, JSCSSMixin):
            el.default_js = _local_links(list(el.default_js), base)
            el.default_css = _local_links(list(el.default_css), base)
    return element


# ---------------------------------------------------------------------------------------
# text helpers (everything from articles is untrusted)


def json_for_script(value: Any) -> str:
    r"""Return compact JSON that is safe inside an HTML ``<script>`` element.

    Parameters
    ----------
    value : Any
        JSON-serialisable data.

    Returns
    -------
    str
        JSON without spaces in which no text can close the script element or open
        a comment or script inside it: ``</`` is written ``<\/`` and ``<!`` is written
        ``\u003c!`` (both mean the same in JSON); U+2028/U+2029 are escaped.
    """
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return (text.replace("</", "<\\/").replace("<!", "\\u003c!")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def esc(value: Any) -> str:
    """Return ``value`` as HTML-escaped text ('' for missing values).

    Parameters
    ----------
    value : Any
        Text or number from a claim.

    Returns
    -------
    str
        Safe to put into HTML, attributes included.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def safe_link(url: Any, label: Any = None) -> str:
    """Return an HTML link to ``url`` if it is an http(s) URL, else its escaped text.

    Parameters
    ----------
    url : Any
        The article's URL (untrusted).
    label : Any, optional
        Link text; default the URL.

    Returns
    -------
    str
        ``<a href=... target="_blank" rel="noopener noreferrer">`` or plain text.
    """
    text = esc(label if label not in (None, "") and not pd.isna(label) else url)
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return (f'<a href="{esc(url.strip())}" target="_blank" '
                f'rel="noopener noreferrer">{text}</a>')
    return text


def _text_or_none(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _fmt_quantity(row: Any) -> str:
    q = row.get("quantity")
    if q is None or pd.isna(q):
        return ""
    qmax = row.get("quantity_max")
    val = f"{q:g}" if qmax is None or pd.isna(qmax) else f"{q:g}–{qmax:g}"
    parts = [row.get("qualifier"), val, row.get("unit")]
    return " ".join(esc(p) for p in parts if p is not None and not pd.isna(p) and p != "")


def claim_popup_html(row: Any) -> str:
    """Return the escaped popup HTML of one claim.

    Parameters
    ----------
    row : Mapping
        A claim (a row of a claims table, as a dict or Series).

    Returns
    -------
    str
        Type, date, claimant, actor, quantity, place, the evidence sentence and
        the source link; every value HTML-escaped.
    """
    ctype = row.get("claim_type")
    color = TYPE_COLORS.get(ctype, OTHER_COLOR)
    date = row.get("event_date")
    if date is None or pd.isna(date):
        date = row.get("published")
    lines = [
        f'<div class="claim-popup"><b style="color:{color}">{esc(ctype)}</b> · {esc(date)}',
    ]
    for label, key in (("claimant", "claimant"), ("actor", "actor"), ("place", "place_name")):
        v = row.get(key)
        if v is not None and not pd.isna(v) and v != "":
            lines.append(f"<br><i>{label}:</i> {esc(v)}")
    qty = _fmt_quantity(row)
    if qty:
        lines.append(f"<br><i>quantity:</i> {qty}")
    sentence = row.get("sentence")
    if sentence is not None and not pd.isna(sentence):
        lines.append(f'<blockquote style="margin:4px 0;font-size:90%">{esc(sentence)}'
                     "</blockquote>")
    src, url, title = (_text_or_none(row.get(k)) for k in ("source", "url", "title"))
    if src or url or title:
        label = title or src or url
        lines.append(f"<i>source:</i> {safe_link(url, label)}"
                     + (f" ({esc(src)})" if src and src != label else ""))
    lines.append("</div>")
    return "".join(lines)


# ---------------------------------------------------------------------------------------
# map elements


class ClaimPoints(JSCSSMixin, folium.map.Layer):
    """Point claims in one clustered layer, built in the browser from compact arrays.

    The payload is columnar (see :func:`point_payload`): claim ``i`` has the full
    popup ``details[i]`` when ``i < len(details)`` (claims come most recent first),
    else a short one built from the lookup tables. Every string is HTML-escaped.

    Parameters
    ----------
    payload : dict
        From :func:`point_payload`.
    name : str
        Name in the layer control.
    show : bool
        Shown when the map opens.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .claim-dot span {display:block;width:12px;height:12px;border-radius:6px;
                           border:1px solid #fff;box-shadow:0 0 2px #000;opacity:.9}
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var P = {{ this.payload_json }};
            var icons = P.types.map(function (t) {
                return L.divIcon({className: 'claim-dot', iconSize: [12, 12],
                                  html: '<span style="background:' + t[1] + '"></span>'});
            });
            function short(i) {
                var t = P.types[P.t[i]], c = P.claimants[P.c[i]], p = P.places[P.p[i]];
                return '<b style="color:' + t[1] + '">' + t[0] + '</b> · ' + P.dates[P.d[i]]
                    + (c ? '<br><i>claimant:</i> ' + c : '')
                    + (p ? '<br><i>place:</i> ' + p : '')
                    + '<br><small>evidence: see the Claims table</small>';
            }
            function popup(layer) {
                var i = layer.options.i;
                return i < P.details.length ? P.details[i] : short(i);
            }
            function tooltip(layer) {
                var i = layer.options.i, p = P.places[P.p[i]];
                return P.types[P.t[i]][0] + ' · ' + P.dates[P.d[i]] + (p ? ' · ' + p : '');
            }
            var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
            var n = P.lat.length, markers = new Array(n);
            for (var i = 0; i < n; i++) {
                var m = L.marker([P.lat[i] / 1e4, P.lon[i] / 1e4], {icon: icons[P.t[i]], i: i});
                m.bindPopup(popup, {maxWidth: 360});
                m.bindTooltip(tooltip);
                markers[i] = m;
            }
            cluster.addLayers(markers);
            return cluster;
        })();
        {% endmacro %}
        """
    )

    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css

    def __init__(self, payload: dict, name: str = "Settlements (points)",
                 show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "ClaimPoints"
        self.payload = payload
        self.payload_json = json_for_script(payload)
        self.options = {"chunkedLoading": True, "maxClusterRadius": 50,
                        "spiderfyOnMaxZoom": True, "showCoverageOnHover": False}


class FeatureLayer(folium.map.Layer):
    """A GeoJSON layer whose style, tooltip and popup come from feature properties.

    Lighter than ``folium.GeoJson`` (compact JSON, no per-feature style table).
    Properties ``tooltip`` and ``popup`` must already be HTML-escaped.

    Parameters
    ----------
    data : dict
        GeoJSON FeatureCollection.
    name : str
        Name in the layer control.
    style : dict
        Leaflet path options for every feature; a feature's ``color`` property
        overrides ``color`` and ``fillColor``.
    overlay, control, show : bool
        As for :class:`folium.map.Layer`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var style = {{ this.style|tojson }};
            return L.geoJson({{ this.data_json }}, {
                style: function (f) {
                    var s = Object.assign({}, style);
                    if (f.properties.color) { s.color = f.properties.color;
                                              s.fillColor = f.properties.color; }
                    return s;
                },
                onEachFeature: function (f, layer) {
                    if (f.properties.tooltip) { layer.bindTooltip(f.properties.tooltip,
                                                                  {sticky: true}); }
                    if (f.properties.popup) { layer.bindPopup(f.properties.popup,
                                                              {maxWidth: 380}); }
                }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, name: str, style: dict, *, overlay: bool = True,
                 control: bool = True, show: bool = True) -> None:
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = "FeatureLayer"
        self.data_json = json_for_script(data)
        self.style = style
        self.n_features = len(data.get("features", []))


class ClaimTimeline(JSCSSMixin, MacroElement):
    """Day-by-day play-through of claims (Leaflet.TimeDimension).

    Parameters
    ----------
    payload : dict
        Columnar groups of claims from :func:`timeline_payload`; the browser builds
        the GeoJSON points (``time``, ``color``, ``radius``, escaped ``popup``).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var map = {{ this._parent.get_name() }};
            var P = {{ this.payload_json }};
            var feats = new Array(P.n.length);
            for (var i = 0; i < P.n.length; i++) {
                var ty = P.types[P.t[i]], day = P.days[P.d[i]], c = P.claimants[P.c[i]];
                feats[i] = {type: 'Feature',
                    geometry: {type: 'Point', coordinates: [P.lon[i] / 100, P.lat[i] / 100]},
                    properties: {time: day, color: ty[1],
                        radius: Math.min(4 + 2 * Math.sqrt(P.n[i]), 20),
                        popup: '<b style="color:' + ty[1] + '">' + ty[0] + '</b> · ' + day
                            + ' · ' + P.places[P.p[i]] + ' (' + P.n[i] + ')'
                            + (c ? '<br><i>claimant:</i> ' + c : '')}};
            }
            var data = {type: 'FeatureCollection', features: feats};
            map.timeDimension = L.timeDimension({period: 'P1D'});
            var Control = L.Control.TimeDimension.extend({
                _getDisplayDateFormat: function (date) {
                    return date.toISOString().slice(0, 10);
                }
            });
            map.addControl(new Control({
                position: 'bottomleft', autoPlay: false, loopButton: true,
                timeSliderDragUpdate: true, speedSlider: true,
                playerOptions: {transitionTime: 400, loop: false, startOver: true}}));
            var layer = L.geoJson(data, {
                pointToLayer: function (f, latlng) {
                    return L.circleMarker(latlng, {radius: f.properties.radius,
                        color: f.properties.color, fillColor: f.properties.color,
                        fillOpacity: 0.7, weight: 1});
                },
                onEachFeature: function (f, layer) {
                    layer.bindPopup(f.properties.popup, {maxWidth: 360});
                }
            });
            var timed = L.timeDimension.layer.geoJson(layer, {
                updateTimeDimension: true, updateTimeDimensionMode: 'replace',
                addlastPoint: false, duration: 'PT23H59M'});
            timed.addTo(map);
            return timed;
        })();
        {% endmacro %}
        """
    )

    default_js = TimestampedGeoJson.default_js
    default_css = TimestampedGeoJson.default_css

    def __init__(self, payload: dict) -> None:
        super().__init__()
        self._name = "ClaimTimeline"
        self.payload = payload
        self.payload_json = json_for_script(payload)


class Legend(MacroElement):
    """Legend of claim types, with the number of claims shown (``#claim-count``).

    Parameters
    ----------
    counts : dict
        Claims shown per claim type.
    total : int
        Claims matching the filter.
    shown : int
        Claims drawn (equal to ``total`` unless limited).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(){
            var legend = L.control({position: 'bottomright'});
            legend.onAdd = function () {
                var div = L.DomUtil.create('div', 'claims-legend');
                div.style.cssText = 'background:rgba(255,255,255,.9);padding:6px 8px;'
                    + 'font:12px/1.4 sans-serif;border-radius:4px;box-shadow:0 0 4px #999';
                div.innerHTML = {{ this.html|tojson }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
            // the frame around the map may be resized after Leaflet starts (Streamlit
            // sizes its components late): redraw the canvas layers to the new size
            var map = {{ this._parent.get_name() }};
            function redraw() { map.invalidateSize(); map.fire('moveend'); }
            if (window.ResizeObserver) {
                new ResizeObserver(redraw).observe(map.getContainer());
            }
            // the initial view is set after the layers: redraw the canvas for it
            setTimeout(redraw, 0);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, counts: dict[str, int], total: int, shown: int) -> None:
        super().__init__()
        self._name = "Legend"
        rows = []
        for ctype in CLAIM_TYPES:
            n = counts.get(ctype, 0)
            if n:
                rows.append(f'<div><span style="display:inline-block;width:10px;height:10px;'
                            f'border-radius:5px;background:{TYPE_COLORS[ctype]}"></span> '
                            f"{esc(ctype)} <span style=\"color:#666\">{n:,}</span></div>")
        note = "" if shown == total else f" (drawn: {shown:,})"
        self.html = (f'<div id="claim-count" data-count="{total}"><b>{total:,}</b> claims'
                     f"{note}</div>" + "".join(rows))


# ---------------------------------------------------------------------------------------
# data preparation (pure, fast: vectorised over the claims table)


def _date_of(claims: pd.DataFrame) -> pd.Series:
    return effective_date(claims).fillna("").astype(str)


def _is_point(claims: gpd.GeoDataFrame) -> np.ndarray:
    geom_type = claims.geometry.geom_type.to_numpy()
    return (geom_type == "Point") | pd.isna(geom_type)


def _codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    codes, uniques = pd.factorize(values.fillna(""), sort=False)
    return codes, [esc(u) for u in uniques]


_POPUP_COLUMNS = ("claim_type", "event_date", "published", "claimant", "actor", "place_name",
                  "quantity", "quantity_max", "unit", "qualifier", "sentence", "source",
                  "title", "url")


def point_payload(points: gpd.GeoDataFrame, detail_limit: int = DETAIL_LIMIT) -> dict:
    """Return the compact browser payload of point claims (see :class:`ClaimPoints`).

    Parameters
    ----------
    points : geopandas.GeoDataFrame
        Claims whose geometry is a point (or missing, then latitude/longitude).
    detail_limit : int, optional
        Claims (most recent first) whose popup carries the full evidence (also
        bounded by :data:`DETAIL_BUDGET` characters).

    Returns
    -------
    dict
        Columns of equal length, most recent claim first: ``lat``, ``lon`` (integers,
        degrees times 10,000), ``t``, ``d``, ``c``, ``p`` (indexes into ``types``
        (``[name, colour]``), ``dates``, ``claimants``, ``places``); and ``details``,
        the full popups of the first claims.
    """
    if points.empty:
        return {"lat": [], "lon": [], "t": [], "d": [], "c": [], "p": [], "types": [],
                "dates": [], "claimants": [], "places": [], "details": []}
    geom = points.geometry
    has_geom = ~(geom.isna() | geom.is_empty).to_numpy()
    lon = np.where(has_geom, geom.x.to_numpy(dtype=float, na_value=np.nan) if has_geom.any()
                   else np.nan, points["longitude"].to_numpy(dtype=float, na_value=np.nan))
    lat = np.where(has_geom, geom.y.to_numpy(dtype=float, na_value=np.nan) if has_geom.any()
                   else np.nan, points["latitude"].to_numpy(dtype=float, na_value=np.nan))
    ok = np.isfinite(lat) & np.isfinite(lon)
    points = points[ok]
    lat, lon = np.rint(lat[ok] * 1e4).astype(np.int64), np.rint(lon[ok] * 1e4).astype(np.int64)
    dates = _date_of(points)
    date_codes, date_uniques = pd.factorize(dates, sort=True)
    order = np.argsort(-date_codes, kind="stable")  # most recent first
    points, lat, lon, date_codes = points.iloc[order], lat[order], lon[order], date_codes[order]

    type_codes, type_names = pd.factorize(points["claim_type"].fillna("other"))
    types = [[esc(t), TYPE_COLORS.get(t, OTHER_COLOR)] for t in type_names]
    claimant_codes, claimant_table = _codes(points["claimant"])
    place_codes, place_table = _codes(points["place_name"].fillna(points["location_text"]))

    n_detail = min(detail_limit, len(points))
    head = points.iloc[:n_detail]
    cols = [c for c in _POPUP_COLUMNS if c in head.columns]
    values = [head[c].astype(object).to_numpy() for c in cols]
    details, size = [], 0
    for i in range(n_detail):
        popup = claim_popup_html({c: v[i] for c, v in zip(cols, values, strict=True)})
        size += len(popup)
        if size > DETAIL_BUDGET:
            break
        details.append(popup)
    return {"lat": lat.tolist(), "lon": lon.tolist(), "t": type_codes.tolist(),
            "d": date_codes.tolist(), "c": claimant_codes.tolist(), "p": place_codes.tolist(),
            "types": types, "dates": [esc(d) for d in date_uniques],
            "claimants": claimant_table, "places": place_table, "details": details}


def _round_geom(geom: Any, ndigits: int) -> Any:
    return shapely.transform(geom, lambda c: np.round(c, ndigits))


def polygon_features(polys: gpd.GeoDataFrame, tolerance: float = 0.01) -> dict:
    """Return one GeoJSON feature per region/country claimed, with escaped popups.

    Parameters
    ----------
    polys : geopandas.GeoDataFrame
        Claims whose geometry is a (multi)polygon.
    tolerance : float, optional
        Simplification tolerance in degrees.

    Returns
    -------
    dict
        FeatureCollection; properties ``color``, ``tooltip``, ``popup``, ``count``.
    """
    features = []
    if polys.empty:
        return {"type": "FeatureCollection", "features": features}
    polys = polys.assign(_date=_date_of(polys)).sort_values("_date", ascending=False)
    key = polys["place_id"].fillna(polys["place_name"]).fillna(polys.geometry.to_wkb().map(hash)
                                                               .astype(str))
    for _, group in polys.groupby(key, sort=False):
        first = group.iloc[0]
        geom = _round_geom(shapely.simplify(first.geometry, tolerance, preserve_topology=True),
                           3)
        counts = group["claim_type"].value_counts()
        items = [claim_popup_html(r) for r in
                 group.head(POLYGON_POPUP_CLAIMS).drop(columns=["geometry", "_date"])
                 .to_dict("records")]
        more = len(group) - len(items)
        popup = (f"<b>{esc(first['place_name'])}</b> — {len(group)} claim(s)<hr>"
                 + "<hr>".join(items)
                 + (f"<hr><i>and {more} more in the Claims table</i>" if more > 0 else ""))
        tooltip = (f"{esc(first['place_name'])}: "
                   + ", ".join(f"{esc(t)} {n}" for t, n in counts.items()))
        features.append({
            "type": "Feature",
            "geometry": json.loads(shapely.to_geojson(geom)),
            "properties": {"color": TYPE_COLORS.get(first["claim_type"], OTHER_COLOR),
                           "tooltip": tooltip, "popup": popup, "count": int(len(group))},
        })
    return {"type": "FeatureCollection", "features": features}


def timeline_payload(claims: gpd.GeoDataFrame, limit: int = TIMELINE_LIMIT) -> dict:
    """Return the play-through data: claims grouped by day, place (0.01 degree) and type.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims (any geometry; the representative latitude/longitude is used).
    limit : int, optional
        Groups kept, most recent days first.

    Returns
    -------
    dict
        Columns of equal length: ``lat``, ``lon`` (integers, degrees times 100),
        ``n`` (claims in the group) and ``d``, ``t``, ``p``, ``c`` (indexes into
        ``days``, ``types`` (``[name, colour]``), ``places`` and ``claimants``, the
        strings HTML-escaped). :class:`ClaimTimeline` turns them into GeoJSON.
    """
    empty = {"lat": [], "lon": [], "n": [], "d": [], "t": [], "p": [], "c": [], "days": [],
             "types": [], "places": [], "claimants": []}
    if claims.empty:
        return empty
    lat = claims["latitude"].astype(float)
    lon = claims["longitude"].astype(float)
    missing = (lat.isna() | lon.isna()) & claims.geometry.notna()
    if missing.any():  # no representative point stored: take one from the geometry
        rep = claims.geometry[missing].representative_point()
        lat = lat.fillna(rep.y)
        lon = lon.fillna(rep.x)
    frame = pd.DataFrame({"day": _date_of(claims).str[:10], "lat": (lat * 100).round(),
                          "lon": (lon * 100).round(), "type": claims["claim_type"].fillna("other"),
                          "place": claims["place_name"].fillna(claims["location_text"]),
                          "claimant": claims["claimant"]})
    frame = frame[(frame["day"] != "") & frame["lat"].notna() & frame["lon"].notna()]
    if frame.empty:
        return empty
    groups = (frame.groupby(["day", "lat", "lon", "type"], sort=False)
              .agg(n=("type", "size"), place=("place", "first"), claimant=("claimant", "first"))
              .reset_index().sort_values("day", ascending=False, kind="stable").head(limit))
    d, days = pd.factorize(groups["day"])
    t, types = pd.factorize(groups["type"])
    p, places = _codes(groups["place"])
    c, claimants = _codes(groups["claimant"])
    return {"lat": groups["lat"].astype(int).tolist(), "lon": groups["lon"].astype(int).tolist(),
            "n": groups["n"].astype(int).tolist(), "d": d.tolist(), "t": t.tolist(),
            "p": p.tolist(), "c": c.tolist(), "days": [esc(x) for x in days],
            "types": [[esc(x), TYPE_COLORS.get(x, OTHER_COLOR)] for x in types],
            "places": places, "claimants": claimants}


def outline_features(gdf: gpd.GeoDataFrame | None, name_col: str, tolerance: float,
                     ndigits: int = 2) -> dict:
    """Return simplified, rounded outlines as a GeoJSON FeatureCollection.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or None
        Country or admin-1 polygons (EPSG:4326).
    name_col : str
        Column with the name shown as tooltip (escaped).
    tolerance : float
        Simplification tolerance in degrees.
    ndigits : int, optional
        Decimals kept in coordinates.

    Returns
    -------
    dict
        FeatureCollection with an escaped ``tooltip`` property.
    """
    if gdf is None or gdf.empty:
        return {"type": "FeatureCollection", "features": []}
    geoms = shapely.simplify(gdf.geometry.to_numpy(), tolerance, preserve_topology=True)
    geoms = _round_geom(geoms, ndigits)
    names = gdf[name_col] if name_col in gdf.columns else pd.Series("", index=gdf.index)
    features = []
    for geom, name in zip(geoms, names, strict=True):
        if geom is None or geom.is_empty:
            continue
        features.append({"type": "Feature", "geometry": json.loads(shapely.to_geojson(geom)),
                         "properties": {"tooltip": esc(name)}})
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class Outlines:
    """Offline base-layer outlines, simplified once (cache it; building takes ~0.3 s).

    Attributes
    ----------
    countries : dict
        FeatureCollection of country outlines.
    admin1 : dict
        Country code -> FeatureCollection features of its admin-1 outlines.
    """

    countries: dict
    admin1: dict

    def admin1_for(self, codes: Iterable[str]) -> dict:
        """Return the admin-1 outlines of the countries ``codes`` as a FeatureCollection."""
        feats = [f for c in sorted({str(c).upper() for c in codes}) for f in
                 self.admin1.get(c, [])]
        return {"type": "FeatureCollection", "features": feats}


def prepare_outlines(admin1: gpd.GeoDataFrame | None = None,
                     countries: gpd.GeoDataFrame | None = None) -> Outlines:
    """Simplify the gazetteer's outlines for the map's offline base layer.

    Parameters
    ----------
    admin1 : geopandas.GeoDataFrame, optional
        ``gaz.admin1_gdf()`` (a country-code column such as ``iso_a2`` and a ``name``).
    countries : geopandas.GeoDataFrame, optional
        ``gaz.countries_gdf()``.

    Returns
    -------
    Outlines
        Countries at 0.1 degree, admin-1 at 0.03 degree tolerance.
    """
    countries_fc = outline_features(countries, _name_column(countries), 0.1)
    by_country: dict[str, list] = {}
    if admin1 is not None and not admin1.empty:
        ccol = _country_column(admin1)
        if ccol is not None:
            fc = outline_features(admin1, _name_column(admin1), 0.03)
            keep = [not (g is None or g.is_empty) for g in admin1.geometry]
            codes = [c for c, k in zip(admin1[ccol].astype(str).str.upper(), keep, strict=True)
                     if k]
            for code, feat in zip(codes, fc["features"], strict=True):
                by_country.setdefault(code, []).append(feat)
    return Outlines(countries=countries_fc, admin1=by_country)


def _name_column(gdf: gpd.GeoDataFrame | None) -> str:
    if gdf is None:
        return "name"
    for col in ("name", "admin1_name", "country_name", "NAME", "name_en"):
        if col in gdf.columns:
            return col
    return "name"


def _country_column(gdf: gpd.GeoDataFrame) -> str | None:
    for col in ("country_code", "iso_a2", "ISO_A2", "cc"):
        if col in gdf.columns:
            return col
    return None


def load_outlines(gazetteer: Any = None
                  ) -> tuple[gpd.GeoDataFrame | None, gpd.GeoDataFrame | None]:
    """Return the offline base layer's (admin-1, countries) outlines.

    From the gazetteer (``gazetteer``, else loaded from its cache) when available,
    else the boundaries GeoParquet (admin-1 only), else ``(None, None)``.

    Parameters
    ----------
    gazetteer : geo.places.gazetteer.Gazetteer, optional
        An already loaded gazetteer.

    Returns
    -------
    tuple
        ``(admin1_gdf, countries_gdf)``, either may be ``None``.
    """
    try:
        if gazetteer is None:
            from geo.places.gazetteer import Gazetteer

            gazetteer = Gazetteer.load()
        return gazetteer.admin1_gdf(), gazetteer.countries_gdf()
    except Exception:  # noqa: BLE001 - the gazetteer may not be built yet
        path = Path(settings.get("boundaries"))
        if path.exists():
            try:
                return gpd.read_parquet(path), None
            except Exception:  # noqa: BLE001
                return None, None
        return None, None


# ---------------------------------------------------------------------------------------


def build_map(
    claims: gpd.GeoDataFrame,
    admin1: gpd.GeoDataFrame | None = None,
    countries: gpd.GeoDataFrame | None = None,
    *,
    outlines: Outlines | None = None,
    online_tiles: bool | None = None,
    assets_url: str | None = None,
    timeline: bool = False,
    detail_limit: int = DETAIL_LIMIT,
    timeline_limit: int = TIMELINE_LIMIT,
    location: tuple[float, float] | None = None,
    zoom_start: int | None = None,
) -> folium.Map:
    """Return the claims map.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims conforming to :mod:`geo.schema` (already filtered).
    admin1, countries : geopandas.GeoDataFrame, optional
        Outlines for the offline base layer (``gaz.admin1_gdf()``, ``gaz.countries_gdf()``).
        Admin-1 outlines are drawn for the countries that have claims only.
    outlines : Outlines, optional
        The same, prepared by :func:`prepare_outlines` (cache it across calls); wins
        over ``admin1`` and ``countries``.
    online_tiles : bool, optional
        Offer OpenStreetMap tiles as an extra base layer; default the ``online_tiles``
        setting. Off means the page makes no request beyond its own server.
    assets_url : str, optional
        URL of the local Leaflet/plugin assets; default :func:`default_assets_url`.
    timeline : bool, optional
        Add the day-by-day play-through.
    detail_limit : int, optional
        Point claims whose popup carries the evidence sentence and source.
    timeline_limit : int, optional
        Play-through groups kept.
    location, zoom_start : optional
        Initial view; default: fit the claims.

    Returns
    -------
    folium.Map
        The map, with every asset link pointing at ``assets_url``.
    """
    if online_tiles is None:
        online_tiles = settings.get("online_tiles").strip().lower() in ("1", "true", "yes")
    m = folium.Map(location=list(location) if location else [30, 30],
                   zoom_start=zoom_start or 3, tiles=None, max_zoom=MAX_ZOOM,
                   control_scale=True, prefer_canvas=True)
    # with tiles=None folium gives the map itself no zoom range; marker clusters need one
    m.options["max_zoom"] = MAX_ZOOM
    m.options["min_zoom"] = 2

    # base layer: offline outlines (a base-layer group, so the layer control lists it)
    base = folium.FeatureGroup(name="Outlines (offline)", overlay=False, control=True)
    base.add_to(m)
    if outlines is None:
        outlines = prepare_outlines(admin1, countries)
    if outlines.countries["features"]:
        FeatureLayer(outlines.countries, "Countries", {
            "color": "#777", "weight": 1, "fillColor": "#f2efe9", "fillOpacity": 1},
            control=False).add_to(base)
    present = claims["country_code"].dropna().unique() if not claims.empty else []
    regions = outlines.admin1_for(present)
    if regions["features"]:
        FeatureLayer(regions, "Regions", {"color": "#aaa", "weight": 0.7, "fill": False,
                                          "dashArray": "3"}, control=False).add_to(base)
    if online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False,
                         control=True, show=False, max_zoom=MAX_ZOOM).add_to(m)

    is_point = _is_point(claims) if not claims.empty else np.zeros(0, dtype=bool)
    points, polys = claims[is_point], claims[~is_point]

    poly_fc = polygon_features(polys)
    if poly_fc["features"]:
        FeatureLayer(poly_fc, "Regions & countries (polygons)",
                     {"weight": 2, "fillOpacity": 0.25}).add_to(m)

    payload = point_payload(points, detail_limit=detail_limit)
    # during the play-through the clustered points start hidden (one click shows them)
    ClaimPoints(payload, show=not timeline).add_to(m)

    if timeline:
        ClaimTimeline(timeline_payload(claims, limit=timeline_limit)).add_to(m)

    counts = claims["claim_type"].value_counts().to_dict() if not claims.empty else {}
    Legend(counts, total=len(claims), shown=len(payload["lat"]) + int(len(polys))).add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)

    if location is None and not claims.empty:
        lat = pd.to_numeric(claims["latitude"], errors="coerce").astype(float)
        lon = pd.to_numeric(claims["longitude"], errors="coerce").astype(float)
        if lat.notna().any():
            south, north = float(np.nanmin(lat)), float(np.nanmax(lat))
            west, east = float(np.nanmin(lon)), float(np.nanmax(lon))
            pad = 0.5
            m.fit_bounds([[south - pad, west - pad], [north + pad, east + pad]])
    return localize_assets(m, assets_url)


def render_html(m: folium.Map) -> str:
    """Return the map's full standalone HTML page.

    Parameters
    ----------
    m : folium.Map
        A map from :func:`build_map`.

    Returns
    -------
    str
        The HTML document.
    """
    return m.get_root().render()
