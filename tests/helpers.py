"""Paths and small readers shared by the test modules."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PRESS = FIXTURES / "press-2024-03-26"
MINISTRY = PRESS / "ministry-report.txt"
WEB = PRESS / "web-report.txt"
BBC_226 = FIXTURES / "bbc-quango-2005" / "politics-226.txt"
BBC_265 = FIXTURES / "bbc-quango-2005" / "politics-265.txt"
CORPORA = ROOT.parent / "shared" / "corpora"
SOGOU = CORPORA / "sogouca-mini.gb18030.dat"
BBC = CORPORA / "bbc-news-2225.jsonl"

_DOC = re.compile(rb"<doc>.*?</doc>", re.DOTALL)


def skip_or_fail(reason: str) -> NoReturn:
    """Skip the test with ``reason``; on CI (``CI=true``) fail it, where nothing may skip."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: a missing requirement fails the run)", pytrace=False)
    pytest.skip(reason)


def corpus(path: Path | str) -> Path:
    """The corpus file (a path, or a name under CORPORA); else skip, or fail on CI."""
    path = CORPORA / path if isinstance(path, str) else path
    if not path.exists():
        skip_or_fail(f"corpus {path.name} not found at {path} (checked out next to ../shared?)")
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
