"""Frozen value types passed between the pipeline stages.

Data flows one way: ``load`` -> ``normalize`` -> ``boilerplate`` -> ``segment`` -> ``align``
-> ``facts`` -> ``merge`` -> ``render``. Every type that refers to text keeps character
offsets into the *original* decoded text so that any output can quote its source verbatim.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# identical: the same text once normalised; variant: the same statement worded
# differently; related: alike enough to show side by side, too loose to be one statement.
Relation = Literal["identical", "variant", "related"]


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
    source's wording when the pair is a variant; ``conflicts`` are the fact conflicts
    between its readings, which renderers show inline (``£5m [A] / £6m [B]``).
    """

    text: str
    sources: tuple[str, ...]
    segments: tuple[str, ...]
    paragraph: int
    alternatives: tuple[Reading, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


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
class Result:
    """Everything ``reconcile`` found about two documents; renderers read only this."""

    documents: tuple[Document, Document]
    pairs: tuple[Pair, ...]
    unique: Mapping[str, tuple[str, ...]]
    canonical: tuple[CanonicalSentence, ...]
    facts: tuple[Fact, ...] = ()
    fact_diff: FactDiff = field(default_factory=FactDiff)

    def document(self, source_id: str) -> Document:
        for doc in self.documents:
            if doc.id == source_id:
                return doc
        raise KeyError(source_id)

    def segment(self, segment_id: str) -> Segment:
        """Look a segment up by id (``A12``)."""
        doc = self.document(segment_id[0])
        return doc.segments[int(segment_id[1:])]
