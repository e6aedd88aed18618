"""The embedded index across runs: incremental, crash-safe, parameter-checked, prunable."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import reconcile.dedup._prepare as prep
from reconcile.dedup import (
    Cluster,
    DedupConfig,
    IndexMismatch,
    Record,
    SqliteIndex,
    deduplicate,
)

from .dedup_support import bbc_rows, cluster_of, generated, problems, records, run, write_jsonl

CFG = DedupConfig(workers=1)


def test_a_later_run_finds_duplicates_of_earlier_ones_without_resigning_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "feed.db"
    rows = bbc_rows()[:300]
    run(records(rows), db)
    calls: list[str] = []
    real = prep.prepare_many

    def counting(records: list[Record], config: DedupConfig) -> object:
        calls.extend(r.id for r in records)
        return real(records, config)

    monkeypatch.setattr(prep, "prepare_many", counting)
    reprints = [Record(f"reprint-{r['id']}", "NEW HEADLINE\n\n" + r["text"], "x") for r in rows[:5]]
    results = run(reprints, db)
    assert sorted(calls) == sorted(r.id for r in reprints)  # old documents not re-signed
    for c in results:
        assert isinstance(c, Cluster)
        assert c.members[0].earlier and c.members[0].id == c.members[1].id.removeprefix("reprint-")
        assert c.members[1].relation == "duplicate" and not c.members[1].earlier
    with SqliteIndex(db, CFG.params()) as index:
        assert index.count() == 305


def test_an_index_built_with_other_parameters_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    run(records(bbc_rows()[:3]), db)
    other = DedupConfig(num_perm=64, bands=10)
    with pytest.raises(IndexMismatch) as exc:
        SqliteIndex(db, other.params())
    message = str(exc.value)
    assert f"index {db} was built with different parameters" in message
    assert "num_perm=128 (this run: 64)" in message
    assert "bands=20 (this run: 10)" in message


def test_remove_by_id_takes_documents_and_their_keys_out(tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    rows = bbc_rows()[:50]
    run(records(rows), db)
    keys = _band_keys(db)
    with SqliteIndex(db, CFG.params()) as index:
        gone = {d.seq for d in index.find_ids([rows[0]["id"], rows[1]["id"]]).values()}
        assert gone <= _seqs_found(index, keys)
        assert index.remove([rows[0]["id"], rows[1]["id"], "no-such-id"]) == 2
        assert index.count() == 48
        assert not gone & _seqs_found(index, keys)
    with SqliteIndex(db, CFG.params()) as index:  # and still out when opened again
        assert _seqs_found(index, keys) == _doc_seqs(db)
    # A reprint of a removed story starts its own cluster; of a kept one, joins it.
    again = [Record("r0", rows[0]["text"], "x"), Record("r2", rows[2]["text"], "x")]
    assert cluster_of(run(again, db)) == {"r0": "r0", "r2": rows[2]["id"]}


def test_retention_by_age_uses_publication_time(tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    texts = [r["text"] for r in bbc_rows()[:4]]
    old = [
        Record(f"old{i}", t, "x", published=f"2005-01-0{i + 1}T10:00:00")
        for i, t in enumerate(texts[:2])
    ]
    new = [Record(f"new{i}", t, "x") for i, t in enumerate(texts[2:])]
    run([*old, *new], db)
    with SqliteIndex(db, CFG.params()) as index:
        assert index.prune(time.time() - 30 * 86400) == 2
        assert index.count() == 2
        assert set(index.find_ids(["old0", "old1", "new0", "new1"])) == {"new0", "new1"}


def test_feeding_the_same_documents_again_reports_them_in_their_clusters(tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    rows = bbc_rows()[:40]
    reprint = Record("reprint", "BREAKING\n\n" + rows[3]["text"], "x")
    halves = [r["text"].split("\n\n") for r in rows[20:22]]
    mix = Record("mix", "\n\n".join(halves[0][:3] + halves[1][:3]), "x")  # shares passages
    first = run([*records(rows), reprint, mix], db)
    # The same feed again, one document with new text under an old id, one new document.
    changed = Record(rows[7]["id"], rows[8]["text"], "feed:8")
    fresh = Record("fresh", rows[3]["text"] + "\n\nA late paragraph added to the story.", "x")
    again = [r for r in records(rows) if r.id != rows[7]["id"]]
    second = run([*again, reprint, mix, changed, fresh], db)
    assert [p.problem.message for p in problems(second)] == [
        f"id {rows[7]['id']!r} is already indexed with different text; "
        "remove it first (--remove) to index the new version"
    ]
    members = {m.id: m for c in second if isinstance(c, Cluster) for m in c.members}
    # Every input once; the ones indexed before carry "again" and keep their clusters.
    assert set(members) | {rows[7]["id"]} == {*(r["id"] for r in rows), "reprint", "mix", "fresh"}
    assert all(members[r.id].again and members[r.id].earlier for r in [*again, reprint, mix])
    assert not members["fresh"].again and not members["fresh"].earlier
    assert cluster_of(second)["fresh"] == rows[3]["id"]
    before = {c.id: [m.id for m in c.members] for c in first if isinstance(c, Cluster)}
    after = {
        c.id: [m.id for m in c.members if m.id != "fresh"] for c in second if isinstance(c, Cluster)
    }
    assert after == {k: v for k, v in before.items() if k != rows[7]["id"]}
    with SqliteIndex(db, CFG.params()) as index:
        assert index.count() == len(rows) + 3
    # A line fed again repeats the earlier run's line, overlaps included.
    overlaps = {c.id: c.overlaps for c in first if isinstance(c, Cluster) and c.overlaps}
    assert overlaps
    assert {c.id: c.overlaps for c in second if isinstance(c, Cluster) and c.overlaps} == overlaps


def test_a_document_fed_again_twice_in_one_run_is_reported_once(tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    rows = bbc_rows()[:2]
    run(records(rows), db)
    cfg = DedupConfig(workers=1, batch_size=1)  # the two copies in different batches
    results = run([*records(rows[:1]), *records(rows[:1])], db, cfg)
    assert [p.problem.message for p in problems(results)] == [
        f"id {rows[0]['id']!r} appears twice in this input"
    ]


def test_a_run_that_fails_to_start_restores_the_collector(tmp_path: Path) -> None:
    import gc

    before = gc.get_threshold()

    class Broken(SqliteIndex):
        def get_meta(self, key: str) -> str | None:
            raise OSError("disk gone")

    with Broken(tmp_path / "i.db", CFG.params()) as index, pytest.raises(OSError):
        list(deduplicate(records(bbc_rows()[:2]), CFG, index))
    assert gc.get_threshold() == before


_KILL_SCRIPT = """
import sys
from reconcile.dedup import DedupConfig, SqliteIndex, deduplicate, read_inputs
cfg = DedupConfig(workers=1, batch_size=25)
with SqliteIndex(sys.argv[2], cfg.params()) as index:
    for _ in deduplicate(read_inputs([sys.argv[1]], cfg), cfg, index):
        pass
"""


def test_a_killed_run_leaves_every_committed_batch_and_nothing_else(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", generated(3000))
    db = tmp_path / "feed.db"
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(feed), str(db)])
    try:
        deadline = time.monotonic() + 60
        committed = 0
        while time.monotonic() < deadline and committed < 200:
            time.sleep(0.05)
            if db.exists():
                try:
                    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                    committed = con.execute("SELECT count(*) FROM docs").fetchone()[0]
                    con.close()
                except sqlite3.OperationalError:
                    pass
        assert proc.poll() is None, "the run finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    (count,) = con.execute("SELECT count(*) FROM docs").fetchone()
    assert 200 <= count < 3000 and count % 25 == 0  # whole batches only
    con.close()
    assert _band_seqs(db) == _doc_seqs(db)  # every committed document's keys, no others
    # The index opens cleanly and the rest of the feed goes in on the next run.
    cfg = DedupConfig(workers=1, batch_size=25)
    from reconcile.dedup import read_inputs

    with SqliteIndex(db, cfg.params()) as index:
        results = list(deduplicate(read_inputs([str(feed)], cfg), cfg, index))
        assert index.count() == 3000
    # The documents committed before the kill are recognised, reported in their
    # clusters as fed again, and not indexed twice.
    assert problems(results) == []
    again = [m for c in results if isinstance(c, Cluster) for m in c.members if m.again]
    assert len(again) == count and all(m.earlier for m in again)
    assert sum(1 for line in feed.open() if json.loads(line)) == 3000


def test_the_index_records_its_permutations_and_later_runs_sign_with_them(tmp_path: Path) -> None:
    from datasketch import MinHash

    db = tmp_path / "feed.db"
    feed = write_jsonl(tmp_path / "feed.jsonl", bbc_rows()[:30])
    run(records(bbc_rows()[:30]), db)
    with SqliteIndex(db, CFG.params()) as index:
        recorded = json.loads(index.get_meta("permutations") or "{}")
    theirs = MinHash(num_perm=CFG.num_perm, seed=CFG.seed, scheme="affine32").permutations
    assert [recorded["a"], recorded["b"]] == theirs.tolist()
    # A later run takes them from the index: no datasketch (and scipy) import at all, and
    # the same feed again is recognised document for document.
    script = (
        "import json, sys\n"
        "from reconcile.dedup import DedupConfig, SqliteIndex, deduplicate, read_inputs\n"
        "cfg = DedupConfig(workers=1)\n"
        f"with SqliteIndex({str(db)!r}, cfg.params()) as index:\n"
        f"    run = deduplicate(read_inputs([{str(feed)!r}], cfg), cfg, index)\n"
        "    list(run)\n"
        "print(json.dumps([run.summary.again, 'datasketch' in sys.modules]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == [30, False]


def _band_parts(db: Path) -> list[tuple[bytes, bytes]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT keys, seqs FROM band_parts ORDER BY run, part").fetchall()
    finally:
        con.close()


def _band_keys(db: Path) -> list[int]:
    """Every band key stored, read straight from the file."""
    return sorted({k for keys, _ in _band_parts(db) for k in np.frombuffer(keys, "<i8").tolist()})


def _band_seqs(db: Path) -> set[int]:
    return {s for _, seqs in _band_parts(db) for s in np.frombuffer(seqs, "<u4").tolist()}


def _doc_seqs(db: Path) -> set[int]:
    con = sqlite3.connect(db)
    try:
        return {r[0] for r in con.execute("SELECT seq FROM docs")}
    finally:
        con.close()


def _seqs_found(index: SqliteIndex, keys: list[int]) -> set[int]:
    return {s for seqs in index.lookup(keys).values() for s in seqs}
