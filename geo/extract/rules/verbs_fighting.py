"""Verb rules of the fighting families.

Control (capture, loss, withdrawal, handover), advance, clash and repelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from geo.extract.lexicon import (
    WEAPON_NOUNS,
)
from geo.extract.rules.args import VerbArgs
from geo.extract.rules.grammar import (
    agent,
    children,
    domain,
    lem,
    pobjs,
)
from geo.extract.rules.senses import (
    _to_safety,
    has_place,
    is_armed,
    is_crowd,
    is_people,
    is_territorial,
    is_victim,
    violent_besides,
)
from geo.extract.rules.verbs_force import HARM_LEMMAS, is_irregular, is_law_enforcement, one_sided
from geo.extract.rules.words import (
    AIR_TARGETS,
    ATTACKISH,
    AUTHORITY_SEATS,
    OCCUPIABLE,
    PROTEST_CUES,
)

if TYPE_CHECKING:
    from geo.extract.triggers import SentenceContext


def control_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
               ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``control`` family."""
    subj, objs, prts, preps, actor, obj_lemmas = (
        a.subj, a.objs, a.prts, a.preps, a.actor, a.obj_lemmas)
    if lemma in ("occupy", "seize", "storm", "overrun") and subj is not None and \
            is_crowd(subj) and not is_armed(subj, ctx) and objs and \
            obj_lemmas & OCCUPIABLE and (ctx.article_lemmas & PROTEST_CUES or ctx.violent):
        return "unrest", None  # "students occupied the rectorate building"
    if lemma == "take" and obj_lemmas & {"refuge", "shelter"}:
        return ("displacement", None) if ctx.violent else (None, None)
    if lemma == "take":
        if obj_lemmas & {"place", "part", "step", "measure", "action", "note", "time",
                         "office", "power", "charge", "care", "turn", "look", "aim",
                         "photo", "picture", "question", "lead", "seat", "oath"}:
            return None, None
        ctl = [o for o in objs if lem(o) == "control"]
        if ctl:
            # "took control of Goma": the noun rule decides (territory, violence)
            return None, None
        if objs and is_territorial(objs, ctx) and (ctx.violent or is_armed(subj, ctx)):
            return "control", actor
        return None, None
    if lemma in ("hold", "keep"):
        targets = objs + pobjs(tok, "on", "onto")
        if targets and is_territorial(targets, ctx) and \
                not obj_lemmas & {"talk", "meeting", "election", "vote", "rally", "protest"}:
            return "control", actor
        return None, None
    if lemma == "fall":
        if any(p in preps for p in ("to", "into", "under")) and subj is not None and \
                is_territorial([subj], ctx):
            return "control", None
        return None, None
    if lemma == "lose":
        if objs and (is_territorial(objs, ctx) or "control" in obj_lemmas) and \
                (is_armed(subj, ctx) or ctx.violent):
            return "control", actor
        return None, None
    if lemma in ("clear", "secure", "control", "annex", "gain"):
        if objs and is_territorial(objs, ctx) and (is_armed(subj, ctx) or ctx.violent):
            return "control", actor
        return None, None
    if lemma in ("withdraw", "retreat", "pull"):
        if lemma == "pull" and not ({"out", "back"} & prts):
            return None, None
        sources = pobjs(tok, "from", "out") + [
            o for ob in objs for p in children(ob, "prep") if p.lower_ == "from"
            for o in children(p, "pobj")]  # "withdrawn troops from Myawaddy"
        if (is_armed(subj, ctx) or (objs and is_armed(objs[0], ctx))) and sources and \
                is_territorial(sources, ctx):
            return "control", actor
        return None, None
    if lemma in ("hand", "cede", "abandon"):
        if ("control" in obj_lemmas or (objs and is_territorial(objs, ctx))) and \
                (is_armed(subj, ctx) or ctx.violent):
            return "control", actor
        return None, None
    if lemma in ("capture", "seize") and objs and is_people(objs, ctx) and \
            not is_territorial(objs, ctx):
        return ("detention", actor) if ctx.article_violent else (None, None)
    if objs and is_territorial(objs, ctx):
        return "control", actor
    return None, None


def advance_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
               ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``advance`` family."""
    subj, objs, prts, preps, actor, obj_lemmas = (
        a.subj, a.objs, a.prts, a.preps, a.actor, a.obj_lemmas)
    if lemma == "gain":
        if obj_lemmas & {"ground", "foothold", "territory"} and (is_armed(subj, ctx)
                                                                or ctx.violent):
            return "advance", actor
        return None, None
    if lemma == "push" and ("back" in prts or "back" in preps):
        if objs and (obj_lemmas & ATTACKISH or is_armed(objs[0], ctx)):
            return "repelled", actor
        return None, None
    if lemma == "break" and "into" in (prts | preps) and subj is not None and \
            is_crowd(subj) and not is_armed(subj, ctx) and \
            (ctx.violent or ctx.article_conflict):
        return "unrest", None  # "looters broke into warehouses"
    if lemma == "break" and not ({"through"} & (prts | preps)):
        return None, None
    if lemma == "move" and _to_safety(tok) and not is_armed(subj, ctx):
        if subj is not None and (is_people([subj], ctx) or is_crowd(subj)) and \
                ctx.article_conflict:
            return "displacement", None  # "thousands of people moved to safer areas"
        return None, None
    if lemma == "move" and not ({"into", "toward", "towards", "on", "closer", "deeper",
                                 "forward"} & (prts | preps)):
        return None, None
    if lemma == "press" and not ({"into", "toward", "towards", "on", "deeper",
                                  "forward", "ahead"} & (prts | preps)):
        return None, None
    if lemma in ("roll", "walk", "sweep") and not ({"into", "through", "across"} &
                                                  (prts | preps)):
        return None, None
    if not is_armed(subj, ctx):
        return None, None
    if lemma in ("enter", "reach") and objs and not (
            is_territorial(objs, ctx) or any(_named_site(o, ctx) for o in objs)):
        return None, None  # "Tunisia enters a lockdown", "Iran has reached an agreement"
    directional = {"deep", "deeper", "forward", "further", "farther", "closer", "ahead",
                   "toward", "towards", "into", "onward"} & (prts | preps)
    dom = domain(tok)
    has_dist = any(ctx.quantity_units.get(t.i) in ("km", "km2") for t in dom)
    if has_place(tok, ctx) or has_dist or directional or \
            (objs and is_territorial(objs, ctx)) or \
            is_territorial(pobjs(tok, "in", "into", "on", "toward", "towards"), ctx):
        return "advance", actor
    return None, None


#: where a shot person was hit: "shot in the head" is a wounding, not a photo shoot
_BODY_PARTS = {"head", "leg", "chest", "back", "neck", "arm", "stomach", "abdomen", "face",
               "shoulder", "foot", "hand", "eye", "knee", "thigh", "body"}


def _crowd(tok: Token) -> bool:
    """Whether a side is a crowd: a crowd noun in the plural or a collective ("a mob")."""
    return is_crowd(tok) and (tok.tag_ in ("NNS", "NNPS") or lem(tok) in (
        "crowd", "mob", "group", "thousand", "hundred", "dozen", "people") or any(
        c.dep_ in ("nummod", "conj") for c in tok.children))


def clash_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
               ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``clash`` family."""
    subj, objs, prts, actor, obj_lemmas = a.subj, a.objs, a.prts, a.actor, a.obj_lemmas
    by = agent(tok)
    if by is not None:
        subj = actor = by  # "embassies are stormed and attacked by protesters": the agent
    if lemma == "storm":
        if "out" in prts or not (objs or pobjs(tok, "into", "through", "inside")):
            return None, None  # "stormed out of parliament", "stormed to victory"
        # "protesters stormed parliament"; not "fans stormed the pitch", "customers
        # stormed showrooms": a crowd and a seat of authority, or a story of unrest
        unrest_story = bool(ctx.article_lemmas & PROTEST_CUES) or ctx.article_conflict
        if subj is not None and _crowd(subj) and not is_armed(subj, ctx) and objs and \
                (obj_lemmas & AUTHORITY_SEATS or unrest_story):
            return "unrest", None
        if (is_armed(subj, ctx) or is_irregular(subj)) and one_sided(objs, subj, ctx):
            return "attack", actor  # "gunmen stormed the village", "bandits stormed a mine"
        if is_armed(subj, ctx) or (objs and is_territorial(objs, ctx) and ctx.violent):
            return "clash", actor
        if subj is not None and objs and not is_armed(subj, ctx) and unrest_story:
            return "unrest", None
        return None, None
    if lemma == "clash":
        partners = pobjs(tok, "with")
        if subj is not None and (is_crowd(subj) or lem(subj) == "police") or \
                any(lem(p) in ("police", "protester", "demonstrator", "officer")
                    for p in partners):
            return "unrest", None
        if is_armed(subj, ctx) or any(is_armed(p, ctx) for p in partners):
            return "clash", actor
        return None, None
    if lemma == "confront":
        if (is_armed(subj, ctx) or ctx.violent) and objs and is_armed(objs[0], ctx):
            return "clash", actor
        return None, None
    if lemma == "exchange":
        if obj_lemmas & {"fire", "gunfire", "shot", "shelling", "blow"}:
            return "clash", actor
        return None, None
    if lemma == "attack" and subj is not None and _crowd(subj) and \
            not is_armed(subj, ctx):
        return "unrest", None  # "protesters attacked the embassy"; not "a man attacks ..."
    if lemma == "attack":
        withs = pobjs(tok, "with")
        if any(lem(w) in WEAPON_NOUNS for w in withs) or \
                (subj is not None and lem(subj) in WEAPON_NOUNS):
            return "strike", actor
        attacker = actor if a.psubj is not None else subj
        if not (is_armed(attacker, ctx) or is_irregular(attacker) or
                (subj is None and violent_besides(ctx, tok))):
            return None, None
        if one_sided(objs, attacker, ctx):
            return "attack", actor  # "gunmen attacked the village", "attacked civilians"
        if objs and (is_territorial(objs, ctx) or is_armed(objs[0], ctx) or
                     is_people(objs, ctx)) or has_place(tok, ctx):
            return "clash", actor
        return None, None
    if lemma in ("fight", "battle", "engage"):
        if objs and not (is_armed(objs[0], ctx) or is_territorial(objs, ctx)):
            return None, None  # "to fight inflation", "battled the flames"
        if (is_armed(subj, ctx) and violent_besides(ctx, tok)) or \
                (subj is None and violent_besides(ctx, tok) and has_place(tok, ctx)):
            return "clash", actor
        return None, None
    if lemma in ("assault", "raid", "ambush") and (is_armed(subj, ctx) or is_irregular(subj)) \
            and (not is_law_enforcement(subj) or a.sent_lemmas & HARM_LEMMAS) and \
            one_sided(objs, subj, ctx):
        return "attack", actor  # "bandits raided the village", "ambushed a bus"
    if lemma in ("encircle", "surround", "besiege", "assault", "raid", "ambush"):
        if (is_armed(subj, ctx) or ctx.violent) and \
                (objs and (is_territorial(objs, ctx) or is_armed(objs[0], ctx)
                           or is_people(objs, ctx)) or has_place(tok, ctx)):
            return "clash", actor
        return None, None
    return None, None


def repelled_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
               ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``repelled`` family."""
    subj, psubj, objs, prts, actor, obj_lemmas = (
        a.subj, a.psubj, a.objs, a.prts, a.actor, a.obj_lemmas)
    if lemma == "force" and psubj is not None:
        return None, None  # "troops were forced to withdraw": the withdrawal is the claim
    if lemma == "force":
        # "forced it to retreat", "forced the attackers back"
        goals = [c for c in tok.children if c.dep_ in ("xcomp", "advcl", "ccomp")]
        if any(lem(g) in ("retreat", "withdraw", "pull") for g in goals) and \
                (is_armed(subj, ctx) or ctx.violent) and objs:
            return "repelled", actor
        if "back" in prts and objs and is_armed(objs[0], ctx):
            return "repelled", actor
        return None, None
    if lemma == "shoot" and "down" not in prts:
        # "shot dead", "shot and killed", "shot in the head": a person hurt, whatever the
        # noun that names them ("a cleric", "a 14-year-old girl")
        states = {c.lower_ for c in tok.children if c.dep_ in ("oprd", "acomp", "advmod",
                                                                "xcomp", "conj", "dobj")}
        wounds = {lem(o) for p in children(tok, "prep") if p.lower_ in ("in", "through")
                  for o in children(p, "pobj")}
        if objs and ((states & {"dead", "killed", "kill"} or wounds & _BODY_PARTS) or
                     (is_victim(objs, ctx) and objs[0].pos_ != "PRON" and
                      (is_people(objs, ctx) or a.psubj is not None)) and ctx.violent):
            return "casualties", actor
        return None, None
    if lemma == "beat" and not ({"back", "off"} & prts):
        return None, None
    if lemma == "fend" and "off" not in prts:
        return None, None
    if lemma in ("destroy", "neutralize", "neutralise"):
        # air defence: "destroyed eight drones over the region"; not "a strike destroyed"
        if obj_lemmas & AIR_TARGETS and not (subj is not None and (
                lem(subj) in WEAPON_NOUNS or lem(subj) in AIR_TARGETS)):
            return "repelled", actor
        return None, None
    if lemma in ("intercept", "shoot", "down"):
        if obj_lemmas & AIR_TARGETS or (objs and ctx.quantity_units.get(objs[0].i)):
            return "repelled", actor
        return None, None
    if obj_lemmas & ATTACKISH or (objs and is_armed(objs[0], ctx)):
        return "repelled", actor
    return None, None


def _named_site(tok: Token, ctx: SentenceContext) -> bool:
    """Whether an object names a place ("Sumy", "the main Saadallah al-Jabiri Square").

    Not "an agreement with Iraq" or "a lockdown": a common noun whose place hangs from
    another preposition than "of" is not itself a place.
    """
    if tok.i in ctx.place_tokens or tok.pos_ == "PROPN":
        return True
    return any(t.i in ctx.place_tokens for c in tok.children
               if c.dep_ in ("poss", "compound", "nmod") for t in c.subtree) or any(
        o.i in ctx.place_tokens for p in children(tok, "prep") if p.lower_ == "of"
        for o in children(p, "pobj"))
