"""Claimant identity and disputes on real reporting (the development part of a real set).

The sentences are items of Wikipedia's *Portal:Current events* pages (© Wikipedia
contributors, CC BY-SA 4.0; ``tests/data/claimants/real/README.md`` gives the pages and
revisions), quoted verbatim. Only the development part of that set is used here; its
held-out part is for the figures of ``benchmarks/bench_claimants.py`` alone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from geo.claimants import resolve_claimants
from geo.disputes import find_disputes

REAL = Path(__file__).resolve().parent / "data" / "claimants" / "real"


@pytest.fixture(scope="module")
def real():
    arts = [json.loads(x) for x in (REAL / "articles.jsonl").read_text().splitlines() if x]
    gold = [json.loads(x) for x in (REAL / "gold.jsonl").read_text().splitlines() if x]
    dev = {a["id"]: a for a in arts if a["part"] == "development"}
    return dev, [g for g in gold if g["article_id"] in dev]


def resolved(dev, mentions, cc=None):
    """Resolve gold mentions (article id, hint, phrase) in their articles' texts."""
    rows = []
    for aid, hint, phrase in mentions:
        sentences = re.split(r"(?<=\.)\s+(?=[A-Z])|\n", dev[aid]["text"])
        i = next(k for k, s in enumerate(sentences) if hint in s)
        rows.append({"article_id": aid, "sentence_index": i, "sentence": sentences[i],
                     "claimant": phrase, "country_code": cc})
    out = resolve_claimants(pd.DataFrame(rows), {a: d["text"] for a, d in dev.items()})
    return out["claimant_id"].tolist(), out["claimant_side"].tolist()


def test_the_development_part_quotes_its_pages(real):
    dev, gold = real
    assert len(dev) == 8 and len(gold) == 12
    for g in gold:
        assert g["phrase"] in dev[g["article_id"]]["text"]
        assert dev[g["article_id"]]["url"].startswith(
            "https://en.wikipedia.org/wiki/Portal:Current_events/")


def test_spellings_of_two_defence_ministries_real(real):
    dev, _ = real
    # "Russia's defence ministry says that its forces have taken full control of Soledar"
    # (2023-01-13); "The Russian Defence Ministry confirms the withdrawal of troops"
    # (2022-09-10); "The Ukrainian Defence Ministry rejects this claim" (2023-05-20)
    ids, sides = resolved(dev, [
        ("ce-2023-01-13", "Soledar", "Russia's defence ministry"),
        ("ce-2022-09-10", "confirms the withdrawal", "The Russian Defence Ministry"),
        ("ce-2023-05-20", "rejects this claim", "The Ukrainian Defence Ministry")])
    assert ids == ["russia:defence-ministry", "russia:defence-ministry",
                   "ukraine:defence-ministry"]
    assert sides == ["Russia", "Russia", "Ukraine"]


def test_a_transliteration_and_a_metonym_real(real):
    dev, _ = real
    # "Commander-in-Chief Oleksandr Syrskyi announces the full withdrawal ..." (2024-02-17);
    # "Russia claims that it captured the village of Tymofiivka" (2024-08-06)
    ids, sides = resolved(dev, [
        ("ce-2024-02-17", "Avdiivka", "Commander-in-Chief Oleksandr Syrskyi"),
        ("ce-2024-08-06", "Tymofiivka", "Russia")])
    assert ids == ["person:oleksandr-syrsky", "russia:government"]
    assert sides == ["Ukraine", "Russia"]


def test_references_back_real(real):
    dev, _ = real
    # "The Sudanese military is said to have retaken control ... The military says Khartoum
    # International Airport remains under the control of Rapid Support Forces" (2023-04-16)
    ids, sides = resolved(dev, [("ce-2023-04-16", "remains under the control", "The military")])
    named, _ = resolved(dev, [("ce-2023-04-16", "retaken", "The Sudanese military")])
    assert ids == named and ids[0] is not None
    # "the paramilitary Rapid Support Forces (RSF) mobilized. The RSF claims ..." (2023-04-15)
    ids, sides = resolved(dev, [("ce-2023-04-15", "captured Khartoum", "The RSF"),
                                ("ce-2023-04-15", "three days after",
                                 "Rapid Support Forces")])
    assert ids[0] == ids[1] == "group:rapid-support-forces"
    # "... according to Russian-appointed local officials. The officials added that ten
    # others were rescued" (2024-02-03): the same officials, speaking for Russia
    ids, sides = resolved(dev, [
        ("ce-2024-02-03", "28 civilians", "Russian-appointed local officials"),
        ("ce-2024-02-03", "ten others were rescued", "The officials")], cc="UA")
    assert ids[0] == ids[1] and sides == ["Russia", "Russia"]


def real_claim(aid, ctype, actor, claimant, cid, side, trigger, sentence, day, lat, lon,
               stance="asserted"):
    return {"claim_id": f"{aid}-{cid}", "article_id": aid, "claim_type": ctype,
            "actor": actor, "claimant": claimant, "claimant_id": cid, "claimant_side": side,
            "trigger": trigger, "stance": stance, "sentence": sentence, "event_date": day,
            "published": day, "latitude": lat, "longitude": lon,
            "feature_class": "settlement", "geo_precision": 1, "admin1": "Donetsk",
            "country_code": "UA"}


BAKHMUT = (48.5956, 38.0003)  # lat, lon
SOLEDAR = (48.6833, 38.0833)


def test_capture_against_still_holding_real(real):
    dev, _ = real
    text = dev["ce-2023-05-20"]["text"]
    claims = pd.DataFrame([
        real_claim("ce-2023-05-20", "control", "Wagner Group", "Yevgeny Prigozhin",
                   "person:yevgeny-prigozhin", "Russia", "captured", text, "2023-05-20",
                   *BAKHMUT),
        real_claim("ce-2023-05-20b", "control", "Ukraine", "The Ukrainian Defence Ministry",
                   "ukraine:defence-ministry", "Ukraine", "still control", text,
                   "2023-05-20", *BAKHMUT),
        # the Russian defence ministry on Soledar, 13 km away and four months earlier
        real_claim("ce-2023-01-13", "control", "Russia", "Russia's defence ministry",
                   "russia:defence-ministry", "Russia", "taken full control",
                   dev["ce-2023-01-13"]["text"], "2023-01-13", *SOLEDAR)])
    found = find_disputes(claims)
    assert found["contest_id"].iloc[0] == found["contest_id"].iloc[1]
    assert found["contest_id"].iloc[0].startswith("contest:")
    assert pd.isna(found["contest_id"].iloc[2])


def test_a_denied_fall_against_a_capture_real(real):
    dev, _ = real
    # "Russia's defence ministry says that its forces have taken full control of Soledar
    # ... However, Ukraine denies the fall of the city and its salt mines"
    text = dev["ce-2023-01-13"]["text"]
    claims = pd.DataFrame([
        real_claim("a", "control", "Russia", "Russia's defence ministry",
                   "russia:defence-ministry", "Russia", "taken full control", text,
                   "2023-01-13", *SOLEDAR),
        real_claim("b", "control", None, "Ukraine", "ukraine:government", "Ukraine",
                   "fall", text, "2023-01-13", *SOLEDAR, stance="denied")])
    found = find_disputes(claims)
    assert found["contest_id"].notna().all() and found["contest_id"].nunique() == 1


def test_agreeing_reports_are_no_dispute_real(real):
    dev, _ = real
    # Ukrainian troops retake Kupiansk and the Russian Defence Ministry confirms the
    # withdrawal of its troops (2022-09-10): a gain and the other side's loss agree (the
    # retaking is the portal's own statement: an independent claimant)
    text = dev["ce-2022-09-10"]["text"]
    kup = (49.7106, 37.6153)
    claims = pd.DataFrame([
        real_claim("a", "control", "Ukraine", "Wikipedia", "media:wikipedia", "independent",
                   "retake", text, "2022-09-10", *kup),
        real_claim("b", "control", "Russia", "The Russian Defence Ministry",
                   "russia:defence-ministry", "Russia", "withdrawal", text, "2022-09-10",
                   *kup)])
    assert find_disputes(claims)["contest_id"].isna().all()
