"""The claim and article schemas shared by extraction, storage, export and the app.

A claims table is a GeoDataFrame in ``EPSG:4326`` with exactly the columns of
:data:`CLAIM_COLUMNS` (SPEC properties plus a few extras) and a ``geometry``
column. An articles table is a DataFrame with :data:`ARTICLE_COLUMNS`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import geopandas as gpd
import pandas as pd

CRS = "EPSG:4326"

#: Article fields: required ones first.
ARTICLE_REQUIRED = ("id", "published", "text")
#: ``author``: the byline (a saved page's metadata, a feed item's author), or missing.
ARTICLE_OPTIONAL = ("title", "source", "url", "author")
ARTICLE_COLUMNS = ARTICLE_REQUIRED + ARTICLE_OPTIONAL

#: The thirteen claim types of the SPEC.
CLAIM_TYPES = (
    "control",
    "advance",
    "clash",
    "repelled",
    "strike",
    "casualties",
    "displacement",
    "emergency",
    "restriction",
    "unrest",
    "detention",
    "attack",
    "deployment",
)

DATE_PRECISIONS = ("day", "week", "month", "year", "published")
FEATURE_CLASSES = ("settlement", "admin1", "country", "other")
UNITS = ("km", "km2", "settlements", "people")
QUALIFIERS = ("at least", "about", "more than", "less than", "up to")

#: Claim columns and their pandas dtypes, in export order (geometry excluded).
CLAIM_DTYPES: dict[str, str] = {
    "claim_id": "string",
    "article_id": "string",
    "published": "string",  # YYYY-MM-DD
    "event_date": "string",  # YYYY-MM-DD or missing
    "date_precision": "string",
    "claim_type": "string",
    "actor": "string",
    "claimant": "string",
    "claimant_id": "string",  # geo.claimants: one key per claimant under every spelling
    "claimant_name": "string",
    "claimant_side": "string",  # normalised like actor, or "independent"
    "claimant_kind": "string",
    "contest_id": "string",  # geo.disputes: shared by incompatible claims of different sides
    "stance": "string",  # "asserted", or "denied" when the claimant denies it ("X denied ...")
    "quantity": "Float64",
    "quantity_max": "Float64",
    "unit": "string",
    "qualifier": "string",
    "location_text": "string",
    "place_name": "string",
    "place_id": "string",
    "feature_class": "string",
    "admin1": "string",
    "country_code": "string",
    "latitude": "Float64",
    "longitude": "Float64",
    "geo_precision": "Int64",
    "sentence": "string",
    "source": "string",
    "title": "string",
    "url": "string",
    # extras beyond the SPEC
    "author": "string",  # the article's byline, copied like title and url
    "trigger": "string",  # the word(s) that made the claim type
    "sentence_index": "Int64",
    "extractor_version": "string",
    "support_count": "Int64",  # geo.disputes: distinct claimants asserting the same thing
    # corroboration (geo.reference.corroborate): filled from the reference layers when
    # claims are read, empty in the store
    "reference_events": "string",  # ';'-joined ids of matching coded events; "" none
    "assessed_control": "string",  # inside | later | never | missing (not covered)
    "assessed_area_km2": "Float64",  # the claimant side's assessed area in the region
}
CLAIM_COLUMNS = tuple(CLAIM_DTYPES)


def empty_claims() -> gpd.GeoDataFrame:
    """Return an empty claims GeoDataFrame with the schema's columns and dtypes.

    Returns
    -------
    geopandas.GeoDataFrame
        No rows, every column of :data:`CLAIM_COLUMNS`, ``crs="EPSG:4326"``.
    """
    frame = pd.DataFrame({c: pd.Series(dtype=t) for c, t in CLAIM_DTYPES.items()})
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


def conform_claims(claims: pd.DataFrame) -> gpd.GeoDataFrame:
    """Return ``claims`` with exactly the schema's columns, in order, and its dtypes.

    Missing columns are added empty; unknown columns are dropped.

    Parameters
    ----------
    claims : pandas.DataFrame or geopandas.GeoDataFrame
        Claims with a ``geometry`` column (WGS84).

    Returns
    -------
    geopandas.GeoDataFrame
        Conformed copy with ``crs="EPSG:4326"``.
    """
    out = pd.DataFrame(index=claims.index)
    for col, dtype in CLAIM_DTYPES.items():
        values = claims[col] if col in claims.columns else pd.Series(pd.NA, index=claims.index)
        out[col] = values.astype(dtype)
    geometry = claims["geometry"] if "geometry" in claims.columns else None
    gdf = gpd.GeoDataFrame(out, geometry=gpd.GeoSeries(geometry, index=claims.index), crs=CRS)
    return gdf


#: The claim fields that tell two claims apart: two claims differing in any of them get
#: different ids (issue 11: a count of settlements and an area in one sentence were one
#: id). Place names, coordinates and the sentence follow from ``place_id`` and
#: ``sentence_index``; ``published``, ``source``, ``title``, ``url`` from the article.
CLAIM_ID_FIELDS = ("article_id", "sentence_index", "claim_type", "location_text", "trigger",
                   "quantity", "quantity_max", "unit", "qualifier", "place_id", "actor",
                   "claimant", "event_date", "date_precision")


def _id_part(value: object) -> str:
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if isinstance(value, float):
        return repr(float(value))
    if isinstance(value, int) or (hasattr(value, "dtype") and str(value.dtype).startswith(
            ("int", "float"))):
        return repr(float(value))
    return str(value)


def claim_id(article_id: str, sentence_index: int, claim_type: str, location_text: str,
             trigger: str = "", quantity: float | None = None, **distinguishing: object) -> str:
    """Return a stable id for a claim: the same input always gives the same id.

    Parameters
    ----------
    article_id : str
        The article's id.
    sentence_index : int
        Index of the sentence in the article.
    claim_type : str
        One of :data:`CLAIM_TYPES`.
    location_text : str
        The place as written.
    trigger : str, optional
        The word(s) that made the claim type.
    quantity : float, optional
        The claimed figure.
    **distinguishing
        The other fields of :data:`CLAIM_ID_FIELDS` (``unit``, ``quantity_max``,
        ``qualifier``, ``place_id``, ``actor``, ``claimant``, ``event_date``,
        ``date_precision``); missing values leave the id as without them.

    Returns
    -------
    str
        16 hex digits of a SHA-1 over the parts.

    Raises
    ------
    TypeError
        A keyword that is not in :data:`CLAIM_ID_FIELDS`.
    """
    unknown = set(distinguishing) - set(CLAIM_ID_FIELDS)
    if unknown:
        raise TypeError(f"claim_id: not a distinguishing field: {', '.join(sorted(unknown))}")
    parts = [article_id, str(sentence_index), claim_type, location_text, trigger,
             _id_part(quantity)]
    for name in CLAIM_ID_FIELDS[6:]:  # named, so an added field changes no other id
        value = _id_part(distinguishing.get(name))
        if value:
            parts.append(f"{name}={value}")
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def claim_id_of(row: Mapping[str, object]) -> str:
    """Return :func:`claim_id` over every field of :data:`CLAIM_ID_FIELDS` of ``row``."""
    get = row.get
    return claim_id(str(get("article_id")), int(get("sentence_index") or 0),
                    str(get("claim_type") or ""), str(get("location_text") or ""),
                    str(get("trigger") or ""), get("quantity"),  # type: ignore[arg-type]
                    **{f: get(f) for f in CLAIM_ID_FIELDS[6:]})


def drop_duplicate_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Keep the first of claims sharing a ``claim_id`` (equal in every distinguishing field).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``claim_id``.

    Returns
    -------
    pandas.DataFrame
        ``claims`` without repeated ids (the same frame when there are none).
    """
    if "claim_id" not in claims.columns or not claims["claim_id"].duplicated().any():
        return claims
    return claims[~claims["claim_id"].duplicated()].reset_index(drop=True)
