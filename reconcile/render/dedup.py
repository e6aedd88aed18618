"""Terminal output of a dedup run: the summary table and the progress display (rich)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..dedup.results import Summary
from ..dedup.verify import RELATIONS


def render_summary(summary: Summary, console: Console) -> None:
    """One small table: documents read, problems, clusters, duplicates by relation, time."""
    table = Table(title="reconcile dedup", show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    table.add_row("documents read", f"{summary.read:,}")
    table.add_row("skipped (bad input)", f"{summary.errors:,}")
    if summary.again:
        table.add_row("already indexed", f"{summary.again:,}")
    table.add_row("clusters", f"{summary.clusters:,}")
    for relation in RELATIONS:
        table.add_row(f"  {relation}s", f"{summary.relations.get(relation, 0):,}")
    table.add_row("index holds", f"{summary.index_size:,}")
    table.add_row("time", f"{summary.seconds:.1f} s ({rate:,.0f} documents/s)")
    console.print(table)


def render_interrupted(
    console: Console, indexed: int, index: str | None, output: Path | None
) -> None:
    """What an interrupted run kept, and how to resume it."""
    if index is None:
        kept = (
            f"Interrupted after {indexed:,} documents; the index was temporary (no --index), "
            "so run the command again from the start (give --index to make a run resumable)."
        )
    else:
        kept = (
            f"Interrupted: {indexed:,} documents of this run are in the index {index} "
            "(every committed batch). Run the same command again to resume: documents "
            "already indexed are recognised, not indexed twice."
        )
    # soft_wrap: one line each, whatever the width, so the message can be searched for.
    console.print(kept, soft_wrap=True)
    if output is not None:
        console.print(
            f"{output} holds one final line per committed document "
            '({"committed": id, "relation": ..., "matched_with": ...}) and the error records.',
            soft_wrap=True,
        )


@contextmanager
def progress_display(console: Console) -> Iterator[Callable[[int], None] | None]:
    """A live counter on a terminal; ``None`` (no display at all) anywhere else."""
    if not console.is_terminal:
        yield None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.completed:,} documents"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("dedup", total=None)
        yield lambda done: progress.update(task, completed=done)
