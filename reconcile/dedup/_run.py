"""The streaming engine's helpers: batching, worker results back in order, signals, GC.

Nothing here knows about clusters; :mod:`.engine` composes these.
"""

from __future__ import annotations

import gc
import itertools
import signal
import threading
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from multiprocessing.pool import AsyncResult
from typing import TypeVar

import numpy as np

from ._prepare import Packed, Prepared, unpack
from .records import Problem, Record
from .stored import StoredDoc

_T = TypeVar("_T")
_GC_THRESHOLD = 200_000  # allocations between young-generation collections during a run


def stamp(published: str | None, now: float) -> float:
    """Publication time as epoch seconds when it parses (ISO 8601), else ``now``."""
    if published:
        try:
            when = datetime.fromisoformat(published.replace("Z", "+00:00"))
        except ValueError:
            return now
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return when.timestamp()
    return now


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the cycle collector's young-generation threshold for the block (one run).

    A run allocates millions of short-lived containers while it holds a large cache of
    documents: at the default threshold the collector kept rescanning that cache and
    took a fifth of the main process's time. Nothing here makes cycles that need prompt
    collection.

    The thresholds are the interpreter's, but what to restore is the run's own: each
    block remembers what it found and puts it back only if the thresholds are still the
    ones it set. Runs are generators and may interleave: when another run (or the
    caller) changed them meanwhile, restoring ours would undo theirs, so they are left
    to whoever set them last. A run that ends before another started inside it restores
    the default early; the inner one then runs with the default (slower, never wrong),
    and nothing stays raised after both.
    """
    found = gc.get_threshold()
    raised = (max(found[0], _GC_THRESHOLD), *found[1:])
    gc.set_threshold(*raised)
    try:
        yield
    finally:
        if gc.get_threshold() == raised:
            gc.set_threshold(*found)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT (Ctrl-C) back until the block ends; it is delivered then.

    The block is the write of a batch and the report of it, a few milliseconds. The main
    thread's signal mask is set, and a handler that only notes the signal is swapped in
    too: a Ctrl-C sent to the process group may be caught by another thread of this
    process (the worker pool's), and CPython then runs the Python handler on the main
    thread anyway, inside the block. The noted signal goes to the previous handler after.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # Python handlers run on the main thread only: nothing to hold back here
        return
    held: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
        signal.signal(signal.SIGINT, previous)
        if held and callable(previous):
            previous(signal.SIGINT, None)
        elif held and previous == signal.SIG_DFL:
            raise KeyboardInterrupt


def ignore_interrupts() -> None:
    """In each worker: Ctrl-C is the main process's to handle.

    The terminal sends SIGINT to the whole process group; a worker dying of it printed
    "Process ForkPoolWorker-2:" and a traceback, and one killed while holding the
    pool's queue lock could leave the main process waiting forever. The main process
    stops the pool itself (``terminate``) when it is interrupted.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def twice(doc: Prepared, first: str | None) -> Problem:
    where = f" (first: {first})" if first else ""
    return Problem(doc.record.origin, f"id {doc.id!r} appears twice in this input{where}", doc.id)


def same_content(doc: Prepared, old: StoredDoc) -> bool:
    """The same shingles paragraph by paragraph: chrome or whitespace may differ."""
    return np.array_equal(doc.shingles, old.shingles) and np.array_equal(doc.bounds, old.bounds)


def popleft(
    pending: deque[tuple[list[Record | Problem], AsyncResult[Packed]]],
) -> tuple[list[Record | Problem], Packed]:
    chunk, result = pending.popleft()
    return chunk, result.get()


def chunk_records(chunk: list[Record | Problem]) -> list[Record]:
    return [r for r in chunk if isinstance(r, Record)]


def in_order(
    chunk: list[Record | Problem], prepared: list[Prepared | Problem]
) -> list[Prepared | Problem]:
    """A chunk's read problems and its records' results, back in input order."""
    done = iter(prepared)
    return [next(done) if isinstance(r, Record) else r for r in chunk]


def merge(chunk: list[Record | Problem], packed: Packed) -> list[Prepared | Problem]:
    return in_order(chunk, unpack(chunk_records(chunk), packed))


def batched(items: Iterator[_T], n: int) -> Iterator[list[_T]]:
    while batch := list(itertools.islice(items, n)):
        yield batch


def proposals(
    keys: list[int], found: dict[int, list[int]], local: dict[int, list[int]]
) -> Counter[int]:
    """Earlier documents sharing ``keys``, with how many keys each shares.

    One list counted once: Counter.update per key cost more than the counting. The order
    (per key in set order, indexed documents then this batch's) fixes the order of ties,
    which matters only when there are more candidates than are verified.
    """
    proposed: list[int] = []
    for k in set(keys):
        if k in found:
            proposed += found[k]
        if k in local:
            proposed += local[k]
    return Counter(proposed)


def new_stored(
    p: Prepared, seq: int, now: float, run: int, estimate: float | None = None
) -> StoredDoc:
    """A prepared document as the index stores it, opening a cluster of its own.

    Both engines make their index rows here, so a Spark backfill and a streaming run
    store the same thing. ``estimate`` is 1.0 from an engine that records the MinHash
    estimate of every match it makes (see :class:`StoredDoc`); ``None`` keeps the
    signature in the index instead.
    """
    return StoredDoc(
        seq=seq,
        id=p.id,
        cluster=seq,
        relation=None,
        similarity=1.0,
        via=None,
        overlap=None,
        overlap_similarity=0.0,
        passages=(),
        length=p.length,
        published=p.record.published,
        stamp=stamp(p.record.published, now),
        run=run,
        signature=p.signature,
        shingles=p.shingles,
        bounds=p.bounds,
        spans=p.spans,
        keys=p.keys,
        estimate=estimate,
    )
