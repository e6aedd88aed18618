"""Index backends and ``open_index``, which picks one from a path or URL."""

from __future__ import annotations

from ..config import DedupConfig
from .base import Index, IndexMismatch
from .sqlite import SqliteIndex

__all__ = ["Index", "IndexMismatch", "SqliteIndex", "open_index"]


def open_index(location: str, config: DedupConfig) -> Index:
    """``redis://host:port/N`` -> the shared Redis index; anything else -> a SQLite file.

    Raises:
        IndexMismatch: the index was built with other parameters.
    """
    if location.startswith(("redis://", "rediss://", "unix://")):
        from .redis import RedisIndex

        return RedisIndex(location, config.params())
    return SqliteIndex(location, config.params())
