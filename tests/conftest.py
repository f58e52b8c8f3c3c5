"""Shared fixtures: heavy resources are built once per test session from the real files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED_CORPUS = ROOT / "data" / "sample" / "seed_articles.jsonl"


@pytest.fixture(scope="session")
def gazetteer():
    """Load the real gazetteer from the prebuilt cache (``make setup`` builds it)."""
    from geo.places.gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def geocoder(gazetteer):
    """Build a geocoder over the real gazetteer."""
    from geo.places.geocode import Geocoder

    return Geocoder(gazetteer)


@pytest.fixture(scope="session")
def nlp():
    """Load the real spaCy pipeline."""
    from geo.extract import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def bare_matcher(gazetteer):
    """Build a toponym matcher over the real gazetteer alone (no analyst's place list)."""
    from geo.places.matcher import ToponymMatcher

    return ToponymMatcher(gazetteer, user_places=[])
