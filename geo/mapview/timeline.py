"""The play-through: claims grouped by day, place and type, stepped by Leaflet.TimeDimension."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import TimestampedGeoJson
from folium.template import Template

from geo.mapview.popups import esc, json_for_script
from geo.mapview.prep import codes, date_of
from geo.mapview.styles import OTHER_COLOR, TYPE_COLORS

#: Play-through features (claims grouped by day, place and type) kept, most recent first.
TIMELINE_LIMIT = 20000


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
    frame = pd.DataFrame({"day": date_of(claims).str[:10], "lat": (lat * 100).round(),
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
    p, places = codes(groups["place"])
    c, claimants = codes(groups["claimant"])
    return {"lat": groups["lat"].astype(int).tolist(), "lon": groups["lon"].astype(int).tolist(),
            "n": groups["n"].astype(int).tolist(), "d": d.tolist(), "t": t.tolist(),
            "p": p.tolist(), "c": c.tolist(), "days": [esc(x) for x in days],
            "types": [[esc(x), TYPE_COLORS.get(x, OTHER_COLOR)] for x in types],
            "places": places, "claimants": claimants}

