"""Read the frames of a scored corpus from wherever :func:`newsnlp.analyze` put them."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from newsnlp.errors import InputTypeError, SinkError, describe
from newsnlp.io.sinks import FRAME_NAMES, Sink, open_sink
from newsnlp.schemas import SCHEMAS, conform, empty_frame

__all__ = ["REPORT_FRAMES", "load_result", "open_result"]

#: The frames the report reads (``mentions`` and ``sentences`` are not needed).
REPORT_FRAMES: tuple[str, ...] = ("articles", "entities", "keywords", "sentiment", "errors")

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
_DEFAULT_DB = "newsnlp.db"


def open_result(path: str | os.PathLike[str]) -> Sink:
    """Return the sink that holds the output of ``newsnlp analyze`` at ``path``.

    Parameters
    ----------
    path : str or path
        A Parquet or CSV output directory (``DIR/_sources/part-*.parquet|csv``), a
        directory holding ``newsnlp.db`` (the default ``--format sqlite``), a SQLite
        file (``.db``, ``.sqlite``, ``.sqlite3``) or a database URL.

    Raises
    ------
    SinkError
        Nothing at ``path`` looks like newsnlp output (the message says what was
        looked for).
    """
    text = os.fspath(path)
    if _URL.match(text):
        return open_sink(text)
    where = Path(text)
    if where.is_file():
        if where.suffix.lower() in _SQLITE_SUFFIXES:
            return open_sink(where)
        raise SinkError(
            f"{text!r} is a file but not a SQLite database (.db/.sqlite/.sqlite3); give the "
            "output directory or database of `newsnlp analyze`."
        )
    if not where.is_dir():
        raise SinkError(f"{text!r} does not exist; give the output of `newsnlp analyze`.")
    sources = where / "_sources"
    if sources.is_dir():
        suffixes = {p.suffix for p in sources.iterdir() if p.name.startswith("part-")}
        if ".parquet" in suffixes:
            return open_sink(where, format="parquet")
        if ".csv" in suffixes:
            return open_sink(where, format="csv")
    if (where / _DEFAULT_DB).is_file():
        return open_sink(where / _DEFAULT_DB)
    raise SinkError(
        f"{text!r} holds no newsnlp output: expected Parquet or CSV part files under "
        f"{text}/_sources/ or a SQLite database {text}/{_DEFAULT_DB} (written by "
        "`newsnlp analyze INPUT --out DIR`)."
    )


def _conformed(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """``conform`` unless the frame already has the schema's columns and dtypes.

    (Conforming twice fails on a null ``categories`` list in the schemas helper.)
    """
    schema = SCHEMAS[name]
    if list(frame.columns) == list(schema) and all(
        str(frame[c].dtype) == str(pd.Series([], dtype=d).dtype) for c, d in schema.items()
    ):
        return frame.reset_index(drop=True)
    return conform(frame, name)  # type: ignore[arg-type]


def load_result(
    result: Any, *, names: Sequence[str] = REPORT_FRAMES
) -> tuple[dict[str, pd.DataFrame], str]:
    """Return the frames of a scored corpus and a short description of where they came from.

    Parameters
    ----------
    result : AnalysisResult, mapping of frames, path or URL
        What :func:`newsnlp.analyze` returned, a ``{name: DataFrame}`` mapping (a
        missing frame counts as empty), or an output written by the sinks (see
        :func:`open_result`).
    names : sequence of str
        The frames to read.

    Returns
    -------
    frames : dict of str to DataFrame
        Each frame conformed to its schema (:mod:`newsnlp.schemas`).
    origin : str
        The path, URL or "AnalysisResult" the frames came from.

    Raises
    ------
    SinkError
        The path holds no newsnlp output or cannot be read.
    InputTypeError
        ``result`` is of another type.
    """
    unknown = [n for n in names if n not in FRAME_NAMES]
    if unknown:
        raise InputTypeError(f"load_result: unknown frame names {unknown}; known: {FRAME_NAMES}.")
    if isinstance(result, (str, os.PathLike)):
        sink = open_result(result)
        try:
            frames = sink.load(list(names))
        except SinkError:
            raise
        except Exception as exc:  # a corrupt file: say which output could not be read
            raise SinkError(
                f"could not read the newsnlp output {sink.target}: {type(exc).__name__}: {exc}"
            ) from exc
        finally:
            sink.close()
        return {n: _conformed(frames[n], n) for n in names}, str(sink.target)
    if isinstance(result, Mapping):
        out: dict[str, pd.DataFrame] = {}
        for name in names:
            frame = result.get(name)
            if frame is not None and not isinstance(frame, pd.DataFrame):
                raise InputTypeError(
                    f"load_result: frame {name!r} must be a pandas DataFrame; got {describe(frame)}."
                )
            out[name] = (
                empty_frame(name)  # type: ignore[arg-type]
                if frame is None
                else _conformed(frame, name)
            )
        return out, "frames"
    frames_method = getattr(result, "frames", None)
    if callable(frames_method):
        # an AnalysisResult: read only what is needed (a streamed result reads its sink)
        return {name: _conformed(getattr(result, name), name) for name in names}, "AnalysisResult"
    raise InputTypeError(
        "build_report needs an AnalysisResult, a mapping of frames, or the path of an "
        f"output of `newsnlp analyze`; got {describe(result)}."
    )
