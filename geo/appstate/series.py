"""Claims over time: the timeline's daily counts and the competing figures about one region.

The timeline and comparison page charts these frames: claims per day and type,
the quantified territorial claims about a region (with the country-level claims
made in the same articles) and the assessed-control measure beside them.
"""

from __future__ import annotations

import pandas as pd

from geo.appstate.display import web_urls
from geo.filters import effective_date

#: Units the comparison chart plots (territory claims).
COMPARISON_UNITS = ("km2", "settlements", "km")


def daily_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Return claims per day and claim type (for the timeline chart).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (datetime64), ``claim_type``, ``claims``.
    """
    if len(claims) == 0:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"),
                             "claim_type": pd.Series(dtype="string"),
                             "claims": pd.Series(dtype="int64")})
    frame = pd.DataFrame({"date": effective_date(claims).str[:10],
                          "claim_type": claims["claim_type"].astype("string")})
    frame = frame.dropna()
    out = frame.groupby(["date", "claim_type"]).size().rename("claims").reset_index()
    out["date"] = pd.to_datetime(out["date"], errors="coerce")
    return out.dropna(subset=["date"]).sort_values(["date", "claim_type"]).reset_index(drop=True)


def _quantified(claims: pd.DataFrame) -> pd.Series:
    return (claims["quantity"].notna() & claims["unit"].isin(COMPARISON_UNITS)).fillna(False)


def _region_rows(claims: pd.DataFrame, region: str) -> pd.Series:
    key = region.casefold()
    return (claims["admin1"].astype("string").str.casefold().eq(key).fillna(False)
            | claims["place_name"].astype("string").str.casefold().eq(key).fillna(False))


def _country_level_related(claims: pd.DataFrame, in_region: pd.Series) -> pd.Series:
    """Country-level claims made in the same articles as claims about the region.

    "Ukraine holds 1,000 km2 of Russian territory", in an article about Kursk, is
    located at Russia but competes with the Kursk governor's figures.
    """
    if not in_region.any():
        return pd.Series(False, index=claims.index)
    pairs = set(zip(claims.loc[in_region, "article_id"], claims.loc[in_region, "country_code"],
                    strict=True))
    country_level = claims["feature_class"].eq("country").fillna(False)
    keys = pd.Series(list(zip(claims["article_id"], claims["country_code"], strict=True)),
                     index=claims.index)
    return country_level & keys.isin(pairs) & ~in_region


def comparison_regions(claims: pd.DataFrame) -> list[str]:
    """Return the regions with quantified territorial claims, most claimants first.

    A region counts the claims located in it and the country-level claims made in
    the same articles (see :func:`comparison_series`).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims.

    Returns
    -------
    list of str
        Admin-1 names (for the comparison page's selector).
    """
    if len(claims) == 0:
        return []
    q = _quantified(claims)
    regional = claims[claims["admin1"].notna()]
    direct = regional[q[regional.index]][["admin1", "claimant", "claim_id"]]
    country = claims[q & claims["feature_class"].eq("country").fillna(False)]
    related = regional[["admin1", "article_id", "country_code"]].drop_duplicates().merge(
        country[["article_id", "country_code", "claimant", "claim_id"]],
        on=["article_id", "country_code"])[["admin1", "claimant", "claim_id"]]
    both = pd.concat([direct, related], ignore_index=True)
    if both.empty:
        return []
    both["claimant"] = both["claimant"].astype("string").fillna("unattributed")
    score = both.groupby("admin1").agg(claimants=("claimant", "nunique"),
                                       claims=("claim_id", "nunique"))
    score = score.sort_values(["claimants", "claims"], ascending=False, kind="stable")
    return [str(r) for r in score.index]


def comparison_series(claims: pd.DataFrame, region: str, *,
                      country_level: bool = True) -> pd.DataFrame:
    """Return the competing quantified claims about ``region`` over time.

    One row per claim with a quantity in :data:`COMPARISON_UNITS` whose admin-1
    (or place name, for a claim about the region itself) is ``region``; with
    ``country_level``, also the country-level claims made in the same articles
    as claims about the region (``scope`` says which).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims.
    region : str
        Admin-1 name (case-insensitive).
    country_level : bool, optional
        Include the related country-level claims.

    Returns
    -------
    pandas.DataFrame
        Columns ``date`` (datetime64), ``claimant`` ("unattributed" where missing),
        ``unit``, ``quantity``, ``quantity_max``, ``qualifier``, ``claim_type``,
        ``actor``, ``place_name``, ``scope``, ``sentence``, ``source``, ``url``,
        ``article_id``, ``claim_id``, sorted by date.
    """
    cols = ["date", "claimant", "unit", "quantity", "quantity_max", "qualifier", "claim_type",
            "actor", "place_name", "scope", "sentence", "source", "url", "article_id",
            "claim_id", "assessed_area_km2", "assessed_control", "reference_events"]
    if len(claims) == 0:
        return pd.DataFrame(columns=cols)
    in_region = _region_rows(claims, region)
    related = (_country_level_related(claims, in_region) if country_level
               else pd.Series(False, index=claims.index))
    q = _quantified(claims)
    sel = claims[(in_region | related) & q]
    out = pd.DataFrame(sel.drop(columns="geometry", errors="ignore")).copy()
    out["scope"] = ["region" if r else "country (same article)" for r in in_region[sel.index]]
    out["date"] = pd.to_datetime(effective_date(out).str[:10], errors="coerce")
    # one series per claimant under every spelling (geo.claimants): its display name
    names = out["claimant_name"] if "claimant_name" in out.columns else out["claimant"]
    out["claimant"] = names.astype("string").fillna(out["claimant"].astype("string")).fillna(
        "unattributed")
    out["quantity"] = out["quantity"].astype(float)
    out["url"] = web_urls(out["url"])
    return out.reindex(columns=cols).sort_values(["date", "claimant"]).reset_index(drop=True)


def assessed_series(series: pd.DataFrame) -> pd.DataFrame:
    """Return the assessed-control measure beside each claimed area, as chart rows.

    For every row of :func:`comparison_series` with an ``assessed_area_km2``, one row
    with ``claimant`` = "assessed (<side> layer)", ``unit`` = ``km2`` and the assessed
    area as ``quantity``: the tracker's figure on the claim's date, drawn beside the claim.
    """
    if "assessed_area_km2" not in series.columns or series.empty:
        return series.iloc[0:0]
    rows = series[series["assessed_area_km2"].notna()].copy()
    side = rows["actor"].astype("string").fillna("claimant side")
    rows["claimant"] = "assessed (" + side + " layer)"
    rows["quantity"] = rows["assessed_area_km2"].astype(float)
    rows["unit"] = "km2"
    rows["qualifier"] = None
    rows["scope"] = "assessed control"
    return rows.drop_duplicates(["date", "claimant", "quantity"])
