"""English subjects: the noun phrase a figure measures, or the event a date dates.

There is no tagger here (none with its model inside a PyPI package is fast enough for the
1 MB/s budget), so a noun phrase is a run of words that are neither function words nor
verbs, read from ``data/facts.toml``'s ``[en]`` word lists: walking back from a verb or a
preposition before the figure, or forward from the figure when it modifies a noun
("a 70% share of the market", "a £200 council tax refund").
"""

from __future__ import annotations

import re

from ._base import _clause_end, _clause_start, _Mention

# Noun-phrase reading shared with the event, rank and age modules.
from .phrases_en import _NUMBER_WORDS, _np_after, _np_before, _open_clause
from .shared_en import _list_tail
from .words_en import (
    _CONVERSION,
    _ING_PREPOSITIONS,
    _WORD,
    _adverb,
    _is_verb,
    _modifier,
    _stops,
    _Words,
)

# speakers.py reads the word lists from here: re-exported (they live in words_en.py).
from .words_en import _words as _words

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
        # "At least three people", "there would be two billion handsets": no verb of theirs;
        # "including two judges": a preposition
        and before[i].lower() not in w.copulas
        and before[i].lower() not in w.auxiliaries
        and before[i].lower() not in _ING_PREPOSITIONS
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
    if (
        rest
        and (_is_verb(rest[0], w) or rest[0].lower() in w.change or rest[0].endswith("ed"))
        and rest[0].lower() not in w.linking  # "110,000 staff by 2010": no verb
        and rest[0].lower() not in _ING_PREPOSITIONS  # "five categories including …"
    ):
        return [*np, rest[0]]  # six million people perished
    return np


_QUOTES = re.compile('["“”]')


def en_subject(text: str, m: _Mention, change_words: frozenset[str]) -> str | None:
    """The noun phrase a percentage, amount, count or rank measures (``m.change`` is set)."""
    w = _words()
    cs = _open_clause(text, m.start)
    # "a $1.75bn (£900m) deal": the conversion in brackets sits between figure and noun.
    conv = _CONVERSION.match(text, m.end)
    end = conv.end() if conv else m.end
    # A dash between spaces starts the phrase: "fared well - Toyota sales jumped 11%".
    before = _WORD.findall(re.split(r"\s[-–—]\s", text[cs : m.start])[-1])
    if m.kind == "count":
        # 178 "sound recordings", eight "critical" security holes: quotation marks inside
        # the counted phrase do not end it.
        rest = _QUOTES.sub("", text[end : end + 120])
        rest = rest[: _clause_end(rest, 0)]
    else:
        rest = text[end : _clause_end(text, end)]
    # A dash between spaces ends the phrase: "One in 10 adult Americans - equivalent to …".
    after = _WORD.findall(re.split(r"\s[-–—]\s", rest)[0])
    if (
        m.kind == "percent"
        and len(after) >= 2
        and after[0].lower() in ("are", "were")
        and after[1].islower()
        and not _stops(after[1], w)
        and all(x.lower() in w.function for x in before)
    ):
        # "Of the 22 million Americans who own MP3 players, 59% are men": a share that
        # opens its clause is the share of what it is said to be.
        np = _np_after(after[1:], w)
        if np:
            return " ".join(np)
    who = _SHARE_OF_WHO.match(text, end) if m.kind == "percent" else None
    if who is not None:
        # "9% of those who have dial-up access", "14% of those aged 30-39": the share is
        # of the people the words after "those" name, numbers and all.
        return " ".join(who.group(1).split()[:5])
    if m.kind == "count" or (
        m.kind in ("percent", "amount") and after and after[0].lower() == "of" and end == m.end
    ):
        # "five other provinces"; "13.6% of the loans": the share is of what follows.
        np = _np_after(after, w)
        if not np and after and after[0].lower() in w.noun_copulas and after[0][0].islower():
            np = [after[0]]  # "only 1,440 hits": after a number "hits" is a noun
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
    if (
        m.kind == "amount"
        and len(after) >= 2
        and after[0] == "in"
        and after[1][0].islower()
        and not _stops(after[1], w)
        and (
            after[1].lower() not in w.when_nouns | w.when_fillers
            # "in weekend ticket sales": a word of time that modifies a noun
            or (len(after) >= 3 and after[2][0].islower() and not _stops(after[2], w))
        )
    ):
        # "providing $120m in revenue", "$28.3bn in financial damages", "took $40.8m
        # (£21m) in weekend ticket sales": what the money is.
        np = _np_after(after[1:], w)
        if np and np[-1].lower() not in _NOT_MONEY and np[0].lower() not in _NUMBER_WORDS:
            return " ".join(np)
    found = _measured(before, after, m, change_words, w)
    if found is None and re.search(r"\s[-–—]\s", text[cs : m.start]):
        # "Sales - excluding fuel - rose 5%": the dashes set off an aside, not a clause.
        aside = re.sub(r"\s[-–—]\s[^-–—]*\s[-–—]\s", " ", text[cs : m.start])
        found = _measured(_WORD.findall(aside), after, m, change_words, w)
    if found is None and before and before[0].lower() in ("which", "that") and cs > 1:
        # "the disaster appeal, which is expected soon to top £20m": the relative clause
        # measures what it is about.
        np = _np_before(_WORD.findall(text[_clause_start(text, cs - 1) : cs - 1]), w)
        found = " ".join(np) or None
    ce = _clause_end(text, m.end)
    if found is None and len(before) <= 1 and not after and ce < len(text) and text[ce] == ",":
        # "At 2.6%, inflation remains within …": the next clause's subject.
        nxt = _WORD.findall(text[ce + 1 : _clause_end(text, ce + 1)])
        head = _np_after(nxt, w)
        if head and len(head) < len(nxt):
            found = " ".join(head)
    if (
        found is None
        and cs > 1
        and before
        and (_is_verb(before[0], w) or before[0].lower() in w.auxiliaries)
    ):
        # "Core prices, which exclude food and energy costs, surged by 0.8%": past the
        # relative clause to the subject it interrupts.
        prev = _clause_start(text, cs - 1)
        words = _WORD.findall(text[prev : cs - 1])
        if (
            words
            and prev > 1
            and (
                words[0].lower() in ("which", "who")
                # "Turkcell's stake in Irancell, the new network, should be cut from 70%":
                # past the apposition to the noun it renames.
                or (
                    words[0].lower() in ("the", "a", "an")
                    and not any(_is_verb(x, w) for x in words)
                )
            )
        ):
            np = _np_before(_WORD.findall(text[_clause_start(text, prev - 1) : prev - 1]), w)
            found = " ".join(np) or None
    if (
        found is None
        and cs > 1
        and before
        # ("…, currently close to 30%", "…, up 13.8% in the year"; not "…, to $14bn", a level)
        and (_adverb(before[0], w) or before[0].lower() in w.qualifiers | {"up", "down"})
        and all(_adverb(x, w) or x.lower() in w.qualifiers | {"to", "close", "up"} for x in before)
    ):
        # "Unemployment remains high, currently close to 30%": the clause goes on.
        words = _WORD.findall(text[_clause_start(text, cs - 1) : cs - 1])
        v = next((k for k in range(len(words) - 1, 0, -1) if _is_verb(words[k], w)), None)
        if v:
            found = " ".join(_np_before(words[:v], w)) or None
    if found is None and cs > 1 and before and _change_participle(before[0], w):
        # "mining output drove the increase, surging 2.1%": the participle's subject is
        # the subject of the verb before it.
        words = _WORD.findall(text[_clause_start(text, cs - 1) : cs - 1])
        v = next(
            (
                k
                for k in range(len(words) - 1, 0, -1)
                # ("drove the increase": after a determiner a verb form is a noun)
                if _is_verb(words[k], w) and words[k - 1].lower() not in w.before_np
            ),
            None,
        )
        if v:
            found = " ".join(_np_before(words[:v], w)[-3:]) or None
    if found is not None and found.lower() in w.currencies and found.lower().endswith("s"):
        return None  # "from 5bn euros in 2014 to almost 9bn euros": the unit of another figure
    return found


# After "£5m in": a session or a sum, not what the money is ("fell to $92.9 in after-hours
# trade", "£2.1bn in total").
_NOT_MONEY = frozenset(["trade", "trading", "dealings", "total", "terms", "return", "all"])
_SHARE_OF_WHO = re.compile(
    r"\s+of\s+((?:those|people|anyone|everyone)\s(?:who|aged|with|without|in|on|earning|living)\b"
    r"(?:[^,;:.!?()\"“”]|\.\d)*?)(?=\s(?:and|or|but|compared|than|while|whereas)\b|[,;:!?()\"“”]|\.(?!\d)|$)"
)
# Pronouns that head a group named by what it does: "those earning more than £100,000".
_WHO_WORDS = frozenset(["those", "anyone", "everyone", "someone", "people", "others"])


def _change_participle(word: str, w: _Words) -> bool:
    """ "surging", "rising", "dropping": the "-ing" form of a verb of change."""
    low = word.lower()
    if not low.endswith("ing") or word[0].isupper():
        return False
    stem = low[:-3]
    return any(x in w.change for x in (stem, stem + "e", stem + "ed", stem[:-1] + "ed"))


def _object_of(before: list[str], after: list[str], w: _Words) -> bool:
    """A figure between a verb and a noun modifies the noun, the verb's object: "the Fed has
    implemented quarter percentage point rises", "paid $40m compensation"."""
    if not before or not after or not after[0][0].islower():
        return False
    verb = before[-1].lower()
    # "Court rejects $280bn tobacco case": a verb in "-s" after a name is a verb too.
    named_verb = (
        len(before) >= 2
        and before[-2][0].isupper()
        and verb.endswith("s")
        and before[-1].islower()
        and not _stops(before[-1], w)
    )
    return (
        (_is_verb(before[-1], w) or verb in _NOUN_PREPS or named_verb)
        and verb not in w.change | w.copulas | w.linking | w.auxiliaries
        and after[0].lower() not in w.comparatives
        and after[0].lower() not in w.units
        and after[0].lower() not in _PLACE_ADVERBS
        and after[0].lower() not in _NUMBER_WORDS
    )


# Prepositions whose object a figure can modify: "through £35bn efficiency savings",
# "with £5m funding". (Not "to", "by", "from", "at": they take the level or the change.)
_NOUN_PREPS = frozenset(["through", "with", "without", "for", "against", "via", "despite"])


# Words after a figure that say where or how it is shared, not what it is of.
_PLACE_ADVERBS = frozenset(
    [
        *("outside", "inside", "worldwide", "apiece", "each", "abroad", "overseas", "home"),
        *("back", "away", "ahead", "altogether", "overall", "short", "more", "less", "net"),
    ]
)


def _measured(
    before: list[str], after: list[str], m: _Mention, change_words: frozenset[str], w: _Words
) -> str | None:
    """The subject of an amount or percentage: the noun it modifies or the one before."""
    # A figure between a determiner and a noun modifies the noun: "a 70% share of …".
    # "an annual £10.5bn black hole": an adjective may come between.
    det = [x.lower() for x in before[-2:]]
    if det and re.search(r"[a-z](?:'s|’s|s'|s’)$", det[-1]):
        det[-1] = "its"  # "America's 5.4% jobless rate": a possessive is a determiner
    if len(after) >= 3 and after[0].lower() in w.change_nouns and after[1].lower() in ("in", "of"):
        # "a 6% rise in profits": the change is of what follows it.
        np = _np_after(after[2:], w)
        if np:
            m.change = after[0].lower()
            return " ".join(np)
    modifies = bool(
        det
        and (
            det[-1] in w.before_np
            or (
                len(det) == 2
                and det[0] in w.before_np
                # "a revised 0.6% increase": a participle describes the figure's noun.
                and (not _stops(before[-1], w) or _modifier(before, len(before) - 1, w))
            )
        )
    )
    modifies = modifies or _object_of(before, after, w)
    if (
        modifies
        and after
        and det[-1] not in w.function - w.before_np
        and after[0].lower().endswith("ing")
        and after[0].islower()
        and after[0].lower() not in w.verbs
        and after[0].lower() not in w.when_preps
        and after[0].lower() not in _ING_PREPOSITIONS
        and (len(after) == 1 or after[1].lower() in w.function)
    ):
        # "his 28.1% shareholding to vote off …", "a 5% holding in": between a determiner
        # and a preposition an "-ing" word is the noun the figure measures.
        return after[0]
    if modifies and after and after[0].lower() in w.change_nouns:
        # "from a revised 0.6% increase in October": the increase ("a 1.4% growth target":
        # the target).
        np = [after[0]]
        for word in after[1:4]:
            if _stops(word, w) or word.lower() in w.when_fillers | w.when_nouns:
                break
            np.append(word)
        if len(np) == 1:
            m.change = after[0].lower()
        return " ".join(np)
    if (
        modifies
        and after
        and (
            not _stops(after[0], w)
            # "Turkcell's 70% controlling stake": a participle before the noun.
            or (
                after[0].lower().endswith(("ing", "ed"))
                and len(after) > 1
                and not _stops(after[1], w)
                and after[0].lower() not in w.function | w.verbs
            )
        )
        and after[0].lower() not in ("last", "next", "this")  # "cut … 10% last year"
    ):
        np = _np_after(after, w)
        if np:
            return " ".join(np)
    # Walk back over qualifiers (almost, more than, at least) to the verb or preposition.
    i = len(before) - 1
    while i >= 0 and (
        before[i].lower() in w.qualifiers
        # "could reach up to 10%", "currently close to 30%" (not "push earnings up to":
        # a change and its level)
        or (
            before[i].lower() == "to"
            and i > 0
            and (
                before[i - 1].lower() == "close"
                or (
                    before[i - 1].lower() == "up"
                    and (i < 2 or _is_verb(before[i - 2], w) or _adverb(before[i - 2], w))
                )
            )
        )
        or (
            before[i].lower() in ("at", "up", "close")
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
                    # "left interest rates on hold again at 4.75%"
                    or before[j - 1].lower() in ("again", "still", "also", "already", "now")
                    or before[j - 1].lower() in w.comparatives  # "is much lower at 0.1%"
                    # "the figure is more likely to be under 3%"
                    or before[j - 1].lower() in ("more", "less", "most", "least")
                )
                # "fuel costs rose by £106m": before another verb, "costs" is the noun.
                and not (before[j - 1].lower() in w.noun_copulas and j < i + 1 and j > 1)
            ):
                j -= 1
                if before[j].lower() in change_words:
                    m.change = before[j].lower()
            head = before[:j]
            while head and head[-1].lower() in w.when_preps:
                # "pre-tax profits for 2004 rose 56%": the preposition's figure is no word.
                head = head[:-1]
            if (
                len(head) >= 3
                and head[-1].lower() in ("which", "that", "who")
                # ("which killed 150,000" counts the killed, see en_subject)
                and m.kind != "count"
            ):
                head = head[:-1]  # "Ocean's Eleven which took $38.1m": the antecedent
            np = _np_before(head, w)
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
            if (
                j > 0
                and before[j - 1].lower() in _WHO_WORDS
                and before[j].lower() not in w.linking | w.copulas | w.auxiliaries
            ):
                return f"{before[j - 1]} {before[j]}"  # "for those earning more than £100,000"
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
