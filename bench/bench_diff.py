"""How fast is `reconcile diff`? Figures for the issue's targets, with baselines.

1. The seed pair, end to end (a fresh `reconcile diff` process, as an editor runs it),
   against the same process with datasketch imported up front, to show what the lazy
   import saves.
2. Document pairs of 50, 100 and 200 KB built from BBC articles with the edits a
   second report makes (paragraphs dropped, moved, reworded, added), timed in-process
   with MinHash/LSH candidates against the dense all-pairs scoring in the same run.

0. The issue's speed target: the seed diff (terminal review, and ``--format json``)
   against the floor ``python -c "import rich, click, rapidfuzz"``, interleaved round by
   round so that load on a shared machine hits all three alike. Byte-code is compiled
   first (``python -m compileall``), as an installed package has it.
4. Long single-line inputs (``--long``): 1, 2 and 5 MB one-line files of BBC text through
   ``reconcile facts`` and ``reconcile diff --format json``: time should grow in
   proportion to size (archive text often has one line per article).

Run: ``python bench/bench_diff.py [--repeat N] [--long] [--only-long]``. Prints medians
and ratios.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpora import bbc

from reconcile import AlignConfig, ReconcileConfig, from_text, reconcile
from reconcile.align import align
from reconcile.render.json import dumps

ROOT = Path(__file__).resolve().parent.parent
SEED = [
    ROOT / "fixtures/press-2024-03-26/ministry-report.txt",
    ROOT / "fixtures/press-2024-03-26/web-report.txt",
]
EXE = str(Path(sys.executable).parent / "reconcile")


def median_wall(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def reword(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    if len(words) < 6:
        return sentence
    i = rng.randrange(1, len(words) - 1)
    words[i] = rng.choice(["reportedly", "also", "now", "still", "officially"]) + " " + words[i]
    if rng.random() < 0.5:
        del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def make_pair(size: int, rng: random.Random) -> tuple[str, str]:
    """Two versions of one long report, each about ``size`` bytes of UTF-8."""
    rows = bbc()
    rng.shuffle(rows)
    paras: list[str] = []
    filler: list[str] = []
    total = 0
    for r in rows:
        body = [p for p in r["text"].split("\n\n")[1:] if p.strip()]
        if total < size:
            paras += body
            total += sum(len(p.encode()) + 2 for p in body)
        else:
            filler += body
        if total >= size and len(filler) > len(paras) // 5:
            break
    b_paras: list[str] = []
    for p in paras:
        roll = rng.random()
        if roll < 0.1:
            continue  # dropped by the second report
        if roll < 0.3:
            p = " ".join(reword(s, rng) for s in p.split(". "))
        b_paras.append(p)
        if rng.random() < 0.1:
            b_paras.append(filler.pop())  # a paragraph only the second report has
    for _ in range(max(1, len(b_paras) // 50)):  # a few paragraphs moved far away
        b_paras.insert(rng.randrange(len(b_paras)), b_paras.pop(rng.randrange(len(b_paras))))
    return "Report\n\n" + "\n\n".join(paras), "Report, updated\n\n" + "\n\n".join(b_paras)


def time_inprocess(a: str, b: str, cfg: ReconcileConfig, repeat: int) -> tuple[float, int]:
    times = []
    pairs = 0
    for _ in range(repeat):
        t = time.perf_counter()
        r = reconcile(from_text(a, "A"), from_text(b, "B"), config=cfg)
        dumps(r)
        times.append(time.perf_counter() - t)
        pairs = len(r.pairs)
    return statistics.median(times), pairs


def _median(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def floor_ratio(rounds: int) -> None:
    """Section 0: one interleaved run of floor, terminal review and JSON, medians and ratios."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "reconcile")], check=True)
    seed = list(map(str, SEED))
    cmds = {
        "floor (import rich, click, rapidfuzz)": [
            sys.executable,
            "-c",
            "import rich, click, rapidfuzz",
        ],
        "diff, terminal review (80 columns)": [EXE, "diff", "--color", "--width", "80", *seed],
        "diff --format json": [EXE, "diff", "--format", "json", *seed],
    }
    times: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            t = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
            times[name].append(time.perf_counter() - t)
    floor = statistics.median(next(iter(times.values())))
    print(f"0. Seed pair vs the import floor, {rounds} interleaved rounds (after compileall)")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"   {name:<40} {med:.3f} s   {med / floor:4.2f}x floor   (target <= 2x)")


def long_lines(sizes: list[float]) -> None:
    """Section 4: one-line files of 1, 2, 5 MB through facts and diff, one run each."""
    rows = bbc()
    print("\n4. Long single-line inputs (one run each; each file is one line of BBC text)")
    with tempfile.TemporaryDirectory() as tmp:
        results: dict[str, list[tuple[float, float, float]]] = {
            "facts": [],
            "diff --format json": [],
        }
        for mb in sizes:
            paths = []
            for side, offset in (("a", 0), ("b", 7)):
                parts, size, i = [], 0, offset
                while size < mb * 1e6:
                    text = rows[i % len(rows)]["text"].replace("\n", " ")
                    parts.append(text)
                    size += len(text.encode()) + 1
                    i += 1
                path = Path(tmp, f"{mb}{side}.txt")
                path.write_text(" ".join(parts) + "\n", encoding="utf-8")
                paths.append(str(path))
            for name, cmd in (
                ("facts", [EXE, "facts", paths[0]]),
                ("diff --format json", [EXE, "diff", "--format", "json", *paths]),
            ):
                # CPU time of the child as well as wall time: on a shared machine the wall
                # clock mostly measures the other jobs, the CPU time the work itself.
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
                wall = time.perf_counter() - t
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
                results[name].append((mb, wall, cpu))
        for name, pts in results.items():
            (m0, w0, c0) = pts[0]
            line = ", ".join(f"{mb:g} MB {w:.1f} s wall {c:.1f} s CPU" for mb, w, c in pts)
            mb_n, w_n, c_n = pts[-1]
            print(f"   {name:<20} {line}")
            print(
                f"   {'':<20} growth {m0:g} -> {mb_n:g} MB: {c_n / c0:.2f}x CPU "
                f"({w_n / w0:.2f}x wall) for {mb_n / m0:.1f}x size (linear = {mb_n / m0:.1f}x)"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--long", action="store_true", help="also run section 4 (minutes)")
    ap.add_argument("--only-long", action="store_true", help="run section 4 alone")
    ap.add_argument("--sizes", default="1,2,5", help="MB sizes for section 4")
    ap.add_argument("--only-floor", action="store_true", help="run section 0 alone")
    args = ap.parse_args()
    sizes = [float(x) for x in args.sizes.split(",")]
    if args.only_long:
        long_lines(sizes)
        return
    floor_ratio(args.repeat * 2)
    if args.only_floor:
        return

    print(
        "1. Seed pair, `reconcile diff` end to end (fresh process, median of",
        args.repeat * 2,
        "runs)",
    )
    ours = median_wall([EXE, "diff", *map(str, SEED)], args.repeat * 2)
    eager = median_wall(
        [
            sys.executable,
            "-c",
            "import datasketch, sys; from reconcile.cli import main; sys.argv[0]='reconcile'; main()",
            "diff",
            *map(str, SEED),
        ],
        args.repeat * 2,
    )
    bare = median_wall([sys.executable, "-c", "pass"], args.repeat * 2)
    print(f"   reconcile diff:                     {ours:.3f} s   (target <= 0.3 s)")
    print(f"   same, datasketch imported eagerly:  {eager:.3f} s   ({eager / ours:.2f}x)")
    print(f"   python startup alone:               {bare:.3f} s")

    print(
        "\n2. Large pairs, in process: load from text, align, merge, JSON (median of",
        args.repeat,
        "runs)",
    )
    rng = random.Random(11)
    dense_cfg = ReconcileConfig(align=AlignConfig(lsh_min_pairs=10**12))
    rows = []
    for kb in (50, 100, 200):
        a, b = make_pair(kb * 1000, rng)
        lsh_t, n_pairs = time_inprocess(a, b, ReconcileConfig(), args.repeat)
        dense_t, dense_pairs = time_inprocess(a, b, dense_cfg, max(1, args.repeat // 2))
        rows.append((kb, lsh_t))
        print(
            f"   {kb:>4} KB: LSH candidates {lsh_t:6.3f} s ({n_pairs} pairs)   "
            f"dense all-pairs {dense_t:6.3f} s ({dense_pairs} pairs)   dense/LSH {dense_t / lsh_t:4.1f}x"
        )
    (k0, t0), (k2, t2) = rows[0], rows[-1]
    print(
        f"   growth 50 -> 200 KB: {t2 / t0:.2f}x time for {k2 / k0:.0f}x size (linear = 4.0x)  target: 200 KB <= 3 s"
    )

    print("\n3. Where LSH starts to pay: alignment alone, dense vs LSH (+ datasketch import)")
    imp = median_wall([sys.executable, "-c", "import datasketch"], 3) - bare
    print(f"   importing datasketch costs {imp:.3f} s once per process")
    for kb in (8, 15, 25, 40):
        a, b = make_pair(kb * 1000, random.Random(kb))
        da, db = from_text(a, "A"), from_text(b, "B")
        n_pairs = len(da.segments) * len(db.segments)
        dense = _median(partial(align, da.segments, db.segments, dense_cfg.align), args.repeat)
        lsh_cfg = AlignConfig(lsh_min_pairs=0)
        lsh = _median(partial(align, da.segments, db.segments, lsh_cfg), args.repeat)
        pick = "dense" if n_pairs <= AlignConfig().lsh_min_pairs else "LSH"
        print(
            f"   {n_pairs:>8} sentence pairs: dense {dense:.3f} s, LSH {lsh:.3f} s "
            f"(+{imp:.2f} s import = {lsh + imp:.3f} s); default uses {pick}"
        )

    with tempfile.TemporaryDirectory() as tmp:
        a, b = make_pair(200_000, random.Random(11))
        pa, pb = Path(tmp, "a.txt"), Path(tmp, "b.txt")
        pa.write_text(a, encoding="utf-8")
        pb.write_text(b, encoding="utf-8")
        cli = median_wall(
            [EXE, "diff", str(pa), str(pb), "--format", "json"], max(3, args.repeat // 2)
        )
        print(f"   200 KB pair, `reconcile diff --format json` end to end: {cli:.3f} s")
    if args.long:
        long_lines(sizes)


if __name__ == "__main__":
    main()
