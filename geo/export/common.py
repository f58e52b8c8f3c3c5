"""What every claims export shares: RFC 7946 geometries, GDAL-ready columns, atomic files.

Geometries leave in one of three shapes (:func:`export_geometries`):

* ``full``: the place's own geometry, as stored;
* ``simplified`` (the default of the GeoJSON export): polygons simplified to the map's
  tolerance (:data:`SIMPLIFY_TOLERANCE`, about 1 km; countries, as the map draws them,
  :data:`COUNTRY_TOLERANCE`, about 10 km), points unchanged;
* ``points``: one point per claim: the settlement, the region's representative point,
  and for country-level claims the point the text supports
  (:func:`geo.country_points.country_level_points`), never the country's centroid.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.atomic import write_bytes
from geo.country_points import country_level_points
from geo.schema import CLAIM_COLUMNS, CRS, conform_claims

#: Polygon simplification shared with the map, in degrees (about 1 km).
SIMPLIFY_TOLERANCE = 0.01
#: Country outlines are drawn at this tolerance on the map (degrees, about 10 km), and
#: country-level claims are simplified to it.
COUNTRY_TOLERANCE = 0.1
#: Geometry shapes an export can take.
GEOMETRY_MODES = ("simplified", "full", "points")


def rfc7946_geometries(claims: gpd.GeoDataFrame) -> np.ndarray:
    """Return the claims' geometries in WGS84, polygons oriented by the right-hand rule."""
    gs = claims.geometry
    if gs.crs is not None and not gs.crs.equals(CRS):
        gs = gs.to_crs(CRS)
    geoms = gs.values.to_numpy() if hasattr(gs.values, "to_numpy") else np.asarray(gs.values)
    geoms = shapely.force_2d(geoms)
    polygonal = np.isin(shapely.get_type_id(geoms), (3, 6, 7))  # (multi)polygon, collection
    if polygonal.any():
        geoms = geoms.copy()
        geoms[polygonal] = shapely.orient_polygons(geoms[polygonal], exterior_cw=False)
    return geoms


def claim_points(claims: gpd.GeoDataFrame) -> np.ndarray:
    """Return one point per claim (see the module docstring); None where there is none.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.

    Returns
    -------
    numpy.ndarray
        Shapely points (WGS84).
    """
    geoms = rfc7946_geometries(claims)
    out = geoms.copy()
    is_point = shapely.get_type_id(geoms) == 0
    lat = pd.to_numeric(claims["latitude"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(claims["longitude"], errors="coerce").to_numpy(dtype=float)
    stored = shapely.points(lon, lat)  # (x, y) = (lon, lat)
    has_stored = np.isfinite(lat) & np.isfinite(lon)
    other = ~is_point
    out[other & has_stored] = stored[other & has_stored]
    rest = other & ~has_stored & ~shapely.is_missing(geoms)
    if rest.any():
        out[rest] = shapely.point_on_surface(geoms[rest])
    placed = country_level_points(claims)
    if len(placed):
        pos = claims.index.get_indexer(placed.index)
        ok = placed["latitude"].notna().to_numpy() & placed["longitude"].notna().to_numpy()
        out[pos[ok]] = shapely.points(placed["longitude"].to_numpy(dtype=float)[ok],
                                      placed["latitude"].to_numpy(dtype=float)[ok])
    return out


def export_geometries(claims: gpd.GeoDataFrame, mode: str = "full",
                      tolerance: float = SIMPLIFY_TOLERANCE) -> np.ndarray:
    """Return the claims' geometries as an export writes them.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    mode : str, optional
        One of :data:`GEOMETRY_MODES`.
    tolerance : float, optional
        Simplification tolerance in degrees (``simplified`` only).

    Returns
    -------
    numpy.ndarray
        Shapely geometries, WGS84, polygons oriented counter-clockwise.

    Raises
    ------
    ValueError
        For an unknown ``mode``.
    """
    if mode not in GEOMETRY_MODES:
        raise ValueError(f"unknown geometry mode {mode!r}; choose from "
                         f"{', '.join(GEOMETRY_MODES)}")
    if mode == "points":
        return claim_points(claims)
    geoms = rfc7946_geometries(claims)
    if mode == "simplified":
        polygonal = np.isin(shapely.get_type_id(geoms), (3, 6))
        if polygonal.any():
            geoms = geoms.copy()
            country = claims["feature_class"].astype("string").eq("country").fillna(
                False).to_numpy() if "feature_class" in claims.columns else False
            tol = np.where(country, max(tolerance, COUNTRY_TOLERANCE), tolerance)
            simple = shapely.simplify(geoms[polygonal], tol[polygonal] if np.ndim(tol)
                                      else tolerance, preserve_topology=True)
            geoms[polygonal] = shapely.orient_polygons(simple, exterior_cw=False)
    return geoms


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (:func:`geo.atomic.write_bytes`)."""
    write_bytes(path, data)


def gdal_frame(claims: gpd.GeoDataFrame, mode: str = "full") -> gpd.GeoDataFrame:
    """Claims with plain object/float columns that GDAL writers take, geometry oriented."""
    frame = conform_claims(claims)
    out = pd.DataFrame(index=frame.index)
    for c in CLAIM_COLUMNS:
        s = frame[c]
        if str(s.dtype) == "Float64":
            out[c] = s.astype("float64")
        elif str(s.dtype) == "Int64":
            out[c] = s.astype("Int64")
        else:
            out[c] = s.astype(object).where(s.notna(), None)
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(export_geometries(frame, mode),
                                                        index=frame.index, crs=CRS), crs=CRS)


#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
#: Injection"): = + - @, tab and carriage return; the full-width forms too, which some
#: spreadsheet locales fold into them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value: object) -> object:
    """Return a text cell that no spreadsheet runs as a formula; other values unchanged.

    Following OWASP's CSV-injection guidance, a text cell whose first character (or first
    after leading spaces and line ends) is one of :data:`FORMULA_STARTS` gets a leading
    single quote, which spreadsheets show as text and do not evaluate. Carriage returns
    become line feeds (a bare CR would start a new row in many readers). Numbers stay
    numbers (a negative longitude is not text).

    Parameters
    ----------
    value : object
        One cell.

    Returns
    -------
    object
        ``"'" + value`` for a dangerous text cell, else ``value``.
    """
    if not isinstance(value, str) or not value:
        return value
    if "\r" in value:  # a bare CR ends a row for many readers: line ends as LF (quoted)
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.startswith(FORMULA_STARTS) or value.lstrip(" \n\r\t").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` with :func:`spreadsheet_safe` applied to every text cell."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(spreadsheet_safe)
    return out

