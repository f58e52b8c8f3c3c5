"""How claims look on the map: colours per claim type and per claimant side."""

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
    "attack": "#393b79",
    "deployment": "#a6761d",
}
OTHER_COLOR = "#555555"

#: Region claims are shaded by how many claims a region has (not by one arbitrary type):
#: ``(at least this many claims, fill colour)``, a neutral slate scale that no claim type
#: uses. Cluster bubbles use the darkest shade with their count.
REGION_SCALE: tuple[tuple[int, str], ...] = (
    (1, "#cfd8dc"), (2, "#a7b6bd"), (4, "#78909c"), (8, "#546e7a"), (16, "#37474f"),
)
CLUSTER_COLOR = "#37474f"

#: Colour of the commonest claimant sides; other sides get one from SIDE_PALETTE by name.
SIDE_COLORS: dict[str, str] = {
    "Ukraine": "#1f5fbf",
    "Russia": "#c8102e",
    "independent": "#2ca02c",
    "Israel": "#0038b8",
    "Hamas": "#6b8e23",
    "Hezbollah": "#e6b800",
    "Rapid Support Forces": "#b5651d",
    "Sudanese Armed Forces": "#556b2f",
    "unattributed": "#9e9e9e",
}
SIDE_PALETTE = ("#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#ff7f0e", "#7f7f7f",
                "#393b79", "#637939", "#843c39")


def side_color(side: str | None) -> str:
    """Return the colour of a claimant side (the same side always gets the same colour)."""
    if side is None or side != side or side == "":  # missing (None or NaN)
        side = "unattributed"
    side = str(side)
    if side in SIDE_COLORS:
        return SIDE_COLORS[side]
    return SIDE_PALETTE[sum(side.encode("utf-8")) % len(SIDE_PALETTE)]
