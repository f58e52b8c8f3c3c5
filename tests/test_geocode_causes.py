"""Geocoding causes of misplaced claims (issue: village-level places), on real sentences.

Sources (all openly licensed; quoted verbatim):
- Wikinews (CC BY 2.5), via the GeoVirus corpus (benchmarks/data/geovirus/README.md):
  "H5N1_strain_of_Avian_Flu_found_in_the_UK", "Bird_Flu_confirmed_in_1,000_UK_turkeys",
  "%22Low_pathogenic%22_H5N1_Bird_Flu_virus_found_in_wild_ducks_in_Maryland_and_Pennsylvania",
  "Philippines_is_culling_6500_hogs_after_Reston_ebolavirus_outbreak".
- Wikipedia (CC BY-SA 4.0): "Novoselivka Druha", "Boston Consulting Group".
"""

from __future__ import annotations

import pytest

from tests.geocoding import resolve

FIFE = ("Health officials in the United Kingdom have confirmed that the H5N1 strain of the "
        "Avian Flu has been found in turkeys on Redgrave Park Farm in Suffolk, England. The farm "
        "is owned by Gressingham Foods. Officials also say that the commission for the European "
        "Union have been notified. In April of 2006, the deadly H5N1 virus was found in the "
        "remains of a wild Mute Swan in the village of Cellardyke in Fife, Scotland.")


def test_region_after_a_village_is_the_region(bare_matcher, geocoder):
    # cause 1: "X in Fife, Scotland": Fife is the Scottish council area, not Fife,
    # Washington; the village the gazetteer lacks takes that region (precision 3)
    got = resolve(bare_matcher, geocoder, FIFE)
    assert (got["Fife"].country_code, got["Fife"].feature_class) == ("GB", "admin1")
    assert got["Cellardyke"].place_id == got["Fife"].place_id
    assert got["Cellardyke"].geo_precision == 3


def test_region_after_a_town_picks_the_region_not_a_city(bare_matcher, geocoder):
    # cause 1: "Pandi, Bulacan in Central Luzon": Bulacan is the province
    text = ("The Philippine Department of Agriculture (DA), local health and agricultural teams "
            "Sunday have started slaughtering, burning and burying roughly 6,500 hogs at a farm "
            "in Pandi, Bulacan in Central Luzon on Sunday after three farm workers became "
            "infected with Reston ebolavirus (ERV) of the virus group Ebola, as a precautionary "
            "measure and to protect the local livestock industry.")
    got = resolve(bare_matcher, geocoder, text)
    assert (got["Bulacan"].feature_class, got["Bulacan"].geo_precision) == ("admin1", 3)
    assert got["Bulacan"].country_code == "PH"
    # Pandi stays the town (GeoNames files it under another region code; the outline decides)
    assert got["Pandi"].geo_precision == 1
    assert abs(got["Pandi"].latitude - 14.87) < 0.2 and abs(got["Pandi"].longitude - 120.95) < 0.2


def test_homonym_contradicting_the_stated_region_is_not_chosen(bare_matcher, geocoder):
    # cause 3: "Crawford County located in Pennsylvania" is not Crawford County, Georgia
    text = ("The United States Department of Agriculture has announced that a \"low pathogenic\" "
            "form of the H5N1 Avian Flu has been found in fecal samples taken from wild Mallard "
            "ducks located in Queen Anne's County in Maryland and in Crawford County located in "
            "Pennsylvania.")
    got = resolve(bare_matcher, geocoder, text)
    r = got["Crawford County"]
    assert r.country_code == "US" and r.admin1 == "Pennsylvania"
    assert got["Maryland"].feature_class == "admin1"


def test_homonym_abroad_loses_to_the_story_country(bare_matcher, geocoder):
    # cause 3/4: a story about the United Kingdom: Suffolk is the English county, not the
    # city in Virginia
    text = ("1,000 turkeys in the United Kingdom have been confirmed by UK government officials "
            "as dying of a strain of avian flu and a further 1,600 have died since the "
            "infection was initially reported. The birds, believed to be from a Bernard "
            "Matthews owned farm in Suffolk fell ill and died this week after contracting the "
            "H5 strain of the flu.")
    got = resolve(bare_matcher, geocoder, text)
    assert got["Suffolk"].country_code == "GB"
    got = resolve(bare_matcher, geocoder, FIFE)
    assert got["Suffolk"].country_code == "GB"


def test_region_named_after_the_village_wins_over_homonyms(bare_matcher, geocoder):
    # cause 1/3 on a Wikipedia sentence: every place lies in Donetsk Oblast, Ukraine
    text = ("Novoselivka Druha (Ukrainian: Новоселівка Друга; Russian: Новосёловка Вторая) is a "
            "village in Ocheretyne settlement hromada, Pokrovsk Raion, Donetsk Oblast, Ukraine. "
            "It is located 25.4 kilometres (15.8 mi) north from the centre of Donetsk city.")
    got = resolve(bare_matcher, geocoder, text)
    assert got["Donetsk Oblast"].place_id == "UA-14"
    for name in ("Ocheretyne", "Pokrovsk Raion"):
        assert (got[name].country_code, got[name].admin1) == ("UA", "Donetsk")
    assert got["Ocheretyne"].geo_precision == 1  # the settlement the text names


def test_a_name_joined_to_a_first_name_by_a_particle_is_a_person(bare_matcher):
    # cause 5: "Mohammed bin Salman" is no place called Salman
    text = ("The New York Times also reported that Boston Consulting Group is one of the "
            "consulting firms, along with McKinsey and Booz Allen, helping Crown Prince Mohammed "
            "bin Salman consolidate power in Saudi Arabia.")
    names = [m.text for m in bare_matcher.find(text)]
    assert "Salman" not in names
    assert "Saudi Arabia" in names


def test_a_list_after_in_is_not_an_address(bare_matcher, geocoder):
    # not real text (the extraction tests' sentence): "in Misrata and Zliten" is a list of
    # two towns, neither the region of the other
    got = resolve(bare_matcher, geocoder,
                  "Schools in Misrata and Zliten remained closed on Sunday.")
    assert got["Misrata"].feature_class == "settlement"
    assert got["Zliten"].feature_class == "settlement"


def test_country_adjective_area_in_a_region_story_is_the_region(bare_matcher, geocoder):
    # cause 4, on the project's sample corpus (data/sample, article seed-kursk): "Russian
    # territory" in a story about Kursk region is Kursk region, not Russia's centroid
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "data" / "sample" / "seed_articles.jsonl"
    text = next(a["text"] for a in map(json.loads, path.read_text(encoding="utf-8").splitlines())
                if a["id"] == "seed-kursk")
    ms = bare_matcher.find(text)
    res = geocoder.resolve_article(text, ms)
    got = [r for m, r in zip(ms, res, strict=True) if m.text == "Russian territory"]
    assert got and all((r.place_id, r.geo_precision) == ("RU-KRS", 3) for r in got)


@pytest.mark.parametrize(
    ("text", "region", "want"),
    [
        # constructed sentences (no openly licensed text with these respellings was at
        # hand): respellings of real villages the gazetteer lists as Krasnohorivka and
        # Urozhaine, both in Donetsk region
        ("Russian forces took control of the village of Krasnohorevka in Donetsk region, "
         "the ministry said.", "Donetsk region", "Krasnohorivka"),
        ("The village of Urozhaino, Donetsk, was taken.", "Donetsk", "Urozhaine"),
    ],
)
def test_spelling_variant_inside_the_named_region(bare_matcher, geocoder, text, region, want):
    # cause 2: an edit distance of one or two, only among the region's settlements; a
    # spelling guess is drawn at the village it guesses, but not as certain (precision 2)
    got = resolve(bare_matcher, geocoder, text)
    village = next(r for name, r in got.items() if name != region)
    assert (village.place_name, village.geo_precision, village.admin1) == (want, 2, "Donetsk")


def test_spelling_variant_is_never_matched_outside_the_named_region(bare_matcher, geocoder):
    # the same respelling said to be in Kharkiv region is no Donetsk village: the region
    got = resolve(bare_matcher, geocoder, "The village of Urozhaino, Kharkiv, was taken.")
    assert (got["Urozhaino"].feature_class, got["Urozhaino"].admin1) == ("admin1", "Kharkiv")
    assert got["Urozhaino"].geo_precision == 3
