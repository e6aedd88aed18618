"""English ages: whose age a figure is ("Eileen Lee, 24", "27-year-old Almunia")."""

from __future__ import annotations

import re

from ._base import _clause_end, _clause_start, _Mention
from .phrases_en import _np_after, _np_before
from .words_en import _WORD, _is_verb, _stops, _Words

_AGED = re.compile(r"\saged\s(?:(?:under|over|between|from)\s)?$")
# Pronouns and nouns that name a group by its age: "those aged 30-39".
_GROUPS = frozenset(["those", "people", "anyone", "everyone", "others", "children", "adults"])
_DIED = re.compile(
    r"((?:[A-Z][\w'’-]+\s)*[A-Z][\w'’-]+)(?:,\s(?:who|which)\s|\s)(?:(?:has|had)\s)?"
    r"(?:died|dies)\b[^.!?]*$"
)
_NAME = re.compile(r"(?:[A-Z][\w'’-]+\s)*[A-Z][\w'’-]+")


def _person(text: str, m: _Mention, w: _Words) -> str | None:
    """Whose age it is: "Eileen Lee, 24"; the sentence's named subject; None for "the
    27-year-old", which refers back to the person named before (the caller's)."""
    lead = text[: m.start]
    aged = _AGED.search(lead)
    if aged is not None:
        # "those aged 30-39", "US citizens aged under 30": the people the phrase describes.
        words = _WORD.findall(lead[_clause_start(lead, aged.start()) : aged.start()])
        if words and words[-1].lower() in _GROUPS:
            # "those" alone names nobody: the group with its ages, as written.
            span = re.match(r"[-–]\d+", text[m.end :])
            return f"{words[-1]} {text[aged.start() + 1 : m.end + (span.end() if span else 0)]}"
        last = words[-1] if words else ""
        # Only a plural noun names whom the ages describe ("adults aged 18 or over",
        # "learners aged 16 to 18"); after a verb the age is the sentence's person's
        # ("has died of cancer aged 44").
        if (
            last.endswith("s")
            and last.islower()
            and len(last) > 3
            and not _stops(last, w)
            # ("Bell dies aged 44": after a name, a word in "-s" is its verb)
            and not (len(words) >= 2 and words[-2][0].isupper())
        ):
            np = _np_before(words, w)
            if np:
                return " ".join(np)
    apposed = re.search(r"((?:[A-Z][\w'’-]+\s)*[A-Z][\w'’-]+),\s$", lead)
    if apposed and apposed.group(1).lower() not in w.trim | w.days:
        return apposed.group(1)  # "Eileen Lee, 24", "Gray, 26, who won …"
    apposed = re.search(r"((?:[A-Z][\w'’-]+\s)*[A-Z][\w'’-]+),\s(?:a|an)\s$", lead)
    if apposed and apposed.group(1).lower() not in w.trim | w.days:
        return apposed.group(1)  # "Abdus Sattar, a 55-year-old … worker"
    named = re.match(r"\s((?:[A-Z][\w'’-]+\s)*[A-Z][\w'’-]+)", text[m.end :])
    if named and text[m.start].isdigit() and not re.search(r"\b[Aa]n?\s$", lead):
        return named.group(1)  # "27-year-old Almunia"
    after = _WORD.findall(text[m.end : _clause_end(text, m.end)])
    if (
        after
        and text[m.end : m.end + 1] == " "
        and after[0][0].islower()
        and not _stops(after[0], w)
    ):
        # "Mrs Quinn's two-year-old son": the son's age, with whose son he is.
        # ("a 15-year-old part-time worker, Mr Bell …" is Mr Bell's, found below.)
        owner = re.search(r"([A-Z][\w'’-]+['’]s)\s$", lead)
        if owner:
            return " ".join([owner.group(1), *_np_after(after, w)[:3]])
    if re.search(r"\bthe\s(?:[\w'’-]+\s){0,3}?[a-z][\w'’-]*,\s$", lead[-50:]):
        return None  # "the Wales star, 30,": the person named before (the caller's)
    if re.search(r"\b[Tt]he\s$|(?:^|\s)(?:[Hh]e|[Ss]he)\s(?:was|is)\s$", lead):
        # "the 27-year-old", "He was 84,": the person named before (the caller's).
        return None
    died = _DIED.search(lead)
    if died is not None:
        # "Nogar, who died in 1994 aged 72", "when Charles died aged 73": who died, not
        # the first name of the sentence (a label, a song, another singer).
        who = died.group(1).split()
        if who[0].lower() in w.function and len(who) > 1:
            who = who[1:]  # "But Brando, who died …"
        if who[0].lower() not in w.trim:
            return " ".join(who)
    names = [
        n for n in _NAME.findall(text) if n.lower() not in w.trim and not _is_verb(n.lower(), w)
    ]
    # The person is the sentence's named subject: a full name ("Charlie Bell, …, has died
    # aged 44") before a single capitalised word (which may be a company's).
    full = [n for n in names if " " in n]
    if full or names:
        subject = re.search(r"\b([A-Z][\w'’-]+)\s(?:has|had|was|is|dies|died|who)\b", text)
        if not full and subject and subject.group(1) in names:
            return subject.group(1)  # "Viotti has died in Germany at 50": who died
        return str(full[0] if full else names[-1])
    np = _np_after(after, w)
    return " ".join(np) if np else None
