"""Read articles from files, directories, globs, tables and strings into DataFrames.

``read_articles`` is the batch entry point: every input ends up either as a row of the
``articles`` frame or as a row of the ``errors`` frame, never silently dropped.
``iter_read`` is the same thing as a stream of :class:`Article` and :class:`ReadFailure`
records, for callers (the analysis pipeline) that process articles in chunks.

What an input can be
--------------------
- a path (``str`` or ``pathlib.Path``) to an article file (``.md``, ``.html``, ``.htm``,
  ``.txt``, …; any format :func:`newsnlp.parse_article` understands, any common encoding);
- a directory: every article or table file below it, recursively, in sorted order
  (hidden files and directories, and README/PROVENANCE/LICENSE/SOURCES files, skipped);
- a glob pattern (``"corpus/**/*.md"``, recursive);
- a table file: JSON Lines (``.jsonl``, ``.ndjson``, optionally ``.gz``), ``.json`` (a list
  of objects), ``.csv`` (optionally ``.gz``) or ``.parquet``; one article per row, columns
  chosen with ``text_column``, ``id_column``, ``title_column``… (see :func:`read_articles`);
- a pandas DataFrame with the same columns;
- an iterable of any of the above, or of raw article strings/bytes. Inside an iterable
  a ``str`` is taken as a path when it has no line break and exists, contains a glob
  pattern, or ends with a known file extension; otherwise it is the article itself.
  A top-level ``str`` is always a path or pattern.
"""

from __future__ import annotations

import glob
import gzip
import json
import logging
import math
import numbers
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from newsnlp.errors import InputTypeError, NewsNLPError, ParseError, describe, invalid_parameter
from newsnlp.parse.article import Article
from newsnlp.parse.core import DEFAULT_MAX_BYTES, Format, parse_article
from newsnlp.parse.dates import DEFAULT_TZ
from newsnlp.schemas import frame_from_records

__all__ = [
    "ARTICLE_EXTENSIONS",
    "TABLE_EXTENSIONS",
    "ReadFailure",
    "iter_read",
    "read_articles",
    "read_articles_with_errors",
]

logger = logging.getLogger(__name__)

ErrorsMode = Literal["collect", "raise"]

#: files read as one article each
ARTICLE_EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".xhtml", ".txt", ".text")
#: files read as one article per row
TABLE_EXTENSIONS = (
    ".jsonl",
    ".jsonl.gz",
    ".ndjson",
    ".ndjson.gz",
    ".json",
    ".csv",
    ".csv.gz",
    ".parquet",
    ".pq",
)

_TEXT_CANDIDATES = ("text", "content", "html", "markdown", "body", "raw")
_ID_CANDIDATES = ("article_id", "id")
_DATE_CANDIDATES = ("published_at", "date", "pubDate", "published", "pub_date")
_BATCH = 1000


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """One input that could not be turned into an article (a row of the ``errors`` frame).

    Attributes
    ----------
    article_id : str or None
        The id the input would have had, when known (e.g. a table's id column).
    path : str or None
        The file (or ``file:line`` for a table row) the input came from.
    stage : str
        ``"read"`` (the file or row could not be read) or ``"parse"`` (it was read but
        is not an article).
    error : str
        The exception class name.
    message : str
        What was wrong, naming the input.
    """

    article_id: str | None
    path: str | None
    stage: str
    error: str
    message: str

    def to_record(self) -> dict[str, object]:
        """Return a row of the ``errors`` frame (see :mod:`newsnlp.schemas`)."""
        return {
            "article_id": self.article_id,
            "path": self.path,
            "stage": self.stage,
            "error": self.error,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class _Options:
    text_column: str | None
    id_column: str | None
    title_column: str | None
    url_column: str | None
    date_column: str | None
    source_column: str | None
    author_column: str | None
    format: Format
    encoding: str | None
    default_tz: str
    to_simplified: bool
    max_bytes: int
    errors: ErrorsMode


def _is_table(name: str) -> bool:
    return name.lower().endswith(TABLE_EXTENSIONS)


def _is_known_file(name: str) -> bool:
    return name.lower().endswith(ARTICLE_EXTENSIONS + TABLE_EXTENSIONS)


_DOC_FILES = ("readme", "provenance", "license", "licence", "sources", "changelog", "contributing")


def _is_doc_file(name: str) -> bool:
    """README/PROVENANCE/LICENSE… files describe a directory of articles; they are not articles."""
    return name.lower().split(".")[0] in _DOC_FILES


def _looks_like_path(item: str) -> bool:
    if "\n" in item or len(item) > 4096 or not item.strip():
        return False
    return os.path.exists(item) or glob.has_magic(item) or _is_known_file(item.strip())


def _failure(
    exc: BaseException, *, path: str | None, stage: str, article_id: str | None = None
) -> ReadFailure:
    return ReadFailure(
        article_id=article_id, path=path, stage=stage, error=type(exc).__name__, message=str(exc)
    )


class _Reader:
    def __init__(self, options: _Options) -> None:
        self.o = options

    # --- dispatch -------------------------------------------------------------------
    def items(self, inputs: Any) -> Iterator[Article | ReadFailure]:
        if isinstance(inputs, pd.DataFrame):
            yield from self.frame(inputs, path=None)
        elif isinstance(inputs, (str, os.PathLike)):
            yield from self.path_spec(os.fspath(inputs))
        elif isinstance(inputs, (bytes, bytearray)):
            yield from self.raw(bytes(inputs), index=0)
        elif isinstance(inputs, Article):
            yield inputs
        elif isinstance(inputs, Iterable):
            for index, item in enumerate(inputs):
                if isinstance(item, os.PathLike) or (
                    isinstance(item, str) and _looks_like_path(item)
                ):
                    yield from self.path_spec(os.fspath(item))
                elif isinstance(item, (str, bytes, bytearray)):
                    yield from self.raw(item, index=index)
                elif isinstance(item, Article):
                    yield item
                elif isinstance(item, pd.DataFrame):
                    yield from self.frame(item, path=None)
                else:
                    yield from self.fail(
                        InputTypeError(
                            f"read_articles: item {index} is {describe(item)}; expected a path, a "
                            "glob, article text/bytes, an Article or a DataFrame."
                        ),
                        path=None,
                        stage="read",
                    )
        else:
            raise InputTypeError(
                "read_articles accepts a path, a glob, a directory, a table file, a DataFrame or "
                f"an iterable of these or of article strings; got {describe(inputs)}."
            )

    def fail(
        self, exc: BaseException, *, path: str | None, stage: str, article_id: str | None = None
    ) -> Iterator[ReadFailure]:
        if self.o.errors == "raise":
            if isinstance(exc, NewsNLPError):
                raise exc
            raise ParseError(f"{path or 'input'}: {type(exc).__name__}: {exc}") from exc
        failure = _failure(exc, path=path, stage=stage, article_id=article_id)
        logger.debug("could not read %s: %s", path, failure.message)
        yield failure

    # --- paths ----------------------------------------------------------------------
    def path_spec(self, spec: str) -> Iterator[Article | ReadFailure]:
        if os.path.isdir(spec):
            yield from self.directory(spec)
        elif os.path.exists(spec):
            yield from self.file(spec)
        elif glob.has_magic(spec):
            matches = sorted(m for m in glob.glob(spec, recursive=True) if os.path.isfile(m))
            if not matches:
                yield from self.fail(
                    FileNotFoundError(f"{spec}: the pattern matched no files."),
                    path=spec,
                    stage="read",
                )
            for match in matches:
                yield from self.file(match)
        else:
            yield from self.fail(
                FileNotFoundError(f"{spec}: no such file or directory."), path=spec, stage="read"
            )

    def directory(self, root: str) -> Iterator[Article | ReadFailure]:
        found = False
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.startswith(".") or not _is_known_file(name) or _is_doc_file(name):
                    continue
                found = True
                yield from self.file(os.path.join(dirpath, name))
        if not found:
            logger.warning("%s: directory holds no article or table files", root)

    def file(self, path: str) -> Iterator[Article | ReadFailure]:
        lower = path.lower()
        if not _is_table(lower):
            try:
                yield self.parse(Path(path), path=path, name=path)
            except NewsNLPError as exc:
                yield from self.fail(exc, path=path, stage="parse")
            return
        try:
            if lower.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
                yield from self.jsonl(path)
            elif lower.endswith(".json"):
                yield from self.json_file(path)
            elif lower.endswith((".csv", ".csv.gz")):
                for chunk in pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=_BATCH):
                    yield from self.frame(chunk, path=path)
            else:
                import pyarrow.parquet as pq

                table = pq.ParquetFile(path)
                offset = 0
                for batch in table.iter_batches(batch_size=_BATCH):
                    rows = batch.to_pylist()
                    yield from self.rows(rows, path=path, start=offset, unit="row")
                    offset += len(rows)
        except (OSError, ValueError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as exc:
            if isinstance(exc, NewsNLPError):
                raise
            yield from self.fail(
                ParseError(f"{path}: cannot be read as a table ({type(exc).__name__}: {exc})."),
                path=path,
                stage="read",
            )
        except Exception as exc:  # pyarrow / pandas parser errors have no common base
            if isinstance(exc, NewsNLPError):
                raise
            yield from self.fail(
                ParseError(f"{path}: cannot be read as a table ({type(exc).__name__}: {exc})."),
                path=path,
                stage="read",
            )

    def jsonl(self, path: str) -> Iterator[Article | ReadFailure]:
        opener = gzip.open if path.lower().endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8-sig") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{lineno}"
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield from self.fail(
                        ParseError(
                            f"{where}: line is not valid JSON ({exc.msg} at column {exc.colno})."
                        ),
                        path=where,
                        stage="read",
                    )
                    continue
                yield from self.row(row, where=where, path=path)

    def json_file(self, path: str) -> Iterator[Article | ReadFailure]:
        with open(path, encoding="utf-8-sig") as fh:
            data = json.load(fh)
        if isinstance(data, dict):
            data = [data]
        if not isinstance(data, list):
            raise ParseError(
                f"{path}: JSON must be an object or a list of objects, got {type(data).__name__}."
            )
        yield from self.rows(data, path=path, start=0, unit="item")

    # --- rows -----------------------------------------------------------------------
    def frame(self, frame: pd.DataFrame, *, path: str | None) -> Iterator[Article | ReadFailure]:
        first = frame.index[0] if len(frame) else 0
        start = int(first) if isinstance(first, numbers.Integral) else 0
        yield from self.rows(frame.to_dict(orient="records"), path=path, start=start, unit="row")

    def rows(
        self, rows: Iterable[Any], *, path: str | None, start: int, unit: str
    ) -> Iterator[Article | ReadFailure]:
        for i, row in enumerate(rows, start=start):
            where = f"{path}:{i + 1}" if path else f"{unit} {i}"
            yield from self.row(row, where=where, path=path)

    def row(self, row: Any, *, where: str, path: str | None) -> Iterator[Article | ReadFailure]:
        if not isinstance(row, Mapping):
            yield from self.fail(
                ParseError(
                    f"{where}: expected an object with named fields, got {type(row).__name__}."
                ),
                path=where,
                stage="read",
            )
            return
        o = self.o
        id_col = o.id_column or _first_present(row, _ID_CANDIDATES)
        given_id = _cell(row, id_col)
        text_col = o.text_column or _first_present(row, _TEXT_CANDIDATES)
        try:
            if text_col is None and not _cell(row, o.title_column):
                raise ParseError(
                    f"{where}: no text column; looked for {list(_TEXT_CANDIDATES)}, found "
                    f"{sorted(map(str, row))}. Pass text_column=..."
                )
            if o.text_column and o.text_column not in row:
                raise ParseError(
                    f"{where}: has no column {o.text_column!r} (text_column); columns: {sorted(map(str, row))}."
                )
            raw = _cell(row, text_col)
            title = _cell(row, o.title_column)
            if raw is None or not str(raw).strip():
                if not title:
                    raise ParseError(
                        f"{where}: column {text_col!r} is empty and there is no title."
                    )
                raw = ""
            date_col = o.date_column or _first_present(row, _DATE_CANDIDATES)
            article = parse_article(
                str(raw) if str(raw).strip() else str(title),
                title=title,
                url=_cell(row, o.url_column),
                article_id=given_id,
                published_at=_cell(row, date_col),
                source=_cell(row, o.source_column),
                author=_cell(row, o.author_column),
                path=path,
                name=where,
                format=o.format,
                default_tz=o.default_tz,
                to_simplified=o.to_simplified,
                max_bytes=o.max_bytes,
            )
            if raw == "":
                article = _title_only(article)
            yield article
        except NewsNLPError as exc:
            yield from self.fail(exc, path=where, stage="parse", article_id=given_id)

    def raw(self, item: str | bytes | bytearray, *, index: int) -> Iterator[Article | ReadFailure]:
        try:
            yield self.parse(item, path=None, name=f"item {index}")
        except NewsNLPError as exc:
            yield from self.fail(exc, path=None, stage="parse")

    def parse(self, raw: Any, *, path: str | None, name: str) -> Article:
        o = self.o
        return parse_article(
            raw,
            path=path,
            name=name,
            format=o.format,
            encoding=o.encoding,
            default_tz=o.default_tz,
            to_simplified=o.to_simplified,
            max_bytes=o.max_bytes,
        )


def _title_only(article: Article) -> Article:
    from dataclasses import replace

    return replace(article, text="", paragraphs=())


def _first_present(row: Mapping[str, Any], names: Iterable[str]) -> str | None:
    for name in names:
        if name in row:
            return name
    return None


def _cell(row: Mapping[str, Any], column: str | None) -> str | None:
    if not column or column not in row:
        return None
    value = row[column]
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value)
    return text if text.strip() else None


def _options(
    errors: str,
    *,
    text_column: str | None,
    id_column: str | None,
    title_column: str | None,
    url_column: str | None,
    date_column: str | None,
    source_column: str | None,
    author_column: str | None,
    format: Format,
    encoding: str | None,
    default_tz: str,
    to_simplified: bool,
    max_bytes: int,
) -> _Options:
    if errors not in ("collect", "raise"):
        raise invalid_parameter("read_articles", "errors", "'collect' or 'raise'", errors)
    return _Options(
        text_column=text_column,
        id_column=id_column,
        title_column=title_column,
        url_column=url_column,
        date_column=date_column,
        source_column=source_column,
        author_column=author_column,
        format=format,
        encoding=encoding,
        default_tz=default_tz,
        to_simplified=to_simplified,
        max_bytes=max_bytes,
        errors=errors,  # type: ignore[arg-type]
    )


def iter_read(
    inputs: Any,
    *,
    errors: ErrorsMode = "collect",
    text_column: str | None = None,
    id_column: str | None = None,
    title_column: str | None = "title",
    url_column: str | None = "url",
    date_column: str | None = None,
    source_column: str | None = "source",
    author_column: str | None = "author",
    format: Format = "auto",
    encoding: str | None = None,
    default_tz: str = DEFAULT_TZ,
    to_simplified: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | ReadFailure]:
    """Stream one :class:`Article` or :class:`ReadFailure` per input, lazily and in order.

    Takes the same parameters as :func:`read_articles`. With ``errors="raise"`` the first
    failure raises instead of being yielded. Files and table rows are read one at a
    time, so memory stays flat however large the input.

    Yields
    ------
    Article or ReadFailure
    """
    options = _options(
        errors,
        text_column=text_column,
        id_column=id_column,
        title_column=title_column,
        url_column=url_column,
        date_column=date_column,
        source_column=source_column,
        author_column=author_column,
        format=format,
        encoding=encoding,
        default_tz=default_tz,
        to_simplified=to_simplified,
        max_bytes=max_bytes,
    )
    yield from _Reader(options).items(inputs)


def read_articles_with_errors(
    inputs: Any,
    *,
    errors: ErrorsMode = "collect",
    text_column: str | None = None,
    id_column: str | None = None,
    title_column: str | None = "title",
    url_column: str | None = "url",
    date_column: str | None = None,
    source_column: str | None = "source",
    author_column: str | None = "author",
    format: Format = "auto",
    encoding: str | None = None,
    default_tz: str = DEFAULT_TZ,
    to_simplified: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read articles and return both frames: ``(articles, errors)``.

    Every input is accounted for: ``len(articles) + len(errors)`` equals the number of
    inputs (files, table rows, strings; a glob or path that matches nothing counts as
    one failed input). Parameters as in :func:`read_articles`.

    Returns
    -------
    articles : pandas.DataFrame
        The ``articles`` schema (see :func:`read_articles`).
    errors : pandas.DataFrame
        One row per input that could not be read. Columns: ``article_id`` (null unless the
        input carried an id), ``path`` (file, or ``file:line`` for a table row), ``stage``
        (``"read"`` or ``"parse"``), ``error`` (exception class), ``message``.
    """
    articles: list[dict[str, object]] = []
    failures: list[dict[str, object]] = []
    for item in iter_read(
        inputs,
        errors=errors,
        text_column=text_column,
        id_column=id_column,
        title_column=title_column,
        url_column=url_column,
        date_column=date_column,
        source_column=source_column,
        author_column=author_column,
        format=format,
        encoding=encoding,
        default_tz=default_tz,
        to_simplified=to_simplified,
        max_bytes=max_bytes,
    ):
        if isinstance(item, ReadFailure):
            failures.append(item.to_record())
        else:
            articles.append(item.to_record())
    return frame_from_records(articles, "articles"), frame_from_records(failures, "errors")


def read_articles(
    inputs: Any,
    *,
    errors: ErrorsMode = "collect",
    text_column: str | None = None,
    id_column: str | None = None,
    title_column: str | None = "title",
    url_column: str | None = "url",
    date_column: str | None = None,
    source_column: str | None = "source",
    author_column: str | None = "author",
    format: Format = "auto",
    encoding: str | None = None,
    default_tz: str = DEFAULT_TZ,
    to_simplified: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> pd.DataFrame:
    """Read articles from paths, directories, globs, tables or strings into one DataFrame.

    Parameters
    ----------
    inputs : path, glob, directory, table file, DataFrame, or an iterable of these or of
        article strings/bytes
        See the module docstring for how each is read.
    errors : {"collect", "raise"}
        ``"collect"`` (default): inputs that cannot be read are left out of the result and
        logged; use :func:`read_articles_with_errors` to get them as a frame. ``"raise"``:
        the first failure raises its :class:`~newsnlp.errors.ParseError`.
    text_column : str, optional
        Table column holding the article (HTML, Markdown, post or text). Default: the first
        of ``text``, ``content``, ``html``, ``markdown``, ``body``, ``raw`` present.
    id_column : str, optional
        Column with a stable id. Default: ``article_id`` or ``id`` if present; otherwise an
        id is derived from the url or the content.
    title_column, url_column, source_column, author_column : str or None
        Columns with metadata that takes precedence over the article's own
        (``None`` to ignore).
    date_column : str, optional
        Column with the publication date. Default: the first of ``published_at``, ``date``,
        ``pubDate``, ``published``, ``pub_date`` present.
    format, encoding, default_tz, to_simplified, max_bytes
        Passed to :func:`newsnlp.parse_article` for every article.

    Returns
    -------
    pandas.DataFrame
        The ``articles`` schema, one row per article read, in input order:
        ``article_id`` (str), ``source`` (str, the publication), ``url`` (str),
        ``title`` (str), ``author`` (str), ``published_at`` (datetime64[ns, UTC]),
        ``categories`` (list of str), ``text`` (str, paragraphs joined by newlines),
        ``n_chars`` (Int64), ``path`` (str, the file it came from).

    Raises
    ------
    ParseError
        With ``errors="raise"``, for the first input that cannot be read.
    InputTypeError
        If ``inputs`` is of a type that is not accepted.

    Examples
    --------
    >>> import newsnlp
    >>> articles = newsnlp.read_articles("examples/articles")            # doctest: +SKIP
    >>> xda = newsnlp.read_articles("xda-zh.jsonl.gz", text_column="markdown")  # doctest: +SKIP
    """
    articles, failures = read_articles_with_errors(
        inputs,
        errors=errors,
        text_column=text_column,
        id_column=id_column,
        title_column=title_column,
        url_column=url_column,
        date_column=date_column,
        source_column=source_column,
        author_column=author_column,
        format=format,
        encoding=encoding,
        default_tz=default_tz,
        to_simplified=to_simplified,
        max_bytes=max_bytes,
    )
    if len(failures):
        logger.warning(
            "%d input(s) could not be read and were left out (first: %s); "
            "use newsnlp.io.readers.read_articles_with_errors() to get them as a frame",
            len(failures),
            failures["message"].iloc[0],
        )
    return articles
