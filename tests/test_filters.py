"""ClaimFilter: validation, matching rules of apply_filter, URL query-parameter round trip."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.filters import ClaimFilter, apply_filter, effective_date, filter_mask
from geo.schema import CLAIM_TYPES
from geo.synthetic import synthetic_claims


@pytest.fixture(scope="module")
def claims():
    c = synthetic_claims(2000, seed=3)
    # some claims without event date fall back to the publication date
    c.loc[c.index[:50], "event_date"] = pd.NA
    c.loc[c.index[:50], "published"] = "2023-12-31"
    return c


def test_empty_filter_keeps_everything(claims):
    assert ClaimFilter().is_empty()
    assert len(apply_filter(claims, ClaimFilter())) == len(claims)
    assert len(apply_filter(claims, None)) == len(claims)


def test_date_range_is_inclusive_on_effective_date(claims):
    flt = ClaimFilter(date_from="2024-03-01", date_to="2024-03-31")
    out = apply_filter(claims, flt)
    dates = effective_date(out)
    assert len(out) > 0
    assert dates.min() >= "2024-03-01" and dates.max() <= "2024-03-31"
    expected = ((effective_date(claims) >= "2024-03-01")
                & (effective_date(claims) <= "2024-03-31")).sum()
    assert len(out) == expected
    # claims without event_date are filtered on their publication date
    fallback = apply_filter(claims, ClaimFilter(date_from="2023-12-31", date_to="2023-12-31"))
    assert len(fallback) == 50 and fallback["event_date"].isna().all()


def test_datetime_and_bad_dates():
    assert ClaimFilter(date_from="2024-03-01T10:00:00Z").date_from == "2024-03-01"
    with pytest.raises(ValueError, match="date_from"):
        ClaimFilter(date_from="March 2024")
    with pytest.raises(ValueError, match="date_to"):
        ClaimFilter(date_to="2024-02-30")


def test_types_actors_claimants_countries(claims):
    out = apply_filter(claims, ClaimFilter(claim_types=("control", "strike")))
    assert set(out["claim_type"]) == {"control", "strike"}
    out = apply_filter(claims, ClaimFilter(actors=("russia",)))  # case-insensitive, whole
    assert len(out) > 0 and set(out["actor"]) == {"Russia"}
    out = apply_filter(claims, ClaimFilter(claimants=("REUTERS", "Oleksandr Syrsky")))
    assert set(out["claimant"]) == {"Reuters", "Oleksandr Syrsky"}
    out = apply_filter(claims, ClaimFilter(countries=("ua", "SD")))
    assert set(out["country_code"]) == {"UA", "SD"}
    out = apply_filter(claims, ClaimFilter(admin1=("donetsk",)))
    assert set(out["admin1"]) == {"Donetsk"}
    with pytest.raises(ValueError, match="unknown type"):
        ClaimFilter(claim_types=("battle",))
    with pytest.raises(ValueError, match="alpha-2"):
        ClaimFilter(countries=("UKR",))


def test_missing_values_never_match(claims):
    out = apply_filter(claims, ClaimFilter(actors=("Russia",)))
    assert out["actor"].notna().all()
    assert claims["actor"].isna().any()


def test_bbox_on_representative_point(claims):
    box = (36.0, 47.0, 39.0, 49.0)
    out = apply_filter(claims, ClaimFilter(bbox=box))
    assert len(out) > 0
    assert out["longitude"].between(36, 39).all() and out["latitude"].between(47, 49).all()
    inside = claims["longitude"].between(36, 39) & claims["latitude"].between(47, 49)
    assert len(out) == int(inside.sum())


def test_bbox_across_antimeridian():
    c = synthetic_claims(3, seed=1)
    c["longitude"] = [179.5, -179.5, 10.0]
    c["latitude"] = [0.0, 0.0, 0.0]
    out = apply_filter(c, ClaimFilter(bbox=(179.0, -1.0, -179.0, 1.0)))
    assert out["longitude"].tolist() == [179.5, -179.5]


@pytest.mark.parametrize("bad", ["1,2,3", "a,b,c,d", "0,50,10,40", "-200,0,0,10", "0,-95,1,1"])
def test_bbox_validation(bad):
    with pytest.raises(ValueError, match="bbox"):
        ClaimFilter(bbox=bad)


def test_text_search_spans_columns(claims):
    out = apply_filter(claims, ClaimFilter(text="<SCRIPT>alert(7)"))
    assert len(out) >= 1 and all("alert(7)" in s for s in out["sentence"])
    out = apply_filter(claims, ClaimFilter(text="syrsky"))
    assert set(out["claimant"]) == {"Oleksandr Syrsky"}


def test_filters_combine_with_and(claims):
    flt = ClaimFilter(claim_types=("strike",), countries=("UA",), date_from="2024-06-01")
    mask = filter_mask(claims, flt)
    expected = ((claims["claim_type"] == "strike") & (claims["country_code"] == "UA")
                & (effective_date(claims) >= "2024-06-01"))
    assert mask.tolist() == expected.fillna(False).tolist()


def test_apply_filter_keeps_index_and_does_not_mutate(claims):
    before = claims.copy()
    out = apply_filter(claims, ClaimFilter(claim_types=("unrest",)))
    assert out.index.isin(claims.index).all()
    pd.testing.assert_frame_equal(claims, before)


def test_query_params_round_trip_simple():
    flt = ClaimFilter(date_from="2024-01-01", date_to="2024-02-01",
                      claim_types=("control", "advance"), actors=("Russia",),
                      claimants=("Governor, Kursk", "100% sure"), countries=("ua",),
                      admin1=("Donetsk",), bbox=(30, 45.5, 40, 52), text="village, near")
    params = flt.to_query_params()
    assert params["type"] == "control,advance"
    assert params["claimant"] == "Governor%2C Kursk,100%25 sure"
    assert params["bbox"] == "30,45.5,40,52"
    assert all(isinstance(v, str) for v in params.values())
    assert ClaimFilter.from_query_params(params) == flt
    assert ClaimFilter().to_query_params() == {}


def test_query_params_lists_and_lenient_mode():
    flt = ClaimFilter.from_query_params({"type": ["control", "strike,advance"],
                                         "country": "ua", "unknown": "x"})
    assert flt.claim_types == ("control", "strike", "advance")
    assert flt.countries == ("UA",)
    with pytest.raises(ValueError):
        ClaimFilter.from_query_params({"from": "yesterday"})
    lenient = ClaimFilter.from_query_params({"from": "yesterday", "type": "strike"},
                                            strict=False)
    assert lenient.date_from is None and lenient.claim_types == ("strike",)


_names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                 max_size=12).map(str.strip).filter(bool)


@settings(max_examples=60, deadline=None)
@given(actors=st.lists(_names, max_size=3), claimants=st.lists(_names, max_size=3),
       types=st.lists(st.sampled_from(CLAIM_TYPES), max_size=3, unique=True),
       text=st.one_of(st.none(), _names),
       box=st.one_of(st.none(), st.tuples(st.floats(-180, 180), st.floats(-90, 0),
                                          st.floats(-180, 180), st.floats(0, 90))))
def test_query_params_round_trip_property(actors, claimants, types, text, box):
    flt = ClaimFilter(actors=tuple(actors), claimants=tuple(claimants),
                      claim_types=tuple(types), text=text, bbox=box)
    assert ClaimFilter.from_query_params(flt.to_query_params()) == flt


def test_claimant_identity_side_assessment_and_contested(claims):
    c = claims.copy()
    c["contest_id"] = pd.array([("contest:x" if i % 7 == 0 else None) for i in range(len(c))],
                               dtype="string")
    side = c["claimant_side"]
    by_side = apply_filter(c, ClaimFilter(claimant_sides=("russia",)))
    assert len(by_side) == (side == "Russia").sum() > 0
    parties = apply_filter(c, ClaimFilter(assessment="parties"))
    independent = apply_filter(c, ClaimFilter(assessment="independent"))
    assert len(parties) == (side.notna() & (side != "independent")).sum() > 0
    assert set(independent["claimant_side"]) == {"independent"}
    # claims without a claimant are in neither
    assert len(parties) + len(independent) == side.notna().sum() < len(c)
    ids = apply_filter(c, ClaimFilter(claimant_ids=("media:afp",)))
    assert set(ids["claimant_name"]) == {"Agence France-Presse"}
    contested = apply_filter(c, ClaimFilter(contested=True))
    assert len(contested) == c["contest_id"].notna().sum() > 0
    # frames without the columns (old exports) keep nothing for these constraints
    old = c.drop(columns=["claimant_side", "contest_id"])
    assert apply_filter(old, ClaimFilter(contested=True)).empty


def test_claimant_filters_round_trip_and_validate():
    flt = ClaimFilter(claimant_ids=("russia:defence-ministry",), claimant_sides=("Russia",),
                      assessment="parties", contested=True)
    params = flt.to_query_params()
    assert params["by"] == "parties" and params["contested"] == "1"
    assert ClaimFilter.from_query_params(params) == flt
    assert "contested" not in ClaimFilter().to_query_params()
    with pytest.raises(ValueError, match="assessment"):
        ClaimFilter(assessment="both")
    lenient = ClaimFilter.from_query_params({"by": "nobody", "contested": "maybe"},
                                            strict=False)
    assert lenient == ClaimFilter()
