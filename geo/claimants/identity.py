"""Who a claimant is: one id, name, side and kind for every way a text names it.

A claimant phrase as written ("the Russian Defense Ministry", "Kyiv", "Syrskyi", "the
ministry", "the governor") is resolved in this order:

1. a known alias of ``data/claimants/aliases.csv`` (or the analyst's CSV), the whole phrase;
2. a known alias inside the phrase ("ISW's latest assessment"), country and capital words
   excepted (they only say whose institution it is);
3. a side plus an institution word: "Moscow's defence ministry" -> ``russia:defence-ministry``
   (sides normalised by :func:`geo.extract.actors.normalise_actor`, institutions from
   ``institutions.csv``); a side alone ("Ukraine said") is its government;
4. a person's name: transliteration variants share a key ("Syrsky", "Syrskyi", "Syrskiy"),
   close spellings of a known person match it (rapidfuzz);
5. an institution word or a title with no side or name ("the ministry", "the governor")
   refers back to the last institution of that kind, or the last person of that title, the
   article named before (in a claim or anywhere in its text).

What stays unresolved keeps the words of the text as its name and has no id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from geo import settings
from geo.claimants.aliases import (
    DATA_DIR,
    OBSERVER_KINDS,
    AliasTable,
    Claimant,
    Institution,
    Title,
    _rows,
    fold,
    load_table,
    slug,
)
from geo.claimants.states import is_state, states
from geo.extract.actors import COUNTRIES, GROUPS, normalise_actor

_NAME_WORD = r"[A-Z][\w'’.-]+"
_NAME_RE = re.compile(
    rf"{_NAME_WORD}(?: (?:(?:al|el|bin|ibn|de|van|von|abu)[- ])?{_NAME_WORD}){{0,3}}")
#: words that make a capitalised phrase an organisation rather than a person's name
_ORG_WORDS = re.compile(
    r"\b(?:society|societies|agency|council|committee|commission|centre|center|institute|"
    r"foundation|union|federation|association|network|movement|front|party|group|forces?|"
    r"army|brigades?|service|office|ministry|department|bureau|news|radio|tv|television|"
    r"press|times|post|journal|observatory|monitor|watch|adom|crescent|cross|mission|"
    r"authority|court|parliament|assembly|university|hospital|company|corporation|"
    r"defen[cs]e|guard|police|command|staff|alliance|coalition|brotherhood|militia|"
    r"organi[sz]ation|diocese|church|charity)\b",
    re.IGNORECASE)
#: an organisation's name: capitalised words with the small words of names between them
_ORG_NAME_RE = re.compile(
    rf"(?:[Tt]he )?{_NAME_WORD}(?: (?:(?:of|on|for|and|the|in|de|al)[- ])*{_NAME_WORD}){{2,9}}")
#: where an organisation stands, after its name ("... in northern Gaza")
_LOCATIVE = re.compile(r",? in (?:[a-z]+ )*[A-Z][\w'’ -]*$")
#: a state's name and one organisation word: "The Indonesia Hospital", "Kenya Red Cross"
_ORG_PLACE_NAME = re.compile(rf"(?:[Tt]he )?{_NAME_WORD} (?:{_NAME_WORD} )?"
                             r"(?:Hospital|Red Cross|Red Crescent|University|Society)")
#: a role word and the person's name after it, the roles :data:`titles.csv` has no row for
#: (a title there makes the person known through the article, ``coreference``)
_ROLE_NAME = re.compile(
    r"(?P<role>.*\b(?:official|adviser|advisor|aide|envoy|negotiator|representative|"
    r"officer|leader|chief|secretary-general|secretary general|commissioner|"
    r"director-general|rapporteur)),?\s+"
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+(?:(?:al|el|bin|ibn|de|abu)[- ])?"
    r"[A-Z][\w'’.-]+){1,3})", re.IGNORECASE)
#: words of an organisation's name that make it an armed group
_ARMED_ORG = re.compile(r"\b(?:army|liberation|front|brigades?|militia|rebels?|brotherhood|"
                        r"resistance|mujahideen|insurgents?)\b",
                        re.IGNORECASE)
#: words of a phrase that are about the side rather than the claimant itself
_FILLER = {"officials", "official", "authorities", "side", "sources", "source", "leadership",
           "command", "government", "state", "'s", "s"}


# ------------------------------------------------------------------ person names

def _word_key(word: str) -> str:
    """Transliteration-neutral key of one name word ("Syrskyi" and "Syrsky" -> "syrsky")."""
    w = re.sub(r"[^a-z]", "", fold(word))
    w = w.replace("ks", "x").replace("kh", "h").replace("ie", "e").replace("j", "y")
    w = re.sub(r"(?:iy|yi|ii|yy|ij)$", "y", w)
    w = re.sub(r"ey$", "ei", w)
    w = re.sub(r"i$", "y", w)
    w = re.sub(r"(.)\1+", r"\1", w)
    return w


def name_key(name: str) -> str:
    """Return the key of a person's name ("Oleksandr Syrskyi" -> "olexandr-syrsky").

    Parameters
    ----------
    name : str
        A name as written.

    Returns
    -------
    str
        Keys of its words joined by "-".
    """
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("al", "el")]
    return "-".join(k for k in (_word_key(w) for w in words) if k)


def looks_like_name(phrase: str) -> bool:
    """Whether a phrase is a person's name: one to five capitalised words."""
    return bool(_NAME_RE.fullmatch(phrase.strip())) and len(phrase.split()) <= 5


@dataclass
class _People:
    """Known persons of the table by name key, for exact and close matching."""

    by_key: dict[str, Claimant] = field(default_factory=dict)
    by_last: dict[str, list[Claimant]] = field(default_factory=dict)

    @classmethod
    def of(cls, table: AliasTable) -> _People:
        people = cls()
        for alias, claimant in table.by_alias.items():
            if not claimant.claimant_id.startswith("person:"):
                continue
            key = name_key(alias)
            people.by_key.setdefault(key, claimant)
            last = key.rsplit("-", 1)[-1]
            lst = people.by_last.setdefault(last, [])
            if claimant not in lst:
                lst.append(claimant)
        return people

    def find(self, name: str) -> Claimant | None:
        key = name_key(name)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        parts = key.split("-")
        same_last = self.by_last.get(parts[-1], [])
        if len(same_last) == 1 and (len(parts) == 1 or self._first_fits(parts[0], same_last[0])):
            return same_last[0]
        if len(key) < 6:
            return None
        hit = process.extractOne(key, list(self.by_key), scorer=fuzz.ratio, score_cutoff=90)
        if hit is not None and hit[0].rsplit("-", 1)[-1][:1] == parts[-1][:1]:
            return self.by_key[hit[0]]
        return None

    def _first_fits(self, first: str, claimant: Claimant) -> bool:
        keys = [k for k, c in self.by_key.items() if c is claimant and "-" in k]
        return any(k.split("-")[0][:1] == first[:1] for k in keys) or not keys


# ------------------------------------------------------------------ one phrase

@dataclass(frozen=True)
class Mention:
    """What a claimant phrase says on its own.

    Attributes
    ----------
    claimant : Claimant or None
        Resolved without context.
    institution : Institution or None
        An institution word with no side ("the ministry"): resolve from the article.
    title : Title or None
        A title with no name ("the governor"): resolve from the article.
    side : str or None
        The side the phrase names, when it names no institution or person ("a Ukrainian
        soldier").
    indefinite : bool
        The phrase introduces someone ("a military spokesman", "an official"): it refers
        back to no one the article named before.
    """

    claimant: Claimant | None = None
    institution: Institution | None = None
    title: Title | None = None
    side: str | None = None
    indefinite: bool = False


class Resolver:
    """Resolves claimant phrases against one alias table (cached per phrase).

    Parameters
    ----------
    table : AliasTable, optional
        Loaded with :func:`geo.claimants.aliases.load_table` (and the ``user_claimants``
        setting) if omitted.
    """

    def __init__(self, table: AliasTable | None = None) -> None:
        if table is None:
            table = load_table(settings.get("user_claimants") or None)
        self.table = table
        self.people = _People.of(table)
        markers = set(COUNTRIES) | {a for a, _ in _group_aliases()}
        for alias, c in table.by_alias.items():
            if c.claimant_id.endswith(":government") and " " not in alias:
                markers.add(alias)
        inner = sorted((a for a in table.by_alias if a not in markers and len(a) >= 2),
                       key=len, reverse=True)
        self._inner = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, inner)) + r")(?![\w-])")
        self.mention = lru_cache(maxsize=65536)(self._mention)

    # -- phrase analysis
    def _alias(self, folded: str, phrase: str) -> Claimant | None:
        hit = self.table.by_alias.get(folded)
        if hit is not None and _case_ok(folded, phrase):
            return hit
        # the longest known name inside the phrase: "UN humanitarian agency OCHA" is OCHA
        found = [m.group(1) for m in self._inner.finditer(folded) if _case_ok(m.group(1), phrase)]
        if found:
            return self.table.by_alias[max(found, key=len)]
        return None

    def _mention(self, phrase: str) -> Mention:
        folded = fold(phrase)
        if not folded:
            return Mention()
        hit = self.table.by_alias.get(folded)
        if hit is not None and _case_ok(folded, phrase):
            return Mention(hit)
        role = _ROLE_NAME.fullmatch(phrase.strip())
        if role is not None:
            # "Israeli National Security Council official Tzachi Hanegbi": the person, who
            # speaks for the side (or the known body) the words before the role name; a
            # body inside the role ("junta leader Assimi Goita") is not the claimant
            person = self._role_person(role.group("role"), role.group("name"))
            if person is not None:
                return Mention(person)
        un = self._un_body(folded)
        if un is not None:
            return Mention(un)
        local = _LOCAL_AUTHORITIES.fullmatch(phrase.strip())
        if local is not None and side_of(phrase) is not None and \
                states().side(local.group("place")) is None:
            # "Authorities in Touboro, North Region, Cameroon": the place's own officials
            side = side_of(phrase)
            return Mention(Claimant(f"{slug(side)}:local:{slug(local.group('place'))}",
                                    phrase.strip(), side, "local official"))
        hit = self._alias(folded, phrase)
        if hit is not None:
            return Mention(hit)
        side = side_of(phrase)
        inst = self.table.institution(folded)
        title = self.table.title(folded)
        if side is not None and inst is not None and inst.slug in (
                "government", "regional-administration") and _INSTALLED_ONLY.search(phrase):
            # "Russian-appointed local officials", "Moscow-installed authorities": the
            # officials a side put in place, not that side's government
            return Mention(Claimant(f"{slug(side)}:installed-officials",
                                    f"{side}-installed officials", side, "local official"))
        if side is not None and inst is not None and not (
                title and inst.slug == "military" and title.title != "spokesperson"):
            # "Yemeni military spokesman": the spokesperson speaks for the institution; a
            # "Russian military analyst" or "commander" is not the military itself
            return Mention(self.institution_of(side, inst), institution=inst, side=side)
        if side is not None and title is None:
            rest = _without_side(folded)
            if not rest or all(w in _FILLER for w in rest.split()):
                return Mention(self.side_itself(side))
        if looks_like_name(phrase) and title is None and (
                inst is None or _beyond(folded, inst.pattern)):
            return Mention(self._named(phrase, side))
        # "The Indonesia Hospital in northern Gaza": the name before where it stands
        core = _LOCATIVE.sub("", phrase.strip())
        if (_ORG_NAME_RE.fullmatch(core) or _ORG_PLACE_NAME.fullmatch(core)) and \
                _ORG_WORDS.search(core) and (
                side is None or (side_of(core, states_too=False) is None and
                                 "'s" not in folded)) and title is None and (
                inst is None or _beyond(folded, inst.pattern)):
            # "Kenya National Commission on Human Rights", "Law Society of Kenya": an
            # organisation's own name, with its small words
            return Mention(self._organisation(re.sub(r"^[Tt]he ", "", core),
                                              inst.kind if inst is not None else None))
        if inst is not None and inst.kind == "local official" and side is None and \
                phrase.strip()[:1].isupper() and _beyond(folded, inst.pattern):
            # "Sumy regional military administration": a region's own body
            return Mention(Claimant("org:" + slug(phrase), phrase.strip(), None, inst.kind))
        if inst is not None or title is not None:
            return Mention(institution=inst, title=title, side=side,
                           indefinite=bool(_INDEFINITE.match(phrase.strip().lower())))
        return Mention(side=side)

    def _un_body(self, folded: str) -> Claimant | None:
        """Return the UN body a phrase names by its field ("the UN migration agency")."""
        if not folded.startswith("un ") or not UN_HEADS.search(folded):
            return None
        rest = folded[3:]
        for cid, pattern in _un_fields():
            if pattern.search(rest) and cid in self.table.by_id:
                return self.table.by_id[cid]
        return None

    def _named(self, phrase: str, side: str | None) -> Claimant | None:
        """Return the person of the table, a new person or an organisation a name is."""
        found = self.people.find(phrase)
        if found is not None:
            return found
        words = phrase.split()
        if _ORG_WORDS.search(phrase) and side is None:
            return self._organisation(phrase.strip(), None)
        if _ORG_WORDS.search(phrase) or (len(words) == 1 and phrase.isupper()):
            return Claimant("org:" + slug(phrase), phrase.strip(), side, None)
        if len(words) == 1 and phrase.lower().endswith("s"):
            return None  # "Rebels", "Teachers": a group of people, not a name
        return Claimant("person:" + name_key(phrase), phrase.strip(), side, None)

    def _organisation(self, name: str, kind: str | None) -> Claimant:
        """Return an organisation no side owns: an armed group speaks for itself."""
        name = re.sub(r"^[Tt]he ", "", name.strip())
        if _ARMED_ORG.search(name):
            # "Pa-O National Liberation Army", "Ta'ang National Liberation Army"
            return Claimant("group:" + slug(name), name, name, "armed group")
        return Claimant("org:" + slug(name), name, None, kind)

    def _role_person(self, role: str, name: str) -> Claimant | None:
        """Return the person a role word names ("Hamas official" + "Basem Naim")."""
        person = self.people.find(name)
        if person is not None:
            return person
        if not looks_like_name(name) or len(name.split()) < 2:
            return None
        side = None if REGIME_WORDS.search(role) else side_of(role)
        body = None
        if side is None and not REGIME_WORDS.search(role):
            body = self._alias(fold(role), role)
            side = body.side if body is not None else None
        kind = "military" if re.search(r"\bofficer\b", role, re.IGNORECASE) else "government"
        if body is not None and body.kind in OBSERVER_KINDS:
            kind = body.kind  # "United Nations Secretary-General Antonio Guterres"
        return Claimant("person:" + name_key(name), name, side, kind)

    def institution_of(self, side: str, inst: Institution) -> Claimant:
        """Return a side's institution ("Russia" + defence-ministry)."""
        if not is_state(side):
            group = self.side_itself(side)
            if inst.slug in ("military", "government"):
                return group
            side_slug = group.claimant_id.split(":", 1)[-1]
        else:
            side_slug = slug(side)
        cid = f"{side_slug}:{inst.slug}"
        known = self.table.by_id.get(cid)
        if known is not None:
            return known
        return Claimant(cid, f"{side} {inst.name.lower()}" if inst.slug != "ministry" else
                        f"{side} ministry", side, inst.kind)

    def side_itself(self, side: str) -> Claimant:
        """Return the claimant a side names on its own ("Ukraine" -> its government)."""
        if is_state(side):
            cid = f"{slug(side)}:government"
            return self.table.by_id.get(cid) or Claimant(cid, f"Government of {side}", side,
                                                         "government")
        for c in self.table.by_id.values():
            if c.name == side and c.kind in ("armed group", "military"):
                return c
        return Claimant(f"group:{slug(side)}", side, side, "armed group")


#: head words of a UN body named by its field ("agency" of "the UN migration agency")
UN_HEADS = re.compile(r"\b(?:agency|agencies|organi[sz]ation|office|body|chief|head|"
                      r"watchdog|fund|programme|program|commissioner|coordinator)\b")
#: "Authorities in Touboro, North Region, Cameroon", "officials in Rakhine"
_LOCAL_AUTHORITIES = re.compile(r"(?:[Tt]he |[Ll]ocal )?(?:[Aa]uthorities|[Oo]fficials) in "
                                r"(?P<place>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)*)(?:, .*)?")


@lru_cache(maxsize=1)
def _un_fields() -> list[tuple[str, re.Pattern]]:
    """Rows of ``data/claimants/un_bodies.csv``: (claimant id, field pattern)."""
    out = []
    path = DATA_DIR / "un_bodies.csv"
    for n, row in _rows(path):
        try:
            out.append((row["claimant_id"], re.compile(row["pattern"])))
        except (KeyError, re.error) as exc:
            raise ValueError(f"{path}:{n}: field 'pattern': {exc}") from exc
    return out


#: words for a kind of regime rather than one side ("junta leader Assimi Goita" is Mali's,
#: not Myanmar's): the side comes from the sentence
REGIME_WORDS = re.compile(r"\b(?:junta|regime)\b", re.IGNORECASE)
#: an indefinite noun phrase introduces someone new ("a spokesman", "an army officer", "one
#: official"); it refers back to no one
_INDEFINITE = re.compile(r"(?:a|an|one|another|one of the)\s")
_INSTALLED = re.compile(r"(?<![\w-])([A-Z][\w]+)-(?:installed|appointed|backed|controlled|"
                        r"led|run|held)\b")
_INSTALLED_ONLY = re.compile(r"-(?:installed|appointed)\b")


@lru_cache(maxsize=4)
def default_resolver(user_claimants: str = "") -> Resolver:
    """Return the resolver of the shipped tables plus an analyst's CSV (cached per path)."""
    return Resolver(load_table(user_claimants or None))


def _beyond(folded: str, pattern: re.Pattern) -> bool:
    """Whether a name says more than an institution word ("Ta'ang National Liberation Army")."""
    rest = pattern.sub(" ", folded)
    return any(w not in _FILLER and w not in ("of", "the") for w in re.findall(r"[\w']+", rest))


def side_of(phrase: str, *, states_too: bool = True) -> str | None:
    """Return the side a phrase names ("Moscow-installed officials" -> "Russia"), or None.

    Besides what :func:`geo.extract.actors.normalise_actor` knows, a side's own country name
    in the possessive ("South Korea's National Intelligence Service", "Kenya's police"):
    the actor list knows many sides by their demonym only.
    """
    m = _INSTALLED.search(phrase)
    if m:
        return normalise_actor(m.group(1))
    found = normalise_actor(phrase)
    if found is None and ("'s" in phrase or "\u2019s" in phrase):
        owner = _possessive_country().search(phrase)
        if owner is not None:
            found = _COUNTRY_SIDES[owner.group(1).lower()]
    if found is None and states_too:
        # a state the actor list does not know: "the Tajik government", "Kinshasa"
        found = states().side(phrase)
    return found


#: a side's country name, lower case -> the side ("south korea" -> "South Korea")
_COUNTRY_SIDES = {side.lower(): side for side in COUNTRIES.values()}


@lru_cache(maxsize=1)
def _possessive_country() -> re.Pattern:
    names = sorted(_COUNTRY_SIDES, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")['\u2019]s\b",
                      re.IGNORECASE)


def _group_aliases() -> list[tuple[str, str]]:
    return [(a, n) for n, aliases in GROUPS.items() for a in aliases if n in ("Ukraine", "Russia")]


def _case_ok(alias: str, phrase: str) -> bool:
    """Short aliases ("AP", "UN", "WHO", "Kyiv") count only when not written in lower case."""
    if len(alias) > 4 or " " in alias:
        return True
    m = re.search(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", phrase, re.IGNORECASE)
    # not written so: folding made it ("United Nations" -> "un")
    return m is None or not m.group(0).islower()


def _without_side(folded: str) -> str:
    """Return the folded phrase with its country, demonym and capital words removed."""
    folded = _folded_states().sub(" ", re.sub(r"'s\b", "", folded))
    keep = [w for w in folded.split() if w not in COUNTRIES and w not in (
        "kyiv", "kiev", "moscow", "kremlin")]
    return " ".join(keep)


@lru_cache(maxsize=1)
def _folded_states() -> re.Pattern:
    """Every state name of :mod:`geo.claimants.states`, folded, as whole words."""
    names = sorted({fold(n) for n in states().side_of_name if len(n) > 2}, key=len,
                   reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
