"""Claims against claims: contested places and how many claimants back a claim.

Over a claims frame (a store's, so a dispute spans articles and sources), two claims are
*about the same thing* when they concern the same place (the same settlement, or points
within :data:`RADIUS_KM`; the same region for region-level claims) within
:data:`WINDOW_DAYS` days of each other (``event_date``, else ``published``). Each claim
asserts who gained or holds the place (``control``, ``advance``, ``repelled``: the acting
side; for an advance or a repelled attack with no actor in the text, the claimant's own
side), who lost it (``control``
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
#: Trigger words of a control claim that say a side holds a place (not that it took it).
HOLD_WORDS = re.compile(r"\b(?:control\w*|h[oe]ld\w*|holds|remain\w*|retain\w*|ke[ep]p?t?)\b")
#: Words of a sentence that make its claim a denial.
DENIAL_WORDS = re.compile(r"\b(?:den(?:y|ies|ied|ial)|refuted?|rejected|dismissed|false|fake|"
                          r"untrue|not true|fabricat\w+)\b", re.IGNORECASE)
_GAIN_TYPES = ("control", "advance", "repelled")
RELEVANT_TYPES = (*_GAIN_TYPES, "strike")
_USED_COLUMNS = ("claim_type", "actor", "trigger", "sentence", "claimant", "claimant_id",
                 "claimant_side", "feature_class", "geo_precision", "latitude", "longitude",
                 "admin1", "country_code", "event_date", "published")
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
    trigger = claims.get("trigger", pd.Series(pd.NA, index=claims.index)).astype("string")
    # with no actor in the text, a side reporting an advance, a repelled attack or that it
    # holds a place ("in full control of", "still held") speaks of its own forces; a capture
    # reported with no agent ("28 settlements had been captured") may be the other side's,
    # so such a control claim needs its actor
    holding = ctype.eq("control") & trigger.fillna("").str.lower().str.contains(HOLD_WORDS) & \
        ~trigger.fillna("").str.contains(LOSS_WORDS)
    own = side.where((side != "independent") & (ctype.isin(["advance", "repelled"]) | holding))
    party = actor.fillna(own)
    sentence = claims["sentence"].astype("string").fillna("")
    loss = trigger.fillna("").str.contains(LOSS_WORDS) & ctype.eq("control")
    stance = pd.Series(pd.NA, index=claims.index, dtype="string")
    stance = stance.mask(ctype.isin(_GAIN_TYPES) & party.notna(), "gain")
    stance = stance.mask(loss & party.notna(), "loss")
    stance = stance.mask(ctype.eq("strike"), "strike")
    party = party.where(~ctype.eq("strike"), "").fillna("")
    denied = np.zeros(len(claims), dtype=bool)
    maybe = sentence.str.contains(DENIAL_WORDS).fillna(False).to_numpy(dtype=bool)
    for i in np.flatnonzero(maybe):  # few sentences deny anything: check those closely
        t = trigger.iloc[i]
        denied[i] = _denies(str(sentence.iloc[i]), None if pd.isna(t) else str(t))
    denied = pd.Series(denied, index=claims.index)
    return pd.DataFrame({"stance": stance, "party": party.astype("string"),
                         "denied": denied.astype(bool)}, index=claims.index)


def describe(claim_type: object, stance: object, party: object, denied: bool,
             trigger: object = None) -> str:
    """Return what a claim asserts in a few words ("Russia captured", "denies: strike").

    Parameters
    ----------
    claim_type : str
        The claim's type.
    stance, party, denied
        From :func:`assertions`.
    trigger : str, optional
        The claim's trigger word ("captured", "withdrew").

    Returns
    -------
    str
        Plain text (escape it before putting it in HTML).
    """
    def text(v: object) -> str:
        return "" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)

    ctype, stance, who, trig = text(claim_type), text(stance), text(party), text(trigger)
    if stance == "strike":
        out = f"strike ({trig})" if trig else "strike"
    elif stance == "loss":
        out = f"{who} {trig or 'lost ground'}"
    elif stance == "gain":
        verb = {"control": trig or "holds / took", "advance": "advanced",
                "repelled": "repelled attacks"}.get(ctype, ctype)
        out = f"{who} {verb}"
    else:
        out = ctype or "claim"
    return f"denies: {out}" if denied else out


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


def _place_keys(claims: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray,
                                                np.ndarray]:
    """Each claim's place key (int), whether it is a point, a region, and its lat/lon.

    A point's key packs its coordinates rounded to 4 decimals (lat, lon order), so a
    place repeated by many claims is one key; a region's key is negative, one per
    (country, admin-1).
    """
    fc = claims["feature_class"].astype("string").fillna("").to_numpy(object)
    prec = pd.to_numeric(claims.get("geo_precision"), errors="coerce").to_numpy(
        float, na_value=np.nan)
    lat = pd.to_numeric(claims["latitude"], errors="coerce").to_numpy(float, na_value=np.nan)
    lon = pd.to_numeric(claims["longitude"], errors="coerce").to_numpy(float, na_value=np.nan)
    coarse = (fc == "admin1") | (fc == "country")
    point = ((fc == "settlement") | (fc == "other") | (prec <= 2)) & ~coarse & \
        np.isfinite(lat) & np.isfinite(lon)
    admin1 = claims["admin1"].astype("string")
    region = (fc == "admin1") & admin1.notna().to_numpy(dtype=bool) & ~point
    key = np.zeros(len(claims), dtype=np.int64)
    with np.errstate(invalid="ignore"):
        packed = (np.rint(np.nan_to_num(lat) * 1e4).astype(np.int64) + 900_000) * 4_000_000 + \
            (np.rint(np.nan_to_num(lon) * 1e4).astype(np.int64) + 1_800_000)
    key[point] = packed[point]
    if region.any():
        names = (claims["country_code"].astype("string").fillna("") + "|"
                 + admin1.fillna("")).to_numpy(object)
        codes, _ = pd.factorize(names[region])
        key[region] = -(codes.astype(np.int64) + 1)
    return key, point, region, np.stack([lat, lon])


def _near_pairs(lat: np.ndarray, lon: np.ndarray, radius_km: float) -> tuple[np.ndarray,
                                                                             np.ndarray]:
    """Return index pairs (i, j) of points within ``radius_km`` (both orders, i == j too).

    Points go into a grid of ``radius_km`` cells (an equirectangular projection at each
    point's latitude); only neighbouring cells are compared, then measured on the sphere.
    """
    y = lat * 110.574
    x = lon * 111.320 * np.cos(np.radians(lat))
    cx = np.floor(x / radius_km).astype(np.int64)
    cy = np.floor(y / radius_km).astype(np.int64)
    idx = np.arange(len(lat))
    cells = pd.DataFrame({"i": idx, "cell": cx * 1_000_000 + cy})
    found_i, found_j = [], []
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            other = pd.DataFrame({"j": idx, "cell": (cx + dx) * 1_000_000 + (cy + dy)})
            m = cells.merge(other, on="cell")
            found_i.append(m["i"].to_numpy())
            found_j.append(m["j"].to_numpy())
    i, j = np.concatenate(found_i), np.concatenate(found_j)
    p1, p2 = np.radians(lat[i]), np.radians(lat[j])
    dl = np.radians(lon[j] - lon[i])
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    km = 2 * _EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
    keep = km <= radius_km
    return i[keep], j[keep]


def with_disputes(claims: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """Return a copy of ``claims`` with ``contest_id`` and ``support_count`` computed.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims of :mod:`geo.schema` with the claimant identity columns.
    **kwargs
        ``radius_km``, ``window_days`` of :func:`find_disputes`.

    Returns
    -------
    pandas.DataFrame
        The same frame type and rows.
    """
    found = find_disputes(claims, **kwargs)
    return claims.assign(contest_id=found["contest_id"], support_count=found["support_count"])


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
    relevant = np.flatnonzero(claims["claim_type"].isin(RELEVANT_TYPES).fillna(False)
                              .to_numpy(dtype=bool))
    if not len(relevant):
        return out
    cols = [c for c in _USED_COLUMNS if c in claims.columns]
    sub = pd.DataFrame(claims[cols]).iloc[relevant]
    a = assertions(sub)
    key, point, region, latlon = _place_keys(sub)
    date = pd.to_datetime(sub["event_date"].astype("string").fillna(
        sub["published"].astype("string")), errors="coerce", format="%Y-%m-%d")
    day = date.to_numpy("datetime64[D]")
    ok = (point | region) & ~np.isnat(day) & a["stance"].notna().to_numpy(dtype=bool)
    if not ok.any():
        return out
    claimant = sub["claimant"].astype("string").str.casefold()
    who = sub["claimant_id"].astype("string").fillna("text:" + claimant).fillna("")
    rows = pd.DataFrame({
        "key": key, "point": point, "day": day.astype("int64"),
        "stance": a["stance"].fillna("").to_numpy(object),
        "party": a["party"].fillna("").to_numpy(object), "denied": a["denied"].to_numpy(),
        "side": sub["claimant_side"].astype("string").fillna("").to_numpy(object),
        "who": who.to_numpy(object)})[ok]
    # unique assertions: one per (place, day, stance, party, denial, side, claimant)
    cols = ["key", "point", "day", "stance", "party", "denied", "side", "who"]
    codes = rows.groupby(cols, sort=False, dropna=False).ngroup().to_numpy()
    first = np.unique(codes, return_index=True)[1]
    uniq = rows.iloc[first].reset_index(drop=True)
    uniq["u"] = np.arange(len(uniq))
    lat_of = dict(zip(key[ok], latlon[0][ok], strict=True))
    lon_of = dict(zip(key[ok], latlon[1][ok], strict=True))
    pairs = _assertion_pairs(uniq, lat_of, lon_of, radius_km, window_days)
    _support(uniq, pairs)
    comp = _contests(uniq, pairs)
    # codes are ngroup numbers; uniq row u holds group codes[first[u]]
    u_of_code = np.empty(codes.max() + 1, dtype=np.int64)
    u_of_code[codes[first]] = np.arange(len(first))
    u = u_of_code[codes]
    positions = relevant[np.flatnonzero(ok)]
    sc = np.full(len(claims), -1, dtype="int64")
    sc[positions] = uniq["support"].to_numpy()[u]
    out["support_count"] = pd.array(np.where(sc >= 0, sc, 0), dtype="Int64")
    out.loc[sc < 0, "support_count"] = pd.NA
    cid = np.full(len(claims), None, dtype=object)
    cid[positions] = comp[u]
    out["contest_id"] = pd.array(cid, dtype="string")
    return out


def _assertion_pairs(uniq: pd.DataFrame, lat_of: dict, lon_of: dict, radius_km: float,
                     window_days: int) -> pd.DataFrame:
    """Pairs of unique assertions about the same place and period (both orders, self too)."""
    keys = uniq.loc[uniq["point"], "key"].drop_duplicates().to_numpy()
    if len(keys):
        lat = np.array([lat_of[k] for k in keys])
        lon = np.array([lon_of[k] for k in keys])
        i, j = _near_pairs(lat, lon, radius_km)
        near = pd.DataFrame({"key": keys[i], "key_b": keys[j]})
    else:
        near = pd.DataFrame({"key": np.array([], dtype=np.int64),
                             "key_b": np.array([], dtype=np.int64)})
    regions = uniq.loc[~uniq["point"], "key"].drop_duplicates().to_numpy()
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


#: Columns a store reads to recompute disputes around an ingest batch.
STORED_COLUMNS = ("fid", *_USED_COLUMNS, *DISPUTE_COLUMNS)


def batch_window(dates: pd.Series, window_days: int = WINDOW_DAYS) -> tuple[str, str] | None:
    """Return the date range (ISO) of stored claims an ingest batch can dispute or support.

    Parameters
    ----------
    dates : pandas.Series
        Effective dates (ISO) of the batch's claims and of the claims it replaces.
    window_days : int
        The dispute window.

    Returns
    -------
    tuple of str or None
        ``(first - window, last + window)``, or None for no dates.
    """
    day = pd.to_datetime(dates.astype("string"), errors="coerce", format="%Y-%m-%d").dropna()
    if day.empty:
        return None
    pad = pd.Timedelta(days=window_days)
    return ((day.min() - pad).date().isoformat(), (day.max() + pad).date().isoformat())


def dispute_changes(stored: pd.DataFrame, batch: pd.DataFrame, *,
                    radius_km: float = RADIUS_KM, window_days: int = WINDOW_DAYS
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Recompute disputes over stored claims plus an ingest batch.

    Parameters
    ----------
    stored : pandas.DataFrame
        Stored claims near the batch in time (:data:`STORED_COLUMNS`, ``fid`` their row id),
        the claims the batch replaces already left out.
    batch : pandas.DataFrame
        The claims about to be written (schema columns).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The batch's ``contest_id`` and ``support_count`` (index of ``batch``), and the
        stored rows whose values change (``fid``, ``contest_id``, ``support_count``).
    """
    stored = stored.reset_index(drop=True)
    if not len(stored):  # a new store, or nothing stored near the batch in time
        return (find_disputes(batch, radius_km=radius_km, window_days=window_days),
                pd.DataFrame({"fid": [], "contest_id": [], "support_count": []}))
    both = pd.concat([stored.drop(columns=[c for c in ("fid", *DISPUTE_COLUMNS)
                                           if c in stored.columns]),
                      pd.DataFrame(batch[[c for c in _USED_COLUMNS if c in batch.columns]])],
                     ignore_index=True)
    found = find_disputes(both, radius_km=radius_km, window_days=window_days)
    new = found.iloc[len(stored):].set_axis(batch.index)
    old = found.iloc[:len(stored)].reset_index(drop=True)
    if not len(stored):
        return new, pd.DataFrame({"fid": [], "contest_id": [], "support_count": []})
    was_c = stored["contest_id"].astype("string")
    was_s = pd.to_numeric(stored["support_count"], errors="coerce").astype("Int64")
    differ = ~((was_c == old["contest_id"]) | (was_c.isna() & old["contest_id"].isna())) | \
        ~((was_s == old["support_count"]) | (was_s.isna() & old["support_count"].isna()))
    differ = differ.fillna(True).to_numpy(dtype=bool)
    changed = pd.DataFrame({"fid": stored["fid"].to_numpy()[differ],
                            "contest_id": old["contest_id"].to_numpy(object)[differ],
                            "support_count": old["support_count"].to_numpy(object)[differ]})
    return new, changed
