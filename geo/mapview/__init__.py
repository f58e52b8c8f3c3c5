"""The claims map: offline, true to each claim's scale, keeping the analyst's view.

It stays fluid at 100,000 claims.

What the package offers:

* :func:`build_map` returns the :class:`folium.Map` of a (filtered) claims table,
  claims included; the app uses its two parts, :func:`build_shell` (outlines, controls,
  legend, play-through and browser code, the same for every filter) and
  :func:`claims_layer` (the claims of the current filter), so a filter change only
  replaces the data (:mod:`.build`, :mod:`.layers`);
* :func:`claims_payload`: how claims are drawn at their own scale, settlements as
  clustered points, regions shaded by their number of claims, country-level claims as
  badges and in the legend, never as a filled country (:mod:`.payload`);
* the browser side: :mod:`.runtime` and ``claims_map.js`` (legend, neutral cluster
  bubbles, play-through over calendar days, view in the page's URL);
* :func:`render_html` the map's standalone page;
* :func:`cached_outlines` the offline base layer, simplified once at ``make setup``
  and read from disk (:func:`prepare_outlines` / :func:`load_outlines` build it)
  (:mod:`.outlines`);
* :data:`TYPE_COLORS` the colour of each claim type, shared with charts and the legend;
  :data:`REGION_SCALE` the neutral shades of region claims (:mod:`.styles`);
* :func:`claim_popup_html`, :func:`esc`, :func:`safe_link`, :func:`json_for_script`:
  untrusted claim text made safe for the page (:mod:`.popups`);
* :func:`localize_assets`: every asset served from ``static/vendor`` (:mod:`.assets`);
* :func:`reference_layer`: coded events and assessed control beside the claims, their
  own legend (:mod:`.reference`).
"""

from geo.mapview.assets import LOCAL_ASSETS, default_assets_url, localize_assets
from geo.mapview.build import MAX_ZOOM, build_map, build_shell, render_html
from geo.mapview.contests import ContestLayer, contest_features
from geo.mapview.layers import ClaimsData, FeatureLayer, claims_layer, data_layer
from geo.mapview.outlines import (
    Outlines,
    cached_outlines,
    load_outlines,
    outline_features,
    prepare_outlines,
    publish_json,
)
from geo.mapview.payload import (
    DETAIL_BUDGET,
    DETAIL_LIMIT,
    MAP_TOLERANCE,
    claims_payload,
)
from geo.mapview.popups import claim_popup_html, esc, json_for_script, safe_link
from geo.mapview.reference import reference_layer
from geo.mapview.runtime import ClaimsRuntime
from geo.mapview.styles import OTHER_COLOR, REGION_SCALE, TYPE_COLORS

__all__ = [
    "DETAIL_BUDGET", "DETAIL_LIMIT", "LOCAL_ASSETS", "MAP_TOLERANCE", "MAX_ZOOM",
    "OTHER_COLOR", "REGION_SCALE", "TYPE_COLORS", "ClaimsData", "ClaimsRuntime",
    "ContestLayer", "FeatureLayer", "Outlines", "contest_features", "build_map", "build_shell",
    "claim_popup_html",
    "claims_layer", "claims_payload", "data_layer", "default_assets_url", "esc", "json_for_script",
    "cached_outlines", "load_outlines", "localize_assets", "outline_features", "prepare_outlines",
    "publish_json", "reference_layer", "render_html", "safe_link",
]
