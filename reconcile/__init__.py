"""reconcile: deduplicate documents and reconcile reports of the same event.

The library API needs neither click nor rich::

    from reconcile import reconcile
    result = reconcile("a.txt", "b.txt")
    for pair in result.pairs:
        ...
"""

from .align import AlignConfig
from .document import from_text, load_document
from .errors import ConfigError, InputError, ReconcileError
from .models import (
    BoilerplateLine,
    CanonicalSentence,
    Conflict,
    Document,
    Fact,
    FactDiff,
    Metadata,
    Pair,
    Reading,
    Result,
    Segment,
    Source,
)
from .pipeline import ReconcileConfig, reconcile

__all__ = [
    "AlignConfig",
    "BoilerplateLine",
    "CanonicalSentence",
    "ConfigError",
    "Conflict",
    "Document",
    "Fact",
    "FactDiff",
    "InputError",
    "Metadata",
    "Pair",
    "Reading",
    "ReconcileConfig",
    "ReconcileError",
    "Result",
    "Segment",
    "Source",
    "from_text",
    "load_document",
    "reconcile",
]
