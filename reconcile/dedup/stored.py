"""What the index holds about one document, and its byte encoding."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from .shingle import I64, U32, sorted_unique
from .stages import ShingleOrder, shingle_order


@dataclass(frozen=True)
class Passage:
    """A paragraph of a document shared with a paragraph of another one."""

    paragraph: int
    start: int
    end: int
    other_paragraph: int
    other_start: int
    other_end: int
    similarity: float
    text: str

    def to_json(self) -> dict[str, Any]:
        return {
            "paragraph": self.paragraph,
            "span": [self.start, self.end],
            "other_paragraph": self.other_paragraph,
            "other_span": [self.other_start, self.other_end],
            "similarity": round(self.similarity, 4),
            "text": self.text,
        }


@dataclass(frozen=True)
class StoredDoc:
    """One indexed document.

    ``cluster`` is the sequence number of the cluster's first document (a stable key);
    ``relation`` (duplicate or excerpt), ``similarity`` and ``via`` record the match that
    put the document there, ``None`` for the document that opened the cluster.
    ``overlap`` is the document it shares the most ``passages`` with, if any (overlaps link
    clusters, they do not merge them). ``stamp`` (seconds since the epoch) is the
    publication time when the record gave one, else the time it was indexed.

    ``estimate`` is the MinHash estimate of the Jaccard with ``via``, taken when the
    match was made (1.0 for the document that opened its cluster, like ``similarity``).
    The SQLite index stores it instead of the 512-byte signature, the one consumer of
    which it is: ``None`` (a Spark backfill's rows, rows of an older index) means not
    taken, and such rows keep their signature to compute it from.
    """

    seq: int
    id: str
    cluster: int
    relation: str | None
    similarity: float
    via: int | None
    overlap: int | None
    overlap_similarity: float
    passages: tuple[Passage, ...]
    length: int
    published: str | None
    stamp: float
    run: int
    signature: U32
    shingles: U32
    bounds: U32
    spans: U32
    keys: I64 = field(repr=False)
    estimate: float | None = None

    @cached_property
    def shingle_set(self) -> U32:
        return sorted_unique(self.shingles)

    @cached_property
    def order(self) -> ShingleOrder:
        """The paragraph shingles by value, for shared-passage matching."""
        return shingle_order(self.shingles, self.bounds)

    def paragraph_span(self, i: int) -> tuple[int, int]:
        return int(self.spans[2 * i]), int(self.spans[2 * i + 1])


# What StoredDoc derives from its shingles and bounds alone, computed on first use.
_DERIVED = ("shingle_set", "order")


def placed(doc: StoredDoc, **changes: Any) -> StoredDoc:
    """``replace(doc, **changes)``, keeping what was already derived from its shingles.

    The engine makes a document, verifies it against its candidates (which derives its
    shingle set and order), then records where it was placed: a plain ``replace`` threw
    those away, and they were derived again each time the document was a candidate.
    """
    if "shingles" in changes or "bounds" in changes:
        raise ValueError("placed() keeps derived arrays: the shingles must not change")
    out = replace(doc, **changes)
    for name in _DERIVED:
        if name in doc.__dict__:
            out.__dict__[name] = doc.__dict__[name]
    return out


def passages_to_text(passages: tuple[Passage, ...]) -> str | None:
    if not passages:
        return None
    return json.dumps([p.__dict__ for p in passages], ensure_ascii=False)


def passages_from_text(text: str | None) -> tuple[Passage, ...]:
    if not text:
        return ()
    return tuple(Passage(**p) for p in json.loads(text))
