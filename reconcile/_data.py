"""Loads the keyword data files shipped in ``reconcile/data`` (once per process).

The files are TOML, read here by a reader of the part of TOML they use: tables, keys,
strings without escapes, arrays and inline tables. ``tomllib`` costs ~6 ms of every
command (~3 ms to import, ~3 ms to parse), about a tenth of a whole ``diff`` of two short
reports; this reader takes under 1 ms. Values outside that part of TOML (numbers, escapes,
dotted keys, arrays of tables) are errors naming the file and line, and a test checks that
every shipped file reads exactly as ``tomllib`` reads it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

# Read by path: importlib.resources costs ~6 ms of import on every CLI start, and the
# package is always installed as plain files (setuptools package-data).
_DATA = Path(__file__).resolve().parent / "data"

# One token after any whitespace and comments: a basic or literal string, a bare key, a
# bracket, brace, "=" or ",", the end (empty), or any other single character (an error).
# findall gives plain strings, three times faster than match objects from finditer.
_TOKEN = r"(?:[ \t\r\n]+|#[^\n]*)*(\"[^\"\n]*\"|'[^'\n]*'|[A-Za-z0-9_-]+|[][{}=,]|\Z|.)"


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``reconcile/data/<name>.toml``."""
    raw = (_DATA / f"{name}.toml").read_bytes()
    return parse(raw.decode("utf-8"), f"{name}.toml")


def words(name: str, key: str) -> tuple[str, ...]:
    """A list of strings from a data file, lower-cased for case-insensitive matching."""
    return tuple(str(w).lower() for w in load(name)[key])


def parse(text: str, name: str = "<data>") -> dict[str, Any]:
    """``text`` read as TOML, for the part of TOML the data files use (else ValueError)."""
    return _Reader(text, name).document()


class _Reader:
    """A recursive-descent reader over the tokens of one file."""

    def __init__(self, text: str, name: str) -> None:
        self._text = text
        self._name = name
        self._tokens: list[str] = _token_pattern().findall(text)
        self._pos = 0

    def document(self) -> dict[str, Any]:
        root: dict[str, Any] = {}
        table = root
        while self._tokens[self._pos] != "":
            if self._tokens[self._pos] == "[":
                self._pos += 1
                key = self._key()
                self._expect("]")
                if key in root:
                    self._fail(f"table [{key}] defined twice")
                table = root[key] = {}
            else:
                self._pair(table)
        return root

    def _pair(self, table: dict[str, Any]) -> None:
        key = self._key()
        self._expect("=")
        if key in table:
            self._fail(f"key {key!r} defined twice")
        table[key] = self._value()

    def _value(self) -> str | list[Any] | dict[str, Any]:
        tok = self._next()
        if tok == "[":
            items: list[Any] = []
            while self._tokens[self._pos] != "]":
                items.append(self._value())
                if self._tokens[self._pos] != "]":
                    self._expect(",")  # a trailing comma before "]" is allowed
            self._pos += 1
            return items
        if tok == "{":
            inline: dict[str, Any] = {}
            if self._tokens[self._pos] != "}":
                self._pair(inline)
                while self._tokens[self._pos] == ",":
                    self._pos += 1
                    self._pair(inline)
            self._expect("}")
            return inline
        string = self._string(tok)
        if string is None:
            self._fail("expected a string, an array or an inline table")
        return string

    def _key(self) -> str:
        tok = self._next()
        if tok[0].isascii() and (tok[0].isalnum() or tok[0] in "_-"):
            return tok  # a bare key: the token pattern reads [A-Za-z0-9_-]+ as one token
        key = self._string(tok)
        if key is None:
            self._fail("expected a key")
        return key

    def _string(self, tok: str) -> str | None:
        """The value of a string token, or None for any other token."""
        if len(tok) < 2 or tok[0] not in "\"'" or tok[-1] != tok[0]:
            return None
        if tok[0] == '"' and "\\" in tok:
            self._fail("escapes are not supported here: use a 'literal string'")
        return tok[1:-1]

    def _expect(self, punct: str) -> None:
        if self._next() != punct:
            self._fail(f"expected {punct!r}")

    def _next(self) -> str:
        tok = self._tokens[self._pos]
        if tok == "":
            self._fail("unexpected end of file")
        self._pos += 1
        return tok

    def _fail(self, message: str) -> NoReturn:
        # The line of the token last read (or of the end): the token's match is found
        # again only here, on the error path.
        k = max(0, self._pos - 1)
        matches = _token_pattern().finditer(self._text)
        at = next(m for i, m in enumerate(matches) if i == k).start(1)
        line = self._text.count("\n", 0, at) + 1
        raise ValueError(f"{self._name}, line {line}: {message}")


@cache
def _token_pattern() -> re.Pattern[str]:
    return re.compile(_TOKEN)
