"""Claim triggers of a sentence.

The verbs and event nouns that make a claim type, kept when they are asserted and
literal (the rules are in :mod:`geo.extract.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from geo.claimants.attribution import DENIAL_VERBS
from geo.extract.lexicon import NOUN_TRIGGERS, VERB_TRIGGERS
from geo.extract.rules.grammar import (
    _has_neg,
    asserted,
    children,
    denial,
    head_noun_set,
    lem,
    subject,
)
from geo.extract.rules.nouns import (
    _control_anchor,
    _control_is_territorial,
    _multiword_text,
    _noun_actor,
    _noun_licensed,
    _noun_type,
)
from geo.extract.rules.senses import (
    has_place,
    is_armed,
    is_people,
    literal_conflict,
    non_conflict_sense,
)
from geo.extract.rules.verbs import _type_of_verb
from geo.extract.rules.words import (
    ACCIDENT_WORDS,
    ATTEMPT_VERBS,
    CLOSABLE,
    EMERGENCY_STATES,
    FICTION,
    IRREGULAR_PAST,
    REPORT_VERBS,
)


@dataclass
class Trigger:
    """A claim trigger in a sentence.

    Attributes
    ----------
    tok : spacy.tokens.Token
        The trigger word.
    anchor : spacy.tokens.Token
        The clause head whose arguments (places, figures, dates) belong to the claim.
    claim_type : str
        One of the SPEC's thirteen types.
    text : str
        The trigger as written ("state of emergency", "drone attack", "captured").
    actor_tok : Token or None
        The token naming the side that acted, if the parse gives one.
    """

    tok: Token
    anchor: Token
    claim_type: str
    text: str
    actor_tok: Token | None = None
    extra: dict = field(default_factory=dict)  # "denied_by": the verb denying the claim


@dataclass
class SentenceContext:
    """What the rules may know beyond the sentence.

    Attributes
    ----------
    violent : bool
        The sentence or the one before it mentions violence.
    article_violent : bool
        The article mentions violence or unrest anywhere.
    article_conflict : bool
        The article shows armed conflict or unrest (several conflict words, or an armed
        side such as "Russian forces"), not only words used as metaphors ("price war").
    article_lemmas : frozenset of str
        Lemmas of the whole article.
    place_tokens : set of int
        Token indices (in the doc) of place mentions in this sentence.
    quantity_units : dict
        Token index -> unit of a quantity expression covering it.
    """

    violent: bool = False
    prev_violent: bool = False
    violent_idx: set[int] = field(default_factory=set)
    article_violent: bool = False
    article_conflict: bool = True
    article_lemmas: frozenset[str] = frozenset()
    place_levels: dict[int, int] = field(default_factory=dict)
    place_tokens: set[int] = field(default_factory=set)
    quantity_units: dict[int, str] = field(default_factory=dict)


def _attempted_assault(tok: Token, ctx: SentenceContext) -> Trigger | None:
    """Return a clash for an armed side's attempt to advance ("the enemy tried to break through").

    Front-line bulletins report failed pushes this way; the attempt itself (not the
    advance) is the claim, typed ``clash``.
    """
    if lem(tok) not in ATTEMPT_VERBS or _has_neg(tok):
        return None
    subj = subject(tok)
    if not is_armed(subj, ctx) or (subj is not None and subj.pos_ == "PRON"):
        return None
    for x in children(tok, "xcomp"):
        lx = lem(x)
        if VERB_TRIGGERS.get(lx) not in ("advance", "clash", "control") or lx in (
                "hold", "keep", "gain", "withdraw", "retreat", "pull", "hand", "cede",
                "abandon", "lose", "fall", "move", "walk"):
            continue
        if lx == "break" and "through" not in {c.lower_ for c in x.children}:
            continue
        if not has_place(x, ctx):
            continue
        if not asserted(tok, tok):
            return None
        return Trigger(x, x, "clash", f"{tok.text} to {x.text}", subj)
    return None


def find_triggers(sent: Span, ctx: SentenceContext) -> list[Trigger]:
    """Return the asserted claim triggers of a sentence.

    Parameters
    ----------
    sent : spacy.tokens.Span
        A parsed sentence.
    ctx : SentenceContext
        Places, quantities and violence context of the sentence.

    Returns
    -------
    list of Trigger
        In sentence order; one sentence may give several.
    """
    root_subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(lem(c) in FICTION for c in root_subjects):
        return []  # "The film follows soldiers who capture a village": fiction
    ctx.__dict__["sent_lemmas"] = {lem(t) for t in sent}
    ctx.__dict__["sent_nouns"] = {lem(t) for t in sent if t.pos_ in ("NOUN", "PROPN")}
    out: list[Trigger] = []
    for tok in sent:
        lemma = lem(tok)
        if tok.tag_ == "VBG" and tok.lower_ in NOUN_TRIGGERS and (
                tok.dep_ in ("nsubj", "nsubjpass") or (tok.dep_ in ("pcomp", "pobj") and any(
                    c.dep_ == "acl" and lem(c) in REPORT_VERBS for c in tok.children))):
            lemma = tok.lower_  # "Fighting continued near the airport"
            anchor = _noun_licensed(tok)
            ctype = _noun_type(tok, lemma, ctx) if anchor is not None else None
            if ctype is not None and asserted(tok, anchor):
                out.append(Trigger(tok, anchor, ctype, tok.text, _noun_actor(tok, anchor)))
            continue
        if lemma == "take" and any(p.lower_ == "to" and any(lem(o) == "street" for o in
                                                            children(p, "pobj"))
                                   for p in children(tok, "prep")):
            subj = subject(tok)  # "thousands took to the streets"
            if subj is not None and not is_armed(subj, ctx) and asserted(tok, tok):
                out.append(Trigger(tok, tok, "unrest", "took to the streets", None))
            continue
        if tok.pos_ in ("VERB", "AUX") and lemma in ATTEMPT_VERBS:
            att = _attempted_assault(tok, ctx)
            if att is not None:
                out.append(att)
                continue
        if tok.lower_ in ("closed", "shut") and tok.dep_ in ("acomp", "oprd") and \
                lem(tok.head) in ("be", "remain", "stay", "keep"):
            # "schools in Jenin remained closed", "the crossing stays shut"
            held = children(tok.head, "nsubj", "nsubjpass") or children(tok.head, "dobj")
            if held and head_noun_set(held + [c for h in held for c in children(h, "conj")]) \
                    & CLOSABLE and ctx.article_conflict and \
                    not ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS and \
                    asserted(tok, tok.head):
                out.append(Trigger(tok, tok.head, "restriction", tok.text, None))
            continue
        if tok.lower_ in ("dead", "injured", "wounded") and tok.dep_ in ("attr", "acomp", "conj") \
                and _there_are(tok):
            # "there are at least three dead and seven injured when a bomb explodes"
            if ctx.violent and any(c.pos_ == "NUM" or c.dep_ == "nummod" for c in tok.subtree) \
                    and not ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS \
                    and asserted(tok, tok.head):
                out.append(Trigger(tok, tok.head, "casualties", tok.text, None))
            continue
        if tok.pos_ == "ADJ" and tok.lower_ in ("dead", "injured", "wounded") and \
                tok.dep_ == "acomp" and lem(tok.head) == "be":
            who = children(tok.head, "nsubj")
            if who and is_people(who, ctx) and ctx.violent and \
                    not ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS and \
                    asserted(tok, tok.head):
                out.append(Trigger(tok, tok.head, "casualties", tok.text, None))
            continue
        if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and lemma not in ("be", "have", "do")) \
                or _misparsed_verb(tok, lemma):
            if lemma not in VERB_TRIGGERS:
                continue
            if tok.dep_ in ("amod", "compound") and (tok.tag_ != "VBG" or tok.dep_ == "amod") \
                    and not (
                    tok.dep_ == "amod" and tok.tag_ in ("VBD", "VBN") and tok.i > tok.sent.start
                    and tok.doc[tok.i - 1].lower_ in ("and", "had", "have", "has", ",")):
                continue  # "the occupied city" (but "... and repelled assaults": a verb)
            ctype, actor = _type_of_verb(tok, lemma, ctx)
            if ctype is None:
                continue
            denier = None if asserted(tok, tok) else _denied(tok, tok, ctype)
            if denier is None and not asserted(tok, tok):
                continue
            out.append(Trigger(tok, tok, ctype, _multiword_text(tok), actor,
                               {"denied_by": denier} if denier is not None else {}))
        elif tok.pos_ in ("NOUN", "PROPN") and (lemma in NOUN_TRIGGERS or
                                                 tok.lower_ in NOUN_TRIGGERS):
            key = lemma if lemma in NOUN_TRIGGERS else tok.lower_
            if key == "control":
                anchor = _control_anchor(tok)
                if anchor is not None and not _control_is_territorial(tok, anchor, ctx):
                    continue
            elif key in EMERGENCY_STATES and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
                    and lem(tok.head.head) == "state":
                anchor = _noun_licensed(tok.head.head)  # "declared a state of emergency"
            else:
                anchor = _noun_licensed(tok)
            if anchor is None:
                continue
            ctype = _noun_type(tok, key, ctx)
            if ctype is None:
                continue
            # "imposed emergency rule": the measure's head noun carries the assertion
            held = tok.head if ctype == "emergency" and tok.dep_ == "compound" else tok
            if lem(anchor) in DENIAL_VERBS:  # "denies the fall of the city": the denial
                denier = anchor if ctype in DENIABLE_TYPES and asserted(anchor, anchor) \
                    else None
                if denier is None:
                    continue
            else:
                denier = None if asserted(held, anchor) else _denied(held, anchor, ctype)
            if denier is None and not asserted(held, anchor):
                continue
            actor = _noun_actor(tok, anchor)
            out.append(Trigger(tok, anchor, ctype, _multiword_text(tok), actor,
                               {"denied_by": denier} if denier is not None else {}))
    return [t for t in out if literal_conflict(t, sent, ctx) and
            not non_conflict_sense(t, sent, ctx)]


#: Claim types kept when their claimant denies them (claims that disputes weigh against
#: the claims they deny, geo.disputes).
DENIABLE_TYPES = ("control", "advance", "repelled", "strike")


def _denied(tok: Token, anchor: Token, ctype: str) -> Token | None:
    """Return the verb denying a claim of a type that can be denied, or None."""
    return denial(tok, anchor) if ctype in DENIABLE_TYPES else None


def learned_triggers(sent: Span, ctx: SentenceContext, model) -> list[Trigger]:
    """Triggers from the sentence classifier, for a sentence the rules gave none.

    Each type the model gives (:meth:`geo.extract.sentence_model.SentenceTypes.types`)
    becomes a trigger anchored at the sentence's root, so the clause's places, figures
    and date are the claim's; the same assertion and literal-sense checks as the rules'
    apply ("plans to capture" stays no claim).
    """
    root = sent.root
    if not asserted(root, root):
        return []
    out = [Trigger(root, root, t, root.text, None, {"learned": True})
           for t in model.types(sent)]
    return [t for t in out if literal_conflict(t, sent, ctx) and
            not non_conflict_sense(t, sent, ctx)]


def _past(lemma: str) -> str:
    """Past tense of a trigger verb ("bombard" -> "bombarded", "overrun" -> "overran")."""
    if lemma in IRREGULAR_PAST:
        return IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _headline_verb(sent: Span) -> Token | None:
    """Return the trigger verb a headline-style present tense hides from the parser.

    "Russian gunships bombard Hostomel Airport" and "Militants ... attack military bases"
    come out of the small model with no verb: the trigger is read as a noun or a name
    inside one long noun phrase. The candidate is a present-tense form of a trigger verb
    ("attack", "fire", "bombards") after the first word, tagged a noun, name or
    adjective, right after a noun or name (its subject's head) and before a word that
    can open its object.
    """
    if sent.root.pos_ in ("VERB", "AUX") or len(sent) < 4:
        return None
    for tok in sent:
        if tok.i <= sent.start or tok.i + 1 >= sent.end or \
                tok.pos_ not in ("NOUN", "PROPN", "ADJ") or tok.text[:1].isupper():
            continue
        low = tok.lower_
        lemma = low if low in VERB_TRIGGERS else (
            low[:-1] if low.endswith("s") and low[:-1] in VERB_TRIGGERS else None)
        if lemma is None or lemma in ("fall", "control", "target", "down", "shell"):
            continue  # nouns first of all ("the fall of", "under control", "shell casings")
        prev, nxt = tok.doc[tok.i - 1], tok.doc[tok.i + 1]
        if prev.pos_ not in ("NOUN", "PROPN") or prev.tag_ not in ("NNS", "NNP", "NNPS"):
            continue
        if nxt.pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "NUM", "ADP", "PRON") and \
                nxt.lower_ not in ("fire",):
            continue
        return tok
    return None


def reread_headline(sent: Span, ctx: SentenceContext, nlp) -> list[Trigger]:
    """Triggers of a headline-style sentence re-read with its verb in the past tense.

    The sentence is parsed again with the hidden verb (:func:`_headline_verb`) put in
    the past ("bombard" -> "bombarded", one word for one word, so token positions
    stay); the rules run on that parse, and each trigger found is mapped back to the
    original sentence (the trigger word, the actor) and anchored at its root, so the
    claim's sentence is the text as written.
    """
    verb = _headline_verb(sent)
    if verb is None:
        return []
    low = verb.lower_
    lemma = low if low in VERB_TRIGGERS else low[:-1]
    words = [t.text for t in sent]
    k = verb.i - sent.start
    words[k] = _past(lemma)
    from spacy.tokens import Doc

    doc2 = Doc(nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent])
    for _, proc in nlp.pipeline:
        doc2 = proc(doc2)
    off = sent.start
    ctx2 = SentenceContext(
        violent=ctx.violent, prev_violent=ctx.prev_violent,
        violent_idx={i - off for i in ctx.violent_idx},
        article_violent=ctx.article_violent, article_conflict=ctx.article_conflict,
        article_lemmas=ctx.article_lemmas,
        place_levels={i - off: v for i, v in ctx.place_levels.items()},
        place_tokens={i - off for i in ctx.place_tokens},
        quantity_units={i - off: u for i, u in ctx.quantity_units.items()})
    ctx2.violent_idx |= {t.i for t in doc2 if t.i == k and lemma in _VIOLENT_VERBS}
    out = []
    for s2 in doc2.sents:
        for t in find_triggers(s2, ctx2):
            tok = sent.doc[off + t.tok.i]
            actor = sent.doc[off + t.actor_tok.i] if t.actor_tok is not None else None
            out.append(Trigger(tok, sent.root, t.claim_type, tok.text, actor,
                               {"reread": True}))
    return out


#: trigger verbs that are themselves words of violence once read as verbs
_VIOLENT_VERBS = {"attack", "bombard", "shell", "bomb", "raid", "ambush", "storm", "kill",
                  "fire", "strike", "overrun"}


def _misparsed_verb(tok: Token, lemma: str) -> bool:
    """Whether a verb of a present-tense summary was tagged a noun ("Rebels capture the base").

    The small model tags headline-style present tense as nouns; a "noun" that governs a
    direct object, or heads the sentence with a subject, is a verb.
    """
    if tok.pos_ != "NOUN" or lemma not in VERB_TRIGGERS or tok.tag_ not in ("NN", "NNS", "VBP"):
        return False
    if tok.dep_ not in ("ROOT", "conj", "ccomp", "xcomp"):
        return False  # a relative or adverbial clause is background more often than not
    deps = {c.dep_ for c in tok.children}
    return "dobj" in deps or (tok.dep_ == "ROOT" and "nsubj" in deps)


def _there_are(tok: Token) -> bool:
    """Whether ``tok`` is what "there are" introduces ("there are three dead")."""
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    be = head.head
    return lem(be) == "be" and any(c.dep_ == "expl" for c in be.children)
