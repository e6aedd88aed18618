"""What kind of figure a match is (date, percent, amount, count, ordinal…) and its value."""

from __future__ import annotations

import re

from ..numbers import parse_number, parse_ordinal
from ._base import _Mention
from ._vocab import _Vocab
from .periods import period_key


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
