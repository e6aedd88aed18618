"""How big is the HTML review page, and how fast does Chromium show it?

Two sources: for the seed pair, a BBC story in two versions, and a 200 KB pair built
from BBC articles, the page is rendered and opened from disk in Debian's headless
Chromium (selenium, the same launcher as the tests); DOMContentLoaded is read from the
page's navigation timing. The baseline in the same run is the same page stripped of its
CSS and JavaScript, so the figures show what the styling and the jump/keyboard script cost.

Ten sources (``_ten_reports``): stories of 10 reports made from real BBC text, the four
pension strike reports (~2 KB each) and a ~5 KB BBC article, each filled up to ten
with edited copies the way a story develops: paragraphs dropped, a figure changed, a
paragraph moved, a word changed, a paragraph of another report added (two edits per
copy, seeded). The N-source page draws its alignment in the browser before
DOMContentLoaded, so its DCL includes that drawing; switching the base redraws it and
is timed too. The obvious alternative, measured in the same run: the two-source page
for every pair of the ten (45 pages), its total size and the sum of their DCLs.

Run: ``python bench/bench_html.py [--repeat N]``. Prints sizes, medians and ratios.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from itertools import combinations  # noqa: E402

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


PENSION = ("bbc-politics-294", "bbc-politics-069", "bbc-politics-311", "bbc-politics-312")
LONG = "bbc-business-330"  # Fresh hope after Argentine crisis, 5.2 KB


def _edit(text: str, rng: random.Random, others: list[str]) -> str:
    """One edit an updated or syndicated version of a report makes."""
    head, *paras = text.split("\n\n")
    what = rng.choice(["drop", "figure", "move", "word", "add"])
    k = rng.randrange(len(paras))
    if what == "drop" and len(paras) > 2:
        del paras[k]
    elif what == "figure":
        numbers = [m for p in paras for m in re.finditer(r"\d+", p)]
        if numbers:
            m = rng.choice(numbers)
            at = next(j for j, p in enumerate(paras) if p is m.string)
            p = paras[at]
            paras[at] = p[: m.start()] + str(int(m.group()) + 1) + p[m.end() :]
    elif what == "move":
        paras.insert(0, paras.pop(k))
    elif what == "word":
        paras[k] = paras[k].replace(" said ", " told reporters ", 1).replace(" the ", " a ", 1)
    else:
        extra = rng.choice(others).split("\n\n")[1:]
        paras.insert(k, rng.choice(extra))
    return "\n\n".join([head, *paras])


def _ten_reports(originals: list[str], seed: int = 11) -> list[str]:
    """The originals, then edited copies of them in turn (two edits each) up to ten."""
    rng = random.Random(seed)
    out = list(originals)
    while len(out) < 10:
        text = originals[len(out) % len(originals)]
        for _ in range(2):
            text = _edit(text, rng, originals)
        out.append(text)
    return out


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
        print()
        articles = {a["id"]: a["text"] for a in bbc()}
        stories = {
            "pension strike, 10 reports": _ten_reports([articles[i] for i in PENSION]),
            "5 KB article, 10 versions": _ten_reports([articles[LONG]]),
        }
        for name, texts in stories.items():
            _story(name, texts, driver, tmp, args.repeat)
    finally:
        driver.quit()
    print(f"medians of {args.repeat} loads each; DCL = DOMContentLoaded from navigation start")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def json_of(page: str) -> bytes:
    """The page's embedded alignment data, which server-drawn views would not need."""
    m = re.search(r'<script type="application/json" id="align-data">(.*?)</script>', page, re.S)
    return m.group(1).encode("utf-8") if m else b""


_SWITCH = """
const sel = document.getElementById('base');
const out = [];
let markup = 0;
for (let i = 0; i < sel.options.length; i++) {
  const t0 = performance.now();
  sel.value = String(i);
  sel.dispatchEvent(new Event('change'));
  document.body.offsetHeight;  // force the layout the redraw causes
  out.push(performance.now() - t0);
  markup += new Blob([document.getElementById('align').outerHTML]).size;
}
return [out, markup];
"""


def _story(name: str, texts: list[str], driver: Any, tmp: Path, repeat: int) -> None:
    """The 10-source page against the 45 two-source pages of every pair."""
    labels = [f"R{k + 1:02d}x" for k in range(len(texts))]  # no label may end in a digit
    docs = [from_text(t, label) for t, label in zip(texts, labels, strict=True)]
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    t0 = time.perf_counter()
    result = reconcile(*docs)
    page = render(result)
    render_s = time.perf_counter() - t0
    path = tmp / "story.html"
    path.write_text(page, "utf-8")
    pair_paths: list[Path] = []
    t0 = time.perf_counter()
    for a, b in combinations(range(len(docs)), 2):
        pair = tmp / f"pair-{a}-{b}.html"
        pair.write_text(render(reconcile(docs[a], docs[b])), "utf-8")
        pair_paths.append(pair)
    pairs_s = time.perf_counter() - t0
    runs: list[float] = []
    switch: list[float] = []
    pair_runs: dict[Path, list[float]] = {p: [] for p in pair_paths}
    for _ in range(repeat):
        runs.append(_dcl(driver, path))
        times, markup = driver.execute_script(_SWITCH)
        switch.extend(float(x) for x in times)
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert not errors, errors
        for p in pair_paths:
            pair_runs[p].append(_dcl(driver, p))
    size = len(page.encode("utf-8"))
    pair_size = sum(p.stat().st_size for p in pair_paths)
    pair_dcl = [statistics.median(v) for v in pair_runs.values()]
    print(
        f"{name}: {len(texts)} reports, {kb:.0f} KB of text, {len(result.canonical)} merged sentences"
    )
    print(
        f"  N-source page    {size / 1024:7.0f} KB  reconcile+render {render_s:5.2f}s  "
        f"DCL median {statistics.median(runs):6.0f} ms  (min {min(runs):.0f}, max {max(runs):.0f})  "
        f"base switch median {statistics.median(switch):4.0f} ms"
    )
    print(
        f"  45 pair pages    {pair_size / 1024:7.0f} KB  reconcile+render {pairs_s:5.2f}s  "
        f"DCL median per page {statistics.median(pair_dcl):4.0f} ms, sum {sum(pair_dcl):5.0f} ms"
    )
    # The alternative of drawing every base on the server (CSS shows one): the page
    # would hold each base's alignment markup, as the browser serialises it.
    per_base = size + int(markup) - len(json_of(page))
    print(f"  every base drawn on the server instead: ~{per_base / 1024:.0f} KB")
    ok = size < 2_000_000 and statistics.median(runs) < 1000
    print(f"  budget (< 2 MB, DCL < 1 s): {'met' if ok else 'NOT MET'}")


if __name__ == "__main__":
    main()
