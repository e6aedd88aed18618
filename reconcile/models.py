"""Frozen value types passed between the pipeline stages.

Data flows one way: ``load`` -> ``normalize`` -> ``boilerplate`` -> ``segment`` -> ``align``
-> ``facts`` -> ``merge`` -> ``render``. Every type that refers to text keeps character
offsets into the *original* decoded text so that any output can quote its source verbatim.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

# identical: the same text once normalised; variant: the same statement worded
# differently; related: alike enough to show side by side, too loose to be one statement.
Relation = Literal["identical", "variant", "related"]
# A group of N sources: identical/variant as above, unique when one source alone states it.
GroupRelation = Literal["identical", "variant", "unique"]


@dataclass(frozen=True)
class Source:
    """A decoded input: the text exactly as the file holds it, minus any BOM."""

    id: str
    text: str
    path: str | None = None
    encoding: str = "utf-8"


@dataclass(frozen=True)
class BoilerplateLine:
    """A line kept out of the alignment, with the rule that recognised it."""

    text: str
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Metadata:
    """What the document says about itself; ``None`` where it does not say."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of content: its span in the original and its index in the document."""

    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """One sentence.

    ``text`` is normalised (NFKC, whitespace folded); ``start``/``end`` delimit the same
    sentence in the original text. Sentences of one quoted statement and the attribution
    that follows it share an ``utterance`` number.
    """

    id: str
    source: str
    index: int
    paragraph: int
    text: str
    start: int
    end: int
    utterance: int | None = None


@dataclass(frozen=True)
class Document:
    """A source after normalisation, boilerplate removal and segmentation."""

    source: Source
    metadata: Metadata
    boilerplate: tuple[BoilerplateLine, ...]
    paragraphs: tuple[Paragraph, ...]
    segments: tuple[Segment, ...]

    @property
    def id(self) -> str:
        return self.source.id

    def quote(self, start: int, end: int) -> str:
        """The original text between two offsets, verbatim."""
        return self.source.text[start:end]


@dataclass(frozen=True)
class Pair:
    """Aligned segments: usually one on each side, two on one side for a split sentence."""

    a: tuple[str, ...]
    b: tuple[str, ...]
    score: float
    relation: Relation
    moved: bool = False


@dataclass(frozen=True)
class Conflict:
    a: str
    b: str
    reason: str


@dataclass(frozen=True)
class Reading:
    """How one source words a canonical sentence."""

    source: str
    text: str
    segments: tuple[str, ...]


@dataclass(frozen=True)
class CanonicalSentence:
    """One sentence of the merged text with the sources that state it.

    ``text`` is the preferred source's reading; ``alternatives`` keeps the other
    sources' wordings where they differ; ``conflicts`` are the fact conflicts between
    its readings, which renderers show inline (``£5m [A] / £6m [B]``). With N > 2
    sources ``disputes`` holds them instead, as fact clusters (``£5m [A] / £6m [B,C]``).
    """

    text: str
    sources: tuple[str, ...]
    segments: tuple[str, ...]
    paragraph: int
    alternatives: tuple[Reading, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    disputes: tuple[FactCluster, ...] = ()


@dataclass(frozen=True)
class Fact:
    """A claim with a value, as stated in one sentence of one source."""

    id: str
    source: str
    segment: str
    text: str
    value: float
    unit: str
    kind: str
    subject: str | None
    period: str | None
    speaker: str | None
    start: int
    end: int
    qualifier: str | None = None
    change: str | None = None


@dataclass(frozen=True)
class FactDiff:
    """How the facts of two sources relate; ids refer to ``Fact.id``."""

    shared: tuple[tuple[str, str], ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    compatible: tuple[tuple[str, str], ...] = ()
    unique: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class FactValue:
    """One value a claim is given: the facts (one per source) that give it so.

    Facts are one value when the pairwise check finds them shared or compatible (the
    same figure, or written differently: 7.5% and 百分之七点五, about 5% and 4.9%).
    """

    text: str
    facts: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class FactCluster:
    """One claim across N sources: the facts of the sources that state it.

    Attributes:
        claim: what the facts are about (the subject, else the kind of figure).
        facts: one fact id per source that states the claim, in source order.
        sources: those sources, in the order the documents were given.
        values: the distinct values, the one most sources give first.
        majority: the value more sources give than any other, ``None`` on a tie.
        outliers: the sources that give another value than the majority's.
        reason: for a conflict, what differs and who says what, in the editor's words:
            ``shares: 5% in A and C, 4.75% in B``; empty when the sources agree.
    """

    claim: str
    facts: tuple[str, ...]
    sources: tuple[str, ...]
    values: tuple[FactValue, ...]
    majority: FactValue | None = None
    outliers: tuple[str, ...] = ()
    reason: str = ""

    @property
    def conflict(self) -> bool:
        return len(self.values) > 1


@dataclass(frozen=True)
class Member:
    """The sentences of one source in a group: one, or several for a split sentence."""

    source: str
    segments: tuple[str, ...]
    indices: tuple[int, ...]


@dataclass(frozen=True)
class Group:
    """Sentences of N sources that state the same thing, at most one member per source.

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
class Result:
    """Everything ``reconcile`` found about N >= 2 documents; renderers read only this.

    ``groups`` (the N-way alignment, in canonical reading order) is there for any N;
    ``pairs`` and ``fact_diff`` are the two-source views, filled only when N = 2 (they
    are what the two-file outputs and the ``reconcile/1`` JSON are made of).
    """

    documents: tuple[Document, ...]
    pairs: tuple[Pair, ...]
    unique: Mapping[str, tuple[str, ...]]
    canonical: tuple[CanonicalSentence, ...]
    facts: tuple[Fact, ...] = ()
    fact_diff: FactDiff = field(default_factory=FactDiff)
    groups: tuple[Group, ...] = ()
    fact_clusters: tuple[FactCluster, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """The source ids in the order the documents were given."""
        return tuple(d.id for d in self.documents)

    def document(self, source_id: str) -> Document:
        for doc in self.documents:
            if doc.id == source_id:
                return doc
        raise KeyError(source_id)

    def facts_only_in(self, source_id: str) -> tuple[str, ...]:
        """Ids of the facts ``source_id`` alone states (no other source has the claim)."""
        return tuple(k.facts[0] for k in self.fact_clusters if k.sources == (source_id,))

    @property
    def disputes(self) -> tuple[FactCluster, ...]:
        """The fact clusters whose sources give different values."""
        return tuple(k for k in self.fact_clusters if k.conflict)

    def segment(self, segment_id: str) -> Segment:
        """Look a segment up by id (``A12``); the id is never parsed for its source."""
        return self._segments[segment_id]

    @cached_property
    def _segments(self) -> Mapping[str, Segment]:
        # Built once on first use; cached_property writes the instance dict directly,
        # which a frozen dataclass allows.
        return {s.id: s for d in self.documents for s in d.segments}
