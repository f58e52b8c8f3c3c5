"""The dashboard's logic, free of Streamlit: filters and the URL, options, tables, series.

The Streamlit files (``app.py``, ``pages/``) only read widgets and render; what
they show is computed here by pure functions that tests call directly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd

from geo.filters import ClaimFilter, apply_filter, effective_date
from geo.schema import CLAIM_TYPES

if TYPE_CHECKING:  # annotations only: importing these loads spaCy and the store
    from geo.extract import Resources
    from geo.store import Store

#: Columns of the claims table page, in order.
TABLE_COLUMNS = ("date", "claim_type", "actor", "claimant", "quantity", "unit", "place_name",
                 "admin1", "country_code", "reference_events", "assessed_control",
                 "assessed_area_km2", "sentence", "source", "url", "article_id", "claim_id")

#: Units the comparison chart plots (territory claims).
COMPARISON_UNITS = ("km2", "settlements", "km")

#: The date range the sidebar accepts (any range, with or without claims).
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """Return ``text`` with Markdown (and HTML) syntax escaped, for Streamlit's text elements.

    ``st.caption``, ``st.error`` and friends render Markdown; untrusted text (URL
    parameters, file contents quoted in errors, place names) must not become links,
    images or formatting.

    Parameters
    ----------
    text : object
        Untrusted text.

    Returns
    -------
    str
        The text with every Markdown special character backslash-escaped.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


# ---------------------------------------------------------------------------------------
# filter <-> URL query parameters


def filter_from_params(params: Mapping[str, str | list[str]]) -> tuple[ClaimFilter, list[str]]:
    """Read the filter from URL query parameters, dropping what cannot be parsed.

    Parameters
    ----------
    params : mapping
        ``st.query_params`` (or any key -> value / list of values mapping).

    Returns
    -------
    tuple
        The filter and a list of warnings (one per dropped parameter).
    """
    flt = ClaimFilter.from_query_params(params, strict=False)
    strict_keys = set(flt.to_query_params())
    from geo.filters import PARAM_KEYS

    warnings = [f"ignored URL parameter {key}={params[key]!r}" for key in PARAM_KEYS.values()
                if key in params and key not in strict_keys and str(params[key]).strip()]
    return flt, warnings


#: URL query keys of view settings that are not filters (kept beside the filter's keys).
VIEW_PARAMS = ("color",)
#: How the map colours claims: URL value -> label.
COLOR_MODES = {"type": "claim type", "side": "claimant side"}


def color_mode(params: dict) -> str:
    """Return the map's colouring from URL query parameters ("type" unless "side")."""
    value = params.get("color")
    if isinstance(value, list):
        value = value[-1] if value else None
    return "side" if value == "side" else "type"


def params_from_filter(flt: ClaimFilter) -> dict[str, str]:
    """Return the URL query parameters of ``flt`` (only the fields that are set).

    Parameters
    ----------
    flt : ClaimFilter
        The current filter.

    Returns
    -------
    dict of str to str
        For ``st.query_params``.
    """
    return flt.to_query_params()


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
    if flt is not None:
        for name in ("claim_types", "actors", "claimants", "countries", "admin1",
                     "claimant_sides"):
            have = getattr(opts, name)
            for v in getattr(flt, name):
                if v not in have:
                    have.append(v)
        if flt.date_from:
            opts.date_min = min(opts.date_min, dt.date.fromisoformat(flt.date_from))
        if flt.date_to:
            opts.date_max = max(opts.date_max, dt.date.fromisoformat(flt.date_to))
    return opts


def filter_from_widgets(date_range: Iterable[dt.date] | None, claim_types: Iterable[str],
                        actors: Iterable[str], claimants: Iterable[str],
                        countries: Iterable[str], admin1: Iterable[str], text: str | None,
                        full_range: tuple[dt.date, dt.date] | None = None, *,
                        claimant_sides: Iterable[str] = (), assessment: str | None = None,
                        contested: bool = False) -> ClaimFilter:
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
        contested=bool(contested),
    )


def plural(n: int, word: str) -> str:
    """Return ``"1 claim"``, ``"2 claims"``, ``"1,000 claims"``."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def country_label(code: str) -> str:
    """Return ``"Russia (RU)"`` for an ISO alpha-2 code (the code alone if unknown)."""
    from geo.export.acled_csv import country_table

    entry = country_table().get(str(code).upper())
    return f"{entry[1]} ({code})" if entry else str(code)


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


def map_view_from_params(params: Mapping[str, str | list[str]]
                         ) -> tuple[tuple[float, float], int] | None:
    """Read the map's view (``lat``, ``lon``, ``z``) from URL query parameters.

    Parameters
    ----------
    params : mapping
        ``st.query_params``.

    Returns
    -------
    tuple or None
        ``((lat, lon), zoom)``, or None when absent or not a valid view.
    """
    try:
        lat, lon, zoom = (float(str(params[k])) for k in ("lat", "lon", "z"))
    except (KeyError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -540 <= lon <= 540 and 1 <= zoom <= 20):
        return None
    return (lat, lon), int(zoom)


def map_fit(claims: gpd.GeoDataFrame, flt: ClaimFilter, region_bounds: Callable[
        [Iterable[str]], list[list[float]] | None]) -> tuple[list[list[float]] | None, str | None]:
    """Return the box a region or country filter fits, and a key naming that selection.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        The filtered claims.
    flt : ClaimFilter
        The current filter.
    region_bounds : callable
        Admin-1 names -> their outlines' box (``Outlines.bounds_of``), or None.

    Returns
    -------
    tuple
        ``(box, key)``; ``(None, None)`` without a region or country filter. The box
        is the regions' outlines, else the claims that are not country-level.
    """
    if not flt.admin1 and not flt.countries:
        return None, None
    key = "a1:" + "|".join(sorted(flt.admin1)) + ";cc:" + "|".join(sorted(flt.countries))
    box = region_bounds(flt.admin1) if flt.admin1 else None
    if box is None and len(claims):
        local = claims[claims["feature_class"].astype("string").ne("country").fillna(True)]
        local = local[~(local.geometry.isna() | local.geometry.is_empty)]
        if len(local):
            w, s, e, n = (float(v) for v in local.total_bounds)
            box = [[s, w], [n, e]]
    return box, key


def filtered(claims: gpd.GeoDataFrame, flt: ClaimFilter | None) -> gpd.GeoDataFrame:
    """Return the claims passing ``flt`` (``geo.filters.apply_filter``)."""
    return apply_filter(claims, flt)


# ---------------------------------------------------------------------------------------
# tables and series


def articles_table(articles: pd.DataFrame, claims: pd.DataFrame,
                   flt: ClaimFilter | None = None) -> pd.DataFrame:
    """Return the stored articles the page lists, with their number of claims.

    The filter's date range applies to the publication date and its free text to
    the title and text; the other fields (claim type, actor...) describe claims,
    so ``claims`` (already filtered) only gives the counts.

    Parameters
    ----------
    articles : pandas.DataFrame
        Stored articles (``id, published, title, source, url``, optionally ``text``).
    claims : pandas.DataFrame
        Claims passing the filter.
    flt : ClaimFilter, optional
        Current filter.

    Returns
    -------
    pandas.DataFrame
        ``id, published, title, source, url, claims``, most recent first.
    """
    cols = [c for c in ("id", "published", "title", "source", "url") if c in articles.columns]
    keep = pd.Series(True, index=articles.index)
    if flt is not None:
        published = articles["published"].astype("string").str[:10]
        if flt.date_from:
            keep &= (published >= flt.date_from).fillna(False)
        if flt.date_to:
            keep &= (published <= flt.date_to).fillna(False)
        if flt.text:
            needle = flt.text.casefold()
            hit = pd.Series(False, index=articles.index)
            for col in ("title", "text"):
                if col in articles.columns:
                    hit |= (articles[col].astype("string").str.casefold()
                            .str.contains(needle, regex=False).fillna(False))
            keep &= hit
    out = articles.loc[keep, cols].copy()
    counts = claims.groupby("article_id").size() if len(claims) else pd.Series(dtype="int64")
    out["claims"] = out["id"].map(counts).fillna(0).astype(int)
    if "url" in out.columns:
        out["url"] = web_urls(out["url"])
    return out.sort_values(["published", "id"], ascending=[False, True]).reset_index(drop=True)


def web_urls(urls: pd.Series) -> pd.Series:
    """Return ``urls`` with anything but http(s) URLs blanked (for link columns).

    Article URLs are untrusted: a ``javascript:`` or ``data:`` URL must not become
    a clickable link in the tables.

    Parameters
    ----------
    urls : pandas.Series
        URLs as given by the articles.

    Returns
    -------
    pandas.Series
        The same, with non-web URLs missing.
    """
    text = urls.astype("string").str.strip()
    ok = text.str.lower().str.match(r"https?://").fillna(False)
    return text.where(ok, pd.NA)


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Return the claims as the table page shows them (most recent first).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims.

    Returns
    -------
    pandas.DataFrame
        :data:`TABLE_COLUMNS`; ``date`` is the effective date. Text is left as is:
        Streamlit's data grid shows it as text, never as HTML.
    """
    out = pd.DataFrame(claims.drop(columns="geometry", errors="ignore")).copy()
    out["date"] = effective_date(out) if len(out) else pd.Series(dtype="string")
    out = out.sort_values(["date", "claim_id"], ascending=[False, True], na_position="last")
    if "url" in out.columns:
        out["url"] = web_urls(out["url"])
    return out.loc[:, [c for c in TABLE_COLUMNS if c in out.columns]].reset_index(drop=True)


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


def reference_table(events: pd.DataFrame) -> pd.DataFrame:
    """Return reference events as the table page shows them (most recent first)."""
    cols = ["ref_id", "dataset", "event_date", "date_end", "event_type", "sub_event_type",
            "actor1", "actor2", "location", "admin1", "country", "fatalities", "latitude",
            "longitude", "notes"]
    out = pd.DataFrame(events.drop(columns="geometry", errors="ignore")).reindex(columns=cols)
    return out.sort_values(["event_date", "ref_id"], ascending=[False, True]).reset_index(
        drop=True)


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


# ---------------------------------------------------------------------------------------
# ingest from the browser


@dataclass
class IngestResult:
    """What an upload did.

    Attributes
    ----------
    articles : int
        Articles read.
    claims : int
        Claims extracted.
    summary : dict
        The store's :class:`geo.store.IngestSummary` as a dict.
    errors : list of str
        Articles that failed extraction (skipped), as ``"id: message"``.
    map_params : dict
        URL query parameters of a map filter showing the new claims (their date range
        and countries); empty when there are none.
    """

    articles: int
    claims: int
    summary: dict
    errors: list[str] = field(default_factory=list)
    map_params: dict[str, str] = field(default_factory=dict)


def new_claims_params(claims: pd.DataFrame) -> dict[str, str]:
    """Return the map filter (URL query parameters) that shows ``claims``: dates, countries.

    Parameters
    ----------
    claims : pandas.DataFrame
        Newly extracted claims.

    Returns
    -------
    dict of str to str
        ``from``, ``to`` and ``country`` (empty when there are no claims).
    """
    if len(claims) == 0:
        return {}
    days = effective_date(claims).dropna().str[:10]
    countries = tuple(sorted(claims["country_code"].dropna().astype(str).unique()))
    flt = ClaimFilter(date_from=days.min() if len(days) else None,
                      date_to=days.max() if len(days) else None, countries=countries)
    return flt.to_query_params()


def pasted_article(text: str, published: dt.date | str, title: str | None = None,
                   source: str | None = None, url: str | None = None,
                   article_id: str | None = None) -> tuple[str, bytes]:
    """Return a pasted article as an in-memory JSON Lines file for the ingest reader.

    Parameters
    ----------
    text : str
        Article body.
    published : datetime.date or str
        Publication date.
    title, source, url : str, optional
        Provenance.
    article_id : str, optional
        Id; default ``pasted-`` + a hash of date and text (pasting twice is a no-op).

    Returns
    -------
    tuple
        ``("pasted.jsonl", content)``.
    """
    import hashlib
    import json

    pub = published.isoformat() if isinstance(published, dt.date) else str(published)
    aid = article_id or "pasted-" + hashlib.sha1(f"{pub}\x1f{text}".encode()).hexdigest()[:12]
    record = {"id": aid, "published": pub, "text": text, "title": title or None,
              "source": source or None, "url": url or None}
    return "pasted.jsonl", (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")


def ingest_files(files: list[tuple[str, bytes]], store: Store, *,
                 published: str | None = None, urls: list[str] | tuple[str, ...] = (),
                 resources: Resources | Callable[[], Resources] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> IngestResult:
    """Read uploaded files, extract their claims and store both.

    Parameters
    ----------
    files : list of (str, bytes)
        File names (the extension picks the format) and contents.
    store : geo.store.Store
        Where to store.
    published : str, optional
        Publication date for ``.txt`` files (ISO 8601).
    urls : list of str, optional
        ``http(s)://`` URLs of pages or feeds, fetched once (:mod:`geo.sources.fetch`).
    resources : geo.extract.Resources or callable, optional
        Loaded extraction resources (cache them in the app), or a function returning
        them, called only once the input has been read without error.
    progress : callable, optional
        ``progress(done, total)`` after each article.

    Returns
    -------
    IngestResult
        Counts and per-article errors.

    Raises
    ------
    geo.sources.InputError
        Bad input (names file, line and field); nothing is stored.
    """
    from geo.extract import extract_claims
    from geo.sources import read_articles_bytes

    articles = read_articles_bytes(files, published=published)
    if urls:
        from geo.sources import read_articles

        fetched = read_articles(list(urls), published=published)
        articles = pd.concat([articles, fetched[~fetched["id"].isin(articles["id"])]],
                             ignore_index=True)
    total = len(articles)
    done = 0
    errors: list[str] = []

    def tick(n: int = 1) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress(min(done, total), total)

    def on_error(article_id: str, exc: BaseException) -> None:
        errors.append(f"{article_id}: {exc}")

    if progress is not None:
        progress(0, total)
    if callable(resources):
        resources = resources()
    claims = extract_claims(articles, resources, progress=tick, on_error=on_error)
    summary = store.ingest(articles, claims)
    return IngestResult(articles=total, claims=len(claims), summary=summary.as_dict(),
                        errors=errors, map_params=new_claims_params(claims))
