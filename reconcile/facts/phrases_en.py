"""English noun phrases around a figure: the one before it, the one after it, and where
its clause opens (facts stage; used by subjects, events, ranks and ages)."""

from __future__ import annotations

import re

from ._base import _clause_start
from .words_en import (
    _LEADING,
    _MODALS,
    _modifier,
    _stops,
    _trim,
    _Words,
)

_NUMBER_WORDS = frozenset(
    [
        *("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"),
        *("twelve", "several", "few", "many"),
    ]
)


# Number words before "out of" make a proportion, not a noun phrase ("three out of four").
_COUNTS_OUT = _NUMBER_WORDS | {"one"}


def _drop_when(words: list[str], w: _Words) -> list[str]:
    """``words`` without the time phrase that ends them: "sales in shopping malls in the
    week to 25 December" were 4.3% higher; "profits in the third quarter" rose."""
    cut = None
    seen = False
    for p in range(len(words) - 1, -1, -1):
        low = words[p].lower()
        if low in w.when_preps and seen:
            cut = p
        elif low in w.days or words[p] == "May" or low in w.when_nouns:
            seen = True
        elif low in ("last", "this", "next") and seen:
            cut = p  # "five times last year"
        elif low not in w.when_fillers and not (seen and low in _NUMBER_WORDS):
            break  # ("for the three months to December": the number is part of it)
    words = words if cut is None else words[:cut]
    if len(words) >= 2 and words[-1].lower() == "times":
        words = words[:-2]  # "lifted borrowing costs five times": how often, not what
    return words


def _np_before(words: list[str], w: _Words) -> list[str]:
    """The noun phrase that ends ``words`` (the words before a verb or a preposition)."""
    out: list[str] = []
    words = _drop_when(words, w)
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        low = word.lower()
        if (
            low == "out"
            and out[-1:] == ["of"]
            and i > 0
            and not _stops(words[i - 1], w)
            and words[i - 1][0].islower()
            and words[i - 1].lower() not in _COUNTS_OUT  # "three out of four"
        ):
            out.append(word)  # "the number of people out of work": one noun phrase
            continue
        if (
            (
                low in ("of", "for", "in", "among")
                or (low == "to" and out[-1:] and out[-1][0].isupper())
            )
            and out
            and i > 0
            and (
                not _stops(words[i - 1], w)
                or (
                    low == "of"
                    and words[i - 1].lower() == "out"
                    and i > 1
                    and words[i - 2].lower() not in _COUNTS_OUT
                )
            )
        ):
            # "proportion of turnover", "sales in shopping malls", "exports to China"
            out.append(word)
            continue
        noun_copula = not out and low in w.noun_copulas and i > 0 and not _stops(words[i - 1], w)
        if _stops(word, w) and not (out and _modifier(words, i, w)) and not noun_copula:
            break
        if i > 0 and words[i - 1].lower() in _MODALS and not out and word[0].islower():
            break  # "could run to $40m": after a modal, a verb (not "moved to City")
        out.append(word)
        if len(out) >= 6:
            break
    out.reverse()
    return _trim(out, w)


def _np_after(words: list[str], w: _Words) -> list[str]:
    """The noun phrase that starts ``words`` (after a figure that modifies it)."""
    out: list[str] = []
    while (
        words
        and (
            words[0].lower() in w.before_np
            # ("New York City marathon": a capitalised "New" is part of a name)
            or (words[0].lower() in _LEADING and not (words[0] == "New" and words[1:2] != []))
        )
    ):
        words = words[1:]
    if len(words) > 3 and words[1].lower() == "on" and words[0].lower() == words[2].lower():
        words = words[3:]  # "a 0.1% rise in month on month industrial output"
    for i, word in enumerate(words):
        low = word.lower()
        if out and low in ("last", "next", "this", "today", "yesterday"):
            break  # "9% growth last year": when, not part of what
        if low == "of" and out and i + 1 < len(words):
            out.append(word)
            continue
        if low in ("the", "a", "an") and out and out[-1].lower() == "of":
            out.append(word)
            continue
        if (
            low in ("and", "or")
            and len(out) == 1
            and i + 1 < len(words)
            and not _stops(words[i + 1], w)
        ):
            out.append(word)  # "23 European and Arab countries"
            continue
        if _stops(word, w) and not (
            # "its generating capacity", "the proposed deal": a participle before a noun.
            not out
            and low.endswith(("ing", "ed"))
            and low not in w.function
            and low not in w.verbs
            and i + 1 < len(words)
            and not _stops(words[i + 1], w)
        ):
            break
        out.append(word)
        if len(out) >= 6:
            break
    return _trim(out, w)


def _open_clause(text: str, at: int) -> int:
    """The clause start, reading past a short bracket: "Gross domestic product (GDP) rose
    by 1.7%" is one clause."""
    cs = _clause_start(text, at)
    if cs >= 2 and text[cs - 1] in ")）" and re.search(r"[(（][^()（）]{1,40}[)）]\s*$", text[:cs]):
        # Also a conversion: "plummeted to just 1.6bn euros (£1.1bn) in 2003".
        return _clause_start(text, max(text.rfind("(", 0, cs), text.rfind("（", 0, cs)))
    return cs
