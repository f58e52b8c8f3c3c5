"""Building the map's payload from the filtered claims: the box to fit and the claims' JSON.

The map page draws a fixed shell once (:mod:`geo.mapview`); what changes with the
filter is the payload built here: the filtered claims as the map's JSON, and the
region or country box a filter asks the map to fit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import geopandas as gpd

from geo.filters import ClaimFilter


def map_fit(claims: gpd.GeoDataFrame, flt: ClaimFilter, region_bounds: Callable[
        [Iterable[str]], list[list[float]] | None]) -> tuple[list[list[float]] | None, str | None]:
    """Return the box a region or country filter fits, and a key naming that selection.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        The filtered claims.
    flt : ClaimFilter
        The current filter.
    region_bounds : callable
        Admin-1 names -> their outlines' box (``Outlines.bounds_of``), or None.

    Returns
    -------
    tuple
        ``(box, key)``; ``(None, None)`` without a region or country filter. The box
        is the regions' outlines, else the claims that are not country-level.
    """
    if not flt.admin1 and not flt.countries:
        return None, None
    key = "a1:" + "|".join(sorted(flt.admin1)) + ";cc:" + "|".join(sorted(flt.countries))
    box = region_bounds(flt.admin1) if flt.admin1 else None
    if box is None and len(claims):
        local = claims[claims["feature_class"].astype("string").ne("country").fillna(True)]
        local = local[~(local.geometry.isna() | local.geometry.is_empty)]
        if len(local):
            w, s, e, n = (float(v) for v in local.total_bounds)
            box = [[s, w], [n, e]]
    return box, key


def map_payload_json(claims: gpd.GeoDataFrame, *, fit: list | None = None,
                     fit_key: str | None = None, date_range: tuple[str, str] | None = None,
                     color_by: str = "type") -> str:
    """Return the map's claims payload as JSON text safe inside a ``<script>``.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        The filtered claims (:func:`geo.appstate.filtering.filtered`).
    fit, fit_key : optional
        The box to fit and the key of its selection (:func:`map_fit`).
    date_range : tuple of str, optional
        First and last day of the filter (the play-through's range).
    color_by : {"type", "side"}, optional
        How the map colours claims.

    Returns
    -------
    str
        ``geo.mapview.claims_payload`` as JSON.
    """
    from geo.mapview import claims_payload, json_for_script

    return json_for_script(claims_payload(claims, fit=fit, fit_key=fit_key,
                                          date_range=date_range, color_by=color_by))
