"""Tests of geo.sources (reading articles) on real files written to a temporary folder."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from geo.schema import ARTICLE_COLUMNS
from geo.sources import (
    InputError,
    iter_article_files,
    normalise_published,
    parse_bytes,
    read_articles,
    read_articles_bytes,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "sample" / "seed_articles.jsonl"

A1 = {"id": "a1", "published": "2024-08-15", "text": "Troops entered Sudzha on Tuesday.",
      "title": "T1", "source": "Reuters", "url": "https://example.org/a1"}
A2 = {"id": "a2", "published": "2024-08-16T09:30:00Z", "text": "Shelling hit Belgorod."}


def write_jsonl(path: Path, rows: list[dict], *, bom: bool = False) -> Path:
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8"))
    return path


def write_csv(path: Path, rows: list[dict], columns=("id", "published", "text", "title",
                                                     "source", "url")) -> Path:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(columns)
    for r in rows:
        writer.writerow([r.get(c, "") for c in columns])
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return path


def raises_at(exc: pytest.ExceptionInfo, file: Path | str, line: int | None,
              field: str | None) -> str:
    """Check an InputError names file, line and field, in attributes and message."""
    err = exc.value
    assert isinstance(err, InputError) and isinstance(err, ValueError)
    assert err.file == str(file)
    assert err.line == line
    assert err.field == field
    msg = str(err)
    where = f"{file}:{line}:" if line is not None else f"{file}:"
    assert msg.startswith(where), msg
    if field is not None:
        assert f"field '{field}'" in msg
    return msg


# --- good input --------------------------------------------------------------------------


def test_reads_seed_corpus():
    df = read_articles(SEED)
    assert list(df.columns) == list(ARTICLE_COLUMNS)
    assert len(df) == 5
    assert df["id"].tolist()[0] == "seed-kursk"
    assert df["published"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert df.loc[0, "url"] is None  # absent optional field
    assert df.loc[0, "source"] == "Taipei Times"


def test_jsonl_fields_and_dates(tmp_path):
    extra = dict(A2, lang="en", score=3, nested={"x": [1]})  # unknown fields are ignored
    df = read_articles(write_jsonl(tmp_path / "a.jsonl", [A1, extra]))
    assert df["id"].tolist() == ["a1", "a2"]
    assert df["published"].tolist() == ["2024-08-15", "2024-08-16"]
    assert df.loc[0, "title"] == "T1" and df.loc[0, "url"] == "https://example.org/a1"
    assert df.loc[1, "title"] is None and df.loc[1, "source"] is None
    assert list(df.columns) == list(ARTICLE_COLUMNS)


def test_jsonl_with_bom_and_blank_lines(tmp_path):
    path = tmp_path / "a.jsonl"
    write_jsonl(path, [A1], bom=True)
    path.write_bytes(path.read_bytes() + b"\n   \n" + json.dumps(A2).encode() + b"\n")
    assert read_articles(path)["id"].tolist() == ["a1", "a2"]


def test_json_array_file(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([A1, A2], indent=2), encoding="utf-8")
    assert read_articles(path)["id"].tolist() == ["a1", "a2"]


def test_json_array_error_names_element_line(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([A1, {"id": "x", "text": "t"}], indent=2), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    line = path.read_text().splitlines().index("  {", 2) + 1  # the second object
    raises_at(exc, path, line, "published")


def test_csv_same_columns(tmp_path):
    path = write_csv(tmp_path / "a.csv", [A1, A2])
    df = read_articles(path)
    assert df["id"].tolist() == ["a1", "a2"]
    assert df["published"].tolist() == ["2024-08-15", "2024-08-16"]
    assert df.loc[1, "title"] is None  # empty cell = absent
    assert df.loc[0, "source"] == "Reuters"


def test_csv_header_case_spaces_extra_columns_and_semicolons(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(' ID ;Published; Text ;notes\nx1;2024-01-02;"Riots in Dhaka; curfew.";n\n',
                    encoding="utf-8")
    df = read_articles(path)
    assert df.loc[0, "id"] == "x1" and df.loc[0, "text"] == "Riots in Dhaka; curfew."


def test_csv_multiline_text_keeps_line_numbers(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,published,text\nm1,2024-01-02,"line one\nline two"\nm2,bad,x\n',
                    encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 4, "published")
    path.write_text('id,published,text\nm1,2024-01-02,"line one\nline two"\n', encoding="utf-8")
    assert read_articles(path).loc[0, "text"] == "line one\nline two"


def test_plain_text_file(tmp_path):
    path = tmp_path / "goma-report.txt"
    path.write_bytes(b"M23 rebels seized Sake.\r\nFighting continued.\r\n")
    df = read_articles(path, published="2024-02-07T08:00:00+01:00")
    assert df.loc[0, "id"] == "goma-report"
    assert df.loc[0, "published"] == "2024-02-07"
    assert df.loc[0, "text"] == "M23 rebels seized Sake.\nFighting continued.\n"
    assert df.loc[0, "title"] is None


def test_published_argument_accepts_date_and_is_fallback(tmp_path):
    path = write_csv(tmp_path / "a.csv", [{"id": "n1", "text": "Protests in Nairobi."}],
                     columns=("id", "text"))
    df = read_articles(path, published=dt.date(2024, 6, 25))
    assert df.loc[0, "published"] == "2024-06-25"
    # a record's own date wins over the fallback
    df = read_articles(write_jsonl(tmp_path / "b.jsonl", [A1]), published="2020-01-01")
    assert df.loc[0, "published"] == "2024-08-15"


def test_folder_expansion(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    write_jsonl(tmp_path / "b.jsonl", [A2])
    write_jsonl(tmp_path / "sub" / "a.jsonl", [A1])
    write_jsonl(tmp_path / ".hidden" / "c.jsonl", [dict(A1, id="hidden")])
    (tmp_path / "README.md").write_text("not an article")
    files = list(iter_article_files([tmp_path]))
    assert files == [tmp_path / "b.jsonl", tmp_path / "sub" / "a.jsonl"]
    # a file named twice is read once
    assert list(iter_article_files([tmp_path / "b.jsonl", tmp_path])) == files
    assert read_articles(tmp_path)["id"].tolist() == ["a2", "a1"]


def test_same_id_same_text_kept_once(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [A1, A2])
    write_csv(tmp_path / "b.csv", [dict(A1, title="other title")])
    df = read_articles(tmp_path)
    assert df["id"].tolist() == ["a1", "a2"]
    assert df.loc[0, "title"] == "T1"  # the first one is kept


def test_empty_file_gives_no_articles(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(b"")
    (tmp_path / "b.csv").write_bytes(b"id,published,text\n")
    df = read_articles(tmp_path)
    assert len(df) == 0 and list(df.columns) == list(ARTICLE_COLUMNS)


def test_read_articles_bytes_for_uploads():
    data = json.dumps(A1).encode()
    df = read_articles_bytes([("up.jsonl", data), ("note.txt", b"Curfew in Dhaka.")],
                             published="2024-07-20")
    assert df["id"].tolist() == ["a1", "note"]


@pytest.mark.parametrize(("value", "want"), [
    ("2024-08-15", "2024-08-15"),
    ("20240815", "2024-08-15"),
    ("2024-08-15T23:30:00+05:00", "2024-08-15"),
    ("2024-08-15T10:00:00Z", "2024-08-15"),
    ("2024-08-15t10:00:00z", "2024-08-15"),
    ("2024-08-15 10:00", "2024-08-15"),
    (" 2024-08-15T10:00:00.123456Z ", "2024-08-15"),
    ("2024-W33-4", "2024-08-15"),
])
def test_normalise_published(value, want):
    assert normalise_published(value) == want


@pytest.mark.parametrize("value", ["15/08/2024", "Aug 15, 2024", "2024-13-01", "2024-8-5",
                                   "yesterday", "2024-02-30", "2024-08-15T25:00"])
def test_normalise_published_rejects(value):
    with pytest.raises(InputError) as exc:
        normalise_published(value, file="f.jsonl", line=7)
    assert str(exc.value).startswith("f.jsonl:7: field 'published': cannot parse")
    assert repr(value) in str(exc.value)


def test_error_pickles_with_attributes():
    err = InputError("f.csv", 3, "id", "empty id")
    back = pickle.loads(pickle.dumps(err))
    assert (back.file, back.line, back.field, back.message) == ("f.csv", 3, "id", "empty id")
    assert str(back) == "f.csv:3: field 'id': empty id"


# --- bad input: every error names file, line and field ----------------------------------


@pytest.mark.parametrize("field", ["id", "published", "text"])
def test_jsonl_missing_field(tmp_path, field):
    bad = {k: v for k, v in A2.items() if k != field}
    path = write_jsonl(tmp_path / "a.jsonl", [A1, bad])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "missing" in raises_at(exc, path, 2, field)


@pytest.mark.parametrize("field", ["id", "text"])
def test_csv_missing_column(tmp_path, field):
    cols = tuple(c for c in ("id", "published", "text") if c != field)
    path = write_csv(tmp_path / "a.csv", [A1], columns=cols)
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "missing required column" in raises_at(exc, path, 1, field)


def test_csv_missing_published_column_without_fallback(tmp_path):
    path = write_csv(tmp_path / "a.csv", [A1], columns=("id", "text"))
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 1, "published")


def test_csv_missing_cell(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,published,text\na1,2024-01-01,ok\na2,2024-01-01\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 3, "text")


def test_null_value_is_missing(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [dict(A1, published=None)])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 1, "published")


@pytest.mark.parametrize("bad", ["15/08/2024", "next week", "2024-02-30"])
def test_jsonl_bad_date(tmp_path, bad):
    path = write_jsonl(tmp_path / "a.jsonl", [A1, A2, dict(A2, id="a3", published=bad)])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    msg = raises_at(exc, path, 3, "published")
    assert f"cannot parse {bad!r}" in msg


def test_csv_bad_date(tmp_path):
    path = write_csv(tmp_path / "a.csv", [A1, dict(A2, published="2024/08/16")])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 3, "published")


def test_date_wrong_type(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [dict(A1, published=20240815)])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 1, "published")


def test_bad_published_argument(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Clashes in Goma.", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path, published="last Tuesday")
    raises_at(exc, "published argument", None, "published")


def test_txt_without_published(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Clashes in Goma.", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 1, "published")


@pytest.mark.parametrize("text", ["", "   ", "\n\t \u00a0\u2003\n"])
def test_empty_text(tmp_path, text):
    path = write_jsonl(tmp_path / "a.jsonl", [A1, dict(A2, text=text)])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "empty text" in raises_at(exc, path, 2, "text")


def test_empty_text_csv_and_txt(tmp_path):
    path = write_csv(tmp_path / "a.csv", [A1, dict(A2, text="  ")])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 3, "text")
    txt = tmp_path / "b.txt"
    txt.write_bytes(b"\xef\xbb\xbf \n\n ")
    with pytest.raises(InputError) as exc:
        read_articles(txt, published="2024-01-01")
    raises_at(exc, txt, 1, "text")


def test_text_wrong_type_and_empty_id(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [dict(A1, text=["a", "b"])])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 1, "text")
    path = write_jsonl(tmp_path / "b.jsonl", [dict(A1, id="  ")])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 1, "id")


def test_numeric_id_is_text(tmp_path):
    df = read_articles(write_jsonl(tmp_path / "a.jsonl", [dict(A1, id=17)]))
    assert df.loc[0, "id"] == "17"


def test_duplicate_id_different_text(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [A1, A2, dict(A1, text="Something else.")])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    msg = raises_at(exc, path, 3, "id")
    assert "'a1'" in msg and f"first seen at {path}:1" in msg


def test_duplicate_id_across_files(tmp_path):
    first = write_jsonl(tmp_path / "a.jsonl", [A1])
    second = write_csv(tmp_path / "b.csv", [A2, dict(A1, text="Different.")])
    with pytest.raises(InputError) as exc:
        read_articles([first, second])
    msg = raises_at(exc, second, 3, "id")
    assert f"{first}:1" in msg


def test_latin1_jsonl(tmp_path):
    path = tmp_path / "a.jsonl"
    line2 = json.dumps(dict(A2, title="Kämpfe"), ensure_ascii=False).encode("latin-1")
    path.write_bytes(json.dumps(A1).encode() + b"\n" + line2 + b"\n")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    msg = raises_at(exc, path, 2, "title")
    assert "UTF-8" in msg and "0xe4" in msg


def test_latin1_csv_text(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes("id,published,text\nc1,2024-01-01,ok\nc2,2024-01-01,Caf\u00e9 bombed\n"
                     .encode("cp1252"))
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 3, "text")


def test_latin1_txt(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"First line.\nSecond line: Mosqu\xe9e.\n")
    with pytest.raises(InputError) as exc:
        read_articles(path, published="2024-01-01")
    raises_at(exc, path, 2, "text")


def test_bad_bytes_in_ignored_field_are_harmless(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"id,published,text,notes\nc1,2024-01-01,ok,caf\xe9\n")
    assert read_articles(path)["id"].tolist() == ["c1"]


def test_utf16_file(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(json.dumps(A1).encode("utf-16"))  # with BOM
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "UTF-16" in raises_at(exc, path, 1, None)
    path.write_bytes(json.dumps(A1).encode("utf-16-le"))  # without BOM
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "UTF-16" in raises_at(exc, path, 1, None)


@pytest.mark.parametrize("ext", [".csv", ".jsonl", ".txt"])
def test_binary_content(tmp_path, ext):
    path = tmp_path / f"a{ext}"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(InputError) as exc:
        read_articles(path, published="2024-01-01")
    assert "PNG" in raises_at(exc, path, 1, None)


def test_binary_content_without_magic(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"id,published,text\n" + bytes(range(11, 256)) * 8)
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "binary" in raises_at(exc, path, 2, None)


def test_json_in_csv(tmp_path):
    path = tmp_path / "a.csv"
    write_jsonl(path, [A1, A2])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "JSON" in raises_at(exc, path, 1, None)


def test_csv_in_jsonl(tmp_path):
    path = tmp_path / "a.jsonl"
    write_csv(path, [A1])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "CSV" in raises_at(exc, path, 1, None)


def test_jsonl_in_txt(tmp_path):
    path = tmp_path / "a.txt"
    write_jsonl(path, [A1])
    with pytest.raises(InputError) as exc:
        read_articles(path, published="2024-01-01")
    assert "JSON" in raises_at(exc, path, 1, None)


def test_csv_in_txt(tmp_path):
    path = tmp_path / "a.txt"
    write_csv(path, [A1])
    with pytest.raises(InputError) as exc:
        read_articles(path, published="2024-01-01")
    assert "CSV" in raises_at(exc, path, 1, None)


def test_broken_json_line(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(A1) + "\n" + '{"id": "a2", "text": "x"\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 2, None)


def test_json_line_not_object(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(A1) + "\n" + '"just a string"\n', encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "object" in raises_at(exc, path, 2, None)


def test_pretty_printed_object_in_jsonl(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(A1, indent=2), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "one object per line" in raises_at(exc, path, 1, None)


def test_csv_too_many_values(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,published,text\na1,2024-01-01,ok\na2,2024-01-01,x,y\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "3 columns" in raises_at(exc, path, 3, None)


def test_csv_bad_quoting(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('id,published,text\na1,2024-01-01,ok\na2,2024-01-01,"x"y\n',
                    encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "malformed CSV" in raises_at(exc, path, 3, None)


def test_csv_duplicate_column(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,published,text,text\na1,2024-01-01,ok,ok\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 1, "text")


def test_unknown_extension(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "'.docx'" in raises_at(exc, path, None, None)
    with pytest.raises(InputError):
        parse_bytes(b"x", "noext")


def test_missing_path(tmp_path):
    path = tmp_path / "nope.jsonl"
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "no such file" in raises_at(exc, path, None, None)


def test_optional_field_wrong_type(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [dict(A1, url=["x"])])
    with pytest.raises(InputError) as exc:
        read_articles(path)
    raises_at(exc, path, 1, "url")


# --- properties --------------------------------------------------------------------------

texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=300)
optional = st.none() | st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, title=optional)
def test_text_round_trips_jsonl_and_csv(tmp_path, text, title):
    assume(text.strip())
    rows = [{"id": "p1", "published": "2024-03-03", "text": text, "title": title},
            {"id": "p2", "published": "2024-03-04T12:00:00Z", "text": "Second article."}]
    want_title = title.strip() or None if title is not None else None
    jl = write_jsonl(tmp_path / "p.jsonl", rows)
    cv = write_csv(tmp_path / "p.csv", rows, columns=("id", "published", "text", "title"))
    for path in (jl, cv):
        df = read_articles(path)
        assert df["id"].tolist() == ["p1", "p2"]
        # line ends are unified (CR LF and CR as LF): the same article on any platform
        assert df.loc[0, "text"] == text.replace("\r\n", "\n").replace("\r", "\n")
        assert df.loc[0, "title"] == want_title
        assert df.loc[1, "published"] == "2024-03-04"


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400), ext=st.sampled_from([".jsonl", ".csv", ".txt", ".json"]))
def test_arbitrary_bytes_parse_or_raise_input_error(data, ext):
    try:
        df = read_articles_bytes([(f"f{ext}", data)], published="2024-01-01")
    except InputError as err:
        assert err.file == f"f{ext}"
        assert err.line is None or err.line >= 1
    else:
        assert list(df.columns) == list(ARTICLE_COLUMNS)
        assert all(t.strip() for t in df["text"])


def test_unpaired_surrogate_escape_in_json(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(A1) + "\n" + json.dumps(dict(A2, text="bad \ud83d here")) + "\n",
                    encoding="utf-8")
    assert "\\ud83d" in path.read_text(encoding="utf-8")  # json.dumps escaped it
    with pytest.raises(InputError) as exc:
        read_articles(path)
    assert "unpaired surrogate" in raises_at(exc, path, 2, "text")
