"""Counts every renderer shows, computed once from a ``Result``."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Result


@dataclass(frozen=True)
class Summary:
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
