"""Feeds and runners shared by the dedup tests."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from reconcile.dedup import Cluster, DedupConfig, InputProblem, Result, SqliteIndex, deduplicate
from reconcile.dedup.records import Problem, Record

from .helpers import BBC, corpus


@cache
def bbc_rows() -> tuple[dict[str, str], ...]:
    path = corpus(BBC)
    return tuple(json.loads(line) for line in path.open(encoding="utf-8"))


@cache
def generated(n: int, seed: int = 7) -> tuple[dict[str, object], ...]:
    """A feed from bench/feedgen.py with its true clusters (BBC originals and reprints)."""
    corpus(BBC)
    from bench.feedgen import generate

    articles = _articles()
    return tuple(d.to_json() for d in generate(n, seed=seed, articles=articles))


@cache
def _articles() -> list[object]:
    from bench.feedgen import load_articles

    return load_articles()  # type: ignore[return-value]


def write_jsonl(path: Path, rows: Iterable[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def run(
    records: Iterable[Record | Problem], db: Path, config: DedupConfig | None = None
) -> list[Result]:
    cfg = config or DedupConfig(workers=1)
    with SqliteIndex(db, cfg.params()) as index:
        return list(deduplicate(records, cfg, index))


def cluster_of(results: Iterable[Result]) -> dict[str, str]:
    """Document id -> representative id, for this run's documents."""
    out: dict[str, str] = {}
    for r in results:
        if isinstance(r, Cluster):
            for m in r.members:
                if not m.earlier:
                    out[m.id] = r.id
    return out


def problems(results: Iterable[Result]) -> list[InputProblem]:
    return [r for r in results if isinstance(r, InputProblem)]


def records(rows: Iterable[dict[str, object]]) -> list[Record]:
    return [Record(str(r["id"]), str(r["text"]), str(r["id"])) for r in rows]
