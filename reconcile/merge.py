"""The canonical text: every sentence once, in reading order, tagged with its sources."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .models import CanonicalSentence, Document, Fact, FactDiff, Pair, Reading, Segment
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
    in_order = sorted((p for p in pairs if not p.moved), key=lambda p: _index(p.b[0]))
    # Each B-only segment goes after the nearest preceding B segment that is paired in order.
    after: dict[Pair | None, list[Segment]] = {}
    anchor: Pair | None = None
    order_pos = {id(p): k for k, p in enumerate(in_order)}
    for seg in doc_b.segments:
        p = b_pair.get(seg.id)
        if p is None:
            after.setdefault(anchor, []).append(seg)
        elif id(p) in order_pos:
            anchor = p
    items: list[tuple[Pair | None, tuple[Segment, ...]]] = []
    emitted: set[int] = set()
    # B-only text before the first shared sentence goes where that sentence stands in A.
    pending: list[Segment] = list(after.get(None, []))
    for seg in doc_a.segments:
        p = a_pair.get(seg.id)
        if p is None:
            items.append((None, (seg,)))
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
            items.extend((None, (doc_a.segments[_index(i)],)) for i in p.a)
            items.extend((None, (doc_b.segments[_index(i)],)) for i in p.b)
            continue
        items.append((p, ()))
    items.extend((None, (s,)) for s in pending)
    return tuple(_canonical(doc_a, doc_b, items, prefer))


def _index(segment_id: str) -> int:
    return int(segment_id[1:])


def _canonical(
    doc_a: Document,
    doc_b: Document,
    items: Sequence[tuple[Pair | None, tuple[Segment, ...]]],
    prefer: str,
) -> list[CanonicalSentence]:
    out: list[CanonicalSentence] = []
    paragraph = -1
    prev_keys: set[tuple[str, int]] = set()
    for pair, segs in items:
        if pair is None:
            readings = [
                _reading(doc_a if segs[0].source == doc_a.id else doc_b, [s.id for s in segs])
            ]
        else:
            readings = [_reading(doc_a, pair.a), _reading(doc_b, pair.b)]
            if prefer == doc_b.id:
                readings.reverse()
        keys = {
            (r.source, (doc_a if r.source == doc_a.id else doc_b).segments[_index(sid)].paragraph)
            for r in readings
            for sid in r.segments
        }
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


def _reading(doc: Document, ids: Sequence[str]) -> Reading:
    return Reading(doc.id, join_sentences([doc.segments[_index(i)].text for i in ids]), tuple(ids))


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
