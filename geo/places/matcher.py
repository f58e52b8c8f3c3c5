"""Finding place mentions in text, driven by the gazetteer.

spaCy's small English model mis-tags many local toponyms (villages in Donetsk,
Darfur towns), so recognition here looks names up directly: the text is split
into word tokens, folded (see :func:`geo.places.keys.fold`) and the longest run
of tokens that is a gazetteer key wins. Around that core:

- Region forms: "Kursk region", "Kurskaya oblast", "the region of Belgorod",
  "Kharkiv and Sumy regions", "Gezira state", "North Kivu province".
- Parts: "southern Lebanon", "northeastern Syria", "eastern Kharkiv region".
- Adjectival forms of countries with a geographic noun: "Russian territory",
  "Ukrainian soil", "Russian border regions"; "the Ukrainian capital".
- Unknown places named by a cue ("the village of Xyz" where Xyz is not in the
  gazetteer): kind ``unknown``; the geocoder falls back to the region or
  country the text names.

Negatives: names must be capitalised; common words that are also place names
("South", "Mobile", "Police", "March") are stopped; person names win: a
capitalised name right after a title ("President", "Governor") or a first
name ("Vladimir Putin", "Santiago Pena"), a first name followed by a
surname, and later bare uses of a surname seen in such a pattern are not
places. Tiny places reached only through an alternate name, or a capitalised
word at the start of a sentence that is not a well-known place, are marked
``weak``: the geocoder keeps them only when the article's context supports them.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from geo import settings
from geo.places.accept import accept
from geo.places.countries import ADJECTIVALS
from geo.places.forms import (
    adjectival,
    demonym_place,
    elided_heads,
    expand,
    plural_regions,
    region_adjective,
)
from geo.places.gazetteer import Gazetteer
from geo.places.keys import fold
from geo.places.lexicon import (
    JOINERS,
    MAX_NGRAM,
    REGION_WORDS,
    STRONG_POPULATION,
    TITLE_CASE_WORDS,
    TRAILING_ARTICLES,
)
from geo.places.mentions import Mention, Token, tokenize
from geo.places.persons import person_surnames
from geo.places.place import COUNTRY, MAIN_NAME
from geo.places.unknown import AND_IN_NAMES, postfix_settlement, unknown_name
from geo.places.user_places import read_user_places


class ToponymMatcher:
    """Find toponyms in text by longest match against the gazetteer's name index.

    Parameters
    ----------
    gazetteer : Gazetteer
        The loaded gazetteer.
    user_places : str, Path or list of Place, optional
        Analysts' places (CSV of name, lat, lon, country, admin1, or places
        already read), recognised by name even where the gazetteer lacks them.
        Default: the ``user_places`` setting, if set.
    """

    def __init__(self, gazetteer: Gazetteer, user_places: Any = None) -> None:
        self.gaz = gazetteer
        if user_places is None:
            user_places = settings.get("user_places") or None
        if isinstance(user_places, str | Path):
            user_places = read_user_places(user_places)
        #: folded names of analysts' places: recognised even when the gazetteer lacks them
        self.user_keys: frozenset[str] = frozenset(fold(p.name) for p in user_places or ())
        self.adjectivals = {fold(k): v for k, v in ADJECTIVALS.items()}
        self._strength: dict[tuple[str, bool], tuple[bool, bool]] = {}
        self._local = threading.local()  # the text being matched, per thread
        self.country_alias_upper = {"US", "UK", "USA", "UAE", "DRC", "DPRK", "U.S", "U.K"}

    @property
    def current_text(self) -> str:
        """The text of the current :meth:`find` call in this thread."""
        return getattr(self._local, "text", "")

    # -- evidence about a key

    def key_info(self, key: str, is_loose: bool) -> tuple[bool, bool, bool, bool]:
        """Return ``(regional, strong, middling, named)`` evidence for a key.

        ``regional``: some candidate is a region or country under its own name.
        ``strong``: that, or a settlement of at least 50,000 people under its own name.
        ``middling``: a settlement of at least 1,000 under its own name, or of at least
        20,000 under an alternate name.
        ``named``: some candidate has the key as its own (main) name.
        """
        cached = self._strength.get((key, is_loose))
        if cached is not None:
            return cached
        gaz = self.gaz
        cands = gaz.loose_candidates(key) if is_loose else gaz.candidates(key)
        regional = strong = middling = named = False
        for idx, flag in cands:
            named = named or flag == MAIN_NAME
            fc = int(gaz.fclass[idx])
            pop = int(gaz.pop[idx])
            if idx in gaz.fcode and flag == MAIN_NAME:
                middling = True  # a district or spot an analyst imported, named in full
            if fc != 0:
                if flag == MAIN_NAME or fc == COUNTRY:
                    regional = strong = middling = True
                else:
                    middling = True
            elif flag == MAIN_NAME:
                strong = strong or pop >= STRONG_POPULATION
                middling = middling or pop >= 1000
            else:
                middling = middling or pop >= 20_000
        out = (regional, strong, middling, named)
        self._strength[(key, is_loose)] = out
        return out

    def lookup_span(self, toks: list[Token], i: int, n: int) -> tuple[str, bool] | None:
        """Return ``(key, loose)`` if tokens ``i..i+n`` form a gazetteer key."""
        key = " ".join(t.key for t in toks[i : i + n])
        if n > 1 and toks[i + n - 1].key in TRAILING_ARTICLES:
            return None  # no name ends in an article: "YANGON - The junta ..."
        if self.gaz.has_key(key) or key in self.user_keys:
            return key, False
        if len(key) >= 5 and self.gaz.has_loose(key):
            return key, True
        return None

    # -- main entry

    def find(self, text: str) -> list[Mention]:
        """Find toponym mentions in a text.

        Parameters
        ----------
        text : str
            Article text (any length).

        Returns
        -------
        list of Mention
            Non-overlapping mentions in text order.
        """
        toks = tokenize(text)
        self._local.text = text
        persons = person_surnames(self, toks)
        out: list[Mention] = []
        i = 0
        n_tok = len(toks)
        while i < n_tok:
            t = toks[i]
            if not t.cap or (t.initial and t.key in TITLE_CASE_WORDS):
                # a sentence-initial preposition never opens a place name: "In Rafah, ..."
                # is Rafah, not a loosely spelled "Ein Rafa"
                i += 1
                continue
            adj = adjectival(self, text, toks, i) or demonym_place(self, text, toks, i)
            if adj is not None:
                out.append(adj[0])
                i = adj[1]
                continue
            hit = None
            for n in range(min(MAX_NGRAM, n_tok - i), 0, -1):
                last = toks[i + n - 1]
                if not last.cap and not last.key.isdigit():
                    continue
                if n > 1 and any(
                    not JOINERS.fullmatch(text[toks[j - 1].end : toks[j].start])
                    for j in range(i + 1, i + n)
                ):
                    continue  # names do not run across commas, brackets or lines
                found = self.lookup_span(toks, i, n)
                if found is not None:
                    hit = (n, found[0], found[1])
                    break
            if hit is None:
                radj = region_adjective(self, text, toks, i)
                if radj is not None:
                    out.append(radj[0])
                    i = radj[1]
                    continue
                unk = unknown_name(self, text, toks, i)
                if unk is not None:
                    out.append(unk[0])
                    i = unk[1]
                else:
                    i += 1
                continue
            n, key, is_loose = hit
            if i + n < n_tok and (toks[i + n].cap or toks[i + n].key in AND_IN_NAMES) and \
                    text[toks[i + n - 1].end : toks[i + n].start] == " ":
                # "the Nur Shams camp", "the Wadi Abu Hindi camp": an unknown name that
                # merely opens with a known word is one place, cued by what follows it
                unk = unknown_name(self, text, toks, i)
                if unk is not None and unk[1] > i + n and (
                        postfix_settlement(self, toks, unk[1]) or (
                            unk[0].hint in ("admin1", "district") and
                            len(unk[0].name) > toks[i + n - 1].end - toks[i].start and
                            not any(self.gaz.has_key(x.key) for x in toks[i + n : unk[1] - 1]))):
                    # "Khost Wa Firing district" is a district of Baghlan named in full,
                    # not the town of Khost ("Markaz Idlib district" keeps Idlib)
                    out.append(unk[0])
                    i = unk[1]
                    continue
            verdict = accept(self, toks, i, n, key, is_loose, persons)
            if verdict == "person":
                # skip the whole capitalised run so "Vladimir Putin" does not leave "Putin"
                j = i + n
                while j < n_tok and toks[j].cap and toks[j].key not in REGION_WORDS:
                    j += 1
                i = j
                continue
            if verdict is None:
                i += n
                continue
            mention, j = expand(self, text, toks, i, n, key, is_loose, verdict)
            if out and glued_names(self, text, out[-1], mention):
                # "Boko Haram militants": two names side by side with nothing between them
                # are one proper name the gazetteer lacks, neither town
                out.pop()
                i = j
                continue
            out.append(mention)
            i = j
        plural_regions(self, text, toks, out)
        elided_heads(self, text, out)
        return out

    # -- pieces


def glued_names(matcher: ToponymMatcher, text: str, a: Mention, b: Mention) -> bool:
    """Whether mentions ``a`` and ``b`` are two words of one longer proper name.

    Two plain names one space apart, neither a region or a country under its own name
    and not both big towns ("Boko Haram" is neither Boko nor Haram, Norway); a
    town and its region ("Kharkiv Oblast") are matched as one name before this.
    """
    if a.kind != "name" or b.kind != "name" or text[a.end : b.start] != " ":
        return False
    ra, sa, _, _ = matcher.key_info(a.key, a.loose)
    rb, sb, _, _ = matcher.key_info(b.key, b.loose)
    return not (ra or rb or (sa and sb))
