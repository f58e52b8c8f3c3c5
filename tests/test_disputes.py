"""Disputes: incompatible claims of different sides about one place and period share an id.

The end-to-end case extracts claims from sentences in wire style modelled on the dispute over
Kupiansk reported on 20-21 November 2025 (Russia's chief of the General Staff said Russian
forces had taken the city, Ukraine's General Staff said it remained under Ukrainian control);
the wording is this test's own (the reports are not openly licensed).
"""

from __future__ import annotations

import pandas as pd
import pytest

from geo.disputes import assertions, find_disputes

# Robotyne, Zaporizhzhia (lat, lon)
ROB = (47.4503, 35.8411)
# Verbove, about 9 km east of Robotyne
VER = (47.4611, 35.9639)


def claim(cid, ctype, actor, side, claimant_id, day, where=ROB, *, trigger="captured",
          sentence="", fc="settlement", admin1="Zaporizhzhia", cc="UA"):
    return {"claim_id": cid, "claim_type": ctype, "actor": actor, "claimant_side": side,
            "claimant_id": claimant_id, "claimant": claimant_id, "event_date": day,
            "published": day, "latitude": where[0], "longitude": where[1],
            "feature_class": fc, "geo_precision": 1 if fc == "settlement" else 3,
            "admin1": admin1, "country_code": cc, "trigger": trigger,
            "sentence": sentence or f"{claimant_id} said {trigger}."}


def frame(*rows):
    return pd.DataFrame(list(rows)).set_index("claim_id", drop=False)


def test_capture_against_holding_is_a_contest():
    f = frame(claim("a", "control", "Russia", "Russia", "russia:defence-ministry", "2024-05-15"),
              claim("b", "control", "Ukraine", "Ukraine", "ukraine:military", "2024-05-16",
                    trigger="held"))
    out = find_disputes(f)
    assert out.loc["a", "contest_id"] == out.loc["b", "contest_id"]
    assert out.loc["a", "contest_id"].startswith("contest:")


def test_advance_against_repelled_is_a_contest_and_spans_a_few_km():
    f = frame(claim("a", "advance", "Russia", "Russia", "russia:defence-ministry", "2024-05-15",
                    trigger="advanced"),
              claim("b", "repelled", "Ukraine", "Ukraine", "ukraine:general-staff",
                    "2024-05-15", where=(47.46, 35.85), trigger="repelled"))
    out = find_disputes(f)
    assert out["contest_id"].notna().all() and out["contest_id"].nunique() == 1


def test_strike_against_denial_is_a_contest():
    f = frame(claim("a", "strike", "Russia", "Ukraine", "ukraine:government", "2024-05-15",
                    trigger="struck", sentence="Officials said Russian missiles struck the "
                                               "hospital."),
              claim("b", "strike", "Russia", "Russia", "russia:defence-ministry", "2024-05-15",
                    trigger="struck", sentence="The ministry denied that its forces struck "
                                               "the hospital."))
    out = find_disputes(f)
    assert out["contest_id"].nunique() == 1 and out["contest_id"].notna().all()


def test_agreeing_claims_are_not_contested_and_count_supporters():
    f = frame(claim("a", "control", "Russia", "Russia", "russia:defence-ministry", "2024-05-15"),
              claim("b", "control", "Russia", "independent", "analyst:isw", "2024-05-17",
                    trigger="seized"),
              claim("c", "control", "Russia", "Russia", "russia:defence-ministry",
                    "2024-05-16"),
              claim("d", "control", "Ukraine", "Ukraine", "ukraine:military", "2024-05-17",
                    trigger="withdrew"))
    out = find_disputes(f)
    assert out["contest_id"].isna().all()  # a withdrawal agrees with the capture
    assert out.loc["a", "support_count"] == 2  # the ministry (twice) and ISW
    assert out.loc["b", "support_count"] == 2


def test_same_side_disagreement_is_not_a_dispute():
    f = frame(claim("a", "control", "Russia", "Russia", "russia:defence-ministry", "2024-05-15"),
              claim("b", "control", "Ukraine", "Russia", "person:igor-konashenkov",
                    "2024-05-15", trigger="held"))
    assert find_disputes(f)["contest_id"].isna().all()


@pytest.mark.parametrize(("where", "day"), [(VER, "2024-05-15"), (ROB, "2024-06-15")])
def test_other_place_or_other_month_is_no_dispute(where, day):
    f = frame(claim("a", "control", "Russia", "Russia", "russia:defence-ministry", "2024-05-15"),
              claim("b", "control", "Ukraine", "Ukraine", "ukraine:military", day,
                    where=where, trigger="held"))
    assert find_disputes(f)["contest_id"].isna().all()


def test_region_level_claims_meet_by_region():
    f = frame(claim("a", "control", "Russia", "Russia", "russia:defence-ministry", "2024-05-15",
                    fc="admin1", where=(47.5, 35.5)),
              claim("b", "control", "Ukraine", "Ukraine", "ukraine:military", "2024-05-15",
                    fc="admin1", where=(47.0, 35.0), trigger="held"),
              claim("c", "control", "Ukraine", "Ukraine", "ukraine:military", "2024-05-15",
                    fc="admin1", admin1="Kherson", trigger="held"))
    out = find_disputes(f)
    assert out.loc["a", "contest_id"] == out.loc["b", "contest_id"]
    assert pd.isna(out.loc["c", "contest_id"])


def test_contest_id_is_deterministic_and_order_free():
    rows = [claim("a", "control", "Russia", "Russia", "russia:defence-ministry", "2024-05-15"),
            claim("b", "control", "Ukraine", "Ukraine", "ukraine:military", "2024-05-16",
                  trigger="held")]
    one = find_disputes(frame(*rows))
    two = find_disputes(frame(*reversed(rows)))
    assert one.loc["a", "contest_id"] == two.loc["a", "contest_id"]


def test_denial_needs_to_govern_the_claim():
    f = frame(claim("a", "control", "Ukraine", "Ukraine", "ukraine:military", "2024-05-15",
                    trigger="held", sentence="Ukraine's military denied that, saying its "
                                             "troops still held positions in the village."))
    assert not assertions(f)["denied"].iloc[0]


def test_empty_and_unplaced_frames():
    assert find_disputes(pd.DataFrame(columns=["claim_type"])).empty
    f = frame(claim("a", "casualties", None, None, None, "2024-05-15"))
    out = find_disputes(f)
    assert out["contest_id"].isna().all() and out["support_count"].isna().all()


def test_extracted_dispute(nlp, gazetteer, geocoder):
    from geo.claimants import resolve_claimants
    from geo.extract import Resources, extract_claims
    from geo.places.matcher import ToponymMatcher

    arts = pd.DataFrame([
        {"id": "ru", "published": "2025-11-21",
         "text": "The chief of Russia's General Staff said on Thursday that Russian forces had "
                 "captured the city of Kupiansk in the Kharkiv region."},
        {"id": "ua", "published": "2025-11-21",
         "text": "Ukraine's General Staff said Kupiansk remained under the control of Ukrainian "
                 "forces. Its troops had repelled 12 Russian attacks near Kupiansk, the "
                 "General Staff said."},
        {"id": "isw", "published": "2025-11-22",
         "text": "Russian forces advanced in central Kupiansk, the Institute for the Study of "
                 "War said."},
    ])
    res = Resources(nlp=nlp, gazetteer=gazetteer, matcher=ToponymMatcher(gazetteer),
                    geocoder=geocoder)
    claims = resolve_claimants(extract_claims(arts, res),
                               dict(zip(arts["id"], arts["text"], strict=True)))
    out = claims.drop(columns=["contest_id", "support_count"]).join(find_disputes(claims))
    kup = out[out["place_name"].astype("string").str.startswith("Kup", na=False)]
    by = {a: kup[kup["article_id"] == a] for a in ("ru", "ua", "isw")}
    assert all(len(v) for v in by.values())
    assert by["ru"]["claimant_id"].tolist() == ["russia:general-staff"]
    assert by["ua"]["claimant_id"].tolist() == ["ukraine:general-staff"]
    assert kup["contest_id"].nunique() == 1 and kup["contest_id"].notna().all()
    # ISW agrees with the capture: two claimants back it
    assert by["ru"]["support_count"].tolist() == [2]


def test_extracted_denial_is_a_claim_of_the_denier(nlp, gazetteer, geocoder):
    """A denied strike is kept with stance "denied", its claimant the denier, and disputed.

    Wording of this test's own, modelled on reports of the Okhmatdyt hospital strike in
    Kyiv on 8 July 2024 (Ukraine said a Russian missile hit it; Russia's defence ministry
    denied striking it).
    """
    from geo.claimants import resolve_claimants
    from geo.extract import Resources, extract_claims
    from geo.places.matcher import ToponymMatcher

    arts = pd.DataFrame([
        {"id": "ua", "published": "2024-07-08",
         "text": "Ukrainian officials said a Russian missile struck a children's hospital in "
                 "Kyiv on Monday."},
        {"id": "ru", "published": "2024-07-08",
         "text": "Russia's defence ministry denied that its forces had struck the hospital in "
                 "Kyiv on Monday."},
        {"id": "no", "published": "2024-07-08",
         "text": "Moscow did not deny that its forces struck the hospital in Kyiv."},
    ])
    res = Resources(nlp=nlp, gazetteer=gazetteer, matcher=ToponymMatcher(gazetteer),
                    geocoder=geocoder)
    claims = resolve_claimants(extract_claims(arts, res),
                               dict(zip(arts["id"], arts["text"], strict=True)))
    by = {a: claims[claims["article_id"] == a] for a in ("ua", "ru", "no")}
    assert by["ua"]["stance"].tolist() == ["asserted"]
    assert by["ru"]["stance"].tolist() == ["denied"]
    assert by["ru"]["claimant_id"].tolist() == ["russia:defence-ministry"]
    assert by["ru"]["claim_type"].tolist() == ["strike"]
    assert by["no"].empty or (by["no"]["stance"] != "denied").all()
    out = find_disputes(pd.concat([by["ua"], by["ru"]]))
    assert out["contest_id"].notna().all() and out["contest_id"].nunique() == 1


def test_denied_loss_is_the_deniers_holding():
    f = frame(claim("a", "control", "Russia", "Russia", "russia:defence-ministry",
                    "2024-05-15", trigger="taken full control"),
              dict(claim("b", "control", None, "Ukraine", "ukraine:government", "2024-05-15",
                         trigger="fall"), stance="denied"))
    a = assertions(f)
    assert a.loc["b", "party"] == "Ukraine" and bool(a.loc["b", "denied"])
    out = find_disputes(f)
    assert out["contest_id"].nunique() == 1 and out["contest_id"].notna().all()
