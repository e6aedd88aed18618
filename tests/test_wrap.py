"""Review lines never cut a change marker in two, at any width (Chinese has no spaces)."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from reconcile.render._wrap import wrap

_BROKEN_END = re.compile(r"(?:\{|\{\+|\[|\[-)$")
_BROKEN_START = re.compile(r"^(?:\+\}|-\]|\}|\])")


@pytest.mark.parametrize("width", range(19, 90, 7))
def test_markers_stay_whole_in_chinese_and_english(width: int) -> None:
    console = Console(width=200)
    texts = [
        "{+赵志国表示,+}下一步,工信部主要从三个方面努力,促进加快形成新质生产力[-:-]{+。+}",
        "{+按照已经印发的《制造业中试创新发展实施意见》,+}加快建设现代化中试能力,{+还要+}新建一批",
        "Five public sector unions {+met+} Deputy Prime Minister John Prescott at {+the +}Labour "
        "spring conference in [-Gateshead on Saturday-]{+Gateshead+}.",
    ]
    for plain in texts:
        lines = wrap(Text(plain), console, width)
        assert "".join(t.plain for t in lines).replace(" ", "") == plain.replace(" ", "")
        for line in lines:
            assert cell_len(line.plain) <= width
            assert not _BROKEN_END.search(line.plain), (width, line.plain)
            assert not _BROKEN_START.search(line.plain), (width, line.plain)


@pytest.mark.parametrize("width", range(20, 60, 3))
def test_punctuation_stays_with_its_word(width: int) -> None:
    # rich keeps `device".` together; the marker-aware wrapper must too.
    plain = (
        "The magazine {+staff compiled the list and +}specified that gadgets also needed "
        'to be a "self-contained apparatus that can be used on its own, not a subset of '
        'another device". The first flash mp3 player ({+Diamond+} Multimedia) is 10th.'
    )
    for line in wrap(Text(plain), Console(width=200), width):
        assert not re.match(r"[.,;:!?)]|\"[.,;:!?]", line.plain), (width, line.plain)
