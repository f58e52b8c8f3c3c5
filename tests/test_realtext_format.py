"""Format of the real-text set (``tests/realtext``): the shared gold checks, no scores.

The set's scores are measured by ``benchmarks/bench_realtext.py`` and reported in its
README; the held-back part must not be tuned on, so no test asserts a figure on it.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from goldsets import check_gold_lines, check_gold_unique, norm, read_jsonl

HERE = Path(__file__).parent / "realtext"


@pytest.fixture(scope="module", params=["dev", "held", "fresh"])
def part(request):
    arts = read_jsonl(HERE / request.param / "articles.jsonl")
    gold = read_jsonl(HERE / request.param / "gold.jsonl")
    return arts, gold


def test_gold_lines_well_formed_and_unique(part):
    arts, gold = part
    check_gold_lines(gold, {a["id"]: a["published"] for a in arts})
    check_gold_unique(gold)


def test_hints_lie_in_their_report(part):
    arts, gold = part
    texts = {a["id"]: norm(a["text"]) for a in arts}
    for g in gold:
        assert norm(g["hint"]) in texts[g["article_id"]], g


def test_parts_are_disjoint_and_held_back_by_id_hash():
    spec = importlib.util.spec_from_file_location("build", HERE / "build_realtext.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    dev = {a["id"] for a in read_jsonl(HERE / "dev" / "articles.jsonl")}
    held = {a["id"] for a in read_jsonl(HERE / "held" / "articles.jsonl")}
    assert not dev & held and len(dev | held) >= 300
    assert all(build.held_back(i) for i in held) and not any(build.held_back(i) for i in dev)
    fresh = {a["id"] for a in read_jsonl(HERE / "fresh" / "articles.jsonl")}
    assert len(fresh) >= 100 and not fresh & (dev | held)


def test_committed_files_match_the_builder(tmp_path, monkeypatch, gazetteer):
    spec = importlib.util.spec_from_file_location("build", HERE / "build_realtext.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    monkeypatch.setattr(build, "HERE", tmp_path)
    build.main()
    for p in ("dev", "held", "fresh"):
        for name in ("articles.jsonl", "gold.jsonl"):
            assert (tmp_path / p / name).read_bytes() == (HERE / p / name).read_bytes()
    assert json.loads((HERE / "dev" / "articles.jsonl").read_text().splitlines()[0])["source"]
