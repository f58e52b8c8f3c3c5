"""Claimants named in the sentence after the claim: accusations, responsibility, denials.

News items often state an event, then say in the next sentence who speaks about it:

- "... is assassinated in a car bombing ... Russia accuses Ukraine of being behind the
  attack." / "A drone strike kills four people ... State media accuses the PDF of carrying
  out the attack.": the accuser is the claimant of the event's claims, and the accused the
  side that acted, where the event sentence named neither;
- "Three people are killed in a drone attack ... The Houthis claim responsibility.": the
  group is the claimant, and the side that acted;
- "X claims to have captured Lashio ... The junta denies the claims.": the denier makes
  the same claims with stance ``denied`` (a counter-claim disputes can weigh).

Only the sentence right after, in the same paragraph, and only when it refers back to the
event ("the attack", "the claims", "responsibility") and yields no claim of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from geo.claimants.attribution import ACCUSING_VERBS, DENIAL_VERBS, NameIndex, noun_phrase_name
from geo.extract.actors import normalise_actor
from geo.schema import claim_id_of

#: nouns by which a sentence refers back to the event the sentence before stated
EVENT_NOUNS = frozenset({
    "attack", "attacks", "strike", "strikes", "bombing", "bombings", "killing", "killings",
    "assassination", "incident", "explosion", "blast", "raid", "shelling", "massacre",
    "ambush", "kidnapping", "abduction", "operation", "assault"})
#: nouns by which a denial refers back to what the sentence before said
CLAIM_NOUNS = frozenset({
    "claim", "claims", "report", "reports", "accusation", "accusations", "allegation",
    "allegations", "involvement", "responsibility", "it", "this", "that"})


def _refers_back(tokens: Sequence[Token], nouns: frozenset[str]) -> bool:
    """Whether tokens hold a definite reference back ("the attack", "these claims", "it")."""
    for t in tokens:
        low = t.lower_
        if low in ("it", "this", "that") and t.dep_ in ("dobj", "pobj") and low in nouns:
            return True
        if low in nouns and any(c.dep_ == "det" and c.lower_ in ("the", "this", "these",
                                                                  "that", "those")
                                for c in t.children):
            return True
    return False


def follow_up(sent: Span, names: NameIndex | None = None) -> tuple[str, str, str | None] | None:
    """Return (how, claimant, accused) when a sentence speaks about the one before.

    ``how`` is ``"accuse"`` (accuse / blame ... of / for the attack), ``"responsibility"``
    (claims responsibility) or ``"deny"`` (denies the claims); ``accused`` is the side
    an accusation names, as written.
    """
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("ROOT", "conj"):
            continue
        lemma = verb.lemma_.lower()
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.lower_ in ("which", "who", "that"):
            continue
        name = noun_phrase_name(subj, names)
        if not name:
            continue
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if lemma in ACCUSING_VERBS:
            preps = [t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                     for t in c.subtree]
            if _refers_back(preps, EVENT_NOUNS):
                accused = " ".join(t.text for t in objs[0].subtree) if objs else None
                return "accuse", name, accused
        elif lemma == "claim" and any(o.lower_ == "responsibility" for o in objs):
            return "responsibility", name, None
        elif lemma in DENIAL_VERBS and (not objs or _refers_back(
                [t for o in objs for t in o.subtree], CLAIM_NOUNS)):
            return "deny", name, None
    m = _RESPONSIBILITY.match(sent.text.strip())
    if m:  # the parser often reads "claims responsibility" as one noun phrase
        return "responsibility", m.group("who"), None
    return None


#: "The Houthis claim responsibility", "Al-Shabaab has claimed responsibility for ..."
_RESPONSIBILITY = re.compile(
    r"(?:The )?(?P<who>[A-Z][\w'’.-]*(?: (?:of |the |al-|wal )*[A-Z][\w'’.-]*){0,6}) "
    r"(?:has |have |later )?claim(?:s|ed)? responsibility\b")


def follow_up_claims(rows: list[dict], sents: Sequence[tuple[int, Span]],
                     names: NameIndex | None = None) -> list[dict]:
    """Return ``rows`` with the claimants the sentences after their claims name.

    Parameters
    ----------
    rows : list of dict
        Claim rows of one article (``sentence_index``, ``claimant``, ``actor``...).
    sents : sequence of (int, Span)
        The article's sentences with the offset of the paragraph each stands in.
    names : NameIndex, optional
        Person names of the article, for bare surnames.

    Returns
    -------
    list of dict
        The rows, changed in place where an accusation or a claim of responsibility names
        their claimant, plus a denied copy of each claim a denial answers.
    """
    if not rows:
        return rows
    by_sentence: dict[int, list[dict]] = {}
    for r in rows:
        by_sentence.setdefault(int(r["sentence_index"]), []).append(r)
    extra: list[dict] = []
    for si, mine in sorted(by_sentence.items()):
        nxt = si + 1
        if nxt >= len(sents) or sents[nxt][0] != sents[si][0]:
            continue
        found = follow_up(sents[nxt][1], names)
        if found is None:
            continue
        how, claimant, accused = found
        if how == "deny":
            if nxt in by_sentence:
                continue  # the denial makes claims of its own
            for r in mine:
                if r.get("claimant") and r.get("stance") != "denied" and \
                        r["claimant"] != claimant:
                    copy = dict(r, claimant=claimant, stance="denied", sentence_index=nxt,
                                sentence=sents[nxt][1].text.strip())
                    copy["claim_id"] = claim_id_of(copy)
                    extra.append(copy)
            continue
        actor = normalise_actor(accused if how == "accuse" else claimant)
        for r in mine:
            if r.get("claimant") or (r.get("actor") and actor and r["actor"] != actor):
                continue  # "... after Israel intercepts a missile. The Houthis claim
                # responsibility": not for what another side did
            r["claimant"] = claimant
            r["actor"] = r.get("actor") or actor
            r["claim_id"] = claim_id_of(r)
    return rows + extra
