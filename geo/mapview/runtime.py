"""The map's browser side: claim layers, legend, play-through and view, built once per map.

:class:`ClaimsRuntime` puts ``claims_map.js`` on the page with its options; the
claims themselves arrive later as a payload (:class:`geo.mapview.layers.ClaimsData`),
so a filter change replaces the data without rebuilding the map: the analyst's view,
the layer choices and the play-through settings stay.
"""

from __future__ import annotations

import functools
from pathlib import Path

from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster
from folium.template import Template

from geo.mapview.popups import json_for_script
from geo.mapview.raw import RawMacro
from geo.mapview.styles import CLUSTER_COLOR, REGION_SCALE

#: Claims listed in a region's or country's popup.
POPUP_CLAIMS = 5
#: Country badges are hidden above this zoom (the legend still lists their claims).
BADGE_MAX_ZOOM = 5
#: The first view and region filters fit no closer than this zoom.
FIT_MAX_ZOOM = 9
#: Milliseconds between two steps of the play-through.
PLAY_INTERVAL = 800


@functools.cache
def runtime_js() -> str:
    """Return the browser code of the claims map (``claims_map.js``, read once)."""
    return (Path(__file__).with_name("claims_map.js")).read_text(encoding="utf-8")


#: Supercluster, the point clustering of the map (fetched by ``data/fetch_assets.sh``).
SUPERCLUSTER_JS = Path("supercluster") / "dist" / "supercluster.min.js"


@functools.cache
def supercluster_js(vendor: Path | None = None) -> str:
    """Return Supercluster's code to put on the page, or "" when it was not fetched.

    It goes inline, before ``claims_map.js``: a script link to a file an older asset
    folder lacks would stop the page from drawing, while without it the map falls back
    to Leaflet.markercluster (slower at 10,000 points).

    Parameters
    ----------
    vendor : pathlib.Path, optional
        The asset folder (default ``static/vendor`` of the app).
    """
    from geo import settings

    path = (vendor or settings.ROOT / "static" / "vendor") / SUPERCLUSTER_JS
    try:
        return path.read_text(encoding="utf-8") + "\n"
    except OSError:
        return ""


_CSS = """
<style>
  .claim-dot span {display:block;width:12px;height:12px;border-radius:6px;
                   border:1px solid #fff;box-shadow:0 0 2px #000;opacity:.9}
  .claims-cluster div {width:100%;height:100%;border-radius:50%;background:%(cluster)s;
     color:#fff;display:flex;align-items:center;justify-content:center;
     font:bold 12px/1 sans-serif;border:2px solid #fff;box-shadow:0 0 3px rgba(0,0,0,.6);
     box-sizing:border-box;opacity:.9}
  .claims-badge span {display:inline-block;white-space:nowrap;background:#fff;color:#263238;
     border:1.5px dashed #37474f;border-radius:10px;padding:1px 7px;
     font:12px/1.5 sans-serif;box-shadow:0 0 3px rgba(0,0,0,.4);transform:translate(-50%,-50%)}
  .claims-legend {background:rgba(255,255,255,.93);padding:6px 8px;font:12px/1.45 sans-serif;
     border-radius:4px;box-shadow:0 0 4px #999;max-width:280px;max-height:55vh;overflow:auto}
  .claims-legend .dot {display:inline-block;width:10px;height:10px;border-radius:5px}
  .claims-legend .n {color:#555}
  .claims-legend .sw {display:inline-block;width:12px;height:10px;margin-left:1px;
     border:1px solid #37474f}
  .claims-legend-head {display:flex;gap:8px;align-items:center;justify-content:space-between}
  .claims-legend-toggle {border:0;background:none;font-size:16px;cursor:pointer;padding:0 2px}
  .claims-legend.collapsed .claims-legend-body {display:none}
  .claims-cluster-key {display:inline-block;width:18px;height:18px;border-radius:9px;
     background:%(cluster)s;color:#fff;text-align:center;font:bold 10px/18px sans-serif}
  .claims-empty {color:#8a2b06;font-weight:bold}
  .claims-countries summary {cursor:pointer}
  .claims-country-list {border-top:1px solid #ddd;margin-top:4px;padding-top:4px}
  .claims-bar {display:flex;width:120px;height:6px;margin:2px 0}
  .claims-bar span {display:block;height:6px}
  .claims-busy {position:absolute;top:10px;left:50%%;transform:translateX(-50%%);z-index:1000;
     display:none;align-items:center;gap:6px;background:rgba(255,255,255,.95);
     padding:4px 10px;border-radius:12px;font:13px sans-serif;box-shadow:0 0 4px #777}
  .claims-spinner {width:12px;height:12px;border:2px solid #90a4ae;border-top-color:#263238;
     border-radius:50%%;animation:claims-spin .8s linear infinite}
  @keyframes claims-spin {to {transform:rotate(360deg)}}
  .claims-play {background:#fff;padding:3px;font:12px sans-serif}
  .claims-play button, .claims-play select {font:12px sans-serif;margin:1px}
  .claims-play .claims-play-panel {display:none;align-items:center;flex-wrap:wrap;gap:3px}
  .claims-play.open .claims-play-panel {display:flex}
  .claims-play.open .claims-play-open {display:none}
  .claims-play-slider {width:180px}
  .claims-play-date {font-weight:bold;min-width:80px}
  @media (max-width: 640px) {
    .claims-play-slider {width:110px}
    .claims-legend {max-width:190px;max-height:35vh}
  }
</style>
""".replace("%%", "%")


class ClaimsRuntime(JSCSSMixin, RawMacro):
    """The claims map's browser code, its styles and options (one per map).

    Parameters
    ----------
    base_layers : list of (str, folium element)
        Base layers offered in the layer control, by label.
    play_open : bool, optional
        Open the play-through when the map opens.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {{ this.css }}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {{ this.js }}
        (function () {
            var O = {{ this.options_json }};
            O.baseLayers = {
            {%- for label, layer in this.base_layers %}
                {{ label|tojson }}: {{ layer.get_name() }}{% if not loop.last %},{% endif %}
            {%- endfor %}
            };
            window.claimsMap = window.ClaimsMap({{ this._parent.get_name() }}, O);
        })();
        {% endmacro %}
        """
    )

    # Leaflet.markercluster: only without Supercluster (an older asset folder); the page
    # then waits for one more script before it draws
    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css

    def __init__(self, base_layers: list, play_open: bool = False,
                 view_scope: str | None = None) -> None:
        super().__init__()
        self._name = "ClaimsRuntime"
        self.base_layers = list(base_layers)
        clustering = supercluster_js()
        if clustering:  # Leaflet.markercluster is only the fallback: not loaded at all
            self.default_js, self.default_css = [], []
        self.js = clustering + runtime_js()
        self.css = _CSS.replace("%(cluster)s", CLUSTER_COLOR)
        self.options_json = json_for_script({
            "scale": [list(s) for s in REGION_SCALE], "popupClaims": POPUP_CLAIMS,
            "badgeMaxZoom": BADGE_MAX_ZOOM, "fitMaxZoom": FIT_MAX_ZOOM,
            "playInterval": PLAY_INTERVAL, "playOpen": bool(play_open),
            "viewScope": view_scope})
