"""Conflict-claims map: extract claims from news, geocode them, store, map and export them.

Where things live, by concept:

- ``geo.sources``: read articles (JSON Lines, CSV, plain text) into a DataFrame.
- ``geo.extract``: where a claim is born (sentences -> claims, pure functions).
- ``geo.places``: where a claim gets its place (gazetteer, toponym matcher, geocoder).
- ``geo.store``: where claims are kept (GeoPackage or PostGIS behind one interface, `geo/store/`).
- ``geo.export``: GeoJSON, GeoPackage, ACLED-style CSV and KML.
- ``geo.mapview``: where claims are drawn (a ``folium.Map``).
- ``geo.cli``: the ``python -m geo`` command line.
- ``geo.settings``: the one registry of settings.
"""

__version__ = "0.1.0"
