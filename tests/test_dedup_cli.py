"""`reconcile dedup` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconcile.cli import main

from .dedup_support import bbc_rows, write_jsonl


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _longest() -> dict[str, str]:
    return max(bbc_rows()[:30], key=lambda r: r["text"].count("\n\n"))


@pytest.fixture
def feed(tmp_path: Path) -> Path:
    rows = [{"id": r["id"], "text": r["text"]} for r in bbc_rows()[:30]]
    rows.append({"id": "reprint", "text": "A different headline\n\n" + rows[3]["text"]})
    short = "\n\n".join(_longest()["text"].split("\n\n")[:4])
    rows.append({"id": "excerpt", "text": short})
    return write_jsonl(tmp_path / "feed.jsonl", rows)


def test_dedup_writes_clusters_and_a_summary(runner: CliRunner, feed: Path) -> None:
    res = runner.invoke(main, ["dedup", str(feed)])
    assert res.exit_code == 0, res.output
    clusters = [json.loads(line) for line in res.stdout.splitlines()]
    assert sum(c["size"] for c in clusters) == 32
    by_id = {c["cluster"]: c for c in clusters}
    rows = bbc_rows()
    assert [m["relation"] for m in by_id[rows[3]["id"]]["members"]] == [
        "representative",
        "duplicate",
    ]
    excerpt = by_id[_longest()["id"]]["members"][1]
    assert excerpt["id"] == "excerpt" and excerpt["relation"] == "excerpt"
    assert excerpt["similarity"] >= 0.95
    assert "documents read" in res.stderr and "32" in res.stderr
    assert "\x1b[" not in res.stderr  # no progress display when stderr is not a terminal


def test_emit_unique_keeps_one_document_per_cluster(runner: CliRunner, feed: Path) -> None:
    res = runner.invoke(main, ["dedup", str(feed), "--emit", "unique", "--keep", "longest"])
    assert res.exit_code == 0, res.output
    kept = [json.loads(line) for line in res.stdout.splitlines()]
    ids = [k["id"] for k in kept]
    assert len(ids) == 30 and "excerpt" not in ids
    assert _longest()["id"] in ids  # the full story, not the excerpt
    assert all(k["text"] for k in kept)


def test_emit_unique_from_a_directory_decodes_the_files(runner: CliRunner, tmp_path: Path) -> None:
    text = bbc_rows()[2]["text"]
    (tmp_path / "a.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    res = runner.invoke(main, ["dedup", str(tmp_path), "--emit", "unique"])
    assert res.exit_code == 0, res.output
    (kept,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert kept == {"id": "a.txt", "text": text}


def test_keep_longest_picks_the_full_story(runner: CliRunner, tmp_path: Path) -> None:
    full = bbc_rows()[8]["text"]
    short = "\n\n".join(full.split("\n\n")[:3])
    src = write_jsonl(tmp_path / "f.jsonl", [{"id": "s", "text": short}, {"id": "f", "text": full}])
    first = runner.invoke(main, ["dedup", str(src)])
    longest = runner.invoke(main, ["dedup", str(src), "--keep", "longest"])
    assert json.loads(first.stdout)["cluster"] == "s"
    assert json.loads(longest.stdout)["cluster"] == "f"


def test_index_file_output_removal_and_retention(
    runner: CliRunner, feed: Path, tmp_path: Path
) -> None:
    db, out = tmp_path / "feed.db", tmp_path / "clusters.jsonl"
    assert (
        runner.invoke(main, ["dedup", str(feed), "--index", str(db), "-o", str(out)]).exit_code == 0
    )
    assert len(out.read_text(encoding="utf-8").splitlines()) == 30
    res = runner.invoke(main, ["dedup", "--index", str(db), "--remove", "reprint", "--remove", "x"])
    assert res.exit_code == 0 and "removed 1 of 2 ids" in res.stderr
    res = runner.invoke(main, ["dedup", "--index", str(db), "--retain-days", "1"])
    assert res.exit_code == 0 and "removed 0 documents older than 1 days" in res.stderr


def test_errors_are_one_line_and_nonzero(runner: CliRunner, feed: Path, tmp_path: Path) -> None:
    res = runner.invoke(main, ["dedup", str(tmp_path / "missing.jsonl")])
    assert res.exit_code == 2
    assert res.stderr.strip() == f"Error: {tmp_path / 'missing.jsonl'}: no such file or directory"
    db = tmp_path / "i.db"
    runner.invoke(main, ["dedup", str(feed), "--index", str(db)])
    res = runner.invoke(main, ["dedup", str(feed), "--index", str(db), "--strict"])
    assert res.exit_code == 0  # the same feed again is not bad input
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps({"id": "bbc-business-001", "text": "New words entirely."}))
    res = runner.invoke(main, ["dedup", str(changed), "--index", str(db), "--strict"])
    assert res.exit_code == 2
    assert res.stderr.strip() == (
        f"Error: {changed}:1: id 'bbc-business-001' is already indexed with different text; "
        "remove it first (--remove) to index the new version (stopping: --strict)"
    )
    res = runner.invoke(main, ["dedup"])
    assert res.exit_code == 2 and "give at least one INPUT" in res.stderr


def test_bad_lines_become_error_records(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "f.jsonl"
    src.write_text('{"id": "a", "text": "Some words here."}\n{oops\n', encoding="utf-8")
    res = runner.invoke(main, ["dedup", str(src)])
    assert res.exit_code == 0
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert {"error": "not valid JSON (Expecting property name enclosed in double quotes at column 2)",
            "input": f"{src}:2", "id": None} in lines  # fmt: skip


def test_stdin_and_custom_fields(runner: CliRunner) -> None:
    text = bbc_rows()[0]["text"]
    data = "\n".join(json.dumps({"key": k, "body": text}) for k in ("x", "y"))
    res = runner.invoke(
        main, ["dedup", "-", "--id-field", "key", "--text-field", "body"], input=data
    )
    assert res.exit_code == 0, res.output
    (cluster,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert [m["id"] for m in cluster["members"]] == ["x", "y"]


def test_dedup_has_help(runner: CliRunner) -> None:
    res = runner.invoke(main, ["dedup", "--help"])
    assert res.exit_code == 0 and "--retain-days" in res.stdout and "redis://" in res.stdout


def test_dedup_option_defaults_match_the_library_config() -> None:
    # The CLI states its defaults literally (importing the dedup package at start-up
    # would load numpy for every command), so this keeps the two from drifting apart.
    from reconcile.dedup import DedupConfig

    lib = DedupConfig()
    params = {p.name: p.default for p in main.commands["dedup"].params}  # type: ignore[attr-defined]
    for name in ("duplicate", "excerpt", "passage", "keep", "batch_size"):
        assert params[name] == getattr(lib, name), name
    assert params["id_field"] == lib.id_field
    assert params["text_field"] == lib.text_field
    assert params["published_field"] == lib.published_field


def test_help_names_every_exit_status(runner: CliRunner) -> None:
    res = runner.invoke(main, ["dedup", "--help"])
    for status in ("0 ", "2 ", "3 ", "130 "):
        assert f"\n    {status}" in res.stdout, status
    assert "--fail-on-skip" in res.stdout


def test_fail_on_skip_exits_3_after_processing_everything(
    runner: CliRunner, tmp_path: Path
) -> None:
    src = tmp_path / "f.jsonl"
    text = bbc_rows()[0]["text"]
    src.write_text(
        json.dumps({"id": "a", "text": text})
        + '\n{"id": null}\n'
        + json.dumps({"id": 2, "text": text})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    res = runner.invoke(main, ["dedup", str(src), "-o", str(out), "--fail-on-skip"])
    assert res.exit_code == 3, res.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["error"] == "record's 'id' is null; an id is a string or an integer"
    assert [m["id"] for m in lines[1]["members"]] == ["a", "2"]  # processed to the end
    res = runner.invoke(main, ["dedup", str(src)])
    assert res.exit_code == 0  # without the flag, a skipped record is reported, not fatal


def test_a_finished_output_file_holds_the_results_only(
    runner: CliRunner, feed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "clusters.jsonl"
    res = runner.invoke(main, ["dedup", str(feed), "-o", str(out), "--batch-size", "8"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all("cluster" in line for line in lines)  # the committed lines were replaced
    assert sum(line["size"] for line in lines) == 32
    assert not (tmp_path / "clusters.jsonl.part").exists()


def test_emit_committed_writes_each_batch_as_it_commits(runner: CliRunner, feed: Path) -> None:
    res = runner.invoke(main, ["dedup", str(feed), "--emit", "committed", "--batch-size", "8"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(line) for line in res.stdout.splitlines()]
    assert sorted(line["committed"] for line in lines) == sorted(
        [r["id"] for r in bbc_rows()[:30]] + ["reprint", "excerpt"]
    )
    by_id = {line["committed"]: line for line in lines}
    assert by_id["reprint"]["relation"] == "duplicate"
    assert by_id["reprint"]["matched_with"] == bbc_rows()[3]["id"]
    assert by_id["excerpt"]["relation"] == "excerpt"
    assert "clusters" in res.stderr  # the summary counts the clusters opened
    res = runner.invoke(main, ["dedup", str(feed), "--emit", "committed", "--engine", "spark"])
    assert res.exit_code == 2 and "--emit committed is not available" in res.stderr


def test_emit_committed_on_a_pipe_is_written_while_the_run_goes(tmp_path: Path) -> None:
    import subprocess
    import sys
    import threading

    rows = bbc_rows()[:100]
    command = [sys.executable, "-m", "reconcile.cli", "dedup", "-", "--emit", "committed"]
    command += ["--batch-size", "8", "--workers", "1"]
    proc = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdin is not None and proc.stdout is not None
    watchdog = threading.Timer(120, proc.kill)  # a hang fails the test instead of stalling it
    watchdog.start()
    try:
        # One chunk of records (64, what a worker task takes) in, and the input left
        # open: the run is still waiting for more, and its committed lines are out.
        for r in rows[:70]:
            proc.stdin.write(json.dumps({"id": r["id"], "text": r["text"]}) + "\n")
        proc.stdin.flush()
        first = [json.loads(proc.stdout.readline()) for _ in range(16)]
        assert proc.poll() is None
        assert [line["committed"] for line in first] == [r["id"] for r in rows[:16]]
        for r in rows[70:]:
            proc.stdin.write(json.dumps({"id": r["id"], "text": r["text"]}) + "\n")
        proc.stdin.close()
        rest = [json.loads(line) for line in proc.stdout]
        assert proc.wait(timeout=60) == 0
    finally:
        watchdog.cancel()
        proc.kill()
        proc.wait()
    assert len(first) + len(rest) == 100
