"""Making, checking and migrating a GeoPackage claims store (tables, indexes, R-tree)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from geo.schema import ARTICLE_OPTIONAL, CLAIM_DTYPES
from geo.store.backfill import DERIVED_COLUMNS
from geo.store.base import CLAIM_TABLE_COLUMNS, SCHEMA_VERSION, StoreError
from geo.store.cells import SQLITE_DDL as CELLS_DDL
from geo.store.cells import SQLITE_FILL as CELLS_FILL
from geo.store.cells import TABLE as CELLS_TABLE
from geo.store.cells import TRIGGERS as CELLS_TRIGGERS
from geo.store.rtree import EXTENSION_DDL as RTREE_DDL
from geo.store.rtree import TRIGGERS, create_index, has_index

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
    '"title" TEXT, "source" TEXT, "url" TEXT, "author" TEXT, "text_sha256" TEXT NOT NULL, '
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
    "CREATE INDEX claims_country_code_idx ON claims (country_code, claim_date)",
    "CREATE INDEX claims_article_id_idx ON claims (article_id)",
    "CREATE INDEX claims_extractor_version_idx ON claims (extractor_version)",
]

#: Indexes of older stores dropped on open. The date and type indexes are the first
#: columns of ``claims_grid_idx`` and ``claims_type_box_idx``; the single-coordinate ones
#: made SQLite's planner scan a strip of longitude instead of the R-tree (a box is read
#: through the R-tree, or tested on the coordinates of a date or type index).
_GPKG_DROPPED_INDEXES = ("claims_claim_type_idx", "claims_claim_date_idx",
                         "claims_latitude_idx", "claims_longitude_idx")

#: Indexes added since the first stores (created on open when missing): the country
#: filter compares ``upper(country_code)``; the map's counts per grid cell read
#: ``claims_grid_idx`` alone (a covering index: a narrow scan, not the wide table).
#: ``claims_type_box_idx`` replaces ``claims_claim_type_idx`` (its first two columns):
#: a filter on types and dates tests a box on the index's coordinates, so only the
#: claims in the box are read from the table (at a million claims, two types over a
#: quarter in the Donbas box: 38,000 rows read before, 4,000 after).
_GPKG_LATER_INDEXES = {
    "claims_type_box_idx": "CREATE INDEX claims_type_box_idx ON claims "
                           "(claim_type, claim_date, longitude, latitude)",
    "claims_country_upper_idx": "CREATE INDEX claims_country_upper_idx ON claims "
                                "(upper(country_code), claim_date)",
    "claims_grid_idx": "CREATE INDEX claims_grid_idx ON claims "
                       "(claim_date, claim_type, longitude, latitude)",
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


class GpkgSchema:
    """Opening a GeoPackage store: create it, check it is one, migrate older files.

    Mixed into :class:`geo.store.gpkg.GeoPackageStore` (``path``, ``_connect``,
    ``_backfill``).
    """

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
                                 *TRIGGERS, *CELLS_DDL):
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
        self._add_article_columns(con)
        cols = {r[1] for r in con.execute("PRAGMA table_info(claims)")}
        if any(c not in cols for c in CLAIM_TABLE_COLUMNS):
            self._add_columns(con)

    @staticmethod
    def _add_article_columns(con: sqlite3.Connection) -> None:
        """Migrate an older store's articles table: add the optional fields it lacks."""
        def lacking() -> list[str]:
            cols = {r[1] for r in con.execute("PRAGMA table_info(articles)")}
            return [c for c in ARTICLE_OPTIONAL if c not in cols]

        if not lacking():
            return
        con.execute("BEGIN IMMEDIATE")
        try:
            for c in lacking():  # empty for the stored articles; nothing else changes
                con.execute(f'ALTER TABLE articles ADD COLUMN "{c}" TEXT')
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

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

        def dropped() -> list[str]:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE "
                                               "type = 'index'")}
            return [n for n in _GPKG_DROPPED_INDEXES if n in names]

        def cells_missing() -> bool:  # the table or one of its triggers
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            return not {CELLS_TABLE, *CELLS_TRIGGERS} <= names

        if has_index(con) and not missing() and not dropped() and not cells_missing():
            return
        con.execute("BEGIN IMMEDIATE")
        try:
            for name in missing():
                con.execute(_GPKG_LATER_INDEXES[name])
            for name in dropped():
                con.execute(f'DROP INDEX "{name}"')
            if cells_missing():  # the counts per map cell, kept from now on
                for name in CELLS_TRIGGERS:
                    con.execute(f'DROP TRIGGER IF EXISTS "{name}"')
                con.execute(f'DROP TABLE IF EXISTS "{CELLS_TABLE}"')
                for stmt in CELLS_DDL:
                    con.execute(stmt)
                con.execute(CELLS_FILL)
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
