"""Phrasings of real reporting, one family per test (issue 9).

Every sentence is a report from Wikipedia's Current events portal (CC BY-SA 4.0) in the
development part of ``tests/realtext`` (the portal day is in the comment); none comes
from the held-back part. Each family is stated in other words elsewhere in the set, so
the rules read dependency structure and word lists, not these sentences.
"""

from __future__ import annotations

import pandas as pd
import pytest

from geo.extract import Resources, extract_claims


@pytest.fixture(scope="module")
def resources(nlp, gazetteer):
    return Resources.load(nlp=nlp, gazetteer=gazetteer)


def claims_of(resources, text: str, published: str = "2024-05-01") -> set[tuple[str, str]]:
    df = pd.DataFrame({"id": ["r"], "published": [published], "text": [text]})
    out = extract_claims(df, resources)
    return {(r.claim_type, r.place_name) for r in out.itertuples()}


def actors_of(resources, text: str) -> dict[str, str | None]:
    df = pd.DataFrame({"id": ["r"], "published": ["2024-05-01"], "text": [text]})
    out = extract_claims(df, resources)
    return {r.claim_type: (r.actor if isinstance(r.actor, str) else None)
            for r in out.itertuples()}


def has(found: set[tuple[str, str]], claim_type: str, place: str) -> bool:
    """Whether a claim of the type has a place named like one of ``place`` ("A|B")."""
    return any(t == claim_type and any(x.lower() in (p or "").lower() for x in place.split("|"))
               for t, p in found)


@pytest.mark.parametrize(("text", "claim_type", "place"), [
    # 2024-11-30: a present-tense summary the small model tags "capture" a noun
    ("Rebel forces led by Tahrir al-Sham capture the Abu al-Duhur Air Base in Idlib "
     "Governorate following the withdrawal of the Syrian Armed Forces.", "control", "uhūr"),
    # 2015-10-14: "overrun"
    ("Taliban insurgents overrun two security checkpoints near Kandahar in the southern "
     "Helmand Province, killing at least 29 border police officers, according to local "
     "officials.", "control", "Kandahar|Helmand"),
    # 2022-03-28: passive "is retaken by"
    ("Trostyanets is retaken by Ukrainian Armed Forces.", "control", "Trost"),
    # 2015-10-01: "claims to have recaptured the city of X" in a one-sentence report
    ("The government of Afghanistan claims to have recaptured the city of Kunduz.",
     "control", "Kunduz"),
])
def test_capture_overran_retaken(resources, text, claim_type, place):
    assert has(claims_of(resources, text), claim_type, place)


@pytest.mark.parametrize(("text", "place"), [
    # 2024-11-30: "announces a total withdrawal from"
    ("The Syrian Army announces a total withdrawal from Aleppo, formally acknowledging the "
     "fall of the city to rebel forces.", "Aleppo"),
    # 2024-12-07: nominal "a complete withdrawal from the X Governorates"
    ("The Syrian Armed Forces announce a complete withdrawal from the Daraa and Suwayda "
     "Governorates in order to reinforce Damascus.", "Dar"),
    # 2024-12-07: "withdraws from the cities of X and Y"
    ("The Syrian Army withdraws from the cities of Al-Hasakah and Qamishli in Al-Hasakah "
     "Governorate, transferring control of the Kurdish-majority cities to the Syrian "
     "Democratic Forces.", "Qāmishlī"),
])
def test_withdrawals_are_control(resources, text, place):
    assert has(claims_of(resources, text), "control", place)


@pytest.mark.parametrize(("text", "place"), [
    # 2023-08-28: "has deployed 1,200 more troops to the state of X"
    ("The Mexican government says that it has deployed 1,200 more troops to the Mexican "
     "state of Michoacán after drug cartel violence has been reported over the weekend.",
     "Michoac"),
    # 2021-08-16: present tense "deploys an additional 200 troops to"
    ("The United Kingdom deploys an additional 200 troops to Kabul to help airlift UK "
     "nationals and Afghans who worked with British forces during the war.", "Kabul"),
    # 2015-10-14: "troops arrive in"
    ("Thousands of Iranian troops arrive in Syria to reportedly start a new offensive in the "
     "battle of Aleppo.", "Syria"),
    # 2015-12-17: "deploys tanks into"
    ("The Turkish Army deploys tanks into civilian areas of Silopi and soldiers are "
     "reportedly going house-to-house in search of PKK militants.", "Silopi"),
])
def test_deployments(resources, text, place):
    assert has(claims_of(resources, text), "deployment", place)


def test_a_request_to_deploy_is_not_a_deployment(resources):
    # 2025-09-05
    found = claims_of(resources, "Finland accepts Latvia's request to deploy border guards at "
                      "the Belarus–Latvia border to help manage increased migration from "
                      "Belarus, with Estonia and Lithuania also providing support.")
    assert not any(t == "deployment" for t, _ in found)


@pytest.mark.parametrize(("text", "place"), [
    # 2024-11-30: "an attack in a commercial zone"
    ("At least nine people are killed and four others are injured after an attack in a "
     "commercial zone in Apaseo el Grande, Guanajuato, Mexico.", "Apaseo|Guanajuato"),
    # 2015-10-01: "murdered in a shooting attack on their car"
    ("An Israeli couple are murdered in a shooting attack on their car in the northern West "
     "Bank; four of the couple's children are in the vehicle at the time but are not hit "
     "by the gunfire.", "West Bank"),
    # 2018-04-08: "launches a stabbing attack"
    ("A Palestinian man launches a stabbing attack in the West Bank settlement of Ma'aleh "
     "Adumim and is shot by a civilian.", "Adum"),
    # 2021-08-16: police "raided a refugee camp"
    ("Four Palestinians are killed and another is seriously injured after an undercover "
     "branch of the Israel Border Police raided a refugee camp in Jenin in the occupied "
     "West Bank.", "Jan"),
])
def test_one_sided_attacks(resources, text, place):
    assert has(claims_of(resources, text), "attack", place)


def test_a_battle_for_a_town_stays_a_clash(resources):
    # 2024-11-30: local forces attack army convoys: armed on both sides
    found = claims_of(resources, "Local forces in Talbiseh, northern Homs Governorate, attack "
                      "Syrian Army convoys withdrawing towards Homs.")
    assert has(found, "clash", "Tall|Homs") and not any(t == "attack" for t, _ in found)


@pytest.mark.parametrize(("text", "claim_type", "place"), [
    # 2013-10-30: "there are three dead ... when a bomb explodes"
    ("There are at least three dead and seven injured when a bomb explodes near the official "
     "residence of the Chief Minister of India's Manipur state Okram Ibobi Singh in the city "
     "of Imphal.", "strike", "Imphal"),
    ("There are at least three dead and seven injured when a bomb explodes near the official "
     "residence of the Chief Minister of India's Manipur state Okram Ibobi Singh in the city "
     "of Imphal.", "casualties", "Imphal|Manipur"),
    # 2013-08-07: "a bombing in a market kills"
    ("A bombing in a market in Karachi, Pakistan, kills eleven people, mostly teenagers.",
     "casualties", "Karachi"),
    # 2015-10-14: "a suicide bomb kills"
    ("A suicide bomb kills at least seven people and injures 13 others in Pakistan's Punjab "
     "province inside the political office of Pakistan Muslim League MNA Sardar Amjad Farooq "
     "Khan Khosa, who was not present.", "strike", "Punjab"),
])
def test_explosive_devices(resources, text, claim_type, place):
    assert has(claims_of(resources, text), claim_type, place)


@pytest.mark.parametrize(("text", "claim_type", "place"), [
    # 2024-11-30: "are arrested ... while protesting"
    ("More than 100 demonstrators are arrested in Tbilisi, Georgia, while protesting against "
     "Prime Minister Irakli Kobakhidze's decision to temporarily suspend the country's "
     "accession plans to the European Union to 2028.", "detention", "Tbilisi"),
    # 2024-11-30: arrests over an explosion (a one-sentence report)
    ("Police arrest eight people linked to an explosion on a canal near Zubin Potok, "
     "Mitrovica District, Kosovo, that supplies water to the country's two main power "
     "plants.", "detention", "Zubin"),
    # 2018-04-13: nominal "the arrest of six alleged Islamic State fighters"
    ("The Iraqi Interior Ministry announces the arrest of six alleged Islamic State fighters "
     "including one woman in Mosul.", "detention", "Mosul"),
    # 2021-01-03: "take hostages"
    ("A group of Islamist insurgents take hostages in Mopti.", "detention", "Mopti"),
])
def test_arrests_and_hostages(resources, text, claim_type, place):
    assert has(claims_of(resources, text), claim_type, place)


@pytest.mark.parametrize(("text", "claim_type", "place"), [
    # 2021-07-12: "Protesters ... gather in"
    ("Protesters and Cuban exiles gather in Tampa, Florida to call for freedom and democracy "
     "in Cuba.", "unrest", "Tampa"),
    # 2018-04-03: "claims responsibility for the deaths of"
    ("ISIL claims responsibility for the deaths of four Christians in Quetta, Pakistan on "
     "April 2nd.", "casualties", "Quetta"),
    # 2021-04-21: "reports clashes ..., resulting in the deaths of"
    ("The Syrian Observatory for Human Rights reports clashes from yesterday evening until "
     "this morning, resulting in the deaths of an Asayish commander and five NDF militiamen "
     "in the city of Qamishli, al-Hasakah.", "casualties", "Qāmishlī"),
])
def test_reported_events_and_gatherings(resources, text, claim_type, place):
    assert has(claims_of(resources, text), claim_type, place)


@pytest.mark.parametrize("text", [
    # 2025-09-05: an animal's attack
    "A man is killed in a shark attack off Long Reef beach in New South Wales, Australia.",
    # 2018-04-03: a crash
    "A military pilot is killed when his F-7 fighter jet crashes into a paddy field in "
    "Kyunkone, central Myanmar.",
    # 2024-12-07: an explosion with no sign of an attack
    "Five people are killed, four others are injured, and several others are missing in an "
    "explosion that destroyed several apartments in The Hague, Netherlands.",
    # 2021-05-09: a lockdown "entered"
    "Tunisia enters a seven-day strict lockdown during the Eid al-Fitr holiday.",
    # 2023-08-28: an agreement "reached", rebels "relocated"
    "Iran says it has reached an agreement with Iraq to disarm and relocate Kurdish rebels in "
    "northern Iraq and shut down bases run by the groups in the semi-autonomous region.",
])
def test_no_claims_in_accidents_and_agreements(resources, text):
    assert claims_of(resources, text) == set()


@pytest.mark.parametrize(("text", "claim_type", "actor"), [
    # 2021-08-16: gunmen -> generic class
    ("Gunmen on motorbikes storm the village of Darey-Daye, Niger, openinf fire against "
     "civilians while they were tending their fields, killing 37 people, including fourteen "
     "children.", "attack", "Unidentified armed group"),
    # 2018-04-13: armed bandits
    ("Armed bandits storm a mining site in the northwestern Nigerian state of Zamfara, "
     "killing 26 people, including 16 illegal gold miners.", "attack",
     "Unidentified armed group"),
    # 2024-11-30: "Police" -> the state of the place
    ("Police arrest eight people linked to an explosion on a canal near Zubin Potok, "
     "Mitrovica District, Kosovo, that supplies water to the country's two main power "
     "plants.", "detention", "Kosovo"),
    # 2024-11-30: "rebels" -> Rebels
    ("Pro-government forces close Aleppo International Airport and major roads in Aleppo, "
     "Syria, as rebels continue to advance into the city.", "advance", "Rebels"),
])
def test_sides_named_by_role(resources, text, claim_type, actor):
    assert actors_of(resources, text).get(claim_type) == actor


@pytest.mark.parametrize(("text", "claim_type", "place"), [
    # 2022-03-28: "attack" read by the small model as a noun inside one noun phrase
    ("Militants belonging to the March 23 Movement attack military bases near Goma in the "
     "Democratic Republic of the Congo.", "clash", "Goma"),
    # 2018-04-08: "fire shells at" read as the compound noun "fire shells"
    ("Israeli Defence Forces fire shells at Palestinians on foot near the border fence, "
     "saying the men had crossed the fence before reentering the Gaza Strip near Gaza City.",
     "strike", "Gaza"),
])
def test_headline_present_tense_is_reread(resources, text, claim_type, place):
    assert has(claims_of(resources, text), claim_type, place)


def test_a_noun_phrase_headline_is_not_reread(resources):
    # 2018-04-08 (development part): "a strike collapse" is a labour dispute's talks
    assert claims_of(resources, "Talks between rail workers and ScotRail aimed at preventing "
                     "a strike collapse, as the rail firm cites financial pressures.") == set()


@pytest.mark.parametrize(("text", "place"), [
    # 2023-08-28: "killed ... during an ambush": the ambush is a claim besides the deaths
    ("Two defence volunteers and a policeman are killed, and five other officers are "
     "wounded, during an ambush in Yarang district, Pattani province, Thailand.", "Yarang"),
    # 2024-12-07: "killed in clashes near ..."
    ("Six Pakistan Army soldiers and 22 Tehreek-e-Taliban militants are killed in clashes "
     "near the Afghan border.", ""),
])
def test_killed_in_an_ambush_or_clashes_gives_the_fight_too(resources, text, place):
    found = claims_of(resources, text)
    assert has(found, "casualties", place) and has(found, "clash", place)


def test_killed_in_the_fighting_is_casualties_only(resources):
    found = claims_of(resources, "Three soldiers were killed in the fighting near Bakhmut.")
    assert has(found, "casualties", "Bakhmut") and not has(found, "clash", "")


@pytest.mark.parametrize(("text", "claim_type", "place", "not_place"), [
    # 2024-11-30: "airstrikes by Israel in southern Lebanon": Israel is the side
    ("Two people are killed and six others are injured in three airstrikes by Israel in "
     "southern Lebanon that occurred despite the ceasefire with Hezbollah.", "strike",
     "Lebanon", "Israel"),
    # 2015-12-17: a place inside a party's name ("Kurdistan Workers' Party")
    ("Turkish security forces kill 23 suspected members of the Kurdistan Workers' Party in "
     "operations in the Kurdish-majority cities of Cizre and Silopi.", "casualties", "Cizre",
     "Kurdistan"),
    # 2024-12-07: "U.S.-backed" written as one word
    ("Turkish-backed Syrian National Army forces conduct extensive drone strikes and "
     "artillery shelling on villages near U.S.-backed Kurdish Syrian Democratic Forces "
     "positions in the city of Manbij in Aleppo Governorate, Syria.", "strike", "Manbij",
     "United States"),
])
def test_places_that_name_a_side_are_not_the_place(resources, text, claim_type, place,
                                                    not_place):
    found = claims_of(resources, text)
    assert has(found, claim_type, place) and not has(found, claim_type, not_place)


# --- sentences below are from portal days that are in no set (read for these tests only):
# Portal:Current events/2024 January 9, 2023 October 7 and 2020 March 14 (CC BY-SA 4.0)
@pytest.mark.parametrize(("text", "claim_type", "place"), [
    # 2024-01-09: "declares a state of emergency following ..."
    ("President of Ecuador Daniel Noboa declares a state of emergency following the escape "
     "of José Adolfo Macías Villamar, leader of the Los Choneros drug cartel, from prison.",
     "emergency", "Ecuador"),
    # 2023-10-07: "captured and taken hostage to"
    ("Several Israeli soldiers are captured and taken hostage to the Gaza Strip.",
     "detention", "Gaza"),
    ("Scores of Israeli and non-Israeli civilians are taken hostage to Gaza.",
     "detention", "Gaza"),
    # 2020-03-14: "wounding three United States troops": the country is the side
    ("A second rocket attack this week hits the Camp Taji base in Baghdad Governorate, "
     "Iraq, wounding three United States troops.", "casualties", "Baghdad"),
])
def test_emergency_hostages_and_wounded_troops(resources, text, claim_type, place):
    found = claims_of(resources, text)
    assert has(found, claim_type, place)
    assert not has(found, claim_type, "United States")


def test_a_surname_is_not_a_place(resources):
    # 2023-10-07: "Yonatan Steinberg" (Steinberg is also a town's name)
    found = claims_of(resources, "Yonatan Steinberg, commander of the 933rd \"Nahal\" "
                      "Brigade, is killed during clashes with Hamas in Kerem Shalom.")
    assert any(t == "casualties" for t, _ in found) and any(t == "clash" for t, _ in found)
    assert not has(found, "casualties", "Steinberg")


@pytest.mark.parametrize(("text", "claim_type", "place"), [
    # constructed: no real sentence of these families in the open sets read so far
    ("Ecuador declares a state of siege in the province of Guayas after prison riots.",
     "emergency", "Guayas"),
    ("The government imposes emergency rule in the Amhara region of Ethiopia.",
     "emergency", "Amhara"),
    ("Twelve activists are taken into custody in Minsk.", "detention", "Minsk"),
    ("Three aid workers are held captive by militants in Borno State.", "detention", "Borno"),
    ("Security forces detain a journalist in Srinagar.", "detention", "Srinagar"),
])
def test_emergency_and_detention_wordings(resources, text, claim_type, place):
    assert has(claims_of(resources, text), claim_type, place)


@pytest.mark.parametrize("text", [
    "A man was taken into custody after a burglary in Leeds.",
    "The government may impose emergency rule in the Amhara region of Ethiopia.",
    "The emergency room in Leeds was closed for cleaning.",
])
def test_custody_in_a_crime_and_a_possible_emergency_are_no_claims(resources, text):
    assert claims_of(resources, text) == set()


def test_clashes_with_riot_police_are_unrest_and_a_police_raid_an_arrest(resources):
    # 2024-12-04 (development part)
    found = claims_of(resources, "Ahali party leader Nika Gvaramia is arrested in a police "
                      "raid on his office in Tbilisi, Georgia. More than 100 demonstrators "
                      "are also injured during clashes with riot police in Tbilisi.")
    assert has(found, "unrest", "Tbilisi") and has(found, "detention", "Tbilisi")
    assert not has(found, "clash", "Tbilisi")


def test_a_general_strike_is_not_a_strike(resources):
    # 2021-02-08 (development part)
    found = claims_of(resources, "A nationwide general strike takes place in Myanmar in "
                      "response to the military coup with thousands marching in the capital "
                      "Naypyidaw, where they clashed with riot police.")
    assert not has(found, "strike", "") and has(found, "unrest", "Pyi")


def test_civilians_crossing_the_border_in_a_war_are_displaced(resources):
    # 2022-02-24 (development part)
    found = claims_of(resources, "Moldova declares a state of emergency in response to the "
                      "invasion. Hundreds of Ukrainians are crossing the border, according to "
                      "President Maia Sandu.")
    assert has(found, "displacement", "Moldova") and has(found, "emergency", "Moldova")
    assert claims_of(resources, "Thousands of tourists cross the border at Tijuana every "
                     "day.") == set()
