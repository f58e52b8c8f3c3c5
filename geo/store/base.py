"""The claims store's interface: what every back end (GeoPackage, PostGIS) offers.

:func:`geo.store.open_store` opens a GeoPackage file (the default, ``settings.get("store")``,
overridden by ``GEO_STORE`` or ``--store``) or, for a ``postgresql://`` URL, a PostGIS
database (:mod:`geo.store.postgis`). Both back ends implement :class:`Store`; neither
imports the other, and both take their shared pure helpers from :mod:`geo.store.batch`
(validating an ingest batch) and :mod:`geo.store.query` (filters as SQL, frames from rows).

Guarantees
----------
* One :meth:`Store.ingest` call is one transaction: it is applied completely or not
  at all. A crash (even ``SIGKILL``) or an invalid batch leaves the store as before.
* Per article: the same ``id`` with the same text changes nothing (not even
  ``ingested_at``); the same ``id`` with new text replaces that article and all of
  its claims.
* Readers never see a half-written state (SQLite WAL snapshots; PostgreSQL MVCC).
* Each claim and each article records the ``extractor_version`` that produced it;
  :meth:`Store.stale_articles` finds articles extracted by another version and
  ``ingest(..., refresh=True)`` replaces their claims.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

import geopandas as gpd
import pandas as pd

from geo.filters import ClaimFilter
from geo.schema import ARTICLE_COLUMNS, CLAIM_COLUMNS
from geo.store.cells import SUMMARY_CELL, month_split, summary_answers, summary_sql
from geo.store.views import StoreViews

SCHEMA_VERSION = "1"

#: Article columns kept by the store, in order.
STORE_ARTICLE_COLUMNS = ARTICLE_COLUMNS + ("text_sha256", "extractor_version", "n_claims",
                                           "ingested_at")
#: Extra claim columns kept by the store beyond the schema (before ``geometry``).
STORE_CLAIM_EXTRAS = ("claim_date", "ingested_at")
#: Every column of the stored claims table (schema columns + extras), before ``geom``.
CLAIM_TABLE_COLUMNS = CLAIM_COLUMNS + STORE_CLAIM_EXTRAS


class StoreError(Exception):
    """The store cannot be opened or used (not a GeoPackage, unreachable database...)."""


@dataclass
class IngestSummary:
    """What one :meth:`Store.ingest` call did.

    Attributes
    ----------
    articles_new, articles_updated, articles_unchanged, articles_refreshed : int
        Articles inserted, replaced (new text), skipped (same text), re-extracted
        (same text, ``refresh=True`` and another extractor version).
    claims_written, claims_deleted : int
        Claim rows inserted and removed.
    new_ids, updated_ids : list of str
        Ids of the inserted and replaced (or refreshed) articles.
    """

    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    articles_refreshed: int = 0
    claims_written: int = 0
    claims_deleted: int = 0
    new_ids: list[str] = field(default_factory=list, repr=False)
    updated_ids: list[str] = field(default_factory=list, repr=False)

    def as_dict(self) -> dict:
        """Return the summary as a plain dict (for JSON output)."""
        return asdict(self)


def text_hash(text: str) -> str:
    """Return the SHA-256 hex digest of an article text (its identity for re-ingest)."""
    return hashlib.sha256(str(text).encode("utf-8")).hexdigest()



class Store(StoreViews, ABC):
    """A claims store (GeoPackage or PostGIS). Use :func:`open_store`."""

    target: str

    @abstractmethod
    def ingest(self, articles: pd.DataFrame, claims: gpd.GeoDataFrame | None, *,
               extractor_version: str | None = None, refresh: bool = False) -> IngestSummary:
        """Store articles and their claims in one transaction.

        Parameters
        ----------
        articles : pandas.DataFrame
            Articles (``id, published, text`` required; ``title, source, url``).
        claims : geopandas.GeoDataFrame or None
            Their claims (schema columns).
        extractor_version : str, optional
            Extractor version to record (default: from the claims).
        refresh : bool, optional
            Also replace articles whose text is unchanged but whose stored claims
            come from another extractor version.

        Returns
        -------
        IngestSummary
            Counts of what changed.

        Raises
        ------
        ValueError
            If the batch is invalid; nothing is written.
        """

    @abstractmethod
    def claims(self, flt: ClaimFilter | None = None) -> gpd.GeoDataFrame:
        """Return the stored claims passing ``flt`` (schema columns + extras, EPSG:4326)."""

    @abstractmethod
    def articles(self, ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Return stored articles (all, or those of ``ids``) with the store's columns."""

    @abstractmethod
    def article_hashes(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
        """Return ``id -> (text_sha256, extractor_version)`` of stored articles."""

    @abstractmethod
    def stats(self) -> dict:
        """Return counts: articles, claims, by type, by country, date range, versions."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def unchanged_ids(self, articles: pd.DataFrame) -> set[str]:
        """Return ids of ``articles`` already stored with the same text (nothing to do).

        Parameters
        ----------
        articles : pandas.DataFrame
            Articles with ``id`` and ``text``.

        Returns
        -------
        set of str
            Ids whose stored text hash equals the given text's.
        """
        if len(articles) == 0:
            return set()
        stored = self.article_hashes(articles["id"].astype(str).tolist())
        return {aid for aid, text in zip(articles["id"].astype(str), articles["text"],
                                          strict=True)
                if aid in stored and stored[aid][0] == text_hash(text)}

    # -- counts over a filter (the map at a million) ---------------------------------
    #: SQL dialect of the back end (``"sqlite"`` or ``"postgres"``).
    dialect: str = "sqlite"

    def _filter_sql(self, flt: ClaimFilter | None) -> tuple[str, list]:
        """Return the back end's ``WHERE`` clause (superset of ``flt``) and parameters."""
        raise NotImplementedError

    def _rows(self, sql: str, params: list) -> list[tuple]:
        """Run one ``SELECT`` and return its rows."""
        raise NotImplementedError

    def _claims_where(self, flt: ClaimFilter | None, clause: str, params: list
                      ) -> gpd.GeoDataFrame:
        """Return the claims passing ``flt`` that also satisfy the SQL ``clause``."""
        raise NotImplementedError

    def count(self, flt: ClaimFilter | None = None) -> int:
        """Return the number of stored claims passing ``flt`` (SQL ``count(*)``)."""
        from geo.store.query import sql_exact

        if not sql_exact(flt):
            return len(self.claims(flt))
        where, params = self._filter_sql(flt)
        return int(self._rows("SELECT count(*) FROM claims" + where, params)[0][0])

    def extent(self, flt: ClaimFilter | None = None
               ) -> tuple[float, float, float, float] | None:
        """Return ``(min_lon, min_lat, max_lon, max_lat)`` of the claims passing ``flt``.

        Of their representative points; None when no claim has one.
        """
        from geo.store.query import sql_exact

        if not sql_exact(flt):
            claims = self.claims(flt)
            lon = pd.to_numeric(claims["longitude"], errors="coerce")
            lat = pd.to_numeric(claims["latitude"], errors="coerce")
            if lon.notna().sum() == 0:
                return None
            return float(lon.min()), float(lat.min()), float(lon.max()), float(lat.max())
        where, params = self._filter_sql(flt)
        row = self._rows("SELECT min(longitude), min(latitude), max(longitude), "
                         "max(latitude) FROM claims" + where, params)[0]
        return None if row[0] is None else tuple(float(v) for v in row)

    def grid_counts(self, flt: ClaimFilter | None, cell: float) -> pd.DataFrame:
        """Count the claims passing ``flt`` per grid cell and claim type, in SQL.

        Parameters
        ----------
        flt : ClaimFilter or None
            The filter.
        cell : float
            Cell size in degrees; cell ``(gx, gy)`` holds representative points with
            ``floor((lon + 180) / cell) == gx`` and ``floor((lat + 90) / cell) == gy``.

        Returns
        -------
        pandas.DataFrame
            ``gx, gy, claim_type, n``, sorted.
        """
        from geo.store.query import counts_frame, grid_counts_frame, grid_sql, sql_exact

        if not sql_exact(flt):
            return grid_counts_frame(self.claims(flt), cell)
        if self.keeps_cells and cell == SUMMARY_CELL and summary_answers(flt):
            return self._summary_counts(flt)
        where, params = self._filter_sql(flt)
        return counts_frame(self._rows(grid_sql(where, cell, self.dialect), params))

    #: Whether the store keeps counts per cell and month (:mod:`geo.store.cells`).
    keeps_cells: bool = False

    def _summary_counts(self, flt: ClaimFilter | None) -> pd.DataFrame:
        """Count per cell from the kept counts (whole months) and the claims (other days)."""
        from geo.store.query import counts_frame, grid_sql

        rows: list = []
        whole = summary_sql(flt, self.dialect)
        if whole is not None:
            rows += self._rows(*whole)
        for first, last in month_split(flt.date_from if flt else None,
                                       flt.date_to if flt else None)[1]:
            part = ClaimFilter(date_from=first, date_to=last,
                               claim_types=flt.claim_types if flt else ())
            where, params = self._filter_sql(part)
            rows += self._rows(grid_sql(where, SUMMARY_CELL, self.dialect), params)
        frame = counts_frame(rows)  # a cell may come from both parts: summed
        frame = frame.groupby(["gx", "gy", "claim_type"], as_index=False, sort=True)["n"].sum()
        return frame[frame["n"] > 0].reset_index(drop=True)

    #: Up to this many cells, :meth:`claims_in_cells` looks each one up in the spatial
    #: index; more are found by testing every claim's cell.
    INDEXED_CELLS = 400

    def _boxes_sql(self, boxes: list[tuple[float, float, float, float]]
                   ) -> tuple[str, list] | None:
        """Return a clause for rows whose geometry meets one of ``boxes`` (spatial index)."""
        return None

    def claims_in_cells(self, flt: ClaimFilter | None, cell: float,
                        cells: list[tuple[int, int]]) -> gpd.GeoDataFrame:
        """Return the claims passing ``flt`` whose grid cell is one of ``cells``.

        A few cells are looked up in the spatial index (a box each), then tested exactly.
        """
        from geo.store.query import cells_clause

        clause, params = cells_clause(cell, cells, self.dialect)
        if len(cells) <= self.INDEXED_CELLS:
            eps = 1e-9
            boxes = [(gx * cell - 180.0 - eps, gy * cell - 90.0 - eps,
                      (gx + 1) * cell - 180.0 + eps, (gy + 1) * cell - 90.0 + eps)
                     for gx, gy in cells]
            spatial = self._boxes_sql(boxes)
            if spatial is not None:
                clause, params = f"{spatial[0]} AND {clause}", [*spatial[1], *params]
        return self._claims_where(flt, clause, params)

    def change_key(self) -> tuple:
        """Return a cheap key that changes whenever claims or articles change.

        ``(articles, claims, last article row or ingest time, last claim row)``: every
        ingest that stores anything adds rows with new, ever-growing ids (a replaced
        article and its claims are deleted and inserted again). Unlike :meth:`stats` it
        reads no whole table (a million claims: indexes only).
        """
        last = "max(fid)" if self.dialect == "sqlite" else "max(ingested_at)::text"
        n_art, last_art = self._rows(f"SELECT count(*), {last} FROM articles", [])[0]
        n_cl, last_cl = self._rows("SELECT count(*), max(fid) FROM claims", [])[0]
        return int(n_art), int(n_cl), last_art, int(last_cl or 0)

    #: Columns whose distinct values :meth:`facets` lists (the dashboard's filter options).
    FACET_COLUMNS = ("claim_type", "actor", "claimant", "country_code", "admin1",
                     "claimant_side")

    def facets(self) -> dict:
        """Return the distinct values of the filterable columns and the range of dates.

        One ``SELECT DISTINCT`` per column in the store, so that the dashboard offers
        its filter options without loading the claims.

        Returns
        -------
        dict
            ``{column: sorted list of str}`` for :data:`FACET_COLUMNS`, plus
            ``date_min`` and ``date_max`` (``YYYY-MM-DD`` or None).
        """
        out: dict = {}
        for col in self.FACET_COLUMNS:
            rows = self._rows(f'SELECT DISTINCT "{col}" FROM claims WHERE "{col}" IS NOT NULL',
                              [])
            values = {str(r[0]) for r in rows if str(r[0]).strip()}
            out[col] = sorted(values, key=str.casefold)
        dmin, dmax = self._rows("SELECT min(claim_date), max(claim_date) FROM claims", [])[0]
        out["date_min"] = None if dmin is None else str(dmin)[:10]
        out["date_max"] = None if dmax is None else str(dmax)[:10]
        return out

    def distinct_counts(self, flt: ClaimFilter | None = None) -> tuple[int, int]:
        """Return the places and claimants among the claims passing ``flt``.

        Returns
        -------
        tuple of int
            ``(distinct place_id, distinct claimant)`` where a claimant is its
            ``claimant_id``, else its name.
        """
        from geo.store.query import sql_exact

        if not sql_exact(flt):
            claims = self.claims(flt)
            return (int(claims["place_id"].nunique()),
                    int(claims["claimant_id"].fillna(claims["claimant"]).nunique()))
        where, params = self._filter_sql(flt)
        row = self._rows("SELECT count(DISTINCT place_id), count(DISTINCT "
                         "coalesce(claimant_id, claimant)) FROM claims" + where, params)[0]
        return int(row[0] or 0), int(row[1] or 0)

    def claims_page(self, flt: ClaimFilter | None, limit: int, offset: int = 0
                    ) -> gpd.GeoDataFrame:
        """Return one page of the claims passing ``flt``, most recent first.

        The order is the claims table's: effective date (``claim_date``) descending,
        undated last, then ``claim_id``. Only the page's rows are read.

        Parameters
        ----------
        flt : ClaimFilter or None
            The filter.
        limit : int
            Rows per page.
        offset : int, optional
            Rows skipped.

        Returns
        -------
        geopandas.GeoDataFrame
            At most ``limit`` claims (schema columns + extras), in that order.
        """
        from geo.store.query import sql_exact

        def ordered(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
            return frame.sort_values(["claim_date", "claim_id"], ascending=[False, True],
                                     na_position="last", kind="stable")

        if not sql_exact(flt):  # the case-insensitive parts are exact only in pandas
            return ordered(self.claims(flt)).iloc[offset:offset + limit].reset_index(drop=True)
        where, params = self._filter_sql(flt)
        ph = "%s" if self.dialect == "postgres" else "?"
        fids = [r[0] for r in self._rows(
            "SELECT fid FROM claims" + where + " ORDER BY (claim_date IS NULL), claim_date "
            f"DESC, claim_id LIMIT {ph} OFFSET {ph}", [*params, int(limit), int(offset)])]
        if not fids:
            return self._claims_where(flt, "1 = 0", [])
        marks = ",".join([ph] * len(fids))
        return ordered(self._claims_where(flt, f"fid IN ({marks})", [int(f) for f in fids])
                       ).reset_index(drop=True)

    def iter_claims(self, flt: ClaimFilter | None = None, chunk: int = 50_000
                    ) -> Iterable[gpd.GeoDataFrame]:
        """Yield the claims passing ``flt`` in store order, a chunk of rows at a time.

        Memory is bounded by the chunk (streamed exports).

        Parameters
        ----------
        flt : ClaimFilter or None
            The filter.
        chunk : int, optional
            Table rows (by ``fid``) read per step.

        Yields
        ------
        geopandas.GeoDataFrame
            Non-empty frames of claims (schema columns + extras).
        """
        top = self._rows("SELECT max(fid) FROM claims", [])[0][0]
        if top is None:
            return
        ph = "%s" if self.dialect == "postgres" else "?"
        for low in range(0, int(top), chunk):
            part = self._claims_where(flt, f"fid > {ph} AND fid <= {ph}", [low, low + chunk])
            if len(part):
                yield part

    def stale_articles(self, current_version: str) -> pd.DataFrame:
        """Return stored articles extracted by a version other than ``current_version``.

        Parameters
        ----------
        current_version : str
            The running extractor's version.

        Returns
        -------
        pandas.DataFrame
            The articles (store columns), to re-extract and re-ingest with
            ``refresh=True``.
        """
        stale = [aid for aid, (_, v) in self.article_hashes().items() if v != current_version]
        return self.articles(stale) if stale else self.articles([])


def redact(url: str) -> str:
    """Return ``url`` without its password, for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url
