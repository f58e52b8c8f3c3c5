"""Claim extraction speed on one core, against spaCy's bare ``nlp.pipe`` in the same run.

Targets (issue 3): extraction costs no more than 1.5x the bare parse of the same texts,
and the model plus gazetteer (matcher and geocoder included) load in under 5 s.

- Load: each run starts a fresh Python process that builds
  :meth:`geo.extract.Resources.load` (spaCy model, gazetteer cache, toponym matcher,
  geocoder) and reports the wall time; the median is printed.
- Speed (CPU time of this single-threaded process, so other jobs on the machine do not
  skew it; wall-clock figures are printed too): the texts are the sample corpus and the
  development set (news-style articles), repeated to ``--articles``. Each round times the bare parse
  (``list(nlp.pipe(texts, batch_size=64))`` with the *full* pipeline: tok2vec, tagger,
  parser, attribute_ruler, lemmatizer, ner) and the whole extraction
  (:func:`geo.extract.extract_claims` with ``jobs=1``: segmentation, the same full
  parse, toponym matching, geocoding, rules, GeoDataFrame); rounds alternate, and the
  medians and their ratio are printed. Extraction disables no pipe.

Threads are pinned to one (``OMP_NUM_THREADS`` etc.) so "one core" holds.

Usage::

    python benchmarks/bench_extract.py [--runs 5] [--articles 200] [--json]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import time
t0 = time.perf_counter()
from geo.extract import Resources
res = Resources.load()
t1 = time.perf_counter()
print(t1 - t0)
"""


def _articles(n: int):
    import pandas as pd

    paths = [ROOT / "data" / "sample" / "seed_articles.jsonl",
             ROOT / "tests" / "devset" / "articles.jsonl"]
    frames = [pd.read_json(p, lines=True, dtype=False) for p in paths if p.exists()]
    base = pd.concat(frames, ignore_index=True)[["id", "published", "text"]]
    base["published"] = base["published"].astype(str).str[:10]
    reps = -(-n // len(base))
    out = pd.concat([base.assign(id=base["id"] + f"#{k}") for k in range(reps)],
                    ignore_index=True).head(n)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    loads = []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, check=True,
                             capture_output=True, text=True, env=os.environ.copy())
        loads.append(float(out.stdout.strip().splitlines()[-1]))

    from geo.extract import Resources, extract_claims

    res = Resources.load()
    df = _articles(args.articles)
    texts = list(df["text"])
    tokens = sum(len(d) for d in res.nlp.pipe(texts, batch_size=64))
    extract_claims(df.head(10), res)  # warm-up

    bare, full, bare_wall, full_wall, n_claims = [], [], [], [], 0
    for _ in range(args.runs):
        w0, t0 = time.perf_counter(), time.process_time()
        list(res.nlp.pipe(texts, batch_size=64))
        w1, t1 = time.perf_counter(), time.process_time()
        claims = extract_claims(df, res)
        w2, t2 = time.perf_counter(), time.process_time()
        bare.append(t1 - t0)
        full.append(t2 - t1)
        bare_wall.append(w1 - w0)
        full_wall.append(w2 - w1)
        n_claims = len(claims)

    # CPU time of this (single-threaded) process: robust when other jobs share the machine
    mb, mf = statistics.median(bare), statistics.median(full)
    result = {
        "articles": len(df),
        "tokens": tokens,
        "claims": n_claims,
        "runs": args.runs,
        "bare_parse_s": round(mb, 3),
        "extract_s": round(mf, 3),
        "ratio": round(mf / mb, 3),
        "extract_articles_per_s": round(len(df) / mf, 1),
        "bare_articles_per_s": round(len(df) / mb, 1),
        "bare_tokens_per_s": round(tokens / mb),
        "wall_ratio": round(statistics.median(full_wall) / statistics.median(bare_wall), 3),
        "wall_bare_s": round(statistics.median(bare_wall), 3),
        "wall_extract_s": round(statistics.median(full_wall), 3),
        "load_s_median": round(statistics.median(loads), 3),
        "load_s_runs": [round(x, 3) for x in loads],
        "pipes": res.nlp.pipe_names,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['articles']} articles, {tokens} tokens, {n_claims} claims, "
              f"median of {args.runs} runs, one thread")
        print(f"bare nlp.pipe : {mb:.3f} s  ({result['bare_articles_per_s']} articles/s, "
              f"{result['bare_tokens_per_s']} tokens/s)")
        print(f"extract_claims: {mf:.3f} s  ({result['extract_articles_per_s']} articles/s)")
        print(f"ratio extract / bare parse: {result['ratio']} (target <= 1.5); wall-clock "
              f"ratio {result['wall_ratio']} ({result['wall_extract_s']} s / "
              f"{result['wall_bare_s']} s)")
        print(f"load model + gazetteer + matcher + geocoder: median "
              f"{result['load_s_median']} s over {args.runs} fresh processes (target < 5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
