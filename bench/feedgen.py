"""Synthetic news feeds with known clusters, built from real corpus articles.

Originals are BBC articles (near-duplicates inside the corpus removed first, so the
truth is clean). Beyond the corpus size, further originals are corpus articles with 30%
of their words swapped for other corpus words: the same lengths and vocabulary, but two
such documents share next to no 4-word shingle, so they are distinct stories.

A reprint takes an earlier original and applies the edits reprints really get, at least
one of: a new headline, site chrome lines added or the headline dropped, ASCII
punctuation turned full-width, truncation (an excerpt), a paragraph inserted from
another article or deleted, a figure changed. Each document records its true cluster
(the original's id).

    python bench/feedgen.py 10000 > feed.jsonl      # truth in the "cluster" field
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc-news-2225.jsonl"

_CHROME_TOP = (
    "Home | News | Business | World",
    "Published: 2005-03-14 09:12",
    "Advertisement",
    "Skip to main content",
)
_CHROME_BOTTOM = (
    "Share this article: Facebook Twitter Email",
    "Source: Newswire",
    "Related stories",
    "(c) 2005 All rights reserved. Reproduction without permission is prohibited.",
)
_WIDE = str.maketrans({",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？"})
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Article:
    title: str
    paragraphs: tuple[str, ...]


def load_articles(path: Path = CORPUS) -> list[Article]:
    """Corpus articles, with the corpus's own near-duplicates removed (later copy dropped)."""
    import numpy as np

    from reconcile.dedup import DedupConfig, Record
    from reconcile.dedup._prepare import Prepared, prepare
    from reconcile.dedup.brute import exact_pairs

    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    cfg = DedupConfig()
    sets = []
    for r in rows:
        p = prepare(Record(r["id"], r["text"], r["id"]), cfg)
        sets.append(np.unique(p.shingles) if isinstance(p, Prepared) else np.empty(0, np.uint32))
    drop = {j for (_, j), (jac, con) in exact_pairs(sets, 0.3, 0.5).items() if jac or con}
    out = []
    for i, r in enumerate(rows):
        if i in drop:
            continue
        paras = [p.strip() for p in r["text"].split("\n\n") if p.strip()]
        if paras and paras[0] == r["title"]:
            paras = paras[1:]
        if len(paras) >= 3:
            out.append(Article(r["title"], tuple(paras)))
    return out


@dataclass(frozen=True)
class FeedDoc:
    id: str
    cluster: str
    text: str
    edits: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "cluster": self.cluster,
            "edits": list(self.edits),
            "text": self.text,
        }


def generate(
    n: int, *, reprint_rate: float = 0.3, seed: int = 7, articles: list[Article] | None = None
) -> Iterator[FeedDoc]:
    """``n`` documents: originals and reprints of earlier originals, interleaved."""
    rng = random.Random(seed)
    pool = articles if articles is not None else load_articles()
    vocab = sorted({w for a in pool[:300] for p in a.paragraphs for w in p.split()})
    originals: list[tuple[str, Article]] = []
    made = 0
    for i in range(n):
        if originals and rng.random() < reprint_rate:
            # Reprints follow soon after the story: pick among the recent originals.
            cid, art = originals[-1 - int(rng.expovariate(1 / 50)) % len(originals)]
            text, edits = _reprint(art, pool, rng)
            yield FeedDoc(f"doc-{i:07d}", cid, text, edits)
            continue
        base = pool[made % len(pool)]
        if made >= len(pool):
            base = _respell(base, vocab, rng)
        made += 1
        cid = f"doc-{i:07d}"
        originals.append((cid, base))
        yield FeedDoc(cid, cid, _render(base.title, base.paragraphs), ())


def _respell(art: Article, vocab: list[str], rng: random.Random) -> Article:
    def swap(text: str) -> str:
        return " ".join(rng.choice(vocab) if rng.random() < 0.3 else w for w in text.split())

    return Article(swap(art.title), tuple(swap(p) for p in art.paragraphs))


def _render(title: str | None, paragraphs: tuple[str, ...] | list[str]) -> str:
    head = [title] if title else []
    return "\n\n".join([*head, *paragraphs])


def _reprint(art: Article, pool: list[Article], rng: random.Random) -> tuple[str, tuple[str, ...]]:
    kinds = [
        "headline",
        "chrome",
        "width",
        "truncate",
        "insert",
        "delete",
        "figure",
        "drop-headline",
    ]
    chosen = [k for k in kinds if rng.random() < 0.25] or [rng.choice(kinds)]
    title: str | None = art.title
    paras = list(art.paragraphs)
    top: list[str] = []
    bottom: list[str] = []
    for kind in chosen:
        if kind == "headline":
            title = rng.choice(["UPDATE: ", "Breaking: ", "Report: ", ""]) + rng.choice(
                [art.title.upper(), f"{art.title} - latest", " ".join(reversed(art.title.split()))]
            )
        elif kind == "drop-headline":
            title = None
        elif kind == "chrome":
            top = rng.sample(_CHROME_TOP, rng.randint(1, 2))
            bottom = rng.sample(_CHROME_BOTTOM, rng.randint(1, 2))
        elif kind == "width":
            paras = [p.translate(_WIDE) for p in paras]
        elif kind == "truncate" and len(paras) >= 4:
            paras = paras[: max(2, int(len(paras) * rng.uniform(0.5, 0.8)))]
        elif kind == "insert":
            other = rng.choice(pool).paragraphs
            paras.insert(rng.randrange(len(paras) + 1), rng.choice(other))
        elif kind == "delete" and len(paras) >= 4:
            del paras[rng.randrange(len(paras))]
        elif kind == "figure":
            k = rng.randrange(len(paras))
            paras[k] = _NUMBER.sub(lambda m: str(int(float(m.group())) + 3), paras[k], count=1)
    text = "\n\n".join([*top, _render(title, paras), *bottom])
    return text, tuple(chosen)


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 10000
    out = sys.stdout
    for doc in generate(n):
        out.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
