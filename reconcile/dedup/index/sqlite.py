"""The embedded index: one SQLite file.

Crash safety comes from SQLite's write-ahead log: each batch is one ``BEGIN IMMEDIATE``
transaction holding its documents *and* their band keys, so a run killed at any point
leaves every committed batch and nothing of the batch in flight.

Band keys are not a SQLite table but sorted runs (``_runs``) stored as blobs: a batch
appends one run, runs of one size tier are merged into one inside the same transaction,
and all runs are held in memory (12 bytes a key) and searched with numpy. A B-tree of
random hash keys dirtied one page per key inserted, which made the cost per document grow
with the index (2,100 documents/s at 10k, 689/s at 1M).
"""

from __future__ import annotations

import os
import sqlite3
import time
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..stored import StoredDoc, passages_from_text, passages_to_text
from . import _runs
from ._codec import i64, pack_i64, pack_u32, u32
from ._sqlite_open import connect, explain
from .base import Index, check_params, params_text

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (run INTEGER PRIMARY KEY, started REAL NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    cluster INTEGER NOT NULL,
    relation TEXT,
    similarity REAL NOT NULL,
    via INTEGER,
    overlap INTEGER,
    overlap_sim REAL NOT NULL,
    passages,
    length INTEGER NOT NULL,
    published TEXT,
    stamp REAL NOT NULL,
    run INTEGER NOT NULL,
    sig BLOB NOT NULL,
    shingles BLOB NOT NULL,
    bounds BLOB NOT NULL,
    spans BLOB NOT NULL,
    keys BLOB NOT NULL,
    estimate REAL
);
CREATE INDEX IF NOT EXISTS docs_cluster ON docs (cluster);
CREATE INDEX IF NOT EXISTS docs_run ON docs (run, cluster);
CREATE INDEX IF NOT EXISTS docs_stamp ON docs (stamp);
CREATE TABLE IF NOT EXISTS band_runs (
    run INTEGER PRIMARY KEY AUTOINCREMENT, lo INTEGER NOT NULL, hi INTEGER NOT NULL,
    size INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS band_parts (run INTEGER NOT NULL, part INTEGER NOT NULL,
    keys BLOB NOT NULL, seqs BLOB NOT NULL, PRIMARY KEY (run, part));
CREATE TABLE IF NOT EXISTS removed (seq INTEGER PRIMARY KEY);
"""

_COLUMNS = (
    "seq, id, cluster, relation, similarity, via, overlap, overlap_sim, passages, length, published, stamp, run, "
    "sig, shingles, bounds, spans, keys, estimate"
)
# The same row without its arrays (read back as empty): most of the row's bytes.
_PLACEMENT_COLUMNS = _COLUMNS.replace(
    "sig, shingles, bounds, spans, keys", "x'', x'', x'', x'', x''"
)
_CHUNK = 500  # host parameters per IN (...) list, well under SQLite's limit
_PART = 1 << 20  # keys per stored blob of a run (12 MiB): no single huge value in memory
_NO_SEQS: NDArray[np.int64] = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class _Keys:
    """The band runs and tombstones as of one committed generation of the file."""

    runs: tuple[_runs.Run, ...]
    dead: NDArray[np.int64]
    generation: int


class SqliteIndex(Index):
    """An on-disk index in one SQLite file.

    Example:
        >>> import tempfile, os
        >>> from reconcile.dedup.config import DedupConfig
        >>> path = os.path.join(tempfile.mkdtemp(), "feed.db")
        >>> with SqliteIndex(path, DedupConfig().params()) as index:
        ...     index.count()
        0

    Raises:
        ReconcileError: the file is missing its directory, read-only, not a SQLite
            database, or another program's database.
        IndexMismatch: the index was built with other parameters.
    """

    def __init__(self, path: str | os.PathLike[str], params: dict[str, Any]) -> None:
        self.location = str(path)
        self._db, tables = connect(self.location)
        self._in_batch = False
        self._keys = _Keys((), _NO_SEQS, -1)
        self._pending: _Keys | None = None
        try:
            with self.batch(schema=True):
                row = self._db.execute("SELECT value FROM meta WHERE key = 'params'").fetchone()
                wanted = params_text(params)
                if row is None:
                    self._db.execute("INSERT INTO meta VALUES ('params', ?)", (wanted,))
                else:
                    import json

                    check_params(self.location, json.loads(row[0]), params)
                if "bands" in tables:
                    self._migrate_band_table()
                columns = {r[1] for r in self._db.execute("PRAGMA table_info(docs)")}
                if "estimate" not in columns:  # an index from before estimates were stored
                    self._db.execute("ALTER TABLE docs ADD COLUMN estimate REAL")
        except BaseException:
            self._db.close()
            raise

    @contextmanager
    def batch(self, *, schema: bool = False) -> Iterator[None]:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            if schema:  # statement by statement: executescript would commit first
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
            self._sync()
        except sqlite3.Error as exc:
            self._rollback()
            raise explain(self.location, exc) from None
        self._in_batch = True
        self._pending = None
        try:
            yield
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise explain(self.location, exc) from None
        except BaseException:
            self._rollback()
            raise
        else:
            # Only now: a rolled-back batch must leave no run in memory either.
            if self._pending is not None:
                self._keys = self._pending
        finally:
            self._in_batch = False
            self._pending = None

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def _generation(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'runs_gen'").fetchone()
        return int(row[0]) if row else 0

    def _sync(self) -> None:
        """Catch up with runs written by another connection (one query when there are none)."""
        generation = self._generation()
        if generation == self._keys.generation:
            return
        have = {r.run_id: r for r in self._keys.runs}
        runs = []
        for run_id, lo, hi in self._db.execute("SELECT run, lo, hi FROM band_runs ORDER BY run"):
            runs.append(have.get(run_id) or self._load_run(run_id, lo, hi))
        dead = [r[0] for r in self._db.execute("SELECT seq FROM removed ORDER BY seq")]
        self._keys = _Keys(tuple(runs), np.array(dead, dtype=np.int64), generation)

    def _load_run(self, run_id: int, lo: int, hi: int) -> _runs.Run:
        parts = self._db.execute(
            "SELECT keys, seqs FROM band_parts WHERE run = ? ORDER BY part", (run_id,)
        ).fetchall()
        keys = [i64(k) for k, _ in parts] or [np.zeros(0, np.int64)]
        seqs = [np.frombuffer(s, dtype="<u4").astype(np.uint32) for _, s in parts]
        seqs = seqs or [np.zeros(0, np.uint32)]
        return _runs.Run(run_id, np.concatenate(keys), np.concatenate(seqs), lo, hi)

    def _store_run(self, run: _runs.Run) -> _runs.Run:
        cur = self._db.execute(
            "INSERT INTO band_runs (lo, hi, size) VALUES (?, ?, ?)", (run.lo, run.hi, len(run.keys))
        )
        run_id = int(cur.lastrowid or 0)
        for part, i in enumerate(range(0, len(run.keys), _PART)):
            self._db.execute(
                "INSERT INTO band_parts VALUES (?, ?, ?, ?)",
                (
                    run_id,
                    part,
                    pack_i64(run.keys[i : i + _PART]),
                    run.seqs[i : i + _PART].astype("<u4").tobytes(),
                ),
            )
        return replace(run, run_id=run_id)

    def _drop_run(self, run: _runs.Run) -> None:
        self._db.execute("DELETE FROM band_parts WHERE run = ?", (run.run_id,))
        self._db.execute("DELETE FROM band_runs WHERE run = ?", (run.run_id,))

    def _current(self) -> _Keys:
        return self._pending or self._keys

    def _change(self, runs: list[_runs.Run], dead: NDArray[np.int64]) -> None:
        """Record a new set of runs and tombstones in this batch's transaction."""
        # Tombstones are kept while some run may still hold the document's keys.
        if len(dead):
            covered = np.zeros(len(dead), dtype=bool)
            for r in runs:
                covered |= (dead >= r.lo) & (dead <= r.hi)
            gone = dead[~covered]
            if len(gone):
                self._db.executemany(
                    "DELETE FROM removed WHERE seq = ?", [(s,) for s in gone.tolist()]
                )
            dead = dead[covered]
        generation = self._current().generation + 1
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('runs_gen', ?)", (str(generation),))
        self._pending = _Keys(tuple(runs), dead, generation)

    def _add_run(self, run: _runs.Run) -> None:
        state = self._current()
        runs = [*state.runs, self._store_run(run)] if len(run.keys) else list(state.runs)
        while (group := _runs.plan_merge(runs)) is not None:
            merged = _runs.merge(0, group, state.dead)
            ids = {r.run_id for r in group}
            for r in group:
                self._drop_run(r)
            runs = [r for r in runs if r.run_id not in ids]
            if len(merged.keys):
                runs.append(self._store_run(merged))
        self._change(runs, state.dead)

    def _migrate_band_table(self) -> None:
        """An index written before band runs: its ``bands`` table becomes one run."""
        cur = self._db.execute("SELECT key, seq FROM bands")
        keys: list[NDArray[np.int64]] = []
        seqs: list[NDArray[np.int64]] = []
        while rows := cur.fetchmany(1 << 18):
            pairs = np.array(rows, dtype=np.int64)
            keys.append(pairs[:, 0])
            seqs.append(pairs[:, 1])
        if keys:
            self._add_run(_runs.make_run(0, np.concatenate(keys), np.concatenate(seqs)))
        self._db.execute("DROP TABLE bands")

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (f"x:{key}",)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        # Prefixed so that no recorded value can take the name of the index's own rows.
        self._db.execute("INSERT OR IGNORE INTO meta VALUES (?, ?)", (f"x:{key}", value))

    def new_run(self) -> int:
        cur = self._db.execute("INSERT INTO runs (started) VALUES (?)", (time.time(),))
        return int(cur.lastrowid or 0)

    def allocate(self, n: int) -> int:
        # Inside the batch transaction, so no other writer can take the same numbers; a
        # counter rather than max(seq) so a removed document's number is never reused.
        row = self._db.execute("SELECT value FROM meta WHERE key = 'next_seq'").fetchone()
        first = int(row[0]) if row else 1
        self._db.execute("INSERT OR REPLACE INTO meta VALUES ('next_seq', ?)", (str(first + n),))
        return first

    def _select_in(self, sql: str, values: Sequence[Any]) -> Iterator[Any]:
        """Rows of ``sql``, whose ``IN ({})`` list takes ``values``, _CHUNK at a time."""
        for i in range(0, len(values), _CHUNK):
            chunk = list(values[i : i + _CHUNK])
            yield from self._db.execute(sql.format(",".join("?" * len(chunk))), chunk)

    def lookup(self, keys: Sequence[int]) -> dict[int, list[int]]:
        if not self._in_batch:
            self._sync()
        query = np.asarray(keys, dtype=np.int64)
        if len(query) > 1 and not bool(np.all(query[1:] > query[:-1])):
            query = np.unique(query)  # the engine already passes them sorted and unique
        state = self._current()
        return _runs.lookup(state.runs, query, state.dead)

    def fetch(
        self, seqs: Iterable[int], *, arrays: bool = True, passages: bool = True
    ) -> dict[int, StoredDoc]:
        columns = _COLUMNS if arrays else _PLACEMENT_COLUMNS
        if not passages:  # JSON, often deflated: a third of decoding a candidate's row
            columns = columns.replace("overlap_sim, passages,", "overlap_sim, NULL,")
        sql = f"SELECT {columns} FROM docs WHERE seq IN ({{}})"
        docs = (_from_row(row) for row in self._select_in(sql, list(dict.fromkeys(seqs))))
        return {doc.seq: doc for doc in docs}

    def find_ids(self, ids: Sequence[str]) -> dict[str, StoredDoc]:
        sql = f"SELECT {_COLUMNS} FROM docs WHERE id IN ({{}})"
        return {doc.id: doc for doc in map(_from_row, self._select_in(sql, ids))}

    def add(self, docs: Sequence[StoredDoc]) -> None:
        with self._maybe_batch():
            self._db.executemany(
                f"INSERT INTO docs ({_COLUMNS}) VALUES ({','.join('?' * 19)})",
                [_to_row(d) for d in docs],
            )
            if not docs:
                return
            keys = np.concatenate([d.keys for d in docs])
            seqs = np.repeat(np.array([d.seq for d in docs], np.int64), [len(d.keys) for d in docs])
            self._add_run(_runs.make_run(0, keys, seqs))

    def run_clusters(self, run: int) -> Iterator[int]:
        rows = self._db.execute(
            "SELECT DISTINCT cluster FROM docs WHERE run = ? ORDER BY cluster", (run,)
        ).fetchall()
        return (int(r[0]) for r in rows)

    def cluster_seqs(self, clusters: Sequence[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {c: [] for c in clusters}
        # Answered from the docs_cluster index alone (seq is the rowid).
        sql = "SELECT cluster, seq FROM docs WHERE cluster IN ({}) ORDER BY cluster, seq"
        for cluster, seq in self._select_in(sql, clusters):
            out[cluster].append(seq)
        return out

    def remove(self, ids: Iterable[str]) -> int:
        with self._maybe_batch():
            sql = "SELECT seq FROM docs WHERE id IN ({})"
            return self._delete([int(r[0]) for r in self._select_in(sql, list(ids))])

    def prune(self, before: float) -> int:
        with self._maybe_batch():
            rows = self._db.execute("SELECT seq FROM docs WHERE stamp < ?", (before,))
            return self._delete([int(r[0]) for r in rows.fetchall()])

    def _delete(self, seqs: list[int]) -> int:
        """Documents out; their band keys stay in the runs, masked by tombstones."""
        if not seqs:
            return 0
        self._db.executemany("DELETE FROM docs WHERE seq = ?", [(s,) for s in seqs])
        self._db.executemany("INSERT OR IGNORE INTO removed VALUES (?)", [(s,) for s in seqs])
        state = self._current()
        dead = np.union1d(state.dead, np.array(seqs, dtype=np.int64))
        self._change(list(state.runs), dead)
        return len(seqs)

    @contextmanager
    def _maybe_batch(self) -> Iterator[None]:
        if self._in_batch:
            yield
        else:
            with self.batch():
                yield

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM docs").fetchone()[0])

    def close(self) -> None:
        self._db.close()


_ZIPPED = 256  # passages longer than this (JSON with text openings) are stored deflated


def _pack_passages(d: StoredDoc) -> str | bytes | None:
    text = passages_to_text(d.passages)
    if text is None or len(text) <= _ZIPPED:
        return text
    return zlib.compress(text.encode("utf-8"), 1)


def _unpack_passages(value: str | bytes | None) -> str | None:
    if isinstance(value, bytes):
        return zlib.decompress(value).decode("utf-8")
    return value


def _to_row(d: StoredDoc) -> tuple[Any, ...]:
    return (
        d.seq,
        d.id,
        d.cluster,
        d.relation,
        d.similarity,
        d.via,
        d.overlap,
        d.overlap_similarity,
        _pack_passages(d),
        d.length,
        d.published,
        d.stamp,
        d.run,
        # The signature's one use is the MinHash estimate of the document's match: a row
        # with that estimate needs no signature (512 bytes, a fifth of the index).
        b"" if d.estimate is not None else pack_u32(d.signature),
        pack_u32(d.shingles),
        pack_u32(d.bounds),
        pack_u32(d.spans),
        b"",  # band keys live in the runs; removal goes by seq
        d.estimate,
    )


def _from_row(row: tuple[Any, ...]) -> StoredDoc:
    return StoredDoc(
        seq=row[0],
        id=row[1],
        cluster=row[2],
        relation=row[3],
        similarity=row[4],
        via=row[5],
        overlap=row[6],
        overlap_similarity=row[7],
        passages=passages_from_text(_unpack_passages(row[8])),
        length=row[9],
        published=row[10],
        stamp=row[11],
        run=row[12],
        signature=u32(row[13]),
        shingles=u32(row[14]),
        bounds=u32(row[15]),
        spans=u32(row[16]),
        keys=i64(row[17]),
        estimate=row[18],
    )
