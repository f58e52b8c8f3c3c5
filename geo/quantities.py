"""Quantities claimed in a sentence: areas, distances, settlement and people counts.

:func:`find_quantities` scans a sentence with regular expressions (numbers as digits
or words, ranges, qualifiers, units) and returns :class:`Quantity` objects with
character offsets, so extraction can keep those inside a claim's clause. Distances
used for description ("about 5km from the border", "30 km north of the city") are
flagged ``descriptive`` and are not figures of a claim.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "a hundred": 100,
    "a thousand": 1000, "hundred": 100,
}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
_VAGUE = (r"(?:tens of thousands|hundreds of thousands|thousands|hundreds|dozens|scores|"
          r"several|many|a few)")

_WORD_NUM = r"(?:a dozen|a hundred|a thousand|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"  # noqa: E501
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUM = rf"(?:{_DIGITS}|{_WORD_NUM})(?:\s*(?:hundred|thousand|million|billion|bn|mn)\b)?"

_QUALIFIERS = (
    ("at least", r"at least|no fewer than|no less than|a minimum of"),
    ("more than", r"more than|over|above|upwards of|in excess of|exceeding|nearly more than"),
    ("less than", r"less than|fewer than|under|below"),
    ("up to", r"up to|as many as|as much as"),
    ("about", r"about|around|approximately|roughly|some|nearly|almost|an estimated|close to|"
              r"approx\.?|an approximate|estimated"),
)
_QUAL_RE = "|".join(f"(?P<q{i}>{pat})" for i, (_, pat) in enumerate(_QUALIFIERS))

_UNIT_PATTERNS = (
    ("km2", r"(?:square\s+kilomet(?:er|re)s?|sq\.?\s*km|km2|km²|kilomet(?:er|re)s?\s+squared|"
            r"square\s+km)"),
    ("mi2", r"(?:square\s+miles?|sq\.?\s*mi(?:les?)?)"),
    ("km", r"(?:kilomet(?:er|re)s?|kms?)(?![²2])"),
    ("mi", r"miles?"),
    ("settlements", r"(?:settlements?|villages?|towns?|localities|locality|hamlets?|"
                    r"communities|community|populated\s+areas?|population\s+centers?)"),
)
_PEOPLE_NOUNS = (
    r"people|persons?|civilians?|residents?|inhabitants|children|kids|women|men|soldiers?|troops|"
    r"servicemen|fighters?|militants?|combatants?|rebels?|protesters?|protestors?|demonstrators?|"
    r"policemen|policewomen|gunmen|militiamen|peacekeepers?|guards?|medics?|farmers?|"
    r"fishermen|pilgrims?|worshippers?|teachers?|doctors?|nurses?|aid\s+workers?|"
    r"rioters?|refugees?|migrants?|villagers?|students?|workers?|police(?:\s+officers?)?|"
    r"officers?|journalists?|prisoners?|detainees?|hostages?|captives?|patients?|"
    r"individuals?|suspects?|passengers?|victims?|casualties|dead|bodies|attackers?|"
    r"assailants?|insurgents?|jihadists?|paramilitaries|mercenaries|guerrillas?|snipers?|"
    r"(?-i:[A-Z][a-z]+(?:ans|ians|ese|is|ites|ers|s))"  # demonyms: Russians, Sudanese (not
    # "three points": the capital is required even though the pattern ignores case)
)

# up to three adjectives: "blindfolded and bound men" (words, not numbers: in "since 2014
# killed 40 people" the year must not swallow the count)
_ADJ_GAP = r"(?:[^\W\d_][\w'-]*\s+){0,3}?"

QUANTITY_RE = re.compile(
    rf"(?<![\w.,])(?:(?:{_QUAL_RE})\s+)?"
    rf"(?:(?P<lo>{_NUM})\s*(?:-|–|—|to|or|and)\s*)?"  # range start
    rf"(?P<num>{_NUM})"
    rf"(?:\s*(?P<unit>{'|'.join(f'(?P<u{i}>{p})' for i, (_, p) in enumerate(_UNIT_PATTERNS))})\b"
    rf"|\s+{_ADJ_GAP}(?P<people>{_PEOPLE_NOUNS})\b)",
    re.IGNORECASE,
)
_BETWEEN_RE = re.compile(rf"between\s+(?P<lo>{_NUM})\s+and\s+(?P<num>{_NUM})", re.IGNORECASE)
VAGUE_RE = re.compile(
    rf"\b(?P<vague>{_VAGUE})\s+(?:of\s+)?{_ADJ_GAP}"
    rf"(?P<noun>{_UNIT_PATTERNS[4][1]}|{_PEOPLE_NOUNS})\b",
    re.IGNORECASE,
)
# A distance followed by these words describes a position, not a gain: "5km from the border".
_DESCRIPTIVE_RE = re.compile(
    r"^\s*(?:\([^)]{0,30}\)\s*)?(?:from|away|off|of|outside|north|south|east|west|"
    r"northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west|"
    r"northern|southern|eastern|western|inland|beyond|short\s+of|along|long|wide|stretch|"
    r"radius|zone|buffer|border|frontier|front|line|corridor|road|highway|range|per\s+hour|an?\s+hour|"
    r"to\s+the\s+(?:north|south|east|west)\w*)\b",
    re.IGNORECASE,
)
# A distance measuring a motion verb is a gain even when a bearing follows it: "pushed
# 15 to 20 kilometres north of Goma" (but "5km from the border" stays descriptive).
_GAIN_BEFORE_RE = re.compile(
    r"\b(?:advanc\w*|push\w*|mov(?:ed|ing)|progress\w*|penetrat\w*|drove|driven|thrust|"
    r"gain\w*)\s+(?:(?:by|some|about|around|nearly|almost|roughly|another|a\s+further|"
    r"further|up\s+to|at\s+least|more\s+than|over)\s+)*$", re.IGNORECASE)
_DIRECTION_AFTER_RE = re.compile(
    r"^\s*(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|"
    r"north-west|south-east|south-west)\s+of\b", re.IGNORECASE)
_DESCRIPTIVE_BEFORE_RE = re.compile(r"(?:within|some|just|only|lies|located|situated|a|an)\s*$",
                                    re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A figure found in a sentence.

    Attributes
    ----------
    start, end : int
        Character offsets of the whole expression in the sentence.
    quantity, quantity_max : float or None
        The figure, and the top of a range; ``quantity`` is None for vague counts
        ("dozens of settlements").
    unit : str or None
        ``km``, ``km2``, ``settlements`` or ``people``.
    qualifier : str or None
        ``at least``, ``about``, ``more than``, ``less than`` or ``up to``.
    descriptive : bool
        True for a distance that only describes a position.
    text : str
        The expression as written.
    """

    start: int
    end: int
    quantity: float | None
    quantity_max: float | None
    unit: str | None
    qualifier: str | None
    descriptive: bool
    text: str


def parse_number(text: str) -> float | None:
    """Return the value of a number written in digits or words, or None.

    Parameters
    ----------
    text : str
        "1,000", "12.5", "one", "twenty-five", "1.2 million", "a dozen".

    Returns
    -------
    float or None
        The value.
    """
    t = text.strip().lower().replace("\u2009", "").replace("\xa0", " ")
    m = re.match(r"^(.*?)\s*(hundred|thousand|million|billion|bn|mn)$", t)
    scale = 1.0
    if m and m.group(1):
        t, scale = m.group(1).strip(), float(_SCALE[m.group(2)])
    t = t.replace(",", "")
    try:
        value = float(t) * scale
    except ValueError:
        pass
    else:  # "999...9" (400 digits) is inf, "nan" a float: no claimed figure
        return value if math.isfinite(value) else None
    if t in _SMALL:
        return float(_SMALL[t]) * scale
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in _SMALL:
        return float(_SMALL[parts[0]] + _SMALL[parts[1]]) * scale
    return None


def _qualifier(m: re.Match) -> str | None:
    for i, (name, _) in enumerate(_QUALIFIERS):
        if m.group(f"q{i}"):
            return name
    return None


def _unit(m: re.Match) -> str | None:
    if m.group("people"):
        return "people"
    for i, (name, _) in enumerate(_UNIT_PATTERNS):
        if m.group(f"u{i}"):
            return name
    return None


def _to_metric(value: float | None, unit: str | None) -> tuple[float | None, str | None]:
    if value is None:
        return None, unit
    if unit == "mi":
        return round(value * 1.609344, 2), "km"
    if unit == "mi2":
        return round(value * 2.589988, 2), "km2"
    return value, unit


def find_quantities(sentence: str) -> list[Quantity]:
    """Return the quantities of a sentence, in order of appearance.

    Parameters
    ----------
    sentence : str
        One sentence (any length; the scan is linear).

    Returns
    -------
    list of Quantity
        Non-overlapping figures with units; vague counts ("dozens of villages")
        have ``quantity=None``.

    Examples
    --------
    >>> q = find_quantities("troops advanced by one to three kilometers")[0]
    >>> (q.quantity, q.quantity_max, q.unit)
    (1.0, 3.0, 'km')
    """
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _BETWEEN_RE.finditer(sentence):
        if any(s <= m.start() < e for s, e in taken):
            continue
        tail = QUANTITY_RE.match(sentence, m.start("num"))
        if tail is None:
            continue
        lo, hi = parse_number(m.group("lo")), parse_number(m.group("num"))
        unit = _unit(tail)
        lo, unit2 = _to_metric(lo, unit)
        hi, _ = _to_metric(hi, unit)
        out.append(Quantity(m.start(), tail.end(), lo, hi, unit2, None, False,
                            sentence[m.start():tail.end()]))
        taken.append((m.start(), tail.end()))
    for m in QUANTITY_RE.finditer(sentence):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            continue
        num = parse_number(m.group("num"))
        if num is None:
            continue
        lo = parse_number(m.group("lo")) if m.group("lo") else None
        unit = _unit(m)
        text_num = m.group("num")
        # a bare year ("2022 people" is fine, but "in 2022 troops" is a year)
        if re.fullmatch(r"(?:19|20)\d\d", text_num) and not m.group("lo") and re.search(
                r"\b(?:in|of|since|until|by|from|before|after|during|early|late|mid)\s*$",
                sentence[max(0, m.start() - 8):m.start()], re.IGNORECASE):
            continue
        if unit == "people" and m.group("people") and m.group("people")[0].isupper() and \
                not m.group("people").lower().endswith(("ians", "ans", "ese", "is")):
            continue
        if lo is not None and lo >= num:
            joined = parse_number(f"{m.group('lo')}-{m.group('num')}")  # "twenty-five"
            num, lo = (joined, None) if joined is not None else (num, None)
        qty, qmax = (lo, num) if lo is not None and lo < num else (num, None)
        qty, unit2 = _to_metric(qty, unit)
        qmax, _ = _to_metric(qmax, unit)
        descriptive = False
        if unit2 in ("km",):
            after = sentence[m.end():m.end() + 40]
            before = sentence[max(0, m.start() - 12):m.start()]
            descriptive = bool(_DESCRIPTIVE_RE.match(after)) or (
                bool(_DESCRIPTIVE_BEFORE_RE.search(before)) and not re.search(
                    r"\b(?:advance|advanced|push|pushed|penetrat|deep|by)\b",
                    sentence[max(0, m.start() - 40):m.end() + 12], re.IGNORECASE))
        if descriptive and _GAIN_BEFORE_RE.search(sentence[max(0, m.start() - 30):m.start()]) \
                and _DIRECTION_AFTER_RE.match(sentence[m.end():m.end() + 40]):
            descriptive = False  # "advanced up to 2.5 km northwest of X": the gain, located
        qual = _qualifier(m)
        if qual == "more than" and re.search(r"\b(?:control|authority|power|sovereignty)\s*$",
                                             sentence[max(0, m.start() - 14):m.start()],
                                             re.IGNORECASE):
            qual = None  # "control over 40 square kilometers"
        out.append(Quantity(m.start(), m.end(), qty, qmax, unit2, qual, descriptive, m.group(0)))
        taken.append((m.start(), m.end()))
    for m in VAGUE_RE.finditer(sentence):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            continue
        noun = m.group("noun").lower()
        unit = "settlements" if re.fullmatch(_UNIT_PATTERNS[4][1], noun) else "people"
        out.append(Quantity(m.start(), m.end(), None, None, unit, None, False, m.group(0)))
    out.sort(key=lambda q: q.start)
    return out
