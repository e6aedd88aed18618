"""Command line: options -> config -> one library call -> one renderer.

Library errors (``ReconcileError``) become ``Error: …`` on stderr with exit status 2;
nothing here computes anything the library does not. Each module registers its
commands on ``main``: ``report`` (diff, merge, check, facts), ``story``, ``dedup``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import dedup, report, story
    from ._app import InputFailure, main

__all__ = ["InputFailure", "dedup", "main", "report", "run", "story"]


def __getattr__(name: str) -> Any:
    # The commands load on first use (PEP 562), so that ``run`` can set the collector's
    # thresholds before the library is imported: that import is most of a command's
    # allocations, and the default thresholds collect a dozen times during it.
    if name in ("InputFailure", "main"):
        from . import _app, dedup, report, story  # noqa: F401  # each registers its commands

        return getattr(_app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run() -> None:
    """The ``reconcile`` console script: ``main`` with the collector set for one short run.

    A command's objects (compiled patterns, documents, facts) mostly live until exit; with
    the default thresholds the collector walks them again and again while they are built,
    and once more at exit (~14 ms of CPU of a ~175 ms seed diff, measured with
    bench/bench_diff.py). Cycles are still collected, every 50,000 allocations instead of
    700; a long ``dedup`` run keeps its memory flat either way (its batches are freed by
    reference counting).
    """
    import atexit
    import gc

    gc.set_threshold(50_000, 20, 20)
    atexit.register(gc.freeze)  # the collection at exit then has nothing left to walk
    from . import dedup, report, story  # noqa: F401  # each registers its commands on main
    from ._app import main

    main()
