"""PostGIS back end of the claims store, for teams that share one database.

Opened by :func:`geo.store.open_store` for a ``postgresql://`` URL (any libpq URL,
e.g. ``postgresql://analyst@db.example.org:5432/claims``). The first use creates the
``postgis`` extension (if the role may; otherwise ask the DBA to run
``CREATE EXTENSION postgis``) and the tables:

``articles``
    ``id`` (primary key), ``published`` (date), ``text``, ``title``, ``source``, ``url``,
    ``author``, ``text_sha256``, ``extractor_version``, ``n_claims``, ``ingested_at``
    (timestamptz).
``claims``
    ``fid`` (bigserial), ``geom geometry(Geometry, 4326)`` (GiST index), every column of
    :data:`geo.schema.CLAIM_COLUMNS` (dates as ``date``), ``claim_date``, ``ingested_at``.
``store_meta``
    key/value pairs.

An ingest is one transaction, serialised against other ingests with a transaction
advisory lock; readers see the last committed state (MVCC).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

import geopandas as gpd
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import shapely

from geo.disputes import STORED_COLUMNS
from geo.disputes.stored import StoredClaims, recompute_disputes, with_batch_disputes
from geo.filters import ClaimFilter
from geo.schema import ARTICLE_OPTIONAL, CLAIM_COLUMNS, CLAIM_DTYPES
from geo.store.backfill import (
    DERIVED_COLUMNS,
    IDENTITY_SOURCE_COLUMNS,
    RELEVANT_SQL,
    REMOVED_COLUMNS,
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
    redact,
)
from geo.store.batch import claim_records, classify, now_iso, prepare_batch, rows_of
from geo.store.cells import POSTGRES_DDL as CELLS_DDL
from geo.store.cells import POSTGRES_FILL as CELLS_FILL
from geo.store.cells import TABLE as CELLS_TABLE
from geo.store.query import articles_frame, claims_from_arrow, sql_prefilter, stats_from

#: Key of the advisory lock that serialises ingests (arbitrary constant).
_INGEST_LOCK = 7_414_243_001


def _pg_type(col: str) -> str:
    if col in ("published", "event_date", "claim_date"):
        return "date"
    if col == "ingested_at":
        return "timestamptz"
    return {"string": "text", "Float64": "double precision", "Int64": "integer"}[
        CLAIM_DTYPES[col]]


_DDL = [
    "CREATE TABLE IF NOT EXISTS store_meta (key text PRIMARY KEY, value text)",
    "CREATE TABLE IF NOT EXISTS articles (id text PRIMARY KEY, published date NOT NULL, "
    "text text NOT NULL, title text, source text, url text, author text, "
    "text_sha256 text NOT NULL, "
    "extractor_version text, n_claims integer, ingested_at timestamptz)",
    "CREATE TABLE IF NOT EXISTS claims (fid bigserial PRIMARY KEY, "
    "geom geometry(Geometry, 4326), "
    + ", ".join(f'"{c}" {_pg_type(c)}' for c in CLAIM_TABLE_COLUMNS) + ")",
    # a store from an older schema gains the article fields and claim columns it lacks
    *(f'ALTER TABLE articles ADD COLUMN IF NOT EXISTS "{c}" text' for c in ARTICLE_OPTIONAL),
    *(f'ALTER TABLE claims ADD COLUMN IF NOT EXISTS "{c}" {_pg_type(c)}'
      for c in CLAIM_TABLE_COLUMNS),
    "CREATE INDEX IF NOT EXISTS claims_geom_idx ON claims USING gist (geom)",
    "CREATE INDEX IF NOT EXISTS claims_claim_date_idx ON claims (claim_date)",
    "CREATE INDEX IF NOT EXISTS claims_claim_type_idx ON claims (claim_type, claim_date)",
    "CREATE INDEX IF NOT EXISTS claims_country_code_idx ON claims (country_code, claim_date)",
    "CREATE INDEX IF NOT EXISTS claims_article_id_idx ON claims (article_id)",
    "CREATE INDEX IF NOT EXISTS claims_latitude_idx ON claims (latitude)",
    "CREATE INDEX IF NOT EXISTS claims_longitude_idx ON claims (longitude)",
    "CREATE INDEX IF NOT EXISTS claims_extractor_version_idx ON claims (extractor_version)",
    # the map's counts per grid cell: an index-only scan of the dates, types and points
    "CREATE INDEX IF NOT EXISTS claims_grid_idx ON claims (claim_date, claim_type) "
    "INCLUDE (longitude, latitude)",
    # the country filter compares upper(country_code)
    "CREATE INDEX IF NOT EXISTS claims_country_upper_idx ON claims "
    "(upper(country_code), claim_date)",
    # the members of a dispute, read on ingest (geo.disputes.incremental)
    "CREATE INDEX IF NOT EXISTS claims_contest_id_idx ON claims (contest_id) "
    "WHERE contest_id IS NOT NULL",
    "INSERT INTO store_meta (key, value) VALUES ('schema_version', "
    f"'{SCHEMA_VERSION}') ON CONFLICT (key) DO NOTHING",
]


def _select_expr(col: str) -> str:
    if col in ("published", "event_date", "claim_date"):
        return f"to_char(\"{col}\", 'YYYY-MM-DD') AS \"{col}\""
    if col == "ingested_at":
        return ("to_char(ingested_at AT TIME ZONE 'UTC', "
                "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS ingested_at")
    return f'"{col}"'


class PostGISStore(Store):
    """Claims store in a PostgreSQL + PostGIS database.

    Parameters
    ----------
    url : str
        A libpq connection URL (``postgresql://user@host:port/dbname``).
    """

    keeps_cells = True  # claim_cells: counts per map cell and month (geo.store.cells)

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - psycopg is a pinned dependency
            raise StoreError("the PostGIS store needs psycopg (pip install 'psycopg[binary]')") \
                from exc
        self.target = url
        try:
            with self._connect() as con, con.transaction():
                con.execute("SELECT pg_advisory_xact_lock(%s)", (_INGEST_LOCK,))
                has = con.execute(
                    "SELECT 1 FROM pg_extension WHERE extname = 'postgis'").fetchone()
                if not has:
                    con.execute("CREATE EXTENSION IF NOT EXISTS postgis")
                have = self._claim_columns(con)  # before the DDL adds what is missing
                fill = con.execute(f"SELECT to_regclass('{CELLS_TABLE}') IS NULL"
                                   ).fetchone()[0]
                for stmt in (*_DDL, *CELLS_DDL):
                    con.execute(stmt)
                if fill:  # the counts per map cell, kept from now on (geo.store.cells)
                    con.execute(CELLS_FILL)
                self._migrate(con, have)
        except psycopg.OperationalError as exc:
            raise StoreError(f"cannot connect to {redact(url)}: {exc}".strip()) from None
        except psycopg.Error as exc:
            raise StoreError(f"{redact(url)}: cannot set up the claims tables: {exc}") \
                from None

    def _connect(self):
        """Open a new connection, one per operation.

        The store object is shared across threads (the app); a transaction on a shared
        connection would be visible to another thread's read.
        """
        import psycopg

        return psycopg.connect(self.target, autocommit=True, connect_timeout=10)

    @staticmethod
    def _claim_columns(con) -> set[str]:
        """Return the columns of the claims table (empty when there is no table yet)."""
        return {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'claims' "
            "AND table_schema = current_schema()").fetchall()}

    @classmethod
    def _migrate(cls, con, have: set[str]) -> None:
        """Add schema columns an older store lacked (``have``), and fill the derived ones."""
        if not have:
            return  # a new store
        lacking = [c for c in CLAIM_TABLE_COLUMNS if c not in have]
        for c in lacking:
            con.execute(f'ALTER TABLE claims ADD COLUMN IF NOT EXISTS "{c}" {_pg_type(c)}')
        if any(c in DERIVED_COLUMNS for c in lacking):
            src = ", ".join(_select_expr(c) for c in IDENTITY_SOURCE_COLUMNS)
            rows = pd.DataFrame(con.execute(f"SELECT {src} FROM claims WHERE claimant IS NOT "
                                            "NULL").fetchall(),
                                columns=list(IDENTITY_SOURCE_COLUMNS))
            texts = dict(con.execute("SELECT id, text FROM articles").fetchall())
            with con.cursor() as cur:
                cur.executemany("UPDATE claims SET claimant_id = %s, claimant_name = %s, "
                                "claimant_side = %s, claimant_kind = %s WHERE fid = %s",
                                identity_updates(rows, texts))
            cls._recompute_disputes(con, None)

    @staticmethod
    def _recompute_disputes(con, window: tuple[str, str] | None,
                            batch: pd.DataFrame | None = None,
                            removed: pd.DataFrame | None = None) -> pd.DataFrame | None:
        """Recompute disputes of stored claims in ``window`` (all if None) plus ``batch``.

        See :func:`geo.disputes.stored.recompute_disputes`; this gives it PostgreSQL's
        reads and writes.
        """
        def read(columns, window) -> pd.DataFrame:
            sql = (f"SELECT {', '.join(_select_expr(c) for c in columns)} FROM claims "
                   f"WHERE claim_type IN ({RELEVANT_SQL})")
            params: list = []
            if window is not None:
                sql += " AND claim_date BETWEEN %s::date AND %s::date"
                params = list(window)
            return pd.DataFrame(con.execute(sql, params).fetchall(), columns=list(columns))

        def fetch(column: str, values: list) -> pd.DataFrame:
            cols = ", ".join(_select_expr(c) for c in STORED_COLUMNS)
            rows = con.execute(f'SELECT {cols} FROM claims WHERE "{column}" IS NOT NULL '
                               f'AND "{column}" = ANY(%s)', (values,)).fetchall()
            return pd.DataFrame(rows, columns=list(STORED_COLUMNS))

        def write(rows: list[list]) -> None:
            with con.cursor() as cur:
                cur.executemany("UPDATE claims SET contest_id = %s, support_count = %s "
                                "WHERE fid = %s", rows)

        return recompute_disputes(StoredClaims(read, fetch, write), window, batch, removed)

    # -- writing ----------------------------------------------------------
    def ingest(self, articles: pd.DataFrame, claims: gpd.GeoDataFrame | None, *,
               extractor_version: str | None = None, refresh: bool = False) -> IngestSummary:
        """Store articles and their claims in one transaction (see :meth:`Store.ingest`)."""
        batch = prepare_batch(articles, claims, extractor_version)
        summary = IngestSummary()
        with self._connect() as con, con.transaction():
            con.execute("SELECT pg_advisory_xact_lock(%s)", (_INGEST_LOCK,))
            existing = self._hashes(con, batch.articles["id"].tolist())
            new, replace = classify(batch, existing, refresh, summary)
            stamp = now_iso()
            gone: list = []  # the claims replaced, for the disputes
            if replace:
                gone = con.execute(f"SELECT {', '.join(map(_select_expr, REMOVED_COLUMNS))} "
                                   "FROM claims WHERE article_id = ANY(%s)",
                                   (replace,)).fetchall()
                cur = con.execute("DELETE FROM claims WHERE article_id = ANY(%s)", (replace,))
                summary.claims_deleted = cur.rowcount
                con.execute("DELETE FROM articles WHERE id = ANY(%s)", (replace,))
            arts, cl = rows_of(batch, new + replace)
            removed = removed_frame(gone)
            cl = with_batch_disputes(cl, removed,
                                     lambda *a: self._recompute_disputes(con, *a))
            with con.cursor() as cur:
                with cur.copy("COPY articles (" + ", ".join(STORE_ARTICLE_COLUMNS)
                              + ") FROM STDIN") as copy:
                    for r in claim_records(arts, STORE_ARTICLE_COLUMNS[:-1]):
                        copy.write_row([*r, stamp])
                if len(cl):
                    geoms = shapely.set_srid(cl.geometry.values.to_numpy(), 4326)
                    ewkb = shapely.to_wkb(geoms, hex=True, include_srid=True,
                                          output_dimension=2)
                    cols = CLAIM_COLUMNS + ("claim_date",)
                    with cur.copy("COPY claims (geom, " + ", ".join(f'"{c}"' for c in cols)
                                  + ", ingested_at) FROM STDIN") as copy:
                        for g, r in zip(ewkb, claim_records(cl, cols), strict=True):
                            copy.write_row([g, *r, stamp])
            summary.claims_written = len(cl)
        return summary

    # -- reading ----------------------------------------------------------
    @staticmethod
    def _hashes(con, ids: Sequence[str] | None) -> dict[str, tuple[str, str]]:
        if ids is None:
            rows = con.execute(
                "SELECT id, text_sha256, extractor_version FROM articles").fetchall()
        else:
            rows = con.execute("SELECT id, text_sha256, extractor_version FROM articles "
                               "WHERE id = ANY(%s)", (list(ids),)).fetchall()
        return {r[0]: (r[1], r[2]) for r in rows}

    def article_hashes(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
        """Return ``id -> (text_sha256, extractor_version)`` of stored articles."""
        with self._connect() as con:
            return self._hashes(con, None if ids is None else list(ids))

    dialect = "postgres"

    @staticmethod
    def _filter_sql(flt: ClaimFilter | None) -> tuple[str, list]:
        """Return the filter's ``WHERE`` clause; a box also goes through the GiST index."""
        where, params = sql_prefilter(flt, "postgres")
        if flt is not None and flt.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = flt.bbox
            ranges = ([(min_lon, max_lon)] if min_lon <= max_lon
                      else [(min_lon, 180.0), (-180.0, max_lon)])
            boxes = " OR ".join("geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)"
                                for _ in ranges)
            where += f" AND ({boxes})"
            for lo, hi in ranges:
                params = params + [lo, min_lat, hi, max_lat]
        return where, params

    def _boxes_sql(self, boxes: list[tuple[float, float, float, float]]
                   ) -> tuple[str, list] | None:
        clause = " OR ".join("geom && ST_MakeEnvelope(%s, %s, %s, %s, 4326)" for _ in boxes)
        return f"({clause})", [v for box in boxes for v in box]

    def _rows(self, sql: str, params: list) -> list[tuple]:
        with self._connect() as con:
            return con.execute(sql, params or None).fetchall()

    def claims(self, flt: ClaimFilter | None = None) -> gpd.GeoDataFrame:
        """Return the stored claims passing ``flt`` (see :meth:`Store.claims`).

        Streams the indexable subset with ``COPY ... TO STDOUT (FORMAT csv)`` into Arrow
        (fast for 100k rows), then applies :func:`geo.filters.apply_filter`.
        """
        return self._claims_where(flt, "", [])

    def _claims_where(self, flt: ClaimFilter | None, clause: str, params: list
                      ) -> gpd.GeoDataFrame:
        import psycopg
        from psycopg import sql as pgsql

        where, where_params = self._filter_sql(flt)
        if clause:
            where = (where + " AND " if where else " WHERE ") + clause
            where_params = where_params + list(params)
        params = where_params
        select = ("SELECT fid, encode(ST_AsBinary(geom), 'hex') AS geom, "
                  + ", ".join(_select_expr(c) for c in CLAIM_TABLE_COLUMNS)
                  + " FROM claims" + where + " ORDER BY fid")
        buf = io.BytesIO()
        with self._connect() as con, con.cursor() as cur:
            if params:  # COPY takes no bind parameters: quote them client-side
                select = psycopg.ClientCursor(con).mogrify(select, params)
            bound = pgsql.SQL(select)  # type: ignore[arg-type]
            query = pgsql.SQL("COPY ({}) TO STDOUT (FORMAT csv, HEADER true)").format(bound)
            with cur.copy(query) as copy:
                for chunk in copy:
                    buf.write(chunk)
        buf.seek(0)
        table = _read_csv(buf)
        wkb = [None if h is None else bytes.fromhex(h)
               for h in table.column("geom").to_pylist()]
        table = table.set_column(table.column_names.index("geom"), "geom",
                                 pa.array(wkb, type=pa.binary()))
        return claims_from_arrow(table, "geom", flt)

    def articles(self, ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Return stored articles (all, or those of ``ids``) with the store's columns."""
        cols = ", ".join(_select_expr(c) for c in STORE_ARTICLE_COLUMNS)
        with self._connect() as con:
            if ids is None:
                rows = con.execute(f"SELECT {cols} FROM articles ORDER BY ingested_at, id"
                                   ).fetchall()
            else:
                rows = con.execute(f"SELECT {cols} FROM articles WHERE id = ANY(%s) "
                                   "ORDER BY ingested_at, id", (list(ids),)).fetchall()
        return articles_frame(rows)

    def stats(self) -> dict:
        """Return counts: articles, claims, by type, by country, date range, versions."""
        with self._connect() as con, con.transaction():
            # one snapshot for every count
            con.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            out = stats_from(lambda q: con.execute(q).fetchall())
        out["store"] = redact(self.target)
        out["backend"] = "postgis"
        return out


def _read_csv(buf: io.BytesIO) -> pa.Table:
    """Parse the COPY output: every column as text except the numeric ones."""
    types = {"fid": pa.int64(), "geom": pa.string()}
    for c in CLAIM_TABLE_COLUMNS:
        dtype = CLAIM_DTYPES.get(c, "string")
        types[c] = {"Float64": pa.float64(), "Int64": pa.int64()}.get(dtype, pa.string())
    convert = pacsv.ConvertOptions(column_types=types, strings_can_be_null=True,
                                   null_values=[""], quoted_strings_can_be_null=False)
    return pacsv.read_csv(buf, convert_options=convert,
                          parse_options=pacsv.ParseOptions(newlines_in_values=True))
