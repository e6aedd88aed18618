"""Exact verification of candidate pairs: Jaccard, containment, shared passages.

The scores are :mod:`.stages`' pure functions; this module applies the thresholds to
indexed documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .config import DedupConfig
from .stages import ordered_passage_matches, set_scores
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
    matches = ordered_passage_matches(
        a.order, b.order, config.min_paragraph_shingles, config.passage
    )
    out = []
    for i, j, s in matches:
        start, end = a.paragraph_span(i)
        o_start, o_end = b.paragraph_span(j)
        text = heads[i] if i < len(heads) else ""
        out.append(Passage(i, start, end, j, o_start, o_end, s, text))
    return tuple(out)


def verify(
    doc: StoredDoc, cand: StoredDoc, config: DedupConfig, heads: tuple[str, ...] = ()
) -> Match | None:
    """``doc``'s relation to the earlier ``cand``: duplicate, excerpt, overlap or none."""
    relation, score = classify(doc, cand, config)
    if relation is not None:
        return Match(cand, relation, score)
    passages = shared_passages(doc, cand, config, heads)
    if passages:
        return Match(cand, OVERLAP, score, passages)
    return None


def strongest(
    doc: StoredDoc, candidates: Iterable[StoredDoc], config: DedupConfig, heads: tuple[str, ...]
) -> tuple[Match | None, Match | None]:
    """The strongest duplicate-or-excerpt match among ``candidates``, and the strongest overlap.

    The document joins the first one's cluster; the second links it to another cluster.
    Both are the maximum of :attr:`Match.rank`, so the order of the candidates does not
    matter (every engine gets the same answer from the same candidates).

    An overlap's rank is its containment and the candidate's number, both known before
    its passages are: the candidates that are neither duplicate nor excerpt are tried in
    rank order, and the first that shares a passage is the strongest overlap, without
    matching the paragraphs of the rest (the costliest check, about two per document at
    the million end of a feed).
    """
    best: Match | None = None
    rest: list[tuple[float, int, StoredDoc]] = []
    for cand in candidates:
        relation, score = classify(doc, cand, config)
        if relation is None:
            rest.append((score, -cand.seq, cand))
            continue
        match = Match(cand, relation, score)
        if best is None or match.rank > best.rank:
            best = match
    # (containment, -number) is the overlap's rank: numbers are unique, so no two tie.
    rest.sort(key=lambda r: (r[0], r[1]), reverse=True)
    for score, _, cand in rest:
        passages = shared_passages(doc, cand, config, heads)
        if passages:
            return best, Match(cand, OVERLAP, score, passages)
    return best, None
