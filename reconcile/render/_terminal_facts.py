"""The facts part of the terminal review: conflicts, then the facts only one side states.

Folded by default: every conflict is shown (they are what an editor must settle), then
the facts one source alone states, most telling first, up to a fixed number of rows;
``--full`` shows them all. A fold says how many rows it hides and how to see them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.cells import cell_len, set_cell_size

from ..models import Fact, Result
from ._styled import Styled
from ._words import count

STYLE_A = "yellow"
STYLE_B = "cyan"
# Rows of facts-only-in-one-source shown per source before folding: enough to see what
# one report adds, few enough that the alignment stays on the first screen.
FOLDED_ROWS = 5
# Figures (money, shares, counts) say more about what a report adds than dates do.
_KIND_RANK = {"amount": 0, "percent": 1, "count": 2, "points": 3, "duration": 4, "date": 5}


def ranked(facts: Sequence[Fact]) -> list[Fact]:
    """Facts most worth an editor's eye first: with a subject, a figure, a speaker."""
    return sorted(
        facts,
        key=lambda f: (f.subject is None, _KIND_RANK.get(f.kind, 4), f.speaker is None),
    )


def facts_lines(result: Result, width: int, full: bool) -> Iterator[Styled]:
    """The facts section, as lines already cut to ``width``."""
    if not result.facts:
        yield Styled("Facts", style="bold underline")
        yield Styled("Neither report states a fact (figure, date or count).", style="dim")
        yield Styled("")
        return
    facts = {f.id: f for f in result.facts}
    diff = result.fact_diff
    yield Styled("Facts", style="bold underline")
    if diff.conflicts:
        title = f"⚠ {count(len(diff.conflicts), 'conflicting fact')}"
        yield Styled(title, style="bold red")
        for c in diff.conflicts:
            fa, fb = facts[c.a], facts[c.b]
            # The library's reason names the subject, the period and both values; it is
            # shown as written, with the two values picked out.
            head = Styled(
                "  "
                + (
                    c.reason
                    or f"{fa.subject or fb.subject or fa.kind}: {fa.text} in {fa.source}, {fb.text} in {fb.source}"
                ),
                style="bold",
            )
            head.highlight_words([fa.text], style=STYLE_A)
            head.highlight_words([fb.text], style=STYLE_B)
            yield from head.wrap(None, width, overflow="fold")
            for f, style in ((fa, STYLE_A), (fb, STYLE_B)):
                quote = Styled(result.segment(f.segment).text, style="dim")
                # Wrapped beside a gutter, so a long CJK sentence starts on the marker's line.
                for k, line in enumerate(quote.wrap(None, width - 7, overflow="fold")):
                    mark = f"    {f.source}│ " if k == 0 else "     │ "
                    yield Styled(mark, style=style) + line
    for sid, style in zip(result.sources, (STYLE_A, STYLE_B), strict=False):
        ids = diff.unique.get(sid, ())
        if not ids:
            continue
        shown = [facts[i] for i in ids]
        hidden = 0
        if not full and len(shown) > FOLDED_ROWS:
            keep = {f.id for f in ranked(shown)[:FOLDED_ROWS]}
            hidden = len(shown) - FOLDED_ROWS
            shown = [f for f in shown if f.id in keep]  # back in reading order
        yield Styled(count(len(ids), "fact") + f" only in {sid}", style=f"bold {style}")
        yield Styled(_row("value", "subject", "sentence", width), style="bold")
        for f in shown:
            line = Styled(_row(f.text, f.subject or "-", result.segment(f.segment).text, width))
            line.stylize(style, 2, 2 + len(_cells(f.text, 12)))
            line.truncate(width, "ellipsis")
            yield line
        if hidden:
            yield Styled(
                f"  … {count(hidden, 'more fact')} only in {sid} (--full shows all)", style="dim"
            )
    summary = (
        f"{count(len(diff.shared), 'fact')} shared, {len(diff.compatible)} written differently "
        f"but compatible, {count(len(diff.conflicts), 'conflict')}."
    )
    yield Styled(summary, style="bold red" if diff.conflicts else "green")
    yield Styled("")


def _row(value: str, subject: str, sentence: str, width: int) -> str:
    """A fact row: value and subject in fixed columns, the sentence in what is left.

    Columns are measured in terminal cells, so Chinese (two cells a character) lines up.
    """
    subject_width = max(12, width // 4)
    return f"  {_cells(value, 12)} {_cells(subject, subject_width)} {sentence}"


def _cells(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells, with ``…`` where it was cut."""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
