"""Tests of geo.text: normalising untrusted article text, and the way back to the verbatim."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from geo.text import normalise, normalise_articles, normalise_text, restore_verbatim


@pytest.mark.parametrize("raw, clean", [
    ("Pok\u200brovsk", "Pokrovsk"),
    ("Pok\u00adrovsk", "Pokrovsk"),
    ("\ufeffRussian forces", "Russian forces"),
    ("captured\u200d Sudzha", "captured Sudzha"),
    ("a\u00a0b\u2009c\u3000d", "a b c d"),
    ("one\u2013three km", "one-three km"),
    ("\u2212 5", "- 5"),
    ("Kyiv\u2015the capital", "Kyiv\u2014the capital"),
    ("\u201eQuoted\u201f", "\u201cQuoted\u201c"),
    ("\u00abQuoted\u00bb", "\u201cQuoted\u201d"),
    ("\u201cCurly stays\u201d", "\u201cCurly stays\u201d"),
    ("line\r\nnext\rlast", "line\nnext\nlast"),
    ("e\u0301", "\u00e9"),  # NFC
    ("<b>Sud</b>zha", "Sudzha"),
    ("one<p>two", "one\ntwo"),
    ("x&nbsp;y&amp;z", "x y&z"),
    ("Bel&shy;gorod", "Belgorod"),
    ("a&#8203;b", "ab"),
    ("c<!-- hidden -->d", "cd"),
])
def test_normalise(raw, clean):
    assert normalise(raw).text == clean


@pytest.mark.parametrize("text", [
    "Plain ASCII text stays the same object.",
    "casualties < 100 and x > y",  # not tags
    "AT&T and &foo; stay",  # not known references
    "<notatag> <b",
])
def test_text_that_is_not_markup_is_kept(text):
    assert normalise(text).text == text


def test_plain_text_takes_the_fast_path():
    text = "Russian forces captured Pokrovsk."
    norm = normalise(text)
    assert norm.text is text and not norm.changed and norm.pieces == []


def test_original_span_maps_back_through_removed_characters():
    raw = "Intro.\u200b Troops took Pok\u200brovsk\u00ad. End."
    norm = normalise(raw)
    start = norm.text.index("Troops")
    end = norm.text.index("End") - 1
    a, b = norm.original_span(start, end)
    assert raw[a:b] == "Troops took Pok\u200brovsk\u00ad."
    assert not norm.has_markup(a, b)


def test_restore_verbatim_keeps_the_sentence_as_written_unless_markup_went():
    texts = ["Troops took Pok\u200brovsk. Next.", "Troops took <b>Izium</b>."]
    arts = pd.DataFrame({"id": ["a", "b"], "published": "2024-08-15", "text": texts})
    normed, changed = normalise_articles(arts)
    assert list(normed["text"]) == ["Troops took Pokrovsk. Next.", "Troops took Izium."]
    assert set(changed) == {"a", "b"}
    claims = pd.DataFrame({"article_id": ["a", "b"], "sentence_index": [0, 0],
                           "sentence": ["Troops took Pokrovsk.", "Troops took Izium."]})
    out = restore_verbatim(claims, changed)
    assert list(out["sentence"]) == ["Troops took Pok\u200brovsk.", "Troops took Izium."]


def test_unchanged_articles_are_not_copied():
    arts = pd.DataFrame({"id": ["a"], "published": "2024-08-15", "text": ["Plain."]})
    normed, changed = normalise_articles(arts)
    assert normed is arts and changed == {}


def test_normalise_text_for_titles():
    assert normalise_text(None) is None
    assert normalise_text("  \u200bBreaking\u00a0news ") == "Breaking news"


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="&"), max_size=200))
@example("\x1f\x1f\x08")  # all removed: the empty span once came out reversed
def test_normalising_twice_changes_nothing_and_spans_stay_in_bounds(text):
    # ("&amp;nbsp;" decodes to "&nbsp;", which a second pass would decode again: references
    # are decoded once, as a browser would)
    once = normalise(text)
    assert normalise(once.text).text == once.text
    n = len(once.text)
    a, b = once.original_span(0, n)
    assert 0 <= a <= b <= len(once.original)
