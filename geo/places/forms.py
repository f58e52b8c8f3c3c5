"""The form of a place mention: region forms, directions, adjectivals, plural regions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from geo.places.lexicon import (
    ADJ_SUFFIXES,
    DIRECTIONS,
    ELIDABLE_HEADS,
    ELIDED_BEFORE,
    GEO_NOUNS,
    REGION_FILLERS,
    REGION_PLURALS,
    REGION_WORDS,
    SETTLEMENT_CUES,
    URBAN_WORDS,
)
from geo.places.mentions import Mention, Token
from geo.places.place import ADMIN1, COUNTRY
from geo.places.unknown import appositive_settlement

if TYPE_CHECKING:
    from geo.places.matcher import ToponymMatcher


def expand(
    matcher: ToponymMatcher,
    text: str,
    toks: list[Token],
    i: int,
    n: int,
    key: str,
    is_loose: bool,
    verdict: dict,
) -> tuple[Mention, int]:
    """Build the mention for a matched name, taking in region words and directions."""
    gaz = matcher.gaz
    start, end = toks[i].start, toks[i + n - 1].end
    name = text[start:end]
    j = i + n
    kind = "name"
    hint = None
    direction = None
    # "Kursk region", "Kursk border region", "Gezira state"
    k = j
    while k < len(toks) and toks[k].key in REGION_FILLERS and k - j < 2:
        k += 1
    joined = k < len(toks) and text[toks[k - 1].end : toks[k].start] in (
        (" ", "-") if k > j else (" ",))  # "Qayyarah sub-district"
    if joined and toks[k].key in REGION_WORDS:
        kind, hint = "region_form", "admin1"
        end = toks[k].end
        j = k + 1
    # "the region of Belgorod", "Donetsk People's Republic" handled by names
    elif (
        i >= 2
        and toks[i - 1].key == "of"
        and toks[i - 2].key in REGION_WORDS
        and toks[i - 2].key not in URBAN_WORDS  # "the Mogran district of Khartoum"
    ):
        kind, hint = "region_form", "admin1"
    elif i >= 2 and toks[i - 1].key == "of" and toks[i - 2].key in SETTLEMENT_CUES:
        hint = "settlement"
    elif j < len(toks) and toks[j].key in ("governor", "governorate"):
        kind, hint = "region_form", "admin1"  # "Kursk Governor Alexei Smirnov"
    elif (
        j + 1 < len(toks)
        and toks[j].key in ("people", "peoples")
        and toks[j + 1].key == "republic"
    ):
        kind, hint = "region_form", "admin1"  # "Donetsk People's Republic"
        end = toks[j + 1].end
        j += 2
    elif appositive_settlement(matcher, toks, j):
        hint = "settlement"  # "Lyman, a town in Donetsk region"
    # direction before: "southern Lebanon", "eastern Kharkiv region"
    if (
        i >= 1
        and toks[i - 1].key in DIRECTIONS
        and text[toks[i - 1].end : toks[i].start] in (" ", "-")
    ):
        d = toks[i - 1]
        if not (d.cap and matcher.gaz.has_key(d.key + " " + toks[i].key)):
            direction = DIRECTIONS[d.key]
            start = d.start
    cands = gaz.loose_candidates(key) if is_loose else gaz.candidates(key)
    is_country = any(gaz.fc_l[c] == COUNTRY for c, _ in cands)
    if kind == "name" and is_country:
        kind, hint = "country", "country"
    if direction is not None:
        kind = "part"
        if hint is None and is_country:
            hint = "country"
    mention = Mention(
        start=start,
        end=end,
        text=text[start:end],
        kind=kind,
        name=name,
        key=key,
        direction=direction,
        hint=hint,
        weak=bool(verdict["weak"]) and kind == "name" and hint is None,
        loose=is_loose,
    )
    return mention, j

def adjectival(
    matcher: ToponymMatcher,
    text: str,
    toks: list[Token],
    i: int,
) -> tuple[Mention, int] | None:
    """Match "Russian territory", "Ukrainian border regions", "the Ukrainian capital"."""
    t = toks[i]
    key = t.key
    n = 1
    if i + 1 < len(toks) and f"{key} {toks[i + 1].key}" in matcher.adjectivals:
        key = f"{key} {toks[i + 1].key}"
        n = 2
    cc = matcher.adjectivals.get(key)
    if cc is None:
        return None
    j = i + n
    # skip one filler ("Russian border regions", "Russian-held territory" is not ours)
    k = j
    if k < len(toks) and toks[k].key in ("border", "frontier") and k + 1 < len(toks):
        if toks[k + 1].key in GEO_NOUNS:
            k += 1
    if k >= len(toks) or toks[k].cap or toks[k].start - toks[k - 1].end > 2:
        return None
    noun = toks[k].key
    if noun == "capital":
        # "the Ukrainian capital" (not "the Ukrainian capital, Kyiv" / "capital of")
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and (nxt.key == "of" or (nxt.cap and nxt.start - toks[k].end <= 3)):
            return None
        m = Mention(
            t.start,
            toks[k].end,
            text[t.start : toks[k].end],
            "capital",
            name=text[t.start : toks[k].end],
            key=noun,
            hint="settlement",
            country_code=cc,
        )
        return m, k + 1
    if noun not in GEO_NOUNS:
        return None
    if noun in REGION_WORDS and any(matcher.gaz.fc_l[idx] == ADMIN1
                                    for idx, _ in matcher.gaz.candidates(key)):
        return None  # "the Somali region" is Ethiopia's Somali Region, read as its name
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if nxt is not None and nxt.key == "of" and k + 2 < len(toks) and toks[k + 2].cap:
        return None  # "the Ukrainian city of Kharkiv": the name is the place
    m = Mention(
        t.start,
        toks[k].end,
        text[t.start : toks[k].end],
        "adjectival",
        name=text[t.start : toks[k].end],
        key=noun,
        hint="country",
        country_code=cc,
    )
    return m, k + 1

def demonym_place(
    matcher: ToponymMatcher,
    text: str,
    toks: list[Token],
    i: int,
) -> tuple[Mention, int] | None:
    """Match a place's people's word before a geographic noun: "the Gazan border" (Gaza).

    Only where no place has the word as its own name (see
    :func:`geo.places.accept.demonym_of`); the mention is the word, keyed as the place,
    read as an area.
    """
    from geo.places.accept import demonym_of

    t = toks[i]
    if i + 1 >= len(toks) or toks[i + 1].cap or toks[i + 1].key not in GEO_NOUNS or \
            toks[i + 1].start - t.end > 2:
        return None
    if matcher.key_info(t.key, False)[3]:
        return None  # a place's own name ("Oman coast")
    stem = demonym_of(matcher, t.key)
    if stem is None:
        return None
    # an area, as "Gaza's border" is: its region, or around the town (precision 2)
    return Mention(t.start, t.end, t.text, "region_form", name=t.text, key=stem,
                   hint="admin1"), i + 1


def region_adjective(
    matcher: ToponymMatcher,
    text: str,
    toks: list[Token],
    i: int,
) -> tuple[Mention, int] | None:
    """Match "Kurskaya oblast", "Donetska oblast", "Kharkivska oblast"."""
    if i + 1 >= len(toks) or toks[i + 1].key not in REGION_WORDS:
        return None
    t = toks[i]
    for suffix, repl in ADJ_SUFFIXES:
        if t.key.endswith(suffix) and len(t.key) - len(suffix) >= 3:
            key = t.key[: len(t.key) - len(suffix)] + repl
            if matcher.gaz.has_key(key):
                start, end = t.start, toks[i + 1].end
                m = Mention(
                    start,
                    end,
                    text[start:end],
                    "region_form",
                    name=t.text,
                    key=key,
                    hint="admin1",
                )
                return m, i + 2
    return None


def elided_heads(matcher: ToponymMatcher, text: str, out: list[Mention]) -> None:
    """Add the elided names of "North and South Kordofan" ("North" = North Kordofan).

    A mention whose name opens with a direction word ("South Kordofan", "West
    Java", "South Korea"), preceded by other capitalised direction words joined by
    "and"/"or"/commas, shares its tail with them; each becomes a mention of its own
    when the gazetteer knows the full name.
    """
    added: list[Mention] = []
    for m in out:
        words = m.key.split()
        if m.kind not in ("name", "region_form", "country") or len(words) < 2 or \
                words[0] not in ELIDABLE_HEADS:
            continue
        tail = " ".join(words[1:])
        pos = m.start
        while True:
            hit = ELIDED_BEFORE.search(text, max(0, pos - 30), pos)
            if hit is None or hit.end() != pos:
                break
            head = hit.group(1)
            key = f"{head.lower()} {tail}"
            if head.lower() not in ELIDABLE_HEADS or not matcher.gaz.has_key(key):
                break
            cands = matcher.gaz.candidates(key)
            country = any(matcher.gaz.fc_l[c] == COUNTRY for c, _ in cands)
            added.append(Mention(
                start=hit.start(1), end=hit.end(1), text=head,
                kind="country" if country else "name", name=f"{head} {tail}", key=key,
                hint="country" if country else ("admin1" if m.kind == "region_form"
                                                else None),
            ))
            pos = hit.start(1)
    if not added:
        return
    spans = [(a.start, a.end) for a in added]
    keep = [m for m in out if not any(m.start < e and s < m.end for s, e in spans)]
    out[:] = sorted(keep + added, key=lambda m: m.start)

def plural_regions(
    matcher: ToponymMatcher,
    text: str,
    toks: list[Token],
    out: list[Mention],
) -> None:
    """Turn region lists into region forms, one per name.

    "Kharkiv and Sumy regions", "the provinces of Aleppo, Idlib and Hama".
    """
    if not out:
        return
    ends = {}
    starts = {}
    for n, m in enumerate(out):
        ends[m.end] = n
        starts[m.start] = n
    list_gaps = (",", "and", ", and", "or", "as well as")
    for idx, t in enumerate(toks):
        if t.key not in REGION_PLURALS:
            continue
        if idx + 2 < len(toks) and toks[idx + 1].key == "of" and not toks[idx + 1].cap:
            # "the provinces of Aleppo, Damascus, ... and Deir Izzor": the list after "of"
            n = starts.get(toks[idx + 2].start)
            if n is None:
                continue
            chain = [n]
            while chain[-1] + 1 < len(out) and text[
                    out[chain[-1]].end : out[chain[-1] + 1].start].strip().lower() in list_gaps:
                chain.append(chain[-1] + 1)
            _as_regions(text, out, chain, None)
            continue
        if idx == 0:
            continue
        prev = toks[idx - 1]
        n = ends.get(prev.end)
        if n is None:
            continue
        chain = [n]
        k = n
        while k > 0:
            gap = text[out[k - 1].end : out[k].start].strip().lower()
            if gap in list_gaps:
                chain.append(k - 1)
                k -= 1
            else:
                break
        _as_regions(text, out, chain, (n, t.end))


def _as_regions(text: str, out: list[Mention], chain: list[int],
                last: tuple[int, int] | None) -> None:
    """Make the mentions ``chain`` region forms (``last``: the one ending at the plural)."""
    for c in chain:
        m = out[c]
        if m.kind in ("name", "region_form"):
            end = last[1] if last is not None and c == last[0] else m.end
            out[c] = Mention(
                m.start,
                end,
                text[m.start : end],
                "region_form",
                name=m.name,
                key=m.key,
                direction=m.direction,
                hint="admin1",
                loose=m.loose,
            )
