"""Reading a GeoPackage store: filtered claims (R-tree for a box), articles, statistics."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence

import geopandas as gpd
import pandas as pd
import pyogrio
import pyogrio.errors

from geo.filters import ClaimFilter
from geo.store.base import CLAIM_TABLE_COLUMNS, STORE_ARTICLE_COLUMNS, StoreError
from geo.store.batch import chunks
from geo.store.gpkg.binary import gpkg_geometries
from geo.store.query import (
    articles_frame,
    claims_from_arrow,
    claims_from_rows,
    sql_prefilter,
    stats_from,
)
from geo.store.rtree import bbox_clause, boxes_clause


class GpkgReader:
    """Queries of a GeoPackage store (see :class:`geo.store.base.Store`).

    Mixed into :class:`geo.store.gpkg.GeoPackageStore` (``path``, ``target``,
    ``_connect``).
    """

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
        if self._few(where, where_params):  # no GDAL open: a few rows come faster this way
            return self._claims_sqlite(where, where_params, flt)
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

    #: Up to this many matching rows, claims are read with ``sqlite3`` (row by row, no
    #: GDAL data source to open); more go through GDAL's columnar reader.
    SMALL_READ = 10_000

    def _few(self, where: str, params: list) -> bool:
        """Tell whether at most :data:`SMALL_READ` rows match ``where``."""
        if self.SMALL_READ <= 0:
            return False
        ph = "?"
        sql = f"SELECT count(*) FROM (SELECT 1 FROM claims{where} LIMIT {ph})"
        return self._rows(sql, [*params, self.SMALL_READ + 1])[0][0] <= self.SMALL_READ

    def _claims_sqlite(self, where: str, params: list, flt: ClaimFilter | None
                       ) -> gpd.GeoDataFrame:
        """Read the claims matching ``where`` with ``sqlite3`` (one statement)."""
        cols = ", ".join(f'"{c}"' for c in CLAIM_TABLE_COLUMNS)
        rows = self._rows(f"SELECT geom, {cols} FROM claims{where} ORDER BY fid", params)
        return claims_from_rows(rows, gpkg_geometries, flt)

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
