"""English attributions: which speech verbs attribute a sentence, and which of its facts
they cover (facts stage; ``speakers.py`` decides who speaks each sentence)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .._regex import compiled
from ._vocab import en_speech

_QUOTE_MARK = re.compile('[“”"]')


def _iter_attributions(text: str) -> Iterator[re.Match[str]]:
    """The attributions of an English sentence, main clause first.

    A speech verb inside a quotation is the quoted person's words, not the quotation's
    attribution ('"… the EU and US have confirmed their willingness …," Mr Mandelson
    said'). One in a subordinate clause comes after the others: "But even before Newcastle
    said the player would not be sold, Bellamy insisted …" is Bellamy's sentence. Lazy:
    the sentence's speaker is mostly its first, and scanning every sentence to its end
    cost a tenth of the facts stage.
    """
    quotes = _quoted_spans(text) if _QUOTE_MARK.search(text) else []
    later = []
    for m in en_speech().finditer(text):
        if quotes and any(a < m.start() < b for a, b in quotes):
            continue
        if _subordinate(text, m.start()) is not None:
            later.append(m)
            continue
        yield m
    yield from later


# A subordinating word a few words before an attribution: "after stop and search figures
# showed", "before Newcastle said".
_SUBORDINATE = (
    r"\b(?:after|before|when|because|since|until|while|although|once)\s(?:[\w'’-]+\s){0,4}$"
)


def _subordinate(text: str, at: int) -> int | None:
    """Where the subordinate clause holding the attribution at ``at`` opens, if it is one."""
    m = compiled(_SUBORDINATE).search(text, max(0, at - 50), at)
    return m.start() if m else None


def _opens(text: str, i: int) -> bool:
    """Whether the quotation mark at ``text[i]`` opens a quotation: a straight quote opens
    after a space and before a word, else closes."""
    ch = text[i]
    return ch == "“" or (
        ch == '"'
        and (i == 0 or text[i - 1].isspace() or text[i - 1] in "(:—–-")
        and i + 1 < len(text)
        and not text[i + 1].isspace()
    )


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` inside quotation marks; a sentence the segmenter cut from a
    longer quotation starts inside one ('It is congruent …," Mr Littman said')."""
    spans = []
    start: int | None = None
    first = True
    for q in _QUOTE_MARK.finditer(text):
        i = q.start()
        if _opens(text, i):
            start = i if start is None else start
        elif start is not None:
            spans.append((start, i))
            start = None
        elif first:
            spans.append((-1, i))
        first = False
    if start is not None:
        spans.append((start, len(text)))
    return spans


def _saying(text: str) -> re.Match[str] | None:
    """``_EN_SAYING`` matched at the start of ``text``, tried only when a participle of
    saying is in it: the pattern's lazy scan over every sentence was 3% of the stage."""
    if not _SAYING_WORD.search(text):
        return None
    return compiled(_EN_SAYING).match(text)


_SAYING_WORD = re.compile(
    r"\b(?:saying|forecasting|predicting|claiming|warning|arguing|estimating|insisting)\b"
)
# A participle of saying attributes what follows it to the clause's subject: "Mr Kennedy
# also used his TV appearance to defend …, saying it would apply to just 1%", "Mr Brown
# surprised some City experts by forecasting UK growth at between 3% and 3.5%". The
# subject must open the sentence (after a short lead-in ending in a comma), so an object
# named in between is never taken for it.
_EN_SAYING = (
    r"^\W*(?:(?:But|And|However|Meanwhile|In|On|At|Earlier|Later)\b[^,\"“”]{0,40},\s)?"
    r"(?![A-Z][a-z]+ing\s)"  # "Looking further ahead, …": a participle opens it
    r"(?P<who>(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady)\.?\s)?[A-Z][\w'-]+(?:\s[A-Z][\w'-]+){0,3}"
    r"|[Hh]e|[Ss]he|[Tt]hey|[Ii]t)"
    r"\s(?!said|says|told|added)[^\"“”.;]{0,160}?(?:,\s|\sby\s)"
    r"(?P<verb>saying|forecasting|predicting|claiming|warning|arguing|estimating|insisting)\b"
)


_DATE_LEAD = r"^\W*(?:(?:In|On|At|By|Since|Last|Earlier|Later|Back)(?:\s(?:in|on|this))?)?\s*$"


# Between "X said" and the date of the saying, and after it: "said in December that",
# "said last week,".
_SAID_WHEN = r"\s+(?:in|on|last|earlier\sin|late\sin|early\sin)\s+(?:the\s)?"
_THAT = r"\s*(?:,|that\b)"


_RELATIVE = r",\s(?:who|which|whose)\b"


def outside_claim(text: str, start: int, end: int) -> bool:
    """A fact in an English sentence whose attribution does not cover it.

    "Robben, who has been a key part of the Blues' push for four trophies, claims …":
    what the apposition says of the speaker is the reporter's. "In January, GM said …":
    the date dates the saying, not the claim.
    """
    found = _first_named_attribution(text)
    if found is None:
        said = _saying(text)
        # ("to increase income tax to 50%, saying it would apply to just 1%": the plan's
        # 50% is the reporter's, the 1% is what was said)
        return said is not None and end <= said.start("verb")
    at, to = found
    if at <= start and end <= to:
        return True
    sub = _subordinate(text, at)
    if sub is not None:
        # "Last July, the police were accused … after stop and search figures showed the
        # numbers … had risen by 300%": the figures speak for what follows them only.
        return start < sub
    if end <= at and not text[end:at].strip():
        return True  # "Former world number one Juan Carlos Ferrero insists": his title
    rel = max(compiled(_RELATIVE).finditer(text, 0, start), key=lambda r: r.start(), default=None)
    close = text.find(",", end)
    if (
        rel is not None
        and close != -1
        and "," not in text[rel.end() : start]
        and at > close
        and not any(a < rel.start() < b for a, b in _quoted_spans(text))
    ):
        # "The US tycoon, who has been wooing the club for the last 12 months, has
        # approached the board …, it has confirmed": a relative clause set off by commas
        # before the attribution is the reporter's description, not what is attributed
        # (after "Hitachi said", "Pal and Chum, which have a vocabulary of about 100
        # words" is part of the report, and so is one inside a quotation).
        return True
    if compiled(_SAID_WHEN).fullmatch(text, to, start) and compiled(_THAT).match(text, end):
        return True  # "David Gill said in December that talks …": when it was said
    return bool(
        end <= at
        and compiled(_DATE_LEAD).match(text[:start])
        and re.fullmatch(r",?\s*(?:(?:the|a|an)\s)?(?:[a-z]+\s){0,2}", text[end:at])
    )


@lru_cache(maxsize=64)  # asked once per fact of the sentence
def _first_named_attribution(text: str) -> tuple[int, int] | None:
    """The span of the first "X said" of a sentence, X a name (with its apposition), a
    pronoun or a role."""
    for m in _iter_attributions(text):
        # ("he said", "the company said": no apposition to cover, but a date after them
        # dates the saying as it does after a name)
        if m.group("n1") is not None or m.group("pron") or m.group("role"):
            return m.start(), m.end()
    return None
