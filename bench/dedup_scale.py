"""Scaling of `reconcile dedup` through the embedded index: 10k, 100k and (flag) 1M.

Each size gets a generated feed (bench/feedgen.py: BBC originals, respelled originals
beyond the corpus, 30% reprints), written once to a cache directory; the timed part is a
fresh process running the library end to end on that file: reading, normalising,
signatures (2 worker processes), the SQLite index, verification and JSONL output.

    python bench/dedup_scale.py                 # 10k and 100k
    python bench/dedup_scale.py --million       # and 1M (about half an hour)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _feed(n: int, cache: Path) -> Path:
    path = cache / f"feed-{n}.jsonl"
    if not path.exists():
        sys.path.insert(0, str(ROOT))
        from bench.feedgen import generate

        tmp = path.with_suffix(".part")
        with tmp.open("w", encoding="utf-8") as fh:
            for doc in generate(n):
                fh.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
        tmp.rename(path)
    return path


def _one(feed: str, db: str, out: str, workers: int) -> None:
    """The timed run, in its own process so peak RSS is this run's alone."""
    from reconcile.dedup import DedupConfig, SqliteIndex, deduplicate, read_inputs

    cfg = DedupConfig(workers=workers)
    start = time.perf_counter()
    cpu0 = time.process_time()
    with SqliteIndex(db, cfg.params()) as index, open(out, "w", encoding="utf-8") as fh:
        run = deduplicate(read_inputs([feed], cfg), cfg, index)
        for result in run:
            fh.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    me = _peak_rss_mb()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
    s = run.summary
    print(
        json.dumps(
            {
                "docs": s.read,
                "wall_s": round(wall, 1),
                "docs_per_s": round(s.read / wall),
                # The machine is shared: CPU time per document is the steadier figure.
                "main_cpu_ms_per_doc": round(1000 * cpu / max(s.read, 1), 3),
                "workers_cpu_ms_per_doc": round(1000 * _children_cpu() / max(s.read, 1), 3),
                "peak_rss_main_mb": round(me),
                "peak_rss_worker_mb": round(kids),
                "index_mb": round(size / 2**20),
                "clusters": s.clusters,
                "relations": dict(s.relations),
            }
        )
    )


def _children_cpu() -> float:
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return kids.ru_utime + kids.ru_stime


def _peak_rss_mb() -> float:
    """This process's peak resident set since it was started (exec'd), in MiB.

    VmHWM, not ru_maxrss: ru_maxrss also counts the moment between fork and exec, when
    the child still shares the parent's pages; after the parent generated a 1M-document
    feed in memory (2.5 GB) that moment alone read as a 2.4 GB peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--million", action="store_true", help="also run 1,000,000 documents")
    ap.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/reconcile-dedup-bench"))
    ap.add_argument("--one", nargs=3, metavar=("FEED", "DB", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        _one(*args.one, workers=args.workers)
        return 0
    args.cache.mkdir(parents=True, exist_ok=True)
    sizes = [*args.sizes, *([1_000_000] if args.million else [])]
    print(
        f"{'docs':>10} {'wall s':>8} {'docs/s':>7} {'RSS main':>9} {'RSS worker':>11} {'index':>9}"
        f" {'main CPU/doc':>13} {'workers CPU/doc':>16}"
    )
    for n in sizes:
        feed = _feed(n, args.cache)
        db = args.cache / f"index-{n}.db"
        for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            p.unlink(missing_ok=True)
        out = args.cache / f"clusters-{n}.jsonl"
        proc = subprocess.run(
            [
                sys.executable,
                __file__,
                "--workers",
                str(args.workers),
                "--one",
                str(feed),
                str(db),
                str(out),
            ],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"{r['docs']:>10,} {r['wall_s']:>8} {r['docs_per_s']:>7,} {r['peak_rss_main_mb']:>6} MB"
            f" {r['peak_rss_worker_mb']:>8} MB {r['index_mb']:>6} MB"
            f" {r['main_cpu_ms_per_doc']:>10} ms {r['workers_cpu_ms_per_doc']:>13} ms"
            f"   {json.dumps(r['relations'])}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
