"""The offline base layer: country and admin-1 outlines from the gazetteer, simplified once."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import settings
from geo.mapview.popups import esc, json_for_script
from geo.mapview.prep import round_geom


def _feature_texts(gdf: gpd.GeoDataFrame | None, name_col: str, tolerance: float,
                   ndigits: int = 2) -> list[str | None]:
    """Simplified, rounded outlines as page-safe GeoJSON feature texts, row by row.

    Rows whose outline is empty after simplification give None (so the result stays
    aligned with the rows). Written as text directly: parsing and re-serialising
    thousands of polygons would take seconds.
    """
    if gdf is None or gdf.empty:
        return []
    geoms = shapely.simplify(gdf.geometry.to_numpy(), tolerance, preserve_topology=True)
    geoms = round_geom(geoms, ndigits)
    names = gdf[name_col] if name_col in gdf.columns else pd.Series("", index=gdf.index)
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    shapes = shapely.to_geojson(np.where(empty, None, geoms))
    return [None if gone else ('{"type":"Feature","geometry":' + shape
                               + ',"properties":{"tooltip":' + json_for_script(esc(name)) + "}}")
            for shape, name, gone in zip(shapes, names, empty, strict=True)]


def outline_features(gdf: gpd.GeoDataFrame | None, name_col: str, tolerance: float,
                     ndigits: int = 2) -> dict:
    """Return simplified, rounded outlines as a GeoJSON FeatureCollection.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame or None
        Country or admin-1 polygons (EPSG:4326).
    name_col : str
        Column with the name shown as tooltip (escaped).
    tolerance : float
        Simplification tolerance in degrees.
    ndigits : int, optional
        Decimals kept in coordinates.

    Returns
    -------
    dict
        FeatureCollection with an escaped ``tooltip`` property.
    """
    texts = [t for t in _feature_texts(gdf, name_col, tolerance, ndigits) if t is not None]
    return {"type": "FeatureCollection", "features": json.loads("[" + ",".join(texts) + "]")}


class Outlines:
    """Offline base-layer outlines, simplified once (cache it; see :func:`cached_outlines`).

    Every outline is kept as page-safe JSON text (:func:`json_for_script`), which is
    what the page is sent; the GeoJSON dicts are parsed from it when first asked for.

    Parameters
    ----------
    countries : dict, optional
        FeatureCollection of country outlines.
    admin1 : dict, optional
        Country code -> list of GeoJSON features of its admin-1 outlines.
    admin1_bounds : dict, optional
        Admin-1 name (case-folded) -> ``[[south, west], [north, east]]`` (region filters
        fit these).

    Attributes
    ----------
    admin1_bounds : dict
        As above.
    """

    def __init__(self, countries: dict | None = None, admin1: dict | None = None,
                 admin1_bounds: dict | None = None) -> None:
        feats = (countries or {}).get("features", [])
        self._countries = [json_for_script(f) for f in feats]
        self._admin1 = {str(c).upper(): [json_for_script(f) for f in fs]
                        for c, fs in (admin1 or {}).items()}
        self.admin1_bounds = dict(admin1_bounds or {})
        self._admin1_json: dict[tuple[str, ...], str] = {}

    @classmethod
    def from_texts(cls, countries: list[str], admin1: dict[str, list[str]],
                   admin1_bounds: dict) -> Outlines:
        """Return outlines from their features' page-safe JSON texts (the disk cache).

        Parameters
        ----------
        countries : list of str
            One country feature per item, from :func:`json_for_script`.
        admin1 : dict
            Country code -> its admin-1 features as such texts.
        admin1_bounds : dict
            As in the constructor.
        """
        out = cls(admin1_bounds=admin1_bounds)
        out._countries = list(countries)
        out._admin1 = {str(c).upper(): list(fs) for c, fs in admin1.items()}
        return out

    def texts(self) -> dict:
        """Return what :meth:`from_texts` takes, as one JSON-serialisable dict."""
        return {"countries": self._countries, "admin1": self._admin1,
                "admin1_bounds": self.admin1_bounds}

    @staticmethod
    def _collection(texts: Iterable[str]) -> str:
        return '{"type":"FeatureCollection","features":[' + ",".join(texts) + "]}"

    @functools.cached_property
    def countries(self) -> dict:
        """FeatureCollection of the country outlines (parsed once)."""
        return json.loads(self.countries_json)

    @functools.cached_property
    def admin1(self) -> dict:
        """Country code -> list of its admin-1 outline features (parsed once)."""
        return {c: json.loads("[" + ",".join(fs) + "]") for c, fs in self._admin1.items()}

    @functools.cached_property
    def countries_json(self) -> str:
        """The country outlines as page-safe JSON text."""
        return self._collection(self._countries)

    def _codes(self, codes: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted({str(c).upper() for c in codes}))

    def has_countries(self) -> bool:
        """Tell whether there are country outlines."""
        return bool(self._countries)

    def has_admin1(self, codes: Iterable[str]) -> bool:
        """Tell whether any of the countries ``codes`` has admin-1 outlines."""
        return any(self._admin1.get(c) for c in self._codes(codes))

    def admin1_json(self, codes: Iterable[str]) -> str:
        """Return the admin-1 outlines of the countries ``codes`` as page-safe JSON (cached)."""
        key = self._codes(codes)
        if key not in self._admin1_json:
            self._admin1_json[key] = self._collection(
                t for c in key for t in self._admin1.get(c, []))
        return self._admin1_json[key]

    def bounds_of(self, names: Iterable[str]) -> list[list[float]] | None:
        """Return the box around the admin-1 regions ``names`` (None if none is known)."""
        boxes = [self.admin1_bounds[n.casefold()] for n in names
                 if n.casefold() in self.admin1_bounds]
        if not boxes:
            return None
        return [[min(b[0][0] for b in boxes), min(b[0][1] for b in boxes)],
                [max(b[1][0] for b in boxes), max(b[1][1] for b in boxes)]]

    def admin1_for(self, codes: Iterable[str]) -> dict:
        """Return the admin-1 outlines of the countries ``codes`` as a FeatureCollection."""
        return json.loads(self.admin1_json(codes))


def publish_json(text: str, folder: str | Path, stem: str) -> str:
    """Write JSON ``text`` once as ``folder/stem.HASH.json``; return the file's name.

    The name changes with the content, so browsers may cache the file for good.

    Parameters
    ----------
    text : str
        JSON text.
    folder : str or pathlib.Path
        A folder served as static files.
    stem : str
        File name prefix.

    Returns
    -------
    str
        The file name.

    Raises
    ------
    OSError
        If the folder cannot be written.
    """
    from geo.atomic import write_bytes

    data = text.encode("utf-8")
    name = f"{stem}.{hashlib.sha1(data).hexdigest()[:16]}.json"
    path = Path(folder) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data)
    return name


def prepare_outlines(admin1: gpd.GeoDataFrame | None = None,
                     countries: gpd.GeoDataFrame | None = None) -> Outlines:
    """Simplify the gazetteer's outlines for the map's offline base layer.

    Parameters
    ----------
    admin1 : geopandas.GeoDataFrame, optional
        ``gaz.admin1_gdf()`` (a country-code column such as ``iso_a2`` and a ``name``).
    countries : geopandas.GeoDataFrame, optional
        ``gaz.countries_gdf()``.

    Returns
    -------
    Outlines
        Countries at 0.1 degree, admin-1 at 0.03 degree tolerance.
    """
    countries_t = [t for t in _feature_texts(countries, _name_column(countries), 0.1) if t]
    by_country: dict[str, list[str]] = {}
    bounds: dict[str, list] = {}
    if admin1 is not None and not admin1.empty:
        ccol = _country_column(admin1)
        if ccol is not None:
            texts = _feature_texts(admin1, _name_column(admin1), 0.03)
            for code, text in zip(admin1[ccol].astype(str).str.upper(), texts, strict=True):
                if text is not None:
                    by_country.setdefault(code, []).append(text)
        names = admin1[_name_column(admin1)].astype(str).str.casefold()
        for name, (w, s, e, n) in zip(names, admin1.geometry.bounds.to_numpy(), strict=True):
            if np.isfinite([w, s, e, n]).all():
                box = bounds.get(name)
                bounds[name] = ([[s, w], [n, e]] if box is None else
                                [[min(s, box[0][0]), min(w, box[0][1])],
                                 [max(n, box[1][0]), max(e, box[1][1])]])
    return Outlines.from_texts(countries_t, by_country, bounds)


def _name_column(gdf: gpd.GeoDataFrame | None) -> str:
    if gdf is None:
        return "name"
    for col in ("name", "admin1_name", "country_name", "NAME", "name_en"):
        if col in gdf.columns:
            return col
    return "name"


def _country_column(gdf: gpd.GeoDataFrame) -> str | None:
    for col in ("country_code", "iso_a2", "ISO_A2", "cc"):
        if col in gdf.columns:
            return col
    return None


def load_outlines(gazetteer: Any = None
                  ) -> tuple[gpd.GeoDataFrame | None, gpd.GeoDataFrame | None]:
    """Return the offline base layer's (admin-1, countries) outlines.

    From the gazetteer (``gazetteer``, else loaded from its cache) when available,
    else the boundaries GeoParquet (admin-1 only), else ``(None, None)``.

    Parameters
    ----------
    gazetteer : geo.places.gazetteer.Gazetteer, optional
        An already loaded gazetteer.

    Returns
    -------
    tuple
        ``(admin1_gdf, countries_gdf)``, either may be ``None``.
    """
    try:
        if gazetteer is None:
            from geo.places.gazetteer import Gazetteer

            gazetteer = Gazetteer.load()
        return gazetteer.admin1_gdf(), gazetteer.countries_gdf()
    except Exception:  # noqa: BLE001 - the gazetteer may not be built yet
        path = Path(settings.get("boundaries"))
        if path.exists():
            try:
                return gpd.read_parquet(path), None
            except Exception:  # noqa: BLE001
                return None, None
        return None, None



#: The outlines' disk cache, beside the gazetteer's files (built by ``make setup``).
OUTLINES_FILE = "map_outlines.json"
#: Bump when the simplification or the cache's layout changes.
OUTLINES_VERSION = 1


def _source_key(files: list[Path]) -> list:
    return [[f.name, f.stat().st_size, f.stat().st_mtime_ns] for f in files]


def cached_outlines(cache_dir: str | Path | None = None) -> Outlines:
    """Return the offline outlines from their disk cache, building it when missing or stale.

    Simplifying the world's admin-1 polygons takes seconds; done once (``make setup``
    runs this) and kept beside the gazetteer's own files, the app's first page only
    reads a JSON file. The cache is rebuilt when the gazetteer's outline files change.
    Without those files it falls back to :func:`load_outlines` (nothing is cached).

    Parameters
    ----------
    cache_dir : str or pathlib.Path, optional
        The gazetteer's cache folder (default: the ``cache_dir`` setting).

    Returns
    -------
    Outlines
        Countries at 0.1 degree, admin-1 at 0.03 degree tolerance.
    """
    from geo.places.build import ADMIN1_FILE, COUNTRIES_FILE

    folder = Path(cache_dir or settings.get("cache_dir"))
    sources = [folder / ADMIN1_FILE, folder / COUNTRIES_FILE]
    if not all(f.is_file() for f in sources):
        return prepare_outlines(*load_outlines())
    key = {"version": OUTLINES_VERSION, "sources": _source_key(sources)}
    path = folder / OUTLINES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") == key:
            return Outlines.from_texts(data["countries"], data["admin1"], data["admin1_bounds"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # missing, unreadable or of another layout: rebuilt below
    outlines = prepare_outlines(gpd.read_parquet(sources[0]), gpd.read_parquet(sources[1]))
    try:
        from geo.atomic import write_bytes

        write_bytes(path, json.dumps({"key": key, **outlines.texts()},
                                     separators=(",", ":")).encode("utf-8"))
    except OSError:
        pass  # a read-only cache folder: the outlines still serve this process
    return outlines


def main() -> None:
    """Build the outlines' disk cache (``python -m geo.mapview.outlines``, run by ``make``)."""
    outlines = cached_outlines()
    print(f"map outlines: {len(outlines.texts()['countries'])} countries, "
          f"{sum(map(len, outlines.texts()['admin1'].values()))} admin-1 regions cached")


if __name__ == "__main__":
    main()
