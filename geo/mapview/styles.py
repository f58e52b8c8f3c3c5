"""How claims look on the map: one colour per claim type, shared by layers, legend and charts."""

from __future__ import annotations

#: Colour of each claim type on the map and in charts.
TYPE_COLORS: dict[str, str] = {
    "control": "#d62728",
    "advance": "#ff7f0e",
    "clash": "#8c564b",
    "repelled": "#9467bd",
    "strike": "#1f77b4",
    "casualties": "#222222",
    "displacement": "#17becf",
    "emergency": "#bcbd22",
    "restriction": "#7f7f7f",
    "unrest": "#e377c2",
    "detention": "#2ca02c",
}
OTHER_COLOR = "#555555"

#: Region claims are shaded by how many claims a region has (not by one arbitrary type):
#: ``(at least this many claims, fill colour)``, a neutral slate scale that no claim type
#: uses. Cluster bubbles use the darkest shade with their count.
REGION_SCALE: tuple[tuple[int, str], ...] = (
    (1, "#cfd8dc"), (2, "#a7b6bd"), (4, "#78909c"), (8, "#546e7a"), (16, "#37474f"),
)
CLUSTER_COLOR = "#37474f"
