"""Record -> signatures and band keys, reusing the two-source pipeline's stages.

Runs in worker processes: everything here is a pure function of the record, the config
and the MinHash permutations (passed in: the index's, never a per-process table). A worker sends a chunk's results back as one :class:`Packed` (a few arrays for
the whole chunk, not the records' text the main process already holds): pickling a dozen
small arrays per document cost the main process more than its index work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..boilerplate import Line, analyse
from ..errors import InputError
from ..load import decode_bytes
from ..normalize import normalize_text
from ..segment import paragraphs
from .config import DedupConfig
from .records import Problem, Record
from .shingle import I64, U32
from .stages import (
    DOCUMENT_SALT,
    Permutations,
    band_keys,
    datasketch_permutations,
    passage_keys,
    shingle,
    sign_paragraphs,
)

_HEAD = 160  # characters of a paragraph kept to quote a shared passage


@dataclass(frozen=True)
class Prepared:
    """A document ready for the index.

    ``shingles`` holds each paragraph's sorted shingle set, laid end to end;
    ``bounds[i]:bounds[i + 1]`` is paragraph ``i``. ``spans`` are the paragraphs'
    character offsets in the decoded text (start, end, start, end, ...), ``heads`` their
    normalised openings.
    """

    record: Record
    shingles: U32
    bounds: U32
    spans: U32
    heads: tuple[str, ...]
    signature: U32
    keys: I64
    length: int

    @property
    def id(self) -> str:
        return self.record.id


def prepare(
    record: Record, config: DedupConfig, permutations: Permutations | None = None
) -> Prepared | Problem:
    """Decode, strip chrome, split paragraphs, shingle and sign one record.

    ``permutations`` default to datasketch's for ``config.seed`` (what a new index
    records); a run on an existing index passes the index's own.
    """
    perms = permutations or datasketch_permutations(config.seed, config.num_perm)
    return prepare_many([record], config, perms)[0]


@dataclass(frozen=True)
class _Laid:
    """A record split into paragraphs, waiting for its chunk to be shingled."""

    record: Record
    spans: list[tuple[int, int]]
    texts: list[str]


def _lay_out(record: Record) -> _Laid | Problem:
    if isinstance(record.data, bytes):
        try:
            text, _ = decode_bytes(record.data, name=record.origin)
        except InputError as exc:
            return Problem(record.origin, str(exc), record.id)
    else:
        text = record.data
    if not text.strip():
        return Problem(record.origin, "document has no text", record.id)
    layout = analyse(text)
    spans = paragraphs(text, layout.content) or [(0, len(text))]
    return _Laid(record, spans, _paragraph_texts(text, spans, layout.content))


def prepare_many(
    records: Sequence[Record], config: DedupConfig, permutations: Permutations
) -> list[Prepared | Problem]:
    """Prepare a chunk of records: text work per record, numpy work once for the chunk.

    Shingling, signatures and band keys run over every paragraph of the chunk at once
    (a document's result is the same as alone): per-document numpy calls on a few
    hundred values cost more in call overhead than in arithmetic.
    """
    laid = [_lay_out(r) for r in records]
    docs = [x for x in laid if isinstance(x, _Laid)]
    if not docs:
        return [x for x in laid if isinstance(x, Problem)]
    texts = [t for d in docs for t in d.texts]
    para_at = np.zeros(len(docs) + 1, dtype=np.intp)
    np.cumsum([len(d.texts) for d in docs], out=para_at[1:])
    cfg = config
    shingles, bounds = shingle(texts, cfg.cjk_ngram, cfg.word_ngram)
    width = cfg.para_bands * cfg.para_rows
    doc_sigs, para_sigs = sign_paragraphs(shingles, bounds, para_at, permutations, width)
    doc_keys = band_keys(doc_sigs, cfg.bands, cfg.rows, DOCUMENT_SALT)
    owner = np.repeat(np.arange(len(docs)), np.diff(para_at))
    eligible = np.diff(bounds) >= cfg.min_paragraph_shingles
    p_keys, p_at = passage_keys(
        para_sigs, eligible, owner, len(docs), cfg.para_bands, cfg.para_rows
    )
    out_docs: list[Prepared | Problem] = []
    for d, doc in enumerate(docs):
        r = doc.record
        lo, hi = int(para_at[d]), int(para_at[d + 1])
        base, stop = int(bounds[lo]), int(bounds[hi])
        if base == stop:
            out_docs.append(Problem(r.origin, "document has no words to compare", r.id))
            continue
        out_docs.append(
            Prepared(
                r,
                shingles[base:stop],
                bounds[lo : hi + 1] - np.uint32(base),
                np.array(doc.spans, dtype=np.uint32).ravel(),
                tuple(t[:_HEAD] for t in doc.texts),
                doc_sigs[d],
                np.concatenate([doc_keys[d], p_keys[p_at[d] : p_at[d + 1]]]),
                sum(end - start for start, end in doc.spans),
            )
        )
    done = iter(out_docs)
    return [next(done) if isinstance(x, _Laid) else x for x in laid]


def _paragraph_texts(text: str, spans: list[tuple[int, int]], content: Sequence[Line]) -> list[str]:
    """Each paragraph's normalised text, from the lines ``analyse`` already normalised."""
    out: list[str] = []
    i = 0
    for start, end in spans:
        while i < len(content) and content[i].end <= start:
            i += 1
        parts: list[str] = []
        while i < len(content) and content[i].start < end:
            parts.append(content[i].norm)
            i += 1
        out.append(" ".join(parts) if parts else normalize_text(text[start:end]))
    return out


def warm_up(config: DedupConfig, permutations: Permutations) -> None:
    """Build the tokeniser's constant tables once, before the workers fork."""
    record = Record("warm-up", "标题\n\n一段中文正文，用来预热。A line of text.", "")
    prepare_many([record], config, permutations)


@dataclass(frozen=True)
class Packed:
    """A chunk's results without its records: per-document arrays laid end to end.

    ``problems[i]`` is the problem with record ``i``, or ``None`` when it was prepared;
    the prepared ones are numbered in order, and ``<name>_at[j]:<name>_at[j + 1]`` is
    document ``j``'s slice of each array.
    """

    problems: tuple[Problem | None, ...]
    shingles: U32
    shingles_at: I64
    bounds: U32
    bounds_at: I64
    spans: U32
    spans_at: I64
    keys: I64
    keys_at: I64
    signatures: U32  # (documents, num_perm)
    lengths: tuple[int, ...]
    heads: tuple[tuple[str, ...], ...]


def prepare_packed(
    records: Sequence[Record], config: DedupConfig, permutations: Permutations
) -> Packed:
    """Prepare a chunk in a worker and pack it for the trip back."""
    done = prepare_many(records, config, permutations)
    ok = [d for d in done if isinstance(d, Prepared)]

    def lay(arrays: list[U32] | list[I64], dtype: type[np.generic]) -> tuple[Any, I64]:
        at = np.zeros(len(arrays) + 1, dtype=np.int64)
        np.cumsum([len(a) for a in arrays], out=at[1:])
        return (np.concatenate(arrays) if arrays else np.empty(0, dtype)), at

    shingles, shingles_at = lay([d.shingles for d in ok], np.uint32)
    bounds, bounds_at = lay([d.bounds for d in ok], np.uint32)
    spans, spans_at = lay([d.spans for d in ok], np.uint32)
    keys, keys_at = lay([d.keys for d in ok], np.int64)
    sigs = (
        np.stack([d.signature for d in ok])
        if ok
        else np.empty((0, config.num_perm), dtype=np.uint32)
    )
    return Packed(
        tuple(d if isinstance(d, Problem) else None for d in done),
        shingles,
        shingles_at,
        bounds,
        bounds_at,
        spans,
        spans_at,
        keys,
        keys_at,
        sigs,
        tuple(d.length for d in ok),
        tuple(d.heads for d in ok),
    )


def unpack(records: Sequence[Record], packed: Packed) -> list[Prepared | Problem]:
    """The chunk's results again, each prepared document with its record (views, no copies)."""
    out: list[Prepared | Problem] = []
    j = 0
    sa, ba, pa, ka = (
        packed.shingles_at.tolist(),
        packed.bounds_at.tolist(),
        packed.spans_at.tolist(),
        packed.keys_at.tolist(),
    )
    for record, problem in zip(records, packed.problems, strict=True):
        if problem is not None:
            out.append(problem)
            continue
        out.append(
            Prepared(
                record,
                packed.shingles[sa[j] : sa[j + 1]],
                packed.bounds[ba[j] : ba[j + 1]],
                packed.spans[pa[j] : pa[j + 1]],
                packed.heads[j],
                packed.signatures[j],
                packed.keys[ka[j] : ka[j + 1]],
                packed.lengths[j],
            )
        )
        j += 1
    return out
