"""Assessed control in: dated polygon snapshots of who holds what (GeoJSON, KML, GeoPackage).

Trackers (ISW, DeepState and others) publish the area they assess a side to control as
polygons, one snapshot per day. Each feature becomes one row of a control table
(:data:`CONTROL_DTYPES`): its ``side`` (normalised like claim actors: "Russian-controlled"
-> ``Russia``), its ``date`` (``YYYY-MM-DD``), a ``label`` and a (Multi)Polygon in
``EPSG:4326``.

Where the date and side come from, first found wins:

1. the arguments ``date=`` / ``side=`` (``--date`` / ``--side`` on the command line);
2. a property of the feature: :data:`DATE_PROPERTIES` / :data:`SIDE_PROPERTIES`
   (case-insensitive);
3. the file name: an ISO date (``2024-08-12`` or ``20240812``) and a side name
   (``russia_2024-08-12.geojson``, ``2024-08-12-ukraine-held.kml``).

A feature with neither is an error naming the file, the feature and the field.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import shapely

from geo.reference.common import CRS, ReferenceInputError

#: Control-table columns and dtypes (geometry excluded).
CONTROL_DTYPES: dict[str, str] = {
    "control_id": "string",  # stable: file stem, feature index and geometry hash
    "side": "string",
    "date": "string",        # YYYY-MM-DD
    "label": "string",
    "source": "string",      # the file it came from
}
CONTROL_COLUMNS = tuple(CONTROL_DTYPES)

#: Properties read as the snapshot's date / side / label (first present wins).
DATE_PROPERTIES = ("date", "snapshot_date", "as_of", "asof", "day", "valid_on", "timestamp",
                   "begin")
SIDE_PROPERTIES = ("side", "controlled_by", "control", "party", "holder", "actor")
LABEL_PROPERTIES = ("label", "name", "description", "status")

#: File suffixes read as control snapshots.
SUFFIXES = (".geojson", ".json", ".kml", ".gpkg")

_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_HOLD_WORDS = re.compile(r"[-_ ]?(controlled|held|occupied|control|area|zone|territory)\b",
                         re.IGNORECASE)


def empty_control() -> gpd.GeoDataFrame:
    """Return an empty control table with the schema's columns and dtypes."""
    frame = pd.DataFrame({c: pd.Series(dtype=t) for c, t in CONTROL_DTYPES.items()})
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


def normalise_side(text: object) -> str | None:
    """Return the side a control label names, normalised like claim actors.

    ``"Russian-controlled"`` -> ``"Russia"``, ``"ukraine"`` -> ``"Ukraine"``; a name the
    actor table does not know is kept as written (trimmed), so a tracker's own side
    names still work.
    """
    if text is None or (isinstance(text, float) and np.isnan(text)) or pd.isna(text):
        return None
    raw = str(text).strip()
    if not raw:
        return None
    from geo.extract.actors import normalise_actor  # the claims' own side names

    plain = _HOLD_WORDS.sub(" ", raw.replace("_", " ")).strip(" -")
    return normalise_actor(plain) or normalise_actor(raw) or plain or raw


def date_from_name(name: str) -> str | None:
    """Return the ISO date written in a file name, or None."""
    for m in _DATE_IN_NAME.finditer(Path(name).stem):
        try:
            return pd.Timestamp(f"{m.group(1)}-{m.group(2)}-{m.group(3)}").strftime("%Y-%m-%d")
        except ValueError:
            continue
    return None


def side_from_name(name: str) -> str | None:
    """Return the side a file name names (the stem without its date), or None."""
    stem = _DATE_IN_NAME.sub(" ", Path(name).stem)
    words = re.sub(r"[_\-.]+", " ", stem).strip()
    if not words:
        return None
    from geo.extract.actors import normalise_actor

    return normalise_actor(_HOLD_WORDS.sub(" ", words))


def _prop(frame: pd.DataFrame, names: tuple[str, ...]) -> pd.Series | None:
    folded = {str(c).strip().lower(): c for c in frame.columns if c != "geometry"}
    for n in names:
        if n in folded:
            return frame[folded[n]]
    return None


def _dates(file: str, values: pd.Series) -> pd.Series:
    out = []
    for i, v in enumerate(values):
        if v is None or pd.isna(v) or not str(v).strip():
            out.append(None)
            continue
        try:
            out.append(pd.Timestamp(str(v).strip()[:10]).strftime("%Y-%m-%d"))
        except ValueError:
            raise ReferenceInputError(file, i + 1, "date",
                                      f"feature {i + 1}: cannot parse {v!r} as a date") \
                from None
    return pd.Series(out, index=values.index, dtype="object")


def control_from_frame(frame: gpd.GeoDataFrame, file: str, *, date: str | None = None,
                       side: str | None = None) -> gpd.GeoDataFrame:
    """Turn read features into control rows (pure: no file access).

    Parameters
    ----------
    frame : geopandas.GeoDataFrame
        Features as read from the file (any CRS; reprojected to WGS84).
    file : str
        The file's name: for errors, the ``source`` column and dates/sides in the name.
    date, side : str, optional
        Override the snapshot's date / side for every feature.

    Returns
    -------
    geopandas.GeoDataFrame
        :data:`CONTROL_COLUMNS` and (Multi)Polygon geometries, empty features dropped.

    Raises
    ------
    ReferenceInputError
        Naming the feature (``line`` = feature number) of a non-polygon geometry, or one
        without a date or side.
    """
    if frame.crs is not None and not frame.crs.equals(CRS):
        frame = frame.to_crs(CRS)
    name = Path(file).name
    n = len(frame)
    idx = frame.index
    if date is not None:
        dates = pd.Series([_dates(file, pd.Series([date])).iloc[0]] * n, index=idx,
                          dtype="object")
    else:
        prop = _prop(frame, DATE_PROPERTIES)
        dates = _dates(file, prop) if prop is not None else pd.Series([None] * n, index=idx,
                                                                      dtype="object")
        dates = dates.fillna(date_from_name(name)) if date_from_name(name) else dates
    if side is not None:
        sides = pd.Series([normalise_side(side)] * n, index=idx, dtype="object")
    else:
        prop = _prop(frame, SIDE_PROPERTIES)
        sides = (prop.map(normalise_side) if prop is not None
                 else pd.Series([None] * n, index=idx, dtype="object"))
        from_name = side_from_name(name)
        if from_name:
            sides = sides.fillna(from_name)
    labels = _prop(frame, LABEL_PROPERTIES)
    geoms = frame.geometry.values
    kinds = shapely.get_type_id(np.asarray(geoms, dtype=object))
    for i in range(n):
        if geoms[i] is None or shapely.is_empty(geoms[i]):
            continue
        if kinds[i] not in (3, 6):  # Polygon, MultiPolygon
            raise ReferenceInputError(file, i + 1, "geometry",
                                      f"feature {i + 1} is a {geoms[i].geom_type}; control "
                                      "areas must be Polygons or MultiPolygons")
        if dates.iloc[i] is None:
            raise ReferenceInputError(file, i + 1, "date",
                                      f"feature {i + 1} has no date (give a 'date' property, "
                                      "a date in the file name, or --date)")
        if sides.iloc[i] is None:
            raise ReferenceInputError(file, i + 1, "side",
                                      f"feature {i + 1} has no side (give a 'side' property, "
                                      "a side in the file name, or --side)")
    keep = ~(frame.geometry.isna() | frame.geometry.is_empty).to_numpy()
    valid = shapely.make_valid(np.asarray(geoms[keep], dtype=object))
    valid = np.array([_polygonal(g) for g in valid], dtype=object)
    stem = Path(name).stem
    ids = [f"{stem}:{i}:" + hashlib.sha1(shapely.to_wkb(g)).hexdigest()[:8]
           for i, g in zip(np.flatnonzero(keep), valid, strict=True)]
    out = pd.DataFrame({
        "control_id": ids,
        "side": sides[keep].to_numpy(),
        "date": dates[keep].to_numpy(),
        "label": (labels[keep].astype("string").to_numpy() if labels is not None
                  else pd.NA),
        "source": name,
    })
    out = out.astype(CONTROL_DTYPES)
    return gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(valid, crs=CRS), crs=CRS)


def _polygonal(geom):
    """Keep the polygonal part of a repaired geometry (make_valid may add lines)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon",
                                                                        "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def read_control(path: str | os.PathLike[str], *, date: str | None = None,
                 side: str | None = None) -> gpd.GeoDataFrame:
    """Read assessed-control snapshots from a GeoJSON, KML or GeoPackage file.

    Every layer of a KML or GeoPackage file is read (KML folders are layers).

    Raises
    ------
    ReferenceInputError
        When the file cannot be read as vector data, or a feature lacks date or side.
    """
    path = Path(path)
    try:
        layers = [row[0] for row in pyogrio.list_layers(path)]
    except (pyogrio.errors.DataSourceError, OSError) as exc:
        raise ReferenceInputError(path, None, None,
                                  f"cannot read as GeoJSON, KML or GeoPackage ({exc})") \
            from None
    frames = []
    for layer in layers:
        try:
            frame = pyogrio.read_dataframe(path, layer=layer)
        except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError,
                OSError) as exc:
            raise ReferenceInputError(path, None, None, f"layer {layer!r}: {exc}") from None
        if len(frame):
            frames.append(control_from_frame(frame, str(path), date=date, side=side))
    if not frames:
        return empty_control()
    out = pd.concat(frames, ignore_index=True)
    return gpd.GeoDataFrame(out, geometry="geometry", crs=CRS)


def control_on(control: gpd.GeoDataFrame, day: str | None) -> gpd.GeoDataFrame:
    """Return each side's latest snapshot on or before ``day`` (all of its polygons).

    Parameters
    ----------
    control : geopandas.GeoDataFrame
        Control polygons (``side``, ``date``).
    day : str or None
        ``YYYY-MM-DD``; None means the latest snapshot of each side.

    Returns
    -------
    geopandas.GeoDataFrame
        The rows of the chosen snapshots (empty when no side has one by then).
    """
    if control.empty:
        return control
    dates = control["date"].astype(str)
    eligible = control if day is None else control[dates <= day]
    if eligible.empty:
        return eligible
    latest = eligible.groupby(eligible["side"].astype(str))["date"].transform("max")
    return eligible[eligible["date"] == latest]
