"""English ranges: "between 1% and 3%", "six to eight weeks" are one fact, not two.

A source that writes "a 2% to 3% rise" states one claim; counting its ends as two facts
would pair one with another source's "2%" and leave the other as a fact only one source
has. The range becomes its upper mention, extended back over the lower bound. "From £6 to
£10" is a change between two values, not a range, and stays two facts (a date span "from
2000 to 2002" is a range).
"""

from __future__ import annotations

import re

from ._base import _EN_SMALL, _EN_TENS, _Mention

_LOWER = re.compile(
    rf"(?P<from>\bfrom\s)?(?P<between>\bbetween\s)?"
    rf"(?P<num>[£$€]?\d[\d,.]*(?:\s?(?:m|bn|million|billion))?(?:%|\sper\scent)?"
    rf"|\b(?:{_EN_SMALL}|{_EN_TENS})\b"
    # "between July and September", "from June to August": a span of months.
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December))"
    r"\s?(?P<join>to|and|-|–)\s?$",
    re.IGNORECASE,
)


# Words after which "X to Y" is a range ("a 2% to 3% rise", "growth of 3.5 to 4.0%", "take
# me six to eight weeks"); after a verb or a noun it is a change and its level.
_RANGE_LEADS = frozenset(
    [
        *("a", "an", "the", "of", "at", "between", "around", "about", "some", "roughly"),
        *("me", "him", "her", "us", "them", "it", "for", "in", "within", "over", "with"),
        *("is", "are", "was", "were", "be", "been", "and", "or", "estimated", "expected"),
        *("approximately", "nearly", "almost", "another", "extra", "only", "just", "while"),
    ]
)


def merge_ranges(text: str, ms: list[_Mention]) -> list[_Mention]:
    """``ms`` with each range's two ends made one mention spanning both."""
    out: list[_Mention] = []
    for m in ms:
        # Most figures have no lower bound before them: a cheap test before the pattern.
        tail = text[max(0, m.start - 5) : m.start].rstrip()
        if not tail.endswith(("to", "and", "-", "–")):
            out.append(m)
            continue
        lower = _LOWER.search(text, max(0, m.start - 40), m.start)
        if lower is None or m.kind in ("score", "ordinal", "age"):
            out.append(m)
            continue
        if lower.group("join").lower() == "and" and not lower.group("between"):
            out.append(m)  # "the 2004 and 2005 model years": two years, two facts
            continue
        if lower.group("from") and m.kind != "date":
            out.append(m)  # "from £6 to £10": a change
            continue
        lead = re.findall(
            r"[A-Za-z'’-]+", text[max(0, lower.start("num") - 30) : lower.start("num")]
        )
        month = lower.group("num")[0].isupper()
        if month and m.kind != "date":
            out.append(m)
            continue
        if (
            lower.group("join").lower() == "to"
            and not (lower.group("from") and m.kind == "date")  # "from 1941 to 1945"
            and lead
            and lower.start("num") - len(text[: lower.start("num")].rstrip()) < 3
            and (lead[-1].lower() not in _RANGE_LEADS or lead[-1].lower() in ("up", "down", "by"))
            and not text[: lower.start("num")].rstrip().endswith((",", "(", ":", "-", "—"))
        ):
            # "edged up 0.1% to 4.7%", "lifted interest rates 0.25% to 5.5%": a change and
            # the level it reached, two facts.
            out.append(m)
            continue
        start = lower.start("num")
        if out and out[-1].end > start and out[-1].start >= start - 1:
            out.pop()  # the lower end was a mention of its own
        m.start = start
        out.append(m)
    return out
