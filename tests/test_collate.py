"""N-way collation on real multi-report stories: what an editor checks by eye.

The BBC corpus holds several stories as they developed: four reports of the 2005
pension strike talks, four of the Conservative backing for ID cards, three of the EU
patent law. Sources are labelled with their corpus ids so the assertions read as the
editor's questions: is this sentence in all four? is this paragraph only in the latest?
"""

from __future__ import annotations

import itertools
import json
import math
import os
from collections.abc import Sequence
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile import ConfigError, from_text, load_document
from reconcile.align import align
from reconcile.collate import Collation, Group, collate, pairs_between
from reconcile.models import Document

from .helpers import BBC, MINISTRY, WEB

PENSION = ("bbc-politics-294", "bbc-politics-069", "bbc-politics-311", "bbc-politics-312")
ID_CARDS = ("bbc-politics-141", "bbc-politics-081", "bbc-politics-299", "bbc-politics-300")
PATENT = ("bbc-tech-048", "bbc-tech-030", "bbc-tech-342")


@cache
def _bbc() -> dict[str, dict[str, str]]:
    if not BBC.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus {BBC} missing on CI")
        pytest.skip(f"corpus {BBC.name} not found at {BBC} (checked out next to ../shared?)")
    with BBC.open(encoding="utf-8") as fh:
        rows = (json.loads(line) for line in fh)
        return {r["id"]: r for r in rows}


def _docs(ids: Sequence[str]) -> list[Document]:
    return [from_text(_bbc()[i]["text"], i) for i in ids]


def _group(col: Collation, needle: str) -> Group:
    """The one group holding a sentence that contains ``needle`` (in any source)."""
    found = {
        id(g): g
        for g in col.groups
        for m in g.members
        for i in m.indices
        if needle in col.document(m.source).segments[i].text
    }
    assert len(found) == 1, f"{needle!r} is in {len(found)} groups"
    return next(iter(found.values()))


def _text(col: Collation, g: Group, source: str) -> str:
    m = g.member(source)
    assert m is not None, f"{source} not in {g.sources}"
    return " ".join(col.document(source).segments[i].text for i in m.indices)


def _as_sets(col: Collation) -> set[frozenset[tuple[str, int]]]:
    """Groups as sets of (source text, sentence index): what must not depend on labels."""
    return {
        frozenset((col.document(m.source).source.text, i) for m in g.members for i in m.indices)
        for g in col.groups
    }


def _order(col: Collation) -> list[frozenset[tuple[str, int]]]:
    return [
        frozenset((col.document(m.source).source.text, i) for m in g.members for i in m.indices)
        for g in col.groups
    ]


@pytest.fixture(scope="module")
def pension() -> Collation:
    return collate(_docs(PENSION))


@pytest.fixture(scope="module")
def id_cards() -> Collation:
    return collate(_docs(ID_CARDS))


@pytest.fixture(scope="module")
def patent() -> Collation:
    return collate(_docs(PATENT))


# --- what an editor checks ---------------------------------------------------------


def test_pension_quote_is_in_all_four(pension: Collation) -> None:
    g = _group(pension, "completely unacceptable")
    assert set(g.sources) == set(PENSION) and g.relation == "identical"
    g = _group(pension, "co-ordinate any")
    assert set(g.sources) == set(PENSION) and g.relation == "variant"
    # The first report says "any action", the later ones "any industrial action (PCS)".
    assert "industrial" not in _text(pension, g, "bbc-politics-294")
    assert "industrial" in _text(pension, g, "bbc-politics-312")


def test_pension_figure_differs_between_two_reports(pension: Collation) -> None:
    g = _group(pension, "could take part in")
    assert set(g.sources) == {"bbc-politics-069", "bbc-politics-311", "bbc-politics-312"}
    assert "1.4m workers" in _text(pension, g, "bbc-politics-069")
    assert "1.4 million workers" in _text(pension, g, "bbc-politics-312")
    assert g.relation == "variant"


def test_pension_stalemate_paragraph_is_only_in_the_latest(pension: Collation) -> None:
    latest = "bbc-politics-312"
    for needle in ("Discussions will resume next week.", "A spokesman for Unison"):
        assert _group(pension, needle).sources == (latest,)
    # ... and it stands where the latest report has it: after the 1.4 million workers.
    pos = {id(g): k for k, g in enumerate(pension.groups)}
    before = _group(pension, "could take part in")
    after = _group(pension, "Discussions will resume next week.")
    assert pos[id(after)] == pos[id(before)] + 1


def test_pension_first_report_keeps_its_own_paragraphs(pension: Collation) -> None:
    first = "bbc-politics-294"
    for needle in ("Stephen Cape said", "one thing all the unions are agreed on"):
        assert _group(pension, needle).sources == (first,)
    assert "bbc-politics-294" not in _group(pension, "Other public sector unions").sources


def test_id_cards_identical_reprints_share_everything(id_cards: Collation) -> None:
    # 141 and 300 are the same article filed twice; 081 and 299 are the earlier version.
    m = id_cards.shared_matrix()
    n141 = len(id_cards.document("bbc-politics-141").segments)
    assert m[("bbc-politics-141", "bbc-politics-300")] == n141
    assert m[("bbc-politics-081", "bbc-politics-299")] == m[("bbc-politics-081",) * 2]
    assert 0 < m[("bbc-politics-141", "bbc-politics-081")] < n141


def test_id_cards_bar_council_warning_in_all_four(id_cards: Collation) -> None:
    for needle in ("They are going to be stopped.", "young Asian men"):
        g = _group(id_cards, needle)
        assert set(g.sources) == set(ID_CARDS) and g.relation == "identical"
    g = _group(id_cards, "Guy Mansfield QC warned")
    assert set(g.sources) == set(ID_CARDS) and g.relation == "variant"
    assert "new chairman" in _text(id_cards, g, "bbc-politics-081")
    assert "new chairman" not in _text(id_cards, g, "bbc-politics-141")


def test_id_cards_howard_interview_only_in_the_later_version(id_cards: Collation) -> None:
    later = {"bbc-politics-141", "bbc-politics-300"}
    for needle in ("collective view", "good libertarian arguments", "Douglas Hogg"):
        assert set(_group(id_cards, needle).sources) == later, needle
    earlier = {"bbc-politics-081", "bbc-politics-299"}
    assert set(_group(id_cards, "courage to try and change").sources) == earlier


def test_patent_us_paragraph_in_all_three(patent: Collation) -> None:
    for needle in ("one-click shopping", "patenting of computer programs"):
        g = _group(patent, needle)
        assert set(g.sources) == set(PATENT) and g.relation == "identical"


def test_patent_committee_vote_only_in_the_reboot_report(patent: Collation) -> None:
    for needle in ("Only two MEPs backed", "Legal Affairs Committee (JURI)"):
        assert _group(patent, needle).sources == ("bbc-tech-030",)
    # The two "No re-draft" reports are the same story: all their sentences pair.
    assert not patent.unique("bbc-tech-048") and not patent.unique("bbc-tech-342")


# --- structure -----------------------------------------------------------------------


@pytest.mark.parametrize("story", [PENSION, ID_CARDS, PATENT])
def test_every_sentence_once_and_no_source_twice(story: tuple[str, ...]) -> None:
    col = collate(_docs(story))
    seen = [(m.source, i) for g in col.groups for m in g.members for i in m.indices]
    expected = [(d.id, s.index) for d in col.documents for s in d.segments]
    assert sorted(seen) == sorted(expected)
    for g in col.groups:
        assert len(set(g.sources)) == len(g.sources)
        for m in g.members:
            assert list(m.indices) == list(range(m.indices[0], m.indices[-1] + 1))
            assert col.group_of(m.source, m.indices[0]) is g


@pytest.mark.parametrize("story", [PENSION, ID_CARDS, PATENT])
def test_canonical_order_follows_every_source(story: tuple[str, ...]) -> None:
    col = collate(_docs(story))
    for doc in col.documents:
        # Positions of the source's sentences in canonical order, moved ones aside.
        pos = [
            k
            for k, g in enumerate(col.groups)
            if not g.moved and (m := g.member(doc.id)) is not None
            for _ in m.indices[:1]
        ]
        assert pos == sorted(pos), doc.id


# --- order independence --------------------------------------------------------------


@pytest.mark.parametrize("story", [PENSION, PATENT])
def test_all_permutations_give_the_same_groups_and_order(story: tuple[str, ...]) -> None:
    base = collate(_docs(story))
    for perm in itertools.permutations(story):
        # Labels follow the argument position, so they differ in every permutation.
        docs = [from_text(_bbc()[i]["text"], "ABCD"[k]) for k, i in enumerate(perm)]
        col = collate(docs)
        assert _as_sets(col) == _as_sets(base), perm
        assert _order(col) == _order(base), perm


@settings(max_examples=12, deadline=None)
@given(st.permutations(ID_CARDS), st.permutations("WXYZ"))
def test_permuted_inputs_and_labels(order: list[str], labels: list[str]) -> None:
    col = collate([from_text(_bbc()[i]["text"], lab) for i, lab in zip(order, labels, strict=True)])
    base = collate(_docs(ID_CARDS))
    assert _as_sets(col) == _as_sets(base)
    assert _order(col) == _order(base)


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
    for r in _bbc().values():
        by_title.setdefault(r["title"], []).append(r["text"])
    versions = [g for g in by_title.values() if len(g) >= 2]
    assert len(versions) > 100
    for texts in versions:
        a, b = from_text(texts[0], "A"), from_text(texts[1], "B")
        # Exact equality, including which pairs are "moved" and the rounded scores. The
        # collation aligns each pair in content order, i.e. sometimes as align(b, a):
        # on all of these pairs the pairwise alignment is symmetric, so no exception.
        assert pairs_between(collate([a, b]), "A", "B") == align(a.segments, b.segments)


# --- three-way cases on the Chinese fixtures ---------------------------------------


def test_three_way_changed_figure_and_added_sentence() -> None:
    original = MINISTRY.read_text(encoding="utf-8")
    figure = "高技术制造业投资增长10%"
    anchor = "从行业看，超九成工业大类保持增长。"  # full-width, as the file has it
    added = "记者注意到，多地已出台配套措施支持企业更新设备。"
    assert figure in original and anchor in original
    docs = [
        from_text(original, "orig"),
        from_text(original.replace(figure, "高技术制造业投资增长12%"), "figure"),
        from_text(original.replace(anchor, anchor + added), "added"),
    ]
    col = collate(docs)
    g = _group(col, "高技术制造业投资增长")
    assert g.sources == ("orig", "figure", "added") and g.relation == "variant"
    assert "12%" in _text(col, g, "figure") and "10%" in _text(col, g, "added")
    new = _group(col, "记者注意到")
    assert new.sources == ("added",)
    pos = {id(x): k for k, x in enumerate(col.groups)}
    assert pos[id(new)] == pos[id(_group(col, "超九成工业大类保持增长"))] + 1
    # Everything else is stated identically by all three.
    others = [x for x in col.groups if x is not g and x is not new]
    assert all(x.relation == "identical" and len(x.sources) == 3 for x in others)


def test_three_way_with_the_second_outlet() -> None:
    ministry, web = load_document(MINISTRY, "ministry"), load_document(WEB, "web")
    text = WEB.read_text(encoding="utf-8")
    figure = "社会消费品零售总额8.1万亿元"
    assert figure in text
    edited = from_text(text.replace(figure, "社会消费品零售总额8.3万亿元"), "edited")
    col = collate([ministry, web, edited])
    g = _group(col, "社会消费品零售总额8")
    assert g.sources == ("web", "edited") and g.relation == "variant"
    # Every web/ministry pair of the two-source alignment is still one group here.
    for p in align(ministry.segments, web.segments):
        first = next(s.index for s in ministry.segments if s.id == p.a[0])
        got = col.group_of("ministry", first)
        member = got.member("web")
        assert member is not None and member.segments == p.b


# --- bad input -----------------------------------------------------------------------


def test_needs_two_documents() -> None:
    with pytest.raises(ConfigError, match="at least two"):
        collate([from_text("T\n\nOne sentence here.", "A")])


def test_labels_must_be_distinct() -> None:
    a = from_text("T\n\nOne sentence here.", "A")
    with pytest.raises(ConfigError, match="share the id 'A'"):
        collate([a, from_text("T\n\nAnother sentence.", "A")])


def test_two_sources_equal_align_on_semeval_same_story_pairs() -> None:
    # Same-story pairs by different outlets, Chinese and English: fewer shared sentences
    # than the BBC reprints, more variants and partial matches.
    import csv

    from .helpers import CORPORA

    path = CORPORA / "semeval2022-task8-sample-test.csv"
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"corpus {path} missing on CI")
        pytest.skip(f"corpus {path.name} not found at {path}")
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


# --- groups: a chain that would hold one source twice splits at its weakest link -----


def test_chain_splits_at_the_weakest_link() -> None:
    from reconcile.collate._groups import Link, form_groups
    from reconcile.collate._index import build_index

    docs = [
        from_text("T\n\nFirst sentence here. Second sentence here.", "A"),
        from_text("T\n\nOne sentence in B.", "B"),
        from_text("T\n\nOne sentence in C.", "C"),
    ]
    index = build_index(docs)
    p = {d.id: k for k, d in enumerate(index.docs)}

    def link(x: str, i: int, y: str, j: int, score: float) -> Link:
        (a, ia), (b, jb) = sorted([(p[x], i), (p[y], j)])
        return Link(a, (ia,), b, (jb,), score, moved=False)

    # A0-B0 and B0-C0 are strong; A1-C0 would put a second A sentence in the group.
    links = [link("A", 0, "B", 0, 95.0), link("B", 0, "C", 0, 90.0), link("A", 1, "C", 0, 80.0)]
    groups = {
        frozenset((index.docs[q].id, i) for q, rows in g.members for i in rows): g.score
        for g in form_groups(index, links)
    }
    assert groups == {frozenset({("A", 0), ("B", 0), ("C", 0)}): 90.0, frozenset({("A", 1)}): 0.0}


# --- order independence on generated reports with dropped and moved sentences --------


@cache
def _pool() -> tuple[str, ...]:
    """Real sentences of one story: the paragraphs of the latest pension report."""
    return tuple(s.text for s in _docs(PENSION[-1:])[0].segments[1:])


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
    assert _as_sets(col) == _as_sets(base)
    assert _order(col) == _order(base)


def test_a_split_sentence_keeps_both_halves_in_its_group() -> None:
    from reconcile.collate._groups import Link, form_groups
    from reconcile.collate._index import build_index

    docs = [
        from_text("T\n\nFirst half here. Second half here.", "A"),
        from_text("T\n\nOne whole sentence in B.", "B"),
        from_text("T\n\nOne whole sentence in C.", "C"),
    ]
    index = build_index(docs)
    p = {d.id: k for k, d in enumerate(index.docs)}

    def link(x: str, i: tuple[int, ...], y: str, j: tuple[int, ...], score: float) -> Link:
        (a, ia), (b, jb) = sorted([(p[x], i), (p[y], j)])
        return Link(a, ia, b, jb, score, moved=False)

    # One link joins A0+A1 (a 2:1 match): both halves belong with B0, and so with C0.
    links = [link("A", (0, 1), "B", (0,), 92.0), link("B", (0,), "C", (0,), 97.0)]
    (g,) = form_groups(index, links)
    assert {(index.docs[q].id, rows) for q, rows in g.members} == {
        ("A", (0, 1)),
        ("B", (0,)),
        ("C", (0,)),
    }
    assert g.score == 92.0


def _check_invariants(col: Collation) -> None:
    seen = sorted((m.source, i) for g in col.groups for m in g.members for i in m.indices)
    assert seen == sorted((d.id, s.index) for d in col.documents for s in d.segments)
    for g in col.groups:
        assert len(set(g.sources)) == len(g.sources)
        assert (g.relation == "unique") == (len(g.members) == 1)


def test_unrelated_and_related_bbc_sets_never_crash_nor_lose_a_sentence() -> None:
    import random

    rows = sorted(_bbc().values(), key=lambda r: r["id"])
    rng = random.Random(10)
    sets = [rng.sample(rows, rng.randint(3, 6)) for _ in range(8)]  # unrelated stories
    by_category: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_category.setdefault(r["category"], []).append(r)
    for cat in sorted(by_category):  # same section, mostly different stories
        sets.append(rng.sample(by_category[cat], 5))
    for chosen in sets:
        col = collate([from_text(r["text"], r["id"]) for r in chosen])
        _check_invariants(col)
        # Unrelated reports share next to nothing: no group spans all of them.
        assert not any(len(g.members) == len(chosen) for g in col.groups)


def test_a_moved_paragraph_is_marked_in_the_source_that_moved_it() -> None:
    paras = _bbc()["bbc-politics-312"]["text"].split("\n\n")
    last = paras[-1]
    assert last.startswith("Unison's 800,000 workers")
    # An editor's copy of the latest report with its last paragraph put first.
    copy = "\n\n".join([paras[0], last, *paras[1:-1]])
    docs = [*_docs(("bbc-politics-069", "bbc-politics-312")), from_text(copy, "copy")]
    col = collate(docs)
    moved = [g for g in col.groups if g.moved_in]
    assert moved and all(g.moved_in == ("copy",) and g.moved for g in moved)
    # Exactly the sentences of that paragraph, not the rest the copy shifted down.
    latest = col.document("bbc-politics-312")
    par = latest.segments[-1].paragraph
    expected = {s.text for s in latest.segments if s.paragraph == par}
    assert {_text(col, g, "bbc-politics-312") for g in moved} == expected
    # The canonical order follows the two reports that agree, not the copy.
    first = _group(col, "Talks aimed at averting")
    assert col.groups.index(first) < col.groups.index(moved[0])
