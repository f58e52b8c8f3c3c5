"""The map's claim layers: settlement points (clustered) and region/country polygons.

* settlement claims as points in one clustered layer: the data travel as one
  compact array (coordinates, type, date, claimant and place as indexes into
  lookup tables) and the browser builds the markers, so the page does not grow
  with per-marker JavaScript;
* region and country claims as polygons, one feature per place, styled by the
  place's most recent claim type.
"""

from __future__ import annotations

import json

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster
from folium.template import Template

from geo.mapview.popups import claim_popup_html, esc, json_for_script
from geo.mapview.prep import codes, date_of, round_geom
from geo.mapview.styles import OTHER_COLOR, TYPE_COLORS, side_color

#: Point claims (most recent first) whose popup carries the full evidence, at most this
#: many and at most DETAIL_BUDGET characters of popup HTML in all; the others carry
#: type, date, claimant and place (their evidence is in the Claims table).
DETAIL_LIMIT = 5000
DETAIL_BUDGET = 1_000_000
#: Claims listed in a polygon's popup.
POLYGON_POPUP_CLAIMS = 5


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
            // colour key of each marker: the claim type, or the claimant side (P.k, P.keys)
            var K = P.keys || P.types, KC = P.k || P.t;
            var icons = K.map(function (t) {
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
                var m = L.marker([P.lat[i] / 1e4, P.lon[i] / 1e4], {icon: icons[KC[i]], i: i});
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

# ---------------------------------------------------------------------------------------
# data preparation (pure, fast: vectorised over the claims table)


_POPUP_COLUMNS = ("claim_type", "event_date", "published", "claimant", "actor", "place_name",
                  "quantity", "quantity_max", "unit", "qualifier", "sentence", "source",
                  "title", "url")


def point_payload(points: gpd.GeoDataFrame, detail_limit: int = DETAIL_LIMIT,
                  color_by: str = "type") -> dict:
    """Return the compact browser payload of point claims (see :class:`ClaimPoints`).

    Parameters
    ----------
    points : geopandas.GeoDataFrame
        Claims whose geometry is a point (or missing, then latitude/longitude).
    detail_limit : int, optional
        Claims (most recent first) whose popup carries the full evidence (also
        bounded by :data:`DETAIL_BUDGET` characters).
    color_by : {"type", "side"}, optional
        Colour markers by claim type, or by claimant side (then ``k`` indexes ``keys``,
        ``[side, colour]``).

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
    dates = date_of(points)
    date_codes, date_uniques = pd.factorize(dates, sort=True)
    order = np.argsort(-date_codes, kind="stable")  # most recent first
    points, lat, lon, date_codes = points.iloc[order], lat[order], lon[order], date_codes[order]

    type_codes, type_names = pd.factorize(points["claim_type"].fillna("other"))
    types = [[esc(t), TYPE_COLORS.get(t, OTHER_COLOR)] for t in type_names]
    claimant_codes, claimant_table = codes(points["claimant"])
    place_codes, place_table = codes(points["place_name"].fillna(points["location_text"]))

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
    out = {"lat": lat.tolist(), "lon": lon.tolist(), "t": type_codes.tolist(),
           "d": date_codes.tolist(), "c": claimant_codes.tolist(), "p": place_codes.tolist(),
           "types": types, "dates": [esc(d) for d in date_uniques],
           "claimants": claimant_table, "places": place_table, "details": details}
    if color_by == "side":
        side_codes, sides = pd.factorize(side_of(points))
        out["k"] = side_codes.tolist()
        out["keys"] = [[esc(s), side_color(s)] for s in sides]
    return out


def side_of(claims: pd.DataFrame) -> pd.Series:
    """Return each claim's claimant side, "unattributed" where it has none."""
    if "claimant_side" not in claims.columns:
        return pd.Series("unattributed", index=claims.index)
    return claims["claimant_side"].astype("string").fillna("unattributed").astype(str)


def polygon_features(polys: gpd.GeoDataFrame, tolerance: float = 0.01,
                     color_by: str = "type") -> dict:
    """Return one GeoJSON feature per region/country claimed, with escaped popups.

    Parameters
    ----------
    polys : geopandas.GeoDataFrame
        Claims whose geometry is a (multi)polygon.
    tolerance : float, optional
        Simplification tolerance in degrees.
    color_by : {"type", "side"}, optional
        Colour by the place's most recent claim type or its claimant side.

    Returns
    -------
    dict
        FeatureCollection; properties ``color``, ``tooltip``, ``popup``, ``count``.
    """
    features = []
    if polys.empty:
        return {"type": "FeatureCollection", "features": features}
    polys = polys.assign(_date=date_of(polys)).sort_values("_date", ascending=False)
    key = polys["place_id"].fillna(polys["place_name"]).fillna(polys.geometry.to_wkb().map(hash)
                                                               .astype(str))
    for _, group in polys.groupby(key, sort=False):
        first = group.iloc[0]
        geom = round_geom(shapely.simplify(first.geometry, tolerance, preserve_topology=True),
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
            "properties": {"color": side_color(side_of(group).iloc[0]) if color_by == "side"
                           else TYPE_COLORS.get(first["claim_type"], OTHER_COLOR),
                           "tooltip": tooltip, "popup": popup, "count": int(len(group))},
        })
    return {"type": "FeatureCollection", "features": features}

