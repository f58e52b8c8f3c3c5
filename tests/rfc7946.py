"""A strict RFC 7946 checker for tests.

Checks lon/lat ranges, closed rings, the right-hand rule and the absence of ``crs``:
stricter than GDAL's reader, which accepts almost anything.
"""

from __future__ import annotations

import math

_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
          "GeometryCollection"}


def _position(p, where):
    assert isinstance(p, list) and len(p) in (2, 3), f"{where}: position {p!r}"
    assert all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
               for v in p), f"{where}: non-numeric position {p!r}"
    lon, lat = p[0], p[1]
    assert -180 <= lon <= 180, f"{where}: longitude {lon} out of range (lat/lon swapped?)"
    assert -90 <= lat <= 90, f"{where}: latitude {lat} out of range"


def _signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1, *_), (x2, y2, *_) in zip(ring, ring[1:],
                                                                        strict=False)) / 2


def _ring(ring, where, exterior):
    assert isinstance(ring, list) and len(ring) >= 4, f"{where}: ring needs >= 4 positions"
    for p in ring:
        _position(p, where)
    assert ring[0] == ring[-1], f"{where}: ring not closed"
    area = _signed_area(ring)
    if exterior:
        assert area > 0, f"{where}: exterior ring is clockwise (RFC 7946 3.1.6)"
    else:
        assert area < 0, f"{where}: hole is counter-clockwise (RFC 7946 3.1.6)"


def check_geometry(g, where="geometry"):
    """Raise AssertionError unless ``g`` is an RFC 7946 geometry object."""
    if g is None:
        return
    assert isinstance(g, dict) and g.get("type") in _TYPES, f"{where}: bad type"
    assert "crs" not in g
    t = g["type"]
    if t == "GeometryCollection":
        for i, sub in enumerate(g["geometries"]):
            check_geometry(sub, f"{where}.geometries[{i}]")
        return
    c = g["coordinates"]
    if t == "Point":
        _position(c, where)
    elif t in ("MultiPoint", "LineString"):
        assert t == "MultiPoint" or len(c) >= 2
        for p in c:
            _position(p, where)
    elif t == "MultiLineString":
        for line in c:
            assert len(line) >= 2
            for p in line:
                _position(p, where)
    elif t == "Polygon":
        for k, ring in enumerate(c):
            _ring(ring, where, exterior=k == 0)
    elif t == "MultiPolygon":
        for poly in c:
            for k, ring in enumerate(poly):
                _ring(ring, where, exterior=k == 0)
    if "bbox" in g:
        assert len(g["bbox"]) in (4, 6)


def check_rfc7946(doc):
    """Raise AssertionError unless ``doc`` is an RFC 7946 FeatureCollection."""
    assert isinstance(doc, dict) and doc.get("type") == "FeatureCollection"
    assert "crs" not in doc, "RFC 7946 removed the crs member"
    assert isinstance(doc.get("features"), list)
    for i, f in enumerate(doc["features"]):
        where = f"features[{i}]"
        assert f.get("type") == "Feature", where
        assert "crs" not in f
        assert "geometry" in f and "properties" in f, where
        assert f["properties"] is None or isinstance(f["properties"], dict)
        if "id" in f:
            assert isinstance(f["id"], str | int | float) and not isinstance(f["id"], bool)
        check_geometry(f["geometry"], where)
