"""The review of N > 2 sources as the page shows it (two sources: ``review.build``).

Three parts, all read from a ``Result`` and nothing else:

- the facts as claims × sources: each fact cluster with its majority value, and which
  sources give another value (outliers), the conflicts first;
- the alignment as data for the page's script: one row per merged sentence, one cell per
  source that states it, and for every source that could be chosen as the base the
  changed characters of each other reading against the base's. Computing the marks
  here keeps one tokenisation (``textdiff``) for every output; the script only draws;
- the merged text, each figure the sources dispute shown with every value and the
  sources that give it.

Offsets handed to the script are in UTF-16 code units, as JavaScript strings count them,
so a character outside the Basic Multilingual Plane cannot shift a mark.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from ..merge import disputed_values
from ..models import CanonicalSentence, Fact, FactCluster, Result, Segment
from ..textdiff import diff_pieces
from .review import FactRef, _fact_marks, _joined
from .summary import summarize_groups

ClaimStatus = Literal["conflict", "agree", "single"]
JSON = dict[str, object]


@dataclass(frozen=True)
class SourceInfo:
    """A source as the summary bar shows it; ``key`` is its short name in badges."""

    id: str
    key: str
    path: str | None
    encoding: str
    title: str | None
    outlet: str | None
    published: str | None
    sentences: int
    shared: int
    only: int
    chrome: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FactCell:
    """One source's fact for a claim; ``outlier``: another value than the majority's."""

    fact: FactRef
    outlier: bool


@dataclass(frozen=True)
class ClaimRow:
    """One claim across the sources (a fact cluster), one cell per source."""

    index: int
    status: ClaimStatus
    claim: str
    kind: str
    majority: str | None
    reason: str
    values: tuple[tuple[str, tuple[str, ...]], ...]  # (value, sources giving it)
    cells: tuple[FactCell | None, ...]


@dataclass(frozen=True)
class MergedSpan:
    """A run of a merged sentence; ``disputed``: a disputed figure, every value its
    sentence's readings give with their sources (``1.4m [A,B] / 1.6m [C]``)."""

    text: str
    fact: str | None = None
    claim: int | None = None
    disputed: str | None = None


@dataclass(frozen=True)
class MergedSentence:
    paragraph: int
    sources: tuple[str, ...]
    segment: str  # the sentence of the reading the merged text uses
    spans: tuple[MergedSpan, ...]
    others: tuple[tuple[tuple[str, ...], str], ...]  # (sources, wording) of other readings
    conflict: bool


@dataclass(frozen=True)
class CountsN:
    sentences: int  # merged sentences (statements)
    alike: int  # stated by several sources, worded alike
    variant: int  # stated by several sources, worded differently
    single: int  # stated by one source only
    moved: int
    groups: int
    everywhere: int
    several: int
    conflicts: int
    agreed: int
    single_facts: int


@dataclass(frozen=True)
class ReviewN:
    sources: tuple[SourceInfo, ...]
    matrix: tuple[tuple[int, ...], ...]  # shared sentence groups, source × source
    counts: CountsN
    claims: tuple[ClaimRow, ...]
    merged: tuple[MergedSentence, ...]
    alignment: JSON  # the data the page's script draws the alignment from


def build_n(result: Result) -> ReviewN:
    """The page view of ``result`` (any N, meant for N > 2).

    Example:
        >>> from reconcile import from_text, reconcile
        >>> docs = [from_text(f"T\\n\\nTalks resume on Monday. Unions met {n} times.", k)
        ...         for k, n in zip("ABC", ["five", "five", "six"])]
        >>> v = build_n(reconcile(*docs))
        >>> [c.status for c in v.claims], v.claims[0].majority, v.claims[0].cells[2].outlier
        (['conflict'], 'five', True)
    """
    ids = result.sources
    keys = _keys(ids)
    segments = {s.id: s for d in result.documents for s in d.segments}
    facts = {f.id: f for f in result.facts}
    facts_by_segment: dict[str, list[Fact]] = defaultdict(list)
    for f in result.facts:
        facts_by_segment[f.segment].append(f)
    claims = _claims(result, facts)
    claim_of = {cell.fact.id: cl.index for cl in claims for cell in cl.cells if cell}
    disputed = {fid: k for k in result.disputes for fid in k.facts}
    # Out of order: the sources whose sentence stands elsewhere than the merged order.
    moved = {
        (m.source, sid)
        for g in result.groups
        for m in g.members
        if m.source in g.moved_in
        for sid in m.segments
    }

    rows: list[JSON] = []
    merged: list[MergedSentence] = []
    for c in result.canonical:
        readings = _readings(c, segments)
        conflict = any(f.id in disputed for sid in c.segments for f in facts_by_segment[sid])
        rows.append(_row(result, ids, readings, segments, facts_by_segment, moved, conflict))
        merged.append(
            _merged(result, c, readings, segments, facts_by_segment, facts, claim_of, conflict)
        )
    s = summarize_groups(result)
    several = [c for c in result.canonical if len(c.sources) > 1]
    counts = CountsN(
        sentences=len(result.canonical),
        alike=sum(1 for c in several if not c.alternatives),
        variant=sum(1 for c in several if c.alternatives),
        single=len(result.canonical) - len(several),
        moved=s.moved,
        groups=s.groups,
        everywhere=s.everywhere,
        several=s.several,
        conflicts=len(result.disputes),
        agreed=sum(1 for k in result.fact_clusters if len(k.sources) > 1 and not k.conflict),
        single_facts=sum(1 for k in result.fact_clusters if len(k.sources) == 1),
    )
    sources = tuple(
        SourceInfo(
            id=d.id,
            key=keys[d.id],
            path=d.source.path,
            encoding=d.source.encoding,
            title=d.metadata.title,
            outlet=d.metadata.outlet,
            published=d.metadata.published,
            sentences=s.total[d.id],
            shared=s.total[d.id] - s.only.get(d.id, 0),
            only=s.only.get(d.id, 0),
            chrome=tuple((b.kind, b.text.strip()) for b in d.boilerplate),
        )
        for d in result.documents
    )
    matrix = tuple(tuple(s.shared[(x, y)] for y in ids) for x in ids)
    alignment: JSON = {"rows": rows}
    return ReviewN(sources, matrix, counts, claims, tuple(merged), alignment)


def _keys(ids: Sequence[str]) -> dict[str, str]:
    """Short names for badges: the labels when all are short, else 1, 2, 3 …"""
    if all(len(i) <= 3 for i in ids):
        return {i: i for i in ids}
    return {i: str(k + 1) for k, i in enumerate(ids)}


def _readings(
    c: CanonicalSentence, segments: Mapping[str, Segment]
) -> list[tuple[str, tuple[str, ...]]]:
    """(source, segment ids) of each reading, the one the merged text uses first."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for sid in c.segments:
        by_source[segments[sid].source].append(sid)
    return [(src, tuple(ids)) for src, ids in by_source.items()]


def _utf16(text: str) -> list[int]:
    """Offset of each character (and the end) in UTF-16 code units."""
    out = [0]
    for ch in text:
        out.append(out[-1] + (2 if ord(ch) > 0xFFFF else 1))
    return out


def _changed(base: str, other: str) -> list[int]:
    """Flat [start, end, start, end, …] of the runs of ``other`` that differ from ``base``."""
    at = _utf16(other)
    out: list[int] = []
    pos = 0
    for piece, differs in diff_pieces(base, other)[1]:
        if differs:
            out += [at[pos], at[pos + len(piece)]]
        pos += len(piece)
    return out


def _row(
    result: Result,
    ids: Sequence[str],
    readings: Sequence[tuple[str, tuple[str, ...]]],
    segments: Mapping[str, Segment],
    facts_by_segment: Mapping[str, Sequence[Fact]],
    moved: set[tuple[str, str]],
    conflict: bool,
) -> JSON:
    """One alignment row for the script.

    ``c``: cells as [source index, segment ids, text, [[start, end, fact id] …]];
    ``d``: [base index, other index, changed runs] for every ordered pair of readings
    that differ; the first cell is the merged text's reading, the base of a row whose
    chosen base source does not state it.
    """
    position = {sid: k for k, sid in enumerate(ids)}
    texts = {src: _joined(segments, seg_ids) for src, seg_ids in readings}
    cells: list[object] = []
    for src, seg_ids in readings:
        at = _utf16(texts[src])
        marks = _fact_marks(result.document(src), [segments[i] for i in seg_ids], facts_by_segment)
        cells.append(
            [position[src], list(seg_ids), texts[src], [[at[a], at[b], f] for a, b, f in marks]]
        )
    diffs: list[object] = []
    cache: dict[tuple[str, str], list[int]] = {}
    for base, _ in readings:
        for other, _ in readings:
            a, b = texts[base], texts[other]
            if base == other or a == b:
                continue
            if (a, b) not in cache:
                cache[(a, b)] = _changed(a, b)
            diffs.append([position[base], position[other], cache[(a, b)]])
    kind = "one" if len(readings) == 1 else "var" if len(set(texts.values())) > 1 else "same"
    row: JSON = {"k": kind, "c": cells}
    if diffs:
        row["d"] = diffs
    shifted = sorted(
        {position[src] for src, seg_ids in readings for sid in seg_ids if (src, sid) in moved}
    )
    if shifted:
        row["m"] = shifted
    if conflict:
        row["x"] = 1
    return row


def _merged(
    result: Result,
    c: CanonicalSentence,
    readings: Sequence[tuple[str, tuple[str, ...]]],
    segments: Mapping[str, Segment],
    facts_by_segment: Mapping[str, Sequence[Fact]],
    facts: Mapping[str, Fact],
    claim_of: Mapping[str, int],
    conflict: bool,
) -> MergedSentence:
    src, seg_ids = readings[0]
    text = _joined(segments, seg_ids)
    marks = sorted(
        _fact_marks(result.document(src), [segments[i] for i in seg_ids], facts_by_segment)
    )
    # Each disputed figure as every output writes it (``merge.disputed_values``): the
    # values the sentence's readings give, with the sources that give each.
    other = {sid for alt in c.alternatives for sid in alt.segments}
    both = {fid: disputed_values(c, k, facts, other)[0] for k in c.disputes for fid in k.facts}
    spans: list[MergedSpan] = []
    shown: set[str] = set()
    pos = 0
    for start, end, fid in marks:
        if start < pos:
            continue  # overlapping figures: the first one found keeps the characters
        if start > pos:
            spans.append(MergedSpan(text[pos:start]))
        if fid in both:
            shown.add(both[fid])
        spans.append(MergedSpan(text[start:end], fid, claim_of.get(fid), both.get(fid)))
        pos = end
    if pos < len(text):
        spans.append(MergedSpan(text[pos:]))
    # A disputed figure the merged reading does not state (another reading has it) is
    # added at the end, so no value is ever lost from the merged text.
    for k in c.disputes:
        label = both[k.facts[0]]
        if label not in shown:
            shown.add(label)
            spans.append(MergedSpan(" "))
            spans.append(MergedSpan("", k.facts[0], claim_of.get(k.facts[0]), label))
    wordings: dict[str, list[str]] = {}
    for alt in c.alternatives:
        wordings.setdefault(alt.text, []).append(alt.source)
    return MergedSentence(
        paragraph=c.paragraph,
        sources=c.sources,
        segment=seg_ids[0],
        spans=tuple(spans),
        others=tuple((tuple(who), t) for t, who in wordings.items()),
        conflict=conflict,
    )


def _claims(result: Result, facts: Mapping[str, Fact]) -> tuple[ClaimRow, ...]:
    """Claims × sources: conflicts first, then claims several sources agree on, then the
    claims one source alone states (each group in the clusters' own order)."""
    ids = result.sources

    def status(k: FactCluster) -> ClaimStatus:
        return "conflict" if k.conflict else "agree" if len(k.sources) > 1 else "single"

    rank = {"conflict": 0, "agree": 1, "single": 2}
    ordered = sorted(result.fact_clusters, key=lambda k: rank[status(k)])
    out: list[ClaimRow] = []
    for k in ordered:
        majority = set(k.majority.sources) if k.majority is not None else set()
        by_source = {facts[f].source: facts[f] for f in k.facts}
        cells = tuple(
            FactCell(
                FactRef(f.id, f.source, f.text, f.segment, f.speaker),
                outlier=k.conflict and sid not in majority,
            )
            if (f := by_source.get(sid)) is not None
            else None
            for sid in ids
        )
        first = facts[k.facts[0]]
        out.append(
            ClaimRow(
                index=len(out),
                status=status(k),
                claim=k.claim,
                kind=first.kind,
                majority=k.majority.text if k.majority is not None else None,
                reason=k.reason,
                values=tuple((v.text, v.sources) for v in k.values),
                cells=cells,
            )
        )
    return tuple(out)
