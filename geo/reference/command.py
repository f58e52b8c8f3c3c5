"""The ``geo reference`` command: import coded events and assessed control into the store."""

from __future__ import annotations

import argparse
import sys


def add_parser(sub, add_store) -> argparse.ArgumentParser:
    """Add ``reference add FILE...`` to the ``geo`` sub-command parsers; return ``add``'s.

    Parameters
    ----------
    sub : argparse._SubParsersAction
        The ``geo`` sub-parsers.
    add_store : callable
        Adds the shared ``--store`` option to a parser.
    """
    p = sub.add_parser("reference", help="import reference layers (ACLED, UCDP, control areas)",
                       description="Reference layers to check claims against.")
    rsub = p.add_subparsers(dest="reference_command", metavar="ACTION", required=True)
    a = rsub.add_parser(
        "add", help="import coded events or assessed-control polygons into the store",
        description="Import reference files into the store in one transaction each: an "
                    "ACLED export (its 31 columns) or a UCDP GED CSV as reference events, or "
                    "GeoJSON/KML/GeoPackage polygons of assessed control with a date and a "
                    "side (from a property, the file name, or --date/--side). A bad file "
                    "stores nothing.")
    a.add_argument("files", nargs="+", metavar="FILE", help="reference file")
    a.add_argument("--kind", choices=("acled", "ucdp", "control"),
                   help="kind of file (default: detected from the suffix and the columns)")
    a.add_argument("--date", metavar="DATE", help="control snapshots: the date, when no "
                   "property or file name gives it")
    a.add_argument("--side", metavar="SIDE", help="control snapshots: the side, when no "
                   "property or file name gives it")
    add_store(a)
    return a


def cmd_reference(args: argparse.Namespace, open_store) -> int:
    """Run ``geo reference add``: read every file first, then store each in a transaction."""
    from geo.reference import read_reference
    from geo.reference.storage import add_control, add_events

    read = [(f, *read_reference(f, args.kind, date=args.date, side=args.side))
            for f in args.files]
    store = open_store(args)
    try:
        for file, kind, frame in read:
            add = add_control if kind == "control" else add_events
            summary = add(store, frame)
            print(f"{file}: {kind}: {summary.written} rows -> {summary.table} "
                  f"({summary.replaced} replaced)", file=sys.stderr)
    finally:
        store.close()
    return 0
