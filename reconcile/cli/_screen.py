"""What the terminal review may use (width, escape codes, colour), decided without rich.

The two-source review is written by ``render.terminal.review`` as text; a rich ``Console``
was only deciding these three things, and importing it is ~17 ms of every review. The
rules below are the ones rich's Console applies, for the cases that need nothing else:
where rich would consult more (Windows consoles, Jupyter, IDLE, ``FORCE_COLOR`` or
``TTY_COMPATIBLE`` in the environment), ``screen`` answers ``None`` and the caller asks a
Console. ``tests/test_cli.py`` holds the answers equal to a Console's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from typing import NamedTuple


# A NamedTuple: a private record, defined at import for a third of a dataclass's cost.
class Screen(NamedTuple):
    """Attributes:
    width: cells per line.
    terminal: the output understands escape codes (rich's ``is_terminal``).
    styles: write SGR escapes (rich's ``color_system`` is set).
    colour: with colours, not only bold and dim (rich's ``no_color`` is off).
    """

    width: int
    terminal: bool
    styles: bool
    colour: bool


def screen(
    *,
    force_terminal: bool | None,
    no_color: bool,
    detect_colour: bool,
    width: int | None,
    isatty: Callable[[], bool],
    environ: Mapping[str, str] = os.environ,
) -> Screen | None:
    """The screen a ``Console(force_terminal=…, no_color=…, color_system="auto" if
    detect_colour else None, width=…)`` writing to a file with ``isatty`` would see, or
    ``None`` where only a Console can tell."""
    if (
        sys.platform == "win32"
        or "IPython" in sys.modules
        or getattr(sys.stdin, "__module__", "").startswith("idlelib")
        or "FORCE_COLOR" in environ
        or "TTY_COMPATIBLE" in environ
    ):
        return None
    terminal = force_terminal if force_terminal is not None else bool(isatty())
    dumb = terminal and environ.get("TERM", "").lower() in ("dumb", "unknown")
    columns = environ.get("COLUMNS")
    if width is None and columns is not None and columns.isdigit():
        width = int(columns)
    lines = environ.get("LINES")
    if width is None or not (lines is not None and lines.isdigit()):
        # rich measures unless both sizes are known, and a dumb terminal is 80 wide.
        width = 80 if dumb else (width or _measured(environ))
    return Screen(width, terminal, detect_colour and terminal and not dumb, not no_color)


def _measured(environ: Mapping[str, str]) -> int:
    measured: int | None = None
    for fd in (0, 1, 2):  # stdin, stdout, stderr, as rich tries them
        try:
            measured = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        measured = int(columns)
    return measured or 80
