"""Claims map: the claims that pass the filter, each at its own scale, on an offline map."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo import appstate, dashboard, mapview
from geo.mapview import aggregate

dashboard.setup_page("Map")
target = dashboard.store_target()
version = dashboard.store_version(target)
cells = None  # a large filtered set: counts per grid cell from the store, few points
if dashboard.is_large(version):  # never the whole store: counts and cells per filter
    facets = dashboard.load_facets(target, version)
    flt = dashboard.sidebar_filter(None, facets=facets)
    opts = appstate.options_from_facets(facets)
    params = tuple(sorted(flt.to_query_params().items()))
    n_shown, n_places, n_claimants = dashboard.filtered_counts(target, version, params)
    n_stored = int(version[1])
    if n_shown > aggregate.POINT_LIMIT:
        cells = dashboard.load_cells(target, version, params, n_shown)
        view = cells.points
    else:
        view = dashboard.load_filtered(target, version, params)
else:
    claims = dashboard.load_claims(target, version)
    flt = dashboard.sidebar_filter(claims, version)
    view = appstate.filtered(claims, flt)
    opts = dashboard.filter_choices(target, version)
    n_shown, n_stored = len(view), len(claims)
    n_places = view["place_id"].nunique()
    n_claimants = view["claimant_id"].fillna(view["claimant"]).nunique()
outlines = dashboard.get_outlines()

# On a phone the counters stay on one line and the map comes first (a constant style;
# st.html: a style alone takes no room on the page and needs no Markdown-with-HTML parser)
st.html("""<style>
@media (max-width: 640px) {
  h1 {font-size: 1.4rem !important; padding: 0 !important}
  div[data-testid="stHorizontalBlock"]:has(div[data-testid="stMetric"]) {
    flex-wrap: nowrap !important; gap: .4rem !important}
  div[data-testid="stHorizontalBlock"]:has(div[data-testid="stMetric"]) > div {
    min-width: 0 !important; width: auto !important; flex: 1 1 0 !important}
  div[data-testid="stMetricValue"] {font-size: 1rem !important}
  div[data-testid="stMetricLabel"] p {font-size: .65rem !important}
}
</style>""")

st.title("Claims map")
c1, c2, c3, c4 = st.columns(4)
c1.metric("Claims shown", f"{n_shown:,}")
c2.metric("Claims stored", f"{n_stored:,}")
c3.metric("Places", f"{n_places:,}")
c4.metric("Claimants", f"{n_claimants:,}")

if "map_color" not in st.session_state:
    st.session_state["map_color"] = appstate.color_mode(st.query_params.to_dict())
color = st.radio("Colour by", list(appstate.COLOR_MODES), key="map_color", horizontal=True,
                 format_func=appstate.COLOR_MODES.get,
                 help="Claim type, or the side the claimant speaks for. Contested places "
                      "carry a striped diamond either way.")
if color == "side":
    st.query_params["color"] = "side"
elif "color" in st.query_params:
    del st.query_params["color"]

if n_stored == 0:
    st.info("No claims stored yet. Add articles on the **Articles & ingest** page.")
elif n_shown == 0:
    st.warning(appstate.no_match_message(flt, opts.date_min, opts.date_max))

date_range = (flt.date_from or opts.date_min.isoformat(), flt.date_to or opts.date_max.isoformat())
params = tuple(sorted(flt.to_query_params().items()))
if cells is not None:
    payload = dashboard.cells_payload(target, version, params, n_shown, date_range, color)
    st.caption(f"{n_shown:,} claims: too many to draw one by one, so the map shows how many "
               f"fall in each {cells.size:g}° cell (coloured by their most frequent type), "
               f"and as points the {len(view):,} claims of the sparsest cells. Narrow the "
               "filter (dates, type, region) to see every claim.")
else:
    fit, fit_key = appstate.map_fit(view, flt, outlines.bounds_of)
    payload = dashboard.map_payload(target, version, params, fit_key, fit, date_range, color)
shell = mapview.build_shell(outlines, region_countries=opts.countries,
                            outline_urls=dashboard.outline_urls(tuple(opts.countries)),
                            view_scope=dashboard.session_scope())
initial = dashboard.map_initial_view()
# The shell is the same page for every filter, so the map (and the analyst's view) stays;
# a filter change only sends the new claims (feature_group_to_add). returned_objects=[]:
# panning and zooming do not rerun the script; the map writes its view into the URL.
# contested places: marked at every zoom, never clustered (cached per filter when the
# store's claims are loaded; a large store's from the claims read for this filter)
contests = (mapview.contest_features(view) if dashboard.is_large(version)
            else dashboard.map_contests(target, version, params))
events, control = dashboard.load_reference(target, version)
layers = [mapview.data_layer(payload, contests=contests)]
if cells is not None:  # the cells under the points, so that the points stay clickable
    layers.insert(0, aggregate.cell_layer(cells))
if len(events) or len(control):  # coded events and assessed control (geo reference add)
    layers.append(mapview.reference_layer(appstate.reference_in_range(events, flt), control,
                                          day=date_range[1]))
st_folium(shell, key="claims_map", feature_group_to_add=layers,
          center=initial[0] if initial else None, zoom=initial[1] if initial else None,
          returned_objects=[], height=620, use_container_width=True)
st.caption("Points: settlement claims (grouped; click a group to zoom, a point for its "
           "evidence). Shaded regions: claims about a region, darker for more claims. Dashed "
           "badges: claims about a whole country (also listed in the legend). Striped "
           "diamonds: contested places (click for the competing claims side by side). "
           "▶ Play-through walks the days of the date range."
           + (" Dashed rings: reference events (ACLED, UCDP); shaded areas: assessed control "
              f"on {date_range[1]} (following the play-through)."
              if len(events) or len(control) else ""))
