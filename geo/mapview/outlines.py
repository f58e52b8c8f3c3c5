"""The offline base layer: country and admin-1 outlines from the gazetteer, simplified once."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import settings
from geo.mapview.popups import esc, json_for_script
from geo.mapview.prep import round_geom


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
    if gdf is None or gdf.empty:
        return {"type": "FeatureCollection", "features": []}
    geoms = shapely.simplify(gdf.geometry.to_numpy(), tolerance, preserve_topology=True)
    geoms = round_geom(geoms, ndigits)
    names = gdf[name_col] if name_col in gdf.columns else pd.Series("", index=gdf.index)
    features = []
    for geom, name in zip(geoms, names, strict=True):
        if geom is None or geom.is_empty:
            continue
        features.append({"type": "Feature", "geometry": json.loads(shapely.to_geojson(geom)),
                         "properties": {"tooltip": esc(name)}})
    return {"type": "FeatureCollection", "features": features}


@dataclass(frozen=True)
class Outlines:
    """Offline base-layer outlines, simplified once (cache it; building takes ~0.3 s).

    Attributes
    ----------
    countries : dict
        FeatureCollection of country outlines.
    admin1 : dict
        Country code -> FeatureCollection features of its admin-1 outlines.
    admin1_bounds : dict
        Admin-1 name (case-folded) -> ``[[south, west], [north, east]]`` (region filters
        fit these).
    """

    countries: dict
    admin1: dict
    admin1_bounds: dict = field(default_factory=dict)

    @functools.cached_property
    def countries_json(self) -> str:
        """The country outlines as page-safe JSON text (serialised once)."""
        return json_for_script(self.countries)

    def admin1_json(self, codes: Iterable[str]) -> str:
        """Return the admin-1 outlines of the countries ``codes`` as page-safe JSON (cached)."""
        key = tuple(sorted({str(c).upper() for c in codes}))
        cache = self.__dict__.setdefault("_admin1_json", {})  # frozen: no attribute set
        if key not in cache:
            cache[key] = json_for_script(self.admin1_for(key))
        return cache[key]

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
        feats = [f for c in sorted({str(c).upper() for c in codes}) for f in
                 self.admin1.get(c, [])]
        return {"type": "FeatureCollection", "features": feats}


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
    countries_fc = outline_features(countries, _name_column(countries), 0.1)
    by_country: dict[str, list] = {}
    bounds: dict[str, list] = {}
    if admin1 is not None and not admin1.empty:
        ccol = _country_column(admin1)
        if ccol is not None:
            fc = outline_features(admin1, _name_column(admin1), 0.03)
            keep = [not (g is None or g.is_empty) for g in admin1.geometry]
            codes = [c for c, k in zip(admin1[ccol].astype(str).str.upper(), keep, strict=True)
                     if k]
            for code, feat in zip(codes, fc["features"], strict=True):
                by_country.setdefault(code, []).append(feat)
        names = admin1[_name_column(admin1)].astype(str).str.casefold()
        for name, (w, s, e, n) in zip(names, admin1.geometry.bounds.to_numpy(), strict=True):
            if np.isfinite([w, s, e, n]).all():
                box = bounds.get(name)
                bounds[name] = ([[s, w], [n, e]] if box is None else
                                [[min(s, box[0][0]), min(w, box[0][1])],
                                 [max(n, box[1][0]), max(e, box[1][1])]])
    return Outlines(countries=countries_fc, admin1=by_country, admin1_bounds=bounds)


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

