"""Regular expressions compiled on first use.

CPython compiles a pattern in pure Python: ~1 ms for a class of CJK ideographs, ~5 ms for
the English attribution pattern. A module-level ``re.compile`` pays that on every command
even when the input never needs the pattern (the English patterns on a Chinese pair, the
Chinese ones on an English pair). Module constants hold the pattern text instead, and
callers ask for the compiled pattern here.
"""

from __future__ import annotations

import re
from functools import cache


@cache
def compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, once per process (unlike ``re``'s own cache, this
    one never evicts: the callers' set of patterns is fixed and small)."""
    return re.compile(pattern, flags)
