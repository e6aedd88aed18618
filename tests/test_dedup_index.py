"""The embedded index across runs: incremental, crash-safe, parameter-checked, prunable."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
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

    def counting(records: list[Record], config: DedupConfig, permutations: object) -> object:
        calls.extend(r.id for r in records)
        return real(records, config, permutations)  # type: ignore[arg-type]

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


@pytest.mark.parametrize("first_to_end", ["outer", "inner"])
def test_interleaved_runs_leave_the_collector_as_they_found_it(
    tmp_path: Path, first_to_end: str
) -> None:
    import gc

    before = gc.get_threshold()
    cfg = DedupConfig(workers=1, batch_size=5)
    rows = bbc_rows()[:20]
    with (
        SqliteIndex(tmp_path / "a.db", cfg.params()) as a,
        SqliteIndex(tmp_path / "b.db", cfg.params()) as b,
    ):
        outer = iter(deduplicate(records(rows), cfg, a))
        inner = iter(deduplicate(records(rows), cfg, b))
        next(outer)  # both started: each inside the other's raised thresholds
        next(inner)
        assert gc.get_threshold()[0] > before[0]
        for gen in [outer, inner] if first_to_end == "outer" else [inner, outer]:
            list(gen)
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


# -- misuse of the index file, through the command line --------------------------------


def _dedup_cli(feed: Path, db: Path | str) -> tuple[int, str]:
    from click.testing import CliRunner

    from reconcile.cli import main

    res = CliRunner().invoke(main, ["dedup", str(feed), "--index", str(db)])
    assert "Traceback" not in res.output
    assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit)
    return res.exit_code, res.stderr.strip()


@contextmanager
def _read_only(path: Path) -> Iterator[None]:
    """``path`` made unwritable: immutable for root (who ignores modes), else mode 0o555."""
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            message = f"chattr +i is not supported here: {done.stderr.decode().strip()}"
            if os.environ.get("CI") == "true":
                pytest.fail(message)
            pytest.skip(message)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)


def test_a_read_only_index_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", bbc_rows()[:5])
    more = write_jsonl(tmp_path / "more.jsonl", bbc_rows()[5:8])
    db = tmp_path / "idx" / "feed.db"
    db.parent.mkdir()
    assert _dedup_cli(feed, db)[0] == 0
    assert not Path(f"{db}-wal").exists()
    with _read_only(db.parent):  # the file is writable, its directory (for the WAL) not
        code, err = _dedup_cli(more, db)
    assert code == 2 and err.startswith("Error: ") and "must be writable" in err
    with _read_only(db):
        code, err = _dedup_cli(more, db)
    assert code == 2
    assert err.startswith(f"Error: index {db} is read-only (")
    with SqliteIndex(db, CFG.params()) as index:
        assert index.count() == 5  # nothing lost, nothing half-written


def test_an_index_in_a_missing_directory_says_so(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", bbc_rows()[:2])
    db = tmp_path / "nowhere" / "feed.db"
    code, err = _dedup_cli(feed, db)
    assert (code, err) == (
        2,
        f"Error: cannot create index {db}: directory {db.parent} does not exist",
    )
    assert not db.parent.exists()


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", bbc_rows()[:2])
    other = tmp_path / "app.db"
    con = sqlite3.connect(other)
    con.executescript("CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ann');")
    con.close()
    before = other.read_bytes()
    code, err = _dedup_cli(feed, other)
    assert code == 2
    assert err == (
        f"Error: {other} is a SQLite database of another program (tables: users), "
        "not a reconcile dedup index; refusing to change it: use a new file"
    )
    assert other.read_bytes() == before
    text = tmp_path / "notes.db"
    text.write_text("not a database at all\n" * 100)
    code, err = _dedup_cli(feed, text)
    assert (code, err) == (2, f"Error: {text}: not a usable dedup index (file is not a database)")
    # An empty file is a new index.
    empty = tmp_path / "empty.db"
    empty.touch()
    assert _dedup_cli(feed, empty)[0] == 0


def test_more_candidates_than_are_verified_still_find_the_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reconcile.dedup.engine as engine

    # Ten copies of one story: the last ones have more earlier copies than the two a
    # document verifies, so the cut (and its order of ties) is taken.
    text = bbc_rows()[0]["text"]
    rows = [{"id": f"copy-{i}", "text": f"{text}\n\nEdition {i}."} for i in range(10)]
    cut: list[int] = []
    counted = engine.proposals

    def spy(keys: list[int], found: dict[int, list[int]], local: dict[int, list[int]]) -> object:
        hits = counted(keys, found, local)
        cut.append(len(hits))
        return hits

    monkeypatch.setattr(engine, "proposals", spy)
    for batch_size in (4, 512):  # earlier copies in the index, and in the same batch
        cfg = DedupConfig(workers=1, batch_size=batch_size, max_candidates=2)
        results = run(records(rows), tmp_path / f"b{batch_size}.db", cfg)
        assert set(cluster_of(results).values()) == {"copy-0"}
    assert max(cut) > 2


# -- band runs --------------------------------------------------------------------------


def test_band_runs_answer_lookups_like_a_plain_table_through_merges_and_removals() -> None:
    from reconcile.dedup.index import _runs

    rng = np.random.default_rng(7)
    table: dict[int, set[int]] = {}
    runs: list[_runs.Run] = []
    dead = np.zeros(0, dtype=np.int64)
    seq = 0
    # Batches of ~40 keys a document drawn from a small key space, so keys repeat across
    # runs; enough batches that tiers 0 and 1 both fill and merge.
    for batch in range(80):
        docs = np.arange(seq, seq + 50)
        seq += 50
        keys = rng.integers(-(2**62), 2**62, size=(50, 40)) % 5000
        pairs = np.repeat(docs, 40), keys.ravel().astype(np.int64)
        for s, k in zip(*(a.tolist() for a in pairs), strict=True):
            table.setdefault(k, set()).add(s)
        runs.append(_runs.make_run(batch, pairs[1], pairs[0]))
        if batch % 9 == 4:  # remove a few documents now and then
            gone = rng.choice(seq, size=5, replace=False).astype(np.int64)
            dead = np.union1d(dead, gone)
        while (group := _runs.plan_merge(runs)) is not None:
            merged = _runs.merge(1000 + batch, group, dead)
            runs = [r for r in runs if r not in group] + [merged]
    assert len(runs) < 80 and max(r.tier for r in runs) >= 1  # merges happened
    query = np.arange(-10, 5010, dtype=np.int64)
    found = _runs.lookup(runs, query, dead)
    dead_set = set(dead.tolist())
    expected = {k: sorted(s - dead_set) for k, s in table.items() if s - dead_set}
    assert found == expected


@pytest.mark.parametrize("size", ["filter", "filter and directory"])
def test_a_large_run_s_directory_and_filter_answer_as_a_plain_search(size: str) -> None:
    from reconcile.dedup.index import _runs

    rng = np.random.default_rng(11)
    n = (_runs._FILTER_FROM if size == "filter" else _runs._DIRECTORY_FROM) + 12345
    keys = rng.integers(-(2**63), 2**63 - 1, size=n, dtype=np.int64)
    keys[:3] = [-(2**63), 2**63 - 1, 0]  # the ends of the key space, and its middle
    keys[3:50] = keys[50]  # one key many documents share (past the short scan)
    big = _runs.make_run(0, keys, np.arange(n, dtype=np.int64))
    assert big.filter is not None
    assert (big.directory is not None) == (size == "filter and directory")
    absent = rng.integers(-(2**63), 2**63 - 1, size=20000, dtype=np.int64)
    query = np.unique(np.concatenate([keys[::7], absent, [-(2**63), 2**63 - 1]]))
    held = np.isin(query, big.keys)
    assert big.may_hold(query)[held].all()  # never a false "absent"
    assert big.may_hold(query)[~held].mean() < 0.3  # most absent keys stop at the bitmap
    order = np.argsort(keys, kind="stable")
    expected: dict[int, list[int]] = {}
    for k, s in zip(keys[order].tolist(), order.tolist(), strict=True):
        expected.setdefault(k, []).append(s)
    wanted = set(query.tolist())
    assert _runs.lookup([big], query, np.zeros(0, np.int64)) == {
        k: v for k, v in expected.items() if k in wanted
    }


def test_a_rolled_back_batch_leaves_no_band_keys_behind(tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    run(records(bbc_rows()[:20]), db)
    keys = _band_keys(db)
    with SqliteIndex(db, CFG.params()) as index:
        before = index.lookup(keys)
        doc = next(iter(index.fetch([1]).values()))
        with pytest.raises(KeyboardInterrupt), index.batch():
            first = index.allocate(1)
            ghost = replace(doc, seq=first, id="ghost", keys=np.array(keys[:5], np.int64))
            index.add([ghost])
            assert first in _seqs_found(index, keys[:5])  # seen inside the batch
            raise KeyboardInterrupt
        assert index.lookup(keys) == before
    with SqliteIndex(db, CFG.params()) as index:
        assert index.lookup(keys) == before


def test_a_second_connection_sees_the_first_ones_batches(tmp_path: Path) -> None:
    db = tmp_path / "feed.db"
    run(records(bbc_rows()[:10]), db)
    with SqliteIndex(db, CFG.params()) as reader:
        keys = _band_keys(db)
        assert _seqs_found(reader, keys) == set(range(1, 11))
        run(records(bbc_rows()[10:20]), db)  # another connection writes
        assert _seqs_found(reader, _band_keys(db)) == set(range(1, 21))
        with SqliteIndex(db, CFG.params()) as other:
            other.remove([bbc_rows()[0]["id"]])
        assert 1 not in _seqs_found(reader, keys)


def test_an_index_with_a_band_table_is_converted_when_opened(tmp_path: Path) -> None:
    # The layout before band runs: one (key, seq) row per band key.
    db = tmp_path / "feed.db"
    run(records(bbc_rows()[:30]), db)
    keys = _band_keys(db)
    with SqliteIndex(db, CFG.params()) as index:
        expected = index.lookup(keys)
    pairs = [(k, s) for k, seqs in expected.items() for s in seqs]
    con = sqlite3.connect(db)
    con.executescript(
        "CREATE TABLE bands (key INTEGER NOT NULL, seq INTEGER NOT NULL, "
        "PRIMARY KEY (key, seq)) WITHOUT ROWID; DROP TABLE band_parts; DROP TABLE band_runs; "
        "DELETE FROM meta WHERE key = 'runs_gen';"
    )
    con.executemany("INSERT INTO bands VALUES (?, ?)", pairs)
    con.commit()
    con.close()
    with SqliteIndex(db, CFG.params()) as index:
        assert index.lookup(keys) == expected
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    con.close()
    assert "bands" not in tables and "band_runs" in tables
    # and it goes on finding duplicates
    again = [Record("copy", bbc_rows()[3]["text"], "x")]
    assert cluster_of(run(again, db)) == {"copy": bbc_rows()[3]["id"]}


def test_a_large_runs_prefix_directory_finds_what_a_binary_search_finds() -> None:
    from reconcile.dedup.index import _runs

    rng = np.random.default_rng(3)
    lim = np.iinfo(np.int64)
    keys = rng.integers(lim.min, lim.max, size=300_000, dtype=np.int64)
    keys = np.concatenate([keys, keys[:20_000], [lim.min, lim.max, lim.max]])  # repeats
    run_ = _runs.make_run(1, keys, np.arange(len(keys)))
    assert run_.directory is not None
    query = np.unique(
        np.concatenate(
            [rng.choice(keys, 5000), rng.integers(lim.min, lim.max, 5000), [lim.min, lim.max]]
        ).astype(np.int64)
    )
    expected = np.searchsorted(run_.keys, query, side="left")
    assert np.array_equal(run_.lower_bound(query), expected)


def test_run_lookups_return_every_document_of_a_common_key() -> None:
    from reconcile.dedup.index import _runs

    keys = np.array([5] * 30 + [7, 9, 9], dtype=np.int64)
    run_ = _runs.make_run(1, keys, np.arange(len(keys)))
    found = _runs.lookup([run_], np.array([5, 6, 9, 10], np.int64), np.array([3], np.int64))
    assert found == {5: [s for s in range(30) if s != 3], 9: [31, 32]}


def _edited(text: str) -> str:
    paras = [p for p in text.split("\n") if p.strip()]
    return "\n\n".join([*paras[:-1], "A closing paragraph the reprinting site added today."])


def _estimates(results: list[object]) -> dict[str, float]:
    return {
        m.id: m.match.estimated_jaccard
        for c in results
        if isinstance(c, Cluster)
        for m in c.members
        if m.match is not None
    }


def test_rows_keep_the_match_estimate_instead_of_the_signature(tmp_path: Path) -> None:
    from reconcile.dedup._prepare import Prepared, prepare
    from reconcile.dedup.stages import estimated_jaccard

    db = tmp_path / "feed.db"
    rows = bbc_rows()[:20]
    first = run(records(rows[:10]), db)
    reprints = [Record(f"re-{r['id']}", _edited(str(r["text"])), "x") for r in rows[:2]]
    later = run([*records(rows[10:]), *reprints], db)  # reprints of the earlier run's documents
    con = sqlite3.connect(db)
    try:
        stored = con.execute("SELECT length(sig), estimate FROM docs").fetchall()
    finally:
        con.close()
    assert len(stored) == 22 and all(size == 0 and est is not None for size, est in stored)
    # What the output reports is the estimate of the two signatures, as when both were
    # in memory: the earlier document's was computed again from its stored shingles.
    found = _estimates(later)
    assert set(found) == {"re-" + str(r["id"]) for r in rows[:2]}
    for r in rows[:2]:
        a = prepare(Record(str(r["id"]), str(r["text"]), "x"), CFG)
        b = prepare(Record("re", _edited(str(r["text"])), "x"), CFG)
        assert isinstance(a, Prepared) and isinstance(b, Prepared)
        assert found["re-" + str(r["id"])] == estimated_jaccard(a.signature, b.signature)
    assert not _estimates(first)


def test_an_index_without_stored_estimates_reports_them_from_its_signatures(
    tmp_path: Path,
) -> None:
    db = tmp_path / "feed.db"
    rows = bbc_rows()[:12]
    reprint = Record("re", _edited(str(rows[3]["text"])), "x")
    fresh = _estimates(run([*records(rows), reprint], tmp_path / "fresh.db"))
    # The layout before estimates: a signature in every row, no estimate column (what a
    # Spark backfill still writes, with the estimate left empty).
    cfg = DedupConfig(workers=1, batch_size=4)
    with SqliteIndex(db, cfg.params()) as index:
        original = SqliteIndex.add

        def without_estimates(self: SqliteIndex, docs: list[object]) -> None:
            original(self, [replace(d, estimate=None) for d in docs])  # type: ignore[type-var]

        SqliteIndex.add = without_estimates  # type: ignore[assignment,method-assign]
        try:
            list(deduplicate([*records(rows), reprint], cfg, index))
        finally:
            SqliteIndex.add = original  # type: ignore[method-assign]
    con = sqlite3.connect(db)
    try:
        con.execute("ALTER TABLE docs DROP COLUMN estimate")
        con.commit()
    finally:
        con.close()
    # Read back (and migrated) by a run that feeds the same documents again.
    again = _estimates(run([*records(rows), reprint], db))
    assert again == fresh and set(fresh) == {"re"}
