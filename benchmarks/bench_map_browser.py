"""Benchmark the map as the analyst sees it: Streamlit + Chromium, 10,000 stored claims.

Measured in Chromium (Playwright) against ``streamlit run app.py`` on loopback, medians:

* **filter change -> map updated**: from the click on a claim type in the sidebar to
  the map showing the new count with its markers drawn and no "updating" sign
  (target <= 1.0 s at 10,000 claims); every run is a new filter (no cache hit);
* **warm first paint**: a new page on a running server (store and outlines cached)
  until the map shows its claims (target <= 2.5 s);
* **bytes**: received by the browser at first load (HTTP bodies and WebSocket frames)
  and for one filter change (WebSocket frames);
* **GeoJSON bytes per claim** of the sample corpus export (full, simplified, points).

``--app-dir`` runs the same measures on another checkout. ``--compare DIR`` measures
another checkout (e.g. the code before a change) and this one in one run, their runs
interleaved (A, B, A, B...) so that both meet the same machine load, and prints the
ratios. Another checkout's ``app.py`` is started with this checkout's Python
environment; its ``static/vendor`` must be a copy (Streamlit does not serve a symlink
there) and its ``data/cache`` must exist (a symlink will do).

``--compare-ref REF`` makes that checkout from a commit of this repository. Cold first
paints (``--cold N``, default 3 per checkout): a new server for each run, its first page
until the claims are drawn (the store, outlines and modules loaded then). Each first
paint also gives the median time of its milestones (Streamlit's page up, the map's frame
created, Leaflet's map made, the payload received, claims drawn).

Usage: python benchmarks/bench_map_browser.py [--claims 10000] [--runs 5] [--cold 3]
       [--app-dir DIR | --compare DIR | --compare-ref REF] [--label NAME] [--no-geojson]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
CHROMIUM = os.environ.get("GEO_CHROMIUM", "/usr/bin/chromium")
IFRAME = "iframe[title*='streamlit_folium']"
TYPES = ("strike", "control", "advance", "clash", "casualties", "displacement", "unrest",
         "repelled", "emergency", "restriction")

#: The map is "updated" when exactly one map frame shows ``count`` claims, with markers
#: or clusters drawn and no busy sign.
READY_JS = """(count) => {
  const fs = document.querySelectorAll("IFRAME");
  if (fs.length !== 1) return false;
  const d = fs[0].contentDocument;
  if (!d) return false;
  const c = d.querySelector('#claim-count');
  if (!c || c.dataset.count !== String(count)) return false;
  const busy = d.querySelector('.claims-busy');
  if (busy && busy.style.display !== 'none' && busy.style.display !== '') return false;
  return d.querySelectorAll('.leaflet-marker-icon').length > 0;
}""".replace("IFRAME", IFRAME)


#: Milestones of a first paint, recorded in the page (ms after navigation start): the
#: Streamlit page shows its sidebar, the map's frame is created, Leaflet has made the
#: map, the claims' payload reached the map, claims are drawn.
PHASES_JS = """
if (window.top === window) {
  window.__phases = {};
  const mark = (k) => { if (!(k in window.__phases)) window.__phases[k] = performance.now(); };
  const tick = () => {
    if (document.querySelector('[data-testid="stSidebar"]')) mark('streamlit_ui');
    const f = document.querySelector("IFRAME");
    if (f) {
      mark('map_frame');
      const d = f.contentDocument, w = f.contentWindow;
      if (d && d.querySelector('.leaflet-container')) mark('leaflet_map');
      if (w && w.claimsMap && w.claimsMap.timing && w.claimsMap.timing.received) {
        mark('payload');
      }
      if (d && d.querySelectorAll('.leaflet-marker-icon').length) mark('claims_drawn');
    }
    if (!('claims_drawn' in window.__phases)) setTimeout(tick, 5);
  };
  tick();
}
""".replace("IFRAME", IFRAME)
PHASES = ("streamlit_ui", "map_frame", "leaflet_map", "payload", "claims_drawn")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(app_dir: Path, store: Path) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run app.py`` in ``app_dir`` on a free port; wait until healthy."""
    port = _free_port()
    env = {**os.environ, "GEO_STORE": str(store), "GEO_ONLINE_TILES": "0"}
    log = open(OUT / f"bench_map_browser_{port}.log", "wb")  # noqa: SIM115 - closed by exit
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                return proc, url
        except OSError:
            time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGTERM)
    raise TimeoutError("streamlit did not start")


class Bytes:
    """Counts bytes the page receives: HTTP response bodies and WebSocket frames."""

    def __init__(self, page) -> None:
        self.http = 0
        self.ws = 0
        page.on("requestfinished", self._finished)
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _finished(self, request) -> None:
        try:
            self.http += request.sizes()["responseBodySize"]
        except Exception:  # noqa: BLE001 - a request without sizes (aborted, cached)
            pass

    def _frame(self, payload) -> None:
        self.ws += len(payload) if isinstance(payload, (bytes, str)) else 0

    def total(self) -> int:
        """Bytes received so far."""
        return self.http + self.ws


def _paint(browser, url: str, total: int) -> tuple[float, int, dict]:
    """One first paint in a new browser context: seconds, bytes received, milestones (s)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(PHASES_JS)
    page = context.new_page()
    counter = Bytes(page)
    t0 = time.perf_counter()
    page.goto(url + "/")
    page.wait_for_function(READY_JS, arg=total, timeout=120_000, polling=50)
    seconds = time.perf_counter() - t0
    phases = {k: round(v / 1000, 3) for k, v in page.evaluate("window.__phases").items()}
    page.wait_for_timeout(300)  # let late frames arrive before counting
    context.close()
    return seconds, counter.total(), phases


class _Changes:
    """Filter changes on one open page: each adds a claim type to the selection."""

    def __init__(self, browser, url: str, total: int) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.counter = Bytes(self.page)
        self.page.goto(url + "/")
        self.page.wait_for_function(READY_JS, arg=total, timeout=120_000)
        self.chosen: list[str] = []

    def change(self, counts: dict[tuple[str, ...], int]) -> tuple[float, int]:
        """Add the next claim type; return seconds to the map updated, and bytes."""
        page = self.page
        ctype = TYPES[len(self.chosen)]
        self.chosen.append(ctype)
        expected = counts[tuple(self.chosen)]
        box = page.locator("[data-testid='stMultiSelect'] input").first
        box.click()
        box.fill(ctype)
        option = page.get_by_role("option", name=ctype, exact=True)
        option.wait_for()
        before = self.counter.ws
        t0 = time.perf_counter()
        option.click()
        page.wait_for_function(READY_JS, arg=expected, timeout=120_000, polling=50)
        seconds = time.perf_counter() - t0
        page.keyboard.press("Escape")
        page.wait_for_timeout(500)  # late frames of this change, before counting
        return seconds, self.counter.ws - before


def _phases(paints: list) -> dict:
    """Median time of each first-paint milestone (s after navigation start)."""
    return {k: round(statistics.median(p[2][k] for p in paints if k in p[2]), 3)
            for k in PHASES if any(k in p[2] for p in paints)}


def _summary(paints: list, changes: list) -> dict:
    return {"first_paint_median_s": round(statistics.median(p[0] for p in paints), 3),
            "first_paint_runs_s": [round(p[0], 3) for p in paints],
            "first_paint_phases_median_s": _phases(paints),
            "filter_change_median_s": round(statistics.median(c[0] for c in changes), 3),
            "filter_change_runs_s": [round(c[0], 3) for c in changes],
            "first_load_bytes_median": int(statistics.median(p[1] for p in paints)),
            "filter_change_bytes_median": int(statistics.median(c[1] for c in changes))}


def measure(urls: dict[str, str], total: int, counts: dict[tuple[str, ...], int],
            runs: int) -> dict[str, dict]:
    """Measure every server of ``urls`` (label -> URL), their runs interleaved."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu"])
        for url in urls.values():  # warm each server (store, outlines, caches) once
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url + "/")
            page.wait_for_function(READY_JS, arg=total, timeout=300_000)
            page.close()
        paints: dict[str, list] = {label: [] for label in urls}
        for _ in range(runs):
            for label, url in urls.items():
                paints[label].append(_paint(browser, url, total))
        pages = {label: _Changes(browser, url, total) for label, url in urls.items()}
        changes: dict[str, list] = {label: [] for label in urls}
        for _ in range(runs):
            for label in urls:
                changes[label].append(pages[label].change(counts))
        for p in pages.values():
            p.context.close()
        browser.close()
    return {label: _summary(paints[label], changes[label]) for label in urls}


def checkout_of(ref: str, dest: Path) -> Path:
    """Write the tree of git ``ref`` to ``dest`` as a runnable checkout for ``--compare``.

    Its ``static/vendor`` is a copy of this checkout's (Streamlit does not serve a
    symlink there) and its ``data/cache`` a symlink to this one's.
    """
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    tree = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True,
                          capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=tree, check=True)
    shutil.copytree(ROOT / "static" / "vendor", dest / "static" / "vendor")
    (dest / "data" / "cache").symlink_to(ROOT / "data" / "cache")
    return dest


def measure_cold(apps: dict[str, Path], store: Path, total: int, runs: int) -> dict[str, dict]:
    """Cold first paints: a new server per run (nothing cached), its page until drawn.

    What an analyst waits for after ``make run``: the server is healthy, the first page
    then loads the store, the outlines and every module the map needs. Checkouts are
    interleaved (A, B, A, B...).
    """
    from playwright.sync_api import sync_playwright

    paints: dict[str, list] = {label: [] for label in apps}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu"])
        for _ in range(runs):
            for label, app_dir in apps.items():
                proc, url = start_server(app_dir, store)
                try:
                    paints[label].append(_paint(browser, url, total))
                finally:
                    os.killpg(proc.pid, signal.SIGTERM)
                    proc.wait(timeout=30)
        browser.close()
    return {label: {"cold_first_paint_median_s": round(statistics.median(p[0] for p in ps), 3),
                    "cold_first_paint_runs_s": [round(p[0], 3) for p in ps],
                    "cold_first_paint_phases_median_s": _phases(ps)}
            for label, ps in paints.items()}


def geojson_sizes() -> dict:
    """GeoJSON bytes per claim of the sample corpus (full, simplified, points)."""
    from geo.export import geojson_bytes
    from geo.extract import Resources, extract_claims
    from geo.sources import read_articles

    articles = read_articles([ROOT / "data" / "sample" / "seed_articles.jsonl"])
    claims = extract_claims(articles, Resources.load())
    out = {"claims": len(claims)}
    for mode in ("full", "simplified", "points"):
        size = len(geojson_bytes(claims, mode))
        out[mode] = {"bytes": size, "bytes_per_claim": round(size / max(len(claims), 1))}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--app-dir", type=Path, default=ROOT)
    parser.add_argument("--compare", type=Path, default=None,
                        help="another checkout measured in the same run (as 'before')")
    parser.add_argument("--compare-ref", default=None, metavar="REF",
                        help="a git commit of this repository measured as 'before' (its "
                             "checkout is made in a temporary folder)")
    parser.add_argument("--label", default="this checkout")
    parser.add_argument("--cold", type=int, default=3,
                        help="cold first paints per checkout (a new server each; 0: none)")
    parser.add_argument("--no-geojson", action="store_true")
    args = parser.parse_args(argv)
    if args.runs > len(TYPES):
        parser.error(f"--runs: at most {len(TYPES)} (one claim type per filter change)")
    OUT.mkdir(parents=True, exist_ok=True)

    from geo.filters import ClaimFilter, apply_filter
    from geo.schema import conform_claims
    from geo.store import open_store
    from geo.synthetic import synthetic_articles, synthetic_claims

    claims = conform_claims(synthetic_claims(args.claims, seed=1))
    counts, chosen = {}, []
    for ctype in TYPES[:args.runs]:
        chosen.append(ctype)
        counts[tuple(chosen)] = len(apply_filter(claims, ClaimFilter(
            claim_types=tuple(chosen))))
    scratch = tempfile.TemporaryDirectory()
    if args.compare_ref is not None:
        args.compare = checkout_of(args.compare_ref, Path(scratch.name) / "before")
    apps = {args.label: args.app_dir.resolve()}
    if args.compare is not None:
        apps = {"before": args.compare.resolve(), args.label: args.app_dir.resolve()}
    result: dict = {"claims": args.claims, "runs": args.runs,
                    "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "claims.gpkg"
        open_store(store).ingest(synthetic_articles(args.claims // 4 + 1, seed=1), claims)
        servers = {}
        try:
            for label, app_dir in apps.items():
                servers[label] = start_server(app_dir, store)
            measured = measure({label: url for label, (_, url) in servers.items()},
                               args.claims, counts, args.runs)
        finally:
            for proc, _url in servers.values():
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        if args.cold:
            for label, figures in measure_cold(apps, store, args.claims, args.cold).items():
                measured[label].update(figures)
    result["load_after"] = os.getloadavg()[0]
    result.update({label: figures for label, figures in measured.items()})
    if args.compare is not None:
        before, after = measured["before"], measured[args.label]
        result["ratios_after_over_before"] = {
            key: round(after[key] / before[key], 3) if before[key] else None
            for key in ("first_paint_median_s", "filter_change_median_s",
                        "first_load_bytes_median", "filter_change_bytes_median",
                        "cold_first_paint_median_s") if key in before}
    if not args.no_geojson:
        result["geojson_sample_corpus"] = geojson_sizes()
    print(json.dumps(result, indent=2))
    name = "bench_map_browser_" + "".join(c if c.isalnum() else "_" for c in args.label)
    (OUT / f"{name}.json").write_text(json.dumps(result, indent=2))
    mine = measured[args.label]
    ok = mine["filter_change_median_s"] <= 1.0 and mine["first_paint_median_s"] <= 2.5
    print(f"targets (filter change <= 1.0 s, warm first paint <= 2.5 s): "
          f"{'met' if ok else 'NOT met'} ({args.label}; load average "
          f"{result['load_before']:.1f} -> {result['load_after']:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
