"""Coarse places: a mention the gazetteer lacks, and the place an article is mainly about."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from geo.places.countries import ADJECTIVALS
from geo.places.geocode.candidates import IMPLAUSIBLE
from geo.places.geocode.context import ADJ_RE
from geo.places.mentions import Mention
from geo.places.place import ADMIN1, COUNTRY, OTHER, SETTLEMENT

if TYPE_CHECKING:
    from geo.places.gazetteer import Gazetteer
    from geo.places.geocode.context import ArticleContext
    from geo.places.geocode.resolved import Resolved

#: Builds the place columns: ``make(mention, table index, precision)``.
Make = Callable[[Mention, int, int], "Resolved"]


def fallback(
    gaz: Gazetteer,
    ctx: ArticleContext,
    k: int,
    first: list[int | None],
    make: Make,
) -> Resolved | None:
    """Place a mention the gazetteer does not know (or not here), coarsely.

    An unknown region ("Ituri province") goes to the country its sentence,
    else its article, names. Other names, in order: the settlement it is said
    to be near ("near", "outside",
    "on the outskirts of"); the region named in its sentence; the settlement
    it is said to lie north/south/east/west of; the region of a settlement of
    its sentence; for strong mentions, the article's main region, else its
    main country.
    """
    m = ctx.mentions[k]
    text = ctx.text
    si = ctx.sent_idx[k]
    same = [j for j in range(len(ctx.mentions)) if ctx.sent_idx[j] == si and j != k]
    # what follows the name says where it is ("Xyz in Darfur"), the nearest first
    same.sort(key=lambda j: (j < k, abs(j - k)))
    if m.hint == "admin1":
        # an unknown region ("Ituri province"): near the town it is said to be near
        # ("Majevica region, near Tuzla"), else the country its sentence or article names
        nxt = [j for j in same if j > k]
        if nxt and re.search(r"\b(near|outside|close to|around)\b",
                             text[m.end : ctx.mentions[nxt[0]].start].lower()):
            i = first[nxt[0]]
            if i is not None and i != IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
                return make(m, i, 2)
        for j in same:
            i = first[j]
            if i is not None and i != IMPLAUSIBLE and gaz.fc_l[i] == COUNTRY:
                return make(m, i, 4)
        if ctx.art_share:
            ci = gaz.country_index(max(ctx.art_share, key=ctx.art_share.get))
            if ci is not None:
                return make(m, ci, 4)
        return None
    if m.hint == "district":
        # a quarter of a city: the city its sentence names
        for j in same:
            i = first[j]
            if i is not None and i != IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
                return make(m, i, 2)
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
        if i is not None and i != IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
            return make(m, i, 2)
    for j in same:
        i = first[j]
        if i is not None and i != IMPLAUSIBLE and gaz.fc_l[i] in (ADMIN1, OTHER):
            return make(m, i, 3)
    if rel == "direction":
        i = first[nxt[0]]
        if i is not None and i != IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
            return make(m, i, 2)
    if m.kind == "unknown" and m.hint != "admin1":
        # "In Tulkarm, troops raided the Nur Shams camp": a cued place the gazetteer
        # lacks is near the town its sentence names, not anywhere in that town's region
        for j in same:
            i = first[j]
            if i is not None and i != IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
                return make(m, i, 2)
    for j in same:
        i = first[j]
        if i is not None and i != IMPLAUSIBLE and gaz.fc_l[i] == SETTLEMENT:
            a = gaz.admin1_index(gaz.a1[i])
            if a is not None:
                return make(m, a, 3)
    if m.weak:
        return None
    if ctx.art_a1:
        code = max(ctx.art_a1, key=ctx.art_a1.get)
        a = gaz.admin1_index(code)
        if a is not None:
            return make(m, a, 3)
    if ctx.art_share:
        cc = max(ctx.art_share, key=ctx.art_share.get)
        ci = gaz.country_index(cc)
        if ci is not None:
            return make(m, ci, 4)
    return None


def article_focus(
    gaz: Gazetteer, text: str, resolved: list[Resolved | None], make: Make
) -> Resolved | None:
    """Return the place an article is mainly about.

    The most mentioned region when it holds at least two mentions and
    40 % of the regional ones (precision 3), else the most mentioned
    country (precision 4), else None.

    Parameters
    ----------
    text : str
        The article text (unused beyond its adjectives when nothing resolved).
    resolved : list of Resolved or None
        Output of :meth:`Geocoder.resolve_article`.

    Returns
    -------
    Resolved or None
        The focus, with ``location_text`` the region's or country's name.
    """
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
        for am in ADJ_RE.finditer(text):
            cc_count[ADJECTIVALS[am.group(1)]] += 1
    if a1_count:
        code, n = a1_count.most_common(1)[0]
        if n >= 2 and n / sum(a1_count.values()) >= 0.4:
            idx = gaz.admin1_index(code)
            if idx is not None:
                name = gaz.names[idx]
                return make(Mention(0, 0, name, "focus", name=name), idx, 3)
    if cc_count:
        cc, _ = cc_count.most_common(1)[0]
        idx = gaz.country_index(cc)
        if idx is not None:
            name = gaz.names[idx]
            return make(Mention(0, 0, name, "focus", name=name), idx, 4)
    return None


def qualifier_region(gaz: Gazetteer, ctx: ArticleContext, k: int,
                     first: list[int | None]) -> int | None:
    """Return the region or country the text gives for mention ``k``, if it gives one.

    "Novoselivka, Donetsk,", "Al Qusur (Homs)", "Robotyne in Zaporizhzhia region": the
    next mention says where this one is. Its first-pass reading is a region or a
    country; where it was read as a city ("Homs"), the city's region is meant.
    """
    j = ctx.qualifier_of(k)
    seen = 0
    while j is not None and seen < 4:
        # "Kandoy village in Irumu territory, Ituri province": an area the gazetteer
        # lacks hands over to the next one of the address
        q = first[j]
        if q is not None and q != IMPLAUSIBLE:
            if gaz.fc_l[q] != SETTLEMENT:
                words = ctx.mentions[j].text.lower().split()
                if gaz.fc_l[q] == ADMIN1 and words and words[-1] in DISTRICT_WORDS:
                    # "Bati town, Oromia zone, Amhara region": a zone of Amhara named
                    # like another region; the wider part of the address decides
                    outer = qualifier_region(gaz, ctx, j, first)
                    if outer is not None and gaz.fc_l[outer] == ADMIN1 and outer != q:
                        return outer
                return q
            # a town read for an area ("Madimba territory") must lie in the rest of the
            # address ("..., Kongo Central province, DR Congo"), not in Tanzania
            outer = qualifier_region(gaz, ctx, j, first)
            if outer is None or inside(gaz, q, outer):
                return gaz.admin1_index(gaz.a1[q]) if gaz.a1[q] else outer
        j, seen = ctx.qualifier_of(j), seen + 1
    return None


def district_town(gaz: Gazetteer, ctx: ArticleContext, k: int, first: list[int | None],
                  region: int) -> int | None:
    """Return the town that names the district the text puts mention ``k`` in.

    "Kinyandoni village, Rutshuru territory, Nord Kivu province": the gazetteer lacks
    the village but has Rutshuru, the town the territory is named after, inside the
    region the address gives; the village is near it (precision 2). Only a district
    word's area ("Rutshuru territory", "Gadchiroli district"), never a first-level one.
    """
    j = ctx.qualifier_of(k)
    if j is None:
        return None
    b = ctx.mentions[j]
    words = b.text.lower().split()
    if b.kind != "region_form" or not words or words[-1] not in DISTRICT_WORDS:
        return None
    q = first[j]
    if q is None or q == IMPLAUSIBLE or gaz.fc_l[q] != SETTLEMENT:
        return None
    return q if inside(gaz, q, region) else None


#: Words of a second-level area, often named after its main town.
DISTRICT_WORDS = frozenset({"district", "territory", "tehsil", "county", "municipality",
                            "lga", "raion", "rayon", "woreda", "subdistrict", "sub-district",
                            "cercle", "commune", "department", "département", "mandal",
                            "taluk", "upazila", "subprefecture", "sub-prefecture", "prefecture",
                            "zone", "agency", "township"})


def inside(gaz: Gazetteer, idx: int, region: int) -> bool:
    """Whether place ``idx`` lies in ``region`` (an admin-1 region, a multi-region or a country)."""
    fc = gaz.fc_l[region]
    if gaz.cc[idx] != gaz.cc[region]:
        return False
    if fc == COUNTRY or idx == region:
        return True
    if fc == OTHER:
        return True  # a multi-region name ("Kordofan") has no boundary the text fixes
    if gaz.a1[idx] and gaz.a1[idx] == gaz.a1[region]:
        return True
    # GeoNames' and Natural Earth's regions do not always match (GeoNames codes some
    # countries' places by larger regions): the region's outline decides
    import shapely

    return bool(gaz.geometry_at(region).covers(shapely.Point(gaz.lon_l[idx], gaz.lat_l[idx])))


#: Nouns after a country's adjective that name an area of it, not many places or an edge
#: ("Russian territory", not "Russian border regions" or "the Lebanese border").
AREA_NOUNS = frozenset({"territory", "territories", "soil", "land", "lands", "countryside",
                        "hinterland", "heartland"})


def focus_region(gaz: Gazetteer, ctx: ArticleContext, cc: str) -> int | None:
    """Return the region of country ``cc`` the article is about, if one clearly is.

    "Ukrainian forces control about 1,000 square kilometres of Russian territory" in a
    story about Kursk region is about Kursk region: the region of that country with the
    most weight in the article (a region named, or places inside it), at least one
    full mention's worth and at least half of that country's regional weight.
    """
    weights: dict[str, float] = {}
    for code, w in ctx.art_a1.items():
        idx = gaz.admin1_index(code)
        if idx is not None and gaz.cc[idx] == cc:
            weights[code] = w
    if not weights:
        return None
    code = max(weights, key=weights.get)
    if weights[code] < 1.0 or weights[code] < 0.5 * sum(weights.values()):
        return None
    return gaz.admin1_index(code)
