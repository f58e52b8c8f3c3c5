"""The dashboard on a large store: filter options, counts and pages read from the store.

Up to :func:`load_limit` stored claims the pages load every claim once (cached) and
filter in memory. Above it they never hold the whole store: the sidebar's options come
from the store's distinct values (:meth:`geo.store.Store.facets`), the map from counts
per grid cell or the filtered claims when few (:mod:`geo.mapview.aggregate`), the table
from one page at a time (:meth:`geo.store.Store.claims_page`), so what a page sends and
the time it takes follow the filter, not the store.
"""

from __future__ import annotations

import datetime as dt

from geo import settings
from geo.appstate.filtering import FilterOptions, with_selection
from geo.filters import ClaimFilter
from geo.schema import CLAIM_TYPES

#: Rows per page of the claims table on a large store.
PAGE_ROWS = 1_000


def load_limit() -> int:
    """Return the stored claims up to which the dashboard loads them all (``GEO_APP_LOAD_LIMIT``).

    Raises
    ------
    ValueError
        If the setting is not a whole number.
    """
    text = settings.get("app_load_limit")
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"GEO_APP_LOAD_LIMIT: {text!r} is not a whole number") from None


def is_large(n_stored: int, limit: int | None = None) -> bool:
    """Tell whether a store of ``n_stored`` claims is read per filter (above the limit)."""
    return n_stored > (load_limit() if limit is None else limit)


def date_bounds_from_facets(facets: dict) -> tuple[dt.date, dt.date]:
    """Return the first and last day of the stored claims (today if none).

    Parameters
    ----------
    facets : dict
        :meth:`geo.store.Store.facets`.
    """
    if not facets.get("date_min") or not facets.get("date_max"):
        today = dt.date.today()
        return today, today
    return (dt.date.fromisoformat(facets["date_min"][:10]),
            dt.date.fromisoformat(facets["date_max"][:10]))


def options_from_facets(facets: dict, flt: ClaimFilter | None = None) -> FilterOptions:
    """Return the sidebar's options from the store's distinct values.

    Parameters
    ----------
    facets : dict
        :meth:`geo.store.Store.facets`.
    flt : ClaimFilter, optional
        The current filter; its values stay selectable.

    Returns
    -------
    FilterOptions
        As :func:`geo.appstate.filtering.filter_options` gives for the loaded claims.
    """
    first, last = date_bounds_from_facets(facets)
    present = set(facets.get("claim_type", ()))
    opts = FilterOptions(
        date_min=first, date_max=last,
        claim_types=[t for t in CLAIM_TYPES if t in present],
        actors=list(facets.get("actor", ())), claimants=list(facets.get("claimant", ())),
        countries=list(facets.get("country_code", ())), admin1=list(facets.get("admin1", ())),
        claimant_sides=list(facets.get("claimant_side", ())))
    return with_selection(opts, flt)


def page_count(n_rows: int, rows: int = PAGE_ROWS) -> int:
    """Return the pages of ``rows`` rows that ``n_rows`` fill (at least 1)."""
    return max(1, -(-n_rows // rows))


#: ``ClaimFilter`` field -> ``geo export`` option (``geo.cli.options``).
_EXPORT_OPTIONS = (("date_from", "--from"), ("date_to", "--to"), ("claim_types", "--type"),
                   ("actors", "--actor"), ("claimants", "--claimant"),
                   ("claimant_ids", "--claimant-id"), ("claimant_sides", "--claimant-side"),
                   ("assessment", "--by"), ("stance", "--stance"), ("countries", "--country"),
                   ("admin1", "--admin1"), ("text", "--text"))


def export_command(flt: ClaimFilter, store: str, out: str = "claims.geojson") -> str:
    """Return the ``geo export`` command writing the claims of ``flt`` (streamed, any size).

    Parameters
    ----------
    flt : ClaimFilter
        The current filter.
    store : str
        The store the app reads (a PostgreSQL URL's password is not shown).
    out : str, optional
        Output file.

    Returns
    -------
    str
        A shell command line, every value quoted.
    """
    import shlex

    from geo.store.base import redact

    parts = ["geo", "export", "--store", redact(store), "--out", out]
    for field, option in _EXPORT_OPTIONS:
        value = getattr(flt, field)
        for v in (value if isinstance(value, tuple) else (value,) if value else ()):
            parts += [option, str(v)]
    if flt.bbox is not None:
        parts += ["--bbox", ",".join(f"{v:g}" for v in flt.bbox)]
    for flag in ("contested", "unsupported"):
        if getattr(flt, flag):
            parts.append(f"--{flag}")
    return " ".join(shlex.quote(p) for p in parts)
