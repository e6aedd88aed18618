"""Readers for ../shared/corpora shared by the benchmark scripts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def bbc() -> list[dict[str, str]]:
    """The BBC articles (id, category, title, text)."""
    with open(CORPORA / "bbc-news-2225.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def sogou() -> Iterator[tuple[str, str]]:
    """(title, content) of each Sohu page, decoded from GB18030."""
    raw = (CORPORA / "sogouca-mini.gb18030.dat").read_bytes().decode("gb18030")
    for doc in re.finditer(r"<doc>(.*?)</doc>", raw, re.S):
        body = doc.group(1)
        title = re.search(r"<contenttitle>(.*?)</contenttitle>", body, re.S)
        content = re.search(r"<content>(.*?)</content>", body, re.S)
        if content and content.group(1).strip():
            yield (title.group(1) if title else ""), content.group(1)
