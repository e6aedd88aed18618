"""Ctrl-C and kills: a real SIGINT to a real run, as a terminal sends it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .dedup_support import bbc_rows, write_jsonl

ROOT = Path(__file__).resolve().parents[1]


def _feed(tmp_path: Path) -> Path:
    rows = list(bbc_rows())
    # Reprints under new ids, so the interrupted run has duplicates to report.
    rows += [{"id": f"reprint-{r['id']}", "text": "UPDATED\n\n" + r["text"]} for r in rows[:300]]
    return write_jsonl(tmp_path / "feed.jsonl", rows)


def _dedup(feed: Path, db: Path, out: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "reconcile.cli", "dedup", str(feed), "--index", str(db)]
    return subprocess.Popen(
        [*command, "-o", str(out), "--workers", "2", "--batch-size", "64"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,  # its own process group, which we interrupt like a terminal
    )


def _wait_for_commits(out: Path, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if out.exists() and out.read_text(encoding="utf-8").count('"committed"') >= 64:
            return
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it could be interrupted: {proc.stderr}")
        time.sleep(0.02)
    pytest.fail("no batch was committed within 120 s")


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_stops_cleanly_keeps_committed_batches_and_resumes(
    tmp_path: Path, presses: int
) -> None:
    feed, db, out = _feed(tmp_path), tmp_path / "feed.db", tmp_path / "out.jsonl"
    proc = _dedup(feed, db, out)
    _wait_for_commits(out, proc)
    for _ in range(presses):
        os.killpg(proc.pid, signal.SIGINT)  # the terminal signals the whole group
        time.sleep(0.05)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the run froze after Ctrl-C")
    assert proc.returncode == 130, err
    for noise in ("Traceback", "KeyboardInterrupt", "ForkPoolWorker"):
        assert noise not in err
    assert "Run the same command again to resume" in err
    # The output file is the committed documents, each line final, and nothing else.
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    committed = [line["committed"] for line in lines if "committed" in line]
    assert committed and len(committed) == len(lines)
    with sqlite3.connect(db) as con:
        indexed = {row[0] for row in con.execute("SELECT id FROM docs")}
    assert set(committed) == indexed
    assert not (tmp_path / "out.jsonl.part").exists()
    for line in lines:
        if line["relation"] == "duplicate":
            # A reprint, or one of the BBC set's own duplicates when the run got that far:
            # either way it matched a document that is in the index.
            assert line["matched_with"] in indexed
            if line["committed"].startswith("reprint-"):
                assert line["committed"] == "reprint-" + line["matched_with"]
    # The same command again finishes the feed; the committed documents are not redone.
    again = _dedup(feed, db, out)
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    members = [m for r in results for m in r["members"]]
    assert len(members) == len({m["id"] for m in members}) == 2225 + 300
    assert {m["id"] for m in members if m.get("again")} == indexed


def test_a_killed_run_leaves_its_committed_lines(tmp_path: Path) -> None:
    feed, db, out = _feed(tmp_path), tmp_path / "feed.db", tmp_path / "out.jsonl"
    proc = _dedup(feed, db, out)
    _wait_for_commits(out, proc)
    os.killpg(proc.pid, signal.SIGKILL)  # no handler, no cleanup
    proc.communicate(timeout=60)
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not text.endswith("\n"):
        lines = lines[:-1]  # a kill can cut the line being written; every other is whole
    committed = {json.loads(line)["committed"] for line in lines}
    with sqlite3.connect(db) as con:
        indexed = {row[0] for row in con.execute("SELECT id FROM docs")}
    # Every line names an indexed document; at most the batch in flight (64) is in the
    # index without its lines, and the next run reports it as fed again.
    assert committed and committed <= indexed
    assert len(indexed - committed) <= 64
