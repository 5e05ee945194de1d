"""Sinks: atomic per chunk, keyed by article_id, resumable; SQLite, Postgres, Parquet, CSV."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from newsnlp.errors import ParameterError, SinkError
from newsnlp.io.sinks import (
    FRAME_NAMES,
    CSVSink,
    ParquetSink,
    SQLSink,
    open_sink,
)
from newsnlp.schemas import SCHEMAS, frame_from_records


def _chunk(
    ids: list[str], sources: list[str] | None = None, *, tag: str = ""
) -> tuple[dict, pd.DataFrame]:
    """A chunk with rows in every frame; ``tag`` changes values so a replacement is visible."""
    sources = sources or [f"src-{i}" for i in ids]
    frames = {
        "articles": frame_from_records(
            [
                {
                    "article_id": i,
                    "title": f"标题{i}{tag}",
                    "text": "" if i.endswith("0") else f"正文 {i}",
                    "categories": ["科技", "手机"],
                    "published_at": "2021-10-14T20:32:00Z",
                    "source": "IT之家",
                    "n_chars": 4,
                }
                for i in ids
            ],
            "articles",
        ),
        "mentions": frame_from_records(
            [
                {
                    "article_id": i,
                    "entity": "小米",
                    "type": "company",
                    "mention": "小米",
                    "field": "text",
                    "start": 0,
                    "end": 2,
                    "sentence": 0,
                }
                for i in ids
                for _ in range(2)
            ],
            "mentions",
        ),
        "entities": frame_from_records(
            [
                {
                    "article_id": i,
                    "entity": "小米",
                    "type": "company",
                    "mentions": 2,
                    "in_title": True,
                    "first_offset": None,
                    "salience": 0.5,
                    "sentiment": 0.25,
                }
                for i in ids
            ],
            "entities",
        ),
        "keywords": frame_from_records(
            [
                {
                    "article_id": i,
                    "keyword": f"徕卡{tag}",
                    "rank": 1,
                    "score": 0.9,
                    "method": "tfidf",
                }
                for i in ids
            ],
            "keywords",
        ),
        "sentiment": frame_from_records(
            [{"article_id": i, "score": 0.1, "label": "neutral", "method": "lexicon"} for i in ids],
            "sentiment",
        ),
    }
    sources_frame = pd.DataFrame(
        {"source": sources, "article_id": ids, "status": ["ok"] * len(ids)}
    )
    return frames, sources_frame


def _error_chunk(source: str) -> tuple[dict, pd.DataFrame]:
    errors = frame_from_records(
        [
            {
                "article_id": None,
                "path": source,
                "stage": "read",
                "error": "ParseError",
                "message": "bad",
            }
        ],
        "errors",
    )
    return {"errors": errors}, pd.DataFrame(
        {"source": [source], "article_id": [None], "status": ["error"]}
    )


@pytest.fixture(params=["parquet", "csv", "sqlite"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    return str(tmp_path / "out"), request.param


def test_open_sink_picks_the_sink_from_the_target(tmp_path: Path) -> None:
    assert isinstance(open_sink(tmp_path / "o"), SQLSink)
    assert open_sink(tmp_path / "o").target.endswith("newsnlp.db")
    assert isinstance(open_sink(tmp_path / "f.db"), SQLSink)
    assert isinstance(open_sink(tmp_path / "o", format="parquet"), ParquetSink)
    assert isinstance(open_sink(tmp_path / "o", format="csv"), CSVSink)
    assert isinstance(open_sink("sqlite:///x.db"), SQLSink)
    with pytest.raises(ParameterError, match="format"):
        open_sink(tmp_path / "o", format="xlsx")  # type: ignore[arg-type]
    with pytest.raises(ParameterError, match="database URL"):
        open_sink("sqlite:///x.db", format="parquet")


def test_round_trip_keeps_every_column_and_dtype(target: tuple[str, str]) -> None:
    out, fmt = target
    frames, sources = _chunk(["a1", "a0"])
    with open_sink(out, format=fmt) as sink:  # type: ignore[arg-type]
        sink.write(frames, sources)
        loaded = sink.load()
    assert list(loaded) == list(FRAME_NAMES)
    for name in FRAME_NAMES:
        assert list(loaded[name].columns) == list(SCHEMAS[name])
        assert loaded[name].dtypes.tolist() == frame_from_records([], name).dtypes.tolist()
    pd.testing.assert_frame_equal(loaded["articles"], frames["articles"])
    pd.testing.assert_frame_equal(loaded["entities"], frames["entities"])
    assert loaded["articles"]["categories"].tolist()[0] == ["科技", "手机"]
    assert loaded["articles"]["text"].tolist()[1] == ""  # empty, not missing


def test_writing_the_same_chunk_twice_does_not_duplicate_rows(target: tuple[str, str]) -> None:
    out, fmt = target
    for tag in ("", "-v2"):
        with open_sink(out, format=fmt) as sink:  # type: ignore[arg-type]
            sink.write(*_chunk(["a1", "a2"], tag=tag))
            sink.write(*_chunk(["a3"], tag=tag))
    with open_sink(out, format=fmt) as sink:  # type: ignore[arg-type]
        loaded = sink.load()
        assert len(sink.done_sources()) == 3
    assert sorted(loaded["articles"]["article_id"]) == ["a1", "a2", "a3"]
    assert len(loaded["mentions"]) == 6
    assert set(loaded["keywords"]["keyword"]) == {"徕卡-v2"}  # the second run replaced the first


def test_a_rerun_with_other_chunk_boundaries_replaces_rows_in_older_parts(
    target: tuple[str, str],
) -> None:
    out, fmt = target
    with open_sink(out, format=fmt) as sink:  # type: ignore[arg-type]
        sink.write(*_chunk(["a1", "a2", "a3"]))
        sink.write(*_chunk(["a2"], tag="-new"))  # a2 moves to a new chunk
        loaded = sink.load()
    assert sorted(loaded["articles"]["article_id"]) == ["a1", "a2", "a3"]
    assert loaded["keywords"].set_index("article_id").loc["a2", "keyword"] == "徕卡-new"
    assert len(loaded["mentions"]) == 6


def test_errors_are_keyed_by_input_and_cleared_when_the_input_succeeds(
    target: tuple[str, str],
) -> None:
    out, fmt = target
    with open_sink(out, format=fmt) as sink:  # type: ignore[arg-type]
        sink.write(*_error_chunk("posts/bad.md"))
        sink.write(*_error_chunk("posts/bad.md"))
        assert len(sink.load(["errors"])["errors"]) == 1
        sink.write(*_chunk(["b1"], ["posts/bad.md"]))  # fixed file now parses
        loaded = sink.load(["articles", "errors"])
    assert len(loaded["errors"]) == 0
    assert loaded["articles"]["article_id"].tolist() == ["b1"]


def test_metadata_round_trips(target: tuple[str, str]) -> None:
    out, fmt = target
    with open_sink(out, format=fmt) as sink:  # type: ignore[arg-type]
        assert sink.load_meta("keywords") is None
        sink.save_meta("keywords", '{"idf": "词"}')
        sink.save_meta("keywords", '{"idf": "新"}')
    with open_sink(out, format=fmt) as sink:  # type: ignore[arg-type]
        assert sink.load_meta("keywords") == '{"idf": "新"}'


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_parts_without_their_commit_record_are_removed_and_never_read(
    tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / "out"
    with open_sink(out, format=fmt) as sink:  # type: ignore[arg-type]
        sink.write(*_chunk(["a1"]))
        sink.write(*_chunk(["a2"]))
    # a run killed after writing part 2's frames but before its _sources record
    (out / "_sources" / f"part-000002.{fmt}").unlink()
    (out / "articles" / f".part-000003.{fmt}.123.tmp").write_text("half-written")
    with open_sink(out, format=fmt) as sink:  # type: ignore[arg-type]
        assert sink.load()["articles"]["article_id"].tolist() == ["a1"]
        assert sink.done_sources() == {"src-a1": "a1"}
    assert sorted(p.name for p in (out / "articles").iterdir()) == [f"part-000001.{fmt}"]


def test_parquet_open_finishes_an_interrupted_replacement(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open_sink(out, format="parquet") as sink:
        sink.write(*_chunk(["a1", "a2"]))
    # simulate a run killed after committing a newer part but before pruning the old one
    saved = {
        name: (out / name / "part-000001.parquet").read_bytes()
        for name in (*FRAME_NAMES, "_sources")
    }
    with open_sink(out, format="parquet") as sink:
        sink.write(*_chunk(["a1", "a2"], tag="-v2"))
    for name, data in saved.items():
        (out / name / "part-000001.parquet").write_bytes(data)
    with open_sink(out, format="parquet") as sink:
        loaded = sink.load()
    assert sorted(loaded["articles"]["article_id"]) == ["a1", "a2"]
    assert set(loaded["keywords"]["keyword"]) == {"徕卡-v2"}
    assert not (out / "articles" / "part-000001.parquet").exists()


def test_parquet_frames_read_with_plain_pandas(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open_sink(out, format="parquet") as sink:
        sink.write(*_chunk(["a1"]))
        sink.write(*_chunk(["a2"]))
    frame = pd.read_parquet(out / "articles")
    assert sorted(frame["article_id"]) == ["a1", "a2"]


def test_sqlite_writes_a_chunk_in_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsnlp.io.sinks as sinks

    url = f"sqlite:///{tmp_path / 'f.db'}"
    with open_sink(url) as sink:
        sink.write(*_chunk(["a1"]))
    real = sinks._sql_rows
    calls = {"n": 0}

    def failing(frame: pd.DataFrame) -> list:
        calls["n"] += 1
        if calls["n"] == 3:  # after articles and mentions were inserted
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(frame)

    monkeypatch.setattr(sinks, "_sql_rows", failing)
    with open_sink(url) as sink, pytest.raises(SinkError, match="no space left"):
        sink.write(*_chunk(["a1", "a2"], tag="-v2"))
    monkeypatch.setattr(sinks, "_sql_rows", real)
    with open_sink(url) as sink:
        loaded = sink.load()
    assert loaded["articles"]["article_id"].tolist() == ["a1"]  # the old row, untouched
    assert set(loaded["keywords"]["keyword"]) == {"徕卡"}
    assert len(loaded["mentions"]) == 2


def test_sqlite_stores_categories_as_json_text(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "f.db"
    with open_sink(db) as sink:
        sink.write(*_chunk(["a1"]))
    with sqlite3.connect(db) as conn:
        (cats,) = conn.execute("select categories from articles").fetchone()
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
    assert cats == '["科技", "手机"]'
    assert set(FRAME_NAMES) <= tables


def test_sqlite_stores_published_at_as_iso_8601_utc_text(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "f.db"
    with open_sink(db) as sink:
        sink.write(*_chunk(["a1"]))
        loaded = sink.load(["articles"])["articles"]
    with sqlite3.connect(db) as conn:
        (stamp,) = conn.execute("select published_at from articles").fetchone()
    assert stamp == "2021-10-14T20:32:00+00:00"  # a dashboard reads it as UTC
    assert str(loaded["published_at"].dtype) == "datetime64[ns, UTC]"
    assert loaded["published_at"].iloc[0] == pd.Timestamp("2021-10-14T20:32:00Z")


def test_sqlite_reads_naive_timestamps_of_older_databases_as_utc(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "f.db"
    with open_sink(db) as sink:
        sink.write(*_chunk(["a1"]))
    with sqlite3.connect(db) as conn:  # what SQLAlchemy's DateTime wrote before
        conn.execute("update articles set published_at = '2021-10-14 20:32:00.000000'")
    with open_sink(db) as sink:
        loaded = sink.load(["articles"])["articles"]
    assert str(loaded["published_at"].dtype) == "datetime64[ns, UTC]"
    assert loaded["published_at"].iloc[0] == pd.Timestamp("2021-10-14T20:32:00Z")


def test_parquet_full_disk_leaves_no_partial_chunk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    with open_sink(out, format="parquet") as sink:
        sink.write(*_chunk(["a1"]))
    real = ParquetSink._write_file
    calls = {"n": 0}

    def failing(self: ParquetSink, frame: pd.DataFrame, name: str, path: Path) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, frame, name, path)

    monkeypatch.setattr(ParquetSink, "_write_file", failing)
    with open_sink(out, format="parquet") as sink, pytest.raises(SinkError, match="no space left"):
        sink.write(*_chunk(["a2"]))
    monkeypatch.setattr(ParquetSink, "_write_file", real)
    with open_sink(out, format="parquet") as sink:
        assert sink.load()["articles"]["article_id"].tolist() == ["a1"]
    leftovers = [p.name for p in out.rglob("*") if "000002" in p.name or p.name.endswith(".tmp")]
    assert leftovers == []


def test_an_output_directory_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    afile = tmp_path / "out"
    afile.write_text("not a directory")
    for fmt in ("parquet", "csv", "sqlite"):
        with pytest.raises(SinkError, match="is a file"):
            open_sink(afile, format=fmt).open()  # type: ignore[arg-type]


def test_a_sqlite_path_that_is_a_directory_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "x.db").mkdir()
    with pytest.raises(SinkError, match="is a directory"):
        open_sink(tmp_path / "x.db").open()


def test_an_unreachable_database_is_a_clear_error_without_the_password() -> None:
    pytest.importorskip("psycopg")
    sink = open_sink("postgresql+psycopg://user:s3cret@127.0.0.1:1/db?connect_timeout=2")
    with pytest.raises(SinkError, match="cannot reach database") as info:
        sink.open()
    assert "s3cret" not in str(info.value)
    assert "***" in str(info.value)


def test_an_invalid_url_is_a_sink_error() -> None:
    with pytest.raises(SinkError, match="not a valid database URL"):
        open_sink("postgresql://user@host:notaport/db")


def test_a_second_writer_on_the_same_directory_is_refused(tmp_path: Path) -> None:
    first = open_sink(tmp_path / "out", format="parquet")
    first.open()
    try:
        with pytest.raises(SinkError, match="Another newsnlp run"):
            open_sink(tmp_path / "out", format="parquet").open()
    finally:
        first.close()


# ---------------------------------------------------------------------------
# PostgreSQL: a throwaway server when the machine has one, else skipped
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    url = os.environ.get("NEWSNLP_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    pytest.importorskip("psycopg")
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("no PostgreSQL server (set NEWSNLP_TEST_POSTGRES_URL or install postgres)")
    prefix: list[str] = []
    if os.geteuid() == 0:  # postgres refuses to run as root
        runuser = shutil.which("runuser")
        if not runuser:
            pytest.skip("running as root without runuser; cannot start a test PostgreSQL")
        prefix = [runuser, "-u", "postgres", "--"]
    base = tempfile.mkdtemp(prefix="newsnlp-pg-")
    try:
        if prefix:
            shutil.chown(base, user="postgres")
        data = os.path.join(base, "data")
        subprocess.run(
            [*prefix, initdb, "-D", data, "-A", "trust", "-U", "postgres"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        port = "54391"
        subprocess.run(
            [
                *prefix,
                pg_ctl,
                "-D",
                data,
                "-o",
                f"-k {base} -p {port} -c listen_addresses=''",
                "-l",
                os.path.join(base, "log"),
                "-w",
                "start",
            ],
            check=True,
            capture_output=True,
            timeout=60,
        )
    except (subprocess.SubprocessError, OSError, LookupError) as exc:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"could not start a test PostgreSQL: {exc}")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={base}&port={port}"
    finally:
        subprocess.run(
            [*prefix, pg_ctl, "-D", data, "-m", "fast", "stop"], capture_output=True, timeout=60
        )
        shutil.rmtree(base, ignore_errors=True)


def test_postgres_sink_is_idempotent_and_round_trips(postgres_url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:  # start from an empty database
        for name in (*FRAME_NAMES, "newsnlp_sources", "newsnlp_meta"):
            conn.execute(sa.text(f"drop table if exists {name}"))
    engine.dispose()
    frames, _sources = _chunk(["p1", "p0"])
    for tag in ("", "-v2"):
        with open_sink(postgres_url) as sink:
            sink.write(*_chunk(["p1", "p0"], tag=tag))
    with open_sink(postgres_url) as sink:
        loaded = sink.load()
        assert len(sink.done_sources()) == 2
    assert sorted(loaded["articles"]["article_id"]) == ["p0", "p1"]
    assert set(loaded["keywords"]["keyword"]) == {"徕卡-v2"}
    pd.testing.assert_frame_equal(
        loaded["articles"].drop(columns="title"), frames["articles"].drop(columns="title")
    )


def test_delete_keys_never_deletes_by_a_duplicates_earlier_id() -> None:
    # regression: a repeat marked duplicate must not delete the first copy's rows
    from newsnlp.io.sinks import _delete_keys

    sources = pd.DataFrame(
        {"source": ["a", "b"], "article_id": ["id-a", "id-b"], "status": ["duplicate", "ok"]}
    )
    ids, srcs = _delete_keys(sources, {"a": "id-a", "b": "old-b"})
    assert ids == {"id-b", "old-b"} and srcs == {"a", "b"}


def test_a_sqlite_url_does_not_create_directories(tmp_path: Path) -> None:
    sink = open_sink(f"sqlite:///{tmp_path}/missing/x.db")
    with pytest.raises(SinkError, match=r"missing.*does not exist"):
        sink.open()
    assert not (tmp_path / "missing").exists()
    with open_sink(tmp_path / "made" / "x.db") as made:  # a plain path: created
        assert made.done_sources() == {}
    assert (tmp_path / "made" / "x.db").is_file()
