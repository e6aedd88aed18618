"""Chinese events: what a date, duration or age belongs to (facts stage).

A date names the event it dates (游行示威, 建成南极内陆考察站); a length of time, the
predicate it measures (汤灿被判); an age, the person. The noun-phrase helpers they share
with figures' subjects live in :mod:`.subjects`.
"""

from __future__ import annotations

import re

from .._regex import compiled
from ._base import _CJK, _clause_end, _clause_start, _is_zh, _Mention
from ._vocab import _Vocab
from .subjects import (
    _ZH_MODAL_HEAD,
    _ZH_MODAL_WORDS,
    _ZH_NOUN_AFTER_VERB,
    _clean_zh,
    _zh_clause_subject,
    _zh_follow,
    _zh_without,
)

_ZH_STARTS_WITH_VERB = re.compile(f"(?:{_ZH_MODAL_WORDS}|继续)")
_ZH_EVENT_BASE = re.compile("(?:从|比|较|与|到|至|低于|高于)$")
# A prepositional phrase after an event's subject says where, how or by whom.
_ZH_EVENT_PP = re.compile("在[^，,]{2,12}(?:下|中|上|里|时|后|前)")
_ZH_SAID = re.compile("(?:报告|报道|消息)?(?:称|说|表示|指出|认为|预测|预计)")


# Words that finish a date or a time of day rather than start its event: 6月底前, 2009年初,
# 5月中下旬, 3月26日上午10时许, 以来, 期间.
_ZH_EVENT_LEAD = re.compile(
    r"^(?:[,，、的]|初|底|末|中(?![国央])|内|里|中下旬|上中旬|[上中下]旬|[上下]半年|前后|以前|之前|前|起|至今|以来|期间|"
    r"当天|上午|下午|晚间|晚上|早上|中午|凌晨|起来|\d{1,2}[时点:：](?:\d{1,2}分?)?许?|左右|许)+"
)
# Forecast and modal words inside an event phrase: 中国经济预计将增长 -> 中国经济增长.
_ZH_EVENT_MODAL = re.compile(
    "据预测|预计|预测|估计|有望|或将|将会|仍然会|仍将|已经|可能|(?<!即)将(?!军|领)"
)


def zh_event(text: str, m: _Mention, v: _Vocab, others: list[_Mention] | None = None) -> str | None:
    """What a Chinese date or duration belongs to: the rest of its clause, or the next one.

    ``今年1月，该部…发布了《…》``: the date opens its clause, so the event is the clause
    that follows; ``会议于3月26日举行``: the words before it and after it in its clause.
    Other figures and forecast words leave the phrase (``2012年中国经济预计将增长8.3%`` ->
    中国经济增长); a date that is a comparison base (``从2011年的6.9%降至4%``) dates the
    clause's subject.
    """
    if m.kind == "age":
        if text.startswith("的", m.end):
            # 今年28岁的胡先生: the person the age describes follows 的.
            return _zh_follow(text, m.end + 1, v.zh_event_verbs) or zh_person(text, m.start, v)
        if _is_zh(text[m.end : m.end + 1]):
            return _zh_follow(text, m.end, v.zh_event_verbs)  # 一名13岁少年: who follows
        return zh_person(text, m.start, v)
    others = [o for o in (others or []) if o is not m]
    rest = ""
    at = m.end
    cs = _clause_start(text, m.start)
    opens = not text[cs : m.start].strip(" 在于从自截至今过去近最")
    for _ in range(3):
        # Times of day and brackets after a date (今天（11月29日）上午11:15，…) are skipped
        # to the clause that says what happened; a date that ends its clause after the
        # event (汤灿被判15年，…) does not reach into the next one.
        lead = _ZH_EVENT_LEAD.match(text[at:])
        at += lead.end() if lead else 0
        ce = _clause_end(text, at)
        close = {"“": "”", "《": "》"}.get(text[ce : ce + 1])
        if (
            close is not None
            and text[ce - 2 : ce] in v.zh_event_verbs
            and (shut := text.find(close, ce, ce + 30)) > 0
        ):
            ce = _clause_end(text, shut + 1)  # 举办“叙利亚之友”会议: a quoted name is an object
        rest = _ZH_EVENT_LEAD.sub("", _zh_without(text, at, ce, others))
        if len(rest) >= 2 or ce >= len(text) or not opens:
            break
        at = ce + 1
    if _ZH_EVENT_BASE.search(text[cs : m.start]) and text.startswith("的", m.end):
        own = _ZH_MODAL_HEAD.sub("", _zh_without(text, cs, m.start, others))
        subj = _zh_clause_subject(own, v)
        if subj is None and cs > 0:
            subj = _zh_clause_subject(text[_clause_start(text, cs - 1) : cs - 1], v)
        if subj is not None:
            return subj  # 增长率将从2011年的6.9%降至4%: the year dates the clause's subject
    if (
        m.kind == "duration" or re.match("^(?:为期|长达|历时)$", text[max(0, cs) : m.start][-2:])
    ) and text.startswith("的", m.end):
        follow = _zh_follow(text, m.end + 1, v.zh_event_verbs)
        if follow:
            return follow  # 为期一年的增持计划: the length of the plan
    # 比去年12月增加3类, 按可比口径比2019年增长: the words that make the date a comparison
    # base or a place in time are not part of the event.
    head = re.sub(
        "(?:比|较|与|同|在|于|从|自|至|到|截止|截至|为期|长达|历时)+$",
        "",
        _zh_without(text, cs, m.start, others),
    )
    said = list(_ZH_SAID.finditer(head))
    if said:
        head = head[said[-1].end() :]  # 报告称预测2012年…: what is said, not the saying
    before = _clean_zh(head, v) or ""
    within = m.kind == "duration" and text.startswith(("内", "之内", "以内"), m.end)
    if within and len(rest) >= 2:
        head = ""  # 20分钟内被一抢而空, 2-8天内感觉不适: what happened within that time
    took = _ZH_TOOK.search(head) if m.kind == "duration" else None
    if took is not None and took.start() >= 2:
        head, rest = head[: took.start()], ""  # 从发行到售罄仅用了约20分钟: what took it
    elif (
        m.kind == "duration"
        and not within
        and len(before) >= 2
        and not _ZH_SPAN_LEAD.search(before)
    ):
        # 汤灿被判15年，…, 从业26年，对待病人…: a length of time measures what comes before
        # it; what follows is another predicate.
        rest = ""
    phrase = _ZH_EVENT_MODAL.sub("", head[-20:] + rest).strip()
    if not head and cs > 0 and (_ZH_STARTS_WITH_VERB.match(rest) or v.zh_change.match(rest)):
        # 2013年将增长4.8%: an event without its own subject goes on the clause before.
        prior = _zh_clause_subject(text[_clause_start(text, cs - 1) : cs - 1], v)
        phrase = (prior or "") + phrase
    for _ in range(3):
        pp = _ZH_EVENT_PP.search(phrase, 2)
        if pp is None or pp.end() >= len(phrase):
            break
        # 劳工在日本国会前游行示威: the event is who did what, not where it happened.
        phrase = phrase[: pp.start()] + phrase[pp.end() :]
    # 今年高考成绩…发布: a word of time at the head places the event, it is not part of it.
    phrase = zh_predicate(_ZH_TIME_HEAD.sub("", phrase), v.zh_event_verbs)
    compare = _ZH_EVENT_COMPARE.search(phrase, 4)
    if compare is not None:
        # 东亚地区的经济增长高于其它地区, 购房者数量会继续增加: the year dates the thing
        # compared or forecast; how it compares is the claim's, not the event's name.
        phrase = phrase[: compare.start()].rstrip("的和与及")
    book = phrase.find("《")
    if len(phrase) > 24 and book >= 2:
        phrase = phrase[:book]  # 发布了《…》: the act, not the long title
    phrase = phrase[:24]
    return phrase if len(phrase) >= 2 and _is_zh(phrase) else None


# The time something took: 用了, 仅用, 花了, 耗时 (and the adverbs before them).
_ZH_TOOK = re.compile(
    "(?:也|都|仅|只|才)*(?:用了|用|花了|花|耗时|历时|费时)(?:了)?(?:约|近|大约)?$"
)
# 过去1个月, 未来三年, 连续3个月, 如何在52周内: words that place a length of time, not what it measures.
_ZH_SPAN_LEAD = re.compile(
    "(?:过去|最近|近|今后|未来|此前|之前|以前|前|后|在|于|的|内|连续|持续|累计|共|已)$"
)
_ZH_EVENT_COMPARE = re.compile("高于|低于|多于|少于|有所|继续|仍然|仍将|会继续|将会|可能会")
# An event phrase this long names who did it as well as what happened.
_ZH_LONG_EVENT = 6
_ZH_TIME_HEAD = re.compile("^(?:今年|去年|明年|前年|目前|日前|近日|今天|昨天|明天|当天|此前|随后)")


def zh_predicate(phrase: str, verbs: frozenset[str]) -> str:
    """A long event phrase from its first event verb on: 劳工索赔团一行游行示威 -> 游行示威.

    The agent before the verb is left out because a reader names an event by what
    happened; a verb at the very start has no agent to drop. 被 and 将 before the verb
    belong to it (被终止审查). Looked up two characters at a time, not by a regex, so the
    list costs nothing to compile.
    """
    if len(phrase) <= _ZH_LONG_EVENT:
        return phrase
    if phrase[:1] in "为向对给" and phrase[1:3] in verbs:
        phrase = phrase[1:]  # 为11万人提供援助 without its figure: 为 is no agent
    for i in range(2, len(phrase) - 1):
        if phrase[i + 2 : i + 3] in _ZH_NOUN_AFTER_VERB:
            continue  # 发布会, 投资者, 报告人: the verb starts a noun here
        if phrase[i : i + 2] in verbs or phrase[i] in verbs:
            start = i - 1 if phrase[i - 1] in "被将" else i
            rest = phrase[start:]
            return rest if len(rest) >= 2 else phrase
    return phrase


# Between a name and its age: 陈龙，男，24岁; 邢某某（女，22岁）.
# 男子今年49岁, 现年58岁: the words that say when the age holds come between them too.
_ZH_AGE_GAP = re.compile(
    r"[\s,，、(（]*(?:[男女][\s,，、]*)?(?:今年|现年|时年|年仅|当年|已经|已)?$"
)
# What comes before a name: a title, a role, 系/是 (该女子系淄博市人邢某某).
_ZH_BEFORE_NAME = re.compile("(?:嫌疑人|男子|女子|老人|患者|死者|伤者|司机|工人|系|是|叫|名为|人)")


def zh_person(text: str, start: int, v: _Vocab) -> str | None:
    """Whose age ``text[start:]`` gives: the name written just before it."""
    before = text[max(0, start - 30) : start]
    before = before[: len(before) - len(_ZH_AGE_GAP.search(before).group(0))]  # type: ignore[union-attr]
    run = compiled(f"[{_CJK}·]+$").search(before)
    if run is None:
        return None
    words = run.group(0)
    cuts = [x.end() for x in _ZH_BEFORE_NAME.finditer(words)]
    cuts += [x.end() for x in v.zh_titles.finditer(words)]
    name = words[max(cuts) :] if cuts and max(cuts) < len(words) - 1 else words[-4:]
    return name if len(name) >= 2 else None
