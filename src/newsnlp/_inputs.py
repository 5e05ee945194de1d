"""Turn what users hand an analyser into :class:`Article` s or :class:`ArticleDoc` s.

Wherever a function or ``transform`` takes articles, it accepts a plain string
(taken as the text), an :class:`Article`, an :class:`ArticleDoc`, a list of any of
these, or a DataFrame with at least ``article_id`` and ``text`` (``title`` optional).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import pandas as pd

from newsnlp.errors import InputTypeError, describe
from newsnlp.parse.article import Article, make_article_id
from newsnlp.text.doc import ArticleDoc

if TYPE_CHECKING:
    from newsnlp.text.tokenizer import Tokenizer

__all__ = ["ArticlesLike", "as_article_docs", "iter_articles"]

ArticlesLike = str | Article | ArticleDoc | pd.DataFrame | Iterable[str | Article | ArticleDoc]


def _frame_rows(frame: pd.DataFrame, owner: str) -> Iterator[Article]:
    missing = [c for c in ("article_id", "text") if c not in frame.columns]
    if missing:
        raise InputTypeError(
            f"{owner} needs a DataFrame with columns 'article_id' and 'text' (and optionally "
            f"'title'); this one lacks {missing}. Columns present: {list(frame.columns)}."
        )
    titles = frame["title"] if "title" in frame.columns else pd.Series([""] * len(frame))
    for aid, text, title in zip(frame["article_id"], frame["text"], titles, strict=True):
        text_s = "" if text is None or text is pd.NA or (isinstance(text, float) and text != text) else str(text)
        title_s = "" if title is None or title is pd.NA or (isinstance(title, float) and title != title) else str(title)
        yield Article(id=str(aid), title=title_s, text=text_s)


def _one(item: Any, owner: str) -> Article | ArticleDoc:
    if isinstance(item, (Article, ArticleDoc)):
        return item
    if isinstance(item, str):
        return Article(id=make_article_id(content=item), text=item)
    raise InputTypeError(
        f"{owner} accepts a string, an Article, an ArticleDoc, a list of these or a DataFrame "
        f"with 'article_id' and 'text'; got {describe(item)}."
    )


def iter_items(obj: Any, *, owner: str = "this function") -> Iterator[Article | ArticleDoc]:
    """Yield Articles or ArticleDocs from any accepted input (see module docstring)."""
    if isinstance(obj, pd.DataFrame):
        yield from _frame_rows(obj, owner)
    elif isinstance(obj, (str, Article, ArticleDoc)):
        yield _one(obj, owner)
    elif isinstance(obj, (bytes, bytearray)):
        raise InputTypeError(
            f"{owner} takes text, not bytes ({describe(obj)}); decode it or use "
            "newsnlp.parse_article(), which detects the encoding."
        )
    elif isinstance(obj, Iterable):
        for item in obj:
            yield _one(item, owner)
    else:
        raise InputTypeError(
            f"{owner} accepts a string, an Article, a list of these or a DataFrame with "
            f"'article_id' and 'text'; got {describe(obj)}."
        )


def iter_articles(obj: Any, *, owner: str = "this function") -> Iterator[Article]:
    """Yield :class:`Article` s from any accepted input (ArticleDocs are not accepted here)."""
    for item in iter_items(obj, owner=owner):
        if isinstance(item, ArticleDoc):
            raise InputTypeError(f"{owner} needs articles with text, got an ArticleDoc.")
        yield item


def as_article_docs(obj: Any, tokenizer: Tokenizer, *, owner: str = "this function") -> list[ArticleDoc]:
    """Return ArticleDocs for any accepted input, tokenizing only what is not tokenized yet."""
    out: list[ArticleDoc] = []
    for item in iter_items(obj, owner=owner):
        out.append(item if isinstance(item, ArticleDoc) else tokenizer.tokenize_article(item))
    return out
