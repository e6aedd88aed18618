"""The subject of a figure: the noun phrase naming what it measures; 分别/respectively lists."""

from __future__ import annotations

import re

from .._regex import compiled
from ._base import _CJK, _clause_end, _clause_start, _is_zh, _Mention
from ._vocab import _Vocab

_ZH_DIGITS = "零〇一二两三四五六七八九十百千万亿"

# --- subjects ------------------------------------------------------------------------------


# Compiled only for a clause ending as it must (see _part_of): its class of the Chinese
# ideographs costs ~1.4 ms to compile.
_ZH_PART_OF = rf"(?:\d+|[{_ZH_DIGITS}]+)[个家类项条种名座所家只件](?P<noun>[{_CJK}]{{2,12}}?)(?:中|里|当中|之中)(?:有|的)?$"


def _part_of(text: str) -> re.Match[str] | None:
    """``_ZH_PART_OF.search(text)``: a match ends with 中 or 里, maybe with 有 or 的 after it,
    at the end or before a final newline."""
    end = text[:-1] if text.endswith("\n") else text
    if end[-1:] in ("中", "里") or (end[-1:] in ("有", "的") and end[-2:-1] in ("中", "里")):
        return compiled(_ZH_PART_OF).search(text)
    return None


# Words after a subject that say how sure, when or how much, not what: 预计…将增长, 也将,
# 仍然会, 更明显低于. Chinese writes them between the subject and its verb, so a run of them
# at the end of the words before a figure is cut, and the first one ends a clause's subject.
_ZH_MODAL_WORDS = (
    "预计|预测|估计|有望|或将|将会|仍然|仍将|已经|可能|将|会|也|仍|还|已|再|又|(?<!平)均|都|"
    "更|明显|显著|大幅|略|稍|较|进一步|普遍|基本|大多"
)
_ZH_MODAL_TAIL = re.compile(f"(?:{_ZH_MODAL_WORDS})+$")
_ZH_NOUN_SUFFIX = frozenset("率幅速额量值")
_ZH_QUOTE_VERB = re.compile("(?:收盘)?报$")
_ZH_MODAL_HEAD = re.compile("^(?:据预测|预计|预测|估计)")
# 中金公司预计贷款增量…: who forecasts stands before the forecast verb, what is forecast
# after it; the subject is the latter.
_ZH_FORECASTER = re.compile("^[^，,]{2,12}?(?:预计|预测|估计)(?=[^，,]{2})")
# A figure inside a subject is another claim's value or a comparison base: 从2011年的7.1%,
# 在2012年, 比上年. It goes, with the word that introduces it and a following 的.
_ZH_FIGURE_LEAD = re.compile(
    "(?:(?<![同环])比|较|与|(?<!比)同|在|于|从|自|由|到|至|截至|截止|低于|高于)$"
)


def _zh_without(text: str, start: int, end: int, others: list[_Mention]) -> str:
    """``text[start:end]`` without the other figures in it, nor their lead-in words."""
    out = []
    at = start
    removed = False
    for o in sorted(others, key=lambda o: o.start):
        if o.end <= start or o.start >= end:
            continue
        piece = text[at : max(at, o.start - o.before_len)]
        if removed and piece in ("和", "与", "及", "、", "或", "至", "到", "—", "-"):
            piece = ""  # 在2011年下半年和2012年上半年: nothing of the list is left
        out.append(_ZH_FIGURE_LEAD.sub("", piece))
        removed = True
        at = min(end, o.end)
        if text.startswith("的", at) and at < end:
            at += 1
    out.append(text[at:end])
    return "".join(out)


def _zh_subject(text: str, m: _Mention, v: _Vocab, others: list[_Mention] | None = None) -> None:
    cs = _clause_start(text, m.start)
    pre = _zh_without(text, cs, m.start - m.before_len, others or [])
    said = list(v.zh_speech.finditer(pre))
    if said:
        pre = pre[said[-1].end() :]  # 报告称中国经济增长…: the subject follows the verb of saying
    # 增长率, 增幅: a change verb that a noun suffix follows is part of the subject.
    verbs = [
        x for x in v.zh_change.finditer(pre) if pre[x.end() : x.end() + 1] not in _ZH_NOUN_SUFFIX
    ]
    obj = None
    if verbs:
        last = verbs[-1]
        if m.kind in ("percent", "points", "amount") or last.end() == len(pre):
            word = last.group(0)
            if word not in ("为", "是", "达", "达到", "占", "实现", "在", "收于", "收报", "报收"):
                m.change = word
                # 下调基准利率25个基点, 节省利率625亿元: a verb of change with an
                # object before the figure changes that object.
                obj = _ZH_OBJECT.fullmatch(pre, last.end())
            pre = pre[: last.start()]
    if obj is not None and not v.zh_change.search(obj.group("noun")):
        m.subject = _clean_zh(obj.group("noun"), v)
        if m.subject is not None:
            return
    if m.kind == "count":
        # 30个省份中有28个…: a part of a counted whole counts the same thing.
        whole = _part_of(text[cs : m.start - m.before_len])
        if whole is not None:
            m.subject = whole.group("noun")
            return
    if m.kind == "count" and m.unit in _ZH_PEOPLE:
        named = _ZH_NAME_LIST.search(text[cs : m.start - m.before_len])
        if named is not None:
            m.subject = named.group(0)  # 阿港、小强和阿钊三人: the people just named
            return
        if text.startswith("被", m.end):
            # 3人被捕, 其中3人被送往医院救治: what was done to them.
            m.subject = text[m.end : _clause_end(text, m.end)][:10] or None
            return
    if m.kind in ("count", "ordinal", "duration"):
        follow = _zh_follow(text, m.end, v.zh_event_verbs)
        if follow and m.unit in _ZH_PEOPLE and not compiled(_ZH_PERSON_END).search(follow):
            if not _ZH_FOR.search(text, max(0, m.start - m.before_len - 8), m.start - m.before_len):
                # 1人死亡，6人受伤, 两人伤情危及生命: the people are counted by what
                # happened to them.
                m.subject = follow
                return
            # 为11万人提供粮食援助: 人 counts people, and what follows is what is done
            # for them; 500名日本警察 names who they are.
            m.subject = m.unit
            return
        if follow:
            m.subject = follow
            return
        if m.kind == "count" and (rel := compiled(_ZH_RELATIVE_NOUN).match(text, m.end)):
            m.subject = rel.group("noun")  # 四只在戈壁上散步的骆驼: the camels
            return
    if m.kind == "amount" and (money := compiled(_ZH_MONEY_NOUN).match(text, m.end)):
        m.subject = money.group("noun")  # 2万元的存款, 6000余元违约金: what the money is
        return
    if m.kind == "amount" and text.startswith("的", m.end):
        # 全国300亿元的总额度, 300万元以上的客户: the amount describes what follows 的.
        follow = _zh_follow(text, m.end + 1, v.zh_event_verbs)
        if follow:
            m.subject = follow
            return
    pre = _ZH_MODAL_HEAD.sub("", _ZH_MODAL_TAIL.sub("", _ZH_FIGURE_LEAD.sub("", pre)))
    pre = _ZH_FORECASTER.sub("", pre)
    if m.kind == "percent" and text.startswith("的", m.end):
        # 淘汰了40%的乳制品企业, 用电量最多的5%的高收入家庭: the figure is a share of
        # what follows it.
        follow = _zh_follow(text, m.end + 1, v.zh_event_verbs)
        if follow:
            m.subject = follow
            return
    pre = _ZH_QUOTE_VERB.sub("", pre)  # 上证指数报2308.55点, 收盘报9.30元
    if m.kind in ("count", "amount") and "、" in pre and not pre.endswith("等"):
        pre = pre[pre.rfind("、") + 1 :]  # 餐馆、供餐人数500人: the item next to the figure
    if m.kind == "count":
        pre = zh_object(pre, v.zh_event_verbs)
    m.subject = _clean_zh(_ZH_MODAL_TAIL.sub("", pre), v)
    if m.subject is None and text.startswith("的", m.end):
        m.subject = _zh_follow(
            text, m.end + 1, v.zh_event_verbs
        )  # 低于7.5%的增长率: what the figure is of
    if m.subject is None and (m.qualifier or m.kind == "percent"):
        m.subject = _zh_follow(text, m.end, v.zh_event_verbs)  # 超八成受访企业…
    if m.subject is None and cs > 0:
        # ，从6.1%降至5.6%: a clause without a subject continues the one before it.
        m.subject = _zh_clause_subject(text[_clause_start(text, cs - 1) : cs - 1], v)


# The object between a verb of change and its figure: two to eight characters of a noun.
_ZH_OBJECT = re.compile(r"了?(?P<noun>[\u4e00-\u9fff]{2,8})")

_ZH_SUBJECT_END = re.compile(f"{_ZH_MODAL_WORDS}|[为是达在于从将对]")


def _zh_clause_subject(clause: str, v: _Vocab) -> str | None:
    """The subject a clause opens with: its words up to the first modal, verb or figure."""
    clause = v.zh_leaders.sub("", clause.strip())
    cut = len(clause)
    for pat in (_ZH_SUBJECT_END, v.zh_change):
        for hit in pat.finditer(clause):
            if clause[hit.end() : hit.end() + 1] not in _ZH_NOUN_SUFFIX:  # 增长率 is a noun
                cut = min(cut, hit.start())
                break
    digit = re.search(r"\d", clause)
    if digit is not None:
        cut = min(cut, digit.start())
    return _clean_zh(clause[:cut], v) if cut >= 2 else None


_ZH_NOUN_AFTER_VERB = frozenset("会者人量额率方商员厅站点")


def zh_object(phrase: str, verbs: frozenset[str]) -> str:
    """What a verb before a count acts on: 质检总局共监测食品样品11万个 counts 食品样品.

    The words after the last event verb, when there are at least two of them; a phrase
    with no such verb is left whole.
    """
    for i in range(len(phrase) - 4, 1, -1):
        if phrase[i : i + 2] in verbs and phrase[i + 2 : i + 3] not in _ZH_NOUN_AFTER_VERB:
            return phrase[i + 2 :]
    return phrase


_ZH_AGE_BEFORE = re.compile(r"^\d{1,3}岁")
_ZH_FOLLOW_STOP = re.compile(
    # 中 ends the counted thing only as "among" (行业中有), not inside 中央企业; a figure
    # after it (15家中央企业2010年…) starts another phrase.
    r"基础上|之中|中(?=[有的,，、])|里|的|等|和|与|及|实现|保持|均|都|增长|增速|超过|是|有望|将|已|"
    # verbs that follow the counted thing: 第26次南极考察队乘雪龙号出征
    r"乘|被|把|赴|前往|进行|开展|举行|召开|出征|参加|抵达|降至|升至|增至|下降|上升|下滑|在(?!线)|"
    r"[、,，;；。:：“”()（）\d]"
)


def _zh_follow(text: str, end: int, verbs: frozenset[str]) -> str | None:
    rest = _ZH_AGE_BEFORE.sub("", text[end : end + 28])[:24]  # 1名25岁男子: the man
    if rest.startswith("是"):
        rest = rest[1:]
    if rest[:1] in (
        "个",
        "位",
        "名",
        "家",
        "项",
        "条",
        "批",
        "次",
        "届",
        "档",
        "代",
        "波",
        "轮",
        "季",
        "期",
    ):
        rest = rest[
            1:
        ]  # 第五个国家级新区, 第一档电量, 第四期国债: the measure word, then the thing
    if rest[:1] in ("“", "《", '"'):
        close = rest.find("”" if rest[0] == "“" else "》" if rest[0] == "《" else '"', 1)
        if close > 2:
            return rest[1:close]  # 第一个“南极特别保护区”: the quoted name is the thing
    stop = _ZH_FOLLOW_STOP.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    # 13家中止审查企业: a phrase that opens with a verb names a kind of thing, whole.
    for i in range(2, len(phrase) - 1) if phrase[:2] not in verbs else ():
        if phrase[i : i + 2] in verbs and phrase[i + 2 : i + 3] not in _ZH_NOUN_AFTER_VERB:
            phrase = phrase[:i]  # 3家拟上市企业进入候审队伍: the firms, not what they do
            break
    head = _ZH_HEAD_NOUN.search(phrase, 1)
    if head is not None and head.end() < len(phrase):
        # 叙利亚人需要人道主义援助, 南极考察队乘雪龙号: the counted people or body end at
        # the noun that names them; what follows is what they do.
        phrase = phrase[: head.end()]
    return phrase if len(phrase) >= 2 and _is_zh(phrase) else None


# After a count, a relative clause and then the thing counted: 四只在戈壁上散步的骆驼 (not
# a place or time: 九人在友人的支持下).
# (These two compile on first use: a class of the ideographs is slow to compile.)
_ZH_RELATIVE_NOUN = (
    rf"[^，,。；;：:！？!?“”\d]{{1,14}}?的(?P<noun>[{_CJK}]{{2,4}}?)(?<![下中上里时])"
    rf"(?=[，,。；;、：:！？!?就都也在将已被]|$)"
)
# After an amount, a noun naming a kind of money: 2万元的存款, 6000余元违约金, 2万元钱.
_ZH_MONEY_NOUN = rf"的?(?P<noun>[{_CJK}]{{0,4}}(?:额度|[金款费钱资税租薪额]))"
_ZH_PEOPLE = frozenset({"人", "名", "位", "人次"})
# Two to six short names in a list, right before a count of people (张三和李四等5人).
_ZH_NAME_LIST = re.compile(r"(?:[\u4e00-\u9fff]{2,3}[、和]){1,5}[\u4e00-\u9fff]{2,3}(?=等?$)")
# Before a count of people who receive what the verb after them does (为11万人提供援助).
_ZH_FOR = re.compile("(?<!成)(?:为|向|给|对|帮|替)[^，,。；;！？!?]{0,6}$")
_ZH_PERSON_END = "(?:警察|[人者员队民众户军兵子女童生师手官客工士])$"
_ZH_HEAD_NOUN = re.compile("(?:警察|人|者|员|队|民|众|户|军|兵|士|子)")


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
_WORD = r"[A-Za-z][\w'’-]*"
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
        words = compiled(_WORD).findall(text[m.end : m.end + 60])
        phrase: list[str] = []
        for w in words[:4]:
            if w.lower() in v.en_count_stop or w.lower() in _EN_BREAK_WORDS:
                break
            phrase.append(w)
        if phrase:
            m.subject = " ".join(phrase)
            return
    cs = _clause_start(text, m.start)
    pre_words = compiled(_WORD).findall(text[cs : m.start])
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


_EN_LIST_SPLIT = r",\s*(?:and\s+)?|\s+and\s+"


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
        words = compiled(_WORD).findall(pre)
        verb_at = next(
            (
                i
                for i in range(len(words) - 1, -1, -1)
                if (words[i].lower() in v.en_change or words[i].lower() in v.en_copulas)
                # "will rise by 9.4% and 8.1%": the verb, not the preposition after it
                and words[i].lower() not in ("of", "at", "to", "by")
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
        items = [it.strip() for it in compiled(_EN_LIST_SPLIT).split(subj) if it.strip()]
        items = [
            " ".join(
                w
                for w in it.split()
                # "education will rise by …": the auxiliary is no part of the item.
                if w.lower() not in v.en_determiners and w.lower() not in _EN_AUXILIARIES
            )
            for it in items
        ]
        if len(items) != len(group):
            continue
        head = re.match(r"(\S+\s(?:on|of|in|for)\s)\S+$", items[0])
        if head and all(len(it.split()) == 1 for it in items[1:]):
            # "Spending on health and education will rise by 9.4% and 8.1% respectively".
            items = [items[0], *(head.group(1) + it for it in items[1:])]
        for m, item in zip(group, items, strict=True):
            m.subject = item
