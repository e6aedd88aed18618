"""Counted nouns, written the same way by every renderer."""

from __future__ import annotations


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 fact``, ``2 facts``; ``plural`` for nouns that do not take an ``s``.

    Example:
        >>> count(1, "fact"), count(0, "fact"), count(3, "identical sentence")
        ('1 fact', '0 facts', '3 identical sentences')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
