"""The subject of a figure: the noun phrase naming what it measures; 分别/respectively lists."""

from __future__ import annotations

import re

from ._base import _CJK, _clause_end, _clause_start, _is_zh, _Mention
from ._vocab import _Vocab

_ZH_DIGITS = "零〇一二两三四五六七八九十百千万亿"

# --- subjects ------------------------------------------------------------------------------


_ZH_PART_OF = re.compile(
    rf"(?:\d+|[{_ZH_DIGITS}]+)[个家类项条种名座所家只件](?P<noun>[{_CJK}]{{2,12}}?)(?:中|里|当中|之中)(?:有|的)?$"
)


def _zh_subject(text: str, m: _Mention, v: _Vocab) -> None:
    cs = _clause_start(text, m.start)
    pre = text[cs : m.start - m.before_len]
    verbs = list(v.zh_change.finditer(pre))
    if verbs:
        last = verbs[-1]
        if m.kind in ("percent", "points", "amount") or last.end() == len(pre):
            word = last.group(0)
            if word not in ("为", "是", "达", "达到", "占", "实现", "在", "收于", "收报", "报收"):
                m.change = word
            pre = pre[: last.start()]
    if m.kind == "count":
        # 41个工业大类行业中有39个…: a part of a counted whole counts the same thing.
        whole = _ZH_PART_OF.search(pre)
        if whole is not None:
            m.subject = whole.group("noun")
            return
    if m.kind in ("count", "ordinal", "duration"):
        follow = _zh_follow(text, m.end)
        if follow:
            m.subject = follow
            return
    m.subject = _clean_zh(pre, v)
    if m.subject is None and (m.qualifier or m.kind == "percent"):
        m.subject = _zh_follow(text, m.end)  # 超九成工业大类…


_ZH_EVENT_LEAD = re.compile(
    r"^(?:[,，、的]|起|至今|以来|前后|期间|当天|上午|下午|晚间|晚上|早上|中午|凌晨|起来)+"
)


def zh_event(text: str, m: _Mention) -> str | None:
    """What a Chinese date or duration belongs to: the rest of its clause, or the next one.

    ``今年1月，该部…发布了《…》``: the date opens its clause, so the event is the clause
    that follows; ``会议于3月26日举行``: the words before it and after it in its clause.
    """
    ce = _clause_end(text, m.end)
    rest = _ZH_EVENT_LEAD.sub("", text[m.end : ce])
    if len(rest) < 2 and ce < len(text):
        nxt = _clause_end(text, ce + 1)
        rest = text[ce + 1 : nxt]
    cs = _clause_start(text, m.start)
    # 比去年12月增加3类, 按可比口径比2019年增长: the words that make the date a comparison
    # base or a place in time are not part of the event.
    head = re.sub("(?:比|较|与|同|在|于|从|自|至|到|截止|截至)+$", "", text[cs : m.start])
    phrase = (head[-14:] + rest).strip()
    book = phrase.find("《")
    if len(phrase) > 24 and book >= 2:
        phrase = phrase[:book]  # 发布了《…》: the act, not the long title
    phrase = phrase[:24]
    return phrase if len(phrase) >= 2 and _is_zh(phrase) else None


_ZH_FOLLOW_STOP = re.compile(
    # 中 ends the counted thing only as "among" (行业中有), not inside 中央企业; a figure
    # after it (15家中央企业2010年…) starts another phrase.
    r"基础上|之中|中(?=[有的,，、])|里|的|等|和|与|及|实现|保持|均|都|增长|增速|超过|是|有望|将|已|"
    r"[、,，;；。:：“”\d]"
)


def _zh_follow(text: str, end: int) -> str | None:
    rest = text[end : end + 24]
    if rest.startswith("是"):
        rest = rest[1:]
    if rest[:1] in ("个", "位", "名", "家", "项", "条", "批", "次", "届"):
        rest = rest[1:]  # 第五个国家级新区: the measure word, then the thing
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
        # "The CML said lending … and gross mortgage lending were 29% and 18% lower": the
        # list starts after the words that attribute it.
        subj = re.split(r"\b(?:said|says|say|told|reported|added|that)\s", subj)[-1]
        items = [it.strip() for it in _EN_LIST_SPLIT.split(subj) if it.strip()]
        items = [
            " ".join(w for w in it.split() if w.lower() not in v.en_determiners) for it in items
        ]
        if len(items) != len(group):
            continue
        for m, item in zip(group, items, strict=True):
            m.subject = item
