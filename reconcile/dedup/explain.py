"""Why two documents are, or are not, grouped: the scores, the thresholds, the passages.

Reads the two documents from the feed (the index keeps no text to quote), computes
what the engine computes for the pair with the same pure stages (:mod:`.stages`) and
the permutations the index recorded, and, given an index, adds where the index placed
each of them and through which match. Nothing is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import InputError
from ..load import decode_bytes
from ._prepare import Prepared, prepare_many
from .clusters import REMOVED
from .config import DedupConfig
from .index.base import Index
from .records import Problem, Record
from .stages import (
    DOCUMENT_SALT,
    Permutations,
    band_keys,
    datasketch_permutations,
    estimated_jaccard,
    passage_matches,
    permutations_from_json,
    set_scores,
)
from .verify import DUPLICATE, EXCERPT, OVERLAP

_PERMUTATIONS_KEY = "permutations"


@dataclass(frozen=True)
class SharedPassage:
    """A paragraph of A and the paragraph of B it matches, quoted from both texts."""

    paragraph_a: int
    text_a: str
    paragraph_b: int
    text_b: str
    jaccard: float

    def to_json(self) -> dict[str, Any]:
        return {
            "paragraph_a": self.paragraph_a,
            "text_a": self.text_a,
            "paragraph_b": self.paragraph_b,
            "text_b": self.text_b,
            "jaccard": round(self.jaccard, 4),
        }


@dataclass(frozen=True)
class Placement:
    """Where the index put a document: its cluster and the match that placed it."""

    id: str
    cluster: str  # the id of the document that opened the cluster
    relation: str | None  # duplicate / excerpt of ``matched_with``; None: opened it
    matched_with: str | None
    similarity: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "cluster": self.cluster,
            "relation": self.relation,
            "matched_with": self.matched_with,
            "similarity": round(self.similarity, 4),
        }


@dataclass(frozen=True)
class Explanation:
    """Everything that decides whether documents ``a`` and ``b`` are grouped."""

    a: str
    b: str
    config: DedupConfig
    jaccard: float
    containment: float
    estimated_jaccard: float
    bands_shared: int  # document LSH bands on which the two signatures agree
    passage_keys_shared: int  # paragraph band keys in common
    relation: str | None  # what verification concludes: duplicate, excerpt, overlap, None
    passages: tuple[SharedPassage, ...]
    placements: tuple[Placement | None, Placement | None] | None  # None: no index given

    @property
    def candidate(self) -> bool:
        """Whether LSH proposes the pair for verification (any shared band key)."""
        return self.bands_shared > 0 or self.passage_keys_shared > 0

    @property
    def grouped(self) -> bool | None:
        """Whether the index holds them in one cluster (``None`` without both placed)."""
        if self.placements is None or None in self.placements:
            return None
        pa, pb = self.placements
        assert pa is not None and pb is not None
        return pa.cluster == pb.cluster

    def to_json(self) -> dict[str, Any]:
        """Everything :func:`render_explanation` shows, as one JSON object (``--json``).

        ``placements`` is ``null`` without an index, and a document the index does not
        hold is ``null`` in it; ``grouped`` likewise.

        Example:
            >>> sorted(explain(records, "a", "b", cfg).to_json())  # doctest: +SKIP
            ['a', 'b', 'candidate', 'grouped', 'passages', 'placements', 'relation', 'scores', 'thresholds', 'verdict']
        """
        c = self.config
        return {
            "a": self.a,
            "b": self.b,
            "relation": self.relation,
            "candidate": self.candidate,
            "grouped": self.grouped,
            "verdict": self.verdict(),
            "scores": {
                "jaccard": round(self.jaccard, 4),
                "containment": round(self.containment, 4),
                "estimated_jaccard": round(self.estimated_jaccard, 4),
                "document_bands_shared": self.bands_shared,
                "document_bands": c.bands,
                "passage_keys_shared": self.passage_keys_shared,
            },
            "thresholds": {"duplicate": c.duplicate, "excerpt": c.excerpt, "passage": c.passage},
            "passages": [p.to_json() for p in self.passages],
            "placements": None
            if self.placements is None
            else [None if p is None else p.to_json() for p in self.placements],
        }

    def verdict(self) -> str:
        """One sentence: grouped or not, and the reason a reader can check."""
        c = self.config
        scores = (
            f"Jaccard {self.jaccard:.3f} {'>=' if self.jaccard >= c.duplicate else '<'} "
            f"{c.duplicate:g} (duplicate), containment {self.containment:.3f} "
            f"{'>=' if self.containment >= c.excerpt else '<'} {c.excerpt:g} (excerpt)"
        )
        if self.relation == DUPLICATE:
            why = f"Duplicate: {self.a} and {self.b} are the same text up to edits ({scores})"
        elif self.relation == EXCERPT:
            why = f"Excerpt: the shorter of {self.a} and {self.b} lies within the other ({scores})"
        elif self.relation == OVERLAP:
            why = (
                f"Overlap: not one story ({scores}), but {len(self.passages)} passage(s) are "
                f"shared (paragraph Jaccard >= {c.passage:g}): linked, never merged"
            )
        else:
            why = f"Not related: {scores}, and no paragraph pair reaches {c.passage:g}"
        if self.relation is not None and not self.candidate:
            why += "; but LSH shares no band key between them, so the index never compares them"
        grouped = self.grouped
        if grouped is True:
            why += "; the index holds them in one cluster"
        elif grouped is False:
            why += "; the index holds them in different clusters"
            if self.relation in (DUPLICATE, EXCERPT):
                why += " (each joined its strongest match when it was indexed, and clusters never merge)"
        return why + "."


def explain(
    records: Iterable[Record | Problem],
    a: str,
    b: str,
    config: DedupConfig,
    index: Index | None = None,
) -> Explanation:
    """Explain the pair ``a``, ``b`` of ``records`` (read until both are found).

    Raises:
        InputError: an id is not in the input, or its record cannot be used.
    """
    found = _find(records, (a, b))
    perms = _permutations(index, config)
    prepared = prepare_many([found[a], found[b]], config, perms)
    docs: list[Prepared] = []
    for doc_id, p in zip((a, b), prepared, strict=True):
        if isinstance(p, Problem):
            raise InputError(f"{p.origin}: {p.message} (document {doc_id!r})")
        docs.append(p)
    pa, pb = docs
    jaccard, containment = set_scores(np.unique(pa.shingles), np.unique(pb.shingles))
    estimate = estimated_jaccard(pa.signature, pb.signature)
    doc_a = band_keys(pa.signature, config.bands, config.rows, DOCUMENT_SALT)
    doc_b = band_keys(pb.signature, config.bands, config.rows, DOCUMENT_SALT)
    shared_bands = int(np.count_nonzero(doc_a == doc_b))
    para_a = set(pa.keys[config.bands :].tolist())
    para_b = set(pb.keys[config.bands :].tolist())
    matches = passage_matches(
        pa.shingles,
        pa.bounds,
        pb.shingles,
        pb.bounds,
        config.min_paragraph_shingles,
        config.passage,
    )
    text_a, text_b = _text(found[a]), _text(found[b])
    passages = tuple(
        SharedPassage(i, _paragraph(text_a, pa, i), j, _paragraph(text_b, pb, j), s)
        for i, j, s in matches
    )
    relation: str | None = None
    if jaccard >= config.duplicate:
        relation = DUPLICATE
    elif containment >= config.excerpt:
        relation = EXCERPT
    elif passages:
        relation = OVERLAP
    return Explanation(
        a,
        b,
        config,
        jaccard,
        containment,
        estimate,
        shared_bands,
        len(para_a & para_b),
        relation,
        passages,
        None if index is None else _placements(index, (a, b)),
    )


def _find(records: Iterable[Record | Problem], ids: tuple[str, str]) -> dict[str, Record]:
    if ids[0] == ids[1]:
        raise InputError(f"give two different ids, not {ids[0]!r} twice")
    found: dict[str, Record] = {}
    for r in records:
        if isinstance(r, Record) and r.id in ids and r.id not in found:
            found[r.id] = r
            if len(found) == 2:
                return found
    missing = [i for i in ids if i not in found]
    raise InputError(f"id {missing[0]!r} is not in the input")


def _permutations(index: Index | None, config: DedupConfig) -> Permutations:
    # The index's own, so that band keys are the ones it holds.
    stored = index.get_meta(_PERMUTATIONS_KEY) if index is not None else None
    if stored is None:
        return datasketch_permutations(config.seed, config.num_perm)
    return permutations_from_json(stored, config.num_perm)


def _text(record: Record) -> str:
    if isinstance(record.data, bytes):
        return decode_bytes(record.data, name=record.origin)[0]
    return record.data


def _paragraph(text: str, doc: Prepared, i: int) -> str:
    start, end = int(doc.spans[2 * i]), int(doc.spans[2 * i + 1])
    return " ".join(text[start:end].split())


def _placements(index: Index, ids: tuple[str, str]) -> tuple[Placement | None, Placement | None]:
    stored = index.find_ids(list(ids))
    wanted = {s for d in stored.values() for s in (d.cluster, d.via) if s is not None}
    others = index.fetch(wanted)

    def name(seq: int | None) -> str | None:
        if seq is None:
            return None
        doc = others.get(seq)
        return doc.id if doc is not None else REMOVED

    def place(doc_id: str) -> Placement | None:
        d = stored.get(doc_id)
        if d is None:
            return None
        return Placement(d.id, name(d.cluster) or REMOVED, d.relation, name(d.via), d.similarity)

    return place(ids[0]), place(ids[1])
