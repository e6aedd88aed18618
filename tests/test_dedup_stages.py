"""The pure stages: no process-wide state, permutations passed in, one run per index."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.dedup import Cluster, DedupConfig, InputProblem, Record, SqliteIndex, deduplicate
from reconcile.dedup._prepare import Prepared, prepare_many
from reconcile.dedup.stages import (
    band_keys,
    datasketch_permutations,
    estimated_jaccard,
    jaccard,
    passage_matches,
    permutations_from_json,
    permutations_to_json,
    set_scores,
    shingle,
    sign,
)

from .dedup_support import bbc_rows

CFG = DedupConfig(workers=1, batch_size=4)


def _other_permutations() -> str:
    perm = MinHash(num_perm=CFG.num_perm, seed=CFG.seed + 41, scheme="affine32").permutations
    return permutations_to_json((perm[0].astype(np.uint32), perm[1].astype(np.uint32)))


def _feed() -> list[Record]:
    # More than one chunk of records (64) is signed ahead of the index: the copy at the
    # end is signed after the other run has started.
    rows = bbc_rows()[:70]
    feed = [Record("blank", "   ", "feed:1")]  # a problem in the first batch: yields early
    feed += [Record(r["id"], r["text"], f"feed:{i + 2}") for i, r in enumerate(rows)]
    # An exact duplicate of the first article, several batches after it.
    feed.append(Record("copy-of-first", rows[0]["text"], "feed:99"))
    return feed


def _clusters(results: list[object]) -> dict[str, set[str]]:
    return {r.id: {m.id for m in r.members} for r in results if isinstance(r, Cluster)}


def test_two_interleaved_runs_on_indexes_with_different_permutations_stay_apart(
    tmp_path: Path,
) -> None:
    first_id = bbc_rows()[0]["id"]
    with (
        SqliteIndex(tmp_path / "a.db", CFG.params()) as a,
        SqliteIndex(tmp_path / "b.db", CFG.params()) as b,
    ):
        b.set_meta("permutations", _other_permutations())
        run_a = iter(deduplicate(_feed(), CFG, a))
        head = next(run_a)  # run A has adopted its index's permutations and started
        assert isinstance(head, InputProblem)
        # Run B, in the same process, on an index recorded with other permutations ...
        results_b = list(deduplicate(_feed(), CFG, b))
        # ... and then the rest of run A, which must still sign with A's permutations.
        results_a = [head, *run_a]
        for results in (results_a, results_b):
            assert _clusters(results)[first_id] == {first_id, "copy-of-first"}
        # Every stored band key is the one its own index's permutations give.
        for index in (a, b):
            perms = permutations_from_json(index.get_meta("permutations") or "", CFG.num_perm)
            docs = index.fetch(range(1, 80))
            assert len(docs) == 71
            for doc in docs.values():
                keys = band_keys(sign(doc.shingle_set, perms), CFG.bands, CFG.rows)
                with index.batch():
                    held = index.lookup(keys.tolist())
                assert all(doc.seq in held.get(k, []) for k in keys.tolist())


def test_the_same_text_signed_with_other_permutations_gives_other_keys() -> None:
    record = Record("x", bbc_rows()[3]["text"], "x")
    mine = datasketch_permutations(CFG.seed, CFG.num_perm)
    theirs = permutations_from_json(_other_permutations(), CFG.num_perm)
    one, two = prepare_many([record], CFG, mine)[0], prepare_many([record], CFG, theirs)[0]
    assert isinstance(one, Prepared) and isinstance(two, Prepared)
    assert one.shingles.tolist() == two.shingles.tolist()
    assert not set(one.keys.tolist()) & set(two.keys.tolist())
    # The default permutations cannot be altered by a caller (they are shared).
    assert not mine[0].flags.writeable and not mine[1].flags.writeable


def test_estimated_jaccard_tracks_the_exact_one_on_real_reprints() -> None:
    perms = datasketch_permutations(CFG.seed, CFG.num_perm)
    text = bbc_rows()[6]["text"]
    paras = [p for p in text.splitlines() if p.strip()]
    edited = [*paras[:-1], "An extra closing paragraph added by the reprinting site today."]
    a, _ = shingle(paras)
    b, _ = shingle(edited)
    exact = jaccard(a, b)
    assert 0.5 < exact < 1.0
    # 128 permutations: the estimate's standard error is below 0.05.
    assert abs(estimated_jaccard(sign(a, perms), sign(b, perms)) - exact) < 0.15


def test_the_default_permutations_are_datasketch_s_own_drawn_without_importing_it() -> None:
    for seed, num_perm in ((CFG.seed, CFG.num_perm), (7, 64), (12345, 256)):
        theirs = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
        a, b = datasketch_permutations(seed, num_perm)
        assert [a.tolist(), b.tolist()] == theirs.tolist()
    # A new index records them without loading datasketch (and scipy, ~0.9 s).
    script = (
        "import sys\n"
        "from reconcile.dedup import DedupConfig, SqliteIndex, deduplicate, Record\n"
        "cfg = DedupConfig(workers=1)\n"
        "text = 'A sentence long enough to shingle about the harbour bridge. ' * 4\n"
        f"with SqliteIndex({':memory:'!r}, cfg.params()) as index:\n"
        "    list(deduplicate([Record('a', text, 'x:1')], cfg, index))\n"
        "print('datasketch' in sys.modules, 'scipy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def _laid(paragraphs: list[set[int]]) -> tuple[np.ndarray, np.ndarray]:
    shingles = np.array([v for p in paragraphs for v in sorted(p)], dtype=np.uint32)
    bounds = np.cumsum([0, *(len(p) for p in paragraphs)]).astype(np.uint32)
    return shingles, bounds


def _passages_by_hand(
    a: list[set[int]], b: list[set[int]], min_shingles: int, threshold: float
) -> list[tuple[int, int, float]]:
    """The rule as written: a shingle counts for the first passage-sized paragraph of b
    holding it; each paragraph of a takes its most similar one (the first on a tie)."""
    out = []
    for i, p in enumerate(a):
        if len(p) < min_shingles:
            continue
        shared: dict[int, int] = {}
        for v in p:
            holders = [j for j, q in enumerate(b) if len(q) >= min_shingles and v in q]
            if holders:
                shared[holders[0]] = shared.get(holders[0], 0) + 1
        best: tuple[int, float] | None = None
        for j in sorted(shared):
            s = shared[j] / (len(p) + len(b[j]) - shared[j])
            if s >= threshold and (best is None or s > best[1]):
                best = (j, s)
        if best is not None:
            out.append((i, *best))
    return out


_PARAGRAPHS = st.lists(st.sets(st.integers(0, 40), max_size=14), min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(_PARAGRAPHS, _PARAGRAPHS, st.sampled_from([0.2, 0.5, 0.6]))
def test_shared_passages_and_set_scores_follow_their_rules(
    a: list[set[int]], b: list[set[int]], threshold: float
) -> None:
    # Small values, so that one shingle sits in several paragraphs of each side.
    got = passage_matches(*_laid(a), *_laid(b), 3, threshold)
    assert got == _passages_by_hand(a, b, 3, threshold)
    sa, sb = set().union(*a), set().union(*b)
    jac, con = set_scores(np.array(sorted(sa), np.uint32), np.array(sorted(sb), np.uint32))
    if sa and sb:
        assert jac == len(sa & sb) / len(sa | sb)
        assert con == len(sa & sb) / min(len(sa), len(sb))
    else:
        assert (jac, con) == (0.0, 0.0)
