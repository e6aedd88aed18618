"""The HTML review page: self-contained, escaped, and usable in a real browser.

The browser tests open the page from disk in Debian's headless Chromium and check what
an editor sees: the conflict at the top, a click from a figure to its sentence, no
sideways scrolling on a laptop or a phone, Chinese drawn in a CJK font, no console errors.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reconcile import from_text, reconcile
from reconcile.cli import main
from reconcile.render.html import render

from .browser import chrome, open_page, viewport_width
from .helpers import BBC_226, BBC_265, MINISTRY, WEB

__all__ = ["chrome"]  # the fixture, imported for the browser tests below

EVIL = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "seed.html"
    path.write_text(render(reconcile(MINISTRY, WEB)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def conflict_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed pair with one figure edited in B: 7.5% becomes 8.5%."""
    web = WEB.read_text(encoding="utf-8")
    assert web.count("增长7.5%") == 1
    edited = from_text(web.replace("增长7.5%", "增长8.5%"), "B", path="web-edited.txt")
    result = reconcile(MINISTRY, edited)
    assert len(result.fact_diff.conflicts) == 1
    path = tmp_path_factory.mktemp("html") / "conflict.html"
    path.write_text(render(result), encoding="utf-8")
    return path


def test_page_is_self_contained_and_small(seed_page: Path) -> None:
    page = seed_page.read_text(encoding="utf-8")
    assert len(page.encode("utf-8")) < 300_000
    # No external resource of any kind: no src/href to a URL, no <link>, no @import.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "<script src" not in page


def test_page_shows_what_the_editor_needs(seed_page: Path) -> None:
    page = seed_page.read_text(encoding="utf-8")
    # Sources with title, outlet and time; the counts; each section.
    assert "工信部将启动创建国家新型工业化示范区" in page
    assert "界面新闻" in page and "2024-03-27T20:33:00" in page
    assert "22 aligned groups: 17 identical, 5 worded differently" in page
    for section in ("facts", "alignment", "merged", "chrome"):
        assert f'<section id="{section}"' in page
    # Removed chrome is listed; the seed's shared 178家 figure links to its sentence.
    assert "repeated-headline" in page
    assert re.search(r'data-go="seg-A\d+"[^>]*>178家</a>', page)


def test_every_input_field_is_escaped() -> None:
    """Markup in a title, path, outlet, sentence, subject or chrome line stays text."""
    text = (
        f"{EVIL}\n\nThe budget of {EVIL} rose 5% to £6m, Mr {EVIL} said.\n\n"
        f"“The budget rose 5%,” said {EVIL}.\n\nSource: {EVIL}\n"
    )
    a = from_text(text, "A", path=f"{EVIL}.txt")
    b = from_text(text.replace("5%", "6%"), "B", path=f"{EVIL}.txt")
    result = reconcile(a, b)
    assert result.documents[0].metadata.title == EVIL  # the fields really carry it
    assert result.documents[0].metadata.outlet == EVIL
    assert result.fact_diff.conflicts
    page = render(result)
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert page.count("&lt;script&gt;") >= 6
    # The only <script> element is our own.
    assert page.count("<script>") == 1


def test_cli_writes_html_by_suffix(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "review.html"
    r = runner.invoke(main, ["diff", str(BBC_226), str(BBC_265), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    merged = tmp_path / "merged.html"
    r = runner.invoke(main, ["merge", str(BBC_226), str(BBC_265), "-o", str(merged)])
    assert r.exit_code == 0, r.output
    assert '<section id="merged"' in merged.read_text(encoding="utf-8")
    r = runner.invoke(main, ["diff", str(BBC_226), str(BBC_265), "--format", "html"])
    assert r.exit_code == 0 and r.output.startswith("<!DOCTYPE html>")
    # Without a .html name merge keeps writing Markdown.
    md = tmp_path / "merged.md"
    r = runner.invoke(main, ["merge", str(BBC_226), str(BBC_265), "-o", str(md)])
    assert md.read_text(encoding="utf-8").startswith("# ")


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


def test_conflict_is_visible_first_and_links_to_its_sentence(
    chrome: Any, conflict_page: Path
) -> None:
    from selenium.webdriver.common.by import By

    open_page(chrome, conflict_page)
    row = chrome.find_element(By.CSS_SELECTOR, "table.facts tbody tr")
    assert "conflict" in (row.get_attribute("class") or ""), "conflicts come first"
    assert _in_view(chrome, row), "the conflict row must be visible without scrolling"
    assert "8.5%" in row.text and "7.5%" in row.text
    link = row.find_element(By.PARTIAL_LINK_TEXT, "8.5%")
    target_id = link.get_attribute("data-go")
    target = chrome.find_element(By.ID, target_id)
    assert not _in_view(chrome, target)
    link.click()
    assert _in_view(chrome, target)
    assert "flash" in (target.get_attribute("class") or "")
    assert "8.5%" in target.text
    # ... and back from the figure in its sentence to the fact table.
    fact_id = link.find_element(By.XPATH, "..").get_attribute("id").removeprefix("fact-")
    figure = target.find_element(By.ID, f"fig-{fact_id}")
    assert figure.text == "8.5%"
    figure.click()
    assert _in_view(chrome, row)
    assert _errors(chrome) == []


def test_keyboard_walks_the_conflicts(chrome: Any, conflict_page: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    open_page(chrome, conflict_page)
    stops = chrome.find_elements(By.CSS_SELECTOR, "[data-conflict-stop]")
    assert len(stops) >= 2  # the fact row and the aligned sentence row
    body = chrome.find_element(By.TAG_NAME, "body")
    body.send_keys("n")
    body.send_keys("n")
    assert _in_view(chrome, stops[1])
    body.send_keys("p")
    assert _in_view(chrome, stops[0])
    body.send_keys(Keys.ESCAPE)  # other keys do nothing
    assert _errors(chrome) == []


@pytest.mark.parametrize("width", [1280, 400])
def test_no_horizontal_overflow(chrome: Any, seed_page: Path, width: int) -> None:
    open_page(chrome, seed_page, width=width)
    scroll = chrome.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= viewport_width(chrome), f"page scrolls sideways at {width}px"
    assert _errors(chrome) == []


# Draws text on a canvas in a given font and returns its ink, cropped to the inked box, so
# two renderings compare equal exactly when the same glyphs were drawn.
_INK = """
const [family, text] = arguments;
const c = document.createElement('canvas'); c.width = 480; c.height = 90;
const g = c.getContext('2d'); g.fillStyle = '#000'; g.font = '48px ' + family;
g.fillText(text, 10, 66);
const d = g.getImageData(0, 0, c.width, c.height).data;
let x0 = c.width, y0 = c.height, x1 = -1, y1 = -1;
for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++)
  if (d[(y * c.width + x) * 4 + 3]) { x0 = Math.min(x0, x); x1 = Math.max(x1, x);
                                      y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
const ink = [];
for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) ink.push(d[(y * c.width + x) * 4 + 3]);
return (x1 - x0) + 'x' + (y1 - y0) + ':' + ink.join(',');
"""


def test_chinese_is_drawn_with_a_cjk_font(chrome: Any, seed_page: Path) -> None:
    """The page's font stack draws Chinese as Noto Sans CJK does, not as tofu boxes.

    Tofu draws every missing character as the same box, so two different characters in
    the page's font must differ; and the page's stack must give exactly the pixels of
    Noto Sans CJK SC (Debian's fonts-noto-cjk), the known rendering.
    """
    open_page(chrome, seed_page)
    family = chrome.execute_script("return getComputedStyle(document.body).fontFamily")
    assert "Noto Sans CJK SC" in family

    def ink(font: str, text: str) -> str:
        return str(chrome.execute_script(_INK, font, text))

    assert ink(family, "新") != ink(family, "力"), "Chinese characters are drawn as tofu"
    assert ink(family, "新质生产力") == ink("'Noto Sans CJK SC'", "新质生产力")
    assert ink(family, "新质生产力") != ink("monospace", "新质生产力")


def test_print_layout(chrome: Any, seed_page: Path) -> None:
    """Printed, the page drops its navigation, shows every fact and stays on the page."""
    from selenium.webdriver.common.by import By

    open_page(chrome, seed_page)
    chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        nav = chrome.find_element(By.CSS_SELECTOR, "nav.toc")
        assert not nav.is_displayed()
        folded = chrome.find_element(By.CSS_SELECTOR, "details.more table")
        visible = chrome.execute_script("return arguments[0].checkVisibility()", folded)
        assert visible, "facts folded on screen are printed"
        scroll = chrome.execute_script("return document.documentElement.scrollWidth")
        assert scroll <= viewport_width(chrome)
    finally:
        chrome.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_markup_in_inputs_does_nothing_in_the_browser(chrome: Any, tmp_path: Path) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    text = f"{EVIL}\n\nThe budget of {EVIL} rose 5% to £6m.\n\nSource: {EVIL}\n"
    result = reconcile(from_text(text, "A"), from_text(text.replace("5%", "6%"), "B"))
    page = tmp_path / "evil.html"
    page.write_text(render(result), encoding="utf-8")
    open_page(chrome, page)
    assert chrome.execute_script("return document.querySelectorAll('img').length") == 0
    with pytest.raises(NoAlertPresentException):
        chrome.switch_to.alert.text  # noqa: B018  # reading it is what raises
    assert EVIL in chrome.find_element("tag name", "h1").text


def test_identical_groups_can_be_hidden(chrome: Any, seed_page: Path) -> None:
    from selenium.webdriver.common.by import By

    open_page(chrome, seed_page)
    shown = len(
        [e for e in chrome.find_elements(By.CSS_SELECTOR, ".grid > .mark") if e.is_displayed()]
    )
    chrome.find_element(By.ID, "only-diff").click()
    left = len(
        [e for e in chrome.find_elements(By.CSS_SELECTOR, ".grid > .mark") if e.is_displayed()]
    )
    assert shown - left == 17  # the seed pair's identical groups
    assert _errors(chrome) == []
