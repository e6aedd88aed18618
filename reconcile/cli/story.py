"""``reconcile story``: reconcile what ``reconcile dedup`` put together in a feed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import ReconcileError
from ._app import InputFailure, main, write
from ._sources import serialise

_SUFFIX = {"markdown": ".md", "json": ".json", "html": ".html", "text": ".txt"}


@main.command()
@click.argument("feed", type=click.Path(allow_dash=True))
@click.argument("doc_id", metavar="[ID]", required=False)
@click.option(
    "--index",
    "index_at",
    required=True,
    metavar="PATH|URL",
    help="The index `reconcile dedup` built from this feed (SQLite file or redis://…).",
)
@click.option("--all", "every", is_flag=True, help="Every story of the feed, one report each.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="With ID: write the report here. With --all: the directory for the reports.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json", "html", "text"]),
    default="markdown",
    show_default=True,
    help="markdown: the merged report; json: reconcile/1 or /2; html: the review page; "
    "text: the terminal review.",
)
@click.option(
    "--id-labels", is_flag=True, help="Label sources by document id instead of A, B, C, …"
)
@click.option("--id-field", default="id", show_default=True, help="JSONL field holding the id.")
@click.option("--text-field", default="text", show_default=True, help="JSONL field with the text.")
def story(
    feed: str,
    doc_id: str | None,
    index_at: str,
    every: bool,
    output: Path | None,
    fmt: str,
    id_labels: bool,
    id_field: str,
    text_field: str,
) -> None:
    """Reconcile a story of a deduplicated feed: a cluster and what overlaps it.

    ID is any document of the story. A story is a cluster of two or more documents
    (duplicates, excerpts, updated versions) together with the clusters its documents
    share passages with, as far as FEED still holds them. With --all, every such story
    is written to -o DIR, one report per story named after its first document.

    \b
    Example:
      reconcile dedup feed.jsonl --index feed.db -o clusters.jsonl
      reconcile story feed.jsonl --index feed.db bbc-politics-294
      reconcile story feed.jsonl --index feed.db --all -o stories/
    """
    if every == (doc_id is not None):
        raise click.UsageError("give one story's ID, or --all (with -o DIR)")
    if every and output is None:
        raise click.UsageError("--all writes one report per story: give the directory with -o")
    if "://" not in index_at and not Path(index_at).exists():
        raise InputFailure(f"{index_at}: no such index (run reconcile dedup FEED --index first)")
    from ..dedup import DedupConfig, open_index, read_inputs
    from ..dedup.records import Record
    from ..pipeline import reconcile, source_labels
    from ..render._words import count
    from ..story import file_name, find_stories, story_documents, story_of

    try:
        cfg = DedupConfig(id_field=id_field, text_field=text_field)
        records = {r.id: r for r in read_inputs([feed], cfg) if isinstance(r, Record)}
        with open_index(index_at, cfg) as index:
            stories = find_stories(list(records), index)
        chosen = stories if every else [story_of(str(doc_id), stories)]
        taken: set[str] = set()
        for s in chosen:
            labels = s.members if id_labels else source_labels(len(s.members))
            result = reconcile(*story_documents(s, records, labels))
            if s.missing:
                click.echo(
                    f"Note: story {s.id}: {', '.join(s.missing)} not in {feed}; left out.",
                    err=True,
                )
            if not every:
                _emit(result, fmt, output)
                continue
            assert output is not None
            output.mkdir(parents=True, exist_ok=True)
            path = output / (file_name(s.id, taken) + _SUFFIX[fmt])
            _emit(result, fmt, path)
            conflicts = count(len(result.disputes), "conflicting fact")
            click.echo(f"{path}\t{len(s.members)} reports\t{conflicts}")
    except ReconcileError as exc:
        raise InputFailure(str(exc)) from None
    except OSError as exc:
        raise InputFailure(f"{exc.filename or output}: {exc.strerror or exc}") from None
    if every and not stories:
        click.echo(f"No story of two or more documents in {feed} and {index_at}.", err=True)


def _emit(result: Any, fmt: str, output: Path | None) -> None:
    if fmt != "text":
        write(serialise(result, fmt), output)
        return
    import io

    from rich.console import Console

    from ..render.terminal import TerminalOptions, render

    console = Console(file=io.StringIO(), width=100, no_color=True, highlight=False)
    render(result, console, TerminalOptions(markers=True))
    write(console.file.getvalue(), output)  # type: ignore[attr-defined]  # the StringIO
