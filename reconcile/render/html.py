"""The review as one self-contained HTML page (Jinja2, autoescaped).

Everything the page needs is inline: its CSS and a little JavaScript (jumps between a
fact and its sentence, n/p from conflict to conflict). It fetches nothing, so it opens
from disk offline and can be mailed or archived as one file. Every text that comes from
an input passes through Jinja2's autoescaping; only our own CSS and JS are marked safe.

Two sources get the side-by-side page (``review.build``, ``review.html.j2``). Three or
more get the N-source page (``review_n.build_n``, ``review_n.html.j2``): its alignment
is embedded once as JSON (``tojson`` escapes ``<``, ``>``, ``&`` and ``'``, so no input
can end the element) and drawn by ``review_n.js`` for the base source the reader picks.
"""

from __future__ import annotations

from importlib import metadata, resources
from typing import TYPE_CHECKING

from ..models import Result
from .review import Review, Row, build
from .review_n import ReviewN, build_n

if TYPE_CHECKING:
    import jinja2

# Okabe-Ito, minus black: safe for the common colour-vision deficiencies. The tints are
# the same hues, light enough to keep black text readable on them.
_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7")
_TINTS = ("#F8DFA6", "#CBE7F8", "#B3E3D5", "#FAF5BC", "#B3D3EA", "#F3CCB0", "#EFD3E3")


def render(result: Result) -> str:
    """The review page of ``result``.

    Example:
        >>> from reconcile import reconcile
        >>> page = render(reconcile("fixtures/bbc-quango-2005/politics-226.txt",
        ...                         "fixtures/bbc-quango-2005/politics-265.txt"))
        >>> page.startswith("<!DOCTYPE html>"), "<script src" in page
        (True, False)
    """
    if len(result.documents) > 2:
        return _render_n(build_n(result))
    review = build(result)
    template = _environment().get_template("review.html.j2")
    return template.render(
        review=review,
        c=review.counts,
        title=_title(review),
        lang=_lang(review),
        version=_version(),
        css=_asset("review.css"),
        js=_asset("review.js"),
        index_of={s.id: i for i, s in enumerate(review.sources)},
        colour=lambda i: _COLOURS[i % len(_COLOURS)],
        tint=lambda i: _TINTS[i % len(_TINTS)],
        plural=_plural,
        mark=_mark,
        mark_title=_mark_title,
    )


# Up to this many sources the alignment opens with one column per source; beyond, a
# column is too narrow to read at 1280 px and the page opens on the base beside the others.
COLUMNS_UP_TO = 4


def _render_n(review: ReviewN) -> str:
    template = _environment().get_template("review_n.html.j2")
    data = {
        "sources": [{"k": s.key, "id": s.id} for s in review.sources],
        **review.alignment,
    }
    titles = [s.title for s in review.sources if s.title]
    return template.render(
        review=review,
        c=review.counts,
        title=f"Review: {titles[0]}" if titles else "reconcile review",
        lang=_lang_of(titles),
        version=_version(),
        css=_asset("review.css"),
        css_n=_asset("review_n.css"),
        js=_asset("review.js"),
        js_n=_asset("review_n.js"),
        # The script's data: tojson escapes <, >, & and ' so no input can close the element.
        data=data,
        columns=len(review.sources) <= COLUMNS_UP_TO,
        index_of={s.id: i for i, s in enumerate(review.sources)},
        colour=lambda i: _COLOURS[i % len(_COLOURS)],
        tint=lambda i: _TINTS[i % len(_TINTS)],
        plural=_plural,
    )


def _environment() -> jinja2.Environment:
    # Jinja2 is imported here, not at module level: only --format html pays for it.
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("reconcile.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )


def _title(review: Review) -> str:
    titles = [s.title for s in review.sources if s.title]
    return f"Review: {titles[0]}" if titles else "reconcile review"


def _lang(review: Review) -> str:
    return _lang_of([s.title or "" for s in review.sources])


def _lang_of(titles: list[str]) -> str:
    # The page's language picks the CJK font variant; the titles tell which script it is.
    text = "".join(titles)
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _mark(row: Row) -> str:
    if row.kind == "unique":
        label = "+" + "".join(cell.source for cell in row.cells if cell is not None)
    elif row.kind == "related":
        label = f"~{row.score:.0f}" if row.score is not None else "~"
    elif row.kind == "identical":
        label = "="
    else:
        label = f"≈{row.score:.0f}" if row.score is not None else "≈"
    if row.moved:
        label += " ↕"
    if row.conflict:
        label = "⚠ " + label
    return label


def _mark_title(row: Row) -> str:
    bits = {
        "unique": "stated by one source only",
        "identical": "identical wording",
        "variant": "worded differently (similarity shown)",
        "related": "similar to a sentence of another source, but not the same statement",
    }
    text = bits[row.kind]
    if row.moved:
        text += "; found out of order"
    if row.conflict:
        text += "; the sources' figures conflict"
    return text


def _asset(name: str) -> str:
    return (resources.files("reconcile.render") / "templates" / name).read_text("utf-8")


def _version() -> str:
    try:
        return metadata.version("reconcile")
    except metadata.PackageNotFoundError:  # running from a source tree without install
        return "dev"
