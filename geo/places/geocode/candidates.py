"""Candidates of a place mention: the gazetteer entries its name (and form) may mean."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from geo.places.keys import fold
from geo.places.lexicon import ADJ_SUFFIXES
from geo.places.place import ADMIN1, MAIN_NAME, SETTLEMENT

if TYPE_CHECKING:
    from geo.places.gazetteer import Gazetteer
    from geo.places.mentions import Mention

#: A pick the article's geography does not support (see :func:`geo.places.geocode.score.plausible`).
IMPLAUSIBLE = -1
CITY_TYPE = re.compile(r"City|Municipal|Capital|Metropol|Borough", re.I)


class CandidateFinder:
    """Look up a mention's candidates: exact or loose spelling, region forms' variants.

    Parameters
    ----------
    gazetteer : Gazetteer
        The loaded gazetteer.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._cache: dict[tuple, list[tuple[int, int]]] = {}

    def of(self, m: Mention) -> list[tuple[int, int]]:
        """Return ``(place index, flag)`` candidates of a mention (cached by its form)."""
        if not m.key:
            return []
        regionish = m.kind == "region_form" or m.hint == "admin1"
        ckey = (m.key, m.loose, regionish, m.name if regionish else "",
                m.text if m.kind == "region_form" else "")
        hit = self._cache.get(ckey)
        if hit is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            hit = self._cache[ckey] = self._uncached(m)
        return hit

    def _uncached(self, m: Mention) -> list[tuple[int, int]]:
        gaz = self.gaz
        cands = gaz.loose_candidates(m.key) if m.loose else gaz.candidates(m.key)
        regionish = m.kind == "region_form" or m.hint == "admin1"
        if cands and not (m.loose or regionish) and all(gaz.fc_l[i] == ADMIN1 for i, _ in cands):
            # "Mykolaiv", "Nabatiye": the spelling names only the province, its capital
            # is spelled another way; the province's towns of that loose name compete
            a1s = {gaz.a1[i] for i, _ in cands}
            have = {i for i, _ in cands}
            cands = cands + [(i, f) for i, f in gaz.loose_candidates(m.key)
                             if i not in have and gaz.fc_l[i] == SETTLEMENT and gaz.a1[i] in a1s]
        if regionish:
            extra: dict[int, int] = {}
            keys = [m.key, fold(m.name)]
            if m.kind == "region_form":
                # the whole phrase may itself be the region's name: "Kurdistan Region"
                # (Iraqi Kurdistan, not Iran's Kurdistan province), "Afar Region"
                keys.append(fold(m.text))
            for word in (m.key, fold(m.name)):
                for suffix, repl in ADJ_SUFFIXES:
                    if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                        keys.append(word[: len(word) - len(suffix)] + repl)
            for k in keys:
                for idx, flag in gaz.candidates(k):
                    extra[idx] = max(flag, extra.get(idx, -1))
            merged = dict(cands)
            for idx, flag in extra.items():
                merged[idx] = max(flag, merged.get(idx, -1))
            cands = list(merged.items())
        return cands

    # ------------------------------------------------------------------ resolution


def best_admin1(
    gaz: Gazetteer,
    cands: list[tuple[int, int]],
    share: dict[str, float],
) -> int | None:
    """Pick the likeliest admin-1 region among candidates (for context gathering)."""
    best, best_s = None, -1e9
    for i, flag in cands:
        if gaz.fc_l[i] != ADMIN1:
            continue
        s = math.log10(gaz.pop_l[i] + 10) + (1.0 if flag == MAIN_NAME else 0.0)
        s += 4.0 * share.get(gaz.cc[i], 0.0)
        if CITY_TYPE.search(gaz.admin1_type(i)):
            s -= 1.0
        if s > best_s:
            best, best_s = i, s
    return best


class FuzzyNames:
    """Settlement names per country, to match a spelling variant inside a named area.

    "Ocheretino" or "Kurakhovo" meet their places through the loose key; spellings that
    differ by one or two letters otherwise ("Krasnogorovka", "Krasnohorivka") are
    matched here, by edit distance (rapidfuzz), only among the settlements of the
    region or country the text names, never worldwide. Built on first use.

    Parameters
    ----------
    gazetteer : Gazetteer
        The loaded gazetteer.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._by_cc: dict[str, tuple[list[str], list[int]]] | None = None

    def _lists(self, cc: str) -> tuple[list[str], list[int]]:
        if self._by_cc is None:
            gaz = self.gaz
            by_cc: dict[str, tuple[list[str], list[int]]] = {}
            for idx in range(gaz.n_settlements):
                keys, idxs = by_cc.setdefault(gaz.cc[idx], ([], []))
                keys.append(fold(gaz.names[idx]))
                idxs.append(idx)
            self._by_cc = by_cc
        return self._by_cc.get(cc, ([], []))

    def near(self, key: str, cc: str, within: Callable[[int], bool]) -> int | None:
        """Return the one settlement of ``cc`` spelt like ``key`` that lies ``within``.

        Edit distance 1 for names under 7 letters, 2 from 7; names under 5 letters are
        not matched; a tie between places is no match.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        if len(key) < 5:
            return None
        limit = 1 if len(key) < 7 else 2
        keys, idxs = self._lists(cc)
        hits = process.extract(key, keys, scorer=Levenshtein.distance, score_cutoff=limit,
                               limit=None)
        found = [(d, idxs[j]) for _, d, j in hits if d > 0 and within(idxs[j])]
        if not found:
            return None
        best = min(d for d, _ in found)
        top = {i for d, i in found if d == best}
        return top.pop() if len(top) == 1 else None


class FuzzyRegions:
    """First-level regions per country, to match a misspelt region the text names.

    "Khyber Pakhtunkwa province, Pakistan" is Khyber Pakhtunkhwa: an edit distance of
    one (two from 9 letters) to a region's name or to the last word of a longer name,
    only among the regions of the country the text gives. Built on first use.

    Parameters
    ----------
    gazetteer : Gazetteer
        The loaded gazetteer.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._by_cc: dict[str, list[tuple[str, int]]] | None = None

    def near(self, key: str, cc: str) -> int | None:
        """Return the one region of ``cc`` whose name is spelt like ``key``, if one is."""
        from rapidfuzz.distance import Levenshtein

        if len(key) < 6:
            return None
        if self._by_cc is None:
            gaz = self.gaz
            by_cc: dict[str, list[tuple[str, int]]] = {}
            for idx in range(gaz.n_settlements, len(gaz.fc_l)):
                if gaz.fc_l[idx] != ADMIN1:
                    continue
                name = fold(gaz.names[idx])
                forms = by_cc.setdefault(gaz.cc[idx], [])
                forms.append((name, idx))
                last = name.split()[-1] if " " in name else ""
                if len(last) >= 6:
                    forms.append((last, idx))
            self._by_cc = by_cc
        limit = 1 if len(key) < 9 else 2
        forms = self._by_cc.get(cc, ())
        # the whole name first: "Middle Shabelle" is Middle Shebelle, not Lower Shebelle
        found = {idx for form, idx in forms
                 if Levenshtein.distance(key, form, score_cutoff=limit) <= limit}
        last = key.split()[-1]
        if len(found) != 1 and len(last) >= 6:
            found |= {idx for form, idx in forms
                      if Levenshtein.distance(last, form, score_cutoff=limit) <= limit}
        return found.pop() if len(found) == 1 else None
