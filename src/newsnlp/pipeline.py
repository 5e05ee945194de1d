"""``analyze()``: parse, tokenize once, analyse and deliver whole corpora.

The batch layer. Inputs are enumerated lazily in the calling process (file names,
JSONL lines, table rows: cheap), cut into chunks in input order, and each chunk is
parsed, tokenized **once** and analysed in a worker process; the frames come back
in input order and are either collected (:class:`AnalysisResult`) or written to a
sink chunk by chunk (memory stays flat). Every input ends up in ``articles`` or in
``errors``.

Keywords are corpus-fitted (TF-IDF). How :func:`analyze` fits them:

- ``keywords=<fitted KeywordExtractor>`` is used as it is; ``keywords="textrank"``
  needs no fit.
- Otherwise the IDF is learned from the first ``fit_sample`` inputs in input order
  (default: all of them when results are kept in memory, which equals
  ``KeywordExtractor().fit_transform(corpus)``; the first 1,000 when streaming to a
  sink, so memory stays flat). Those articles are still tokenized once: the workers
  send back their compact keyword candidates, the calling process learns the
  document frequencies from them, ranks them, and the remaining chunks are scored
  by the workers with the fitted extractor. The sample, and so every result, is
  the same whatever ``n_jobs`` or ``chunk_size`` is. A sink keeps the fitted
  extractor, so a resumed run scores with the same IDF as the run it completes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import logging
import math
import multiprocessing
import os
import pickle
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from newsnlp.errors import (
    InputTypeError,
    NewsNLPError,
    ParameterError,
    ParseError,
    SinkError,
    invalid_parameter,
)
from newsnlp.io.readers import InputItem, ReadFailure, ReadOptions, iter_inputs, read_input
from newsnlp.io.sinks import (
    FRAME_NAMES,
    Sink,
    SinkFormat,
    conform_sources,
    empty_sources,
    open_sink,
)
from newsnlp.parse.article import Article
from newsnlp.schemas import conform, empty_frame, frame_from_records

if TYPE_CHECKING:
    from newsnlp.analysis.entities import EntityExtractor
    from newsnlp.analysis.keywords import KeywordCandidates, KeywordExtractor
    from newsnlp.analysis.sentiment import SentimentScorer
    from newsnlp.text.doc import ArticleDoc
    from newsnlp.text.lexicon import Lexicon
    from newsnlp.text.tokenizer import Tokenizer

__all__ = ["AnalysisResult", "Pipeline", "analyze"]

logger = logging.getLogger(__name__)

ErrorsMode = Literal["collect", "raise"]
StartMethod = Literal["fork", "spawn", "forkserver"]
KeywordsOption = Literal["tfidf", "textrank"]
SentimentOption = Literal["lexicon", "model", "snownlp"]

#: Inputs whose IDF a streaming run fits keywords on (see the module docstring).
DEFAULT_STREAM_FIT_SAMPLE = 1000
DEFAULT_CHUNK_SIZE = 64
_META_KEY = "keywords"


# ---------------------------------------------------------------------------
# the result
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AnalysisResult:
    """What :func:`analyze` returns: the frames, or a summary of what went to a sink.

    The frames are attributes (``result.articles``, ``result.mentions``,
    ``result.entities``, ``result.keywords``, ``result.sentiment``,
    ``result.sentences``, ``result.errors``), each with the columns of
    :mod:`newsnlp.schemas`. When the run streamed to a sink, nothing is kept in
    memory: a frame is read back from the sink the first time it is used (and then
    reflects everything the sink holds, earlier runs included).

    Attributes
    ----------
    n_inputs : int
        Inputs seen (files, lines, rows, objects), skipped ones included.
    n_articles, n_errors : int
        Inputs analysed into ``articles`` / recorded in ``errors`` by this run;
        ``n_articles + n_errors + n_skipped == n_inputs``.
    n_skipped : int
        Inputs a resumed run found already written to the sink.
    seconds : float
        Wall-clock time of the run.
    sink : Sink or None
        Where the frames were written, or None when they are in memory.
    """

    n_inputs: int
    n_articles: int
    n_errors: int
    n_skipped: int = 0
    seconds: float = 0.0
    sink: Sink | None = field(default=None, compare=False)
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False, compare=False)

    # -- frames ----------------------------------------------------------------
    def _frame(self, name: str) -> pd.DataFrame:
        frame = self._frames.get(name)
        if frame is None:
            if self.sink is None:
                return empty_frame(name)  # type: ignore[arg-type]
            frame = self.sink.load([name])[name]
            self._frames[name] = frame
        return frame

    @property
    def articles(self) -> pd.DataFrame:
        """The ``articles`` frame: article_id, source, url, title, author, published_at,
        categories, text, n_chars, path."""
        return self._frame("articles")

    @property
    def mentions(self) -> pd.DataFrame:
        """The ``mentions`` frame: article_id, entity, type, mention, field, start, end, sentence."""
        return self._frame("mentions")

    @property
    def entities(self) -> pd.DataFrame:
        """The ``entities`` frame: article_id, entity, type, mentions, in_title, first_offset,
        salience, sentiment."""
        return self._frame("entities")

    @property
    def keywords(self) -> pd.DataFrame:
        """The ``keywords`` frame: article_id, keyword, rank, score, method."""
        return self._frame("keywords")

    @property
    def sentiment(self) -> pd.DataFrame:
        """The ``sentiment`` frame: article_id, score, label, method."""
        return self._frame("sentiment")

    @property
    def sentences(self) -> pd.DataFrame:
        """The ``sentences`` frame: article_id, field, sentence, start, end, text, score,
        label, method."""
        return self._frame("sentences")

    @property
    def errors(self) -> pd.DataFrame:
        """The ``errors`` frame: article_id (may be null), path (the input), stage, error,
        message."""
        return self._frame("errors")

    def frames(self) -> dict[str, pd.DataFrame]:
        """Return every frame by name (reading them from the sink if needed)."""
        return {name: self._frame(name) for name in FRAME_NAMES}

    def load(self) -> AnalysisResult:
        """Return a result holding every frame in memory (read from the sink if streamed)."""
        frames = self.frames()
        frames["_sources"] = self._frames.get("_sources", empty_sources())
        return AnalysisResult(
            self.n_inputs,
            self.n_articles,
            self.n_errors,
            self.n_skipped,
            self.seconds,
            None,
            frames,
        )

    # -- summary ---------------------------------------------------------------
    @property
    def articles_per_second(self) -> float:
        """Inputs processed per second by this run (skipped ones excluded)."""
        done = self.n_articles + self.n_errors
        return done / self.seconds if self.seconds > 0 else float("nan")

    def summary(self) -> str:
        """One line: articles, errors, skipped, time and throughput."""
        parts = [f"{self.n_articles:,} articles", f"{self.n_errors:,} errors"]
        if self.n_skipped:
            parts.append(f"{self.n_skipped:,} already written (skipped)")
        rate = self.articles_per_second
        rate_s = f"{rate:,.1f} articles/s" if math.isfinite(rate) else "- articles/s"
        line = f"{', '.join(parts)} in {self.seconds:,.1f} s ({rate_s})"
        if self.sink is not None:
            line += f" -> {self.sink.target}"
        return line

    # -- writing ---------------------------------------------------------------
    def to_parquet(self, directory: str | os.PathLike[str]) -> Sink:
        """Write the frames as Parquet under ``directory`` (``<frame>/part-*.parquet``)."""
        return self._write(open_sink(directory, format="parquet"))

    def to_csv(self, directory: str | os.PathLike[str]) -> Sink:
        """Write the frames as CSV under ``directory`` (``<frame>/part-*.csv``)."""
        return self._write(open_sink(directory, format="csv"))

    def to_sql(self, url: str) -> Sink:
        """Write the frames to a database (``sqlite:///features.db``, any SQLAlchemy URL)."""
        if "://" not in str(url):
            raise ParameterError(
                f"The 'url' parameter of AnalysisResult.to_sql must be a SQLAlchemy URL such as "
                f"'sqlite:///features.db'. Got {url!r} instead."
            )
        return self._write(open_sink(url))

    def _write(self, sink: Sink) -> Sink:
        """Write every frame as one chunk, replacing earlier rows of the same articles."""
        frames = self.frames()
        sources = self._frames.get("_sources")
        if sources is None or (
            len(sources) == 0 and len(frames["articles"]) + len(frames["errors"])
        ):
            sources = _sources_from_frames(frames)
        with sink:
            sink.write(frames, sources)
        return sink


def _sources_from_frames(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    arts = frames["articles"]
    errs = frames["errors"]
    rows = [
        {"source": f"id:{a}", "article_id": a, "status": "ok"} for a in arts["article_id"].tolist()
    ]
    rows += [
        {
            "source": str(p) if p is not pd.NA and p is not None else f"error:{i}",
            "article_id": a,
            "status": "error",
        }
        for i, (a, p) in enumerate(
            zip(errs["article_id"].tolist(), errs["path"].tolist(), strict=True)
        )
    ]
    return conform_sources(pd.DataFrame(rows)) if rows else empty_sources()


class _StageError(Exception):
    def __init__(self, stage: str, exc: BaseException) -> None:
        super().__init__(str(exc))
        self.stage = stage
        self.exc = exc


# ---------------------------------------------------------------------------
# keyword fitting without tokenizing twice
# ---------------------------------------------------------------------------


def _fit_keywords_on(kx: KeywordExtractor, candidates: Sequence[KeywordCandidates]) -> None:
    """Fit ``kx`` on candidates exactly as ``kx.fit_docs(docs)`` would on their docs."""
    from newsnlp.errors import ModelError

    if not candidates:
        raise ModelError(
            "analyze could not fit keywords: no article of the fit sample was analysed. "
            "Pass keywords='textrank' or a fitted KeywordExtractor."
        )
    kx.fit_candidates(candidates)


def _rank_keywords(
    kx: KeywordExtractor, pairs: Sequence[tuple[str, KeywordCandidates]]
) -> pd.DataFrame:
    """The ``keywords`` frame of articles given as ``(article_id, candidates)``."""
    rows = [
        {"article_id": aid, "keyword": term, "rank": rank, "score": score, "method": kx.method}
        for aid, cands in pairs
        for rank, (term, score) in enumerate(kx.rank_candidates(cands), start=1)
    ]
    return frame_from_records(rows, "keywords")


def _check_keywords(kx: KeywordExtractor) -> None:
    """Raise a bad parameter of ``kx`` (or a missing fit it cannot do) now, not once per article."""
    kx.validate_params()
    if not _needs_fit(kx):
        kx.transform_docs([])  # raises NotFittedError up front when an IDF is needed and absent


def _needs_fit(kx: KeywordExtractor | None) -> bool:
    return kx is not None and kx.method == "tfidf" and not hasattr(kx, "idf_")


# ---------------------------------------------------------------------------
# the pipeline
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ChunkOut:
    """A chunk's results as they travel back from a worker."""

    frames: dict[str, pd.DataFrame]
    sources: pd.DataFrame
    n_items: int
    candidates: list[tuple[str, KeywordCandidates]] | None = None
    error: BaseException | None = None  # the first failure, when errors="raise"


@dataclass(slots=True)
class _Components:
    tokenizer: Tokenizer
    entities: EntityExtractor | None
    keywords: KeywordExtractor | None
    sentiment: SentimentScorer | None
    sentences: bool


class Pipeline:
    """The settings and analysers of a run; worker processes build their own copy.

    Parameters
    ----------
    lexicon : Lexicon, str or path, optional
        The tech lexicon. A path is read (``.tsv``, ``.csv``, ``.yaml``) on top of
        the shipped lexicon. Default: the shipped lexicon.
    tokenizer : Tokenizer, optional
        Tokenizer to use (default ``Tokenizer(lexicon=lexicon)``).
    entities : bool or EntityExtractor, default True
        Extract entities (``mentions`` and ``entities`` frames).
    keywords : {"tfidf", "textrank"}, KeywordExtractor or None, default "tfidf"
        How keywords are extracted (see the module docstring for how TF-IDF is
        fitted); None skips keywords.
    sentiment : {"lexicon", "model", "snownlp"}, SentimentScorer or None, default "lexicon"
        How sentiment is scored (``sentiment`` frame, entity sentiment, sentences);
        None skips it. ``"model"`` needs a fitted SentimentScorer instance.
    sentences : bool, default True
        Also return the ``sentences`` frame (sentence-level sentiment).
    top_k : int, default 10
        Keywords per article, when ``keywords`` is a method name.
    read_options : mapping, optional
        How files and table rows are read: the keyword arguments of
        :func:`newsnlp.io.readers.read_articles` (``text_column``, ``id_column``,
        ``format``, ``default_tz``, ``to_simplified``...).
    """

    def __init__(
        self,
        *,
        lexicon: Lexicon | str | os.PathLike[str] | None = None,
        tokenizer: Tokenizer | None = None,
        entities: bool | EntityExtractor = True,
        keywords: KeywordsOption | KeywordExtractor | None = "tfidf",
        sentiment: SentimentOption | SentimentScorer | None = "lexicon",
        sentences: bool = True,
        top_k: int = 10,
        read_options: Mapping[str, Any] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.tokenizer = tokenizer
        self.entities = entities
        self.keywords = keywords
        self.sentiment = sentiment
        self.sentences = sentences
        self.top_k = top_k
        self.read_options = read_options
        self._built: _Components | None = None
        self._reader_options: ReadOptions | None = None

    def __repr__(self) -> str:
        return (
            f"Pipeline(keywords={self.keywords!r}, sentiment={self.sentiment!r}, "
            f"entities={self.entities!r}, sentences={self.sentences!r})"
        )

    def __getstate__(self) -> dict[str, Any]:
        return {
            "lexicon": self.lexicon,
            "tokenizer": self.tokenizer,
            "entities": self.entities,
            "keywords": self.keywords,
            "sentiment": self.sentiment,
            "sentences": self.sentences,
            "top_k": self.top_k,
            "read_options": self.read_options,
            "_built": self._built,
            "_reader_options": self._reader_options,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            setattr(self, k, v)

    # -- building the analysers ------------------------------------------------
    def components(self) -> _Components:
        """Validate the settings and build the tokenizer and analysers (once)."""
        if self._built is None:
            self._built = self._build()
        return self._built

    def reader_options_(self) -> ReadOptions:
        """The validated options files and rows are read with (see ``read_articles``)."""
        if self._reader_options is None:
            self._reader_options = _read_options(self.read_options)
        return self._reader_options

    def _build(self) -> _Components:
        owner = "analyze"
        if not isinstance(self.top_k, int) or isinstance(self.top_k, bool) or self.top_k < 1:
            raise invalid_parameter(owner, "top_k", "an int >= 1", self.top_k)
        if not isinstance(self.sentences, bool):
            raise invalid_parameter(owner, "sentences", "a bool", self.sentences)
        lexicon = _resolve_lexicon(self.lexicon)
        tokenizer = self.tokenizer
        if tokenizer is None:
            from newsnlp.text.tokenizer import Tokenizer

            tokenizer = Tokenizer(lexicon=lexicon) if lexicon is not None else Tokenizer()
        ex: EntityExtractor | None = None
        if self.entities is True:
            from newsnlp.analysis.entities import EntityExtractor

            ex = EntityExtractor(tokenizer=tokenizer, lexicon=lexicon)
        elif self.entities is not False and self.entities is not None:
            from newsnlp.analysis.entities import EntityExtractor

            if not isinstance(self.entities, EntityExtractor):
                raise invalid_parameter(
                    owner, "entities", "a bool or an EntityExtractor", self.entities
                )
            ex = self.entities
        kx: KeywordExtractor | None = None
        if self.keywords is not None and self.keywords is not False:
            from newsnlp.analysis.keywords import KeywordExtractor

            if isinstance(self.keywords, KeywordExtractor):
                kx = self.keywords
                if _needs_fit(kx):
                    from sklearn.base import clone

                    kx = clone(kx)  # fitted here, never the caller's object
                _check_keywords(kx)
            elif self.keywords in ("tfidf", "textrank"):
                kx = KeywordExtractor(method=self.keywords, top_k=self.top_k, tokenizer=tokenizer)
            else:
                raise invalid_parameter(
                    owner,
                    "keywords",
                    "'tfidf', 'textrank', a KeywordExtractor or None",
                    self.keywords,
                )
        sc: SentimentScorer | None = None
        if self.sentiment is not None and self.sentiment is not False:
            from newsnlp.analysis.sentiment import SentimentScorer

            if isinstance(self.sentiment, SentimentScorer):
                sc = self.sentiment
            elif self.sentiment in ("lexicon", "snownlp"):
                sc = SentimentScorer(method=self.sentiment, tokenizer=tokenizer)
            elif self.sentiment == "model":
                raise invalid_parameter(
                    owner,
                    "sentiment",
                    "a fitted SentimentScorer(method='model') for the model method "
                    "(train it with SentimentScorer(method='model').fit(texts, labels))",
                    self.sentiment,
                )
            else:
                raise invalid_parameter(
                    owner,
                    "sentiment",
                    "'lexicon', 'snownlp', a SentimentScorer or None",
                    self.sentiment,
                )
            sc.transform_docs([])  # raises NotFittedError / missing snownlp up front
        return _Components(tokenizer, ex, kx, sc, bool(self.sentences))

    def warm_up(self) -> None:
        """Build everything that loads lazily (dictionaries, lexicons) in this process."""
        self.components()
        probe = Article(id="warm-up", title="小米", text="雷军表示，小米手机很好。")
        _run_chunk(self, [InputItem("warm-up", "article", probe)], "none", None, "collect")

    # -- analysing -------------------------------------------------------------
    def analyze_articles(self, articles: Iterable[Article]) -> dict[str, pd.DataFrame]:
        """Analyse parsed articles in this process (no workers, no sink).

        Keywords need a fitted extractor or ``keywords="textrank"`` here.

        Returns
        -------
        dict of str to DataFrame
            ``articles``, ``mentions``, ``entities``, ``keywords``, ``sentiment``,
            ``sentences``, ``errors`` (see :mod:`newsnlp.schemas`).
        """
        items = [InputItem(f"id:{a.id}", "article", a, a.path) for a in articles]
        kx = self.components().keywords
        if _needs_fit(kx):
            raise ParameterError(
                "Pipeline.analyze_articles needs keywords that are fitted or 'textrank'; "
                "use analyze() to fit TF-IDF on the corpus."
            )
        out = _run_chunk(self, items, "none" if kx is None else "transform", None, "collect")
        return out.frames

    def analyze(
        self,
        inputs: Any,
        *,
        n_jobs: int = -1,
        progress: bool = True,
        errors: ErrorsMode = "collect",
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        sink: str | os.PathLike[str] | Sink | None = None,
        format: SinkFormat | None = None,
        resume: bool = False,
        fit_sample: int | Literal["auto"] | None = "auto",
        start_method: StartMethod | None = None,
    ) -> AnalysisResult:
        """Run the pipeline over ``inputs``; see :func:`analyze`."""
        return _Run(
            self,
            inputs,
            n_jobs=n_jobs,
            progress=progress,
            errors=errors,
            chunk_size=chunk_size,
            sink=sink,
            format=format,
            resume=resume,
            fit_sample=fit_sample,
            start_method=start_method,
        ).run()


def _read_options(options: Mapping[str, Any] | None) -> ReadOptions:
    """``read_options`` of analyze as ReadOptions (errors are collected per input)."""
    allowed = sorted(f.name for f in dataclasses.fields(ReadOptions) if f.name != "errors")
    unknown = [key for key in (options or {}) if key not in allowed]
    if unknown:
        raise InputTypeError(f"analyze: unknown read option {unknown[0]!r}; allowed: {allowed}.")
    return ReadOptions(**dict(options or {}))


def _resolve_lexicon(value: Any) -> Lexicon | None:
    if value is None:
        return None
    from newsnlp.text.lexicon import Lexicon

    if isinstance(value, Lexicon):
        return value
    if isinstance(value, (str, os.PathLike)):
        path = os.fspath(value)
        lower = path.lower()
        base = Lexicon.default()
        if lower.endswith(".csv"):
            return Lexicon.from_csv(path, base=base)
        if lower.endswith((".yaml", ".yml")):
            return Lexicon.from_yaml(path, base=base)
        return Lexicon.from_tsv(path, base=base)
    raise invalid_parameter(
        "analyze", "lexicon", "a Lexicon, a path to a lexicon file, or None", value
    )


# ---------------------------------------------------------------------------
# one chunk (in a worker, or in the calling process when n_jobs=1)
# ---------------------------------------------------------------------------


def _error_row(aid: str | None, item: InputItem, stage: str, exc: BaseException) -> dict[str, Any]:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return {
        "article_id": aid,
        "path": item.source,
        "stage": stage,
        "error": type(exc).__name__,
        "message": message,
    }


def _stage(
    stage: str,
    docs: list[ArticleDoc],
    fn: Callable[[list[ArticleDoc]], Any],
    failed: dict[str, tuple[str, BaseException]],
    raise_first: bool,
) -> list[Any]:
    """Run ``fn`` on all docs; if it fails, run it per doc to isolate the failing ones."""
    live = [d for d in docs if d.article_id not in failed]
    if not live:
        return []
    try:
        return [fn(live)]
    except Exception as exc:
        if raise_first:
            raise _StageError(stage, exc) from exc
    out: list[Any] = []
    for d in live:
        try:
            out.append(fn([d]))
        except Exception as exc:
            logger.warning("%s failed on article %s: %s", stage, d.article_id, exc)
            failed[d.article_id] = (stage, exc)
    return out


def _concat(frames: Sequence[pd.DataFrame], name: str) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty_frame(name)  # type: ignore[arg-type]
    if len(frames) == 1:
        return conform(frames[0], name)  # type: ignore[arg-type]
    return conform(pd.concat(frames, ignore_index=True), name)  # type: ignore[arg-type]


def _run_chunk(
    pipeline: Pipeline,
    items: Sequence[InputItem],
    mode: Literal["none", "transform", "candidates"],
    kx_override: KeywordExtractor | None,
    errors: ErrorsMode,
) -> _ChunkOut:
    raise_first = errors == "raise"
    comps = pipeline.components()
    options = pipeline.reader_options_()
    err_rows: list[dict[str, Any]] = []
    status: dict[int, tuple[str | None, str]] = {}  # item position -> (article_id, status)
    loaded: list[tuple[int, Article]] = []
    seen: dict[str, str] = {}  # article_id -> the input it came from first
    try:
        for pos, item in enumerate(items):
            try:
                article = read_input(item, options)
            except Exception as exc:  # a reader bug must not lose the input
                article = ReadFailure(None, item.source, "read", type(exc).__name__, str(exc))
            if isinstance(article, ReadFailure):
                if raise_first:
                    raise _StageError(article.stage, ParseError(article.message))
                err_rows.append(
                    {
                        "article_id": article.article_id,
                        "path": item.source,
                        "stage": article.stage,
                        "error": article.error,
                        "message": article.message.strip().splitlines()[0]
                        if article.message.strip()
                        else article.error,
                    }
                )
                status[pos] = (article.article_id, "error")
                continue
            if article.id in seen:
                err_rows.append(
                    _error_row(
                        article.id,
                        item,
                        "read",
                        ParseError(_duplicate_message(item.source, article.id, seen[article.id])),
                    )
                )
                status[pos] = (article.id, "duplicate")
                continue
            seen[article.id] = item.source
            loaded.append((pos, article))

        failed: dict[str, tuple[str, BaseException]] = {}
        docs: list[ArticleDoc] = []
        for _pos, article in loaded:
            try:
                docs.append(comps.tokenizer.tokenize_article(article))
            except Exception as exc:
                if raise_first:
                    raise _StageError("tokenize", exc) from exc
                failed[article.id] = ("tokenize", exc)

        mentions: list[pd.DataFrame] = []
        entities: list[pd.DataFrame] = []
        if comps.entities is not None:
            for res in _stage("entities", docs, comps.entities.extract_docs, failed, raise_first):
                mentions.append(res.mentions)
                entities.append(res.entities)

        keywords: list[pd.DataFrame] = []
        candidates: list[tuple[str, KeywordCandidates]] | None = None
        kx = kx_override if kx_override is not None else comps.keywords
        if kx is not None and mode == "transform":
            keywords = _stage("keywords", docs, kx.transform_docs, failed, raise_first)
        elif kx is not None and mode == "candidates":
            cand_lists = _stage(
                "keywords",
                docs,
                lambda ds: [(d.article_id, kx.candidates(d)) for d in ds],
                failed,
                raise_first,
            )
            candidates = [pair for lst in cand_lists for pair in lst]

        sentiment: list[pd.DataFrame] = []
        sentences: list[pd.DataFrame] = []
        if comps.sentiment is not None:
            sc = comps.sentiment
            sentiment = _stage("sentiment", docs, sc.transform_docs, failed, raise_first)
            if comps.sentences:
                sentences = _stage("sentiment", docs, sc.score_sentences_docs, failed, raise_first)
            if comps.entities is not None and mentions:
                ment_all = _concat(mentions, "mentions")
                ent_sent = _stage(
                    "sentiment",
                    docs,
                    lambda ds: sc.entity_sentiment(
                        ds, ment_all[ment_all["article_id"].isin([d.article_id for d in ds])]
                    ),
                    failed,
                    raise_first,
                )
                if ent_sent:
                    from newsnlp.analysis.sentiment import merge_entity_sentiment

                    es = pd.concat(ent_sent, ignore_index=True)
                    entities = [merge_entity_sentiment(_concat(entities, "entities"), es)]
    except _StageError as exc:
        err = exc.exc
        if hasattr(err, "add_note"):
            err.add_note(f"newsnlp: stage {exc.stage!r} of a chunk starting at {items[0].source}")
        return _ChunkOut({}, empty_sources(), len(items), None, err)

    frames = {
        "articles": frame_from_records(
            [a.to_record() for _p, a in loaded if a.id not in failed], "articles"
        ),
        "mentions": _concat(mentions, "mentions"),
        "entities": _concat(entities, "entities"),
        "keywords": _concat(keywords, "keywords"),
        "sentiment": _concat(sentiment, "sentiment"),
        "sentences": _concat(sentences, "sentences"),
    }
    if failed:
        for name in ("mentions", "entities", "keywords", "sentiment", "sentences"):
            f = frames[name]
            if len(f):
                frames[name] = f[~f["article_id"].isin(list(failed))].reset_index(drop=True)
        if candidates is not None:
            candidates = [(a, c) for a, c in candidates if a not in failed]
    for pos, article in loaded:
        if article.id in failed:
            stage, cause = failed[article.id]
            err_rows.append(_error_row(article.id, items[pos], stage, cause))
            status[pos] = (article.id, "error")
        else:
            status[pos] = (article.id, "ok")
    # errors in input order
    order = {it.source: i for i, it in enumerate(items)}
    err_rows.sort(key=lambda r: order.get(r["path"], 0))
    frames["errors"] = frame_from_records(err_rows, "errors")
    sources = pd.DataFrame(
        {
            "source": [it.source for it in items],
            "article_id": [status[i][0] for i in range(len(items))],
            "status": [status[i][1] for i in range(len(items))],
        }
    )
    return _ChunkOut(frames, conform_sources(sources), len(items), candidates)


# ---------------------------------------------------------------------------
# workers
# ---------------------------------------------------------------------------

_WORKER_PIPELINE: Pipeline | None = None
_WORKER_KEYWORDS: dict[str, Any] = {}


def _init_worker(state: bytes) -> None:
    """Build the pipeline once per worker process (fork, spawn or forkserver)."""
    global _WORKER_PIPELINE
    # Ctrl-C is the calling process's to handle: it cancels work and stops the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pipeline = pickle.loads(state)
    pipeline.warm_up()
    _WORKER_PIPELINE = pipeline


def _worker_chunk(
    items: list[InputItem],
    mode: Literal["none", "transform", "candidates"],
    kx_path: str | None,
    errors: ErrorsMode,
) -> _ChunkOut:
    if _WORKER_PIPELINE is None:  # pragma: no cover - initializer always ran
        raise RuntimeError("newsnlp worker was not initialised")
    kx = None
    if kx_path is not None:
        kx = _WORKER_KEYWORDS.get(kx_path)
        if kx is None:
            with open(kx_path, "rb") as fh:
                kx = pickle.load(fh)
            _WORKER_KEYWORDS.clear()
            _WORKER_KEYWORDS[kx_path] = kx
    return _run_chunk(_WORKER_PIPELINE, items, mode, kx, errors)


class _Runner:
    """Runs chunks in this process (n_jobs=1) or in a process pool, yielding in order."""

    def __init__(
        self, pipeline: Pipeline, n_jobs: int, start_method: StartMethod | None, errors: ErrorsMode
    ):
        self.pipeline = pipeline
        self.n_jobs = n_jobs
        self.start_method = start_method
        self.errors = errors
        self._pool: ProcessPoolExecutor | None = None
        self._kx_file: str | None = None
        self._tmpdir: str | None = None
        self._kx: KeywordExtractor | None = None

    def set_keywords(self, kx: KeywordExtractor) -> None:
        """Hand a freshly fitted keyword extractor to the workers (via a temp file).

        The file lives in this run's own temp directory (``newsnlp-run-<pid>-*``),
        removed on close; directories left by runs that were killed (their process is
        gone) are removed when the next run makes its own.
        """
        self._kx = kx
        if self.n_jobs > 1:
            if self._tmpdir is None:
                _remove_stale_run_dirs()
                self._tmpdir = tempfile.mkdtemp(prefix=f"{_RUN_DIR_PREFIX}{os.getpid()}-")
            fd, path = tempfile.mkstemp(prefix="keywords-", suffix=".pkl", dir=self._tmpdir)
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(kx, fh, protocol=pickle.HIGHEST_PROTOCOL)
            self._drop_kx_file()
            self._kx_file = path

    def _drop_kx_file(self) -> None:
        if self._kx_file is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._kx_file)
            self._kx_file = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            ctx = multiprocessing.get_context(self.start_method) if self.start_method else None
            state = pickle.dumps(self.pipeline, protocol=pickle.HIGHEST_PROTOCOL)
            self._pool = ProcessPoolExecutor(
                max_workers=self.n_jobs, mp_context=ctx, initializer=_init_worker, initargs=(state,)
            )
        return self._pool

    def map(
        self, chunks: Iterable[list[InputItem]], mode: Literal["none", "transform", "candidates"]
    ) -> Iterator[_ChunkOut]:
        if self.n_jobs <= 1:
            for chunk in chunks:
                yield _run_chunk(self.pipeline, chunk, mode, self._kx, self.errors)
            return
        pool = self._executor()
        window = 2 * self.n_jobs
        pending: list[Future[_ChunkOut]] = []
        it = iter(chunks)
        kx_path = self._kx_file
        try:
            for chunk in itertools.islice(it, window):
                pending.append(pool.submit(_worker_chunk, chunk, mode, kx_path, self.errors))
            while pending:
                try:
                    out = pending.pop(0).result()
                except BrokenProcessPool as exc:
                    raise NewsNLPError(
                        "a newsnlp worker process died before finishing its chunk (killed, out of "
                        f"memory, or a crash in a C extension): {exc}. Try a smaller chunk_size or "
                        "n_jobs; under the 'spawn' start method the calling script must be "
                        "importable and start work under `if __name__ == '__main__':`."
                    ) from exc
                nxt = next(it, None)
                if nxt is not None:
                    pending.append(pool.submit(_worker_chunk, nxt, mode, kx_path, self.errors))
                yield out
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise

    def close(self, *, abort: bool = False) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            if abort:
                procs = list(getattr(pool, "_processes", {}).values() or [])
                pool.shutdown(wait=False, cancel_futures=True)
                for p in procs:
                    with contextlib.suppress(Exception):
                        p.terminate()
                for p in procs:
                    with contextlib.suppress(Exception):
                        p.join(timeout=5)
            else:
                pool.shutdown(wait=True)
        self._drop_kx_file()
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None


_RUN_DIR_PREFIX = "newsnlp-run-"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. another user's process: alive
        return True
    return True


def _remove_stale_run_dirs() -> None:
    """Remove this user's ``newsnlp-run-<pid>-*`` temp dirs whose process is gone (SIGKILL)."""
    base = tempfile.gettempdir()
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = list(os.scandir(base))
    except OSError:
        return
    for entry in entries:
        m = re.match(rf"{_RUN_DIR_PREFIX}(\d+)-", entry.name)
        if m is None or int(m.group(1)) == os.getpid():
            continue
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            if uid is not None and entry.stat(follow_symlinks=False).st_uid != uid:
                continue
        except OSError:
            continue
        if not _process_alive(int(m.group(1))):
            logger.debug("removing %s, left by a run that was killed", entry.path)
            shutil.rmtree(entry.path, ignore_errors=True)


# ---------------------------------------------------------------------------
# a run
# ---------------------------------------------------------------------------


def _chunks(items: Iterable[InputItem], size: int) -> Iterator[list[InputItem]]:
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


class _NoBar:
    """What the run reports progress to when no bar is shown (tqdm is not imported)."""

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix(self, **kwargs: Any) -> None:
        pass

    def close(self) -> None:
        pass


def _progress_bar(enabled: bool) -> Any:
    """A tqdm bar on stderr when asked for and stderr is a terminal; else a silent stand-in.

    The plain console ``tqdm`` is used (never ``tqdm.auto``, which warns "IProgress not
    found" in notebooks without ipywidgets), and only imported when a bar is shown.
    """
    isatty = getattr(sys.stderr, "isatty", None)
    if not enabled or isatty is None or not isatty():
        return _NoBar()
    from tqdm import tqdm

    return tqdm(
        total=None,
        unit=" articles",
        dynamic_ncols=True,
        mininterval=0.5,
        smoothing=0.1,
        desc="newsnlp",
        leave=False,
    )


class _Run:
    def __init__(
        self,
        pipeline: Pipeline,
        inputs: Any,
        *,
        n_jobs: int,
        progress: bool,
        errors: ErrorsMode,
        chunk_size: int,
        sink: str | os.PathLike[str] | Sink | None,
        format: SinkFormat | None,
        resume: bool,
        fit_sample: int | Literal["auto"] | None,
        start_method: StartMethod | None,
    ) -> None:
        owner = "analyze"
        if not isinstance(n_jobs, int) or isinstance(n_jobs, bool) or (n_jobs < 1 and n_jobs != -1):
            raise invalid_parameter(owner, "n_jobs", "a positive int or -1 (all cores)", n_jobs)
        if errors not in ("collect", "raise"):
            raise invalid_parameter(owner, "errors", "one of 'collect', 'raise'", errors)
        if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
            raise invalid_parameter(owner, "chunk_size", "an int >= 1", chunk_size)
        if start_method is not None and start_method not in multiprocessing.get_all_start_methods():
            raise invalid_parameter(
                owner,
                "start_method",
                f"one of {multiprocessing.get_all_start_methods()} or None",
                start_method,
            )
        if resume and sink is None:
            raise ParameterError(
                "The 'resume' parameter of analyze needs a sink: resume=True skips what an earlier "
                "run wrote to the same sink. Pass sink='out/' (or a database URL)."
            )
        if fit_sample == "auto":
            fit_sample = DEFAULT_STREAM_FIT_SAMPLE if sink is not None else None
        if fit_sample is not None and (
            not isinstance(fit_sample, int) or isinstance(fit_sample, bool) or fit_sample < 1
        ):
            raise invalid_parameter(
                owner, "fit_sample", "an int >= 1, None (all) or 'auto'", fit_sample
            )
        if n_jobs == -1:
            try:
                n_jobs = len(os.sched_getaffinity(0))
            except AttributeError:  # pragma: no cover - macOS/Windows
                n_jobs = os.cpu_count() or 1
        self.pipeline = pipeline
        self.inputs = inputs
        self.n_jobs = max(1, n_jobs)
        self.progress = progress
        self.errors = errors
        self.chunk_size = chunk_size
        self.sink = open_sink(sink, format=format) if sink is not None else None
        self.resume = resume
        self.fit_sample = fit_sample
        self.start_method = start_method
        # counters
        self.n_inputs = 0
        self.n_articles = 0
        self.n_errors = 0
        self.n_skipped = 0
        self.collected: dict[str, list[pd.DataFrame]] = {n: [] for n in (*FRAME_NAMES, "_sources")}
        self.seen_ids: dict[str, str] = {}  # article_id -> first input
        self.seen_sources: set[str] = set()  # source keys handed to the workers
        self.accepted: dict[str, str | None] = {}  # source -> article_id, once accepted
        self.repeats: list[str] = []  # sources listed again, not analysed; not reported yet

    # -- items, minus what a resumed run already wrote ----------------------------
    def _items(self, done: Mapping[str, str | None]) -> Iterator[InputItem]:
        """The inputs to analyse: without those a resumed run wrote, each source key once.

        An input listed again (the same source key) is not analysed a second time: it
        is reported in ``errors`` as a duplicate once its first copy is accepted (see
        :meth:`_repeat_rows`), so ``n_articles + n_errors + n_skipped == n_inputs``.
        """
        for item in iter_inputs(self.inputs, owner="analyze"):
            self.n_inputs += 1
            if item.source in done:
                self.n_skipped += 1
                continue
            if item.source in self.seen_sources:
                self.repeats.append(item.source)
                continue
            self.seen_sources.add(item.source)
            yield item

    def _repeat_rows(self, final: bool) -> pd.DataFrame:
        """``errors`` rows for repeated inputs whose first copy was accepted (all if final)."""
        rows = []
        keep = []
        for src in self.repeats:
            if final or src in self.accepted:
                aid = self.accepted.get(src)
                rows.append(
                    {
                        "article_id": aid,
                        "path": src,
                        "stage": "read",
                        "error": "ParseError",
                        "message": f"{src}: listed more than once; analysed the first.",
                    }
                )
            else:
                keep.append(src)
        self.repeats = keep
        self.n_errors += len(rows)
        return frame_from_records(rows, "errors")

    def run(self) -> AnalysisResult:
        comps = self.pipeline.components()  # validate settings before touching any output
        started = time.perf_counter()
        sink = self.sink
        runner = _Runner(self.pipeline, self.n_jobs, self.start_method, self.errors)
        bar = _progress_bar(self.progress)
        aborted = True
        try:
            done: dict[str, str | None] = {}
            stored_kx: KeywordExtractor | None = None
            if sink is not None:
                sink.open()
                if self.resume:
                    done = sink.done_sources()
                    self.seen_ids.update((a, s) for s, a in done.items() if a)
                    stored_kx = _load_keywords(sink)
            kx = comps.keywords
            if stored_kx is not None and kx is not None and _needs_fit(kx):
                kx = stored_kx
                runner.set_keywords(kx)
            items: Iterator[InputItem] = self._items(done)
            if runner.n_jobs > 1:
                # one chunk or less: starting workers would cost more than it saves
                head = list(itertools.islice(items, self.chunk_size + 1))
                if len(head) <= self.chunk_size:
                    runner.n_jobs = 1
                items = itertools.chain(head, items)
            mode: Literal["none", "transform", "candidates"] = "none" if kx is None else "transform"
            if kx is not None and _needs_fit(kx):
                mode = self._fit_keywords(kx, items, runner, bar)
            for out in runner.map(_chunks(items, self.chunk_size), mode):
                self._check(out)
                self._accept(out, bar)
            if self.repeats:  # repeats after the last chunk: an errors-only write
                empty = {n: empty_frame(n) for n in FRAME_NAMES}  # type: ignore[arg-type]
                self._accept(_ChunkOut(empty, empty_sources(), 0), bar, final=True)
            aborted = False
        finally:
            bar.close()
            runner.close(abort=aborted)
            if sink is not None:
                sink.close()
        seconds = time.perf_counter() - started
        frames: dict[str, pd.DataFrame] = {}
        if sink is None:
            for name in FRAME_NAMES:
                frames[name] = _concat(self.collected[name], name)
            src = [f for f in self.collected["_sources"] if len(f)]
            frames["_sources"] = (
                conform_sources(pd.concat(src, ignore_index=True)) if src else empty_sources()
            )
        result = AnalysisResult(
            self.n_inputs, self.n_articles, self.n_errors, self.n_skipped, seconds, sink, frames
        )
        logger.info("analyze: %s", result.summary())
        return result

    def _fit_keywords(
        self, kx: KeywordExtractor, items: Iterator[InputItem], runner: _Runner, bar: Any
    ) -> Literal["none", "transform"]:
        """Analyse the fit sample, fit the IDF on its candidates, rank and deliver it.

        A sample in which no article could be analysed is extended by the next
        ``fit_sample`` inputs until one is (or the inputs run out: then there are no
        keywords to find).
        """
        held: list[_ChunkOut] = []
        n_docs = 0
        while True:
            sample = itertools.islice(items, self.fit_sample) if self.fit_sample else items
            took = 0
            for out in runner.map(_chunks(sample, self.chunk_size), "candidates"):
                self._check(out)
                held.append(out)
                took += out.n_items
                n_docs += len(out.candidates or [])
                bar.update(out.n_items)
            if n_docs or took == 0 or not self.fit_sample:
                break
        if n_docs:
            # an article met again in a later chunk is a duplicate: it must not count twice
            seen = set(self.seen_ids)
            fit_on: list[KeywordCandidates] = []
            for out in held:
                for aid, cands in out.candidates or []:
                    if aid not in seen:
                        seen.add(aid)
                        fit_on.append(cands)
            _fit_keywords_on(kx, fit_on)
            if self.sink is not None:
                _save_keywords(self.sink, kx)
            runner.set_keywords(kx)
        for out in held:
            frames = dict(out.frames)
            frames["keywords"] = (
                _rank_keywords(kx, out.candidates or []) if n_docs else empty_frame("keywords")
            )
            self._accept(_ChunkOut(frames, out.sources, 0), bar)
        return "transform" if n_docs else "none"

    def _check(self, out: _ChunkOut) -> None:
        if out.error is not None:
            raise out.error

    def _accept(self, out: _ChunkOut, bar: Any, *, final: bool = False) -> None:
        """Cross-chunk duplicates, repeated inputs, counters, then write or keep the chunk."""
        frames = out.frames
        sources = out.sources
        dup_ids = [
            a
            for a, s in zip(sources["article_id"].tolist(), sources["status"].tolist(), strict=True)
            if s == "ok" and a in self.seen_ids
        ]
        if dup_ids:
            frames, sources = _mark_duplicates(
                frames, sources, {a: self.seen_ids[a] for a in dup_ids}
            )
        for a, s, src in zip(
            sources["article_id"].tolist(),
            sources["status"].tolist(),
            sources["source"].tolist(),
            strict=True,
        ):
            if s == "ok":
                self.seen_ids.setdefault(a, src)
            self.accepted[str(src)] = a if s == "ok" else None
        n_ok = int((sources["status"] == "ok").sum())
        self.n_articles += n_ok
        self.n_errors += len(sources) - n_ok
        if self.repeats:
            repeats = self._repeat_rows(final)
            if len(repeats):
                frames = dict(frames)
                frames["errors"] = _concat([frames["errors"], repeats], "errors")
        if self.sink is not None:
            try:
                self.sink.write(frames, sources)
            except SinkError:
                raise
            except OSError as exc:  # a custom sink's own I/O error
                raise SinkError(f"could not write to {self.sink.target}: {exc}") from exc
        else:
            for name in FRAME_NAMES:
                self.collected[name].append(frames[name])
            self.collected["_sources"].append(sources)
        if out.n_items:
            bar.update(out.n_items)
        if self.n_errors:
            bar.set_postfix(errors=self.n_errors, refresh=False)


def _duplicate_message(source: str, article_id: str, first: str) -> str:
    return f"{source}: same article_id {article_id!r} as {first}; kept the first."


def _mark_duplicates(
    frames: dict[str, pd.DataFrame], sources: pd.DataFrame, dup_ids: Mapping[str, str]
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Turn articles seen in an earlier chunk (``dup_ids``: id -> first input) into duplicates."""
    out = {}
    for name, f in frames.items():
        if name == "errors" or len(f) == 0:
            out[name] = f
        else:
            out[name] = f[~f["article_id"].isin(list(dup_ids))].reset_index(drop=True)
    sources = sources.copy()
    rows = []
    for i, (src, aid, st) in enumerate(
        zip(
            sources["source"].tolist(),
            sources["article_id"].tolist(),
            sources["status"].tolist(),
            strict=True,
        )
    ):
        if st == "ok" and aid in dup_ids:
            sources.loc[i, "status"] = "duplicate"
            rows.append(
                {
                    "article_id": aid,
                    "path": src,
                    "stage": "read",
                    "error": "ParseError",
                    "message": _duplicate_message(src, aid, dup_ids[aid]),
                }
            )
    out["errors"] = _concat([frames["errors"], frame_from_records(rows, "errors")], "errors")
    return out, conform_sources(sources)


def _save_keywords(sink: Sink, kx: KeywordExtractor) -> None:
    """Keep the fitted extractor (its JSON form) in the sink, for resumed runs."""
    with tempfile.TemporaryDirectory(prefix="newsnlp-") as tmp:
        path = os.path.join(tmp, "keywords.json")
        kx.save(path)
        sink.save_meta(_META_KEY, Path(path).read_text(encoding="utf-8"))


def _load_keywords(sink: Sink) -> KeywordExtractor | None:
    text = sink.load_meta(_META_KEY)
    if text is None:
        return None
    from newsnlp.analysis.keywords import KeywordExtractor

    with tempfile.TemporaryDirectory(prefix="newsnlp-") as tmp:
        path = os.path.join(tmp, "keywords.json")
        Path(path).write_text(text, encoding="utf-8")
        return KeywordExtractor.load(path)


# ---------------------------------------------------------------------------
# the convenience function
# ---------------------------------------------------------------------------


def analyze(
    inputs: Any,
    *,
    n_jobs: int = -1,
    progress: bool = True,
    errors: ErrorsMode = "collect",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    sink: str | os.PathLike[str] | Sink | None = None,
    format: SinkFormat | None = None,
    resume: bool = False,
    lexicon: Lexicon | str | os.PathLike[str] | None = None,
    entities: bool | EntityExtractor = True,
    keywords: KeywordsOption | KeywordExtractor | None = "tfidf",
    sentiment: SentimentOption | SentimentScorer | None = "lexicon",
    sentences: bool = True,
    top_k: int = 10,
    read_options: Mapping[str, Any] | None = None,
    fit_sample: int | Literal["auto"] | None = "auto",
    start_method: StartMethod | None = None,
) -> AnalysisResult:
    """Parse, tokenize once and analyse a corpus; keep the frames or stream them to a sink.

    Parameters
    ----------
    inputs : path, directory, glob, DataFrame, Article, str, or a list of these
        Files are Hexo/Jekyll posts, HTML pages or fragments, Markdown or text (one
        article each) and JSONL, CSV or Parquet tables (one article per line/row,
        with ``text``/``content``/``markdown``/``html`` and optionally ``id``,
        ``url``, ``title``, ``published_at``...). Directories are searched
        recursively (``README``/``PROVENANCE``/``LICENSE`` files are skipped). A
        DataFrame needs an ``article_id`` and a ``text`` column. Any other string is
        taken as an article's content.
    n_jobs : int, default -1
        Worker processes (-1: one per available core; 1: this process only).
        Results are identical whatever the value.
    progress : bool, default True
        Show a progress bar with articles/s (only when stderr is a terminal).
    errors : {"collect", "raise"}, default "collect"
        ``"collect"``: a failing input becomes a row of ``errors`` and the run
        goes on; ``"raise"``: the first failure is raised.
    chunk_size : int, default 64
        Inputs per chunk: the unit of work of a worker and of a sink write.
    sink : path, URL or Sink, optional
        Stream the frames there chunk by chunk instead of keeping them in memory;
        see :func:`newsnlp.io.sinks.open_sink`. Re-running the same input replaces
        rows instead of duplicating them.
    format : {"parquet", "csv", "sqlite"}, optional
        Layout for a directory ``sink`` (default ``"sqlite"``: ``DIR/newsnlp.db``).
    resume : bool, default False
        Skip inputs the sink already holds (after an interrupted run).
    lexicon, entities, keywords, sentiment, sentences, top_k, read_options
        The analysers and how inputs are read; see :class:`Pipeline`.
    fit_sample : int, None or "auto"
        Inputs the TF-IDF keywords are fitted on (see the module docstring):
        ``"auto"`` is all of them in memory and the first 1,000 with a sink.
    start_method : {"fork", "spawn", "forkserver"}, optional
        How worker processes start (default: the platform's).

    Returns
    -------
    AnalysisResult
        Frames ``articles``, ``mentions``, ``entities``, ``keywords``,
        ``sentiment``, ``sentences`` and ``errors`` (columns in
        :mod:`newsnlp.schemas`) and the counts; every input is in ``articles`` or
        ``errors``.

    Raises
    ------
    ParameterError
        An option is out of range.
    InputTypeError
        ``inputs`` is of an unsupported type.
    SinkError
        The sink cannot be created, reached or written (a directory that is a file,
        an unreachable database, a full disk). Chunks written before stay written;
        run again with ``resume=True``.
    NewsNLPError
        With ``errors="raise"``, the first input that fails.
    KeyboardInterrupt
        On Ctrl-C, after cancelling pending work and stopping the workers; chunks
        already written stay written, a chunk being written is rolled back.
    """
    pipeline = Pipeline(
        lexicon=lexicon,
        entities=entities,
        keywords=keywords,
        sentiment=sentiment,
        sentences=sentences,
        top_k=top_k,
        read_options=read_options,
    )
    return pipeline.analyze(
        inputs,
        n_jobs=n_jobs,
        progress=progress,
        errors=errors,
        chunk_size=chunk_size,
        sink=sink,
        format=format,
        resume=resume,
        fit_sample=fit_sample,
        start_method=start_method,
    )
