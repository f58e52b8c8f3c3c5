"""Reading claims back: a filter as SQL, statistics, frames from rows (both back ends).

:func:`sql_prefilter` turns a :class:`geo.filters.ClaimFilter` into a ``WHERE`` clause
that keeps a superset of its rows; :func:`claims_from_arrow` and :func:`articles_frame`
build the frames every back end returns; :func:`stats_from` computes the store's counts
with SQL both dialects share.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from geo.filters import ClaimFilter, apply_filter
from geo.schema import CRS, conform_claims
from geo.store.base import CLAIM_TABLE_COLUMNS, STORE_ARTICLE_COLUMNS, STORE_CLAIM_EXTRAS

# SQL translation of a filter (shared by both back ends)

_TEXT_COLUMNS = ("sentence", "location_text", "place_name", "actor", "claimant", "title")


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def sql_prefilter(flt: ClaimFilter | None, dialect: str) -> tuple[str, list]:
    """Translate a filter into a SQL ``WHERE`` clause that keeps a *superset* of its rows.

    Dates, types, countries and the box are exact. Case-insensitive matches (actors,
    claimants, admin-1, text) use SQL's ASCII-only case folding and therefore also keep
    every row whose value has a non-ASCII character; :func:`geo.filters.apply_filter`
    then decides exactly, so every back end returns what ``apply_filter`` would.

    Parameters
    ----------
    flt : ClaimFilter or None
        The filter.
    dialect : {"sqlite", "postgres"}
        SQL dialect (placeholders ``?`` or ``%s``).

    Returns
    -------
    (str, list)
        ``" WHERE ..."`` (or ``""``) and its parameters.
    """
    if flt is None:
        return "", []
    pg = dialect == "postgres"
    ph = "%s" if pg else "?"
    non_ascii = "{col} ~ '[^ -~]'" if pg else "{col} GLOB '*[^ -~]*'"

    def one_of(expr: str, values: list) -> tuple[str, list]:
        if pg:
            return f"{expr} = ANY({ph})", [values]
        return f"{expr} IN ({','.join(ph * len(values))})", list(values)

    clauses: list[str] = []
    params: list = []

    def add(clause: str, values: list) -> None:
        clauses.append(clause)
        params.extend(values)

    date = "%s::date" if pg else "?"
    if flt.date_from:
        add(f"claim_date >= {date}", [flt.date_from])
    if flt.date_to:
        add(f"claim_date <= {date}", [flt.date_to])
    if flt.claim_types:
        add(*one_of("claim_type", list(flt.claim_types)))
    if flt.countries:
        add(*one_of("upper(country_code)", list(flt.countries)))
    for col, values in (("actor", flt.actors), ("claimant", flt.claimants),
                        ("admin1", flt.admin1)):
        if values:
            clause, vals = one_of(f'lower("{col}")', [v.casefold() for v in values])
            add(f"({clause} OR {non_ascii.format(col=chr(34) + col + chr(34))})", vals)
    if flt.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        add(f"latitude BETWEEN {ph} AND {ph}", [min_lat, max_lat])
        if min_lon <= max_lon:
            add(f"longitude BETWEEN {ph} AND {ph}", [min_lon, max_lon])
        else:
            add(f"(longitude >= {ph} OR longitude <= {ph})", [min_lon, max_lon])
    if flt.contested:
        add("contest_id IS NOT NULL", [])
    if flt.stance == "denied":
        add("stance = 'denied'", [])
    elif flt.stance == "asserted":  # stores written before the column read as asserted
        add("(stance IS NULL OR stance <> 'denied')", [])
    if flt.text and flt.text.isascii():
        pattern = "%" + _like_escape(flt.text.casefold()) + "%"
        like = "ILIKE" if pg else "LIKE"
        ors = []
        for col in _TEXT_COLUMNS:
            quoted = f'"{col}"'
            ors.append(f"{quoted} {like} {ph} ESCAPE '\\'")
            ors.append(non_ascii.format(col=quoted))
        add("(" + " OR ".join(ors) + ")", [pattern] * len(_TEXT_COLUMNS))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params



def stats_from(query) -> dict:
    """Compute store statistics with ``query(sql) -> rows`` (SQL common to both back ends)."""
    n_articles = query("SELECT count(*) FROM articles")[0][0]
    n_claims, dmin, dmax, last = query(
        "SELECT count(*), min(claim_date), max(claim_date), max(ingested_at) FROM claims")[0]
    by_type = dict(query("SELECT claim_type, count(*) FROM claims GROUP BY claim_type "
                         "ORDER BY count(*) DESC, claim_type"))
    by_country = dict(query("SELECT coalesce(country_code, ''), count(*) FROM claims "
                            "GROUP BY 1 ORDER BY count(*) DESC, 1"))
    versions = dict(query("SELECT coalesce(extractor_version, ''), count(*) FROM articles "
                          "GROUP BY 1 ORDER BY 1"))
    last_art = query("SELECT max(ingested_at) FROM articles")[0][0]
    last, last_art = (iso_z(x) for x in (last, last_art))
    return {
        "articles": int(n_articles),
        "claims": int(n_claims),
        "date_min": None if dmin is None else str(dmin)[:10],
        "date_max": None if dmax is None else str(dmax)[:10],
        "last_ingest": None if (last or last_art) is None else str(max(
            str(x) for x in (last, last_art) if x is not None)),
        "by_type": {str(k): int(v) for k, v in by_type.items()},
        "by_country": {str(k): int(v) for k, v in by_country.items()},
        "articles_by_extractor_version": {str(k): int(v) for k, v in versions.items()},
    }


def iso_z(value: object) -> str | None:
    """Return a timestamp (datetime or GeoPackage DATETIME text) as ISO 8601 UTC text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC) if value.tzinfo else value
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return str(value)



def claims_from_arrow(table: pa.Table, geometry_name: str, flt: ClaimFilter | None
                       ) -> gpd.GeoDataFrame:
    """Build the claims GeoDataFrame from an Arrow table read by GDAL, in ``fid`` order."""
    if "fid" in table.column_names and table.num_rows:
        fid = table.column("fid").to_numpy()
        if not (np.diff(fid) > 0).all():  # a take costs 50 ms per 10,000 rows
            table = table.take(pc.sort_indices(table.column("fid")))
    data = {}
    for name in (*CLAIM_TABLE_COLUMNS, geometry_name):
        col = table.column(name)
        if pa.types.is_timestamp(col.type):
            # formatted once per distinct value (one per ingest batch), not per row
            enc = pc.dictionary_encode(col.combine_chunks() if isinstance(
                col, pa.ChunkedArray) else col)
            col = pc.strftime(enc.dictionary, format="%Y-%m-%dT%H:%M:%SZ").take(enc.indices)
        elif pa.types.is_date(col.type):
            col = pc.cast(col, pa.string())
        data[name] = col
    wkb = data.pop(geometry_name).to_numpy(zero_copy_only=False)
    frame = pd.DataFrame({name: col.to_pandas() for name, col in data.items()})
    frame["geometry"] = gpd.GeoSeries(shapely.from_wkb(wkb), index=frame.index, crs=CRS)
    out = conform_claims(frame)
    for c in STORE_CLAIM_EXTRAS:
        out.insert(len(out.columns) - 1, c, frame[c].astype("string"))
    if flt is not None and not flt.is_empty():
        out = apply_filter(out, flt)
    return out.reset_index(drop=True)


def articles_frame(rows: list) -> pd.DataFrame:
    """Return stored article rows (tuples in :data:`STORE_ARTICLE_COLUMNS` order) as a frame."""
    frame = pd.DataFrame.from_records(rows, columns=list(STORE_ARTICLE_COLUMNS))
    for c in STORE_ARTICLE_COLUMNS:
        frame[c] = frame[c].astype("Int64" if c == "n_claims" else "string")
    frame["published"] = frame["published"].str.slice(0, 10)
    return frame



# ---------------------------------------------------------------------------
# counts over a filter: total, extent, claims per grid cell (the map at a million)

#: Multiplier of a cell's column in its one-number key (``gx * CELL_KEY + gy``).
CELL_KEY = 100_000


def sql_exact(flt: ClaimFilter | None) -> bool:
    """Tell whether :func:`sql_prefilter` selects exactly the filter's rows.

    The case-insensitive parts (actors, claimants, admin-1, text) keep a superset in SQL;
    counts over such a filter are taken from the exactly filtered frame instead.
    """
    return flt is None or not (flt.actors or flt.claimants or flt.admin1 or flt.text or
                               flt.claimant_ids or flt.claimant_sides or flt.assessment)


def cell_exprs(cell: float, dialect: str) -> tuple[str, str]:
    """Return SQL for a claim's grid cell ``(gx, gy)``: ``floor((lon + 180) / cell)``...

    Parameters
    ----------
    cell : float
        Cell size in degrees (> 0).
    dialect : {"sqlite", "postgres"}
        SQL dialect.

    Returns
    -------
    (str, str)
        Expressions of ``gx`` and ``gy`` (longitude + 180 and latitude + 90 are never
        negative, so SQLite's truncating cast is a floor).
    """
    size = float(cell)
    if not size > 0:
        raise ValueError(f"cell size must be positive, got {cell!r}")
    if dialect == "postgres":
        return (f"floor((longitude + 180.0) / {size!r})::integer",
                f"floor((latitude + 90.0) / {size!r})::integer")
    return (f"CAST((longitude + 180.0) / {size!r} AS INTEGER)",
            f"CAST((latitude + 90.0) / {size!r} AS INTEGER)")


def _and(where: str, clause: str) -> str:
    return (where + " AND " if where else " WHERE ") + clause


def grid_sql(where: str, cell: float, dialect: str) -> str:
    """Return the ``SELECT gx, gy, claim_type, n`` statement counting claims per cell."""
    gx, gy = cell_exprs(cell, dialect)
    where = _and(where, "longitude IS NOT NULL AND latitude IS NOT NULL")
    return (f"SELECT {gx} AS gx, {gy} AS gy, claim_type, count(*) AS n FROM claims{where} "
            "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")


def cells_clause(cell: float, cells: list[tuple[int, int]], dialect: str) -> tuple[str, list]:
    """Return a clause keeping claims in ``cells`` (``(gx, gy)`` pairs) and its parameters."""
    gx, gy = cell_exprs(cell, dialect)
    keys = [int(x) * CELL_KEY + int(y) for x, y in cells]
    if dialect == "postgres":
        return f"({gx} * {CELL_KEY} + {gy}) = ANY(%s)", [keys]
    return f"({gx} * {CELL_KEY} + {gy}) IN ({','.join('?' * len(keys))})", keys


def grid_counts_frame(claims: pd.DataFrame, cell: float) -> pd.DataFrame:
    """Count claims per grid cell and type in a frame (what :func:`grid_sql` computes).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``longitude``, ``latitude``, ``claim_type``.
    cell : float
        Cell size in degrees.

    Returns
    -------
    pandas.DataFrame
        ``gx, gy, claim_type, n`` (integers, claim type as text), sorted.
    """
    lon = pd.to_numeric(claims["longitude"], errors="coerce").to_numpy(dtype=float,
                                                                       na_value=np.nan)
    lat = pd.to_numeric(claims["latitude"], errors="coerce").to_numpy(dtype=float,
                                                                      na_value=np.nan)
    ok = ~(np.isnan(lon) | np.isnan(lat))
    frame = pd.DataFrame({
        "gx": np.floor((lon[ok] + 180.0) / float(cell)).astype(np.int64),
        "gy": np.floor((lat[ok] + 90.0) / float(cell)).astype(np.int64),
        "claim_type": claims["claim_type"].astype(str).to_numpy()[ok]})
    out = frame.groupby(["gx", "gy", "claim_type"]).size().rename("n").reset_index()
    return counts_frame(out.to_numpy().tolist())


def counts_frame(rows: list) -> pd.DataFrame:
    """Return ``(gx, gy, claim_type, n)`` rows as a typed, sorted frame."""
    frame = pd.DataFrame(rows, columns=["gx", "gy", "claim_type", "n"])
    for c in ("gx", "gy", "n"):
        frame[c] = frame[c].astype(np.int64)
    frame["claim_type"] = frame["claim_type"].astype(str)
    return frame.sort_values(["gx", "gy", "claim_type"]).reset_index(drop=True)
