"""Claimant identity: aliases, transliterations, metonymy, references back, analyst CSVs.

Phrases are the claimant words the extractor takes from real reporting (the seed corpus, a
Taipei Times article of 2024-08-15, ``data/sample/seed_articles.jsonl``) and the spellings
wire services use for the same bodies.
"""

from __future__ import annotations

import pandas as pd
import pytest

from geo.claimants import Resolver, load_table, resolve_claimants
from geo.claimants.aliases import fold
from geo.claimants.identity import name_key


@pytest.fixture(scope="module")
def resolver():
    return Resolver(load_table())


def ident(resolver, phrase):
    c = resolver.mention(phrase).claimant
    return None if c is None else c.claimant_id


@pytest.mark.parametrize("phrase", [
    "Russian Ministry of Defense", "Russia's defence ministry", "the Russian Defense Ministry",
    "Moscow's defence ministry", "Russia’s Defence Ministry", "the Russian MoD",
    "Ministry of Defence of the Russian Federation", "Russia's Ministry of Defense"])
def test_spellings_of_russias_defence_ministry_are_one(resolver, phrase):
    assert ident(resolver, phrase) == "russia:defence-ministry"


@pytest.mark.parametrize("phrase", ["Oleksandr Syrsky", "Oleksandr Syrskyi", "Syrsky",
                                    "Syrskyi", "Olexandr Syrskiy", "Alexander Syrsky"])
def test_transliterations_of_a_person_are_one(resolver, phrase):
    assert ident(resolver, phrase) == "person:oleksandr-syrsky"


@pytest.mark.parametrize(("phrase", "cid", "side"), [
    ("Kyiv", "ukraine:government", "Ukraine"),
    ("Ukraine", "ukraine:government", "Ukraine"),
    ("Moscow", "russia:government", "Russia"),
    ("the Kremlin", "russia:government", "Russia"),
    ("Ukrainian officials", "ukraine:government", "Ukraine"),
    ("Ukraine's General Staff", "ukraine:general-staff", "Ukraine"),
    ("the General Staff of the Armed Forces of Ukraine", "ukraine:general-staff", "Ukraine"),
    ("Ukrainian Armed Forces", "ukraine:military", "Ukraine"),
    ("Israeli military", "israel:military", "Israel"),
    ("IDF", "israel:military", "Israel"),
    ("RSF", "group:rapid-support-forces", "Rapid Support Forces"),
    ("Agence France-Presse", "media:afp", "independent"),
    ("Institute for the Study of War", "analyst:isw", "independent"),
    ("ISW", "analyst:isw", "independent"),
    ("Moscow-installed officials", "russia:installed-officials", "Russia"),
])
def test_metonymy_and_sides(resolver, phrase, cid, side):
    c = resolver.mention(phrase).claimant
    assert (c.claimant_id, c.side) == (cid, side)


def test_institutions_of_different_sides_or_kinds_stay_apart(resolver):
    ids = {ident(resolver, p) for p in (
        "Russia's defence ministry", "Ukraine's defence ministry", "Russia's foreign ministry",
        "Ukraine's General Staff", "Russian General Staff", "Ukrainian military",
        "Russian military", "Kyiv", "Moscow")}
    assert len(ids) == 9


def test_short_aliases_need_capitals(resolver):
    # "who" and "ap" are words; "WHO" and "AP" are the agency
    assert ident(resolver, "WHO") == "int:who"
    assert ident(resolver, "AP") == "media:ap"
    assert resolver.mention("who").claimant is None


def test_unknown_person_variants_share_a_key():
    assert name_key("Serhiy Cherevaty") == name_key("Serhii Cherevatyi")
    assert name_key("Dmytro Lykhovii") == name_key("Dmytro Lykhoviy")


def test_organisation_names_are_not_people(resolver):
    c = resolver.mention("Palestinian Prisoners' Society").claimant
    assert c.claimant_id == "org:palestinian-prisoners-society"
    assert resolver.mention("Rebels").claimant is None


def test_fold():
    assert fold("The Russian Defense Ministry’s") == "russian defence ministry"


def _claims(rows):
    return pd.DataFrame(rows, columns=["article_id", "sentence_index", "sentence", "claimant",
                                       "country_code"])


SEED = (
    "Ukraine yesterday pressed its offensive in Russian territory and bombarded the border "
    "region of Belgorod, where the governor has declared a state of emergency.\n"
    "The head of Belgorod yesterday declared a state of emergency, saying that the situation "
    "was “extremely difficult” in the Russian border region under Ukrainian bombardment.\n"
    "“The situation in our Belgorod region remains extremely difficult and tense due to "
    "shellings from the Ukrainian Armed Forces. Houses are destroyed, civilians died and were "
    "injured,” Governor Vyacheslav Gladkov wrote on Telegram.\n"
    "Belgorod, which borders Ukraine’s Kharkiv region, had also come under drone attack, "
    "Gladkov wrote.\n"
)


def test_the_governor_is_the_governor_the_article_names():
    lines = SEED.splitlines()
    text = SEED + "The governor said two villages were shelled overnight.\n"
    claims = _claims([
        ("a", 3, lines[3], "Gladkov", "RU"),
        ("a", 4, "The governor said two villages were shelled overnight.", "governor", "RU")])
    out = resolve_claimants(claims, {"a": text})
    assert out["claimant_id"].tolist() == ["person:vyacheslav-gladkov"] * 2
    assert out["claimant_side"].tolist() == ["Russia", "Russia"]


def test_the_ministry_after_a_named_ministry():
    text = ("Russia's defence ministry said its forces had taken the village of Krynky.\n"
            "The ministry said Ukrainian attacks near Robotyne had been repelled.\n"
            "Ukraine's foreign ministry called the claim false.\n"
            "The ministry also said Russian strikes had hit Kharkiv.")
    lines = text.splitlines()
    claims = _claims([("b", 0, lines[0], "Russia's defence ministry", "UA"),
                      ("b", 1, lines[1], "ministry", "UA"),
                      ("b", 3, lines[3], "ministry", "UA")])
    out = resolve_claimants(claims, {"b": text})
    # the last "ministry" follows Ukraine's foreign ministry, named in between
    assert out["claimant_id"].tolist() == ["russia:defence-ministry", "russia:defence-ministry",
                                           "ukraine:foreign-ministry"]


def test_the_ministry_named_only_in_the_text_not_in_a_claim():
    text = ("Moscow's defence ministry released a video of the strike on Monday.\n"
            "The ministry said troops had captured two villages.")
    claims = _claims([("c", 1, text.splitlines()[1], "ministry", "UA")])
    out = resolve_claimants(claims, {"c": text})
    assert out.loc[0, "claimant_id"] == "russia:defence-ministry"


# Wording of the next three tests is this suite's own, modelled on a Reuters-style report
# of the Marib front (a Yemeni government spokesman after the US military was named).
YEMEN = ("The US military said its forces struck Houthi radar sites near Hodeidah.\n"
         "A government military spokesman said troops had repelled a Houthi assault south "
         "of Marib.\n"
         "Yemeni military spokesman Abdu Majili said the attack had been repelled.\n"
         "The spokesman said 12 attackers were killed.")


def test_an_indefinite_spokesman_is_no_one_named_before():
    lines = YEMEN.splitlines()
    claims = _claims([("y", 0, lines[0], "The US military", "YE"),
                      ("y", 1, lines[1], "A government military spokesman", "YE")])
    out = resolve_claimants(claims, {"y": YEMEN})
    assert out["claimant_id"].tolist() == ["united-states:military", "yemen:military"]
    # the state body of the country the claim is about, not the US military
    assert out["claimant_side"].tolist() == ["United States", "Yemen"]


def test_a_side_in_the_words_never_joins_another_sides_claimant():
    lines = YEMEN.splitlines()
    claims = _claims([("y", 0, lines[0], "The US military", "YE"),
                      ("y", 2, lines[2], "Yemeni military spokesman", "YE"),
                      ("y", 3, lines[3], "The spokesman", "YE")])
    out = resolve_claimants(claims, {"y": YEMEN})
    assert out.loc[1, "claimant_id"] == "yemen:military"
    # "the spokesman" is the one the article named last (Yemeni), never the US military
    assert out.loc[2, "claimant_side"] == "Yemen"
    assert out.loc[2, "claimant_id"] != "united-states:military"


def test_a_sideless_generic_title_with_nothing_to_point_to_stays_sideless():
    text = "A spokesman said the village was shelled overnight."
    out = resolve_claimants(_claims([("z", 0, text, "A spokesman", None)]), {"z": text})
    assert pd.isna(out.loc[0, "claimant_id"]) and pd.isna(out.loc[0, "claimant_side"])


def test_unresolved_keeps_the_words_and_no_id():
    claims = _claims([("d", 0, "The ministry said the village fell.", "ministry", "SD")])
    out = resolve_claimants(claims, {"d": "The ministry said the village fell."})
    assert pd.isna(out.loc[0, "claimant_id"])
    assert out.loc[0, "claimant_name"] == "ministry"


def test_bare_surname_joins_the_full_name_in_the_frame():
    claims = _claims([("e", 0, "Pavlo Kyrylenko said shells hit Kramatorsk.",
                       "Pavlo Kyrylenko", "UA"),
                      ("f", 0, "Kyrylenko said shells hit Sloviansk.", "Kyrylenko", "UA")])
    out = resolve_claimants(claims)
    assert out["claimant_id"].nunique() == 1


def test_no_claimant_gives_no_identity():
    claims = _claims([("g", 0, "Shelling hit the town.", None, "UA")])
    out = resolve_claimants(claims)
    assert out[["claimant_id", "claimant_name", "claimant_side", "claimant_kind"]].isna().all(
        axis=None)


def test_analyst_csv_adds_and_wins(tmp_path):
    csv = tmp_path / "mine.csv"
    csv.write_text("# my claimants\nclaimant_id,name,side,kind,aliases\n"
                   "person:volodymyr-fityo,Volodymyr Fityo,Ukraine,military,"
                   "fityo|fitio|volodymyr fitio\n"
                   "media:ap,The AP,independent,media,ap|associated press\n", encoding="utf-8")
    r = Resolver(load_table(csv))
    assert r.mention("Fitio").claimant.claimant_id == "person:volodymyr-fityo"
    assert r.mention("Associated Press").claimant.name == "The AP"


def test_analyst_csv_errors_name_line_and_field(tmp_path):
    csv = tmp_path / "bad.csv"
    csv.write_text("claimant_id,name,side,kind,aliases\nx:y,Y,Y,general,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.csv:2: field 'kind'"):
        load_table(csv)
    csv.write_text("claimant_id,name\nx:y,Y\n", encoding="utf-8")
    with pytest.raises(ValueError, match="missing column"):
        load_table(csv)


def test_seed_corpus_claimants(resources_seed):
    out = resources_seed
    got = dict(zip(out["claimant"], out["claimant_id"], strict=True))
    assert got["Oleksandr Syrsky"] == "person:oleksandr-syrsky"
    assert got["Russian Ministry of Defense"] == "russia:defence-ministry"
    assert got["Ukraine"] == "ukraine:government"
    assert got["Agence France-Presse"] == "media:afp"
    sides = dict(zip(out["claimant_id"], out["claimant_side"], strict=True))
    assert sides["person:vyacheslav-gladkov"] == "Russia"
    assert sides["media:afp"] == "independent"


@pytest.fixture(scope="module")
def resources_seed(nlp, gazetteer, geocoder):
    from geo.extract import Resources, extract_claims
    from geo.places.matcher import ToponymMatcher
    from tests.conftest import SEED_CORPUS

    arts = pd.read_json(SEED_CORPUS, lines=True, dtype=False)
    res = Resources(nlp=nlp, gazetteer=gazetteer, matcher=ToponymMatcher(gazetteer),
                    geocoder=geocoder)
    claims = extract_claims(arts, res)
    out = resolve_claimants(claims, dict(zip(arts["id"], arts["text"], strict=True)))
    return out[out["claimant"].notna()]


def test_the_most_specific_known_name_inside_a_phrase_wins(resolver):
    assert ident(resolver, "UN humanitarian agency OCHA") == "int:ocha"
    assert ident(resolver, "UN refugee agency UNHCR") == "int:unhcr"
    assert ident(resolver, "UN official") == "int:un"


@pytest.mark.parametrize(("phrase", "cid", "side"), [
    # an organisation's own name with its small words: one id, no side it does not say
    ("the Kenya National Commission on Human Rights",
     "org:kenya-national-commission-on-human-rights", None),
    ("Law Society of Kenya", "org:law-society-of-kenya", None),
    # a group's armed wing speaks for the group
    ("Islamic Jihad's armed wing", "group:islamic-jihad", "Islamic Jihad"),
    ("Russian milbloggers", "analyst:russian-milbloggers", "Russia"),
    ("a Russian milblogger", "analyst:russian-milbloggers", "Russia"),
    ("MINUSCA officials", "int:minusca", "independent"),
])
def test_organisations_groups_and_classes_of_sources(resolver, phrase, cid, side):
    c = resolver.mention(phrase).claimant
    assert (c.claimant_id, c.side) == (cid, side)


def test_a_named_ministry_is_not_an_organisation_of_its_own(resolver):
    # "The Ministry of National Defense" names an institution, not a new organisation: it
    # is resolved from its side or the article
    m = resolver.mention("The Ministry of National Defense")
    assert m.claimant is None and m.institution.slug == "defence-ministry"


def test_state_media_of_a_state_is_not_independent():
    out = resolve_claimants(pd.DataFrame([{
        "article_id": "a", "sentence_index": 0, "country_code": None,
        "sentence": "Strikes hit the port, state television said.",
        "claimant": "state television"}]))
    assert out["claimant_kind"].tolist() == ["media"]
    assert out["claimant_side"].isna().all()


def test_a_spokesman_speaks_for_the_body_named_before_the_title():
    # "KNU spokesman Padoh Saw Taw Nee": the Karen National Union (in the alias table)
    text = "\u201cMyawaddy is now under our control,\u201d KNU spokesman Padoh Saw Taw Nee said."
    out = resolve_claimants(pd.DataFrame([{
        "article_id": "a", "sentence_index": 0, "country_code": "MM", "sentence": text,
        "claimant": "Padoh Saw Taw Nee"}]), {"a": text})
    assert out["claimant_side"].tolist() == ["Karen National Union"]
    assert out["claimant_kind"].tolist() == ["military"]


@pytest.mark.parametrize(("phrase", "cid", "side"), [
    # a side named by its country in the possessive, which the actor list knows by its
    # demonym only ("South Korean")
    ("South Korea's National Intelligence Service", "south-korea:intelligence", "South Korea"),
    ("Kenya's police", "kenya:police", "Kenya"),
    ("Mexico's defence ministry", "mexico:defence-ministry", "Mexico"),
])
def test_a_country_in_the_possessive_names_the_side(resolver, phrase, cid, side):
    c = resolver.mention(phrase).claimant
    assert (c.claimant_id, c.side) == (cid, side)
