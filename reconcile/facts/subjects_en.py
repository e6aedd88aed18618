"""English subjects: the noun phrase a figure measures, or the event a date dates.

There is no tagger here (none with its model inside a PyPI package is fast enough for the
1 MB/s budget), so a noun phrase is a run of words that are neither function words nor
verbs, read from ``data/facts.toml``'s ``[en]`` word lists: walking back from a verb or a
preposition before the figure, or forward from the figure when it modifies a noun
("a 70% share of the market", "a £200 council tax refund"). Its patterns are compiled on
first use (``compiled``): a Chinese pair never needs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import _data
from .._regex import compiled
from ._base import _clause_end, _clause_start, _Mention

# A word starts after a space or punctuation: the "bn" of "£1.34bn" is not a word.
_WORD = r"(?<![\w.'’])(?:[A-Za-z][\w'’.-]*[\w']|[A-Za-z])"


@dataclass(frozen=True)
class _Words:
    function: frozenset[str]
    verbs: frozenset[str]
    before_np: frozenset[str]  # words after which a figure modifies the noun that follows
    linking: frozenset[str]  # of/at/to/by…: the noun phrase before them is the subject
    trim: frozenset[str]  # words a subject must not begin or end with
    change: frozenset[str]
    copulas: frozenset[str]
    days: frozenset[str]
    auxiliaries: frozenset[str]
    ing_nouns: frozenset[str]
    qualifiers: frozenset[str]  # "fell by almost 4%": they qualify the figure
    when_nouns: frozenset[str]
    when_preps: frozenset[str]
    when_fillers: frozenset[str]
    ly_words: frozenset[str]
    comparatives: frozenset[str]
    noun_copulas: frozenset[str]
    change_nouns: frozenset[str]
    units: frozenset[str]  # "35.39 seconds", "200 metres" say how much, not of what
    results: frozenset[str]  # "a 3-2 defeat", "the 1-1 draw": the game a score belongs to


@cache
def _words() -> _Words:
    en = _data.load("facts")["en"]

    def low(key: str) -> frozenset[str]:
        return frozenset(str(x).lower() for x in en[key])

    return _Words(
        function=low("function_words"),
        verbs=low("verbs"),
        before_np=low("determiners") | frozenset({"a", "an", "another", "extra", "further"}),
        linking=low("linking_words"),
        trim=low("function_words")
        | low("determiners")
        | low("verbs")
        | {"million", "billion", "thousand", "hundred"},
        change=low("change_verbs"),
        copulas=low("copulas"),
        days=low("days"),
        auxiliaries=low("auxiliaries"),
        ing_nouns=low("ing_nouns"),
        units=low("units"),
        qualifiers=low("figure_qualifiers"),
        when_nouns=low("when_nouns"),
        when_preps=low("when_preps"),
        when_fillers=low("when_fillers"),
        ly_words=low("ly_words"),
        comparatives=low("comparatives"),
        noun_copulas=low("noun_copulas"),
        change_nouns=low("change_nouns"),
        results=low("results"),
    )


def _is_verb(word: str, w: _Words) -> bool:
    low = word.lower()
    if low in w.verbs or low in w.change or low in w.copulas:
        return True
    # Past tenses and participles without a tagger: "-ed" words of five letters or more
    # (raised, called), and "-ing" forms (bringing, agreeing).
    return (
        len(low) >= 5
        and (low.endswith("ed") or low.endswith("ing"))
        and word[0].islower()
        and low not in w.ing_nouns
    )


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
        elif low not in w.when_fillers:
            break
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
        if low in ("of", "for", "in", "among") and out and i > 0 and not _stops(words[i - 1], w):
            out.append(word)  # "proportion of turnover", "sales in shopping malls"
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
    while words and (words[0].lower() in w.before_np or words[0].lower() in _LEADING):
        words = words[1:]
    if len(words) > 3 and words[1].lower() == "on" and words[0].lower() == words[2].lower():
        words = words[3:]  # "a 0.1% rise in month on month industrial output"
    for i, word in enumerate(words):
        low = word.lower()
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


def _modifier(words: list[str], i: int, w: _Words) -> bool:
    """An "-ing"/"-ed" word inside a noun phrase: "public spending plans", "the proposed deal".

    It modifies the noun after it when the word before it is a determiner or another
    content word; after a function word ("to cutting Labour's plans") it is a verb.
    """
    word = words[i]
    low = word.lower()
    if low in w.verbs or low in w.function or not (low.endswith("ing") or low.endswith("ed")):
        return False
    if i == 0:
        return False
    prev = words[i - 1].lower()
    if words[i - 1][0].isupper() and prev not in w.before_np:
        return False  # "Freddie Mac restated earnings": a name, then its verb
    return prev in w.before_np or not (_stops(words[i - 1], w) or prev in w.function)


_CONVERSION = r"\s*[(（][^()（）]{1,40}[)）]"
# Words that open a counted phrase without being the thing counted ("five other provinces").
_LEADING = frozenset(
    ["other", "more", "most", "new", "additional", "further", "extra", "of", "such", "all"]
)
_MODALS = frozenset(
    ["can", "could", "will", "would", "may", "might", "must", "should", "shall", "to"]
)


def _adverb(word: str, w: _Words) -> bool:
    low = word.lower()
    return low.endswith("ly") and len(low) >= 6 and low not in w.ly_words and word[0].islower()


def _stops(word: str, w: _Words) -> bool:
    if len(word) > 1 and word.isupper():
        return False  # "US", "IT": an acronym, not the pronoun
    low = word.lower()
    if _adverb(word, w) or low.endswith(("n't", "n’t")):
        return True  # "currently", "unexpectedly", "doesn't" end a noun phrase
    return low in w.function or low in w.before_np or _is_verb(word, w) or low in w.days


def _trim(words: list[str], w: _Words) -> list[str]:
    while words and (words[-1].lower() in w.trim or words[-1].lower() == "of"):
        words = words[:-1]
    while words and words[0].lower() in w.trim:
        words = words[1:]
    return words


_PLACE_PREPS = frozenset(["from", "in", "at", "on", "across", "around"])


def _count_context(np: list[str], before: list[str], after: list[str], w: _Words) -> list[str]:
    """A bare counted noun with the verb that says what is counted of it.

    "people" alone would make "Mitch killed 10,000 people" and "six million people
    perished" one subject (and a conflict); "people killed", "people perished" are not.
    """
    i = len(before) - 1
    while i >= 0 and before[i].lower() in w.qualifiers:
        i -= 1
    np = np[:1]
    if (
        i >= 0
        and (_is_verb(before[i], w) or before[i].lower() in w.change)
        # "At least three people", "there would be two billion handsets": no verb of theirs
        and before[i].lower() not in w.copulas | w.auxiliaries
    ):
        return [*np, before[i].lower()]  # killed 10,000 people -> people killed
    rest = after[1:]
    if rest and rest[0].lower() in _PLACE_PREPS:
        # "three people from Scotland died": past the place to the verb.
        k = 1
        while k < len(rest) and k <= 3 and not _stops(rest[k], w):
            k += 1
        rest = rest[k:]
    while rest and rest[0].lower() in w.auxiliaries:
        rest = rest[1:]
    if rest and (_is_verb(rest[0], w) or rest[0].lower() in w.change or rest[0].endswith("ed")):
        return [*np, rest[0]]  # six million people perished
    return np


_QUOTES = '["“”]'


def _open_clause(text: str, at: int) -> int:
    """The clause start, reading past a short bracket: "Gross domestic product (GDP) rose
    by 1.7%" is one clause."""
    cs = _clause_start(text, at)
    if cs >= 2 and text[cs - 1] in ")）" and re.search(r"[(（][^()（）]{1,40}[)）]\s*$", text[:cs]):
        # Also a conversion: "plummeted to just 1.6bn euros (£1.1bn) in 2003".
        return _clause_start(text, max(text.rfind("(", 0, cs), text.rfind("（", 0, cs)))
    return cs


def en_subject(text: str, m: _Mention, change_words: frozenset[str]) -> str | None:
    """The noun phrase a percentage, amount, count or rank measures (``m.change`` is set)."""
    w = _words()
    cs = _open_clause(text, m.start)
    # "a $1.75bn (£900m) deal": the conversion in brackets sits between figure and noun.
    conv = compiled(_CONVERSION).match(text, m.end)
    end = conv.end() if conv else m.end
    # A dash between spaces starts the phrase: "fared well - Toyota sales jumped 11%".
    before = compiled(_WORD).findall(re.split(r"\s[-–—]\s", text[cs : m.start])[-1])
    if m.kind == "count":
        # 178 "sound recordings", eight "critical" security holes: quotation marks inside
        # the counted phrase do not end it.
        rest = compiled(_QUOTES).sub("", text[end : end + 120])
        rest = rest[: _clause_end(rest, 0)]
    else:
        rest = text[end : _clause_end(text, end)]
    # A dash between spaces ends the phrase: "One in 10 adult Americans - equivalent to …".
    after = compiled(_WORD).findall(re.split(r"\s[-–—]\s", rest)[0])
    if m.kind == "count" or (m.kind == "percent" and after and after[0].lower() == "of"):
        # "five other provinces"; "13.6% of the loans": the share is of what follows.
        np = _np_after(after, w)
        if np and np[0].lower() in w.when_nouns:
            np = []  # "from 1.27 million a year earlier": when, not what
        if np and m.kind == "count" and np[0].lower() in w.units:
            # "a personal best of 7.13 seconds": a measurement; its unit is the unit, and
            # its subject is what was measured, found as for an amount.
            m.unit = np[0].lower()
            return _measured(before, after[1:], m, change_words, w)
        if not np and m.kind == "count":
            # A figure with no noun: "which killed 150,000" counts the killed; "fell by
            # 600,000" measures the subject; "a further three are" the last thing counted.
            i = len(before) - 1
            while i >= 0 and before[i].lower() in w.qualifiers:
                i -= 1
            if (
                i >= 0
                and _is_verb(before[i], w)
                and before[i].lower() not in w.linking | w.copulas | w.auxiliaries
            ):
                verb = str(before[i])
                if before[0].lower() in ("which", "that", "who"):
                    return verb  # the killed, not the wave that killed them
                doer = _measured(before[: i + 1], [], m, change_words, w)
                return f"{doer} {verb}" if doer else verb  # "the album sold"
            if i < 0 or before[i].lower() not in w.linking:
                return None
        if np:
            if m.kind == "count" and len(np) == 1:
                np = _count_context(np, before, after, w)
            if m.kind == "count" and len(np) == len(after):
                return " ".join(np) + _list_tail(text, _clause_end(text, end))
            return " ".join(np)
    found = _measured(before, after, m, change_words, w)
    if found is None and re.search(r"\s[-–—]\s", text[cs : m.start]):
        # "Sales - excluding fuel - rose 5%": the dashes set off an aside, not a clause.
        aside = re.sub(r"\s[-–—]\s[^-–—]*\s[-–—]\s", " ", text[cs : m.start])
        found = _measured(compiled(_WORD).findall(aside), after, m, change_words, w)
    if found is None and before and before[0].lower() in ("which", "that") and cs > 1:
        # "the disaster appeal, which is expected soon to top £20m": the relative clause
        # measures what it is about.
        np = _np_before(compiled(_WORD).findall(text[_clause_start(text, cs - 1) : cs - 1]), w)
        found = " ".join(np) or None
    ce = _clause_end(text, m.end)
    if found is None and len(before) <= 1 and not after and ce < len(text) and text[ce] == ",":
        # "At 2.6%, inflation remains within …": the next clause's subject.
        nxt = compiled(_WORD).findall(text[ce + 1 : _clause_end(text, ce + 1)])
        head = _np_after(nxt, w)
        if head and len(head) < len(nxt):
            found = " ".join(head)
    if found is None and cs > 1 and before and _is_verb(before[0], w):
        # "Core prices, which exclude food and energy costs, surged by 0.8%": past the
        # relative clause to the subject it interrupts.
        prev = _clause_start(text, cs - 1)
        words = compiled(_WORD).findall(text[prev : cs - 1])
        if words and words[0].lower() in ("which", "who") and prev > 1:
            np = _np_before(
                compiled(_WORD).findall(text[_clause_start(text, prev - 1) : prev - 1]), w
            )
            found = " ".join(np) or None
    return found


# The rest of a list the counted noun heads: "155,465 pickups, vans and sports utility
# vehicles", "17,815 Buick Raniers, Chevrolet Trailblazers and Isuzu Ascenders".
_LIST_STEP = r"(,\s(?:and\s|or\s)?|,?\s(?:and|or)\s)([A-Za-z][\w'’-]*(?:\s[A-Za-z][\w'’-]*)*)"


def _list_tail(text: str, at: int) -> str:
    w = _words()
    start = at
    while True:
        step = compiled(_LIST_STEP).match(text, at)
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


def _measured(
    before: list[str], after: list[str], m: _Mention, change_words: frozenset[str], w: _Words
) -> str | None:
    """The subject of an amount or percentage: the noun it modifies or the one before."""
    # A figure between a determiner and a noun modifies the noun: "a 70% share of …".
    # "an annual £10.5bn black hole": an adjective may come between.
    det = [x.lower() for x in before[-2:]]
    if len(after) >= 3 and after[0].lower() in w.change_nouns and after[1].lower() in ("in", "of"):
        # "a 6% rise in profits": the change is of what follows it.
        np = _np_after(after[2:], w)
        if np:
            m.change = after[0].lower()
            return " ".join(np)
    if (
        det
        and (
            det[-1] in w.before_np
            or (len(det) == 2 and det[0] in w.before_np and not _stops(before[-1], w))
        )
        and after
        and not _stops(after[0], w)
        and after[0].lower() not in ("last", "next", "this")  # "cut … 10% last year"
    ):
        np = _np_after(after, w)
        if np:
            return " ".join(np)
    # Walk back over qualifiers (almost, more than, at least) to the verb or preposition.
    i = len(before) - 1
    while i >= 0 and (
        before[i].lower() in w.qualifiers
        or (
            before[i].lower() in ("at", "up")
            and i + 1 < len(before)
            and before[i + 1].lower() in ("least", "most", "to")
        )
    ):
        i -= 1
    while i >= 0:
        low = before[i].lower()
        if low in change_words:
            m.change = low
            rest = [x for x in before[i + 1 :] if x.lower() not in w.before_np]
            obj = _np_after(rest, w)
            if obj and len(obj) == len(rest):
                return " ".join(obj)  # "lifted interest rates 0.25% to 5.5%": the rates
        if (
            low in w.linking
            or low in change_words
            or low in w.copulas
            or low in w.auxiliaries  # "the sector has 25bn rupees of loans"
            or _is_verb(before[i], w)
        ):
            # "shares fell by 4%", "prices have risen to": the subject precedes the verb
            # group, whatever auxiliaries and adverbs it has.
            j = i
            while (
                j > 0
                and (
                    before[j - 1].lower() in w.auxiliaries
                    or before[j - 1].lower() in change_words
                    or before[j - 1].lower() in w.copulas
                    or _is_verb(before[j - 1], w)
                    or _adverb(before[j - 1], w)  # "was currently at 62%"
                    or before[j - 1].lower() in w.comparatives  # "is much lower at 0.1%"
                )
                # "fuel costs rose by £106m": before another verb, "costs" is the noun.
                and not (before[j - 1].lower() in w.noun_copulas and j < i + 1 and j > 1)
            ):
                j -= 1
                if before[j].lower() in change_words:
                    m.change = before[j].lower()
            np = _np_before(before[:j], w)
            if not np and j >= 2 and before[j - 1].lower() in ("and", "but", "or", "yet"):
                # "Google shares have risen since but fell $12.33": the first verb's subject.
                k = j - 2
                while k > 0 and not (
                    _is_verb(before[k], w) or before[k].lower() in w.auxiliaries | change_words
                ):
                    k -= 1
                while k > 0 and (
                    before[k - 1].lower() in w.auxiliaries or _is_verb(before[k - 1], w)
                ):
                    k -= 1
                np = _np_before(before[:k], w)
            k = j - len(np) - 1
            if len(np) == 1 and k > 0 and before[k].lower() in ("on", "under") and np[0].islower():
                # "left interest rates on hold at 4.75%": the rates, not the hold.
                np = _np_before(before[:k], w) or np
            if np:
                return " ".join(np)
            if low in ("cost", "costs") and i + 1 < len(before):
                return None  # "which could cost the UK £1bn": not the UK's figure
            break
        i -= 1
    np = _np_before(before, w)
    if np:
        return " ".join(np)
    if after and after[0].lower() == "of":
        np = _np_after(after[1:], w)
        if np:
            return " ".join(np)
    return None
