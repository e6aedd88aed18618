"""Stories of a deduplicated feed: the documents ``reconcile dedup`` put together.

A story is what the index says belongs together, as far as the feed still holds it:
the members of a cluster (duplicates, excerpts, updated versions) and, through the
overlap links (documents sharing whole passages), the clusters linked to them. Its
documents are prepared from the feed's own text and reconciled like files.

The index is only read here. Importing this module loads no dedup engine: the index
is opened by the caller (``reconcile.dedup.open_index``) and passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .document import prepare
from .errors import InputError
from .models import Document, Metadata, Source

if TYPE_CHECKING:  # typing only: importing reconcile.dedup loads numpy
    from .dedup.index import Index
    from .dedup.records import Record


@dataclass(frozen=True)
class Story:
    """Documents of one story, in the order the index took them in.

    Attributes:
        id: the id of its first indexed document (stable while that document stays).
        members: the ids of its documents the feed holds, first indexed first.
        missing: ids the index puts in the story that the feed no longer holds (they
            cannot be reconciled without their text).
    """

    id: str
    members: tuple[str, ...]
    missing: tuple[str, ...] = ()


def find_stories(feed_ids: Sequence[str], index: Index) -> list[Story]:
    """Every story of the feed with at least two documents, first indexed first.

    Clusters and the clusters their overlap links reach are one story (the pieces of
    a graph whose nodes are clusters); a document of the feed the index does not hold
    belongs to none.
    """
    stored = index.find_ids(list(feed_ids))
    seq_of = {d.seq: d for d in stored.values()}
    parent: dict[int, int] = {}

    def find(c: int) -> int:
        parent.setdefault(c, c)
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for d in stored.values():
        find(d.cluster)
    partners = index.fetch(d.overlap for d in stored.values() if d.overlap is not None)
    for d in stored.values():
        other = partners.get(d.overlap) if d.overlap is not None else None
        if other is not None:
            a, b = find(d.cluster), find(other.cluster)
            parent[max(a, b)] = min(a, b)
    members = index.cluster_seqs(sorted(parent))
    everyone = index.fetch(s for seqs in members.values() for s in seqs if s not in seq_of)
    everyone.update(seq_of)
    pieces: dict[int, list[int]] = {}
    for cluster, seqs in members.items():
        pieces.setdefault(find(cluster), []).extend(seqs)
    in_feed = set(feed_ids)
    out = []
    for seqs in pieces.values():
        ids = [everyone[s].id for s in sorted(set(seqs)) if s in everyone]
        have = tuple(i for i in ids if i in in_feed)
        if len(have) >= 2:
            out.append(Story(have[0], have, tuple(i for i in ids if i not in in_feed)))
    return sorted(out, key=lambda s: stored[s.id].seq)


def story_of(doc_id: str, stories: Iterable[Story]) -> Story:
    """The story holding ``doc_id`` (any of its documents names it)."""
    for s in stories:
        if doc_id in s.members:
            return s
    raise InputError(
        f"{doc_id!r} is in no story of two or more documents of this feed and index "
        "(not indexed, or alone in its cluster with no overlap)"
    )


def story_documents(
    story: Story, records: Mapping[str, Record], labels: Sequence[str]
) -> list[Document]:
    """The story's documents, prepared from the feed's text under ``labels``.

    The record's own title, publication time and outlet fill what the text does not say.
    """
    docs = []
    for doc_id, label in zip(story.members, labels, strict=True):
        r = records[doc_id]
        if not isinstance(r.data, str):
            from .load import decode_bytes

            text, used = decode_bytes(r.data, name=r.origin)
        else:
            text, used = r.data, "utf-8"
        doc = prepare(Source(id=label, text=text, path=f"{r.origin}#{doc_id}", encoding=used))
        m = doc.metadata
        meta = Metadata(
            title=m.title or r.title,
            published=m.published or r.published,
            outlet=m.outlet or r.source,
        )
        docs.append(replace(doc, metadata=meta))
    return docs


_UNSAFE = re.compile(r"[^\w.-]+")


def file_name(story_id: str, taken: set[str]) -> str:
    """A file name for a story's report: its id with anything unsafe as ``_``, unique.

    Example:
        >>> taken = set()
        >>> file_name("bbc/politics 294", taken), file_name("bbc_politics_294", taken)
        ('bbc_politics_294', 'bbc_politics_294-2')
    """
    base = _UNSAFE.sub("_", story_id).strip("._") or "story"
    name, k = base, 1
    while name in taken:
        k += 1
        name = f"{base}-{k}"
    taken.add(name)
    return name
