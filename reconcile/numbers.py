"""Numbers as news writes them: Arabic, full-width, Chinese numerals, English words.

Our own parser, not a wrapper. We evaluated ``cn2an`` 0.5.24 (the obvious library) on the
forms our reports use before writing this:

* it rejects ``九成``, ``八点一万亿``, ``百分之七点五`` and ``一季度`` in every mode, so a
  caller would have to pre-split magnitudes, percentages and measure words anyway;
* its sentence-level ``transform`` rewrites ``一季度`` to ``1季度`` and ``零点1`` to ``0点1``,
  so it cannot be run over a sentence to find the numbers;
* importing it takes ~105 ms (it pulls in ``proces`` and builds tables at import), more than
  the whole 50 ms budget the facts stage has on the seed pair.

What it did right (一万零五 -> 10005, 两 -> 2, 一千零一十 -> 1010, 零点一 -> 0.1) is what the
positional algorithm below does, and the property tests render integers as Chinese numerals
and parse them back.

Example:
    >>> parse_number("两千三百万")
    23000000.0
    >>> parse_number("8.1万亿")
    8100000000000.0
    >>> parse_number("１７８")
    178.0
"""

from __future__ import annotations

import re
import unicodedata

ZH_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "贰": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
# Units inside a section (below 万) and the section magnitudes.
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

#: Characters that may make up a Chinese numeral (used by the extractor's regexes).
ZH_NUMERAL_CHARS = "".join(ZH_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS) + "点"

_ARABIC = re.compile(r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?|\.[0-9]+")
_MIXED = re.compile(r"^([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)([万萬亿億千百十]+)$")

EN_UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
EN_TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_SCALES: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
#: Magnitude suffixes written straight after a figure: £800m, $1.5bn, 20k.
EN_SUFFIXES: dict[str, int] = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}
EN_ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "hundredth": 100,
}


def parse_number(text: str) -> float | None:
    """The value of a written number, or ``None`` if ``text`` is not one number.

    Accepts Arabic figures with thousands separators, full-width digits, Chinese numerals
    (positional, with 两, 零, 点 and the 万/亿 magnitudes), a figure followed by a Chinese
    magnitude (``8.1万亿``) and English number words (``two hundred and five``).

    Example:
        >>> parse_number("百分之七点五") is None  # a percentage is the extractor's job
        True
        >>> parse_number("一百七十八"), parse_number("1,234.5"), parse_number("twenty-one")
        (178.0, 1234.5, 21.0)
    """
    s = unicodedata.normalize("NFKC", text).strip()
    if not s:
        return None
    if _ARABIC.fullmatch(s):
        return float(s.replace(",", ""))
    mixed = _MIXED.match(s)
    if mixed:
        scale = _magnitude(mixed.group(2))
        if scale is None:
            return None
        return float(mixed.group(1).replace(",", "")) * scale
    if all(ch in ZH_NUMERAL_CHARS for ch in s):
        return parse_chinese(s)
    if all(ch in ZH_DIGITS or ch in "点." or ch.isdigit() for ch in s):
        # Digits mixed with Chinese digits (零点1, 2〇24): read digit by digit.
        arabic = "".join(str(ZH_DIGITS[ch]) if ch in ZH_DIGITS else ch for ch in s)
        arabic = arabic.replace("点", ".")
        return float(arabic) if _ARABIC.fullmatch(arabic) else None
    return parse_english(s)


def _magnitude(units: str) -> int | None:
    # "万亿" multiplies (10^12); a lone "十"/"百"/"千" after a figure is a magnitude too.
    scale = 1
    for ch in units:
        factor = _BIG_UNITS.get(ch) or _SMALL_UNITS.get(ch)
        if factor is None:
            return None
        scale *= factor
    return scale


def parse_chinese(text: str) -> float | None:
    """Value of a Chinese numeral such as ``两千三百万``, ``一万零五`` or ``七点五``.

    Digit strings without units (``二〇二四``) read digit by digit, as years are written.
    Returns ``None`` for malformed input rather than guessing.

    Example:
        >>> parse_chinese("一万零五"), parse_chinese("十一"), parse_chinese("零点一")
        (10005.0, 11.0, 0.1)
    """
    if not text or text[0] in "万萬亿億百佰千仟点":
        return None  # a magnitude needs a figure before it
    if "点" in text:
        whole, _, frac = text.partition("点")
        if not frac or any(ch not in ZH_DIGITS for ch in frac):
            # "八点一万亿": the magnitude applies to the whole decimal.
            m = re.fullmatch(r"([^点]*)点([^点万萬亿億]+)([万萬亿億]+)", text)
            if not m:
                return None
            head = parse_chinese(m.group(1) + "点" + m.group(2))
            scale = _magnitude(m.group(3))
            return None if head is None or scale is None else head * scale
        int_part = parse_chinese(whole) if whole else 0.0
        if int_part is None:
            return None
        digits = "".join(str(ZH_DIGITS[ch]) for ch in frac)
        return float(f"{int(int_part)}.{digits}")
    if all(ch in ZH_DIGITS for ch in text):
        if len(text) == 1:
            return float(ZH_DIGITS[text])
        return float("".join(str(ZH_DIGITS[ch]) for ch in text))
    return _positional(text)


def _positional(text: str) -> float | None:
    total = 0  # completed 亿 sections
    section = 0  # completed 万 sections below the current 亿
    small = 0  # value below 万 being built
    digit: int | None = None
    prev_big = 10**20
    for ch in text:
        if ch in ZH_DIGITS:
            if digit is not None and ZH_DIGITS[ch] != 0 and digit != 0:
                return None  # two digits in a row inside a positional numeral
            digit = ZH_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            # A bare 十 at the start means 一十.
            small += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        elif ch in _BIG_UNITS:
            unit = _BIG_UNITS[ch]
            value = small + (digit or 0)
            if unit == 100_000_000:
                # Additive, so that 一万亿零一亿 reads as 10001 亿.
                total += (section + value) * unit
                section = 0
            else:
                if unit >= prev_big and section:
                    return None
                section = (section + value) * unit
            prev_big = unit
            small, digit = 0, None
        else:
            return None
    return float(total + section + small + (digit or 0))


def parse_english(text: str) -> float | None:
    """Value of English number words: ``two hundred and five``, ``1.5 million``, ``a dozen``.

    Example:
        >>> parse_english("three hundred thousand"), parse_english("1.5 billion")
        (300000.0, 1500000000.0)
    """
    words = [w for w in re.split(r"[\s-]+", text.lower().replace(",", "")) if w and w != "and"]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for w in words:
        if _ARABIC.fullmatch(w):
            current += float(w)
        elif w in EN_UNITS:
            current += EN_UNITS[w]
        elif w in EN_TENS:
            current += EN_TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in EN_SCALES:
            total += (current or 1) * EN_SCALES[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_ordinal(text: str) -> int | None:
    """The rank an ordinal names: ``第三``, ``第十二``, ``eighth``, ``21st``, ``twenty-first``.

    Example:
        >>> parse_ordinal("第三"), parse_ordinal("eighth"), parse_ordinal("21st")
        (3, 8, 21)
    """
    s = unicodedata.normalize("NFKC", text).strip().lower()
    if s.startswith("第"):
        v = parse_number(s[1:])
        return None if v is None or v != int(v) else int(v)
    m = re.fullmatch(r"([0-9]+)(?:st|nd|rd|th)", s)
    if m:
        return int(m.group(1))
    parts = re.split(r"[\s-]+", s)
    if parts and parts[-1] in EN_ORDINALS:
        head = parse_english(" ".join(parts[:-1])) if len(parts) > 1 else 0.0
        if head is None:
            return None
        return int(head) + EN_ORDINALS[parts[-1]]
    return None


def to_chinese(n: int) -> str:
    """Render a non-negative integer as a Chinese numeral (``23000000`` -> ``二千三百万``).

    The inverse of :func:`parse_chinese` for integers; used to test it and to show values.

    Example:
        >>> to_chinese(10005), to_chinese(178), to_chinese(0)
        ('一万零五', '一百七十八', '零')
    """
    if n < 0:
        raise ValueError(f"to_chinese needs a non-negative integer, got {n}")
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"
    big_units = ["", "万", "亿", "万亿"]
    sections: list[int] = []
    while n:
        sections.append(n % 10_000)
        n //= 10_000
    if len(sections) > len(big_units):
        raise ValueError("to_chinese supports values below 10^16")
    parts: list[str] = []
    pending_zero = False
    for idx in range(len(sections) - 1, -1, -1):
        sec = sections[idx]
        if sec == 0:
            pending_zero = bool(parts)
            continue
        # A skipped section or a section below 千 after a higher one is read with 零.
        text = "零" if parts and (pending_zero or sec < 1000) else ""
        pending_zero = False
        placed = gap = False
        for power, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = (sec // power) % 10
            if d == 0:
                gap = placed
                continue
            if gap:
                text += "零"
                gap = False
            text += digits[d] + unit
            placed = True
        parts.append(text + big_units[idx])
    out = "".join(parts)
    # 10-19 at the head are written 十, 十一 …, not 一十.
    return out[1:] if out.startswith("一十") else out
