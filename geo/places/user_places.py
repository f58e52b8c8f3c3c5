"""Analysts' own places (a CSV of name, lat, lon, country, admin1), which win over the gazetteer."""

from __future__ import annotations

from pathlib import Path

from geo.places.place import Place


def read_user_places(path: str | Path) -> list[Place]:
    """Read an analyst's places CSV (columns name, lat, lon, country, admin1).

    Parameters
    ----------
    path : str or Path
        CSV file; ``country`` is an ISO alpha-2 code, ``admin1`` a region name
        (both may be empty).

    Returns
    -------
    list of Place
        One settlement-class place per row, ``place_id`` ``user:<row>:<name>``.

    Raises
    ------
    ValueError
        If a required column is missing or a coordinate is not a number.
    """
    import csv

    out: list[Place] = []
    with Path(path).open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        cols = {c.strip().lower() for c in reader.fieldnames or ()}
        missing = {"name", "lat", "lon"} - cols
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for n, row in enumerate(reader, start=2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: bad coordinate") from exc
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"{path}:{n}: coordinate out of range")
            out.append(
                Place(
                    place_id=f"user:{n - 1}:{row['name']}",
                    name=row["name"],
                    feature_class="settlement",
                    country_code=row.get("country", "").upper(),
                    admin1_code="",
                    admin1_name=row.get("admin1", ""),
                    population=0,
                    lat=lat,
                    lon=lon,
                )
            )
    return out
