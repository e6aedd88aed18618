"""The command line: exit codes, messages on stderr, formats, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reconcile.cli import main

from .helpers import BBC_226, BBC_265, MINISTRY, WEB


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_diff_prints_the_review(runner: CliRunner) -> None:
    res = runner.invoke(main, ["diff", str(MINISTRY), str(WEB)])
    assert res.exit_code == 0, res.output
    assert "aligned pairs" in res.stdout
    assert "[-第一-]" in res.stdout  # no terminal: changes are marked, not coloured
    assert "\x1b[" not in res.stdout


def test_diff_color_flag_forces_ansi(runner: CliRunner) -> None:
    res = runner.invoke(main, ["diff", str(BBC_226), str(BBC_265), "--color"])
    assert res.exit_code == 0
    assert "\x1b[" in res.stdout


def test_diff_json(runner: CliRunner) -> None:
    res = runner.invoke(main, ["diff", str(MINISTRY), str(WEB), "--format", "json"])
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert doc["schema"] == "reconcile/1"
    assert {s["id"] for s in doc["sources"]} == {"A", "B"}


def test_merge_writes_markdown(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "merged.md"
    res = runner.invoke(main, ["merge", str(MINISTRY), str(WEB), "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert "第一是改造升级传统产业。 [A+B][^" in text
    assert "B reads: 首先是改造升级传统产业。" in text


def test_thresholds_are_options(runner: CliRunner) -> None:
    strict = runner.invoke(
        main, ["diff", str(MINISTRY), str(WEB), "--format", "json", "--accept", "99"]
    )
    loose = runner.invoke(main, ["diff", str(MINISTRY), str(WEB), "--format", "json"])
    assert len(json.loads(strict.stdout)["pairs"]) < len(json.loads(loose.stdout)["pairs"])


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.txt", "missing.txt: no such file"),
        (lambda p: p, "is a directory, expected a text file"),
        (lambda p: _write(p / "empty.txt", b""), "empty.txt: file is empty"),
        (lambda p: _write(p / "blank.txt", b" \n\r\n "), "blank.txt: file is empty"),
        (lambda p: _write(p / "bin.dat", bytes(range(256)) * 4), "looks like a binary file"),
    ],
)
def test_bad_input_is_a_clear_error(runner: CliRunner, tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    bad = make(tmp_path)
    for cmd in ("diff", "merge"):
        res = runner.invoke(main, [cmd, str(MINISTRY), str(bad)])
        assert res.exit_code == 2
        assert res.stderr.startswith("Error: ")
        assert message in res.stderr
        assert "Traceback" not in res.stderr + res.stdout


def test_wrong_encoding_is_reported_with_offset(runner: CliRunner, tmp_path: Path) -> None:
    gb = _write(tmp_path / "gb.txt", "标题\n\n今年一季度经济增长。".encode("gb18030"))
    res = runner.invoke(main, ["diff", str(gb), str(MINISTRY), "--encoding", "utf-8"])
    assert res.exit_code == 2
    assert "cannot decode as utf-8: invalid bytes at offset 0" in res.stderr
    res = runner.invoke(main, ["diff", str(gb), str(MINISTRY), "--encoding", "klingon"])
    assert "unknown encoding 'klingon'" in res.stderr


def test_gb18030_input_is_detected(runner: CliRunner, tmp_path: Path) -> None:
    gb = _write(tmp_path / "gb.txt", MINISTRY.read_text(encoding="utf-8").encode("gb18030"))
    res = runner.invoke(main, ["diff", str(gb), str(MINISTRY), "--format", "json"])
    doc = json.loads(res.stdout)
    assert doc["sources"][0]["encoding"] == "gb18030"
    assert doc["unique"] == {"A": [], "B": []}
    assert all(p["relation"] == "identical" for p in doc["pairs"])


def test_usage_errors_exit_2(runner: CliRunner) -> None:
    res = runner.invoke(main, ["diff", str(MINISTRY)])
    assert res.exit_code == 2
    res = runner.invoke(main, ["diff", str(MINISTRY), str(WEB), "--accept", "140"])
    assert res.exit_code == 2


def test_every_command_has_help(runner: CliRunner) -> None:
    for name, cmd in main.commands.items():  # type: ignore[attr-defined]
        assert cmd.help, name
        res = runner.invoke(main, [name, "--help"])
        assert res.exit_code == 0 and "Usage:" in res.stdout


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- facts and check ----------------------------------------------------------------------


def test_facts_command_lists_facts() -> None:

    res = CliRunner().invoke(main, ["facts", str(WEB)])
    assert res.exit_code == 0
    line = next(x for x in res.output.splitlines() if "\t8.1万亿元\t" in x)
    assert line.split("\t")[3:] == ["社会消费品零售总额", "今年前两个月", "郭婷婷"]


def test_facts_command_json_has_offsets() -> None:

    res = CliRunner().invoke(main, ["facts", str(WEB), "--format", "json"])
    assert res.exit_code == 0
    doc = json.loads(res.output)
    text = WEB.read_text(encoding="utf-8")
    for f in doc["facts"]:
        assert text[f["start"] : f["end"]] == f["text"]
    assert set(doc["facts"][0]) >= {"id", "source", "segment", "text", "value", "unit", "kind"}


def test_check_exit_codes(tmp_path: Path) -> None:

    runner = CliRunner()
    ok = runner.invoke(main, ["check", str(MINISTRY), str(WEB)])
    assert ok.exit_code == 0, ok.output
    assert ok.output.startswith("No conflicting facts")

    edited = tmp_path / "web.txt"
    edited.write_text(WEB.read_text(encoding="utf-8").replace("7.5%", "7.3%"), encoding="utf-8")
    bad = runner.invoke(main, ["check", str(MINISTRY), str(edited)])
    assert bad.exit_code == 1
    header, line = bad.output.splitlines()
    assert header.split("\t") == ["subject", "A", "B", "A sentence", "B sentence"]
    subject, in_a, in_b, quote_a, quote_b = line.split("\t")
    assert (subject, in_a, in_b) == ("规模以上高技术制造业增加值", "A: 7.5%", "B: 7.3%")
    assert "7.5%" in quote_a and "7.3%" in quote_b

    missing = runner.invoke(main, ["check", str(MINISTRY), str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2
    assert "Error: " in missing.output
    usage = runner.invoke(main, ["check", str(MINISTRY)])
    assert usage.exit_code == 2


def test_check_json_is_the_diff_document() -> None:

    runner = CliRunner()
    check = runner.invoke(main, ["check", str(MINISTRY), str(WEB), "--format", "json"])
    diff = runner.invoke(main, ["diff", str(MINISTRY), str(WEB), "--format", "json"])
    assert check.exit_code == 0
    assert check.output == diff.output


# --- Input: standard input, per-file encodings, UTF-16 without a BOM ----------------------


def test_dash_reads_standard_input(runner: CliRunner) -> None:
    text = WEB.read_text(encoding="utf-8")
    piped = runner.invoke(main, ["diff", "--format", "json", str(MINISTRY), "-"], input=text)
    direct = runner.invoke(main, ["diff", "--format", "json", str(MINISTRY), str(WEB)])
    assert piped.exit_code == 0, piped.output
    a, b = json.loads(piped.output), json.loads(direct.output)
    assert a["pairs"] == b["pairs"] and a["canonical"] == b["canonical"]
    facts = runner.invoke(main, ["facts", "-"], input=text)
    assert facts.output == runner.invoke(main, ["facts", str(WEB)]).output
    twice = runner.invoke(main, ["diff", "-", "-"], input=text)
    assert twice.exit_code == 2 and "only one of the inputs" in twice.output


@pytest.mark.parametrize("spec", ["2=gb18030", "web.gb.txt=gb18030"])
def test_encoding_per_file(runner: CliRunner, tmp_path: Path, spec: str) -> None:
    # One UTF-8 input and one GB18030 input, each decoded with its own codec.
    gb = tmp_path / "web.gb.txt"
    gb.write_bytes(WEB.read_text(encoding="utf-8").encode("gb18030"))
    out = runner.invoke(
        main,
        [
            "diff",
            "--format",
            "json",
            "--encoding",
            "utf-8",
            "--encoding",
            spec,
            str(MINISTRY),
            str(gb),
        ],
    )
    assert out.exit_code == 0, out.output
    doc = json.loads(out.output)
    assert [d["encoding"] for d in doc["sources"]] == ["utf-8", "gb18030"]
    # Decoding the UTF-8 file as GB18030 for both is refused or differs: the codec applied.
    wrong = runner.invoke(
        main, ["diff", "--format", "json", "--encoding", "1=nope", str(MINISTRY), str(gb)]
    )
    assert wrong.exit_code == 2 and "unknown encoding 'nope'" in wrong.output
    stray = runner.invoke(main, ["diff", "--encoding", "3=gb18030", str(MINISTRY), str(gb)])
    assert stray.exit_code == 2 and "neither an input's number" in stray.output


def test_utf16_without_bom_suggests_the_codec(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "u16.txt"
    path.write_bytes(BBC_226.read_text(encoding="utf-8").encode("utf-16-le"))
    out = runner.invoke(main, ["facts", str(path)])
    assert out.exit_code == 2
    assert "pass --encoding utf-16-le" in out.output and "Traceback" not in out.output
    ok = runner.invoke(main, ["facts", "--encoding", "utf-16-le", str(path)])
    assert ok.exit_code == 0 and len(ok.output.splitlines()) > 3


# --- Small glitches ---------------------------------------------------------------------


def test_same_file_twice_is_said(runner: CliRunner) -> None:
    out = runner.invoke(main, ["diff", "--no-color", str(WEB), str(WEB)])
    assert out.exit_code == 0
    assert "are the same file" in out.output


def test_facts_header_and_no_facts_message(runner: CliRunner, tmp_path: Path) -> None:
    listed = runner.invoke(main, ["facts", str(WEB)])
    assert listed.output.splitlines()[0].split("\t") == [
        "id",
        "kind",
        "text",
        "subject",
        "period",
        "speaker",
    ]
    plain = tmp_path / "plain.txt"
    plain.write_text("Nothing to count here. Only words.\n", encoding="utf-8")
    none = runner.invoke(main, ["facts", str(plain)])
    assert none.exit_code == 0
    assert "No facts (figures, dates, counts) found" in none.output


def test_counts_are_singular_for_one(runner: CliRunner) -> None:
    out = runner.invoke(main, ["diff", "--no-color", "--width", "80", str(BBC_226), str(BBC_265)])
    assert " 1 facts" not in out.output and "1 conflicts" not in out.output
    assert not [ln for ln in out.output.splitlines() if ln.startswith("1 ") and "s only in" in ln]


# --- The pager, in a real pseudo-terminal ------------------------------------------------


def _in_pty(args: list[str], env: dict[str, str]) -> bytes:
    """Run ``args`` with stdin/stdout/stderr on a 400×100 pseudo-terminal; all it wrote."""
    import fcntl
    import os
    import pty
    import struct
    import sys
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal before the program asks for it
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 400, 100, 0, 0))
        os.execve(sys.executable, [sys.executable, "-m", "reconcile", *args], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out


def test_review_pages_in_a_terminal_with_colour_and_less_frx() -> None:
    import os
    import shutil

    base = {k: v for k, v in os.environ.items() if k not in ("LESS", "PAGER")}
    base["TERM"] = "xterm-256color"
    # A pager that reports what it was given: paging is automatic, and LESS defaults to FRX.
    probe = _in_pty(
        ["diff", str(BBC_226), str(BBC_265)],
        {**base, "PAGER": "sh -c 'echo pager-LESS=$LESS; cat'"},
    )
    assert b"pager-LESS=FRX" in probe
    assert b"\x1b[" in probe  # colour reached the pager
    off = _in_pty(
        ["diff", "--no-pager", str(BBC_226), str(BBC_265)],
        {**base, "PAGER": "sh -c 'echo paged; cat'"},
    )
    assert b"paged" not in off and b"Alignment" in off
    if shutil.which("less") is None:
        assert os.environ.get("CI") != "true", "less is needed to test the pager on CI"
        pytest.skip("less not installed")
    # The real less, no LESS set: colour escapes pass through, none are shown as text.
    real = _in_pty(["diff", str(BBC_226), str(BBC_265)], base)
    assert b"Alignment" in real and b"\x1b[" in real
    assert b"ESC[" not in real
