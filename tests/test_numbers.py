"""Number parsing: Chinese numerals, full-width digits, English words and magnitudes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reconcile.numbers import parse_chinese, parse_number, parse_ordinal, to_chinese


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百七十八", 178),
        ("两千三百万", 23_000_000),
        ("一万零五", 10_005),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("一千零一十", 1010),
        ("零点一", 0.1),
        ("零点1", 0.1),  # cn2an rejects this outside its "smart" mode
        ("七点五", 7.5),
        ("八点一万亿", 8.1e12),
        ("8.1万亿", 8.1e12),
        ("3.5万", 35_000),
        ("二〇二四", 2024),
        ("１７８", 178),
        ("８．１", 8.1),
        ("1,234.5", 1234.5),
        ("twenty-one", 21),
        ("two hundred and five", 205),
        ("three hundred thousand", 300_000),
        ("1.5 billion", 1.5e9),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "万亿", "五万三万", "growth", "一二三四五十"])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "rank"),
    [("第三", 3), ("第十二", 12), ("eighth", 8), ("ninth", 9), ("21st", 21), ("twenty-first", 21)],
)
def test_parse_ordinal(text: str, rank: int) -> None:
    assert parse_ordinal(text) == rank


def test_to_chinese_reads_as_written() -> None:
    assert to_chinese(10_005) == "一万零五"
    assert to_chinese(178) == "一百七十八"
    assert to_chinese(15) == "十五"
    assert to_chinese(100_010) == "十万零一十"


# Values are floats: exact up to 2**53, which covers any figure a report states.
@given(st.integers(min_value=0, max_value=2**53))
def test_chinese_round_trip(n: int) -> None:
    assert parse_chinese(to_chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**12))
def test_full_width_digits_parse_like_ascii(n: int) -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    assert parse_number(wide) == parse_number(str(n)) == n


@given(
    st.integers(min_value=0, max_value=9999),
    st.integers(min_value=1, max_value=9),
    st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]),
)
def test_decimal_with_magnitude(whole: int, tenth: int, mag: tuple[str, int]) -> None:
    suffix, scale = mag
    expected = (whole + tenth / 10) * scale
    assert parse_number(f"{whole}.{tenth}{suffix}") == pytest.approx(expected)
    chinese = f"{to_chinese(whole)}点{to_chinese(tenth)}{suffix}"
    assert parse_number(chinese) == pytest.approx(expected)


@given(st.integers(min_value=1, max_value=999_999))
def test_english_words_round_trip(n: int) -> None:
    assert parse_number(_english(n)) == n


def _english(n: int) -> str:
    small = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ]
    tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

    def below_thousand(k: int) -> list[str]:
        words: list[str] = []
        if k >= 100:
            words += [small[k // 100], "hundred"]
            k %= 100
            if k:
                words.append("and")
        if k >= 20:
            words.append(tens[k // 10 - 2] + (f"-{small[k % 10]}" if k % 10 else ""))
        elif k or not words:
            words.append(small[k])
        return words

    if n >= 1000:
        rest = below_thousand(n % 1000) if n % 1000 else []
        return " ".join([*below_thousand(n // 1000), "thousand", *rest])
    return " ".join(below_thousand(n))
