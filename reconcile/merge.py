"""The canonical text: every sentence once, in reading order, tagged with its sources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .models import (
    CanonicalSentence,
    Document,
    Fact,
    FactCluster,
    FactDiff,
    Group,
    Member,
    Pair,
    Reading,
    Segment,
)
from .normalize import normalize_text
from .segment import join_sentences


def unique_segments(doc: Document, pairs: Sequence[Pair]) -> tuple[str, ...]:
    """Ids of the segments of ``doc`` that no pair uses."""
    used = {sid for p in pairs for sid in (*p.a, *p.b)}
    return tuple(s.id for s in doc.segments if s.id not in used)


def merge(
    doc_a: Document, doc_b: Document, pairs: Sequence[Pair], prefer: str = "A"
) -> tuple[CanonicalSentence, ...]:
    """Interleave both documents into one text.

    Shared sentences come once, in the order of A; a moved pair stands where A has it.
    Sentences only one source has are inserted where they stand in that source: after
    the last shared sentence that precedes them there. For a variant pair the text is
    ``prefer``'s reading and the other reading is kept in ``alternatives``. The sentences
    of a *related* pair (similar, but not one statement) stay each source's own.

    Example:
        >>> from reconcile.document import from_text
        >>> from reconcile.align import align
        >>> a = from_text("T\\n\\nOne thing happened today. Another thing too.", "A")
        >>> b = from_text("T\\n\\nOne thing happened today. Something else.", "B")
        >>> [(c.text, c.sources) for c in merge(a, b, align(a.segments, b.segments))]
        [('One thing happened today.', ('A', 'B')), ('Another thing too.', ('A',)), ('Something else.', ('B',))]
    """
    a_pair = {sid: p for p in pairs for sid in p.a}
    b_pair = {sid: p for p in pairs for sid in p.b}
    seg = _segments(doc_a, doc_b)
    in_order = sorted((p for p in pairs if not p.moved), key=lambda p: seg[p.b[0]].index)
    # Each B-only segment goes after the nearest preceding B segment that is paired in order.
    after: dict[Pair | None, list[Segment]] = {}
    anchor: Pair | None = None
    order_pos = {id(p): k for k, p in enumerate(in_order)}
    for s in doc_b.segments:
        p = b_pair.get(s.id)
        if p is None:
            after.setdefault(anchor, []).append(s)
        elif id(p) in order_pos:
            anchor = p
    items: list[tuple[Pair | None, tuple[Segment, ...]]] = []
    emitted: set[int] = set()
    # B-only text before the first shared sentence goes where that sentence stands in A.
    pending: list[Segment] = list(after.get(None, []))
    for s in doc_a.segments:
        p = a_pair.get(s.id)
        if p is None:
            items.append((None, (s,)))
            continue
        if id(p) in emitted:
            continue
        emitted.add(id(p))
        if not p.moved:
            # A's own sentences of a gap come first, then B's, then the next shared one.
            items.extend((None, (s,)) for s in pending)
            pending = list(after.get(p, []))
        if p.relation == "related":
            # Too loose to be one statement: each source's sentence stands on its own,
            # side by side, so no merged sentence claims a source that does not say it.
            items.extend((None, (seg[i],)) for i in p.a)
            items.extend((None, (seg[i],)) for i in p.b)
            continue
        items.append((p, ()))
    items.extend((None, (s,)) for s in pending)
    return tuple(_canonical(doc_a, doc_b, items, prefer))


def _segments(*docs: Document) -> dict[str, Segment]:
    # Looked up by id, never parsed: a source id may end in a digit (``2005-a``).
    return {s.id: s for d in docs for s in d.segments}


def _canonical(
    doc_a: Document,
    doc_b: Document,
    items: Sequence[tuple[Pair | None, tuple[Segment, ...]]],
    prefer: str,
) -> list[CanonicalSentence]:
    out: list[CanonicalSentence] = []
    paragraph = -1
    prev_keys: set[tuple[str, int]] = set()
    seg = _segments(doc_a, doc_b)
    for pair, segs in items:
        if pair is None:
            readings = [_reading(seg, [s.id for s in segs])]
        else:
            readings = [_reading(seg, pair.a), _reading(seg, pair.b)]
            if prefer == doc_b.id:
                readings.reverse()
        keys = {(r.source, seg[sid].paragraph) for r in readings for sid in r.segments}
        # A sentence continues the paragraph when it shares a source paragraph with the last.
        if not keys & prev_keys:
            paragraph += 1
        prev_keys = keys
        main = readings[0]
        alternatives = tuple(
            r for r in readings[1:] if pair is not None and pair.relation == "variant"
        )
        out.append(
            CanonicalSentence(
                text=main.text,
                sources=tuple(sorted(r.source for r in readings)),
                segments=tuple(sid for r in readings for sid in r.segments),
                paragraph=paragraph,
                alternatives=alternatives,
            )
        )
    return out


def _reading(seg: Mapping[str, Segment], ids: Sequence[str]) -> Reading:
    return Reading(seg[ids[0]].source, join_sentences([seg[i].text for i in ids]), tuple(ids))


def attach_conflicts(
    canonical: Sequence[CanonicalSentence], facts: Sequence[Fact], diff: FactDiff
) -> tuple[CanonicalSentence, ...]:
    """Give each merged sentence the fact conflicts between its own readings.

    A sentence both sources state, with a figure one of them changed, must not read as
    agreed: renderers put both values inline where the preferred reading has its own.
    """
    segment_of = {f.id: f.segment for f in facts}
    out = []
    for c in canonical:
        mine = set(c.segments)
        found = tuple(
            k for k in diff.conflicts if segment_of[k.a] in mine and segment_of[k.b] in mine
        )
        out.append(replace(c, conflicts=found) if found else c)
    return tuple(out)


def attach_disputes(
    canonical: Sequence[CanonicalSentence], clusters: Sequence[FactCluster], facts: Sequence[Fact]
) -> tuple[CanonicalSentence, ...]:
    """``attach_conflicts`` for N sources: each merged sentence gets the fact clusters
    whose values differ between its own readings."""
    segment_of = {f.id: f.segment for f in facts}
    disputed = [k for k in clusters if k.conflict]
    out = []
    for c in canonical:
        mine = set(c.segments)
        found = tuple(
            k
            for k in disputed
            if sum(any(segment_of[f] in mine for f in v.facts) for v in k.values) > 1
        )
        out.append(replace(c, disputes=found) if found else c)
    return tuple(out)


def inline_figures(c: CanonicalSentence, facts: Mapping[str, Fact]) -> str:
    """The sentence's text with each conflicting figure shown with both values.

    Example: ``a budget of £5m [A] / £6m [B]``. The preferred reading's figure is found
    in the text (facts are written as in the original, the text is normalised, so both
    are compared normalised); a figure not found is appended at the sentence's end so
    the other value is never lost.
    """
    text = c.text
    other = {sid for r in c.alternatives for sid in r.segments}
    tail: list[str] = []
    # Two sources have their conflicts as pairs (``£5m [A] / £6m [B]``); the clusters
    # say the same, so only one of the two is shown.
    for d in () if c.conflicts else c.disputes:
        both, mine = disputed_values(c, d, facts, other)
        written = normalize_text(mine.text) if mine is not None else ""
        if written and written in text:
            text = text.replace(written, both, 1)
        else:
            tail.append(both)
    for k in c.conflicts:
        fa, fb = facts[k.a], facts[k.b]
        both = f"{fa.text} [{fa.source}] / {fb.text} [{fb.source}]"
        mine = fb if fa.segment in other else fa  # the figure as the merged text words it
        written = normalize_text(mine.text)
        if written and written in text:
            text = text.replace(written, both, 1)
        else:
            tail.append(both)
    return text + (" (" + "; ".join(tail) + ")" if tail else "")


def merge_groups(
    documents: Sequence[Document], groups: Sequence[Group], prefer: str, statement: float
) -> tuple[CanonicalSentence, ...]:
    """The canonical text of N sources: one sentence per group, in the groups' order.

    ``groups`` come in the collation's canonical order, which is consistent with every
    source's own order, so the text reads as each source does. A sentence is tagged with
    every source that states it, in the order the documents were given; its text is
    ``prefer``'s reading when ``prefer`` states it, else the first source's, and the other
    wordings are kept as ``alternatives``. Members joined only by links weaker than
    ``statement`` (``AlignConfig.statement``) are not one statement: as ``merge`` does for
    a *related* pair, each such part becomes a sentence of its own.

    Example:
        >>> from reconcile.document import from_text
        >>> from reconcile.collate import collate
        >>> docs = [from_text(f"T\\n\\nTalks resume on Monday. {x}", k)
        ...         for k, x in zip("ABC", ["Unions agree.", "Unions agree.", ""])]
        >>> [(c.text, c.sources) for c in merge_groups(docs, collate(docs).groups, "A", 80)]
        [('Talks resume on Monday.', ('A', 'B', 'C')), ('Unions agree.', ('A', 'B'))]
    """
    seg = _segments(*documents)
    position = {d.id: k for k, d in enumerate(documents)}
    out: list[CanonicalSentence] = []
    paragraph = -1
    prev_keys: set[tuple[str, int]] = set()
    size = {d.id: max(len(d.segments), 1) for d in documents}
    for g in groups:
        parts = _statements(g, statement)
        # Parts of a split group read in the order their sources have them; by content
        # only (relative position, then text), so the order of the inputs cannot show.
        parts.sort(
            key=lambda part: (
                sum(m.indices[0] / size[m.source] for m in part) / len(part),
                sorted(seg[m.segments[0]].text for m in part),
            )
        )
        for part in parts:
            readings = [_reading(seg, m.segments) for m in part]
            readings.sort(key=lambda r: (r.source != prefer, position[r.source]))
            keys = {(r.source, seg[sid].paragraph) for r in readings for sid in r.segments}
            # As in ``merge``: a sentence continues the paragraph of the last when they
            # share a source paragraph.
            if not keys & prev_keys:
                paragraph += 1
            prev_keys = keys
            main = readings[0]
            out.append(
                CanonicalSentence(
                    text=main.text,
                    sources=tuple(sorted((r.source for r in readings), key=position.__getitem__)),
                    segments=tuple(sid for r in readings for sid in r.segments),
                    paragraph=paragraph,
                    alternatives=tuple(r for r in readings[1:] if r.text != main.text),
                )
            )
    return tuple(out)


def _statements(g: Group, statement: float) -> list[list[Member]]:
    """The group's members split where only links below ``statement`` hold them together."""
    if len(g.members) == 1 or g.score >= statement:
        return [list(g.members)]
    part = {m.source: m.source for m in g.members}

    def find(x: str) -> str:
        while part[x] != x:
            x = part[x]
        return x

    for x, y, score in g.links:
        if score >= statement:
            part[find(y)] = find(x)
    parts: dict[str, list[Member]] = {}
    for m in g.members:
        parts.setdefault(find(m.source), []).append(m)
    return list(parts.values())


def disputed_values(
    c: CanonicalSentence, d: FactCluster, facts: Mapping[str, Fact], other: set[str]
) -> tuple[str, Fact | None]:
    """``£5m [A] / £6m [B,C]`` for this sentence's readings, sources in document order,
    and the fact as the merged text words it (``None`` if no reading here has one).

    Shared by the renderers so that every output writes a dispute the same way.
    """
    mine = set(c.segments)
    rank = {s: k for k, s in enumerate(c.sources)}
    parts: list[tuple[int, str]] = []
    main: Fact | None = None
    for v in d.values:
        here = [facts[f] for f in v.facts if facts[f].segment in mine]
        if not here:
            continue
        here.sort(key=lambda f: rank[f.source])
        who = ",".join(f.source for f in here)
        parts.append((rank[here[0].source], f"{here[0].text} [{who}]"))
        main = main or next((f for f in here if f.segment not in other), None)
    return " / ".join(p for _, p in sorted(parts)), main
