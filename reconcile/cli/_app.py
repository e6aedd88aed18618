"""The command group every command registers on, and what they share for output.

Kept to click alone: ``reconcile --help`` and every command's start-up pay for nothing
else (renderers, rich, the dedup engines are imported inside the commands).
"""

from __future__ import annotations

from pathlib import Path

import click


class InputFailure(click.ClickException):
    """A ``ReconcileError`` as the CLI reports it (``Error: …``, exit status 2)."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reconcile")
def main() -> None:
    """Reconcile reports of one event and deduplicate document feeds."""


def write(text: str, output: Path | None) -> None:
    """``text`` to stdout, or to ``output`` (a write error is an ``Error: …``)."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputFailure(f"{output}: cannot write ({exc.strerror or exc})") from None
