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
    MODIFIER_HEADS,
    NAME_HEADS,
    ORG_FOLLOWERS,
    ORG_PRECEDERS,
    PARTICLES,
    REGION_WORDS,
    ROMAN,
    STOPWORDS,
    TITLE_CASE_WORDS,
    TITLES,
    WATER_HEADS,
)
from geo.places.mentions import Token
from geo.places.place import COUNTRY

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
            and not ((key in DIRECTIONS or regional) and nxt is not None
                     and nxt.key in REGION_WORDS)
        ):
            return None  # "Northern State" and "Somali region" (Ethiopia's) stay
        if key in matcher.adjectivals and not regional:
            return None  # "Thai" without a geographic noun is not a place
        if not named and demonym_of(matcher, key) is not None:
            return None  # "Gazan hospitals" are of Gaza, not of Jizan ("Gazan" in GeoNames)
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
    if i >= 2 and toks[i - 1].key == "of" and toks[i - 2].key in WATER_HEADS and \
            toks[i - 2].cap:
        return None  # "the Gulf of Aden", "the Sea of Azov": a sea, not the town
    if n > 1 and toks[i + n - 1].key in WATER_HEADS and not (
            nxt is not None and nxt.key in REGION_WORDS):
        # "attacks in the Red Sea" is the sea, not Sudan's Red Sea state; "Red Sea
        # State" keeps its region word
        return None
    if prev is not None and prev.cap and prev.key in WATER_BEFORE and \
            matcher.current_text[prev.end : t.start] == " ":
        return None  # "Lake Chad" is the lake, not the country
    if nxt is not None and nxt.key in WATER_AFTER and \
            matcher.current_text[last.end : nxt.start] == " ":
        return None  # "the Ayeyarwady river" is the river, not the region named after it
    if n == 1 and key in NAME_HEADS and nxt is not None and \
            matcher.current_text[t.end : nxt.start] in (" ", "-") and (nxt.cap or (
                nxt.key in PARTICLES and i + 2 < len(toks) and toks[i + 2].cap and
                toks[i + 2].start - nxt.end <= 1)):
        return None  # "Tal Maarouf", "Tall al Tayara" is not At Tall: a head of a longer name
    if name_fragment(matcher, toks, i, n) and not any(
            matcher.gaz.fc_l[c] == COUNTRY for c, _ in matcher.gaz.candidates(key)):
        return None  # "Bosnia-Herzegovina" keeps its country
    if nxt is not None and nxt.key in MODIFIER_HEADS and not nxt.cap and \
            matcher.current_text[last.end : nxt.start] in ("-", "\u2010", "\u2011") and \
            not any(matcher.gaz.fc_l[c] == COUNTRY for c, _ in matcher.gaz.candidates(key)):
        # "the Cairo-brokered truce", "a Kyiv-based group": not where it happens; a
        # country keeps its evidence ("its China-based parent company")
        return None
    # a small place's name opening or closing a longer one the gazetteer lacks: "Lomas del
    # Porvenir" (a neighbourhood of Tijuana), "Coral ni Lopez" (a village of Batangas)
    if not strong and nxt is not None and not nxt.cap and nxt.key in NAME_LINKS and \
            i + n + 1 < len(toks) and toks[i + n + 1].cap and \
            matcher.current_text[last_end(toks, i, n) : nxt.start] == " " and \
            matcher.current_text[nxt.end : toks[i + n + 1].start] == " ":
        return None
    if not strong and i >= 2 and prev is not None and not prev.cap and prev.key in NAME_LINKS \
            and toks[i - 2].cap and \
            matcher.current_text[toks[i - 2].end : prev.start] == " " and \
            matcher.current_text[prev.end : t.start] == " ":
        return None
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


#: Linking words inside a transliterated name: "Dara-i-Pech", "Dara-e Suf", "Pul-e Khumri".
_INNER_LINKS = frozenset({"i", "e", "y", "o", "u"}) | PARTICLES
#: What glues two parts of one word: a hyphen, or an ayin or hamza mark ("San‘a’").
_GLUE = ("-", "‐", "‑", "‘", "ʿ", "ʾ", "ʻ", "`")


def name_fragment(matcher: ToponymMatcher, toks: list[Token], i: int, n: int) -> bool:
    """Whether the matched span is only a piece of a longer name the gazetteer lacks.

    Glued on by a hyphen or an ayin mark to a capitalised word or to a linking word
    ("San-Xaskule", "Dara-i-Pech district", "Shān‘ā’"), or a capitalised
    word and a particle before it ("Hamar al-Aly", "Wadi al-Dahab"): a different, unknown
    place, not the known one it starts or ends with. A lower-case word after the hyphen
    keeps the place ("Cairo-brokered", "Kyiv-based": a modifier, see the geocoder), and
    so does a known place after it ("the Bakhmut-Soledar road").
    """
    text = matcher.current_text
    last = toks[i + n - 1]
    nxt = toks[i + n] if i + n < len(toks) else None
    if nxt is not None and last.end < len(text) and text[last.end] in _GLUE and \
            nxt.start - last.end <= 1:
        if nxt.cap and foreign_word(matcher, nxt):
            return True
        if not nxt.cap and nxt.key in _INNER_LINKS and i + n + 1 < len(toks):
            after = toks[i + n + 1]
            if after.cap and after.start - nxt.end <= 1 and text[nxt.end] in _GLUE + (" ",):
                return True
        if not nxt.cap and len(nxt.key) <= 2 and nxt.start == last.end + 1 and \
                text[last.end] not in ("-", "\u2010", "\u2011"):
            return True  # "Şan‘ā’": the rest of the word
    if i >= 2:
        prev, head = toks[i - 1], toks[i - 2]
        hyphens = ("-", "\u2010", "\u2011")
        before, after = text[head.end : prev.start], text[prev.end : toks[i].start]
        linked = (prev.key in PARTICLES and before == " " and after in hyphens) or (
            prev.key in _INNER_LINKS and before in hyphens and after in hyphens + (" ",))
        if linked and not prev.cap and head.cap and (not head.initial or before != " ") and \
                head.key not in STOPWORDS and head.key not in TITLES and \
                head.key not in FIRST_NAMES:
            return True  # "Hamar al-Aly", "Dara-e Suf", "Dara-i-Pech"
    return False


#: Endings that make a people's or an adjective's word of a place name, and what to put
#: back for the place ("Gazan" Gaza, "Crimean" Crimea, "Idlibi" Idlib, "Aleppine"
#: Aleppo): English and Arabic usage in news.
DEMONYM_ENDINGS = (("ian", "ia"), ("an", "a"), ("n", ""), ("i", ""), ("ine", "o"), ("ese", ""))


def demonym_of(matcher: ToponymMatcher, key: str) -> str | None:
    """Return the key of the well-known place whose people's word ``key`` is, if any.

    Only a region or a city of at least 50,000 people under its own name counts: "Gazan"
    is Gaza's, "Crimean" Crimea's.
    """
    if " " in key:
        return None
    for ending, back in DEMONYM_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= 3:
            stem = key[: len(key) - len(ending)] + back
            if stem != key and matcher.gaz.has_key(stem):
                _regional, strong, _middling, named = matcher.key_info(stem, False)
                if strong and named:
                    return stem
    return None


#: Small words inside Spanish, Portuguese, Italian and Tagalog place names ("Lomas del
#: Porvenir", "Praia do Futuro", "Coral ni Lopez", "Zapotlán el Grande").
NAME_LINKS = frozenset({"del", "de", "do", "da", "dos", "das", "di", "ni", "la", "el", "los",
                        "las"})

#: Words that make the name before or after them a water body's: "Lake Chad", "the
#: Ayeyarwady river", "River Wye" (a lake or river named after a country or a region
#: is not that country or region, and often far from its towns).
WATER_BEFORE = frozenset({"lake", "river"})
WATER_AFTER = frozenset({"river", "lake", "creek", "stream"})


def last_end(toks: list[Token], i: int, n: int) -> int:
    """Return the end offset of the span's last token."""
    return toks[i + n - 1].end
