"""Quantities of claims: numbers in digits and words, ranges, qualifiers, units."""

from __future__ import annotations

import math

import pytest

from geo.quantities import find_quantities, parse_number


def one(sentence: str):
    found = [q for q in find_quantities(sentence) if not q.descriptive]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "quantity", "quantity_max", "unit", "qualifier"),
    [
        ("his troops controlled about 1,000km2 of Russian territory", 1000, None, "km2",
         "about"),
        ("control over 40 square kilometers of territory has been taken", 40, None, "km2",
         None),
        ("our troops have advanced in some areas by one to three kilometers", 1, 3, "km",
         None),
        ("Ukrainian forces had penetrated at least 12km deep", 12, None, "km", "at least"),
        ("Smirnov said that 28 settlements had been captured", 28, None, "settlements", None),
        ("More than 120,000 Russians have fled their homes", 120000, None, "people",
         "more than"),
        ("Russian forces captured 450 to 500 square kilometres of Ukrainian territory", 450,
         500, "km2", None),
        ("the army said it had retaken nine villages", 9, None, "settlements", None),
        ("nearly 8,000 people were evacuated", 8000, None, "people", "about"),
        ("troops pushed up to 10 km into the region", 10, None, "km", "up to"),
        ("1.2 million people have been displaced", 1_200_000, None, "people", None),
        ("fewer than 50 civilians remain", 50, None, "people", "less than"),
        ("the rebels advanced between 10 and 15 km", 10, 15, "km", None),
        ("RSF fighters killed twenty-five villagers", 25, None, "people", None),
        ("the garrison shot dead at least 9 assailants at dawn", 9, None, "people", "at least"),
        ("soldiers killed 14 attackers near the base", 14, None, "people", None),
        ("a gain of 20 square miles", 51.8, None, "km2", None),
    ],
)
def test_quantity_units_ranges_and_qualifiers(sentence, quantity, quantity_max, unit,
                                              qualifier):
    q = one(sentence)
    assert q.quantity == pytest.approx(quantity)
    assert (q.quantity_max is None) == (quantity_max is None)
    if quantity_max is not None:
        assert q.quantity_max == pytest.approx(quantity_max)
    assert q.unit == unit
    assert q.qualifier == qualifier


def test_vague_counts_have_no_number():
    q = one("Ukrainian forces have taken dozens of settlements")
    assert q.quantity is None and q.unit == "settlements"
    q = one("Tens of thousands of people had gathered outside the court")
    assert q.quantity is None and q.unit == "people"


@pytest.mark.parametrize(
    "sentence",
    [
        "shelling hit a village about 5km from the border",
        "Tawila, about 60km to the west, received thousands",
        "Zaporizhzhia city, about 80km north of Tokmak, was hit",
        "the base lies some 30 km outside the town",
    ],
)
def test_descriptive_distances_are_flagged(sentence):
    qs = find_quantities(sentence)
    assert qs and all(q.descriptive for q in qs if q.unit == "km")


@pytest.mark.parametrize(
    "sentence",
    [
        "Since 2022 troops have held the line",
        "the 275th battalion base fell",
        "a 24-hour curfew was imposed",
        "In 2023 the war spread",
        "the vote is at 10:30",
    ],
)
def test_numbers_that_are_not_claim_quantities(sentence):
    assert [q for q in find_quantities(sentence) if q.unit in ("people", "km", "km2")
            and q.quantity is not None] == []


def test_numbers_without_units_and_junk_never_raise():
    for text in ("", "   ", "12345", "1,2,3,4", "about about about", "km km2 km²",
                 "9" * 500, "one to to three", "‐‑‒–— 5 — 7 km", "\u0000\ufffd 3 people"):
        for q in find_quantities(text):
            assert 0 <= q.start <= q.end <= len(text)
            assert q.quantity is None or math.isfinite(q.quantity)


@pytest.mark.parametrize(("text", "value"), [("1,000", 1000), ("twenty-five", 25),
                                             ("1.2 million", 1_200_000), ("a dozen", 12),
                                             ("seven", 7), ("x", None)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("sentence", "descriptive"),
    [
        ("Russian forces advanced up to 3 kilometers southwest of Kurakhove.", False),
        ("The rebels pushed 10 to 12 kilometres north of Goma towards Rutshuru.", False),
        ("The village lies 5km north of Tokmak.", True),
        ("Troops advanced in a village 5 km from the border.", True),
    ],
)
def test_a_gain_with_a_bearing_is_not_descriptive(sentence, descriptive):
    (q,) = [q for q in find_quantities(sentence) if q.unit == "km"]
    assert q.descriptive is descriptive


@pytest.mark.parametrize("noun", ["policemen", "peacekeepers", "aid workers", "gunmen"])
def test_more_people_nouns(noun):
    (q,) = find_quantities(f"The attack killed three {noun} on Tuesday.")
    assert (q.quantity, q.unit) == (3, "people")


def test_a_year_does_not_swallow_the_count_after_it():
    (q,) = find_quantities("The deadliest attack since 2014 killed 40 people in Kramatorsk.")
    assert (q.quantity, q.unit) == (40, "people")
