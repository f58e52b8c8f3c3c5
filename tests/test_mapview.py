"""The claims map: folium objects, rendered HTML (escaping, offline assets), payload size."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
import pytest
import shapely
from folium.plugins import MarkerCluster, TimestampedGeoJson

from geo import mapview
from geo.schema import CLAIM_TYPES, conform_claims
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


def _payload(m: folium.Map) -> dict:
    data = _children(m, mapview.ClaimsData)
    assert len(data) == 1
    return json.loads(data[0].payload_json)


def _country_claims() -> gpd.GeoDataFrame:
    """Two claims about the whole of Russia (its polygon, a point in Siberia)."""
    claims = synthetic_claims(2, seed=8).drop(columns="geometry")
    claims["feature_class"] = "country"
    claims["place_id"] = "country:RU"
    claims["place_name"] = "Russia"
    claims["country_code"] = "RU"
    claims["admin1"] = None
    claims["latitude"], claims["longitude"] = 59.46, 88.39
    claims["claim_type"] = ["advance", "control"]
    geoms = [shapely.box(27, 41, 180, 82)] * 2
    return conform_claims(gpd.GeoDataFrame(claims, geometry=geoms, crs="EPSG:4326"))


def test_build_map_layers_and_legend() -> None:
    admin1, countries = _outlines()
    claims = pd.concat([synthetic_claims(300, seed=1), _polygon_claims(), _country_claims()],
                       ignore_index=True)
    m = mapview.build_map(gpd.GeoDataFrame(claims, crs="EPSG:4326"), admin1, countries,
                          online_tiles=False, assets_url=ASSETS)
    assert isinstance(m, folium.Map)
    assert m.options["max_zoom"] == mapview.MAX_ZOOM  # tiles=None needs an explicit zoom range
    assert not _children(m, folium.TileLayer)  # offline by default: no tile layer at all
    layers = {el.layer_name: el for el in _children(m, mapview.FeatureLayer)}
    assert set(layers) == {"Countries", "Regions"}
    # admin-1 outlines only for countries with claims (FR has none)
    regions = json.loads(layers["Regions"].data_json)["features"]
    assert "Elsewhere" not in {f["properties"]["tooltip"] for f in regions}
    assert len(regions) == 3
    assert len(_children(m, mapview.ClaimsRuntime)) == 1
    payload = _payload(m)
    assert payload["total"] == 305
    assert len(payload["pts"]["lat"]) == 300
    # one region feature per claimed place, its claims listed against it
    names = [f["name"] for f in payload["regions"]["features"]]
    assert sorted(names) == ["Donetsk", "Kursk &lt;b&gt;Oblast&lt;/b&gt;"]
    kursk = names.index("Kursk &lt;b&gt;Oblast&lt;/b&gt;")
    assert payload["regions"]["r"].count(kursk) == 2
    # country-level claims never fill the country: one badge, at the capital
    assert [f["name"] for f in payload["countries"]["features"]] == ["Russia"]
    badge = payload["countries"]["features"][0]
    assert (badge["lat"], badge["lon"]) == pytest.approx((55.75, 37.62), abs=0.01)
    assert len(payload["countries"]["k"]) == 2
    html = mapview.render_html(m)
    assert "Settlements (points)" in html and "Outlines (offline)" in html
    assert "Country-level claims" in html


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
    from geo.mapview.runtime import supercluster_js

    # Leaflet.markercluster only as the fallback of an asset folder without Supercluster
    assert ("markercluster/dist/leaflet.markercluster.js" in html) == (not supercluster_js())


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
    el = mapview.ClaimsRuntime([])
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
    payload = mapview.claims_payload(claims, detail_limit=100)
    pts = payload["pts"]
    n = len(claims)
    assert all(len(pts[k]) == n for k in ("lat", "lon", "t", "d", "c", "p"))
    assert len(pts["details"]) == 100
    assert payload["days"] == sorted(payload["days"])  # a calendar, oldest first
    dates = [payload["days"][i] for i in pts["d"]]
    assert dates == sorted(dates, reverse=True)  # most recent first: details go to them
    # integer coordinates (1e-4 degree) round-trip to the claims' positions
    lat = sorted(x / 1e4 for x in pts["lat"])
    assert lat == pytest.approx(sorted(claims.geometry.y), abs=6e-5)
    size = len(mapview.json_for_script(payload))
    assert size / n < 60, size / n  # bytes per claim, details included


def test_detail_budget_caps_full_popups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mapview.payload, "DETAIL_BUDGET", 5000)
    details = mapview.claims_payload(synthetic_claims(200), detail_limit=200)["pts"]["details"]
    assert 0 < len(details) < 200
    assert sum(map(len, details)) <= 5000


def test_play_through_days_types_and_range() -> None:
    claims = synthetic_claims(400, seed=5)
    payload = mapview.claims_payload(claims, date_range=("2024-01-01", "2024-12-31"))
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) for day in payload["days"])
    assert payload["range"] == ["2024-01-01", "2024-12-31"]
    # every claim has a day and a type, indexes into the shared tables
    pts = payload["pts"]
    assert max(pts["d"]) < len(payload["days"]) and max(pts["t"]) < len(payload["types"])
    by_type = pd.Series([payload["types"][t][0] for t in pts["t"]]).value_counts()
    assert by_type.to_dict() == claims["claim_type"].value_counts().to_dict()
    # the legend lists types in the schema's order
    order = [payload["types"][i][0] for i in payload["typeOrder"]]
    assert order == [t for t in CLAIM_TYPES if t in set(claims["claim_type"])]
    m = mapview.build_map(claims, timeline=True, assets_url=ASSETS)
    assert '"playOpen":true' in _children(m, mapview.ClaimsRuntime)[0].options_json


def test_empty_and_missing_geometry() -> None:
    empty = synthetic_claims(0)
    m = mapview.build_map(empty, assets_url=ASSETS)
    mapview.render_html(m)
    assert _payload(m)["total"] == 0 and _payload(m)["bounds"] is None
    claims = synthetic_claims(10)
    claims.loc[claims.index[:4], "geometry"] = None  # falls back to latitude/longitude
    claims.loc[claims.index[4], ["latitude", "longitude"]] = [None, None]
    claims.loc[claims.index[4], "geometry"] = None  # nowhere to draw: left out
    payload = mapview.claims_payload(claims)
    assert len(payload["pts"]["lat"]) == 9 and payload["total"] == 10


def test_real_gazetteer_outlines(gazetteer) -> None:
    outlines = mapview.prepare_outlines(gazetteer.admin1_gdf(), gazetteer.countries_gdf())
    assert len(outlines.countries["features"]) > 150
    ua = outlines.admin1_for(["ua"])["features"]
    assert len(ua) >= 24
    m = mapview.build_map(synthetic_claims(1000), outlines=outlines, assets_url=ASSETS)
    html = mapview.render_html(m)
    assert len(html.encode()) < 2_500_000


def test_region_claims_without_coordinates_keep_their_polygon() -> None:
    claims = _polygon_claims()
    claims["latitude"] = pd.array([None, None, 48.0], dtype="Float64")
    claims["longitude"] = pd.array([None, None, 37.8], dtype="Float64")
    payload = mapview.claims_payload(claims)
    feats = {f["name"]: f for f in payload["regions"]["features"]}
    kursk = shapely.geometry.shape(feats["Kursk &lt;b&gt;Oblast&lt;/b&gt;"]["geometry"])
    assert kursk.bounds == pytest.approx((34.5, 50.5, 38, 52.5), abs=0.01)
    assert payload["pts"]["lat"] == []  # nothing drawn as a point


def test_region_fit_and_view() -> None:
    admin1, countries = _outlines()
    outlines = mapview.prepare_outlines(admin1, countries)
    assert outlines.bounds_of(["kursk"]) == [[50.5, 34.5], [52.5, 38.0]]
    assert outlines.bounds_of(["Nowhere"]) is None
    claims = _polygon_claims()
    m = mapview.build_map(claims, outlines=outlines, assets_url=ASSETS,
                          fit=outlines.bounds_of(["Kursk"]), fit_key="a1:Kursk",
                          location=(51.0, 36.0), zoom_start=7)
    payload = _payload(m)
    assert payload["fit"] == [[50.5, 34.5], [52.5, 38.0]] and payload["fitKey"] == "a1:Kursk"
    assert payload["view"] == [51.0, 36.0, 7]


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


def test_points_are_clustered_by_supercluster_put_inline(tmp_path: Path) -> None:
    from geo.mapview.runtime import supercluster_js

    code = supercluster_js()
    if not code:  # an asset folder fetched before Supercluster was added
        pytest.skip("no static/vendor/supercluster: run `make setup` (data/fetch_assets.sh)")
    assert "Supercluster" in code
    html = mapview.render_html(mapview.build_map(synthetic_claims(20), assets_url=ASSETS))
    assert code in html  # inline: no request, and no page stopped by a missing file
    # an asset folder fetched before Supercluster: nothing inline, markercluster instead
    assert supercluster_js(tmp_path) == ""
    assert "window.Supercluster ? superclusterPoints() : markerClusterPoints()" in html
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("geo.mapview.runtime.supercluster_js", lambda: "")
        older = mapview.render_html(mapview.build_map(synthetic_claims(20), assets_url=ASSETS))
    assert code not in older
    assert ASSETS + "/markercluster/dist/leaflet.markercluster.js" in _asset_links(older)
    # the map page loads Leaflet only: no jQuery, Bootstrap or Font Awesome
    links = _asset_links(html)
    assert not [link for link in links if any(name in link for name in (
        "jquery", "bootstrap", "fontawesome", "awesome-markers", "markercluster"))]


def test_outlines_disk_cache_is_read_back_and_rebuilt_when_its_sources_change(tmp_path) -> None:
    admin1, countries = _outlines()
    admin1.to_parquet(tmp_path / "admin1.parquet")
    countries.to_parquet(tmp_path / "countries.parquet")
    built = mapview.cached_outlines(tmp_path)
    fresh = mapview.prepare_outlines(admin1, countries)
    assert built.countries_json == fresh.countries_json
    assert built.admin1_json(["ua", "RU"]) == fresh.admin1_json(["RU", "UA"])
    assert built.bounds_of(["kursk"]) == [[50.5, 34.5], [52.5, 38.0]]
    assert [f["properties"]["tooltip"] for f in built.admin1["RU"]] == ["Kursk"]
    cache = tmp_path / "map_outlines.json"
    data = json.loads(cache.read_text())
    # what a later process gets is the file's content (a marked copy proves it is read)
    data["admin1"]["RU"] = [data["admin1"]["RU"][0].replace('"Kursk"', '"Kursk (cached)"')]
    cache.write_text(json.dumps(data))
    again = mapview.cached_outlines(tmp_path)
    assert again.admin1_for(["RU"])["features"][0]["properties"]["tooltip"] == "Kursk (cached)"
    assert again.has_admin1(["ru"]) and not again.has_admin1(["DE"]) and again.has_countries()
    # new gazetteer outlines: the cache is rebuilt from them
    admin1.iloc[:1].to_parquet(tmp_path / "admin1.parquet")
    rebuilt = mapview.cached_outlines(tmp_path)
    assert not rebuilt.has_admin1(["RU"]) and rebuilt.has_admin1(["UA"])
    # an unreadable cache is rebuilt, never an error
    cache.write_text("{not json")
    assert mapview.cached_outlines(tmp_path).has_admin1(["UA"])
    assert json.loads(cache.read_text())["key"]["version"] == 1


def test_article_text_is_never_read_as_a_template() -> None:
    """Jinja syntax in a sentence stays text: never run on the server, never a page error."""
    claims = synthetic_claims(4, seed=5)
    claims["sentence"] = ["Forces took {{ 7*7 }} villages.", "A comment {# opens here.",
                          "A statement {% raw %} opens here.", "Braces {{{ and }}} too."]
    claims["place_name"] = ["Place {{ 6*7 }}", "b", "c", "d"]
    polygons = _polygon_claims()
    polygons["place_name"] = ["Kursk {{ 8*8 }}", "Kursk {{ 8*8 }}", "Donetsk {#"]
    both = pd.concat([claims, polygons], ignore_index=True)
    html = mapview.render_html(mapview.build_map(both, assets_url=ASSETS))
    assert "took 49" not in html and "Place 42" not in html and "Kursk 64" not in html
    payload = _payload(mapview.build_map(both, assets_url=ASSETS))
    details = " ".join(payload["pts"]["details"])
    assert "{{ 7*7 }}" in details and "{# opens" in details and "{% raw %}" in details
    assert "Place {{ 6*7 }}" in payload["places"]
    assert {f["name"] for f in payload["regions"]["features"]} >= {"Kursk {{ 8*8 }}"}
    # the page's script is the same JSON (braces written \u007b inside strings)
    assert mapview.json_for_script({"s": "{{x}} {%y%} {#z#}"}) == (
        '{"s":"\\u007b{x}} \\u007b%y%} \\u007b#z#}"}')
    assert json.loads(mapview.json_for_script({"s": "{{x}}", "n": {"m": [{}]}})) == {
        "s": "{{x}}", "n": {"m": [{}]}}
