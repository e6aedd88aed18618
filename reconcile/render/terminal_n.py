"""The terminal review of N > 2 sources (two sources stay side by side: ``terminal``).

Side by side does not carry N columns at 80 columns, so the review goes group by group:
each merged sentence under the tag of every source that states it (``[A+C+D]``), each in
its own colour; where sources word it differently, one line per distinct wording under
the preferred one, with the changed characters (CJK) or words (Latin) marked against it
as wdiff does (``[-removed-]{+added+}``, or in colour on a terminal).
Runs of sentences that every source stating them words alike are folded. A source ×
source matrix at the top says who shares how many sentences.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Console
from rich.text import Text

from ..merge import inline_figures
from ..models import CanonicalSentence, Fact, Result
from ..textdiff import inline_pieces
from ._words import count
from .summary import summarize_groups
from .terminal import STYLE_DEL, STYLE_INS, TerminalOptions

# Distinct hues first; a source past the palette shares a colour but keeps its label,
# so nothing depends on colour alone.
PALETTE = ("yellow", "cyan", "magenta", "green", "blue", "red", "bright_yellow", "bright_cyan")
FOLD = 3  # runs of alike sentences at least this long are folded (as for two sources)
FACT_ROWS = 3  # facts one source alone gives, shown per source before folding


def render(result: Result, console: Console, options: TerminalOptions | None = None) -> None:
    """Print the N-source review of ``result`` on ``console``."""
    opts = options or TerminalOptions()
    width = console.width
    colour = {sid: PALETTE[k % len(PALETTE)] for k, sid in enumerate(result.sources)}
    lines: list[Text] = [*_header(result, console, width, colour)]
    lines += _facts(result, console, width, colour, opts.full)
    lines.append(Text("Alignment", style="bold underline"))
    lines += _sentences(result, console, width, colour, opts)
    console.print(Text("\n").join(lines), soft_wrap=True, crop=False)


def _wrap(text: Text, console: Console, width: int) -> list[Text]:
    return list(text.wrap(console, max(width, 10), overflow="fold"))


def _tag(sources: Sequence[str], colour: dict[str, str]) -> Text:
    t = Text("[")
    for k, sid in enumerate(sources):
        if k:
            t.append("+")
        t.append(sid, style=f"bold {colour[sid]}")
    t.append("]")
    return t


def _header(result: Result, console: Console, width: int, colour: dict[str, str]) -> Iterator[Text]:
    s = summarize_groups(result)
    n = len(result.documents)
    yield Text("reconcile diff", style="bold") + Text(" " + "─" * max(0, width - 15), style="dim")
    for doc in result.documents:
        m = doc.metadata
        line = Text(f"{doc.id} ", style=f"bold {colour[doc.id]}") + Text(m.title or "(no title)")
        details = [doc.source.path or "(text)"]
        details += [x for x in (m.outlet, m.published) if x]
        details.append(count(len(doc.segments), "sentence"))
        line.append(" · " + " · ".join(details), style="dim")
        yield from _wrap(line, console, width)
    head = Text(count(s.groups, "sentence group"), style="bold")
    head.append(f": {s.everywhere} in all {n} sources, {s.several} in several, ")
    head.append(f"{s.single} in one only")
    head.append(f", {s.moved} moved." if s.moved else ".")
    yield from _wrap(head, console, width)
    yield from _matrix(result, s.shared, s.total, s.only, colour, width)
    yield Text("")


def _matrix(
    result: Result,
    shared: dict[tuple[str, str], int],
    total: dict[str, int],
    only: dict[str, int],
    colour: dict[str, str],
    width: int,
) -> Iterator[Text]:
    """Who shares what: sentence groups stated by both, source × source.

    Long labels are numbered (``1 = bbc-politics-294``) so that 20 sources still fit
    in 80 columns; the last column is what the source alone says.
    """
    ids = result.sources
    short = all(len(i) <= 3 for i in ids)
    keys = {sid: sid if short else str(k + 1) for k, sid in enumerate(ids)}
    if not short:
        for sid in ids:
            yield Text(f"  {keys[sid]:>2} = ") + Text(sid, style=colour[sid])
    cell = max(max(len(k) for k in keys.values()), len(str(max(total.values(), default=0)))) + 1
    head = Text("shared".ljust(8), style="bold")
    for sid in ids:
        head.append(keys[sid].rjust(cell), style=f"bold {colour[sid]}")
    head.append("  only", style="bold")
    yield head
    for x in ids:
        row = Text(keys[x].ljust(8), style=f"bold {colour[x]}")
        for y in ids:
            row.append(str(shared[(x, y)]).rjust(cell), style="dim" if x == y else "")
        row.append(f"  {only.get(x, 0)}")
        row.truncate(width, overflow="ellipsis")
        yield row


def _facts(
    result: Result, console: Console, width: int, colour: dict[str, str], full: bool
) -> Iterator[Text]:
    yield Text("Facts", style="bold underline")
    if not result.facts:
        yield Text("No report states a fact (figure, date or count).", style="dim")
        yield Text("")
        return
    facts = {f.id: f for f in result.facts}
    disputes = result.disputes
    if disputes:
        yield Text(f"⚠ {count(len(disputes), 'conflicting fact')}", style="bold red")
    for k in disputes:
        yield from _wrap(Text("  " + k.reason, style="bold"), console, width)
        for v in k.values:
            mark = _tag(v.sources, colour) + Text(f" {v.text}", style="bold")
            if k.majority is v:
                mark.append(" (majority)", style="dim")
            yield Text("    ") + mark
            quote = Text(result.segment(facts[v.facts[0]].segment).text, style="dim")
            for line in _wrap(quote, console, width - 6):
                yield Text("      ") + line
    for sid in result.sources:
        alone = result.facts_only_in(sid)
        if not alone:
            continue
        shown = alone if full else alone[:FACT_ROWS]
        yield Text(count(len(alone), "fact") + f" only in {sid}", style=f"bold {colour[sid]}")
        for i in shown:
            f = facts[i]
            row = Text(f"  {f.text}", style=colour[sid]) + Text(f"  {f.subject or '?'}")
            row.truncate(width, overflow="ellipsis")
            yield row
        if len(shown) < len(alone):
            more = count(len(alone) - len(shown), "more fact")
            yield Text(f"  … {more} only in {sid} (--full shows all)", style="dim")
    several = [k for k in result.fact_clusters if len(k.sources) > 1]
    agreed = sum(1 for k in several if not k.conflict)
    summary = Text(
        f"{count(len(several), 'claim')} stated by several sources: {agreed} agree, "
        f"{len(disputes)} differ.",
        style="bold red" if disputes else "green",
    )
    yield from _wrap(summary, console, width)
    yield Text("")


def _alike(c: CanonicalSentence) -> bool:
    return len(c.sources) > 1 and not c.alternatives and not c.disputes


def _sentences(
    result: Result, console: Console, width: int, colour: dict[str, str], opts: TerminalOptions
) -> Iterator[Text]:
    facts = {f.id: f for f in result.facts}
    moved = {s for g in result.groups if g.moved_in for m in g.members for s in m.segments}
    run: list[CanonicalSentence] = []

    def flush() -> Iterator[Text]:
        if not run:
            return
        if len(run[0].sources) == 1:
            # One source's own sentences in a row: one heading, then its text.
            sid = run[0].sources[0]
            head = _tag(run[0].sources, colour)
            head.append(f" only in {sid}", style=colour[sid])
            if len(run) > 1:
                head.append(f" · {count(len(run), 'sentence')}", style="dim")
            yield head
            for c in run:
                yield from _gutter(sid, Text(c.text, style=colour[sid]), console, width, colour)
            yield Text("")
        elif len(run) >= FOLD and not opts.full:
            tags = sorted({"+".join(c.sources) for c in run}, key=len, reverse=True)
            note = f"… {count(len(run), 'sentence')} worded alike by every source stating it"
            line = Text(f"{note} ([{'], ['.join(tags)}]) …", style="dim italic")
            yield from _wrap(line, console, width)
            yield Text("")
        else:
            for c in run:
                yield from _sentence(c, result, console, width, colour, opts, facts, moved)
        run.clear()

    def kind(c: CanonicalSentence) -> str:
        if moved & set(c.segments) or c.disputes:
            return ""
        if len(c.sources) == 1:
            return "only " + c.sources[0]
        return "alike" if _alike(c) else ""

    for c in result.canonical:
        k = kind(c)
        if run and (not k or k != kind(run[0])):
            yield from flush()
        if k:
            run.append(c)
        else:
            yield from _sentence(c, result, console, width, colour, opts, facts, moved)
    yield from flush()


def _sentence(
    c: CanonicalSentence,
    result: Result,
    console: Console,
    width: int,
    colour: dict[str, str],
    opts: TerminalOptions,
    facts: dict[str, Fact],
    moved: set[str],
) -> Iterator[Text]:
    head = _tag(c.sources, colour)
    if len(c.sources) == 1:
        head.append(f" only in {c.sources[0]}", style=colour[c.sources[0]])
    elif c.alternatives:
        head.append(f" {len({a.text for a in c.alternatives}) + 1} wordings", style="bold")
    else:
        head.append(" =", style="dim")
    if moved & set(c.segments):
        head.append(" ↕ moved", style="magenta")
    yield head
    main_source = result.segment(c.segments[0]).source
    text = inline_figures(c, facts) if c.disputes else c.text
    style = colour[main_source] if len(c.sources) == 1 else ""
    yield from _gutter(main_source, Text(text, style=style), console, width, colour)
    wordings: dict[str, list[str]] = {}
    for alt in c.alternatives:
        wordings.setdefault(alt.text, []).append(alt.source)
    for alt_text, who in wordings.items():
        # One line per wording, as wdiff shows it against the first: what it lacks
        # [-struck-], what it has instead {+added+}.
        t = Text()
        for piece, mark in inline_pieces(c.text, alt_text):
            style = {"-": STYLE_DEL, "+": STYLE_INS}.get(mark, "")
            if mark != "=" and opts.markers:
                piece = f"[-{piece}-]" if mark == "-" else "{+" + piece + "+}"
            t.append(piece, style=style)
        yield from _gutter(",".join(who), t, console, width, colour)
    yield Text("")


def _gutter(
    label: str, text: Text, console: Console, width: int, colour: dict[str, str]
) -> Iterator[Text]:
    """``A│ text``, wrapped lines indented under the bar, the label in its colour."""
    first = label.split(",")[0]
    pad = min(len(label), 12)
    shown = label if len(label) <= 12 else label[:11] + "…"
    mark = Text(f"  {shown:>{pad}}│ ", style=colour.get(first, ""))
    for k, line in enumerate(_wrap(text, console, width - pad - 4)):
        yield (mark if k == 0 else Text(" " * (pad + 2) + "│ ", style="dim")) + line
