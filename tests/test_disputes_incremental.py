"""Disputes on ingest: recomputing only what a batch can change gives the full recomputation.

Random stores and batches (hypothesis): claims at places some of which lie within the radius
of each other (chains of places), regions, days spread over more than the window, every
relevant claim type, sides, stances; part of the store is replaced by the batch. The stored
values after :func:`geo.disputes.dispute_changes` must equal :func:`find_disputes` over the
whole resulting store.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.disputes import (
    PLACE_COLUMNS,
    RELEVANT_TYPES,
    STORED_COLUMNS,
    batch_window,
    dispute_changes,
    find_disputes,
)
from geo.disputes.neighbours import near_pairs, same_period_pairs

# places (lat, lon): a chain 2 km apart (neighbours of neighbours are not neighbours), one
# far away; and two regions
PLACES = [(48.0, 37.0), (48.018, 37.0), (48.036, 37.0), (48.054, 37.0), (49.5, 36.2)]
REGIONS = ["Donetsk", "Kharkiv"]
SIDES = ["Russia", "Ukraine", "independent", None]

claim_st = st.fixed_dictionaries({
    "claim_type": st.sampled_from([*RELEVANT_TYPES, "casualties"]),
    "actor": st.sampled_from(["Russia", "Ukraine", None]),
    "claimant_side": st.sampled_from(SIDES),
    "who": st.integers(0, 5),
    "trigger": st.sampled_from(["captured", "held", "withdrew", "struck", "repelled",
                                "advanced"]),
    "stance": st.sampled_from([None, "asserted", "denied"]),
    "place": st.integers(0, len(PLACES) + len(REGIONS) - 1),
    "day": st.integers(0, 40),
    "dated": st.booleans(),
})


def frame(rows: list[dict], start: int) -> pd.DataFrame:
    out = []
    for k, r in enumerate(rows):
        day = (dt.date(2024, 3, 1) + dt.timedelta(days=r["day"])).isoformat()
        if r["place"] < len(PLACES):
            lat, lon = PLACES[r["place"]]
            fc, admin1 = "settlement", "Donetsk"
        else:
            lat, lon = 48.5, 37.5
            fc, admin1 = "admin1", REGIONS[r["place"] - len(PLACES)]
        side = r["claimant_side"]
        out.append({
            "fid": start + k, "article_id": f"a{(start + k) // 3}", "claim_type": r["claim_type"],
            "actor": r["actor"], "trigger": r["trigger"], "stance": r["stance"],
            "sentence": f"They said it {r['trigger']}.", "claimant": f"c{r['who']}",
            "claimant_id": None if r["who"] == 5 else f"{side}:{r['who']}",
            "claimant_side": side, "feature_class": fc,
            "geo_precision": 1 if fc == "settlement" else 3, "latitude": lat,
            "longitude": lon, "admin1": admin1, "country_code": "UA",
            "event_date": day if r["dated"] else None, "published": day})
    cols = [c for c in STORED_COLUMNS if c not in ("contest_id", "support_count")]
    return pd.DataFrame(out, columns=[*cols, "article_id"])


def with_found(claims: pd.DataFrame) -> pd.DataFrame:
    found = find_disputes(claims)
    return claims.assign(contest_id=found["contest_id"].astype(object),
                         support_count=found["support_count"].astype(object))


def claim_date(claims: pd.DataFrame) -> pd.Series:
    return claims["event_date"].fillna(claims["published"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(claim_st, max_size=30), st.lists(claim_st, max_size=12),
       st.sets(st.integers(0, 10), max_size=4), st.booleans())
def test_incremental_equals_full(stored_rows, batch_rows, replaced, fetch):
    store = with_found(frame(stored_rows, 0))
    batch = frame(batch_rows, 1000)
    gone = store["article_id"].isin([f"a{i}" for i in replaced])
    removed, kept = store[gone], store[~gone].reset_index(drop=True)
    window = batch_window(pd.concat([claim_date(batch), claim_date(removed)]))
    relevant = kept["claim_type"].isin(RELEVANT_TYPES)
    if window is None:
        return
    dates = claim_date(kept)
    near = kept[relevant & (dates >= window[0]) & (dates <= window[1])]

    def read(column, values):  # the store's look-up by fid or contest id
        return kept[kept[column].isin(values)][list(STORED_COLUMNS)]

    # with the store's look-up, only the place columns are read for the batch's days
    new, changed = dispute_changes(near[list(PLACE_COLUMNS if fetch else STORED_COLUMNS)],
                                   batch, removed=removed, fetch=read if fetch else None)
    after = kept.set_index("fid")
    for row in changed.itertuples():
        after.loc[row.fid, "contest_id"] = row.contest_id
        after.loc[row.fid, "support_count"] = row.support_count
    got = pd.concat([after.reset_index(), batch.assign(
        contest_id=new["contest_id"].astype(object),
        support_count=new["support_count"].astype(object))], ignore_index=True)
    want = with_found(pd.concat([kept.drop(columns=["contest_id", "support_count"]), batch],
                                ignore_index=True))
    got_s = pd.to_numeric(got["support_count"], errors="coerce").fillna(-1).to_numpy()
    want_s = pd.to_numeric(want["support_count"], errors="coerce").fillna(-1).to_numpy()
    assert (got_s == want_s).all()
    if fetch:  # without the store's contest look-up a dispute beyond the days may differ
        got_c = got["contest_id"].where(got["contest_id"].notna(), None).tolist()
        want_c = want["contest_id"].where(want["contest_id"].notna(), None).tolist()
        assert got_c == want_c


def test_grid_pairs_are_the_pairs_within_the_radius():
    rng = np.random.default_rng(3)
    lat = 48 + rng.random(400) * 0.3
    lon = 37 + rng.random(400) * 0.3
    i, j = near_pairs(lat, lon, 3.0)
    got = set(zip(i.tolist(), j.tolist(), strict=True))
    p = np.radians(lat)
    h = (np.sin((p[:, None] - p[None, :]) / 2) ** 2 + np.cos(p[:, None]) * np.cos(p[None, :])
         * np.sin(np.radians(lon[None, :] - lon[:, None]) / 2) ** 2)
    km = 2 * 6371.0088 * np.arcsin(np.sqrt(h))
    want = set(zip(*np.nonzero(km <= 3.0), strict=True))
    assert got == {(int(a), int(b)) for a, b in want}


def test_same_period_pairs_respect_the_window():
    here = (480_000 + 900_000) * 4_000_000 + 370_000 + 1_800_000  # 48 N, 37 E packed
    key = np.array([here, here, here, -1, -2], dtype=np.int64)
    point = np.array([True, True, True, False, False])
    day = np.array([0, 7, 8, 0, 0])
    u, v = same_period_pairs(key, point, day, 3.0, 7)
    pairs = set(zip(u.tolist(), v.tolist(), strict=True))
    assert (0, 1) in pairs and (1, 2) in pairs and (0, 2) not in pairs
    assert (3, 4) not in pairs and (3, 3) in pairs


@settings(max_examples=40, deadline=None)
@given(n=st.integers(0, 120), seed=st.integers(0, 2**16), spread=st.sampled_from([0.02, 0.1]))
def test_same_period_pairs_are_every_pair_within_radius_and_window(n, seed, spread):
    # brute force over every pair: points within 3 km (between their keys' coordinates)
    # or the same region, days at most 7 apart
    rng = np.random.default_rng(seed)
    lat = 48 + rng.random(n) * spread
    lon = 37 + rng.random(n) * spread
    key = (np.rint(lat * 1e4).astype(np.int64) + 900_000) * 4_000_000 + \
        np.rint(lon * 1e4).astype(np.int64) + 1_800_000
    point = rng.random(n) < 0.8
    key[~point] = -rng.integers(1, 4, size=int((~point).sum()))
    day = rng.integers(19_000, 19_040, size=n)
    u, v = same_period_pairs(key, point, day, 3.0, 7)
    got = list(zip(u.tolist(), v.tolist(), strict=True))
    klat, klon = (key // 4_000_000 - 900_000) / 1e4, (key % 4_000_000 - 1_800_000) / 1e4
    p = np.radians(klat)
    h = (np.sin((p[None, :] - p[:, None]) / 2) ** 2 + np.cos(p[:, None]) * np.cos(p[None, :])
         * np.sin(np.radians(klon[None, :] - klon[:, None]) / 2) ** 2)
    km = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    same_place = np.where(point[:, None] & point[None, :], km <= 3.0, key[:, None] == key[None, :])
    want = same_place & (np.abs(day[:, None] - day[None, :]) <= 7)
    assert len(got) == len(set(got))
    assert set(got) == {(int(a), int(b)) for a, b in zip(*np.nonzero(want), strict=True)}
