"""Conflict-claims map: the dashboard's main page (``streamlit run app.py``)."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from geo import appstate, dashboard, mapview

dashboard.setup_page("Map")
claims, version = dashboard.current_claims()
flt = dashboard.sidebar_filter(claims)
view = appstate.filtered(claims, flt)

st.title("Claims map")
c1, c2, c3, c4 = st.columns(4)
c1.metric("Claims shown", f"{len(view):,}")
c2.metric("Claims stored", f"{len(claims):,}")
c3.metric("Places", f"{view['place_id'].nunique():,}")
c4.metric("Claimants", f"{view['claimant_id'].fillna(view['claimant']).nunique():,}")

modes = list(appstate.COLOR_MODES)
if "map_color" not in st.session_state:
    st.session_state["map_color"] = appstate.color_mode(st.query_params.to_dict())
color = st.radio("Colour by", modes, key="map_color", horizontal=True,
                 format_func=appstate.COLOR_MODES.get,
                 help="Claim type, or the side the claimant speaks for. Contested places "
                      "carry a striped diamond either way.")
if color == "side":
    st.query_params["color"] = "side"
elif "color" in st.query_params:
    del st.query_params["color"]
play = st.toggle("Day-by-day play-through", value=False,
                 help="Adds a time slider: press play to step through the claims day by day.")
if claims.empty:
    st.info("No claims stored yet. Add articles on the **Articles & ingest** page.")
elif view.empty:
    st.warning("No claim matches the filter. Widen the date range or clear a filter.")

fmap = mapview.build_map(view, outlines=dashboard.get_outlines(), timeline=play,
                         color_by=color)
# returned_objects=[]: panning and zooming do not rerun the script; the stable key keeps
# the map (and its view) across reruns that do not change what it shows.
st_folium(fmap, key="claims_map", returned_objects=[], height=620, use_container_width=True)
st.caption("Points: settlements (clustered; click a cluster to zoom, a point for its evidence). "
           "Polygons: claims about whole regions or countries. Striped diamonds: contested "
           "places (click for the competing claims side by side). Base layer: offline "
           "outlines.")
