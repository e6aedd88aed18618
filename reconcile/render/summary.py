"""Counts every renderer shows, computed once from a ``Result``."""

from __future__ import annotations

from typing import NamedTuple

from ..models import Result


# A NamedTuple: a private record, defined at import for a third of a dataclass's cost.
class Summary(NamedTuple):
    pairs: int
    identical: int
    variant: int
    related: int
    moved: int
    total: dict[str, int]
    shared: dict[str, int]
    only: dict[str, int]


def summarize(result: Result) -> Summary:
    total = {d.id: len(d.segments) for d in result.documents}
    only = {k: len(v) for k, v in result.unique.items()}
    return Summary(
        pairs=len(result.pairs),
        identical=sum(1 for p in result.pairs if p.relation == "identical"),
        variant=sum(1 for p in result.pairs if p.relation == "variant"),
        related=sum(1 for p in result.pairs if p.relation == "related"),
        moved=sum(1 for p in result.pairs if p.moved),
        total=total,
        shared={k: total[k] - only.get(k, 0) for k in total},
        only=only,
    )


# A NamedTuple: a private record, defined at import for a third of a dataclass's cost.
class GroupSummary(NamedTuple):
    """Counts of the N-source review: who states what.

    ``shared[(x, y)]`` is how many sentence groups both ``x`` and ``y`` state (the
    diagonal: all of ``x``'s), the source × source matrix the reviews show.
    """

    groups: int
    everywhere: int
    several: int
    single: int
    moved: int
    total: dict[str, int]
    only: dict[str, int]
    shared: dict[tuple[str, str], int]


def summarize_groups(result: Result) -> GroupSummary:
    ids = result.sources
    shared = {(x, y): 0 for x in ids for y in ids}
    for g in result.groups:
        for x in g.sources:
            for y in g.sources:
                shared[(x, y)] += 1
    sizes = [len(g.members) for g in result.groups]
    return GroupSummary(
        groups=len(result.groups),
        everywhere=sum(1 for n in sizes if n == len(ids)),
        several=sum(1 for n in sizes if 1 < n < len(ids)),
        single=sum(1 for n in sizes if n == 1),
        moved=sum(1 for g in result.groups if g.moved_in),
        total={d.id: len(d.segments) for d in result.documents},
        only={k: len(v) for k, v in result.unique.items()},
        shared=shared,
    )
