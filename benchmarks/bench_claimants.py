"""Measure claimant identity and dispute detection (issue 10's figures).

0. Identity on real reporting, Wikipedia Current events items (``tests/data/claimants/``
   ``real3``: several theatres; ``real2``; ``real``), each set's held-back part first
   (``fresh``, ``held-out``), with side and kind, scored as in 1.
1. Identity on ``tests/data/claimants/`` (articles with known aliases; held-out part first):
   the share of gold claimant mentions whose ``claimant_id`` is their entity's id and no
   other entity's, and the entities merged with another. Twice: given the gold phrase
   (the resolver alone) and end to end (the phrase the extractor finds).
2. Distinct claimants before (claimant words) and after (claimant ids) on the largest store
   the repository's article sets make (sample corpus, development, no-conflict and
   held-out sets, the claimants set).
3. Planted disputes among 40,000 synthetic claims: 200 pairs of incompatible claims of two
   sides (capture / holding, advance / repelled, strike / denial) and 200 pairs that agree
   (capture / withdrawal, capture / capture by an observer); found disputes and false ones.
4. Store ingest of 10,000 synthetic articles (40,000 claims) with dispute detection and with
   it switched off, GeoPackage (and PostGIS with ``--postgis``), medians of ``--runs``; the
   share of each ingest call spent recomputing disputes; and batches into a store already
   holding the 40,000 claims, incremental recomputation against the whole date window
   (:func:`ingest_figures`).

Results go to ``benchmarks/out/bench_claimants.json``.

Usage: ``python benchmarks/bench_claimants.py [--runs 3] [--postgis] [--skip-store]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from geo.claimants import resolve_claimants  # noqa: E402
from geo.disputes import find_disputes  # noqa: E402
from geo.synthetic import synthetic_articles, synthetic_claims  # noqa: E402

SET = ROOT / "tests" / "data" / "claimants"
SETS = [ROOT / "data" / "sample" / "seed_articles.jsonl", ROOT / "tests" / "devset" /
        "articles.jsonl", ROOT / "tests" / "devset2" / "articles.jsonl",
        ROOT / "tests" / "devset3" / "articles.jsonl",
        ROOT / "tests" / "heldout" / "articles.jsonl", SET / "articles.jsonl"]


def _read(path: Path) -> pd.DataFrame:
    return pd.read_json(path, lines=True, dtype=False)


def score_identity(gold: pd.DataFrame, predicted: list[str | None]) -> dict:
    """Score predicted ids against gold entities (see the module docstring)."""
    g = gold.assign(pred=predicted)
    canon = {}
    for entity, group in g.groupby("entity"):
        ids = group["pred"].dropna()
        canon[entity] = ids.mode().iloc[0] if len(ids) else None
    owners: dict[str, list[str]] = {}
    for entity, cid in canon.items():
        if cid is not None:
            owners.setdefault(cid, []).append(entity)
    merged = sorted(tuple(sorted(v)) for v in owners.values() if len(v) > 1)
    right = [p is not None and p == canon[e] and len(owners.get(p, [])) == 1
             for e, p in zip(g["entity"], g["pred"], strict=True)]
    wrong = g[~np.array(right)]
    return {"mentions": len(g), "right": int(sum(right)),
            "share": round(sum(right) / len(g), 3) if len(g) else None,
            "merged_entities": merged,
            "wrong": [f"{r.article_id}: {r.phrase!r} -> {r.pred}" for r in wrong.itertuples()]}


def score_labels(gold: pd.DataFrame, ids: list, sides: list, kinds: list) -> dict:
    """Shares of mentions with an accepted side, an accepted kind and the expected id.

    Only for sets whose gold gives ``sides``, ``kinds`` and ``claimant_id`` (``real2``).
    """
    if "sides" not in gold.columns or gold.empty:
        return {}
    side_ok = [s in acc for s, acc in zip(sides, gold["sides"], strict=True)]
    kind_ok = [k in acc for k, acc in zip(kinds, gold["kinds"], strict=True)]
    fixed = gold["claimant_id"].notna().to_numpy()
    id_ok = [p == e for p, e, f in zip(ids, gold["claimant_id"], fixed, strict=True) if f]
    return {"side accepted": round(sum(side_ok) / len(gold), 3),
            "kind accepted": round(sum(kind_ok) / len(gold), 3),
            f"expected id (of {int(fixed.sum())} with one)":
                round(sum(id_ok) / len(id_ok), 3) if id_ok else None}


def _plain(values) -> list:
    return [None if pd.isna(v) else v for v in pd.Series(values).astype(object)]


def identity_figures(folder: Path = SET, parts: tuple = (
        ("held-out", "al-ho-"), ("development", "al-dev-"), ("all", "al-")),
        hidden: tuple = ("held-out", "fresh", "all")) -> dict:
    """Identity scores of a set (articles and gold of ``folder``), per part (id prefixes).

    The parts named in ``hidden`` are held back: their scores are given without the list of
    wrong mentions, so that no one tunes on them.
    """
    arts = _read(folder / "articles.jsonl")
    gold = _read(folder / "gold.jsonl")
    texts = dict(zip(arts["id"], arts["text"], strict=True))
    sentences, index = [], []
    for row in gold.itertuples():
        lines = texts[row.article_id].split("\n")
        i = next(k for k, s in enumerate(lines) if row.hint in s)
        sentences.append(lines[i])
        index.append(i)
    frame = pd.DataFrame({"article_id": gold["article_id"], "sentence_index": index,
                          "sentence": sentences, "claimant": gold["phrase"],
                          "country_code": None})
    resolved = resolve_claimants(frame, texts)
    given = _plain(resolved["claimant_id"])
    given_side, given_kind = _plain(resolved["claimant_side"]), _plain(resolved["claimant_kind"])

    from geo.extract import extract_claims

    claims = extract_claims(arts[[c for c in ("id", "published", "text", "title", "source", "url")
                                  if c in arts.columns]])
    e2e, e2e_side, e2e_kind, extracted = [], [], [], []
    for row in gold.itertuples():
        mine = claims[(claims["article_id"] == row.article_id)
                      & claims["sentence"].str.contains(row.hint, regex=False)
                      & claims["claimant"].notna()]
        if len(mine) > 1:  # two claimants in one sentence: the claim of this one's words
            words = set(row.phrase.lower().split())
            overlap = mine["claimant"].map(
                lambda c, w=words: len(w & set(str(c).lower().split())))
            mine = mine.iloc[np.argsort(-overlap.to_numpy(), kind="stable")]
        first = _plain(mine[["claimant_id", "claimant_side", "claimant_kind"]].iloc[0]) \
            if not mine.empty else [None, None, None]
        e2e.append(first[0])
        e2e_side.append(first[1])
        e2e_kind.append(first[2])
        extracted.append(not mine.empty)
    out = {}
    for part, prefix in parts:
        keep = gold["article_id"].isin(prefix).to_numpy() if isinstance(prefix, list) else \
            gold["article_id"].str.startswith(prefix).to_numpy()
        sub = gold[keep].reset_index(drop=True)

        def kept(values, keep=keep):
            return [v for v, k in zip(values, keep, strict=True) if k]

        scores = {"given the gold phrase": score_identity(sub, kept(given)) | score_labels(
                      sub, kept(given), kept(given_side), kept(given_kind)),
                  "end to end (extracted phrase)": score_identity(sub, kept(e2e)) | score_labels(
                      sub, kept(e2e), kept(e2e_side), kept(e2e_kind))}
        if part in hidden:  # no wrong mentions, and merges only counted
            for v in scores.values():
                v.pop("wrong")
                v["merged_entities"] = len(v["merged_entities"])
        out[part] = {
            **scores,
            "mentions whose sentence gave no claim with a claimant (extraction misses)":
                int(sum(1 for x, k in zip(extracted, keep, strict=True) if k and not x)),
        }
    return out


def real_set_figures(name: str) -> dict:
    """Identity, side and kind on a set of real reporting (``tests/data/claimants/<name>``).

    Its parts (the articles' ``part``) in file order, the held-back one (``fresh`` or
    ``held-out``) first; ``real`` also gives both parts together.
    """
    folder = SET / name
    arts = _read(folder / "articles.jsonl")
    parts = [(p, arts.loc[arts["part"] == p, "id"].tolist()) for p in arts["part"].unique()]
    if name == "real":
        parts.append(("all", arts["id"].tolist()))
    return identity_figures(folder, tuple(parts))


def distinct_claimants() -> dict:
    from geo.extract import extract_claims

    arts = pd.concat([_read(p) for p in SETS], ignore_index=True)
    arts = arts.drop_duplicates("id")
    claims = extract_claims(arts)
    named = claims[claims["claimant"].notna()]
    after = named["claimant_id"].fillna("text:" + named["claimant"].str.casefold())
    return {"articles": len(arts), "claims": len(claims), "claims with a claimant": len(named),
            "distinct claimants before (words as written)": int(named["claimant"].nunique()),
            "distinct claimants after (claimant ids; unresolved by their words)":
                int(after.nunique()),
            "claims with a claimant that got an id": int(named["claimant_id"].notna().sum()),
            "distinct claimant ids": int(named["claimant_id"].nunique())}


def _planted(n: int, seed: int = 5) -> pd.DataFrame:
    """``n`` disputes and ``n`` agreements, each pair at its own place far from the others."""
    rng = np.random.default_rng(seed)
    rows = []
    kinds = ["capture/holds", "advance/repelled", "strike/denial"]
    agree = ["capture/withdrawal", "capture/observer", "strike/strike"]
    for i in range(2 * n):
        # places on a 0.5-degree grid in the Arctic, away from the synthetic claims
        lat, lon = 70 + (i // 60) * 0.5, -150 + (i % 60) * 0.5
        day = pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(rng.integers(0, 365)))
        d2 = (day + pd.Timedelta(days=int(rng.integers(0, 6)))).date().isoformat()
        day = day.date().isoformat()
        a, b = ("Russia", "Ukraine") if i % 2 else ("Israel", "Hezbollah")
        base = {"latitude": lat, "longitude": lon, "feature_class": "settlement",
                "geo_precision": 1, "admin1": "X", "country_code": "XX"}
        if i < n:
            kind = kinds[i % 3]
            label = f"dispute-{i}"
            if kind == "capture/holds":
                c1 = ("control", a, a, "captured", "A said it captured the village.")
                c2 = ("control", b, b, "held", "B said its troops held the village.")
            elif kind == "advance/repelled":
                c1 = ("advance", a, a, "advanced", "A said its troops advanced.")
                c2 = ("repelled", b, b, "repelled", "B said it repelled the attacks.")
            else:
                c1 = ("strike", a, b, "struck", "B said A's missiles struck the town.")
                c2 = ("strike", a, a, "struck", "A denied that its forces struck the town.")
        else:
            kind = agree[i % 3]
            label = f"agree-{i}"
            if kind == "capture/withdrawal":
                c1 = ("control", a, a, "captured", "A said it captured the village.")
                c2 = ("control", b, b, "withdrew", "B said its troops withdrew.")
            elif kind == "capture/observer":
                c1 = ("control", a, a, "captured", "A said it captured the village.")
                c2 = ("control", a, "independent", "seized", "ISW said A seized the village.")
            else:
                c1 = ("strike", a, b, "struck", "B said A struck the town.")
                c2 = ("strike", a, "independent", "hit", "The UN said a strike hit the town.")
        for k, (ctype, actor, side, trig, sent) in enumerate((c1, c2)):
            rows.append({**base, "claim_id": f"{label}-{k}", "pair": label, "kind": kind,
                         "claim_type": ctype, "actor": actor, "claimant_side": side,
                         "claimant_id": f"{side}:{k}", "claimant": f"{side} {k}",
                         "trigger": trig, "sentence": sent,
                         "event_date": day if k == 0 else d2, "published": d2})
    return pd.DataFrame(rows)


def text_disputes() -> dict:
    """Planted disputes in article text (``tests/data/claimants/disputes.jsonl``), end to end."""
    from geo.extract import extract_claims

    arts = _read(SET / "disputes.jsonl")
    claims = extract_claims(arts[["id", "published", "text"]])
    found = find_disputes(claims)
    claims = claims.assign(contest_id=found["contest_id"])
    rows = []
    for pair, group in arts.groupby("pair"):
        ids = group["id"].tolist()
        mine = claims[claims["article_id"].isin(ids)]
        by_article = [set(mine.loc[mine["article_id"] == a, "contest_id"].dropna())
                      for a in ids]
        shared = bool(by_article[0] & by_article[1])
        rows.append({"pair": pair, "kind": group["kind"].iloc[0],
                     "expect": group["expect"].iloc[0], "shared contest": shared,
                     "claims": [f"{r.article_id}: {r.claim_type} {r.actor} @ {r.place_name} "
                                f"by {r.claimant_side}" for r in mine.itertuples()]})
    table = pd.DataFrame(rows)
    disputes = table[table["expect"] == "dispute"]
    agree = table[table["expect"] == "agree"]
    return {"planted disputes": len(disputes),
            "found": int(disputes["shared contest"].sum()),
            "share found": round(float(disputes["shared contest"].mean()), 3),
            "agreeing pairs": len(agree),
            "false disputes among them": int(agree["shared contest"].sum()),
            "pairs": rows}


def planted_disputes(n: int = 200) -> dict:
    planted = _planted(n)
    noise = pd.DataFrame(synthetic_claims(40_000, seed=1).drop(columns="geometry"))
    both = pd.concat([noise, planted], ignore_index=True)
    t = time.perf_counter()
    found = find_disputes(both)
    secs = time.perf_counter() - t
    got = found.iloc[len(noise):].reset_index(drop=True)
    planted = planted.assign(contest_id=got["contest_id"].to_numpy())
    per_pair = planted.groupby("pair").agg(
        kind=("kind", "first"), n=("contest_id", "count"),
        ids=("contest_id", lambda s: s.dropna().nunique()))
    disputes = per_pair[per_pair.index.str.startswith("dispute")]
    agreements = per_pair[per_pair.index.str.startswith("agree")]
    found_pairs = disputes[(disputes["n"] == 2) & (disputes["ids"] == 1)]
    false = agreements[agreements["n"] > 0]
    by_kind = {k: f"{int(((disputes['kind'] == k) & (disputes['n'] == 2)).sum())}/"
                  f"{int((disputes['kind'] == k).sum())}" for k in disputes["kind"].unique()}
    return {"planted disputes": len(disputes), "found": len(found_pairs),
            "share found": round(len(found_pairs) / len(disputes), 3),
            "found by kind": by_kind,
            "agreeing pairs": len(agreements), "false disputes among them": len(false),
            "contested among the 40,000 synthetic claims (random sides)":
                int(found.iloc[:len(noise)]["contest_id"].notna().sum()),
            "find_disputes on 40,400 claims (s)": round(secs, 3)}


class _Timed:
    """Times the back ends' dispute recomputation inside each ingest call (seconds)."""

    def __init__(self) -> None:
        import geo.store.gpkg.disputes as gpkg
        import geo.store.postgis as postgis

        self.classes = (gpkg.GpkgDisputes, postgis.PostGISStore)
        self.saved = [c.__dict__["_recompute_disputes"] for c in self.classes]
        self.spent = 0.0

    def __enter__(self) -> _Timed:
        for cls, saved in zip(self.classes, self.saved, strict=True):
            def timed(*a, _f=saved.__func__, **k):
                t = time.perf_counter()
                try:
                    return _f(*a, **k)
                finally:
                    self.spent += time.perf_counter() - t
            cls._recompute_disputes = staticmethod(timed)
        return self

    def __exit__(self, *exc) -> None:
        for cls, saved in zip(self.classes, self.saved, strict=True):
            cls._recompute_disputes = saved


def _patched(detect: bool, whole_window: bool):
    """Switch dispute detection off, or recompute the batch's whole date window.

    The whole window is how ingest worked before :mod:`geo.disputes.incremental`: every
    stored claim of the batch's days read in full and recomputed.
    """
    import contextlib

    import geo.disputes.stored as stored

    @contextlib.contextmanager
    def ctx():
        window, changes = stored.batch_window, stored.dispute_changes
        try:
            if not detect:  # no window: the back ends skip dispute detection
                stored.batch_window = lambda *a, **k: None
            if whole_window:
                stored.dispute_changes = lambda rows, batch, _dc=changes, fetch=None, **k: _dc(
                    fetch("fid", rows["fid"].tolist()), batch)
            yield
        finally:
            stored.batch_window, stored.dispute_changes = window, changes
    return ctx()


def _ingest(target: str, arts: pd.DataFrame, claims: pd.DataFrame, *, detect: bool = True,
            whole_window: bool = False) -> tuple[float, float]:
    """Ingest into ``target``; return (total seconds, seconds in dispute recomputation)."""
    from geo.store import open_store

    with _patched(detect, whole_window), _Timed() as timer:
        store = open_store(target)
        t = time.perf_counter()
        store.ingest(arts, claims)
        total = time.perf_counter() - t
        store.close()
    return total, timer.spent


def _copy_store(src: str, factory) -> str:
    """Return a fresh copy of a store (a GeoPackage file; PostGIS: ingested again)."""
    import shutil

    dst = factory()
    if not dst.startswith("postgresql"):
        shutil.copyfile(src, dst)
        return dst
    return ""


def ingest_figures(runs: int, postgis: bool) -> dict:
    """Ingest with dispute detection against without, and the share spent recomputing.

    1. 10,000 articles (40,000 claims) into an empty store: wall time with and without
       detection (runs alternate, medians), and the in-call share: seconds in the dispute
       recomputation over the rest of the same ingest call (one call measures both, so
       machine load hits both alike).
    2. Into a store already holding those 40,000 claims: 1,000 more articles (4,000 claims
       over the whole year) and 250 articles of one week (1,000 claims): the in-call share
       of the incremental recomputation against recomputing the batch's whole date window.
    """
    tmp = Path(tempfile.mkdtemp(prefix="bench-claimants-"))
    counter = iter(range(10_000))
    arts, claims = synthetic_articles(10_000, seed=1), synthetic_claims(40_000, seed=1)
    more_arts, more = synthetic_articles(1_000, seed=2), synthetic_claims(4_000, seed=2)
    # one week: claims of days 2024-06-01 .. 06-07 of a year's synthetic claims
    week = synthetic_claims(20_000, seed=3, start="2024-06-01")
    week = week[(pd.to_datetime(week["event_date"]) < pd.Timestamp("2024-06-08")).to_numpy()]
    week_arts = synthetic_articles(5_000, seed=3)
    week_arts = week_arts[week_arts["id"].isin(week["article_id"])].assign(
        published="2024-06-07")

    def gpkg_target() -> str:
        return str(tmp / f"s{next(counter)}.gpkg")

    out = {}
    backends = [("GeoPackage", gpkg_target)]
    server = None
    if postgis:
        from postgis_server import PostgresServer, find_pg_bin

        bin_dir, reason = find_pg_bin()
        if bin_dir is None:
            raise SystemExit(f"no PostgreSQL: {reason}")
        server = PostgresServer(bin_dir, fast=False).start()

        def pg_target() -> str:
            return server.new_database()

        backends.append(("PostGIS", pg_target))
    try:
        for name, factory in backends:
            # alternate the two so machine load drifts hit both alike
            with_d, without, share = [], [], []
            base = None
            for _ in range(runs):
                without.append(_ingest(factory(), arts, claims, detect=False)[0])
                target = factory()
                total, spent = _ingest(target, arts, claims)
                with_d.append(total)
                share.append(spent / (total - spent))
                base = base or target
            a, b = statistics.median(without), statistics.median(with_d)
            fig = {"into an empty store: without dispute detection (s)": round(a, 2),
                   "with dispute detection (s)": round(b, 2),
                   "overhead (wall time)": f"{100 * (b - a) / a:+.1f}%",
                   "in-call share (dispute recomputation / rest of the ingest)":
                       f"{100 * statistics.median(share):.1f}%", "runs": runs}
            for label, (ba, bc) in (("1,000 articles over the year", (more_arts, more)),
                                    (f"{len(week_arts)} articles of one week", (week_arts, week))):
                shares: dict[str, list[float]] = {"incremental": [], "whole window": []}
                for _ in range(runs):
                    for mode in shares:
                        target = _copy_store(base, factory) if name == "GeoPackage" else ""
                        if not target:  # PostGIS: a fresh database with the base claims
                            target = factory()
                            _ingest(target, arts, claims)
                        total, spent = _ingest(target, ba, bc,
                                               whole_window=mode == "whole window")
                        shares[mode].append(spent / (total - spent))
                fig[f"into a store of 40,000 claims, {label} ({len(bc)} claims): in-call "
                    f"share"] = {m: f"{100 * statistics.median(v):.1f}%"
                                 for m, v in shares.items()}
            out[name] = fig
    finally:
        if server is not None:
            server.stop()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgis", action="store_true")
    parser.add_argument("--skip-store", action="store_true")
    parser.add_argument("--only", choices=["real3", "real2", "real", "identity", "distinct",
                                           "planted", "text", "store"])
    args = parser.parse_args()
    results: dict = {}
    steps = {"real3": lambda: real_set_figures("real3"),
             "real2": lambda: real_set_figures("real2"), "real": lambda: real_set_figures("real"),
             "identity": identity_figures,
             "distinct": distinct_claimants,
             "planted": planted_disputes, "text": text_disputes,
             "store": lambda: ingest_figures(args.runs, args.postgis)}
    for name, fn in steps.items():
        if (args.only and name != args.only) or (name == "store" and args.skip_store):
            continue
        results[name] = fn()
        print(json.dumps({name: results[name]}, indent=2, ensure_ascii=False), flush=True)
    out = ROOT / "benchmarks" / "out" / "bench_claimants.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(out.read_text()) if out.exists() else {}
    out.write_text(json.dumps(old | results, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
