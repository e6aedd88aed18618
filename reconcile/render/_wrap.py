"""Wrapping review text into terminal lines without cutting a change marker in two.

rich wraps at spaces and folds a run without spaces (Chinese) at any character, so a
marked change such as ``{+。+}`` or ``[-the old-]`` could end one line with ``{`` and start
the next with ``+。+}``. Here a short marked change is one unit that moves to the next
line whole; Chinese characters, words and spaces are the other units.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeVar

from rich.cells import cell_len

from .._regex import compiled

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from ._styled import Styled

# A rich Text (the N-source review) or a Styled line (the two-source review): both divide,
# slice, strip and wrap alike.
Line = TypeVar("Line", "Text", "Styled")

# A marked change (short enough to keep whole), a word with the punctuation and quotes
# that touch it (``device".``, ``(Casio``), spaces, or any other single character (a
# Chinese character folds anywhere). Brackets and braces that may open a marker end a word.
_UNIT = r"\{\+.*?\+\}|\[-.*?-\]|[A-Za-z0-9'’.,;:!?%$£€\"“”‘()/&*#@_\-]+|\s+|."


# A marked change longer than this may be cut inside, but its delimiters stay attached to
# the characters next to them (``{+按照`` … ``意见》,+}``).
_WHOLE = 12


def _units(plain: str) -> list[tuple[int, int]]:
    """Spans that a line cut never enters."""
    out: list[tuple[int, int]] = []
    for unit in compiled(_UNIT, re.S).finditer(plain):
        a, b = unit.span()
        if unit.group()[:2] in ("{+", "[-") and cell_len(unit.group()) > _WHOLE:
            inner = [
                (m.start() + a + 3, m.end() + a + 3)
                for m in compiled(_UNIT, re.S).finditer(plain[a + 3 : b - 3])
            ]
            if inner:
                out.append((a, a + 3))
                out.extend(inner)
                out.append((b - 3, b))
                continue
        out.append((a, b))
    return out


def wrap(text: Line, console: Console | None, width: int) -> list[Line]:
    """``text`` cut into lines of at most ``width`` cells, never inside a short marked
    change nor next to a marker's delimiter, and between words where it can be."""
    if width <= 0:
        return [text]
    plain = text.plain
    if "{+" not in plain and "[-" not in plain:
        # A rich Text comes with its console (terminal_n); a Styled line needs none.
        return list(text.wrap(console, width, overflow="fold"))  # type: ignore[arg-type]
    cuts: list[int] = []
    used = 0
    for a, b in _units(plain):
        piece = plain[a:b]
        size = cell_len(piece)
        if piece.isspace():
            used += size  # trailing spaces may overhang; they are stripped below
            continue
        if used and used + size > width:
            cuts.append(a)
            used = 0
        if size > width:
            # A unit wider than a line (a long word): fold it by characters.
            for k, ch in enumerate(piece):
                w = cell_len(ch)
                if used and used + w > width:
                    cuts.append(a + k)
                    used = 0
                used += w
            continue
        used += size
    lines = text.divide(cuts) if cuts else [text]
    out = []
    for k, line in enumerate(lines):
        line.rstrip()
        stripped = line.plain.lstrip(" ")
        if k and stripped != line.plain:
            line = line[len(line.plain) - len(stripped) :]  # a cut leaves no indent
        out.append(line)
    return out
