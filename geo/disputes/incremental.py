"""Disputes on ingest: recompute only the stored claims an ingest batch can change.

A batch (the claims about to be written) and the stored claims it replaces change the
``support_count`` only of stored claims about the same place and period as one of them
(their *neighbours*), and the ``contest_id`` only of those neighbours and of the other
members of the disputes they belonged to. So the recomputation runs over

- the neighbours ``A`` of the batch and of the replaced claims,
- the neighbours of ``A`` (the claims ``A``'s support is counted from),
- every stored claim sharing a ``contest_id`` with ``A`` or with a replaced claim (read from
  the store by contest id: a dispute may reach beyond the batch's days),

and writes back the support of ``A`` and the contest ids of ``A`` and those dispute members.
A store reads only :data:`PLACE_COLUMNS` of the claims in the batch's days, and the full rows
(:data:`STORED_COLUMNS`) of the few the recomputation runs over. The result is the same as
recomputing the whole store (``tests/test_disputes_incremental.py``
checks it on random stores and batches). Neighbours are found on a grid of
radius-sized cells and window-sized day buckets, a superset of the exact pairs.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from geo.disputes.contests import (
    DISPUTE_COLUMNS,
    RADIUS_KM,
    USED_COLUMNS,
    WINDOW_DAYS,
    effective_days,
    find_disputes,
)
from geo.disputes.neighbours import (
    cell_count,
    cell_offsets,
    grid_cells,
    key_coordinates,
    neighbour_pairs,
    place_keys,
)

#: Columns a store reads to recompute disputes around an ingest batch (``fid``: row id).
STORED_COLUMNS = ("fid", *USED_COLUMNS, *DISPUTE_COLUMNS)
#: What is read of the stored claims in the batch's days to find the few it can change.
PLACE_COLUMNS = ("fid", "feature_class", "geo_precision", "latitude", "longitude", "admin1",
                 "country_code", "event_date", "published", *DISPUTE_COLUMNS)
#: ``fetch(column, values)``: stored claims (:data:`STORED_COLUMNS`) by ``fid`` or
#: ``contest_id``.
Fetch = Callable[[str, list], pd.DataFrame]
_NO_CHANGE = ("fid", "contest_id", "support_count")


def batch_window(dates: pd.Series, window_days: int = WINDOW_DAYS) -> tuple[str, str] | None:
    """Return the date range (ISO) of stored claims an ingest batch can dispute or support.

    Parameters
    ----------
    dates : pandas.Series
        Effective dates (ISO) of the batch's claims and of the claims it replaces.
    window_days : int
        The dispute window.

    Returns
    -------
    tuple of str or None
        ``(first - pad, last + pad)`` with ``pad = 3 * window_days + 1``, or None for no
        dates. The stored claims recomputed around a batch are found by day buckets of
        ``window_days + 1`` (a bucket and its neighbours), so they lie up to
        ``2 * window_days + 1`` days from a batch claim, and the claims that support those
        within one window more.
    """
    day = pd.to_datetime(dates.astype("string"), errors="coerce", format="%Y-%m-%d").dropna()
    if day.empty:
        return None
    pad = pd.Timedelta(days=3 * window_days + 1)
    return ((day.min() - pad).date().isoformat(), (day.max() + pad).date().isoformat())


def _used(frame: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(frame[[c for c in USED_COLUMNS if c in frame.columns]])


def _cells(claims: pd.DataFrame, radius_km: float,
           window_days: int) -> tuple[np.ndarray, np.ndarray, int] | None:
    """Each claim's space-time cell (int64) and whether it has one (a place and a day).

    Points: the grid cell of their place key's coordinates; regions: one cell per region;
    days: buckets of ``window_days + 1`` days, so claims within the window lie in the same
    or neighbouring buckets. None when the cells would not fit in int64 (a tiny radius
    over centuries).
    """
    key, point, region, _ = place_keys(claims)
    day = effective_days(claims)
    ok = (point | region) & ~np.isnat(day)
    lat, lon = key_coordinates(key)
    # points: cubes 0 .. cell_count - 1; regions (negative keys) below, never neighbours
    space = np.where(point, grid_cells(np.where(point, lat, 0.0), np.where(point, lon, 0.0),
                                       radius_km), key - 2)
    bucket = np.floor_divide(np.where(ok, day.astype("int64"), 0), window_days + 1)
    first = int(bucket[ok].min()) if ok.any() else 0
    span = (int(bucket[ok].max()) - first + 3) if ok.any() else 3
    if cell_count(radius_km) * span >= 2 ** 62:
        return None
    return space * span + (bucket - first + 1), ok, span


def _near(cells_a: np.ndarray, cells_b: np.ndarray, ok_b: np.ndarray, span: int,
          radius_km: float) -> np.ndarray:
    """Positions in ``cells_b`` (where ``ok_b``) in a cell neighbouring one of ``cells_a``."""
    b_ok = np.flatnonzero(ok_b)
    if not len(cells_a) or not len(b_ok):
        return np.array([], dtype=np.int64)
    offsets = [o * span + db for o in cell_offsets(radius_km) for db in (-1, 0, 1)]
    _, j = neighbour_pairs(np.unique(cells_a), cells_b[b_ok], offsets)
    return b_ok[np.unique(j)]


def _changes(stored: pd.DataFrame, contest: np.ndarray, support: np.ndarray,
             set_contest: np.ndarray, set_support: np.ndarray) -> pd.DataFrame:
    """Return the stored rows whose recomputed values differ from what is stored."""
    was_c = stored["contest_id"].astype("string").to_numpy(object, na_value=None)
    was_s = pd.to_numeric(stored["support_count"], errors="coerce").astype("Int64")
    was_s = was_s.to_numpy(object, na_value=None)
    new_c = np.where(set_contest, contest, was_c)
    new_s = np.where(set_support, support, was_s)
    differ = (new_c != was_c) | (new_s != was_s)
    return pd.DataFrame({"fid": stored["fid"].to_numpy()[differ],
                         "contest_id": new_c[differ], "support_count": new_s[differ]})


def _values(found: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    return (found["contest_id"].to_numpy(object, na_value=None),
            found["support_count"].to_numpy(object, na_value=None))


def dispute_changes(stored: pd.DataFrame, batch: pd.DataFrame, *,
                    removed: pd.DataFrame | None = None, fetch: Fetch | None = None,
                    radius_km: float = RADIUS_KM, window_days: int = WINDOW_DAYS
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Recompute disputes over stored claims plus an ingest batch.

    Parameters
    ----------
    stored : pandas.DataFrame
        Stored claims near the batch in time, the claims the batch replaces left out:
        :data:`STORED_COLUMNS` (``fid`` their row id), or only :data:`PLACE_COLUMNS` when
        ``fetch`` reads the rest of the few that matter.
    batch : pandas.DataFrame
        The claims about to be written (schema columns).
    removed : pandas.DataFrame, optional
        The stored claims the batch replaces (:data:`STORED_COLUMNS`). Given (even empty),
        only what the batch can change is recomputed; omitted, every claim of ``stored``
        (the whole store's recomputation of a migration).
    fetch : callable, optional
        ``fetch(column, values)`` reads stored claims (:data:`STORED_COLUMNS`) whose
        ``column`` (``fid`` or ``contest_id``) is one of ``values``: the members of a
        dispute beyond ``stored``'s days, and the full rows of ``stored``. Without it,
        disputes are taken to lie within ``stored``.
    radius_km, window_days
        As :func:`geo.disputes.find_disputes`.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The batch's ``contest_id`` and ``support_count`` (index of ``batch``), and the
        stored rows whose values change (``fid``, ``contest_id``, ``support_count``).
    """
    stored = stored.reset_index(drop=True)
    kw = {"radius_km": radius_km, "window_days": window_days}
    nothing = pd.DataFrame({c: [] for c in _NO_CHANGE})
    if removed is None:
        both = pd.concat([_used(stored), _used(batch)], ignore_index=True)
        found = find_disputes(both, **kw) if len(both) else find_disputes(batch, **kw)
        if not len(stored):
            return found.set_axis(batch.index), nothing
        contest, support = _values(found.iloc[:len(stored)])
        every = np.ones(len(stored), dtype=bool)
        return (found.iloc[len(stored):].set_axis(batch.index),
                _changes(stored, contest, support, every, every))
    removed = removed.reset_index(drop=True)
    if not len(stored) and not len(removed):  # nothing stored near the batch in time
        return find_disputes(batch, **kw), nothing
    # one frame for cells, so region keys agree: batch, removed, stored
    place = [c for c in PLACE_COLUMNS if c not in ("fid", *DISPUTE_COLUMNS)]
    allc = pd.concat([batch[place], removed[place], stored[place]], ignore_index=True)
    found_cells = _cells(allc, radius_km, window_days)
    if found_cells is None:  # cells beyond int64: recompute the whole window
        full = stored if fetch is None or set(STORED_COLUMNS) <= set(stored.columns) else \
            fetch("fid", stored["fid"].tolist())
        return dispute_changes(full, batch, **kw)
    cells, ok, span = found_cells
    first = len(batch) + len(removed)
    touch = cells[:first][ok[:first]]
    scells, sok = cells[first:], ok[first:]
    # A: stored claims the batch or the removed can change; around: what A's support counts
    near = _near(touch, scells, sok, span, radius_km)
    around = _near(scells[near], scells, sok, span, radius_km)
    contest_of = stored["contest_id"].astype("string")
    taken = set(contest_of.iloc[near].dropna().tolist())
    if len(removed):
        taken |= set(removed["contest_id"].astype("string").dropna().tolist())
    keep = np.zeros(len(stored), dtype=bool)
    keep[near] = True
    keep[around] = True
    if taken:
        keep |= contest_of.isin(taken).fillna(False).to_numpy(bool)
    if set(STORED_COLUMNS) <= set(stored.columns) or fetch is None:
        sub = stored.iloc[np.flatnonzero(keep)]
    else:
        sub = fetch("fid", stored["fid"].to_numpy()[keep].tolist())
    if taken and fetch is not None:  # the members of those disputes on other days
        more = fetch("contest_id", sorted(taken))
        more = more[~more["fid"].isin(set(sub["fid"].tolist()))]
        if len(more):
            sub = pd.concat([sub, more[list(sub.columns)]], ignore_index=True)
    sub = sub.reset_index(drop=True)
    found = find_disputes(pd.concat([_used(sub), _used(batch)], ignore_index=True), **kw)
    new = found.iloc[len(sub):].set_axis(batch.index)
    contest, support = _values(found.iloc[:len(sub)])
    is_near = sub["fid"].isin(set(stored["fid"].to_numpy()[near].tolist())).to_numpy(bool)
    in_contest = sub["contest_id"].astype("string").isin(taken).fillna(False).to_numpy(bool)
    return new, _changes(sub, contest, support, is_near | in_contest, is_near)


__all__ = ["Fetch", "PLACE_COLUMNS", "STORED_COLUMNS", "batch_window", "dispute_changes"]
