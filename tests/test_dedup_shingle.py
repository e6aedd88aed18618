"""Shingles, signatures and band keys: deterministic, datasketch-compatible, width-blind."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from reconcile.boilerplate import _width
from reconcile.dedup import DedupConfig
from reconcile.dedup._prepare import Prepared, prepare_many
from reconcile.dedup.records import Problem, Record
from reconcile.dedup.shingle import (
    _IS_CJK,
    _char_class,
    _classes,
    _token_hashes,
    document_shingles,
    shingle_hashes,
    token_hash,
    tokens,
)
from reconcile.dedup.stages import datasketch_permutations, sign, sign_paragraphs
from reconcile.errors import ConfigError
from reconcile.normalize import is_wide, normalize, normalize_text

from .dedup_support import bbc_rows

CFG = DedupConfig()
PERMS = datasketch_permutations(CFG.seed, CFG.num_perm)


def test_tokens_split_cjk_characters_and_latin_words() -> None:
    assert tokens("工信部将启动5G建设, GDP up 7.5%") == [
        "工", "信", "部", "将", "启", "动", "5g", "建", "设", "gdp", "up", "7", "5",
    ]  # fmt: skip


def test_shingle_values_are_pinned() -> None:
    # Stored indexes depend on these values: a change here must change the parameters.
    assert shingle_hashes("The cat sat on the mat today.", CFG).tolist() == [
        830171339,
        1171935602,
        3731649597,
        3992146851,
    ]
    assert shingle_hashes("今年1—2月规模以上高技术制造业", CFG).tolist()[:4] == [
        766141701,
        990998905,
        1426684298,
        1568234886,
    ]


def test_punctuation_width_and_case_do_not_change_shingles() -> None:
    half = normalize_text("增长7.5%, 连续3个月加快增长. GDP rose!")
    full = normalize_text("增长７．５％，连续３个月加快增长。ＧＤＰ ROSE！")
    assert (shingle_hashes(half, CFG) == shingle_hashes(full, CFG)).all()


def test_signature_is_datasketch_affine32_minhash() -> None:
    hashes = shingle_hashes(bbc_rows()[0]["text"], CFG)
    ours = sign(hashes, PERMS)
    theirs = MinHash(num_perm=CFG.num_perm, seed=CFG.seed, scheme="affine32", hashfunc=int)
    theirs.update_batch(hashes.tolist())
    assert ours.tolist() == theirs.hashvalues.tolist()
    # Other permutations, passed in as datasketch's MinHash(permutations=...) takes them.
    other = MinHash(num_perm=CFG.num_perm, seed=99, scheme="affine32").permutations
    given = (other[0].astype(np.uint32), other[1].astype(np.uint32))
    theirs = MinHash(permutations=other, scheme="affine32", hashfunc=int)
    theirs.update_batch(hashes.tolist())
    assert sign(hashes, given).tolist() == theirs.hashvalues.tolist() != ours.tolist()


def test_paragraph_signatures_are_their_own_minhashes() -> None:
    paras = [p for p in bbc_rows()[5]["text"].split("\n\n") if p.strip()]
    shingles, bounds = document_shingles(paras, CFG)
    docs, paragraphs = sign_paragraphs(shingles, bounds, np.array([0, len(paras)]), PERMS, 16)
    for i in range(len(paras)):
        one = sign(shingles[bounds[i] : bounds[i + 1]], PERMS)
        assert (paragraphs[i] == one[:16]).all()
    assert (docs[0][:16] == paragraphs.min(axis=0)).all()
    assert docs[0].tolist() == sign(shingles, PERMS).tolist()


def test_document_shingles_match_per_paragraph_shingles() -> None:
    for row in bbc_rows()[:100]:
        paras = [*row["text"].split("\n\n"), "短", "", "增长7.5%，GDP up"]
        shingles, bounds = document_shingles(paras, CFG)
        for i, p in enumerate(paras):
            assert shingles[bounds[i] : bounds[i + 1]].tolist() == shingle_hashes(p, CFG).tolist()


def test_config_is_validated_once_with_a_hint() -> None:
    with pytest.raises(ConfigError, match="bands \\* rows = 240 exceeds num_perm = 128"):
        DedupConfig(bands=40)
    with pytest.raises(ConfigError, match="duplicate threshold must be in"):
        DedupConfig(duplicate=1.5)
    with pytest.raises(ConfigError, match="keep must be one of first, longest, earliest"):
        DedupConfig(keep="shortest")  # type: ignore[arg-type]


_ALPHABET = [
    *list("ab Z9.,\t\n\r\x0b\x1c"),
    "é",
    "£",
    "\xad",
    "\xa0",
    "ﬁ",
    "é",
    "，",
    "中",
    "”",
    "\u3000",
]
_TEXT = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from([*_ALPHABET, "İ", "Σ", "_", "𠀀", "😀", "ア"])), max_size=4
    )
)
def test_vectorised_tokens_are_the_regex_tokens(paragraphs: list[str]) -> None:
    # The numpy tokeniser must find exactly tokens()' tokens, paragraph by paragraph.
    hashes, _, cjk, para = _token_hashes(paragraphs)
    expected = [(i, t) for i, p in enumerate(paragraphs) for t in tokens(p)]
    assert hashes.tolist() == [token_hash(t) for _, t in expected]
    assert para.tolist() == [i for i, _ in expected]
    assert cjk.tolist() == [_IS_CJK.fullmatch(t) is not None for _, t in expected]


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_fast_normalize_text_equals_the_general_path(text: str) -> None:
    assert normalize_text(text) == normalize(text).text


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_fast_width_equals_the_reference(text: str) -> None:
    assert _width(text) == sum(2 if is_wide(ch) else 1 for ch in text)


def test_a_chunk_prepares_each_document_as_it_would_alone() -> None:
    rows = bbc_rows()[:40]
    chunk = [Record(r["id"], r["text"], "x") for r in rows]
    chunk += [Record("blank", "  \n ", "x"), Record("marks", "…… ——", "x"), Record("zh", "短", "x")]
    together = prepare_many(chunk, CFG, PERMS)
    for record, got in zip(chunk, together, strict=True):
        alone = prepare_many([record], CFG, PERMS)[0]
        if isinstance(alone, Problem):
            assert got == alone
            continue
        assert isinstance(got, Prepared)
        for name in ("shingles", "bounds", "spans", "signature", "keys"):
            assert getattr(got, name).tolist() == getattr(alone, name).tolist(), name
        assert (got.heads, got.length) == (alone.heads, alone.length)
    assert [type(p).__name__ for p in together[-3:]] == ["Problem", "Problem", "Prepared"]


def test_character_class_table_is_the_token_regex_everywhere_in_the_bmp() -> None:
    table = _classes()
    assert [int(c) for c in table] == [_char_class(chr(c)) for c in range(0x10000)]
