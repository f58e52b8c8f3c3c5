"""Format checks of the second development set in tests/devset2/ (no score threshold).

Every gold line has the seed gold's fields, its hint is found after the scorer's
normalisation inside one line (one sentence) of its article, its places are GeoNames
settlement points, admin-1 representative points or country codes, its dates are valid
and not after publication, and the no-conflict articles (``dev2-nx-*``) carry no
required claim.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from goldsets import (
    check_claimants_in_text,
    check_gold_lines,
    check_gold_unique,
    check_places,
    check_region_points,
    check_settlement_points,
    norm,
    read_jsonl,
)

from geo.sources import read_articles

ROOT = Path(__file__).resolve().parent.parent
DEVSET2 = ROOT / "tests" / "devset2"
ARTICLES = DEVSET2 / "articles.jsonl"
GOLD = DEVSET2 / "gold.jsonl"


@pytest.fixture(scope="module")
def raw_articles() -> list[dict]:
    return read_jsonl(ARTICLES)


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return read_jsonl(GOLD)


def test_articles_are_read_by_ingest(raw_articles):
    df = read_articles(ARTICLES)
    assert len(df) == len(raw_articles) == 20
    assert df["id"].is_unique
    for row in raw_articles:
        assert set(row) == {"id", "published", "title", "source", "text"}, row["id"]
        assert row["published"] == dt.date.fromisoformat(row["published"]).isoformat()
        assert all(isinstance(row[k], str) and row[k].strip() for k in row), row["id"]


def test_articles_have_5_to_12_sentences(raw_articles):
    for row in raw_articles:
        # one sentence per line in this set
        lines = [line for line in row["text"].split("\n") if line.strip()]
        assert 5 <= len(lines) <= 12, (row["id"], len(lines))


def test_gold_lines_well_formed(gold, raw_articles):
    check_gold_lines(gold, {r["id"]: dt.date.fromisoformat(r["published"])
                            for r in raw_articles})


def test_hints_and_claimants_lie_in_one_line_of_their_article(gold, raw_articles):
    lines = {r["id"]: [norm(line) for line in r["text"].split("\n")] for r in raw_articles}
    for x in gold:
        hint = norm(x["hint"])
        assert any(hint in line for line in lines[x["article_id"]]), (x["article_id"], hint)
        assert not re.search(r"[.!?] [A-Z]", x["hint"]), x["hint"]
    check_claimants_in_text(gold, {r["id"]: r["text"] for r in raw_articles})


def test_places_well_formed(gold):
    check_places(gold)


def test_settlement_points_are_geonames_points(gold):
    check_settlement_points(gold)


def test_region_points_lie_in_their_admin1_region(gold):
    check_region_points(gold, ROOT / "data" / "boundaries" / "admin1.parquet",
                        exactly_one=True)


def test_gold_unique_and_no_required_claims_in_no_conflict_news(gold, raw_articles):
    check_gold_unique(gold)
    no_conflict = {r["id"] for r in raw_articles if r["id"].startswith("dev2-nx-")}
    assert len(no_conflict) == 6
    assert not [x for x in gold if x["article_id"] in no_conflict and not x["optional"]]
    conflict = {r["id"] for r in raw_articles} - no_conflict
    assert conflict <= {x["article_id"] for x in gold if not x["optional"]}
