"""Claims table: every claim passing the filter, with its evidence sentence."""

from __future__ import annotations

import streamlit as st

from geo import appstate, dashboard

dashboard.setup_page("Claims table")
target = dashboard.store_target()
version = dashboard.store_version(target)

LIMIT = 10_000  # rows sent to the browser; the Export page has them all

st.title("Claims table")
if dashboard.is_large(version):  # one page at a time, read from the store
    flt = dashboard.sidebar_filter(None, facets=dashboard.load_facets(target, version))
    params = tuple(sorted(flt.to_query_params().items()))
    n_shown = dashboard.filtered_counts(target, version, params)[0]
    pages = appstate.page_count(n_shown)
    page = int(st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages,
                               value=1, step=1, key="table_page")) - 1
    if flt.unsupported:  # decided by the reference layers: the filtered claims, sliced
        view = dashboard.load_filtered(target, version, params)
        table = appstate.claims_table(view).iloc[page * appstate.PAGE_ROWS:
                                                 (page + 1) * appstate.PAGE_ROWS]
    else:
        table = appstate.claims_table(dashboard.load_page(target, version, params, page,
                                                          appstate.PAGE_ROWS))
    first = page * appstate.PAGE_ROWS
    st.caption(f"{n_shown:,} of {int(version[1]):,} claims match the filter (most recent "
               f"first); rows {min(first + 1, n_shown):,} to {first + len(table):,}.")
else:
    claims = dashboard.load_claims(target, version)
    flt = dashboard.sidebar_filter(claims, version)
    view = appstate.filtered(claims, flt)
    st.caption(f"{len(view):,} of {len(claims):,} claims match the filter (most recent "
               "first)." + (f" Showing the {LIMIT:,} most recent: narrow the filter or export "
                            "for all." if len(view) > LIMIT else ""))
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

events, _control = dashboard.load_reference(target, version)
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
