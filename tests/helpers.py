"""Paths and small readers shared by the test modules."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPORA = ROOT.parent / "shared" / "corpora"
SOGOU = CORPORA / "sogouca-mini.gb18030.dat"
BBC = CORPORA / "bbc-news-2225.jsonl"

_DOC = re.compile(rb"<doc>.*?</doc>", re.DOTALL)


def corpus(path: Path) -> Path:
    """The corpus file, or skip the test with a message saying where it was looked for."""
    if not path.exists():
        pytest.skip(f"corpus {path.name} not found at {path} (checked out next to ../shared?)")
    return path


def sogou_records() -> list[bytes]:
    """The raw GB18030 bytes of each ``<doc>`` record of the Sohu sample."""
    return _DOC.findall(corpus(SOGOU).read_bytes())


def sogou_field(record: bytes, name: str) -> bytes:
    """One field (``content``, ``contenttitle``, ``url``) of a record, still encoded."""
    m = re.search(rb"<" + name.encode() + rb">(.*?)</" + name.encode() + rb">", record, re.DOTALL)
    return m.group(1) if m else b""


def bbc_articles(limit: int | None = None) -> Iterator[dict[str, str]]:
    with corpus(BBC).open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)
