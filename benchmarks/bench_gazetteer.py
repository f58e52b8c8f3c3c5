"""Gazetteer cache: load time and peak memory, each run in a fresh subprocess.

Targets (issue 2): load in under 2 s and under 1 GB of memory.

Each run starts a new Python process that imports :mod:`geo.places.gazetteer`, loads
the cache with :meth:`Gazetteer.load` and does one lookup; it reports the
load's wall time and the process's peak resident set size (``ru_maxrss``,
which includes the interpreter, numpy and the import of the module). The
median of the runs is printed, with the cache's size on disk, the number of
places and name keys, and the lookup rate of :meth:`Gazetteer.lookup`.

Usage::

    python benchmarks/bench_gazetteer.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import json, resource, time
t0 = time.perf_counter()
from geo.places.gazetteer import Gazetteer
t1 = time.perf_counter()
gaz = Gazetteer.load()
t2 = time.perf_counter()
assert gaz.lookup("Pokrovsk")
print(json.dumps({
    "import_s": t1 - t0,
    "load_s": t2 - t1,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "places": len(gaz),
    "keys": len(gaz.index),
    "loose_keys": len(gaz.loose_index),
}))
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from geo.places import Gazetteer, fold

    Gazetteer.load()  # build the cache first if it is missing, outside the timing
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [sys.executable, "-c", CHILD], cwd=ROOT, check=True, capture_output=True, text=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    load = statistics.median(r["load_s"] for r in runs)
    rss = statistics.median(r["rss_mb"] for r in runs)
    imp = statistics.median(r["import_s"] for r in runs)
    gaz = Gazetteer.load()
    size = sum(p.stat().st_size for p in gaz.cache_dir.iterdir() if p.is_file())
    print(f"cache: {gaz.cache_dir} ({size / 1e6:.1f} MB on disk), {runs[0]['places']:,} places, "
          f"{runs[0]['keys']:,} folded name keys + {runs[0]['loose_keys']:,} loose keys")
    each = ", ".join(f"{r['load_s']:.2f}" for r in runs)
    print(f"load (median of {args.runs} fresh processes): {load:.2f} s [{each}]; "
          f"import {imp:.2f} s")
    print(f"peak RSS (median): {rss:.0f} MB")
    print(f"targets: load < 2 s {'OK' if load < 2 else 'MISSED'}, "
          f"RSS < 1 GB {'OK' if rss < 1024 else 'MISSED'}")

    names = [gaz.names[i] for i in range(0, len(gaz), max(1, len(gaz) // 20000))]
    keys = [fold(n) for n in names]
    t0 = time.perf_counter()
    hits = sum(1 for n in names if gaz.lookup(n))
    dt = time.perf_counter() - t0
    print(f"lookup(): {len(names) / dt:,.0f} names/s ({hits}/{len(names)} found)")
    t0 = time.perf_counter()
    for k in keys:
        gaz.candidates(k)
    dt = time.perf_counter() - t0
    print(f"candidates() on folded keys: {len(keys) / dt:,.0f} keys/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
