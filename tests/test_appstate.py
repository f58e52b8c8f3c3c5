"""The dashboard's pure logic: filter <-> URL, options, tables, comparison series."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from geo import appstate
from geo.filters import ClaimFilter, apply_filter
from geo.synthetic import synthetic_claims


def test_filter_url_round_trip() -> None:
    flt = ClaimFilter(date_from="2024-02-01", date_to="2024-02-29", claim_types=("control",),
                      actors=("Russia",), claimants=("Governor, the",), countries=("ua",),
                      admin1=("Kursk",), text="captured")
    params = appstate.params_from_filter(flt)
    assert params["from"] == "2024-02-01" and params["country"] == "UA"
    back, warnings = appstate.filter_from_params(params)
    assert back == flt and warnings == []


def test_bad_url_parameters_are_dropped_with_a_warning() -> None:
    flt, warnings = appstate.filter_from_params({"from": "yesterday", "type": "control",
                                                 "to": "2024-13-45", "zzz": "1"})
    assert flt == ClaimFilter(claim_types=("control",))
    assert len(warnings) == 2 and any("from" in w for w in warnings)


def test_filter_from_widgets_full_range_is_no_constraint() -> None:
    full = (dt.date(2024, 1, 1), dt.date(2024, 12, 30))
    flt = appstate.filter_from_widgets(full, [], [], [], [], [], "", full_range=full)
    assert flt.is_empty()
    flt = appstate.filter_from_widgets((dt.date(2024, 1, 1), dt.date(2024, 3, 1)), ["strike"],
                                       [], [], ["UA"], [], " shelling ", full_range=full)
    assert flt.date_from is None and flt.date_to == "2024-03-01"
    assert flt.claim_types == ("strike",) and flt.text == "shelling"
    # one date while the user is still picking the range
    flt = appstate.filter_from_widgets((dt.date(2024, 2, 1),), [], [], [], [], [], None)
    assert flt.date_from == "2024-02-01" and flt.date_to is None


def test_filter_options_cover_the_data_and_the_selection() -> None:
    claims = synthetic_claims(300, seed=1)
    opts = appstate.filter_options(claims)
    assert opts.date_min.isoformat() == claims["event_date"].min()
    assert opts.date_max.isoformat() == claims["event_date"].max()
    assert set(opts.claim_types) == set(claims["claim_type"])
    assert "Reuters" in opts.claimants and "UA" in opts.countries
    flt = ClaimFilter(claimants=("Nobody",), date_from="2023-01-01")
    opts = appstate.filter_options(claims, flt)
    assert "Nobody" in opts.claimants and opts.date_min == dt.date(2023, 1, 1)
    empty = appstate.filter_options(synthetic_claims(0))
    assert empty.date_min == empty.date_max and empty.claim_types == []


def test_claims_table_most_recent_first() -> None:
    claims = synthetic_claims(50, seed=2)
    table = appstate.claims_table(claims)
    assert list(table.columns) == list(appstate.TABLE_COLUMNS)
    assert len(table) == 50
    assert list(table["date"]) == sorted(table["date"], reverse=True)


def test_daily_counts_sum_to_the_claims() -> None:
    claims = synthetic_claims(500, seed=3)
    daily = appstate.daily_counts(claims)
    assert daily["claims"].sum() == 500
    assert daily.groupby("claim_type")["claims"].sum().to_dict() == \
        claims["claim_type"].value_counts().to_dict()
    assert appstate.daily_counts(claims.iloc[0:0]).empty


def _kursk_claims() -> pd.DataFrame:
    claims = synthetic_claims(6, seed=9)
    claims["admin1"] = ["Kursk", "Kursk", "Kursk", "Kursk", "Donetsk", "Kursk"]
    claims["claimant"] = ["Oleksandr Syrsky", "Institute for the Study of War",
                          "Alexei Smirnov", None, "Oleksandr Syrsky", "Oleksandr Syrsky"]
    claims["quantity"] = pd.array([1000, 800, 28, 5, 40, None], dtype="Float64")
    claims["unit"] = ["km2", "km2", "settlements", "km", "settlements", None]
    claims["event_date"] = ["2024-08-12", "2024-08-14", "2024-08-12", "2024-08-10",
                            "2024-08-11", "2024-08-09"]
    return claims


def test_comparison_series_for_a_region() -> None:
    claims = _kursk_claims()
    assert appstate.comparison_regions(claims)[0] == "Kursk"
    series = appstate.comparison_series(claims, "kursk")
    assert len(series) == 4  # the unquantified claim and the Donetsk one are left out
    assert list(series["date"]) == sorted(series["date"])
    assert set(series["claimant"]) == {"Oleksandr Syrsky", "Institute for the Study of War",
                                       "Alexei Smirnov", "unattributed"}
    syrsky = series[series["claimant"] == "Oleksandr Syrsky"].iloc[0]
    assert syrsky["quantity"] == 1000 and syrsky["unit"] == "km2"
    assert syrsky["sentence"]  # the evidence travels with the point
    assert appstate.comparison_series(claims, "Nowhere").empty


def test_comparison_takes_country_level_claims_of_the_same_articles() -> None:
    claims = _kursk_claims()
    claims["article_id"] = ["a1", "a1", "a1", "a2", "a3", "a1"]
    claims["country_code"] = ["RU", "RU", "RU", "RU", "UA", "RU"]
    claims["feature_class"] = ["country", "country", "admin1", "admin1", "admin1", "admin1"]
    claims.loc[claims.index[:2], ["admin1", "place_name"]] = [None, "Russia"]
    other = claims.iloc[[0]].assign(article_id="a9", claim_id="elsewhere")  # unrelated article
    claims = pd.concat([claims, other], ignore_index=True)
    series = appstate.comparison_series(claims, "Kursk")
    assert set(series["claim_id"]) == set(claims["claim_id"].iloc[[0, 1, 2, 3]])
    assert set(series.loc[series["scope"] != "region", "claimant"]) == {
        "Oleksandr Syrsky", "Institute for the Study of War"}
    narrow = appstate.comparison_series(claims, "Kursk", country_level=False)
    assert set(narrow["claim_id"]) == set(claims["claim_id"].iloc[[2, 3]])
    assert appstate.comparison_regions(claims) == ["Kursk", "Donetsk"]


def test_pasted_article_is_a_stable_jsonl_record() -> None:
    name, data = appstate.pasted_article("Forces captured the town.", dt.date(2024, 8, 12),
                                         title="T", url="")
    record = json.loads(data)
    assert name.endswith(".jsonl") and record["published"] == "2024-08-12"
    assert record["url"] is None and record["title"] == "T"
    assert record["id"] == json.loads(appstate.pasted_article(
        "Forces captured the town.", "2024-08-12")[1])["id"]


def test_filtered_is_the_shared_filter() -> None:
    claims = synthetic_claims(200, seed=4)
    flt = ClaimFilter(claim_types=("strike", "control"), date_to="2024-06-30")
    assert appstate.filtered(claims, flt).equals(apply_filter(claims, flt))


def test_articles_table_uses_dates_and_text() -> None:
    articles = pd.DataFrame({"id": ["a", "b", "c"], "published": ["2024-01-05", "2024-02-05",
                                                                  "2024-03-05"],
                             "title": ["Kursk front", "Sudan", "Gaza"],
                             "text": ["...", "Shelling in Khartoum", "..."],
                             "source": None, "url": None})
    claims = synthetic_claims(3, seed=1)
    claims["article_id"] = ["a", "a", "b"]
    table = appstate.articles_table(articles, claims)
    assert list(table["id"]) == ["c", "b", "a"] and list(table["claims"]) == [0, 1, 2]
    flt = ClaimFilter(date_from="2024-02-01")
    assert list(appstate.articles_table(articles, claims, flt)["id"]) == ["c", "b"]
    assert list(appstate.articles_table(articles, claims, ClaimFilter(text="khartoum"))["id"]) \
        == ["b"]


def test_md_escape_neutralises_markdown() -> None:
    text = "[click](javascript:alert(1)) **bold** <img src=x onerror=1> `code` # h"
    out = appstate.md_escape(text)
    for raw in ("[click]", "](", "**", "`code`"):
        assert raw not in out
    assert "\\<img" in out
    assert out.replace("\\", "") == text


def test_tables_only_link_web_urls() -> None:
    claims = synthetic_claims(4, seed=6)
    claims["url"] = ["javascript:alert(1)", " https://example.org/a ", "data:text/html,x", None]
    urls = appstate.claims_table(claims).set_index("claim_id").loc[claims["claim_id"], "url"]
    assert list(urls.fillna("-")) == ["-", "https://example.org/a", "-", "-"]
    articles = pd.DataFrame({"id": ["a"], "published": ["2024-01-01"], "title": ["t"],
                             "source": [None], "url": ["JavaScript:alert(1)"]})
    assert appstate.articles_table(articles, claims)["url"].isna().all()


def test_claimant_widgets_and_colour_mode() -> None:
    full = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    flt = appstate.filter_from_widgets(full, [], [], [], [], [], "", full_range=full,
                                       claimant_sides=["Russia"], assessment="parties",
                                       contested=True)
    assert (flt.claimant_sides, flt.assessment, flt.contested) == (("Russia",), "parties", True)
    params = appstate.params_from_filter(flt)
    assert params["side"] == "Russia" and params["by"] == "parties" and params["contested"] == "1"
    opts = appstate.filter_options(synthetic_claims(200), flt)
    assert {"Russia", "Ukraine", "independent"} <= set(opts.claimant_sides)
    assert appstate.color_mode({"color": "side"}) == "side"
    assert appstate.color_mode({"color": "<script>"}) == "type"
    assert appstate.color_mode({}) == "type"


def test_comparison_series_merges_spellings_of_one_claimant() -> None:
    claims = synthetic_claims(400, seed=2)
    claims["admin1"] = "Kursk"
    claims["unit"] = "settlements"
    claims["quantity"] = 5.0
    claims["feature_class"] = "admin1"
    spelled = claims["claimant_id"] == "person:oleksandr-syrsky"
    claims.loc[spelled[spelled].index[::2], "claimant"] = "Oleksandr Syrskyi"
    series = appstate.comparison_series(claims, "Kursk")
    assert "Oleksandr Syrskyi" not in set(series["claimant"])
    assert "Oleksandr Syrsky" in set(series["claimant"])
