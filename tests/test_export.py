"""Exports: strict RFC 7946 GeoJSON, GeoPackage, ACLED-style CSV and KML, read back."""

from __future__ import annotations

import csv
import html
import io
import json
import sqlite3
import xml.etree.ElementTree as ET

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from rfc7946 import _signed_area, check_rfc7946
from shapely.geometry import MultiPolygon, Polygon

from geo import export
from geo.export import ACLED_COLUMNS, acled_frame, geojson_bytes, to_geojson_dict
from geo.schema import CLAIM_COLUMNS, CLAIM_TYPES, conform_claims
from geo.synthetic import synthetic_claims

# ---------------------------------------------------------------------------


@pytest.fixture
def claims():
    c = synthetic_claims(40, seed=11)
    # a region claim as a clockwise polygon with a counter-clockwise hole (wrong per RFC)
    outer = [(37, 47), (37, 48.5), (38.5, 48.5), (38.5, 47), (37, 47)]  # clockwise
    hole = [(37.5, 47.5), (38, 47.5), (38, 48), (37.5, 48), (37.5, 47.5)]  # ccw
    c.loc[0, "geometry"] = Polygon(outer, [hole])
    c.loc[0, ["feature_class", "geo_precision", "latitude", "longitude"]] = \
        ["admin1", 3, 47.75, 37.75]
    c.loc[1, "geometry"] = MultiPolygon([Polygon([(30, 45), (30, 46), (31, 46), (30, 45)])])
    c.loc[1, ["feature_class", "geo_precision", "country_code", "latitude", "longitude"]] = \
        ["country", 4, "UA", 45.6, 30.3]
    c.loc[2, ["claim_type", "sentence", "quantity", "unit", "claimant"]] = [
        "casualties", "At least 12 civilians were killed in the strike, officials said.", 12,
        "people", "Governor Ivan Fedorov"]
    c.loc[2, "qualifier"] = "at least"
    c.loc[3, ["claim_type", "sentence", "quantity", "unit"]] = [
        "casualties", "Five soldiers were wounded.", 5, "people"]
    c.loc[4, ["claim_type", "sentence"]] = ["strike", "A drone strike hit a depot."]
    c.loc[5, ["claim_type", "sentence"]] = ["unrest", "Protesters stormed the city hall."]
    c.loc[6, ["claim_type", "date_precision", "event_date"]] = ["control", "month", "2024-05-01"]
    c.loc[7, ["date_precision", "event_date"]] = ["published", pd.NA]
    c.loc[8, ["sentence", "url", "title"]] = ["Ünïcode «quotes» and / slashes \\ \n new line",
                                             "https://example.org/a/b?c=1", None]
    return conform_claims(c)


def test_geojson_is_strict_rfc7946(claims):
    doc = json.loads(geojson_bytes(claims))
    check_rfc7946(doc)
    assert len(doc["features"]) == len(claims)


def test_geojson_orients_polygons_and_keeps_lon_lat(claims):
    doc = to_geojson_dict(claims)
    poly = doc["features"][0]["geometry"]
    assert poly["type"] == "Polygon"
    assert _signed_area(poly["coordinates"][0]) > 0 > _signed_area(poly["coordinates"][1])
    for f in doc["features"]:
        props = f["properties"]
        if f["geometry"]["type"] == "Point":
            lon, lat = f["geometry"]["coordinates"]
            assert lon == pytest.approx(props["longitude"], abs=1e-6)
            assert lat == pytest.approx(props["latitude"], abs=1e-6)


def test_geojson_properties_are_every_spec_column_with_json_types(claims):
    doc = to_geojson_dict(claims)
    f = doc["features"][2]
    assert list(f["properties"]) == list(CLAIM_COLUMNS)
    assert f["id"] == f["properties"]["claim_id"]
    assert f["properties"]["quantity"] == 12.0 and f["properties"]["geo_precision"] == 1
    assert f["properties"]["quantity_max"] is None
    odd = doc["features"][8]["properties"]
    assert odd["sentence"] == "Ünïcode «quotes» and / slashes \\ \n new line"
    assert odd["url"] == "https://example.org/a/b?c=1" and odd["title"] is None
    assert doc["features"][7]["properties"]["event_date"] is None


def test_checker_rejects_bad_geojson():
    good = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.8, 48.0]},
         "properties": {}}]}
    check_rfc7946(good)
    for bad in (
        {**good, "crs": {"type": "name"}},
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [48.0, 137.8]},
             "properties": {}}]},
        {"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [
                [[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}}]},  # clockwise exterior
    ):
        with pytest.raises(AssertionError):
            check_rfc7946(bad)


def test_geojson_file_reads_back_with_pyogrio(claims, tmp_path):
    path = export.write_geojson(claims, tmp_path / "out" / "claims.geojson")
    back = pyogrio.read_dataframe(path)
    assert len(back) == len(claims)
    assert back.crs.to_epsg() == 4326
    assert sorted(back["claim_id"]) == sorted(claims["claim_id"])
    assert shapely.equals(back.geometry.iloc[1], claims.geometry.iloc[1])  # re-oriented


def test_empty_exports(tmp_path):
    empty = conform_claims(synthetic_claims(3).iloc[:0])
    check_rfc7946(to_geojson_dict(empty))
    assert list(acled_frame(empty).columns) == list(ACLED_COLUMNS)
    export.write_gpkg(empty, tmp_path / "e.gpkg")
    for layer in (export.POINT_LAYER, export.AREA_LAYER):
        assert pyogrio.read_info(tmp_path / "e.gpkg", layer=layer)["features"] == 0


def test_gpkg_export_reads_back(claims, tmp_path):
    path = export.write_gpkg(claims, tmp_path / "claims.gpkg")
    back = export.read_gpkg(path)
    assert len(back) == len(claims)
    assert set(CLAIM_COLUMNS) <= set(back.columns)
    assert back.crs.to_epsg() == 4326
    merged = back.set_index("claim_id").loc[claims["claim_id"]]
    assert merged["sentence"].tolist() == claims["sentence"].tolist()
    # areas are written as MultiPolygon (one geometry type per layer), same shape
    assert shapely.equals(merged.geometry.iloc[0], claims.geometry.iloc[0])
    assert gpd.GeoSeries(merged.geometry.values).geom_type.tolist()[:3] == \
        ["MultiPolygon", "MultiPolygon", "Point"]
    assert export.gpkg_bytes(claims)[:16] == b"SQLite format 3\x00"


def test_gpkg_has_typed_layers_dates_index_and_qgis_style(claims, tmp_path):
    path = export.write_gpkg(claims, tmp_path / "claims.gpkg")
    layers = dict(pyogrio.list_layers(path).tolist())
    assert layers == {"claim_points": "Point", "claim_areas": "MultiPolygon",
                      "layer_styles": None}
    points = pyogrio.read_info(path, layer="claim_points")
    areas = pyogrio.read_info(path, layer="claim_areas")
    assert (points["features"], areas["features"]) == (len(claims) - 2, 2)
    for info in (points, areas):
        dtypes = dict(zip(info["fields"], info["dtypes"], strict=True))
        assert dtypes["published"].startswith("datetime64") and \
            dtypes["event_date"].startswith("datetime64")
    con = sqlite3.connect(path)
    try:
        decl = dict((r[1], r[2]) for r in con.execute("PRAGMA table_info(claim_points)"))
        assert decl["published"] == "DATE" and decl["event_date"] == "DATE"
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
        assert {"rtree_claim_points_geom", "rtree_claim_areas_geom"} <= tables
        styles = con.execute("SELECT f_table_name, f_geometry_column, useAsDefault, styleQML "
                             "FROM layer_styles ORDER BY f_table_name").fetchall()
    finally:
        con.close()
    assert [s[:3] for s in styles] == [("claim_areas", "geom", 1), ("claim_points", "geom", 1)]
    qml = ET.fromstring(styles[1][3].split(">", 1)[1])  # after the DOCTYPE
    renderer = qml.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "claim_type"
    assert {c.get("value") for c in renderer.iter("category")} >= set(CLAIM_TYPES)
    back = pyogrio.read_dataframe(path, layer="claim_points")
    first = claims.set_index("claim_id").loc[back["claim_id"].iloc[0]]
    assert str(back["published"].iloc[0])[:10] == first["published"]


def test_kml_export_reads_back(claims, tmp_path):
    claims.loc[2, "sentence"] = "Ukraine's governor said 12 were killed"
    path = export.write_kml(claims, tmp_path / "claims.kml")
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<kml" in text
    back = pyogrio.read_dataframe(path)
    assert len(back) == len(claims)
    assert back["Name"].iloc[2] == f"casualties: {claims['place_name'].iloc[2]}"
    assert "Governor Ivan Fedorov" in back["description"].iloc[2]
    assert "<script>" not in text  # markup in sentences is escaped
    # an apostrophe is written once, as itself (neither &#x27; nor &amp;#x27;)
    assert "Ukraine's governor" in text and "#x27" not in text
    pt = back.geometry.iloc[5]
    assert (pt.x, pt.y) == pytest.approx((claims.geometry.iloc[5].x, claims.geometry.iloc[5].y))
    assert export.kml_bytes(claims).startswith(b"<?xml")


def test_kml_has_time_stamps_and_one_style_per_claim_type(claims, tmp_path):
    path = export.write_kml(claims, tmp_path / "claims.kml")
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.parse(path).getroot()
    styles = {s.get("id") for s in root.iterfind(".//k:Style", ns)}
    assert {f"type-{t}" for t in CLAIM_TYPES} <= styles
    marks = root.findall(".//k:Placemark", ns)
    assert len(marks) == len(claims)
    for mark, (_, claim) in zip(marks, claims.iterrows(), strict=True):
        when = mark.findtext("k:TimeStamp/k:when", namespaces=ns)
        assert when == (claim["event_date"] if isinstance(claim["event_date"], str)
                        else claim["published"])[:10]
        assert mark.findtext("k:styleUrl", namespaces=ns) == f"#type-{claim['claim_type']}"


def test_kml_description_markup_is_shown_as_text(claims, tmp_path):
    # KML viewers render <description> as HTML: one XML decoding must still leave the
    # article's markup escaped, so that Google Earth shows it instead of running it
    claims.loc[3, "sentence"] = 'Took X <script>alert(91)</script> & <a href="javascript:y">z</a>'
    claims.loc[3, "claimant"] = "<img src=x onerror=alert(2)>"
    path = export.write_kml(claims, tmp_path / "claims.kml")
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    descs = [d.text or "" for d in ET.parse(path).getroot().iterfind(".//k:description", ns)]
    hostile = [d for d in descs if "alert(91)" in d]
    assert len(hostile) == 1
    assert "<" not in hostile[0] and ">" not in hostile[0]
    assert html.unescape(hostile[0]).startswith(claims.loc[3, "sentence"]
                                                + " [claimant: <img src=x onerror=alert(2)>]")


def test_acled_csv_columns_in_acled_order_and_reads_back(claims, tmp_path):
    path = export.write_acled_csv(claims, tmp_path / "claims.csv", timestamp=1_700_000_000)
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(ACLED_COLUMNS) and len(ACLED_COLUMNS) == 31
    assert len(rows) == len(claims) + 1
    back = pyogrio.read_dataframe(path)  # GDAL's CSV driver
    assert len(back) == len(claims) and list(back.columns)[:31] == list(ACLED_COLUMNS)
    again = pd.read_csv(io.BytesIO(export.acled_csv_bytes(claims, 1_700_000_000)),
                        keep_default_na=False, dtype=str)
    assert again["notes"].iloc[8].startswith("Ünïcode «quotes»")


def test_acled_mapping(claims):
    a = acled_frame(claims, timestamp=1_700_000_000)
    assert list(a.columns) == list(ACLED_COLUMNS)
    # casualties with civilians killed: fatalities, civilian targeting, VAC
    r = a.iloc[2]
    assert r["fatalities"] == 12 and r["civilian_targeting"] == "Civilian targeting"
    assert (r["event_type"], r["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert r["disorder_type"] == "Political violence"
    assert "At least 12 civilians were killed" in r["notes"]
    assert "claimant: Governor Ivan Fedorov" in r["notes"]
    assert "quantity: at least 12 people" in r["tags"]
    # wounded only: no fatalities
    assert a.iloc[3]["fatalities"] == ""
    # strike by drone; unrest storming -> riots
    assert a.iloc[4]["sub_event_type"] == "Air/drone strike"
    assert (a.iloc[5]["event_type"], a.iloc[5]["sub_event_type"], a.iloc[5]["disorder_type"]) \
        == ("Riots", "Violent demonstration", "Demonstrations")
    # time precision
    assert a.iloc[6]["time_precision"] == 3 and a.iloc[6]["event_date"] == "2024-05-01"
    assert a.iloc[9]["time_precision"] == 1
    assert a.iloc[7]["time_precision"] == 2
    assert a.iloc[7]["event_date"] == claims["published"].iloc[7]
    assert "publication date" in a.iloc[7]["tags"]
    # geo precision: country-level kept as 3 with a tag; region 3; settlement 1
    assert a.iloc[1]["geo_precision"] == 3 and "geo precision: country" in a.iloc[1]["tags"]
    assert a.iloc[0]["geo_precision"] == 3 and a.iloc[9]["geo_precision"] == 1
    # numeric ISO, names, ids
    ua = a[claims["country_code"].to_numpy() == "UA"].iloc[0]
    assert ua["iso"] == 804 and ua["country"] == "Ukraine"
    assert ua["event_id_cnty"].startswith("UKR-") and ua["region"] == "Europe"
    regions = dict(zip(claims["country_code"], a["region"], strict=True))
    assert all(regions[cc] == export.acled_region(cc) for cc in regions)
    assert [export.acled_region(cc) for cc in ("SD", "CD", "PS", "mm", "GE")] == [
        "Northern Africa", "Middle Africa", "Middle East", "Southeast Asia",
        "Caucasus and Central Asia"]
    assert export.acled_region("HT") == "Caribbean" and export.acled_region("XX") == ""
    assert a.iloc[0]["event_id_cnty"].endswith(claims["claim_id"].iloc[0])
    assert a.iloc[2]["latitude"] == round(float(claims["latitude"].iloc[2]), 4)
    assert (a["timestamp"] == 1_700_000_000).all()
    assert (a["year"] == a["event_date"].str[:4].astype(int)).all()
    # blank where the claim has nothing to say
    assert (a["actor2"] == "").all() and (a["admin2"] == "").all()
    # every claim type maps into ACLED's vocabulary
    assert set(a["event_type"]) <= set(export.ACLED_DISORDER)


def test_acled_uses_ingested_at_for_timestamp(claims):
    c = claims.copy()
    c["ingested_at"] = "2024-06-01T00:00:00.000Z"
    assert (acled_frame(c)["timestamp"] == 1_717_200_000).all()


def test_export_dispatch(claims, tmp_path):
    assert export.format_from_suffix("a.GeoJSON") == "geojson"
    assert export.format_from_suffix("a.json") == "geojson"
    assert export.format_from_suffix("a.txt") is None
    with pytest.raises(ValueError, match="unknown export format"):
        export.export(claims, tmp_path / "a.txt")
    for fmt in export.FORMATS:
        out = export.export(claims, tmp_path / f"x{export.FORMATS[fmt][2]}")
        assert out.stat().st_size > 0
    assert not list(tmp_path.glob(".*tmp*"))


def test_geojson_accepts_other_crs(claims):
    projected = claims.to_crs(3857)
    doc = to_geojson_dict(projected)
    check_rfc7946(doc)
    assert doc["features"][9]["geometry"]["coordinates"] == pytest.approx(
        [claims.geometry.iloc[9].x, claims.geometry.iloc[9].y], abs=1e-6)



def test_acled_mapping_of_attack_deployment_withdrawal_abduction(claims):
    c = claims.iloc[:5].copy().reset_index(drop=True)
    c["claim_type"] = ["attack", "deployment", "control", "detention", "deployment"]
    c["unit"] = None
    c["sentence"] = [
        "Gunmen on motorbikes storm the village of Darey-Daye, killing 37 people.",
        "The United Kingdom deploys an additional 200 troops to Kabul.",
        "The Syrian Army announces a total withdrawal from Aleppo.",
        "Five Chinese workers are kidnapped in an attack on a convoy in Edo State.",
        "The army set up a new base near the town.",
    ]
    a = acled_frame(c, timestamp=1_700_000_000)
    pairs = list(zip(a["event_type"], a["sub_event_type"], strict=True))
    assert pairs == [
        ("Violence against civilians", "Attack"),
        ("Strategic developments", "Other"),
        ("Strategic developments", "Non-violent transfer of territory"),
        ("Violence against civilians", "Abduction/forced disappearance"),
        ("Strategic developments", "Headquarters or base established"),
    ]
    assert list(a["disorder_type"]) == ["Political violence", "Strategic developments",
                                        "Strategic developments", "Political violence",
                                        "Strategic developments"]
    assert "claim type: attack" in a.iloc[0]["tags"]


def test_geojson_geometry_choices(claims):
    big = Polygon([(30 + 0.001 * i, 45 + (i % 2) * 0.002) for i in range(2000)]
                  + [(32, 47), (30, 47)])
    claims.loc[0, "geometry"] = big
    full = to_geojson_dict(claims, "full")
    simple = to_geojson_dict(claims)  # default: simplified to the map's tolerance
    points = to_geojson_dict(claims, "points")
    for doc in (full, simple, points):
        check_rfc7946(doc)
        assert len(doc["features"]) == len(claims)
    n_full = len(full["features"][0]["geometry"]["coordinates"][0])
    n_simple = len(simple["features"][0]["geometry"]["coordinates"][0])
    assert n_simple < n_full / 10
    assert shapely.geometry.shape(simple["features"][0]["geometry"]).hausdorff_distance(
        big) <= export.SIMPLIFY_TOLERANCE + 1e-9
    assert {f["geometry"]["type"] for f in points["features"]} == {"Point"}
    # a region claim: its representative point; a country-level claim: not the centroid
    assert points["features"][0]["geometry"]["coordinates"] == [37.75, 47.75]
    kyiv = points["features"][1]["geometry"]["coordinates"]
    assert kyiv == pytest.approx([30.52, 50.45], abs=0.01)
    with pytest.raises(ValueError, match="geometry"):
        export.geojson_bytes(claims, "outline")


def test_country_level_rows_are_placed_where_the_text_supports(claims):
    # article of claim 1 (about all of Ukraine) also names a region of Ukraine
    claims.loc[0, ["article_id", "country_code", "admin1"]] = [claims.loc[1, "article_id"],
                                                              "UA", "Donetsk"]
    a = acled_frame(claims, timestamp=0)
    assert (a.iloc[1]["latitude"], a.iloc[1]["longitude"]) == (47.75, 37.75)
    assert "placed at region: Donetsk" in a.iloc[1]["tags"]
    claims.loc[0, "article_id"] = "another article"
    a = acled_frame(claims, timestamp=0)
    assert (a.iloc[1]["latitude"], a.iloc[1]["longitude"]) == pytest.approx((50.4547, 30.5238))
    assert "placed at capital: Kyiv" in a.iloc[1]["tags"]
    # one precision per claim: country-level, whatever the extraction said
    claims.loc[1, "geo_precision"] = 2
    a = acled_frame(claims, timestamp=0)
    assert a.iloc[1]["geo_precision"] == 3 and "geo precision: country" in a.iloc[1]["tags"]


def test_claimant_identity_and_contest_in_all_four_exports(claims, tmp_path):
    claims.loc[5, ["claimant", "claimant_id", "claimant_name", "claimant_side",
                   "claimant_kind", "contest_id", "support_count"]] = [
        "Russia's defence ministry", "russia:defence-ministry", "Russian Ministry of Defence",
        "Russia", "military", "contest:abc123", 2]
    props = {f["properties"]["claim_id"]: f["properties"]
             for f in to_geojson_dict(claims)["features"]}[claims.loc[5, "claim_id"]]
    assert props["claimant_id"] == "russia:defence-ministry"
    assert props["claimant_side"] == "Russia" and props["contest_id"] == "contest:abc123"
    assert props["support_count"] == 2
    gpkg = export.read_gpkg(export.write_gpkg(claims, tmp_path / "c.gpkg"))  # both layers
    row = gpkg[gpkg["claim_id"] == claims.loc[5, "claim_id"]].iloc[0]
    assert (row["claimant_name"], row["claimant_kind"]) == ("Russian Ministry of Defence",
                                                            "military")
    rows = {r["event_id_cnty"].split("-", 1)[1]: r for r in acled_frame(claims).to_dict("records")}
    tags = rows[claims.loc[5, "claim_id"]]["tags"]
    assert "claimant side: Russia" in tags and "contested: contest:abc123" in tags
    assert "claimant id: russia:defence-ministry" in tags and "claimant kind: military" in tags
    assert "claimant name: Russian Ministry of Defence" in tags
    kml = export.write_kml(claims, tmp_path / "c.kml").read_text(encoding="utf-8")
    assert "[side: Russia]" in kml and "[contested: contest:abc123]" in kml
    assert "russia:defence-ministry" in kml  # ExtendedData keeps every property
