"""What an article says about where it is: sentences, countries, regions, anchor places."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

import numpy as np

from geo.places.countries import ADJECTIVALS
from geo.places.geocode.candidates import IMPLAUSIBLE, CandidateFinder, best_admin1
from geo.places.place import ADMIN1, COUNTRY, OTHER, SETTLEMENT

if TYPE_CHECKING:
    from geo.places.gazetteer import Gazetteer
    from geo.places.mentions import Mention

SENT_END = re.compile(r"[.!?]+[\"”’)]*\s+|\n+")
ABBREV = re.compile(r"(?:\b[A-Z]|\b(?:St|Mt|Ft|Gen|Lt|Col|Sgt|Capt|Mr|Mrs|Ms|Dr|No|Jan|Feb|Aug|"
                     r"Sept?|Oct|Nov|Dec|U\.S|U\.K|vs|approx|est))\.$")
ADJ_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in ADJECTIVALS), key=len, reverse=True)) + r")\b"
)
CLOSED = re.compile(r"\s*(?:[,.;:)!?\u2014\u2013]|$)")
POSSESSIVE_GAP = re.compile(r"['’]s\s+(?:[a-z]+\s+)?")


def sentences(text: str) -> list[tuple[int, int]]:
    """Split text into sentence spans (abbreviations like "U.S." do not end one)."""
    spans = []
    start = 0
    for m in SENT_END.finditer(text):
        if m.group()[0] == "." and ABBREV.search(text, max(0, m.start() - 8), m.start() + 1):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]

def sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    """Return the number of the sentence span holding offset ``pos``."""
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def min_km_to(lat: float, lon: float, lats: list[float], lons: list[float]) -> float:
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


LOCATIVE = frozenset(
    "in into inside within across throughout from to toward towards near at over on of "
    "outside around through entire whole".split()
)


def locative(text: str, start: int) -> bool:
    """Whether the word before ``start`` is a preposition of place ("in Syria")."""
    before = text[max(0, start - 20) : start].split()
    while before and before[-1].lower() in ("the", "of", "northern", "southern", "eastern",
                                            "western", "central"):
        if before[-1].lower() == "of":
            return True
        before.pop()
    return bool(before) and before[-1].lower() in LOCATIVE


def _area(m: Mention) -> bool:
    """Whether a mention names an area with its area word ("Rutshuru territory")."""
    if m.kind == "region_form":
        return m.text != m.name  # "Aleppo" of "the provinces of Aleppo, Idlib" is one of a list
    return m.kind == "unknown" and m.hint in ("admin1", "district")


#: A feature word right after a place, before what says where it is ("X village, Y").
FEATURE_AFTER = re.compile(
    r"(?:village|town|city|settlement|hamlet|township|locality|suburb|camp|area|"
    r"neighbou?rhood|zone|district|province|region|state|governorate|county|municipality|"
    r"territory|department|agency|oblast|raion|rayon|woreda|tehsil|lga|cercle)s?\b",
    re.IGNORECASE)

#: What stands between a place and the region or country that says where it is.
QUALIFIER_GAPS = frozenset({",", "in", ", in", "in the", ", in the", "located in", "in northern",
                            "in southern", "in eastern", "in western", "in central"})

VECTOR_FROM = 24  # anchors beyond which distances are computed with numpy

class Anchors:
    """Distances to, and regions and countries of, an article's other settlements."""

    def __init__(self, ctx: ArticleContext, own: int | None) -> None:
        self.ctx = ctx
        self.own_pos = ctx._pos.get(own) if own is not None else None
        gaz = ctx.gaz
        self.own_a1 = gaz.a1[own] if self.own_pos is not None else None
        self.own_cc = gaz.cc[own] if self.own_pos is not None else None

    def min_km(self, lat: float, lon: float) -> float:
        """Great-circle distance (km) to the nearest other place."""
        ctx = self.ctx
        if len(ctx.anchors) <= VECTOR_FROM:
            if self.own_pos is None:
                return min_km_to(lat, lon, ctx._lat, ctx._lon)
            keep = [j for j in range(len(ctx.anchors)) if j != self.own_pos]
            return min_km_to(lat, lon, [ctx._lat[j] for j in keep], [ctx._lon[j] for j in keep])
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


class ArticleContext:
    """What an article says about where it is: countries, regions, anchors."""

    def __init__(
        self, gaz: Gazetteer, finder: CandidateFinder, text: str, mentions: list[Mention]
    ) -> None:
        self.gaz = gaz
        self.text = text
        self.mentions = mentions
        self.spans = sentences(text)
        self.sent_idx = [sentence_of(self.spans, m.start) for m in mentions]
        self.cands = [finder.of(m) for m in mentions]
        self.keys = {m.key for m in mentions}
        #: mentions placed by the country written after them ("Moura, Mali,")
        self.elsewhere: dict[int, int] = {}
        #: mentions none of whose readings lie near the country their address names
        self.contradicted: set[int] = set()
        #: the country closing each mention's address (see ``score.address_country``)
        self.addr_cc: dict[int, str] = {}
        #: and the mention of that country
        self.addr_end: dict[int, int] = {}
        #: countries a mention is said to belong to: "Lebanon's Tripoli", "Iraq's Kurdistan
        #: region", "Ukraine's southern Zaporizhzhia region"
        self.owner_cc: dict[int, set[str]] = {}
        for k in range(1, len(mentions)):
            prev = mentions[k - 1]
            if POSSESSIVE_GAP.fullmatch(text, prev.end, mentions[k].start):
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
                w = 1.0 if m.kind == "part" or locative(text, m.start) or (
                    k > 0 and self._closes_address(k)) else 0.3
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
        for am in ADJ_RE.finditer(text):
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
                best = best_admin1(gaz, self.cands[k], self.art_share)
                if best is not None:
                    a1 = gaz.a1[best]
                    sent = self.sent_a1.setdefault(self.sent_idx[k], set())
                    # a region form is no evidence for its own reading either
                    self.own_a1[k] = (a1, 1.0, a1 not in sent)
                    self.art_a1[a1] += 1
                    sent.add(a1)
        self.anchors: list[int] = []
        self._anchor_set: set[int] = set()

    def _closes_address(self, k: int) -> bool:
        """Whether country mention ``k`` ends an address ("..., Nord Kivu province, DR Congo.").

        Right after another place and a comma, and closed by punctuation or the end of
        the text ("hit Belgorod, Ukraine said" names a claimant instead).
        """
        prev = self.mentions[k - 1]
        gap = self.text[prev.end : self.mentions[k].start]
        cue = FEATURE_AFTER.match(gap.strip())
        if cue:
            gap = gap.strip()[cue.end():]
        return gap.strip() == "," and bool(
            re.match(r"\s*(?:[.;)]|,\s|$)", self.text[self.mentions[k].end:]))

    def _shares(self) -> None:
        # saturating shares: one weak clue moves little, many clues approach 1
        total = sum(self.art_cc.values())
        self.art_share = {c: v / (total + 1.0) for c, v in self.art_cc.items()}

    def absorb(self, first: list[int | None]) -> None:
        """Take the first pass's settlements as anchors and its regions as context."""
        gaz = self.gaz
        for k, i in enumerate(first):
            if i is None or i == IMPLAUSIBLE:
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
            if len(self.anchors) > VECTOR_FROM:
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

    def anchors_except(self, own: int | None) -> Anchors | None:
        """Return the article's other places, less the mention's own first-pass pick."""
        if not self.anchors or (len(self.anchors) == 1 and self.anchors[0] == own):
            return None
        return Anchors(self, own)

    def neighbour_regions(self, k: int, step: int) -> tuple[set[str], set[str]]:
        """Regions and countries of the mention right after (+1) or before (-1) ``k``.

        Only when the second qualifies the first (see :meth:`qualified_by`: "Lyman,
        Donetsk region", "Savannah, Georgia", "Kupiansk (Kharkiv)"); for the mention
        before, its settlements' regions.
        """
        j = k + step
        if j < 0 or j >= len(self.mentions):
            return set(), set()
        a, b = (self.mentions[k], self.mentions[j]) if step > 0 else (
            self.mentions[j], self.mentions[k])
        if not self.qualified_by(a, b):
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

    def qualified_by(self, a: Mention, b: Mention) -> bool:
        """Whether mention ``b`` names where mention ``a`` is: an address, not a list.

        "Novoselivka, Donetsk", "Kupiansk (Kharkiv)", "Robotyne in Zaporizhzhia
        region", "Rice Lake ... located in Illinois", "Cellardyke in Fife, Scotland".
        """
        gap = self.text[a.end : b.start]
        if len(gap) > 24:
            return False
        gap = " ".join(gap.split())
        if gap in QUALIFIER_GAPS:
            return True
        cue = FEATURE_AFTER.match(gap) if gap[:1].isalpha() else None
        if cue:
            gap = gap[cue.end():].strip()  # "Ouled Aissa village, Naciria district"
        if len(gap) > 14:
            return False
        if gap == "(":
            return self.text.startswith(")", b.end)
        return gap in QUALIFIER_GAPS

    def address_chain(self, a: Mention, b: Mention, c: Mention) -> bool:
        """Whether "a, b, c" is an address (each part holds the one before), not a list.

        "Ouled Aissa village, Naciria district, Boumerdes province, Algeria": after the
        place come areas named with their area words ("district", "province"), each
        wider, or the country. "Donetsk region, Luhansk region" is a list: the same area
        word twice names areas of one level.
        """
        if self.text[b.end : c.start] != ", ":
            return False
        if _area(a) and b.kind == "name" and c.kind == "country":
            return True  # "Agatu LGA, Benue, Nigeria": an area, then its state
        if not (_area(b) and (_area(c) or c.kind == "country")):
            return False
        if b.kind == "country":
            return False  # "Syria, Iraq, Iran" lists countries
        word = b.text.split()[-1].lower() if b.text.split() else ""
        if a.kind == "region_form" and a.text.split() and a.text.split()[-1].lower() == word:
            return False
        return not (c.kind == "region_form" and c.text.split() and
                    c.text.split()[-1].lower() == word)

    def qualifier_of(self, k: int) -> int | None:
        """Return the mention that says where mention ``k`` is, if the next one does.

        Not inside a list ("Kharkiv, Sumy and Poltava"): a comma-joined qualifier must
        be closed by punctuation, the end of the text or "in" ("Novoselivka, Donetsk,",
        "Pandi, Bulacan in Central Luzon").
        """
        j = k + 1
        if j >= len(self.mentions) or not self.qualified_by(self.mentions[k], self.mentions[j]):
            return None
        a, b = self.mentions[k], self.mentions[j]
        if a.kind in ("country", "adjectival", "capital") or b.kind in (
                "adjectival", "capital", "part"):
            return None  # "En Nahud, West Kordofan": a direction is no boundary to trust
        if a.weak and a.loose:
            return None  # "Schools in Misrata": a common word, not a place of Misrata
        nxt = self.mentions[j + 1] if j + 1 < len(self.mentions) else None
        if nxt is not None and self.text[b.end : nxt.start] in (" and ", ", ", " or ", ", and ") \
                and not self.address_chain(a, b, nxt):
            return None  # "in Misrata and Zliten": places of a list, not an address
        if self.text[a.end : b.start].strip().endswith(",") and \
                not CLOSED.match(self.text, b.end) \
                and not self.text.startswith(" in ", b.end):
            # "Orikhiv, Huliaipole and Zaporizhzhia" is a list; "hit Belgorod, Ukraine
            # said" names a claimant
            return None
        return j
