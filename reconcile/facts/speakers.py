"""Who states each sentence: speech verbs, quotations and their attribution."""

from __future__ import annotations

import re

from ..models import Document
from ._base import _CJK, _is_zh
from ._vocab import _Vocab, _vocab

# --- speakers ------------------------------------------------------------------------------

_ZH_LOCATIVE = re.compile(
    r"在[^，,。;；“”\"]{1,30}$|(?:也|还|则|进一步|同时|对此|曾|并|再次|近日|今天|日前)+$"
)
_ZH_RUN = re.compile(rf"[{_CJK}、]+$")


def _zh_speaker(text: str, v: _Vocab) -> str | None:
    for m in v.zh_speech.finditer(text):
        pre = text[max(0, m.start() - 40) : m.start()]
        pre = _ZH_LOCATIVE.sub("", pre)
        pre = _ZH_LOCATIVE.sub("", pre)
        run = _ZH_RUN.search(pre)
        if not run:
            continue
        words = run.group(0).strip("、")
        if not words or words in v.zh_non_names or words[-1] in "据":
            continue
        titles = list(v.zh_titles.finditer(words))
        if titles:
            name = words[titles[-1].end() :]
            if 2 <= len(name) <= 4:
                return name
            if not name:
                return words[-12:]
            continue
        if 2 <= len(words) <= 4 and not any(words.startswith(n) for n in v.zh_non_names):
            return words
    return None


_QUOTED = re.compile(r"\"[^\"]*\"?|“[^”]*”?")
_EN_PERSON = re.compile(r"\b(?:(?:Mr|Mrs|Ms|Dr)\.?\s)?[A-Z][a-z]+\s[A-Z][a-z'-]+(?=,?\s[a-z])")
_PRONOUN = "\x00"  # marks "he said": the speaker is the person last named


def _en_person(text: str) -> str | None:
    """The last person named outside quotations (for a following "he said")."""
    found = _EN_PERSON.findall(_QUOTED.sub(" ", text))
    return str(found[-1]) if found else None


def _en_speaker(text: str, v: _Vocab) -> str | None:
    for m in v.en_speech.finditer(text):
        if m.group("pron"):
            return _PRONOUN
        name = m.group("n1") or m.group("n2") or m.group("n3")
        if not name:
            continue
        parts = name.split()
        while parts and parts[0].lower() in v.en_non_names - {"mr", "mrs", "ms", "dr"}:
            parts = parts[1:]
        if parts and parts[0].lower() not in v.en_pronouns:
            return " ".join(parts)
    return None


def speakers(doc: Document) -> tuple[str | None, ...]:
    """The speaker of each segment of ``doc``, in segment order.

    A sentence names its speaker with a speech verb (``X表示``, ``"…," she said``); every
    sentence of the same quoted statement shares it, and it carries over to the following
    sentences until another speaker is named.

    Example:
        >>> from reconcile.document import from_text
        >>> speakers(from_text("Prices rose. Jane Smith said costs fell. They fell 3%."))
        (None, 'Jane Smith', 'Jane Smith')
    """
    v = _vocab()
    own: list[str | None] = []
    person: str | None = None
    for seg in doc.segments:
        if _is_zh(seg.text):
            own.append(_zh_speaker(seg.text, v))
            continue
        sp = _en_speaker(seg.text, v)
        if sp == _PRONOUN:
            sp = person
        own.append(sp)
        person = _en_person(seg.text) or sp or person
    by_utterance: dict[int, str] = {}
    for seg, sp in zip(doc.segments, own, strict=True):
        if sp is not None and seg.utterance is not None:
            by_utterance.setdefault(seg.utterance, sp)
    out: list[str | None] = []
    current: str | None = None
    for seg, sp in zip(doc.segments, own, strict=True):
        said = sp or (by_utterance.get(seg.utterance) if seg.utterance is not None else None)
        if said is not None:
            current = said
        out.append(current)
    return tuple(out)
