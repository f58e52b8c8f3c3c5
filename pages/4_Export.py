"""Export the filtered claims: GeoJSON, ACLED-style CSV, GeoPackage, KML."""

from __future__ import annotations

import streamlit as st

from geo import appstate, dashboard

dashboard.setup_page("Export")
target = dashboard.store_target()
version = dashboard.store_version(target)
# on a large store, the filtered claims only, read from the store when few
flt, _params, view, n_match, n_stored = dashboard.filtered_view(target, version)


def exporter(fmt: str, view, geometry: str):
    """Return a function writing ``view`` in ``fmt``, run only when the button is clicked."""
    from geo import export

    if fmt == "geojson":
        return lambda: export.geojson_bytes(view, geometry)
    write = {"csv": export.acled_csv_bytes, "gpkg": export.gpkg_bytes,
             "kml": export.kml_bytes}[fmt]
    return lambda: write(view)


st.title("Export")
st.write(f"The export holds the **{appstate.plural(n_match, 'claim')}** that match the "
         f"current filter (of {n_stored:,} stored).")
if view is None:  # too many to hold in the app: the command line streams them to a file
    st.info(f"A download from the app holds at most {appstate.load_limit():,} claims: narrow "
            "the filter, or write them all with the command line (GeoJSON streamed from "
            "the store, memory bounded by a chunk):")
    st.code(appstate.export_command(flt, target), language="bash")
    st.stop()
stem = "claims"
if flt.date_from or flt.date_to:
    stem += f"_{flt.date_from or 'start'}_{flt.date_to or 'end'}"
FORMATS = (
    ("geojson", "GeoJSON (RFC 7946)", "application/geo+json", ".geojson",
     "For QGIS, kepler.gl, ArcGIS: WGS84, every claim property."),
    ("csv", "ACLED-style CSV", "text/csv", ".csv", "One row per claim in ACLED's columns."),
    ("gpkg", "GeoPackage", "application/geopackage+sqlite3", ".gpkg",
     "For QGIS and ArcGIS: a point layer and an area layer, dates as dates, styled by "
     "claim type in QGIS."),
    ("kml", "KML", "application/vnd.google-earth.kml+xml", ".kml",
     "For Google Earth: time-stamped (time slider), one style per claim type."),
)
GEOMETRIES = {"simplified": "Polygons simplified to the map's ~1 km tolerance (smaller)",
              "full": "Full polygons, as stored", "points": "One point per claim (points only)"}
geometry = st.radio("GeoJSON geometry", list(GEOMETRIES), format_func=GEOMETRIES.get,
                    key="geojson_geometry", horizontal=True)
for fmt, label, mime, ext, help_text in FORMATS:
    # deferred: 100,000 claims take seconds to write, so only the clicked format is made
    st.download_button(f"Download {label}", data=exporter(fmt, view, geometry),
                       file_name=stem + ext, mime=mime, help=help_text, key=f"dl_{fmt}",
                       disabled=view.empty, on_click="ignore")
