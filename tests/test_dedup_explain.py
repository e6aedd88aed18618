"""Every match explained: matched_with on cluster members, and `--explain A B` on BBC pairs."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from reconcile.cli import main
from reconcile.dedup import Cluster, DedupConfig, Record, SqliteIndex, deduplicate, read_inputs
from reconcile.dedup._prepare import Prepared, prepare
from reconcile.dedup.explain import explain
from reconcile.dedup.stages import set_scores

from .dedup_support import bbc_rows, write_jsonl

CFG = DedupConfig(workers=1)
# Real BBC pairs, found by brute force over the corpus.
DUPLICATE = ("bbc-tech-043", "bbc-tech-326")  # Jaccard 0.747
EXCERPT = ("bbc-politics-111", "bbc-politics-293")  # Jaccard 0.356, containment 0.946
OVERLAP = ("bbc-politics-088", "bbc-politics-337")  # four shared paragraphs
UNRELATED = ("bbc-business-001", "bbc-sport-001")


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[Cluster]]:
    tmp = tmp_path_factory.mktemp("explain")
    wanted = {i for pair in (DUPLICATE, EXCERPT, OVERLAP, UNRELATED) for i in pair}
    rows = [r for i, r in enumerate(bbc_rows()) if i % 4 == 0 or r["id"] in wanted]
    feed = write_jsonl(tmp / "feed.jsonl", rows)
    db = tmp / "feed.db"
    with SqliteIndex(db, CFG.params()) as index:
        results = list(deduplicate(read_inputs([str(feed)], CFG), CFG, index))
    return feed, db, [r for r in results if isinstance(r, Cluster)]


def _shingle_set(doc_id: str) -> np.ndarray:  # type: ignore[type-arg]
    row = next(r for r in bbc_rows() if r["id"] == doc_id)
    p = prepare(Record(doc_id, row["text"], doc_id), CFG)
    assert isinstance(p, Prepared)
    return np.unique(p.shingles)


def test_every_member_names_the_document_it_matched_with_exact_scores(
    indexed: tuple[Path, Path, list[Cluster]],
) -> None:
    _, _, clusters = indexed
    checked = 0
    for c in clusters:
        ids = {m.id for m in c.members}
        openers = [m for m in c.members if m.match is None]
        assert len(openers) == 1  # exactly one member opened the cluster, matching nothing
        for m in c.members:
            line = m.to_json()
            assert "matched_with" in line
            if m.match is None:
                continue
            assert m.match.with_id in ids and m.match.with_id != m.id
            jaccard, containment = set_scores(_shingle_set(m.id), _shingle_set(m.match.with_id))
            assert m.match.jaccard == pytest.approx(jaccard)
            assert m.match.containment == pytest.approx(containment)
            if m.match.relation == "duplicate":
                assert jaccard >= CFG.duplicate
            else:
                assert m.match.relation == "excerpt" and containment >= CFG.excerpt
            assert abs(m.match.estimated_jaccard - jaccard) < 0.2
            checked += 1
    assert checked >= 15
    by_id = {m.id: m for c in clusters for m in c.members}
    dup = by_id[DUPLICATE[1]].to_json()
    assert dup["matched_with"] == DUPLICATE[0] and dup["match_relation"] == "duplicate"
    assert dup["jaccard"] == pytest.approx(0.747, abs=0.001)
    exc = by_id[EXCERPT[1]].to_json()
    assert exc["matched_with"] == EXCERPT[0] and exc["match_relation"] == "excerpt"
    assert exc["containment"] == pytest.approx(0.946, abs=0.001)


def test_explain_a_duplicate_pair(indexed: tuple[Path, Path, list[Cluster]]) -> None:
    feed, db, _ = indexed
    with SqliteIndex(db, CFG.params()) as index:
        e = explain(read_inputs([str(feed)], CFG), *DUPLICATE, CFG, index)
    assert e.relation == "duplicate" and e.grouped is True and e.candidate
    assert e.jaccard == pytest.approx(0.747, abs=0.001) and e.bands_shared >= 1
    assert e.passages[0].text_a.startswith("DVDs will be harder to copy")
    assert e.passages[0].text_a == e.passages[0].text_b
    assert e.verdict().startswith("Duplicate: bbc-tech-043 and bbc-tech-326")
    assert e.placements is not None and e.placements[1] is not None
    assert e.placements[1].matched_with == DUPLICATE[0]


def test_explain_an_excerpt_found_through_its_paragraphs(
    indexed: tuple[Path, Path, list[Cluster]],
) -> None:
    feed, db, _ = indexed
    with SqliteIndex(db, CFG.params()) as index:
        e = explain(read_inputs([str(feed)], CFG), *EXCERPT, CFG, index)
    assert e.relation == "excerpt" and e.grouped is True
    # No document band in common: only the paragraph keys made them candidates.
    assert e.bands_shared == 0 and e.passage_keys_shared > 0
    assert e.jaccard < CFG.duplicate <= CFG.excerpt <= e.containment


def test_explain_an_overlap_and_an_unrelated_pair(
    indexed: tuple[Path, Path, list[Cluster]],
) -> None:
    feed, db, _ = indexed
    with SqliteIndex(db, CFG.params()) as index:
        overlap = explain(read_inputs([str(feed)], CFG), *OVERLAP, CFG, index)
        unrelated = explain(read_inputs([str(feed)], CFG), *UNRELATED, CFG, index)
    assert overlap.relation == "overlap" and overlap.grouped is False
    assert len(overlap.passages) == 4
    for p in overlap.passages:
        assert p.jaccard >= CFG.passage
        # The same passage, quoted from each original: most words in common.
        words_a, words_b = set(p.text_a.split()), set(p.text_b.split())
        assert len(words_a & words_b) / len(words_a | words_b) > 0.5
    assert overlap.verdict().startswith("Overlap: not one story")
    assert unrelated.relation is None and not unrelated.candidate
    assert unrelated.grouped is False and unrelated.passages == ()
    assert unrelated.verdict().startswith("Not related: Jaccard 0.000 < 0.7")


def test_explain_on_the_command_line(indexed: tuple[Path, Path, list[Cluster]]) -> None:
    feed, db, _ = indexed
    runner = CliRunner()
    args = ["dedup", str(feed), "--index", str(db), "--explain", *DUPLICATE]
    res = runner.invoke(main, args, env={"COLUMNS": "160"})
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "exact Jaccard        0.747  >= 0.7: a duplicate" in out
    assert "bbc-tech-326 is in the cluster bbc-tech-043, duplicate of bbc-tech-043" in out
    assert out.count("DVDs will be harder to copy") == 2  # side by side
    with SqliteIndex(db, CFG.params()) as index:
        before = index.count()
    res = runner.invoke(main, ["dedup", str(feed), "--explain", "bbc-tech-043", "nope"])
    assert res.exit_code == 2 and res.stderr.strip() == "Error: id 'nope' is not in the input"
    res = runner.invoke(
        main, ["dedup", str(feed), "--index", str(db) + "x", "--explain", *DUPLICATE]
    )
    assert res.exit_code == 2 and "no such index" in res.stderr
    assert not Path(str(db) + "x").exists()
    with SqliteIndex(db, CFG.params()) as index:
        assert index.count() == before  # explaining indexes nothing
    lines = [json.loads(line) for line in feed.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == before


def test_explain_as_json(indexed: tuple[Path, Path, list[Cluster]]) -> None:
    feed, db, _ = indexed
    runner = CliRunner()
    args = ["dedup", str(feed), "--index", str(db), "--explain", *EXCERPT, "--json"]
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["relation"] == "excerpt" and out["candidate"] and out["grouped"] is True
    assert round(out["scores"]["jaccard"], 3) == 0.356
    assert round(out["scores"]["containment"], 3) == 0.946
    assert out["scores"]["document_bands_shared"] == 0 and out["scores"]["passage_keys_shared"] > 0
    assert out["thresholds"] == {"duplicate": 0.7, "excerpt": 0.8, "passage": 0.6}
    assert out["verdict"].startswith("Excerpt: the shorter of bbc-politics-111")
    first, second = out["placements"]
    assert first == {
        "id": "bbc-politics-111",
        "cluster": "bbc-politics-111",
        "relation": None,
        "matched_with": None,
        "similarity": 1.0,
    }
    assert second["cluster"] == "bbc-politics-111" and second["relation"] == "excerpt"
    assert len(out["passages"]) == 12 and all(p["jaccard"] >= 0.6 for p in out["passages"])
    # Without an index: the scores alone, no placements.
    res = runner.invoke(main, ["dedup", str(feed), "--explain", *UNRELATED, "--json"])
    out = json.loads(res.stdout)
    assert out["relation"] is None and out["placements"] is None and out["grouped"] is None
    res = runner.invoke(main, ["dedup", str(feed), "--json"])
    assert res.exit_code == 2 and "--json goes with --explain" in res.stderr


def test_chinese_passages_are_shown_whole_side_by_side() -> None:
    import io
    import re

    from rich.console import Console

    from reconcile.render.dedup import render_explanation

    from .helpers import PRESS

    e = explain(read_inputs([str(PRESS)], CFG), "ministry-report.txt", "web-report.txt", CFG)
    assert e.relation == "overlap" and len(e.passages) == 3
    out = io.StringIO()
    render_explanation(e, Console(file=out, width=100))
    shown = len(re.findall(r"[\u4e00-\u9fff]", out.getvalue()))
    # Text without spaces is folded between characters, not cut to one line per cell.
    quoted = sum(
        min(len(re.findall(r"[\u4e00-\u9fff]", t)), 300)
        for p in e.passages
        for t in (p.text_a, p.text_b)
    )
    assert shown >= quoted
