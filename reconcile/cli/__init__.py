"""Command line: options -> config -> one library call -> one renderer.

Library errors (``ReconcileError``) become ``Error: …`` on stderr with exit status 2;
nothing here computes anything the library does not. Each module registers its
commands on ``main``: ``report`` (diff, merge, check, facts), ``story``, ``dedup``.
"""

from __future__ import annotations

from . import dedup, report, story
from ._app import InputFailure, main

__all__ = ["InputFailure", "dedup", "main", "report", "run", "story"]


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
    main()
