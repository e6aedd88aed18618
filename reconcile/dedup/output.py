"""Where a run's JSONL goes, written so that a run killed at any point leaves usable output.

Cluster lines can only be written once the input is exhausted: a later document may
join any cluster. So an output *file* is written in two layers:

- while the run goes, the file holds one ``{"committed": id, ...}`` line per document
  of every committed batch (:class:`~reconcile.dedup.results.Committed`) and the error
  records, appended and flushed as each batch commits. Every such line is final: a
  committed document never moves, clusters never merge;
- when the run completes, the results (error records, then cluster or kept lines) are
  written beside it (``<file>.part``) and renamed over it in one step.

A killed run therefore leaves the committed lines (and a stray ``.part`` at worst); a
finished one leaves exactly the results, as on stdout.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ..errors import ReconcileError
from .results import Committed, InputProblem, Result


class RunOutput:
    """The JSONL sink of one run: a file (see the module) or stdout.

    Use as a context manager; call :meth:`finish` after the last result. Leaving the
    block without it (an error, Ctrl-C) keeps the committed lines and drops the rest.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._journal: IO[str] | None = None
        self._final: IO[str] = sys.stdout
        if path is not None:
            self._part = path.with_name(path.name + ".part")
            try:
                self._journal = path.open("w", encoding="utf-8")
                self._final = self._part.open("w", encoding="utf-8")
            except OSError as exc:
                self._close()
                raise ReconcileError(f"{path}: cannot write ({exc.strerror or exc})") from None

    def committed(self, docs: list[Committed]) -> None:
        """One batch's documents, written and flushed now (the file's final lines so far)."""
        if self._journal is not None:
            self._journal.writelines(_line(d.to_json()) for d in docs)
            self._journal.flush()

    def write(self, result: Result) -> None:
        line = _line(result.to_json())
        self._final.write(line)
        if self.path is None and isinstance(result, Committed):
            # --emit committed on a pipe: each line is final when written, so it goes
            # out now, not when a buffer fills (a killed run would lose those lines).
            self._final.flush()
        if self._journal is not None and isinstance(result, InputProblem):
            # Errors are known as their batch commits: the partial file lists them too.
            self._journal.write(line)
            self._journal.flush()

    def finish(self) -> None:
        """The run completed: the results replace the committed lines."""
        if self.path is None:
            self._final.flush()
            return
        self._close()
        os.replace(self._part, self.path)

    def _close(self) -> None:
        for fh in (self._journal, self._final):
            if fh is not None and fh is not sys.stdout:
                fh.close()

    def __enter__(self) -> RunOutput:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.path is None:
            return
        self._close()
        if self._part.exists():
            self._part.unlink()


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False) + "\n"
