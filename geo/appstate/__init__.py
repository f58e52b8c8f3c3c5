"""The dashboard's logic, free of Streamlit, one module per step its data goes through.

The Streamlit files (``app.py``, ``pages/``, :mod:`geo.dashboard`) only read widgets,
cache and render; what they show is computed here by pure functions that tests call
directly:

- :mod:`~geo.appstate.query`: the URL's query parameters (filter, map view, colouring);
- :mod:`~geo.appstate.load`: loading claims and reference layers from the store;
- :mod:`~geo.appstate.filtering`: the sidebar's options and the filter applied;
- :mod:`~geo.appstate.mapstate`: the map's payload and the box a filter fits;
- :mod:`~geo.appstate.display`: escaped text, labels and the pages' tables;
- :mod:`~geo.appstate.series`: timeline counts and the comparison of figures;
- :mod:`~geo.appstate.ingest`: uploads and pasted articles, extracted and stored;
- :mod:`~geo.appstate.scale`: a large store, read per filter (options, counts, pages).

Every public name is re-exported here (``from geo import appstate; appstate.filtered``).
"""

from __future__ import annotations

from geo.appstate.display import (
    TABLE_COLUMNS,
    articles_page_table,
    articles_table,
    claims_table,
    country_label,
    md_escape,
    plural,
    reference_table,
    table_csv,
    web_urls,
)
from geo.appstate.filtering import (
    DATE_MAX,
    DATE_MIN,
    FilterOptions,
    date_bounds,
    filter_from_widgets,
    filter_options,
    filtered,
    no_match_message,
    reference_in_range,
    with_selection,
)
from geo.appstate.ingest import IngestResult, ingest_files, new_claims_params, pasted_article
from geo.appstate.load import load_claims, load_reference
from geo.appstate.mapstate import map_fit, map_payload_json
from geo.appstate.query import (
    COLOR_MODES,
    VIEW_PARAMS,
    color_mode,
    filter_from_params,
    map_view_from_params,
    params_from_filter,
)
from geo.appstate.scale import (
    PAGE_ROWS,
    date_bounds_from_facets,
    export_command,
    is_large,
    load_limit,
    options_from_facets,
    page_count,
)
from geo.appstate.series import (
    COMPARISON_UNITS,
    assessed_series,
    comparison_regions,
    comparison_series,
    daily_counts,
)

__all__ = [
    "COLOR_MODES", "COMPARISON_UNITS", "DATE_MAX", "DATE_MIN", "TABLE_COLUMNS", "VIEW_PARAMS",
    "FilterOptions", "IngestResult", "articles_table", "assessed_series", "claims_table",
    "color_mode", "comparison_regions", "comparison_series", "country_label", "daily_counts",
    "date_bounds", "filter_from_params", "filter_from_widgets", "filter_options", "filtered",
    "ingest_files", "load_claims", "load_reference", "map_fit", "map_payload_json",
    "map_view_from_params", "md_escape", "new_claims_params", "no_match_message",
    "params_from_filter", "pasted_article", "plural", "reference_in_range", "reference_table",
    "table_csv", "web_urls", "with_selection",
    # a large store, read per filter (geo.appstate.scale)
    "PAGE_ROWS", "articles_page_table", "date_bounds_from_facets", "export_command",
    "is_large", "load_limit", "options_from_facets", "page_count",
]
