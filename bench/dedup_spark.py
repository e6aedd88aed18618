"""Spark backfill (local[2]) against the embedded engine on the same generated feed.

    python bench/dedup_spark.py [SIZE ...] [--repeat N] [--cores N]

For each size (default 20000 100000) a feed is generated (bench/feedgen.py), then, in
turn and ``--repeat`` times: the Spark engine on ``local[cores]`` (one session for the
whole bench: its start-up is printed apart and not in the figures), and the embedded
engine (``--workers cores``, a fresh temporary SQLite index). Both write the cluster
JSONL to a file. Printed: documents/s of each (median), their ratio, and the pairwise
precision/recall/F1 of the Spark clusters against the embedded ones, and of each
against the generator's truth.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.feedgen import generate, load_articles
from bench.metrics import pair_scores
from reconcile.dedup import Cluster, DedupConfig, Result, SqliteIndex, deduplicate, read_inputs


def _clusters(results: list[Result]) -> dict[str, str]:
    return {m.id: r.id for r in results if isinstance(r, Cluster) for m in r.members}


def _write(results: list[Result], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")


def _f1(truth: dict[str, str], found: dict[str, str]) -> str:
    s = pair_scores(truth, found)
    f1 = 2 * s["precision"] * s["recall"] / (s["precision"] + s["recall"])
    return f"precision {s['precision']:.4f} recall {s['recall']:.4f} F1 {f1:.4f}"


def _stolen() -> float:
    """CPU seconds the hypervisor took from this VM so far (the 8th field of /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()
        return int(fields[8]) / 100
    except (OSError, IndexError, ValueError):
        return 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("sizes", nargs="*", type=int, default=[20000, 100000])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--cores", type=int, default=2)
    args = ap.parse_args()

    from reconcile.dedup.spark import SparkRun, local_session

    started = time.perf_counter()
    spark = local_session(args.cores)
    spark.range(1).count()  # the JVM and a first job, outside the timings
    print(f"Spark session local[{args.cores}] started in {time.perf_counter() - started:.1f} s")
    articles = load_articles()
    cfg = DedupConfig(workers=args.cores)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            feed = Path(tmp) / f"feed{n}.jsonl"
            truth: dict[str, str] = {}
            with feed.open("w", encoding="utf-8") as fh:
                for doc in generate(n, articles=articles):
                    truth[doc.id] = doc.cluster
                    fh.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
            size_mb = feed.stat().st_size / 1e6
            rates: dict[str, list[float]] = {"spark": [], "embedded": []}
            found: dict[str, dict[str, str]] = {}
            stolen = _stolen()
            for i in range(args.repeat):
                t = time.perf_counter()
                run = SparkRun([str(feed)], cfg, None, spark)
                results = list(run)
                _write(results, Path(tmp) / "spark.jsonl")
                rates["spark"].append(n / (time.perf_counter() - t))
                found["spark"] = _clusters(results)
                rounds = run.rounds
                db = Path(tmp) / f"e{n}-{i}.db"
                t = time.perf_counter()
                with SqliteIndex(db, cfg.params()) as index:
                    results = list(deduplicate(read_inputs([str(feed)], cfg), cfg, index))
                _write(results, Path(tmp) / "embedded.jsonl")
                rates["embedded"].append(n / (time.perf_counter() - t))
                found["embedded"] = _clusters(results)
            spark_rate = statistics.median(rates["spark"])
            embedded_rate = statistics.median(rates["embedded"])
            print(f"\n{n:,} documents ({size_mb:.0f} MB), {args.repeat} run(s) each")
            print(
                f"  spark local[{args.cores}]   {spark_rate:8,.0f} docs/s  runs "
                + ", ".join(f"{r:,.0f}" for r in rates["spark"])
                + f"  ({rounds} label-propagation rounds)"
            )
            print(
                f"  embedded ({args.cores} workers) {embedded_rate:8,.0f} docs/s  runs "
                + ", ".join(f"{r:,.0f}" for r in rates["embedded"])
            )
            print(f"  spark / embedded   {spark_rate / embedded_rate:.2f}x")
            print(f"  spark vs embedded  {_f1(found['embedded'], found['spark'])}")
            print(f"  spark vs truth     {_f1(truth, found['spark'])}")
            print(f"  embedded vs truth  {_f1(truth, found['embedded'])}")
            print(f"  CPU stolen by the host during these runs: {_stolen() - stolen:.1f} s")
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
