"""Shingles and MinHash signatures, vectorised with numpy.

A document is tokenised into CJK characters (one token each) and Latin words/numbers;
punctuation is dropped, so full-width/half-width changes never alter a shingle. A shingle
starting on a CJK character spans ``cjk_ngram`` tokens (character n-grams), one starting
on a word spans ``word_ngram`` tokens (word n-grams); mixed text gets both, decided per
position, so a Chinese report quoting an English name and an English report quoting a
Chinese one are shingled the same way wherever they are copied.

Tokens are found and hashed in numpy, a whole document at once: a class table over the
code points marks CJK characters and word characters, and each token's hash is a
polynomial in its code points (wrapping 64-bit arithmetic) with the MurmurHash3
finaliser, so no Python string is made per token. N-grams are combined with 64-bit
multiply-add and the same finaliser, and the upper 32 bits are the shingle hash.
Signatures and band keys are in :mod:`reconcile.dedup.stages`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
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
_WORD_CHAR = re.compile(rf"[^\W_{_CJK}]")  # a character of a Latin word or number token

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


def fmix64(h: U64) -> U64:
    """MurmurHash3's 64-bit finaliser, element-wise (wrapping arithmetic is intended)."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def fmix32(h: U32) -> U32:
    """MurmurHash3's 32-bit finaliser, element-wise."""
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
    return document_shingles([text], config)[0]


def document_shingles(paragraphs: Sequence[str], config: DedupConfig) -> tuple[U32, U32]:
    """:func:`paragraph_shingles` with the n-gram lengths of ``config``."""
    return paragraph_shingles(paragraphs, config.cjk_ngram, config.word_ngram)


def paragraph_shingles(
    paragraphs: Sequence[str], cjk_ngram: int, word_ngram: int
) -> tuple[U32, U32]:
    """Every paragraph's shingle set at once: ``(shingles, bounds)``.

    ``shingles[bounds[i]:bounds[i + 1]]`` is paragraph ``i``'s sorted set, exactly what
    :func:`shingle_hashes` gives for it; one numpy pass per document instead of one per
    paragraph (n-grams crossing a paragraph boundary are masked out).
    """
    n_para = len(paragraphs)
    th, _, cjk, para = _token_hashes(paragraphs)
    count = len(th)
    if not count:
        return np.empty(0, np.uint32), np.zeros(n_para + 1, np.uint32)
    hashes: list[U64] = []
    owners: list[U64] = []
    for n, mask in ((cjk_ngram, cjk), (word_ngram, ~cjk)):
        if count < n or not mask.any():
            continue
        m = count - n + 1
        ok = mask[:m] & (para[n - 1 :] == para[:m])
        hashes.append(_ngrams(th, n)[ok])
        owners.append(para[:m][ok])
    lens = np.bincount(para.astype(np.intp), minlength=n_para)
    have = (
        np.bincount(np.concatenate(owners).astype(np.intp), minlength=n_para)
        if owners
        else np.zeros(n_para, np.intp)
    )
    first = np.concatenate([[0], np.cumsum(lens)])
    for i in np.flatnonzero((lens > 0) & (have == 0)).tolist():
        # Shorter than one shingle: the whole paragraph is its only shingle.
        hashes.append(_ngrams(th[first[i] : first[i + 1]], int(lens[i])))
        owners.append(np.full(1, i, dtype=np.uint64))
    combined = sorted_unique(
        (np.concatenate(owners) << np.uint64(32)) | (np.concatenate(hashes) >> np.uint64(32))
    )
    shingles = (combined & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    bounds = np.searchsorted(combined >> np.uint64(32), np.arange(n_para + 1, dtype=np.uint64))
    return shingles, bounds.astype(np.uint32)


# Character classes for the vectorised tokeniser.
_OTHER, _WORD, _CJK_CHAR = 0, 1, 2
# Token hash: a polynomial in the code points with this odd 64-bit base, then the length
# mixed in and the MurmurHash3 finaliser (see token_hash, the per-token reference).
_BASE = np.uint64(0x9FB21C651E98DF25)
_LENGTH_MIX = np.uint64(0xD1B54A32D192ED03)


@cache
def _classes() -> npt.NDArray[np.uint8]:
    """Class of every BMP code point: a word character (``[^\\W_]``), CJK, or other.

    Built on first use by running the token regex's two character classes over the
    whole BMP (a constant of the tokeniser, read-only, so no call can change it for
    another); code points above it are classified one by one, they are rare in news text.
    """
    bmp = "".join(map(chr, range(0x10000)))
    table = np.zeros(0x10000, dtype=np.uint8)
    table[[m.start() for m in _WORD_CHAR.finditer(bmp)]] = _WORD
    table[[m.start() for m in _IS_CJK.finditer(bmp)]] = _CJK_CHAR
    table.flags.writeable = False
    return table


def _char_class(ch: str) -> int:
    # The definition the table caches: exactly what the token regex matches.
    if _IS_CJK.match(ch):
        return _CJK_CHAR
    return _WORD if _TOKEN.match(ch) else _OTHER


def _powers(n: int) -> U64:
    """``_BASE ** 1 .. _BASE ** n`` modulo 2**64 (numpy's uint64 products wrap)."""
    if n <= len(_POWER_TABLE):
        return _POWER_TABLE[:n]
    # A token longer than the table (a run of digits or a URL-like word): computed for
    # this call only, so no call leaves state behind for the next.
    return np.cumprod(np.full(n, _BASE, dtype=np.uint64), dtype=np.uint64)


# Read-only: a constant of the hash, shared by every call and never grown.
_POWER_TABLE = np.cumprod(np.full(256, _BASE, dtype=np.uint64), dtype=np.uint64)
_POWER_TABLE.flags.writeable = False


def token_hash(token: str) -> int:
    """The 64-bit hash of one token, as :func:`_token_hashes` computes it for all at once.

    Example:
        >>> token_hash("gdp") == int(_token_hashes(["GDP rose"])[0][0])
        True
    """
    acc = 0
    power = 1
    for ch in token:
        power = (power * int(_BASE)) & 0xFFFFFFFFFFFFFFFF
        acc = (acc + (ord(ch) + 1) * power) & 0xFFFFFFFFFFFFFFFF
    acc ^= (len(token) * int(_LENGTH_MIX)) & 0xFFFFFFFFFFFFFFFF
    return int(fmix64(np.array([acc], dtype=np.uint64))[0])


def _token_hashes(paragraphs: Sequence[str]) -> tuple[U64, I64, npt.NDArray[np.bool_], U64]:
    """Every token of every paragraph, hashed in numpy: ``(hashes, starts, cjk, paragraph)``.

    The tokens are exactly :func:`tokens`' (lower-cased CJK characters and Latin words),
    found from a class table over the code points instead of a regex and a Python string
    per token; ``starts`` are their offsets in the joined lower-cased text.
    """
    lowered = [p.lower() for p in paragraphs]
    text = " ".join(lowered)
    # surrogatepass: a lone surrogate (half an emoji cut by a scraper, passed through by
    # json.loads) is a non-token character, not a reason to fail the chunk.
    cp = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if not len(cp):
        empty = np.empty(0, np.uint64)
        return empty, np.empty(0, np.int64), np.empty(0, bool), empty
    table = _classes()
    cls = table[np.minimum(cp, 0xFFFF)]
    high = np.flatnonzero(cp > 0xFFFF)
    for i in high.tolist():
        cls[i] = _char_class(chr(cp[i]))
    word = cls == _WORD
    start = cls == _CJK_CHAR
    start[0] |= bool(word[0])
    start[1:] |= word[1:] & ~word[:-1]
    inside = cls != _OTHER
    starts = np.flatnonzero(start)
    if not len(starts):
        empty = np.empty(0, np.uint64)
        return empty, np.empty(0, np.int64), np.empty(0, bool), empty
    # Position of each token character within its token, for the polynomial's powers.
    pos = np.flatnonzero(inside)
    owner = np.cumsum(start[pos]) - 1
    k = pos - starts[owner]
    powers = _powers(int(k.max()) + 1)
    terms = (cp[pos].astype(np.uint64) + np.uint64(1)) * powers[k]
    first = np.flatnonzero(start[pos])
    acc = np.add.reduceat(terms, first)
    length = np.diff(np.append(first, len(pos))).astype(np.uint64)
    hashes = fmix64(acc ^ (length * _LENGTH_MIX))
    cjk = cls[starts] == _CJK_CHAR
    offsets = np.cumsum([0] + [len(p) + 1 for p in lowered[:-1]])
    para = (np.searchsorted(offsets, starts, side="right") - 1).astype(np.uint64)
    return hashes, starts.astype(np.int64), cjk, para
