"""Streaming ingest: large inputs in pieces, batch-by-batch commits, resume after a kill.

Large inputs are read with memory bounded by the batch, and an ingest killed mid-way
resumes without duplicates.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pandas as pd
import pytest

from geo.bulk import check_inputs, iter_article_batches
from geo.cli import main
from geo.sources import InputError, read_articles
from geo.store import open_store
from geo.synthetic import synthetic_articles

ROOT = Path(__file__).resolve().parent.parent


def write_jsonl(path: Path, articles: pd.DataFrame) -> None:
    """Write articles as JSON Lines, one object per line."""
    articles.to_json(path, orient="records", lines=True, force_ascii=False)


def test_large_jsonl_in_pieces_gives_the_same_articles(tmp_path):
    src = tmp_path / "many.jsonl"
    write_jsonl(src, synthetic_articles(300, seed=4))
    assert src.stat().st_size > 10 * 2000
    batches = list(iter_article_batches([src], batch_size=64, piece_bytes=2000))
    assert [len(b) for b in batches] == [64, 64, 64, 64, 44]
    streamed = pd.concat(batches, ignore_index=True)
    whole = read_articles([src])
    pd.testing.assert_frame_equal(streamed.astype(object), whole.astype(object))
    assert check_inputs([src], piece_bytes=2000) == 300


def test_errors_in_later_pieces_name_the_real_line(tmp_path):
    src = tmp_path / "bad.jsonl"
    arts = synthetic_articles(120, seed=5).to_dict("records")
    arts[96]["published"] = "not a date"
    src.write_text("".join(json.dumps(a) + "\n" for a in arts))
    with pytest.raises(InputError) as info:
        list(iter_article_batches([src], piece_bytes=1500))
    assert (info.value.file, info.value.line, info.value.field) == (str(src), 97, "published")


def test_duplicate_id_with_other_text_across_batches_and_files(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps(
        {"id": "x1", "published": "2024-01-01", "text": "Troops entered Bakhmut."}) + "\n")
    same = {"id": "x1", "published": "2024-01-01", "text": "Troops entered Bakhmut."}
    other = {"id": "x1", "published": "2024-01-01", "text": "Another text."}
    (tmp_path / "b.jsonl").write_text(json.dumps(same) + "\n" + json.dumps(other) + "\n")
    with pytest.raises(InputError) as info:
        list(iter_article_batches([tmp_path], batch_size=1))
    err = info.value
    assert (Path(err.file).name, err.line, err.field) == ("b.jsonl", 2, "id")
    assert "a.jsonl:1" in err.message


def test_memory_is_bounded_by_the_batch_not_the_file(tmp_path):
    src = tmp_path / "big.jsonl"
    arts = synthetic_articles(4000, seed=6)
    arts["text"] = arts["text"] + " " + "Shelling continued through the night. " * 50
    write_jsonl(src, arts)
    size = src.stat().st_size
    assert size > 8_000_000
    tracemalloc.start()
    try:
        n = sum(len(b) for b in iter_article_batches([src], batch_size=100,
                                                     piece_bytes=100_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n == 4000
    assert peak < size / 4, (peak, size)


def _stored(store: Path) -> tuple[int, int]:
    """Return (articles, claims) committed in a GeoPackage store (0, 0 if none yet)."""
    if not store.exists():
        return 0, 0
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
    try:
        return (con.execute("SELECT count(*) FROM articles").fetchone()[0],
                con.execute("SELECT count(*) FROM claims").fetchone()[0])
    except sqlite3.OperationalError:  # tables not created yet
        return 0, 0
    finally:
        con.close()


@pytest.mark.slow
def test_killed_ingest_resumes_without_duplicates(tmp_path, capsys):
    src = tmp_path / "corpus.jsonl"
    n = 120
    write_jsonl(src, synthetic_articles(n, seed=21))
    store = tmp_path / "s.gpkg"
    cmd = [sys.executable, "-m", "geo", "ingest", str(src), "--store", str(store),
           "--batch-size", "5", "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and _stored(store)[0] < 10 and proc.poll() is None:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    at_kill, _ = _stored(store)
    assert 10 <= at_kill < n  # killed mid-way
    assert at_kill % 5 == 0  # whole batches only
    with open_store(store) as s:
        arts, claims = s.articles(), s.claims()
    # every stored article has all of its claims
    per_article = claims.groupby("article_id").size()
    assert all(per_article.get(a, 0) == k for a, k in zip(arts["id"], arts["n_claims"],
                                                         strict=True))

    # resume: the stored articles are skipped, the rest is stored once
    assert main([*cmd[3:]]) == 0
    out = capsys.readouterr().out
    assert f"articles: {n} read, {n - at_kill} new, 0 updated, {at_kill} unchanged" in out
    with open_store(store) as s:
        resumed = s.claims()
        assert len(s.articles()) == n
    assert resumed["claim_id"].is_unique

    # the same claims as one uninterrupted ingest
    straight = tmp_path / "straight.gpkg"
    assert main(["ingest", str(src), "--store", str(straight), "--no-progress"]) == 0
    want = open_store(straight).claims()
    key = ["article_id", "sentence_index", "claim_id"]
    cols = [c for c in want.columns if c != "ingested_at"]
    pd.testing.assert_frame_equal(
        resumed[cols].sort_values(key).reset_index(drop=True),
        want[cols].sort_values(key).reset_index(drop=True))
