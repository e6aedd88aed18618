"""How fast is ``reconcile merge a b c …`` end to end, facts included?

``bench_collate.py`` times the alignment alone; the N-source pipeline also extracts
facts and checks them for every pair of sources (``claims.cluster_facts``), and the
renderer writes the report. Same stories as there (``bench_collate.make_story``).

1. 10 reports of ~5 KB, ``reconcile merge`` in a fresh process; target <= 2 s.
2. In process, CPU seconds, N = 2, 5, 10, 20: the whole ``reconcile()`` and the part of
   it spent clustering facts; the growth exponent in total sentences.

Run: ``python bench/bench_pipeline.py [--repeat N]``.
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_collate import make_story, median, write

from reconcile import load_document, reconcile
from reconcile.claims import cluster_facts
from reconcile.collate import collate
from reconcile.facts import extract_facts
from reconcile.pipeline import source_labels


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at start: {load} on {os.cpu_count()} cores (a shared machine)")
    exe = Path(sys.executable).parent / "reconcile"
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        ten = write(make_story(10, 5000, random.Random(10)), tmp, "ten")
        kb = sum(p.stat().st_size for p in ten) / len(ten) / 1000
        walls, cpus = [], []
        for _ in range(args.repeat):
            before = os.times()
            t = time.perf_counter()
            subprocess.run([str(exe), "merge", *map(str, ten)], check=True, capture_output=True)
            walls.append(time.perf_counter() - t)
            after = os.times()
            cpus.append(
                after.children_user - before.children_user + after.children_system
                - before.children_system
            )  # fmt: skip
        print(f"\n1. reconcile merge, 10 reports of {kb:.1f} KB, fresh process:")
        print(f"   median wall {statistics.median(walls):.3f} s, CPU {statistics.median(cpus):.3f} s"
              " (target <= 2 s)")  # fmt: skip

        cpu = time.process_time
        print("\n2. In process, CPU seconds (median): reconcile() and its fact clustering")
        print("      N  sentences  reconcile  of which facts")
        rows = []
        for n in (2, 5, 10, 20):
            paths = write(make_story(n, 5000, random.Random(n)), tmp, f"n{n}")
            # Labels as the CLI gives them: "S1" and "S11" would both have a sentence "S110".
            docs = [load_document(p, x) for p, x in zip(paths, source_labels(n), strict=True)]
            sentences = sum(len(d.segments) for d in docs)
            whole = median(lambda docs=docs: reconcile(*docs), args.repeat, cpu)
            col = collate(docs)
            found = [extract_facts(d, headline=False) for d in docs]
            facts = median(
                lambda docs=docs, found=found, col=col: cluster_facts(docs, found, col),
                args.repeat,
                cpu,
            )
            rows.append((n, sentences, whole))
            print(f"   {n:>4}  {sentences:>9}  {whole:7.3f} s  {facts:7.3f} s")
        (_, s0, t0), (_, s1, t1) = rows[0], rows[-1]
        print(f"   growth exponent in total sentences, N 2 -> 20: {math.log(t1 / t0) / math.log(s1 / s0):.2f}"
              " (1 linear, 2 quadratic)")  # fmt: skip
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at end: {load}")


if __name__ == "__main__":
    main()
