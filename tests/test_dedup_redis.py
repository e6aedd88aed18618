"""The shared index on a real Redis server: two worker processes, one feed, one answer.

The fixture starts ``redis-server`` on a free loopback port (no persistence) and stops it
afterwards. Without the binary the tests are skipped with a message saying how to get
it (``make test`` installs it when run as root).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.metrics import pair_scores
from reconcile.dedup import DedupConfig, IndexMismatch, Record, deduplicate, open_index

from .dedup_support import bbc_rows, cluster_of, generated, records, write_jsonl
from .helpers import skip_or_fail

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    if binary is None:
        skip_or_fail(
            "redis-server is not installed: `apt-get install -y redis-server` "
            "(make test does this when run as root)"
        )
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    import redis

    client = redis.Redis(port=port)
    try:
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        yield f"redis://127.0.0.1:{port}"
    finally:
        client.close()
        proc.terminate()
        proc.wait(timeout=10)


def _fresh(url: str, db: int) -> str:
    import redis

    redis.Redis.from_url(f"{url}/{db}").flushdb()
    return f"{url}/{db}"


def test_redis_index_finds_duplicates_across_runs(redis_url: str) -> None:
    url = _fresh(redis_url, 1)
    cfg = DedupConfig(workers=1)
    rows = bbc_rows()[:100]
    with open_index(url, cfg) as index:
        list(deduplicate(records(rows), cfg, index))
    reprint = [Record("again", "Another headline\n\n" + rows[7]["text"], "x")]
    with open_index(url, cfg) as index:
        assert cluster_of(deduplicate(reprint, cfg, index)) == {"again": rows[7]["id"]}
        assert index.count() == 101
        assert index.remove(["again"]) == 1
        assert index.count() == 100
    with pytest.raises(IndexMismatch, match="num_perm=128 \\(this run: 64\\)"):
        open_index(url, DedupConfig(num_perm=64, bands=10))


def test_two_workers_on_one_feed_agree_on_the_clusters(redis_url: str, tmp_path: Path) -> None:
    url = _fresh(redis_url, 2)
    feed = generated(1600, seed=11)
    parts = [feed[0::2], feed[1::2]]  # interleaved: every story is split between workers
    procs = []
    for i, part in enumerate(parts):
        src = write_jsonl(tmp_path / f"part{i}.jsonl", part)
        out = tmp_path / f"out{i}.jsonl"
        cmd = [
            *(sys.executable, "-m", "reconcile", "dedup", str(src)),
            *("--index", url, "-o", str(out), "--workers", "1", "--batch-size", "50"),
        ]
        procs.append(subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE, text=True))
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err

    placed: dict[str, str] = {}
    reps: dict[str, set[str]] = {}
    for i in range(2):
        for line in (tmp_path / f"out{i}.jsonl").open(encoding="utf-8"):
            cluster = json.loads(line)
            for m in cluster["members"]:
                reps.setdefault(m["id"], set()).add(cluster["cluster"])
                if not m.get("earlier"):
                    assert m["id"] not in placed, f"{m['id']} reported by both workers"
                    placed[m["id"]] = cluster["cluster"]
    assert set(placed) == {str(d["id"]) for d in feed}
    # Wherever a document shows up, both workers name the same representative.
    assert all(len(r) == 1 for r in reps.values())
    stories_split = {str(d["cluster"]) for d in parts[0]} & {str(d["cluster"]) for d in parts[1]}
    assert len(stories_split) > 50
    truth = {str(d["id"]): str(d["cluster"]) for d in feed}
    scores = pair_scores(truth, placed)
    assert scores["precision"] >= 0.98 and scores["recall"] >= 0.9, scores


_HOLD = """
import sys, time
from reconcile.dedup import DedupConfig
from reconcile.dedup.index.redis import RedisIndex
index = RedisIndex(sys.argv[1], DedupConfig().params(), lease_seconds=1.0)
with index.batch():
    print("holding", flush=True)
    time.sleep(600)
"""


def test_a_worker_killed_holding_the_lease_stalls_the_others_only_for_the_lease(
    redis_url: str,
) -> None:
    import redis

    from reconcile.dedup.index.redis import RedisIndex

    url = _fresh(redis_url, 3)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, url], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        client = redis.Redis.from_url(url)
        token = client.get("reconcile:dedup:lock")
        time.sleep(2.5)  # over two lease lengths: the holder's thread keeps renewing it
        assert token is not None and client.get("reconcile:dedup:lock") == token
        index = RedisIndex(url, DedupConfig().params(), lease_seconds=1.0)
        holder.kill()  # SIGKILL: no release, no cleanup
        holder.wait(timeout=10)
        started = time.monotonic()
        with index.batch():
            waited = time.monotonic() - started
        assert waited < 3.0  # one lease (1 s) and polling, not the old fixed 300 s
        index.close()
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_a_batch_longer_than_the_lease_commits_and_a_lost_lease_writes_nothing(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import redis

    from reconcile.dedup.index.redis import RedisIndex
    from reconcile.errors import ReconcileError

    url = _fresh(redis_url, 4)
    cfg = DedupConfig(workers=1)
    rows = bbc_rows()[:6]
    index = RedisIndex(url, cfg.params(), lease_seconds=0.5)
    lookup = index.lookup

    def slow_lookup(keys: list[int]) -> dict[int, list[int]]:
        time.sleep(1.6)  # three lease lengths inside one batch
        return lookup(keys)

    monkeypatch.setattr(index, "lookup", slow_lookup)
    list(deduplicate(records(rows[:3]), cfg, index))
    assert index.count() == 3
    monkeypatch.undo()
    # Another worker takes the key over mid-batch (as after this one froze past its lease).
    client = redis.Redis.from_url(url)

    def stolen(keys: list[int]) -> dict[int, list[int]]:
        client.set("reconcile:dedup:lock", "someone-else")
        return lookup(keys)

    monkeypatch.setattr(index, "lookup", stolen)
    with pytest.raises(ReconcileError, match=r"lost its lease .* nothing of the batch was written"):
        list(deduplicate(records(rows[3:]), cfg, index))
    assert index.count() == 3
    index.close()
