"""``geo reference add``: the command lives in :mod:`geo.reference.command`."""

from __future__ import annotations

import argparse

from geo.cli.common import _open
from geo.cli.options import _add_store


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add ``reference add`` to the ``geo`` sub-command parsers."""
    from geo.reference.command import add_parser as add_reference_parser

    reference_add = add_reference_parser(sub, _add_store)
    reference_add.set_defaults(parser=reference_add)


def cmd_reference(args: argparse.Namespace) -> int:
    """Run ``geo reference add`` (in :mod:`geo.reference.command`)."""
    from geo.reference.command import cmd_reference as run

    return run(args, _open)
