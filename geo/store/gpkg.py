"""GeoPackage back end of the claims store: one file that GDAL, QGIS and pyogrio open.

GeoPackage layout
-----------------
The file is a plain OGC GeoPackage 1.3 (``application_id`` ``GPKG``) that GDAL, QGIS
and pyogrio open directly:

``claims`` (features, ``geom`` in EPSG:4326)
    every column of :data:`geo.schema.CLAIM_COLUMNS`, plus ``claim_date`` (the
    effective date: ``event_date``, else ``published`` -- handy for QGIS' temporal
    controller) and ``ingested_at``. Indexed on ``claim_date``, ``claim_type``,
    ``country_code``, ``article_id``, ``latitude``, ``longitude``,
    ``extractor_version``.
``articles`` (attributes)
    ``id, published, text, title, source, url, text_sha256, extractor_version,
    n_claims, ingested_at``.
``store_meta`` (attributes)
    key/value pairs (``schema_version``).

Geometries are written with Python's ``sqlite3`` as GeoPackage binary (header +
ISO WKB), so articles and claims change in one SQLite transaction.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import shapely

from geo.disputes import PLACE_COLUMNS, STORED_COLUMNS, batch_window, dispute_changes
from geo.filters import ClaimFilter
from geo.schema import CLAIM_COLUMNS, CLAIM_DTYPES
from geo.store.backfill import (
    DERIVED_COLUMNS,
    IDENTITY_SOURCE_COLUMNS,
    RELEVANT_SQL,
    REMOVED_SELECT,
    change_rows,
    dispute_updates,
    identity_updates,
    removed_frame,
)
from geo.store.base import (
    CLAIM_TABLE_COLUMNS,
    SCHEMA_VERSION,
    STORE_ARTICLE_COLUMNS,
    IngestSummary,
    Store,
    StoreError,
)
from geo.store.batch import chunks, claim_records, classify, now_iso, prepare_batch, rows_of
from geo.store.query import articles_frame, claims_from_arrow, sql_prefilter, stats_from
from geo.store.rtree import EXTENSION_DDL as RTREE_DDL
from geo.store.rtree import (
    TRIGGERS,
    bbox_clause,
    boxes_clause,
    bulk_insert,
    create_index,
    has_index,
    register_functions,
)

# ---------------------------------------------------------------------------
# GeoPackage binary geometry


_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def gpkg_blobs(geoms: np.ndarray, srs_id: int = 4326) -> list[bytes | None]:
    """Encode shapely geometries as GeoPackage binary blobs (header + ISO WKB).

    Parameters
    ----------
    geoms : numpy.ndarray
        Shapely geometries (None allowed).
    srs_id : int, optional
        ``gpkg_spatial_ref_sys`` id.

    Returns
    -------
    list of bytes or None
        One blob per geometry (None for a missing geometry).
    """
    geoms = np.asarray(geoms, dtype=object)
    wkb = shapely.to_wkb(geoms, byte_order=1, flavor="iso", output_dimension=2)
    bounds = shapely.bounds(geoms)
    empty = shapely.is_empty(geoms)
    srs = struct.pack("<i", srs_id)
    out: list[bytes | None] = []
    for w, b, e in zip(wkb, bounds, empty, strict=True):
        if w is None:
            out.append(None)
        elif e:
            out.append(b"GP\x00\x11" + srs + w)
        else:
            out.append(b"GP\x00\x03" + srs + struct.pack("<4d", b[0], b[2], b[1], b[3]) + w)
    return out


def gpkg_geometries(blobs: Sequence[bytes | None]) -> np.ndarray:
    """Decode GeoPackage binary blobs into shapely geometries.

    Parameters
    ----------
    blobs : sequence of bytes or None
        GeoPackage geometry blobs.

    Returns
    -------
    numpy.ndarray
        Shapely geometries (None where the blob is None).
    """
    wkb = []
    for b in blobs:
        if b is None:
            wkb.append(None)
            continue
        if b[:2] != b"GP":
            raise StoreError("not a GeoPackage geometry blob")
        wkb.append(b[8 + _ENVELOPE_BYTES[(b[3] >> 1) & 7]:])
    return shapely.from_wkb(np.array(wkb, dtype=object))


# ---------------------------------------------------------------------------
# GeoPackage back end

_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)
_GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
_GPKG_USER_VERSION = 10300


def _sql_type(col: str) -> str:
    if col in ("published", "event_date", "claim_date"):
        return "DATE"
    if col == "ingested_at":
        return "DATETIME"
    return {"string": "TEXT", "Float64": "REAL", "Int64": "INTEGER"}[CLAIM_DTYPES.get(col,
                                                                                       "string")]


_GPKG_DDL = [
    """CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL
       PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
       definition TEXT NOT NULL, description TEXT)""",
    """CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT
       NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT
       NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE,
       max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY
       (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))""",
    """CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT
       NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
       m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
       CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY
       (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY
       (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))""",
    "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, "
    "'undefined', 'undefined cartesian coordinate reference system')",
    "INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, "
    "'undefined', 'undefined geographic coordinate reference system')",
    f"INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, "
    f"'{_WGS84_WKT}', 'longitude/latitude coordinates in decimal degrees on the WGS 84 "
    "spheroid')",
    "CREATE TABLE claims (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom GEOMETRY, "
    + ", ".join(f'"{c}" {_sql_type(c)}' for c in CLAIM_TABLE_COLUMNS) + ")",
    "CREATE TABLE articles (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
    '"id" TEXT NOT NULL UNIQUE, "published" DATE NOT NULL, "text" TEXT NOT NULL, '
    '"title" TEXT, "source" TEXT, "url" TEXT, "text_sha256" TEXT NOT NULL, '
    '"extractor_version" TEXT, "n_claims" INTEGER, "ingested_at" DATETIME)',
    "CREATE TABLE store_meta (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
    '"key" TEXT NOT NULL UNIQUE, "value" TEXT)',
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
    "VALUES ('claims', 'features', 'claims', 'Claims extracted from news articles', 4326)",
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
    "VALUES ('articles', 'attributes', 'articles', 'Ingested articles')",
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
    "VALUES ('store_meta', 'attributes', 'store_meta', 'Claims store metadata')",
    "INSERT INTO gpkg_geometry_columns VALUES ('claims', 'geom', 'GEOMETRY', 4326, 0, 0)",
    f"INSERT INTO store_meta (key, value) VALUES ('schema_version', '{SCHEMA_VERSION}')",
    "CREATE INDEX claims_claim_date_idx ON claims (claim_date)",
    "CREATE INDEX claims_claim_type_idx ON claims (claim_type, claim_date)",
    "CREATE INDEX claims_country_code_idx ON claims (country_code, claim_date)",
    "CREATE INDEX claims_article_id_idx ON claims (article_id)",
    "CREATE INDEX claims_latitude_idx ON claims (latitude)",
    "CREATE INDEX claims_longitude_idx ON claims (longitude)",
    "CREATE INDEX claims_extractor_version_idx ON claims (extractor_version)",
]

#: Indexes added since the first stores (created on open when missing): the country
#: filter compares ``upper(country_code)``.
_GPKG_LATER_INDEXES = {
    "claims_country_upper_idx": "CREATE INDEX claims_country_upper_idx ON claims "
                                "(upper(country_code), claim_date)",
    # the members of a dispute, read on ingest (geo.disputes.incremental); few claims have one
    "claims_contest_id_idx": "CREATE INDEX claims_contest_id_idx ON claims (contest_id) "
                             "WHERE contest_id IS NOT NULL",
}



def _disk_full(exc: sqlite3.Error, folder: Path | None = None) -> bool:
    """Whether a SQLite error means the disk is full (SQLITE_FULL, or I/O on a full disk)."""
    if "disk is full" in str(exc):
        return True
    if folder is not None and "disk I/O error" in str(exc):
        try:
            st = os.statvfs(folder)
        except OSError:  # pragma: no cover
            return False
        return st.f_bavail * st.f_frsize < 64 * 1024
    return False


class GeoPackageStore(Store):
    """Claims store in a GeoPackage file (SQLite, WAL mode).

    Parameters
    ----------
    path : str or pathlib.Path
        The ``.gpkg`` file; created (with its folder) if missing.
    timeout : float, optional
        Seconds to wait for another writer's lock.
    create : bool, optional
        Create the file if it does not exist (default); if False a missing file raises
        :class:`StoreError`.
    """

    def __init__(self, path: str | Path, timeout: float = 60.0, create: bool = True) -> None:
        self.path = Path(path)
        self.target = str(self.path)
        self.timeout = timeout
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a GeoPackage file")
        if not create and not self.path.exists():
            raise StoreError(f"{self.path}: no claims store here yet (run `geo ingest` "
                             "first, or pass --store)")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._create_or_check()

    # -- connection -------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        con.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
        register_functions(con)  # the R-tree triggers call ST_MinX() and friends
        return con

    def _create_or_check(self) -> None:
        created = not self.path.exists()
        fresh = created or self.path.stat().st_size == 0
        try:
            self._create_or_check_file(fresh)
        except StoreError:
            if created:  # a store that could not be made is not left half made
                for p in (self.path, *(Path(f"{self.path}{s}") for s in ("-wal", "-shm",
                                                                          "-journal"))):
                    p.unlink(missing_ok=True)
            raise

    def _create_or_check_file(self, fresh: bool) -> None:
        con = self._connect()
        try:
            if fresh:
                con.execute("BEGIN EXCLUSIVE")
                exists = con.execute("SELECT count(*) FROM sqlite_master WHERE "
                                     "name = 'claims'").fetchone()[0]
                if not exists:
                    con.execute(f"PRAGMA application_id = {_GPKG_APPLICATION_ID}")
                    con.execute(f"PRAGMA user_version = {_GPKG_USER_VERSION}")
                    for stmt in (*_GPKG_DDL, *_GPKG_LATER_INDEXES.values(), *RTREE_DDL,
                                 *TRIGGERS):
                        con.execute(stmt)
                con.execute("COMMIT")
                con.execute("PRAGMA journal_mode = WAL")
            self._check(con)
            self._upgrade(con)
        except sqlite3.DatabaseError as exc:
            if _disk_full(exc, self.path.parent):
                raise StoreError(f"{self.path}: cannot open the store: no space left on "
                                 f"device (disk full) ({exc})") from None
            raise StoreError(f"{self.path}: not a usable GeoPackage claims store ({exc})") \
                from None
        finally:
            con.close()

    def _check(self, con: sqlite3.Connection) -> None:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        if app_id != _GPKG_APPLICATION_ID:
            raise StoreError(f"{self.path}: not a GeoPackage (application_id {app_id:#x})")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE "
                                            "type = 'table'")}
        missing = {"claims", "articles", "store_meta"} - tables
        if missing:
            raise StoreError(f"{self.path}: a GeoPackage but not a claims store (no table "
                             f"{', '.join(sorted(missing))})")
        self._migrate(con)
        cols = {r[1] for r in con.execute("PRAGMA table_info(claims)")}
        if any(c not in cols for c in CLAIM_TABLE_COLUMNS):
            self._add_columns(con)

    @staticmethod
    def _add_columns(con: sqlite3.Connection) -> None:
        """Migrate a store from an older schema: add the claim columns it lacks (empty)."""
        con.execute("BEGIN IMMEDIATE")
        try:
            cols = {r[1] for r in con.execute("PRAGMA table_info(claims)")}
            for c in CLAIM_TABLE_COLUMNS:
                if c not in cols:
                    con.execute(f'ALTER TABLE claims ADD COLUMN "{c}" {_sql_type(c)}')
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _upgrade(self, con: sqlite3.Connection) -> None:
        """Give a store made by an older version its R-tree and newer indexes."""
        def missing() -> list[str]:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE "
                                               "type = 'index'")}
            return [n for n in _GPKG_LATER_INDEXES if n not in names]

        if has_index(con) and not missing():
            return
        con.execute("BEGIN IMMEDIATE")
        try:
            for name in missing():
                con.execute(_GPKG_LATER_INDEXES[name])
            if not has_index(con):
                create_index(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _migrate(self, con: sqlite3.Connection) -> None:
        """Add schema columns an older store lacks, and fill the derived ones."""
        cols = {r[1] for r in con.execute("PRAGMA table_info(claims)")}
        lacking = [c for c in CLAIM_TABLE_COLUMNS if c not in cols]
        if not lacking or not cols:
            return
        con.execute("BEGIN IMMEDIATE")
        try:
            cols = {r[1] for r in con.execute("PRAGMA table_info(claims)")}
            lacking = [c for c in CLAIM_TABLE_COLUMNS if c not in cols]
            for c in lacking:
                con.execute(f'ALTER TABLE claims ADD COLUMN "{c}" {_sql_type(c)}')
            if any(c in DERIVED_COLUMNS for c in lacking):
                self._backfill(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    @staticmethod
    def _backfill(con: sqlite3.Connection) -> None:
        """Resolve stored claimants and recompute disputes (inside the caller's transaction)."""
        src = ", ".join(f'"{c}"' for c in IDENTITY_SOURCE_COLUMNS)
        rows = pd.DataFrame(con.execute(f"SELECT {src} FROM claims WHERE claimant IS NOT NULL"
                                        ).fetchall(), columns=list(IDENTITY_SOURCE_COLUMNS))
        texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
        con.executemany("UPDATE claims SET claimant_id = ?, claimant_name = ?, "
                        "claimant_side = ?, claimant_kind = ? WHERE fid = ?",
                        identity_updates(rows, texts))
        GeoPackageStore._recompute_disputes(con, None)

    @staticmethod
    def _recompute_disputes(con: sqlite3.Connection, window: tuple[str, str] | None,
                            batch: pd.DataFrame | None = None,
                            removed: pd.DataFrame | None = None) -> pd.DataFrame | None:
        """Recompute disputes of stored claims in ``window`` (all if None) plus ``batch``.

        Updates the stored rows that change; returns the batch's values (or None).
        ``removed``: the stored claims the batch replaces (only what the batch can change is
        recomputed, :mod:`geo.disputes.incremental`).
        """
        cols = ", ".join(f'"{c}"' for c in STORED_COLUMNS)
        read = STORED_COLUMNS if batch is None else PLACE_COLUMNS
        names = ", ".join(f'"{c}"' for c in read)
        sql = f"SELECT {names} FROM claims WHERE claim_type IN ({RELEVANT_SQL})"
        params: list = []
        if window is not None:
            sql += " AND claim_date BETWEEN ? AND ?"
            params = list(window)
        stored = pd.DataFrame(con.execute(sql, params).fetchall(), columns=list(read))
        if batch is None:
            con.executemany("UPDATE claims SET contest_id = ?, support_count = ? WHERE fid = ?",
                            dispute_updates(stored))
            return None

        def fetch(column: str, values: list) -> pd.DataFrame:
            rows = []
            for chunk in chunks(values):
                rows += con.execute(f'SELECT {cols} FROM claims WHERE "{column}" IS NOT NULL '
                                    f"AND \"{column}\" IN ({','.join('?' * len(chunk))})",
                                    list(chunk)).fetchall()
            return pd.DataFrame(rows, columns=list(STORED_COLUMNS))

        new, changed = dispute_changes(stored, batch, removed=removed, fetch=fetch)
        con.executemany("UPDATE claims SET contest_id = ?, support_count = ? WHERE fid = ?",
                        change_rows(changed))
        return new

    # -- writing ----------------------------------------------------------
    def ingest(self, articles: pd.DataFrame, claims: gpd.GeoDataFrame | None, *,
               extractor_version: str | None = None, refresh: bool = False) -> IngestSummary:
        """Store articles and their claims in one transaction (see :meth:`Store.ingest`)."""
        batch = prepare_batch(articles, claims, extractor_version)
        summary = IngestSummary()
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            try:
                existing = self._hashes(con, batch.articles["id"].tolist())
                new, replace = classify(batch, existing, refresh, summary)
                stamp = now_iso()
                gone: list = []  # the claims replaced, for the disputes
                for chunk in chunks(replace):
                    marks = ",".join("?" * len(chunk))
                    gone += con.execute(f"SELECT {REMOVED_SELECT} FROM claims "
                                        f"WHERE article_id IN ({marks})", list(chunk)).fetchall()
                    cur = con.execute(f"DELETE FROM claims WHERE article_id IN ({marks})",
                                      list(chunk))
                    summary.claims_deleted += cur.rowcount
                    con.execute(f"DELETE FROM articles WHERE id IN ({marks})", list(chunk))
                arts, cl = rows_of(batch, new + replace)
                removed = removed_frame(gone)
                window = batch_window(pd.concat([cl["claim_date"].astype("string"),
                                                 removed["claim_date"].astype("string")]))
                if window is not None:
                    found = self._recompute_disputes(con, window, cl, removed)
                    cl = cl.assign(contest_id=found["contest_id"],
                                   support_count=found["support_count"])
                art_cols = STORE_ARTICLE_COLUMNS[:-1]
                con.executemany(
                    "INSERT INTO articles (" + ", ".join(f'"{c}"' for c in STORE_ARTICLE_COLUMNS)
                    + ") VALUES (" + ",".join("?" * len(STORE_ARTICLE_COLUMNS)) + ")",
                    [r + [stamp] for r in claim_records(arts, art_cols)])
                if len(cl):
                    blobs = gpkg_blobs(cl.geometry.values)
                    cols = CLAIM_COLUMNS + ("claim_date",)
                    rows = claim_records(cl, cols)
                    bulk_insert(
                        con, "INSERT INTO claims (geom, " + ", ".join(f'"{c}"' for c in cols)
                        + ', "ingested_at") VALUES (' + ",".join("?" * (len(cols) + 2)) + ")",
                        [[b, *r, stamp] for b, r in zip(blobs, rows, strict=True)],
                        cl.geometry.values)
                summary.claims_written = len(cl)
                if new or replace:
                    self._update_extent(con)
                con.execute("COMMIT")
            except BaseException as exc:
                if con.in_transaction:  # SQLite already rolled back on a full disk
                    con.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError) and _disk_full(exc):
                    raise StoreError(f"{self.path}: cannot store: no space left on device "
                                     f"(disk full); nothing was stored, the store is as "
                                     f"before ({exc})") from None
                raise
        finally:
            con.close()
        return summary

    @staticmethod
    def _update_extent(con: sqlite3.Connection) -> None:
        ext = con.execute("SELECT min(longitude), min(latitude), max(longitude), "
                          "max(latitude) FROM claims").fetchone()
        con.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ',"
                    "'now'), min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = "
                    "'claims'", ext)
        con.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ',"
                    "'now') WHERE table_name = 'articles'")

    # -- reading ----------------------------------------------------------
    @staticmethod
    def _hashes(con: sqlite3.Connection, ids: Sequence[str] | None
                ) -> dict[str, tuple[str, str]]:
        if ids is None:
            rows = con.execute("SELECT id, text_sha256, extractor_version FROM articles")
            return {r[0]: (r[1], r[2]) for r in rows}
        out = {}
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for r in con.execute("SELECT id, text_sha256, extractor_version FROM articles "
                                 f"WHERE id IN ({marks})", list(chunk)):
                out[r[0]] = (r[1], r[2])
        return out

    def article_hashes(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
        """Return ``id -> (text_sha256, extractor_version)`` of stored articles."""
        con = self._connect()
        try:
            return self._hashes(con, None if ids is None else list(ids))
        finally:
            con.close()

    dialect = "sqlite"

    @staticmethod
    def _filter_sql(flt: ClaimFilter | None) -> tuple[str, list]:
        """Return the filter's ``WHERE`` clause; a box also goes through the R-tree."""
        where, params = sql_prefilter(flt, "sqlite")
        if flt is not None and flt.bbox is not None:
            clause, more = bbox_clause(flt.bbox)
            where, params = where + " AND " + clause, params + more
        return where, params

    def _boxes_sql(self, boxes: list[tuple[float, float, float, float]]
                   ) -> tuple[str, list] | None:
        return boxes_clause(boxes)

    def _rows(self, sql: str, params: list) -> list[tuple]:
        con = self._connect()
        try:
            return con.execute(sql, params).fetchall()
        finally:
            con.close()

    def claims(self, flt: ClaimFilter | None = None) -> gpd.GeoDataFrame:
        """Return the stored claims passing ``flt`` (see :meth:`Store.claims`).

        The indexable part of the filter runs in SQLite (through GDAL's columnar
        reader, one statement, hence one consistent snapshot; a box through the R-tree);
        the rest is :func:`geo.filters.apply_filter` on that subset.
        """
        return self._claims_where(flt, "", [])

    def _claims_where(self, flt: ClaimFilter | None, clause: str, params: list
                      ) -> gpd.GeoDataFrame:
        where, where_params = self._filter_sql(flt)
        if clause:
            where = (where + " AND " if where else " WHERE ") + clause
            where_params = where_params + list(params)
        sql_where = _inline(where, where_params)
        last: Exception | None = None
        for attempt in range(20):
            try:
                meta, table = pyogrio.read_arrow(self.path, layer="claims",
                                                 where=sql_where or None, return_fids=True)
                break
            except pyogrio.errors.DataSourceError as exc:  # locked during a checkpoint
                last = exc
                time.sleep(0.05 * (attempt + 1))
        else:
            raise StoreError(f"{self.path}: cannot read claims ({last})")
        return claims_from_arrow(table, meta["geometry_name"] or "geom", flt)

    def articles(self, ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Return stored articles (all, or those of ``ids``) with the store's columns."""
        cols = ", ".join(f'"{c}"' for c in STORE_ARTICLE_COLUMNS)
        con = self._connect()
        try:
            if ids is None:
                rows = con.execute(f"SELECT {cols} FROM articles ORDER BY fid").fetchall()
            else:
                rows = []
                for chunk in chunks(list(ids)):
                    marks = ",".join("?" * len(chunk))
                    rows += con.execute(f"SELECT {cols} FROM articles WHERE id IN ({marks}) "
                                        "ORDER BY fid", list(chunk)).fetchall()
        finally:
            con.close()
        return articles_frame(rows)

    def stats(self) -> dict:
        """Return counts: articles, claims, by type, by country, date range, versions."""
        con = self._connect()
        try:
            con.execute("BEGIN")  # one snapshot for every count
            out = stats_from(lambda sql: con.execute(sql).fetchall())
            con.execute("COMMIT")
        finally:
            con.close()
        out["store"] = self.target
        out["backend"] = "geopackage"
        return out



def _inline(where: str, params: list) -> str:
    """Inline ``?`` parameters as SQL literals (GDAL's attribute filter takes no binds)."""
    if not where:
        return ""
    parts = where.removeprefix(" WHERE ").split("?")
    out = [parts[0]]
    for value, part in zip(params, parts[1:], strict=True):
        if isinstance(value, str):
            out.append("'" + value.replace("'", "''") + "'")
        else:
            out.append(repr(float(value)))
        out.append(part)
    return "".join(out)

