"""Clustering agreement: pairwise precision/recall and the adjusted Rand index."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pair_scores(truth: Mapping[str, str], found: Mapping[str, str]) -> dict[str, float]:
    """Pairwise precision, recall and ARI of ``found`` against ``truth`` (doc -> cluster).

    Example:
        >>> pair_scores({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"})
        {'precision': 1.0, 'recall': 1.0, 'ari': 1.0}
    """
    docs = [d for d in truth if d in found]
    both = Counter((truth[d], found[d]) for d in docs)
    t_sizes = Counter(truth[d] for d in docs)
    f_sizes = Counter(found[d] for d in docs)
    agree = sum(_pairs(c) for c in both.values())
    t_pairs = sum(_pairs(c) for c in t_sizes.values())
    f_pairs = sum(_pairs(c) for c in f_sizes.values())
    total = _pairs(len(docs))
    expected = t_pairs * f_pairs / total if total else 0.0
    top = (t_pairs + f_pairs) / 2
    ari = (agree - expected) / (top - expected) if top != expected else 1.0
    return {
        "precision": agree / f_pairs if f_pairs else 1.0,
        "recall": agree / t_pairs if t_pairs else 1.0,
        "ari": ari,
    }
