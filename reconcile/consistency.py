"""Which facts two sources share, state differently, contradict, or state alone.

Facts are matched in four passes, each over what the earlier ones left:

1. within aligned sentence pairs, facts with the same kind, unit and value and a similar
   subject (the same 8.7% can be a retail and a trade figure, so value alone is not enough);
2. within aligned pairs, facts with the same kind and unit, a near-identical subject and a
   compatible period but different values: conflicts (7.5% vs 7.3%, eighth vs ninth);
3. across the documents, as 1 (a figure one source moved to another paragraph);
4. across the documents, facts about the same subject, kind and period with different
   values: conflicts.

A matched pair is *shared* when both sources write it alike, *compatible* when they write
it differently (7.5% vs 百分之七点五, 3月26日 vs 2024年3月26日) or when one states the value as
approximate and the other is within rounding of it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from . import _data
from .errors import ConfigError
from .facts import PeriodKey, period_key, periods_compatible
from .models import Conflict, Document, Fact, FactDiff, Pair


@dataclass(frozen=True)
class CheckConfig:
    """Thresholds of fact matching (similarities on rapidfuzz's 0-100 scale).

    Attributes:
        subject_similarity: lowest subject similarity for two facts with the same value
            to count as one fact.
        conflict_similarity: lowest subject similarity for two facts with different
            values to count as a conflict; high, because a false alarm costs trust.
        approximate_tolerance: relative difference within which a value a source gives as
            approximate (约, nearly) is compatible with the other source's.
    """

    subject_similarity: float = 60.0
    conflict_similarity: float = 90.0
    approximate_tolerance: float = 0.05

    def __post_init__(self) -> None:
        for name in ("subject_similarity", "conflict_similarity"):
            value = getattr(self, name)
            if not 0 <= value <= 100:
                raise ConfigError(f"{name} must be between 0 and 100, not {value}")
        if not 0 <= self.approximate_tolerance < 1:
            raise ConfigError(
                f"approximate_tolerance is a fraction (0.05 = 5%), not {self.approximate_tolerance}"
            )


_SPACE = re.compile(r"\s+")


def _canon(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text)).lower()


@dataclass
class _F:
    """A fact with what matching needs precomputed."""

    fact: Fact
    subject: str
    period: PeriodKey | None
    written: str
    approximate: bool
    slot: tuple[str, str]  # the words just before and after the figure in its sentence
    sentence: str  # the sentence, canonical form (to tell a stated period from a carried one)


def _prepare(facts: Sequence[Fact], doc: Document) -> list[_F]:
    approx = frozenset(str(w).lower() for w in _data.load("facts")["zh"]["approximate"])
    # Headline facts name no body segment: they get no sentence and no slot.
    sentences = {seg.id: _canon(seg.text) for seg in doc.segments}
    out = []
    for f in facts:
        subject = _canon(f.subject or "")
        subject = re.sub(r"^(?:the|a|an)\s*|的", "", subject)
        out.append(
            _F(
                fact=f,
                subject=subject,
                period=period_key(f.period) if f.period else None,
                written=_canon(f.text),
                approximate=(f.qualifier or "").lower() in approx,
                slot=_slot(f, sentences.get(f.segment, "")),
                sentence=sentences.get(f.segment, ""),
            )
        )
    return out


def _slot(f: Fact, sentence: str) -> tuple[str, str]:
    written = _canon(f.text)
    at = sentence.find(written)
    if at < 0:
        return ("", "")
    before = sentence[max(0, at - _SLOT_CONTEXT) : at]
    after = sentence[at + len(written) : at + len(written) + _SLOT_CONTEXT]
    # Digits of a neighbouring figure are masked: "2001 by two" and "2002 by two" still
    # put "two" in one slot (the changed year is a conflict of its own).
    return (_DIGITS.sub("#", before), _DIGITS.sub("#", after))


def _same_slot(a: _F, b: _F) -> bool:
    """Both figures stand between the same words of two aligned sentences.

    "founded in 2001 by two engineers" against "founded in 2002 by two engineers": the
    words around the figure are the same, so the two values answer one question,
    whatever subject the extractor gave them.
    """
    (ba, aa), (bb, ab) = a.slot, b.slot
    return (bool(ba) or bool(aa)) and ba == bb and aa == ab


# Characters (canonical form, spaces dropped) compared on each side of a figure: two
# CJK words or a couple of English words, enough that a figure's slot is unambiguous.
_SLOT_CONTEXT = 6
_DIGITS = re.compile(r"\d")

# Measurements a period qualifies: the same 7.5% for 1—2月 and for 1—3月 are two claims.
_PERIOD_KINDS = frozenset({"percent", "points", "amount", "index"})


# Subjects that name who or what is counted but not the claim: outside an aligned pair
# of sentences, two counts of "people" are rarely one claim.
_GENERIC_SUBJECTS = frozenset(
    {"people", "persons", "men", "women", "children", "others", "times", "cases", "人", "人次"}
)


def _similarity(a: _F, b: _F) -> float:
    if not a.subject or not b.subject:
        return 0.0
    if a.subject == b.subject:
        return 100.0
    return float(fuzz.ratio(a.subject, b.subject))


def _same_value(a: _F, b: _F) -> bool:
    fa, fb = a.fact, b.fact
    if fa.kind != fb.kind or fa.unit != fb.unit:
        return False
    if fa.kind == "date":
        if fa.text == fb.text:
            return True  # 09年 and 09年: whatever the key reads of it, one date
        ka, kb = period_key(fa.text), period_key(fb.text)
        if ka is None or kb is None:
            return False
        # Both must state the same parts: 2024年 and 1—2月 are not one date.
        shared_parts = [
            (x, y) for x, y in zip(ka, kb, strict=True) if x is not None and y is not None
        ]
        return (
            (ka[1] is None) == (kb[1] is None)
            and bool(shared_parts)
            and all(x == y for x, y in shared_parts)
        )
    return abs(fa.value - fb.value) <= 1e-9 * max(abs(fa.value), abs(fb.value), 1.0)


def _within_rounding(a: _F, b: _F, cfg: CheckConfig) -> bool:
    if not (a.approximate or b.approximate) or a.fact.kind == "date":
        return False
    va, vb = a.fact.value, b.fact.value
    return abs(va - vb) <= cfg.approximate_tolerance * max(abs(va), abs(vb))


def diff_facts(
    doc_a: Document,
    facts_a: Sequence[Fact],
    doc_b: Document,
    facts_b: Sequence[Fact],
    pairs: Sequence[Pair],
    config: CheckConfig | None = None,
) -> FactDiff:
    """Relate the facts of two documents: shared, compatible, conflicting, unique.

    Args:
        doc_a: the first document (its id keys ``unique``).
        facts_a: ``extract_facts(doc_a)``.
        doc_b: the second document.
        facts_b: ``extract_facts(doc_b)``.
        pairs: aligned sentence pairs (``Pair.a``/``Pair.b`` hold segment ids).
        config: thresholds; see ``CheckConfig``.

    Example:
        >>> from reconcile.document import from_text
        >>> from reconcile.facts import extract_facts
        >>> from reconcile.models import Pair
        >>> a = from_text("出口增长10.3%。", "A")
        >>> b = from_text("出口增长10.5%。", "B")
        >>> d = diff_facts(a, extract_facts(a), b, extract_facts(b),
        ...                [Pair(("A0",), ("B0",), 90.0, "variant")])
        >>> [(c.a, c.b) for c in d.conflicts]
        [('A:f1', 'B:f1')]
    """
    cfg = config or CheckConfig()
    fa, fb = _prepare(facts_a, doc_a), _prepare(facts_b, doc_b)
    matched_a: set[str] = set()
    matched_b: set[str] = set()
    shared: list[tuple[str, str]] = []
    compatible: list[tuple[str, str]] = []
    conflicts: list[Conflict] = []

    def accept(a: _F, b: _F, conflict: bool) -> None:
        matched_a.add(a.fact.id)
        matched_b.add(b.fact.id)
        if not conflict:
            (shared if a.written == b.written else compatible).append((a.fact.id, b.fact.id))
        elif _within_rounding(a, b, cfg):
            compatible.append((a.fact.id, b.fact.id))
        else:
            conflicts.append(Conflict(a.fact.id, b.fact.id, _reason(a.fact, b.fact)))

    def agree(a: _F, b: _F) -> float | None:
        if not _same_value(a, b):
            return None
        period_changed = a.period != b.period and a.fact.kind in _PERIOD_KINDS
        if _same_slot(a, b) and not period_changed:
            # Same figure between the same words: one claim, even where the period it
            # inherits from an earlier figure changed (that change is its own conflict).
            return 100.0
        if a.fact.kind == "date":
            # A date both sources give is the same date, whatever words each uses for
            # the event it dates; a similar event only ranks the candidates.
            return max(50.0, _similarity(a, b))
        sim = _similarity(a, b)
        if not a.subject and not b.subject:
            sim = cfg.subject_similarity  # same value, neither says of what
        if sim < cfg.subject_similarity or not periods_compatible(a.period, b.period):
            return None
        return sim

    def disagree_aligned(a: _F, b: _F) -> float | None:
        if a.fact.kind != b.fact.kind or a.fact.unit != b.fact.unit:
            return None
        if _same_value(a, b):
            # The same figure for another period (1—2月 vs 1—3月) is a different claim.
            changed_period = (
                a.fact.kind in _PERIOD_KINDS
                and a.period
                and b.period
                and not periods_compatible(a.period, b.period)
                # Stated in this very sentence, not carried over from an earlier one.
                and _canon(a.fact.period or "") in a.sentence
                and _canon(b.fact.period or "") in b.sentence
            )
            if changed_period and _similarity(a, b) >= cfg.conflict_similarity:
                return _similarity(a, b)
            return None
        if _same_slot(a, b):
            return 100.0
        if a.fact.kind == "date":
            return None  # two dates in one sentence pair are rarely the same claim
        sim = _similarity(a, b)
        if sim < cfg.conflict_similarity or not periods_compatible(a.period, b.period):
            return None
        return sim

    def disagree_anywhere(a: _F, b: _F) -> float | None:
        if a.fact.kind in ("date", "duration") or len(a.subject) < 2:
            return None
        if a.subject.lower() in _GENERIC_SUBJECTS:
            return None  # "killed at least 2 people" and "4,000 people fled": two claims
        if a.subject != b.subject or a.period != b.period:
            return None
        if a.fact.kind != b.fact.kind or a.fact.unit != b.fact.unit or _same_value(a, b):
            return None
        return 100.0

    by_seg_a = _by_segment(fa)
    by_seg_b = _by_segment(fb)
    groups = [
        (
            [f for s in p.a for f in by_seg_a.get(s, ())],
            [f for s in p.b for f in by_seg_b.get(s, ())],
        )
        for p in pairs
    ]

    def accept_agreement(a: _F, b: _F) -> None:
        accept(a, b, conflict=False)

    def accept_conflict(a: _F, b: _F) -> None:
        accept(a, b, conflict=True)

    for score, on_match in ((agree, accept_agreement), (disagree_aligned, accept_conflict)):
        for ga, gb in groups:
            _greedy(ga, gb, score, matched_a, matched_b, on_match)
    for score, on_match in ((agree, accept_agreement), (disagree_anywhere, accept_conflict)):
        _greedy(fa, fb, score, matched_a, matched_b, on_match)

    order_a = {f.id: i for i, f in enumerate(facts_a)}
    conflicts.sort(key=lambda c: order_a[c.a])
    return FactDiff(
        shared=tuple(sorted(shared, key=lambda p: order_a[p[0]])),
        conflicts=tuple(conflicts),
        compatible=tuple(sorted(compatible, key=lambda p: order_a[p[0]])),
        unique={
            doc_a.id: tuple(f.id for f in facts_a if f.id not in matched_a),
            doc_b.id: tuple(f.id for f in facts_b if f.id not in matched_b),
        },
    )


def _by_segment(facts: list[_F]) -> dict[str, list[_F]]:
    out: dict[str, list[_F]] = {}
    for f in facts:
        out.setdefault(f.fact.segment, []).append(f)
    return out


def _greedy(
    fa: Sequence[_F],
    fb: Sequence[_F],
    score: Callable[[_F, _F], float | None],
    matched_a: set[str],
    matched_b: set[str],
    accept: Callable[[_F, _F], None],
) -> None:
    # Best pairs first; ties go to facts close in document order, so repeated values
    # (two 今年1—2月) pair up in sequence.
    cands: list[tuple[float, int, int, int]] = []
    rest_a = [(i, a) for i, a in enumerate(fa) if a.fact.id not in matched_a]
    # Every score is None for facts of another kind or unit, so only those of the same
    # are compared: the same candidates, without the product of two documents' facts
    # (which N sources pay for every pair of documents).
    rest_b: dict[tuple[str, str], list[tuple[int, _F]]] = {}
    for j, b in enumerate(fb):
        if b.fact.id not in matched_b:
            rest_b.setdefault((b.fact.kind, b.fact.unit), []).append((j, b))
    for i, a in rest_a:
        for j, b in rest_b.get((a.fact.kind, a.fact.unit), ()):
            s = score(a, b)
            if s is not None:
                cands.append((-s, abs(i - j), i, j))
    cands.sort()
    for _, _, i, j in cands:
        a, b = fa[i], fb[j]
        if a.fact.id in matched_a or b.fact.id in matched_b:
            continue
        accept(a, b)


def _reason(a: Fact, b: Fact) -> str:
    """What differs, in the editor's words: the value, and the qualifier or period.

    ``shares: 5% (over) in A, 4.75% (no qualifier) in B``;
    ``工业增加值: 6.2% (今年1—4月) in A, 6.2% (今年1—5月) in B``.
    """
    return conflict_reason([(a, (a.source,)), (b, (b.source,))])


def conflict_reason(sides: Sequence[tuple[Fact, Sequence[str]]]) -> str:
    """The reason for any number of values: each as one fact writes it, and who gives it.

    ``shares: 5% in A and C, 4.75% in B``. The two-source reason is the case of two
    sides with one source each, so both read alike.
    """
    firsts = [f for f, _ in sides]
    subject = next((f.subject for f in firsts if f.subject), None) or firsts[0].kind
    same_period = len({f.period or "" for f in firsts}) == 1
    shared = f" ({firsts[0].period})" if same_period and firsts[0].period else ""
    qualifiers_differ = len({f.qualifier or "" for f in firsts}) > 1

    def side(f: Fact, sources: Sequence[str]) -> str:
        notes = [n for n in (f.qualifier, None if same_period else f.period) if n]
        if qualifiers_differ and not f.qualifier:
            notes.insert(0, "no qualifier")
        who = " and ".join(sources)
        return f"{f.text} ({', '.join(notes)}) in {who}" if notes else f"{f.text} in {who}"

    return f"{subject}{shared}: {', '.join(side(f, s) for f, s in sides)}"
