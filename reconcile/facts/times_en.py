"""English words of time and the word tests the event reader shares (facts stage; see
``events_en.py``): what may stand between an event and its date, and which words are
verbs, heads or particles there."""

from __future__ import annotations

from functools import cache

from .. import _data
from ..numbers import EN_ORDINALS
from ._base import _EN_SMALL, _EN_TENS
from .words_en import _is_verb, _Words

# Words of time between an event and its date: "in", "since", "for the first time since",
# "at some point in", "over the past", "up to".
_TIME_WORDS = frozenset(
    [
        *("in", "on", "at", "since", "until", "till", "by", "from", "to", "during", "for"),
        *("before", "after", "over", "of", "through", "throughout", "between", "and", "or"),
        *("the", "a", "an", "past", "last", "next", "this", "least", "most", "early"),
        *("late", "mid", "every", "each", "within", "around", "about", "nearly", "almost"),
        *("some", "up", "already", "only", "just", "still", "now", "again", "instead"),
        *("soon", "shortly", "recently", "later", "earlier", "ago", "than", "today"),
        *("yesterday", "tomorrow", "same", "another", "further", "more", "into"),
    ]
)
# Nouns of time that only say when ("for the first time since", "at some point in"), unless
# a determiner makes them the thing dated ("the week to 25 December").
_TIME_NOUNS = frozenset(
    [
        *("time", "times", "point", "moment", "stage", "period", "year", "years", "month"),
        *("months", "week", "weeks", "day", "days", "quarter"),
    ]
)
# Parts of a period: "at the beginning of December", "by the end of 2005".
_TIME_PARTS = frozenset(
    [
        *("beginning", "end", "start", "middle", "turn", "close", "height", "morning"),
        *("afternoon", "evening", "night", "eve"),
    ]
)
# "for the first time", "at some point", "three hours of extra activity a week by 2010".
_TIME_NOUN_LEADS = frozenset(
    ["some", "this", "last", "next", "that", "each", "a", "per", "every", "same"]
)
# Number words, cardinal and ordinal: never the head of an event's noun phrase.
_NUMBER_WORDS = frozenset(
    [
        *_EN_SMALL.split("|"),
        *_EN_TENS.split("|"),
        *("hundred", "thousand", "million", "billion", "trillion"),
    ]
) | frozenset(EN_ORDINALS)
# After a verb, these belong to it ("will be out for six weeks", "set up in 2001").
_PARTICLES = frozenset(["out", "up", "off", "down", "back", "away", "over", "on", "in"])
_PRONOUNS = frozenset(["he", "she", "it", "they", "we", "i", "you", "there", "this", "that"])
_BE = frozenset(["is", "was", "are", "were", "be", "been", "being", "remains", "remained"])
_OBJECTS = frozenset(["me", "him", "her", "us", "them"])
_RELATIVES = frozenset(["which", "who", "that", "whose", "whom"])
# Prepositions that join a noun phrase to the verb it is the object of ("diagnosed with
# colorectal cancer in May", "moved to the US in 1999").
_VERB_PREPS = frozenset(["with", "to", "into", "as", "against", "from"])
_NAME_PREPS = frozenset(["with", "to", "for", "against", "between", "at", "on"])
_INNER = frozenset(["of", "for", "in", "among"])  # "sales in shopping malls"
# Between a noun and a possessed noun phrase it is about: "an operation on his knee".
_OF_PREPS = frozenset(["on", "of", "for", "into", "against"])
# Words before "of" that make a preposition or a quantity, not a thing: "ahead of its
# flotation", "in front of the TV", "part of a school project".
_NOT_HEADS = frozenset(
    [
        *("ahead", "front", "because", "instead", "out", "regardless", "spite", "terms"),
        *("part", "bit", "lot", "half", "most", "rest", "some", "all", "none", "each", "one"),
        *("top", "side", "behalf", "favour", "favor", "support", "course", "number", "amount"),
    ]
)


@cache
def _speech() -> frozenset[str]:
    speech = _data.load("speech")
    return frozenset(str(x).lower() for x in speech["en"] + speech["en_attribution"])


@cache
def _currencies() -> frozenset[str]:
    return frozenset(str(x).lower() for x in _data.load("facts")["en"]["currencies"])


def _verbish(word: str, w: _Words) -> bool:
    low = word.lower()
    if low in w.linking:
        return False  # "of", "at", "to", "by" are in the copula list, as links to a figure
    return _is_verb(word, w) or low in _speech() or low in w.auxiliaries


def _head(np: list[str]) -> list[str]:
    """The head of a noun phrase, before its first preposition: "feel-good factor"."""
    for k, word in enumerate(np):
        if k and word.lower() in _INNER:
            return np[:k]
    return np


def _skippable(words: list[str], i: int, w: _Words) -> bool:
    low = words[i].lower()
    if low in _TIME_WORDS or low in w.days or low in _NUMBER_WORDS or low in _currencies():
        return True  # "plummeted to just 1.6bn euros (£1.1bn) in 2003": past the figure
    if words[i] == "May":
        return True
    if low in ("those", "that") and i > 0 and words[i - 1].lower() == "than":
        return True  # "much clearer than those in 1997": what is compared comes before
    if low in _TIME_PARTS and i + 1 < len(words) and words[i + 1].lower() == "of":
        return True  # "at the beginning of December": a part of the date
    if low == "row" and i >= 2 and words[i - 1].lower() == "a" and words[i - 2].lower() == "in":
        return True  # "for the second month in a row in December": how often, not what
    if low.endswith("ly") and len(low) >= 6 and i > 0 and _verbish(words[i - 1], w):
        return True  # "fell unexpectedly in October": the adverb of the verb  # the month: the modal is never capitalised mid-clause
    if low in _TIME_NOUNS and i > 0:
        prev = words[i - 1].lower()
        return prev in _NUMBER_WORDS or prev in _TIME_NOUN_LEADS
    return False
