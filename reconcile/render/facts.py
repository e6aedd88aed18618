"""Renderers of the facts commands: the fact list of one document, the conflicts of two."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..models import Document, Fact, Result
from ._json_text import dumps as dumps_json


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
    return dumps_json(body) + "\n"


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


def disputes_text(result: Result) -> str:
    """N sources' conflicts: a header, then per claim its values with their sources and
    the sentence of each value, quoted (``7.5% [A,B] / 7.8% [C]``)."""
    facts = {f.id: f for f in result.facts}
    out = ["claim\tvalues\tsentences\n"]
    for k in result.disputes:
        values = " / ".join(f"{v.text} [{','.join(v.sources)}]" for v in k.values)
        quotes = "\t".join(
            f"{'+'.join(v.sources)}: “{_quote(result, facts[v.facts[0]])}”" for v in k.values
        )
        out.append(f"{k.claim}\t{values}\t{quotes}\n")
    return "".join(out)


def clusters_text(result: Result) -> str:
    """Every claim of N sources: one tab-separated line with each source's value (``-``
    where it does not state it) and the verdict: agree, differ, or only one source."""
    facts = {f.id: f for f in result.facts}
    ids = result.sources
    out = ["\t".join(("claim", *ids, "verdict")) + "\n"]
    for k in result.fact_clusters:
        value = {facts[f].source: facts[f].text for f in k.facts}
        if len(k.sources) == 1:
            verdict = f"only {k.sources[0]}"
        elif not k.conflict:
            verdict = "agree"
        elif k.majority is not None:
            verdict = f"differ: {', '.join(k.outliers)}"
        else:
            verdict = "differ: no majority"
        cells = [value.get(sid, "-") for sid in ids]
        out.append("\t".join((k.claim, *cells, verdict)) + "\n")
    return "".join(out)


def clusters_json(result: Result) -> str:
    """The facts and fact clusters of N sources, as in the ``reconcile/2`` document."""
    from .json import to_dict_2

    full = to_dict_2(result)
    body = {k: full[k] for k in ("schema", "sources", "facts", "fact_clusters", "fact_unique")}
    body["sources"] = [{"id": s["id"], "path": s["path"]} for s in full["sources"]]
    return dumps_json(body) + "\n"
