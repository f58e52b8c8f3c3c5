"""The claims map put together: base outlines, claim layers, play-through, legend, view."""

from __future__ import annotations

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from geo import settings
from geo.mapview.assets import localize_assets
from geo.mapview.contests import ContestLayer, contest_features
from geo.mapview.layers import (
    DETAIL_LIMIT,
    ClaimPoints,
    FeatureLayer,
    point_payload,
    polygon_features,
    side_of,
)
from geo.mapview.legend import Legend
from geo.mapview.outlines import Outlines, prepare_outlines
from geo.mapview.prep import is_point
from geo.mapview.timeline import TIMELINE_LIMIT, ClaimTimeline, timeline_payload

MAX_ZOOM = 16


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
    color_by: str = "type",
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
    color_by : {"type", "side"}, optional
        Colour claims by claim type or by claimant side. Contested places (claims with a
        ``contest_id``) are marked in their own layer either way.

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

    point_mask = is_point(claims) if not claims.empty else np.zeros(0, dtype=bool)
    points, polys = claims[point_mask], claims[~point_mask]

    poly_fc = polygon_features(polys, color_by=color_by)
    if poly_fc["features"]:
        FeatureLayer(poly_fc, "Regions & countries (polygons)",
                     {"weight": 2, "fillOpacity": 0.25}).add_to(m)

    payload = point_payload(points, detail_limit=detail_limit, color_by=color_by)
    # during the play-through the clustered points start hidden (one click shows them)
    ClaimPoints(payload, show=not timeline).add_to(m)

    if timeline:
        ClaimTimeline(timeline_payload(claims, limit=timeline_limit)).add_to(m)

    contests = contest_features(claims)
    if contests["features"]:
        ContestLayer(contests).add_to(m)

    counts = claims["claim_type"].value_counts().to_dict() if not claims.empty else {}
    sides = side_of(claims).value_counts().to_dict() if color_by == "side" else None
    Legend(counts, total=len(claims), shown=len(payload["lat"]) + int(len(polys)),
           sides=sides, contested=len(contests["features"])).add_to(m)
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
