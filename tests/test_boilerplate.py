"""Boilerplate and metadata: site chrome is listed, never taken for the article."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.boilerplate import _split_lines_re, analyse, split_lines
from reconcile.normalize import normalize_text
from tests.helpers import FIXTURES, bbc_articles, sogou_field, sogou_records

PRESS = FIXTURES / "press-2024-03-26"
QUANGO = FIXTURES / "bbc-quango-2005"

# Sentence punctuation: a line with it that runs this long is prose, whatever else it says.
_SENTENCE = re.compile(r"[。!?;]|\.(?:\s|$)")
PROSE_WIDTH = 120


def kinds(text: str) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in analyse(text).boilerplate]


def read(path: object) -> str:
    return open(str(path), encoding="utf-8").read()


# --- the seed fixtures ------------------------------------------------------------------


def test_web_report_chrome_is_recognised() -> None:
    text = read(PRESS / "web-report.txt")
    layout = analyse(text)
    found = [(b.kind, b.text.strip()) for b in layout.boilerplate]
    headline = "工信部详解:如何促进加快形成新质生产力?"
    assert found == [
        ("navigation", "最新信息"),
        ("repeated-headline", headline),
        ("dateline", "2024-03-27 20:33:00"),
        ("source-line", "(文章来源:界面新闻)"),
        ("disclaimer", "免责申明: 本站部分内容转载自国内知名媒体,如有侵权请联系客服删除。"),
        ("repeated-headline", headline),
        ("link-list", "sitemap.xml sitemap2.xml sitemap3.xml sitemap4.xml"),
    ]
    assert layout.metadata.title == headline
    assert layout.metadata.published == "2024-03-27T20:33:00"
    assert layout.metadata.outlet == "界面新闻"
    # Spans quote the original.
    for b in layout.boilerplate:
        assert text[b.start : b.end] == b.text


def test_web_report_body_is_all_content() -> None:
    layout = analyse(read(PRESS / "web-report.txt"))
    assert len(layout.content) == 13
    assert layout.content[0].norm.startswith("“发展新质生产力")
    assert layout.content[-1].norm.endswith("郭婷婷说。")


def test_ministry_report_has_no_chrome() -> None:
    layout = analyse(read(PRESS / "ministry-report.txt"))
    assert layout.boilerplate == ()
    assert layout.metadata.title == "工信部将启动创建国家新型工业化示范区"
    assert layout.metadata.published is None
    assert layout.metadata.outlet is None


@pytest.mark.parametrize("name", ["politics-226.txt", "politics-265.txt"])
def test_bbc_fixtures_have_title_and_no_chrome(name: str) -> None:
    text = read(QUANGO / name)
    layout = analyse(text)
    assert layout.boilerplate == ()
    assert layout.metadata.title == normalize_text(text.splitlines()[0])
    assert len(layout.content) >= 3


# --- synthetic pages --------------------------------------------------------------------

ENGLISH_PAGE = """\
Home > World > Asia
Factory output jumps in March
Published: 12 March 2024 10:31 GMT
Share this article

Factory output rose 7.5% in the first two months of the year, the statistics bureau said \
on Tuesday, beating forecasts.

Officials said new industries were driving growth. Exports rose 10.3%, while imports were \
up 6.7%.

Source: Reuters
https://example.com/world/asia/1 https://example.com/world/asia/2
www.example.com/sitemap.xml
Copyright 2024 Example News Ltd. All rights reserved.
Factory output jumps in March
"""


def test_english_chrome() -> None:
    layout = analyse(ENGLISH_PAGE)
    assert [(b.kind, b.text) for b in layout.boilerplate] == [
        ("navigation", "Home > World > Asia"),
        ("dateline", "Published: 12 March 2024 10:31 GMT"),
        ("navigation", "Share this article"),
        ("source-line", "Source: Reuters"),
        ("link-list", "https://example.com/world/asia/1 https://example.com/world/asia/2"),
        ("link-list", "www.example.com/sitemap.xml"),
        ("disclaimer", "Copyright 2024 Example News Ltd. All rights reserved."),
        ("repeated-headline", "Factory output jumps in March"),
    ]
    assert layout.metadata.title == "Factory output jumps in March"
    assert layout.metadata.published == "2024-03-12T10:31:00"
    assert layout.metadata.outlet == "Reuters"
    assert [ln.text[:15] for ln in layout.content] == ["Factory output ", "Officials said "]


def test_crlf_and_cr_pages_give_the_same_layout() -> None:
    lf = analyse(ENGLISH_PAGE)
    for newline in ("\r\n", "\r"):
        text = ENGLISH_PAGE.replace("\n", newline)
        other = analyse(text)
        assert other.metadata == lf.metadata
        assert [(b.kind, b.text) for b in other.boilerplate] == [
            (b.kind, b.text) for b in lf.boilerplate
        ]
        for b in other.boilerplate:
            assert text[b.start : b.end] == b.text


def test_chinese_chrome() -> None:
    page = (
        "首页 > 新闻 > 国内\n"
        "某市出台稳就业十条措施\n"
        "发布时间：２０２４年３月２６日　１０：３１　来源：某某日报\n"
        "\n"
        "　　３月２６日，某市人民政府发布稳就业十条措施，提出今年新增城镇就业１２万人以上，"
        "城镇调查失业率控制在５．５％以内。\n"
        "　　措施明确，对吸纳高校毕业生就业的中小企业给予一次性补贴。\n"
        "责任编辑：张三\n"
        "分享到\n"
        "版权所有 某某网 未经授权禁止转载\n"
    )
    layout = analyse(page)
    assert [(b.kind, b.text) for b in layout.boilerplate] == [
        ("navigation", "首页 > 新闻 > 国内"),
        ("dateline", "发布时间：２０２４年３月２６日　１０：３１　来源：某某日报"),
        ("credit", "责任编辑：张三"),
        ("navigation", "分享到"),
        ("disclaimer", "版权所有 某某网 未经授权禁止转载"),
    ]
    assert layout.metadata.title == "某市出台稳就业十条措施"
    assert layout.metadata.published == "2024-03-26T10:31:00"
    assert layout.metadata.outlet == "某某日报"


def test_report_about_copyright_is_not_a_disclaimer() -> None:
    # The keywords of a rights notice, in a story about a rights case.
    story = (
        "法院审理商标侵权案\n\n"
        "某公司起诉另一公司商标侵权和不正当竞争。法院认为，被告未经授权使用原告商标，"
        "转载其广告语，已构成侵权。一审判决被告赔偿经济损失５０万元。被告表示将提起上诉。\n"
    )
    layout = analyse(story)
    assert layout.boilerplate == ()
    assert len(layout.content) == 1


def test_short_notice_line_in_the_body_is_kept() -> None:
    # Keywords only make a notice outside the article body.
    text = (
        "Headline here\n\n"
        "The first paragraph of the story is long enough to count as body text, clearly.\n"
        "Reproduction of the plans was banned, he said.\n"
        "The last paragraph of the story is long enough to count as body text, clearly.\n"
    )
    assert kinds(text) == []


def test_single_line_headline_only_page_has_no_title() -> None:
    layout = analyse("Just a headline")
    assert layout.metadata.title is None
    assert [ln.text for ln in layout.content] == ["Just a headline"]


def test_split_lines_spans_every_line_ending() -> None:
    text = "a\r\nb\rc\nd"
    lines = split_lines(text)
    assert [ln.text for ln in lines] == ["a", "b", "c", "d"]
    assert [text[ln.start : ln.end] for ln in lines] == ["a", "b", "c", "d"]


# --- real pages -------------------------------------------------------------------------


def is_prose(text: str) -> bool:
    norm = normalize_text(text)
    width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in norm)
    return width > PROSE_WIDTH and bool(_SENTENCE.search(norm))


def test_sohu_article_text_is_never_chrome() -> None:
    for i, record in enumerate(sogou_records()):
        content = sogou_field(record, "content").decode("gb18030")
        title = sogou_field(record, "contenttitle").decode("gb18030")
        page = f"{title}\n{content}"
        layout = analyse(page)
        for b in layout.boilerplate:
            assert not is_prose(b.text), (i, b.kind, b.text[:80])
        if content.strip():
            assert layout.metadata.title == normalize_text(title), i


def test_bbc_article_text_is_never_chrome() -> None:
    seen = 0
    for article in bbc_articles(600):
        layout = analyse(article["text"])
        seen += 1
        # BBC: the first line is the headline.
        assert layout.metadata.title == normalize_text(article["title"]), article["id"]
        for b in layout.boilerplate:
            assert not is_prose(b.text), (article["id"], b.kind, b.text[:80])
            # Results, attendances and fixtures at the foot of a sports report are data.
            assert not re.search(r"\d", b.text), (article["id"], b.kind, b.text)
    assert seen == 600


def test_result_lines_below_a_sports_report_are_content() -> None:
    text = (
        "Chelsea clinch cup in extra-time\n\n"
        "John Arne Riise volleyed Liverpool ahead after 45 seconds, but Chelsea came back.\n\n"
        "Subs Not Used: Pidgeley, Tiago.\n\n"
        "78,000\n\n"
        "Burnley v Blackburn\n\n"
        "S Bennett (Kent)\n"
    )
    layout = analyse(text)
    assert layout.boilerplate == ()
    assert [ln.text for ln in layout.content][-3:] == [
        "78,000",
        "Burnley v Blackburn",
        "S Bennett (Kent)",
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\u3000中.")), max_size=30))
def test_lf_only_line_split_equals_the_regex_split(text: str) -> None:
    # split_lines takes str.split for LF-only text; the regex is the reference.
    assert split_lines(text) == _split_lines_re(text)


def test_a_link_list_with_a_vanished_zero_width_space_is_still_chrome() -> None:
    # Normalising drops the U+200B and leaves two spaces between the file names.
    layout = analyse(
        "Title here\n\nSomething happened in the city today, officials said.\n\n"
        "index.html \u200b about.html"
    )
    assert [b.kind for b in layout.boilerplate] == ["link-list"]


def test_paragraphs_the_article_repeats_are_kept() -> None:
    """A repeated body or foot paragraph is the article's text, not site chrome.

    bbc-sport-190 lists three groups of fixtures, each ending "Winners meet in final
    match"; all three stay. A repeated one-line paragraph inside the body stays too.
    """
    art = next(a for a in bbc_articles() if a["id"] == "bbc-sport-190")
    layout = analyse(art["text"])
    kept = [ln.norm for ln in layout.content]
    assert kept.count("Winners meet in final match") == 3
    assert layout.boilerplate == ()
    body = (
        "Council tax row deepens\n\n"
        "The council said on Monday that bills would rise by 5% next year, blaming care.\n\n"
        "No comment was given.\n\n"
        "Opposition members said the rise was the largest in a decade and called for a vote.\n\n"
        "No comment was given.\n\n"
        "The finance committee will meet again on Thursday to discuss the proposals.\n"
    )
    assert [ln.norm for ln in analyse(body).content].count("No comment was given.") == 2


def test_header_line_printed_again_at_the_foot_is_chrome() -> None:
    page = (
        "Home | News | Sport | Weather\n\n"
        "Council tax row deepens\n\n"
        "The council said on Monday that bills would rise by 5% next year, blaming care.\n\n"
        "Opposition members said the rise was the largest in a decade and called for a vote.\n\n"
        "Home | News | Sport | Weather\n"
    )
    kinds = [b.kind for b in analyse(page).boilerplate]
    assert kinds == ["navigation", "repeated-line"]
    assert all("Home" not in ln.norm for ln in analyse(page).content)
