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

import numpy as np
from numpy.typing import NDArray

from ..shingle import I64, U32

FANOUT = 8  # runs of one tier merged into one of the next
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
        lo = np.searchsorted(r.keys, query, side="left")
        inside = lo < len(r.keys)
        found = np.zeros(len(query), dtype=bool)
        found[inside] = r.keys[lo[inside]] == query[inside]
        if not found.any():
            continue
        q = query[found]
        start = lo[found]
        end = np.searchsorted(r.keys, q, side="right")
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
