"""The ledger of a place or region: every claim, one row per (merged) claimant, disputes."""

from __future__ import annotations

import pandas as pd

from geo.ledger import LEDGER_COLUMNS, dispute_windows, ledger_places, ledger_rows


def row(cid, ctype, claimant, ident, name, side, day, *, actor=None, q=None, unit=None,
        contest=None, place="geonames:704422", pname="Kupiansk", fc="settlement",
        trigger=None):
    return {"claim_id": cid, "claim_type": ctype, "claimant": claimant, "claimant_id": ident,
            "claimant_name": name, "claimant_side": side, "event_date": day,
            "published": day, "actor": actor, "quantity": q, "unit": unit,
            "contest_id": contest, "place_id": place, "place_name": pname,
            "location_text": pname, "feature_class": fc, "admin1": "Kharkiv",
            "country_code": "UA", "sentence": f"{claimant} said so.", "source": "s",
            "url": "https://example.org", "trigger": trigger}


CLAIMS = pd.DataFrame([
    row("1", "control", "Russia's General Staff", "russia:general-staff",
        "General Staff of Russia", "Russia", "2025-11-20", actor="Russia", contest="contest:a",
        trigger="captured"),
    row("2", "repelled", "General Staff", "ukraine:general-staff", "Ukraine's General Staff",
        "Ukraine", "2025-11-21", contest="contest:a"),
    row("3", "control", "Oleksandr Syrskyi", "person:oleksandr-syrsky", "Oleksandr Syrsky",
        "Ukraine", "2025-11-25", actor="Ukraine", q=3, unit="settlements"),
    row("4", "control", "Syrsky", "person:oleksandr-syrsky", "Oleksandr Syrsky", "Ukraine",
        "2025-11-26", actor="Ukraine"),
    row("5", "strike", None, None, None, None, "2025-11-22", place="geonames:706483",
        pname="Kharkiv"),
])


def test_places_most_disputed_first():
    places = ledger_places(CLAIMS)
    assert places.iloc[0]["contests"] == 1
    keys = set(places["key"])
    assert {"place:geonames:704422", "place:geonames:706483", "region:UA|Kharkiv"} <= keys
    region = places.set_index("key").loc["region:UA|Kharkiv"]
    assert region["claims"] == 5


def test_rows_one_series_per_merged_claimant_quantified_or_not():
    rows = ledger_rows(CLAIMS, "place:geonames:704422")
    assert list(rows.columns) == list(LEDGER_COLUMNS)
    assert len(rows) == 4 and rows["date"].is_monotonic_increasing
    # Syrskyi and Syrsky are one claimant with one name
    syrsky = rows[rows["claimant_key"] == "person:oleksandr-syrsky"]
    assert set(syrsky["claimant"]) == {"Oleksandr Syrsky"} and len(syrsky) == 2
    assert rows["claimant"].nunique() == 3
    # the unquantified "repelled" sits beside the capture it answers
    assert set(rows["assertion"]) >= {"Russia captured", "Ukraine repelled attacks"}
    assert rows["quantity"].notna().sum() == 1


def test_region_ledger_takes_every_place_in_it_and_unattributed_claims():
    rows = ledger_rows(CLAIMS, "region:UA|Kharkiv")
    assert len(rows) == 5
    assert "unattributed" in set(rows["side"]) and "unattributed" in set(rows["claimant"])


def test_dispute_windows():
    win = dispute_windows(ledger_rows(CLAIMS, "place:geonames:704422"))
    assert win.to_dict("records") == [{
        "contest_id": "contest:a", "start": pd.Timestamp("2025-11-20"),
        "end": pd.Timestamp("2025-11-22"), "sides": "Russia vs Ukraine"}]
    assert dispute_windows(ledger_rows(CLAIMS, "place:geonames:706483")).empty


def test_empty_inputs():
    assert ledger_places(CLAIMS.iloc[:0]).empty
    assert ledger_rows(CLAIMS, "place:nowhere").empty
    assert ledger_rows(CLAIMS.iloc[:0], "region:UA|Kharkiv").empty
