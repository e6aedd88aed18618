"""Pairwise links -> groups: connected pieces in which no source appears twice.

Each pair of documents that shares any scored candidate is aligned by the pairwise
engine (``align.match_indices``: anchors, gaps, 1:2 joins, moved sentences) on the
scores computed once for all sources. Its matches are the links. Groups are then built
like a maximum spanning forest: links are taken strongest first and a link that would
put a second sentence of one source into a group is dropped (unless one link joined
the two, as a split sentence), which splits a chain A1-B1-A2 at its weakest link. Ties are broken by content (document digests and sentence
indices), never by the order the documents were given.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

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


# A NamedTuple: a private record, defined at import for a third of a dataclass's cost.
class RawGroup(NamedTuple):
    """A group by canonical document number -> sentence indices, before labelling."""

    members: tuple[tuple[int, tuple[int, ...]], ...]
    score: float
    moved: bool
    links: tuple[Link, ...] = ()


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


Node = tuple[int, int]  # (canonical document number, sentence index)


class _Forest:
    """Union-find over sentences whose roots know each document's rows in their piece."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}
        self.rows: dict[Node, dict[int, list[int]]] = {}

    def find(self, x: Node) -> Node:
        if x not in self.parent:
            self.parent[x] = x
            self.rows[x] = {x[0]: [x[1]]}
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression keeps later finds short
            self.parent[x], x = root, self.parent[x]
        return root

    def join_all(self, link_rows: dict[int, tuple[int, ...]]) -> bool:
        """Merge the pieces of a link's sentences unless that would give a source two
        sentences that no single link put together (a split sentence, 1:2, is one
        link's doing; two sentences each matched to a third source's one are not)."""
        roots = sorted({self.find((doc, i)) for doc, rows in link_rows.items() for i in rows})
        if len(roots) == 1:
            return True  # already one group: most links of a story shared by N sources
        parts: dict[int, list[list[int]]] = {}
        for r in roots:
            for doc, have in self.rows[r].items():
                parts.setdefault(doc, []).append(have)
        merged: dict[int, set[int]] = {}
        for doc, pieces in parts.items():
            merged[doc] = set().union(*pieces)
            # One piece is valid already; pieces are disjoint, so several are only
            # allowed when this very link joins exactly them (a 1:2 match).
            if len(pieces) > 1 and merged[doc] != set(link_rows.get(doc, ())):
                return False
        top = max(roots, key=lambda r: (sum(map(len, self.rows[r].values())), r))
        for r in roots:
            if r != top:
                self.parent[r] = top
                del self.rows[r]
        self.rows[top] = {doc: sorted(together) for doc, together in merged.items()}
        return True


def form_groups(index: SentenceIndex, links: list[Link]) -> list[RawGroup]:
    """Every sentence of every document in exactly one group (singletons included)."""
    groups = _Forest()
    kept: list[Link] = []
    for ln in sorted(links, key=lambda ln: (-ln.score, ln.p, ln.a, ln.q, ln.b)):
        if groups.join_all({ln.p: ln.a, ln.q: ln.b}):
            kept.append(ln)
    weakest: dict[Node, float] = {}
    moved: set[Node] = set()
    held: dict[Node, list[Link]] = {}
    for ln in kept:
        root = groups.find((ln.p, ln.a[0]))
        weakest[root] = min(weakest.get(root, 100.0), ln.score)
        held.setdefault(root, []).append(ln)
        if ln.moved:
            moved.add(root)
    out: list[RawGroup] = []
    for p, document in enumerate(index.docs):
        for i in range(len(document.segments)):
            root = groups.find((p, i))
            by_doc = groups.rows[root]
            if min(by_doc) != p or by_doc[p][0] != i:
                continue  # the group is emitted once, at its first sentence
            out.append(
                RawGroup(
                    tuple((d, tuple(by_doc[d])) for d in sorted(by_doc)),
                    weakest.get(root, 100.0) if len(by_doc) > 1 else 0.0,
                    root in moved,
                    tuple(sorted(held.get(root, ()), key=lambda ln: (ln.p, ln.q))),
                )
            )
    return out
