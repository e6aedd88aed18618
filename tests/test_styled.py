"""The terminal review's own styled lines write exactly what rich's Text and Console did."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text

from reconcile.cli._screen import screen
from reconcile.render._styled import Styled, ansi
from reconcile.render._styled import join as styled_join

_STYLES = ["", "dim", "bold", "yellow", "bold cyan", "bold red", "dim italic", "bold underline"]
_PIECES = st.lists(st.sampled_from([*"ab 中文,。{+}[-]…\r\t", "word ", "  "]), max_size=6).map(
    "".join
)
_RUNS = st.lists(st.tuples(_PIECES, st.sampled_from(_STYLES)), min_size=1, max_size=8)


def _both(runs: list[tuple[str, str]], base: str) -> tuple[Text, Styled]:
    text, styled = Text("", style=base), Styled("", style=base)
    for piece, style in runs:
        text.append(piece, style=style)
        styled.append(piece, style=style)
    return text, styled


def _printed(lines: list[Text], colour: bool = True) -> str:
    out = io.StringIO()
    console = Console(
        file=out, width=300, force_terminal=True, color_system="standard", no_color=not colour
    )
    console.print(Text("\n").join(lines), soft_wrap=True, crop=False)
    return out.getvalue()


@settings(max_examples=400, deadline=None)
@given(_RUNS, _RUNS, st.sampled_from(_STYLES), st.integers(3, 30))
def test_wrapped_lines_print_as_rich_prints_them(
    first: list[tuple[str, str]], second: list[tuple[str, str]], base: str, width: int
) -> None:
    ta, sa = _both(first, base)
    tb, sb = _both(second, "yellow")
    text, styled = ta + tb, sa + sb
    rich_lines = list(text.wrap(Console(), width, overflow="fold"))
    lines = styled.wrap(None, width, overflow="fold")
    assert [t.plain for t in rich_lines] == [s.plain for s in lines]
    for k, (t, s) in enumerate(zip(rich_lines, lines, strict=True)):
        t.truncate(max(1, width - k), overflow="ellipsis")
        s.truncate(max(1, width - k), "ellipsis")
        t.highlight_words(["a"], style="cyan")
        s.highlight_words(["a"], style="cyan")
    assert ansi(lines, styles=True) == _printed(rich_lines)
    assert ansi(lines, styles=True, colour=False) == _printed(rich_lines, colour=False)
    assert ansi(lines, styles=False) == "\n".join(t.plain for t in rich_lines) + "\n"
    joined = styled_join("\n", [sa, sb])
    assert ansi([joined], styles=True) == _printed([Text("\n").join([ta, tb])])


def test_divide_slice_and_strip_keep_rich_spans() -> None:
    text, styled = _both([("ab ", "dim"), ("cd  ", "bold"), ("ef", "")], "yellow")
    for t, s in zip(text.divide([2, 5]), styled.divide([2, 5]), strict=True):
        t.rstrip()
        s.rstrip()
        assert (t.plain, [tuple(x) for x in t.spans], t.style) == (s.plain, s.spans, s.style)
    assert [tuple(x) for x in text[3:].spans] == styled[3:].spans


@pytest.mark.parametrize("isatty", [False, True])
@pytest.mark.parametrize("force_terminal", [None, True])
@pytest.mark.parametrize("no_color", [False, True])
@pytest.mark.parametrize("width", [None, 72])
@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"TERM": "xterm-256color"},
        {"TERM": "dumb"},
        {"TERM": "unknown", "LINES": "30"},
        {"COLUMNS": "120"},
        {"COLUMNS": "abc", "LINES": "40"},
        {"COLUMNS": "90", "LINES": "40", "TERM": "dumb"},
        {"NO_COLOR": "1", "COLORTERM": "truecolor"},
    ],
)
def test_screen_is_what_a_console_would_see(
    isatty: bool, force_terminal: bool | None, no_color: bool, width: int | None, environ: dict
) -> None:
    class File(io.StringIO):
        def isatty(self) -> bool:
            return isatty

    console = Console(
        file=File(),
        force_terminal=force_terminal,
        no_color=no_color,
        color_system=None if no_color else "auto",
        width=width,
        _environ=environ,
    )
    got = screen(
        force_terminal=force_terminal,
        no_color=no_color,
        detect_colour=not no_color,
        width=width,
        isatty=lambda: isatty,
        environ=environ,
    )
    assert got is not None
    assert (got.width, got.terminal, got.styles, got.colour) == (
        console.width,
        console.is_terminal,
        console.color_system is not None,
        not console.no_color,
    )


def test_screen_leaves_forced_colour_to_rich() -> None:
    for environ in ({"FORCE_COLOR": "1"}, {"TTY_COMPATIBLE": "0"}):
        got = screen(
            force_terminal=None,
            no_color=False,
            detect_colour=True,
            width=None,
            isatty=lambda: False,
            environ=environ,
        )
        assert got is None
