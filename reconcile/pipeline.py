"""The reconciliation job: prepare N >= 2 documents, collate, check facts, merge.

Two sources are the case N = 2 of the same job: the collation's two-member groups are
exactly the pairs ``align()`` finds (``collate.pairs_between``), and the two-source views
(``Result.pairs``, ``fact_diff``, the ``merge.merge`` text) are made from them, so
two-file outputs are what they were before N sources.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from .align import AlignConfig
from .consistency import CheckConfig, diff_facts
from .document import load_document
from .errors import ConfigError
from .facts import extract_facts
from .merge import attach_conflicts, attach_disputes, merge, merge_groups, unique_segments
from .models import Document, Result

PathOrDoc = str | os.PathLike[str] | Document


@dataclass(frozen=True)
class ReconcileConfig:
    """Options of one reconciliation.

    Attributes:
        align: alignment thresholds (see ``AlignConfig``).
        prefer: the source whose wording the canonical text uses where sources word a
            sentence differently; ``None``: the first source.
        encoding: decode inputs with this codec instead of detecting it.
        check: fact-matching thresholds (see ``CheckConfig``).
        labels: source ids for inputs given as paths, in order; ``None``: A, B, C, …
            (``source_labels``). A ``Document`` keeps its own id.
    """

    align: AlignConfig = field(default_factory=AlignConfig)
    prefer: str | None = None
    encoding: str | None = None
    check: CheckConfig = field(default_factory=CheckConfig)
    labels: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        if self.labels is not None:
            check_labels(self.labels)


def source_labels(n: int) -> tuple[str, ...]:
    """Default source ids: A … Z, then AA, AB, … (as spreadsheet columns).

    Example:
        >>> source_labels(3), source_labels(28)[-2:]
        (('A', 'B', 'C'), ('AA', 'AB'))
    """
    out = []
    for k in range(n):
        label = ""
        k += 1
        while k:
            k, r = divmod(k - 1, 26)
            label = chr(ord("A") + r) + label
        out.append(label)
    return tuple(out)


def check_labels(labels: Sequence[str]) -> None:
    """Refuse labels that are empty, repeated, or hold whitespace (they name sources in
    every output, and ``[A+C]`` tags and JSON ids must read unambiguously)."""
    for label in labels:
        if not label or any(ch.isspace() or ch in "[]+," for ch in label):
            raise ConfigError(
                f"source label {label!r} must be non-empty, without spaces or any of [ ] + ,"
            )
    dupes = sorted({x for x in labels if list(labels).count(x) > 1})
    if dupes:
        raise ConfigError(f"two sources share the label {dupes[0]!r}: give each its own")


def reconcile(*sources: PathOrDoc, config: ReconcileConfig | None = None) -> Result:
    """Reconcile N >= 2 reports of one event.

    Args:
        sources: paths, or ``Document``s (``reconcile.from_text``), two or more.
        config: options; defaults documented on ``ReconcileConfig``.

    Example:
        >>> r = reconcile("fixtures/press-2024-03-26/ministry-report.txt",
        ...               "fixtures/press-2024-03-26/web-report.txt")
        >>> len(r.pairs) > 20, r.documents[1].metadata.outlet is not None
        (True, True)
    """
    # Imported here, not at the top: `import reconcile` (every command's start, dedup
    # and --help included) does not pay for the alignment engine until it reconciles.
    from .claims import cluster_facts
    from .collate import collate, pairs_between

    cfg = config or ReconcileConfig()
    if len(sources) < 2:
        raise ConfigError(f"reconciling needs at least two sources, not {len(sources)}")
    labels = cfg.labels or source_labels(len(sources))
    if len(labels) != len(sources):
        raise ConfigError(f"{len(labels)} labels for {len(sources)} sources")
    docs = tuple(_document(src, label, cfg) for src, label in zip(sources, labels, strict=True))
    ids = [d.id for d in docs]
    check_labels(ids)
    _check_segment_ids(docs)
    prefer = cfg.prefer if cfg.prefer is not None else ids[0]
    if prefer not in ids:
        raise ConfigError(f"prefer names no source: {prefer!r} is not one of {', '.join(ids)}")
    col = collate(docs, cfg.align)
    facts_by = [extract_facts(d, headline=False) for d in docs]
    facts = tuple(f for found in facts_by for f in found)
    if len(docs) == 2:
        doc_a, doc_b = docs
        pairs = pairs_between(col, doc_a.id, doc_b.id, cfg.align)
        unique = {d.id: unique_segments(d, pairs) for d in docs}
        canonical = merge(doc_a, doc_b, pairs, prefer=prefer)
        fact_diff = diff_facts(doc_a, facts_by[0], doc_b, facts_by[1], pairs, cfg.check)
        canonical = attach_conflicts(canonical, facts, fact_diff)
        diffs = {(doc_a.id, doc_b.id): fact_diff}
        clusters = cluster_facts(docs, facts_by, col, cfg.check, diffs)
        canonical = attach_disputes(canonical, clusters, facts)
        return Result(docs, pairs, unique, canonical, facts, fact_diff, col.groups, clusters)
    unique = {d.id: tuple(s for g in col.unique(d.id) for s in g.members[0].segments) for d in docs}
    clusters = cluster_facts(docs, facts_by, col, cfg.check)
    canonical = merge_groups(docs, col.groups, prefer, cfg.align.statement)
    canonical = attach_disputes(canonical, clusters, facts)
    return Result(docs, (), unique, canonical, facts, groups=col.groups, fact_clusters=clusters)


def _document(src: PathOrDoc, label: str, cfg: ReconcileConfig) -> Document:
    if isinstance(src, Document):
        return src  # prepared by the caller, under the id it chose
    return load_document(src, label, cfg.encoding)


def _check_segment_ids(docs: Sequence[Document]) -> None:
    # Segment ids are the source id and a number: labels "x1" and "x" would both give
    # "x10". Refused here, so no output ever holds an id naming two sentences.
    seen: dict[str, str] = {}
    for d in docs:
        for s in d.segments:
            other = seen.setdefault(s.id, d.id)
            if other != d.id:
                raise ConfigError(
                    f"sources {other!r} and {d.id!r} both have a sentence {s.id!r}: "
                    "choose labels that do not end in a digit"
                )
