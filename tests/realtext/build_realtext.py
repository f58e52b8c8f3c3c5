"""Build the real-text set's articles and gold from the labelled reports (reports_*.py).

Usage: python tests/realtext/build_realtext.py

Reads the reports of ``reports_*.py`` (text from Wikipedia's Current events portal,
CC BY-SA 4.0; see README.md), gives each an id, resolves the gold places against the
project's gazetteer (coordinates only: no extraction is run) and writes
``dev/articles.jsonl``, ``dev/gold.jsonl``, ``held/articles.jsonl`` and
``held/gold.jsonl`` (and ``fresh/``, ``fresh2/`` and ``fresh3/``, the second, third and
fourth held-back parts, from ``fresh_*.py``, ``fresh2_*.py`` and ``fresh3_*.py``). A
report of ``reports_*.py`` goes to the held-back part when its id hashes to 0-2 of 10
(about 30%); the assignment never changes once an id is given.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

BATCHES = ["reports_a", "reports_b", "reports_c", "reports_d", "reports_e", "reports_f",
           "reports_g", "reports_h", "reports_i"]
#: batches of the second held-back part (``fresh/``), collected and labelled after the
#: first part had been scored: every report of these goes to ``fresh``
FRESH_BATCHES = ["fresh_a", "fresh_b", "fresh_c", "fresh_d"]
#: batches of the third held-back part (``fresh2/``), collected and labelled after
#: ``fresh`` had been scored: every report of these goes to ``fresh2``
FRESH2_BATCHES = ["fresh2_a", "fresh2_b", "fresh2_c", "fresh2_d"]
#: batches of the fourth held-back part (``fresh3/``), collected and labelled after
#: ``fresh2`` and ``devpool`` had been scored: every report of these goes to ``fresh3``
FRESH3_BATCHES = ["fresh3_a", "fresh3_b"]
#: batches of the second development part (``devpool/``, tuned on), collected after
#: ``fresh2`` had been scored
DEVPOOL_BATCHES = ["devpool_a", "devpool_b"]
#: batches of the third development part (``devpool2/``, tuned on), collected from new
#: days after ``fresh3`` had been scored once
DEVPOOL2_BATCHES = ["devpool2_a"]
#: batches of the no-conflict development pool (``quiet/``): news without conflict
QUIET_BATCHES = ["quiet_a"]
#: tolerance (km) for a gold place by its feature class
TOLERANCE = {"settlement": 40, "other": 60, "admin1": 250}


def held_back(rid: str) -> bool:
    """Whether a report belongs to the held-back part (never tuned on)."""
    return int(hashlib.sha1(rid.encode()).hexdigest(), 16) % 10 < 3


MISSING: list[str] = []


def resolve(spec: str, gaz) -> dict | None:
    """Turn "Name|CC" or "CC" into a gold place of the scorer's format."""
    if "|" not in spec:
        return {"name": spec, "country": spec}
    name, cc = spec.split("|")
    hits = [p for p in gaz.lookup(name) if p.country_code == cc]
    if not hits:
        MISSING.append(spec)
        return None
    p = hits[0]
    return {"name": p.name, "lat": round(p.lat, 5), "lon": round(p.lon, 5),
            "tol_km": TOLERANCE.get(p.feature_class, 40)}


def main() -> None:
    from geo.places.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    parts = {p: ([], []) for p in ("dev", "held", "fresh", "fresh2", "fresh3", "devpool",
                                  "devpool2", "quiet")}
    counters: dict[str, int] = {}
    for b in (BATCHES + FRESH_BATCHES + FRESH2_BATCHES + FRESH3_BATCHES
              + DEVPOOL_BATCHES + DEVPOOL2_BATCHES + QUIET_BATCHES):
        try:
            mod = importlib.import_module(f"tests.realtext.{b}")
        except ModuleNotFoundError:
            continue
        for published, text, golds in mod.REPORTS:
            day = published.replace("-", "")
            counters[day] = counters.get(day, 0) + 1
            rid = f"rt-{day}-{counters[day]:02d}"
            if b in QUIET_BATCHES:
                part = "quiet"
            elif b in DEVPOOL2_BATCHES:
                part = "devpool2"
            elif b in DEVPOOL_BATCHES:
                part = "devpool"
            elif b in FRESH3_BATCHES:
                part = "fresh3"
            elif b in FRESH2_BATCHES:
                part = "fresh2"
            elif b in FRESH_BATCHES:
                part = "fresh"
            else:
                part = "held" if held_back(rid) else "dev"
            arts, gold = parts[part]
            arts.append({"id": rid, "published": published, "title": None,
                         "source": "Wikipedia, Portal:Current events",
                         "url": "https://en.wikipedia.org/wiki/Portal:Current_events/"
                                + _portal_day(published), "text": text})
            for types, hint, places in golds:
                optional = types.startswith("?")
                if hint.lower() not in text.lower():
                    raise SystemExit(f"{rid}: hint not in text: {hint!r}")
                resolved = [r for r in (resolve(s, gaz) for s in places.split(";")) if r]
                if not resolved:
                    raise SystemExit(f"{rid}: no gold place resolves: {places}")
                gold.append({"article_id": rid, "claim_type": types.lstrip("?").split("|"),
                             "hint": hint, "places": resolved,
                             "event_date": None, "quantity": None, "unit": None,
                             "claimant": None, "optional": optional})
    if MISSING:
        print("alternatives not in the gazetteer (skipped):", ", ".join(sorted(set(MISSING))))
    for part, (arts, gold) in parts.items():
        out = HERE / part
        out.mkdir(exist_ok=True)
        with open(out / "articles.jsonl", "w", encoding="utf-8") as fh:
            for a in arts:
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
        with open(out / "gold.jsonl", "w", encoding="utf-8") as fh:
            for g in gold:
                fh.write(json.dumps(g, ensure_ascii=False) + "\n")
        print(part, len(arts), "reports,", sum(not g["optional"] for g in gold), "required,",
              sum(g["optional"] for g in gold), "optional")


def _portal_day(published: str) -> str:
    import datetime as dt

    d = dt.date.fromisoformat(published)
    return f"{d.year}_{d.strftime('%B')}_{d.day}"


if __name__ == "__main__":
    main()
