"""Whether a name matched in the gazetteer is a place here: persons, organisations, acronyms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.places.lexicon import (
    ACRONYM_KEYS,
    AGENCY_AFTER_DATELINE,
    DATELINE,
    DIRECTIONS,
    FIRST_NAMES,
    GEO_FOLLOWERS,
    JOINERS,
    LEADING_FUNCTION_WORDS,
    ORG_FOLLOWERS,
    ORG_PRECEDERS,
    PARTICLES,
    REGION_WORDS,
    ROMAN,
    STOPWORDS,
    TITLE_CASE_WORDS,
    TITLES,
)
from geo.places.mentions import Token

if TYPE_CHECKING:
    from geo.places.matcher import ToponymMatcher


def accept(
    matcher: ToponymMatcher,
    toks: list[Token],
    i: int,
    n: int,
    key: str,
    is_loose: bool,
    persons: set[str],
) -> dict | str | None:
    """Decide whether a matched span is a place: its flags, ``"person"`` or None."""
    t = toks[i]
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + n] if i + n < len(toks) else None
    if key in matcher.user_keys:
        return {"weak": False, "regional": False}  # the analyst says it is a place
    if t.start and matcher.current_text[t.start - 1] == "(" and \
            matcher.current_text.startswith(")", toks[i + n - 1].end) and \
            AGENCY_AFTER_DATELINE.search(matcher.current_text, max(0, t.start - 44), t.start):
        return None  # "KYIV (Meridian) -": the news agency of a dateline
    regional, strong, middling, named = matcher.key_info(key, is_loose)
    if n == 1:
        if (
            t.upper
            and t.text not in matcher.country_alias_upper
            and not regional
            and not (strong and dateline(matcher, t))
        ):
            return None  # acronyms; "MARYLAND —" and "ATLANTA —" datelines are kept
        if key in ACRONYM_KEYS and not t.upper:
            return None  # "Car bombs" is not CAR, the Central African Republic
        if (
            key in STOPWORDS
            and t.text not in matcher.country_alias_upper
            and not (key in DIRECTIONS and nxt is not None and nxt.key in REGION_WORDS)
        ):
            return None  # "Northern State" stays
        if key in matcher.adjectivals and not regional:
            return None  # "Thai" without a geographic noun is not a place
        if key in persons:
            return "person"
        if len(key) < 3:
            return None
    # person: title or first name before it
    if prev is not None and matcher.current_text[prev.end : t.start] == " ":
        if prev.key in TITLES or (prev.cap and prev.key in FIRST_NAMES):
            return "person"
        if prev.cap and prev.key in ORG_PRECEDERS:
            return None
    if n > 1:
        words = [x.key for x in toks[i : i + n]]
        if words[0] in LEADING_FUNCTION_WORDS:
            return None
        if not regional and all(w in STOPWORDS or w in ROMAN for w in words):
            return None  # "World War II"; "West Bank" is a region and stays
        if not regional and all(x.upper for x in toks[i : i + n]):
            return None
    # first name followed by a capitalised non-place word: a person
    if n == 1 and key in FIRST_NAMES and nxt is not None and nxt.cap and not nxt.upper:
        if (
            matcher.current_text[t.end : nxt.start] == " "
            and nxt.key not in REGION_WORDS
            and nxt.key not in GEO_FOLLOWERS
        ):
            return "person"
    # followed by a surname the text uses for a person: "Victoria Beckham"
    if (
        nxt is not None
        and nxt.cap
        and nxt.key in persons
        and matcher.current_text[t.end : nxt.start] == " "
    ):
        return "person"
    if (
        nxt is not None
        and nxt.cap
        and nxt.key in ORG_FOLLOWERS
        and nxt.start - toks[i + n - 1].end <= 2
    ):
        return None
    weak = not strong and (t.initial or not middling)
    last = toks[i + n - 1]
    # the tail of a longer proper name: "Hayat Tahrir al-Sham", "Greater Xyz"
    joined = prev is not None and JOINERS.fullmatch(matcher.current_text[prev.end : t.start])
    if (
        joined
        and not prev.cap
        and prev.key in PARTICLES
        and i >= 2
        and toks[i - 2].cap
        and toks[i - 2].key in FIRST_NAMES
        and matcher.current_text[toks[i - 2].end : prev.start] == " "
    ):
        return "person"  # "Nasser al-Hamdan said", "Mohammed bin Salman"
    if joined and not prev.initial and not t.initial:
        if prev.cap and foreign_word(matcher, prev):
            return None
        if (
            not prev.cap
            and prev.key in PARTICLES
            and i >= 2
            and toks[i - 2].cap
            and not toks[i - 2].initial
            and foreign_word(matcher, toks[i - 2])
        ):
            return None
    # a title-cased name with a capitalised function word inside: "Doctors Without
    # Borders", "Alliance For Peace" (a place name keeps its small words lower-case)
    if (
        prev is not None
        and prev.cap
        and not prev.initial
        and prev.key in TITLE_CASE_WORDS
        and matcher.current_text[prev.end : t.start] == " "
    ):
        return None
    # the head of a longer proper name: "Rapid Support Forces", "Human Rights Watch"
    if (
        n == 1
        and nxt is not None
        and nxt.cap
        and (weak or not named)
        and nxt.key not in REGION_WORDS
        and nxt.key not in ("governor",)
        and not nxt.initial
        and JOINERS.fullmatch(matcher.current_text[last.end : nxt.start])
    ):
        return None
    return {"weak": weak, "regional": regional}

def dateline(matcher: ToponymMatcher, tok: Token) -> bool:
    """Whether an all-capitals token opens a dateline ("ATLANTA —", "KYIV, Ukraine —")."""
    return bool(DATELINE.match(matcher.current_text, tok.end))

def foreign_word(matcher: ToponymMatcher, tok: Token) -> bool:
    """Whether a capitalised token is part of a proper name that is not a place."""
    k = tok.key
    return not (
        k in STOPWORDS
        or k in TITLES
        or k in DIRECTIONS
        or k in matcher.adjectivals
        or k in FIRST_NAMES
        or k in REGION_WORDS
        or matcher.gaz.has_key(k)
    )
