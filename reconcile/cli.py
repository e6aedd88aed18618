"""Command line: options -> config -> one library call -> one renderer.

Library errors (``ReconcileError``) become ``Error: …`` on stderr with exit status 2;
nothing here computes anything the library does not.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from .align import AlignConfig
from .errors import ReconcileError
from .models import Result
from .pipeline import ReconcileConfig, reconcile

F = TypeVar("F", bound=Callable[..., Any])
_DEFAULTS = AlignConfig()


class InputFailure(click.ClickException):
    """A ``ReconcileError`` as the CLI reports it (``Error: …``, exit status 2)."""

    exit_code = 2


def _reconcile(a: str, b: str, encoding: Sequence[str], cfg: ReconcileConfig) -> Result:
    """Load both inputs (``-`` is standard input) and reconcile them, with progress."""
    from ._cli_io import encodings_for, load_inputs, progress, same_file

    if same_file(a, b):
        click.echo(f"Note: {a} and {b} are the same file; every sentence will match.", err=True)
    try:
        with progress(f"reconcile: reading and aligning {a} and {b}…"):
            doc_a, doc_b = load_inputs([a, b], encodings_for(encoding, [a, b]))
            return reconcile(doc_a, doc_b, cfg)
    except ReconcileError as exc:
        raise InputFailure(str(exc)) from None


def pair_options(fn: F) -> F:
    """Options every two-source command shares."""
    decorators = [
        click.argument("a", type=click.Path(allow_dash=True)),
        click.argument("b", type=click.Path(allow_dash=True)),
        click.option(
            "--encoding",
            multiple=True,
            help="Decode the inputs with this codec (default: detect): CODEC for both, "
            "1=CODEC or 2=CODEC (or FILE=CODEC) for one; repeatable.",
        ),
        click.option(
            "--accept",
            type=click.FloatRange(0, 100),
            default=_DEFAULTS.accept,
            show_default=True,
            help="Lowest similarity (0-100) for a pair of sentences.",
        ),
        click.option(
            "--short-accept",
            type=click.FloatRange(0, 100),
            default=_DEFAULTS.short_accept,
            show_default=True,
            help=f"Lowest similarity for sentences under {_DEFAULTS.short_len} core characters.",
        ),
        click.option(
            "--moved",
            type=click.FloatRange(0, 100),
            default=_DEFAULTS.moved,
            show_default=True,
            help="Lowest similarity for a pair found out of document order.",
        ),
        click.option(
            "--prefer",
            type=click.Choice(["A", "B"]),
            default="A",
            show_default=True,
            help="Whose wording the merged text uses for variant pairs.",
        ),
    ]
    for deco in reversed(decorators):
        fn = deco(fn)
    return fn


def _config(accept: float, short_accept: float, moved: float, prefer: str) -> ReconcileConfig:
    try:
        align_cfg = AlignConfig(
            accept=accept,
            short_accept=short_accept,
            moved=moved,
            anchor=max(_DEFAULTS.anchor, accept),
        )
        return ReconcileConfig(align=align_cfg, prefer=prefer)
    except ReconcileError as exc:
        raise click.UsageError(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reconcile")
def main() -> None:
    """Reconcile reports of one event and deduplicate document feeds."""


@main.command()
@pair_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="text: the terminal review; json: the reconcile/1 document; markdown: the merged "
    "report; html: the review as one self-contained page.",
)
@click.option(
    "--color/--no-color", default=None, help="Force colour on or off (default: on for a terminal)."
)
@click.option(
    "--layout",
    type=click.Choice(["auto", "side", "stacked"]),
    default="auto",
    show_default=True,
    help="Side by side, or one source above the other (auto: side from 70 columns).",
)
@click.option(
    "--full", is_flag=True, help="Show every identical pair and every fact instead of folding."
)
@click.option(
    "--pager/--no-pager",
    default=None,
    help="Page the review through $PAGER (less; LESS=FRX unless set). Default: page when "
    "stdout is a terminal, as git does.",
)
@click.option(
    "--width", type=click.IntRange(40, 400), help="Layout width (default: the terminal's)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the review here (a .html name implies --format html).",
)
def diff(
    a: str,
    b: str,
    encoding: tuple[str, ...],
    accept: float,
    short_accept: float,
    moved: float,
    prefer: str,
    fmt: str,
    color: bool | None,
    layout: str,
    full: bool,
    pager: bool | None,
    width: int | None,
    output: Path | None,
) -> None:
    """Review two reports of one event: what they share, how it differs, what only one says.

    \b
    Example:
      reconcile diff report-a.txt report-b.txt
      reconcile diff a.txt b.txt --format json > result.json
      reconcile diff a.txt b.txt -o review.html
    """
    if fmt == "text" and output is not None and output.suffix.lower() in (".html", ".htm"):
        fmt = "html"
    cfg = _config(accept, short_accept, moved, prefer)
    result = _reconcile(a, b, encoding, cfg)
    if fmt != "text":
        _write(_serialise(result, fmt), output)
        return
    import io

    from rich.console import Console

    from .render.terminal import TerminalOptions, render

    tty = output is None and sys.stdout.isatty()
    paging = tty if pager is None else pager and output is None
    to_buffer = output is not None or paging
    console = Console(
        file=io.StringIO() if to_buffer else None,
        # Paged output goes to a terminal through less -R: keep colour as if printed there.
        force_terminal=True if color or (paging and color is None and tty) else None,
        no_color=color is False or output is not None,
        color_system=None if color is False or output is not None else "auto",
        width=width or (100 if output is not None else None),
        highlight=False,
    )
    opts = TerminalOptions(
        layout=layout,  # type: ignore[arg-type]  # click.Choice guarantees the literal
        full=full,
        markers=not console.is_terminal or color is False,
    )
    render(result, console, opts)
    if not to_buffer:
        return
    text = console.file.getvalue()  # type: ignore[attr-defined]  # the StringIO above
    if paging:
        from ._cli_io import page

        page(text)
    else:
        _write(text, output)


@main.command()
@pair_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json", "html"]),
    help="markdown (default): the merged text with attributions; json: the reconcile/1 "
    "document; html: the review page. Default: html when -o names a .html file.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
def merge(
    a: str,
    b: str,
    encoding: tuple[str, ...],
    accept: float,
    short_accept: float,
    moved: float,
    prefer: str,
    fmt: str | None,
    output: Path | None,
) -> None:
    """Merge two reports into one text in which every sentence names its sources.

    \b
    Example:
      reconcile merge report-a.txt report-b.txt -o merged.md
      reconcile merge report-a.txt report-b.txt -o review.html
    """
    if fmt is None:
        html = output is not None and output.suffix.lower() in (".html", ".htm")
        fmt = "html" if html else "markdown"
    cfg = _config(accept, short_accept, moved, prefer)
    result = _reconcile(a, b, encoding, cfg)
    _write(_serialise(result, fmt), output)


@main.command()
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--encoding", help="Decode the input with this codec (default: detect).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one tab-separated line per fact; json: every field with offsets.",
)
def facts(file: str, encoding: str | None, fmt: str) -> None:
    """List the facts one report states: figures, dates, counts, with subject and speaker.

    \b
    Example:
      reconcile facts report.txt
      reconcile facts report.txt --format json
    """
    from ._cli_io import load_inputs, progress
    from .facts import extract_facts
    from .render.facts import facts_json, facts_text

    try:
        with progress(f"reconcile: reading {file}…"):
            (doc,) = load_inputs([file], [encoding])
            found = extract_facts(doc)
    except ReconcileError as exc:
        raise InputFailure(str(exc)) from None
    if not found:
        # Said on stderr, so stdout stays a (header-only) table a script can read.
        click.echo(
            f"No facts (figures, dates, counts) found in {'standard input' if file == '-' else file}.",
            err=True,
        )
    _write(facts_json(doc, found) if fmt == "json" else facts_text(doc, found), None)


@main.command()
@pair_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per conflict; json: the same document as diff --format json.",
)
def check(
    a: str,
    b: str,
    encoding: tuple[str, ...],
    accept: float,
    short_accept: float,
    moved: float,
    prefer: str,
    fmt: str,
) -> None:
    """Check two reports for contradicting facts; exit 1 if there are any.

    Exit status: 0 no conflicts, 1 conflicts (one line each: subject, value in A, value
    in B, both sentences), 2 usage or input errors, so a pipeline can gate on it.

    \b
    Example:
      reconcile check report-a.txt report-b.txt || echo "figures disagree"
    """
    from .render.facts import conflicts_text

    cfg = _config(accept, short_accept, moved, prefer)
    result = _reconcile(a, b, encoding, cfg)
    diff = result.fact_diff
    if fmt == "json":
        _write(_serialise(result, "json"), None)
    elif diff.conflicts:
        _write(conflicts_text(result), None)
    else:
        from .render._words import count

        click.echo(
            f"No conflicting facts ({count(len(diff.shared), 'fact')} shared, "
            f"{len(diff.compatible)} written differently but compatible)."
        )
    if diff.conflicts:
        sys.exit(1)


def _serialise(result: Result, fmt: str) -> str:
    if fmt == "json":
        from .render.json import dumps

        return dumps(result)
    if fmt == "html":
        from .render.html import render as render_html

        return render_html(result)
    from .render.markdown import render as render_markdown

    return render_markdown(result)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputFailure(f"{output}: cannot write ({exc.strerror or exc})") from None


# -- dedup ------------------------------------------------------------------------------


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

    from .dedup import DedupConfig, deduplicate, open_index, read_inputs
    from .dedup.output import RunOutput
    from .render.dedup import progress_display, render_interrupted, render_summary

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

    from .dedup import open_index, read_inputs
    from .dedup.explain import explain
    from .render.dedup import render_explanation

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
        from .dedup.spark import backfill
    except ImportError:
        raise InputFailure(
            "--engine spark needs pyspark and Java 17: pip install 'reconcile[spark]'"
        ) from None
    return backfill(inputs, cfg, index)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
