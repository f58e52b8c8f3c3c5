"""The claims store: articles and their claims, kept across sessions.

:func:`open_store` opens a GeoPackage file (the default, ``settings.get("store")``,
overridden by ``GEO_STORE`` or ``--store``) or, for a ``postgresql://`` URL, a PostGIS
database (:mod:`geo.store_postgis`). Both back ends implement :class:`Store`.

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

import datetime as dt
import hashlib
import sqlite3
import struct
import time
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyogrio
import pyogrio.errors
import shapely

from geo import settings
from geo.filters import ClaimFilter, apply_filter
from geo.schema import (
    ARTICLE_COLUMNS,
    ARTICLE_REQUIRED,
    CLAIM_COLUMNS,
    CLAIM_DTYPES,
    CLAIM_TYPES,
    CRS,
    conform_claims,
)

SCHEMA_VERSION = "1"

#: Article columns kept by the store, in order.
STORE_ARTICLE_COLUMNS = ARTICLE_COLUMNS + ("text_sha256", "extractor_version", "n_claims",
                                           "ingested_at")
#: Extra claim columns kept by the store beyond the schema (before ``geometry``).
STORE_CLAIM_EXTRAS = ("claim_date", "ingested_at")


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


def now_iso() -> str:
    """Return the current UTC time as ``YYYY-MM-DDTHH:MM:SS.fffZ`` (GeoPackage DATETIME)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass
class PreparedBatch:
    """A validated ingest batch, ready for a back end to write.

    Attributes
    ----------
    articles : pandas.DataFrame
        Store article columns except ``ingested_at`` (set when written).
    claims : geopandas.GeoDataFrame
        Conformed claims plus ``claim_date``.
    claims_by_article : dict of str to numpy.ndarray
        Row positions of each article's claims in ``claims``.
    """

    articles: pd.DataFrame
    claims: gpd.GeoDataFrame
    claims_by_article: dict[str, np.ndarray]


def prepare_batch(articles: pd.DataFrame, claims: gpd.GeoDataFrame | None,
                  extractor_version: str | None = None) -> PreparedBatch:
    """Validate an ingest batch and normalise it; raise ``ValueError`` on any problem.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles with at least ``id, published, text``.
    claims : geopandas.GeoDataFrame or None
        Claims of those articles (any subset of them; an article without claims is
        stored with ``n_claims = 0``).
    extractor_version : str, optional
        Version recorded for the articles; default: the claims' version (per article;
        for an article without claims the batch's most common one), else ``"unknown"``.

    Returns
    -------
    PreparedBatch
        The normalised batch.

    Raises
    ------
    ValueError
        Missing article field, empty text, bad date, duplicate id with different text,
        claim of an unknown article or type, geometry not in WGS84 range.
    """
    missing = [c for c in ARTICLE_REQUIRED if c not in articles.columns]
    if missing:
        raise ValueError(f"articles: missing column(s) {', '.join(missing)}")
    arts = pd.DataFrame({c: (articles[c] if c in articles.columns else pd.Series(
        pd.NA, index=articles.index)).astype("string") for c in ARTICLE_COLUMNS})
    arts = arts.reset_index(drop=True)
    for col in ARTICLE_REQUIRED:
        bad = arts[col].isna() | (arts[col].str.strip() == "")
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise ValueError(f"articles row {i}: field {col!r} is empty")
    try:
        arts["published"] = [dt.date.fromisoformat(str(p)[:10]).isoformat()
                             for p in arts["published"]]
    except ValueError as exc:
        raise ValueError(f"articles: field 'published': {exc}") from None
    arts["published"] = arts["published"].astype("string")
    arts["text_sha256"] = [text_hash(t) for t in arts["text"]]
    dup = arts.duplicated("id", keep=False)
    if dup.any():
        groups = arts.loc[dup].groupby("id")["text_sha256"].nunique()
        conflicting = groups[groups > 1]
        if len(conflicting):
            raise ValueError(f"articles: duplicate id {conflicting.index[0]!r} with "
                             "different text")
        arts = arts.drop_duplicates("id", keep="first").reset_index(drop=True)

    if claims is None or len(claims) == 0:
        from geo.schema import empty_claims

        cl = empty_claims()
    else:
        if claims.crs is not None and not claims.crs.equals(CRS):
            claims = claims.to_crs(CRS)
        cl = conform_claims(claims).reset_index(drop=True)
    ids = set(arts["id"])
    orphan = ~cl["article_id"].isin(ids).fillna(False)
    if orphan.any():
        raise ValueError(f"claims: article_id {cl['article_id'][orphan].iloc[0]!r} is not "
                         "among the ingested articles")
    bad_type = ~cl["claim_type"].isin(CLAIM_TYPES).fillna(False)
    if bad_type.any():
        raise ValueError(f"claims: unknown claim_type {cl['claim_type'][bad_type].iloc[0]!r}")
    if cl["claim_id"].isna().any():
        raise ValueError("claims: claim_id is missing")
    geoms = cl.geometry.values
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if present.any():
        b = shapely.bounds(geoms[present])
        if (b[:, 0] < -180).any() or (b[:, 2] > 180).any() or (b[:, 1] < -90).any() \
                or (b[:, 3] > 90).any():
            raise ValueError("claims: geometry outside WGS84 lon/lat range")
    cl["claim_date"] = cl["event_date"].fillna(cl["published"]).astype("string")

    positions = cl.groupby("article_id", sort=False).indices if len(cl) else {}
    versions = {}
    if len(cl):
        known = cl.dropna(subset=["extractor_version"])
        versions = known.groupby("article_id")["extractor_version"].first().to_dict()
    if extractor_version is not None:
        arts["extractor_version"] = extractor_version
        cl["extractor_version"] = cl["extractor_version"].fillna(extractor_version)
    else:
        # articles without claims: the batch's (most common) version, if it has one
        default = (cl["extractor_version"].dropna().mode().iloc[0]
                   if cl["extractor_version"].notna().any() else "unknown")
        arts["extractor_version"] = [versions.get(i, default) for i in arts["id"]]
    arts["extractor_version"] = arts["extractor_version"].astype("string")
    arts["n_claims"] = [len(positions.get(i, ())) for i in arts["id"]]
    return PreparedBatch(arts, cl, {k: np.asarray(v) for k, v in positions.items()})


def classify(batch: PreparedBatch, existing: dict[str, tuple[str, str]], refresh: bool,
             summary: IngestSummary) -> tuple[list[str], list[str]]:
    """Split a batch's articles into new and replaced ones, filling ``summary``.

    Parameters
    ----------
    batch : PreparedBatch
        The batch.
    existing : dict of str to (str, str)
        Stored ``id -> (text_sha256, extractor_version)`` for the batch's ids.
    refresh : bool
        Replace articles with the same text but another extractor version.
    summary : IngestSummary
        Updated in place.

    Returns
    -------
    (list of str, list of str)
        Ids to insert, ids to replace.
    """
    new, replace = [], []
    for aid, sha, version in zip(batch.articles["id"], batch.articles["text_sha256"],
                                 batch.articles["extractor_version"], strict=True):
        if aid not in existing:
            new.append(aid)
            continue
        old_sha, old_version = existing[aid]
        if old_sha != sha:
            replace.append(aid)
            summary.articles_updated += 1
        elif refresh and old_version != version:
            replace.append(aid)
            summary.articles_refreshed += 1
        else:
            summary.articles_unchanged += 1
    summary.articles_new = len(new)
    summary.new_ids = new
    summary.updated_ids = replace
    return new, replace


def rows_of(batch: PreparedBatch, ids: Sequence[str]) -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
    """Return the article rows and claim rows of ``ids`` in a batch."""
    arts = batch.articles[batch.articles["id"].isin(list(ids))]
    pos = [batch.claims_by_article[i] for i in ids if i in batch.claims_by_article]
    idx = np.concatenate(pos) if pos else np.array([], dtype=int)
    return arts, batch.claims.iloc[np.sort(idx)]


class Store(ABC):
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


# ---------------------------------------------------------------------------
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


_CLAIM_TABLE_COLUMNS = CLAIM_COLUMNS + STORE_CLAIM_EXTRAS

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
    + ", ".join(f'"{c}" {_sql_type(c)}' for c in _CLAIM_TABLE_COLUMNS) + ")",
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


def _chunks(items: Sequence, size: int = 500) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def claim_records(claims: pd.DataFrame, columns: Sequence[str]) -> list[list]:
    """Return claim rows as lists of plain Python values (NA -> None), column by column."""
    cols = []
    for c in columns:
        s = claims[c]
        cols.append(s.astype(object).where(s.notna(), None).tolist())
    return [list(r) for r in zip(*cols, strict=True)] if cols and len(claims) else []


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
        return con

    def _create_or_check(self) -> None:
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        con = self._connect()
        try:
            if fresh:
                con.execute("BEGIN EXCLUSIVE")
                exists = con.execute("SELECT count(*) FROM sqlite_master WHERE "
                                     "name = 'claims'").fetchone()[0]
                if not exists:
                    con.execute(f"PRAGMA application_id = {_GPKG_APPLICATION_ID}")
                    con.execute(f"PRAGMA user_version = {_GPKG_USER_VERSION}")
                    for stmt in _GPKG_DDL:
                        con.execute(stmt)
                con.execute("COMMIT")
                con.execute("PRAGMA journal_mode = WAL")
            self._check(con)
        except sqlite3.DatabaseError as exc:
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
        cols = {r[1] for r in con.execute("PRAGMA table_info(claims)")}
        lacking = [c for c in _CLAIM_TABLE_COLUMNS if c not in cols]
        if lacking:
            raise StoreError(f"{self.path}: claims table lacks column(s) {', '.join(lacking)}")

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
                for chunk in _chunks(replace):
                    marks = ",".join("?" * len(chunk))
                    cur = con.execute(f"DELETE FROM claims WHERE article_id IN ({marks})",
                                      list(chunk))
                    summary.claims_deleted += cur.rowcount
                    con.execute(f"DELETE FROM articles WHERE id IN ({marks})", list(chunk))
                arts, cl = rows_of(batch, new + replace)
                art_cols = STORE_ARTICLE_COLUMNS[:-1]
                con.executemany(
                    "INSERT INTO articles (" + ", ".join(f'"{c}"' for c in STORE_ARTICLE_COLUMNS)
                    + ") VALUES (" + ",".join("?" * len(STORE_ARTICLE_COLUMNS)) + ")",
                    [r + [stamp] for r in claim_records(arts, art_cols)])
                if len(cl):
                    blobs = gpkg_blobs(cl.geometry.values)
                    cols = CLAIM_COLUMNS + ("claim_date",)
                    rows = claim_records(cl, cols)
                    con.executemany(
                        "INSERT INTO claims (geom, " + ", ".join(f'"{c}"' for c in cols)
                        + ', "ingested_at") VALUES (' + ",".join("?" * (len(cols) + 2)) + ")",
                        [[b, *r, stamp] for b, r in zip(blobs, rows, strict=True)])
                summary.claims_written = len(cl)
                if new or replace:
                    self._update_extent(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
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
        for chunk in _chunks(list(ids)):
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

    @staticmethod
    def _where(flt: ClaimFilter | None) -> tuple[str, list]:
        return sql_prefilter(flt, "sqlite")

    def claims(self, flt: ClaimFilter | None = None) -> gpd.GeoDataFrame:
        """Return the stored claims passing ``flt`` (see :meth:`Store.claims`).

        The indexable part of the filter runs in SQLite (through GDAL's columnar
        reader, one statement, hence one consistent snapshot); the rest is
        :func:`geo.filters.apply_filter` on that subset.
        """
        where, params = self._where(flt)
        sql_where = _inline(where, params)
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
        return _claims_from_arrow(table, meta["geometry_name"] or "geom", flt)

    def articles(self, ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Return stored articles (all, or those of ``ids``) with the store's columns."""
        cols = ", ".join(f'"{c}"' for c in STORE_ARTICLE_COLUMNS)
        con = self._connect()
        try:
            if ids is None:
                rows = con.execute(f"SELECT {cols} FROM articles ORDER BY fid").fetchall()
            else:
                rows = []
                for chunk in _chunks(list(ids)):
                    marks = ",".join("?" * len(chunk))
                    rows += con.execute(f"SELECT {cols} FROM articles WHERE id IN ({marks}) "
                                        "ORDER BY fid", list(chunk)).fetchall()
        finally:
            con.close()
        return _articles_frame(rows)

    def stats(self) -> dict:
        """Return counts: articles, claims, by type, by country, date range, versions."""
        con = self._connect()
        try:
            con.execute("BEGIN")  # one snapshot for every count
            out = _stats_from(lambda sql: con.execute(sql).fetchall())
            con.execute("COMMIT")
        finally:
            con.close()
        out["store"] = self.target
        out["backend"] = "geopackage"
        return out


def _stats_from(query) -> dict:
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
    last, last_art = (_iso_z(x) for x in (last, last_art))
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


def _iso_z(value: object) -> str | None:
    """Return a timestamp (datetime or GeoPackage DATETIME text) as ISO 8601 UTC text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.astimezone(dt.UTC) if value.tzinfo else value
        return value.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    return str(value)


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


def _claims_from_arrow(table: pa.Table, geometry_name: str, flt: ClaimFilter | None
                       ) -> gpd.GeoDataFrame:
    """Build the claims GeoDataFrame from an Arrow table read by GDAL, in ``fid`` order."""
    if "fid" in table.column_names and table.num_rows:
        table = table.take(pc.sort_indices(table.column("fid")))
    data = {}
    for name in (*_CLAIM_TABLE_COLUMNS, geometry_name):
        col = table.column(name)
        if pa.types.is_timestamp(col.type):
            col = pc.strftime(col, format="%Y-%m-%dT%H:%M:%SZ")
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


def _articles_frame(rows: list) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows, columns=list(STORE_ARTICLE_COLUMNS))
    for c in STORE_ARTICLE_COLUMNS:
        frame[c] = frame[c].astype("Int64" if c == "n_claims" else "string")
    frame["published"] = frame["published"].str.slice(0, 10)
    return frame


def open_store(target: str | Path | None = None, *, create: bool = True) -> Store:
    """Open (creating if needed) the claims store at ``target``.

    Parameters
    ----------
    target : str or pathlib.Path or None
        A GeoPackage path, or a ``postgresql://`` / ``postgres://`` URL for PostGIS.
        None uses ``settings.get("store")`` (``GEO_STORE``, else ``data/claims.gpkg``).
    create : bool, optional
        Create a missing GeoPackage (default True); False raises :class:`StoreError`
        instead (for read-only commands).

    Returns
    -------
    Store
        The store.

    Raises
    ------
    StoreError
        If the file is not a GeoPackage claims store or the database is unreachable.
    """
    if target is None or str(target) == "":
        target = settings.get("store")
    text = str(target)
    if text.startswith(("postgresql://", "postgres://")):
        from geo.store_postgis import PostGISStore

        return PostGISStore(text)
    return GeoPackageStore(Path(text).expanduser(), create=create)
