"""Normalising untrusted article text on the way in, so invisible characters move no claim.

A zero-width space inside "Pokrovsk", a soft hyphen, a byte-order mark or a
zero-width joiner next to "captured" must not change which place or which claim
type a sentence gives. :func:`normalise` returns the text extraction works on:

* Unicode NFC;
* format characters (category ``Cf``: zero-width space, joiners, soft hyphen,
  BOM, bidirectional marks, word joiner...), invisible variation selectors and
  control characters other than tab and newline are removed;
* line ends (CR LF, CR, NEL, line and paragraph separators) become LF;
* every space separator (no-break, thin, ideographic...) becomes ``" "``;
* hyphens, en dashes and minus signs become ``"-"``; em dashes and bars ``"—"``;
* low, reversed and fullwidth quotes, guillemets and primes become the curly (or
  straight) quote they stand for; curly quotes stay, their direction matters;
* inline HTML tags (``<b>``, ``</span>``...) are removed, block tags (``<p>``,
  ``<br>``...) become a newline, comments are removed and character references
  (``&nbsp;``, ``&#8203;``) are decoded, then normalised like the rest.

:class:`Normalised` keeps the map back to the original text, so a claim can show
its sentence verbatim (:func:`restore_verbatim`) where it differs from the text
extraction saw only in the characters above (markup removed: the clean sentence).
The tables are data: :data:`DASHES`, :data:`QUOTES`, :data:`INLINE_TAGS`,
:data:`BLOCK_TAGS` (from Unicode's General_Category and Dash properties and the
HTML Living Standard's element list).
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

__all__ = [
    "BLOCK_TAGS",
    "DASHES",
    "INLINE_TAGS",
    "QUOTES",
    "Normalised",
    "normalise",
    "normalise_articles",
    "normalise_text",
    "restore_verbatim",
]

#: Dash characters (Unicode Dash=yes, plus minus signs) and what they become.
DASHES: dict[str, str] = {
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash
    "\u2212": "-",  # minus sign
    "\u2043": "-",  # hyphen bullet
    "\ufe63": "-",  # small hyphen-minus
    "\uff0d": "-",  # fullwidth hyphen-minus
    "\u2014": "\u2014",  # em dash (kept: one form for the long dash)
    "\u2015": "\u2014",  # horizontal bar
    "\ufe58": "\u2014",  # small em dash
    "\u2e3a": "\u2014",  # two-em dash
    "\u2e3b": "\u2014",  # three-em dash
}

#: Quotation mark variants (Unicode Quotation_Mark=yes, primes) and the form each becomes.
#: Curly quotes stay curly: opening and closing marks tell extraction where a quotation
#: starts and ends, so variants go to the opening or closing curly mark they stand for.
QUOTES: dict[str, str] = {
    "\u201e": "\u201c", "\u201f": "\u201c", "\u00ab": "\u201c", "\u301d": "\u201c",
    "\u2e42": "\u201c",  # low, reversed, guillemet, double prime quotation marks: opening
    "\u00bb": "\u201d", "\u301e": "\u201d", "\u301f": "\u201d",  # closing
    "\u201a": "\u2018", "\u201b": "\u2018", "\u2039": "\u2018",  # single, opening
    "\u203a": "\u2019",  # single guillemet, closing
    "\uff02": '"', "\u2033": '"', "\uff07": "'", "\u2032": "'",  # fullwidth, primes
}

#: HTML elements removed without a trace (phrasing content: may sit inside a word).
INLINE_TAGS = frozenset((
    "a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark nobr q s samp "
    "small span strike strong sub sup time tt u var wbr").split())

#: HTML elements that end a line of text (flow content).
BLOCK_TAGS = frozenset((
    "address article aside blockquote br caption dd div dl dt figcaption figure footer "
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th "
    "thead tr ul").split())

_LINE_ENDS = {"\r\n": "\n", "\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n",
              "\x0b": "\n", "\x0c": "\n"}
_TAG_NAMES = "|".join(sorted(INLINE_TAGS | BLOCK_TAGS, key=len, reverse=True))
# one alternation, tried left to right at each position
_SPECIAL = re.compile(
    r"(?P<comment><!--.*?-->)"
    rf"|(?P<tag></?(?P<name>{_TAG_NAMES})(?:\s[^<>]{{0,500}})?/?>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<crlf>\r\n)"
    r"|(?P<char>[^\x20-\x7e\n\t])",
    re.IGNORECASE | re.DOTALL)
# fast path: plain ASCII text without markup, entities or carriage returns
_PLAIN = re.compile(r"[\x20-\x7e\n\t]*\Z")
_HAS_MARKUP_START = re.compile(r"[<&]")


def _char(ch: str) -> str:
    """Return what one character becomes ("" when it is dropped)."""
    if ch in _LINE_ENDS:
        return _LINE_ENDS[ch]
    if ch in DASHES:
        return DASHES[ch]
    if ch in QUOTES:
        return QUOTES[ch]
    cat = unicodedata.category(ch)
    if cat == "Cf" or cat == "Cc" and ch not in "\t\n":
        return ""
    if cat == "Zs":
        return " "
    if "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef" or ch == "\u034f":
        return ""  # variation selectors and the combining grapheme joiner: invisible
    return ch


@dataclass
class Normalised:
    """An article text normalised for extraction, with the map back to the original.

    Parameters
    ----------
    original : str
        The text as given (after NFC; see Notes).
    text : str
        The normalised text.
    pieces : list of tuple
        ``(out_start, in_start, in_end, copied, markup)`` for each run of the
        output: a copied run maps offset by offset, a replaced one maps to its
        whole input span; ``markup`` marks runs that came from HTML tags or
        character references.

    Notes
    -----
    When NFC changes the text (decomposed accents), ``original`` is the NFC form:
    it displays the same.
    """

    original: str
    text: str
    pieces: list[tuple[int, int, int, bool, bool]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether normalisation changed anything."""
        return self.text != self.original

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the original text that the output span ``[start, end)`` came from."""
        if not self.pieces:
            return start, end
        outs = [p[0] for p in self.pieces]

        def locate(pos: int, is_end: bool) -> int:
            i = bisect.bisect_right(outs, pos - 1 if is_end else pos) - 1
            i = max(i, 0)
            o, a, b, copied, _ = self.pieces[i]
            if copied:
                return a + (pos - o)
            return b if is_end else a

        first = locate(start, False)
        if end <= start:
            # an empty output span (all of the text removed) maps to an empty original span
            return first, first
        return first, max(first, locate(end, True))

    def has_markup(self, start: int, end: int) -> bool:
        """Whether markup (tags, character references) was removed inside the original span."""
        for _, a, b, copied, markup in self.pieces:
            if markup and not copied and a < end and b > start:
                return True
        return False


def normalise(text: str) -> Normalised:
    """Normalise one article text (see the module docstring) and keep the offset map.

    Parameters
    ----------
    text : str
        Untrusted article text.

    Returns
    -------
    Normalised
        ``.text`` is what extraction should read.

    Examples
    --------
    >>> normalise("Troops captured Pok" + chr(0x200B) + "rovsk" + chr(0xAD) + ".").text
    'Troops captured Pokrovsk.'
    """
    if _PLAIN.match(text) and not _HAS_MARKUP_START.search(text):
        return Normalised(text, text)
    original = text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize(
        "NFC", text)
    out: list[str] = []
    pieces: list[tuple[int, int, int, bool, bool]] = []
    n_out = 0
    pos = 0

    def emit(s: str, a: int, b: int, copied: bool, markup: bool = False) -> None:
        nonlocal n_out
        pieces.append((n_out, a, b, copied, markup))
        out.append(s)
        n_out += len(s)

    for m in _SPECIAL.finditer(original):
        a, b = m.span()
        if a > pos:
            emit(original[pos:a], pos, a, True)
        kind = m.lastgroup if m.lastgroup != "name" else "tag"
        if m.group("comment") is not None:
            emit("", a, b, False, True)
        elif m.group("tag") is not None:
            block = m.group("name").lower() in BLOCK_TAGS
            emit("\n" if block else "", a, b, False, True)
        elif m.group("entity") is not None:
            decoded = html.unescape(m.group())
            if decoded == m.group():  # not a known reference: keep as written
                emit(decoded, a, b, True)
            else:
                emit("".join(_char(c) for c in unicodedata.normalize("NFC", decoded)), a, b,
                     False, True)
        elif kind == "crlf":
            emit("\n", a, b, False)
        else:
            ch = m.group()
            new = _char(ch)
            if new == ch:
                emit(ch, a, b, True)
            else:
                emit(new, a, b, False)
        pos = b
    if pos < len(original):
        emit(original[pos:], pos, len(original), True)
    # empty replacements carry no output: drop them from the map, keep markup flags
    return Normalised(original, "".join(out), pieces)


def normalise_text(text: str | None) -> str | None:
    """Return the normalised form of a short text (a title, a source), ``None`` kept.

    Parameters
    ----------
    text : str or None

    Returns
    -------
    str or None
        :func:`normalise` ``.text`` with surrounding spaces stripped.
    """
    if text is None:
        return None
    return normalise(text).text.strip()


def normalise_articles(articles: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, Normalised]]:
    """Normalise the ``text`` of an articles frame for extraction.

    Parameters
    ----------
    articles : pandas.DataFrame
        With ``id`` and ``text`` columns.

    Returns
    -------
    (pandas.DataFrame, dict)
        A copy with normalised ``text`` (the frame itself when nothing changed),
        and ``article id -> Normalised`` for the articles whose text changed.
    """
    if "text" not in articles.columns or not len(articles):
        return articles, {}
    changed: dict[str, Normalised] = {}
    texts = []
    for aid, text in zip(articles["id"], articles["text"], strict=True):
        if not isinstance(text, str):
            texts.append(text)
            continue
        norm = normalise(text)
        if norm.changed:
            changed[str(aid)] = norm
        texts.append(norm.text)
    if not changed:
        return articles, {}
    out = articles.copy()
    out["text"] = texts
    return out, changed


def _verbatim(norm: Normalised, sentence: str, start_hint: int) -> tuple[str, int]:
    """Return the verbatim form of ``sentence`` (found in ``norm.text``) and where it was."""
    at = norm.text.find(sentence, start_hint)
    if at < 0:
        at = norm.text.find(sentence)
    if at < 0 or not sentence:
        return sentence, start_hint
    a, b = norm.original_span(at, at + len(sentence))
    if norm.has_markup(a, b):
        return sentence, at
    return norm.original[a:b], at


def restore_verbatim(claims: pd.DataFrame, normalised: dict[str, Normalised]) -> pd.DataFrame:
    """Put back each claim's sentence as written, where it differs only in normalised characters.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``article_id``, ``sentence`` and ``sentence_index`` columns, as
        extracted from the normalised text.
    normalised : dict
        From :func:`normalise_articles`.

    Returns
    -------
    pandas.DataFrame
        ``claims`` with ``sentence`` verbatim for the articles that were changed
        (the sentence extraction saw where markup was removed from it).
    """
    if not normalised or not len(claims) or "sentence" not in claims.columns:
        return claims
    out = claims.copy()
    sentences = list(out["sentence"])
    hints: dict[str, int] = {}
    order: Iterable[int] = range(len(out))
    if "sentence_index" in out.columns:
        order = sorted(order, key=lambda i: (str(out["article_id"].iat[i]),
                                             _int(out["sentence_index"].iat[i])))
    for i in order:
        norm = normalised.get(str(out["article_id"].iat[i]))
        sent = sentences[i]
        if norm is None or not isinstance(sent, str):
            continue
        aid = str(out["article_id"].iat[i])
        sentences[i], hints[aid] = _verbatim(norm, sent, hints.get(aid, 0))
    out["sentence"] = pd.array(sentences, dtype=out["sentence"].dtype)
    return out


def _int(value: object) -> int:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
