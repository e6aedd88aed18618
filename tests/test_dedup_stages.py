"""The pure stages: no process-wide state, permutations passed in, one run per index."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from datasketch import MinHash

from reconcile.dedup import Cluster, DedupConfig, InputProblem, Record, SqliteIndex, deduplicate
from reconcile.dedup._prepare import Prepared, prepare_many
from reconcile.dedup.stages import (
    band_keys,
    datasketch_permutations,
    estimated_jaccard,
    jaccard,
    permutations_from_json,
    permutations_to_json,
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
