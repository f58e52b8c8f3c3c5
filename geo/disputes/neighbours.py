"""Claims about the same place and period: place keys and neighbours in space and time.

Two claims are about the same place when their points lie within a radius (measured on the
sphere) or, for region-level claims, when they name the same region (country, admin-1).
They are about the same period when their dates lie within a window of days. Everything here
is vectorised numpy over arrays of keys, days and coordinates: grids of radius-sized cubes
and window-sized day buckets, so only neighbouring cells are ever compared.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_EARTH_KM = 6371.0088


def place_keys(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                              np.ndarray]:
    """Each claim's place key (int), whether it is a point, a region, and its lat/lon.

    A point's key packs its coordinates rounded to 4 decimals (lat, lon order), so a
    place repeated by many claims is one key; a region's key is negative, one per
    (country, admin-1) of this frame.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``feature_class``, ``geo_precision``, ``latitude``, ``longitude``,
        ``admin1`` and ``country_code``.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray, numpy.ndarray, numpy.ndarray)
        Keys (int64), point mask, region mask, and a (2, n) array of latitude, longitude.
    """
    fc = claims["feature_class"].astype("string").fillna("").to_numpy(object)
    prec = pd.to_numeric(claims.get("geo_precision"), errors="coerce").to_numpy(
        float, na_value=np.nan)
    lat = pd.to_numeric(claims["latitude"], errors="coerce").to_numpy(float, na_value=np.nan)
    lon = pd.to_numeric(claims["longitude"], errors="coerce").to_numpy(float, na_value=np.nan)
    coarse = (fc == "admin1") | (fc == "country")
    point = ((fc == "settlement") | (fc == "other") | (prec <= 2)) & ~coarse & \
        np.isfinite(lat) & np.isfinite(lon)
    admin1 = claims["admin1"].astype("string")
    region = (fc == "admin1") & admin1.notna().to_numpy(dtype=bool) & ~point
    key = np.zeros(len(claims), dtype=np.int64)
    with np.errstate(invalid="ignore"):
        packed = (np.rint(np.nan_to_num(lat) * 1e4).astype(np.int64) + 900_000) * 4_000_000 + \
            (np.rint(np.nan_to_num(lon) * 1e4).astype(np.int64) + 1_800_000)
    key[point] = packed[point]
    if region.any():
        names = (claims["country_code"].astype("string").fillna("") + "|"
                 + admin1.fillna("")).to_numpy(object)
        codes, _ = pd.factorize(names[region])
        key[region] = -(codes.astype(np.int64) + 1)
    return key, point, region, np.stack([lat, lon])


def key_coordinates(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the latitude and longitude a point key packs (NaN for region keys).

    Distances are measured between keys, not the claims' own coordinates, so the same
    places give the same pairs in any frame.
    """
    key = np.asarray(key, dtype=np.int64)
    lat = (key // 4_000_000 - 900_000) / 1e4
    lon = (key % 4_000_000 - 1_800_000) / 1e4
    region = key < 0
    return np.where(region, np.nan, lat), np.where(region, np.nan, lon)


def grid_cells(lat: np.ndarray, lon: np.ndarray, radius_km: float) -> np.ndarray:
    """Return the grid cell of each point (int64), with :func:`cell_offsets` its neighbours.

    Points are placed on the sphere (unit vectors times the Earth's radius) and cut into
    cubes of ``radius_km``: the straight distance between two points is never more than
    their distance along the surface, so two points within ``radius_km`` of each other lie
    in the same or neighbouring cubes, at every latitude.
    """
    base = _cell_base(radius_km)
    phi, lam = np.radians(lat), np.radians(lon)
    xyz = (np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi))
    half = base // 2
    cx, cy, cz = (np.floor(v * _EARTH_KM / radius_km).astype(np.int64) + half for v in xyz)
    return (cx * base + cy) * base + cz


def _cell_base(radius_km: float) -> int:
    """Return the number of cells along an axis (and some), for packing cells in an int."""
    if not radius_km > 0:
        raise ValueError(f"radius_km must be positive, not {radius_km!r}")
    return 2 * int(np.ceil(_EARTH_KM / radius_km)) + 4


def cell_offsets(radius_km: float) -> list[int]:
    """Return the differences of packed cells (:func:`grid_cells`) of the 27 cubes around."""
    base = _cell_base(radius_km)
    return [(dx * base + dy) * base + dz for dx in (-1, 0, 1) for dy in (-1, 0, 1)
            for dz in (-1, 0, 1)]


def cell_count(radius_km: float) -> int:
    """Return a bound of the packed cell values (:func:`grid_cells`)."""
    return _cell_base(radius_km) ** 3


def expand(starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return, for runs ``[start, start + count)``, the run number and position of each member.

    Parameters
    ----------
    starts, counts : numpy.ndarray
        Start and length of each run (int).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``run`` (which run each member belongs to) and ``pos`` (``start + k``).
    """
    counts = counts.astype(np.int64)
    run = np.repeat(np.arange(len(counts)), counts)
    first = np.cumsum(counts) - counts
    pos = np.repeat(starts.astype(np.int64), counts) + (np.arange(len(run)) - first[run])
    return run, pos


def neighbour_pairs(cell_a: np.ndarray, cell_b: np.ndarray,
                    offsets: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Return index pairs (i, j) with ``cell_b[j] == cell_a[i] + o`` for an offset ``o``.

    Parameters
    ----------
    cell_a, cell_b : numpy.ndarray
        Packed cells (int64) of two sets of items (the same array for pairs within one set).
    offsets : list of int
        Differences of packed cells that make two cells neighbours.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Indices into ``cell_a`` and ``cell_b``.
    """
    order = np.argsort(cell_b, kind="stable")
    sorted_b = cell_b[order]
    uniq, starts, counts = np.unique(sorted_b, return_index=True, return_counts=True)
    found_i, found_j = [], []
    idx = np.arange(len(cell_a))
    for off in offsets:
        target = cell_a + off
        at = np.searchsorted(uniq, target)
        hit = at < len(uniq)
        hit[hit] = uniq[at[hit]] == target[hit]
        run, pos = expand(starts[at[hit]], counts[at[hit]])
        found_i.append(idx[hit][run])
        found_j.append(order[pos])
    if not found_i:
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    return np.concatenate(found_i), np.concatenate(found_j)


def near_pairs(lat: np.ndarray, lon: np.ndarray, radius_km: float) -> tuple[np.ndarray,
                                                                            np.ndarray]:
    """Return index pairs (i, j) of points within ``radius_km`` (both orders, i == j too).

    Points go into a grid of ``radius_km`` cubes (:func:`grid_cells`); only neighbouring
    cubes are compared, then distances measured on the sphere (haversine).
    """
    cells = grid_cells(lat, lon, radius_km)
    i, j = neighbour_pairs(cells, cells, cell_offsets(radius_km))
    p1, p2 = np.radians(lat[i]), np.radians(lat[j])
    dl = np.radians(lon[j] - lon[i])
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    km = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    keep = km <= radius_km
    return i[keep], j[keep]


def _space_ranks(key: np.ndarray, point: np.ndarray, radius_km: float
                 ) -> tuple[np.ndarray, list[np.ndarray]]:
    """Each item's place cell as a rank, and per cube offset the rank of the cell there.

    Points: the grid cube of their key's coordinates (:func:`grid_cells`); regions: one
    cell per region key, which meets only itself. Returns the ranks (0 .. cells - 1) and,
    for each of the 27 cube offsets (:func:`cell_offsets`), the rank of the cell at that
    offset from each cell (-1 where there is none).
    """
    lat, lon = key_coordinates(key)
    cube = grid_cells(np.where(point, lat, 0.0), np.where(point, lon, 0.0), radius_km)
    cubes = np.unique(cube[point])
    regions = np.unique(key[~point])
    rank = np.empty(len(key), dtype=np.int64)
    rank[point] = np.searchsorted(cubes, cube[point])
    rank[~point] = len(cubes) + np.searchsorted(regions, key[~point])
    around = []
    for off in cell_offsets(radius_km):
        at = np.searchsorted(cubes, cubes + off)
        hit = at < len(cubes)
        hit[hit] = cubes[at[hit]] == cubes[hit] + off
        to = np.where(hit, at, -1)
        own = np.arange(len(cubes), len(cubes) + len(regions)) if off == 0 else \
            np.full(len(regions), -1)
        around.append(np.concatenate([to, own]).astype(np.int64))
    return rank, around


def same_period_pairs(key: np.ndarray, point: np.ndarray, day: np.ndarray,
                      radius_km: float, window_days: int) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of items about the same place and period (both orders, self too).

    Items go into space-time cells (grid cubes of ``radius_km``, or one per region, by
    day buckets of ``window_days + 1``); only neighbouring cells are compared, one cell
    offset at a time, and each offset's candidates are cut to the pairs within the
    radius (on the sphere, between the place keys' coordinates) and the window before
    the next: memory grows with the pairs found, not with every pair of places near each
    other on any day.

    Parameters
    ----------
    key, point, day : numpy.ndarray
        Each item's place key, whether the key is a point, and its day (int days).
    radius_km, window_days
        What counts as the same place and period.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Index pairs (u, v) into the items.
    """
    key = np.asarray(key, dtype=np.int64)
    point = np.asarray(point, dtype=bool)
    day = np.asarray(day, dtype=np.int64)
    if not len(key):
        return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
    rank, around = _space_ranks(key, point, radius_km)
    bucket = np.floor_divide(day, window_days + 1)
    bucket = bucket - bucket.min() + 1
    span = int(bucket.max()) + 2
    slot = rank * span + bucket
    order = np.argsort(slot, kind="stable")
    uslot, starts, counts = np.unique(slot[order], return_index=True, return_counts=True)
    srank, sbucket = uslot // span, uslot % span
    lat, lon = key_coordinates(key)
    found_u, found_v = [], []
    for to in around:
        there = to[srank]
        for db in (-1, 0, 1):
            target = there * span + sbucket + db
            at = np.searchsorted(uslot, target)
            hit = (there >= 0) & (at < len(uslot))
            hit[hit] = uslot[at[hit]] == target[hit]
            sa, sb = np.flatnonzero(hit), at[hit]
            # items of slot a x items of slot b
            r1, pa = expand(starts[sa], counts[sa])
            sb_rep = sb[r1]
            r2, pb = expand(starts[sb_rep], counts[sb_rep])
            u, v = order[pa[r2]], order[pb]
            keep = np.abs(day[u] - day[v]) <= window_days
            u, v = u[keep], v[keep]
            both = point[u]  # a region's cell holds only that region: same key
            p1, p2 = np.radians(lat[u[both]]), np.radians(lat[v[both]])
            dl = np.radians(lon[v[both]] - lon[u[both]])
            h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
            near = np.ones(len(u), dtype=bool)
            near[both] = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1))) <= radius_km
            found_u.append(u[near])
            found_v.append(v[near])
    return np.concatenate(found_u), np.concatenate(found_v)


__all__ = ["cell_count", "cell_offsets", "expand", "grid_cells", "key_coordinates",
           "near_pairs", "neighbour_pairs",
           "place_keys", "same_period_pairs"]
