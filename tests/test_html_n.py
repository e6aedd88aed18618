"""The HTML review page of N > 2 sources, on a real story, in a real browser.

The story is the BBC's 2005 pension strike talks in four reports (``bbc-politics-294``,
``-069``, ``-311``, ``-312``), with one figure of ``-311`` edited (800,000 local
government workers become 900,000) so that the page has a conflict to show: two
reports against one, the edited report the outlier.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reconcile import from_text, reconcile
from reconcile.cli import main
from reconcile.models import Result
from reconcile.render.html import render

from .browser import chrome, open_page, viewport_width
from .collate_support import PENSION, bbc

__all__ = ["chrome"]  # the fixture, imported for the browser tests below

EDITED = "bbc-politics-311"
# Labels may hold no whitespace (they name sources in [A+C] tags): markup without spaces.
EVIL_LABEL = '<script>alert(1)</script>"><img/src=x/onerror=alert(2)>'
EVIL = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def pension() -> Result:
    texts = {i: bbc()[i]["text"] for i in PENSION}
    assert texts[EDITED].count("800,000 local government workers") == 1
    texts[EDITED] = texts[EDITED].replace(
        "800,000 local government workers", "900,000 local government workers"
    )
    result = reconcile(*(from_text(texts[i], i) for i in PENSION))
    assert [k.outliers for k in result.disputes] == [(EDITED,)]
    return result


@pytest.fixture(scope="module")
def pension_page(pension: Result, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "pension.html"
    path.write_text(render(pension), encoding="utf-8")
    return path


def test_page_is_self_contained(pension_page: Path) -> None:
    page = pension_page.read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) < 300_000
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "<script src" not in page


def test_summary_bar_names_every_source_and_who_shares_what(pension_page: Path) -> None:
    page = pension_page.read_text(encoding="utf-8")
    for title in (
        "Civil servants in strike ballot",
        "Talks aim to avert pension strike",
        "Stalemate in pension strike talks",
    ):
        assert title in page
    assert "⚠ 1 conflict" in page
    assert re.search(r"\d+ merged sentences: \d+ worded alike .*\d+ in one source only", page)
    # The matrix: -069 and -311 share all their 20 sentence groups, the first report
    # shares 8 with each later one.
    body = page[page.index('id="matrix"') :]
    body = body[body.index("<tbody>") : body.index("</tbody>")]
    cells = [re.findall(r"<td[^>]*>(\d+)</td>", r) for r in body.split("<tr>")[1:]]
    assert cells[1][1] == cells[1][2] == cells[2][1] == "20"
    assert cells[0][1:4] == ["8", "8", "8"]


def test_merged_text_tags_sentences_and_shows_every_value(pension_page: Path) -> None:
    page = pension_page.read_text(encoding="utf-8")
    merged = page[page.index('<section id="merged"') :]
    text = re.sub(r"<[^>]+>", "", merged)
    assert "⚠ 800,000 [bbc-politics-069,bbc-politics-312] / 900,000 [bbc-politics-311]" in text
    # A sentence all four state carries the four badges (keys 1-4, the labels as titles).
    assert "[1+2+3+4]" in text


@pytest.fixture(scope="module")
def pension_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    tmp = tmp_path_factory.mktemp("pension")
    paths = [tmp / f"{i}.txt" for i in PENSION]
    for i, path in zip(PENSION, paths, strict=True):
        path.write_text(bbc()[i]["text"], encoding="utf-8")
    return paths


def test_cli_diff_and_merge_write_one_n_source_page(
    pension_files: list[Path], tmp_path: Path
) -> None:
    runner = CliRunner()
    args = [str(p) for p in pension_files[:3]]
    out = tmp_path / "x.html"
    r = runner.invoke(main, ["diff", *args, "--format", "html", "-o", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'id="align-data"' in page
    assert page.count('<option value="') >= 3 + 2 + 1 + 3  # base, layout, show
    merged = tmp_path / "merged.html"
    r = runner.invoke(main, ["merge", *args, "-o", str(merged)])
    assert r.exit_code == 0, r.output
    assert '<section id="merged"' in merged.read_text(encoding="utf-8")
    # Two files keep the two-source page.
    r = runner.invoke(main, ["diff", *args[:2], "--format", "html"])
    assert r.exit_code == 0 and 'id="align-data"' not in r.output


def test_cli_story_writes_the_page(tmp_path: Path) -> None:
    rows = [{"id": i, "text": bbc()[i]["text"]} for i in (*PENSION, "bbc-sport-010")]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    db = tmp_path / "feed.db"
    runner = CliRunner()
    r = runner.invoke(
        main, ["dedup", str(feed), "--index", str(db), "--workers", "1", "-o", str(tmp_path / "c")]
    )
    assert r.exit_code == 0, r.output
    out = tmp_path / "story.html"
    args = ["story", str(feed), "--index", str(db), PENSION[1], "--format", "html"]
    r = runner.invoke(main, [*args, "-o", str(out)])
    assert r.exit_code == 0, r.output
    page = out.read_text(encoding="utf-8")
    assert 'id="align-data"' in page and "Stalemate in pension strike talks" in page


# -- in the browser -----------------------------------------------------------------------


def _in_view(driver: Any, element: Any) -> bool:
    return bool(
        driver.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;",
            element,
        )
    )


def _errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def _select(driver: Any, select_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", select_id)).select_by_value(value)


def test_conflict_is_visible_first_and_links_to_its_sentence(
    chrome: Any, pension_page: Path
) -> None:
    from selenium.webdriver.common.by import By

    open_page(chrome, pension_page)
    row = chrome.find_element(By.CSS_SELECTOR, "table.facts tbody tr")
    assert "conflict" in (row.get_attribute("class") or ""), "conflicts come first"
    assert _in_view(chrome, row), "the conflict row must be visible without scrolling"
    assert "majority: 800,000" in row.text
    outlier = row.find_element(By.CSS_SELECTOR, "td.outlier")
    assert "900,000" in outlier.text and "✗" in outlier.text  # a marker beyond colour
    link = outlier.find_element(By.PARTIAL_LINK_TEXT, "900,000")
    target = chrome.find_element(By.ID, link.get_attribute("data-go"))
    assert not _in_view(chrome, target)
    link.click()
    assert _in_view(chrome, target)
    assert "flash" in (target.get_attribute("class") or "")
    assert "900,000 local government workers" in target.text
    # ... and back from the figure in its sentence to the claim.
    fact_id = link.find_element(By.XPATH, "..").get_attribute("id").removeprefix("fact-")
    figure = target.find_element(By.ID, f"fig-{fact_id}")
    assert figure.text == "900,000"
    figure.click()
    assert _in_view(chrome, row)
    assert _errors(chrome) == []


def _cell(driver: Any, source: str, needle: str) -> Any:
    from selenium.webdriver.common.by import By

    k = PENSION.index(source)
    found = [
        c for c in driver.find_elements(By.CSS_SELECTOR, f"#align .cell.c-{k}") if needle in c.text
    ]
    assert len(found) == 1, f"{needle!r} in {len(found)} cells of {source}"
    return found[0]


def _changed(cell: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    return [e.text for e in cell.find_elements(By.CSS_SELECTOR, ".chg")]


def test_switching_the_base_source_redraws_the_marks(chrome: Any, pension_page: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(chrome, pension_page)
    needle = "start balloting"
    # Base -069: the edited report's figure is what differs.
    _select(chrome, "base", str(PENSION.index("bbc-politics-069")))
    assert "900,000" in " ".join(_changed(_cell(chrome, EDITED, needle)))
    assert _changed(_cell(chrome, "bbc-politics-069", needle)) == []
    # Base -311: now the others differ from it, and it is marked nowhere.
    _select(chrome, "base", str(PENSION.index(EDITED)))
    assert _changed(_cell(chrome, EDITED, needle)) == []
    assert "800,000" in " ".join(_changed(_cell(chrome, "bbc-politics-312", needle)))
    head = chrome.find_element(By.CSS_SELECTOR, "#align .head.base-head")
    assert head.text.startswith("3")  # the edited report's badge
    # Base beside the others: one column for the base, the others stacked beside it.
    _select(chrome, "layout", "beside")
    row = _cell(chrome, EDITED, needle).find_element(By.XPATH, "..")
    base_cells = row.find_elements(By.CSS_SELECTOR, ":scope > .cell")
    others = row.find_elements(By.CSS_SELECTOR, ":scope > .others > .cell")
    assert [c.get_attribute("id") for c in base_cells] == [
        _cell(chrome, EDITED, needle).get_attribute("id")
    ]
    assert len(others) == 2  # -069 and -312 state it too
    # Links from the fact table still land on the redrawn sentences.
    chrome.execute_script("window.scrollTo(0, 0)")  # back up to the fact table
    link = chrome.find_element(By.CSS_SELECTOR, "td.outlier a[data-go^='seg-']")
    link.click()
    assert _in_view(chrome, _cell(chrome, EDITED, needle))
    assert _errors(chrome) == []


def test_alike_readings_share_one_line_beside_the_base(chrome: Any, pension_page: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(chrome, pension_page)
    _select(chrome, "layout", "beside")
    _select(chrome, "base", "0")  # the first report: it does not state the later talks
    line = _cell(chrome, "bbc-politics-069", "will hold private talks")
    badges = line.find_elements(By.CSS_SELECTOR, ".src .badge")
    assert [b.get_attribute("title") for b in badges] == ["bbc-politics-069", EDITED]
    # A link to the other source's sentence lands on the shared line, highlighted.
    anchor = line.find_element(By.CSS_SELECTOR, f".anchor[id^='seg-{EDITED}']")
    chrome.execute_script("window.scrollTo(0, 0)")
    link = chrome.find_element(By.CSS_SELECTOR, f"a[data-go='{anchor.get_attribute('id')}']")
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    assert not _in_view(chrome, line)
    link.click()
    assert _in_view(chrome, line)
    assert "flash" in (line.get_attribute("class") or "")
    assert _errors(chrome) == []


def test_each_source_s_own_sentences_can_be_listed(chrome: Any, pension_page: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(chrome, pension_page)
    _select(chrome, "show", f"only-{PENSION.index('bbc-politics-312')}")
    shown = [r for r in chrome.find_elements(By.CSS_SELECTOR, "#align .row") if r.is_displayed()]
    text = " ".join(r.text for r in shown)
    # The stalemate paragraph, only in the latest report.
    assert "ended without agreement" in text and "Discussions will resume next week." in text
    assert all(
        "only" in r.find_element(By.CSS_SELECTOR, ".mark").get_attribute("title") for r in shown
    )
    # A fact of another source links into a hidden row: every row shows again, and it lands.
    link = chrome.find_element(By.CSS_SELECTOR, "td.outlier a[data-go^='seg-']")
    chrome.execute_script("window.scrollTo(0, 0)")
    link.click()
    target = chrome.find_element(By.ID, link.get_attribute("data-go"))
    assert target.is_displayed() and _in_view(chrome, target)
    assert chrome.find_element(By.ID, "show").get_attribute("value") == "all"


def test_keyboard_walks_the_conflicts(chrome: Any, pension_page: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(chrome, pension_page)
    _select(chrome, "base", "1")  # stops are found again after a redraw
    body = chrome.find_element(By.TAG_NAME, "body")
    body.send_keys("n")
    body.send_keys("n")
    stops = chrome.find_elements(By.CSS_SELECTOR, "[data-conflict-stop]")
    assert len(stops) == 2  # the claim and its aligned row
    assert _in_view(chrome, stops[1])
    assert "900,000" in stops[1].find_element(By.XPATH, "..").text
    assert _errors(chrome) == []


@pytest.mark.parametrize("layout", ["columns", "beside"])
@pytest.mark.parametrize("width", [1280, 400])
def test_no_horizontal_overflow(chrome: Any, pension_page: Path, width: int, layout: str) -> None:
    open_page(chrome, pension_page, width=width)
    _select(chrome, "layout", layout)
    scroll = chrome.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= viewport_width(chrome), f"page scrolls sideways at {width}px"
    assert _errors(chrome) == []


@pytest.fixture(scope="module")
def evil_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Markup in every field of three sources: label, path, title, outlet, sentences."""
    text = (
        f"{EVIL}\n\nThe budget of {EVIL} rose 5% to £6m, Mr {EVIL} said.\n\n"
        f"“The budget rose 5%,” said {EVIL}.\n\nSource: {EVIL}\n"
    )
    docs = [
        from_text(text.replace("5%", pct), f"{EVIL_LABEL}{k}", path=f"{EVIL}.txt")
        for k, pct in zip("abc", ["5%", "5%", "6%"], strict=True)
    ]
    result = reconcile(*docs)
    assert result.documents[0].metadata.title == EVIL  # the fields really carry it
    assert result.documents[0].metadata.outlet == EVIL
    assert result.disputes
    path = tmp_path_factory.mktemp("html") / "evil.html"
    path.write_text(render(result), encoding="utf-8")
    return path


def test_every_input_field_is_escaped(evil_page: Path) -> None:
    page = evil_page.read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "<img src=x" not in page and "<img/src" not in page
    # Our three scripts: the alignment's data, its drawing, the jumps.
    assert len(re.findall(r"<script\b", page)) == 3


def test_markup_in_inputs_does_nothing_in_the_browser(chrome: Any, evil_page: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    open_page(chrome, evil_page)
    for layout in ("columns", "beside"):
        _select(chrome, "layout", layout)
        _select(chrome, "base", "2")
        assert chrome.execute_script("return document.querySelectorAll('img').length") == 0
        with pytest.raises(NoAlertPresentException):
            chrome.switch_to.alert.text  # noqa: B018  # reading it is what raises
    assert EVIL in chrome.find_element(By.TAG_NAME, "h1").text
    cells = chrome.find_elements(By.CSS_SELECTOR, "#align .cell")
    assert any(EVIL in c.text for c in cells), "sentence text is drawn as text"
    options = chrome.find_elements(By.CSS_SELECTOR, "#base option")
    assert EVIL_LABEL + "a" in options[0].text
    assert _errors(chrome) == []


def test_sentences_out_of_order_are_marked(chrome: Any, tmp_path: Path) -> None:
    """C moves the last paragraph of A and B to the top: its copy is marked ↕, theirs not."""
    from selenium.webdriver.common.by import By

    paras = [
        "Talks on pensions resumed in London on Monday morning.",
        "The unions want the retirement age kept at sixty for council staff.",
        "Ministers said the new rules would go ahead in April regardless.",
        "A spokesman said both sides were still talking after the meeting.",
    ]
    a = "Title\n\n" + "\n\n".join(paras)
    c = "Title\n\n" + "\n\n".join([paras[3], *paras[:3]])
    result = reconcile(from_text(a, "A"), from_text(a, "B"), from_text(c, "C"))
    page = tmp_path / "moved.html"
    page.write_text(render(result), encoding="utf-8")
    open_page(chrome, page)
    moved = chrome.find_elements(By.CSS_SELECTOR, "#align .cell.moved")
    assert [m.text for m in moved] == ["↕ " + paras[3]]
    assert "c-2" in (moved[0].get_attribute("class") or "")  # C's column
    row = moved[0].find_element(By.XPATH, "..")
    assert "↕" in row.find_element(By.CSS_SELECTOR, ".mark").text
    assert _errors(chrome) == []


def test_print_shows_the_drawn_alignment(chrome: Any, pension_page: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(chrome, pension_page)
    chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not chrome.find_element(By.CSS_SELECTOR, "nav.toc").is_displayed()
        cells = chrome.find_elements(By.CSS_SELECTOR, "#align .cell:not(.empty)")
        assert len(cells) > 40 and all(c.is_displayed() for c in cells[:5])
        scroll = chrome.execute_script("return document.documentElement.scrollWidth")
        assert scroll <= viewport_width(chrome)
    finally:
        chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
