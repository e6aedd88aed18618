"""Fact extraction and consistency, on the seed pair, edited copies and the BBC corpus."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.align import align
from reconcile.consistency import diff_facts
from reconcile.document import from_text, load_document
from reconcile.facts import _base, extract_facts, period_key, speakers_zh, subjects
from reconcile.models import Document, Fact, FactDiff

from .helpers import BBC_226, BBC_265, MINISTRY, WEB, bbc_articles, corpus


def _facts(text: str) -> tuple[Fact, ...]:
    return extract_facts(from_text(text, "A"))


def _one(text: str, kind: str) -> Fact:
    found = [f for f in _facts(text) if f.kind == kind]
    assert len(found) == 1, found
    return found[0]


def _check(doc_a: Document, doc_b: Document) -> tuple[FactDiff, dict[str, Fact]]:
    fa, fb = extract_facts(doc_a), extract_facts(doc_b)
    pairs = align(doc_a.segments, doc_b.segments)
    return diff_facts(doc_a, fa, doc_b, fb, pairs), {f.id: f for f in fa + fb}


@pytest.fixture(scope="module")
def ministry() -> Document:
    return load_document(MINISTRY, "A")


@pytest.fixture(scope="module")
def web() -> Document:
    return load_document(WEB, "B")


# --- the forms the issue lists --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value", "unit"),
    [
        ("增加值增长7.5%。", "percent", 7.5, "%"),
        ("增加值增长百分之七点五。", "percent", 7.5, "%"),
        ("增加值增长７．５％。", "percent", 7.5, "%"),
        ("比重提升4.2个百分点。", "points", 4.2, "pp"),
        ("The rate rose 2.9 percentage points.", "points", 2.9, "pp"),
        ("零售总额8.1万亿元。", "amount", 8.1e12, "CNY"),
        ("The plan costs £800m.", "amount", 8e8, "GBP"),
        ("The deal is worth $1.5bn.", "amount", 1.5e9, "USD"),
        ("已有178家国家高新区。", "count", 178, "家"),
        ("已有一百七十八家国家高新区。", "count", 178, "家"),
        ("涉及两千三百万人。", "count", 23e6, "人"),
        ("抓好十大重点行业。", "count", 10, "大"),
        ("16类商品中有14类增长。", "count", 16, "类"),
        ("该省经济总量居全国第三。", "ordinal", 3, "ordinal"),
        ("The club finished eighth in the league.", "ordinal", 8, "ordinal"),
        ("超九成工业大类保持增长。", "percent", 90, "%"),
    ],
)
def test_forms(text: str, kind: str, value: float, unit: str) -> None:
    fact = next(f for f in _facts(text) if f.kind == kind)
    assert fact.value == pytest.approx(value)
    assert fact.unit == unit


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("3月26日,会议举行。", (None, 3, 3, 26)),
        ("2024年3月26日,会议举行。", (2024, 3, 3, 26)),
        ("发布于2024-03-27。", (2024, 3, 3, 27)),
        ("1—2月,投资增长。", (None, 1, 2, None)),
        ("前两个月,投资增长。", (None, 1, 2, None)),
        ("今年1月,部门发布意见。", (None, 1, 1, None)),
        ("扭转了2022年4月以来的态势。", (2022, 4, 4, None)),
        ("Profits rose in Q1.", (None, 1, 3, None)),
    ],
)
def test_dates_and_periods(text: str, key: tuple[int | None, ...]) -> None:
    date = _one(text, "date")
    assert period_key(date.text) == key


def test_qualifiers_are_kept() -> None:
    assert _one("增速加快约7个百分点。", "points").qualifier == "约"
    cheng = _one("超九成工业大类保持增长。", "percent")
    assert (cheng.qualifier, cheng.value) == ("超", 90)
    assert _one("浙江增速在9.6%以上。", "percent").qualifier == "以上"
    assert _one("Sales rose about 5%.", "percent").qualifier == "about"
    assert _one("It will save over £4bn.", "amount").qualifier == "over"


def test_subject_change_and_period() -> None:
    fact = _one("今年1—2月规模以上高技术制造业增加值同比增长7.5%。", "percent")
    assert (fact.subject, fact.change, fact.period) == (
        "规模以上高技术制造业增加值",
        "增长",
        "今年1—2月",
    )
    en = _one("Thailand's economy grew 6.1% in 2004.", "percent")
    assert (en.subject, en.change) == ("Thailand's economy", "grew")


def test_respectively_in_english() -> None:
    facts = _facts("Exports and imports rose 10.3% and 6.7% respectively.")
    assert [(f.subject, f.value) for f in facts] == [("Exports", 10.3), ("imports", 6.7)]


def test_spans_quote_the_original(ministry: Document, web: Document) -> None:
    for doc in (ministry, web):
        for fact in extract_facts(doc):
            assert doc.source.text[fact.start : fact.end] == fact.text
            assert fact.id.startswith(f"{doc.id}:f")


def test_full_width_spans_quote_the_original() -> None:
    doc = from_text("出口增长１０．３％，进口增长６．７％。", "A")
    facts = extract_facts(doc)
    assert [f.text for f in facts] == ["１０．３％", "６．７％"]
    assert [f.value for f in facts] == [10.3, 6.7]


# --- the seed pair ----------------------------------------------------------------------------

# The value after every 分别 in the seed web copy and ministry report, and a word the subject
# given to it must contain (and the other values of its list must not).
RESPECTIVELY = {
    "B": {
        16.2: "通讯器材",
        8.7: "汽车类",
        16.0: "客流量",
        7.0: "营业额",
        7.8: "专业店",
        5.8: "便利店",
        10.3: "出口",
        6.7: "进口",
        8.1: "美国",
        1.6: "欧盟",
        28.6: "集成电路",
        15.8: "汽车",
    },
    "A": {20.2: "东莞", 13.5: "深圳", 41.8: "充电桩", 65.5: "单晶硅"},
}


@pytest.mark.parametrize("side", ["A", "B"])
def test_every_respectively_gets_its_subject(side: str, ministry: Document, web: Document) -> None:
    doc = ministry if side == "A" else web
    facts = extract_facts(doc)
    seen = {}
    for seg in doc.segments:
        for resp in re.finditer("分别", seg.text):
            tail = seg.text[resp.end() :]
            clause = re.split("[,，。;]", tail)[0]
            for f in facts:
                if f.segment == seg.id and f.kind == "percent" and f.text in clause:
                    seen[f.value] = f.subject
    assert set(seen) == set(RESPECTIVELY[side])  # every 分别 construction, no other figure
    for value, word in RESPECTIVELY[side].items():
        assert seen[value] is not None and word in seen[value], (value, seen[value])
    subjects = list(seen.values())
    assert len(set(subjects)) == len(subjects)


def test_same_value_different_subjects_stay_two_facts(web: Document) -> None:
    eights = [f for f in extract_facts(web) if f.kind == "percent" and f.value == 8.7]
    assert len(eights) == 2
    assert eights[0].subject != eights[1].subject
    assert "零售额" in (eights[0].subject or "") and "进出口" in (eights[1].subject or "")


def test_speakers_carry_over(ministry: Document, web: Document) -> None:
    web_facts = extract_facts(web)
    by_text = {f.text: f for f in web_facts}
    first, second = "赵志国", "郭婷婷"
    assert by_text["7.5%"].speaker == first  # quoted, attribution after the quote
    for figure in ("8.1万亿元", "16.2%", "6.6万亿元", "10.3%", "54.6%"):
        assert by_text[figure].speaker == second, figure
    # Every fact after the second speaker is introduced is hers, and none before is.
    intro = next(f.start for f in web_facts if f.speaker == second)
    assert all((f.speaker == second) == (f.start >= intro) for f in web_facts)
    assert {f.speaker for f in extract_facts(ministry) if f.kind != "date"} == {first}


def test_seed_pair_has_no_conflicts(ministry: Document, web: Document) -> None:
    diff, facts = _check(ministry, web)
    assert diff.conflicts == ()
    shared = {(facts[a].text, facts[b].text) for a, b in diff.shared}
    assert {("7.5%", "7.5%"), ("178家", "178家"), ("45个", "45个")} <= shared
    compatible = {(facts[a].text, facts[b].text) for a, b in diff.compatible}
    assert ("3月26日", "2024年3月26日") in compatible
    only_a = {facts[i].text for i in diff.unique["A"]}
    only_b = {facts[i].text for i in diff.unique["B"]}
    assert {"9.4%", "10%", "15.1%"} <= only_a  # manufacturing investment: ministry only
    assert {"8.1万亿元", "6.6万亿元", "10.3%"} <= only_b  # retail and trade: web copy only


@pytest.mark.parametrize(
    ("original", "edited"),
    [("7.5%", "7.3%"), ("178家", "179家"), ("45个国家", "46个国家")],
)
def test_an_edited_figure_is_the_only_conflict(
    ministry: Document, original: str, edited: str
) -> None:
    text = WEB.read_text(encoding="utf-8")
    assert text.count(original) == 1
    web = from_text(text.replace(original, edited), "B")
    diff, facts = _check(ministry, web)
    assert len(diff.conflicts) == 1, [c.reason for c in diff.conflicts]
    conflict = diff.conflicts[0]
    assert original.startswith(facts[conflict.a].text)
    assert edited.startswith(facts[conflict.b].text)
    assert facts[conflict.a].text in conflict.reason and facts[conflict.b].text in conflict.reason


@pytest.mark.parametrize(
    ("original", "rewritten"),
    [
        ("7.5%", "百分之七点五"),
        ("7.5%", "７．５％"),
        ("178家", "一百七十八家"),
        ("45个", "四十五个"),
    ],
)
def test_a_figure_rewritten_in_another_form_is_compatible(
    ministry: Document, original: str, rewritten: str
) -> None:
    text = WEB.read_text(encoding="utf-8")
    web = from_text(text.replace(original, rewritten), "B")
    diff, facts = _check(ministry, web)
    assert diff.conflicts == ()
    # Full-width forms are the same characters after NFKC, so they count as shared.
    full_width = unicodedata.normalize("NFKC", rewritten) != rewritten
    agreeing = diff.shared if full_width else diff.compatible
    assert any(facts[b].text == rewritten for _, b in agreeing)


def test_approximate_value_within_rounding_is_compatible() -> None:
    a = from_text("货物进出口增速加快6.8个百分点。", "A")
    b = from_text("货物进出口增速加快约7个百分点。", "B")
    diff, _ = _check(a, b)
    assert diff.conflicts == () and len(diff.compatible) == 1
    c = from_text("货物进出口增速加快9个百分点。", "B")
    assert len(_check(a, c)[0].conflicts) == 1


def test_ordinal_conflict_in_english() -> None:
    a = from_text("Thailand's economy ranked eighth in the region last year.", "A")
    b = from_text("Thailand's economy ranked ninth in the region last year.", "B")
    diff, facts = _check(a, b)
    assert [(facts[c.a].text, facts[c.b].text) for c in diff.conflicts] == [("eighth", "ninth")]


# --- English ----------------------------------------------------------------------------------


def test_bbc_fixture_pair() -> None:
    a, b = load_document(BBC_226, "A"), load_document(BBC_265, "B")
    diff, facts = _check(a, b)
    assert diff.conflicts == ()
    assert diff.unique["A"] == ()
    (only_b,) = diff.unique["B"]
    assert (facts[only_b].text, facts[only_b].speaker) == ("£35 billion", "Paul Boateng")
    assert any(
        facts[x].text == "£4.3bn" and facts[x].qualifier == "more than" for x, _ in diff.shared
    )


def _bbc_with_percent(limit: int) -> list[str]:
    out = []
    with open(corpus("bbc-news-2225.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            if re.search(r"\b\d+(?:\.\d+)?%", text):
                out.append(text)
            if len(out) == limit:
                break
    return out


def test_bbc_corpus_edited_copies() -> None:
    """On real articles, editing one figure yields that conflict and nothing else."""
    articles = _bbc_with_percent(40)
    assert len(articles) == 40
    exact = 0
    for text in articles:
        m = re.search(r"\b(\d+)(\.\d+)?%", text)
        assert m is not None
        bumped = f"{int(m.group(1)) + 1}{m.group(2) or ''}%"
        a = from_text(text, "A")
        b = from_text(text[: m.start()] + bumped + text[m.end() :], "B")
        same, _ = _check(a, from_text(text, "B"))
        assert same.conflicts == () and not same.unique["A"] and not same.unique["B"]
        diff, facts = _check(a, b)
        assert len(diff.conflicts) <= 1  # never a spurious second conflict
        if [(facts[c.a].text, facts[c.b].text) for c in diff.conflicts] == [(m.group(0), bumped)]:
            exact += 1
    # A figure with no recoverable subject ("up 5% on …") is reported as unique, not as a
    # conflict; the rest must be caught.
    assert exact >= 30, exact


def test_list_position_is_not_a_fact() -> None:
    # Sources renumber lists freely (第一是 / 首先是): the position is no claim.
    doc = from_text("标题\n\n第一是改造升级传统产业。第二,巩固优势产业。该省排名第二。", "A")
    assert [(f.text, f.kind) for f in extract_facts(doc)] == [("第二", "ordinal")]
    eng = from_text("Title\n\nSecond, the side finished eighth in the league.", "A")
    assert [f.text for f in extract_facts(eng)] == ["eighth"]


def test_bbc_updated_versions_conflict_exactly_where_a_figure_was_corrected() -> None:
    # The archive holds 31 pairs of differing versions of one story (same headline).
    # Reading them, an editor finds two changed figures: a Budget that is Mr Brown's
    # "eighth" in one version and "ninth" in the other, and a market forecast of
    # "£9.4 million" corrected to "£94 million", and the Tamagotchi of a list of gadgets
    # that is a "1980s toy" in one version and a "1990s toy" in the other. Those, and
    # nothing else, are conflicts.
    from collections import defaultdict

    by_title: dict[str, list[dict[str, str]]] = defaultdict(list)
    for art in bbc_articles():
        by_title[art["title"]].append(art)
    found = []
    versions = 0
    for group in by_title.values():
        if len(group) < 2 or group[0]["text"] == group[1]["text"]:
            continue
        versions += 1
        a, b = from_text(group[0]["text"], "A"), from_text(group[1]["text"], "B")
        fa, fb = extract_facts(a), extract_facts(b)
        diff = diff_facts(a, fa, b, fb, align(a.segments, b.segments))
        by_id = {f.id: f for f in (*fa, *fb)}
        found += [(by_id[c.a].text, by_id[c.b].text, by_id[c.a].subject) for c in diff.conflicts]
    assert versions == 31
    assert sorted(found) == [
        ("1980s", "1990s", "toy Tamagotchi"),
        ("eighth", "ninth", "Next month's Budget"),
        ("£9.4 million", "£94 million", "market for full-track music downloads"),
    ]


# --- what an editor checks on real articles (issue 8) ----------------------------------------


def _bbc(article_id: str) -> Document:
    art = next(a for a in bbc_articles() if a["id"] == article_id)
    return from_text(art["text"], "A")


def _by_text(doc: Document) -> dict[str, list[Fact]]:
    out: dict[str, list[Fact]] = {}
    for f in extract_facts(doc):
        out.setdefault(f.text, []).append(f)
    return out


def test_speaker_does_not_carry_into_narration() -> None:
    # An analyst is quoted in the second paragraph; the Sri Lankan market's 5% fall two
    # paragraphs on is the BBC's own narration, and the economists' 1% is theirs.
    facts = _by_text(_bbc("bbc-business-260"))
    assert facts["5%"][0].speaker is None
    assert facts["40%"][0].speaker is None
    assert facts["1%"][0].speaker == "some economists"
    assert facts["1%"][0].subject == "annual growth"
    # "…, according to tourism minister Sontaya Kunplome" across the "(£398m; $768m)" cut.
    assert {f.speaker for f in facts["30bn baht"][:1] + facts["$768m"]} == {"Sontaya Kunplome"}


def test_speakers_are_bodies_pronouns_and_roles() -> None:
    facts = _by_text(_bbc("bbc-business-228"))
    # "According to its estimate, as much as 13.6% of the loans …": the association's.
    assert facts["13.6%"][0].speaker == "Sri Lanka Banks Association"
    assert facts["13.6%"][0].subject == "loans"
    # "…, a bank spokesman told Reuters. He estimated the bank's loss at 3bn rupees."
    rupees = facts["3bn rupees"][0]
    assert (rupees.speaker, rupees.subject) == ("bank spokesman", "bank's loss")


def test_said_before_a_name_is_not_its_speaker() -> None:
    # "The Conservatives also said Mr Brown would still be forced to raise taxes …"
    facts = _by_text(_bbc("bbc-business-154"))
    assert facts["£10.5bn"][0].speaker == "Conservatives"
    # "In January the independent Institute for Fiscal Studies (IFS) said …": the date
    # dates the saying, it is not part of what the IFS said (docs/facts.md).
    assert facts["January"][0].speaker is None


def test_headline_ages_and_decades() -> None:
    doc = _bbc("bbc-business-452")
    facts = extract_facts(doc)
    title = [f for f in facts if f.segment == "A-title"]
    assert [(f.kind, f.text, f.value) for f in title] == [("age", "44", 44)]
    assert doc.source.text[title[0].start : title[0].end] == "44"
    ages = [(f.text, f.subject) for f in facts if f.kind == "age"]
    assert ages == [("44", "Bell"), ("44", "Charlie Bell"), ("15-year-old", "Mr Bell")]
    by_text = {f.text: f for f in facts}
    assert by_text["1990s"].kind == "decade"
    # The event a date dates, in the fewest words: "was diagnosed with … in May".
    assert by_text["May"].subject == "diagnosed with colorectal cancer"
    # Without the headline (the diff pipeline's view) the body's facts are unchanged.
    body = extract_facts(doc, headline=False)
    assert [f.text for f in body] == [f.text for f in facts if f.segment != "A-title"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Murray, on the other hand, is 407th in the current ATP entry list.", [("ordinal", 407)]),
        ("Former world number one Juan Carlos Ferrero insists he can get back.", [("ordinal", 1)]),
        ("For the first time, Claxton has only been preparing for the hurdles.", []),
        ("They were people who were saving for their first home.", []),
        ("Chelsea won 2-1 at Fulham.", [("score", 2001)]),
        ("The ISEQ index of leading shares closed up 23 points.", [("index", 23)]),
        ("The 9.0-magnitude quake struck off Sumatra.", [("magnitude", 9.0)]),
        ("He was banned for three years.", [("duration", 3)]),
        ("He served the club in the 19th century.", []),
        ("“稳”和“进”两个字很重要。", []),
        ("中国队以2比1战胜日本队。", [("score", 2001)]),
        ("上证综指上涨25.3点。", [("index", 25.3)]),
        ("4 月 12 日，会议举行。", [("date", 412)]),
    ],
)
def test_kinds_an_editor_counts(text: str, expected: list[tuple[str, float]]) -> None:
    assert [(f.kind, f.value) for f in _facts(text)] == expected


def test_part_of_a_counted_whole_counts_the_same_thing(ministry: Document) -> None:
    by_text = {f.text: f for f in extract_facts(ministry)}
    assert by_text["41个"].subject == "工业大类行业"
    assert by_text["39个"].subject == "工业大类行业"


def test_organisations_speak_in_chinese() -> None:
    for text in (
        "标题\n\n据国家统计局数据，3月份社会消费品零售总额增长3.1%。",
        "标题\n\n国家统计局表示，3月份社会消费品零售总额增长3.1%。",
    ):
        (fact,) = [f for f in extract_facts(from_text(text, "A")) if f.kind == "percent"]
        assert fact.speaker == "国家统计局", text


def test_traditional_chinese_states_the_same_facts_as_simplified() -> None:
    trad = from_text("標題\n\n國務院發布了三十二條措施，今年前兩個月出口增長10.3%。\n", "A")
    simp = from_text("标题\n\n国务院发布了三十五条措施，今年前两个月出口增长10.3%。\n", "B")
    ft, fs = extract_facts(trad), extract_facts(simp)
    assert [f.text for f in ft] == ["三十二條", "今年前兩個月", "10.3%"]  # the original text
    assert [(f.kind, f.subject) for f in ft] == [(f.kind, f.subject) for f in fs]
    diff = diff_facts(trad, ft, simp, fs, align(trad.segments, simp.segments))
    assert [(c.a, c.b) for c in diff.conflicts] == [("A:f1", "B:f1")]
    assert diff.shared == (("A:f3", "B:f3"),)


def test_no_sohu_article_has_an_idiom_or_list_marker_as_a_fact() -> None:
    from reconcile.load import decode_bytes

    from .helpers import sogou_field, sogou_records

    seen = 0
    for record in sogou_records():
        text, _ = decode_bytes(sogou_field(record, "content") or b" x", name="sohu")
        for f in extract_facts(from_text(text, "A")):
            seen += 1
            assert f.text not in ("两个字", "第一时间", "第一线"), f
            assert text[f.start : f.end] == f.text
    assert seen > 500


def test_unrelated_articles_have_no_conflicts() -> None:
    # Better subjects must not make unrelated stories disagree: pairs of different BBC
    # stories (business and sport, where figures with generic subjects abound: "people",
    # "seconds", "from") share no claim, so none of their figures can conflict.
    found = []
    for category in ("business", "sport"):
        arts = [a for a in bbc_articles() if a["category"] == category][:100]
        for x, y in zip(arts[::2], arts[1::2], strict=True):
            if x["title"] == y["title"]:
                continue
            a, b = from_text(x["text"], "A"), from_text(y["text"], "B")
            diff, _ = _check(a, b)
            found += [c.reason for c in diff.conflicts]
    assert found == []


def test_seed_web_copy_in_traditional_matches_like_the_simplified_one(ministry: Document) -> None:
    # The web copy converted to Traditional (OpenCC's s2t, phrase-aware): the same
    # sentences align, the same facts are found and matched, and every fact still quotes
    # the Traditional original.
    from opencc import OpenCC

    simplified = WEB.read_text(encoding="utf-8")
    traditional = OpenCC("s2t").convert(simplified)
    assert traditional != simplified and len(traditional) == len(simplified)
    seen = []
    for text in (simplified, traditional):
        web = from_text(text, "B")
        pairs = align(ministry.segments, web.segments)
        diff, facts = _check(ministry, web)
        assert diff.conflicts == ()
        matched = sorted((facts[a].id, facts[b].id) for a, b in diff.shared + diff.compatible)
        seen.append(
            (len(pairs), [(f.kind, f.value, f.subject) for f in extract_facts(web)], matched)
        )
        assert all(text[f.start : f.end] == f.text for f in extract_facts(web))
    assert seen[0] == seen[1]


# --- fast paths that stand in for regexes ------------------------------------------------

# Characters the patterns below turn on: ideographs (their verbs and markers among them),
# 、, digits, Latin, punctuation, newlines, and characters on either side of the block.
_ALPHABET = [
    *'对向反记者说表示介绍称指出数据显示的统计报告中里有个家名一二十5、，。 \n"aZ㐀ꀀ가ｆ',
    "\u4e00",
    "\u9fff",
    "\u4dff",
    "\ua000",
]


# Whole phrases too, so that the patterns do match often.
_PHRASES = [
    "对记者说",
    "向媒体表示",
    "相对",
    "统计数据显示",
    "研究显示",
    "3家企业中",
    "十个省份里有",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET + _PHRASES), max_size=30).map("".join))
def test_fast_paths_match_the_patterns_they_replace(text: str) -> None:
    # Each function decides without compiling a class of the 21,000 ideographs where it
    # can; it must answer exactly as the pattern does.
    assert _base._is_zh(text) == (re.search("[\u4e00-\u9fff]", text) is not None)
    run = re.search("[\u4e00-\u9fff、]+$", text)
    assert speakers_zh._zh_run(text) == (run.group(0) if run else None)
    for fast, pattern in (
        (speakers_zh._zh_told, speakers_zh._ZH_TOLD),
        (speakers_zh._zh_data_shows, speakers_zh._ZH_DATA_SHOWS),
        (subjects._part_of, subjects._ZH_PART_OF),
    ):
        want, got = re.search(pattern, text), fast(text)
        assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


def test_chinese_lengths_weights_and_thousands_are_facts_and_everywhere_is_not() -> None:
    doc = from_text("标题\n\n近八米长的机器重12公斤，他须赔违约金逾6千元。人们四处逃散。", "A")
    facts = {f.text: f for f in extract_facts(doc)}
    assert facts["八米"].kind == "count" and facts["12公斤"].kind == "count"
    assert (facts["6千元"].kind, facts["6千元"].value) == ("amount", 6000.0)
    assert "四处" not in facts  # "everywhere", not four places
