"""English word lists and tests of the kinds stage: primacy, elided counts, numbers in names.

Kept apart from ``kinds.py`` (which classifies every match, Chinese and English) so that
each module stays readable; everything here is English and read by ``kinds._classify``.
"""

from __future__ import annotations

import re

from .._regex import compiled
from ._base import MONTH_NAMES, WEEKDAYS

# After a measurement, a noun it describes makes it a kind of thing ("the 10km race").
_KIND_OF = re.compile(
    r"[\s-](?!(?:of|from|to|in|on|at|and|or|for|by|with|per|a|an|the|than|south|north|east|"
    r"west|away|long|wide|high|deep|below|above|up|down|ahead|behind)\b)[a-z]"
)
# After "4-6": the month that makes it a span of days.
_DAY_SPAN = re.compile(
    r"\s((?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)(?:\s(?:19|20)\d\d)?)\b"
)
# "the first convictions for piracy", "the first Scot to be confirmed", "the first of its
# kind" claim primacy; "the first phase of", "the first game" only mark a beginning.
_PRIMACY = re.compile(
    r"\s(?:of\sits\skind|(?:(?!(?:is|was|are|were|will|would|has|had|have)\s)[A-Za-z][\w'-]*\s){0,3}"
    r"(?:to\s[a-z]|(?:for|ever|since|in\shistory|of\s(?:his|her|their|its)\scareer)\b))"
)
# After a possessive only these claim primacy ("her first since the bill was launched",
# "one of Iraq's first features to emerge"); "his first goal for the club" is a debut.
_OWN_PRIMACY = re.compile(r"\s(?:[A-Za-z][\w'-]*\s){0,3}(?:to\s[a-z]|(?:ever|since)\b)")
_NOT_PRIMACY = re.compile(
    r"\s(?:[a-z-]+\s)?(?:phase|stage|step|round|leg|day|week|part|episode|half|time|game|match|"
    r"instalment|installment|chapter|season|meeting|hearing|session|test|innings|set|lap|"
    r"attempt|bid|effort|task|job)s?\b",
    re.I,
)
# "two thirds of": a share, in percent.
_FRACTIONS = {"third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
# Verbs after which a figure with no noun counts people or things: "which killed five",
# "police arrested 12."; past tenses by shape, and the irregular ones news uses most.
_COUNTING_VERB = re.compile(
    r"\b(?:[a-z]{3,}ed|hurt|left|held|lost|caught|found|kept|took|saw|sold|won)\s$"
)
# Words after an elided count: "a further three are missing", "Five were on the homes".
_ELIDED = re.compile(r"\s(?:are|were|have|had|was|remain|remained|died|survived)\b")
# A name and a comma right before a number: "Eileen Lee, 24".
_APPOSED = re.compile(r"(?<![.!?]\s)\b[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)*,\s$")


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
_ONE_LEAD = re.compile(r"\b(?:only|just|than|least|lost|won|scored|killed)\s$", re.I)
_ONE_NOT = frozenset(
    [
        *("day", "time", "thing", "way", "side", "point", "another", "hand", "reason"),
        *("area", "example", "more", "such", "place", "another", "stage", "moment", "night"),
        *("year", "week", "month", "morning", "evening", "afternoon", "piece", "step"),
        *("word", "kind", "sort", "part", "end", "option", "hundred", "thousand", "million"),
    ]
)


def _one_counts(text: str, s: int, noun: str) -> bool:
    return noun not in _ONE_NOT and _ONE_LEAD.search(text, max(0, s - 10), s) is not None


def _named_number(text: str, s: int, raw: str) -> bool:
    """A capitalised number word inside a sentence names something: "the Three Gorges Dam",
    "BBC Two", "Formula One"."""
    if not raw[0].isupper():
        return False
    lead = text[:s].rstrip(" \"“‘'(")
    return lead != "" and not lead.endswith((".", "!", "?", ":", "—", "–", ")"))


_MONTH_NAMES = MONTH_NAMES | WEEKDAYS


# --- standings ---------------------------------------------------------------------------

# English ordinals are facts only as standings and ranks ("finished eighth", "the world's
# third largest", "his eighth Budget"), not as "the first time" or "first home".
_RANK_BEFORE = (
    r"(?:\b(?:finished|finish|finishing|ranked|ranks|rank|ranking|came|come|placed|place|"
    r"lies|lying|sits|sitting|stands|standing|seeded|slipped|climbed|moved|rose|fell|dropped|"
    r"number|no\.?|his|her|its|their|our)\s|'s\s|’s\s|s'\s|s’\s)$"
)
_RANK_AFTER = (
    r"^(?:[\s-](?:place|placed|largest|biggest|highest|lowest|most|best|worst|richest|"
    r"oldest|busiest|fastest|strongest|seed|round|\w+est)\b|\s?[,.;]|$)"
)
# When within one event, not a standing: "the 69th minute", "its 20th anniversary".
_WHEN_AFTER = re.compile(
    r"[\s-](?:century|centuries|time|times|half|quarter|day|week|month|year|minute|min|"
    r"birthday|anniversary|lap|hole|over|floor|street|avenue|amendment|edition)\b",
    re.I,
)
# A place in a ranking or an order of preference: "in second place", "first choice".
_PLACE_AFTER = re.compile(
    r"[\s-](?:place|position|spot|from[\s-](?:bottom|top))\b|\schoice\b", re.I
)
# Steps inside one thing rather than occasions of it: "the second half", "the third set".
_STEP_NOUNS = frozenset(
    [
        *("half", "halves", "set", "leg", "innings", "lap", "hole", "minute", "quarter"),
        *("period", "phase", "stage", "step", "part", "chapter", "page", "paragraph"),
        *("line", "row", "floor", "reading", "episode", "verse", "act", "scene", "of"),
        *("and", "or", "to", "in", "by", "with", "was", "is", "are", "were", "world"),
        # Scores inside a game: "the second goal", "the third try".
        *("goal", "goals", "try", "tries", "wicket", "touchdown", "basket", "run", "serve"),
        # Parts of a body: "a small break on the third metatarsal", "the fifth rib".
        *("metatarsal", "rib", "ribs", "vertebra", "finger", "toe", "bone"),
        # "the second you appear": the moment.
        *("you", "he", "she", "they", "we", "i", "it"),
    ]
)
# Words after which a bare ordinal is no standing: "a split second", "every second".
_NOT_STANDING_BEFORE = frozenset(
    [
        *("a", "an", "every", "per", "split", "one", "in", "at", "on", "of", "to", "and"),
        *("or", "for", "by", "with", "from", "as", "than", "that", "which", "this", "its"),
    ]
)


def _en_rank(text: str, s: int, e: int, word: str) -> bool:
    """Whether an English ordinal states a standing (see ``_RANK_BEFORE``)."""
    before = text[max(0, s - 16) : s]
    after = text[e : e + 14]
    if _named_number(text, s, word) and re.match(r"\s[A-Z]", after):
        return False  # "First Choice Foods", "the Second World War": part of a name
    first = word.lower() == "first"
    if not first and re.match(r"\stimes?\b", after, re.I):
        return True  # "for the fifth time since June": a later occasion in a series
    if _PLACE_AFTER.match(after):
        # "in second place", "Mandaric's first choice"; "in the first place" is a manner
        # of speaking.
        return not (first and re.search(r"\bin\sthe\s$", before, re.I))
    if _WHEN_AFTER.match(after):
        return False  # "the 69th minute", "its 20th anniversary": when, not a standing
    if word[0].isdigit():
        return True  # 407th: a numeral ordinal is a position
    own = re.search(r"(?:his|her|its|their|our|'s|’s)\s$", before, re.I)
    if first and own:
        # "his first goal", "her first title": a debut, not a position, unless it claims
        # primacy; later ordinals after a possessive ("Mr Brown's eighth Budget") count
        # the occasions.
        return _OWN_PRIMACY.match(text, e) is not None and not _NOT_PRIMACY.match(text, e)
    if compiled(_RANK_BEFORE, re.I).search(before):
        return True
    if re.search(r"\bthe\s$", before, re.I):
        if first:
            # A claim of primacy: "the first convictions for piracy", "the first Scot to
            # be confirmed", "the first of its kind"; not "the first phase of the crisis".
            return _PRIMACY.match(text, e) is not None and not _NOT_PRIMACY.match(text, e)
        nxt = re.match(r"\s([a-z][a-z-]*)", after)
        if nxt and nxt.group(1) not in _STEP_NOUNS:
            return True  # "the second album from The Streets", "after the second ballot"
    if (
        not first
        and re.match(r"\s?[,.;]", after)
        and (prev := re.search(r"([A-Za-z][\w'’-]*)\s$", before)) is not None
        and prev.group(1).lower() not in _NOT_STANDING_BEFORE
    ):
        return True  # "with Franz Ferdinand's self-titled album third,"
    return (
        compiled(_RANK_AFTER, re.I).match(after) is not None
        and re.search(r"\b(?:the|was|is|be|world's)\s$", before, re.I) is not None
    )


# Before "number N": a chart or a ranking ("in at number 11", "fell to number four", "the
# British number one"); "No 10" alone is Downing Street, and "number one priority" a phrase.
_NUMBER_LEAD = re.compile(
    r"\b(?:at|to|from|reached|reach|reaches|hit|hits|was|is|be|were|are|remains|remained|"
    r"currently|former|new|[A-Z][a-z]+|UK|US)\s$"
)
_NUMBER_NOUNS = re.compile(
    r"\s(?:spot|position|place|slot|single|album|seed|selling|best-selling|seller|ranking)\b"
)


# Verbs that put a player in a position on the field: "come on at number seven", "start at
# number 10", "shifts to number eight", "switch to number eight".
_POSITION = re.compile(
    r"\b(?:start|starts|started|starting|come\son|comes\son|came\son|play|plays|playing|"
    r"played|shifts?|shifted|switch(?:es|ed)?|slot(?:s|ted)?\sin)\b[^.;:]{0,40}\b(?:at|to)\s$"
)


def _number_rank(text: str, s: int, e: int, spelled: bool) -> int | None:
    """Where a standing written "number N" or "No N" starts, or None when it is none.

    "world number seven", "ranked No 3" start at the word before; "at number 11" at "number".
    """
    lead = re.search(r"\b(world|ranked|seeded)\s$", text[max(0, s - 8) : s], re.I)
    if lead is not None:
        return s - len(lead.group(0))
    if not spelled or text[s] == "N":
        return None  # ("at Number 10" is Downing Street)
    before = text[max(0, s - 12) : s]
    if _POSITION.search(text, max(0, s - 60), s) or re.match(
        r"\sor\s(?:\d+|[a-z]+)\b(?!\s[a-z])", text[e:]
    ):
        # "come on at number seven or eight", "start … at number 10", "shifts to number
        # eight": a position in a team, not a standing.
        return None
    lead = _NUMBER_LEAD.search(before)
    if lead is not None and not (
        lead.group(0)[0].isupper() and re.fullmatch(r"\W*\S+\s", text[:s])
    ):
        return s  # (a capitalised word opening the sentence is no adjective of the rank)
    if re.search(r"\bthe\s$", before) and _NUMBER_NOUNS.match(text, e):
        return s  # "the number one selling DVD", "the number one spot"
    return None


def _chart_position(text: str, s: int, raw: str) -> bool:
    """A bare number that is a place in a chart: "came in at 39", and in a list that began
    with one, "Dizzee Rascal in at number 12 and The Zutons at 20"."""
    if not raw.isdigit() or int(raw) > 200 or not text.endswith("at ", 0, s):
        return False  # (the cheap test first: most bare numbers follow no "at")
    lead = text[max(0, s - 120) : s]
    if re.search(r"\bin\sat\s$", lead):
        return True
    return re.search(r"\bat\s$", lead) is not None and (
        re.search(r"\b(?:at\snumber|in\sat)\s\w+\s(?:and|,)", lead) is not None
    )


def _pronoun_age(text: str, s: int, e: int, raw: str) -> bool:
    """ "He was 84," after a report of a death or a life: a person's age."""
    return (
        raw.isdigit()
        and text.endswith(("was ", "is "), 0, s)
        and 1 <= int(raw) <= 110
        and re.search(r"(?:^|[.!?,;]\s|\band\s)(?:[Hh]e|[Ss]he)\s(?:was|is)\s$", text[:s])
        is not None
        and re.match(r"\s?[,.;]|\swhen\b", text[e : e + 6]) is not None
    )


def _role_age(text: str, s: int, e: int, raw: str) -> bool:
    """ "the Wales star, 30, with": a person named by a role, and the age set off by commas."""
    return (
        raw.isdigit()
        and 15 <= int(raw) <= 99
        and text[e : e + 1] == ","
        and re.search(r"\bthe\s(?:[\w'’-]+\s){0,3}?[a-z][\w'’-]*,\s$", text[max(0, s - 50) : s])
        is not None
    )


def _in_version_list(lead: str) -> bool:
    """A year in a list of version numbers: "Windows 95, 98, 2000, NT and XP"."""
    return lead.endswith(", ") and (
        re.search(r"\b[A-Z][\w-]*\s\d{2,4}(?:,\s\d{2,4})*,\s$", lead) is not None
    )


def _address(text: str, at: int) -> bool:
    """A house number: "into 10 Downing Street" (``at`` is where the word after it starts)."""
    return text[at : at + 1].isupper() and (
        re.match(
            r"[A-Z][\w'-]*\s(?:Street|Road|Avenue|Lane|Square|Place|Drive|Terrace)\b",
            text[at : at + 40],
        )
        is not None
    )


def _short_million(text: str, s: int, raw: str) -> bool:
    """Whether "1m" before a plural noun is a count in millions ("about 1m websites", "up to
    1.4m workers"), not a distance ("the 100m hurdles", "800m runners"): a decimal or a
    word of approximation says it is one."""
    if not re.fullmatch(r"[\d,.]+(?:m|bn)", raw, re.I):
        return True
    return (
        "." in raw
        or re.search(
            r"\b(?:about|around|nearly|almost|over|than|to|some|estimated|approximately|roughly)\s$",
            text[max(0, s - 16) : s],
            re.I,
        )
        is not None
    )
