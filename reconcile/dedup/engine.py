"""The dedup engine: records in, clusters out, through a persistent index.

Per batch of ``batch_size`` documents, inside one index transaction:

1. look up every band key of the batch in the index (one round trip), plus the keys of
   earlier documents of the same batch;
2. verify up to ``max_candidates`` candidates per document exactly (shingle-set Jaccard
   and containment; shared paragraphs for overlaps) and attach the document to the
   cluster of its strongest match, or open a cluster;
3. store the documents with their signatures and band keys.

Signatures are computed ahead of the index, in worker processes when ``workers > 1``.
After the input is exhausted the clusters touched by this run are read back from the
index and each member is related to the representative chosen by ``keep``.
"""

from __future__ import annotations

import itertools
import json
import os
import tempfile
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import replace
from functools import partial
from multiprocessing.pool import AsyncResult
from typing import IO

import numpy as np

from ..errors import InputError, ReconcileError
from ..load import decode_bytes
from . import _prepare
from ._prepare import Packed, Prepared, prepare_packed, warm_up
from ._run import (
    batched,
    chunk_records,
    fewer_collections,
    ignore_interrupts,
    in_order,
    interrupts_deferred,
    merge,
    new_stored,
    popleft,
    proposals,
    same_content,
    twice,
)
from .clusters import relate
from .config import DedupConfig
from .index.base import Index
from .records import Problem, Record
from .results import Committed, InputProblem, Kept, Result, Summary
from .shingle import U32
from .stages import (
    Permutations,
    datasketch_permutations,
    estimated_jaccard,
    permutations_from_json,
    permutations_to_json,
    sign,
)
from .stored import StoredDoc, placed
from .verify import strongest

_CHUNK = 64  # records per worker task
_CACHE = 20000  # recently seen documents kept in memory for verification
_MET = 10000  # earlier documents read back as candidates, kept in memory for the next
_PERMUTATIONS_KEY = "permutations"  # the MinHash permutations, recorded with the index
_OUTPUT_CHUNK = 500  # clusters read back per round trip when the run's output is written
EMITS = ("clusters", "unique", "committed")


class DedupRun:
    """One pass over a feed. Iterate it for results; ``summary`` fills in as it runs.

    Problems are yielded as they are found; clusters (or, with ``emit="unique"``, the
    kept documents) once the input is exhausted. With ``emit="committed"`` each batch's
    documents are yielded as :class:`Committed` lines as soon as the batch is in the
    index, and nothing after the input: the output of a run that is stopped or killed
    is as usable as a finished one's, on a pipe as in a file.

    Example:
        >>> import tempfile, os
        >>> from reconcile.dedup import DedupConfig, Record, SqliteIndex
        >>> cfg = DedupConfig()
        >>> text = "A long enough sentence about the harbour bridge reopening today. " * 3
        >>> recs = [Record("a", text, "x:1"), Record("b", text, "x:2")]
        >>> db = os.path.join(tempfile.mkdtemp(), "feed.db")
        >>> with SqliteIndex(db, cfg.params()) as index:
        ...     [c.to_json()["members"] for c in DedupRun(recs, cfg, index)]
        [[{'id': 'a', 'relation': 'representative', 'similarity': 1.0, 'matched_with': None}, {'id': 'b', 'relation': 'duplicate', 'similarity': 1.0, 'matched_with': 'a', 'match_relation': 'duplicate', 'jaccard': 1.0, 'estimated_jaccard': 1.0, 'containment': 1.0}]]
    """

    def __init__(
        self,
        records: Iterable[Record | Problem],
        config: DedupConfig,
        index: Index,
        *,
        emit: str = "clusters",
        progress: Callable[[int], None] | None = None,
        on_commit: Callable[[list[Committed]], None] | None = None,
    ) -> None:
        if emit not in EMITS:
            raise ValueError(f"emit must be one of {', '.join(EMITS)}, got {emit!r}")
        self.config = config
        self.index = index
        self.emit = emit
        self.summary = Summary()
        self._records = records
        self._progress = progress
        self._on_commit = on_commit
        self._cache: dict[int, StoredDoc] = {}
        # Earlier documents read back as candidates, least recently met first.
        self._met: OrderedDict[int, StoredDoc] = OrderedDict()
        self._spool: IO[bytes] | None = None
        self._spool_at: dict[int, tuple[int, int]] = {}
        self._again: set[int] = set()  # indexed by an earlier run and fed again in this one
        self._again_clusters: set[int] = set()

    def __iter__(self) -> Iterator[Result]:
        started = time.perf_counter()
        try:
            with fewer_collections():
                self._perms = index_permutations(self.index, self.config)
                with self.index.batch():
                    self.run = self.index.new_run()
                if self.emit == "unique":
                    # Closed in the finally below: its life is the generator's.
                    self._spool = tempfile.TemporaryFile()  # noqa: SIM115
                # Closed explicitly below: an interrupted run must stop its worker pool
                # now, not whenever the suspended generator is collected.
                prepared = self._prepared()
                try:
                    for batch in batched(prepared, self.config.batch_size):
                        yield from self._index_batch(batch)
                        if self._progress is not None:
                            self._progress(self.summary.read)
                finally:
                    prepared.close()
                if self.emit != "committed":
                    yield from self._output()
        finally:
            if self._spool is not None:
                self._spool.close()
            self.summary.seconds = time.perf_counter() - started
            self.summary.index_size = self.index.count()

    # -- signatures ------------------------------------------------------------------

    def _prepared(self) -> Generator[Prepared | Problem]:
        chunks = batched(iter(self._records), _CHUNK)
        perms = self._perms
        if self.config.workers <= 1:
            for chunk in chunks:
                done = _prepare.prepare_many(chunk_records(chunk), self.config, perms)
                yield from in_order(chunk, done)
            return
        import multiprocessing

        warm_up(self.config, perms)  # once here, inherited by the forked workers

        ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        # The permutations travel with every task (1 KB): a worker holds no state of
        # its own, so a pool can never sign with another run's permutations.
        work = partial(prepare_packed, config=self.config, permutations=perms)
        # Pool.imap would let the workers run arbitrarily far ahead of the index (its
        # result queue is unbounded): at a million documents the backlog alone outgrew
        # the memory budget. A bound still has to cover a whole batch and more: with
        # fewer chunks in flight than a batch holds (6 against 8 at the defaults) the
        # workers finished theirs and waited while the main process indexed the batch,
        # then the main process waited for the rest of the next one (~0.2 MB a chunk).
        in_flight = max(3 * self.config.workers, 2 * -(-self.config.batch_size // _CHUNK))
        with ctx.Pool(self.config.workers, ignore_interrupts) as pool:
            pending: deque[tuple[list[Record | Problem], AsyncResult[Packed]]] = deque()
            for chunk in chunks:
                # Only records travel to the workers; read problems stay here.
                pending.append((chunk, pool.apply_async(work, (chunk_records(chunk),))))
                if len(pending) >= in_flight:
                    yield from merge(*popleft(pending))
            while pending:
                yield from merge(*popleft(pending))

    # -- one batch ---------------------------------------------------------------------

    def _index_batch(self, batch: list[Prepared | Problem]) -> Iterator[Result]:
        problems: list[Problem] = []
        docs: list[Prepared] = []
        first_at: dict[str, str] = {}
        for item in batch:
            self.summary.read += 1
            if isinstance(item, Problem):
                problems.append(item)
            elif item.id in first_at:
                problems.append(twice(item, first_at[item.id]))
            else:
                first_at[item.id] = item.record.origin
                docs.append(item)
        batch_again: list[str] = []
        # From the write to the report of what was written, Ctrl-C waits: the output's
        # committed lines then always match the index, batch for batch.
        with ExitStack() as atomic:
            with self.index.batch():
                known = self.index.find_ids([d.id for d in docs])
                new: list[Prepared] = []
                for d in docs:
                    old = known.get(d.id)
                    if old is None:
                        new.append(d)
                    elif old.run == self.run or old.seq in self._again:
                        problems.append(twice(d, None))
                    elif same_content(d, old):
                        # Fed again (a re-run, or a run resumed after a crash): already indexed,
                        # so reported in its cluster, not signed into the index twice.
                        batch_again.append(d.id)
                        self._again.add(old.seq)
                        self._again_clusters.add(old.cluster)
                    else:
                        problems.append(
                            Problem(
                                d.record.origin,
                                f"id {d.id!r} is already indexed with different text; "
                                "remove it first (--remove) to index the new version",
                                d.id,
                            )
                        )
                stored, met = self._assign(new) if new else ([], {})
                atomic.enter_context(interrupts_deferred())
                self.index.add(stored)
            self.summary.indexed += len(stored)
            committed = self._committed(stored, met, batch_again)
            if self._on_commit is not None:
                self._on_commit(committed)
        self._remember(stored)
        if self._spool is not None:
            for d, s in zip(new, stored, strict=True):
                self._spool_record(s.seq, d.record)
        self.summary.again = len(self._again)
        self.summary.errors += len(problems)
        if problems and self.config.strict:
            p = problems[0]
            raise InputError(f"{p.origin}: {p.message} (stopping: --strict)")
        for p in problems:
            yield InputProblem(p)
        if self.emit == "committed":
            self._count(committed)
            yield from committed

    def _count(self, committed: list[Committed]) -> None:
        """The summary's counts when no cluster lines are made: from the committed lines."""
        for c in committed:
            if c.relation == "new":
                self.summary.clusters += 1
            elif c.relation != "again":
                self.summary.relations[c.relation] += 1
            if c.overlap_with is not None:
                self.summary.relations["overlap"] += 1

    def _committed(
        self, stored: list[StoredDoc], known: dict[int, StoredDoc], again: list[str]
    ) -> list[Committed]:
        """What the batch just committed, document by document (for ``on_commit``)."""

        def name(seq: int | None) -> str | None:
            doc = known.get(seq) if seq is not None else None
            return doc.id if doc is not None else None

        out = [Committed(i, "again") for i in again]
        for d in stored:
            if d.relation is None:
                out.append(Committed(d.id, "new", overlap_with=name(d.overlap)))
            else:
                out.append(Committed(d.id, d.relation, name(d.via), d.similarity, name(d.overlap)))
        return out

    def _assign(self, docs: list[Prepared]) -> tuple[list[StoredDoc], dict[int, StoredDoc]]:
        """Verify and place the batch's new documents; also every document they met."""
        first = self.index.allocate(len(docs))
        batch_keys = np.concatenate([d.keys for d in docs])
        # Sorted and unique: the index searches its runs in key order. (A sort, not
        # np.unique, whose hashing is slower on these ~19,000 keys.)
        ordered = np.sort(batch_keys)
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        uniq = ordered[starts]
        found = self.index.lookup(uniq.tolist())
        wanted = {s for seqs in found.values() for s in seqs}
        known = self._candidates(wanted)
        # Each key's place among the unique ones: what is known of those (held twice,
        # found) holds for every occurrence, with no np.isin sorting both sides again.
        inverse = np.searchsorted(uniq, batch_keys)
        # Only a key held by two documents of this batch can link them: remember those alone.
        repeated = (np.diff(np.r_[starts, len(ordered)]) > 1)[inverse]
        owners = np.repeat(np.arange(len(docs)), [len(d.keys) for d in docs])
        local_keys = batch_keys[repeated].tolist()
        local_owners = owners[repeated].tolist()
        # The keys that can propose anything, per document: most documents have none
        # (a new story), and the rest a handful of their ~38.
        held = np.zeros(len(uniq), dtype=bool)
        held[np.searchsorted(uniq, np.fromiter(found, np.int64, len(found)))] = True
        live = repeated | held[inverse]
        live_keys = batch_keys[live].tolist()
        live_at = np.searchsorted(owners[live], np.arange(len(docs) + 1)).tolist()
        at = 0
        local: dict[int, list[int]] = {}
        out: list[StoredDoc] = []
        now = time.time()
        for offset, d in enumerate(docs):
            seq = first + offset
            hits = proposals(live_keys[live_at[offset] : live_at[offset + 1]], found, local)
            if len(hits) > self.config.max_candidates:
                # Which candidates make the cut depends on the order of ties: the one
                # the count over all the document's keys has always given.
                hits = proposals(d.keys.tolist(), found, local)
            doc = new_stored(d, seq, now, self.run, estimate=1.0)
            cands = (known.get(c) for c, _ in hits.most_common(self.config.max_candidates))
            # A candidate removed since its keys were read is None.
            best, shared = strongest(doc, (c for c in cands if c is not None), self.config, d.heads)
            if best is not None:
                doc = placed(
                    doc,
                    cluster=best.other.cluster,
                    relation=best.relation,
                    similarity=best.similarity,
                    via=best.other.seq,
                    estimate=estimated_jaccard(d.signature, self._signature(best.other)),
                )
            if shared is not None and shared.other.cluster != doc.cluster:
                doc = placed(
                    doc,
                    overlap=shared.other.seq,
                    overlap_similarity=shared.similarity,
                    passages=shared.passages,
                )
            known[seq] = doc
            while at < len(local_keys) and local_owners[at] == offset:
                local.setdefault(local_keys[at], []).append(seq)
                at += 1
            out.append(doc)
        return out, known

    def _signature(self, doc: StoredDoc) -> U32:
        """An earlier document's signature: in memory, or computed again from its shingles.

        The SQLite index keeps no signatures for this engine's rows (only the estimate
        of each match, see :class:`StoredDoc`); the one match a document joins needs it.
        """
        if len(doc.signature):
            return doc.signature
        return sign(doc.shingle_set, self._perms)

    def _candidates(self, seqs: set[int]) -> dict[int, StoredDoc]:
        """Earlier documents by number: recent ones from memory, the rest from the index.

        Documents read back are kept too (``_MET``, least recently met dropped first):
        some earlier documents are met again and again, such as an article whose
        paragraphs reprints keep quoting, and each meeting read, decoded and sorted it
        anew. A stored document never changes, so a kept copy cannot go stale; one
        removed meanwhile is no longer proposed by the band lookup.
        """
        known: dict[int, StoredDoc] = {}
        missing: list[int] = []
        for s in seqs:
            doc = self._cache.get(s)
            if doc is None and (doc := self._met.get(s)) is not None:
                self._met.move_to_end(s)
            if doc is None:
                missing.append(s)
            else:
                known[s] = doc
        if missing:
            # Never output from here (the output reads clusters back), so without the
            # passages of their own overlaps.
            fetched = self.index.fetch(missing, passages=False)
            known.update(fetched)
            self._met.update(fetched)
            while len(self._met) > _MET:
                self._met.popitem(last=False)
        return known

    def _remember(self, stored: list[StoredDoc]) -> None:
        for s in stored:
            self._cache[s.seq] = s
        if len(self._cache) > _CACHE:
            # Oldest first: reprints arrive close to the original.
            for seq in list(itertools.islice(self._cache, len(self._cache) - _CACHE // 2)):
                del self._cache[seq]

    def _spool_record(self, seq: int, record: Record) -> None:
        assert self._spool is not None
        if isinstance(record.data, bytes):
            # A text file: decoded in a worker, which succeeded, so this cannot fail.
            record = replace(record, data=decode_bytes(record.data, name=record.origin)[0])
        data = json.dumps(Kept(record).to_json(), ensure_ascii=False).encode()
        at = self._spool.seek(0, os.SEEK_END)
        self._spool.write(data)
        self._spool_at[seq] = (at, len(data))

    # -- output ------------------------------------------------------------------------

    def _output(self) -> Iterator[Result]:
        kept: list[int] = []
        # Clusters of documents fed again but indexed earlier are reported too: every
        # input document appears once in the output, in its cluster.
        extra = set(self._again_clusters)
        for _, members in self._clusters(extra):
            if not members:
                continue
            rel, rep, counts = relate(members, self.config, self.run, self._again, self._id_of)
            self.summary.relations.update(counts)
            self.summary.clusters += 1
            if self.emit == "clusters":
                yield rel
            elif rep.run == self.run:
                kept.append(rep.seq)
        for seq in sorted(kept):
            yield Kept(self._read_spool(seq))

    def _id_of(self, seq: int) -> str | None:
        """The id of an overlap partner outside the cluster (``None`` once removed)."""
        other = self._cache.get(seq) or self.index.fetch([seq], arrays=False).get(seq)
        return other.id if other is not None else None

    def _clusters(self, extra: set[int]) -> Iterator[tuple[int, list[StoredDoc]]]:
        """This run's clusters, then those of ``extra`` it did not add to.

        Members still in the cache are not read back: for a feed of cache size or less
        that is every document, and reading the stored arrays back cost as much as
        writing them. A cluster of one (most of them) is read back without its arrays:
        relating it needs its place and its overlap, never its shingles.
        """
        clusters = list(self.index.run_clusters(self.run))
        extra.difference_update(clusters)
        clusters += sorted(extra)
        cache = self._cache
        for i in range(0, len(clusters), _OUTPUT_CHUNK):
            seqs = self.index.cluster_seqs(clusters[i : i + _OUTPUT_CHUNK])
            alone = [m[0] for m in seqs.values() if len(m) == 1 and m[0] not in cache]
            grouped = [s for m in seqs.values() if len(m) > 1 for s in m if s not in cache]
            docs = self.index.fetch(alone, arrays=False) if alone else {}
            if grouped:
                docs.update(self.index.fetch(grouped))
            for cluster, members in seqs.items():
                found = [cache.get(s) or docs.get(s) for s in members]
                yield cluster, [d for d in found if d is not None]

    def _read_spool(self, seq: int) -> Record:
        assert self._spool is not None
        at, size = self._spool_at[seq]
        self._spool.seek(at)
        obj = json.loads(self._spool.read(size))
        return Record(
            obj["id"], obj["text"], "", obj.get("title"), obj.get("published"), obj.get("source")
        )


def index_permutations(index: Index, config: DedupConfig) -> Permutations:
    """The permutations recorded in the index (recording datasketch's in a new one).

    An index's signatures stay comparable even if a later datasketch drew other
    permutations for the same seed (its 2.0 release changed the scheme once already).
    They belong to the run that asked alone: another run in the same process, on
    another index, signs with that index's. Every engine that writes to an index signs
    with these.
    """
    stored = index.get_meta(_PERMUTATIONS_KEY)
    if stored is None:
        value = permutations_to_json(datasketch_permutations(config.seed, config.num_perm))
        index.set_meta(_PERMUTATIONS_KEY, value)
        # Another worker may have recorded its own first: the index's copy wins.
        stored = index.get_meta(_PERMUTATIONS_KEY) or value
    try:
        return permutations_from_json(stored, config.num_perm)
    except (ValueError, KeyError, TypeError) as exc:
        raise ReconcileError(
            f"index {index.location}: its recorded MinHash permutations are damaged ({exc})"
        ) from None


def deduplicate(
    records: Iterable[Record | Problem],
    config: DedupConfig,
    index: Index,
    *,
    emit: str = "clusters",
    progress: Callable[[int], None] | None = None,
    on_commit: Callable[[list[Committed]], None] | None = None,
) -> DedupRun:
    """Deduplicate ``records`` against ``index`` (and each other); iterate the result.

    Example:
        >>> from reconcile.dedup import DedupConfig, SqliteIndex, read_inputs
        >>> run = deduplicate(read_inputs(["feed.jsonl"], cfg), cfg, index)  # doctest: +SKIP
        >>> for result in run: print(result.to_json())  # doctest: +SKIP
        >>> run.summary.clusters  # doctest: +SKIP
    """
    return DedupRun(records, config, index, emit=emit, progress=progress, on_commit=on_commit)
