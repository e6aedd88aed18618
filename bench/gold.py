"""The hand-made fact gold set: its articles, read from ../shared/corpora by reference.

An article is named by where it lives, never copied into the repo:

- ``bbc:<id>``: a BBC article; the text is ``title``, a blank line, then ``text``;
- ``sohu:<docno>``: a Sohu page, decoded from GB18030; ``contenttitle``, blank line, ``content``;
- ``semeval:<train|test>:<pair_id>:<1|2>``: one side of a SemEval 2022 task 8 pair, as is.

``python -m bench.gold show REF`` prints the article exactly as the audit reads it, with
line numbers, for annotation. Annotating from this text, not from ``reconcile facts``,
keeps the gold set independent of what the extractor happens to find.
``python -m bench.gold check FILE`` says which annotations cannot be located in their article.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from functools import cache
from pathlib import Path

from bench._corpora import CORPORA

GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"


@cache
def _bbc() -> dict[str, str]:
    out = {}
    with open(CORPORA / "bbc-news-2225.jsonl", encoding="utf-8") as fh:
        for line in fh:
            a = json.loads(line)
            out[a["id"]] = f"{a['title']}\n\n{a['text']}"
    return out


@cache
def _sohu() -> dict[str, str]:
    raw = (CORPORA / "sogouca-mini.gb18030.dat").read_bytes().decode("gb18030")
    out = {}
    for doc in re.finditer(r"<doc>(.*?)</doc>", raw, re.S):
        body = doc.group(1)
        no = re.search(r"<docno>(.*?)</docno>", body)
        title = re.search(r"<contenttitle>(.*?)</contenttitle>", body, re.S)
        content = re.search(r"<content>(.*?)</content>", body, re.S)
        if no and content:
            out[no.group(1)] = f"{title.group(1) if title else ''}\n\n{content.group(1)}"
    return out


@cache
def _semeval(split: str) -> dict[str, tuple[str, str]]:
    csv.field_size_limit(1 << 30)
    with open(CORPORA / f"semeval2022-task8-sample-{split}.csv", encoding="utf-8") as fh:
        return {r["pair_id"]: (r["text1"], r["text2"]) for r in csv.DictReader(fh)}


def article(ref: str) -> str:
    """The text of the article ``ref`` names (KeyError if the corpus has no such article)."""
    where, _, rest = ref.partition(":")
    if where == "bbc":
        return _bbc()[rest]
    if where == "sohu":
        return _sohu()[rest]
    if where == "semeval":
        split, pair, side = rest.split(":")
        return _semeval(split)[pair][int(side) - 1]
    raise KeyError(ref)


def load(split: str) -> list[dict[str, object]]:
    """The annotated articles of one split (``dev``, ``test`` or ``test2``)."""
    with open(GOLD / f"facts-{split}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


KINDS = frozenset(
    [
        "date",
        "percent",
        "points",
        "amount",
        "count",
        "ordinal",
        "duration",
        "age",
        "decade",
        "score",
        "index",
        "magnitude",
    ]
)


def problems(entry: dict[str, object]) -> list[str]:
    """What is wrong with one annotated article: contexts that are not found once, bad kinds."""
    ref = str(entry["ref"])
    try:
        text = article(ref)
    except KeyError:
        return [f"{ref}: no such article"]
    out = []
    for i, fact in enumerate(entry["facts"]):  # type: ignore[attr-defined]
        where = f"{ref} fact {i} ({fact.get('value')!r})"
        for key in ("value", "context", "kind", "subject", "speaker"):
            if key not in fact:
                out.append(f"{where}: no {key}")
        value, context = str(fact.get("value", "")), str(fact.get("context", ""))
        if value not in context:
            out.append(f"{where}: value not inside its context")
        n = text.count(context)
        if n != 1:
            out.append(f"{where}: context found {n} times in the article (must be once)")
        if fact.get("kind") not in KINDS:
            out.append(f"{where}: unknown kind {fact.get('kind')!r}")
    return out


def locate(entry_text: str, fact: dict[str, object]) -> tuple[int, int]:
    """Offsets of a gold fact's value in the article text."""
    context, value = str(fact["context"]), str(fact["value"])
    at = entry_text.index(context) + context.index(value)
    return at, at + len(value)


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "check":
        with open(argv[1], encoding="utf-8") as fh:
            bad = [p for line in fh if line.strip() for p in problems(json.loads(line))]
        print("\n".join(bad) or "ok")
        return 1 if bad else 0
    if len(argv) == 2 and argv[0] == "show":
        for n, line in enumerate(article(argv[1]).split("\n"), 1):
            print(f"{n:3} {line}")
        return 0
    print("usage: python -m bench.gold show REF | check FILE.jsonl", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
