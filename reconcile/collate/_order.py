"""A canonical reading order for groups: consistent with every source's own order.

Each source orders the groups it takes part in; those orders together form a directed
graph, walked topologically (Kahn). A group that follows the last one in some source
and is free comes next, so that a run of one source's own sentences stays one block;
otherwise the free group with the smallest mean relative position in its sources goes
first, so that one source's own sentences land where that source has them. A moved sentence makes a cycle;
when no group is free the walk takes the remaining group with the smallest mean
position. Both choices look at positions and content only, so the order of the inputs
cannot change the result.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from itertools import pairwise

from ._groups import RawGroup


def canonical_order(groups: Sequence[RawGroup], sizes: Sequence[int]) -> list[int]:
    """Indices of ``groups`` in canonical order; ``sizes[p]`` is document p's length."""
    key = [_key(g, sizes) for g in groups]
    succ: list[set[int]] = [set() for _ in groups]
    indegree = [0] * len(groups)
    by_doc: list[list[tuple[int, int]]] = [[] for _ in sizes]
    for k, g in enumerate(groups):
        for p, rows in g.members:
            by_doc[p].append((rows[0], k))
    for seq in by_doc:
        seq.sort()
        for (_, x), (_, y) in pairwise(seq):
            if y not in succ[x]:
                succ[x].add(y)
                indegree[y] += 1
    free = [(key[k], k) for k in range(len(groups)) if indegree[k] == 0]
    heapq.heapify(free)
    waiting = [(key[k], k) for k in range(len(groups))]
    heapq.heapify(waiting)
    done = [False] * len(groups)
    out: list[int] = []
    last = -1
    while len(out) < len(groups):
        # Keep reading the source we are in: a run of one source's own sentences stays
        # one block instead of being interleaved line by line with another source's
        # run in the same place.
        run = [y for y in succ[last] if indegree[y] == 0 and not done[y]] if last >= 0 else []
        if run:
            k = min(run, key=key.__getitem__)
        elif free:
            _, k = heapq.heappop(free)
        else:  # a cycle: force the earliest remaining group
            while done[waiting[0][1]]:
                heapq.heappop(waiting)
            _, k = heapq.heappop(waiting)
        if done[k]:
            continue
        last = k
        done[k] = True
        out.append(k)
        for y in succ[k]:
            indegree[y] -= 1
            if indegree[y] == 0 and not done[y]:
                heapq.heappush(free, (key[y], y))
    return out


def _key(g: RawGroup, sizes: Sequence[int]) -> tuple[float, tuple[tuple[int, int], ...]]:
    mean = sum(rows[0] / max(sizes[p], 1) for p, rows in g.members) / len(g.members)
    return (mean, tuple((p, rows[0]) for p, rows in g.members))


def out_of_order(positions: Sequence[int]) -> set[int]:
    """Indices into ``positions`` outside one longest increasing subsequence.

    ``positions`` are the canonical ranks of one source's groups in that source's own
    order; the ones left out are where the source departs from the canonical order
    (its moved sentences). Ties between equally long subsequences go to the one that
    ends earliest, so the answer depends only on ``positions``.

    Example:
        >>> sorted(out_of_order([0, 1, 5, 2, 3, 4]))
        [2]
    """
    tails: list[int] = []  # tails[k]: index ending the best increasing run of length k+1
    back = [-1] * len(positions)
    for i, x in enumerate(positions):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if positions[tails[mid]] < x:
                lo = mid + 1
            else:
                hi = mid
        back[i] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(i)
        else:
            tails[lo] = i
    keep: set[int] = set()
    k = tails[-1] if tails else -1
    while k != -1:
        keep.add(k)
        k = back[k]
    return set(range(len(positions))) - keep
