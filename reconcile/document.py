"""A decoded source -> a prepared document (metadata, chrome, paragraphs, sentences)."""

from __future__ import annotations

import os

from .boilerplate import analyse
from .load import read_source
from .models import Document, Source
from .segment import segment


def prepare(source: Source) -> Document:
    """Run the per-document stages: boilerplate and metadata, then segmentation.

    Example:
        >>> doc = prepare(Source("A", "Headline\\n\\nFirst sentence here. Second one."))
        >>> [s.text for s in doc.segments]
        ['First sentence here.', 'Second one.']
    """
    layout = analyse(source.text)
    paragraphs, segments = segment(source.id, source.text, layout.content)
    return Document(source, layout.metadata, layout.boilerplate, paragraphs, segments)


def load_document(
    path: str | os.PathLike[str], source_id: str, encoding: str | None = None
) -> Document:
    """Read, decode and prepare one file."""
    return prepare(read_source(path, source_id, encoding))


def from_text(text: str, source_id: str = "A", path: str | None = None) -> Document:
    """Prepare text already in memory."""
    return prepare(Source(id=source_id, text=text, path=path))
