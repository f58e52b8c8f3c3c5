"""Normalise the side that acted ("Ukrainian forces" -> "Ukraine").

:func:`normalise_actor` maps a noun phrase to a canonical actor name or None. Named armed
groups are matched first (longest alias wins), then demonyms and country names.
"""

from __future__ import annotations

import re

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
    "Myanmar military": ("tatmadaw", "myanmar military", "myanmar army", "myanmar junta",
                         "junta", "myanmar's military", "myanmar's junta"),
    "People's Defence Force": ("people's defence force", "people's defense force", "pdf"),
    "Boko Haram": ("boko haram",),
    "Fano": ("fano",),
    "Tigray People's Liberation Front": ("tplf", "tigray people's liberation front",
                                         "tigrayan forces"),
    "FARDC": ("fardc", "congolese army", "congolese armed forces"),
    "Ukraine": ("ukrainian armed forces", "armed forces of ukraine", "zsu", "kyiv", "kiev"),
    "Russia": ("russian armed forces", "moscow", "kremlin"),
}

#: Demonyms and country names -> canonical country actor.
COUNTRIES: dict[str, str] = {
    "ukrainian": "Ukraine", "ukraine": "Ukraine", "russian": "Russia", "russia": "Russia",
    "israeli": "Israel", "palestinian": "Palestine", "sudanese": "Sudan", "sudan": "Sudan",
    "syrian": "Syria", "syria": "Syria", "lebanese": "Lebanon", "lebanon": "Lebanon",
    "iranian": "Iran", "iran": "Iran", "iraqi": "Iraq", "iraq": "Iraq", "turkish": "Turkey",
    "turkey": "Turkey", "american": "United States", "us": "United States",
    "u.s.": "United States", "united states": "United States", "british": "United Kingdom",
    "chinese": "China", "china": "China", "taiwanese": "Taiwan", "indian": "India",
    "india": "India", "pakistani": "Pakistan", "pakistan": "Pakistan", "afghan": "Afghanistan",
    "yemeni": "Yemen", "saudi": "Saudi Arabia", "egyptian": "Egypt", "libyan": "Libya",
    "ethiopian": "Ethiopia", "eritrean": "Eritrea", "somali": "Somalia", "congolese": "DR Congo",
    "rwandan": "Rwanda", "rwanda": "Rwanda", "malian": "Mali", "nigerian": "Nigeria",
    "burkinabe": "Burkina Faso", "nigerien": "Niger", "chadian": "Chad", "myanmar": "Myanmar",
    "burmese": "Myanmar", "thai": "Thailand", "cambodian": "Cambodia", "armenian": "Armenia",
    "azerbaijani": "Azerbaijan", "azeri": "Azerbaijan", "georgian": "Georgia",
    "belarusian": "Belarus", "north korean": "North Korea", "south korean": "South Korea",
    "kenyan": "Kenya", "ugandan": "Uganda", "mozambican": "Mozambique", "venezuelan": "Venezuela",
    "colombian": "Colombia", "mexican": "Mexico", "haitian": "Haiti", "french": "France",
    "german": "Germany", "polish": "Poland", "jordanian": "Jordan", "kurdish": "Kurdish forces",
    "libya": "Libya", "yemen": "Yemen", "somalia": "Somalia", "ethiopia": "Ethiopia",
    "israel": "Israel", "myanmar's": "Myanmar",
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
    r"aircraft|police|guards?|side|officials?|gunmen|paramilitar\w*|invaders?|occupiers?|"
    r"strikes?|attacks?|shelling|bombardment|assaults?|offensive|incursion|raids?)\b",
    re.IGNORECASE)


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
