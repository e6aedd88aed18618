"""The Spark engine against the streaming one: same clusters, same lines, a usable index.

All tests share one ``local[2]`` session (starting a JVM takes ~10 s). Without pyspark
or Java they skip with a message off CI, and fail on CI, where ``make test`` installs both.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bench.metrics import pair_scores
from reconcile.cli import main
from reconcile.dedup import Cluster, DedupConfig, InputProblem, Result, open_index, read_inputs
from reconcile.dedup import deduplicate as embedded
from reconcile.dedup.index.sqlite import SqliteIndex

from .dedup_support import bbc_rows, cluster_of, generated, write_jsonl
from .test_dedup_redis import redis_url  # noqa: F401  (the Redis server fixture)

# The generated feed of the agreement test: 3,000 documents keeps the test's Spark time
# to about a minute on the shared 2-core machine; bench/dedup_spark.py measures 20,000.
GENERATED = 3000


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (on CI make test installs it)")
    pytest.skip(f"{reason}: pip install 'reconcile[spark]' and a Java 17 runtime")


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _missing("pyspark is not installed")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        _missing("java is not installed")
    from reconcile.dedup.spark import local_session

    session = local_session(2)
    yield session
    session.stop()


def _spark_run(
    spark: Any, inputs: list[str], cfg: DedupConfig, db: Path | str | None = None
) -> list[Result]:
    from reconcile.dedup.spark import SparkRun

    if db is None:
        return list(SparkRun(inputs, cfg, None, spark))
    with open_index(str(db), cfg) as index:
        return list(SparkRun(inputs, cfg, index, spark))


def _embedded_run(inputs: list[str], cfg: DedupConfig, db: Path) -> list[Result]:
    with SqliteIndex(db, cfg.params()) as index:
        return list(embedded(read_inputs(inputs, cfg), cfg, index))


def _f1(a: dict[str, str], b: dict[str, str]) -> float:
    s = pair_scores(a, b)
    return 2 * s["precision"] * s["recall"] / (s["precision"] + s["recall"])


def _lines(results: list[Result]) -> list[dict[str, Any]]:
    return [r.to_json() for r in results]


def test_bbc_clusters_and_lines_agree_with_the_embedded_engine(spark: Any, tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "bbc.jsonl", bbc_rows())
    cfg = DedupConfig(workers=1)
    ours = _spark_run(spark, [str(feed)], cfg)
    theirs = _embedded_run([str(feed)], cfg, tmp_path / "e.db")
    spark_clusters, embedded_clusters = cluster_of(ours), cluster_of(theirs)
    assert len(spark_clusters) == len(bbc_rows())
    assert _f1(embedded_clusters, spark_clusters) >= 0.99
    # The 160 pairs at Jaccard >= 0.7 make the same duplicates, the same excerpts and
    # the same shared passages: every output line is the embedded engine's.
    members = [m for c in ours if isinstance(c, Cluster) for m in c.members]
    assert sum(m.relation == "duplicate" for m in members) >= 150
    assert _lines(ours) == _lines(theirs)


def test_generated_feed_agrees_with_the_embedded_engine(spark: Any, tmp_path: Path) -> None:
    rows = generated(GENERATED)
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    cfg = DedupConfig(workers=1)
    ours = cluster_of(_spark_run(spark, [str(feed)], cfg))
    theirs = cluster_of(_embedded_run([str(feed)], cfg, tmp_path / "e.db"))
    assert len(ours) == len(theirs) == GENERATED
    assert _f1(theirs, ours) >= 0.99
    # And against the generator's truth, as well as the embedded engine does.
    truth = {str(r["id"]): str(r["cluster"]) for r in rows}
    assert pair_scores(truth, ours)["precision"] >= 0.99


def test_backfilled_index_lets_a_streaming_run_continue(spark: Any, tmp_path: Path) -> None:
    rows = generated(2000, seed=11)
    first, rest = rows[:1000], rows[1000:]
    cfg = DedupConfig(workers=1)
    db = tmp_path / "backfill.db"
    _spark_run(spark, [str(write_jsonl(tmp_path / "a.jsonl", first))], cfg, db)
    later = _embedded_run([str(write_jsonl(tmp_path / "b.jsonl", rest))], cfg, db)
    whole = cluster_of(
        _embedded_run([str(write_jsonl(tmp_path / "all.jsonl", rows))], cfg, tmp_path / "w.db")
    )
    continued = cluster_of(later)
    # Reprints in the second half of stories in the first: one run over the whole feed
    # puts them in a cluster of the first half, and so must the run after the backfill.
    earlier_ids = {str(r["id"]) for r in first}
    expected = sorted(d for d in continued if whole[d] in earlier_ids)
    found = sorted(d for d in continued if continued[d] in earlier_ids)
    assert len(expected) >= 10
    assert found == expected
    assert _f1({k: whole[k] for k in continued}, continued) >= 0.99
    # Fed again, the backfilled documents are recognised as indexed, not added twice.
    again = _embedded_run([str(tmp_path / "a.jsonl")], cfg, db)
    members = [m for c in again if isinstance(c, Cluster) for m in c.members]
    assert sum(m.again for m in members) == len(first)
    with SqliteIndex(db, cfg.params()) as index:
        assert index.count() == len(rows)


def test_backfill_into_redis_then_stream(spark: Any, redis_url: str, tmp_path: Path) -> None:  # noqa: F811
    import redis

    url = f"{redis_url}/7"
    redis.Redis.from_url(url).flushdb()
    rows = generated(600, seed=5)
    cfg = DedupConfig(workers=1)
    _spark_run(spark, [str(write_jsonl(tmp_path / "a.jsonl", rows[:300]))], cfg, url)
    with open_index(url, cfg) as index:
        later = list(
            embedded(
                read_inputs([str(write_jsonl(tmp_path / "b.jsonl", rows[300:]))], cfg), cfg, index
            )
        )
        assert index.count() == len(rows)
    whole = cluster_of(
        _embedded_run(
            [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")], cfg, tmp_path / "w.db"
        )
    )
    continued = cluster_of(later)
    assert any(m.earlier for c in later if isinstance(c, Cluster) for m in c.members)
    assert _f1({k: whole[k] for k in continued}, continued) >= 0.99


def test_bad_records_and_repeated_ids_are_reported_as_the_embedded_engine_does(
    spark: Any, tmp_path: Path
) -> None:
    text = bbc_rows()[0]["text"]
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(
        b"".join(
            [
                json.dumps({"id": "a", "text": text}).encode() + b"\n",
                b"not json\n",
                b"\n",
                json.dumps({"id": "b"}).encode() + b"\n",
                json.dumps({"id": "a", "text": "something else entirely"}).encode() + b"\n",
                json.dumps({"id": "c", "text": "Extra words. " + text}).encode() + b"\n",
                json.dumps({"id": "d", "text": "??? !!!"}).encode() + b"\n",
            ]
        )
    )
    cfg = DedupConfig(workers=1)
    ours = _lines(_spark_run(spark, [str(feed)], cfg))
    assert ours == _lines(_embedded_run([str(feed)], cfg, tmp_path / "e.db"))
    errors = [(r["input"], r["error"]) for r in ours if "error" in r]
    assert [e[0] for e in errors] == [f"{feed}:2", f"{feed}:4", f"{feed}:5", f"{feed}:7"]
    assert "appears twice" in errors[2][1]
    assert [m["id"] for m in ours[-1]["members"]] == ["a", "c"]


def test_a_directory_of_text_files_is_read_as_the_embedded_engine_reads_it(
    spark: Any, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    rows = bbc_rows()
    (docs / "one.txt").write_text(rows[3]["text"], encoding="utf-8")
    (docs / "sub" / "copy.txt").write_bytes(rows[3]["text"].encode("gb18030"))
    (docs / "two.txt").write_text(rows[4]["text"], encoding="utf-8")
    cfg = DedupConfig(workers=1)
    ours = _lines(_spark_run(spark, [str(docs)], cfg))
    assert ours == _lines(_embedded_run([str(docs)], cfg, tmp_path / "e.db"))
    # The GB18030 copy is decoded by the executors as the streaming workers decode it.
    copy = ours[0]["members"][1]
    assert (copy["id"], copy["relation"]) == ("sub/copy.txt", "duplicate")


def test_components_take_the_smallest_label_of_each_component(spark: Any) -> None:
    from reconcile.dedup._spark_graph import components

    # A chain 9-7-5-3 whose smallest vertex is at the far end, a star around 20, and a pair.
    edges = [(9, 7), (7, 5), (5, 3), (21, 20), (22, 20), (23, 22), (31, 30)]
    labels, rounds = components(spark.createDataFrame(edges, "src long, dst long"))
    found = {r["v"]: r["label"] for r in labels.collect()}
    assert found == {9: 3, 7: 3, 5: 3, 3: 3, 20: 20, 21: 20, 22: 20, 23: 20, 30: 30, 31: 30}
    assert rounds >= 3  # the chain's label travels one edge a round


def test_a_used_index_is_refused(spark: Any, tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", bbc_rows()[:5])
    db = tmp_path / "used.db"
    cfg = DedupConfig(workers=1)
    _embedded_run([str(feed)], cfg, db)
    result = CliRunner().invoke(main, ["dedup", "--engine", "spark", "--index", str(db), str(feed)])
    assert result.exit_code != 0
    assert "already holds 5 documents" in result.output
    assert "Traceback" not in result.output


def test_cli_engine_spark_writes_the_cluster_lines(spark: Any, tmp_path: Path) -> None:
    feed = write_jsonl(tmp_path / "feed.jsonl", bbc_rows()[:200])
    out_spark, out_embedded = tmp_path / "s.jsonl", tmp_path / "e.jsonl"
    runner = CliRunner()
    done = runner.invoke(main, ["dedup", "--engine", "spark", str(feed), "-o", str(out_spark)])
    assert done.exit_code == 0, done.output
    assert "clusters" in done.output
    done = runner.invoke(main, ["dedup", str(feed), "-o", str(out_embedded)])
    assert done.exit_code == 0, done.output
    assert out_spark.read_text() == out_embedded.read_text()
    refused = runner.invoke(main, ["dedup", "--engine", "spark", "--emit", "unique", str(feed)])
    assert refused.exit_code == 2
    assert "not available with --engine spark" in refused.output


def test_problems_alone(spark: Any, tmp_path: Path) -> None:
    feed = tmp_path / "bad.jsonl"
    feed.write_text('{"id": 1}\n[]\n', encoding="utf-8")
    results = _spark_run(spark, [str(feed)], DedupConfig(workers=1))
    assert all(isinstance(r, InputProblem) for r in results)
    assert len(results) == 2


def test_without_java_the_cli_says_what_is_missing(tmp_path: Path) -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        _missing("pyspark is not installed")
    feed = write_jsonl(tmp_path / "feed.jsonl", bbc_rows()[:2])
    env = {**os.environ, "JAVA_HOME": str(tmp_path / "no-java")}
    done = subprocess.run(
        [sys.executable, "-m", "reconcile", "dedup", "--engine", "spark", str(feed)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Error: cannot start Spark" in done.stderr
    assert "needs a Java 17 runtime" in done.stderr
    assert "Traceback" not in done.stderr
