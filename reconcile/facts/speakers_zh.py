"""Who states a Chinese sentence: X表示/说, X对记者说, 据X…, X数据显示, X预计 (facts stage).

:mod:`.speakers` decides how far an attribution reaches; this module only finds the one
a sentence makes.
"""

from __future__ import annotations

import re

from .._regex import compiled
from ._base import _CJK
from ._vocab import _Vocab

_PRONOUN = "\x00"  # marks "he said": the speaker is the person last named

_ZH_LOCATIVE = re.compile(
    r"在[^，,。;；“”\"]{1,30}$|(?:也|还|则|进一步|同时|对此|曾|并|再次|近日|今天|日前)+$"
)
# X发布的情况介绍/通报/声明 speaks for X.
# (Compiled on first use, as the ideograph class is slow to compile: see _zh_run.)
_ZH_ISSUED = (
    rf"(?P<who>[{_CJK}]{{2,10}}?)(?:事后|随后|日前|当天|昨天|今天)?(?:发布|发出|公布|发表)的"
    rf"(?:情况介绍|情况通报|通报|声明|公告|消息|报告)$"
)
# 鲁政委（微博）预计, 李明（左）说: a portal's link or a caption's aside between a name and
# its verb is not part of either.
_ZH_WHEN = re.compile(
    r"(?:\d{1,2}月)?\d{1,2}[日号](?:上午|下午|晚间|晚上|早间|凌晨|中午|傍晚)?$"
    r"|(?:上午|下午|晚间|晚上|凌晨)$"
)
_ZH_ASIDE = re.compile(r"\s*[（(][^（）()]{1,6}[）)]\s*$")


def _zh_run(pre: str) -> str | None:
    """The run of Chinese characters and 、 that ends ``pre`` (``[一-鿿、]+$``), or None.

    Checked in Python: the character class of the 21,000 ideographs costs ~1.4 ms to
    compile, more than this function spends on a whole report. As with ``$``, the run may
    end before one final newline.
    """
    end = len(pre) - 1 if pre.endswith("\n") else len(pre)
    k = end
    while k and ("\u4e00" <= pre[k - 1] <= "\u9fff" or pre[k - 1] == "、"):
        k -= 1
    return pre[k:end] or None


_ZH_ADVERBS = re.compile(
    "(?:就|也|都|还|又|则|才|曾|再|更|已|已经|随后|此前|近日|日前|昨日|今日|昨天|今天|当天|当日|"
    "陆续|相继|先后|本周|本月|近期|明确|中明确)+$"
)
# Connectives before a speaker: 但是他说 is 他, 而来自协会的X is X.
_ZH_CONNECTIVE = re.compile("^(?:但是|但|而且|而|所以|因此|不过|并且|并|同时|来自)+")
# A run ending in these is a phrase of narration, not a name ("只能说", "这个…说明").
_ZH_NOT_SPEAKER = re.compile(
    "(?:这个|那个|这|那|只能|可以|不能|应该|可能|不得不|必须|能|会|要|将|该|我们|你|人们|大家|一般|不难|有|可|"
    # 换句话说, 所以说, 很难说, 或是说: a way of putting it; a run ending in 的 is a modifier.
    "换句话|所以|或是|或者|很难|及时|因此|就是|还是|也是|最新|领先|回复|的|正|消息|为了|"
    # 经济数据…公布: data are published, they do not speak (数据显示 is read apart).
    "数据)$"
)


# X对记者说 / X对《…》记者介绍说: the speaker comes before 对, with their title.
# Both patterns open with a class of the Chinese ideographs, ~1.4 ms each to compile; they
# are compiled only for a text where the rest of the pattern occurs (_ZH_TOLD_TAIL, 显示),
# which most reports never have.
_ZH_TOLD_TAIL = re.compile(
    r"(?<![反相针面绝应])[对向](?![称])[^，,。；;“”\"]{0,24}?(?:记者|媒体|本报)?(?:表示|说|介绍|透露|指出|称)"
)
_ZH_TOLD = rf"(?P<who>[{_CJK}]{{2,24}}){_ZH_TOLD_TAIL.pattern}"
# 卓创资讯统计数据显示: the source of the data states the figures.
_ZH_DATA_SHOWS = rf"(?P<src>[{_CJK}]{{2,12}}?)(?:的)?(?:(?:统计|监测|调查)?数据|信息|资料|报告|结果|公告|研究)显示"


def _zh_told(text: str) -> re.Match[str] | None:
    if _ZH_TOLD_TAIL.search(text) is None:
        return None
    return compiled(_ZH_TOLD).search(text)


def _zh_data_shows(text: str) -> re.Match[str] | None:
    return compiled(_ZH_DATA_SHOWS).search(text) if "显示" in text else None


# Financial news attributes forecasts with these verbs (鲁政委预计, 机构预测): the facts stage
# takes their subject as the speaker only where it is a name, a role or a body.
_ZH_FORECAST = re.compile("(?:预计|预测|估计|判断|测算)")
# A run ending in these is the thing forecast (销售额预计), not who forecasts it.
_ZH_NOT_NAME_END = (
    "[额率量值数价长业品费年月日天周期度]$|今年|明年|全年|同比|环比|"
    "(?:经济|市场|指数|物价|收入|投资|消费|出口|进口|规模|利润|增速|水平|形势|走势|地区|国家)$"
)


def _zh_speaker(text: str, v: _Vocab) -> str | None:
    told = _zh_told(text)
    if told is not None:
        who = told.group("who")
        titles = list(v.zh_titles.finditer(who))
        name = who[titles[-1].end() :] if titles else who[-4:]
        if titles and not name and titles[-1].start() > 0:
            name = who[titles[-1].start() - 1 :]  # 潘主任向记者表示: surname and title
        if 2 <= len(name) <= 4 and not _ZH_NOT_SPEAKER.search(name):
            return name
    shows = _zh_data_shows(text)
    if shows is not None and shows.group("src") in ("有关", "相关"):
        return shows.group("src") + "数据"  # 有关数据显示: the data are the source named
    if shows is not None and shows.group("src") not in v.zh_non_names:
        return _ZH_SOURCE_TAIL.sub("", shows.group("src")) or None
    said = _zh_said_by(text, v, v.zh_speech)
    if said is not None:
        return said
    forecast = _zh_said_by(text, v, _ZH_FORECAST)
    if (
        forecast is not None
        and forecast != _PRONOUN
        and not compiled(_ZH_NOT_NAME_END).search(forecast)
    ):
        return forecast
    return None


# After a title, the name: two or three characters before what the person does.
_ZH_NAME_AFTER_TITLE = re.compile(
    r"(?P<name>[\u4e00-\u9fff]{2,3}?)(?=[持在对也表认说指称介强透,，的就还则])"
)


def _titled_name(text: str, v: _Vocab) -> str | None:
    """The name after the last title in ``text`` (…副总裁胡景晖持…), if there is one."""
    titles = list(v.zh_titles.finditer(text))
    if not titles:
        return None
    m = _ZH_NAME_AFTER_TITLE.match(text, titles[-1].end())
    return m.group("name") if m else None


def _zh_said_by(text: str, v: _Vocab, verbs: re.Pattern[str]) -> str | None:
    """The speaker named before one of ``verbs`` in ``text``, or ``None``."""
    for m in verbs.finditer(text):
        pre = text[max(0, m.start() - 40) : m.start()]
        pre = _ZH_ASIDE.sub("", pre)
        pre = _ZH_WHEN.sub("", pre)  # 苏贞昌2日表示, 央行7日晚间宣布: the name before the day
        pre = _ZH_LOCATIVE.sub("", pre)
        pre = _ZH_LOCATIVE.sub("", pre)
        pre = _ZH_WHEN.sub("", pre)  # 央行6月5日也宣布: the day before the adverb
        run = _zh_run(pre)
        if not run:
            continue
        # 李朝林就…说, 他也表示: adverbs between the speaker and the verb.
        words = _ZH_CONNECTIVE.sub("", _ZH_ADVERBS.sub("", run.strip("、")))
        issued = compiled(_ZH_ISSUED).search(words) if "的" in words else None
        if issued is not None and len(issued.group("who")) >= 2:
            return issued.group("who")  # 警方事后发布的情况介绍说: the police, by their notice
        if words in ("他", "她", "他们", "她们", "其"):
            # 副总裁胡景晖持类似观点，他认为: the person this sentence names by title;
            # 但是他说: whoever was named last.
            return _titled_name(text[: m.start()], v) or _PRONOUN
        if (
            not words
            or words in v.zh_non_names
            or words[-1] in "据"
            or _ZH_NOT_SPEAKER.search(words)
        ):
            continue
        if _COUNTED.search(pre) and compiled(_ZH_ROLE).search(words):
            continue  # 六成网友称, 23%的网友表示: a share of those polled, not a speaker
        titles = list(v.zh_titles.finditer(words))
        if titles:
            name = words[titles[-1].end() :]
            if 2 <= len(name) <= 4 and not v.zh_speech.fullmatch(name):
                return name
            if not name:
                return words[-12:]
            continue
        if 2 <= len(words) <= 4 and not any(words.startswith(n) for n in v.zh_non_names):
            return words
        role = compiled(_ZH_ROLE).search(words)
        if role is not None:
            # 有银行业内人士表示, 上述…人士指出, 区国土资源管理分局负责人称
            # 车内的一位战士说: who they are, after what the reporter says of them.
            who = role.group(0).rsplit("的", 1)[-1]
            return re.sub("^(?:有|上述|该|一位|一名|多位|多名)", "", who) or None
        org = compiled(_ZH_ORG).search(words)
        if org is not None:
            # 国家统计局表示: organisations speak too; 深受…困扰的澳大利亚央行: the body
            # is named after what the reporter says of it.
            return org.group(0).rsplit("的", 1)[-1]
    return None


# 据国家统计局数据, 据海关总署介绍: the source before the word that says how it was told.
_ZH_ACCORDING = re.compile(
    # 据 inside a word (数据, 证据, 占据, 票据) cites no one; 根据 does.
    rf"(?<![数证占票单收字凭论])据(?:[\d一二三四五六七八九十]+[月日]|今天|昨天|今日|昨日)*(?P<src>[{_CJK}·《》]{{0,14}}?)"
    rf"(?:日前|近日|今天|昨天|今日|昨日)?(?:的)?"
    # The shortest source before the word: 据新华社电 names 新华社, not what follows;
    # 统计局, 调查组 and 监测中心 are part of a name.
    rf"(?:介绍|统计(?![局所处])|数据|消息|报道|显示|称|表示|透露|测算|调查(?![组队局])|"
    # 分析师 and 研究员 are who, not how: 据生意社分析师李倩介绍 names the analyst.
    rf"监测(?![中站])|预测|分析(?![师人])|研究(?![员院所会中])|公布|通报|发布|了解|电)"
)
# Organisations speak too (国家统计局表示); a run of more than four characters that ends
# in one of these is an organisation's name, not a phrase of narration.
# (Compiled on first use: few sentences get this far.)
_ZH_ORG = rf"[{_CJK}]{{1,10}}(?:局|部|委|委员会|院|署|办|办公室|厅|所|中心|协会|学会|公司|集团|银行|央行|政府|法院|检察院|联合会|研究会|交易所|大学|机构|组织|媒体|通讯社|日报|新闻社|网)$"


_ZH_SOURCE_TAIL = re.compile("(?:日前|近日|今天|昨天|今日|昨日)?(?:公布|发布|披露)?的?$")


# A role counted by a figure just before it: 六成网友, 23%的网友, 三成受访者.
_COUNTED = re.compile(r"(?:[\d%％]|[一二三四五六七八九十几]成)的?[\u4e00-\u9fff]{0,4}$")


# People named by their role rather than their name: the run up to the role word.
_ZH_ROLE = (
    rf"[{_CJK}]{{0,10}}?(?:负责人|人士|专家|分析师|官员|工作人员|研究员|经济学家|"
    rf"律师|医生|教授|网友|村民|居民|知情人|人员|战士|士兵|军官|民警|警察|司机|市民|店主|"
    rf"员工|职工|代表|学生|家长)$"
)


def zh_outside_claim(text: str, start: int, end: int, speaker: str, v: _Vocab) -> bool:
    """A fact between a speaker's name and their verb frames the statement, not in it.

    陈文辉4月26日在第九届…论坛上指出，…: the day and the forum are the reporter's.
    """
    at = text.find(speaker)
    if at < 0 or at + len(speaker) > start or _CLAUSE_BREAK.search(text, at, start):
        return False  # 据《环球时报》报道，…10亿日元: the report's clause has ended
    verb = v.zh_speech.search(text, at + len(speaker))
    return verb is not None and end <= verb.start()


_CLAUSE_BREAK = re.compile("[,，;；:：。“”]")


def _zh_speaker_verb(text: str, v: _Vocab) -> bool:
    return v.zh_speech.search(text) is not None


def _sentence_only(text: str, v: _Vocab) -> bool:
    """Whether a sentence's source states only it: 数据显示…, or 据X报道/据X消息 naming X.

    据介绍/据了解 name no one new and continue a statement; 据新华社报道 cites a source
    for the news that opens the report, after which the reporter writes on.
    """
    if (_zh_data_shows(text) or _ZH_FORECAST.search(text)) and not _zh_speaker_verb(text, v):
        return True  # 数据显示…, 鲁政委预计…: a forecast is its forecaster's sentence only
    return bool(_zh_according(text)) and not _zh_speaker_verb(
        _ZH_ACCORDING.sub("", text, count=1), v
    )


def _zh_according(text: str) -> str | None:
    """``据X…`` names X; ``据介绍``/``据了解`` names no one new (empty string)."""
    m = _ZH_ACCORDING.search(text)
    if m is None:
        return None
    # 据央行公布的数据, 据海关总署日前公布: the body, without when or how it published;
    # 据5日出版的《环球时报》: the paper, without what is said of it.
    src = _ZH_SOURCE_TAIL.sub("", m.group("src"))
    return src.rsplit("的", 1)[-1] if src.endswith("》") else src


def _zh_own(text: str, v: _Vocab) -> str | None:
    src = _zh_according(text)
    if src:
        titles = list(v.zh_titles.finditer(src))
        name = src[titles[-1].end() :] if titles else ""
        return name if 2 <= len(name) <= 4 else src  # 据生意社分析师李倩介绍
    sp = _zh_speaker(text, v)
    if sp is not None:
        return sp
    return _PRONOUN if src == "" else None


# A paragraph opening garbled in a bad conversion (see segment._lost_breaks): "９僭背疲?"
# is the GB18030 bytes of "官员称：" read one byte out of step, and "Hツ暝?" those of
# "去年…" with the first byte's top bit lost. Read back in step, the opening says whether
# the paragraph goes on with someone's statement.
_GARBLED = re.compile(r"[^?\s]{1,12}\?")


def repaired_opening(original: str) -> str | None:
    """What a garbled paragraph opening said, or None if ``original`` is not one.

    Accepted only when every character read back is a common ideograph (GB2312 level 1)
    or Chinese punctuation, which a misread run almost never is.
    """
    if not _GARBLED.fullmatch(original):
        return None
    try:
        raw = original[:-1].encode("gb18030")
    except UnicodeEncodeError:
        return None
    for shifted in (raw[1:], bytes([raw[0] | 0x80]) + raw[1:]):
        text = shifted.decode("gb18030", errors="ignore")  # the cut last character
        if text and all(_common(ch) for ch in text):
            return text
    return None


def _common(ch: str) -> bool:
    if ch in "“”‘’，：、":
        return True
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xD7  # GB2312 level 1: the 3,755 most used ideographs
