"""Where a claim is: the gazetteer, finding place mentions in text, and geocoding them.

What the package offers:

- :class:`Gazetteer` (:mod:`geo.places.gazetteer`): the offline index of settlements,
  admin-1 regions and countries; :func:`build_cache` (:mod:`geo.places.build`) builds it,
  merging the GeoNames country dumps analysts import (:mod:`geo.places.geonames_import`).
- :class:`ToponymMatcher` (:mod:`geo.places.matcher`): finds :class:`Mention` s in text.
- :class:`Geocoder` (:mod:`geo.places.geocode`): resolves an article's mentions to
  :class:`Resolved` places, jointly, and gives the article's focus.
- :func:`fold` and :func:`loose` (:mod:`geo.places.keys`): the name keys;
  :data:`ADJECTIVALS` and the other country tables (:mod:`geo.places.countries`);
  :func:`read_user_places` (:mod:`geo.places.user_places`): analysts' own places.
"""

from importlib import import_module
from typing import Any

#: where each name the package offers lives (imported on first use, so that importing
#: one module of the package does not import all of them)
_WHERE = {
    "build_cache": "geo.places.build",
    "ADJECTIVALS": "geo.places.countries",
    "COUNTRY_ALIASES": "geo.places.countries",
    "Gazetteer": "geo.places.gazetteer",
    "PRECISION": "geo.places.geocode",
    "Geocoder": "geo.places.geocode",
    "Resolved": "geo.places.geocode",
    "fold": "geo.places.keys",
    "loose": "geo.places.keys",
    "ToponymMatcher": "geo.places.matcher",
    "Mention": "geo.places.mentions",
    "Place": "geo.places.place",
    "read_user_places": "geo.places.user_places",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    """Import a name the package offers from its module on first use."""
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'geo.places' has no attribute {name!r}")
    return getattr(import_module(where), name)
