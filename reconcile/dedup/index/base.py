"""The index interface: what the dedup engine needs from a store of signatures.

Two backends implement it: :class:`~reconcile.dedup.index.sqlite.SqliteIndex` (one
file, one machine) and :class:`~reconcile.dedup.index.redis.RedisIndex` (several workers
sharing one Redis server). The engine calls everything inside ``with index.batch():``,
which is one transaction (SQLite) or holds the shared, renewed lease (Redis): a batch is either
wholly in the index or not at all, and concurrent workers see each other's batches whole.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from ...errors import ReconcileError
from ..stored import StoredDoc


class IndexMismatch(ReconcileError):
    """The index was built with other signature parameters."""


def check_params(location: str, stored: dict[str, Any], wanted: dict[str, Any]) -> None:
    """Refuse an index whose recorded parameters differ from this run's."""
    diffs = [
        f"{k}={stored.get(k)!r} (this run: {wanted.get(k)!r})"
        for k in sorted(set(stored) | set(wanted))
        if stored.get(k) != wanted.get(k)
    ]
    if diffs:
        raise IndexMismatch(
            f"index {location} was built with different parameters: {', '.join(diffs)}; "
            "use the same parameters or a new index"
        )


def params_text(params: dict[str, Any]) -> str:
    return json.dumps(params, sort_keys=True)


class Index(ABC):
    """A persistent store of documents, their signatures and LSH band keys."""

    location: str

    @abstractmethod
    def batch(self) -> AbstractContextManager[None]:
        """One atomic unit of work (transaction and/or cross-process lock)."""

    @abstractmethod
    def get_meta(self, key: str) -> str | None:
        """A value recorded with the index (``None`` when there is none)."""

    @abstractmethod
    def set_meta(self, key: str, value: str) -> None:
        """Record a value unless one is recorded already (the first writer wins)."""

    @abstractmethod
    def new_run(self) -> int:
        """A number for this run; documents added by it carry it."""

    @abstractmethod
    def allocate(self, n: int) -> int:
        """Reserve ``n`` consecutive sequence numbers; returns the first."""

    @abstractmethod
    def lookup(self, keys: Sequence[int]) -> dict[int, list[int]]:
        """Band key -> sequence numbers of the indexed documents carrying it."""

    @abstractmethod
    def fetch(
        self, seqs: Iterable[int], *, arrays: bool = True, passages: bool = True
    ) -> dict[int, StoredDoc]:
        """The stored documents with these sequence numbers (missing ones are left out).

        ``arrays=False`` may leave out the signature, shingles, bounds and spans (empty
        arrays): enough to name and place a document, which is all the output needs of
        most of them, and far less to read back. ``passages=False`` may leave out the
        passages of its overlap (``()``), which verifying against it never reads.
        """

    @abstractmethod
    def find_ids(self, ids: Sequence[str]) -> dict[str, StoredDoc]:
        """The indexed documents with these ids (ids not indexed are left out)."""

    @abstractmethod
    def add(self, docs: Sequence[StoredDoc]) -> None:
        """Store documents and their band keys."""

    @abstractmethod
    def run_clusters(self, run: int) -> Iterator[int]:
        """The clusters that received a document in ``run``, in order."""

    @abstractmethod
    def cluster_seqs(self, clusters: Sequence[int]) -> dict[int, list[int]]:
        """Sequence numbers of each cluster's members, in order (one round trip)."""

    @abstractmethod
    def remove(self, ids: Iterable[str]) -> int:
        """Remove documents by id; returns how many were indexed."""

    @abstractmethod
    def prune(self, before: float) -> int:
        """Remove documents stamped before ``before`` (seconds since the epoch)."""

    @abstractmethod
    def count(self) -> int:
        """Documents indexed."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
