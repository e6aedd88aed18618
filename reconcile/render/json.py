"""The ``reconcile/1`` JSON document (schema documented in the README)."""

from __future__ import annotations

import json
from typing import Any

from ..models import Document, Result
from .facts import fact_record

SCHEMA = "reconcile/1"


def to_dict(result: Result) -> dict[str, Any]:
    """The result as plain JSON-ready data.

    Example:
        >>> from reconcile import reconcile
        >>> d = to_dict(reconcile("fixtures/bbc-quango-2005/politics-226.txt",
        ...                       "fixtures/bbc-quango-2005/politics-265.txt"))
        >>> d["schema"], sorted(d["unique"])
        ('reconcile/1', ['A', 'B'])
    """
    return {
        "schema": SCHEMA,
        "sources": [_source(doc) for doc in result.documents],
        "segments": [
            _segment(doc, i) for doc in result.documents for i in range(len(doc.segments))
        ],
        "pairs": [
            {
                "a": list(p.a),
                "b": list(p.b),
                "score": round(p.score / 100, 3),
                "relation": p.relation,
                "moved": p.moved,
            }
            for p in result.pairs
        ],
        "unique": {k: list(v) for k, v in result.unique.items()},
        "canonical": [
            {
                "text": c.text,
                "sources": list(c.sources),
                "segments": list(c.segments),
                "paragraph": c.paragraph,
                "alternatives": [
                    {"source": r.source, "text": r.text, "segments": list(r.segments)}
                    for r in c.alternatives
                ],
                "conflicts": [[k.a, k.b] for k in c.conflicts],
            }
            for c in result.canonical
        ],
        "facts": [fact_record(f) for f in result.facts],
        "fact_diff": {
            "shared": [list(p) for p in result.fact_diff.shared],
            "conflicts": [
                {"a": c.a, "b": c.b, "reason": c.reason} for c in result.fact_diff.conflicts
            ],
            "compatible": [list(p) for p in result.fact_diff.compatible],
            "unique": {
                doc.id: list(result.fact_diff.unique.get(doc.id, ())) for doc in result.documents
            },
        },
    }


def dumps(result: Result) -> str:
    """The JSON document as text (UTF-8, CJK unescaped, stable key order)."""
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"


def _source(doc: Document) -> dict[str, Any]:
    meta = doc.metadata
    return {
        "id": doc.id,
        "path": doc.source.path,
        "encoding": doc.source.encoding,
        "title": meta.title,
        "published": meta.published,
        "outlet": meta.outlet,
        "boilerplate": [b.text for b in doc.boilerplate],
        "boilerplate_detail": [
            {"kind": b.kind, "start": b.start, "end": b.end} for b in doc.boilerplate
        ],
        "paragraphs": len(doc.paragraphs),
        "sentences": len(doc.segments),
    }


def _segment(doc: Document, i: int) -> dict[str, Any]:
    s = doc.segments[i]
    return {
        "id": s.id,
        "source": s.source,
        "paragraph": s.paragraph,
        "text": s.text,
        "start": s.start,
        "end": s.end,
        "utterance": s.utterance,
    }
