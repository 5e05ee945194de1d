"""Analyse articles on a Dask cluster: the frames of :func:`newsnlp.analyze`, lazily.

>>> import dask.dataframe as dd                                # doctest: +SKIP
>>> from newsnlp.dask import analyze_dask
>>> ddf = dd.read_parquet("articles/")                       # article_id, title, text, ...
>>> res = analyze_dask(ddf)
>>> res.entities.groupby("entity").size().compute()          # lazy dask DataFrames
>>> result = res.compute()                                   # or all frames as an AnalysisResult

Each partition is analysed by ``map_partitions`` with the same code
:func:`newsnlp.analyze` runs in its workers: parsed, tokenized once, every analyser
reading that one tokenization. Every Dask worker process builds the tokenizer and
analysers once and reuses them for all the partitions it is given.

TF-IDF keywords need a corpus IDF before the partitions are scored. Pass a fitted
``KeywordExtractor`` (or ``keywords="textrank"``); otherwise it is fitted on the
client from the first ``fit_sample`` inputs (default 1,000), which are read with
``take``/``head`` and tokenized there once more. The result then equals
``newsnlp.analyze(same inputs, fit_sample=fit_sample)``.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from newsnlp.errors import InputTypeError, describe, invalid_parameter
from newsnlp.io.readers import iter_inputs
from newsnlp.io.sinks import FRAME_NAMES, conform_sources, empty_sources
from newsnlp.pipeline import (
    DEFAULT_STREAM_FIT_SAMPLE,
    AnalysisResult,
    KeywordsOption,
    Pipeline,
    SentimentOption,
    _concat,
    _mark_duplicates,
    _needs_fit,
    _run_chunk,
)
from newsnlp.schemas import empty_frame

if TYPE_CHECKING:
    from newsnlp.analysis.entities import EntityExtractor
    from newsnlp.analysis.keywords import KeywordExtractor
    from newsnlp.analysis.sentiment import SentimentScorer
    from newsnlp.text.lexicon import Lexicon

__all__ = ["DaskAnalysis", "analyze_dask"]

# pipelines already built in this (worker) process, by the digest of their settings
_PIPELINES: dict[str, Pipeline] = {}


def _pipeline(key: str, blob: bytes) -> Pipeline:
    pipeline = _PIPELINES.get(key)
    if pipeline is None:
        pipeline = pickle.loads(blob)
        _PIPELINES.clear()  # one pipeline at a time: they hold large dictionaries
        _PIPELINES[key] = pipeline
    return pipeline


def _analyze_partition(
    part: Any, key: str, blob: bytes, mode: str
) -> list[dict[str, pd.DataFrame]]:
    """map_partitions body: a bag partition (list of inputs) -> [frames]."""
    pipeline = _pipeline(key, blob)
    items = list(iter_inputs(list(part), owner="analyze_dask"))
    if not items:
        frames = {name: empty_frame(name) for name in FRAME_NAMES}  # type: ignore[arg-type]
        frames["_sources"] = empty_sources()
        return [frames]
    out = _run_chunk(pipeline, items, mode, None, "collect")  # type: ignore[arg-type]
    frames = dict(out.frames)
    frames["_sources"] = out.sources
    return [frames]


def _pick(partition: list[dict[str, pd.DataFrame]], name: str) -> pd.DataFrame:
    return partition[0][name]


@dataclass(frozen=True, slots=True)
class DaskAnalysis:
    """The frames of :func:`analyze_dask` as lazy dask DataFrames.

    Attributes
    ----------
    articles, mentions, entities, keywords, sentiment, sentences, errors : dask.dataframe.DataFrame
        One partition per input partition, with the columns of :mod:`newsnlp.schemas`.
        They share one task graph: computing several together analyses each
        partition once (use :meth:`compute`, or ``dask.compute(res.entities, res.keywords)``).
    """

    articles: Any
    mentions: Any
    entities: Any
    keywords: Any
    sentiment: Any
    sentences: Any
    errors: Any
    partitions: list[Any]

    def frames(self) -> dict[str, Any]:
        """The lazy frames by name."""
        return {name: getattr(self, name) for name in FRAME_NAMES}

    def compute(self, **kwargs: Any) -> AnalysisResult:
        """Compute every frame (each partition analysed once) into an :class:`AnalysisResult`.

        An ``article_id`` met again in a later partition is reported in ``errors`` as a
        duplicate, keeping the first, as :func:`newsnlp.analyze` does. ``kwargs`` go to
        ``dask.compute`` (e.g. ``scheduler=...``).
        """
        import dask

        computed = dask.compute(*self.partitions, **kwargs)
        seen: dict[str, str] = {}
        collected: dict[str, list[pd.DataFrame]] = {n: [] for n in (*FRAME_NAMES, "_sources")}
        for part in computed:
            frames = {n: part[0][n] for n in FRAME_NAMES}
            sources = conform_sources(part[0]["_sources"])
            ok = sources["status"] == "ok"
            dup = {a: seen[a] for a in sources.loc[ok, "article_id"].tolist() if a in seen}
            if dup:
                frames, sources = _mark_duplicates(frames, sources, dup)
            kept = sources[sources["status"] == "ok"]
            for a, src in zip(kept["article_id"].tolist(), kept["source"].tolist(), strict=True):
                seen.setdefault(a, src)
            for n in FRAME_NAMES:
                collected[n].append(frames[n])
            collected["_sources"].append(sources)
        out = {n: _concat(collected[n], n) for n in FRAME_NAMES}
        srcs = [f for f in collected["_sources"] if len(f)]
        out["_sources"] = (
            conform_sources(pd.concat(srcs, ignore_index=True)) if srcs else empty_sources()
        )
        n_ok = int((out["_sources"]["status"] == "ok").sum())
        n_in = len(out["_sources"])
        return AnalysisResult(n_in, n_ok, n_in - n_ok, 0, 0.0, None, out)


def _as_bag(data: Any) -> Any:
    import dask.bag as db
    import dask.dataframe as dd

    if isinstance(data, dd.DataFrame):
        return data.to_bag(format="dict")
    if isinstance(data, db.Bag):
        return data
    raise InputTypeError(
        f"analyze_dask takes a dask DataFrame (article_id, text, ...) or a dask Bag of "
        f"articles, records or texts; got {describe(data)}. For pandas or files use newsnlp.analyze."
    )


def analyze_dask(
    data: Any,
    *,
    lexicon: Lexicon | str | None = None,
    entities: bool | EntityExtractor = True,
    keywords: KeywordsOption | KeywordExtractor | None = "tfidf",
    sentiment: SentimentOption | SentimentScorer | None = "lexicon",
    sentences: bool = True,
    top_k: int = 10,
    read_options: Mapping[str, Any] | None = None,
    fit_sample: int = DEFAULT_STREAM_FIT_SAMPLE,
) -> DaskAnalysis:
    """Analyse a dask DataFrame or Bag of articles partition by partition.

    Parameters
    ----------
    data : dask.dataframe.DataFrame or dask.bag.Bag
        A DataFrame with the columns of a table ``read_articles`` reads (``text`` or
        ``content``/``markdown``/``html``; optionally ``article_id``/``id``, ``title``,
        ``url``, ``published_at``...), or a Bag of :class:`~newsnlp.parse.article.Article`,
        dicts (records), raw article strings or file paths.
    lexicon, entities, keywords, sentiment, sentences, top_k, read_options
        As for :func:`newsnlp.analyze`.
    fit_sample : int, default 1000
        Inputs the TF-IDF keywords are fitted on when ``keywords`` is not fitted yet.

    Returns
    -------
    DaskAnalysis
        Lazy frames ``articles``, ``mentions``, ``entities``, ``keywords``,
        ``sentiment``, ``sentences``, ``errors`` (columns of :mod:`newsnlp.schemas`);
        ``.compute()`` gives an :class:`~newsnlp.pipeline.AnalysisResult`.
    """
    import dask
    import dask.dataframe as dd

    if isinstance(fit_sample, bool) or not isinstance(fit_sample, int) or fit_sample < 1:
        raise invalid_parameter("analyze_dask", "fit_sample", "an int >= 1", fit_sample)
    bag = _as_bag(data)
    pipeline = Pipeline(
        lexicon=lexicon,
        entities=entities,
        keywords=keywords,
        sentiment=sentiment,
        sentences=sentences,
        top_k=top_k,
        read_options=read_options,
    )
    comps = pipeline.components()
    kx = comps.keywords
    mode = "none" if kx is None else "transform"
    if kx is not None and _needs_fit(kx):
        sample = bag.take(fit_sample, npartitions=-1, warn=False)
        fitted = _fit_on_sample(pipeline, list(sample), kx)
        if fitted is None:
            mode = "none"
    blob = pickle.dumps(pipeline, protocol=pickle.HIGHEST_PROTOCOL)
    key = hashlib.blake2b(blob, digest_size=16).hexdigest()
    results = bag.map_partitions(_analyze_partition, key, blob, mode)
    parts = results.to_delayed()
    lazy: dict[str, Any] = {}
    for name in FRAME_NAMES:
        meta = empty_frame(name)  # type: ignore[arg-type]
        pieces = [dask.delayed(_pick)(p, name) for p in parts]
        lazy[name] = dd.from_delayed(pieces, meta=meta, verify_meta=False)
    return DaskAnalysis(**{n: lazy[n] for n in FRAME_NAMES}, partitions=list(parts))


def _fit_on_sample(
    pipeline: Pipeline, sample: list[Any], kx: KeywordExtractor
) -> KeywordExtractor | None:
    """Fit ``kx`` in place on the sample's candidates, as analyze() does."""
    items = list(iter_inputs(sample, owner="analyze_dask"))
    out = _run_chunk(pipeline, items, "candidates", None, "collect")
    candidates = [c for _a, c in (out.candidates or [])]
    if not candidates:
        return None
    return kx.fit_candidates(candidates)
