"""The review an editor reads in a terminal (rich).

Side by side when the terminal is wide enough, stacked otherwise. Changed characters
(CJK) or words (Latin) are highlighted; where styles cannot be shown (a pipe, a file,
``--no-color``) they are marked wdiff-style: ``[-removed-]`` ``{+added+}``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..models import CanonicalSentence, Document, Fact, Pair, Result
from ..textdiff import diff_pieces
from .summary import summarize

Layout = Literal["auto", "side", "stacked"]

STYLE_A = "yellow"
STYLE_B = "cyan"
STYLE_DEL = "bold red"
STYLE_INS = "bold green"


@dataclass(frozen=True)
class TerminalOptions:
    """How the review is laid out.

    Attributes:
        layout: ``side`` by side, ``stacked``, or ``auto`` (side when >= 70 columns).
        full: show every identical pair instead of folding runs of them.
        markers: mark differences with ``[-…-]``/``{+…+}`` as well as with colour.
    """

    layout: Layout = "auto"
    full: bool = False
    markers: bool = False


@dataclass(frozen=True)
class _Row:
    kind: Literal["pair", "A", "B", "fold"]
    pair: Pair | None = None
    canonical: CanonicalSentence | None = None
    folded: tuple[Pair, ...] = ()


def render(result: Result, console: Console, options: TerminalOptions | None = None) -> None:
    """Print the review of ``result`` on ``console``."""
    opts = options or TerminalOptions()
    layout = opts.layout
    if layout == "auto":
        layout = "side" if console.width >= 70 else "stacked"
    console.print(_header(result))
    facts = _facts(result)
    if facts is not None:
        console.print(facts)
    console.print(Text("Alignment", style="bold underline"))
    rows = list(_rows(result, opts.full))
    if layout == "side":
        console.print(_side(result, rows, opts))
    else:
        for renderable in _stacked(result, rows, opts):
            console.print(renderable)
    console.print(_chrome(result))


def _header(result: Result) -> RenderableType:
    s = summarize(result)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold")
    grid.add_column()
    for doc, style in zip(result.documents, (STYLE_A, STYLE_B), strict=True):
        m = doc.metadata
        line = Text()
        line.append(m.title or "(no title)", style=f"bold {style}")
        details = [doc.source.path or "(text)", doc.source.encoding]
        if m.outlet:
            details.append(m.outlet)
        if m.published:
            details.append(m.published)
        details.append(f"{len(doc.segments)} sentences")
        line.append("\n" + " · ".join(details), style="dim")
        grid.add_row(Text(doc.id, style=style), line)
    shared = Text()
    shared.append(f"{s.pairs} aligned pairs", style="bold")
    shared.append(f": {s.identical} identical, {s.variant} variant")
    if s.moved:
        shared.append(f", {s.moved} moved")
    shared.append(f". A shares {s.shared['A']}/{s.total['A']} sentences, ")
    shared.append(f"B {s.shared['B']}/{s.total['B']}. ")
    shared.append(f"Only in A: {s.only['A']}", style=STYLE_A)
    shared.append(", ")
    shared.append(f"only in B: {s.only['B']}", style=STYLE_B)
    shared.append(".")
    return Panel(Group(grid, Text(), shared), title="reconcile diff", box=box.ROUNDED)


def _rows(result: Result, full: bool) -> Iterator[_Row]:
    pair_of = {sid: p for p in result.pairs for sid in p.a}
    run: list[Pair] = []

    def flush() -> Iterator[_Row]:
        if len(run) >= 3 and not full:
            yield _Row("fold", folded=tuple(run))
        else:
            yield from (_Row("pair", pair=p) for p in run)
        run.clear()

    for c in result.canonical:
        if len(c.sources) == 2:
            pair = pair_of[next(s for s in c.segments if s.startswith(result.documents[0].id))]
            if pair.relation == "identical" and not pair.moved:
                run.append(pair)
                continue
            yield from flush()
            yield _Row("pair", pair=pair, canonical=c)
        else:
            yield from flush()
            yield _Row("A" if c.sources[0] == result.documents[0].id else "B", canonical=c)
    yield from flush()


def _pair_texts(result: Result, pair: Pair, markers: bool) -> tuple[Text, Text]:
    a = _joined(result.documents[0], pair.a)
    b = _joined(result.documents[1], pair.b)
    if pair.relation == "identical":
        return Text(a, style="dim"), Text(b, style="dim")
    pa, pb = diff_pieces(a, b)
    ta, tb = Text(), Text()
    for text, changed in pa:
        if changed and markers:
            ta.append("[-" + text + "-]", style=STYLE_DEL)
        else:
            ta.append(text, style=STYLE_DEL if changed else "")
    for text, changed in pb:
        if changed and markers:
            tb.append("{+" + text + "+}", style=STYLE_INS)
        else:
            tb.append(text, style=STYLE_INS if changed else "")
    return ta, tb


def _joined(doc: Document, ids: tuple[str, ...]) -> str:
    return " ".join(doc.segments[int(i[1:])].text for i in ids)


def _mark(pair: Pair) -> Text:
    if pair.moved:
        return Text(f"↕{pair.score:.0f}", style="magenta")
    if pair.relation == "identical":
        return Text("=", style="dim")
    return Text(f"≈{pair.score:.0f}", style="bold")


def _ids(ids: tuple[str, ...]) -> str:
    return "+".join(ids)


def _side(result: Result, rows: list[_Row], opts: TerminalOptions) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column(result.documents[0].id, ratio=1, style=None, overflow="fold")
    table.add_column("", width=4, justify="center", no_wrap=True)
    table.add_column(result.documents[1].id, ratio=1, overflow="fold")
    for row in rows:
        if row.kind == "fold":
            first, last = row.folded[0], row.folded[-1]
            note = Text(
                f"… {len(row.folded)} identical sentences "
                f"({first.a[0]}–{last.a[-1]} = {first.b[0]}–{last.b[-1]}) …",
                style="dim italic",
            )
            table.add_row(note, Text("=", style="dim"), Text(""))
        elif row.kind == "pair" and row.pair is not None:
            ta, tb = _pair_texts(result, row.pair, opts.markers)
            table.add_row(
                Text(_ids(row.pair.a) + "·", style="dim") + ta,
                _mark(row.pair),
                Text(_ids(row.pair.b) + "·", style="dim") + tb,
            )
        elif row.canonical is not None:
            c = row.canonical
            style = STYLE_A if row.kind == "A" else STYLE_B
            cell = Text(_ids(c.segments) + "·", style="dim") + Text(c.text, style=style)
            mark = Text(f"+{row.kind}", style=f"bold {style}")
            if row.kind == "A":
                table.add_row(cell, mark, Text(""))
            else:
                table.add_row(Text(""), mark, cell)
    return table


def _stacked(result: Result, rows: list[_Row], opts: TerminalOptions) -> Iterator[RenderableType]:
    for row in rows:
        if row.kind == "fold":
            first, last = row.folded[0], row.folded[-1]
            yield Text(
                f"= {len(row.folded)} identical sentences ({first.a[0]}–{last.a[-1]} = "
                f"{first.b[0]}–{last.b[-1]})",
                style="dim italic",
            )
        elif row.kind == "pair" and row.pair is not None:
            ta, tb = _pair_texts(result, row.pair, opts.markers)
            head = Text(f"{_ids(row.pair.a)} ", style=STYLE_A) + _mark(row.pair)
            head += Text(f" {_ids(row.pair.b)}", style=STYLE_B)
            yield head
            yield _gutter([(Text("A│", style=STYLE_A), ta), (Text("B│", style=STYLE_B), tb)])
        elif row.canonical is not None:
            c = row.canonical
            style = STYLE_A if row.kind == "A" else STYLE_B
            yield Text(f"+{row.kind} {_ids(c.segments)} only in {row.kind}", style=f"bold {style}")
            yield _gutter([(Text(f"{row.kind}│", style=style), Text(c.text, style=style))])
        yield Text("")


def _gutter(lines: list[tuple[Text, Text]]) -> Table:
    """Text with a source marker in a gutter, so wrapped lines stay indented."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True, width=4, justify="right")
    grid.add_column(ratio=1, overflow="fold")
    for mark, text in lines:
        grid.add_row(mark, text)
    return grid


def _facts(result: Result) -> RenderableType | None:
    if not result.facts:
        return None
    facts = {f.id: f for f in result.facts}
    diff = result.fact_diff
    parts: list[RenderableType] = []
    if diff.conflicts:
        title = f"⚠ {len(diff.conflicts)} conflicting fact{'s' if len(diff.conflicts) > 1 else ''}"
        # A boxed table, not a Panel around one: a Panel renders its content twice over.
        t = Table(
            box=box.HEAVY,
            expand=True,
            title=title,
            title_style="bold red",
            border_style="bold red",
            title_justify="left",
        )
        t.add_column("subject", overflow="fold", ratio=1)
        t.add_column("A", overflow="fold", ratio=2)
        t.add_column("B", overflow="fold", ratio=2)
        for c in diff.conflicts:
            fa, fb = facts[c.a], facts[c.b]
            t.add_row(
                fa.subject or fb.subject or "?",
                _fact_cell(result, fa, STYLE_A),
                _fact_cell(result, fb, STYLE_B),
            )
        parts.append(t)
    for sid, style in (("A", STYLE_A), ("B", STYLE_B)):
        ids = diff.unique.get(sid, ())
        if not ids:
            continue
        t = Table(
            box=box.SIMPLE_HEAD,
            expand=True,
            title=f"{len(ids)} facts only in {sid}",
            title_style=f"bold {style}",
            title_justify="left",
        )
        t.add_column("subject", overflow="fold", ratio=2)
        t.add_column("value", style=style, no_wrap=True)
        t.add_column("speaker", overflow="fold", ratio=1)
        t.add_column("sentence", overflow="ellipsis", no_wrap=True, ratio=3, style="dim")
        for i in ids:
            f = facts[i]
            t.add_row(f.subject or "?", f.text, f.speaker or "", result.segment(f.segment).text)
        parts.append(t)
    parts.append(
        Text(
            f"{len(diff.shared)} facts shared, {len(diff.compatible)} written differently "
            f"but compatible, {len(diff.conflicts)} conflict{'' if len(diff.conflicts) == 1 else 's'}.",
            style="bold red" if diff.conflicts else "green",
        )
    )
    return Group(Text("Facts", style="bold underline"), *parts)


def _fact_cell(result: Result, fact: Fact, style: str) -> Text:
    """The value in bold, then the sentence that states it."""
    cell = Text(fact.text, style=f"bold {style}")
    cell.append("\n" + result.segment(fact.segment).text, style="dim")
    return cell


def _chrome(result: Result) -> RenderableType:
    t = Table(
        box=box.SIMPLE_HEAD, expand=True, title="Removed as site chrome", title_justify="left"
    )
    # Fixed minimum widths: with no_wrap columns rich would otherwise squeeze them to nothing.
    t.add_column("src", no_wrap=True, min_width=3)
    t.add_column("kind", no_wrap=True, style="dim", min_width=17)
    t.add_column("line", overflow="ellipsis", no_wrap=True, ratio=1)
    for doc, style in zip(result.documents, (STYLE_A, STYLE_B), strict=True):
        for b in doc.boilerplate:
            t.add_row(Text(doc.id, style=style), b.kind, b.text.strip())
    if not t.row_count:
        return Text("No site chrome found.", style="dim")
    return t
