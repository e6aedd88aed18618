"""Screenshot of the seed pair's review page for the README (docs/review-seed.png).

Opens the page in Debian's headless Chromium at 1280 × 900, as a laptop shows it, with
one figure of the web report edited so the conflict row is on screen too.

Run: ``python bench/screenshot.py [OUT.png]`` (``make screenshot``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reconcile import from_text, reconcile  # noqa: E402
from reconcile.render.html import render  # noqa: E402
from tests.browser import start_driver  # noqa: E402

SEED = ROOT / "fixtures" / "press-2024-03-26"


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "review-seed.png"
    os.chdir(ROOT)  # paths on the page relative to the repository, as a user types them
    web = (SEED / "web-report.txt").read_text("utf-8").replace("增长7.5%", "增长8.5%")
    result = reconcile(
        "fixtures/press-2024-03-26/ministry-report.txt",
        from_text(web, "B", path="fixtures/press-2024-03-26/web-report.txt (one figure edited)"),
    )
    page = Path(tempfile.mkdtemp()) / "review.html"
    page.write_text(render(result), "utf-8")
    driver = start_driver(1280, 900)
    try:
        driver.get(page.as_uri())
        driver.save_screenshot(str(out))
    finally:
        driver.quit()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
