"""Shared pieces of the facts stage: number and date sub-patterns, the mention record, clauses."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_CJK = "\u4e00-\u9fff"
_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
# Not after 几: 几十万元, 几千人 are "some" and state no figure (十几年 is read with 几 as
# its qualifier, like 十余年).
_ZHN = "(?<!几)[零〇一二两三四五六七八九十百千万亿][零〇一二两三四五六七八九十百千万亿点]*"
_NUM = rf"(?:{_AR}[万亿]*|{_ZHN})"
_EN_SMALL = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen"
)
_EN_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ENW = (
    rf"(?:(?:{_EN_TENS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|{_EN_SMALL}|a|"
    r"a few)(?:\s(?:hundred|thousand|million|billion))*"
)
_MONTHS = {
    m: i + 1
    for i, ms in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        )
    )
    for m in ms.split()
}
# Full month and weekday names, lower case: words that date, never name, a thing.
MONTH_NAMES = frozenset(
    m for m in _MONTHS if len(m) > 4 or m in ("march", "april", "may", "june", "july")
)
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
_EN_MONTH = "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True))
_ZH_MON = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_ZH_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s?年"
_REL_YEAR = "(?:今年|去年|明年|前年|上年|当年)"
_DASH = "[—–\\-~至到]"
# Characters a Chinese fact can start with (numerals, 第, 百分之, 前/头两个月, 今年/去年…).
_FIRST_CHARS = "零〇一二两三四五六七八九十百千万亿第百前头今去明上下当首"


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# Kinds whose subject is the event they date or time, not a measured quantity.
EVENT_KINDS = frozenset({"date", "duration", "score", "decade", "age"})


# --- one mention ---------------------------------------------------------------------------


@dataclass
class _Mention:
    """A figure found in one normalised sentence, before ids and original offsets."""

    kind: str
    value: float
    unit: str
    start: int
    end: int
    qualifier: str | None = None
    change: str | None = None
    subject: str | None = None
    period: str | None = None
    before_len: int = 0  # length of a qualifier written before the figure


# Clause breaks: punctuation, and a space between Chinese characters, which separates the
# parts of a headline (中国经济走过黄金十年　转型将造福世界经济); Chinese prose has no
# other spaces there. One regex scan (C speed) instead of a loop over characters; the
# space's neighbours are checked in Python, because a class of the 21,000 ideographs costs
# ~1.4 ms to compile and these patterns would need four.
_PUNCT = '[,，;；:：。!?！？“”"()（）]'
_NEXT_BREAK = re.compile(f"{_PUNCT}| ")
_LAST_BREAK = re.compile(f"(?s).*(?:{_PUNCT})")


def _cjk_space(text: str, j: int) -> bool:
    return (
        0 < j < len(text) - 1
        and "\u4e00" <= text[j - 1] <= "\u9fff"
        and "\u4e00" <= text[j + 1] <= "\u9fff"
    )


def _thousands(text: str, j: int) -> bool:
    """Whether the comma at ``j`` separates thousands in English text ("rose 32,000 to
    1.41 million"): no clause break. (Chinese text keeps its breaks as they were.)"""
    return (
        0 < j < len(text) - 1
        and text[j] == ","
        and text[j - 1].isdigit()
        and text[j + 1].isdigit()
        and text[max(0, j - 12) : j + 6].isascii()
    )


def _clause_start(text: str, i: int) -> int:
    i = max(i, 0)
    m = _LAST_BREAK.match(text, 0, i)
    start = m.end() if m else 0
    while start and _thousands(text, start - 1):
        m = _LAST_BREAK.match(text, 0, start - 1)
        start = m.end() if m else 0
    j = text.rfind(" ", start, i)
    while j >= 0:
        if _cjk_space(text, j):
            return j + 1
        j = text.rfind(" ", start, j)
    return start


def _clause_end(text: str, i: int) -> int:
    for m in _NEXT_BREAK.finditer(text, i):
        if (m.group() != " " or _cjk_space(text, m.start())) and not _thousands(text, m.start()):
            return m.start()
    return len(text)


# The UTF-8 forms of U+4E00-U+9FFF: E4 B8-BF xx, and E5-E9 xx xx. A class of bytes
# compiles in microseconds; the class of the 21,000 ideographs as characters takes ~1.4 ms.
_HAN_UTF8 = re.compile(rb"\xe4[\xb8-\xbf]|[\xe5-\xe9]")


def _is_zh(s: str) -> bool:
    """Whether ``s`` holds a Chinese ideograph (U+4E00-U+9FFF), as ``[一-鿿]`` finds one."""
    if s.isascii():
        return False
    return _HAN_UTF8.search(s.encode("utf-8", "surrogatepass")) is not None
