"""The DataFrames newsnlp returns: each one's columns and dtypes, defined once.

Every frame-returning function passes its result through :func:`conform`, so a
frame always has exactly these columns in this order with these dtypes, and an
empty input gives an empty frame with the same columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, cast

import pandas as pd
import pyarrow as pa

__all__ = ["SCHEMAS", "FrameName", "conform", "empty_frame", "frame_from_records", "values_or_none"]

FrameName = Literal[
    "articles", "mentions", "entities", "keywords", "sentiment", "sentences", "errors"
]

_STR = "string"
_UTC = "datetime64[ns, UTC]"
_LIST_STR = pd.ArrowDtype(pa.list_(pa.string()))

#: Column name -> dtype for every frame, in column order.
SCHEMAS: dict[str, dict[str, Any]] = {
    "articles": {
        "article_id": _STR,
        "source": _STR,
        "url": _STR,
        "title": _STR,
        "author": _STR,
        "published_at": _UTC,
        "categories": _LIST_STR,
        "text": _STR,
        "n_chars": "Int64",
        "path": _STR,
    },
    "mentions": {
        "article_id": _STR,
        "entity": _STR,
        "type": _STR,
        "mention": _STR,
        "field": _STR,  # "title" or "text"
        "start": "Int64",
        "end": "Int64",
        "sentence": "Int64",  # index of the sentence within the field
    },
    "entities": {
        "article_id": _STR,
        "entity": _STR,
        "type": _STR,
        "mentions": "Int64",
        "in_title": "boolean",
        "first_offset": "Int64",
        "salience": "Float64",
        "sentiment": "Float64",  # -1..1, null until a SentimentScorer fills it
    },
    "keywords": {
        "article_id": _STR,
        "keyword": _STR,
        "rank": "Int64",  # 1 = best
        "score": "Float64",
        "method": _STR,
    },
    "sentiment": {
        "article_id": _STR,
        "score": "Float64",  # -1..1
        "label": _STR,  # negative / neutral / positive
        "method": _STR,
    },
    "sentences": {
        "article_id": _STR,
        "field": _STR,
        "sentence": "Int64",
        "start": "Int64",
        "end": "Int64",
        "text": _STR,
        "score": "Float64",
        "label": _STR,
        "method": _STR,
    },
    "errors": {
        "article_id": _STR,  # may be null
        "path": _STR,
        "stage": _STR,  # read / parse / tokenize / entities / keywords / sentiment / write
        "error": _STR,  # exception class name
        "message": _STR,
    },
}


def empty_frame(name: FrameName) -> pd.DataFrame:
    """Return an empty frame with the columns and dtypes of ``name``."""
    schema = SCHEMAS[name]
    return pd.DataFrame({col: pd.Series([], dtype=dtype) for col, dtype in schema.items()})


def conform(frame: pd.DataFrame, name: FrameName) -> pd.DataFrame:
    """Return ``frame`` with exactly the columns of schema ``name``, in order, cast.

    Missing columns are added as nulls; extra columns are dropped. The index is
    reset to a RangeIndex.
    """
    schema = SCHEMAS[name]
    if frame is None or len(frame) == 0:
        return empty_frame(name)
    out: dict[str, pd.Series] = {}
    n = len(frame)
    for col, dtype in schema.items():
        if col in frame.columns:
            series = frame[col].reset_index(drop=True)
        else:
            series = pd.Series([None] * n)
        out[col] = _cast(series, dtype)
    return pd.DataFrame(out)


def frame_from_records(records: Iterable[Mapping[str, Any]], name: FrameName) -> pd.DataFrame:
    """Build a conformed frame of schema ``name`` from an iterable of dicts."""
    rows = list(records)
    if not rows:
        return empty_frame(name)
    return conform(pd.DataFrame.from_records(rows), name)


def _cast(series: pd.Series, dtype: Any) -> pd.Series:
    if isinstance(dtype, pd.ArrowDtype):
        values = [None if v is None else [str(x) for x in v] for v in values_or_none(series)]
        return pd.Series(pd.array(values, dtype=cast(Any, dtype)))
    if dtype == _UTC:
        return pd.to_datetime(series, utc=True).astype(cast(Any, _UTC))
    return series.astype(cast(Any, dtype))


def values_or_none(series: pd.Series) -> list[Any]:
    """The values of ``series`` as a list, every kind of missing value (NA, NaT, NaN) as None."""
    out: list[Any] = []
    for v in series.tolist():
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
            out.append(None)
        else:
            out.append(v)
    return out
