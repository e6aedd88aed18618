"""One frozen configuration object per dedup job, validated once.

Every field that changes signatures or band keys is part of :meth:`DedupConfig.params`,
which a persistent index records and compares on open: an index built with other
parameters is refused rather than silently returning nonsense.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from ..errors import ConfigError

Keep = Literal["first", "longest", "earliest"]
KEEP_POLICIES: tuple[Keep, ...] = ("first", "longest", "earliest")


@dataclass(frozen=True)
class DedupConfig:
    """Parameters of a dedup run.

    Signature parameters (recorded in the index, a mismatch is refused):
        seed, num_perm: datasketch MinHash (``affine32`` scheme) permutations.
        cjk_ngram: shingle length in characters where a shingle starts on a CJK character.
        word_ngram: shingle length in words where a shingle starts on a Latin word.
        bands, rows: document-level LSH banding (``bands * rows <= num_perm``).
        para_bands, para_rows: paragraph-level LSH banding.
        min_paragraph_shingles: paragraphs shorter than this are not indexed as passages.

    Decision thresholds (may change between runs; measured in ``bench/quality.py``):
        duplicate: exact Jaccard of the shingle sets at or above which two documents are
            duplicates. 0.7: on the BBC corpus, reprints with a changed headline, chrome,
            one figure or one paragraph stay above 0.75, and no pair of distinct stories
            reaches 0.5.
        excerpt: share of the smaller document's shingles found in the larger one. 0.8:
            a truncated reprint keeps ~1.0, the highest same-story SemEval pair ~0.3.
        passage: exact Jaccard at or above which two paragraphs count as one shared
            passage (the seed reports' shared paragraphs score 0.6-1.0).
        max_candidates: candidates verified per document, those sharing most bands first;
            bounds the work when a story has been reprinted thousands of times.

    Run settings:
        keep: which member represents a cluster (``first`` seen, ``longest``, ``earliest``
            published).
        batch_size: documents per index transaction (the unit of crash safety).
        workers: processes computing signatures (1 = in-process).
        id_field, text_field, title_field, published_field, source_field: JSONL field names.
        strict: stop at the first bad input instead of reporting and skipping it.

    Example:
        >>> DedupConfig(duplicate=0.8).bands
        20
        >>> DedupConfig(bands=40)
        Traceback (most recent call last):
        ...
        reconcile.errors.ConfigError: bands * rows = 240 exceeds num_perm = 128; lower --bands or raise num_perm
    """

    seed: int = 1
    num_perm: int = 128
    cjk_ngram: int = 5
    word_ngram: int = 4
    bands: int = 20
    rows: int = 6
    para_bands: int = 4
    para_rows: int = 4
    min_paragraph_shingles: int = 12
    duplicate: float = 0.7
    excerpt: float = 0.8
    passage: float = 0.6
    max_candidates: int = 64
    keep: Keep = "first"
    batch_size: int = 512
    workers: int = 1
    id_field: str = "id"
    text_field: str = "text"
    title_field: str = "title"
    published_field: str = "published"
    source_field: str = "source"
    strict: bool = False

    def __post_init__(self) -> None:
        for name in ("seed",):
            if getattr(self, name) < 0:
                raise ConfigError(f"{name} must be >= 0, got {getattr(self, name)}")
        positive = (
            "num_perm",
            "cjk_ngram",
            "word_ngram",
            "bands",
            "rows",
            "para_bands",
            "para_rows",
            "min_paragraph_shingles",
            "max_candidates",
            "batch_size",
            "workers",
        )
        for name in positive:
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be >= 1, got {getattr(self, name)}")
        if self.bands * self.rows > self.num_perm:
            raise ConfigError(
                f"bands * rows = {self.bands * self.rows} exceeds num_perm = {self.num_perm}; "
                "lower --bands or raise num_perm"
            )
        if self.para_bands * self.para_rows > self.num_perm:
            raise ConfigError(
                f"para_bands * para_rows = {self.para_bands * self.para_rows} exceeds "
                f"num_perm = {self.num_perm}"
            )
        for name in ("duplicate", "excerpt", "passage"):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"{name} threshold must be in (0, 1], got {value}")
        if self.keep not in KEEP_POLICIES:
            raise ConfigError(f"keep must be one of {', '.join(KEEP_POLICIES)}, got {self.keep!r}")

    def params(self) -> dict[str, Any]:
        """The parameters a stored index depends on, as recorded in it."""
        fields = asdict(self)
        keys = (
            "seed",
            "num_perm",
            "cjk_ngram",
            "word_ngram",
            "bands",
            "rows",
            "para_bands",
            "para_rows",
            "min_paragraph_shingles",
        )
        return {
            "scheme": "affine32",
            "shingle_hash": "poly64+fmix64",
            "band_hash": "fmix64-sum/2",
            **{k: fields[k] for k in keys},
        }
