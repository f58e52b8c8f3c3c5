"""Articles in the store, and adding new ones from the browser (upload or paste)."""

from __future__ import annotations

import streamlit as st

from geo import appstate, dashboard

dashboard.setup_page("Articles & ingest")
target = dashboard.store_target()
version = dashboard.store_version(target)
if dashboard.is_large(version):  # the list is read a page at a time from the store
    flt, params, _n = dashboard.large_filter(target, version)
else:
    claims = dashboard.load_claims(target, version)
    flt = dashboard.sidebar_filter(claims, version)

st.title("Articles & ingest")


def run_ingest(files: list[tuple[str, bytes]], published: str | None,
               urls: list[str] | None = None, skip_invalid: bool = False) -> None:
    """Read, extract and store ``files``, with progress and clear errors."""
    from geo.sources import InputError

    bar = st.progress(0.0, text="Reading articles…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0,
                     text=f"Extracting claims: {done} of {total} article(s)")

    try:
        result = appstate.ingest_files(files, dashboard.get_store(target), published=published,
                                       urls=urls or (), resources=dashboard.get_resources,
                                       progress=progress, skip_invalid=skip_invalid)
    except InputError as exc:
        bar.empty()
        st.error(f"Nothing was stored. {appstate.md_escape(exc)}")
        return
    except ValueError as exc:
        bar.empty()
        st.error(f"Nothing was stored: {appstate.md_escape(exc)}")
        return
    bar.progress(1.0, text="Done")
    s = result.summary
    st.session_state["ingest_message"] = (
        f"Read {result.articles} article(s): {s['articles_new']} new, "
        f"{s['articles_updated']} updated, {s['articles_unchanged']} unchanged; "
        f"{s['claims_written']} claim(s) stored.")
    st.session_state["ingest_errors"] = result.errors
    st.session_state["ingest_map_params"] = result.map_params
    st.session_state["ingest_rejected"] = (result.rejected, result.rejects_jsonl())
    # the date widget re-reads the (possibly wider) range of the store
    st.session_state.pop("f_dates", None)
    st.rerun()


if "ingest_message" in st.session_state:
    st.success(st.session_state.pop("ingest_message"))
    for err in st.session_state.pop("ingest_errors", []):
        st.warning(f"Skipped article {appstate.md_escape(err)}")
    rejected, rejects_file = st.session_state.pop("ingest_rejected", ([], b""))
    if rejected:
        shown = "; ".join(
            f"{r['file']}" + (f":{r['line']}" if r.get("line") else "")
            + (f" ({r['field']})" if r.get("field") else "") + f": {r['reason']}"
            for r in rejected[:5])
        more = f"; and {len(rejected) - 5} more" if len(rejected) > 5 else ""
        st.warning(appstate.md_escape(
            f"{appstate.plural(len(rejected), 'invalid record')} left out: {shown}{more}."))
        st.download_button("Download the rejected records (JSON Lines)",
                           data=lambda: rejects_file,
                           file_name="rejects.jsonl", mime="application/x-ndjson",
                           key="dl_rejects", on_click="ignore",
                           help="One object per record: file, line, field, reason and the "
                                "record as read (as `geo ingest --skip-invalid --rejects`).")
    # the link opens the map on the new claims (their dates and countries)
    st.page_link("pages/0_Map.py", label="See the new claims on the map",
                 query_params=st.session_state.pop("ingest_map_params", None) or None)

upload_tab, paste_tab, url_tab = st.tabs(["Upload files", "Paste an article",
                                          "Fetch a URL"])
with upload_tab:
    with st.form("upload_form", clear_on_submit=False):
        files = st.file_uploader("Articles: JSON Lines, CSV, plain text, saved web pages "
                                 "(.html) or RSS/Atom feeds (.rss, .atom, .xml)",
                                 type=["jsonl", "ndjson", "json", "csv", "txt", "html", "htm",
                                       "xhtml", "rss", "atom", "xml"],
                                 accept_multiple_files=True, key="upload_files")
        txt_date = st.date_input("Publication date for .txt files (and pages without one)",
                                 value=None,
                                 key="upload_date", format="YYYY-MM-DD")
        skip_invalid = st.checkbox(
            "Skip invalid records", key="upload_skip_invalid",
            help="Store the valid records and list the invalid ones with their reasons "
                 "(a download as JSON Lines). Off: the first invalid record stops the "
                 "upload and nothing is stored.")
        submitted = st.form_submit_button("Extract and store")
    if submitted:
        if not files:
            st.error("Choose at least one file.")
        else:
            run_ingest([(f.name, f.getvalue()) for f in files],
                       txt_date.isoformat() if txt_date else None, skip_invalid=skip_invalid)

with paste_tab:
    with st.form("paste_form"):
        text = st.text_area("Article text", height=220, key="paste_text")
        c1, c2 = st.columns(2)
        published = c1.date_input("Published", value=None, key="paste_date",
                                  format="YYYY-MM-DD", min_value=appstate.DATE_MIN,
                                  max_value=appstate.DATE_MAX,
                                  help="The article's publication date: relative dates in "
                                       "the text (\"on Tuesday\") are read against it.")
        title = c2.text_input("Title (optional)", key="paste_title")
        source = c1.text_input("Source (optional)", key="paste_source")
        url = c2.text_input("URL (optional)", key="paste_url")
        pasted = st.form_submit_button("Extract and store")
    if pasted:
        if not text.strip():
            st.error("Paste the article's text first.")
        elif published is None:
            st.error("Give the article's publication date (relative dates are read against "
                     "it).")
        else:
            run_ingest([appstate.pasted_article(text, published, title, source, url)], None)

with url_tab:
    with st.form("url_form"):
        url_text = st.text_area("http(s):// URLs of news pages or feeds, one per line",
                                key="fetch_urls", height=100,
                                help="Fetched once now (this needs the network); the text "
                                     "is stored with the article and never fetched again.")
        url_date = st.date_input("Publication date for pages without one", value=None,
                                 key="fetch_date", format="YYYY-MM-DD")
        fetch_now = st.form_submit_button("Fetch, extract and store")
    if fetch_now:
        urls = [u.strip() for u in url_text.splitlines() if u.strip()]
        if not urls:
            st.error("Give at least one URL.")
        else:
            run_ingest([], url_date.isoformat() if url_date else None, urls)

st.subheader("Stored articles")
if dashboard.is_large(version):
    n_pages = appstate.page_count(dashboard.load_articles_page(
        target, version, params, 0, appstate.PAGE_ROWS)[1])
    page = int(st.number_input(f"Page (of {n_pages:,})", min_value=1, max_value=n_pages,
                               value=1, step=1, key="articles_page")) - 1
    table, n_listed = dashboard.load_articles_page(target, version, params, page,
                                                   appstate.PAGE_ROWS)
    first = page * appstate.PAGE_ROWS
    st.caption(f"{n_listed:,} article(s) published in the date range (claims: those matching "
               f"the filter); rows {min(first + 1, n_listed):,} to {first + len(table):,}, "
               "most recent first.")
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("url")})
    st.download_button("Download this page (CSV)", data=lambda: appstate.table_csv(table),
                       file_name="articles.csv", mime="text/csv", key="dl_articles",
                       on_click="ignore", disabled=table.empty,
                       help="Every text cell safe to open in a spreadsheet.")
    st.stop()
articles = dashboard.load_articles(target, version)
if articles.empty:
    st.info("No articles stored yet.")
else:
    table = appstate.articles_table(articles, appstate.filtered(claims, flt), flt)
    st.caption(f"{len(table):,} of {len(articles):,} article(s) published in the date range"
               " (claims: those matching the filter).")
    st.dataframe(table, hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("url")})
    st.download_button("Download this list (CSV)", data=lambda: appstate.table_csv(table),
                       file_name="articles.csv", mime="text/csv", key="dl_articles",
                       on_click="ignore", help="Every text cell safe to open in a spreadsheet.")
