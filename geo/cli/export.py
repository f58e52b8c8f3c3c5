"""``geo export`` and ``geo stats``: stored claims out, as files or as counts."""

from __future__ import annotations

import argparse
import json
import sys

from geo.cli.common import PROG, _check_outputs, _open
from geo.cli.options import _add_filters, _add_store, _filter
from geo.filters import apply_filter
from geo.sources.options import out_arg


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add ``export`` and ``stats`` to the ``geo`` sub-command parsers."""
    p = sub.add_parser("export", help="export stored claims (GeoJSON, GeoPackage, CSV, KML)",
                       description="Write the stored claims that pass the filters.",
                       epilog="csv is ACLED's 31 columns in ACLED's order; the mapping from "
                              "claim types to ACLED event types is documented in "
                              "geo/export/acled_csv.py (python -c 'import geo.export.acled_csv; "
                              "help(geo.export.acled_csv)').")
    p.add_argument("--out", required=True, metavar="FILE", type=out_arg,
                   help="output file ('-' for stdout, GeoJSON and CSV only); written whole "
                        "or not at all")
    p.add_argument("--format", choices=("geojson", "gpkg", "csv", "kml"),
                   help="output format (default: from the --out suffix; csv = ACLED columns)")
    p.add_argument("--geometry", choices=("simplified", "full", "points"),
                   help="GeoJSON geometry: polygons simplified to the map's ~1 km tolerance "
                        "(default), full polygons, or one point per claim")
    _add_store(p)
    _add_filters(p)

    p = sub.add_parser("stats", help="summarise the store",
                       description="Counts of articles and claims by type, country, date "
                                   "range and extractor version.")
    p.add_argument("--json", action="store_true", help="print JSON")
    _add_store(p)


def cmd_export(args: argparse.Namespace) -> int:
    """Run ``geo export``."""
    from geo.export import FORMATS, export, format_from_suffix

    fmt = args.format or ("geojson" if args.out == "-" else format_from_suffix(args.out))
    if fmt is None:
        raise argparse.ArgumentError(None, f"cannot tell the format of {args.out!r}; use "
                                           "--format geojson|gpkg|csv|kml")
    if args.out == "-" and fmt not in ("geojson", "csv"):
        raise argparse.ArgumentError(None, f"--format {fmt} cannot go to stdout; give a file")
    if args.geometry and fmt != "geojson":
        raise argparse.ArgumentError(None, f"--geometry applies to GeoJSON, not {fmt}")
    _check_outputs(args, {"--out": args.out})
    flt = _filter(args)
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise argparse.ArgumentError(None, f"--from {flt.date_from} is after --to {flt.date_to}")
    if fmt == "geojson" and args.out != "-":  # streamed: memory bounded by a chunk
        from geo.export.stream import write_geojson_stream
        from geo.reference.storage import corroborated_chunks

        with _open(args, create=False) as store:
            # each chunk gains its corroboration from the reference layers
            n = write_geojson_stream(corroborated_chunks(store, store.iter_claims(flt), flt),
                                     args.out, args.geometry or "simplified")
        print(f"{n} claims -> {args.out} ({fmt})", file=sys.stderr)
        return 0
    with _open(args, create=False) as store:
        claims = store.claims(flt)
        from geo.reference.storage import corroborated

        # reference_events / assessed_control / assessed_area_km2 from the reference layers
        claims = apply_filter(corroborated(store, claims), flt)
    if args.out == "-":
        data = (FORMATS[fmt][1](claims, args.geometry) if args.geometry
                else FORMATS[fmt][1](claims))
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        export(claims, args.out, fmt, geometry=args.geometry)
    print(f"{len(claims)} claims -> {args.out} ({fmt})", file=sys.stderr)
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Run ``geo stats``."""
    from geo.extract import EXTRACTOR_VERSION

    with _open(args, create=False) as store:
        stats = store.stats()
    versions = stats["articles_by_extractor_version"]
    stats["extractor_version"] = EXTRACTOR_VERSION
    stats["articles_stale"] = sum(n for v, n in versions.items() if v != EXTRACTOR_VERSION)
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    print(f"store: {stats['store']} ({stats['backend']})")
    print(f"articles: {stats['articles']}  claims: {stats['claims']}")
    print(f"dates: {stats['date_min'] or '-'} .. {stats['date_max'] or '-'}  "
          f"last ingest: {stats['last_ingest'] or '-'}")
    for title, key in (("by type", "by_type"), ("by country", "by_country"),
                       ("articles by extractor version", "articles_by_extractor_version")):
        items = ", ".join(f"{k or '(none)'} {v}" for k, v in stats[key].items()) or "-"
        print(f"{title}: {items}")
    if stats["articles_stale"]:
        print(f"{stats['articles_stale']} articles from older extractor versions: run "
              f"`{PROG} ingest --refresh-stale` to re-extract them with {EXTRACTOR_VERSION}")
    return 0
