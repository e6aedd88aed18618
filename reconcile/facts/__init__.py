"""Fact extraction: every claim with a value, with its subject, period and speaker.

A fact is found by one pass of one compiled pattern over each normalised sentence (dates,
percentages, percentage points, amounts, counts, ordinals; Chinese numerals, full-width
digits and English number words alike): :mod:`.kinds`. Around each figure, patterns over the
vocabulary in ``data/facts.toml`` give the qualifier (约, over), the change verb (增长, rose),
the subject (the noun phrase before the verb, or the thing counted; :mod:`.subjects`) and the
period (the date expression of the clause, sentence or paragraph; :mod:`.periods`).
``分别``/``respectively`` hands each value of a list to its own subject. Speakers come from
speech verbs (``data/speech.toml``) and job titles (:mod:`.speakers`).

Consistency (:func:`diff_facts`) lives in :mod:`reconcile.consistency`.
"""

from __future__ import annotations

from .extract import extract_facts, iter_facts
from .periods import PeriodKey, period_key, periods_compatible
from .speakers import speakers

__all__ = [
    "PeriodKey",
    "extract_facts",
    "iter_facts",
    "period_key",
    "periods_compatible",
    "speakers",
]
