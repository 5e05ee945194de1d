"""Parsing speed and cleanliness: newsnlp beside BeautifulSoup and trafilatura, one run.

Corpus: every rsshub post (Hexo front matter + HTML body) and every xda-zh article
(Markdown field) in ``../shared/corpus``.

For each method the script times ``--repeats`` passes over the whole corpus (interleaved:
every method once per round, so machine load falls on all alike) and prints
the median articles/second, the ratio to ``BeautifulSoup(html, "lxml").get_text()``, and
how clean the output is: the share of articles whose text still holds markup, entities or
site boilerplate (the same markers the corpus test checks), and the share left empty.

Methods on the rsshub bodies (the HTML after the front matter):

- ``BeautifulSoup(html, "lxml").get_text()`` — the plain baseline;
- ``trafilatura.extract(html)`` — a main-content extractor;
- ``newsnlp clean_html`` — newsnlp's cleaner on the same body;
- ``newsnlp parse_article`` — the whole post: front matter, dates, source, cleaning.

On the xda Markdown: ``newsnlp parse_article`` (format detection + Markdown), and for
reference the same two baselines on the raw Markdown string.

The "whole corpus" rows put the two together, each method on its natural input: the
baselines on every rsshub HTML body and every xda Markdown string, newsnlp
``parse_article`` on every whole rsshub post and every xda row. A round's time for the
whole corpus is the sum of that method's two timings in the same round; the row reports
the median over rounds, like the others.

Usage::

    python benchmarks/parse_speed.py [--corpus ../shared/corpus] [--repeats 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("NEWSNLP_SHARED", REPO.parent / "shared")) / "corpus"

TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
DIRTY = re.compile(
    r"&nbsp;|&amp;|&#\d+;|\u00a0|data-original|img_box|cors\.zfour|"
    r"的线索投递|经授权发布|神译局是36氪|责任编辑[：:]|转载请(?:务必)?注明出处|THE END|^话题标签|文章纠错|"
    r"!\[|\]\(|^#{1,6} |原文：",
    re.MULTILINE,
)


def load(corpus: Path, xda_limit: int | None) -> tuple[list[str], list[str], list[dict[str, str]]]:
    from newsnlp.parse.frontmatter import split_front_matter

    posts = [p.read_text(encoding="utf-8") for p in sorted((corpus / "rsshub").rglob("*.md"))]
    bodies = [split_front_matter(p)[1] for p in posts]
    rows: list[dict[str, str]] = []
    with gzip.open(corpus / "xda-zh.jsonl.gz", "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if xda_limit is not None and i >= xda_limit:
                break
            rows.append(json.loads(line))
    return posts, bodies, rows


def run(
    fn: Callable[[object], str | None], items: Sequence[object], repeats: int
) -> tuple[float, list[str | None]]:
    times = []
    out: list[str | None] = []
    for _ in range(repeats):
        start = time.perf_counter()
        out = [fn(x) for x in items]
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def quality(outputs: Sequence[str | None]) -> tuple[float, float]:
    n = len(outputs) or 1
    empty = sum(1 for o in outputs if not o or not o.strip())
    dirty = sum(1 for o in outputs if o and (TAG.search(o) or DIRTY.search(o)))
    return 100.0 * dirty / n, 100.0 * empty / n


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--xda-limit", type=int, default=None, help="read only the first N xda articles"
    )
    args = parser.parse_args(argv)
    if not (args.corpus / "rsshub").is_dir():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 2

    import trafilatura
    from bs4 import BeautifulSoup

    from newsnlp.parse.core import parse_article
    from newsnlp.parse.html import clean_html

    warnings.filterwarnings("ignore")  # bs4's MarkupResemblesLocatorWarning on short bodies
    posts, bodies, rows = load(args.corpus, args.xda_limit)

    def bs(html: object) -> str:
        return BeautifulSoup(str(html), "lxml").get_text()

    def traf(html: object) -> str | None:
        return trafilatura.extract(str(html))

    def nn_clean(html: object) -> str:
        return "\n".join(clean_html(str(html)).paragraphs)

    def nn_post(post: object) -> str:
        return parse_article(str(post)).text

    def nn_md(row: object) -> str:
        r = row  # type: ignore[assignment]
        return parse_article(r["markdown"], title=r["title"], url=r["url"], article_id=r["id"]).text  # type: ignore[index]

    markdown = [r["markdown"] for r in rows]
    plan: list[tuple[str, str, Callable[[object], str | None], Sequence[object]]] = [
        ("rsshub HTML bodies", 'BeautifulSoup(html, "lxml").get_text()', bs, bodies),
        ("rsshub HTML bodies", "trafilatura.extract(html)", traf, bodies),
        ("rsshub HTML bodies", "newsnlp clean_html(html)", nn_clean, bodies),
        ("rsshub whole posts", "newsnlp parse_article(post)", nn_post, posts),
        ("xda Markdown", 'BeautifulSoup(md, "lxml").get_text()', bs, markdown),
        ("xda Markdown", "trafilatura.extract(md)", traf, markdown),
        ("xda Markdown", "newsnlp parse_article(md, title=, url=)", nn_md, rows),
    ]
    # rounds are interleaved (every method once per round) so that the load of a shared
    # machine falls on all methods alike and the ratios compare like with like
    times: list[list[float]] = [[] for _ in plan]
    outputs: list[list[str | None]] = [[] for _ in plan]
    for round_no in range(args.repeats):
        for i, (corpus, method, fn, items) in enumerate(plan):
            seconds, outputs[i] = run(fn, items, 1)
            times[i].append(seconds)
            print(
                f"  round {round_no + 1}: {corpus:20} {method:42} "
                f"{len(items) / seconds:9.0f} articles/s",
                file=sys.stderr,
            )
    results = []
    for (corpus, method, _, items), ts, outs in zip(plan, times, outputs, strict=True):
        seconds = statistics.median(ts)
        dirty, empty = quality(outs)
        results.append((corpus, method, len(items), seconds, len(items) / seconds, dirty, empty))
    # whole corpus: (rsshub row, xda row) of the same method on its natural inputs
    for method, rsshub_row, xda_row in (
        ('BeautifulSoup(html or md, "lxml").get_text()', 0, 4),
        ("trafilatura.extract(html or md)", 1, 5),
        ("newsnlp parse_article(post or md row)", 3, 6),
    ):
        round_seconds = [a + b for a, b in zip(times[rsshub_row], times[xda_row], strict=True)]
        seconds = statistics.median(round_seconds)
        n = len(plan[rsshub_row][3]) + len(plan[xda_row][3])
        dirty, empty = quality([*outputs[rsshub_row], *outputs[xda_row]])
        results.append(("whole corpus", method, n, seconds, n / seconds, dirty, empty))

    base = {c: rate for c, m, _, _, rate, _, _ in results if m.startswith("BeautifulSoup")}
    print(
        f"\nParsing speed, median of {args.repeats} interleaved rounds ({os.cpu_count()} CPUs, one process)\n"
    )
    print(
        "| input | method | articles | median s | articles/s | vs BeautifulSoup | output with markup/boilerplate | empty output |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for corpus, method, n, seconds, rate, dirty, empty in results:
        ratio = rate / base[corpus] if corpus in base else rate / base["rsshub HTML bodies"]
        print(
            f"| {corpus} | `{method}` | {n:,} | {seconds:.2f} | {rate:,.0f} | {ratio:.2f}× | {dirty:.1f}% | {empty:.1f}% |"
        )
    print(
        "\n'vs BeautifulSoup' is articles/s divided by the BeautifulSoup row of the same input "
        "(for whole posts: of the HTML bodies; for the whole corpus: of BeautifulSoup on every "
        "rsshub body and xda Markdown string, timed in the same rounds). 'output with markup/boilerplate': share of "
        "articles whose output still holds tags, entities, NBSP, lazy-image attributes, proxy URLs, "
        "site boilerplate (线索投递, 经授权发布, 责任编辑…) or Markdown syntax. 'empty': no text at all "
        "(36氪/品玩/少数派 stubs are title-only in the feed)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
