"""Geocoder: homonyms in context, region forms, fallbacks, user places."""

from __future__ import annotations

import math

import pytest
import shapely

from geo.geocode import Geocoder
from geo.toponyms import ToponymMatcher


@pytest.fixture(scope="module")
def matcher(gazetteer):
    return ToponymMatcher(gazetteer)


def resolve(matcher, geocoder, text):
    ms = matcher.find(text)
    return {m.text: r for m, r in zip(ms, geocoder.resolve_article(text, ms), strict=True)}


def km(r, lat, lon):
    p1, p2 = math.radians(r.latitude), math.radians(lat)
    dl = math.radians(lon - r.longitude)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(
    ("text", "mention", "lat", "lon", "cc"),
    [
        ("Russian forces pressed toward Pokrovsk in the Donetsk region.", "Pokrovsk",
         48.28, 37.18, "UA"),
        ("Fighting near Lyman and Bakhmut continued.", "Lyman", 48.99, 37.81, "UA"),
        ("Kostiantynivka was shelled, Donetsk governor Vadym Filashkin said.",
         "Kostiantynivka", 48.53, 37.71, "UA"),
        ("Russian troops shelled Tokmak in Zaporizhzhia region.", "Tokmak", 47.26, 35.71, "UA"),
        ("Syrian rebels entered Hama and advanced on Homs.", "Hama", 35.13, 36.76, "SY"),
        ("Syrian rebels entered Hama and advanced on Homs.", "Homs", 34.73, 36.71, "SY"),
        ("Clashes erupted in Alexandria, Egypt.", "Alexandria", 31.20, 29.92, "EG"),
        ("Protesters gathered in Alexandria, Virginia.", "Alexandria", 38.80, -77.05, "US"),
    ],
)
def test_homonyms(matcher, geocoder, text, mention, lat, lon, cc):
    r = resolve(matcher, geocoder, text)[mention]
    assert r.country_code == cc
    assert r.feature_class == "settlement" and r.geo_precision == 1
    assert km(r, lat, lon) < 25
    assert r.geometry.geom_type == "Point"


def test_countries_and_states(matcher, geocoder):
    r = resolve(matcher, geocoder, "Israel struck Lebanon and Russia invaded Georgia.")
    assert (r["Lebanon"].feature_class, r["Lebanon"].country_code) == ("country", "LB")
    assert (r["Georgia"].feature_class, r["Georgia"].country_code) == ("country", "GE")
    assert r["Georgia"].geo_precision == 4
    assert r["Georgia"].geometry.geom_type in ("Polygon", "MultiPolygon")
    us = resolve(matcher, geocoder, "The governor of Georgia declared an emergency in Atlanta.")
    assert (us["Georgia"].feature_class, us["Georgia"].country_code) == ("admin1", "US")


def test_region_forms_resolve_to_polygons(matcher, geocoder):
    r = resolve(matcher, geocoder, "Fighting in Kurskaya oblast and Gezira state.")
    kursk = r["Kurskaya oblast"]
    assert (kursk.place_id, kursk.feature_class, kursk.geo_precision) == ("RU-KRS", "admin1", 3)
    assert kursk.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert r["Gezira state"].country_code == "SD"


def test_bare_name_is_the_city_region_form_the_region(matcher, geocoder):
    r = resolve(matcher, geocoder, "Kharkiv was hit; the Kharkiv region lost power.")
    assert r["Kharkiv"].feature_class == "settlement"
    assert r["Kharkiv region"].feature_class == "admin1"


def test_part_of_country_named_region(matcher, geocoder):
    # Lebanon has a governorate named after the direction: that is the place
    r = resolve(matcher, geocoder, "Israel struck southern Lebanon.")["southern Lebanon"]
    assert (r.feature_class, r.place_id, r.geo_precision) == ("admin1", "LB-JA", 3)


def test_part_of_country_clipped(matcher, geocoder, gazetteer):
    r = resolve(matcher, geocoder, "Shelling continued in eastern Ukraine.")["eastern Ukraine"]
    assert (r.country_code, r.feature_class, r.geo_precision) == ("UA", "country", 2)
    ukraine = gazetteer.geometry("UA")
    assert 0 < r.geometry.area < ukraine.area
    assert r.longitude > ukraine.centroid.x
    assert r.geometry.contains(shapely.Point(r.longitude, r.latitude))


def test_part_of_region(matcher, geocoder, gazetteer):
    text = "Russian troops advanced in northern Kharkiv region."
    r = resolve(matcher, geocoder, text)["northern Kharkiv region"]
    assert (r.place_id, r.geo_precision) == ("UA-63", 2)
    assert r.latitude > gazetteer.get("UA-63").lat - 0.5


def test_adjectival_and_capital(matcher, geocoder):
    r = resolve(matcher, geocoder, "Drones hit the Ukrainian capital and Russian territory.")
    assert (r["Ukrainian capital"].place_name, r["Ukrainian capital"].geo_precision) == (
        "Kyiv",
        1,
    )
    assert r["Russian territory"].country_code == "RU"


def test_unknown_place_falls_back_to_named_region(matcher, geocoder):
    text = "Russia claimed the village of Zzyzxivka in the Donetsk region."
    r = resolve(matcher, geocoder, text)["Zzyzxivka"]
    assert (r.feature_class, r.place_id, r.geo_precision) == ("admin1", "UA-14", 3)


def test_unknown_place_near_settlement(matcher, geocoder):
    text = "Russia claimed the village of Zzyzxivka near Pokrovsk."
    r = resolve(matcher, geocoder, text)["Zzyzxivka"]
    assert (r.place_name, r.geo_precision) == ("Pokrovsk", 2)
    assert r.location_text == "Zzyzxivka"


def test_unknown_place_falls_back_to_country(matcher, geocoder):
    text = "Fighting in Sudan spread. Paramilitaries seized the village of Qqwerty."
    r = resolve(matcher, geocoder, text)["Qqwerty"]
    assert (r.feature_class, r.country_code, r.geo_precision) == ("country", "SD", 4)


def test_user_places_take_precedence(gazetteer, matcher, tmp_path):
    csv = tmp_path / "places.csv"
    csv.write_text("name,lat,lon,country,admin1\nPokrovsk,48.30,37.20,UA,Donetsk\n")
    geocoder = Geocoder(gazetteer, user_places=csv)
    r = resolve(matcher, geocoder, "Shelling hit Pokrovsk.")["Pokrovsk"]
    assert r.place_id.startswith("user:") and (r.latitude, r.longitude) == (48.30, 37.20)


def test_article_focus(matcher, geocoder):
    text = "Russian forces attacked Pokrovsk. Kostiantynivka and Lyman were shelled too."
    ms = matcher.find(text)
    focus = geocoder.article_focus(text, geocoder.resolve_article(text, ms))
    assert (focus.feature_class, focus.place_id, focus.geo_precision) == ("admin1", "UA-14", 3)
    assert geocoder.article_focus("Nothing here.", []) is None


def test_no_mentions(geocoder):
    assert geocoder.resolve_article("No places.", []) == []
