"""Pipeline speed and memory: the pipeline users write today beside ``newsnlp.analyze``.

One run prints two markdown tables.

1. **Throughput** (articles/s, wall clock, parse included) on a corpus of all rsshub
   posts plus the first xda articles (2,053 by default):

   - *naive*: per article ``BeautifulSoup(raw, "lxml").get_text()`` +
     ``jieba.posseg.cut`` + ``jieba.analyse.extract_tags`` + ``SnowNLP(text).sentiments``
     (what the design calls the pipeline users write today: it segments each text three
     times). It is slow, so it runs on a subsample (``--naive``, default 200 articles
     spread over the corpus); its rate is compared per article.
   - ``newsnlp.analyze(n_jobs=1)`` and ``newsnlp.analyze(n_jobs=2)`` on the whole corpus,
     frames kept in memory (entities, mentions, TF-IDF keywords fitted on the corpus,
     document/sentence/entity sentiment). Worker start-up is included; the naive
     pipeline's models are loaded before its clock starts.

   Beside wall-clock rates the table gives CPU seconds per article (this process and
   its joined workers, from ``getrusage``), which a machine shared with other jobs
   distorts far less, and projects the two-core speed-up from the CPU the calling
   process spent (the serial part) and the workers spent.

2. **Peak memory** streaming xda articles to a sink (``--sink sqlite|parquet``): one
   subprocess per corpus size (1,000 and all 7,925 by default), ``n_jobs=2``; peak
   resident memory of the whole process tree (calling process + workers) and of the
   calling process alone, sampled with psutil every 0.2 s. (Not ``ru_maxrss``: Linux
   carries it over ``exec`` from the benchmark process that started the child.)

Targets (issue 7): n_jobs=1 >= 10x naive; n_jobs=2 >= 1.8x n_jobs=1; peak memory at
7,925 articles <= 1.3x that at 1,000.

Usage::

    python benchmarks/pipeline_speed.py [--shared ../shared] [--articles 2053] [--naive 200]
        [--memory-sizes 1000,7925] [--sink sqlite] [--skip-memory] [--skip-speed]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def corpus_files(
    shared: Path, n_articles: int, workdir: Path
) -> tuple[list[str], list[tuple[str, str]]]:
    """Inputs for analyze (rsshub post paths + one xda JSONL file) and (kind, raw) pairs for naive."""
    posts = sorted(str(p) for p in (shared / "corpus" / "rsshub").rglob("*.md"))
    n_xda = max(0, n_articles - len(posts))
    xda_path = workdir / "xda.jsonl"
    raws: list[tuple[str, str]] = [("post", Path(p).read_text(encoding="utf-8")) for p in posts]
    with (
        gzip.open(shared / "corpus" / "xda-zh.jsonl.gz", "rt", encoding="utf-8") as src,
        open(xda_path, "w", encoding="utf-8") as dst,
    ):
        for line in itertools.islice(src, n_xda):
            dst.write(line)
            raws.append(("xda", json.loads(line)["markdown"]))
    return [*posts, str(xda_path)], raws


def naive(raws: list[tuple[str, str]]) -> tuple[float, float]:
    """The per-article pipeline users write today; returns (wall, CPU) seconds, models loaded."""
    import jieba
    import jieba.analyse
    import jieba.posseg
    from bs4 import BeautifulSoup
    from snownlp import SnowNLP

    jieba.setLogLevel(60)
    jieba.initialize()  # the global tokenizer: this *is* the baseline's hidden state

    def one(raw: str) -> None:
        text = BeautifulSoup(raw, "lxml").get_text()
        _pos = [(w.word, w.flag) for w in jieba.posseg.cut(text)]
        _kw = jieba.analyse.extract_tags(text, topK=10)
        _sent = SnowNLP(text).sentiments if text.strip() else 0.5

    one("<p>小米发布新机，雷军表示很满意。</p>")  # load every model before timing
    cpu0, t0 = _cpu()[0], time.perf_counter()
    for _kind, raw in raws:
        one(raw)
    return time.perf_counter() - t0, _cpu()[0] - cpu0


def _cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # workers, once they are joined
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def run_newsnlp(inputs: list[str], n_jobs: int) -> dict[str, float]:
    import newsnlp

    cpu0 = _cpu()
    t0 = time.perf_counter()
    result = newsnlp.analyze(inputs, n_jobs=n_jobs, progress=False)
    seconds = time.perf_counter() - t0
    cpu1 = _cpu()
    return {
        "seconds": seconds,
        "articles": result.n_articles,
        "errors": result.n_errors,
        "main_cpu": cpu1[0] - cpu0[0],
        "worker_cpu": cpu1[1] - cpu0[1],
    }


_MEMORY_CHILD = r"""
import gzip, itertools, sys, time
import newsnlp
if __name__ == "__main__":
    src, n, out, fmt = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    path = out + ".jsonl"
    with gzip.open(src, "rt", encoding="utf-8") as f, open(path, "w", encoding="utf-8") as g:
        g.writelines(itertools.islice(f, n))
    t0 = time.perf_counter()
    r = newsnlp.analyze(path, sink=out, format=fmt, n_jobs=2, progress=False)
    print(f"{r.n_articles} {r.n_errors} {time.perf_counter() - t0:.1f}", flush=True)
"""


def peak_memory(shared: Path, n: int, fmt: str, workdir: Path) -> dict[str, float]:
    import psutil

    script = workdir / "memory_child.py"
    script.write_text(_MEMORY_CHILD)
    out = workdir / f"mem-{n}-{fmt}"
    proc = subprocess.Popen(
        [
            sys.executable,
            str(script),
            str(shared / "corpus" / "xda-zh.jsonl.gz"),
            str(n),
            str(out),
            fmt,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    root = psutil.Process(proc.pid)
    peak_tree = peak_main = 0
    while proc.poll() is None:
        try:
            main_rss = root.memory_info().rss
            total = main_rss + sum(c.memory_info().rss for c in root.children(recursive=True))
            peak_tree = max(peak_tree, total)
            peak_main = max(peak_main, main_rss)
        except psutil.Error:
            pass
        time.sleep(0.2)
    line = proc.stdout.read().strip().splitlines()[-1] if proc.stdout else ""
    n_articles, n_errors, seconds = line.split()
    return {
        "n": n,
        "articles": int(n_articles),
        "errors": int(n_errors),
        "seconds": float(seconds),
        "tree_mb": peak_tree / 2**20,
        "main_mb": peak_main / 2**20,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--articles", type=int, default=2053)
    ap.add_argument("--naive", type=int, default=200)
    ap.add_argument("--memory-sizes", default="1000,7925")
    ap.add_argument("--sink", choices=["sqlite", "parquet"], default="sqlite")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    args = ap.parse_args()

    load = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cores, load average before the run {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}"
    )
    with tempfile.TemporaryDirectory(prefix="newsnlp-bench-") as tmp:
        workdir = Path(tmp)
        if not args.skip_speed:
            inputs, raws = corpus_files(args.shared, args.articles, workdir)
            step = max(1, len(raws) // args.naive)
            sample = raws[::step][: args.naive]
            t_naive, cpu_naive = naive(sample)
            rate_naive = len(sample) / t_naive
            one = run_newsnlp(inputs, 1)
            two = run_newsnlp(inputs, 2)
            n_in = one["articles"] + one["errors"]
            r1, r2 = n_in / one["seconds"], n_in / two["seconds"]
            cpu1 = one["main_cpu"] + one["worker_cpu"]
            cpu2 = two["main_cpu"] + two["worker_cpu"]
            # on two idle cores the workers share the work; the calling process's own
            # work (reading, collecting, ranking the keyword sample) is the serial part
            projected = cpu1 / max(two["worker_cpu"] / 2 + two["main_cpu"], 1e-9)
            print()
            print(
                f"Throughput: {n_in:,} inputs (all rsshub posts + xda); naive on {len(sample)} of them"
            )
            print()
            print(
                "| pipeline | articles | wall s | articles/s | vs naive | vs n_jobs=1 | CPU s/article |"
            )
            print("|---|---:|---:|---:|---:|---:|---:|")
            print(
                f"| naive (bs4 + jieba.posseg + extract_tags + SnowNLP) | {len(sample):,} | {t_naive:,.1f} "
                f"| {rate_naive:,.2f} | 1.0x | | {cpu_naive / len(sample):.3f} |"
            )
            for label, run, rate in (("n_jobs=1", one, r1), ("n_jobs=2", two, r2)):
                cpu = run["main_cpu"] + run["worker_cpu"]
                print(
                    f"| newsnlp.analyze {label} | {run['articles']:,.0f} (+{run['errors']:.0f} errors) "
                    f"| {run['seconds']:,.1f} | {rate:,.2f} | {rate / rate_naive:,.1f}x | {rate / r1:,.2f}x "
                    f"| {cpu / n_in:.3f} |"
                )
            print()
            print(
                f"CPU per article vs naive: {cpu_naive / len(sample) / (cpu1 / n_in):.1f}x less. "
                f"n_jobs=2 used {cpu2:,.0f} CPU s ({two['main_cpu']:,.0f} s in the calling process); "
                f"projected on two idle cores: {projected:.2f}x n_jobs=1."
            )
        if not args.skip_memory:
            sizes = [int(s) for s in args.memory_sizes.split(",")]
            rows = [peak_memory(args.shared, n, args.sink, workdir) for n in sizes]
            base = rows[0]
            print()
            print(f"Peak memory streaming xda articles to {args.sink} (n_jobs=2, chunk_size=64)")
            print()
            print(
                "| articles | errors | seconds | peak RSS, process tree | vs first | peak RSS, calling process | vs first |"
            )
            print("|---:|---:|---:|---:|---:|---:|---:|")
            for r in rows:
                print(
                    f"| {r['articles']:,} | {r['errors']} | {r['seconds']:,.1f} | {r['tree_mb']:,.0f} MB | "
                    f"{r['tree_mb'] / base['tree_mb']:.2f}x | {r['main_mb']:,.0f} MB | {r['main_mb'] / base['main_mb']:.2f}x |"
                )
    load = os.getloadavg()
    print()
    print(
        f"load average after the run {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}; "
        f"benchmark process CPU {resource.getrusage(resource.RUSAGE_SELF).ru_utime:,.0f} s"
    )


if __name__ == "__main__":
    main()
