"""Normalise: NFKC and whitespace folding, with offsets that map back to the original."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.normalize import normalize, normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("１０", "10"),
        ("，", ","),
        ("增长７．５％", "增长7.5%"),
        ("ＡＢＣ　ａｂｃ", "ABC abc"),
        ("（文章来源：界面新闻）", "(文章来源:界面新闻)"),
        ("！？；：", "!?;:"),
        ("ｈｔｔｐ：／／ｎｅｗｓ．ｓｏｈｕ．ｃｏｍ", "http://news.sohu.com"),
        ("ｶﾀｶﾅ", "カタカナ"),  # half-width katakana widen
        ("ﬁnance", "finance"),  # ligature
        ("cafe\u0301", "café"),  # combining accent composes
        ("2\u00a0000", "2 000"),  # no-break space is a space
    ],
)
def test_nfkc_folds_width_and_compatibility_forms(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_whitespace_runs_fold_to_one_space() -> None:
    assert normalize_text("  Mr  Redwood\t said:\r\n\r\n  yes  ") == "Mr Redwood said: yes"


def test_line_break_between_cjk_characters_is_dropped() -> None:
    # A hard-wrapped Chinese paragraph: the break is layout, not a word boundary.
    assert normalize_text("新质生产力\r\n已经在实践中形成") == "新质生产力已经在实践中形成"
    assert normalize_text("增长，\u3000同比") == "增长,同比"


def test_break_after_closing_quote_in_chinese_is_dropped() -> None:
    # “……。” 赵志国说 and “……。”\n赵志国说 must read the same as the unspaced form.
    assert normalize_text("强大动力。” 赵志国说。") == "强大动力。”赵志国说。"
    assert normalize_text("好。”\r\n“下一步") == "好。”“下一步"
    assert normalize_text("他说……\n我们") == "他说......我们"


def test_break_after_closing_quote_in_english_is_kept() -> None:
    assert normalize_text("taxes.”\nHis party") == "taxes.” His party"
    assert normalize_text("赵志国说 “Yes”") == "赵志国说 “Yes”"


def test_space_between_cjk_and_latin_is_kept() -> None:
    assert normalize_text("推动 5G 应用") == "推动 5G 应用"


def test_space_between_full_width_latin_words_is_kept() -> None:
    # Full-width letters are wide, but they spell words of a spaced script.
    assert normalize_text("Ｂｅｉｊｉｎｇ　Ｎｅｗｓ") == "Beijing News"
    assert normalize_text("１０　２０") == "10 20"
    assert normalize_text("美国ＵＰＳ　联邦速递") == "美国UPS 联邦速递"


def test_zero_width_and_format_characters_are_dropped() -> None:
    assert normalize_text("新\u200b质\u200d生产\ufeff力\u00ad") == "新质生产力"


def test_offsets_quote_the_original() -> None:
    raw = "　“增长７．５％，”\r\n赵志国说。"
    n = normalize(raw)
    assert n.text == "“增长7.5%,”赵志国说。"
    i = n.text.index("7.5%")
    a, b = n.span(i, i + 4)
    assert raw[a:b] == "７．５％"
    a, b = n.span(0, len(n.text))
    assert raw[a:b] == raw.strip()


def test_offsets_are_absolute_when_a_base_is_given() -> None:
    raw = "Headline\n\nＰａｒａ two."
    start = raw.index("Ｐ")
    n = normalize(raw[start:], base=start)
    assert n.text == "Para two."
    assert n.span(0, 4) == (start, start + 4)


def test_expanding_character_maps_every_piece_to_its_source() -> None:
    # One original character can become several ("㍿" -> "株式会社"); each piece points back
    # to the whole character.
    n = normalize("A㍿B")
    assert n.text == "A株式会社B"
    assert n.span(1, 5) == (1, 2)
    assert n.span(2, 3) == (1, 2)


def test_empty_slice_span() -> None:
    n = normalize("ab")
    assert n.span(1, 1) == (1, 1)
    assert n.span(2, 2) == (2, 2)
    assert normalize("").span(0, 0) == (0, 0)


# --- properties -------------------------------------------------------------------------

# Text of the kind news pages hold, with the awkward parts over-represented.
_AWKWARD = (
    "　\r\n\t \u00a0\u2009\u200b\u200d\ufeff\u00ad"  # spaces, breaks, zero-width, soft hyphen
    "\u0301\u0308\u0327\u20dd"  # combining marks
    "，。！？；：（）“”‘’《》【】、…—"  # CJK punctuation
    "０１２３４５６７８９ＡＢＣａｂｃ％．"  # full-width
    "ｶﾞﾀ㍿①½ﬁ¨´ǅ"  # compatibility forms that expand or change
    "新质生产力增长亿万元赵志国说"
    "abcXYZ 0123456789.,;:!?'\"()$%-"
)
news_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(_AWKWARD),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=80,
)


@given(news_text, st.integers(min_value=0, max_value=10_000))
def test_offsets_are_monotone_and_in_range(raw: str, base: int) -> None:
    n = normalize(raw, base)
    assert len(n.starts) == len(n.ends) == len(n.text)
    for i in range(len(n.text)):
        assert base <= n.starts[i] < n.ends[i] <= base + len(raw)
        if i:
            assert n.starts[i - 1] <= n.starts[i]
            assert n.ends[i - 1] <= n.ends[i]


@given(news_text)
def test_output_is_folded(raw: str) -> None:
    text = normalize_text(raw)
    assert text == text.strip()
    assert "  " not in text
    assert not any(ch.isspace() and ch != " " for ch in text)
    assert not any(unicodedata.category(ch) == "Cf" for ch in text)


@given(news_text)
def test_normalising_is_idempotent(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once


@given(news_text, st.data())
def test_any_slice_maps_back_to_original_that_normalises_to_it(
    raw: str, data: st.DataObject
) -> None:
    # The promise every output relies on: quote raw[a:b] and it reads as the slice.
    n = normalize(raw)
    if not n.text:
        return
    i = data.draw(st.integers(0, len(n.text) - 1))
    j = data.draw(st.integers(i + 1, len(n.text)))
    piece = n.text[i:j]
    # Cut only between whole source characters: a slice that splits one expanded
    # character ("㍿" -> "株式会社") cannot quote only part of it.
    if i and n.starts[i] == n.starts[i - 1]:
        return
    if j < len(n.text) and n.starts[j] == n.starts[j - 1]:
        return
    a, b = n.span(i, j)
    assert normalize_text(raw[a:b]) == piece.strip()


def test_the_traditional_gate_never_skips_a_character_the_table_folds() -> None:
    # to_simplified skips reading OpenCC's table for text that cannot hold a
    # Traditional-only character; that test holds only for the table installed.
    from reconcile.normalize import _TRADITIONAL_IN_GB2312, _may_be_traditional, _traditional

    chars, _ = _traditional()
    for ch in chars:
        assert ord(ch) >= 0x3400, ch
        assert _may_be_traditional(ch), ch
        assert _may_be_traditional(f"1—2月{ch}增长7.5%"), ch
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        assert ch in _TRADITIONAL_IN_GB2312, ch


@pytest.mark.parametrize(
    ("text", "may"),
    [
        ("今年1—2月，规模以上工业增加值同比增长7.0%。", False),
        ("“新质生产力”已经在实践中形成", False),
        ("今年1—2月，規模以上工業增加值同比增長7.0%。", True),
        ("之後", True),  # 後 is in GB2312 and still Traditional-only
        ("增长\U0001f600", True),  # anything outside GB2312 may be: the table decides
    ],
)
def test_traditional_gate(text: str, may: bool) -> None:
    from reconcile.normalize import _may_be_traditional, to_simplified

    assert _may_be_traditional(text) is may
    if not may:
        assert to_simplified(text) == text
