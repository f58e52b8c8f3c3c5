"""The URL's query parameters: the filter, the map's view and its colouring, read and written.

A shared link carries the filter (``geo.filters.ClaimFilter``'s parameters), the
map's view (``lat``, ``lon``, ``z``) and view settings such as ``color``; these
functions turn them into values the pages use, and back.
"""

from __future__ import annotations

from collections.abc import Mapping

from geo.filters import ClaimFilter


def filter_from_params(params: Mapping[str, str | list[str]]) -> tuple[ClaimFilter, list[str]]:
    """Read the filter from URL query parameters, dropping what cannot be parsed.

    Parameters
    ----------
    params : mapping
        ``st.query_params`` (or any key -> value / list of values mapping).

    Returns
    -------
    tuple
        The filter and a list of warnings (one per dropped parameter).
    """
    flt = ClaimFilter.from_query_params(params, strict=False)
    strict_keys = set(flt.to_query_params())
    from geo.filters import PARAM_KEYS

    warnings = [f"ignored URL parameter {key}={params[key]!r}" for key in PARAM_KEYS.values()
                if key in params and key not in strict_keys and str(params[key]).strip()]
    return flt, warnings


#: URL query keys of view settings that are not filters (kept beside the filter's keys).
VIEW_PARAMS = ("color",)
#: How the map colours claims: URL value -> label.
COLOR_MODES = {"type": "claim type", "side": "claimant side"}


def color_mode(params: dict) -> str:
    """Return the map's colouring from URL query parameters ("type" unless "side")."""
    value = params.get("color")
    if isinstance(value, list):
        value = value[-1] if value else None
    return "side" if value == "side" else "type"


def params_from_filter(flt: ClaimFilter) -> dict[str, str]:
    """Return the URL query parameters of ``flt`` (only the fields that are set).

    Parameters
    ----------
    flt : ClaimFilter
        The current filter.

    Returns
    -------
    dict of str to str
        For ``st.query_params``.
    """
    return flt.to_query_params()


def map_view_from_params(params: Mapping[str, str | list[str]]
                         ) -> tuple[tuple[float, float], int] | None:
    """Read the map's view (``lat``, ``lon``, ``z``) from URL query parameters.

    Parameters
    ----------
    params : mapping
        ``st.query_params``.

    Returns
    -------
    tuple or None
        ``((lat, lon), zoom)``, or None when absent or not a valid view.
    """
    try:
        lat, lon, zoom = (float(str(params[k])) for k in ("lat", "lon", "z"))
    except (KeyError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -540 <= lon <= 540 and 1 <= zoom <= 20):
        return None
    return (lat, lon), int(zoom)
