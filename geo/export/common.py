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

