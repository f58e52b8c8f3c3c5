"""The claimant tables: known claimants and their aliases, institution words, titles.

Three CSVs in ``data/claimants/`` (each says where its entries come from): ``aliases.csv``
(one row per known claimant: id, display name, side, kind, every spelling),
``institutions.csv`` (words that make a phrase a side's institution: "defence ministry",
"General Staff") and ``titles.csv`` (titles of people: "governor", "spokesman"). Analysts
add claimants with a CSV of the ``aliases.csv`` columns named by the ``user_claimants``
setting (``GEO_USER_CLAIMANTS``); their rows win over the shipped ones.

Text is compared *folded*: lower case, accents removed, typographic apostrophes made plain,
"defense" spelled "defence", a leading article and a trailing possessive dropped.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "data" / "claimants"

#: The kinds of claimant of the SPEC.
KINDS = ("government", "military", "local official", "armed group", "analyst", "media",
         "international", "witness")
#: Kinds that observe rather than take part: their side is ``independent`` unless given.
OBSERVER_KINDS = ("analyst", "media", "international", "witness")
INDEPENDENT = "independent"

_ALIAS_COLUMNS = ("claimant_id", "name", "side", "kind", "aliases")


def fold(text: str) -> str:
    """Return ``text`` folded for comparison ("Defense Ministry's" -> "defence ministry").

    Parameters
    ----------
    text : str
        A claimant phrase as written.

    Returns
    -------
    str
        Lower case, accents removed, "defense" -> "defence", no leading article, no trailing
        possessive, single spaces.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    text = text.lower().replace("&", " and ")
    text = re.sub(r"\bunited nations\b|(?<![\w.])u\.n\.(?=\s|$)", "un", text)
    text = re.sub(r"\bdefense\b", "defence", text)
    text = re.sub(r"\s+", " ", text).strip(" ,.;:\"'()")
    text = re.sub(r"^(?:the|a|an) ", "", text)
    text = re.sub(r"'s$", "", text)
    return text.strip()


def slug(text: str) -> str:
    """Return a lower-case, hyphenated key ("Rapid Support Forces" -> "rapid-support-forces")."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


@dataclass(frozen=True)
class Claimant:
    """One claimant: a stable id, a display name, the side it speaks for and its kind."""

    claimant_id: str
    name: str
    side: str | None
    kind: str | None


@dataclass(frozen=True)
class Institution:
    """A kind of institution a side has ("defence-ministry"), found by a pattern."""

    slug: str
    kind: str
    name: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Title:
    """A title of a person ("governor"), found by a pattern; gives the person's kind."""

    title: str
    kind: str
    pattern: re.Pattern


@dataclass
class AliasTable:
    """Known claimants by folded alias, plus the institution and title tables.

    Attributes
    ----------
    by_alias : dict
        Folded alias -> :class:`Claimant`.
    by_id : dict
        Claimant id -> :class:`Claimant`.
    institutions, titles : list
        Rows of ``institutions.csv`` and ``titles.csv``, in file order.
    """

    by_alias: dict[str, Claimant] = field(default_factory=dict)
    by_id: dict[str, Claimant] = field(default_factory=dict)
    institutions: list[Institution] = field(default_factory=list)
    titles: list[Title] = field(default_factory=list)

    def add(self, claimant: Claimant, aliases: list[str]) -> None:
        """Add (or replace) a claimant and its aliases; its name is an alias too."""
        self.by_id[claimant.claimant_id] = claimant
        for alias in [claimant.name, *aliases]:
            key = fold(alias)
            if key:
                self.by_alias[key] = claimant

    def institution(self, folded: str) -> Institution | None:
        """Return the first institution whose pattern occurs in a folded phrase."""
        return next((i for i in self.institutions if i.pattern.search(folded)), None)

    def title(self, folded: str) -> Title | None:
        """Return the first title whose pattern occurs in folded words."""
        return next((t for t in self.titles if t.pattern.search(folded)), None)


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """Rows of a CSV whose comment lines start with '#', with their 1-based line numbers."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        lines = fh.read().splitlines()
    body = [(n, line) for n, line in enumerate(lines, start=1)
            if line.strip() and not line.lstrip().startswith("#")]
    if not body:
        return []
    reader = csv.reader([line for _, line in body])
    header = [h.strip().lower() for h in next(reader)]
    out = []
    for (n, _), values in zip(body[1:], reader, strict=True):
        out.append((n, {h: (v or "").strip() for h, v in zip(header, values, strict=False)}))
    return out


def read_aliases(path: str | Path, table: AliasTable) -> None:
    """Add the claimants of an aliases CSV (columns of ``data/claimants/aliases.csv``).

    Parameters
    ----------
    path : str or Path
        The CSV; ``aliases`` holds spellings separated by ``|``; lines starting with ``#``
        are comments.
    table : AliasTable
        Filled in place; later rows win.

    Raises
    ------
    ValueError
        Naming the file, line and field: a missing column, an empty id or name, an unknown
        kind.
    """
    path = Path(path)
    rows = _rows(path)
    if rows:
        missing = [c for c in _ALIAS_COLUMNS if c not in rows[0][1]]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
    for n, row in rows:
        for col in ("claimant_id", "name"):
            if not row.get(col):
                raise ValueError(f"{path}:{n}: field {col!r} is empty")
        kind = row.get("kind") or None
        if kind is not None and kind not in KINDS:
            raise ValueError(f"{path}:{n}: field 'kind': {kind!r} is not one of "
                             f"{', '.join(KINDS)}")
        side = row.get("side") or (INDEPENDENT if kind in OBSERVER_KINDS else None)
        claimant = Claimant(row["claimant_id"], row["name"], side, kind)
        table.add(claimant, [a for a in row.get("aliases", "").split("|") if a.strip()])


def _patterned(path: Path, key: str) -> list[tuple[int, dict[str, str], re.Pattern]]:
    out = []
    for n, row in _rows(path):
        try:
            out.append((n, row, re.compile(row["pattern"])))
        except (KeyError, re.error) as exc:
            raise ValueError(f"{path}:{n}: field 'pattern': {exc}") from exc
        if row.get("kind") not in KINDS or not row.get(key):
            raise ValueError(f"{path}:{n}: field 'kind' or {key!r} is missing or unknown")
    return out


def load_table(user_claimants: str | Path | None = None,
               data_dir: str | Path = DATA_DIR) -> AliasTable:
    """Load the shipped claimant tables and an analyst's aliases CSV.

    Parameters
    ----------
    user_claimants : str or Path, optional
        An analyst's CSV with the columns of ``aliases.csv``; its rows win.
    data_dir : str or Path
        Folder of ``aliases.csv``, ``institutions.csv`` and ``titles.csv``.

    Returns
    -------
    AliasTable
    """
    data_dir = Path(data_dir)
    table = AliasTable()
    read_aliases(data_dir / "aliases.csv", table)
    for _, row, pat in _patterned(data_dir / "institutions.csv", "slug"):
        table.institutions.append(Institution(row["slug"], row["kind"], row["name"], pat))
    for _, row, pat in _patterned(data_dir / "titles.csv", "title"):
        table.titles.append(Title(row["title"], row["kind"], pat))
    if user_claimants:
        read_aliases(user_claimants, table)
    return table
