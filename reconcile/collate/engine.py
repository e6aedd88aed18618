"""``collate``: N documents -> groups of sentences that state the same thing."""

from __future__ import annotations

from collections.abc import Sequence

from ..align import AlignConfig
from ..errors import ConfigError
from ..models import Document
from ._groups import RawGroup, form_groups, pairwise_links
from ._index import SentenceIndex, build_index, dense_scoring, pair_scores
from ._order import canonical_order, out_of_order
from .models import Collation, Group, GroupRelation, Member


def collate(documents: Sequence[Document], cfg: AlignConfig | None = None) -> Collation:
    """Align N >= 2 documents at once.

    Every sentence is indexed and scored once (see ``_index``), each pair of documents
    that shares candidates is aligned by the pairwise engine on those scores, the
    matches are joined into groups in which no source appears twice (``_groups``), and
    the groups are put in an order consistent with every source (``_order``). Documents
    are processed in content order, so permuting the inputs changes nothing but the
    order of members within a group, which follows the order of ``documents``.

    Example:
        >>> from reconcile.document import from_text
        >>> a = from_text("T\\n\\nThe minister resigned today. Talks resume in Paris on Monday.", "A")
        >>> b = from_text("T\\n\\nThe minister resigned today. Talks resume in Rome on Monday.", "B")
        >>> c = from_text("T\\n\\nThe minister resigned today.", "C")
        >>> [(g.sources, g.relation) for g in collate([a, b, c]).groups]
        [(('A', 'B', 'C'), 'identical'), (('A', 'B'), 'variant')]
    """
    if len(documents) < 2:
        raise ConfigError(f"collation needs at least two documents, not {len(documents)}")
    cfg = cfg or AlignConfig()
    index = build_index(documents)
    dense = dense_scoring(index, cfg)
    links = pairwise_links(index, pair_scores(index, cfg, dense), cfg)
    raw = form_groups(index, links)
    order = canonical_order(raw, [len(d.segments) for d in index.docs])
    position = {d.id: k for k, d in enumerate(documents)}
    moved_in = _moved_in(raw, order, index)
    groups: list[Group] = []
    by_segment: dict[tuple[str, int], int] = {}
    for k in order:
        g = raw[k]
        members = sorted(
            (
                Member(
                    index.docs[p].id,
                    tuple(index.docs[p].segments[i].id for i in rows),
                    rows,
                )
                for p, rows in g.members
            ),
            key=lambda m: position[m.source],
        )
        for m in members:
            for i in m.indices:
                by_segment[(m.source, i)] = len(groups)
        movers = tuple(sorted(moved_in.get(k, ()), key=position.__getitem__))
        groups.append(
            Group(
                tuple(members),
                _relation(index, g),
                round(g.score, 1),
                g.moved,
                movers,
                _label_links(g, index, position),
            )
        )
    return Collation(tuple(documents), tuple(groups), by_segment)


def _moved_in(raw: list[RawGroup], order: list[int], index: SentenceIndex) -> dict[int, list[str]]:
    """For each group, the sources whose own order departs from the canonical one there."""
    rank = {k: r for r, k in enumerate(order)}
    by_doc: list[list[tuple[int, int]]] = [[] for _ in index.docs]
    for k, g in enumerate(raw):
        for p, rows in g.members:
            by_doc[p].append((rows[0], k))
    out: dict[int, list[str]] = {}
    for p, seq in enumerate(by_doc):
        seq.sort()
        for i in out_of_order([rank[k] for _, k in seq]):
            out.setdefault(seq[i][1], []).append(index.docs[p].id)
    return out


def _label_links(
    g: RawGroup, index: SentenceIndex, position: dict[str, int]
) -> tuple[tuple[str, str, float], ...]:
    """A group's links as (source, source, score), in the order the documents came."""
    out: list[tuple[str, str, float]] = []
    for ln in g.links:
        x, y = sorted((index.docs[ln.p].id, index.docs[ln.q].id), key=position.__getitem__)
        out.append((x, y, round(ln.score, 1)))
    return tuple(sorted(out, key=lambda t: (position[t[0]], position[t[1]])))


def _relation(index: SentenceIndex, g: RawGroup) -> GroupRelation:
    if len(g.members) == 1:
        return "unique"
    texts = {"".join(index.keys[p][i] for i in rows) for p, rows in g.members}
    return "identical" if len(texts) == 1 else "variant"
