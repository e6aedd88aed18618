"""The review an editor reads in a terminal (rich).

Side by side when the terminal is wide enough, stacked otherwise. Changed characters
(CJK) or words (Latin) are highlighted; where styles cannot be shown (a pipe, a file,
``--no-color``) they are marked wdiff-style: ``[-removed-]`` ``{+added+}``.

The alignment is drawn as precomposed ``Text`` lines, not a rich ``Table``: a table
measures and renders every cell several times, and was most of the run time of a review.
Lines are wrapped at word boundaries (a word is folded only when it is wider than its
column), so no word is broken at 80 columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from rich.console import Console
from rich.text import Text

from ..models import CanonicalSentence, Pair, Result
from ..segment import join_sentences
from ..textdiff import diff_pieces
from ._terminal_facts import facts_lines
from ._words import count
from .summary import summarize

Layout = Literal["auto", "side", "stacked"]

STYLE_A = "yellow"
STYLE_B = "cyan"
STYLE_DEL = "bold red"
STYLE_INS = "bold green"
_MARK_WIDTH = 7  # " ≈87  " between the two columns


@dataclass(frozen=True)
class TerminalOptions:
    """How the review is laid out.

    Attributes:
        layout: ``side`` by side, ``stacked``, or ``auto`` (side when >= 70 columns).
        full: show every identical pair and every fact instead of folding them.
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
    """Print the review of ``result`` on ``console`` (more than two sources:
    ``terminal_n``, group by group)."""
    if len(result.documents) > 2:
        from .terminal_n import render as render_n

        render_n(result, console, options)
        return
    opts = options or TerminalOptions()
    width = console.width
    layout = opts.layout
    if layout == "auto":
        layout = "side" if width >= 70 else "stacked"
    lines: list[Text] = [*_header(result, console, width)]
    lines += facts_lines(result, console, width, full=opts.full)
    lines.append(Text("Alignment", style="bold underline"))
    rows = list(_rows(result, opts.full))
    if layout == "side":
        lines += _side(result, rows, opts, console, width)
    else:
        lines += _stacked(result, rows, opts, console, width)
    lines += _chrome(result, width)
    # One print of pre-wrapped lines: rich only has to turn them into segments.
    console.print(Text("\n").join(lines), soft_wrap=True, crop=False)


def _wrap(text: Text, console: Console, width: int) -> list[Text]:
    """``text`` cut into lines of at most ``width`` cells, between words where it can be."""
    if width <= 0:
        return [text]
    return list(text.wrap(console, width, overflow="fold"))


def _header(result: Result, console: Console, width: int) -> Iterator[Text]:
    s = summarize(result)
    yield Text("reconcile diff", style="bold") + Text(" " + "─" * max(0, width - 15), style="dim")
    for doc, style in zip(result.documents, (STYLE_A, STYLE_B), strict=True):
        m = doc.metadata
        title = Text(f"{doc.id} ", style=style) + Text(
            m.title or "(no title)", style=f"bold {style}"
        )
        yield from _wrap(title, console, width)
        details = [doc.source.path or "(text)", doc.source.encoding]
        if m.outlet:
            details.append(m.outlet)
        if m.published:
            details.append(m.published)
        details.append(count(len(doc.segments), "sentence"))
        for line in _wrap(Text(" · ".join(details), style="dim"), console, width - 2):
            yield Text("  ") + line
    shared = Text()
    shared.append(count(s.pairs, "aligned pair"), style="bold")
    shared.append(f": {s.identical} identical, {s.variant} variant")
    if s.related:
        shared.append(f", {s.related} related (not merged)")
    if s.moved:
        shared.append(f", {s.moved} moved")
    a, b = result.sources
    shared.append(f". {a} shares {s.shared[a]}/{s.total[a]} sentences, ")
    shared.append(f"{b} {s.shared[b]}/{s.total[b]}. ")
    shared.append(f"Only in {a}: {s.only[a]}", style=STYLE_A)
    shared.append(", ")
    shared.append(f"only in {b}: {s.only[b]}", style=STYLE_B)
    shared.append(".")
    yield from _wrap(shared, console, width)
    yield Text("")


def _rows(result: Result, full: bool) -> Iterator[_Row]:
    pair_of = {sid: p for p in result.pairs for sid in p.a}
    related = {sid: p for p in result.pairs if p.relation == "related" for sid in (*p.a, *p.b)}
    shown: set[int] = set()
    run: list[Pair] = []

    def flush() -> Iterator[_Row]:
        if len(run) >= 3 and not full:
            yield _Row("fold", folded=tuple(run))
        else:
            yield from (_Row("pair", pair=p) for p in run)
        run.clear()

    for c in result.canonical:
        if len(c.sources) == 2:
            first = result.documents[0].id
            pair = pair_of[next(s for s in c.segments if result.segment(s).source == first)]
            if pair.relation == "identical" and not pair.moved:
                run.append(pair)
                continue
            yield from flush()
            yield _Row("pair", pair=pair, canonical=c)
        else:
            yield from flush()
            loose = related.get(c.segments[0])
            if loose is not None:
                # A related pair is two merged sentences, but one row here: the editor
                # sees how alike they are (~61) and that they were not merged.
                if id(loose) not in shown:
                    shown.add(id(loose))
                    yield _Row("pair", pair=loose)
                continue
            yield _Row("A" if c.sources[0] == result.documents[0].id else "B", canonical=c)
    yield from flush()


def _pair_texts(result: Result, pair: Pair, markers: bool) -> tuple[Text, Text]:
    a = _reading(result, 0, pair.a)
    b = _reading(result, 1, pair.b)
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


def _reading(result: Result, side: int, ids: tuple[str, ...]) -> str:
    """The sentences joined exactly as the merged text joins them (no false ``{+。 +}``)."""
    return join_sentences([result.segment(i).text for i in ids])


def _mark(pair: Pair) -> Text:
    if pair.moved:
        return Text(f"↕{pair.score:.0f}", style="magenta")
    if pair.relation == "identical":
        return Text("=", style="dim")
    if pair.relation == "related":
        return Text(f"~{pair.score:.0f}", style="dim")
    return Text(f"≈{pair.score:.0f}", style="bold")


def _ids(ids: tuple[str, ...]) -> str:
    return "+".join(ids)


def _fold_note(row: _Row) -> str:
    first, last = row.folded[0], row.folded[-1]
    return (
        f"{count(len(row.folded), 'identical sentence')} "
        f"({first.a[0]}–{last.a[-1]} = {first.b[0]}–{last.b[-1]})"
    )


def _side(
    result: Result, rows: list[_Row], opts: TerminalOptions, console: Console, width: int
) -> Iterator[Text]:
    col = max(10, (width - _MARK_WIDTH) // 2)
    ida, idb = result.documents[0].id, result.documents[1].id
    yield _columns([Text(ida, style="bold")], Text(""), [Text(idb, style="bold")], col)
    yield Text("─" * min(width, 2 * col + _MARK_WIDTH), style="dim")
    for row in rows:
        if row.kind == "fold":
            note = Text(f"… {_fold_note(row)} …", style="dim italic")
            yield from _wrap(note, console, width)
            continue
        if row.kind == "pair" and row.pair is not None:
            ta, tb = _pair_texts(result, row.pair, opts.markers)
            left = Text(_ids(row.pair.a) + "·", style="dim") + ta
            right = Text(_ids(row.pair.b) + "·", style="dim") + tb
            yield _columns(
                _wrap(left, console, col), _mark(row.pair), _wrap(right, console, col), col
            )
        elif row.canonical is not None:
            c = row.canonical
            style = STYLE_A if row.kind == "A" else STYLE_B
            cell = _wrap(
                Text(_ids(c.segments) + "·", style="dim") + Text(c.text, style=style), console, col
            )
            mark = Text(f"+{_short(_label(result, row.kind))}", style=f"bold {style}")
            yield (
                _columns(cell, mark, [], col) if row.kind == "A" else _columns([], mark, cell, col)
            )


def _columns(left: list[Text], mark: Text, right: list[Text], col: int) -> Text:
    """Two wrapped cells side by side with the pair's mark between them, as one Text."""
    out: list[Text] = []
    for k in range(max(len(left), len(right), 1)):
        line = left[k].copy() if k < len(left) else Text()
        line.pad_right(col - line.cell_len)
        m = mark if k == 0 else Text("")
        line.append(" " * ((_MARK_WIDTH - m.cell_len) // 2))
        line.append_text(m)
        line.pad_right(col + _MARK_WIDTH - line.cell_len)
        if k < len(right):
            line.append_text(right[k])
        line.rstrip()
        out.append(line)
    return Text("\n").join(out)


def _stacked(
    result: Result, rows: list[_Row], opts: TerminalOptions, console: Console, width: int
) -> Iterator[Text]:
    for row in rows:
        if row.kind == "fold":
            yield from _wrap(Text(f"= {_fold_note(row)}", style="dim italic"), console, width)
        elif row.kind == "pair" and row.pair is not None:
            ta, tb = _pair_texts(result, row.pair, opts.markers)
            head = Text(f"{_ids(row.pair.a)} ", style=STYLE_A) + _mark(row.pair)
            head += Text(f" {_ids(row.pair.b)}", style=STYLE_B)
            yield head
            ida, idb = result.sources
            yield from _gutter(Text(f"{ida}│", style=STYLE_A), ta, console, width)
            yield from _gutter(Text(f"{idb}│", style=STYLE_B), tb, console, width)
        elif row.canonical is not None:
            c = row.canonical
            style = STYLE_A if row.kind == "A" else STYLE_B
            label = _label(result, row.kind)
            yield Text(f"+{label} {_ids(c.segments)} only in {label}", style=f"bold {style}")
            yield from _gutter(
                Text(f"{label}│", style=style), Text(c.text, style=style), console, width
            )
        yield Text("")


def _gutter(mark: Text, text: Text, console: Console, width: int) -> Iterator[Text]:
    """Text with a source marker in a gutter, so wrapped lines stay indented."""
    bar = Text(" " * (mark.cell_len - 1) + "│", style=mark.style)
    for k, line in enumerate(_wrap(text, console, width - 2 - mark.cell_len)):
        yield Text("  ") + (mark if k == 0 else bar) + line


def _label(result: Result, side: str) -> str:
    """The id of the source on ``side`` ("A": the first column, "B": the second)."""
    return result.sources[0 if side == "A" else 1]


def _short(label: str) -> str:
    # The mark column between the two sides is _MARK_WIDTH cells wide.
    return label if len(label) <= _MARK_WIDTH - 2 else label[: _MARK_WIDTH - 3] + "…"


def _chrome(result: Result, width: int) -> Iterator[Text]:
    yield Text("")
    rows = [
        (doc.id, style, b.kind, b.text.strip())
        for doc, style in zip(result.documents, (STYLE_A, STYLE_B), strict=True)
        for b in doc.boilerplate
    ]
    if not rows:
        yield Text("No site chrome found.", style="dim")
        return
    yield Text("Removed as site chrome", style="bold")
    yield Text(f"{'src':<4}{'kind':<18}line", style="bold")
    for sid, style, kind, line in rows:
        t = Text(f"{sid:<4}", style=style) + Text(f"{kind:<18}", style="dim") + Text(line)
        t.truncate(width, overflow="ellipsis")
        yield t
