"""Validating an ingest batch before a back end writes it (shared by both back ends).

Pure functions over frames: :func:`prepare_batch` checks and normalises articles and
their claims, :func:`classify` splits them into new, replaced and unchanged ones against
what is stored, :func:`rows_of` and :func:`claim_records` give the rows to write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.schema import (
    ARTICLE_COLUMNS,
    ARTICLE_REQUIRED,
    CLAIM_TYPES,
    CRS,
    conform_claims,
)
from geo.store.base import IngestSummary, text_hash


def now_iso() -> str:
    """Return the current UTC time as ``YYYY-MM-DDTHH:MM:SS.fffZ`` (GeoPackage DATETIME)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass
class PreparedBatch:
    """A validated ingest batch, ready for a back end to write.

    Attributes
    ----------
    articles : pandas.DataFrame
        Store article columns except ``ingested_at`` (set when written).
    claims : geopandas.GeoDataFrame
        Conformed claims plus ``claim_date``.
    claims_by_article : dict of str to numpy.ndarray
        Row positions of each article's claims in ``claims``.
    """

    articles: pd.DataFrame
    claims: gpd.GeoDataFrame
    claims_by_article: dict[str, np.ndarray]


def prepare_batch(articles: pd.DataFrame, claims: gpd.GeoDataFrame | None,
                  extractor_version: str | None = None) -> PreparedBatch:
    """Validate an ingest batch and normalise it; raise ``ValueError`` on any problem.

    Parameters
    ----------
    articles : pandas.DataFrame
        Articles with at least ``id, published, text``.
    claims : geopandas.GeoDataFrame or None
        Claims of those articles (any subset of them; an article without claims is
        stored with ``n_claims = 0``).
    extractor_version : str, optional
        Version recorded for the articles; default: the claims' version (per article;
        for an article without claims the batch's most common one), else ``"unknown"``.

    Returns
    -------
    PreparedBatch
        The normalised batch.

    Raises
    ------
    ValueError
        Missing article field, empty text, bad date, duplicate id with different text,
        claim of an unknown article or type, geometry not in WGS84 range.
    """
    missing = [c for c in ARTICLE_REQUIRED if c not in articles.columns]
    if missing:
        raise ValueError(f"articles: missing column(s) {', '.join(missing)}")
    arts = pd.DataFrame({c: (articles[c] if c in articles.columns else pd.Series(
        pd.NA, index=articles.index)).astype("string") for c in ARTICLE_COLUMNS})
    arts = arts.reset_index(drop=True)
    for col in ARTICLE_REQUIRED:
        bad = arts[col].isna() | (arts[col].str.strip() == "")
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise ValueError(f"articles row {i}: field {col!r} is empty")
    try:
        arts["published"] = [dt.date.fromisoformat(str(p)[:10]).isoformat()
                             for p in arts["published"]]
    except ValueError as exc:
        raise ValueError(f"articles: field 'published': {exc}") from None
    arts["published"] = arts["published"].astype("string")
    arts["text_sha256"] = [text_hash(t) for t in arts["text"]]
    dup = arts.duplicated("id", keep=False)
    if dup.any():
        groups = arts.loc[dup].groupby("id")["text_sha256"].nunique()
        conflicting = groups[groups > 1]
        if len(conflicting):
            raise ValueError(f"articles: duplicate id {conflicting.index[0]!r} with "
                             "different text")
        arts = arts.drop_duplicates("id", keep="first").reset_index(drop=True)

    if claims is None or len(claims) == 0:
        from geo.schema import empty_claims

        cl = empty_claims()
    else:
        if claims.crs is not None and not claims.crs.equals(CRS):
            claims = claims.to_crs(CRS)
        cl = conform_claims(claims).reset_index(drop=True)
    ids = set(arts["id"])
    orphan = ~cl["article_id"].isin(ids).fillna(False)
    if orphan.any():
        raise ValueError(f"claims: article_id {cl['article_id'][orphan].iloc[0]!r} is not "
                         "among the ingested articles")
    bad_type = ~cl["claim_type"].isin(CLAIM_TYPES).fillna(False)
    if bad_type.any():
        raise ValueError(f"claims: unknown claim_type {cl['claim_type'][bad_type].iloc[0]!r}")
    if cl["claim_id"].isna().any():
        raise ValueError("claims: claim_id is missing")
    geoms = cl.geometry.values
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    if present.any():
        b = shapely.bounds(geoms[present])
        if (b[:, 0] < -180).any() or (b[:, 2] > 180).any() or (b[:, 1] < -90).any() \
                or (b[:, 3] > 90).any():
            raise ValueError("claims: geometry outside WGS84 lon/lat range")
    cl["claim_date"] = cl["event_date"].fillna(cl["published"]).astype("string")

    positions = cl.groupby("article_id", sort=False).indices if len(cl) else {}
    versions = {}
    if len(cl):
        known = cl.dropna(subset=["extractor_version"])
        versions = known.groupby("article_id")["extractor_version"].first().to_dict()
    if extractor_version is not None:
        arts["extractor_version"] = extractor_version
        cl["extractor_version"] = cl["extractor_version"].fillna(extractor_version)
    else:
        # articles without claims: the batch's (most common) version, if it has one
        default = (cl["extractor_version"].dropna().mode().iloc[0]
                   if cl["extractor_version"].notna().any() else "unknown")
        arts["extractor_version"] = [versions.get(i, default) for i in arts["id"]]
    arts["extractor_version"] = arts["extractor_version"].astype("string")
    arts["n_claims"] = [len(positions.get(i, ())) for i in arts["id"]]
    return PreparedBatch(arts, cl, {k: np.asarray(v) for k, v in positions.items()})


def classify(batch: PreparedBatch, existing: dict[str, tuple[str, str]], refresh: bool,
             summary: IngestSummary) -> tuple[list[str], list[str]]:
    """Split a batch's articles into new and replaced ones, filling ``summary``.

    Parameters
    ----------
    batch : PreparedBatch
        The batch.
    existing : dict of str to (str, str)
        Stored ``id -> (text_sha256, extractor_version)`` for the batch's ids.
    refresh : bool
        Replace articles with the same text but another extractor version.
    summary : IngestSummary
        Updated in place.

    Returns
    -------
    (list of str, list of str)
        Ids to insert, ids to replace.
    """
    new, replace = [], []
    for aid, sha, version in zip(batch.articles["id"], batch.articles["text_sha256"],
                                 batch.articles["extractor_version"], strict=True):
        if aid not in existing:
            new.append(aid)
            continue
        old_sha, old_version = existing[aid]
        if old_sha != sha:
            replace.append(aid)
            summary.articles_updated += 1
        elif refresh and old_version != version:
            replace.append(aid)
            summary.articles_refreshed += 1
        else:
            summary.articles_unchanged += 1
    summary.articles_new = len(new)
    summary.new_ids = new
    summary.updated_ids = replace
    return new, replace


def rows_of(batch: PreparedBatch, ids: Sequence[str]) -> tuple[pd.DataFrame, gpd.GeoDataFrame]:
    """Return the article rows and claim rows of ``ids`` in a batch."""
    arts = batch.articles[batch.articles["id"].isin(list(ids))]
    pos = [batch.claims_by_article[i] for i in ids if i in batch.claims_by_article]
    idx = np.concatenate(pos) if pos else np.array([], dtype=int)
    return arts, batch.claims.iloc[np.sort(idx)]


def chunks(items: Sequence, size: int = 500) -> Iterable[Sequence]:
    """Yield ``items`` in slices of ``size`` (SQLite's bound-parameter limit)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def claim_records(claims: pd.DataFrame, columns: Sequence[str]) -> list[list]:
    """Return claim rows as lists of plain Python values (NA -> None), column by column."""
    cols = []
    for c in columns:
        s = claims[c]
        cols.append(s.astype(object).where(s.notna(), None).tolist())
    return [list(r) for r in zip(*cols, strict=True)] if cols and len(claims) else []
