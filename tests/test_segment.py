"""Segment: paragraphs, sentences and utterances, with spans that quote the original."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.boilerplate import analyse
from reconcile.document import from_text
from reconcile.normalize import normalize_text
from reconcile.segment import split_sentences
from tests.helpers import FIXTURES


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b, _ in split_sentences(text)]


def utterances(text: str) -> list[tuple[str, int | None]]:
    return [(text[a:b], u) for a, b, u in split_sentences(text)]


# --- Chinese ----------------------------------------------------------------------------


def test_chinese_stops_and_semicolon_split() -> None:
    assert sentences("增长7.5%;下降2%。消费回升!出口呢?") == [
        "增长7.5%;",
        "下降2%。",
        "消费回升!",
        "出口呢?",
    ]


@pytest.mark.parametrize("number", ["7.5%", "1.6亿", "3.14", "8.1万亿元"])
def test_numbers_are_never_split(number: str) -> None:
    assert sentences(f"今年增长{number}。下一句。") == [f"今年增长{number}。", "下一句。"]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert sentences("他说:“势头良好。”下一步。") == ["他说:“势头良好。”", "下一步。"]


def test_quote_and_short_attribution_are_one_segment() -> None:
    text = "“今年1—2月同比增长7.5%,连续3个月加快增长。”赵志国说。另外,消费回升。"
    assert utterances(text) == [
        ("“今年1—2月同比增长7.5%,连续3个月加快增长。”赵志国说。", 1),
        ("另外,消费回升。", None),
    ]


def test_multi_sentence_quote_shares_one_utterance() -> None:
    text = "“发展新质生产力是内在要求。当前,新质生产力已经形成。”赵志国说。下一步。"
    assert utterances(text) == [
        ("“发展新质生产力是内在要求。", 1),
        ("当前,新质生产力已经形成。”赵志国说。", 1),
        ("下一步。", None),
    ]


def test_long_attribution_keeps_its_sentence_and_the_utterance() -> None:
    text = (
        "“我们有信心。”2024年3月26日,工业和信息化部新闻发言人、总工程师赵志国"
        "在国务院新闻办公室新闻发布会上说。另外,消费回升。“外贸稳健。”郭婷婷说。"
    )
    assert utterances(text) == [
        ("“我们有信心。”", 1),
        (
            "2024年3月26日,工业和信息化部新闻发言人、总工程师赵志国在国务院新闻办公室新闻发布会上说。",
            1,
        ),
        ("另外,消费回升。", None),
        ("“外贸稳健。”郭婷婷说。", 2),
    ]


def test_chinese_ellipsis_inside_a_sentence_does_not_split() -> None:
    assert sentences(normalize_text("他说……我们会努力。")) == ["他说......我们会努力。"]


# --- English ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Mrs. Jones and Dr. Brown on Tuesday.",
        "He lives at No. 10 Downing Street.",
        "Some quangos, e.g. regional boards, would go.",
        "J. K. Rowling wrote it in Edinburgh.",
        "Sales rose 3.5% to $1.5bn in the year.",
        "The U.S. and U.K. leaders met.",
    ],
)
def test_abbreviations_initials_and_decimals_end_nothing(text: str) -> None:
    assert sentences(f"{text} Then they left.") == [text, "Then they left."]


def test_quote_with_inline_attribution_is_whole() -> None:
    text = '"Labour are creating Two Britains," he said. The Tories disagreed.'
    assert sentences(text) == [
        '"Labour are creating Two Britains," he said.',
        "The Tories disagreed.",
    ]


def test_split_after_closing_straight_quote() -> None:
    text = (
        'Mr Redwood said: "Mr Blair has broken his pledges. Spending has led only to higher '
        'taxes." His party leader, Michael Howard, argued a change in direction was needed.'
    )
    assert utterances(text) == [
        ('Mr Redwood said: "Mr Blair has broken his pledges.', 1),
        ('Spending has led only to higher taxes."', 1),
        # A new subject, not the speaker of the quote.
        ("His party leader, Michael Howard, argued a change in direction was needed.", None),
    ]


def test_straight_quoted_passage_shares_an_utterance_like_a_curly_one() -> None:
    straight = '"In the real world, people are working harder. They are squeezed." Next one.'
    curly = straight.replace('"I', "“I").replace('."', ".”")
    expected = [1, 1, None]
    assert [u for _, u in utterances(straight)] == expected
    assert [u for _, u in utterances(curly)] == expected


def test_short_english_attribution_after_a_quote_is_glued() -> None:
    text = '"We will win. It is certain." Mr Howard said. The rally ended.'
    assert utterances(text) == [
        ('"We will win.', 1),
        ('It is certain." Mr Howard said.', 1),
        ("The rally ended.", None),
    ]


def test_short_news_sentence_after_a_quote_is_not_an_attribution() -> None:
    text = '"They are squeezed by taxes." The government has announced plans.'
    assert utterances(text) == [
        ('"They are squeezed by taxes."', 1),
        ("The government has announced plans.", None),
    ]


def test_inch_mark_is_not_a_quote() -> None:
    assert utterances('He is 6\'2" tall. "Yes," she said.') == [
        ("He is 6'2\" tall.", None),
        ('"Yes," she said.', None),
    ]


# --- paragraphs and documents -----------------------------------------------------------


def test_hard_wrapped_paragraphs_are_joined_until_a_blank_line() -> None:
    text = (
        "Headline of the story\n\n"
        "Plans to abolish 162 quangos have been unveiled by\n"
        "the Conservatives as part of their effort to show\n"
        "how red tape can be cut.\n\n"
        "Six government units would also be scrapped under\n"
        "proposals which the Tories say would save money\n"
        "and improve services for the public.\n"
    )
    doc = from_text(text)
    assert len(doc.paragraphs) == 2
    assert [s.text for s in doc.segments] == [
        "Plans to abolish 162 quangos have been unveiled by the Conservatives as part of "
        "their effort to show how red tape can be cut.",
        "Six government units would also be scrapped under proposals which the Tories say "
        "would save money and improve services for the public.",
    ]
    assert [s.paragraph for s in doc.segments] == [0, 1]


def test_hard_wrapped_chinese_joins_without_spaces() -> None:
    text = "标题在这里\n\n新质生产力代表先进生产力的演进方向\n是由技术革命性突破而催生的\n先进生产力质态\n也是新的发展动能\n它在实践中形成。\n"
    doc = from_text(text)
    assert [s.text for s in doc.segments] == [
        "新质生产力代表先进生产力的演进方向是由技术革命性突破而催生的先进生产力质态"
        "也是新的发展动能它在实践中形成。"
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_do_not_change_segments(newline: str) -> None:
    path = FIXTURES / "bbc-quango-2005" / "politics-226.txt"
    text = path.read_text(encoding="utf-8").replace("\n", newline)
    doc = from_text(text)
    base = from_text(path.read_text(encoding="utf-8"))
    assert [s.text for s in doc.segments] == [s.text for s in base.segments]
    for seg in doc.segments:
        assert normalize_text(text[seg.start : seg.end]) == seg.text


def test_web_report_segments_quote_the_source() -> None:
    text = (FIXTURES / "press-2024-03-26" / "web-report.txt").read_text(encoding="utf-8")
    doc = from_text(text, "B")
    assert doc.segments[0].id == "B0"
    glued = [s for s in doc.segments if s.text.endswith("”赵志国说。")]
    assert len(glued) == 2
    assert all(s.utterance is not None for s in glued)
    for seg in doc.segments:
        assert normalize_text(doc.quote(seg.start, seg.end)) == seg.text


# --- properties -------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "新质生产力",
        "增长7.5%",
        "１．６亿",
        "。",
        "，",
        "；",
        "！",
        "？",
        "“",
        "”",
        "赵志国说",
        "Mr. Smith",
        "U.S.",
        " said",
        ". ",
        '"',
        "'",
        "3.14",
        "The",
        " ",
        "\u3000",
        "\n",
        "\r\n",
        "\n\n",
        "\r",
        "\t",
        "\u200b",
        "\u0301",
        "ＡＢＣ",
        "…",
        "㍿",
        "Share this",
        "Source: Wire",
        "2024-03-26",
        "http://x.y/z",
        "(",
        ")",
    ]
)
page_text = st.lists(_PIECES | st.text(max_size=3), max_size=40).map("".join)


def _visible(ch: str) -> bool:
    # Whitespace folds away and format characters (zero-width space, BOM) are dropped
    # by normalisation on purpose; everything else must land somewhere.
    return not ch.isspace() and unicodedata.category(ch) != "Cf"


@settings(max_examples=300)
@given(page_text)
def test_nothing_is_lost(text: str) -> None:
    doc = from_text(text)
    spans = [(s.start, s.end) for s in doc.segments]
    spans += [(b.start, b.end) for b in doc.boilerplate]
    title = analyse(text).title_line
    if title is not None:
        assert doc.metadata.title == title.norm
        spans.append((title.start, title.end))
    covered = bytearray(len(text))
    for a, b in spans:
        covered[a:b] = b"\x01" * (b - a)
    lost = [text[i] for i, ch in enumerate(text) if _visible(ch) and not covered[i]]
    assert not lost


@settings(max_examples=300)
@given(page_text)
def test_segments_are_in_order_disjoint_and_quote_their_text(text: str) -> None:
    doc = from_text(text)
    prev_end = 0
    for i, seg in enumerate(doc.segments):
        assert seg.index == i
        assert prev_end <= seg.start < seg.end <= len(text)
        prev_end = seg.end
        assert normalize_text(text[seg.start : seg.end]) == seg.text


# --- Long lines: the splitter is linear, and says what the old prefix search said -------


def _old_full_stop_ends(text: str, i: int) -> bool:
    """The rule as it was written before it was made linear: a search of the whole prefix."""
    import re

    from reconcile.normalize import is_wide
    from reconcile.segment import _ABBREVIATIONS, _CLOSERS

    nxt = text[i + 1 : i + 2]
    if text[i - 1 : i] == "." and nxt and is_wide(nxt) and nxt not in _CLOSERS:
        return False
    if nxt and not (nxt.isspace() or nxt in _CLOSERS or is_wide(nxt)):
        return False
    m = re.search(r"([\w.]+)$", text[:i])
    if not m:
        return True
    word = m.group(1).lower()
    if word in _ABBREVIATIONS:
        return False
    return not (len(word) == 1 and word.isalpha() and text[i - 1].isupper())


_WORDS = st.sampled_from(
    [
        "Mr",
        "Mrs",
        "Dr",
        "U.S",
        "e.g",
        "J",
        "a",
        "Smith",
        "said",
        "7",
        "7.5",
        "approx",
        "Inc",
        "rose",
        "增长",
        "他说",
        "St",
        "x_y",
        "Ph.D",
        "no",
        "No",
        "É",
        "İstanbul",
    ]
)
_GLUE = st.sampled_from([" ", ". ", ".", "。", ", ", "..", ".”", "! ", " “", "\u00a0", ".中"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WORDS, _GLUE), max_size=25))
def test_full_stop_rule_matches_the_old_prefix_search(parts: list[tuple[str, str]]) -> None:
    from reconcile.segment import _full_stop_ends

    text = "".join(w + g for w, g in parts)
    for i, ch in enumerate(text):
        if ch == ".":
            assert _full_stop_ends(text, i) == _old_full_stop_ends(text, i), (text, i)


def test_a_long_single_line_splits_like_its_pieces() -> None:
    # Archive text often has one line per article: the same paragraph repeated on one line
    # gives the same sentences, repeated, with no sentence lost or merged at the seams.
    one = "Mr. Brown said growth was 7.5% in 2024. Dr. Li of the U.S. agreed. Shares fell. "
    many = one * 2000
    assert len(sentences(many)) == 2000 * len(sentences(one))
