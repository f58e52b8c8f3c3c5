"""Timeline of claims, competing figures about a region, and the ledger of a place."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from geo import appstate, dashboard, ledger
from geo.mapview import TYPE_COLORS
from geo.mapview.styles import side_color

dashboard.setup_page("Timeline & comparison")
target = dashboard.store_target()
version = dashboard.store_version(target)
_flt, params, view, n_match, _n_stored = dashboard.filtered_view(target, version)
# on a large store, counts per day from the store; the claims only when few
daily = (appstate.daily_counts(view) if params is None
         else dashboard.load_day_counts(target, version, params))

st.title("Timeline & comparison")

st.subheader("Claims per day")
if daily.empty:
    st.info("No claim matches the filter.")
else:
    types = [t for t in TYPE_COLORS if t in set(daily["claim_type"])]
    chart = (alt.Chart(daily).mark_bar()
             .encode(x=alt.X("date:T", title="date"),
                     y=alt.Y("sum(claims):Q", title="claims"),
                     color=alt.Color("claim_type:N", title="claim type",
                                     scale=alt.Scale(domain=types,
                                                     range=[TYPE_COLORS[t] for t in types])),
                     tooltip=["date:T", "claim_type:N", "claims:Q"])
             .properties(height=260))
    st.altair_chart(chart, width="stretch")

if view is None:
    st.info(f"{n_match:,} claims match the filter. The comparison of figures and the ledger "
            f"below read at most {appstate.load_limit():,}: narrow the filter (dates, "
            "country, region, claim type) to see them.")
    st.stop()

st.subheader("Competing claims about a region")
regions = appstate.comparison_regions(view)
if not regions:
    st.info("No quantified territorial claims (km², settlements, km) match the filter.")
else:
    region = st.selectbox("Region", regions, key="cmp_region",
                          help="Regions with quantified claims, most claimants first.")
    wide = st.checkbox("Include country-level claims from the same articles", value=True,
                       key="cmp_country",
                       help="E.g. '1,000 km² of Russian territory' in an article about Kursk.")
    series = appstate.comparison_series(view, region, country_level=wide)
    assessed = appstate.assessed_series(series)
    if len(assessed):
        st.caption("Dashed: the claimant side's assessed-control area on each claim's date, "
                   "measured from the imported control layer (equal-area projection).")
    st.caption(f"{len(series)} quantified claim(s) about {appstate.md_escape(region)} by "
               f"{series['claimant'].nunique()} claimant(s). Click a point for its evidence.")
    pick = alt.selection_point(fields=["claim_id"], name="pick")
    plotted = pd.concat([series, assessed], ignore_index=True) if len(assessed) else series
    chart = (alt.Chart(plotted).mark_line(point=alt.OverlayMarkDef(size=90))
             .encode(x=alt.X("date:T", title="date"),
                     y=alt.Y("quantity:Q", title="claimed"),
                     color=alt.Color("claimant:N", title="claimant"),
                     strokeDash=alt.StrokeDash("scope:N", title="scope"),
                     row=alt.Row("unit:N", title=None),
                     tooltip=["date:T", "claimant:N", "quantity:Q", "unit:N", "qualifier:N",
                              "claim_type:N", "place_name:N", "scope:N"])
             .add_params(pick)
             .resolve_scale(y="independent")
             .properties(height=180))
    event = st.altair_chart(chart, width="stretch", on_select="rerun",
                            key="cmp_chart")
    picked = [p.get("claim_id") for p in (event.selection.get("pick") or [])] if event else []
    evidence = series[series["claim_id"].isin(picked)] if picked else series
    st.markdown("**Evidence**" + (" (selected claim)" if picked else " (all claims shown)"))
    st.dataframe(
        evidence[["date", "claimant", "quantity", "unit", "assessed_area_km2", "qualifier",
                  "claim_type", "place_name", "scope", "assessed_control", "reference_events",
                  "sentence", "source", "url"]],
        hide_index=True, width="stretch",
        column_config={"date": st.column_config.DateColumn("date"),
                       "sentence": st.column_config.TextColumn("evidence sentence",
                                                               width="large"),
                       "url": st.column_config.LinkColumn("url", display_text="source"),
                       "assessed_area_km2": st.column_config.NumberColumn(
                           "assessed km²", format="%.0f",
                           help="The claimant side's area in the assessed-control layer "
                                "for this region on the claim's date")},
    )

st.subheader("Ledger of a place or region")
places = ledger.ledger_places(view)
if places.empty:
    st.info("No claim about a place or region matches the filter.")
else:
    labels = dict(zip(places["key"], places["label"] + "  ·  " + places["claimants"].astype(str)
                      + " claimant(s), " + places["contests"].astype(str) + " dispute(s)",
                      strict=True))
    key = st.selectbox("Place or region", list(labels), format_func=labels.get,
                       key="ledger_place",
                       help="Every claim about it over time, one row per claimant; the most "
                            "disputed places first.")
    rows = ledger.ledger_rows(view, key)
    windows = ledger.dispute_windows(rows)
    st.caption(f"{len(rows)} claim(s) by {rows['claimant_key'].nunique()} claimant(s); "
               f"{len(windows)} dispute(s) shaded. Colour: the claimant's side; filled "
               "marks carry a figure.")
    sides = sorted(set(rows["side"]))
    plot = rows.assign(quantified=rows["quantity"].notna().map({True: "with a figure",
                                                                False: "no figure"}))
    marks = (alt.Chart(plot).mark_point(size=120, filled=True)
             .encode(x=alt.X("date:T", title="date"),
                     y=alt.Y("claimant:N", title=None, sort=None),
                     color=alt.Color("side:N", title="claimant side",
                                     scale=alt.Scale(domain=sides,
                                                     range=[side_color(s) for s in sides])),
                     shape=alt.Shape("quantified:N", title=None),
                     tooltip=["date:T", "claimant:N", "side:N", "assertion:N", "quantity:Q",
                              "unit:N", "place_name:N", "sentence:N"]))
    layers = [marks]
    if not windows.empty:
        layers.insert(0, alt.Chart(windows).mark_rect(opacity=0.18, color="#d00")
                      .encode(x="start:T", x2="end:T", tooltip=["sides:N", "start:T", "end:T"]))
    st.altair_chart(alt.layer(*layers).properties(height=max(120, 34 * rows["claimant"]
                                                              .nunique())),
                    width="stretch", key="ledger_chart")
    st.dataframe(
        rows[["date", "claimant", "side", "assertion", "quantity", "unit", "place_name",
              "contest_id", "sentence", "source", "url"]],
        hide_index=True, width="stretch", key="ledger_table",
        column_config={"date": st.column_config.DateColumn("date"),
                       "sentence": st.column_config.TextColumn("evidence sentence",
                                                               width="large"),
                       "url": st.column_config.LinkColumn("url", display_text="source")},
    )
