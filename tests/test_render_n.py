"""The N-source renderers (terminal group by group, Markdown) against golden files.

Three reports of the seed event: the ministry's, the portal's, and a third the test
makes from the ministry's by two real edits, the first growth figure changed (7.5% ->
7.8%) and the paragraph on industrial output ("从行业看…") removed. ``make golden``
regenerates the files after a deliberate change.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from reconcile import from_text, load_document, reconcile
from reconcile.models import Result
from reconcile.render import markdown
from reconcile.render.terminal import TerminalOptions, render

from .helpers import MINISTRY, ROOT, WEB
from .test_render import check_golden


def _third() -> str:
    text = MINISTRY.read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if "超九成工业大类保持增长" not in line]
    assert len(lines) == len(text.split("\n")) - 1
    edited = "\n".join(lines).replace("增加值同比增长7.5%", "增加值同比增长7.8%", 1)
    assert edited.count("7.8%") == 1
    return edited


@pytest.fixture(scope="module")
def three() -> Result:
    docs = [load_document(MINISTRY, "A"), load_document(WEB, "B"), from_text(_third(), "C")]
    # Golden files must not depend on where the checkout lives.
    docs = [
        replace(d, source=replace(d.source, path=str(Path(d.source.path).relative_to(ROOT))))
        if d.source.path
        else d
        for d in docs
    ]
    return reconcile(*docs)


def _terminal(result: Result, width: int, **opts: object) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, highlight=False)
    render(result, console, TerminalOptions(markers=True, **opts))  # type: ignore[arg-type]
    return buf.getvalue()


def test_terminal_group_by_group_at_80(three: Result) -> None:
    out = _terminal(three, 80)
    check_golden("three-terminal-80.txt", out)
    assert max(cell_len(line) for line in out.splitlines()) <= 80


def test_terminal_shows_who_says_what(three: Result) -> None:
    out = _terminal(three, 80)
    assert "7.5% in A and B, 7.8% in C" in out
    # The shared-sentence matrix: C is A less one paragraph, so all of C is in A.
    lines = out.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("shared"))
    assert lines[at].split() == ["shared", "A", "B", "C", "only"]
    matrix = {
        line.split()[0]: [int(x) for x in line.split()[1:]] for line in lines[at + 1 : at + 4]
    }
    assert matrix["C"][0] == matrix["C"][2] == len(three.document("C").segments)
    assert matrix["C"][3] == 0 and matrix["A"][3] > 0  # the removed paragraph: only in A
    assert "[-7.5%-]{+7.8%+}" in out  # C's wording against the first: what changed
    assert "only in B" in out


def test_terminal_full_unfolds(three: Result) -> None:
    folded, full = _terminal(three, 100), _terminal(three, 100, full=True)
    assert "worded alike" in folded and "worded alike" not in full


def test_terminal_colour_per_source(three: Result) -> None:
    buf = io.StringIO()
    console = Console(file=buf, width=80, force_terminal=True, color_system="standard")
    render(three, console, TerminalOptions())
    out = buf.getvalue()
    assert "\x1b[1;33mA" in out and "\x1b[1;36mB" in out and "\x1b[1;35mC" in out


def test_markdown(three: Result) -> None:
    text = markdown.render(three)
    check_golden("three-merged.md", text)
    assert "| **C** |" in text
    assert "7.5% \\[A,B\\] / 7.8% \\[C\\]" in text


def test_long_labels_are_numbered_in_the_matrix_and_fit_80() -> None:
    from .collate_support import PENSION, story_docs

    out = _terminal(reconcile(*story_docs(PENSION)), 80)
    assert max(cell_len(line) for line in out.splitlines()) <= 80
    assert "   1 = bbc-politics-294" in out and "   4 = bbc-politics-312" in out
    lines = out.splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith("shared"))
    assert lines[at].split() == ["shared", "1", "2", "3", "4", "only"]
    # 069 and 311 are the same report filed twice: they share all twenty sentences.
    assert lines[at + 2].split()[1:5] == ["8", "20", "20", "19"]
    assert "[bbc-politics-294+bbc-politics-069+bbc-politics-311+bbc-politics-312] =" in out


def test_html_page_for_three(three: Result) -> None:
    from reconcile.render.html import render as render_html

    page = render_html(three)
    assert 'style="--n: 3"' in page  # one column per source
    assert "⚠ 1 conflict" in page
    assert "7.5% in A and B, 7.8% in C" in page  # the claim row names who says what
    assert "7.5% [A,B] / 7.8% [C]" in page  # and the merged text shows both values
    assert "<span>0 aligned groups" not in page  # groups of N count, not pairs
