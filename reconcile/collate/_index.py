"""Index every sentence of every source once and score the candidate pairs once.

Sentences are reduced to distinct cores (``align.core``) first: a sentence that ten
reports carry verbatim is one entry, scored once. Candidates among the distinct cores
come from one vectorised ``rapidfuzz`` pass (small inputs) or one pass over an inverted
index of their tokens (large ones, ``_filter``), with the same cut-over as ``align``
(``AlignConfig.lsh_min_pairs``); every
candidate is then scored by ``align.core_score``, the pairwise scorer itself, so scores
and thresholds are the pairwise ones by construction.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any, NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq
from rapidfuzz.process import extract

from ..align import (
    _LOOP_LIMIT,
    AlignConfig,
    Scores,
    _score_into,
    compare_key,
    core,
    core_score,
)
from ..errors import ConfigError
from ..models import Document
from ._filter import overlap_candidates

# The vectorised pass keeps pairs a little below the thresholds: it computes in float32,
# the scalar scorer that decides in float64, and a pair on the edge must reach the latter.
_SLACK = 1.0


# A NamedTuple: a private record, defined at import for a third of a dataclass's cost.
class SentenceIndex(NamedTuple):
    """The sources in canonical (content) order, with each sentence's core and key.

    ``docs`` is sorted by a digest of each source's text, so nothing downstream sees the
    order the caller passed the documents in.
    """

    docs: tuple[Document, ...]
    cores: tuple[tuple[str, ...], ...]
    keys: tuple[tuple[str, ...], ...]
    core_ids: tuple[tuple[int, ...], ...]
    distinct: tuple[str, ...]

    def occurrences(self) -> list[list[tuple[int, int]]]:
        """For each distinct core, the (document, sentence) positions that carry it."""
        occ: list[list[tuple[int, int]]] = [[] for _ in self.distinct]
        for p, ids in enumerate(self.core_ids):
            for i, u in enumerate(ids):
                occ[u].append((p, i))
        return occ


def digest(doc: Document) -> str:
    return _sha256_hex(doc.source.text.encode("utf-8", "surrogatepass"))


def _sha256_hex(data: bytes) -> str:
    return str(_sha256()(data).hexdigest())


@cache
def _sha256() -> Any:
    """SHA-256 from CPython's own module where it has one: ``hashlib`` loads OpenSSL first
    (~2.5 ms of every diff) for the same digest."""
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,unused-ignore]  # Python 3.12+
    except ImportError:
        try:
            from _sha256 import sha256  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            from hashlib import sha256  # type: ignore[assignment,unused-ignore]
    return sha256


def build_index(documents: Sequence[Document]) -> SentenceIndex:
    """Cores and compare keys of every sentence, the documents in content order."""
    ids = [d.id for d in documents]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ConfigError(f"two sources share the id {dupes[0]!r}: give each a distinct label")
    # Ties (two byte-identical sources) fall back to the id: both orders give the same
    # groups as sets of (text, sentence index), which is what order independence means.
    docs = tuple(sorted(documents, key=lambda d: (digest(d), d.id)))
    # A sentence that N reports carry verbatim is reduced once, not N times.
    seen: dict[str, tuple[str, str]] = {}
    for d in docs:
        for s in d.segments:
            if s.text not in seen:
                seen[s.text] = (core(s.text), compare_key(s.text))
    cores = tuple(tuple(seen[s.text][0] for s in d.segments) for d in docs)
    keys = tuple(tuple(seen[s.text][1] for s in d.segments) for d in docs)
    table: dict[str, int] = {}
    core_ids = tuple(tuple(table.setdefault(c, len(table)) for c in cs) for cs in cores)
    return SentenceIndex(docs, cores, keys, core_ids, tuple(table))


def dense_scoring(index: SentenceIndex, cfg: AlignConfig) -> bool:
    """Whether every candidate is scored (as ``align`` decides for two documents)."""
    sizes = [len(d.segments) for d in index.docs]
    total = sum(sizes)
    cross = (total * total - sum(n * n for n in sizes)) // 2
    return cross <= cfg.lsh_min_pairs


def pair_scores(
    index: SentenceIndex, cfg: AlignConfig, dense: bool
) -> dict[tuple[int, int], Scores]:
    """Scores above threshold, per pair of documents ``(p, q)``, ``p < q``, keyed ``(i, j)``.

    Also holds pairs of sentences equal after normalisation (score 100) whose cores are
    empty, so that a document pair sharing only such sentences is still aligned.
    """
    distinct = index.distinct
    scored: dict[tuple[int, int], float] = {}
    if dense and len(distinct) ** 2 <= _LOOP_LIMIT:
        # Small enough for the scorer's plain loop: no numpy import (about 0.1 s, a
        # third of a two-report diff) and the very numbers align() computes.
        scored.update(score_apart(distinct, _homes(index), cfg))
    else:
        candidates = (
            _dense_candidates(distinct, cfg)
            if dense
            else overlap_candidates(distinct, cfg.lsh_threshold)
        )
        for u, v in candidates:
            s = core_score(distinct[u], distinct[v], cfg)
            if s > 0:
                scored[(u, v)] = s
    for u, c in enumerate(distinct):
        if c:  # a non-empty core scores 100 against itself
            scored[(u, u)] = 100.0
    occ = index.occurrences()
    out: dict[tuple[int, int], Scores] = defaultdict(dict)
    for (u, v), s in scored.items():
        for p, i in occ[u]:
            for q, j in occ[v]:
                if p < q:
                    out[(p, q)][(i, j)] = s
                elif q < p:
                    out[(q, p)][(j, i)] = s
    _empty_core_matches(index, out)
    return dict(out)


def score_apart(cores: Sequence[str], homes: Sequence[int], cfg: AlignConfig) -> Scores:
    """Scores above threshold for pairs ``x < y`` of ``cores`` that may link two sources.

    ``homes[x]`` is the one source core ``x`` occurs in, or -1 when several carry it. Two
    cores of one and the same source are never compared (collation links sentences of
    different sources only): for two reports that is three quarters of the pairs
    ``score_block(cores, cores)`` would score. Each pair is scored as ``score_block``
    scores it, in the same orientation.
    """
    # Most pairs are unrelated. Two C passes per row find every pair that can reach a
    # threshold: a ratio of at least the lower threshold, or (for a partial match) an LCS
    # long enough for the bound of ``_partial_may_reach``, taken at the smallest core
    # and cut it can apply to; only those pairs are then scored as ``score_block`` scores
    # them (on the seed pair ~220 of ~3,200).
    low = min(cfg.accept, cfg.short_accept)
    cut = low / cfg.partial_weight - 1e-6
    least_lcs = (
        max(0, math.floor(cut * cfg.partial_min_len / (200.0 - cut)) - 1) if cut < 200 else None
    )
    out: Scores = {}
    for x, a in enumerate(cores):
        if not a:
            continue
        home = homes[x]
        ys = [y for y in range(x + 1, len(cores)) if cores[y] and (home < 0 or homes[y] != home)]
        if not ys:
            continue
        choices = [cores[y] for y in ys]
        found = {
            k for _, _, k in extract(a, choices, scorer=fuzz.ratio, score_cutoff=low, limit=None)
        }
        if least_lcs is not None and len(a) >= cfg.partial_min_len:
            found.update(
                k
                for _, _, k in extract(
                    a, choices, scorer=LCSseq.similarity, score_cutoff=least_lcs, limit=None
                )
            )
        for k in sorted(found):
            _score_into(out, x, ys[k], a, choices[k], cfg)
    return out


def _homes(index: SentenceIndex) -> list[int]:
    """For each distinct core, the one document that carries it, or -1 if several do."""
    homes = [-2] * len(index.distinct)
    for p, ids in enumerate(index.core_ids):
        for u in ids:
            homes[u] = p if homes[u] in (-2, p) else -1
    return homes


def _empty_core_matches(index: SentenceIndex, out: dict[tuple[int, int], Scores]) -> None:
    by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for p, (cs, ks) in enumerate(zip(index.cores, index.keys, strict=True)):
        for i, (c, k) in enumerate(zip(cs, ks, strict=True)):
            if not c:
                by_key[k].append((p, i))
    for where in by_key.values():
        for p, i in where:
            for q, j in where:
                if p < q:
                    out.setdefault((p, q), {})[(i, j)] = 100.0


def _dense_candidates(cores: Sequence[str], cfg: AlignConfig) -> list[tuple[int, int]]:
    """Pairs ``u < v`` of distinct cores that may score above threshold (one cdist pass)."""
    if len(cores) < 2:
        return []
    import numpy as np
    from rapidfuzz import fuzz, process

    ratio = process.cdist(
        cores, cores, scorer=fuzz.ratio, dtype=np.float32, workers=1,
        score_cutoff=min(cfg.accept, cfg.short_accept) - _SLACK,
    )  # fmt: skip
    found = set(zip(*(a.tolist() for a in np.nonzero(np.triu(ratio, 1))), strict=True))
    # A clause of a longer sentence matches by partial_ratio, only between long cores.
    long = [u for u, c in enumerate(cores) if len(c) >= cfg.partial_min_len]
    if len(long) >= 2:
        part = process.cdist(
            [cores[u] for u in long], [cores[u] for u in long], scorer=fuzz.partial_ratio,
            dtype=np.float32, workers=1, score_cutoff=cfg.accept / cfg.partial_weight - _SLACK,
        )  # fmt: skip
        for x, y in zip(*(a.tolist() for a in np.nonzero(np.triu(part, 1))), strict=True):
            found.add((long[x], long[y]))
    return sorted(found)
