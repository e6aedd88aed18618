"""Reading feeds: JSONL files or stdin, directories of text files, single text files.

Every input yields either a :class:`Record` or a :class:`Problem` naming the line or
file, so a run can report and count what it skipped instead of losing it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..load import decode_bytes
from .config import DedupConfig
from .records import Problem, Record

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


def read_inputs(inputs: Iterable[str], config: DedupConfig) -> Iterator[Record | Problem]:
    """Records from each input in turn: ``-`` (JSONL on stdin), a directory, or a file.

    Raises:
        InputError: an input path does not exist (a bad *record* is a Problem instead).
    """
    for name in inputs:
        if name == "-":
            yield from read_jsonl(sys.stdin.buffer, "<stdin>", config)
            continue
        path = Path(name)
        if not path.exists():
            raise InputError(f"{name}: no such file or directory")
        if path.is_dir():
            yield from read_directory(path)
        elif path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from read_jsonl(fh, name, config)
        else:
            yield _file_record(path, path.name)


def read_jsonl(fh: IO[bytes], name: str, config: DedupConfig) -> Iterator[Record | Problem]:
    """One record per non-blank line; each line decoded on its own (UTF-8, GB18030, ...).

    Example:
        >>> import io
        >>> lines = b'{"id": "a", "text": "hello"}\\nnot json\\n{"id": "b"}\\n'
        >>> [type(r).__name__ for r in read_jsonl(io.BytesIO(lines), "f", DedupConfig())]
        ['Record', 'Problem', 'Problem']
    """
    for number, raw in enumerate(fh, start=1):
        origin = f"{name}:{number}"
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line, _ = decode_bytes(raw, name=origin)
            except InputError as exc:
                yield Problem(origin, str(exc))
                continue
        try:
            obj = json.loads(line.strip())
        except json.JSONDecodeError as exc:
            # Some of json's messages end in "at" ("Unterminated string starting at").
            what = exc.msg.removesuffix(" at")
            yield Problem(origin, f"not valid JSON ({what} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield Problem(origin, "not a JSON object")
            continue
        yield _json_record(obj, origin, config)


def _json_record(obj: dict[str, Any], origin: str, config: DedupConfig) -> Record | Problem:
    field = config.id_field
    if field not in obj:
        return Problem(origin, f"record has no {field!r} field")
    doc_id = document_id(obj[field])
    if doc_id is None:
        what = _JSON_KINDS.get(type(obj[field]), "not a string")
        return Problem(origin, f"record's {field!r} is {what}; an id is a string or an integer")
    if not doc_id.strip():
        return Problem(origin, f"record's {field!r} is empty")
    text = obj.get(config.text_field)
    if not isinstance(text, str) or not text.strip():
        return Problem(origin, f"record has no text in field {config.text_field!r}", doc_id)
    return Record(
        doc_id,
        text,
        origin,
        title=_opt(obj.get(config.title_field)),
        published=_opt(obj.get(config.published_field)),
        source=_opt(obj.get(config.source_field)),
    )


# How a JSON value that cannot be an id is named in the message.
_JSON_KINDS: dict[type, str] = {
    type(None): "null",
    bool: "a boolean",
    float: "a number with a fraction",
    dict: "an object",
    list: "an array",
}


def document_id(value: object) -> str | None:
    """The id a JSON value names: strings as they are, integers as their digits.

    Ids are one key space of strings (the index keys documents by text), so an integer
    id ``7`` is reported back as ``"7"`` and is the same document as ``"7"``. Anything
    else (``null``, booleans, fractions, objects, arrays) is no id: ``True`` must not
    become the id ``"True"`` nor ``1.0`` the id ``"1.0"``.

    Example:
        >>> document_id(7), document_id("a-7"), document_id(None), document_id(True)
        ('7', 'a-7', None, None)
    """
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def read_directory(root: Path) -> Iterator[Record | Problem]:
    """Every regular file under ``root`` (sorted, recursive); the id is the relative path."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for fname in sorted(filenames):
            if fname.startswith("."):
                continue
            path = Path(dirpath) / fname
            yield _file_record(path, path.relative_to(root).as_posix())


def _file_record(path: Path, doc_id: str) -> Record | Problem:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Problem(str(path), f"cannot read ({exc.strerror or exc})", doc_id)
    # Decoded in the worker (see _prepare): detection is the costly part.
    return Record(doc_id, data, str(path))
