"""The claims of one parsed article, sentence by sentence.

Each sentence's places, triggers and context (violence, quotations, speakers) are
carried on to the next.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from geo.claimants.attribution import NameIndex, claimant_for, sentence_speaker
from geo.claimants.followup import follow_up_claims
from geo.dates import DateMention, find_dates, parse_published
from geo.extract.actors import normalise_actor
from geo.extract.assemble import (
    _actor_name,
    _choose_date,
    _drop_coarser,
    _figures,
    _first_claimant,
    _row,
    _total_clause,
)
from geo.extract.lexicon import (
    CONFLICT_EVIDENCE,
    CONFLICT_WORDS,
    FIGURATIVE_EVIDENCE,
    GEO_NOUNS,
    HARD_CONFLICT_WORDS,
    NON_HUMAN_ATTACKS,
    SPORT_WORDS,
    VIOLENCE_WORDS,
)
from geo.extract.places import (
    _DIRECTION_OF_RE,
    _MOTION_BEFORE_RE,
    PlaceRef,
    _anaphors,
    _background_path,
    _governing_prep,
    _level,
    _national_place,
    _role,
    _salient_settlement,
    choose_places,
    nationality_place,
    setting_preps,
)
from geo.extract.resources import Resources
from geo.extract.rules.grammar import domain, lem
from geo.extract.rules.senses import figurative_host
from geo.extract.segments import (
    _Article,
    _in_quote,
    _quote_balance,
    _quote_speaker,
    _reported,
    _same_person,
)
from geo.extract.triggers import (
    SentenceContext,
    find_triggers,
    learned_triggers,
    reread_headline,
)
from geo.quantities import Quantity, find_quantities

#: prepositions of a place that "the city" does not refer back to: an origin ("marched to
#: the capital from X") or a direction not reached ("convoys withdrawing towards Homs";
#: "advanced into X" and "marched to X" do reach it)
_NOT_SETTINGS = {"from", "towards", "toward"}

#: Sentences longer than this many tokens are parsed but give no claims (run-ons, tables).
MAX_SENT_TOKENS = 160




def _violence_word(tok) -> bool:
    """Whether a token is a word of violence ("attack"; not "shark attack", "heart attack")."""
    return lem(tok) in VIOLENCE_WORDS and not any(
        lem(c) in NON_HUMAN_ATTACKS for c in tok.children if c.dep_ in ("compound", "amod"))


def _sentence_violent(sent: Span) -> bool:
    return any(_violence_word(t) for t in sent)


#: nouns of an armed side that a nationality or a named group makes literal ("Russian
#: forces", "RSF fighters"), unlike "market forces"
_SIDE_NOUNS = {"force", "troop", "army", "military", "soldier", "fighter", "unit", "militant"}
#: modifiers that make a side noun an armed side by its role, whatever the country
#: ("government forces", "security forces", "rebel fighters"; not "market forces")
_ARMED_ROLE_MODS = {"government", "security", "rebel", "opposition", "coalition",
                    "pro-government", "paramilitary", "insurgent", "militia", "army",
                    "ground", "special", "regime", "junta", "enemy", "occupation",
                    "peacekeeping", "jihadist", "islamist", "separatist"}


def _article_conflict(docs: list[Doc], lemmas: frozenset[str]) -> bool:
    """Whether an article reports armed conflict or unrest rather than using war metaphors.

    Two different words of :data:`CONFLICT_EVIDENCE` ("troops", "shelling"), or one armed
    side named by a nationality or organisation ("Russian forces", "Israeli troops"). A
    lone "war" (a fare war) or "siege" (a football match) is not enough.
    """
    if len(lemmas & SPORT_WORDS) >= 3 and not lemmas & HARD_CONFLICT_WORDS:
        return False  # a match report: "Klopp's troops won the battle of Anfield"
    evidence = {lem(t) for d in docs for t in d if lem(t) in CONFLICT_EVIDENCE and
                not figurative_host(t)}  # not "an army of engineers"
    if len(evidence) >= 2 and evidence - FIGURATIVE_EVIDENCE:
        return True
    for d in docs:
        for t in d:
            if lem(t) in ("peacekeeper", "peacekeeping") and t.pos_ in ("NOUN", "ADJ") and \
                    not figurative_host(t):
                return True  # "the UN peacekeeping mission in Mali": an armed presence
            if lem(t) in _SIDE_NOUNS and t.tag_ in ("NNS", "NNPS", "NN") and \
                    not figurative_host(t) and any(
                    c.dep_ in ("amod", "compound", "poss", "nmod") and (
                        c.ent_type_ in ("NORP", "GPE", "ORG") or lem(c) in _ARMED_ROLE_MODS or
                        normalise_actor(c.text) is not None) for c in t.children):
                return True
            if lem(t) in ("force", "troop", "soldier", "army") and t.tag_ == "NNS" and \
                    any(c.dep_ == "poss" and c.lower_ in ("its", "their", "our")
                        for c in t.children) and \
                    not any(c.dep_ in ("compound", "amod") for c in t.children):
                return True  # "its forces", "our troops"
    return False


def _article_claims(art: _Article, docs: list[Doc], res: Resources) -> list[dict]:
    """Claims of one article from its parsed pieces."""
    pub = parse_published(art.published)
    pub_iso = pub.isoformat() if pub else None
    text = art.text
    mentions = res.matcher.find(text) if text.strip() else []
    resolved = res.geocoder.resolve_article(text, mentions) if mentions else []
    focus = res.geocoder.article_focus(text, resolved) if mentions else None
    article_violent = any(lem(t) in CONFLICT_WORDS for d in docs for t in d)
    article_lemmas = frozenset(lem(t) for d in docs for t in d)
    article_conflict = _article_conflict(docs, article_lemmas)
    names = NameIndex()
    for d in docs:
        for ent in d.ents:
            if ent.label_ == "PERSON" and len(ent) <= 5:
                names.add(ent.text)
    sents: list[tuple[int, Span, int]] = []  # (article offset of piece, sentence, piece idx)
    for (off, _), d in zip(art.pieces, docs, strict=True):
        for s in d.sents:
            sents.append((off, s, 0))
    # quote state and speakers, for quotations that run over several sentences
    balance_before = []
    bal = 0
    for _, s, _ in sents:
        balance_before.append(bal)
        bal = max(0, bal + _quote_balance(s.text))
        if "\u201c" not in s.text and "\u201d" not in s.text and '"' not in s.text and \
                s.text.strip().endswith((".", "!", "?")) and bal and not s.text.startswith(" "):
            pass
    speakers = [sentence_speaker(s, names) for _, s, _ in sents]
    rows: list[dict] = []
    prev_violent = False
    prev_date: tuple[DateMention | None, str | None] = (None, None)
    prev_places: list[tuple[Any, str]] = []
    prev_speaker: str | None = None
    history: list[tuple[int, Any]] = []
    salient = _salient_settlement(resolved, focus)
    national = _national_place(resolved, focus)
    for si, (off, sent, _) in enumerate(sents):
        violent_here = _sentence_violent(sent)
        if len(sent) > MAX_SENT_TOKENS or not sent.text.strip():
            prev_violent = violent_here
            continue
        s_start = sent.start_char
        a_start, a_end = off + s_start, off + sent.end_char
        quantities = find_quantities(sent.text)
        desc_ends = [q.end for q in quantities if q.descriptive]
        # "advanced 3 km northwest of X": the bearing locates the gain
        gain_ends = [q.end for q in quantities if q.unit == "km" and not q.descriptive]
        refs: list[PlaceRef] = []
        for m, r in zip(mentions, resolved, strict=False):
            if r is None or m.start < a_start or m.end > a_end:
                continue
            span = sent.doc.char_span(m.start - off, m.end - off, alignment_mode="expand")
            if span is None or not span.text.strip():
                continue  # e.g. a dateline blanked before parsing
            ref = PlaceRef(m.start - off, m.end - off, span.root, r, m.kind)
            ref.role = _role(ref)
            rel = m.start - a_start
            bearing = _DIRECTION_OF_RE.search(sent.text[max(0, rel - 24):rel])
            # "80km north of Tokmak" (not "40km away, and had taken Rastan": a new clause)
            ref.descriptive = any(0 <= rel - e <= 30 and not re.search(
                r"[,;]|\band\b", sent.text[e:rel]) for e in desc_ends) or (
                bearing is not None and not any(0 <= rel - e <= 30 for e in gain_ends) and
                not _MOTION_BEFORE_RE.search(
                    sent.text[max(0, rel - 24 - 40):max(0, rel - 24) + bearing.start()]))
            refs.append(ref)
        refs.extend(_anaphors(sent, refs, history, off))
        # "the city" refers back to a setting, not to an origin ("marched to the capital from
        # X") or a name used as a modifier ("the X station disaster")
        history.extend((off + r.start, r.resolved) for r in refs
                       if r.role == "place" and r.kind != "anaphor" and
                       _governing_prep(r.root) not in _NOT_SETTINGS and not (
                           r.root.dep_ == "compound" and r.root.head.pos_ == "NOUN" and
                           lem(r.root.head) not in GEO_NOUNS))
        qunits: dict[int, str] = {}
        qtoks: list[tuple[Quantity, list[int]]] = []
        for q in quantities:
            span = sent.doc.char_span(s_start + q.start, s_start + q.end,
                                      alignment_mode="expand")
            if span is None:
                continue
            ids = [t.i for t in span]
            qtoks.append((q, ids))
            if q.unit and not q.descriptive:
                for i in ids:
                    qunits[i] = q.unit
        ctx = SentenceContext(
            violent=violent_here or prev_violent,
            prev_violent=prev_violent,
            violent_idx={t.i for t in sent if _violence_word(t)},
            article_violent=article_violent,
            article_conflict=article_conflict,
            article_lemmas=article_lemmas,
            place_levels={t.i: _level(r.resolved) if r.kind not in ("capital",) else 4
                          for r in refs if r.role in ("place", "title", "actor")
                          for t in sent.doc.char_span(r.start, r.end,
                                                      alignment_mode="expand") or []},
            place_tokens={t.i for r in refs if r.role in ("place", "title", "actor")
                          for t in sent.doc.char_span(r.start, r.end,
                                                      alignment_mode="expand") or []},
            quantity_units=qunits,
        )
        prev_violent = violent_here
        here_places = [(r.resolved, r.root.doc.text[r.start:r.end]) for r in refs
                       if r.role == "place" and not r.descriptive and
                       not _background_path(r.root, sent.root, setting_preps(sent.root))]
        continues = balance_before[si] > 0 or (
            speakers[si] is not None and prev_speaker is not None and
            _same_person(speakers[si], prev_speaker))
        # a sentence that names no place continues the previous one's setting when that
        # was a settlement or region (a country is too coarse to carry over)
        inherited = prev_places if continues else sorted(
            (p for p in prev_places if _level(p[0]) <= 3), key=lambda p: _level(p[0]))[:1]
        if si > 0 and _reported(sent) and _reported(sents[si - 1][1]) and \
                speakers[si] is not None and speakers[si - 1] is not None and \
                not _same_person(speakers[si], speakers[si - 1]) and not continues:
            inherited = []  # a new speaker starts a report of their own
        prev_places = here_places or inherited
        prev_speaker = speakers[si] or (prev_speaker if balance_before[si] > 0 else None)
        triggers = find_triggers(sent, ctx) or reread_headline(sent, ctx, res.nlp)
        if not triggers and here_places and (article_conflict or ctx.violent) and \
                res.sentence_types is not None:
            triggers = learned_triggers(sent, ctx, res.sentence_types)
        if not triggers:
            dates = find_dates(sent.text, pub)
            prev_date = (dates[0] if dates else None, speakers[si])
            continue
        dates = find_dates(sent.text, pub)
        sent_date_any: DateMention | None = None
        seen: set[tuple] = set()
        for trig in triggers:
            claimant, speech = claimant_for(trig.tok, names)
            if claimant is None and speech is not None and any(
                    c.dep_ == "nsubj" and c.lower_ in ("he", "she") for c in speech.children):
                # "..., he added": the last person named as speaking
                claimant = next((speakers[k] for k in range(si - 1, max(-1, si - 4), -1)
                                 if speakers[k]), None)
            if claimant is None and (balance_before[si] > 0 or _quote_balance(sent.text) > 0
                                     or _in_quote(sent, trig.tok)):
                claimant = _quote_speaker(si, sents, speakers, balance_before)
            date = _choose_date(sent, trig, dates, s_start)
            precision = None
            if date is not None:
                event_date, precision = date.date.isoformat(), date.precision
                sent_date_any = date
            elif prev_date[0] is not None and claimant and prev_date[1] and \
                    _same_person(claimant, prev_date[1]):
                event_date, precision = prev_date[0].date.isoformat(), prev_date[0].precision
            else:
                event_date, precision = pub_iso, "published"
            if date is not None and pub is not None and date.precision == "year" and \
                    (pub - date.date).days > 400:
                continue  # history ("pushed Russian forces back in 2022"), not news
            nat = national
            if nat is None and trig.claim_type == "emergency" and not here_places:
                nat = nationality_place(trig, res.gazetteer)
            places = choose_places(trig, refs, focus, inherited, salient, national=nat)
            if not places:
                continue
            dom = {t.i for t in domain(trig.anchor, keep=trig.tok)}
            extra_args = ctx.__dict__.get("extra_args", {}).get(trig.tok.i, [])
            figures = _figures(trig, qtoks, dom | set(extra_args) | _total_clause(trig))
            for resolved_place, loc_text in places:
                actor = _actor_name(trig, claimant, getattr(resolved_place, "country_code", None))
                for q in figures:
                    key = (trig.claim_type, getattr(resolved_place, "place_id", None),
                           q.unit if q is not None else None)
                    if key in seen:
                        continue
                    if q is None and any(k[:2] == key[:2] for k in seen):
                        continue
                    seen.add(key)
                    rows.append(_row(art, si, sent, trig, resolved_place, loc_text, q,
                                     event_date, precision, claimant, actor))
        _drop_coarser(rows, si)
        if sent_date_any is not None:
            prev_date = (sent_date_any, _first_claimant(rows, si) or speakers[si])
        else:
            prev_date = (dates[0] if dates else None, speakers[si])
            if prev_date[0] is None and rows and rows[-1]["sentence_index"] == si and \
                    rows[-1]["date_precision"] != "published":
                prev_date = (None, None)
    # "... Russia accuses Ukraine of being behind the attack.": who speaks about the event
    return follow_up_claims(rows, [(off, s) for off, s, _ in sents], names)
