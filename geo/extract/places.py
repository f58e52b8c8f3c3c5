"""Where a claim is, step 3: the places a trigger takes.

The roles of the mentions come from :mod:`geo.extract.place_roles`, the tree tests from
:mod:`geo.extract.place_tree`; here the trigger's places are chosen: its clause's, "the
city", the previous sentence's, the article's.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span

from geo.extract.lexicon import VERB_TRIGGERS
from geo.extract.place_roles import PlaceRef, _contains, _level, _role
from geo.extract.place_tree import (
    _DESTINATION_PREPS,
    _REFERENCE_PREPS,
    _argument_of,
    _background_path,
    _coordinated,
    _governing_prep,
    _in_destination,
    _parallel_pp,
    _protest_topic,
    _subject_tokens,
    _tree_distance,
    _under_including,
)
from geo.extract.rules.grammar import domain, lem
from geo.extract.triggers import Trigger

__all__ = ["PlaceRef", "choose_places", "_role", "_level", "_background_path",
           "_governing_prep"]

_ANAPHORS = {"city": 1, "town": 1, "village": 1, "settlement": 1, "region": 3, "province": 3,
             "oblast": 3, "governorate": 3, "country": 4}


# "advanced northeast of Toretsk": a bearing right after a motion verb locates the claim
_MOTION_BEFORE_RE = re.compile(
    r"\b(?:advanc\w*|push\w*|mov(?:ed|ing)|progress\w*|penetrat\w*|gain\w*|attack\w*|"
    r"struck|strik\w*|shell\w*|clash\w*|fight\w*|fought)\s+(?:\w+ly\s+)?(?:further\s+)?$",
    re.IGNORECASE)


_DIRECTION_OF_RE = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|"
    r"north-west|south-east|south-west)(?:ern)?\s+of\s+(?:the\s+)?$", re.IGNORECASE)


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
    keep = _kept_preps(trig)
    usable = [r for r in refs if r.role == "place" and
              not _background_path(r.root, trig.anchor, keep)
              and not r.descriptive]
    if trig.claim_type == "displacement":
        # people flee *from* a place: a destination ("fled towards Homs") is not it
        usable = [r for r in usable if _governing_prep(r.root) not in _DESTINATION_PREPS
                  and not _in_destination(r.root, trig.anchor)]
    if trig.claim_type == "unrest":
        # what a protest is against is its topic, not where it is ("gather ... to protest
        # Putin's invasion of Ukraine", "protests against the war in Gaza")
        usable = [r for r in usable if not _protest_topic(r.root, trig.tok)]
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
    own = [r for r in usable if r.root.i in dom and
           not _background_path(r.root, trig.anchor, keep)]
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
    # a clause whose only place is a reference point ("took control of two villages
    # north of Dilling") is near that point, not at the previous sentence's place (but
    # "the village lies northeast of X, and forces shelled it" says nothing of X)
    near = sorted((r for r in refs if r.role == "place" and r.descriptive and
                   r.root.i in dom and not _background_path(r.root, trig.anchor, keep)),
                  key=lambda r: _tree_distance(trig.tok, r.root))
    if near and _tree_distance(trig.tok, near[0].root) < 99:
        r = near[0]
        return [(r.resolved, r.root.doc.text[r.start:r.end])]
    if national is not None and trig.claim_type == "emergency" and _by_national_body(trig):
        return [national]  # "parliament voted to extend martial law": the whole country
    if inherited:
        return inherited[:1]
    if salient is not None:
        return [salient]
    if focus is not None:
        return [(focus, getattr(focus, "location_text", None) or getattr(focus, "place_name", ""))]
    return []


#: claim types whose target an "against" phrase names ("missiles against positions in X")
_TARGETED = {"strike", "clash", "attack", "advance"}
#: event nouns that cause casualties or flight ("killed after an airstrike in X")
_CAUSES = {"strike", "airstrike", "attack", "shelling", "bombardment", "bombing", "raid",
           "explosion", "blast", "clash", "fighting", "ambush", "assault"}


def _kept_preps(trig: Trigger) -> frozenset[str]:
    """Prepositions on the trigger's clause head that locate this claim, not background."""
    keep = set()
    if trig.claim_type in _TARGETED:
        keep.add("against")
    if trig.claim_type in ("casualties", "displacement") and any(
            c.dep_ == "prep" and c.lower_ == "after" and
            any(lem(o) in _CAUSES for o in c.children if o.dep_ == "pobj")
            for c in trig.anchor.children):
        keep.add("after")
    if trig.tok.dep_ == "pobj" and trig.tok.head.dep_ == "prep" and \
            trig.tok.head.head.i == trig.anchor.i:
        keep.add(trig.tok.head.lower_)  # the trigger's own phrase: "after an airstrike in X"
    return frozenset(keep)


def setting_preps(root: Any) -> frozenset[str]:
    """Prepositions on a sentence's root that give its setting for the next sentence.

    "is killed after an airstrike in Beirut" (an event noun after "after"), "launch
    missiles against positions in X" (a strike verb's target).
    """
    keep = set()
    for c in root.children:
        if c.dep_ != "prep":
            continue
        objs = [o for o in c.children if o.dep_ == "pobj"]
        if c.lower_ == "after" and any(lem(o) in _CAUSES for o in objs):
            keep.add("after")
        if c.lower_ == "against" and VERB_TRIGGERS.get(lem(root)) in _TARGETED:
            keep.add("against")
    return frozenset(keep)


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
                if r.role == "place" and r.start < tok.idx and
                _governing_prep(r.root) not in ("towards", "toward")]  # not "towards Homs"
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


def _national_body_tokens(trig: Trigger) -> list[Any]:
    """Return the national bodies declaring ``trig`` ("the Israeli government declares")."""
    out = []
    cur, steps = trig.anchor, 0
    while steps < 4:
        out.extend(c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "agent")
                   and lem(c) in _NATIONAL_BODIES)
        if cur.head.i == cur.i:
            break
        cur, steps = cur.head, steps + 1
    return out


def nationality_place(trig: Trigger, gazetteer: Any) -> tuple[Any, str] | None:
    """Return the country of a declaring body named by its nationality.

    "The Israeli government declares a nationwide state of emergency", "the French Senate
    approves ... to extend the state of emergency": the body's country is the claim's
    place when the sentence names no place (the nationality is not a place mention).
    """
    from types import SimpleNamespace

    from geo.places.countries import ADJECTIVALS
    from geo.places.geocode.resolved import make_resolved

    for body in _national_body_tokens(trig):
        for c in body.children:
            cc = ADJECTIVALS.get(c.text) if c.dep_ in ("amod", "compound") else None
            idx = gazetteer.country_index(cc) if cc else None
            if idx is not None:
                return make_resolved(gazetteer, SimpleNamespace(text=c.text), idx, 4), c.text
    return None


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
