"""The command line's side of reading articles: strict or ``--skip-invalid``, and safe outputs.

Reading is strict by default: the first bad record stops the run and nothing is
written or stored. ``--skip-invalid`` keeps what is valid, writes each rejected
record with its reason to ``--rejects`` (JSON Lines), reports the counts, and the
command exits 1 when anything was rejected. An output (``--out``, ``--rejects``)
may not be empty, a folder, one of the inputs or a file the inputs' folders would
read as articles.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

import pandas as pd

from geo.sources.read import EXTENSIONS, Rejected, read_articles, write_rejected

__all__ = ["STRICT_HELP", "add_input_options", "out_arg", "output_conflict", "read_inputs",
           "rejects_target", "report_rejected"]

#: One sentence every reading command's help carries.
STRICT_HELP = ("Strict by default: one bad record (missing field, bad date, bad encoding, "
               "value over a limit...) stops the run with an error naming file, line and "
               "field, and nothing is written or stored; --skip-invalid keeps the valid "
               "records, writes the rejected ones with their reasons to --rejects and exits "
               "1. Limits: GEO_MAX_FILE_MB, GEO_MAX_ARTICLE_CHARS, GEO_MAX_LINE_CHARS.")

DEFAULT_REJECTS = "rejected.jsonl"


def out_arg(value: str) -> str:
    """Check an output file argument (argparse ``type``): not empty."""
    if not value.strip():
        raise argparse.ArgumentTypeError("empty file name")
    return value


def add_input_options(p: argparse.ArgumentParser) -> None:
    """Add ``--skip-invalid`` and ``--rejects`` to a command that reads articles."""
    p.add_argument("--skip-invalid", action="store_true",
                   help="keep the valid records, write the rejected ones with their reasons "
                        "to --rejects, report the counts and exit 1 if anything was "
                        "rejected (default: strict, the first bad record stops the run)")
    p.add_argument("--rejects", type=out_arg, metavar="FILE", default=None,
                   help=f"JSON Lines file for the rejected records of --skip-invalid "
                        f"(default: {DEFAULT_REJECTS}; one object per record: file, line, "
                        "field, reason, record)")


def rejects_target(args: argparse.Namespace) -> str | None:
    """Return the rejects file a command will write (``None`` when strict).

    Raises
    ------
    argparse.ArgumentError
        ``--rejects`` without ``--skip-invalid`` (nothing would be written there).
    """
    if not args.skip_invalid:
        if args.rejects is not None:
            raise argparse.ArgumentError(None, "--rejects needs --skip-invalid (strict runs "
                                               "reject nothing: they stop at the first error)")
        return None
    return args.rejects or DEFAULT_REJECTS


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def output_conflict(out: str | os.PathLike[str] | None,
                    inputs: Iterable[str | os.PathLike[str]], option: str = "--out"
                    ) -> str | None:
    """Return why ``out`` may not be written (it would destroy an input), or ``None``.

    Parameters
    ----------
    out : path or None
        The output (``None`` or ``"-"``: stdout, always fine).
    inputs : iterable of paths
        The article files and folders of the command.
    option : str
        The option's name, for the message.

    Returns
    -------
    str or None
        A message for a usage error: empty name, a folder, an input file, or a
        file with an article extension inside an input folder.
    """
    if out is None or str(out) == "-":
        return None
    if not str(out).strip():
        return f"{option}: empty file name"
    target = Path(out)
    if target.is_dir():
        return f"{option} {str(out)!r} is a folder; give a file name"
    resolved = target.resolve()
    for raw in inputs:
        src = Path(raw)
        if not src.exists():
            continue
        if src.is_dir():
            if _inside(resolved, src.resolve()) and resolved.suffix.lower() in EXTENSIONS:
                return (f"{option} {str(out)!r} is inside the input folder {str(raw)!r} and "
                        "would be read as articles; write it elsewhere")
        elif resolved == src.resolve() or (target.exists() and os.path.samefile(target, src)):
            return f"{option} {str(out)!r} is an input file; it would be overwritten"
    return None


def read_inputs(inputs: Sequence[str], published: str | None, skip_invalid: bool
                ) -> tuple[pd.DataFrame, list[Rejected] | None]:
    """Read the command's articles, strictly or keeping the rejected records aside.

    Returns
    -------
    (pandas.DataFrame, list of Rejected or None)
        The articles, and the rejected records (``None`` when strict).

    Raises
    ------
    InputError
        Strict: the first problem; always: a path that does not exist.
    """
    from geo.sources.fetch import is_url

    rejected: list[Rejected] | None = [] if skip_invalid else None
    articles = read_articles([p if is_url(p) else Path(p) for p in inputs], published=published,
                             rejected=rejected)
    return articles, rejected


def report_rejected(rejected: list[Rejected] | None, path: str | None,
                    stream: TextIO | None = None, show: int = 5) -> int:
    """Write the rejects file and tell the analyst; return the number rejected.

    Parameters
    ----------
    rejected : list of Rejected or None
        ``None`` when reading was strict: nothing to do.
    path : str or None
        The rejects file (default :data:`DEFAULT_REJECTS`); written even when empty,
        so that it always describes the last run.
    stream : file, optional
        Where to report (default: stderr).
    show : int
        How many reasons to print before "... and N more".

    Returns
    -------
    int
        How many records (or whole files) were rejected.
    """
    if rejected is None:
        return 0
    stream = stream or sys.stderr
    target = path or DEFAULT_REJECTS
    write_rejected(rejected, target)
    for r in rejected[:show]:
        print(f"geo: rejected: {r.error}", file=stream)
    if len(rejected) > show:
        print(f"geo: ... and {len(rejected) - show} more", file=stream)
    print(f"{len(rejected)} rejected record(s) -> {target}", file=stream)
    return len(rejected)
