"""Entity extraction accuracy and speed: newsnlp beside the jieba.posseg baseline.

One run prints markdown tables:

1. precision / recall / F1 per type, exact span match, on
   - CLUENER 2020 ``train.json``, the held-out rows only (every 5th row, ``i % 5 == 0``;
     the rules were developed on the other rows and never looked at these),
   - ``ecommerce_ner`` dev (brand ``HP``, product ``HC``),
   - ``peoples_daily_ner`` dev (PER / ORG / LOC);
2. speed on the rsshub corpus (articles and mentions per second, median of 3 runs).

Baseline: what users do today — a fresh ``jieba.posseg.POSTokenizer(jieba.Tokenizer())``
with its tags read as entities: ``nr*`` person, ``nt`` organisation/company, ``ns``
location, ``nz`` brand/product.

Type mapping for newsnlp: person -> name/PER; company and brand -> company; organization ->
organization/government; company+brand+organization -> the pooled organisation row and ORG;
location -> LOC; product -> product.

Usage::

    python benchmarks/entities_eval.py [--shared ../shared] [--limit N]
"""

from __future__ import annotations

import argparse
import glob
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import jieba
import jieba.posseg

from newsnlp import errors as newsnlp_errors
from newsnlp import parse_article
from newsnlp.analysis.entities import EntityExtractor
from newsnlp.text.tokenizer import Tokenizer

Span = tuple[str, int, int]  # (type, start, end)

# ----------------------------------------------------------------------- data


def cluener(path: Path, limit: int | None) -> list[tuple[str, set[Span]]]:
    """Held-out CLUENER rows (every 5th) with gold spans, end exclusive."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i % 5:
                continue
            row = json.loads(line)
            gold: set[Span] = set()
            for typ, mentions in row["label"].items():
                for spans in mentions.values():
                    for a, b in spans:
                        gold.add((typ, a, b + 1))
            out.append((row["text"], gold))
    return out[:limit] if limit else out


def char_tagged(path: Path, scheme: str, limit: int | None) -> list[tuple[str, set[Span]]]:
    """Read a character-per-line BIO/BIEOS file into (text, gold spans)."""
    out: list[tuple[str, set[Span]]] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if not chars:
            return
        gold: set[Span] = set()
        start, typ = -1, ""
        for k, tag in enumerate([*tags, "O"]):
            head, _, t = tag.partition("-")
            begins = head in ("B", "S") or head == "O" or (head in ("I", "M", "E") and t != typ)
            if start >= 0 and begins:
                gold.add((typ, start, k))
                start = -1
            if head in ("B", "S") or (head in ("I", "M", "E") and start < 0):
                start, typ = k, t
            if scheme == "bieos" and head in ("E", "S") and start >= 0:
                gold.add((typ, start, k + 1))
                start = -1
        out.append(("".join(chars), gold))
        chars.clear()
        tags.clear()

    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split()
            if not parts:
                flush()
                continue
            if len(parts) == 1:  # a space character
                chars.append(" ")
                tags.append(parts[0])
            else:
                chars.append(parts[0])
                tags.append(parts[-1])
    flush()
    return out[:limit] if limit else out


# ------------------------------------------------------------------- systems


class NewsNLP:
    def __init__(self) -> None:
        self.tok = Tokenizer()
        self.ex = EntityExtractor(tokenizer=self.tok)

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        doc = self.tok.tokenize(text)
        return [(m.type, m.start, m.end) for m in self.ex.doc_mentions(doc)]


class JiebaBaseline:
    def __init__(self) -> None:
        self.pos = jieba.posseg.POSTokenizer(jieba.Tokenizer())

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        out = []
        at = 0
        for pair in self.pos.cut(text):
            word, flag = pair.word, pair.flag
            end = at + len(word)
            if flag.startswith("nr"):
                out.append(("person", at, end))
            elif flag == "nt":
                out.append(("organization", at, end))
            elif flag == "ns":
                out.append(("location", at, end))
            elif flag == "nz":
                out.append(("nz", at, end))
            at = end
        return out


# What each system's types count as for each gold type.
OURS: dict[str, set[str]] = {
    "person": {"person"},
    "company": {"company", "brand"},
    "organization": {"organization"},
    "org (company+organization+government)": {"company", "brand", "organization"},
    "location": {"location"},
    "brand": {"company", "brand"},
    "product": {"product"},
}
BASE: dict[str, set[str]] = {
    "person": {"person"},
    "company": {"organization"},
    "organization": {"organization"},
    "org (company+organization+government)": {"organization"},
    "location": {"location"},
    "brand": {"nz"},
    "product": {"nz"},
}


def evaluate(
    rows: list[tuple[str, set[Span]]],
    systems: dict[str, Callable[[str], list[tuple[str, int, int]]]],
    gold_map: dict[str, set[str]],
) -> tuple[dict[str, dict[str, tuple[float, float, float, int]]], dict[str, list[tuple[str, str]]]]:
    """Return {system: {type: (P, R, F1, n_gold)}} and newsnlp's misses per type."""
    scores: dict[str, dict[str, tuple[float, float, float, int]]] = {}
    misses: dict[str, list[tuple[str, str]]] = {t: [] for t in gold_map}
    for name, fn in systems.items():
        tp: Counter[str] = Counter()
        n_pred: Counter[str] = Counter()
        n_gold: Counter[str] = Counter()
        mapping = OURS if name == "newsnlp" else BASE
        for text, gold in rows:
            pred = fn(text)
            for etype, gold_types in gold_map.items():
                g = {(a, b) for t, a, b in gold if t in gold_types}
                p = {(a, b) for t, a, b in pred if t in mapping[etype]}
                tp[etype] += len(g & p)
                n_pred[etype] += len(p)
                n_gold[etype] += len(g)
                if name == "newsnlp":
                    misses[etype].extend((text[a:b], text) for a, b in g - p)
        scores[name] = {}
        for etype in gold_map:
            prec = tp[etype] / n_pred[etype] if n_pred[etype] else 0.0
            rec = tp[etype] / n_gold[etype] if n_gold[etype] else 0.0
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            scores[name][etype] = (prec, rec, f1, n_gold[etype])
    return scores, misses


def print_table(title: str, scores: dict[str, dict[str, tuple[float, float, float, int]]]) -> None:
    print(f"\n### {title}\n")
    print("| type | gold | jieba P | jieba R | jieba F1 | newsnlp P | newsnlp R | newsnlp F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for etype, (p, r, f, n) in scores["newsnlp"].items():
        bp, br, bf, _ = scores["jieba.posseg"][etype]
        print(
            f"| {etype} | {n} | {bp:.3f} | {br:.3f} | {bf:.3f} | {p:.3f} | {r:.3f} | **{f:.3f}** |"
        )


def print_misses(misses: dict[str, list[tuple[str, str]]], k: int = 8) -> None:
    for etype, items in misses.items():
        common = Counter(m for m, _ in items).most_common(k)
        print(
            f"- {etype}: {len(items)} missed; most frequent: "
            + ", ".join(f"{m} ({c})" for m, c in common)
        )


# --------------------------------------------------------------------- speed


def speed(corpus: Path, runs: int = 3) -> None:
    articles = []
    for path in sorted(glob.glob(str(corpus / "**" / "*.md"), recursive=True)):
        try:
            articles.append(parse_article(Path(path).read_text(encoding="utf-8")))
        except newsnlp_errors.NewsNLPError:  # a stub the parser rejects
            continue
    n_chars = sum(len(a.title) + len(a.text) for a in articles)

    def run_newsnlp() -> int:
        ex = EntityExtractor(tokenizer=tok)
        return len(ex.extract(articles).mentions)

    def run_baseline() -> int:
        n = 0
        for a in articles:
            n += len(base.spans(a.title)) + len(base.spans(a.text))
        return n

    def run_extract_only() -> int:
        return len(extractor.extract_docs(docs).mentions)

    tok = Tokenizer()
    tok.tokenize("预热")
    base = JiebaBaseline()
    base.spans("预热")
    extractor = EntityExtractor(tokenizer=tok)
    docs = [tok.tokenize_article(a) for a in articles]  # untimed: the third row excludes it
    systems = (
        ("jieba.posseg", run_baseline),
        ("newsnlp", run_newsnlp),
        ("newsnlp extraction only (pre-tokenized)", run_extract_only),
    )
    times: dict[str, list[float]] = {name: [] for name, _ in systems}
    counts: dict[str, int] = {}
    for _ in range(runs):  # interleaved, so machine noise hits every row alike
        for name, fn in systems:
            t0 = time.perf_counter()
            counts[name] = fn()
            times[name].append(time.perf_counter() - t0)
    rows = []
    for name, _ in systems:
        med = statistics.median(times[name])
        n = counts[name]
        rows.append((name, med, len(articles) / med, n / med, n_chars / med / 1000))
    print(
        f"\n### Speed on the rsshub corpus ({len(articles)} articles, {n_chars:,} characters; median of {runs} runs)\n"
    )
    print("| system | seconds | articles/s | entity mentions/s | k chars/s |")
    print("|---|---:|---:|---:|---:|")
    for name, med, aps, mps, cps in rows:
        print(f"| {name} | {med:.2f} | {aps:.0f} | {mps:.0f} | {cps:.0f} |")
    print(
        "\n(newsnlp includes tokenization with the lexicon; 'extraction only' runs "
        "EntityExtractor.extract_docs on articles tokenized beforehand; the baseline's "
        "'mentions' are every nr/nt/ns/nz token.)"
    )


# ---------------------------------------------------------------------- main


def main(argv: Iterable[str] | None = None) -> int:
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=here.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="rows per dataset (for a quick look)")
    ap.add_argument("--misses", type=int, default=8, help="frequent misses listed per type")
    args = ap.parse_args(list(argv) if argv is not None else None)
    ds = args.shared / "datasets"

    ours = NewsNLP()
    base = JiebaBaseline()
    systems = {"jieba.posseg": base.spans, "newsnlp": ours.spans}

    print("## Entity extraction: newsnlp vs jieba.posseg (exact span match)")
    rows = cluener(ds / "cluener2020" / "train.json", args.limit)
    gold_map = {
        "person": {"name"},
        "company": {"company"},
        "organization": {"organization", "government"},
        "org (company+organization+government)": {"company", "organization", "government"},
    }
    scores, misses = evaluate(rows, systems, gold_map)
    print_table(f"CLUENER 2020, held-out rows (i % 5 == 0, n={len(rows)})", scores)
    print("\nWhere newsnlp misses on CLUENER:")
    print_misses(misses, args.misses)

    rows = char_tagged(ds / "ecommerce_ner" / "dev.txt.bieos", "bieos", args.limit)
    scores, misses = evaluate(rows, systems, {"brand": {"HP"}, "product": {"HC"}})
    print_table(f"ecommerce_ner dev (n={len(rows)})", scores)
    print_misses(misses, args.misses)

    rows = char_tagged(ds / "peoples_daily_ner" / "dev.txt", "bio", args.limit)
    gold_map = {
        "person": {"PER"},
        "org (company+organization+government)": {"ORG"},
        "location": {"LOC"},
    }
    scores, misses = evaluate(rows, systems, gold_map)
    print_table(f"People's Daily NER dev (n={len(rows)})", scores)
    print_misses(misses, args.misses)

    speed(args.shared / "corpus" / "rsshub")
    return 0


if __name__ == "__main__":
    sys.exit(main())
