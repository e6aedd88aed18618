"""Where to put the alignment thresholds: score distributions of real sentence pairs.

Negatives: sentences of unrelated articles (different BBC stories, different Sohu pages).
Positives: the pairs the aligner makes between two versions of one story (BBC reprints
with the same headline, and the seed pair), with their scores.

Run: ``python bench/calibrate.py``. Prints, per core-length bucket, the 99th/99.9th
percentile and maximum score of unrelated pairs, and the distribution of variant scores.
"""

from __future__ import annotations

import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpora import bbc, sogou

from reconcile.align import AlignConfig, align, core, score_block
from reconcile.document import from_text, load_document

BUCKETS = [(1, 4), (4, 8), (8, 12), (12, 20), (20, 40), (40, 10_000)]


def unrelated_scores(
    docs: list[list[str]], pairs: int, rng: random.Random
) -> dict[int, np.ndarray]:
    """Unthresholded scores of sentence pairs drawn from different documents."""
    cfg = AlignConfig(accept=0, short_accept=0, anchor=0, moved=0)
    by_bucket: dict[int, list[float]] = defaultdict(list)
    for _ in range(pairs // 400):
        da, db = rng.sample(range(len(docs)), 2)
        ca = [core(s) for s in rng.sample(docs[da], min(20, len(docs[da])))]
        cb = [core(s) for s in rng.sample(docs[db], min(20, len(docs[db])))]
        m = score_block(ca, cb, cfg)
        for x, a in enumerate(ca):
            for y, b in enumerate(cb):
                if a == b:
                    continue  # the same sentence on two pages (a reprint), not a negative
                short = min(len(a), len(b))
                for k, (lo, hi) in enumerate(BUCKETS):
                    if lo <= short < hi:
                        by_bucket[k].append(m.get((x, y), 0.0))
    return {k: np.array(v) for k, v in by_bucket.items()}


def report(name: str, scores: dict[int, np.ndarray]) -> None:
    print(f"\n{name}: unrelated sentence pairs, score by shorter core length")
    print(f"{'core chars':>12} {'pairs':>8} {'p99':>6} {'p99.9':>6} {'max':>6}")
    for k, (lo, hi) in enumerate(BUCKETS):
        v = scores.get(k)
        if v is None or not len(v):
            continue
        hi_s = "+" if hi > 1000 else str(hi - 1)
        print(
            f"{lo:>5}-{hi_s:<6} {len(v):>8} {np.percentile(v, 99):6.1f} "
            f"{np.percentile(v, 99.9):6.1f} {v.max():6.1f}"
        )


def variant_scores() -> list[float]:
    """Scores of the variant pairs the aligner finds between versions of one story."""
    rows = bbc()
    by_title: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_title[r["title"]].append(r)
    out: list[float] = []
    for group in by_title.values():
        if len(group) < 2 or group[0]["text"] == group[1]["text"]:
            continue
        a = from_text(group[0]["text"], "A").segments
        b = from_text(group[1]["text"], "B").segments
        out += [p.score for p in align(a, b) if p.relation == "variant"]
    root = Path(__file__).resolve().parent.parent / "fixtures" / "press-2024-03-26"
    a = load_document(root / "ministry-report.txt", "A").segments
    b = load_document(root / "web-report.txt", "B").segments
    out += [p.score for p in align(a, b) if p.relation == "variant"]
    return out


def main() -> None:
    rng = random.Random(7)
    en = [[s.text for s in from_text(r["text"]).segments] for r in bbc()[::3]]
    zh = [[s.text for s in from_text(c).segments] for _, c in sogou()]
    zh = [d for d in zh if len(d) >= 3]
    report("BBC (English)", unrelated_scores(en, 400_000, rng))
    report("Sohu (Chinese)", unrelated_scores(zh, 400_000, rng))
    v = np.array(variant_scores())
    print(f"\nvariant pairs found between versions of one story: {len(v)}")
    if len(v):
        print(f"  min {v.min():.1f}  p10 {np.percentile(v, 10):.1f}  median {np.median(v):.1f}")
    cfg = AlignConfig()
    print(
        f"\nthresholds in use: accept={cfg.accept} (cores >= {cfg.short_len} chars), short_accept={cfg.short_accept}"
    )


if __name__ == "__main__":
    main()
