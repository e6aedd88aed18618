"""The review an editor reads in a terminal.

Side by side when the terminal is wide enough, stacked otherwise. Changed characters
(CJK) or words (Latin) are highlighted; where styles cannot be shown (a pipe, a file,
``--no-color``) they are marked wdiff-style: ``[-removed-]`` ``{+added+}``.

The review is drawn as precomposed ``Styled`` lines (``_styled``), not rich ``Table``s nor
``Text``s printed by a ``Console``: the output is what rich printed, at a third of the
cost. Lines are wrapped at word boundaries (a word is folded only when it is wider than
its column), so no word is broken at 80 columns.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..models import CanonicalSentence, Pair, Result
from ..segment import join_sentences
from ..textdiff import diff_pieces
from ._styled import Styled, ansi, join
from ._terminal_facts import facts_lines
from ._words import count
from ._wrap import wrap
from .summary import summarize

if TYPE_CHECKING:
    from rich.console import Console

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


# A NamedTuple: a private record, defined at import for a third of a dataclass's cost.
class _Row(NamedTuple):
    kind: Literal["pair", "A", "B", "fold"]
    pair: Pair | None = None
    canonical: CanonicalSentence | None = None
    folded: tuple[Pair, ...] = ()


def render(result: Result, console: Console, options: TerminalOptions | None = None) -> None:
    """Print the review of ``result`` on a rich ``console`` (more than two sources:
    ``terminal_n``, group by group), as ``console.print`` would print it."""
    if len(result.documents) > 2:
        from .terminal_n import render as render_n

        render_n(result, console, options)
        return
    styles = console.color_system is not None
    text = review(result, console.width, options, styles=styles, colour=not console.no_color)
    console.file.write(text)
    console.file.flush()


def review(
    result: Result,
    width: int,
    options: TerminalOptions | None = None,
    *,
    styles: bool,
    colour: bool = True,
) -> str:
    """The two-source review as terminal text, ``width`` cells wide.

    ``styles``: SGR escapes for colour and emphasis (else plain text); ``colour=False``
    keeps bold and dim but no colours.
    """
    opts = options or TerminalOptions()
    layout = opts.layout
    if layout == "auto":
        layout = "side" if width >= 70 else "stacked"
    lines: list[Styled] = [*_header(result, width)]
    lines += facts_lines(result, width, full=opts.full)
    lines.append(Styled("Alignment", style="bold underline"))
    rows = list(_rows(result, opts.full))
    if layout == "side":
        lines += _side(result, rows, opts, width)
    else:
        lines += _stacked(result, rows, opts, width)
    lines += _chrome(result, width)
    return ansi(lines, styles=styles, colour=colour)


def _wrap(text: Styled, width: int) -> list[Styled]:
    """``text`` cut into lines of at most ``width`` cells, between words where it can be."""
    return wrap(text, None, width)


def _header(result: Result, width: int) -> Iterator[Styled]:
    s = summarize(result)
    yield Styled("reconcile diff", style="bold") + Styled(
        " " + "─" * max(0, width - 15), style="dim"
    )
    for doc, style in zip(result.documents, (STYLE_A, STYLE_B), strict=True):
        m = doc.metadata
        title = Styled(f"{doc.id} ", style=style) + Styled(
            m.title or "(no title)", style=f"bold {style}"
        )
        yield from _wrap(title, width)
        details = [doc.source.path or "(text)", doc.source.encoding]
        if m.outlet:
            details.append(m.outlet)
        if m.published:
            details.append(m.published)
        details.append(count(len(doc.segments), "sentence"))
        for line in _wrap(Styled(" · ".join(details), style="dim"), width - 2):
            yield Styled("  ") + line
    shared = Styled()
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
    yield from _wrap(shared, width)
    yield Styled("")


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


def _pair_texts(result: Result, pair: Pair, markers: bool) -> tuple[Styled, Styled]:
    a = _reading(result, 0, pair.a)
    b = _reading(result, 1, pair.b)
    if pair.relation == "identical":
        return Styled(a, style="dim"), Styled(b, style="dim")
    pa, pb = diff_pieces(a, b)
    ta, tb = Styled(), Styled()
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


def _mark(pair: Pair) -> Styled:
    if pair.moved:
        return Styled(f"↕{pair.score:.0f}", style="magenta")
    if pair.relation == "identical":
        return Styled("=", style="dim")
    if pair.relation == "related":
        return Styled(f"~{pair.score:.0f}", style="dim")
    return Styled(f"≈{pair.score:.0f}", style="bold")


def _ids(ids: tuple[str, ...]) -> str:
    return "+".join(ids)


def _fold_note(row: _Row) -> str:
    first, last = row.folded[0], row.folded[-1]
    return (
        f"{count(len(row.folded), 'identical sentence')} "
        f"({first.a[0]}–{last.a[-1]} = {first.b[0]}–{last.b[-1]})"
    )


def _side(result: Result, rows: list[_Row], opts: TerminalOptions, width: int) -> Iterator[Styled]:
    col = max(10, (width - _MARK_WIDTH) // 2)
    ida, idb = result.documents[0].id, result.documents[1].id
    yield _columns([Styled(ida, style="bold")], Styled(""), [Styled(idb, style="bold")], col)
    yield Styled("─" * min(width, 2 * col + _MARK_WIDTH), style="dim")
    for row in rows:
        if row.kind == "fold":
            note = Styled(f"… {_fold_note(row)} …", style="dim italic")
            yield from _wrap(note, width)
            continue
        if row.kind == "pair" and row.pair is not None:
            ta, tb = _pair_texts(result, row.pair, opts.markers)
            left = Styled(_ids(row.pair.a) + "·", style="dim") + ta
            right = Styled(_ids(row.pair.b) + "·", style="dim") + tb
            yield _columns(_wrap(left, col), _mark(row.pair), _wrap(right, col), col)
        elif row.canonical is not None:
            c = row.canonical
            style = STYLE_A if row.kind == "A" else STYLE_B
            cell = _wrap(
                Styled(_ids(c.segments) + "·", style="dim") + Styled(c.text, style=style), col
            )
            mark = Styled(f"+{_short(_label(result, row.kind))}", style=f"bold {style}")
            yield (
                _columns(cell, mark, [], col) if row.kind == "A" else _columns([], mark, cell, col)
            )


def _columns(left: list[Styled], mark: Styled, right: list[Styled], col: int) -> Styled:
    """Two wrapped cells side by side with the pair's mark between them, as one line."""
    out: list[Styled] = []
    for k in range(max(len(left), len(right), 1)):
        line = left[k].copy() if k < len(left) else Styled()
        line.pad_right(col - line.cell_len)
        m = mark if k == 0 else Styled("")
        line.append(" " * ((_MARK_WIDTH - m.cell_len) // 2))
        line.append_text(m)
        line.pad_right(col + _MARK_WIDTH - line.cell_len)
        if k < len(right):
            line.append_text(right[k])
        line.rstrip()
        out.append(line)
    return join("\n", out)


def _stacked(
    result: Result, rows: list[_Row], opts: TerminalOptions, width: int
) -> Iterator[Styled]:
    for row in rows:
        if row.kind == "fold":
            yield from _wrap(Styled(f"= {_fold_note(row)}", style="dim italic"), width)
        elif row.kind == "pair" and row.pair is not None:
            ta, tb = _pair_texts(result, row.pair, opts.markers)
            head = Styled(f"{_ids(row.pair.a)} ", style=STYLE_A) + _mark(row.pair)
            head += Styled(f" {_ids(row.pair.b)}", style=STYLE_B)
            yield head
            ida, idb = result.sources
            yield from _gutter(Styled(f"{ida}│", style=STYLE_A), ta, width)
            yield from _gutter(Styled(f"{idb}│", style=STYLE_B), tb, width)
        elif row.canonical is not None:
            c = row.canonical
            style = STYLE_A if row.kind == "A" else STYLE_B
            label = _label(result, row.kind)
            yield Styled(f"+{label} {_ids(c.segments)} only in {label}", style=f"bold {style}")
            yield from _gutter(Styled(f"{label}│", style=style), Styled(c.text, style=style), width)
        yield Styled("")


def _gutter(mark: Styled, text: Styled, width: int) -> Iterator[Styled]:
    """Text with a source marker in a gutter, so wrapped lines stay indented."""
    bar = Styled(" " * (mark.cell_len - 1) + "│", style=mark.style)
    for k, line in enumerate(_wrap(text, width - 2 - mark.cell_len)):
        yield Styled("  ") + (mark if k == 0 else bar) + line


def _label(result: Result, side: str) -> str:
    """The id of the source on ``side`` ("A": the first column, "B": the second)."""
    return result.sources[0 if side == "A" else 1]


def _short(label: str) -> str:
    # The mark column between the two sides is _MARK_WIDTH cells wide.
    return label if len(label) <= _MARK_WIDTH - 2 else label[: _MARK_WIDTH - 3] + "…"


def _chrome(result: Result, width: int) -> Iterator[Styled]:
    yield Styled("")
    rows = [
        (doc.id, style, b.kind, b.text.strip())
        for doc, style in zip(result.documents, (STYLE_A, STYLE_B), strict=True)
        for b in doc.boilerplate
    ]
    if not rows:
        yield Styled("No site chrome found.", style="dim")
        return
    yield Styled("Removed as site chrome", style="bold")
    yield Styled(f"{'src':<4}{'kind':<18}line", style="bold")
    for sid, style, kind, line in rows:
        t = Styled(f"{sid:<4}", style=style) + Styled(f"{kind:<18}", style="dim") + Styled(line)
        t.truncate(width, "ellipsis")
        yield t
