"""N-way collation on real multi-report stories: what an editor checks by eye.

The BBC corpus holds several stories as they developed: four reports of the 2005
pension strike talks, four of the Conservative backing for ID cards, three of the EU
patent law. Sources are labelled with their corpus ids so the assertions read as the
editor's questions: is this sentence in all four? is this paragraph only in the latest?
"""

from __future__ import annotations

import pytest

from reconcile import ConfigError, from_text, load_document
from reconcile.align import align
from reconcile.collate import Collation, Group, collate, pairs_between

from .collate_support import ID_CARDS, PATENT, PENSION, bbc, story_docs
from .helpers import MINISTRY, WEB


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


@pytest.fixture(scope="module")
def pension() -> Collation:
    return collate(story_docs(PENSION))


@pytest.fixture(scope="module")
def id_cards() -> Collation:
    return collate(story_docs(ID_CARDS))


@pytest.fixture(scope="module")
def patent() -> Collation:
    return collate(story_docs(PATENT))


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
    col = collate(story_docs(story))
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
    col = collate(story_docs(story))
    for doc in col.documents:
        # Positions of the source's sentences in canonical order, moved ones aside.
        pos = [
            k
            for k, g in enumerate(col.groups)
            if not g.moved and (m := g.member(doc.id)) is not None
            for _ in m.indices[:1]
        ]
        assert pos == sorted(pos), doc.id


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

    rows = sorted(bbc().values(), key=lambda r: r["id"])
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
    paras = bbc()["bbc-politics-312"]["text"].split("\n\n")
    last = paras[-1]
    assert last.startswith("Unison's 800,000 workers")
    # An editor's copy of the latest report with its last paragraph put first.
    copy = "\n\n".join([paras[0], last, *paras[1:-1]])
    docs = [*story_docs(("bbc-politics-069", "bbc-politics-312")), from_text(copy, "copy")]
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


def test_an_empty_report_and_sentences_without_words() -> None:
    empty = from_text("", "E")
    a = from_text("T\n\nThe vote is on Monday. It may be close!!!", "A")
    b = from_text("T\n\nThe vote is on Monday. It may be close!!!", "B")
    col = collate([a, empty, b])
    assert [(g.sources, g.relation) for g in col.groups] == [(("A", "B"), "identical")] * 2
    assert col.unique("E") == () and col.shared_matrix()[("E", "E")] == 0
    # Sentences whose core is empty (punctuation only) still pair when equal.
    p, q = from_text("T\n\n... !!!", "P"), from_text("T\n\n... !!!", "Q")
    groups = collate([p, q]).groups
    assert groups and all(g.sources == ("P", "Q") for g in groups)


@pytest.mark.parametrize("module", ["engine", "project", "_filter", "_order"])
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    mod = importlib.import_module(f"reconcile.collate.{module}")
    result = doctest.testmod(mod)
    assert result.attempted > 0 and result.failed == 0


def test_links_span_every_shared_group(pension: Collation) -> None:
    for g in pension.groups:
        if len(g.members) == 1:
            assert g.links == ()
            continue
        assert len(g.links) >= len(g.members) - 1
        assert {s for x, y, _ in g.links for s in (x, y)} == set(g.sources)
        assert g.score == min(s for _, _, s in g.links)
    # 1.4m vs 1.4 million: the pair's own score, projected as align() would give it.
    g = _group(pension, "could take part in")
    direct = g.link_score("bbc-politics-069", "bbc-politics-312")
    assert direct is not None and direct < 100
    pairs = pairs_between(pension, "bbc-politics-069", "bbc-politics-312")
    early = g.member("bbc-politics-069")
    assert early is not None
    (pair,) = [p for p in pairs if p.a == early.segments]
    assert pair.relation == "variant" and pair.score == direct
