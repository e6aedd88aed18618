"""Dedup quality figures: BBC against brute force, generated reprints, SemEval pairs.

    python bench/dedup_quality.py [N]      # N generated documents (default 20,000)

Prints: recall of the brute-force pairs at or above the duplicate threshold (a pair is
found when both documents land in one cluster) and precision of the reported duplicate
pairs; pairwise precision/recall/ARI on a generated feed with recall per kind of edit;
the share of same-story SemEval pairs (zh-zh, en-en, rated 1) called duplicate/excerpt.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.feedgen import CORPUS, generate  # noqa: E402
from bench.metrics import pair_scores  # noqa: E402
from reconcile.dedup import Cluster, DedupConfig, Record, SqliteIndex, deduplicate  # noqa: E402
from reconcile.dedup._prepare import Prepared, prepare  # noqa: E402
from reconcile.dedup.brute import exact_pairs  # noqa: E402

CFG = DedupConfig(workers=2)


def _run(recs: Iterable[Record]) -> list[Cluster]:
    with tempfile.TemporaryDirectory() as tmp, SqliteIndex(Path(tmp) / "i.db", CFG.params()) as ix:
        return [r for r in deduplicate(recs, CFG, ix) if isinstance(r, Cluster)]


def _placed(clusters: list[Cluster]) -> dict[str, str]:
    return {m.id: c.id for c in clusters for m in c.members}


def bbc() -> None:
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    prepared = [prepare(Record(r["id"], r["text"], r["id"]), CFG) for r in rows]
    sets = [
        np.unique(p.shingles) if isinstance(p, Prepared) else np.empty(0, np.uint32)
        for p in prepared
    ]
    truth = exact_pairs(sets, CFG.duplicate)
    clusters = _run(Record(r["id"], r["text"], r["id"]) for r in rows)
    placed = _placed(clusters)
    ids = [r["id"] for r in rows]
    recall = sum(placed[ids[a]] == placed[ids[b]] for a, b in truth) / len(truth)
    pos = {d: i for i, d in enumerate(ids)}
    reported = [
        tuple(sorted((pos[m.id], pos[c.id])))
        for c in clusters
        for m in c.members
        if m.relation == "duplicate" and m.via is None
    ]
    precision = sum(p in truth for p in reported) / len(reported)
    print(
        f"BBC ({len(rows):,} articles): {len(truth)} brute-force pairs with Jaccard >= {CFG.duplicate}"
    )
    print(f"  recall {recall:.3f}   precision of reported duplicate pairs {precision:.3f}")


def generated(n: int) -> None:
    feed = [d for d in generate(n, seed=13)]
    clusters = _run(Record(d.id, d.text, d.id) for d in feed)
    placed = _placed(clusters)
    truth = {d.id: d.cluster for d in feed}
    s = pair_scores(truth, placed)
    print(f"generated feed ({n:,} documents, {sum(1 for d in feed if d.edits):,} reprints)")
    print(
        f"  pairwise precision {s['precision']:.4f}  recall {s['recall']:.4f}  ARI {s['ari']:.4f}"
    )
    hit: Counter[str] = Counter()
    tot: Counter[str] = Counter()
    for d in feed:
        for e in d.edits:
            tot[e] += 1
            hit[e] += placed[d.id] == placed[d.cluster]
    print(
        "  reprints found, by edit: " + ", ".join(f"{e} {hit[e] / tot[e]:.3f}" for e in sorted(tot))
    )


def semeval() -> None:
    csv.field_size_limit(1 << 30)
    corpora = CORPUS.parent
    for lang in ("zh", "en"):
        pairs = []
        for split in ("train", "test"):
            with (corpora / f"semeval2022-task8-sample-{split}.csv").open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if row["lang1"] == row["lang2"] == lang and round(float(row["Overall"])) == 1:
                        pairs.append((f"{split}-{row['pair_id']}", row["text1"], row["text2"]))
        recs = [Record(f"{p}/{s}", t, p) for p, a, b in pairs for s, t in (("a", a), ("b", b))]
        placed = _placed(_run(recs))
        joined = sum(placed.get(f"{p}/a") == placed.get(f"{p}/b") for p, _, _ in pairs)
        print(
            f"SemEval {lang}-{lang} same-story pairs: {joined}/{len(pairs)} called duplicate or excerpt"
        )


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    bbc()
    generated(n)
    semeval()
    return 0


if __name__ == "__main__":
    sys.exit(main())
