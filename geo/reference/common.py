"""What every reference source shares: the reference-event schema, errors, column checks.

A *reference event* is one coded event from a dataset analysts trust to check claims
against (ACLED, UCDP GED): a point, a date range, a type and the sides. A reference
events table is a GeoDataFrame in ``EPSG:4326`` with exactly :data:`EVENT_DTYPES`'s
columns and Point geometries.
"""

from __future__ import annotations

import os

import geopandas as gpd
import numpy as np
import pandas as pd

CRS = "EPSG:4326"

#: Reference-event columns and their pandas dtypes (geometry excluded).
EVENT_DTYPES: dict[str, str] = {
    "ref_id": "string",         # "<dataset>:<the dataset's own id>", unique in a store
    "dataset": "string",        # acled | ucdp
    "event_date": "string",     # YYYY-MM-DD, first day of the event
    "date_end": "string",       # YYYY-MM-DD, last day (= event_date for one-day events)
    "event_type": "string",     # the dataset's own type (ACLED event_type, UCDP violence type)
    "sub_event_type": "string",
    "category": "string",       # our coarse category, see geo.reference.types
    "actor1": "string",
    "actor2": "string",
    "country": "string",
    "admin1": "string",
    "location": "string",
    "latitude": "Float64",
    "longitude": "Float64",
    "geo_precision": "Int64",   # 1 exact .. 4 country, as for claims
    "fatalities": "Int64",
    "notes": "string",
    "source": "string",
}
EVENT_COLUMNS = tuple(EVENT_DTYPES)


class ReferenceInputError(ValueError):
    """Bad reference input: names the file, the line and the field at fault.

    Parameters
    ----------
    file : str or os.PathLike
        The file as given.
    line : int or None
        1-based line of the file (the header is line 1), ``None`` for a whole-file problem.
    field : str or None
        The column or property at fault.
    message : str
        What is wrong, for a human.
    """

    def __init__(self, file: str | os.PathLike[str], line: int | None, field: str | None,
                 message: str) -> None:
        self.file = str(file)
        self.line = line
        self.field = field
        self.message = message
        where = self.file if line is None else f"{self.file}:{line}"
        what = message if field is None else f"field '{field}': {message}"
        super().__init__(f"{where}: {what}")

    def __reduce__(self):  # keep the attributes across pickling
        return (type(self), (self.file, self.line, self.field, self.message))


def empty_events() -> gpd.GeoDataFrame:
    """Return an empty reference-events GeoDataFrame with the schema's columns and dtypes."""
    frame = pd.DataFrame({c: pd.Series(dtype=t) for c, t in EVENT_DTYPES.items()})
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


def _conforms(events: pd.DataFrame) -> bool:
    """Tell whether a frame already is reference events (columns, dtypes, CRS, index)."""
    return (isinstance(events, gpd.GeoDataFrame)
            and list(events.columns) == [*EVENT_COLUMNS, "geometry"]
            and events.geometry.name == "geometry" and events.crs == CRS
            and isinstance(events.index, pd.RangeIndex) and events.index.start == 0
            and events.index.step == 1
            and all(str(events[c].dtype) == t for c, t in EVENT_DTYPES.items()))


def conform_events(events: pd.DataFrame) -> gpd.GeoDataFrame:
    """Return ``events`` with exactly :data:`EVENT_COLUMNS` and Point geometries.

    The geometry is rebuilt from ``longitude``/``latitude`` (x = longitude). A frame that
    already conforms (what the readers return) is returned as it is.
    """
    if _conforms(events):
        return events
    out = pd.DataFrame(index=events.index)
    for col, dtype in EVENT_DTYPES.items():
        values = events[col] if col in events.columns else pd.Series(pd.NA, index=events.index)
        out[col] = values.astype(dtype)
    lon = out["longitude"].astype("float64").to_numpy(na_value=np.nan)
    lat = out["latitude"].astype("float64").to_numpy(na_value=np.nan)
    geometry = gpd.points_from_xy(lon, lat, crs=CRS)
    return gpd.GeoDataFrame(out, geometry=geometry, crs=CRS).reset_index(drop=True)


def header_map(columns: list[str]) -> dict[str, str]:
    """Map folded column names (lower case, trimmed, BOM dropped) to the names as written."""
    return {str(c).lstrip("\ufeff").strip().lower(): c for c in columns}


def require_columns(file: str | os.PathLike[str], columns: list[str], needed: tuple[str, ...],
                    what: str) -> dict[str, str]:
    """Return the folded header map, or raise naming the first missing column.

    Raises
    ------
    ReferenceInputError
        When a needed column is absent.
    """
    names = header_map(columns)
    missing = [c for c in needed if c not in names]
    if missing:
        raise ReferenceInputError(file, 1, missing[0],
                                  f"not {what}: missing column(s) {', '.join(missing)}")
    return names


def line_of(values: pd.Series, i: int) -> int:
    """Return the 1-based file line of the ``i``-th row of ``values``.

    Rows are indexed by their position among the data rows (0 is the line after the
    header), so a skipped row (the tag row of an HXL-tagged file) keeps later lines right.
    """
    return int(values.index[i]) + 2


def parse_dates(file: str | os.PathLike[str], values: pd.Series, field: str,
                formats: tuple[str, ...] = ("%Y-%m-%d",)) -> pd.Series:
    """Parse a column of dates written in one of ``formats`` into ``YYYY-MM-DD`` strings.

    Raises
    ------
    ReferenceInputError
        Naming the first row (line = row + 2, after the header) that no format parses.
    """
    text = values.astype("string").str.strip()
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]")
    for fmt in formats:
        todo = parsed.isna() & text.notna()
        if not todo.any():
            break
        parsed[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    bad = parsed.isna()
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise ReferenceInputError(file, line_of(values, i), field,
                                  f"cannot parse {text.iloc[i]!r} as a date "
                                  f"({' or '.join(formats)})")
    return parsed.dt.strftime("%Y-%m-%d").astype("string")


def parse_numbers(file: str | os.PathLike[str], values: pd.Series, field: str, *,
                  low: float | None = None, high: float | None = None,
                  required: bool = True) -> pd.Series:
    """Parse a column of numbers, checking the range.

    Raises
    ------
    ReferenceInputError
        Naming the first row that is missing (when ``required``), not a number, or out of
        ``[low, high]``.
    """
    text = values.astype("string").str.strip().replace("", pd.NA)
    num = pd.to_numeric(text, errors="coerce")
    bad = (num.isna() & text.notna()) | (num.isna() if required else False)
    if low is not None:
        bad |= num < low
    if high is not None:
        bad |= num > high
    bad = bad.fillna(False).astype(bool)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raw = text.iloc[i]
        why = "missing value" if pd.isna(raw) else f"{raw!r} is not a number"
        if not pd.isna(raw) and not pd.isna(num.iloc[i]):
            why = f"{raw!r} is outside [{low}, {high}]"
        raise ReferenceInputError(file, line_of(values, i), field, why)
    return num.astype("Float64")


def clean_text(values: pd.Series) -> pd.Series:
    """Strip text cells; empty cells become missing."""
    return values.astype("string").str.strip().replace("", pd.NA)
