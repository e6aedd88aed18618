"""Who states each sentence: speech verbs, quotations and their attribution."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .. import _data
from .._regex import compiled
from ..models import Document, Segment
from ._base import _CJK, MONTH_NAMES, WEEKDAYS, _is_zh
from ._vocab import _Vocab, _vocab
from .attribution_en import _QUOTE_MARK, _iter_attributions, _opens, _saying
from .speakers_zh import (
    _PRONOUN,
    _ZH_FORECAST,
    _ZH_ORG,
    _sentence_only,
    _zh_own,
    repaired_opening,
)
from .subjects_en import _words as _en_words
from .words_en import _stops

# --- speakers ------------------------------------------------------------------------------

_QUOTED = r"\"[^\"]*\"?|“[^”]*”?"
# A person's name: not after "the", a possessive or a year ("next month's European Indoor
# Championships", "the 2002 World Cup" name events), and not ending in a word that names
# a body or an event (data/speech.toml ``en_not_person``).
_EN_PERSON = r"\b(?:(?:Mr|Mrs|Ms|Dr)\.?\s)?[A-Z][a-z]+\s[A-Z][a-z'-]+(?=,?\s[a-z])"
# Checked on the few candidates only: as lookbehinds of _EN_PERSON they ran at every
# position of every sentence.
_NOT_BEFORE_PERSON = r"(?:\b[Tt]he|['’]s|\d)\s$"
_DAYS = WEEKDAYS | MONTH_NAMES | {"today", "yesterday", "tomorrow"}
# How a paragraph of a briefing report goes on with the last speaker's statement without
# naming them again: 据介绍, 此外, 一是…, 从行业看, 下一步, 我们将….
_ZH_CONTINUES = re.compile(
    r"^[“\"]|^(?:据介绍|据了解|此外|另外|同时|其中|首先|其次|再次|最后|下一步|对于|"
    r"[一二三四五六七八九十]是|第[一二三四五六七八九十]|从[^，,。]{1,8}看|他说|她说|他表示|她表示|"
    r"他指出|她指出|他介绍|她介绍|他强调|她强调)|我们"
)
_OPENS_QUOTE = re.compile(r"^\s*[\"“‘']")


@cache
def _not_person() -> frozenset[str]:
    return frozenset(_data.words("speech", "en_not_person"))


@lru_cache(maxsize=64)  # asked for each sentence by speakers() and by extract_facts()
def en_persons(text: str) -> tuple[str, ...]:
    """The persons named outside quotations, in order."""
    not_person = _not_person()
    plain = compiled(_QUOTED).sub(" ", text)
    return tuple(
        m.group(0)
        for m in compiled(_EN_PERSON).finditer(plain)
        if not compiled(_NOT_BEFORE_PERSON).search(plain, max(0, m.start() - 5), m.start())
        and not any(x.lower() in not_person for x in m.group(0).split())
    )


def _en_person(text: str) -> str | None:
    """The last person named outside quotations (for a following "he said")."""
    found = en_persons(text)
    return found[-1] if found else None


# "They said": the marker _en_speaker returns for a plural speaker (see speakers()).
_THEY = "\x01"
# A plural body opening a sentence: "The tobacco companies deny", "The Liberal Democrats
# want" (with "the", so that "Shares rose" is not taken for a speaker).
_PLURAL_OPENING = re.compile(
    r"^\W*(?:(?:But|And|However|Meanwhile),?\s)?[Tt]he\s((?:[\w'’-]+\s){0,2}[A-Za-z][\w'’-]*[a-z]s)\s[a-z]"
)


def _plural_subject(text: str) -> str | None:
    m = _PLURAL_OPENING.match(text)
    if m is None or any(_stops(x, _en_words()) for x in m.group(1).split()):
        return None  # "The finance minister has urged": a verb, not a plural noun
    return m.group(1)


_TITLES = frozenset(["Mr", "Mrs", "Ms", "Dr", "Sir", "Lord", "Lady"])
# Words before a role that belong to the speaker: "a bank spokesman", "some economists".
_ROLE_LEAD = frozenset(["a", "an", "the", "some", "many", "most", "several", "other", "few"])


def _en_speaker(text: str, v: _Vocab) -> str | None:
    for m in _iter_attributions(text):
        if m.group("pron") or m.group("pron2"):
            return _THEY if (m.group("pron") or "").lower() == "they" else _PRONOUN
        if m.group("role"):
            # Up to two words before the role belong to it: "a bank spokesman".
            window = re.split(r"[,.;:\"“”’—–]", text[max(0, m.start() - 30) : m.start()])[-1]
            found = re.findall(r"[A-Za-z'-]+", window)[-2:]
            # Only the words that make one noun phrase with it, back to a function word or
            # a determiner: not "growth in" of "steady growth in 2005, analysts said", not
            # "shoe" of "a shoe the company claims".
            before: list[str] = []
            for word in reversed(found):
                if word.lower() in _en_words().function - _ROLE_LEAD:
                    break
                before.insert(0, word)
                if word.lower() in ("a", "an", "the"):
                    break
            while before and (before[0].lower() in v.en_non_names or before[0][0].isupper()):
                before = before[1:]
            words = [*before, m.group("role")]
            while words and words[0].lower() in v.en_determiners | {"a", "an"}:
                words = words[1:]
            return " ".join(words)
        if m.group("role2"):
            words = m.group("role2").split()
            while words and words[0].lower() in v.en_determiners | {"a", "an"}:
                words = words[1:]
            return " ".join(words)
        name = m.group("n1") or m.group("n2") or m.group("n3")
        if not name:
            continue
        parts = name.split()
        title = next((k for k, p in enumerate(parts) if k and p.rstrip(".") in _TITLES), None)
        if title is not None:
            parts = parts[title:]  # "In Tanzania Mr Brown said": the person from the title
        # "… on Sunday said", "Sunday's Financial Mail": a day is when, not who.
        while parts and (
            parts[0].lower() in v.en_non_names - {"mr", "mrs", "ms", "dr"}
            or (
                parts[0].lower().removesuffix("'s").removesuffix("’s") in _DAYS
                and (len(parts) == 1 or parts[0][-2:] in ("'s", "’s"))
            )
        ):
            parts = parts[1:]
        if parts and parts[0].lower() not in v.en_pronouns:
            return " ".join(parts)
        if name.split()[0].lower() in v.en_pronouns:
            # "He said", "It also said", "They said"
            return _THEY if name.split()[0].lower() == "they" else _PRONOUN
    said = _saying(text)
    if said is not None:
        who = said.group("who")
        if who.lower() in v.en_pronouns:
            return _PRONOUN
        parts = who.split()
        while parts and parts[0].lower() in v.en_non_names - {"mr", "mrs", "ms", "dr"}:
            parts = parts[1:]
        return " ".join(parts) or None
    return None


def speakers(doc: Document) -> tuple[str | None, ...]:
    """The speaker of each segment of ``doc``, in segment order; ``None`` for narration.

    A sentence has a speaker only where the text attributes it: a speech verb (``X表示``,
    ``"…," she said``, ``X said``), ``according to X``/``据X``; every sentence of the same
    quoted statement shares it, and so does a quotation continued in the same paragraph.
    In English the speaker does not carry into the next sentence of narration: BBC-style
    reports interleave the reporter's voice with what people say.

    Chinese briefing reports are written the other way round: after ``X介绍，`` the rest of
    the paragraph, and the paragraphs that follow (``据介绍``, ``此外``…), report X's
    statement without naming X again, so there the speaker carries until someone else is
    named.

    Example:
        >>> from reconcile.document import from_text
        >>> speakers(from_text("Prices rose. Jane Smith said costs fell. They fell 3%."))
        (None, 'Jane Smith', None)
    """
    v = _vocab()
    out: list[str | None] = []
    current: str | None = None  # Chinese: the speaker whose statement is being reported
    last_said: str | None = None  # English: who a "he said"/"it said" refers to
    person: str | None = None
    said_at = person_at = -1  # the segments that named them
    prev_en = ""  # the English sentence before, for "they said"
    own: list[str | None] = []
    for k, seg in enumerate(doc.segments):
        if _is_zh(seg.text):
            sp = _zh_own(seg.text, v)
            if sp == _PRONOUN:
                sp = current
        else:
            sp = _en_speaker(seg.text, v)
            if sp == _THEY:
                # "The tobacco companies deny …. They also say they have already met …":
                # the body the sentence before opened with, else as for "he said".
                sp = _plural_subject(prev_en) or _PRONOUN
            if sp == _PRONOUN:
                # "He said" refers to whoever was named last: the person of the previous
                # sentence ("Paul Boateng attacked the plans. '…,' he said"), or the last
                # speaker when the same sentence named both ("…, a bank spokesman told
                # Reuters. He estimated …").
                sp = person if person is not None and person_at > said_at else last_said
            found = _en_person(seg.text)
            prev_en = seg.text
            if found is not None:
                person, person_at = found, k
            if sp is not None:
                last_said, said_at = sp, k
                if " " in sp and sp[0].isupper():
                    person = sp
        own.append(sp)
        if _is_zh(seg.text) and sp is not None and not _sentence_only(seg.text, v):
            current = sp  # 据介绍/他说 later refer to a speaker, not to a cited source
    # A sentence the segmenter cut inside (at a ";" in brackets) is still one sentence:
    # its parts share the attribution one of them carries.
    start = 0
    for k, seg in enumerate(doc.segments):
        last = k + 1 == len(doc.segments)
        ends = last or (
            doc.segments[k + 1].paragraph != seg.paragraph
            or seg.text.rstrip().endswith((".", "!", "?", '"', "”", "'", "’", "。", "！", "？"))
        )
        if ends:
            found = next((sp for sp in own[start : k + 1] if sp is not None), None)
            if found is not None:
                for j in range(start, k + 1):
                    own[j] = own[j] or found
            start = k + 1
    by_utterance: dict[int, str] = {}
    for seg, sp in zip(doc.segments, own, strict=True):
        if sp is not None and seg.utterance is not None:
            by_utterance.setdefault(seg.utterance, sp)
    quoted, run_speaker = _en_quotations(doc, own)
    current = None
    prev_quote: tuple[int, str] | None = None  # (paragraph, speaker) of the last quotation
    paragraph = -1
    for k, (seg, sp) in enumerate(zip(doc.segments, own, strict=True)):
        said = sp or (by_utterance.get(seg.utterance) if seg.utterance is not None else None)
        if _is_zh(seg.text):
            if seg.paragraph != paragraph and not _continues(doc, seg, v):
                current = None  # a new paragraph of narration: the reporter's own voice
            paragraph = seg.paragraph
            if sp is not None and _sentence_only(seg.text, v):
                # 卓创资讯统计数据显示…, 据新华社报道…: the source states this sentence only;
                # what follows is the reporter's again.
                out.append(sp)
                current = None
                continue
            if said is not None and seg.utterance is not None:
                # “…。”一位军官说。: a quotation's attribution closes its statement; the
                # sentences after it are the reporter's again.
                out.append(said)
                current = None
                continue
            if said is not None:
                current = said
            out.append(current)
            continue
        if not quoted[k]:
            # Narration: only its own attribution, whatever quotation the segmenter's
            # utterance joined it to ("Chelsea physio Mike Banks was hopeful …" between
            # two people's quotes).
            out.append(sp)
            continue
        said = sp or run_speaker[k] or said
        opens = _OPENS_QUOTE.match(seg.text) is not None
        if said is None and opens and prev_quote and prev_quote[0] == seg.paragraph:
            said = prev_quote[1]  # a quotation continued in the same paragraph
        if said is not None and (opens or seg.utterance is not None):
            prev_quote = (seg.paragraph, said)
        out.append(said)
    return tuple(out)


_VERB_STARTS = frozenset("认指表介透强称说预估")


def _continues(doc: Document, seg: Segment, v: _Vocab) -> bool:
    """Whether a paragraph that opens with ``seg`` goes on with the last statement.

    A garbled opening is read back first: "报告指出" (the report points out) and "官员称"
    go on with the speaker already named; an opening that names no one is narration.
    """
    opening = repaired_opening(doc.source.text[seg.start : seg.end])
    if opening is not None:
        # The read-back loses the opening's last character, often a verb's second one:
        # 报告认(为), 报告指(出).
        return (
            v.zh_speech.search(opening) is not None
            or _ZH_FORECAST.search(opening) is not None
            or opening[-1] in _VERB_STARTS
            or bool(_ZH_CONTINUES.search(opening))
        )
    return bool(_ZH_CONTINUES.search(seg.text))


# "蒲长城：去年…", "Orban: The first phase is over": a headline that opens with a name and a
# colon reports what that person or body says. Section labels use the same form.
_HEADLINE_ZH = rf"^(?P<who>[{_CJK}·]{{2,10}})[：:]"
_HEADLINE_EN = r"^(?P<who>[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,3}):\s"
_HEADLINE_LABELS = frozenset(
    {
        "快讯",
        "独家",
        "视频",
        "图",
        "组图",
        "图文",
        "专访",
        "评论",
        "社评",
        "时评",
        "直播",
        "更新",
        "最新",
        "突发",
        "关注",
        "聚焦",
        "热点",
        "解读",
        "观察",
        "焦点",
        "揭秘",
        "调查",
        "综述",
        "述评",
        "外媒",
        "网友",
        "记者",
        "analysis",
        "update",
        "live",
        "video",
        "watch",
        "breaking",
        "exclusive",
        "opinion",
        "comment",
        "review",
        "interview",
        "profile",
        "factbox",
        "timeline",
        "explainer",
        "preview",
        "report",
        "verdict",
        "in pictures",
    }
)


def headline_speaker(title: str) -> str | None:
    """Who a headline attributes its claim to (``X：…``, ``X称…``), or ``None``."""
    m = compiled(_HEADLINE_ZH).match(title) or compiled(_HEADLINE_EN).match(title)
    if m is not None and m.group("who").lower() not in _HEADLINE_LABELS:
        who = m.group("who")
        # A Chinese name has two to four characters; a longer run before the colon is a
        # body (药监局, 国家统计局) or a feature's title (拆迁款瘦身记：…).
        if not _is_zh(who) or len(who) <= 4 or compiled(_ZH_ORG).search(who):
            return who
    if _is_zh(title):
        sp = _zh_own(title, _vocab())
        return None if sp == _PRONOUN else sp
    return None


def _en_quotations(doc: Document, own: list[str | None]) -> tuple[list[bool], list[str | None]]:
    """Which segments are inside a quotation, and whom each quotation run quotes.

    A segment is quoted when it opens with a quotation mark, starts inside one, or leaves
    one open; a sentence with a quoted phrase inside it ('exerting "a 100% effort"') is
    narration. A run is the quoted segments that follow each other in a paragraph; each
    takes the attribution nearest before it in its run, else the one after ('"…," Banks
    told the club's website. "One is a chip …"').
    """
    quoted: list[bool] = []
    inside = False
    paragraph = -1
    for seg in doc.segments:
        if seg.paragraph != paragraph:
            inside, paragraph = False, seg.paragraph
        text = seg.text
        starts_inside = inside
        for q in _QUOTE_MARK.finditer(text):
            inside = _opens(text, q.start())
        opens = _OPENS_QUOTE.match(text) is not None
        quoted.append(starts_inside or opens or inside)
    runs: list[str | None] = [None] * len(own)
    k = 0
    while k < len(own):
        if not quoted[k]:
            k += 1
            continue
        end = k
        while (
            end + 1 < len(own)
            and quoted[end + 1]
            and doc.segments[end + 1].paragraph == doc.segments[k].paragraph
        ):
            end += 1
        for j in range(k, end + 1):
            back = next((own[i] for i in range(j - 1, k - 1, -1) if own[i]), None)
            ahead = next((own[i] for i in range(j + 1, end + 1) if own[i]), None)
            runs[j] = back or ahead
        k = end + 1
    return quoted, runs
