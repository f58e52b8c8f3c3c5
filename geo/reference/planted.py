"""Planted reference sets: claims with and without matching events and polygons, known answers.

For measuring :mod:`geo.reference.corroborate` (``benchmarks/bench_reference.py``) and
for its tests. Every claim gets its own date, ten days from the next one, so a planted
event can only match its own claim. Distances are geodesic (``pyproj.Geod``).
"""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
from shapely.geometry import Point, box

from geo.reference.common import conform_events
from geo.reference.control import CONTROL_DTYPES
from geo.reference.types import ACLED_CATEGORIES, COMPATIBLE, UCDP_TYPES

_GEOD = pyproj.Geod(ellps="WGS84")
_CATEGORIES = sorted({*ACLED_CATEGORIES.values(), *(c for _, c in UCDP_TYPES.values())})
_CENTRES = ((48.0, 37.8), (51.4, 35.2), (15.6, 32.5), (13.6, 25.3), (-1.7, 29.2),
            (21.0, 97.5), (33.3, 35.4), (36.2, 37.2))  # (lat, lon) WGS84


def _claims_frame(rows: list[dict]) -> gpd.GeoDataFrame:
    frame = pd.DataFrame(rows)
    geometry = [Point(lon, lat) for lat, lon in zip(frame["latitude"], frame["longitude"],
                                                    strict=True)]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def planted_events(n: int, *, km: float, days: int, seed: int = 0
                   ) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, pd.Series]:
    """Return claims, reference events and, per claim, the id that must match ("" = none).

    Half the claims get a matching event (compatible category, up to 0.9 ``km`` away,
    up to ``days`` apart); the other half an event that fails exactly one condition:
    1.2-3 ``km`` away, ``days + 1`` to ``days + 5`` apart, or an incompatible category.
    """
    rng = np.random.default_rng(seed)
    day0 = dt.date(2024, 1, 1).toordinal()
    types = sorted(COMPATIBLE)
    claims, events, expected = [], [], []
    for i in range(n):
        lat0, lon0 = _CENTRES[i % len(_CENTRES)]
        lat = lat0 + rng.uniform(-1, 1)
        lon = lon0 + rng.uniform(-1, 1)
        ctype = types[rng.integers(len(types))]
        day = day0 + 10 * i
        claims.append({"claim_id": f"c{i}", "claim_type": ctype,
                       "event_date": dt.date.fromordinal(day).isoformat(),
                       "published": dt.date.fromordinal(day + 1).isoformat(),
                       "latitude": lat, "longitude": lon})
        allowed = sorted(COMPATIBLE[ctype])
        category = allowed[rng.integers(len(allowed))]
        distance = rng.uniform(0, 0.9 * km)
        offset = int(rng.integers(-days, days + 1))
        positive = i % 2 == 0
        if not positive:
            fault = rng.integers(3)
            if fault == 0:
                distance = rng.uniform(1.2 * km, 3 * km)
            elif fault == 1:
                offset = int(rng.choice([-1, 1]) * rng.integers(days + 1, days + 6))
            else:
                other = [c for c in _CATEGORIES if c not in COMPATIBLE[ctype]]
                if not other:  # every category fits this type: fail on distance instead
                    distance = rng.uniform(1.2 * km, 3 * km)
                else:
                    category = other[rng.integers(len(other))]
        elon, elat, _ = _GEOD.fwd(lon, lat, rng.uniform(0, 360), distance * 1000.0)
        edate = dt.date.fromordinal(day + offset).isoformat()
        events.append({"ref_id": f"planted:{i}", "dataset": "planted", "event_date": edate,
                       "date_end": edate, "event_type": category, "category": category,
                       "latitude": elat, "longitude": elon})
        expected.append(f"planted:{i}" if positive else "")
    return (_claims_frame(claims), conform_events(pd.DataFrame(events)),
            pd.Series(expected, dtype="string"))


def planted_control(n: int, *, seed: int = 0
                    ) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, pd.Series]:
    """Return control claims, control polygons and, per claim, the expected answer.

    Answers cycle through ``inside`` (the side's snapshot on or before the claim's date
    contains the place), ``later`` (only a snapshot after it does), ``never`` (the
    side's snapshots near the place never contain it) and missing (the place is far from
    every polygon).
    """
    rng = np.random.default_rng(seed)
    day0 = dt.date(2024, 1, 1).toordinal()
    claims, polys, expected = [], [], []
    answers = ("inside", "later", "never", None)
    for i in range(n):
        lat0, lon0 = _CENTRES[i % len(_CENTRES)]
        # each claim in its own 0.5-degree cell of a grid far from the others
        lat = lat0 + 0.02 * (i // len(_CENTRES) % 40)
        lon = lon0 + 2.0 * (i // (40 * len(_CENTRES)))
        # one side per claim: a side's latest snapshot is its whole map, so claims sharing
        # a side would see each other's snapshots
        side = f"Side {i}"
        day = day0 + int(rng.integers(0, 300))
        answer = answers[i % 4]
        claims.append({"claim_id": f"k{i}", "claim_type": ("control", "advance")[i % 3 == 0],
                       "actor": side, "event_date": dt.date.fromordinal(day).isoformat(),
                       "published": dt.date.fromordinal(day).isoformat(),
                       "latitude": lat, "longitude": lon})
        hit = box(lon - 0.005, lat - 0.005, lon + 0.005, lat + 0.005)
        miss = box(lon + 0.02, lat - 0.005, lon + 0.03, lat + 0.005)  # about 1.5 km east
        if answer == "inside":
            snaps = [(day - int(rng.integers(0, 5)), hit)]
        elif answer == "later":
            snaps = [(day - 1, miss), (day + int(rng.integers(1, 5)), hit)]
        elif answer == "never":
            snaps = [(day - 2, miss), (day + 3, miss)]
        else:  # far away: the layer does not cover this place
            far = box(lon + 5, lat + 5, lon + 5.1, lat + 5.1)
            snaps = [(day, far)]
        for d, geom in snaps:
            polys.append({"control_id": f"p{i}:{d}", "side": side,
                          "date": dt.date.fromordinal(d).isoformat(), "label": None,
                          "source": "planted", "geometry": geom})
        expected.append(answer)
    control = gpd.GeoDataFrame(pd.DataFrame(polys).astype(
        {k: v for k, v in CONTROL_DTYPES.items()}), geometry="geometry", crs="EPSG:4326")
    return _claims_frame(claims), control, pd.Series(expected, dtype="string")


def synthetic_events(n: int, seed: int = 0) -> pd.DataFrame:
    """Return ``n`` rows of an ACLED export (31 columns, text cells) with invented events."""
    from geo.export import ACLED_COLUMNS

    rng = np.random.default_rng(seed)
    centres = np.array(_CENTRES)
    which = rng.integers(0, len(_CENTRES), n)
    lat = centres[which, 0] + rng.uniform(-1, 1, n)
    lon = centres[which, 1] + rng.uniform(-1, 1, n)
    day = dt.date(2024, 1, 1).toordinal() + rng.integers(0, 365, n)
    types = np.array(["Battles", "Explosions/Remote violence", "Violence against civilians",
                      "Protests", "Riots", "Strategic developments"])
    frame = pd.DataFrame({c: "" for c in ACLED_COLUMNS}, index=range(n))
    frame["event_id_cnty"] = [f"SYN{i}" for i in range(n)]
    frame["event_date"] = [dt.date.fromordinal(int(d)).isoformat() for d in day]
    frame["year"] = "2024"
    frame["event_type"] = types[rng.integers(0, len(types), n)]
    frame["sub_event_type"] = "Other"
    frame["actor1"] = "Invented Force"
    frame["country"] = "Invented"
    frame["location"] = "Invented place"
    frame["latitude"] = np.round(lat, 4).astype(str)
    frame["longitude"] = np.round(lon, 4).astype(str)
    frame["geo_precision"] = "1"
    frame["fatalities"] = rng.integers(0, 5, n).astype(str)
    frame["notes"] = "INVENTED benchmark row"
    return frame
