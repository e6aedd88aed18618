"""``reconcile dedup``: the feed deduplicator's command (engines in ``reconcile.dedup``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import click

from ..errors import ReconcileError
from ._app import InputFailure, main


# The dedup defaults below repeat DedupConfig's on purpose: importing reconcile.dedup
# loads numpy (~50 ms) on every start of every command. test_dedup_cli holds them equal.
@main.command()
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option(
    "--index",
    "index_at",
    metavar="PATH|URL",
    help="Index to deduplicate against and add to: a SQLite file, or redis://host:port/N "
    "shared by several workers (default: a temporary index for this run only).",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write JSONL here."
)
@click.option(
    "--emit",
    type=click.Choice(["clusters", "unique", "committed"]),
    default="clusters",
    show_default=True,
    help="clusters: one line per cluster, at the end; unique: the deduplicated documents; "
    "committed: one line per document as its batch is committed (written as the run goes).",
)
@click.option(
    "--keep",
    type=click.Choice(["first", "longest", "earliest"]),
    default="first",
    show_default=True,
    help="Which member represents its cluster.",
)
@click.option(
    "--duplicate",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.7,
    show_default=True,
    help="Lowest shingle Jaccard for a duplicate.",
)
@click.option(
    "--excerpt",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.8,
    show_default=True,
    help="Lowest share of the smaller document found in the larger.",
)
@click.option(
    "--passage",
    type=click.FloatRange(0, 1, min_open=True),
    default=0.6,
    show_default=True,
    help="Lowest paragraph Jaccard for a shared passage.",
)
@click.option("--id-field", default="id", show_default=True, help="JSONL field holding the id.")
@click.option("--text-field", default="text", show_default=True, help="JSONL field with the text.")
@click.option(
    "--published-field",
    default="published",
    show_default=True,
    help="JSONL field with the publication time (ISO 8601).",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=2,
    show_default=True,
    help="Processes computing signatures.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=512,
    show_default=True,
    help="Documents per index transaction.",
)
@click.option("--strict", is_flag=True, help="Stop at the first bad input instead of skipping it.")
@click.option(
    "--fail-on-skip",
    is_flag=True,
    help="Process everything, then exit with status 3 if any input was skipped.",
)
@click.option(
    "--engine",
    type=click.Choice(["embedded", "spark"]),
    default="embedded",
    show_default=True,
    help="spark: a one-off backfill on Spark (pip install 'reconcile[spark]'; local[*], or "
    "the cluster spark-submit gives); --index must then be new, and streaming runs continue "
    "from it.",
)
@click.option(
    "--remove",
    "remove_ids",
    multiple=True,
    metavar="ID",
    help="Remove this document from the index first (repeatable).",
)
@click.option(
    "--explain",
    nargs=2,
    metavar="ID ID",
    help="Index nothing; show why these two documents of INPUT are or are not grouped: "
    "scores against the thresholds, LSH bands, shared passages side by side, and with "
    "--index where the index placed each.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="With --explain: the explanation as one JSON object on stdout instead of tables.",
)
@click.option(
    "--retain-days",
    type=click.FloatRange(0, min_open=True),
    metavar="N",
    help="Remove documents older than N days from the index first.",
)
def dedup(
    inputs: tuple[str, ...],
    index_at: str | None,
    output: Path | None,
    emit: str,
    keep: str,
    duplicate: float,
    excerpt: float,
    passage: float,
    id_field: str,
    text_field: str,
    published_field: str,
    workers: int,
    batch_size: int,
    strict: bool,
    fail_on_skip: bool,
    engine: str,
    remove_ids: tuple[str, ...],
    explain: tuple[str, str] | None,
    as_json: bool,
    retain_days: float | None,
) -> None:
    """Find and group near-duplicates in a feed: duplicates, excerpts, shared passages.

    INPUT is a JSONL file (one document a line), a directory of text files, or - for
    JSONL on stdin. Clusters (or the kept documents) go to stdout as JSONL, the summary
    to stderr. Ids are strings; an integer id is accepted and reported as its digits.

    With -o, the file holds a line per committed document while the run goes (each final,
    so a killed run's file is usable) and is replaced by the clusters when it completes.
    Ctrl-C stops cleanly: committed batches stay in the index, and the same command
    resumes (documents already indexed are recognised, not indexed twice).

    \b
    Exit status:
      0    done; bad records, if any, were reported as error lines and skipped
      2    error: bad usage, unreadable input or index, or --strict met a bad record
      3    done, but some input was skipped and --fail-on-skip was given
      130  interrupted (Ctrl-C); committed batches are kept

    \b
    Example:
      reconcile dedup feed.jsonl --index feed.db -o clusters.jsonl
      reconcile dedup new.jsonl --index feed.db --emit unique > fresh.jsonl
      reconcile dedup --index feed.db --retain-days 30
      reconcile dedup feed.jsonl --index feed.db --explain ID1 ID2
    """
    import tempfile
    import time

    from rich.console import Console

    from ..dedup import DedupConfig, deduplicate, open_index, read_inputs
    from ..dedup.output import RunOutput
    from ..render.dedup import progress_display, render_interrupted, render_summary

    try:
        cfg = DedupConfig(
            duplicate=duplicate,
            excerpt=excerpt,
            passage=passage,
            keep=keep,  # type: ignore[arg-type]  # click.Choice guarantees the literal
            id_field=id_field,
            text_field=text_field,
            published_field=published_field,
            workers=workers,
            batch_size=batch_size,
            strict=strict,
        )
    except ReconcileError as exc:
        raise click.UsageError(str(exc)) from None
    if engine == "spark" and emit != "clusters":
        raise click.UsageError(f"--emit {emit} is not available with --engine spark")
    if not inputs and not remove_ids and retain_days is None:
        raise click.UsageError("give at least one INPUT (or --remove/--retain-days with --index)")
    console = Console(stderr=True, highlight=False)
    if as_json and not explain:
        raise click.UsageError("--json goes with --explain")
    if explain:
        _explain(inputs, index_at, explain, cfg, as_json)
        return
    with tempfile.TemporaryDirectory() as tmp, _interruptible() as interrupted:
        location = index_at or str(Path(tmp) / "index.db")
        run: Any = None
        try:
            with open_index(location, cfg) as index:
                if remove_ids:
                    n = index.remove(remove_ids)
                    console.print(f"removed {n:,} of {len(remove_ids):,} ids from the index")
                if retain_days is not None:
                    n = index.prune(time.time() - retain_days * 86400)
                    console.print(f"removed {n:,} documents older than {retain_days:g} days")
                if not inputs:
                    return
                with (
                    RunOutput(output) as out,
                    progress_display(console) as progress,
                    ExitStack() as stack,
                ):
                    if engine == "spark":
                        run = stack.enter_context(_spark_run(inputs, cfg, index))
                    else:
                        run = deduplicate(
                            read_inputs(inputs, cfg),
                            cfg,
                            index,
                            emit=emit,
                            progress=progress,
                            on_commit=out.committed,
                        )
                    for result in run:
                        out.write(result)
                    out.finish()
        except KeyboardInterrupt:
            interrupted.set()
        except ReconcileError as exc:
            raise InputFailure(str(exc)) from None
        except OSError as exc:
            raise InputFailure(f"{exc.filename or 'output'}: {exc.strerror or exc}") from None
    if interrupted.is_set():
        indexed = run.summary.indexed if run is not None else 0
        render_interrupted(console, indexed, index_at, output)
        raise SystemExit(EXIT_INTERRUPTED)
    assert run is not None
    render_summary(run.summary, console)
    if fail_on_skip and run.summary.errors:
        raise SystemExit(EXIT_SKIPPED)


def _explain(
    inputs: tuple[str, ...], index_at: str | None, ids: tuple[str, str], cfg: Any, as_json: bool
) -> None:
    from rich.console import Console

    from ..dedup import open_index, read_inputs
    from ..dedup.explain import explain
    from ..render.dedup import render_explanation

    if not inputs:
        raise click.UsageError("--explain needs the INPUT holding the two documents")
    if index_at is not None and "://" not in index_at and not Path(index_at).exists():
        raise InputFailure(f"{index_at}: no such index (--explain reads an index, never makes one)")
    try:
        if index_at is None:
            result = explain(read_inputs(inputs, cfg), ids[0], ids[1], cfg)
        else:
            with open_index(index_at, cfg) as index:
                result = explain(read_inputs(inputs, cfg), ids[0], ids[1], cfg, index)
    except ReconcileError as exc:
        raise InputFailure(str(exc)) from None
    if as_json:
        import json

        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        render_explanation(result, Console(highlight=False))


EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a process stopped by Ctrl-C


@contextmanager
def _interruptible() -> Iterator[threading.Event]:
    """Turn the first Ctrl-C into ``KeyboardInterrupt``; ignore further ones until done.

    A second Ctrl-C used to land in the middle of the cleanup (``pool.terminate``) and
    print a traceback from there. The cleanup (worker pool stopped, the batch in flight
    rolled back, the output closed) is short and must run to the end.
    """
    import signal  # here, not at the top: every other command's start would pay for it

    event = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield event  # signals can only be handled on the main thread
        return

    fired = []

    def first(signum: int, frame: object) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        fired.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, first)
    try:
        yield event
    finally:
        # Once interrupted, the process only reports and exits: a second Ctrl-C arriving
        # now must not find the default handler again and kill it mid-message (exit -2).
        if not fired:
            signal.signal(signal.SIGINT, previous)


def _spark_run(inputs: tuple[str, ...], cfg: Any, index: Any) -> Any:
    try:
        from ..dedup.spark import backfill
    except ImportError:
        raise InputFailure(
            "--engine spark needs pyspark and Java 17: pip install 'reconcile[spark]'"
        ) from None
    return backfill(inputs, cfg, index)
