"""GeoJSON export of claims (RFC 7946).

An RFC 7946 FeatureCollection: WGS84 longitude/latitude (no ``crs`` member), polygon
exterior rings counter-clockwise and holes clockwise (``shapely.orient_polygons``),
coordinates rounded to 7 decimals (about 1 cm), every SPEC property on each feature,
``id`` = ``claim_id``.

By default polygons are simplified to the map's tolerance (``geometry="simplified"``);
``geometry="full"`` keeps them as stored and ``geometry="points"`` writes one point per
claim (see :mod:`geo.export.common`), for tools that want a single geometry type.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.export.common import atomic_write, export_geometries
from geo.schema import CLAIM_COLUMNS, conform_claims


def _property_frame(claims: pd.DataFrame) -> pd.DataFrame:
    """Return the schema columns with JSON-friendly dtypes (strings as objects, NA kept)."""
    frame = claims if all(c in claims.columns for c in CLAIM_COLUMNS) else conform_claims(
        claims)
    out = {}
    for c in CLAIM_COLUMNS:
        s = frame[c]
        if str(s.dtype) in ("Float64", "Int64"):
            out[c] = s
        else:
            out[c] = s.astype(object).where(s.notna(), None)
    return pd.DataFrame(out, index=frame.index)


def _property_lines(claims: pd.DataFrame) -> list[str]:
    """Return each claim's properties as one JSON object text (pandas' C encoder)."""
    if len(claims) == 0:
        return []
    text = _property_frame(claims).to_json(orient="records", lines=True, force_ascii=False,
                                           double_precision=15)
    # ujson escapes "/" as "\/": valid JSON, but unreadable in URLs. Every "/" is escaped,
    # so "\/" never follows an escaped backslash's second character: the replace is exact.
    return text.replace("\\/", "/").rstrip("\n").split("\n")


def to_geojson_dict(claims: gpd.GeoDataFrame, geometry: str = "simplified") -> dict:
    """Return the claims as an RFC 7946 FeatureCollection (a plain dict).

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    geometry : str, optional
        ``simplified`` (default), ``full`` or ``points``.

    Returns
    -------
    dict
        ``{"type": "FeatureCollection", "features": [...]}``; no ``crs`` member.
    """
    return json.loads(geojson_bytes(claims, geometry))


def geojson_bytes(claims: gpd.GeoDataFrame, geometry: str = "simplified") -> bytes:
    """Return the claims as RFC 7946 GeoJSON text (UTF-8).

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    geometry : str, optional
        ``simplified`` (default), ``full`` or ``points``.

    Returns
    -------
    bytes
        The FeatureCollection, one feature per line.
    """
    if len(claims) == 0:
        return b'{"type": "FeatureCollection", "features": []}\n'
    geoms = export_geometries(claims, geometry)
    # Round to 7 decimals (~1 cm), as RFC 7946 section 11.2 suggests.
    geoms = shapely.transform(geoms, lambda xy: np.round(xy, 7))
    geom_json = shapely.to_geojson(geoms)
    props = _property_lines(claims)
    ids = claims["claim_id"].astype(object).where(claims["claim_id"].notna(), None).tolist()
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    features = [
        '{"type": "Feature", "id": ' + dumps(i) + ', "geometry": '
        + ("null" if g is None else g) + ', "properties": ' + p + "}"
        for i, g, p in zip(ids, geom_json, props, strict=True)
    ]
    return ('{"type": "FeatureCollection", "features": [\n' + ",\n".join(features)
            + "\n]}\n").encode("utf-8")


def write_geojson(claims: gpd.GeoDataFrame, path: str | Path,
                  geometry: str = "simplified") -> Path:
    """Write the claims as an RFC 7946 GeoJSON file; return the path.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    path : str or pathlib.Path
        Output file (``-`` is not accepted here; the CLI handles stdout).
    geometry : str, optional
        ``simplified`` (default), ``full`` or ``points``.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, geojson_bytes(claims, geometry))
    return path

