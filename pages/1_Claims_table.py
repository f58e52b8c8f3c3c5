"""Claims table: every claim passing the filter, with its evidence sentence."""

from __future__ import annotations

import streamlit as st

from geo import appstate, dashboard

dashboard.setup_page("Claims table")
claims, version = dashboard.current_claims()
flt = dashboard.sidebar_filter(claims, version)
view = appstate.filtered(claims, flt)

LIMIT = 10_000  # rows sent to the browser; the Export page has them all

st.title("Claims table")
st.caption(f"{len(view):,} of {len(claims):,} claims match the filter (most recent first)."
           + (f" Showing the {LIMIT:,} most recent: narrow the filter or export for all."
              if len(view) > LIMIT else ""))
table = appstate.claims_table(view).head(LIMIT)
# the table toolbar's own download is off (.streamlit/config.toml): it would write article
# text that a spreadsheet runs as a formula; this one is guarded (made on click)
st.download_button("Download this table (CSV)", data=lambda: appstate.table_csv(table),
                   file_name="claims_table.csv", mime="text/csv", key="dl_table",
                   disabled=table.empty, on_click="ignore",
                   help="The rows shown, every text cell safe to open in a spreadsheet. "
                        "The Export page has every format and every row.")
st.dataframe(
    table, hide_index=True, width="stretch", height=600,
    column_config={
        "date": st.column_config.TextColumn("date", width="small"),
        "sentence": st.column_config.TextColumn("evidence sentence", width="large"),
        "url": st.column_config.LinkColumn("url", display_text="source"),
        "quantity": st.column_config.NumberColumn("quantity", format="%g"),
        "reference_events": st.column_config.TextColumn("reference events"),
        "assessed_area_km2": st.column_config.NumberColumn("assessed km²", format="%.0f"),
    },
)

events, _control = dashboard.load_reference(dashboard.store_target(), version)
if len(events):
    in_range = appstate.reference_in_range(events, flt)
    st.subheader("Reference events")
    st.caption(f"{len(in_range):,} of {len(events):,} coded events (ACLED, UCDP) in the "
               "filter's dates; a claim's `reference_events` lists the ids that match it.")
    ref_table = appstate.reference_table(in_range).head(LIMIT)
    st.dataframe(ref_table, hide_index=True, width="stretch", height=300)
    st.download_button("Download reference events (CSV)",
                       data=lambda: appstate.table_csv(ref_table),
                       file_name="reference_events.csv", mime="text/csv", key="dl_reference",
                       on_click="ignore")
