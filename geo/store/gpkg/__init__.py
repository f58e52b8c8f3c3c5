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
    ``id, published, text, title, source, url, author, text_sha256, extractor_version,
    n_claims, ingested_at``.
``store_meta`` (attributes)
    key/value pairs (``schema_version``).

Geometries are written with Python's ``sqlite3`` as GeoPackage binary (header +
ISO WKB), so articles and claims change in one SQLite transaction.

Modules, along the steps the data goes through: :mod:`~geo.store.gpkg.schema` (making,
checking and migrating the file), :mod:`~geo.store.gpkg.write` (one ingest batch, one
transaction), :mod:`~geo.store.gpkg.disputes` (disputes recomputed in the file),
:mod:`~geo.store.gpkg.read` (filtered reads, articles, statistics),
:mod:`~geo.store.gpkg.binary` (GeoPackage geometry blobs); the spatial index is
:mod:`geo.store.rtree`. :class:`GeoPackageStore` (:mod:`~geo.store.gpkg.store`) joins them.
"""

from geo.store.gpkg.binary import gpkg_blobs, gpkg_geometries
from geo.store.gpkg.store import GeoPackageStore

__all__ = ["GeoPackageStore", "gpkg_blobs", "gpkg_geometries"]
