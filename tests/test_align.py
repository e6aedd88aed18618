"""Alignment behaviour a reader can check by eye, on the real fixtures and corpora."""

from __future__ import annotations

import pytest

from reconcile import AlignConfig, ConfigError, from_text, load_document, reconcile
from reconcile.align import align, compare_key, core
from reconcile.models import Document, Result

from .helpers import BBC_226, BBC_265, MINISTRY, WEB


@pytest.fixture(scope="module")
def seed() -> Result:
    return reconcile(MINISTRY, WEB)


def _find(doc: Document, needle: str) -> str:
    hits = [s.id for s in doc.segments if needle in s.text]
    assert len(hits) == 1, f"{needle!r} in {hits}"
    return hits[0]


def _partner(result: Result, seg_id: str) -> tuple[str, ...] | None:
    for p in result.pairs:
        if seg_id in p.a:
            return p.b
        if seg_id in p.b:
            return p.a
    return None


def test_reworded_list_item_pairs_as_variant(seed: Result) -> None:
    a, b = seed.documents
    first = _find(a, "第一是改造升级传统产业")
    shouxian = _find(b, "首先是改造升级传统产业")
    pair = next(p for p in seed.pairs if first in p.a)
    assert pair.b == (shouxian,)
    assert pair.relation == "variant"


def test_list_items_with_different_content_stay_unique(seed: Result) -> None:
    a, _ = seed.documents
    for text in ("二是扩需求", "一是稳增长", "三是育动能", "四是优环境"):
        assert _find(a, text) in seed.unique["A"], text


def test_quote_pairs_with_reported_speech(seed: Result) -> None:
    # A: "…赵志国在会上表示,发展新质生产力是…" ; B: the same words as a direct quote.
    a, b = seed.documents
    said = _find(a, "在会上表示,发展新质生产力")
    quote = _find(b, "“发展新质生产力是推动高质量发展")
    assert _partner(seed, said) == (quote,)


def test_sentence_with_extra_clause_is_a_variant(seed: Result) -> None:
    a, b = seed.documents
    short = _find(a, "加快建设现代化中试能力")
    longer = _find(b, "按照已经印发的")
    pair = next(p for p in seed.pairs if short in p.a)
    assert pair.b == (longer,) and pair.relation == "variant"


def test_identical_sentences_are_labelled_identical(seed: Result) -> None:
    a, b = seed.documents
    x = _find(a, "打造世界领先的科技园区和创新高地")
    pair = next(p for p in seed.pairs if x in p.a)
    assert pair.relation == "identical" and pair.score == 100
    assert pair.b == (_find(b, "打造世界领先的科技园区和创新高地"),)


def test_only_one_source_gives_commerce_and_investment_sections(seed: Result) -> None:
    a, b = seed.documents
    assert _find(b, "社会消费品零售总额8.1万亿元") in seed.unique["B"]
    assert _find(b, "出口、进口分别增长10.3%、6.7%") in seed.unique["B"]
    assert _find(a, "制造业投资同比增长9.4%") in seed.unique["A"]


def test_pairs_keep_document_order_on_the_seed(seed: Result) -> None:
    order = [(int(p.a[0][1:]), int(p.b[0][1:])) for p in seed.pairs if not p.moved]
    assert order == sorted(order)
    assert [j for _, j in order] == sorted(j for _, j in order)


def test_english_versions_align_their_shared_paragraphs() -> None:
    r = reconcile(BBC_226, BBC_265)
    a, b = r.documents
    # Every sentence of the shorter version is in the longer one.
    assert r.unique["A"] == ()
    # The update adds the government's rebuttal: three sentences, each unique to it.
    rebuttal = {
        _find(b, "Paul Boateng attacked the Tory plans"),
        _find(b, "committed to cutting Labour's public spending plans"),
        _find(b, "Cuts on this scale cannot be found"),
    }
    assert set(r.unique["B"]) == rebuttal
    assert _partner(r, _find(b, "plans to cut 100,000 civil servants")) is not None
    assert all(p.relation == "identical" for p in r.pairs)
    assert len(r.pairs) == len(a.segments)


def test_short_sentences_never_pair_on_frame_words() -> None:
    a = from_text("Headline\n\nHe said.\n\nIt was the end of an era for the club.", "A")
    b = from_text("Headline\n\nShe said.\n\nPrices rose sharply in the third quarter.", "B")
    assert align(a.segments, b.segments) == ()


def test_list_markers_alone_do_not_pair() -> None:
    a = from_text("标题\n\n一是稳增长。二是扩需求。", "A")
    b = from_text("标题\n\n一是强基础。二是促改革。", "B")
    assert align(a.segments, b.segments) == ()


def test_sentence_split_in_two_becomes_a_one_to_two_pair() -> None:
    a = from_text(
        "Title\n\nThe council approved the budget on Monday, and the mayor promised "
        "that the new library would open before the end of next year.",
        "A",
    )
    b = from_text(
        "Title\n\nThe council approved the budget on Monday. The mayor promised that "
        "the new library would open before the end of next year.",
        "B",
    )
    pairs = align(a.segments, b.segments)
    assert [(p.a, p.b) for p in pairs] == [(("A0",), ("B0", "B1"))]


def test_two_chinese_sentences_joined_by_the_other_source_become_two_to_one() -> None:
    a = from_text("标题\n\n今年一季度全省外贸进出口保持稳定。其中出口增长较快,进口略有下降。", "A")
    b = from_text("标题\n\n今年一季度全省外贸进出口保持稳定,其中出口增长较快,进口略有下降。", "B")
    pairs = align(a.segments, b.segments)
    assert [(p.a, p.b, p.relation) for p in pairs] == [(("A0", "A1"), ("B0",), "variant")]


def test_moved_paragraph_is_found() -> None:
    paras = [
        "The storm cut power to forty thousand homes across the region overnight.",
        "Engineers expect to restore most supplies by Thursday evening, officials said.",
        "Schools in three districts will stay closed until the roads are cleared.",
        "The weather service warned that another band of heavy snow is on its way.",
    ]
    a = from_text("Storm\n\n" + "\n\n".join(paras), "A")
    moved = [paras[3], paras[0], paras[1], paras[2]]
    b = from_text("Storm\n\n" + "\n\n".join(moved), "B")
    pairs = align(a.segments, b.segments)
    assert len(pairs) == 4
    assert sum(p.moved for p in pairs) == 1
    moved_pair = next(p for p in pairs if p.moved)
    assert moved_pair.a == ("A3",) and moved_pair.b == ("B0",)


def test_lsh_candidates_give_the_same_alignment() -> None:
    for x, y in ((MINISTRY, WEB), (BBC_226, BBC_265)):
        a, b = load_document(x, "A"), load_document(y, "B")
        dense = align(a.segments, b.segments, AlignConfig())
        lsh = align(a.segments, b.segments, AlignConfig(lsh_min_pairs=0))
        assert dense == lsh


def test_core_and_compare_key() -> None:
    assert core("第一是改造升级传统产业。") == core("首先是改造升级传统产业。")
    assert core("He said.") == ""
    assert compare_key("“好”") == compare_key('"好"')
    assert compare_key("赵志国 说") == compare_key("赵志国说")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"accept": 120}, "accept must be between 0 and 100"),
        ({"lsh_threshold": 1.5}, "lsh_threshold must be between 0 and 1"),
        ({"num_perm": 4}, "num_perm must be at least 16"),
        ({"accept": 95, "anchor": 90}, "anchor must not be lower than accept"),
    ],
)
def test_config_is_validated(kwargs: dict[str, float], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        AlignConfig(**kwargs)  # type: ignore[arg-type]
