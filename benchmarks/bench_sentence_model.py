"""Does a learned sentence classifier help the rules? Cross-validation on real text.

The real-text development part (``tests/realtext/dev``) is split into five folds by a
hash of the report id. For each fold, :func:`geo.extract.sentence_model.train` fits the
classifier (fixed seed) on ``tests/devset``, ``devset2``, ``devset3`` and the other four
folds; the fold is then extracted with the rules alone and with the rules plus the
classifier (used where the rules find a place but no trigger; one run per threshold).
Printed per variant, over the five folds: the share of reports with gold that yield a
claim (yield) and a claim of a matching type (typed), strict precision / recall / F1 and
loose F1 as ``../shared/eval/score.py`` computes them, and the claims on reports without
gold. No held-back part is read.

Usage::

    python benchmarks/bench_sentence_model.py [THRESHOLD ...]   # default 0.4 0.5 0.6

Takes a few minutes (five trainings of about 15 s each on a quiet machine).
"""

from __future__ import annotations

import collections
import hashlib
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
FOLDS = 5


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


def main(argv: list[str] | None = None) -> int:
    import pandas as pd

    from geo.extract import Resources, extract_claims
    from geo.extract import sentence_model as sm

    args = sys.argv[1:] if argv is None else argv
    thresholds = [float(x) for x in args] or [0.4, 0.5, 0.6]
    spec = importlib.util.spec_from_file_location("score", SCORER)
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)
    res = Resources.load()
    tests = ROOT / "tests"
    base = []
    for arts, gold in sm.TRAIN_SETS[:3]:
        base += sm.labelled_sentences(_read(tests / arts), _read(tests / gold), res.nlp)
    arts = _read(tests / "realtext" / "dev" / "articles.jsonl")
    gold = _read(tests / "realtext" / "dev" / "gold.jsonl")

    def fold(aid: str) -> int:
        return int(hashlib.md5(aid.encode()).hexdigest(), 16) % FOLDS

    agg: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)

    def extract(rows: list[dict]) -> list[dict]:
        df = pd.DataFrame(rows)
        df["published"] = df["published"].astype(str)
        out = []
        for rec in extract_claims(df, res).drop(columns="geometry").to_dict("records"):
            rec["_lat"], rec["_lon"] = rec.get("latitude"), rec.get("longitude")
            out.append(rec)
        return out

    def measure(fg: list[dict], preds: list[dict], key: str) -> None:
        c = agg[key]
        by = collections.defaultdict(list)
        for p in preds:
            by[str(p["article_id"])].append(p)
        with_gold = {g["article_id"] for g in fg}
        req = collections.defaultdict(list)
        for g in fg:
            if not g.get("optional"):
                req[g["article_id"]].append(g)
        for aid, gs in req.items():
            want = {t for g in gs for t in g["claim_type"]}
            got = {p["claim_type"] for p in by.get(aid, [])}
            c["reports"] += 1
            c["yield"] += bool(got)
            c["typed"] += bool(got & want)
        scored = [p for p in preds if str(p["article_id"]) in with_gold]
        s, lo = sc.score(fg, scored), sc.score(fg, scored, loose=True)
        for k in ("tp", "fp", "fn"):
            c[k] += s[k]
            c["l" + k] += lo[k]
        c["no_gold_claims"] += len(preds) - len(scored)

    for k in range(FOLDS):
        train_ids = {a["id"] for a in arts if fold(a["id"]) != k}
        fa = [a for a in arts if fold(a["id"]) == k]
        ids = {a["id"] for a in fa}
        fg = [g for g in gold if g["article_id"] in ids]
        ex = base + sm.labelled_sentences([a for a in arts if a["id"] in train_ids],
                                          [g for g in gold if g["article_id"] in train_ids],
                                          res.nlp)
        t0 = time.perf_counter()
        model = sm.train(ex)
        took = time.perf_counter() - t0
        res.sentence_types = None
        measure(fg, extract(fa), "rules")
        for th in thresholds:
            res.sentence_types = sm.SentenceTypes(model, th)
            measure(fg, extract(fa), f"rules+model@{th}")
        res.sentence_types = None
        print(f"fold {k}: {len(ex)} training sentences, trained in {took:.1f} s", flush=True)
    for key, c in agg.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        f = 2 * p * r / (p + r) if p + r else 0.0
        lp = c["ltp"] / max(1, c["ltp"] + c["lfp"])
        lr = c["ltp"] / max(1, c["ltp"] + c["lfn"])
        lf = 2 * lp * lr / (lp + lr) if lp + lr else 0.0
        print(f"{key:20s} yield {c['yield'] / c['reports']:.3f} typed "
              f"{c['typed'] / c['reports']:.3f} strict P {p:.3f} R {r:.3f} F1 {f:.3f} "
              f"loose F1 {lf:.3f} claims on reports without gold {c['no_gold_claims']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
