"""Bad input is reported with its line or path, counted, and never lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reconcile.dedup import (
    Cluster,
    DedupConfig,
    InputProblem,
    SqliteIndex,
    deduplicate,
    read_inputs,
)
from reconcile.errors import InputError

from .dedup_support import bbc_rows

CFG = DedupConfig(workers=1, batch_size=7)


def _messy_feed(tmp_path: Path) -> tuple[Path, Path]:
    rows = bbc_rows()[:20]
    lines = [json.dumps({"id": r["id"], "text": r["text"]}).encode() for r in rows]
    lines.insert(3, b'{"id": "broken", "text": "no closing brace"')
    lines.insert(6, json.dumps({"id": "empty", "text": "  "}).encode())
    lines.insert(8, json.dumps({"text": rows[0]["text"]}).encode())  # no id
    lines.insert(9, b"[1, 2, 3]")
    lines.insert(10, json.dumps({"id": rows[4]["id"], "text": "repeat id"}).encode())
    zh = "工业和信息化部新闻发言人赵志国在会上表示，发展新质生产力是推动高质量发展的内在要求。"
    lines.append(json.dumps({"id": "gb", "text": zh}, ensure_ascii=False).encode("gb18030"))
    lines.append(b"")
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b"\n".join(lines) + b"\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(rows[10]["text"], encoding="utf-8")
    (docs / "b.txt").write_bytes(rows[10]["text"].encode("utf-16"))  # same story, UTF-16
    (docs / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (docs / "sub").mkdir()
    (docs / "sub" / "c.txt").write_bytes(zh.encode("gb18030"))
    return feed, docs


def test_every_input_appears_exactly_once(tmp_path: Path) -> None:
    feed, docs = _messy_feed(tmp_path)
    with SqliteIndex(tmp_path / "i.db", CFG.params()) as index:
        run = deduplicate(read_inputs([str(feed), str(docs)], CFG), CFG, index)
        results = list(run)
    seen: list[str] = []
    errors: dict[str, str] = {}
    for r in results:
        if isinstance(r, Cluster):
            seen += [m.id for m in r.members]
        else:
            assert isinstance(r, InputProblem)
            errors[r.problem.origin] = r.problem.message
            seen.append(r.problem.origin)
    assert len(seen) == len(set(seen)) == 26 + 4  # 26 non-blank lines, 4 files
    assert errors == {
        f"{feed}:4": "not valid JSON (Expecting ',' delimiter at column 44)",
        f"{feed}:7": "record has no text in field 'text'",
        f"{feed}:9": "record has no 'id' field",
        f"{feed}:10": "not a JSON object",
        f"{feed}:11": f"id {bbc_rows()[4]['id']!r} appears twice in this input",
        f"{docs}/binary.bin": f"{docs}/binary.bin: looks like a binary file (it contains NUL bytes)",
    }
    assert run.summary.read == 30 and run.summary.errors == 6 and run.summary.indexed == 24
    clusters = {r.id: [m.id for m in r.members] for r in results if isinstance(r, Cluster)}
    assert clusters[bbc_rows()[10]["id"]] == [bbc_rows()[10]["id"], "a.txt", "b.txt"]
    assert clusters["gb"] == ["gb", "sub/c.txt"]  # GB18030 line and file, one story


def test_strict_stops_at_the_first_bad_input(tmp_path: Path) -> None:
    feed, _ = _messy_feed(tmp_path)
    cfg = DedupConfig(workers=1, strict=True)
    with (
        SqliteIndex(tmp_path / "i.db", cfg.params()) as index,
        pytest.raises(InputError, match=r"feed.jsonl:4: not valid JSON .* \(stopping: --strict\)"),
    ):
        list(deduplicate(read_inputs([str(feed)], cfg), cfg, index))


def test_a_missing_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.jsonl: no such file or directory"):
        list(read_inputs([str(tmp_path / "nope.jsonl")], CFG))


def test_a_lone_surrogate_is_a_character_not_a_failure(tmp_path: Path) -> None:
    # Half an emoji cut off by a scraper survives json.loads as a lone surrogate.
    text = bbc_rows()[0]["text"]
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "text": text + " \ud83d"})
        + "\n"
        + json.dumps({"id": "b", "text": text})
        + "\n",
        encoding="utf-8",
    )
    with SqliteIndex(tmp_path / "i.db", CFG.params()) as index:
        results = list(deduplicate(read_inputs([str(feed)], CFG), CFG, index))
    assert [[m.id for m in r.members] for r in results if isinstance(r, Cluster)] == [["a", "b"]]


def test_ids_integers_are_strings_and_other_values_are_named(tmp_path: Path) -> None:
    rows = bbc_rows()[:3]
    lines = [
        json.dumps({"id": 7, "text": rows[0]["text"]}),
        json.dumps({"id": "7", "text": rows[1]["text"]}),  # the same id as the integer 7
        json.dumps({"id": None, "text": rows[1]["text"]}),
        json.dumps({"id": {"n": 1}, "text": rows[1]["text"]}),
        json.dumps({"id": True, "text": rows[1]["text"]}),
        json.dumps({"id": 1.5, "text": rows[1]["text"]}),
        json.dumps({"id": [], "text": rows[1]["text"]}),
        json.dumps({"id": " ", "text": rows[1]["text"]}),
        '{"id": "x", "text": "unterminated',
        json.dumps({"id": 8, "text": rows[2]["text"]}),
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with SqliteIndex(tmp_path / "i.db", CFG.params()) as index:
        results = list(deduplicate(read_inputs([str(feed)], CFG), CFG, index))
    errors = {r.problem.origin: r.problem.message for r in results if isinstance(r, InputProblem)}
    assert errors == {
        f"{feed}:2": "id '7' appears twice in this input (first: " + f"{feed}:1)",
        f"{feed}:3": "record's 'id' is null; an id is a string or an integer",
        f"{feed}:4": "record's 'id' is an object; an id is a string or an integer",
        f"{feed}:5": "record's 'id' is a boolean; an id is a string or an integer",
        f"{feed}:6": "record's 'id' is a number with a fraction; an id is a string or an integer",
        f"{feed}:7": "record's 'id' is an array; an id is a string or an integer",
        f"{feed}:8": "record's 'id' is empty",
        f"{feed}:9": "not valid JSON (Unterminated string starting at column 21)",
    }
    ids = [m.to_json()["id"] for r in results if isinstance(r, Cluster) for m in r.members]
    assert ids == ["7", "8"]  # integers come back as their digits, always strings


def test_a_missing_corpus_fails_on_ci_and_skips_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    from .helpers import corpus

    missing = Path("/nonexistent/corpora/bbc-news-2225.jsonl")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"not found(.|\n)*CI=true"):
        corpus(missing)
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="not found"):
        corpus(missing)
