"""Exact all-pairs similarity over shingle sets: the reference the index is measured by.

Quadratic in the number of documents (a sparse matrix product), so for corpora of a few
thousand documents: tests and ``bench/quality.py`` compare the LSH index against it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .shingle import U32


def exact_pairs(
    sets: Sequence[U32], jaccard: float = 0.0, containment: float = 1.1
) -> dict[tuple[int, int], tuple[float, float]]:
    """Pairs ``(i, j)``, ``i < j``, with Jaccard >= ``jaccard`` or containment >= ``containment``.

    Values are ``(Jaccard, containment of the smaller set)``.

    Example:
        >>> a, b, c = (np.array(x, np.uint32) for x in ([1, 2, 3], [1, 2, 3, 4], [9]))
        >>> exact_pairs([a, b, c], jaccard=0.5)
        {(0, 1): (0.75, 1.0)}
    """
    from scipy import sparse

    sizes = np.array([len(s) for s in sets], dtype=np.int64)
    if not len(sets) or not sizes.sum():
        return {}
    _, cols = np.unique(np.concatenate(sets), return_inverse=True)
    rows = np.repeat(np.arange(len(sets)), sizes)
    m = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.int32), (rows, cols)), shape=(len(sets), int(cols.max()) + 1)
    )
    inter = sparse.triu(m @ m.T, k=1).tocoo()
    i, j, n = inter.row, inter.col, inter.data.astype(np.float64)
    jac = n / (sizes[i] + sizes[j] - n)
    con = n / np.minimum(sizes[i], sizes[j])
    keep = (jac >= jaccard) | (con >= containment)
    return {
        (int(a), int(b)): (float(x), float(y))
        for a, b, x, y in zip(i[keep], j[keep], jac[keep], con[keep], strict=True)
    }
