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


# --- Word diffs and the 80-column review, on real text ------------------------------------


def _bbc_pair(first: str, second: str) -> Result:
    rows = {r["id"]: r for r in map(json.loads, BBC_JSONL.read_text(encoding="utf-8").splitlines())}
    from reconcile import from_text

    return reconcile(from_text(rows[first]["text"], "A"), from_text(rows[second]["text"], "B"))


BBC_JSONL = Path("/work/shared/corpora/bbc-news-2225.jsonl")


def _needs_corpus() -> None:
    if not BBC_JSONL.exists():
        assert os.environ.get("CI") != "true", f"{BBC_JSONL} is needed on CI"
        pytest.skip(f"{BBC_JSONL} not here")


def test_word_diff_keeps_spaces_and_groups_adjacent_changes() -> None:
    _needs_corpus()
    # Two BBC versions of Gordon Brown's spring conference speech.
    out = terminal(_bbc_pair("bbc-politics-175", "bbc-politics-349"), 400, layout="stacked")
    flat = " ".join(out.split())
    assert "[-Speaking at Labour-]'s spring conference" in flat
    assert "{+He told his party+}'s spring conference" in flat
    for glued in ("tellingsupporters", "wasnot", "Conservativecuts"):
        assert glued not in flat.replace("[-", "").replace("-]", "").replace("{+", "").replace(
            "+}", ""
        )


def test_diff_pieces_join_back_to_the_input() -> None:
    from reconcile.textdiff import diff_pieces

    a = "Speaking at Labour's spring conference in Gateshead, Mr Brown claimed the NHS was safe."
    b = "He told his party's spring conference the Tories must not be allowed to win."
    pa, pb = diff_pieces(a, b)
    assert "".join(t for t, _ in pa) == a and "".join(t for t, _ in pb) == b
    assert ("Speaking at Labour", True) in pa


def test_terminal_reads_pairs_as_the_merged_text_joins_them(seed: Result, english: Result) -> None:
    # One joining rule for both: no false {+。 +} between Chinese sentences.
    from reconcile.render.terminal import _reading

    for result in (seed, english):
        for c in result.canonical:
            by_source = [s for s in c.segments if s.startswith(c.sources[0])]
            side = 0 if c.sources[0] == result.documents[0].id else 1
            assert _reading(result, side, tuple(by_source)) == c.text
    out = terminal(seed, 80)
    assert "{+。 +}" not in out and "[-。 -]" not in out


def test_facts_are_folded_at_80_columns_unless_full(seed: Result) -> None:
    folded = terminal(seed, 80)
    full = terminal(seed, 80, full=True)
    assert "more facts only in A (--full shows all)" in folded
    assert "--full shows all" not in full
    only_a = len(seed.fact_diff.unique["A"])
    assert full.count("\n  ") - folded.count("\n  ") >= only_a - 5
    # No word is cut at the edge: every word of the wrapped English review is a word of
    # the two reports (a broken "Programm/e" would leave "Programm" and "e").
    source = BBC_226.read_text(encoding="utf-8") + " " + BBC_265.read_text(encoding="utf-8")
    words = {w.strip(_PUNCT) for w in source.split()}
    for layout in ("side", "stacked"):
        out = terminal(reconcile(BBC_226, BBC_265), 80, layout=layout)
        review = (
            out.split("\nAlignment\n")[1]
            .split("\nRemoved as site chrome")[0]
            .split("\nNo site chrome")[0]
        )
        text_lines = [ln for ln in review.splitlines() if "identical sentence" not in ln]
        for token in " ".join(text_lines).split():
            word = token.split("·")[-1].strip(_PUNCT + "[]{}+-│")
            if word.isalpha() and len(word) > 1:
                assert word in words or any(word in w for w in words if "-" in w), (word, layout)


_PUNCT = ".,;:!?\"'“”‘’()…"


def test_a_conflict_leads_the_facts_with_both_sentences() -> None:
    from reconcile import from_text

    edited = from_text(WEB.read_text(encoding="utf-8").replace("7.5%", "7.3%"), "B")
    out = terminal(reconcile(MINISTRY, edited), 80)
    facts = out.split("\nFacts\n")[1]
    assert facts.startswith("⚠ 1 conflicting fact\n")
    assert "7.5% in A, 7.3% in B" in facts.splitlines()[1]
    # Each sentence starts beside its source's marker, however long it is.
    assert "    A│ 今年1—2月" in facts and "    B│ “今年1—2月" in facts
    assert "1 conflict." in facts and "1 conflicts" not in facts
