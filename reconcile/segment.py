"""Paragraphs and sentences, for Chinese and English text.

Sentences end at 。!?; (full-width forms are already folded by NFKC) and at a full stop
followed by a space and a new sentence. Closing quotes and brackets stay with their
sentence; a full stop inside a number (7.5%, 1.6亿) or after an abbreviation (Mr., U.S.)
ends nothing. A short attribution after a closing quote (“……。”王明说。) is kept in the
same segment, and every sentence of one quoted statement carries the same utterance id.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from . import _data
from .boilerplate import Line
from .models import Paragraph, Segment
from .normalize import Normalized, is_wide, normalize

_HARD_STOPS = frozenset("。!?;…")
# Where _cut_points has anything to decide: a hard stop or a full stop.
_STOP_OR_DOT = re.compile("[。!?;….]")
_CLOSERS = frozenset("”’」』)）]】》\"'")
_OPEN_QUOTES = "“「『"
_CLOSE_QUOTES = "”」』"
_LINE_END_PUNCT = frozenset("。!?;….:,，")

# Lower-cased words that end with a full stop without ending the sentence.
_ABBREVIATIONS = frozenset(
    (
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "no",
        "nos",
        "vs",
        "etc",
        "fig",
        "figs",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "dept",
        "est",
        "approx",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "u.s.a",
        "a.m",
        "p.m",
        "ph.d",
        "op",
        "cit",
        "al",
    )
)

_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


def _word_or_dot(ch: str) -> bool:
    """What ``[\\w.]`` matches: a letter, a digit, an underscore or a full stop."""
    return ch.isalnum() or ch in "_."


# A word that can name a speaker in English: capitalised, or a pronoun.
_SPEAKER = r"(?:(?-i:[A-Z])[\w.'’-]*|he|she|they|we|i|it)"


# A NamedTuple: a private record, defined at import for a third of a dataclass's cost.
class _Sentence(NamedTuple):
    start: int  # in the normalised paragraph text
    end: int
    utterance: int | None


@cache
def _speech_verbs() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _data.words("speech", "zh"), _data.words("speech", "en")


@cache
def _attribution_re() -> re.Pattern[str]:
    """A clause that only says who spoke: ``王明说。``, ``Mr Smith said.``, ``said Jones.``."""
    zh, en = _speech_verbs()
    zh_alt = "|".join(sorted(map(re.escape, zh), key=len, reverse=True))
    en_alt = "|".join(sorted(map(re.escape, en), key=len, reverse=True))
    # English: a name or pronoun (at most three words) and the verb, or the verb and a
    # name: "Mr Howard said.", "he added.", "said Jones." Not "The government has
    # announced plans.", which is news of its own.
    return re.compile(
        rf"^\s*(?:[^,，。!?;“”\"]{{1,30}}?(?:{zh_alt})"
        rf"|(?:{_SPEAKER}\s+){{1,3}}(?:{en_alt})\b(?:\s+[\w.'’-]+){{0,3}}"
        rf"|(?:{en_alt})\b(?:\s+[\w.'’-]+){{1,3}})"
        r"\s*[。.!]?\s*$",
        re.IGNORECASE,
    )


def paragraphs(text: str, content: Sequence[Line]) -> list[tuple[int, int]]:
    """Original spans of the paragraphs made of the content lines.

    Each line is a paragraph, unless the document is hard-wrapped (most lines that run on
    into the next end without punctuation): then a paragraph runs to a blank line, an
    indented line or a line ending in sentence punctuation.
    """
    if not content:
        return []
    runs_on = [
        ln.norm[-1:] not in _LINE_END_PUNCT and ln.norm[-1:] not in _CLOSERS
        for ln, nxt in itertools.pairwise(content)
        if not _gap_between(text, ln, nxt)
    ]
    wrapped = len(runs_on) >= 3 and sum(runs_on) >= 0.6 * len(runs_on)
    spans: list[tuple[int, int]] = []
    start, end = content[0].start, content[0].end
    for prev, ln in itertools.pairwise(content):
        joins = (
            wrapped
            and not _gap_between(text, prev, ln)
            and not ln.text[:1].isspace()
            and prev.norm[-1:] not in _HARD_STOPS
        )
        if joins:
            end = ln.end
        else:
            spans.append((start, end))
            start, end = ln.start, ln.end
    spans.append((start, end))
    if "?" in text:
        spans = [piece for span in spans for piece in _lost_breaks(text, span)]
    return spans


# A page whose paragraph breaks were lost in a bad conversion still shows where they were:
# the indent that opened each paragraph was decoded as a short garbled run between two
# "?" (…受伤。?Ｈツ暝?有５个州…), right after the previous sentence's end. Half the Sohu
# pages in ../shared/corpora are one line with such runs; without the breaks, whoever
# spoke in the first paragraph seems to speak to the end of the page.
_LOST_BREAK = re.compile(r"(?<=[。！？!」』”])\?[^?\s]{1,12}\?")


def _lost_breaks(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """``span`` cut at each garbled paragraph opening found in it.

    The first "?" stays with the sentence before it, as it did when the page was one
    paragraph, so the new paragraph opens with the garbled run (read in
    :mod:`.facts.speakers_zh`) and no sentence is a lone "?".
    """
    start, end = span
    pieces = []
    for m in _LOST_BREAK.finditer(text, start, end):
        if m.start() + 1 > start:
            pieces.append((start, m.start() + 1))
            start = m.start() + 1
    pieces.append((start, end))
    return pieces


def _gap_between(text: str, a: Line, b: Line) -> bool:
    """True when a blank line (or chrome) separates two content lines."""
    return b.index != a.index + 1 or text[a.end : b.start].strip("\r\n") != ""


def split_sentences(text: str) -> list[tuple[int, int, int | None]]:
    """``(start, end, utterance)`` of each sentence of one normalised paragraph.

    Example:
        >>> s = "“增长7.5%。势头良好。”他说。Mr. Li left."
        >>> [s[a:b] for a, b, _ in split_sentences(s)]
        ['“增长7.5%。', '势头良好。”他说。', 'Mr. Li left.']
    """
    cuts = _cut_points(text)
    raw: list[tuple[int, int]] = []
    prev = 0
    for cut in [*cuts, len(text)]:
        a, b = _strip(text, prev, cut)
        if a < b:
            raw.append((a, b))
        prev = cut
    return _attach_attributions(text, raw)


def _cut_points(text: str) -> list[int]:
    cuts: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in "?!;" and _runs_on(text, i):
            i += 1
            continue
        if ch in _HARD_STOPS or (ch == "." and _full_stop_ends(text, i)):
            j = i + 1
            while j < n and (
                text[j] in _HARD_STOPS
                or text[j] == "."
                or text[j] in _CLOSERS
                # A combining mark belongs to the character before it: never cut them apart.
                or unicodedata.combining(text[j])
            ):
                # Straight quotes do not say which way they face; one directly after the
                # stop closes the sentence unless a word follows it without a space.
                if text[j] in "\"'" and j + 1 < n and text[j + 1].isalnum():
                    break
                j += 1
            if j < n and text[j] == ".":
                j += 1
            if ch == "." and j < n and not _starts_sentence(text, j):
                i = j
                continue
            cuts.append(j)
            i = j
            continue
        # Nothing to decide before the next stop: jump there (stepping character by
        # character was most of the time of splitting long English paragraphs).
        m = _STOP_OR_DOT.search(text, i + 1)
        if m is None:
            break
        i = m.start()
    return cuts


def _runs_on(text: str, i: int) -> bool:
    """Whether the English ``?``, ``!`` or ``;`` at ``i`` is inside a sentence.

    A ``;`` inside brackets separates conversions ("(£458m; $874m)"); a ``?`` or ``!``
    followed by a lower-case word ends a title, not the sentence ("Shall We Dance? at
    number three"). Only between Latin characters and a space, so Chinese ``？``/``；``
    (``?``/``;`` after NFKC) are never affected.
    """
    before = text[i - 1 : i]
    if not (before.isascii() and before.isalnum()) or text[i + 1 : i + 2] != " ":
        return False
    if text[i] == ";":
        opened = text.rfind("(", 0, i)
        closes = text.find(")", i)
        return opened > text.rfind(")", 0, i) and 0 < closes - i <= 40
    nxt = text[i + 2 : i + 3]
    return nxt.isascii() and nxt.islower()


def _full_stop_ends(text: str, i: int) -> bool:
    """Whether the ``.`` at ``i`` can end a sentence (not a decimal point or abbreviation)."""
    nxt = text[i + 1 : i + 2]
    if text[i - 1 : i] == "." and nxt and is_wide(nxt) and nxt not in _CLOSERS:
        return False  # 他说……我们: a Chinese ellipsis (NFKC "......") runs on
    if nxt and not (nxt.isspace() or nxt in _CLOSERS or is_wide(nxt)):
        return False  # 7.5, example.com, U.S.A (the last dot is judged on its own)
    # The word before the stop, read backwards only as far as the longest abbreviation:
    # searching the whole prefix made splitting quadratic on long single-line inputs.
    k = i
    while k > 0 and i - k <= _LONGEST_ABBREVIATION and _word_or_dot(text[k - 1]):
        k -= 1
    if k == i:
        return True
    if i - k > _LONGEST_ABBREVIATION:
        return True  # too long to be an abbreviation or an initial
    word = text[k:i].lower()
    if word in _ABBREVIATIONS:
        return False
    # Initials ("J. Smith") and dotted abbreviations ("U.S.")
    return not (len(word) == 1 and word.isalpha() and text[i - 1].isupper())


def _starts_sentence(text: str, j: int) -> bool:
    k = j
    while k < len(text) and text[k] == " ":
        k += 1
    if k >= len(text):
        return True
    ch = text[k]
    return ch.isupper() or ch.isdigit() or ch in "\"'“‘(«" or is_wide(ch)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _attach_attributions(
    text: str, spans: list[tuple[int, int]]
) -> list[tuple[int, int, int | None]]:
    """Glue short attributions to their quote and number quoted statements."""
    zh_verbs, en_verbs = _speech_verbs()
    out: list[list[int | None]] = []
    depth = 0  # open curly quotes carried over from earlier sentences
    utterance = 0
    current: int | None = None
    prev_closed_quote = False
    shadow = _orient_straight_quotes(text)
    for a, b in spans:
        piece = shadow[a:b]
        if prev_closed_quote and out:
            # (Compiled on first use: text without closing quotes never needs it.)
            if _display_width(piece) <= 40 and _attribution_re().match(piece):
                out[-1][1] = b  # “……。”王明说。 is one utterance, one segment
                prev_closed_quote = False
                continue
            if _names_speaker(piece, zh_verbs, en_verbs):
                # A longer attribution stays its own sentence but joins the utterance.
                out.append([a, b, out[-1][2]])
                prev_closed_quote = False
                continue
        opens = sum(piece.count(q) for q in _OPEN_QUOTES)
        closes = sum(piece.count(q) for q in _CLOSE_QUOTES)
        # A quotation starts here if it stays open, or opens and closes in this sentence.
        quoted_whole = piece.rstrip("。.!?;").endswith(tuple(_CLOSE_QUOTES)) and _states(piece)
        if depth == 0 and opens and (opens > closes or quoted_whole):
            utterance += 1
            current = utterance
        in_quote = depth > 0 or (opens and current is not None)
        out.append([a, b, current if in_quote else None])
        depth = max(0, depth + opens - closes)
        prev_closed_quote = (
            depth == 0 and closes > 0 and piece.rstrip("。.!?; ")[-1:] in _CLOSE_QUOTES
        )
        if depth == 0 and not prev_closed_quote:
            current = None
    return [(int(a or 0), int(b or 0), u) for a, b, u in out]


# A quotation shorter than this that holds no clause break is a term in quotes (马“政府”,
# “立委”), not a statement that a following "X said" could attribute.
_SHORT_QUOTE = 8


def _states(piece: str) -> bool:
    """Whether the quotation that ends ``piece`` reads as a statement, not a quoted term."""
    body = piece.rstrip("。.!?; ")[:-1]
    start = max(body.rfind(q) for q in _OPEN_QUOTES)
    quoted = body[start + 1 :] if start >= 0 else body
    return len(quoted) >= _SHORT_QUOTE or any(c in quoted for c in "，,。.!?！？;；")


def _orient_straight_quotes(text: str) -> str:
    """``text`` with each straight double quote whose direction is plain made curly.

    An opening ``"`` follows the start, a space or an opening bracket and precedes a
    non-space; a closing one is the reverse. A quote that reads both ways or neither
    (``5"``, ``" "``) stays straight and counts for nothing. The result has the same
    length, so offsets carry over.
    """
    if '"' not in text:
        return text
    chars = list(text)
    n = len(text)
    for k, ch in enumerate(text):
        if ch != '"':
            continue
        before = text[k - 1] if k else " "
        after = text[k + 1] if k + 1 < n else " "
        opens = (before.isspace() or before in "([{—-:") and not after.isspace()
        closes = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—-")
        if opens != closes:
            chars[k] = "“" if opens else "”"
    return "".join(chars)


def _names_speaker(piece: str, zh_verbs: Sequence[str], en_verbs: Sequence[str]) -> bool:
    """A sentence that ends on a speech verb (Chinese) or reports one (English)."""
    core = piece.rstrip("。.!?; ")
    if core.endswith(tuple(zh_verbs)):
        return True
    return bool(_english_speaker_re().match(core)) and len(core) <= 200


@cache
def _english_speaker_re() -> re.Pattern[str]:
    """A sentence that opens with who spoke: "Mr Smith told a briefing in London"."""
    en_alt = "|".join(sorted(map(re.escape, _speech_verbs()[1]), key=len, reverse=True))
    return re.compile(rf"^\s*{_SPEAKER}(?:\s+{_SPEAKER}){{0,2}}\s+(?:{en_alt})\b", re.IGNORECASE)


def _display_width(s: str) -> int:
    return sum(2 if is_wide(ch) else 1 for ch in s)


def join_sentences(texts: Sequence[str]) -> str:
    """Sentences of one source as one reading: no space after a CJK sentence, one after others.

    The merged text and every renderer join with this one function, so a reading never
    differs between them by a space (a false ``{+。 +}`` in a diff).

    Example:
        >>> join_sentences(["增长7.5%。", "“势头良好。”", "Mr Li left."])
        '增长7.5%。“势头良好。”Mr Li left.'
        >>> join_sentences(["Shares fell.", "他说。"])
        'Shares fell. 他说。'
    """
    out = ""
    for text in texts:
        if out and not _ends_cjk(out):
            out += " "
        out += text
    return out


def _ends_cjk(text: str) -> bool:
    """The last character that is not a closing quote or bracket is wide (CJK)."""
    core = text.rstrip("".join(_CLOSERS))
    return bool(core) and is_wide(core[-1])


def segment(
    source_id: str, text: str, content: Sequence[Line]
) -> tuple[tuple[Paragraph, ...], tuple[Segment, ...]]:
    """Paragraphs and sentence segments of a document's content lines."""
    paras: list[Paragraph] = []
    segs: list[Segment] = []
    utterance_base = 0
    for p_index, (start, end) in enumerate(paragraphs(text, content)):
        paras.append(Paragraph(p_index, start, end))
        norm: Normalized = normalize(text[start:end], base=start)
        top = utterance_base
        for a, b, utt in split_sentences(norm.text):
            o_start, o_end = norm.span(a, b)
            u = None if utt is None else utterance_base + utt
            if u is not None:
                top = max(top, u)
            segs.append(
                Segment(
                    id=f"{source_id}{len(segs)}",
                    source=source_id,
                    index=len(segs),
                    paragraph=p_index,
                    text=norm.text[a:b],
                    start=o_start,
                    end=o_end,
                    utterance=u,
                )
            )
        utterance_base = top
    return tuple(paras), tuple(segs)
