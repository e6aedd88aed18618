"""English standings: what a rank ranks.

A standing is a claim about something placed: "Razorlight's Up All Night was in fifth
place", "Jamelia took the 44th place", "Dizzee Rascal in at number 12", "Santy is not the
first malicious program to use Google". The subject is the thing placed, named before the
verb of standing (came, was, took, finished) or, without a verb, right before the place
phrase; a possessive names the series instead ("Mr Brown's eighth Budget" → Budget); a
later occasion ("for the fifth time since June") belongs to the event, as a date does.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ._base import MONTH_NAMES, _clause_start, _Mention
from .events_en import en_event
from .phrases_en import _np_after, _np_before, _open_clause
from .words_en import _WORD, _words

# Words between the thing placed and its rank: "in at number 12", "took the 44th place".
_PLACE_LEAD = frozenset(["in", "at", "into", "to", "the", "number", "no", "its", "up", "down"])
# Verbs of standing and the copulas, with what may come between them and the rank.
_STANDING_VERBS = frozenset(
    [
        *("came", "come", "comes", "coming", "finished", "finish", "finishes", "finishing"),
        *("was", "is", "are", "were", "be", "been", "being", "became", "becomes", "become"),
        *("took", "take", "takes", "taking", "placed", "ranked", "ranks", "lies", "sits"),
        *("stands", "entered", "enters", "debuted", "went", "goes", "moved", "rose", "fell"),
        *("slipped", "climbed", "dropped", "reached", "reaches", "hit", "remains"),
        *("remained", "straight", "not", "still", "now", "currently", "also", "only"),
        *("has", "have", "had", "will", "would", "could", "in", "at"),
        # "fell one place to number five", "moved up seven places".
        *("place", "places", "up", "down", "one", "two", "three", "four", "five", "six"),
        *("seven", "eight", "nine", "ten", "straight", "back"),
    ]
)
_PLACES = frozenset(["place", "position", "spot", "slot"])
# A name right after a standing: "world number five Guillermo Coria", "seed Tim Henman".
_NAMED = re.compile(r"(?:\sseed)?\s([A-Z][a-z][\w'’-]*(?:\s[A-Z][a-z][\w'’-]*){0,2})")
_MONTHS = frozenset(x.lower() for x in MONTH_NAMES)
# A participle clause or an apposition between a subject and its verb or place: ",
# starring Michelle Gellar,", ", a comedy starring Will and Grace's Debra Messing,".
_ASIDE = re.compile(r",\s(?:[a-z]+ing|which|who|who's|aka|(?:a|an|the)\s[a-z]+)\b[^,]{0,80},\s*$")


# Short words a title keeps in lower case: "Hope and Fears", "How to Dismantle an Atomic Bomb".
_TITLE_SMALL = frozenset(["and", "of", "for", "the", "to", "a", "an", "in", "on", "at", "or"])


def _name_before(words: list[str]) -> list[str]:
    """The noun phrase ending ``words``, reading a run of capitalised words as one name
    ("Razorlight's Up All Night", "Keane's Hope and Fears"), function words and all."""
    k = len(words)
    while k > 0 and (
        words[k - 1][0].isupper()
        or (words[k - 1] in _TITLE_SMALL and 2 <= k < len(words) and words[k - 2][0].isupper())
    ):
        k -= 1
    if k < len(words):
        return words[k:]
    return _np_before(words, _words())


def rank_subject(text: str, m: _Mention) -> str | None:
    """What an English ordinal ranks, or None to let the caller's noun-phrase reading decide."""
    w = _words()
    after = _WORD.findall(text[m.end : m.end + 80])
    time = re.match(r"\s(?:time|times)\b", text[m.end : m.end + 7])
    if time:
        # "rise for the fifth time since June": the rise, as the date after it has.
        return en_event(text, replace(m, end=m.end + time.end()))
    named = _NAMED.match(text, m.end)
    if (
        named is not None
        # only a standing in a table ("world number five", "second seed"): "the first
        # British ballerinas", "the first Arab side" claim primacy for a noun phrase
        and (
            re.search(r"(?i)\bnumber\b|\bno\b", text[m.start : m.end])
            or named.group(0).startswith(" seed")
        )
        and named.group(1).split()[0].lower() not in w.days
        and named.group(1).split()[0].lower() not in _MONTHS
    ):
        # "beat world number five Guillermo Coria", "second seed David Nalbandian": the
        # standing of the name that follows it.
        return named.group(1)
    own = re.search(
        r"(?:'s|’s|s'|s’|\b(?:his|her|its|their|our))\s$",
        text[max(0, m.start - 6) : m.start],
        re.I,
    )
    if own and after and after[0].lower() not in _PLACES:
        np = _np_after(after, w)
        if np and not (len(np) == 1 and np[0].lower() in w.function):
            return " ".join(np)  # "Mandaric's first choice", "Mr Brown's eighth Budget"
    cs = _open_clause(text, m.start)
    words = _WORD.findall(text[cs : m.start])
    if words and words[0].lower() in ("who", "which", "that") and cs > 1:
        # "Hewitt, who has not got past the fourth round": the relative clause's antecedent.
        prev = _WORD.findall(text[_clause_start(text, cs - 1) : cs - 1])
        np = _name_before(prev)
        return " ".join(np) if np else None
    i = len(words)
    while i > 0 and words[i - 1].lower() in _PLACE_LEAD:
        i -= 1
    j = i
    while j > 0 and words[j - 1].lower() in _STANDING_VERBS:
        j -= 1
    # "with the club second-from-bottom": a bare rank right after the noun it places.
    bare = j == len(words) and bool(words) and re.match(r"[\s-]from\b", text[m.end :])
    if j < len(words) or not words or bare:
        np = _name_before(words[:j])
        if len(np) == 1 and np[0].lower() in w.function:
            return None  # "There is no first or second act"
        if np:
            return " ".join(np)
        if cs > 1 and not words[:j]:
            # "The Grudge, starring Michelle Gellar, was the US' second best-selling DVD";
            # "Shall We Dance? at number three": the subject is in the clause before.
            lead = text[:cs]
            aside = _ASIDE.search(lead)
            if aside is not None:
                lead = lead[: aside.start()]
            prev = _WORD.findall(lead[_clause_start(lead, len(lead.rstrip(" ,")) - 1) :])
            np = _name_before(prev)
            if np:
                return " ".join(np)
    return None
