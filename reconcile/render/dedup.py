"""Terminal output of dedup: the summary table, the progress display, explanations (rich)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..dedup.explain import Explanation, Placement
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


_QUOTE = 360  # characters of a passage shown on each side


def render_explanation(expl: Explanation, console: Console) -> None:
    """The pair's scores against the thresholds, the verdict, the shared passages."""
    c = expl.config
    # Ids and quoted text are data, never rich markup: Text, not markup strings.
    console.print(Text.assemble((expl.a, "bold"), " and ", (expl.b, "bold")))
    table = Table(show_header=True, box=None, pad_edge=False)
    table.add_column("score")
    table.add_column("value", justify="right")
    table.add_column("rule")
    table.add_row(
        "exact Jaccard",
        f"{expl.jaccard:.3f}",
        _rule(expl.jaccard, c.duplicate, "a duplicate"),
    )
    table.add_row(
        "containment",
        f"{expl.containment:.3f}",
        _rule(expl.containment, c.excerpt, "an excerpt") + " (share of the smaller)",
    )
    table.add_row("estimated Jaccard", f"{expl.estimated_jaccard:.3f}", "MinHash, what LSH sees")
    table.add_row(
        "document bands",
        f"{expl.bands_shared} of {c.bands}",
        "a candidate pair" if expl.bands_shared else "no band shared",
    )
    table.add_row(
        "passage keys",
        f"{expl.passage_keys_shared}",
        "a candidate pair" if expl.passage_keys_shared else "no paragraph key shared",
    )
    table.add_row(
        "shared passages",
        f"{len(expl.passages)}",
        f"paragraph Jaccard >= {c.passage:g}, paragraphs of >= {c.min_paragraph_shingles} shingles",
    )
    console.print(table)
    console.print(Text(expl.verdict()))
    if expl.placements is not None:
        for doc_id, place in zip((expl.a, expl.b), expl.placements, strict=True):
            console.print(Text(f"  in the index: {_placement(doc_id, place)}"))
    if expl.passages:
        side = Table(show_header=True, show_lines=True, expand=True)
        side.add_column(Text(expl.a), ratio=1)
        side.add_column(Text(expl.b), ratio=1)
        side.add_column("Jaccard", justify="right")
        for p in expl.passages:
            side.add_row(
                Text(f"¶{p.paragraph_a}: {_cut(p.text_a)}"),
                Text(f"¶{p.paragraph_b}: {_cut(p.text_b)}"),
                f"{p.jaccard:.3f}",
            )
        console.print(side)


def _rule(value: float, threshold: float, what: str) -> str:
    return f"{'>=' if value >= threshold else '<'} {threshold:g}: {'' if value >= threshold else 'not '}{what}"


def _placement(doc_id: str, place: Placement | None) -> str:
    if place is None:
        return f"{doc_id} is not indexed"
    if place.relation is None:
        return f"{doc_id} opened the cluster {place.cluster}"
    return (
        f"{doc_id} is in the cluster {place.cluster}, {place.relation} of "
        f"{place.matched_with} ({place.similarity:.3f})"
    )


def _cut(text: str) -> str:
    return text if len(text) <= _QUOTE else text[: _QUOTE - 1] + "…"
