"""Geocoding on real reporting: Wikinews articles with gold coordinates (GeoVirus).

The set is ``benchmarks/data/geovirus/articles.jsonl`` (see its README: 57 Wikinews
articles, CC BY 2.5, 309 place mentions with the coordinates of their Wikipedia
articles, from Gritta et al.'s GeoVirus corpus). A third of the articles (``split``
``heldout``) is never used for tuning.

Three systems, side by side in one run, each handed the same gold mentions:

- ``geocoder``: :class:`geo.places.matcher.ToponymMatcher` over the whole article and
  :class:`geo.places.geocode.Geocoder` over its mentions; a gold mention the matcher
  did not find is handed to the geocoder as a plain name (the ``found`` column counts
  how many the matcher found itself);
- ``population``: the most populous gazetteer entry of that name (exact, else loose
  spelling);
- ``pop+country``: the most populous entry of that name inside the gold point's country
  (an oracle for the country), else as ``population``.

Reported per system: share within 25 km and within 161 km (Acc@161), median error
(a mention left unplaced counts as infinitely far), and the share of precision-1 picks
(settlements) within 25 km. Rows: every mention, and the ``local`` ones (gold is
neither a country nor a first-level region, by its Wikipedia title). Speed: resolution
(matching excluded) in mentions per second.

Run::

    python benchmarks/bench_geocode_real.py [--split all|dev|heldout]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_geocode import _population_first, km  # noqa: E402

from geo.places import Gazetteer, fold  # noqa: E402
from geo.places.geocode import Geocoder  # noqa: E402
from geo.places.matcher import ToponymMatcher  # noqa: E402
from geo.places.mentions import Mention  # noqa: E402
from geo.places.place import ADMIN1, COUNTRY, OTHER, SETTLEMENT  # noqa: E402

DEFAULT_SET = ROOT / "benchmarks" / "data" / "geovirus" / "articles.jsonl"


def load(path: Path, split: str) -> list[dict]:
    """Read the set's articles (``split``: all, dev or heldout)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if split == "all" or r["split"] == split]


def gold_kind(gaz: Gazetteer, page: str) -> str:
    """``country``, ``region`` or ``local``, from the gold's Wikipedia title."""
    title = urllib.parse.unquote(page.rsplit("/", 1)[-1]).replace("_", " ")
    title = title.split(" (")[0].split(",")[0]
    fcs = {gaz.fc_l[i] for i, _ in gaz.candidates(fold(title))}
    if COUNTRY in fcs:
        return "country"
    if fcs & {ADMIN1, OTHER} and SETTLEMENT not in fcs:
        return "region"
    return "local"


def gold_country(gaz: Gazetteer, lat: float, lon: float) -> str | None:
    """ISO code of the country holding the gold point (lon/lat order for shapely)."""
    import shapely

    gdf = gaz.countries_gdf()
    hits = gdf.sindex.query(shapely.Point(lon, lat), predicate="intersects")
    return str(gdf["iso_a2"].iloc[int(hits[0])]) if len(hits) else None


def run_geocoder(gaz: Gazetteer, articles: list[dict]) -> tuple[list, int, float, int]:
    """Return ``(lat, lon, precision)`` or None per gold mention, found count, seconds, n."""
    matcher, geocoder = ToponymMatcher(gaz, user_places=[]), Geocoder(gaz, user_places=[])
    out: list = []
    found = 0
    seconds = 0.0
    resolved_n = 0
    for art in articles:
        text = art["text"]
        mentions = matcher.find(text)
        targets = []
        for g in art["places"]:
            s, e = g["start"], g["start"] + len(g["name"])
            k = next((j for j, m in enumerate(mentions) if m.start < e and s < m.end), None)
            if k is None:
                m = Mention(s, e, g["name"], "name", name=g["name"], key=fold(g["name"]))
                mentions = sorted([*mentions, m], key=lambda x: x.start)
                k = mentions.index(m)
                targets = [t + 1 if t >= k else t for t in targets]
            else:
                found += 1
            targets.append(k)
        t0 = time.perf_counter()
        res = geocoder.resolve_article(text, mentions)
        seconds += time.perf_counter() - t0
        resolved_n += len(mentions)
        for k in targets:
            r = res[k]
            out.append(None if r is None else (r.latitude, r.longitude, r.geo_precision))
    return out, found, seconds, resolved_n


def run_population(gaz: Gazetteer, articles: list[dict], in_country: bool) -> list:
    """Population-first picks (optionally inside the gold point's country)."""
    out: list = []
    for art in articles:
        for g in art["places"]:
            idx = None
            if in_country:
                cc = gold_country(gaz, g["lat"], g["lon"])
                key = fold(g["name"])
                cands = [i for i, _ in gaz.candidates(key) or gaz.loose_candidates(key)
                         if gaz.cc[i] == cc]
                if cands:
                    idx = max(cands, key=lambda i: gaz.pop_l[i])
            if idx is None:
                idx = _population_first(gaz, g["name"])
            if idx is None:
                out.append(None)
            else:
                fc = gaz.fc_l[idx]
                out.append((gaz.lat_l[idx], gaz.lon_l[idx], 1 if fc == SETTLEMENT else 3))
    return out


def score(preds: list, golds: list[dict]) -> dict:
    """Shares within 25 / 161 km, median error, precision-1 picks within 25 km."""
    errs = []
    p1 = p1_ok = 0
    for p, g in zip(preds, golds, strict=True):
        d = float("inf") if p is None else km(p[0], p[1], g["lat"], g["lon"])
        errs.append(d)
        if p is not None and p[2] == 1:
            p1 += 1
            p1_ok += d <= 25
    n = len(errs) or 1
    return {
        "n": len(errs),
        "acc25": sum(d <= 25 for d in errs) / n,
        "acc161": sum(d <= 161 for d in errs) / n,
        "median": statistics.median(errs) if errs else float("nan"),
        "p1": p1,
        "p1_25": p1_ok / p1 if p1 else float("nan"),
    }


HEADER = (f"{'system':<12} {'rows':<7} {'n':>4} {'<=25km':>7} {'<=161km':>8} "
          f"{'median km':>10} {'P1 n':>5} {'P1<=25km':>9}")


def print_table(systems: dict[str, list], golds: list[dict], local: list[bool]) -> dict:
    """Print each system's figures on every row and on the ``local`` ones; return them.

    Parameters
    ----------
    systems : dict
        System name to its picks (``(lat, lon, precision, ...)`` or None), one per gold.
    golds : list of dict
        ``lat``, ``lon`` of each gold.
    local : list of bool
        Which golds count in the ``local`` rows.

    Returns
    -------
    dict
        ``(system, rows)`` to the figures of :func:`score`.
    """
    print(HEADER)
    figures: dict = {}
    for name, preds in systems.items():
        for rows in ("all", "local"):
            keep = [k or rows == "all" for k in local]
            s = score([p for p, k in zip(preds, keep, strict=True) if k],
                      [g for g, k in zip(golds, keep, strict=True) if k])
            figures[(name, rows)] = s
            print(f"{name:<12} {rows:<7} {s['n']:>4} {s['acc25']:>7.1%} {s['acc161']:>8.1%} "
                  f"{s['median']:>10.1f} {s['p1']:>5} {s['p1_25']:>9.1%}")
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--set", type=Path, default=DEFAULT_SET)
    ap.add_argument("--split", choices=("all", "dev", "heldout"), default="all")
    args = ap.parse_args(argv)
    gaz = Gazetteer.load()
    for split in (("dev", "heldout", "all") if args.split == "all" else (args.split,)):
        articles = load(args.set, split)
        golds = [g for a in articles for g in a["places"]]
        kinds = [gold_kind(gaz, g["wikipedia"]) for g in golds]
        ccs = {gold_country(gaz, g["lat"], g["lon"]) for g in golds} - {None}
        geo, found, secs, n_res = run_geocoder(gaz, articles)
        systems = {
            "geocoder": geo,
            "population": run_population(gaz, articles, in_country=False),
            "pop+country": run_population(gaz, articles, in_country=True),
        }
        print(f"\n== {split}: {len(articles)} articles, {len(golds)} mentions, "
              f"{len(ccs)} countries; the matcher found {found}/{len(golds)} itself")
        print_table(systems, golds, [k == "local" for k in kinds])
        print(f"resolution: {n_res / secs:,.0f} mentions/s ({n_res} mentions in {secs:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
