"""Claims against reference layers: which coded events and assessed areas back a claim.

Pure functions over frames (no store, no files):

* :func:`match_events` -- for each claim, the ids of the reference events of a
  compatible type (:data:`geo.reference.types.COMPATIBLE`) that lie within ``km`` of the
  claim's place (inside it, for a region or country) and whose dates come within
  ``days`` of the claim's date (``event_date``, else ``published``). Joined by ``;``;
  ``""`` when none match.
* :func:`assessed_control` -- for ``control`` and ``advance`` claims with an actor:
  ``inside`` when the actor's assessed area on the claim's date (its latest snapshot on
  or before that date) contains the place, ``later`` when only a later snapshot does,
  ``never`` when no snapshot on or after the date does, ``None`` when the control layer
  does not cover the place (no snapshot of that side, or the place farther than
  ``coverage_km`` from every control polygon of any side).
* :func:`assessed_area_km2` -- for claims counting km² or settlements, the area of the
  claimant side's (else the actor's) assessed polygons on the claim's date inside the
  claim's region, measured in a Lambert azimuthal equal-area projection centred on the
  region.
* :func:`corroborate` -- all three as columns of a copy of the claims.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from geo.reference.types import COMPATIBLE, CONTROL_CLAIM_TYPES

#: Default matching window: distance (km) and days either side of the claim's date.
DEFAULT_KM = 25.0
DEFAULT_DAYS = 3
#: A control layer covers places within this distance (km) of any of its polygons.
DEFAULT_COVERAGE_KM = 50.0
_EARTH_KM = 6371.0088
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_AREA_UNITS = ("km2", "settlements")
_CORROBORATION_DTYPES = {"reference_events": "string", "assessed_control": "string",
                         "assessed_area_km2": "Float64"}


def _ordinals(values: pd.Series) -> np.ndarray:
    """ISO date strings -> proleptic ordinals (-1 for missing or unparseable)."""
    parsed = pd.to_datetime(values.astype("string").str[:10], format="%Y-%m-%d",
                            errors="coerce")
    days = (parsed - pd.Timestamp("1970-01-01")).dt.days
    return (days + _EPOCH_ORDINAL).fillna(-1).astype(np.int64).to_numpy()


def claim_dates(claims: pd.DataFrame) -> np.ndarray:
    """Return the claims' effective dates as ordinals: ``event_date``, else ``published``."""
    date = claims["event_date"].astype("string").fillna(claims["published"].astype("string"))
    return _ordinals(date)


def _objects(values: pd.Series) -> np.ndarray:
    """Return a column as plain Python objects, missing values as None."""
    return values.astype(object).where(values.notna(), None).to_numpy()


def _haversine_km(lat1: float, lon1: float, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dlat = p2 - p1
    dlon = np.radians(lon2 - lon1)
    a = np.sin(dlat / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def match_events(claims: gpd.GeoDataFrame, events: gpd.GeoDataFrame, *,
                 km: float = DEFAULT_KM, days: int = DEFAULT_DAYS) -> pd.Series:
    """Return, per claim, the ``;``-joined ids of the reference events that match it.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims (``claim_type``, ``event_date``, ``published``, ``latitude``,
        ``longitude``, geometry).
    events : geopandas.GeoDataFrame
        Reference events (:data:`geo.reference.common.EVENT_COLUMNS`).
    km : float
        Largest distance between the claim's place and the event's point; for a claim
        placed on a polygon (region, country) the event must lie inside the polygon or
        within ``km`` of its representative point.
    days : int
        Largest gap between the claim's date and the event's date range.

    Returns
    -------
    pandas.Series
        ``string`` dtype, indexed like ``claims``: ids sorted, ``""`` when none match.
    """
    out = pd.Series("", index=claims.index, dtype="string")
    if not len(claims) or not len(events):
        return out
    start = _ordinals(events["event_date"])
    end = np.maximum(_ordinals(events["date_end"].fillna(events["event_date"])), start)
    order = np.argsort(start, kind="stable")
    start, end = start[order], end[order]
    lat = events["latitude"].astype("float64").to_numpy(na_value=np.nan)[order]
    lon = events["longitude"].astype("float64").to_numpy(na_value=np.nan)[order]
    cat_codes, cat_names = pd.factorize(events["category"].astype("string").fillna(""))
    cat = np.asarray(cat_codes)[order]
    # allowed[claim_type] = boolean array over the events' category codes
    allowed_of = {t: np.array([c in cats for c in cat_names], dtype=bool)
                  for t, cats in COMPATIBLE.items()}
    ids = events["ref_id"].astype(object).to_numpy()[order]
    pts = np.asarray(events.geometry.values, dtype=object)[order]
    span = int((end - start).max()) if len(start) else 0
    cdate = claim_dates(claims)
    ctype = _objects(claims["claim_type"])
    clat = claims["latitude"].astype("float64").to_numpy(na_value=np.nan)
    clon = claims["longitude"].astype("float64").to_numpy(na_value=np.nan)
    cgeom = np.asarray(claims.geometry.values, dtype=object)
    polygonal = np.isin(shapely.get_type_id(cgeom), (3, 6))
    values = []
    for i in range(len(claims)):
        d = cdate[i]
        allowed = allowed_of.get(ctype[i])
        if d < 0 or allowed is None or not allowed.any():
            values.append("")
            continue
        lo = np.searchsorted(start, d - days - span, side="left")
        hi = np.searchsorted(start, d + days, side="right")
        if hi <= lo:
            values.append("")
            continue
        sl = slice(lo, hi)
        ok = end[sl] >= d - days
        ok &= allowed[cat[sl]]
        if not ok.any():
            values.append("")
            continue
        near = np.zeros(hi - lo, dtype=bool)
        if not np.isnan(clat[i]):
            cand = np.flatnonzero(ok)
            near[cand] = _haversine_km(clat[i], clon[i], lat[sl][cand], lon[sl][cand]) <= km
        if polygonal[i]:
            cand = np.flatnonzero(ok & ~near)
            if len(cand):
                inside = shapely.contains(cgeom[i], pts[sl][cand])
                near[cand[inside]] = True
        hit = ok & near
        values.append(";".join(sorted(ids[sl][hit])) if hit.any() else "")
    out[:] = values
    return out


def _claim_sides(claims: pd.DataFrame, column_order: tuple[str, ...]) -> np.ndarray:
    """Return the first non-missing, non-``independent`` side among ``column_order``, folded."""
    side = pd.Series(pd.NA, index=claims.index, dtype="string")
    for col in column_order:
        if col in claims.columns:
            s = claims[col].astype("string")
            s = s.where(s.str.lower() != "independent")
            side = side.fillna(s)
    return _objects(side.str.casefold())


class _Snapshots:
    """Control polygons by side, one dissolved geometry per (side, date)."""

    def __init__(self, control: gpd.GeoDataFrame) -> None:
        frame = control[control.geometry.notna() & ~control.geometry.is_empty]
        geoms = np.asarray(frame.geometry.values, dtype=object)
        codes, names = pd.factorize(frame["side"].astype("string").str.casefold(), sort=True)
        codes, days = np.asarray(codes), _ordinals(frame["date"])
        # where the layer reaches: the union of every polygon's envelope, prepared once
        self.reach = shapely.union_all(shapely.envelope(geoms)) if len(geoms) else None
        if self.reach is not None:
            shapely.prepare(self.reach)
        # a polygon without a side or a readable date belongs to no snapshot
        keep = (codes >= 0) & (days >= 0)
        codes, days, geoms = codes[keep], days[keep], geoms[keep]
        order = np.lexsort((days, codes))  # by side, then date
        codes, days, geoms = codes[order], days[order], geoms[order]
        self.by_side: dict[str, tuple[np.ndarray, list]] = {}
        # one block of rows per (side, date); a block of one polygon needs no union
        starts = np.flatnonzero(np.r_[True, (codes[1:] != codes[:-1])
                                      | (days[1:] != days[:-1])])
        ends = np.r_[starts[1:], len(codes)]
        for code in np.unique(codes):
            mine = np.flatnonzero(codes[starts] == code)
            self.by_side[str(names[code])] = (
                days[starts[mine]].astype(np.int64),
                [geoms[starts[i]] if ends[i] - starts[i] == 1
                 else shapely.union_all(geoms[starts[i]:ends[i]]) for i in mine])

    def covered(self, geoms: np.ndarray, coverage_km: float) -> np.ndarray:
        """Tell, per geometry, whether a control polygon's envelope lies within reach."""
        out = np.zeros(len(geoms), dtype=bool)
        present = np.flatnonzero(np.array([g is not None for g in geoms], dtype=bool))
        if self.reach is None or not len(present):
            return out
        # 111 km to a degree of latitude; generous in longitude away from the equator
        out[present] = shapely.dwithin(self.reach, geoms[present], coverage_km / 111.0)
        return out

    def on_or_before(self, side: str, day: int):
        dates, geoms = self.by_side.get(side, (np.array([], dtype=np.int64), []))
        k = np.searchsorted(dates, day, side="right") - 1
        return (int(dates[k]), geoms[k]) if k >= 0 else (None, None)


def assessed_control(claims: gpd.GeoDataFrame, control: gpd.GeoDataFrame, *,
                     coverage_km: float = DEFAULT_COVERAGE_KM) -> pd.Series:
    """Return, per claim, ``inside``, ``later``, ``never`` or missing (see module doc).

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims (``claim_type``, ``actor``, dates, geometry).
    control : geopandas.GeoDataFrame
        Control polygons (``side``, ``date``, geometry).
    coverage_km : float
        How far from every control polygon a place stops being covered by the layer.

    Returns
    -------
    pandas.Series
        ``string`` dtype indexed like ``claims``.
    """
    out = pd.Series(pd.NA, index=claims.index, dtype="string")
    if not len(claims) or not len(control):
        return out
    snaps = _Snapshots(control)
    sides = _claim_sides(claims, ("actor",))
    days = claim_dates(claims)
    types = _objects(claims["claim_type"])
    geoms = np.asarray(claims.geometry.values, dtype=object)
    todo = np.array([t in CONTROL_CLAIM_TYPES and isinstance(sd, str) and sd in snaps.by_side
                     and g is not None for t, sd, g in zip(types, sides, geoms, strict=True)],
                    dtype=bool) & (days >= 0)
    todo[todo] = snaps.covered(geoms[todo], coverage_km)
    values = np.full(len(claims), None, dtype=object)
    idx_all = np.flatnonzero(todo)
    side_of = sides[idx_all]
    for side in sorted(set(side_of)):
        idx = idx_all[side_of == side]
        dates, polys = snaps.by_side[side]
        # each claim's snapshot: the side's latest on or before its date (-1: none)
        k = np.searchsorted(dates, days[idx], side="right") - 1
        inside = np.zeros(len(idx), dtype=bool)
        later = np.zeros(len(idx), dtype=bool)
        # one spatial query per snapshot over the side's claims (the tree narrows by
        # envelope, the predicate runs on the prepared snapshot), not one per claim
        tree = shapely.STRtree(geoms[idx])
        for j, poly in enumerate(polys):
            hit = tree.query(poly, predicate="intersects")
            if len(hit):
                inside[hit[k[hit] == j]] = True
                later[hit[k[hit] < j]] = True
        values[idx] = np.where(inside, "inside", np.where(later, "later", "never"))
    out[:] = pd.array(values, dtype="string")
    return out


@lru_cache(maxsize=256)
def _laea(lat: float, lon: float) -> pyproj.Transformer:
    crs = pyproj.CRS.from_proj4(f"+proj=laea +lat_0={lat:.4f} +lon_0={lon:.4f} "
                                "+datum=WGS84 +units=m +no_defs")
    return pyproj.Transformer.from_crs("EPSG:4326", crs, always_xy=True)  # x = lon, y = lat


def area_km2(geom) -> float:
    """Area of a WGS84 geometry in km², in an equal-area projection centred on it."""
    if geom is None or geom.is_empty:
        return 0.0
    c = geom.representative_point()
    tr = _laea(round(c.y, 1), round(c.x, 1))
    return float(shapely.area(shapely.transform(geom, tr.transform, interleaved=False))) / 1e6


def assessed_area_km2(claims: gpd.GeoDataFrame, control: gpd.GeoDataFrame,
                      regions: gpd.GeoDataFrame | None = None) -> pd.Series:
    """Return, per claim with a km² or settlement count, the side's assessed area in km².

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims (``unit``, ``claimant_side`` if present, ``actor``, dates, geometry).
    control : geopandas.GeoDataFrame
        Control polygons.
    regions : geopandas.GeoDataFrame, optional
        Admin-1 polygons with ``country_code`` and ``admin1`` columns: the region a claim
        placed on a settlement is measured in. Without it, only claims placed on a polygon
        (a region or country) get an area.

    Returns
    -------
    pandas.Series
        ``Float64`` indexed like ``claims``; missing where the claim counts no area or
        settlements, names no side, or the side has no snapshot on or before its date.
    """
    out = pd.Series(pd.NA, index=claims.index, dtype="Float64")
    if not len(claims) or not len(control) or "unit" not in claims.columns:
        return out
    snaps = _Snapshots(control)
    sides = _claim_sides(claims, ("claimant_side", "actor"))
    days = claim_dates(claims)
    units = _objects(claims["unit"])
    geoms = np.asarray(claims.geometry.values, dtype=object)
    region_of = {}
    if regions is not None and len(regions):
        for cc, a1, g in zip(regions["country_code"], regions["admin1"], regions.geometry,
                             strict=True):
            region_of[(str(cc).upper(), str(a1).casefold())] = g
    cc = pd.Series(_objects(claims.get("country_code", pd.Series(pd.NA, index=claims.index))))
    a1 = pd.Series(_objects(claims.get("admin1", pd.Series(pd.NA, index=claims.index))))
    cache: dict[tuple, float] = {}
    values: list[object] = []
    for i in range(len(claims)):
        side, geom = sides[i], geoms[i]
        if units[i] not in _AREA_UNITS or not isinstance(side, str) or days[i] < 0:
            values.append(pd.NA)
            continue
        region = geom if geom is not None and geom.geom_type in ("Polygon",
                                                                 "MultiPolygon") else None
        if region is None and isinstance(cc.iloc[i], str) and isinstance(a1.iloc[i], str):
            region = region_of.get((cc.iloc[i].upper(), a1.iloc[i].casefold()))
        date, poly = snaps.on_or_before(side, days[i])
        if region is None or poly is None:
            values.append(pd.NA)
            continue
        key = (side, date, region.wkb)
        if key not in cache:
            cache[key] = round(area_km2(shapely.intersection(poly, region)), 1)
        values.append(cache[key])
    out[:] = values
    return out


def corroborate(claims: gpd.GeoDataFrame, events: gpd.GeoDataFrame | None,
                control: gpd.GeoDataFrame | None, *, km: float = DEFAULT_KM,
                days: int = DEFAULT_DAYS, coverage_km: float = DEFAULT_COVERAGE_KM,
                regions: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Return a copy of ``claims`` with the three corroboration columns filled in.

    The columns are ``reference_events``, ``assessed_control`` and ``assessed_area_km2``.

    ``reference_events`` stays missing when there are no reference events at all (nothing
    to check against) and is ``""`` when events exist but none match.
    """
    out = claims.copy()
    for col, dtype in _CORROBORATION_DTYPES.items():
        out[col] = pd.Series(pd.NA, index=out.index, dtype=dtype)
    if events is not None and len(events):
        out["reference_events"] = match_events(claims, events, km=km, days=days)
    if control is not None and len(control):
        out["assessed_control"] = assessed_control(claims, control, coverage_km=coverage_km)
        out["assessed_area_km2"] = assessed_area_km2(claims, control, regions)
    return out


def unsupported(claims: pd.DataFrame) -> pd.Series:
    """Boolean mask of claims no reference supports: no matching event and not ``inside``.

    A claim counts as supported when ``reference_events`` names at least one event or
    ``assessed_control`` is ``inside``.
    """
    events = claims.get("reference_events", pd.Series(pd.NA, index=claims.index))
    control = claims.get("assessed_control", pd.Series(pd.NA, index=claims.index))
    has_event = events.astype("string").fillna("").str.len() > 0
    inside = control.astype("string").fillna("") == "inside"
    return ~(has_event | inside)
