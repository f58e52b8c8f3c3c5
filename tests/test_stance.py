"""A claim's stance (asserted or denied) end to end: filter, URL, both stores, exports.

The claims are this suite's own, modelled on the Okhmatdyt hospital strike in Kyiv on
8 July 2024 (Ukraine said a Russian missile hit it; Russia's defence ministry denied it).
"""

from __future__ import annotations

import json

import geopandas as gpd
import pandas as pd
import pytest
from postgis_server import postgis_server, postgis_url  # noqa: F401
from shapely.geometry import Point

from geo.filters import ClaimFilter, apply_filter
from geo.schema import conform_claims
from geo.store import open_store

BACKENDS = ["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)]
KYIV = (50.4501, 30.5234)  # lat, lon


def claim(aid, claimant, cid, side, stance):
    verb = "denied that its forces had struck" if stance == "denied" else "said a missile struck"
    return {"claim_id": f"{aid}-strike", "article_id": aid, "published": "2024-07-08",
            "event_date": "2024-07-08", "date_precision": "day", "claim_type": "strike",
            "actor": "Russia", "claimant": claimant, "claimant_id": cid,
            "claimant_name": claimant, "claimant_side": side, "claimant_kind": "military",
            "stance": stance, "location_text": "Kyiv", "place_name": "Kyiv",
            "place_id": "geonames:703448", "feature_class": "settlement", "admin1": "Kyiv City",
            "country_code": "UA", "latitude": KYIV[0], "longitude": KYIV[1],
            "geo_precision": 1, "sentence": f"{claimant} {verb} the hospital in Kyiv.",
            "trigger": "struck", "sentence_index": 0, "extractor_version": "test",
            "geometry": Point(KYIV[1], KYIV[0])}


def frame(rows):
    return conform_claims(gpd.GeoDataFrame(pd.DataFrame(rows), geometry="geometry",
                                           crs="EPSG:4326"))


CLAIMS = [claim("ua", "Ukraine's air force", "ukraine:air-force", "Ukraine", "asserted"),
          claim("ru", "Russia's defence ministry", "russia:defence-ministry", "Russia",
                "denied")]


def test_filter_and_url_round_trip():
    flt = ClaimFilter(stance="Denied")
    assert flt.stance == "denied"
    assert flt.to_query_params() == {"stance": "denied"}
    assert ClaimFilter.from_query_params({"stance": "denied"}) == flt
    got = apply_filter(frame(CLAIMS), flt)
    assert got["article_id"].tolist() == ["ru"]
    old = frame(CLAIMS).assign(stance=pd.array([None, "denied"], dtype="string"))
    assert apply_filter(old, ClaimFilter(stance="asserted"))["article_id"].tolist() == ["ua"]
    with pytest.raises(ValueError, match="stance"):
        ClaimFilter(stance="maybe")


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    if request.param == "gpkg":
        return str(tmp_path / "claims.gpkg")
    return request.getfixturevalue("postgis_url")


def test_stored_denial_is_read_filtered_and_contested(target):
    arts = pd.DataFrame([{"id": a, "published": "2024-07-08", "text": a, "title": a,
                          "source": "test", "url": f"https://example.org/{a}"}
                         for a in ("ua", "ru")])
    with open_store(target) as store:
        store.ingest(arts, frame(CLAIMS))
        got = store.claims().set_index("article_id")
        assert got.loc["ru", "stance"] == "denied" and got.loc["ua", "stance"] == "asserted"
        assert got["contest_id"].notna().all() and got["contest_id"].nunique() == 1
        assert store.claims(ClaimFilter(stance="denied"))["article_id"].tolist() == ["ru"]
        assert store.count(ClaimFilter(stance="asserted")) == 1


def test_exports_say_denied(tmp_path):
    from geo.export import export, read_gpkg

    claims = frame(CLAIMS)
    out = tmp_path / "c.geojson"
    export(claims, out)
    props = {f["properties"]["article_id"]: f["properties"]
             for f in json.loads(out.read_text())["features"]}
    assert props["ru"]["stance"] == "denied" and props["ua"]["stance"] == "asserted"
    kml = tmp_path / "c.kml"
    export(claims, kml)
    assert kml.read_text().count("[denied by the claimant]") == 1
    csv = tmp_path / "c.csv"
    export(claims, csv)
    assert csv.read_text().count("stance: denied by the claimant") == 1
    gpkg = tmp_path / "c.gpkg"
    export(claims, gpkg)
    assert sorted(read_gpkg(gpkg)["stance"].tolist()) == ["asserted", "denied"]
