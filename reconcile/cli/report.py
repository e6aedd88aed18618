"""``diff``, ``merge``, ``check``, ``facts``: commands on 2..N reports of one event."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import ReconcileError
from ..models import Result
from ._app import InputFailure, main, write
from ._sources import SourceOptions, run, schema_option, serialise, source_options


@main.command()
@source_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help="text: the terminal review; json: the reconcile/1 or /2 document; markdown: the "
    "merged report; html: the review as one self-contained page.",
)
@schema_option
@click.option(
    "--color/--no-color", default=None, help="Force colour on or off (default: on for a terminal)."
)
@click.option(
    "--layout",
    type=click.Choice(["auto", "side", "stacked"]),
    default="auto",
    show_default=True,
    help="Two sources: side by side, or one above the other (auto: side from 70 columns). "
    "More sources are always shown group by group.",
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
    src: SourceOptions,
    fmt: str,
    schema: str | None,
    color: bool | None,
    layout: str,
    full: bool,
    pager: bool | None,
    width: int | None,
    output: Path | None,
) -> None:
    """Review reports of one event: what they share, how it differs, what only one says.

    Two files are shown side by side; three or more group by group, with a matrix of
    the sentences each two share. Sources are A, B, C, … unless --label names them.

    \b
    Example:
      reconcile diff report-a.txt report-b.txt
      reconcile diff a.txt b.txt c.txt --label xinhua --label cctv --label ministry
      reconcile diff a.txt b.txt --format json > result.json
      reconcile diff a.txt b.txt -o review.html
    """
    if fmt == "text" and output is not None and output.suffix.lower() in (".html", ".htm"):
        fmt = "html"
    result = run(src)
    if fmt != "text":
        write(serialise(result, fmt, int(schema) if schema else None), output)
        return
    from ..render.terminal import TerminalOptions

    tty = output is None and sys.stdout.isatty()
    paging = tty if pager is None else pager and output is None
    to_buffer = output is not None or paging
    # Paged output goes to a terminal through less -R: keep colour as if printed there.
    force_terminal = True if color or (paging and color is None and tty) else None
    no_color = color is False or output is not None
    detect_colour = not no_color
    width = width or (100 if output is not None else None)
    scr = None
    if len(result.documents) == 2:
        from ._screen import screen

        scr = screen(
            force_terminal=force_terminal,
            no_color=no_color,
            detect_colour=detect_colour,
            width=width,
            isatty=(lambda: False) if to_buffer else sys.stdout.isatty,
        )
    if scr is not None:
        from ..render.terminal import review

        opts = TerminalOptions(
            layout=layout,  # type: ignore[arg-type]  # click.Choice guarantees the literal
            full=full,
            markers=not scr.terminal or color is False,
        )
        text = review(result, scr.width, opts, styles=scr.styles, colour=scr.colour)
        if not to_buffer:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
    else:
        text = _rich_review(
            result, layout, full, color, to_buffer, force_terminal, no_color, detect_colour, width
        )
        if not to_buffer:
            return
    if paging:
        from .._cli_io import page

        page(text)
    else:
        write(text, output)


def _rich_review(
    result: Result,
    layout: str,
    full: bool,
    color: bool | None,
    to_buffer: bool,
    force_terminal: bool | None,
    no_color: bool,
    detect_colour: bool,
    width: int | None,
) -> str:
    """The review through a rich Console: three or more sources, and the screens only a
    Console can judge (``_screen``). Printed unless ``to_buffer``; returns the text then."""
    import io

    from rich.console import Console

    from ..render.terminal import TerminalOptions, render

    console = Console(
        file=io.StringIO() if to_buffer else None,
        force_terminal=force_terminal,
        no_color=no_color,
        color_system="auto" if detect_colour else None,
        width=width,
        highlight=False,
    )
    opts = TerminalOptions(
        layout=layout,  # type: ignore[arg-type]  # click.Choice guarantees the literal
        full=full,
        markers=not console.is_terminal or color is False,
    )
    render(result, console, opts)
    return console.file.getvalue() if to_buffer else ""  # type: ignore[attr-defined]


@main.command()
@source_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json", "html"]),
    help="markdown (default): the merged text with attributions; json: the reconcile/1 or "
    "/2 document; html: the review page. Default: html when -o names a .html file.",
)
@schema_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of stdout.",
)
def merge(src: SourceOptions, fmt: str | None, schema: str | None, output: Path | None) -> None:
    """Merge reports into one text in which every sentence names all its sources.

    \b
    Example:
      reconcile merge report-a.txt report-b.txt -o merged.md
      reconcile merge a.txt b.txt c.txt d.txt -o merged.md
      reconcile merge report-a.txt report-b.txt -o review.html
    """
    if fmt is None:
        html = output is not None and output.suffix.lower() in (".html", ".htm")
        fmt = "html" if html else "markdown"
    write(serialise(run(src), fmt, int(schema) if schema else None), output)


@main.command()
@source_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one line per conflict; json: the same document as diff --format json.",
)
@schema_option
def check(src: SourceOptions, fmt: str, schema: str | None) -> None:
    """Check reports for contradicting facts; exit 1 if there are any.

    Exit status: 0 no conflicts, 1 conflicts (one line each: subject, the values and
    who gives them, the sentences), 2 usage or input errors, so a pipeline can gate on it.

    \b
    Example:
      reconcile check report-a.txt report-b.txt || echo "figures disagree"
      reconcile check *.txt
    """
    from ..render._words import count
    from ..render.facts import conflicts_text, disputes_text

    result = run(src)
    two = len(result.documents) == 2
    conflicting = bool(result.fact_diff.conflicts) if two else bool(result.disputes)
    if fmt == "json":
        write(serialise(result, "json", int(schema) if schema else None), None)
    elif conflicting:
        write(conflicts_text(result) if two else disputes_text(result), None)
    elif two:
        diff_ = result.fact_diff
        click.echo(
            f"No conflicting facts ({count(len(diff_.shared), 'fact')} shared, "
            f"{len(diff_.compatible)} written differently but compatible)."
        )
    else:
        several = sum(1 for k in result.fact_clusters if len(k.sources) > 1)
        click.echo(
            f"No conflicting facts ({count(several, 'claim')} stated by several of the "
            f"{len(result.documents)} sources, all alike)."
        )
    if conflicting:
        sys.exit(1)


@main.command()
@source_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: one tab-separated line per fact (one file) or per claim (several); json: "
    "every field with offsets.",
)
def facts(src: SourceOptions, fmt: str) -> None:
    """List the facts reports state: figures, dates, counts, with subject and speaker.

    One file: every fact it states. Several: one line per claim with each source's
    value, and whether they agree, who differs, or who alone states it.

    \b
    Example:
      reconcile facts report.txt
      reconcile facts report.txt --format json
      reconcile facts a.txt b.txt c.txt
    """
    from ..render.facts import clusters_json, clusters_text, facts_json, facts_text

    if len(src.files) > 1:
        result = run(src)
        write(clusters_json(result) if fmt == "json" else clusters_text(result), None)
        return
    from .._cli_io import encodings_for, load_inputs, progress
    from ..facts import extract_facts

    (file,) = src.files
    try:
        with progress(f"reconcile: reading {file}…"):
            (doc,) = load_inputs([file], encodings_for(src.encoding, [file]), src.label or None)
            found = extract_facts(doc)
    except ReconcileError as exc:
        raise InputFailure(str(exc)) from None
    if not found:
        # Said on stderr, so stdout stays a (header-only) table a script can read.
        click.echo(
            f"No facts (figures, dates, counts) found in {'standard input' if file == '-' else file}.",
            err=True,
        )
    write(facts_json(doc, found) if fmt == "json" else facts_text(doc, found), None)
