"""Coded events in: an ACLED export (CSV with ACLED's 31 columns) as reference events.

ACLED ships its exports as CSV with 31 columns (:data:`geo.export.ACLED_COLUMNS` lists
them in ACLED's order). ``event_date`` is ``YYYY-MM-DD`` in current exports and
``DD Month YYYY`` in older ones; both are read. Each row becomes one reference event
with ``ref_id = "acled:" + event_id_cnty``.

Only the columns the product uses must be present (:data:`REQUIRED`); the kind is
detected from ``event_id_cnty`` together with ``event_type`` and ``sub_event_type``.
"""

from __future__ import annotations

import os

import geopandas as gpd
import pandas as pd

from geo.reference.common import (
    ReferenceInputError,
    clean_text,
    conform_events,
    line_of,
    parse_dates,
    parse_numbers,
    require_columns,
)
from geo.reference.types import ACLED_CATEGORIES

#: Columns an ACLED file must have for the import.
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "latitude",
            "longitude")
#: Columns that identify a file as an ACLED export.
SIGNATURE = ("event_id_cnty", "event_type", "sub_event_type")
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")
_GEO_PRECISION = {1: 1, 2: 2, 3: 3}  # ACLED 1 town, 2 near/part of a region, 3 region


def events_from_frame(raw: pd.DataFrame, file: str | os.PathLike[str]) -> gpd.GeoDataFrame:
    """Turn the text cells of an ACLED export into reference events.

    Parameters
    ----------
    raw : pandas.DataFrame
        The CSV read as text (every cell a string, empty cells ``""``).
    file : str or os.PathLike
        The file's name, for error messages.

    Returns
    -------
    geopandas.GeoDataFrame
        Reference events (:data:`geo.reference.common.EVENT_COLUMNS`).

    Raises
    ------
    ReferenceInputError
        Naming line and column of a missing column, a bad date, a coordinate out of range,
        an unknown event type, an empty or duplicate ``event_id_cnty``.
    """
    names = require_columns(file, list(raw.columns), REQUIRED, "an ACLED export")

    def col(name: str) -> pd.Series:
        return raw[names[name]] if name in names else pd.Series(pd.NA, index=raw.index,
                                                                 dtype="string")

    ids = clean_text(col("event_id_cnty"))
    _check_ids(file, ids, "event_id_cnty")
    etype = clean_text(col("event_type"))
    category = etype.str.lower().map(ACLED_CATEGORIES)
    unknown = category.isna()
    if unknown.any():
        i = int(unknown.to_numpy().nonzero()[0][0])
        raise ReferenceInputError(file, line_of(etype, i), "event_type",
                                  f"{etype.iloc[i]!r} is not an ACLED event type "
                                  f"({', '.join(k.capitalize() for k in ACLED_CATEGORIES)})")
    date = parse_dates(file, col("event_date"), "event_date", _DATE_FORMATS)
    prec = parse_numbers(file, col("geo_precision"), "geo_precision", low=1, high=3,
                         required=False)
    fatalities = parse_numbers(file, col("fatalities"), "fatalities", low=0, required=False)
    out = pd.DataFrame({
        "ref_id": "acled:" + ids,
        "dataset": "acled",
        "event_date": date,
        "date_end": date,
        "event_type": etype,
        "sub_event_type": clean_text(col("sub_event_type")),
        "category": category,
        "actor1": clean_text(col("actor1")),
        "actor2": clean_text(col("actor2")),
        "country": clean_text(col("country")),
        "admin1": clean_text(col("admin1")),
        "location": clean_text(col("location")),
        "latitude": parse_numbers(file, col("latitude"), "latitude", low=-90, high=90),
        "longitude": parse_numbers(file, col("longitude"), "longitude", low=-180, high=180),
        "geo_precision": prec.round().astype("Int64").map(_GEO_PRECISION, na_action="ignore"),
        "fatalities": fatalities.round().astype("Int64"),
        "notes": clean_text(col("notes")),
        "source": clean_text(col("source")),
    }, index=raw.index)
    return conform_events(out)


def _check_ids(file: str | os.PathLike[str], ids: pd.Series, field: str) -> None:
    """Raise on the first empty or repeated id."""
    empty = ids.isna()
    if empty.any():
        i = int(empty.to_numpy().nonzero()[0][0])
        raise ReferenceInputError(file, line_of(ids, i), field, "missing value")
    dup = ids.duplicated()
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        first = int((ids == ids.iloc[i]).to_numpy().nonzero()[0][0])
        raise ReferenceInputError(file, line_of(ids, i), field,
                                  f"{ids.iloc[i]!r} repeats line {line_of(ids, first)}")


check_ids = _check_ids
