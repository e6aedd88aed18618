"""Fact clusters across N sources: each claim, who states it, and with which value.

Built on the two-source check, never beside it: every pair of documents is checked by
``consistency.diff_facts`` on its own sentence pairs (the collation projected onto the
two, ``collate.project.member_pairs``), with the same rules and thresholds. Its verdicts are
the edges of a graph over all facts:

- *shared* and *compatible* pairs (the same value, however written) and *conflicts*
  (another value for the same claim) join facts into one claim, strongest first
  (shared, then compatible, then conflicts); an edge that would give a claim two facts
  of one source is dropped, as the collation drops a link that would give a group two
  sentences of one source;
- within a claim, the shared and compatible edges alone split its facts into values;
  the value most sources give is the majority, the sources of the others are outliers.

Documents are taken in content order (the collation's digest), so the clusters do not
depend on the order of the inputs beyond the labels.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

from .consistency import CheckConfig, conflict_reason, diff_facts
from .models import Document, Fact, FactCluster, FactDiff, FactValue

if TYPE_CHECKING:  # the engine is imported when clusters are made, not with the module
    from .collate import Collation

_AGREE, _COMPATIBLE, _CONFLICT = 0, 1, 2


def cluster_facts(
    documents: Sequence[Document],
    facts: Sequence[Sequence[Fact]],
    collation: Collation,
    config: CheckConfig | None = None,
    diffs: Mapping[tuple[str, str], FactDiff] | None = None,
) -> tuple[FactCluster, ...]:
    """Every fact of every source in exactly one cluster (claims one source alone states
    included), in the order of their first fact in the first source that states them.

    Args:
        documents: the sources, in the order the user gave them.
        facts: ``extract_facts`` of each document, in the same order.
        collation: the sentence groups of the same documents (``collate``).
        config: thresholds of the pairwise check; see ``CheckConfig``.
        diffs: pairwise checks already made, by ``(id, id)`` in content order (the
            two-source pipeline passes its ``fact_diff``); the others are computed.

    Example:
        >>> from reconcile.document import from_text
        >>> from reconcile.collate import collate
        >>> from reconcile.facts import extract_facts
        >>> docs = [from_text(f"出口增长{v}%。", k) for k, v in zip("ABC", ["10.3", "10.5", "10.3"])]
        >>> [k] = cluster_facts(docs, [extract_facts(d) for d in docs], collate(docs))
        >>> k.majority.text, k.majority.sources, k.outliers, k.reason
        ('10.3%', ('A', 'C'), ('B',), '出口: 10.3% in A and C, 10.5% in B')
    """
    from .collate._index import digest
    from .collate.project import member_pairs

    cfg = config or CheckConfig()
    order = sorted(range(len(documents)), key=lambda k: (digest(documents[k]), documents[k].id))
    rank = {documents[k].id: r for r, k in enumerate(order)}
    position = {d.id: k for k, d in enumerate(documents)}
    by_id = {f.id: f for found in facts for f in found}
    where = {f.id: (rank[f.source], k) for found in facts for k, f in enumerate(found)}
    edges: list[tuple[int, tuple[int, int], tuple[int, int], str, str]] = []
    given = dict(diffs or {})
    for p, q in combinations(order, 2):  # lower digest first: the input order cannot show
        a, b = documents[p], documents[q]
        d = given.get((a.id, b.id)) or given.get((b.id, a.id))
        if d is None:
            d = diff_facts(a, facts[p], b, facts[q], member_pairs(collation, a.id, b.id), cfg)
        found = [(_AGREE, x, y) for x, y in d.shared]
        found += [(_COMPATIBLE, x, y) for x, y in d.compatible]
        found += [(_CONFLICT, c.a, c.b) for c in d.conflicts]
        for kind, x, y in found:
            x, y = sorted((x, y), key=where.__getitem__)
            edges.append((kind, where[x], where[y], x, y))
    edges.sort()
    claims = _Union(by_id)
    agree: list[tuple[str, str]] = []
    for kind, _, _, x, y in edges:
        if claims.join(x, y) and kind != _CONFLICT:
            agree.append((x, y))
    values = _Union(by_id)
    for x, y in agree:
        values.join(x, y)
    out = [_cluster(members, values, by_id, position) for members in claims.pieces()]
    first = {f: (position[by_id[f].source], by_id[f].start, by_id[f].end) for f in by_id}
    out.sort(key=lambda k: first[k.facts[0]])
    return tuple(out)


class _Union:
    """Union-find over fact ids; a piece holds at most one fact of each source."""

    def __init__(self, facts: Mapping[str, Fact]) -> None:
        self.facts = facts
        self.parent = {f: f for f in facts}
        self.sources = {f: {facts[f].source} for f in facts}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, x: str, y: str) -> bool:
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return True
        if self.sources[rx] & self.sources[ry]:
            return False  # one source would state the claim twice: keep them apart
        self.parent[ry] = rx
        self.sources[rx] |= self.sources.pop(ry)
        return True

    def pieces(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for f in self.facts:
            out.setdefault(self.find(f), []).append(f)
        return list(out.values())


def _cluster(
    members: list[str], values: _Union, by_id: Mapping[str, Fact], position: Mapping[str, int]
) -> FactCluster:
    members.sort(key=lambda f: position[by_id[f].source])
    split: dict[str, list[str]] = {}
    for f in members:
        split.setdefault(values.find(f), []).append(f)
    vals = sorted(
        (
            FactValue(by_id[fs[0]].text, tuple(fs), tuple(by_id[f].source for f in fs))
            for fs in split.values()
        ),
        key=lambda v: (-len(v.sources), position[v.sources[0]]),
    )
    top = vals[0] if len(vals) == 1 or len(vals[0].sources) > len(vals[1].sources) else None
    outliers = tuple(
        sorted(
            (s for v in vals if top is not None and v is not top for s in v.sources),
            key=position.__getitem__,
        )
    )
    reason = ""
    if len(vals) > 1:
        reason = conflict_reason([(by_id[v.facts[0]], v.sources) for v in vals])
    subject = next((by_id[f].subject for f in members if by_id[f].subject), None)
    return FactCluster(
        claim=subject or by_id[members[0]].kind,
        facts=tuple(members),
        sources=tuple(by_id[f].source for f in members),
        values=tuple(vals),
        majority=top,
        outliers=outliers,
        reason=reason,
    )
