"""Screenshots of the review page for the README: docs/review-seed.png, docs/review-story.png.

The seed pair's page, with one figure of the web report edited so the conflict row is
on screen too; and the page of a story in four reports (the BBC's pension strike talks,
``bbc-politics-294``, ``-069``, ``-311``, ``-312``, from ../shared/corpora) with one
figure of ``-311`` edited, scrolled to its fact table. Both open in Debian's headless
Chromium at 1280 × 900, as a laptop shows them.

Run: ``python bench/screenshot.py [seed|story …]`` (``make screenshot``; default: both).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _corpora import bbc  # noqa: E402

from reconcile import from_text, reconcile  # noqa: E402
from reconcile.render.html import render  # noqa: E402
from tests.browser import start_driver  # noqa: E402

SEED = ROOT / "fixtures" / "press-2024-03-26"
PENSION = ("bbc-politics-294", "bbc-politics-069", "bbc-politics-311", "bbc-politics-312")


def seed_page() -> str:
    web = (SEED / "web-report.txt").read_text("utf-8").replace("增长7.5%", "增长8.5%")
    return render(
        reconcile(
            "fixtures/press-2024-03-26/ministry-report.txt",
            from_text(
                web, "B", path="fixtures/press-2024-03-26/web-report.txt (one figure edited)"
            ),
        )
    )


def story_page() -> str:
    texts = {a["id"]: a["text"] for a in bbc() if a["id"] in PENSION}
    texts["bbc-politics-311"] = texts["bbc-politics-311"].replace(
        "800,000 local government workers", "900,000 local government workers"
    )
    return render(reconcile(*(from_text(texts[i], i) for i in PENSION)))


# (page, file, element to scroll to the top or None)
SHOTS = {
    "seed": (seed_page, "review-seed.png", None),
    "story": (story_page, "review-story.png", "facts"),
}


def main() -> None:
    names = sys.argv[1:] or list(SHOTS)
    os.chdir(ROOT)  # paths on the page relative to the repository, as a user types them
    tmp = Path(tempfile.mkdtemp())
    driver = start_driver(1280, 900)
    try:
        for name in names:
            make, file, anchor = SHOTS[name]
            page = tmp / f"{name}.html"
            page.write_text(make(), "utf-8")
            driver.get(page.as_uri())
            if anchor is not None:
                driver.execute_script(f"document.getElementById('{anchor}').scrollIntoView()")
            out = ROOT / "docs" / file
            driver.save_screenshot(str(out))
            print(f"wrote {out}")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
