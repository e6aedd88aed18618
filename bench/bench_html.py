"""How big is the HTML review page, and how fast does Chromium show it?

For the seed pair, a BBC story in two versions, and a 200 KB pair built from BBC
articles, the page is rendered and opened from disk in Debian's headless Chromium
(selenium, the same launcher as the tests); DOMContentLoaded is read from the page's
navigation timing. The baseline in the same run is the same page stripped of its CSS
and JavaScript, so the figures show what the styling and the jump/keyboard script cost.

Run: ``python bench/bench_html.py [--repeat N]``. Prints sizes, medians and ratios.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _corpora import bbc  # noqa: E402

from reconcile import from_text, reconcile  # noqa: E402
from reconcile.render.html import render  # noqa: E402
from tests.browser import start_driver  # noqa: E402

SEED = ROOT / "fixtures" / "press-2024-03-26"


def _big_pair(size: int) -> tuple[str, str]:
    """Two reports of ~``size`` bytes: B drops, rewords and adds paragraphs of A."""
    rng = random.Random(7)
    paras: list[str] = []
    for art in bbc():
        paras.extend(p for p in art["text"].split("\n\n") if len(p) > 80)
        if sum(map(len, paras)) > size:
            break
    b = [p.replace(" the ", " a ", 1) if rng.random() < 0.3 else p for p in paras]
    b = [p for p in b if rng.random() > 0.1]
    return "\n\n".join(paras), "\n\n".join(b)


def _dcl(driver: object, path: Path) -> float:
    driver.get(path.as_uri())  # type: ignore[attr-defined]
    return float(
        driver.execute_script(  # type: ignore[attr-defined]
            "const n = performance.getEntriesByType('navigation')[0];"
            "return n.domContentLoadedEventEnd - n.startTime;"
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    texts = {
        "seed pair": (
            (SEED / "ministry-report.txt").read_text("utf-8"),
            (SEED / "web-report.txt").read_text("utf-8"),
        ),
        "BBC story, two versions": (
            (ROOT / "fixtures/bbc-quango-2005/politics-226.txt").read_text("utf-8"),
            (ROOT / "fixtures/bbc-quango-2005/politics-265.txt").read_text("utf-8"),
        ),
        "200 KB pair": _big_pair(200_000),
    }
    driver = start_driver(1280, 900)
    tmp = Path(tempfile.mkdtemp())
    print(f"{'input':26} {'page':>9} {'render':>8} {'DCL page':>9} {'DCL bare':>9} {'ratio':>6}")
    try:
        for name, (a, b) in texts.items():
            result = reconcile(from_text(a, "A"), from_text(b, "B"))
            t0 = time.perf_counter()
            page = render(result)
            render_s = time.perf_counter() - t0
            full = tmp / "page.html"
            bare = tmp / "bare.html"
            full.write_text(page, "utf-8")
            bare.write_text(re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.S), "utf-8")
            runs_full: list[float] = []
            runs_bare: list[float] = []
            for _ in range(args.repeat):  # interleaved, so drift hits both alike
                runs_full.append(_dcl(driver, full))
                runs_bare.append(_dcl(driver, bare))
            f, g = statistics.median(runs_full), statistics.median(runs_bare)
            size = len(page.encode("utf-8"))
            print(
                f"{name:26} {size / 1024:7.0f} KB {render_s:7.2f}s {f:7.0f}ms {g:7.0f}ms "
                f"{f / g:5.2f}×"
            )
    finally:
        driver.quit()
    print(f"medians of {args.repeat} loads each; DCL = DOMContentLoaded from navigation start")


if __name__ == "__main__":
    main()
