"""Claim rules over one parsed sentence: triggers, their licensing, negation and modality.

A *trigger* is a verb that makes a claim type by itself when its arguments fit
("Ukrainian forces entered Kursk region": an armed subject and a place), or an event
noun licensed by its syntactic position ("declared a state of emergency", "came under
drone attack", "fighting erupted", "due to shelling"). :func:`find_triggers` returns
the triggers of a sentence that are asserted: not negated, not under a modal or a verb
of intent ("would not hold on to", "was not interested in taking over", "plans to
capture"), not in a conditional or a background phrase ("since the invasion", "the
biggest attack since ...").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from geo.extract.actors import normalise_actor
from geo.extract.lexicon import (
    ARMED_NOUNS,
    BACKGROUND_MARKS,
    BACKGROUND_PREPS,
    BLOCKERS,
    CONFLICT_EVIDENCE,
    EVENT_VERBS,
    FIGURATIVE_EVIDENCE,
    HARD_BACKGROUND_PREPS,
    LABOUR_STRIKE_CUES,
    LICENSING_PREPS,
    LIGHT_VERBS,
    MODAL_AUX,
    NOUN_TRIGGERS,
    PERSON_TARGET_NOUNS,
    SPEECH_VERBS,
    STRIKE_MODIFIERS,
    SUPERLATIVE_WORDS,
    TERRITORY_NOUNS,
    VERB_TRIGGERS,
    VIOLENCE_WORDS,
    WEAPON_NOUNS,
)

CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "parataxis", "csubj", "csubjpass"}
CIVIL_CROWD = {"supporter", "protester", "protestor", "demonstrator", "crowd", "mob",
               "rioter", "people", "student", "resident", "activist", "fan", "worker",
               "thousand", "hundred", "dozen", "youth", "man", "woman", "villager", "citizen",
               "opponent", "follower", "voter", "farmer", "group", "settler", "looter"}
ACCIDENT_WORDS = {"crash", "accident", "flood", "flooding", "earthquake", "quake", "storm",
                  "hurricane", "typhoon", "cyclone", "landslide", "avalanche", "disease",
                  "cancer", "illness", "covid", "virus", "outbreak", "heatwave", "collision",
                  "derail", "drown", "overdose", "wildfire", "tornado", "tsunami", "epidemic",
                  "pandemic", "cholera", "fever", "stampede", "collapse", "blaze", "flame",
                  "heat", "drought", "smoke", "measles", "snow", "blizzard", "eruption"}
FICTION = {"film", "movie", "novel", "book", "series", "documentary", "game", "play", "show",
           "story", "exhibition", "drama", "episode", "memoir", "musical", "opera", "video"}
ATTACKISH = {"attack", "assault", "offensive", "attempt", "raid", "incursion", "advance",
             "push", "force", "troop", "group", "unit", "drone", "missile", "attacker",
             "wave", "breakthrough", "counteroffensive", "counter-offensive", "strike",
             "rocket", "fighter", "soldier", "infiltration", "sabotage", "landing", "storming"}
AIR_TARGETS = {"drone", "missile", "rocket", "aircraft", "jet", "uav", "projectile",
               "helicopter", "warplane", "plane", "munition", "bomb", "shahed", "balloon"}
COMMS = {"internet", "access", "network", "communication", "telecommunication", "phone",
         "mobile", "messaging", "service", "signal", "connection", "broadband", "data"}
CLOSABLE = {"border", "crossing", "airspace", "airport", "road", "highway", "port",
            "checkpoint", "bridge", "school", "university", "market", "shop", "business",
            "mosque", "church", "office", "embassy", "consulate", "route", "corridor",
            "gate", "frontier", "station", "terminal", "access"}
BANNABLE = {"gathering", "protest", "rally", "demonstration", "travel", "movement", "entry",
            "flight", "assembly", "march", "meeting", "event", "traffic", "sale", "fishing"}
RESTRICTABLE = {"movement", "access", "travel", "entry", "traffic", "flight", "gathering"}


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
        One of the SPEC's eleven types.
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
    extra: dict = field(default_factory=dict)


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


# lemmatizer slips of the small model seen on news text
LEMMA_FIXES = {"rag": "rage", "outgunne": "outgun", "airstrikes": "airstrike", "retook": "retake"}


def is_crowd(tok: Token) -> bool:
    """Whether a subject is a civilian crowd ("protesters", "counter-protesters", "fans")."""
    lemma = lem(tok)
    return lemma in CIVIL_CROWD or lemma.endswith(("protester", "protestor", "demonstrator",
                                                   "rioter", "activist", "supporter"))


def violent_besides(ctx: SentenceContext, tok: Token) -> bool:
    """Whether the context shows violence other than the trigger word itself."""
    return ctx.prev_violent or any(i != tok.i for i in ctx.violent_idx)


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
                        "convoy", "unit", "team", "band", "wave"):
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


#: armed nouns that sport also uses for a team ("Madrid's squad", "City's attackers")
SPORTING_SIDES = {"squad", "attacker", "unit", "contingent", "defender"}


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


#: people a casualty verb may have as its victim besides :data:`PERSON_TARGET_NOUNS`
VICTIM_NOUNS = {
    "family", "household", "relative", "baby", "infant", "boy", "girl", "wife", "husband",
    "son", "daughter", "mother", "father", "brother", "sister", "toddler", "teenager",
    "adult", "elder", "guard", "employee", "staff", "shepherd", "fisherman", "refugee",
    "patient", "doctor", "nurse", "medic", "teacher", "policeman", "police", "gunman",
    "attacker", "bomber", "assailant", "militiaman", "jihadist", "insurgent", "terrorist",
    "victim", "passenger", "driver", "pedestrian", "bystander", "worshipper", "pilgrim",
    "migrant", "occupant", "inmate", "detainee", "guest", "spectator", "tourist", "visitor",
    "colleague", "neighbour", "neighbor", "pupil", "kid", "deputy", "chief", "head",
    "minister", "mayor", "governor", "general", "colonel", "major", "captain", "sergeant",
    "lieutenant", "agent", "spy", "contractor", "volunteer", "recruit", "cadet",
}


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


def asserted(trig: Token, anchor: Token) -> bool:
    """Whether a trigger is asserted as fact (not negated, modal, intended or background).

    Parameters
    ----------
    trig : spacy.tokens.Token
        The trigger word.
    anchor : spacy.tokens.Token
        Its clause head.

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
                not past_speech:
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
        if lem(cur) in SPEECH_VERBS and cur.pos_ == "VERB" and not first and not past_speech:
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


def _type_of_verb(tok: Token, lemma: str, ctx: SentenceContext) -> tuple[str | None, Token | None]:
    """Claim type of a verb trigger in context, and the token naming the actor."""
    base = VERB_TRIGGERS.get(lemma)
    if base is None:
        return None, None
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
    if base == "control":
        if lemma in ("occupy", "seize", "storm", "overrun") and subj is not None and \
                is_crowd(subj) and not is_armed(subj, ctx) and objs and \
                obj_lemmas & OCCUPIABLE and (ctx.article_lemmas & PROTEST_CUES or ctx.violent):
            return "unrest", None  # "students occupied the rectorate building"
        if lemma == "take" and obj_lemmas & {"refuge", "shelter"}:
            return ("displacement", None) if ctx.violent else (None, None)
        if lemma == "take":
            if obj_lemmas & {"place", "part", "step", "measure", "action", "note", "time",
                             "office", "power", "charge", "care", "turn", "look", "aim",
                             "photo", "picture", "question", "lead", "seat", "oath"}:
                return None, None
            ctl = [o for o in objs if lem(o) == "control"]
            if ctl:
                # "took control of Goma": the noun rule decides (territory, violence)
                return None, None
            if objs and is_territorial(objs, ctx) and (ctx.violent or is_armed(subj, ctx)):
                return "control", actor
            return None, None
        if lemma in ("hold", "keep"):
            targets = objs + pobjs(tok, "on", "onto")
            if targets and is_territorial(targets, ctx) and \
                    not obj_lemmas & {"talk", "meeting", "election", "vote", "rally", "protest"}:
                return "control", actor
            return None, None
        if lemma == "fall":
            if any(p in preps for p in ("to", "into", "under")) and subj is not None and \
                    is_territorial([subj], ctx):
                return "control", None
            return None, None
        if lemma == "lose":
            if objs and (is_territorial(objs, ctx) or "control" in obj_lemmas) and \
                    (is_armed(subj, ctx) or ctx.violent):
                return "control", actor
            return None, None
        if lemma in ("clear", "secure", "control", "annex", "gain"):
            if objs and is_territorial(objs, ctx) and (is_armed(subj, ctx) or ctx.violent):
                return "control", actor
            return None, None
        if lemma in ("withdraw", "retreat", "pull"):
            if lemma == "pull" and not ({"out", "back"} & prts):
                return None, None
            sources = pobjs(tok, "from", "out") + [
                o for ob in objs for p in children(ob, "prep") if p.lower_ == "from"
                for o in children(p, "pobj")]  # "withdrawn troops from Myawaddy"
            if (is_armed(subj, ctx) or (objs and is_armed(objs[0], ctx))) and sources and \
                    is_territorial(sources, ctx):
                return "control", actor
            return None, None
        if lemma in ("hand", "cede", "abandon"):
            if ("control" in obj_lemmas or (objs and is_territorial(objs, ctx))) and \
                    (is_armed(subj, ctx) or ctx.violent):
                return "control", actor
            return None, None
        if lemma in ("capture", "seize") and objs and is_people(objs, ctx) and \
                not is_territorial(objs, ctx):
            return ("detention", actor) if ctx.article_violent else (None, None)
        if objs and is_territorial(objs, ctx):
            return "control", actor
        return None, None

    if base == "advance":
        if lemma == "gain":
            if obj_lemmas & {"ground", "foothold", "territory"} and (is_armed(subj, ctx)
                                                                    or ctx.violent):
                return "advance", actor
            return None, None
        if lemma == "push" and ("back" in prts or "back" in preps):
            if objs and (obj_lemmas & ATTACKISH or is_armed(objs[0], ctx)):
                return "repelled", actor
            return None, None
        if lemma == "break" and "into" in (prts | preps) and subj is not None and \
                is_crowd(subj) and not is_armed(subj, ctx) and \
                (ctx.violent or ctx.article_conflict):
            return "unrest", None  # "looters broke into warehouses"
        if lemma == "break" and not ({"through"} & (prts | preps)):
            return None, None
        if lemma == "move" and _to_safety(tok) and not is_armed(subj, ctx):
            if subj is not None and (is_people([subj], ctx) or is_crowd(subj)) and \
                    ctx.article_conflict:
                return "displacement", None  # "thousands of people moved to safer areas"
            return None, None
        if lemma == "move" and not ({"into", "toward", "towards", "on", "closer", "deeper",
                                     "forward"} & (prts | preps)):
            return None, None
        if lemma == "press" and not ({"into", "toward", "towards", "on", "deeper",
                                      "forward", "ahead"} & (prts | preps)):
            return None, None
        if lemma in ("roll", "walk", "sweep") and not ({"into", "through", "across"} &
                                                      (prts | preps)):
            return None, None
        if not is_armed(subj, ctx):
            return None, None
        directional = {"deep", "deeper", "forward", "further", "farther", "closer", "ahead",
                       "toward", "towards", "into", "onward"} & (prts | preps)
        dom = domain(tok)
        has_dist = any(ctx.quantity_units.get(t.i) in ("km", "km2") for t in dom)
        if has_place(tok, ctx) or has_dist or directional or \
                (objs and is_territorial(objs, ctx)) or \
                is_territorial(pobjs(tok, "in", "into", "on", "toward", "towards"), ctx):
            return "advance", actor
        return None, None

    if base == "clash":
        if lemma == "storm":
            if "out" in prts or not (objs or pobjs(tok, "into", "through", "inside")):
                return None, None  # "stormed out of parliament", "stormed to victory"
            # "protesters stormed parliament"; not "fans stormed the pitch", "customers
            # stormed showrooms": a crowd and a seat of authority, or a story of unrest
            unrest_story = bool(ctx.article_lemmas & PROTEST_CUES) or ctx.article_conflict
            if subj is not None and is_crowd(subj) and not is_armed(subj, ctx) and objs and \
                    (obj_lemmas & AUTHORITY_SEATS or unrest_story):
                return "unrest", None
            if is_armed(subj, ctx) or (objs and is_territorial(objs, ctx) and ctx.violent):
                return "clash", actor
            if subj is not None and objs and not is_armed(subj, ctx) and unrest_story:
                return "unrest", None
            return None, None
        if lemma == "clash":
            partners = pobjs(tok, "with")
            if subj is not None and (is_crowd(subj) or lem(subj) == "police") or \
                    any(lem(p) in ("police", "protester", "demonstrator", "officer")
                        for p in partners):
                return "unrest", None
            if is_armed(subj, ctx) or any(is_armed(p, ctx) for p in partners):
                return "clash", actor
            return None, None
        if lemma == "confront":
            if (is_armed(subj, ctx) or ctx.violent) and objs and is_armed(objs[0], ctx):
                return "clash", actor
            return None, None
        if lemma == "exchange":
            if obj_lemmas & {"fire", "gunfire", "shot", "shelling", "blow"}:
                return "clash", actor
            return None, None
        if lemma == "attack" and subj is not None and is_crowd(subj) and \
                not is_armed(subj, ctx):
            return "unrest", None
        if lemma == "attack":
            withs = pobjs(tok, "with")
            if any(lem(w) in WEAPON_NOUNS for w in withs) or \
                    (subj is not None and lem(subj) in WEAPON_NOUNS):
                return "strike", actor
            if (is_armed(subj, ctx) or (subj is None and violent_besides(ctx, tok))) and \
                    (objs and (is_territorial(objs, ctx) or is_armed(objs[0], ctx) or
                               is_people(objs, ctx)) or has_place(tok, ctx)):
                return "clash", actor
            return None, None
        if lemma in ("fight", "battle", "engage"):
            if objs and not (is_armed(objs[0], ctx) or is_territorial(objs, ctx)):
                return None, None  # "to fight inflation", "battled the flames"
            if (is_armed(subj, ctx) and violent_besides(ctx, tok)) or \
                    (subj is None and violent_besides(ctx, tok) and has_place(tok, ctx)):
                return "clash", actor
            return None, None
        if lemma in ("encircle", "surround", "besiege", "assault", "raid", "ambush"):
            if (is_armed(subj, ctx) or ctx.violent) and \
                    (objs and (is_territorial(objs, ctx) or is_armed(objs[0], ctx)
                               or is_people(objs, ctx)) or has_place(tok, ctx)):
                return "clash", actor
            return None, None
        return None, None

    if base == "repelled":
        if lemma == "force" and psubj is not None:
            return None, None  # "troops were forced to withdraw": the withdrawal is the claim
        if lemma == "force":
            # "forced it to retreat", "forced the attackers back"
            goals = [c for c in tok.children if c.dep_ in ("xcomp", "advcl", "ccomp")]
            if any(lem(g) in ("retreat", "withdraw", "pull") for g in goals) and \
                    (is_armed(subj, ctx) or ctx.violent) and objs:
                return "repelled", actor
            if "back" in prts and objs and is_armed(objs[0], ctx):
                return "repelled", actor
            return None, None
        if lemma == "shoot" and "down" not in prts:
            if lemma == "shoot" and (objs and is_people(objs, ctx)) and ctx.violent:
                return "casualties", actor
            return None, None
        if lemma == "beat" and not ({"back", "off"} & prts):
            return None, None
        if lemma == "fend" and "off" not in prts:
            return None, None
        if lemma in ("destroy", "neutralize", "neutralise"):
            # air defence: "destroyed eight drones over the region"; not "a strike destroyed"
            if obj_lemmas & AIR_TARGETS and not (subj is not None and (
                    lem(subj) in WEAPON_NOUNS or lem(subj) in AIR_TARGETS)):
                return "repelled", actor
            return None, None
        if lemma in ("intercept", "shoot", "down"):
            if obj_lemmas & AIR_TARGETS or (objs and ctx.quantity_units.get(objs[0].i)):
                return "repelled", actor
            return None, None
        if obj_lemmas & ATTACKISH or (objs and is_armed(objs[0], ctx)):
            return "repelled", actor
        return None, None

    if base == "strike":
        withs = pobjs(tok, "with")
        weapon_subj = subj is not None and (lem(subj) in WEAPON_NOUNS or
                                            lem(subj) in AIR_TARGETS)
        weapon_agent = actor is not None and psubj is not None and \
            (lem(actor) in WEAPON_NOUNS or lem(actor) in AIR_TARGETS)
        weapon_with = any(lem(w) in WEAPON_NOUNS or lem(w) in AIR_TARGETS for w in withs)
        if lemma == "strike" and subj is not None and \
                (lem(subj) in LABOUR_STRIKE_CUES or is_crowd(subj)) and \
                not objs:
            # "doctors struck over pay" is a labour dispute; unrest only beside a protest
            return ("unrest", None) if sent_lemmas & PROTEST_SIGNS else (None, None)
        if lemma == "launch":
            if obj_lemmas & (WEAPON_NOUNS | AIR_TARGETS):
                return "strike", actor
            return None, None
        if lemma == "fire":
            if obj_lemmas & (WEAPON_NOUNS | AIR_TARGETS | {"shot", "round", "salvo"}) or \
                    (is_armed(subj, ctx) and pobjs(tok, "at", "on", "upon")):
                return "strike", actor
            return None, None
        if lemma in ("bomb", "bombard", "shell", "pound", "airstrike"):
            if withs and not weapon_with:
                return None, None  # "bombarded with questions", "bombarding ... with dust"
            if subj is not None and psubj is None and not (is_armed(subj, ctx) or weapon_subj):
                return None, None  # "hot winds were bombarding the plains"
            if is_armed(subj, ctx) or weapon_subj or violent_besides(ctx, tok):
                return "strike", actor
            return None, None
        if lemma in ("strike", "hit", "target"):
            targets = objs
            if weapon_subj or weapon_agent or weapon_with:
                return "strike", (actor if not (weapon_subj or weapon_agent) else actor)
            if is_armed(subj, ctx) and (targets and (is_territorial(targets, ctx) or
                                                     is_armed(targets[0], ctx))
                                        or has_place(tok, ctx)) and ctx.violent:
                return "strike", actor
            return None, None
        return None, None

    if base == "casualties":
        if ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS or not ctx.violent:
            return None, None
        if lemma == "leave" and tok.dep_ == "xcomp" and lem(tok.head) == "force":
            return ("displacement", None) if ctx.article_violent else (None, None)
        if lemma == "leave":
            # "the attack left four people dead"
            states = [c for c in tok.children if c.dep_ in ("oprd", "acomp", "ccomp", "xcomp",
                                                            "amod", "dobj", "advcl")]
            states += [g for o in objs for g in o.children if g.dep_ in ("amod", "acl")]
            if any(c.lower_ in ("dead", "injured", "wounded", "killed") for c in states):
                return "casualties", None
            return None, None
        if lemma == "die" and any(p in preps for p in ("of", "from")) and \
                not (sent_lemmas & VIOLENCE_WORDS):
            return None, None
        if lemma == "execute" and not (objs and is_people(objs, ctx)):
            return None, None
        if lemma in ("kill", "injure", "wound", "massacre", "slaughter") and \
                psubj is None and not objs and subj is None:
            return None, None
        if lemma in ("kill", "injure", "wound", "massacre", "slaughter") and (
                "off" in prts or (objs and not is_victim(objs, ctx)) or
                (psubj is not None and psubj.pos_ == "NOUN" and not is_victim([psubj], ctx))):
            return None, None  # "killed off Welsh hopes", "killing the game": no person hurt
        return "casualties", (actor if lemma in ("kill", "injure", "wound", "massacre",
                                                  "slaughter", "execute") else None)

    if base == "displacement":
        if ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS:
            return None, None
        if not (ctx.violent or ctx.article_violent or
                obj_lemmas & {"home", "house"} or lemma in ("displace", "uproot")):
            return None, None
        if lemma == "flee" and not ctx.article_violent and \
                not obj_lemmas & {"home", "house", "village", "town"}:
            return None, None
        forced = tok.dep_ in ("xcomp", "ccomp") and lem(tok.head) in (
            "force", "cause", "prompt", "send", "drive", "compel")
        if lemma == "flee" and not forced and is_armed(subj, ctx):
            return None, None  # "soldiers were seen fleeing": a rout, not displacement
        if lemma == "flee":
            who = subj
            if tok.dep_ in ("xcomp", "ccomp") and lem(tok.head) in ("force", "cause", "prompt",
                                                                 "send", "drive", "compel"):
                heads_obj = objects(tok.head)
                who = heads_obj[0] if heads_obj else who
                if who is not None:
                    ctx.__dict__.setdefault("extra_args", {})[tok.i] = [t.i for t in who.subtree]
            if who is not None and who.i > tok.i and tok.dep_ == "xcomp":
                who = who
            if who is not None and who.tag_ in ("NN", "NNP") and lem(who) not in (
                    "family", "population", "thousand", "hundred", "dozen", "million") and \
                    ctx.quantity_units.get(who.i) != "people":
                return None, None  # "the suspect fled the scene"
            if who is None or not (is_people([who], ctx) or lem(who) in CIVIL_CROWD or
                                   ctx.quantity_units.get(who.i) == "people" or
                                   who.ent_type_ == "NORP" or lem(who) in
                                   {"family", "household", "refugee", "inhabitant", "russian"}):
                if not (obj_lemmas & {"home", "house", "village", "town", "city"}):
                    return None, None
            return "displacement", None
        if lemma == "evacuate":
            if objs or psubj is not None or has_place(tok, ctx):
                return "displacement", None
            return None, None
        if lemma in ("displace", "uproot"):
            return "displacement", None
        if lemma == "seek":
            if obj_lemmas & {"refuge", "shelter", "asylum", "safety"}:
                return "displacement", None
            return None, None
        if lemma == "relocate" and (objs and is_people(objs, ctx) or (
                _to_safety(tok) and subj is not None and is_people([subj], ctx))):
            return "displacement", None
        return None, None

    if base == "restriction":
        if ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS:
            return None, None
        if lemma in ("close", "shut"):
            deep = {lem(t) for o in objs for t in list(o.subtree)[:10] if t.pos_ == "NOUN"}
            if obj_lemmas & CLOSABLE or (deep & CLOSABLE and objs and
                                         lem(objs[0]) in ("all", "most", "some", "many", "one",
                                                          "part", "several", "half")):
                return "restriction", actor
            return None, None
        if lemma == "ban":
            if obj_lemmas & BANNABLE:
                return "restriction", actor
            return None, None
        if lemma == "suspend":
            if obj_lemmas & {"flight", "train", "traffic", "service", "movement", "travel",
                             "crossing", "operation"} and ctx.violent and \
                    not ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS:
                return "restriction", actor
            return None, None
        if lemma == "restrict":
            if obj_lemmas & RESTRICTABLE:
                return "restriction", actor
            return None, None
        if lemma == "blockade":
            return ("restriction", actor) if has_place(tok, ctx) else (None, None)
        return None, None

    if base == "unrest" and lemma == "march" and is_armed(subj, ctx) and \
            ({"into", "on", "toward", "towards", "through"} & (prts | preps)):
        return "advance", actor  # "rebels marched into the city"
    if base == "unrest":
        if lemma == "set":
            # "protesters set fire to the broadcaster's headquarters"
            fire = "fire" in obj_lemmas or "ablaze" in prts or any(
                c.lower_ in ("ablaze", "alight") for c in tok.children)
            if not fire:
                return None, None
            if subj is not None and is_armed(subj, ctx):
                return "clash", actor
            return ("unrest", None) if (subj is None or not is_armed(subj, ctx)) and \
                ctx.violent else (None, None)
        crowd = subj is not None and (is_crowd(subj) or
                                      ctx.quantity_units.get(subj.i) == "people" or
                                      subj.ent_type_ == "NORP")
        if lemma in ("protest", "demonstrate", "riot"):
            if lemma == "protest" and objs and lem(objs[0]) in ("innocence", "decision",
                                                                 "call", "penalty", "ruling"):
                return None, None
            if crowd or has_place(tok, ctx) or lemma == "riot":
                return "unrest", None
            return None, None
        if lemma in ("rally", "march"):
            protest = pobjs(tok, "against") or ctx.__dict__.get("sent_lemmas", set()) & {
                "protest", "protester", "demonstrator", "demand", "anti", "oppose"}
            if crowd and protest and (has_place(tok, ctx) or pobjs(
                    tok, "through", "on", "to", "in", "outside", "against")):
                return "unrest", None
            return None, None
        if lemma in ("loot", "ransack", "smash", "torch", "vandalize", "vandalise", "burn",
                     "block", "barricade"):
            if crowd and not is_armed(subj, ctx) and (objs or psubj is not None):
                return "unrest", None
            return None, None
        return None, None

    if base == "detention":
        if lemma in ("abduct", "kidnap") and (objs or psubj is not None) and \
                (ctx.violent or is_armed(subj, ctx) or (subj is not None and
                                                        lem(subj) in ("gunman", "bandit"))):
            return "detention", actor  # "gunmen abducted 20 students"
        if not ctx.article_violent:
            return None, None  # police arrests in a crime or sports story are not claims
        if lemma == "round" and "up" not in prts:
            return None, None
        if lemma in ("jail", "imprison") and not (objs or psubj is not None):
            return None, None
        return "detention", actor
    return None, None


#: buildings whose storming is unrest ("stormed the parliament", "the governor's office")
AUTHORITY_SEATS = {"parliament", "office", "headquarters", "headquarter", "ministry",
                   "palace", "embassy", "court", "courthouse", "assembly", "council",
                   "residence", "broadcaster", "capitol", "congress", "legislature", "prison",
                   "jail", "police", "compound", "consulate", "building", "senate", "hall",
                   "mansion", "secretariat", "governorate", "precinct"}
OCCUPIABLE = {"building", "parliament", "office", "headquarters", "headquarter", "ministry",
              "rectorate", "campus", "university", "faculty", "square", "street", "road",
              "highway", "bridge", "airport", "station", "palace", "hall", "embassy",
              "court", "courthouse", "assembly", "council", "residence", "broadcaster",
              "studio", "plant", "factory", "mine", "port", "compound", "house"}
#: event nouns with no common figurative sense: "heavy fighting raged in Goma" is a claim
#: without further signs of violence (unlike "attack", "battle", "clash", "push")
LITERAL_WAR_NOUNS = {"fighting", "firefight", "gunfight", "gunbattle", "shelling",
                     "bombardment", "airstrike", "skirmish", "hostility", "airstrikes"}
REPORT_VERBS = {"report", "hear", "see", "record", "observe"}
SAFE_PLACES = {"shelter", "safety", "camp", "bunker", "refuge"}


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


def _noun_licensed(tok: Token) -> Token | None:
    """Return the anchor verb if an event noun is licensed by its position, else None."""
    for c in tok.children:
        # "Israeli airstrikes killed 25 ..." parsed as a reduced relative clause
        if c.dep_ == "acl" and c.i > tok.i and (lem(c) in EVENT_VERBS or
                                                lem(c) in VERB_TRIGGERS) and c.tag_ == "VBD":
            return c
        # "with shelling reported in Kupwara", "gunfire heard across the district"
        if c.dep_ == "acl" and c.i > tok.i and c.tag_ == "VBN" and lem(c) in REPORT_VERBS:
            return c
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.tag_ == "VBN" and \
            lem(tok.head) in REPORT_VERBS and tok.head.dep_ in ("pcomp", "advcl", "acl"):
        return tok.head  # "with shelling reported in X" parsed as a small clause
    dep, head = tok.dep_, tok.head
    # conjuncts share the licensing of the first noun ("missile and drone barrages")
    while dep == "conj" and head.pos_ in ("NOUN", "PROPN"):
        tok = head
        dep, head = tok.dep_, tok.head
    steps = 0
    while dep in ("preconj", "predet", "det") and head.pos_ in ("DET", "NOUN") and steps < 3:
        tok, steps = head, steps + 1  # "imposed a curfew and ..." parsed as a determiner's
        dep, head = tok.dep_, tok.head
    if (dep == "compound" or (dep == "amod" and tok.pos_ == "NOUN")) and head.pos_ == "NOUN":
        # "drone strikes"; a noun the parser hung as an adjective ("imposed a curfew and
        # closed schools" parsed as "a [curfew and closed] schools")
        tok = head
        dep, head = tok.dep_, tok.head
    hl = lem(head)
    if dep in ("dobj", "attr") and hl in LIGHT_VERBS:
        return head
    if dep in ("nsubj", "nsubjpass") and hl in EVENT_VERBS:
        return head
    if dep == "nsubjpass" and hl in LIGHT_VERBS:
        return head  # "a curfew was imposed", "martial law was extended"
    if dep in ("nsubj", "attr") and any(c.dep_ == "expl" for c in head.children):
        return head  # "there was heavy fighting"
    if dep == "pobj":
        prep = head
        ph = prep.head
        if prep.lower_ in LICENSING_PREPS and ph.pos_ in ("VERB", "AUX"):
            lph = lem(ph)
            if VERB_TRIGGERS.get(lph) == "casualties" and \
                    NOUN_TRIGGERS.get(lem(tok)) in ("clash", None) and \
                    lem(tok) not in ("attack", "raid", "assault") and \
                    not _armed_on_both_sides(ph):
                return None  # "killed in fighting": the casualties are the claim
            if prep.lower_ == "under" and lph in ("come", "be", "remain", "fall", "stay"):
                return ph
            if lph in VERB_TRIGGERS or lph in LIGHT_VERBS or lph in EVENT_VERBS:
                return ph
        if prep.lower_ == "after" and ph.pos_ == "VERB" and \
                VERB_TRIGGERS.get(lem(ph)) in ("displacement", "casualties") and \
                NOUN_TRIGGERS.get(lem(tok)) == "strike" and \
                not any(lem(c) in ("year", "month", "decade", "week") for c in tok.subtree):
            return ph  # "fled the camp after heavy shelling": the cause, reported with it
        if prep.lower_ == "to" and (ph.lower_ in ("due", "owing") or lem(ph) == "subject"):
            anchor = ph.head if ph.lower_ in ("due", "owing") else ph
            return anchor if anchor.pos_ in ("VERB", "AUX") else ph
        if prep.lower_ == "of" and ph.lower_ == "because":
            return ph.head
        if prep.lower_ == "in" and lem(ph) == "part":
            return ph.head  # "took part in protests"
    return None


def _noun_type(tok: Token, lemma: str, ctx: SentenceContext) -> str | None:
    base = NOUN_TRIGGERS.get(lemma)
    if base is None:
        return None
    mods = {lem(c) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")}
    if base in ("emergency", "restriction", "displacement") and \
            ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS:
        return None  # a flood's state of emergency is not a conflict claim
    if lemma == "law":
        return "emergency" if "martial" in mods else None
    if lemma == "emergency":
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and lem(tok.head.head) == "state":
            return "emergency"
        if tok.dep_ in ("dobj",) and lem(tok.head) in ("declare", "impose", "extend"):
            return "emergency"
        return None
    if lemma == "control":
        return "control"
    if lemma in ("attack", "raid", "assault") and mods & (AIR_TARGETS | {"air", "missile",
                                                                        "rocket", "artillery"}):
        return "strike"
    if lemma in ("missile", "drone", "rocket", "shell", "bomb"):
        return "strike"
    if lemma == "fire":
        # "came under heavy artillery fire"; not "set fire", "fire brigade"
        if mods & {"artillery", "mortar", "rocket", "tank", "sniper", "heavy", "machine",
                   "machine-gun", "gun", "anti-aircraft", "naval"} or (
                tok.dep_ == "pobj" and tok.head.lower_ == "under"):
            return "strike"
        return None
    if lemma == "gain":
        if tok.tag_ == "NNS" and violent_besides(ctx, tok):
            return "advance"  # "Russian forces made gains near Pokrovsk"
        return None
    if lemma == "massacre":
        return "casualties"
    if lemma == "rally" and not ctx.article_lemmas & PROTEST_CUES:
        return None  # "a rally in tech stocks", a campaign rally
    if lemma == "strike":
        if mods & LABOUR_STRIKE_CUES or ctx.__dict__.get("sent_lemmas", set()) & \
                LABOUR_STRIKE_CUES and not mods & STRIKE_MODIFIERS:
            # a labour strike is unrest only with a protest or riot in the sentence
            sent_lemmas = ctx.__dict__.get("sent_lemmas", set())
            return "unrest" if sent_lemmas & PROTEST_SIGNS else None
        if mods & STRIKE_MODIFIERS or violent_besides(ctx, tok):
            return "strike"
        return None
    if lemma in ("death", "casualty", "fatality", "toll", "killing", "injury"):
        if not ctx.violent:
            return None
        if lemma == "toll" and "death" not in mods:
            return None
    if lemma == "operation":
        mil = {"military", "ground", "air", "army", "security", "offensive", "combat",
               "special", "counterterrorism", "counter-terrorism", "anti-terror", "raid",
               "clearing", "clearance", "rescue"}
        if mods & {"rescue", "surgical", "business", "commercial"}:
            return None
        if ctx.violent and (mods & mil or ctx.__dict__.get("sent_lemmas", set()) & ARMED_NOUNS):
            return "clash"
        return None
    if lemma in ("evacuation", "exodus", "displacement") and not ctx.article_violent:
        return None
    if lemma in ("arrest", "detention") and (not ctx.article_violent or tok.tag_ != "NNS"):
        return None
    if lemma == "fall":
        return "control"
    if base in ("clash", "advance", "strike") and not violent_besides(ctx, tok) and not (
            tok.dep_ == "nsubj" and VERB_TRIGGERS.get(lem(tok.head)) == "casualties") and \
            not (lemma in LITERAL_WAR_NOUNS and tok.dep_ in ("nsubj", "nsubjpass")
                 and has_place(tok.head, ctx)):
        return None  # ("an attack ... killed 15 civilians" is violent by itself)
    if base in ("emergency", "restriction", "displacement") and \
            ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS:
        return None  # a flood's state of emergency is not a conflict claim
    if base == "unrest" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and \
            not any(c.dep_ == "det" for c in tok.children):
        return None  # "walked out in protest"
    return base


def _multiword_text(tok: Token) -> str:
    """Return the trigger as written with its modifiers ("drone attack")."""
    lemma = lem(tok)
    if lemma == "emergency" and tok.head.lower_ == "of":
        st = tok.head.head
        return tok.doc[st.i:tok.i + 1].text
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i and
            lem(c) in (STRIKE_MODIFIERS | AIR_TARGETS | {"martial", "movement", "air"})]
    if mods:
        return tok.doc[min(m.i for m in mods):tok.i + 1].text
    prts = [c for c in tok.children if c.dep_ == "prt"]
    if prts:
        return f"{tok.text} {prts[0].text}"
    return tok.text


PROTEST_CUES = {"protest", "protester", "protestor", "demonstrator", "demonstration",
                "riot", "rioter", "unrest", "opposition"}
ATTEMPT_VERBS = {"try", "attempt", "seek"}


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


#: claim types whose verbs and nouns are common metaphors in business, sport and politics
#: ("fired the first shot", "came under attack from sellers", "conquered the capital")
METAPHOR_PRONE = {"strike", "clash", "control", "advance", "repelled"}
#: the words of those types that business, sport and politics use figuratively
METAPHOR_LEMMAS = {
    "attack", "siege", "besiege", "fire", "shot", "hit", "strike", "target", "capture",
    "conquer", "seize", "take", "storm", "battle", "fight", "raid", "push", "advance",
    "retreat", "hold", "invade", "invasion", "clash", "bombard", "pound", "surround",
    "encircle", "ambush", "offensive", "assault", "lose", "gain", "control", "blast",
    "launch", "break", "sweep", "roll", "march", "move", "press", "overrun", "beat",
    "stop", "halt", "thwart", "foil", "repel", "repulse", "fend", "engage", "confront",
    "exchange", "secure", "clear", "occupy", "takeover", "fall", "thrust",
    "breakthrough", "incursion", "withdraw", "pull", "cede", "abandon", "hand", "regain",
    "retake", "recapture", "bomb", "shell", "explosion", "shoot", "down", "destroy",
    "barrage", "salvo", "volley",
}


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
                                       normalise_actor(trig.actor_tok.text,
                                                       bare_country=False) is not None):
        return True  # "troops", "al-Shabaab" (an armed group, not a country-named team)
    if trig.actor_tok is not None and trig.tok.pos_ == "NOUN" and \
            trig.actor_tok.head.i == trig.tok.i and trig.actor_tok.dep_ in ("amod", "compound") \
            and normalise_actor(trig.actor_tok.text) is not None:
        return True  # "Israeli strikes", "Russian shelling": a nation's arms, not a team
    if any(VERB_TRIGGERS.get(lem(t)) == "casualties" and lem(t) != "leave" and
           any(c.dep_ in ("dobj", "nsubjpass") and is_people([c], ctx) for c in t.children)
           for t in sent):
        return True  # "an attack ... killed nine people"
    if any(u in ("km2", "settlements") for u in ctx.quantity_units.values()):
        return True  # "40 square kilometers", "74 settlements": territorial figures
    others = {lem(t) for t in sent if t.i != trig.tok.i and
              not (lem(t) in ARMED_NOUNS and figurative_host(t))}
    # "strongholds ... fell", "a barrage of tries": one word that sport and politics share
    # with war is a metaphor; several together ("its offensive in Russian territory and
    # bombarded") are a war
    evidence = others & CONFLICT_EVIDENCE
    return bool(evidence - FIGURATIVE_EVIDENCE) or len(evidence & FIGURATIVE_EVIDENCE) >= 2


#: natural disasters: closures, evacuations, emergencies and deaths they cause are not
#: conflict claims
DISASTER_WORDS = {"hurricane", "typhoon", "cyclone", "flood", "flooding", "earthquake", "quake",
                  "tornado", "tsunami", "wildfire", "blizzard", "eruption", "landslide",
                  "mudslide", "avalanche", "snowstorm", "heatwave", "drought", "rainfall",
                  "blaze", "bushfire", "inferno", "firefighter", "rain", "downpour",
                  "monsoon", "deluge", "rainstorm", "thunderstorm", "hailstorm", "windstorm"}
#: ordinary crime: its arrests and injuries are not conflict claims
CRIME_WORDS = {"robbery", "robber", "burglary", "burglar", "theft", "thief", "heist",
               "mugging", "shoplifting", "fraud", "smuggling", "carjacking", "vandalism",
               "murder", "homicide", "stabbing", "manslaughter", "burgle"}
#: signs that a strike or walkout is also a protest or a riot
PROTEST_SIGNS = {"protest", "protester", "protestor", "demonstrator", "demonstration", "riot",
                 "rioter", "rioting", "march", "marcher", "barricade", "clash", "teargas",
                 "unrest"}


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
    if trig.claim_type == "casualties" and lemmas & CRIME_WORDS and \
            not {lem(t) for t in sent} & (CONFLICT_EVIDENCE - FIGURATIVE_EVIDENCE):
        return True
    return False


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
        if tok.pos_ == "ADJ" and tok.lower_ in ("dead", "injured", "wounded") and \
                tok.dep_ == "acomp" and lem(tok.head) == "be":
            who = children(tok.head, "nsubj")
            if who and is_people(who, ctx) and ctx.violent and \
                    not ctx.__dict__.get("sent_nouns", set()) & ACCIDENT_WORDS and \
                    asserted(tok, tok.head):
                out.append(Trigger(tok, tok.head, "casualties", tok.text, None))
            continue
        if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and lemma not in ("be", "have", "do")):
            if lemma not in VERB_TRIGGERS:
                continue
            if tok.dep_ in ("amod", "compound") and (tok.tag_ != "VBG" or tok.dep_ == "amod") \
                    and not (
                    tok.dep_ == "amod" and tok.tag_ in ("VBD", "VBN") and tok.i > tok.sent.start
                    and tok.doc[tok.i - 1].lower_ in ("and", "had", "have", "has", ",")):
                continue  # "the occupied city" (but "... and repelled assaults": a verb)
            ctype, actor = _type_of_verb(tok, lemma, ctx)
            if ctype is None or not asserted(tok, tok):
                continue
            out.append(Trigger(tok, tok, ctype, _multiword_text(tok), actor))
        elif tok.pos_ in ("NOUN", "PROPN") and (lemma in NOUN_TRIGGERS or
                                                 tok.lower_ in NOUN_TRIGGERS):
            key = lemma if lemma in NOUN_TRIGGERS else tok.lower_
            if key == "control":
                anchor = _control_anchor(tok)
                if anchor is not None and not _control_is_territorial(tok, anchor, ctx):
                    continue
            elif key == "emergency" and tok.dep_ == "pobj" and tok.head.lower_ == "of" and \
                    lem(tok.head.head) == "state":
                anchor = _noun_licensed(tok.head.head)  # "declared a state of emergency"
            else:
                anchor = _noun_licensed(tok)
            if anchor is None:
                continue
            ctype = _noun_type(tok, key, ctx)
            if ctype is None or not asserted(tok, anchor):
                continue
            actor = _noun_actor(tok, anchor)
            out.append(Trigger(tok, anchor, ctype, _multiword_text(tok), actor))
    return [t for t in out if literal_conflict(t, sent, ctx) and
            not non_conflict_sense(t, sent, ctx)]


def _control_is_territorial(tok: Token, anchor: Token, ctx: SentenceContext) -> bool:
    """Whether "control" is over territory: "control of the city", "X are under our control"."""
    owners = [tok] + ([anchor] if tok.dep_ == "dobj" else [])  # "took control" + "of X"
    held = [o for w in owners for p in children(w, "prep") if p.lower_ in ("of", "over")
            for o in children(p, "pobj")]
    if not held:
        # "74 settlements are under our control": the subject is what is held
        held = [c for c in anchor.children if c.dep_ in ("nsubj", "nsubjpass")
                and c.i != tok.i]
        if not held and tok.dep_ == "nsubjpass":
            held = [c for c in anchor.children if c.dep_ in ("agent",)]
    if tok.dep_ == "nsubjpass":
        # "control over 40 square kilometers ... has been taken"
        held = held + [o for p in children(tok, "prep") for o in children(p, "pobj")]
    subj = subject(anchor)
    if held and not is_territorial(held, ctx) and is_armed(subj, ctx) and \
            tok.dep_ == "dobj" and all(h.pos_ == "PROPN" and
                                       h.ent_type_ in ("GPE", "LOC", "FAC", "") for h in held):
        return True  # "its forces had taken control of Abu Salim": a place the gazetteer lacks
    if not held or not is_territorial(held, ctx):
        return False
    return ctx.violent or is_armed(subj, ctx)


def _control_anchor(tok: Token) -> Token | None:
    """Anchor of "control" as a noun: "under our control", "took control of", "in control of"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "under":
        return head.head
    if tok.dep_ == "pobj" and head.lower_ == "in" and \
            any(c.lower_ == "of" for c in tok.children if c.dep_ == "prep"):
        return head.head
    if tok.dep_ in ("dobj", "nsubjpass") and lem(head) in {
            "take", "seize", "gain", "establish", "assume", "regain", "retake", "lose", "cede",
            "exercise", "maintain", "keep", "restore", "wrest", "win", "claim", "tighten",
            "extend", "consolidate"}:
        return head
    return None


def _noun_actor(tok: Token, anchor: Token) -> Token | None:
    """Return the side that acted for an event noun ("Russian strikes", "by X")."""
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < tok.i and \
                normalise_actor(c.text) is not None:
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            objs = children(c, "pobj")
            if objs:
                return objs[0]
    if anchor.i != tok.i and anchor.pos_ in ("VERB", "AUX"):
        subj = subject(anchor)
        if subj is not None and lem(anchor) in LIGHT_VERBS:
            return subj
    return None


