"""Claimants in an article: references back ("the ministry", "the governor") and the frame step.

:func:`resolve_claimants` gives every claim of a claims frame its ``claimant_id``,
``claimant_name``, ``claimant_side`` and ``claimant_kind``. Per article, in sentence order,
it keeps the institutions and titled people the article has named so far (found in its text,
or resolved in an earlier claim), so "the ministry" after "Russia's defence ministry" is that
ministry and "the governor" is the governor the article named. A person named with a title
("Ukrainian President Volodymyr Zelenskiy", "Kursk Governor Alexei Smirnov") takes the
title's kind and the side the words before it name, unless the alias table knows them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import pandas as pd

from geo import settings
from geo.claimants.aliases import INDEPENDENT, OBSERVER_KINDS, Claimant, fold
from geo.claimants.identity import _NAME_RE, Mention, Resolver, default_resolver, name_key
from geo.claimants.states import is_state, sentence_side
from geo.extract.actors import COUNTRIES, normalise_actor
from geo.places.countries import ADJECTIVALS

IDENTITY_COLUMNS = ("claimant_id", "claimant_name", "claimant_side", "claimant_kind")

#: country code -> the side named like claim actors ("UA" -> "Ukraine")
SIDE_OF_CODE = {code: COUNTRIES[adj.lower()] for adj, code in ADJECTIVALS.items()
                if adj.lower() in COUNTRIES}
#: titles that, alone, point back to the person the article named with them
REFERRING_TITLES = ("governor", "mayor", "head", "spokesperson", "commander", "president",
                    "minister")
#: how far before an institution word the side that owns it may be written
_SIDE_WINDOW = 48


@dataclass(frozen=True)
class Antecedent:
    """Something an article named that a later reference may point back to."""

    offset: int
    claimant: Claimant
    slug: str | None = None  # institution slug
    title: str | None = None  # person's title


class ArticleContext:
    """The institutions and titled people one article names, by position in its text.

    Parameters
    ----------
    text : str
        The article text (or its claims' sentences joined, when the text is not at hand).
    resolver : Resolver
        Resolves the phrases found.
    """

    def __init__(self, text: str, resolver: Resolver) -> None:
        self.text = text
        self.resolver = resolver
        self.found: list[Antecedent] = []
        self._scan()

    def _scan(self) -> None:
        text = self.text
        low = re.sub(r"defense", "defence", text.lower().replace("\u2019", "'"))
        table = self.resolver.table
        covered: list[tuple[int, int]] = []
        for inst in table.institutions:
            if inst.slug == "ministry":
                continue  # "the Russian ministry" refers back; it names no ministry itself
            for m in inst.pattern.finditer(low):
                if any(s <= m.start() < e or s < m.end() <= e for s, e in covered):
                    continue  # "ministry" inside "foreign ministry", found by an earlier row
                covered.append((m.start(), m.end()))
                start = max(0, m.start() - _SIDE_WINDOW)
                before = re.split(r"[.;:!?\n]|, (?!\w+'s)", text[start:m.start()])[-1]
                after = re.match(r" of (?:the )?(?:[A-Z][\w'-]+ ?|of (?:the )?){1,6}",
                                 text[m.end():m.end() + 40])
                phrase = before + text[m.start():m.end()] + (after.group(0) if after else "")
                side = normalise_actor(phrase)
                if side is None:
                    continue
                named = self.resolver.mention(phrase.strip()).claimant
                if named is not None and named.claimant_id.endswith(":installed-officials"):
                    self.found.append(Antecedent(m.start(), named, "installed-officials"))
                    continue
                self.found.append(Antecedent(m.start(), self.resolver.institution_of(side, inst),
                                             inst.slug))
        for title in table.titles:
            if title.title not in REFERRING_TITLES:
                continue
            for m in title.pattern.finditer(low):
                self._titled_person(m, title.title, title.kind)
        self.found.sort(key=lambda a: a.offset)

    def _titled_person(self, m: re.Match, title: str, kind: str) -> None:
        text = self.text
        right = re.match(r"(?:,? )((?:(?:al|el|bin|ibn|de)[- ])?" + _NAME_RE.pattern + ")",
                         text[m.end():m.end() + 80])
        left = re.search(r"(" + _NAME_RE.pattern + r"), (?:the |a |an )?(?:[\w'’-]+ ){0,4}$",
                         text[max(0, m.start() - 80):m.start()])
        name = right.group(1) if right else (left.group(1) if left else None)
        if not name or len(name.split()) < 2:
            return
        name = re.sub(r"['’]s$", "", name)
        words = name.split()
        while words and self.resolver.table.title(words[0].lower()):
            words = words[1:]  # "Governor Vyacheslav Gladkov" caught from "regional"
        if len(words) < 2:
            return
        name = " ".join(words)
        start = max(0, m.start() - _SIDE_WINDOW)
        before = re.split(r"[.;:!?\n]|, ", text[start:m.start()])[-1]
        side = normalise_actor(before + text[m.start():m.end()])
        if side is None and before.strip():
            # "KNU spokesman Padoh Saw Taw Nee": a body the table knows speaks through them
            body = self.resolver.mention(before.strip()).claimant
            side = body.side if body is not None and body.claimant_id else None
        claimant = self.resolver.mention(name).claimant
        if claimant is None:
            return
        if title == "spokesperson" and is_state(side) and \
                self.resolver.table.institution(fold(before)) is None:
            kind = "government"  # "Afghanistan spokesperson X": the state's, not its army's
        if claimant.side is None or claimant.kind is None:
            claimant = replace(claimant, side=claimant.side or side,
                               kind=claimant.kind or kind)
        self.found.append(Antecedent(m.start(), claimant, None, title))

    def person(self, claimant: Claimant) -> Claimant:
        """Return a person with the side and kind the article's titles give them."""
        if claimant.side is not None and claimant.kind is not None:
            return claimant
        for a in self.found:
            if a.claimant.claimant_id == claimant.claimant_id and a.title is not None:
                return replace(claimant, side=claimant.side or a.claimant.side,
                               kind=claimant.kind or a.claimant.kind)
        return claimant

    def back(self, mention: Mention, before: int) -> Claimant | None:
        """Return what a bare institution word or title refers back to, or None.

        The closest compatible antecedent before ``before``: the same institution or title,
        and the same side when the mention's own words name one ("the Yemeni military
        spokesman" is never the US military's). An indefinite mention ("a military
        spokesman") introduces someone new and refers back to no one.
        """
        if mention.indefinite:
            return None
        cands = [a for a in self.found if a.offset < before]
        for a in reversed(cands):
            if mention.side is not None and a.claimant.side != mention.side:
                continue
            if mention.institution is not None and a.slug is not None and _same_slug(
                    mention.institution.slug, a.slug) and not (
                    a.slug == "military" and a.claimant.kind == "armed group"):
                return a.claimant
            if mention.title is not None and a.title == mention.title.title and \
                    a.title in REFERRING_TITLES:
                return a.claimant
        return None

    def add(self, offset: int, claimant: Claimant, mention: Mention) -> None:
        """Record a claimant a claim resolved, for later references."""
        slug_ = claimant.claimant_id.split(":", 1)[-1] if ":" in claimant.claimant_id else None
        title = mention.title.title if mention.title is not None else None
        self.found.append(Antecedent(offset, claimant, slug_, title))
        self.found.sort(key=lambda a: a.offset)


def _same_slug(bare: str, named: str) -> bool:
    """Whether a bare institution word can mean a named one ("ministry", "defence-ministry")."""
    return bare == named or (bare == "ministry" and named.endswith("ministry")) or (
        bare == "government" and named == "installed-officials")


def resolve_one(phrase: str | None, ctx: ArticleContext | None, offset: int,
                resolver: Resolver, country_side: str | None = None,
                sentence: str | None = None) -> Claimant | None:
    """Resolve one claimant phrase at ``offset`` of an article.

    ``country_side`` (the side of the claim's country) is the side of a local official
    nothing else gives one. A body named with no side that refers back to nothing the
    article named ("Police say", "State media accuses", "the government said") is the
    body of the state ``sentence`` is about (named as a place there), else of the claim's
    country, else of the state the sentence names by an adjective.

    Returns
    -------
    Claimant or None
        None for no phrase; an unresolved phrase gives a claimant with an empty id.
    """
    if phrase is None or not str(phrase).strip():
        return None
    phrase = str(phrase)
    mention = resolver.mention(phrase)
    claimant = mention.claimant
    generic = claimant is not None and claimant.claimant_id.endswith(":ministry")
    if (claimant is None or generic) and ctx is not None and (
            mention.institution or mention.title):
        claimant = ctx.back(mention, offset) or claimant
    if claimant is None and mention.side is None and mention.institution is not None and \
            mention.title is None and not mention.indefinite and sentence:
        at = sentence.find(phrase)
        home = sentence_side(sentence, at if at >= 0 else None, places_only=True) or \
            country_side or sentence_side(sentence, at if at >= 0 else None)
        if home is not None:
            claimant = _of_side(home, mention, phrase, resolver)
            if not claimant.claimant_id:
                claimant = None
    if claimant is None and mention.side is None and country_side and _home_body(phrase,
                                                                                   mention):
        # "a government military spokesman" in an article about Yemen: the body of the
        # country the claim is about, when nothing in the article is meant
        claimant = _of_side(country_side, mention, phrase, resolver)
    if claimant is None:
        kind = (mention.institution.kind if mention.institution is not None else
                mention.title.kind if mention.title is not None else None)
        claimant = Claimant("", phrase.strip(), mention.side, kind)
    elif claimant.claimant_id.startswith("person:") and ctx is not None:
        claimant = ctx.person(claimant)
    if claimant.claimant_id.startswith("person:") and claimant.side is None and \
            claimant.kind in ("government", "military", "local official") and sentence:
        # "junta leader Assimi Goita", "Defense Minister Yoav Gallant": the state the
        # sentence names first (its subject's), else the claim's country
        side = sentence_side(sentence, first=True)
        claimant = replace(claimant, side=side or country_side)
    if claimant.side is None and country_side and (
            claimant.kind == "local official" or (claimant.kind == "government" and
                                                  claimant.claimant_id.startswith("person:"))):
        # a local official, or a minister or president named with no side ("Interior
        # Minister Sarfraz Bugti"), speaks for the country of the claim
        claimant = replace(claimant, side=country_side)
    if claimant.side is None and claimant.kind in OBSERVER_KINDS and not (
            mention.institution is not None and mention.institution.slug == "state-media"):
        # observers are independent; a state's own outlets are not, whoever the state is
        claimant = replace(claimant, side=INDEPENDENT)
    if ctx is not None and claimant.claimant_id:
        ctx.add(offset, claimant, mention)
    return claimant


#: words that make a sideless institution the state's own ("government forces", "a state
#: television", "official")
_STATE_WORDS = re.compile(r"\b(?:government|state|official)\b", re.IGNORECASE)


def _home_body(phrase: str, mention: Mention) -> bool:
    """Whether a phrase with no side of its own is the claim country's institution.

    Either the state's by its own words ("a government military spokesman", "government
    forces") or an indefinite institution or official ("a defence ministry spokesman"),
    which introduces someone new rather than pointing back.
    """
    if mention.institution is None and mention.title is None:
        return False
    kind = (mention.institution or mention.title).kind
    if kind not in ("military", "government", "local official"):
        return False
    if mention.institution is not None and mention.title is None and \
            mention.institution.slug not in _GENERIC_BODIES:
        # "The Ministry of National Defense blames ...", "the interior ministry said" with
        # no such body named before: a named body of the state is the claim country's
        return True
    return bool(_STATE_WORDS.search(phrase)) or (mention.indefinite and
                                                 mention.institution is not None)


#: institution words too general to be the claim country's own without a side word ("the
#: army", "the government", "the ministry", "forces" may be any side's)
_GENERIC_BODIES = frozenset({"military", "government", "ministry"})


def _of_side(side: str, mention: Mention, phrase: str, resolver: Resolver) -> Claimant:
    """Return the institution (or an unnamed official) of ``side`` a mention names."""
    if mention.institution is not None and mention.institution.slug not in ("ministry",
                                                                             "government"):
        return resolver.institution_of(side, mention.institution)
    if mention.institution is not None and mention.institution.slug == "government" and \
            mention.title is None:
        return resolver.side_itself(side)
    kind = (mention.title or mention.institution).kind
    return Claimant("", phrase.strip(), side, kind)


def resolve_claimants(claims: pd.DataFrame, texts: Mapping[str, str] | None = None,
                      resolver: Resolver | None = None) -> pd.DataFrame:
    """Return ``claims`` with the claimant identity columns filled.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``article_id``, ``sentence_index``, ``sentence`` and ``claimant``.
    texts : mapping, optional
        Article id -> article text, where references are looked up; without it the claims'
        own sentences stand in for the text.
    resolver : Resolver, optional
        Built from the shipped tables and the ``user_claimants`` setting if omitted.

    Returns
    -------
    pandas.DataFrame
        A copy with ``claimant_id``, ``claimant_name``, ``claimant_side`` and
        ``claimant_kind`` (missing where the claim names no claimant; ``claimant_id``
        missing too where the phrase could not be resolved).
    """
    out = claims.copy()
    n = len(out)
    values: dict[str, list] = {c: [None] * n for c in IDENTITY_COLUMNS}
    if n == 0 or "claimant" not in out.columns:
        for c in IDENTITY_COLUMNS:
            out[c] = pd.Series(values[c], index=out.index, dtype="string")
        return out
    resolver = resolver or default_resolver(settings.get("user_claimants"))
    order = out.reset_index(drop=True)
    sidx = pd.to_numeric(order.get("sentence_index"), errors="coerce").fillna(0)
    order = order.assign(_pos=range(n), _si=sidx).sort_values(["article_id", "_si", "_pos"],
                                                               kind="stable")
    for aid, group in order.groupby("article_id", sort=False):
        sentences = group["sentence"].astype("string").fillna("").tolist()
        text = (texts or {}).get(aid) if texts is not None else None
        if not text:
            text = "\n".join(dict.fromkeys(sentences))
        ctx = ArticleContext(text, resolver) if group["claimant"].notna().any() else None
        cursor = 0
        codes = group["country_code"] if "country_code" in group else [None] * len(group)
        for pos, sentence, phrase, cc in zip(group["_pos"], sentences, group["claimant"],
                                             codes, strict=True):
            at = text.find(sentence, cursor) if sentence else -1
            if at < 0:
                at = text.find(sentence) if sentence else -1
            end = (at + len(sentence)) if at >= 0 else len(text)
            cursor = max(cursor, at if at >= 0 else cursor)
            if at >= 0 and not pd.isna(phrase):
                # where the phrase itself stands: "Ukraine says ... Authorities say ..." on
                # one line refers back to Ukraine, not to what the line names after it
                inside = text.find(str(phrase), at, end)
                end = inside + len(str(phrase)) if inside >= 0 else end
            claimant = resolve_one(None if pd.isna(phrase) else phrase, ctx, end, resolver,
                                   SIDE_OF_CODE.get(str(cc)) if pd.notna(cc) else None,
                                   sentence)
            if claimant is None:
                continue
            values["claimant_id"][pos] = claimant.claimant_id or None
            values["claimant_name"][pos] = claimant.name
            values["claimant_side"][pos] = claimant.side
            values["claimant_kind"][pos] = claimant.kind
    _merge_surnames(values)
    for c in IDENTITY_COLUMNS:
        out[c] = pd.Series(values[c], index=out.index, dtype="string")
    return out


def _merge_surnames(values: dict[str, list]) -> None:
    """Give a bare surname ("person:syrsky") the id of the one full name sharing it.

    Then every mention of a person gets the side and kind the other mentions of that
    person give, where its own words give none ("Gallant also claims ...").
    """
    ids = values["claimant_id"]
    full: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for i, cid in enumerate(ids):
        if cid and cid.startswith("person:") and "-" in cid[7:]:
            full.setdefault(cid.rsplit("-", 1)[-1], set()).add(cid)
            names.setdefault(cid, values["claimant_name"][i])
    for i, cid in enumerate(ids):
        if cid and cid.startswith("person:") and "-" not in cid[7:]:
            match = full.get(cid[7:], set())
            if len(match) == 1:
                ids[i] = next(iter(match))
                values["claimant_name"][i] = names[ids[i]]
    for col in ("claimant_side", "claimant_kind"):
        known: dict[str, list[str]] = {}
        for cid, v in zip(ids, values[col], strict=True):
            if cid and cid.startswith("person:") and v:
                known.setdefault(cid, []).append(v)
        for i, cid in enumerate(ids):
            if cid in known and not values[col][i]:
                values[col][i] = max(set(known[cid]), key=known[cid].count)


__all__ = ["ArticleContext", "IDENTITY_COLUMNS", "name_key", "resolve_claimants",
           "resolve_one"]
