"""The claims map: a folium map that works offline and stays fluid at 100,000 claims.

What the package offers:

* :func:`build_map` returns the :class:`folium.Map` of a (filtered) claims table:
  an offline base layer of country and admin-1 outlines (:mod:`.outlines`), settlement
  claims as one clustered point layer and region/country claims as polygons
  (:mod:`.layers`), a legend with the claim counter (:mod:`.legend`), a layer control
  and, optionally, the day-by-day play-through (:mod:`.timeline`);
* :func:`render_html` the map's standalone page;
* :func:`prepare_outlines` / :func:`load_outlines` the base layer, simplified once
  (cache it across reruns);
* :data:`TYPE_COLORS` the colour of each claim type (:mod:`.styles`), shared with charts;
* :func:`claim_popup_html`, :func:`esc`, :func:`safe_link`, :func:`json_for_script`:
  untrusted claim text made safe for the page (:mod:`.popups`);
* :func:`localize_assets`: every asset served from ``static/vendor`` (:mod:`.assets`).
"""

from geo.mapview.assets import LOCAL_ASSETS, default_assets_url, localize_assets
from geo.mapview.build import MAX_ZOOM, build_map, render_html
from geo.mapview.layers import (
    DETAIL_BUDGET,
    DETAIL_LIMIT,
    POLYGON_POPUP_CLAIMS,
    ClaimPoints,
    FeatureLayer,
    point_payload,
    polygon_features,
)
from geo.mapview.legend import Legend
from geo.mapview.outlines import Outlines, load_outlines, outline_features, prepare_outlines
from geo.mapview.popups import claim_popup_html, esc, json_for_script, safe_link
from geo.mapview.styles import OTHER_COLOR, TYPE_COLORS
from geo.mapview.timeline import TIMELINE_LIMIT, ClaimTimeline, timeline_payload

__all__ = [
    "DETAIL_BUDGET", "DETAIL_LIMIT", "LOCAL_ASSETS", "MAX_ZOOM", "OTHER_COLOR",
    "POLYGON_POPUP_CLAIMS", "TIMELINE_LIMIT", "TYPE_COLORS", "ClaimPoints", "ClaimTimeline",
    "FeatureLayer", "Legend", "Outlines", "build_map", "claim_popup_html", "default_assets_url",
    "esc", "json_for_script", "load_outlines", "localize_assets", "outline_features",
    "point_payload", "polygon_features", "prepare_outlines", "render_html", "safe_link",
    "timeline_payload",
]
