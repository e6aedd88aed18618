"""Match the sentences of two documents and align them.

Stages, each a plain function so they can be measured and tested on their own:

1. ``core``: what a sentence is scored on: its text without list markers, punctuation
   and (for English) function words, so that "二是扩需求。" and "第二是巩固提升优势产业。"
   do not pair on "二是", nor "He said." with "She said.".
2. Candidates: every pair for small documents (``rapidfuzz.process.cdist``), MinHash/LSH
   proposals for large ones (``datasketch``, imported only then: it costs ~0.7 s).
3. Anchors: the heaviest chain of strong candidates in document order.
4. Between anchors, a small dynamic programme over 1:1, 1:2, 2:1 and skips.
5. Moved sentences: strong pairs left over after the in-order alignment.

Scores are rapidfuzz similarities in 0-100; thresholds live in ``AlignConfig`` and were
chosen with ``bench/calibrate.py`` (see its output in the README).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from . import _data
from .errors import ConfigError
from .models import Pair, Segment
from .normalize import is_wide

_QUOTES = str.maketrans(
    {"“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"'}
)
_LATIN_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class AlignConfig:
    """Thresholds and limits of the alignment (similarities on a 0-100 scale).

    Attributes:
        accept: lowest score for a pair of sentences whose cores have at least
            ``short_len`` characters. Unrelated sentence pairs from the corpora stay
            below it in 99.9% of cases (``bench/calibrate.py``).
        short_accept: the same for shorter cores, where chance similarity is higher.
        short_len: the core length (characters) below which ``short_accept`` applies.
        partial_min_len: shortest core that may match as part of a longer sentence
            (rapidfuzz ``partial_ratio``), i.e. a sentence with an extra clause.
        partial_weight: factor on a partial match, so containment ranks below equality.
        anchor: lowest score for an in-order anchor.
        statement: lowest score at which a variant pair is one statement, merged into one
            attributed sentence; below it the pair is *related*: shown side by side, each
            sentence kept as its source's own. Of the BBC two-version pairs, those from 81.9
            up restate one claim; those at 60.6-76.1 make different claims ("Mr Brown
            claimed the NHS was not safe…" / "He told his party's … conference the Tories
            must not be allowed to win").
        moved: lowest score for a pair found out of document order.
        merge_gain: how much better a 1:2 or 2:1 pairing must score than the 1:1 one.
        lsh_min_pairs: above this many sentence pairs, candidates come from MinHash/LSH.
        lsh_threshold: Jaccard threshold of the LSH index over sentence shingles.
        num_perm: MinHash permutations.
        seed: MinHash seed (fixed, so results are reproducible).
        max_dp_cells: the largest gap (rows x columns) aligned by dynamic programming.
    """

    accept: float = 60.0
    short_accept: float = 80.0
    short_len: int = 8
    partial_min_len: int = 20
    partial_weight: float = 0.9
    anchor: float = 90.0
    moved: float = 75.0
    statement: float = 80.0
    merge_gain: float = 4.0
    lsh_min_pairs: int = 40_000
    lsh_threshold: float = 0.3
    num_perm: int = 64
    seed: int = 1
    max_dp_cells: int = 250_000

    def __post_init__(self) -> None:
        for name in ("accept", "short_accept", "anchor", "moved", "statement"):
            value = getattr(self, name)
            if not 0 <= value <= 100:
                raise ConfigError(f"{name} must be between 0 and 100, not {value}")
        if not 0 < self.lsh_threshold < 1:
            raise ConfigError(f"lsh_threshold must be between 0 and 1, not {self.lsh_threshold}")
        if self.num_perm < 16:
            raise ConfigError(f"num_perm must be at least 16, not {self.num_perm}")
        if self.anchor < self.accept:
            raise ConfigError("anchor must not be lower than accept")

    def threshold(self, core_len: int) -> float:
        """The acceptance threshold for a pair whose shorter core has ``core_len`` chars."""
        return self.short_accept if core_len < self.short_len else self.accept


@cache
def _markers() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _data.load("align")["list_markers"])


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(_data.words("align", "en_stopwords"))


def compare_key(text: str) -> str:
    """What must be equal for two sentences to count as identical.

    Normalised text with curly and corner quotes made straight and spaces dropped where
    they sit next to a CJK character (a layout choice, not a wording one).
    """
    text = text.translate(_QUOTES)
    if text.isascii():
        # No ASCII character is wide: every run is one space, without a Python call per run
        # (a third of aligning a long English pair).
        return _SPACES.sub(" ", text)
    return _SPACES.sub(lambda m: "" if _touches_wide(text, m.start(), m.end()) else " ", text)


def _touches_wide(text: str, a: int, b: int) -> bool:
    return (a > 0 and is_wide(text[a - 1])) or (b < len(text) and is_wide(text[b]))


def core(text: str) -> str:
    """The part of a sentence that identifies it (see the module docstring).

    Example:
        >>> core("第一是改造升级传统产业。"), core("He said: the plan is dead.")
        ('改造升级传统产业', 'plan dead')
    """
    t = text.translate(_QUOTES).strip(" \"'")
    for _ in range(2):  # "一是首先…" has two markers
        for pat in _markers():
            t = pat.sub("", t, count=1).lstrip()
    stop = _stopwords()
    out: list[str] = []
    for m in _LATIN_WORD.finditer(t):
        word = m.group()
        if not word.isascii() and any(is_wide(ch) for ch in word):  # ASCII is never wide
            out.append(word)
        elif word.lower() not in stop:
            out.append(word.lower())
    # CJK runs are kept whole (no spaces between them); Latin words are space-separated.
    joined = " ".join(out)
    if joined.isascii() or not any(is_wide(c) for c in joined):
        return joined
    return re.sub(r"(?<=\W) | (?=\W)", "", joined)


# Up to this many pairs a block is scored with plain rapidfuzz calls; above it with
# ``process.cdist``, whose vectorised loop wins once it amortises importing numpy (~50 ms).
_LOOP_LIMIT = 20_000

Scores = dict[tuple[int, int], float]


def score_block(ca: Sequence[str], cb: Sequence[str], cfg: AlignConfig) -> Scores:
    """Scores above their threshold for every pair of ``ca`` x ``cb`` (local indices).

    A pair scores the better of ``ratio`` and weighted ``partial_ratio`` (the latter only
    when the shorter core is long enough to be a clause of the other sentence).
    """
    if len(ca) * len(cb) > _LOOP_LIMIT:
        return _score_block_vectorised(ca, cb, cfg)
    out: Scores = {}
    for x, a in enumerate(ca):
        if not a:
            continue
        for y, b in enumerate(cb):
            if b:
                _score_into(out, x, y, a, b, cfg)
    return out


def _score_into(out: Scores, x: int, y: int, a: str, b: str, cfg: AlignConfig) -> None:
    short = min(len(a), len(b))
    limit = cfg.short_accept if short < cfg.short_len else cfg.accept
    score = fuzz.ratio(a, b, score_cutoff=limit)
    if short >= cfg.partial_min_len and score < 100:
        cut = limit / cfg.partial_weight
        if _partial_may_reach(a, b, short, cut):
            part = fuzz.partial_ratio(a, b, score_cutoff=cut)
            score = max(score, part * cfg.partial_weight)
    if score >= limit:
        out[(x, y)] = float(score)


def _partial_may_reach(a: str, b: str, short: int, cut: float) -> bool:
    """Whether ``fuzz.partial_ratio(a, b)`` can reach ``cut``; False only when it cannot.

    ``partial_ratio`` is the best Indel similarity ``2 * LCS / (short + len(w))`` of the
    shorter string against a substring ``w`` of the longer. Every such LCS is at most
    ``L``, the LCS of the whole strings, which bounds the similarity by
    ``2L / (short + L)``. One bit-parallel LCS costs a fraction of ``partial_ratio``,
    and most pairs of unrelated sentences fail the bound, so this skips most of its calls
    (about three quarters of the time of scoring the seed pair) with identical scores.
    """
    lcs = LCSseq.similarity(a, b)
    # The margin keeps float rounding of the bound from ever skipping a reachable score.
    return 200.0 * lcs / (short + lcs) >= cut - 1e-6


def _score_block_vectorised(ca: Sequence[str], cb: Sequence[str], cfg: AlignConfig) -> Scores:
    import numpy as np
    from rapidfuzz import process

    ratio = process.cdist(ca, cb, scorer=fuzz.ratio, dtype=np.float32, workers=1)
    partial = process.cdist(
        ca,
        cb,
        scorer=fuzz.partial_ratio,
        dtype=np.float32,
        workers=1,
        score_cutoff=cfg.accept / cfg.partial_weight,
    )
    la = np.array([len(c) for c in ca])[:, None]
    lb = np.array([len(c) for c in cb])[None, :]
    shorter = np.minimum(la, lb)
    partial = np.where(shorter >= cfg.partial_min_len, partial * cfg.partial_weight, 0)
    score = np.maximum(ratio, partial)
    limit = np.where(shorter < cfg.short_len, cfg.short_accept, cfg.accept)
    keep = (score >= limit) & (shorter > 0)
    xs, ys = np.nonzero(keep)
    return {(int(x), int(y)): float(score[x, y]) for x, y in zip(xs, ys, strict=True)}


@dataclass(frozen=True)
class Match:
    """Aligned sentences by index: ``a`` rows of the first document, ``b`` of the second."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    moved: bool = False


def align(
    seg_a: Sequence[Segment], seg_b: Sequence[Segment], cfg: AlignConfig | None = None
) -> tuple[Pair, ...]:
    """Align two documents' sentences; returns pairs in the order of ``seg_a``.

    Example:
        >>> from reconcile.document import from_text
        >>> a = from_text("标题\\n\\n第一是改造升级传统产业。二是扩需求。", "A").segments
        >>> b = from_text("标题\\n\\n首先是改造升级传统产业。三是育动能。", "B").segments
        >>> [(p.a, p.b, p.relation) for p in align(a, b)]
        [(('A0',), ('B0',), 'variant')]
    """
    cfg = cfg or AlignConfig()
    ca = [core(s.text) for s in seg_a]
    cb = [core(s.text) for s in seg_b]
    keys_a = [compare_key(s.text) for s in seg_a]
    keys_b = [compare_key(s.text) for s in seg_b]
    matches = match_indices(ca, cb, keys_a, keys_b, cfg)
    pairs: list[Pair] = []
    for m in sorted(matches, key=lambda m: (m.a[0], m.b[0])):
        same = "".join(keys_a[i] for i in m.a) == "".join(keys_b[j] for j in m.b)
        pairs.append(
            Pair(
                a=tuple(seg_a[i].id for i in m.a),
                b=tuple(seg_b[j].id for j in m.b),
                score=round(100.0 if same else m.score, 1),
                relation=(
                    "identical" if same else "variant" if m.score >= cfg.statement else "related"
                ),
                moved=m.moved,
            )
        )
    return tuple(pairs)


def match_indices(
    ca: Sequence[str],
    cb: Sequence[str],
    keys_a: Sequence[str],
    keys_b: Sequence[str],
    cfg: AlignConfig,
    scores: Scores | None = None,
    dense: bool | None = None,
) -> list[Match]:
    """The alignment of ``align`` on cores and compare keys, as index tuples.

    ``scores`` lets a caller that has already scored the candidate pairs (the N-way
    collation scores every sentence of every source once) skip the scoring step: they
    must be what ``score_block`` gives for those pairs. ``dense`` says whether they
    cover every pair above its threshold (else gaps between anchors are scored here,
    as for LSH candidates). Without them this is exactly what ``align`` does.
    """
    scorer = _Scorer(ca, cb, keys_a, keys_b, cfg, scores, dense)
    return _align_indices(scorer, len(ca), len(cb), cfg)


class _Scorer:
    """Scores on demand: all pairs for small inputs, LSH candidates for large ones."""

    def __init__(
        self,
        ca: Sequence[str],
        cb: Sequence[str],
        keys_a: Sequence[str],
        keys_b: Sequence[str],
        cfg: AlignConfig,
        scores: Scores | None = None,
        dense: bool | None = None,
    ) -> None:
        self.ca, self.cb, self.cfg = ca, cb, cfg
        self.keys_a, self.keys_b = keys_a, keys_b
        self.dense = len(ca) * len(cb) <= cfg.lsh_min_pairs if dense is None else dense
        found: Scores
        if scores is not None:
            found = dict(scores)
        else:
            found = score_block(ca, cb, cfg) if self.dense else self._lsh()
        # Sentences identical after normalisation pair even when their cores are empty.
        by_key: dict[str, list[int]] = {}
        for j, k in enumerate(keys_b):
            by_key.setdefault(k, []).append(j)
        for i, k in enumerate(keys_a):
            for j in by_key.get(k, ()):
                found[(i, j)] = 100.0
        self.scores = found
        self.candidates = [(i, j, s) for (i, j), s in found.items()]
        self.by_row: dict[int, list[tuple[int, int, float]]] = {}
        for c in self.candidates:
            self.by_row.setdefault(c[0], []).append(c)

    def _lsh(self) -> Scores:
        from .shingle import sentence_candidates

        out: Scores = {}
        for i, j in sentence_candidates(self.ca, self.cb, self.cfg):
            s = core_score(self.ca[i], self.cb[j], self.cfg)
            if s > 0:
                out[(i, j)] = s
        return out

    def block(self, rows: range, cols: range) -> list[tuple[int, int, float]]:
        """Scored pairs within ``rows`` x ``cols`` (global indices)."""
        if self.dense or len(rows) * len(cols) > self.cfg.max_dp_cells:
            # Dense: everything is scored already. Huge gap: trust the LSH candidates.
            return [c for i in rows for c in self.by_row.get(i, ()) if c[1] in cols]
        local = score_block([self.ca[i] for i in rows], [self.cb[j] for j in cols], self.cfg)
        out = {(rows[x], cols[y]): s for (x, y), s in local.items()}
        for i in rows:
            for _, j, s in self.by_row.get(i, ()):
                if j in cols:
                    out[(i, j)] = max(s, out.get((i, j), 0.0))
        return [(i, j, s) for (i, j), s in out.items()]

    def joined(self, rows: Sequence[int], cols: Sequence[int]) -> float:
        """Score of the concatenation of ``rows`` against that of ``cols``."""
        a = _join([self.ca[i] for i in rows])
        b = _join([self.cb[j] for j in cols])
        return core_score(a, b, self.cfg)


def core_score(a: str, b: str, cfg: AlignConfig) -> float:
    """The score of two cores, or 0 when below their threshold."""
    return score_block([a], [b], cfg).get((0, 0), 0.0)


def _join(cores: Sequence[str]) -> str:
    return "".join(cores) if _wide(cores[0]) else " ".join(cores)


def _wide(s: str) -> bool:
    return any(is_wide(ch) for ch in s[:8])


def _align_indices(scorer: _Scorer, n: int, m: int, cfg: AlignConfig) -> list[Match]:
    anchors = _heaviest_chain([c for c in scorer.candidates if c[2] >= cfg.anchor])
    matches: list[Match] = []
    prev_i, prev_j = -1, -1
    for i, j, s in [*anchors, (n, m, 0.0)]:
        matches.extend(_align_gap(scorer, range(prev_i + 1, i), range(prev_j + 1, j), cfg))
        if i < n:
            matches.append(Match((i,), (j,), s))
        prev_i, prev_j = i, j
    matches = _absorb_neighbours(scorer, matches, n, m, cfg)
    matches.extend(_moved(scorer, matches, cfg))
    return matches


def _heaviest_chain(cands: Sequence[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The maximum-weight subset of candidates increasing in both ``i`` and ``j``.

    O(k log k) with a Fenwick tree of prefix maxima over ``j``; candidates that share an
    ``i`` are scored before any of them is inserted, so a chain uses each row once.
    """
    if not cands:
        return []
    size = max(j for _, j, _ in cands) + 2
    tree_w = [0.0] * (size + 1)
    tree_k = [-1] * (size + 1)
    best_w = [0.0] * len(cands)
    back = [-1] * len(cands)
    order = sorted(range(len(cands)), key=lambda k: (cands[k][0], cands[k][1]))
    pos = 0
    while pos < len(order):
        end = pos
        while end < len(order) and cands[order[end]][0] == cands[order[pos]][0]:
            end += 1
        for k in order[pos:end]:
            j = cands[k][1]
            w, prev = 0.0, -1
            x = j  # prefix over columns < j (tree is 1-based: column c lives at c + 1)
            while x > 0:
                if tree_w[x] > w:
                    w, prev = tree_w[x], tree_k[x]
                x -= x & -x
            best_w[k] = w + cands[k][2]
            back[k] = prev
        for k in order[pos:end]:
            x = cands[k][1] + 1
            while x <= size:
                if best_w[k] > tree_w[x]:
                    tree_w[x], tree_k[x] = best_w[k], k
                x += x & -x
        pos = end
    k = max(range(len(cands)), key=lambda k: best_w[k])
    chain: list[tuple[int, int, float]] = []
    while k != -1:
        chain.append(cands[k])
        k = back[k]
    return chain[::-1]


def _align_gap(scorer: _Scorer, rows: range, cols: range, cfg: AlignConfig) -> list[Match]:
    """In-order pairs between two anchors.

    The best in-order matching, where each accepted pair gains (score - accept + 1) and
    a skip costs nothing, is exactly the heaviest increasing chain of the scored cells.
    """
    if not rows or not cols:
        return []
    cells = scorer.block(rows, cols)
    chain = _heaviest_chain([(i, j, s - cfg.accept + 1.0) for i, j, s in cells])
    return [Match((i,), (j,), scorer.scores.get((i, j), w + cfg.accept - 1.0)) for i, j, w in chain]


def _absorb_neighbours(
    scorer: _Scorer, matches: list[Match], n: int, m: int, cfg: AlignConfig
) -> list[Match]:
    """Turn 1:1 pairs into 1:2 or 2:1 where an unpaired neighbour completes the sentence.

    A sentence split in two by one source, or a clause the other source put in a
    sentence of its own, shows as a pair whose score rises when the neighbour is joined.
    """
    used_a = {i for mt in matches for i in mt.a}
    used_b = {j for mt in matches for j in mt.b}
    out: list[Match] = []
    for mt in sorted(matches, key=lambda m: (m.a[0], m.b[0])):
        best = mt
        options: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
        i0, i1, j0, j1 = mt.a[0], mt.a[-1], mt.b[0], mt.b[-1]
        if j1 + 1 < m and j1 + 1 not in used_b:
            options.append((mt.a, (*mt.b, j1 + 1)))
        if j0 - 1 >= 0 and j0 - 1 not in used_b:
            options.append((mt.a, (j0 - 1, *mt.b)))
        if i1 + 1 < n and i1 + 1 not in used_a:
            options.append(((*mt.a, i1 + 1), mt.b))
        if i0 - 1 >= 0 and i0 - 1 not in used_a:
            options.append(((i0 - 1, *mt.a), mt.b))
        for rows, cols in options:
            if len(rows) > 2 or len(cols) > 2:
                continue
            joined = scorer.joined(rows, cols)
            if joined >= best.score + cfg.merge_gain:
                best = Match(rows, cols, joined, mt.moved)
        used_a.update(best.a)
        used_b.update(best.b)
        out.append(best)
    return out


def _moved(scorer: _Scorer, matches: list[Match], cfg: AlignConfig) -> list[Match]:
    """Strong pairs between sentences the in-order alignment left unpaired."""
    used_a = {i for mt in matches for i in mt.a}
    used_b = {j for mt in matches for j in mt.b}
    free = sorted(
        (
            c
            for c in scorer.candidates
            if c[0] not in used_a and c[1] not in used_b and c[2] >= cfg.moved
        ),
        key=lambda c: -c[2],
    )
    out: list[Match] = []
    for i, j, s in free:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append(Match((i,), (j,), s, moved=True))
    return out
