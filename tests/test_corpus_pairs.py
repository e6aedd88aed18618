"""`reconcile diff` over a hundred real article pairs: never a crash, nothing lost.

Pairs: versions of one BBC story (same headline), unrelated BBC stories, SemEval
same-story and different-story pairs in Chinese and English, and Sohu pages written
to disk as the GB18030 bytes the archive holds.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconcile.cli import main

from .helpers import corpus


def _bbc() -> list[dict[str, str]]:
    with open(corpus("bbc-news-2225.jsonl"), encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def _pairs(tmp: Path) -> list[tuple[str, Path, Path]]:
    rng = random.Random(2024)
    out: list[tuple[str, Path, Path]] = []

    def put(kind: str, a: str | bytes, b: str | bytes) -> None:
        k = len(out)
        pa, pb = tmp / f"{k}-a.txt", tmp / f"{k}-b.txt"
        for p, t in ((pa, a), (pb, b)):
            p.write_bytes(t if isinstance(t, bytes) else t.encode("utf-8"))
        out.append((kind, pa, pb))

    rows = _bbc()
    by_title: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        by_title[r["title"]].append(r)
    versions = [g for g in by_title.values() if len(g) >= 2]
    for g in rng.sample(versions, 30):
        put("bbc-versions", g[0]["text"], g[1]["text"])
    for _ in range(25):
        x, y = rng.sample(rows, 2)
        put("bbc-unrelated", x["text"], y["text"])
    csv.field_size_limit(1 << 30)
    with open(corpus("semeval2022-task8-sample-test.csv"), encoding="utf-8") as fh:
        sem = [
            r for r in csv.DictReader(fh) if r["lang1"] == r["lang2"] and r["lang1"] in ("zh", "en")
        ]
    for r in rng.sample(sem, 25):
        if r["text1"].strip() and r["text2"].strip():
            put(f"semeval-{r['lang1']}", r["text1"], r["text2"])
    raw = corpus("sogouca-mini.gb18030.dat").read_bytes().decode("gb18030")
    # 27 of the pages are one portal's stock disclaimer page: keep one page per opening.
    distinct: dict[str, tuple[str, str]] = {}
    for t, c in re.findall(
        r"<contenttitle>(.*?)</contenttitle>\s*<content>(.*?)</content>", raw, re.S
    ):
        if c.strip():
            distinct.setdefault(c[:60], (t, c))
    pages = list(distinct.values())
    for _ in range(20):
        (ta, ca), (tb, cb) = rng.sample(pages, 2)
        put("sohu-gb18030", f"{ta}\n\n{ca}".encode("gb18030"), f"{tb}\n\n{cb}".encode("gb18030"))
    return out


def test_hundred_corpus_pairs(tmp_path: Path) -> None:
    runner = CliRunner()
    pairs = _pairs(tmp_path)
    assert len(pairs) >= 100
    shared_by_kind: dict[str, list[float]] = defaultdict(list)
    for kind, a, b in pairs:
        res = runner.invoke(main, ["diff", str(a), str(b), "--format", "json"])
        assert res.exit_code == 0, (kind, res.output, res.exception)
        doc = json.loads(res.stdout)
        ids = {s["id"] for s in doc["segments"]}
        accounted = [sid for c in doc["canonical"] for sid in c["segments"]]
        assert sorted(accounted) == sorted(ids), kind  # every sentence exactly once
        n_a = sum(1 for s in doc["segments"] if s["source"] == "A")
        shared = n_a - len(doc["unique"]["A"])
        shared_by_kind[kind].append(shared / max(1, n_a))
        text = runner.invoke(main, ["diff", str(a), str(b), "--width", "80"])
        assert text.exit_code == 0, (kind, text.output)
    # What a reader expects at a glance: versions share most text, unrelated stories none.
    versions = shared_by_kind["bbc-versions"]
    assert sum(versions) / len(versions) > 0.8
    assert max(shared_by_kind["bbc-unrelated"]) < 0.1
    assert max(shared_by_kind["sohu-gb18030"]) < 0.5


@pytest.mark.parametrize("kind", ["sohu-gb18030"])
def test_gb18030_pages_are_decoded(tmp_path: Path, kind: str) -> None:
    runner = CliRunner()
    _, a, b = next(p for p in _pairs(tmp_path) if p[0] == kind)
    res = runner.invoke(main, ["diff", str(a), str(b), "--format", "json"])
    doc = json.loads(res.stdout)
    assert [s["encoding"] for s in doc["sources"]] == ["gb18030", "gb18030"]
    # Full-width digits in the archive come out as ASCII digits.
    assert not any(re.search("[０-９]", s["text"]) for s in doc["segments"])
