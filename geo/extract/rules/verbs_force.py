"""Verb rules of one-sided violence and force posture.

``attack``: an armed side attacks, raids, ambushes, storms, opens fire on or burns
civilians, a village or a site (not a battle between armed sides); ``deployment``: forces
are deployed, sent, stationed, massed or arrive somewhere, without a claim of capture;
and explosive devices going off ("a car bomb went off", "an IED exploded"), which are
``strike`` claims like other remote violence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from geo.extract.lexicon import (
    ARMED_NOUNS,
    CIVILIAN_SITES,
    EXPLOSIVE_DEVICES,
    NON_HUMAN_ATTACKS,
    STATE_FORCE_NOUNS,
    UNNAMED_ATTACKERS,
    VERB_TRIGGERS,
)
from geo.extract.rules.args import VerbArgs
from geo.extract.rules.grammar import children, lem, pobjs
from geo.extract.rules.senses import has_place, is_armed, is_people, violent_besides

if TYPE_CHECKING:
    from geo.extract.triggers import SentenceContext

#: words of people hurt: a police raid that kills is violence, one that arrests is not
HARM_LEMMAS = {"kill", "injure", "wound", "die", "dead", "shoot", "murder", "massacre"}
#: deployment verbs whose object is the force ("deployed 1,200 troops", "sent 7,000 troops")
_SENDING = {"deploy", "redeploy", "dispatch", "send", "mass"}
#: deployment verbs whose subject is the force ("troops arrive", "soldiers stationed")
_ARRIVING = {"arrive", "station"}
#: participles that make their noun a deployed force ("soldiers stationed in X")
_SENT_PARTICIPLES = {"deploy", "redeploy", "dispatch", "send", "station", "mass"}


def is_explosive(tok: Token | None) -> bool:
    """Whether a noun names an explosive device ("bomb", "IED", "explosive device", "bomber")."""
    if tok is None:
        return False
    lemma = lem(tok)
    if lemma == "device":
        return any(lem(c) in ("explosive", "improvised", "incendiary")
                   for c in tok.children if c.dep_ in ("amod", "compound"))
    if lemma == "mine":
        return any(lem(c) in ("land", "anti-personnel", "anti-tank") for c in tok.children)
    return lemma in EXPLOSIVE_DEVICES


def is_irregular(tok: Token | None) -> bool:
    """Whether an attacker is named by role, not as a state's force ("gunmen", "bandits")."""
    return tok is not None and lem(tok) in UNNAMED_ATTACKERS | {"gang", "settler", "mob"}


def is_law_enforcement(tok: Token | None) -> bool:
    """Whether a side is the police ("police", "officers", "authorities"): its raids are arrests."""
    return tok is not None and (lem(tok) in ("police", "policeman", "officer", "authority",
                                             "agent", "prosecutor") or
                                any(lem(c) == "police" for c in tok.children
                                    if c.dep_ in ("compound", "amod")))


def one_sided(targets: list[Token], attacker: Token | None, ctx: SentenceContext) -> bool:
    """Whether an attack on ``targets`` is one-sided violence rather than a battle.

    The targets are not armed, and are people ("civilians", "residents", "a journalist")
    or a civilian site ("a market", "a bus", "a village"); or the attacker is named by
    role ("gunmen", "bandits", "settlers") and the target is not an armed side.
    """
    if not targets:
        return False
    head = targets[0]
    if is_armed(head, ctx) or lem(head) in ARMED_NOUNS:
        return False
    if lem(head) in ("base", "position", "checkpoint", "outpost", "post", "barracks",
                     "garrison", "headquarters", "unit", "patrol"):
        return False
    if any(lem(c) in ARMED_NOUNS | STATE_FORCE_NOUNS for c in head.children
           if c.dep_ in ("compound", "amod", "poss")):
        return False  # "a police station", "a military camp", "the army's convoy"
    if is_people(targets, ctx) or lem(head) in CIVILIAN_SITES:
        return True
    # a village, a town or a named place: "gunmen stormed the village" is one-sided,
    # "troops stormed the town" a battle
    return is_irregular(attacker)


def attack_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
                ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``attack`` family."""
    subj, objs, actor = a.subj, a.objs, a.actor
    if lemma == "open":
        # "opened fire on civilians", "opens fire on their vehicle", "opened fire at protesters"
        if not any(lem(o) in ("fire", "gunfire") for o in objs):
            return None, None
        targets = pobjs(tok, "on", "at", "upon") + [
            o for f in objs for p in children(f, "prep") if p.lower_ in ("on", "at", "upon")
            for o in children(p, "pobj")]
        if not (is_armed(subj, ctx) or is_irregular(subj) or ctx.violent):
            return None, None
        if targets and not one_sided(targets, subj, ctx):
            return "clash", actor
        return ("attack", actor) if targets or has_place(tok, ctx) else (None, None)
    if lemma in ("stab", "firebomb", "terrorize", "terrorise"):
        if objs or a.psubj is not None:
            return ("attack", actor) if ctx.violent or lemma != "stab" or \
                is_people(objs, ctx) else (None, None)
        return None, None
    return None, None


def deployment_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
                    ) -> tuple[str | None, Token | None]:
    """Claim type and actor of a verb of the ``deployment`` family."""
    subj, psubj, objs, actor = a.subj, a.psubj, a.objs, a.actor
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and lemma in _SENT_PARTICIPLES and \
            _is_force(tok.head, ctx) and tok.head.tag_ in ("NNS", "NNPS") and not (
                tok.head.dep_ in ("nsubj", "nsubjpass") and
                lem(tok.head.head) not in ("be", "remain", "stay")):
        # ("troops stationed in Uvira began pulling out": the pull-out is the claim)
        # "750 British soldiers still stationed in Afghanistan", "troops deployed to
        # the border": the participle's noun is the force (and its side the actor)
        return ("deployment", tok.head) if has_place(tok, ctx) else (None, None)
    if lemma in _SENDING:
        forces = [o for o in objs if _is_force(o, ctx)]
        if not forces:
            return None, None
        if lemma == "send" and not pobjs(tok, "to", "into", "towards", "toward"):
            return None, None  # "sent troops" alone; "sent troops to Germany"
        return ("deployment", actor) if has_place(tok, ctx) else (None, None)
    if lemma in _ARRIVING:
        force = psubj if psubj is not None else subj
        if force is None or not _is_force(force, ctx):
            return None, None
        if lemma == "station" and psubj is None and not objs:
            return None, None
        return ("deployment", actor if psubj is None else None) \
            if has_place(tok, ctx) else (None, None)
    return None, None


def _is_force(tok: Token, ctx: SentenceContext) -> bool:
    """Whether a noun names a force that can be deployed (troops, police, tanks, jets)."""
    if lem(tok) in ("hundred", "thousand", "dozen", "number", "contingent", "group", "unit") \
            or tok.pos_ == "NUM":
        of = [o for p in children(tok, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
        if of:
            return _is_force(of[0], ctx)  # "thousands of Iranian troops"
    if lem(tok) in ("personnel", "officer", "police", "policeman", "guard", "reinforcement",
                    "unit", "warship", "ship", "plane", "fighter", "jet", "tank", "battery"):
        return True
    return lem(tok) in ARMED_NOUNS and lem(tok) not in ("enemy", "adversary", "attacker",
                                                       "assailant", "gunman", "gang")


def explosive_verb(tok: Token, lemma: str, ctx: SentenceContext, a: VerbArgs
                   ) -> tuple[str | None, Token | None]:
    """Return a strike for a device going off ("a bomb explodes", "an IED went off")."""
    subj, psubj, objs = a.subj, a.psubj, a.objs
    prts = a.prts
    if lemma == "explode":
        return ("strike", None) if is_explosive(subj) else (None, None)
    if lemma == "go":
        return ("strike", None) if "off" in prts and is_explosive(subj) else (None, None)
    if lemma == "set":
        # "an improvised explosive device was set off", "set off a car bomb"
        if "off" in prts and (is_explosive(psubj) or any(is_explosive(o) for o in objs)):
            return "strike", (a.actor if psubj is None else None)
        return None, None
    if lemma == "detonate":
        if any(is_explosive(o) for o in objs) or is_explosive(psubj):
            return "strike", (a.actor if not is_explosive(a.actor) else None)
        return None, None
    if lemma == "blow":
        # "a suicide bomber blows himself up", "blew up a bridge"
        if "up" not in prts:
            return None, None
        if is_explosive(subj) or (is_armed(subj, ctx) and objs):
            return "strike", (None if is_explosive(subj) else a.actor)
        return None, None
    return None, None


#: modifiers that make an attack one-sided by its means ("stabbing attack", "knife attack")
_ONE_SIDED_MEANS = {"stabbing", "stab", "knife", "shooting", "shoot", "gun", "arson", "machete",
                    "acid",
                    "grenade", "hammer", "axe", "vehicle", "ramming", "car-ramming",
                    # a suicide or car-bomb attack is aimed at whoever is there
                    "suicide", "bomb", "car-bomb", "ied", "explosive", "terror", "terrorist"}
#: nouns of withdrawal and handover, claims of control lost or given up
_WITHDRAWALS = {"withdrawal", "pullout", "handover"}


def _killing(tok: Token) -> bool:
    """Whether an event noun killed or hurt people ("killed in an attack", "an attack killed")."""
    head = tok.head.head if tok.dep_ == "pobj" else tok.head if tok.dep_ == "nsubj" else None
    return head is not None and VERB_TRIGGERS.get(lem(head)) == "casualties"


def _armed_victims(tok: Token, ctx: SentenceContext) -> bool:
    """Whether the people an event noun killed are armed ("four soldiers killed in attacks")."""
    verb = tok.head.head if tok.dep_ == "pobj" else tok.head
    victims = children(verb, "nsubjpass", "dobj")
    if verb.dep_ == "conj":
        victims += children(verb.head, "nsubjpass", "dobj")
    return any(is_armed(v, ctx) or lem(v) in ("officer", "policeman", "guard") for v in victims)


def _noun_target(tok: Token) -> list[Token]:
    """Return what an event noun is directed at ("attack on X", "an ambush targeting X")."""
    out = [o for p in children(tok, "prep") if p.lower_ in ("on", "against", "at", "upon")
           for o in children(p, "pobj")]
    out += [o for c in tok.children if c.dep_ == "acl" and lem(c) == "target"
            for o in children(c, "dobj")]
    return out


def _noun_attacker(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < tok.i and \
                (lem(c) in ARMED_NOUNS or is_irregular(c)):
            return c
        if c.dep_ == "prep" and c.lower_ == "by":
            objs = children(c, "pobj")
            if objs:
                return objs[0]
    return None


def noun_force_type(tok: Token, lemma: str, mods: set[str], ctx: SentenceContext
                    ) -> tuple[bool, str | None]:
    """Type of an event noun of one-sided violence, deployment or withdrawal.

    Returns
    -------
    (bool, str or None)
        Whether this rule decides the noun, and the claim type it gives (None: no claim).
    """
    if lemma in ("attack", "raid", "assault", "ambush"):
        if mods & NON_HUMAN_ATTACKS:
            return True, None  # "a shark attack", "a heart attack", "a cyber attack"
        if not (violent_besides(ctx, tok) or ctx.article_conflict or _killing(tok)):
            return False, None  # "an assault on the chip market": the general rule decides
        targets = _noun_target(tok)
        if "police" in mods or is_law_enforcement(_noun_attacker(tok)):
            return False, None  # "arrested in a police raid on his office"
        if mods & _ONE_SIDED_MEANS or one_sided(targets, _noun_attacker(tok), ctx):
            return True, "attack"  # "a stabbing attack", "an ambush targeting buses"
        if not targets and _killing(tok) and not _armed_victims(tok, ctx) and \
                not is_armed(_noun_attacker(tok), ctx):
            return True, "attack"  # "nine people are killed after an attack in a market area"
        return False, None
    if lemma in ("shooting", "stabbing", "arson"):
        # "a mass shooting at a checkpoint", "killed in a shooting attack"; not a film shoot
        if not (ctx.violent or ctx.article_conflict) or mods & {"photo", "film", "video"}:
            return True, None
        targets = _noun_target(tok)
        if targets and not one_sided(targets, None, ctx):
            return True, "clash"
        return True, "attack"
    if lemma in _WITHDRAWALS:
        sources = [o for p in children(tok, "prep") if p.lower_ in ("from", "of")
                   for o in children(p, "pobj")]
        places = [o for o in sources for t in o.subtree if t.i in ctx.place_tokens]
        if not places:
            return True, None  # "the withdrawal of most of its founding clubs"
        if ctx.violent or ctx.article_conflict or any(is_armed(o, ctx) for o in sources):
            return True, "control"
        return True, None
    if lemma in ("kidnapping", "abduction"):
        return True, ("detention" if ctx.violent or ctx.article_violent else None)
    if lemma in ("deployment", "reinforcement", "buildup", "build-up"):
        of = [o for p in children(tok, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
        armed = any(_is_force(o, ctx) for o in of) or mods & {"military", "troop", "army",
                                                              "police", "naval", "force"}
        if lemma == "reinforcement" and tok.tag_ == "NNS":
            armed = True  # "reinforcements arrived"
        return True, ("deployment" if armed else None)
    return False, None
