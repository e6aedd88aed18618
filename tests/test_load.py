"""Load: bytes on disk -> text, every encoding path and every way a file can be bad."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from reconcile.errors import InputError
from reconcile.load import decode_bytes, read_source
from tests.helpers import FIXTURES, sogou_field, sogou_records

ZH = "“今年1—2月规模以上高技术制造业增加值同比增长7.5%。”赵志国说。\n"
EN = "Plans to abolish 162 quangos have been unveiled by the Conservatives.\n"


def write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- encodings -------------------------------------------------------------------------


def test_fixture_reads_as_utf8() -> None:
    src = read_source(FIXTURES / "press-2024-03-26" / "web-report.txt", "B")
    assert src.encoding == "utf-8"
    assert src.id == "B"
    assert src.text.startswith("工信部详解")


@pytest.mark.parametrize("text", [ZH, EN])
def test_utf8_without_bom(tmp_path: Path, text: str) -> None:
    src = read_source(write(tmp_path, text.encode("utf-8")), "A")
    assert (src.text, src.encoding) == (text, "utf-8")


def test_utf8_bom_is_dropped_from_text(tmp_path: Path) -> None:
    src = read_source(write(tmp_path, codecs.BOM_UTF8 + ZH.encode("utf-8")), "A")
    assert src.text == ZH  # offsets count from the first real character
    assert src.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    src = read_source(write(tmp_path, bom + ZH.encode(codec)), "A")
    assert src.text == ZH
    assert src.encoding == "utf-16"


def test_utf32_bom_is_not_mistaken_for_utf16(tmp_path: Path) -> None:
    # The UTF-32-LE BOM begins with the UTF-16-LE one.
    src = read_source(write(tmp_path, codecs.BOM_UTF32_LE + EN.encode("utf-32-le")), "A")
    assert (src.text, src.encoding) == (EN, "utf-32")


def test_gb18030_detected_on_real_sohu_records(tmp_path: Path) -> None:
    records = sogou_records()
    assert len(records) == 200
    for i in (0, 57, 199):
        content = sogou_field(records[i], "content")
        path = write(tmp_path, content, f"sohu-{i}.txt")
        src = read_source(path, "A")
        assert src.encoding == "gb18030", i
        assert src.text == content.decode("gb18030")
        assert re.search(r"[\u4e00-\u9fff]{4}", src.text)


def test_every_sohu_record_decodes_as_gb18030() -> None:
    # Some records hold mojibake ("?" runs); detection must still settle on GB18030 and
    # never fall through to a generic detector's Latin guess.
    for i, record in enumerate(sogou_records()):
        text, used = decode_bytes(record, name=f"record {i}")
        assert used == "gb18030", i
        assert "<content>" in text


def test_short_gbk_text_is_not_taken_for_big5_or_latin(tmp_path: Path) -> None:
    # Short GB texts are where generic detectors go wrong.
    for sample in ("赵志国说。", "增长７.５％", "新质生产力\r\n"):
        src = read_source(write(tmp_path, sample.encode("gbk")), "A")
        assert (src.text, src.encoding) == (sample, "gb18030")


# Written for these tests: a market report in Japanese and one in Korean.
JA = "東京株式市場で日経平均株価は前日比２．５％上昇し、３万２千円となりました。政府は３月１２日に新しい経済対策を発表しました。\n"
KO = "서울 증시의 코스피 지수는 전날보다 2.5% 올랐습니다. 정부는 3월 12일 새로운 경제 대책을 발표했습니다.\n"


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [(JA, "shift_jis", "shift_jis"), (KO, "euc_kr", "euc-kr")],
)
def test_japanese_and_korean_are_not_read_as_gb18030(
    tmp_path: Path, text: str, codec: str, expected: str
) -> None:
    # All three decode without error as GB18030, into ideographs that pass for Chinese.
    data = text.encode(codec)
    assert data.decode("gb18030") != text
    src = read_source(write(tmp_path, data), "A")
    assert (src.text, src.encoding) == (text, expected)


def test_euc_jp_japanese_is_read_as_japanese(tmp_path: Path) -> None:
    # EUC-JP puts kana where GB2312 does, so GB18030 reading fails the Chinese test and
    # the generic detector names an EUC-JP variant.
    src = read_source(write(tmp_path, JA.encode("euc_jp")), "A")
    assert src.text == JA and src.encoding != "gb18030"


def test_explicit_encoding_overrides_detection(tmp_path: Path) -> None:
    data = "café au lait, naïve résumé\n".encode("latin-1")
    src = read_source(write(tmp_path, data), "A", encoding="latin-1")
    assert (src.text, src.encoding) == ("café au lait, naïve résumé\n", "latin-1")


def test_latin_text_falls_back_to_detection(tmp_path: Path) -> None:
    text = "Le gouvernement a annoncé une réforme très attendue à Genève.\n" * 3
    src = read_source(write(tmp_path, text.encode("cp1252")), "A")
    assert src.text == text


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_ends_are_kept_verbatim(tmp_path: Path, newline: str) -> None:
    # Offsets point into the text exactly as the file holds it; splitting lines is the
    # boilerplate stage's job.
    text = f"标题{newline}{newline}第一段。{newline}Second para.{newline}"
    src = read_source(write(tmp_path, text.encode("utf-8")), "A")
    assert src.text == text


# --- errors ----------------------------------------------------------------------------


def error_of(path: Path, encoding: str | None = None) -> str:
    with pytest.raises(InputError) as info:
        read_source(path, "A", encoding)
    return str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    assert error_of(path) == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    assert error_of(tmp_path) == f"{tmp_path}: is a directory, expected a text file"


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n\r\n\t", codecs.BOM_UTF8, codecs.BOM_UTF8 + b" \n", " \n".encode("utf-16")],
    ids=["zero-bytes", "whitespace", "bom-only", "bom-whitespace", "utf16-whitespace"],
)
def test_empty(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, data)
    assert error_of(path) == f"{path}: file is empty"


def test_ideographic_spaces_only_is_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "\u3000\u3000\n".encode("gb18030"))
    assert error_of(path) == f"{path}: file is empty"


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    path = write(tmp_path, png, "image.txt")
    assert error_of(path) == f"{path}: looks like a binary file (it contains NUL bytes)"


def test_binary_without_nul_bytes(tmp_path: Path) -> None:
    data = bytes(range(1, 32)) * 20 + b"some text"
    path = write(tmp_path, data, "blob.bin")
    msg = error_of(path)
    assert msg.startswith(f"{path}: looks like a binary file (")
    assert "control characters" in msg


def test_undecodable_with_explicit_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, ZH.encode("gb18030"))
    first = ZH.encode("gb18030")[:4].hex(" ")
    assert error_of(path, "utf-8") == (
        f"{path}: cannot decode as utf-8: invalid bytes at offset 0 ({first})"
    )


def test_undecodable_offset_points_at_the_bad_byte(tmp_path: Path) -> None:
    path = write(tmp_path, b"plain ascii then \xff\xfe bad")
    assert error_of(path, "utf-8") == (
        f"{path}: cannot decode as utf-8: invalid bytes at offset 17 (ff fe 20 62)"
    )


def test_no_traceback_for_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, EN.encode())
    path.chmod(0)
    try:
        with path.open("rb"):
            # Root (as on CI) reads it all the same: use a file that fails to read for
            # anyone instead, so the test runs everywhere and never skips.
            path = Path("/proc/self/mem")
    except PermissionError:
        pass
    assert error_of(path).startswith(f"{path}: cannot read (")


def test_explicit_encoding_drops_bom(tmp_path: Path) -> None:
    src = read_source(write(tmp_path, codecs.BOM_UTF8 + EN.encode()), "A", encoding="utf-8")
    assert src.text == EN


def test_empty_with_explicit_encoding(tmp_path: Path) -> None:
    path = write(tmp_path, " \n".encode("utf-16"))
    assert error_of(path, "utf-16") == f"{path}: file is empty"


def test_binary_with_explicit_encoding(tmp_path: Path) -> None:
    # Latin-1 decodes any byte string; the file is still not text.
    path = write(tmp_path, bytes(range(1, 32)) * 20, "blob.bin")
    assert error_of(path, "latin-1").startswith(f"{path}: looks like a binary file (")


def test_unknown_codec(tmp_path: Path) -> None:
    path = write(tmp_path, EN.encode())
    assert error_of(path, "no-such-codec") == (
        "unknown encoding 'no-such-codec' (try utf-8, gb18030, big5 or latin-1)"
    )


@pytest.mark.parametrize("codec", ["rot13", "base64", "hex", "zlib"])
def test_codec_that_is_not_a_text_encoding(tmp_path: Path, codec: str) -> None:
    # codecs.lookup() knows these, but they turn bytes into bytes, not text.
    path = write(tmp_path, EN.encode())
    assert error_of(path, codec) == (
        f"{codec!r} is not a text encoding (try utf-8, gb18030, big5 or latin-1)"
    )


def test_utf8_with_a_damaged_character_names_the_offset(tmp_path: Path) -> None:
    # Mostly UTF-8 with one byte lost: say where, rather than guess another encoding.
    good = ZH.encode("utf-8") * 3
    damaged = good[:41] + good[42:]
    path = write(tmp_path, damaged)
    msg = error_of(path)
    assert msg.startswith(f"{path}: invalid UTF-8 at offset ")
    assert "--encoding" in msg


def test_utf8_cut_off_mid_character(tmp_path: Path) -> None:
    data = (ZH * 4).rstrip("\n").encode("utf-8")[:-1]
    path = write(tmp_path, data)
    assert error_of(path) == (
        f"{path}: invalid UTF-8 at offset {len(data) - 2} ({data[-2:].hex(' ')}) in a file "
        "that is otherwise UTF-8; repair it, or pass --encoding to read it another way"
    )
