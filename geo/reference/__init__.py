"""Reference layers: coded events (ACLED, UCDP GED) and assessed control beside the claims.

What the package offers
-----------------------
* :func:`read_reference` reads a file of one of the :data:`KINDS` (detected from its
  columns or suffix, or given) into a frame: reference events
  (:mod:`geo.reference.acled`, :mod:`geo.reference.ucdp`) or control polygons
  (:mod:`geo.reference.control`).
* :mod:`geo.reference.storage` keeps both in a claims store (GeoPackage or PostGIS),
  in their own tables.
* :mod:`geo.reference.corroborate` matches claims to them: ``reference_events``,
  ``assessed_control`` and ``assessed_area_km2`` (pure functions over frames).
* :class:`ReferenceInputError` names the file, line and field of bad input.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.reference.common import (
    EVENT_COLUMNS,
    ReferenceInputError,
    empty_events,
    header_map,
)
from geo.reference.control import CONTROL_COLUMNS, empty_control, read_control

__all__ = [
    "CONTROL_COLUMNS",
    "EVENT_COLUMNS",
    "KINDS",
    "ReferenceInputError",
    "detect_kind",
    "empty_control",
    "empty_events",
    "read_events_bytes",
    "read_reference",
]

#: Kinds of reference file.
KINDS = ("acled", "ucdp", "control")


def _csv_frame(data: bytes, file: str) -> pd.DataFrame:
    """Read CSV bytes as text cells (pyarrow's reader: 100,000 rows in a fraction of a second)."""
    import csv

    import pyarrow as pa
    import pyarrow.csv as pacsv

    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReferenceInputError(file, line, None, f"not UTF-8 text (byte {exc.start})") \
            from None
    if not data.strip():
        raise ReferenceInputError(file, None, None, "empty file")
    first = data.split(b"\n", 1)[0].decode("utf-8").rstrip("\r")
    header = next(csv.reader([first]))
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise ReferenceInputError(file, 1, dup, "column named twice")
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            convert_options=pacsv.ConvertOptions(
                column_types={h: pa.string() for h in header}, strings_can_be_null=False,
                quoted_strings_can_be_null=False))
    except pa.ArrowInvalid as exc:
        raise ReferenceInputError(file, None, None, f"not a readable CSV file ({exc})") \
            from None
    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get)
    return _drop_hxl_row(frame)


def _drop_hxl_row(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop the tag row of an HXL-tagged CSV (the humanitarian exchange's copies of GED).

    HDX publishes UCDP GED per country with a second line of HXL hashtags
    (``#date+year``, ``#geo+lat``...). The row is skipped; the other rows keep their
    index (position after the header), so error line numbers stay right.
    """
    if len(frame) == 0:
        return frame
    first = frame.iloc[0].astype("string").str.strip().fillna("")
    tags = first[first != ""]
    if len(tags) and tags.str.startswith("#").all():
        return frame.iloc[1:]
    return frame


def detect_kind(columns: list[str]) -> str | None:
    """Return ``"acled"`` or ``"ucdp"`` from a CSV header, or None."""
    from geo.reference import acled, ucdp

    names = header_map(columns)
    if all(c in names for c in acled.SIGNATURE):
        return "acled"
    if all(c in names for c in ucdp.SIGNATURE) or all(c in names for c in ucdp.REQUIRED):
        return "ucdp"
    return None


def read_events_bytes(data: bytes, file: str, kind: str | None = None) -> gpd.GeoDataFrame:
    """Read an ACLED or UCDP CSV given as bytes into reference events.

    Parameters
    ----------
    data : bytes
        The file's content.
    file : str
        Its name, for errors.
    kind : {"acled", "ucdp"}, optional
        Skip the detection from the columns.

    Raises
    ------
    ReferenceInputError
        On undetectable kinds or bad rows.
    """
    from geo.reference import acled, ucdp

    raw = _csv_frame(data, file)
    found = detect_kind(list(raw.columns))
    kind = kind or found
    if kind is None:
        raise ReferenceInputError(file, 1, None,
                                  "cannot tell the kind of reference file from its columns "
                                  "(ACLED needs event_id_cnty, event_type, sub_event_type; "
                                  "UCDP GED needs id, type_of_violence, date_start, date_end, "
                                  "latitude, longitude); give --kind")
    if kind == "acled":
        return acled.events_from_frame(raw, file)
    if kind == "ucdp":
        return ucdp.events_from_frame(raw, file)
    raise ReferenceInputError(file, None, None, f"kind {kind!r} is not a CSV of events")


def read_reference(path: str | os.PathLike[str], kind: str | None = None, *,
                   date: str | None = None, side: str | None = None
                   ) -> tuple[str, gpd.GeoDataFrame]:
    """Read a reference file; return its kind and its frame.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.csv`` (ACLED or UCDP) or a ``.geojson``/``.json``/``.kml``/``.gpkg`` of
        control polygons.
    kind : {"acled", "ucdp", "control"}, optional
        Given kind; detected from the suffix and columns when None.
    date, side : str, optional
        For control files: the snapshot's date and side when no property or file name
        says.

    Returns
    -------
    (str, geopandas.GeoDataFrame)
        The kind and reference events (``acled``/``ucdp``) or control polygons.

    Raises
    ------
    ReferenceInputError
        On bad input; nothing is returned half-read.
    """
    path = Path(path)
    if kind is not None and kind not in KINDS:
        raise ReferenceInputError(path, None, None,
                                  f"unknown kind {kind!r} (one of {', '.join(KINDS)})")
    if not path.is_file():
        raise ReferenceInputError(path, None, None, "no such file")
    suffix = path.suffix.lower()
    if kind == "control" or (kind is None and suffix in (".geojson", ".json", ".kml",
                                                           ".gpkg")):
        return "control", read_control(path, date=date, side=side)
    if suffix not in (".csv", ".txt", ".tsv") and kind is None:
        raise ReferenceInputError(path, None, None,
                                  "unknown suffix: .csv for ACLED/UCDP events, "
                                  ".geojson/.kml/.gpkg for control areas (or give --kind)")
    data = path.read_bytes()
    events = read_events_bytes(data, str(path), kind)
    return str(events["dataset"].iloc[0]) if len(events) else (kind or "acled"), events
