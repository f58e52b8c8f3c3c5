"""End to end: the reference layers in the dashboard (Streamlit + Chromium, loopback only).

A store with a few claims around Sudzha and far from it, and the reference files of
``tests/data/reference`` imported with ``geo reference add``: the map shows the coded
events as their own layer with their own legend, the assessed-control polygons for the
map's day, the corroboration in the claim's popup, and the sidebar filter "Claims no
reference supports" narrows the map.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from test_dashboard_browser import (  # noqa: F401 - fixtures used by name
    browser,
    map_count,
    map_frame,
    page,
    server,
    wait_count,
)

from geo.cli import main
from geo.schema import conform_claims
from geo.store import open_store

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data" / "reference"
N_EVENTS = 13  # 8 ACLED-format rows + 5 UCDP-format rows


def _claims() -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
    articles = pd.DataFrame({"id": ["a1", "a2"], "published": ["2024-08-11", "2024-08-12"],
                             "text": ["Ukrainian forces captured Sudzha.",
                                      "Protesters rallied in Lyon."],
                             "title": ["t1", "t2"], "source": ["s", "s"], "url": [None, None]})
    rows = pd.DataFrame({
        "claim_id": ["sudzha", "lyon"], "article_id": ["a1", "a2"],
        "published": ["2024-08-11", "2024-08-12"], "event_date": ["2024-08-11", "2024-08-12"],
        "date_precision": ["day", "day"], "claim_type": ["control", "unrest"],
        "actor": ["Ukraine", None], "claimant": ["General Staff", "Police"],
        "location_text": ["Sudzha", "Lyon"], "place_name": ["Sudzha", "Lyon"],
        "place_id": ["geonames:1", "geonames:2"], "feature_class": ["settlement"] * 2,
        "admin1": ["Kursk", "Auvergne-Rhone-Alpes"], "country_code": ["RU", "FR"],
        "latitude": [51.1946, 45.75], "longitude": [35.2719, 4.85], "geo_precision": [1, 1],
        "sentence": ["Ukrainian forces captured Sudzha.", "Protesters rallied in Lyon."]})
    geoms = shapely.points(rows["longitude"], rows["latitude"])  # x = longitude
    return articles, conform_claims(gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the store the dashboard reads: two claims and every reference file."""
    path = tmp_path_factory.mktemp("e2e-ref") / "claims.gpkg"
    with open_store(path) as s:
        s.ingest(*_claims())
    files = [DATA / "acled_invented.csv", DATA / "ucdp_ged_format.csv",
             DATA / "ukraine_2024-08-10.geojson", DATA / "control_2024-08-14.kml"]
    assert main(["reference", "add", *map(str, files), "--store", str(path)]) == 0
    return path


def _layers(frame, test: str) -> int:
    return frame.locator("body").evaluate(
        f"() => {{ let n = 0; map_div.eachLayer(l => {{ if ({test}) n++; }}); return n; }}")


def test_reference_layers_legend_popup_and_filter(page, server: str) -> None:  # noqa: F811
    page.goto(server + "/")
    # the first page load prepares the offline outlines: slow on a busy machine
    page.wait_for_function("document.querySelectorAll(\"iframe[title*='streamlit_folium']\")"
                           ".length === 1", timeout=300_000)
    assert map_count(page, timeout=300_000) == 2
    frame = map_frame(page)
    legend = frame.locator("#reference-legend")
    legend.wait_for(timeout=60_000)
    assert int(legend.locator(".reference-count").get_attribute("data-count")) == N_EVENTS
    # the map's day is the last claim's date (2024-08-12): Ukraine's 10 Aug snapshot
    assert "Ukraine" in legend.inner_text() and "2024-08-10" in legend.inner_text()
    assert _layers(frame, "l.options && l.options.className === 'reference-event'") == N_EVENTS
    shown = ("l.feature && l.feature.properties.side === 'Ukraine' && l.options.fillOpacity > 0"
             " && l.feature.properties.date === '{}'")
    assert _layers(frame, "l.feature && l.feature.properties.side === 'Ukraine'") == 2
    assert _layers(frame, shown.format("2024-08-10")) == 1
    # the control layer follows the day the map is on: another day shows another snapshot
    body = frame.locator("body")
    body.evaluate("() => { map_div.fire('claims:day', {day: '2024-08-14'}); return 1; }")
    assert _layers(frame, shown.format("2024-08-14")) == 1
    assert _layers(frame, shown.format("2024-08-10")) == 0
    # opening the play-through puts the map on its first day (11 Aug): the 10 Aug snapshot
    body.evaluate("() => { window.claimsMap.play.open(); return 1; }")
    assert _layers(frame, shown.format("2024-08-10")) == 1
    body.evaluate("() => { window.claimsMap.play.close(); return 1; }")

    # the claim's popup says which coded events back it and what the control layer says
    # (opened through Leaflet: a marker may sit under the layer control)
    assert body.evaluate("() => { window.__m = []; map_div.eachLayer(l => {"
                         " if (l.options && l.options.i !== undefined) window.__m.push(l); });"
                         " return window.__m.length; }") == 2
    popups = []
    for i in range(2):
        body.evaluate(f"() => {{ window.__m[{i}].openPopup(); return 1; }}")
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for(timeout=30_000)
        popups.append(popup.inner_text())
        body.evaluate("() => { map_div.closePopup(); return 1; }")
        popup.wait_for(state="detached", timeout=30_000)
    sudzha = next(p for p in popups if "Sudzha" in p)
    assert "acled:XXX0001" in sudzha and "ucdp:900001" in sudzha
    assert "assessed control: inside" in sudzha
    lyon = next(p for p in popups if "Lyon" in p)
    assert "reference events: none" in lyon

    # the sidebar filter: only the claim nothing supports stays on the map
    page.get_by_text("Claims no reference supports").click()
    wait_count(page, 1)
    page.wait_for_url("**unsupported=1**")
