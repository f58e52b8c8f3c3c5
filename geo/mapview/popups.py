"""Claim text for the map's popups and page scripts; everything from articles is untrusted.

Every text that comes from an article (sentences, claimants, places, titles,
URLs) is HTML-escaped in Python before it reaches the page; source links are
only made for ``http(s)`` URLs.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pandas as pd

from geo.mapview.styles import OTHER_COLOR, TYPE_COLORS

#: A brace opening Jinja syntax (an expression, a statement or a comment).
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def json_for_script(value: Any) -> str:
    r"""Return compact JSON that is safe inside an HTML ``<script>`` element and a template.

    Parameters
    ----------
    value : Any
        JSON-serialisable data.

    Returns
    -------
    str
        JSON without spaces in which no text can close the script element or open
        a comment or script inside it: ``</`` is written ``<\/`` and ``<!`` is written
        ``\u003c!`` (both mean the same in JSON); U+2028/U+2029 are escaped; a ``{``
        that would open Jinja syntax (``{{``, ``{%``, ``{#``) is written ``\u007b``.
    """
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    text = (text.replace("</", "<\\/").replace("<!", "\\u003c!")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    # "{{", "{%" and "{#" open Jinja syntax, which folium/branca may read the page's
    # code as: written "\u007b" inside strings (JSON's own braces never start one)
    return _JINJA_OPEN.sub(r"\\u007b", text)


def esc(value: Any) -> str:
    """Return ``value`` as HTML-escaped text ('' for missing values).

    Parameters
    ----------
    value : Any
        Text or number from a claim.

    Returns
    -------
    str
        Safe to put into HTML, attributes included.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def safe_link(url: Any, label: Any = None) -> str:
    """Return an HTML link to ``url`` if it is an http(s) URL, else its escaped text.

    Parameters
    ----------
    url : Any
        The article's URL (untrusted).
    label : Any, optional
        Link text; default the URL.

    Returns
    -------
    str
        ``<a href=... target="_blank" rel="noopener noreferrer">`` or plain text.
    """
    text = esc(label if label not in (None, "") and not pd.isna(label) else url)
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        return (f'<a href="{esc(url.strip())}" target="_blank" '
                f'rel="noopener noreferrer">{text}</a>')
    return text


def _text_or_none(value: Any) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None


def _fmt_quantity(row: Any) -> str:
    q = row.get("quantity")
    if q is None or pd.isna(q):
        return ""
    qmax = row.get("quantity_max")
    val = f"{q:g}" if qmax is None or pd.isna(qmax) else f"{q:g}–{qmax:g}"
    parts = [row.get("qualifier"), val, row.get("unit")]
    return " ".join(esc(p) for p in parts if p is not None and not pd.isna(p) and p != "")


def corroboration_html(row: Any) -> str:
    """Return the popup lines on reference layers: matching events, assessed control, area.

    Empty when the claim carries none of ``reference_events``, ``assessed_control``,
    ``assessed_area_km2`` (no reference layers loaded).
    """
    out = []
    raw = row.get("reference_events")
    refs = _text_or_none(raw)
    if refs is not None or (isinstance(raw, str) and raw == ""):
        ids = refs.split(";") if refs else []
        shown = ", ".join(esc(i) for i in ids[:5]) + (f" +{len(ids) - 5}" if len(ids) > 5
                                                      else "")
        out.append(f'<br><i>reference events:</i> <span class="ref-events">'
                   f'{shown or "none"}</span>')
    control = _text_or_none(row.get("assessed_control"))
    if control:
        out.append(f'<br><i>assessed control:</i> <span class="assessed-control">'
                   f'{esc(control)}</span>')
    area = row.get("assessed_area_km2")
    if area is not None and not pd.isna(area):
        out.append(f"<br><i>assessed area:</i> {float(area):,.0f} km²")
    return "".join(out)


def claim_popup_html(row: Any) -> str:
    """Return the escaped popup HTML of one claim.

    Parameters
    ----------
    row : Mapping
        A claim (a row of a claims table, as a dict or Series).

    Returns
    -------
    str
        Type, date, claimant, actor, quantity, place, the evidence sentence and
        the source link; every value HTML-escaped.
    """
    ctype = row.get("claim_type")
    color = TYPE_COLORS.get(ctype, OTHER_COLOR)
    date = row.get("event_date")
    if date is None or pd.isna(date):
        date = row.get("published")
    lines = [
        f'<div class="claim-popup"><b style="color:{color}">{esc(ctype)}</b> · {esc(date)}',
    ]
    for label, key in (("claimant", "claimant"), ("actor", "actor"), ("place", "place_name")):
        v = row.get(key)
        if v is not None and not pd.isna(v) and v != "":
            lines.append(f"<br><i>{label}:</i> {esc(v)}")
    if str(row.get("stance")) == "denied":  # the claimant denies this (geo.disputes)
        lines.append("<br><b>denied by the claimant</b>")
    qty = _fmt_quantity(row)
    if qty:
        lines.append(f"<br><i>quantity:</i> {qty}")
    lines.append(corroboration_html(row))
    sentence = row.get("sentence")
    if sentence is not None and not pd.isna(sentence):
        lines.append(f'<blockquote style="margin:4px 0;font-size:90%">{esc(sentence)}'
                     "</blockquote>")
    src, url, title = (_text_or_none(row.get(k)) for k in ("source", "url", "title"))
    if src or url or title:
        label = title or src or url
        lines.append(f"<i>source:</i> {safe_link(url, label)}"
                     + (f" ({esc(src)})" if src and src != label else ""))
    author = _text_or_none(row.get("author"))
    if author:
        lines.append(f"<br><i>by:</i> {esc(author)}")
    lines.append("</div>")
    return "".join(lines)

