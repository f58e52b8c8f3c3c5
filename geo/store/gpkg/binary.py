"""GeoPackage binary geometry: the header + ISO WKB blobs of the ``geom`` column."""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np
import shapely

from geo.store.base import StoreError

_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_blobs(geoms: np.ndarray, srs_id: int = 4326) -> list[bytes | None]:
    """Encode shapely geometries as GeoPackage binary blobs (header + ISO WKB).

    Parameters
    ----------
    geoms : numpy.ndarray
        Shapely geometries (None allowed).
    srs_id : int, optional
        ``gpkg_spatial_ref_sys`` id.

    Returns
    -------
    list of bytes or None
        One blob per geometry (None for a missing geometry).
    """
    geoms = np.asarray(geoms, dtype=object)
    wkb = shapely.to_wkb(geoms, byte_order=1, flavor="iso", output_dimension=2)
    bounds = shapely.bounds(geoms)
    empty = shapely.is_empty(geoms)
    srs = struct.pack("<i", srs_id)
    out: list[bytes | None] = []
    for w, b, e in zip(wkb, bounds, empty, strict=True):
        if w is None:
            out.append(None)
        elif e:
            out.append(b"GP\x00\x11" + srs + w)
        else:
            out.append(b"GP\x00\x03" + srs + struct.pack("<4d", b[0], b[2], b[1], b[3]) + w)
    return out


def gpkg_geometries(blobs: Sequence[bytes | None]) -> np.ndarray:
    """Decode GeoPackage binary blobs into shapely geometries.

    Parameters
    ----------
    blobs : sequence of bytes or None
        GeoPackage geometry blobs.

    Returns
    -------
    numpy.ndarray
        Shapely geometries (None where the blob is None).
    """
    wkb = []
    for b in blobs:
        if b is None:
            wkb.append(None)
            continue
        if b[:2] != b"GP":
            raise StoreError("not a GeoPackage geometry blob")
        wkb.append(b[8 + _ENVELOPE_BYTES[(b[3] >> 1) & 7]:])
    return shapely.from_wkb(np.array(wkb, dtype=object))
