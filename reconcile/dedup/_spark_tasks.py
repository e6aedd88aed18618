"""What the Spark engine's executors run: plain functions over plain Python values.

Nothing here imports pyspark: each function takes the rows of one partition (or one
group) and calls the same stages the streaming engine calls (``prepare_many`` for
shingles, signatures and band keys, ``strongest`` for verification, ``relate`` for the
output), so a document gets the same answer from both engines. Keeping them free of
Spark also lets them be tested and type-checked on their own.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ._prepare import prepare_many
from ._run import new_stored
from .clusters import relate
from .config import DedupConfig
from .records import Problem, Record
from .results import Cluster
from .stages import Permutations
from .stored import Passage, StoredDoc
from .stream import read_jsonl
from .verify import strongest

CHUNK = 64  # records per prepare_many call, as in the streaming engine's workers

# One input item: its position in the input, and the record or the problem read there.
Item = tuple[int, Record | Problem]
# A prepared document with its paragraphs' openings (quoted by shared passages) and where
# it came from (named when its id repeats).
Doc = tuple[StoredDoc, tuple[str, ...], str]


def number(part: int, index: int) -> int:
    """The order of line (or file) ``index`` of input ``part`` among all inputs."""
    return (part << 40) + index


def parse_line(name: str, part: int, config: DedupConfig, line: tuple[bytes, int]) -> Item | None:
    """One JSONL line as the streaming reader reads it, numbered from 1 (blank: ``None``)."""
    raw, index = line
    found = list(read_jsonl(io.BytesIO(raw), name, config))
    if not found:
        return None
    # read_jsonl numbered it line 1 of its own little file.
    return number(part, index), replace(found[0], origin=f"{name}:{index + 1}")


def prepare_partition(
    config: DedupConfig,
    permutations: Permutations,
    now: float,
    run: int,
    items: Iterable[Item],
) -> Iterator[tuple[int, Doc | Problem]]:
    """Shingle and sign a partition's records, ``CHUNK`` at a time, as the workers do.

    Each document becomes a :class:`StoredDoc` numbered by its input position and in a
    cluster of its own; the numbers are made dense (and the index's own) later.
    """
    it = iter(items)
    while chunk := list(itertools.islice(it, CHUNK)):
        records = [(seq, r) for seq, r in chunk if isinstance(r, Record)]
        done = prepare_many([r for _, r in records], config, permutations)
        prepared = dict(zip((seq for seq, _ in records), done, strict=True))
        for seq, item in chunk:
            if isinstance(item, Problem):
                yield seq, item
                continue
            p = prepared[seq]
            yield (
                seq,
                p
                if isinstance(p, Problem)
                else (new_stored(p, seq, now, run), p.heads, item.origin),
            )


def renumber(first: int, pair: tuple[Doc, int]) -> tuple[int, Doc]:
    """The document at dense position ``i`` gets the index's number ``first + i``."""
    (doc, heads, origin), i = pair
    seq = first + i
    return seq, (replace(doc, seq=seq, cluster=seq), heads, origin)


def band_rows(item: tuple[int, Doc]) -> list[tuple[int, int]]:
    """``(key, seq)`` for each distinct band key: a candidate is counted once per shared key."""
    seq, (doc, _, _) = item
    return [(k, seq) for k in np.unique(doc.keys).tolist()]


_EMPTY_U32 = np.empty(0, np.uint32)
_EMPTY_I64 = np.empty(0, np.int64)


def for_verification(item: Doc) -> StoredDoc:
    """What a candidate contributes to another document's verification (no keys, no signature)."""
    return replace(item[0], signature=_EMPTY_U32, keys=_EMPTY_I64)


@dataclass(frozen=True)
class Decision:
    """Where verification put a document: the match it joins, the overlap it links to."""

    via: int | None
    relation: str | None
    similarity: float
    overlap: int | None
    overlap_id: str | None
    overlap_similarity: float
    passages: tuple[Passage, ...]


def decide(
    config: DedupConfig, item: tuple[int, tuple[Doc, Iterable[StoredDoc]]]
) -> tuple[int, Decision] | None:
    """Verify a document against its candidates, exactly as the streaming engine does."""
    seq, ((doc, heads, _), candidates) = item
    best, shared = strongest(doc, candidates, config, heads)
    if best is None and shared is None:
        return None
    return seq, Decision(
        via=best.other.seq if best else None,
        relation=best.relation if best else None,
        similarity=best.similarity if best else 1.0,
        overlap=shared.other.seq if shared else None,
        overlap_id=shared.other.id if shared else None,
        overlap_similarity=shared.similarity if shared else 0.0,
        passages=shared.passages if shared else (),
    )


# Per document: its cluster (``None``: its own, and no other document joined it), its
# decision and the cluster of its overlap partner.
Assignment = tuple[int | None, Decision | None, int | None]
# A document as the index stores it, its overlap partner's id, and whether it shares its
# cluster with other documents.
Final = tuple[StoredDoc, str | None, bool]


def assign(item: tuple[int, tuple[Doc, Assignment | None]]) -> Final:
    """The document as the index stores it, with its overlap partner's id.

    As in the streaming engine, an overlap with a member of the document's own cluster
    is not reported (the two are one story already).
    """
    seq, ((doc, _, _), found) = item
    label, decision, partner_cluster = found if found is not None else (None, None, None)
    cluster = seq if label is None else label
    doc = replace(doc, cluster=cluster)
    joined = label is not None
    if decision is None:
        return doc, None, joined
    if decision.via is not None:
        doc = replace(
            doc, relation=decision.relation, similarity=decision.similarity, via=decision.via
        )
    if decision.overlap is not None and partner_cluster != cluster:
        doc = replace(
            doc,
            overlap=decision.overlap,
            overlap_similarity=decision.overlap_similarity,
            passages=decision.passages,
        )
        return doc, decision.overlap_id, joined
    return doc, None, joined


def relate_cluster(
    config: DedupConfig, run: int, members: Iterable[tuple[StoredDoc, str | None]]
) -> tuple[Cluster, dict[str, int]]:
    """One cluster's output line, related as the streaming engine relates it."""
    ordered = sorted(members, key=lambda m: m[0].seq)
    ids = {doc.overlap: other for doc, other in ordered if doc.overlap is not None}
    cluster, _, counts = relate([d for d, _ in ordered], config, run, (), ids.get)
    return cluster, dict(counts)


def relate_group(
    config: DedupConfig, run: int, group: tuple[int, Iterable[tuple[StoredDoc, str | None]]]
) -> tuple[int, tuple[Cluster, dict[str, int]]]:
    cluster, members = group
    return cluster, relate_cluster(config, run, members)


def relate_alone(
    config: DedupConfig, run: int, item: Final
) -> tuple[int, tuple[Cluster, dict[str, int]]]:
    doc, other, _ = item
    return doc.seq, relate_cluster(config, run, [(doc, other)])


def is_alone(item: Final) -> bool:
    return not item[2]


def is_joined(item: Final) -> bool:
    return item[2]


# -- small row shapers (named functions: Spark pickles them, and mypy checks them) -------


def is_some(value: object) -> bool:
    return value is not None


def is_problem(item: tuple[int, Doc | Problem]) -> bool:
    return isinstance(item[1], Problem)


def is_doc(item: tuple[int, Doc | Problem]) -> bool:
    return not isinstance(item[1], Problem)


def id_and_origin(item: tuple[int, Doc]) -> tuple[str, tuple[int, str]]:
    seq, (doc, _, origin) = item
    return doc.id, (seq, origin)


def repeated(group: tuple[str, Iterable[tuple[int, str]]]) -> list[tuple[int, Problem]]:
    """Every occurrence of an id after its first is a problem, as in the streaming engine."""
    doc_id, seen = group
    first, *later = sorted(seen)
    return [
        (
            seq,
            Problem(
                origin, f"id {doc_id!r} appears twice in this input (first: {first[1]})", doc_id
            ),
        )
        for seq, origin in later
    ]


def candidate_of(row: Any) -> tuple[int, int]:
    return int(row["cand"]), int(row["doc"])


def to_document(item: tuple[int, tuple[int, StoredDoc]]) -> tuple[int, StoredDoc]:
    return item[1]


def joined_edge(item: tuple[int, Decision]) -> list[tuple[int, int]]:
    seq, decision = item
    return [] if decision.via is None else [(seq, decision.via)]


def overlap_partner(item: tuple[int, Decision]) -> list[tuple[int, int]]:
    seq, decision = item
    return [] if decision.overlap is None else [(decision.overlap, seq)]


def partner_cluster(item: tuple[int, tuple[int, int | None]]) -> tuple[int, int]:
    partner, (seq, label) = item
    # A partner that joined nothing and that nothing joined is its own cluster.
    return seq, partner if label is None else label


def assignment(item: tuple[tuple[int | None, Decision | None], int | None]) -> Assignment:
    (label, decision), partner = item
    return label, decision, partner


def stored_of(item: Final) -> StoredDoc:
    return item[0]


def by_cluster(item: Final) -> tuple[int, tuple[StoredDoc, str | None]]:
    return item[0].cluster, (item[0], item[1])
