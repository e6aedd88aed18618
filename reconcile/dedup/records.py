"""Input records and the problems found while reading them.

A record is one document of a feed. Its ``data`` is text already decoded (a JSONL field)
or raw bytes (a text file), which the loader decodes in a worker process.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Record:
    """One input document.

    ``origin`` says where it came from (``feed.jsonl:12``, ``dir/a.txt``) for messages.
    """

    id: str
    data: str | bytes
    origin: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    raw: str | None = None  # the JSONL line as read, re-emitted verbatim by ``--emit unique``


@dataclass(frozen=True)
class Problem:
    """An input that could not be used: a bad line, a record without text, a bad file."""

    origin: str
    message: str
    id: str | None = None
