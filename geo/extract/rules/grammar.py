"""The grammar the claim rules read.

Lemmas, subjects, objects, clause domains, and whether a trigger is asserted (not
negated, not modal, not background).
"""

from __future__ import annotations

from spacy.tokens import Token

from geo.claimants.attribution import DENIAL_VERBS
from geo.extract.lexicon import (
    ARMED_NOUNS,
    BACKGROUND_MARKS,
    BACKGROUND_PREPS,
    BLOCKERS,
    HARD_BACKGROUND_PREPS,
    LEGAL_CHARGE_VERBS,
    MODAL_AUX,
    SPEECH_VERBS,
    SUPERLATIVE_WORDS,
    VERB_TRIGGERS,
)
from geo.extract.rules.words import CIVIL_CROWD

CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "parataxis", "csubj", "csubjpass"}


# lemmatizer slips of the small model seen on news text
LEMMA_FIXES = {"rag": "rage", "outgunne": "outgun", "airstrikes": "airstrike", "retook": "retake"}


def is_crowd(tok: Token) -> bool:
    """Whether a subject is a civilian crowd ("protesters", "counter-protesters", "fans")."""
    lemma = lem(tok)
    return lemma in CIVIL_CROWD or lemma.endswith(("protester", "protestor", "demonstrator",
                                                   "rioter", "activist", "supporter"))


def lem(tok: Token) -> str:
    """Lower-case lemma (plural nouns spaCy leaves alone are singularised crudely)."""
    lemma = tok.lemma_.lower()
    lemma = LEMMA_FIXES.get(lemma, lemma)
    if tok.tag_ in ("NNS", "NNPS") and lemma == tok.lower_ and lemma.endswith("s") and \
            not lemma.endswith(("ss", "us", "is")):
        lemma = lemma[:-1]
    return lemma


def children(tok: Token, *deps: str) -> list[Token]:
    """Children of ``tok`` with one of ``deps``."""
    return [c for c in tok.children if c.dep_ in deps]


def subject(tok: Token) -> Token | None:
    """Return the active subject of a verb (inherited through conj and xcomp)."""
    cur, steps = tok, 0
    while steps < 6:
        steps += 1
        subs = children(cur, "nsubj", "csubj")
        if subs:
            # the parser may hang several pieces on the verb ("counter - protesters")
            s = min(subs, key=lambda c: (lem(c) not in ARMED_NOUNS and not is_crowd(c),
                                         c.pos_ not in ("NOUN", "PROPN", "PRON"),
                                         abs(c.i - cur.i)))
            if s.lower_ in ("who", "which", "that") and cur.dep_ == "relcl":
                return cur.head
            return s
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN"):
            return cur.head  # "footage showed Russian tanks advancing toward Vuhledar"
        if cur.dep_ == "xcomp" and children(cur.head, "nsubjpass"):
            return children(cur.head, "nsubjpass")[0]  # "troops were forced to withdraw"
        if cur.dep_ in ("conj", "xcomp", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "relcl" and not children(cur, "nsubjpass"):
            return cur.head
        return None
    return None


def passive_subject(tok: Token) -> Token | None:
    """Return the passive subject (the patient) of a verb."""
    subs = children(tok, "nsubjpass")
    if subs:
        return subs[0]
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX") and \
            any(c.dep_ == "auxpass" for c in tok.children):
        subs = children(tok.head, "nsubjpass")
        return subs[0] if subs else None
    return None


def agent(tok: Token) -> Token | None:
    """Return the agent of a passive verb ("by Russian forces")."""
    for c in children(tok, "agent", "prep"):
        if c.lower_ == "by":
            objs = children(c, "pobj")
            if objs:
                return objs[0]
    return None


def objects(tok: Token) -> list[Token]:
    """Direct objects and their conjuncts, plus prepositional objects of "into", "on"."""
    out = children(tok, "dobj", "attr", "oprd")
    if tok.dep_ == "amod" and tok.pos_ == "VERB" and tok.head.i > tok.i:
        out = [tok.head]  # "and repelled assaults" parsed as an adjective
    for c in children(tok, "prt"):
        out.extend(children(c, "dobj", "pobj"))
    more = []
    for o in out:
        more.extend(children(o, "conj"))
    return out + more


def pobjs(tok: Token, *preps: str) -> list[Token]:
    """Objects of the verb's prepositions (optionally only of ``preps``)."""
    out = []
    for p in children(tok, "prep", "agent", "dative"):
        if preps and p.lower_ not in preps:
            continue
        for o in children(p, "pobj", "pcomp"):
            out.append(o)
            out.extend(children(o, "conj"))
        # "on to": "hold on to X"
        for pp in children(p, "prep"):
            out.extend(children(pp, "pobj"))
    return out


def head_noun_set(toks: list[Token]) -> set[str]:
    """Lemmas of tokens plus the lemmas of "of" complements ("dozens of settlements")."""
    out = set()
    for t in toks:
        out.add(lem(t))
        for p in children(t, "prep"):
            if p.lower_ == "of":
                for o in children(p, "pobj"):
                    out.add(lem(o))
        for c in children(t, "compound", "amod", "nmod", "appos"):
            out.add(lem(c))
    return out


def domain(anchor: Token, keep: Token | None = None) -> list[Token]:
    """Tokens of the clause headed by ``anchor`` without embedded clauses and conjoined verbs.

    Parameters
    ----------
    anchor : spacy.tokens.Token
        Clause head.
    keep : Token, optional
        A token whose own embedded clause is kept (the trigger).

    Returns
    -------
    list of Token
        In document order.
    """
    out = []
    stack = [anchor]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in CLAUSE_DEPS or (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")):
                if keep is None or not (c.left_edge.i <= keep.i <= c.right_edge.i):
                    continue
            stack.append(c)
    out.sort(key=lambda t: t.i)
    return out


def _has_neg(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    for c in tok.children:
        # "no one was injured", "nobody was killed", "none were hurt"
        if c.dep_ in ("nsubj", "nsubjpass") and (
                c.lower_ in ("nobody", "none", "nothing", "noone") or
                any(d.lower_ == "no" for d in c.children if d.dep_ == "det")):
            return True
    return any(c.dep_ == "det" and c.lower_ in ("no",) for c in tok.children)


_COMPARISON_FRAME = {"since", "ever", "history", "record", "year", "decade", "war",
                     "conflict", "month", "week", "time", "memory", "generation", "century"}


def _compared(noun: Token) -> bool:
    """Whether a superlative noun phrase ranks against the past or is a copula's predicate.

    "the deadliest attack since 2014", "the largest protest in the country's history",
    "it was the heaviest shelling" compare or evaluate; "the heaviest fighting was near
    Pokrovsk" reports where the fighting is.
    """
    if noun.dep_ in ("attr", "acomp"):
        return True
    return any(lem(t) in _COMPARISON_FRAME or t.lower_ in _COMPARISON_FRAME
               for t in noun.subtree if t.i > noun.i)


def asserted(trig: Token, anchor: Token, also_speech: frozenset[str] = frozenset()) -> bool:
    """Whether a trigger is asserted as fact (not negated, modal, intended or background).

    Parameters
    ----------
    trig : spacy.tokens.Token
        The trigger word.
    anchor : spacy.tokens.Token
        Its clause head.
    also_speech : frozenset of str, optional
        Lemmas read as speech verbs rather than blockers (:func:`denial` passes "deny").

    Returns
    -------
    bool
        False for "would not hold on to", "plans to capture", "if Moscow agreed",
        "since launching its invasion", "the biggest attack since World War II".
    """
    sent = trig.sent
    if sent.text.rstrip().endswith("?"):
        return False
    cur = trig
    steps = 0
    first = True
    via = ""
    past_speech = False
    crossed = False
    allowed_prep = -1
    while steps < 30:
        steps += 1
        if _has_neg(cur) and via != "conj":
            return False
        for c in cur.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_AUX and not past_speech \
                    and via != "conj":
                return False
            if c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS and not past_speech:
                return False
            if c.dep_ == "amod" and c.lower_ in SUPERLATIVE_WORDS and cur.pos_ == "NOUN" and \
                    (c.tag_ != "JJS" or _compared(cur)):
                return False
            if c.dep_ == "amod" and c.tag_ == "JJS" and cur.pos_ == "NOUN" and \
                    _compared(cur):
                return False  # "the deadliest attack since 2014", "the heaviest in years"
        if not first and cur.i != anchor.i and lem(cur) in BLOCKERS and via != "conj" and \
                not past_speech and lem(cur) not in also_speech:
            return False
        if cur.dep_ == "pcomp" and cur.i == trig.i and cur.head.lower_ in ("after", "before") \
                and not any(lem(c) in ("year", "month", "decade")
                            for c in list(cur.head.children) + list(cur.head.head.children)):
            allowed_prep = cur.head.i  # "a day after seizing the airport": recent news
        if cur.dep_ == "pobj" and cur.i == trig.i and cur.head.lower_ == "after" and \
                cur.head.head.i == anchor.i and \
                VERB_TRIGGERS.get(lem(anchor)) in ("displacement", "casualties"):
            allowed_prep = cur.head.i  # "fled after heavy shelling": licensed as the cause
        if cur.dep_ in ("pobj", "pcomp") and cur.head.lower_ in BACKGROUND_PREPS and \
                (not crossed or cur.head.lower_ in HARD_BACKGROUND_PREPS) and \
                cur.head.i != allowed_prep:
            return False  # "since the invasion", "after a week of the advance"
        if (cur.dep_ in ("pobj", "pcomp") and cur.head.lower_ == "without") or \
                (cur.lower_ == "without" and cur.dep_ == "prep"):
            return False  # "without causing casualties": negated
        if cur.dep_ == "prep" and cur.lower_ in ("for", "with") and \
                lem(cur.head) in LEGAL_CHARGE_VERBS:
            return False  # "fined for hijacking a tanker": the charge, not the news
        if cur.dep_ == "prep" and cur.lower_ == "of" and lem(cur.head) == "accuse" and \
                cur.head.dep_ in ("acl", "amod") and cur.head.tag_ == "VBN":
            return False  # "Brenton Tarrant, accused of killing 51 people, is charged ..."
        if cur.lower_ in BACKGROUND_PREPS and cur.dep_ == "prep" and \
                (not crossed or cur.lower_ in HARD_BACKGROUND_PREPS) and cur.i != allowed_prep:
            return False
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS
                                       for c in cur.children):
            return False
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("after", "before")
                                       for c in cur.children) and \
                any(c.dep_ == "npadvmod" and lem(c) in ("year", "month", "week", "decade")
                    for c in cur.children):
            return False
        if cur.dep_ == "relcl" and (cur.head.ent_type_ == "PERSON" or (
                cur.head.dep_ == "nsubj" and lem(cur.head.head) in SPEECH_VERBS)) and \
                lem(cur) not in SPEECH_VERBS:
            return False  # "Yoon, who became the first ... to be arrested": biography
        if (lem(cur) in SPEECH_VERBS or lem(cur) in also_speech) and cur.pos_ == "VERB" and \
                not first and not past_speech:
            # the attribution: intent words above it are the speaker's, not the claim's;
            # keep walking only for structural background ("the first time it admitted")
            if _has_neg(cur):
                return False
            past_speech = True
        if cur.head.i == cur.i:
            break
        first = False
        via = cur.dep_
        if via in ("relcl", "advcl", "ccomp", "acl", "csubj"):
            crossed = True  # a clause of its own: "clashes that have killed 100 people"
        cur = cur.head
    return True


def denial(trig: Token, anchor: Token) -> Token | None:
    """Return the verb that denies a trigger, when a denial is all that keeps it from fact.

    "Russia denied striking the hospital", "Kyiv denied that Russian forces had captured
    the town": the trigger would be asserted if "denied" were "said", and the denial itself
    is asserted ("did not deny", "may deny" are not denials).

    Parameters
    ----------
    trig, anchor : spacy.tokens.Token
        The trigger word and its clause head (as for :func:`asserted`).

    Returns
    -------
    spacy.tokens.Token or None
        The denial verb, or None when the trigger is asserted or not asserted for another
        reason.
    """
    cur, steps = trig, 0
    while cur.head.i != cur.i and steps < 30:
        steps += 1
        cur = cur.head
        if lem(cur) in DENIAL_VERBS and cur.pos_ == "VERB":
            break
    else:
        return None
    if lem(cur) not in DENIAL_VERBS or asserted(trig, anchor):
        return None
    if not asserted(trig, anchor, DENIAL_VERBS) or not asserted(cur, cur):
        return None
    return cur
