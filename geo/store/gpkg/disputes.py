"""Disputes and claimant identities recomputed inside a GeoPackage store's transaction."""

from __future__ import annotations

import sqlite3

import pandas as pd

from geo.disputes import STORED_COLUMNS
from geo.disputes.stored import StoredClaims, recompute_disputes
from geo.store.backfill import IDENTITY_SOURCE_COLUMNS, RELEVANT_SQL, identity_updates
from geo.store.batch import chunks


class GpkgDisputes:
    """Claimant identities and disputes of the stored claims, recomputed in SQLite.

    Mixed into :class:`geo.store.gpkg.GeoPackageStore`.
    """

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
        GpkgDisputes._recompute_disputes(con, None)

    @staticmethod
    def _recompute_disputes(con: sqlite3.Connection, window: tuple[str, str] | None,
                            batch: pd.DataFrame | None = None,
                            removed: pd.DataFrame | None = None) -> pd.DataFrame | None:
        """Recompute disputes of stored claims in ``window`` (all if None) plus ``batch``.

        See :func:`geo.disputes.stored.recompute_disputes`; this gives it SQLite's reads
        and writes.
        """
        def read(columns, window) -> pd.DataFrame:
            names = ", ".join(f'"{c}"' for c in columns)
            sql = f"SELECT {names} FROM claims WHERE claim_type IN ({RELEVANT_SQL})"
            params: list = []
            if window is not None:
                sql += " AND claim_date BETWEEN ? AND ?"
                params = list(window)
            return pd.DataFrame(con.execute(sql, params).fetchall(), columns=list(columns))

        def fetch(column: str, values: list) -> pd.DataFrame:
            cols = ", ".join(f'"{c}"' for c in STORED_COLUMNS)
            rows = []
            for chunk in chunks(values):
                rows += con.execute(f'SELECT {cols} FROM claims WHERE "{column}" IS NOT NULL '
                                    f"AND \"{column}\" IN ({','.join('?' * len(chunk))})",
                                    list(chunk)).fetchall()
            return pd.DataFrame(rows, columns=list(STORED_COLUMNS))

        def write(rows: list[list]) -> None:
            con.executemany("UPDATE claims SET contest_id = ?, support_count = ? WHERE fid = ?",
                            rows)

        return recompute_disputes(StoredClaims(read, fetch, write), window, batch, removed)
