"""Renderers of the facts commands: the fact list of one document, the conflicts of two."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..models import Document, Fact, Result


def fact_record(f: Fact) -> dict[str, Any]:
    """One fact as the JSON documents write it."""
    return {
        "id": f.id,
        "source": f.source,
        "segment": f.segment,
        "text": f.text,
        "value": f.value,
        "unit": f.unit,
        "kind": f.kind,
        "subject": f.subject,
        "period": f.period,
        "speaker": f.speaker,
        "start": f.start,
        "end": f.end,
        "qualifier": f.qualifier,
        "change": f.change,
    }


def facts_json(doc: Document, facts: Sequence[Fact]) -> str:
    """``{"source": …, "facts": […]}`` for ``reconcile facts --format json``."""
    body = {
        "source": {"id": doc.id, "path": doc.source.path},
        "facts": [fact_record(f) for f in facts],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


FACT_COLUMNS = ("id", "kind", "text", "subject", "period", "speaker")
CONFLICT_COLUMNS = ("subject", "A", "B", "A sentence", "B sentence")


def facts_text(doc: Document, facts: Sequence[Fact]) -> str:
    """A header, then one tab-separated line per fact: id, kind, as written, subject, …"""
    lines = [
        "\t".join(FACT_COLUMNS),
        *[
            "\t".join(
                (
                    f.id,
                    f.kind,
                    f.text,
                    f.subject or "-",
                    f.period or "-",
                    f.speaker or "-",
                )
            )
            for f in facts
        ],
    ]
    return "".join(line + "\n" for line in lines)


def conflicts_text(result: Result) -> str:
    """A header, then one line per conflict: subject, both values, both sentences quoted."""
    facts = {f.id: f for f in result.facts}
    diff = result.fact_diff
    out = ["\t".join(CONFLICT_COLUMNS) + "\n"]
    for c in diff.conflicts:
        fa, fb = facts[c.a], facts[c.b]
        subject = fa.subject or fb.subject or fa.kind
        qa = _quote(result, fa)
        qb = _quote(result, fb)
        a, b = fa.source, fb.source
        out.append(f"{subject}\t{a}: {fa.text}\t{b}: {fb.text}\t{a}: “{qa}”\t{b}: “{qb}”\n")
    return "".join(out)


def _quote(result: Result, f: Fact) -> str:
    seg = result.segment(f.segment)
    return result.document(f.source).quote(seg.start, seg.end).strip()
