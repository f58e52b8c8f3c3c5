"""Reference layers on the map: coded events (ACLED, UCDP) and assessed control by day.

* :class:`ReferenceEventsLayer` -- reference events as hollow rings (claims are filled
  dots), one colour per category, with escaped popups; its own legend
  (:class:`ReferenceLegend`, ``#reference-legend``).
* :class:`ControlAreas`: assessed-control polygons, one colour per side, showing each
  side's latest snapshot on or before the map's day (the filter's last day); during the
  play-through they follow its day (the runtime fires ``claims:day`` on the map).
* :func:`reference_layer` puts them in one feature group, the map's second data layer:
  ``st_folium(feature_group_to_add=[claims, reference])`` replaces it on a filter change
  without reloading the map.
"""

from __future__ import annotations

import hashlib
import json

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from folium.template import Template

from geo.mapview.popups import esc, json_for_script
from geo.mapview.prep import round_geom
from geo.mapview.raw import RawMacro

#: Ring colour of each reference-event category (see geo.reference.types).
CATEGORY_COLORS: dict[str, str] = {
    "battle": "#8b0000", "state_based": "#8b0000", "non_state": "#b8860b",
    "remote": "#00008b", "civilians": "#000000", "one_sided": "#000000",
    "protest": "#c71585", "riot": "#ff1493", "strategic": "#2f4f4f",
}
#: Fill colours given to control sides in turn (a side keeps its colour: hashed name).
SIDE_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
#: Reference events drawn at most (most recent first).
EVENT_LIMIT = 20000


def side_color(side: str) -> str:
    """Return a stable colour for a control side."""
    h = int(hashlib.sha1(str(side).casefold().encode()).hexdigest(), 16)
    return SIDE_PALETTE[h % len(SIDE_PALETTE)]


def reference_payload(events: gpd.GeoDataFrame, limit: int = EVENT_LIMIT) -> dict:
    """Return the reference events as compact columns for :class:`ReferenceEventsLayer`."""
    if events.empty:
        return {"lat": [], "lon": [], "k": [], "popup": [], "cats": []}
    ev = events.sort_values("event_date", ascending=False, kind="stable").head(limit)
    cat_codes, cats = pd.factorize(ev["category"].fillna("other"))
    popups = []
    for r in ev.drop(columns="geometry").to_dict("records"):
        date = r["event_date"] if r.get("date_end") in (None, r["event_date"]) or pd.isna(
            r.get("date_end")) else f"{r['event_date']} – {r['date_end']}"
        parts = [f"<b>{esc(r['dataset']).upper()}</b> {esc(r['ref_id'])} · {esc(date)}",
                 f"<br><i>type:</i> {esc(r['event_type'])}"
                 + (f" / {esc(r['sub_event_type'])}" if not pd.isna(r.get("sub_event_type"))
                    else "")]
        actors = " vs ".join(esc(a) for a in (r.get("actor1"), r.get("actor2"))
                             if a is not None and not pd.isna(a))
        if actors:
            parts.append(f"<br><i>actors:</i> {actors}")
        if not pd.isna(r.get("location")):
            parts.append(f"<br><i>place:</i> {esc(r['location'])}")
        if not pd.isna(r.get("fatalities")):
            parts.append(f"<br><i>fatalities:</i> {int(r['fatalities'])}")
        popups.append('<div class="reference-popup">' + "".join(parts) + "</div>")
    return {"lat": np.rint(ev["latitude"].astype(float).to_numpy() * 1e4).astype(int).tolist(),
            "lon": np.rint(ev["longitude"].astype(float).to_numpy() * 1e4).astype(int).tolist(),
            "k": cat_codes.tolist(), "popup": popups,
            "cats": [[esc(c), CATEGORY_COLORS.get(c, "#555555")] for c in cats]}


class ReferenceEventsLayer(folium.map.Layer, RawMacro):
    """Reference events as hollow rings (their own layer in the layer control)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var P = {{ this.payload_json }};
            var group = L.featureGroup();
            for (var i = 0; i < P.lat.length; i++) {
                var c = P.cats[P.k[i]][1];
                var m = L.circleMarker([P.lat[i] / 1e4, P.lon[i] / 1e4],
                    {radius: 7, color: c, weight: 2, fillColor: c, fillOpacity: 0.08,
                     dashArray: '3 2', className: 'reference-event'});
                m.bindPopup(P.popup[i], {maxWidth: 360});
                m.bindTooltip(P.cats[P.k[i]][0]);
                group.addLayer(m);
            }
            return group;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict, name: str = "Reference events (ACLED, UCDP)",
                 show: bool = True) -> None:
        super().__init__(name=name, overlay=True, control=False, show=show)
        self._name = "ReferenceEvents"
        self.payload_json = json_for_script(payload)


class ReferenceLegend(folium.map.Layer, RawMacro):
    """Legend of reference events by category and of control sides (``#reference-legend``).

    A layer holding a Leaflet control: it leaves the map with its feature group.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var Legend = L.Layer.extend({
                onAdd: function (map) {
                    var html = {{ this.html|tojson }};
                    this._control = L.control({position: 'bottomleft'});
                    this._control.onAdd = function () {
                        var div = L.DomUtil.create('div', 'reference-legend');
                        div.id = 'reference-legend';
                        div.style.cssText = 'background:rgba(255,255,255,.9);padding:6px 8px;'
                            + 'font:12px/1.4 sans-serif;border-radius:4px;'
                            + 'box-shadow:0 0 4px #999';
                        div.innerHTML = html;
                        L.DomEvent.disableClickPropagation(div);
                        return div;
                    };
                    this._control.addTo(map);
                },
                onRemove: function (map) { map.removeControl(this._control); }
            });
            return new Legend();
        })();
        {% endmacro %}
        """
    )

    def __init__(self, counts: dict[str, int], sides: dict[str, str], day: str | None,
                 n_events: int) -> None:
        super().__init__(name="reference legend", overlay=True, control=False, show=True)
        self._name = "ReferenceLegend"
        rows = [f'<div data-count="{n_events}" class="reference-count"><b>{n_events:,}</b> '
                "reference events</div>"]
        for cat, n in sorted(counts.items()):
            color = CATEGORY_COLORS.get(cat, "#555555")
            rows.append(f'<div><span style="display:inline-block;width:9px;height:9px;'
                        f'border-radius:6px;border:2px dashed {color}"></span> '
                        f'{esc(cat.replace("_", " "))} <span style="color:#666">{n:,}</span>'
                        "</div>")
        if sides:
            rows.append(f"<div style='margin-top:4px'><b>Assessed control</b>"
                        f"{' on ' + esc(day) if day else ''}</div>")
            for side, date in sorted(sides.items()):
                rows.append(f'<div class="control-side"><span style="display:inline-block;'
                            f'width:10px;height:10px;background:{side_color(side)};'
                            f'opacity:.5"></span> {esc(side)} '
                            f'<span style="color:#666">({esc(date)})</span></div>')
        self.html = "".join(rows)


def control_features(control: gpd.GeoDataFrame, tolerance: float = 0.002) -> dict:
    """Return control polygons as GeoJSON features with side colours and escaped popups."""
    features = []
    for r in control.to_dict("records"):
        geom = r["geometry"]
        if geom is None or geom.is_empty:
            continue
        geom = round_geom(shapely.simplify(geom, tolerance, preserve_topology=True), 4)
        label = "" if pd.isna(r.get("label")) else f"<br>{esc(r['label'])}"
        features.append({"type": "Feature",
                         "geometry": json.loads(shapely.to_geojson(geom)),
                         "properties": {
                             "color": side_color(r["side"]), "side": esc(r["side"]),
                             "date": esc(r["date"]),
                             "tooltip": f"{esc(r['side'])} (assessed, {esc(r['date'])})",
                             "popup": (f"<b>Assessed control:</b> {esc(r['side'])}"
                                       f"<br><i>as of</i> {esc(r['date'])}"
                                       f"<br><i>source:</i> {esc(r['source'])}{label}")}})
    return {"type": "FeatureCollection", "features": features}


class ControlAreas(folium.map.Layer, RawMacro):
    """Assessed-control polygons: each side's snapshot for the map's day.

    Every snapshot travels with its side and date; the browser shows, per side, the latest
    snapshot on or before the day: the filter's last day, or the play-through's day while
    it runs (the runtime fires ``claims:day`` on the map with ``{day: 'YYYY-MM-DD'}``,
    ``day`` null when the play-through stops).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var day0 = {{ this.day|tojson }};
            var Areas = L.GeoJSON.extend({
                showDay: function (day) {
                    var best = {};
                    this.eachLayer(function (l) {
                        var p = l.feature.properties;
                        if ((!day || p.date <= day) && (!best[p.side] || p.date > best[p.side])) {
                            best[p.side] = p.date;
                        }
                    });
                    this.eachLayer(function (l) {
                        var p = l.feature.properties, on = best[p.side] === p.date;
                        l.setStyle({opacity: on ? 1 : 0, fillOpacity: on ? 0.25 : 0});
                        l.options.interactive = on;
                        if (l._path) { l._path.style.pointerEvents = on ? '' : 'none'; }
                    });
                    this.day = day;
                },
                onAdd: function (map) {
                    L.GeoJSON.prototype.onAdd.call(this, map);
                    var self = this;
                    this._onDay = function (e) { self.showDay(e.day || day0); };
                    map.on('claims:day', this._onDay);
                    this.showDay(day0);
                },
                onRemove: function (map) {
                    map.off('claims:day', this._onDay);
                    L.GeoJSON.prototype.onRemove.call(this, map);
                }
            });
            return new Areas({{ this.data_json }}, {
                style: function (f) { return {color: f.properties.color, weight: 1,
                    fillColor: f.properties.color, fillOpacity: 0.25}; },
                onEachFeature: function (f, l) {
                    l.bindTooltip(f.properties.tooltip, {sticky: true});
                    l.bindPopup(f.properties.popup, {maxWidth: 360});
                }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, day: str | None,
                 name: str = "Assessed control") -> None:
        super().__init__(name=name, overlay=True, control=False, show=True)
        self._name = "ControlAreas"
        self.data_json = json_for_script(data)
        self.day = day


def reference_layer(events: gpd.GeoDataFrame | None, control: gpd.GeoDataFrame | None, *,
                    day: str | None = None) -> folium.FeatureGroup:
    """Return the reference layers (events, control for ``day``, legend) as a feature group.

    Parameters
    ----------
    events : geopandas.GeoDataFrame or None
        Reference events to draw (already limited to the filter's dates).
    control : geopandas.GeoDataFrame or None
        Every control snapshot; the browser picks each side's latest one on or before the
        day.
    day : str, optional
        ``YYYY-MM-DD``; None shows each side's latest snapshot.

    Returns
    -------
    folium.FeatureGroup
        Empty when there is nothing to draw; pass it with the claims layer to
        ``st_folium(feature_group_to_add=...)`` or add it to a map.
    """
    from geo.reference.control import control_on

    group = folium.FeatureGroup(name="reference", control=False)
    n_events = 0 if events is None else len(events)
    counts: dict[str, int] = {}
    if n_events:
        ReferenceEventsLayer(reference_payload(events)).add_to(group)
        counts = events["category"].fillna("other").value_counts().to_dict()
    sides: dict[str, str] = {}
    if control is not None and len(control):
        control = control[control.geometry.notna() & ~control.geometry.is_empty]
    if control is not None and len(control):
        shown = control_on(control, day)
        sides = dict(zip(shown["side"].astype(str), shown["date"].astype(str), strict=False))
        ControlAreas(control_features(control), day).add_to(group)
    if n_events or sides:
        ReferenceLegend(counts, sides, day, n_events).add_to(group)
    return group
