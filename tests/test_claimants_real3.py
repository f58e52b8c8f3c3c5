"""Claimant identity on the third real set's development part (several theatres).

The sentences are items of Wikipedia's *Portal:Current events* pages (© Wikipedia
contributors, CC BY-SA 4.0; ``tests/data/claimants/real3/README.md`` gives the pages and
revisions), quoted verbatim. Only the development part is used here; the set's fresh part is
held back for the figures of ``benchmarks/bench_claimants.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from geo.claimants import resolve_claimants
from geo.claimants.states import read_states, sentence_side

DATA = Path(__file__).resolve().parent / "data" / "claimants"


@pytest.fixture(scope="module")
def dev():
    rows = [json.loads(x) for x in (DATA / "real3" / "articles.jsonl").read_text().splitlines()]
    return {a["id"]: a for a in rows if a["part"] == "development"}


def given(dev, mentions):
    """Resolve (article id, hint, phrase, country code) mentions in their articles."""
    rows = []
    for aid, hint, phrase, cc in mentions:
        lines = dev[aid]["text"].split("\n")
        i = next(k for k, s in enumerate(lines) if hint in s)
        rows.append({"article_id": aid, "sentence_index": i, "sentence": lines[i],
                     "claimant": phrase, "country_code": cc})
    return resolve_claimants(pd.DataFrame(rows), {a: d["text"] for a, d in dev.items()})


def test_the_development_part_quotes_its_pages(dev):
    gold = [json.loads(x) for x in (DATA / "real3" / "gold.jsonl").read_text().splitlines()]
    mine = [g for g in gold if g["article_id"] in dev]
    assert len(dev) == 13 and len(mine) == 40
    for g in mine:
        assert g["phrase"] in dev[g["article_id"]]["text"]


def test_a_state_the_actor_list_does_not_know_is_read_from_its_adjective(dev):
    # "Russia says its forces have captured Pokrovsk ..." then "... as the Tajik government
    # says that the drone strikes ... originated from its neighbour" (2025-12-01): the
    # Tajik government is Tajikistan's, not a reference back to Russia's
    out = given(dev, [("ce-2025-12-01", "captured Pokrovsk", "Russia", None),
                      ("ce-2025-12-01", "originated from its neighbour",
                       "the Tajik government", None)])
    assert out["claimant_id"].tolist() == ["russia:government", "tajikistan:government"]
    assert out["claimant_side"].tolist() == ["Russia", "Tajikistan"]


def test_a_territory_owns_its_ministry(dev):
    # "Gaza's Interior Ministry announces that all bakeries ... are inoperable" (2023-11-07)
    out = given(dev, [("ce-2023-11-07", "all bakeries", "Gaza's Interior Ministry", None)])
    assert out.loc[0, "claimant_id"] == "palestine:interior-ministry"
    assert out.loc[0, "claimant_side"] == "Palestine"


def test_a_body_with_no_side_is_the_state_the_sentence_is_about(dev):
    # "Haitian gangs launch a large-scale attack ... Police say the gangs now control 50% of
    # Artibonite" (2025-12-01); "A drone strike kills four people ... in Bago Region,
    # Myanmar. State media accuses the PDF of carrying out the attack." (2023-11-07)
    out = given(dev, [("ce-2025-12-01", "50% of Artibonite", "Police", None),
                      ("ce-2023-11-07", "Bago Region", "State media", None)])
    assert out["claimant_id"].tolist() == ["haiti:police", "myanmar:state-media"]
    assert out["claimant_side"].tolist() == ["Haiti", "Myanmar"]
    assert out["claimant_kind"].tolist() == ["government", "media"]


def test_a_named_alliance_is_one_armed_group_across_articles(dev):
    # "The Three Brotherhood Alliance claims to have captured Namhsan" (2023-12-16) and
    # "The Three Brotherhood Alliance claimed that it captured the towns of Kutkai and
    # Theinni" (2024-01-07); "The Chin National Army says ..." (2023-11-14)
    out = given(dev, [("ce-2023-12-16", "captured Namhsan", "The Three Brotherhood Alliance",
                       None),
                      ("ce-2024-01-07", "Kutkai and Theinni", "The Three Brotherhood Alliance",
                       None),
                      ("ce-2023-11-14", "Rikhawdar", "The Chin National Army", None)])
    assert out["claimant_id"].tolist() == ["group:three-brotherhood-alliance"] * 2 + [
        "group:chin-national-army"]
    assert set(out["claimant_kind"]) == {"armed group"}
    assert out.loc[2, "claimant_side"] == "Chin National Army"


def test_a_leader_of_a_junta_is_the_person_and_speaks_for_the_sentence_state(dev):
    # "The Malian Armed Forces recapture the town of Kidal from Tuareg separatist forces,
    # according to junta leader Assimi Goïta." (2023-11-14): Goïta, Mali's; not "the junta"
    # of the alias table (Myanmar's)
    out = given(dev, [("ce-2023-11-14", "town of Kidal", "junta leader Assimi Goïta", None)])
    assert out.loc[0, "claimant_id"].startswith("person:")
    assert out.loc[0, "claimant_side"] == "Mali"


def test_a_person_keeps_one_side_over_every_mention(dev):
    # "Israeli Defense Minister Yoav Gallant says ... Gallant also claims that ..."
    # (2023-11-07); "... Defense Minister Yoav Gallant also says that Hamas has 'lost
    # control' of Gaza City" (2023-11-14)
    out = given(dev, [("ce-2023-11-07", "entered Gaza City",
                       "Israeli Defense Minister Yoav Gallant", None),
                      ("ce-2023-11-07", "trapped in a bunker", "Gallant", None),
                      ("ce-2023-11-14", "lost control", "Defense Minister Yoav Gallant", None)])
    assert out["claimant_id"].nunique() == 1
    assert out["claimant_side"].tolist() == ["Israel"] * 3


def test_sentence_side_prefers_a_place_then_the_first_state():
    s = "Israeli airstrikes kill 20 people in Gaza, the health ministry says."
    assert sentence_side(s, s.index("the health")) == "Palestine"
    assert sentence_side(s, first=True) == "Israel"
    assert sentence_side("Police say the gangs control the town.") is None


def test_a_bad_states_row_names_file_and_line(tmp_path):
    bad = tmp_path / "states.csv"
    bad.write_text("# comment\ncode,side,names,adjectivals\nXX,,Xland,Xish\n")
    with pytest.raises(ValueError, match=r"states\.csv:3: field 'side'"):
        read_states(bad)


def test_un_bodies_named_by_their_field_stay_apart(dev):
    # "... according to the United Nations migration agency" (2023-10-23); "The United
    # Nations Human Rights Office says ..." and "... according to the UN relief agency"
    # (2023-11-02); "The United Nations human rights chief says ..." (2025-10-10); "United
    # Nations monitors say ..." (2023-11-07)
    out = given(dev, [("ce-2023-10-23", "20,000 people", "the United Nations migration agency",
                       None),
                      ("ce-2023-11-02", "Jabalia refugee camp",
                       "The United Nations Human Rights Office", None),
                      ("ce-2023-11-02", "Eleven bakeries", "the UN relief agency", None),
                      ("ce-2025-10-10", "53 civilians", "The United Nations human rights chief",
                       None),
                      ("ce-2023-11-07", "5,000 Palestinians", "United Nations monitors", None)])
    assert out["claimant_id"].tolist() == ["int:iom", "int:ohchr", "int:unrwa", "int:ohchr",
                                           "int:un"]
    assert set(out["claimant_side"]) == {"independent"}


def test_a_un_official_named_with_the_title_is_the_person(dev):
    # "United Nations Secretary-General António Guterres says that attacks on the refugee
    # camp are 'horrific and appalling'." (2023-11-02)
    out = given(dev, [("ce-2023-11-02", "horrific and appalling",
                       "United Nations Secretary-General António Guterres", None)])
    assert out.loc[0, "claimant_id"].startswith("person:antonio")
    assert (out.loc[0, "claimant_side"], out.loc[0, "claimant_kind"]) == ("independent",
                                                                          "international")


def test_local_authorities_and_a_state_spokesperson(dev):
    # "Authorities in Touboro, North Region, Cameroon confirm that over 30 people ... were
    # abducted" (2023-10-23); "Afghanistan spokesperson Zabihullah Mujahid says Pakistan
    # launched an airstrike ..., while the Pakistani government says ..." (2025-10-10)
    out = given(dev, [("ce-2023-10-23", "Touboro",
                       "Authorities in Touboro, North Region, Cameroon", None),
                      ("ce-2025-10-10", "Paktia Province",
                       "Afghanistan spokesperson Zabihullah Mujahid", None),
                      ("ce-2025-10-10", "use Afghanistan as a base", "the Pakistani government",
                       None)])
    assert out["claimant_id"].tolist()[0] == "cameroon:local:touboro"
    assert out["claimant_kind"].tolist() == ["local official", "government", "government"]
    assert out["claimant_side"].tolist() == ["Cameroon", "Afghanistan", "Pakistan"]
    assert out.loc[2, "claimant_id"] == "pakistan:government"


@pytest.fixture(scope="module")
def followed(dev):
    from geo.disputes import find_disputes
    from geo.extract import extract_claims

    arts = pd.DataFrame([dev[a] for a in ("ce-2024-06-06", "ce-2023-11-09", "ce-2023-11-07")])
    claims = extract_claims(arts[["id", "published", "text"]])
    return claims.assign(contest_id=find_disputes(claims)["contest_id"])


def test_a_denial_in_the_next_sentence_disputes_the_claims(followed):
    # "The Houthis and the Islamic Resistance in Iraq claim to have launched two joint
    # military attacks against ships at the Port of Haifa in Israel. However, Israel denies
    # the claims." (2024-06-06)
    mine = followed[followed["article_id"] == "ce-2024-06-06"]
    houthis = mine[mine["claimant_id"] == "group:houthis"]
    israel = mine[mine["claimant_id"] == "israel:government"]
    assert len(houthis) and len(israel)
    assert set(israel["stance"]) == {"denied"} and set(houthis["stance"]) == {"asserted"}
    assert israel["sentence"].str.contains("Israel denies the claims").all()
    assert set(israel["place_id"]) == set(houthis["place_id"])
    assert set(israel["actor"]) == set(houthis["actor"]) == {"Houthis"}
    # the geocoder places the item at "Iraq" (of "Islamic Resistance in Iraq"), a country,
    # which disputes leave out; at the port the item names the two claims are one dispute
    from geo.disputes import find_disputes

    at_haifa = pd.concat([houthis, israel]).assign(
        feature_class="settlement", geo_precision=1, latitude=32.82, longitude=34.99,
        country_code="IL", admin1="Haifa", place_id="test:haifa")
    contest = find_disputes(at_haifa)["contest_id"]
    assert contest.notna().all() and contest.nunique() == 1


def test_a_claim_of_responsibility_names_the_claimant_of_its_own_side_only(followed):
    # "An unidentified drone strikes a building in the port city of Eilat, after Israel
    # intercepts a ballistic missile ... The Yemen-based Houthis claim responsibility, ..."
    # (2023-11-09): the Houthis claim the strike, not Israel's interception
    mine = followed[followed["article_id"] == "ce-2023-11-09"]
    strike = mine[mine["claim_type"] == "strike"]
    assert len(strike) and set(strike["claimant_id"]) == {"group:houthis"}
    assert set(strike["actor"]) == {"Houthis"}
    assert not (mine[mine["actor"] == "Israel"]["claimant_id"] == "group:houthis").any()


def test_an_accusation_in_the_next_sentence_names_claimant_and_actor(followed):
    # "A drone strike kills four people and injures six others in Bago Region, Myanmar.
    # State media accuses the PDF of carrying out the attack." (2023-11-07)
    mine = followed[(followed["article_id"] == "ce-2023-11-07")
                    & followed["sentence"].str.startswith("A drone strike")]
    assert len(mine) and set(mine["claimant"]) == {"State media"}
    assert set(mine["claimant_id"]) == {"myanmar:state-media"}
