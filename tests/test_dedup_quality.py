"""Dedup quality on real corpora: recall/precision against brute force, same-story pairs
that must not be called duplicates, the seed reports as an overlap, generated reprints."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from bench.metrics import pair_scores
from reconcile.dedup import Cluster, DedupConfig, Record
from reconcile.dedup._prepare import Prepared, prepare
from reconcile.dedup.brute import exact_pairs

from .dedup_support import bbc_rows, cluster_of, generated, records, run
from .helpers import MINISTRY, WEB, corpus

CFG = DedupConfig(workers=1)


def test_bbc_recall_and_precision_against_brute_force(tmp_path: Path) -> None:
    rows = bbc_rows()
    prepared = [prepare(Record(r["id"], r["text"], r["id"]), CFG) for r in rows]
    sets = [np.unique(p.shingles) for p in prepared if isinstance(p, Prepared)]
    assert len(sets) == len(rows)
    truth = exact_pairs(sets, jaccard=CFG.duplicate)
    assert len(truth) >= 100  # the corpus holds many reprints: the test has teeth

    results = run(records(rows), tmp_path / "bbc.db", CFG)
    found = cluster_of(results)
    ids = [r["id"] for r in rows]
    recall = sum(found[ids[a]] == found[ids[b]] for a, b in truth) / len(truth)

    index_of = {doc_id: i for i, doc_id in enumerate(ids)}
    reported = [
        (index_of[m.id], index_of[c.id])
        for c in results
        if isinstance(c, Cluster)
        for m in c.members
        if m.relation == "duplicate" and m.via is None
    ]
    correct = sum(tuple(sorted(p)) in truth for p in reported)
    assert recall >= 0.95, recall
    assert correct / len(reported) >= 0.99, (correct, len(reported))


def _semeval_same_story() -> list[tuple[str, str, str]]:
    csv.field_size_limit(1 << 30)
    pairs = []
    for split in ("train", "test"):
        path = corpus(f"semeval2022-task8-sample-{split}.csv")
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                lang = row["lang1"]
                if (
                    lang == row["lang2"]
                    and lang in ("zh", "en")
                    and round(float(row["Overall"])) == 1
                ):
                    pairs.append((f"{split}-{row['pair_id']}", row["text1"], row["text2"]))
    return pairs


def test_same_story_semeval_pairs_are_rarely_duplicates(tmp_path: Path) -> None:
    pairs = _semeval_same_story()
    assert len(pairs) >= 100
    recs = []
    for pid, a, b in pairs:
        recs += [Record(f"{pid}/a", a, pid), Record(f"{pid}/b", b, pid)]
    found = cluster_of(run(recs, tmp_path / "semeval.db", CFG))
    joined = [pid for pid, _, _ in pairs if found[f"{pid}/a"] == found[f"{pid}/b"]]
    assert len(joined) / len(pairs) <= 0.05, joined


def test_seed_reports_in_a_feed_come_out_as_an_overlap(tmp_path: Path) -> None:
    ministry = MINISTRY.read_text(encoding="utf-8")
    web = WEB.read_text(encoding="utf-8")
    recs = records(bbc_rows()[:400])
    recs.insert(120, Record("seed-ministry", ministry, "seed"))
    recs.insert(300, Record("seed-web", web, "seed"))
    results = run(recs, tmp_path / "seeds.db", CFG)
    web_cluster = next(c for c in results if isinstance(c, Cluster) and c.id == "seed-web")
    assert [m.id for m in web_cluster.members] == ["seed-web"]  # not a duplicate or excerpt
    (overlap,) = web_cluster.overlaps
    assert overlap.with_id == "seed-ministry"
    shared = [p.text for p in overlap.passages]
    assert len(shared) >= 3
    assert any(t.startswith("三是推进信息化和工业化深度融合") for t in shared)
    assert any(t.startswith("一是加快构建以先进制造业为支撑") for t in shared)
    for p in overlap.passages:  # spans quote the web report verbatim
        assert web[p.start : p.end].lstrip().startswith(p.text[:10])
        assert ministry[p.other_start : p.other_end].strip()


@pytest.mark.parametrize("seed", [3])
def test_generated_reprints_are_clustered(tmp_path: Path, seed: int) -> None:
    feed = generated(3000, seed=seed)
    recs = [Record(str(d["id"]), str(d["text"]), str(d["id"])) for d in feed]
    found = cluster_of(run(recs, tmp_path / "gen.db", CFG))
    truth = {str(d["id"]): str(d["cluster"]) for d in feed}
    scores = pair_scores(truth, found)
    assert scores["precision"] >= 0.98, scores
    assert scores["recall"] >= 0.9, scores
    assert scores["ari"] >= 0.93, scores


_FULL_WIDTH = str.maketrans({**{str(d): chr(0xFF10 + d) for d in range(10)}, ",": "，", ":": "："})


def test_chinese_reprints_in_gb18030_are_found(tmp_path: Path) -> None:
    from .helpers import sogou_field, sogou_records

    texts = []
    for rec in sogou_records():
        text = sogou_field(rec, "content").decode("gb18030", errors="replace")
        if len(text) >= 400:
            texts.append(text)
    assert len(texts) >= 40
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, text in enumerate(texts[:40]):
        (docs / f"{i:02d}.txt").write_bytes(text.encode("gb18030", errors="replace"))
        # A reprint: new headline, full-width digits and commas, a source line, UTF-8.
        reprint = f"转载：新标题{i}\n\n{text.translate(_FULL_WIDTH)}\n\n来源：某某网"
        (docs / f"{i:02d}-reprint.txt").write_text(reprint, encoding="utf-8")
    from reconcile.dedup import read_inputs

    cfg = DedupConfig(workers=1)
    results = run(read_inputs([str(docs)], cfg), tmp_path / "zh.db", cfg)
    found = cluster_of(results)
    assert len(found) == 80
    together = sum(found[f"{i:02d}.txt"] == found[f"{i:02d}-reprint.txt"] for i in range(40))
    assert together >= 39
    assert len(set(found.values())) <= 41  # and no unrelated stories merged
