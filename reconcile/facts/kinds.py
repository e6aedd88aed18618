"""What kind of figure a match is (date, percent, amount, count, ordinal…) and its value."""

from __future__ import annotations

import re

from .._regex import compiled
from ..numbers import parse_number, parse_ordinal
from ._base import _Mention
from ._vocab import _Vocab
from .kinds_en import (
    _APPOSED,
    _COUNTING_VERB,
    _DAY_SPAN,
    _ELIDED,
    _FRACTIONS,
    _KIND_OF,
    _MONTH_NAMES,
    _address,
    _chart_position,
    _en_rank,
    _in_version_list,
    _named_number,
    _number_rank,
    _one_counts,
    _opening_name,
    _pronoun_age,
    _role_age,
    _short_million,
)
from .periods import period_key


def _mentions(text: str, v: _Vocab) -> list[_Mention]:
    out: list[_Mention] = []
    # A figure inside 《…》 belongs to a title (《2012年世界经济形势与展望》), not a claim.
    titles = [(t.start(), t.end()) for t in _BOOK_TITLE.finditer(text)] if "《" in text else []
    for m in v.pattern.finditer(text):
        if titles and any(a < m.start() and m.end() < b for a, b in titles):
            continue
        got = _classify(m, text, v)
        if got is not None and not (out and got.start < out[-1].end):  # "4-6 March" once
            out.append(got)
    return out


_BOOK_TITLE = re.compile("《[^《》]{1,60}》")


def _enumerates(text: str, start: int, end: int) -> bool:
    """An ordinal that numbers the sentence itself (第一是…, "Second, …") is a list marker.

    Sources renumber lists freely (第一是 vs 首先是), so such a position is no claim and
    must not become a fact only one source has.
    """
    if text[:start].strip(" \"'“‘(（") != "":
        return False
    return text[end : end + 1] in ("是", ",", "、", ":", "，", "：")


# Verbs after 四处 that make it "everywhere" (四处逃散, 四处寻找) rather than four places.
_EVERYWHERE_VERBS = frozenset("逃奔散走寻找打流传张蔓求游乱看跑飞躲藏漂闯串搜收")
# 个小时, 个工作日: measure words of time make a duration (50个小时), not a count.
_ZH_DURATION_WORDS = frozenset(
    {"个月", "天", "小时", "周", "个小时", "个星期", "个工作日", "个交易日", "分钟", "秒"}
)


def _num(s: str) -> float | None:
    s = s.strip()
    if s[-1:] in ("m", "M") and s[:1].isdigit():
        val = parse_number(s[:-1])  # "1m websites"
        return None if val is None else val * 1e6
    if s.endswith("bn") and s[:1].isdigit():
        val = parse_number(s[:-2])
        return None if val is None else val * 1e9
    if s and s[0] in "万亿百千点":
        return None  # 万亿元 without a figure
    if s.lower() == "a few":
        return None
    return parse_number(s)


_SCALE = {
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
}
# Words before a bare "May" that make it the month, not the modal verb.
_MONTH_LEAD = frozenset(
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "from",
        "last",
        "next",
        "this",
        "early",
        "late",
        "mid",
        "during",
        "of",
        "end",
        "before",
        "after",
        "on",
        "between",
        "and",
        "to",
    ]
)
# The context patterns below are compiled on first use (``compiled``): most are English and
# rare, so a Chinese report never needs them.
# A score needs a game around it: "won 2-1", "a 3-0 win", "drew 1-1 with".
_SCORE_BEFORE = (
    r"(?:\b(?:won|win|wins|beat|beats|beaten|lost|lose|loses|drew|draw|draws|led|lead|leads|"
    r"trail|trailed|trailing|thrashed|edged|defeated|victory|defeat|score|scored|"
    r"scoreline|by|a|an|the|at|to|it)\s|[比以]"
    # A possessive ("June's 51-15 hammering"), not "it's 50-50".
    r"|(?<!\bit)(?<!\bthat)(?<!\bhe)(?<!\bshe)(?<!\bwhat)(?<!\bthere)['’]s\s|s['’]\s)$"
)
_SCORE_AFTER = (
    r"^\s?(?:win|victory|defeat|draw|loss|lead|home|away|scoreline|aggregate|triumph|"
    r"success|thrashing|reverse|win|in\b|at\b|against|over|on\b|with|after|before|"
    r"ahead|behind|clear|advantage|margin|deficit|half-time|"
    r"first-leg|second-leg|[负胜平战击])"
)
# A capitalised word right before a number, other than the sentence's first word or a
# month: the number belongs to a name.
_IN_NAME = (
    r"(?<=[\w,;:\"“)] )(?!(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b)"
    # "Unison's 800,000 workers": a possessive owns the figure, it does not name it.
    r"[A-Z][\w'-]*(?<!'s)(?<!s')\s$"
)
# A number after a word that labels a part of a series names that part ("season 1
# episode 7", "in round 3", "chapter 11"): a place in a list, not a quantity.
_LABEL_BEFORE = re.compile(
    r"\b(?:season|episode|chapter|part|volume|series|round|stage|page|section|article|"
    r"clause|line|room|gate|platform|flight|route|level|phase|act|scene|track|lane|exit|"
    r"junction|terminal|ward|block|row|seat|table|game|leg|match-day|matchday)\s$",
    re.IGNORECASE,
)
_MARKET_BEFORE = r"(?:涨|跌|升|降|报|收|至|到|达|了|指数|上涨|下跌|收于|收报)$"
# 26点的跳空缺口, 64点的下跌幅度: what follows makes the points an index's.
_MARKET_AFTER = r"的?(?:跳空)?(?:缺口|跌幅|涨幅|下跌|上涨|下跌幅度|上涨幅度)"
# 为期一年, 长达一年: 一年 is a length of time only after words that measure one.
_ONE_YEAR_LEAD = "(?:为期|长达|整整|历时|用了|花了|超过|不到|近|约|过去)$"
# A stock quote a Chinese page inserts after a company name: (price, change, change%).
_TICKER = re.compile(r"[(（]\s*-?[\d.]+\s*[,，]\s*-?[\d.]+\s*[,，]\s*-?[\d.]+%\s*[)）]")
# The minutes after a number of hours: "two hours 15 minutes".
_MINUTES_AFTER = re.compile(r",?\s(?:and\s)?(\d{1,2})\s(?:minutes?|mins?)\b")
# A date followed by 电/讯 is a news agency's dateline (中新网6月1日电, 中国网6月11日讯).
# With the place between them, the agency's mark is followed by its byline or a space
# (5月31日曲阜讯（记者…）).
_DATELINE_AFTER = re.compile(r"\s?(?:[\u4e00-\u9fff]{1,4}(?=[电讯][(（\s\u3000]))?[电讯]")


def _bare(text: str, s: int, e: int, raw: str) -> _Mention | None:
    """A figure with no noun: a count where it counts ("fell by 600,000", "which killed
    five", "Five were …"), an age after a name ("Eileen Lee, 24."), else nothing."""
    low = raw.lower()
    if low in ("one", "a", "a few") or _named_number(text, s, raw):
        return None
    val = _num(raw)
    if val is None:
        return None
    if _chart_position(text, s, raw):
        return _Mention("ordinal", val, "ordinal", s, e)  # "came in at 39"
    if _pronoun_age(text, s, e, raw) or _role_age(text, s, e, raw):
        return _Mention("age", val, "years", s, e)  # "He was 84,"
    lead = text[max(0, s - 40) : s]
    if raw.isdigit() and (
        re.search(r"\bat\sthe\sage\sof\s$|\b(?:turns|turned|turning)\s$", lead)
        or re.search(r"\b(?:died|dies)\b[^.;]{0,40}\sat\s$", lead)
        or (re.search(r"\b[A-Z][\w'’-]+\s[A-Z][\w'’-]+\s\($", lead) and text[e : e + 1] == ")")
    ):
        return _Mention("age", val, "years", s, e)  # "at the age of 79", "Richard McNally (31)"
    name = compiled(_APPOSED).search(lead) if raw.isdigit() and val <= 110 else None
    if name and not re.search(r"\d[\s,]*$", lead[: name.start()]):
        # "Eileen Lee, 24": not "the 147, 156, 156 Sportwagon, 166" (a list of models).
        first = name.group(0).split()[0].strip(",")
        if first.lower() not in _MONTH_NAMES:
            return _Mention("age", val, "years", s, e)
    if raw[0].isdigit():
        if compiled(_IN_NAME).search(text[max(0, s - 30) : s]) or _LABEL_BEFORE.search(
            text, max(0, s - 12), s
        ):
            return None
        if (
            "," in raw
            or re.search(r"million|billion", raw, re.I)
            # "328 of them out of a total of over 400"
            or re.match(r"\sof\s(?:them|those|these|us|whom)\b", text[e : e + 12])
            or re.search(r"\btotal\sof\s(?:over\s|more\sthan\s|about\s|some\s)?$", lead)
        ):
            return _Mention("count", val, "", s, e)
        return _Mention("count", val, "", s, e) if compiled(_COUNTING_VERB).search(lead) else None
    if compiled(_COUNTING_VERB).search(lead):
        return _Mention("count", val, "", s, e)
    after = text[e : e + 12]
    if compiled(_ELIDED).match(after) and (
        re.search(r"\b(?:further|another|other)\s$", lead, re.I) or text[:s].strip(" \"“‘'(") == ""
    ):
        return _Mention("count", val, "", s, e)
    return None


def _classify(m: re.Match[str], text: str, v: _Vocab) -> _Mention | None:
    g = m.groupdict()
    s, e = m.start(), m.end()
    if g["dec"] is not None:
        digits = re.sub(r"\D", "", g["dec"])
        first = int(digits) if len(digits) == 4 else 1900 + int(digits)
        return _Mention("decade", float(first), "decade", s, e)
    if g["month"] is not None:
        word = g["month"]
        prev = re.findall(r"[A-Za-z]+", text[max(0, s - 8) : s])
        if not word[0].isupper() or (
            word == "May" and not (prev and prev[-1].lower() in _MONTH_LEAD)
        ):
            return None
        key = period_key(word)
        if key is None:
            return None
        return _Mention("date", float((key[1] or 0) * 100), "date", s, e)
    if g["zday"] is not None:
        if text[max(0, s - 3) : s].rstrip().endswith(("月", "号")):
            return None
        dom = int(g["zday"])
        return None if not 1 <= dom <= 31 else _Mention("date", float(dom), "date", s, e)
    if g["age"] is not None or g["age2"] is not None:
        val = _num(g["age"] or g["age2"])
        if g["age"] is not None:
            s = m.start("age")  # "aged 44": the figure is the fact, "aged" says its kind
        return None if val is None else _Mention("age", val, "years", s, e)
    if g["bp"] is not None or g["bpz"] is not None:
        val = _num(g["bp"] or g["bpz"])
        return None if val is None else _Mention("points", val / 100, "pp", s, e)
    if g["mg"] is not None or g["mg2"] is not None or g["mg3"] is not None:
        val = _num(g["mg"] or g["mg2"] or g["mg3"])
        if g["mg"] is not None:
            s = m.start("mg")
        return None if val is None else _Mention("magnitude", val, "magnitude", s, e)
    if g["rank"] is not None:
        start = _number_rank(text, s, e, m.group(0)[:1] in "nN" and m.group(0)[1:2] in "uU")
        if start is None:
            return None  # "No 10", "number one priority"
        s = start
        val = _num(g["rank"])
        return None if val is None else _Mention("ordinal", val, "ordinal", s, e)
    if g["sc1"] is not None:
        days = compiled(_DAY_SPAN).match(text, e)
        if days is not None and 1 <= int(g["sc2"]) <= 31:
            # "on 4-6 March": a span of days, dated by its last.
            key = period_key(f"{g['sc2']} {days.group(1)}")
            if key is not None:
                value = float((key[0] or 0) * 10000 + (key[1] or 0) * 100 + (key[3] or 0))
                return _Mention("date", value, "date", s, days.end())
        if not (
            compiled(_SCORE_BEFORE, re.I).search(text[max(0, s - 12) : s])
            or compiled(_SCORE_AFTER, re.I).match(text[e : e + 12])
            # Set scores in a row ("6-1 7-6 (7/5)") and results between two names ("Wasps
            # 31-37 Leicester") need no other word.
            or re.match(r"\s\d{1,2}-\d{1,2}\b", text[e : e + 8])
            or re.search(r"\b\d{1,2}-\d{1,2}\s$", text[max(0, s - 8) : s])
            or (
                re.search(r"\b[A-Z][\w'’-]+\s$", text[max(0, s - 30) : s])
                and re.match(r"\s[A-Z]", text[e : e + 2])
            )
        ):
            return None
        a, b = int(g["sc1"]), int(g["sc2"])
        return _Mention("score", float(a * 1000 + b), "score", s, e)
    if g["ipz"] is not None:
        if not (
            compiled(_MARKET_BEFORE).search(text[max(0, s - 4) : s])
            or compiled(_MARKET_AFTER).match(text[e : e + 6])
        ):
            return None
        val = _num(g["ipz"])
        return None if val is None else _Mention("index", val, "points", s, e)
    if g["ipt"] is not None:
        val = _num(g["ipt"])
        return None if val is None else _Mention("index", val, "points", s, e)
    if g["durz"] is not None:
        raw = g["durz"]
        val = _num(raw)
        if val is None or (
            s > 0 and text[s - 1] in "第近去今明前" and text[max(0, s - 2) : s] != "过去"
        ):
            return None
        if raw == "一" and not compiled(_ONE_YEAR_LEAD).search(text[max(0, s - 3) : s]):
            return None  # 新的一年, 一年一度: a year, not a length of time stated
        if len(raw) == 2 and raw.startswith("0"):
            return _Mention("date", float((2000 + int(raw)) * 10000), "date", s, e)  # 09年
        return _Mention("duration", val, "年", s, e, qualifier=g["durq"])
    if g["dur"] is not None:
        raw = g["dur"].lower()
        if raw in ("a", "a few"):
            return None
        val = _num(raw)
        if val is None:
            return None
        unit = g["dunit"].lower()
        unit = "century" if unit.startswith("centur") else unit.rstrip("s")
        val += 0.5 if g["dhalf"] else 0.0
        more = _MINUTES_AFTER.match(text, e) if unit == "hour" else None
        if more is not None:
            # "two hours 15 minutes", "four hours and 21 minutes": one length of time.
            val += float(more.group(1)) / 60
            e = more.end()
        return _Mention("duration", val, unit, s, e)
    if g["date"]:
        if _DATELINE_AFTER.match(text[e : e + 8]):
            return None  # 新华网北京6月7日电: the dateline dates the report, not a claim
        if g["date"].isdigit() and (
            compiled(_IN_NAME).search(text[max(0, s - 30) : s])
            or _in_version_list(text[max(0, s - 40) : s])
            or (re.search(r"\bthe\s$", text[max(0, s - 4) : s]) and re.match(r"\s[A-Z]", text[e:]))
        ):
            return None  # Euro 2004, Colin McRae Rally 2005, the 2002 World Cup: names
        key = period_key(g["date"])
        if key is None:
            return None
        year, m1, _m2, day = key
        value = float((year or 0) * 10000 + (m1 or 0) * 100 + (day or 0))
        return _Mention("date", value, "date", s, e)
    if g["pz"] is not None or g["pn"] is not None:
        if _TICKER.search(text[max(0, s - 24) : e + 2]):
            return None  # 工商银行（4.20，0.03，0.72%）: a quote the page inserts, not a claim
        val = _num(g["pz"] or g["pn"])
        return None if val is None else _Mention("percent", val, "%", s, e)
    if g["ptf"] is not None:
        return _Mention("points", 0.25 if "quarter" in g["ptf"].lower() else 0.5, "pp", s, e)
    if g["pt"] is not None:
        val = _num(g["pt"])
        return None if val is None else _Mention("points", val, "pp", s, e)
    if g["cheng"] is not None:
        val = _num(g["cheng"])
        return None if val is None else _Mention("percent", val * 10, "%", s, e)
    if g["az"] is not None:
        val = _num(g["az"].replace(" ", "") + (g["azm"] or ""))  # 40余万元: 40万
        unit = v.zh_currency.get(g["azc"], g["azc"])
        if val is None:
            return None
        return _Mention("amount", val, unit, s, e, qualifier=g["azq"])
    if g["cur"] is not None or g["cur2"] is not None:
        raw = g["ae"] if g["cur"] is not None else g["ae2"]
        val = _num(raw)
        if val is None:
            return None
        mag = (g["mag"] or g["mag2"] or "").lower()
        scale = _SCALE.get(mag, 1.0)
        cur = (g["cur"] or g["cur2"]).lower()
        if g["cur2"] is not None and (
            (cur == "won" and not mag) or compiled(_IN_NAME).search(text[max(0, s - 30) : s])
        ):
            return None  # "Burnout 3 won three awards": the verb, after a name
        return _Mention("amount", val * scale, v.en_currency.get(cur, cur), s, e)
    if g["oz"] is not None or g["oe"] is not None:
        if _enumerates(text, s, e):
            return None
        if g["oe"] is not None and not _en_rank(text, s, e, g["oe"]):
            return None
        if g["oz"] is not None and (
            text[e : e + 2] in ("时间", "线", "手", "批") or text[e : e + 1] == "天"
        ):
            return None  # 第一时间, 第一线: idioms, not positions
        rank = parse_ordinal(m.group(0))
        return None if rank is None else _Mention("ordinal", float(rank), "ordinal", s, e)
    if g["cz"] is not None:
        if s > 0 and text[s - 1] == "第":
            return None
        raw = g["cz"]
        val = _num(raw)
        # 一个/一批/一项 are articles, not counts; a figure written 1个 is kept, and so is
        # a length of time that is measured (过去一个月, 为期一天).
        if val is None or (
            raw == "一"
            and val == 1
            and not (
                g["mw"] in ("个月", "天", "小时", "周")
                and compiled(_ONE_YEAR_LEAD).search(text[max(0, s - 3) : s])
            )
        ):
            return None
        mw = g["mw"]
        if mw == "大" and val > 10:
            return None  # 党的十六大: a congress's name, not sixteen of something (十大 is ten)
        if text[s - 1 : s] == "“" and "”" in text[e : e + 6]:
            return None  # “六个严格”, “十分钟”: the name of a slogan, not a count
        if mw == "个" and text[e : e + 1] == "字" and not raw[0].isdigit():
            return None  # “稳”“进”两个字: words of a slogan, not a count
        if raw == "四" and mw == "处" and text[e : e + 1] in _EVERYWHERE_VERBS:
            return None  # 人们四处逃散: "everywhere", not four places
        kind = "duration" if mw in _ZH_DURATION_WORDS else "count"
        if mw == "期" and text[e : e + 2] in ("工程", "项目"):
            kind = "ordinal"  # 二期工程: the second phase, not two of them
        return _Mention(kind, val, mw, s, e, qualifier=g["czq"])
    if g["czw"] is not None:
        val = _num(g["czw"].replace(" ", ""))
        if val is None or text[e : e + 1] in "元美欧英日港":
            return None
        return _Mention("count", val, "", s, e)
    if g["first"] is not None:
        return _Mention("ordinal", 1.0, "ordinal", s, e + 1)
    if g["bare"] is not None:
        return _bare(text, s, e, g["bare"])
    if g["meas"] is not None:
        if compiled(_KIND_OF).match(text, e):
            return None  # "the 10km race", "a 40GB drive": a kind of thing, not a claim
        val = _num(g["meas"])
        return None if val is None else _Mention("count", val, g["munit"], s, e)
    if g["ce"] is not None:
        if (
            g["ce"][0].isdigit()
            and (
                compiled(_IN_NAME).search(text[max(0, s - 30) : s])
                or re.search(r"(?:^|\s)[A-Z][a-z]+-[A-Z][\w'-]*\s$", text[max(0, s - 30) : s])
                or re.search(r"\b[A-Z][A-Za-z]*-$", text[max(0, s - 12) : s])  # Under-21, COVID-19
                or _opening_name(text[:s])  # "Halo 2 dropped one place", "Rapper 50 Cent"
                or _LABEL_BEFORE.search(text, max(0, s - 12), s)  # "season 1 episode 7"
            )
        ):
            return None  # Doom 3, Half-Life 2, Chapter 11: part of a name
        if (
            _named_number(text, s, g["ce"])
            or _address(text, m.start("noun"))
            or not _short_million(text, s, g["ce"])
        ):
            return None  # the Three Gorges Dam, BBC Two, 10 Downing Street
        noun = g["noun"].lower()
        raw = g["ce"].lower()
        fraction = _FRACTIONS.get(noun.rstrip("s"))
        if (
            fraction
            and raw not in ("a", "one")
            and text[e : e + 4] == " of "  # not "two quarters ahead"
            and (val := _num(raw)) is not None
        ):
            # "about two thirds of all economic activity": a share, as a percentage.
            return _Mention("percent", round(val * 100 / fraction, 1), "%", s, e)
        if noun in v.en_count_stop or (raw.isalpha() and noun in v.en_change):
            return _bare(text, s, m.end("ce"), g["ce"])
        if noun == "times" and (
            re.match(
                r"\s(?:as|more|less|higher|lower|bigger|larger|greater|the|over)\b",
                text[m.end() :],
            )
            or re.search(r"\bby\s(?:up\sto\s|about\s|around\s|some\s)?$", text[max(0, s - 16) : s])
        ):
            return None  # "three times as many", "magnify text by up to 10 times": ratios
        if (
            noun in v.en_count_stop
            or raw == "a"
            or (raw == "one" and not _one_counts(text, s, noun))
            or (raw.isalpha() and noun in v.en_change)
        ):
            return None
        val = _num(raw)
        if val is None:
            return None
        # The match ends at the noun; the counted thing is the subject, not part of the span.
        return _Mention("count", val, "", s, m.end("ce"))
    return None


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
