"""Reference layers in the claims store: their own tables beside the claims, both back ends.

Tables (created on the first import; an old store gains them, nothing else changes):

``reference_events`` (features, Point ``geom``, EPSG:4326)
    :data:`geo.reference.common.EVENT_COLUMNS` plus ``imported_at``; ``ref_id`` unique.
    Re-importing an event with the same ``ref_id`` replaces it.
``control_areas`` (features, MultiPolygon ``geom``, EPSG:4326)
    :data:`geo.reference.control.CONTROL_COLUMNS` plus ``imported_at``; ``control_id``
    unique. Re-importing a file replaces its features (same ids), and keeps the others.

Each import is one transaction: a file that fails to read or write leaves the store as it
was. The GeoPackage tables are registered in ``gpkg_contents`` and
``gpkg_geometry_columns``, so QGIS and GDAL open them as layers.
"""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.reference.common import CRS, EVENT_COLUMNS, EVENT_DTYPES, conform_events, empty_events
from geo.reference.control import CONTROL_COLUMNS, CONTROL_DTYPES, empty_control

#: table -> (key column, columns, dtypes, geometry type)
TABLES = {
    "reference_events": ("ref_id", EVENT_COLUMNS, EVENT_DTYPES, "POINT"),
    "control_areas": ("control_id", CONTROL_COLUMNS, CONTROL_DTYPES, "MULTIPOLYGON"),
}


@dataclass
class ImportSummary:
    """What one import did: rows written, of which replaced an earlier import."""

    table: str
    written: int
    replaced: int


def is_postgis(store) -> bool:
    """Tell a PostGIS store from a GeoPackage one by its target (no back-end import)."""
    return str(getattr(store, "target", "")).startswith(("postgresql://", "postgres://"))


def _now() -> str:
    return pd.Timestamp.now(tz="UTC").strftime("%Y-%m-%dT%H:%M:%SZ")


def _columns(frame: pd.DataFrame, columns) -> list[list]:
    """Columns of plain Python values (missing -> None), one list per column."""
    cols = []
    for c in columns:
        s = frame[c]
        if s.dtype in ("Int64", "Float64"):
            # masked arrays: numpy values -> Python int/float, missing -> None
            cols.append(s.astype(object).where(s.notna(), None).tolist())
        else:
            cols.append(s.to_numpy(dtype=object, na_value=None).tolist())
    return cols


def _records(frame: pd.DataFrame, columns) -> list[tuple]:
    """Rows of plain Python values (missing -> None), built column by column."""
    if not len(frame):
        return []
    return list(zip(*_columns(frame, columns), strict=True))


def _multi(geoms: np.ndarray) -> np.ndarray:
    """Polygons -> MultiPolygons (one geometry type per layer)."""
    out = np.asarray(geoms, dtype=object).copy()
    single = shapely.get_type_id(out) == 3
    out[single] = [shapely.MultiPolygon([g]) for g in out[single]]
    return out


# ---------------------------------------------------------------------------
# GeoPackage

def _sqlite_type(dtype: str) -> str:
    return {"string": "TEXT", "Float64": "REAL", "Int64": "INTEGER"}[dtype]


def _gpkg_ensure(con: sqlite3.Connection, table: str) -> None:
    key, cols, dtypes, gtype = TABLES[table]
    have = con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (table,)).fetchone()[0]
    if have:
        present = {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}
        for c in cols:
            if c not in present:  # a later version added a column: add it, keep the rows
                con.execute(f'ALTER TABLE "{table}" ADD COLUMN "{c}" {_sqlite_type(dtypes[c])}')
        return
    defs = ", ".join(f'"{c}" {_sqlite_type(dtypes[c])}' + (" NOT NULL UNIQUE" if c == key else "")
                     for c in cols)
    con.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
                f'geom {gtype}, {defs}, "imported_at" DATETIME)')
    con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, "
                "srs_id) VALUES (?, 'features', ?, ?, 4326)",
                (table, table, "Reference layer: " + table.replace("_", " ")))
    con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)",
                (table, gtype))
    _gpkg_indexes(con, table)


#: table -> its secondary indexes (name, columns); built after a bulk insert
_GPKG_INDEXES = {
    "reference_events": (("reference_events_date_idx", "event_date, date_end"),
                         ("reference_events_lat_idx", "latitude")),
    "control_areas": (("control_areas_date_idx", "side, date"),),
}

#: An insert of at least this many rows, and at least as many as the table holds, drops
#: the table's secondary indexes first and builds them again after (one sorted build is
#: far cheaper than that many index updates).
BULK_ROWS = 5_000


def _gpkg_indexes(con: sqlite3.Connection, table: str) -> None:
    for name, cols in _GPKG_INDEXES[table]:
        con.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({cols})')


def _gpkg_write(store, table: str, frame: gpd.GeoDataFrame) -> ImportSummary:
    from geo.store import gpkg_blobs

    key, cols, _, _ = TABLES[table]
    geoms = np.asarray(frame.geometry.values, dtype=object)
    if table == "control_areas":
        geoms = _multi(geoms)
    blobs = gpkg_blobs(geoms)
    stamp = _now()
    con = store._connect()  # noqa: SLF001 - the store's own connection settings
    # a large import rewrites index pages many times: keep up to 128 MB of them in memory
    # (this connection only; SQLite allocates the cache as it fills)
    con.execute("PRAGMA cache_size = -131072")
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            _gpkg_ensure(con, table)
            before = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            bulk = len(frame) >= max(BULK_ROWS, before)
            if bulk:
                for name, _ in _GPKG_INDEXES[table]:
                    con.execute(f'DROP INDEX IF EXISTS "{name}"')
            # rows in key order: the unique key index grows at its end
            order = np.argsort(frame[key].astype(str).to_numpy(), kind="stable")
            values = [np.asarray(v, dtype=object)[order].tolist()
                      for v in _columns(frame, cols)]
            blobs = np.asarray(blobs, dtype=object)[order].tolist()
            # REPLACE: a row with the same key is deleted and the new one inserted
            con.executemany(
                f'INSERT OR REPLACE INTO "{table}" (geom, ' + ", ".join(f'"{c}"' for c in cols)
                + ', "imported_at") VALUES (' + ",".join("?" * (len(cols) + 2)) + ")",
                zip(blobs, *values, itertools.repeat(stamp, len(frame)), strict=True))
            if bulk:
                _gpkg_indexes(con, table)
            after = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            replaced = before + len(frame) - after
            bounds = _bounds(con, table, frame)
            con.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ',"
                        "'now'), min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE "
                        "table_name = ?", (*bounds, table))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return ImportSummary(table, len(frame), replaced)


def _bounds(con: sqlite3.Connection, table: str, frame: gpd.GeoDataFrame) -> tuple:
    old = con.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE "
                      "table_name = ?", (table,)).fetchone()
    b = frame.total_bounds if len(frame) else [np.nan] * 4
    vals = []
    for j, pick in enumerate((min, min, max, max)):
        cand = [v for v in (old[j] if old else None, b[j]) if v is not None and
                not np.isnan(v)]
        vals.append(float(pick(cand)) if cand else None)
    return tuple(vals)


def _gpkg_read(store, table: str, where: str = "", params: tuple = ()) -> gpd.GeoDataFrame:
    from geo.store import gpkg_geometries

    _, cols, dtypes, _ = TABLES[table]
    con = store._connect()  # noqa: SLF001
    try:
        have = con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                           "name = ?", (table,)).fetchone()[0]
        if not have:
            return empty_events() if table == "reference_events" else empty_control()
        rows = con.execute("SELECT geom, " + ", ".join(f'"{c}"' for c in cols)
                           + f' FROM "{table}" {where} ORDER BY fid', params).fetchall()
    finally:
        con.close()
    return _frame(rows, cols, dtypes, gpkg_geometries([r[0] for r in rows]))


def _frame(rows: list, cols, dtypes, geoms) -> gpd.GeoDataFrame:
    data = pd.DataFrame([r[1:] for r in rows], columns=list(cols))
    data = data.astype({c: dtypes[c] for c in cols}) if len(data) else pd.DataFrame(
        {c: pd.Series(dtype=dtypes[c]) for c in cols})
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(np.asarray(geoms, dtype=object),
                                                         crs=CRS), crs=CRS)


# ---------------------------------------------------------------------------
# PostGIS

def _pg_type(dtype: str) -> str:
    return {"string": "text", "Float64": "double precision", "Int64": "bigint"}[dtype]


def _pg_indexes(con, table: str) -> None:
    con.execute(f'CREATE INDEX IF NOT EXISTS "{table}_geom_gist" ON "{table}" USING GIST '
                '(geom)')
    date_cols = "event_date, date_end" if table == "reference_events" else "side, date"
    con.execute(f'CREATE INDEX IF NOT EXISTS "{table}_date_idx" ON "{table}" ({date_cols})')


def _pg_ensure(con, table: str) -> None:
    key, cols, dtypes, gtype = TABLES[table]
    pg_geom = "Point" if gtype == "POINT" else "MultiPolygon"
    defs = ", ".join(f'"{c}" {_pg_type(dtypes[c])}' + (" NOT NULL UNIQUE" if c == key else "")
                     for c in cols)
    con.execute(f'CREATE TABLE IF NOT EXISTS "{table}" (fid bigserial PRIMARY KEY, '
                f'geom geometry({pg_geom}, 4326), {defs}, imported_at timestamptz)')
    for c in cols:
        con.execute(f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "{c}" '
                    f'{_pg_type(dtypes[c])}')
    _pg_indexes(con, table)


def _copy_csv(frame: pd.DataFrame, cols, ewkb: np.ndarray, stamp: str) -> bytes:
    r"""Return the rows as CSV for ``COPY ... (FORMAT csv)``, written by pyarrow (in C++).

    pyarrow writes a missing value as an empty unquoted field (PostgreSQL's CSV null) and
    quotes every string, so an empty string, ``\\N``, commas, quotes and line breaks in
    text all arrive as written.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    arrays = [pa.array(np.asarray(ewkb, dtype=object), type=pa.string())]
    for c in cols:
        s = frame[c]
        kind = {"Int64": pa.int64(), "Float64": pa.float64()}.get(str(s.dtype), pa.string())
        arrays.append(pa.array(s, type=kind, from_pandas=True))
    arrays.append(pa.array(np.full(len(frame), stamp, dtype=object), type=pa.string()))
    table = pa.Table.from_arrays(arrays, names=["geom", *cols, "imported_at"])
    buf = pa.BufferOutputStream()
    pacsv.write_csv(table, buf, pacsv.WriteOptions(include_header=False))
    return buf.getvalue().to_pybytes()


def _pg_write(store, table: str, frame: gpd.GeoDataFrame) -> ImportSummary:
    key, cols, _, _ = TABLES[table]
    geoms = np.asarray(frame.geometry.values, dtype=object)
    if table == "control_areas":
        geoms = _multi(geoms)
    ewkb = shapely.to_wkb(shapely.set_srid(geoms, 4326), hex=True, include_srid=True,
                          output_dimension=2)
    stamp = _now()
    ids = frame[key].astype(str).tolist()
    data = _copy_csv(frame, cols, ewkb, stamp)
    with store._connect() as con, con.transaction():  # noqa: SLF001
        con.execute("SELECT pg_advisory_xact_lock(%s)", (0x6E0_4EF,))
        _pg_ensure(con, table)
        before = con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        bulk = len(frame) >= max(BULK_ROWS, before)
        if bulk:  # one index build after the load instead of an update per row
            con.execute(f'DROP INDEX IF EXISTS "{table}_geom_gist"')
            con.execute(f'DROP INDEX IF EXISTS "{table}_date_idx"')
        replaced = con.execute(f'DELETE FROM "{table}" WHERE "{key}" = ANY(%s)',
                               (ids,)).rowcount if before else 0
        names = "(geom, " + ", ".join(f'"{c}"' for c in cols) + ", imported_at)"
        with con.cursor() as cur, cur.copy(
                f'COPY "{table}" {names} FROM STDIN (FORMAT csv)') as copy:
            step = 1 << 20
            for start in range(0, len(data), step):
                copy.write(data[start:start + step])
        if bulk:
            _pg_indexes(con, table)
    return ImportSummary(table, len(frame), replaced)


def _pg_read(store, table: str, where: str = "", params: tuple = ()) -> gpd.GeoDataFrame:
    _, cols, dtypes, _ = TABLES[table]
    with store._connect() as con:  # noqa: SLF001
        have = con.execute("SELECT to_regclass(%s)", (f'"{table}"',)).fetchone()[0]
        if have is None:
            return empty_events() if table == "reference_events" else empty_control()
        rows = con.execute("SELECT ST_AsBinary(geom), " + ", ".join(f'"{c}"' for c in cols)
                           + f' FROM "{table}" {where} ORDER BY fid', params).fetchall()
    geoms = shapely.from_wkb(np.array([bytes(r[0]) if r[0] is not None else None
                                       for r in rows], dtype=object))
    return _frame(rows, cols, dtypes, geoms)


# ---------------------------------------------------------------------------
# the interface

def add_events(store, events: gpd.GeoDataFrame) -> ImportSummary:
    """Store reference events (one transaction; same ``ref_id`` replaces)."""
    events = conform_events(events)
    if is_postgis(store):
        return _pg_write(store, "reference_events", events)
    return _gpkg_write(store, "reference_events", events)


def add_control(store, control: gpd.GeoDataFrame) -> ImportSummary:
    """Store control polygons (one transaction; same ``control_id`` replaces)."""
    if is_postgis(store):
        return _pg_write(store, "control_areas", control)
    return _gpkg_write(store, "control_areas", control)


def load_events(store) -> gpd.GeoDataFrame:
    """Return every stored reference event (empty frame when none were imported)."""
    read = _pg_read if is_postgis(store) else _gpkg_read
    return read(store, "reference_events")


def load_control(store) -> gpd.GeoDataFrame:
    """Return every stored control polygon (empty frame when none were imported)."""
    read = _pg_read if is_postgis(store) else _gpkg_read
    return read(store, "control_areas")


def reference_counts(store) -> dict[str, int]:
    """Return ``{"reference_events": n, "control_areas": m}`` for the store."""
    return {"reference_events": len(load_events(store)),
            "control_areas": len(load_control(store))}


def reference_version(store) -> tuple:
    """Return a cheap key that changes whenever a reference table changes."""
    out = []
    for table in TABLES:
        try:
            if is_postgis(store):
                with store._connect() as con:  # noqa: SLF001
                    if con.execute("SELECT to_regclass(%s)", (table,)).fetchone()[0] is None:
                        out.append((0, None))
                        continue
                    row = con.execute(f'SELECT count(*), max(imported_at)::text FROM "{table}"'
                                      ).fetchone()
            else:
                con = store._connect()  # noqa: SLF001
                try:
                    have = con.execute("SELECT count(*) FROM sqlite_master WHERE name = ?",
                                       (table,)).fetchone()[0]
                    row = con.execute(f'SELECT count(*), max(imported_at) FROM "{table}"'
                                      ).fetchone() if have else (0, None)
                finally:
                    con.close()
        except Exception:  # noqa: BLE001 - a version key must never break a read
            row = (-1, None)
        out.append(tuple(row))
    return tuple(out)


def load_regions(path: str | None = None) -> gpd.GeoDataFrame | None:
    """Return admin-1 polygons (``country_code``, ``admin1``) for assessed areas, or None."""
    from pathlib import Path

    from geo import settings

    path = path or settings.get("boundaries")
    if not Path(path).exists():
        return None
    frame = gpd.read_parquet(path, columns=["name", "iso_a2", "geometry"])
    return gpd.GeoDataFrame({"country_code": frame["iso_a2"], "admin1": frame["name"]},
                            geometry=frame.geometry, crs=CRS)


def corroborated(store, claims: gpd.GeoDataFrame, *, regions: gpd.GeoDataFrame | None = None,
                 events: gpd.GeoDataFrame | None = None,
                 control: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Return ``claims`` with their corroboration columns, from the store's reference layers.

    Claims are returned as they are when the store holds no reference layer.
    """
    from geo.reference.corroborate import corroborate

    events = load_events(store) if events is None else events
    control = load_control(store) if control is None else control
    if not len(events) and not len(control):
        return claims
    if len(control) and regions is None:
        regions = load_regions()
    return corroborate(claims, events, control, regions=regions)


def corroborated_chunks(store, chunks, flt=None):
    """Yield chunks of claims with their corroboration (reference layers loaded once).

    Parameters
    ----------
    store : geo.store.Store
        Where the reference layers are.
    chunks : iterable of geopandas.GeoDataFrame
        Claims, e.g. from ``store.iter_claims(flt)``.
    flt : geo.filters.ClaimFilter, optional
        Applied again after corroboration (its ``unsupported`` part needs it).

    Yields
    ------
    geopandas.GeoDataFrame
        Non-empty chunks.
    """
    from geo.filters import apply_filter

    events, control = load_events(store), load_control(store)
    regions = load_regions() if len(control) else None
    for chunk in chunks:
        out = corroborated(store, chunk, regions=regions, events=events, control=control)
        if flt is not None and flt.unsupported:
            out = apply_filter(out, flt)
        if len(out):
            yield out
