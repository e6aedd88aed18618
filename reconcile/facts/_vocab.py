"""The compiled patterns and word sets of the facts stage, built once from ``data/*.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import _data
from ..numbers import EN_ORDINALS
from ._base import (
    _AR,
    _CJK,
    _DASH,
    _EN_MONTH,
    _ENW,
    _FIRST_CHARS,
    _NUM,
    _REL_YEAR,
    _ZH_MON,
    _ZH_YEAR,
    _ZHN,
    _alt,
)


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
