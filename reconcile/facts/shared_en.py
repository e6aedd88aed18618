"""English subjects across figures: which figures share one (the level a change reached,
a further conversion in brackets), the rest of a counted list, and a subject as the
sentence writes it (facts stage; see ``subjects_en.py``)."""

from __future__ import annotations

import re

from ._base import _Mention
from .words_en import _WORD, _stops, _words

# Between a change and the level it reached, or the level it came from: "rise by a quarter
# of a percentage point to 2.25%", "fell from £190,329 to £189,733". Both measure one thing.
# Also past a time phrase and with the month it was ("rose by 4.3% in the year to December
# up from November's 4.2%").
_LEVEL_GAP = re.compile(
    r"(?:\s(?:in|over|during)\s(?:the\s)?(?:[a-z]+\s){0,3}(?:to\s)?[A-Z][a-z]+,?)?"
    r"\s(?:(?:up|down)\s)?(?:to|from)\s(?:[A-Z][a-z]+['’]s\s)?"
)


def same_conversion(text: str, prev: _Mention, m: _Mention) -> bool:
    """Whether ``m`` is a further conversion inside the brackets after ``prev``:
    "1.16bn euros ($1.5bn; £800m)"."""
    if not re.fullmatch(r"\s*[;,/]\s*", text[prev.end : m.start]):
        return False
    return text.rfind("(", 0, prev.start) > text.rfind(")", 0, prev.start)


def same_level(text: str, prev: _Mention, m: _Mention) -> bool:
    """Whether ``m`` is the level a change ``prev`` reached or came from, and so measures
    what ``prev`` does; not when ``m`` counts a noun of its own ("kept 1,000 to 2,000 music
    files" counts the files)."""
    if not prev.subject or not _LEVEL_GAP.fullmatch(text, prev.end, m.start):
        return False
    w = _words()
    own = _WORD.findall(text[m.end : m.end + 30])
    counted = (
        m.kind == "count"
        and bool(own)
        and text[m.end : m.end + 1] == " "
        and not (_stops(own[0], w) or own[0].lower() in w.when_fillers)
    )
    return not counted


# The rest of a list the counted noun heads: "155,465 pickups, vans and sports utility
# vehicles", "17,815 Buick Raniers, Chevrolet Trailblazers and Isuzu Ascenders".
_LIST_STEP = re.compile(
    r"(,\s(?:and\s|or\s)?|,?\s(?:and|or)\s)([A-Za-z][\w'’-]*(?:\s[A-Za-z][\w'’-]*)*)"
)


def _list_tail(text: str, at: int) -> str:
    w = _words()
    start = at
    while True:
        step = _LIST_STEP.match(text, at)
        if step is None:
            return ""
        item: list[str] = []
        for word in step.group(2).split():
            if _stops(word, w) or len(item) == 4:
                break
            item.append(word)
        if not item or not item[-1].endswith("s"):
            return ""  # a list of things counted together: "pickups, vans and … vehicles"
        at = step.start(2) + len(" ".join(item))
        if re.search(r"\b(?:and|or)\b", step.group(1)):
            return text[start:at]  # the list ends with its "and" item


def as_written(text: str, subject: str | None, m: _Mention) -> str | None:
    """``subject`` with the numbers the word reader skipped between its words, as the
    sentence writes it: "the top 12 films grossed around $91m" → "top 12 films", not
    "top films" (which would make any two top-film totals one claim).

    A plain scan, not a pattern per subject: compiling one for every fact doubled the
    cost of the facts stage.
    """
    if not subject or " " not in subject:
        return subject
    words = subject.split()
    at = text.find(words[0])
    while at != -1:
        end = _written_end(text, at, words)
        if end is not None and (end <= m.start or at >= m.end):
            return text[at:end] if end - at > len(subject) else subject
        at = text.find(words[0], at + 1)
    return subject


def _inside_word(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "'’-")


def _written_end(text: str, at: int, words: list[str]) -> int | None:
    """Where ``words`` end when they are written from ``at`` one after another, with at
    most a number between two of them ("top 12 films"); None when they are not."""
    if _inside_word(text, at - 1):
        return None
    j = at + len(words[0])
    for word in words[1:]:
        k = j
        while k < len(text) and text[k].isspace():
            k += 1
        if k == j:
            return None
        if not text.startswith(word, k) and k < len(text) and text[k].isdigit():
            n = k  # a number between the words: "12", "1,440", "30-39"
            while n < len(text) and (text[n].isdigit() or text[n] in ",.-"):
                n += 1
            k = n
            while k < len(text) and text[k].isspace():
                k += 1
            if k == n:
                return None
        if not text.startswith(word, k):
            return None
        j = k + len(word)
    return None if _inside_word(text, j) else j
