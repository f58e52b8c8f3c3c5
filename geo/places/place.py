"""A place of the gazetteer: its fields, feature classes and name flags."""

from __future__ import annotations

from dataclasses import dataclass

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
    feature_code : str
        GeoNames feature code of an imported district or spot (``ADM2``, ``AIRP``,
        ``PSTB``); empty otherwise. Such places have ``feature_class`` ``other``.
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
    feature_code: str = ""
