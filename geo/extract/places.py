"""Where a claim is: the places a trigger takes.

The role of each place mention in a sentence (a place of events, an actor, a title),
then the trigger's places: its clause's, "the city", the previous sentence's, the
article's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from geo.extract.actors import COUNTRIES, normalise_actor
from geo.extract.lexicon import (
    ARMED_NOUNS,
    BACKGROUND_PREPS,
    GEO_NOUNS,
    NOUN_TRIGGERS,
    SPEECH_VERBS,
    SUPERLATIVE_WORDS,
)
from geo.extract.rules.grammar import domain, lem
from geo.extract.triggers import Trigger

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


#: words the small model takes into a person's name before a place ("Near Toretsk")
_NOT_FORENAMES = {"near", "outside", "in", "at", "around", "north", "south", "east", "west",
                  "central", "northern", "southern", "eastern", "western", "from", "to"}
#: a place written into one word with what a side does ("U.S.-backed", "Saudi-led")
_ALLIED_RE = re.compile(r"-(?:backed|led|allied|aligned|supported|funded|sponsored|based|"
                        r"controlled|held|occupied)$")
_GROUP_HEADS = {"force", "army", "front", "movement", "brigade", "militia", "party", "alliance",
                "liberation", "organization", "organisation", "council", "group", "corps",
                "guard", "battalion", "regiment", "division", "committee", "union"}


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


_REFERENCE_PREPS = {"near", "outside", "towards", "toward", "between", "with", "from", "to",
                    "beyond", "across", "along", "off"}


_DESTINATION_PREPS = {"to", "towards", "toward", "into", "for"}


_AGENTIVE_EXCEPT = {"fall", "die", "come", "remain", "be", "become", "lie", "sit", "suffer",
                    "face", "see", "witness", "endure", "flee", "burn", "shake"}


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
    if tok.ent_type_ == "PERSON" and ref.kind == "name" and any(
            e.label_ == "PERSON" and e.start <= tok.i < e.end and any(
                t.idx < ref.start and t.pos_ == "PROPN" and not t.is_stop and
                t.lower_ not in _NOT_FORENAMES for t in e) for e in tok.doc.ents):
        return "actor"  # "Yonatan Steinberg": a surname that is also a town
    if ref.kind == "country" and tok.dep_ in ("compound", "amod", "nmod") and \
            lem(head) in ARMED_NOUNS and head.tag_ in ("NNS", "NNPS"):
        return "actor"  # "three United States troops": the side, not where they were
    if _ALLIED_RE.search(tok.lower_):
        return "actor"  # "U.S.-backed", "Tobruk-based" written as one word
    cur, steps = tok, 0
    while (cur.dep_ in ("compound", "amod", "nmod") or (
            cur.dep_ == "poss" and any(c.dep_ == "case" for c in cur.children))) and \
            cur.pos_ == "PROPN" and steps < 5:
        cur, steps = cur.head, steps + 1  # "Kurdistan Workers' Party"
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
    if tok.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ == "NOUN" and \
            lem(head.head) in NOUN_TRIGGERS and (level == 4 or ref.kind == "country"):
        return "actor"  # "three airstrikes by Israel"
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
