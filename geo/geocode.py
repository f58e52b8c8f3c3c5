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
- distance to the other places of the article resolved unambiguously.

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
from collections import Counter
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
    SETTLEMENT,
    Gazetteer,
    Place,
    fold,
    read_user_places,
)
from geo.toponyms import _ADJ_SUFFIXES, Mention

PRECISION = {"settlement": 1, "part": 2, "admin1": 3, "country": 4}

_SENT_RE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|\n|$)")
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
        part of one for "southern Lebanon" (WGS84, lon/lat).
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


def _haversine_km(lat1: float, lon1: float, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    p1, p2 = math.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dl = np.radians(lon2) - math.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


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

    # ------------------------------------------------------------------ context

    def _sentences(self, text: str) -> list[tuple[int, int]]:
        spans = [(m.start(), m.end()) for m in _SENT_RE.finditer(text)]
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
        gaz = self.gaz
        if not m.key:
            return []
        cands = gaz.loose_candidates(m.key) if m.loose else gaz.candidates(m.key)
        if m.kind == "region_form" or m.hint == "admin1":
            extra: dict[int, int] = {}
            keys = [m.key, fold(m.name)]
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
        gaz = self.gaz
        spans = self._sentences(text)
        sent_idx = [self._sentence_of(spans, m.start) for m in mentions]
        cands = [self._candidates(m) for m in mentions]

        # --- country evidence: named countries, adjectivals, unambiguous places
        art_cc: Counter[str] = Counter()
        sent_cc: dict[int, Counter[str]] = {}
        for k, m in enumerate(mentions):
            c = None
            w = 0.0
            if m.kind in ("country", "part") and m.hint == "country":
                ccs = {gaz.cc[i] for i, _ in cands[k] if int(gaz.fclass[i]) == COUNTRY}
                # "in Syria" says where; "Russia said" names an actor
                w = 1.0 if m.kind == "part" or _locative(text, m.start) else 0.3
                c, w = (ccs.pop(), w) if len(ccs) == 1 else (None, 0.0)
            elif m.kind in ("adjectival", "capital"):
                c, w = m.country_code, 0.6
            elif m.kind == "region_form":
                ccs = {gaz.cc[i] for i, _ in cands[k] if int(gaz.fclass[i]) == ADMIN1}
                c, w = (ccs.pop(), 1.0) if len(ccs) == 1 else (None, 0.0)
            else:
                ccs = {gaz.cc[i] for i, _ in cands[k]}
                if len(ccs) == 1:
                    c, w = next(iter(ccs)), 0.5
            if c:
                art_cc[c] += w
                sent_cc.setdefault(sent_idx[k], Counter())[c] += w
        adj_seen: Counter[str] = Counter()
        for am in _ADJ_RE.finditer(text):
            c = ADJECTIVALS[am.group(1)]
            if adj_seen[c] < 6:
                adj_seen[c] += 1
                art_cc[c] += 0.1
        # saturating shares: one weak clue moves little, many clues approach 1
        total = sum(art_cc.values())
        art_share = {c: v / (total + 1.0) for c, v in art_cc.items()}

        # --- region evidence: admin-1 named by region forms or unambiguous region names
        art_a1: Counter[str] = Counter()
        sent_a1: dict[int, set[str]] = {}
        for k, m in enumerate(mentions):
            a1s = {gaz.a1[i] for i, _ in cands[k] if int(gaz.fclass[i]) == ADMIN1}
            if m.kind == "region_form" and a1s:
                best = self._best_admin1(cands[k], art_share)
                if best is not None:
                    art_a1[gaz.a1[best]] += 1
                    sent_a1.setdefault(sent_idx[k], set()).add(gaz.a1[best])

        # --- first pass: resolve without distance; collect anchors
        first: list[int | None] = []
        for k, m in enumerate(mentions):
            first.append(
                self._choose(
                    m,
                    k,
                    mentions,
                    cands[k],
                    art_share,
                    sent_cc.get(sent_idx[k]),
                    art_a1,
                    sent_a1.get(sent_idx[k], set()),
                    None,
                    text,
                )
            )
        anchors = [i for i in first if i is not None and int(gaz.fclass[i]) == SETTLEMENT]
        for i in first:
            if i is not None and int(gaz.fclass[i]) == SETTLEMENT:
                art_a1[gaz.a1[i]] += 0.5
        anchor_lat = np.array([gaz.lat[i] for i in anchors]) if anchors else None
        anchor_lon = np.array([gaz.lon[i] for i in anchors]) if anchors else None

        # --- second pass with distances to the other places
        out: list[Resolved | None] = []
        for k, m in enumerate(mentions):
            user = self._user_place(m, art_share)
            if user is not None:
                out.append(self._from_user(m, user))
                continue
            if m.kind == "unknown":
                out.append(
                    self._fallback(
                        m, k, mentions, first, sent_idx, sent_a1, art_a1, art_share, text
                    )
                )
                continue
            if m.kind in ("adjectival",):
                ci = gaz.country_index(m.country_code or "")
                out.append(self._make(m, ci, 4) if ci is not None else None)
                continue
            if m.kind == "capital":
                ci = gaz.capital_index(m.country_code or "")
                out.append(self._make(m, ci, 1) if ci is not None else None)
                continue
            anchors_k = None
            if anchor_lat is not None:
                own = first[k]
                keep = [j for j, i in enumerate(anchors) if i != own]
                if keep:
                    anchors_k = (
                        anchor_lat[keep],
                        anchor_lon[keep],
                        {gaz.a1[anchors[j]] for j in keep},
                    )
            choice = self._choose(
                m,
                k,
                mentions,
                cands[k],
                art_share,
                sent_cc.get(sent_idx[k]),
                art_a1,
                sent_a1.get(sent_idx[k], set()),
                anchors_k,
                text,
            )
            if choice is None:
                out.append(None)
                continue
            fc = int(gaz.fclass[choice])
            prec = {SETTLEMENT: 1, ADMIN1: 3, COUNTRY: 4}[fc]
            if m.kind == "part":
                out.append(self._make(m, choice, 2, direction=m.direction))
            else:
                out.append(self._make(m, choice, prec))
        return out

    def _best_admin1(self, cands: list[tuple[int, int]], share: dict[str, float]) -> int | None:
        gaz = self.gaz
        best, best_s = None, -1e9
        for i, flag in cands:
            if int(gaz.fclass[i]) != ADMIN1:
                continue
            s = math.log10(gaz.pop[i] + 10) + (1.0 if flag == MAIN_NAME else 0.0)
            s += 4.0 * share.get(gaz.cc[i], 0.0)
            if s > best_s:
                best, best_s = i, s
        return best

    def _choose(
        self,
        m: Mention,
        k: int,
        mentions: list[Mention],
        cands: list[tuple[int, int]],
        art_share: dict[str, float],
        sent_cc: Counter | None,
        art_a1: Counter,
        sent_a1: set[str],
        anchors: tuple[np.ndarray, np.ndarray, set[str]] | None,
        text: str,
    ) -> int | None:
        """Score the candidates of one mention and return the best table index."""
        gaz = self.gaz
        if not cands:
            return None
        # a region or country right after the name: "Lyman, Donetsk region"
        follow_a1: set[str] = set()
        follow_cc: set[str] = set()
        if k + 1 < len(mentions):
            nxt = mentions[k + 1]
            gap = text[m.end : nxt.start]
            if gap.strip() in (",", "in", "of", ", in") and len(gap) <= 5:
                for i, _ in self._candidates(nxt):
                    fc = int(gaz.fclass[i])
                    if fc == ADMIN1:
                        follow_a1.add(gaz.a1[i])
                    elif fc == COUNTRY:
                        follow_cc.add(gaz.cc[i])
        has_main = any(flag == MAIN_NAME for _, flag in cands)
        names_settlement_a1 = {gaz.a1[i] for i, _ in cands if int(gaz.fclass[i]) == SETTLEMENT}
        sent_total = sum(sent_cc.values()) if sent_cc else 0.0
        a1_total = sum(art_a1.values()) or 1.0
        best, best_s = None, -1e9
        for i, flag in cands:
            fc = int(gaz.fclass[i])
            cc = gaz.cc[i]
            a1 = gaz.a1[i]
            s = math.log10(float(gaz.pop[i]) + 10.0)
            if flag == MAIN_NAME:
                s += 1.0
            elif has_main:
                s -= 2.0  # an old or foreign name of another place ("Pokrovsk" for Engels)
            if m.loose:
                s -= 0.5
            # form of the mention
            if m.hint == "admin1" or m.kind == "region_form":
                s += 6.0 if fc == ADMIN1 else -3.0
            elif m.hint == "settlement":
                s += 3.0 if fc == SETTLEMENT else -6.0
            elif m.hint == "country" or m.kind == "country":
                s += 2.5 if fc == COUNTRY else 0.0
            elif fc == ADMIN1 and a1 in names_settlement_a1:
                s -= 2.5  # "Kharkiv" alone is the city, "Kharkiv region" the oblast
            elif fc == COUNTRY:
                s += 2.0
            # countries in the article and the sentence
            s += 2.5 * art_share.get(cc, 0.0)
            if sent_total:
                s += 1.5 * sent_cc.get(cc, 0.0) / (sent_total + 0.5)
            # regions named in the sentence and article
            if a1 and fc != COUNTRY:
                if a1 in sent_a1:
                    s += 2.5
                s += 2.0 * art_a1.get(a1, 0.0) / a1_total
            if follow_a1 and a1 in follow_a1 and fc == SETTLEMENT:
                s += 6.0
            if follow_cc and cc in follow_cc and fc != COUNTRY:
                s += 5.0
            # distance to other places of the article
            if anchors is not None and fc == ADMIN1 and a1 in anchors[2]:
                s += 3.5
            if anchors is not None and fc == SETTLEMENT:
                d = _haversine_km(float(gaz.lat[i]), float(gaz.lon[i]), anchors[0], anchors[1])
                dmin = float(d.min())
                if dmin < 50:
                    s += 2.5
                elif dmin < 150:
                    s += 2.0
                elif dmin < 400:
                    s += 1.0
            if s > best_s:
                best, best_s = i, s
        if best is None:
            return None
        if m.weak:
            cc = gaz.cc[best]
            supported = art_share.get(cc, 0.0) >= 0.15 or gaz.a1[best] in art_a1
            if not supported:
                return None
        return best

    # ------------------------------------------------------------------ fallbacks

    def _fallback(
        self,
        m: Mention,
        k: int,
        mentions: list[Mention],
        first: list[int | None],
        sent_idx: list[int],
        sent_a1: dict[int, set[str]],
        art_a1: Counter,
        art_share: dict[str, float],
        text: str,
    ) -> Resolved | None:
        """Place a mention the gazetteer does not know, coarsely."""
        gaz = self.gaz
        si = sent_idx[k]
        # "the village of X near Pokrovsk": the settlement it is near
        for j in range(k + 1, len(mentions)):
            if sent_idx[j] != si:
                break
            between = text[m.end : mentions[j].start].lower()
            if re.search(
                r"\b(near|outside|close to|north of|south of|east of|west of|"
                r"northeast of|northwest of|southeast of|southwest of|from)\b",
                between,
            ):
                i = first[j]
                if i is not None and int(gaz.fclass[i]) == SETTLEMENT:
                    return self._make(m, i, 2)
            break
        # a region named in the sentence
        for j in range(len(mentions)):
            if sent_idx[j] == si and j != k and first[j] is not None:
                i = first[j]
                if int(gaz.fclass[i]) == ADMIN1:
                    return self._make(m, i, 3)
        # a settlement in the same sentence: its region
        for j in range(len(mentions)):
            if sent_idx[j] == si and j != k and first[j] is not None:
                i = first[j]
                if int(gaz.fclass[i]) == SETTLEMENT:
                    a = gaz.admin1_index(gaz.a1[i])
                    if a is not None:
                        return self._make(m, a, 3)
        # the article's main region, else its main country
        if art_a1:
            code, _ = art_a1.most_common(1)[0]
            a = gaz.admin1_index(code)
            if a is not None:
                return self._make(m, a, 3)
        if art_share:
            cc = max(art_share, key=art_share.get)
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
            geom = _part_of(geom, direction)
            rep = geom.representative_point()
            lat, lon = rep.y, rep.x
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
