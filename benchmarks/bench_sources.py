"""Benchmark the web inputs: main-text extraction quality on saved pages, feed throughput.

Page quality
    ``benchmarks/data/page_marks.jsonl`` lists saved pages (repository, commit, path) and,
    marked by hand from each page's source before any run, phrases of the article body
    that must be kept (``keep``: one near the start, one further on) and phrases of the
    page around it that must be dropped (``drop``: navigation, related stories, comment
    boxes, newsletter and cookie notices, footers). A page *passes* when every ``keep``
    phrase is in the extracted text and no ``drop`` phrase is. Phrases are compared after
    folding whitespace and typographic quotes. Every ``drop`` phrase is checked to occur in
    the page itself (a phrase the page lacks would prove nothing).

    The pages are not committed (they belong to their publishers): give ``--pages DIR``
    holding ``<page>.html`` files, or ``--mirror`` the path of a local clone of the
    repository named in the marks (read with ``git show COMMIT:PATH``).

Feed throughput
    A feed of ``--items`` RSS items (the items of ``tests/data/web/briefing.rss`` repeated
    with distinct ids) parsed into validated articles (``read_articles_bytes``), and the
    same feed ingested end to end (extraction + GeoPackage) for ``--ingest-items`` items.

Results also go to ``benchmarks/out/bench_sources.json``.

Usage: ``python benchmarks/bench_sources.py --mirror PATH [--items 5000] [--ingest-items 200]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.sources import read_articles_bytes  # noqa: E402
from geo.sources.html import extract_page  # noqa: E402

MARKS = ROOT / "benchmarks" / "data" / "page_marks.jsonl"
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u00a0": " "})


def fold(text: str) -> str:
    """Fold whitespace and typographic quotes for phrase matching."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES))


def page_bytes(mark: dict, pages: Path | None, mirror: Path | None) -> bytes | None:
    """Return the saved page of a mark, from a folder or a git clone."""
    if pages is not None and (pages / f"{mark['page']}.html").exists():
        return (pages / f"{mark['page']}.html").read_bytes()
    if mirror is not None:
        out = subprocess.run(["git", "-C", str(mirror), "show",
                              f"{mark['commit']}:{mark['path']}"], capture_output=True)
        if out.returncode == 0:
            return out.stdout
    return None


def bench_pages(pages: Path | None, mirror: Path | None) -> dict:
    """Score extraction on the hand-marked pages."""
    import lxml.html

    rows = []
    for line in MARKS.read_text(encoding="utf-8").splitlines():
        mark = json.loads(line)
        data = page_bytes(mark, pages, mirror)
        if data is None:
            rows.append({"page": mark["page"], "missing": True})
            continue
        raw = fold(lxml.html.fromstring(data).text_content())
        absent = [d for d in mark["drop"] if fold(d) not in raw]
        t0 = time.perf_counter()
        page = extract_page(data)
        dt_s = time.perf_counter() - t0
        text = fold(page["text"])
        kept = [k for k in mark["keep"] if fold(k) in text]
        leaked = [d for d in mark["drop"] if fold(d) in text]
        rows.append({"page": mark["page"], "body_kept": len(kept) == len(mark["keep"]),
                     "boilerplate_dropped": not leaked, "lost": [k for k in mark["keep"]
                                                                 if k not in kept],
                     "leaked": leaked, "drop_not_in_page": absent,
                     "title": bool(page["title"]), "date": page["published"],
                     "seconds": round(dt_s, 3)})
    done = [r for r in rows if not r.get("missing")]
    n = len(done)

    def share(key: str) -> float | None:
        return round(sum(bool(r[key]) for r in done) / n, 3) if n else None

    return {"pages": n, "missing": len(rows) - n,
            "body_kept": share("body_kept"), "boilerplate_dropped": share("boilerplate_dropped"),
            "passed": round(sum(r["body_kept"] and r["boilerplate_dropped"] for r in done) / n,
                            3) if n else None,
            "with_title": share("title"),
            "with_date": round(sum(bool(r["date"]) for r in done) / n, 3) if n else None,
            "rows": rows}


def synthetic_feed(n: int) -> bytes:
    """Return an RSS feed of ``n`` items built from the test feed's items."""
    src = (ROOT / "tests" / "data" / "web" / "briefing.rss").read_text(encoding="utf-8")
    head, rest = src.split("<item>", 1)
    items = ["<item>" + part.split("</item>")[0] + "</item>" for part in
             ("<item>" + rest).split("<item>")[1:]]
    out = []
    for i in range(n):
        item = items[i % len(items)]
        item = re.sub(r"<guid[^>]*>[^<]*</guid>", "", item)
        item = item.replace("<item>", f"<item><guid isPermaLink=\"false\">bench-{i}</guid>", 1)
        out.append(item)
    return (head + "\n".join(out) + "\n</channel>\n</rss>\n").encode("utf-8")


def bench_feed(items: int, ingest_items: int) -> dict:
    """Time feed parsing (and an end-to-end ingest of a smaller feed)."""
    data = synthetic_feed(items)
    t0 = time.perf_counter()
    arts = read_articles_bytes([("bench.rss", data)])
    parse_s = time.perf_counter() - t0
    out = {"items": len(arts), "feed_mb": round(len(data) / 1e6, 2),
           "parse_s": round(parse_s, 2), "parse_items_per_s": round(len(arts) / parse_s)}
    if ingest_items:
        with tempfile.TemporaryDirectory() as tmp:
            feed = Path(tmp) / "bench.rss"
            feed.write_bytes(synthetic_feed(ingest_items))
            store = Path(tmp) / "claims.gpkg"
            t0 = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "geo", "ingest", str(feed),
                                   "--store", str(store)], cwd=ROOT, capture_output=True,
                                  text=True)
            wall = time.perf_counter() - t0
            out.update({"ingest_items": ingest_items, "ingest_s": round(wall, 1),
                        "ingest_items_per_s": round(ingest_items / wall, 1),
                        "ingest_output": proc.stdout.strip()[-200:],
                        "ingest_rc": proc.returncode})
    return out


def main() -> int:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, help="folder of <page>.html files")
    parser.add_argument("--mirror", type=Path, help="local clone of the marks' repository")
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--ingest-items", type=int, default=200)
    args = parser.parse_args()
    results = {"cpus": os.cpu_count()}
    results["pages"] = bench_pages(args.pages, args.mirror)
    p = results["pages"]
    print(f"pages: {p['pages']} scored ({p['missing']} missing): body kept {p['body_kept']}, "
          f"boilerplate dropped {p['boilerplate_dropped']}, both {p['passed']}, "
          f"title {p['with_title']}, date {p['with_date']}")
    for r in p["rows"]:
        if not r.get("missing") and (r["lost"] or r["leaked"] or r["drop_not_in_page"]):
            print(f"  {r['page']}: lost {r['lost']} leaked {r['leaked']} "
                  f"(marks not in page: {r['drop_not_in_page']})")
    results["feed"] = bench_feed(args.items, args.ingest_items)
    print(f"feed: {results['feed']}")
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "bench_sources.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
