"""Contested claims and supporters over a claims frame: ``contest_id`` and ``support_count``.

Rows are compared as unique assertions (place, day, what is asserted, side, claimant), so a
busy place with many repeated claims costs little; pairs come from
:func:`geo.disputes.neighbours.same_period_pairs`.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from geo.disputes.assertions import RELEVANT_TYPES, assertion_arrays
from geo.disputes.neighbours import place_keys, same_period_pairs

#: Points within this many kilometres are the same place.
RADIUS_KM = 3.0
#: Claims within this many days of each other are about the same period.
WINDOW_DAYS = 7
#: The columns this package fills.
DISPUTE_COLUMNS = ("contest_id", "support_count")
#: The claim columns disputes are computed from.
USED_COLUMNS = ("claim_type", "actor", "trigger", "stance", "sentence", "claimant",
                "claimant_id", "claimant_side", "feature_class", "geo_precision", "latitude",
                "longitude", "admin1", "country_code", "event_date", "published")


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


def effective_days(claims: pd.DataFrame) -> np.ndarray:
    """Return each claim's day (``event_date``, else ``published``) as datetime64[D]."""
    date = claims["event_date"].astype("string").fillna(claims["published"].astype("string"))
    return pd.to_datetime(date, errors="coerce", format="%Y-%m-%d").to_numpy("datetime64[D]")


def _codes(*columns: np.ndarray) -> np.ndarray:
    """Return one int code per distinct combination of the columns' values."""
    code = np.zeros(len(columns[0]), dtype=np.int64)
    for col in columns:
        c, uniq = pd.factorize(col)
        code, _ = pd.factorize(code * (len(uniq) + 1) + c.astype(np.int64))
    return code.astype(np.int64)


def _stable_labels(claims: pd.DataFrame, key: np.ndarray, region: np.ndarray) -> np.ndarray:
    """Each claim's place as a label that does not depend on the frame around it.

    A point's label is its packed key (coordinates); a region's is its country and
    admin-1 name, since region keys are numbered within one frame.
    """
    label = key.astype(str).astype(object)
    if region.any():
        names = ("region:" + claims["country_code"].astype("string").fillna("") + "|"
                 + claims["admin1"].astype("string").fillna("")).to_numpy(object)
        label[region] = names[region]
    return label


class Assertions:
    """The unique assertions of a claims frame and the claims behind each.

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims of :mod:`geo.schema` with the claimant identity columns.

    Attributes
    ----------
    positions : numpy.ndarray
        Row positions (in ``claims``) of the claims that assert something comparable.
    of_claim : numpy.ndarray
        For each of those, its unique assertion (index into the arrays below).
    key, point, day, stance, party, denied, side, who, label : numpy.ndarray
        Per unique assertion (``label``: the place's name for contest ids, stable across
        frames).
    """

    def __init__(self, claims: pd.DataFrame) -> None:
        relevant = np.flatnonzero(claims["claim_type"].isin(RELEVANT_TYPES).fillna(False)
                                  .to_numpy(dtype=bool)) if len(claims) else np.array([], int)
        cols = [c for c in USED_COLUMNS if c in claims.columns]
        sub = pd.DataFrame({c: claims[c].iloc[relevant] for c in cols})
        self.positions = relevant[:0]
        self.of_claim = np.array([], dtype=np.int64)
        if not len(sub):
            self._empty()
            return
        stance, party, denied = assertion_arrays(sub)
        key, point, region, _ = place_keys(sub)
        day = effective_days(sub)
        ok = (point | region) & ~np.isnat(day) & (stance != None)  # noqa: E711
        if not ok.any():
            self._empty()
            return
        cid = sub["claimant_id"].astype("string").to_numpy(object, na_value=None)[ok]
        words = sub["claimant"].astype("string").to_numpy(object, na_value=None)[ok]
        who = np.array([c if c is not None else ("text:" + w.casefold() if w is not None
                                                 else "") for c, w in zip(cid, words,
                                                                          strict=True)],
                       dtype=object)
        side = sub["claimant_side"].astype("string").to_numpy(object, na_value=None)[ok]
        values = {
            "key": key[ok], "point": point[ok], "day": day[ok].astype("int64"),
            "stance": stance[ok], "party": party[ok], "denied": denied[ok],
            "side": np.where(side != None, side, "").astype(object),  # noqa: E711
            "who": who}
        code = _codes(*values.values())
        _, first, inverse = np.unique(code, return_index=True, return_inverse=True)
        for name, arr in values.items():
            setattr(self, name, arr[first])
        # region keys are numbered per frame: contest ids hash a name that is not
        self.label = _stable_labels(sub, key, region)[ok][first]
        self.positions = relevant[np.flatnonzero(ok)]
        self.of_claim = inverse.reshape(-1).astype(np.int64)

    def _empty(self) -> None:
        for name, dtype in (("key", np.int64), ("point", bool), ("day", np.int64),
                            ("stance", object), ("party", object), ("denied", bool),
                            ("side", object), ("who", object), ("label", object)):
            setattr(self, name, np.array([], dtype=dtype))

    def __len__(self) -> int:
        return len(self.key)

    def pairs(self, radius_km: float, window_days: int) -> tuple[np.ndarray, np.ndarray]:
        """Pairs of unique assertions about the same place and period (both orders, self)."""
        if not len(self):
            return np.array([], dtype=np.int64), np.array([], dtype=np.int64)
        return same_period_pairs(self.key, self.point, self.day, radius_km, window_days)

    def support(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Distinct claimants asserting the same as each assertion (itself included)."""
        same = (self.stance[u] == self.stance[v]) & (self.party[u] == self.party[v]) & \
            (self.denied[u] == self.denied[v])
        who = pd.factorize(self.who)[0].astype(np.int64)
        pair = np.unique(u[same] * (who.max() + 1) + who[v[same]])
        counts = np.bincount(pair // (who.max() + 1), minlength=len(self))
        return np.maximum(counts, 1).astype(np.int64)

    def incompatible(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Whether assertions u and v contradict each other and come from different sides."""
        st, pa, de, sd = self.stance, self.party, self.denied, self.side
        # a denied loss ("denies the town fell") says the party still holds it
        gain_u = (~de[u] & (st[u] == "gain")) | (de[u] & (st[u] == "loss"))
        gain_v = (~de[v] & (st[v] == "gain")) | (de[v] & (st[v] == "loss"))
        loss_u = (st[u] == "loss") & ~de[u]
        loss_v = (st[v] == "loss") & ~de[v]
        both_gain = gain_u & gain_v & (pa[u] != pa[v])
        gain_loss = (gain_u & loss_v & (pa[u] == pa[v])) | (loss_u & gain_v & (pa[u] == pa[v]))
        denial = (st[u] == st[v]) & (pa[u] == pa[v]) & (de[u] != de[v])
        sides = (sd[u] != "") & (sd[v] != "") & (sd[u] != sd[v])
        return (both_gain | gain_loss | denial) & sides

    def contests(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        """Contest id of each assertion (None when nothing disputes it).

        Connected groups of incompatible pairs; the id hashes the group's earliest (day,
        place key), so the same claims give the same id whatever their order.
        """
        bad = self.incompatible(u, v) & (u < v)
        out = np.full(len(self), None, dtype=object)
        if not bad.any():
            return out
        label = _components(u[bad], v[bad], len(self))
        members = np.flatnonzero(label >= 0)
        lab = label[members]
        # earliest (day, key) of each group: sort members by (group, day, key)
        order = np.lexsort((self.label[members].astype(str), self.day[members], lab))
        lab_s = lab[order]
        head = np.r_[True, lab_s[1:] != lab_s[:-1]]
        first = members[order][head]
        ids = {}
        for g, f in zip(lab_s[head].tolist(), first.tolist(), strict=True):
            day = np.datetime64(int(self.day[f]), "D")
            digest = hashlib.sha1(f"{self.label[f]}|{day}".encode()).hexdigest()[:12]
            ids[g] = f"contest:{digest}"
        out[members] = [ids[g] for g in lab.tolist()]
        return out


def _components(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    """Return a group label per node of the graph with edges (a, b) (-1 for no edge)."""
    parent = np.arange(n)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)
    label = np.full(n, -1, dtype=np.int64)
    touched = np.unique(np.concatenate([a, b]))
    label[touched] = [find(int(x)) for x in touched]
    return label


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
    a = Assertions(claims)
    if not len(a):
        return out
    u, v = a.pairs(radius_km, window_days)
    support = a.support(u, v)
    contest = a.contests(u, v)
    sc = np.full(len(claims), -1, dtype=np.int64)
    sc[a.positions] = support[a.of_claim]
    out["support_count"] = pd.array(np.where(sc >= 0, sc, 0), dtype="Int64")
    out.loc[sc < 0, "support_count"] = pd.NA
    cid = np.full(len(claims), None, dtype=object)
    cid[a.positions] = contest[a.of_claim]
    out["contest_id"] = pd.array(cid, dtype="string")
    return out


__all__ = ["Assertions", "DISPUTE_COLUMNS", "RADIUS_KM", "USED_COLUMNS", "WINDOW_DAYS",
           "effective_days", "find_disputes", "with_disputes"]
