"""Loads the keyword data files shipped in ``reconcile/data`` (once per process)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

# Read by path: importlib.resources costs ~6 ms of import on every CLI start, and the
# package is always installed as plain files (setuptools package-data).
_DATA = Path(__file__).resolve().parent / "data"


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``reconcile/data/<name>.toml``."""
    raw = (_DATA / f"{name}.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def words(name: str, key: str) -> tuple[str, ...]:
    """A list of strings from a data file, lower-cased for case-insensitive matching."""
    return tuple(str(w).lower() for w in load(name)[key])
