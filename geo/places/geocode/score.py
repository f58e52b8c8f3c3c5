"""Scoring a mention's candidates in their article's context, and rejecting unsupported picks."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from geo.places.geocode.candidates import CITY_TYPE, IMPLAUSIBLE
from geo.places.keys import fold
from geo.places.lexicon import DIRECTIONS, STOPWORDS
from geo.places.place import ADMIN1, COUNTRY, MAIN_NAME, OTHER, SETTLEMENT

if TYPE_CHECKING:
    from geo.places.gazetteer import Gazetteer
    from geo.places.geocode.context import Anchors, ArticleContext
    from geo.places.mentions import Mention

CLOSED = re.compile(r"\s*(?:[,.;:)!?\u2014\u2013]|$)")
STRONG = 50_000
DIRECTION_ADJ = {
    "north": "northern", "south": "southern", "east": "eastern", "west": "western",
    "northeast": "north eastern", "northwest": "north western",
    "southeast": "south eastern", "southwest": "south western",
}


class Priors:
    """Context-free scores of a mention's candidates (cached by the mention's form).

    Parameters
    ----------
    gazetteer : Gazetteer
        The loaded gazetteer.
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._cache: dict[tuple, tuple[list[tuple], dict]] = {}

    def static(self, m: Mention, cands: list[tuple[int, int]]) -> tuple[list[tuple], dict]:
        """Per-candidate facts and context-free score of a mention's candidates (cached).

        The score holds the population (log scale), the main-name bonus or the
        alternate-name penalty, the loose-spelling penalty and the form of the
        mention ("Kursk region" wants a region, "the village of" a settlement).
        """
        regionish = m.kind == "region_form" or m.hint == "admin1"
        key = (m.key, m.loose, regionish, m.hint, m.kind == "country", m.name if regionish else "",
               fold(m.text) if m.kind == "region_form" else "")
        hit = self._cache.get(key)
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
                if fc == ADMIN1 and CITY_TYPE.search(gaz.admin1_type(i)):
                    s -= 1.0  # "Kyiv region" is the oblast, not the city's own unit
            elif m.hint == "settlement":
                s += 3.0 if fc == SETTLEMENT else -6.0
            elif fc == COUNTRY:
                s += 2.5
            rows.append((i, flag, fc, cc, gaz.a1[i], pop, s))
        if len(self._cache) > 50_000:
            self._cache.clear()
        out = self._cache[key] = (rows, settle_big)
        return out


def choose(
    gaz: Gazetteer,
    priors: Priors,
    ctx: ArticleContext,
    k: int,
    anchors: Anchors | None,
    trace: list | None = None,
) -> int | None:
    """Score the candidates of one mention; return a table index, None or IMPLAUSIBLE."""
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
    # the country closing the mention's address ("..., Bara tehsil of Khyber, ..., Pakistan")
    addr = ctx.addr_cc.get(k)
    addr_near = gaz.neighbours.get(addr, frozenset()) if addr else frozenset()
    static, settle_big = priors.static(m, cands)
    bare = not (m.kind == "region_form" or m.hint in ("admin1", "settlement"))
    city_named = m.kind == "name" and (m.key + " city") in ctx.keys
    # a bare "Ramadi" next to Fallujah: the region's other towns support the
    # province and its capital alike, so they do not overturn "bare is the city"
    # ("Orikhiv, Huliaipole and Zaporizhzhia"); "Orikhiv in Zaporizhzhia" and
    # "Orikhiv, Zaporizhzhia." (an address, not a list) stay the region
    city_a1 = {r[4] for r in static if r[2] == SETTLEMENT} if m.kind == "name" and \
        bare and not city_named and anchors is not None and (
            not lead_a1 or listed(ctx, k)) else ()
    # "Kupiansk (Kharkiv)", "Novoselivka, Donetsk": the second name is the region; so is
    # a heading before the places it holds ("Aleppo: Afrin", "Daraa: Nahta, Izra district")
    qualifies = (k > 0 and ctx.qualifier_of(k - 1) == k) or heading(ctx, k)
    # the country the article is about: a homonym elsewhere loses to a place inside it
    top_cc = max(art_share, key=art_share.get) if art_share else None
    if top_cc is not None and (art_share[top_cc] < 0.3 or not any(
            r[3] == top_cc and r[2] != COUNTRY for r in static)):
        top_cc = None
    best, best_s = None, -1e9
    for i, flag, fc, cc, a1, pop, s in static:
        if qualifies and fc in (ADMIN1, OTHER):
            s += 3.0
        if top_cc is not None and cc != top_cc and fc != COUNTRY and \
                art_share.get(cc, 0.0) < 0.05 and cc not in gaz.neighbours.get(top_cc, ()):
            s -= 3.0  # "Suffolk" in a story about the United Kingdom is not in Virginia
        if bare and not qualifies and fc == ADMIN1 and 0 < settle_big.get(cc, 0) and \
                settle_big.get(cc, 0) * 10 >= pop:
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
        if addr is not None and fc != COUNTRY:
            s += 3.0 if cc == addr else 0.0 if cc in addr_near else -10.0
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
    if not plausible(gaz, m, best, cands, art_share, art_a1, art_cc, anchors):
        return IMPLAUSIBLE
    return best


def plausible(
    gaz: Gazetteer,
    m: Mention,
    idx: int,
    cands: list,
    art_share: dict[str, float],
    art_a1: dict[str, float],
    art_cc: dict[str, float],
    anchors: Anchors | None,
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
    if fc == SETTLEMENT and dominated and not bordering and not any(
            i == idx and f == MAIN_NAME for i, f in cands):
        # only an alternate name of a place in a country the text never names, while it
        # names another: "Spin Kali ..., Afghanistan" is not Cali, "Seti zone, Nepal" not
        # Setif (GeoNames' alternate names hold airport codes and foreign spellings)
        return False
    if fc in (ADMIN1, OTHER):
        # "Maritime" (Togo) or "West Coast" (Gambia) in a US story: common words
        generic = all(w in STOPWORDS or w in DIRECTIONS for w in m.key.split())
        # ... unless across a border from it: "West Bank" in a story about Israel
        return bordering or not (dominated and m.kind == "name" and generic)
    pop = gaz.pop_l[idx]
    if idx in gaz.fcode and not m.loose:
        pop = max(pop, 5000)  # a district or spot an analyst imported, named in full
    if pop < 5000 or (m.loose and pop < STRONG):
        # no context at all: a real small place mentioned alone is still taken
        return not (art_share or anchors) and not m.loose
    if m.loose and dominated:
        return False  # a respelling that lands in a country the article never names
    return bordering or not (dominated and pop < STRONG)

# ------------------------------------------------------------------ fallbacks


def heading(ctx: ArticleContext, k: int) -> bool:
    """Whether mention ``k`` heads the places after it: "Aleppo: Afrin, Syria.".

    A name opening its sentence, then a colon and a capitalised word ("Daraa: Nahta,
    Izra district").
    """
    m = ctx.mentions[k]
    if not HEADING_AFTER.match(ctx.text, m.end):
        return False
    start = ctx.spans[ctx.sent_idx[k]][0]
    return not ctx.text[start : m.start].strip()


HEADING_AFTER = re.compile(r": [A-Z]")


def listed(ctx: ArticleContext, k: int) -> bool:
    """Whether mention ``k`` sits inside a list ("A, B and C"), not after "in"."""
    ms, text = ctx.mentions, ctx.text
    if k == 0 or text[ms[k - 1].end : ms[k].start] not in (", ", " and ", ", and "):
        return False
    return k + 1 < len(ms) and text[ms[k].end : ms[k + 1].start] in (
        ", ", " and ", ", and ")


def elsewhere_than_said(gaz: Gazetteer, ctx: ArticleContext, k: int) -> int | None:
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
    if not CLOSED.match(ctx.text, nxt.end):
        return None
    a1s, ccs = ctx.neighbour_regions(k, +1)
    if not ccs or any(gaz.cc[i] in ccs or gaz.a1[i] in a1s for i, _ in ctx.cands[k]):
        return None
    country = next((i for i, _ in ctx.cands[k + 1] if gaz.fc_l[i] == COUNTRY), None)
    if country is not None and any(gaz.fc_l[i] == ADMIN1 and near_country(
            gaz, i, country, BORDER_KM) for i, _ in ctx.cands[k]):
        return None  # "West Bank, Israel": a region on the named state's border
    return country


#: How far (km) outside the country an address names a place of a neighbouring country
#: may lie: a state an event report names by its older or wider borders ("Maridi town,
#: Western Equatoria, Sudan", "Gllogovc, Kosovo province, Serbia", "Beit Hanun, Israel").
NEIGHBOUR_KM = 700.0
#: How far (km) outside any other country it may lie (a town on the border).
BORDER_KM = 60.0


def address_country(gaz: Gazetteer, ctx: ArticleContext, k: int) -> int | None:
    """Return the mention that closes the address mention ``k`` stands in, if one does.

    "Naga oilfield, southeast of Zillah, Al Jufrah district, Libya.": the first country
    named after the mention in its sentence, closing an address (after a comma, closed
    by punctuation or the end of the text), within 160 characters.
    """
    m = ctx.mentions[k]
    si = ctx.sent_idx[k]
    for j in range(k + 1, len(ctx.mentions)):
        nxt = ctx.mentions[j]
        if ctx.sent_idx[j] != si or nxt.start - m.end > 160:
            return None
        if nxt.kind == "country":
            return j if ctx._closes_address(j) else None
    return None


def near_country(gaz: Gazetteer, idx: int, country: int, limit: float | None = None) -> bool:
    """Whether place ``idx`` lies in ``country``, or close enough for an address to name it.

    Within ``limit`` km of it; by default :data:`NEIGHBOUR_KM` for a place of a
    neighbouring country, :data:`BORDER_KM` for others.
    """
    cc = gaz.cc[idx]
    if cc == gaz.cc[country]:
        return True
    import shapely

    # degrees to km at the equator: a generous bound, the check is coarse
    far = gaz.geometry_at(country).distance(shapely.Point(gaz.lon_l[idx], gaz.lat_l[idx])) * 111.0
    if limit is None:
        limit = NEIGHBOUR_KM if cc in gaz.neighbours.get(gaz.cc[country], ()) else BORDER_KM
    return far <= limit


def contradicted_by_address(gaz: Gazetteer, ctx: ArticleContext, k: int) -> bool:
    """Whether every reading of mention ``k`` lies far from the country its address names.

    "a beach district of Fortaleza, Ceará state, Brazil" named like a town of Cape Verde
    is no place in Cape Verde; a village of Burkina Faso named like a Moroccan town is no
    town in Morocco. A place in a neighbouring
    country close to the one named is kept (see :func:`near_country`).
    """
    m = ctx.mentions[k]
    if m.kind not in ("name", "region_form") or not ctx.cands[k]:
        return False
    j = address_country(gaz, ctx, k)
    country = None if j is None else next(
        (i for i, _ in ctx.cands[j] if gaz.fc_l[i] == COUNTRY), None)
    if country is None:
        return False
    # "Atlanta, Georgia.": a country's name may also be a region's
    a1s = {gaz.a1[i] for i, _ in ctx.cands[j] if gaz.fc_l[i] == ADMIN1}
    if not a1s:
        ctx.addr_cc[k] = gaz.cc[country]  # and scoring favours readings inside it
        ctx.addr_end[k] = j
    return not any(gaz.fc_l[i] == COUNTRY or gaz.a1[i] in a1s or near_country(gaz, i, country)
                   for i, _ in ctx.cands[k])


def address_region(gaz: Gazetteer, ctx: ArticleContext, k: int,
                   first: list[int | None]) -> int | None:
    """Return the first-level region the address of mention ``k`` names, if it names one.

    "near X village, in the East Champaran district, Bihar, India", where the
    gazetteer's only X lies in another state: the region read between the mention and
    the country closing its address; not when the mention stands in a list ("Kupiansk
    and Kurakhove in ...").
    """
    end = ctx.addr_end.get(k)
    if end is None:
        return None
    ms = ctx.mentions
    if re.search(r"\b(?:and|or)\b", ctx.text[ms[k].end : ms[end].start]):
        return None
    for j in range(k + 1, end):
        q = first[j]
        if q is not None and q != IMPLAUSIBLE and gaz.fc_l[q] == ADMIN1:
            return q
    return None


def direction_region(gaz: Gazetteer, country: int, direction: str | None) -> int | None:
    """Return the admin-1 region a country names after a direction ("South", Lebanon)."""
    if not direction or direction == "center":
        return None
    cc = gaz.cc[country]
    forms = {direction, DIRECTION_ADJ.get(direction, direction)}
    wanted = {fold(f) for f in forms}
    wanted |= {f"{w} {fold(gaz.names[country])}" for w in list(wanted)}
    for key in wanted:
        for idx, _flag in gaz.candidates(key):
            if gaz.fc_l[idx] == ADMIN1 and gaz.cc[idx] == cc:
                return idx
    return None
