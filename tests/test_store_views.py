"""Per-filter reads for the dashboard's timeline and articles pages, on both back ends.

Each must equal what the page computes from every claim loaded (``geo.appstate``).
"""

from __future__ import annotations

import pandas as pd
import pytest
from postgis_server import postgis_server, postgis_url  # noqa: F401

from geo.appstate import articles_table, daily_counts
from geo.filters import ClaimFilter, apply_filter
from geo.store import open_store
from geo.synthetic import synthetic_articles, synthetic_claims

BACKENDS = ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)]

FILTERS = [
    None,
    ClaimFilter(date_from="2024-03-05", date_to="2024-07-20", claim_types=("strike",)),
    ClaimFilter(bbox=(36.5, 47.0, 39.0, 49.0), countries=("UA",)),
    ClaimFilter(actors=("russia",), date_from="2024-05-01"),  # not exact in SQL
]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    target = (str(tmp_path / "claims.gpkg") if request.param == "gpkg"
              else request.getfixturevalue("postgis_url"))
    s = open_store(target)
    s.ingest(synthetic_articles(300, seed=4), synthetic_claims(1200, seed=4))
    yield s
    s.close()


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_day_counts_equal_the_timeline_of_the_loaded_claims(store, flt):
    claims = store.claims()
    view = apply_filter(claims, flt) if flt is not None else claims
    expected = daily_counts(view)
    got = store.day_counts(flt)
    assert len(got) and got["claims"].sum() == expected["claims"].sum()
    expected = expected.assign(date=expected["date"].dt.strftime("%Y-%m-%d"),
                               claim_type=expected["claim_type"].astype(str))
    pd.testing.assert_frame_equal(got.astype({"claim_type": str}), expected,
                                  check_dtype=False)


@pytest.mark.parametrize("flt", FILTERS, ids=range(len(FILTERS)))
def test_article_pages_equal_the_articles_list(store, flt):
    articles = store.articles()
    claims = store.claims()
    view = apply_filter(claims, flt) if flt is not None else claims
    expected = articles_table(articles, view, flt)
    dates = (flt.date_from, flt.date_to) if flt is not None else (None, None)
    assert store.articles_count(*dates) == len(expected)
    pages = []
    for offset in range(0, len(expected), 70):
        page = store.articles_page(*dates, limit=70, offset=offset)
        counts = store.claims_per_article(flt, page["id"])
        pages.append(page.assign(claims=page["id"].map(counts).fillna(0).astype(int)))
    got = pd.concat(pages, ignore_index=True)
    cols = ["id", "published", "title", "source", "claims"]
    pd.testing.assert_frame_equal(got[cols], expected[cols], check_dtype=False)
    assert got["claims"].sum() == view["article_id"].isin(expected["id"]).sum()


def test_article_text_search(store):
    articles = store.articles()
    word = str(articles["title"].dropna().iloc[0]).split()[0]
    flt = ClaimFilter(text=word.upper())
    expected = articles_table(articles, store.claims().iloc[:0], flt)
    assert store.articles_count(text=word.upper()) == len(expected) > 0
    page = store.articles_page(text=word.upper(), limit=10_000)
    assert page["id"].tolist() == expected["id"].tolist()
