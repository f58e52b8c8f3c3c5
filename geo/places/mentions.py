"""A place mention found in text, and the word tokens mentions are found among."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.places.keys import fold
from geo.places.lexicon import TOKEN_RE


@dataclass(frozen=True)
class Mention:
    """A toponym found in text.

    Parameters
    ----------
    start, end : int
        Character offsets of the whole mention in the text (``text[start:end]``).
    text : str
        The mention as written ("Kursk region", "southern Lebanon").
    kind : str
        ``name``, ``region_form``, ``country``, ``part`` (a direction and a
        place), ``adjectival`` ("Russian territory"), ``capital`` ("the
        Ukrainian capital") or ``unknown`` (cued but not in the gazetteer).
    name : str
        The toponym proper inside the mention ("Kursk" for "Kursk region").
    key : str
        Folded key of ``name`` in the gazetteer (empty for ``unknown``).
    direction : str or None
        For ``part``: ``north``, ``southeast``, ``center``...
    hint : str or None
        Feature class suggested by the wording: ``settlement`` ("the village of"),
        ``admin1`` (region forms) or ``country``; ``district`` for an unknown
        "X district" (usually a quarter of a city named nearby).
    country_code : str or None
        For ``adjectival`` and ``capital``: the country.
    weak : bool
        True when recognition rests on thin evidence (a tiny place or alternate
        name, or a sentence-initial word); the geocoder keeps weak mentions only
        when the context supports them.
    loose : bool
        True when ``key`` was matched through its loose spelling.
    """

    start: int
    end: int
    text: str
    kind: str
    name: str = ""
    key: str = ""
    direction: str | None = None
    hint: str | None = None
    country_code: str | None = None
    weak: bool = False
    loose: bool = False


@dataclass
class Token:
    """A word of the text: offsets, folded key, capitalisation, sentence-initial flag."""

    start: int
    end: int
    text: str
    key: str
    cap: bool
    upper: bool
    initial: bool  # first word of a sentence (or after a quote at sentence start)


def tokenize(text: str) -> list[Token]:
    """Split text into word tokens with folded keys; possessive ``'s`` is dropped.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list
        Tokens with offsets, folded key, capitalisation and sentence-initial flags.
    """
    toks: list[Token] = []
    prev_end = 0
    for m in TOKEN_RE.finditer(text):
        s, e = m.span()
        word = m.group()
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            word = word[:-2]
            e -= 2
        between = text[prev_end:s]
        initial = (
            not toks
            or bool(re.search(r"[.!?:\n]\s*[\"“‘'(\[]*\s*$", between))
            or (toks and "\n" in between)
        )
        first = word[0]
        toks.append(
            Token(
                start=s,
                end=e,
                text=word,
                key=fold(word),
                cap=first.isupper(),
                upper=word.isupper() and len(word) > 1,
                initial=bool(initial),
            )
        )
        prev_end = m.end()
    return toks
