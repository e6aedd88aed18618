"""The two-source job: prepare both documents, align, check facts, merge."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .align import AlignConfig, align
from .consistency import CheckConfig, diff_facts
from .document import load_document
from .errors import ConfigError
from .facts import extract_facts
from .merge import merge, unique_segments
from .models import Document, Result

PathOrDoc = str | os.PathLike[str] | Document


@dataclass(frozen=True)
class ReconcileConfig:
    """Options of one reconciliation.

    Attributes:
        align: alignment thresholds (see ``AlignConfig``).
        prefer: the source whose wording the canonical text uses for variant pairs.
        encoding: decode inputs with this codec instead of detecting it.
        check: fact-matching thresholds (see ``CheckConfig``).
    """

    align: AlignConfig = field(default_factory=AlignConfig)
    prefer: str = "A"
    encoding: str | None = None
    check: CheckConfig = field(default_factory=CheckConfig)

    def __post_init__(self) -> None:
        if self.prefer not in ("A", "B"):
            raise ConfigError(f"prefer must be 'A' or 'B', not {self.prefer!r}")


def reconcile(a: PathOrDoc, b: PathOrDoc, config: ReconcileConfig | None = None) -> Result:
    """Reconcile two reports of one event.

    Args:
        a: the first source: a path, or a ``Document`` (``reconcile.from_text``).
        b: the second source.
        config: options; defaults documented on ``ReconcileConfig``.

    Example:
        >>> r = reconcile("fixtures/press-2024-03-26/ministry-report.txt",
        ...               "fixtures/press-2024-03-26/web-report.txt")
        >>> len(r.pairs) > 20, r.documents[1].metadata.outlet is not None
        (True, True)
    """
    cfg = config or ReconcileConfig()
    doc_a = _document(a, "A", cfg)
    doc_b = _document(b, "B", cfg)
    pairs = align(doc_a.segments, doc_b.segments, cfg.align)
    unique = {doc_a.id: unique_segments(doc_a, pairs), doc_b.id: unique_segments(doc_b, pairs)}
    canonical = merge(doc_a, doc_b, pairs, prefer=cfg.prefer)
    facts_a, facts_b = extract_facts(doc_a, headline=False), extract_facts(doc_b, headline=False)
    fact_diff = diff_facts(doc_a, facts_a, doc_b, facts_b, pairs, cfg.check)
    return Result((doc_a, doc_b), pairs, unique, canonical, facts_a + facts_b, fact_diff)


def _document(src: PathOrDoc, source_id: str, cfg: ReconcileConfig) -> Document:
    if isinstance(src, Document):
        if src.id != source_id:
            raise ConfigError(f"document {src.id!r} passed as source {source_id}")
        return src
    return load_document(src, source_id, cfg.encoding)
