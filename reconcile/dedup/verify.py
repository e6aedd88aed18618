"""Exact verification of candidate pairs: Jaccard, containment, shared passages.

The scores are :mod:`.stages`' pure functions; this module applies the thresholds to
indexed documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import DedupConfig
from .stages import passage_matches, set_scores
from .stored import Passage, StoredDoc

DUPLICATE = "duplicate"
EXCERPT = "excerpt"
OVERLAP = "overlap"
RELATIONS = (DUPLICATE, EXCERPT, OVERLAP)
_RANK = {DUPLICATE: 3, EXCERPT: 2, OVERLAP: 1}


@dataclass(frozen=True)
class Match:
    """A verified relation between a document and an indexed one."""

    other: StoredDoc
    relation: str
    similarity: float
    passages: tuple[Passage, ...] = ()

    @property
    def rank(self) -> tuple[int, float, int]:
        # Strongest relation, then most similar, then the earliest document.
        return (_RANK[self.relation], self.similarity, -self.other.seq)


def classify(a: StoredDoc, b: StoredDoc, config: DedupConfig) -> tuple[str | None, float]:
    """Duplicate or excerpt (with its similarity), or ``(None, containment)``."""
    jaccard, contained = set_scores(a.shingle_set, b.shingle_set)
    if jaccard >= config.duplicate:
        return DUPLICATE, jaccard
    if contained >= config.excerpt:
        return EXCERPT, contained
    return None, contained


def shared_passages(
    a: StoredDoc, b: StoredDoc, config: DedupConfig, heads: tuple[str, ...] = ()
) -> tuple[Passage, ...]:
    """Paragraphs of ``a`` that match a paragraph of ``b`` (paragraph Jaccard >= passage).

    Only paragraphs of at least ``min_paragraph_shingles`` shingles count: a shared
    dateline or one-line quote is not a shared passage.
    """
    matches = passage_matches(
        a.shingles, a.bounds, b.shingles, b.bounds, config.min_paragraph_shingles, config.passage
    )
    out = []
    for i, j, s in matches:
        start, end = a.paragraph_span(i)
        o_start, o_end = b.paragraph_span(j)
        text = heads[i] if i < len(heads) else ""
        out.append(Passage(i, start, end, j, o_start, o_end, s, text))
    return tuple(out)
