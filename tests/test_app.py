"""Every dashboard page under Streamlit's AppTest, on a real GeoPackage store.

The store is a temporary GeoPackage filled with synthetic claims (plus a few
quantified claims about Kursk for the comparison page); ``GEO_STORE`` points the
app at it. Downloads are read from Streamlit's own media storage.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from app_store import app_store, contested_kupiansk, metric, run_page
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from geo import export
from geo.filters import ClaimFilter, apply_filter
from geo.schema import conform_claims
from geo.store import open_store
from geo.synthetic import synthetic_articles, synthetic_claims

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "map": ROOT / "app.py",  # the entry point; its default page is pages/0_Map.py
    "table": ROOT / "pages" / "1_Claims_table.py",
    "timeline": ROOT / "pages" / "2_Timeline_and_comparison.py",
    "ingest": ROOT / "pages" / "3_Articles_and_ingest.py",
    "export": ROOT / "pages" / "4_Export.py",
}
N_CLAIMS = 400


def _kursk(articles: pd.DataFrame) -> gpd.GeoDataFrame:
    """Three competing quantified claims about Kursk, on real-looking articles."""
    claims = synthetic_claims(3, seed=99)
    claims["article_id"] = list(articles["id"][:3])
    claims["claim_id"] = ["kursk-syrsky", "kursk-isw", "kursk-governor"]
    claims["admin1"] = "Kursk"
    claims["country_code"] = "RU"
    claims["claim_type"] = "control"
    claims["claimant"] = ["Oleksandr Syrsky", "Institute for the Study of War", "Alexei Smirnov"]
    claims["claimant_id"] = ["person:oleksandr-syrsky", "analyst:isw", "person:alexei-smirnov"]
    claims["claimant_name"] = list(claims["claimant"])
    claims["claimant_side"] = ["Ukraine", "independent", "Russia"]
    claims["claimant_kind"] = ["military", "analyst", "local official"]
    claims["quantity"] = pd.array([1000, 800, 28], dtype="Float64")
    claims["unit"] = ["km2", "km2", "settlements"]
    claims["event_date"] = ["2024-08-12", "2024-08-13", "2024-08-14"]
    claims["sentence"] = ["Syrsky said Ukraine controls 1,000 km2 of the Kursk region.",
                          "ISW assessed that Ukrainian forces hold about 800 km2.",
                          "Governor Smirnov said 28 settlements are under Ukrainian control."]
    return claims


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    kursk_articles = synthetic_articles(3, seed=12)
    contest_articles = synthetic_articles(2, seed=13)
    articles = pd.concat([synthetic_articles(N_CLAIMS // 4, seed=11), kursk_articles,
                          contest_articles], ignore_index=True)
    claims = pd.concat([synthetic_claims(N_CLAIMS, seed=11), _kursk(kursk_articles),
                        contested_kupiansk(contest_articles)], ignore_index=True)
    with app_store(tmp_path_factory.mktemp("app") / "claims.gpkg", articles, claims) as path:
        yield path


@pytest.fixture(scope="module")
def stored(store_path: Path) -> gpd.GeoDataFrame:
    return open_store(store_path).claims()


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Files behind the download buttons, by file name.

    The export page defers writing until a click; Streamlit then runs the
    registered function. Here it is run as Streamlit would, and its bytes kept.
    """
    seen: dict[str, bytes] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen[file_name] = data_callable()
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return seen


def run(page: str, params: dict[str, str] | None = None) -> AppTest:
    """Run ``page`` of the multipage app (entry point app.py) with URL ``params``."""
    return run_page(None if page == "map" else PAGES[page], params)


def test_map_page_shows_every_claim_then_filters(store_path: Path, stored) -> None:
    at = run("map")
    assert metric(at, "Claims shown") == len(stored) == N_CLAIMS + 5
    assert dict(at.query_params) == {}  # no filter, clean URL
    at.sidebar.multiselect(key="f_types").set_value(["strike"]).run()
    expected = (stored["claim_type"] == "strike").sum()
    assert 0 < expected < len(stored)
    assert metric(at, "Claims shown") == expected
    assert at.query_params["type"] == "strike"
    at.sidebar.text_input(key="f_text").set_value("Kursk").run()
    assert metric(at, "Claims shown") == len(
        apply_filter(stored, ClaimFilter(claim_types=("strike",), text="Kursk")))


def test_date_range_drives_the_map_and_the_url(stored) -> None:
    at = run("map")
    at.sidebar.date_input(key="f_dates").set_value((dt.date(2024, 3, 1),
                                                    dt.date(2024, 3, 31))).run()
    expected = apply_filter(stored, ClaimFilter(date_from="2024-03-01", date_to="2024-03-31"))
    assert 0 < len(expected) < len(stored)
    assert metric(at, "Claims shown") == len(expected)
    assert at.query_params["from"] == "2024-03-01" and at.query_params["to"] == "2024-03-31"


def test_shared_url_restores_the_view(stored) -> None:
    params = {"from": "2024-02-01", "to": "2024-05-31", "country": "UA,SD"}
    at = run("map", params)
    flt = ClaimFilter.from_query_params(params)
    assert metric(at, "Claims shown") == len(apply_filter(stored, flt))
    assert at.sidebar.date_input(key="f_dates").value == (dt.date(2024, 2, 1),
                                                          dt.date(2024, 5, 31))
    assert at.sidebar.multiselect(key="f_countries").value == ["UA", "SD"]


def test_bad_url_is_reported_not_fatal(stored) -> None:
    at = run("map", {"from": "last tuesday", "type": "control"})
    assert any("from" in w.value for w in at.sidebar.warning)
    assert metric(at, "Claims shown") == (stored["claim_type"] == "control").sum()


def test_no_match_says_so(stored) -> None:
    at = run("map", {"q": "no sentence says this"})
    assert metric(at, "Claims shown") == 0
    assert any("No claim matches" in w.value for w in at.warning)


def test_claims_table_page(stored) -> None:
    at = run("table", {"actor": "Russia"})
    table = at.dataframe[0].value
    expected = stored[stored["actor"] == "Russia"]
    assert len(table) == len(expected) > 0
    assert set(table["claim_id"]) == set(expected["claim_id"])
    at.sidebar.multiselect(key="f_actors").set_value([]).run()
    assert len(at.dataframe[0].value) == len(stored)


def test_timeline_and_comparison_page(stored) -> None:
    at = run("timeline")
    assert len(at.get("vega_lite_chart")) == 3
    region = at.selectbox(key="cmp_region")
    assert region.value == "Kursk"  # the region with the most claimants comes first
    evidence = at.dataframe[0].value
    kursk = evidence[evidence["sentence"].str.contains("Syrsky said|ISW assessed|Governor Smirn")]
    assert dict(zip(kursk["claimant"], kursk["quantity"], strict=True)) == {
        "Oleksandr Syrsky": 1000, "Institute for the Study of War": 800, "Alexei Smirnov": 28}
    # the date range drives this page too
    at = run("timeline", {"to": "2024-08-12"})
    later = at.dataframe[0].value
    assert "Institute for the Study of War" not in set(later["claimant"])


def test_export_downloads_hold_the_filtered_claims(stored, downloads, tmp_path: Path) -> None:
    params = {"type": "control,strike", "from": "2024-04-01"}
    at = run("export", params)
    expected = apply_filter(stored, ClaimFilter.from_query_params(params))
    assert 0 < len(expected) < len(stored)
    labels = [b.label for b in at.get("download_button")]
    assert len(labels) == 4
    names = {Path(n).suffix: n for n in downloads}
    assert set(names) == {".geojson", ".csv", ".gpkg", ".kml"}
    geojson = json.loads(downloads[names[".geojson"]])
    assert {f["properties"]["claim_id"] for f in geojson["features"]} == \
        set(expected["claim_id"])
    csv = pd.read_csv(io.BytesIO(downloads[names[".csv"]]))
    assert len(csv) == len(expected)
    (tmp_path / "export.gpkg").write_bytes(downloads[names[".gpkg"]])
    gpkg = export.read_gpkg(tmp_path / "export.gpkg")
    assert set(gpkg["claim_id"]) == set(expected["claim_id"])
    assert downloads[names[".kml"]].count(b"<Placemark") == len(expected)


def test_articles_page_lists_articles(store_path: Path, stored) -> None:
    at = run("ingest")
    table = at.dataframe[0].value
    assert len(table) == N_CLAIMS // 4 + 5
    counts = stored.groupby("article_id").size()
    assert (table.set_index("id")["claims"] == counts.reindex(table["id"]).fillna(0)
            .astype(int).to_numpy()).all()
    # the date range drives this page too (publication dates)
    at = run("ingest", {"from": "2024-06-01", "to": "2024-06-30"})
    table = at.dataframe[0].value
    articles = open_store(store_path).articles()
    june = articles[articles["published"].str[:7] == "2024-06"]
    assert 0 < len(table) == len(june) < len(articles)


def test_bad_upload_gives_a_clear_error_and_stores_nothing(store_path: Path) -> None:
    before = open_store(store_path).stats()
    at = run("ingest")
    at.file_uploader(key="upload_files").set_value(
        ("bad.jsonl", b'{"id": "x1", "published": "31/31/2024", "text": "Shelling."}\n',
         "application/json"))
    next(b for b in at.button if b.label == "Extract and store").click().run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]  # as Markdown shows them
    assert errors and "bad.jsonl:1" in errors[0] and "published" in errors[0]
    assert open_store(store_path).stats()["claims"] == before["claims"]


def test_pasted_article_is_extracted_and_appears_on_the_map(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fresh.gpkg"
    open_store(path).ingest(synthetic_articles(5, seed=3), synthetic_claims(20, seed=3))
    monkeypatch.setenv("GEO_STORE", str(path))
    before = metric(run("map"), "Claims shown")
    at = run("ingest")
    at.text_area(key="paste_text").set_value(
        "Russian forces captured the village of Novohrodivka in the Donetsk region, the "
        "Russian Ministry of Defense said on Tuesday. Ukrainian officials said shelling "
        "killed three people in Kharkiv.")
    at.date_input(key="paste_date").set_value(dt.date(2024, 9, 5))
    at.text_input(key="paste_title").set_value("<script>alert(1)</script> report")
    at.button[1].click().run()  # the paste form's submit button
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("claim(s) stored" in s.value for s in at.success)
    stats = open_store(path).stats()
    assert stats["articles"] == 6 and stats["claims"] > 20
    after = run("map")
    assert metric(after, "Claims shown") == stats["claims"] > before


@pytest.mark.parametrize("page", list(PAGES))
def test_every_page_works_on_a_new_empty_store(page: str, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEO_STORE", str(tmp_path / "new" / "claims.gpkg"))
    at = run(page)
    if page == "map":
        assert metric(at, "Claims shown") == 0
        assert any("No claims stored yet" in i.value for i in at.info)
    if page == "export":
        assert all(b.proto.disabled for b in at.get("download_button"))


def test_untrusted_url_text_is_not_rendered_as_markdown(stored) -> None:
    at = run("map", {"from": "[click](javascript:alert(1))"})
    warning = next(w.value for w in at.sidebar.warning if "from" in w.value)
    assert "[click](javascript" not in warning and "\\[click\\]" in warning


def test_a_date_range_outside_the_data_says_so(stored) -> None:
    at = run("map")
    at.sidebar.date_input(key="f_dates").set_value((dt.date(2019, 8, 1),
                                                    dt.date(2019, 8, 31))).run()
    assert not at.exception
    assert metric(at, "Claims shown") == 0
    assert at.query_params["from"] == "2019-08-01" and at.query_params["to"] == "2019-08-31"
    warning = " ".join(w.value for w in at.warning)
    assert "No claims between 2019-08-01 and 2019-08-31" in warning
    assert "stored claims run from" in warning


def test_country_filter_shows_names_and_the_map_page_is_named(stored) -> None:
    at = run("map", {"country": "UA"})
    countries = at.sidebar.multiselect(key="f_countries")
    assert countries.value == ["UA"]
    assert "Ukraine (UA)" in countries.proto.options or any(
        "Ukraine (UA)" in str(o) for o in countries.options)
    app = (ROOT / "app.py").read_text()
    assert 'title="Map"' in app  # the navigation names the map page "Map", not "app"


def test_map_payload_and_view_from_the_url(stored) -> None:
    at = run("map", {"lat": "51.7", "lon": "36.2", "z": "8", "admin1": "Kursk"})
    assert not at.exception
    assert at.query_params["lat"] == "51.7" and at.query_params["z"] == "8"  # kept
    assert metric(at, "Claims shown") == len(apply_filter(stored, ClaimFilter(
        admin1=("Kursk",))))


def test_paste_needs_a_publication_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "fresh.gpkg"
    open_store(path).ingest(synthetic_articles(2, seed=4), synthetic_claims(4, seed=4))
    monkeypatch.setenv("GEO_STORE", str(path))
    at = run("ingest")
    assert at.date_input(key="paste_date").value is None  # no default: not "today"
    at.text_area(key="paste_text").set_value("Shelling hit Kharkiv on Monday.")
    at.button[1].click().run()
    assert any("publication date" in e.value for e in at.error)
    assert open_store(path).stats()["articles"] == 2


def test_claimant_side_filters_and_colour_switch(stored) -> None:
    at = run("map")
    at.sidebar.radio(key="f_by").set_value("independent assessments").run()
    assert metric(at, "Claims shown") == (stored["claimant_side"] == "independent").sum() > 0
    assert at.query_params["by"] == "independent"
    at.sidebar.radio(key="f_by").set_value("all claimants").run()
    at.sidebar.checkbox(key="f_contested").check().run()
    contested = stored[stored["contest_id"].notna()]
    assert set(contested["claim_id"]) >= {"kup-ru", "kup-ua"}
    assert metric(at, "Claims shown") == len(contested)
    assert at.query_params["contested"] == "1"
    at.radio(key="map_color").set_value("side").run()
    assert at.query_params["color"] == "side" and at.query_params["contested"] == "1"
    # a shared URL restores the colouring and the filter
    again = run("map", {"color": "side", "side": "Russia"})
    assert again.radio(key="map_color").value == "side"
    assert metric(again, "Claims shown") == (stored["claimant_side"] == "Russia").sum()


def test_ledger_of_a_contested_place(stored) -> None:
    at = run("timeline")
    place = at.selectbox(key="ledger_place")
    assert place.value == "place:geonames:704422"  # the disputed place comes first
    ledger_table = next(d.value for d in at.dataframe if "assertion" in d.value.columns)
    kup = ledger_table[ledger_table["place_name"] == "Kupiansk"]
    assert set(kup["side"]) == {"Russia", "Ukraine"}
    assert kup["contest_id"].nunique() == 1 and kup["contest_id"].notna().all()
    assert set(kup["assertion"]) == {"Russia captured", "Ukraine repelled attacks"}


def test_upload_can_skip_invalid_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         downloads: dict[str, bytes]) -> None:
    path = tmp_path / "fresh.gpkg"
    open_store(path).ingest(synthetic_articles(2, seed=5), synthetic_claims(4, seed=5))
    monkeypatch.setenv("GEO_STORE", str(path))
    good = {"id": "ok-1", "published": "2024-09-03", "text": (
        "Russian forces captured the village of Novohrodivka in the Donetsk region, the "
        "Russian Ministry of Defense said on Tuesday.")}
    bad = {"id": "bad-1", "published": "31/31/2024", "text": "Shelling hit Kharkiv."}
    data = (json.dumps(good) + "\n" + json.dumps(bad) + "\n").encode()
    # strict (the default): the bad record stops the upload, nothing is stored
    at = run("ingest")
    at.file_uploader(key="upload_files").set_value(("mixed.jsonl", data, "application/json"))
    next(b for b in at.button if b.label == "Extract and store").click().run()
    assert at.error and open_store(path).stats()["articles"] == 2
    # skipping invalid records: the good one is stored, the bad one listed with its reason
    at = run("ingest")
    at.file_uploader(key="upload_files").set_value(("mixed.jsonl", data, "application/json"))
    at.checkbox(key="upload_skip_invalid").check()
    next(b for b in at.button if b.label == "Extract and store").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("claim(s) stored" in s.value for s in at.success)
    warning = " ".join(w.value.replace("\\", "") for w in at.warning)
    assert "1 invalid record left out" in warning and "mixed.jsonl:2" in warning
    assert "published" in warning
    stored = open_store(path)
    assert stored.stats()["articles"] == 3
    assert "ok-1" in set(stored.articles()["id"]) and "bad-1" not in set(stored.articles()["id"])
    # the rejects, as the command line's --rejects file holds them
    rejects = [json.loads(line) for line in downloads["rejects.jsonl"].splitlines()]
    assert [(r["file"], r["line"], r["field"]) for r in rejects] == [
        ("mixed.jsonl", 2, "published")]
    assert rejects[0]["record"]["id"] == "bad-1"


def test_table_downloads_are_spreadsheet_safe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              downloads: dict[str, bytes]) -> None:
    import tomllib

    # Streamlit's own table download (unguarded) is off for every table...
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
    # ...and the pages' downloads guard every text cell
    path = tmp_path / "fresh.gpkg"
    articles = synthetic_articles(2, seed=6)
    articles.loc[0, "title"] = "=HYPERLINK(\"http://evil.example\",\"x\")"
    claims = synthetic_claims(4, seed=6)
    claims["article_id"] = list(articles["id"]) * 2
    claims.loc[0, "sentence"] = "=1+2 cmd|' /C calc'!A0"
    claims.loc[1, "claimant"] = "@SUM(1,2)"
    open_store(path).ingest(articles, conform_claims(claims))
    monkeypatch.setenv("GEO_STORE", str(path))
    run("table")
    table = pd.read_csv(io.BytesIO(downloads["claims_table.csv"]), dtype=str)
    assert len(table) == 4
    assert "'=1+2 cmd|' /C calc'!A0" in set(table["sentence"])
    assert "'@SUM(1,2)" in set(table["claimant"])
    assert not any(str(v).startswith(("=", "@", "+", "-")) for v in table.to_numpy().ravel()
                   if isinstance(v, str) and not v[:1].isdigit())
    run("ingest")
    listed = pd.read_csv(io.BytesIO(downloads["articles.csv"]), dtype=str)
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in set(listed["title"])


def test_template_syntax_in_article_text_is_shown_not_run(tmp_path: Path) -> None:
    """A sentence with Jinja syntax neither breaks the map page nor runs on the server."""
    claims = synthetic_claims(3, seed=31)
    claims["sentence"] = ["Forces took {{ 7*7 }} villages.", "A comment {# opens here.",
                          "A statement {% if %} opens here."]
    claims["place_name"] = ["Place {{ 6*7 }}", "Elsewhere {#", "Nowhere"]
    with app_store(tmp_path / "claims.gpkg", synthetic_articles(3, seed=31), claims):
        at = run("map")
    assert metric(at, "Claims shown") == 3
    args = json.loads(at.get("component_instance")[0].proto.json_args)
    code = args["script"] + args["feature_group"]  # the map's code, then its claims
    assert "took 49" not in code and "Place 42" not in code
    assert "Forces took \\u007b{ 7*7 }} villages" in code  # "{{" inside a JS string


def test_the_map_page_modules_do_not_load_the_language_model() -> None:
    """Opening a store and drawing the map import no spaCy (a second of a cold first page)."""
    import subprocess
    import sys

    from geo.claimants import IDENTITY_COLUMNS
    from geo.store.backfill import IDENTITY_COLUMNS as STORE_IDENTITY

    assert STORE_IDENTITY == IDENTITY_COLUMNS
    code = ("import sys, geo.store, geo.dashboard, geo.mapview, geo.appstate, "
            "geo.reference.storage, streamlit_folium; "
            "print(sorted(m for m in ('spacy', 'geo.extract', 'geo.claimants') "
            "if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=True)
    assert done.stdout.strip() == "[]"
