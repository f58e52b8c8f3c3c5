"""The GeoPackage R-tree spatial index of the claims' geometries (OGC GeoPackage 1.3, F.3).

What GDAL, QGIS and the GeoPackage standard expect, so that they find and use the index:

* a virtual table ``rtree_claims_geom`` (``rtree(id, minx, maxx, miny, maxy)``) holding
  each non-empty geometry's envelope under the row's ``fid``;
* a ``gpkg_extensions`` row ``('claims', 'geom', 'gpkg_rtree_index', ...)``;
* the standard triggers that keep it in step with inserts, updates and deletes. They call
  ``ST_IsEmpty``, ``ST_MinX``, ``ST_MaxX``, ``ST_MinY``, ``ST_MaxY``, which GIS tools
  provide; :func:`register_functions` gives them to a Python ``sqlite3`` connection.

A bulk insert (:func:`bulk_insert`) suspends the insert trigger inside its transaction and
writes the envelopes computed with shapely in one ``executemany``, which is much faster
than the trigger calling Python once per row and function; the trigger is back before
the transaction commits, so no other writer ever sees the table without it.

The claims store's bounding-box filter tests a claim's representative point
(``longitude``, ``latitude``); the index narrows the rows to those whose geometry's
envelope meets the box, which holds that point for every claim the extractor makes (a
settlement's point is its geometry; a region's or country's point lies inside it).
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Sequence

import numpy as np
import shapely

TABLE, COLUMN, ID = "claims", "geom", "fid"
RTREE = f"rtree_{TABLE}_{COLUMN}"

_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}

EXTENSION_DDL = [
    "CREATE TABLE IF NOT EXISTS gpkg_extensions (table_name TEXT, column_name TEXT, "
    "extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL, "
    "CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name))",
    "INSERT OR IGNORE INTO gpkg_extensions VALUES ('" + TABLE + "', '" + COLUMN + "', "
    "'gpkg_rtree_index', 'http://www.geopackage.org/spec120/#extension_rtree', "
    "'write-only')",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {RTREE} USING rtree(id, minx, maxx, miny, maxy)",
]

_NEW_ENVELOPE = (f"NEW.{ID}, ST_MinX(NEW.{COLUMN}), ST_MaxX(NEW.{COLUMN}), "
                 f"ST_MinY(NEW.{COLUMN}), ST_MaxY(NEW.{COLUMN})")
_PRESENT = f"(NEW.{COLUMN} NOT NULL AND NOT ST_IsEmpty(NEW.{COLUMN}))"
_ABSENT = f"(NEW.{COLUMN} ISNULL OR ST_IsEmpty(NEW.{COLUMN}))"

#: The insert trigger (suspended during a bulk insert).
INSERT_TRIGGER = (
    f"CREATE TRIGGER {RTREE}_insert AFTER INSERT ON {TABLE} WHEN {_PRESENT} "
    f"BEGIN INSERT OR REPLACE INTO {RTREE} VALUES ({_NEW_ENVELOPE}); END")

#: The standard triggers (GeoPackage 1.3, extension F.3), insert first.
TRIGGERS = [
    INSERT_TRIGGER,
    f"CREATE TRIGGER {RTREE}_update1 AFTER UPDATE OF {COLUMN} ON {TABLE} "
    f"WHEN OLD.{ID} = NEW.{ID} AND {_PRESENT} "
    f"BEGIN INSERT OR REPLACE INTO {RTREE} VALUES ({_NEW_ENVELOPE}); END",
    f"CREATE TRIGGER {RTREE}_update2 AFTER UPDATE OF {COLUMN} ON {TABLE} "
    f"WHEN OLD.{ID} = NEW.{ID} AND {_ABSENT} "
    f"BEGIN DELETE FROM {RTREE} WHERE id = OLD.{ID}; END",
    f"CREATE TRIGGER {RTREE}_update3 AFTER UPDATE ON {TABLE} "
    f"WHEN OLD.{ID} != NEW.{ID} AND {_PRESENT} "
    f"BEGIN DELETE FROM {RTREE} WHERE id = OLD.{ID}; "
    f"INSERT OR REPLACE INTO {RTREE} VALUES ({_NEW_ENVELOPE}); END",
    f"CREATE TRIGGER {RTREE}_update4 AFTER UPDATE ON {TABLE} "
    f"WHEN OLD.{ID} != NEW.{ID} AND {_ABSENT} "
    f"BEGIN DELETE FROM {RTREE} WHERE id IN (OLD.{ID}, NEW.{ID}); END",
    f"CREATE TRIGGER {RTREE}_delete AFTER DELETE ON {TABLE} WHEN OLD.{COLUMN} NOT NULL "
    f"BEGIN DELETE FROM {RTREE} WHERE id = OLD.{ID}; END",
]


def blob_envelope(blob: bytes | None) -> tuple[float, float, float, float] | None:
    """Return ``(minx, maxx, miny, maxy)`` of a GeoPackage geometry blob (None if empty).

    Uses the blob header's envelope when there is one, else the WKB's bounds.
    """
    if blob is None or len(blob) < 8 or blob[:2] != b"GP":
        return None
    flags = blob[3]
    if flags & 0x10:  # empty geometry
        return None
    kind = (flags >> 1) & 7
    if kind in (1, 2, 3, 4):
        order = "<" if flags & 1 else ">"
        minx, maxx, miny, maxy = struct.unpack_from(order + "4d", blob, 8)
        return minx, maxx, miny, maxy
    geom = shapely.from_wkb(bytes(blob[8 + _ENVELOPE_BYTES.get(kind, 0):]))
    if geom is None or geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds
    return minx, maxx, miny, maxy


def _part(i: int):
    def fn(blob: bytes | None) -> float | None:
        env = blob_envelope(blob)
        return None if env is None else env[i]
    return fn


def _is_empty(blob: bytes | None) -> int | None:
    if blob is None:
        return None
    return 1 if blob_envelope(blob) is None else 0


def register_functions(con: sqlite3.Connection) -> None:
    """Give ``con`` the SQL functions the R-tree triggers call (``ST_MinX``...)."""
    for i, name in enumerate(("ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY")):
        con.create_function(name, 1, _part(i), deterministic=True)
    con.create_function("ST_IsEmpty", 1, _is_empty, deterministic=True)


def has_index(con: sqlite3.Connection) -> bool:
    """Tell whether the claims table has its R-tree (table and extension row)."""
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if RTREE not in tables or "gpkg_extensions" not in tables:
        return False
    return con.execute("SELECT count(*) FROM gpkg_extensions WHERE table_name = ? AND "
                       "column_name = ? AND extension_name = 'gpkg_rtree_index'",
                       (TABLE, COLUMN)).fetchone()[0] > 0


def create_index(con: sqlite3.Connection) -> None:
    """Create the R-tree, its extension row and triggers, and fill it from the table.

    Call inside a write transaction on a connection with :func:`register_functions`.
    """
    for stmt in EXTENSION_DDL:
        con.execute(stmt)
    existing = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE "
                                          "type = 'trigger'")}
    for stmt in TRIGGERS:
        name = stmt.split()[2]
        if name not in existing:
            con.execute(stmt)
    con.execute(f"DELETE FROM {RTREE}")
    con.execute(f"INSERT INTO {RTREE} SELECT {ID}, ST_MinX({COLUMN}), ST_MaxX({COLUMN}), "
                f"ST_MinY({COLUMN}), ST_MaxY({COLUMN}) FROM {TABLE} WHERE {COLUMN} NOT NULL "
                f"AND NOT ST_IsEmpty({COLUMN})")


def envelopes(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (mask of non-empty geometries, their ``minx, maxx, miny, maxy`` rows)."""
    geoms = np.asarray(geoms, dtype=object)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    b = shapely.bounds(geoms[present])
    return present, b[:, [0, 2, 1, 3]] if len(b) else np.empty((0, 4))


def bulk_insert(con: sqlite3.Connection, insert_sql: str, rows: Sequence[Sequence],
                geoms: np.ndarray) -> None:
    """Insert claim rows and their R-tree entries, the insert trigger suspended.

    Call inside a write transaction (``BEGIN IMMEDIATE``): the rows get consecutive
    ``fid`` s after the current largest (``AUTOINCREMENT``), which is checked.

    Parameters
    ----------
    con : sqlite3.Connection
        A connection inside a write transaction.
    insert_sql : str
        ``INSERT INTO claims (...) VALUES (...)``.
    rows : sequence of sequence
        The rows, in the order of ``geoms``.
    geoms : numpy.ndarray
        Their shapely geometries.

    Raises
    ------
    sqlite3.DatabaseError
        The rows did not get consecutive ids (the caller rolls back).
    """
    before = con.execute(f"SELECT coalesce(max({ID}), 0) FROM {TABLE}").fetchone()[0]
    seq = con.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (TABLE,)).fetchone()
    start = max(before, seq[0] if seq else 0) + 1
    con.execute(f"DROP TRIGGER IF EXISTS {RTREE}_insert")
    con.executemany(insert_sql, rows)
    first, last, n = con.execute(f"SELECT min({ID}), max({ID}), count(*) FROM {TABLE} "
                                 f"WHERE {ID} >= ?", (start,)).fetchone()
    if n != len(rows) or (n and (first != start or last != start + n - 1)):
        raise sqlite3.DatabaseError(f"claims got non-consecutive ids {first}..{last} for "
                                    f"{len(rows)} rows")
    present, env = envelopes(geoms)
    ids = (np.arange(len(rows)) + start)[present]
    con.executemany(f"INSERT INTO {RTREE} VALUES (?, ?, ?, ?, ?)",
                    [(int(i), *map(float, e)) for i, e in zip(ids, env, strict=True)])
    con.execute(INSERT_TRIGGER)


def bbox_clause(bbox: tuple[float, float, float, float]) -> tuple[str, list]:
    """Return a ``fid IN (...)`` clause selecting rows whose envelope meets ``bbox``.

    Parameters
    ----------
    bbox : (float, float, float, float)
        ``min_lon, min_lat, max_lon, max_lat``; ``min_lon > max_lon`` crosses the
        antimeridian (two ranges of longitude).

    Returns
    -------
    (str, list)
        SQL with ``?`` placeholders, and its parameters.
    """
    min_lon, min_lat, max_lon, max_lat = bbox
    if min_lon <= max_lon:
        return boxes_clause([bbox])
    return boxes_clause([(min_lon, min_lat, 180.0, max_lat), (-180.0, min_lat, max_lon, max_lat)])


def boxes_clause(boxes: list[tuple[float, float, float, float]]) -> tuple[str, list]:
    """Return a ``fid IN (...)`` clause for rows whose envelope meets any of ``boxes``.

    Each box is ``(min_lon, min_lat, max_lon, max_lat)`` with ``min_lon <= max_lon``; one
    R-tree lookup per box (``UNION ALL``), so the index drives the query.
    """
    parts, params = [], []
    for lo, south, hi, north in boxes:
        parts.append(f"SELECT id FROM {RTREE} WHERE minx <= ? AND maxx >= ? AND miny <= ? "
                     "AND maxy >= ?")
        params += [hi, lo, north, south]
    return f"{ID} IN (" + " UNION ALL ".join(parts) + ")", params
