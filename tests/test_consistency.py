"""Fact conflicts an editor must see, and none where the reports do not disagree."""

from __future__ import annotations

from reconcile import from_text, reconcile

from .helpers import MINISTRY, bbc_articles, sogou_field, sogou_records


def _bbc(*ids: str) -> list[str]:
    found = {a["id"]: a["text"] for a in bbc_articles() if a["id"] in ids}
    return [found[i] for i in ids]


def test_a_changed_period_on_the_same_figure_is_a_conflict() -> None:
    text = MINISTRY.read_text(encoding="utf-8")
    assert text.count("今年1—2月规模以上高技术") == 1
    edited = text.replace("今年1—2月规模以上高技术", "今年1—3月规模以上高技术")
    r = reconcile(from_text(text, "A"), from_text(edited, "B"))
    reasons = [c.reason for c in r.fact_diff.conflicts]
    assert any("7.5% (今年1—2月) in A, 7.5% (今年1—3月) in B" in x for x in reasons), reasons
    # Figures of later sentences that only carry the period over are not conflicts.
    assert len(reasons) == 2


def test_a_changed_date_in_an_aligned_sentence_is_a_conflict() -> None:
    line = "The company was founded in 2001 by two engineers in Leeds and employs 300 people."
    r = reconcile(
        from_text(f"Firm grows\n\n{line}", "A"),
        from_text(f"Firm grows\n\n{line.replace('2001', '2002')}", "B"),
    )
    facts = {f.id: f for f in r.facts}
    assert [(facts[c.a].text, facts[c.b].text) for c in r.fact_diff.conflicts] == [("2001", "2002")]
    assert r.fact_diff.unique == {"A": (), "B": ()}


def test_a_figure_updated_between_versions_names_what_differs() -> None:
    """bbc-business-209: shares 'were up over 5% by noon'; -229: 'closed up 4.75%'."""
    a, b = _bbc("bbc-business-209", "bbc-business-229")
    r = reconcile(from_text(a, "A"), from_text(b, "B"))
    facts = {f.id: f for f in r.facts}
    pairs = [(facts[c.a].text, facts[c.b].text, c.reason) for c in r.fact_diff.conflicts]
    assert len(pairs) == 1
    assert pairs[0][:2] == ("5%", "4.75%")
    assert "(over)" in pairs[0][2]  # the qualifier one version has and the other lacks


def test_consecutive_unrelated_business_stories_give_no_conflicts() -> None:
    arts = [a for a in bbc_articles() if a["category"] == "business"][:40]
    for x, y in zip(arts[::2], arts[1::2], strict=True):
        r = reconcile(from_text(x["text"], "A"), from_text(y["text"], "B"))
        assert r.fact_diff.conflicts == (), (x["id"], y["id"], r.fact_diff.conflicts)


def test_consecutive_unrelated_sohu_pages_give_no_conflicts() -> None:
    # Chinese subjects are short predicates now (发布, 游行示威): two different stories
    # that both "publish" something on a date must still share no claim.
    from reconcile.load import decode_bytes

    pages = []
    for record in sogou_records()[:80]:
        text, _ = decode_bytes(sogou_field(record, "content") or b" x", name="sohu")
        pages.append(text)
    for x, y in zip(pages[::2], pages[1::2], strict=True):
        r = reconcile(from_text(x, "A"), from_text(y, "B"))
        assert r.fact_diff.conflicts == (), r.fact_diff.conflicts


def test_rewording_one_figure_is_no_conflict() -> None:
    a = "Head\n\n今年1—2月高技术制造业增加值同比增长7.5%,全国共有178家国家高新区。"
    b = "Head\n\n今年1—2月高技术制造业增加值同比增长百分之七点五,全国共有一百七十八家国家高新区。"
    r = reconcile(from_text(a, "A"), from_text(b, "B"))
    assert r.fact_diff.conflicts == ()
    assert len(r.fact_diff.compatible) + len(r.fact_diff.shared) >= 2


def test_a_report_against_a_copy_of_itself_gives_no_conflicts() -> None:
    # Before, five of these pages disagreed with themselves on a date the period reader
    # cannot key (０９年, ２０１０, ５　月３１　日): the same words are the same date.
    from reconcile.load import decode_bytes

    pages = [
        decode_bytes(sogou_field(r, "content") or b" x", name="sohu")[0] for r in sogou_records()
    ]
    pages += [a["text"] for a in list(bbc_articles())[:200]]
    for text in pages:
        r = reconcile(from_text(text, "A"), from_text(text, "B"))
        assert r.fact_diff.conflicts == (), [c.reason for c in r.fact_diff.conflicts]


def test_same_story_pairs_do_not_conflict_on_episode_labels_or_generic_counts() -> None:
    from bench.gold import article

    # Two recaps of a series: "season 1 episode 7" and "episode 8" label episodes.
    recaps = [article(f"semeval:train:1484010192_1484388693:{side}") for side in (1, 2)]
    # The same bushfires: "killed at least 2 people" and "4,000 people … fled".
    fires = [article(f"semeval:train:1483803735_1484143351:{side}") for side in (1, 2)]
    for a, b in (recaps, fires):
        r = reconcile(from_text(a, "A"), from_text(b, "B"))
        assert r.fact_diff.conflicts == (), [c.reason for c in r.fact_diff.conflicts]
