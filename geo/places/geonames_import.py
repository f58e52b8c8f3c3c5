"""Village-level places analysts add to the gazetteer: GeoNames' own country dumps.

``python -m geo gazetteer import UA.zip`` reads a country dump from
``https://download.geonames.org/export/dump/`` (``XX.zip`` or the ``XX.txt`` inside
it: one place per line, 19 tab-separated columns, UTF-8, no header), keeps the
places an analyst needs (every populated place, districts below the admin-1 level,
and spots such as border crossings, military bases, airports, dams, bridges and
passes), stores them in the gazetteer cache (``<cache>/imports/XX.tsv``) with the
source recorded in ``<cache>/imports/sources.json``, and rebuilds the cache, which
merges every imported file with the cities500 settlements (a place already there,
by GeoNames id, is kept once).

GeoNames data is CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from geo.atomic import write_bytes

#: The 19 columns of GeoNames' ``geoname`` table, in file order (readme.txt of the dump).
COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
    "feature_class", "feature_code", "country_code", "cc2", "admin1_code", "admin2_code",
    "admin3_code", "admin4_code", "population", "elevation", "dem", "timezone",
    "modification_date",
)

#: Feature codes kept per GeoNames feature class (None: every code of the class).
#: From GeoNames' feature code list (https://www.geonames.org/export/codes.html): the
#: places conflict reporting names below the admin-1 level. Admin-1 regions and
#: countries come from Natural Earth and GeoNames' country table already.
KEEP: dict[str, frozenset[str] | None] = {
    "P": None,  # populated places: cities, towns, villages, hamlets, camps' towns
    "A": frozenset({"ADM2", "ADM3", "ADM4", "ADM5", "ADMD"}),  # districts, LGAs, raions
    "S": frozenset({
        "AIRP", "AIRB", "AIRF", "AIRH", "AIRQ",  # airports, airbases, airfields, heliports
        "PSTB", "PSTC", "PSTP",  # border posts, customs posts, patrol posts
        "INSM", "BRKS", "FT", "CMP", "CMPRF", "CMPMN",  # military, barracks, forts, camps
        "DAM", "BDG", "PS", "PSH", "PSN", "OILR", "OILT", "RSTN", "PRN",  # infrastructure
        "HSP", "ANS", "CSTL",  # hospitals, ancient sites, castles
    }),
    "T": frozenset({"PASS", "HLL", "HLLS", "MT", "PK", "RDGE", "PT"}),  # passes, heights
    "H": frozenset({"RSV", "CNL", "HBR"}),  # reservoirs, canals, harbours
    "L": frozenset({"MILB", "PRT", "OILF", "INDS"}),  # bases, ports, oil fields, industry
    "R": frozenset({"RDJCT", "RDCR"}),  # road junctions and crossings
}

#: Columns of the stored extract (``<cache>/imports/XX.tsv``).
STORED = ("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
          "feature_class", "feature_code", "country_code", "admin1_code", "population")

IMPORTS_DIR = "imports"
SOURCES_FILE = "sources.json"
_STEM = re.compile(r"[A-Za-z0-9_-]{1,40}")
#: GeoNames' nine feature classes (a few rows have none)
_CLASSES = frozenset({"A", "H", "L", "P", "R", "S", "T", "U", "V", ""})


@dataclass(frozen=True)
class ImportedPlace:
    """One kept row of a GeoNames dump.

    Parameters
    ----------
    geonameid : int
        GeoNames id.
    name, asciiname : str
        Name and its ASCII form.
    alternatenames : tuple of str
        Other names (any script; the index keeps the Latin ones).
    lat, lon : float
        WGS84.
    feature_class, feature_code : str
        GeoNames class (``P``, ``A``, ``S``, ``T``, ``H``, ``L``, ``R``) and code.
    country_code, admin1_code : str
        ISO alpha-2 code and GeoNames admin-1 code (``14``), as in the dump.
    population : int
        Population (0 when not given).
    """

    geonameid: int
    name: str
    asciiname: str
    alternatenames: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1_code: str
    population: int


def _lines(path: Path) -> Iterator[tuple[str, str]]:
    """Yield ``(where, line)`` from a dump: the ``.txt`` itself or the ``.txt`` in a ``.zip``."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist()
                     if n.lower().endswith(".txt") and Path(n).name.lower() != "readme.txt"]
            if len(names) != 1:
                raise ValueError(f"{path}: expected one GeoNames .txt dump inside the zip, "
                                 f"found {len(names)}")
            with zf.open(names[0]) as raw:
                yield from _decoded(f"{path}!{names[0]}", raw)
        return
    if path.suffix.lower() == ".zip":
        raise ValueError(f"{path}: not a zip file")
    with path.open("rb") as raw:
        yield from _decoded(str(path), raw)


def _decoded(name: str, raw: IO[bytes]) -> Iterator[tuple[str, str]]:
    """Yield ``(file:line, text)`` for each line of a binary stream, decoded as UTF-8."""
    for n, line in enumerate(raw, start=1):
        try:
            yield f"{name}:{n}", line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"{name}:{n}: not UTF-8 text ({exc.reason})") from None


def _number(where: str, field: str, value: str, kind: type, lo: float, hi: float) -> float:
    try:
        x = kind(value)
    except ValueError:
        raise ValueError(f"{where}: field {field}: not a number: {value[:40]!r}") from None
    if not lo <= x <= hi:
        raise ValueError(f"{where}: field {field}: out of range: {value[:40]!r}")
    return x


def parse_line(where: str, line: str) -> ImportedPlace | None:
    """Parse one dump line; None for a place of a class or code not kept.

    Parameters
    ----------
    where : str
        ``file:line``, for error messages.
    line : str
        One line of the dump (its newline optional).

    Returns
    -------
    ImportedPlace or None

    Raises
    ------
    ValueError
        Naming file, line and field, when the line is not in GeoNames' format.
    """
    fields = line.rstrip("\r\n").split("\t")
    if len(fields) != len(COLUMNS):
        raise ValueError(f"{where}: expected {len(COLUMNS)} tab-separated fields "
                         f"(GeoNames dump format), found {len(fields)}")
    row = dict(zip(COLUMNS, fields, strict=True))
    fclass, fcode = row["feature_class"].strip(), row["feature_code"].strip()
    if fclass not in _CLASSES:
        raise ValueError(f"{where}: field feature_class: unknown class {fclass[:10]!r}")
    keep = KEEP.get(fclass, frozenset())
    if keep is not None and fcode not in keep:
        return None
    gid = int(_number(where, "geonameid", row["geonameid"], int, 1, 2**53))
    lat = _number(where, "latitude", row["latitude"], float, -90, 90)
    lon = _number(where, "longitude", row["longitude"], float, -180, 180)
    pop = row["population"].strip()
    population = int(_number(where, "population", pop, int, 0, 10**10)) if pop else 0
    name = row["name"].strip()
    if not name:
        raise ValueError(f"{where}: field name: empty")
    cc = row["country_code"].strip().upper()
    if cc and not re.fullmatch(r"[A-Z]{2}", cc):
        raise ValueError(f"{where}: field country_code: not an ISO alpha-2 code: {cc[:10]!r}")
    alts = tuple(a.strip() for a in row["alternatenames"].split(",") if a.strip())
    return ImportedPlace(gid, name, row["asciiname"].strip() or name, alts, lat, lon, fclass,
                         fcode, cc, row["admin1_code"].strip(), population)


def read_dump(path: str | Path) -> list[ImportedPlace]:
    """Read a GeoNames country dump (``XX.zip`` or ``XX.txt``) and keep what analysts need.

    Parameters
    ----------
    path : str or Path
        The dump.

    Returns
    -------
    list of ImportedPlace
        The kept places, in file order.

    Raises
    ------
    ValueError
        When the file is missing, not UTF-8, or a line is not in the 19-column format
        (the message names the file, line and field).
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    out: list[ImportedPlace] = []
    try:
        for where, line in _lines(path):
            if not line.strip():
                continue
            place = parse_line(where, line)
            if place is not None:
                out.append(place)
    except zipfile.BadZipFile as exc:
        raise ValueError(f"{path}: bad zip file ({exc})") from None
    if not out:
        raise ValueError(f"{path}: no populated place, district or spot in this file")
    return out


def _tsv(places: list[ImportedPlace]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(STORED)
    for p in places:
        w.writerow([p.geonameid, p.name, p.asciiname, ",".join(p.alternatenames), p.lat, p.lon,
                    p.feature_class, p.feature_code, p.country_code, p.admin1_code,
                    p.population])
    return buf.getvalue().encode("utf-8")


def stored_places(cache_dir: Path) -> list[ImportedPlace]:
    """Return every place imported into a cache folder (all files, in name order).

    Parameters
    ----------
    cache_dir : Path
        The gazetteer cache folder.

    Returns
    -------
    list of ImportedPlace
    """
    folder = Path(cache_dir) / IMPORTS_DIR
    out: list[ImportedPlace] = []
    for f in sorted(folder.glob("*.tsv")) if folder.is_dir() else ():
        with f.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                alts = tuple(a for a in (row["alternatenames"] or "").split(",") if a)
                out.append(ImportedPlace(
                    int(row["geonameid"]), row["name"], row["asciiname"], alts,
                    float(row["latitude"]), float(row["longitude"]), row["feature_class"],
                    row["feature_code"], row["country_code"], row["admin1_code"],
                    int(row["population"] or 0)))
    return out


def import_sources(cache_dir: Path) -> list[dict]:
    """Return the recorded sources of the imported files (empty if none)."""
    path = Path(cache_dir) / IMPORTS_DIR / SOURCES_FILE
    if not path.is_file():
        return []
    return json.loads(path.read_text(encoding="utf-8"))


def import_dump(path: str | Path, cache_dir: str | Path | None = None,
                rebuild: bool = True) -> dict:
    """Import a GeoNames country dump into the gazetteer cache and rebuild the cache.

    Parameters
    ----------
    path : str or Path
        ``XX.zip`` or ``XX.txt`` from GeoNames' dump folder.
    cache_dir : str or Path, optional
        The cache folder (default: the ``cache_dir`` setting).
    rebuild : bool
        Rebuild the cache now (default); else the next build merges the file.

    Returns
    -------
    dict
        The recorded source: file, sha256, kept rows, rows per feature class, date.

    Raises
    ------
    ValueError
        On a file not in GeoNames' dump format (nothing is stored then).
    """
    from geo.places.build import build_cache, default_cache_dir

    path = Path(path)
    stem = path.stem.split(".")[0]
    if not _STEM.fullmatch(stem):
        raise ValueError(f"{path}: name the file after its country (XX.zip or XX.txt)")
    places = read_dump(path)
    folder = default_cache_dir(cache_dir)
    (folder / IMPORTS_DIR).mkdir(parents=True, exist_ok=True)
    write_bytes(folder / IMPORTS_DIR / f"{stem}.tsv", _tsv(places))
    source = {
        "name": stem,
        "file": str(path.resolve()),
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "places": len(places),
        "by_class": dict(sorted(Counter(p.feature_class for p in places).items())),
        "imported": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licence": "GeoNames, CC BY 4.0",
    }
    sources = [s for s in import_sources(folder) if s.get("name") != stem] + [source]
    write_bytes(folder / IMPORTS_DIR / SOURCES_FILE,
                (json.dumps(sources, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    if rebuild:
        build_cache(folder)
    return source


def import_dumps(paths: list[str | Path], cache_dir: str | Path | None = None) -> list[dict]:
    """Import several country dumps, then rebuild the cache once.

    Every file is read and checked before any is stored: a bad file stores nothing.

    Parameters
    ----------
    paths : list of str or Path
        ``XX.zip`` / ``XX.txt`` dumps.
    cache_dir : str or Path, optional
        The cache folder (default: the ``cache_dir`` setting).

    Returns
    -------
    list of dict
        The recorded source of each file.
    """
    from geo.places.build import build_cache, default_cache_dir

    for path in paths:
        read_dump(path)  # check all before storing any
    sources = [import_dump(path, cache_dir, rebuild=False) for path in paths]
    build_cache(default_cache_dir(cache_dir))
    return sources
