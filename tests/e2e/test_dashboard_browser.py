"""End to end: ``streamlit run app.py`` on loopback, driven by Playwright in Debian's chromium.

Every request the browser makes is checked: anything that is not loopback is
aborted and recorded, and the tests assert there was none (the app must run
offline). A screenshot of the map is written to ``benchmarks/out/e2e_map.png``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from app_store import KUPIANSK_SENTENCES, contested_kupiansk

from geo.filters import ClaimFilter, apply_filter
from geo.schema import conform_claims
from geo.store import open_store
from geo.synthetic import synthetic_articles, synthetic_claims

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("GEO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
SCREENSHOT = ROOT / "benchmarks" / "out" / "e2e_map.png"
N_CLAIMS = 300
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _hostile(articles: pd.DataFrame) -> gpd.GeoDataFrame:
    """Two claims whose article text tries to run script in the analyst's browser."""
    claims = synthetic_claims(2, seed=66).drop(columns="geometry")
    claims["article_id"] = list(articles["id"][:2])
    claims["claim_id"] = ["hostile-1", "hostile-2"]
    claims["sentence"] = ["Forces took Hostileton <script>window.__xss=1;alert(1)</script>",
                          'Shelling hit Hostileton <img src=x onerror="window.__xss=2;alert(2)">']
    claims["claimant"] = ['<img src=x onerror="window.__xss=3">', "<b onmouseover=alert(4)>x</b>"]
    claims["place_name"] = ["Hostileton", "Hostileton"]
    claims["url"] = ["javascript:window.__xss=5", "https://example.org/<script>"]
    claims["latitude"] = [10.0, -10.0]  # far apart: never in one cluster
    claims["longitude"] = [10.0, 20.0]
    geoms = shapely.points([10.0, 20.0], [10.0, -10.0])
    return conform_claims(gpd.GeoDataFrame(claims, geometry=geoms, crs="EPSG:4326"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_ready(proc: subprocess.Popen, url: str, timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"streamlit not ready at {url} after {timeout} s")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("e2e") / "claims.gpkg"
    articles = synthetic_articles(N_CLAIMS // 4 + 4, seed=21)
    claims = conform_claims(pd.concat(
        [synthetic_claims(N_CLAIMS, seed=21), _hostile(articles.iloc[-2:]),
         contested_kupiansk(
             articles.iloc[-4:-2], seed=67,
             sentences=(KUPIANSK_SENTENCES[0],
                        "Its troops repelled the attacks <script>window.__xss=7</script>"),
             urls=("https://example.org/ru", "javascript:window.__xss=8"))], ignore_index=True))
    open_store(path).ingest(articles, claims)
    return path


@pytest.fixture(scope="module")
def server(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free loopback port; yield its base URL."""
    log = tmp_path_factory.mktemp("e2e-log") / "streamlit.log"
    env = {**os.environ, "GEO_STORE": str(store), "GEO_ONLINE_TILES": "0"}
    for _attempt in range(3):  # a port taken between probing and binding: try another
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py",
                 "--server.port", str(port), "--server.address", "127.0.0.1",
                 "--server.headless", "true", "--browser.gatherUsageStats", "false",
                 "--server.fileWatcherType", "none"],
                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        try:
            _wait_ready(proc, url)
            break
        except RuntimeError:
            continue
        except TimeoutError:
            os.killpg(proc.pid, signal.SIGTERM)
            raise
    else:
        pytest.fail(f"streamlit did not start:\n{log.read_text()[-3000:]}")
    yield url
    os.killpg(proc.pid, signal.SIGTERM)  # the process group we started, only
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"no chromium at {CHROMIUM} (make chromium installs Debian's)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server: str, tmp_path: Path):
    """Open a fresh page whose non-loopback requests are aborted and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  accept_downloads=True)
    outside: list[str] = []

    def guard(route) -> None:
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about") or parsed.hostname in LOOPBACK:
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.outside = outside
    yield pg
    context.close()
    assert outside == [], f"requests left loopback: {outside[:5]}"


MAP_IFRAME = "iframe[title*='streamlit_folium']"
#: ``liveMap()``: the map frame of the current run, once its runtime has drawn a payload.
#: A rerun leaves the last run's elements on the page, marked stale, until the new run
#: replaces them, so "exactly one map frame" is a transient state, not a readiness test:
#: the live map is a frame outside any stale element whose claims are drawn. It is tagged
#: ``data-live-map`` for the frame locator (:data:`LIVE_IFRAME`).
LIVE_MAP_FN = """function liveMap() {
  const frames = Array.from(document.querySelectorAll("IFRAME"))
    .filter(f => !f.closest('[data-stale="true"]'));
  for (const f of frames) {
    const w = f.contentWindow, d = f.contentDocument;
    if (w && w.claimsMap && w.claimsMap.P && d && d.querySelector('#claim-count')) {
      if (f.getAttribute('data-live-map') !== '1') {
        document.querySelectorAll('iframe[data-live-map]').forEach(
          g => g.removeAttribute('data-live-map'));
        f.setAttribute('data-live-map', '1');
      }
      return f;
    }
  }
  return null;
}""".replace("IFRAME", MAP_IFRAME)
LIVE_IFRAME = "iframe[data-live-map='1']"


def wait_live(pg, predicate: str = "true", arg=None, timeout: float = 120_000) -> None:
    """Wait until the live map exists and ``predicate`` holds for it.

    ``predicate`` is a JS expression over ``f``, ``w``, ``d`` and ``arg``: the frame,
    its window and document, and ``arg``.
    """
    pg.wait_for_function(
        f"(arg) => {{ {LIVE_MAP_FN}; const f = liveMap(); if (!f) return false;"
        f" const w = f.contentWindow, d = f.contentDocument;"
        f" try {{ return !!({predicate}); }} catch (e) {{ return false; }} }}",
        arg=arg, timeout=timeout)


def map_frame(pg, timeout: float = 120_000):
    """Return the live map's frame (see :data:`LIVE_MAP_FN`), waiting until there is one."""
    wait_live(pg, timeout=timeout)
    return pg.frame_locator(LIVE_IFRAME)


def map_count(pg, timeout: float = 120_000) -> int:
    """Return the number of claims the live map shows (waiting until there is a live map)."""
    return int(map_frame(pg, timeout).locator("#claim-count").get_attribute("data-count"))


def wait_count(pg, expected: int, timeout: float = 120_000) -> int:
    """Wait until the live map shows ``expected`` claims (polled in the page)."""
    try:
        wait_live(pg, "d.querySelector('#claim-count').dataset.count === String(arg)",
                  arg=expected, timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - say what the map showed instead
        shown = pg.evaluate(f"() => {{ {LIVE_MAP_FN}; const f = liveMap(); return f ?"
                            " f.contentDocument.querySelector('#claim-count').dataset.count"
                            " : null; }}")
        raise AssertionError(f"map shows {shown} claims, expected {expected}") from exc
    return expected


def map_idle(frame, timeout: float = 60.0) -> None:
    """Wait until the map is neither panning nor zooming.

    Opening a popup auto-pans the map so the popup fits: its close button moves
    until the animation ends, and a click aimed at it meanwhile can land elsewhere.
    """
    body = frame.locator("body")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if body.evaluate("() => !(map_div._panAnim && map_div._panAnim._inProgress)"
                         " && !map_div._animatingZoom"):
            return
        time.sleep(0.05)
    raise AssertionError(f"the map was still moving after {timeout} s")


def open_popup(frame, marker, timeout: float = 60.0):
    """Click ``marker`` until its popup shows, then wait for the map to settle.

    A click during a zoom animation can miss the marker. The marker is clicked
    again only while no popup is open: a second click on it would close its popup.
    """
    popup = frame.locator(".leaflet-popup-content")
    deadline = time.monotonic() + timeout
    while popup.count() == 0:
        if time.monotonic() > deadline:
            raise AssertionError(f"no popup after clicking the marker for {timeout} s")
        marker.click()
        try:
            popup.wait_for(timeout=5_000)
        except Exception:  # noqa: BLE001 - the click landed during a zoom animation
            continue
    map_idle(frame)
    return popup


def close_popup(frame, popup, timeout: float = 60.0) -> None:
    """Close the open popup with its close button and wait until it is gone.

    Clicking the close button again is harmless, so a click that missed (the map
    moved under it) is repeated until the popup is detached or ``timeout`` passes.
    """
    button = frame.locator(".leaflet-popup-close-button")
    deadline = time.monotonic() + timeout
    while popup.count() > 0:
        if time.monotonic() > deadline:
            raise AssertionError(f"the popup was still open after {timeout} s")
        map_idle(frame)
        try:
            button.click(timeout=5_000)
            popup.wait_for(state="detached", timeout=5_000)
        except Exception:  # noqa: BLE001 - the click missed or the popup is fading out
            continue


def set_date(pg, which: str, iso: str) -> None:
    """Type ``iso`` into the start or end of the sidebar's date range field."""
    year, month, day = iso.split("-")
    for part, value in (("year", year), ("month", month), ("day", day)):
        box = pg.get_by_role("spinbutton", name=f"{part}, Date range {which} date")
        box.click()
        box.press_sequentially(value, delay=30)


def all_claims(store: Path) -> gpd.GeoDataFrame:
    return open_store(store).claims()


def test_map_date_range_download_and_screenshot(page, server: str, store: Path) -> None:
    claims = all_claims(store)
    page.goto(server + "/")
    assert map_count(page) == len(claims) == N_CLAIMS + 4
    frame = map_frame(page)
    frame.locator(".leaflet-marker-icon").first.wait_for()
    markers_before = frame.locator(".leaflet-marker-icon").count()
    assert markers_before > 0
    # the offline base layer (countries from the gazetteer, a static file the page fetches
    # after drawing the claims) is drawn on Leaflet's canvas
    wait_live(page, "d.querySelector('canvas.leaflet-zoom-animated') && (function () {"
                    " let n = 0; w.map_div.eachLayer(() => n++); return n > 50; })()")

    # zooming does not rerun the script: the map keeps its view and its DOM
    body = frame.locator("body")
    zoom = body.evaluate("() => map_div.getZoom()")
    body.evaluate("() => { window.__marker = 1; map_div.setZoom(map_div.getZoom() + 2); }")
    wait_live(page, "w.map_div.getZoom() === arg && !w.map_div._animatingZoom", arg=zoom + 2)
    assert body.evaluate("() => [map_div.getZoom(), window.__marker]") == [zoom + 2, 1]

    # change the date range in the sidebar, as an analyst types it
    set_date(page, "start", "2024-03-01")
    set_date(page, "end", "2024-03-31")
    page.keyboard.press("Escape")  # close the calendar; leaving the field applies it
    page.locator("h1").first.click()
    expected = apply_filter(claims, ClaimFilter(date_from="2024-03-01", date_to="2024-03-31"))
    assert 0 < len(expected) < len(claims)
    wait_count(page, len(expected))
    page.wait_for_url("**from=2024-03-01**")
    assert "to=2024-03-31" in page.url
    # the rerun replaced the claims, not the map: same page, same zoom
    assert map_frame(page).locator("body").evaluate(
        "() => [map_div.getZoom(), window.__marker]") == [zoom + 2, 1]
    map_frame(page).locator(".leaflet-marker-icon").first.wait_for()
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)

    # the play-through walks the calendar days of the date range, in the map itself
    frame = map_frame(page)
    frame.locator(".claims-play-open").click()
    date_label = frame.locator(".claims-play-date")
    date_label.wait_for(timeout=60_000)
    assert date_label.inner_text().strip() == "2024-03-01"
    frame.locator(".claims-play-next").click()
    wait_live(page, "d.querySelector('.claims-play-date').innerText.trim() === '2024-03-02'")
    assert frame.locator("body").evaluate("() => window.__xss") is None
    frame.locator(".claims-play-close").click()
    assert int(frame.locator("#claim-count").get_attribute("data-shown")) == len(expected)

    # the URL is the view: reloading it gives the same map
    page.goto(page.url)
    wait_count(page, len(expected))

    # export page: the GeoJSON download holds exactly the filtered claims
    page.get_by_role("link", name="Export").click()
    button = page.get_by_role("button", name="Download GeoJSON (RFC 7946)")
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    data = json.loads(Path(info.value.path()).read_text())
    assert data["type"] == "FeatureCollection"
    assert {f["properties"]["claim_id"] for f in data["features"]} == set(expected["claim_id"])
    assert info.value.suggested_filename.endswith(".geojson")


def test_article_text_cannot_run_script(page, server: str) -> None:
    page.goto(server + "/?q=Hostileton")
    assert wait_count(page, 2) == 2
    frame = map_frame(page)
    dots = frame.locator(".leaflet-marker-icon.claim-dot")
    dots.first.wait_for()
    assert dots.count() == 2
    texts = []
    for i in range(2):
        dots.nth(i).hover()  # tooltip
        popup = open_popup(frame, dots.nth(i))  # the evidence sentence and source
        texts.append(popup.inner_text())
        if i == 0:
            page.wait_for_timeout(400)  # popup fade-in
            page.screenshot(path=str(SCREENSHOT.with_name("e2e_popup.png")))
        assert popup.locator("script, img, b[onmouseover], a[href^='javascript']").count() == 0
        close_popup(frame, popup)
    joined = "\n".join(texts)
    # the hostile text is shown to the analyst as text
    assert "<script>window.__xss=1;alert(1)</script>" in joined
    assert '<img src=x onerror="window.__xss=2;alert(2)">' in joined
    page.wait_for_timeout(500)
    assert frame.locator("body").evaluate("() => window.__xss") is None
    assert page.evaluate("() => window.__xss") is None
    assert page.dialogs == []
    # the claims table shows the same text without running it
    page.get_by_role("link", name="Claims table").click()
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__xss") is None and page.dialogs == []


def test_pasted_article_is_extracted_and_mapped(page, server: str, store: Path) -> None:
    before = len(all_claims(store))
    page.goto(server + "/Articles_and_ingest")
    page.get_by_role("tab", name="Paste an article").click()
    page.get_by_label("Article text").fill(
        "Russian forces captured the village of Novohrodivka in the Donetsk region, the "
        "Russian Ministry of Defense said on Tuesday. <img src=x onerror=\"window.__xss=7\">")
    page.get_by_label("Title (optional)").fill("<script>window.__xss=8</script>Front update")
    for part, value in (("year", "2024"), ("month", "09"), ("day", "03")):  # no default date
        box = page.get_by_role("spinbutton", name=f"{part}, Published")
        box.click()
        box.press_sequentially(value, delay=30)
    page.get_by_role("button", name="Extract and store").filter(visible=True).click()
    page.get_by_text("claim(s) stored").wait_for(timeout=120_000)
    after = len(all_claims(store))
    assert after > before
    assert page.evaluate("() => window.__xss") is None and page.dialogs == []
    # the link opens the map on the new claims: their dates and countries
    page.get_by_role("link", name="See the new claims on the map").click()
    page.wait_for_url("**country=**")
    flt = ClaimFilter.from_query_params(
        {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}, strict=False)
    shown = apply_filter(all_claims(store), flt)
    assert "Novohrodivka" in " ".join(shown["sentence"]) and len(shown) < after
    wait_count(page, len(shown))
    page.goto(server + "/?q=Novohrodivka")
    frame = map_frame(page)
    dot = frame.locator(".leaflet-marker-icon.claim-dot").first
    dot.wait_for(timeout=60_000)
    popup = open_popup(frame, dot)
    assert "Novohrodivka" in popup.inner_text()
    assert "<script>window.__xss=8</script>Front update" in popup.inner_text()
    assert frame.locator("body").evaluate("() => window.__xss") is None
    assert page.dialogs == []


def test_contested_place_lays_the_sides_side_by_side(page, server: str, store: Path) -> None:
    claims = all_claims(store)
    pair = claims[claims["claim_id"].isin(["kup-ru", "kup-ua"])]
    assert pair["contest_id"].nunique() == 1 and pair["contest_id"].notna().all()
    # a shared view: November 2025 (only the Kupiansk claims), coloured by claimant side
    page.goto(server + "/?from=2025-11-01&to=2025-11-30&color=side")
    assert map_count(page) == 2
    frame = map_frame(page)
    mark = frame.locator(".contest-mark")
    mark.first.wait_for(timeout=60_000)
    assert mark.count() == 1
    legend = frame.locator(".claims-legend")  # coloured by side: the legend lists sides
    assert "Russia" in legend.inner_text() and "Ukraine" in legend.inner_text()
    # the mark stays a mark at the widest zoom (it is never clustered away)
    body = frame.locator("body")
    body.evaluate("() => { map_div.setZoom(2); }")
    wait_live(page, "w.map_div.getZoom() === 2 && !w.map_div._animatingZoom")
    assert mark.first.is_visible()
    popup = open_popup(frame, mark.first)
    heads = popup.locator("table.contest th").all_inner_texts()
    assert heads == ["Russia", "Ukraine"]  # one column per side, the earlier claim first
    text = popup.inner_text()
    assert "General Staff of Russia" in text and "General Staff of Ukraine" in text
    assert "Russia captured" in text and "Ukraine repelled attacks" in text
    assert "2025-11-20" in text and "2025-11-21" in text
    # article text stays text: the script is shown, never run; no javascript: link
    assert "<script>window.__xss=7</script>" in text
    assert popup.locator("a[href^='javascript']").count() == 0
    assert popup.locator("a[href='https://example.org/ru']").count() == 1
    assert body.evaluate("() => window.__xss") is None
    assert page.dialogs == []
    page.screenshot(path=str(SCREENSHOT.with_name("e2e_contested.png")))


def test_claims_at_one_place_are_listed_at_the_closest_zoom(page, server: str) -> None:
    from geo.mapview.runtime import supercluster_js

    if not supercluster_js():  # Leaflet.markercluster spreads them out instead
        pytest.skip("no static/vendor/supercluster: run `make setup` (data/fetch_assets.sh)")
    # the two Kupiansk claims share one point: at the closest zoom their group lists them
    page.goto(server + "/?from=2025-11-01&to=2025-11-30")
    wait_count(page, 2)
    frame = map_frame(page)
    body = frame.locator("body")
    body.evaluate("() => { map_div.setView([49.7106, 37.6153], map_div.getMaxZoom()); }")
    wait_live(page, "w.map_div.getZoom() === w.map_div.getMaxZoom() && !w.map_div._animatingZoom"
                    " && d.querySelectorAll('.claims-cluster').length === 1")
    group = frame.locator(".leaflet-marker-icon.claims-cluster")
    assert group.inner_text().strip() == "2"
    # the contested-place mark lies over the group (it is the place's first answer): the
    # click goes to the group's element itself
    group.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=60_000)
    text = popup.inner_text()
    assert "2 claims here" in text
    assert "captured Kupiansk" in text and "repelled" in text
    assert "<script>window.__xss=7</script>" in text  # shown as text, never run
    assert body.evaluate("() => window.__xss") is None
