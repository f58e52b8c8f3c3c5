"""Corroboration: claims against reference events and assessed-control polygons."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely
from shapely.geometry import Point, box

from geo.reference import read_reference
from geo.reference.corroborate import (
    area_km2,
    assessed_area_km2,
    assessed_control,
    corroborate,
    match_events,
    unsupported,
)
from geo.reference.planted import planted_control, planted_events

DATA = Path(__file__).resolve().parent / "data" / "reference"


def claims(*rows: dict) -> gpd.GeoDataFrame:
    """Return claims from dicts with ``lat``/``lon`` (WGS84) or a ``geometry``."""
    out = []
    for r in rows:
        r = {"event_date": None, "published": "2024-08-12", "actor": None, "unit": None,
             **r}
        if "geometry" not in r:
            r["geometry"] = Point(r["lon"], r["lat"])  # x = longitude
        pt = r["geometry"].representative_point()
        r["latitude"], r["longitude"] = pt.y, pt.x
        out.append(r)
    return gpd.GeoDataFrame(pd.DataFrame(out).drop(columns=["lat", "lon"], errors="ignore"),
                            geometry="geometry", crs="EPSG:4326")


@pytest.fixture(scope="module")
def events():
    _, acled = read_reference(DATA / "acled_invented.csv")
    _, ucdp = read_reference(DATA / "ucdp_ged_format.csv")
    return pd.concat([acled, ucdp], ignore_index=True)


def test_events_match_by_place_date_and_type(events):
    cl = claims(
        # Sudzha on 11 Aug: the ACLED battle (10 Aug) and the UCDP state-based event match
        {"claim_type": "control", "event_date": "2024-08-11", "lat": 51.19, "lon": 35.27},
        # same place, a week later: too late
        {"claim_type": "control", "event_date": "2024-08-20", "lat": 51.19, "lon": 35.27},
        # same place and day, but a protest claim: no battle corroborates it
        {"claim_type": "unrest", "event_date": "2024-08-11", "lat": 51.19, "lon": 35.27},
        # a strike on Kursk city: the ACLED shelling of 11 Aug
        {"claim_type": "strike", "event_date": "2024-08-12", "lat": 51.73, "lon": 36.19},
        # 60 km from any event
        {"claim_type": "strike", "event_date": "2024-08-11", "lat": 51.2, "lon": 36.9},
        # no event date: the publication date is used; the UCDP range 11-13 Aug counts
        {"claim_type": "clash", "published": "2024-08-16", "lat": 51.41, "lon": 34.92},
    )
    got = match_events(cl, events, km=25, days=3).tolist()
    assert got == ["acled:XXX0001;ucdp:900001", "", "", "acled:XXX0002", "",
                   "ucdp:900002"]


def test_real_ucdp_events_corroborate_claims_by_place_date_and_type():
    """Real GED rows (Bangladesh, GED 19.1): claims placed where and when they happened."""
    _, ged = read_reference(DATA / "ucdp_ged_bgd.csv")
    cl = claims(
        # Barkal, 15 June 1991: GED's state-based event that day (3 soldiers killed)
        {"claim_type": "clash", "event_date": "1991-06-15", "lat": 22.7216, "lon": 92.3998},
        # Langadu, a day after GED's one-sided killing of two settlers
        {"claim_type": "attack", "event_date": "1991-09-20", "lat": 22.9676, "lon": 92.1341},
        # Dhaka, a day after GED's non-state gunbattle between student supporters
        {"claim_type": "clash", "event_date": "1991-06-16", "lat": 23.7231, "lon": 90.4086},
        # the same place and day as a protest: GED codes no protests
        {"claim_type": "unrest", "event_date": "1991-06-15", "lat": 23.7231, "lon": 90.4086},
        # Barkal on 24 June: GED's Barkal event of the 23rd and Andharmanik (12 km) of the
        # 24th; not the division-level event (its point is 94 km away)
        {"claim_type": "control", "event_date": "1991-06-24", "lat": 22.7216, "lon": 92.3998},
        # Barkal in July: nothing that month
        {"claim_type": "clash", "event_date": "1991-07-10", "lat": 22.7216, "lon": 92.3998},
    )
    assert match_events(cl, ged, km=25, days=3).tolist() == [
        "ucdp:73663", "ucdp:73879", "ucdp:73443", "", "ucdp:73667;ucdp:73668", ""]


def test_region_claim_matches_events_inside_the_region(events):
    region = box(34.5, 51.0, 36.5, 52.0)  # a stand-in for Kursk region
    cl = claims({"claim_type": "strike", "event_date": "2024-08-11", "geometry": region},
                {"claim_type": "unrest", "event_date": "2024-08-11", "geometry": region})
    # the shelling, and UCDP's state-based events (GED codes shelling as state-based);
    # the protest claim finds no protest there
    assert match_events(cl, events).tolist() == [
        "acled:XXX0002;ucdp:900001;ucdp:900002", ""]


def test_planted_events_found_both_ways():
    cl, ev, expected = planted_events(400, km=25, days=3, seed=3)
    got = match_events(cl, ev, km=25, days=3)
    positive = expected != ""
    assert (got[positive] == expected[positive]).all()
    assert (got[~positive] == "").all()


def test_control_polygons_without_side_or_date_belong_to_no_snapshot():
    control = gpd.GeoDataFrame(
        {"control_id": ["a", "b", "c"], "side": ["Ukraine", None, "Ukraine"],
         "date": ["2024-08-10", "2024-08-10", None], "label": [None] * 3},
        geometry=[box(35, 51, 35.5, 51.5), box(30, 50, 30.5, 50.5), box(36, 52, 36.5, 52.5)],
        crs="EPSG:4326")
    cl = claims(*({"claim_type": "control", "actor": "Ukraine", "event_date": "2024-08-11",
                   "lat": lat, "lon": lon} for lat, lon in ((51.2, 35.2), (50.2, 30.2),
                                                            (52.2, 36.2))))
    # the layer reaches all three places; only the dated Ukrainian polygon is a snapshot
    assert assessed_control(cl, control).tolist() == ["inside", "never", "never"]


def test_assessed_control_inside_later_never_and_uncovered():
    _, small = read_reference(DATA / "ukraine_2024-08-10.geojson")   # Sudzha on 10 Aug
    _, big = read_reference(DATA / "control_2024-08-14.kml")         # + Korenevo on 14 Aug
    control = pd.concat([small, big], ignore_index=True)
    cl = claims(
        {"claim_type": "control", "actor": "Ukraine", "event_date": "2024-08-11",
         "lat": 51.19, "lon": 35.27},                                  # Sudzha: inside
        {"claim_type": "advance", "actor": "Ukraine", "event_date": "2024-08-12",
         "lat": 51.41, "lon": 34.91},                                  # Korenevo: later
        {"claim_type": "control", "actor": "Ukraine", "event_date": "2024-08-15",
         "lat": 51.60, "lon": 35.10},                                  # never
        {"claim_type": "control", "actor": "Ukraine", "event_date": "2024-08-15",
         "lat": 48.0, "lon": 37.8},                                    # far: not covered
        {"claim_type": "control", "actor": "Russia", "event_date": "2024-08-15",
         "lat": 51.19, "lon": 35.27},                                  # no Russia layer
        {"claim_type": "strike", "actor": "Ukraine", "event_date": "2024-08-15",
         "lat": 51.19, "lon": 35.27},                                  # not a control claim
    )
    got = assessed_control(cl, control)
    assert got.fillna("NA").tolist() == ["inside", "later", "never", "NA", "NA", "NA"]


def test_planted_control_all_four_answers():
    cl, control, expected = planted_control(200, seed=5)
    got = assessed_control(cl, control)
    assert got.fillna("NA").tolist() == expected.fillna("NA").tolist()


def _disc(lat: float, lon: float, km2: float):
    """Return a disc of ``km2`` square kilometres around (lat, lon), in WGS84."""
    laea = pyproj.CRS.from_proj4(f"+proj=laea +lat_0={lat} +lon_0={lon} +datum=WGS84")
    back = pyproj.Transformer.from_crs(laea, "EPSG:4326", always_xy=True)
    disc = Point(0, 0).buffer(np.sqrt(km2 / np.pi) * 1000, 256)
    return shapely.transform(disc, back.transform, interleaved=False)


def test_assessed_area_measures_the_claimant_sides_layer_in_the_region():
    # 12 Aug 2024: a commander claims 1,000 km2 of Kursk region; the tracker's polygon is
    # 313 km2 (both numbers as published; the polygon here is a disc of that size).
    kursk = box(34.0, 50.9, 38.6, 52.4)
    ua = gpd.GeoDataFrame({"control_id": ["a", "b"], "side": ["Ukraine", "Ukraine"],
                           "date": ["2024-08-11", "2024-08-20"], "label": [None, None],
                           "source": ["t", "t"]},
                          geometry=[_disc(51.25, 35.2, 313), _disc(51.25, 35.2, 1263)],
                          crs="EPSG:4326")
    cl = claims(
        {"claim_type": "control", "actor": "Ukraine", "claimant_side": "Ukraine",
         "quantity": 1000, "unit": "km2", "event_date": "2024-08-12", "geometry": kursk},
        {"claim_type": "control", "actor": "Ukraine", "claimant_side": "Ukraine",
         "quantity": 1263, "unit": "km2", "event_date": "2024-08-21", "geometry": kursk},
        {"claim_type": "control", "actor": "Ukraine", "quantity": 74, "unit": "settlements",
         "event_date": "2024-08-12", "geometry": kursk},
        {"claim_type": "control", "actor": "Ukraine", "quantity": 5, "unit": "km",
         "event_date": "2024-08-12", "geometry": kursk},
        {"claim_type": "control", "actor": "Ukraine", "quantity": 1000, "unit": "km2",
         "event_date": "2024-08-01", "geometry": kursk},  # before the first snapshot
    )
    got = assessed_area_km2(cl, ua)
    assert got.iloc[0] == pytest.approx(313, rel=0.01)
    assert got.iloc[1] == pytest.approx(1263, rel=0.01)
    assert got.iloc[2] == pytest.approx(313, rel=0.01)
    assert got.isna().tolist() == [False, False, False, True, True]


def test_assessed_area_for_a_settlement_claim_uses_its_region():
    region = box(35.0, 51.0, 35.5, 51.5)
    ua = gpd.GeoDataFrame({"control_id": ["a"], "side": ["Ukraine"], "date": ["2024-08-10"],
                           "label": [None], "source": ["t"]},
                          geometry=[box(35.2, 51.0, 36.0, 51.5)], crs="EPSG:4326")
    regions = gpd.GeoDataFrame({"country_code": ["RU"], "admin1": ["Kursk"]},
                               geometry=[region], crs="EPSG:4326")
    cl = claims({"claim_type": "control", "actor": "Ukraine", "unit": "km2", "quantity": 50,
                 "country_code": "RU", "admin1": "Kursk", "event_date": "2024-08-12",
                 "lat": 51.19, "lon": 35.27})
    got = assessed_area_km2(cl, ua, regions).item()
    assert got == pytest.approx(area_km2(box(35.2, 51.0, 35.5, 51.5)), rel=1e-3)
    assert assessed_area_km2(cl, ua).isna().all()  # without regions, no area


def test_corroborate_and_the_unsupported_filter(events):
    _, control = read_reference(DATA / "ukraine_2024-08-10.geojson")
    cl = claims(
        {"claim_type": "control", "actor": "Ukraine", "event_date": "2024-08-11",
         "lat": 51.19, "lon": 35.27},
        {"claim_type": "control", "actor": "Ukraine", "event_date": "2024-08-25",
         "lat": 51.19, "lon": 35.27},
        {"claim_type": "unrest", "event_date": "2024-08-25", "lat": 10.0, "lon": 10.0},
    )
    out = corroborate(cl, events, control)
    assert out["reference_events"].tolist() == ["acled:XXX0001;ucdp:900001", "", ""]
    assert out["assessed_control"].fillna("NA").tolist() == ["inside", "inside", "NA"]
    assert unsupported(out).tolist() == [False, False, True]
    bare = corroborate(cl, None, None)
    assert bare["reference_events"].isna().all() and bare["assessed_area_km2"].isna().all()
    assert unsupported(bare).all()
