"""The claims the browser draws: one compact, escaped payload per filter (see claims_map.js).

Claims are drawn at the scale they speak of:

* settlement claims (and claims near a settlement) as points, clustered;
* region claims (admin-1 and other areas) as the region's polygon, shaded by how
  many claims it has, with the types in the tooltip;
* country-level claims never fill the country: one badge per country (at its
  capital) lists them, and the legend lists them at every zoom.

Every column is an index into a shared lookup table (days, types, claimants,
places), so the payload grows by a few bytes per claim; the full popup (evidence
sentence, source) travels for the most recent claims only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.country_points import capitals, is_country_level
from geo.mapview.popups import claim_popup_html, esc
from geo.mapview.prep import date_of, is_point, round_geom
from geo.mapview.styles import OTHER_COLOR, TYPE_COLORS, side_color
from geo.schema import CLAIM_TYPES

#: Point claims (most recent first) whose popup carries the full evidence, at most this
#: many and at most DETAIL_BUDGET characters of popup HTML in all; the others carry
#: type, date, claimant and place (their evidence is in the Claims table).
DETAIL_LIMIT = 2000
DETAIL_BUDGET = 300_000
#: Region and country claims whose popup carries the full evidence (most recent first).
AREA_DETAIL_LIMIT = 2000
#: Simplification tolerance of region polygons on the map, in degrees (about 1 km).
MAP_TOLERANCE = 0.01

_POPUP_COLUMNS = ("claim_type", "event_date", "published", "claimant", "actor", "place_name",
                  "quantity", "quantity_max", "unit", "qualifier", "sentence", "source",
                  "title", "url", "author", "reference_events", "assessed_control",
                  "assessed_area_km2")


class _Table:
    """A lookup table shared by the payload's columns: values -> small integer codes."""

    def __init__(self, escape: bool = True) -> None:
        self.index: dict[str, int] = {}
        self.values: list[str] = []
        self.escape = escape

    def codes(self, values: pd.Series) -> list[int]:
        uniques, inverse = np.unique(values.fillna("").astype(str).to_numpy(),
                                     return_inverse=True)
        mapped = np.array([self._code(u) for u in uniques], dtype=np.int64)
        return mapped[inverse].tolist() if len(uniques) else []

    def _code(self, value: str) -> int:
        if value not in self.index:
            self.index[value] = len(self.values)
            self.values.append(esc(value) if self.escape else value)
        return self.index[value]


def _latlon(claims: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Point claims' latitude/longitude: the geometry, else the stored columns."""
    geom = claims.geometry
    has_geom = ~(geom.isna() | geom.is_empty).to_numpy()
    stored_lat = pd.to_numeric(claims["latitude"], errors="coerce").to_numpy(dtype=float)
    stored_lon = pd.to_numeric(claims["longitude"], errors="coerce").to_numpy(dtype=float)
    if not has_geom.any():
        return stored_lat, stored_lon
    x = np.full(len(claims), np.nan)
    y = np.full(len(claims), np.nan)
    pts = geom[has_geom]
    x[has_geom] = pts.x.to_numpy(dtype=float)
    y[has_geom] = pts.y.to_numpy(dtype=float)
    return np.where(has_geom, y, stored_lat), np.where(has_geom, x, stored_lon)


def _popups(rows: pd.DataFrame, limit: int, budget: int | None = None) -> list[str]:
    cols = [c for c in _POPUP_COLUMNS if c in rows.columns]
    values = [rows[c].iloc[:limit].astype(object).to_numpy() for c in cols]
    out, size = [], 0
    for i in range(min(limit, len(rows))):
        popup = claim_popup_html({c: v[i] for c, v in zip(cols, values, strict=True)})
        size += len(popup)
        if budget is not None and size > budget:
            break
        out.append(popup)
    return out


def _short_popup(row: Any) -> str:
    ctype = row.get("claim_type")
    color = TYPE_COLORS.get(ctype, OTHER_COLOR)
    return (f'<div class="claim-popup"><b style="color:{color}">{esc(ctype)}</b> · '
            f"{esc(row.get('_date'))}"
            + (f"<br><i>claimant:</i> {esc(row.get('claimant'))}"
               if not pd.isna(row.get("claimant")) else "")
            + "<br><small>evidence: see the Claims table</small></div>")


def _area_popups(rows: pd.DataFrame) -> list[str]:
    """Full popups for the most recent area claims, short ones for the rest (same order)."""
    full = _popups(rows, AREA_DETAIL_LIMIT)
    rest = rows.iloc[len(full):]
    return full + [_short_popup(r) for r in rest[["claim_type", "_date", "claimant"]]
                   .to_dict("records")]


def _bounds(lat: Sequence[float], lon: Sequence[float]) -> list[list[float]] | None:
    lat, lon = np.asarray(lat, dtype=float), np.asarray(lon, dtype=float)
    ok = np.isfinite(lat) & np.isfinite(lon)
    if not ok.any():
        return None
    return [[float(lat[ok].min()), float(lon[ok].min())],
            [float(lat[ok].max()), float(lon[ok].max())]]


def _merge_bounds(*boxes: list[list[float]] | None) -> list[list[float]] | None:
    boxes = [b for b in boxes if b]
    if not boxes:
        return None
    return [[min(b[0][0] for b in boxes), min(b[0][1] for b in boxes)],
            [max(b[1][0] for b in boxes), max(b[1][1] for b in boxes)]]


def _sides(claims: pd.DataFrame) -> pd.Series:
    """Each claim's claimant side, "unattributed" where it names none."""
    if "claimant_side" not in claims.columns:
        return pd.Series("unattributed", index=claims.index, dtype=object)
    return claims["claimant_side"].astype("string").fillna("unattributed").astype(str)


def claims_payload(claims: gpd.GeoDataFrame, *, detail_limit: int = DETAIL_LIMIT,
                   view: tuple[float, float, int] | None = None,
                   fit: list[list[float]] | None = None, fit_key: str | None = None,
                   date_range: tuple[str, str] | None = None,
                   tolerance: float = MAP_TOLERANCE, color_by: str = "type") -> dict:
    """Return what the browser draws for ``claims`` (already filtered).

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims conforming to :mod:`geo.schema`.
    detail_limit : int, optional
        Point claims (most recent first) whose popup carries the evidence (also
        bounded by :data:`DETAIL_BUDGET` characters).
    view : tuple, optional
        ``(lat, lon, zoom)`` to open at (first load only); default: fit the claims.
    fit : list, optional
        ``[[south, west], [north, east]]`` to fit (with a margin) when ``fit_key``
        differs from the previous payload's: a new region or country filter.
    fit_key : str, optional
        What ``fit`` stands for (the region/country selection).
    date_range : tuple of str, optional
        The filter's date range (ISO dates): the play-through walks it day by day.
    tolerance : float, optional
        Simplification of region polygons, in degrees.
    color_by : {"type", "side"}, optional
        What a claim's colour (and its legend entry) says: its claim type, or the side
        its claimant speaks for (``types`` then lists sides, most claims first).

    Returns
    -------
    dict
        ``days``, ``types`` (``[name, colour]``), ``typeOrder``, ``claimants``,
        ``places``; ``pts`` (columns ``lat``/``lon`` in 1e-4 degrees, ``t``, ``d``, ``c``,
        ``p``, and ``details``), ``regions`` and ``countries`` (``features`` and claim
        columns ``r``/``k``, ``t``, ``d``, ``popups``); ``total``, ``drawn``,
        ``bounds``, ``view``, ``fit``, ``fitKey``, ``range``.
    """
    claims = claims.assign(_date=date_of(claims).str[:10]) if len(claims) else claims.assign(
        _date=pd.Series(dtype=str))
    days_sorted = sorted({d for d in claims["_date"] if d})
    day_index = {d: i for i, d in enumerate(days_sorted)}
    by_side = color_by == "side"
    claims = claims.assign(_cat=_sides(claims) if by_side else
                           claims["claim_type"].fillna("other").astype(str))
    present = list(dict.fromkeys(claims["_cat"]))
    if by_side:
        counts = claims["_cat"].value_counts()
        order = sorted(present, key=lambda s: (-counts[s], s))
    else:
        order = [t for t in CLAIM_TYPES if t in present] + sorted(
            t for t in present if t not in CLAIM_TYPES)
    type_index = {t: i for i, t in enumerate(order)}
    claimants, places = _Table(), _Table()

    total = len(claims)
    has_date = claims["_date"] != ""
    claims = claims[has_date.to_numpy()].sort_values("_date", ascending=False, kind="stable")
    country = is_country_level(claims)
    point = is_point(claims) & ~country if len(claims) else np.zeros(0, dtype=bool)
    region = ~point & ~country

    def tcodes(rows: pd.DataFrame) -> list[int]:
        return [type_index[t] for t in rows["_cat"]]

    def dcodes(rows: pd.DataFrame) -> list[int]:
        return [day_index[d] for d in rows["_date"]]

    # settlements: points
    pts = claims[point]
    lat, lon = _latlon(pts) if len(pts) else (np.zeros(0), np.zeros(0))
    ok = np.isfinite(lat) & np.isfinite(lon)
    pts, lat, lon = pts[ok], lat[ok], lon[ok]
    pts_payload = {
        "lat": np.rint(lat * 1e4).astype(np.int64).tolist(),
        "lon": np.rint(lon * 1e4).astype(np.int64).tolist(),
        "t": tcodes(pts), "d": dcodes(pts), "c": claimants.codes(pts["claimant"]),
        "p": places.codes(pts["place_name"].fillna(pts["location_text"])),
        "details": _popups(pts, detail_limit, DETAIL_BUDGET),
    }

    # regions: one polygon per place, the claims listed against it
    areas = claims[region]
    region_features, r_codes = [], []
    if len(areas):
        key = areas["place_id"].fillna(areas["place_name"]).fillna(
            areas.geometry.to_wkb().map(hash).astype(str))
        codes, uniques = pd.factorize(key, sort=False)
        r_codes = codes.tolist()
        _, first_rows = np.unique(codes, return_index=True)  # sorted by code
        for pos in first_rows:
            first = areas.iloc[pos]
            geom = first.geometry
            if geom is not None and not geom.is_empty:
                geom = round_geom(shapely.simplify(geom, tolerance, preserve_topology=True), 3)
            region_features.append({
                "name": esc(first["place_name"] if not pd.isna(first["place_name"])
                            else first["location_text"]),
                "kind": "region" if first["feature_class"] == "admin1" else "area",
                "geometry": None if geom is None or geom.is_empty
                else json.loads(shapely.to_geojson(geom))})
    regions_payload = {"features": region_features, "r": r_codes, "t": tcodes(areas),
                       "d": dcodes(areas), "popups": _area_popups(areas) if len(areas) else []}

    # countries: badges at the capital, never a filled country
    whole = claims[country]
    country_features, k_codes = [], []
    if len(whole):
        cc = whole["country_code"].fillna("").astype(str).str.upper()
        codes, uniques = pd.factorize(cc, sort=False)
        k_codes = codes.tolist()
        caps = capitals()
        for i, code in enumerate(uniques):
            rows = whole[codes == i]
            name = rows["place_name"].dropna()
            name = str(name.iloc[0]) if len(name) else code
            if code in caps:
                clat, clon = caps[code][0], caps[code][1]
            else:
                clat = float(pd.to_numeric(rows["latitude"], errors="coerce").iloc[0])
                clon = float(pd.to_numeric(rows["longitude"], errors="coerce").iloc[0])
            country_features.append({"name": esc(name), "cc": esc(code), "lat": round(clat, 4),
                                     "lon": round(clon, 4)})
    countries_payload = {"features": country_features, "k": k_codes, "t": tcodes(whole),
                         "d": dcodes(whole),
                         "popups": _area_popups(whole) if len(whole) else []}

    area_lat = pd.to_numeric(areas["latitude"], errors="coerce") if len(areas) else []
    area_lon = pd.to_numeric(areas["longitude"], errors="coerce") if len(areas) else []
    bounds = _merge_bounds(_bounds(lat, lon), _bounds(area_lat, area_lon))
    if bounds is None and country_features:
        bounds = _bounds([f["lat"] for f in country_features],
                         [f["lon"] for f in country_features])
    return {
        "days": days_sorted,
        "types": [[esc(t), side_color(t) if by_side else TYPE_COLORS.get(t, OTHER_COLOR)]
                  for t in order],
        "typeOrder": list(range(len(order))),
        "claimants": claimants.values, "places": places.values,
        "pts": pts_payload, "regions": regions_payload, "countries": countries_payload,
        "total": int(total), "drawn": int(len(pts) + len(areas) + len(whole)),
        "bounds": bounds, "view": list(view) if view else None, "fit": fit,
        "fitKey": fit_key, "range": list(date_range) if date_range else None,
    }
