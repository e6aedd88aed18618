"""Speed of the facts stage: MB/s of extraction on the corpora, ms added to the seed diff.

Compared in the same run with the obvious alternative, a regex-only extractor that finds
figures and diffs their values as sets (no subjects, periods, speakers or alignment).

Run: ``.venv/bin/python bench/bench_facts.py``
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpora import bbc, sogou

from reconcile import facts as facts_module
from reconcile.align import align
from reconcile.consistency import diff_facts
from reconcile.document import from_text, load_document
from reconcile.facts import _vocab as vocab_module
from reconcile.models import Document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "press-2024-03-26"

_NAIVE = re.compile(
    r"\d+(?:\.\d+)?\s?(?:%|个百分点|万亿元|亿元|万元|元|家|个|类|条)|百分之[零一二三四五六七八九十点]+"
    r"|[£$€]\d+(?:\.\d+)?(?:bn|m)?|\d+(?:\.\d+)?\s?(?:per cent|percent)"
)


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _naive_extract(docs: Sequence[Document]) -> int:
    return sum(len(_NAIVE.findall(seg.text)) for d in docs for seg in d.segments)


def _ours(docs: Sequence[Document]) -> int:
    return sum(len(facts_module.extract_facts(d)) for d in docs)


def _traditional_cost(chinese: list[str]) -> None:
    """What reading Traditional as Simplified costs: the table, and folding the Sohu text."""
    from reconcile import normalize as norm

    norm._traditional.cache_clear()
    t = time.perf_counter()
    norm._traditional()
    load_ms = (time.perf_counter() - t) * 1000
    mb = sum(len(c.encode("utf-8")) for c in chinese) / 1e6
    fold_ms = _median_ms(lambda: [norm.to_simplified(c) for c in chinese], runs=5)
    nfkc_ms = _median_ms(lambda: [norm.normalize_text(c) for c in chinese], runs=5)
    print(f"Traditional folding: table {load_ms:.1f} ms once per process;")
    print(
        f"  to_simplified over the Sohu text ({mb:.2f} MB): {fold_ms:.1f} ms, "
        f"{fold_ms / nfkc_ms:.2f} of the whole normalisation it is part of ({nfkc_ms:.1f} ms)"
    )


def main() -> None:
    texts = [a["text"] for a in bbc()] + [content for _, content in sogou()]
    docs = [from_text(t, "A") for t in texts]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpora: {len(docs)} documents, {mb:.2f} MB (UTF-8), segmented beforehand")
    for name, fn in (("facts.extract_facts", _ours), ("naive regex", _naive_extract)):
        count = fn(docs)
        ms = _median_ms(lambda fn=fn: fn(docs), runs=5)  # type: ignore[misc]
        print(f"  {name:20s} {mb / (ms / 1000):6.2f} MB/s  ({ms:7.1f} ms, {count} facts)")

    a = load_document(SEED / "ministry-report.txt", "A")
    b = load_document(SEED / "web-report.txt", "B")
    pairs = align(a.segments, b.segments)

    def ours_seed() -> None:
        fa, fb = facts_module.extract_facts(a), facts_module.extract_facts(b)
        diff_facts(a, fa, b, fb, pairs)

    def naive_seed() -> None:
        va = {x for s in a.segments for x in _NAIVE.findall(s.text)}
        vb = {x for s in b.segments for x in _NAIVE.findall(s.text)}
        _ = (va - vb, vb - va)

    align_ms = _median_ms(lambda: align(a.segments, b.segments), runs=20)
    print(f"seed pair: alignment alone {align_ms:.1f} ms (for scale)")
    print(f"  facts extraction + diff adds {_median_ms(ours_seed, runs=20):6.2f} ms (budget 50)")
    print(f"  naive regex set diff adds    {_median_ms(naive_seed, runs=20):6.2f} ms")
    _traditional_cost([content for _, content in sogou()])
    vocab_module._vocab.cache_clear()
    t = time.perf_counter()
    vocab_module._vocab()
    print(f"  one-off pattern build        {(time.perf_counter() - t) * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
