"""Claim extraction end to end with the real model, gazetteer and geocoder.

Sentences are written in news-wire style from several wars and from ordinary news; the
tests check one rule family each: claim types, places, figures, dates, claimants, actors
and the non-claims (negation, modality, opinion, diplomacy, background, other senses).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from geo.extract import EXTRACTOR_VERSION, Resources, extract_claims, segments
from geo.schema import CLAIM_COLUMNS, CRS


@pytest.fixture(scope="module")
def resources(nlp, gazetteer, geocoder):
    from geo.places.matcher import ToponymMatcher

    return Resources(nlp=nlp, gazetteer=gazetteer, matcher=ToponymMatcher(gazetteer),
                     geocoder=geocoder)


def run(resources, *texts: str, published: str = "2024-08-15"):
    df = pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))], "published": published,
                       "text": list(texts)})
    return extract_claims(df, resources)


def kinds(claims) -> list[tuple[str, str]]:
    return sorted((r.claim_type, r.place_name) for r in claims.itertuples())


# ----------------------------------------------------------------- claim types


@pytest.mark.parametrize(
    ("text", "claim_type", "country"),
    [
        ("The Arakan Army said on Sunday it had captured Paletwa, a town in Chin state.",
         "control", "MM"),
        ("Rebels led by Hayat Tahrir al-Sham seized the city of Aleppo on Saturday.", "control",
         "SY"),
        ("Israeli tanks pushed into eastern Rafah on Tuesday, the military said.", "advance",
         "PS"),
        ("Hezbollah fighters clashed with Israeli forces near Odaisseh in southern Lebanon.",
         "clash", "LB"),
        ("The army said it had repelled an RSF attack on El Fasher overnight.", "repelled",
         "SD"),
        ("Russian missiles struck an energy facility in Kharkiv on Friday.", "strike", "UA"),
        ("Israeli strikes on Beirut's southern suburbs killed six people overnight.",
         "casualties", "LB"),
        ("More than 120,000 Russians have fled their homes in border areas of Kursk region.",
         "displacement", "RU"),
        ("France declared a state of emergency in New Caledonia on Wednesday after rioting.",
         "emergency", "NC"),
        ("Authorities imposed a curfew in Lashio after the fighting spread.", "restriction",
         "MM"),
        ("Protesters stormed parliament in Nairobi and set part of the building on fire.",
         "unrest", "KE"),
        ("Police arrested more than 300 protesters in Nairobi after the riots.", "detention",
         "KE"),
        # other phrasings
        ("A curfew was imposed in Lashio on Sunday after clashes.", "restriction", "MM"),
        ("Martial law was extended for another 90 days across Ukraine amid the war.",
         "emergency", "UA"),
        ("Ukrainian positions near Toretsk came under heavy artillery fire.", "strike", "UA"),
        ("Ukrainian troops held off an assault on Chasiv Yar, the army said.", "repelled",
         "UA"),
        ("Russian forces made gains near Pokrovsk amid heavy fighting, the ISW said.",
         "advance", "UA"),
        ("Mortar shells fell on a market in Omdurman, killing 21 people.", "strike", "SD"),
        ("Rebels overran an army base in Bentiu, residents said.", "control", "SS"),
        ("Gunmen abducted 20 students from a school in Kaduna state, police said.",
         "detention", "NG"),
        ("Internet access was cut in Dhaka as protests spread.", "restriction", "BD"),
        ("The army retook the town of Sinja from the RSF on Saturday.", "control", "SD"),
        ("Hamas militants took about 250 people hostage during the attack on southern Israel.",
         "detention", "IL"),
    ],
)
def test_each_claim_type(resources, text, claim_type, country):
    claims = run(resources, text)
    got = claims[claims.claim_type == claim_type]
    assert len(got) >= 1, kinds(claims)
    assert set(got.country_code) == {country}


def test_one_sentence_gives_several_claims(resources):
    claims = run(resources, "Ukraine yesterday pressed its offensive in Russian territory and "
                            "bombarded the border region of Belgorod, where the governor has "
                            "declared a state of emergency.")
    assert sorted(claims.claim_type) == ["advance", "emergency", "strike"]
    belgorod = claims[claims.claim_type.isin(["strike", "emergency"])]
    assert set(belgorod.admin1.str.contains("Belgorod")) == {True}
    assert claims[claims.claim_type == "advance"].country_code.iloc[0] == "RU"


def test_area_and_count_are_two_control_claims(resources):
    claims = run(resources, "The Kursk offensive goes on in Kursk region.\n"
                 "Over the past day, “control over 40 square kilometers of territory has been "
                 "taken” and “74 settlements are under our control,” Syrsky added.")
    ctl = claims[claims.sentence_index == 1]
    assert sorted(zip(ctl.claim_type, ctl.unit, ctl.quantity, strict=True)) == [
        ("control", "km2", 40.0), ("control", "settlements", 74.0)]


def test_two_places_give_two_claims_and_no_duplicates(resources):
    claims = run(resources, "Protesters clashed with police in several cities.\n"
                            "Police arrested more than 300 people in Nairobi and Mombasa on "
                            "Tuesday, and detained dozens more in Nairobi.")
    det = claims[claims.claim_type == "detention"]
    assert sorted(det.place_name) == ["Mombasa", "Nairobi"]


# ----------------------------------------------------------------- places


def test_sentence_without_place_takes_the_article_place(resources):
    claims = run(resources,
                 "Ukrainian forces entered Kursk region on Tuesday last week.\n"
                 "Syrsky added that 74 settlements are under our control.")
    row = claims[claims.sentence_index == 1].iloc[0]
    assert row.claim_type == "control" and row.country_code == "RU"
    assert row.feature_class == "country" or "Kursk" in row.admin1


def test_the_city_refers_back_to_the_named_city(resources):
    claims = run(resources,
                 "Sudan's Rapid Support Forces launched a fresh assault on El Fasher on Sunday.\n"
                 "The RSF fired artillery into the city's southern neighbourhoods, residents said.")
    row = claims[claims.sentence_index == 1].iloc[0]
    assert row.claim_type == "strike" and row.place_name == "El Fasher"


def test_descriptive_distance_place_is_not_the_claim_place(resources):
    claims = run(resources, "Zaporizhzhia city, about 80km north of Tokmak, has been repeatedly "
                            "hit by Russian glide bombs in recent weeks.")
    assert "Tokmak" not in set(claims.place_name)
    assert list(claims.quantity.dropna()) == []


def test_adjectival_place_and_actor_adjective(resources):
    claims = run(resources, "Since launching its invasion in February 2022, Russia has captured "
                            "territory in southern and eastern Ukraine, and subjected Ukrainian "
                            "cities to missile and drone barrages.")
    assert kinds(claims) == [("control", "Ukraine"), ("strike", "Ukraine")]
    assert set(claims.actor) == {"Russia"}


def test_listed_places_and_the_region_each_get_a_claim(resources):
    claims = run(resources,
                 "Russian troops attacked Kharkiv region overnight.\n"
                 "Russia's Defence Ministry said its forces had taken control of nine villages "
                 "in the region, including Lukiantsi and Vovchanski Khutori.")
    ctl = claims[(claims.sentence_index == 1) & (claims.claim_type == "control")]
    assert {"Lukiantsi", "Vovchanski Khutori"} <= set(ctl.place_name)
    region = ctl[ctl.feature_class == "admin1"]
    assert list(region.quantity) == [9] and list(region.unit) == ["settlements"]


def test_sentence_without_place_continues_the_previous_sentence(resources):
    claims = run(resources,
                 "M23 rebels took control of Goma on Monday, sending thousands fleeing.\n"
                 "In the capital Kinshasa, protesters attacked the embassies of Rwanda "
                 "and France.\n"
                 "Police fired tear gas and arrested several people, a witness said.")
    row = claims[claims.claim_type == "detention"].iloc[0]
    assert row.place_name == "Kinshasa" and row.claimant == "witness"


def test_withdrawal_is_a_control_claim_and_people_are_not_places(resources):
    claims = run(resources,
                 "Ukrainian troops were forced to withdraw from Kurakhove after weeks of heavy "
                 "fighting, a military spokesman said.\n"
                 "At least 17 people, including peacekeepers from South Africa and Malawi, have "
                 "been killed in fighting around Goma, the United Nations said.")
    assert kinds(claims) == [("casualties", "Goma"), ("control", "Kurakhove")]
    assert claims.set_index("claim_type").loc["control", "actor"] == "Ukraine"


# ----------------------------------------------------------------- figures, dates, claimants


def test_figures_dates_and_claimants_of_the_kursk_report(resources):
    text = ("Ukrainian forces entered Kursk region on Tuesday last week.\n"
            "Kursk Governor Alexei Smirnov on Monday said that 28 settlements had been captured "
            "and Ukrainian forces had penetrated at least 12km deep.")
    claims = run(resources, text)
    s1 = claims[claims.sentence_index == 1].set_index("claim_type")
    assert s1.loc["control", "quantity"] == 28 and s1.loc["control", "unit"] == "settlements"
    assert s1.loc["advance", "quantity"] == 12 and s1.loc["advance", "qualifier"] == "at least"
    assert set(s1.event_date) == {"2024-08-12"} and set(s1.date_precision) == {"day"}
    assert set(s1.claimant) == {"Alexei Smirnov"}
    s0 = claims[claims.sentence_index == 0].iloc[0]
    assert (s0.event_date, s0.actor) == ("2024-08-06", "Ukraine")


def test_dateline_and_backer_are_not_the_place(resources):
    claims = run(resources, "BUKAVU, Congo, Feb 16 (Reuters) - Rwanda-backed M23 rebels walked "
                            "into the centre of Bukavu on Sunday, a day after seizing the city's "
                            "airport, residents said.", published="2025-02-17")
    assert kinds(claims) == [("advance", "Bukavu"), ("control", "Bukavu")]
    assert set(claims.event_date) == {"2025-02-16"} and set(claims.claimant) == {"residents"}
    assert not claims.sentence.str.startswith("BUKAVU").any()


def test_protest_story(resources):
    claims = run(resources,
                 "Tens of thousands of people protested in Tbilisi on Sunday against the "
                 "government.\n"
                 "More than 200 people were detained, the interior ministry said.\n"
                 "Police cleared a protest camp at the university in Los Angeles, arresting "
                 "more than 200 people.\n"
                 "The night before, counter-protesters attacked the camp, and fights broke out "
                 "for hours.", published="2024-12-02")
    got = [(int(r.sentence_index), r.claim_type, r.place_name,
            None if pd.isna(r.quantity) else float(r.quantity)) for r in claims.itertuples()]
    assert got[:2] == [(0, "unrest", "Tbilisi", None), (1, "detention", "Tbilisi", 200)]
    assert (3, "unrest", "Los Angeles", None) in got
    assert not [g for g in got if g[1] == "clash"]


def test_death_toll_and_bare_counts(resources):
    claims = run(resources, "The death toll from Israeli strikes on Gaza rose to 50 on Sunday.\n"
                            "Russian shelling killed 12 and wounded 30 in Kherson on Monday.")
    cas = claims[claims.claim_type == "casualties"].set_index("sentence_index")
    assert (cas.loc[0, "quantity"], cas.loc[0, "unit"]) == (50, "people")
    assert (cas.loc[1, "quantity"], cas.loc[1, "event_date"]) == (12, "2024-08-12")


def test_people_forced_to_flee_carry_their_number(resources):
    claims = run(resources, "Sudan's army said it had recaptured Wad Madani from the RSF "
                            "militia.\n"
                            "The RSF seized Wad Madani in December 2023, forcing some 500,000 "
                            "people to flee the city.")
    claims = claims[claims.sentence_index == 1]
    dis = claims[claims.claim_type == "displacement"].iloc[0]
    assert (dis.quantity, dis.unit, dis.qualifier) == (500000, "people", "about")
    ctl = claims[claims.claim_type == "control"].iloc[0]
    assert (ctl.event_date, ctl.date_precision) == ("2023-12-01", "month")


def test_undated_sentence_falls_back_to_publication(resources):
    claims = run(resources, "More than 120,000 Russians have fled their homes in Kursk region.")
    row = claims.iloc[0]
    assert (row.event_date, row.date_precision) == ("2024-08-15", "published")
    assert (row.quantity, row.unit, row.qualifier) == (120000, "people", "more than")


def test_quote_over_two_sentences_is_attributed_to_its_speaker(resources):
    claims = run(resources,
                 "“The situation in our Belgorod region remains extremely difficult due to "
                 "shellings from the Ukrainian Armed Forces. Houses are destroyed, civilians "
                 "died and were injured,” Governor Vyacheslav Gladkov wrote on Telegram.")
    assert sorted(claims.claim_type) == ["casualties", "strike"]
    assert set(claims.claimant) == {"Vyacheslav Gladkov"}
    assert all("Belgorod" in a for a in claims.admin1)


def test_quote_opened_by_a_colon_and_he_added(resources):
    claims = run(resources,
                 "Governor Oleh Syniehubov said on Telegram: “Russian missiles hit two districts "
                 "of Kharkiv. Three people were killed and 12 wounded.”\n"
                 "“The enemy shelled Kupiansk again overnight,” he added.\n"
                 "There was heavy shelling in Vovchansk on Wednesday, the regional "
                 "administration said.")
    by = dict(zip(claims.sentence_index, claims.claimant, strict=False))
    assert by == {0: "Oleh Syniehubov", 1: "Oleh Syniehubov", 2: "Oleh Syniehubov",
                  3: "regional administration"}
    cas = claims[claims.claim_type == "casualties"].iloc[0]
    assert (cas.quantity, cas.place_name) == (3, "Kharkiv")


def test_statement_continued_by_added_keeps_its_date(resources):
    claims = run(resources,
                 "Zelenskiy on Tuesday evening posted a video call with his military chief, "
                 "Oleksandr Syrsky, who said that our troops have advanced by one to three "
                 "kilometers in Kursk region.\n"
                 "“74 settlements are under our control,” Syrsky added.")
    dates = dict(zip(claims.sentence_index, claims.event_date, strict=True))
    assert dates == {0: "2024-08-13", 1: "2024-08-13"}
    assert set(claims.claimant) == {"Oleksandr Syrsky"}
    adv = claims[claims.claim_type == "advance"].iloc[0]
    assert (adv.quantity, adv.quantity_max, adv.unit) == (1, 3, "km")


# ----------------------------------------------------------------- non-claims


@pytest.mark.parametrize(
    "text",
    [
        # negation, modality, intent
        "Ukraine said it would not hold on to Russian territory in Kursk region.",
        "Kyiv was not interested in taking over Russian territory, the ministry said.",
        "Israel has vowed to capture Rafah.",
        "The RSF is preparing to attack El Fasher, analysts warned.",
        "If Moscow agreed, the raids into Russia would stop.",
        # opinion, diplomacy, condemnation
        "US President Joe Biden on Tuesday said that the incursion was giving Putin a dilemma.",
        "The United Nations condemned the strikes and called for a ceasefire in Gaza.",
        "Xi congratulated Trump and pushed for improved ties, the Chinese ministry said.",
        # background and biography
        "Yoon, who became South Korea's first sitting president to be arrested, met lawyers.",
        "The current offensive is the biggest attack on Russian soil since World War II.",
        # other senses of war words
        "Apple shares advanced 2% on Monday after the company unveiled a phone in Cupertino.",
        "The team captured the title in Madrid after a fierce battle with Barcelona.",
        "Republicans took control of the Senate after the vote in Washington.",
        "The storm hit the coast of Florida and two people died in a car crash.",
        "Dock workers went on strike in Rotterdam over pay.",
        "The senator attacked the proposal during a debate in Washington.",
        "The monsoon advanced into Kerala on Thursday.",
        "Hot winds were bombarding the plains of Punjab with dust.",
        "The central bank held interest rates steady in Frankfurt.",
        # crime, sport and disasters
        "Police in Chicago arrested a man suspected of robbing three banks.",
        "Fans invaded the pitch in Madrid and police arrested two men for throwing flares.",
        "The suspect fled the scene in a stolen car, police in Lyon said.",
        "Flooding killed 12 people in Bavaria and authorities declared a state of emergency.",
        "Schools were closed across Manila as the typhoon approached.",
        "The company is pushing into India and launched a price offensive in Mumbai.",
        "Real Madrid stormed to victory in Lisbon, capturing the European title.",
        "The opposition stormed out of parliament in Budapest in protest.",
        "The party launched its campaign in Paris with a rally of 5,000 supporters.",
        "The film follows soldiers who capture a village in Normandy during the war.",
        "A fire destroyed a warehouse in Melbourne, but no one was injured in the blaze.",
        "The Bank of Japan deployed stimulus in Tokyo to fight decades of deflation.",
        "Morena also captured seven of the nine governorships, including Veracruz.",
        "Hundreds of thousands of tourists fled the heat in Rome by heading to the beaches.",
        # photo captions
        "Photo: Reuters",
    ],
)
def test_non_claims(resources, text):
    claims = run(resources, text)
    assert len(claims) == 0, kinds(claims)


# ----------------------------------------------------------------- batch behaviour


def test_schema_ids_and_determinism(resources):
    texts = ["Russian missiles struck Kharkiv on Friday, killing three people, the governor "
             "said.", "Authorities imposed a curfew in Lashio."]
    a, b = run(resources, *texts), run(resources, *texts)
    assert tuple(a.columns[:-1]) == CLAIM_COLUMNS and a.crs.to_string() == CRS
    assert list(a.claim_id) == list(b.claim_id) and a.claim_id.is_unique
    assert set(a.extractor_version) == {EXTRACTOR_VERSION}
    assert a.geometry.notna().all()
    json.loads(a.to_json())


def test_failing_article_is_reported_and_skipped(resources):
    df = pd.DataFrame({"id": ["good", "bad"], "published": "2024-08-15",
                       "text": ["Authorities imposed a curfew in Lashio.", 12345]})
    errors: list[str] = []

    class Boom(Exception):
        pass

    matcher = resources.matcher

    class FailingOn12345:
        def find(self, text):
            if text == "12345":
                raise Boom("no")
            return matcher.find(text)

    res = Resources(resources.nlp, resources.gazetteer, FailingOn12345(), resources.geocoder)
    claims = extract_claims(df, res, on_error=lambda aid, exc: errors.append(aid))
    assert errors == ["bad"] and set(claims.article_id) == {"good"}
    with pytest.raises(Boom):
        extract_claims(df, res)


def test_empty_input_gives_empty_schema_frame(resources):
    empty = extract_claims(pd.DataFrame(columns=["id", "published", "text"]), resources)
    assert len(empty) == 0 and tuple(empty.columns[:-1]) == CLAIM_COLUMNS


def test_captions_are_dropped_and_long_lines_cut():
    pieces = segments("Photo: AFP\nTroops entered the town.\n" + "word " * 2000)
    assert pieces[0] == (11, "Troops entered the town.")
    assert all(len(p) <= 3000 for _, p in pieces)


@pytest.mark.slow
def test_process_pool_gives_the_same_claims(resources):
    texts = ["Russian missiles struck Kharkiv on Friday, killing three people.",
             "Authorities imposed a curfew in Lashio.",
             "Police arrested more than 300 people in Nairobi."]
    df = pd.DataFrame({"id": ["x", "y", "z"], "published": "2024-08-15", "text": texts})
    serial = extract_claims(df, resources)
    pooled = extract_claims(df, jobs=2)
    assert list(serial.claim_id) == list(pooled.claim_id)


# ------------------------------------------- generalisation: metaphors and new forms


@pytest.mark.parametrize(
    "text",
    [
        # business and sport use war verbs: no armed side, no conflict story
        "Ryanair fired the opening shot in the summer price war with cuts on 300 routes.",
        "Lufthansa hit back on Monday with a two-for-one offer to Madrid.",
        "Bank shares in Frankfurt came under attack from short sellers on Tuesday.",
        "Ajax conquered Rotterdam on Saturday with a late winner against Feyenoord.",
        "Celtic's attack laid siege to the Rangers goal for the last 15 minutes in Glasgow.",
        "Tech stocks staged a rally in London on Monday as bond yields fell.",
    ],
)
def test_war_metaphors_outside_conflict_are_not_claims(resources, text):
    assert len(run(resources, text)) == 0


def test_literal_verbs_in_a_conflict_story_still_count(resources):
    claims = run(resources, "Sudanese army troops shelled RSF positions on Friday. "
                 "Army jets also hit a fuel depot in Nyala, the military said.")
    assert ("strike", "Nyala") in kinds(claims)


def test_attempted_breakthrough_is_fighting(resources):
    claims = run(resources, "Russian troops shelled the area overnight. The enemy tried to "
                 "break through near the town of Siversk, the brigade said.")
    assert ("clash", "Siversk") in kinds(claims)
    assert not any(c == "advance" for c, _ in kinds(claims))


def test_air_defence_destroying_drones_is_repelled_not_a_strike(resources):
    claims = run(resources, "Air defence units destroyed 14 Ukrainian drones over the "
                 "Kursk region overnight, the ministry said.")
    assert [c for c, _ in kinds(claims)] == ["repelled"]
    assert run(resources, "A missile strike destroyed a bridge in Kherson on Monday, "
               "officials said.").claim_type.tolist().count("repelled") == 0


def test_without_negates_the_event(resources):
    claims = run(resources, "A drone attack damaged a power line near Sumy, without "
                 "causing casualties.")
    assert "casualties" not in set(claims.claim_type)


def test_closures_stated_as_a_state_are_restrictions(resources):
    claims = run(resources, "Militia fighters clashed overnight in western Libya. Schools "
                 "in Misrata and Zliten remained closed on Sunday, the council said.")
    got = {(r.claim_type, r.location_text) for r in claims.itertuples()}
    assert {("restriction", "Misrata"), ("restriction", "Zliten")} <= got


def test_reported_shelling_in_an_absolute_clause(resources):
    claims = run(resources, "Heavy fighting continued between army and rebel troops, with "
                 "shelling reported in Kadugli.")
    assert ("strike", "Kadugli") in kinds(claims)


def test_an_attack_that_killed_is_violent_by_itself(resources):
    claims = run(resources, "The mayor spoke on Monday. On 3 March, an al-Shabaab attack on a "
                 "hotel in Kismayo killed at least nine people, police reported.")
    types = {c for c, p in kinds(claims) if p == "Kismayo"}
    # an attack on a hotel is one-sided violence (SPEC: attack), not a battle
    assert {"attack", "casualties"} <= types


def test_people_moving_to_safety_are_displaced(resources):
    claims = run(resources, "Army troops shelled the border villages. Thousands of villagers "
                 "in Sialkot moved to safer areas, officials said.")
    assert ("displacement", "Sialkot") in kinds(claims)
    assert len(run(resources, "The bank moved to larger offices near Sialkot last year.")) == 0


def test_crowds_breaking_in_rallies_and_protests_turning_violent_are_unrest(resources):
    claims = run(resources, "Gunmen attacked the town on Friday. Looters broke into shops "
                 "in Kananga after the soldiers left.")
    assert ("unrest", "Kananga") in kinds(claims)
    claims = run(resources, "Protesters gathered in Accra on Friday. Rallies also took place "
                 "in Kumasi and Tamale, organisers said.")
    assert {("unrest", "Kumasi"), ("unrest", "Tamale")} <= set(kinds(claims))
    claims = run(resources, "Police fired tear gas at protesters. The protests turned "
                 "violent in Gulu and Lira, where demonstrators burned tyres.")
    assert {("unrest", "Gulu"), ("unrest", "Lira")} <= set(kinds(claims))


def test_townships_are_territory(resources):
    claims = run(resources, "The rebel group said its fighters now controlled 9 of Shan "
                 "state's 55 townships.")
    assert [c for c, _ in kinds(claims)] == ["control"]


def test_strike_is_located_at_its_target_not_its_origin(resources):
    claims = run(resources, "Hezbollah fighters fired about 40 rockets from Lebanon toward "
                 "Safed on Sunday, the army said.")
    places = {p for c, p in kinds(claims) if c == "strike"}
    assert places and "Lebanon" not in places


def test_participial_result_takes_the_place_of_its_event(resources):
    claims = run(resources, "In Ukraine, the governor of Sumy region said Russian drones had "
                 "attacked the town of Okhtyrka overnight, wounding two men.")
    assert ("casualties", "Okhtyrka") in kinds(claims)


def test_a_new_speaker_does_not_inherit_the_previous_place(resources):
    claims = run(resources,
                 "Ukrainian forces struck a fuel depot in Novoshakhtinsk, the governor of "
                 "Rostov said.\n"
                 "Kyiv's army chief said Ukrainian troops had advanced 3 km in the east "
                 "since Monday.", published="2024-08-15")
    later = claims[claims.sentence_index == 1]
    assert len(later) and "Novoshakhtinsk" not in set(later.place_name)


def test_two_city_dateline_is_not_a_place(resources):
    claims = run(resources, "BEIRUT/JERUSALEM (Wire) - Israeli troops pushed 2 km into "
                 "southern Lebanon on Monday, the army said.")
    assert "Beirut" not in set(claims.place_name) and "Jerusalem" not in set(claims.place_name)


def test_conjoined_verb_shares_the_date_and_noun_clauses_keep_theirs(resources):
    claims = run(resources, "Rebel fighters walked into the centre of Goma on Sunday and took "
                 "control of the town hall, the third city to fall to the group this year.",
                 published="2025-03-01")
    assert set(claims.event_date) == {"2025-02-23"}


def test_advance_measured_from_a_named_place_keeps_figure_and_place(resources):
    claims = run(resources, "Russian forces advanced up to 3 kilometers southwest of "
                 "Kurakhove, the ministry said.")
    adv = claims[claims.claim_type == "advance"]
    assert list(zip(adv.place_name, adv.quantity, adv.unit, strict=True)) == [
        ("Kurakhove", 3.0, "km")]


def test_armed_killing_armed_in_fighting_is_also_a_clash(resources):
    claims = run(resources, "Government soldiers killed four insurgents in heavy fighting "
                 "outside Marawi, the army said.")
    assert {c for c, _ in kinds(claims)} == {"casualties", "clash"}
    claims = run(resources, "Police officers killed a suspect in a shootout in Manila, police "
                 "said.")
    assert "clash" not in set(claims.claim_type)


def test_shelling_that_made_people_flee_is_a_strike(resources):
    claims = run(resources, "Fighting spread across the region. Thousands of families fled "
                 "Kadugli after heavy shelling by the RSF, aid groups said.")
    assert {("displacement", "Kadugli"), ("strike", "Kadugli")} <= set(kinds(claims))
    claims = run(resources, "Fighting spread across the region. Thousands of families fled "
                 "Kadugli after the war in 2011, aid groups said.")
    assert "strike" not in set(claims.claim_type)


def test_closing_part_of_a_set_of_crossings_is_a_restriction(resources):
    claims = run(resources, "Rebel troops shelled the border. Turkey closed all but two of "
                 "its border crossings on Monday, officials said.")
    assert "restriction" in set(claims.claim_type)


def test_displacement_destination_phrase_is_not_the_place(resources):
    claims = run(resources, "Rebels shelled Bentiu overnight, and thousands of residents fled "
                 "to camps in Sudan, aid groups said.")
    assert ("displacement", "Bentiu") in kinds(claims)
    assert not any(c == "displacement" and p == "Sudan" for c, p in kinds(claims))


def test_ongoing_fighting_beside_a_repelled_attack_is_its_own_claim(resources):
    claims = run(resources, "Near Siversk, Ukrainian units repelled nine assaults, and "
                 "fighting continues on the town's eastern edge.")
    assert {c for c, _ in kinds(claims)} == {"repelled", "clash"}
    claims = run(resources, "Ukrainian units repelled a Russian assault near Siversk.")
    assert [c for c, _ in kinds(claims)] == ["repelled"]


def test_a_bearing_after_a_motion_verb_locates_the_advance(resources):
    claims = run(resources, "Geolocated footage indicates that Russian forces recently "
                 "advanced northeast of Toretsk.")
    assert kinds(claims) == [("advance", "Toretsk")]
    claims = run(resources, "The village lies northeast of Toretsk, and Russian forces "
                 "shelled it on Monday.")
    assert "Toretsk" not in set(claims.place_name)


def test_crowds_occupying_buildings_is_unrest_not_control(resources):
    claims = run(resources, "Protests continued for a third week. Students occupied the "
                 "rectorate building in Belgrade on Tuesday, demanding new elections.")
    assert ("unrest", "Belgrade") in kinds(claims)
    assert "control" not in set(claims.claim_type)
    claims = run(resources, "Rebel fighters occupied the airport in Goma on Tuesday, the army "
                 "said.")
    assert kinds(claims) == [("control", "Goma")]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Heavy fighting raged in Mariupol on Monday, residents said.", "Mariupol"),
        ("Fighting continued near Kramatorsk.", "Kramatorsk"),
    ],
)
def test_literal_war_nouns_need_no_further_violence(resources, text, place):
    assert kinds(run(resources, text)) == [("clash", place)]


def test_figurative_fighting_words_in_a_short_business_story_are_not_claims(resources):
    claims = run(resources, "The two banks battled for market share in Zurich, and a rival "
                 "launched a hostile bid in Geneva.")
    assert len(claims) == 0


def test_a_nations_strikes_are_literal_even_in_a_short_story(resources):
    claims = run(resources, "Israeli strikes hit Tyre on Monday.")
    assert kinds(claims) == [("strike", "Tyre")]


def test_misparsed_curfew_and_another_clauses_destination(resources):
    # the small parser reads "a curfew and closed schools" as one noun phrase
    claims = run(resources, "Heavy clashes erupted in Sirte on Monday. Authorities imposed a "
                 "curfew and closed schools and the port, and flights were diverted to "
                 "Benghazi.")
    got = {(r.claim_type, r.location_text) for r in claims.itertuples()}
    assert ("restriction", "Sirte") in got
    assert not any(loc == "Benghazi" for _, loc in got)


def test_control_of_a_name_the_gazetteer_lacks_by_an_armed_side(resources):
    claims = run(resources, "Militia fighters shelled Tripoli on Monday. The government said "
                 "its forces had taken control of Qasr Bin Ghashir by Tuesday morning.")
    assert "control" in set(claims[claims.sentence_index == 1].claim_type)
    for text in ("The Labour Party took control of Birmingham council.",
                 "The company took control of Vodafone in May.",
                 "Banks said market forces had taken control of prices in Tokyo."):
        assert len(run(resources, text)) == 0


def test_martial_law_by_a_national_body_is_national(resources):
    text = ("Sudanese army troops shelled positions near Kadugli, officials in Sudan said.\n"
            "On Monday, the cabinet voted to extend the state of emergency for three months.")
    claims = run(resources, text)
    em = claims[claims.claim_type == "emergency"]
    assert list(em.feature_class) == ["country"] and list(em.country_code) == ["SD"]
    text = ("Sudanese army troops shelled positions near Kadugli, officials in Sudan said.\n"
            "The regional governor declared a state of emergency on Monday.")
    em = run(resources, text).query("claim_type == 'emergency'")
    assert list(em.feature_class) != ["country"]


def test_the_city_centre_refers_to_the_setting_not_an_origin(resources):
    text = ("Thousands of protesters rallied in Skopje on Saturday, angry over the Kocani "
            "nightclub fire.\n"
            "Many had travelled to the capital from Kumanovo and Bitola.\n"
            "Police said 12 people were injured in scuffles near a square in the city centre.")
    claims = run(resources, text)
    cas = claims[claims.claim_type == "casualties"]
    assert list(cas.place_name) == ["Skopje"]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("JNIM fighters overran an army base in Djibo, a security source said.", "JNIM"),
        ("Fano militiamen captured the town of Gondar after heavy fighting.", "Fano"),
        # sides named only by their role get a generic class, or the state's name
        ("Armed men attacked a checkpoint near Djibo, killing six soldiers.",
         "Unidentified armed group"),
        ("Rebel fighters shelled Goma on Monday.", "Rebels"),
        ("Security forces raided a village near Djibo.", "Burkina Faso"),
    ],
)
def test_groups_missing_from_the_actor_list_are_named_by_their_modifier(resources, text,
                                                                       actor):
    claims = run(resources, text)
    assert len(claims)
    got = {a if isinstance(a, str) else None for a in claims.actor}
    assert got == {actor}


def test_superlatives_block_only_comparisons_with_the_past(resources):
    claims = run(resources, "The deadliest attack since 2014 killed 40 people in Kramatorsk, "
                 "officials said.")
    assert [c for c, _ in kinds(claims)] == ["casualties"]
    assert list(claims.quantity) == [40]
    claims = run(resources, "Russian troops shelled the town. The heaviest fighting raged "
                 "near Kurakhove on Monday, the army said.")
    assert ("clash", "Kurakhove") in kinds(claims)


def test_figurative_war_words_alone_do_not_make_a_war_story(resources):
    business = (
        "Shoppers in Lyon shelled out record sums during the winter sales, retailers said "
        "on Monday. A barrage of complaints followed when the website crashed. Rival chains "
        "launched a price offensive to defend their territory, and the leader took control "
        "of the discount market in Marseille."
    )
    assert run(resources, business).empty
    war = (
        "Troops fought off a barrage of drones near Kramatorsk on Monday, the army said. "
        "Soldiers took control of two villages east of the town."
    )
    assert "control" in set(run(resources, war)["claim_type"])


# ------------------------------------------- non-conflict news (devset3 rules, H12)


def test_figurative_evidence_words_do_not_make_a_sentence_literal(resources):
    # "strongholds" is shared by elections and war: it alone leaves "fell to" a metaphor
    assert run(resources, "Labour strongholds in Yorkshire fell to the Reform party on "
               "Thursday.").empty
    claims = run(resources, "Rebel strongholds in Kidal fell to Malian troops on Thursday.")
    assert ("control", "Kidal") in kinds(claims)


def test_fighting_as_a_verb_is_a_metaphor_without_an_armed_side(resources):
    assert run(resources, "Both parties are fighting for every seat in Ohio, aides said.").empty
    assert run(resources, "Both campaigns ran attack ads in Erie on Sunday. Republicans said "
               "they were fighting for every vote in the suburbs.").empty
    claims = run(resources, "Government troops were fighting rebels near Goma on Monday.")
    assert [c for c, _ in kinds(claims)] == ["clash"]


@pytest.mark.parametrize("text", [
    "Shoppers stormed a new store in Lagos when it opened on Friday.",
    "Fans stormed the pitch in Glasgow after the final whistle.",
    "Voters stormed polling stations in Lagos to cast their ballots, officials said.",
])
def test_storming_needs_a_crowd_at_a_seat_of_authority_or_an_unrest_story(resources, text):
    assert run(resources, text).empty
    claims = run(resources, "Hundreds of demonstrators stormed the parliament in Bishkek on "
                 "Tuesday.")
    assert [c for c, _ in kinds(claims)] == ["unrest"]


def test_a_labour_strike_is_unrest_only_beside_a_protest(resources):
    assert run(resources, "Nurses in Auckland began a two-day strike over pay on Monday.").empty
    claims = run(resources, "Nurses marched through Auckland in protest on Monday as their "
                 "strike over pay entered its second day.")
    assert ("unrest", "Auckland") in kinds(claims)


def test_capturing_points_is_not_taking_prisoners(resources):
    # "three points" is not a count of people, even in a match report "under siege"
    assert run(resources, "Celtic captured the three points in Glasgow after a siege of the "
               "visitors' goal.").empty
    claims = run(resources, "Rebels captured 30 soldiers near Goma during fighting.")
    assert [c for c, _ in kinds(claims)] == ["detention"]
    assert list(claims.quantity) == [30]


def test_disaster_closures_and_evacuations_are_not_claims(resources):
    assert run(resources, "Schools in Tampa were closed and thousands of residents were "
               "evacuated as Hurricane Milton approached.").empty
    # the hurricane is named in another sentence of the story
    assert run(resources, "Hurricane Milton made landfall near Sarasota on Wednesday. Schools "
               "across the county were closed and bridges into Sarasota were shut. Thousands "
               "of residents had been evacuated from coastal areas of Sarasota.").empty
    claims = run(resources, "Schools in Kharkiv were closed and residents were evacuated "
                 "after Russian shelling.")
    assert ("displacement", "Kharkiv") in kinds(claims)


def test_injuries_in_an_ordinary_robbery_are_not_casualty_claims(resources):
    assert run(resources, "Two cashiers were injured in a robbery at a bank in Leeds, police "
               "said.").empty
    claims = run(resources, "Two people were injured when militants attacked a bank in "
                 "Peshawar, police said.")
    assert ("casualties", "Peshawar") in kinds(claims)


def test_devset3_non_conflict_news_gives_no_claims_and_conflict_news_does(resources):
    from pathlib import Path

    path = Path(__file__).parent / "devset3" / "articles.jsonl"
    arts = pd.read_json(path, lines=True, dtype={"published": str})
    claims = extract_claims(arts[["id", "published", "text"]], resources)
    per_article = claims.groupby("article_id").size().to_dict()
    assert {a: n for a, n in per_article.items() if a.startswith("nc-")} == {}
    assert all(per_article.get(a, 0) >= 5 for a in arts.id if a.startswith("cf-"))


@pytest.mark.parametrize("text", [
    "A barrage of late tries at Twickenham in London killed off Scottish hopes on Saturday.",
    "Liverpool's attack ripped through the defence at Anfield, killing the game by half-time.",
])
def test_casualty_verbs_need_a_person_victim(resources, text):
    assert "casualties" not in set(run(resources, text)["claim_type"])
    claims = run(resources, "A rocket barrage killed two farmers near Kharkiv on Saturday.")
    assert ("casualties", "Kharkiv") in kinds(claims)


def test_an_army_of_non_combatants_is_not_an_armed_side(resources):
    assert run(resources, "Samsung's army of engineers in Seoul launched an assault on the "
               "chip market.").empty
    claims = run(resources, "An army of soldiers stormed the town of Bakhmut.")
    assert ("clash", "Bakhmut") in kinds(claims)


def test_evacuations_and_closures_around_a_blaze_are_not_claims(resources):
    fire = ("Firefighters battled a blaze in Marseille on Sunday. Hundreds of residents were "
            "evacuated from the neighbourhood. Roads into Marseille were closed by police.")
    assert run(resources, fire).empty


def test_a_plural_disaster_word_opening_a_story_still_marks_it_a_disaster(resources):
    # "Bushfires" opening the story is tagged a proper noun and keeps its plural lemma
    assert run(resources, "Bushfires forced 20,000 people to flee their homes near Perth. A "
               "state of emergency was declared in Western Australia.").empty
    claims = run(resources, "Shelling forced 20,000 people to flee their homes near Kharkiv.")
    assert ("displacement", "Kharkiv") in kinds(claims)


def test_a_match_report_with_a_managers_troops_is_not_a_war_story(resources):
    report = ("MUNICH - Kompany's troops won the battle of the Allianz Arena on Saturday. "
              "Bayern's attack bombarded the Dortmund goal and the visitors were under siege "
              "after half-time. The referee awarded a penalty and the striker scored in Munich.")
    assert run(resources, report).empty
    war = ("Russian troops bombarded Kupiansk on Saturday and the town was under siege, the "
           "governor said. A missile hit the stadium in Kupiansk during a football match.")
    assert "strike" in set(run(resources, war)["claim_type"])


def test_a_sporting_squad_is_not_an_armed_side(resources):
    assert run(resources, "Real Madrid's squad stormed into the final in Madrid.").empty
    claims = run(resources, "An army squad stormed into the town of Kidal on Monday.")
    assert ("clash", "Kidal") in kinds(claims)


def test_deaths_and_displacement_from_heavy_rain_are_not_claims(resources):
    assert run(resources, "Heavy rain killed three people in Mombasa and forced the closure of "
               "schools. Hundreds of families were displaced.").empty
    claims = run(resources, "Shelling killed three people in Kharkiv and forced the closure of "
                 "schools. Hundreds of families were displaced.")
    assert ("casualties", "Kharkiv") in kinds(claims)


def test_storming_a_police_station_is_unrest(resources):
    claims = run(resources, "Angry youths stormed a police station in Lagos on Sunday.")
    assert [c for c, _ in kinds(claims)] == ["unrest"]
