"""The data files read by reconcile._data's TOML reader exactly as tomllib reads them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reconcile import _data

DATA = Path(_data.__file__).parent / "data"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.toml")), ids=lambda p: p.name)
def test_every_data_file_reads_as_tomllib_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert _data.parse(text, path.name) == tomllib.loads(text)
    assert _data.load(path.stem) == tomllib.loads(text)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("x = 5", 1, "expected a string"),  # numbers, booleans, dates: not read
        ('\n[t]\na.b = "c"', 3, "expected '='"),  # dotted keys
        ('x = "a\\nb"', 1, "escapes are not supported"),
        ("[[t]]", 1, "expected a key"),  # arrays of tables
        ('x = {"a" = "b",}', 1, "expected a key"),  # TOML allows no trailing comma here
        ('x = ["a",,]', 1, "expected a string"),
        ('x = ["a"', 1, "unexpected end of file"),
        ('x = "abc', 1, "expected a string"),
        ('x = "a"\nx = "b"', 2, "key 'x' defined twice"),
        ('中 = "x"', 1, "expected a key"),  # bare keys are ASCII
    ],
)
def test_anything_else_is_an_error_with_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(ValueError, match=f"t.toml, line {line}: {message}"):
        _data.parse(text, "t.toml")


def test_comments_blank_lines_and_trailing_commas() -> None:
    text = '# head\n\n[a]\n# list\nx = [\n  \'p\\q\', # note\n  "r",\n]\ny = { k = "v" }\n'
    assert _data.parse(text) == tomllib.loads(text) == {"a": {"x": ["p\\q", "r"], "y": {"k": "v"}}}
