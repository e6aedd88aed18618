"""Facts of a document: mentions per sentence, with subject, period and speaker."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..models import Document, Fact, Segment
from ..normalize import normalize
from ._base import EVENT_KINDS, _is_zh, _Mention
from ._vocab import _Vocab, _vocab
from .attribution_en import outside_claim
from .events_en import en_event
from .events_zh import zh_event
from .kinds import _mentions, _qualify
from .ordinals_en import rank_subject
from .periods import _is_topical, _period_for
from .ranges_en import merge_ranges
from .shared_en import as_written, same_conversion, same_level
from .speakers import en_persons, headline_speaker, speakers
from .speakers_zh import zh_outside_claim
from .subjects import (
    _CONVERSION_GAP,
    _distribute_en,
    _distribute_zh,
    _en_subject,
    _zh_subject,
)
from .subjects_en import en_subject

_HE_WAS = re.compile(r"\b(?:[Hh]e|[Ss]he)\s(?:was|is)\s$")


def _sentence_mentions(text: str, v: _Vocab) -> list[_Mention]:
    ms = _mentions(text, v)
    if not ms:
        return ms
    zh = _is_zh(text)
    if not zh:
        ms = merge_ranges(text, ms)
    dates = [m for m in ms if m.kind == "date"]
    prev_subject: str | None = None
    prev: _Mention | None = None
    for m in ms:
        if zh and m.kind == "count" and m.unit == "岁":
            m.kind = "age"  # 陈龙，男，24岁: a person's age, whose subject is the person
        if m.kind != "date":
            # Qualifiers first: a subject or event leaves out every figure of the sentence
            # with the qualifier written before it (约7个百分点).
            _qualify(text, m, v, zh)
    for m in ms:
        if m.kind in EVENT_KINDS:
            # A date, duration, score or age belongs to an event, not to the quantity the
            # figures around it measure: it neither takes nor passes on their subject.
            m.subject = zh_event(text, m, v, ms) if zh else en_event(text, m, ms)
            if m.kind != "date":
                m.period = _period_for(text, m, dates)
            continue
        if prev is not None and (
            _CONVERSION_GAP.match(text[prev.end : m.start])
            or (not zh and (same_level(text, prev, m) or same_conversion(text, prev, m)))
        ):
            m.subject, m.change = prev.subject, prev.change
        elif zh:
            _zh_subject(text, m, v, [o for o in ms if o is not m])
        else:
            _en_subject(text, m, v)
            ranked = rank_subject(text, m) if m.kind == "ordinal" else None
            m.subject = ranked or en_subject(text, m, v.en_change)
        prev = m
        if m.subject is None and prev_subject is not None:
            m.subject = prev_subject  # 4.2万亿元，同比增长3.1%
        elif (
            zh
            and prev_subject is not None
            and m.subject is not None
            and (m.subject in v.generic or m.subject.startswith("占"))
        ):
            m.subject = prev_subject + m.subject  # …投资增长9.4%，增速提高… / …，占…比重
        if not zh:
            m.subject = as_written(text, m.subject, m)
        prev_subject = m.subject
        m.period = _period_for(text, m, dates)
    if zh:
        _distribute_zh(text, ms, v)
    else:
        _distribute_en(text, ms, v)
    return ms


# --- the document --------------------------------------------------------------------------


def _headline(doc: Document) -> Segment | None:
    """The headline as a segment of its own (id ``<source>-title``), where the text has one.

    The boilerplate stage takes the headline out of the body into ``metadata.title``; its
    facts ("… dies aged 44") are claims like any other.
    """
    title = doc.metadata.title
    if not title:
        return None
    first_body = doc.segments[0].start if doc.segments else len(doc.source.text)
    pos = 0
    for line in doc.source.text[:first_body].splitlines(keepends=True):
        norm = normalize(line, base=pos)
        stripped = norm.text.strip()
        if stripped == title:
            lead = len(norm.text) - len(norm.text.lstrip())
            start, end = norm.span(lead, lead + len(stripped))
            return Segment(f"{doc.id}-title", doc.id, -1, -1, title, start, end)
        pos += len(line)
    return None


_RELATIVE_HALVES = frozenset({"上半年", "下半年"})


def extract_facts(doc: Document, *, headline: bool = True) -> tuple[Fact, ...]:
    """Every fact stated in ``doc``, in text order, with ids ``"<source>:f<n>"`` from 1.

    ``start``/``end`` delimit the fact in ``doc.source.text`` and ``text`` is that span
    verbatim; ``segment`` is the id of the sentence that states it, ``<source>-title`` for
    a fact of the headline (left out with ``headline=False``: the sentence alignment that
    fact diffs build on has no headline segment).

    Example:
        >>> from reconcile.document import from_text
        >>> doc = from_text("今年1—2月，出口、进口分别增长10.3%、6.7%。", "B")
        >>> [(f.id, f.subject, f.value, f.period) for f in extract_facts(doc) if f.kind == "percent"]
        [('B:f2', '出口', 10.3, '今年1—2月'), ('B:f3', '进口', 6.7, '今年1—2月')]
    """
    v = _vocab()
    facts: list[Fact] = []
    who = speakers(doc)
    period_by_paragraph: dict[int, str] = {}
    segments: list[tuple[Segment, str | None]] = list(zip(doc.segments, who, strict=True))
    title = _headline(doc) if headline else None
    if title is not None:
        # A headline speaks in the outlet's voice unless it names who says it (X：…).
        segments.insert(0, (title, headline_speaker(title.text)))
    person: str | None = None  # the last person named, for "the 27-year-old"
    first_person: str | None = None  # the first one of that sentence, for "He was 84"
    for seg, speaker in segments:
        ms = _sentence_mentions(seg.text, v)
        zh = _is_zh(seg.text)
        for m in ms:
            if m.kind == "age" and person and (zh or m.subject is None):
                # "The 23-year-old has admitted …" refers back to the person last named;
                # "He was 84" to the one the sentence before was about, named first ("Sir
                # Anthony Meyer, the Tory backbencher who challenged Margaret Thatcher …").
                he = not zh and _HE_WAS.search(seg.text, 0, m.start) is not None
                m.subject = first_person if he and first_person else person
        if not _is_zh(seg.text):
            named = en_persons(seg.text)
            if named:
                person, first_person = named[-1], named[0]
        if not ms:
            continue
        spans = _SpanMap(doc, seg)
        for m in ms:
            if m.kind == "date":
                if _is_topical(seg.text, m):
                    period_by_paragraph[seg.paragraph] = seg.text[m.start : m.end]
                if seg.text[m.start : m.end] in _RELATIVE_HALVES:
                    # 下半年 alone is "the second half of this year": relative, like 今年,
                    # so not a fact (docs/facts.md); it still dates the figures beside it.
                    continue
                period = None
            else:
                # A sentence without its own date refers to the paragraph's last period.
                period = m.period or period_by_paragraph.get(seg.paragraph)
            start, end = spans.original(m.start, m.end)
            facts.append(
                Fact(
                    id=f"{doc.id}:f{len(facts) + 1}",
                    source=doc.id,
                    segment=seg.id,
                    text=doc.source.text[start:end],
                    value=m.value,
                    unit=m.unit,
                    kind=m.kind,
                    subject=m.subject,
                    period=period,
                    speaker=(
                        None
                        if speaker
                        and (
                            zh_outside_claim(seg.text, m.start, m.end, speaker, v)
                            if zh
                            else outside_claim(seg.text, m.start, m.end)
                        )
                        else speaker
                    ),
                    start=start,
                    end=end,
                    qualifier=m.qualifier,
                    change=m.change,
                )
            )
    return tuple(facts)


class _SpanMap:
    """Maps offsets in a segment's normalised text back to the original text, lazily."""

    def __init__(self, doc: Document, seg: Segment) -> None:
        self._doc = doc
        self._seg = seg
        raw = doc.source.text[seg.start : seg.end]
        # Most sentences are their own normal form (plain ASCII, no double spaces): then
        # offsets only shift, and the per-character map is not worth building.
        self._same = raw == seg.text
        norm = None if self._same else normalize(raw, base=seg.start)
        self._norm = norm if norm is not None and norm.text == seg.text else None

    def original(self, start: int, end: int) -> tuple[int, int]:
        if self._same:
            return self._seg.start + start, self._seg.start + end
        if self._norm is None:
            # Should not happen (segments are normalised the same way); quote the sentence.
            return self._seg.start, self._seg.end
        return self._norm.span(start, end)


def iter_facts(docs: Sequence[Document]) -> Iterator[Fact]:
    """Facts of several documents in turn (for corpus runs and benchmarks)."""
    for doc in docs:
        yield from extract_facts(doc)
