"""KML export of claims, for Google Earth: one styled, time-stamped placemark per claim.

* every placemark carries a ``<TimeStamp><when>`` with the claim's date (the event
  date, else the publication date), so Google Earth's time slider plays the claims;
* one shared ``<Style>`` per claim type (icon and area colours as on the map), each
  placemark pointing at it with ``<styleUrl>``;
* text is escaped exactly once for what reads it: names and ExtendedData are plain
  text (XML-escaped by the writer only); the description is HTML in KML viewers, so
  the (untrusted) sentence and claimant are HTML-escaped for ``<``, ``>`` and ``&``
  first, without turning apostrophes and quotes into entities.
"""

from __future__ import annotations

import html
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.atomic import write_bytes
from geo.export.common import gdal_frame
from geo.filters import effective_date
from geo.schema import CLAIM_COLUMNS, CLAIM_TYPES

KML_NS = "http://www.opengis.net/kml/2.2"


def _kml_color(hex_color: str, alpha: str) -> str:
    """``#rrggbb`` -> KML's ``aabbggrr``."""
    h = hex_color.lstrip("#")
    return alpha + h[4:6] + h[2:4] + h[0:2]


def _coords(seq: object) -> str:
    return " ".join(f"{round(x, 7)},{round(y, 7)}" for x, y, *_ in seq)


def _geometry(parent: ET.Element, geom: object) -> None:
    """Append ``geom`` (shapely, lon/lat) to ``parent`` as KML geometry."""
    if geom is None or geom.is_empty:
        return
    kind = geom.geom_type
    if kind == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _coords(
            [(geom.x, geom.y)])
    elif kind == "LineString":
        ET.SubElement(ET.SubElement(parent, "LineString"), "coordinates").text = _coords(
            geom.coords)
    elif kind == "Polygon":
        poly = ET.SubElement(parent, "Polygon")
        outer = ET.SubElement(ET.SubElement(poly, "outerBoundaryIs"), "LinearRing")
        ET.SubElement(outer, "coordinates").text = _coords(geom.exterior.coords)
        for ring in geom.interiors:
            inner = ET.SubElement(ET.SubElement(poly, "innerBoundaryIs"), "LinearRing")
            ET.SubElement(inner, "coordinates").text = _coords(ring.coords)
    else:  # Multi* and collections
        multi = ET.SubElement(parent, "MultiGeometry")
        for part in shapely.get_parts(geom):
            _geometry(multi, part)


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def kml_document(claims: gpd.GeoDataFrame) -> ET.Element:
    """Return the claims as a KML document element (see the module docstring).

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.

    Returns
    -------
    xml.etree.ElementTree.Element
        The ``<kml>`` root.
    """
    from geo.mapview.styles import OTHER_COLOR, TYPE_COLORS

    frame = gdal_frame(claims)
    dates = effective_date(frame).astype("string").str[:10] if len(frame) else pd.Series(
        dtype="string")
    root = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(root, "Document")
    ET.SubElement(doc, "name").text = "Claims"
    types = list(dict.fromkeys([*CLAIM_TYPES, *frame["claim_type"].dropna().astype(str)]))
    for ctype in types:
        color = TYPE_COLORS.get(ctype, OTHER_COLOR)
        style = ET.SubElement(doc, "Style", id=f"type-{ctype}")
        icon = ET.SubElement(style, "IconStyle")
        ET.SubElement(icon, "color").text = _kml_color(color, "ff")
        ET.SubElement(icon, "scale").text = "0.8"
        line = ET.SubElement(style, "LineStyle")
        ET.SubElement(line, "color").text = _kml_color(color, "ff")
        ET.SubElement(line, "width").text = "1.5"
        ET.SubElement(ET.SubElement(style, "PolyStyle"), "color").text = _kml_color(color, "55")
    folder = ET.SubElement(doc, "Folder")
    ET.SubElement(folder, "name").text = "claims"
    columns = {c: frame[c].astype(object).to_numpy() for c in CLAIM_COLUMNS}
    geoms = frame.geometry.to_numpy()
    for i in range(len(frame)):
        row = {c: _text(columns[c][i]) for c in CLAIM_COLUMNS}
        mark = ET.SubElement(folder, "Placemark", id=row["claim_id"] or f"claim-{i}")
        place = row["place_name"] or row["location_text"] or ""
        ET.SubElement(mark, "name").text = f"{row['claim_type'] or 'claim'}: {place}"
        desc = row["sentence"] or ""
        if row["claimant"]:
            desc += f" [claimant: {row['claimant']}]"
        if row["claimant_side"]:
            desc += f" [side: {row['claimant_side']}]"
        if row["contest_id"]:
            desc += f" [contested: {row['contest_id']}]"
        if row["stance"] == "denied":
            desc += " [denied by the claimant]"
        ET.SubElement(mark, "description").text = html.escape(desc, quote=False)
        day = dates.iloc[i] if len(dates) else None
        if day is not None and not pd.isna(day) and day:
            ET.SubElement(ET.SubElement(mark, "TimeStamp"), "when").text = str(day)
        ET.SubElement(mark, "styleUrl").text = f"#type-{row['claim_type'] or 'other'}"
        data = ET.SubElement(mark, "ExtendedData")
        for c in CLAIM_COLUMNS:
            if row[c] is not None:
                ET.SubElement(ET.SubElement(data, "Data", name=c), "value").text = row[c]
        _geometry(mark, geoms[i])
    return root


def kml_bytes(claims: gpd.GeoDataFrame) -> bytes:
    """Return the claims as KML text (UTF-8)."""
    tree = ET.ElementTree(kml_document(claims))
    ET.indent(tree, space=" ")
    return ET.tostring(tree.getroot(), encoding="utf-8", xml_declaration=True) + b"\n"


def write_kml(claims: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write the claims as KML for Google Earth; return the path.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    path : str or pathlib.Path
        Output ``.kml`` (replaced whole, or left as it was on failure).

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, kml_bytes(claims))
    return path

