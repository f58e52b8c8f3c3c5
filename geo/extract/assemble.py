"""How a trigger becomes claim rows.

Its date, figures and actor; one row per place and unit; the coarser or duplicate rows
of a sentence dropped.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from geo.claimants.attribution import claimant_for
from geo.dates import DateMention, parse_published
from geo.extract.actors import generic_actor, normalise_actor
from geo.extract.lexicon import ARMED_NOUNS
from geo.extract.rules.grammar import domain, lem
from geo.extract.segments import _Article, _quote_balance
from geo.extract.triggers import Trigger
from geo.quantities import Quantity, parse_number
from geo.schema import claim_id_of

#: Version of the rules; stored in every claim row.
EXTRACTOR_VERSION = "h2-rules-1.6"


_UNITS_FOR = {
    "control": ("km2", "settlements"),
    "advance": ("km", "km2"),
    "casualties": ("people",),
    "displacement": ("people",),
    "detention": ("people",),
    "unrest": ("people",),
}


_ONGOING_FIGHT_RE = re.compile(r"(?:\w+\s+)?(?:fighting|clash|clashes|battle|battles|"
                               r"firefight|gunfight|combat)$", re.IGNORECASE)


def _conj_head_domain(anchor: Token) -> set[int]:
    """Token ids of the clause of the first verb a conjoined verb shares its setting with."""
    head = anchor
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return {t.i for t in domain(head)}


def _path_up(tok: Token, stop: Token) -> list[Token]:
    """Tokens from ``tok`` up to (not including) ``stop`` or the root."""
    out = []
    cur = tok
    while cur.i != stop.i and cur.head.i != cur.i and len(out) < 30:
        out.append(cur)
        cur = cur.head
    return out


def _choose_date(sent: Span, trig: Trigger, dates: list[DateMention], sent_start: int
                 ) -> DateMention | None:
    if not dates:
        return None
    dom = {t.i for t in domain(trig.anchor, keep=trig.tok)}
    speech = None
    _, speech = claimant_for(trig.tok)
    scored = []
    text = sent.text
    for d in dates:
        if d.since:
            continue
        span = sent.doc.char_span(sent_start + d.start, sent_start + d.end,
                                  alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        # dates inside background phrases ("Since launching its invasion in February 2022")
        bad = False
        for a in [root] + list(root.ancestors):
            if a.lower_ in ("since", "before", "until") and a.dep_ in ("prep", "mark"):
                bad = True
                break
            if a.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("since", "until",
                                                                            "before")
                                         for c in a.children):
                bad = True
                break
            if a.i == trig.anchor.i:
                break
        if bad:
            continue
        in_quote = _quote_balance(text[:d.start]) > 0
        rank = 0 if root.i in dom or (trig.anchor.dep_ == "conj" and
                                      root.i in _conj_head_domain(trig.anchor)) else 1
        if rank == 0 and any(a.dep_ in ("acl", "relcl") for a in _path_up(root, trig.anchor)):
            rank = 1  # "the second city to fall this year": the noun's clause, not the event
        if speech is not None and root.head.i == speech.i:
            rank = min(rank, 1)
        if in_quote and d.text.lower().replace("as of ", "").strip() in ("today", "tonight"):
            rank += 2
        scored.append((rank, abs(root.i - trig.tok.i), d))
    if not scored:
        return None
    scored.sort(key=lambda x: (x[0], x[1]))
    return scored[0][2]


def _claimant_party(claimant: str) -> str | None:
    """Return the side a known claimant speaks for, when it is a party.

    "Yevgeny Prigozhin says that they have captured ..." is the Wagner Group's claim of its
    own capture.
    """
    from geo import settings
    from geo.claimants.identity import default_resolver

    known = default_resolver(settings.get("user_claimants") or "").mention(claimant).claimant
    if known is None or known.side in (None, "independent") or not known.claimant_id or \
            known.kind not in ("government", "military", "armed group"):
        return None
    return known.side


def _actor_name(trig: Trigger, claimant: str | None, country: str | None = None) -> str | None:
    """Return the side that acted, normalised; a generic class for sides named by role.

    ``country`` is the country code of the claim's place: state forces named by role
    ("security forces", "the army", "police") are that country's.
    """
    tok = trig.actor_tok
    if tok is None:
        return None
    if tok.pos_ == "PRON" or tok.lower_ in ("its", "our", "their", "his", "her"):
        pron = tok
    else:
        poss = [c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PRON"]
        pron = poss[0] if poss else None
    if pron is not None:
        # "its troops" (the Russian ministry), "our troops", "it" (Ukraine said it ...)
        return (normalise_actor(claimant) or _claimant_party(claimant)) if claimant else None
    right = tok.right_edge.i
    if tok.i < trig.tok.i <= right:
        right = trig.tok.i - 1  # "British soldiers stationed in X": not the clause's place
    phrase = tok.doc[tok.left_edge.i:right + 1].text if \
        right - tok.left_edge.i < 12 else tok.text
    found = normalise_actor(phrase)
    if found is None and lem(tok) in ("troop", "force", "fighter", "soldier", "army",
                                      "unit", "military") and claimant:
        found = normalise_actor(claimant)  # "troops killed ...", the military said
    if found is None and lem(tok) in ARMED_NOUNS | {"bandit", "gang", "guerrilla"}:
        # a group the actor list does not know, named by its modifier: "Fano militiamen",
        # "JNIM fighters", "ELN guerrillas"
        names = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and
                 c.i < tok.i and c.text[:1].isupper() and
                 (c.pos_ == "PROPN" or c.dep_ == "compound") and
                 c.ent_type_ not in ("GPE", "LOC", "DATE") and
                 lem(c) not in ARMED_NOUNS | _GENERIC_SIDE_WORDS]
        if names:
            first = min(c.left_edge.i for c in names)
            return tok.doc[first:max(c.i for c in names) + 1].text
    if found is None:
        mods = {lem(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
        # "the junta's troops": the junta's side, not the troops' bare country
        head = "junta" if any(lem(c) == "junta" for c in tok.children if c.dep_ == "poss") \
            else lem(tok)
        found = generic_actor(head, mods, country)
    return found


#: modifiers that describe rather than name a side ("Rebel fighters", "Security forces")
_GENERIC_SIDE_WORDS = {"rebel", "government", "security", "opposition", "pro-government",
                       "police", "border", "special", "elite", "islamist", "jihadist",
                       "militia", "tribal", "local", "village", "army", "armed", "federal",
                       "state", "regime", "coalition", "allied", "enemy", "foreign", "ethnic",
                       "separatist", "insurgent", "gang", "criminal", "unidentified", "masked",
                       "suspected", "paramilitary", "resistance", "defence", "defense"}


def _row_contains(big: dict, small: dict) -> bool:
    if big is small or big["country_code"] != small["country_code"]:
        return False
    order = {"settlement": 1, "other": 2, "admin1": 3, "country": 4}
    lb, ls = order.get(big["feature_class"], 2), order.get(small["feature_class"], 2)
    if lb == 4 and ls < 4:
        return True
    return lb == 3 and ls < 3 and bool(big["admin1"]) and big["admin1"] == small["admin1"]


def _listed_example(row: dict) -> bool:
    """Whether a claim's place is named after "including" in its sentence."""
    sentence, loc = row["sentence"].lower(), (row["location_text"] or "").lower()
    k = sentence.find("including")
    return k >= 0 and loc and sentence.find(loc, k) > k


def _drop_coarser(rows: list[dict], si: int) -> None:
    """Drop a sentence's claim whose place contains another claim's place of the same type."""
    here = [k for k in range(len(rows) - 1, -1, -1) if rows[k]["sentence_index"] == si]
    if len(here) < 2:
        return
    drop = set()
    for a in here:
        for b in here:
            if a != b and rows[a]["claim_type"] == rows[b]["claim_type"] and \
                    rows[a]["unit"] == rows[b]["unit"] and _row_contains(rows[a], rows[b]) and \
                    not _listed_example(rows[b]):
                drop.add(a)
            # a figure-less duplicate of a claim with a figure ("death toll ... rose to 50")
            if a != b and rows[a]["claim_type"] == rows[b]["claim_type"] and \
                    rows[a]["place_id"] == rows[b]["place_id"] and rows[a]["unit"] is None \
                    and rows[b]["unit"] is not None:
                drop.add(a)
            # a fight among protesters is unrest, not a second (armed) clash claim
            if a != b and rows[a]["claim_type"] == "clash" and \
                    rows[b]["claim_type"] == "unrest" and \
                    rows[a]["place_id"] == rows[b]["place_id"]:
                drop.add(a)
            # an attack said to be repelled is one claim, not a clash and a repulse (but
            # "repelled 11 assaults, and fighting continues" reports both)
            if a != b and rows[a]["claim_type"] == "clash" and \
                    rows[b]["claim_type"] == "repelled" and \
                    rows[a]["place_id"] == rows[b]["place_id"] and \
                    not _ONGOING_FIGHT_RE.match(rows[a]["trigger"] or ""):
                drop.add(a)
    for k in sorted(drop, reverse=True):
        del rows[k]


def _first_claimant(rows: list[dict], si: int) -> str | None:
    for r in reversed(rows):
        if r["sentence_index"] == si and r["claimant"]:
            return r["claimant"]
    return None


def _total_clause(trig: Trigger) -> set[int]:
    """Tokens of ", bringing the total to 100 settlements" attached to the claim's verb."""
    out: set[int] = set()
    for c in trig.anchor.children:
        if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and \
                any(lem(o) in ("total", "number", "tally", "count") for o in c.children):
            out.update(t.i for t in c.subtree)
    return out


def _bare_count(verb: Token) -> Quantity | None:
    """Return a number standing alone as the object of a verb ("killed 12", "arrested 45")."""
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NUM" and not list(c.children):
            value = parse_number(c.text)
            if value is not None and not (1900 <= value <= 2100 and c.text.isdigit()):
                start = c.idx - c.sent.start_char
                return Quantity(start, start + len(c.text), value, None, "people", None, False,
                                c.text)
    return None


def _figures(trig: Trigger, qtoks: list[tuple[Quantity, list[int]]], dom: set[int]
             ) -> list[Quantity | None]:
    units = _UNITS_FOR.get(trig.claim_type, ())
    best: dict[str, tuple[int, Quantity]] = {}
    for q, ids in qtoks:
        if q.descriptive or q.unit not in units:
            continue
        if not any(i in dom for i in ids):
            continue
        d = min(abs(i - trig.tok.i) for i in ids)
        if q.unit not in best or d < best[q.unit][0]:
            best[q.unit] = (d, q)
    if not best and "people" in units and trig.tok.pos_ == "NOUN" and lem(trig.tok) == "toll":
        # "the death toll rose to 50"
        for p in trig.anchor.children:
            if p.dep_ == "prep" and p.lower_ in ("to", "at"):
                for o in p.children:
                    value = parse_number(o.text) if o.pos_ == "NUM" else None
                    if value is not None:
                        start = o.idx - o.sent.start_char
                        return [Quantity(start, start + len(o.text), value, None, "people",
                                         None, False, o.text)]
    if not best and "people" in units and trig.tok.pos_ == "VERB":
        bare = _bare_count(trig.tok)
        if bare is not None:
            return [bare]  # "killed 12 and wounded 30", "arrested 45"
    if not best:
        return [None]
    if trig.claim_type == "advance" and "km" in best and "km2" in best:
        best.pop("km2")
    return [q for _, q in sorted(best.values(), key=lambda x: x[1].start)]


def _row(art: _Article, si: int, sent: Span, trig: Trigger, place: Any, loc_text: str,
         q: Quantity | None, event_date: str | None, precision: str, claimant: str | None,
         actor: str | None) -> dict:
    sentence = sent.text.strip()
    quantity = q.quantity if q is not None else None
    row = {
        "article_id": art.id,
        "published": parse_published(art.published).isoformat()
        if parse_published(art.published) else None,
        "event_date": event_date,
        "date_precision": precision,
        "claim_type": trig.claim_type,
        "actor": actor,
        "claimant": claimant,
        "quantity": quantity,
        "quantity_max": q.quantity_max if q is not None else None,
        "unit": q.unit if q is not None and q.quantity is not None else None,
        "qualifier": q.qualifier if q is not None and q.quantity is not None else None,
        "location_text": loc_text,
        "place_name": getattr(place, "place_name", None),
        "place_id": getattr(place, "place_id", None),
        "feature_class": getattr(place, "feature_class", None),
        "admin1": getattr(place, "admin1", None) or None,
        "country_code": getattr(place, "country_code", None),
        "latitude": getattr(place, "latitude", None),
        "longitude": getattr(place, "longitude", None),
        "geo_precision": getattr(place, "geo_precision", None),
        "sentence": sentence,
        "source": art.meta.get("source"),
        "title": art.meta.get("title"),
        "url": art.meta.get("url"),
        "author": art.meta.get("author"),
        "trigger": trig.text,
        # the claimant asserts the claim, or denies it ("Russia denied striking ...")
        "stance": "denied" if trig.extra.get("denied_by") is not None else "asserted",
        "sentence_index": si,
        "extractor_version": EXTRACTOR_VERSION,
        "geometry": getattr(place, "geometry", None),
    }
    row["claim_id"] = claim_id_of(row)  # every field that tells two claims apart
    return row
