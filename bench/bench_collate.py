"""How fast is the N-way collation? Figures for issue 10's targets, with a baseline.

Reports of one story are built from BBC paragraphs (about 5 KB each) with the edits
later reports make: paragraphs dropped, reworded, added and moved (see ``make_story``).

1. 10 reports end to end in a fresh process (Python start, imports, load 10 files,
   collate), as ``reconcile diff a b c …`` will run; target <= 2 s.
2. Growth at N = 2, 5, 10, 20 in process (load + collate, CPU time), against the obvious
   alternative in the same run: ``align()`` on all N(N-1)/2 pairs of documents.
   The exponent is fitted on total sentences: 1 is linear, 2 quadratic.

Run: ``python bench/bench_collate.py [--repeat N]``. Prints medians, ratios and the load
average, because absolute times on a shared machine are noisy; the ratios are measured
in the same run and are what to compare.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

from _corpora import bbc
from bench_diff import reword

from reconcile import AlignConfig, load_document
from reconcile.align import align
from reconcile.collate import collate
from reconcile.collate._index import build_index, dense_scoring

_RUN = """
import sys, time
t = time.perf_counter()
from reconcile import load_document
from reconcile.collate import collate
docs = [load_document(p, chr(65 + k)) for k, p in enumerate(sys.argv[1:])]
col = collate(docs)
assert len(col.groups) > 0
"""


def make_story(n: int, size: int, rng: random.Random) -> list[str]:
    """``n`` reports of one story, each about ``size`` bytes: a base text and edits.

    The base text is the same for every ``n`` (a fixed seed), so that the total number
    of sentences grows in proportion to ``n``; ``rng`` draws each report's edits.
    """
    rows = bbc()
    random.Random(2005).shuffle(rows)
    base: list[str] = []
    filler: list[str] = []
    total = 0
    for r in rows:
        body = [p for p in r["text"].split("\n\n")[1:] if p.strip()]
        if total < size:
            base += body
            total += sum(len(p.encode()) + 2 for p in body)
        else:
            filler += body
        if total >= size and len(filler) > 3 * n:
            break
    out = []
    for k in range(n):
        paras: list[str] = []
        for p in base:
            roll = rng.random()
            if roll < 0.1:
                continue  # this report leaves the paragraph out
            if roll < 0.25:
                p = " ".join(reword(s, rng) for s in p.split(". "))
            paras.append(p)
            if rng.random() < 0.05:
                paras.append(filler.pop())  # a paragraph only this report has
        i = rng.randrange(len(paras))  # one paragraph moved
        paras.insert(rng.randrange(len(paras)), paras.pop(i))
        out.append(f"Report {k}\n\n" + "\n\n".join(paras))
    return out


def write(texts: list[str], tmp: Path, tag: str) -> list[Path]:
    paths = []
    for k, t in enumerate(texts):
        p = tmp / f"{tag}-{k}.txt"
        p.write_text(t, encoding="utf-8")
        paths.append(p)
    return paths


def median(
    fn: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    times = []
    for _ in range(repeat):
        t = clock()
        fn()
        times.append(clock() - t)
    return statistics.median(times)


def collate_files(paths: list[Path], cfg: AlignConfig | None = None) -> None:
    collate([load_document(p, f"S{k}") for k, p in enumerate(paths)], cfg)


def all_pairs_files(paths: list[Path]) -> None:
    docs = [load_document(p, f"S{k}") for k, p in enumerate(paths)]
    for x in range(len(docs)):
        for y in range(x + 1, len(docs)):
            align(docs[x].segments, docs[y].segments)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at start: {load} on {os.cpu_count()} cores (a shared machine)")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        ten = write(make_story(10, 5000, random.Random(10)), tmp, "ten")
        kb = sum(p.stat().st_size for p in ten) / len(ten) / 1000
        print(f"\n1. 10 reports of {kb:.1f} KB, fresh process: start, import, load, collate")
        walls = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", _RUN, *map(str, ten)], check=True)
            walls.append(time.perf_counter() - t)
        bare = median(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 3)
        print(f"   median {statistics.median(walls):.3f} s (target <= 2 s); "
              f"python start alone {bare:.3f} s")  # fmt: skip

        # CPU time of this process: on a machine shared with other sessions, wall time
        # mostly measures how long we waited for a core.
        cpu = time.process_time
        print("\n2. Growth, in process (load + collate, CPU seconds), against align() on all pairs")
        print("   (mode: how candidates are found by default; 'index only' forces the token")
        print("   index at every N, to show its growth without the switch from dense scoring)")
        print(
            "      N  sentences  mode   collate   index only  all-pairs  pairs  all-pairs/collate"
        )
        indexed = AlignConfig(lsh_min_pairs=0)
        rows = []
        for n in (2, 5, 10, 20):
            paths = write(make_story(n, 5000, random.Random(n)), tmp, f"n{n}")
            docs = [load_document(p, f"S{k}") for k, p in enumerate(paths)]
            sentences = sum(len(d.segments) for d in docs)
            mode = "dense" if dense_scoring(build_index(docs), AlignConfig()) else "index"
            ours = median(lambda paths=paths: collate_files(paths), args.repeat, cpu)
            only = median(lambda paths=paths: collate_files(paths, indexed), args.repeat, cpu)
            base = median(lambda paths=paths: all_pairs_files(paths), max(1, args.repeat // 2), cpu)
            rows.append((n, sentences, only, base))
            print(f"   {n:>4}  {sentences:>9}  {mode:<5}  {ours:7.3f} s  {only:7.3f} s  "
                  f"{base:8.3f} s  {n * (n - 1) // 2:>5}  {base / ours:6.1f}x")  # fmt: skip
        print("   growth exponent in total sentences, index only vs all-pairs align()")
        print("   (1 = linear, 2 = quadratic):")
        for (n0, s0, t0, b0), (n1, s1, t1, b1) in itertools.pairwise(rows):
            ours_exp = math.log(t1 / t0) / math.log(s1 / s0)
            base_exp = math.log(b1 / b0) / math.log(s1 / s0)
            print(f"      N {n0:>2} -> {n1:>2}: collate {ours_exp:4.2f}, all-pairs {base_exp:4.2f}")
        (n0, s0, t0, b0), (n1, s1, t1, b1) = rows[0], rows[-1]
        ours_exp = math.log(t1 / t0) / math.log(s1 / s0)
        base_exp = math.log(b1 / b0) / math.log(s1 / s0)
        print(
            f"      N {n0:>2} -> {n1:>2}: collate {ours_exp:4.2f}, all-pairs {base_exp:4.2f} (overall)"
        )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at end: {load}")


if __name__ == "__main__":
    main()
