"""What the commands on N reports share: their options, labels, and the one library call.

Labels: A, B, C, … by default (short, and two-file output stays what it was);
``--label NAME`` once per file names them; ``--outlet-labels`` takes each file's outlet
from its metadata where it names one (see README, "N sources").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeVar

import click

from .._regex import compiled
from ..align import AlignConfig
from ..errors import ReconcileError
from ..models import Document, Result
from ..pipeline import ReconcileConfig, reconcile, source_labels
from ._app import InputFailure

F = TypeVar("F", bound=Callable[..., Any])
_DEFAULTS = AlignConfig()


# A NamedTuple: a private record, defined at import for a third of a dataclass's cost.
class SourceOptions(NamedTuple):
    """The options of a command on N reports, as click parsed them."""

    files: tuple[str, ...]
    encoding: tuple[str, ...]
    accept: float
    short_accept: float
    moved: float
    prefer: str | None
    label: tuple[str, ...]
    outlet_labels: bool


def source_options(fn: F) -> F:
    """The FILE... argument and the options every command on N reports shares; the
    command receives them as one ``SourceOptions`` named ``src``."""
    decorators = [
        click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True)),
        click.option(
            "--encoding",
            multiple=True,
            help="Decode the inputs with this codec (default: detect): CODEC for all, "
            "N=CODEC (1-based) or FILE=CODEC for one; repeatable.",
        ),
        click.option(
            "--accept",
            type=click.FloatRange(0, 100),
            default=_DEFAULTS.accept,
            show_default=True,
            help="Lowest similarity (0-100) for a pair of sentences.",
        ),
        click.option(
            "--short-accept",
            type=click.FloatRange(0, 100),
            default=_DEFAULTS.short_accept,
            show_default=True,
            help=f"Lowest similarity for sentences under {_DEFAULTS.short_len} core characters.",
        ),
        click.option(
            "--moved",
            type=click.FloatRange(0, 100),
            default=_DEFAULTS.moved,
            show_default=True,
            help="Lowest similarity for a pair found out of document order.",
        ),
        click.option(
            "--prefer",
            metavar="LABEL",
            help="Whose wording the merged text uses where sources differ (default: the "
            "first file's).",
        ),
        click.option(
            "--label",
            multiple=True,
            metavar="NAME",
            help="Name the sources, once per file in order (default: A, B, C, …).",
        ),
        click.option(
            "--outlet-labels",
            is_flag=True,
            help="Name each source by the outlet its metadata gives (else its letter).",
        ),
    ]
    for deco in reversed(decorators):
        fn = deco(fn)

    def bundle(fn: F) -> F:
        import functools

        @functools.wraps(fn)
        def wrapper(**kwargs: Any) -> Any:
            names = SourceOptions._fields
            src = SourceOptions(**{k: kwargs.pop(k) for k in list(kwargs) if k in names})
            return fn(src=src, **kwargs)

        return wrapper  # type: ignore[return-value]  # same signature for click

    return bundle(fn)


def config(src: SourceOptions) -> ReconcileConfig:
    try:
        align_cfg = AlignConfig(
            accept=src.accept,
            short_accept=src.short_accept,
            moved=src.moved,
            anchor=max(_DEFAULTS.anchor, src.accept),
        )
        return ReconcileConfig(align=align_cfg, prefer=src.prefer)
    except ReconcileError as exc:
        raise click.UsageError(str(exc)) from None


def run(src: SourceOptions, least: int = 2) -> Result:
    """Load every input (``-`` is standard input) and reconcile them, with progress."""
    from .._cli_io import encodings_for, load_inputs, progress, relabel, same_file

    files = src.files
    if len(files) < least:
        raise click.UsageError(f"give at least {least} files to reconcile (got {len(files)})")
    if src.label and len(src.label) != len(files):
        raise click.UsageError(
            f"--label names {len(src.label)} sources but {len(files)} files were given: "
            "give one --label per file, in order"
        )
    if src.label and src.outlet_labels:
        raise click.UsageError("--label and --outlet-labels cannot be combined")
    for k, a in enumerate(files):
        for b in files[k + 1 :]:
            if same_file(a, b):
                click.echo(
                    f"Note: {a} and {b} are the same file; every sentence will match.", err=True
                )
    cfg = config(src)
    what = " and ".join(files) if len(files) == 2 else f"{len(files)} files"
    try:
        with progress(f"reconcile: reading and aligning {what}…"):
            docs = load_inputs(files, encodings_for(src.encoding, files), src.label or None)
            if src.outlet_labels:
                docs = relabel(docs, outlet_labels(docs))
            return reconcile(*docs, config=cfg)
    except ReconcileError as exc:
        raise InputFailure(str(exc)) from None


_NOT_IN_LABEL = r"[\s\[\]+,]+"


def outlet_labels(docs: Sequence[Document]) -> list[str]:
    """Each document's outlet as its label, else its letter.

    Spaces and the characters tags use (``[ ] + ,``) become ``-``; an outlet two files
    share, or one that ends in a digit (segment ids append a number), gets ``-`` and the
    letter, so labels stay distinct and ids unambiguous.

    Example:
        >>> from reconcile.document import from_text
        >>> from reconcile.models import Metadata
        >>> from dataclasses import replace
        >>> docs = [replace(from_text("x", k), metadata=Metadata(outlet=o))
        ...         for k, o in zip("ABCD", ["Xinhua", None, "Xinhua", "News 24"])]
        >>> outlet_labels(docs)
        ['Xinhua-A', 'B', 'Xinhua-C', 'News-24-D']
    """
    letters = source_labels(len(docs))
    names = [compiled(_NOT_IN_LABEL).sub("-", d.metadata.outlet or "").strip("-") for d in docs]
    out = []
    for name, letter in zip(names, letters, strict=True):
        if not name:
            out.append(letter)
        elif names.count(name) > 1 or name[-1].isdigit():
            out.append(f"{name}-{letter}")
        else:
            out.append(name)
    return out


def serialise(result: Result, fmt: str, schema: int | None = None) -> str:
    """The result as json, html or markdown text."""
    try:
        if fmt == "json":
            from ..render.json import dumps

            return dumps(result, schema)
        if fmt == "html":
            from ..render.html import render as render_html

            return render_html(result)
        from ..render.markdown import render as render_markdown

        return render_markdown(result)
    except ReconcileError as exc:
        raise InputFailure(str(exc)) from None


def schema_option(fn: F) -> F:
    return click.option(
        "--schema",
        type=click.Choice(["1", "2"]),
        help="JSON schema: reconcile/1 (two sources labelled A and B; the default for "
        "them) or reconcile/2 (any number; the default otherwise). See docs/json.md.",
    )(fn)
