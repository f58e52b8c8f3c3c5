"""The map's layers as folium elements: offline outlines, and the claims payload.

* :class:`FeatureLayer`: a GeoJSON layer styled from its features' properties (the
  offline country and admin-1 outlines);
* :class:`ClaimsData`: the claims of one filter, handed to the map's runtime
  (:mod:`geo.mapview.runtime`), which draws them as clustered settlement points,
  shaded regions and country badges (:mod:`geo.mapview.payload`);
* :func:`claims_layer`: that payload in a :class:`folium.FeatureGroup`, the piece
  that changes when the filter changes (``st_folium(feature_group_to_add=...)``).
"""

from __future__ import annotations

import folium
import geopandas as gpd
from folium.template import Template

from geo.mapview.contests import ContestLayer, contest_features
from geo.mapview.payload import DETAIL_LIMIT, claims_payload
from geo.mapview.popups import json_for_script
from geo.mapview.raw import RawMacro


class FeatureLayer(folium.map.Layer, RawMacro):
    """A GeoJSON layer whose style, tooltip and popup come from feature properties.

    Lighter than ``folium.GeoJson`` (compact JSON, no per-feature style table).
    Properties ``tooltip`` and ``popup`` must already be HTML-escaped.

    Parameters
    ----------
    data : dict or str
        GeoJSON FeatureCollection, or its text from :func:`json_for_script`.
    url : str, optional
        Fetch the features from this URL instead (a static file the browser caches).
    pane : str, optional
        Draw in this map pane (a :class:`folium.map.CustomPane`), so that layers whose
        data arrive in any order stay stacked as intended.
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
            var layer = L.geoJson({{ this.data_json }}, {
                {%- if this.pane %}
                pane: {{ this.pane|tojson }}, renderer: L.canvas({pane: {{ this.pane|tojson }}}),
                {%- endif %}
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
            {%- if this.url %}
            fetch({{ this.url|tojson }}).then(function (r) { return r.json(); })
                .then(function (d) { layer.addData(d); });
            {%- endif %}
            return layer;
        })();
        {% endmacro %}
        """
    )

    def __init__(self, data: dict | str | None, name: str, style: dict, *,
                 overlay: bool = True, control: bool = True, show: bool = True,
                 url: str | None = None, pane: str | None = None) -> None:
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = "FeatureLayer"
        self.url = url
        self.pane = pane
        self.data_json = ("null" if url else data if isinstance(data, str)
                          else json_for_script(data))
        self.style = style


class ClaimsData(RawMacro):
    """The claims of one filter, handed to the map's runtime (``window.claimsMap``).

    Parameters
    ----------
    payload : dict or str
        From :func:`geo.mapview.payload.claims_payload` (every string escaped), or its
        text from :func:`json_for_script` (cache that: it is all a filter change sends).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.claimsMap.update({{ this.payload_json }});
        {% endmacro %}
        """
    )

    def __init__(self, payload: dict | str) -> None:
        super().__init__()
        self._name = "ClaimsData"
        self.payload_json = payload if isinstance(payload, str) else json_for_script(payload)


def claims_layer(claims: gpd.GeoDataFrame, *, detail_limit: int = DETAIL_LIMIT,
                 color_by: str = "type", **payload_options) -> folium.FeatureGroup:
    """Return the claims as the map's data layer (a feature group holding the payload).

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims (already filtered).
    detail_limit : int, optional
        Point claims whose popup carries the evidence.
    color_by : {"type", "side"}, optional
        Colour claims by claim type or by claimant side.
    **payload_options
        ``view``, ``fit``, ``fit_key``, ``date_range``: see
        :func:`geo.mapview.payload.claims_payload`.

    Returns
    -------
    folium.FeatureGroup
        Not listed in the layer control; add it to a map from :func:`build_shell`
        (or pass it to ``st_folium(feature_group_to_add=...)``).
    """
    return data_layer(claims_payload(claims, detail_limit=detail_limit, color_by=color_by,
                                     **payload_options), contests=contest_features(claims))


def data_layer(payload: dict | str, contests: dict | None = None) -> folium.FeatureGroup:
    """Return a payload (dict or its JSON text) as the map's data layer.

    Parameters
    ----------
    payload : dict or str
        See :class:`ClaimsData`.
    contests : dict, optional
        Contested places (:func:`geo.mapview.contests.contest_features`), drawn as their
        own marks above the claims.

    Returns
    -------
    folium.FeatureGroup
        Not listed in the layer control.
    """
    group = folium.FeatureGroup(name="claims", control=False)
    ClaimsData(payload).add_to(group)
    if contests and contests.get("features"):
        ContestLayer(contests).add_to(group)
    return group
