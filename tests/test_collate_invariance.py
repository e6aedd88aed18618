"""Order independence and the two-source equivalence of the N-way collation.

Permuting the inputs must change nothing but the labels; with two inputs the groups
must be exactly what the pairwise ``align()`` returns.
"""

from __future__ import annotations

import itertools
import math
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile import from_text, load_document
from reconcile.align import align
from reconcile.collate import Collation, collate, pairs_between
from reconcile.models import Document

from .collate_support import (
    ID_CARDS,
    PATENT,
    PENSION,
    bbc,
    group_order,
    group_sets,
    story_docs,
)
from .helpers import MINISTRY, WEB

# --- order independence --------------------------------------------------------------


@pytest.mark.parametrize("story", [PENSION, PATENT])
def test_all_permutations_give_the_same_groups_and_order(story: tuple[str, ...]) -> None:
    base = collate(story_docs(story))
    for perm in itertools.permutations(story):
        # Labels follow the argument position, so they differ in every permutation.
        docs = [from_text(bbc()[i]["text"], "ABCD"[k]) for k, i in enumerate(perm)]
        col = collate(docs)
        assert group_sets(col) == group_sets(base), perm
        assert group_order(col) == group_order(base), perm


@settings(max_examples=12, deadline=None)
@given(st.permutations(ID_CARDS), st.permutations("WXYZ"))
def test_permuted_inputs_and_labels(order: list[str], labels: list[str]) -> None:
    col = collate([from_text(bbc()[i]["text"], lab) for i, lab in zip(order, labels, strict=True)])
    base = collate(story_docs(ID_CARDS))
    assert group_sets(col) == group_sets(base)
    assert group_order(col) == group_order(base)


# --- two sources: the pairwise alignment, unchanged --------------------------------


def _collated_pairs(col: Collation) -> set[tuple[object, ...]]:
    return {
        (g.members[0].segments, g.members[1].segments, g.relation, g.score, g.moved)
        for g in col.groups
        if len(g.members) == 2
    }


def _aligned_pairs(a: Document, b: Document) -> set[tuple[object, ...]]:
    return {(p.a, p.b, p.relation, p.score, p.moved) for p in align(a.segments, b.segments)}


def test_two_sources_equal_align_on_the_seed_pair() -> None:
    a, b = load_document(MINISTRY, "A"), load_document(WEB, "B")
    col = collate([a, b])
    assert _collated_pairs(col) == _aligned_pairs(a, b)
    # The projection the two-file outputs can use: the very tuple align() returns.
    assert pairs_between(col, "A", "B") == align(a.segments, b.segments)
    assert _collated_pairs(collate([b, a])) == {
        (pb, pa, *rest) for pa, pb, *rest in _aligned_pairs(a, b)
    }


def test_two_sources_equal_align_on_every_bbc_two_version_pair() -> None:
    by_title: dict[str, list[str]] = {}
    for r in bbc().values():
        by_title.setdefault(r["title"], []).append(r["text"])
    versions = [g for g in by_title.values() if len(g) >= 2]
    assert len(versions) > 100
    for texts in versions:
        a, b = from_text(texts[0], "A"), from_text(texts[1], "B")
        # Exact equality, including which pairs are "moved" and the rounded scores. The
        # collation aligns each pair in content order, i.e. sometimes as align(b, a):
        # on all of these pairs the pairwise alignment is symmetric, so no exception.
        assert pairs_between(collate([a, b]), "A", "B") == align(a.segments, b.segments)


def test_two_sources_equal_align_on_semeval_same_story_pairs() -> None:
    # Same-story pairs by different outlets, Chinese and English: fewer shared sentences
    # than the BBC reprints, more variants and partial matches.
    import csv

    from .helpers import corpus

    path = corpus("semeval2022-task8-sample-test.csv")  # fails on CI when missing
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8") as fh:
        rows = [
            r
            for r in csv.DictReader(fh)
            if r["lang1"] == r["lang2"] in ("zh", "en")
            and float(r["Overall"]) <= 2.0
            and r["text1"].strip()
            and r["text2"].strip()
        ]
    langs = {r["lang1"] for r in rows[:40]}
    assert langs == {"zh", "en"} and len(rows) >= 40
    for r in rows[:40]:
        a, b = from_text(r["text1"], "A"), from_text(r["text2"], "B")
        got = pairs_between(collate([a, b]), "A", "B")
        assert got == align(a.segments, b.segments), r["pair_id"]


# --- the large-input candidate filter ------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                ["ab", "cd", "ef", "gh", "ij", "kl", "mn", "op", "改革", "开放", "发展"]
            ),
            max_size=8,
        ),
        min_size=2,
        max_size=12,
    ),
    st.sampled_from([0.2, 0.3, 0.5]),
)
def test_token_index_finds_every_pair_it_promises(words: list[list[str]], t: float) -> None:
    from reconcile.collate._filter import overlap_candidates, tokens

    cores = [" ".join(w) for w in words]
    sets = [tokens(c) for c in cores]
    brute = {
        (u, v)
        for u in range(len(cores))
        for v in range(u + 1, len(cores))
        if sets[u]
        and sets[v]
        and len(sets[u] & sets[v]) >= math.ceil(t * min(map(len, (sets[u], sets[v]))))
    }
    assert set(overlap_candidates(cores, t)) == brute


# --- order independence on generated reports with dropped and moved sentences --------


@cache
def _pool() -> tuple[str, ...]:
    """Real sentences of one story: the paragraphs of the latest pension report."""
    return tuple(s.text for s in story_docs(PENSION[-1:])[0].segments[1:])


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_generated_reports_are_order_independent(data: st.DataObject) -> None:
    pool = _pool()
    texts = []
    for _ in range(data.draw(st.integers(3, 4))):
        # Each report keeps a subset of the sentences, some of them moved elsewhere.
        keep = data.draw(st.lists(st.sampled_from(range(len(pool))), min_size=3, unique=True))
        texts.append("Report\n\n" + " ".join(pool[i] for i in keep))
    perm = data.draw(st.permutations(range(len(texts))))
    base = collate([from_text(t, f"S{k}") for k, t in enumerate(texts)])
    col = collate([from_text(texts[k], f"S{j}") for j, k in enumerate(perm)])
    assert group_sets(col) == group_sets(base)
    assert group_order(col) == group_order(base)


def test_two_sources_canonical_order_equals_merge_on_the_seed_pair() -> None:
    # Each source's run of its own sentences stays one block, where merge() puts it:
    # both sources have a long run of their own in the second half of this pair.
    from reconcile.merge import merge

    a, b = load_document(MINISTRY, "A"), load_document(WEB, "B")
    ours = [{s for m in g.members for s in m.segments} for g in collate([a, b]).groups]
    theirs = [set(c.segments) for c in merge(a, b, align(a.segments, b.segments))]
    assert ours == theirs
