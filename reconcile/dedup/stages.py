"""The pure stages of dedup: the one implementation every engine calls.

Tokenise, shingle, sign, band keys and verify, each a function of its arguments alone:
numpy arrays, tuples and ints in, numpy arrays and floats out; no cache that one call
can change for another, no permutation table adopted by an earlier run. The streaming
engine (:mod:`reconcile.dedup.engine`) and a batch engine (Spark's ``mapPartitions``)
call the same functions, so the same text gives the same shingles, signatures and band
keys in both.

The MinHash permutations are an argument, as in datasketch's
``MinHash(permutations=...)``: an index records the ones its signatures were made with,
and a run signs with the ones of the index it writes to
(:func:`permutations_from_json`). Two runs in one process on indexes recorded with
different permutations therefore cannot disturb each other.

Example:
    >>> perms = datasketch_permutations(seed=1, num_perm=128)
    >>> a, _ = shingle(["The harbour bridge reopened to traffic on Monday morning."])
    >>> b, _ = shingle(["The harbour bridge reopened to traffic on Monday evening."])
    >>> round(jaccard(a, b), 3), len(sign(a, perms)), len(band_keys(sign(a, perms), 20, 6))
    (0.714, 128, 20)
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from .shingle import _MIX, I64, U32, fmix32, fmix64, paragraph_shingles, tokens

__all__ = [
    "DOCUMENT_SALT",
    "PASSAGE_SALT",
    "Permutations",
    "ShingleOrder",
    "band_keys",
    "datasketch_permutations",
    "estimated_jaccard",
    "jaccard",
    "ordered_passage_matches",
    "passage_keys",
    "passage_matches",
    "permutations_from_json",
    "permutations_to_json",
    "set_scores",
    "shingle",
    "shingle_order",
    "sign",
    "sign_paragraphs",
    "tokens",
]

# ``(a, b)``: the affine32 parameters, each ``(num_perm,)`` uint32, as datasketch keeps them.
Permutations = tuple[U32, U32]

# Document and passage band keys are salted differently so that a paragraph's key never
# equals a document's (both live in one key space in the index).
DOCUMENT_SALT = 1
PASSAGE_SALT = 2


# -- permutations -----------------------------------------------------------------------


def datasketch_permutations(seed: int, num_perm: int) -> Permutations:
    """datasketch's ``affine32`` permutation parameters ``(a, b)`` for this seed.

    Drawn here the way datasketch 2.0 draws them (numpy's legacy ``RandomState(seed)``:
    ``a`` odd, then ``b``; a test pins them to ``MinHash(scheme="affine32")``) instead of
    importing datasketch, which loads scipy: ~0.9 s of every run on a new index, a
    quarter of a 10,000-document run. A new index records these; an existing one's
    recorded permutations are used instead (:func:`permutations_from_json`), so an index
    stays valid whatever a later datasketch draws. The arrays are read-only: a memo
    shared by callers cannot be altered by one of them.

    Example:
        >>> a, b = datasketch_permutations(1, 128)
        >>> a.shape, a.dtype.name, a.flags.writeable, bool(np.all(a % 2 == 1))
        ((128,), 'uint32', False, True)
    """
    return _datasketch_permutations(seed, num_perm)


@cache
def _datasketch_permutations(seed: int, num_perm: int) -> Permutations:
    draw = np.random.RandomState(seed)
    # An odd multiplier makes h -> a * h + b (mod 2**32) a bijection.
    a = draw.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return _frozen(a), _frozen(b)


def _frozen(values: object) -> U32:
    out = np.array(values, dtype=np.uint32)
    out.flags.writeable = False
    return out


def permutations_to_json(permutations: Permutations) -> str:
    """The text an index records: ``{"a": [...], "b": [...]}``."""
    a, b = permutations
    return json.dumps({"a": a.tolist(), "b": b.tolist()})


def permutations_from_json(text: str, num_perm: int) -> Permutations:
    """Permutations recorded by :func:`permutations_to_json`, checked for length.

    Raises:
        ValueError: the recorded arrays are not ``num_perm`` long (a damaged index).
    """
    recorded = json.loads(text)
    a, b = recorded["a"], recorded["b"]
    if len(a) != num_perm or len(b) != num_perm:
        raise ValueError(f"recorded permutations are not {num_perm} long")
    return _frozen(a), _frozen(b)


# -- shingles ---------------------------------------------------------------------------


def shingle(paragraphs: Sequence[str], cjk_ngram: int = 5, word_ngram: int = 4) -> tuple[U32, U32]:
    """Each paragraph's sorted set of 32-bit shingle hashes: ``(shingles, bounds)``.

    ``shingles[bounds[i]:bounds[i + 1]]`` is paragraph ``i``'s set; ``bounds`` has one
    entry per paragraph plus the total. Paragraphs should be normalised text (the engine
    passes ``normalize_text`` output); case, width and punctuation do not matter.
    """
    return paragraph_shingles(paragraphs, cjk_ngram, word_ngram)


# -- signatures -------------------------------------------------------------------------


def sign(shingles: U32, permutations: Permutations) -> U32:
    """The MinHash signature of one shingle set, ``(num_perm,)`` uint32.

    Bit for bit what ``datasketch.MinHash(scheme="affine32", hashfunc=int,
    permutations=permutations)`` holds after ``update_batch(shingles)`` (pinned by a
    test): the same 32-bit MurmurHash3 pre-mix and ``a * h + b`` in wrapping uint32.
    An empty set gives all 0xFFFFFFFF.
    """
    edges = np.array([0, len(shingles)], dtype=np.intp)
    signature: U32 = _segment_minima(_matrix(shingles, permutations), edges)[0]
    return signature


def sign_paragraphs(
    shingles: U32,
    bounds: U32,
    doc_bounds: npt.NDArray[np.intp],
    permutations: Permutations,
    paragraph_width: int,
) -> tuple[U32, U32]:
    """Signatures of several documents and of their paragraphs: ``(documents, paragraphs)``.

    ``bounds`` delimits each paragraph's shingles (as :func:`shingle` returns them, laid
    end to end); ``doc_bounds[d]:doc_bounds[d + 1]`` are document ``d``'s paragraphs.
    ``documents`` is ``(n_docs, num_perm)``; ``paragraphs`` is ``(n_paragraphs,
    paragraph_width)``: only the first permutations, the ones the passage bands use.
    A document's row is the same whether it is signed alone or with others: one
    permutation matrix and two ``minimum.reduceat`` calls serve a whole chunk, because
    per-document numpy calls cost more than the arithmetic.
    """
    matrix = _matrix(shingles, permutations)
    documents = _segment_minima(matrix, bounds[doc_bounds].astype(np.intp))
    return documents, _segment_minima(matrix[:paragraph_width], bounds.astype(np.intp))


def _matrix(shingles: U32, permutations: Permutations) -> U32:
    a, b = permutations
    hv = fmix32(shingles)
    # One row per permutation, the shingles along it: both the products and the
    # reductions then run over contiguous memory (about ten times faster than the
    # shingle-major layout for a chunk's ~25k shingles).
    matrix: U32 = a[:, None] * hv[None, :]
    matrix += b[:, None]  # in place: a second 128-row temporary cost ~10% of signing
    return matrix


def _segment_minima(matrix: U32, edges: npt.NDArray[np.intp]) -> U32:
    """Row ``i``: the column-wise minimum of ``matrix[:, edges[i]:edges[i + 1]]``."""
    out = np.full((len(edges) - 1, len(matrix)), np.uint32(0xFFFFFFFF), np.uint32)
    nonempty = edges[1:] > edges[:-1]
    if nonempty.any():
        # reduceat cannot express an empty segment: those rows keep the fill.
        out[nonempty] = np.minimum.reduceat(matrix, edges[:-1][nonempty], axis=1).T
    return out


def estimated_jaccard(a: U32, b: U32) -> float:
    """The share of equal MinHash values: what LSH sees of the Jaccard of two sets.

    Example:
        >>> import numpy as np
        >>> estimated_jaccard(np.array([1, 2, 3, 4], np.uint32), np.array([1, 2, 0, 0], np.uint32))
        0.5
    """
    if len(a) != len(b) or not len(a):
        raise ValueError("signatures of different lengths are not comparable")
    return float(np.count_nonzero(a == b)) / len(a)


# -- band keys --------------------------------------------------------------------------


def band_keys(signatures: U32, bands: int, rows: int, salt: int = DOCUMENT_SALT) -> I64:
    """One 64-bit key per band of each signature (``signatures`` is 1-D or 2-D).

    Band ``j`` hashes ``signatures[..., j * rows:(j + 1) * rows]``; two signatures share
    band ``j``'s key exactly when those values are equal (up to 64-bit collisions).
    """
    block = signatures[..., : bands * rows]
    block = block.reshape(*signatures.shape[:-1], bands, rows).astype(np.uint64)
    # Each row position has its own multiplier, so the sum is order-sensitive; one mix
    # per value and one per band, a handful of array operations in all.
    position = _MIX[(np.arange(rows) + 2) % 7]
    band = np.arange(bands, dtype=np.uint64) * _MIX[0] + np.full(bands, salt, np.uint64) * _MIX[1]
    acc = fmix64(fmix64(block * position).sum(axis=-1, dtype=np.uint64) + band)
    keys: I64 = acc.view(np.int64)
    return keys


def passage_keys(
    paragraph_signatures: U32,
    eligible: npt.NDArray[np.bool_],
    owner: npt.NDArray[np.intp],
    n_docs: int,
    bands: int,
    rows: int,
) -> tuple[I64, npt.NDArray[np.intp]]:
    """Band keys of the passage-sized (``eligible``) paragraphs of several documents.

    ``owner[i]`` is paragraph ``i``'s document; document ``d``'s keys are
    ``keys[at[d]:at[d + 1]]``, sorted and unique. Returns ``(keys, at)``.
    """
    keys = band_keys(paragraph_signatures[eligible], bands, rows, salt=PASSAGE_SALT)
    docs = np.repeat(owner[eligible], bands)
    flat = keys.ravel()
    order = np.lexsort((flat, docs))
    flat, docs = flat[order], docs[order]
    keep = np.ones(len(flat), dtype=bool)
    keep[1:] = (flat[1:] != flat[:-1]) | (docs[1:] != docs[:-1])
    flat, docs = flat[keep], docs[keep]
    at = np.searchsorted(docs, np.arange(n_docs + 1))
    return flat, at


# -- verification -----------------------------------------------------------------------


def set_scores(a: U32, b: U32) -> tuple[float, float]:
    """``(Jaccard, containment of the smaller set)`` of two sorted unique arrays.

    Example:
        >>> import numpy as np
        >>> set_scores(np.array([1, 2, 3, 4], np.uint32), np.array([3, 4], np.uint32))
        (0.5, 1.0)
    """
    if len(a) == 0 or len(b) == 0:
        return 0.0, 0.0
    # Each set is unique, so a value met twice in the two together is shared. One sort
    # of both and a comparison: intersect1d does the same with a copy and a mask more.
    both = np.concatenate((a, b))
    # Two sorted halves: the stable sort (a merge sort) merges them in one pass, ~20%
    # faster than the default quicksort on a pair of ~400-shingle sets.
    both.sort(kind="stable")
    inter = int(np.count_nonzero(both[1:] == both[:-1]))
    return inter / (len(a) + len(b) - inter), inter / min(len(a), len(b))


def jaccard(a: U32, b: U32) -> float:
    """The exact Jaccard of two shingle sets (any order, repeats allowed)."""
    return set_scores(np.unique(a), np.unique(b))[0]


@dataclass(frozen=True)
class ShingleOrder:
    """A document's paragraph shingles sorted by value, each with its paragraph.

    ``values`` ascending, equal values (one shingle in several paragraphs) by paragraph;
    ``labels[k]`` is the paragraph of ``values[k]``; ``sizes[i]`` is paragraph ``i``'s
    shingle count. Made once per document (:func:`shingle_order`) and reused for every
    pair it is verified in: sorting a side anew for each pair was most of the cost of
    :func:`passage_matches` once documents had several candidates each.
    """

    values: U32
    labels: npt.NDArray[np.int32]  # a document has far fewer than 2**31 paragraphs
    sizes: npt.NDArray[np.int64]


def shingle_order(shingles: U32, bounds: U32) -> ShingleOrder:
    """The :class:`ShingleOrder` of one document's ``(shingles, bounds)``."""
    edges = bounds.astype(np.int64)
    sizes: npt.NDArray[np.int64] = edges[1:] - edges[:-1]
    order = np.argsort(shingles, kind="stable")
    labels = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)[order]
    return ShingleOrder(shingles[order], labels, sizes)


def passage_matches(
    a_shingles: U32,
    a_bounds: U32,
    b_shingles: U32,
    b_bounds: U32,
    min_shingles: int,
    threshold: float,
) -> list[tuple[int, int, float]]:
    """Paragraphs of ``a`` matching one of ``b``: ``(i, j, paragraph Jaccard)``, by ``i``.

    Only paragraphs of at least ``min_shingles`` shingles count (a shared dateline or a
    one-line quote is not a shared passage); each paragraph of ``a`` is paired with the
    paragraph of ``b`` it is most similar to, when that reaches ``threshold``.
    """
    return ordered_passage_matches(
        shingle_order(a_shingles, a_bounds),
        shingle_order(b_shingles, b_bounds),
        min_shingles,
        threshold,
    )


def ordered_passage_matches(
    a: ShingleOrder, b: ShingleOrder, min_shingles: int, threshold: float
) -> list[tuple[int, int, float]]:
    """:func:`passage_matches` of two documents' :class:`ShingleOrder`.

    A shingle of ``a`` found in several paragraphs of ``b`` counts towards the first of
    them (the lowest paragraph number); ties between paragraphs of ``b`` go to the first.
    """
    a_keep = a.sizes[a.labels] >= min_shingles
    b_keep = b.sizes[b.labels] >= min_shingles
    a_sh, a_lab = a.values[a_keep], a.labels[a_keep]
    b_sorted, b_labels = b.values[b_keep], b.labels[b_keep]
    if not len(a_sh) or not len(b_sorted):
        return []
    pos = np.searchsorted(b_sorted, a_sh)
    pos[pos == len(b_sorted)] = 0
    hit = b_sorted[pos] == a_sh
    if not hit.any():
        return []
    n_b = len(b.sizes) + 1
    pair = a_lab[hit].astype(np.int64) * n_b + b_labels[pos[hit]]
    # Pair numbers are small (paragraphs of a x paragraphs of b): counting them in an
    # array is a fraction of np.unique's cost, and gives them ascending as well.
    tally = np.bincount(pair)
    pairs = np.flatnonzero(tally)
    counts = tally[pairs]
    pa, pb = pairs // n_b, pairs % n_b
    sim = counts / (a.sizes[pa] + b.sizes[pb] - counts)
    good = sim >= threshold
    best: dict[int, tuple[float, int]] = {}
    # Pairs ascend by (i, j): a strictly greater score is needed to replace a j.
    for i, j, s in zip(pa[good].tolist(), pb[good].tolist(), sim[good].tolist(), strict=True):
        if s > best.get(i, (0.0, 0))[0]:
            best[i] = (s, j)
    return [(i, best[i][1], best[i][0]) for i in sorted(best)]
