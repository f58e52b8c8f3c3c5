"""Contested places on the map: one mark per dispute, its competing claims side by side.

A dispute (claims sharing a ``contest_id``, :mod:`geo.disputes`) is drawn as one marker
outside the clusters, so it shows at every zoom; its popup is a table with one column per
claimant side, each claim with its claimant, date, what it asserts, the evidence sentence
and the source link. Every article text is HTML-escaped here.
"""

from __future__ import annotations

import folium
import pandas as pd
from folium.template import Template

from geo.disputes import assertions, describe
from geo.mapview.popups import esc, json_for_script, safe_link
from geo.mapview.prep import date_of
from geo.mapview.raw import RawMacro
from geo.mapview.styles import side_color

#: Claims per side listed in a contest's popup.
CONTEST_POPUP_CLAIMS = 6
#: Mark of a contested place (shown at every zoom).
CONTEST_COLOR = "#000000"


def contest_popup_html(group: pd.DataFrame) -> str:
    """Return the escaped side-by-side popup of one dispute's claims.

    Parameters
    ----------
    group : pandas.DataFrame
        Claims sharing one ``contest_id``.

    Returns
    -------
    str
        A ``<table class="contest">`` with one column per claimant side.
    """
    a = assertions(group)
    group = group.assign(_date=date_of(group), _stance=a["stance"], _party=a["party"],
                         _denied=a["denied"]).sort_values("_date")
    sides = group["claimant_side"].fillna("unattributed").astype(str)
    order = list(dict.fromkeys(sides))
    place = group["place_name"].dropna()
    title = esc(place.iloc[0]) if len(place) else "Contested place"
    dates = group["_date"][group["_date"] != ""]
    span = f"{esc(dates.min())} – {esc(dates.max())}" if len(dates) else ""
    head = "".join(f'<th style="border-bottom:3px solid {side_color(s)};text-align:left">'
                   f"{esc(s)}</th>" for s in order)
    cells = []
    for side in order:
        rows = group[sides == side].head(CONTEST_POPUP_CLAIMS)
        items = []
        for _, c in rows.iterrows():
            who = c.get("claimant_name")
            if who is None or pd.isna(who):
                who = c.get("claimant")
            text = describe(c.get("claim_type"), c["_stance"], c["_party"], bool(c["_denied"]),
                            c.get("trigger"))
            src = c.get("title") if isinstance(c.get("title"), str) else c.get("source")
            items.append(
                '<div class="contest-claim" style="margin-bottom:6px">'
                f"<b>{esc(who)}</b> · {esc(c['_date'])}<br>"
                f"<i>{esc(text)}</i>"
                f'<blockquote style="margin:2px 0;font-size:90%">{esc(c.get("sentence"))}'
                "</blockquote>"
                f"<small>{safe_link(c.get('url'), src)}</small></div>")
        more = int((sides == side).sum()) - len(rows)
        if more > 0:
            items.append(f"<i>and {more} more</i>")
        cells.append(f'<td style="vertical-align:top;padding:0 6px">{"".join(items)}</td>')
    return (f'<div class="contest-popup"><b>Contested: {title}</b> <small>{span}</small>'
            f'<table class="contest" style="border-collapse:collapse;margin-top:4px">'
            f"<tr>{head}</tr><tr>{''.join(cells)}</tr></table></div>")


def contest_features(claims: pd.DataFrame) -> dict:
    """Return one GeoJSON point per dispute, with its popup and tooltip (escaped).

    Parameters
    ----------
    claims : pandas.DataFrame
        Claims with ``contest_id``, ``latitude``, ``longitude`` and the claimant columns.

    Returns
    -------
    dict
        FeatureCollection; properties ``contest_id``, ``popup``, ``tooltip``, ``count``.
    """
    features: list[dict] = []
    if claims.empty or "contest_id" not in claims.columns:
        return {"type": "FeatureCollection", "features": features}
    contested = claims[claims["contest_id"].notna()]
    for cid, group in contested.groupby("contest_id", sort=True):
        lat = pd.to_numeric(group["latitude"], errors="coerce").dropna()
        lon = pd.to_numeric(group["longitude"], errors="coerce").dropna()
        if lat.empty or lon.empty:
            continue
        sides = sorted(set(group["claimant_side"].dropna().astype(str)))
        place = group["place_name"].dropna()
        tooltip = (f"Contested: {esc(place.iloc[0]) if len(place) else ''} — "
                   f"{len(group)} claims, {' vs '.join(esc(s) for s in sides)}")
        features.append({
            "type": "Feature",
            # GeoJSON order: longitude, latitude
            "geometry": {"type": "Point", "coordinates": [round(float(lon.median()), 4),
                                                          round(float(lat.median()), 4)]},
            "properties": {"contest_id": esc(cid), "popup": contest_popup_html(group),
                           "tooltip": tooltip, "count": int(len(group))},
        })
    return {"type": "FeatureCollection", "features": features}


class ContestLayer(folium.map.Layer, RawMacro):
    """Contested places: a distinct mark per dispute, never clustered, on top of the claims.

    Parameters
    ----------
    data : dict
        From :func:`contest_features`.
    name : str
        Name in the layer control.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .contest-mark span {display:block;width:16px;height:16px;transform:rotate(45deg);
                              background:repeating-linear-gradient(45deg,#000 0 3px,#fff 3px 6px);
                              border:2px solid #d00;box-shadow:0 0 3px #000}
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function(){
            var icon = L.divIcon({className: 'contest-mark', iconSize: [20, 20],
                                  html: '<span></span>'});
            return L.geoJson({{ this.data_json }}, {
                pointToLayer: function (f, latlng) {
                    return L.marker(latlng, {icon: icon, zIndexOffset: 1000,
                                             title: 'contested'});
                },
                onEachFeature: function (f, layer) {
                    layer.bindTooltip(f.properties.tooltip);
                    layer.bindPopup(f.properties.popup, {maxWidth: 640});
                }
            });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, data: dict, name: str = "Contested places") -> None:
        super().__init__(name=name, overlay=True, control=False, show=True)
        self._name = "ContestLayer"
        self.data_json = json_for_script(data)
        self.n_features = len(data.get("features", []))
