"""What the command line does around the library: inputs (files, ``-``, per-file
encodings), progress on stderr, and the pager. Nothing here reads or judges text."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .document import prepare
from .errors import InputError
from .load import decode_bytes, read_source
from .models import Document, Source

STDIN = "-"


def encodings_for(values: Sequence[str], inputs: Sequence[str]) -> list[str | None]:
    """The codec for each input from ``--encoding`` values.

    A bare codec (``gb18030``) applies to every input; ``N=codec`` to the N-th input
    (1-based), ``NAME=codec`` to the input with that path or file name. A later value
    overrides an earlier one for the inputs it names.

    Example:
        >>> encodings_for(["utf-8", "2=gb18030"], ["a.txt", "b.txt"])
        ['utf-8', 'gb18030']
        >>> encodings_for(["b.txt=big5"], ["x/a.txt", "x/b.txt"])
        [None, 'big5']
    """
    out: list[str | None] = [None] * len(inputs)
    for value in values:
        target, sep, codec = value.rpartition("=")
        if not sep:
            out = [codec] * len(inputs)
            continue
        if not codec:
            raise InputError(f"--encoding {value!r}: no codec after '='")
        hits = [
            k
            for k, path in enumerate(inputs)
            if target == str(k + 1) or target == path or target == Path(path).name
        ]
        if not hits:
            raise InputError(
                f"--encoding {value!r}: {target!r} is neither an input's number "
                f"(1-{len(inputs)}) nor one of its names"
            )
        for k in hits:
            out[k] = codec
    return out


def load_inputs(
    paths: Sequence[str], encodings: Sequence[str | None], labels: Sequence[str] | None = None
) -> list[Document]:
    """Prepared documents, ids ``labels`` (default A, B, …) in order; ``-`` is standard
    input (at most once)."""
    from .pipeline import source_labels

    if sum(p == STDIN for p in paths) > 1:
        raise InputError("standard input ('-') can be only one of the inputs")
    docs = []
    ids = labels if labels is not None else source_labels(len(paths))
    for path, codec, source_id in zip(paths, encodings, ids, strict=True):
        if path == STDIN:
            data = sys.stdin.buffer.read()
            text, used = decode_bytes(data, name="<stdin>", encoding=codec)
            docs.append(prepare(Source(id=source_id, text=text, path="-", encoding=used)))
        else:
            docs.append(prepare(read_source(path, source_id, codec)))
    return docs


def relabel(docs: Sequence[Document], labels: Sequence[str]) -> list[Document]:
    """The documents prepared again under new ids (segment ids carry the source id)."""
    from dataclasses import replace

    return [
        d if d.id == label else prepare(replace(d.source, id=label))
        for d, label in zip(docs, labels, strict=True)
    ]


def same_file(a: str, b: str) -> bool:
    """Both arguments name one file on disk (``diff a a``, or a path and a link to it)."""
    if STDIN in (a, b):
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


@contextmanager
def progress(label: str, stream: TextIO | None = None, after: float = 1.0) -> Iterator[None]:
    """Show ``label`` and the seconds elapsed on stderr once work takes over ``after`` s.

    Only when stderr is a terminal: a log file or a pipe gets no carriage-return noise.
    The line is erased when the work ends, so the output that follows starts clean.
    """
    out = stream if stream is not None else sys.stderr
    if not out.isatty():
        yield
        return
    import threading  # only a terminal run pays for it

    done = threading.Event()
    shown = threading.Event()

    def tick() -> None:
        start = time.monotonic()
        if done.wait(after):
            return
        while not done.is_set():
            out.write(f"\r{label} {time.monotonic() - start:.0f} s")
            out.flush()
            shown.set()
            done.wait(0.5)

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if shown.is_set():
            out.write("\r\x1b[K")
            out.flush()


def page(text: str) -> None:
    """Show ``text`` through ``$PAGER`` (default ``less``), as git does.

    ``LESS`` defaults to ``FRX`` when unset: R passes colour escapes through instead of
    showing them raw, F quits at once when the text fits one screen, X leaves it on the
    screen. A missing pager falls back to plain output.
    """
    import shlex
    import subprocess

    cmd = os.environ.get("PAGER") or "less"
    env = {**os.environ, "LESS": os.environ.get("LESS") or "FRX"}
    try:
        proc = subprocess.Popen(shlex.split(cmd), stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager before the end: nothing more to show
    while True:
        try:
            proc.wait()
            return
        except KeyboardInterrupt:
            continue  # Ctrl-C belongs to the pager (less handles it); wait for it to quit
