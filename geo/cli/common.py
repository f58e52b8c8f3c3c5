"""What every ``geo`` command shares: errors, messages, reading inputs, opening the store."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from geo.sources.options import output_conflict

PROG = "geo"


class CommandError(Exception):
    """A failure to report on stderr with exit status 1."""


def _redact(target: str) -> str:
    from geo.store import redact

    return redact(target)


def _err(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _progress(args: argparse.Namespace) -> bool:
    return sys.stderr.isatty() if args.progress is None else bool(args.progress)


def _read(inputs: Sequence[str], published: str | None, skip_invalid: bool = False):
    """Return the articles and the rejected records (``None`` when strict)."""
    from geo.sources.fetch import is_url
    from geo.sources.options import read_inputs

    missing = [p for p in inputs if not is_url(p) and not Path(p).exists()]
    if missing:
        raise CommandError(f"{missing[0]}: no such file or folder")
    return read_inputs(inputs, published, skip_invalid)


def _check_outputs(args: argparse.Namespace, outputs: dict[str, str | None]) -> None:
    """Refuse outputs that are folders, inputs, or would be read as articles (exit 2)."""
    for option, out in outputs.items():
        why = output_conflict(out, getattr(args, "inputs", None) or (), option)
        if why:
            raise argparse.ArgumentError(None, why)


def _open(args: argparse.Namespace, create: bool = True):
    from geo.store import open_store

    return open_store(args.store, create=create)
