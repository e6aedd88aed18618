"""Period keys of dates, their compatibility, and the period a figure refers to."""

from __future__ import annotations

import re

from .._regex import compiled
from ..normalize import to_simplified
from ..numbers import parse_number
from ._base import _DASH, _EN_MONTH, _MONTHS, _ZH_MON, _clause_end, _clause_start, _Mention

# --- periods -------------------------------------------------------------------------------

PeriodKey = tuple[int | None, int | None, int | None, int | None]
_PK_ISO = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
_PK_LONE_DAY = r"(\d{1,2})日"
_PK_YEAR = re.compile(r"(\d{4}|[〇零一二三四五六七八九]{4})年")
_PK_MONTHS = re.compile(rf"({_ZH_MON})(?:{_DASH}({_ZH_MON}))?月")
_PK_DAY = re.compile(rf"月份?({_ZH_MON})[日号]")
_PK_FIRST_N = re.compile(r"[前头](两|二|三|四|五|六|七|八|九|十|十一|\d{1,2})个月")
_PK_QUARTER = re.compile(r"([一二三四1-4])季度|Q([1-4])|(first|second|third|fourth) quarter", re.I)
_PK_HALF = re.compile(r"([上下])半年")
_PK_EN = re.compile(
    rf"(?:({_EN_MONTH})\.?\s(\d{{1,2}})|(\d{{1,2}})(?:st|nd|rd|th)?\s({_EN_MONTH}))", re.I
)
_PK_EN_MONTH = re.compile(rf"\b({_EN_MONTH})\b", re.I)
_PK_EN_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")


def period_key(text: str) -> PeriodKey | None:
    """``(year, first month, last month, day)`` of a date or period, ``None`` where unsaid.

    ``1—2月``, ``1—2月份`` and ``前两个月`` have the same key; ``3月26日`` and
    ``2024年3月26日`` differ only in the year, which :func:`periods_compatible` allows.

    Example:
        >>> period_key("2024年3月26日"), period_key("前两个月"), period_key("Q1")
        ((2024, 3, 3, 26), (None, 1, 2, None), (None, 1, 3, None))
    """
    # Keys are read from a fact's text as written, which may be Traditional (前兩個月).
    text = to_simplified(text)
    if " " in text and any("\u4e00" <= ch <= "\u9fff" for ch in text):
        text = text.replace(" ", "")  # 2024 年 4 月 12 日
    iso = _PK_ISO.search(text)
    if iso:
        mo = int(iso.group(2))
        return int(iso.group(1)), mo, mo, int(iso.group(3))
    year: int | None = None
    m1: int | None = None
    m2: int | None = None
    day: int | None = None
    y = _PK_YEAR.search(text)
    if y:
        yv = parse_number(y.group(1))
        year = None if yv is None else int(yv)
    q = _PK_QUARTER.search(text)
    h = _PK_HALF.search(text)
    n = _PK_FIRST_N.search(text)
    mm = _PK_MONTHS.search(text)
    if q:
        raw = q.group(1) or q.group(2) or q.group(3)
        qn = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(raw.lower()) or int(
            parse_number(raw) or 0
        )
        m1, m2 = 3 * qn - 2, 3 * qn
    elif h:
        m1, m2 = (1, 6) if h.group(1) == "上" else (7, 12)
    elif n:
        m1, m2 = 1, int(parse_number(n.group(1)) or 0)
    elif mm:
        a = parse_number(mm.group(1))
        b = parse_number(mm.group(2)) if mm.group(2) else a
        m1 = None if a is None else int(a)
        m2 = None if b is None else int(b)
        d = _PK_DAY.search(text)
        if d:
            dv = parse_number(d.group(1))
            day = None if dv is None else int(dv)
    else:
        en = _PK_EN.search(text)
        if en:
            mon = (en.group(1) or en.group(4)).lower()
            m1 = m2 = _MONTHS[mon]
            day = int(en.group(2) or en.group(3))
        else:
            em = _PK_EN_MONTH.search(text)
            if em:
                m1 = m2 = _MONTHS[em.group(1).lower()]
        ey = _PK_EN_YEAR.search(text)
        if ey and year is None:
            year = int(ey.group(1))
    if year is None and m1 is None:
        lone = compiled(_PK_LONE_DAY).fullmatch(text.strip())
        # "2日": a day of a month the text gave before (its dateline).
        return (None, None, None, int(lone.group(1))) if lone else None
    return year, m1, m2, day


def periods_compatible(a: PeriodKey | None, b: PeriodKey | None) -> bool:
    """True when no field both keys state differs (a missing year matches any year)."""
    if a is None or b is None:
        return True
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


_COMPARATIVE_DATE = re.compile(r"^(?:去年|上年|前年)|以来$")


def _is_topical(text: str, d: _Mention) -> bool:
    """A date that sets the period of what follows (今年1—2月，…), not a comparison base."""
    span = text[d.start : d.end]
    if _COMPARATIVE_DATE.search(span):
        return False
    before = text[_clause_start(text, d.start) : d.start]
    return before in ("", "在", "今年", "截至", "截止", "In", "in", "By", "by", "对于")


def _period_for(text: str, m: _Mention, dates: list[_Mention]) -> str | None:
    if not dates:
        return None
    cs, ce = _clause_start(text, m.start), _clause_end(text, m.end)
    own = [
        d
        for d in dates
        if cs <= d.start < ce and not _COMPARATIVE_DATE.search(text[d.start : d.end])
    ]
    if own:
        d = own[0]
        return text[d.start : d.end]
    topical = [d for d in dates if d.end <= m.start and _is_topical(text, d)]
    if topical:
        d = topical[-1]
        return text[d.start : d.end]
    return None
