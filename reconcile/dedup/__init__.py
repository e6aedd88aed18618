"""Feed deduplication at archive scale.

Records (``read_inputs``) -> signatures (the pure ``stages``) -> candidates from an index
(``SqliteIndex`` or ``RedisIndex``) -> exact verification (``verify``) -> clusters
(``deduplicate``). See ``DedupConfig`` for every parameter and its default.

Example:
    >>> from reconcile.dedup import DedupConfig, deduplicate, open_index, read_inputs
    >>> cfg = DedupConfig()
    >>> with open_index("feed.db", cfg) as index:  # doctest: +SKIP
    ...     for result in deduplicate(read_inputs(["feed.jsonl"], cfg), cfg, index):
    ...         print(result.to_json())
"""

from __future__ import annotations

from .config import DedupConfig, Keep
from .engine import DedupRun, deduplicate
from .index import Index, IndexMismatch, SqliteIndex, open_index
from .records import Problem, Record
from .results import Cluster, Committed, InputProblem, Kept, Member, Overlap, Result, Summary
from .stream import read_inputs
from .verify import DUPLICATE, EXCERPT, OVERLAP

__all__ = [
    "DUPLICATE",
    "EXCERPT",
    "OVERLAP",
    "Cluster",
    "Committed",
    "DedupConfig",
    "DedupRun",
    "Index",
    "IndexMismatch",
    "InputProblem",
    "Keep",
    "Kept",
    "Member",
    "Overlap",
    "Problem",
    "Record",
    "Result",
    "SqliteIndex",
    "Summary",
    "deduplicate",
    "open_index",
    "read_inputs",
]
