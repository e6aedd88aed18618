"""A cluster's members related to its representative: the output of every engine.

The streaming engine (:mod:`.engine`) and the Spark engine (:mod:`.spark`) both end with
a cluster's stored documents in hand; this one function turns them into the
:class:`~.results.Cluster` they print, so the two outputs cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection

from .config import DedupConfig
from .results import Cluster, MatchScores, Member, Overlap
from .stages import estimated_jaccard, set_scores
from .stored import StoredDoc
from .verify import DUPLICATE, OVERLAP, classify

REMOVED = "(removed)"  # a match or overlap partner removed from the index since


def representative(members: list[StoredDoc], config: DedupConfig) -> StoredDoc:
    """The member ``config.keep`` picks: first indexed, longest, or earliest published."""
    if config.keep == "longest":
        return max(members, key=lambda m: (m.length, -m.seq))
    if config.keep == "earliest":
        return min(members, key=lambda m: (m.published is None, m.stamp, m.seq))
    return min(members, key=lambda m: m.seq)


def match_scores(doc: StoredDoc, other: StoredDoc | None) -> MatchScores | None:
    """The scores of the match that placed ``doc`` (its ``via``), recomputed exactly.

    The exact scores are a function of the two stored shingle sets, so recomputing them
    gives what the engine saw when it placed the document. The MinHash estimate is the
    one taken then (``doc.estimate``), or, for rows that keep signatures instead, the
    same function of the two signatures.
    """
    if doc.relation is None or doc.via is None:
        return None
    if other is None:
        return MatchScores(REMOVED, doc.relation, 0.0, 0.0, 0.0)
    jaccard, containment = set_scores(doc.shingle_set, other.shingle_set)
    estimate = doc.estimate
    if estimate is None:
        estimate = estimated_jaccard(doc.signature, other.signature)
    return MatchScores(other.id, doc.relation, jaccard, estimate, containment)


def relate(
    members: list[StoredDoc],
    config: DedupConfig,
    run: int,
    again: Collection[int],
    other_id: Callable[[int], str | None],
) -> tuple[Cluster, StoredDoc, Counter[str]]:
    """Members related to the representative ``keep`` picks, and the overlaps.

    ``run`` is the current run (members of other runs are marked ``earlier``), ``again``
    the sequence numbers of earlier documents fed again, ``other_id`` the id of an
    overlap partner outside the cluster (``None`` once removed). Also returns the
    relations of this run's documents, for the summary.
    """
    rep = representative(members, config)
    by_seq = {m.seq: m for m in members}
    counts: Counter[str] = Counter()

    def scores(m: StoredDoc) -> MatchScores | None:
        # The matched document is in the same cluster: a document joins its match's.
        return match_scores(m, by_seq.get(m.via) if m.via is not None else None)

    out = [
        Member(
            rep.id,
            "representative",
            1.0,
            earlier=rep.run != run,
            again=rep.seq in again,
            match=scores(rep),
        )
    ]
    for m in members:
        if m is rep:
            continue
        earlier = m.run != run
        if m.via == rep.seq and m.relation is not None:
            # Verified against the representative itself when it was indexed.
            out.append(
                Member(
                    m.id, m.relation, m.similarity, earlier, again=m.seq in again, match=scores(m)
                )
            )
        else:
            relation, score = classify(m, rep, config)
            via_id = None
            if relation is None:
                # Close to another member (a chain), not to the representative; the
                # cluster's opener is related the way the representative joined it.
                link = m if m.relation is not None else rep
                via = by_seq.get(link.via) if link.via is not None else None
                relation = link.relation or DUPLICATE
                via_id = via.id if via is not None else None
            out.append(Member(m.id, relation, score, earlier, via_id, m.seq in again, scores(m)))
        if not earlier:
            counts[out[-1].relation] += 1
    overlaps = []
    for m in members:
        # This run's overlaps, and those of documents fed again (their line repeats
        # what the earlier run reported).
        if m.overlap is None or (m.run != run and m.seq not in again):
            continue
        other = by_seq.get(m.overlap)
        with_id = other.id if other is not None else other_id(m.overlap)
        overlaps.append(Overlap(m.id, with_id or REMOVED, m.overlap_similarity, m.passages))
        if m.run == run:
            counts[OVERLAP] += 1
    return Cluster(rep.id, tuple(out), tuple(overlaps)), rep, counts
