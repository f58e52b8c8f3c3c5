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

from geo.cli import main
from geo.sources import InputError, read_articles, read_articles_bytes
from geo.sources.feeds import html_to_text, parse_feed
from geo.sources.fetch import fetch
from geo.sources.html import extract_page
from geo.store import open_store

WEB = Path(__file__).resolve().parent / "data" / "web"
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
    assert len(arts) == 6
    assert {"j1", "undated_page", "urn:example:bulletins:17"} <= set(arts["id"])


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
    assert not stored["text"].str.contains("Accept all cookies").any()
