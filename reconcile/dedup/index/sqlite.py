"""The embedded index: one SQLite file.

Crash safety comes from SQLite's write-ahead log: each batch is one ``BEGIN IMMEDIATE``
transaction holding its documents *and* their band keys, so a run killed at any point
leaves every committed batch and nothing of the batch in flight.

Band keys live in a ``WITHOUT ROWID`` table keyed on ``(key, seq)``: a lookup is one
B-tree descent and the rows are 16 bytes plus overhead.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from ...errors import ReconcileError
from ..stored import StoredDoc, passages_from_text, passages_to_text
from ._codec import i64, pack_i64, pack_u32, u32
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
    passages TEXT,
    length INTEGER NOT NULL,
    published TEXT,
    stamp REAL NOT NULL,
    run INTEGER NOT NULL,
    sig BLOB NOT NULL,
    shingles BLOB NOT NULL,
    bounds BLOB NOT NULL,
    spans BLOB NOT NULL,
    keys BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_cluster ON docs (cluster);
CREATE INDEX IF NOT EXISTS docs_run ON docs (run, cluster);
CREATE INDEX IF NOT EXISTS docs_stamp ON docs (stamp);
CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, seq INTEGER NOT NULL,
    PRIMARY KEY (key, seq)) WITHOUT ROWID;
"""

_COLUMNS = (
    "seq, id, cluster, relation, similarity, via, overlap, overlap_sim, passages, length, published, stamp, run, "
    "sig, shingles, bounds, spans, keys"
)
_CHUNK = 500  # host parameters per IN (...) list, well under SQLite's limit


class SqliteIndex(Index):
    """An on-disk index in one SQLite file.

    Example:
        >>> import tempfile, os
        >>> from reconcile.dedup.config import DedupConfig
        >>> path = os.path.join(tempfile.mkdtemp(), "feed.db")
        >>> with SqliteIndex(path, DedupConfig().params()) as index:
        ...     index.count()
        0
    """

    def __init__(self, path: str | os.PathLike[str], params: dict[str, Any]) -> None:
        self.location = str(path)
        try:
            self._db = sqlite3.connect(self.location, isolation_level=None, timeout=60)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            # 512 MiB of page cache: band-key lookups on a large index stay in memory.
            self._db.execute("PRAGMA cache_size=-524288")
            self._db.execute("PRAGMA temp_store=MEMORY")
            self._db.executescript(_SCHEMA)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'params'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ReconcileError(f"{self.location}: not a usable dedup index ({exc})") from None
        wanted = params_text(params)
        if row is None:
            self._db.execute("INSERT INTO meta VALUES ('params', ?)", (wanted,))
        else:
            import json

            check_params(self.location, json.loads(row[0]), params)
        self._in_batch = False

    @contextmanager
    def batch(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        self._in_batch = True
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")
        finally:
            self._in_batch = False

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
        found: dict[int, list[int]] = {}
        sql = "SELECT key, seq FROM bands WHERE key IN ({})"
        for key, seq in self._select_in(sql, list(dict.fromkeys(keys))):
            found.setdefault(key, []).append(seq)
        return found

    def fetch(self, seqs: Iterable[int]) -> dict[int, StoredDoc]:
        sql = f"SELECT {_COLUMNS} FROM docs WHERE seq IN ({{}})"
        docs = (_from_row(row) for row in self._select_in(sql, list(dict.fromkeys(seqs))))
        return {doc.seq: doc for doc in docs}

    def find_ids(self, ids: Sequence[str]) -> dict[str, StoredDoc]:
        sql = f"SELECT {_COLUMNS} FROM docs WHERE id IN ({{}})"
        return {doc.id: doc for doc in map(_from_row, self._select_in(sql, ids))}

    def add(self, docs: Sequence[StoredDoc]) -> None:
        self._db.executemany(
            f"INSERT INTO docs ({_COLUMNS}) VALUES ({','.join('?' * 18)})",
            [_to_row(d) for d in docs],
        )
        if not docs:
            return
        # Sorted keys touch the B-tree in order: far fewer page reads on a large index.
        # Sorted and deduplicated in numpy: a Python set and sort of ~40 tuples per
        # document cost more than the inserts.
        keys = np.concatenate([d.keys for d in docs])
        seqs = np.repeat(np.array([d.seq for d in docs], np.int64), [len(d.keys) for d in docs])
        order = np.lexsort((seqs, keys))
        keys, seqs = keys[order], seqs[order]
        new = np.ones(len(keys), dtype=bool)
        new[1:] = (keys[1:] != keys[:-1]) | (seqs[1:] != seqs[:-1])
        rows = zip(keys[new].tolist(), seqs[new].tolist(), strict=True)
        self._db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", rows)

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
            sql = "SELECT seq, keys FROM docs WHERE id IN ({})"
            return self._delete(list(self._select_in(sql, list(ids))))

    def prune(self, before: float) -> int:
        with self._maybe_batch():
            rows = self._db.execute(
                "SELECT seq, keys FROM docs WHERE stamp < ?", (before,)
            ).fetchall()
            return self._delete(rows)

    def _delete(self, rows: list[tuple[int, bytes]]) -> int:
        self._db.executemany(
            "DELETE FROM bands WHERE key = ? AND seq = ?",
            [(int(k), seq) for seq, keys in rows for k in i64(keys).tolist()],
        )
        self._db.executemany("DELETE FROM docs WHERE seq = ?", [(seq,) for seq, _ in rows])
        return len(rows)

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
        passages_to_text(d.passages),
        d.length,
        d.published,
        d.stamp,
        d.run,
        pack_u32(d.signature),
        pack_u32(d.shingles),
        pack_u32(d.bounds),
        pack_u32(d.spans),
        pack_i64(d.keys),
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
        passages=passages_from_text(row[8]),
        length=row[9],
        published=row[10],
        stamp=row[11],
        run=row[12],
        signature=u32(row[13]),
        shingles=u32(row[14]),
        bounds=u32(row[15]),
        spans=u32(row[16]),
        keys=i64(row[17]),
    )
