"""Project a collation onto two of its sources: the two-source ``Pair`` shape.

With two documents this is exactly ``align(a.segments, b.segments)``, so the two-file
outputs (``merge``, the renderers, the ``reconcile/1`` JSON) can run on a collation
unchanged while the N-source ones are built.
"""

from __future__ import annotations

from ..align import AlignConfig, compare_key
from ..models import Pair, Relation
from .models import Collation


def pairs_between(
    col: Collation, a: str, b: str, cfg: AlignConfig | None = None
) -> tuple[Pair, ...]:
    """The groups that both ``a`` and ``b`` state, as pairs in ``a``'s order.

    The relation is the two members' own, so a three-source group whose third member
    differs still reads "identical" here when ``a`` and ``b`` agree. The score of a
    variant is that of the link between ``a`` and ``b``, or the group's weakest link
    when they are joined through a third source; the moved flag is the group's. For
    two sources both are the pair's.

    Example:
        >>> from reconcile.document import from_text
        >>> from reconcile.collate import collate
        >>> x = from_text("T\\n\\nThe talks ended on Friday. Unions vote next.", "A")
        >>> y = from_text("T\\n\\nThe talks ended on Friday.", "B")
        >>> [(p.a, p.b, p.relation) for p in pairs_between(collate([x, y]), "A", "B")]
        [(('A0',), ('B0',), 'identical')]
    """
    statement = (cfg or AlignConfig()).statement
    doc_a, doc_b = col.document(a), col.document(b)
    out: list[tuple[tuple[int, int], Pair]] = []
    for g in col.groups:
        ma, mb = g.member(a), g.member(b)
        if ma is None or mb is None:
            continue
        ka = "".join(compare_key(doc_a.segments[i].text) for i in ma.indices)
        kb = "".join(compare_key(doc_b.segments[i].text) for i in mb.indices)
        same = ka == kb
        score = 100.0 if same else (g.link_score(a, b) or g.score)
        pair = Pair(
            a=ma.segments,
            b=mb.segments,
            score=score,
            relation="identical" if same else "variant" if score >= statement else "related",
            moved=g.moved,
        )
        out.append(((ma.indices[0], mb.indices[0]), pair))
    return tuple(p for _, p in sorted(out, key=lambda x: x[0]))


def member_pairs(col: Collation, a: str, b: str) -> tuple[Pair, ...]:
    """Which sentences of ``a`` and ``b`` correspond, in ``a``'s order, cheaply.

    The same pairs of segments as ``pairs_between``, without comparing the two
    members' texts again: ``relation`` and ``score`` are the group's (a variant group
    reads "variant" even where these two members agree). For callers that need only
    the correspondence, such as the fact check of every pair of N sources, where
    ``pairs_between`` would normalise every sentence N - 1 times.
    """
    out: list[tuple[int, Pair]] = []
    for g in col.groups:
        ma, mb = g.member(a), g.member(b)
        if ma is None or mb is None:
            continue
        relation: Relation = "identical" if g.relation == "identical" else "variant"
        out.append((ma.indices[0], Pair(ma.segments, mb.segments, g.score, relation, g.moved)))
    return tuple(p for _, p in sorted(out, key=lambda x: x[0]))
