"""What the arguments of a trigger are, and whether the trigger is literal.

Armed sides, crowds, people, victims, territory; a trigger meant literally and in a
conflict rather than a disaster or a crime.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from geo.extract.actors import normalise_actor
from geo.extract.lexicon import (
    ARMED_NOUNS,
    CONFLICT_EVIDENCE,
    FIGURATIVE_EVIDENCE,
    PERSON_TARGET_NOUNS,
    TERRITORY_NOUNS,
    VERB_TRIGGERS,
    VIOLENCE_WORDS,
)
from geo.extract.rules.grammar import children, domain, head_noun_set, is_crowd, lem, pobjs, subject
from geo.extract.rules.words import (
    AMBIGUOUS_HARM,
    CRIME_WORDS,
    DISASTER_WORDS,
    LITERAL_WAR_NOUNS,
    METAPHOR_LEMMAS,
    METAPHOR_PRONE,
    SAFE_PLACES,
    SPORTING_SIDES,
    VICTIM_NOUNS,
)

if TYPE_CHECKING:
    from geo.extract.triggers import SentenceContext, Trigger


def violent_besides(ctx: SentenceContext, tok: Token) -> bool:
    """Whether the context shows violence other than the trigger word itself."""
    return ctx.prev_violent or any(i != tok.i for i in ctx.violent_idx)


def is_armed(tok: Token | None, ctx: SentenceContext) -> bool:
    """Whether a subject names an armed side ("Ukrainian forces", "the RSF", "Russia")."""
    if tok is None:
        return False
    if tok.pos_ == "PRON":
        return ctx.violent and tok.lower_ in ("they", "we", "it", "who", "which")
    lemma = lem(tok)
    if lemma in ARMED_NOUNS:
        return not figurative_host(tok)
    phrase = tok.doc[tok.left_edge.i:tok.i + 1].text
    if normalise_actor(phrase, bare_country=True) is not None:
        return True
    if ctx.place_levels.get(tok.i, 0) == 4:
        # a country as agent ("Russia has captured"); cities are too often sports teams
        return True
    if any(lem(c) in ARMED_NOUNS for c in children(tok, "compound", "amod", "conj")):
        return True
    # "hundreds of Myanmar soldiers", "a group of fighters"
    if lem(tok) not in ("hundred", "thousand", "dozen", "score", "group", "number", "column",
                        "convoy", "unit", "team", "band", "wave", "branch", "detachment"):
        return False
    return any(is_armed(o, ctx) for p in children(tok, "prep") if p.lower_ == "of"
               for o in children(p, "pobj") if o.pos_ != "PRON")


def figurative_host(tok: Token) -> bool:
    """Whether an armed noun hosts non-combatants: "an army of engineers", "a legion of fans"."""
    members = [o for p in children(tok, "prep") if p.lower_ == "of"
               for o in children(p, "pobj") if o.pos_ in ("NOUN", "PROPN")]
    return bool(members) and not any(
        lem(o) in ARMED_NOUNS or lem(o) in PERSON_TARGET_NOUNS - {"worker", "student", "member"}
        or normalise_actor(o.text) is not None for o in members)


def _sporting_side(tok: Token) -> bool:
    """Whether a side noun shared with sport has no armed or national modifier."""
    if lem(tok) not in SPORTING_SIDES:
        return False
    return not any(c.dep_ in ("amod", "compound", "nmod", "poss") and (
        lem(c) in ARMED_NOUNS or c.ent_type_ == "NORP" or
        normalise_actor(c.text, bare_country=False) is not None) for c in tok.children)


def is_territorial(toks: list[Token], ctx: SentenceContext) -> bool:
    """Whether objects name territory or a place ("dozens of settlements", "Bakhmut")."""
    for t in toks:
        near = [t] + [c for c in t.children if c.dep_ in ("compound", "appos", "conj", "amod",
                                                          "nmod", "nummod", "quantmod")]
        for p in children(t, "prep"):
            if p.lower_ == "of":  # "the town of X", "most of Aleppo", "parts of X"
                near.extend(children(p, "pobj"))
        if any(x.i in ctx.place_tokens for x in near):
            return True
        if any(ctx.quantity_units.get(x.i) in ("km2", "settlements") for x in list(t.subtree)[:30]):
            return True
    return bool(head_noun_set(toks) & TERRITORY_NOUNS)


def is_people(toks: list[Token], ctx: SentenceContext) -> bool:
    """Whether objects name people ("50 soldiers", "dozens", "a journalist")."""
    for t in toks:
        if t.i in ctx.place_tokens:
            continue  # "Wad Madani" may be tagged PERSON by the small model
        if lem(t) in PERSON_TARGET_NOUNS or t.ent_type_ in ("PERSON", "NORP") or \
                ctx.quantity_units.get(t.i) == "people":
            return True
        if t.pos_ == "NUM" or t.lower_ in ("dozens", "hundreds", "thousands", "scores"):
            # "captured 50 soldiers" yes, "captured seven of the nine governorships" no
            of = [o for p in children(t, "prep") if p.lower_ == "of" for o in children(p, "pobj")]
            if not of or is_people(of, ctx):
                return True
    return bool(head_noun_set(toks) & PERSON_TARGET_NOUNS)


def is_victim(toks: list[Token], ctx: SentenceContext) -> bool:
    """Whether the object of "killed"/"injured" names people, not "hopes" or "the game"."""
    for t in toks:
        if t.pos_ in ("PRON", "NUM", "PROPN", "DET") or t.ent_type_ in ("PERSON", "NORP") or \
                is_people([t], ctx) or lem(t) in VICTIM_NOUNS or is_crowd(t) or \
                lem(t) in ARMED_NOUNS or t.i in ctx.place_tokens:
            return True
    return False


def has_place(anchor: Token, ctx: SentenceContext) -> bool:
    """Whether the clause of ``anchor`` names a place."""
    return any(t.i in ctx.place_tokens for t in domain(anchor))


def _to_safety(tok: Token) -> bool:
    """Whether a verb of motion goes to safety ("to safer areas", "to shelters")."""
    for o in pobjs(tok, "to", "into", "toward", "towards"):
        if lem(o) in SAFE_PLACES or any(c.lower_ in ("safe", "safer", "secure", "safest")
                                        for c in o.children if c.dep_ == "amod"):
            return True
    return False


def _armed_on_both_sides(verb: Token) -> bool:
    """Whether a killing verb has armed killers and armed victims ("troops killed gunmen").

    Then the fighting it happened in is a clash claim besides the casualties.
    """
    subj = subject(verb)
    victims = children(verb, "dobj") or children(verb, "nsubjpass")
    if subj is None or not victims:
        return False
    return lem(subj) in ARMED_NOUNS and any(lem(v) in ARMED_NOUNS for v in victims)


def literal_conflict(trig: Trigger, sent: Span, ctx: SentenceContext) -> bool:
    """Whether a metaphor-prone trigger is literal: an armed side, a weapon or a conflict story.

    In an article with no other sign of armed conflict, "IndiGo fired the first shot" and
    "Bologna's attack ... under siege" are metaphors; the trigger stands only with an armed
    actor (a noun of :data:`ARMED_NOUNS`, not a team or company named after a country) or
    another conflict word in the sentence (a weapon, "troops", "shelling").
    """
    if trig.claim_type not in METAPHOR_PRONE or ctx.article_conflict:
        return True
    war_noun = trig.tok.lower_ in LITERAL_WAR_NOUNS and not (
        trig.tok.pos_ == "VERB" and trig.tok.dep_ not in ("nsubj", "nsubjpass", "pobj", "pcomp"))
    if war_noun or (lem(trig.tok) not in METAPHOR_LEMMAS and
                                               trig.tok.lower_ not in METAPHOR_LEMMAS):
        return True  # "fighting raged", "shelled", "airstrikes": literal by themselves
    if trig.actor_tok is not None and ((lem(trig.actor_tok) in ARMED_NOUNS and
                                        not figurative_host(trig.actor_tok) and
                                        not _sporting_side(trig.actor_tok)) or
                                       normalise_actor(_name_phrase(trig.actor_tok),
                                                       bare_country=False) is not None):
        return True  # "troops", "al-Shabaab" (an armed group, not a country-named team)
    if trig.actor_tok is not None and trig.tok.pos_ == "NOUN" and \
            trig.actor_tok.head.i == trig.tok.i and trig.actor_tok.dep_ in ("amod", "compound") \
            and normalise_actor(trig.actor_tok.text) is not None:
        return True  # "Israeli strikes", "Russian shelling": a nation's arms, not a team
    if any(VERB_TRIGGERS.get(lem(t)) == "casualties" and lem(t) != "leave" and
           any(c.dep_ in ("dobj", "nsubjpass") and c.pos_ != "PRON" and
               (is_people([c], ctx) or is_victim([c], ctx)) for c in t.children)
           for t in sent):
        return True  # "an attack ... killed nine people", "policemen are killed in an ambush"
    if lem(trig.tok) == "fire" and trig.tok.dep_ == "pobj" and trig.tok.head.lower_ == "under":
        # "a police patrol came under fire in Kandahar"; not "the minister came under fire
        # for his remarks": an armed side or a vehicle, and no reason given
        who = subject(trig.anchor)
        if who is not None and (is_armed(who, ctx) or lem(who) in _FIRED_ON) and not any(
                p.lower_ in ("for", "over") for p in children(trig.anchor, "prep")):
            return True
    if any(u in ("km2", "settlements") for u in ctx.quantity_units.values()):
        return True  # "40 square kilometers", "74 settlements": territorial figures
    if trig.claim_type in ("control", "advance") and _names_a_settlement(trig.tok, ctx):
        return True  # "recaptured the city of Kunduz": a named settlement, not a market
    others = {lem(t) for t in sent if t.i != trig.tok.i and
              not (lem(t) in ARMED_NOUNS and figurative_host(t))}
    # "strongholds ... fell", "a barrage of tries": one word that sport and politics share
    # with war is a metaphor; several together ("its offensive in Russian territory and
    # bombarded") are a war
    evidence = others & CONFLICT_EVIDENCE
    return bool(evidence - FIGURATIVE_EVIDENCE) or len(evidence & FIGURATIVE_EVIDENCE) >= 2


def non_conflict_sense(trig: Trigger, sent: Span, ctx: SentenceContext) -> bool:
    """Whether a trigger reports a disaster's or a crime's effect in a story with no conflict.

    Schools closed and residents evacuated before a hurricane, a state of emergency over a
    flood, a robbery suspect arrested, shop staff injured in a robbery: real events, but not
    conflict claims. A conflict or unrest story (``ctx.article_conflict``) keeps them all.
    """
    if ctx.article_conflict:
        return False
    # "Wildfires" opening a sentence is tagged a proper noun and keeps its plural lemma
    lemmas = ctx.article_lemmas | {w[:-1] for w in ctx.article_lemmas if w.endswith("s")}
    if trig.claim_type in ("restriction", "displacement", "emergency", "casualties") and \
            lemmas & DISASTER_WORDS:
        return True
    sent_lemmas = {lem(t) for t in sent}
    if trig.claim_type == "casualties" and sent_lemmas & AMBIGUOUS_HARM and \
            not sent_lemmas & (VIOLENCE_WORDS - AMBIGUOUS_HARM):
        return True  # "killed in an explosion that destroyed several apartments": no attack
    if trig.claim_type == "casualties" and lemmas & CRIME_WORDS and \
            not {lem(t) for t in sent} & (CONFLICT_EVIDENCE - FIGURATIVE_EVIDENCE):
        return True
    return False


#: what comes under fire besides an armed side: patrols, convoys, vehicles, posts
_FIRED_ON = {"patrol", "convoy", "vehicle", "car", "truck", "bus", "ship", "vessel", "boat",
             "post", "checkpoint", "base", "position", "outpost", "plane", "aircraft",
             "helicopter", "team", "motorcade", "ambulance"}


def _name_phrase(tok: Token) -> str:
    """Return the name a token heads with its compounds ("Islamic State", "Boko Haram")."""
    parts = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    return tok.doc[min(c.i for c in parts):tok.i + 1].text if parts else tok.text


def _names_a_settlement(verb: Token, ctx: SentenceContext) -> bool:
    """Whether a verb's object is "the city/town/village of <place>" or "the <place> district".

    Also through "control of" ("seized control of the city of Ramadi").
    """
    objs = children(verb, "dobj", "nsubjpass")
    objs += [o for c in objs if lem(c) == "control" for p in children(c, "prep")
             if p.lower_ in ("of", "over") for o in children(p, "pobj")]
    for o in objs:
        if lem(o) in ("city", "town", "village", "settlement", "district", "province",
                      "region", "county", "township", "municipality") and \
                any(t.i in ctx.place_tokens for t in o.subtree if t.i != o.i):
            return True
    return False
