"""reconcile: deduplicate documents and reconcile reports of the same event.

The library API needs neither click nor rich::

    from reconcile import reconcile
    result = reconcile("a.txt", "b.txt", "c.txt")   # two or more sources
    for group in result.groups:                      # sentences stated alike, any subset
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
    FactCluster,
    FactDiff,
    FactValue,
    Group,
    Member,
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
    "FactCluster",
    "FactDiff",
    "FactValue",
    "Group",
    "InputError",
    "Member",
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
