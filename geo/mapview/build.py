"""The claims map put together: a shell built once, and the claims of the current filter.

:func:`build_shell` is the map that stays while the analyst works: offline outlines,
optional online tiles, the layer control, legend, play-through and the browser code
(:mod:`geo.mapview.runtime`). :func:`geo.mapview.layers.claims_layer` is what a filter
change replaces. :func:`build_map` joins both into one standalone map.
"""

from __future__ import annotations

from collections.abc import Iterable

import folium
import geopandas as gpd

from geo import settings
from geo.mapview.assets import localize_assets
from geo.mapview.layers import FeatureLayer, claims_layer
from geo.mapview.outlines import Outlines, prepare_outlines
from geo.mapview.payload import DETAIL_LIMIT
from geo.mapview.reference import reference_layer
from geo.mapview.runtime import ClaimsRuntime

MAX_ZOOM = 16


def _online_tiles(online_tiles: bool | None) -> bool:
    if online_tiles is None:
        return settings.get("online_tiles").strip().lower() in ("1", "true", "yes")
    return online_tiles


def build_shell(outlines: Outlines, *, region_countries: Iterable[str] = (),
                online_tiles: bool | None = None, assets_url: str | None = None,
                play_open: bool = False, outline_urls: dict[str, str] | None = None,
                view_scope: str | None = None) -> folium.Map:
    """Return the map without claims: outlines, controls and the browser code.

    Its page is the same for every filter (so ``st_folium`` keeps it, and its view,
    across filter changes); the claims come with :func:`claims_layer`.

    Parameters
    ----------
    outlines : Outlines
        From :func:`prepare_outlines` (cache it).
    region_countries : iterable of str
        Countries whose admin-1 outlines are drawn (those of the stored claims).
    online_tiles : bool, optional
        Offer OpenStreetMap tiles as an extra base layer; default the ``online_tiles``
        setting. Off means the page makes no request beyond its own server.
    assets_url : str, optional
        URL of the local Leaflet/plugin assets.
    play_open : bool, optional
        Open the play-through when the map opens.
    outline_urls : dict, optional
        ``countries`` and ``admin1``: URLs of the same outlines as static files (see
        :func:`publish_json`); the page then fetches them once instead of carrying them.
    view_scope : str, optional
        A key of the analyst's session: the map keeps its view under it in the browser's
        session storage and opens there when it comes back (after another page), instead
        of fitting the claims. None: no view is kept.

    Returns
    -------
    folium.Map
        Every asset link pointing at ``assets_url``.
    """
    urls = outline_urls or {}
    m = folium.Map(location=[30, 30], zoom_start=3, tiles=None, max_zoom=MAX_ZOOM,
                   control_scale=True, prefer_canvas=True)
    # with tiles=None folium gives the map itself no zoom range; marker clusters need one
    m.options["max_zoom"] = MAX_ZOOM
    m.options["min_zoom"] = 2
    # admin-1 lines above the countries' fill, whichever outline file arrives first
    folium.map.CustomPane("claimsAdmin1", z_index=410, pointer_events=False).add_to(m)
    base = folium.FeatureGroup(name="Outlines (offline)", overlay=False, control=False)
    base.add_to(m)
    if outlines.has_countries():
        FeatureLayer(None if urls.get("countries") else outlines.countries_json, "Countries", {
            "color": "#777", "weight": 1, "fillColor": "#f2efe9", "fillOpacity": 1},
            control=False, url=urls.get("countries")).add_to(base)
    region_countries = list(region_countries)
    if outlines.has_admin1(region_countries):
        FeatureLayer(None if urls.get("admin1") else outlines.admin1_json(region_countries),
                     "Regions", {"color": "#aaa", "weight": 0.7, "fill": False,
                                 "dashArray": "3", "interactive": False},
                     control=False, url=urls.get("admin1"), pane="claimsAdmin1").add_to(base)
    base_layers = [("Outlines (offline)", base)]
    if _online_tiles(online_tiles):
        tiles = folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)", overlay=False,
                                 control=False, show=False, max_zoom=MAX_ZOOM)
        tiles.add_to(m)
        base_layers.append(("OpenStreetMap (online)", tiles))
    ClaimsRuntime(base_layers, play_open=play_open, view_scope=view_scope).add_to(m)
    # Leaflet only: the map uses no jQuery, Bootstrap or Font Awesome (folium's defaults),
    # which would cost the page three scripts and two large style sheets before it draws
    m.default_js = [link for link in m.default_js if link[0] == "leaflet"]
    m.default_css = [link for link in m.default_css if link[0] == "leaflet_css"]
    return localize_assets(m, assets_url)


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
    location: tuple[float, float] | None = None,
    zoom_start: int | None = None,
    fit: list[list[float]] | None = None,
    fit_key: str | None = None,
    date_range: tuple[str, str] | None = None,
    color_by: str = "type",
    reference_events: gpd.GeoDataFrame | None = None,
    control: gpd.GeoDataFrame | None = None,
    day: str | None = None,
) -> folium.Map:
    """Return the claims map, claims included (a standalone page; the app uses the parts).

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
        Offer OpenStreetMap tiles as an extra base layer (default: the setting).
    assets_url : str, optional
        URL of the local Leaflet/plugin assets; default :func:`default_assets_url`.
    timeline : bool, optional
        Open the play-through when the map opens.
    detail_limit : int, optional
        Point claims whose popup carries the evidence sentence and source.
    location, zoom_start : optional
        Initial view; default: fit the claims.
    fit, fit_key : optional
        A box to fit with a margin (a region filter), see :func:`claims_payload`.
    date_range : tuple of str, optional
        The days the play-through walks (default: the claims' first to last day).
    color_by : {"type", "side"}, optional
        Colour claims by claim type or by claimant side; contested places are marked
        either way.
    reference_events, control, day : optional
        Reference layers (:func:`geo.mapview.reference.reference_layer`): coded events,
        and assessed-control snapshots shown for ``day`` and the play-through's day.

    Returns
    -------
    folium.Map
        The map, with every asset link pointing at ``assets_url``.
    """
    if outlines is None:
        outlines = prepare_outlines(admin1, countries)
    present = claims["country_code"].dropna().unique() if not claims.empty else []
    m = build_shell(outlines, region_countries=present, online_tiles=online_tiles,
                    assets_url=assets_url, play_open=timeline)
    view = (location[0], location[1], zoom_start or 6) if location else None
    claims_layer(claims, detail_limit=detail_limit, view=view, fit=fit, fit_key=fit_key,
                 date_range=date_range, color_by=color_by).add_to(m)
    if reference_events is not None or control is not None:
        reference_layer(reference_events, control, day=day).add_to(m)
    return m


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
