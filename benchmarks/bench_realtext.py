"""Extraction on real reporting: the real-text set of ``tests/realtext`` (issue 9).

Figures, for one part of the set (``dev`` and ``devpool``, the development parts,
``held``, the part held back from tuning, ``fresh``, the second held-back part, collected
after ``held`` had been scored, ``fresh2``, the third, collected after ``fresh`` had, or
``fresh3``, the fourth, collected after ``fresh2`` and ``devpool`` had):

- **yield**: share of reports with a required gold claim that yield any claim;
- **typed**: share of those reports that yield a claim of a type the gold accepts (the
  issue's "matching type"); also broken down by the kind of the report's first gold;
- **precision** (strict: type, sentence hint and place; loose: no place check), counting
  every claim on a report without gold (the set's non-conflict reports) as a false
  positive, which the shared scorer leaves out;
- **strict F1 / loose F1** as ``../shared/eval/score.py`` computes them on the reports
  with gold;
- claims on the set's non-conflict reports (reports with no gold line at all).

Usage::

    python benchmarks/bench_realtext.py PART [--pred CLAIMS.geojson] [--json]

Without ``--pred`` the part is extracted here (one process).

``--speed`` instead times, in one process and alternating rounds, spaCy's bare
``nlp.pipe`` over the part's reports, the extraction, and the extraction without the
headline re-reading (:func:`geo.extract.triggers.reread_headline`, the one step that
parses a sentence again), and prints the CPU-time medians and their ratios to the bare
parse (portal reports are the text that step is for; ``benchmarks/bench_extract.py``
times news-style articles).
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _predict(articles_path: Path) -> list[dict]:
    import pandas as pd

    from geo.extract import Resources, extract_claims

    arts = pd.read_json(articles_path, lines=True, dtype=False)
    arts["published"] = arts["published"].astype(str)
    claims = extract_claims(arts, Resources.load())
    out = []
    for rec in claims.drop(columns="geometry").to_dict("records"):
        rec["_lat"], rec["_lon"] = rec.get("latitude"), rec.get("longitude")
        out.append(rec)
    return out


def measure(part: str, preds: list[dict] | None = None) -> dict:
    """Return the figures of one part of the set."""
    base = ROOT / "tests" / "realtext" / part
    gold = [json.loads(line) for line in open(base / "gold.jsonl", encoding="utf-8")]
    arts = [json.loads(line) for line in open(base / "articles.jsonl", encoding="utf-8")]
    if preds is None:
        preds = _predict(base / "articles.jsonl")
    sc = _scorer()
    by_art = collections.defaultdict(list)
    for p in preds:
        by_art[str(p["article_id"])].append(p)
    required = collections.defaultdict(list)
    any_gold = set()
    for g in gold:
        any_gold.add(g["article_id"])
        if not g.get("optional"):
            required[g["article_id"]].append(g)
    kinds: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    yielded = typed = 0
    for aid, gs in required.items():
        want = {t for g in gs for t in g["claim_type"]}
        got = {p["claim_type"] for p in by_art.get(aid, [])}
        kind = gs[0]["claim_type"][0]
        kinds[kind][0] += 1
        if got:
            yielded += 1
            kinds[kind][1] += 1
        if got & want:
            typed += 1
            kinds[kind][2] += 1
    n = len(required)  # 0 for the no-conflict pool ("quiet")
    quiet = [a["id"] for a in arts if a["id"] not in any_gold]
    quiet_claims = sum(len(by_art.get(a, [])) for a in quiet)
    out = {"part": part, "reports": len(arts), "reports_with_gold": n,
           "yield": round(yielded / n, 3) if n else None,
           "typed": round(typed / n, 3) if n else None,
           "by_kind": {k: {"reports": v[0], "yield": round(v[1] / v[0], 3),
                           "typed": round(v[2] / v[0], 3)} for k, v in sorted(kinds.items())},
           "non_conflict_reports": len(quiet), "claims_on_non_conflict": quiet_claims,
           "claims": len(preds)}
    for mode in ("strict", "loose"):
        res = sc.score(gold, preds, loose=(mode == "loose"))
        fp = res["fp"] + quiet_claims
        prec = res["tp"] / (res["tp"] + fp) if res["tp"] + fp else 0.0
        out[mode] = {"precision_all": round(prec, 3), "precision": res["precision"],
                     "recall": res["recall"], "f1": res["f1"], "tp": res["tp"],
                     "fp": res["fp"], "fn": res["fn"]}
    return out


def speed(part: str, rounds: int = 4) -> dict:
    """Time the bare parse, the extraction and the extraction without re-reading.

    Returns the CPU-time medians (s) over the part's reports and their ratios to the
    parse.
    """
    import statistics
    import time

    import pandas as pd

    import geo.extract.article as article
    from geo.extract import Resources, extract_claims

    arts = pd.read_json(ROOT / "tests" / "realtext" / part / "articles.jsonl", lines=True,
                        dtype=False)
    arts["published"] = arts["published"].astype(str)
    res = Resources.load()
    texts = list(arts["text"])
    reread = article.reread_headline
    times: dict[str, list[float]] = {"parse": [], "extract": [], "extract_no_reread": []}
    extract_claims(arts, res)  # warm the caches (geocoder, matcher) before timing
    for k in range(rounds):
        t = time.process_time()
        list(res.nlp.pipe(texts, batch_size=64))
        times["parse"].append(time.process_time() - t)
        # alternate which extraction runs first, so neither gains from the other's caches
        for variant in (("extract", "extract_no_reread") if k % 2 == 0 else
                        ("extract_no_reread", "extract")):
            if variant == "extract_no_reread":
                article.reread_headline = lambda *a, **kw: []
            try:
                t = time.process_time()
                extract_claims(arts, res)
                times[variant].append(time.process_time() - t)
            finally:
                article.reread_headline = reread
    med = {k: statistics.median(v) for k, v in times.items()}
    return {"part": part, "reports": len(arts), "cpu_s": med,
            "ratio_extract": round(med["extract"] / med["parse"], 3),
            "ratio_extract_no_reread": round(med["extract_no_reread"] / med["parse"], 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("part", choices=["dev", "devpool", "devpool2", "held", "fresh", "fresh2",
                                       "fresh3", "quiet"])
    ap.add_argument("--pred", help="score this GeoJSON instead of extracting")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--speed", action="store_true", help="time extraction against the parse")
    args = ap.parse_args(argv)
    if args.speed:
        print(json.dumps(speed(args.part)))
        return 0
    preds = None
    if args.pred:
        preds = _scorer().load_pred(args.pred)
    res = measure(args.part, preds)
    if args.json:
        print(json.dumps(res))
        return 0
    print(f"{res['part']}: {res['reports']} reports, {res['reports_with_gold']} with gold, "
          f"{res['claims']} claims")
    print(f"  yield {res['yield']}, matching type {res['typed']}")
    for k, v in res["by_kind"].items():
        print(f"    {k:13s} {v['reports']:3d} reports  yield {v['yield']:.2f}  "
              f"typed {v['typed']:.2f}")
    for mode in ("strict", "loose"):
        m = res[mode]
        print(f"  {mode}: precision {m['precision_all']} (scorer {m['precision']}), "
              f"recall {m['recall']}, F1 {m['f1']} (tp={m['tp']} fp={m['fp']} fn={m['fn']})")
    print(f"  non-conflict reports: {res['non_conflict_reports']}, claims on them: "
          f"{res['claims_on_non_conflict']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
