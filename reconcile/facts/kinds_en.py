"""English word lists and tests of the kinds stage: primacy, elided counts, numbers in names.

Kept apart from ``kinds.py`` (which classifies every match, Chinese and English) so that
each module stays readable; everything here is English and read by ``kinds._classify``.
The patterns are compiled on first use (``compiled``): a Chinese pair never needs them.
"""

from __future__ import annotations

import re

from .._regex import compiled
from ._base import MONTH_NAMES, WEEKDAYS

# After a measurement, a noun it describes makes it a kind of thing ("the 10km race").
_KIND_OF = (
    r"[\s-](?!(?:of|from|to|in|on|at|and|or|for|by|with|per|a|an|the|than|south|north|east|"
    r"west|away|long|wide|high|deep|below|above|up|down|ahead|behind)\b)[a-z]"
)
# After "4-6": the month that makes it a span of days.
_DAY_SPAN = (
    r"\s((?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)(?:\s(?:19|20)\d\d)?)\b"
)
# "the first convictions for piracy", "the first Scot to be confirmed", "the first of its
# kind" claim primacy; "the first phase of", "the first game" only mark a beginning.
_PRIMACY = r"\s(?:of\sits\skind|to\s[a-z]|(?:[A-Za-z][\w'-]*\s){1,3}(?:to\s[a-z]|for|ever|since|in\shistory)\b)"
_NOT_PRIMACY = (
    r"\s(?:[a-z-]+\s)?(?:phase|stage|step|round|leg|day|week|part|episode|half|time|game|match|"
    r"instalment|installment|chapter|season|meeting|hearing|session|test|innings|set|lap)s?\b"
)
# "two thirds of": a share, in percent.
_FRACTIONS = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
# Verbs after which a figure with no noun counts people or things: "which killed five",
# "police arrested 12."; past tenses by shape, and the irregular ones news uses most.
_COUNTING_VERB = r"\b(?:[a-z]{3,}ed|hurt|left|held|lost|caught|found|kept|took|saw|sold|won)\s$"
# Words after an elided count: "a further three are missing", "Five were on the homes".
_ELIDED = r"\s(?:are|were|have|had|was|remain|remained|died|survived)\b"
# A name and a comma right before a number: "Eileen Lee, 24".
_APPOSED = r"(?<![.!?]\s)\b[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)*,\s$"


# Capitalised words that open a sentence before a figure without naming anything.
_OPENERS = frozenset(
    [
        *("about", "around", "some", "over", "nearly", "almost", "only", "just", "more"),
        *("less", "fewer", "at", "in", "by", "of", "on", "for", "with", "from", "the", "all"),
        *("and", "but", "so", "then", "another", "further", "up", "under", "roughly"),
        *("approximately", "exactly", "another", "every", "since", "after", "before", "until"),
    ]
)


def _opening_name(lead: str) -> bool:
    """A capitalised word that opens the sentence right before a figure, other than a word
    like "About" or "In": the figure is part of a name ("Halo 2 dropped one place")."""
    first = re.fullmatch(r"\W*([A-Z][\w'-]*)\s", lead)
    # A possessive owns the figure rather than naming it: "Unison's 800,000 workers".
    return (
        first is not None
        and first.group(1).lower() not in _OPENERS
        and not first.group(1).endswith(("'s", "s'"))
    )


# After these "one" counts ("only one goal", "just one win"); elsewhere it
# is mostly a pronoun or an article ("one of the biggest", "one day").
_ONE_LEAD = r"\b(?:only|just|than|least|lost|won|scored|killed)\s$"
_ONE_NOT = frozenset(
    [
        *("day", "time", "thing", "way", "side", "point", "another", "hand", "reason"),
        *("area", "example", "more", "such", "place", "another", "stage", "moment", "night"),
        *("year", "week", "month", "morning", "evening", "afternoon", "piece", "step"),
        *("word", "kind", "sort", "part", "end", "option", "hundred", "thousand", "million"),
    ]
)


def _one_counts(text: str, s: int, noun: str) -> bool:
    return (
        noun not in _ONE_NOT
        and compiled(_ONE_LEAD, re.I).search(text, max(0, s - 10), s) is not None
    )


def _named_number(text: str, s: int, raw: str) -> bool:
    """A capitalised number word inside a sentence names something: "the Three Gorges Dam",
    "BBC Two", "Formula One"."""
    if not raw[0].isupper():
        return False
    lead = text[:s].rstrip(" \"“‘'(")
    return lead != "" and not lead.endswith((".", "!", "?", ":", "—", "–", ")"))


_MONTH_NAMES = MONTH_NAMES | WEEKDAYS
