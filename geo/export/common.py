"""What every claims export shares: RFC 7946 geometries, GDAL-ready columns, atomic files."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.atomic import write_bytes
from geo.schema import CLAIM_COLUMNS, CRS, conform_claims


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



def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (see :mod:`geo.atomic`)."""
    write_bytes(path, data)



def gdal_frame(claims: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
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
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(rfc7946_geometries(frame),
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

