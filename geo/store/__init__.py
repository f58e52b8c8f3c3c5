"""The claims store: articles and their claims, kept across sessions.

One interface (:class:`Store`, in :mod:`geo.store.base`), two back ends that never
import each other: a GeoPackage file (:mod:`geo.store.gpkg`, the default) and a PostGIS
database (:mod:`geo.store.postgis`, for a ``postgresql://`` URL). :func:`open_store`
picks one from the target. The pure helpers both back ends share live in
:mod:`geo.store.batch` (validating an ingest batch) and :mod:`geo.store.query` (a filter
as SQL, frames from rows, statistics).

Names offered here: :func:`open_store`, :class:`Store`, :class:`StoreError`,
:class:`IngestSummary`, :class:`GeoPackageStore`, :func:`gpkg_blobs`,
:func:`gpkg_geometries`, :func:`sql_prefilter`, :func:`text_hash`; ``PostGISStore`` is
imported on first use (it needs psycopg only when a database is opened).
"""

from __future__ import annotations

from pathlib import Path

from geo import settings
from geo.store.base import (
    CLAIM_TABLE_COLUMNS,
    SCHEMA_VERSION,
    STORE_ARTICLE_COLUMNS,
    STORE_CLAIM_EXTRAS,
    IngestSummary,
    Store,
    StoreError,
    redact,
    text_hash,
)
from geo.store.batch import PreparedBatch, prepare_batch
from geo.store.gpkg import GeoPackageStore, gpkg_blobs, gpkg_geometries
from geo.store.query import sql_prefilter

__all__ = [
    "CLAIM_TABLE_COLUMNS",
    "SCHEMA_VERSION",
    "STORE_ARTICLE_COLUMNS",
    "STORE_CLAIM_EXTRAS",
    "GeoPackageStore",
    "IngestSummary",
    "PostGISStore",
    "PreparedBatch",
    "Store",
    "StoreError",
    "gpkg_blobs",
    "gpkg_geometries",
    "open_store",
    "prepare_batch",
    "redact",
    "sql_prefilter",
    "text_hash",
]


def __getattr__(name: str):
    """Import the PostGIS back end on first use of ``geo.store.PostGISStore``."""
    if name == "PostGISStore":
        from geo.store.postgis import PostGISStore

        return PostGISStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        from geo.store.postgis import PostGISStore

        return PostGISStore(text)
    return GeoPackageStore(Path(text).expanduser(), create=create)
