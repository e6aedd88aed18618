"""The shared index: a Redis server several dedup workers use at once.

Our own key layout rather than datasketch's ``MinHashLSH(storage_config={"type":
"redis"})``: we need the shingle sets next to the signatures for exact verification,
paragraph band keys next to document ones, and cluster membership — three stores the
datasketch layout does not have; a set per band key is the same structure it uses.

Keys (under ``prefix``, default ``reconcile:dedup``)::

    meta            the parameters, JSON (refused on mismatch)
    next_seq, runs  counters
    ids             hash: document id -> seq
    doc:<seq>       hash: one stored document
    band:<key>      set of seqs carrying that LSH band key
    cluster:<seq>   set of member seqs
    run:<n>         set of clusters run n touched
    stamps          sorted set: seq by time stamp (for --retain-days)

Agreement between workers: a batch runs under one Redis lease (lookup, verification and
the write of the batch's documents), and the writes go in one MULTI/EXEC transaction.
Workers compute signatures in parallel and serialise only that step, so every document
is verified against everything any worker committed before it, exactly as in a single
process; a worker killed mid-batch leaves nothing of that batch behind.

The lease (key ``lock``) is short and renewed: a thread of the holder extends it every
third of its length while the batch runs, so a batch may take as long as it needs, and a
holder that is killed or frozen stops renewing and loses it within one lease length
(10 s) instead of stalling every other worker for a fixed 300 s. The writes are
committed only if the lease is still this worker's (``WATCH`` on the key): a worker that
lost it (frozen past its lease while another took over) writes nothing and says so.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ...errors import ReconcileError
from ..stored import StoredDoc, passages_from_text, passages_to_text
from ._codec import i64, pack_i64, pack_u32, u32
from .base import Index, check_params, params_text

_LEASE_SECONDS = 10.0  # a holder that stops renewing loses the lease this soon

# Extend or drop the lease only while it is still ours (the token we set).
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


class RedisIndex(Index):
    """An index in a Redis database (``redis://host:port/N``)."""

    def __init__(
        self,
        url: str,
        params: dict[str, Any],
        prefix: str = "reconcile:dedup",
        lease_seconds: float = _LEASE_SECONDS,
    ) -> None:
        import redis

        self.location = url
        self._p = prefix
        self._lease_ms = max(1, round(lease_seconds * 1000))
        try:
            self._r = redis.Redis.from_url(url)
            self._r.set(self._k("meta"), params_text(params), nx=True)
            stored = self._r.get(self._k("meta"))
        except (redis.RedisError, ValueError) as exc:
            raise ReconcileError(f"cannot use Redis index {url}: {exc}") from None
        check_params(url, json.loads(stored or b"{}"), params)
        self._renew = self._r.register_script(_RENEW)
        self._release = self._r.register_script(_RELEASE)
        self._pipe: _Recorder | None = None

    def _k(self, *parts: object) -> str:
        return ":".join([self._p, *map(str, parts)])

    @contextmanager
    def batch(self) -> Iterator[None]:
        lease = _Lease(self, self._k("lock"))
        lease.acquire()
        self._pipe = _Recorder()
        try:
            yield
            lease.commit(self._pipe)
        finally:
            self._pipe = None
            lease.release()

    def get_meta(self, key: str) -> str | None:
        value = self._r.get(self._k("meta", key))
        if value is None:
            return None
        return value.decode() if isinstance(value, bytes) else str(value)

    def set_meta(self, key: str, value: str) -> None:
        self._r.set(self._k("meta", key), value, nx=True)

    def new_run(self) -> int:
        return int(self._r.incr(self._k("runs")))

    def allocate(self, n: int) -> int:
        return int(self._r.incrby(self._k("next_seq"), n)) - n + 1

    def lookup(self, keys: Sequence[int]) -> dict[int, list[int]]:
        found = self._seq_sets("band", list(dict.fromkeys(keys)))
        return {k: seqs for k, seqs in found.items() if seqs}

    def _seq_sets(self, kind: str, names: Sequence[int]) -> dict[int, list[int]]:
        """The sorted members of the sets ``kind:<name>``, in one pipelined round trip."""
        pipe = self._r.pipeline(transaction=False)
        for name in names:
            pipe.smembers(self._k(kind, name))
        return {
            name: sorted(int(s) for s in seqs)
            for name, seqs in zip(names, pipe.execute(), strict=True)
        }

    def fetch(
        self, seqs: Iterable[int], *, arrays: bool = True, passages: bool = True
    ) -> dict[int, StoredDoc]:
        # A document is one hash, read whole: what it holds is decoded whole too.
        wanted = list(dict.fromkeys(seqs))
        pipe = self._r.pipeline(transaction=False)
        for s in wanted:
            pipe.hgetall(self._k("doc", s))
        return {s: _decode(s, h) for s, h in zip(wanted, pipe.execute(), strict=True) if h}

    def find_ids(self, ids: Sequence[str]) -> dict[str, StoredDoc]:
        if not ids:
            return {}
        values = self._r.hmget(self._k("ids"), list(ids))
        seqs = {int(v): i for i, v in zip(ids, values, strict=True) if v is not None}
        return {seqs[s]: d for s, d in self.fetch(seqs).items()}

    def add(self, docs: Sequence[StoredDoc]) -> None:
        pipe: Any = self._pipe if self._pipe is not None else self._r.pipeline(transaction=True)
        for d in docs:
            pipe.hset(self._k("doc", d.seq), mapping=_encode(d))
            pipe.hset(self._k("ids"), d.id, d.seq)
            pipe.sadd(self._k("cluster", d.cluster), d.seq)
            pipe.sadd(self._k("run", d.run), d.cluster)
            pipe.zadd(self._k("stamps"), {str(d.seq): d.stamp})
            for key in set(d.keys.tolist()):
                pipe.sadd(self._k("band", key), d.seq)
        if self._pipe is None:
            pipe.execute()

    def run_clusters(self, run: int) -> Iterator[int]:
        return iter(sorted(int(c) for c in self._r.smembers(self._k("run", run))))

    def cluster_seqs(self, clusters: Sequence[int]) -> dict[int, list[int]]:
        return self._seq_sets("cluster", clusters)

    def remove(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        seqs = [int(v) for v in self._r.hmget(self._k("ids"), ids) if v is not None]
        return self._delete(seqs)

    def prune(self, before: float) -> int:
        found: Any = self._r.zrangebyscore(self._k("stamps"), "-inf", f"({before}")
        seqs = [int(s) for s in found]
        return self._delete(seqs)

    def _delete(self, seqs: list[int]) -> int:
        if not seqs:
            return 0
        with self.batch():
            docs = self.fetch(seqs)
            pipe: Any = self._pipe
            for d in docs.values():
                pipe.delete(self._k("doc", d.seq))
                pipe.hdel(self._k("ids"), d.id)
                pipe.srem(self._k("cluster", d.cluster), d.seq)
                pipe.zrem(self._k("stamps"), str(d.seq))
                for key in set(d.keys.tolist()):
                    pipe.srem(self._k("band", key), d.seq)
        return len(docs)

    def count(self) -> int:
        return int(self._r.hlen(self._k("ids")))

    def close(self) -> None:
        self._r.close()


class _Recorder:
    """The writes of a batch, kept until the lease is checked and they can be committed.

    A redis-py transaction pipeline cannot take a ``WATCH`` once commands are queued,
    so the batch's writes are recorded here and replayed into one at commit.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> None:
            self.calls.append((name, args, kwargs))

        return record


class _Lease:
    """The cross-worker lock of one batch: short, renewed by a thread while held."""

    def __init__(self, index: RedisIndex, key: str) -> None:
        self._index = index
        self._r = index._r
        self._key = key
        self._ms = index._lease_ms
        self._token = uuid.uuid4().hex
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.lost = False

    def acquire(self) -> None:
        import redis

        delay = 0.002
        try:
            while not self._r.set(self._key, self._token, nx=True, px=self._ms):
                # Polling: the holder's lease ends by commit, release or expiry, and a
                # batch is a fraction of a second, so the wait is short.
                time.sleep(delay)
                delay = min(2 * delay, 0.05)
        except redis.RedisError as exc:
            raise ReconcileError(f"Redis index {self._index.location}: {exc}") from None
        self._thread = threading.Thread(target=self._keep, name="redis-lease", daemon=True)
        self._thread.start()

    def _keep(self) -> None:
        import redis

        while not self._stop.wait(self._ms / 3000):
            try:
                ok = self._index._renew(keys=[self._key], args=[self._token, self._ms])
            except redis.RedisError:
                continue  # try again; the commit checks that the lease is still ours
            if not ok:
                self.lost = True
                return

    def _stop_renewing(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def commit(self, writes: _Recorder) -> None:
        """Write the batch in one transaction, only if the lease is still ours."""
        import redis

        # Renewal touches the key, which would abort the WATCH below: stop it first.
        self._stop_renewing()
        lost = ReconcileError(
            f"Redis index {self._index.location}: this worker lost its lease on the index "
            f"(held past {self._ms / 1000:g} s without renewing it: stopped, or cut off from "
            "Redis) and another took over; nothing of the batch was written. Run again to "
            "resume."
        )
        pipe: Any
        with self._r.pipeline(transaction=True) as pipe:
            try:
                pipe.watch(self._key)
                if self.lost or pipe.get(self._key) != self._token.encode():
                    raise lost
                pipe.multi()
                for name, args, kwargs in writes.calls:
                    getattr(pipe, name)(*args, **kwargs)
                pipe.execute()
            except redis.WatchError:
                raise lost from None

    def release(self) -> None:
        import redis

        self._stop_renewing()
        with contextlib.suppress(redis.RedisError):  # else the lease expires on its own
            self._index._release(keys=[self._key], args=[self._token])


def _encode(d: StoredDoc) -> dict[str | bytes, bytes | str | int | float]:
    out: dict[str | bytes, bytes | str | int | float] = {
        "id": d.id,
        "cluster": d.cluster,
        "similarity": d.similarity,
        "overlap_sim": d.overlap_similarity,
        "length": d.length,
        "stamp": d.stamp,
        "run": d.run,
        "sig": pack_u32(d.signature),
        "shingles": pack_u32(d.shingles),
        "bounds": pack_u32(d.bounds),
        "spans": pack_u32(d.spans),
        "keys": pack_i64(d.keys),
    }
    if d.relation is not None:
        out["relation"] = d.relation
    if d.via is not None:
        out["via"] = d.via
    if d.overlap is not None:
        out["overlap"] = d.overlap
    passages = passages_to_text(d.passages)
    if passages is not None:
        out["passages"] = passages
    if d.published is not None:
        out["published"] = d.published
    return out


def _decode(seq: int, h: dict[bytes, bytes]) -> StoredDoc:
    def text(name: str) -> str | None:
        value = h.get(name.encode())
        return None if value is None else value.decode()

    via = h.get(b"via")
    overlap = h.get(b"overlap")
    return StoredDoc(
        seq=seq,
        id=h[b"id"].decode(),
        cluster=int(h[b"cluster"]),
        relation=text("relation"),
        similarity=float(h[b"similarity"]),
        via=None if via is None else int(via),
        overlap=None if overlap is None else int(overlap),
        overlap_similarity=float(h[b"overlap_sim"]),
        passages=passages_from_text(text("passages")),
        length=int(h[b"length"]),
        published=text("published"),
        stamp=float(h[b"stamp"]),
        run=int(h[b"run"]),
        signature=u32(h[b"sig"]),
        shingles=u32(h[b"shingles"]),
        bounds=u32(h[b"bounds"]),
        spans=u32(h[b"spans"]),
        keys=i64(h[b"keys"]),
    )
