"""Claim-table helpers shared by the map's layers (pure, vectorised over the claims table)."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.filters import effective_date
from geo.mapview.popups import esc


def date_of(claims: pd.DataFrame) -> pd.Series:
    """Return each claim's effective date (event date, else published) as text ('' if none)."""
    return effective_date(claims).fillna("").astype(str)


def is_point(claims: gpd.GeoDataFrame) -> np.ndarray:
    """Return the mask of claims drawn as points (point or missing geometry)."""
    geom_type = claims.geometry.geom_type.to_numpy()
    return (geom_type == "Point") | pd.isna(geom_type)


def codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Return integer codes of ``values`` and the escaped lookup table they index."""
    codes, uniques = pd.factorize(values.fillna(""), sort=False)
    return codes, [esc(u) for u in uniques]


def round_geom(geom: Any, ndigits: int) -> Any:
    """Return ``geom`` (or an array of geometries) with coordinates rounded to ``ndigits``."""
    return shapely.transform(geom, lambda c: np.round(c, ndigits))
