"""English word classes without a tagger: function words, verbs by list and by shape.

Read from ``data/facts.toml``'s ``[en]`` word lists once (``_words``); the subject and event
readers (``subjects_en.py``, ``events_en.py``, ``ordinals_en.py``) share these tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .. import _data

# A word starts after a space or punctuation: the "bn" of "£1.34bn" is not a word.
_WORD = re.compile(r"(?<![\w.'’])(?:[A-Za-z][\w'’.-]*[\w']|[A-Za-z])")


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
    currencies: frozenset[str]  # "euros", "pounds": a figure's unit, never its subject


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
        currencies=frozenset(str(x).lower() for x in en["currencies"] if str(x).isalpha()),
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


_CONVERSION = re.compile(r"\s*[(（][^()（）]{1,40}[)）]")
# Words that open a counted phrase without being the thing counted ("five other provinces").
_LEADING = frozenset(
    ["other", "more", "most", "new", "additional", "further", "extra", "of", "such", "all"]
)
# Prepositions in "-ing": never a verb, nor the noun a figure measures ("9.5% during
# 2004", "charges following raids in August").
_ING_PREPOSITIONS = frozenset(
    ["during", "including", "excluding", "following", "according", "regarding", "concerning"]
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
    # "US citizens": an acronym is a name, not the pronoun "us" (as in _stops).
    while words and words[0].lower() in w.trim and not (len(words[0]) > 1 and words[0].isupper()):
        words = words[1:]
    return words
