"""Reference layers: reading ACLED, UCDP and control files, storing them, the command.

The files in ``tests/data/reference/`` are in the real formats (ACLED's 31 columns,
UCDP GED's 49 columns and HDX's HXL-tagged copy of GED, GeoJSON/KML/GeoPackage
polygons). The UCDP rows are real (GED 19.1, CC BY 4.0); the ACLED rows and the
polygons are invented (see the README there).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely
from postgis_server import postgis_server, postgis_url  # noqa: F401
from shapely.geometry import Point, box

from geo.cli import main
from geo.export import ACLED_COLUMNS
from geo.reference import ReferenceInputError, read_events_bytes, read_reference
from geo.reference.control import control_from_frame, date_from_name, side_from_name
from geo.reference.storage import add_control, add_events, load_control, load_events
from geo.store import open_store

DATA = Path(__file__).resolve().parent / "data" / "reference"
ACLED = DATA / "acled_invented.csv"
UCDP = DATA / "ucdp_ged_bgd.csv"          # real GED rows (Bangladesh), GED's 49 columns
UCDP_HDX = DATA / "ucdp_ged_hdx_bgd.csv"  # the same rows as HDX publishes them (HXL tags)
UCDP_KURSK = DATA / "ucdp_ged_format.csv"  # invented rows next to the Kursk test claims
BACKENDS = ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)]


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    """Return a fresh store: a GeoPackage path or a PostGIS database URL."""
    if request.param == "gpkg":
        return str(tmp_path / "claims.gpkg")
    return request.getfixturevalue("postgis_url")


def test_acled_file_has_acleds_31_columns_and_reads_every_row():
    header = ACLED.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert tuple(header) == ACLED_COLUMNS and len(header) == 31
    kind, events = read_reference(ACLED)
    assert kind == "acled" and len(events) == 8
    first = events.iloc[0]
    assert first["ref_id"] == "acled:XXX0001" and first["category"] == "battle"
    assert (first.geometry.x, first.geometry.y) == (35.2719, 51.1946)  # x = longitude
    # the old ACLED date form "12 August 2024" is read too
    assert events.loc[events["ref_id"] == "acled:XXX0004", "event_date"].item() == "2024-08-12"
    assert set(events["category"]) == {"battle", "remote", "strategic", "protest",
                                       "civilians", "riot"}
    assert events.crs == "EPSG:4326"


def test_ucdp_file_reads_dates_ranges_precision_and_deaths():
    header = UCDP.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert len(header) == 49 and header[:3] == ["id", "relid", "year"]
    kind, events = read_reference(UCDP)
    assert kind == "ucdp" and len(events) == 20
    by_id = events.set_index("ref_id")
    row = by_id.loc["ucdp:73666"]  # JSS/SB killed five soldiers, 22-24 June 1991
    assert (row["event_date"], row["date_end"]) == ("1991-06-22", "1991-06-24")
    assert row["category"] == "state_based" and row["fatalities"] == 5
    assert row["actor1"] == "Government of Bangladesh" and row["actor2"] == "JSS/SB"
    assert row["geo_precision"] == 3  # where_prec 4: the first-order division
    assert by_id.loc["ucdp:73663", "geo_precision"] == 2  # where_prec 2: within 25 km
    assert by_id.loc["ucdp:72633", "geo_precision"] == 4  # where_prec 6: the country
    assert by_id.loc["ucdp:73807", "category"] == "one_sided"
    assert by_id.loc["ucdp:71663", "category"] == "non_state"
    first = by_id.loc["ucdp:71663"]
    assert (first["location"], first["admin1"]) == ("Bhāndāria town", "Barisāl Division")
    assert first["source"] == "BBC Monitoring Newsfile"
    assert (first.geometry.x, first.geometry.y) == (90.062732, 22.488976)  # x = longitude


def test_ucdp_as_hdx_publishes_it_hxl_tag_row_skipped():
    kind, hdx = read_reference(UCDP_HDX)
    _, ged = read_reference(UCDP)
    assert kind == "ucdp" and len(hdx) == len(ged) == 20
    cols = ["ref_id", "event_date", "date_end", "category", "latitude", "longitude",
            "geo_precision", "fatalities", "actor1", "actor2", "location"]
    pd.testing.assert_frame_equal(hdx[cols].reset_index(drop=True),
                                  ged[cols].reset_index(drop=True))
    # lines stay the file's: header 1, tags 2, first event 3
    text = UCDP_HDX.read_text(encoding="utf-8").replace(",1991-06-22,1991-06-24,",
                                                        ",1991-06-22,1991-06-01,", 1)
    with pytest.raises(ReferenceInputError, match=r"hdx.csv:18: field 'date_end'.*before"):
        read_events_bytes(text.encode("utf-8"), "hdx.csv")


@pytest.mark.parametrize("name,date,side", [
    ("ukraine_2024-08-10.geojson", "2024-08-10", "Ukraine"),   # both from the file name
    ("control_2024-08-14.kml", "2024-08-14", "Ukraine"),        # KML properties
])
def test_control_files_take_date_and_side_from_properties_or_name(name, date, side):
    kind, control = read_reference(DATA / name)
    assert kind == "control" and len(control) == 1
    assert control.iloc[0]["date"] == date and control.iloc[0]["side"] == side
    assert control.geometry.iloc[0].geom_type in ("Polygon", "MultiPolygon")


def test_control_geopackage_keeps_each_snapshot():
    _, control = read_reference(DATA / "control_snapshots.gpkg")
    assert sorted(zip(control["side"], control["date"], strict=True)) == [
        ("Russia", "2024-08-10"), ("Russia", "2024-08-16"), ("Ukraine", "2024-08-16")]


def test_control_names_and_overrides():
    assert date_from_name("isw_20240812_russia.kml") == "2024-08-12"
    assert side_from_name("2024-08-12-russian-controlled.geojson") == "Russia"
    frame = gpd.GeoDataFrame({"x": [1]}, geometry=[box(0, 0, 1, 1)], crs="EPSG:4326")
    out = control_from_frame(frame, "anything.geojson", date="2024-01-02", side="RSF")
    assert (out.iloc[0]["date"], out.iloc[0]["side"]) == ("2024-01-02", "Rapid Support Forces")


def test_control_without_date_or_side_names_the_feature(tmp_path):
    path = tmp_path / "areas.geojson"
    gpd.GeoDataFrame({"side": ["Russia", "Ukraine"]},
                     geometry=[box(0, 0, 1, 1), box(2, 2, 3, 3)], crs="EPSG:4326").to_file(path)
    with pytest.raises(ReferenceInputError, match=r"areas.geojson:1: field 'date'"):
        read_reference(path)
    _, ok = read_reference(path, date="2024-03-01")
    assert list(ok["side"]) == ["Russia", "Ukraine"]
    pts = tmp_path / "points_2024-03-01.geojson"
    gpd.GeoDataFrame({"side": ["Russia"]}, geometry=[Point(1, 1)], crs="EPSG:4326").to_file(pts)
    with pytest.raises(ReferenceInputError, match="field 'geometry'.*Point"):
        read_reference(pts)


@pytest.mark.parametrize("edit,message", [
    (lambda t: t.replace("2024-08-11", "2024-13-45"), r":3: field 'event_date'"),
    (lambda t: t.replace("51.7373", "151.7"), r":3: field 'latitude'.*outside"),
    (lambda t: t.replace("Riots", "Parade"), r":7: field 'event_type'.*not an ACLED"),
    (lambda t: t.replace("XXX0002", "XXX0001"), r":3: field 'event_id_cnty'.*repeats line 2"),
    (lambda t: t.replace("event_id_cnty", "eventid", 1), r"cannot tell the kind"),
])
def test_bad_acled_rows_name_line_and_field(edit, message):
    text = edit(ACLED.read_text(encoding="utf-8"))
    with pytest.raises(ReferenceInputError, match=message):
        read_events_bytes(text.encode("utf-8"), "acled.csv")


def test_bad_ucdp_and_undecodable_files():
    text = UCDP.read_text(encoding="utf-8").replace(",1991-06-22,1991-06-24,",
                                                    ",1991-06-22,1991-06-01,", 1)
    with pytest.raises(ReferenceInputError, match=r":17: field 'date_end'.*before"):
        read_events_bytes(text.encode(), "ged.csv")
    with pytest.raises(ReferenceInputError, match="not UTF-8"):
        read_events_bytes(b"id,type_of_violence\n\xff\xfe,1\n", "ged.csv")
    with pytest.raises(ReferenceInputError, match="empty file"):
        read_events_bytes(b"", "ged.csv")


def test_store_round_trip_and_replacement(target):
    _, acled = read_reference(ACLED)
    _, ucdp = read_reference(UCDP)
    _, control = read_reference(DATA / "control_snapshots.gpkg")
    with open_store(target) as store:
        assert len(load_events(store)) == 0 and len(load_control(store)) == 0
        assert add_events(store, acled).written == 8
        assert add_events(store, ucdp).written == 20
        assert add_control(store, control).written == 3
        again = add_events(store, acled)
        assert again.replaced == 8
        events = load_events(store)
        stored_control = load_control(store)
    assert len(events) == 28 and events["ref_id"].is_unique
    back = events.set_index("ref_id").loc["acled:XXX0001"]
    assert back["event_date"] == "2024-08-10" and back.geometry.equals(Point(35.2719, 51.1946))
    assert len(stored_control) == 3
    assert set(stored_control.geometry.geom_type) == {"MultiPolygon"}
    assert (shapely.area(stored_control.geometry.values).round(6).tolist()
            == shapely.area(control.geometry.values).round(6).tolist())


def test_gpkg_reference_tables_are_gis_layers(tmp_path):
    path = tmp_path / "claims.gpkg"
    with open_store(path) as store:
        add_events(store, read_reference(ACLED)[1])
        add_control(store, read_reference(DATA / "control_snapshots.gpkg")[1])
    layers = dict(pyogrio.list_layers(path))
    assert layers["reference_events"] == "Point" and layers["control_areas"] == "MultiPolygon"
    frame = pyogrio.read_dataframe(path, layer="reference_events")
    assert len(frame) == 8 and frame.crs == "EPSG:4326"


def test_bad_file_leaves_store_unchanged(tmp_path, capsys):
    store = str(tmp_path / "claims.gpkg")
    assert main(["reference", "add", str(ACLED), "--store", store]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(ACLED.read_text(encoding="utf-8").replace("35.2719", "east"),
                   encoding="utf-8")
    # the good UCDP file comes first: nothing is written when any file is bad
    assert main(["reference", "add", str(UCDP), str(bad), "--store", store]) == 1
    err = capsys.readouterr().err
    assert "bad.csv:2: field 'longitude'" in err
    with open_store(store) as s:
        assert sorted(load_events(s)["dataset"].unique()) == ["acled"]


def test_cli_reference_add_every_kind(tmp_path, capsys):
    store = str(tmp_path / "claims.gpkg")
    kml = tmp_path / "snapshot.kml"
    shutil.copy(DATA / "control_2024-08-14.kml", kml)
    assert main(["reference", "add", str(ACLED), str(UCDP), "--store", store]) == 0
    assert main(["reference", "add", str(DATA / "ukraine_2024-08-10.geojson"), str(kml),
                 "--kind", "control", "--store", store]) == 0
    assert main(["reference", "add", str(DATA / "control_snapshots.gpkg"), "--store",
                 store]) == 0
    err = capsys.readouterr().err
    assert "acled: 8 rows -> reference_events" in err and "control: 3 rows" in err
    with open_store(store) as s:
        assert len(load_events(s)) == 28 and len(load_control(s)) == 5
    assert main(["reference", "add", str(tmp_path / "missing.csv"), "--store", store]) == 1
    assert main(["reference", "add", str(ACLED), "--kind", "gdelt", "--store", store]) == 2


def test_events_frame_has_one_dtype_per_column():
    _, events = read_reference(ACLED)
    assert events["latitude"].dtype == pd.Float64Dtype()
    assert events["fatalities"].dtype == pd.Int64Dtype()


def test_export_carries_corroboration_and_filters_unsupported(tmp_path, capsys):
    import json

    web = Path(__file__).resolve().parent / "data" / "web"
    store = str(tmp_path / "claims.gpkg")
    assert main(["ingest", str(web / "kursk_report.html"), str(web / "briefing.rss"),
                 "--store", store]) == 0
    out = tmp_path / "before.geojson"
    assert main(["export", "--store", store, "--out", str(out)]) == 0
    before = json.loads(out.read_text())["features"]
    assert all(f["properties"]["reference_events"] is None for f in before)
    assert main(["reference", "add", str(ACLED), str(UCDP_KURSK),
                 str(DATA / "ukraine_2024-08-10.geojson"), "--store", store]) == 0
    assert main(["export", "--store", store, "--out", str(out)]) == 0
    props = [f["properties"] for f in json.loads(out.read_text())["features"]]
    assert len(props) == len(before)
    area = [p for p in props if p["unit"] == "km2" and p["quantity"] == 1000]
    assert area and area[0]["assessed_control"] == "inside"
    assert "acled:XXX0001" in area[0]["reference_events"].split(";")
    assert 250 < area[0]["assessed_area_km2"] < 400  # the invented box, about 311 km2
    supported = [p for p in props if p["reference_events"] or p["assessed_control"] == "inside"]
    assert main(["export", "--store", store, "--out", str(out), "--unsupported"]) == 0
    kept = json.loads(out.read_text())["features"]
    assert len(kept) == len(props) - len(supported) and kept
    assert all(not f["properties"]["reference_events"] for f in kept)


def test_old_store_gains_the_new_claim_columns(tmp_path):
    import sqlite3

    from geo.synthetic import synthetic_articles, synthetic_claims

    path = tmp_path / "old.gpkg"
    with open_store(path) as store:
        store.ingest(synthetic_articles(3), synthetic_claims(12))
    con = sqlite3.connect(path)
    for col in ("reference_events", "assessed_control", "assessed_area_km2"):
        con.execute(f'ALTER TABLE claims DROP COLUMN "{col}"')
    con.commit()
    con.close()
    with open_store(path) as store:  # migrated on opening: the claims are all still there
        claims = store.claims()
    assert len(claims) == 12 and claims["assessed_control"].isna().all()


def test_bulk_import_keeps_text_as_written_and_builds_indexes_after(target):
    """A large import (secondary indexes dropped and built again) on both back ends."""
    from geo.reference.planted import synthetic_events
    from geo.reference.storage import BULK_ROWS, is_postgis

    raw = synthetic_events(BULK_ROWS + 500, seed=9)
    tricky = ["", "\\N", 'he said "hold", then left', "a, b; c", "two\nlines", "NULL"]
    raw.loc[: len(tricky) - 1, "notes"] = tricky
    raw.loc[len(tricky), "notes"] = None
    events = read_events_bytes(raw.to_csv(index=False).encode("utf-8"), "bulk.csv")
    with open_store(target) as store:
        assert add_events(store, events).written == len(raw)
        # a small second import (no bulk path) replaces one row, adds one
        extra = events.iloc[[0, 1]].copy()
        extra["ref_id"] = ["acled:" + raw.loc[0, "event_id_cnty"], "acled:NEW1"]
        again = add_events(store, extra.reset_index(drop=True))
        stored = load_events(store).set_index("ref_id")
        if is_postgis(store):
            with store._connect() as con:  # noqa: SLF001
                names = {r[0] for r in con.execute(
                    "SELECT indexname FROM pg_indexes WHERE tablename = 'reference_events'")}
        else:
            con = store._connect()  # noqa: SLF001
            names = {r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND "
                "tbl_name = 'reference_events'")}
            con.close()
    assert again.written == 2 and again.replaced == 1
    assert len(stored) == len(raw) + 1
    notes = stored["notes"]
    ids = ["acled:" + raw.loc[i, "event_id_cnty"] for i in range(len(tricky) + 1)]
    # empty cells read as missing (ACLED's reader), the rest exactly as written
    assert [notes[i] if pd.notna(notes[i]) else None for i in ids] == [
        None, "\\N", 'he said "hold", then left', "a, b; c", "two\nlines", "NULL", None]
    assert stored.loc[ids[1], "fatalities"] == int(raw.loc[1, "fatalities"])
    expected = ({"reference_events_geom_gist", "reference_events_date_idx"}
                if "://" in str(target) else
                {"reference_events_date_idx", "reference_events_lat_idx"})
    assert expected <= names
