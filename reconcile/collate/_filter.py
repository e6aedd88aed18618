"""Candidate pairs of sentence cores from an inverted index of their tokens.

The large-input path of the collation. ``align`` uses MinHash/LSH for large document
pairs; here a prefix-filtered inverted index does the same job without importing
datasketch (scipy with it: over a second on a busy machine, more than the whole
collation of ten reports) and without its random misses:

- a core's tokens are its Latin words and the character bigrams of its CJK runs;
- tokens are ranked rarest first over all cores; every token of every core is indexed;
- each core probes the index with its first ``n - ceil(t * n) + 1`` tokens only. If two
  cores share at least ``t`` of the smaller one's tokens, one of those shared tokens is
  among that prefix, so every such pair is found (``t`` is ``AlignConfig.lsh_threshold``);
- probing rare tokens first keeps the lists short: the work grows with the number of
  pairs that share a rare token, not with the square of the number of sentences.

The candidates are then scored by the pairwise scorer; the filter only decides which
pairs are worth scoring.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

from ..normalize import is_wide

_RUN = re.compile(r"[^\W_]+", re.UNICODE)


def tokens(text: str) -> set[str]:
    """Latin words and CJK character bigrams of a core.

    Example:
        >>> sorted(tokens("pension talks 养老金改革"))
        ['pension', 'talks', '养老', '改革', '老金', '金改']
    """
    out: set[str] = set()
    for m in _RUN.finditer(text):
        for part in re.findall(
            r"[\u2e80-\u9fff\uf900-\ufaff]+|[^\u2e80-\u9fff\uf900-\ufaff]+", m.group()
        ):
            if is_wide(part[0]) and len(part) > 1:
                out.update(part[i : i + 2] for i in range(len(part) - 1))
            else:
                out.add(part)
    return out


def overlap_candidates(cores: Sequence[str], threshold: float) -> list[tuple[int, int]]:
    """Pairs ``u < v`` whose token sets share at least ``threshold`` of the smaller one."""
    sets = [tokens(c) for c in cores]
    df = Counter(t for s in sets for t in s)
    ranked = [sorted(s, key=lambda t: (df[t], t)) for s in sets]
    index: dict[str, list[int]] = {}
    for u, toks in enumerate(ranked):
        for t in toks:
            index.setdefault(t, []).append(u)
    found: set[tuple[int, int]] = set()
    for u, toks in enumerate(ranked):
        prefix = len(toks) - math.ceil(threshold * len(toks)) + 1
        seen: set[int] = set()
        for t in toks[:prefix]:
            for v in index[t]:
                if v == u or v in seen:
                    continue
                seen.add(v)
                # Sharing a prefix token is necessary, not sufficient: count the overlap.
                need = math.ceil(threshold * min(len(sets[u]), len(sets[v])))
                if len(sets[u] & sets[v]) >= need:
                    found.add((u, v) if u < v else (v, u))
    return sorted(found)
