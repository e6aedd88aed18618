"""The README's console examples are the real output: re-run each and compare.

Every ``$ reconcile …`` line in a ```console block of README.md whose file arguments
exist is run at 80 columns without colour; the lines under it, up to the next ``$`` line
or the end of the block, must be its output. A line holding only ``…`` marks a fold: the
lines above it must be the start of the output and the lines below it (if any) its end.
``make golden`` (``RECONCILE_UPDATE_GOLDEN=1``) rewrites the examples from the real
output, keeping each fold where it is, so the tour cannot drift from the program.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconcile.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
UPDATE = os.environ.get("RECONCILE_UPDATE_GOLDEN") == "1"
FOLD = "…"


@dataclass(frozen=True)
class Example:
    command: str  # the line after "$ ", comment removed
    first: int  # index in README lines of the first output line
    end: int  # index one past the last output line
    head: tuple[str, ...]
    tail: tuple[str, ...] | None  # None: no fold, head is the whole output


def examples(lines: list[str]) -> list[Example]:
    found: list[Example] = []
    in_console = False
    k = 0
    while k < len(lines):
        line = lines[k]
        if line.startswith("```"):
            in_console = line.strip() == "```console" and not in_console
            k += 1
            continue
        if in_console and line.startswith("$ reconcile "):
            command = line[2:].split("  #")[0].strip()
            j = k + 1
            while j < len(lines) and not lines[j].startswith(("$ ", "```")):
                j += 1
            body = [ln.rstrip() for ln in lines[k + 1 : j]]
            if _runnable(command):
                if FOLD in body:
                    cut = body.index(FOLD)
                    found.append(
                        Example(command, k + 1, j, tuple(body[:cut]), tuple(body[cut + 1 :]))
                    )
                else:
                    found.append(Example(command, k + 1, j, tuple(body), None))
            k = j
            continue
        k += 1
    return found


def _runnable(command: str) -> bool:
    """Examples with placeholder files (a.txt) or that write files are illustrations."""
    args = shlex.split(command)[1:]
    if "-o" in args or "--output" in args:
        return False
    files = [a for a in args if "/" in a or a.endswith(".txt")]
    return bool(files) and all((ROOT / f).exists() for f in files)


def run(command: str) -> list[str]:
    env = {"COLUMNS": "80", "LINES": "50", "NO_COLOR": "1", "TERM": "dumb"}
    old = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, shlex.split(command)[1:], env=env)
    finally:
        os.chdir(old)
    assert result.exit_code in (0, 1), result.output
    return [ln.rstrip() for ln in result.output.splitlines()]


def _expected(ex: Example, actual: list[str]) -> list[str]:
    """What the README should show for ``actual``, keeping the example's fold."""
    if ex.tail is None:
        return actual
    tail = actual[len(actual) - len(ex.tail) :] if ex.tail else []
    return [*actual[: len(ex.head)], FOLD, *tail]


def test_readme_has_runnable_examples() -> None:
    commands = [
        ex.command.split()[1] for ex in examples(README.read_text(encoding="utf-8").splitlines())
    ]
    assert "diff" in commands and "facts" in commands


def test_readme_console_examples_match_the_program() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    found = examples(lines)
    if UPDATE:
        for ex in reversed(found):  # from the end, so earlier indices stay valid
            lines[ex.first : ex.end] = _expected(ex, run(ex.command))
        README.write_text("\n".join(lines) + "\n", encoding="utf-8")
        found = examples(lines)
    for ex in found:
        actual = run(ex.command)
        shown = [*ex.head, *([FOLD, *ex.tail] if ex.tail is not None else [])]
        assert shown == _expected(ex, actual), (
            f"README example drifted: $ {ex.command} (run make golden)"
        )


@pytest.mark.parametrize(
    ("body", "actual", "ok"),
    [
        (["a", "b"], ["a", "b"], True),
        (["a", FOLD], ["a", "b", "c"], True),
        (["a", FOLD, "c"], ["a", "b", "c"], True),
        (["a", FOLD, "b"], ["a", "b", "c"], False),
        (["a", "x"], ["a", "b"], False),
    ],
)
def test_fold_rule(body: list[str], actual: list[str], ok: bool) -> None:
    cut = body.index(FOLD) if FOLD in body else None
    ex = Example(
        "reconcile x",
        0,
        0,
        tuple(body if cut is None else body[:cut]),
        None if cut is None else tuple(body[cut + 1 :]),
    )
    assert (body == _expected(ex, actual)) is ok
