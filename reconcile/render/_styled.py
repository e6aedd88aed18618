"""Styled lines of the terminal review, and the text a terminal is sent for them.

The review used to be rich ``Text`` lines printed by a rich ``Console``. Importing the
console, text, style and colour modules is ~17 ms of every ``reconcile diff``, and building
and printing the lines through them was another ~18 ms (a third of the run). The review
needs little of that: lines of characters with styles over spans, wrapped to a width, and
SGR escapes for a handful of styles. ``Styled`` keeps rich's ``Text`` behaviour for the
operations the review uses (spans are kept, clipped and combined as rich keeps them), wraps
with rich's own ``divide_line`` and cell widths, and ``ansi`` writes each style as rich's
``Style.render`` writes it, so the output is byte for byte what rich printed
(``tests/test_styled.py`` holds them equal).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise

from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size

Span = tuple[int, int, str]

# The control codes rich's Text drops from its input (bell, backspace, VT, FF, CR).
_CONTROL = dict.fromkeys((7, 8, 11, 12, 13))
_TRAILING_SPACE = re.compile(r"\s+$")


class Styled:
    """A line of text with a base style and styled spans (rich ``Text`` semantics).

    Example:
        >>> line = Styled("A ", "yellow") + Styled("title", "bold yellow")
        >>> line.plain, line.spans
        ('A title', [(2, 7, 'bold yellow')])
    """

    __slots__ = ("plain", "spans", "style")

    def __init__(self, plain: str = "", style: str = "", spans: list[Span] | None = None):
        self.plain = plain.translate(_CONTROL)
        self.style = style
        self.spans: list[Span] = spans if spans is not None else []

    def __len__(self) -> int:
        return len(self.plain)

    def __add__(self, other: str | Styled) -> Styled:
        return self.copy().append(other)

    def __getitem__(self, cut: slice) -> Styled:
        start, stop, step = cut.indices(len(self.plain))
        if step != 1:
            raise TypeError("slices with a step are not supported")
        return self.divide([start, stop])[1]

    @property
    def cell_len(self) -> int:
        return cell_len(self.plain)

    def copy(self) -> Styled:
        return _make(self.plain, self.style, list(self.spans))

    def append(self, text: str | Styled, style: str = "") -> Styled:
        """Add ``text`` at the end; a ``Styled``'s base style becomes a span."""
        if len(text):
            if isinstance(text, str):
                text = text.translate(_CONTROL)
                if style:
                    self.spans.append((len(self.plain), len(self.plain) + len(text), style))
                self.plain += text
            else:
                self.append_text(text)
        return self

    def append_text(self, text: Styled) -> Styled:
        at = len(self.plain)
        if text.style:
            self.spans.append((at, at + len(text.plain), text.style))
        self.spans.extend((a + at, b + at, s) for a, b, s in text.spans)
        self.plain += text.plain
        return self

    def stylize(self, style: str, start: int = 0, end: int | None = None) -> None:
        length = len(self.plain)
        end = length if end is None else end
        if style and start < length and end > start:
            self.spans.append((start, min(length, end), style))

    def highlight_words(self, words: Iterable[str], style: str) -> None:
        pattern = "|".join(re.escape(word) for word in words)
        self.spans.extend((*m.span(), style) for m in re.finditer(pattern, self.plain))

    def pad_right(self, count: int) -> None:
        if count > 0:
            self.plain += " " * count

    def rstrip(self) -> None:
        self._set_plain(self.plain.rstrip())

    def rstrip_end(self, size: int) -> None:
        """Drop trailing whitespace beyond ``size`` characters (as rich's wrap does)."""
        excess = len(self.plain) - size
        if excess > 0:
            space = _TRAILING_SPACE.search(self.plain)
            if space is not None:
                self._crop(min(len(space.group()), excess))

    def truncate(self, width: int, overflow: str = "fold") -> None:
        """Cut to ``width`` cells; ``ellipsis`` ends a cut line with ``…``."""
        if cell_len(self.plain) > width:
            if overflow == "ellipsis":
                self._set_plain(set_cell_size(self.plain, width - 1) + "…")
            else:
                self._set_plain(set_cell_size(self.plain, width))

    def divide(self, offsets: Sequence[int]) -> list[Styled]:
        """The pieces between ``offsets``, each with its part of every span."""
        if not offsets:
            return [self.copy()]
        bounds = [0, *offsets, len(self.plain)]
        ranges = list(pairwise(bounds))
        lines = [_make(self.plain[a:b], self.style, []) for a, b in ranges]
        for start, end, style in self.spans:
            for line, (a, b) in zip(lines, ranges, strict=True):
                lo, hi = max(0, start - a), min(end - a, b - a)
                if hi > lo:
                    line.spans.append((lo, hi, style))
        return lines

    def wrap(self, console: object, width: int, overflow: str = "fold") -> list[Styled]:
        """Lines of at most ``width`` cells, cut between words where possible (rich's
        ``Text.wrap``; ``console`` is unused, kept so either kind of line wraps alike)."""
        if "\n" in self.plain or "\t" in self.plain:
            return _rich_wrap(self, width, overflow)
        lines = self.divide(divide_line(self.plain, width, fold=overflow == "fold"))
        for line in lines:
            line.rstrip_end(width)
            line.truncate(width, overflow)
        return lines

    def _set_plain(self, plain: str) -> None:
        # As rich's ``Text.plain`` setter: spans past a shorter text are cut at its end.
        if plain != self.plain:
            shorter = len(plain) < len(self.plain)
            self.plain = plain.translate(_CONTROL)
            if shorter:
                self._trim(len(self.plain))

    def _crop(self, amount: int) -> None:
        self._trim(len(self.plain) - amount)
        self.plain = self.plain[:-amount]

    def _trim(self, limit: int) -> None:
        self.spans = [(a, min(b, limit), s) for a, b, s in self.spans if a < limit]


def _make(plain: str, style: str, spans: list[Span]) -> Styled:
    # A copy of text already cleaned: no second pass over its characters.
    line = Styled.__new__(Styled)
    line.plain, line.style, line.spans = plain, style, spans
    return line


def join(separator: str, lines: Iterable[Styled]) -> Styled:
    """``lines`` joined by ``separator``; each line's base style becomes a span."""
    out = Styled()
    for k, line in enumerate(lines):
        if k and separator:
            out.plain += separator
        out.append_text(line)
    return out


def _rich_wrap(line: Styled, width: int, overflow: str) -> list[Styled]:
    # Tabs and newlines (never in review text) are left to rich itself.
    from rich.text import Span as RichSpan
    from rich.text import Text

    text = Text(line.plain, style=line.style, spans=[RichSpan(*s) for s in line.spans])
    return [
        _make(t.plain, str(t.style), [(s.start, s.end, str(s.style)) for s in t.spans])
        for t in text.wrap(None, width, overflow=overflow)  # type: ignore[arg-type]
    ]


# --- the text sent to a terminal ------------------------------------------------------------

# SGR codes as rich writes them: attributes in this order, then the foreground colour.
_ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 3, "underline": 4}
_COLOURS = {
    "black": 30,
    "red": 31,
    "green": 32,
    "yellow": 33,
    "blue": 34,
    "magenta": 35,
    "cyan": 36,
    "white": 37,
}


def _sgr(styles: tuple[str, ...], colour: bool) -> str:
    """The SGR parameters of ``styles`` combined (attributes add up, the last colour wins)."""
    attributes: set[int] = set()
    fg: int | None = None
    for style in styles:
        for word in style.split():
            if word in _ATTRIBUTES:
                attributes.add(_ATTRIBUTES[word])
            elif word in _COLOURS:
                fg = _COLOURS[word]
            else:
                raise ValueError(f"style word {word!r} has no SGR code here")
    codes = sorted(attributes)
    if fg is not None and colour:
        codes.append(fg)
    return ";".join(map(str, codes))


def ansi(lines: Iterable[Styled], *, styles: bool, colour: bool = True) -> str:
    """The review as a terminal receives it: each line's spans as SGR escapes, lines ended
    by newlines. ``styles=False``: plain text (a pipe, a file, ``--no-color``);
    ``colour=False``: attributes (bold, dim) without colours (rich's ``no_color``)."""
    cache: dict[tuple[str, ...], str] = {}
    out: list[str] = []
    for line in lines:
        # As rich prints a text: the line's own style first, then its spans, each cut at
        # the line's newlines; tabs expanded to the next multiple of 8 cells.
        spans = [(0, len(line.plain), line.style), *line.spans] if line.style else line.spans
        start = 0
        for physical in line.plain.split("\n"):
            end = start + len(physical)
            piece = [
                (max(a, start) - start, min(b, end) - start, s)
                for a, b, s in spans
                if min(b, end) > max(a, start)  # rich drops a span's empty pieces
            ]
            if "\t" in physical:
                physical, piece = _expand_tabs(physical, piece)
            out.append(_segments(physical, piece, cache, colour) if styles else physical)
            out.append("\n")
            start = end + 1
    return "".join(out)


def _segments(
    plain: str, spans: list[Span], cache: dict[tuple[str, ...], str], colour: bool
) -> str:
    """One physical line cut into segments at every span boundary, as rich cuts it."""
    if not spans:
        return plain
    cuts = sorted({0, len(plain), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    out: list[str] = []
    for a, b in pairwise(cuts):
        active = tuple(s for lo, hi, s in spans if lo <= a < hi)
        if active not in cache:
            cache[active] = _sgr(active, colour)
        codes = cache[active]
        out.append(f"\x1b[{codes}m{plain[a:b]}\x1b[0m" if codes else plain[a:b])
    return "".join(out)


def _expand_tabs(plain: str, spans: list[Span]) -> tuple[str, list[Span]]:
    # Tabs (never in review text, which is normalised) are left to rich itself.
    from rich.text import Span as RichSpan
    from rich.text import Text

    text = Text(plain, spans=[RichSpan(*s) for s in spans])
    text.expand_tabs(8)
    return text.plain, [(s.start, s.end, str(s.style)) for s in text.spans]
