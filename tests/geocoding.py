"""Helpers for geocoding tests: find an article's mentions and resolve them together."""

from __future__ import annotations


def resolve(matcher, geocoder, text: str) -> dict:
    """Return ``{mention text: resolution}`` for every mention ``matcher`` finds in ``text``."""
    ms = matcher.find(text)
    return {m.text: r for m, r in zip(ms, geocoder.resolve_article(text, ms), strict=True)}
