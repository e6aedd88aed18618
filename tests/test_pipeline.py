"""The N-source pipeline: two sources as before, N sources from the collation.

The multi-report stories of the BBC corpus are labelled with their corpus ids, which end
in digits: the pipeline must never read a source out of a segment id.
"""

from __future__ import annotations

from itertools import permutations

import pytest

from reconcile import ConfigError, ReconcileConfig, Result, from_text, load_document, reconcile
from reconcile.align import align
from reconcile.merge import merge

from .collate_support import ID_CARDS, PATENT, PENSION, story_docs
from .helpers import BBC_226, BBC_265, MINISTRY, WEB


def _sentence(r: Result, needle: str) -> tuple[str, ...]:
    """The sources of the one canonical sentence containing ``needle``."""
    found = [c for c in r.canonical if needle in c.text]
    assert len(found) == 1, f"{needle!r} in {len(found)} canonical sentences"
    return found[0].sources


@pytest.mark.parametrize(("a", "b"), [(MINISTRY, WEB), (BBC_226, BBC_265), (WEB, MINISTRY)])
def test_two_sources_are_the_pairwise_alignment_and_merge(a: object, b: object) -> None:
    doc_a, doc_b = load_document(a, "A"), load_document(b, "B")  # type: ignore[arg-type]
    r = reconcile(doc_a, doc_b)
    pairs = align(doc_a.segments, doc_b.segments)
    assert r.pairs == pairs
    assert [(c.text, c.sources, c.segments) for c in r.canonical] == [
        (c.text, c.sources, c.segments) for c in merge(doc_a, doc_b, pairs)
    ]
    assert len(r.groups) == len(pairs) + sum(len(v) for v in r.unique.values())


def test_labels_that_end_in_digits_are_never_parsed() -> None:
    a, b = story_docs(PATENT[:2])
    r = reconcile(a, b)
    assert r.sources == PATENT[:2]
    for p in r.pairs:
        assert r.segment(p.a[0]).source == PATENT[0]
        assert r.segment(p.b[0]).source == PATENT[1]


def test_labels_whose_sentence_ids_collide_are_refused() -> None:
    text = "Title\n\n" + " ".join(f"Sentence number {n} is here." for n in range(12))
    with pytest.raises(ConfigError, match="both have a sentence 'x10'"):
        reconcile(from_text(text, "x"), from_text(text, "x1"))


def test_one_source_is_refused() -> None:
    with pytest.raises(ConfigError, match="at least two sources"):
        reconcile(MINISTRY)


def test_prefer_must_name_a_source() -> None:
    with pytest.raises(ConfigError, match="'Z' is not one of A, B, C"):
        reconcile(MINISTRY, WEB, MINISTRY, config=ReconcileConfig(prefer="Z"))


def test_labels_from_the_config() -> None:
    r = reconcile(MINISTRY, WEB, config=ReconcileConfig(labels=("gov", "portal")))
    assert r.sources == ("gov", "portal")
    assert set(r.unique) == {"gov", "portal"}
    with pytest.raises(ConfigError, match="share the label"):
        ReconcileConfig(labels=("x", "x"))


@pytest.fixture(scope="module")
def pension() -> Result:
    return reconcile(*story_docs(PENSION))


def test_pension_sentences_tagged_with_every_source(pension: Result) -> None:
    assert not pension.pairs  # the two-source view: N = 4 has none
    assert set(_sentence(pension, "completely unacceptable")) == set(PENSION)
    # Only the latest report has the stalemate paragraph.
    assert _sentence(pension, "Discussions will resume next week.") == ("bbc-politics-312",)
    assert "bbc-politics-294" not in _sentence(pension, "Other public sector unions")


def test_every_sentence_of_every_source_once(pension: Result) -> None:
    seen = sorted(sid for c in pension.canonical for sid in c.segments)
    assert seen == sorted(s.id for d in pension.documents for s in d.segments)
    for d in pension.documents:
        alone = [sid for c in pension.canonical if c.sources == (d.id,) for sid in c.segments]
        # A sentence only related to another source's (below the statement threshold)
        # stands alone in the text but is not unique: it has a counterpart.
        assert set(pension.unique[d.id]) <= set(alone)
        assert pension.unique[d.id] == tuple(
            sid for g in pension.groups if g.sources == (d.id,) for sid in g.members[0].segments
        )


def _shape(r: Result, prefer: str) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    # The wording is the preferred source's where it states the sentence; elsewhere it
    # is the first given source's, which is the one thing the input order may decide.
    return [
        (c.text if prefer in c.sources else "", frozenset(c.sources), frozenset(c.segments))
        for c in r.canonical
    ]


@pytest.mark.parametrize("story", [PENSION, PATENT, ID_CARDS])
def test_permuting_the_inputs_changes_nothing(story: tuple[str, ...]) -> None:
    docs = story_docs(story)
    cfg = ReconcileConfig(prefer=story[0])  # the wording of one source, whatever comes first
    base = reconcile(*docs, config=cfg)
    orders = list(permutations(docs))
    for order in orders[1 :: max(1, len(orders) // 6)]:  # six permutations of 24 are enough
        r = reconcile(*order, config=cfg)
        assert _shape(r, story[0]) == _shape(base, story[0])
        assert r.unique == base.unique
        assert _groups(r) == _groups(base)


def _groups(r: Result) -> set[frozenset[tuple[str, tuple[str, ...]]]]:
    return {frozenset((m.source, m.segments) for m in g.members) for g in r.groups}


@pytest.mark.parametrize(
    "module", ["reconcile.pipeline", "reconcile.merge", "reconcile.claims", "reconcile.textdiff"]
)
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


def test_id_cards_merged_text_says_who_has_the_interview() -> None:
    r = reconcile(*story_docs(ID_CARDS))
    later = {"bbc-politics-141", "bbc-politics-300"}  # one article filed twice
    for needle in ("collective view", "Douglas Hogg"):
        assert set(_sentence(r, needle)) == later, needle
    assert set(_sentence(r, "They are going to be stopped.")) == set(ID_CARDS)


def test_patent_merged_text_has_the_vote_only_in_the_reboot_report() -> None:
    r = reconcile(*story_docs(PATENT))
    assert _sentence(r, "Only two MEPs backed") == ("bbc-tech-030",)
    assert set(_sentence(r, "one-click shopping")) == set(PATENT)
    assert not r.unique["bbc-tech-048"] and not r.unique["bbc-tech-342"]
