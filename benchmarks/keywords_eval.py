"""Keyword extraction on CSL (Chinese scientific abstracts with author keywords).

newsnlp's KeywordExtractor (TF-IDF fitted on the CSL texts, and TextRank) beside
jieba.analyse's TF-IDF (``extract_tags``, jieba's shipped IDF) and TextRank, on fresh
jieba objects (no global state touched).

Data: ``../shared/datasets/csl_keywords/dev.tsv`` (ydli-ai/CSL, Apache-2.0), 1,000 rows of
``to keywords <TAB> abstract + " " + title <TAB> kw1_kw2_...``. CSL is scientific
abstracts, not news: the title is the last sentence, split off after the abstract's
final ". " / "。 " and given to newsnlp as the article title (jieba sees the whole
string, as a user of jieba would pass it).

Split: rows with an even index were used to choose newsnlp's defaults during
development; figures are reported on the odd rows only (500). The IDF is fitted on the
texts of all 1,000 rows (no labels are used in fitting, just as a user fits on their
own corpus).

Metrics, macro-averaged over articles: P@k = matching predictions / k, R@k = gold
keywords matched / number of gold keywords, F1@k = harmonic mean of mean P and mean R.
"exact": equal after lower-casing and removing spaces; "partial": one contains the other.

Speed: articles per second, median of ``--repeat`` runs over the report rows, from raw
text (newsnlp: tokenize + keywords; jieba: its own segmentation + keywords) and, for
newsnlp, from already tokenized ArticleDocs (what ``newsnlp.analyze`` does).

Run: ``python benchmarks/keywords_eval.py [--data PATH] [--limit N] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import jieba
import jieba.analyse
import jieba.posseg

from newsnlp import KeywordExtractor, Tokenizer
from newsnlp.parse.article import Article

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "datasets" / "csl_keywords" / "dev.tsv"


def load(path: Path) -> list[tuple[str, str, str, list[str]]]:
    """Rows of (id, title, abstract, gold keywords)."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            text = parts[1]
            cut = max(text.rfind(". "), text.rfind("。 "))
            title, body = (text[cut + 2 :], text[: cut + 1]) if cut > 0 else ("", text)
            rows.append((str(i), title, body, [k for k in parts[2].split("_") if k]))
    return rows


def _norm(s: str) -> str:
    return "".join(s.lower().split())


def scores(
    pred: dict[str, list[str]], gold: dict[str, list[str]], k: int, partial: bool
) -> tuple[float, float, float]:
    ps, rs = [], []
    for aid, gold_kw in gold.items():
        p = [_norm(x) for x in pred.get(aid, [])[:k]]
        g = [_norm(x) for x in gold_kw]

        def match(a: str, b: str) -> bool:
            return a == b or (partial and bool(a) and bool(b) and (a in b or b in a))

        ps.append(sum(any(match(x, y) for y in g) for x in p) / k)
        rs.append(sum(any(match(x, y) for x in p) for y in g) / len(g))
    mp, mr = statistics.fmean(ps), statistics.fmean(rs)
    return mp, mr, (2 * mp * mr / (mp + mr) if mp + mr else 0.0)


def timed(
    fn: Callable[[], dict[str, list[str]]], repeat: int
) -> tuple[dict[str, list[str]], float]:
    times, out = [], {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return out, statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=0, help="report on the first N odd rows only")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    if not args.data.is_file():
        print(f"CSL data not found at {args.data}", file=sys.stderr)
        return 2

    rows = load(args.data)
    report = [r for r in rows if int(r[0]) % 2 == 1]
    if args.limit:
        report = report[: args.limit]
    gold = {r[0]: r[3] for r in report}
    topk = 10

    tok = Tokenizer()
    all_articles = [Article(id=r[0], title=r[1], text=r[2]) for r in rows]
    report_articles = [a for a in all_articles if a.id in gold]
    t0 = time.perf_counter()
    all_docs = [tok.tokenize_article(a) for a in all_articles]
    tokenize_s = time.perf_counter() - t0
    report_docs = [d for d in all_docs if d.article_id in gold]

    tfidf = KeywordExtractor(method="tfidf", top_k=topk, tokenizer=tok).fit_docs(all_docs)
    textrank = KeywordExtractor(method="textrank", top_k=topk, tokenizer=tok)

    def by_article(frame) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
        return {str(a): list(g["keyword"]) for a, g in frame.groupby("article_id", sort=False)}

    jt = jieba.Tokenizer()
    jt.initialize()  # a private instance: the module-level tokenizer is never touched
    j_tfidf = jieba.analyse.TFIDF()
    j_tfidf.tokenizer = jt
    j_tfidf.postokenizer = jieba.posseg.POSTokenizer(jt)
    j_textrank = jieba.analyse.TextRank()
    j_textrank.tokenizer = j_textrank.postokenizer = jieba.posseg.POSTokenizer(jt)
    raw = {r[0]: r[2] + " " + r[1] for r in report}

    systems: list[tuple[str, Callable[[], dict[str, list[str]]]]] = [
        ("newsnlp tfidf (fitted on CSL)", lambda: by_article(tfidf.transform(report_articles))),
        ("newsnlp textrank", lambda: by_article(textrank.transform(report_articles))),
        (
            "jieba extract_tags (TF-IDF)",
            lambda: {a: j_tfidf.extract_tags(t, topK=topk) for a, t in raw.items()},
        ),
        ("jieba textrank", lambda: {a: j_textrank.textrank(t, topK=topk) for a, t in raw.items()}),
    ]
    results = []
    for name, fn in systems:
        pred, secs = timed(fn, args.repeat)
        results.append((name, pred, len(report) / secs))
    _, docs_secs = timed(lambda: by_article(tfidf.transform_docs(report_docs)), args.repeat)
    _, docs_tr_secs = timed(lambda: by_article(textrank.transform_docs(report_docs)), args.repeat)

    print(
        f"## Keywords on CSL dev (report half: {len(report)} odd rows; defaults tuned on the even rows)\n"
    )
    print("| system | P@5 | R@5 | F1@5 | P@10 | R@10 | F1@10 | F1@5 partial | F1@10 partial |")
    print("|---|---|---|---|---|---|---|---|---|")
    f1 = {}
    for name, pred, _ in results:
        p5, r5, f5 = scores(pred, gold, 5, False)
        p10, r10, f10 = scores(pred, gold, 10, False)
        pf5 = scores(pred, gold, 5, True)[2]
        pf10 = scores(pred, gold, 10, True)[2]
        f1[name] = f5
        print(
            f"| {name} | {p5:.3f} | {r5:.3f} | {f5:.3f} | {p10:.3f} | {r10:.3f} | {f10:.3f} | {pf5:.3f} | {pf10:.3f} |"
        )
    print("\n| partial-match detail | P@5 | R@5 | P@10 | R@10 |\n|---|---|---|---|---|")
    for name, pred, _ in results:
        p5, r5, _f = scores(pred, gold, 5, True)
        p10, r10, _f = scores(pred, gold, 10, True)
        print(f"| {name} | {p5:.3f} | {r5:.3f} | {p10:.3f} | {r10:.3f} |")

    base = f1["jieba extract_tags (TF-IDF)"]
    ours = f1["newsnlp tfidf (fitted on CSL)"]
    print(
        f"\nnewsnlp tfidf F1@5 / jieba TF-IDF F1@5 = {ours / base:.2f} "
        f"(target >= 1.20: {'met' if ours >= 1.2 * base else 'NOT met'})\n"
    )
    print(f"## Speed (articles/s, median of {args.repeat} runs over {len(report)} abstracts)\n")
    print("| system | from raw text | from tokenized ArticleDocs |\n|---|---|---|")
    per_doc_tok = tokenize_s / len(all_docs)
    for name, _pred, rate in results:
        extra = ""
        if name.startswith("newsnlp tfidf"):
            extra = f"{len(report) / docs_secs:.0f}"
        elif name.startswith("newsnlp textrank"):
            extra = f"{len(report) / docs_tr_secs:.0f}"
        else:
            extra = "n/a (re-segments every call)"
        print(f"| {name} | {rate:.0f} | {extra} |")
    print(f"\n(newsnlp tokenization alone: {1 / per_doc_tok:.0f} articles/s, one pass)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
