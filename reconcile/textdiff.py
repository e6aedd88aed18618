"""What differs inside an aligned pair: per character for CJK, per word for Latin text."""

from __future__ import annotations

import re

from rapidfuzz.distance import Indel

from .normalize import is_wide

# A token is one CJK character, a word, a number (7.5, 1,000), or one other character.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+|\s+|.", re.UNICODE)

Piece = tuple[str, bool]  # (text, differs from the other side)


def tokens(text: str) -> list[str]:
    """Split into diff units: CJK characters one by one, Latin words whole.

    Example:
        >>> tokens("增长7.5% in 2024")
        ['增', '长', '7.5%', ' ', 'in', ' ', '2024']
    """
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if len(tok) > 1 and is_wide(tok[0]):
            out.extend(tok)
        else:
            out.append(tok)
    return out


def diff_pieces(a: str, b: str) -> tuple[list[Piece], list[Piece]]:
    """Both texts cut into runs, each marked as shared or changed.

    Example:
        >>> diff_pieces("第一是改造", "首先是改造")
        ([('第一', True), ('是改造', False)], [('首先', True), ('是改造', False)])
    """
    ta, tb = tokens(a), tokens(b)
    pa: list[Piece] = []
    pb: list[Piece] = []
    for op in Indel.opcodes(ta, tb):
        changed = op.tag != "equal"
        _add(pa, "".join(ta[op.src_start : op.src_end]), changed)
        _add(pb, "".join(tb[op.dest_start : op.dest_end]), changed)
    return _grouped(pa), _grouped(pb)


def _grouped(pieces: list[Piece]) -> list[Piece]:
    """Changed words separated only by spaces read as one change: ``[-Speaking at Labour-]``.

    The spaces stay in the text (the pieces still join to the input); only the marking
    changes, so an editor sees one run to compare instead of one marker per word.
    """
    out: list[Piece] = []
    for k, (text, changed) in enumerate(pieces):
        if (
            not changed
            and text.isspace()
            and 0 < k < len(pieces) - 1
            and pieces[k - 1][1]
            and pieces[k + 1][1]
        ):
            changed = True
        _add(out, text, changed)
    return out


def _add(pieces: list[Piece], text: str, changed: bool) -> None:
    if not text:
        return
    if pieces and pieces[-1][1] == changed:
        pieces[-1] = (pieces[-1][0] + text, changed)
    else:
        pieces.append((text, changed))


def inline_pieces(a: str, b: str) -> list[tuple[str, str]]:
    """How ``b`` differs from ``a``, in one line: runs marked ``=``, ``-`` (only in
    ``a``) or ``+`` (only in ``b``), each change its removed run first, as wdiff shows
    it. Changed words separated only by spaces are one change (as in ``diff_pieces``).

    Example:
        >>> inline_pieces("增长7.5%,连续", "增长7.8%,连续")
        [('增长', '='), ('7.5%', '-'), ('7.8%', '+'), (',连续', '=')]
        >>> inline_pieces("Talks will take place.", "Talks have ended.")
        [('Talks ', '='), ('will take place', '-'), ('have ended', '+'), ('.', '=')]
    """
    ta, tb = tokens(a), tokens(b)
    ops = [
        (op.tag == "equal", "".join(ta[op.src_start : op.src_end]),
         "".join(tb[op.dest_start : op.dest_end]))
        for op in Indel.opcodes(ta, tb)
    ]  # fmt: skip
    out: list[tuple[str, str]] = []
    removed, added = "", ""
    for k, (same, text_a, text_b) in enumerate(ops):
        between = 0 < k < len(ops) - 1 and not ops[k + 1][0] and (removed or added)
        if same and not (text_a.isspace() and between):
            if removed:
                out.append((removed, "-"))
            if added:
                out.append((added, "+"))
            removed, added = "", ""
            out.append((text_a, "="))
        else:
            removed += text_a
            added += text_b
    if removed:
        out.append((removed, "-"))
    if added:
        out.append((added, "+"))
    return out
