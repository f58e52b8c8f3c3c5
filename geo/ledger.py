"""A ledger per place or region: every claim about it over time, one row per claimant.

The comparison page shows, for the place or region an analyst picks, every claim made about
it (quantified or not: a "repelled" beside the capture it answers), one row per claimant
(merged claimants, by ``claimant_id``, are one row each), coloured by the claimant's side,
with the windows of its disputes (:mod:`geo.disputes`) shaded. Pure functions over the
claims frame; the page only draws.
"""

from __future__ import annotations

import pandas as pd

from geo.disputes import assertions, describe
from geo.filters import effective_date

#: Columns of :func:`ledger_rows`.
LEDGER_COLUMNS = ("date", "claimant", "claimant_key", "side", "claim_type", "assertion",
                  "quantity", "unit", "contest_id", "place_name", "sentence", "source", "url",
                  "claim_id")


def ledger_places(claims: pd.DataFrame) -> pd.DataFrame:
    """Return the places and regions a ledger can show, the most disputed first.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with the claimant identity and ``contest_id`` columns.

    Returns
    -------
    pandas.DataFrame
        ``key`` (``place:<place_id>`` or ``region:<country>|<admin1>``), ``label``,
        ``claimants``, ``contests`` and ``claims``, sorted by contests, then claimants.
    """
    cols = ["key", "label", "claimants", "contests", "claims"]
    if len(claims) == 0:
        return pd.DataFrame(columns=cols)
    frame = pd.DataFrame({"who": _claimant_key(claims),
                          "contest": _col(claims, "contest_id"),
                          "claim_id": claims["claim_id"]}, index=claims.index)
    settlement = claims["feature_class"].isin(["settlement", "other"]).fillna(False) & \
        claims["place_id"].notna()
    places = frame[settlement].assign(
        key="place:" + claims.loc[settlement, "place_id"].astype(str),
        label=claims.loc[settlement, "place_name"].fillna(
            claims.loc[settlement, "location_text"]).astype(str) + " ("
        + claims.loc[settlement, "admin1"].fillna("").astype(str) + ")")
    has_region = claims["admin1"].notna()
    regions = frame[has_region].assign(
        key="region:" + claims.loc[has_region, "country_code"].fillna("").astype(str) + "|"
        + claims.loc[has_region, "admin1"].astype(str),
        label=claims.loc[has_region, "admin1"].astype(str) + " (region, "
        + claims.loc[has_region, "country_code"].fillna("").astype(str) + ")")
    both = pd.concat([places, regions], ignore_index=True)
    if both.empty:
        return pd.DataFrame(columns=cols)
    out = both.groupby("key").agg(label=("label", "first"), claimants=("who", "nunique"),
                                  contests=("contest", "nunique"), claims=("claim_id", "size"))
    out = out.reset_index()
    out["region"] = out["key"].str.startswith("region:")  # on a tie, the place comes first
    out = out.sort_values(["contests", "claimants", "claims", "region", "label"],
                          ascending=[False, False, False, True, True], kind="stable")
    return out.loc[:, cols].reset_index(drop=True)


def ledger_rows(claims: pd.DataFrame, key: str) -> pd.DataFrame:
    """Return every claim about one place or region, in date order.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims.
    key : str
        A ``key`` of :func:`ledger_places`: ``place:<place_id>`` (that settlement), or
        ``region:<country>|<admin1>`` (the region and every place in it).

    Returns
    -------
    pandas.DataFrame
        :data:`LEDGER_COLUMNS`; ``claimant`` is the display name (merged claimants share
        it), ``claimant_key`` the id the rows are grouped by, ``side`` "unattributed"
        where no claimant is named, ``assertion`` what the claim says in a few words.
    """
    if len(claims) == 0 or ":" not in key:
        return pd.DataFrame(columns=list(LEDGER_COLUMNS))
    kind, value = key.split(":", 1)
    if kind == "place":
        sel = claims["place_id"].astype("string").eq(value).fillna(False)
    else:
        cc, _, admin1 = value.partition("|")
        sel = (claims["admin1"].astype("string").eq(admin1)
               & claims["country_code"].astype("string").fillna("").eq(cc)).fillna(False)
    rows = claims[sel.to_numpy(dtype=bool)]
    if rows.empty:
        return pd.DataFrame(columns=list(LEDGER_COLUMNS))
    a = assertions(rows)
    out = pd.DataFrame(index=rows.index)
    out["date"] = pd.to_datetime(effective_date(rows).str[:10], errors="coerce")
    out["claimant_key"] = _claimant_key(rows)
    name = _col(rows, "claimant_name").fillna(rows["claimant"].astype("string"))
    out["claimant"] = name.fillna("unattributed")
    out["side"] = _col(rows, "claimant_side").fillna("unattributed")
    out["claim_type"] = rows["claim_type"]
    trig = _col(rows, "trigger")
    out["assertion"] = [describe(c, s, p, d, t) for c, s, p, d, t in zip(
        rows["claim_type"], a["stance"], a["party"], a["denied"], trig, strict=True)]
    out["quantity"] = pd.to_numeric(rows["quantity"], errors="coerce").astype(float)
    for c in ("unit", "contest_id", "place_name", "sentence", "source", "url", "claim_id"):
        out[c] = _col(rows, c)
    # one display name per claimant key: its first name (merged spellings are one row)
    first = out.sort_values("date").groupby("claimant_key")["claimant"].first()
    out["claimant"] = out["claimant_key"].map(first)
    return out.loc[:, list(LEDGER_COLUMNS)].sort_values(["date", "claimant"]).reset_index(
        drop=True)


def dispute_windows(rows: pd.DataFrame) -> pd.DataFrame:
    """Return the period of each dispute among ledger rows (to shade on the chart).

    Parameters
    ----------
    rows : pandas.DataFrame
        From :func:`ledger_rows`.

    Returns
    -------
    pandas.DataFrame
        ``contest_id``, ``start``, ``end`` (datetimes; a one-day dispute spans that day),
        ``sides`` (the sides at odds, " vs "-joined).
    """
    cols = ["contest_id", "start", "end", "sides"]
    if rows.empty or rows["contest_id"].isna().all():
        return pd.DataFrame(columns=cols)
    contested = rows[rows["contest_id"].notna()]
    out = contested.groupby("contest_id").agg(
        start=("date", "min"), end=("date", "max"),
        sides=("side", lambda s: " vs ".join(sorted(set(s)))))
    out["end"] = out["end"] + pd.Timedelta(days=1)
    return out.reset_index().loc[:, cols]


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].astype("string") if name != "quantity" else frame[name]
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def _claimant_key(claims: pd.DataFrame) -> pd.Series:
    """Return the claimant's id, else its words, else "unattributed"."""
    words = claims["claimant"].astype("string").str.strip().str.casefold()
    return _col(claims, "claimant_id").fillna("text:" + words).fillna("unattributed")
