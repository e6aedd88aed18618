"""Shared by the collation tests: the BBC multi-report stories and comparisons."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache

from reconcile import from_text
from reconcile.collate import Collation
from reconcile.models import Document

from .helpers import BBC, corpus

PENSION = ("bbc-politics-294", "bbc-politics-069", "bbc-politics-311", "bbc-politics-312")
ID_CARDS = ("bbc-politics-141", "bbc-politics-081", "bbc-politics-299", "bbc-politics-300")
PATENT = ("bbc-tech-048", "bbc-tech-030", "bbc-tech-342")


@cache
def bbc() -> dict[str, dict[str, str]]:
    # corpus() skips with a message off CI and fails on CI when the file is missing.
    with corpus(BBC).open(encoding="utf-8") as fh:
        rows = (json.loads(line) for line in fh)
        return {r["id"]: r for r in rows}


def story_docs(ids: Sequence[str]) -> list[Document]:
    return [from_text(bbc()[i]["text"], i) for i in ids]


def group_sets(col: Collation) -> set[frozenset[tuple[str, int]]]:
    """Groups as sets of (source text, sentence index): what must not depend on labels."""
    return {
        frozenset((col.document(m.source).source.text, i) for m in g.members for i in m.indices)
        for g in col.groups
    }


def group_order(col: Collation) -> list[frozenset[tuple[str, int]]]:
    return [
        frozenset((col.document(m.source).source.text, i) for m in g.members for i in m.indices)
        for g in col.groups
    ]
