"""Places the gazetteer does not know, recognised by their wording."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.places.lexicon import (
    ADDRESS_REGION_WORDS,
    FIRST_NAMES,
    PLACE_OF,
    POSTFIX_CUES,
    PROPER_REGION_WORDS,
    PROXIMITY,
    REGION_WORDS,
    SETTLEMENT_CUES,
    STOPWORDS,
    TAKING_VERBS,
    TITLES,
    URBAN_WORDS,
)
from geo.places.mentions import Mention, Token

#: "And" inside Dari, Pashto and Arabic names of districts ("Khost wa Firing", "Tala wa
#: Barfak", "Kuran wa Munjan").
AND_IN_NAMES = frozenset({"wa", "va"})

if TYPE_CHECKING:
    from geo.places.matcher import ToponymMatcher


def appositive_settlement(matcher: ToponymMatcher, toks: list[Token], j: int) -> bool:
    """Whether tokens from ``j`` read ", a (small) town ..." / ", the largest camp ..."."""
    if j >= len(toks) or j == 0:
        return False
    t0 = toks[j]
    if t0.key not in ("a", "an", "the") or t0.cap:
        return False
    gap = matcher.current_text[toks[j - 1].end : t0.start]
    if gap.strip() != ",":
        return False
    for k in range(j + 1, min(j + 6, len(toks))):
        if toks[k].key in SETTLEMENT_CUES:
            return True
        if toks[k].cap:
            return False
    return False

def postfix_settlement(matcher: ToponymMatcher, toks: list[Token], j: int) -> bool:
    """Whether tokens from ``j`` are a settlement word, maybe after one qualifier."""
    for k in range(j, min(j + 2, len(toks))):
        if toks[k].cap:
            return False
        if toks[k].key in POSTFIX_CUES:
            return True
    return False

def unknown_name(
    matcher: ToponymMatcher,
    text: str,
    toks: list[Token],
    i: int,
) -> tuple[Mention, int] | None:
    """Match a name the gazetteer does not know, by its wording.

    "the village of Xyz", "Xyz, a town in ...", "the Xyz refugee camp",
    "captured Xyz", "the outskirts of Xyz", "Xyz province" (an unknown region),
    "the Xyz district" (a quarter of a city), and (weakly) "near Xyz",
    "around Xyz", "outside Xyz", "into Xyz", "toward Xyz".
    """
    t = toks[i]
    if (
        t.key in STOPWORDS
        or t.upper
        or t.key in FIRST_NAMES
        or t.key in TITLES
        or t.key in matcher.adjectivals
        or len(t.key) < 3
    ):
        return None
    prev = toks[i - 1] if i else None
    j = i + 1
    while (
        j < len(toks)
        and (toks[j].cap or (  # "Khost wa Firing district": "wa" (and) inside a name
            toks[j].key in AND_IN_NAMES and j + 1 < len(toks) and toks[j + 1].cap))
        and text[toks[j - 1].end : toks[j].start] in (" ", "-")
        and j - i < 3
    ):
        j += 1
    if any(toks[k].key in STOPWORDS or toks[k].key in REGION_WORDS for k in range(i + 1, j)):
        j = i + 1
    start, end = t.start, toks[j - 1].end
    weak = False
    cue = toks[i - 2] if i >= 2 else None
    # an address goes on after the area: "Kurram District, Khyber Pakhtunkhwa", and may
    # open a report: "Chori district, Uruzgan, ..."
    address = j < len(toks) and text.startswith(",", toks[j].end)
    region_next = (
        j < len(toks)
        and toks[j].key in REGION_WORDS
        and toks[j].key != "republic"
        # "Ituri Province" yes; "Meteorological Department" is an office
        and (not toks[j].cap or toks[j].key in PROPER_REGION_WORDS or (
            address and toks[j].key in ADDRESS_REGION_WORDS))
    )
    if region_next and (not t.initial or address) and \
            text[toks[j - 1].end : toks[j].start] == " ":
        # "Ituri province": a region the gazetteer does not have; "the Al-Mogran
        # district": more often a quarter of a city named nearby
        end = toks[j].end
        hint = "district" if toks[j].key in URBAN_WORDS else "admin1"
        m = Mention(start, end, text[start:end], "unknown", name=text[start:toks[j - 1].end],
                    hint=hint)
        return m, j + 1
    village_of = (
        cue is not None and prev.key == "of" and cue.key in SETTLEMENT_CUES and not cue.cap
    )
    cued = (
        village_of  # "the village of Xyz"
        or (appositive_settlement(matcher, toks, j) and not t.initial)  # "Xyz, a town in"
        or postfix_settlement(matcher, toks, j)  # "the Zamzam displacement camp"
        or (  # "captured Xyz", "the outskirts of Xyz", "the approaches to Xyz"
            prev is not None
            and not prev.cap
            and not t.initial
            and (
                prev.key in TAKING_VERBS
                or (cue is not None and (cue.key, prev.key) in PLACE_OF)
            )
        )
    )
    if not cued:
        if prev is None or prev.key not in PROXIMITY or prev.cap or t.initial:
            return None
        weak = True  # "near Xyz": probably a place, not certainly
    m = Mention(
        start, end, text[start:end], "unknown", name=text[start:end], hint="settlement",
        weak=weak,
    )
    return m, j
