"""The N-way collation's own result type.

``Group`` and ``Member`` live in ``reconcile/models.py`` (the pipeline's ``Result`` holds
them); they are re-exported here. Source ids are the documents' own ids
(``Document.id``), never parsed out of segment ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..models import Document, Group, GroupRelation, Member

__all__ = ["Collation", "Group", "GroupRelation", "Member"]


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
