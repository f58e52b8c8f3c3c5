"""The command line through its runner (``main(argv)`` in-process) and as real processes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyogrio
import pytest
from rfc7946 import check_rfc7946

from geo.cli import main
from geo.export import ACLED_COLUMNS, read_gpkg
from geo.filters import ClaimFilter
from geo.store import open_store
from geo.synthetic import synthetic_articles, synthetic_claims

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "sample" / "seed_articles.jsonl"


def run(capsys, *argv):
    """Run ``geo ARGV`` in-process; return (exit status, stdout, stderr)."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """Return a GeoPackage store holding the sample corpus, ingested once by the CLI."""
    store = tmp_path_factory.mktemp("seeded") / "claims.gpkg"
    assert main(["ingest", str(SEED), "--store", str(store), "--no-progress"]) == 0
    return store


# ---------------------------------------------------------------- help and usage


@pytest.mark.parametrize("argv", [
    ["--help"], ["extract", "--help"], ["ingest", "--help"], ["export", "--help"],
    ["stats", "--help"], ["app", "--help"], ["gazetteer", "--help"],
    ["gazetteer", "build", "--help"],
])
def test_help_everywhere(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 0 and out.startswith("usage: geo") and err == ""


@pytest.mark.parametrize("argv, message", [
    ([], "required"),
    (["frobnicate"], "invalid choice"),
    (["extract", str(SEED)], "--out"),
    (["export", "--out", "x.geojson", "--from", "last week"], "ISO date"),
    (["export", "--out", "x.geojson", "--bbox", "30,50,40"], "four numbers"),
    (["export", "--out", "x.geojson", "--type", "battle"], "unknown type"),
    (["export", "--out", "x.geojson", "--country", "Ukraine"], "alpha-2"),
    (["export", "--out", "x.geojson", "--from", "2024-05-01", "--to", "2024-04-01"], "after"),
    (["export", "--out", "x.txt"], "cannot tell the format"),
    (["export", "--out", "-", "--format", "gpkg"], "stdout"),
    (["export", "--out", "x.csv", "--format", "xls"], "invalid choice"),
    (["ingest"], "INPUT"),
    (["ingest", str(SEED), "--jobs", "0"], "at least 1"),
    (["app", "--port", "99999"], "1..65535"),
])
def test_usage_errors_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "usage: geo" in err and message in err


# ---------------------------------------------------------------- extract


def test_extract_writes_rfc7946_geojson(capsys, tmp_path):
    out_path = tmp_path / "claims.geojson"
    code, out, err = run(capsys, "extract", SEED, "--out", out_path, "--no-progress")
    assert code == 0, err
    doc = json.loads(out_path.read_text(encoding="utf-8"))
    check_rfc7946(doc)
    assert len(doc["features"]) > 0
    assert "5 articles" in err
    ids = {f["properties"]["article_id"] for f in doc["features"]}
    assert ids <= {json.loads(line)["id"] for line in SEED.read_text().splitlines()}
    # to stdout as well, identical
    code, out, _ = run(capsys, "extract", SEED, "--out", "-", "--no-progress")
    assert code == 0 and json.loads(out) == doc


def test_extract_bad_input_exit_1_names_file_line_field(capsys, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(SEED.read_text().splitlines()[0] + "\n"
                   + json.dumps({"id": "x2", "published": "someday", "text": "Hi."}) + "\n")
    code, out, err = run(capsys, "extract", bad, "--out", tmp_path / "o.geojson")
    assert code == 1 and out == ""
    assert f"{bad}:2" in err and "published" in err
    assert not (tmp_path / "o.geojson").exists()


# ---------------------------------------------------------------- ingest


def test_ingest_summary_and_idempotence(capsys, tmp_path):
    store = tmp_path / "s.gpkg"
    code, out, err = run(capsys, "ingest", SEED, "--store", store, "--no-progress")
    assert code == 0, err
    assert "articles: 5 read, 5 new, 0 updated, 0 unchanged" in out
    assert "errors: 0" in out
    first = open_store(store).claims()
    assert len(first) > 0
    code, out, _ = run(capsys, "ingest", SEED, "--store", store, "--no-progress")
    assert code == 0
    assert "5 read, 0 new, 0 updated, 5 unchanged" in out and "claims: 0 written" in out
    again = open_store(store).claims()
    assert again.equals(first)


def test_ingest_folder_with_a_bad_file_stores_nothing(capsys, tmp_path, seeded):
    store = tmp_path / "s.gpkg"
    shutil.copy(seeded, store)
    before = open_store(store).claims()
    folder = tmp_path / "inbox"
    folder.mkdir()
    arts = synthetic_articles(3, seed=9)
    (folder / "good.jsonl").write_text(arts.to_json(orient="records", lines=True))
    (folder / "zbad.jsonl").write_text('{"id": "q1", "published": "2024-01-02"}\n')
    code, out, err = run(capsys, "ingest", folder, "--store", store, "--no-progress")
    assert code == 1 and out == ""
    assert "zbad.jsonl:1" in err and "text" in err
    after = open_store(store)
    assert after.claims().equals(before)
    assert not set(after.articles()["id"]) & set(arts["id"])


def test_ingest_missing_file_and_bad_store(capsys, tmp_path):
    code, _, err = run(capsys, "ingest", tmp_path / "nope.jsonl", "--store", tmp_path / "s.gpkg")
    assert code == 1 and "nope.jsonl: no such file" in err
    not_store = tmp_path / "text.gpkg"
    not_store.write_text("hello")
    code, _, err = run(capsys, "ingest", SEED, "--store", not_store, "--no-progress")
    assert code == 1 and "not a usable GeoPackage" in err
    assert not_store.read_text() == "hello"


def test_ingest_new_text_replaces_and_env_store(capsys, tmp_path, monkeypatch):
    store = tmp_path / "env.gpkg"
    monkeypatch.setenv("GEO_STORE", str(store))
    lines = SEED.read_text().splitlines()
    first = tmp_path / "a.jsonl"
    first.write_text(lines[0] + "\n")
    assert run(capsys, "ingest", first, "--no-progress")[0] == 0
    art = json.loads(lines[0])
    art["text"] = ("Russian forces captured the village of Robotyne in Zaporizhzhia "
                   "region on Monday, the Russian Ministry of Defense said.")
    first.write_text(json.dumps(art) + "\n")
    code, out, _ = run(capsys, "ingest", first, "--no-progress")
    assert code == 0 and "0 new, 1 updated" in out
    stored = open_store(store).articles()
    assert stored["text"].tolist() == [art["text"]]


def test_refresh_stale(capsys, tmp_path):
    store_path = tmp_path / "s.gpkg"
    arts = synthetic_articles(4, seed=2)
    claims = synthetic_claims(16, seed=2)
    claims["extractor_version"] = "old-0"
    with open_store(store_path) as store:
        store.ingest(arts, claims)
    code, out, _ = run(capsys, "stats", "--store", store_path)
    assert code == 0 and "4 articles from older extractor versions" in out
    code, out, err = run(capsys, "ingest", "--refresh-stale", "--store", store_path,
                         "--no-progress")
    assert code == 0, err
    assert "4 refreshed (4 stale in store)" in out
    code, out, _ = run(capsys, "stats", "--store", store_path, "--json")
    stats = json.loads(out)
    assert stats["articles_stale"] == 0 and stats["articles"] == 4
    assert list(stats["articles_by_extractor_version"]) == [stats["extractor_version"]]
    got = open_store(store_path).claims()
    assert "old-0" not in set(got["extractor_version"])


# ---------------------------------------------------------------- export, stats, app


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv", "kml"])
def test_export_formats_with_filters(capsys, tmp_path, seeded, fmt):
    everything = open_store(seeded).claims()
    some_type = everything["claim_type"].value_counts().index[0]
    out_path = tmp_path / f"out.{fmt}"
    code, _, err = run(capsys, "export", "--store", seeded, "--out", out_path,
                       "--type", some_type, "--from", "2000-01-01")
    assert code == 0, err
    expected = open_store(seeded).claims(ClaimFilter(claim_types=(some_type,),
                                                     date_from="2000-01-01"))
    assert f"{len(expected)} claims" in err
    back = read_gpkg(out_path) if fmt == "gpkg" else pyogrio.read_dataframe(out_path)
    assert len(back) == len(expected) > 0
    if fmt == "csv":
        assert list(back.columns)[:len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    else:
        assert set(back.get("claim_type", [some_type])) == {some_type}


def test_export_geojson_to_stdout_and_empty_result(capsys, seeded):
    code, out, err = run(capsys, "export", "--store", seeded, "--out", "-",
                         "--bbox=-10,-10,-9,-9")  # '=' form for a negative first number
    assert code == 0
    doc = json.loads(out)
    check_rfc7946(doc)
    assert doc["features"] == [] and "0 claims" in err


def test_export_and_stats_need_an_existing_store(capsys, tmp_path):
    missing = tmp_path / "none.gpkg"
    code, _, err = run(capsys, "export", "--store", missing, "--out", tmp_path / "x.geojson")
    assert code == 1 and "no claims store" in err
    code, _, err = run(capsys, "stats", "--store", missing)
    assert code == 1 and "no claims store" in err
    assert not missing.exists()


def test_stats_json(capsys, seeded):
    code, out, _ = run(capsys, "stats", "--store", seeded, "--json")
    assert code == 0
    stats = json.loads(out)
    n = len(open_store(seeded).claims())
    assert stats["articles"] == 5 and stats["claims"] == n
    assert sum(stats["by_type"].values()) == n
    code, out, _ = run(capsys, "stats", "--store", seeded)
    assert f"articles: 5  claims: {n}" in out


def test_app_dry_run_passes_store_by_env(capsys, tmp_path):
    store = tmp_path / "app.gpkg"
    code, out, _ = run(capsys, "app", "--store", store, "--port", "8999", "--dry-run")
    assert code == 0
    assert out.startswith(f"GEO_STORE={store} ")
    assert "streamlit run" in out and str(ROOT / "app.py") in out and "8999" in out
    assert "--server.address 127.0.0.1" in out  # this machine only, unless asked


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_app_launches_a_real_server_on_loopback(tmp_path):
    store, port = tmp_path / "app.gpkg", _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "geo", "app", "--store", str(store),
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        deadline, health = time.monotonic() + 60, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health",
                                            timeout=2) as resp:
                    health = resp.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert health == "ok", proc.stderr.read().decode() if proc.poll() is not None else ""
        assert store.exists()  # the store was created before the server started
    finally:
        proc.terminate()
        proc.wait(timeout=30)


# ---------------------------------------------------------------- real processes


def _proc(*argv, env=None):
    return subprocess.run([sys.executable, "-m", "geo", *map(str, argv)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT,
                          env=dict(os.environ, **(env or {})))


def test_subprocess_exit_codes(tmp_path):
    r = _proc("export", "--out")
    assert r.returncode == 2 and "expected one argument" in r.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("id,published,text\na1,2024-13-45,Something happened.\n")
    r = _proc("ingest", bad, "--store", tmp_path / "s.gpkg")
    assert r.returncode == 1 and r.stdout == ""
    assert f"{bad}:2" in r.stderr and "published" in r.stderr


def test_subprocess_ingest_then_export_via_env(tmp_path):
    store = tmp_path / "s.gpkg"
    r = _proc("ingest", SEED, "--no-progress", env={"GEO_STORE": str(store)})
    assert r.returncode == 0, r.stderr
    assert "5 new" in r.stdout
    out = tmp_path / "all.geojson"
    r = _proc("export", "--out", out, env={"GEO_STORE": str(store)})
    assert r.returncode == 0, r.stderr
    check_rfc7946(json.loads(out.read_text()))


def test_console_script_installed():
    script = Path(sys.executable).parent / "geo"
    if not script.exists():
        pytest.skip("console script not installed (run `pip install -e .`, done by make setup)")
    r = subprocess.run([str(script), "stats", "--help"], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0 and r.stdout.startswith("usage: geo stats")


def test_sigkill_of_a_real_geo_ingest_keeps_the_store_whole(tmp_path, seeded):
    """Kill ``python -m geo ingest`` while it works: the store is never half-written.

    What was stored is untouched and only whole batches (one transaction each) were
    added, every article with all of its claims.
    """
    store = tmp_path / "s.gpkg"
    shutil.copy(seeded, store)
    before = open_store(store)
    before_claims, before_articles = before.claims(), before.articles()
    src = tmp_path / "many.jsonl"
    synthetic_articles(400, seed=12).to_json(src, orient="records", lines=True)
    proc = subprocess.Popen([sys.executable, "-m", "geo", "ingest", str(src), "--store",
                             str(store), "--progress", "--batch-size", "50"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # wait for the progress bar to show extraction under way, then kill
        seen = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "article" not in seen:
            seen += proc.stderr.read(1)
        assert "article" in seen, seen
        time.sleep(0.3)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    after = open_store(store)
    claims, articles = after.claims(), after.articles()
    old = set(before_articles["id"])
    assert claims[claims["article_id"].isin(old)].reset_index(drop=True).equals(before_claims)
    assert articles[articles["id"].isin(old)].reset_index(drop=True).equals(before_articles)
    added = articles[~articles["id"].isin(old)]
    assert len(added) % 50 == 0
    per_article = claims.groupby("article_id").size()
    assert all(per_article.get(a, 0) == n for a, n in zip(added["id"], added["n_claims"],
                                                         strict=True))
    assert pyogrio.read_info(store, layer="claims")["features"] == len(claims)


def test_export_geometry_choice(capsys, tmp_path, seeded):
    out = tmp_path / "points.geojson"
    code, _, err = run(capsys, "export", "--store", seeded, "--out", out,
                       "--geometry", "points")
    assert code == 0, err
    doc = json.loads(out.read_text())
    check_rfc7946(doc)
    assert {f["geometry"]["type"] for f in doc["features"]} == {"Point"}
    code, _, err = run(capsys, "export", "--store", seeded, "--out", tmp_path / "x.csv",
                       "--geometry", "points")
    assert code == 2 and "--geometry applies to GeoJSON" in err
