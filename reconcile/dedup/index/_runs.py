"""Band keys as immutable sorted runs, merged by size tier (an LSM tree in numpy).

Why not a B-tree: band keys are hashes, so a batch's ~20,000 keys land on ~20,000
different leaf pages of a large table, and each dirtied page goes through the
write-ahead log whole (about 4 KB written per 16-byte key at 1M documents). Here a batch
is written as one sorted run, appended in one go; runs of the same size tier are merged
into one (each key is rewritten about log8(N / batch) times in all, in sequential
blocks), and a lookup is a binary search per run, vectorised over the batch's sorted keys.

Removed documents leave their keys in the runs until a merge drops them; the removed
sequence numbers (tombstones) filter lookups meanwhile. Sequence numbers are never reused,
so a stale key can never point at another document.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from ..shingle import I64, U32

FANOUT = 8  # runs of one tier merged into one of the next
_DIRECTORY_FROM = 1 << 18  # smaller runs stay in cache: plain binary search is as fast
_FILTER_FROM = 1 << 15  # a bitmap in front of smaller runs saves less than it costs
_BASE = 16_384  # keys in a tier-0 run (about one batch of 512 documents x 38 keys / 1.2)


@dataclass(frozen=True)
class Run:
    """One immutable run: keys ascending, and for equal keys, sequence numbers ascending."""

    run_id: int
    keys: I64
    seqs: U32
    lo: int  # smallest and largest sequence number held (tombstones are dropped by range)
    hi: int

    @property
    def tier(self) -> int:
        return tier_of(len(self.keys))

    @cached_property
    def directory(self) -> tuple[int, NDArray[np.int64]] | None:
        """For a large run: where each prefix of ``bits`` key bits starts (None if small).

        Band keys are hashes, so prefixes split a run into buckets of about eight keys;
        a lookup then reads the directory and one bucket instead of ~24 cache-missing
        steps of a binary search over the whole run (7x faster on a 10M-key run).
        """
        if self._search is None or len(self.keys) < _DIRECTORY_FROM:
            return None
        return self._search[0]

    @property
    def filter(self) -> tuple[int, NDArray[np.uint8]] | None:
        """For a large run: a bitmap of the key prefixes it holds, 8 bits per key.

        Most keys a batch looks up are in no run at all (a new story's), and a lookup
        in a large run cost a directory read and a search per key whatever the answer
        (3x the time of the whole lookup at 1M documents). A key whose prefix bit is
        clear is certainly absent: about one absent key in eight gets past the bitmap
        to the search. One byte per key held in memory.
        """
        return None if self._search is None else self._search[1]

    @cached_property
    def _search(
        self,
    ) -> tuple[tuple[int, NDArray[np.int64]], tuple[int, NDArray[np.uint8]]] | None:
        """The directory and the filter, from one pass over the keys' prefixes."""
        if len(self.keys) < _FILTER_FROM:
            return None
        bits = math.ceil(math.log2(len(self.keys))) + 3  # the filter's: 8 slots a key
        slots = _prefix(self.keys, bits)  # ascending, as the keys are
        # The directory's buckets (about 8 keys each) are the top bits - 6 of a slot.
        counts = np.bincount(slots >> 6, minlength=1 << (bits - 6))
        starts = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=starts[1:])
        slots = slots[np.r_[True, slots[1:] != slots[:-1]]]
        words = slots >> 3
        masks = np.left_shift(1, slots & 7).astype(np.uint8)
        first = np.flatnonzero(np.r_[True, words[1:] != words[:-1]])
        bitmap = np.zeros(1 << (bits - 3), dtype=np.uint8)
        bitmap[words[first]] = np.bitwise_or.reduceat(masks, first)
        return (bits - 6, starts), (bits, bitmap)

    def may_hold(self, query: I64) -> NDArray[np.bool_]:
        """False for query keys certainly not in the run (all True for a small run)."""
        if self.filter is None:
            return np.ones(len(query), dtype=bool)
        bits, bitmap = self.filter
        slots = _prefix(query, bits)
        held: NDArray[np.bool_] = (bitmap[slots >> 3] >> (slots & 7).astype(np.uint8)) & 1 > 0
        return held

    def lower_bound(self, query: I64) -> NDArray[np.int64]:
        """For each query key, the index of the first key >= it (as ``searchsorted``)."""
        if self.directory is None:
            return np.searchsorted(self.keys, query, side="left").astype(np.int64)
        bits, starts = self.directory
        bucket = _prefix(query, bits)
        lo, hi = starts[bucket], starts[bucket + 1]
        # A binary search in every query's bucket at once, a few numpy steps in all.
        todo = np.nonzero(lo < hi)[0]
        while len(todo):
            mid = (lo[todo] + hi[todo]) >> 1
            less = self.keys[mid] < query[todo]
            lo[todo] = np.where(less, mid + 1, lo[todo])
            hi[todo] = np.where(less, hi[todo], mid)
            todo = todo[lo[todo] < hi[todo]]
        return lo


def _upper_bound(keys: I64, query: I64, start: NDArray[np.int64]) -> NDArray[np.int64]:
    """Past the last key equal to each query key, found at ``start``.

    Most keys are held by one document: stepping over equal keys touches the cache line
    already read, where a second binary search would miss all the way down again.
    """
    end = start + 1
    todo = np.arange(len(query))
    for _ in range(8):
        todo = todo[end[todo] < len(keys)]
        todo = todo[keys[end[todo]] == query[todo]]
        if not len(todo):
            return end
        end[todo] += 1
    # A key shared by many documents (a common paragraph): binary search for the rest.
    end[todo] = np.searchsorted(keys, query[todo], side="right")
    return end


def _prefix(keys: I64, bits: int) -> NDArray[np.int64]:
    """The top ``bits`` bits of each key, in the keys' signed order."""
    flipped = keys.view(np.uint64) ^ np.uint64(1 << 63)
    return (flipped >> np.uint64(64 - bits)).astype(np.int64)


def tier_of(size: int) -> int:
    """Size tier: runs within a factor FANOUT of each other share one."""
    return 0 if size <= _BASE else int(math.log(size / _BASE, FANOUT)) + 1


def make_run(run_id: int, keys: I64, seqs: NDArray[np.int64] | U32) -> Run:
    """A run from unsorted (key, seq) pairs; repeated pairs are kept once."""
    if len(seqs) and int(seqs.max()) >= 2**32:
        raise OverflowError("sequence numbers beyond 2**32 do not fit a band run")
    seqs32 = seqs.astype(np.uint32)
    order = np.lexsort((seqs32, keys))
    keys, seqs32 = keys[order], seqs32[order]
    new = np.ones(len(keys), dtype=bool)
    new[1:] = (keys[1:] != keys[:-1]) | (seqs32[1:] != seqs32[:-1])
    return _run(run_id, keys[new], seqs32[new])


def _run(run_id: int, keys: I64, seqs: U32) -> Run:
    if len(seqs):
        return Run(run_id, keys, seqs, int(seqs.min()), int(seqs.max()))
    return Run(run_id, keys, seqs, 0, -1)


def merge(run_id: int, runs: Sequence[Run], dead: NDArray[np.int64]) -> Run:
    """One run holding every pair of ``runs`` except those of removed documents."""
    ordered = sorted(runs, key=lambda r: r.lo)
    keys = np.concatenate([r.keys for r in ordered])
    seqs = np.concatenate([r.seqs for r in ordered])
    if len(dead):
        keep = ~np.isin(seqs, dead)
        keys, seqs = keys[keep], seqs[keep]
    # Each run is sorted; when their sequence ranges follow each other, a stable sort on
    # the key alone also orders equal keys by seq (and timsort merges presorted runs).
    disjoint = all(a.hi < b.lo for a, b in itertools.pairwise(ordered))
    order = np.argsort(keys, kind="stable") if disjoint else np.lexsort((seqs, keys))
    return _run(run_id, keys[order], seqs[order])


def plan_merge(runs: Sequence[Run]) -> list[Run] | None:
    """The runs to merge next (FANOUT of the lowest full tier), or None."""
    by_tier: dict[int, list[Run]] = {}
    for r in runs:
        by_tier.setdefault(r.tier, []).append(r)
    for tier in sorted(by_tier):
        if len(by_tier[tier]) >= FANOUT:
            return by_tier[tier]
    return None


def lookup(runs: Sequence[Run], query: I64, dead: NDArray[np.int64]) -> dict[int, list[int]]:
    """Band key -> sequence numbers (ascending) carrying it, for sorted unique ``query``."""
    hit_keys: list[I64] = []
    hit_seqs: list[U32] = []
    for r in runs:
        if not len(r.keys):
            continue
        maybe = query[r.may_hold(query)]
        lo = r.lower_bound(maybe)
        inside = lo < len(r.keys)
        found = np.zeros(len(maybe), dtype=bool)
        found[inside] = r.keys[lo[inside]] == maybe[inside]
        if not found.any():
            continue
        q = maybe[found]
        start = lo[found]
        end = _upper_bound(r.keys, q, start)
        counts = end - start
        # Every index in [start, end) of each hit, without a Python loop.
        first = np.cumsum(counts) - counts
        idx = np.arange(int(counts.sum())) - np.repeat(first - start, counts)
        hit_keys.append(np.repeat(q, counts))
        hit_seqs.append(r.seqs[idx])
    if not hit_keys:
        return {}
    keys = np.concatenate(hit_keys)
    seqs = np.concatenate(hit_seqs).astype(np.int64)
    if len(dead):
        keep = ~np.isin(seqs, dead)
        keys, seqs = keys[keep], seqs[keep]
    order = np.lexsort((seqs, keys))
    found_map: dict[int, list[int]] = {}
    for k, s in zip(keys[order].tolist(), seqs[order].tolist(), strict=True):
        found_map.setdefault(k, []).append(s)
    return found_map
