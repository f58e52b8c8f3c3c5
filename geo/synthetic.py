"""Synthetic articles and claims for benchmarks and tests of storage, export and the app.

Claims are drawn around real coordinates of a few conflict regions, so maps and
filters behave as on real data; text fields include HTML-looking fragments to
exercise escaping.
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely import points

from geo.schema import CLAIM_TYPES, claim_id, conform_claims

# (country_code, admin1, lat, lon) centres; lat/lon order as written, WGS84.
_CENTRES = (
    ("UA", "Donetsk", 48.0, 37.8),
    ("RU", "Kursk", 51.7, 36.1),
    ("SD", "Khartoum", 15.6, 32.5),
    ("PS", "Gaza", 31.4, 34.4),
    ("SY", "Aleppo", 36.2, 37.2),
    ("CD", "Nord-Kivu", -1.7, 29.2),
    ("MM", "Shan", 21.0, 97.5),
    ("LB", "South Lebanon", 33.3, 35.4),
)
_ACTORS = ("Ukraine", "Russia", "Rapid Support Forces", "Sudanese Armed Forces", "Israel",
           "Hamas", "M23", "Hezbollah", None)
_CLAIMANTS = ("Oleksandr Syrsky", "Russian Ministry of Defense", "Agence France-Presse",
              "Governor <b>Smirnov</b>", "Reuters", None)


#: The identity (id, name, side, kind) of each synthetic claimant, as geo.claimants gives it.
_IDENTITY = {
    "Oleksandr Syrsky": ("person:oleksandr-syrsky", "Oleksandr Syrsky", "Ukraine", "military"),
    "Russian Ministry of Defense": ("russia:defence-ministry", "Russian Ministry of Defence",
                                    "Russia", "military"),
    "Agence France-Presse": ("media:afp", "Agence France-Presse", "independent", "media"),
    "Governor <b>Smirnov</b>": ("person:smirnov", "Governor <b>Smirnov</b>", "Russia",
                                "local official"),
    "Reuters": ("media:reuters", "Reuters", "independent", "media"),
}


def synthetic_articles(n: int, seed: int = 0, start: str = "2024-01-01") -> pd.DataFrame:
    """Return ``n`` synthetic articles with the article schema's columns.

    Parameters
    ----------
    n : int
        Number of articles.
    seed : int, optional
        Random seed; the same seed gives the same articles.
    start : str, optional
        First publication date (ISO 8601).

    Returns
    -------
    pandas.DataFrame
        Columns ``id, published, text, title, source, url``.
    """
    rng = np.random.default_rng(seed)
    day0 = dt.date.fromisoformat(start)
    days = rng.integers(0, 365, size=n)
    rows = []
    for i in range(n):
        country, admin1, _, _ = _CENTRES[i % len(_CENTRES)]
        rows.append({
            "id": f"syn-{seed}-{i}",
            "published": (day0 + dt.timedelta(days=int(days[i]))).isoformat(),
            "text": f"Forces captured {i % 40 + 1} settlements in {admin1} region, "
                    f"officials said on Monday. Shelling hit the town overnight.",
            "title": f"Synthetic report {i} ({country})",
            "source": "Synthetic Wire",
            "url": f"https://example.org/{i}",
        })
    return pd.DataFrame(rows)


def synthetic_claims(n: int, seed: int = 0, start: str = "2024-01-01") -> gpd.GeoDataFrame:
    """Return ``n`` synthetic claims conforming to the claim schema.

    Parameters
    ----------
    n : int
        Number of claims.
    seed : int, optional
        Random seed; the same seed gives the same claims.
    start : str, optional
        First event date (ISO 8601).

    Returns
    -------
    geopandas.GeoDataFrame
        Point claims in ``EPSG:4326``.
    """
    rng = np.random.default_rng(seed)
    centre = rng.integers(0, len(_CENTRES), size=n)
    cc = np.array([c[0] for c in _CENTRES])[centre]
    admin1 = np.array([c[1] for c in _CENTRES])[centre]
    lat = np.array([c[2] for c in _CENTRES])[centre] + rng.normal(0, 0.6, size=n)
    lon = np.array([c[3] for c in _CENTRES])[centre] + rng.normal(0, 0.6, size=n)
    day0 = np.datetime64(start)
    dates = (day0 + rng.integers(0, 365, size=n).astype("timedelta64[D]")).astype(str)
    types = np.array(CLAIM_TYPES)[rng.integers(0, len(CLAIM_TYPES), size=n)]
    actors = np.array(_ACTORS, dtype=object)[rng.integers(0, len(_ACTORS), size=n)]
    claimants = np.array(_CLAIMANTS, dtype=object)[rng.integers(0, len(_CLAIMANTS), size=n)]
    qty = np.where(rng.random(n) < 0.4, rng.integers(1, 1000, size=n).astype(float), np.nan)
    article_ids = [f"syn-{seed}-{i // 4}" for i in range(n)]
    sentences = [f"Claim {i}: forces <script>alert({i})</script> took ground near {a}."
                 for i, a in enumerate(admin1)]
    frame = pd.DataFrame({
        "claim_id": [claim_id(a, i, t, s) for i, (a, t, s) in
                     enumerate(zip(article_ids, types, admin1, strict=True))],
        "article_id": article_ids,
        "published": dates,
        "event_date": dates,
        "date_precision": "day",
        "claim_type": types,
        "actor": actors,
        "claimant": claimants,
        **{col: [_IDENTITY[c][k] if c else None for c in claimants] for k, col in enumerate(
            ("claimant_id", "claimant_name", "claimant_side", "claimant_kind"))},
        "quantity": qty,
        "unit": np.where(np.isnan(qty), None, "settlements"),
        "location_text": admin1,
        "place_name": admin1,
        "place_id": [f"synthetic:{i}" for i in range(n)],
        "feature_class": "settlement",
        "admin1": admin1,
        "country_code": cc,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": 1,
        "sentence": sentences,
        "source": "Synthetic Wire",
        "title": "Synthetic report",
        "url": "https://example.org/",
        "sentence_index": np.arange(n) % 4,
        "extractor_version": "synthetic",
    })
    # shapely takes x, y: longitude first.
    frame["geometry"] = points(lon, lat)
    return conform_claims(frame)
