"""Benchmark the map: time from a filter change to the map's HTML, and the payload size.

For 1k, 10k and 100k synthetic claims, one "filter change" is what the dashboard
does on a rerun: apply the new filter to the cached claims, build the folium map
(outlines prepared once, as the app caches them) and render the HTML that
streamlit-folium ships to the browser. Reported: median of several runs, and the
size of the rendered HTML (the map's payload). Targets at 100k: < 1 s, < 5 MB.

With ``--app``, the whole dashboard script is also timed under Streamlit's
AppTest on a GeoPackage store of the largest size: the rerun after a claim-type
filter change (cached claims, filter, map, streamlit-folium's serialisation).

Usage: python benchmarks/bench_map.py [--runs 5] [--sizes 1000,10000,100000] [--app]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from geo import mapview
from geo.filters import ClaimFilter, apply_filter
from geo.synthetic import synthetic_claims

OUT = Path(__file__).resolve().parent / "out" / "bench_map.json"
TARGET_SECONDS = 1.0
TARGET_BYTES = 5_000_000

#: Filters switched between on successive runs (each run is a real change).
FILTERS = (
    ClaimFilter(),
    ClaimFilter(date_from="2024-01-01", date_to="2024-12-31"),
    ClaimFilter(date_from="2024-01-01", date_to="2024-11-30"),
)


def bench(n: int, runs: int, outlines: mapview.Outlines, timeline: bool = False) -> dict:
    claims = synthetic_claims(n, seed=1)
    times, sizes, shown = [], [], []
    for i in range(runs + 1):  # the first run warms caches and is not counted
        flt = FILTERS[i % len(FILTERS)]
        t0 = time.perf_counter()
        view = apply_filter(claims, flt)
        fmap = mapview.build_map(view, outlines=outlines, timeline=timeline)
        html = mapview.render_html(fmap)
        dt = time.perf_counter() - t0
        if i:
            times.append(dt)
            sizes.append(len(html.encode("utf-8")))
            shown.append(len(view))
    return {"claims": n, "timeline": timeline, "runs": runs,
            "median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3),
            "payload_bytes": max(sizes), "claims_shown_max": max(shown)}


def bench_app(n: int, runs: int) -> dict:
    """Time reruns of app.py after a filter change, on a real store of ``n`` claims."""
    import os
    import tempfile

    from streamlit.testing.v1 import AppTest

    from geo.store import open_store
    from geo.synthetic import synthetic_articles

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "claims.gpkg"
        open_store(store).ingest(synthetic_articles(n // 4 + 1, seed=1), synthetic_claims(n, 1))
        os.environ["GEO_STORE"] = str(store)
        at = AppTest.from_file(str(root / "app.py"), default_timeout=300)
        t0 = time.perf_counter()
        at.run()
        first = time.perf_counter() - t0
        times = []
        for i in range(runs):
            types = [["strike"], [], ["control", "advance"]][i % 3]
            t0 = time.perf_counter()
            at.sidebar.multiselect(key="f_types").set_value(types).run()
            times.append(time.perf_counter() - t0)
            assert not at.exception, at.exception
    return {"claims": n, "app_first_run_s": round(first, 3),
            "app_rerun_median_s": round(statistics.median(times), 3),
            "app_rerun_max_s": round(max(times), 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--app", action="store_true",
                        help="also time the dashboard script's rerun under AppTest")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    admin1, countries = mapview.load_outlines()
    outlines = mapview.prepare_outlines(admin1, countries)
    print(f"outlines: {len(outlines.countries['features'])} countries, "
          f"{sum(map(len, outlines.admin1.values()))} admin-1, prepared once in "
          f"{time.perf_counter() - t0:.2f} s (cached by the app)")
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        for timeline in (False, True):
            r = bench(n, args.runs, outlines, timeline)
            results.append(r)
            print(f"{n:>7,} claims{' + play-through' if timeline else '':16}: "
                  f"median {r['median_s']:.3f} s (max {r['max_s']:.3f} s), "
                  f"payload {r['payload_bytes'] / 1e6:.2f} MB")
    if args.app:
        r = bench_app(max(int(s) for s in args.sizes.split(",")), args.runs)
        results.append(r)
        print(f"app.py rerun after a filter change, {r['claims']:,} claims: median "
              f"{r['app_rerun_median_s']:.3f} s (max {r['app_rerun_max_s']:.3f} s); first run "
              f"{r['app_first_run_s']:.2f} s (loads the store and outlines)")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(results, indent=2))
    big = [r for r in results if r["claims"] == max(x["claims"] for x in results)
           and r.get("timeline") is False][0]
    ok = big["median_s"] < TARGET_SECONDS and big["payload_bytes"] < TARGET_BYTES
    print(f"target at {big['claims']:,}: < {TARGET_SECONDS} s and < {TARGET_BYTES / 1e6:.0f} MB"
          f" -> {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
