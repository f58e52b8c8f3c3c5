"""Loading from the store: the claims (with their corroboration) and the reference layers.

The first step of every page: a store and a filter in, the claims that pass it out.
The Streamlit pages cache these per store version (:mod:`geo.dashboard`); the
functions themselves are plain and take the store they read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import geopandas as gpd

from geo.filters import ClaimFilter, apply_filter

if TYPE_CHECKING:  # annotations only: importing the store package opens drivers
    from geo.store import Store


def load_reference(store: Store) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Return the store's reference events and assessed-control polygons.

    Parameters
    ----------
    store : geo.store.Store
        Where the reference layers are (``geo reference add``).

    Returns
    -------
    tuple of geopandas.GeoDataFrame
        ``(events, control)``, empty frames when the store holds none.
    """
    from geo.reference.storage import load_control, load_events

    return load_events(store), load_control(store)


def load_claims(store: Store, flt: ClaimFilter | None = None, *,
                events: gpd.GeoDataFrame | None = None,
                control: gpd.GeoDataFrame | None = None,
                regions: gpd.GeoDataFrame | None = None) -> gpd.GeoDataFrame:
    """Return the stored claims passing ``flt``, with their corroboration columns.

    Parameters
    ----------
    store : geo.store.Store
        The claims store.
    flt : geo.filters.ClaimFilter, optional
        The filter; its indexable part runs in the store, its ``unsupported`` part
        after corroboration. None: every claim.
    events, control : geopandas.GeoDataFrame, optional
        The store's reference layers when already loaded (:func:`load_reference`);
        read from the store otherwise.
    regions : geopandas.GeoDataFrame, optional
        Admin-1 polygons measuring assessed areas (loaded when needed if None).

    Returns
    -------
    geopandas.GeoDataFrame
        Claims (EPSG:4326) with ``reference_events``, ``assessed_control`` and
        ``assessed_area_km2`` when the store has reference layers.
    """
    from geo.reference.storage import corroborated

    if events is None or control is None:
        events, control = load_reference(store)
    claims = store.claims(flt)
    out = corroborated(store, claims, events=events, control=control, regions=regions)
    if flt is not None and flt.unsupported:  # needs the corroboration columns
        out = apply_filter(out, flt)
    return out
