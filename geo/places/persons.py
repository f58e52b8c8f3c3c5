"""Person names in text: surnames seen after a first name or title are not places."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.places.lexicon import FIRST_NAMES, REGION_WORDS, STOPWORDS, TITLES
from geo.places.mentions import Token

if TYPE_CHECKING:
    from geo.places.matcher import ToponymMatcher


def is_person_start(matcher: ToponymMatcher, toks: list[Token], i: int, persons: set[str]) -> bool:
    """Whether token ``i`` opens a person's name (after a title, or a first name)."""
    t = toks[i]
    prev = toks[i - 1] if i > 0 else None
    if prev is not None and prev.key in TITLES and prev.cap:
        return True
    return t.key in FIRST_NAMES or t.key in persons

def person_surnames(matcher: ToponymMatcher, toks: list[Token]) -> set[str]:
    """Surnames seen after a first name or a title anywhere in the text."""
    out: set[str] = set()
    for i in range(1, len(toks)):
        t, p = toks[i], toks[i - 1]
        if not t.cap or t.upper or matcher.current_text[p.end : t.start] != " ":
            continue
        if t.key in STOPWORDS or t.key in REGION_WORDS:
            continue
        if (p.cap and p.key in FIRST_NAMES) or (p.cap and p.key in TITLES):
            # the surname is the last capitalised token of the run
            j = i
            while (
                j + 1 < len(toks)
                and toks[j + 1].cap
                and matcher.current_text[toks[j].end : toks[j + 1].start] in (" ", "-")
            ):
                if toks[j + 1].key in REGION_WORDS:
                    break
                j += 1
            if toks[j].key not in REGION_WORDS and toks[j].key not in matcher.adjectivals:
                out.add(toks[j].key)
    return out
