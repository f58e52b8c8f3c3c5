"""A place mention resolved to a place: the claim's place columns and their geometry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shapely

if TYPE_CHECKING:
    from geo.places.gazetteer import Gazetteer
    from geo.places.mentions import Mention
    from geo.places.place import Place

PRECISION = {"settlement": 1, "part": 2, "admin1": 3, "country": 4}


@dataclass(frozen=True)
class Resolved:
    """A mention resolved to a place (the claim schema's place columns).

    Parameters
    ----------
    location_text : str
        The place as written, or the phrase it was inferred from.
    place_name, place_id, feature_class, admin1, country_code : str
        The gazetteer entry (``feature_class`` settlement, admin1, country or other).
    latitude, longitude : float
        Representative point (WGS84).
    geo_precision : int
        1 settlement, 2 part of a region / near a settlement, 3 region, 4 country.
    geometry : shapely.Geometry
        Point for a settlement, (Multi)Polygon for a region or country, or the
        part of one for "eastern Ukraine" (WGS84, lon/lat).
    """

    location_text: str
    place_name: str
    place_id: str
    feature_class: str
    admin1: str
    country_code: str
    latitude: float
    longitude: float
    geo_precision: int
    geometry: Any

    def as_dict(self) -> dict[str, Any]:
        """Return the fields as a dict (geometry included)."""
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def part_of(geom: Any, direction: str) -> Any:
    """Clip a polygon to the part a direction names ("southern" = south half)."""
    minx, miny, maxx, maxy = geom.bounds
    w, h = maxx - minx, maxy - miny
    boxes = {
        "north": (minx, miny + h / 2, maxx, maxy),
        "south": (minx, miny, maxx, miny + h / 2),
        "east": (minx + w / 2, miny, maxx, maxy),
        "west": (minx, miny, minx + w / 2, maxy),
        "northeast": (minx + w / 2, miny + h / 2, maxx, maxy),
        "northwest": (minx, miny + h / 2, minx + w / 2, maxy),
        "southeast": (minx + w / 2, miny, maxx, miny + h / 2),
        "southwest": (minx, miny, minx + w / 2, miny + h / 2),
        "center": (minx + w / 3, miny + h / 3, maxx - w / 3, maxy - h / 3),
    }
    box = boxes.get(direction)
    if box is None:
        return geom
    part = shapely.intersection(geom, shapely.box(*box))
    return part if not part.is_empty else geom


def make_resolved(
    gaz: Gazetteer,
    m: Mention,
    idx: int,
    precision: int,
    direction: str | None = None,
    part_cache: dict[tuple[int, str], Any] | None = None,
) -> Resolved:
    """Build the claim's place columns for gazetteer entry ``idx`` as mention ``m`` named it.

    ``direction`` ("south") makes the geometry that part of a region or country;
    ``part_cache`` keeps those parts between calls.
    """
    p = gaz.place(idx)
    if p.feature_code and precision < 2:
        precision = 2  # an imported district or spot (an airport, a crossing): no settlement
    geom = gaz.geometry_at(idx)
    lat, lon = p.lat, p.lon
    if direction and p.feature_class != "settlement":
        # the geometry is the part named ("southern Lebanon"); the point stays the
        # entry's own representative point, as for the place itself
        if part_cache is None:
            part_cache = {}
        part = part_cache.get((idx, direction))
        if part is None:
            part = part_cache[(idx, direction)] = part_of(geom, direction)
        geom = part
    return Resolved(
        location_text=m.text,
        place_name=p.name,
        place_id=p.place_id,
        feature_class=p.feature_class,
        admin1=p.admin1_name,
        country_code=p.country_code,
        latitude=float(lat),
        longitude=float(lon),
        geo_precision=precision,
        geometry=geom,
    )


def from_user(m: Mention, p: Place) -> Resolved:
    """Build the place columns for an analyst's own place (precision 1)."""
    return Resolved(
        location_text=m.text,
        place_name=p.name,
        place_id=p.place_id,
        feature_class="settlement",
        admin1=p.admin1_name,
        country_code=p.country_code,
        latitude=p.lat,
        longitude=p.lon,
        geo_precision=1,
        geometry=shapely.Point(p.lon, p.lat),
    )
