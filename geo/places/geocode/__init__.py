"""Geocoding: an article's place mentions resolved to gazetteer entries, in context.

A mention goes through :mod:`~geo.places.geocode.candidates` (what its name may
mean), :mod:`~geo.places.geocode.context` (what the article says about where it
is), :mod:`~geo.places.geocode.score` (scoring and rejecting candidates) and
:mod:`~geo.places.geocode.fallback` (a coarse place when none fits);
:class:`Geocoder` (:mod:`~geo.places.geocode.geocoder`) runs them over an article.
"""

from geo.places.geocode.geocoder import Geocoder
from geo.places.geocode.resolved import PRECISION, Resolved

__all__ = ["PRECISION", "Geocoder", "Resolved"]
