"""GeoPackage export of claims (through GDAL), for QGIS, ArcGIS and other GIS tools.

One file, two layers of one geometry type each, so every GIS reads them without
guessing:

* ``claim_points``: settlement claims (Point);
* ``claim_areas``: region and country claims (MultiPolygon, the place's own outline);

with ``published`` and ``event_date`` as real ``DATE`` columns, an R-tree spatial index
on each layer (GDAL's default for GeoPackage), and a QGIS style per layer in the
``layer_styles`` table (the table QGIS reads and writes), so QGIS opens both layers
coloured by claim type, with the same colours as the map.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.atomic import atomic_path
from geo.export.common import gdal_frame
from geo.schema import CLAIM_TYPES

#: Layer names, by geometry.
POINT_LAYER = "claim_points"
AREA_LAYER = "claim_areas"
#: Columns written as GeoPackage DATE.
DATE_COLUMNS = ("published", "event_date")


def _dated(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Turn the ISO date columns into ``datetime.date`` values (written as DATE)."""
    frame = frame.copy()
    for col in DATE_COLUMNS:
        text = frame[col].astype("string").str[:10]
        parsed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        frame[col] = pd.Series([None if pd.isna(v) else v.date() for v in parsed],
                               index=frame.index, dtype=object)
    return frame


def _color_rgb(hex_color: str) -> str:
    h = hex_color.lstrip("#")
    return ",".join(str(int(h[i:i + 2], 16)) for i in (0, 2, 4)) + ",255"


def qgis_style(kind: str) -> str:
    """Return a QGIS style (QML) that colours a claims layer by ``claim_type``.

    Parameters
    ----------
    kind : str
        ``point`` (markers) or ``area`` (translucent fills).

    Returns
    -------
    str
        The QML document, a categorized renderer with one category per claim type.
    """
    from geo.mapview.styles import OTHER_COLOR, TYPE_COLORS

    cats, symbols = [], []
    types = [*CLAIM_TYPES, *[t for t in TYPE_COLORS if t not in CLAIM_TYPES]]
    for i, ctype in enumerate(types):
        color = _color_rgb(TYPE_COLORS.get(ctype, OTHER_COLOR))
        cats.append(f'<category render="true" symbol="{i}" value={quoteattr(ctype)} '
                    f'label={quoteattr(ctype)}/>')
        if kind == "point":
            layer = (f'<layer class="SimpleMarker" enabled="1" pass="0" locked="0">'
                     f'<Option type="Map"><Option name="color" value="{color}" type="QString"/>'
                     '<Option name="name" value="circle" type="QString"/>'
                     '<Option name="size" value="2.6" type="QString"/>'
                     '<Option name="outline_color" value="255,255,255,255" type="QString"/>'
                     '</Option></layer>')
            stype = "marker"
        else:
            fill = color.rsplit(",", 1)[0] + ",70"
            layer = (f'<layer class="SimpleFill" enabled="1" pass="0" locked="0">'
                     f'<Option type="Map"><Option name="color" value="{fill}" type="QString"/>'
                     f'<Option name="outline_color" value="{color}" type="QString"/>'
                     '<Option name="outline_width" value="0.5" type="QString"/>'
                     '</Option></layer>')
            stype = "fill"
        symbols.append(f'<symbol name="{i}" type="{stype}" alpha="1" clip_to_extent="1" '
                       f'force_rhr="0">{layer}</symbol>')
    return ('<!DOCTYPE qgis PUBLIC \'http://mrcc.com/qgis.dtd\' \'SYSTEM\'>'
            '<qgis version="3.28.0" styleCategories="Symbology">'
            '<renderer-v2 type="categorizedSymbol" attr="claim_type" '
            'symbollevels="0" enableorderby="0" forceraster="0">'
            f'<categories>{"".join(cats)}</categories>'
            f'<symbols>{"".join(symbols)}</symbols></renderer-v2></qgis>')


_LAYER_STYLES = """
CREATE TABLE IF NOT EXISTS layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256),
  f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256),
  styleName TEXT(30), styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN,
  description TEXT, owner TEXT(30), ui TEXT(30), update_time DATETIME DEFAULT
  (strftime('%Y-%m-%dT%H:%M:%fZ','now')))
"""


def _add_styles(path: Path, layers: list[tuple[str, str]]) -> None:
    """Store one default QGIS style per layer in ``layer_styles`` (as QGIS does)."""
    con = sqlite3.connect(path)
    try:
        with con:
            con.execute(_LAYER_STYLES)
            for layer, kind in layers:
                con.execute("INSERT INTO layer_styles (f_table_catalog, f_table_schema, "
                            "f_table_name, f_geometry_column, styleName, styleQML, styleSLD, "
                            "useAsDefault, description, owner, ui) "
                            "VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, '', '')",
                            (layer, f"{layer} by claim type", qgis_style(kind),
                             "Claims coloured by claim type (as on the map)"))
            con.execute("INSERT OR REPLACE INTO gpkg_contents (table_name, data_type, "
                        "identifier, description, last_change) VALUES ('layer_styles', "
                        "'attributes', 'layer_styles', 'QGIS layer styles', ?)",
                        (dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z",))
    finally:
        con.close()


def write_gpkg(claims: gpd.GeoDataFrame, path: str | Path) -> Path:
    """Write the claims as a GeoPackage with a point and an area layer; return the path.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    path : str or pathlib.Path
        Output ``.gpkg`` (replaced whole, or left as it was on failure).

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = _dated(gdal_frame(claims))
    geom_type = frame.geometry.geom_type.to_numpy()
    is_point = (geom_type == "Point") | pd.isna(geom_type)
    has_geom = ~frame.geometry.isna().to_numpy()
    with atomic_path(path, suffix=".gpkg") as tmp:
        for layer, rows, gtype in ((POINT_LAYER, frame[is_point & has_geom], "Point"),
                                   (AREA_LAYER, frame[~is_point & has_geom], "MultiPolygon")):
            pyogrio.write_dataframe(rows, tmp, layer=layer, driver="GPKG",
                                    geometry_type=gtype, promote_to_multi=gtype != "Point",
                                    use_arrow=True, append=False,
                                    layer_options={"SPATIAL_INDEX": "YES"})
        _add_styles(Path(tmp), [(POINT_LAYER, "point"), (AREA_LAYER, "area")])
    return path


def gpkg_bytes(claims: gpd.GeoDataFrame) -> bytes:
    """Return the claims as GeoPackage file contents (for a download button)."""
    with tempfile.TemporaryDirectory() as tmp:
        return write_gpkg(claims, Path(tmp) / "claims.gpkg").read_bytes()


def read_gpkg(path: str | Path) -> gpd.GeoDataFrame:
    """Read both claim layers of an exported GeoPackage back into one frame."""
    parts = [pyogrio.read_dataframe(path, layer=layer) for layer in (POINT_LAYER, AREA_LAYER)]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pyogrio.read_dataframe(path, layer=POINT_LAYER)
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=parts[0].crs)

