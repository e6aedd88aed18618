"""The review as a page shows it: rows of aligned sentences, claims × sources, the merged text.

The HTML renderer (and any other renderer that lays a review out as a grid) reads this
view, never the alignment itself, so the page cannot drift from what the library found.
It is built from a two-source ``Result`` (more sources: :mod:`.review_n`): a row has one
cell per source (empty where that source does not state the sentence) and a claim one
list of facts per source. Differences inside a row are relative to the row's *base*
reading (the canonical text's wording), so both sides are marked against each other.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..merge import disputed_values
from ..models import CanonicalSentence, Document, Fact, Result, Segment
from ..normalize import normalize
from ..segment import join_sentences
from ..textdiff import diff_pieces
from .summary import summarize

ClaimStatus = Literal["conflict", "compatible", "shared", "unique"]
RowKind = Literal["identical", "variant", "related", "unique"]


@dataclass(frozen=True)
class Span:
    """A run of a sentence: ``changed`` against the base reading; ``fact`` names a figure."""

    text: str
    changed: bool = False
    fact: str | None = None
    both: str | None = None  # merged text: the figure the sources differ on, both values


@dataclass(frozen=True)
class Cell:
    """One source's reading of a row: its sentences and the runs to draw."""

    source: str
    segments: tuple[str, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Row:
    """One aligned group: a cell per source, in source order (``None``: not stated)."""

    index: int
    kind: RowKind
    score: float | None
    moved: bool
    cells: tuple[Cell | None, ...]
    conflict: bool


@dataclass(frozen=True)
class FactRef:
    id: str
    source: str
    text: str
    segment: str
    speaker: str | None


@dataclass(frozen=True)
class Claim:
    """A claim across the sources: the facts each one gives for it."""

    index: int
    status: ClaimStatus
    subject: str
    kind: str
    facts: tuple[tuple[FactRef, ...], ...]  # one tuple per source, in source order
    reason: str | None = None


@dataclass(frozen=True)
class SourceView:
    id: str
    path: str | None
    encoding: str
    title: str | None
    outlet: str | None
    published: str | None
    sentences: int
    shared: int
    only: int
    chrome: tuple[tuple[str, str], ...]  # (kind, text) of the lines removed as site chrome


@dataclass(frozen=True)
class CanonView:
    """One sentence of the merged text: its runs (figures marked) and source badges."""

    paragraph: int
    sources: tuple[str, ...]
    spans: tuple[Span, ...]
    segments: tuple[str, ...]
    others: tuple[tuple[str, str], ...]  # (source, wording) of the other readings


@dataclass(frozen=True)
class Counts:
    groups: int
    identical: int
    variant: int
    related: int
    moved: int
    unique: int
    conflicts: int
    compatible: int
    shared_facts: int
    unique_facts: int


@dataclass(frozen=True)
class Review:
    sources: tuple[SourceView, ...]
    rows: tuple[Row, ...]
    claims: tuple[Claim, ...]
    canonical: tuple[CanonView, ...]
    counts: Counts


def build(result: Result) -> Review:
    """The page view of ``result``.

    Example:
        >>> from reconcile import reconcile
        >>> v = build(reconcile("fixtures/bbc-quango-2005/politics-226.txt",
        ...                     "fixtures/bbc-quango-2005/politics-265.txt"))
        >>> [s.id for s in v.sources], v.rows[0].cells[0] is not None
        (['A', 'B'], True)
    """
    order = [d.id for d in result.documents]
    segments = {s.id: s for d in result.documents for s in d.segments}
    docs = {d.id: d for d in result.documents}
    facts_by_segment: dict[str, list[Fact]] = defaultdict(list)
    for f in result.facts:
        facts_by_segment[f.segment].append(f)
    conflicted = {fid for c in result.fact_diff.conflicts for fid in (c.a, c.b)}
    facts_by_id = {f.id: f for f in result.facts}
    pair_of = {sid: p for p in result.pairs for sid in (*p.a, *p.b)}

    rows: list[Row] = []
    canon: list[CanonView] = []
    for c in result.canonical:
        readings = _readings(c, segments)
        base_source = readings[0][0]
        base_text = _joined(segments, readings[0][1])
        cells: list[Cell | None] = []
        for sid in order:
            ids = next((r[1] for r in readings if r[0] == sid), None)
            if ids is None:
                cells.append(None)
                continue
            text = _joined(segments, ids)
            if sid == base_source or len(readings) == 1:
                other = _joined(segments, readings[1][1]) if len(readings) > 1 else text
                pieces = diff_pieces(text, other)[0]
            else:
                pieces = diff_pieces(base_text, text)[1]
            marks = _fact_marks(docs[sid], [segments[i] for i in ids], facts_by_segment)
            cells.append(Cell(sid, ids, _spans(text, pieces, marks)))
        pair = pair_of.get(c.segments[0])
        kind: RowKind = "unique" if pair is None else pair.relation
        if pair is None and len(c.sources) > 1:  # N sources: a group, not a pair
            kind = "variant" if c.alternatives else "identical"
        row_facts = {f.id for i in c.segments for f in facts_by_segment.get(i, ())}
        rows.append(
            Row(
                index=len(rows),
                kind=kind,
                score=None if pair is None else pair.score,
                moved=bool(pair and pair.moved),
                cells=tuple(cells),
                conflict=bool(row_facts & conflicted),
            )
        )
        base_cell = next(cell for cell in cells if cell is not None and cell.source == base_source)
        both = _both_values(c, facts_by_id)
        canon.append(
            CanonView(
                paragraph=c.paragraph,
                sources=c.sources,
                spans=_plain(base_cell.spans, both),
                segments=c.segments,
                others=tuple((a.source, a.text) for a in c.alternatives),
            )
        )
    claims = _claims(result, order, segments)
    s = summarize(result)
    counts = Counts(
        groups=s.pairs,
        identical=s.identical,
        variant=s.variant,
        related=s.related,
        moved=s.moved,
        unique=sum(s.only.values()),
        conflicts=len(result.fact_diff.conflicts),
        compatible=len(result.fact_diff.compatible),
        shared_facts=len(result.fact_diff.shared),
        unique_facts=sum(len(v) for v in result.fact_diff.unique.values()),
    )
    sources = tuple(
        SourceView(
            id=d.id,
            path=d.source.path,
            encoding=d.source.encoding,
            title=d.metadata.title,
            outlet=d.metadata.outlet,
            published=d.metadata.published,
            sentences=s.total[d.id],
            shared=s.shared[d.id],
            only=s.only.get(d.id, 0),
            chrome=tuple((b.kind, b.text.strip()) for b in d.boilerplate),
        )
        for d in result.documents
    )
    return Review(sources, tuple(rows), claims, tuple(canon), counts)


def _plain(spans: Sequence[Span], both: Mapping[str, str]) -> tuple[Span, ...]:
    """The merged text's runs: no change marks, one run per figure."""
    out: list[Span] = []
    for sp in spans:
        if out and out[-1].fact == sp.fact:
            out[-1] = Span(out[-1].text + sp.text, False, sp.fact, out[-1].both)
        else:
            out.append(Span(sp.text, False, sp.fact, both.get(sp.fact or "")))
    return tuple(out)


def _both_values(c: CanonicalSentence, facts: Mapping[str, Fact]) -> dict[str, str]:
    """For each conflicting figure of the merged sentence, both values with their sources."""
    out: dict[str, str] = {}
    for k in c.conflicts:
        fa, fb = facts[k.a], facts[k.b]
        label = f"{fa.text} [{fa.source}] / {fb.text} [{fb.source}]"
        out[k.a] = out[k.b] = label
    if c.conflicts:
        return out  # two sources: their conflicts say it; the clusters would repeat it
    other = {sid for r in c.alternatives for sid in r.segments}
    for d in c.disputes:
        label, _ = disputed_values(c, d, facts, other)
        out.update(dict.fromkeys(d.facts, label))
    return out


def _readings(
    c: CanonicalSentence, segments: Mapping[str, Segment]
) -> list[tuple[str, tuple[str, ...]]]:
    """(source, segment ids) of each reading, the canonical (preferred) one first."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for sid in c.segments:
        by_source[segments[sid].source].append(sid)
    first = segments[c.segments[0]].source
    ordered = [first, *(s for s in by_source if s != first)]
    return [(s, tuple(by_source[s])) for s in ordered]


def _joined(segments: Mapping[str, Segment], ids: Sequence[str]) -> str:
    # The merged text's own joining, so the page and the merged text never differ by a space.
    return join_sentences([segments[i].text for i in ids])


def _fact_marks(
    doc: Document, segs: Sequence[Segment], facts_by_segment: Mapping[str, Sequence[Fact]]
) -> list[tuple[int, int, str]]:
    """(start, end, fact id) of each figure, in offsets of the joined normalised text.

    Facts carry offsets into the original; re-normalising the sentence's original span
    gives the per-character map back, so a figure written ``１０％`` on disk is found at
    ``10%`` on the page.
    """
    marks: list[tuple[int, int, str]] = []
    texts = [seg.text for seg in segs]
    for k, seg in enumerate(segs):
        # Where this sentence starts in the joined reading (join_sentences' own spacing).
        base = len(join_sentences(texts[: k + 1])) - len(seg.text)
        norm = normalize(doc.quote(seg.start, seg.end), base=seg.start)
        for f in facts_by_segment.get(seg.id, ()):
            if norm.text == seg.text:
                i = bisect_right(norm.starts, f.start) - 1
                j = bisect_right(norm.starts, f.end - 1)
                if 0 <= i < j:
                    marks.append((base + i, base + j, f.id))
                    continue
            # The segmenter trimmed its text (a closing quote, a marker): find the figure.
            written = normalize(f.text).text
            if (at := seg.text.find(written)) >= 0:
                marks.append((base + at, base + at + len(written), f.id))
    return marks


def _spans(
    text: str, pieces: Sequence[tuple[str, bool]], marks: Sequence[tuple[int, int, str]]
) -> tuple[Span, ...]:
    """Cut ``text`` at diff-piece and figure boundaries into runs."""
    changed = [False] * len(text)
    pos = 0
    for piece, differs in pieces:
        if differs:
            for k in range(pos, min(pos + len(piece), len(text))):
                changed[k] = True
        pos += len(piece)
    fact: list[str | None] = [None] * len(text)
    for start, end, fid in marks:
        for k in range(max(start, 0), min(end, len(text))):
            fact[k] = fact[k] or fid
    out: list[Span] = []
    run_start = 0
    for k in range(1, len(text) + 1):
        if k == len(text) or changed[k] != changed[run_start] or fact[k] != fact[run_start]:
            out.append(Span(text[run_start:k], changed[run_start], fact[run_start]))
            run_start = k
    return tuple(out)


def _claims(
    result: Result, order: Sequence[str], segments: Mapping[str, Segment]
) -> tuple[Claim, ...]:
    facts = {f.id: f for f in result.facts}
    diff = result.fact_diff
    groups: list[tuple[ClaimStatus, tuple[str, ...], str | None]] = []
    groups += [("conflict", (c.a, c.b), c.reason) for c in diff.conflicts]
    groups += [("compatible", pair, None) for pair in diff.compatible]
    groups += [("shared", pair, None) for pair in diff.shared]
    groups += [("unique", (fid,), None) for sid in order for fid in diff.unique.get(sid, ())]
    claims: list[Claim] = []
    for status, ids, reason in groups:
        members = [facts[i] for i in ids]
        per_source = tuple(
            tuple(
                FactRef(f.id, f.source, f.text, f.segment, f.speaker)
                for f in members
                if f.source == sid
            )
            for sid in order
        )
        first = members[0]
        subject = next((f.subject for f in members if f.subject), None)
        claims.append(
            Claim(
                index=len(claims),
                status=status,
                subject=subject or _kind_label(first.kind),
                kind=first.kind,
                facts=per_source,
                reason=reason,
            )
        )
    return tuple(claims)


def _kind_label(kind: str) -> str:
    return f"({kind})"
