"""Renderers against golden files; regenerate with ``make golden`` after a deliberate change.

``RECONCILE_UPDATE_GOLDEN=1 pytest tests/test_render.py`` rewrites the files; the diff
of tests/golden/ then shows exactly what changed for a reader.
"""

from __future__ import annotations

import io
import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from reconcile import reconcile
from reconcile.models import Result
from reconcile.normalize import normalize
from reconcile.render import json as render_json
from reconcile.render import markdown
from reconcile.render.terminal import TerminalOptions, render

from .helpers import BBC_226, BBC_265, MINISTRY, ROOT, WEB

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("RECONCILE_UPDATE_GOLDEN") == "1"


def _relative(result: Result) -> Result:
    # Golden files must not depend on where the checkout lives.
    from dataclasses import replace

    docs = tuple(
        replace(d, source=replace(d.source, path=str(Path(d.source.path or "").relative_to(ROOT))))
        for d in result.documents
    )
    return replace(result, documents=(docs[0], docs[1]))


@pytest.fixture(scope="module")
def seed() -> Result:
    return _relative(reconcile(MINISTRY, WEB))


@pytest.fixture(scope="module")
def english() -> Result:
    return _relative(reconcile(BBC_226, BBC_265))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run RECONCILE_UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_text(encoding="utf-8")


def terminal(result: Result, width: int, **opts: object) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, highlight=False)
    render(result, console, TerminalOptions(markers=True, **opts))  # type: ignore[arg-type]
    return buf.getvalue()


@pytest.mark.parametrize("width", [80, 120])
def test_terminal_side_by_side(seed: Result, width: int) -> None:
    check_golden(f"seed-terminal-{width}.txt", terminal(seed, width))


def test_terminal_stacked(english: Result) -> None:
    check_golden("bbc-terminal-stacked-60.txt", terminal(english, 60))


def test_terminal_lines_fit_the_width(seed: Result) -> None:
    from rich.cells import cell_len

    for width in (80, 100):
        out = terminal(seed, width)
        assert max(cell_len(line) for line in out.splitlines()) <= width


def test_terminal_marks_changes_without_colour(seed: Result) -> None:
    out = terminal(seed, 100)
    assert "[-第一-]" in out and "{+首先+}" in out
    assert "\x1b[" not in out


def test_terminal_colour_on_a_terminal(seed: Result) -> None:
    buf = io.StringIO()
    console = Console(file=buf, width=100, force_terminal=True, color_system="standard")
    render(seed, console, TerminalOptions())
    out = buf.getvalue()
    assert "\x1b[" in out
    assert "[-" not in out  # colour carries the changes; no wdiff markers needed


def test_terminal_folds_identical_runs_unless_full(seed: Result) -> None:
    folded = terminal(seed, 100)
    full = terminal(seed, 100, full=True)
    assert "identical sentences" in folded
    assert "identical sentences" not in full
    assert "打造世界领先的科技园区和创新高地" in full


def test_markdown(seed: Result, english: Result) -> None:
    check_golden("seed-merged.md", markdown.render(seed))
    check_golden("bbc-merged.md", markdown.render(english))


def test_json_matches_schema_and_golden(seed: Result) -> None:
    doc = render_json.to_dict(seed)
    schema = json.loads(
        resources.files("reconcile").joinpath("data/reconcile-1.schema.json").read_text("utf-8")
    )
    jsonschema.validate(doc, schema)
    check_golden("seed.json", render_json.dumps(seed))


def test_json_offsets_quote_the_original(seed: Result) -> None:
    doc = render_json.to_dict(seed)
    texts = {d.id: d.source.text for d in seed.documents}
    for s in doc["segments"]:
        original = texts[s["source"]][s["start"] : s["end"]]
        assert original.strip() == original
        assert normalize(original).text == s["text"]


def test_json_boilerplate_lists_the_web_chrome(seed: Result) -> None:
    web = render_json.to_dict(seed)["sources"][1]
    assert web["outlet"] == "界面新闻"
    assert web["published"] == "2024-03-27T20:33:00"
    kinds = [d["kind"] for d in web["boilerplate_detail"]]
    assert "disclaimer" in kinds and "link-list" in kinds and "repeated-headline" in kinds
    assert any(line.startswith("免责申明") for line in web["boilerplate"])
    assert any("sitemap.xml" in line for line in web["boilerplate"])
