"""Event nouns as claim triggers.

Where a noun is licensed ("came under attack", "fighting erupted", "declared a state
of emergency"), its claim type and its actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from geo.claimants.attribution import DENIAL_VERBS
from geo.extract.actors import normalise_actor
from geo.extract.lexicon import (
    ARMED_NOUNS,
    EVENT_VERBS,
    LABOUR_STRIKE_CUES,
    LICENSING_PREPS,
    LIGHT_VERBS,
    NOUN_TRIGGERS,
    STRIKE_MODIFIERS,
    VERB_TRIGGERS,
)
from geo.extract.rules.grammar import children, lem, subject
from geo.extract.rules.senses import (
    _armed_on_both_sides,
    has_place,
    is_armed,
    is_crowd,
    is_people,
    is_territorial,
    violent_besides,
)
from geo.extract.rules.verbs_force import is_law_enforcement, noun_force_type
from geo.extract.rules.words import (
    ACCIDENT_WORDS,
    AIR_TARGETS,
    DETENTION_CUES,
    EMERGENCY_MEASURES,
    EMERGENCY_STATES,
    LITERAL_WAR_NOUNS,
    PROTEST_CUES,
    PROTEST_SIGNS,
    REPORT_VERBS,
)

if TYPE_CHECKING:
    from geo.extract.triggers import SentenceContext


#: fights that are events of their own: "killed in an ambush", "killed in clashes near X"
#: state the fight besides the casualties (unlike "killed in the fighting", "in combat")
_DISCRETE_FIGHTS = ("ambush", "clash", "gunfight", "firefight", "gunbattle", "skirmish",
                    "shootout")


#: event nouns that are war by themselves and need no other violence word in the
#: sentence ("Israel conducts airstrikes on targets in Gaza")
_SELF_EVIDENT = {"airstrike", "airstrikes", "shelling", "bombardment", "gunbattle",
                 "firefight", "gunfight", "shootout", "shoot-out"}

#: sides of a clash that make it unrest, not a battle ("clashes with riot police")
_ORDER_SIDES = {"police", "protester", "protestor", "demonstrator", "rioter"}


def _noun_licensed(tok: Token) -> Token | None:
    """Return the anchor verb if an event noun is licensed by its position, else None."""
    for c in tok.children:
        # "Israeli airstrikes killed 25 ..." parsed as a reduced relative clause
        if c.dep_ == "acl" and c.i > tok.i and (lem(c) in EVENT_VERBS or
                                                lem(c) in VERB_TRIGGERS) and c.tag_ == "VBD":
            return c
        # "with shelling reported in Kupwara", "gunfire heard across the district"
        if c.dep_ == "acl" and c.i > tok.i and c.tag_ == "VBN" and lem(c) in REPORT_VERBS:
            return c
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.tag_ == "VBN" and \
            lem(tok.head) in REPORT_VERBS and tok.head.dep_ in ("pcomp", "advcl", "acl"):
        return tok.head  # "with shelling reported in X" parsed as a small clause
    dep, head = tok.dep_, tok.head
    # conjuncts share the licensing of the first noun ("missile and drone barrages")
    while dep == "conj" and head.pos_ in ("NOUN", "PROPN"):
        tok = head
        dep, head = tok.dep_, tok.head
    steps = 0
    while dep in ("preconj", "predet", "det") and head.pos_ in ("DET", "NOUN") and steps < 3:
        tok, steps = head, steps + 1  # "imposed a curfew and ..." parsed as a determiner's
        dep, head = tok.dep_, tok.head
    if (dep == "compound" or (dep == "amod" and tok.pos_ == "NOUN")) and head.pos_ == "NOUN":
        # "drone strikes"; a noun the parser hung as an adjective ("imposed a curfew and
        # closed schools" parsed as "a [curfew and closed] schools")
        tok = head
        dep, head = tok.dep_, tok.head
    hl = lem(head)
    if dep in ("dobj", "attr") and hl in LIGHT_VERBS:
        return head
    if dep == "dobj" and hl in DENIAL_VERBS and head.pos_ == "VERB":
        return head  # "Ukraine denies the fall of the city": a denied claim (triggers.py)
    if dep in ("nsubj", "nsubjpass") and hl in EVENT_VERBS:
        return head
    if dep == "nsubjpass" and hl in LIGHT_VERBS:
        return head  # "a curfew was imposed", "martial law was extended"
    if dep in ("nsubj", "attr") and any(c.dep_ == "expl" for c in head.children):
        return head  # "there was heavy fighting"
    if dep == "pobj":
        prep = head
        ph = prep.head
        if prep.lower_ in LICENSING_PREPS and ph.pos_ in ("VERB", "AUX"):
            lph = lem(ph)
            if VERB_TRIGGERS.get(lph) == "casualties" and \
                    NOUN_TRIGGERS.get(lem(tok)) in ("clash", None) and \
                    lem(tok) not in ("attack", "raid", "assault") + _DISCRETE_FIGHTS and \
                    not _armed_on_both_sides(ph):
                return None  # "killed in fighting": the casualties are the claim
            if prep.lower_ == "under" and lph in ("come", "be", "remain", "fall", "stay"):
                return ph
            if lph in VERB_TRIGGERS or lph in LIGHT_VERBS or lph in EVENT_VERBS:
                return ph
        if prep.lower_ == "after" and ph.pos_ == "VERB" and \
                VERB_TRIGGERS.get(lem(ph)) in ("displacement", "casualties") and \
                (NOUN_TRIGGERS.get(lem(tok)) in ("strike", "attack") or
                 lem(tok) in ("attack", "raid", "ambush", "assault")) and \
                not any(lem(c) in ("year", "month", "decade", "week") for c in tok.subtree):
            return ph  # "fled the camp after heavy shelling": the cause, reported with it
        if prep.lower_ == "to" and (ph.lower_ in ("due", "owing") or lem(ph) == "subject"):
            anchor = ph.head if ph.lower_ in ("due", "owing") else ph
            return anchor if anchor.pos_ in ("VERB", "AUX") else ph
        if prep.lower_ == "of" and ph.lower_ == "because":
            return ph.head
        if prep.lower_ == "for" and lem(ph) == "responsibility":
            # "claims responsibility for the deaths of four Christians" (the model may take
            # "claims" for a noun: then the phrase itself anchors the claim)
            return ph.head if ph.head.pos_ == "VERB" else ph
        if prep.lower_ == "in" and lem(ph) == "part":
            return ph.head  # "took part in protests"
        if prep.lower_ == "of" and lem(ph) in _ONSET_NOUNS and ph.dep_ in ("dobj", "attr") \
                and lem(ph.head) in LIGHT_VERBS | {"mark"} and ph.head.pos_ == "VERB":
            return ph.head  # "announces the start of a military operation in X"
    return None


#: nouns of an event's beginning: "announced the start of an operation" reports it
_ONSET_NOUNS = {"start", "launch", "beginning", "onset", "resumption"}


def _noun_type(tok: Token, lemma: str, ctx: SentenceContext) -> str | None:
    base = NOUN_TRIGGERS.get(lemma)
    if base is None:
        return None
    mods = {lem(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    if base in ("emergency", "restriction", "displacement") and \
            ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS:
        return None  # a flood's state of emergency is not a conflict claim
    if lemma == "law":
        return "emergency" if "martial" in mods else None
    if lemma in EMERGENCY_STATES and tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
            lem(tok.head.head) == "state":
        return "emergency"  # "a state of siege", "the state of alarm"
    if lemma in ("alarm", "exception"):
        return None
    if lemma == "emergency" and tok.dep_ == "compound" and lem(tok.head) in EMERGENCY_MEASURES:
        return "emergency"  # "imposed emergency rule", "emergency powers were extended"
    if lemma == "emergency":
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and lem(tok.head.head) == "state":
            return "emergency"
        if tok.dep_ in ("dobj",) and lem(tok.head) in ("declare", "impose", "extend"):
            return "emergency"
        return None
    if lemma == "control":
        return "control"
    if lemma in ("attack", "raid", "assault") and mods & (AIR_TARGETS | {"air", "missile",
                                                                        "rocket", "artillery"}):
        return "strike"
    if lemma in ("clash", "confrontation", "scuffle"):
        sides = [o for p in children(tok, "prep") if p.lower_ in ("with", "between")
                 for o in children(p, "pobj")]
        sides += [c for o in sides for c in children(o, "conj")]
        if any(lem(o) in _ORDER_SIDES or (is_crowd(o) and not is_armed(o, ctx))
               for o in sides):
            return "unrest"  # "clashes with riot police", "between police and protesters"
    if lemma == "raid" and ("police" in mods or is_law_enforcement(_noun_actor(tok, tok))):
        return None  # "arrested in a police raid on his office": the arrest is the claim
    decided, forced = noun_force_type(tok, lemma, mods, ctx)
    if decided:
        return forced
    if lemma in ("missile", "drone", "rocket", "shell", "bomb"):
        return "strike"
    if lemma == "fire":
        # "came under heavy artillery fire"; not "set fire", "fire brigade"
        if mods & {"artillery", "mortar", "rocket", "tank", "sniper", "heavy", "machine",
                   "machine-gun", "gun", "anti-aircraft", "naval"} or (
                tok.dep_ == "pobj" and tok.head.lower_ == "under"):
            return "strike"
        return None
    if lemma == "gain":
        if tok.tag_ == "NNS" and violent_besides(ctx, tok):
            return "advance"  # "Russian forces made gains near Pokrovsk"
        return None
    if lemma == "massacre":
        return "casualties"
    if lemma == "rally" and not ctx.article_lemmas & PROTEST_CUES:
        return None  # "a rally in tech stocks", a campaign rally
    if lemma == "strike":
        if mods & {"general", "hunger"}:
            return None  # "a nationwide general strike", "a hunger strike"
        if mods & LABOUR_STRIKE_CUES or ctx.__dict__.get("sent_lemmas", set()) & \
                LABOUR_STRIKE_CUES and not mods & STRIKE_MODIFIERS:
            # a labour strike is unrest only with a protest or riot in the sentence
            # not "..., protesting the changes": the strike's purpose, no demonstration
            signs = {lem(t) for t in tok.sent if lem(t) in PROTEST_SIGNS and not (
                t.tag_ == "VBG" and t.dep_ in ("advcl", "acl") and children(t, "dobj"))}
            return "unrest" if signs else None
        if mods & STRIKE_MODIFIERS or violent_besides(ctx, tok):
            return "strike"
        return None
    if lemma in ("death", "killing") and tok.dep_ == "pobj" and \
            lem(tok.head.head) == "responsibility":
        return "casualties"  # "claims responsibility for the deaths of four Christians"
    if lemma in ("death", "casualty", "fatality", "toll", "killing", "injury"):
        if not ctx.violent:
            return None
        if lemma == "toll" and "death" not in mods:
            return None
    if lemma == "operation":
        mil = {"military", "ground", "air", "army", "security", "offensive", "combat",
               "special", "counterterrorism", "counter-terrorism", "anti-terror", "raid",
               "clearing", "clearance", "rescue"}
        if mods & {"rescue", "surgical", "business", "commercial"}:
            return None
        if ctx.violent and (mods & mil or ctx.__dict__.get("sent_lemmas", set()) & ARMED_NOUNS):
            return "clash"
        return None
    if lemma in ("evacuation", "exodus", "displacement") and not ctx.article_violent:
        return None
    if lemma in ("arrest", "detention") and not (
            (ctx.article_violent or ctx.article_lemmas & DETENTION_CUES) and (
                tok.tag_ == "NNS" or is_people([o for p in children(tok, "prep")
                                                 if p.lower_ == "of"
                                                 for o in children(p, "pobj")], ctx))):
        return None  # "arrests", "the arrest of six alleged fighters"; not "cardiac arrest"
    if lemma == "fall":
        return "control"
    if lemma in ("shootout", "shoot-out") and ctx.__dict__.get("sent_lemmas", set()) & {
            "police", "policeman", "officer", "suspect", "robber"}:
        return None  # "killed a suspect in a shootout": policing, not a battle
    if lemma == "combat" and tok.dep_ in ("compound", "amod"):
        return None  # "a combat drone", "combat aircraft": a kind of weapon, not a fight
    if base in ("clash", "advance", "strike") and lemma not in _SELF_EVIDENT and \
            not violent_besides(ctx, tok) and not (
            tok.dep_ == "nsubj" and VERB_TRIGGERS.get(lem(tok.head)) == "casualties") and \
            not (tok.dep_ == "pobj" and VERB_TRIGGERS.get(lem(tok.head.head)) == "casualties"
                 and lemma in _DISCRETE_FIGHTS) and \
            not (lemma in LITERAL_WAR_NOUNS and tok.dep_ in ("nsubj", "nsubjpass")
                 and has_place(tok.head, ctx)):
        return None  # ("an attack ... killed 15 civilians" is violent by itself)
    if base in ("emergency", "restriction", "displacement") and \
            ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS:
        return None  # a flood's state of emergency is not a conflict claim
    if base == "unrest" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and \
            not any(c.dep_ == "det" for c in tok.children):
        return None  # "walked out in protest"
    return base


def _multiword_text(tok: Token) -> str:
    """Return the trigger as written with its modifiers ("drone attack")."""
    lemma = lem(tok)
    if lemma in EMERGENCY_STATES and tok.head.lower_ == "of":
        st = tok.head.head
        return tok.doc[st.i:tok.i + 1].text
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i and
            lem(c) in (STRIKE_MODIFIERS | AIR_TARGETS | {"martial", "movement", "air"})]
    if mods:
        return tok.doc[min(m.i for m in mods):tok.i + 1].text
    prts = [c for c in tok.children if c.dep_ == "prt"]
    if prts:
        return f"{tok.text} {prts[0].text}"
    return tok.text


def _control_is_territorial(tok: Token, anchor: Token, ctx: SentenceContext) -> bool:
    """Whether "control" is over territory: "control of the city", "X are under our control"."""
    owners = [tok] + ([anchor] if tok.dep_ == "dobj" else [])  # "took control" + "of X"
    held = [o for w in owners for p in children(w, "prep") if p.lower_ in ("of", "over")
            for o in children(p, "pobj")]
    if not held:
        # "74 settlements are under our control": the subject is what is held
        held = [c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")
                and c.i != tok.i]
        if not held and tok.dep_ == "nsubjpass":
            held = [c for c in anchor.children if c.dep_ in ("agent",)]
    if tok.dep_ == "nsubjpass":
        # "control over 40 square kilometers ... has been taken"
        held = held + [o for p in children(tok, "prep") for o in children(p, "pobj")]
    subj = subject(anchor)
    if held and not is_territorial(held, ctx) and is_armed(subj, ctx) and \
            tok.dep_ == "dobj" and all(h.pos_ == "PROPN" and
                                       h.ent_type_ in ("GPE", "LOC", "FAC", "") for h in held):
        return True  # "its forces had taken control of Abu Salim": a place the gazetteer lacks
    if held and any(is_armed(o, ctx) for w in owners + held for p in children(w, "prep")
                    if p.lower_ == "from" for o in children(p, "pobj")):
        return True  # "the army has taken control of the broadcaster in X from the RSF"
    if not held or not is_territorial(held, ctx):
        return False
    return ctx.violent or is_armed(subj, ctx)


def _control_anchor(tok: Token) -> Token | None:
    """Anchor of "control" as a noun: "under our control", "took control of", "in control of"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "under":
        return head.head
    if tok.dep_ == "pobj" and head.lower_ == "in" and \
            any(c.lower_ == "of" for c in tok.children if c.dep_ == "prep"):
        return head.head
    if tok.dep_ in ("dobj", "nsubjpass") and lem(head) in {
            "take", "seize", "gain", "establish", "assume", "regain", "retake", "lose", "cede",
            "exercise", "maintain", "keep", "restore", "wrest", "win", "claim", "tighten",
            "extend", "consolidate"}:
        return head
    return None


def _noun_actor(tok: Token, anchor: Token) -> Token | None:
    """Return the side that acted for an event noun ("Russian strikes", "by X")."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i and \
                normalise_actor(c.text) is not None:
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            objs = children(c, "pobj")
            if objs:
                return objs[0]
    if anchor.i != tok.i and anchor.pos_ in ("VERB", "AUX"):
        subj = subject(anchor)
        if subj is not None and lem(anchor) in LIGHT_VERBS:
            return subj
    return None
