"""English events: what a date, duration, score, decade or age belongs to.

An editor checks "21 December" against the hearing it dates, so the subject of a date is
the shortest phrase that names the event, in the article's words: the noun the date
modifies ("the 2004 model year", "its December sales"), the thing it complements ("Six
weeks is the average time to heal"), or, walking back over the preposition and the other
words of time before it, the noun or verb it belongs to ("raids in August", "due to be
sentenced on 29 April", "will be out for at least six weeks"). A verb takes the head of
its subject with it ("The feel-good factor … rose in December" → feel-good factor rose),
since a bare "rose" names no event. A date that opens its clause dates the next one ("In
January, GM said …" → GM said).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ._base import _clause_end, _clause_start, _Mention
from .ages_en import _person
from .phrases_en import _np_after, _np_before, _open_clause
from .times_en import (
    _BE,
    _NAME_PREPS,
    _NOT_HEADS,
    _NUMBER_WORDS,
    _OBJECTS,
    _OF_PREPS,
    _PARTICLES,
    _PRONOUNS,
    _RELATIVES,
    _TIME_WORDS,
    _VERB_PREPS,
    _currencies,
    _head,
    _skippable,
    _speech,
    _verbish,
)
from .words_en import _ING_PREPOSITIONS, _MODALS, _WORD, _is_verb, _stops, _trim, _Words, _words


def _subject_of_verb(before: list[str], j: int, w: _Words) -> list[str]:
    """The head of the noun phrase before the verb group that starts at ``before[j]``."""
    while j > 0 and (before[j - 1].lower() in w.auxiliaries or _verbish(before[j - 1], w)):
        j -= 1
    np = _np_before(before[:j], w)
    return [x for x in _head(np) if x.lower() not in _NUMBER_WORDS][-3:]


# _walk_back's answer when the words before a date are only a place ("in Dublin on"): the
# event is in the clause before.
_PLACE_ONLY = "\0place"


def _place_at(before: list[str], start: int, np: list[str]) -> int | None:
    """Where the place phrase ``in/at/from [the] Name`` that ends ``before`` begins, when
    the noun phrase ``np`` (at ``start``) is a name of up to three words ("Dublin", "the
    UK", "Weston Park")."""
    if (
        len(np) >= 3
        and np[-2].lower() in ("in", "at")
        and np[-1][0].isupper()
        and np[-3][0].islower()
        and before[start : start + len(np)] == np
    ):
        return start + len(np) - 2  # "won three gold medals … in Sydney in 2000"
    if not 1 <= len(np) <= 3 or not all(x[0].isupper() for x in np):
        return None
    k = start - 1
    if k >= 1 and before[k].lower() == "the" and (len(np) > 1 or np[0].isupper()):
        k -= 1  # "the UK", "the High Court": a country's acronym, a place of two words
    if k >= 0 and before[k].lower() in ("in", "at", "from"):
        return k  # "play at Weston Park on Saturday 20 August", "from India in January"
    return None


def _object_start(before: list[str], start: int, np: list[str], w: _Words) -> int | None:
    """Where the verb starts whose object is the noun phrase at ``before[start]``, past a
    number or a determiner and a particle ("vote off three board members"); None when the
    phrase is no verb's object. A verb is one by list or shape, or a lower-case word after
    "to" or a modal."""
    k = start - 1
    while k >= 0 and (before[k].lower() in _NUMBER_WORDS or before[k].lower() in w.before_np):
        k -= 1
    if k >= 1 and before[k].lower() in _OBJECT_PARTICLES:
        k -= 1
    if k < 0 or _left_of_figure(np):
        return None
    word = before[k]
    verb = (
        _is_verb(word, w)
        or (k > 0 and before[k - 1].lower() in _MODALS and word.islower() and not _stops(word, w))
    ) and not _not_object_verb(word.lower(), w)
    return k if verb and word.islower() else None


def _not_object_verb(low: str, w: _Words) -> bool:
    # (membership tests, not a union of the sets: this runs for every date)
    return low in w.copulas or low in w.auxiliaries or low in _speech() or low in _ING_PREPOSITIONS


# Particles that go with the verb before its object ("vote off three board members");
# "on", "in" and "over" after a noun are prepositions more often than not.
_OBJECT_PARTICLES = frozenset(["out", "up", "off", "down", "back", "away"])


def _left_of_figure(np: list[str]) -> bool:
    """Whether the noun phrase ``np`` is only what is left of a figure ("100 trillion won",
    "£86m in efficiency savings")."""
    return (
        not np
        or np[0].lower() == "in"
        or all(x.lower() in _NUMBER_WORDS or x.lower() in _currencies() for x in np)
    )


def _walk_back(before: list[str], w: _Words) -> str | None:
    """The event the words before a date end with (None when the date opens its clause)."""
    i = len(before) - 1
    comparison = False
    while i >= 0 and _skippable(before, i, w):
        # "higher than in 2003" compares; "for more than 20 years" only qualifies.
        comparison = comparison or (
            before[i].lower() == "than"
            and not (i > 0 and before[i - 1].lower() in ("more", "less", "fewer", "longer"))
        )
        i -= 1
    if i < 0:
        return None
    low = before[i].lower()
    if comparison:
        # "sales … were 4.3% higher than in 2003": the compared thing is the clause's
        # subject, before its verb.
        j = i
        while j >= 0 and (
            not _verbish(before[j], w)
            # ("a detailed plan": after a determiner an "-ed" word describes the noun)
            or (j > 0 and before[j - 1].lower() in w.before_np)
        ):
            j -= 1
        np = _subject_of_verb(before, j, w) if j > 0 else []
        if not np and j > 0 and before[j - 1].lower() == "there":
            # "there is a detailed plan for the future, much clearer than those in 1997"
            np = _np_after(before[j + 1 :], w)[:4]
        return " ".join(np) or None
    if low in _RELATIVES:
        return None
    if low in _OBJECTS and i > 0 and before[i - 1][0].islower():
        return f"{before[i - 1]} {before[i]}"  # "it will now take me six to eight weeks"
    noun = i > 0 and before[i - 1].lower() in w.before_np  # "a $337m hit in the fourth quarter"
    if noun and _stops(before[i], w):
        return str(before[i])
    if not noun and (
        low in _PARTICLES
        or _verbish(before[i], w)
        or (i > 0 and before[i - 1].lower() in _MODALS and before[i][0].islower())
    ):
        # The verb, with its particle and what lies between ("kept Scott Parker out").
        v = i
        if low in _PARTICLES:
            v = next((k for k in range(i - 1, max(-1, i - 4), -1) if _verbish(before[k], w)), i)
        if before[v].lower() in _BE and v == i:
            # "The hearing is on 21 December": the subject is the event.
            np = _subject_of_verb(before, v, w)
            return " ".join(np) or None
        while (
            v >= 2
            and before[v - 1].lower() in ("and", "or")
            and (
                _verbish(before[v - 2], w)
                or (v >= 3 and before[v - 3].lower() in w.auxiliaries and before[v - 2].islower())
            )
        ):
            v -= 2  # "Van Gogh was shot and stabbed in November 2004": both verbs
        verb = [x for x in before[v : i + 1] if x.lower() not in w.auxiliaries or x == before[i]]
        subj = _subject_of_verb(before, v, w)
        return " ".join([*subj, *verb]) or None
    np = _np_before(before[: i + 1], w)
    start = i + 1 - len(np) if np else i
    place = _place_at(before, start, np)
    if place is not None:
        # "play Ireland in Dublin on 27 February", "US films shot in the UK during 2004":
        # a place says where the event was, not what it was.
        return (_walk_back(before[:place], w) if place else None) or _PLACE_ONLY
    if (
        np
        and start >= 3
        and before[start - 1].lower() in w.before_np
        and before[start - 2].lower() in _VERB_PREPS
        and _is_verb(before[start - 3], w)
        and before[start - 3].lower() not in _PARTICLES  # "lived up to its promise"
    ):
        # "which he had represented as an MP for more than 20 years": past the article.
        np = [before[start - 3], before[start - 2], *np]
    # "diagnosed with colorectal cancer in May", "first appeared on Playschool 25 years
    # ago": the verb whose object the phrase is.
    if (
        np
        and start >= 2
        and (
            before[start - 1].lower() in _VERB_PREPS
            or (np[0][0].isupper() and before[start - 1].lower() in _NAME_PREPS)
        )
        and _is_verb(before[start - 2], w)
        and before[start - 2].lower() not in w.copulas
    ):
        np = [before[start - 2], before[start - 1], *np]
    elif (
        (obj := _object_start(before, start, np, w)) is not None
        and np
        # ("won the Eton and Slough seat": after a determiner a name is the object too)
        and (np[0][0].islower() or before[start - 1].lower() in w.before_np)
    ):
        # "to vote off three board members last November": the act, the verb with its
        # object, not the members.
        np = [*before[obj:start], *np]
    elif (
        np
        and np[0][0].isupper()
        and start >= 2
        and before[start - 1].lower() in _PARTICLES
        and _is_verb(before[start - 2], w)
    ):
        np = [before[start - 2], before[start - 1], *np]  # "tapped up … Ashley Cole"
    elif (
        np
        and np[0][0].isupper()
        and start >= 1
        and _is_verb(before[start - 1], w)
        and before[start - 1].lower() not in _PARTICLES
    ):
        np = [before[start - 1], *np]  # "If you voted Conservative in 2001"
    elif (
        np
        and start >= 3
        and before[start - 1].lower() in w.before_np
        and before[start - 2].lower() in ("on", "at")
        and _is_verb(before[start - 3], w)
        and before[start - 3].lower() not in w.copulas | w.auxiliaries
    ):
        # "will be published on the ministry's website on 9 February": the act, with its
        # doer ("The US economy grew at an annual rate of 3.9% in the three months").
        np = [*_subject_of_verb(before, start - 3, w), before[start - 3]]
    elif (
        np
        and start >= 3
        and before[start - 1].lower() in w.before_np
        and before[start - 2].lower() in _OF_PREPS
        and not _stops(before[start - 3], w)
        and before[start : start + len(np)] == np
    ):
        # "had an operation on his knee five weeks ago": the thing the phrase is of.
        head = _np_before(before[: start - 2], w)
        if head and head[-1].lower() not in _NOT_HEADS:
            np = [*head, before[start - 2], before[start - 1], *np]
    elif np and np[0][0].isupper() and start >= 2 and before[start - 1].lower() in _NAME_PREPS:
        # "accession talks with Croatia in April 2005": the name is not the event.
        head = _np_before(before[: start - 1], w)
        if head:
            np = [*head, before[start - 1], *np]
    np = [x for x in np if x.lower() not in _NUMBER_WORDS]
    return " ".join(np[-6:]) or None


def _clause_event(words: list[str], w: _Words) -> str | None:
    """The event a clause states: its subject and verb ("GM said"), or the verb and its
    object when the subject is a pronoun ("took over the European business")."""
    v = next(
        (
            k
            for k, x in enumerate(words)
            if (_verbish(x, w) and x.lower() not in w.auxiliaries)
            # "users will be able to download free software": a verb after "to" or a modal
            or (k and words[k - 1].lower() in _MODALS and x.islower() and not _stops(x, w))
            or (
                # Without a tagger a verb is also a word followed by a determiner:
                # "reiterate our resolve".
                k + 1 < len(words)
                and x[0].islower()
                and not _stops(x, w)
                and words[k + 1].lower() in w.before_np | {"our", "my", "your"}
            )
        ),
        None,
    )
    if v is None:
        words = _trim(words[:5], w)
        return " ".join(words) or None
    subj = _head(_np_before(words[:v], w))
    subj = subj[-3:] if subj and subj[0].lower() not in _PRONOUNS else []
    if subj and words[v].lower() in _speech():
        return " ".join([*subj, words[v]])  # "In January, GM said …"
    rest = words[v + 1 :]
    particle = rest[:1] if rest and rest[0].lower() in _PARTICLES else []
    obj = _np_after(rest[len(particle) :], w)[:4]  # "have seen a lot of things"
    return " ".join([*subj, words[v], *particle, *obj])


_ASIDE = re.compile(r"\s[-–—]\s[^-–—]*\s[-–—]\s")
_RANGE_TAIL = re.compile(r"\s*(?:and|or|to|-|–)\s*\d[\w,]*")


# Between a figure and the date of its claim: "hit $412bn (£211.6bn) in the 12 months",
# "rose by 4.3% in the year to December".
_CLAIM_GAP = re.compile(
    r"(?:\s*[(（][^()（）]{1,40}[)）])?\s+"
    r"(?:(?:in|over|during|for|since|by|until|to|the|past|last|first|previous|a|an"
    r"|year|month|quarter|week)\s+)+"
)
# Between two dates of one event: "in June, August, September and November", "in the
# three months to September", "the three months between July and September".
_DATES_GAP = re.compile(r"(?:,\s(?:and\s|or\s)?|,?\s(?:and|or|to|until|between)\s)")
_FIGURES = frozenset(["amount", "percent", "count", "points", "index"])


def _dated_claim(text: str, m: _Mention, others: Sequence[_Mention]) -> str | None:
    """The event of a date that dates the figure or the date right before it."""
    # Not a figure in brackets ("$412bn (£211.6bn)", "($74.6bn; £39.1bn)"): it restates
    # the one before it, whose claim the date dates.
    prev = max(
        (
            o
            for o in others
            if o.end <= m.start and not text[: o.start].rstrip().endswith(("(", "（", ";"))
        ),
        key=lambda o: o.end,
        default=None,
    )
    if prev is None or m.kind not in ("date", "duration"):
        return None
    gap = text[prev.end : m.start]
    if prev.kind in ("date", "duration") and prev.subject and _DATES_GAP.fullmatch(gap):
        return prev.subject  # the list or the span dates one event
    if prev.kind in _FIGURES and _CLAIM_GAP.fullmatch(gap):
        # "The federal budget deficit hit a record $412bn in the 12 months": the claim the
        # figure is in, read as for a date right after the verb.
        w = _words()
        before = _WORD.findall(text[_open_clause(text, prev.start) : prev.start])
        while before and before[-1].lower() in w.qualifiers:
            before.pop()
        return _walk_back(before, w) if before else None
    return None


_DO = frozenset(["do", "does", "did"])


def _opens_with_auxiliary(low: str, w: _Words) -> bool:
    return low in w.auxiliaries or low in _MODALS or low in _DO


# Words that open an aside between a subject and its verb: ", even when they are vague,".
_ASIDE_LEADS = frozenset(
    ["even", "when", "while", "although", "though", "if", "as", "because", "which", "who"]
)


def _subject_before_aside(text: str, cs: int, w: _Words) -> str | None:
    """The subject of a clause that opens with its verb after an aside set off by commas."""
    lo = _clause_start(text, cs - 1)
    aside = _WORD.findall(text[lo : cs - 1])
    if not aside or aside[0].lower() not in _ASIDE_LEADS or lo <= 1:
        return None
    head = _np_before(_WORD.findall(text[_clause_start(text, lo - 1) : lo - 1]), w)
    return " ".join(head[-4:]) or None


def en_event(text: str, m: _Mention, others: Sequence[_Mention] = ()) -> str | None:
    """What a date, duration, score or age belongs to, in the article's words."""
    w = _words()
    claim = _dated_claim(text, m, others) if others else None
    if claim:
        return claim
    cs, ce = _open_clause(text, m.start), _clause_end(text, m.end)
    # "the friendly against Valenciana - a region of Spain - on 28 December": past the aside.
    before = _WORD.findall(_ASIDE.sub(" ", text[cs : m.start]))
    if m.kind == "age":
        return _person(text, m, w)
    # "the 2004 and 2005 model years" (not "two hours and 40 minutes": one length of time)
    tail = _RANGE_TAIL.match(text, m.end, ce) if m.kind != "duration" else None
    after_at = tail.end() if tail else m.end
    after = _WORD.findall(text[after_at:ce])
    if m.kind == "score" and after and after[0].lower() in w.results:
        # "Liverpool's 3-2 defeat at Fulham", "the 1-1 draw": the game is the subject.
        owner = before[-1] if before and before[-1].endswith(("'s", "’s")) else ""
        return " ".join(x for x in (owner, after[0]) if x)
    if m.kind == "score" and len(before) >= 2 and before[0].lower() in ("which", "that"):
        # "during the game, which Spain won 1-0": the game the relative clause is about.
        np = _np_before(_WORD.findall(text[_clause_start(text, max(0, cs - 1)) : cs]), w)
        if np:
            return " ".join(np)
    first = after[0] if after else ""
    if (
        first
        and re.match(r"(?:['’]s)?\s", text[after_at : after_at + 3])  # "2004's total"
        # "discarded 1980s Kodak film"; "2004's Super Bowl weekend": a possessive date
        # modifies the noun after it, names and all.
        and (
            first[0].islower()
            or m.kind == "decade"
            or text[after_at : after_at + 2] in ("'s", "’s")
        )
        and not _stops(first, w)
        and first.lower() not in _TIME_WORDS
    ):
        # "its December sales", "the 2004 model year": the date modifies the noun.
        np = _np_after(after, w)
        k = len(np)
        if (
            np
            and k + 1 < len(after)
            and after[k] in ("against", "with", "versus", "v")
            and after[k + 1][0].isupper()
            and after[k + 1].lower() not in w.days
        ):
            # "their 2 January fixture against Livingston": whom the game is against.
            np = [*np, after[k], after[k + 1]]
        if np:
            return " ".join(np)
    own = re.search(
        r"(?:\b(?:his|her|their|its|our|my)|['’]s)\s(?:\w+\s){0,2}$", text[cs : m.start]
    )
    if m.kind == "duration" and own and first.lower() in ("in", "at", "as", "with", "on"):
        # "during his nearly 22 years in Parliament": the years are the thing, where spent.
        np = _np_after(after[1:], w)
        if np:
            return " ".join(
                [m.unit + "s" if m.unit and not m.unit.endswith("s") else m.unit, first, *np]
            )
    if m.kind == "duration" and first.lower() == "of":
        # "after four years of a parliamentary term": the period it lasts.
        np = _np_after(after[1:], w)
        if np:
            return " ".join(np)
    if first.lower() in w.copulas | w.auxiliaries | {"must"} and (
        not before
        or before[-1].lower() in _speech() | {"that"}
        or all(x.lower().endswith("ly") or x.lower() in w.function for x in before)
    ):
        # "Six weeks is the average time to heal": the date is the subject it names.
        k = 0
        while k < len(after) and (after[k].lower() in w.copulas | w.auxiliaries | {"must"}):
            k += 1
        np = _np_after(after[k:], w)
        if np:
            return " ".join(np)
    found = _walk_back(before, w)
    if found == _PLACE_ONLY:
        # "England, fourth in the table, play Ireland, top of the table, in Dublin on 27
        # February": the clauses before, past those without a verb (appositions).
        found = None
        at = cs
        for _ in range(3):
            if at <= 1:
                break
            lo = _clause_start(text, at - 1)
            words = _WORD.findall(text[lo : at - 1])
            if (
                len(words) >= 2
                and words[0][0].islower()
                and words[1][0].isupper()
                and not _stops(words[0], w)
            ):
                # "play Ireland", "beat Bath": without a tagger, a verb is a lower-case
                # word opening its clause before a name.
                found = " ".join(words[:2])
                break
            if any(_verbish(x, w) for x in words):
                found = _walk_back(words, w)
                break
            at = lo
    if found is None and cs > 1 and "than" in (x.lower() for x in before):
        # "there is a detailed plan for the future, much clearer than those in 1997": the
        # comparison goes on the clause before.
        found = _walk_back(_WORD.findall(text[_clause_start(text, cs - 1) : m.start]), w)
    if found is None and before and _opens_with_auxiliary(before[0].lower(), w) and cs > 1:
        # "The Labour Party election pledges, even when they are so incredibly vague, do
        # not even last four days": the clause's subject is before the aside.
        found = _subject_before_aside(text, cs, w)
    if found:
        return found
    if after and not (len(after) == 1 and after[0].lower() in w.days):
        return _clause_event(after, w)
    if ce < len(text):
        # "In 2001, he took over …": the event is the next clause.
        return _clause_event(_WORD.findall(text[ce + 1 : _clause_end(text, ce + 1)]), w)
    return None
