"""The merged text: every sentence once, attributed, in a sensible order."""

from __future__ import annotations

from collections import Counter

from reconcile import ReconcileConfig, Result, from_text, reconcile
from reconcile.align import align
from reconcile.merge import merge

from .helpers import BBC_226, BBC_265, MINISTRY, WEB


def test_every_segment_appears_exactly_once() -> None:
    for x, y in ((MINISTRY, WEB), (BBC_226, BBC_265), (WEB, MINISTRY)):
        r = reconcile(x, y)
        seen = Counter(sid for c in r.canonical for sid in c.segments)
        everything = {s.id for d in r.documents for s in d.segments}
        assert set(seen) == everything
        assert max(seen.values()) == 1


def test_sources_are_named_and_variants_keep_the_other_reading() -> None:
    r = reconcile(MINISTRY, WEB)
    first = next(c for c in r.canonical if "改造升级传统产业。" in c.text and len(c.text) < 20)
    assert first.sources == ("A", "B")
    assert first.text.startswith("第一是")
    assert [alt.text for alt in first.alternatives] == ["首先是改造升级传统产业。"]
    only_b = next(c for c in r.canonical if "社会消费品零售总额" in c.text)
    assert only_b.sources == ("B",) and only_b.alternatives == ()


def test_prefer_b_uses_b_wording() -> None:
    r = reconcile(MINISTRY, WEB, config=ReconcileConfig(prefer="B"))
    first = next(c for c in r.canonical if "改造升级传统产业。" in c.text and len(c.text) < 20)
    assert first.text.startswith("首先是")
    assert first.alternatives[0].source == "A"


def test_unique_sentences_stand_where_their_source_has_them() -> None:
    a = from_text(
        "T\n\nThe mayor opened the bridge. Crowds lined the river banks. Traffic resumes on Monday.",
        "A",
    )
    b = from_text(
        "T\n\nThe mayor opened the bridge. It cost four million pounds. Traffic resumes on Monday.",
        "B",
    )
    texts = [c.text for c in merge(a, b, align(a.segments, b.segments))]
    assert texts == [
        "The mayor opened the bridge.",
        "Crowds lined the river banks.",
        "It cost four million pounds.",
        "Traffic resumes on Monday.",
    ]


def test_merged_paragraphs_follow_the_sources() -> None:
    r = reconcile(BBC_226, BBC_265)
    paragraphs = Counter(c.paragraph for c in r.canonical)
    # The shared article has 6 paragraphs; the update adds its rebuttal inside one of them.
    assert len(paragraphs) == len(r.documents[0].paragraphs)


def _bbc(article_id: str) -> str:
    from .helpers import bbc_articles

    return next(a["text"] for a in bbc_articles() if a["id"] == article_id)


def test_a_loose_pair_is_never_one_attributed_sentence() -> None:
    """Two versions of one BBC story: Mr Brown's NHS claim (A) and his warning that the
    Tories must not win (B) score ≈61. They are shown as related, and the merged text
    keeps each as its own source's sentence, never as one [A+B] sentence."""
    r = reconcile(
        from_text(_bbc("bbc-politics-175"), "A"), from_text(_bbc("bbc-politics-349"), "B")
    )
    nhs = next(p for p in r.pairs if "NHS was not safe" in r.segment(p.a[0]).text)
    assert "must not be allowed to win" in r.segment(nhs.b[0]).text
    assert nhs.relation == "related"
    claims = [c for c in r.canonical if "NHS was not safe" in c.text or "allowed to win" in c.text]
    assert [c.sources for c in claims] == [("A",), ("B",)]
    assert all(c.alternatives == () for c in claims)
    # A restatement of one claim in other words is still merged (score ≈84).
    letwin = next(c for c in r.canonical if "Sage Centre" in c.text)
    assert letwin.sources == ("A", "B")


def test_a_figure_the_readings_differ_on_is_shown_inline_with_both_values() -> None:
    from reconcile.render.json import to_dict
    from reconcile.render.markdown import render

    text = "Library plans\n\nThe council agreed a budget of £5m for the new library on Tuesday."
    r = reconcile(from_text(text, "A"), from_text(text.replace("£5m", "£6m"), "B"))
    (sentence,) = [c for c in r.canonical if "library" in c.text]
    assert sentence.sources == ("A", "B")
    assert [(k.a, k.b) for k in sentence.conflicts] == [("A:f1", "B:f1")]
    assert "budget of £5m \\[A\\] / £6m \\[B\\] for the new library" in render(r)
    (entry,) = [c for c in to_dict(r)["canonical"] if "library" in c["text"]]
    assert entry["conflicts"] == [["A:f1", "B:f1"]]
    # Agreeing sentences carry none.
    same = reconcile(from_text(text, "A"), from_text(text, "B"))
    assert all(c.conflicts == () for c in same.canonical)


# --- N sources: the canonical text of a collation ------------------------------------


def _pension() -> Result:
    from .collate_support import PENSION, story_docs

    return reconcile(*story_docs(PENSION))


def test_n_sources_text_follows_every_source() -> None:
    r = _pension()
    moved = {(s, m.segments[0]) for g in r.groups for s in g.moved_in for m in g.members}
    for doc in r.documents:
        where = {sid: k for k, c in enumerate(r.canonical) for sid in c.segments}
        pos = [where[s.id] for s in doc.segments if (doc.id, s.id) not in moved]
        assert pos == sorted(pos), doc.id


def test_n_sources_tags_and_other_wordings() -> None:
    r = _pension()
    c = next(c for c in r.canonical if "co-ordinate any" in c.text)
    assert len(c.sources) == 4
    # The first report (preferred: given first) says "any action"; the others' wording,
    # "any industrial action", is kept as theirs.
    assert "industrial" not in c.text
    assert {a.source for a in c.alternatives} == set(c.sources[1:])
    assert all("industrial" in a.text for a in c.alternatives)


def test_n_sources_prefer_another_wording() -> None:
    from .collate_support import PENSION, story_docs

    r = reconcile(*story_docs(PENSION), config=ReconcileConfig(prefer=PENSION[-1]))
    c = next(c for c in r.canonical if "co-ordinate any" in c.text)
    assert "industrial" in c.text
    assert PENSION[0] in {a.source for a in c.alternatives}
