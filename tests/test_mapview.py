"""The claims map: folium objects, rendered HTML (escaping, offline assets), payload size."""

from __future__ import annotations

import json
import re
import warnings

import folium
import geopandas as gpd
import pandas as pd
import pytest
import shapely
from folium.plugins import MarkerCluster, TimestampedGeoJson

from geo import mapview
from geo.schema import conform_claims
from geo.settings import ROOT
from geo.synthetic import synthetic_claims

CDN_HOSTS = ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "netdna.",
             "bootstrapcdn", "unpkg.com", "googleapis", "openstreetmap", "rawcdn", "github")
ASSETS = "/app/static/vendor"


def _outlines() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Synthetic country and admin-1 outlines around the synthetic claims' centres."""
    admin1 = gpd.GeoDataFrame(
        {"name": ["Donetsk", "Kursk", "Khartoum", "Elsewhere"],
         "iso_a2": ["UA", "RU", "SD", "FR"]},
        geometry=[shapely.box(36, 47, 39, 49.5), shapely.box(34.5, 50.5, 38, 52.5),
                  shapely.box(31, 14, 34, 17), shapely.box(0, 45, 3, 48)], crs="EPSG:4326")
    countries = gpd.GeoDataFrame(
        {"name": ["Ukraine", "Russia", "Sudan"], "iso_a2": ["UA", "RU", "SD"]},
        geometry=[shapely.box(22, 44, 40, 52), shapely.box(27, 41, 180, 82),
                  shapely.box(21, 8, 39, 23)], crs="EPSG:4326")
    return admin1, countries


def _hostile_claims() -> gpd.GeoDataFrame:
    """Two claims whose every text field is an injection attempt."""
    frame = synthetic_claims(2, seed=7).drop(columns="geometry")
    frame["sentence"] = ['Troops took "Avdiivka" <script>window.__xss=1</script>',
                         "Shelling <img src=x onerror=\"window.__xss=2\"> hit the town"]
    frame["claimant"] = ["<img src=x onerror=alert(1)>", "Governor <b>Smirnov</b> & co"]
    frame["place_name"] = ["</script><script>window.__xss=3</script>", "Kursk'\"<svg/onload=1>"]
    frame["url"] = ["javascript:alert(4)", "https://example.org/a?b=1&c=<2>"]
    frame["title"] = ["<iframe src=//evil>", "ok"]
    frame["geometry"] = shapely.points(frame["longitude"].astype(float),
                                       frame["latitude"].astype(float))
    return conform_claims(gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326"))


def _polygon_claims() -> gpd.GeoDataFrame:
    claims = synthetic_claims(3, seed=3).drop(columns="geometry")
    claims["feature_class"] = "admin1"
    claims["place_id"] = ["admin1:RU.41", "admin1:RU.41", "admin1:UA.05"]
    claims["place_name"] = ["Kursk <b>Oblast</b>", "Kursk <b>Oblast</b>", "Donetsk"]
    claims["claim_type"] = ["control", "advance", "strike"]
    geoms = [shapely.box(34.5, 50.5, 38, 52.5), shapely.box(34.5, 50.5, 38, 52.5),
             shapely.box(36, 47, 39, 49.5)]
    return conform_claims(gpd.GeoDataFrame(claims, geometry=geoms, crs="EPSG:4326"))


def _children(m: folium.Map, cls: type) -> list:
    return [el for el in mapview.assets.walk(m) if isinstance(el, cls)]


def _asset_links(html: str) -> list[str]:
    return re.findall(r'<script[^>]*\bsrc="([^"]+)"', html) + re.findall(
        r'<link[^>]*\bhref="([^"]+)"', html)


def test_build_map_layers_and_legend() -> None:
    admin1, countries = _outlines()
    claims = pd.concat([synthetic_claims(300, seed=1), _polygon_claims()], ignore_index=True)
    m = mapview.build_map(gpd.GeoDataFrame(claims, crs="EPSG:4326"), admin1, countries,
                          online_tiles=False, assets_url=ASSETS)
    assert isinstance(m, folium.Map)
    assert m.options["max_zoom"] == mapview.MAX_ZOOM  # tiles=None needs an explicit zoom range
    assert not _children(m, folium.TileLayer)  # offline by default: no tile layer at all
    points = _children(m, mapview.ClaimPoints)
    assert len(points) == 1 and len(points[0].payload["lat"]) == 300
    layers = {el.layer_name: el for el in _children(m, mapview.FeatureLayer)}
    assert set(layers) == {"Countries", "Regions", "Regions & countries (polygons)"}
    # admin-1 outlines only for countries with claims (FR has none)
    regions = json.loads(layers["Regions"].data_json)["features"]
    assert "Elsewhere" not in {f["properties"]["tooltip"] for f in regions}
    assert len(regions) == 3
    # one polygon feature per claimed place, coloured by its most recent claim
    polys = json.loads(layers["Regions & countries (polygons)"].data_json)["features"]
    assert len(polys) == 2
    kursk = next(f for f in polys if "Kursk" in f["properties"]["tooltip"])
    assert kursk["properties"]["count"] == 2
    assert len(_children(m, folium.LayerControl)) == 1
    legend = _children(m, mapview.Legend)[0]
    assert 'data-count="303"' in legend.html
    html = mapview.render_html(m)
    assert "Settlements (points)" in html and "Outlines (offline)" in html


def test_online_tiles_only_as_an_option() -> None:
    claims = synthetic_claims(20)
    m = mapview.build_map(claims, online_tiles=True, assets_url=ASSETS)
    tiles = _children(m, folium.TileLayer)
    assert len(tiles) == 1 and tiles[0].show is False  # offered, not selected
    assert "tile.openstreetmap.org" in mapview.render_html(m)


@pytest.mark.parametrize("timeline", [False, True])
def test_rendered_html_loads_nothing_from_the_internet(timeline: bool) -> None:
    claims = synthetic_claims(200, seed=2)
    claims["url"] = pd.array([None] * len(claims), dtype="string")
    admin1, countries = _outlines()
    m = mapview.build_map(claims, admin1, countries, online_tiles=False, assets_url=ASSETS,
                          timeline=timeline)
    html = mapview.render_html(m)
    assert not re.search(r"https?://", html), re.findall(r"https?://\S{0,60}", html)[:5]
    assert not any(host in html for host in CDN_HOSTS)
    links = _asset_links(html)
    assert links and all(link.startswith(ASSETS + "/") for link in links)
    # every local file exists after set-up (data/fetch_assets.sh)
    vendor = ROOT / "static" / "vendor"
    missing = [link for link in links if not (vendor / link[len(ASSETS) + 1:]).is_file()]
    assert not missing, f"run `bash data/fetch_assets.sh static/vendor`: {missing}"
    if timeline:
        assert "timedimension/dist/leaflet.timedimension.min.js" in html
        assert "moment/min/moment.min.js" in html


def test_assets_follow_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEO_STATIC_URL", "app/static/elsewhere")
    assert mapview.default_assets_url() == "/app/static/elsewhere"
    html = mapview.render_html(mapview.build_map(synthetic_claims(5)))
    assert all(link.startswith("/app/static/elsewhere/") for link in _asset_links(html))


def test_localizing_has_no_global_side_effects() -> None:
    before = (list(folium.Map.default_js), list(folium.Map.default_css),
              list(MarkerCluster.default_js), list(TimestampedGeoJson.default_js))
    m = mapview.build_map(synthetic_claims(5), assets_url=ASSETS, timeline=True)
    mapview.render_html(m)
    after = (list(folium.Map.default_js), list(folium.Map.default_css),
             list(MarkerCluster.default_js), list(TimestampedGeoJson.default_js))
    assert before == after
    assert any("cdn" in url for _, url in folium.Map.default_js)  # folium's own stay as is
    other = folium.Map(tiles=None)
    assert "cdn.jsdelivr.net" in other.get_root().render()


def test_unknown_remote_asset_is_left_out_with_a_warning() -> None:
    m = folium.Map(tiles=None)
    el = mapview.ClaimPoints(mapview.point_payload(synthetic_claims(3)))
    el.default_js = [*el.default_js, ("mystery", "https://cdn.example.com/x.js")]
    el.add_to(m)
    with pytest.warns(UserWarning, match="mystery"):
        mapview.localize_assets(m, ASSETS)
    html = m.get_root().render()
    assert "cdn.example.com" not in html
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # our own map needs no unknown asset
        mapview.build_map(synthetic_claims(5), assets_url=ASSETS, timeline=True)


def test_untrusted_text_is_escaped_everywhere() -> None:
    claims = pd.concat([_hostile_claims(), _polygon_claims()], ignore_index=True)
    claims = gpd.GeoDataFrame(claims, crs="EPSG:4326")
    m = mapview.build_map(claims, assets_url=ASSETS, timeline=True)
    html = mapview.render_html(m)
    for raw in ("<script>window.__xss", "<img src=x onerror", "<svg/onload", "<iframe src",
                "<b>Smirnov", "<b>Oblast"):
        assert raw not in html, raw
    assert not re.search(r"href=\\?[\"']?javascript:", html)
    # nothing inside a script can close it: as many closing tags as opening ones
    assert html.lower().count("</script") == len(re.findall(r"<script[\s>]", html.lower()))
    # the text is still there, escaped, for the analyst to read
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html
    assert "Governor &lt;b&gt;Smirnov&lt;/b&gt; &amp; co" in html
    # a real http(s) source link is kept, escaped, and opens safely
    assert "https://example.org/a?b=1&amp;c=&lt;2&gt;" in html and "c=<2>" not in html
    popup = mapview.claim_popup_html(claims.iloc[1].to_dict())
    assert ('<a href="https://example.org/a?b=1&amp;c=&lt;2&gt;" target="_blank" '
            'rel="noopener noreferrer">ok</a>') in popup
    assert "<a " not in mapview.claim_popup_html(claims.iloc[0].to_dict())  # javascript: URL


def test_claim_popup_content() -> None:
    row = {"claim_type": "control", "event_date": "2024-08-12", "published": "2024-08-13",
           "claimant": "Oleksandr Syrsky", "actor": "Ukraine", "place_name": "Kursk Oblast",
           "quantity": 1000.0, "quantity_max": None, "unit": "km2", "qualifier": "about",
           "sentence": "Ukraine controls about 1,000 km2 of Russian territory.",
           "source": "AFP", "title": "Kursk incursion", "url": "https://example.org/k"}
    popup = mapview.claim_popup_html(row)
    for text in ("control", "2024-08-12", "Oleksandr Syrsky", "about 1000 km2",
                 "Ukraine controls about 1,000 km2", ">Kursk incursion</a>", "(AFP)"):
        assert text in popup, text
    no_date = mapview.claim_popup_html({**row, "event_date": None, "url": None})
    assert "2024-08-13" in no_date and "<a " not in no_date


def test_point_payload_is_compact_and_ordered() -> None:
    claims = synthetic_claims(5000, seed=4)
    payload = mapview.point_payload(claims, detail_limit=100)
    n = len(claims)
    assert all(len(payload[k]) == n for k in ("lat", "lon", "t", "d", "c", "p"))
    assert len(payload["details"]) == 100
    dates = [payload["dates"][i] for i in payload["d"]]
    assert dates == sorted(dates, reverse=True)  # most recent first: details go to them
    # integer coordinates (1e-4 degree) round-trip to the claims' positions
    lat = sorted(x / 1e4 for x in payload["lat"])
    assert lat == pytest.approx(sorted(claims.geometry.y), abs=6e-5)
    size = len(mapview.json_for_script(payload))
    assert size / n < 60, size / n  # bytes per claim, details included


def test_detail_budget_caps_full_popups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mapview.layers, "DETAIL_BUDGET", 5000)
    payload = mapview.point_payload(synthetic_claims(200), detail_limit=200)
    assert 0 < len(payload["details"]) < 200
    assert sum(map(len, payload["details"])) <= 5000


def test_timeline_groups_by_day_place_and_type() -> None:
    claims = synthetic_claims(400, seed=5)
    claims.loc[claims.index[:3], ["latitude", "longitude", "event_date", "claim_type"]] = [
        48.0, 37.8, "2024-05-05", "strike"]
    tl = mapview.timeline_payload(claims, limit=10_000)
    n = len(tl["n"])
    assert all(len(tl[k]) == n for k in ("lat", "lon", "d", "t", "p", "c"))
    assert sum(tl["n"]) == 400
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in tl["days"])
    same = [i for i in range(n) if tl["days"][tl["d"][i]] == "2024-05-05"
            and (tl["lat"][i], tl["lon"][i]) == (4800, 3780)
            and tl["types"][tl["t"][i]][0] == "strike"]
    assert len(same) == 1 and tl["n"][same[0]] == 3
    limited = mapview.timeline_payload(claims, limit=50)
    assert len(limited["n"]) == 50
    kept = [limited["days"][i] for i in limited["d"]]
    assert min(kept) >= sorted(tl["days"][i] for i in tl["d"])[-50]  # the most recent days
    m = mapview.build_map(claims, timeline=True, assets_url=ASSETS)
    timeline = _children(m, mapview.ClaimTimeline)
    assert len(timeline) == 1 and len(timeline[0].payload["n"]) == n


def test_empty_and_missing_geometry() -> None:
    empty = synthetic_claims(0)
    m = mapview.build_map(empty, assets_url=ASSETS)
    mapview.render_html(m)
    assert 'data-count="0"' in _children(m, mapview.Legend)[0].html
    claims = synthetic_claims(10)
    claims.loc[claims.index[:4], "geometry"] = None  # falls back to latitude/longitude
    claims.loc[claims.index[4], ["latitude", "longitude"]] = [None, None]
    claims.loc[claims.index[4], "geometry"] = None  # nowhere to draw: left out
    payload = mapview.point_payload(claims)
    assert len(payload["lat"]) == 9


def test_real_gazetteer_outlines(gazetteer) -> None:
    outlines = mapview.prepare_outlines(gazetteer.admin1_gdf(), gazetteer.countries_gdf())
    assert len(outlines.countries["features"]) > 150
    ua = outlines.admin1_for(["ua"])["features"]
    assert len(ua) >= 24
    m = mapview.build_map(synthetic_claims(1000), outlines=outlines, assets_url=ASSETS)
    html = mapview.render_html(m)
    assert len(html.encode()) < 2_500_000


def test_timeline_places_claims_without_coordinates_by_geometry() -> None:
    claims = _polygon_claims()
    claims["latitude"] = pd.array([None, None, 48.0], dtype="Float64")
    claims["longitude"] = pd.array([None, None, 37.8], dtype="Float64")
    tl = mapview.timeline_payload(claims)
    points = set(zip(tl["lat"], tl["lon"], strict=True))
    assert (4800, 3780) in points
    kursk = [p for p in points if p != (4800, 3780)]
    assert kursk and all(5050 <= lat <= 5250 and 3450 <= lon <= 3800 for lat, lon in kursk)


def test_fetch_assets_is_idempotent_and_covers_every_local_asset(tmp_path) -> None:
    import subprocess

    script = ROOT / "data" / "fetch_assets.sh"
    stamp = ROOT / "static" / "vendor" / ".stamp"
    dest = tmp_path / "vendor"
    dest.mkdir()
    (dest / ".stamp").write_text(stamp.read_text())
    done = subprocess.run(["bash", str(script), str(dest)], capture_output=True, text=True,
                          timeout=30, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0 and "up to date" in done.stdout
    assert [p.name for p in dest.iterdir()] == [".stamp"]  # nothing fetched again
    folders = {line.split("|")[1] for line in stamp.read_text().splitlines() if "@" in line}
    wanted = {path.split("/")[0] for path in mapview.LOCAL_ASSETS.values() if path}
    assert wanted <= folders
