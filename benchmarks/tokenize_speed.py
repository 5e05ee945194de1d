"""Tokenizer speed and name integrity on the XDA corpus: jieba beside newsnlp, one run.

Usage::

    python benchmarks/tokenize_speed.py [--corpus ../shared/corpus/xda-zh.jsonl.gz] [--limit N]

Prints a markdown table with, for each tokenizer: MB/s (UTF-8 megabytes of article text per
second, tokenization only), lexicon load time, and the share of lexicon mentions kept whole
(mentions found by exact alias search in the text, Latin aliases only at word boundaries; a
mention is kept whole when one token covers it). Rows:

- ``jieba.lcut`` with jieba's default dictionary (the global tokenizer, used read-only);
- jieba with our lexicon loaded the only way jieba allows: a fresh ``jieba.Tokenizer()`` and
  ``load_userdict`` of every alias (on that instance, never the global one);
- newsnlp's Tokenizer with the shipped lexicon, rjieba and jieba backends (a full ``Doc``:
  tokens with offsets, POS, stopword flags, entries and sentences).

It also reports how often the two newsnlp backends agree (same token spans on the Chinese
spans they segment: every token that is not a pre-pass entity, Latin run or whitespace).
Garbage collection: before each tokenizer's timed chunk the benchmark runs ``gc.collect()``
(untimed), so a row does not pay for collecting the previous row's output or the
benchmark's own bookkeeping (span tuples, agreement sets). The collections a row's own
allocations trigger while it runs stay inside its time: newsnlp builds one ``Token`` object
per word (~215k per MB), jieba only strings, which the collector never visits. Pass
``--no-collect`` to time without it (the figures of newsnlp then depend on how much
garbage the other rows left behind).

The markdown is decoded simply (images, link targets and markup dropped); the corpus is
CC BY-NC-SA: it is read here, never shipped.
"""

from __future__ import annotations

import argparse
import bisect
import gc
import gzip
import io
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "xda-zh.jsonl.gz"

_IMG = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"<https?://[^>]*>|https?://\S+")
_MARKUP = re.compile(r"^\s{0,3}(?:#{1,6}\s*|>\s*|[-*+]\s+|\d+\.\s+)|\*\*|__|`+|^\s*\*\s*$", re.M)


def markdown_text(markdown: str) -> str:
    """Return the readable text of a markdown article (simple, no parser)."""
    text = _IMG.sub("", markdown)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub("", text)
    text = _MARKUP.sub("", text)
    lines = [ln.strip() for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln and not ln.startswith("原文："))


def load_xda(path: Path, limit: int | None) -> list[str]:
    texts: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts.append(markdown_text(rec.get("markdown") or ""))
            if limit is not None and len(texts) >= limit:
                break
    return texts


def spans_of(words: Iterable[str]) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for w in words:
        out.append((pos, pos + len(w)))
        pos += len(w)
    return out


def mention_regex(forms: Iterable[str]) -> re.Pattern[str]:
    """Exact (case-sensitive) alias search, Latin aliases only at word boundaries."""
    from newsnlp.text.tokenizer import _trie_regex

    edge = r"(?:(?<![A-Za-z0-9])|(?![A-Za-z0-9]))"
    body = _trie_regex(sorted(forms)).replace(r"[ \u00a0]?", " ")
    return re.compile(edge + "(?:" + body + ")" + edge)


def find_mentions(texts: list[str], rx: re.Pattern[str]) -> list[list[tuple[int, int]]]:
    """Alias occurrences of each text (found once, shared by every row)."""
    return [[m.span() for m in rx.finditer(t)] for t in texts]


def whole_share(
    texts: list[str],
    spans: list[list[tuple[int, int]]],
    mentions: list[list[tuple[int, int]]],
    misses: list[str] | None = None,
) -> tuple[int, int]:
    """Count alias occurrences one token covers; collect the others in context."""
    kept = total = 0
    for text, sp, found in zip(texts, spans, mentions, strict=True):
        ends = [e for _, e in sp]
        for start, end in found:
            total += 1
            i = bisect.bisect_right(ends, start)
            if i < len(sp) and sp[i][0] <= start and end <= sp[i][1]:
                kept += 1
            elif misses is not None:
                misses.append(f"{text[start:end]} in …{text[max(0, start - 6) : end + 6]}…")
    return kept, total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--chunk", type=int, default=25, help="articles per interleaved timing round")
    ap.add_argument(
        "--no-collect",
        action="store_true",
        help="do not run gc.collect() (untimed) before each tokenizer's timed chunk",
    )
    args = ap.parse_args(argv)

    import jieba

    from newsnlp.text.lexicon import Lexicon
    from newsnlp.text.tokenizer import Tokenizer

    texts = load_xda(args.corpus, args.limit)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(
        f"corpus: {len(texts)} articles, {mb:.1f} MB of text ({args.corpus.name})", file=sys.stderr
    )

    t0 = time.perf_counter()
    lex = Lexicon.default()
    lex_load = time.perf_counter() - t0
    forms = {s for s, _ in lex.surface_forms() if len(s) >= 2}
    rx = mention_regex(forms)

    # load every tokenizer first (load time is reported separately)
    loads: dict[str, float] = {}
    t0 = time.perf_counter()
    jieba.dt.check_initialized()  # the default dictionary, read-only
    loads["jieba"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    user = jieba.Tokenizer()
    user.initialize()
    user.load_userdict(io.StringIO("\n".join(f"{f} 20000" for f in sorted(forms) if "\n" not in f)))
    loads["user"] = time.perf_counter() - t0 + lex_load
    toks = {}
    for backend in ("rjieba", "jieba"):
        t0 = time.perf_counter()
        toks[backend] = Tokenizer(lex, backend=backend)  # type: ignore[arg-type]
        toks[backend].tokenize("预热")
        loads[f"newsnlp-{backend}"] = time.perf_counter() - t0 + lex_load

    def newsnlp_spans(doc: Any) -> list[tuple[int, int]]:
        return [(k.start, k.end) for k in doc.tokens]

    # (label, key, tokenize one text, turn its output into token spans): only the
    # tokenize call is timed
    rows: list[tuple[str, str, Callable[[str], Any], Callable[[Any], list[tuple[int, int]]]]] = [
        ("`jieba.lcut` (default dictionary)", "jieba", jieba.lcut, spans_of),
        ("jieba + our lexicon via `load_userdict` (own instance)", "user", user.lcut, spans_of),
        (
            "newsnlp `Tokenizer` (rjieba), full Doc",
            "newsnlp-rjieba",
            toks["rjieba"].tokenize,
            newsnlp_spans,
        ),
        (
            "newsnlp `Tokenizer` (jieba), full Doc",
            "newsnlp-jieba",
            toks["jieba"].tokenize,
            newsnlp_spans,
        ),
    ]
    secs = {key: 0.0 for _, key, _, _ in rows}
    kept = {key: 0 for _, key, _, _ in rows}
    total = 0
    same = union = docs_same = 0
    misses: list[str] = []
    # interleave the tokenizers chunk by chunk so a noisy machine slows all of them alike
    for i in range(0, len(texts), args.chunk):
        chunk = texts[i : i + args.chunk]
        mentions = find_mentions(chunk, rx)
        total += sum(len(m) for m in mentions)
        outputs: dict[str, list[Any]] = {}
        for _, key, fn, to_spans in rows:
            if not args.no_collect:
                gc.collect()  # untimed: the garbage of the previous row is not this row's cost
            t0 = time.perf_counter()
            out = [fn(t) for t in chunk]
            secs[key] += time.perf_counter() - t0
            outputs[key] = out
            spans = [to_spans(o) for o in out]
            k, _ = whole_share(chunk, spans, mentions, misses if key == "newsnlp-rjieba" else None)
            kept[key] += k
        for da, db in zip(outputs["newsnlp-rjieba"], outputs["newsnlp-jieba"], strict=True):
            # tokens the backend produced: not entities, Latin runs or whitespace
            a = {
                (k.start, k.end)
                for k in da.tokens
                if k.entry is None and k.pos not in ("eng", "m") and not k.is_space
            }
            b = {
                (k.start, k.end)
                for k in db.tokens
                if k.entry is None and k.pos not in ("eng", "m") and not k.is_space
            }
            same += len(a & b)
            union += len(a | b)
            docs_same += a == b

    base = secs["jieba"]
    print()
    print("| tokenizer | load (s) | MB/s | × jieba.lcut | lexicon mentions kept whole |")
    print("|---|---:|---:|---:|---:|")
    for name, key, _, _ in rows:
        print(
            f"| {name} | {loads[key]:.2f} | {mb / secs[key]:.2f} | {base / secs[key]:.1f}× | "
            f"{100 * kept[key] / max(total, 1):.2f}% ({kept[key]:,}/{total:,}) |"
        )
    print()
    print(
        f"Backend agreement on Chinese spans: {100 * same / max(union, 1):.3f}% of token spans "
        f"({same:,}/{union:,}); {docs_same}/{len(texts)} articles identical."
    )
    print(f"gc.collect() before each timed chunk: {not args.no_collect}.")
    print(f"Shipped lexicon: {len(lex)} entries, {len(forms)} surface forms; load {lex_load:.2f}s.")
    counts: dict[str, int] = {}
    for miss in misses:
        counts[miss] = counts.get(miss, 0) + 1
    print(f"Alias occurrences newsnlp (rjieba) does not keep whole: {len(misses)}; most frequent:")
    for miss, n in sorted(counts.items(), key=lambda kv: -kv[1])[:40]:
        print(f"- {miss} ×{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
