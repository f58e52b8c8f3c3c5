"""Filling new claim columns in a store written before they existed (shared by both back ends).

When a store is opened whose ``claims`` table lacks columns of the schema, the back end adds
them (``ALTER TABLE ... ADD COLUMN``, no data dropped) and, for the claimant identity and
dispute columns, computes their values from what is stored: the claimant phrases with their
articles' texts (:func:`geo.claimants.resolve_claimants`), then the disputes over every
stored claim (:func:`geo.disputes.find_disputes`). Pure functions over frames; the back end
reads and writes.
"""

from __future__ import annotations

import pandas as pd

from geo.disputes import DISPUTE_COLUMNS, RELEVANT_TYPES, STORED_COLUMNS, dispute_changes

#: The claimant identity columns (``geo.claimants.IDENTITY_COLUMNS``, named here so that
#: opening a store does not import the claimant resolver, which loads spaCy).
IDENTITY_COLUMNS = ("claimant_id", "claimant_name", "claimant_side", "claimant_kind")
#: Columns read to resolve stored claimants (``fid`` is the row id).
IDENTITY_SOURCE_COLUMNS = ("fid", "article_id", "sentence_index", "sentence", "claimant",
                           "country_code")
#: The claim types disputes are computed over, as an SQL list.
RELEVANT_SQL = ", ".join(f"'{t}'" for t in RELEVANT_TYPES)
#: Columns whose absence means the store predates claimant identity and disputes.
DERIVED_COLUMNS = (*IDENTITY_COLUMNS, *DISPUTE_COLUMNS)
#: Columns read of the claims an ingest replaces (their disputes change), as SQL.
REMOVED_COLUMNS = (*STORED_COLUMNS, "claim_date")
REMOVED_SELECT = ", ".join(f'"{c}"' for c in REMOVED_COLUMNS)


def removed_frame(rows: list) -> pd.DataFrame:
    """Return the claims an ingest replaces (rows of :data:`REMOVED_SELECT`) as a frame."""
    return pd.DataFrame([tuple(r) for r in rows], columns=list(REMOVED_COLUMNS))


def change_rows(changed: pd.DataFrame) -> list[list]:
    """Return ``[contest_id, support_count, fid]`` rows of changed disputes, for an UPDATE."""
    return [[c if isinstance(c, str) else None,
             None if s is None or pd.isna(s) else int(s), int(f)]
            for c, s, f in zip(changed["contest_id"], changed["support_count"], changed["fid"],
                               strict=True)]


def identity_updates(rows: pd.DataFrame, texts: dict[str, str]) -> list[list]:
    """Return ``[claimant_id, claimant_name, claimant_side, claimant_kind, fid]`` rows.

    Parameters
    ----------
    rows : pandas.DataFrame
        Stored claims with :data:`IDENTITY_SOURCE_COLUMNS` (claims without a claimant may
        be left out).
    texts : dict
        Article id -> text.

    Returns
    -------
    list of list
        Parameters of ``UPDATE claims SET ... WHERE fid = ?``, one per claim with a
        claimant.
    """
    if rows.empty:
        return []
    from geo.claimants import resolve_claimants  # spaCy: only when a store is backfilled

    out = resolve_claimants(rows, texts)
    out = out[out["claimant"].notna()]
    values = [out[c].astype(object).where(out[c].notna(), None).tolist()
              for c in (*IDENTITY_COLUMNS, "fid")]
    return [[*v[:-1], int(v[-1])] for v in zip(*values, strict=True)]


def dispute_updates(rows: pd.DataFrame) -> list[list]:
    """Return ``[contest_id, support_count, fid]`` rows for every stored claim that changes.

    Parameters
    ----------
    rows : pandas.DataFrame
        Stored claims with :data:`geo.disputes.STORED_COLUMNS`.

    Returns
    -------
    list of list
        Parameters of ``UPDATE claims SET contest_id = ?, support_count = ? WHERE fid = ?``.
    """
    if rows.empty:
        return []
    _, changed = dispute_changes(rows, rows.iloc[:0])
    return change_rows(changed)


__all__ = ["DERIVED_COLUMNS", "IDENTITY_SOURCE_COLUMNS", "REMOVED_COLUMNS", "REMOVED_SELECT",
           "STORED_COLUMNS", "change_rows", "dispute_updates", "identity_updates",
           "removed_frame"]
