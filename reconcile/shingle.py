"""Shingles and MinHash/LSH candidate generation (datasketch).

Importing this module imports datasketch (and with it scipy, ~0.7 s), so the aligner
imports it only when a document pair is large enough to need LSH.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from datasketch import MinHash, MinHashLSH

from .normalize import is_wide

if TYPE_CHECKING:
    from .align import AlignConfig

_RUN = re.compile(r"[^\W_]+", re.UNICODE)


def shingles(text: str, cjk_n: int = 2, word_n: int = 1) -> set[bytes]:
    """Character n-grams of CJK runs and word n-grams of Latin runs, as UTF-8 bytes.

    Mixed text gets both kinds, so a Chinese sentence quoting an English name still
    shares shingles with its variant.

    Example:
        >>> sorted(s.decode() for s in shingles("增长7.5% GDP growth"))
        ['5', '7', 'gdp', 'growth', '增长']
    """
    out: set[bytes] = set()
    words: list[str] = []
    for m in _RUN.finditer(text.lower()):
        run = m.group()
        if run.isascii():
            words.append(run)  # no ASCII character is CJK: the split below keeps it whole
            continue
        # Split a run like "增长7" into its CJK and non-CJK parts.
        for part in re.findall(
            r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]+|[^\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]+",
            run,
        ):
            if is_wide(part[0]):
                if len(part) < cjk_n:
                    out.add(part.encode())
                out.update(part[i : i + cjk_n].encode() for i in range(len(part) - cjk_n + 1))
            else:
                words.append(part)
    out.update(" ".join(words[i : i + word_n]).encode() for i in range(len(words) - word_n + 1))
    return out


def signatures(texts: Iterable[str], num_perm: int, seed: int) -> list[MinHash]:
    """MinHash signatures, built in one vectorised batch per text (``MinHash.bulk``)."""
    sets = [sorted(shingles(t)) or [b""] for t in texts]
    return list(MinHash.bulk(sets, num_perm=num_perm, seed=seed))


def sentence_candidates(
    ca: Sequence[str], cb: Sequence[str], cfg: AlignConfig
) -> set[tuple[int, int]]:
    """Pairs ``(i, j)`` whose shingle sets LSH estimates to be similar."""
    lsh = MinHashLSH(threshold=cfg.lsh_threshold, num_perm=cfg.num_perm)
    sig_b = signatures(cb, cfg.num_perm, cfg.seed)
    with lsh.insertion_session() as session:
        for j, sig in enumerate(sig_b):
            if cb[j]:
                session.insert(j, sig, check_duplication=False)
    out: set[tuple[int, int]] = set()
    for i, sig in enumerate(signatures(ca, cfg.num_perm, cfg.seed)):
        if ca[i]:
            out.update((i, int(j)) for j in lsh.query(sig))
    return out
