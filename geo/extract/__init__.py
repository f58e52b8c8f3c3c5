"""Claim extraction: articles in, claims (GeoDataFrame of :mod:`geo.schema`) out.

Pipeline per article:

1. Split the text into paragraphs, drop photo captions and credit lines, cut very long
   paragraphs so no sentence exceeds :data:`MAX_CHUNK` characters.
2. Find toponyms in the whole text (:class:`geo.places.matcher.ToponymMatcher`), resolve them
   jointly (:meth:`geo.places.geocode.Geocoder.resolve_article`) and take the article's focus.
3. Parse the paragraphs with spaCy (batched over the whole input with ``nlp.pipe``).
4. Per sentence: find asserted triggers (:mod:`geo.extract.rules`), give each its places,
   figures (:mod:`geo.quantities`), date (:mod:`geo.dates`), claimant
   (:mod:`geo.attribution`) and actor (:mod:`geo.extract.actors`); emit one claim per
   (sentence, type, place, unit), dropping a region when a place inside it carries the
   same claim.

Places of a claim, in order: the place mentions of the trigger's own clause (the nearest
one plus those coordinated with it or listed after "including"; mentions that name an
actor, a title, a descriptive reference such as "80km north of Tokmak", or sit in a
background phrase are skipped); "the city" / "the region" / "the country" resolved to
the last such place named before; else the nearest mention of the sentence; else the
previous sentence's place when this sentence continues it (same quotation or speaker,
or a settlement/region named just before); else the settlement the article keeps
naming; else the article's focus (:meth:`geo.places.geocode.Geocoder.article_focus`).

Dates: an expression of the clause, else of the sentence (not one opening a period,
"since ..."; "today" inside a quotation loses to the date of the statement); a sentence
that continues a dated statement by the same speaker ("..., Syrsky added") takes its
date; else the publication date with precision ``published``. Claims dated explicitly
to a year more than 400 days before publication ("in 2022") are history, not news.

:func:`extract_claims` is a pure function over a batch of articles, so it runs on a
process pool (``jobs``) and on partitions of a distributed frame alike.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from geo import settings
from geo.attribution import NameIndex, claimant_for, noun_phrase_name, sentence_speaker
from geo.dates import DateMention, find_dates, parse_published
from geo.extract.actors import COUNTRIES, normalise_actor
from geo.extract.lexicon import (
    ARMED_NOUNS,
    BACKGROUND_PREPS,
    CONFLICT_EVIDENCE,
    CONFLICT_WORDS,
    FIGURATIVE_EVIDENCE,
    GEO_NOUNS,
    HARD_CONFLICT_WORDS,
    SPEECH_VERBS,
    SPORT_WORDS,
    SUPERLATIVE_WORDS,
    VIOLENCE_WORDS,
)
from geo.extract.rules import (
    SentenceContext,
    Trigger,
    domain,
    figurative_host,
    find_triggers,
    lem,
)
from geo.quantities import Quantity, find_quantities, parse_number
from geo.schema import CLAIM_COLUMNS, claim_id, conform_claims, empty_claims

#: Version of the rules; stored in every claim row.
EXTRACTOR_VERSION = "h2-rules-1.4"

#: Longest text (characters) parsed as one piece; longer paragraphs are cut at spaces.
MAX_CHUNK = 3000
#: Sentences longer than this many tokens are parsed but give no claims (run-ons, tables).
MAX_SENT_TOKENS = 160

_CAPTION_RE = re.compile(
    r"^\s*(?:photo|photograph|image|picture|pictured|caption|video|file\s+photo|credit|"
    r"source|graphic|illustration|read\s+more|related|see\s+also|advertisement)s?\s*"
    r"(?:[:|\-–—]|$)", re.IGNORECASE)
_DATELINE_RE = re.compile(
    r"^\s*[A-Z][A-Z .'’/-]{1,40}(?:,\s*[A-Z][\w .'’-]{1,40}){0,2},?\s*"
    r"(?:(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s*)?"
    r"(?:\((?:Reuters|AP|AFP|Reuters\)\s*\(\w+|[A-Z][A-Za-z]+)\)\s*)?[-–—]+\s*")
_CREDIT_RE = re.compile(r"(?:REUTERS|AFP|AP Photo|Getty Images|EPA|Anadolu)\s*/", re.IGNORECASE)
_UNITS_FOR = {
    "control": ("km2", "settlements"),
    "advance": ("km", "km2"),
    "casualties": ("people",),
    "displacement": ("people",),
    "detention": ("people",),
    "unrest": ("people",),
}
_TITLE_WORDS = {"president", "minister", "governor", "mayor", "ambassador", "envoy",
                "spokesman", "spokeswoman", "official", "leader", "chief", "commander",
                "ministry", "foreign", "secretary", "army", "military", "government"}
_ACTOR_NOUNS = ARMED_NOUNS | {
    "ministry", "government", "president", "leader", "official", "authority", "minister",
    "parliament", "embassy", "envoy", "delegation", "side", "spokesman", "spokeswoman",
    "spokesperson", "office", "foreign", "defence", "defense", "intelligence", "agency",
    "prime", "cabinet", "administration", "regime", "police", "guard", "commander", "chief",
    "general", "staff", "representative", "ambassador", "statement", "position", "demand",
    "ally", "allies", "partner", "people", "population", "citizen", "economy", "currency"}
_COUNTRY_ACTORS = set(COUNTRIES.values()) | {"Ukraine", "Russia", "Israel"}
_GROUP_HEADS = {"force", "army", "front", "movement", "brigade", "militia", "party", "alliance",
                "liberation", "organization", "organisation", "council", "group", "corps",
                "guard", "battalion", "regiment", "division", "committee", "union"}
_ANAPHORS = {"city": 1, "town": 1, "village": 1, "settlement": 1, "region": 3, "province": 3,
             "oblast": 3, "governorate": 3, "country": 4}
_ONGOING_FIGHT_RE = re.compile(r"(?:\w+\s+)?(?:fighting|clash|clashes|battle|battles|"
                               r"firefight|gunfight|combat)$", re.IGNORECASE)
# "advanced northeast of Toretsk": a bearing right after a motion verb locates the claim
_MOTION_BEFORE_RE = re.compile(
    r"\b(?:advanc\w*|push\w*|mov(?:ed|ing)|progress\w*|penetrat\w*|gain\w*|attack\w*|"
    r"struck|strik\w*|shell\w*|clash\w*|fight\w*|fought)\s+(?:\w+ly\s+)?(?:further\s+)?$",
    re.IGNORECASE)
_DIRECTION_OF_RE = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|"
    r"north-west|south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_REFERENCE_PREPS = {"near", "outside", "towards", "toward", "between", "with", "from", "to",
                    "beyond", "across", "along", "off"}
_DESTINATION_PREPS = {"to", "towards", "toward", "into", "for"}
_AGENTIVE_EXCEPT = {"fall", "die", "come", "remain", "be", "become", "lie", "sit", "suffer",
                    "face", "see", "witness", "endure", "flee", "burn", "shake"}


def load_nlp(model: str | None = None) -> Language:
    """Load the spaCy pipeline named by the ``spacy_model`` setting.

    Parameters
    ----------
    model : str, optional
        Package name; defaults to ``settings.get("spacy_model")``.

    Returns
    -------
    spacy.language.Language
        The full pipeline (tagger, parser, lemmatizer and NER are all used).
    """
    import spacy

    return spacy.load(model or settings.get("spacy_model"))


@dataclass
class Resources:
    """The heavy objects extraction needs, built once per process.

    Attributes
    ----------
    nlp : spacy.language.Language
    gazetteer : geo.places.gazetteer.Gazetteer
    matcher : geo.places.matcher.ToponymMatcher
    geocoder : geo.places.geocode.Geocoder
    """

    nlp: Language
    gazetteer: Any
    matcher: Any
    geocoder: Any

    @classmethod
    def load(cls, nlp: Language | None = None, gazetteer: Any = None,
             user_places: str | None = None) -> Resources:
        """Load the model, gazetteer, matcher and geocoder.

        Parameters
        ----------
        nlp : spacy.language.Language, optional
            An already loaded pipeline.
        gazetteer : geo.places.gazetteer.Gazetteer, optional
            An already loaded gazetteer.
        user_places : str, optional
            CSV of analyst places (defaults to the ``user_places`` setting).

        Returns
        -------
        Resources
        """
        from geo.places.gazetteer import Gazetteer
        from geo.places.geocode import Geocoder
        from geo.places.matcher import ToponymMatcher

        gaz = gazetteer if gazetteer is not None else Gazetteer.load()
        up = user_places if user_places is not None else (settings.get("user_places") or None)
        return cls(nlp=nlp if nlp is not None else load_nlp(), gazetteer=gaz,
                   matcher=ToponymMatcher(gaz), geocoder=Geocoder(gaz, user_places=up))


# ------------------------------------------------------------------ text segmentation


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


# ------------------------------------------------------------------ places


@dataclass
class PlaceRef:
    """A resolved place mention inside one sentence."""

    start: int  # doc char offset
    end: int
    root: Token
    resolved: Any
    kind: str
    role: str = "place"  # place | actor | title
    descriptive: bool = False  # "80km north of Tokmak"


def _level(res: Any) -> int:
    fc = getattr(res, "feature_class", None)
    return {"settlement": 1, "other": 2, "admin1": 3, "country": 4}.get(fc, 2)


def _contains(big: Any, small: Any) -> bool:
    """Whether place ``small`` lies in ``big`` (same country; same admin-1 for regions)."""
    if big is small:
        return False
    if (getattr(big, "country_code", None) or "") != (getattr(small, "country_code", None)
                                                       or ""):
        return False
    lb, ls = _level(big), _level(small)
    if lb == 4 and ls < 4:
        return True
    if lb == 3 and ls < 3:
        return (getattr(big, "admin1", None) or "") == (getattr(small, "admin1", None) or "") \
            and bool(getattr(big, "admin1", None))
    return False


def _role(ref: PlaceRef) -> str:
    """Whether a mention is a place of events or names an actor / a title."""
    tok = ref.root
    level = _level(ref.resolved)
    if ref.kind == "adjectival":
        return "place"
    head = tok.head
    # a name inside an armed group's name ("Hayat Tahrir al-Sham"), or a modifier of an
    # armed noun ("Junta aircraft", "Wagner fighters")
    left = tok.i
    while left > tok.sent.start and tok.doc[left - 1].pos_ == "PROPN":
        left -= 1
    right = tok.i
    while right + 1 < tok.sent.end and tok.doc[right + 1].pos_ in ("PROPN",):
        right += 1
    chain = tok.doc[left:right + 1].text
    group = normalise_actor(chain, bare_country=False)
    if group is not None and group not in _COUNTRY_ACTORS and ref.kind != "region_form":
        return "actor"
    if tok.dep_ in ("compound", "amod", "nmod") and lem(head) in ARMED_NOUNS and level < 4 \
            and ref.kind == "name":
        return "actor"
    if head.pos_ == "VERB" and lem(head) in ("back", "lead", "ally", "align", "fund", "support",
                                             "arm", "sponsor", "base") and \
            tok.dep_ in ("npadvmod", "compound", "nmod", "amod", "dep"):
        return "actor"  # "Rwanda-backed rebels", "Saudi-led coalition"
    cur, steps = tok, 0
    while cur.dep_ in ("compound", "amod", "nmod") and cur.pos_ == "PROPN" and steps < 5:
        cur, steps = cur.head, steps + 1
        if cur.pos_ == "PROPN" and lem(cur) in _GROUP_HEADS:
            return "actor"
    if tok.dep_ in ("nsubj",) and head.pos_ in ("VERB", "AUX"):
        hl = lem(head)
        if hl in SPEECH_VERBS:
            return "actor"
        # metonymy ("Russia has captured", "Kyiv launched"): countries and capitals act
        if level >= 3 or ref.kind in ("country", "capital"):
            if (hl not in _AGENTIVE_EXCEPT and
                    any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in head.children)):
                return "actor"
            if hl in ("launch", "attack", "strike", "shell", "bomb", "fire", "advance", "push",
                      "press", "capture", "seize", "say", "claim"):
                return "actor"
    if tok.dep_ == "poss" and lem(head) not in GEO_NOUNS:
        # "Russia's defence ministry" names an actor; "Ukraine's energy grid" a place
        return "actor" if level == 4 and (lem(head) in _ACTOR_NOUNS or
                                          head.ent_type_ in ("ORG", "PERSON")) else "place"
    if tok.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent":
        return "actor"
    if tok.dep_ in ("compound", "amod", "nmod") and (lem(head) in _TITLE_WORDS or
                                                      head.ent_type_ == "PERSON"):
        return "actor" if level == 4 else "title"
    if tok.dep_ in ("compound", "amod") and head.ent_type_ in ("ORG",) and level == 4:
        return "actor"
    return "place"


def _tree_distance(a: Token, b: Token) -> int:
    pa = [a] + list(a.ancestors)
    pb = [b] + list(b.ancestors)
    ib = {t.i: k for k, t in enumerate(pb)}
    for k, t in enumerate(pa):
        if t.i in ib:
            return k + ib[t.i]
    return 99


def _governing_prep(tok: Token) -> str:
    """Return the preposition a noun hangs from, through conjuncts ("towards X and Y")."""
    cur, steps = tok, 0
    while cur.dep_ in ("conj", "compound", "amod") and steps < 10:
        cur, steps = cur.head, steps + 1
    return cur.head.lower_ if cur.dep_ == "pobj" else ""


def _in_destination(tok: Token, anchor: Token) -> bool:
    """Whether ``tok`` sits inside a destination phrase of ``anchor``.

    "fled towards the border with Burundi", "fled to camps in Chad".
    """
    cur, steps = tok, 0
    while cur.i != anchor.i and cur.head.i != cur.i and steps < 12:
        if cur.dep_ == "prep" and cur.lower_ in _DESTINATION_PREPS and cur.head.i == anchor.i:
            return True
        cur, steps = cur.head, steps + 1
    return False


def _subject_tokens(anchor: Token) -> set[int]:
    """Token indices of the anchor verb's active subject phrase."""
    out: set[int] = set()
    for c in anchor.children:
        if c.dep_ in ("nsubj", "csubj"):
            out.update(t.i for t in c.subtree)
    return out


def _parallel_pp(a: Token, b: Token, anchor: Token) -> bool:
    """Whether two places hang from the same preposition repeated on one verb.

    "attacked near Lyman ... and near Kupiansk": the second "near" is parsed as a conjunct
    of the verb, not of the first "near".
    """
    if a.dep_ != "pobj" or b.dep_ != "pobj" or a.head.lower_ != b.head.lower_:
        return False
    heads = {anchor.i} | {c.i for c in anchor.children if c.dep_ == "conj"}
    pa, pb = a.head, b.head
    return pa.i != pb.i and pa.head.i in heads | {pb.i} and pb.head.i in heads | {pa.i}


def _under_including(tok: Token) -> bool:
    """Whether ``tok`` sits in an "including ..." / "such as ..." list."""
    return any(a.lower_ in ("including", "includes", "include") or
               (a.lower_ == "as" and a.i > 0 and a.doc[a.i - 1].lower_ == "such")
               for a in list(tok.ancestors)[:6])


def _argument_of(tok: Token, anchor: Token) -> int | None:
    """Index of the child of ``anchor`` whose subtree holds ``tok`` (its argument)."""
    cur, steps = tok, 0
    while cur.head.i != anchor.i and cur.head.i != cur.i and steps < 30:
        cur, steps = cur.head, steps + 1
    return cur.i if cur.head.i == anchor.i and cur.i != anchor.i else None


def _coordinated(a: Token, b: Token) -> bool:
    """Whether two tokens are conjuncts of one another (directly or through a chain)."""
    def top(t: Token) -> Token:
        steps = 0
        while t.dep_ == "conj" and t.head.i != t.i and steps < 20:
            t, steps = t.head, steps + 1
        return t

    def prep_top(t: Token) -> Token:
        # "near Lyman ... and near Kupiansk": conjoined prepositions
        if t.dep_ == "pobj" and t.head.dep_ in ("prep", "conj"):
            p, steps = t.head, 0
            while p.dep_ == "conj" and steps < 10:
                p, steps = p.head, steps + 1
            return p
        return t

    if prep_top(a).i == prep_top(b).i and a.dep_ == b.dep_ == "pobj" and a.head.i != b.head.i:
        return True

    def base(t: Token) -> Token:
        # "the town of X" / "X region": climb from the name to its noun phrase head
        steps = 0
        while t.dep_ in ("compound", "pobj", "appos", "amod", "nmod") and steps < 3:
            if t.dep_ == "pobj" and t.head.lower_ != "of":
                break
            t = t.head if t.dep_ != "pobj" else t.head.head
            steps += 1
        return t

    return top(a).i == top(b).i or top(base(a)).i == top(base(b)).i


def _background_path(tok: Token, anchor: Token) -> bool:
    """Whether ``tok`` sits in a descriptive phrase under ``anchor``.

    Examples: "the biggest attack on Russian soil", "since World War II".
    """
    cur, steps = tok, 0
    while cur.i != anchor.i and cur.head.i != cur.i and steps < 30:
        steps += 1
        if cur.pos_ == "NOUN" and any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in
                                                            SUPERLATIVE_WORDS)
                                      for c in cur.children):
            return True
        if cur.dep_ == "prep" and cur.lower_ in BACKGROUND_PREPS:
            return True
        cur = cur.head
    return False


def choose_places(trig: Trigger, refs: list[PlaceRef], focus: Any,
                  inherited: list[tuple[Any, str]] | None = None,
                  salient: tuple[Any, str] | None = None, *,
                  national: tuple[Any, str] | None = None) -> list[tuple[Any, str]]:
    """Return the places of a claim as (resolved, location_text) pairs.

    Parameters
    ----------
    trig : Trigger
        The claim's trigger.
    refs : list of PlaceRef
        Resolved mentions of the sentence.
    focus : Resolved or None
        The place the article is about.
    inherited : list, optional
        Places of the previous sentence when this one continues it (same quotation or
        speaker); used before the focus when the sentence names no place.
    salient : tuple, optional
        The settlement the article keeps coming back to; used before the focus.
    national : tuple, optional
        The country the article is about; where a national body (parliament, government,
        president) declares martial law or an emergency and the sentence names no place.

    Returns
    -------
    list of (Resolved, str)
        Usually one place; several for conjoined places ("Bakhmut and Soledar").
    """
    usable = [r for r in refs if r.role == "place" and not _background_path(r.root, trig.anchor)
              and not r.descriptive]
    if trig.claim_type == "displacement":
        # people flee *from* a place: a destination ("fled towards Homs") is not it
        usable = [r for r in usable if _governing_prep(r.root) not in _DESTINATION_PREPS
                  and not _in_destination(r.root, trig.anchor)]
    if trig.claim_type == "strike" and any(
            _governing_prep(r.root) not in ("from",) for r in usable):
        # a strike is located at its target: "fired from Lebanon toward Kiryat Shmona"
        usable = [r for r in usable if _governing_prep(r.root) != "from"]
    # "on the Thai border" locates something else; keep it only if nothing better exists
    border = [r for r in usable if r.kind == "adjectival" and
              lem(r.root) in ("border", "frontier", "side")]
    if border and len(border) < len(usable):
        usable = [r for r in usable if r not in border]
    dom = {t.i for t in domain(trig.anchor, keep=trig.tok)}
    own = [r for r in usable if r.root.i in dom and not _background_path(r.root, trig.anchor)]
    chosen: list[PlaceRef] = []
    if own:
        # a region is dropped for a place inside it ("Singa, the capital of Sennar state"),
        # unless the places are listed as examples ("30 targets across the Gaza Strip,
        # including ... in Rafah": a claim for each)
        own = [r for r in own if not any(_contains(r.resolved, o.resolved) and
                                         not _under_including(o.root) for o in own)]
        # the place nearest the trigger, plus places coordinated with it ("Bakhmut and
        # Soledar"); a place hanging off another argument ("the crossing with Egypt") is not
        # prefer places of the predicate over places inside the subject ("Rwanda-backed M23
        # rebels walked into Bukavu"; "the head of Belgorod declared" keeps Belgorod)
        subj_ids = _subject_tokens(trig.anchor)
        best = min(own, key=lambda r: (r.root.i in subj_ids,
                                       _tree_distance(trig.tok, r.root), r.root.i))
        arg = _argument_of(best.root, trig.anchor)
        refs_preps = _REFERENCE_PREPS - ({"from"} if trig.claim_type == "displacement" else set())
        chosen = [r for r in own if r is best or _coordinated(r.root, best.root) or (
            _level(r.resolved) == _level(best.resolved) and arg is not None and
            _argument_of(r.root, trig.anchor) == arg and
            _governing_prep(r.root) not in refs_preps) or _parallel_pp(r.root, best.root,
                                                                       trig.anchor) or (
                _under_including(r.root) and _governing_prep(r.root) not in ("from", "of"))]
    head = trig.anchor.head
    if not chosen and trig.anchor.tag_ == "VBG" and trig.anchor.dep_ in ("advcl", "xcomp") \
            and head.i != trig.anchor.i:
        # a participial result takes its event's place: "drones attacked the town of X
        # overnight, injuring a woman"
        hdom = {t.i for t in domain(head)}
        chosen = sorted((r for r in usable if r.root.i in hdom),
                        key=lambda r: _tree_distance(head, r.root))[:1]
    if not chosen:
        # a destination of another clause ("and flights were diverted to Misrata") is
        # where something else went, not where this claim happened
        usable = [r for r in usable if not (_governing_prep(r.root) in _DESTINATION_PREPS and
                                            r.root.i not in dom)]
        pool = usable or [r for r in refs if r.role == "title"]
        if pool:
            dists = [(_tree_distance(trig.tok, r.root), r) for r in pool]
            best = min(d for d, _ in dists)
            if best < 99:
                chosen = [r for d, r in dists if d == best][:1]
    if chosen:
        out, seen = [], set()
        for r in chosen:
            pid = getattr(r.resolved, "place_id", None)
            if pid in seen:
                continue
            seen.add(pid)
            out.append((r.resolved, r.root.doc.text[r.start:r.end]))
        return out
    if national is not None and trig.claim_type == "emergency" and _by_national_body(trig):
        return [national]  # "parliament voted to extend martial law": the whole country
    if inherited:
        return inherited[:1]
    if salient is not None:
        return [salient]
    if focus is not None:
        return [(focus, getattr(focus, "location_text", None) or getattr(focus, "place_name", ""))]
    return []


# ------------------------------------------------------------------ per article


@dataclass
class _Article:
    id: str
    published: str
    text: str
    meta: dict
    pieces: list[tuple[int, str]] = field(default_factory=list)


def _quote_balance(text: str) -> int:
    opens = text.count("\u201c")
    closes = text.count("\u201d")
    straight = text.count('"')
    return opens - closes + (straight % 2)


def _conj_head_domain(anchor: Token) -> set[int]:
    """Token ids of the clause of the first verb a conjoined verb shares its setting with."""
    head = anchor
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return {t.i for t in domain(head)}


def _path_up(tok: Token, stop: Token) -> list[Token]:
    """Tokens from ``tok`` up to (not including) ``stop`` or the root."""
    out = []
    cur = tok
    while cur.i != stop.i and cur.head.i != cur.i and len(out) < 30:
        out.append(cur)
        cur = cur.head
    return out


def _choose_date(sent: Span, trig: Trigger, dates: list[DateMention], sent_start: int
                 ) -> DateMention | None:
    if not dates:
        return None
    dom = {t.i for t in domain(trig.anchor, keep=trig.tok)}
    speech = None
    _, speech = claimant_for(trig.tok)
    scored = []
    text = sent.text
    for d in dates:
        if d.since:
            continue
        span = sent.doc.char_span(sent_start + d.start, sent_start + d.end,
                                  alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        # dates inside background phrases ("Since launching its invasion in February 2022")
        bad = False
        for a in [root] + list(root.ancestors):
            if a.lower_ in ("since", "before", "until") and a.dep_ in ("prep", "mark"):
                bad = True
                break
            if a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("since", "until",
                                                                            "before")
                                         for c in a.children):
                bad = True
                break
            if a.i == trig.anchor.i:
                break
        if bad:
            continue
        in_quote = _quote_balance(text[:d.start]) > 0
        rank = 0 if root.i in dom or (trig.anchor.dep_ == "conj" and
                                      root.i in _conj_head_domain(trig.anchor)) else 1
        if rank == 0 and any(a.dep_ in ("acl", "relcl") for a in _path_up(root, trig.anchor)):
            rank = 1  # "the second city to fall this year": the noun's clause, not the event
        if speech is not None and root.head.i == speech.i:
            rank = min(rank, 1)
        if in_quote and d.text.lower().replace("as of ", "").strip() in ("today", "tonight"):
            rank += 2
        scored.append((rank, abs(root.i - trig.tok.i), d))
    if not scored:
        return None
    scored.sort(key=lambda x: (x[0], x[1]))
    return scored[0][2]


def _sentence_violent(sent: Span) -> bool:
    return any(lem(t) in VIOLENCE_WORDS for t in sent)


def _actor_name(trig: Trigger, claimant: str | None) -> str | None:
    tok = trig.actor_tok
    if tok is None:
        return None
    if tok.pos_ == "PRON" or tok.lower_ in ("its", "our", "their", "his", "her"):
        pron = tok
    else:
        poss = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"]
        pron = poss[0] if poss else None
    if pron is not None:
        # "its troops" (the Russian ministry), "our troops", "it" (Ukraine said it ...)
        return normalise_actor(claimant) if claimant else None
    phrase = tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text if \
        tok.right_edge.i - tok.left_edge.i < 12 else tok.text
    found = normalise_actor(phrase)
    if found is None and lem(tok) in ("troop", "force", "fighter", "soldier", "army",
                                      "unit", "military") and claimant:
        found = normalise_actor(claimant)  # "troops killed ...", the military said
    if found is None and lem(tok) in ARMED_NOUNS | {"bandit", "gang", "guerrilla"}:
        # a group the actor list does not know, named by its modifier: "Fano militiamen",
        # "JNIM fighters", "ELN guerrillas"
        names = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and
                 c.i < tok.i and c.text[:1].isupper() and
                 (c.pos_ == "PROPN" or c.dep_ == "compound") and
                 c.ent_type_ not in ("GPE", "LOC", "DATE") and
                 lem(c) not in ARMED_NOUNS | _GENERIC_SIDE_WORDS]
        if names:
            first = min(c.left_edge.i for c in names)
            return tok.doc[first:max(c.i for c in names) + 1].text
    return found


#: modifiers that describe rather than name a side ("Rebel fighters", "Security forces")
_GENERIC_SIDE_WORDS = {"rebel", "government", "security", "opposition", "pro-government",
                       "police", "border", "special", "elite", "islamist", "jihadist",
                       "militia", "tribal", "local", "village", "army", "armed", "federal",
                       "state", "regime", "coalition", "allied", "enemy", "foreign", "ethnic",
                       "separatist", "insurgent", "gang", "criminal", "unidentified", "masked",
                       "suspected", "paramilitary", "resistance", "defence", "defense"}
#: nouns of an armed side that a nationality or a named group makes literal ("Russian
#: forces", "RSF fighters"), unlike "market forces"
_SIDE_NOUNS = {"force", "troop", "army", "military", "soldier", "fighter", "unit", "militant"}


def _article_conflict(docs: list[Doc], lemmas: frozenset[str]) -> bool:
    """Whether an article reports armed conflict or unrest rather than using war metaphors.

    Two different words of :data:`CONFLICT_EVIDENCE` ("troops", "shelling"), or one armed
    side named by a nationality or organisation ("Russian forces", "Israeli troops"). A
    lone "war" (a fare war) or "siege" (a football match) is not enough.
    """
    if len(lemmas & SPORT_WORDS) >= 3 and not lemmas & HARD_CONFLICT_WORDS:
        return False  # a match report: "Klopp's troops won the battle of Anfield"
    evidence = {lem(t) for d in docs for t in d if lem(t) in CONFLICT_EVIDENCE and
                not figurative_host(t)}  # not "an army of engineers"
    if len(evidence) >= 2 and evidence - FIGURATIVE_EVIDENCE:
        return True
    for d in docs:
        for t in d:
            if lem(t) in _SIDE_NOUNS and t.tag_ in ("NNS", "NNPS", "NN") and \
                    not figurative_host(t) and any(
                    c.dep_ in ("amod", "compound", "poss", "nmod") and (
                        c.ent_type_ in ("NORP", "GPE", "ORG") or
                        normalise_actor(c.text) is not None) for c in t.children):
                return True
            if lem(t) in ("force", "troop", "soldier", "army") and t.tag_ == "NNS" and \
                    any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our")
                        for c in t.children) and \
                    not any(c.dep_ in ("compound", "amod") for c in t.children):
                return True  # "its forces", "our troops"
    return False


def _article_claims(art: _Article, docs: list[Doc], res: Resources) -> list[dict]:
    """Claims of one article from its parsed pieces."""
    pub = parse_published(art.published)
    pub_iso = pub.isoformat() if pub else None
    text = art.text
    mentions = res.matcher.find(text) if text.strip() else []
    resolved = res.geocoder.resolve_article(text, mentions) if mentions else []
    focus = res.geocoder.article_focus(text, resolved) if mentions else None
    article_violent = any(lem(t) in CONFLICT_WORDS for d in docs for t in d)
    article_lemmas = frozenset(lem(t) for d in docs for t in d)
    article_conflict = _article_conflict(docs, article_lemmas)
    names = NameIndex()
    for d in docs:
        for ent in d.ents:
            if ent.label_ == "PERSON" and len(ent) <= 5:
                names.add(ent.text)
    sents: list[tuple[int, Span, int]] = []  # (article offset of piece, sentence, piece idx)
    for (off, _), d in zip(art.pieces, docs, strict=True):
        for s in d.sents:
            sents.append((off, s, 0))
    # quote state and speakers, for quotations that run over several sentences
    balance_before = []
    bal = 0
    for _, s, _ in sents:
        balance_before.append(bal)
        bal = max(0, bal + _quote_balance(s.text))
        if "\u201c" not in s.text and "\u201d" not in s.text and '"' not in s.text and \
                s.text.strip().endswith((".", "!", "?")) and bal and not s.text.startswith(" "):
            pass
    speakers = [sentence_speaker(s, names) for _, s, _ in sents]
    rows: list[dict] = []
    prev_violent = False
    prev_date: tuple[DateMention | None, str | None] = (None, None)
    prev_places: list[tuple[Any, str]] = []
    prev_speaker: str | None = None
    history: list[tuple[int, Any]] = []
    salient = _salient_settlement(resolved, focus)
    national = _national_place(resolved, focus)
    for si, (off, sent, _) in enumerate(sents):
        violent_here = _sentence_violent(sent)
        if len(sent) > MAX_SENT_TOKENS or not sent.text.strip():
            prev_violent = violent_here
            continue
        s_start = sent.start_char
        a_start, a_end = off + s_start, off + sent.end_char
        quantities = find_quantities(sent.text)
        desc_ends = [q.end for q in quantities if q.descriptive]
        # "advanced 3 km northwest of X": the bearing locates the gain
        gain_ends = [q.end for q in quantities if q.unit == "km" and not q.descriptive]
        refs: list[PlaceRef] = []
        for m, r in zip(mentions, resolved, strict=False):
            if r is None or m.start < a_start or m.end > a_end:
                continue
            span = sent.doc.char_span(m.start - off, m.end - off, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue  # e.g. a dateline blanked before parsing
            ref = PlaceRef(m.start - off, m.end - off, span.root, r, m.kind)
            ref.role = _role(ref)
            rel = m.start - a_start
            bearing = _DIRECTION_OF_RE.search(sent.text[max(0, rel - 24):rel])
            ref.descriptive = any(0 <= rel - e <= 30 for e in desc_ends) or (
                bearing is not None and not any(0 <= rel - e <= 30 for e in gain_ends) and
                not _MOTION_BEFORE_RE.search(
                    sent.text[max(0, rel - 24 - 40):max(0, rel - 24) + bearing.start()]))
            refs.append(ref)
        refs.extend(_anaphors(sent, refs, history, off))
        # "the city" refers back to a setting, not to an origin ("marched to the capital from
        # X") or a name used as a modifier ("the X station disaster")
        history.extend((off + r.start, r.resolved) for r in refs
                       if r.role == "place" and r.kind != "anaphor" and
                       _governing_prep(r.root) != "from" and not (
                           r.root.dep_ == "compound" and r.root.head.pos_ == "NOUN" and
                           lem(r.root.head) not in GEO_NOUNS))
        qunits: dict[int, str] = {}
        qtoks: list[tuple[Quantity, list[int]]] = []
        for q in quantities:
            span = sent.doc.char_span(s_start + q.start, s_start + q.end,
                                      alignment_mode="expand")
            if span is None:
                continue
            ids = [t.i for t in span]
            qtoks.append((q, ids))
            if q.unit and not q.descriptive:
                for i in ids:
                    qunits[i] = q.unit
        ctx = SentenceContext(
            violent=violent_here or prev_violent,
            prev_violent=prev_violent,
            violent_idx={t.i for t in sent if lem(t) in VIOLENCE_WORDS},
            article_violent=article_violent,
            article_conflict=article_conflict,
            article_lemmas=article_lemmas,
            place_levels={t.i: _level(r.resolved) if r.kind not in ("capital",) else 4
                          for r in refs if r.role in ("place", "title", "actor")
                          for t in sent.doc.char_span(r.start, r.end,
                                                      alignment_mode="expand") or []},
            place_tokens={t.i for r in refs if r.role in ("place", "title", "actor")
                          for t in sent.doc.char_span(r.start, r.end,
                                                      alignment_mode="expand") or []},
            quantity_units=qunits,
        )
        prev_violent = violent_here
        here_places = [(r.resolved, r.root.doc.text[r.start:r.end]) for r in refs
                       if r.role == "place" and not r.descriptive and
                       not _background_path(r.root, sent.root)]
        continues = balance_before[si] > 0 or (
            speakers[si] is not None and prev_speaker is not None and
            _same_person(speakers[si], prev_speaker))
        # a sentence that names no place continues the previous one's setting when that
        # was a settlement or region (a country is too coarse to carry over)
        inherited = prev_places if continues else sorted(
            (p for p in prev_places if _level(p[0]) <= 3), key=lambda p: _level(p[0]))[:1]
        if si > 0 and _reported(sent) and _reported(sents[si - 1][1]) and \
                speakers[si] is not None and speakers[si - 1] is not None and \
                not _same_person(speakers[si], speakers[si - 1]) and not continues:
            inherited = []  # a new speaker starts a report of their own
        prev_places = here_places or inherited
        prev_speaker = speakers[si] or (prev_speaker if balance_before[si] > 0 else None)
        triggers = find_triggers(sent, ctx)
        if not triggers:
            dates = find_dates(sent.text, pub)
            prev_date = (dates[0] if dates else None, speakers[si])
            continue
        dates = find_dates(sent.text, pub)
        sent_date_any: DateMention | None = None
        seen: set[tuple] = set()
        for trig in triggers:
            claimant, speech = claimant_for(trig.tok, names)
            if claimant is None and speech is not None and any(
                    c.dep_ == "nsubj" and c.lower_ in ("he", "she") for c in speech.children):
                # "..., he added": the last person named as speaking
                claimant = next((speakers[k] for k in range(si - 1, max(-1, si - 4), -1)
                                 if speakers[k]), None)
            if claimant is None and (balance_before[si] > 0 or _quote_balance(sent.text) > 0
                                     or _in_quote(sent, trig.tok)):
                claimant = _quote_speaker(si, sents, speakers, balance_before)
            date = _choose_date(sent, trig, dates, s_start)
            precision = None
            if date is not None:
                event_date, precision = date.date.isoformat(), date.precision
                sent_date_any = date
            elif prev_date[0] is not None and claimant and prev_date[1] and \
                    _same_person(claimant, prev_date[1]):
                event_date, precision = prev_date[0].date.isoformat(), prev_date[0].precision
            else:
                event_date, precision = pub_iso, "published"
            if date is not None and pub is not None and date.precision == "year" and \
                    (pub - date.date).days > 400:
                continue  # history ("pushed Russian forces back in 2022"), not news
            places = choose_places(trig, refs, focus, inherited, salient,
                                   national=national)
            if not places:
                continue
            dom = {t.i for t in domain(trig.anchor, keep=trig.tok)}
            extra_args = ctx.__dict__.get("extra_args", {}).get(trig.tok.i, [])
            figures = _figures(trig, qtoks, dom | set(extra_args) | _total_clause(trig))
            actor = _actor_name(trig, claimant)
            for resolved_place, loc_text in places:
                for q in figures:
                    key = (trig.claim_type, getattr(resolved_place, "place_id", None),
                           q.unit if q is not None else None)
                    if key in seen:
                        continue
                    if q is None and any(k[:2] == key[:2] for k in seen):
                        continue
                    seen.add(key)
                    rows.append(_row(art, si, sent, trig, resolved_place, loc_text, q,
                                     event_date, precision, claimant, actor))
        _drop_coarser(rows, si)
        if sent_date_any is not None:
            prev_date = (sent_date_any, _first_claimant(rows, si) or speakers[si])
        else:
            prev_date = (dates[0] if dates else None, speakers[si])
            if prev_date[0] is None and rows and rows[-1]["sentence_index"] == si and \
                    rows[-1]["date_precision"] != "published":
                prev_date = (None, None)
    return rows


def _reported(sent: Span) -> bool:
    """Whether a sentence is framed as a statement: its main verb is a speech verb."""
    return lem(sent.root) in SPEECH_VERBS and sent.root.pos_ == "VERB"


def _anaphors(sent: Span, refs: list[PlaceRef], history: list[tuple[int, Any]], off: int
              ) -> list[PlaceRef]:
    """Resolve "the city", "the town", "the region" to the last such place named before."""
    out = []
    for tok in sent:
        level = _ANAPHORS.get(tok.lower_)
        if level is None or tok.pos_ != "NOUN":
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not (
                tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and
                any(c.dep_ == "det" and c.lower_ == "the" for c in tok.head.children)):
            continue  # "the city", "the city centre"
        if any(c.dep_ in ("compound", "amod", "prep", "appos") and
               (c.dep_ != "amod" or c.tag_ == "JJS") for c in tok.children
               if c.dep_ != "prep" or c.lower_ == "of"):
            continue  # "the city of Sumy", "the border town of X", "the largest city"
        if tok.dep_ in ("appos", "attr"):
            continue  # "Goma, the largest city in ...": an apposition, not a reference
        here = [(off + r.start, r.resolved) for r in refs
                if r.role == "place" and r.start < tok.idx]
        cands = [res for _, res in history + here if _level(res) == level]
        if not cands:
            continue
        out.append(PlaceRef(tok.left_edge.idx, tok.idx + len(tok.text), tok, cands[-1], "anaphor"))
    return out


_NATIONAL_BODIES = {"parliament", "government", "president", "cabinet", "junta", "assembly",
                    "congress", "senate", "minister", "premier", "council", "lawmaker",
                    "legislature", "rada", "duma", "knesset", "authorities", "presidency"}


def _by_national_body(trig: Trigger) -> bool:
    """Whether a declaration is made by a national body or is said to be nationwide."""
    if any(t.lower_ in ("nationwide", "national", "countrywide") for t in trig.tok.sent):
        return True
    cur, steps = trig.anchor, 0
    while steps < 4:
        for c in cur.children:
            if c.dep_ in ("nsubj", "nsubjpass", "agent") and (
                    lem(c) in _NATIONAL_BODIES or
                    any(lem(o) in _NATIONAL_BODIES for o in c.children if o.dep_ == "pobj")):
                return True
        if cur.head.i == cur.i:
            break
        cur, steps = cur.head, steps + 1
    return False


def _national_place(resolved: list[Any], focus: Any) -> tuple[Any, str] | None:
    """Return the country the article is about, if the text names it."""
    cc = getattr(focus, "country_code", None)
    for r in resolved:
        if r is not None and getattr(r, "feature_class", None) == "country" and \
                r.country_code == cc:
            return r, r.location_text
    return None


def _salient_settlement(resolved: list[Any], focus: Any) -> tuple[Any, str] | None:
    """Return the settlement an article keeps naming (twice or more, as often as its region)."""
    counts: dict[str, int] = {}
    first: dict[str, Any] = {}
    regions: dict[str, int] = {}
    for r in resolved:
        if r is None:
            continue
        if getattr(r, "feature_class", None) == "settlement":
            counts[r.place_id] = counts.get(r.place_id, 0) + 1
            first.setdefault(r.place_id, r)
        elif getattr(r, "feature_class", None) == "admin1":
            key = f"{r.country_code}|{r.admin1}"
            regions[key] = regions.get(key, 0) + 1
    if not counts:
        return None
    pid = max(counts, key=lambda k: (counts[k], -list(first).index(k)))
    place = first[pid]
    if counts[pid] < 2 or counts[pid] < regions.get(f"{place.country_code}|{place.admin1}", 0):
        return None
    if focus is not None and getattr(focus, "country_code", None) != place.country_code:
        return None
    return place, place.location_text


def _row_contains(big: dict, small: dict) -> bool:
    if big is small or big["country_code"] != small["country_code"]:
        return False
    order = {"settlement": 1, "other": 2, "admin1": 3, "country": 4}
    lb, ls = order.get(big["feature_class"], 2), order.get(small["feature_class"], 2)
    if lb == 4 and ls < 4:
        return True
    return lb == 3 and ls < 3 and bool(big["admin1"]) and big["admin1"] == small["admin1"]


def _listed_example(row: dict) -> bool:
    """Whether a claim's place is named after "including" in its sentence."""
    sentence, loc = row["sentence"].lower(), (row["location_text"] or "").lower()
    k = sentence.find("including")
    return k >= 0 and loc and sentence.find(loc, k) > k


def _drop_coarser(rows: list[dict], si: int) -> None:
    """Drop a sentence's claim whose place contains another claim's place of the same type."""
    here = [k for k in range(len(rows) - 1, -1, -1) if rows[k]["sentence_index"] == si]
    if len(here) < 2:
        return
    drop = set()
    for a in here:
        for b in here:
            if a != b and rows[a]["claim_type"] == rows[b]["claim_type"] and \
                    rows[a]["unit"] == rows[b]["unit"] and _row_contains(rows[a], rows[b]) and \
                    not _listed_example(rows[b]):
                drop.add(a)
            # a figure-less duplicate of a claim with a figure ("death toll ... rose to 50")
            if a != b and rows[a]["claim_type"] == rows[b]["claim_type"] and \
                    rows[a]["place_id"] == rows[b]["place_id"] and rows[a]["unit"] is None \
                    and rows[b]["unit"] is not None:
                drop.add(a)
            # a fight among protesters is unrest, not a second (armed) clash claim
            if a != b and rows[a]["claim_type"] == "clash" and \
                    rows[b]["claim_type"] == "unrest" and \
                    rows[a]["place_id"] == rows[b]["place_id"]:
                drop.add(a)
            # an attack said to be repelled is one claim, not a clash and a repulse (but
            # "repelled 11 assaults, and fighting continues" reports both)
            if a != b and rows[a]["claim_type"] == "clash" and \
                    rows[b]["claim_type"] == "repelled" and \
                    rows[a]["place_id"] == rows[b]["place_id"] and \
                    not _ONGOING_FIGHT_RE.match(rows[a]["trigger"] or ""):
                drop.add(a)
    for k in sorted(drop, reverse=True):
        del rows[k]


def _first_claimant(rows: list[dict], si: int) -> str | None:
    for r in reversed(rows):
        if r["sentence_index"] == si and r["claimant"]:
            return r["claimant"]
    return None


def _same_person(a: str, b: str) -> bool:
    la, lb = a.lower().split(), b.lower().split()
    return bool(la and lb and la[-1] == lb[-1])


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


def _total_clause(trig: Trigger) -> set[int]:
    """Tokens of ", bringing the total to 100 settlements" attached to the claim's verb."""
    out: set[int] = set()
    for c in trig.anchor.children:
        if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and \
                any(lem(o) in ("total", "number", "tally", "count") for o in c.children):
            out.update(t.i for t in c.subtree)
    return out


def _bare_count(verb: Token) -> Quantity | None:
    """Return a number standing alone as the object of a verb ("killed 12", "arrested 45")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NUM" and not list(c.children):
            value = parse_number(c.text)
            if value is not None and not (1900 <= value <= 2100 and c.text.isdigit()):
                start = c.idx - c.sent.start_char
                return Quantity(start, start + len(c.text), value, None, "people", None, False,
                                c.text)
    return None


def _figures(trig: Trigger, qtoks: list[tuple[Quantity, list[int]]], dom: set[int]
             ) -> list[Quantity | None]:
    units = _UNITS_FOR.get(trig.claim_type, ())
    best: dict[str, tuple[int, Quantity]] = {}
    for q, ids in qtoks:
        if q.descriptive or q.unit not in units:
            continue
        if not any(i in dom for i in ids):
            continue
        d = min(abs(i - trig.tok.i) for i in ids)
        if q.unit not in best or d < best[q.unit][0]:
            best[q.unit] = (d, q)
    if not best and "people" in units and trig.tok.pos_ == "NOUN" and lem(trig.tok) == "toll":
        # "the death toll rose to 50"
        for p in trig.anchor.children:
            if p.dep_ == "prep" and p.lower_ in ("to", "at"):
                for o in p.children:
                    value = parse_number(o.text) if o.pos_ == "NUM" else None
                    if value is not None:
                        start = o.idx - o.sent.start_char
                        return [Quantity(start, start + len(o.text), value, None, "people",
                                         None, False, o.text)]
    if not best and "people" in units and trig.tok.pos_ == "VERB":
        bare = _bare_count(trig.tok)
        if bare is not None:
            return [bare]  # "killed 12 and wounded 30", "arrested 45"
    if not best:
        return [None]
    if trig.claim_type == "advance" and "km" in best and "km2" in best:
        best.pop("km2")
    return [q for _, q in sorted(best.values(), key=lambda x: x[1].start)]


def _row(art: _Article, si: int, sent: Span, trig: Trigger, place: Any, loc_text: str,
         q: Quantity | None, event_date: str | None, precision: str, claimant: str | None,
         actor: str | None) -> dict:
    sentence = sent.text.strip()
    quantity = q.quantity if q is not None else None
    row = {
        "article_id": art.id,
        "published": parse_published(art.published).isoformat()
        if parse_published(art.published) else None,
        "event_date": event_date,
        "date_precision": precision,
        "claim_type": trig.claim_type,
        "actor": actor,
        "claimant": claimant,
        "quantity": quantity,
        "quantity_max": q.quantity_max if q is not None else None,
        "unit": q.unit if q is not None and q.quantity is not None else None,
        "qualifier": q.qualifier if q is not None and q.quantity is not None else None,
        "location_text": loc_text,
        "place_name": getattr(place, "place_name", None),
        "place_id": getattr(place, "place_id", None),
        "feature_class": getattr(place, "feature_class", None),
        "admin1": getattr(place, "admin1", None) or None,
        "country_code": getattr(place, "country_code", None),
        "latitude": getattr(place, "latitude", None),
        "longitude": getattr(place, "longitude", None),
        "geo_precision": getattr(place, "geo_precision", None),
        "sentence": sentence,
        "source": art.meta.get("source"),
        "title": art.meta.get("title"),
        "url": art.meta.get("url"),
        "trigger": trig.text,
        "sentence_index": si,
        "extractor_version": EXTRACTOR_VERSION,
        "geometry": getattr(place, "geometry", None),
    }
    row["claim_id"] = claim_id(art.id, si, trig.claim_type, loc_text or "", trig.text,
                               quantity)
    return row


# ------------------------------------------------------------------ batch API


def _to_articles(articles: pd.DataFrame) -> list[_Article]:
    out = []
    for rec in articles.to_dict("records"):
        text = rec.get("text")
        text = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
        meta = {}
        for k in ("title", "source", "url"):
            v = rec.get(k)
            meta[k] = None if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
        pub = rec.get("published")
        art = _Article(str(rec.get("id")), "" if pub is None else str(pub), text, meta)
        art.pieces = segments(text)
        out.append(art)
    return out


def _extract_serial(articles: list[_Article], res: Resources,
                    on_error: Callable[[str, BaseException], None] | None,
                    progress: Any = None) -> list[dict]:
    """Parse the articles in one stream and extract each as soon as its pieces are parsed.

    Memory stays bounded by one batch of parsed pieces, whatever the number of articles.
    """
    rows: list[dict] = []

    def finish(k: int, docs: list[Doc]) -> None:
        a = articles[k]
        try:
            rows.extend(_article_claims(a, docs, res))
        except Exception as exc:  # noqa: BLE001 - reported, the rest still come out
            if on_error is None:
                raise
            on_error(a.id, exc)
        if progress is not None:
            progress(1)

    stream = res.nlp.pipe(((p, k) for k, a in enumerate(articles) for _, p in a.pieces),
                          as_tuples=True, batch_size=64)
    next_k, docs = 0, []  # the first article not finished yet, and its parsed pieces
    failed = False
    while True:
        try:
            doc, k = next(stream)
        except StopIteration:
            break
        except Exception:  # noqa: BLE001 - fall back to one article at a time
            failed = True
            break
        while next_k < k:  # the article before is complete (or had no text)
            finish(next_k, docs)
            next_k, docs = next_k + 1, []
        docs.append(doc)
    if not failed:
        while next_k < len(articles):
            finish(next_k, docs)
            next_k, docs = next_k + 1, []
        return rows
    for k in range(next_k, len(articles)):
        a = articles[k]
        try:
            parsed = [res.nlp(p) for _, p in a.pieces]
        except Exception as exc:  # noqa: BLE001
            if on_error is None:
                raise
            on_error(a.id, exc)
            if progress is not None:
                progress(1)
            continue
        finish(k, parsed)
    return rows


_WORKER_RES: Resources | None = None


def _worker_init() -> None:
    global _WORKER_RES
    _WORKER_RES = Resources.load()


def _worker_run(batch: list[_Article]) -> tuple[list[dict], list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    if _WORKER_RES is None:
        raise RuntimeError("extraction worker not initialised (_worker_init did not run)")
    rows = _extract_serial(batch, _WORKER_RES,
                           lambda aid, exc: errors.append((aid, f"{type(exc).__name__}: {exc}")))
    return rows, errors


class ExtractionError(RuntimeError):
    """An article's extraction failed in a worker process (message from the worker)."""


def extract_claims(articles: pd.DataFrame, resources: Resources | None = None, *,
                   jobs: int = 1, progress: bool | Callable[[int], None] = False,
                   on_error: Callable[[str, BaseException], None] | None = None
                   ) -> gpd.GeoDataFrame:
    """Extract the claims of a batch of articles.

    Parameters
    ----------
    articles : pandas.DataFrame
        Columns of :data:`geo.schema.ARTICLE_COLUMNS` (``id``, ``published``, ``text``
        required).
    resources : Resources, optional
        Loaded model and gazetteer; loaded here if omitted (once per worker process).
    jobs : int
        Worker processes; 1 runs in this process.
    progress : bool or callable
        True for a progress bar on stderr, or a callable receiving article counts.
    on_error : callable, optional
        ``on_error(article_id, exception)`` for an article that fails; it is skipped.
        Without it, the first failure raises.

    Returns
    -------
    geopandas.GeoDataFrame
        Claims conforming to :mod:`geo.schema` (EPSG:4326), in article and sentence
        order; deterministic ``claim_id``.
    """
    arts = _to_articles(articles)
    if not arts:
        return empty_claims()
    bar = None
    tick: Callable[[int], None] | None = None
    if callable(progress):
        tick = progress
    elif progress:
        try:
            from tqdm import tqdm

            bar = tqdm(total=len(arts), unit="article", desc="extract")
            tick = bar.update
        except ImportError:  # pragma: no cover
            tick = None
    try:
        if jobs and jobs > 1 and len(arts) > 1:
            rows = _extract_parallel(arts, jobs, on_error, tick)
        else:
            res = resources if resources is not None else Resources.load()
            rows = _extract_serial(arts, res, on_error, tick)
    finally:
        if bar is not None:
            bar.close()
    return _to_frame(rows)


def _extract_parallel(arts: list[_Article], jobs: int,
                      on_error: Callable[[str, BaseException], None] | None,
                      tick: Callable[[int], None] | None) -> list[dict]:
    size = max(1, min(50, (len(arts) + jobs - 1) // jobs))
    batches = [arts[i:i + size] for i in range(0, len(arts), size)]
    ctx = mp.get_context("spawn")
    rows: list[dict] = []
    with ctx.Pool(processes=jobs, initializer=_worker_init) as pool:
        for batch, (brows, errors) in zip(batches, pool.imap(_worker_run, batches),
                                          strict=True):
            rows.extend(brows)
            for aid, msg in errors:
                if on_error is None:
                    raise ExtractionError(f"article {aid}: {msg}")
                on_error(aid, ExtractionError(msg))
            if tick is not None:
                tick(len(batch))
    return rows


def _to_frame(rows: Iterable[dict]) -> gpd.GeoDataFrame:
    rows = list(rows)
    if not rows:
        return empty_claims()
    frame = pd.DataFrame(rows)
    for col in CLAIM_COLUMNS:
        if col not in frame.columns:
            frame[col] = None
    frame = frame.reset_index(drop=True)
    return conform_claims(frame)


__all__ = ["EXTRACTOR_VERSION", "Resources", "extract_claims", "load_nlp", "segments",
           "choose_places", "noun_phrase_name", "dt"]
