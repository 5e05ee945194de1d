"""Read articles from files, directories, globs, tables and strings into DataFrames.

``read_articles`` is the batch entry point: every input ends up either as a row of the
``articles`` frame or as a row of the ``errors`` frame, never silently dropped.
``iter_read`` is the same thing as a stream of :class:`Article` and :class:`ReadFailure`
records. Both are built on two steps a batch layer can split across processes (the
analysis pipeline lists inputs in the calling process and parses them in workers):
:func:`iter_inputs` lists the inputs cheaply (files, JSON lines, table rows) as
:class:`InputItem` records, and :func:`read_input` parses one with :class:`ReadOptions`.
This module is the one place that decides what an input is.

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
- an iterable of any of the above, of records (mappings with the columns of a table
  row, e.g. the items of a dask bag), or of raw article strings/bytes. Inside an iterable
  a ``str`` is taken as a path when it has no line break and exists, contains a glob
  pattern, or ends with a known file extension, or when it has no whitespace, no Han
  characters and no ``<`` and contains ``/`` or ``\\`` or starts with ``~`` or ``.``
  (a missing path is then a failed input naming it); otherwise it is the article itself.
  A top-level ``str`` is always a path or pattern.

What is parsed and what is taken as clean
-----------------------------------------
Files (article files and the rows of table files, whatever the column) are parsed by
:func:`newsnlp.parse_article`. An in-memory DataFrame row or record whose text is in a
column named ``text`` (a frame :func:`read_articles` returned, or any frame with clean
text) is taken as it stands: its paragraphs are the non-empty lines of ``text``, and
``article_id``/``id``, title, url, source, author, ``published_at`` (to UTC; naive in
``default_tz``), ``categories`` and ``path`` are carried over, so
``read_articles(read_articles(p))`` equals ``read_articles(p)``. To have an in-memory
column parsed as HTML/Markdown, put it in ``content``/``html``/``markdown``/``body`` or
name it with ``text_column=...``.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import logging
import math
import numbers
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from newsnlp.errors import InputTypeError, NewsNLPError, ParseError, describe, invalid_parameter
from newsnlp.parse.article import Article, make_article_id
from newsnlp.parse.core import DEFAULT_MAX_BYTES, Format, parse_article
from newsnlp.parse.dates import DEFAULT_TZ, parse_date
from newsnlp.schemas import frame_from_records

__all__ = [
    "ARTICLE_EXTENSIONS",
    "TABLE_EXTENSIONS",
    "InputItem",
    "ReadFailure",
    "ReadOptions",
    "iter_inputs",
    "iter_read",
    "read_articles",
    "read_articles_with_errors",
    "read_input",
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
class ReadOptions:
    """How files and table rows are read: the keyword arguments of :func:`read_articles`.

    ``ReadOptions(text_column="markdown")`` reads like
    ``read_articles(..., text_column="markdown")``; see that function for each field.

    Raises
    ------
    ParameterError
        ``errors`` is not ``"collect"`` or ``"raise"``.
    """

    text_column: str | None = None
    id_column: str | None = None
    title_column: str | None = "title"
    url_column: str | None = "url"
    date_column: str | None = None
    source_column: str | None = "source"
    author_column: str | None = "author"
    format: Format = "auto"
    encoding: str | None = None
    default_tz: str = DEFAULT_TZ
    to_simplified: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    errors: ErrorsMode = "collect"

    def __post_init__(self) -> None:
        if self.errors not in ("collect", "raise"):
            raise invalid_parameter("read_articles", "errors", "'collect' or 'raise'", self.errors)


InputKind = Literal["file", "json", "row", "raw", "article", "failure"]


@dataclass(frozen=True, slots=True)
class InputItem:
    """One input, listed but not read yet: cheap to make and to send to another process.

    :func:`iter_inputs` lists them, :func:`read_input` turns one into an
    :class:`Article` or a :class:`ReadFailure`. Treat ``payload`` as opaque.

    Attributes
    ----------
    source : str
        A stable key naming the input: the file, ``file:line`` for a table row,
        ``id:<article_id>`` for an Article or a record with an id, ``text:<hash>``
        for raw text (or a record without id), ``row <i>`` for a DataFrame row.
    kind : {"file", "json", "row", "raw", "article", "failure"}
        An article file, a JSON line, a table row or record, raw article text, a
        ready Article, or an input known to fail already (a missing path...).
    payload : object
        What :func:`read_input` needs besides the path.
    path : str or None
        The file the input is (or is in).
    """

    source: str
    kind: InputKind
    payload: Any = None
    path: str | None = None


def _is_table(name: str) -> bool:
    return name.lower().endswith(TABLE_EXTENSIONS)


def _is_known_file(name: str) -> bool:
    return name.lower().endswith(ARTICLE_EXTENSIONS + TABLE_EXTENSIONS)


_DOC_FILES = ("readme", "provenance", "license", "licence", "sources", "changelog", "contributing")


def _is_doc_file(name: str) -> bool:
    """README/PROVENANCE/LICENSE… files describe a directory of articles; they are not articles."""
    return name.lower().split(".")[0] in _DOC_FILES


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _looks_like_path(item: str) -> bool:
    """Whether a ``str`` inside an iterable names a file rather than being the article.

    A path when it exists, has a glob pattern or a known file extension, or when it has
    no whitespace, no Han characters and no ``<`` and contains ``/`` or ``\\`` or starts
    with ``~`` or ``.`` (so a missing path is reported, not analysed as text).
    """
    if "\n" in item or len(item) > 4096 or not item.strip():
        return False
    if os.path.exists(item) or glob.has_magic(item) or _is_known_file(item.strip()):
        return True
    return (
        not any(c.isspace() for c in item)
        and not _HAN.search(item)
        and "<" not in item
        and ("/" in item or "\\" in item or item.startswith(("~", ".")))
    )


def _failure(
    exc: BaseException, *, path: str | None, stage: str, article_id: str | None = None
) -> ReadFailure:
    return ReadFailure(
        article_id=article_id, path=path, stage=stage, error=type(exc).__name__, message=str(exc)
    )


# ---------------------------------------------------------------------------
# listing inputs: the one place that decides what an input is
# ---------------------------------------------------------------------------


def _text_key(raw: str | bytes) -> str:
    data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
    return "text:" + hashlib.blake2b(data, digest_size=8).hexdigest()


def _failed(source: str, exc: BaseException, path: str | None = None) -> InputItem:
    return InputItem(source, "failure", exc, path)


def _row_key(row: Mapping[str, Any], where: str, path: str | None) -> str:
    """A row's source key: its place in a file, else its id, else a hash of its text."""
    if path is not None:
        return where
    for column in _ID_CANDIDATES:
        given = _cell(row, column)
        if given is not None:
            return f"id:{given.strip()}"
    body = next((row[c] for c in _TEXT_CANDIDATES if c in row), None)
    return _text_key(str(body if body is not None else sorted(map(str, row.items()))))


def _row_item(row: Any, where: str, path: str | None) -> InputItem:
    key = _row_key(row, where, path) if isinstance(row, Mapping) else where
    return InputItem(key, "row", (row, where), path)


def _rows(rows: Iterable[Any], *, path: str | None, start: int, unit: str) -> Iterator[InputItem]:
    for i, row in enumerate(rows, start=start):
        yield _row_item(row, f"{path}:{i + 1}" if path else f"{unit} {i}", path)


def _frame_inputs(frame: pd.DataFrame, *, path: str | None) -> Iterator[InputItem]:
    first = frame.index[0] if len(frame) else 0
    start = int(first) if isinstance(first, numbers.Integral) else 0
    yield from _rows(frame.to_dict(orient="records"), path=path, start=start, unit="row")


def _table_inputs(path: str) -> Iterator[InputItem]:
    """One item per line/row of a table file; an unreadable table is one failed input."""
    lower = path.lower()
    try:
        if lower.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
            opener: Any = gzip.open if lower.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8-sig") as fh:
                for lineno, line in enumerate(fh, start=1):
                    if line.strip():
                        where = f"{path}:{lineno}"
                        yield InputItem(where, "json", (line, where), path)
        elif lower.endswith(".json"):
            with open(path, encoding="utf-8-sig") as fh:
                data = json.load(fh)
            if isinstance(data, dict):
                data = [data]
            if not isinstance(data, list):
                raise ParseError(
                    f"{path}: JSON must be an object or a list of objects, got {type(data).__name__}."
                )
            yield from _rows(data, path=path, start=0, unit="item")
        elif lower.endswith((".csv", ".csv.gz")):
            for chunk in pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=_BATCH):
                yield from _frame_inputs(chunk, path=path)
        else:
            import pyarrow.parquet as pq

            offset = 0
            for batch in pq.ParquetFile(path).iter_batches(batch_size=_BATCH):
                rows = batch.to_pylist()
                yield from _rows(rows, path=path, start=offset, unit="row")
                offset += len(rows)
    except NewsNLPError as exc:
        yield _failed(path, exc, path)
    except Exception as exc:  # pyarrow / pandas / gzip errors have no common base
        yield _failed(
            path,
            ParseError(f"{path}: cannot be read as a table ({type(exc).__name__}: {exc})."),
            path,
        )


def _file_inputs(path: str) -> Iterator[InputItem]:
    if _is_table(path):
        yield from _table_inputs(path)
    else:
        yield InputItem(path, "file", None, path)


def _directory_inputs(root: str) -> Iterator[InputItem]:
    found = False
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not _is_known_file(name) or _is_doc_file(name):
                continue
            found = True
            yield from _file_inputs(os.path.join(dirpath, name))
    if not found:
        logger.warning("%s: directory holds no article or table files", root)


def _path_inputs(spec: str) -> Iterator[InputItem]:
    if spec.startswith("~") and not os.path.exists(spec):
        spec = os.path.expanduser(spec)
    if os.path.isdir(spec):
        yield from _directory_inputs(spec)
    elif os.path.exists(spec):
        yield from _file_inputs(spec)
    elif glob.has_magic(spec):
        matches = sorted(m for m in glob.glob(spec, recursive=True) if os.path.isfile(m))
        if not matches:
            yield _failed(spec, FileNotFoundError(f"{spec}: the pattern matched no files."), spec)
        for match in matches:
            yield from _file_inputs(match)
    else:
        yield _failed(spec, FileNotFoundError(f"{spec}: no such file or directory."), spec)


def iter_inputs(inputs: Any, *, owner: str = "read_articles") -> Iterator[InputItem]:
    """List the inputs in ``inputs`` lazily and in a stable order, without parsing them.

    Files are listed, JSON Lines split into lines and tables into rows; nothing is
    parsed (that is :func:`read_input`, which may run in another process). What
    counts as an input is described in the module docstring; a mapping inside an
    iterable is one record (a table row). ``owner`` names the caller in messages.

    Yields
    ------
    InputItem

    Raises
    ------
    InputTypeError
        ``inputs`` is of a type no reader accepts.
    """
    if isinstance(inputs, pd.DataFrame):
        yield from _frame_inputs(inputs, path=None)
    elif isinstance(inputs, (str, os.PathLike)):
        yield from _path_inputs(os.fspath(inputs))
    elif isinstance(inputs, (bytes, bytearray)):
        yield InputItem(_text_key(bytes(inputs)), "raw", (bytes(inputs), 0))
    elif isinstance(inputs, Article):
        yield InputItem(f"id:{inputs.id}", "article", inputs, inputs.path)
    elif isinstance(inputs, Iterable):
        for index, obj in enumerate(inputs):
            if isinstance(obj, os.PathLike) or (isinstance(obj, str) and _looks_like_path(obj)):
                yield from _path_inputs(os.fspath(obj))
            elif isinstance(obj, (str, bytes, bytearray)):
                raw = obj if isinstance(obj, str) else bytes(obj)
                yield InputItem(_text_key(raw), "raw", (raw, index))
            elif isinstance(obj, Article):
                yield InputItem(f"id:{obj.id}", "article", obj, obj.path)
            elif isinstance(obj, pd.DataFrame):
                yield from _frame_inputs(obj, path=None)
            elif isinstance(obj, Mapping):  # a record, as in a JSONL line or a dask bag
                yield _row_item(dict(obj), f"item {index}", None)
            else:
                yield _failed(
                    f"item {index}",
                    InputTypeError(
                        f"{owner}: item {index} is {describe(obj)}; expected a path, a glob, "
                        "article text/bytes, an Article, a record (mapping) or a DataFrame."
                    ),
                )
    else:
        raise InputTypeError(
            f"{owner} accepts a path, a glob, a directory, a table file (JSONL/CSV/Parquet), a "
            "DataFrame, an Article, or an iterable of these, of records or of article strings; "
            f"got {describe(inputs)}."
        )


# ---------------------------------------------------------------------------
# reading one input
# ---------------------------------------------------------------------------


def read_input(item: InputItem, options: ReadOptions | None = None) -> Article | ReadFailure:
    """Parse one listed input into an :class:`Article`, or say why it is not one.

    Parameters
    ----------
    item : InputItem
        From :func:`iter_inputs`.
    options : ReadOptions, optional
        How to read it (default ``ReadOptions()``).

    Returns
    -------
    Article or ReadFailure

    Raises
    ------
    ParseError
        With ``options.errors == "raise"``, when the input cannot be read.
    """
    return _Reader(options or ReadOptions()).read(item)


class _Reader:
    def __init__(self, options: ReadOptions) -> None:
        self.o = options

    def read(self, item: InputItem) -> Article | ReadFailure:
        kind = item.kind
        if kind == "article":
            article: Article = item.payload
            return article
        if kind == "failure":
            return self.fail(item.payload, path=item.path, stage="read")
        if kind == "file":
            path = item.path or item.source
            try:
                return self.parse(Path(path), path=path, name=path)
            except NewsNLPError as exc:
                return self.fail(exc, path=path, stage="parse")
        if kind == "raw":
            raw, index = item.payload
            try:
                return self.parse(raw, path=None, name=f"item {index}")
            except NewsNLPError as exc:
                return self.fail(exc, path=None, stage="parse")
        if kind == "json":
            line, where = item.payload
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                return self.fail(
                    ParseError(
                        f"{where}: line is not valid JSON ({exc.msg} at column {exc.colno})."
                    ),
                    path=where,
                    stage="read",
                )
        else:
            row, where = item.payload
        return self.row(row, where=where, path=item.path)

    def fail(
        self, exc: BaseException, *, path: str | None, stage: str, article_id: str | None = None
    ) -> ReadFailure:
        if self.o.errors == "raise":
            if isinstance(exc, NewsNLPError):
                raise exc
            raise ParseError(f"{path or 'input'}: {type(exc).__name__}: {exc}") from exc
        failure = _failure(exc, path=path, stage=stage, article_id=article_id)
        logger.debug("could not read %s: %s", path, failure.message)
        return failure

    def row(self, row: Any, *, where: str, path: str | None) -> Article | ReadFailure:
        if not isinstance(row, Mapping):
            return self.fail(
                ParseError(
                    f"{where}: expected an object with named fields, got {type(row).__name__}."
                ),
                path=where,
                stage="read",
            )
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
            if path is None and o.text_column is None and text_col == "text":
                return self.clean_row(row, where=where, given_id=given_id)
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
            return _title_only(article) if raw == "" else article
        except NewsNLPError as exc:
            return self.fail(exc, path=where, stage="parse", article_id=given_id)

    def clean_row(self, row: Mapping[str, Any], *, where: str, given_id: str | None) -> Article:
        """An in-memory row whose ``text`` is clean text already: an Article as it stands.

        Paragraphs are the non-empty lines of ``text``; title, url, source, author,
        categories and path are carried over, ``published_at`` is read into UTC
        (naive values in ``default_tz``). Nothing is re-parsed, so a frame
        :func:`read_articles` returned comes back unchanged.
        """
        o = self.o
        paragraphs = tuple(
            p.strip() for p in str(_cell(row, "text") or "").split("\n") if p.strip()
        )
        title = (_cell(row, o.title_column) or "").strip()
        if not title and not paragraphs:
            raise ParseError(f"{where}: column 'text' is empty and there is no title.")
        text = "\n".join(paragraphs)
        url = _cell(row, o.url_column)
        date_col = o.date_column or _first_present(row, _DATE_CANDIDATES)
        when = row.get(date_col) if date_col else None
        published = None
        if not _missing(when) and not (isinstance(when, str) and not when.strip()):
            published = parse_date(when, default_tz=o.default_tz, name=f"{where} ({date_col})")
        return Article(
            id=make_article_id(given=given_id, url=url, content=f"{title}\n{text}"),
            title=title,
            text=text,
            paragraphs=paragraphs,
            published_at=published,
            author=_cell(row, o.author_column),
            source=_cell(row, o.source_column),
            categories=_categories(row.get("categories"), where),
            url=url,
            path=_cell(row, "path"),
        )

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


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _categories(value: Any, where: str) -> tuple[str, ...]:
    """A ``categories`` cell (list, array, JSON list text or one name) as a tuple."""
    if value is None or (not isinstance(value, (list, tuple)) and _missing(value)):
        return ()
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ParseError(f"{where}: categories {text[:60]!r} is not a JSON list.") from exc
        else:
            return (text,) if text else ()
    if isinstance(value, Iterable):
        return tuple(str(c) for c in value if not _missing(c) and str(c).strip())
    raise ParseError(f"{where}: categories must be a list of names, got {type(value).__name__}.")


def _cell(row: Mapping[str, Any], column: str | None) -> str | None:
    if not column or column not in row:
        return None
    value = row[column]
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value)
    return text if text.strip() else None


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
    options = ReadOptions(
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
    reader = _Reader(options)
    for item in iter_inputs(inputs):
        yield reader.read(item)


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
        With ``errors="raise"``, for the first input that cannot be read. Also with
        ``errors="collect"`` when ``inputs`` is one path or glob that names no file or
        directory (an existing directory without articles gives an empty frame).
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
    if (
        isinstance(inputs, (str, os.PathLike))
        and len(articles) == 0
        and len(failures) == 1
        and failures["error"].iloc[0] == "FileNotFoundError"
        and failures["path"].iloc[0]
        in (os.fspath(inputs), os.path.expanduser(os.fspath(inputs)))
    ):
        # one top-level path or pattern that names nothing is a mistake, not an empty corpus
        raise ParseError(str(failures["message"].iloc[0]))
    if len(failures):
        logger.warning(
            "%d input(s) could not be read and were left out (first: %s); "
            "use newsnlp.io.readers.read_articles_with_errors() to get them as a frame",
            len(failures),
            failures["message"].iloc[0],
        )
    return articles
