"""Option values and option groups several ``geo`` commands share (argparse types)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from geo import settings
from geo.filters import ClaimFilter, parse_bbox, parse_date
from geo.schema import CLAIM_TYPES


def _date_arg(value: str) -> str:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _bbox_arg(value: str) -> tuple[float, float, float, float]:
    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _jobs_arg(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--jobs: {value!r} is not a number") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return jobs


def _workers_arg(value: str) -> int:
    try:
        workers = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--workers: {value!r} is not a number") from None
    if workers < 1:
        raise argparse.ArgumentTypeError("--workers must be at least 1")
    return workers


def _batch_arg(value: str) -> int:
    try:
        size = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--batch-size: {value!r} is not a number") from None
    if size < 1:
        raise argparse.ArgumentTypeError("--batch-size must be at least 1")
    return size


def _scheduler_arg(value: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(value if "://" in value else "tcp://" + value)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in ("tcp", "tls") or not parts.hostname or port is None:
        raise argparse.ArgumentTypeError(f"--scheduler: {value!r} is not tcp://HOST:PORT")
    return f"{parts.scheme}://{parts.netloc}"


def _port_arg(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--port: {value!r} is not a number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError("--port must be in 1..65535")
    return port


def _split(values: Sequence[str] | None) -> list[str]:
    """Flatten repeated and comma-separated option values."""
    out: list[str] = []
    for v in values or ():
        out += [p.strip() for p in v.split(",") if p.strip()]
    return out


def _add_store(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", metavar="PATH|URL", default=None,
                   help="GeoPackage file or postgresql:// URL (default: $GEO_STORE, else "
                        f"{settings.SETTINGS['store'].default})")


def _add_runner(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("where extraction runs (one of)").add_mutually_exclusive_group()
    g.add_argument("--jobs", type=_jobs_arg, default=1, metavar="N",
                   help="local worker processes, no cluster (default 1: this process)")
    g.add_argument("--workers", type=_workers_arg, default=None, metavar="N",
                   help="start a local Dask cluster of N worker processes")
    g.add_argument("--scheduler", type=_scheduler_arg, default=None, metavar="tcp://HOST:PORT",
                   help="run on an existing Dask cluster (`dask scheduler` + `dask worker`)")
    p.add_argument("--batch-size", type=_batch_arg, default=None, metavar="N",
                   help="articles per batch: one extraction task"
                        + (" and one store transaction" if p.prog.endswith("ingest") else "")
                        + " (default 50)")


def _add_progress(p: argparse.ArgumentParser) -> None:
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar on stderr (default: when stderr is a terminal)")


def _add_filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (combined with AND; repeat or comma-separate values)")
    g.add_argument("--from", dest="date_from", type=_date_arg, metavar="DATE",
                   help="claims on or after DATE (event date, else publication date)")
    g.add_argument("--to", dest="date_to", type=_date_arg, metavar="DATE",
                   help="claims on or before DATE")
    g.add_argument("--type", dest="types", action="append", metavar="TYPE",
                   help=f"claim type: {', '.join(CLAIM_TYPES)}")
    g.add_argument("--actor", dest="actors", action="append", metavar="NAME",
                   help="acting side, whole name, case-insensitive (e.g. Russia)")
    g.add_argument("--claimant", dest="claimants", action="append", metavar="NAME",
                   help="who makes the claim, whole name, case-insensitive")
    g.add_argument("--claimant-id", dest="claimant_ids", action="append", metavar="ID",
                   help="claimant id, every spelling of one claimant (e.g. "
                        "russia:defence-ministry)")
    g.add_argument("--claimant-side", dest="claimant_sides", action="append", metavar="SIDE",
                   help="side the claimant speaks for (e.g. Ukraine), or independent")
    g.add_argument("--by", dest="assessment", choices=("parties", "independent"),
                   help="parties' claims, or independent assessments (analysts, media, UN)")
    g.add_argument("--contested", action="store_true",
                   help="only claims another side disputes (with a contest id)")
    g.add_argument("--stance", choices=("asserted", "denied"),
                   help="only claims their claimant denies, or only the others")
    g.add_argument("--country", dest="countries", action="append", metavar="CC",
                   help="ISO 3166-1 alpha-2 code of the place (e.g. UA)")
    g.add_argument("--admin1", dest="admin1", action="append", metavar="NAME",
                   help="admin-1 region name")
    g.add_argument("--bbox", type=_bbox_arg, metavar="W,S,E,N",
                   help="min_lon,min_lat,max_lon,max_lat (WGS84); write --bbox=-10,... "
                        "when the first number is negative")
    g.add_argument("--text", metavar="WORDS", help="substring of the sentence, place, actor...")
    g.add_argument("--unsupported", action="store_true",
                   help="only claims no reference supports (no matching reference event, "
                        "not inside the assessed area; see `geo reference add`)")


def _filter(args: argparse.Namespace) -> ClaimFilter:
    try:
        return ClaimFilter(date_from=args.date_from, date_to=args.date_to,
                           claim_types=tuple(_split(args.types)),
                           actors=tuple(_split(args.actors)),
                           claimants=tuple(_split(args.claimants)),
                           claimant_ids=tuple(_split(args.claimant_ids)),
                           claimant_sides=tuple(_split(args.claimant_sides)),
                           assessment=args.assessment, contested=args.contested,
                           stance=getattr(args, "stance", None),
                           countries=tuple(_split(args.countries)),
                           admin1=tuple(_split(args.admin1)), bbox=args.bbox, text=args.text,
                           unsupported=bool(getattr(args, "unsupported", False)))
    except ValueError as exc:
        raise argparse.ArgumentError(None, str(exc)) from None
