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
The markdown is decoded simply (images, link targets and markup dropped); the corpus is
CC BY-NC-SA: it is read here, never shipped.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import io
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

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


def whole_share(
    texts: list[str],
    spans: list[list[tuple[int, int]]],
    rx: re.Pattern[str],
    misses: list[str] | None = None,
) -> tuple[int, int]:
    """Count alias occurrences and those one token covers; collect misses in context."""
    kept = total = 0
    for text, sp in zip(texts, spans, strict=True):
        ends = [e for _, e in sp]
        for m in rx.finditer(text):
            total += 1
            i = bisect.bisect_right(ends, m.start())
            if i < len(sp) and sp[i][0] <= m.start() and m.end() <= sp[i][1]:
                kept += 1
            elif misses is not None:
                misses.append(f"{m.group()} in …{text[max(0, m.start() - 6) : m.end() + 6]}…")
    return kept, total


def timed(fn: Callable[[str], list[tuple[int, int]]], texts: list[str]) -> tuple[float, list[list[tuple[int, int]]]]:
    out = []
    t0 = time.perf_counter()
    for t in texts:
        out.append(fn(t))
    return time.perf_counter() - t0, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = ap.parse_args(argv)

    import jieba

    from newsnlp.text.lexicon import Lexicon
    from newsnlp.text.tokenizer import Tokenizer

    texts = load_xda(args.corpus, args.limit)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"corpus: {len(texts)} articles, {mb:.1f} MB of text ({args.corpus.name})", file=sys.stderr)

    t0 = time.perf_counter()
    lex = Lexicon.default()
    lex_load = time.perf_counter() - t0
    forms = {s for s, _ in lex.surface_forms() if len(s) >= 2}
    rx = mention_regex(forms)

    rows: list[tuple[str, float, float, tuple[int, int]]] = []

    t0 = time.perf_counter()
    jieba.dt.check_initialized()  # the default dictionary, read-only
    load = time.perf_counter() - t0
    secs, sp = timed(lambda t: spans_of(jieba.lcut(t)), texts)
    rows.append(("`jieba.lcut` (default dictionary)", load, secs, whole_share(texts, sp, rx)))

    t0 = time.perf_counter()
    user = jieba.Tokenizer()
    user.initialize()
    user.load_userdict(io.StringIO("\n".join(f"{f} 2000000" for f in sorted(forms) if "\n" not in f)))
    load = time.perf_counter() - t0 + lex_load
    secs, sp = timed(lambda t: spans_of(user.lcut(t)), texts)
    rows.append(("jieba + our lexicon via `load_userdict` (own instance)", load, secs, whole_share(texts, sp, rx)))

    backend_spans: dict[str, list[list[tuple[int, int]]]] = {}
    misses: list[str] = []
    for backend in ("rjieba", "jieba"):
        t0 = time.perf_counter()
        tok = Tokenizer(lex, backend=backend)  # type: ignore[arg-type]
        tok.tokenize("预热")
        load = time.perf_counter() - t0 + lex_load
        docs = []
        t1 = time.perf_counter()
        for t in texts:
            docs.append(tok.tokenize(t))
        secs = time.perf_counter() - t1
        sp = [[(k.start, k.end) for k in d.tokens] for d in docs]
        # tokens the backend produced: not entities, Latin runs or whitespace
        backend_spans[backend] = [
            [(k.start, k.end) for k in d.tokens if k.entry is None and k.pos not in ("eng", "m") and not k.is_space]
            for d in docs
        ]
        share = whole_share(texts, sp, rx, misses if backend == "rjieba" else None)
        rows.append((f"newsnlp `Tokenizer` ({backend}), full Doc", load, secs, share))
        del docs

    base = rows[0][2]
    print()
    print("| tokenizer | load (s) | MB/s | × jieba.lcut | lexicon mentions kept whole |")
    print("|---|---:|---:|---:|---:|")
    for name, load, secs, (kept, total) in rows:
        print(
            f"| {name} | {load:.2f} | {mb / secs:.2f} | {base / secs:.1f}× | "
            f"{100 * kept / max(total, 1):.2f}% ({kept:,}/{total:,}) |"
        )
    a, b = backend_spans["rjieba"], backend_spans["jieba"]
    same = sum(len(set(x) & set(y)) for x, y in zip(a, b, strict=True))
    union = sum(len(set(x) | set(y)) for x, y in zip(a, b, strict=True))
    docs_same = sum(x == y for x, y in zip(a, b, strict=True))
    print()
    print(
        f"Backend agreement on Chinese spans: {100 * same / max(union, 1):.3f}% of token spans "
        f"({same:,}/{union:,}); {docs_same}/{len(a)} articles identical."
    )
    print(f"Shipped lexicon: {len(lex)} entries, {len(forms)} surface forms; load {lex_load:.2f}s.")
    counts: dict[str, int] = {}
    for miss in misses:
        counts[miss] = counts.get(miss, 0) + 1
    print(f"Alias occurrences newsnlp (rjieba) does not keep whole: {len(misses)}; all distinct ones:")
    for miss, n in sorted(counts.items(), key=lambda kv: -kv[1])[:40]:
        print(f"- {miss} ×{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
