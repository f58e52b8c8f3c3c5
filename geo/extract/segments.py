"""An article's text cut into the pieces that are parsed; quotations and speakers.

Which sentences sit inside quotations, who speaks them, whether a sentence is framed
as a statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from geo.extract.lexicon import SPEECH_VERBS
from geo.extract.rules.grammar import lem

#: Longest text (characters) parsed as one piece; longer paragraphs are cut at spaces.
MAX_CHUNK = 3000


_CAPTION_RE = re.compile(
    r"^\s*(?:photo|photograph|image|picture|pictured|caption|video|file\s+photo|credit|"
    r"source|graphic|illustration|read\s+more|related|see\s+also|advertisement)s?\s*"
    r"(?:[:|\-–—]|$)", re.IGNORECASE)


_DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Z .'’/-]{1,40}(?:,\s*[A-Z][\w .'’-]{1,40}){0,2},?\s*"
    r"(?:(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s*)?"
    r"(?:\((?:Reuters|AP|AFP|Reuters\)\s*\(\w+|[A-Z][A-Za-z]+)\)\s*)?[-–—]+\s*")


_CREDIT_RE = re.compile(r"(?:REUTERS|AFP|AP Photo|Getty Images|EPA|Anadolu)\s*/", re.IGNORECASE)


@dataclass
class _Article:
    id: str
    published: str
    text: str
    meta: dict
    pieces: list[tuple[int, str]] = field(default_factory=list)


def segments(text: str) -> list[tuple[int, str]]:
    """Split an article into parseable pieces with their offsets, without captions.

    Parameters
    ----------
    text : str
        Article body.

    Returns
    -------
    list of (int, str)
        (character offset in ``text``, piece) for each paragraph or piece of one.
    """
    out: list[tuple[int, str]] = []
    text = text or ""
    dateline = _DATELINE_RE.match(text)
    if dateline:
        # "KYIV, Aug 14 (Reuters) - ": blanked (offsets kept) so it is not parsed as a subject
        text = " " * dateline.end() + text[dateline.end():]
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        if not line.strip():
            continue
        if _CAPTION_RE.match(line) or _CREDIT_RE.search(line):
            continue
        start = m.start()
        while len(line) > MAX_CHUNK:
            cut = line.rfind(". ", 0, MAX_CHUNK)
            if cut < MAX_CHUNK // 2:
                cut = line.rfind(" ", 0, MAX_CHUNK)
            if cut < MAX_CHUNK // 2:
                cut = MAX_CHUNK
            else:
                cut += 1
            out.append((start, line[:cut]))
            start, line = start + cut, line[cut:]
        if line.strip():
            out.append((start, line))
    return out


def _quote_balance(text: str) -> int:
    opens = text.count("\u201c")
    closes = text.count("\u201d")
    straight = text.count('"')
    return opens - closes + (straight % 2)


def _in_quote(sent: Span, tok: Token) -> bool:
    before = sent.doc.text[sent.start_char:tok.idx]
    return _quote_balance(before) > 0


def _quote_speaker(si: int, sents: list, speakers: list, balance_before: list) -> str | None:
    """Speaker of a quotation that spans sentences: where it closes, else where it opens."""
    for k in range(si, min(len(sents), si + 4)):
        if k > si and balance_before[k] == 0:
            break  # the quotation closed before this sentence
        if speakers[k]:
            return speakers[k]
    for k in range(si - 1, max(-1, si - 4), -1):
        if speakers[k]:
            return speakers[k]
        if balance_before[k] == 0:
            break
    return None


def _reported(sent: Span) -> bool:
    """Whether a sentence is framed as a statement: its main verb is a speech verb."""
    return lem(sent.root) in SPEECH_VERBS and sent.root.pos_ == "VERB"


def _same_person(a: str, b: str) -> bool:
    la, lb = a.lower().split(), b.lower().split()
    return bool(la and lb and la[-1] == lb[-1])
