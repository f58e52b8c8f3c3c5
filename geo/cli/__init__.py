"""Command line: ``python -m geo`` (also installed as ``geo``).

Commands
--------
``extract INPUT... --out CLAIMS.geojson``
    Read articles, extract their claims, write RFC 7946 GeoJSON (no store involved).
``ingest [INPUT...]``
    Read articles, extract the claims of new or changed ones, store them in one
    transaction; ``--refresh-stale`` re-extracts stored articles from older extractor
    versions.
``export --out FILE``
    Write the stored claims passing the filters as GeoJSON, GeoPackage, ACLED-style CSV
    or KML.
``stats``
    Counts by type, country, date range and extractor version.
``app``
    Launch the dashboard (``streamlit run app.py``) on the chosen store.
``gazetteer build``
    Build the offline gazetteer cache.
``gazetteer import XX.zip``
    Add GeoNames country dumps (villages, districts, spots) to the gazetteer.

Modules: :mod:`geo.cli.extract` (``extract``, ``ingest``), :mod:`geo.cli.export`
(``export``, ``stats``), :mod:`geo.cli.app`, :mod:`geo.cli.gazetteer`,
:mod:`geo.cli.reference`; each adds its sub-command parsers (``add_parsers``) and runs
them (``cmd_*``). Shared option types and groups are in :mod:`geo.cli.options`; errors,
input reading and the store in :mod:`geo.cli.common`.

Exit status: 0 success, 1 bad input (unreadable or invalid file, bad store, failed
articles; the message on stderr names file, line and field), 2 usage error.
The store is ``--store``, else ``GEO_STORE``, else ``data/claims.gpkg``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from geo import settings
from geo.cli import app, export, extract, gazetteer, reference
from geo.cli.common import PROG, CommandError, _err
from geo.cli.extract import _resources  # noqa: F401 - the model, loaded once per process
from geo.sources.options import STRICT_HELP

__all__ = ["COMMANDS", "PROG", "CommandError", "build_parser", "main"]

#: The command families, in the order ``geo --help`` lists them.
_FAMILIES = (extract, export, app, gazetteer, reference)

COMMANDS = {"extract": extract.cmd_extract, "ingest": extract.cmd_ingest,
            "export": export.cmd_export, "stats": export.cmd_stats, "app": app.cmd_app,
            "gazetteer": gazetteer.cmd_gazetteer, "reference": reference.cmd_reference}


def build_parser() -> argparse.ArgumentParser:
    """Return the ``geo`` argument parser (every sub-command has ``--help``)."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Conflict-claims map: extract, store, export and map claims "
        "from news articles, offline. " + STRICT_HELP,
        epilog="Settings (environment): " + "; ".join(
            f"{s.env}: {s.help}" for s in settings.SETTINGS.values()))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for family in _FAMILIES:
        family.add_parsers(sub)
    for action in parser._subparsers._group_actions:  # noqa: SLF001
        for subparser in action.choices.values():
            subparser.set_defaults(parser=subparser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 1 bad input, 2 usage).

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name (default: ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status.
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error (2), already printed
        return int(exc.code or 0)
    from geo.atomic import AtomicWriteError
    from geo.store import StoreError

    try:
        return COMMANDS[args.command](args)
    except argparse.ArgumentError as exc:
        args.parser.print_usage(sys.stderr)
        print(f"{PROG} {args.command}: error: {exc.message}", file=sys.stderr)
        return 2
    except AtomicWriteError as exc:  # a file not written: says which and why
        _err(str(exc))
        return 1
    except (CommandError, StoreError, ValueError) as exc:
        # ValueError covers geo.sources.InputError ("FILE:LINE: field 'x': ...") and
        # batches the store refuses.
        _err(str(exc))
        return 1
    except OSError as exc:
        _err(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
        return 1
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
