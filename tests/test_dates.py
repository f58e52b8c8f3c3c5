"""Dates resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from geo.dates import find_dates, parse_published

PUB = "2024-08-15"  # a Thursday


def first(sentence: str, published: str = PUB):
    found = [d for d in find_dates(sentence, published) if not d.since]
    assert found, sentence
    return found[0].date.isoformat(), found[0].precision


@pytest.mark.parametrize(
    ("sentence", "date", "precision"),
    [
        ("Ukraine yesterday pressed its offensive", "2024-08-14", "day"),
        ("Syrsky on Monday said that his troops controlled", "2024-08-12", "day"),
        ("Zelenskiy on Tuesday evening posted footage", "2024-08-13", "day"),
        ("Ukrainian forces entered Kursk region on Tuesday last week", "2024-08-06", "day"),
        ("The army said on Thursday it had repelled", "2024-08-15", "day"),
        ("the strike on Nov. 27 killed five", "2023-11-27", "day"),
        ("on February 1 the rebels entered the town", "2024-02-01", "day"),
        ("fighting on 12 August 2024 displaced", "2024-08-12", "day"),
        ("the town fell last August", "2023-08-01", "month"),
        ("the RSF seized Wad Madani in December 2023", "2023-12-01", "month"),
        ("Russia launched 100 drones overnight", "2024-08-14", "day"),
        ("as of today, our troops have advanced", "2024-08-15", "day"),
        ("the curfew was imposed three days ago", "2024-08-12", "day"),
        ("arrested in a dawn raid last week", "2024-08-05", "week"),
        ("the offensive began in 2022", "2022-01-01", "year"),
    ],
)
def test_relative_and_absolute_dates(sentence, date, precision):
    assert first(sentence) == (date, precision)


def test_weekday_on_publication_day_is_that_day():
    assert first("Kyiv said on Monday", "2024-08-12") == ("2024-08-12", "day")


def test_since_opens_a_period():
    dates = find_dates("Since launching its invasion in February 2022, Russia", PUB)
    assert dates and all(not d.since or d.text.lower().startswith("since") for d in dates)
    assert find_dates("since Monday, 80,000 people have fled", PUB)[0].since


def test_no_date_words():
    assert find_dates("the march on the capital may begin soon", PUB) == []
    assert find_dates("anything", None) == []
    assert find_dates("", PUB) == []


def test_parse_published():
    assert parse_published("2024-08-15T10:00:00Z") == dt.date(2024, 8, 15)
    assert parse_published(dt.datetime(2024, 1, 2, 3)) == dt.date(2024, 1, 2)
    assert parse_published("yesterday") is None


def test_month_abbreviations_are_whole_words():
    pub = dt.date(2025, 3, 16)
    got = find_dates("Students marched in Novi Sad and in Marjayoun on Friday.", pub)
    assert [(d.date, d.precision) for d in got] == [(dt.date(2025, 3, 14), "day")]
    got = find_dates("The talks resumed in Nov. 2024 and again in Mar 2025.", pub)
    assert [d.date for d in got] == [dt.date(2024, 11, 1), dt.date(2025, 3, 1)]
