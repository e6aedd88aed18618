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
    _EN_SMALL,
    _EN_TENS,
    _ENW,
    _FIRST_CHARS,
    _MONTHS,
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
    zh_event_verbs: frozenset[str]
    en_non_names: frozenset[str]
    en_pronouns: frozenset[str]


def _without_extensions(words: list[str]) -> list[str]:
    """``words`` less those that start with another of them ("seventeenth" after "seven").

    In a lookahead only whether some word matches counts, and wherever a word matches, so
    does its prefix: the shorter list (261 characters instead of 544) matches exactly
    where the full one does, and compiling the pattern is most of the facts stage's cost
    on short reports.
    """
    unique = set(words)
    return [w for w in unique if not any(o != w and w.startswith(o) for o in unique)]


# What is not a letter of the pattern itself: escapes (\d, \b, \.) and group names.
_NOT_LITERAL = r"\\.|\(\?P[<=]\w+>?"


def _ci(alternative: str) -> str:
    r"""``alternative`` made case-insensitive if it spells a cased character.

    The same matches as compiling it under ``re.IGNORECASE``: that flag changes nothing for
    a character without case (digits, Chinese, signs), nor for ``\d``, ``\s``, ``\w``, ``\b``.

    Example:
        >>> _ci(r"(?P<n>\d+)日"), _ci(r"(?P<n>\d+)\sper\scent")
        ('(?P<n>\\d+)日', '(?i:(?P<n>\\d+)\\sper\\scent)')
    """
    bare = re.sub(_NOT_LITERAL, "", alternative)
    return f"(?i:{alternative})" if bare.lower() != bare.upper() else alternative


@cache
def _vocab() -> _Vocab:
    data = _data.load("facts")
    zh, en = data["zh"], data["en"]
    speech = _data.load("speech")
    measure = _alt(zh["measure_words"])
    zh_cur = _alt(zh["currencies"])
    en_cur_words = _alt([w for w in en["currencies"] if w.isalpha()])
    date_zh = (
        # Spaces between digits and 年/月/日 survive normalisation (4 月 12 日).
        rf"{_REL_YEAR}?(?:{_ZH_YEAR}\s?)?{_ZH_MON}\s?(?:{_DASH}{_ZH_MON}\s?)?月份?"
        # 11月29日至12月3日: a span of days is one date; 6月底, 5月中下旬: part of a month.
        rf"(?:\s?{_ZH_MON}\s?[日号](?:\s?(?:{_DASH}|至)\s?(?:{_ZH_MON}\s?月\s?)?{_ZH_MON}\s?[日号])?"
        rf"|初|底|末|中下旬|[上中下]旬)?(?:以来)?"
        rf"|{_REL_YEAR}?[前头](?:两|二|三|四|五|六|七|八|九|十|十一|\d{{1,2}})个月"
        rf"|{_REL_YEAR}?(?:{_ZH_YEAR})?第?[一二三四1-4]季度"
        rf"|{_REL_YEAR}?(?:{_ZH_YEAR})?[上下]半年"
        rf"|{_ZH_YEAR}(?:初|底|末)?(?:\s?(?:至|到|{_DASH})\s?{_ZH_YEAR})?(?:以来)?"
    )
    date_en = (
        rf"\b(?:{_EN_MONTH})\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s(?:19|20)\d{{2}})?\b"
        rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:{_EN_MONTH})(?:,?\s(?:19|20)\d{{2}})?\b"
        # A season: 2003-04.
        r"|\b(?:19|20)\d{2}[-–/]\d{2}\b(?![-–/]?\d)"
        rf"|\b(?:{_EN_MONTH})\s(?:19|20)\d{{2}}\b"
        r"|\bQ[1-4]\b"
        r"|\b(?:first|second|third|fourth)\squarter\b"
        r"|\b(?:19|20)\d{2}\b(?![,.]?\d|%|\spercent)"
    )
    en_ord = _alt(list(EN_ORDINALS))
    # Every English alternative below starts with one of these words: checking them once
    # per word start is far cheaper than trying each alternative at every word.
    en_starts = _alt(
        _without_extensions(
            [
                *_EN_SMALL.split("|"),
                *_EN_TENS.split("|"),
                *EN_ORDINALS,
                *_MONTHS,
                *("aged", "magnitude", "number", "no", "quarter", "half"),
            ]
        )
    )
    months_full = (
        "January|February|March|April|May|June|July|August|September|October|November|December"
    )
    # One alternative per item, in the order they are tried. Those that spell English
    # words are case-insensitive; the rest (digits, Chinese, signs) have no case, and
    # leaving the flag off them takes a fifth off compiling this pattern.
    alternatives = [
        # Decades before dates: 1980年代 would otherwise read as the year 1980.
        r"(?P<dec>(?<![\d'])(?:(?:19|20)?\d0|'\d0)s\b|(?:19|20)?\d0\s?年代)",
        # ISO first: its year would otherwise read as a bare year.
        rf"(?P<date>(?<!\d)(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}(?!\d)|{date_zh}|{_ci(date_en)})",
        rf"(?P<month>\b(?:{months_full})\b)",
        # 国资委2日在官网上回应: a day of the dateline's month (the classifier checks that
        # no 月 comes before it).
        r"(?P<zday>(?<![\d.])\d{1,2})日(?![本元报])",
        rf"\baged\s(?P<age>\d{{1,3}}|{_ENW})\b|(?P<age2>\d{{1,3}}|{_ENW})-year-old\b",
        rf"百分之(?P<pz>{_NUM})",
        # 30%到60%, 3%-3.2%: a range of percentages is one fact (its low end is the value).
        rf"(?P<pn>{_NUM}|{_ENW})\s?(?:%(?:\s?[到至~～\-–—]\s?{_AR}\s?%)?|\s?per\s?cent\b|\s?percent\b)",
        rf"(?P<pt>{_NUM}|{_ENW})\s?(?:个百分点|百分点|\s?percentage[\s-]points?\b)",
        # "a quarter of a percentage point", "half a percentage point".
        r"\b(?P<ptf>(?:a\s)?(?:quarter|half)(?:\sof)?(?:\sa)?)\spercentage[\s-]points?\b",
        rf"(?P<bpz>{_NUM})\s?个?基点",
        rf"(?P<bp>{_AR}|{_ENW})\sbasis\spoints?\b",
        r"(?P<cheng>[一二两三四五六七八九])成(?![为立功果本交员长绩就效了])",
        # 11.4 亿英镑: machine-translated text puts a space before 亿; 700余万元, 6千元.
        rf"(?P<az>{_NUM}|{_AR}\s[万亿]+)\s?(?P<azq>[余多])?(?P<azm>[千百万亿]*)(?P<azc>{zh_cur})",
        r"(?P<cur>[£$€¥])\s?(?P<ae>" + _AR + r")(?:\s?(?P<mag>bn|mn|m|k|tn|trn|billion|million|"
        r"trillion|thousand)\b)?",
        rf"\b(?P<ae2>{_AR}|{_ENW})\s?(?P<mag2>billion|million|trillion|thousand|bn|m)?\s"
        rf"(?P<cur2>{en_cur_words})\b",
        # Earthquakes: magnitude 9.0, a 9.0-magnitude quake, 8.9 on the Richter scale.
        r"\bmagnitude(?:\sof)?\s(?P<mg>\d(?:\.\d)?)\b|(?P<mg2>\d(?:\.\d)?)[\s-]magnitude\b",
        r"(?P<mg3>\d(?:\.\d)?)\son\sthe\sRichter\b",
        # Standings: world number seven, ranked No 3.
        # (world|ranked|seeded) before it is checked by the classifier: starting the match
        # there would make every word starting with w or r a candidate.
        rf"\b(?:number|no\.?)\s?(?P<rank>\d{{1,4}}|{_ENW})\b",
        # Scores (2-1); the classifier keeps only those a game or vote context surrounds.
        r"(?<![\d.\-/:])(?P<sc1>\d{1,3})\s?[-–比]\s?(?P<sc2>\d{1,3})(?![\d\-/%:]|\.\d|\s?(?:per|%))",
        rf"第(?P<oz>{_ZHN}|\d+)",
        # Index points: 上涨25.3点 (the classifier wants a market verb before it).
        rf"(?P<ipz>{_AR})点(?![钟半多])",
        rf"(?P<durz>{_ZHN}|\d{{1,2}})(?P<durq>[多几])?年(?![代级度初底末前后内来])",
        rf"(?P<cz>{_NUM})\s?(?P<czq>[余多几])?(?P<mw>{measure})",
        # 50万叙利亚人, 7.45万民众: tens of thousands of something, no measure word.
        rf"(?P<czw>{_AR}\s?[万亿])(?=[{_CJK}])",
        # 首个, 首次: a claim of being the first (首次降息, 我国首个…站).
        r"(?P<first>首)(?=[个次家位批座届])",
        rf"\b(?P<oe>{en_ord}|\d+(?:st|nd|rd|th))\b",
        # "two and a half years" is one length of time.
        rf"(?<![\w.,$£€])(?P<dur>{_AR}|{_ENW})(?P<dhalf>\sand\sa\shalf)?[\s-](?P<dunit>years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|century)\b(?!-old|\sold\b)",
        rf"(?<![\w.,$£€])(?P<ipt>{_AR})\s(?:index\s)?points?\b",
        # Measurements written with their unit: 14Mbps, 25km, 40GB.
        r"(?<![\w.,$£€])(?P<meas>\d+(?:\.\d+)?)\s?(?P<munit>[MKGT]bps|kbps|[KMGT]B|[GM]Hz|km|kg|cm|mm|mph|kph)\b",
        # "two charges", "a seven-match ban" (not "two-thirds", "one-off").
        # "1m websites": millions written short, before a plural noun.
        rf"(?<![\w.,$£€])(?P<ce>{_AR}(?:\s(?:million|billion|thousand)|(?:m|bn)(?=\s[a-z]{{2,}}s\b))?|{_ENW})(?:\s|-(?!thirds?|quarters?|halves|fifths?|off\b|way\b|fold\b))"
        # Not "a seven-match ban" read as the article "a" counting "seven-match".
        rf"[\"“]?(?P<noun>(?!(?:{_EN_SMALL}|{_EN_TENS}|hundred|thousand|million|billion|few)\b)[a-z][a-z0-9'-]+)",
        # A figure with no noun after it: "fell by 600,000.", "which killed five," (the
        # classifier keeps only those that count something).
        rf"(?<![\w.,$£€])(?P<bare>{_AR}(?:\s(?:million|billion))?|{_ENW})"
        r"(?=[.,;:!?\"”)]|\s(?:and|but|or|a|an)\b|\s[-–—]\s|$)",
    ]
    en_lead = rf"(?<![A-Za-z])(?:{en_starts}|a\b|q[1-4])"
    pattern = re.compile(
        # Fail fast: a fact starts with a digit, a Chinese numeral, 第/百分之/前/今年…, a
        # currency sign, or a word starting with a letter some English number, ordinal,
        # month name or marker (aged, magnitude, world number…) starts with.
        rf"(?=[\d{_FIRST_CHARS}£$€¥']|{_ci(en_lead)})(?:{'|'.join(map(_ci, alternatives))})"
    )
    zh_titles = re.compile(_alt(zh["titles"]))
    zh_verbs = sorted(speech["zh"], key=len, reverse=True)
    return _Vocab(
        pattern=pattern,
        zh_currency=dict(zh["currencies"]),
        en_currency=dict(en["currencies"]),
        zh_q_before=tuple(sorted(zh["qualifiers_before"], key=len, reverse=True)),
        zh_q_after=tuple(sorted(zh["qualifiers_after"], key=len, reverse=True)),
        en_q_before=tuple(sorted(en["qualifiers_before"], key=len, reverse=True)),
        zh_change=re.compile(rf"(?:{_alt(zh['change_verbs'])}|{_alt(zh['copulas'])})"),
        zh_trailers=re.compile(
            # 同比, 较去年全年, 比上年: a comparison base, not 加勒比国家 or 比重
            # (均 as "all", not the end of 平均)
            rf"(?:(?:{_alt(zh['subject_trailers'])})|(?<!平)均|(?:(?:较|比)(?=[上去前今同年月\d])[^,，;]*?))+$"
        ),
        zh_leaders=re.compile(
            # 在 leads 在…方面 but starts 在线 (online).
            rf"^(?:(?!在线)(?:{_alt(zh['subject_leaders'])})|从[{_CJK}]{{1,6}}[看来]|(?:{date_zh}))+"
        ),
        generic=frozenset(zh["generic_subjects"]),
        list_heads=tuple(sorted(zh["list_heads"], key=len, reverse=True)),
        en_change=frozenset(en["change_verbs"]),
        en_copulas=frozenset(en["copulas"]),
        en_count_stop=frozenset(en["count_stopwords"]),
        en_determiners=frozenset(en["determiners"]),
        # 简称/号称/堪称/对称/名称/职称 name things and 对…来说/可以说 frame a view: neither reports speech.
        zh_speech=re.compile(
            rf"(?<![简号堪俗统昵又对名职])(?<!来)(?<!可以)(?<!应该)(?<!就是)(?<!比如)(?<!或者)"
            rf"(?:{_alt(zh_verbs)})(?![为明])"
        ),
        zh_titles=zh_titles,
        zh_non_names=frozenset(zh["non_names"]),
        zh_event_verbs=frozenset(zh["event_verbs"]),
        en_non_names=frozenset(en["non_names"]),
        en_pronouns=frozenset(en["pronouns"]),
    )


# Words that never stand in a title before a name: pronouns, verbs of a clause, the
# prepositions that take an object.
_NOT_TITLE = (
    "(?:they|he|she|it|we|i|you|that|had|has|have|was|were|is|are|would|will|for|to|with|"
    "about|on|in|at|against)"
)


@cache
def en_speech() -> re.Pattern[str]:
    """English attributions ("X said", "according to X", "a bank spokesman said").

    Compiled apart from ``_vocab``, on the first English sentence: it takes ~5 ms, and
    a pair of Chinese reports never needs it.
    """
    speech = _data.load("speech")
    en_verbs = sorted(speech["en"] + speech["en_attribution"], key=len, reverse=True)
    name = (
        r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady)\.?\s)?[A-Z][\w'-]+"
        r"(?:\s(?:[A-Z][\w'-]+|(?:de|van|von|bin|of|for)\b)){0,4}(?:\s\([A-Z]{2,6}\))?"
        # "Mr Spitzer's office", "GM's spokesman": the possessor's body or role speaks.
        r"(?:(?<=['’]s)\s(?:office|spokesman|spokeswoman|spokesperson|lawyer|lawyers))?"
    )
    # Adverbs and auxiliaries between a speaker and the verb: "the Conservatives also said".
    adv = r"(?:(?:also|later|previously|has|have|had|then|earlier|further|recently)\s)?"
    roles = _alt(speech["en_roles"])
    # "X according to" is never X speaking; "X, the largest US retailer, has said" is.
    n1_verbs = _alt([x for x in en_verbs if x != "according to"])
    apposition = r"(?:,\s[a-z][^,;:\"“”]{2,60}+,)?"  # possessive: no backtracking
    return re.compile(
        rf"(?P<n1>{name}){apposition},?\s{adv}(?:{n1_verbs})\b"
        # Inverted attribution ends the clause: '…," said Jonathan Loynes, chief …'; not
        # "said Mr Brown would …", where Mr Brown is the subject of what was said.
        # ("said Oscars communications director John Pavlik.": the title before the name)
        # (What comes between is a title, never a clause: "said they had sympathy for Mr
        # Blunkett," names the one they spoke of.)
        rf"|\b(?:said|says|told|added)\s(?:(?!{_NOT_TITLE}\b)[A-Za-z'’-]+\s){{0,4}}?"
        rf"(?P<n2>{name})(?=\s*(?:[,.;:!?\"”]|$))"
        rf"|\b[Aa]ccording to\s(?:(?:the|a|an)\s)?(?:[a-z]+\s){{0,2}}(?P<n3>{name})"
        rf"|\b[Aa]ccording to\s(?P<role2>(?:(?:the|a|an)\s)?(?:[a-zA-Z'-]+\s){{0,2}}"
        rf"(?:{roles}))\b"
        rf"|\b(?P<pron>he|she|they|we|i|it)\s{adv}(?:{_alt(en_verbs)})\b"
        r"|\b[Aa]ccording to (?P<pron2>its|his|her|their)\b"
        # Lower-case speakers are roles and bodies: "a bank spokesman said", "analysts say".
        # Matched from the role word on (scanning every word for the words before it
        # doubled the cost); speakers.py takes the two words before it from the text.
        rf"|\b(?P<role>{roles})\s{adv}(?:{_alt(en_verbs)})\b"
    )
