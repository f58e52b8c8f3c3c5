"""Date expressions of a sentence resolved against the article's publication date.

:func:`find_dates` returns every expression it can resolve ("yesterday", "on Monday",
"on Tuesday last week", "on Nov. 27", "last August", "overnight", "as of today",
"in February 2022"...) with character offsets, the resolved date and its precision
(``day``, ``week``, ``month`` or ``year``). Expressions that open a period
("since February 2022") are flagged ``since`` so extraction does not date an event
by them.

Conventions: a weekday ("on Monday") is the most recent such day on or before the
publication date; "on Tuesday last week" is that weekday in the previous calendar
week (Monday to Sunday); "last week" is the Monday of the previous week (precision
week); a month without a year is the most recent such month on or before the
publication month ("last August": strictly before); "overnight" and "last night"
are the day before publication.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
_NUM_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
              "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (r"(?P<mon>january|february|march|april|may|june|july|august|september|october|"
        r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])\.?")
_YEAR = r"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

_PATTERNS: tuple[tuple[str, str], ...] = (
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("mon_day", rf"\b{_MON}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b{_YEAR}"),
    ("day_mon", rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}{_YEAR}"),
    ("wd_last_week", rf"\b(?:on\s+)?{_WD}{_PART}\s+(?:of\s+)?last\s+week\b"),
    ("last_wd", rf"\blast\s+{_WD}\b"),
    ("wd", rf"\b(?:on\s+|as\s+of\s+|by\s+|early\s+|late\s+|since\s+|from\s+)?{_WD}{_PART}\b"),
    ("mon_year", rf"\b(?:in\s+|since\s+|last\s+|early\s+|late\s+|mid-)?{_MON}\s+"
                 r"(?P<y>(?:19|20)\d\d)\b"),
    ("last_mon", rf"\blast\s+{_MON}(?!\s+\d)"),
    ("in_mon", rf"\b(?:in|since|early|late|mid-|during|this)\s+{_MON}(?!\s+\d)"),
    ("year", r"\b(?:in|since|during|early|late|mid-|throughout|by)\s+(?P<y>(?:19|20)\d\d)\b"),
    ("yesterday", r"\byesterday(?:\s+(?:morning|afternoon|evening))?\b"),
    ("last_night", r"\b(?:last\s+night|overnight|late\s+yesterday)\b"),
    ("today", r"\b(?:as\s+of\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"),
    ("ago", r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
            r"(?P<u>days?|weeks?|months?|years?)\s+ago\b"),
    ("last_week", r"\b(?:last|past|previous)\s+week(?:end)?\b|\bthis\s+week(?:end)?\b|"
                  r"\bearlier\s+this\s+week\b"),
    ("last_month", r"\b(?:last|previous)\s+month\b|\b(?:earlier\s+)?this\s+month\b"),
    ("last_year", r"\b(?:last|previous)\s+year\b|\b(?:earlier\s+)?this\s+year\b"),
)
DATE_RE = re.compile("|".join(f"(?P<{name}>{pat.replace('(?P<', f'(?P<{name}_')})"
                              for name, pat in _PATTERNS), re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression.

    Attributes
    ----------
    start, end : int
        Character offsets in the sentence.
    date : datetime.date
        The resolved date (first day of the week, month or year for coarser ones).
    precision : str
        ``day``, ``week``, ``month`` or ``year``.
    since : bool
        True if the expression opens a period ("since February 2022").
    text : str
        The expression as written.
    """

    start: int
    end: int
    date: dt.date
    precision: str
    since: bool
    text: str


def parse_published(value: object) -> dt.date | None:
    """Return the date of a ``published`` value (ISO date or datetime), or None.

    Parameters
    ----------
    value : object
        "2024-08-15", "2024-08-15T10:00:00Z", a date or a datetime.

    Returns
    -------
    datetime.date or None
        The calendar date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _g(m: re.Match, name: str, field: str) -> str | None:
    return m.group(f"{name}_{field}")


def _month_before(pub: dt.date, month: int, strictly: bool) -> dt.date:
    year = pub.year if (month < pub.month or (month == pub.month and not strictly)) \
        else pub.year - 1
    return dt.date(year, month, 1)


def _resolve(name: str, m: re.Match, pub: dt.date) -> tuple[dt.date, str] | None:
    week_start = pub - dt.timedelta(days=pub.weekday())
    if name == "iso":
        return dt.date(int(_g(m, name, "y")), int(_g(m, name, "m")), int(_g(m, name, "d"))), "day"
    if name in ("mon_day", "day_mon"):
        month, day = MONTHS[_g(m, name, "mon").lower()], int(_g(m, name, "d"))
        year = _g(m, name, "y")
        if year:
            return dt.date(int(year), month, day), "day"
        d = dt.date(pub.year, month, day)
        if d > pub + dt.timedelta(days=1):
            d = dt.date(pub.year - 1, month, day)
        return d, "day"
    if name == "wd_last_week":
        wd = WEEKDAYS.index(_g(m, name, "wd").lower())
        return week_start - dt.timedelta(days=7 - wd), "day"
    if name in ("wd", "last_wd"):
        wd = WEEKDAYS.index(_g(m, name, "wd").lower())
        delta = (pub.weekday() - wd) % 7
        if name == "last_wd" and delta == 0:
            delta = 7
        return pub - dt.timedelta(days=delta), "day"
    if name == "mon_year":
        return dt.date(int(_g(m, name, "y")), MONTHS[_g(m, name, "mon").lower()], 1), "month"
    if name == "last_mon":
        return _month_before(pub, MONTHS[_g(m, name, "mon").lower()], True), "month"
    if name == "in_mon":
        return _month_before(pub, MONTHS[_g(m, name, "mon").lower()], False), "month"
    if name == "year":
        return dt.date(int(_g(m, name, "y")), 1, 1), "year"
    if name == "yesterday" or name == "last_night":
        return pub - dt.timedelta(days=1), "day"
    if name == "today":
        return pub, "day"
    if name == "ago":
        n = _g(m, name, "n").lower()
        k = int(n) if n.isdigit() else _NUM_WORDS.get(n, 1)
        unit = _g(m, name, "u").lower().rstrip("s")
        if unit == "day":
            return pub - dt.timedelta(days=k), "day"
        if unit == "week":
            return pub - dt.timedelta(days=7 * k), "week"
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - k, 12)
            return dt.date(y, mo + 1, 1), "month"
        return dt.date(pub.year - k, 1, 1), "year"
    text = m.group(0).lower()
    if name == "last_week":
        if "this" in text:
            return week_start, "week"
        return week_start - dt.timedelta(days=7), "week"
    if name == "last_month":
        if "this" in text:
            return dt.date(pub.year, pub.month, 1), "month"
        y, mo = divmod(pub.year * 12 + pub.month - 2, 12)
        return dt.date(y, mo + 1, 1), "month"
    if name == "last_year":
        return dt.date(pub.year if "this" in text else pub.year - 1, 1, 1), "year"
    return None


def find_dates(sentence: str, published: dt.date | str | None) -> list[DateMention]:
    """Return the date expressions of ``sentence`` resolved against ``published``.

    Parameters
    ----------
    sentence : str
        One sentence.
    published : datetime.date or str
        The article's publication date.

    Returns
    -------
    list of DateMention
        In order of appearance; empty if ``published`` is unusable.

    Examples
    --------
    >>> [d.date.isoformat() for d in find_dates("on Tuesday last week", "2024-08-15")]
    ['2024-08-06']
    """
    pub = parse_published(published)
    if pub is None or not sentence:
        return []
    out: list[DateMention] = []
    for m in DATE_RE.finditer(sentence):
        outer = next(n for n, _ in _PATTERNS if m.group(n) is not None)
        try:
            res = _resolve(outer, m, pub)
        except (ValueError, KeyError, OverflowError):
            res = None
        if res is None:
            continue
        text = m.group(0)
        mon = next((m.group(f"{outer}_mon") for _ in [0] if f"{outer}_mon" in DATE_RE.groupindex),
                   None)
        if mon and not mon[0].isupper():
            continue  # "this march", "may"
        before = sentence[max(0, m.start() - 6):m.start()].lower()
        since = text.lower().startswith("since") or before.rstrip().endswith("since")
        out.append(DateMention(m.start(), m.end(), res[0], res[1], since, text))
    return out
