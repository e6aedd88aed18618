"""Command line: options -> config -> one library call -> one renderer.

Library errors (``ReconcileError``) become ``Error: …`` on stderr with exit status 2;
nothing here computes anything the library does not. Each module registers its
commands on ``main``: ``report`` (diff, merge, check, facts), ``story``, ``dedup``.
"""

from __future__ import annotations

from . import dedup, report, story
from ._app import InputFailure, main

__all__ = ["InputFailure", "dedup", "main", "report", "story"]
