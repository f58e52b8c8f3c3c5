"""Context-aware geocoding of toponym mentions to one gazetteer entry each.

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
:mod:`geo.toponyms`) are dropped unless the context supports them. Analysts'
places (CSV: name, lat, lon, country, admin1) win over the gazetteer.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from geo import settings
from geo.gazetteer import (
    ADJECTIVALS,
    ADMIN1,
    COUNTRY,
    MAIN_NAME,
    OTHER,
    SETTLEMENT,
    Gazetteer,
    Place,
    fold,
    read_user_places,
)
from geo.toponyms import _ADJ_SUFFIXES, DIRECTIONS, STOPWORDS, Mention

PRECISION = {"settlement": 1, "part": 2, "admin1": 3, "country": 4}

_SENT_END = re.compile(r"[.!?]+[\"”’)]*\s+|\n+")
_ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:St|Mt|Ft|Gen|Lt|Col|Sgt|Capt|Mr|Mrs|Ms|Dr|No|Jan|Feb|Aug|"
                     r"Sept?|Oct|Nov|Dec|U\.S|U\.K|vs|approx|est))\.$")
_ADJ_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in ADJECTIVALS), key=len, reverse=True)) + r")\b"
)


@dataclass(frozen=True)
class Resolved:
    """A mention resolved to a place (the claim schema's place columns).

    Parameters
    ----------
    location_text : str
        The place as written, or the phrase it was inferred from.
    place_name, place_id, feature_class, admin1, country_code : str
        The gazetteer entry (``feature_class`` settlement, admin1, country or other).
    latitude, longitude : float
        Representative point (WGS84).
    geo_precision : int
        1 settlement, 2 part of a region / near a settlement, 3 region, 4 country.
    geometry : shapely.Geometry
        Point for a settlement, (Multi)Polygon for a region or country, or the
        part of one for "eastern Ukraine" (WGS84, lon/lat).
    """

    location_text: str
    place_name: str
    place_id: str
    feature_class: str
    admin1: str
    country_code: str
    latitude: float
    longitude: float
    geo_precision: int
    geometry: Any

    def as_dict(self) -> dict[str, Any]:
        """Return the fields as a dict (geometry included)."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def _min_km(lat: float, lon: float, lats: list[float], lons: list[float]) -> float:
    """Great-circle distance in km from a point to the nearest of some points."""
    p1 = math.radians(lat)
    cp1 = math.cos(p1)
    best = 1e9
    for lat2, lon2 in zip(lats, lons, strict=True):
        p2 = math.radians(lat2)
        a = math.sin((p2 - p1) / 2) ** 2 + cp1 * math.cos(p2) * math.sin(
            math.radians(lon2 - lon) / 2
        ) ** 2
        d = 12742.0 * math.asin(math.sqrt(min(1.0, a)))
        if d < best:
            best = d
    return best


_LOCATIVE = frozenset(
    "in into inside within across throughout from to toward towards near at over on of "
    "outside around through entire whole".split()
)


def _locative(text: str, start: int) -> bool:
    """Whether the word before ``start`` is a preposition of place ("in Syria")."""
    before = text[max(0, start - 20) : start].split()
    while before and before[-1].lower() in ("the", "of", "northern", "southern", "eastern",
                                            "western", "central"):
        if before[-1].lower() == "of":
            return True
        before.pop()
    return bool(before) and before[-1].lower() in _LOCATIVE


def _part_of(geom: Any, direction: str) -> Any:
    """Clip a polygon to the part a direction names ("southern" = south half)."""
    minx, miny, maxx, maxy = geom.bounds
    w, h = maxx - minx, maxy - miny
    boxes = {
        "north": (minx, miny + h / 2, maxx, maxy),
        "south": (minx, miny, maxx, miny + h / 2),
        "east": (minx + w / 2, miny, maxx, maxy),
        "west": (minx, miny, minx + w / 2, maxy),
        "northeast": (minx + w / 2, miny + h / 2, maxx, maxy),
        "northwest": (minx, miny + h / 2, minx + w / 2, maxy),
        "southeast": (minx + w / 2, miny, maxx, miny + h / 2),
        "southwest": (minx, miny, minx + w / 2, miny + h / 2),
        "center": (minx + w / 3, miny + h / 3, maxx - w / 3, maxy - h / 3),
    }
    box = boxes.get(direction)
    if box is None:
        return geom
    part = shapely.intersection(geom, shapely.box(*box))
    return part if not part.is_empty else geom


_IMPLAUSIBLE = -1
_POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:[a-z]+\s+)?")
_CLOSED = re.compile(r"\s*(?:[,.;:)!?\u2014\u2013]|$)")
STRONG = 50_000
_CITY_TYPE = re.compile(r"City|Municipal|Capital|Metropol|Borough", re.I)
_DIRECTION_ADJ = {
    "north": "northern", "south": "southern", "east": "eastern", "west": "western",
    "northeast": "north eastern", "northwest": "north western",
    "southeast": "south eastern", "southwest": "south western",
}


_VECTOR_FROM = 24  # anchors beyond which distances are computed with numpy


class _Anchors:
    """Distances to, and regions and countries of, an article's other settlements."""

    def __init__(self, ctx: _Context, own: int | None) -> None:
        self.ctx = ctx
        self.own_pos = ctx._pos.get(own) if own is not None else None
        gaz = ctx.gaz
        self.own_a1 = gaz.a1[own] if self.own_pos is not None else None
        self.own_cc = gaz.cc[own] if self.own_pos is not None else None

    def min_km(self, lat: float, lon: float) -> float:
        """Great-circle distance (km) to the nearest other place."""
        ctx = self.ctx
        if len(ctx.anchors) <= _VECTOR_FROM:
            if self.own_pos is None:
                return _min_km(lat, lon, ctx._lat, ctx._lon)
            keep = [j for j in range(len(ctx.anchors)) if j != self.own_pos]
            return _min_km(lat, lon, [ctx._lat[j] for j in keep], [ctx._lon[j] for j in keep])
        p1, l1 = math.radians(lat), math.radians(lon)
        a = np.sin((ctx._rlat - p1) / 2) ** 2 + math.cos(p1) * ctx._clat * np.sin(
            (ctx._rlon - l1) / 2
        ) ** 2
        d = 12742.0 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
        if self.own_pos is not None:
            d[self.own_pos] = np.inf
        return float(d.min())

    def has_a1(self, a1: str) -> bool:
        """Whether another place of the article lies in this admin-1 region."""
        return self.ctx._a1_count.get(a1, 0) - (a1 == self.own_a1) > 0

    def has_cc(self, cc: str) -> bool:
        """Whether another place of the article lies in this country."""
        return self.ctx._cc_count.get(cc, 0) - (cc == self.own_cc) > 0


class _Context:
    """What an article says about where it is: countries, regions, anchors."""

    def __init__(self, geocoder: Geocoder, text: str, mentions: list[Mention]) -> None:
        gaz = geocoder.gaz
        self.gaz = gaz
        self.text = text
        self.mentions = mentions
        self.spans = geocoder._sentences(text)
        self.sent_idx = [geocoder._sentence_of(self.spans, m.start) for m in mentions]
        self.cands = [geocoder._candidates(m) for m in mentions]
        self.keys = {m.key for m in mentions}
        #: mentions placed by the country written after them ("Moura, Mali,")
        self.elsewhere: dict[int, int] = {}
        #: countries a mention is said to belong to: "Lebanon's Tripoli", "Iraq's Kurdistan
        #: region", "Ukraine's southern Zaporizhzhia region"
        self.owner_cc: dict[int, set[str]] = {}
        for k in range(1, len(mentions)):
            prev = mentions[k - 1]
            if _POSSESSIVE_GAP.fullmatch(text, prev.end, mentions[k].start):
                ccs = {gaz.cc[i] for i, _ in self.cands[k - 1] if gaz.fc_l[i] == COUNTRY}
                if ccs:
                    self.owner_cc[k] = ccs
                    # and the owner is the country its place lies in: "Georgia's Batumi"
                    self.owner_cc[k - 1] = ccs & {gaz.cc[i] for i, _ in self.cands[k]}
        # --- country evidence: named countries, adjectivals, unambiguous places
        self.own_cc: dict[int, tuple[str, float]] = {}  # what each mention itself added
        self.own_a1: dict[int, tuple[str, float, bool]] = {}
        # defaultdicts, not Counters: they are copied per mention, and copy in C
        self.art_cc: defaultdict[str, float] = defaultdict(float)
        self.sent_cc: dict[int, defaultdict[str, float]] = {}
        for k, m in enumerate(mentions):
            c, w = None, 0.0
            cands = self.cands[k]
            if m.kind in ("country", "part") and m.hint == "country":
                ccs = {gaz.cc[i] for i, _ in cands if gaz.fc_l[i] == COUNTRY}
                # "in Syria" says where; "Russia said" names an actor
                w = 1.0 if m.kind == "part" or _locative(text, m.start) else 0.3
                c, w = (ccs.pop(), w) if len(ccs) == 1 else (None, 0.0)
            elif m.kind in ("adjectival", "capital"):
                # "Russian territory" says where; "the Lebanese border" only says near
                near = m.key in ("border", "borders", "frontier", "side")
                c, w = m.country_code, 0.25 if near else 0.6
            elif m.kind == "region_form" or m.hint == "admin1":
                ccs = {gaz.cc[i] for i, _ in cands if gaz.fc_l[i] in (ADMIN1, OTHER)}
                c, w = (ccs.pop(), 1.0) if len(ccs) == 1 else (None, 0.0)
            elif not (m.loose or m.weak):
                # an unambiguous name that is solid evidence: a region or a real town
                ccs = {gaz.cc[i] for i, _ in cands}
                if len(ccs) == 1 and any(
                    gaz.fc_l[i] != SETTLEMENT or gaz.pop_l[i] >= 1000 for i, _ in cands
                ):
                    c, w = next(iter(ccs)), 0.5
            if c:
                self.art_cc[c] += w
                self.sent_cc.setdefault(self.sent_idx[k], defaultdict(float))[c] += w
                self.own_cc[k] = (c, w)
        adj_seen: Counter[str] = Counter()
        for am in _ADJ_RE.finditer(text):
            c = ADJECTIVALS[am.group(1)]
            if adj_seen[c] < 6:
                adj_seen[c] += 1
                self.art_cc[c] += 0.1
        self._shares()
        # --- region evidence: region forms
        self.art_a1: defaultdict[str, float] = defaultdict(float)
        self.sent_a1: dict[int, set[str]] = {}
        for k, m in enumerate(mentions):
            if m.kind == "region_form" or m.hint == "admin1":
                best = geocoder._best_admin1(self.cands[k], self.art_share)
                if best is not None:
                    a1 = gaz.a1[best]
                    sent = self.sent_a1.setdefault(self.sent_idx[k], set())
                    # a region form is no evidence for its own reading either
                    self.own_a1[k] = (a1, 1.0, a1 not in sent)
                    self.art_a1[a1] += 1
                    sent.add(a1)
        self.anchors: list[int] = []
        self._anchor_set: set[int] = set()

    def _shares(self) -> None:
        # saturating shares: one weak clue moves little, many clues approach 1
        total = sum(self.art_cc.values())
        self.art_share = {c: v / (total + 1.0) for c, v in self.art_cc.items()}

    def absorb(self, first: list[int | None]) -> None:
        """Take the first pass's settlements as anchors and its regions as context."""
        gaz = self.gaz
        for k, i in enumerate(first):
            if i is None or i == _IMPLAUSIBLE:
                continue
            fc = gaz.fc_l[i]
            if fc == SETTLEMENT:
                if i not in self._anchor_set:  # each place once: distances cost per anchor
                    self._anchor_set.add(i)
                    self.anchors.append(i)
                self.art_a1[gaz.a1[i]] += 0.5
                prior = self.own_a1.get(k)
                if prior is None:
                    self.own_a1[k] = (gaz.a1[i], 0.5, False)
                elif prior[0] == gaz.a1[i]:
                    self.own_a1[k] = (prior[0], prior[1] + 0.5, prior[2])
            elif fc == ADMIN1 and self.mentions[k].kind != "region_form":
                a1 = gaz.a1[i]
                in_sent = a1 not in self.sent_a1.get(self.sent_idx[k], set())
                self.art_a1[a1] += 1.0
                self.sent_a1.setdefault(self.sent_idx[k], set()).add(a1)
                self.own_a1[k] = (a1, 1.0, in_sent)
                if k not in self.own_cc:
                    self.art_cc[gaz.cc[i]] += 0.5
                    self.own_cc[k] = (gaz.cc[i], 0.5)
        self._shares()
        if self.anchors:
            self._lat = [gaz.lat_l[i] for i in self.anchors]
            self._lon = [gaz.lon_l[i] for i in self.anchors]
            self._pos = {i: j for j, i in enumerate(self.anchors)}
            self._a1_count = Counter(gaz.a1[i] for i in self.anchors)
            self._cc_count = Counter(gaz.cc[i] for i in self.anchors)
            if len(self.anchors) > _VECTOR_FROM:
                self._rlat = np.radians(np.asarray(self._lat))
                self._rlon = np.radians(np.asarray(self._lon))
                self._clat = np.cos(self._rlat)

    def evidence_for(self, k: int) -> tuple[dict[str, float], dict, set[str], dict]:
        """Return the context evidence without what mention ``k`` contributed itself.

        A name is no evidence for its own reading: country shares, article regions,
        sentence regions and country evidence are returned without it.
        """
        art_cc = self.art_cc
        share = self.art_share
        own = self.own_cc.get(k)
        if own is not None:
            art_cc = art_cc.copy()
            art_cc[own[0]] -= own[1]
            total = sum(art_cc.values())
            share = {c: v / (total + 1.0) for c, v in art_cc.items()}
        art_a1 = self.art_a1
        sent_a1 = self.sent_a1.get(self.sent_idx[k], set())
        own_a1 = self.own_a1.get(k)
        if own_a1 is not None:
            art_a1 = art_a1.copy()
            art_a1[own_a1[0]] -= own_a1[1]
            if art_a1[own_a1[0]] <= 1e-9:
                del art_a1[own_a1[0]]
            if own_a1[2]:
                sent_a1 = sent_a1 - {own_a1[0]}
        return share, art_a1, sent_a1, art_cc

    def anchors_except(self, own: int | None) -> _Anchors | None:
        """Return the article's other places, less the mention's own first-pass pick."""
        if not self.anchors or (len(self.anchors) == 1 and self.anchors[0] == own):
            return None
        return _Anchors(self, own)

    def neighbour_regions(self, k: int, step: int) -> tuple[set[str], set[str]]:
        """Regions and countries of the mention right after (+1) or before (-1) ``k``.

        Only when the two are joined by a comma ("Lyman, Donetsk region",
        "Savannah, Georgia"); for the mention before, its settlements' regions.
        """
        j = k + step
        if j < 0 or j >= len(self.mentions):
            return set(), set()
        a, b = (self.mentions[k], self.mentions[j]) if step > 0 else (
            self.mentions[j], self.mentions[k])
        gap = self.text[a.end : b.start]
        if len(gap) > 5 or gap.strip() not in (",", "in", ", in"):
            return set(), set()
        gaz = self.gaz
        a1s, ccs = set(), set()
        for i, _ in self.cands[j]:
            fc = gaz.fc_l[i]
            if step > 0 and fc == ADMIN1:
                a1s.add(gaz.a1[i])
            elif step > 0 and fc == COUNTRY:
                ccs.add(gaz.cc[i])
            elif step < 0 and fc == SETTLEMENT:
                a1s.add(gaz.a1[i])
                ccs.add(gaz.cc[i])
        return a1s, ccs


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
        self._cand_cache: dict[tuple, list[tuple[int, int]]] = {}
        self._part_cache: dict[tuple[int, str], Any] = {}
        self._static_cache: dict[tuple, tuple[list[tuple], dict]] = {}

    # ------------------------------------------------------------------ context

    def _sentences(self, text: str) -> list[tuple[int, int]]:
        """Split text into sentence spans (abbreviations like "U.S." do not end one)."""
        spans = []
        start = 0
        for m in _SENT_END.finditer(text):
            if m.group()[0] == "." and _ABBREV.search(text, max(0, m.start() - 8), m.start() + 1):
                continue
            spans.append((start, m.end()))
            start = m.end()
        if start < len(text):
            spans.append((start, len(text)))
        return spans or [(0, len(text))]

    @staticmethod
    def _sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
        lo, hi = 0, len(spans) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if spans[mid][0] <= pos:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def _candidates(self, m: Mention) -> list[tuple[int, int]]:
        if not m.key:
            return []
        regionish = m.kind == "region_form" or m.hint == "admin1"
        ckey = (m.key, m.loose, regionish, m.name if regionish else "",
                m.text if m.kind == "region_form" else "")
        hit = self._cand_cache.get(ckey)
        if hit is None:
            if len(self._cand_cache) > 50_000:
                self._cand_cache.clear()
            hit = self._cand_cache[ckey] = self._candidates_uncached(m)
        return hit

    def _candidates_uncached(self, m: Mention) -> list[tuple[int, int]]:
        gaz = self.gaz
        cands = gaz.loose_candidates(m.key) if m.loose else gaz.candidates(m.key)
        regionish = m.kind == "region_form" or m.hint == "admin1"
        if cands and not (m.loose or regionish) and all(gaz.fc_l[i] == ADMIN1 for i, _ in cands):
            # "Mykolaiv", "Nabatiye": the spelling names only the province, its capital
            # is spelled another way; the province's towns of that loose name compete
            a1s = {gaz.a1[i] for i, _ in cands}
            have = {i for i, _ in cands}
            cands = cands + [(i, f) for i, f in gaz.loose_candidates(m.key)
                             if i not in have and gaz.fc_l[i] == SETTLEMENT and gaz.a1[i] in a1s]
        if regionish:
            extra: dict[int, int] = {}
            keys = [m.key, fold(m.name)]
            if m.kind == "region_form":
                # the whole phrase may itself be the region's name: "Kurdistan Region"
                # (Iraqi Kurdistan, not Iran's Kurdistan province), "Afar Region"
                keys.append(fold(m.text))
            for word in (m.key, fold(m.name)):
                for suffix, repl in _ADJ_SUFFIXES:
                    if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                        keys.append(word[: len(word) - len(suffix)] + repl)
            for k in keys:
                for idx, flag in gaz.candidates(k):
                    extra[idx] = max(flag, extra.get(idx, -1))
            merged = dict(cands)
            for idx, flag in extra.items():
                merged[idx] = max(flag, merged.get(idx, -1))
            cands = list(merged.items())
        return cands

    # ------------------------------------------------------------------ resolution

    def resolve_article(self, text: str, mentions: list[Mention]) -> list[Resolved | None]:
        """Resolve every mention of one article, jointly.

        Parameters
        ----------
        text : str
            The article text the mentions' offsets refer to.
        mentions : list of Mention
            From :meth:`geo.toponyms.ToponymMatcher.find`.

        Returns
        -------
        list of Resolved or None
            One per mention, in order; None where the mention is not a place
            the context supports.
        """
        if not mentions:
            return []
        ctx = _Context(self, text, mentions)
        for k, m in enumerate(mentions):
            if m.kind == "name":
                country = self._elsewhere_than_said(ctx, k)
                if country is not None:
                    ctx.elsewhere[k] = country
                    ctx.cands[k] = []  # no reading of it may feed the context either
        # first pass: no distances; its settlements become anchors, its regions context
        first = [self._choose(ctx, k, None) for k in range(len(mentions))]
        ctx.absorb(first)
        out: list[Resolved | None] = []
        for k, m in enumerate(mentions):
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
        ctx = _Context(self, text, mentions)
        first = [self._choose(ctx, j, None) for j in range(len(mentions))]
        ctx.absorb(first)
        trace: list = []
        self._choose(ctx, k, ctx.anchors_except(first[k]), trace)
        return sorted(trace, key=lambda t: -t[0])

    def _resolve_one(
        self, ctx: _Context, k: int, m: Mention, first: list[int | None]
    ) -> Resolved | None:
        gaz = self.gaz
        user = self._user_place(m, ctx.art_share)
        if user is not None:
            return self._from_user(m, user)
        if m.kind == "adjectival":
            ci = gaz.country_index(m.country_code or "")
            return self._make(m, ci, 4) if ci is not None else None
        if m.kind == "capital":
            ci = gaz.capital_index(m.country_code or "")
            return self._make(m, ci, 1) if ci is not None else None
        if m.kind == "unknown" or not ctx.cands[k]:
            return self._fallback(ctx, k, first)
        if k in ctx.elsewhere:
            return self._make(m, ctx.elsewhere[k], 4)  # "Moura, Mali": in Mali
        own = first[k]
        if len(ctx.cands[k]) == 1 and own is not None and own != _IMPLAUSIBLE:
            choice = own  # one candidate: the context cannot change the pick
        else:
            choice = self._choose(ctx, k, ctx.anchors_except(own))
        if choice is None:
            return self._fallback(ctx, k, first) if not m.weak else None
        if choice == _IMPLAUSIBLE:
            # a word that is no place here is nothing; a cued or multi-word name
            # ("Tawila, a town in North Darfur") falls back to what the text names
            if m.hint != "settlement" and (m.weak or " " not in m.key or all(
                    w in STOPWORDS or w in DIRECTIONS for w in m.key.split())):
                return None  # "toward the Red Sea" is no unknown place of this story
            return self._fallback(ctx, k, first)
        fc = gaz.fc_l[choice]
        if fc == SETTLEMENT and m.kind == "region_form":
            return self._make(m, choice, 2)  # "Narsingdi district": around the town
        if m.kind == "part" and fc != SETTLEMENT:
            region = self._direction_region(choice, m.direction) if fc == COUNTRY else None
            if region is not None:
                return self._make(m, region, 3)
            return self._make(m, choice, 2, direction=m.direction)
        return self._make(m, choice, {SETTLEMENT: 1, ADMIN1: 3, COUNTRY: 4, OTHER: 3}[fc])

    @staticmethod
    def _listed(ctx: _Context, k: int) -> bool:
        """Whether mention ``k`` sits inside a list ("A, B and C"), not after "in"."""
        ms, text = ctx.mentions, ctx.text
        if k == 0 or text[ms[k - 1].end : ms[k].start] not in (", ", " and ", ", and "):
            return False
        return k + 1 < len(ms) and text[ms[k].end : ms[k + 1].start] in (
            ", ", " and ", ", and ")

    def _elsewhere_than_said(self, ctx: _Context, k: int) -> int | None:
        """Return the country of "X, Country," when none of X's candidates lies in it.

        "Moura, Mali," is not the Portuguese Moura: the gazetteer lacks the place, the
        text says the country. Only an appositive country closed by punctuation counts
        ("hit Belgorod, Ukraine said" is a claimant, not an address).
        """
        if k + 1 >= len(ctx.mentions) or not ctx.cands[k]:
            return None
        nxt = ctx.mentions[k + 1]
        if nxt.kind != "country" or ctx.text[ctx.mentions[k].end : nxt.start] != ", ":
            return None
        if not _CLOSED.match(ctx.text, nxt.end):
            return None
        a1s, ccs = ctx.neighbour_regions(k, +1)
        gaz = self.gaz
        if not ccs or any(gaz.cc[i] in ccs or gaz.a1[i] in a1s for i, _ in ctx.cands[k]):
            return None
        return next((i for i, _ in ctx.cands[k + 1] if gaz.fc_l[i] == COUNTRY), None)

    def _best_admin1(self, cands: list[tuple[int, int]], share: dict[str, float]) -> int | None:
        """Pick the likeliest admin-1 region among candidates (for context gathering)."""
        gaz = self.gaz
        best, best_s = None, -1e9
        for i, flag in cands:
            if gaz.fc_l[i] != ADMIN1:
                continue
            s = math.log10(gaz.pop_l[i] + 10) + (1.0 if flag == MAIN_NAME else 0.0)
            s += 4.0 * share.get(gaz.cc[i], 0.0)
            if _CITY_TYPE.search(gaz.admin1_type(i)):
                s -= 1.0
            if s > best_s:
                best, best_s = i, s
        return best

    def _direction_region(self, country: int, direction: str | None) -> int | None:
        """Return the admin-1 region a country names after a direction ("South", Lebanon)."""
        if not direction or direction == "center":
            return None
        gaz = self.gaz
        cc = gaz.cc[country]
        forms = {direction, _DIRECTION_ADJ.get(direction, direction)}
        wanted = {fold(f) for f in forms}
        wanted |= {f"{w} {fold(gaz.names[country])}" for w in list(wanted)}
        for key in wanted:
            for idx, _flag in gaz.candidates(key):
                if gaz.fc_l[idx] == ADMIN1 and gaz.cc[idx] == cc:
                    return idx
        return None

    def _choose(
        self,
        ctx: _Context,
        k: int,
        anchors: _Anchors | None,
        trace: list | None = None,
    ) -> int | None:
        """Score the candidates of one mention; return a table index, None or _IMPLAUSIBLE."""
        gaz = self.gaz
        m = ctx.mentions[k]
        cands = ctx.cands[k]
        if not cands or m.kind in ("adjectival", "capital", "unknown"):
            return None
        si = ctx.sent_idx[k]
        art_share, art_a1, sent_a1, art_cc = ctx.evidence_for(k)
        sent_cc = ctx.sent_cc.get(si)
        own = ctx.own_cc.get(k)
        if sent_cc is not None and own is not None:
            sent_cc = sent_cc.copy()
            sent_cc[own[0]] -= own[1]
        sent_total = sum(sent_cc.values()) if sent_cc else 0.0
        a1_total = sum(art_a1.values()) or 1.0
        follow_a1, follow_cc = ctx.neighbour_regions(k, +1)
        lead_a1, lead_cc = ctx.neighbour_regions(k, -1)
        owner = ctx.owner_cc.get(k)
        static, settle_big = self._static(m, cands)
        bare = not (m.kind == "region_form" or m.hint in ("admin1", "settlement"))
        city_named = m.kind == "name" and (m.key + " city") in ctx.keys
        # a bare "Ramadi" next to Fallujah: the region's other towns support the
        # province and its capital alike, so they do not overturn "bare is the city"
        # ("Orikhiv, Huliaipole and Zaporizhzhia"); "Orikhiv in Zaporizhzhia" and
        # "Orikhiv, Zaporizhzhia." (an address, not a list) stay the region
        city_a1 = {r[4] for r in static if r[2] == SETTLEMENT} if m.kind == "name" and \
            bare and not city_named and anchors is not None and (
                not lead_a1 or self._listed(ctx, k)) else ()
        best, best_s = None, -1e9
        for i, flag, fc, cc, a1, pop, s in static:
            if bare and fc == ADMIN1 and settle_big.get(cc, 0) * 10 >= pop:
                # a bare "Kharkiv" or "Hama" is the city, not its province; but where the
                # article says "Gaza City" for the city, a bare "Gaza" is the territory
                s += 1.0 if city_named else -2.5
            # countries of the article and the sentence
            s += 2.5 * art_share.get(cc, 0.0)
            if sent_total:
                s += 1.5 * sent_cc.get(cc, 0.0) / (sent_total + 0.5)
            # regions named in the sentence and article
            if a1 and fc != COUNTRY:
                if a1 in sent_a1:
                    s += 2.5
                s += 2.0 * art_a1.get(a1, 0.0) / a1_total
            # "Lyman, Donetsk region" / "Savannah, Georgia"
            if fc == SETTLEMENT and a1 in follow_a1:
                s += 6.0
            if fc != COUNTRY and cc in follow_cc:
                s += 5.0
            if owner is not None and cc in owner and (fc != COUNTRY) != (m.kind == "country"):
                s += 5.0
            if fc == ADMIN1 and a1 in lead_a1:
                s += 4.0
            if fc == COUNTRY and cc in lead_cc:
                s += 4.0
            # the other places of the article
            if anchors is not None:
                if fc == SETTLEMENT:
                    dmin = anchors.min_km(gaz.lat_l[i], gaz.lon_l[i])
                    s += 2.5 if dmin < 50 else 2.0 if dmin < 150 else 1.0 if dmin < 400 else 0.0
                elif fc == ADMIN1 and anchors.has_a1(a1) and not (
                        a1 in city_a1 and settle_big.get(cc, 0) * 10 >= pop):
                    s += 3.5
                elif fc == COUNTRY:
                    s += 1.0 if anchors.has_cc(cc) else -1.0
            if trace is not None:
                trace.append((round(s, 2), gaz.place(i), flag))
            if s > best_s:
                best, best_s = i, s
        if best is None:
            return None
        if not self._plausible(m, best, cands, art_share, art_a1, art_cc, anchors):
            return _IMPLAUSIBLE
        return best

    def _static(self, m: Mention, cands: list[tuple[int, int]]) -> tuple[list[tuple], dict]:
        """Per-candidate facts and context-free score of a mention's candidates (cached).

        The score holds the population (log scale), the main-name bonus or the
        alternate-name penalty, the loose-spelling penalty and the form of the
        mention ("Kursk region" wants a region, "the village of" a settlement).
        """
        regionish = m.kind == "region_form" or m.hint == "admin1"
        key = (m.key, m.loose, regionish, m.hint, m.kind == "country", m.name if regionish else "",
               fold(m.text) if m.kind == "region_form" else "")
        hit = self._static_cache.get(key)
        if hit is not None:
            return hit
        gaz = self.gaz
        main_pops = [
            gaz.pop_l[i] for i, f in cands if f == MAIN_NAME and gaz.fc_l[i] == SETTLEMENT
        ]
        max_main = max(main_pops) if main_pops else 0
        # settlements of the same country as big as a tenth of a region of that name
        settle_big: dict[str, int] = {}
        rows = []
        for i, flag in cands:
            fc, cc, pop = gaz.fc_l[i], gaz.cc[i], gaz.pop_l[i]
            if fc == SETTLEMENT:
                settle_big[cc] = max(settle_big.get(cc, 0), pop)
            s = math.log10(pop + 10.0)
            if flag == MAIN_NAME:
                s += 0.7
            elif max_main and pop < 5 * max_main:
                s -= 2.0  # an old or foreign name of another place ("Pokrovsk" for Engels)
            if m.loose:
                s -= 0.5
            if regionish:
                s += 6.0 if fc in (ADMIN1, OTHER) else -3.0
                if fc == ADMIN1 and _CITY_TYPE.search(gaz.admin1_type(i)):
                    s -= 1.0  # "Kyiv region" is the oblast, not the city's own unit
            elif m.hint == "settlement":
                s += 3.0 if fc == SETTLEMENT else -6.0
            elif fc == COUNTRY:
                s += 2.5
            rows.append((i, flag, fc, cc, gaz.a1[i], pop, s))
        if len(self._static_cache) > 50_000:
            self._static_cache.clear()
        out = self._static_cache[key] = (rows, settle_big)
        return out

    def _plausible(
        self,
        m: Mention,
        idx: int,
        cands: list,
        art_share: dict[str, float],
        art_a1: dict[str, float],
        art_cc: dict[str, float],
        anchors: _Anchors | None,
    ) -> bool:
        """Reject a pick the article's geography does not support.

        A place is supported when its country has evidence in the article, its
        region is named, or another place of the article lies within 300 km.
        Unsupported picks are rejected when they are thin: a weak mention; a
        settlement under 5,000 people (unless the article gives no context at
        all), or under 50,000 reached only through a loose spelling; or, when
        another country clearly dominates the article (a share of 0.3), a
        settlement under 50,000 (unless its country borders one the article is
        about) or a region named by common words ("Maritime" in Togo for a US
        story).
        """
        gaz = self.gaz
        fc = gaz.fc_l[idx]
        if fc == COUNTRY:
            return True
        cc = gaz.cc[idx]
        if art_cc.get(cc, 0.0) >= 0.05 or gaz.a1[idx] in art_a1:
            return True
        if anchors is not None and fc == SETTLEMENT:
            if anchors.min_km(gaz.lat_l[idx], gaz.lon_l[idx]) < 300:
                return True
        if m.weak:
            return False
        # across a border from a country the article is about: Mae Sot in a Myanmar story
        near = gaz.neighbours.get(cc, frozenset())
        bordering = any(art_cc.get(n, 0.0) >= 0.3 for n in near)
        dominated = max(art_share.values(), default=0.0) >= 0.3
        if fc in (ADMIN1, OTHER):
            # "Maritime" (Togo) or "West Coast" (Gambia) in a US story: common words
            generic = all(w in STOPWORDS or w in DIRECTIONS for w in m.key.split())
            return not (dominated and m.kind == "name" and generic)
        pop = gaz.pop_l[idx]
        if pop < 5000 or (m.loose and pop < STRONG):
            # no context at all: a real small place mentioned alone is still taken
            return not (art_share or anchors) and not m.loose
        if m.loose and dominated:
            return False  # a respelling that lands in a country the article never names
        return bordering or not (dominated and pop < STRONG)

    # ------------------------------------------------------------------ fallbacks

    def _fallback(self, ctx: _Context, k: int, first: list[int | None]) -> Resolved | None:
        """Place a mention the gazetteer does not know (or not here), coarsely.

        An unknown region ("Ituri province") goes to the country its sentence,
        else its article, names. Other names, in order: the settlement it is said
        to be near ("near", "outside",
        "on the outskirts of"); the region named in its sentence; the settlement
        it is said to lie north/south/east/west of; the region of a settlement of
        its sentence; for strong mentions, the article's main region, else its
        main country.
        """
        gaz = self.gaz
        m = ctx.mentions[k]
        text = ctx.text
        si = ctx.sent_idx[k]
        same = [j for j in range(len(ctx.mentions)) if ctx.sent_idx[j] == si and j != k]
        # what follows the name says where it is ("Xyz in Darfur"), the nearest first
        same.sort(key=lambda j: (j < k, abs(j - k)))
        if m.hint == "admin1":
            # an unknown region ("Ituri province"): the country its sentence or article names
            for j in same:
                i = first[j]
                if i is not None and i != _IMPLAUSIBLE and gaz.fc_l[i] == COUNTRY:
                    return self._make(m, i, 4)
            if ctx.art_share:
                ci = gaz.country_index(max(ctx.art_share, key=ctx.art_share.get))
                if ci is not None:
                    return self._make(m, ci, 4)
            return None
        if m.hint == "district":
            # a quarter of a city: the city its sentence names
            for j in same:
                i = first[j]
                if i is not None and i != _IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
                    return self._make(m, i, 2)
        nxt = sorted(j for j in same if j > k)
        rel = None
        if nxt:
            between = text[m.end : ctx.mentions[nxt[0]].start].lower()
            if re.search(r"\b(near|outside|close to|outskirts of|next to|just)\b", between):
                rel = "near"
            elif re.search(r"\b(north|south|east|west|northeast|northwest|southeast|southwest)"
                           r"(ern)? of\b", between):
                rel = "direction"
        if rel == "near":
            i = first[nxt[0]]
            if i is not None and i != _IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
                return self._make(m, i, 2)
        for j in same:
            i = first[j]
            if i is not None and i != _IMPLAUSIBLE and gaz.fc_l[i] in (ADMIN1, OTHER):
                return self._make(m, i, 3)
        if rel == "direction":
            i = first[nxt[0]]
            if i is not None and i != _IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
                return self._make(m, i, 2)
        if m.kind == "unknown" and m.hint != "admin1":
            # "In Tulkarm, troops raided the Nur Shams camp": a cued place the gazetteer
            # lacks is near the town its sentence names, not anywhere in that town's region
            for j in same:
                i = first[j]
                if i is not None and i != _IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
                    return self._make(m, i, 2)
        for j in same:
            i = first[j]
            if i is not None and i != _IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
                a = gaz.admin1_index(gaz.a1[i])
                if a is not None:
                    return self._make(m, a, 3)
        if m.weak:
            return None
        if ctx.art_a1:
            code = max(ctx.art_a1, key=ctx.art_a1.get)
            a = gaz.admin1_index(code)
            if a is not None:
                return self._make(m, a, 3)
        if ctx.art_share:
            cc = max(ctx.art_share, key=ctx.art_share.get)
            ci = gaz.country_index(cc)
            if ci is not None:
                return self._make(m, ci, 4)
        return None

    def _user_place(self, m: Mention, art_share: dict[str, float]) -> Place | None:
        if not self.user_places:
            return None
        options = self.user_places.get(fold(m.name)) or self.user_places.get(m.key)
        if not options:
            return None
        return max(options, key=lambda p: art_share.get(p.country_code, 0.0))

    def _from_user(self, m: Mention, p: Place) -> Resolved:
        return Resolved(
            location_text=m.text,
            place_name=p.name,
            place_id=p.place_id,
            feature_class="settlement",
            admin1=p.admin1_name,
            country_code=p.country_code,
            latitude=p.lat,
            longitude=p.lon,
            geo_precision=1,
            geometry=shapely.Point(p.lon, p.lat),
        )

    def _make(self, m: Mention, idx: int, precision: int, direction: str | None = None) -> Resolved:
        gaz = self.gaz
        p = gaz.place(idx)
        geom = gaz.geometry_at(idx)
        lat, lon = p.lat, p.lon
        if direction and p.feature_class != "settlement":
            # the geometry is the part named ("southern Lebanon"); the point stays the
            # entry's own representative point, as for the place itself
            part = self._part_cache.get((idx, direction))
            if part is None:
                part = self._part_cache[(idx, direction)] = _part_of(geom, direction)
            geom = part
        return Resolved(
            location_text=m.text,
            place_name=p.name,
            place_id=p.place_id,
            feature_class=p.feature_class,
            admin1=p.admin1_name,
            country_code=p.country_code,
            latitude=float(lat),
            longitude=float(lon),
            geo_precision=precision,
            geometry=geom,
        )

    # ------------------------------------------------------------------ focus

    def article_focus(self, text: str, resolved: list[Resolved | None]) -> Resolved | None:
        """Return the place an article is mainly about.

        The most mentioned region when it holds at least two mentions and
        40 % of the regional ones (precision 3), else the most mentioned
        country (precision 4), else None.

        Parameters
        ----------
        text : str
            The article text (unused beyond its adjectives when nothing resolved).
        resolved : list of Resolved or None
            Output of :meth:`resolve_article`.

        Returns
        -------
        Resolved or None
            The focus, with ``location_text`` the region's or country's name.
        """
        gaz = self.gaz
        a1_count: Counter[str] = Counter()
        cc_count: Counter[str] = Counter()
        for r in resolved:
            if r is None:
                continue
            if r.country_code:
                cc_count[r.country_code] += 1
            if r.feature_class in ("settlement", "admin1") and not r.place_id.startswith("user:"):
                idx = gaz.index_of(r.place_id)
                if gaz.a1[idx]:
                    a1_count[gaz.a1[idx]] += 1
        if not cc_count:
            for am in _ADJ_RE.finditer(text):
                cc_count[ADJECTIVALS[am.group(1)]] += 1
        if a1_count:
            code, n = a1_count.most_common(1)[0]
            if n >= 2 and n / sum(a1_count.values()) >= 0.4:
                idx = gaz.admin1_index(code)
                if idx is not None:
                    name = gaz.names[idx]
                    return self._make(Mention(0, 0, name, "focus", name=name), idx, 3)
        if cc_count:
            cc, _ = cc_count.most_common(1)[0]
            idx = gaz.country_index(cc)
            if idx is not None:
                name = gaz.names[idx]
                return self._make(Mention(0, 0, name, "focus", name=name), idx, 4)
        return None
