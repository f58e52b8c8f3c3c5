"""Web inputs: saved pages, RSS/Atom feeds, folders mixing them, and URLs fetched once.

Fetching is tested against a real HTTP server on 127.0.0.1 (a free port) serving the
files of ``tests/data/web/``; "offline" is a port nobody listens on.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socket
import threading
from pathlib import Path

import pytest
from postgis_server import postgis_server, postgis_url  # noqa: F401

from geo.cli import main
from geo.sources import InputError, read_articles, read_articles_bytes
from geo.sources.feeds import html_to_text, parse_feed
from geo.sources.fetch import fetch
from geo.sources.html import extract_page
from geo.store import open_store

WEB = Path(__file__).resolve().parent / "data" / "web"
REAL = WEB / "real"  # pages and feeds as published (sources and licences in its README)
BOILERPLATE = ("cookies", "Accept all", "Home", "Share on", "Related stories",
               "Evacuations ordered in Belgorod", "Sign up", "All rights reserved",
               "Privacy policy", "Search Example Wire", "dataLayer")


def test_saved_page_keeps_the_article_and_drops_the_page_around_it():
    page = extract_page((WEB / "kursk_report.html").read_bytes())
    assert page["title"] == "Troops enter Sudzha as fighting spreads in Kursk region"
    assert page["published"] == "2024-08-12"
    assert page["author"] == "Maria Example"
    assert page["url"] == "https://news.example.org/world/2024/08/12/sudzha-kursk"
    assert page["source"] == "Example Wire"
    text = page["text"]
    assert text.startswith("Ukraine's top commander Oleksandr Syrsky said on Monday")
    assert "121,000 people had been evacuated." in text
    assert text.endswith("The claims could not be independently verified.")
    for junk in BOILERPLATE:
        assert junk not in text, junk
    assert "\n\n" in text  # paragraphs stay apart


def test_page_article_fields_and_date_fallback():
    arts = read_articles([WEB / "kursk_report.html"])
    row = arts.iloc[0]
    assert row["id"] == "https://news.example.org/world/2024/08/12/sudzha-kursk"
    assert (row["published"], row["source"]) == ("2024-08-12", "Example Wire")
    with pytest.raises(InputError, match=r"undated_page.html:1: field 'published'"):
        read_articles([WEB / "undated_page.html"])
    undated = read_articles([WEB / "undated_page.html"], published="2024-08-20").iloc[0]
    assert undated["id"] == "undated_page" and undated["published"] == "2024-08-20"
    assert "Front page" not in undated["text"] and "Powered by" not in undated["text"]


def test_pages_without_an_article_or_markup_are_errors():
    with pytest.raises(InputError, match="no article text"):
        read_articles_bytes([("empty.html", b"<html><body><nav><a href='/'>Home</a></nav>"
                                            b"</body></html>")], published="2024-01-01")
    with pytest.raises(InputError, match="not an HTML page"):
        read_articles_bytes([("plain.html", b"just words, no markup")], published="2024-01-01")


def test_rss_items_are_articles_with_full_content_first():
    records = list(parse_feed((WEB / "briefing.rss").read_bytes(), "briefing.rss"))
    assert [r.fields["id"] for r in records] == [
        "ew-2024-0813-1", "https://news.example.org/world/2024/08/12/kharkiv"]
    first, second = (r.fields for r in records)
    assert first["published"] == "2024-08-13"  # 23:30 +03:00, as written (not UTC's 20:30)
    assert first["text"].startswith("The Rapid Support Forces said on Tuesday")
    assert "teaser" not in first["text"] and "track()" not in first["text"]
    assert first["source"] == "Example Wire - World" and first["author"] == "Example Desk"
    assert second["text"] == ("Regional governor Oleh Syniehubov said Russian shelling "
                              "damaged houses in Kharkiv overnight.")
    assert [r.line for r in records] == [8, 17]  # where each <item> starts


def test_atom_entry_prefers_content_and_published_date():
    row = read_articles([WEB / "bulletin.atom"]).iloc[0]
    assert row["id"] == "urn:example:bulletins:17" and row["published"] == "2024-08-15"
    assert row["text"].startswith("Authorities ordered the evacuation of about 6,000 people")
    assert row["url"] == "https://ministry.example.org/bulletins/17"


def test_not_a_feed_and_html_fragments():
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        read_articles_bytes([("x.xml", b"<?xml version='1.0'?><catalog><book/></catalog>")])
    assert html_to_text("<p>One <b>two</b></p><p>three</p><script>x()</script>") == \
        "One two\n\nthree"


def test_folder_mixing_pages_feeds_and_json_lines(tmp_path):
    shutil.copytree(WEB, tmp_path / "news")
    (tmp_path / "news" / "more.jsonl").write_text(
        '{"id": "j1", "published": "2024-08-14", "text": "Fighting was reported in '
        'Toretsk."}\n', encoding="utf-8")
    arts = read_articles([tmp_path / "news"], published="2024-08-20")
    assert len(arts) == 6 + 3 + 4 + 3  # written files + real pages, RSS items, Atom entries
    assert {"j1", "undated_page", "urn:example:bulletins:17",
            "tag:intertwingly.net,2004:3297",
            "https://en.wikipedia.org/wiki/T-distributed_stochastic_neighbor_embedding"
            } <= set(arts["id"])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".rss": "application/rss+xml", ".atom": "application/atom+xml"}

    def log_message(self, *args) -> None:  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server():
    """Serve tests/data/web on 127.0.0.1 at a free port; yield its base URL."""
    handler = functools.partial(_Quiet, directory=str(WEB))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_fetch_page_and_feed_urls(server):
    arts = read_articles([f"{server}/kursk_report.html", f"{server}/briefing.rss"])
    assert len(arts) == 3
    page = arts[arts["title"].str.startswith("Troops")].iloc[0]
    assert page["url"] == "https://news.example.org/world/2024/08/12/sudzha-kursk"
    assert "Accept all cookies" not in page["text"]
    data, ctype, final = fetch(f"{server}/bulletin.atom")
    assert ctype == "application/atom+xml" and final.endswith("/bulletin.atom")
    assert data == (WEB / "bulletin.atom").read_bytes()


def test_fetch_errors_are_clear():
    with pytest.raises(InputError, match="offline or the host unreachable"):
        fetch(f"http://127.0.0.1:{_closed_port()}/news.html", timeout=5)
    with pytest.raises(InputError, match="only http"):
        fetch("ftp://example.org/news.html")


def test_fetch_http_error(server):
    with pytest.raises(InputError, match="HTTP 404"):
        read_articles([f"{server}/missing.html"])


def test_ingest_urls_and_files_into_the_store(server, tmp_path, capsys):
    store = str(tmp_path / "claims.gpkg")
    url = f"{server}/kursk_report.html"
    assert main(["ingest", url, str(WEB / "bulletin.atom"), "--store", store]) == 0
    with open_store(store) as s:
        arts = s.articles()
        claims = s.claims()
    assert set(arts["url"]) == {"https://news.example.org/world/2024/08/12/sudzha-kursk",
                                "https://ministry.example.org/bulletins/17"}
    kursk = arts[arts["id"].str.contains("sudzha")].iloc[0]
    assert "Oleksandr Syrsky" in kursk["text"] and "cookies" not in kursk["text"]
    assert len(claims) > 0
    assert not claims["sentence"].str.contains("cookie|Related stories|Sign up",
                                               case=False).any()
    offline = f"http://127.0.0.1:{_closed_port()}/x.html"
    assert main(["ingest", offline, "--store", store]) == 1
    assert "cannot fetch" in capsys.readouterr().err


def test_app_ingest_takes_pages_feeds_and_urls(server, tmp_path):
    from geo.appstate import ingest_files

    store = open_store(tmp_path / "claims.gpkg")
    files = [("kursk_report.html", (WEB / "kursk_report.html").read_bytes()),
             ("bulletin.atom", (WEB / "bulletin.atom").read_bytes())]
    result = ingest_files(files, store, urls=[f"{server}/briefing.rss"])
    assert result.articles == 4 and not result.errors
    assert result.summary["articles_new"] == 4
    stored = store.articles()
    assert "ew-2024-0813-1" in set(stored["id"])
    assert set(stored["author"].dropna()) == {"Maria Example", "Example Desk", "Press office"}
    assert not stored["text"].str.contains("Accept all cookies").any()


# Real saved pages: the hand marks of each (body start and end as a reader sees it,
# metadata, and strings found only in the page's navigation, sidebars and footers).
REAL_PAGES = {
    "wikipedia-tsne.html": {
        "title": "T-distributed stochastic neighbor embedding",
        "published": "2013-06-23",
        "url": "https://en.wikipedia.org/wiki/T-distributed_stochastic_neighbor_embedding",
        "first": "T-distributed Stochastic Neighbor Embedding (t-SNE) is a machine learning "
                 "algorithm for visualization",
        "last": "approximates a simple form of spectral clustering.",
        "boilerplate": ("Jump to navigation", "From Wikipedia, the free encyclopedia",
                        "redirects here", "Grammar induction", "Navigation menu",
                        "Not logged in", "Main page", "Donate to Wikipedia",
                        "What links here", "Printable version", "Retrieved from",
                        "Machine learning algorithms", "This page was last edited",
                        "Text is available under", "Privacy policy", "Cookie statement",
                        "Powered by MediaWiki", "Search Wikipedia"),
    },
    "voa-nicaragua-covid.html": {  # a news site: mega menus, share bar, video, related
        "title": "Nicaragua: científicos alertan por posible rebrote de COVID-19",
        "published": "2020-10-08",
        "url": "https://www.voanoticias.com/centroamerica/"
               "nicaragua-cientificos-alertan-gobierno-por-posible-rebrote-covid19",
        "first": "MANAGUA - Los altos índices de pobreza en Nicaragua",
        "last": "en todos los departamentos o regiones autónomas del país.",
        "boilerplate": ("Pasar al contenido principal", "Estados Unidos", "Destacados",
                        "Buscar en voanoticias.com", "TV en Vivo", "Compartir en Facebook",
                        "Descargar archivo", "Embed", "Historias relacionadas",
                        "ACNUR y Unilever", "Daliana Ocaña", "Corresponsal de prensa escrita",
                        "Política de privacidad", "Contáctenos", "Editoriales"),
    },
    "v8-standalone-wasm.html": {
        "title": "Outside the web: standalone WebAssembly binaries using Emscripten",
        "published": "2019-11-21",
        "url": None,
        "first": "Emscripten has always focused first and foremost on compiling to the Web",
        "last": "Please file bugs, and as always help is welcome!",
        "boilerplate": ("Show navigation", "JS/Wasm features", "Research",
                        "Tagged with", "Posted by Alon Zakai", "Retweet this article",
                        "Branding", "Edit this page on GitHub", "Except as otherwise noted",
                        "site policies"),
    },
}


@pytest.mark.parametrize("name", sorted(REAL_PAGES))
def test_real_saved_pages_keep_the_body_and_drop_the_page_around_it(name):
    marks = REAL_PAGES[name]
    page = extract_page((REAL / name).read_bytes())
    assert (page["title"], page["published"], page["url"]) == (
        marks["title"], marks["published"], marks["url"])
    text = page["text"]
    assert text.startswith(marks["first"])
    assert marks["last"] in text
    if name.startswith("voa"):
        assert text.endswith(marks["last"])
    for junk in marks["boilerplate"]:
        assert junk not in text, junk


def test_real_rss_items_authors_and_links():
    records = list(parse_feed((REAL / "rss2sample.xml").read_bytes(), "rss2sample.xml"))
    fields = [r.fields for r in records]
    assert [r.line for r in records] == [14, 22, 27, 34]
    assert [f["published"] for f in fields] == ["2003-06-03", "2003-05-30", "2003-05-27",
                                                "2003-05-20"]
    # "writer@example.com (Writer)" is Writer; the channel's managingEditor is nobody's byline
    assert [f["author"] for f in fields] == ["Writer", None, None, None]
    assert fields[0]["text"].endswith("protocol at Russia's Star City.")
    assert "<a" not in fields[0]["text"]
    untitled = fields[1]
    assert untitled["title"] is None
    assert untitled["url"] == untitled["id"] == (
        "http://liftoff.msfc.nasa.gov/2003/05/30.html#item572")
    assert {f["source"] for f in fields} == {"Liftoff News"}


def test_real_atom_entries_inherit_the_feed_author_and_resolve_links():
    records = list(parse_feed((REAL / "intertwingly.atom").read_bytes(), "intertwingly.atom"))
    fields = [r.fields for r in records]
    assert [f["id"] for f in fields] == [f"tag:intertwingly.net,2004:{n}"
                                         for n in (3299, 3298, 3297)]
    assert {f["author"] for f in fields} == {"Sam Ruby"}  # the feed's, per RFC 4287
    assert fields[0]["url"] == "http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend"
    assert [f["published"] for f in fields] == ["2012-07-16", "2012-07-10", "2012-06-23"]
    assert fields[0]["text"].startswith("The interface is a bit low level, but workable:")
    assert "M107,51" not in fields[0]["text"]  # inline SVG drawing is not text
    # the third entry's <content> is longer than its <summary> and wins
    assert fields[2]["text"].endswith("the one I generally use is the one provided with "
                                      "Ubuntu.")


def test_real_pages_and_feeds_served_over_http(server):
    urls = [f"{server}/real/{name}" for name in
            ("wikipedia-tsne.html", "v8-standalone-wasm.html", "rss2sample.xml",
             "intertwingly.atom", "voa-nicaragua-covid.html")]
    arts = read_articles(urls)
    assert len(arts) == 3 + 4 + 3
    voa = arts[arts["source"] == "Voice of America"].iloc[0]
    assert voa["id"] == REAL_PAGES["voa-nicaragua-covid.html"]["url"]
    assert "Historias relacionadas" not in voa["text"]
    wiki = arts[arts["title"] == REAL_PAGES["wikipedia-tsne.html"]["title"]].iloc[0]
    assert wiki["id"] == REAL_PAGES["wikipedia-tsne.html"]["url"]
    assert "Navigation menu" not in wiki["text"] and "Retrieved from" not in wiki["text"]
    v8 = arts[arts["title"] == REAL_PAGES["v8-standalone-wasm.html"]["title"]].iloc[0]
    assert v8["url"] == urls[1] and v8["published"] == "2019-11-21"
    assert "Retweet this article" not in v8["text"]
    entries = arts[arts["source"] == "Sam Ruby"]
    assert entries["url"].str.startswith("http://intertwingly.net/blog/2012/").all()


def test_ingest_real_pages_and_feeds_stores_articles_and_no_boilerplate_claims(
        server, tmp_path):
    store = str(tmp_path / "real.gpkg")
    assert main(["ingest", f"{server}/real/wikipedia-tsne.html",
                 f"{server}/real/v8-standalone-wasm.html", str(REAL / "rss2sample.xml"),
                 str(REAL / "intertwingly.atom"), str(REAL / "voa-nicaragua-covid.html"),
                 "--store", store]) == 0
    with open_store(store) as s:
        arts = s.articles()
        claims = s.claims()
    assert len(arts) == 10
    assert not arts["text"].str.contains("Navigation menu|Retweet this|Privacy policy").any()
    assert len(claims) == 0  # none of these pages reports fighting; no claim from chrome


def test_author_is_stored_with_the_article_and_shown_with_its_claims(tmp_path):
    import json
    import sqlite3

    from geo.appstate.display import articles_table, claims_table
    from geo.mapview.popups import claim_popup_html

    store = str(tmp_path / "claims.gpkg")
    assert main(["ingest", str(WEB / "kursk_report.html"), str(REAL / "intertwingly.atom"),
                 "--store", store]) == 0
    with open_store(store) as s:
        arts = s.articles().set_index("id")
        claims = s.claims()
    assert arts.loc["https://news.example.org/world/2024/08/12/sudzha-kursk",
                    "author"] == "Maria Example"               # the page's byline
    assert arts.loc["tag:intertwingly.net,2004:3297", "author"] == "Sam Ruby"  # the feed's
    assert len(claims) > 0 and set(claims["author"]) == {"Maria Example"}
    out = tmp_path / "claims.geojson"
    assert main(["export", "--store", store, "--out", str(out)]) == 0
    props = [f["properties"] for f in json.loads(out.read_text())["features"]]
    assert {p["author"] for p in props} == {"Maria Example"}
    csv_out = tmp_path / "claims.csv"
    assert main(["export", "--store", store, "--out", str(csv_out), "--format", "csv"]) == 0
    assert "by Maria Example" in csv_out.read_text(encoding="utf-8")
    popup = claim_popup_html(claims.iloc[0].to_dict())
    assert "<i>by:</i> Maria Example" in popup
    assert "author" in claims_table(claims).columns
    assert "Sam Ruby" in set(articles_table(arts.reset_index(), claims)["author"])
    con = sqlite3.connect(store)  # a GIS user sees the column too
    assert "author" in {r[1] for r in con.execute("PRAGMA table_info(articles)")}
    con.close()


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def target(request, tmp_path):
    """Return a fresh store: a GeoPackage path or a PostGIS database URL."""
    if request.param == "gpkg":
        return str(tmp_path / "claims.gpkg")
    return request.getfixturevalue("postgis_url")


def test_a_store_without_the_author_columns_gains_them_and_keeps_its_rows(target):
    import sqlite3

    page = [str(WEB / "kursk_report.html")]
    assert main(["ingest", *page, "--store", target]) == 0
    with open_store(target) as s:
        n_articles, n_claims = len(s.articles()), len(s.claims())
    drops = ['ALTER TABLE articles DROP COLUMN "author"', 'ALTER TABLE claims DROP COLUMN "author"']
    if target.startswith("postgresql"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as con:
            for stmt in drops:
                con.execute(stmt)
    else:
        con = sqlite3.connect(target)
        for stmt in drops:
            con.execute(stmt)
        con.commit()
        con.close()
    with open_store(target) as s:  # opening migrates
        arts, claims = s.articles(), s.claims()
    assert (len(arts), len(claims)) == (n_articles, n_claims)  # nothing lost
    assert arts["author"].isna().all() and claims["author"].isna().all()
    assert main(["ingest", str(REAL / "intertwingly.atom"), "--store", target]) == 0
    with open_store(target) as s:
        arts = s.articles().set_index("id")
    assert arts.loc["tag:intertwingly.net,2004:3299", "author"] == "Sam Ruby"
