"""Writing to a GeoPackage store: one ingest batch is one SQLite transaction."""

from __future__ import annotations

import sqlite3

import geopandas as gpd
import pandas as pd

from geo.disputes.stored import with_batch_disputes
from geo.schema import CLAIM_COLUMNS
from geo.store.backfill import REMOVED_SELECT, removed_frame
from geo.store.base import STORE_ARTICLE_COLUMNS, IngestSummary, StoreError
from geo.store.batch import chunks, claim_records, classify, now_iso, prepare_batch, rows_of
from geo.store.gpkg.binary import gpkg_blobs
from geo.store.gpkg.schema import _disk_full
from geo.store.rtree import bulk_insert


class GpkgWriter:
    """Ingest into a GeoPackage store (see :meth:`geo.store.base.Store.ingest`).

    Mixed into :class:`geo.store.gpkg.GeoPackageStore` (``path``, ``_connect``,
    ``_hashes``, ``_recompute_disputes``).
    """

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
                cl = with_batch_disputes(
                    cl, removed, lambda *a: self._recompute_disputes(con, *a))
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
