"""Who makes a claim: the claimant of a clause from the dependency parse.

A clause is attributed to the subject of the speech verb that governs it ("X said
that ...", "..., X added", "X wrote on Telegram", "X told reporters", "X, who said
...", "an X analysis indicated ..."), to X in "according to X", or, for a quotation
with no speech verb in its sentence, to the speaker named where the quotation
closes or opens (the caller passes that sentence's claimant). Names are kept as
written; a bare surname is expanded to the full name of its first mention in the
article ("Syrsky" -> "Oleksandr Syrsky").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Span, Token

SPEECH_VERBS = {
    "say", "tell", "add", "claim", "report", "announce", "state", "write", "post", "confirm",
    "indicate", "show", "assert", "allege", "insist", "note", "acknowledge", "admit",
    "estimate", "reveal", "publish", "tweet", "explain", "stress", "testify", "brief",
    "inform", "suggest", "according", "reply", "respond", "comment", "boast",
    "concede", "contend", "maintain", "observe", "remark", "mention", "detail", "describe",
    "find", "conclude", "record", "document", "quote", "cite", "emphasize", "emphasise",
    "underline", "disclose", "relay", "broadcast", "put", "argue", "accuse",
}
#: Verbs by which a claimant denies what their clause says ("Russia denied striking the
#: hospital", "Kyiv denied that the town had fallen"): the extractor keeps such a claim with
#: stance "denied" (geo.extract.rules.grammar.denial) and the denier is its claimant.
DENIAL_VERBS = frozenset({"deny", "refute"})
#: Verbs by which a claimant says another side did what their "of"/"for" complement says.
ACCUSING_VERBS = frozenset({"accuse", "blame"})
STATEMENT_NOUNS = {
    "analysis", "report", "statement", "data", "assessment", "update", "briefing",
    "image", "imagery", "footage", "map", "video", "post", "estimate", "survey", "study",
    "count", "tally", "figure", "review", "investigation", "reporting", "summary",
    "bulletin", "communique", "release", "account",
}
_TITLES = {
    "president", "governor", "minister", "prime", "general", "gen.", "gen", "commander",
    "spokesman", "spokeswoman", "spokesperson", "mayor", "chief", "head", "colonel", "col.",
    "lieutenant", "lt.", "major", "maj.", "captain", "capt.", "sergeant", "admiral", "adm.",
    "marshal", "secretary", "senator", "sen.", "rep.", "representative", "deputy", "vice",
    "foreign", "defence", "defense", "interior", "acting", "regional", "military", "army",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "king", "queen", "prince",
    "sheikh", "leader", "official", "officer", "ambassador", "envoy", "chairman",
    "chairwoman", "speaker", "director", "pope", "premier", "chancellor", "emir", "sultan",
    "president-elect", "ex-president", "former", "then-president", "gov.", "lt", "adviser",
    "advisor", "aide", "analyst", "correspondent", "reporter", "governor-general",
}
_ORG_WORDS = re.compile(
    r"\b(ministry|ministries|department|office|agency|army|military|forces?|police|"
    r"government|council|command|committee|institute|group|organi[sz]ation|service|"
    r"authorit(?:y|ies)|administration|staff|headquarters|news|press|media|observatory|"
    r"network|monitor|commission|bureau|union|court|cabinet|parliament|presidency|"
    r"kremlin|pentagon|un|nations|red cross|crescent|unicef|unhcr|who|ocha|iom|"
    r"reuters|afp|ap|bbc|cnn|tass|ria|interfax|ukrinform|al jazeera|france-presse|"
    r"associated press|isw|guard|brigade|battalion|corps|spokes\w+)\b",
    re.IGNORECASE)
_SPOKES = {"spokesperson", "spokesman", "spokeswoman", "official", "source", "representative",
           "spokespeople", "officer", "commander", "member"}
_CHIEFS = {"chief", "head", "commander"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "which", "that", "you"}


class NameIndex:
    """Full names of the people and organisations an article mentions, by last word.

    Parameters
    ----------
    names : iterable of str
        PERSON entity texts in order of appearance.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._by_last: dict[str, str] = {}
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        """Record ``name`` (its first, longest mention wins per last word)."""
        words = [w for w in name.split() if w.lower() not in _TITLES]
        if not words:
            return
        key = words[-1].lower().strip(".,'’")
        full = " ".join(words)
        old = self._by_last.get(key)
        if old is None or (len(words) > len(old.split()) and old.split()[-1] == words[-1]):
            self._by_last[key] = full

    def expand(self, name: str) -> str:
        """Return the full name for a bare surname, or ``name`` unchanged."""
        if " " in name.strip():
            return name
        return self._by_last.get(name.lower().strip(".,'’"), name)


def _span_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text


def _person_name(tok: Token) -> str | None:
    """Return the PERSON entity containing ``tok``, or its proper-noun chain without titles."""
    if tok.ent_type_ == "PERSON":
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            words = [t for t in ent if t.text.lower() not in _TITLES]
            # a name the tagger split ("Saw" taken for a verb): adjacent PERSON tokens
            left = ent.start - 1
            while words and left >= tok.sent.start and tok.doc[left].ent_type_ == "PERSON" \
                    and tok.doc[left].text[:1].isupper() and \
                    tok.doc[left].text.lower() not in _TITLES and words[0].i == left + 1:
                words.insert(0, tok.doc[left])
                left -= 1
            if words:
                return _span_text(words)
    if tok.pos_ != "PROPN":
        return None
    chain = [tok]
    left = tok.i - 1
    while left >= tok.sent.start and tok.doc[left].pos_ == "PROPN" and \
            tok.doc[left].dep_ in ("compound", "nmod", "flat") and \
            tok.doc[left].text.lower() not in _TITLES:
        chain.insert(0, tok.doc[left])
        left -= 1
    return _span_text(chain)


def noun_phrase_name(tok: Token, names: NameIndex | None = None) -> str | None:
    """Return the claimant name for a subject token, as written.

    Parameters
    ----------
    tok : spacy.tokens.Token
        Head of the subject ("Smirnov", "Ministry", "analysis", "Ukraine").
    names : NameIndex, optional
        Expands a bare surname to the full name from its first mention.

    Returns
    -------
    str or None
        "Alexei Smirnov", "Russian Ministry of Defense", "Agence France-Presse", or None
        for pronouns and generic nouns.
    """
    if tok.lower_ in _PRONOUNS or tok.pos_ == "PRON":
        return None
    if tok.lemma_.lower() in STATEMENT_NOUNS:
        # "an Agence France-Presse analysis", "the ministry's statement", "ISW's report"
        for child in tok.children:
            if (child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN") or \
                    (child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN")):
                return noun_phrase_name(child, names)
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return noun_phrase_name(pobj, names)
        return None
    if tok.lemma_.lower() in _CHIEFS and any(
            t.dep_ == "punct" and t.text == "-" and t.head == tok for t in tok.children):
        # "Commander-in-Chief Oleksandr Syrskyi announces": the hyphenated title parsed
        # as "Commander" with the name under "in"
        for t in tok.subtree:
            if t.pos_ == "PROPN" and t.dep_ == "pobj" and t.i > tok.i + 3:
                name = _person_name(t)
                if name and " " in name:
                    return names.expand(name) if names is not None else name
    if tok.lemma_.lower() in _CHIEFS:
        # "the chief of Russia's General Staff said": the body the chief heads speaks
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ == "of":
                for o in p.children:
                    if o.dep_ == "pobj" and o.ent_type_ != "GPE" and _ORG_WORDS.search(o.text):
                        org = noun_phrase_name(o, names)
                        if org:
                            return org
    if tok.lemma_.lower() in _SPOKES:
        # "a spokesperson for the Israeli military said": the organisation speaks
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ in ("for", "of"):
                for o in p.children:
                    if o.dep_ == "pobj":
                        org = noun_phrase_name(o, names)
                        if org:
                            return org
    if tok.pos_ in ("PROPN", "NOUN") and (
            _ORG_WORDS.search(tok.text) or tok.ent_type_ in ("ORG", "NORP", "GPE")):
        # organisation or country: amod + compounds + "of X" complements, no determiner
        keep = []
        for t in tok.subtree:
            if t.dep_ in ("det", "punct", "relcl", "appos", "acl", "cc") and t.head == tok:
                continue
            keep.append(t)
        # cut relative clauses, appositions and trailing punctuation
        cut = {t.i for c in tok.children if c.dep_ in ("relcl", "appos", "acl", "punct", "cc",
                                                        "conj", "advmod")
               for t in c.subtree}
        cut |= {t.i for c in tok.children if c.dep_ == "prep" and not (
                    c.lower_ == "of" or (c.lower_ in ("for", "on", "in") and any(
                        o.pos_ == "PROPN" and o.text[:1].isupper() for o in c.children)))
                for t in c.subtree}
        keep = [t for t in keep if t.i not in cut and t.dep_ != "det"]
        if keep:
            keep = keep[:12]
            text = _span_text([keep[0], keep[-1]]) if len(keep) > 1 else keep[0].text
            text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
            text = re.sub(r"[’']s$", "", text).strip(" ,")
            if text and len(text) <= 120:
                return text
    name = _person_name(tok)
    if name:
        return names.expand(name) if names is not None else name
    if tok.pos_ == "NOUN":
        # "North Darfur's governor, Nimir Abdel Rahman, told Reuters"; "the governor of the
        # Belgorod region, Vyacheslav Gladkov, said" (the name hung on the "of" complement)
        of_objs = [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj"]
        for c in list(tok.children) + [c for o in of_objs for c in o.children]:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.ent_type_ in ("PERSON", ""):
                name = _person_name(c)
                if name:
                    return names.expand(name) if names is not None else name
    if tok.pos_ == "NOUN":
        # "a Ukrainian serviceman", "the governor": keep as written without determiner
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "punct")]
        text = _span_text(words) if words else tok.text
        if len(text) <= 80 and words and words[0].i >= tok.i - 4:
            return text
    return None


def _speech_subject(verb: Token) -> Token | None:
    subs = [c for c in verb.children if c.dep_ == "nsubj"]
    if subs:
        # the parser sometimes hangs two subjects on "said" ("Israeli airstrikes killed 25
        # ..., health officials said"): the speaker is the one nearest the verb
        child = min(subs, key=lambda c: (c.pos_ not in ("NOUN", "PROPN", "PRON"),
                                         abs(c.i - verb.i)))
        if child.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        return child
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _speech_subject(verb.head)
    if verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG":
        # "..., saying that ...": the subject of the main verb
        return _speech_subject(verb.head)
    return None


def governing_speech_verb(tok: Token) -> Token | None:
    """Return the speech verb whose complement contains ``tok``, or None.

    Parameters
    ----------
    tok : spacy.tokens.Token
        A trigger word.

    Returns
    -------
    spacy.tokens.Token or None
        "said", "added", "wrote", "indicated"...
    """
    cur = tok
    steps = 0
    while cur.head.i != cur.i and steps < 40:
        steps += 1
        head = cur.head
        said = _that_after_speech(cur)
        if said is not None:
            return said
        if head.lemma_.lower() in ACCUSING_VERBS and cur.dep_ == "prep" and \
                cur.lower_ in ("of", "for") and head.pos_ == "VERB":
            # "Ukraine accuses Russia of conducting an airstrike", "blamed Israel for the
            # strike": the accuser claims what the complement says
            return head
        if (head.lemma_.lower() in SPEECH_VERBS or head.lemma_.lower() in DENIAL_VERBS) and \
                _verb_like(head) and \
                cur.dep_ in ("ccomp", "parataxis", "dobj", "xcomp", "conj", "advcl", "dep",
                             "nsubj", "attr", "oprd", "npadvmod"):
            return head
        cur = head
    # the trigger's clause may be the root and the speech verb a parataxis/advcl child
    root = cur
    for child in root.children:
        if child.lemma_.lower() in SPEECH_VERBS and child.pos_ == "VERB" and \
                child.dep_ in ("parataxis", "advcl", "ccomp", "conj") and child.i > tok.i:
            return child
    return None


def _verb_like(tok: Token) -> bool:
    """Whether a token is a verb, or a speech word tagged as a noun that has a subject.

    "a missile that the Houthis claim to have fired": "claim" is tagged NOUN, with
    "Houthis" its nsubj.
    """
    return tok.pos_ in ("VERB", "AUX") or (
        tok.pos_ == "NOUN" and tok.dep_ in ("relcl", "ROOT", "ccomp", "advcl")
        and any(c.dep_ == "nsubj" for c in tok.children))


def _that_after_speech(clause: Token) -> Token | None:
    """Return the speech verb written just before a clause's "that", however parsed.

    "While the Taliban says that ten people were injured, the hospital counts ...": the
    parser hangs "that ... were injured" on "counts"; the words say it is what "says" says.
    """
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is None or mark.i == 0:
        return None
    verb = clause.doc[mark.i - 1]
    if verb.lemma_.lower() in SPEECH_VERBS | DENIAL_VERBS and verb.pos_ == "VERB" and \
            verb.i >= clause.sent.start:
        return verb
    return None


def according_to(sent: Span, names: NameIndex | None = None) -> str | None:
    """Return X of "according to X" in ``sent``, or None."""
    for tok in sent:
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            return noun_phrase_name(pobj, names)
            nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
            if nxt is not None and nxt.lower_ == "to":
                for pobj in nxt.children:
                    if pobj.dep_ == "pobj":
                        return noun_phrase_name(pobj, names)
    return None


def claimant_for(tok: Token, names: NameIndex | None = None) -> tuple[str | None, Token | None]:
    """Return the claimant of the clause holding ``tok`` and its speech verb.

    Parameters
    ----------
    tok : spacy.tokens.Token
        A trigger word.
    names : NameIndex, optional
        For expanding surnames.

    Returns
    -------
    tuple
        (claimant or None, speech verb token or None).
    """
    verb = governing_speech_verb(tok)
    if verb is not None:
        subj = _speech_subject(verb)
        if subj is not None:
            name = noun_phrase_name(subj, names)
            if name:
                return name, verb
        return None, verb
    return according_to(tok.sent, names), None


def sentence_speaker(sent: Span, names: NameIndex | None = None) -> str | None:
    """Return the speaker of a sentence's main speech verb ("..., Gladkov wrote.")."""
    for tok in sent:
        if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ == "VERB":
            subj = _speech_subject(tok)
            if subj is not None:
                name = noun_phrase_name(subj, names)
                if name:
                    return name
    return according_to(sent, names)
