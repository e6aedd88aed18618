"""Shingles and MinHash signatures, vectorised with numpy.

A document is tokenised into CJK characters (one token each) and Latin words/numbers;
punctuation is dropped, so full-width/half-width changes never alter a shingle. A shingle
starting on a CJK character spans ``cjk_ngram`` tokens (character n-grams), one starting
on a word spans ``word_ngram`` tokens (word n-grams); mixed text gets both, decided per
position, so a Chinese report quoting an English name and an English report quoting a
Chinese one are shingled the same way wherever they are copied.

Tokens are hashed with CRC-32 (C speed, the same on every machine and process), n-grams
are combined in numpy with 64-bit multiply-add and the MurmurHash3 finaliser, and the
upper 32 bits are the shingle hash. Signatures use datasketch's ``affine32`` MinHash
permutations for the configured seed and are bit-for-bit what
``datasketch.MinHash(..., scheme="affine32").update_batch`` computes for the same shingle
hashes (pinned by a test); we compute them for a whole document at once so that
paragraph signatures come out of the same matrix with one ``minimum.reduceat``.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from .config import DedupConfig

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]
I64 = npt.NDArray[np.int64]
_N = TypeVar("_N", bound=np.generic)

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_IS_CJK = re.compile(rf"[{_CJK}]")

# Odd 64-bit constants for combining token hashes (from the SplitMix64 generator).
_MIX = np.array(
    [
        0x9E3779B97F4A7C15,
        0xBF58476D1CE4E5B9,
        0x94D049BB133111EB,
        0xD6E8FEB86659FD93,
        0xA0761D6478BD642F,
        0xE7037ED1A0B428DB,
        0x8EBC6AF09C88C6E3,
        0x589965CC75374CC3,
    ],
    dtype=np.uint64,
)


def sorted_unique(values: npt.NDArray[_N]) -> npt.NDArray[_N]:
    """``np.unique(values)`` for a 1-D array, by sorting.

    numpy's hash-based unique costs ~50 us on a few hundred values, a sort and a
    comparison a few; the result is the same sorted array.
    """
    out = np.sort(values)
    if len(out) > 1:
        keep = np.empty(len(out), dtype=bool)
        keep[0] = True
        np.not_equal(out[1:], out[:-1], out=keep[1:])
        out = out[keep]
    return out


def tokens(text: str) -> list[str]:
    """Lower-cased tokens: each CJK character alone, Latin words and numbers whole.

    Example:
        >>> tokens("增长7.5%, GDP up")
        ['增', '长', '7', '5', 'gdp', 'up']
    """
    return _TOKEN.findall(text.lower())


def _is_cjk_token(token: str) -> bool:
    return len(token) == 1 and _IS_CJK.match(token) is not None


def fmix64(h: U64) -> U64:
    """MurmurHash3's 64-bit finaliser, element-wise (wrapping arithmetic is intended)."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def _fmix32(h: U32) -> U32:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _ngrams(th: U64, n: int) -> U64:
    """Hash of every n-gram of the token hashes ``th`` (``len(th) - n + 1`` values)."""
    count = len(th) - n + 1
    acc = np.full(count, n, dtype=np.uint64) * _MIX[7]
    for j in range(n):
        acc = acc + th[j : j + count] * _MIX[j % 7]
        acc = (acc << np.uint64(23)) | (acc >> np.uint64(41))
    return fmix64(acc)


def shingle_hashes(text: str, config: DedupConfig) -> U32:
    """The set of 32-bit shingle hashes of one paragraph, sorted.

    Example:
        >>> cfg = DedupConfig()
        >>> a = shingle_hashes("The cat sat on the mat today.", cfg)
        >>> b = shingle_hashes("THE CAT SAT ON THE MAT TODAY", cfg)
        >>> len(a), bool((a == b).all())
        (4, True)
    """
    toks = tokens(text)
    if not toks:
        return np.empty(0, dtype=np.uint32)
    th = np.fromiter(map(zlib.crc32, map(str.encode, toks)), dtype=np.uint64, count=len(toks))
    if _IS_CJK.search(text) is None:
        cjk = np.zeros(len(toks), dtype=bool)
    else:
        cjk = np.fromiter(map(_is_cjk_token, toks), dtype=bool, count=len(toks))
    n_c, n_w = config.cjk_ngram, config.word_ngram
    parts: list[U64] = []
    if cjk.any() and len(toks) >= n_c:
        parts.append(_ngrams(th, n_c)[cjk[: len(toks) - n_c + 1]])
    if not cjk.all() and len(toks) >= n_w:
        parts.append(_ngrams(th, n_w)[~cjk[: len(toks) - n_w + 1]])
    if not parts or not sum(len(p) for p in parts):
        # Shorter than one shingle: the whole paragraph is its only shingle.
        parts = [_ngrams(th, len(toks))]
    hashes = (np.concatenate(parts) >> np.uint64(32)).astype(np.uint32)
    return sorted_unique(hashes)


def document_shingles(paragraphs: Sequence[str], config: DedupConfig) -> tuple[U32, U32]:
    """Every paragraph's shingle set at once: ``(shingles, bounds)``.

    ``shingles[bounds[i]:bounds[i + 1]]`` is paragraph ``i``'s sorted set, exactly what
    :func:`shingle_hashes` gives for it; one numpy pass per document instead of one per
    paragraph (n-grams crossing a paragraph boundary are masked out).
    """
    per = [tokens(t) for t in paragraphs]
    lens = np.array([len(x) for x in per], dtype=np.int64)
    count = int(lens.sum())
    n_para = len(per)
    if not count:
        return np.empty(0, np.uint32), np.zeros(n_para + 1, np.uint32)
    flat = list(itertools.chain.from_iterable(per))
    th = np.fromiter(map(zlib.crc32, map(str.encode, flat)), dtype=np.uint64, count=count)
    if any(_IS_CJK.search(t) for t in paragraphs):
        cjk = np.fromiter(map(_is_cjk_token, flat), dtype=bool, count=count)
    else:
        cjk = np.zeros(count, dtype=bool)
    para = np.repeat(np.arange(n_para, dtype=np.uint64), lens)
    hashes: list[U64] = []
    owners: list[U64] = []
    for n, mask in ((config.cjk_ngram, cjk), (config.word_ngram, ~cjk)):
        if count < n or not mask.any():
            continue
        m = count - n + 1
        ok = mask[:m] & (para[n - 1 :] == para[:m])
        hashes.append(_ngrams(th, n)[ok])
        owners.append(para[:m][ok])
    have = (
        np.bincount(np.concatenate(owners).astype(np.int64), minlength=n_para) if owners else None
    )
    starts = np.concatenate([[0], np.cumsum(lens)])
    for i in range(n_para):
        if lens[i] and (have is None or not have[i]):
            # Shorter than one shingle: the whole paragraph is its only shingle.
            hashes.append(_ngrams(th[starts[i] : starts[i + 1]], int(lens[i])))
            owners.append(np.full(1, i, dtype=np.uint64))
    combined = sorted_unique(
        (np.concatenate(owners) << np.uint64(32)) | (np.concatenate(hashes) >> np.uint64(32))
    )
    shingles = (combined & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    bounds = np.searchsorted(combined >> np.uint64(32), np.arange(n_para + 1, dtype=np.uint64))
    return shingles, bounds.astype(np.uint32)


@cache
def permutations(seed: int, num_perm: int) -> tuple[U32, U32]:
    """datasketch's ``affine32`` permutation parameters ``(a, b)`` for this seed."""
    from datasketch import MinHash

    perm = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return np.asarray(perm[0], dtype=np.uint32), np.asarray(perm[1], dtype=np.uint32)


@dataclass(frozen=True)
class Signatures:
    """MinHash signatures of a document and of each of its paragraphs."""

    document: U32  # (num_perm,)
    # (paragraphs, para_bands * para_rows): only the permutations the paragraph bands use;
    # an empty paragraph's row is all 0xFFFFFFFF.
    paragraphs: U32


def signatures(shingles: U32, bounds: U32, config: DedupConfig) -> Signatures:
    """Signatures from paragraph shingle sets laid end to end (``bounds`` = start offsets).

    ``bounds`` has one entry per paragraph plus the total length at the end.
    """
    a, b = permutations(config.seed, config.num_perm)
    empty = np.uint32(0xFFFFFFFF)
    n_para = len(bounds) - 1
    width = config.para_bands * config.para_rows
    if len(shingles) == 0:
        return Signatures(
            np.full(config.num_perm, empty, np.uint32),
            np.full((n_para, width), empty, np.uint32),
        )
    hv = _fmix32(shingles)
    matrix = hv[:, None] * a[None, :] + b[None, :]
    document = matrix.min(axis=0)
    starts = bounds[:-1].astype(np.intp)
    nonempty = bounds[1:] > bounds[:-1]
    paras = np.full((n_para, width), empty, np.uint32)
    if nonempty.any():
        paras[nonempty] = np.minimum.reduceat(matrix[:, :width], starts[nonempty], axis=0)
    return Signatures(document, paras)


def _band_keys(sig: U32, bands: int, rows: int, salt: int) -> I64:
    """One 64-bit key per band of each signature row (``sig`` is 1-D or 2-D)."""
    block = sig[..., : bands * rows].reshape(*sig.shape[:-1], bands, rows).astype(np.uint64)
    # Each row position has its own multiplier, so the sum is order-sensitive; one mix
    # per value and one per band, a handful of array operations in all.
    position = _MIX[(np.arange(rows) + 2) % 7]
    band = np.arange(bands, dtype=np.uint64) * _MIX[0] + np.full(bands, salt, np.uint64) * _MIX[1]
    acc = fmix64(fmix64(block * position).sum(axis=-1, dtype=np.uint64) + band)
    keys: I64 = acc.view(np.int64)
    return keys


def document_keys(sig: U32, config: DedupConfig) -> I64:
    """The document's LSH band keys (``bands`` of them)."""
    return _band_keys(sig, config.bands, config.rows, salt=1)


def paragraph_keys(paras: U32, eligible: npt.NDArray[np.bool_], config: DedupConfig) -> I64:
    """Band keys of the paragraphs long enough to count as passages, deduplicated."""
    if not eligible.any():
        return np.empty(0, dtype=np.int64)
    keys = _band_keys(paras[eligible], config.para_bands, config.para_rows, salt=2)
    return sorted_unique(keys.ravel())
