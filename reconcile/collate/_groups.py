"""Pairwise links -> groups: connected pieces in which no source appears twice.

Each pair of documents that shares any scored candidate is aligned by the pairwise
engine (``align.match_indices``: anchors, gaps, 1:2 joins, moved sentences) on the
scores computed once for all sources. Its matches are the links. Groups are then built
like a maximum spanning forest: links are taken strongest first and a link that would
put a second sentence of one source into a group is dropped, which splits a chain
A1-B1-A2 at its weakest link. Ties are broken by content (document digests and sentence
indices), never by the order the documents were given.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..align import AlignConfig, Scores, match_indices
from ._index import SentenceIndex


@dataclass(frozen=True)
class Link:
    """One pairwise match: sentences ``a`` of document ``p``, ``b`` of document ``q``."""

    p: int
    a: tuple[int, ...]
    q: int
    b: tuple[int, ...]
    score: float
    moved: bool


@dataclass(frozen=True)
class RawGroup:
    """A group by canonical document number -> sentence indices, before labelling."""

    members: tuple[tuple[int, tuple[int, ...]], ...]
    score: float
    moved: bool


def pairwise_links(
    index: SentenceIndex,
    scores: dict[tuple[int, int], Scores],
    cfg: AlignConfig,
) -> list[Link]:
    """Align every pair of documents that has candidates; their matches as links.

    The scores are complete for either candidate path (every pair above threshold, or
    every pair sharing enough tokens), so the pairwise engine is told they are dense
    and does not score the gaps between anchors again, which would be per-pair work.
    """
    links: list[Link] = []
    for (p, q), found in sorted(scores.items()):
        if not found:
            continue
        matches = match_indices(
            index.cores[p], index.cores[q], index.keys[p], index.keys[q], cfg, found, dense=True
        )
        for m in matches:
            same = "".join(index.keys[p][i] for i in m.a) == "".join(index.keys[q][j] for j in m.b)
            links.append(Link(p, m.a, q, m.b, 100.0 if same else m.score, m.moved))
    return links


class _Forest:
    """Union-find whose roots also know which documents their piece holds."""

    def __init__(self) -> None:
        self.parent: dict[tuple[int, int], tuple[int, int]] = {}
        self.docs: dict[tuple[int, int], set[int]] = {}

    def find(self, x: tuple[int, int]) -> tuple[int, int]:
        self.parent.setdefault(x, x)
        self.docs.setdefault(x, {x[0]})
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression keeps later finds short
            self.parent[x], x = root, self.parent[x]
        return root

    def join(self, x: tuple[int, int], y: tuple[int, int], *, exclusive: bool) -> bool:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return True
        if exclusive and self.docs[rx] & self.docs[ry]:
            return False
        if (len(self.docs[rx]), rx) < (len(self.docs[ry]), ry):
            rx, ry = ry, rx
        self.parent[ry] = rx
        self.docs[rx] |= self.docs.pop(ry)
        return True


def form_groups(index: SentenceIndex, links: list[Link]) -> list[RawGroup]:
    """Every sentence of every document in exactly one group (singletons included)."""
    # Units first: the sentences one source joined in a 1:2 match stay together.
    units = _Forest()
    for ln in links:
        for doc, rows in ((ln.p, ln.a), (ln.q, ln.b)):
            for i in rows[1:]:
                units.join((doc, rows[0]), (doc, i), exclusive=False)
    unit_of = {x: units.find(x) for x in list(units.parent)}

    def unit(doc: int, i: int) -> tuple[int, int]:
        return unit_of.get((doc, i), (doc, i))

    groups = _Forest()
    weakest: dict[tuple[int, int], float] = {}
    moved: set[tuple[int, int]] = set()
    kept: list[Link] = []
    for ln in sorted(links, key=lambda ln: (-ln.score, ln.p, ln.a, ln.q, ln.b)):
        if groups.join(unit(ln.p, ln.a[0]), unit(ln.q, ln.b[0]), exclusive=True):
            kept.append(ln)
    for ln in kept:
        root = groups.find(unit(ln.p, ln.a[0]))
        weakest[root] = min(weakest.get(root, 100.0), ln.score)
        if ln.moved:
            moved.add(root)
    members: dict[tuple[int, int], dict[int, list[int]]] = {}
    for p, document in enumerate(index.docs):
        for i in range(len(document.segments)):
            root = groups.find(unit(p, i))
            members.setdefault(root, {}).setdefault(p, []).append(i)
    out: list[RawGroup] = []
    for root, by_doc in members.items():
        shared = len(by_doc) > 1
        out.append(
            RawGroup(
                tuple((p, tuple(by_doc[p])) for p in sorted(by_doc)),
                weakest.get(root, 100.0) if shared else 0.0,
                root in moved,
            )
        )
    return out
