"""Where analysis results go: Parquet or CSV part files, SQLite, or any SQLAlchemy URL.

A sink receives the results of one chunk of articles at a time and writes them
**atomically** and **idempotently**:

- *Atomic per chunk.* Either every frame of a chunk is written or none is. SQL
  sinks write a chunk's rows for all frames in one transaction. File sinks write
  each part file under a temporary name, ``os.replace`` it into place, and write
  the chunk's ``_sources`` part *last*: it is the commit record. Part files whose
  ``_sources`` part is missing (a run killed mid-chunk, even by SIGKILL) are
  removed the next time the sink is opened, and never read.
- *Keyed by article.* Writing a chunk first deletes what the sink already holds
  for the chunk's articles (rows of every frame with the same ``article_id``) and
  for the chunk's inputs (``errors`` rows and ``_sources`` rows with the same
  source key), then inserts. Running the same input twice therefore leaves one
  copy of every row, and a new day's articles can be added to yesterday's sink.
- *Resumable.* :meth:`Sink.done_sources` lists the inputs already written, so a
  run started again with ``resume=True`` skips them.

Layouts
-------
SQL (``sqlite:///features.db``, ``postgresql://user@host/db``, ...)
    One table per frame (``articles``, ``mentions``, ``entities``, ``keywords``,
    ``sentiment``, ``sentences``, ``errors``) plus the bookkeeping table
    ``newsnlp_sources``. The list column ``categories`` is stored as JSON text.
    ``published_at`` is a ``timestamp with time zone`` where the database has one
    (PostgreSQL); SQLite has no such type, so there it is ISO 8601 text in UTC with
    its offset (``2022-07-04T12:00:00+00:00``), which dashboards and ``sqlite3``
    read unambiguously. :meth:`Sink.load` returns it as ``datetime64[ns, UTC]``.
Parquet / CSV directory
    ``DIR/<frame>/part-000001.parquet`` (or ``.csv``), one part per frame per
    chunk, plus ``DIR/_sources/part-000001.*``. ``pd.read_parquet("DIR/articles")``
    reads one frame; :meth:`Sink.load` reads them all with the right dtypes. In
    CSV parts ``categories`` is JSON text, ``published_at`` ISO 8601, and a
    missing value an empty field (so an empty title reads back as ``""``).
    When a chunk replaces rows of an older part (a re-run), the older part is
    rewritten without them (each file again via a temporary name); should a
    run die in between, opening the sink again finishes the job, and
    :meth:`Sink.load` always keeps the newest copy of an article.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import logging
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newsnlp.errors import ParameterError, SinkError
from newsnlp.schemas import SCHEMAS, conform, empty_frame, values_or_none

__all__ = [
    "FRAME_NAMES",
    "SOURCES_COLUMNS",
    "CSVSink",
    "ParquetSink",
    "SQLSink",
    "Sink",
    "SinkFormat",
    "conform_sources",
    "empty_sources",
    "open_sink",
]

logger = logging.getLogger(__name__)

SinkFormat = Literal["parquet", "csv", "sqlite"]

#: The frames a sink stores, in the order they are written.
FRAME_NAMES: tuple[str, ...] = (
    "articles",
    "mentions",
    "entities",
    "keywords",
    "sentiment",
    "sentences",
    "errors",
)

#: The bookkeeping frame: one row per input written.
#: ``status`` is ``"ok"`` (in ``articles``), ``"error"`` (in ``errors``) or
#: ``"duplicate"`` (in ``errors``; its ``article_id`` belongs to an earlier input).
SOURCES_COLUMNS: dict[str, str] = {"source": "string", "article_id": "string", "status": "string"}

_SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
_DEFAULT_DB_NAME = "newsnlp.db"
_IN_BATCH = 500  # ids per SQL IN (...) clause


# ---------------------------------------------------------------------------
# helpers shared by every sink
# ---------------------------------------------------------------------------


def empty_sources() -> pd.DataFrame:
    """Return an empty ``_sources`` frame."""
    return pd.DataFrame({c: pd.Series([], dtype=d) for c, d in SOURCES_COLUMNS.items()})


def conform_sources(frame: pd.DataFrame | None) -> pd.DataFrame:
    """Return ``frame`` with exactly the ``_sources`` columns, cast."""
    if frame is None or len(frame) == 0:
        return empty_sources()
    return pd.DataFrame(
        {c: frame[c].reset_index(drop=True).astype("string") for c in SOURCES_COLUMNS}
    )


def _delete_keys(
    sources: pd.DataFrame, previous: Mapping[str, str | None]
) -> tuple[set[str], set[str]]:
    """Return (article ids, source keys) whose stored rows a chunk replaces.

    The article ids are those of the chunk's articles and failed articles (not of
    duplicates, whose id belongs to another input) plus the ids the same sources
    had in an earlier write (again not for duplicates: that id may be the kept copy's).
    """
    src = [str(s) for s in sources["source"].tolist()]
    ids: set[str] = set()
    statuses = sources["status"].tolist()
    for aid, status in zip(sources["article_id"].tolist(), statuses, strict=True):
        if aid is not None and aid is not pd.NA and status != "duplicate":
            ids.add(str(aid))
    for s, status in zip(src, statuses, strict=True):
        # a duplicate's earlier id may be the first copy's, which must stay
        old = previous.get(s) if status != "duplicate" else None
        if old:
            ids.add(old)
    return ids, set(src)


def _frame_names(names: Sequence[str] | None) -> list[str]:
    """The frames ``Sink.load(names)`` reads (all by default), checked."""
    names = list(FRAME_NAMES if names is None else names)
    unknown = [n for n in names if n not in FRAME_NAMES]
    if unknown:
        raise ParameterError(
            f"The 'names' parameter of load must list frames of {list(FRAME_NAMES)}. "
            f"Got {unknown!r} instead."
        )
    return names


def _check_frames(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    out: dict[str, pd.DataFrame] = {}
    for name in FRAME_NAMES:
        frame = frames.get(name)
        out[name] = conform(frame, name) if frame is not None else empty_frame(name)  # type: ignore[arg-type]
    return out


def _as_sink_error(exc: BaseException, target: str, action: str) -> SinkError:
    if isinstance(exc, SinkError):
        return exc
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return SinkError(f"could not {action} {target}: no space left on device ({exc}).")
    return SinkError(f"could not {action} {target}: {type(exc).__name__}: {exc}")


# ---------------------------------------------------------------------------
# the interface
# ---------------------------------------------------------------------------


class Sink(ABC):
    """A place results are written to chunk by chunk (see the module docstring).

    Use as a context manager, or call :meth:`open` and :meth:`close`.
    """

    #: Human-readable location (a path or a URL with the password hidden).
    target: str
    #: ``"parquet"``, ``"csv"`` or ``"sql"``.
    kind: str

    def __enter__(self) -> Sink:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def open(self) -> None:
        """Create or check the output and repair what an interrupted run left behind.

        Raises
        ------
        SinkError
            The output cannot be created, reached or written.
        """

    @abstractmethod
    def close(self) -> None:
        """Release files and connections (idempotent)."""

    @abstractmethod
    def done_sources(self) -> dict[str, str | None]:
        """Return ``{source key: article_id or None}`` for every input already written.

        The id is given for inputs written as articles (status ``"ok"``), None for
        inputs recorded in ``errors``.
        """

    @abstractmethod
    def write(self, frames: Mapping[str, pd.DataFrame], sources: pd.DataFrame) -> None:
        """Write one chunk atomically, replacing earlier rows for the same articles/inputs.

        Parameters
        ----------
        frames : mapping of str to DataFrame
            The chunk's frames by name (see :data:`FRAME_NAMES`); a missing frame
            is written as empty.
        sources : DataFrame
            One row per input of the chunk: ``source``, ``article_id``, ``status``.

        Raises
        ------
        SinkError
            Nothing of the chunk was committed (disk full, connection lost, ...).
        """

    @abstractmethod
    def save_meta(self, key: str, value: str) -> None:
        """Store a small text value (e.g. the fitted keyword extractor) with the results."""

    @abstractmethod
    def load_meta(self, key: str) -> str | None:
        """Return the value :meth:`save_meta` stored under ``key``, or None."""

    @abstractmethod
    def load(self, names: Sequence[str] | None = None) -> dict[str, pd.DataFrame]:
        """Read frames back, conformed to their schemas.

        Parameters
        ----------
        names : sequence of str, optional
            Frames to read (default: all of :data:`FRAME_NAMES`).

        Returns
        -------
        dict of str to DataFrame
            Each frame with the columns of :mod:`newsnlp.schemas`.
        """

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.target!r})"


def open_sink(target: str | os.PathLike[str] | Sink, *, format: SinkFormat | None = None) -> Sink:
    """Return the (unopened) sink for ``target``.

    Parameters
    ----------
    target : str, path or Sink
        A SQLAlchemy URL (``sqlite:///features.db``, ``postgresql://...``), a path
        ending in ``.db``/``.sqlite``/``.sqlite3`` (a SQLite file), or a directory.
        A Sink is returned as is.
    format : {"parquet", "csv", "sqlite"}, optional
        For a directory: the layout to write. ``"sqlite"`` (the default) writes
        ``DIR/newsnlp.db``; ``"parquet"`` and ``"csv"`` write part files.

    Raises
    ------
    ParameterError
        ``format`` is not one of the allowed values or contradicts ``target``.
    """
    if isinstance(target, Sink):
        return target
    if format is not None and format not in ("parquet", "csv", "sqlite"):
        raise ParameterError(
            f"The 'format' parameter of open_sink must be one of 'parquet', 'csv', 'sqlite'. "
            f"Got {format!r} instead."
        )
    text = os.fspath(target)
    if not text:
        raise ParameterError(
            "The output of analyze must be a directory, a .db file or a URL; got ''."
        )
    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://", text):
        if format in ("parquet", "csv"):
            raise ParameterError(
                f"The output {text!r} is a database URL, which cannot hold format {format!r}; "
                "give a directory for Parquet/CSV."
            )
        return SQLSink(text)
    path = Path(text)
    if path.suffix.lower() in _SQLITE_SUFFIXES and format in (None, "sqlite"):
        return SQLSink(f"sqlite:///{path}", create_dirs=True)
    fmt = format or "sqlite"
    if fmt == "sqlite":
        if path.exists() and not path.is_dir():
            raise SinkError(
                f"The output {text!r} is a file, not a directory; give a directory, "
                "a .db path or a database URL."
            )
        return SQLSink(f"sqlite:///{path / _DEFAULT_DB_NAME}", create_dirs=True)
    if fmt == "parquet":
        return ParquetSink(path)
    return CSVSink(path)


# ---------------------------------------------------------------------------
# file sinks: one part per frame per chunk
# ---------------------------------------------------------------------------

_PART = re.compile(r"^part-(\d{6,})\.(parquet|csv)$")


class _PartitionedSink(Sink):
    """A directory of ``<frame>/part-NNNNNN.<ext>`` files (see the module docstring)."""

    suffix: str

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.target = str(self.directory)
        self._lock: Any = None
        # part number -> its _sources frame; source -> part; article_id -> parts
        self._parts: dict[int, pd.DataFrame] = {}
        self._next = 1

    # -- file format, provided by subclasses ---------------------------------
    @abstractmethod
    def _write_file(self, frame: pd.DataFrame, name: str, path: Path) -> None: ...

    @abstractmethod
    def _read_file(self, path: Path, name: str) -> pd.DataFrame: ...

    # -- paths -----------------------------------------------------------------
    def _dir(self, name: str) -> Path:
        return self.directory / ("_sources" if name == "_sources" else name)

    def _part_path(self, name: str, number: int) -> Path:
        return self._dir(name) / f"part-{number:06d}.{self.suffix}"

    # -- lifecycle -------------------------------------------------------------
    def open(self) -> None:
        if self._lock is not None:
            return
        d = self.directory
        if d.exists() and not d.is_dir():
            raise SinkError(
                f"The output {self.target!r} is a file, not a directory; give a directory "
                f"for {self.kind} output."
            )
        try:
            for name in (*FRAME_NAMES, "_sources"):
                self._dir(name).mkdir(parents=True, exist_ok=True)
            self._lock = open(d / ".newsnlp.lock", "a+b")  # noqa: SIM115 - held until close
        except OSError as exc:
            raise _as_sink_error(exc, self.target, "create the output directory") from exc
        try:
            import fcntl

            fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - non-POSIX
            pass
        except OSError as exc:
            self._lock.close()
            self._lock = None
            raise SinkError(
                f"Another newsnlp run is writing to {self.target!r}; wait for it to finish."
            ) from exc
        self._scan()

    def close(self) -> None:
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def _scan(self) -> None:
        """Index committed parts, delete uncommitted ones, and finish interrupted rewrites."""
        committed: dict[int, pd.DataFrame] = {}
        for f in sorted(self._dir("_sources").iterdir()):
            m = _PART.match(f.name)
            if m and m.group(2) == self.suffix:
                committed[int(m.group(1))] = conform_sources(self._read_file(f, "_sources"))
        for name in FRAME_NAMES:
            for f in self._dir(name).iterdir():
                m = _PART.match(f.name)
                orphan = m is not None and int(m.group(1)) not in committed
                if orphan or f.name.startswith(".part-"):
                    logger.info("removing %s left by an interrupted run", f)
                    f.unlink()
        for f in self._dir("_sources").iterdir():
            if f.name.startswith(".part-"):
                f.unlink()
        self._parts = committed
        self._next = max(committed, default=0) + 1
        # an earlier run may have died between writing a part and pruning older ones
        for number in sorted(committed, reverse=True):
            if number not in self._parts:
                continue
            ids, srcs = _delete_keys(self._parts[number], {})
            self._prune(ids, srcs, below=number)

    def done_sources(self) -> dict[str, str | None]:
        return self._previous(("ok",))

    def _previous(self, statuses: tuple[str, ...]) -> dict[str, str | None]:
        """``{source: article_id}``, the id only for inputs written with one of ``statuses``."""
        out: dict[str, str | None] = {}
        for number in sorted(self._parts):
            s = self._parts[number]
            for src, aid, st in zip(
                s["source"].tolist(), s["article_id"].tolist(), s["status"].tolist(), strict=True
            ):
                keep = st in statuses and aid is not None and aid is not pd.NA
                out[str(src)] = str(aid) if keep else None
        return out

    # -- writing ---------------------------------------------------------------
    def _atomic(self, frame: pd.DataFrame, name: str, final: Path) -> None:
        tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
        try:
            self._write_file(frame, name, tmp)
            os.replace(tmp, final)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise

    def write(self, frames: Mapping[str, pd.DataFrame], sources: pd.DataFrame) -> None:
        if self._lock is None:
            raise SinkError(f"The sink {self.target!r} is not open; call open() first.")
        frames = _check_frames(frames)
        sources = conform_sources(sources)
        number = self._next
        written: list[Path] = []
        try:
            for name in FRAME_NAMES:
                path = self._part_path(name, number)
                self._atomic(frames[name], name, path)
                written.append(path)
            # the commit record goes last
            self._atomic(sources, "_sources", self._part_path("_sources", number))
        except BaseException as exc:
            for path in written:
                with contextlib.suppress(OSError):
                    path.unlink()
            if isinstance(exc, Exception):
                raise _as_sink_error(exc, self.target, f"write part {number} to") from exc
            raise
        # a duplicate's id belongs to another input: never delete by it
        previous = self._previous(("ok", "error"))
        self._parts[number] = sources
        self._next = number + 1
        ids, srcs = _delete_keys(sources, previous)
        try:
            self._prune(ids, srcs, below=number)
        except Exception as exc:
            raise _as_sink_error(exc, self.target, "replace older rows in") from exc

    def _prune(self, ids: set[str], srcs: set[str], *, below: int) -> None:
        """Rewrite parts numbered below ``below`` without rows for ``ids``/``srcs``."""
        if not ids and not srcs:
            return
        for number in sorted(n for n in self._parts if n < below):
            s = self._parts[number]
            hit = s["source"].isin(srcs) | s["article_id"].isin(ids)
            if not bool(hit.any()):
                continue
            # frames first, the commit record last: a crash in between is finished on open
            for name in FRAME_NAMES:
                path = self._part_path(name, number)
                if not path.exists():
                    continue
                frame = self._read_file(path, name)
                if name == "errors":
                    drop = frame["path"].isin(srcs)
                else:
                    drop = frame["article_id"].isin(ids)
                if bool(drop.any()):
                    self._atomic(frame[~drop.fillna(False)], name, path)
            rest = s[~hit]
            if len(rest) == 0:
                for name in FRAME_NAMES:
                    with contextlib.suppress(FileNotFoundError):
                        self._part_path(name, number).unlink()
                self._part_path("_sources", number).unlink()
                del self._parts[number]
            else:
                self._atomic(rest, "_sources", self._part_path("_sources", number))
                self._parts[number] = conform_sources(rest)

    # -- metadata --------------------------------------------------------------
    def _meta_path(self, key: str) -> Path:
        if not re.fullmatch(r"[A-Za-z0-9_\-]+", key):
            raise ParameterError(
                f"The 'key' parameter of save_meta must be a plain name. Got {key!r} instead."
            )
        return self.directory / "_meta" / f"{key}.json"

    def save_meta(self, key: str, value: str) -> None:
        path = self._meta_path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(exist_ok=True)
            tmp.write_text(value, encoding="utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise _as_sink_error(exc, self.target, "write metadata to") from exc

    def load_meta(self, key: str) -> str | None:
        path = self._meta_path(key)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise _as_sink_error(exc, self.target, "read metadata from") from exc

    # -- reading ---------------------------------------------------------------
    def load(self, names: Sequence[str] | None = None) -> dict[str, pd.DataFrame]:
        names = _frame_names(names)
        if self._lock is None and not self._parts:
            self._scan_readonly()
        out: dict[str, pd.DataFrame] = {}
        for name in names:
            parts = [
                self._read_file(self._part_path(name, n), name)
                for n in sorted(self._parts)
                if self._part_path(name, n).exists()
            ]
            parts = [p for p in parts if len(p)]
            frame = pd.concat(parts, ignore_index=True) if parts else empty_frame(name)  # type: ignore[arg-type]
            out[name] = conform(frame, name)  # type: ignore[arg-type]
        return out

    def _scan_readonly(self) -> None:
        sdir = self._dir("_sources")
        if not sdir.is_dir():
            raise SinkError(f"{self.target!r} holds no newsnlp {self.kind} output (no _sources/).")
        for f in sorted(sdir.iterdir()):
            m = _PART.match(f.name)
            if m and m.group(2) == self.suffix:
                self._parts[int(m.group(1))] = conform_sources(self._read_file(f, "_sources"))


def _arrow_schema(name: str) -> pa.Schema:
    frame = empty_frame(name) if name != "_sources" else empty_sources()  # type: ignore[arg-type]
    return pa.Table.from_pandas(frame, preserve_index=False).schema.remove_metadata()


_ARROW_SCHEMAS: dict[str, pa.Schema] = {}


class ParquetSink(_PartitionedSink):
    """Parquet part files under a directory; see the module docstring for the layout."""

    suffix = "parquet"
    kind = "parquet"

    def _write_file(self, frame: pd.DataFrame, name: str, path: Path) -> None:
        schema = _ARROW_SCHEMAS.get(name)
        if schema is None:
            schema = _ARROW_SCHEMAS[name] = _arrow_schema(name)
        # no pandas metadata: plain pd.read_parquet("DIR/articles") must read it back
        table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
        pq.write_table(table.replace_schema_metadata(None), path)

    def _read_file(self, path: Path, name: str) -> pd.DataFrame:
        try:
            frame = pq.read_table(path).to_pandas()
        except (OSError, pa.ArrowException) as exc:
            raise SinkError(f"could not read {path}: {exc}") from exc
        return conform_sources(frame) if name == "_sources" else conform(frame, name)  # type: ignore[arg-type]


class CSVSink(_PartitionedSink):
    """CSV part files (UTF-8, header row) under a directory; see the module docstring."""

    suffix = "csv"
    kind = "csv"

    def _write_file(self, frame: pd.DataFrame, name: str, path: Path) -> None:
        out = frame.copy()
        if "categories" in out.columns:
            out["categories"] = [
                None if v is None else json.dumps(list(v), ensure_ascii=False)
                for v in values_or_none(out["categories"])
            ]
        if "published_at" in out.columns:
            out["published_at"] = [
                None if v is None else v.isoformat() for v in values_or_none(out["published_at"])
            ]
        out.to_csv(path, index=False, encoding="utf-8")

    def _read_file(self, path: Path, name: str) -> pd.DataFrame:
        schema = SOURCES_COLUMNS if name == "_sources" else SCHEMAS[name]
        text_cols = {
            c: "string"
            for c, d in schema.items()
            if d in ("string",) or c in ("categories", "published_at")
        }
        try:
            frame = pd.read_csv(path, dtype=text_cols, keep_default_na=False, na_values=[""])
        except (OSError, ValueError) as exc:
            raise SinkError(f"could not read {path}: {exc}") from exc
        if name == "_sources":
            return conform_sources(frame)
        if "categories" in frame.columns:
            frame["categories"] = [
                None if v is None else json.loads(v) for v in values_or_none(frame["categories"])
            ]
        if name == "articles":
            # CSV cannot tell "" from missing; an article's title and text are never missing
            for col in ("title", "text"):
                if col in frame.columns:
                    frame[col] = frame[col].fillna("")
        return conform(frame, name)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# SQL sink
# ---------------------------------------------------------------------------

SOURCES_TABLE = "newsnlp_sources"
META_TABLE = "newsnlp_meta"


class SQLSink(Sink):
    """One table per frame in any database SQLAlchemy can reach (SQLite by default).

    Parameters
    ----------
    url : str
        A SQLAlchemy URL: ``sqlite:///features.db``, ``postgresql+psycopg://user@host/db``...
    create_dirs : bool, default False
        Create the missing directories of a SQLite file. Off for a URL (its directory
        must exist: a SinkError names it); :func:`open_sink` turns it on for a plain
        path (``out/`` or ``out/features.db``).
    """

    kind = "sql"

    def __init__(self, url: str, *, create_dirs: bool = False) -> None:
        self.url = url
        self.create_dirs = create_dirs
        self._engine: Any = None
        self._tables: dict[str, Any] = {}
        try:
            from sqlalchemy.engine import make_url

            parsed = make_url(url)
        except Exception as exc:
            raise SinkError(f"{url!r} is not a valid database URL: {exc}") from exc
        self._parsed = parsed
        self.target = parsed.render_as_string(hide_password=True)

    def open(self) -> None:
        if self._engine is not None:
            return
        import sqlalchemy as sa

        parsed = self._parsed
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            db = Path(parsed.database)
            if db.is_dir():
                raise SinkError(
                    f"The SQLite database {str(db)!r} is a directory; give a file path such "
                    "as out/features.db."
                )
            if self.create_dirs:
                try:
                    db.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise _as_sink_error(exc, self.target, "create the directory of") from exc
            elif not db.parent.is_dir():
                # a URL names a database, not where to make directories
                raise SinkError(
                    f"The directory {str(db.parent)!r} of the SQLite database {self.target} "
                    "does not exist; create it first, or give a plain path (out/ or "
                    "out/features.db), whose directories are created."
                )
        try:
            engine = sa.create_engine(parsed)
        except Exception as exc:  # missing driver, bad dialect
            raise SinkError(
                f"cannot use database {self.target}: {type(exc).__name__}: {exc}"
            ) from exc
        if parsed.get_backend_name() == "sqlite":

            @sa.event.listens_for(engine, "connect")
            def _pragmas(dbapi_conn: Any, _record: Any) -> None:  # pragma: no cover - trivial
                cur = dbapi_conn.cursor()
                # WAL: dashboards can read while a run writes; a killed writer loses nothing committed
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.execute("PRAGMA busy_timeout=30000")
                cur.close()

        metadata = sa.MetaData()
        tables = {
            name: _sql_table(metadata, name) for name in (*FRAME_NAMES, SOURCES_TABLE, META_TABLE)
        }
        try:
            with engine.begin() as conn:
                metadata.create_all(conn)
                inspector = sa.inspect(conn)
                for name, table in tables.items():
                    have = {c["name"] for c in inspector.get_columns(name)}
                    missing = [c.name for c in table.columns if c.name not in have]
                    if missing:
                        raise SinkError(
                            f"table {name!r} in {self.target} lacks columns {missing}; it was not "
                            "written by this version of newsnlp. Use another database or table."
                        )
        except SinkError:
            engine.dispose()
            raise
        except Exception as exc:
            engine.dispose()
            raise SinkError(
                f"cannot reach database {self.target}: {type(exc).__name__}: {_first_line(exc)}"
            ) from exc
        self._engine = engine
        self._tables = tables

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def _require(self) -> Any:
        if self._engine is None:
            self.open()
        return self._engine

    def done_sources(self) -> dict[str, str | None]:
        import sqlalchemy as sa

        engine = self._require()
        table = self._tables[SOURCES_TABLE]
        with engine.connect() as conn:
            rows = conn.execute(sa.select(table.c.source, table.c.article_id, table.c.status)).all()
        return {str(s): (str(a) if a is not None and st == "ok" else None) for s, a, st in rows}

    def write(self, frames: Mapping[str, pd.DataFrame], sources: pd.DataFrame) -> None:
        import sqlalchemy as sa

        engine = self._require()
        frames = _check_frames(frames)
        sources = conform_sources(sources)
        t = self._tables
        try:
            with engine.begin() as conn:
                src_keys = [str(s) for s in sources["source"].tolist()]
                previous: dict[str, str | None] = {}
                for batch in _batches(src_keys):
                    # a duplicate's id belongs to another input: never delete by it
                    stmt = sa.select(
                        t[SOURCES_TABLE].c.source, t[SOURCES_TABLE].c.article_id
                    ).where(
                        t[SOURCES_TABLE].c.source.in_(batch),
                        t[SOURCES_TABLE].c.status != "duplicate",
                    )
                    previous.update({s: a for s, a in conn.execute(stmt).all()})
                ids, srcs = _delete_keys(sources, previous)
                for name in FRAME_NAMES:
                    table = t[name]
                    if name == "errors":
                        for batch in _batches(sorted(srcs)):
                            conn.execute(table.delete().where(table.c.path.in_(batch)))
                    else:
                        for batch in _batches(sorted(ids)):
                            conn.execute(table.delete().where(table.c.article_id.in_(batch)))
                for batch in _batches(sorted(srcs)):
                    conn.execute(
                        t[SOURCES_TABLE].delete().where(t[SOURCES_TABLE].c.source.in_(batch))
                    )
                for name in FRAME_NAMES:
                    rows = _sql_rows(frames[name])
                    if rows:
                        conn.execute(t[name].insert(), rows)
                rows = _sql_rows(sources)
                if rows:
                    conn.execute(t[SOURCES_TABLE].insert(), rows)
        except Exception as exc:
            raise _as_sink_error(exc, self.target, "write a chunk to") from exc

    def save_meta(self, key: str, value: str) -> None:
        engine = self._require()
        table = self._tables[META_TABLE]
        try:
            with engine.begin() as conn:
                conn.execute(table.delete().where(table.c.key == key))
                conn.execute(table.insert(), [{"key": key, "value": value}])
        except Exception as exc:
            raise _as_sink_error(exc, self.target, "write metadata to") from exc

    def load_meta(self, key: str) -> str | None:
        import sqlalchemy as sa

        engine = self._require()
        table = self._tables[META_TABLE]
        with engine.connect() as conn:
            row = conn.execute(sa.select(table.c.value).where(table.c.key == key)).first()
        return None if row is None else str(row[0])

    def load(self, names: Sequence[str] | None = None) -> dict[str, pd.DataFrame]:
        import sqlalchemy as sa

        names = _frame_names(names)
        engine = self._require()
        out: dict[str, pd.DataFrame] = {}
        with engine.connect() as conn:
            for name in names:
                table = self._tables[name]
                cols = list(SCHEMAS[name])
                rows = conn.execute(
                    sa.select(*[table.c[c] for c in cols]).order_by(table.c.row_id)
                ).all()
                frame = pd.DataFrame.from_records([tuple(r) for r in rows], columns=cols)
                if "categories" in frame.columns:
                    frame["categories"] = [
                        None if v is None else json.loads(v) for v in frame["categories"].tolist()
                    ]
                if "published_at" in frame.columns:
                    frame["published_at"] = pd.to_datetime(
                        frame["published_at"], utc=True, format="ISO8601"
                    )
                out[name] = conform(frame, name)  # type: ignore[arg-type]
        return out


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else ""


def _batches(values: Sequence[str]) -> Iterator[list[str]]:
    for i in range(0, len(values), _IN_BATCH):
        yield list(values[i : i + _IN_BATCH])


def _sql_table(metadata: Any, name: str) -> Any:
    import sqlalchemy as sa

    cols: list[Any] = []
    if name == META_TABLE:
        return sa.Table(
            name, metadata, sa.Column("key", sa.Text, primary_key=True), sa.Column("value", sa.Text)
        )
    if name == SOURCES_TABLE:
        cols.append(sa.Column("source", sa.Text, primary_key=True))
        cols.append(sa.Column("article_id", sa.Text, index=True))
        cols.append(sa.Column("status", sa.Text))
        return sa.Table(name, metadata, *cols)
    schema = SCHEMAS[name]
    # a surrogate key keeps rows in insertion (input) order when read back
    cols.append(sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True))
    for col, dtype in schema.items():
        cols.append(
            sa.Column(
                col,
                _sql_type(col, dtype),
                index=col in ("article_id",) or (name == "errors" and col == "path"),
            )
        )
    return sa.Table(name, metadata, *cols)


def _sql_type(col: str, dtype: Any) -> Any:
    import sqlalchemy as sa

    if isinstance(dtype, pd.ArrowDtype):
        return sa.Text  # list of str as JSON text
    if dtype == "Int64":
        return sa.BigInteger
    if dtype == "Float64":
        return sa.Float(precision=53)
    if dtype == "boolean":
        return sa.Boolean
    if str(dtype).startswith("datetime64"):
        # PostgreSQL & co. have a real "timestamp with time zone"; SQLite has none, and
        # SQLAlchemy's DateTime would store naive text there ("2022-07-04 12:00:00.000000")
        return sa.DateTime(timezone=True).with_variant(_utc_text_type(), "sqlite")
    return sa.Text


@functools.lru_cache(maxsize=1)
def _utc_text_type() -> Any:
    """SQLite column type: ISO 8601 text in UTC with its offset (``2022-07-04T12:00:00+00:00``).

    Dashboards and ``sqlite3`` read the value unambiguously as UTC; ``Sink.load`` parses
    it (and naive text written by older versions, taken as UTC) to ``datetime64[ns, UTC]``.
    """
    import sqlalchemy as sa

    class UTCText(sa.types.TypeDecorator[Any]):
        impl = sa.Text
        cache_ok = True

        def process_bind_param(self, value: Any, dialect: Any) -> str | None:
            if value is None:
                return None
            stamp = pd.Timestamp(value)
            stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
            return stamp.isoformat()

    return UTCText()


def _sql_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of ``frame`` as dicts of plain Python values for a DB-API driver."""
    if len(frame) == 0:
        return []
    columns: dict[str, list[Any]] = {}
    for col in frame.columns:
        values = values_or_none(frame[col])
        if col == "categories":
            values = [
                None if v is None else json.dumps(list(v), ensure_ascii=False) for v in values
            ]
        elif col == "published_at":
            values = [None if v is None else v.to_pydatetime() for v in values]
        columns[col] = values
    keys = list(columns)
    return [dict(zip(keys, row, strict=True)) for row in zip(*columns.values(), strict=True)]
