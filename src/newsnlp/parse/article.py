"""The :class:`Article` record and stable article ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime

__all__ = ["Article", "make_article_id"]


@dataclass(frozen=True, slots=True)
class Article:
    """One parsed article: clean text, its paragraphs and its metadata.

    Attributes
    ----------
    id : str
        Stable id (given by the input, else derived from the url, else from the content).
    title : str
        The headline, cleaned ("" when the input has none).
    text : str
        The body as a reader sees it: paragraphs joined with ``"\\n"``.
    paragraphs : tuple of str
        The body's paragraphs, in order, none empty.
    published_at : datetime or None
        Timezone-aware UTC publication time, ``None`` when the input has no date.
    author, source, url : str or None
        Byline, publication (e.g. ``"IT之家"``) and canonical address.
    categories : tuple of str
        Categories/tags from the input's metadata.
    images : tuple of str
        Real image URLs in order, proxy prefixes removed.
    path : str or None
        The file the article was read from, if any.
    """

    id: str
    title: str = ""
    text: str = ""
    paragraphs: tuple[str, ...] = ()
    published_at: datetime | None = None
    author: str | None = None
    source: str | None = None
    categories: tuple[str, ...] = ()
    url: str | None = None
    images: tuple[str, ...] = ()
    path: str | None = field(default=None, compare=False)

    def to_record(self) -> dict[str, object]:
        """Return a row of the ``articles`` frame (see :mod:`newsnlp.schemas`)."""
        return {
            "article_id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "author": self.author,
            "published_at": self.published_at,
            "categories": list(self.categories),
            "text": self.text,
            "n_chars": len(self.text),
            "path": self.path,
        }


def make_article_id(*, given: str | None = None, url: str | None = None, content: str = "") -> str:
    """Return a stable id: ``given`` if set, else a hash of ``url``, else of ``content``.

    The same input gives the same id on every machine and in every run.
    """
    if given is not None and str(given).strip():
        return str(given).strip()
    basis = f"url:{url.strip()}" if url and url.strip() else f"content:{content}"
    return hashlib.blake2b(basis.encode("utf-8"), digest_size=8).hexdigest()
