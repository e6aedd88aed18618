"""Facts across N sources: claims, majority values, outliers, facts one source alone gives.

The three-way case is the seed pair (the ministry's report, the web portal's) and a
third report this test makes from the ministry's by two real edits: the first growth
figure of high-tech manufacturing changed (7.5% -> 7.8%) and the paragraph on the
industries ("从行业看…", with its own figures) removed.
"""

from __future__ import annotations

from itertools import permutations

import pytest

from reconcile import Result, from_text, load_document, reconcile
from reconcile.merge import inline_figures

from .collate_support import PATENT, PENSION, story_docs
from .helpers import BBC_226, BBC_265, MINISTRY, WEB

FIGURE = "规模以上高技术制造业增加值同比增长7.5%"
PARAGRAPH = "从行业看，超九成工业大类保持增长。"


def _edited() -> str:
    text = MINISTRY.read_text(encoding="utf-8")
    assert text.count(FIGURE) == 1
    lines = text.split("\n")
    cut = [k for k, line in enumerate(lines) if line.strip().startswith(PARAGRAPH)]
    assert len(cut) == 1
    del lines[cut[0]]
    return "\n".join(lines).replace(FIGURE, FIGURE.replace("7.5%", "7.8%"))


@pytest.fixture(scope="module")
def three() -> Result:
    docs = (load_document(MINISTRY, "A"), load_document(WEB, "B"), from_text(_edited(), "C"))
    return reconcile(*docs)


def test_changed_figure_is_one_claim_with_a_majority(three: Result) -> None:
    facts = {f.id: f for f in three.facts}
    [k] = [k for k in three.disputes if "7.8%" in {v.text for v in k.values}]
    assert k.sources == ("A", "B", "C")
    assert k.majority is not None and k.majority.sources == ("A", "B")
    assert k.majority.text == "7.5%" and k.outliers == ("C",)
    assert "7.5% in A and B, 7.8% in C" in k.reason
    assert {facts[f].source for f in k.facts} == {"A", "B", "C"}


def test_the_merged_sentence_shows_both_values_with_their_sources(three: Result) -> None:
    facts = {f.id: f for f in three.facts}
    [c] = [c for c in three.canonical if c.disputes]
    assert c.sources == ("A", "B", "C")
    assert "7.5% [A,B] / 7.8% [C]" in inline_figures(c, facts)


def test_facts_of_the_removed_paragraph_are_not_the_edited_reports(three: Result) -> None:
    facts = {f.id: f for f in three.facts}
    doc = three.document("A")
    [para] = {s.paragraph for s in doc.segments if "超九成工业大类保持增长" in s.text}
    in_para = {
        f.id for f in three.facts if three.segment(f.segment).paragraph == para and f.source == "A"
    }
    removed = [k for k in three.fact_clusters if in_para & set(k.facts)]
    assert len(removed) >= 3
    for k in removed:
        assert "C" not in k.sources
    # What A alone states includes the removed paragraph's figures the portal left out.
    only_a = {facts[f].text for f in three.facts_only_in("A")}
    assert "8.6%" in only_a
    assert not three.facts_only_in("C")


def test_every_fact_in_one_cluster_and_no_source_twice(three: Result) -> None:
    seen = sorted(f for k in three.fact_clusters for f in k.facts)
    assert seen == sorted(f.id for f in three.facts)
    for k in three.fact_clusters:
        assert len(set(k.sources)) == len(k.sources)


@pytest.mark.parametrize(("a", "b"), [(MINISTRY, WEB), (BBC_226, BBC_265)])
def test_two_sources_clusters_are_the_pairwise_check(a: object, b: object) -> None:
    r = reconcile(a, b)  # type: ignore[arg-type]
    d = r.fact_diff
    assert len(r.disputes) == len(d.conflicts)
    assert {frozenset(k.facts) for k in r.disputes} == {frozenset((c.a, c.b)) for c in d.conflicts}
    # The N-source reason is the pairwise one for two sources.
    assert {k.reason for k in r.disputes} == {c.reason for c in d.conflicts}
    for sid in r.sources:
        assert r.facts_only_in(sid) == d.unique[sid]


def _claims(r: Result) -> set[frozenset[tuple[str, int]]]:
    texts = {d.id: d.source.text for d in r.documents}
    facts = {f.id: f for f in r.facts}
    return {
        frozenset((texts[facts[f].source], facts[f].start) for f in k.facts)
        for k in r.fact_clusters
    }


@pytest.mark.parametrize("story", [PENSION, PATENT])
def test_clusters_do_not_depend_on_the_order_of_the_inputs(story: tuple[str, ...]) -> None:
    docs = story_docs(story)
    base = _claims(reconcile(*docs))
    assert any(len(k) > 1 for k in base)  # claims several sources state
    orders = list(permutations(docs))
    for order in orders[1 :: max(1, len(orders) // 5)]:
        assert _claims(reconcile(*order)) == base


def test_three_way_clusters_do_not_depend_on_the_order() -> None:
    docs = [load_document(MINISTRY, "A"), load_document(WEB, "B"), from_text(_edited(), "C")]
    base = reconcile(*docs)
    for order in permutations(docs):
        r = reconcile(*order)
        assert _claims(r) == _claims(base)
        assert _verdicts(r) == _verdicts(base)


def _verdicts(r: Result) -> set[tuple[frozenset[str], frozenset[str]]]:
    return {
        (frozenset(k.majority.sources if k.majority else ()), frozenset(k.outliers))
        for k in r.disputes
    }


def test_pension_figures_all_four_give_alike() -> None:
    r = reconcile(*story_docs(PENSION))
    facts = {f.id: f for f in r.facts}
    [k] = [
        k
        for k in r.fact_clusters
        if {facts[f].text for f in k.facts} == {"800,000"} and len(k.sources) == 4
    ]
    assert not k.conflict and k.majority is not None and not k.outliers


def test_member_pairs_are_the_pairs_between_two_sources() -> None:
    from reconcile.collate import collate, pairs_between
    from reconcile.collate.project import member_pairs

    col = collate(story_docs(PENSION))
    for a in PENSION:
        for b in PENSION:
            if a != b:
                assert [(p.a, p.b) for p in member_pairs(col, a, b)] == [
                    (p.a, p.b) for p in pairs_between(col, a, b)
                ]


ADDED = "工信部还将在年内新建15个国家制造业创新中心。"


def test_a_sentence_only_the_third_report_adds_is_its_own() -> None:
    # A third report made from the ministry's by one real edit: a sentence added to the
    # end of its first paragraph. An editor checks that it is shown as C's alone, with
    # its figure among the facts only C gives, and that nothing else moved.
    lines = MINISTRY.read_text(encoding="utf-8").split("\n")
    first = next(k for k, line in enumerate(lines) if line.strip().endswith("。"))
    lines[first] = lines[first].rstrip() + ADDED
    docs = (load_document(MINISTRY, "A"), load_document(WEB, "B"), from_text("\n".join(lines), "C"))
    r = reconcile(*docs)
    [own] = [c for c in r.canonical if c.text == ADDED]
    assert own.sources == ("C",)
    only_c = {f.id: f for f in r.facts if f.source == "C"}
    assert "15个" in {only_c[i].text for i in r.facts_only_in("C")}
    # Every other sentence of C is the ministry's, so A and C share all of A's.
    shared_a_c = [c for c in r.canonical if "A" in c.sources and "C" in c.sources]
    assert len(shared_a_c) == len(docs[0].segments)
    assert not r.disputes
