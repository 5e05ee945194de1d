"""newsnlp: analyse Chinese tech news into tidy pandas DataFrames.

>>> import newsnlp
>>> article = newsnlp.parse_article(raw_post)          # doctest: +SKIP
>>> result = newsnlp.analyze(["post1.md", "post2.md"])  # doctest: +SKIP

Public names are imported lazily, so ``import newsnlp`` does no work up front.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # records
    "Article": "newsnlp.parse.article",
    "Doc": "newsnlp.text.doc",
    "Token": "newsnlp.text.doc",
    "Sentence": "newsnlp.text.doc",
    "ArticleDoc": "newsnlp.text.doc",
    "Entry": "newsnlp.text.entry",
    # parsing and reading
    "parse_article": "newsnlp.parse.core",
    "read_articles": "newsnlp.io.readers",
    # text
    "Lexicon": "newsnlp.text.lexicon",
    "Tokenizer": "newsnlp.text.tokenizer",
    # analysis
    "EntityExtractor": "newsnlp.analysis.entities",
    "extract_entities": "newsnlp.analysis.entities",
    "discover_entities": "newsnlp.analysis.discovery",
    "KeywordExtractor": "newsnlp.analysis.keywords",
    "top_keywords": "newsnlp.analysis.keywords",
    "trending_keywords": "newsnlp.analysis.keywords",
    "SentimentScorer": "newsnlp.analysis.sentiment",
    "score_sentiment": "newsnlp.analysis.sentiment",
    # pipeline
    "analyze": "newsnlp.pipeline",
    "AnalysisResult": "newsnlp.pipeline",
    "Pipeline": "newsnlp.pipeline",
    # errors
    "NewsNLPError": "newsnlp.errors",
    "ParseError": "newsnlp.errors",
    "EncodingError": "newsnlp.errors",
    "InputTypeError": "newsnlp.errors",
    "ParameterError": "newsnlp.errors",
    "LexiconError": "newsnlp.errors",
    "NotFittedError": "newsnlp.errors",
    "ModelError": "newsnlp.errors",
    "SinkError": "newsnlp.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newsnlp' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from newsnlp.analysis.discovery import discover_entities
    from newsnlp.analysis.entities import EntityExtractor, extract_entities
    from newsnlp.analysis.keywords import KeywordExtractor, top_keywords, trending_keywords
    from newsnlp.analysis.sentiment import SentimentScorer, score_sentiment
    from newsnlp.errors import (
        EncodingError,
        InputTypeError,
        LexiconError,
        ModelError,
        NewsNLPError,
        NotFittedError,
        ParameterError,
        ParseError,
        SinkError,
    )
    from newsnlp.io.readers import read_articles
    from newsnlp.parse.article import Article
    from newsnlp.parse.core import parse_article
    from newsnlp.pipeline import AnalysisResult, Pipeline, analyze
    from newsnlp.text.doc import ArticleDoc, Doc, Sentence, Token
    from newsnlp.text.entry import Entry
    from newsnlp.text.lexicon import Lexicon
    from newsnlp.text.tokenizer import Tokenizer
