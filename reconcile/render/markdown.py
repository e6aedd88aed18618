"""The merged canonical text as Markdown, every sentence tagged with its sources."""

from __future__ import annotations

from collections.abc import Callable

from ..merge import inline_figures
from ..models import CanonicalSentence, Document, Fact, Result
from .summary import Summary, summarize


def render(result: Result) -> str:
    """Markdown: sources, the merged text with attributions, facts, removed chrome.

    Each sentence ends with ``[A+B]``, ``[A]`` or ``[B]``; where the sources word a
    shared sentence differently, a footnote gives the other reading. More than two
    sources: ``markdown_n.render``.
    """
    if len(result.documents) > 2:
        from .markdown_n import render as render_n

        return render_n(result)
    s = summarize(result)
    facts = {f.id: f for f in result.facts}
    out: list[str] = []
    titles = [d.metadata.title for d in result.documents if d.metadata.title]
    out.append(f"# {' / '.join(titles) if titles else 'Merged report'}\n")
    out.append("## Sources\n")
    for doc in result.documents:
        out.append(f"- **{doc.id}** {_describe(doc)}")
    out.append("")
    out.append(_shared_line(s, result.sources) + "\n")
    out.append("## Merged text\n")
    body, notes = merged_text(result, facts, disputed=lambda c: bool(c.conflicts))
    out.extend(body)
    out.append(_facts(result))
    out.append("## Removed as site chrome\n")
    for doc in result.documents:
        if not doc.boilerplate:
            out.append(f"- **{doc.id}**: nothing")
            continue
        for b in doc.boilerplate:
            out.append(f"- **{doc.id}** ({b.kind}): {_escape(b.text.strip())}")
    out.append("")
    if notes:
        out.append("\n".join(notes) + "\n")
    return "\n".join(out)


def _describe(doc: Document) -> str:
    m = doc.metadata
    bits = [f"`{doc.source.path}`" if doc.source.path else "(text)"]
    if m.title:
        bits.append(f"“{m.title}”")
    if m.outlet:
        bits.append(f"outlet: {m.outlet}")
    if m.published:
        bits.append(f"published: {m.published}")
    bits.append(f"{len(doc.segments)} sentences")
    return " · ".join(bits)


def _shared_line(s: Summary, ids: tuple[str, ...]) -> str:
    a, b = ids
    return (
        f"Shared: {s.pairs} aligned pairs ({s.identical} identical, {s.variant} variant"
        f"{f', {s.related} related but not the same statement' if s.related else ''}"
        f"{f', {s.moved} moved' if s.moved else ''}); "
        f"{a} has {s.shared[a]} of {s.total[a]} sentences in common with {b}, "
        f"{b} has {s.shared[b]} of {s.total[b]}. "
        f"Only in {a}: {s.only[a]}; only in {b}: {s.only[b]}."
    )


def _facts(result: Result) -> str:
    diff = result.fact_diff
    if not result.facts:
        return "## Facts\n\nNo facts extracted.\n"
    facts = {f.id: f for f in result.facts}
    out = ["## Facts\n"]
    if diff.conflicts:
        out.append("### Conflicts\n")
        for c in diff.conflicts:
            fa, fb = facts[c.a], facts[c.b]
            out.append(
                f"- **{_escape(fa.subject or fb.subject or '?')}**: {fa.source} says **{fa.text}**, "
                f"{fb.source} says **{fb.text}** ({c.reason})\n"
                f"  - {fa.source}: {_quote(result, fa)}\n"
                f"  - {fb.source}: {_quote(result, fb)}"
            )
        out.append("")
    for sid in result.sources:
        ids = diff.unique.get(sid, ())
        if ids:
            out.append(f"### Only in {sid}\n")
            for i in ids:
                f = facts[i]
                who = f" ({f.speaker})" if f.speaker else ""
                out.append(f"- {_escape(f.subject or '?')}: **{f.text}**{who}: {_quote(result, f)}")
            out.append("")
    out.append(
        f"Shared facts: {len(diff.shared)}; written differently but compatible: "
        f"{len(diff.compatible)}.\n"
    )
    return "\n".join(out)


def _quote(result: Result, fact: Fact) -> str:
    return "“" + _escape(result.segment(fact.segment).text) + "”"


def _escape(text: str) -> str:
    # Markdown would read these as emphasis or links inside news text.
    for ch in "\\*_[]`<>":
        text = text.replace(ch, "\\" + ch)
    return text


def merged_text(
    result: Result, facts: dict[str, Fact], disputed: Callable[[CanonicalSentence], bool]
) -> tuple[list[str], list[str]]:
    """The merged text's paragraphs, each sentence tagged with its sources, and the
    footnotes giving the other wordings (sources that word a sentence alike share one).

    ``disputed`` says which sentences show their differing figures inline; the two-source
    and the N-source reports keep those in different fields.
    """
    out: list[str] = []
    notes: list[str] = []
    paragraph: list[str] = []
    current = None
    for c in result.canonical:
        if current is not None and c.paragraph != current and paragraph:
            out.append(" ".join(paragraph) + "\n")
            paragraph = []
        current = c.paragraph
        tag = f"[{'+'.join(c.sources)}]"
        wordings: dict[str, list[str]] = {}
        for alt in c.alternatives:
            wordings.setdefault(alt.text, []).append(alt.source)
        for text, who in wordings.items():
            verb = "reads" if len(who) == 1 else "read"
            notes.append(f"[^{len(notes) + 1}]: {', '.join(who)} {verb}: {_escape(text)}")
            tag += f"[^{len(notes)}]"
        text = inline_figures(c, facts) if disputed(c) else c.text
        paragraph.append(f"{_escape(text)} {tag}")
    if paragraph:
        out.append(" ".join(paragraph) + "\n")
    return out, notes
