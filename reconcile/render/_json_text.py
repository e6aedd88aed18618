"""JSON text as ``json.dumps(obj, ensure_ascii=False, indent=2)`` writes it, in half the time.

With ``indent`` the standard library encodes in pure Python, one generator per container;
appending to one list here takes half as long on the seed pair's document (~1 ms less), and
importing the ``json`` package (its decoder and scanner too) is left out. Only the types
the documents hold are written here; anything else falls back to ``json.dumps`` itself.
Tests hold the two equal.
"""

from __future__ import annotations

from typing import Any

try:
    from _json import encode_basestring as _string  # CPython's C encoder
except ImportError:  # pragma: no cover - other interpreters
    from json.encoder import py_encode_basestring as _string


class _Other(Exception):
    """A value this writer leaves to ``json.dumps``."""


def dumps(obj: Any) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``.

    Example:
        >>> print(dumps({"a": [1, 2.5, None], "b": {}, "c": "中文"}))
        {
          "a": [
            1,
            2.5,
            null
          ],
          "b": {},
          "c": "中文"
        }
    """
    out: list[str] = []
    try:
        _write(obj, "\n", out)
    except _Other:
        import json

        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(out)


def _write(obj: Any, newline: str, out: list[str]) -> None:
    if isinstance(obj, str):
        out.append(_string(obj))
    elif obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif type(obj) is int:
        out.append(int.__repr__(obj))
    elif type(obj) is float:
        out.append(_float(obj))
    elif isinstance(obj, dict):
        if not obj:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, value in obj.items():
            if not isinstance(key, str):
                raise _Other
            out.append(separator)
            out.append(_string(key))
            out.append(": ")
            _write(value, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif isinstance(obj, list | tuple):
        if not obj:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for value in obj:
            out.append(separator)
            _write(value, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    else:
        raise _Other


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)
