"""Exports of a claims table: GeoJSON (RFC 7946), GeoPackage, ACLED-style CSV and KML.

Every writer takes the claims GeoDataFrame as it comes out of
:meth:`geo.store.Store.claims` or :func:`geo.filters.apply_filter`, so an export holds
exactly the filtered set the analyst sees. Each ``write_*`` has a ``*_bytes`` twin for
download buttons.

What the package offers:

* :func:`export` writes a format chosen by name or by the file's suffix
  (:data:`FORMATS`, :func:`format_from_suffix`);
* :mod:`.geojson`: :func:`geojson_bytes`, :func:`write_geojson`, :func:`to_geojson_dict`;
* :mod:`.gpkg`: :func:`gpkg_bytes`, :func:`write_gpkg` (a point and an area layer, QGIS
  styles), :func:`read_gpkg`;
* :mod:`.acled_csv`: :func:`acled_frame`, :func:`acled_row`, :func:`acled_csv_bytes`,
  :func:`write_acled_csv`, :data:`ACLED_COLUMNS`, :func:`acled_region` (the mapping from
  claim types to ACLED event types is documented there);
* :mod:`.kml`: :func:`kml_bytes`, :func:`write_kml`, :func:`kml_document` (time stamps,
  one style per claim type);
* :mod:`.common`: :func:`export_geometries` (``simplified``, ``full`` or ``points``).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from geo.export.acled_csv import (
    ACLED_COLUMNS,
    ACLED_DISORDER,
    ACLED_EVENT_TYPES,
    TIME_PRECISION,
    acled_csv_bytes,
    acled_frame,
    acled_region,
    acled_row,
    country_table,
    write_acled_csv,
)
from geo.export.common import GEOMETRY_MODES, SIMPLIFY_TOLERANCE, export_geometries
from geo.export.geojson import geojson_bytes, to_geojson_dict, write_geojson
from geo.export.gpkg import AREA_LAYER, POINT_LAYER, gpkg_bytes, read_gpkg, write_gpkg
from geo.export.kml import kml_bytes, kml_document, write_kml

__all__ = [
    "ACLED_COLUMNS", "ACLED_DISORDER", "ACLED_EVENT_TYPES", "AREA_LAYER", "FORMATS",
    "GEOMETRY_MODES", "POINT_LAYER", "SIMPLIFY_TOLERANCE", "TIME_PRECISION",
    "export_geometries", "read_gpkg",
    "acled_csv_bytes", "acled_frame", "acled_region", "acled_row", "country_table", "export",
    "format_from_suffix", "geojson_bytes", "gpkg_bytes", "kml_bytes", "kml_document",
    "to_geojson_dict", "write_acled_csv", "write_geojson", "write_gpkg", "write_kml",
]

#: Export formats: name -> (writer, bytes function, file suffix, MIME type).
FORMATS = {
    "geojson": (write_geojson, geojson_bytes, ".geojson", "application/geo+json"),
    "gpkg": (write_gpkg, gpkg_bytes, ".gpkg", "application/geopackage+sqlite3"),
    "csv": (write_acled_csv, acled_csv_bytes, ".csv", "text/csv"),
    "kml": (write_kml, kml_bytes, ".kml", "application/vnd.google-earth.kml+xml"),
}


def format_from_suffix(path: str | Path) -> str | None:
    """Return the export format named by a file suffix (``.json`` counts as GeoJSON)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "geojson"
    for name, (_, _, ext, _) in FORMATS.items():
        if suffix == ext:
            return name
    return None


def export(claims: gpd.GeoDataFrame, path: str | Path, fmt: str | None = None,
           geometry: str | None = None) -> Path:
    """Write the claims in ``fmt`` (default: from the suffix of ``path``).

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    path : str or pathlib.Path
        Output file.
    fmt : str, optional
        One of :data:`FORMATS`.
    geometry : str, optional
        GeoJSON only: ``simplified`` (default), ``full`` or ``points``.

    Returns
    -------
    pathlib.Path
        The written file.

    Raises
    ------
    ValueError
        If the format is unknown or cannot be inferred, or ``geometry`` is given for
        another format than GeoJSON.
    """
    fmt = fmt or format_from_suffix(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} for {path}; choose from "
                         f"{', '.join(FORMATS)}")
    if geometry is not None:
        if fmt != "geojson":
            raise ValueError(f"the geometry choice ({geometry}) applies to GeoJSON only, "
                             f"not {fmt}")
        return write_geojson(claims, path, geometry)
    return FORMATS[fmt][0](claims, path)
