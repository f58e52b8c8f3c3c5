"""States by every name a claimant phrase gives them: name, adjectival form, capital.

``data/claimants/states.csv`` (GeoNames names and capitals, Wikipedia's adjectival forms)
lets the resolver read the side of phrases :mod:`geo.extract.actors` does not know: "the
Tajik government" (Tajikistan), "Kinshasa said" (DR Congo), "Gaza's Interior Ministry"
(Palestine). Names are matched case-sensitively as written in the table (capitalised words),
so "police" or "chad" in lower case name no state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from geo.claimants.aliases import DATA_DIR, _rows
from geo.extract.actors import COUNTRIES


@dataclass(frozen=True)
class States:
    """The state table: a name -> side map, and the names that are places, not adjectives.

    Attributes
    ----------
    side_of_name : dict
        Name as written ("Tajik", "Dushanbe", "Tajikistan") -> side ("Tajikistan").
    place_names : frozenset
        The names that are a state's or its capital's name (not an adjectival form).
    pattern : re.Pattern
        Any name, longest first, as a whole word.
    """

    side_of_name: dict[str, str]
    place_names: frozenset[str]
    pattern: re.Pattern

    @property
    def sides(self) -> frozenset[str]:
        """Every side a state speaks for."""
        return frozenset(self.side_of_name.values())

    def side(self, phrase: str) -> str | None:
        """Return the side of the first state a phrase names, or None."""
        m = self.pattern.search(phrase)
        return self.side_of_name[m.group(1)] if m else None

    def names_in(self, text: str) -> list[tuple[int, str, bool]]:
        """Return (offset, side, is a place name) of every state ``text`` names."""
        return [(m.start(), self.side_of_name[m.group(1)], m.group(1) in self.place_names)
                for m in self.pattern.finditer(text)]


def read_states(path: str | Path) -> States:
    """Read a states CSV (``code,side,names,adjectivals``; several separated by ``|``).

    Raises
    ------
    ValueError
        Naming the file and line: a row without a side or names.
    """
    path = Path(path)
    side_of_name: dict[str, str] = {}
    places: set[str] = set()
    for n, row in _rows(path):
        side = row.get("side")
        names = [x.strip() for x in row.get("names", "").split("|") if x.strip()]
        adjectivals = [x.strip() for x in row.get("adjectivals", "").split("|") if x.strip()]
        if not side or not names:
            raise ValueError(f"{path}:{n}: field 'side' or 'names' is empty")
        for name in names:
            side_of_name.setdefault(name, side)
            places.add(name)
        for name in adjectivals:
            side_of_name.setdefault(name, side)
    names = sorted(side_of_name, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return States(side_of_name, frozenset(places), pattern)


@lru_cache(maxsize=1)
def states() -> States:
    """Return the shipped state table (cached)."""
    return read_states(DATA_DIR / "states.csv")


def is_state(side: str | None) -> bool:
    """Whether a side is a state (rather than an armed group): it has a government."""
    return side is not None and (side in COUNTRIES.values() or side in states().sides)


def sentence_side(sentence: str | None, before: int | None = None, *,
                  places_only: bool = False, first: bool = False) -> str | None:
    """Return the state a sentence is about, for a body named there without a side.

    A state named as a place (its name or capital: "in Bat Yam, Israel") wins over one named
    by an adjectival form (often the side that acted: "Israeli airstrikes"); among those,
    the last one before ``before`` (the claimant phrase's offset), else the first after.

    Parameters
    ----------
    sentence : str or None
        The sentence (or news item) the claimant phrase stands in.
    before : int, optional
        Offset of the claimant phrase in ``sentence``.
    places_only : bool
        Only a state named as a place counts.
    first : bool
        The first state the sentence names, in any form, wins instead: for a person, the
        sentence's subject ("Pakistan begins ..., according to Interior Minister X";
        "Israeli Prime Minister X says ... Defence Minister Y also says").
    """
    if not sentence:
        return None
    found = states().names_in(sentence)
    if not found:
        return None
    if first:
        return found[0][1]
    cut = len(sentence) if before is None else before
    order = (True,) if places_only else (True, False)
    for wanted in order:
        pool = [f for f in found if f[2] is wanted]
        if not pool:
            continue
        earlier = [f for f in pool if f[0] < cut]
        return (earlier[-1] if earlier else pool[0])[1]
    return None
