"""The dashboard's test stores and page runs, shared by its AppTest and browser tests.

* :func:`contested_kupiansk`: two sides at odds about one place (the contested-place
  mark, popup, ledger and filter all read it);
* :func:`app_store`: a real GeoPackage filled with given articles and claims, the app
  pointed at it (``GEO_STORE`` and any other setting) for the duration of a fixture;
* :func:`run_page` and :func:`metric`: one page of the multipage app under Streamlit's
  AppTest, and a counter it shows.

Used by ``tests/test_app.py``, ``tests/test_app_scale.py`` and
``tests/e2e/test_dashboard_browser.py`` (pytest puts ``tests/`` on ``sys.path``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from geo.schema import conform_claims
from geo.store import open_store
from geo.synthetic import synthetic_claims

ROOT = Path(__file__).resolve().parent.parent
#: The app's entry point; its default page is ``pages/0_Map.py``.
APP = ROOT / "app.py"
#: Kupiansk (GeoNames 704422), latitude and longitude.
KUPIANSK = (49.7106, 37.6153)
KUPIANSK_SENTENCES = ("Russia's General Staff said its forces had captured Kupiansk.",
                      "Ukraine's General Staff said its troops repelled attacks on Kupiansk.")


def contested_kupiansk(articles: pd.DataFrame, *, seed: int = 98,
                       sentences: Sequence[str] = KUPIANSK_SENTENCES,
                       urls: Sequence[str | None] | None = None) -> gpd.GeoDataFrame:
    """Return two sides at odds about Kupiansk in November 2025: a capture, attacks repelled.

    Russia's General Staff claims the capture (``kup-ru``, control), Ukraine's says the
    attacks were repelled (``kup-ua``, repelled), a day apart; the synthetic claims are
    of 2024, so a November 2025 filter shows these two only.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least two stored articles; the claims cite the first two.
    seed : int, optional
        Seed of the synthetic rows the claims start from.
    sentences : sequence of str, optional
        The two evidence sentences (browser tests put hostile markup in one).
    urls : sequence of str, optional
        The two source URLs (default: the synthetic ones).

    Returns
    -------
    geopandas.GeoDataFrame
        Two claims conforming to :mod:`geo.schema` (EPSG:4326).
    """
    claims = synthetic_claims(2, seed=seed).drop(columns="geometry")
    claims["article_id"] = list(articles["id"][:2])
    claims["claim_id"] = ["kup-ru", "kup-ua"]
    claims["claim_type"] = ["control", "repelled"]
    claims["trigger"] = ["captured", "repelled"]
    claims["actor"] = ["Russia", "Ukraine"]
    claims["claimant"] = ["Russia's General Staff", "Ukraine's General Staff"]
    claims["claimant_id"] = ["russia:general-staff", "ukraine:general-staff"]
    claims["claimant_name"] = ["General Staff of Russia", "General Staff of Ukraine"]
    claims["claimant_side"] = ["Russia", "Ukraine"]
    claims["claimant_kind"] = "military"
    claims["place_name"] = claims["location_text"] = "Kupiansk"
    claims["place_id"] = "geonames:704422"
    claims["admin1"], claims["country_code"] = "Kharkiv", "UA"
    claims["latitude"], claims["longitude"] = KUPIANSK
    claims["event_date"] = claims["published"] = ["2025-11-20", "2025-11-21"]
    claims["quantity"] = pd.array([None, None], dtype="Float64")
    claims["unit"] = None
    claims["sentence"] = list(sentences)
    if urls is not None:
        claims["url"] = list(urls)
    geoms = shapely.points([KUPIANSK[1]] * 2, [KUPIANSK[0]] * 2)  # lon, lat
    return conform_claims(gpd.GeoDataFrame(claims, geometry=geoms, crs="EPSG:4326"))


@contextlib.contextmanager
def app_store(path: Path, articles: pd.DataFrame, claims: pd.DataFrame,
              **settings: str) -> Iterator[Path]:
    """Store ``articles`` and ``claims`` in a new GeoPackage and point the app at it.

    Parameters
    ----------
    path : pathlib.Path
        The GeoPackage to create.
    articles, claims : pandas.DataFrame
        What it holds (claims conformed to :mod:`geo.schema` on the way in).
    **settings : str
        More environment settings for the app while the context lasts
        (``GEO_APP_LOAD_LIMIT="1000"``...).

    Yields
    ------
    pathlib.Path
        ``path``; ``GEO_STORE`` (and ``settings``) are restored on exit.
    """
    with open_store(path) as store:
        store.ingest(articles, conform_claims(claims))
    mp = pytest.MonkeyPatch()
    mp.setenv("GEO_STORE", str(path))
    for key, value in settings.items():
        mp.setenv(key, value)
    try:
        yield path
    finally:
        mp.undo()


def run_page(page: str | Path | None = None, params: dict[str, str] | None = None,
             timeout: float = 60) -> AppTest:
    """Run one page of the multipage app under AppTest, with URL query ``params``.

    Parameters
    ----------
    page : str or pathlib.Path, optional
        A page file (absolute, or relative to the repository); None: the map (the entry
        point's default page).
    params : dict, optional
        URL query parameters.
    timeout : float, optional
        Seconds a run may take.

    Returns
    -------
    streamlit.testing.v1.AppTest
        After its first run, which raised no exception.
    """
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    if page is not None:
        page = Path(page)
        at.switch_page(str(page.relative_to(ROOT) if page.is_absolute() else page))
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> int:
    """Return the number a page's ``st.metric`` called ``label`` shows."""
    return int(next(m.value for m in at.metric if m.label == label).replace(",", ""))
