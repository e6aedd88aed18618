"""Exact verification of candidate pairs: Jaccard, containment, shared passages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .config import DedupConfig
from .shingle import U32
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


def set_scores(a: U32, b: U32) -> tuple[float, float]:
    """``(Jaccard, containment of the smaller set)`` of two sorted unique arrays.

    Example:
        >>> import numpy as np
        >>> set_scores(np.array([1, 2, 3, 4], np.uint32), np.array([3, 4], np.uint32))
        (0.5, 1.0)
    """
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


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
    a_sh, a_lab, a_size = _eligible(a, config)
    b_sh, b_lab, b_size = _eligible(b, config)
    if not len(a_sh) or not len(b_sh):
        return ()
    order = np.argsort(b_sh, kind="stable")
    b_sorted, b_labels = b_sh[order], b_lab[order]
    pos = np.searchsorted(b_sorted, a_sh)
    pos[pos == len(b_sorted)] = 0
    hit = b_sorted[pos] == a_sh
    if not hit.any():
        return ()
    n_b = len(b.bounds)
    pair = a_lab[hit].astype(np.int64) * n_b + b_labels[pos[hit]]
    pairs, counts = np.unique(pair, return_counts=True)
    pa, pb = pairs // n_b, pairs % n_b
    sim = counts / (a_size[pa] + b_size[pb] - counts)
    best: dict[int, tuple[float, int]] = {}
    for i, j, s in zip(pa.tolist(), pb.tolist(), sim.tolist(), strict=True):
        if s >= config.passage and s > best.get(i, (0.0, 0))[0]:
            best[i] = (s, j)
    out = []
    for i in sorted(best):
        s, j = best[i]
        start, end = a.paragraph_span(i)
        o_start, o_end = b.paragraph_span(j)
        text = heads[i] if i < len(heads) else ""
        out.append(Passage(i, start, end, j, o_start, o_end, s, text))
    return tuple(out)


def _eligible(
    doc: StoredDoc, config: DedupConfig
) -> tuple[U32, npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Shingles of passage-sized paragraphs, their paragraph labels, and paragraph sizes."""
    bounds = doc.bounds.astype(np.int64)
    sizes: npt.NDArray[np.int64] = bounds[1:] - bounds[:-1]
    labels = np.repeat(np.arange(len(sizes)), sizes)
    keep = sizes[labels] >= config.min_paragraph_shingles
    return doc.shingles[keep], labels[keep], sizes


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
    """
    best: Match | None = None
    shared: Match | None = None
    for cand in candidates:
        match = verify(doc, cand, config, heads)
        if match is None:
            continue
        if match.relation == OVERLAP:
            if shared is None or match.rank > shared.rank:
                shared = match
        elif best is None or match.rank > best.rank:
            best = match
    return best, shared
