"""Site chrome and metadata: which lines of a page are not the article.

Rules come from a line's shape (length, punctuation, what its tokens look like), its
position (before the first or after the last body paragraph) and repetition (a headline
printed again at the foot), plus the label lists in ``data/boilerplate.toml``. Nothing
here knows any particular site.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import NamedTuple

from . import _data
from ._regex import compiled
from .models import BoilerplateLine, Metadata
from .normalize import normalize_text

# Characters from U+1100 up, the only ones that can be wide (see _width).
_HIGH = "[^\x00-\u10ff]"
_LINE = r"[^\r\n]*(?:\r\n|\r|\n|$)"
_TERMINAL = "。!?;.…"
_CLOSERS = "\"'”’」』)）]】》"

_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE = (
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTHS})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<m3>{_MONTHS})\.?\s+(?P<d3>\d{{1,2}}),?\s+(?P<y3>\d{{4}})"
)
_TIME = r"(?P<H>\d{1,2})[:：时](?P<M>\d{2})(?:[:：分](?P<S>\d{2})秒?)?(?:\s*(?:am|pm|gmt|utc|bst|cst|edt|est))?"
_DATELINE = re.compile(
    r"^[\[(（【]?\s*(?:(?:发布|更新|发表)?(?:时间|日期)|published(?: on)?|updated|posted(?: on)?"
    r"|last updated|date)?\s*[:：]?\s*"
    rf"(?:[a-z]+day,?\s+)?(?:{_DATE})(?:\s*,?\s*(?:{_TIME}))?"
    r"(?:\s*(?:北京时间|local time))?\s*[\])）】]?"
    r"(?P<rest>\s+.*)?$",
    re.IGNORECASE,
)
_URLISH = re.compile(
    r"^(?:https?://|www\.)\S+$|^[\w./-]+\.(?:xml|html?|shtml|php|aspx?|jsp|cgi|rss)$", re.IGNORECASE
)
_BREADCRUMB = r"\s*(?:\||>|»|›|·|/|\\)\s*"
_BREADCRUMB_MARK = r"[|>»›·/\\]"
# Punctuation a line of prose has somewhere.
_PROSE_MARK = "[。!?;.,，、]"
_SENTENCE_END = re.compile(r"[。!?;]|\.(?:\s|$)")


@dataclass(frozen=True)
class Line:
    """One line of the original: its verbatim text (no line terminator) and span."""

    index: int
    start: int
    end: int
    text: str
    norm: str

    @property
    def blank(self) -> bool:
        return not self.norm


# A NamedTuple: a private record, defined at import for a third of a dataclass's cost.
class Layout(NamedTuple):
    """A page split into metadata, chrome and the lines that carry the article."""

    metadata: Metadata
    title_line: Line | None
    boilerplate: tuple[BoilerplateLine, ...]
    content: tuple[Line, ...]


def split_lines(text: str) -> list[Line]:
    """Lines with their spans; CRLF, CR and LF all end a line."""
    lines: list[Line] = []
    if "\r" not in text:
        # Only LF: str.split finds the same lines several times faster than the regex.
        at = 0
        for i, body in enumerate(text.split("\n")):
            if i and at == len(text):
                break  # the text ends with a line break: no empty line after it
            lines.append(Line(i, at, at + len(body), body, normalize_text(body)))
            at += len(body) + 1
        return lines
    return _split_lines_re(text)


def _split_lines_re(text: str) -> list[Line]:
    """:func:`split_lines` for any line ends (the reference the fast path is tested on)."""
    lines: list[Line] = []
    for i, m in enumerate(compiled(_LINE).finditer(text)):
        if m.start() == len(text) and m.start() > 0:
            break
        body = m.group().rstrip("\r\n")
        lines.append(Line(i, m.start(), m.start() + len(body), body, normalize_text(body)))
    return lines


@cache
def _labels() -> dict[str, tuple[str, ...]]:
    keys = (
        "disclaimer_labels",
        "disclaimer_keywords",
        "source_labels",
        "credit_labels",
        "navigation_words",
    )
    return {k: _data.words("boilerplate", k) for k in keys}


@cache
def _label_re(key: str) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(_labels()[key], key=len, reverse=True))
    return re.compile(
        rf"^[\[(（【]?\s*(?:{alts})\s*[:：]\s*(?P<value>.*?)\s*[\])）】]?$", re.IGNORECASE
    )


def analyse(text: str) -> Layout:
    """Split a page into metadata, boilerplate lines and content lines.

    Example:
        >>> layout = analyse("Big news\\n\\nSomething happened today in the city.\\n\\nSource: Wire")
        >>> layout.metadata.title, layout.metadata.outlet
        ('Big news', 'Wire')
    """
    lines = [ln for ln in split_lines(text) if not ln.blank]
    keys = [_key(ln.norm) for ln in lines]  # each line's key is needed up to three times
    body = [_is_body(ln) for ln in lines]
    body_idx = [i for i, b in enumerate(body) if b]
    title_line = _find_title(lines, keys, body_idx[0] if body_idx else len(lines))
    body_idx = [i for i in body_idx if lines[i] is not title_line]
    first_body = body_idx[0] if body_idx else len(lines)
    last_body = body_idx[-1] if body_idx else -1

    published: str | None = None
    outlet: str | None = None
    boiler: list[BoilerplateLine] = []
    content: list[Line] = []
    seen: set[str] = set()  # keys of the lines above the article: the page's header
    title_key = _key(title_line.norm) if title_line else None
    for i, ln in enumerate(lines):
        key = keys[i]
        if ln is title_line:
            seen.add(key)
            continue
        edge = i < first_body or i > last_body
        # Menus and section names sit above an article; short lines below one are as
        # often its data (results, line-ups, award lists) as chrome.
        above = bool(body_idx) and i < first_body
        verdict = _classify(ln, key, edge, above, seen, title_key, body=body[i])
        if i < first_body:
            seen.add(key)
        if verdict is None:
            content.append(ln)
            continue
        published = published or verdict.published
        outlet = outlet or verdict.outlet
        boiler.append(BoilerplateLine(ln.text, verdict.kind, ln.start, ln.end))
    meta = Metadata(
        title=title_line.norm if title_line else None, published=published, outlet=outlet
    )
    return Layout(meta, title_line, tuple(boiler), tuple(content))


def _key(norm: str) -> str:
    # A normalised line's only whitespace is single spaces: dropping them is one replace.
    return norm.replace(" ", "").lower()


def _find_title(lines: Sequence[Line], keys: Sequence[str], first_body: int) -> Line | None:
    """The headline: a headline-shaped line above the article, with an article after it.

    Breadcrumbs, datelines and labelled lines above it are skipped. Of several candidates
    the one the page prints again (sites repeat the headline at the foot) wins, else the
    first.
    """
    top = range(min(len(lines), max(1, min(first_body, 6))))
    candidates = [i for i in top if _headline_shaped(lines[i].norm)]
    candidates = [i for i in candidates if lines[i] is not lines[-1]]
    if not candidates:
        return None
    for i in candidates:
        if keys.count(keys[i]) > 1:
            return lines[i]
    return lines[candidates[0]]


def _headline_shaped(norm: str) -> bool:
    if _DATELINE.match(norm) or _URLISH.match(norm.split()[0]):
        return False
    if _width(norm) > 120 or norm.rstrip(_CLOSERS)[-1:] in ";,:，":
        return False
    # A full stop at the end means a sentence, unless it is an ellipsis ("Rivals of...").
    if norm.rstrip(_CLOSERS).endswith((".", "。")) and not norm.rstrip(_CLOSERS).endswith(
        ("..", "…")
    ):
        return False
    # A full stop inside means prose; "!" and "?" inside a short line are a headline's
    # ("超惊险!蟒蛇暴起咬人全过程!").
    inner = norm.rstrip("?!")
    if re.search(r"。(?=.)|\.\s", inner) or (_width(norm) > 60 and re.search(r"[!?](?=.)", inner)):
        return False
    if _is_breadcrumb(norm) or norm.lower().strip(" :：>»") in _labels()["navigation_words"]:
        return False
    return not any(
        _label_re(k).match(norm) for k in ("source_labels", "credit_labels", "disclaimer_labels")
    )


def _is_breadcrumb(norm: str) -> bool:
    # Three items need two separators; prose rarely has two, so it skips the split.
    # (One regex pass counts them all; seven str.count calls from a generator cost more.)
    if len(compiled(_BREADCRUMB_MARK).findall(norm)) < 2:
        return False
    items = [p for p in compiled(_BREADCRUMB).split(norm) if p]
    return (
        len(items) >= 3
        and bool(compiled(_BREADCRUMB).search(norm))
        and all(_width(p) <= 16 for p in items)
    )


def _width(s: str) -> int:
    """Display width in cells: a CJK character counts as two."""
    if s.isascii():
        return len(s)
    # Only characters from U+1100 up can be wide; Latin text with a few full-width
    # marks looks up a handful of characters instead of every one. (A regex search
    # visits the line at C speed; a filter called a comparison per character, and a
    # British report's pound signs sent nearly every line through it. The class, a
    # complement, compiles in ~0.6 ms, once.)
    high = "".join(compiled(_HIGH).findall(s))
    if not high:
        return len(s)
    # One C-level pass: the widths are "W", "F", "Na", "H", "A" or "N", so the letters W
    # and F of their concatenation count the wide characters (a generator of per-character
    # tests was most of the boilerplate stage on Chinese pages).
    widths = "".join(map(unicodedata.east_asian_width, high))
    return len(s) + widths.count("W") + widths.count("F")


def _is_body(ln: Line) -> bool:
    """A line that reads as article prose: long, with sentence punctuation, not a notice."""
    norm = ln.norm
    # The width is at least the length: a long line needs no scan.
    if (len(norm) < 50 and _width(norm) < 50) or compiled(_PROSE_MARK).search(norm) is None:
        return False
    return not _is_disclaimer(norm, anywhere=True)


def _notice_shaped(norm: str) -> bool:
    """Short enough to be a rights notice: a notice is a sentence or three, not a story.

    A report about a copyright case mentions 侵权 or "all rights reserved" as freely as
    any disclaimer does; its length and sentence count tell the two apart.
    """
    # Width is at least the length: most body paragraphs are ruled out without a scan.
    if len(norm) > 300 or _width(norm) > 300:
        return False
    return len(_SENTENCE_END.findall(norm)) <= 3


def _is_disclaimer(norm: str, *, anywhere: bool) -> bool:
    """A notice that starts with a disclaimer label or (``anywhere``) holds a keyword."""
    if not _notice_shaped(norm):
        return False
    low = norm.lower()
    if low.startswith(_labels()["disclaimer_labels"]):
        return True
    return anywhere and _keywords_re().search(low) is not None


@cache
def _keywords_re() -> re.Pattern[str]:
    """Any disclaimer keyword, anywhere: one search instead of a test per keyword."""
    return re.compile("|".join(re.escape(w) for w in _labels()["disclaimer_keywords"]))


# A NamedTuple: a private record, defined at import for a third of a dataclass's cost.
class _Verdict(NamedTuple):
    kind: str
    published: str | None = None
    outlet: str | None = None


def _classify(
    ln: Line,
    key: str,
    edge: bool,
    above: bool,
    seen: set[str],
    title_key: str | None,
    *,
    body: bool,
) -> _Verdict | None:
    """What kind of chrome a line is, with any metadata it carries; ``None`` for content.

    ``key`` is the line's :func:`_key`; ``body`` what :func:`_is_body` said of it.
    """
    norm = ln.norm
    if title_key is not None and key == title_key:
        return _Verdict("repeated-headline")
    # Only page furniture repeats as chrome: a line of the page's header printed again
    # (a menu at the top and the foot). A paragraph the article itself repeats ("No
    # comment was given.", "Winners meet in final match" under each fixture) stays.
    if edge and key in seen and len(key) >= 4:
        return _Verdict("repeated-line")
    m = _DATELINE.match(norm)
    if m and (not m.group("rest") or _width(m.group("rest")) <= 60):
        # "2024-03-27 20:33 来源:某报" carries both the time and the outlet.
        rest = _label_re("source_labels").match((m.group("rest") or "").strip())
        return _Verdict("dateline", published=_iso(m), outlet=rest.group("value") if rest else None)
    if _link_list(norm):
        return _Verdict("link-list")
    if _width(norm) <= 80:
        src = _label_re("source_labels").match(norm)
        if src and src.group("value"):
            return _Verdict("source-line", outlet=src.group("value"))
        if _label_re("credit_labels").match(norm) and _width(norm) <= 50:
            return _Verdict("credit")
    # A body line is no notice: _is_body asked the wider question (anywhere=True) already.
    if not body and _is_disclaimer(norm, anywhere=edge):
        return _Verdict("disclaimer")
    if _is_breadcrumb(norm):
        return _Verdict("navigation")
    if norm.lower().strip(" :：>»") in _labels()["navigation_words"]:
        return _Verdict("navigation")
    # Short unpunctuated lines above the article: menu entries, section names. Not when
    # they hold a number: a score, a time or a date line is information.
    if (
        above
        and _width(norm) <= 24
        and norm[-1:] not in _TERMINAL
        and not any(ch.isdigit() for ch in norm)
    ):
        return _Verdict("navigation")
    return None


def _link_list(norm: str) -> bool:
    """Most of the line's tokens are URLs or file names."""
    # A URL-ish token holds a "." or a ":" ("https://host"): a line with fewer of those
    # than the tokens needed cannot qualify, and needs no regex per token.
    marks = norm.count(".") + norm.count(":")
    if not marks:
        return False
    # Prose, a full stop every dozen words, is ruled out before it is split: with single
    # spaces and none at the ends (nearly every normalised line; a vanished zero-width
    # character can leave two) the tokens are the spaces plus one.
    single = "  " not in norm and norm[:1] != " " and norm[-1:] != " "
    if single and marks < 0.8 * (norm.count(" ") + 1):
        return False
    tokens = norm.split()
    need = max(1, 0.8 * len(tokens))
    if not tokens or marks < need:
        return False
    return sum(1 for t in tokens if _URLISH.match(t)) >= need


def _iso(m: re.Match[str]) -> str:
    """The matched date (and time) as ISO 8601, or as written if it does not parse."""
    g = m.groupdict()
    year = g["y"] or g["y2"] or g["y3"]
    month_raw = g["m"] or g["m2"] or g["m3"]
    day = g["d"] or g["d2"] or g["d3"]
    month = int(month_raw) if month_raw.isdigit() else _month_number(month_raw)
    try:
        when = datetime(int(year), month, int(day))
        if g["H"]:
            when = when.replace(hour=int(g["H"]), minute=int(g["M"]), second=int(g["S"] or 0))
            return when.isoformat()
        return when.date().isoformat()
    except ValueError:
        return m.group().strip()


def _month_number(name: str) -> int:
    names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return names.index(name[:3].lower()) + 1
