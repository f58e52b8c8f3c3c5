"""Disputes of a store's claims, recomputed on ingest: the steps both back ends share.

A back end (:mod:`geo.store.gpkg`, :mod:`geo.store.postgis`) gives a :class:`StoredClaims`:
three callables over its own connection and SQL dialect (read the relevant claims of a window
of claim dates, fetch claims by the values of a column, write changed dispute values). The
steps here decide what to read, what to recompute and what to write
(:mod:`geo.disputes.incremental`), so the two back ends cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from geo.disputes.incremental import PLACE_COLUMNS, STORED_COLUMNS, batch_window, dispute_changes


@dataclass(frozen=True)
class StoredClaims:
    """A store's claims, as the dispute steps read and update them.

    Attributes
    ----------
    read : callable
        ``read(columns, window)``: the stored claims of a relevant claim type
        (:data:`geo.disputes.RELEVANT_TYPES`) whose ``claim_date`` is within ``window``
        (``(first, last)`` ISO dates, both included; all claims if None), with ``columns``.
    fetch : callable
        ``fetch(column, values)``: the stored claims (:data:`geo.disputes.STORED_COLUMNS`)
        whose ``column`` is one of ``values``.
    write : callable
        ``write(rows)``: set ``contest_id`` and ``support_count`` of the claims of
        ``[contest_id, support_count, fid]`` rows (called only with rows).
    """

    read: Callable[[Sequence[str], tuple[str, str] | None], pd.DataFrame]
    fetch: Callable[[str, list], pd.DataFrame]
    write: Callable[[list[list]], None]


def recompute_disputes(claims: StoredClaims, window: tuple[str, str] | None,
                       batch: pd.DataFrame | None = None,
                       removed: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """Recompute disputes of stored claims in ``window`` (all if None) plus ``batch``.

    Parameters
    ----------
    claims : StoredClaims
        The store's claims.
    window : tuple of str or None
        Claim dates to read.
    batch : pandas.DataFrame, optional
        Claims being ingested (not stored yet). Without one, every stored claim of the
        window is recomputed in full.
    removed : pandas.DataFrame, optional
        The stored claims the batch replaces (only what the batch can change is recomputed).

    Returns
    -------
    pandas.DataFrame or None
        The batch's ``contest_id`` and ``support_count`` (None without a batch). The stored
        claims whose values change are written through ``claims.write``.
    """
    from geo.store.backfill import change_rows, dispute_updates

    if batch is None:
        updates = dispute_updates(claims.read(STORED_COLUMNS, window))
        new = None
    else:
        stored = claims.read(PLACE_COLUMNS, window)
        new, changed = dispute_changes(stored, batch, removed=removed, fetch=claims.fetch)
        updates = change_rows(changed)
    if updates:
        claims.write(updates)
    return new


def with_batch_disputes(batch: pd.DataFrame, removed: pd.DataFrame,
                        recompute: Callable[..., pd.DataFrame | None]) -> pd.DataFrame:
    """Return the batch's claims with their dispute values, stored claims updated.

    Parameters
    ----------
    batch : pandas.DataFrame
        Claims being ingested, with ``claim_date``.
    removed : pandas.DataFrame
        Stored claims the batch replaces, with ``claim_date``.
    recompute : callable
        ``recompute(window, batch, removed)``: the back end's :func:`recompute_disputes`.

    Returns
    -------
    pandas.DataFrame
        ``batch`` with ``contest_id`` and ``support_count`` (unchanged when neither the
        batch nor the removed claims have a date: nothing to compare).
    """
    window = batch_window(pd.concat([batch["claim_date"].astype("string"),
                                     removed["claim_date"].astype("string")]))
    if window is None:
        return batch
    found = recompute(window, batch, removed)
    return batch.assign(contest_id=found["contest_id"], support_count=found["support_count"])


__all__ = ["StoredClaims", "recompute_disputes", "with_batch_disputes"]
