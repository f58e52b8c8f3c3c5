"""The sidebar's stance filter (asserted / denied / both) under Streamlit's AppTest.

A small real GeoPackage store of synthetic claims, three of them denials ("X denied the
fall of Y" keeps the claim with ``stance`` "denied"); ``GEO_STORE`` points the app at it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.schema import conform_claims
from geo.store import open_store
from geo.synthetic import synthetic_articles, synthetic_claims

APP = Path(__file__).resolve().parent.parent / "app.py"
DENIED = 3


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pd.DataFrame]:
    path = tmp_path_factory.mktemp("stance") / "claims.gpkg"
    claims = synthetic_claims(40, seed=21)
    claims["stance"] = ["denied"] * DENIED + ["asserted"] * (len(claims) - DENIED)
    store = open_store(path)
    store.ingest(synthetic_articles(10, seed=21), conform_claims(claims))
    mp = pytest.MonkeyPatch()
    mp.setenv("GEO_STORE", str(path))
    yield store.claims()
    mp.undo()


def run(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> int:
    return int(next(m.value for m in at.metric if m.label == "Claims shown").replace(",", ""))


def test_stance_filter_drives_the_map_and_the_url(stored) -> None:
    assert (stored["stance"] == "denied").sum() == DENIED
    at = run()
    assert at.sidebar.radio(key="f_stance").value == "both"
    assert shown(at) == len(stored)
    at.sidebar.radio(key="f_stance").set_value("denied").run()
    assert shown(at) == DENIED
    assert at.query_params["stance"] == "denied"
    at.sidebar.radio(key="f_stance").set_value("asserted").run()
    assert shown(at) == len(stored) - DENIED
    assert at.query_params["stance"] == "asserted"
    at.sidebar.radio(key="f_stance").set_value("both").run()
    assert shown(at) == len(stored) and "stance" not in at.query_params


def test_a_shared_url_restores_the_stance(stored) -> None:
    at = run({"stance": "denied"})
    assert at.sidebar.radio(key="f_stance").value == "denied"
    assert shown(at) == DENIED
