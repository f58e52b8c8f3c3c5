"""``geo extract`` and ``geo ingest``: articles in, claims out (to a file, or into the store)."""

from __future__ import annotations

import argparse
import functools
import sys
from pathlib import Path

from geo.cli.common import CommandError, _check_outputs, _err, _open, _progress, _read, _redact
from geo.cli.options import _add_progress, _add_runner, _add_store, _date_arg
from geo.sources.options import STRICT_HELP, add_input_options, out_arg, rejects_target


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add ``extract`` and ``ingest`` to the ``geo`` sub-command parsers."""
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
