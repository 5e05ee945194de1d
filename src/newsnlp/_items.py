"""Work items of the batch pipeline: enumerate inputs cheaply, parse them in a worker.

:func:`newsnlp.io.readers.iter_read` reads *and parses* in the calling process. The
pipeline splits the two so parsing runs in the worker processes too: the calling
process only lists files, reads JSONL lines and table rows (:func:`iter_items`), and
a worker turns each :class:`Item` into an :class:`~newsnlp.parse.article.Article` or a
:class:`~newsnlp.io.readers.ReadFailure` with the readers' own rules
(:func:`load_item`), so ``analyze`` reads exactly what ``read_articles`` reads.

Every item carries a stable ``source`` key: the file, ``file:line`` for a table row
(as in the readers' ``errors`` frame), ``id:<article_id>`` for an in-memory article
or a row with an id, ``text:<hash>`` for raw text. Sinks key ``errors`` rows and
resume bookkeeping by it.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from newsnlp.errors import InputTypeError, ParseError, describe
from newsnlp.io import readers
from newsnlp.io.readers import ReadFailure
from newsnlp.parse.article import Article

__all__ = ["Item", "iter_items", "load_item", "reader_options"]

_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Item:
    """One input, as cheap to ship to a worker as possible."""

    source: str
    kind: Literal["file", "json", "row", "raw", "article", "failure"]
    payload: Any = None
    path: str | None = None


# ---------------------------------------------------------------------------
# enumeration (calling process)
# ---------------------------------------------------------------------------


def _text_key(raw: str | bytes) -> str:
    data = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
    return "text:" + hashlib.blake2b(data, digest_size=8).hexdigest()


def _fail(source: str, exc: BaseException, stage: str = "read") -> Item:
    return Item(source, "failure", ReadFailure(None, source, stage, type(exc).__name__, str(exc)))


def _row_key(row: Mapping[str, Any], where: str, path: str | None) -> str:
    if path is not None:
        return where
    for col in ("article_id", "id"):
        value = row.get(col)
        if (
            value is not None
            and value is not pd.NA
            and not (isinstance(value, float) and value != value)
        ) and str(value).strip():
            return f"id:{str(value).strip()}"
    body = next(
        (row[c] for c in ("text", "content", "html", "markdown", "body", "raw") if c in row), None
    )
    return _text_key(str(body if body is not None else sorted(map(str, row.items()))))


def _frame_items(frame: pd.DataFrame, *, path: str | None) -> Iterator[Item]:
    start = int(frame.index[0]) if len(frame) and isinstance(frame.index[0], int) else 0
    for i, row in enumerate(frame.to_dict(orient="records"), start=start):
        where = f"{path}:{i + 1}" if path else f"row {i}"
        yield Item(
            _row_key({str(k): v for k, v in row.items()}, where, path), "row", (row, where), path
        )


def _table_items(path: str) -> Iterator[Item]:
    lower = path.lower()
    try:
        if lower.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
            opener: Any = gzip.open if lower.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8-sig") as fh:
                for lineno, line in enumerate(fh, start=1):
                    if line.strip():
                        where = f"{path}:{lineno}"
                        yield Item(where, "json", (line, where), path)
        elif lower.endswith(".json"):
            with open(path, encoding="utf-8-sig") as fh:
                data = json.load(fh)
            if isinstance(data, dict):
                data = [data]
            if not isinstance(data, list):
                raise ParseError(
                    f"{path}: JSON must be an object or a list of objects, got {type(data).__name__}."
                )
            for i, row in enumerate(data):
                where = f"{path}:{i + 1}"
                yield Item(where, "row", (row, where), path)
        elif lower.endswith((".csv", ".csv.gz")):
            for chunk in pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=_BATCH):
                yield from _frame_items(chunk, path=path)
        else:
            import pyarrow.parquet as pq

            offset = 0
            for batch in pq.ParquetFile(path).iter_batches(batch_size=_BATCH):
                for i, row in enumerate(batch.to_pylist(), start=offset):
                    where = f"{path}:{i + 1}"
                    yield Item(where, "row", (row, where), path)
                offset += batch.num_rows
    except Exception as exc:  # an unreadable table is one failed input
        yield _fail(
            path, ParseError(f"{path}: cannot be read as a table ({type(exc).__name__}: {exc}).")
        )


def _file_items(path: str) -> Iterator[Item]:
    if readers._is_table(path):
        yield from _table_items(path)
    else:
        yield Item(path, "file", None, path)


def _path_items(spec: str) -> Iterator[Item]:
    if os.path.isdir(spec):
        for dirpath, dirnames, filenames in os.walk(spec):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if (
                    name.startswith(".")
                    or not readers._is_known_file(name)
                    or readers._is_doc_file(name)
                ):
                    continue
                yield from _file_items(os.path.join(dirpath, name))
    elif os.path.exists(spec):
        yield from _file_items(spec)
    elif glob.has_magic(spec):
        matches = sorted(m for m in glob.glob(spec, recursive=True) if os.path.isfile(m))
        if not matches:
            yield _fail(spec, FileNotFoundError(f"{spec}: the pattern matched no files."))
        for match in matches:
            yield from _file_items(match)
    else:
        yield _fail(spec, FileNotFoundError(f"{spec}: no such file or directory."))


def iter_items(inputs: Any) -> Iterator[Item]:
    """Enumerate inputs lazily, in a stable order, as :func:`~newsnlp.io.readers.iter_read` does.

    Raises
    ------
    InputTypeError
        ``inputs`` is of a type no reader accepts.
    """
    if isinstance(inputs, pd.DataFrame):
        yield from _frame_items(inputs, path=None)
    elif isinstance(inputs, (str, os.PathLike)):
        yield from _path_items(os.fspath(inputs))
    elif isinstance(inputs, (bytes, bytearray)):
        yield Item(_text_key(bytes(inputs)), "raw", (bytes(inputs), 0))
    elif isinstance(inputs, Article):
        yield Item(f"id:{inputs.id}", "article", inputs, inputs.path)
    elif isinstance(inputs, Iterable):
        for index, obj in enumerate(inputs):
            if isinstance(obj, os.PathLike) or (
                isinstance(obj, str) and readers._looks_like_path(obj)
            ):
                yield from _path_items(os.fspath(obj))
            elif isinstance(obj, (str, bytes, bytearray)):
                yield Item(
                    _text_key(obj if isinstance(obj, str) else bytes(obj)), "raw", (obj, index)
                )
            elif isinstance(obj, Article):
                yield Item(f"id:{obj.id}", "article", obj, obj.path)
            elif isinstance(obj, pd.DataFrame):
                yield from _frame_items(obj, path=None)
            elif isinstance(obj, Mapping):  # a record, as in a JSONL line or a dask bag
                row = dict(obj)
                where = f"item {index}"
                yield Item(_row_key(row, where, None), "row", (row, where))
            else:
                yield _fail(
                    f"item {index}",
                    InputTypeError(
                        f"analyze: item {index} is {describe(obj)}; expected a path, a glob, "
                        "article text/bytes, an Article or a DataFrame."
                    ),
                )
    else:
        raise InputTypeError(
            "analyze accepts a path, a glob, a directory, a table file (JSONL/CSV/Parquet), a "
            f"DataFrame, an Article, or an iterable of these or of article strings; got {describe(inputs)}."
        )


# ---------------------------------------------------------------------------
# parsing (worker)
# ---------------------------------------------------------------------------


def reader_options(options: Mapping[str, Any] | None = None) -> Any:
    """Validated reader options (the keyword arguments of ``read_articles``)."""
    from newsnlp.parse.core import DEFAULT_MAX_BYTES
    from newsnlp.parse.dates import DEFAULT_TZ

    kwargs: dict[str, Any] = {
        "text_column": None,
        "id_column": None,
        "title_column": "title",
        "url_column": "url",
        "date_column": None,
        "source_column": "source",
        "author_column": "author",
        "format": "auto",
        "encoding": None,
        "default_tz": DEFAULT_TZ,
        "to_simplified": False,
        "max_bytes": DEFAULT_MAX_BYTES,
    }
    for key, value in (options or {}).items():
        if key not in kwargs:
            raise InputTypeError(
                f"analyze: unknown read option {key!r}; allowed: {sorted(kwargs)}."
            )
        kwargs[key] = value
    return readers._options("collect", **kwargs)


def load_item(item: Item, options: Any) -> Article | ReadFailure:
    """Turn an item into an Article, or the ReadFailure saying why it is not one."""
    if item.kind == "article":
        return item.payload
    if item.kind == "failure":
        return item.payload
    reader = readers._Reader(options)
    if item.kind == "file":
        out = list(reader.file(item.payload or item.source))
    elif item.kind == "raw":
        raw, index = item.payload
        out = list(reader.raw(raw, index=index))
    else:
        if item.kind == "json":
            line, where = item.payload
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                return ReadFailure(
                    None,
                    where,
                    "read",
                    "ParseError",
                    f"{where}: line is not valid JSON ({exc.msg} at column {exc.colno}).",
                )
        else:
            row, where = item.payload
        out = list(reader.row(row, where=where, path=item.path))
    if len(out) != 1:  # a single file or row is one input
        return ReadFailure(
            None,
            item.source,
            "read",
            "ParseError",
            f"{item.source}: read {len(out)} articles, expected 1.",
        )
    return out[0]
