"""The timeline, articles and export pages on a store larger than the app loads.

The same store and recorded reads as ``test_app_scale`` (3,000 claims, the app's load
limit at 1,000): each page reads what it shows through store queries, never every claim.
"""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest
from test_app_scale import LOAD_LIMIT, ROOT, reads, store_path, stored  # noqa: F401

from geo.appstate import PAGE_ROWS, articles_table
from geo.filters import ClaimFilter, apply_filter
from geo.store import open_store

MONTH = (dt.date(2024, 3, 1), dt.date(2024, 3, 31))  # a narrow filter: under the limit


def page(name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(f"pages/{name}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_timeline_counts_per_day_in_the_store_and_compares_only_few_claims(
        stored, reads) -> None:  # noqa: F811
    at = page("2_Timeline_and_comparison")
    assert len(at.get("vega_lite_chart")) == 1  # claims per day, counted in SQL
    assert not reads  # no claims read
    assert any(f"{len(stored):,} claims match" in i.value for i in at.info)
    assert not any(s.value == "Competing claims about a region" for s in at.subheader)

    at.sidebar.date_input(key="f_dates").set_value(MONTH).run()
    assert not at.exception, [e.value for e in at.exception]
    expected = apply_filter(stored, ClaimFilter(date_from="2024-03-01", date_to="2024-03-31"))
    assert 0 < len(expected) <= LOAD_LIMIT
    assert reads in ([], [len(expected)])  # the filtered claims (comparison, ledger), cached
    assert any(s.value == "Competing claims about a region" for s in at.subheader)


def test_articles_list_is_read_a_page_at_a_time(store_path, stored, reads) -> None:  # noqa: F811
    at = page("3_Articles_and_ingest")
    store = open_store(store_path)
    expected = articles_table(store.articles(), stored, ClaimFilter())
    assert len(expected) <= PAGE_ROWS
    table = at.dataframe[0].value
    assert list(table["id"]) == list(expected["id"])
    assert list(table["claims"]) == list(expected["claims"])
    assert not reads  # counts per article in SQL

    at.sidebar.multiselect(key="f_types").set_value(["strike"]).run()
    at.sidebar.date_input(key="f_dates").set_value(MONTH).run()
    flt = ClaimFilter(claim_types=("strike",), date_from="2024-03-01", date_to="2024-03-31")
    expected = articles_table(store.articles(), apply_filter(stored, flt), flt)
    table = at.dataframe[0].value
    assert 0 < len(table) < len(stored) // 4
    assert list(table["id"]) == list(expected["id"])
    assert list(table["claims"]) == list(expected["claims"])
    assert any(f"{len(expected):,} article(s)" in c.value for c in at.caption)


def test_export_downloads_the_filtered_claims_or_gives_the_command(stored, reads) -> None:  # noqa: F811
    at = page("4_Export")
    assert not reads
    assert any("geo export" in c.value and "--out" in c.value for c in at.code)
    assert not at.get("download_button")

    at.sidebar.date_input(key="f_dates").set_value(MONTH).run()
    assert not at.exception, [e.value for e in at.exception]
    expected = apply_filter(stored, ClaimFilter(date_from="2024-03-01", date_to="2024-03-31"))
    assert reads in ([], [len(expected)])  # the filtered claims (cached by another page)
    buttons = at.get("download_button")
    assert len(buttons) == 4 and not any(b.proto.disabled for b in buttons)
    assert any(f"**{len(expected):,} claims**" in m.value for m in at.markdown)
