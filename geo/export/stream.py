"""Streamed GeoJSON export: claims written chunk after chunk, memory bounded by a chunk.

For stores too large to hold in memory at once: :func:`write_geojson_stream` takes the
chunks a store yields (:meth:`geo.store.Store.iter_claims`) and writes one RFC 7946
FeatureCollection, feature for feature the same text as
:func:`geo.export.geojson.geojson_bytes` of all of them together. The file is written
whole or not at all (:func:`geo.atomic.atomic_open`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import geopandas as gpd

from geo.atomic import atomic_open
from geo.export.geojson import geojson_bytes

_HEAD = b'{"type": "FeatureCollection", "features": [\n'
_TAIL = b"\n]}\n"
_EMPTY = b'{"type": "FeatureCollection", "features": []}\n'


def feature_lines(claims: gpd.GeoDataFrame, geometry: str = "simplified") -> bytes:
    """Return the claims' features, one per line, comma-separated (no head, no tail)."""
    text = geojson_bytes(claims, geometry)
    if text == _EMPTY:
        return b""
    if not (text.startswith(_HEAD) and text.endswith(_TAIL)):
        raise ValueError("unexpected GeoJSON layout from geojson_bytes")
    return text[len(_HEAD):-len(_TAIL)]


def write_geojson_stream(chunks: Iterable[gpd.GeoDataFrame], path: str | Path,
                         geometry: str = "simplified") -> int:
    """Write claims arriving in chunks as one GeoJSON FeatureCollection; return their count.

    Parameters
    ----------
    chunks : iterable of geopandas.GeoDataFrame
        Claims with the schema's columns, in the order to write.
    path : str or pathlib.Path
        Output file.
    geometry : str, optional
        ``simplified`` (default), ``full`` or ``points`` (see
        :func:`geo.export.geojson.geojson_bytes`).

    Returns
    -------
    int
        Claims written.
    """
    n = 0
    with atomic_open(path) as out:
        for chunk in chunks:
            body = feature_lines(chunk, geometry)
            if not body:
                continue
            out.write(_HEAD if n == 0 else b",\n")
            out.write(body)
            n += len(chunk)
        out.write(_TAIL if n else _EMPTY)
    return n
