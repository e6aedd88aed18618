"""reconcile: deduplicate documents and reconcile reports of the same event.

The library API needs neither click nor rich::

    from reconcile import reconcile
    result = reconcile("a.txt", "b.txt", "c.txt")   # two or more sources
    for group in result.groups:                      # sentences stated alike, any subset
        ...
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Where each public name lives. They load on first use (PEP 562), so that importing a
# submodule (the ``reconcile`` command starts with ``reconcile.cli``) does not load the
# whole library first: the command sets its collector thresholds before it does.
_HOME = {
    "AlignConfig": "align",
    "from_text": "document",
    "load_document": "document",
    "ConfigError": "errors",
    "InputError": "errors",
    "ReconcileError": "errors",
    "ReconcileConfig": "pipeline",
    "reconcile": "pipeline",
}


def __getattr__(name: str) -> Any:
    if name in __all__:
        from importlib import import_module

        return getattr(import_module(f".{_HOME.get(name, 'models')}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
