"""Where a claim is, step 1: what each place mention in a sentence is.

A place of events, or a name standing for an actor ("Russia has captured", "U.S.-backed",
"Kurdistan Workers' Party") or inside a title ("the Ukrainian foreign minister").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from geo.extract.actors import COUNTRIES, normalise_actor
from geo.extract.lexicon import ARMED_NOUNS, GEO_NOUNS, NOUN_TRIGGERS, SPEECH_VERBS
from geo.extract.rules.grammar import lem

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


#: a country's missions abroad: "the embassy of France" is in the host country
_ENVOY_NOUNS = {"embassy", "consulate", "ambassador", "envoy", "mission", "delegation",
                "legation", "attaché", "attache", "consul"}

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
    if lb == 3 and ls < 3 and \
            (getattr(big, "admin1", None) or "") == (getattr(small, "admin1", None) or "") \
            and bool(getattr(big, "admin1", None)):
        return True
    if lb in (2, 3) and ls < lb:
        # a region of several admin-1 units or a named area ("Iraq's Kurdistan region")
        # holds a place that lies inside its outline
        geom = getattr(big, "geometry", None)
        lat, lon = getattr(small, "latitude", None), getattr(small, "longitude", None)
        if geom is not None and lat is not None and lon is not None and \
                geom.geom_type in ("Polygon", "MultiPolygon"):
            from shapely.geometry import Point

            return bool(geom.covers(Point(lon, lat)))  # shapely points are (lon, lat)
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
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "PROPN" and \
            head.head.i < tok.i:
        # "Islamic State of Iraq and the Levant": the name of a side, not a place
        org = normalise_actor(tok.doc[head.head.left_edge.i:tok.i + 1].text, bare_country=False)
        if org is not None and org not in _COUNTRY_ACTORS:
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
    first = tok
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "the embassies of France, Rwanda, and Uganda"
    if level == 4 and first.dep_ == "pobj" and first.head.lower_ == "of" and \
            lem(first.head.head) in _ENVOY_NOUNS:
        return "actor"  # a country's embassy or envoy is where it is posted, not the country
    if tok.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ == "NOUN" and \
            lem(head.head) in NOUN_TRIGGERS and (level == 4 or ref.kind == "country"):
        return "actor"  # "three airstrikes by Israel"
    if tok.dep_ in ("compound", "amod", "nmod") and (lem(head) in _TITLE_WORDS or
                                                      head.ent_type_ == "PERSON"):
        return "actor" if level == 4 else "title"
    if tok.dep_ in ("compound", "amod") and head.ent_type_ in ("ORG",) and level == 4:
        return "actor"
    return "place"
