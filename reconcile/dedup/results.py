"""What a dedup run yields: clusters, kept documents, input problems; and its summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .records import Problem, Record
from .stored import Passage


@dataclass(frozen=True)
class Member:
    """A cluster member and how it relates to the cluster's representative.

    ``relation`` is ``representative``, ``duplicate`` or ``excerpt``; ``similarity`` is the
    shingle Jaccard (duplicate) or the share of the smaller document found in the larger
    (excerpt), measured against the representative. When a member joined through another
    member and is not itself close enough to the representative, ``via`` names that member.
    ``earlier`` marks documents indexed by an earlier run; ``again`` those of them this run
    was given again (same id, same text), which are reported but not indexed twice.

    ``match`` is why the member is in the cluster at all: the indexed document it matched
    when it was indexed, with the scores of that pair. ``None`` for the document that
    opened the cluster (it matched nothing).
    """

    id: str
    relation: str
    similarity: float
    earlier: bool = False
    via: str | None = None
    again: bool = False
    match: MatchScores | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "relation": self.relation,
            "similarity": round(self.similarity, 4),
        }
        if self.earlier:
            out["earlier"] = True
        if self.via is not None:
            out["via"] = self.via
        if self.again:
            out["again"] = True
        out["matched_with"] = None if self.match is None else self.match.with_id
        if self.match is not None:
            out.update(self.match.to_json())
        return out


@dataclass(frozen=True)
class MatchScores:
    """The verified match that placed a document: with whom, how, and the scores.

    ``relation`` is ``duplicate`` (``jaccard`` >= the duplicate threshold) or ``excerpt``
    (``containment`` >= the excerpt threshold); ``estimated_jaccard`` is the share of
    equal MinHash values, what LSH saw of the pair before exact verification.
    """

    with_id: str
    relation: str
    jaccard: float
    estimated_jaccard: float
    containment: float

    def to_json(self) -> dict[str, Any]:
        return {
            "match_relation": self.relation,
            "jaccard": round(self.jaccard, 4),
            "estimated_jaccard": round(self.estimated_jaccard, 4),
            "containment": round(self.containment, 4),
        }


@dataclass(frozen=True)
class Overlap:
    """A member of this cluster shares whole passages with another document.

    The two stay in their own clusters (a shared paragraph does not make two stories one);
    the pair ``id``/``with_id`` is what to hand to ``reconcile diff``. ``similarity`` is
    the share of the smaller document's shingles found in the other.
    """

    id: str
    with_id: str
    similarity: float
    passages: tuple[Passage, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "relation": "overlap",
            "with": self.with_id,
            "similarity": round(self.similarity, 4),
            "passages": [p.to_json() for p in self.passages],
        }


@dataclass(frozen=True)
class Cluster:
    """A group of documents; ``id`` is the representative's document id."""

    id: str
    members: tuple[Member, ...]
    overlaps: tuple[Overlap, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "cluster": self.id,
            "size": len(self.members),
            "members": [m.to_json() for m in self.members],
        }
        if self.overlaps:
            out["overlaps"] = [o.to_json() for o in self.overlaps]
        return out


@dataclass(frozen=True)
class Kept:
    """A document of the deduplicated stream (``--emit unique``)."""

    record: Record

    def to_json(self) -> dict[str, Any]:
        r = self.record
        out: dict[str, Any] = {"id": r.id, "text": r.data if isinstance(r.data, str) else None}
        for name in ("title", "published", "source"):
            value = getattr(r, name)
            if value is not None:
                out[name] = value
        return out


@dataclass(frozen=True)
class InputProblem:
    """An input that was reported and skipped."""

    problem: Problem

    def to_json(self) -> dict[str, Any]:
        p = self.problem
        return {"error": p.message, "input": p.origin, "id": p.id}


@dataclass(frozen=True)
class Committed:
    """A document as its batch entered the index: final, no later batch changes it.

    ``relation`` is ``duplicate`` or ``excerpt`` of ``matched_with``, ``new`` when the
    document opened a cluster, or ``again`` when an earlier run had indexed it already.
    Clusters never merge, so these lines, read in order, rebuild every cluster of the
    committed batches (follow ``matched_with``) even when the run never finishes.
    """

    id: str
    relation: str
    matched_with: str | None = None
    similarity: float | None = None
    overlap_with: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"committed": self.id, "relation": self.relation}
        if self.matched_with is not None:
            out["matched_with"] = self.matched_with
        if self.similarity is not None:
            out["similarity"] = round(self.similarity, 4)
        if self.overlap_with is not None:
            out["overlap_with"] = self.overlap_with
        return out


Result = Cluster | Kept | InputProblem | Committed


@dataclass
class Summary:
    """Counts for the run's summary line; filled in while the run is iterated."""

    read: int = 0
    indexed: int = 0
    again: int = 0  # already indexed by an earlier run, fed again
    errors: int = 0
    clusters: int = 0
    relations: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    index_size: int = 0
