"""KML export of claims (through GDAL), for Google Earth."""

from __future__ import annotations

import html
import io
from pathlib import Path

import geopandas as gpd
import pyogrio

from geo.atomic import write_bytes
from geo.export.common import gdal_frame


def kml_frame(claims: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return the frame written to KML: ``Name``, ``Description`` and the properties.

    KML viewers render a placemark's description as HTML, and GDAL only escapes it
    for XML, so the (untrusted) sentence and claimant are HTML-escaped here first:
    Google Earth shows their markup as text instead of running it.
    """
    frame = gdal_frame(claims)
    name = (frame["claim_type"].fillna("claim").astype(str) + ": "
            + frame["place_name"].fillna(frame["location_text"]).fillna("").astype(str))
    desc = frame["sentence"].fillna("").astype(str)
    claimant = frame["claimant"]
    desc = desc.where(claimant.isna(), desc + " [claimant: " + claimant.astype(str) + "]")
    if "claimant_side" in frame.columns:
        side = frame["claimant_side"]
        desc = desc.where(side.isna(), desc + " [side: " + side.astype(str) + "]")
    if "contest_id" in frame.columns:
        contest = frame["contest_id"]
        desc = desc.where(contest.isna(), desc + " [contested: " + contest.astype(str) + "]")
    frame.insert(0, "Description", desc.map(lambda s: html.escape(s, quote=True)))
    frame.insert(0, "Name", name)
    return frame


def write_kml(claims: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write the claims as KML for Google Earth; return the path.

    Each placemark's name is ``claim_type: place``, its description the sentence and
    claimant; every property is kept as ExtendedData.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    path : str or pathlib.Path
        Output ``.kml``.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # GDAL's KML writer ignores failed writes (a full disk gave a truncated file and
    # success): render in memory, then write the bytes whole or not at all
    write_bytes(path, kml_bytes(claims))
    return path


def kml_bytes(claims: gpd.GeoDataFrame) -> bytes:
    """Return the claims as KML text (UTF-8)."""
    buf = io.BytesIO()
    pyogrio.write_dataframe(kml_frame(claims), buf, layer="claims", driver="KML",
                            geometry_type="Unknown", promote_to_multi=False)
    return buf.getvalue()

