"""Verb triggers: the claim type a trigger verb makes in its context, by claim family."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from geo.extract.lexicon import (
    VERB_TRIGGERS,
)
from geo.extract.rules.args import VerbArgs, verb_args
from geo.extract.rules.grammar import (
    children,
    lem,
)
from geo.extract.rules.senses import (
    is_armed,
)
from geo.extract.rules.verbs_fighting import advance_verb, clash_verb, control_verb, repelled_verb
from geo.extract.rules.verbs_force import attack_verb, deployment_verb, explosive_verb
from geo.extract.rules.verbs_harm import (
    casualties_verb,
    detention_verb,
    displacement_verb,
    restriction_verb,
    strike_verb,
    unrest_verb,
)
from geo.extract.rules.words import (
    ATTACKISH,
    COMMS,
    DETENTION_CUES,
)

if TYPE_CHECKING:
    from geo.extract.triggers import SentenceContext

#: the rule of each claim family a trigger verb belongs to (:data:`VERB_TRIGGERS`)
FAMILIES = {
    "control": control_verb, "advance": advance_verb, "clash": clash_verb,
    "repelled": repelled_verb, "strike": strike_verb, "casualties": casualties_verb,
    "displacement": displacement_verb, "restriction": restriction_verb, "unrest": unrest_verb,
    "detention": detention_verb, "attack": attack_verb, "deployment": deployment_verb,
}
#: verbs with a rule of their own, whatever their family: explosive devices going off
LEMMA_RULES = {"explode": explosive_verb, "detonate": explosive_verb, "go": explosive_verb,
               "blow": explosive_verb, "set": lambda t, lm, c, a: set_verb(t, lm, c, a)}


def set_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
             ) -> tuple[str | None, Token | None]:
    """Return a strike for a device set off ("an IED was set off"), else the unrest rule."""
    found = explosive_verb(tok, lemma, ctx, a)
    return found if found[0] is not None else unrest_verb(tok, lemma, ctx, a)


def _type_of_verb(tok: Token, lemma: str, ctx: SentenceContext) -> tuple[str | None, Token | None]:
    """Claim type of a verb trigger in context, and the token naming the actor."""
    base = VERB_TRIGGERS.get(lemma)
    if base is None:
        return None, None
    a = verb_args(tok, ctx)
    objs, prts, actor, obj_lemmas = a.objs, a.prts, a.actor, a.obj_lemmas

    if lemma in ("hold", "fight") and "off" in prts:
        if obj_lemmas & ATTACKISH or (objs and is_armed(objs[0], ctx)):
            return "repelled", actor  # "held off an assault", "fought off an attack"
        return None, None
    if lemma == "cut" or (lemma in ("shut", "block", "suspend", "restrict") and
                          obj_lemmas & COMMS):
        if obj_lemmas & COMMS and (ctx.violent or ctx.article_violent):
            return "restriction", actor  # "internet access was cut"
        return None, None
    if lemma == "take" and ({lem(c) for c in tok.children if c.dep_ in ("oprd", "advmod", "xcomp",
                                                                 "dobj", "ccomp", "acomp")}
                            | obj_lemmas) & {"hostage", "prisoner", "captive"}:
        # "took about 250 people hostage", "took 20 soldiers prisoner"
        return ("detention", actor) if ctx.violent or ctx.article_violent else (None, None)
    if lemma in ("take", "hold") and (
            any(lem(o) == "custody" for p in children(tok, "prep") if p.lower_ == "into"
                for o in children(p, "pobj")) or
            (lemma == "hold" and {lem(c) for c in tok.children if c.dep_ in (
                "oprd", "acomp", "advmod", "xcomp", "dobj")} & {"hostage", "captive"})):
        # "taken into custody", "held captive by militants", "held hostage"
        return ("detention", actor) if ctx.violent or ctx.article_violent or \
            ctx.article_lemmas & DETENTION_CUES else (None, None)
    family = LEMMA_RULES.get(lemma) or FAMILIES.get(base)
    if family is None:
        return None, None
    return family(tok, lemma, ctx, a)
