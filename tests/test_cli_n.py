"""The commands on N files: labels, exit codes, errors, and twenty reports at once.

The twenty reports are made by the tests from the ministry's report of the seed: each
copy leaves out one paragraph after the opening one (a different one, in turn), as
regional papers that carry a release cut it; one copy also changes one figure of the
opening paragraph.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from reconcile.cli import main

from .helpers import MINISTRY, WEB

FIGURE = "增加值同比增长7.5%"


def _copies(tmp_path: Path, n: int, changed: int | None = None) -> list[str]:
    lines = MINISTRY.read_text(encoding="utf-8").split("\n")
    # Neither the headline nor the opening paragraph (which holds the figure) is cut.
    paragraphs = [k for k, line in enumerate(lines) if line.strip()][2:]
    out = []
    for k in range(n):
        kept = [line for j, line in enumerate(lines) if j != paragraphs[k % len(paragraphs)]]
        text = "\n".join(kept)
        if k == changed:
            assert FIGURE in text
            text = text.replace(FIGURE, "增加值同比增长7.9%", 1)
        path = tmp_path / f"report-{k + 1:02d}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(str(path))
    return out


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_twenty_files_diff_merge_check(runner: CliRunner, tmp_path: Path) -> None:
    files = _copies(tmp_path, 20, changed=7)
    res = runner.invoke(main, ["diff", *files, "--width", "80"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80  # CJK: two cells a character
    matrix = next(line for line in lines if line.startswith("shared"))
    assert matrix.split()[1:] == [*"ABCDEFGHIJKLMNOPQRST", "only"]
    res = runner.invoke(main, ["merge", *files])
    assert res.exit_code == 0
    # The paragraph copy 1 (A) cuts is cut again by the copy that wraps round to it.
    cut = 18 - 2  # paragraphs after the opening one
    tag = "+".join(x for k, x in enumerate("ABCDEFGHIJKLMNOPQRST") if k % cut != 0)
    assert f"[{tag}]" in res.stdout
    assert "一是加快构建以先进制造业为支撑的现代化产业体系。" in res.stdout.split(f"[{tag}]")[0]
    # Markdown escapes the brackets of the inline values.
    assert "7.5% \\[A,B,C,D,E,F,G,I," in res.stdout and "/ 7.9% \\[H\\]" in res.stdout
    res = runner.invoke(main, ["check", *files])
    assert res.exit_code == 1
    assert "/ 7.9% [H]\t" in res.stdout


def test_check_exit_codes_for_three(runner: CliRunner, tmp_path: Path) -> None:
    same = _copies(tmp_path, 3)
    res = runner.invoke(main, ["check", *same])
    assert res.exit_code == 0 and res.stdout.startswith("No conflicting facts")
    changed = _copies(tmp_path, 3, changed=2)
    res = runner.invoke(main, ["check", *changed])
    assert res.exit_code == 1
    header, row = res.stdout.splitlines()
    assert header == "claim\tvalues\tsentences"
    assert "7.5% [A,B] / 7.9% [C]" in row
    res = runner.invoke(main, ["check", *changed[:2], str(tmp_path / "gone.txt")])
    assert res.exit_code == 2
    assert res.stderr.startswith("Error: ") and "gone.txt: no such file" in res.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diff", str(MINISTRY)], "give at least 2 files to reconcile (got 1)"),
        (["merge", str(MINISTRY), str(WEB), str(MINISTRY), "--label", "x"], "one --label per file"),
        (["diff", str(MINISTRY), str(WEB), "--label", "a b", "--label", "c"], "without spaces"),
        (["diff", str(MINISTRY), str(WEB), "--label", "x", "--label", "x"], "share the label"),
        (["merge", str(MINISTRY), str(WEB), str(WEB), "--prefer", "Z"], "'Z' is not one of"),
        (
            ["diff", str(MINISTRY), str(WEB), str(WEB), "--format", "json", "--schema", "1"],
            "reconcile/1 describes two sources",
        ),
        (["diff", "-", str(WEB), "-"], "standard input ('-') can be only one"),
    ],
)
def test_bad_input_is_an_error_line(runner: CliRunner, args: list[str], message: str) -> None:
    res = runner.invoke(main, args)
    assert res.exit_code == 2
    assert "Error: " in res.stderr and message in res.stderr
    assert "Traceback" not in res.stderr + res.stdout


def test_labels_name_the_sources_everywhere(runner: CliRunner, tmp_path: Path) -> None:
    files = _copies(tmp_path, 3, changed=1)
    labels = ["gov", "paper-1", "wire"]
    res = runner.invoke(main, ["merge", *files, *(x for lab in labels for x in ("--label", lab))])
    assert res.exit_code == 0, res.output
    assert "[gov+paper-1+wire]" in res.stdout and "/ 7.9% \\[paper-1\\]" in res.stdout
    res = runner.invoke(
        main, ["diff", *files, "--format", "json", *(x for lab in labels for x in ("--label", lab))]
    )
    doc = json.loads(res.stdout)
    schema = json.loads(
        resources.files("reconcile").joinpath("data/reconcile-2.schema.json").read_text("utf-8")
    )
    jsonschema.validate(doc, schema)
    assert [s["id"] for s in doc["sources"]] == labels
    assert doc["segments"][0]["id"] == "gov0"


def test_outlet_labels(runner: CliRunner) -> None:
    res = runner.invoke(main, ["merge", str(MINISTRY), str(WEB), "--outlet-labels"])
    assert res.exit_code == 0, res.output
    # The ministry's page names no outlet (its letter stays); the portal's does.
    assert "- **A** " in res.stdout and "- **界面新闻** " in res.stdout
    assert "[A+界面新闻]" in res.stdout


def test_facts_table_for_several_files(runner: CliRunner, tmp_path: Path) -> None:
    files = _copies(tmp_path, 3, changed=0)
    res = runner.invoke(main, ["facts", *files])
    assert res.exit_code == 0
    lines = res.stdout.splitlines()
    assert lines[0] == "claim\tA\tB\tC\tverdict"
    assert any(line.split("\t")[1:] == ["7.9%", "7.5%", "7.5%", "differ: A"] for line in lines)
    res = runner.invoke(main, ["facts", *files, "--format", "json"])
    doc = json.loads(res.stdout)
    assert doc["schema"] == "reconcile/2" and len(doc["fact_clusters"]) < len(doc["facts"])


def test_two_files_are_unchanged_by_the_n_commands(runner: CliRunner) -> None:
    res = runner.invoke(main, ["diff", str(MINISTRY), str(WEB), "--format", "json"])
    assert json.loads(res.stdout)["schema"] == "reconcile/1"
    res = runner.invoke(
        main, ["diff", str(MINISTRY), str(WEB), "--format", "json", "--schema", "2"]
    )
    assert json.loads(res.stdout)["schema"] == "reconcile/2"


@pytest.mark.parametrize("layout", ["side", "stacked"])
def test_two_files_with_labels_side_by_side(runner: CliRunner, layout: str) -> None:
    args = ["diff", str(MINISTRY), str(WEB), "--label", "gov", "--label", "jiemian"]
    res = runner.invoke(main, [*args, "--layout", layout, "--width", "80"])
    assert res.exit_code == 0, res.output
    assert "gov shares 22/61 sentences" in res.stdout
    # The mark between the columns is cut to fit; stacked rows name the source in full.
    assert ("+jiem…" if layout == "side" else "only in jiemian") in res.stdout
    assert max(cell_len(line) for line in res.stdout.splitlines()) <= 80


def test_check_json_and_merge_html_for_three(runner: CliRunner, tmp_path: Path) -> None:
    files = _copies(tmp_path, 3, changed=1)
    res = runner.invoke(main, ["check", *files, "--format", "json"])
    assert res.exit_code == 1  # the exit status says it, whatever the format
    doc = json.loads(res.stdout)
    assert doc["schema"] == "reconcile/2"
    assert [k["outliers"] for k in doc["fact_clusters"] if k["conflict"]] == [["B"]]
    page = tmp_path / "review.html"
    res = runner.invoke(main, ["merge", *files, "-o", str(page)])
    assert res.exit_code == 0 and 'style="--n: 3"' in page.read_text(encoding="utf-8")
