"""Audit fact extraction against the hand-made gold set (``tests/gold``, rules in docs/facts.md).

For each article of a split, the extractor runs on the article's text exactly as
``reconcile facts`` would read it, and each gold fact is paired with the extracted fact
whose span overlaps its value most (one to one). Then, per language and split:

- recall: gold facts paired / gold facts;
- precision: extracted facts paired / extracted facts;
- subject right, speaker right, kind right: among the pairs.

A subject is right when it names what the gold subject (or one of its ``subject_alt``)
names: one contains the other as whole words (Chinese: characters), the extracted one at
most 3 words (4 characters) longer, or at least half as long when it is the shorter. A
speaker is right when both are none, or the extracted speaker contains the gold name or
one of its ``speaker_alt``.

    python -m bench.fact_audit                 # every split, figures only
    python -m bench.fact_audit --split dev --errors   # what went wrong, dev split only

``dev`` and ``dev2`` are tuned on. ``dev2`` was the first test split: its overall figures
were printed so often while tuning that it no longer measured anything unseen, so it
became tuning data. The test splits are held out: ``test2`` drawn after tuning had begun,
``test3`` drawn later still, both annotated without looking at the extractor;
``held-out`` adds them up. ``--errors`` refuses them unless ``--show-test-errors`` is
given, so that nobody tunes on them by accident.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bench.gold import GOLD, article, locate, problems
from reconcile.document import from_text
from reconcile.facts import extract_facts
from reconcile.models import Fact

_DET = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
        "our",
        "my",
        "your",
    ]
)
_WORD = re.compile(r"[a-z0-9]+(?:['’.-][a-z0-9]+)*")
_ZH_DROP = re.compile(r"[\s\W_]+")


def _en_tokens(s: str) -> list[str]:
    toks = [t.removesuffix("'s").removesuffix("’s") for t in _WORD.findall(s.lower())]
    return [t for t in toks if t not in _DET]


def _contains(big: Sequence[str], small: Sequence[str]) -> bool:
    n = len(small)
    return n > 0 and any(list(big[i : i + n]) == list(small) for i in range(len(big) - n + 1))


def subject_right(pred: str | None, gold: Iterable[str], lang: str) -> bool:
    if not pred:
        return False
    for g in gold:
        if lang == "zh":
            # Width is not wording: the extractor reads ＣＰＩ as CPI (NFKC), the gold
            # keeps the page's full-width letters.
            p = _ZH_DROP.sub("", unicodedata.normalize("NFKC", pred))
            q = _ZH_DROP.sub("", unicodedata.normalize("NFKC", g))
            if q and q in p and len(p) <= len(q) + 4:
                return True
            if p and p in q and len(p) >= max(2, math.ceil(len(q) / 2)):
                return True
        else:
            pt, gt = _en_tokens(pred), _en_tokens(g)
            if _contains(pt, gt) and len(pt) <= len(gt) + 3:
                return True
            if _contains(gt, pt) and len(pt) >= math.ceil(len(gt) / 2):
                return True
    return False


def speaker_right(pred: str | None, gold: str | None, alt: Iterable[str]) -> bool:
    if gold is None:
        return pred is None
    if pred is None:
        return False
    p = pred.lower()
    return any(name.lower() in p for name in (gold, *alt) if name)


_COUNTS = ("gold", "found", "paired", "subject", "speaker", "kind", "articles")


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    paired: int = 0
    subject: int = 0
    speaker: int = 0
    kind: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        def r(k: int, n: int) -> str:
            return f"{k / n:5.3f}" if n else "  -  "

        return (
            f"{name:<12} {self.articles:>3} {self.gold:>5} {self.found:>5}  "
            f"{r(self.paired, self.gold)}  {r(self.paired, self.found)}  "
            f"{r(self.subject, self.paired)}  {r(self.speaker, self.paired)}  "
            f"{r(self.kind, self.paired)}"
        )


def _pair(gold_spans: list[tuple[int, int]], found: Sequence[Fact]) -> dict[int, int]:
    """Gold index -> found index, one to one, largest overlap first."""
    cands = []
    for gi, (gs, ge) in enumerate(gold_spans):
        for fi, f in enumerate(found):
            ov = min(ge, f.end) - max(gs, f.start)
            if ov > 0:
                cands.append((-ov, gi, fi))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, fi in sorted(cands):
        if gi not in out and fi not in used:
            out[gi] = fi
            used.add(fi)
    return out


def audit_article(entry: dict[str, object], tally: Tally, errors: bool) -> None:
    ref, lang = str(entry["ref"]), str(entry["lang"])
    text = article(ref)
    found = extract_facts(from_text(text))
    gold: list[dict[str, object]] = entry["facts"]  # type: ignore[assignment]
    spans = [locate(text, g) for g in gold]
    pairs = _pair(spans, found)
    tally.articles += 1
    tally.gold += len(gold)
    tally.found += len(found)
    tally.paired += len(pairs)
    for gi, g in enumerate(gold):
        if gi not in pairs:
            if errors:
                tally.errors.append(
                    f"{ref}  MISSED   {g['value']!r} ({g['kind']}) in {g['context']!r}"
                )
            continue
        f = found[pairs[gi]]
        subjects = [str(g["subject"]), *map(str, g.get("subject_alt", ()))]  # type: ignore[call-overload]
        sub_ok = subject_right(f.subject, subjects, lang)
        spk = g["speaker"]
        spk_ok = speaker_right(
            f.speaker, None if spk is None else str(spk), g.get("speaker_alt", ())
        )  # type: ignore[arg-type]
        tally.subject += sub_ok
        tally.speaker += spk_ok
        tally.kind += f.kind == g["kind"]
        if errors and not sub_ok:
            tally.errors.append(f"{ref}  SUBJECT  {f.text!r}: {f.subject!r}, gold {subjects}")
        if errors and not spk_ok:
            tally.errors.append(f"{ref}  SPEAKER  {f.text!r}: {f.speaker!r}, gold {spk!r}")
        if errors and f.kind != g["kind"]:
            tally.errors.append(f"{ref}  KIND     {f.text!r}: {f.kind}, gold {g['kind']}")
    if errors:
        for fi in sorted(set(range(len(found))) - set(pairs.values())):
            f = found[fi]
            ctx = text[max(0, f.start - 25) : f.end + 25].replace("\n", " ")
            tally.errors.append(f"{ref}  EXTRA    {f.text!r} ({f.kind}) in {ctx!r}")


# Tuned on, then held out; the held-out splits are never read by --errors by default.
SPLITS = ("dev", "dev2", "dev3", "dev4", "test2", "test3")
HELD_OUT = ("test2", "test3")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    # The default reads only the tuning splits, so that tuning never prints held-out
    # figures by accident; the held-out ones are asked for by name, once, at the end.
    ap.add_argument("--split", choices=(*SPLITS, "tuning", "held-out", "all"), default="tuning")
    ap.add_argument("--errors", action="store_true", help="list misses, extras, wrong subjects")
    ap.add_argument(
        "--show-test-errors", action="store_true", help="allow --errors on the test split"
    )
    ap.add_argument("--json", action="store_true", help="figures as JSON")
    args = ap.parse_args(argv)
    groups = {
        "all": SPLITS,
        "tuning": tuple(s for s in SPLITS if s not in HELD_OUT),
        "held-out": HELD_OUT,
    }
    splits = groups.get(args.split, (args.split,))
    if args.errors and set(splits) & set(HELD_OUT) and not args.show_test_errors:
        print(
            "Error: --errors on the held-out test split needs --show-test-errors", file=sys.stderr
        )
        return 2
    tallies: dict[tuple[str, str], Tally] = {}
    t0 = time.perf_counter()
    for split in splits:
        path = GOLD / f"facts-{split}.jsonl"
        with open(path, encoding="utf-8") as fh:
            entries = [json.loads(line) for line in fh if line.strip()]
        for entry in entries:
            bad = problems(entry)
            if bad:
                print("Error: " + "; ".join(bad), file=sys.stderr)
                return 2
            tally = tallies.setdefault((entry["lang"], split), Tally())
            audit_article(entry, tally, args.errors)
    elapsed = time.perf_counter() - t0
    for lang in ("en", "zh"):
        held = [t for (lg, sp), t in tallies.items() if lg == lang and sp in HELD_OUT]
        if len(held) == len(HELD_OUT):
            # Both held-out batches together: the figures the targets are judged on.
            tallies[(lang, "held-out")] = Tally(
                *(sum(getattr(t, f) for t in held) for f in _COUNTS)  # type: ignore[arg-type]
            )
    if args.json:
        out = {
            f"{lang}/{split}": {
                "articles": t.articles,
                "gold": t.gold,
                "found": t.found,
                "recall": t.paired / t.gold if t.gold else None,
                "precision": t.paired / t.found if t.found else None,
                "subject": t.subject / t.paired if t.paired else None,
                "speaker": t.speaker / t.paired if t.paired else None,
                "kind": t.kind / t.paired if t.paired else None,
            }
            for (lang, split), t in sorted(tallies.items())
        }
        print(json.dumps(out, indent=2))
        return 0
    print("Fact extraction against the hand-made gold set (docs/facts.md)")
    print(
        "targets on the test split: recall >= 0.85, precision >= 0.90, subject >= 0.75, speaker >= 0.85\n"
    )
    print(
        f"{'lang/split':<10} {'art':>3} {'gold':>5} {'found':>5}  recall  prec.  subj.  spkr.  kind"
    )
    for (lang, split), t in sorted(tallies.items()):
        print(t.line(f"{lang}/{split}"))
    print(f"\n({elapsed:.2f} s)")
    for t in tallies.values():
        for e in t.errors:
            print(e)
    return 0


if __name__ == "__main__":
    sys.exit(main())
