"""Where a claim is, step 2: how a place mention hangs from the trigger in the parse.

Small tests on the dependency tree that :func:`geo.extract.places.choose_places` combines:
distance, the governing preposition, destinations, subjects, coordination, "including"
lists, descriptive ("background") phrases.
"""

from __future__ import annotations

from spacy.tokens import Token

from geo.extract.lexicon import BACKGROUND_PREPS, SUPERLATIVE_WORDS
from geo.extract.rules.grammar import lem

_REFERENCE_PREPS = {"near", "outside", "towards", "toward", "between", "with", "from", "to",
                    "beyond", "across", "along", "off"}


#: prepositions that make a place the surroundings of a noun ("villages around Tyre")
_AROUND_PREPS = {"around", "near", "outside"}


_DESTINATION_PREPS = {"to", "towards", "toward", "into", "for"}


def _tree_distance(a: Token, b: Token) -> int:
    pa = [a] + list(a.ancestors)
    pb = [b] + list(b.ancestors)
    ib = {t.i: k for k, t in enumerate(pb)}
    for k, t in enumerate(pa):
        if t.i in ib:
            return k + ib[t.i]
    return 99


def _governing_prep(tok: Token) -> str:
    """Return the preposition a noun hangs from, through conjuncts ("towards X and Y")."""
    cur, steps = tok, 0
    while cur.dep_ in ("conj", "compound", "amod") and steps < 10:
        cur, steps = cur.head, steps + 1
    return cur.head.lower_ if cur.dep_ == "pobj" else ""


def _in_destination(tok: Token, anchor: Token) -> bool:
    """Whether ``tok`` sits inside a destination phrase of ``anchor``.

    "fled towards the border with Burundi", "fled to camps in Chad".
    """
    cur, steps = tok, 0
    while cur.i != anchor.i and cur.head.i != cur.i and steps < 12:
        if cur.dep_ == "prep" and cur.lower_ in _DESTINATION_PREPS and cur.head.i == anchor.i:
            return True
        cur, steps = cur.head, steps + 1
    return False


def _subject_tokens(anchor: Token) -> set[int]:
    """Token indices of the anchor verb's active subject phrase."""
    out: set[int] = set()
    for c in anchor.children:
        if c.dep_ in ("nsubj", "csubj"):
            out.update(t.i for t in c.subtree)
    return out


def _parallel_pp(a: Token, b: Token, anchor: Token) -> bool:
    """Whether two places hang from the same preposition repeated on one verb.

    "attacked near Lyman ... and near Kupiansk": the second "near" is parsed as a conjunct
    of the verb, not of the first "near".
    """
    if a.dep_ != "pobj" or b.dep_ != "pobj" or a.head.lower_ != b.head.lower_:
        return False
    heads = {anchor.i} | {c.i for c in anchor.children if c.dep_ == "conj"}
    pa, pb = a.head, b.head
    return pa.i != pb.i and pa.head.i in heads | {pb.i} and pb.head.i in heads | {pa.i}


def _under_including(tok: Token) -> bool:
    """Whether ``tok`` sits in an "including ..." / "such as ..." list."""
    return any(a.lower_ in ("including", "includes", "include") or
               (a.lower_ == "as" and a.i > 0 and a.doc[a.i - 1].lower_ == "such")
               for a in list(tok.ancestors)[:6])


def _argument_of(tok: Token, anchor: Token) -> int | None:
    """Index of the child of ``anchor`` whose subtree holds ``tok`` (its argument)."""
    cur, steps = tok, 0
    while cur.head.i != anchor.i and cur.head.i != cur.i and steps < 30:
        cur, steps = cur.head, steps + 1
    return cur.i if cur.head.i == anchor.i and cur.i != anchor.i else None


def _coordinated(a: Token, b: Token) -> bool:
    """Whether two tokens are conjuncts of one another (directly or through a chain)."""
    def top(t: Token) -> Token:
        steps = 0
        while t.dep_ == "conj" and t.head.i != t.i and steps < 20:
            t, steps = t.head, steps + 1
        return t

    def prep_top(t: Token) -> Token:
        # "near Lyman ... and near Kupiansk": conjoined prepositions
        if t.dep_ == "pobj" and t.head.dep_ in ("prep", "conj"):
            p, steps = t.head, 0
            while p.dep_ == "conj" and steps < 10:
                p, steps = p.head, steps + 1
            return p
        return t

    if prep_top(a).i == prep_top(b).i and a.dep_ == b.dep_ == "pobj" and a.head.i != b.head.i:
        return True

    def base(t: Token) -> Token:
        # "the town of X" / "X region": climb from the name to its noun phrase head
        steps = 0
        while t.dep_ in ("compound", "pobj", "appos", "amod", "nmod") and steps < 3:
            if t.dep_ == "pobj" and t.head.lower_ != "of" and not (
                    t.head.lower_ in _AROUND_PREPS and t.head.head.pos_ == "NOUN"):
                break  # (but "villages around Tyre" is the noun "villages")
            t = t.head if t.dep_ != "pobj" else t.head.head
            steps += 1
        return t

    return top(a).i == top(b).i or top(base(a)).i == top(base(b)).i


def _background_path(tok: Token, anchor: Token, keep: frozenset[str] = frozenset()) -> bool:
    """Whether ``tok`` sits in a descriptive phrase under ``anchor``.

    Examples: "the biggest attack on Russian soil", "since World War II". Prepositions in
    ``keep`` hanging from ``anchor`` itself are not background (the target of a strike
    "against positions in X", the cause of deaths "after an airstrike in X").
    """
    cur, steps = tok, 0
    while cur.i != anchor.i and cur.head.i != cur.i and steps < 30:
        steps += 1
        if cur.pos_ == "NOUN" and any(c.dep_ == "amod" and (c.tag_ == "JJS" or c.lower_ in
                                                            SUPERLATIVE_WORDS)
                                      for c in cur.children):
            return True
        if cur.dep_ == "prep" and cur.lower_ in BACKGROUND_PREPS and not (
                cur.lower_ in keep and cur.head.i == anchor.i):
            return True
        cur = cur.head
    return False


#: verbs whose object is what a protest is about
_PROTEST_VERBS = {"protest", "denounce", "condemn", "oppose", "decry"}
#: prepositions that give a protest's topic ("against the war", "over the killing")
_TOPIC_PREPS = {"against", "over"}


def _protest_topic(tok: Token, trig: Token) -> bool:
    """Whether ``tok`` sits in what protest trigger ``trig`` is about.

    "to protest Putin's invasion of Ukraine" (the verb's object), "protests against the
    war in Gaza", "demonstrations over the killing in X" (its "against" / "over" phrase).
    """
    cur, steps = tok, 0
    while cur.head.i != cur.i and steps < 30:
        if cur.head.i == trig.i:
            return (cur.dep_ == "dobj" and lem(trig) in _PROTEST_VERBS) or (
                cur.dep_ == "prep" and cur.lower_ in _TOPIC_PREPS)
        cur, steps = cur.head, steps + 1
    return False
