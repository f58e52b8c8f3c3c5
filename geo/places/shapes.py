"""The gazetteer's polygons: admin-1 and country outlines, each place's geometry."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from geo.places.build import ADMIN1_FILE, COUNTRIES_FILE
from geo.places.place import ADMIN1, OTHER, SETTLEMENT

if TYPE_CHECKING:
    from pathlib import Path

    import geopandas as gpd
    import shapely


class Shapes:
    """Lazily read polygons of a loaded gazetteer (mixed into :class:`Gazetteer`).

    The host sets ``cache_dir``, ``fclass``, ``lat``, ``lon``, ``a1_first``,
    ``macro``, ``_admin1_gdf``, ``_countries_gdf`` and ``_geom_cache``.
    """

    cache_dir: Path
    fclass: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    a1_first: int
    macro: dict[int, list[int]]
    _admin1_gdf: gpd.GeoDataFrame | None
    _countries_gdf: gpd.GeoDataFrame | None
    _geom_cache: dict[int, shapely.Geometry]

    # -- geometry

    def admin1_gdf(self) -> gpd.GeoDataFrame:
        """Return the admin-1 polygons (EPSG:4326) with a ``place_id`` column.

        Returns
        -------
        geopandas.GeoDataFrame
            One row per region, in place-table order.
        """
        if self._admin1_gdf is None:
            import geopandas as gpd

            gdf = gpd.read_parquet(self.cache_dir / ADMIN1_FILE)
            self._admin1_gdf = gdf.set_crs("EPSG:4326", allow_override=True)
        return self._admin1_gdf

    def countries_gdf(self) -> gpd.GeoDataFrame:
        """Return the country outlines (EPSG:4326), dissolved from admin-1.

        Returns
        -------
        geopandas.GeoDataFrame
            Columns ``iso_a2``, ``name``, ``place``, ``geometry``.
        """
        if self._countries_gdf is None:
            import geopandas as gpd

            gdf = gpd.read_parquet(self.cache_dir / COUNTRIES_FILE)
            self._countries_gdf = gdf.set_crs("EPSG:4326", allow_override=True)
        return self._countries_gdf

    def geometry_at(self, idx: int) -> shapely.Geometry:
        """Return the geometry of the place at a table index (see :meth:`geometry`)."""
        geom = self._geom_cache.get(idx)
        if geom is not None:
            return geom
        import shapely

        fc = int(self.fclass[idx])
        if fc == SETTLEMENT:
            geom = shapely.Point(float(self.lon[idx]), float(self.lat[idx]))
        elif fc == ADMIN1:
            geom = self.admin1_gdf().geometry.values[idx - self.a1_first]
        elif fc == OTHER:
            geom = shapely.union_all([self.geometry_at(j) for j in self.macro[idx]])
        else:
            gdf = self.countries_gdf()
            geom = gdf.geometry.values[int(np.flatnonzero(gdf["place"].to_numpy() == idx)[0])]
        self._geom_cache[idx] = geom
        return geom

    def geometry(self, place_id: str) -> shapely.Geometry:
        """Return a place's geometry: a Point for a settlement, a polygon otherwise.

        Parameters
        ----------
        place_id : str
            See :meth:`index_of`.

        Returns
        -------
        shapely.Geometry
            WGS84, lon/lat order.
        """
        return self.geometry_at(self.index_of(place_id))

    def admin1_at(self, lon: float, lat: float) -> int | None:
        """Return the table index of the admin-1 region containing a point, if any."""
        import shapely

        gdf = self.admin1_gdf()
        hits = gdf.sindex.query(shapely.Point(lon, lat), predicate="intersects")
        return int(hits[0]) + self.a1_first if len(hits) else None
