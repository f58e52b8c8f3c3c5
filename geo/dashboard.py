"""Streamlit pieces shared by the dashboard's pages: cached resources and the sidebar.

Only rendering and caching live here; what is shown is computed by
:mod:`geo.appstate` and :mod:`geo.mapview`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import appstate, settings
from geo.filters import ClaimFilter

if TYPE_CHECKING:  # annotations only: these modules are imported when first needed
    from geo.extract import Resources
    from geo.mapview import Outlines
    from geo.places.gazetteer import Gazetteer
    from geo.store import Store

#: Session key holding the current filter as URL query parameters (shared by pages).
FILTER_KEY = "claim_filter_params"
#: The "Claims by" choices of the sidebar (ClaimFilter.assessment -> label).
ASSESSMENT_LABELS = {None: "all claimants", "parties": "parties' claims",
                     "independent": "independent assessments"}
#: The "Stance" choices of the sidebar (ClaimFilter.stance -> label).
STANCE_LABELS = {None: "both", "asserted": "asserted", "denied": "denied"}


def setup_page(title: str) -> None:
    """Configure the page (wide layout, title)."""
    st.set_page_config(page_title=f"{title} · conflict claims", layout="wide")


def store_target() -> str:
    """Return the store the app reads (``GEO_STORE`` or the default)."""
    return settings.get("store")


@st.cache_resource(show_spinner=False)
def get_store(target: str) -> Store:
    """Open the claims store once per process."""
    from geo.store import open_store

    return open_store(target)


def store_version(target: str) -> tuple:
    """Return a key that changes whenever the store's content changes."""
    from geo.reference.storage import reference_version

    store = get_store(target)
    articles, claims, last_article, last_claim = store.change_key()  # no table scan
    mtime = Path(target).stat().st_mtime_ns if Path(target).exists() else 0
    return (articles, claims, (last_article, last_claim), mtime, reference_version(store))


@st.cache_data(show_spinner="Loading reference layers…", max_entries=4)
def load_reference(target: str, version: tuple) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Return the stored reference events and control polygons (cached per version)."""
    return appstate.load_reference(get_store(target))


@st.cache_resource(show_spinner=False)
def get_regions() -> gpd.GeoDataFrame | None:
    """Return the admin-1 polygons used to measure assessed areas, once per process."""
    from geo.reference.storage import load_regions

    return load_regions()


@st.cache_data(show_spinner="Loading claims…", max_entries=4)
def load_claims(target: str, version: tuple) -> gpd.GeoDataFrame:
    """Return every stored claim with its corroboration (cached per store version)."""
    events, control = load_reference(target, version)
    return appstate.load_claims(get_store(target), None, events=events, control=control,
                                regions=get_regions() if len(control) else None)


@st.cache_data(show_spinner=False, max_entries=4)
def load_articles(target: str, version: tuple) -> pd.DataFrame:
    """Return every stored article (cached per store version)."""
    return get_store(target).articles()


@st.cache_resource(show_spinner="Loading the gazetteer…")
def get_gazetteer() -> Gazetteer | None:
    """Return the gazetteer (None if its cache is not built), once per process."""
    try:
        from geo.places.gazetteer import Gazetteer

        return Gazetteer.load()
    except Exception:  # noqa: BLE001 - the map still works without outlines
        return None


@st.cache_resource(show_spinner="Loading map outlines…")
def get_outlines() -> Outlines:
    """Return the offline base-layer outlines (simplified at ``make setup``), once per process."""
    from geo.mapview import cached_outlines

    return cached_outlines()


@st.cache_resource(show_spinner=False, max_entries=8)
def outline_urls(codes: tuple[str, ...]) -> dict[str, str] | None:
    """Publish the map's outlines as static files once; return their URLs (None: inline).

    The browser fetches them once and keeps them, so neither the first page nor a
    filter change carries the world's outlines. Without a writable ``static/`` folder
    (or with a ``static_url`` that is not Streamlit's own), the page carries them.
    """
    from geo.mapview import default_assets_url, publish_json

    base = default_assets_url()
    if not base.endswith("/static/vendor"):
        return None
    folder = settings.ROOT / "static" / "outlines"
    outlines = get_outlines()
    try:
        countries = publish_json(outlines.countries_json, folder, "countries")
        admin1 = publish_json(outlines.admin1_json(codes), folder, "admin1")
    except OSError:
        return None
    root = base[: -len("/vendor")] + "/outlines/"
    return {"countries": root + countries, "admin1": root + admin1}


def is_large(version: tuple) -> bool:
    """Tell whether the store holds more claims than the app loads at once."""
    return appstate.is_large(int(version[1]))


@st.cache_data(show_spinner="Reading the store's filter options…", max_entries=4)
def load_facets(target: str, version: tuple) -> dict:
    """Return the store's distinct values per filter column (large stores; cached)."""
    return get_store(target).facets()


def _params_filter(params: tuple) -> ClaimFilter:
    return ClaimFilter.from_query_params(dict(params), strict=False)


@st.cache_data(show_spinner="Loading the filtered claims…", max_entries=8)
def load_filtered(target: str, version: tuple, params: tuple) -> gpd.GeoDataFrame:
    """Return the claims passing a filter, read from the store (large stores; cached)."""
    events, control = load_reference(target, version)
    return appstate.load_claims(get_store(target), _params_filter(params), events=events,
                                control=control,
                                regions=get_regions() if len(control) else None)


@st.cache_data(show_spinner="Counting…", max_entries=16)
def filtered_counts(target: str, version: tuple, params: tuple) -> tuple[int, int, int]:
    """Return (claims, places, claimants) passing a filter, counted in the store."""
    flt = _params_filter(params)
    if flt.unsupported:  # decided by the reference layers, not in the store's SQL
        view = load_filtered(target, version, params)
        return (len(view), int(view["place_id"].nunique()),
                int(view["claimant_id"].fillna(view["claimant"]).nunique()))
    store = get_store(target)
    return (store.count(flt), *store.distinct_counts(flt))


@st.cache_data(show_spinner="Counting claims per map cell…", max_entries=8)
def load_cells(target: str, version: tuple, params: tuple, total: int):
    """Return the claims of a filter per grid cell, and the sparse cells' claims (cached)."""
    from geo.mapview.aggregate import store_cells

    return store_cells(get_store(target), _params_filter(params), total=total)


@st.cache_data(show_spinner=False, max_entries=16)
def cells_payload(target: str, version: tuple, params: tuple, total: int,
                  date_range: tuple[str, str] | None, color_by: str = "type") -> str:
    """Return the map's payload of a filter drawn as cells (JSON text, cached)."""
    from geo.mapview import json_for_script
    from geo.mapview.aggregate import cells_payload as payload_of

    view = load_cells(target, version, params, total)
    return json_for_script(payload_of(view, date_range=date_range, color_by=color_by))


def large_filter(target: str, version: tuple) -> tuple[ClaimFilter, tuple, int]:
    """Draw the sidebar of a large store (options from the store); return the filter.

    Returns
    -------
    (ClaimFilter, tuple, int)
        The filter, its parameters (the cache key of per-filter reads) and the number of
        claims passing it (counted in the store).
    """
    flt = sidebar_filter(None, facets=load_facets(target, version))
    params = tuple(sorted(flt.to_query_params().items()))
    return flt, params, filtered_counts(target, version, params)[0]


def filtered_view(target: str, version: tuple
                  ) -> tuple[ClaimFilter, tuple | None, gpd.GeoDataFrame | None, int, int]:
    """Draw the sidebar and return the filtered claims, read whole only when few.

    On a large store the claims passing the filter are counted in the store and read only
    when they are at most :func:`geo.appstate.load_limit`; otherwise every claim is loaded
    and filtered here.

    Returns
    -------
    (ClaimFilter, tuple or None, GeoDataFrame or None, int, int)
        The filter; its parameters on a large store (the cache key of per-filter reads),
        else None; the filtered claims, or None when too many to load; the number passing
        the filter; the number stored.
    """
    if is_large(version):
        flt, params, n_match = large_filter(target, version)
        view = (load_filtered(target, version, params)
                if n_match <= appstate.load_limit() else None)
        return flt, params, view, n_match, int(version[1])
    claims = load_claims(target, version)
    flt = sidebar_filter(claims, version)
    view = appstate.filtered(claims, flt)
    return flt, None, view, len(view), len(claims)


@st.cache_data(show_spinner="Counting claims per day…", max_entries=8)
def load_day_counts(target: str, version: tuple, params: tuple) -> pd.DataFrame:
    """Return the timeline's claims per day and type of a filter (large stores; cached)."""
    flt = _params_filter(params)
    if flt.unsupported:  # decided by the reference layers: from the filtered claims
        return appstate.daily_counts(load_filtered(target, version, params))
    days = get_store(target).day_counts(flt)
    days["date"] = pd.to_datetime(days["date"], errors="coerce")
    return days.dropna(subset=["date"]).reset_index(drop=True)


@st.cache_data(show_spinner="Loading the articles…", max_entries=16)
def load_articles_page(target: str, version: tuple, params: tuple, page: int,
                       rows: int) -> tuple[pd.DataFrame, int]:
    """Return one page of the articles list of a filter and the articles in it (cached).

    The filter's dates apply to publication and its text to title and text (as
    :func:`geo.appstate.articles_table`); the claims column counts the claims passing it.
    """
    flt = _params_filter(params)
    store = get_store(target)
    args = (flt.date_from, flt.date_to, flt.text)
    found = store.articles_page(*args, limit=rows, offset=page * rows)
    if flt.unsupported:
        view = load_filtered(target, version, params)
        counts = view[view["article_id"].isin(found["id"])].groupby("article_id").size()
    else:
        counts = store.claims_per_article(flt, found["id"])
    return appstate.articles_page_table(found, counts), store.articles_count(*args)


@st.cache_data(show_spinner="Loading the page…", max_entries=16)
def load_page(target: str, version: tuple, params: tuple, page: int,
              rows: int) -> gpd.GeoDataFrame:
    """Return one page of the claims passing a filter, most recent first (cached)."""
    from geo.reference.storage import corroborated

    store = get_store(target)
    events, control = load_reference(target, version)
    claims = store.claims_page(_params_filter(params), rows, page * rows)
    return corroborated(store, claims, events=events, control=control,
                        regions=get_regions() if len(control) else None)


@st.cache_data(show_spinner=False, max_entries=16)
def map_payload(target: str, version: tuple, params: tuple, fit_key: str | None,
                fit: list | None, date_range: tuple[str, str] | None,
                color_by: str = "type") -> str:
    """Return the map's claims payload (JSON text) for a filter, cached per store version."""
    flt = ClaimFilter.from_query_params(dict(params), strict=False)
    view = (load_filtered(target, version, params) if is_large(version)
            else appstate.filtered(load_claims(target, version), flt))
    return appstate.map_payload_json(view, fit=fit, fit_key=fit_key, date_range=date_range,
                                     color_by=color_by)


@st.cache_data(show_spinner=False, max_entries=16)
def map_contests(target: str, version: tuple, params: tuple) -> dict:
    """Return the contested places of a filter's claims (cached per store version)."""
    from geo.mapview import contest_features

    flt = ClaimFilter.from_query_params(dict(params), strict=False)
    return contest_features(appstate.filtered(load_claims(target, version), flt))


@st.cache_data(show_spinner=False, max_entries=4)
def filter_choices(target: str, version: tuple) -> appstate.FilterOptions:
    """Return what the sidebar offers for the stored claims (cached per store version)."""
    return appstate.filter_options(load_claims(target, version))


def session_scope() -> str:
    """Return a key of this analyst's session (random, made on its first run).

    The map keeps its view under it in the browser, so coming back to the map page
    in the same session opens the view the analyst left (:func:`geo.mapview.build_shell`).
    """
    if "_session_scope" not in st.session_state:
        import secrets

        st.session_state["_session_scope"] = secrets.token_hex(8)
    return st.session_state["_session_scope"]


def map_initial_view() -> tuple[tuple[float, float], int] | None:
    """Return the view of a shared link (``lat``, ``lon``, ``z``), on the session's first run.

    Later runs return None: the map keeps whatever view the analyst has since chosen.
    """
    if st.session_state.get("_map_view_read"):
        return None
    st.session_state["_map_view_read"] = True
    return appstate.map_view_from_params(st.query_params.to_dict())


@st.cache_resource(show_spinner="Loading the language model and gazetteer…")
def get_resources() -> Resources:
    """Return the extraction resources (spaCy model, gazetteer, geocoder), once per process."""
    from geo.extract import Resources

    return Resources.load(gazetteer=get_gazetteer())


def current_claims() -> tuple[gpd.GeoDataFrame, tuple]:
    """Return all stored claims and the store version."""
    target = store_target()
    version = store_version(target)
    return load_claims(target, version), version


#: URL query parameters of the map's view (centre and zoom), kept beside the filter.
VIEW_KEYS = ("lat", "lon", "z")
#: The sidebar's widget keys (dropped to re-read a filter that comes from a link).
WIDGET_KEYS = ("f_dates", "f_types", "f_actors", "f_claimants", "f_countries", "f_admin1",
               "f_text", "f_sides", "f_by", "f_contested")


def query_params_dict(params) -> dict[str, str | list[str]]:
    """Return URL query parameters with every value of a repeated key (``?type=a&type=b``).

    ``st.query_params.to_dict()`` keeps only the last value of a repeated key.
    """
    out: dict[str, str | list[str]] = {}
    for key in params:
        values = list(params.get_all(key))
        out[key] = values if len(values) > 1 else (values[0] if values else "")
    return out


def _initial_filter() -> ClaimFilter:
    url = {k: v for k, v in query_params_dict(st.query_params).items()
           if k not in VIEW_KEYS and k not in appstate.VIEW_PARAMS}
    if FILTER_KEY in st.session_state and (not url or url == st.session_state[FILTER_KEY]):
        return ClaimFilter.from_query_params(st.session_state[FILTER_KEY], strict=False)
    if FILTER_KEY in st.session_state:  # a link with a filter of its own: it wins
        for key in WIDGET_KEYS:
            st.session_state.pop(key, None)
    flt, warnings = appstate.filter_from_params(url)
    for w in warnings:
        st.sidebar.warning(appstate.md_escape(w))
    return flt


def sidebar_filter(claims: gpd.GeoDataFrame | None, version: tuple | None = None, *,
                   facets: dict | None = None) -> ClaimFilter:
    """Draw the sidebar's filters and return the current filter.

    The filter lives in the URL's query parameters (so a view can be shared and
    reloaded) and in the session (so it follows the analyst across pages).

    Parameters
    ----------
    claims : geopandas.GeoDataFrame or None
        All claims (for the options offered); None with ``facets``.
    version : tuple, optional
        The store version of ``claims`` (:func:`current_claims`): the options are then
        computed once per version.
    facets : dict, optional
        The store's distinct values (:meth:`geo.store.Store.facets`), for a large store
        whose claims are not loaded.

    Returns
    -------
    ClaimFilter
        The filter the widgets describe.
    """
    flt = _initial_filter()
    if facets is not None:
        opts = appstate.options_from_facets(facets, flt)
        full = appstate.date_bounds_from_facets(facets)
    else:
        base = (filter_choices(store_target(), version) if version is not None
                else appstate.filter_options(claims))
        opts = appstate.with_selection(base, flt)
        full = (base.date_min, base.date_max)  # the data's own range: no constraint
    start = dt.date.fromisoformat(flt.date_from) if flt.date_from else opts.date_min
    end = dt.date.fromisoformat(flt.date_to) if flt.date_to else opts.date_max
    defaults = {
        "f_dates": (start, end), "f_types": list(flt.claim_types), "f_actors": list(flt.actors),
        "f_claimants": list(flt.claimants), "f_countries": list(flt.countries),
        "f_admin1": list(flt.admin1), "f_text": flt.text or "",
        "f_sides": list(flt.claimant_sides), "f_by": ASSESSMENT_LABELS[flt.assessment],
        "f_contested": flt.contested, "f_stance": STANCE_LABELS[flt.stance],
    }
    for key, value in defaults.items():  # (re)initialise widgets absent on this page
        if key not in st.session_state:
            st.session_state[key] = value

    sb = st.sidebar
    sb.header("Filter")
    dates = sb.date_input("Date range", key="f_dates", min_value=appstate.DATE_MIN,
                          max_value=appstate.DATE_MAX, format="YYYY-MM-DD",
                          help=f"Stored claims run from {full[0]} to {full[1]}.")
    types = sb.multiselect("Claim type", opts.claim_types, key="f_types")
    actors = sb.multiselect("Actor", opts.actors, key="f_actors")
    claimants = sb.multiselect("Claimant", opts.claimants, key="f_claimants")
    countries = sb.multiselect("Country", opts.countries, key="f_countries",
                               format_func=appstate.country_label)
    admin1 = sb.multiselect("Region", opts.admin1, key="f_admin1")
    text = sb.text_input("Search sentences", key="f_text")
    sides = sb.multiselect("Claimant side", opts.claimant_sides, key="f_sides",
                           help="The side the claimant speaks for; 'independent' for analysts, "
                                "media and the UN.")
    by = sb.radio("Claims by", list(ASSESSMENT_LABELS.values()), key="f_by",
                  help="Parties' own claims, or independent assessments.")
    contested = sb.checkbox("Contested places only", key="f_contested",
                            help="Claims another side disputes (same place and days).")
    stance = sb.radio("Stance", list(STANCE_LABELS.values()), key="f_stance", horizontal=True,
                      help="What claimants assert, what they deny (\"Kyiv denied the fall "
                           "of the town\"), or both.")
    if isinstance(dates, dt.date):
        dates = (dates,)
    assessment = next((k for k, v in ASSESSMENT_LABELS.items() if v == by), None)
    new = appstate.filter_from_widgets(dates, types, actors, claimants, countries, admin1, text,
                                       full_range=full, claimant_sides=sides,
                                       assessment=assessment, contested=contested,
                                       stance=next((k for k, v in STANCE_LABELS.items()
                                                    if v == stance), None))
    if len(tuple(dates)) == 1 and flt.date_to:  # mid-selection: keep the old end
        new = new.with_(date_to=flt.date_to)
    if "f_unsupported" not in st.session_state:
        st.session_state["f_unsupported"] = flt.unsupported
    unsupported = sb.checkbox("Claims no reference supports", key="f_unsupported",
                              help="No matching ACLED/UCDP event and not inside the "
                                   "assessed-control area (see `geo reference add`).")
    new = new.with_(unsupported=bool(unsupported))
    params = appstate.params_from_filter(new)
    st.session_state[FILTER_KEY] = params
    current = st.query_params.to_dict()
    # view settings that are not filters (the map's view, its colouring) stay in the URL
    keep = tuple(VIEW_KEYS) + tuple(appstate.VIEW_PARAMS)
    with_view = {**params, **{k: current[k] for k in keep if k in current}}
    if current != with_view:
        st.query_params.from_dict(with_view)
    if not new.is_empty():
        sb.caption("The URL holds this filter: copy it to share the view.")
    return new
