"""Unicode normalisation with a map from every normalised character back to the original.

NFKC folds full-width digits, letters and punctuation to their ordinary forms
(``１０`` -> ``10``, ``，`` -> ``,``); whitespace runs become one space, except between
two CJK characters, where a line break or space is a layout artefact and is dropped.
Traditional Chinese characters fold to their Simplified forms, one character for one (so
offsets still map back), so that a report in either script aligns with and states the same
facts as the other: ``三十二條`` reads as ``三十二条``.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from ._regex import compiled

_WS_RUN = re.compile(r"\s+")
# The format (Cf) characters below U+1100, the first wide character.
_LOW_FORMAT = "[\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2]"
# Nothing below U+1100, the first wide character, is wide. The class of the characters
# from there on is written as a complement (~0.6 ms to compile, once, and only when a
# line is not ASCII; the range itself takes ~4 ms): a search visits the line at C speed,
# where ``max`` made a comparison per character (a pound sign put every line of a
# British report through it).
_WIDE = "[^\x00-\u10ff]"
_NON_ASCII = re.compile("[^\x00-\x7f]")
# A whitespace run with non-ASCII characters on both sides: only those can be dropped.
_NON_ASCII_GAP = re.compile(r"[^\x00-\x7f]\s+[^\x00-\x7f]")
# Marks a character the per-character fold below cannot take: see _Fold.
_SLOW = "\x00"


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the original span it came from.

    ``starts[i]``/``ends[i]`` are offsets into the original text (absolute, including the
    ``base`` the text was normalised from).
    """

    text: str
    starts: array[int]
    ends: array[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised slice ``text[start:end]``."""
        if start >= end:
            pos = (
                self.starts[start]
                if start < len(self.text)
                else (self.ends[-1] if self.ends else 0)
            )
            return pos, pos
        return self.starts[start], self.ends[end - 1]


def is_wide(ch: str) -> bool:
    """CJK ideographs, kana, hangul and CJK/full-width punctuation."""
    return unicodedata.east_asian_width(ch) in "WF"


def _joins_without_space(ch: str) -> bool:
    """A character of CJK script or punctuation, where a neighbouring line break is layout.

    Full-width Latin letters and digits (``ＡＢＣ``, ``１０``) are wide but are words of a
    spaced script: a space between two of them separates words.
    """
    if not is_wide(ch):
        return False
    folded = unicodedata.normalize("NFKC", ch)
    return not (folded.isascii() and folded.isalnum())


def _cjk_side(text: str, i: int, step: int) -> bool:
    """Whether the text next to a whitespace run, looking from ``i`` away from it, is CJK.

    Curly quotes, dashes and ellipses serve both scripts (their width is "ambiguous"), so
    they take the script of the character beyond them: ``。”\n赵`` joins, ``.”\nHe`` does not.
    """
    quote = False
    while 0 <= i < len(text):
        ch = text[i]
        if ch.isascii():
            # The common case: no ASCII character is wide or skipped. But whitespace beyond
            # a mark (力\t…\t新) ends it as the text's edge does, so a sentence normalises
            # the same cut out of its paragraph as inside it.
            return quote and ch.isspace()
        category = unicodedata.category(ch)
        # Format characters (soft hyphen, zero-width space) are dropped from the output,
        # so look past them too: judging by one made normalising twice differ from once.
        if category == "Cf" or (unicodedata.east_asian_width(ch) == "A" and category[0] == "P"):
            quote = quote or category != "Cf"
            i += step
            continue
        return _joins_without_space(ch)
    # Only a quote mark between the space and the edge of the text (a sentence cut out of
    # its paragraph, “ 新质…): it takes the script of the other side, as it would have
    # with the paragraph around it.
    return quote


@cache
def _traditional() -> tuple[frozenset[str], dict[str, str]]:
    """The characters that are only Traditional, and their Simplified forms.

    Read from the character table OpenCC ships (opencc-python-reimplemented: the data are
    files inside the package). Only characters that are never Simplified themselves fold,
    and only to a single character: Simplified text is left exactly as it was, and every
    folded character keeps its offset.
    """
    spec = find_spec("opencc")
    if spec is None or spec.origin is None:
        return frozenset(), {}
    folder = Path(spec.origin).parent / "dictionary"
    simplified = {
        line.split("\t", 1)[0]
        for line in (folder / "STCharacters.txt").read_text(encoding="utf-8").splitlines()
    }
    table: dict[str, str] = {}
    for line in (folder / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        trad, _, targets = line.partition("\t")
        first = targets.split(" ", 1)[0]
        if len(trad) == 1 and len(first) == 1 and trad not in simplified and first != trad:
            table[trad] = first
    return frozenset(table), table


# The Traditional-only characters of OpenCC's table that GB2312 can encode: every other
# one is outside GB2312, the Simplified national character set (tests check this against
# the installed table).
_TRADITIONAL_IN_GB2312 = frozenset("乾吒夥後徵捱摺於榘甯菸薹醣麴")
# The characters from U+3400, the first Traditional-only one, on (tests check this).
# (A search for one is ~2.5x faster without the "+", which the findall wants.)
_IDEOGRAPH = "[^\x00-\u33ff]"
_IDEOGRAPHS = _IDEOGRAPH + "+"


def _may_be_traditional(text: str) -> bool:
    """False only when ``text`` has no Traditional-only character.

    Reading OpenCC's table takes ~6 ms, a tenth of a whole ``diff`` of two short
    Simplified reports; this test needs no table. An encoding failure on a character
    outside the ideographs (the dash of 1—2月 is not in Python's GB2312) looks again at
    the ideographs alone.
    """
    if compiled(_IDEOGRAPH).search(text) is None:
        # Only ideographs can be Traditional. A line of Latin text with a pound sign (not
        # in GB2312) has none: found in one pass, where the encoding below raised and
        # caught an exception for it (~7 us a line of a British report).
        return False
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        # The set test looks at the ideographs alone.
        ideographs = "".join(compiled(_IDEOGRAPHS).findall(text))
        try:
            ideographs.encode("gb2312")
        except UnicodeEncodeError:
            return True
        return not _TRADITIONAL_IN_GB2312.isdisjoint(ideographs)
    return not _TRADITIONAL_IN_GB2312.isdisjoint(text)


def to_simplified(text: str) -> str:
    """``text`` with its Traditional-only characters folded to Simplified, length kept.

    Example:
        >>> to_simplified("三十二條規定，增長7.5%")
        '三十二条规定，增长7.5%'
    """
    if text.isascii() or not _may_be_traditional(text):
        return text
    chars, table = _traditional()
    # A set test, not a regex: a character class of 4,000 ideographs is scanned linearly
    # (20 times slower on the Sohu text).
    if chars.isdisjoint(text):
        return text
    return "".join([table.get(ch, ch) for ch in text])


def normalize(text: str, base: int = 0) -> Normalized:
    """Normalise ``text`` (which starts at offset ``base`` of the original).

    Example:
        >>> n = normalize("增长１０％，　好")
        >>> n.text
        '增长10%,好'
        >>> n.span(2, 5)
        (2, 5)
    """
    if text.isascii() and text == " ".join(text.split()):
        # ASCII with single spaces only (most English paragraphs): nothing folds and each
        # one-character space maps to itself, so the text is its own normal form and every
        # offset only shifts by ``base``. The loop below gives the same, word by word.
        n = len(text)
        starts = array("q", range(base, base + n))
        return Normalized(text, starts, array("q", range(base + 1, base + n + 1)))
    out: list[str] = []
    starts = array("q")
    ends = array("q")
    pos = 0
    for ws in _WS_RUN.finditer(text):
        if ws.start() > pos:
            _append_chunk(text, pos, ws.start(), base, out, starts, ends)
        pos = ws.end()
        _append_space(text, ws.start(), ws.end(), base, out, starts, ends)
    if pos < len(text):
        _append_chunk(text, pos, len(text), base, out, starts, ends)
    # A trailing space can only come from trailing whitespace in the input.
    if out and out[-1] == " ":
        out.pop()
        starts.pop()
        ends.pop()
    return Normalized(to_simplified("".join(out)), starts, ends)


def normalize_text(text: str) -> str:
    """The normalised text alone, for callers that need no offsets (dedup at scale)."""
    if text.isascii() or (
        compiled(_WIDE).search(text) is None
        and compiled(_LOW_FORMAT).search(text) is None
        and unicodedata.is_normalized("NFKC", text)
    ):
        # Same result as the general path, without building offset arrays (feed dedup
        # normalises every line of every document): nothing below U+1100 is wide, the
        # text is NFKC-stable with no format characters, and str.split() and ``\s``
        # agree on whitespace. Nor is anything below U+1100 Traditional Chinese: there is
        # nothing for to_simplified to fold.
        return " ".join(text.split())
    # Whitespace decided on the original characters, then one str.translate for the whole
    # line (a space maps to itself in _FOLD_SPACED) instead of one per word.
    folded = _fold_line(_join_runs(text))
    if _SLOW not in folded:
        return to_simplified(folded)
    # The general path's decisions, without its offset arrays: a line with a few
    # full-width commas costs one str.translate per word instead of a loop per character.
    out: list[str] = []
    pos = 0
    for ws in _WS_RUN.finditer(text):
        if ws.start() > pos:
            _fold_chunk(text, pos, ws.start(), out)
        pos = ws.end()
        if out and not (_cjk_side(text, ws.start() - 1, -1) and _cjk_side(text, ws.end(), 1)):
            out.append(" ")
    if pos < len(text):
        _fold_chunk(text, pos, len(text), out)
    if out and out[-1] == " ":
        out.pop()
    return to_simplified("".join(out))


def _fold_line(text: str) -> str:
    """``text`` with each character folded by ``_FOLD`` (spaces kept)."""
    if len(_NON_ASCII.findall(text)) * 4 > len(text):
        return text.translate(_FOLD_SPACED)
    # A Latin line with a few curly quotes: translate would look up every character, the
    # regex visits only the non-ASCII ones.
    return _NON_ASCII.sub(_fold_match, text)


def _fold_match(m: re.Match[str]) -> str:
    return _FOLD[ord(m.group())]


def _join_runs(text: str) -> str:
    """``text`` with each whitespace run made one space, or dropped between CJK sides."""
    if _NON_ASCII_GAP.search(text) is None:
        # Every run has an ASCII neighbour, which is never a CJK side (most Latin lines,
        # even with curly quotes or full-width commas).
        return " ".join(text.split())
    parts: list[str] = []
    pos = 0
    for ws in _WS_RUN.finditer(text):
        start, end = ws.span()
        if start > pos:
            parts.append(text[pos:start])
        pos = end
        if not parts:
            continue  # leading whitespace
        # An ASCII neighbour is never a CJK side: most runs are decided without a lookup.
        if (
            end < len(text)
            and not text[start - 1].isascii()
            and not text[end].isascii()
            and _cjk_side(text, start - 1, -1)
            and _cjk_side(text, end, 1)
        ):
            continue
        parts.append(" ")
    if pos < len(text):
        parts.append(text[pos:])
    if parts and parts[-1] == " ":
        parts.pop()
    return "".join(parts)


class _Fold(dict[int, str]):
    """``str.translate`` table: a character -> its NFKC form, built as characters are met.

    Characters whose fold depends on their neighbours or drops them (combining marks,
    format characters) or that fold to whitespace map to ``_SLOW``, sending the chunk
    through :func:`_append_chunk`'s per-cluster loop, the reference behaviour.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch)
        if (
            unicodedata.combining(ch)
            or unicodedata.category(ch) == "Cf"
            or not folded
            or any(p.isspace() for p in folded)
        ):
            folded = _SLOW
        self[code] = folded
        return folded


_FOLD = _Fold()
# The same fold for whitespace-joined text: an ASCII space stays a space.
_FOLD_SPACED = _Fold({0x20: " "})


def _fold_chunk(text: str, start: int, end: int, out: list[str]) -> None:
    """Append the normalised form of the whitespace-free ``text[start:end]`` to ``out``."""
    chunk = text[start:end]
    folded = chunk.translate(_FOLD)
    if _SLOW in folded:
        # An input NUL lands here too: slower, still exact.
        _append_chunk(text, start, end, 0, out, array("q"), array("q"))
    else:
        out.append(folded)


def _append_space(
    text: str, start: int, end: int, base: int, out: list[str], starts: array[int], ends: array[int]
) -> None:
    if not out:
        return  # leading whitespace
    # Judge by the original characters: "，" is wide even though it normalises to ",".
    if _cjk_side(text, start - 1, -1) and _cjk_side(text, end, 1):
        return
    out.append(" ")
    starts.append(base + start)
    ends.append(base + end)


def _append_chunk(
    text: str, start: int, end: int, base: int, out: list[str], starts: array[int], ends: array[int]
) -> None:
    chunk = text[start:end]
    if chunk.isascii() or (unicodedata.is_normalized("NFKC", chunk) and _no_format_chars(chunk)):
        out.append(chunk)
        starts.extend(range(base + start, base + end))
        ends.extend(range(base + start + 1, base + end + 1))
        return
    folded = chunk.translate(_FOLD)
    if len(folded) == len(chunk) and _SLOW not in folded:
        # Every character folds on its own to exactly one character (combining marks,
        # format characters and folds to whitespace or to nothing map to _SLOW): what the
        # loop below gives, offset for offset, in one str.translate. A Chinese paragraph
        # with full-width punctuation took the loop, character by character.
        out.append(folded)
        starts.extend(range(base + start, base + end))
        ends.extend(range(base + start + 1, base + end + 1))
        return
    i = start
    while i < end:
        # A base character and the combining marks after it normalise together.
        j = i + 1
        while j < end and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        if unicodedata.category(cluster[0]) == "Cf":
            # Zero-width spaces, soft hyphens, stray BOMs: invisible, and they break matching.
            # Drop only the format character; marks after it are text and stay.
            i += 1
            continue
        folded = unicodedata.normalize("NFKC", cluster)
        for piece in folded:
            if piece.isspace():
                # NFKC turns a few symbols into spaces; fold them like any other space.
                if out and out[-1] != " ":
                    out.append(" ")
                    starts.append(base + i)
                    ends.append(base + j)
                continue
            out.append(piece)
            starts.append(base + i)
            ends.append(base + j)
        i = j


def _no_format_chars(chunk: str) -> bool:
    return not any(unicodedata.category(ch) == "Cf" for ch in chunk if ord(ch) > 127)
