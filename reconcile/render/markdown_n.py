"""The merged report of N > 2 sources as Markdown (two sources: ``markdown.render``).

Every sentence ends with the tag of all the sources that state it (``[A+C+D]``); other
wordings go to footnotes, one per distinct wording (``[^3]: C, D read: …``); figures
the sources give differently are shown inline with their sources (``7.5% [A,B] /
7.8% [C]``). A source × source table says how many sentences each two share.
"""

from __future__ import annotations

from ..models import Fact, FactCluster, Result
from .markdown import _describe, _escape, merged_text
from .summary import GroupSummary, summarize_groups


def render(result: Result) -> str:
    """Markdown: sources, who shares what, the merged text, facts, removed chrome."""
    s = summarize_groups(result)
    facts = {f.id: f for f in result.facts}
    titles = list(dict.fromkeys(d.metadata.title for d in result.documents if d.metadata.title))
    out = [f"# {' / '.join(titles) if titles else 'Merged report'}\n", "## Sources\n"]
    out += [f"- **{doc.id}** {_describe(doc)}" for doc in result.documents]
    out.append("")
    out.append(_shared_line(result, s) + "\n")
    out.append(_matrix(result, s))
    out.append("## Merged text\n")
    body, notes = merged_text(result, facts, disputed=lambda c: bool(c.disputes))
    out.extend(body)
    out.append(_facts(result, facts))
    out.append("## Removed as site chrome\n")
    for doc in result.documents:
        if not doc.boilerplate:
            out.append(f"- **{doc.id}**: nothing")
        for b in doc.boilerplate:
            out.append(f"- **{doc.id}** ({b.kind}): {_escape(b.text.strip())}")
    out.append("")
    if notes:
        out.append("\n".join(notes) + "\n")
    return "\n".join(out)


def _shared_line(result: Result, s: GroupSummary) -> str:
    n = len(result.documents)
    per = "; ".join(f"{k}: {s.total[k] - s.only[k]} of {s.total[k]}" for k in result.sources)
    return (
        f"{s.groups} sentence groups: {s.everywhere} stated by all {n} sources, {s.several} "
        f"by several, {s.single} by one only{f', {s.moved} moved' if s.moved else ''}. "
        f"Sentences shared with another source: {per}."
    )


def _matrix(result: Result, s: GroupSummary) -> str:
    """Shared sentence groups, source × source (the diagonal: each source's own total)."""
    ids = result.sources
    rows = ["| | " + " | ".join(ids) + " |", "|---|" + "---:|" * len(ids)]
    for x in ids:
        rows.append(f"| **{x}** | " + " | ".join(str(s.shared[(x, y)]) for y in ids) + " |")
    return "\n".join(rows) + "\n"


def _facts(result: Result, facts: dict[str, Fact]) -> str:
    if not result.facts:
        return "## Facts\n\nNo facts extracted.\n"
    out = ["## Facts\n"]
    disputes = result.disputes
    if disputes:
        out.append("### Conflicts\n")
        for k in disputes:
            out.append(f"- **{_escape(k.claim)}**: {_escape(_values(k))}")
            for v in k.values:
                f = facts[v.facts[0]]
                out.append(f"  - {'+'.join(v.sources)}: {_quote(result, f)}")
        out.append("")
    for sid in result.sources:
        ids = result.facts_only_in(sid)
        if ids:
            out.append(f"### Only in {sid}\n")
            for i in ids:
                f = facts[i]
                who = f" ({f.speaker})" if f.speaker else ""
                out.append(f"- {_escape(f.subject or '?')}: **{f.text}**{who}: {_quote(result, f)}")
            out.append("")
    several = [k for k in result.fact_clusters if len(k.sources) > 1]
    agreed = sum(1 for k in several if not k.conflict)
    out.append(
        f"Claims several sources state: {len(several)}; they agree on {agreed}, "
        f"and give different values for {len(disputes)}.\n"
    )
    return "\n".join(out)


def _values(k: FactCluster) -> str:
    parts = [f"{v.text} in {', '.join(v.sources)}" for v in k.values]
    verdict = (
        f" (majority: {k.majority.text}; differs: {', '.join(k.outliers)})"
        if k.majority is not None
        else " (no majority)"
    )
    return "; ".join(parts) + verdict


def _quote(result: Result, fact: Fact) -> str:
    return "“" + _escape(result.segment(fact.segment).text) + "”"
