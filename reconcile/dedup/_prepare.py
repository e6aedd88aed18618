"""Record -> signatures and band keys, reusing the two-source pipeline's stages.

Runs in worker processes: everything here is a pure function of the record and the
config, and the result pickles cheaply (numpy arrays and short strings).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..boilerplate import Line, analyse
from ..errors import InputError
from ..load import decode_bytes
from ..normalize import normalize_text
from ..segment import paragraphs
from .config import DedupConfig
from .records import Problem, Record
from .shingle import I64, U32, document_keys, document_shingles, paragraph_keys, signatures

_HEAD = 160  # characters of a paragraph kept to quote a shared passage


@dataclass(frozen=True)
class Prepared:
    """A document ready for the index.

    ``shingles`` holds each paragraph's sorted shingle set, laid end to end;
    ``bounds[i]:bounds[i + 1]`` is paragraph ``i``. ``spans`` are the paragraphs'
    character offsets in the decoded text, ``heads`` their normalised openings.
    """

    record: Record
    shingles: U32
    bounds: U32
    spans: tuple[tuple[int, int], ...]
    heads: tuple[str, ...]
    signature: U32
    keys: I64
    length: int

    @property
    def id(self) -> str:
        return self.record.id


def prepare(record: Record, config: DedupConfig) -> Prepared | Problem:
    """Decode, strip chrome, split paragraphs, shingle and sign one record."""
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
    texts = _paragraph_texts(text, spans, layout.content)
    shingles, bounds = document_shingles(texts, config)
    if not len(shingles):
        return Problem(record.origin, "document has no words to compare", record.id)
    sizes = bounds[1:] - bounds[:-1]
    sigs = signatures(shingles, bounds, config)
    eligible = sizes >= config.min_paragraph_shingles
    keys = np.concatenate(
        [document_keys(sigs.document, config), paragraph_keys(sigs.paragraphs, eligible, config)]
    )
    length = sum(end - start for start, end in spans)
    heads = tuple(t[:_HEAD] for t in texts)
    return Prepared(record, shingles, bounds, tuple(spans), heads, sigs.document, keys, length)


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


def warm_up(config: DedupConfig) -> None:
    """Build the per-process caches (permutations, character tables) before forking."""
    prepare(Record("warm-up", "标题\n\n一段中文正文，用来预热。A line of text.", ""), config)


def prepare_many(batch: list[Record], config: DedupConfig) -> list[Prepared | Problem]:
    """A chunk of records, for ``Pool.imap`` (one pickling round trip per chunk)."""
    return [prepare(r, config) for r in batch]
