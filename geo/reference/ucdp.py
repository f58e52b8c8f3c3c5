"""Coded events in: a UCDP Georeferenced Event Dataset (GED) CSV as reference events.

UCDP GED (Uppsala Conflict Data Program, CC BY 4.0) ships one CSV row per event of
lethal organised violence with 49 columns. The product uses :data:`REQUIRED`:
``id``, ``type_of_violence``, ``date_start``, ``date_end``, ``latitude``, ``longitude``;
and, when present, ``side_a``, ``side_b``, ``country``, ``adm_1``, ``where_coordinates``,
``where_prec``, ``best``, ``source_article``, ``dyad_name``. Each row becomes one
reference event with ``ref_id = "ucdp:" + id``.

``where_prec`` (GED codebook: 1 exact place, 2 within 25 km, 3 second-order
administrative division, 4 first-order division, 5 linear feature or larger area,
6 country, 7 international waters) is mapped to the claims' 1-4 ``geo_precision``.
"""

from __future__ import annotations

import os

import geopandas as gpd
import pandas as pd

from geo.reference.acled import check_ids
from geo.reference.common import (
    ReferenceInputError,
    clean_text,
    conform_events,
    line_of,
    parse_dates,
    parse_numbers,
    require_columns,
)
from geo.reference.types import UCDP_TYPES

REQUIRED = ("id", "type_of_violence", "date_start", "date_end", "latitude", "longitude")
SIGNATURE = ("type_of_violence", "date_start", "where_prec")
_DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S")
_WHERE_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 4, 7: 4}


def events_from_frame(raw: pd.DataFrame, file: str | os.PathLike[str]) -> gpd.GeoDataFrame:
    """Turn the text cells of a UCDP GED CSV into reference events.

    Parameters
    ----------
    raw : pandas.DataFrame
        The CSV read as text.
    file : str or os.PathLike
        The file's name, for error messages.

    Returns
    -------
    geopandas.GeoDataFrame
        Reference events.

    Raises
    ------
    ReferenceInputError
        Naming line and column of a missing column, an unknown ``type_of_violence``, a bad
        date, an end before the start, coordinates out of range, an empty or repeated id.
    """
    names = require_columns(file, list(raw.columns), REQUIRED, "a UCDP GED file")

    def col(name: str) -> pd.Series:
        return raw[names[name]] if name in names else pd.Series(pd.NA, index=raw.index,
                                                                 dtype="string")

    ids = clean_text(col("id"))
    check_ids(file, ids, "id")
    tov = parse_numbers(file, col("type_of_violence"), "type_of_violence", low=1, high=3)
    labels = tov.astype("Int64").map(lambda v: UCDP_TYPES[int(v)][0])
    category = tov.astype("Int64").map(lambda v: UCDP_TYPES[int(v)][1])
    start = parse_dates(file, col("date_start"), "date_start", _DATE_FORMATS)
    end = parse_dates(file, col("date_end"), "date_end", _DATE_FORMATS)
    before = end < start
    if before.any():
        i = int(before.to_numpy().nonzero()[0][0])
        raise ReferenceInputError(file, line_of(end, i), "date_end",
                                  f"{end.iloc[i]} is before date_start {start.iloc[i]}")
    prec = parse_numbers(file, col("where_prec"), "where_prec", low=1, high=7, required=False)
    best = parse_numbers(file, col("best"), "best", low=0, required=False)
    out = pd.DataFrame({
        "ref_id": "ucdp:" + ids,
        "dataset": "ucdp",
        "event_date": start,
        "date_end": end,
        "event_type": labels.astype("string"),
        "sub_event_type": clean_text(col("dyad_name")),
        "category": category.astype("string"),
        "actor1": clean_text(col("side_a")),
        "actor2": clean_text(col("side_b")),
        "country": clean_text(col("country")),
        "admin1": clean_text(col("adm_1")),
        "location": clean_text(col("where_coordinates")),
        "latitude": parse_numbers(file, col("latitude"), "latitude", low=-90, high=90),
        "longitude": parse_numbers(file, col("longitude"), "longitude", low=-180, high=180),
        "geo_precision": prec.round().astype("Int64").map(_WHERE_PREC, na_action="ignore"),
        "fatalities": best.round().astype("Int64"),
        "notes": clean_text(col("where_description")),
        "source": clean_text(col("source_office")),
    }, index=raw.index)
    return conform_events(out)
