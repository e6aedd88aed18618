"""The JSON documents: ``reconcile/1`` (two sources A and B) and ``reconcile/2`` (N).

Both schemas are published in ``reconcile/data/``; docs/json.md documents them and the
migration from 1 to 2. ``reconcile/1`` is kept for what it can describe, two sources
labelled A and B, so that existing consumers of two-file output keep working.
"""

from __future__ import annotations

from typing import Any

from ..errors import ConfigError
from ..models import CanonicalSentence, Document, FactCluster, Result
from ._json_text import dumps as dumps_json
from .facts import fact_record

SCHEMA = "reconcile/1"
SCHEMA_2 = "reconcile/2"


def schema_for(result: Result, version: int | None = None) -> int:
    """The schema version to write: ``version`` if given, else 1 where it can describe
    the result (two sources, A and B), else 2."""
    fits_1 = result.sources == ("A", "B")
    if version is None:
        return 1 if fits_1 else 2
    if version == 1 and not fits_1:
        raise ConfigError(
            "reconcile/1 describes two sources labelled A and B only; use --schema 2 "
            f"for {', '.join(result.sources)}"
        )
    if version not in (1, 2):
        raise ConfigError(f"no JSON schema reconcile/{version}: choose 1 or 2")
    return version


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
            _sentence(c) | {"conflicts": [[k.a, k.b] for k in c.conflicts]}
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


def dumps(result: Result, version: int | None = None) -> str:
    """The JSON document as text (UTF-8, CJK unescaped, stable key order); the schema
    version as ``schema_for`` decides."""
    body = to_dict(result) if schema_for(result, version) == 1 else to_dict_2(result)
    return dumps_json(body) + "\n"


def to_dict_2(result: Result) -> dict[str, Any]:
    """The ``reconcile/2`` document: N sources, sentence groups, fact clusters.

    Example:
        >>> from reconcile import reconcile
        >>> d = to_dict_2(reconcile("fixtures/bbc-quango-2005/politics-226.txt",
        ...                         "fixtures/bbc-quango-2005/politics-265.txt"))
        >>> d["schema"], [s["id"] for s in d["sources"]], d["groups"][0]["relation"]
        ('reconcile/2', ['A', 'B'], 'identical')
    """
    index = {id(k): n for n, k in enumerate(result.fact_clusters)}
    return {
        "schema": SCHEMA_2,
        "sources": [_source(doc) for doc in result.documents],
        "segments": [
            {**_segment(doc, i), "index": i}
            for doc in result.documents
            for i in range(len(doc.segments))
        ],
        "groups": [
            {
                "members": [{"source": m.source, "segments": list(m.segments)} for m in g.members],
                "relation": g.relation,
                "score": round(g.score / 100, 3),
                "moved": g.moved,
                "moved_in": list(g.moved_in),
            }
            for g in result.groups
        ],
        "unique": {k: list(v) for k, v in result.unique.items()},
        "canonical": [
            _sentence(c) | {"disputes": [index[id(k)] for k in c.disputes]}
            for c in result.canonical
        ],
        "facts": [fact_record(f) for f in result.facts],
        "fact_clusters": [_cluster(k) for k in result.fact_clusters],
        "fact_unique": {d.id: list(result.facts_only_in(d.id)) for d in result.documents},
    }


def _sentence(c: CanonicalSentence) -> dict[str, Any]:
    """A merged sentence with its readings, as both schemas write it."""
    return {
        "text": c.text,
        "sources": list(c.sources),
        "segments": list(c.segments),
        "paragraph": c.paragraph,
        "alternatives": [
            {"source": r.source, "text": r.text, "segments": list(r.segments)}
            for r in c.alternatives
        ],
    }


def _cluster(k: FactCluster) -> dict[str, Any]:
    return {
        "claim": k.claim,
        "facts": list(k.facts),
        "sources": list(k.sources),
        "values": [
            {"text": v.text, "facts": list(v.facts), "sources": list(v.sources)} for v in k.values
        ],
        "majority": None if k.majority is None else k.values.index(k.majority),
        "outliers": list(k.outliers),
        "conflict": k.conflict,
        "reason": k.reason,
    }


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
