"""How long the HTML report takes for the whole xda corpus, beside DataFrame.to_html.

The result is built once with the pipeline (``newsnlp.analyze`` -> Parquet, ~20
minutes on 2 shared cores) and cached under ``/tmp/newsnlp-bench/xda-parquet``;
it is never written into the repository. Then, ``--repeats`` times each:

- **baseline**: read the same frames from the Parquet output and write them with
  ``DataFrame.to_html`` into one HTML file (no charts, no aggregation, no font);
- **newsnlp**: ``build_report(result_dir)`` end to end, and its parts (tables
  only; tables + embedded font; everything from frames already in memory).

Prints a markdown table of medians.

    python benchmarks/report_speed.py [--corpus PATH] [--cache DIR] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "xda-zh.jsonl.gz"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "newsnlp-bench" / "xda-parquet"


def ensure_result(corpus: Path, cache: Path) -> Path:
    """Return the cached Parquet output of the pipeline for ``corpus``, building it if needed."""
    if (cache / "_sources").is_dir():
        return cache
    import newsnlp

    if not corpus.is_file():
        sys.exit(f"corpus not found: {corpus} (pass --corpus)")
    print(f"building the result of {corpus.name} into {cache} (once; takes a while)...")
    started = time.perf_counter()
    result = newsnlp.analyze(str(corpus), sink=cache, format="parquet", progress=True)
    print(f"{result.summary()} [{time.perf_counter() - started:,.0f} s]")
    return cache


def median_time(func: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from newsnlp.report import build_report, load_result

    result_dir = ensure_result(args.corpus, args.cache)
    frames, _ = load_result(result_dir)
    n_articles = len(frames["articles"])
    rows = {name: len(frame) for name, frame in frames.items()}
    out = Path(tempfile.mkdtemp(prefix="newsnlp-report-bench-"))

    def baseline() -> None:
        loaded, _ = load_result(result_dir)
        with open(out / "baseline.html", "w", encoding="utf-8") as fh:
            fh.write("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>")
            for name, frame in loaded.items():
                fh.write(f"<h2>{name}</h2>")
                fh.write(frame.to_html(index=False))
            fh.write("</body></html>")

    cases: list[tuple[str, Callable[[], object], Path]] = [
        (
            "baseline: read Parquet + DataFrame.to_html of the frames",
            baseline,
            out / "baseline.html",
        ),
        (
            "newsnlp: read Parquet only",
            lambda: load_result(result_dir),
            out / "none",
        ),
        (
            "newsnlp: build_report, tables only (charts=False, embed_font=False)",
            lambda: build_report(result_dir, out / "tables.html", charts=False, embed_font=False),
            out / "tables.html",
        ),
        (
            "newsnlp: build_report, tables + embedded font subset",
            lambda: build_report(result_dir, out / "font.html", charts=False),
            out / "font.html",
        ),
        (
            "newsnlp: build_report, everything (4 charts + font) from frames in memory",
            lambda: build_report(frames, out / "memory.html"),
            out / "memory.html",
        ),
        (
            "**newsnlp: build_report(result_dir) end to end**",
            lambda: build_report(result_dir, out / "report.html"),
            out / "report.html",
        ),
    ]
    results = []
    for label, func, path in cases:
        seconds = median_time(func, args.repeats)
        size = path.stat().st_size / 1e6 if path.is_file() else float("nan")
        results.append((label, seconds, size))
        print(f"  {label}: {seconds:.2f} s", file=sys.stderr)

    base = results[0][1]
    print(
        f"\nReport generation, xda corpus: {n_articles:,} articles "
        f"({', '.join(f'{k} {v:,}' for k, v in rows.items())} rows); "
        f"median of {args.repeats}; {os.cpu_count()} cores shared.\n"
    )
    print("| what | seconds (median) | vs baseline | HTML size (MB) |")
    print("|---|---:|---:|---:|")
    for label, seconds, size in results:
        size_s = "–" if size != size else f"{size:.2f}"
        print(f"| {label} | {seconds:.2f} | {seconds / base:.2f}x | {size_s} |")
    print(f"\nfiles in {out}")


if __name__ == "__main__":
    main()
