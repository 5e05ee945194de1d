"""analyze(): every input accounted for, tokenized once, identical whatever n_jobs, resumable.

The corpus is the bundled sample (``examples/articles``: real rsshub posts, see its
PROVENANCE.md), plus broken inputs made on the fly.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

import newsnlp
from newsnlp.errors import InputTypeError, ParameterError, ParseError, SinkError
from newsnlp.io.readers import iter_read, read_articles
from newsnlp.io.sinks import FRAME_NAMES, ParquetSink, open_sink
from newsnlp.pipeline import AnalysisResult, Pipeline, analyze
from newsnlp.schemas import SCHEMAS

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
SMALL = sorted(p for p in EXAMPLES.glob("*.md") if p.name != "PROVENANCE.md")[:8]


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("small")
    for p in SMALL:
        shutil.copy(p, d / p.name)
    return d


@pytest.fixture(scope="module")
def reference(small_dir: Path) -> AnalysisResult:
    return analyze(small_dir, n_jobs=1, progress=False)


def _assert_same(a: AnalysisResult, b: AnalysisResult) -> None:
    for name in FRAME_NAMES:
        pd.testing.assert_frame_equal(a.frames()[name], b.frames()[name], obj=name)


def test_the_result_has_every_frame_with_its_schema(reference: AnalysisResult) -> None:
    for name in FRAME_NAMES:
        frame = getattr(reference, name)
        assert list(frame.columns) == list(SCHEMAS[name]), name
    assert reference.n_articles == len(SMALL) == len(reference.articles)
    assert reference.n_errors == 0
    assert len(reference.sentiment) == len(SMALL)
    assert set(reference.keywords["article_id"]) <= set(reference.articles["article_id"])
    assert reference.entities["sentiment"].notna().any()  # entity sentiment is filled in
    assert len(reference.mentions) > 0 and len(reference.sentences) > 0


def test_articles_frame_is_what_read_articles_reads(
    small_dir: Path, reference: AnalysisResult
) -> None:
    pd.testing.assert_frame_equal(reference.articles, read_articles(small_dir))


def test_keywords_equal_a_keyword_extractor_fitted_on_the_corpus(
    small_dir: Path, reference: AnalysisResult
) -> None:
    tok = newsnlp.Tokenizer()
    docs = [tok.tokenize_article(a) for a in iter_read(small_dir)]
    expected = newsnlp.KeywordExtractor().fit_transform(docs)
    pd.testing.assert_frame_equal(reference.keywords, expected)


def test_each_article_is_tokenized_once(small_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsnlp.text.tokenizer import Tokenizer

    calls = {"article": 0, "text": 0}
    real_article, real_text = Tokenizer.tokenize_article, Tokenizer.tokenize

    def count_article(self: Tokenizer, article: object) -> object:
        calls["article"] += 1
        return real_article(self, article)  # type: ignore[arg-type]

    def count_text(self: Tokenizer, text: str) -> object:
        calls["text"] += 1
        return real_text(self, text)

    monkeypatch.setattr(Tokenizer, "tokenize_article", count_article)
    monkeypatch.setattr(Tokenizer, "tokenize", count_text)
    result = analyze(small_dir, n_jobs=1, progress=False)
    assert calls["article"] == result.n_articles == len(SMALL)
    assert calls["text"] <= 2 * len(SMALL)  # title and body, nothing re-segmented by analysers


def test_results_are_identical_whatever_n_jobs_and_chunk_size(
    small_dir: Path, reference: AnalysisResult
) -> None:
    parallel = analyze(small_dir, n_jobs=2, chunk_size=3, progress=False)
    _assert_same(reference, parallel)


@pytest.mark.slow
def test_spawned_workers_give_the_same_result(small_dir: Path, reference: AnalysisResult) -> None:
    spawned = analyze(small_dir, n_jobs=2, chunk_size=4, progress=False, start_method="spawn")
    _assert_same(reference, spawned)


def test_the_fit_sample_is_the_same_whatever_n_jobs_and_chunk_size(small_dir: Path) -> None:
    a = analyze(small_dir, n_jobs=1, chunk_size=2, fit_sample=5, progress=False)
    b = analyze(small_dir, n_jobs=2, chunk_size=3, fit_sample=5, progress=False)
    _assert_same(a, b)


def test_a_fitted_or_textrank_keyword_extractor_is_used_as_is(
    small_dir: Path, reference: AnalysisResult
) -> None:
    docs = [newsnlp.Tokenizer().tokenize_article(a) for a in iter_read(SMALL[:3])]
    kx = newsnlp.KeywordExtractor(top_k=5).fit(docs)
    n_docs = kx.n_docs_
    result = analyze(small_dir, n_jobs=1, progress=False, keywords=kx)
    assert kx.n_docs_ == n_docs == 3  # not refitted
    assert result.keywords.groupby("article_id").size().max() <= 5
    textrank = analyze(
        small_dir, n_jobs=1, progress=False, keywords="textrank", entities=False, sentiment=None
    )
    assert set(textrank.keywords["method"]) == {"textrank"}
    assert len(textrank.mentions) == len(textrank.sentiment) == 0


def test_every_input_is_accounted_for(tmp_path: Path) -> None:
    good = SMALL[:2]
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "empty.md").write_text("   \n")
    table = tmp_path / "feed.jsonl"
    rows = [
        json.dumps(
            {
                "id": "j1",
                "title": "小米发布新机",
                "text": "小米今天发布了小米 12S Ultra，搭载徕卡影像。",
            },
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps([1, 2, 3]),
        json.dumps({"foo": "bar"}),
        json.dumps(
            {"id": "j1", "title": "重复", "text": "同一个 id 再来一次。"}, ensure_ascii=False
        ),
    ]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    inputs = [
        *map(str, good),
        str(tmp_path / "binary.html"),
        str(tmp_path / "empty.md"),
        str(table),
        str(tmp_path / "missing.md"),
        "华为发布了新的折叠屏手机，售价 8999 元。",
    ]
    result = analyze(inputs, n_jobs=1, progress=False)
    n_inputs = len(good) + 2 + len(rows) + 1 + 1
    assert result.n_inputs == n_inputs
    assert result.n_articles + result.n_errors == n_inputs
    assert len(result.articles) == result.n_articles == len(good) + 2  # + j1 + the text string
    assert len(result.errors) == result.n_errors == 7
    errors = result.errors.set_index("path")
    assert errors.loc[f"{table}:2", "stage"] == "read"
    assert "not valid JSON" in errors.loc[f"{table}:2", "message"]
    assert "expected an object" in errors.loc[f"{table}:3", "message"]
    assert "no text column" in errors.loc[f"{table}:4", "message"]
    assert errors.loc[f"{table}:5", "article_id"] == "j1"  # duplicate of line 1
    assert "missing.md" in errors.loc[str(tmp_path / "missing.md"), "message"]
    assert errors.loc[str(tmp_path / "binary.html"), "stage"] == "parse"
    # nothing of a failed input leaks into the other frames
    assert set(result.sentiment["article_id"]) == set(result.articles["article_id"])


def test_errors_raise_stops_at_the_first_bad_input(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("")
    with pytest.raises(ParseError, match="empty"):
        analyze(
            [str(SMALL[0]), str(tmp_path / "empty.md")], n_jobs=1, progress=False, errors="raise"
        )


def test_a_failing_analyser_turns_one_article_into_an_error(
    small_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsnlp.analysis.sentiment import SentimentScorer

    real = SentimentScorer.transform_docs
    victim = read_articles(SMALL[1])["article_id"].iloc[0]

    def flaky(self: SentimentScorer, docs: list) -> pd.DataFrame:
        if any(d.article_id == victim for d in docs):
            raise ValueError("boom")
        return real(self, docs)

    monkeypatch.setattr(SentimentScorer, "transform_docs", flaky)
    result = analyze(small_dir, n_jobs=1, progress=False)
    assert result.n_articles == len(SMALL) - 1 and result.n_errors == 1
    row = result.errors.iloc[0]
    assert (row["article_id"], row["stage"], row["error"], row["message"]) == (
        victim,
        "sentiment",
        "ValueError",
        "boom",
    )
    for name in ("articles", "mentions", "entities", "keywords", "sentiment", "sentences"):
        assert victim not in set(getattr(result, name)["article_id"]), name


def test_inputs_may_be_a_dataframe_articles_or_strings(reference: AnalysisResult) -> None:
    frame = reference.articles[["article_id", "title", "text"]].head(3)
    from_frame = analyze(frame, n_jobs=1, progress=False)
    assert from_frame.articles["article_id"].tolist() == frame["article_id"].tolist()
    articles = list(iter_read(SMALL[:2]))
    from_articles = analyze(articles, n_jobs=1, progress=False)
    assert from_articles.articles["article_id"].tolist() == [a.id for a in articles]
    empty = analyze([], n_jobs=1, progress=False)
    assert empty.n_inputs == 0 and all(len(f) == 0 for f in empty.frames().values())
    with pytest.raises(InputTypeError, match="accepts"):
        analyze(42, n_jobs=1, progress=False)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_jobs": 0}, "n_jobs"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"errors": "ignore"}, "errors"),
        ({"resume": True}, "resume"),
        ({"keywords": "bm25"}, "keywords"),
        ({"sentiment": "model"}, "sentiment"),
        ({"fit_sample": 0}, "fit_sample"),
        ({"top_k": 0}, "top_k"),
    ],
)
def test_bad_parameters_are_named(kwargs: dict, match: str) -> None:
    with pytest.raises(ParameterError, match=match):
        analyze([str(SMALL[0])], progress=False, **kwargs)


def test_a_keyword_extractor_with_a_bad_parameter_fails_before_any_work() -> None:
    from newsnlp.analysis.keywords import KeywordExtractor

    with pytest.raises(ParameterError, match="min_df"):
        analyze([str(SMALL[0])], n_jobs=1, progress=False, keywords=KeywordExtractor(min_df=0))


def test_an_unknown_read_option_is_named() -> None:
    with pytest.raises(InputTypeError, match="text_colum"):
        analyze([str(SMALL[0])], n_jobs=1, progress=False, read_options={"text_colum": "x"})


def test_no_progress_bar_means_tqdm_is_never_imported() -> None:
    code = textwrap.dedent(
        f"""
        import sys
        import newsnlp
        newsnlp.analyze([{str(SMALL[0])!r}], n_jobs=1, progress=False, keywords="textrank")
        print("tqdm" in sys.modules)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert out.stdout.strip() == "False"
    assert "IProgress" not in out.stderr


def test_streaming_to_a_sink_returns_a_summary_and_reads_frames_back(
    small_dir: Path, reference: AnalysisResult, tmp_path: Path
) -> None:
    result = analyze(
        small_dir, n_jobs=1, progress=False, sink=tmp_path / "out", format="parquet", chunk_size=3
    )
    assert result.sink is not None and result.n_articles == len(SMALL)
    assert "8 articles, 0 errors" in result.summary()
    _assert_same(reference, result)  # frames are read back from the sink on use
    again = analyze(
        small_dir, n_jobs=1, progress=False, sink=tmp_path / "out", format="parquet", chunk_size=5
    )
    assert len(again.articles) == len(SMALL)  # re-run: replaced, not duplicated
    _assert_same(reference, again)


def test_result_writers_round_trip(reference: AnalysisResult, tmp_path: Path) -> None:
    for sink in (
        reference.to_parquet(tmp_path / "p"),
        reference.to_csv(tmp_path / "c"),
        reference.to_sql(f"sqlite:///{tmp_path / 'r.db'}"),
    ):
        loaded = sink.load()
        for name in FRAME_NAMES:
            pd.testing.assert_frame_equal(
                loaded[name], reference.frames()[name], obj=f"{sink}: {name}"
            )
    reference.to_sql(f"sqlite:///{tmp_path / 'r.db'}")  # twice: still one copy
    assert len(open_sink(tmp_path / "r.db").load(["articles"])["articles"]) == len(SMALL)


def test_idempotent_reruns_into_sqlite(small_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "features.db"
    first = analyze(small_dir, n_jobs=1, progress=False, sink=db, chunk_size=3).load()
    second = analyze(small_dir, n_jobs=1, progress=False, sink=db, chunk_size=4).load()
    _assert_same(first, second)
    assert second.articles["article_id"].is_unique


class _FullDisk(ParquetSink):
    """A sink whose disk fills up at the third chunk."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.chunks = 0

    def write(self, frames: dict, sources: pd.DataFrame) -> None:
        self.chunks += 1
        if self.chunks == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        super().write(frames, sources)


def test_a_full_disk_stops_the_run_with_a_clear_error_and_resume_finishes(
    small_dir: Path, reference: AnalysisResult, tmp_path: Path
) -> None:
    with pytest.raises(SinkError, match="No space left"):
        analyze(small_dir, n_jobs=1, progress=False, sink=_FullDisk(tmp_path / "o"), chunk_size=2)
    sink = open_sink(tmp_path / "o", format="parquet")
    with sink:
        assert len(sink.done_sources()) == 4  # two chunks of two made it
    resumed = analyze(
        small_dir,
        n_jobs=1,
        progress=False,
        sink=tmp_path / "o",
        format="parquet",
        chunk_size=2,
        resume=True,
    )
    assert resumed.n_skipped == 4 and resumed.n_articles == len(SMALL) - 4
    _assert_same(reference, resumed)


def test_an_output_that_is_a_file_fails_before_any_work(small_dir: Path, tmp_path: Path) -> None:
    afile = tmp_path / "out"
    afile.write_text("x")
    with pytest.raises(SinkError, match="is a file"):
        analyze(small_dir, n_jobs=1, progress=False, sink=afile, format="parquet")


def test_pipeline_objects_are_reusable_and_picklable(
    small_dir: Path, reference: AnalysisResult
) -> None:
    import pickle

    pipeline = Pipeline(keywords="textrank")
    frames = pipeline.analyze_articles(list(iter_read(SMALL[:2])))
    assert len(frames["articles"]) == 2 and set(frames["keywords"]["method"]) == {"textrank"}
    clone = pickle.loads(pickle.dumps(pipeline))
    pd.testing.assert_frame_equal(
        clone.analyze_articles(list(iter_read(SMALL[:2])))["keywords"], frames["keywords"]
    )


# ---------------------------------------------------------------------------
# killed and interrupted runs (real subprocesses)
# ---------------------------------------------------------------------------

_SCRIPT = textwrap.dedent(
    """
    import copy, sys, time
    import newsnlp
    from newsnlp.io.sinks import open_sink


    def slow(sink):
        # the same sink, taking its time after each chunk so the test can kill the run
        class Slow(type(sink)):
            def write(self, frames, sources):
                super().write(frames, sources)
                time.sleep(0.4)

        out = copy.copy(sink)
        out.__class__ = Slow
        return out

    if __name__ == "__main__":
        corpus, out, fmt, jobs = sys.argv[1:5]
        try:
            newsnlp.analyze(corpus, sink=slow(open_sink(out, format=fmt)), n_jobs=int(jobs), chunk_size=2, fit_sample=4,
                            progress=False)
        except KeyboardInterrupt:
            import multiprocessing
            print("interrupted children=%d" % len(multiprocessing.active_children()), flush=True)
            sys.exit(130)
        print("finished", flush=True)
    """
)


def _committed(out: Path, fmt: str) -> int:
    if fmt == "sqlite":
        import sqlite3

        db = out / "newsnlp.db"
        if not db.exists():
            return 0
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                return int(conn.execute("select count(*) from newsnlp_sources").fetchone()[0])
        except sqlite3.Error:
            return 0
    return (
        sum(1 for _ in (out / "_sources").glob("part-*")) * 2 if (out / "_sources").is_dir() else 0
    )


def _start(tmp_path: Path, corpus: Path, out: Path, fmt: str, jobs: int) -> subprocess.Popen[str]:
    script = tmp_path / "run.py"
    script.write_text(_SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen(
        [sys.executable, str(script), str(corpus), str(out), fmt, str(jobs)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )


def _wait_for(
    proc: subprocess.Popen[str], out: Path, fmt: str, at_least: int, timeout: float = 120
) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = _committed(out, fmt)
        if n >= at_least:
            return n
        if proc.poll() is not None:
            raise AssertionError(f"run ended early: {proc.communicate()}")
        time.sleep(0.05)
    raise AssertionError("run did not write in time")


def _group_gone(pgid: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["sqlite", "parquet"])
def test_resume_after_sigkill_loses_nothing_and_doubles_nothing(
    tmp_path: Path, small_dir: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    proc = _start(tmp_path, small_dir, out, fmt, jobs=1)
    written = _wait_for(proc, out, fmt, at_least=4)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert written < len(SMALL), "the run finished before it could be killed"
    resumed = analyze(
        small_dir,
        sink=out,
        format=fmt,
        n_jobs=1,
        chunk_size=2,
        fit_sample=4,
        resume=True,
        progress=False,
    )
    assert resumed.n_skipped >= 4 and resumed.n_articles + resumed.n_skipped == len(SMALL)
    expected = analyze(small_dir, n_jobs=1, chunk_size=2, fit_sample=4, progress=False)
    loaded = resumed.load()
    assert loaded.articles["article_id"].is_unique
    _assert_same(expected, loaded)


@pytest.mark.slow
def test_ctrl_c_stops_workers_and_leaves_complete_chunks(tmp_path: Path, small_dir: Path) -> None:
    out = tmp_path / "out"
    proc = _start(tmp_path, small_dir, out, "parquet", jobs=2)
    _wait_for(proc, out, "parquet", at_least=2)
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
    stdout, _stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stdout
    assert "interrupted children=0" in stdout
    assert _group_gone(proc.pid), "worker processes outlived the run"
    with open_sink(out, format="parquet") as sink:  # what was written is whole
        frames = sink.load()
        done = sink.done_sources()
    assert len(frames["articles"]) == len(done) and len(done) % 2 == 0
    assert not list(out.rglob("*.tmp"))


@pytest.mark.parametrize("fmt", ["sqlite", "parquet", "csv"])
def test_rerunning_a_corpus_with_a_duplicate_keeps_the_original(tmp_path: Path, fmt: str) -> None:
    # regression: the duplicate's id belongs to the first copy; re-writing the duplicate's
    # error must not delete the first copy's rows
    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(SMALL[0], corpus / "a.md")
    shutil.copy(SMALL[0], corpus / "b.md")  # same content, same id
    shutil.copy(SMALL[1], corpus / "c.md")
    expected = analyze(corpus, n_jobs=1, progress=False)
    assert (expected.n_articles, expected.n_errors) == (2, 1)
    for chunk_size in (1, 2, 1):
        result = analyze(
            corpus,
            sink=tmp_path / "out",
            format=fmt,
            n_jobs=1,
            chunk_size=chunk_size,
            progress=False,
        ).load()
        _assert_same(expected, result)


@pytest.mark.parametrize("fmt", ["sqlite", "parquet", "csv"])
@pytest.mark.parametrize("chunk_size", [10, 2])
def test_an_input_listed_twice_is_analysed_once_and_reported_as_a_duplicate(
    tmp_path: Path, fmt: str, chunk_size: int
) -> None:
    # regression: a repeat in the same chunk broke the SQL sink (UNIQUE source); in a
    # later chunk it deleted the first copy's rows (4 articles reported, 3 stored)
    inputs = [str(p) for p in SMALL[:4]] + [str(SMALL[0])]
    expected = analyze(SMALL[:4], n_jobs=1, progress=False)
    result = analyze(
        inputs, sink=tmp_path / "out", format=fmt, n_jobs=1, chunk_size=chunk_size, progress=False
    )
    assert (result.n_inputs, result.n_articles, result.n_errors) == (5, 4, 1)
    stored = result.load()
    pd.testing.assert_frame_equal(stored.articles, expected.articles)
    pd.testing.assert_frame_equal(stored.keywords, expected.keywords)
    assert stored.errors["path"].tolist() == [str(SMALL[0])]
    assert stored.errors["article_id"].tolist() == expected.articles["article_id"][:1].tolist()
    assert "listed more than once" in stored.errors["message"].iloc[0]
    with open_sink(tmp_path / "out", format=fmt) as sink:
        srcs = sink.done_sources()
    assert sorted(srcs) == sorted(str(p) for p in SMALL[:4])
    assert all(srcs.values())


def test_the_same_text_twice_into_sqlite_is_one_article_and_one_duplicate(
    tmp_path: Path,
) -> None:
    result = analyze(["小米发布新机"] * 2, sink=f"{tmp_path}/x.db", n_jobs=1, progress=False)
    assert (result.n_articles, result.n_errors) == (1, 1)
    stored = result.load()
    assert len(stored.articles) == 1 and len(stored.errors) == 1
    in_memory = analyze(["小米发布新机"] * 2, n_jobs=1, progress=False)
    assert (in_memory.n_articles, in_memory.n_errors, len(in_memory.errors)) == (1, 1, 1)


def test_a_frame_read_articles_returned_is_analysed_as_it_stands() -> None:
    # regression: the text column was re-parsed (hard-wrapped lines merged, categories
    # and path lost), so offsets differed from extract_entities(df)
    df = read_articles(EXAMPLES)
    from_frame = analyze(df, n_jobs=1, progress=False)
    pd.testing.assert_frame_equal(from_frame.articles, df)
    from_files = analyze(EXAMPLES, n_jobs=1, progress=False)
    for name in FRAME_NAMES:
        pd.testing.assert_frame_equal(from_frame.frames()[name], from_files.frames()[name])


def test_a_missing_path_in_a_list_is_an_error_not_an_article(tmp_path: Path) -> None:
    result = analyze([str(tmp_path / "nope.md"), "/nonexistent"], n_jobs=1, progress=False)
    assert (result.n_articles, result.n_errors) == (0, 2)
    assert "/nonexistent" in result.errors["message"].iloc[1]


def test_the_keyword_temp_dir_is_removed_and_a_killed_runs_dir_is_cleaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_dir: Path
) -> None:
    # regression: the fitted extractor's pickle stayed in /tmp when a run was SIGKILLed
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f"newsnlp-run-{dead.pid}-abc"
    stale.mkdir()
    (stale / "keywords-x.pkl").write_bytes(b"x")
    alive = tmp_path / f"newsnlp-run-{os.getppid()}-abc"  # a live process's run
    alive.mkdir()
    result = analyze(small_dir, n_jobs=2, chunk_size=2, fit_sample=2, progress=False)
    assert result.n_articles == len(SMALL) and len(result.keywords)
    assert sorted(p.name for p in tmp_path.iterdir()) == [alive.name]
