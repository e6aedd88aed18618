"""Loads the keyword data files shipped in ``reconcile/data`` (once per process)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``reconcile/data/<name>.toml``."""
    raw = resources.files("reconcile").joinpath(f"data/{name}.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def words(name: str, key: str) -> tuple[str, ...]:
    """A list of strings from a data file, lower-cased for case-insensitive matching."""
    return tuple(str(w).lower() for w in load(name)[key])
