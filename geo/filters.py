"""Filters over claims: one definition shared by the store, the exports, the CLI and the app.

A :class:`ClaimFilter` says which claims an analyst wants to see. :func:`apply_filter`
applies it to a claims GeoDataFrame (a pure function); the stores translate the
indexable parts into SQL and then apply the same function, so every back end
returns exactly what :func:`apply_filter` would.

Matching rules
--------------
``date_from`` / ``date_to``
    Inclusive ISO dates (``YYYY-MM-DD``) compared with the claim's *effective date*:
    ``event_date``, or ``published`` where the claim has no event date.
``claim_types``
    Any of the listed types (:data:`geo.schema.CLAIM_TYPES`).
``actors``, ``claimants``, ``admin1``
    Any of the listed values, compared whole and case-insensitively
    (``"russia"`` matches ``Russia`` but not ``Russian Ministry of Defense``).
``claimant_ids``
    Any of the listed claimant ids (:mod:`geo.claimants`), exact.
``claimant_sides``
    Any of the listed claimant sides (``Russia``, ``independent``), case-insensitive.
``assessment``
    ``parties``: claims by a claimant who speaks for a side (claimant side set and not
    ``independent``); ``independent``: claims by observers (side ``independent``).
``contested``
    True keeps only claims another side disputes (``contest_id`` set).
``stance``
    ``denied``: only claims their claimant denies; ``asserted``: only the others.
``countries``
    ISO 3166-1 alpha-2 codes, case-insensitive.
``bbox``
    ``(min_lon, min_lat, max_lon, max_lat)`` in WGS84, inclusive, tested on the claim's
    representative point (``longitude``, ``latitude``). ``min_lon > max_lon`` means a box
    that crosses the antimeridian.
``text``
    Case-insensitive substring of the sentence, place, location text, actor, claimant
    or title.

Empty lists and ``None`` mean "no constraint". Constraints combine with AND.

URL round trip
--------------
:meth:`ClaimFilter.to_query_params` gives a flat ``dict[str, str]`` (keys ``from``,
``to``, ``type``, ``actor``, ``claimant``, ``cid``, ``side``, ``by``, ``contested``,
``stance``, ``country``, ``admin1``, ``bbox``, ``q``)
for a page URL; lists are comma-separated with ``%`` and ``,`` inside a value escaped
as ``%25`` and ``%2C``. :meth:`ClaimFilter.from_query_params` reverses it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.schema import CLAIM_TYPES

#: Columns searched by ``ClaimFilter.text``.
TEXT_COLUMNS = ("sentence", "location_text", "place_name", "actor", "claimant", "title")

#: Values of ``ClaimFilter.assessment``.
ASSESSMENTS = ("parties", "independent")
#: Values of ``ClaimFilter.stance`` (a claim's ``stance``; stored claims without one assert).
STANCES = ("asserted", "denied")
#: The claimant side of observers (:mod:`geo.claimants`).
INDEPENDENT = "independent"

#: Query-parameter key for each filter field.
PARAM_KEYS = {
    "date_from": "from",
    "date_to": "to",
    "claim_types": "type",
    "actors": "actor",
    "claimants": "claimant",
    "claimant_ids": "cid",
    "claimant_sides": "side",
    "assessment": "by",
    "contested": "contested",
    "stance": "stance",
    "countries": "country",
    "admin1": "admin1",
    "bbox": "bbox",
    "text": "q",
    "unsupported": "unsupported",
}


def parse_date(value: str, what: str = "date") -> str:
    """Return ``value`` as a ``YYYY-MM-DD`` string, or raise ``ValueError``.

    Parameters
    ----------
    value : str
        An ISO 8601 date (``2024-03-01``) or datetime (its date part is kept).
    what : str, optional
        Name used in the error message.

    Returns
    -------
    str
        The normalised date.

    Raises
    ------
    ValueError
        If ``value`` is not an ISO date.
    """
    text = str(value).strip()
    try:  # the whole value: "2024-08-15garbage" is not a date
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("z", "Z")).date().isoformat()
    except ValueError:
        raise ValueError(f"{what}: cannot parse {value!r} as an ISO date (YYYY-MM-DD)") from None


def parse_bbox(value: str | Sequence[float]) -> tuple[float, float, float, float]:
    """Return a validated ``(min_lon, min_lat, max_lon, max_lat)`` box.

    Parameters
    ----------
    value : str or sequence of float
        ``"min_lon,min_lat,max_lon,max_lat"`` or four numbers.

    Returns
    -------
    tuple of float
        The box.

    Raises
    ------
    ValueError
        If there are not four finite numbers, a longitude is outside [-180, 180],
        a latitude outside [-90, 90], or ``min_lat > max_lat``.
    """
    parts = value.split(",") if isinstance(value, str) else list(value)
    try:
        box = tuple(float(p) for p in parts)
    except (TypeError, ValueError):
        raise ValueError(f"bbox: {value!r} is not four numbers "
                         "min_lon,min_lat,max_lon,max_lat") from None
    if len(box) != 4 or not all(math.isfinite(v) for v in box):
        raise ValueError(f"bbox: {value!r} is not four numbers min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = box
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise ValueError(f"bbox: longitudes must lie in [-180, 180], got {value!r}")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise ValueError(f"bbox: latitudes must lie in [-90, 90], got {value!r}")
    if min_lat > max_lat:
        raise ValueError(f"bbox: min_lat > max_lat in {value!r} (order is "
                         "min_lon,min_lat,max_lon,max_lat)")
    return box  # type: ignore[return-value]


def _as_tuple(values: str | Iterable[str] | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(str(v).strip() for v in values if v is not None and str(v).strip())


@dataclass
class ClaimFilter:
    """Which claims to keep. See the module docstring for the matching rules.

    Parameters
    ----------
    date_from, date_to : str or None
        Inclusive ISO dates on the claim's effective date.
    claim_types : tuple of str
        Claim types to keep.
    actors, claimants : tuple of str
        Actors / claimants to keep (whole value, case-insensitive).
    claimant_ids, claimant_sides : tuple of str
        Claimant ids (exact) / claimant sides (case-insensitive) to keep.
    assessment : {"parties", "independent"} or None
        Parties' claims or independent assessments only.
    contested : bool
        Only claims with a ``contest_id``.
    stance : {"asserted", "denied"} or None
        Only claims their claimant asserts, or only denials (``stance``).
    countries : tuple of str
        ISO alpha-2 codes to keep.
    admin1 : tuple of str
        Admin-1 region names to keep (case-insensitive).
    bbox : tuple of float or None
        ``(min_lon, min_lat, max_lon, max_lat)``.
    text : str or None
        Free-text substring.
    unsupported : bool
        Keep only claims no reference supports (:func:`geo.reference.corroborate.unsupported`:
        no matching reference event and not inside the assessed area); claims without
        corroboration columns all count as unsupported.
    """

    date_from: str | None = None
    date_to: str | None = None
    claim_types: tuple[str, ...] = field(default_factory=tuple)
    actors: tuple[str, ...] = field(default_factory=tuple)
    claimants: tuple[str, ...] = field(default_factory=tuple)
    claimant_ids: tuple[str, ...] = field(default_factory=tuple)
    claimant_sides: tuple[str, ...] = field(default_factory=tuple)
    assessment: str | None = None
    contested: bool = False
    stance: str | None = None
    countries: tuple[str, ...] = field(default_factory=tuple)
    admin1: tuple[str, ...] = field(default_factory=tuple)
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    unsupported: bool = False

    def __post_init__(self) -> None:
        self.date_from = parse_date(self.date_from, "date_from") if self.date_from else None
        self.date_to = parse_date(self.date_to, "date_to") if self.date_to else None
        self.claim_types = _as_tuple(self.claim_types)
        unknown = [t for t in self.claim_types if t not in CLAIM_TYPES]
        if unknown:
            raise ValueError(f"claim_types: unknown type(s) {', '.join(unknown)}; "
                             f"choose from {', '.join(CLAIM_TYPES)}")
        self.actors = _as_tuple(self.actors)
        self.claimants = _as_tuple(self.claimants)
        self.claimant_ids = _as_tuple(self.claimant_ids)
        self.claimant_sides = _as_tuple(self.claimant_sides)
        if isinstance(self.assessment, str):
            self.assessment = self.assessment.strip().lower() or None
        if self.assessment not in (None, *ASSESSMENTS):
            raise ValueError(f"assessment: {self.assessment!r} is not one of "
                             f"{', '.join(ASSESSMENTS)}")
        if isinstance(self.contested, str):
            if self.contested.strip().lower() not in ("1", "true", "yes", "0", "false", "no",
                                                      ""):
                raise ValueError(f"contested: {self.contested!r} is not 1 or 0")
            self.contested = self.contested.strip().lower() in ("1", "true", "yes")
        self.contested = bool(self.contested)
        if isinstance(self.stance, str):
            self.stance = self.stance.strip().lower() or None
        if self.stance not in (None, *STANCES):
            raise ValueError(f"stance: {self.stance!r} is not one of {', '.join(STANCES)}")
        self.countries = tuple(c.upper() for c in _as_tuple(self.countries))
        bad = [c for c in self.countries if len(c) != 2 or not c.isalpha()]
        if bad:
            raise ValueError(f"countries: {', '.join(bad)} is not an ISO 3166-1 alpha-2 code")
        self.admin1 = _as_tuple(self.admin1)
        self.bbox = parse_bbox(self.bbox) if self.bbox is not None else None
        self.text = (self.text.strip() or None) if isinstance(self.text, str) else None
        if isinstance(self.unsupported, str):
            self.unsupported = self.unsupported.strip().lower() in ("1", "true", "yes", "on")
        self.unsupported = bool(self.unsupported)

    def is_empty(self) -> bool:
        """Return True when the filter keeps every claim."""
        return self == ClaimFilter()

    def to_query_params(self) -> dict[str, str]:
        """Return the filter as flat URL query parameters (only the set fields).

        Returns
        -------
        dict of str to str
            E.g. ``{"from": "2024-01-01", "type": "control,strike"}``.
        """
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value == () or value is False:
                continue
            key = PARAM_KEYS[f.name]
            if value is True:
                out[key] = "1"
            elif f.name == "bbox":
                out[key] = ",".join(_fmt_number(v) for v in value)
            elif isinstance(value, tuple):
                out[key] = ",".join(_escape(v) for v in value)
            else:
                out[key] = str(value)
        return out

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | Sequence[str]], *,
                          strict: bool = True) -> ClaimFilter:
        """Build a filter from URL query parameters made by :meth:`to_query_params`.

        Parameters
        ----------
        params : mapping
            Key to value; a value may also be a list of values (repeated keys), each
            comma-separated. Unknown keys are ignored.
        strict : bool, optional
            If True (default) an invalid value raises ``ValueError``; if False the
            invalid field is dropped (for hand-edited URLs).

        Returns
        -------
        ClaimFilter
            The filter.
        """
        kwargs: dict[str, object] = {}
        for name, key in PARAM_KEYS.items():
            if key not in params:
                continue
            raw = params[key]
            items = [raw] if isinstance(raw, str) else [str(r) for r in raw]
            if name in ("date_from", "date_to", "text", "bbox", "unsupported", "assessment",
                        "contested", "stance"):
                value: object = items[-1] if items else None
                if name == "text" and value is not None:
                    value = str(value)
            else:
                value = tuple(_unescape(v) for item in items for v in item.split(",")
                              if v.strip())
            if not strict:
                try:
                    cls(**{name: value})
                except ValueError:
                    continue
            kwargs[name] = value
        return cls(**kwargs)

    def with_(self, **changes: object) -> ClaimFilter:
        """Return a copy with some fields changed (validated again)."""
        return replace(self, **changes)


def _fmt_number(value: float) -> str:
    return repr(float(value)).removesuffix(".0") if float(value).is_integer() else repr(value)


def _escape(value: str) -> str:
    return value.replace("%", "%25").replace(",", "%2C")


_ESCAPES = re.compile(r"%(25|2[Cc])")


def _unescape(value: str) -> str:
    return _ESCAPES.sub(lambda m: "%" if m.group(1) == "25" else ",", value.strip())


def effective_date(claims: pd.DataFrame) -> pd.Series:
    """Return each claim's effective date: ``event_date``, else ``published``.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``event_date`` and ``published`` columns (ISO strings).

    Returns
    -------
    pandas.Series
        ISO date strings (missing where both are missing).
    """
    return claims["event_date"].astype("string").fillna(claims["published"].astype("string"))


def _isin_casefold(column: pd.Series, values: tuple[str, ...]) -> np.ndarray:
    wanted = {v.casefold() for v in values}
    folded = column.astype("string").str.casefold()
    return folded.isin(wanted).fillna(False).to_numpy(dtype=bool)


def filter_mask(claims: pd.DataFrame, flt: ClaimFilter | None) -> np.ndarray:
    """Return a boolean array: which rows of ``claims`` pass ``flt``.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with the schema's columns.
    flt : ClaimFilter or None
        The filter; None keeps everything.

    Returns
    -------
    numpy.ndarray
        One bool per row.
    """
    mask = np.ones(len(claims), dtype=bool)
    if flt is None or len(claims) == 0:
        return mask
    if flt.date_from or flt.date_to:
        dates = effective_date(claims)
        if flt.date_from:
            mask &= (dates >= flt.date_from).fillna(False).to_numpy(dtype=bool)
        if flt.date_to:
            mask &= (dates <= flt.date_to).fillna(False).to_numpy(dtype=bool)
    if flt.claim_types:
        mask &= claims["claim_type"].isin(flt.claim_types).fillna(False).to_numpy(dtype=bool)
    if flt.actors:
        mask &= _isin_casefold(claims["actor"], flt.actors)
    if flt.claimants:
        mask &= _isin_casefold(claims["claimant"], flt.claimants)
    mask &= _claimant_mask(claims, flt)
    if flt.countries:
        mask &= _isin_casefold(claims["country_code"], flt.countries)
    if flt.admin1:
        mask &= _isin_casefold(claims["admin1"], flt.admin1)
    if flt.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = flt.bbox
        lon = pd.to_numeric(claims["longitude"], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan)
        lat = pd.to_numeric(claims["latitude"], errors="coerce").to_numpy(
            dtype=float, na_value=np.nan)
        in_lat = (lat >= min_lat) & (lat <= max_lat)
        if min_lon <= max_lon:
            in_lon = (lon >= min_lon) & (lon <= max_lon)
        else:  # crosses the antimeridian
            in_lon = (lon >= min_lon) | (lon <= max_lon)
        mask &= in_lat & in_lon
    if flt.text:
        needle = flt.text.casefold()
        hit = np.zeros(len(claims), dtype=bool)
        for col in TEXT_COLUMNS:
            if col in claims.columns:
                hit |= (claims[col].astype("string").str.casefold()
                        .str.contains(needle, regex=False).fillna(False).to_numpy(dtype=bool))
        mask &= hit
    if flt.unsupported:
        from geo.reference.corroborate import unsupported

        mask &= unsupported(claims).to_numpy(dtype=bool)
    return mask


def _column(claims: pd.DataFrame, name: str) -> pd.Series:
    if name in claims.columns:
        return claims[name]
    return pd.Series(pd.NA, index=claims.index, dtype="string")


def _claimant_mask(claims: pd.DataFrame, flt: ClaimFilter) -> np.ndarray:
    """Rows passing the claimant id, side, assessment, contested and stance parts of ``flt``."""
    mask = np.ones(len(claims), dtype=bool)
    if flt.claimant_ids:
        mask &= _column(claims, "claimant_id").isin(flt.claimant_ids).fillna(False).to_numpy(
            dtype=bool)
    side = _column(claims, "claimant_side").astype("string")
    if flt.claimant_sides:
        mask &= _isin_casefold(side, flt.claimant_sides)
    if flt.assessment == "independent":
        mask &= side.eq(INDEPENDENT).fillna(False).to_numpy(dtype=bool)
    elif flt.assessment == "parties":
        mask &= (side.notna() & side.ne(INDEPENDENT)).fillna(False).to_numpy(dtype=bool)
    if flt.contested:
        mask &= _column(claims, "contest_id").notna().to_numpy(dtype=bool)
    if flt.stance is not None:
        denied = _column(claims, "stance").astype("string").eq("denied").fillna(False)
        mask &= denied.to_numpy(dtype=bool) == (flt.stance == "denied")
    return mask


def apply_filter(claims: gpd.GeoDataFrame, flt: ClaimFilter | None) -> gpd.GeoDataFrame:
    """Return the claims that pass ``flt`` (a new frame; the input is not changed).

    Parameters
    ----------
    claims : geopandas.GeoDataFrame
        Claims with the schema's columns.
    flt : ClaimFilter or None
        The filter; None keeps everything.

    Returns
    -------
    geopandas.GeoDataFrame
        The kept rows, in their original order and with their original index.
    """
    if flt is None:
        return claims.copy()
    return claims.loc[filter_mask(claims, flt)].copy()
