"""Contested places on the map: one mark per dispute, competing claims side by side, escaped."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point

from geo.mapview import build_map, render_html
from geo.mapview.contests import contest_features, contest_popup_html
from geo.mapview.payload import claims_payload
from geo.mapview.styles import side_color
from geo.schema import conform_claims


def contested_claims():
    rows = [
        dict(claim_id="a", article_id="ru", claim_type="control", trigger="captured",
             actor="Russia", claimant="Russia's General Staff",
             claimant_id="russia:general-staff", claimant_name="General Staff of Russia",
             claimant_side="Russia", claimant_kind="military", contest_id="contest:k1",
             event_date="2025-11-20", published="2025-11-21", place_name="Kupiansk",
             latitude=49.7106, longitude=37.6153, feature_class="settlement", geo_precision=1,
             country_code="UA", sentence="Russian forces had captured <b>Kupiansk</b>.",
             url="https://example.org/ru", title="Moscow claims Kupiansk"),
        dict(claim_id="b", article_id="ua", claim_type="repelled", trigger="repelled",
             actor=None, claimant="General Staff", claimant_id="ukraine:general-staff",
             claimant_name="General Staff of the Armed Forces of Ukraine",
             claimant_side="Ukraine", claimant_kind="military", contest_id="contest:k1",
             event_date="2025-11-21", published="2025-11-21", place_name="Kupiansk",
             latitude=49.7106, longitude=37.6153, feature_class="settlement", geo_precision=1,
             country_code="UA", sentence="Troops repelled 12 attacks <script>x()</script>.",
             url="javascript:alert(1)", title="Kyiv says <i>held</i>"),
        dict(claim_id="c", article_id="x", claim_type="strike", claimant="Reuters",
             claimant_id="media:reuters", claimant_name="Reuters", claimant_side="independent",
             event_date="2025-11-21", published="2025-11-21", place_name="Kharkiv",
             latitude=49.98, longitude=36.25, feature_class="settlement", geo_precision=1,
             country_code="UA", sentence="A strike hit Kharkiv."),
    ]
    frame = pd.DataFrame(rows)
    frame["geometry"] = [Point(r["longitude"], r["latitude"]) for r in rows]
    return conform_claims(gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326"))


def test_one_mark_per_dispute_with_sides_side_by_side():
    fc = contest_features(contested_claims())
    assert len(fc["features"]) == 1
    f = fc["features"][0]
    assert f["geometry"]["coordinates"] == [37.6153, 49.7106]  # lon, lat
    assert "Russia vs Ukraine" in f["properties"]["tooltip"]
    popup = f["properties"]["popup"]
    # one column per side, the Russian claim first (earlier)
    assert popup.index(">Russia</th>") < popup.index(">Ukraine</th>")
    assert "General Staff of Russia" in popup and "Russia captured" in popup
    assert "repelled attacks" in popup and "2025-11-21" in popup


def test_contest_popup_escapes_article_text():
    popup = contest_popup_html(contested_claims().iloc[:2])
    assert "<script>" not in popup and "<b>Kupiansk</b>" not in popup
    assert "&lt;script&gt;" in popup
    assert 'href="javascript' not in popup  # only http(s) links
    assert 'href="https://example.org/ru"' in popup


def test_colour_by_side_in_the_payload_and_a_mark_on_the_map():
    claims = contested_claims()
    by_side = claims_payload(claims, color_by="side")
    keys = dict((k[0], k[1]) for k in by_side["types"])
    assert keys == {"Russia": side_color("Russia"), "Ukraine": side_color("Ukraine"),
                    "independent": side_color("independent")}
    # by type (the default) the legend lists claim types
    assert {k[0] for k in claims_payload(claims)["types"]} == {"control", "repelled", "strike"}
    html = render_html(build_map(claims, color_by="side"))
    assert "contest-mark" in html and "Contested: Kupiansk" in html


def test_no_contest_no_layer():
    claims = contested_claims()
    claims["contest_id"] = pd.NA
    assert contest_features(claims)["features"] == []
    assert "Contested:" not in render_html(build_map(claims))
