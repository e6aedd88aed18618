"""``reconcile story``: the stories ``reconcile dedup`` found, reconciled from the feed.

The feed holds the seed pair (the portal's report shares passages with the ministry's:
an overlap), a copy of the ministry's report with one figure changed (a duplicate of
it), the four BBC reports of the pension talks and two unrelated BBC stories.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconcile.cli import main

from .collate_support import PENSION, bbc
from .helpers import MINISTRY, WEB


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("story")
    ministry = MINISTRY.read_text(encoding="utf-8")
    edited = ministry.replace("增加值同比增长7.5%", "增加值同比增长7.9%", 1)
    assert edited != ministry
    rows = [
        {"id": "ministry", "text": ministry},
        {"id": "web", "text": WEB.read_text(encoding="utf-8"), "source": "portal"},
        {"id": "ministry-copy", "text": edited},
        *({"id": i, "text": bbc()[i]["text"]} for i in PENSION),
        *({"id": i, "text": bbc()[i]["text"]} for i in ("bbc-sport-010", "bbc-business-001")),
    ]
    path = tmp / "feed.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    db = tmp / "feed.db"
    res = CliRunner().invoke(
        main, ["dedup", str(path), "--index", str(db), "--workers", "1", "-o", str(tmp / "c")]
    )
    assert res.exit_code == 0, res.output
    return path, db


def test_one_story_by_any_of_its_documents(feed: tuple[Path, Path]) -> None:
    path, db = feed
    res = CliRunner().invoke(main, ["story", str(path), "--index", str(db), "web"])
    assert res.exit_code == 0, res.output
    # The cluster (ministry and its copy) and the overlapping portal report: one story.
    assert "#ministry`" in res.stdout and "#ministry-copy`" in res.stdout
    assert "#web`" in res.stdout and "outlet: 界面新闻" in res.stdout
    # Sources in the order the index took them in: ministry, web, the copy.
    assert "7.5% \\[A,B\\] / 7.9% \\[C\\]" in res.stdout
    same = CliRunner().invoke(main, ["story", str(path), "--index", str(db), "ministry-copy"])
    assert same.stdout == res.stdout


def test_id_labels_and_json(feed: tuple[Path, Path]) -> None:
    path, db = feed
    args = ["story", str(path), "--index", str(db), "ministry", "--id-labels", "--format", "json"]
    doc = json.loads(CliRunner().invoke(main, args).stdout)
    assert doc["schema"] == "reconcile/2"
    assert [s["id"] for s in doc["sources"]] == ["ministry", "web", "ministry-copy"]
    [k] = [k for k in doc["fact_clusters"] if k["conflict"]]
    assert k["outliers"] == ["ministry-copy"]


def test_all_stories_one_report_each(feed: tuple[Path, Path], tmp_path: Path) -> None:
    path, db = feed
    out = tmp_path / "stories"
    res = CliRunner().invoke(
        main, ["story", str(path), "--index", str(db), "--all", "-o", str(out)]
    )
    assert res.exit_code == 0, res.output
    written = sorted(p.name for p in out.iterdir())
    assert "ministry.md" in written
    assert len(written) == len(res.stdout.splitlines()) >= 2
    assert "bbc-sport-010.md" not in written  # alone in its cluster: no story
    line = next(x for x in res.stdout.splitlines() if x.startswith(str(out / "ministry.md")))
    assert line.endswith("3 reports\t1 conflicting fact")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bbc-sport-010"], "'bbc-sport-010' is in no story"),
        (["no-such-id"], "'no-such-id' is in no story"),
    ],
)
def test_no_story_is_an_error(feed: tuple[Path, Path], args: list[str], message: str) -> None:
    path, db = feed
    res = CliRunner().invoke(main, ["story", str(path), "--index", str(db), *args])
    assert res.exit_code == 2 and res.stderr.startswith("Error: ") and message in res.stderr


def test_usage(feed: tuple[Path, Path], tmp_path: Path) -> None:
    path, db = feed
    runner = CliRunner()
    res = runner.invoke(main, ["story", str(path), "--index", str(db)])
    assert res.exit_code == 2 and "give one story's ID, or --all" in res.stderr
    res = runner.invoke(main, ["story", str(path), "--index", str(db), "--all"])
    assert res.exit_code == 2 and "give the directory with -o" in res.stderr
    res = runner.invoke(main, ["story", str(path), "--index", str(tmp_path / "x.db"), "web"])
    assert res.exit_code == 2 and "no such index" in res.stderr
    assert not (tmp_path / "x.db").exists()  # reading a story never makes an index


def test_docstring_examples() -> None:
    import doctest

    import reconcile.story

    result = doctest.testmod(reconcile.story)
    assert result.attempted > 0 and result.failed == 0
