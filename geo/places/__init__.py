"""Where a claim is: the gazetteer, finding place mentions in text, and geocoding them.

What the package offers:

- :class:`Gazetteer` (:mod:`geo.places.gazetteer`): the offline index of settlements,
  admin-1 regions and countries; :func:`build_cache` (:mod:`geo.places.build`) builds it.
- :class:`ToponymMatcher` (:mod:`geo.places.matcher`): finds :class:`Mention` s in text.
- :class:`Geocoder` (:mod:`geo.places.geocode`): resolves an article's mentions to
  :class:`Resolved` places, jointly, and gives the article's focus.
- :func:`fold` and :func:`loose` (:mod:`geo.places.keys`): the name keys;
  :data:`ADJECTIVALS` and the other country tables (:mod:`geo.places.countries`);
  :func:`read_user_places` (:mod:`geo.places.user_places`): analysts' own places.
"""

from geo.places.build import build_cache
from geo.places.countries import ADJECTIVALS, COUNTRY_ALIASES
from geo.places.gazetteer import Gazetteer
from geo.places.geocode import PRECISION, Geocoder, Resolved
from geo.places.keys import fold, loose
from geo.places.matcher import ToponymMatcher
from geo.places.mentions import Mention
from geo.places.place import Place
from geo.places.user_places import read_user_places

__all__ = [
    "ADJECTIVALS",
    "COUNTRY_ALIASES",
    "PRECISION",
    "Gazetteer",
    "Geocoder",
    "Mention",
    "Place",
    "Resolved",
    "ToponymMatcher",
    "build_cache",
    "fold",
    "loose",
    "read_user_places",
]
