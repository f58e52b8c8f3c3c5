"""The map in a real browser: scale of claims, view, dates, play-through, GeoPackage download.

A small store shaped like the Kursk incursion: claims about the Kursk region (its
polygon), about the whole of Russia (country-level), about settlements, on days with
gaps between them. Streamlit runs ``app.py`` on loopback and Chromium drives it (the
server, browser and page fixtures, which abort and record any request that leaves
loopback, come from ``test_dashboard_browser``). Screenshots go to ``benchmarks/out/``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
import test_dashboard_browser as base
from test_dashboard_browser import (
    LIVE_IFRAME,
    SCREENSHOT,
    map_frame,
    open_popup,
    wait_count,
    wait_live,
)

from geo.filters import ClaimFilter, apply_filter
from geo.schema import conform_claims
from geo.store import open_store
from geo.synthetic import synthetic_articles, synthetic_claims

pytestmark = pytest.mark.browser

# the same Chromium, Streamlit server and guarded page as the dashboard's browser tests,
# on this module's store
browser, server, page = base.browser, base.server, base.page

OUT = SCREENSHOT.parent
KURSK = shapely.box(34.6, 50.9, 38.4, 52.4)  # roughly the Kursk region
RUSSIA = shapely.box(27.5, 41.2, 179.9, 81.8)


def _claims(articles: pd.DataFrame) -> gpd.GeoDataFrame:
    rows = [  # (day, type, place, feature class, geometry, sentence)
        ("2024-08-10", "advance", "Kursk", "admin1", KURSK,
         "Ukrainian forces advanced into the Kursk region, the governor said."),
        ("2024-08-11", "advance", "Russia", "country", RUSSIA,
         "Ukrainian troops pushed deeper into Russian territory."),
        ("2024-08-12", "control", "Kursk", "admin1", KURSK,
         "Ukraine controls 1,000 km2 of the Kursk region, Syrsky said."),
        ("2024-08-13", "control", "Sudzha", "settlement", shapely.Point(35.27, 51.19),
         "Ukrainian forces took Sudzha, the commander said."),
        ("2024-08-13", "strike", "Sudzha", "settlement", shapely.Point(35.28, 51.20),
         "A drone strike hit Sudzha's outskirts."),
        ("2024-08-15", "control", "Russia", "country", RUSSIA,
         "Ukraine holds 1,150 km2 of Russian territory, its top commander said."),
        ("2024-08-20", "displacement", "Kursk", "admin1", KURSK,
         "More than 120,000 people have left the Kursk region."),
        ("2024-08-24", "strike", "Kharkiv", "settlement", shapely.Point(36.25, 49.99),
         "Missiles struck Kharkiv on Saturday."),
    ]
    base = synthetic_claims(len(rows), seed=5).drop(columns="geometry")
    geoms = []
    for i, (day, ctype, place, fclass, geom, sentence) in enumerate(rows):
        base.loc[i, ["event_date", "published", "claim_type", "place_name", "location_text",
                     "feature_class", "sentence"]] = [day, day, ctype, place, place, fclass,
                                                      sentence]
        base.loc[i, "admin1"] = "Kursk" if place in ("Kursk", "Sudzha") else (
            "Kharkiv" if place == "Kharkiv" else None)
        base.loc[i, "country_code"] = "UA" if place == "Kharkiv" else "RU"
        base.loc[i, "place_id"] = f"test:{place}"
        rep = geom.representative_point()
        base.loc[i, ["latitude", "longitude"]] = [rep.y, rep.x]
        base.loc[i, "article_id"] = articles["id"].iloc[i % len(articles)]
        base.loc[i, "claim_id"] = f"kursk-{i}"
        geoms.append(geom)
    base["date_precision"] = "day"
    return conform_claims(gpd.GeoDataFrame(base, geometry=geoms, crs="EPSG:4326"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("e2e-map") / "claims.gpkg"
    articles = synthetic_articles(8, seed=5)
    open_store(path).ingest(articles, _claims(articles))
    return path


def frame_eval(pg, js: str):
    """Evaluate ``js`` (an expression) inside the map's frame."""
    return map_frame(pg).locator("body").evaluate(f"() => ({js})")


def wait_frame(pg, js: str, timeout: float = 120_000) -> None:
    """Wait until ``js`` (an expression over the live map frame's ``window``) is true."""
    wait_live(pg, f"(function (window) {{ return {js}; }})(w)", timeout=timeout)


def shown(pg) -> int:
    return int(map_frame(pg).locator("#claim-count").get_attribute("data-shown"))


def idle(pg) -> None:
    wait_frame(pg, "!window.map_div._animatingZoom && !(window.map_div._panAnim"
                   " && window.map_div._panAnim._inProgress)")


def test_hover_at_kursk_reaches_kursk_claims(page, server: str, store: Path) -> None:
    page.goto(server + "/")
    wait_count(page, 8)
    page.screenshot(path=str(OUT / "e2e_first_view.png"))  # Russia as a badge, not a fill
    frame_eval(page, "map_div.setView([51.6, 36.5], 7) && 1")
    idle(page)
    # Russia's claims do not paint Russia: the region under the pointer is Kursk
    map_frame(page)
    box = page.locator(LIVE_IFRAME).bounding_box()
    x, y = frame_eval(page, "(function () { var p = map_div.latLngToContainerPoint("
                            "[52.1, 37.6]); return [p.x, p.y]; })()")
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = map_frame(page).locator(".leaflet-tooltip")
    tooltip.first.wait_for(timeout=30_000)
    text = tooltip.first.inner_text()
    assert "Kursk" in text and "3 claims" in text and "Russia" not in text
    page.screenshot(path=str(OUT / "e2e_kursk_hover.png"))
    page.mouse.click(box["x"] + x, box["y"] + y)
    popup = map_frame(page).locator(".leaflet-popup-content")
    popup.wait_for(timeout=30_000)
    assert "Ukraine controls 1,000 km2 of the Kursk region" in popup.inner_text()
    # the country-level claims are listed as such, reachable at any zoom from the legend
    legend = map_frame(page).locator(".claims-countries")
    assert "Russia 2" in legend.inner_text()
    legend.locator("summary").click()
    assert "Ukraine holds 1,150 km2 of Russian territory" in legend.inner_text()


def test_the_view_survives_a_filter_change(page, server: str, store: Path) -> None:
    page.goto(server + "/")
    wait_count(page, 8)
    frame_eval(page, "(window.__mark = 1) && map_div.setView([51.3, 35.6], 8) && 1")
    idle(page)
    page.wait_for_url("**z=8**")
    page.locator("[data-testid='stMultiSelect']").first.click()
    page.get_by_role("option", name="control").click()
    page.keyboard.press("Escape")
    wait_count(page, 3)
    # the same map (no reload), at the same place and zoom; the URL holds filter and view
    assert frame_eval(page, "[window.__mark, map_div.getZoom(),"
                            " Math.round(map_div.getCenter().lat * 10)]") == [1, 8, 513]
    page.wait_for_url("**type=control**")
    page.screenshot(path=str(OUT / "e2e_filter_view.png"))
    view = {k: float(v[0]) for k, v in parse_qs(urlparse(page.url).query).items()
            if k in ("lat", "lon", "z")}
    assert view == pytest.approx({"lat": 51.3, "lon": 35.6, "z": 8}, abs=0.01)
    # the shared URL opens the same view
    page.goto(page.url)
    wait_count(page, 3)
    wait_frame(page, "window.map_div.getZoom() === 8")
    assert round(frame_eval(page, "map_div.getCenter().lng"), 1) == 35.6


def test_points_after_a_filter_change_are_the_new_claims(page, server: str,
                                                      store: Path) -> None:
    """At close zoom, the dots a filter change leaves are the new payload's, not stale ones."""
    page.goto(server + "/")
    wait_count(page, 8)
    frame_eval(page, "map_div.setView([51.195, 35.275], 14) && 1")  # Sudzha's two claims
    idle(page)
    dots = ("window.document.querySelectorAll('.leaflet-marker-icon.claim-dot').length")
    wait_frame(page, f"{dots} === 2")
    page.locator("[data-testid='stMultiSelect']").first.click()
    page.get_by_role("option", name="strike").click()
    page.keyboard.press("Escape")
    wait_count(page, 2)  # Sudzha's strike and Kharkiv's
    wait_frame(page, f"{dots} === 1")
    # every drawn dot has the colour of its own claim in the current payload
    assert frame_eval(page, """claimsMap.points.layer.getLayers().filter(function (m) {
        return m.options.cluster === undefined; }).map(function (m) {
        var P = claimsMap.P, colour = P.types[P.pts.t[m.options.i]][1];
        return [P.types[P.pts.t[m.options.i]][0],
                m.options.icon.options.html.indexOf(colour) >= 0]; })""") == [["strike", True]]
    popup = open_popup(map_frame(page), map_frame(page).locator(".claim-dot").first)
    assert "drone strike hit Sudzha" in popup.inner_text()


def test_a_date_range_outside_the_data(page, server: str, store: Path) -> None:
    page.goto(server + "/?from=2019-08-01&to=2019-08-31")
    wait_count(page, 0)
    page.get_by_text("No claims between 2019-08-01 and 2019-08-31").wait_for(timeout=30_000)
    assert "No claims" in map_frame(page).locator(".claims-empty").inner_text()
    page.screenshot(path=str(OUT / "e2e_empty_range.png"))
    assert "from=2019-08-01" in page.url and "to=2019-08-31" in page.url


def test_play_across_empty_days(page, server: str, store: Path) -> None:
    page.goto(server + "/")
    wait_count(page, 8)
    frame = map_frame(page)
    frame.locator(".claims-play-open").click()
    date = frame.locator(".claims-play-date")
    assert date.inner_text() == "2024-08-10"
    assert shown(page) == 1 and frame_eval(page, "claimsMap.regions.getLayers().length") == 1
    seen = {}
    for day in ("2024-08-11", "2024-08-12", "2024-08-13", "2024-08-14", "2024-08-15"):
        frame.locator(".claims-play-next").click()
        wait_frame(page, f"window.document.querySelector('.claims-play-date').textContent"
                         f" === '{day}'")
        seen[day] = shown(page)
    # calendar days, the empty 14th included; polygons and legend move with the day
    assert seen == {"2024-08-11": 1, "2024-08-12": 1, "2024-08-13": 2, "2024-08-14": 0,
                    "2024-08-15": 1}
    assert "No claims on 2024-08-14" not in frame.locator(".claims-legend").inner_text()
    frame.locator(".claims-play-prev").click()
    wait_frame(page, "window.document.querySelector('.claims-play-date').textContent"
                     " === '2024-08-14'")
    assert "No claims on 2024-08-14" in frame.locator(".claims-legend").inner_text()
    assert frame_eval(page, "claimsMap.regions.getLayers().length") == 0
    # everything up to the day
    frame.locator(".claims-play-mode").select_option("cumulative")
    wait_frame(page, "window.document.querySelector('#claim-count').dataset.shown === '5'")
    # a week at a time: the window is the seven days up to the day
    frame.locator(".claims-play-mode").select_option("window")
    frame.locator(".claims-play-step").select_option("week")
    frame.locator(".claims-play-next").click()
    wait_frame(page, "window.document.querySelector('.claims-play-date').textContent"
                     " === '2024-08-21'")
    assert shown(page) == 2  # 15th (Russia) and 20th (Kursk) of 15..21 August
    # marks open the same popups as the map: the evidence sentence
    frame.locator(".claims-play-step").select_option("day")
    frame_eval(page, "claimsMap.play.go('2024-08-13') || 1")
    frame_eval(page, "map_div.setView([51.195, 35.275], 14) && 1")
    idle(page)
    dot = frame.locator(".leaflet-marker-icon.claim-dot").first
    dot.wait_for(timeout=30_000)
    popup = open_popup(frame, dot)
    assert "Sudzha" in popup.inner_text()
    page.screenshot(path=str(OUT / "e2e_play.png"))
    frame.locator(".claims-play-close").click()
    assert shown(page) == 8


def test_geopackage_download_has_typed_layers_dates_and_style(page, server: str, store: Path,
                                                              tmp_path: Path) -> None:
    page.goto(server + "/Export?type=control,advance")
    button = page.get_by_role("button", name="Download GeoPackage")
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / "claims.gpkg"
    info.value.save_as(path)
    layers = dict(pyogrio.list_layers(path).tolist())
    assert layers["claim_points"] == "Point" and layers["claim_areas"] == "MultiPolygon"
    points = pyogrio.read_dataframe(path, layer="claim_points")
    areas = pyogrio.read_dataframe(path, layer="claim_areas")
    expected = apply_filter(open_store(store).claims(),
                            ClaimFilter(claim_types=("control", "advance")))
    assert sorted([*points["claim_id"], *areas["claim_id"]]) == sorted(expected["claim_id"])
    assert str(areas["event_date"].dtype).startswith("datetime64")
    assert str(points["published"].dtype).startswith("datetime64")
    with sqlite3.connect(path) as con:
        styles = con.execute("SELECT f_table_name, useAsDefault FROM layer_styles").fetchall()
    assert sorted(styles) == [("claim_areas", 1), ("claim_points", 1)]


def test_phone_layout_puts_the_map_first(browser, server: str, store: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True, has_touch=True)
    try:
        pg = context.new_page()
        pg.goto(server + "/")
        wait_count(pg, 8)
        map_frame(pg)
        top = pg.locator(LIVE_IFRAME).bounding_box()["y"]
        assert top < 844 * 0.6  # the map starts in the first screen
        frame = map_frame(pg)
        assert frame.locator(".leaflet-control-layers-expanded").count() == 0  # collapsed
        assert "collapsed" in frame.locator(".claims-legend").get_attribute("class")
        pg.screenshot(path=str(OUT / "e2e_phone.png"))
    finally:
        context.close()


def test_a_region_filter_fits_the_region_with_a_margin(page, server: str, store: Path) -> None:
    expected = apply_filter(open_store(store).claims(), ClaimFilter(admin1=("Kursk",)))
    page.goto(server + "/?admin1=Kursk")
    wait_count(page, len(expected))
    idle(page)
    south, west, north, east = frame_eval(
        page, "(function () { var b = map_div.getBounds();"
              " return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; })()")
    # the whole region is in view with room around it, not a 10 km close-up inside it
    assert south < 50.9 and west < 34.6 and north > 52.4 and east > 38.4
    assert north - south < 12 and frame_eval(page, "map_div.getZoom()") <= 9


def test_the_view_survives_leaving_the_map_page(page, server: str, store: Path) -> None:
    page.goto(server + "/")
    wait_count(page, 8)
    frame_eval(page, "map_div.setView([51.3, 35.6], 8) && 1")
    idle(page)
    page.wait_for_url("**z=8**")
    # another page of the same session, and back: the map opens where the analyst left it
    page.get_by_role("link", name="Claims table").click()
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=120_000)
    page.get_by_role("link", name="Map").click()
    wait_count(page, 8)
    idle(page)
    assert frame_eval(page, "[map_div.getZoom(), Math.round(map_div.getCenter().lat * 10),"
                            " Math.round(map_div.getCenter().lng * 10)]") == [8, 513, 356]
    page.wait_for_url("**z=8**")
    # a new session (a reload) opens the URL's view, as a shared link does
    frame_eval(page, "map_div.setView([50.0, 36.2], 6) && 1")
    idle(page)
    page.wait_for_url("**z=6**")
    page.goto(page.url)
    wait_count(page, 8)
    wait_frame(page, "window.map_div.getZoom() === 6")
    assert round(frame_eval(page, "map_div.getCenter().lat"), 1) == 50.0
