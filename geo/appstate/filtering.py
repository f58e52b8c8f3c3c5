"""Filtering the loaded claims: the sidebar's options and values, the filter, and what it leaves.

The sidebar offers :func:`filter_options`, turns its widget values into a filter
(:func:`filter_from_widgets`) and the pages keep the claims (:func:`filtered`) and
reference events (:func:`reference_in_range`) that pass it; when none do,
:func:`no_match_message` says why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo.filters import ClaimFilter, apply_filter, effective_date
from geo.schema import CLAIM_TYPES

#: The date range the sidebar accepts (any range, with or without claims).
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)


def date_bounds(claims: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """Return the first and last effective date of ``claims`` (today if none).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims.

    Returns
    -------
    tuple of datetime.date
        ``(first, last)``.
    """
    dates = effective_date(claims).dropna() if len(claims) else pd.Series(dtype="string")
    dates = dates[dates.str.len() >= 10]
    if dates.empty:
        today = dt.date.today()
        return today, today
    return dt.date.fromisoformat(dates.min()[:10]), dt.date.fromisoformat(dates.max()[:10])


@dataclass
class FilterOptions:
    """Values offered by the sidebar's widgets.

    Attributes
    ----------
    date_min, date_max : datetime.date
        Range of effective dates.
    claim_types, actors, claimants, countries, admin1 : list of str
        Distinct values, sorted (claim types in schema order).
    """

    date_min: dt.date
    date_max: dt.date
    claim_types: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    claimants: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    claimant_sides: list[str] = field(default_factory=list)


#: The multiselect fields of :class:`FilterOptions` (and of :class:`ClaimFilter`).
_CHOICES = ("claim_types", "actors", "claimants", "countries", "admin1", "claimant_sides")


def _distinct(series: pd.Series) -> list[str]:
    values = series.dropna().astype(str)
    values = values[values.str.strip() != ""]
    return sorted(values.unique().tolist(), key=str.casefold)


def filter_options(claims: pd.DataFrame, flt: ClaimFilter | None = None) -> FilterOptions:
    """Return the values the sidebar offers, always including the current selection.

    Parameters
    ----------
    claims : pandas.DataFrame
        All claims.
    flt : ClaimFilter, optional
        Current filter; its values stay selectable even if no claim has them.

    Returns
    -------
    FilterOptions
        The options.
    """
    first, last = date_bounds(claims)
    present = set(claims["claim_type"].dropna()) if len(claims) else set()
    opts = FilterOptions(
        date_min=first, date_max=last,
        claim_types=[t for t in CLAIM_TYPES if t in present],
        actors=_distinct(claims["actor"]) if len(claims) else [],
        claimants=_distinct(claims["claimant"]) if len(claims) else [],
        countries=_distinct(claims["country_code"]) if len(claims) else [],
        admin1=_distinct(claims["admin1"]) if len(claims) else [],
        claimant_sides=_distinct(claims["claimant_side"])
        if len(claims) and "claimant_side" in claims.columns else [],
    )
    return with_selection(opts, flt)


def with_selection(opts: FilterOptions, flt: ClaimFilter | None) -> FilterOptions:
    """Return a copy of ``opts`` that also offers the values and dates ``flt`` selects.

    The options of the stored claims can be computed once per store version (they do
    not depend on the filter); the current selection is added on every run.

    Parameters
    ----------
    opts : FilterOptions
        Options of the stored claims (:func:`filter_options` without a filter).
    flt : ClaimFilter or None
        Current filter.

    Returns
    -------
    FilterOptions
        A new object; ``opts`` is left as it is.
    """
    out = dataclasses.replace(opts, **{name: list(getattr(opts, name)) for name in _CHOICES})
    if flt is None:
        return out
    for name in _CHOICES:
        have = getattr(out, name)
        for v in getattr(flt, name):
            if v not in have:
                have.append(v)
    if flt.date_from:
        out.date_min = min(out.date_min, dt.date.fromisoformat(flt.date_from))
    if flt.date_to:
        out.date_max = max(out.date_max, dt.date.fromisoformat(flt.date_to))
    return out


def filter_from_widgets(date_range: Iterable[dt.date] | None, claim_types: Iterable[str],
                        actors: Iterable[str], claimants: Iterable[str],
                        countries: Iterable[str], admin1: Iterable[str], text: str | None,
                        full_range: tuple[dt.date, dt.date] | None = None, *,
                        claimant_sides: Iterable[str] = (), assessment: str | None = None,
                        contested: bool = False, stance: str | None = None) -> ClaimFilter:
    """Build the filter from the sidebar's widget values.

    Parameters
    ----------
    date_range : iterable of datetime.date or None
        ``st.date_input`` value: ``(start, end)``, or one date while the user picks.
    claim_types, actors, claimants, countries, admin1 : iterable of str
        Multiselect values.
    text : str or None
        Free-text search.
    full_range : tuple of datetime.date, optional
        The data's whole range: a date range equal to it is no constraint (so the
        URL stays short and new claims stay visible).
    claimant_sides : iterable of str, optional
        Claimant sides to keep.
    assessment : {"parties", "independent"} or None, optional
        Parties' claims or independent assessments only.
    contested : bool, optional
        Only contested claims.
    stance : {"asserted", "denied"} or None, optional
        Only what claimants assert, or only their denials; None for both.

    Returns
    -------
    ClaimFilter
        The filter.
    """
    dates = list(date_range or [])
    date_from = dates[0] if dates else None
    date_to = dates[1] if len(dates) > 1 else None
    if full_range is not None:
        if date_from == full_range[0]:
            date_from = None
        if date_to == full_range[1]:
            date_to = None
    return ClaimFilter(
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        claim_types=tuple(claim_types), actors=tuple(actors), claimants=tuple(claimants),
        countries=tuple(countries), admin1=tuple(admin1), text=text or None,
        claimant_sides=tuple(claimant_sides), assessment=assessment or None,
        contested=bool(contested), stance=stance or None,
    )


def filtered(claims: gpd.GeoDataFrame, flt: ClaimFilter | None) -> gpd.GeoDataFrame:
    """Return the claims passing ``flt`` (``geo.filters.apply_filter``)."""
    return apply_filter(claims, flt)


def no_match_message(flt: ClaimFilter, date_min: dt.date, date_max: dt.date) -> str:
    """Say why nothing is shown: a date range without claims, or a filter that matches none.

    Parameters
    ----------
    flt : ClaimFilter
        The current filter.
    date_min, date_max : datetime.date
        First and last day of the stored claims.

    Returns
    -------
    str
        A sentence for the analyst.
    """
    start, end = flt.date_from, flt.date_to
    outside = ((end is not None and end < date_min.isoformat())
               or (start is not None and start > date_max.isoformat()))
    if outside:
        return (f"No claims between {start or 'the start'} and {end or 'today'}: the stored "
                f"claims run from {date_min} to {date_max}. Widen the date range.")
    if start or end:
        return (f"No claim matches the filter between {start or date_min} and "
                f"{end or date_max}. Widen the date range or clear a filter.")
    return "No claim matches the filter. Widen the date range or clear a filter."


def reference_in_range(events: pd.DataFrame, flt: ClaimFilter | None) -> pd.DataFrame:
    """Return the reference events whose dates meet the filter's date range (and box)."""
    if flt is None or events.empty:
        return events
    keep = pd.Series(True, index=events.index)
    if flt.date_from:
        keep &= events["date_end"].fillna(events["event_date"]).astype(str) >= flt.date_from
    if flt.date_to:
        keep &= events["event_date"].astype(str) <= flt.date_to
    if flt.bbox:
        from geo.filters import filter_mask

        keep &= filter_mask(events, ClaimFilter(bbox=flt.bbox))
    return events[keep]
