"""`geo gazetteer import`: GeoNames country dumps (19-column format) merged into the cache."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from geo.cli import main
from geo.places import Gazetteer, Geocoder, ToponymMatcher
from geo.places.geonames_import import import_sources, read_dump

DATA = Path(__file__).resolve().parent / "data" / "geonames"


def test_read_dump_keeps_places_districts_and_spots() -> None:
    places = read_dump(DATA / "UA.txt")
    got = {p.name: (p.feature_class, p.feature_code) for p in places}
    assert got == {
        "Robotyne": ("P", "PPL"),
        "Novomykhailivka": ("P", "PPL"),
        "Synkivka": ("P", "PPL"),
        "Pokrovskyi Raion": ("A", "ADM2"),
        "Zaporizhzhia International Airport": ("S", "AIRP"),
        "Hoptivka Border Crossing": ("S", "PSTB"),
        "Oskil Reservoir": ("H", "RSV"),
    }  # the stream, the admin-1 region and the country are dropped
    robotyne = places[0]
    assert (robotyne.geonameid, robotyne.country_code, robotyne.admin1_code) == (
        99000001, "UA", "26")
    assert (robotyne.lat, robotyne.lon, robotyne.population) == (47.446, 35.837, 480)
    assert "Rabotino" in robotyne.alternatenames
    assert places[2].population == 0  # empty population column


def test_read_dump_from_zip_like_geonames_ships_it(tmp_path: Path) -> None:
    z = tmp_path / "UA.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(DATA / "UA.txt", "UA.txt")
        zf.writestr("readme.txt", "GeoNames readme\n")
    assert [p.name for p in read_dump(z)] == [p.name for p in read_dump(DATA / "UA.txt")]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("XX_bad.txt", "XX_bad.txt:2: field latitude: not a number"),
        ("XX_short.txt", "XX_short.txt:1: expected 19 tab-separated fields"),
        ("missing.txt", "missing.txt: no such file"),
    ],
)
def test_bad_dumps_name_file_line_and_field(name: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        read_dump(DATA / name)


def test_not_utf8_and_not_zip(tmp_path: Path) -> None:
    latin = tmp_path / "UA.txt"
    latin.write_bytes((DATA / "UA.txt").read_text(encoding="utf-8")
                      .replace("Роботине,", "").replace("Robotyne", "Robotyn\u00e9")
                      .encode("latin-1", "ignore"))
    with pytest.raises(ValueError, match=r"UA\.txt:1: not UTF-8"):
        read_dump(latin)
    fake = tmp_path / "UA.zip"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(ValueError, match="not a zip file"):
        read_dump(fake)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Import UA.txt into a new cache folder through the command line (one real build)."""
    cache = tmp_path_factory.mktemp("gazcache")
    dump = tmp_path_factory.mktemp("dumps") / "UA.txt"
    shutil.copy(DATA / "UA.txt", dump)
    assert main(["gazetteer", "import", str(dump), "--cache-dir", str(cache)]) == 0
    return cache


def test_import_records_its_source(imported: Path) -> None:
    (source,) = import_sources(imported)
    assert source["name"] == "UA" and source["places"] == 7
    assert source["by_class"] == {"A": 1, "H": 1, "P": 3, "S": 2}
    assert len(source["sha256"]) == 64 and source["licence"].startswith("GeoNames")
    gaz = Gazetteer.load(imported)
    assert gaz._p["sources"]["imports"] == [source]  # noqa: SLF001 - the cache's own record
    assert json.loads((imported / "gazetteer.stamp").read_text())["places"] == len(gaz)


def test_imported_villages_are_found_and_geocoded(imported: Path) -> None:
    gaz = Gazetteer.load(imported)
    (robotyne,) = gaz.lookup("Robotyne")
    assert (robotyne.place_id, robotyne.feature_class, robotyne.admin1_name) == (
        "geonames:99000001", "settlement", "Zaporizhzhia")
    assert gaz.lookup("Rabotino")[0].place_id == "geonames:99000001"  # alternate name
    assert gaz.get("geonames:99000001").name == "Robotyne"
    assert gaz.lookup("Ocheretyne")  # cities500 is still there
    text = ("Ukrainian troops recaptured Robotyne in Zaporizhzhia region, and Russian "
            "forces shelled Synkivka near Kupiansk, officials said.")
    matcher, geocoder = ToponymMatcher(gaz, user_places=[]), Geocoder(gaz, user_places=[])
    mentions = matcher.find(text)
    resolved = {m.text: r for m, r in zip(mentions, geocoder.resolve_article(text, mentions),
                                          strict=True)}
    assert resolved["Robotyne"].place_id == "geonames:99000001"
    assert resolved["Robotyne"].geo_precision == 1
    assert resolved["Synkivka"].place_id == "geonames:99000003"


def test_imported_spots_are_other_at_precision_2(imported: Path) -> None:
    gaz = Gazetteer.load(imported)
    airport = gaz.lookup("Zaporizhzhia International Airport")[0]
    assert (airport.feature_class, airport.feature_code) == ("other", "AIRP")
    crossing = gaz.get("geonames:99000006")
    assert (crossing.feature_class, crossing.feature_code, crossing.admin1_name) == (
        "other", "PSTB", "Kharkiv")
    text = "Russian drones struck Zaporizhzhia International Airport overnight, the governor said."
    matcher, geocoder = ToponymMatcher(gaz, user_places=[]), Geocoder(gaz, user_places=[])
    mentions = matcher.find(text)
    (r,) = [r for r in geocoder.resolve_article(text, mentions)
            if r is not None and r.place_id == "geonames:99000005"]
    assert (r.feature_class, r.geo_precision) == ("other", 2)


def test_cli_import_bad_file_exits_1_and_stores_nothing(tmp_path: Path,
                                                         capsys: pytest.CaptureFixture) -> None:
    assert main(["gazetteer", "import", str(DATA / "XX_bad.txt"),
                 "--cache-dir", str(tmp_path)]) == 1
    assert "XX_bad.txt:2: field latitude" in capsys.readouterr().err
    assert not (tmp_path / "imports").exists()
