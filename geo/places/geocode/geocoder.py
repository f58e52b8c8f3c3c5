"""Resolving an article's place mentions to one gazetteer entry each, in context.

Homonyms are the hard part: "Pokrovsk" is a city in Donetsk, a town in Yakutia
and an old name of Engels; "Lebanon" is a country and fifteen American towns;
"Georgia" a country and a US state. Each mention's candidates are scored
jointly over the article:

- the candidate's own weight: population (log scale), whether the mention is
  its main name or only an alternate one, whether it matched only loosely;
- the form of the mention: "Kursk region" wants a region, "the village of"
  a settlement, a bare name that is both a region and its capital city the city;
- the countries the article talks about (country names and adjectives, weighted
  more in the mention's own sentence);
- the regions named in the sentence and the article, and a region or country
  right after the name ("Lyman, Donetsk region", "Alexandria, Virginia");
- distance to the other places of the article (a first pass resolves every
  mention without distances; its settlements are the anchors of the second);
- a name is never evidence for its own reading: each mention's own
  contribution to the article's countries and regions is left out when it is
  scored.

A pick the article's geography does not support (a small place in a country
the article never mentions, far from its other places, while another country
dominates; a town across the border of a country the article is about is
supported) is dropped. "Southern Lebanon" is the governorate a country names
after the direction (South Lebanon); "eastern Ukraine" is Ukraine with the
eastern half as its geometry (precision 2).

A mention whose place is not in the gazetteer ("the village of Xyz") falls
back to the settlement it is said to be near, the region named in its
sentence, or the article's main region or country, with a coarser
``geo_precision`` (1 settlement, 2 part of a region or near a settlement,
3 region, 4 country); it never lands on a random homonym. Weak mentions (see
:mod:`geo.places.matcher`) are dropped unless the context supports them. Analysts'
places (CSV: name, lat, lon, country, admin1) win over the gazetteer.

The steps a mention goes through each live in a module of this package:
:mod:`~geo.places.geocode.candidates` (the entries its name may mean),
:mod:`~geo.places.geocode.context` (what the article says about where it is),
:mod:`~geo.places.geocode.score` (scoring and rejecting candidates),
:mod:`~geo.places.geocode.fallback` (coarse places when none fits) and
:mod:`~geo.places.geocode.resolved` (the claim's place columns).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from geo import settings
from geo.places.countries import ADJECTIVALS
from geo.places.gazetteer import Gazetteer
from geo.places.geocode.candidates import (
    IMPLAUSIBLE,
    CandidateFinder,
    FuzzyNames,
    FuzzyRegions,
)
from geo.places.geocode.context import ArticleContext
from geo.places.geocode.fallback import (
    AREA_NOUNS,
    article_focus,
    district_town,
    fallback,
    focus_region,
    inside,
    qualifier_region,
)
from geo.places.geocode.resolved import Resolved, from_user, make_resolved
from geo.places.geocode.score import (
    BORDER_KM,
    Priors,
    address_country,
    address_region,
    choose,
    contradicted_by_address,
    direction_region,
    elsewhere_than_said,
    near_country,
)
from geo.places.keys import fold
from geo.places.lexicon import DIRECTIONS, STOPWORDS
from geo.places.mentions import Mention
from geo.places.place import ADMIN1, COUNTRY, MAIN_NAME, OTHER, SETTLEMENT, Place
from geo.places.user_places import read_user_places

#: Places smaller than this are checked against the region their address names further on
#: (homonyms of small places abound; a town this big is rarely misplaced by its address).
SMALL = 10_000

_COUNTRYSIDE_AFTER = re.compile(r"(?:['’]s)?\s+(?:rural\s+)?(?:countryside|hinterland)\b",
                                re.IGNORECASE)
_COUNTRYSIDE_BEFORE = re.compile(
    r"(?:\b(?:countryside|hinterland|rural\s+areas?)\s+of\s+(?:the\s+)?|\b(?:Reef|Rif)\s+)$",
    re.IGNORECASE)


_URBAN_PART = re.compile(r"\s+(?:neighbou?rhood|quarter|colonia|barrio|suburb)\b",
                         re.IGNORECASE)
#: Words around a town's name that put a claim near the town, not in it: "Damascus
#: Suburbs", "the Palmyra desert", "the Douentza area", "suburb of Mehtarlam city".
_AROUND_AFTER = re.compile(r"(?:['’]s)?\s+(?:suburbs|outskirts|environs|surroundings|vicinity|"
                           r"desert|area|periphery)\b", re.IGNORECASE)
_AROUND_BEFORE = re.compile(r"\b(?:suburbs?|outskirts|environs|surroundings|vicinity|"
                            r"periphery)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


#: Words that open a region's name and that the matcher reads as no name of their own.
_REGION_QUALIFIER = re.compile(r"\b(Middle|Upper|Lower|Central|North|South|East|West|Northern|"
                               r"Southern|Eastern|Western)\s+$")


def around(text: str, m: Mention) -> bool:
    """Whether the text puts the claim around a named town rather than in it."""
    return bool(_AROUND_AFTER.match(text, m.end) or
                _AROUND_BEFORE.search(text, max(0, m.start - 30), m.start))


def city_of_quarter(gaz: Gazetteer, ctx: ArticleContext, k: int, first: list[int | None],
                    choice: int) -> int | None:
    """Return the city a named quarter belongs to, when its homonym lies elsewhere.

    "Mariana neighborhood, east side of the capital, Porto Velho municipality": the
    quarter is in Porto Velho, not the town of Mariana 2,500 km away. The city is a
    settlement of the same sentence more than 30 km from the homonym.
    """
    from geo.places.geocode.context import min_km_to

    si = ctx.sent_idx[k]
    for j in sorted(range(len(ctx.mentions)), key=lambda j: abs(j - k)):
        q = first[j]
        if j == k or ctx.sent_idx[j] != si or q is None or q == IMPLAUSIBLE or \
                gaz.fc_l[q] != SETTLEMENT:
            continue
        far = min_km_to(gaz.lat_l[choice], gaz.lon_l[choice], [gaz.lat_l[q]], [gaz.lon_l[q]])
        return q if far > 30 else None
    return None


def countryside(text: str, m: Mention) -> bool:
    """Whether the text means the country around a city, not the city.

    "Hama countryside", "the southern countryside of Idlib", "Reef Hama" (Arabic for
    rural Hama): the province around the city, the city's own region.
    """
    window = text[max(0, m.start - 40) : m.end + 30].lower()
    if "countryside" not in window and "hinterland" not in window and "rural" not in window \
            and "reef " not in window and "rif " not in window:
        return False  # the common case, without the patterns
    return bool(_COUNTRYSIDE_AFTER.match(text, m.end) or
                _COUNTRYSIDE_BEFORE.search(text, max(0, m.start - 40), m.start))


class Geocoder:
    """Resolve toponym mentions in an article to gazetteer entries.

    Parameters
    ----------
    gazetteer : Gazetteer
        The loaded gazetteer.
    user_places : str, Path or list of Place, optional
        Analysts' places that win over the gazetteer: a CSV path (name, lat,
        lon, country, admin1) or places already read. Default: the
        ``user_places`` setting, if set.
    """

    def __init__(self, gazetteer: Gazetteer, user_places: Any = None) -> None:
        self.gaz = gazetteer
        if user_places is None:
            path = settings.get("user_places")
            user_places = path or None
        if isinstance(user_places, str | Path):
            user_places = read_user_places(user_places)
        self.user_places: dict[str, list[Place]] = {}
        for p in user_places or ():
            self.user_places.setdefault(fold(p.name), []).append(p)
        self._adj_keys = {fold(k): v for k, v in ADJECTIVALS.items()}
        self.finder = CandidateFinder(gazetteer)
        self.priors = Priors(gazetteer)
        self.fuzzy = FuzzyNames(gazetteer)
        self.regions = FuzzyRegions(gazetteer)
        self._part_cache: dict[tuple[int, str], Any] = {}

    # ------------------------------------------------------------------ context

    def resolve_article(self, text: str, mentions: list[Mention]) -> list[Resolved | None]:
        """Resolve every mention of one article, jointly.

        Parameters
        ----------
        text : str
            The article text the mentions' offsets refer to.
        mentions : list of Mention
            From :meth:`geo.places.matcher.ToponymMatcher.find`.

        Returns
        -------
        list of Resolved or None
            One per mention, in order; None where the mention is not a place
            the context supports.
        """
        if not mentions:
            return []
        ctx = ArticleContext(self.gaz, self.finder, text, mentions)
        for k, m in enumerate(mentions):
            country = elsewhere_than_said(self.gaz, ctx, k) if m.kind == "name" else None
            if country is not None:
                ctx.elsewhere[k] = country
                ctx.cands[k] = []  # no reading of it may feed the context either
            elif contradicted_by_address(self.gaz, ctx, k):
                ctx.contradicted.add(k)
                ctx.cands[k] = []
            elif m.kind == "unknown" and m.hint == "admin1":
                self._misspelt_region(ctx, k)
        # first pass: no distances; its settlements become anchors, its regions context
        first = [choose(self.gaz, self.priors, ctx, k, None) for k in range(len(mentions))]
        ctx.absorb(first)
        out: list[Resolved | None] = []
        for k, m in enumerate(ctx.mentions):
            out.append(self._resolve_one(ctx, k, m, first))
        return out

    def explain(self, text: str, mentions: list[Mention], k: int) -> list[tuple]:
        """Return the scored candidates of mention ``k`` in context, best first (debugging).

        Parameters
        ----------
        text : str
            The article text.
        mentions : list of Mention
            All mentions of the article.
        k : int
            Which mention.

        Returns
        -------
        list of tuple
            ``(score, Place, flag)``, highest score first.
        """
        ctx = ArticleContext(self.gaz, self.finder, text, mentions)
        first = [choose(self.gaz, self.priors, ctx, j, None) for j in range(len(mentions))]
        ctx.absorb(first)
        trace: list = []
        choose(self.gaz, self.priors, ctx, k, ctx.anchors_except(first[k]), trace)
        return sorted(trace, key=lambda t: -t[0])

    def _resolve_one(
        self, ctx: ArticleContext, k: int, m: Mention, first: list[int | None]
    ) -> Resolved | None:
        gaz = self.gaz
        user = self._user_place(m, ctx.art_share)
        if user is not None:
            return from_user(m, user)
        if m.kind == "adjectival":
            if m.key in AREA_NOUNS:
                focus = focus_region(gaz, ctx, m.country_code or "")
                if focus is not None:
                    return self._make(m, focus, 3)  # "Russian territory" in a Kursk story
            ci = gaz.country_index(m.country_code or "")
            return self._make(m, ci, 4) if ci is not None else None
        if m.kind == "capital":
            ci = gaz.capital_index(m.country_code or "")
            return self._make(m, ci, 1) if ci is not None else None
        # the region or country the text gives: "Novoselivka, Donetsk", "X (Homs)"
        region = qualifier_region(gaz, ctx, k, first)
        own = first[k]
        if k in ctx.contradicted:
            # every reading lies far from the country its address names ("Praia do
            # Futuro, Fortaleza, ..., Brazil"): no reading of it, what the address gives
            choice: int | None = IMPLAUSIBLE
        elif m.kind == "unknown" or not ctx.cands[k]:
            if region is not None and m.hint == "admin1" and gaz.fc_l[region] == ADMIN1:
                # "Degehamedo woreda, Degehabur zone, Somali region": in the zone named
                # after its town; "Agatu LGA, Benue": in Benue State
                town = district_town(gaz, ctx, k, first, region)
                return self._make(m, town, 2) if town is not None else self._make(m, region, 3)
            if region is not None and m.hint != "admin1":
                # a spelling variant of a settlement inside the region the text names
                near = self.fuzzy.near(fold(m.name), gaz.cc[region],
                                       lambda i: inside(gaz, i, region))
                if near is not None:
                    # a spelling guess, not a name the gazetteer knows: near it (precision 2)
                    return self._make(m, near, 2)
                town = district_town(gaz, ctx, k, first, region)
                if town is not None:
                    return self._make(m, town, 2)
                return self._make(m, region, 4 if gaz.fc_l[region] == COUNTRY else 3)
            return fallback(self.gaz, ctx, k, first, self._make)
        elif k in ctx.elsewhere:
            return self._make(m, ctx.elsewhere[k], 4)  # "Moura, Mali": in Mali
        elif len(ctx.cands[k]) == 1 and own is not None and own != IMPLAUSIBLE:
            choice = own  # one candidate: the context cannot change the pick
        else:
            choice = choose(self.gaz, self.priors, ctx, k, ctx.anchors_except(own))
        if region is None and m.kind == "name" and choice is not None and choice >= 0 and \
                gaz.fc_l[choice] == SETTLEMENT and gaz.pop_l[choice] < SMALL:
            # "near X village ... in the East Champaran district, Bihar, India": a small
            # place must lie in the region further along its address
            region = address_region(gaz, ctx, k, first)
        if region is not None and (choice is None or choice == IMPLAUSIBLE or not inside(
                gaz, choice, region)) and not (
                choice is not None and choice >= 0 and gaz.fc_l[region] == COUNTRY and
                gaz.fc_l[choice] == ADMIN1 and near_country(gaz, choice, region, BORDER_KM)):
            # a region on the border of the country its address names ("West Bank,
            # Israel") stays; a town abroad does not
            # a homonym elsewhere contradicts what the text says: the region it names
            town = district_town(gaz, ctx, k, first, region)
            if town is not None:
                return self._make(m, town, 2)
            return self._make(m, region, 4 if gaz.fc_l[region] == COUNTRY else 3)
        if choice is None:
            return fallback(self.gaz, ctx, k, first, self._make) if not m.weak else None
        if choice == IMPLAUSIBLE:
            # a word that is no place here is nothing; a cued or multi-word name
            # ("Tawila, a town in North Darfur") falls back to what the text names
            if m.hint != "settlement" and (m.weak or " " not in m.key or all(
                    w in STOPWORDS or w in DIRECTIONS for w in m.key.split())):
                return None  # "toward the Red Sea" is no unknown place of this story
            return fallback(self.gaz, ctx, k, first, self._make)
        fc = gaz.fc_l[choice]
        if fc == SETTLEMENT and _URBAN_PART.match(ctx.text, m.end):
            town = city_of_quarter(gaz, ctx, k, first, choice)
            if town is not None:
                return self._make(m, town, 2)  # "Mariana neighborhood, ... Porto Velho"
        if fc == SETTLEMENT and m.kind in ("name", "part") and countryside(ctx.text, m):
            a = gaz.admin1_index(gaz.a1[choice]) if gaz.a1[choice] else None
            if a is not None:
                return self._make(m, a, 3)  # "Hama countryside": the province, not the city
        if fc == SETTLEMENT and m.kind == "region_form":
            share = ctx.evidence_for(k)[0]
            top = max(share, key=share.get) if share else None
            if top is not None and share[top] >= 0.3 and gaz.cc[choice] != top and not (
                    region is not None and gaz.fc_l[region] == ADMIN1 and
                    inside(gaz, choice, region)):
                # "Zabol province, ..., Afghanistan" is no area around Zabol in Iran
                return fallback(self.gaz, ctx, k, first, self._make)
            return self._make(m, choice, 2)  # "Narsingdi district": around the town
        if fc == SETTLEMENT and (m.kind == "part" or around(ctx.text, m)):
            # "south Idlib", "Damascus Suburbs", "the Palmyra desert": near the town
            return self._make(m, choice, 2)
        if m.kind == "part" and fc != SETTLEMENT:
            region = direction_region(self.gaz, choice, m.direction) if fc == COUNTRY else None
            if region is not None:
                return self._make(m, region, 3)
            return self._make(m, choice, 2, direction=m.direction)
        return self._make(m, choice, {SETTLEMENT: 1, ADMIN1: 3, COUNTRY: 4, OTHER: 3}[fc])

    def _misspelt_region(self, ctx: ArticleContext, k: int) -> None:
        """Read an unknown region as the region of its country spelt like it, if one is.

        "Khyber Pakhtunkwa province, Pakistan": the country closing the address, else
        the one the article is clearly about, gives the regions to compare with.
        """
        gaz, m = self.gaz, ctx.mentions[k]
        j = address_country(gaz, ctx, k)
        cc = next((gaz.cc[i] for i, _ in ctx.cands[j] if gaz.fc_l[i] == COUNTRY),
                  None) if j is not None else None
        if cc is None and ctx.art_share:
            top = max(ctx.art_share, key=ctx.art_share.get)
            cc = top if ctx.art_share[top] >= 0.3 else None
        if not cc:
            return
        idx = None
        # a qualifier the matcher leaves out of the name: "Middle Shabelle region"
        q = _REGION_QUALIFIER.search(ctx.text, max(0, m.start - 12), m.start)
        if q is not None:
            idx = self.regions.near(fold(f"{q.group(1)} {m.name}"), cc)
        if idx is None:
            idx = self.regions.near(fold(m.name), cc)
        if idx is None:
            return
        ctx.mentions = list(ctx.mentions)  # the caller's list stays as it was
        ctx.mentions[k] = dataclasses.replace(m, kind="region_form", key=fold(gaz.names[idx]))
        ctx.cands[k] = [(idx, MAIN_NAME)]

    def _user_place(self, m: Mention, art_share: dict[str, float]) -> Place | None:
        if not self.user_places:
            return None
        options = self.user_places.get(fold(m.name)) or self.user_places.get(m.key)
        if not options:
            return None
        return max(options, key=lambda p: art_share.get(p.country_code, 0.0))

    def _make(self, m: Mention, idx: int, precision: int, direction: str | None = None) -> Resolved:
        return make_resolved(self.gaz, m, idx, precision, direction, self._part_cache)

    # ------------------------------------------------------------------ focus

    def article_focus(self, text: str, resolved: list[Resolved | None]) -> Resolved | None:
        """Return the place an article is mainly about (see :func:`.fallback.article_focus`)."""
        return article_focus(self.gaz, text, resolved, self._make)
