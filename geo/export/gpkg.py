"""GeoPackage export of claims (through GDAL), for QGIS, ArcGIS and other GIS tools."""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import pyogrio

from geo.atomic import atomic_path
from geo.export.common import gdal_frame


def write_gpkg(claims: gpd.GeoDataFrame, path: str | Path, layer: str = "claims") -> Path:
    """Write the claims as a GeoPackage layer (replacing the file); return the path.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    path : str or pathlib.Path
        Output ``.gpkg``.
    layer : str, optional
        Layer name.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = gdal_frame(claims)
    with atomic_path(path, suffix=".gpkg") as tmp:  # whole or not at all, even on a full disk
        pyogrio.write_dataframe(frame, tmp, layer=layer, driver="GPKG",
                                geometry_type="Unknown", promote_to_multi=False)
    return path


def gpkg_bytes(claims: gpd.GeoDataFrame, layer: str = "claims") -> bytes:
    """Return the claims as GeoPackage file contents (for a download button)."""
    with tempfile.TemporaryDirectory() as tmp:
        return write_gpkg(claims, Path(tmp) / "claims.gpkg", layer).read_bytes()

