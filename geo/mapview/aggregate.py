"""The map at a million claims: counts per grid cell from the store, points where few.

When a filter matches more claims than a map can carry as points (:data:`POINT_LIMIT`),
:func:`store_map` asks the store for the number of claims per grid cell and claim type
(:meth:`geo.store.Store.grid_counts`, one ``GROUP BY`` in SQL) and draws each cell as a
square coloured like the legend (the cell's most frequent claim type; the tooltip gives
the count per type). Claims of cells holding at most :data:`SPARSE_CELL` claims are
drawn as points (up to :data:`POINT_BUDGET`), so isolated claims stay clickable. The page
therefore grows with the number of occupied cells, not with the store.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from geo.mapview.popups import esc
from geo.mapview.styles import OTHER_COLOR, TYPE_COLORS

#: Above this many matching claims the map draws cells instead of every point.
POINT_LIMIT = 20_000
#: A cell with at most this many claims shows them as points.
SPARSE_CELL = 5
#: At most this many points are drawn next to the cells.
POINT_BUDGET = 5_000
#: Cell sizes (degrees) to choose from: about 64 cells across the claims' extent. Each is
#: a multiple of :data:`FINE_CELL`, the size the store counts in.
CELL_SIZES = (0.25, 0.5, 1.0, 2.0, 5.0)
FINE_CELL = 0.25


def cell_size_for(extent: tuple[float, float, float, float] | None, cells: int = 64) -> float:
    """Return a cell size (degrees) giving about ``cells`` cells across ``extent``.

    Parameters
    ----------
    extent : (min_lon, min_lat, max_lon, max_lat) or None
        The claims' extent (None: the whole world).
    cells : int, optional
        Cells wanted along the longer side.

    Returns
    -------
    float
        One of :data:`CELL_SIZES`.
    """
    if extent is None:
        return CELL_SIZES[-1]
    span = max(extent[2] - extent[0], extent[3] - extent[1], 1e-9)
    for size in CELL_SIZES:
        if span / size <= cells:
            return size
    return CELL_SIZES[-1]


def cells_extent(counts: pd.DataFrame, cell: float
                 ) -> tuple[float, float, float, float] | None:
    """Return ``(min_lon, min_lat, max_lon, max_lat)`` of the occupied cells (None if none)."""
    if counts.empty:
        return None
    return (float(counts["gx"].min()) * cell - 180.0, float(counts["gy"].min()) * cell - 90.0,
            float(counts["gx"].max() + 1) * cell - 180.0,
            float(counts["gy"].max() + 1) * cell - 90.0)


def regroup(counts: pd.DataFrame, fine: float, size: float) -> pd.DataFrame:
    """Sum counts of ``fine`` cells into cells of ``size`` (a multiple of ``fine``)."""
    ratio = round(size / fine)
    if ratio <= 1 or counts.empty:
        return counts
    out = counts.assign(gx=counts["gx"] // ratio, gy=counts["gy"] // ratio)
    return (out.groupby(["gx", "gy", "claim_type"], as_index=False)["n"].sum()
            .sort_values(["gx", "gy", "claim_type"]).reset_index(drop=True))


def cell_features(counts: pd.DataFrame, cell: float) -> dict:
    """Return grid cells as a GeoJSON FeatureCollection of squares (lon/lat).

    Parameters
    ----------
    counts : pandas.DataFrame
        ``gx, gy, claim_type, n`` rows (:meth:`geo.store.Store.grid_counts`): cell
        ``(gx, gy)`` spans longitudes ``gx * cell - 180`` to ``+ cell`` and latitudes
        ``gy * cell - 90`` to ``+ cell``.
    cell : float
        Cell size in degrees.

    Returns
    -------
    dict
        One feature per cell; properties ``n`` (claims), ``color`` (the legend colour of
        its most frequent type) and ``tooltip`` (escaped HTML: count per type).
    """
    if counts.empty:
        return {"type": "FeatureCollection", "features": []}
    frame = counts.sort_values(["gx", "gy", "n", "claim_type"],
                               ascending=[True, True, False, True])
    rows = zip(frame["gx"].tolist(), frame["gy"].tolist(), frame["claim_type"].astype(str),
               frame["n"].tolist(), strict=True)
    features = []
    # plain iteration over the sorted rows: a pandas group per cell cost 0.1 s per 1,000
    for (gx, gy), group in itertools.groupby(rows, key=lambda r: (r[0], r[1])):
        group = list(group)
        total = int(sum(r[3] for r in group))
        top = group[0][2]
        west, south = gx * cell - 180.0, gy * cell - 90.0
        # GeoJSON order: longitude, latitude; exterior ring counter-clockwise
        ring = [[west, south], [west + cell, south], [west + cell, south + cell],
                [west, south + cell], [west, south]]
        ring = [[round(x, 6), round(y, 6)] for x, y in ring]
        lines = "".join(f"<br>{esc(t)} {int(k):,}" for _, _, t, k in group)
        features.append({
            "type": "Feature",
            "geometry": {"type": "Polygon", "coordinates": [ring]},
            "properties": {"n": total, "color": TYPE_COLORS.get(top, OTHER_COLOR),
                           "tooltip": f"<b>{total:,} claims</b>{lines}"},
        })
    return {"type": "FeatureCollection", "features": features}


def type_totals(counts: pd.DataFrame) -> dict[str, int]:
    """Return claims per type summed over cells (for the legend)."""
    if counts.empty:
        return {}
    return {str(k): int(v) for k, v in counts.groupby("claim_type")["n"].sum().items()}


def sparse_cells(counts: pd.DataFrame, max_per_cell: int = SPARSE_CELL,
                 budget: int = POINT_BUDGET) -> list[tuple[int, int]]:
    """Return the cells whose claims are drawn as points (few per cell, within budget)."""
    if counts.empty:
        return []
    totals = counts.groupby(["gx", "gy"])["n"].sum()
    few = totals[totals <= max_per_cell].sort_index()
    keep = few[np.cumsum(few.to_numpy()) <= budget]
    return [(int(gx), int(gy)) for gx, gy in keep.index]


@dataclass
class CellView:
    """The claims of a filter as the map draws them at scale: counts per cell, few points.

    Attributes
    ----------
    total : int
        Claims passing the filter.
    size : float
        Cell size in degrees.
    counts : pandas.DataFrame
        ``gx, gy, claim_type, n`` per cell (:meth:`geo.store.Store.grid_counts`).
    points : geopandas.GeoDataFrame
        The claims of the sparse cells (:func:`sparse_cells`), drawn as points.
    extent : (min_lon, min_lat, max_lon, max_lat) or None
        Of the occupied cells.
    """

    total: int
    size: float
    counts: pd.DataFrame
    points: gpd.GeoDataFrame
    extent: tuple[float, float, float, float] | None

    @property
    def fit(self) -> list[list[float]] | None:
        """The box the map fits, ``[[south, west], [north, east]]`` (latitude first)."""
        if self.extent is None:
            return None
        return [[self.extent[1], self.extent[0]], [self.extent[3], self.extent[2]]]

    @property
    def fit_key(self) -> str:
        """A key naming the fit (the map refits when it changes)."""
        return f"cells:{self.size:g}"


def store_cells(store: Any, flt: Any = None, *, total: int | None = None,
                cell: float | None = None) -> CellView:
    """Count the claims passing ``flt`` per grid cell in the store; read the sparse ones.

    Parameters
    ----------
    store : geo.store.Store
        The claims store.
    flt : geo.filters.ClaimFilter, optional
        The filter.
    total : int, optional
        ``store.count(flt)`` when already known.
    cell : float, optional
        Cell size in degrees (default: from the claims' extent, :func:`cell_size_for`).

    Returns
    -------
    CellView
        What the map draws; its size does not grow with the store.
    """
    n = store.count(flt) if total is None else total
    if cell:
        size, counts = cell, store.grid_counts(flt, cell)
    else:  # one pass over the claims: fine cells, regrouped to the size the extent needs
        fine = store.grid_counts(flt, FINE_CELL)
        size = max(cell_size_for(cells_extent(fine, FINE_CELL)), FINE_CELL)
        counts = regroup(fine, FINE_CELL, size)
    sparse = sparse_cells(counts)
    points = store.claims_in_cells(flt, size, sparse) if sparse else _empty()
    return CellView(total=n, size=size, counts=counts, points=points,
                    extent=cells_extent(counts, size))


def cell_layer(view: CellView) -> folium.FeatureGroup:
    """Return the cells of ``view`` as a layer (squares coloured like the legend).

    Add it before the claims' data layer, so that the points stay clickable.
    """
    from geo.mapview.layers import FeatureLayer

    group = folium.FeatureGroup(name="cells", control=False)
    FeatureLayer(cell_features(view.counts, view.size), f"Claims per {view.size:g}° cell",
                 {"weight": 0.5, "fillOpacity": 0.35}).add_to(group)
    return group


def cells_payload(view: CellView, **payload_options: Any) -> dict:
    """Return the data payload of ``view``'s points; the legend counts every claim.

    Parameters
    ----------
    view : CellView
        From :func:`store_cells`.
    **payload_options
        Passed to :func:`geo.mapview.payload.claims_payload` (``date_range``,
        ``color_by``).
    """
    from geo.mapview.payload import claims_payload

    payload = claims_payload(view.points, fit=view.fit, fit_key=view.fit_key,
                             **payload_options)
    payload["total"] = view.total  # the legend counts every matching claim ("drawn: ...")
    return payload


def store_map(store: Any, flt: Any = None, *, point_limit: int = POINT_LIMIT,
              cell: float | None = None, outlines: Any = None, **shell_options: Any
              ) -> folium.Map:
    """Return the map of the claims passing ``flt``: points, or cells when there are many.

    Parameters
    ----------
    store : geo.store.Store
        The claims store.
    flt : geo.filters.ClaimFilter, optional
        The filter.
    point_limit : int, optional
        Up to this many matching claims, every claim is drawn
        (:func:`geo.mapview.build.build_map`).
    cell : float, optional
        Cell size in degrees (default: from the claims' extent, :func:`cell_size_for`).
    outlines : geo.mapview.outlines.Outlines, optional
        Offline outlines (default: none).
    **shell_options
        Passed to :func:`geo.mapview.build.build_shell` (``online_tiles``,
        ``assets_url``).

    Returns
    -------
    folium.Map
        The map; with cells, the legend counts every matching claim and says how many
        are drawn as points.
    """
    from geo.mapview.build import build_map, build_shell
    from geo.mapview.layers import data_layer
    from geo.mapview.outlines import prepare_outlines

    outlines = outlines if outlines is not None else prepare_outlines(None, None)
    n = store.count(flt)
    if n <= point_limit:
        return build_map(store.claims(flt), outlines=outlines, **shell_options)
    view = store_cells(store, flt, total=n, cell=cell)
    m = build_shell(outlines, region_countries=view.points["country_code"].dropna().unique(),
                    **shell_options)
    # the cells first, under the points, so that the points stay clickable
    cell_layer(view).add_to(m)
    data_layer(cells_payload(view)).add_to(m)
    return m


def _empty() -> gpd.GeoDataFrame:
    from geo.schema import empty_claims

    return empty_claims()
