"""Verb rules of the harm and order families.

Strike, casualties, displacement, restriction, unrest and detention.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from geo.extract.lexicon import (
    LABOUR_STRIKE_CUES,
    VIOLENCE_WORDS,
    WEAPON_NOUNS,
)
from geo.extract.rules.args import VerbArgs
from geo.extract.rules.grammar import (
    children,
    lem,
    objects,
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
from geo.extract.rules.verbs_force import is_irregular, is_law_enforcement
from geo.extract.rules.words import (
    ACCIDENT_VERBS,
    ACCIDENT_WORDS,
    AIR_TARGETS,
    BANNABLE,
    CIVIL_CROWD,
    CLOSABLE,
    DETENTION_CUES,
    HOSTILE_WORDS,
    PROTEST_CUES,
    PROTEST_SIGNS,
    RESTRICTABLE,
)

if TYPE_CHECKING:
    from geo.extract.triggers import SentenceContext


def strike_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
               ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``strike`` family."""
    subj, psubj, objs, actor, obj_lemmas, sent_lemmas = (
        a.subj, a.psubj, a.objs, a.actor, a.obj_lemmas, a.sent_lemmas)
    withs = pobjs(tok, "with")
    weapon_subj = subj is not None and (lem(subj) in WEAPON_NOUNS or
                                        lem(subj) in AIR_TARGETS)
    weapon_agent = actor is not None and psubj is not None and \
        (lem(actor) in WEAPON_NOUNS or lem(actor) in AIR_TARGETS)
    weapon_with = any(lem(w) in WEAPON_NOUNS or lem(w) in AIR_TARGETS for w in withs)
    if lemma == "strike" and subj is not None and \
            (lem(subj) in LABOUR_STRIKE_CUES or is_crowd(subj)) and \
            not objs:
        # "doctors struck over pay" is a labour dispute; unrest only beside a protest
        return ("unrest", None) if sent_lemmas & PROTEST_SIGNS else (None, None)
    if lemma == "launch":
        if obj_lemmas & {"attack", "raid", "assault", "ambush", "offensive", "operation"}:
            return None, None  # "launched a stabbing attack": the noun says what it was
        if obj_lemmas & (WEAPON_NOUNS | AIR_TARGETS):
            return "strike", actor
        return None, None
    if lemma == "fire":
        if obj_lemmas & (WEAPON_NOUNS | AIR_TARGETS | {"shot", "round", "salvo"}) or \
                (is_armed(subj, ctx) and pobjs(tok, "at", "on", "upon")):
            return "strike", actor
        return None, None
    if lemma in ("bomb", "bombard", "shell", "pound", "airstrike"):
        if withs and not weapon_with:
            return None, None  # "bombarded with questions", "bombarding ... with dust"
        if subj is not None and psubj is None and not (is_armed(subj, ctx) or weapon_subj):
            return None, None  # "hot winds were bombarding the plains"
        if is_armed(subj, ctx) or weapon_subj or violent_besides(ctx, tok):
            return "strike", actor
        return None, None
    if lemma in ("strike", "hit", "target"):
        targets = objs
        if weapon_subj or weapon_agent or weapon_with:
            return "strike", (actor if not (weapon_subj or weapon_agent) else actor)
        if is_armed(subj, ctx) and (targets and (is_territorial(targets, ctx) or
                                                 is_armed(targets[0], ctx))
                                    or has_place(tok, ctx)) and ctx.violent:
            return "strike", actor
        return None, None
    return None, None


#: verbs whose object is hurt or killed ("killed 12", "murdered a couple", "gunned down")
_HURT = {"kill", "injure", "wound", "massacre", "slaughter", "murder", "assassinate", "behead",
         "gun"}


def casualties_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
               ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``casualties`` family."""
    subj, psubj, objs, prts, preps, actor, sent_lemmas = (
        a.subj, a.psubj, a.objs, a.prts, a.preps, a.actor, a.sent_lemmas)
    if ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS or not ctx.violent:
        return None, None
    if sent_lemmas & ACCIDENT_VERBS and not sent_lemmas & HOSTILE_WORDS:
        return None, None  # "a pilot is killed when his fighter jet crashes"
    if lemma == "leave" and tok.dep_ == "xcomp" and lem(tok.head) == "force":
        return ("displacement", None) if ctx.article_violent else (None, None)
    if lemma == "leave":
        # "the attack left four people dead"
        states = [c for c in tok.children if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp",
                                                        "amod", "dobj", "advcl")]
        states += [g for o in objs for g in o.children if g.dep_ in ("amod", "acl")]
        if any(c.lower_ in ("dead", "injured", "wounded", "killed") for c in states):
            return "casualties", None
        return None, None
    if lemma == "die" and any(p in preps for p in ("of", "from")) and \
            not (sent_lemmas & VIOLENCE_WORDS):
        return None, None
    if lemma == "execute" and not (objs and is_people(objs, ctx)):
        return None, None
    if lemma == "gun" and "down" not in prts:
        return None, None  # "gunned down"
    if lemma in _HURT and psubj is None and not objs and subj is None:
        return None, None
    if lemma in _HURT and (
            "off" in prts or (objs and not is_victim(objs, ctx)) or
            (psubj is not None and psubj.pos_ == "NOUN" and not is_victim([psubj], ctx))):
        return None, None  # "killed off Welsh hopes", "killing the game": no person hurt
    return "casualties", (actor if lemma in _HURT | {"execute"} else None)


def displacement_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
               ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``displacement`` family."""
    subj, psubj, objs, obj_lemmas = a.subj, a.psubj, a.objs, a.obj_lemmas
    if ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS:
        return None, None
    if not (ctx.violent or ctx.article_violent or
            obj_lemmas & {"home", "house"} or lemma in ("displace", "uproot")):
        return None, None
    if lemma == "cross":
        # "hundreds of Ukrainians are crossing the border": civilians, a border, a war
        border = obj_lemmas & {"border", "frontier"} or any(
            lem(o) in ("border", "frontier") for o in pobjs(tok, "into", "over", "across"))
        if border and ctx.article_violent and subj is not None and \
                not is_armed(subj, ctx) and (is_people([subj], ctx) or
                                             lem(subj) in CIVIL_CROWD or
                                             subj.ent_type_ == "NORP" or
                                             lem(subj) in ("refugee", "civilian", "family")):
            return "displacement", None
        return None, None
    if lemma == "flee" and not ctx.article_violent and \
            not obj_lemmas & {"home", "house", "village", "town"}:
        return None, None
    forced = tok.dep_ in ("xcomp", "ccomp") and lem(tok.head) in (
        "force", "cause", "prompt", "send", "drive", "compel")
    if lemma == "flee" and not forced and is_armed(subj, ctx):
        return None, None  # "soldiers were seen fleeing": a rout, not displacement
    if lemma == "flee":
        who = subj
        if tok.dep_ in ("xcomp", "ccomp") and lem(tok.head) in ("force", "cause", "prompt",
                                                             "send", "drive", "compel"):
            heads_obj = objects(tok.head)
            who = heads_obj[0] if heads_obj else who
            if who is not None:
                ctx.__dict__.setdefault("extra_args", {})[tok.i] = [t.i for t in who.subtree]
        if who is not None and who.i > tok.i and tok.dep_ == "xcomp":
            who = who
        if who is not None and who.tag_ in ("NN", "NNP") and lem(who) not in (
                "family", "population", "thousand", "hundred", "dozen", "million") and \
                ctx.quantity_units.get(who.i) != "people":
            return None, None  # "the suspect fled the scene"
        if who is None or not (is_people([who], ctx) or lem(who) in CIVIL_CROWD or
                               ctx.quantity_units.get(who.i) == "people" or
                               who.ent_type_ == "NORP" or lem(who) in
                               {"family", "household", "refugee", "inhabitant", "russian"}):
            if not (obj_lemmas & {"home", "house", "village", "town", "city"}):
                return None, None
        return "displacement", None
    if lemma == "evacuate":
        if objs or psubj is not None or has_place(tok, ctx):
            return "displacement", None
        return None, None
    if lemma in ("displace", "uproot"):
        return "displacement", None
    if lemma == "seek":
        if obj_lemmas & {"refuge", "shelter", "asylum", "safety"}:
            return "displacement", None
        return None, None
    if lemma == "relocate" and objs and is_armed(objs[0], ctx):
        return None, None  # "relocate Kurdish rebels": a force moved, not people displaced
    if lemma == "relocate" and (objs and is_people(objs, ctx) or (
            _to_safety(tok) and subj is not None and is_people([subj], ctx))):
        return "displacement", None
    return None, None


def restriction_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
               ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``restriction`` family."""
    objs, actor, obj_lemmas = a.objs, a.actor, a.obj_lemmas
    if ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS:
        return None, None
    if lemma in ("close", "shut"):
        deep = {lem(t) for o in objs for t in list(o.subtree)[:10] if t.pos_ == "NOUN"}
        if obj_lemmas & CLOSABLE or (deep & CLOSABLE and objs and
                                     lem(objs[0]) in ("all", "most", "some", "many", "one",
                                                      "part", "several", "half")):
            return "restriction", actor
        return None, None
    if lemma == "ban":
        if obj_lemmas & BANNABLE:
            return "restriction", actor
        return None, None
    if lemma == "suspend":
        if obj_lemmas & {"flight", "train", "traffic", "service", "movement", "travel",
                         "crossing", "operation"} and ctx.violent and \
                not ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS:
            return "restriction", actor
        return None, None
    if lemma == "restrict":
        if obj_lemmas & RESTRICTABLE:
            return "restriction", actor
        return None, None
    if lemma == "blockade":
        return ("restriction", actor) if has_place(tok, ctx) else (None, None)
    return None, None


def unrest_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
               ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``unrest`` family."""
    subj, psubj, objs, prts, preps, actor, obj_lemmas = (
        a.subj, a.psubj, a.objs, a.prts, a.preps, a.actor, a.obj_lemmas)
    if lemma == "march" and is_armed(subj, ctx) and \
            ({"into", "on", "toward", "towards", "through"} & (prts | preps)):
        return "advance", actor  # "rebels marched into the city"
    if lemma == "set":
        # "protesters set fire to the broadcaster's headquarters"
        fire = "fire" in obj_lemmas or "ablaze" in prts or any(
            c.lower_ in ("ablaze", "alight") for c in tok.children)
        if not fire:
            return None, None
        if subj is not None and (is_armed(subj, ctx) or is_irregular(subj)):
            return "attack", actor  # "gunmen set fire to homes", "settlers set fire to cars"
        return ("unrest", None) if (subj is None or not is_armed(subj, ctx)) and \
            ctx.violent else (None, None)
    crowd = subj is not None and (is_crowd(subj) or
                                  ctx.quantity_units.get(subj.i) == "people" or
                                  subj.ent_type_ == "NORP")
    if lemma in ("protest", "demonstrate", "riot"):
        if lemma == "demonstrate" and objs:
            return None, None  # "North Korea demonstrates two ballistic missiles": shown
        if lemma == "protest" and objs and lem(objs[0]) in ("innocence", "decision",
                                                             "call", "penalty", "ruling"):
            return None, None
        if lemma == "protest" and objs and tok.tag_ == "VBG" and \
                tok.dep_ in ("advcl", "acl", "xcomp") and not crowd:
            # "announces a strike against the FT, protesting the changes": what the
            # strike objects to, not a demonstration (a march's "protesting" has a march)
            return None, None
        if crowd or has_place(tok, ctx) or lemma == "riot":
            return "unrest", None
        return None, None
    if lemma == "gather" and subj is not None and (lem(subj) in PROTEST_CUES or any(
            lem(c) in PROTEST_CUES for c in children(subj, "conj"))):
        return ("unrest", None) if has_place(tok, ctx) else (None, None)
    if lemma in ("rally", "march"):
        protest = pobjs(tok, "against") or ctx.__dict__.get("sent_lemmas", set()) & {
            "protest", "protester", "demonstrator", "demand", "anti", "oppose"}
        if crowd and protest and (has_place(tok, ctx) or pobjs(
                tok, "through", "on", "to", "in", "outside", "against")):
            return "unrest", None
        return None, None
    if lemma in ("torch", "burn") and (is_armed(subj, ctx) or is_irregular(subj)) and \
            (objs or psubj is not None):
        return "attack", actor  # "militants torched the village"
    if lemma in ("loot", "ransack", "smash", "torch", "vandalize", "vandalise", "burn",
                 "block", "barricade"):
        if crowd and not is_armed(subj, ctx) and (objs or psubj is not None):
            return "unrest", None
        return None, None
    return None, None


def detention_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
               ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``detention`` family."""
    subj, psubj, objs, prts, actor = a.subj, a.psubj, a.objs, a.prts, a.actor
    if lemma in ("abduct", "kidnap") and (objs or psubj is not None) and \
            (ctx.violent or is_armed(subj, ctx) or (subj is not None and
                                                    lem(subj) in ("gunman", "bandit"))):
        return "detention", actor  # "gunmen abducted 20 students"
    armed_captor = subj is not None and psubj is None and is_armed(subj, ctx) and \
        not is_law_enforcement(subj)  # "security forces detain a journalist"
    if not (ctx.article_violent or ctx.article_lemmas & DETENTION_CUES or armed_captor):
        return None, None  # police arrests in a crime or sports story are not claims
    if lemma == "round" and "up" not in prts:
        return None, None
    if lemma in ("jail", "imprison") and not (objs or psubj is not None):
        return None, None
    return "detention", actor
