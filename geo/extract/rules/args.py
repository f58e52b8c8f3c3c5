"""The arguments of a verb trigger as the claim rules read them.

Subject, passive subject, objects, particles, prepositions, actor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Token

from geo.extract.rules.grammar import (
    agent,
    children,
    head_noun_set,
    objects,
    passive_subject,
    pobjs,
    subject,
)

if TYPE_CHECKING:
    from geo.extract.triggers import SentenceContext


@dataclass
class VerbArgs:
    """A verb trigger's arguments."""

    subj: Token | None
    psubj: Token | None
    objs: list[Token]
    prts: set[str]
    preps: set[str]
    actor: Token | None
    obj_lemmas: set[str]
    sent_lemmas: set[str]


def verb_args(tok: Token, ctx: SentenceContext) -> VerbArgs:
    """Read a verb trigger's arguments off the parse."""
    subj = subject(tok)
    psubj = passive_subject(tok)
    objs = objects(tok)
    late = [c for c in tok.children if c.dep_ == "nsubj" and c.i > tok.i]
    if not objs and late and not tok.sent.text.rstrip().endswith("?"):
        objs = late[:1]  # "it had recaptured Wad Madani" parsed with "Madani" as subject
        early = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
        subj = early[0] if early else None
    if psubj is not None:
        objs = objs + [psubj] + children(psubj, "conj")
    # qualifiers the parser takes for prepositions: "controlled about 1,000km2"
    objs = objs + pobjs(tok, "about", "around", "over", "nearly", "almost", "approximately",
                        "roughly", "some")
    prts = {c.lower_ for c in children(tok, "prt")} | {c.lower_ for c in children(tok, "advmod")}
    preps = {c.lower_ for c in children(tok, "prep")}
    actor = subj if psubj is None else agent(tok)
    obj_lemmas = head_noun_set(objs)
    sent_lemmas = ctx.__dict__.get("sent_lemmas", set())
    return VerbArgs(subj, psubj, objs, prts, preps, actor, obj_lemmas, sent_lemmas)
