"""What the pages show as text and tables: escaped text, labels, the claims and articles tables.

Everything that comes from articles or URLs is untrusted: text is escaped before
Streamlit renders it as Markdown, and only http(s) URLs become links.
"""

from __future__ import annotations

import re

import pandas as pd

from geo.filters import ClaimFilter, effective_date

#: Columns of the claims table page, in order.
TABLE_COLUMNS = ("date", "claim_type", "actor", "claimant", "quantity", "unit", "place_name",
                 "admin1", "country_code", "reference_events", "assessed_control",
                 "assessed_area_km2", "sentence", "source", "author", "url", "article_id",
                 "claim_id")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: object) -> str:
    """Return ``text`` with Markdown (and HTML) syntax escaped, for Streamlit's text elements.

    ``st.caption``, ``st.error`` and friends render Markdown; untrusted text (URL
    parameters, file contents quoted in errors, place names) must not become links,
    images or formatting.

    Parameters
    ----------
    text : object
        Untrusted text.

    Returns
    -------
    str
        The text with every Markdown special character backslash-escaped.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def plural(n: int, word: str) -> str:
    """Return ``"1 claim"``, ``"2 claims"``, ``"1,000 claims"``."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def country_label(code: str) -> str:
    """Return ``"Russia (RU)"`` for an ISO alpha-2 code (the code alone if unknown)."""
    from geo.export.acled_csv import country_table

    entry = country_table().get(str(code).upper())
    return f"{entry[1]} ({code})" if entry else str(code)


def articles_table(articles: pd.DataFrame, claims: pd.DataFrame,
                   flt: ClaimFilter | None = None) -> pd.DataFrame:
    """Return the stored articles the page lists, with their number of claims.

    The filter's date range applies to the publication date and its free text to
    the title and text; the other fields (claim type, actor...) describe claims,
    so ``claims`` (already filtered) only gives the counts.

    Parameters
    ----------
    articles : pandas.DataFrame
        Stored articles (``id, published, title, source, url``, optionally ``text``).
    claims : pandas.DataFrame
        Claims passing the filter.
    flt : ClaimFilter, optional
        Current filter.

    Returns
    -------
    pandas.DataFrame
        ``id, published, title, source, author, url, claims``, most recent first.
    """
    cols = [c for c in ("id", "published", "title", "source", "author", "url")
            if c in articles.columns]
    keep = pd.Series(True, index=articles.index)
    if flt is not None:
        published = articles["published"].astype("string").str[:10]
        if flt.date_from:
            keep &= (published >= flt.date_from).fillna(False)
        if flt.date_to:
            keep &= (published <= flt.date_to).fillna(False)
        if flt.text:
            needle = flt.text.casefold()
            hit = pd.Series(False, index=articles.index)
            for col in ("title", "text"):
                if col in articles.columns:
                    hit |= (articles[col].astype("string").str.casefold()
                            .str.contains(needle, regex=False).fillna(False))
            keep &= hit
    out = articles.loc[keep, cols].copy()
    counts = claims.groupby("article_id").size() if len(claims) else pd.Series(dtype="int64")
    out["claims"] = out["id"].map(counts).fillna(0).astype(int)
    if "url" in out.columns:
        out["url"] = web_urls(out["url"])
    return out.sort_values(["published", "id"], ascending=[False, True]).reset_index(drop=True)


def articles_page_table(articles: pd.DataFrame, counts) -> pd.DataFrame:
    """Return a page of the articles list (a large store) as :func:`articles_table` does.

    Parameters
    ----------
    articles : pandas.DataFrame
        One page of stored articles (:meth:`geo.store.Store.articles_page`), in order.
    counts : mapping or pandas.Series
        Claims passing the filter per article id.
    """
    cols = [c for c in ("id", "published", "title", "source", "author", "url")
            if c in articles.columns]
    out = articles[cols].copy()
    out["claims"] = out["id"].map(dict(counts)).fillna(0).astype(int)
    if "url" in out.columns:
        out["url"] = web_urls(out["url"])
    return out.reset_index(drop=True)


def web_urls(urls: pd.Series) -> pd.Series:
    """Return ``urls`` with anything but http(s) URLs blanked (for link columns).

    Article URLs are untrusted: a ``javascript:`` or ``data:`` URL must not become
    a clickable link in the tables.

    Parameters
    ----------
    urls : pandas.Series
        URLs as given by the articles.

    Returns
    -------
    pandas.Series
        The same, with non-web URLs missing.
    """
    text = urls.astype("string").str.strip()
    ok = text.str.lower().str.match(r"https?://").fillna(False)
    return text.where(ok, pd.NA)


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Return the claims as the table page shows them (most recent first).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims.

    Returns
    -------
    pandas.DataFrame
        :data:`TABLE_COLUMNS`; ``date`` is the effective date. Text is left as is:
        Streamlit's data grid shows it as text, never as HTML.
    """
    out = pd.DataFrame(claims.drop(columns="geometry", errors="ignore")).copy()
    out["date"] = effective_date(out) if len(out) else pd.Series(dtype="string")
    out = out.sort_values(["date", "claim_id"], ascending=[False, True], na_position="last")
    if "url" in out.columns:
        out["url"] = web_urls(out["url"])
    return out.loc[:, [c for c in TABLE_COLUMNS if c in out.columns]].reset_index(drop=True)


def reference_table(events: pd.DataFrame) -> pd.DataFrame:
    """Return reference events as the table page shows them (most recent first)."""
    cols = ["ref_id", "dataset", "event_date", "date_end", "event_type", "sub_event_type",
            "actor1", "actor2", "location", "admin1", "country", "fatalities", "latitude",
            "longitude", "notes"]
    out = pd.DataFrame(events.drop(columns="geometry", errors="ignore")).reindex(columns=cols)
    return out.sort_values(["event_date", "ref_id"], ascending=[False, True]).reset_index(
        drop=True)


def table_csv(table: pd.DataFrame) -> bytes:
    """Return a table as the pages show it, as CSV that spreadsheets read as data.

    Streamlit's own table toolbar download is turned off (``client.disableDataExport``):
    it writes article text as is, and a sentence starting with ``=`` or ``@`` would run
    as a formula. This is the pages' download instead: every text cell goes through
    :func:`geo.export.common.spreadsheet_safe` (OWASP's CSV-injection guard).

    Parameters
    ----------
    table : pandas.DataFrame
        The table shown (:func:`claims_table`, :func:`articles_table`...).

    Returns
    -------
    bytes
        UTF-8 CSV with a header row.
    """
    from geo.export.common import spreadsheet_safe

    out = table.copy()
    for col in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col])):
            out[col] = out[col].astype(object).map(spreadsheet_safe)
    return out.to_csv(index=False).encode("utf-8")
