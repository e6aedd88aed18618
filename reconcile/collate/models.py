"""Frozen value types of the N-way collation.

They live here, not in ``reconcile/models.py``, until the N-source ``Result`` lands:
the lead folds them in when ``reconcile diff a b c…`` is wired up (see docs/collate.md).
Source ids are the documents' own ids (``Document.id``), never parsed out of segment ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..models import Document

GroupRelation = Literal["identical", "variant", "unique"]


@dataclass(frozen=True)
class Member:
    """The sentences of one source in a group: one, or several for a split sentence."""

    source: str
    segments: tuple[str, ...]
    indices: tuple[int, ...]


@dataclass(frozen=True)
class Group:
    """Sentences that state the same thing, at most one member per source.

    Attributes:
        members: one per source that states it, in the order the documents were given.
        relation: ``identical`` when every member reads the same (after normalisation),
            ``variant`` when the wordings differ, ``unique`` for a single source.
        score: the weakest link that holds the group together (100 when identical,
            0 for a single source).
        moved: some pair of its members was found out of the two sources' order (the
            pairwise engine's flag, as ``Pair.moved``).
        moved_in: the sources that state it somewhere else than the canonical order
            puts it (outside the longest run of that source's groups that follows the
            canonical order): where a reviewer would mark it as moved.
        links: the pairwise matches that hold the group together, as
            ``(source, source, score)`` in the order the documents were given; two
            members without a link between them are joined through a third source.
    """

    members: tuple[Member, ...]
    relation: GroupRelation
    score: float
    moved: bool = False
    moved_in: tuple[str, ...] = ()
    links: tuple[tuple[str, str, float], ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(m.source for m in self.members)

    def member(self, source: str) -> Member | None:
        return next((m for m in self.members if m.source == source), None)

    def link_score(self, a: str, b: str) -> float | None:
        """The score of the pairwise match between ``a`` and ``b``, if they have one."""
        return next((s for x, y, s in self.links if {x, y} == {a, b}), None)


@dataclass(frozen=True)
class Collation:
    """Every sentence of every source, once, in groups in a canonical reading order.

    ``groups`` is a topological order consistent with each source's own order (cycles
    from moved sentences broken deterministically); every segment of every document is
    in exactly one group.
    """

    documents: tuple[Document, ...]
    groups: tuple[Group, ...]
    # (source, sentence index) -> position in ``groups``; derived, so not compared.
    _by_segment: Mapping[tuple[str, int], int] = field(
        default_factory=dict, repr=False, compare=False
    )

    def document(self, source: str) -> Document:
        for doc in self.documents:
            if doc.id == source:
                return doc
        raise KeyError(source)

    def group_of(self, source: str, index: int) -> Group:
        """The group holding segment ``index`` of source ``source``."""
        return self.groups[self._by_segment[(source, index)]]

    def unique(self, source: str) -> tuple[Group, ...]:
        """The groups only ``source`` states, in canonical order."""
        return tuple(g for g in self.groups if g.sources == (source,))

    def shared_matrix(self) -> dict[tuple[str, str], int]:
        """Source x source: how many groups both state (the diagonal: all of a source's)."""
        ids = [d.id for d in self.documents]
        out = {(x, y): 0 for x in ids for y in ids}
        for g in self.groups:
            for x in g.sources:
                for y in g.sources:
                    out[(x, y)] += 1
        return out
