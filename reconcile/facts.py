"""Fact extraction: every claim with a value, with its subject, period and speaker.

A fact is found by one pass of one compiled pattern over each normalised sentence (dates,
percentages, percentage points, amounts, counts, ordinals; Chinese numerals, full-width
digits and English number words alike). Around each figure, patterns over the
vocabulary in ``data/facts.toml`` give the qualifier (约, over), the change verb (增长, rose),
the subject (the noun phrase before the verb, or the thing counted) and the period (the
date expression of the clause, sentence or paragraph). ``分别``/``respectively`` hands each
value of a list to its own subject. Speakers come from speech verbs (``data/speech.toml``)
and job titles, and carry over to later sentences until someone else speaks.

Consistency (:func:`diff_facts`) lives in :mod:`reconcile.consistency`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from . import _data
from .models import Document, Fact, Segment
from .normalize import normalize
from .numbers import EN_ORDINALS, parse_number, parse_ordinal

_CJK = "\u4e00-\u9fff"
_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_ZHN = "[零〇一二两三四五六七八九十百千万亿][零〇一二两三四五六七八九十百千万亿点]*"
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
_EN_MONTH = "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True))
_ZH_MON = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_ZH_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})年"
_REL_YEAR = "(?:今年|去年|明年|前年|上年|当年)"
_DASH = "[—–\\-~至到]"
# Characters a Chinese fact can start with (numerals, 第, 百分之, 前/头两个月, 今年/去年…).
_FIRST_CHARS = "零〇一二两三四五六七八九十百千万亿第百前头今去明上下当"


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class _Vocab:
    """Compiled patterns and word sets, built once from the data files."""

    pattern: re.Pattern[str]
    zh_currency: dict[str, str]
    en_currency: dict[str, str]
    zh_q_before: tuple[str, ...]
    zh_q_after: tuple[str, ...]
    en_q_before: tuple[str, ...]
    zh_change: re.Pattern[str]
    zh_trailers: re.Pattern[str]
    zh_leaders: re.Pattern[str]
    generic: frozenset[str]
    list_heads: tuple[str, ...]
    en_change: frozenset[str]
    en_copulas: frozenset[str]
    en_count_stop: frozenset[str]
    en_determiners: frozenset[str]
    zh_speech: re.Pattern[str]
    zh_titles: re.Pattern[str]
    zh_non_names: frozenset[str]
    en_speech: re.Pattern[str]
    en_non_names: frozenset[str]
    en_pronouns: frozenset[str]


@cache
def _vocab() -> _Vocab:
    data = _data.load("facts")
    zh, en = data["zh"], data["en"]
    speech = _data.load("speech")
    measure = _alt(zh["measure_words"])
    zh_cur = _alt(zh["currencies"])
    en_cur_words = _alt([w for w in en["currencies"] if w.isalpha()])
    date_zh = (
        rf"{_REL_YEAR}?(?:{_ZH_YEAR})?{_ZH_MON}(?:{_DASH}{_ZH_MON})?月份?"
        rf"(?:{_ZH_MON}[日号])?(?:以来)?"
        rf"|{_REL_YEAR}?[前头](?:两|二|三|四|五|六|七|八|九|十|十一|\d{{1,2}})个月"
        rf"|{_REL_YEAR}?(?:{_ZH_YEAR})?第?[一二三四1-4]季度"
        rf"|{_REL_YEAR}?(?:{_ZH_YEAR})?[上下]半年"
        rf"|{_ZH_YEAR}(?:以来)?"
    )
    date_en = (
        rf"\b(?:{_EN_MONTH})\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s(?:19|20)\d{{2}})?\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:{_EN_MONTH})(?:\s(?:19|20)\d{{2}})?\b"
        rf"|\b(?:{_EN_MONTH})\s(?:19|20)\d{{2}}\b"
        r"|\bQ[1-4]\b"
        r"|\b(?:first|second|third|fourth)\squarter\b"
        r"|\b(?:19|20)\d{2}\b(?![,.]?\d|%|\spercent)"
    )
    en_ord = _alt(list(EN_ORDINALS))
    pattern = re.compile(
        # Fail fast: a fact starts with a digit, a Chinese numeral, 第/百分之/前/今年…, a
        # currency sign, or a word starting with a letter some English number, ordinal or
        # month name starts with.
        rf"(?=[\d{_FIRST_CHARS}£$€¥]|(?<![A-Za-z])[ADEFHJMNOQSTadefhjmnoqst])(?:"
        # ISO first: its year would otherwise read as a bare year.
        rf"(?P<date>(?<!\d)(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}(?!\d)|{date_zh}|{date_en})"
        rf"|百分之(?P<pz>{_NUM})"
        rf"|(?P<pn>{_NUM}|{_ENW})\s?(?:%|\s?per\s?cent\b|\s?percent\b)"
        rf"|(?P<pt>{_NUM}|{_ENW})\s?(?:个百分点|百分点|\s?percentage[\s-]points?\b)"
        r"|(?P<cheng>[一二两三四五六七八九])成(?![为立功果本交员长绩就效了])"
        rf"|(?P<az>{_NUM})\s?(?P<azc>{zh_cur})"
        r"|(?P<cur>[£$€¥])\s?(?P<ae>" + _AR + r")(?:\s?(?P<mag>bn|mn|m|k|tn|trn|billion|million|"
        r"trillion|thousand)\b)?"
        rf"|\b(?P<ae2>{_AR}|{_ENW})\s?(?P<mag2>billion|million|trillion|thousand|bn|m)?\s"
        rf"(?P<cur2>{en_cur_words})\b"
        rf"|第(?P<oz>{_ZHN}|\d+)"
        rf"|(?P<cz>{_NUM})\s?(?P<mw>{measure})"
        rf"|\b(?P<oe>{en_ord}|\d+(?:st|nd|rd|th))\b"
        rf"|(?<![\w.,$£€])(?P<ce>{_AR}(?:\s(?:million|billion|thousand))?|{_ENW})\s"
        r"(?P<noun>[a-z][a-z'-]+))",
        re.IGNORECASE,
    )
    zh_titles = re.compile(_alt(zh["titles"]))
    zh_verbs = sorted(speech["zh"], key=len, reverse=True)
    en_verbs = sorted(speech["en"], key=len, reverse=True)
    name = r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady)\.?\s)?[A-Z][\w'-]+(?:\s(?:[A-Z][\w'-]+|de|van|von|bin)){0,3}"
    en_speech = re.compile(
        rf"(?P<n1>{name}),?\s(?:{_alt(en_verbs)})\b"
        rf"|\b(?:said|says|told|added)\s(?P<n2>{name})"
        rf"|\baccording to\s(?P<n3>{name})"
        rf"|\b(?P<pron>he|she|they|we|i)\s(?:{_alt(en_verbs)})\b"
    )
    return _Vocab(
        pattern=pattern,
        zh_currency=dict(zh["currencies"]),
        en_currency=dict(en["currencies"]),
        zh_q_before=tuple(sorted(zh["qualifiers_before"], key=len, reverse=True)),
        zh_q_after=tuple(sorted(zh["qualifiers_after"], key=len, reverse=True)),
        en_q_before=tuple(sorted(en["qualifiers_before"], key=len, reverse=True)),
        zh_change=re.compile(rf"(?:{_alt(zh['change_verbs'])}|{_alt(zh['copulas'])})"),
        zh_trailers=re.compile(
            rf"(?:(?:{_alt(zh['subject_trailers'])})|(?:(?:较|比(?![重例率]))[^,，;]*?))+$"  # 同比, 较去年全年
        ),
        zh_leaders=re.compile(
            rf"^(?:(?:{_alt(zh['subject_leaders'])})|从[{_CJK}]{{1,6}}[看来]|(?:{date_zh}))+"
        ),
        generic=frozenset(zh["generic_subjects"]),
        list_heads=tuple(sorted(zh["list_heads"], key=len, reverse=True)),
        en_change=frozenset(en["change_verbs"]),
        en_copulas=frozenset(en["copulas"]),
        en_count_stop=frozenset(en["count_stopwords"]),
        en_determiners=frozenset(en["determiners"]),
        zh_speech=re.compile(rf"(?:{_alt(zh_verbs)})(?![为明])"),
        zh_titles=zh_titles,
        zh_non_names=frozenset(zh["non_names"]),
        en_speech=en_speech,
        en_non_names=frozenset(en["non_names"]),
        en_pronouns=frozenset(en["pronouns"]),
    )


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


_CLAUSE_BREAKS = frozenset(',，;；:：。!?！？“”"()（）')


def _clause_start(text: str, i: int) -> int:
    j = i - 1
    while j >= 0 and text[j] not in _CLAUSE_BREAKS:
        j -= 1
    return j + 1


def _clause_end(text: str, i: int) -> int:
    j = i
    while j < len(text) and text[j] not in _CLAUSE_BREAKS:
        j += 1
    return j


def _is_zh(s: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def _mentions(text: str, v: _Vocab) -> list[_Mention]:
    out: list[_Mention] = []
    for m in v.pattern.finditer(text):
        got = _classify(m, text, v)
        if got is not None:
            out.append(got)
    return out


def _enumerates(text: str, start: int, end: int) -> bool:
    """An ordinal that numbers the sentence itself (第一是…, "Second, …") is a list marker.

    Sources renumber lists freely (第一是 vs 首先是), so such a position is no claim and
    must not become a fact only one source has.
    """
    if text[:start].strip(" \"'“‘(（") != "":
        return False
    return text[end : end + 1] in ("是", ",", "、", ":", "，", "：")


def _num(s: str) -> float | None:
    s = s.strip()
    if s and s[0] in "万亿百千点":
        return None  # 万亿元 without a figure
    if s.lower() == "a few":
        return None
    return parse_number(s)


def _classify(m: re.Match[str], text: str, v: _Vocab) -> _Mention | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    if g["date"]:
        key = period_key(g["date"])
        if key is None:
            return None
        year, m1, _m2, day = key
        value = float((year or 0) * 10000 + (m1 or 0) * 100 + (day or 0))
        return _Mention("date", value, "date", s, e)
    if g["pz"] is not None or g["pn"] is not None:
        val = _num(g["pz"] or g["pn"])
        return None if val is None else _Mention("percent", val, "%", s, e)
    if g["pt"] is not None:
        val = _num(g["pt"])
        return None if val is None else _Mention("points", val, "pp", s, e)
    if g["cheng"] is not None:
        val = _num(g["cheng"])
        return None if val is None else _Mention("percent", val * 10, "%", s, e)
    if g["az"] is not None:
        val = _num(g["az"])
        unit = v.zh_currency.get(g["azc"], g["azc"])
        return None if val is None else _Mention("amount", val, unit, s, e)
    if g["cur"] is not None or g["cur2"] is not None:
        raw = g["ae"] if g["cur"] is not None else g["ae2"]
        val = _num(raw)
        if val is None:
            return None
        mag = (g["mag"] or g["mag2"] or "").lower()
        scale = {
            "k": 1e3,
            "thousand": 1e3,
            "m": 1e6,
            "mn": 1e6,
            "million": 1e6,
            "bn": 1e9,
            "billion": 1e9,
            "tn": 1e12,
            "trn": 1e12,
            "trillion": 1e12,
        }.get(mag, 1.0)
        cur = (g["cur"] or g["cur2"]).lower()
        return _Mention("amount", val * scale, v.en_currency.get(cur, cur), s, e)
    if g["oz"] is not None or g["oe"] is not None:
        if _enumerates(text, s, e):
            return None
        rank = parse_ordinal(m.group(0))
        return None if rank is None else _Mention("ordinal", float(rank), "ordinal", s, e)
    if g["cz"] is not None:
        if s > 0 and text[s - 1] == "第":
            return None
        raw = g["cz"]
        val = _num(raw)
        # 一个/一批/一项 are articles, not counts; a figure written 1个 is kept.
        if val is None or (raw == "一" and val == 1):
            return None
        mw = g["mw"]
        kind = "duration" if mw in ("个月", "天", "小时", "周") else "count"
        return _Mention(kind, val, mw, s, e)
    if g["ce"] is not None:
        noun = g["noun"].lower()
        raw = g["ce"].lower()
        if (
            noun in v.en_count_stop
            or raw in ("one", "a")
            or (raw.isalpha() and noun in v.en_change)
        ):
            return None
        val = _num(raw)
        if val is None:
            return None
        # The match ends at the noun; the counted thing is the subject, not part of the span.
        return _Mention("count", val, "", s, m.start("noun") - 1)
    return None


# --- periods -------------------------------------------------------------------------------

PeriodKey = tuple[int | None, int | None, int | None, int | None]
_PK_ISO = re.compile(r"((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})")
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
        return None
    return year, m1, m2, day


def periods_compatible(a: PeriodKey | None, b: PeriodKey | None) -> bool:
    """True when no field both keys state differs (a missing year matches any year)."""
    if a is None or b is None:
        return True
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


# --- subjects ------------------------------------------------------------------------------


def _zh_subject(text: str, m: _Mention, v: _Vocab) -> None:
    cs = _clause_start(text, m.start)
    pre = text[cs : m.start - m.before_len]
    verbs = list(v.zh_change.finditer(pre))
    if verbs:
        last = verbs[-1]
        if m.kind in ("percent", "points", "amount") or last.end() == len(pre):
            word = last.group(0)
            if word not in ("为", "是", "达", "达到", "占", "实现", "在"):
                m.change = word
            pre = pre[: last.start()]
    if m.kind in ("count", "ordinal", "duration"):
        follow = _zh_follow(text, m.end)
        if follow:
            m.subject = follow
            return
    m.subject = _clean_zh(pre, v)
    if m.subject is None and (m.qualifier or m.kind == "percent"):
        m.subject = _zh_follow(text, m.end)  # 超九成工业大类…


_ZH_FOLLOW_STOP = re.compile(
    r"基础上|之中|中|里|的|等|和|与|及|实现|保持|均|都|增长|增速|超过|是|[、,，;；。:：“”]"
)


def _zh_follow(text: str, end: int) -> str | None:
    rest = text[end : end + 24]
    if rest.startswith("是"):
        rest = rest[1:]
    stop = _ZH_FOLLOW_STOP.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    return phrase if len(phrase) >= 2 and _is_zh(phrase) else None


def _clean_zh(phrase: str, v: _Vocab) -> str | None:
    phrase = phrase.strip()
    for _ in range(3):
        before = phrase
        phrase = v.zh_trailers.sub("", phrase)
        phrase = v.zh_leaders.sub("", phrase)
        phrase = phrase.strip(" 、")
        if phrase == before:
            break
    return phrase if phrase and _is_zh(phrase) else None


_EN_BREAK_WORDS = frozenset(
    {"that", "which", "who", "said", "says", "when", "while", "after", "as"}
)
_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_EN_CONJUNCTIONS = frozenset({"but", "and", "or", "yet", "so"})
_EN_AUXILIARIES = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "could",
        "may",
        "might",
    }
)
# "$1.8bn (£940m)": a figure in brackets right after another restates it in other units.
_CONVERSION_GAP = re.compile(r"^\s*[(（]\s*$")


def _en_subject(text: str, m: _Mention, v: _Vocab) -> None:
    if m.kind == "count":
        words = _WORD.findall(text[m.end : m.end + 60])
        phrase: list[str] = []
        for w in words[:4]:
            if w.lower() in v.en_count_stop or w.lower() in _EN_BREAK_WORDS:
                break
            phrase.append(w)
        if phrase:
            m.subject = " ".join(phrase)
            return
    cs = _clause_start(text, m.start)
    pre_words = _WORD.findall(text[cs : m.start])
    for i in range(len(pre_words) - 1, -1, -1):
        if pre_words[i].lower() in _EN_BREAK_WORDS:
            pre_words = pre_words[i + 1 :]
            break
    cut = None
    for i in range(len(pre_words) - 1, -1, -1):
        w = pre_words[i].lower()
        if w in v.en_change:
            m.change = w
            cut = i
            break
        if w in v.en_copulas and cut is None:
            cut = i
    if cut is not None:
        pre_words = pre_words[:cut]
    # Modal and auxiliary verbs between subject and verb (would save, has risen).
    while pre_words and (
        pre_words[-1].lower() in _EN_AUXILIARIES
        or pre_words[-1].lower()
        in {
            "would",
            "will",
            "could",
            "has",
            "have",
            "had",
            "may",
            "might",
            "to",
            "by",
            "of",
        }
    ):
        pre_words.pop()
    while pre_words and pre_words[0].lower() in _EN_CONJUNCTIONS:
        pre_words = pre_words[1:]
    if pre_words and pre_words[0].lower() in _EN_AUXILIARIES:
        # ", but is set to be worth $1.8bn": the clause has no subject of its own; the
        # caller gives it the sentence's previous one.
        m.subject = None
        return
    pre_words = pre_words[-6:]
    while pre_words and pre_words[0].lower() in v.en_determiners:
        pre_words = pre_words[1:]
    m.subject = " ".join(pre_words) or None


# --- 分别 / respectively ----------------------------------------------------------------------

_ZH_LIST_SPLIT = re.compile(r"、|和|与|以及|及")
_ZH_ITEM_STOP = re.compile(r"在|实现|保持|均|都|的|分别")


def _distribute_zh(text: str, ms: list[_Mention], v: _Vocab) -> None:
    for resp in re.finditer("分别", text):
        cs, ce = _clause_start(text, resp.start()), _clause_end(text, resp.end())
        group = [m for m in ms if resp.end() <= m.start < ce and m.kind != "date"]
        if len(group) < 2:
            continue
        phrase = _clean_zh(text[cs : resp.start()], v) or ""
        items = _split_items(phrase, v)
        head = ""
        if len(items) < len(group) and cs > 0:
            # 东莞和深圳…较快增长，增速分别为…: the list is in the clause before.
            head = phrase
            prev = _clause_start(text, cs - 1)
            items = [
                it[: s.start()] if (s := _ZH_ITEM_STOP.search(it)) else it
                for it in _ZH_LIST_SPLIT.split(
                    _clean_zh(text[prev : cs - 1], v) or "",
                )
            ]
            items = [it for it in items if it]
        if len(items) != len(group):
            continue
        for m, item in zip(group, items, strict=True):
            m.subject = item + head if head and not item.endswith(head) else item


def _split_items(phrase: str, v: _Vocab) -> list[str]:
    items = [it.strip() for it in _ZH_LIST_SPLIT.split(phrase) if it.strip()]
    if len(items) < 2:
        return items
    items[-1] = items[-1].removesuffix("等")
    items[0] = items[0].removeprefix("对").removeprefix("如")
    last = items[-1]
    head = next((h for h in v.list_heads if last.endswith(h) and last != h), "")
    if head:
        items = [it if any(it.endswith(h) for h in v.list_heads) else it + head for it in items]
        items = [it.replace("等" + head, head) for it in items]
    first = items[0]
    fhead = next((h for h in v.list_heads if first.endswith(h) and first != h), "")
    if fhead and all(it in v.list_heads for it in items[1:]):
        prefix = first[: -len(fhead)]
        # 23条全国试点步行街客流量、营业额: the counted prefix belongs to every item.
        items = [first] + [prefix + it for it in items[1:]]
    return items


_EN_LIST_SPLIT = re.compile(r",\s*(?:and\s+)?|\s+and\s+")


def _distribute_en(text: str, ms: list[_Mention], v: _Vocab) -> None:
    for resp in re.finditer(r"\brespectively\b", text, re.I):
        cs = _clause_start(text, resp.start())
        while (
            cs > 0
            and text[cs - 1] == ","
            and not re.search(r"\s(?:rose|fell|grew|were|was)\s", text[cs : resp.start()])
        ):
            cs = _clause_start(text, cs - 1)
        group = [m for m in ms if cs <= m.start < resp.start() and m.kind != "date"]
        if len(group) < 2:
            continue
        first = group[0]
        pre = text[cs : first.start]
        words = _WORD.findall(pre)
        verb_at = next(
            (
                i
                for i in range(len(words) - 1, -1, -1)
                if words[i].lower() in v.en_change or words[i].lower() in v.en_copulas
            ),
            None,
        )
        if verb_at is None:
            continue
        verb = words[verb_at]
        subj = pre[: pre.rfind(verb)]
        items = [it.strip() for it in _EN_LIST_SPLIT.split(subj) if it.strip()]
        items = [
            " ".join(w for w in it.split() if w.lower() not in v.en_determiners) for it in items
        ]
        if len(items) != len(group):
            continue
        for m, item in zip(group, items, strict=True):
            m.subject = item


# --- qualifiers and periods ------------------------------------------------------------------


def _qualify(text: str, m: _Mention, v: _Vocab, zh: bool) -> None:
    if zh:
        before = text[max(0, m.start - 4) : m.start]
        for q in v.zh_q_before:
            if before.endswith(q):
                m.qualifier = q
                m.before_len = len(q)
                break
        after = text[m.end : m.end + 2]
        for q in v.zh_q_after:
            if after.startswith(q):
                m.qualifier = q if m.qualifier is None else f"{m.qualifier}…{q}"
                m.end += len(q)
                break
    else:
        before = text[max(0, m.start - 16) : m.start].lower().rstrip()
        for q in v.en_q_before:
            if before.endswith(q) and (len(before) == len(q) or not before[-len(q) - 1].isalpha()):
                m.qualifier = q
                break


def _sentence_mentions(text: str, v: _Vocab) -> list[_Mention]:
    ms = _mentions(text, v)
    if not ms:
        return ms
    zh = _is_zh(text)
    dates = [m for m in ms if m.kind == "date"]
    prev_subject: str | None = None
    prev: _Mention | None = None
    for m in ms:
        if m.kind == "date":
            continue
        _qualify(text, m, v, zh)
        if prev is not None and _CONVERSION_GAP.match(text[prev.end : m.start]):
            m.subject, m.change = prev.subject, prev.change
        elif zh:
            _zh_subject(text, m, v)
        else:
            _en_subject(text, m, v)
        prev = m
        if m.subject is None and prev_subject is not None:
            m.subject = prev_subject  # 8.1万亿元，同比增长5.5%
        elif (
            zh
            and prev_subject is not None
            and m.subject is not None
            and (m.subject in v.generic or m.subject.startswith("占"))
        ):
            m.subject = prev_subject + m.subject  # …投资增长9.4%，增速提高… / …，占…比重
        prev_subject = m.subject
        m.period = _period_for(text, m, dates)
    if zh:
        _distribute_zh(text, ms, v)
    else:
        _distribute_en(text, ms, v)
    return ms


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


# --- speakers ------------------------------------------------------------------------------

_ZH_LOCATIVE = re.compile(
    r"在[^，,。;；“”\"]{1,30}$|(?:也|还|则|进一步|同时|对此|曾|并|再次|近日|今天|日前)+$"
)
_ZH_RUN = re.compile(rf"[{_CJK}、]+$")


def _zh_speaker(text: str, v: _Vocab) -> str | None:
    for m in v.zh_speech.finditer(text):
        pre = text[max(0, m.start() - 40) : m.start()]
        pre = _ZH_LOCATIVE.sub("", pre)
        pre = _ZH_LOCATIVE.sub("", pre)
        run = _ZH_RUN.search(pre)
        if not run:
            continue
        words = run.group(0).strip("、")
        if not words or words in v.zh_non_names or words[-1] in "据":
            continue
        titles = list(v.zh_titles.finditer(words))
        if titles:
            name = words[titles[-1].end() :]
            if 2 <= len(name) <= 4:
                return name
            if not name:
                return words[-12:]
            continue
        if 2 <= len(words) <= 4 and not any(words.startswith(n) for n in v.zh_non_names):
            return words
    return None


_QUOTED = re.compile(r"\"[^\"]*\"?|“[^”]*”?")
_EN_PERSON = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Dr)\.?\s)?[A-Z][a-z]+\s[A-Z][a-z'-]+(?=,?\s[a-z])")
_PRONOUN = "\x00"  # marks "he said": the speaker is the person last named


def _en_person(text: str) -> str | None:
    """The last person named outside quotations (for a following "he said")."""
    found = _EN_PERSON.findall(_QUOTED.sub(" ", text))
    return str(found[-1]) if found else None


def _en_speaker(text: str, v: _Vocab) -> str | None:
    for m in v.en_speech.finditer(text):
        if m.group("pron"):
            return _PRONOUN
        name = m.group("n1") or m.group("n2") or m.group("n3")
        if not name:
            continue
        parts = name.split()
        while parts and parts[0].lower() in v.en_non_names - {"mr", "mrs", "ms", "dr"}:
            parts = parts[1:]
        if parts and parts[0].lower() not in v.en_pronouns:
            return " ".join(parts)
    return None


def speakers(doc: Document) -> tuple[str | None, ...]:
    """The speaker of each segment of ``doc``, in segment order.

    A sentence names its speaker with a speech verb (``X表示``, ``"…," she said``); every
    sentence of the same quoted statement shares it, and it carries over to the following
    sentences until another speaker is named.

    Example:
        >>> from reconcile.document import from_text
        >>> speakers(from_text("Prices rose. Jane Smith said costs fell. They fell 3%."))
        (None, 'Jane Smith', 'Jane Smith')
    """
    v = _vocab()
    own: list[str | None] = []
    person: str | None = None
    for seg in doc.segments:
        if _is_zh(seg.text):
            own.append(_zh_speaker(seg.text, v))
            continue
        sp = _en_speaker(seg.text, v)
        if sp == _PRONOUN:
            sp = person
        own.append(sp)
        person = _en_person(seg.text) or sp or person
    by_utterance: dict[int, str] = {}
    for seg, sp in zip(doc.segments, own, strict=True):
        if sp is not None and seg.utterance is not None:
            by_utterance.setdefault(seg.utterance, sp)
    out: list[str | None] = []
    current: str | None = None
    for seg, sp in zip(doc.segments, own, strict=True):
        said = sp or (by_utterance.get(seg.utterance) if seg.utterance is not None else None)
        if said is not None:
            current = said
        out.append(current)
    return tuple(out)


# --- the document --------------------------------------------------------------------------


def extract_facts(doc: Document) -> tuple[Fact, ...]:
    """Every fact stated in ``doc``, in text order, with ids ``"<source>:f<n>"`` from 1.

    ``start``/``end`` delimit the fact in ``doc.source.text`` and ``text`` is that span
    verbatim; ``segment`` is the id of the sentence that states it.

    Example:
        >>> from reconcile.document import from_text
        >>> doc = from_text("今年1—2月，出口、进口分别增长10.3%、6.7%。", "B")
        >>> [(f.id, f.subject, f.value, f.period) for f in extract_facts(doc) if f.kind == "percent"]
        [('B:f2', '出口', 10.3, '今年1—2月'), ('B:f3', '进口', 6.7, '今年1—2月')]
    """
    v = _vocab()
    facts: list[Fact] = []
    who = speakers(doc)
    period_by_paragraph: dict[int, str] = {}
    for seg, speaker in zip(doc.segments, who, strict=True):
        ms = _sentence_mentions(seg.text, v)
        if not ms:
            continue
        spans = _SpanMap(doc, seg)
        for m in ms:
            if m.kind == "date":
                if _is_topical(seg.text, m):
                    period_by_paragraph[seg.paragraph] = seg.text[m.start : m.end]
                period = None
            else:
                # A sentence without its own date refers to the paragraph's last period.
                period = m.period or period_by_paragraph.get(seg.paragraph)
            start, end = spans.original(m.start, m.end)
            facts.append(
                Fact(
                    id=f"{doc.id}:f{len(facts) + 1}",
                    source=doc.id,
                    segment=seg.id,
                    text=doc.source.text[start:end],
                    value=m.value,
                    unit=m.unit,
                    kind=m.kind,
                    subject=m.subject,
                    period=period,
                    speaker=speaker,
                    start=start,
                    end=end,
                    qualifier=m.qualifier,
                    change=m.change,
                )
            )
    return tuple(facts)


class _SpanMap:
    """Maps offsets in a segment's normalised text back to the original text, lazily."""

    def __init__(self, doc: Document, seg: Segment) -> None:
        self._doc = doc
        self._seg = seg
        norm = normalize(doc.source.text[seg.start : seg.end], base=seg.start)
        self._norm = norm if norm.text == seg.text else None

    def original(self, start: int, end: int) -> tuple[int, int]:
        if self._norm is None:
            # Should not happen (segments are normalised the same way); quote the sentence.
            return self._seg.start, self._seg.end
        return self._norm.span(start, end)


def iter_facts(docs: Sequence[Document]) -> Iterator[Fact]:
    """Facts of several documents in turn (for corpus runs and benchmarks)."""
    for doc in docs:
        yield from extract_facts(doc)
