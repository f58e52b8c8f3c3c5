"""Claims against claims: contested places and how many claimants back a claim.

Over a claims frame (a store's, so a dispute spans articles and sources), two claims are
*about the same thing* when they concern the same place (the same settlement, or points
within :data:`RADIUS_KM`; the same region for region-level claims) within
:data:`WINDOW_DAYS` days of each other (``event_date``, else ``published``). Each claim
asserts who gained or holds the place (``control``, ``advance``, ``repelled``: the acting
side, or the claimant's own side when the text names no actor), who lost it (``control``
by a withdrawal or loss word: "withdrew", "retreated", "lost"), that a strike happened
(``strike``) or denies one of these (a denial word in the sentence: "denied",
"false"). Two claims are *incompatible* when one side is said to hold and another side to
hold, one side to hold and the same side to have lost, or a strike is asserted and denied.

- Incompatible claims made by claimants of *different sides* share a ``contest_id``
  (connected groups; the id is a hash of the group's first place key and first date, so it
  is the same for the same claims).
- ``support_count`` of a claim is how many distinct claimants assert the same thing (the
  same gain, loss or strike, same place and window), the claim's own claimant included.

The function is pure: frame in, the two columns out. Rows are compared as aggregates of
(place, day, assertion, side, claimant), so a busy place with many repeated claims costs
little.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd
import shapely

#: Points within this many kilometres are the same place.
RADIUS_KM = 3.0
#: Claims within this many days of each other are about the same period.
WINDOW_DAYS = 7
#: The columns this module fills.
DISPUTE_COLUMNS = ("contest_id", "support_count")

#: Trigger words of a control claim that say the actor lost the place, not gained it.
LOSS_WORDS = re.compile(r"\b(?:withdr[ae]w\w*|retreat\w*|los[te]\w*|pull\w* (?:out|back)|"
                        r"abandon\w*|left|leav\w+|ced\w+|fell|fall\w*|surrender\w*)\b",
                        re.IGNORECASE)
#: Words of a sentence that make its claim a denial.
DENIAL_WORDS = re.compile(r"\b(?:den(?:y|ies|ied|ial)|refuted?|rejected|dismissed|false|fake|"
                          r"untrue|not true|fabricat\w+)\b", re.IGNORECASE)
_GAIN_TYPES = ("control", "advance", "repelled")
_EARTH_KM = 6371.0088


def assertions(claims: pd.DataFrame) -> pd.DataFrame:
    """Return what each claim asserts: ``stance`` (gain, loss, strike) and ``party``.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``claim_type``, ``actor``, ``trigger``, ``sentence`` and
        ``claimant_side``.

    Returns
    -------
    pandas.DataFrame
        Same index; ``stance`` (missing for claims that assert nothing comparable),
        ``party`` (the side gaining or losing; "" for strikes) and ``denied`` (bool).
    """
    ctype = claims["claim_type"].astype("string")
    actor = claims["actor"].astype("string")
    side = claims["claimant_side"].astype("string")
    party = actor.fillna(side.where(side != "independent"))
    trigger = claims.get("trigger", pd.Series(pd.NA, index=claims.index)).astype("string")
    sentence = claims["sentence"].astype("string").fillna("")
    loss = trigger.fillna("").str.contains(LOSS_WORDS) & ctype.eq("control")
    stance = pd.Series(pd.NA, index=claims.index, dtype="string")
    stance = stance.mask(ctype.isin(_GAIN_TYPES) & party.notna(), "gain")
    stance = stance.mask(loss & party.notna(), "loss")
    stance = stance.mask(ctype.eq("strike"), "strike")
    party = party.where(~ctype.eq("strike"), "").fillna("")
    denied = pd.Series([_denies(str(s), None if pd.isna(t) else str(t))
                        for s, t in zip(sentence, trigger, strict=True)], index=claims.index)
    return pd.DataFrame({"stance": stance, "party": party.astype("string"),
                         "denied": denied.astype(bool)}, index=claims.index)


def _denies(sentence: str, trigger: str | None) -> bool:
    """Whether a denial word governs the claim's trigger ("denied that its forces struck").

    The denial must come before the trigger with no new statement between them ("denied
    that, saying its troops still held ..." asserts the holding).
    """
    if not DENIAL_WORDS.search(sentence):
        return False
    at = sentence.find(trigger) if trigger else -1
    if at < 0:
        return False
    before = list(DENIAL_WORDS.finditer(sentence[:at]))
    if not before:
        return False
    between = sentence[before[-1].end():at]
    return not _NEW_STATEMENT.search(between)


_NEW_STATEMENT = re.compile(r"\b(?:saying|said|says|adding|added|but|instead|while|whereas)\b"
                            r"|[;:]", re.IGNORECASE)


def _place_keys(claims: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each claim's place key and level ("point", "region" or missing)."""
    fc = claims["feature_class"].astype("string")
    prec = pd.to_numeric(claims.get("geo_precision"), errors="coerce")
    lat = pd.to_numeric(claims["latitude"], errors="coerce")
    lon = pd.to_numeric(claims["longitude"], errors="coerce")
    point = (fc.isin(["settlement", "other"]) | (prec <= 2)) & lat.notna() & lon.notna() & \
        ~fc.isin(["admin1", "country"])
    region = fc.eq("admin1") & claims["admin1"].notna()
    key = pd.Series(pd.NA, index=claims.index, dtype="string")
    # a point's key is its rounded coordinates (lat, lon order) so repeated places collapse
    pkey = lat.round(4).astype("string") + "," + lon.round(4).astype("string")
    key = key.mask(point, pkey)
    rkey = "R|" + claims["country_code"].astype("string").fillna("") + "|" + \
        claims["admin1"].astype("string").fillna("")
    key = key.mask(region & ~point, rkey)
    level = pd.Series(pd.NA, index=claims.index, dtype="string")
    level = level.mask(point, "point").mask(region & ~point, "region")
    return key, level


def _near_pairs(points: pd.DataFrame, radius_km: float) -> pd.DataFrame:
    """Return pairs of point-place keys within ``radius_km`` (both orders, self-pairs too)."""
    lat = points["lat"].to_numpy(float)
    lon = points["lon"].to_numpy(float)
    geoms = shapely.points(lon, lat)  # x = lon, y = lat
    tree = shapely.STRtree(geoms)
    # a degree of longitude shrinks with latitude: query with the widest span, then measure
    span = radius_km / (111.32 * max(np.cos(np.radians(np.nanmax(np.abs(lat)))), 0.05))
    left, right = tree.query(geoms, predicate="dwithin", distance=span)
    p1, p2 = np.radians(lat[left]), np.radians(lat[right])
    dl = np.radians(lon[right] - lon[left])
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    km = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    keep = km <= radius_km
    keys = points["key"].to_numpy(object)
    return pd.DataFrame({"key": keys[left[keep]], "key_b": keys[right[keep]]})


def _find(parent: dict, x):
    root = x
    while parent.get(root, root) != root:
        root = parent[root]
    while parent.get(x, x) != root:
        parent[x], x = root, parent[x]
    return root


def find_disputes(claims: pd.DataFrame, *, radius_km: float = RADIUS_KM,
                  window_days: int = WINDOW_DAYS) -> pd.DataFrame:
    """Return each claim's ``contest_id`` and ``support_count``.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims of :mod:`geo.schema` with the claimant identity columns.
    radius_km : float
        Points closer than this are the same place.
    window_days : int
        Claims this many days apart or closer are about the same period.

    Returns
    -------
    pandas.DataFrame
        Same index as ``claims``; ``contest_id`` (string, missing when nothing disputes the
        claim) and ``support_count`` (Int64, missing for claims that assert nothing
        comparable).
    """
    out = pd.DataFrame({"contest_id": pd.Series(pd.NA, index=claims.index, dtype="string"),
                        "support_count": pd.Series(pd.NA, index=claims.index, dtype="Int64")})
    if claims.empty:
        return out
    a = assertions(claims)
    key, level = _place_keys(claims)
    date = pd.to_datetime(claims["event_date"].astype("string").fillna(
        claims["published"].astype("string")), errors="coerce", format="%Y-%m-%d")
    side = claims["claimant_side"].astype("string")
    who = claims["claimant_id"].astype("string").fillna(
        "text:" + claims["claimant"].astype("string").str.casefold())
    rows = pd.DataFrame({"key": key, "level": level, "day": date, "stance": a["stance"],
                         "party": a["party"], "denied": a["denied"], "side": side,
                         "who": who}, index=claims.index)
    mask = (rows["key"].notna() & rows["day"].notna() & rows["stance"].notna()).to_numpy()
    rows = rows[mask]
    if rows.empty:
        return out
    rows = rows.assign(day=(rows["day"].to_numpy("datetime64[D]").astype("int64")),
                       row=np.arange(len(rows)))
    # unique assertions: one per (place, day, stance, party, denied, side, claimant)
    cols = ["key", "level", "day", "stance", "party", "denied", "side", "who"]
    rows["side"] = rows["side"].fillna("")
    rows["who"] = rows["who"].fillna("")
    uniq = rows[cols].drop_duplicates().reset_index(drop=True)
    uniq["u"] = np.arange(len(uniq))
    rows = rows.merge(uniq, on=cols, how="left")
    pairs = _assertion_pairs(uniq, radius_km, window_days)
    _support(uniq, pairs)
    comp = _contests(uniq, pairs)
    positions = np.flatnonzero(mask)[rows["row"].to_numpy()]
    support = uniq["support"].to_numpy()[rows["u"].to_numpy()]
    contest = comp[rows["u"].to_numpy()]
    sc = np.full(len(claims), -1, dtype="int64")
    sc[positions] = support
    out["support_count"] = pd.array(np.where(sc >= 0, sc, 0), dtype="Int64")
    out.loc[sc < 0, "support_count"] = pd.NA
    cid = np.full(len(claims), None, dtype=object)
    cid[positions] = contest
    out["contest_id"] = pd.array(cid, dtype="string")
    return out


def _assertion_pairs(uniq: pd.DataFrame, radius_km: float, window_days: int) -> pd.DataFrame:
    """Pairs of unique assertions about the same place and period (both orders, self too)."""
    pts = uniq[uniq["level"] == "point"]
    if len(pts):
        keys = pts.drop_duplicates("key")["key"]
        ll = keys.str.split(",", expand=True).astype(float)
        near = _near_pairs(pd.DataFrame({"key": keys.to_numpy(), "lat": ll[0].to_numpy(),
                                         "lon": ll[1].to_numpy()}), radius_km)
    else:
        near = pd.DataFrame({"key": [], "key_b": []})
    regions = uniq.loc[uniq["level"] == "region", "key"].drop_duplicates()
    near = pd.concat([near, pd.DataFrame({"key": regions, "key_b": regions})],
                     ignore_index=True)
    left = uniq[["u", "key", "day"]].merge(near, on="key")
    right = uniq[["u", "key", "day"]].rename(columns={"u": "v", "key": "key_b", "day": "day_b"})
    pairs = left.merge(right, on="key_b")
    pairs = pairs[(pairs["day"] - pairs["day_b"]).abs() <= window_days]
    return pairs[["u", "v"]].reset_index(drop=True)


def _support(uniq: pd.DataFrame, pairs: pd.DataFrame) -> None:
    """Set ``uniq["support"]``: distinct claimants asserting the same as each assertion."""
    st = uniq["stance"].to_numpy(object)
    pa = uniq["party"].to_numpy(object)
    de = uniq["denied"].to_numpy(bool)
    u, v = pairs["u"].to_numpy(), pairs["v"].to_numpy()
    same = (st[u] == st[v]) & (pa[u] == pa[v]) & (de[u] == de[v])
    agree = pd.DataFrame({"u": u[same], "who": uniq["who"].to_numpy(object)[v[same]]})
    counts = agree.drop_duplicates().groupby("u").size()
    uniq["support"] = counts.reindex(uniq["u"]).fillna(1).astype("int64").to_numpy()


def _incompatible(uniq: pd.DataFrame, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    st = uniq["stance"].to_numpy(object)
    pa = uniq["party"].to_numpy(object)
    de = uniq["denied"].to_numpy(bool)
    sd = uniq["side"].to_numpy(object)
    gain_u = (st[u] != "strike") & ~de[u] & (st[u] == "gain")
    gain_v = (st[v] != "strike") & ~de[v] & (st[v] == "gain")
    loss_u = (st[u] == "loss") & ~de[u]
    loss_v = (st[v] == "loss") & ~de[v]
    both_gain = gain_u & gain_v & (pa[u] != pa[v])
    gain_loss = (gain_u & loss_v & (pa[u] == pa[v])) | (loss_u & gain_v & (pa[u] == pa[v]))
    denial = (st[u] == st[v]) & (pa[u] == pa[v]) & (de[u] != de[v])
    sides = (sd[u] != "") & (sd[v] != "") & (sd[u] != sd[v])
    return (both_gain | gain_loss | denial) & sides


def _contests(uniq: pd.DataFrame, pairs: pd.DataFrame) -> np.ndarray:
    """Contest id of each unique assertion (None when nothing disputes it)."""
    u, v = pairs["u"].to_numpy(), pairs["v"].to_numpy()
    bad = _incompatible(uniq, u, v) & (u < v)
    parent: dict[int, int] = {}
    for x, y in zip(u[bad].tolist(), v[bad].tolist(), strict=True):
        rx, ry = _find(parent, x), _find(parent, y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    out = np.full(len(uniq), None, dtype=object)
    if not parent:
        return out
    members: dict[int, list[int]] = {}
    for x in set(parent) | set(parent.values()):
        members.setdefault(_find(parent, x), []).append(x)
    keys = uniq["key"].to_numpy(object)
    days = uniq["day"].to_numpy()
    for group in members.values():
        first = min(group, key=lambda i: (days[i], keys[i]))
        day = np.datetime64(int(days[first]), "D")
        digest = hashlib.sha1(f"{keys[first]}|{day}".encode()).hexdigest()[:12]
        for i in group:
            out[i] = f"contest:{digest}"
    return out
