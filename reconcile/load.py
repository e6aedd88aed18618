"""Bytes on disk -> decoded text, with the encoding detected or given."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from .errors import InputError
from .models import Source

# BOMs are checked longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab, newline, carriage return and form feed: a text file
# has next to none of them, a binary file has plenty.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


def read_source(
    path: str | os.PathLike[str], source_id: str, encoding: str | None = None
) -> Source:
    """Read a text file and decode it.

    Args:
        path: the file to read.
        source_id: the name the source goes by in every output (``"A"``, ``"B"``).
        encoding: a Python codec name to use instead of detection.

    Raises:
        InputError: the file is missing, a directory, empty, binary or undecodable.

    Example:
        >>> src = read_source("fixtures/press-2024-03-26/web-report.txt", "B")
        >>> src.encoding
        'utf-8'
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, expected a text file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror or exc})") from exc
    text, used = decode_bytes(data, name=str(p), encoding=encoding)
    return Source(id=source_id, text=text, path=str(p), encoding=used)


def decode_bytes(
    data: bytes, *, name: str = "<input>", encoding: str | None = None
) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding used)``.

    Detection order: a BOM; strict UTF-8; strict GB18030 when the result reads as
    Chinese (GB-encoded archives are our commonest non-UTF-8 input, and a generic
    detector often calls short GB texts Big5 or a Latin code page); then
    charset-normalizer's best guess.
    """
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if encoding is not None:
        # An explicit codec still gets the text checks, and a UTF-8 BOM read as "utf-8"
        # must not end up as the first character of the text.
        return _check_text(_decode_strict(data, encoding, name).lstrip("\ufeff"), name), encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _decode_strict(data, codec, name)
            return _check_text(text.lstrip("\ufeff"), name), codec
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file (it contains NUL bytes)")
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, exc.start, name)
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    else:
        if _reads_as_chinese(text):
            # Shift-JIS Japanese and EUC-KR Korean also decode as GB18030, into
            # plausible ideographs: read them in their own encodings instead.
            other = _japanese_or_korean(data)
            if other is not None:
                return _check_text(data.decode(other), name), other
            return _check_text(text, name), "gb18030"
    guessed = _guess(data)
    if guessed is None:
        raise InputError(
            f"{name}: cannot tell which text encoding this file uses; "
            "pass --encoding (e.g. --encoding gb18030)"
        )
    return _check_text(data.decode(guessed), name), guessed


_CODEC_HINT = "(try utf-8, gb18030, big5 or latin-1)"


def _decode_strict(data: bytes, codec: str, name: str) -> str:
    try:
        codecs.lookup(codec)
    except LookupError:
        raise InputError(f"unknown encoding {codec!r} {_CODEC_HINT}") from None
    try:
        # rot13, base64, zlib ... are codecs too, but not text encodings: decode() refuses
        # them (not for empty input, hence a byte; the byte itself may be invalid).
        b"a".decode(codec)
    except UnicodeError:
        pass
    except LookupError:
        raise InputError(f"{codec!r} is not a text encoding {_CODEC_HINT}") from None
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: cannot decode as {codec}: invalid bytes at offset {exc.start} "
            f"({data[exc.start : exc.start + 4].hex(' ')})"
        ) from None
    except UnicodeError as exc:  # codecs such as idna raise the base class
        raise InputError(f"{name}: cannot decode as {codec}: {exc}") from None


def _refuse_damaged_utf8(data: bytes, first_bad: int, name: str) -> None:
    """Raise when ``data`` is UTF-8 apart from a few damaged bytes.

    Such a file would otherwise go on to GB18030 (which decodes most UTF-8 byte pairs
    into plausible-looking ideographs) or a generic guess, and come out as mojibake.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    if good >= 8 and bad <= max(2, good // 100):
        raise InputError(
            f"{name}: invalid UTF-8 at offset {first_bad} "
            f"({data[first_bad : first_bad + 4].hex(' ')}) in a file that is otherwise "
            "UTF-8; repair it, or pass --encoding to read it another way"
        )


def _check_text(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(f"{name}: file is empty")
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if controls > max(8, len(sample) // 100):
        raise InputError(f"{name}: looks like a binary file ({controls} control characters)")
    return text


def _reads_as_chinese(text: str) -> bool:
    """True when most non-ASCII characters are CJK ideographs or CJK punctuation."""
    non_ascii = [ch for ch in text[:65536] if ord(ch) > 127]
    if not non_ascii:
        return True
    cjk = sum(1 for ch in non_ascii if _is_cjk_text_char(ch))
    return cjk >= 0.8 * len(non_ascii)


def _japanese_or_korean(data: bytes) -> str | None:
    """``shift_jis``/``euc-jp``/``euc-kr`` when ``data`` reads as Japanese or Korean in it.

    Japanese has kana in nearly every sentence (particles); in Shift-JIS their bytes decode
    under GB18030 as ideographs, so mojibake passes for Chinese. Korean in EUC-KR puts its
    Hangul on the same byte rows as GB2312's common hanzi, so Chinese text decodes as
    Hangul too; what tells them apart is that Korean separates its words with spaces.
    """
    sample = data[:65536]
    for codec, script in (("cp932", _KANA), ("euc_jp", _KANA), ("cp949", _HANGUL)):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            # A sample cut inside a multi-byte character: decode what is whole.
            try:
                text = sample[: len(sample) - 3].decode(codec) if len(data) > len(sample) else ""
            except UnicodeDecodeError:
                continue
        non_ascii = [ch for ch in text if ord(ch) > 127]
        if len(non_ascii) < 8:
            continue
        hits = sum(1 for ch in non_ascii if script[0] <= ord(ch) <= script[1])
        if hits < 0.15 * len(non_ascii):
            continue
        if script is _HANGUL:
            spaced = sum(
                1
                for i in range(1, len(text) - 1)
                if text[i] == " " and ord(text[i - 1]) > 127 and ord(text[i + 1]) > 127
            )
            if spaced < 0.1 * hits:
                continue
        return {"cp932": "shift_jis", "euc_jp": "euc-jp", "cp949": "euc-kr"}[codec]
    return None


_KANA = (0x3041, 0x30FF)  # hiragana and katakana
_HANGUL = (0xAC00, 0xD7A3)  # Hangul syllables


def _is_cjk_text_char(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF  # unified ideographs
        or 0x3400 <= o <= 0x4DBF  # extension A
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF00 <= o <= 0xFFEF  # full-width forms
        or 0x2010 <= o <= 0x2027  # dashes, quotes, ellipsis
    )


def _guess(data: bytes) -> str | None:
    # Imported here: only files that are neither UTF-8 nor GB18030 pay for it.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    return str(best.encoding)
