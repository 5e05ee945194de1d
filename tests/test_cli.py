"""The newsnlp command line: help everywhere, one-line errors, exit codes, a summary line."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsnlp.cli import main

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"
POSTS = sorted(p for p in EXAMPLES.glob("*.md") if p.name != "PROVENANCE.md")[:4]
SUMMARY = re.compile(
    r"^\d[\d,]* articles, \d[\d,]* errors in [\d.,]+ s \([\d.,]+ articles/s\)", re.M
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "posts"
    d.mkdir()
    for p in POSTS:
        shutil.copy(p, d / p.name)
    return d


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, (*prefix, name)))
    return out


def test_every_command_has_help_text(runner: CliRunner) -> None:
    commands = _commands(main)
    assert {("analyze",), ("parse",), ("discover",), ("lexicon",), ("lexicon", "check")} <= set(
        commands
    )
    for path in [(), *commands]:
        result = runner.invoke(main, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        assert "Usage:" in result.output
        cmd: click.Command = main
        for part in path:
            cmd = cmd.commands[part]  # type: ignore[attr-defined]
        assert cmd.help and len(cmd.help.strip()) > 20, path


def test_analyze_writes_sqlite_and_ends_with_a_summary_line(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["analyze", str(corpus), "--out", str(out), "--jobs", "1", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    last = result.output.strip().splitlines()[-1]
    assert SUMMARY.match(last), last
    assert last.startswith(f"{len(POSTS)} articles, 0 errors")
    with sqlite3.connect(out / "newsnlp.db") as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] == len(POSTS)
        assert conn.execute("select count(*) from keywords").fetchone()[0] > 0
    again = runner.invoke(
        main, ["analyze", str(corpus), "--out", str(out), "--jobs", "1", "--resume"]
    )
    assert again.exit_code == 0
    assert f"{len(POSTS)} already written (skipped)" in again.output


def test_analyze_writes_parquet_and_csv(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    for fmt in ("parquet", "csv"):
        out = tmp_path / fmt
        result = runner.invoke(
            main,
            [
                "analyze",
                str(corpus),
                "-o",
                str(out),
                "--format",
                fmt,
                "-j",
                "1",
                "--keywords",
                "textrank",
            ],
        )
        assert result.exit_code == 0, result.output
        assert len(list((out / "articles").glob(f"part-*.{fmt}"))) == 1


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["analyze", "nope/missing.md", "--out", "{tmp}/o"], 2, "no such file or directory"),
        (["analyze", "{corpus}/*.xyz", "--out", "{tmp}/o"], 2, "matches no files"),
        (
            ["analyze", "{corpus}", "--out", "{tmp}/afile", "--format", "parquet"],
            1,
            "is a file, not a directory",
        ),
        (["analyze", "{corpus}", "--out", "{tmp}/o", "--jobs", "0"], 2, "--jobs"),
        (["analyze", "{corpus}", "--out", "{tmp}/o", "-j", "-2"], 2, "positive number or -1"),
        (["analyze", "{corpus}", "--out", "{tmp}/o", "--format", "xlsx"], 2, "xlsx"),
        (["analyze", "{corpus}"], 2, "--out"),
        (["analyze", "{tmp}/empty.md", "--out", "{tmp}/o"], 1, "no input could be analysed"),
        (["parse", "{tmp}/nope.md"], 2, "no such file"),
        (["parse", "{tmp}/empty.md"], 1, "empty"),
        (["lexicon", "check", "{tmp}/bad.tsv"], 1, "bad.tsv, line 2"),
        (["lexicon", "check", "{tmp}/nope.tsv"], 2, "no such file"),
        (["report", "{tmp}/nope", "--out", "{tmp}/r.html"], 1, "does not exist"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    runner: CliRunner, corpus: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    (tmp_path / "afile").write_text("x")
    (tmp_path / "empty.md").write_text("")
    (tmp_path / "bad.tsv").write_text(
        "entity\ttype\taliases\tparent\twikidata\n小米\tgadget\t\t\t\n"
    )
    args = [a.format(tmp=tmp_path, corpus=corpus) for a in args]
    result = runner.invoke(main, args)
    assert result.exit_code == code, result.output
    error_lines = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(error_lines) == 1, result.output
    assert message in error_lines[0]
    assert "Traceback" not in result.output


def test_an_unreachable_database_is_a_clean_error(runner: CliRunner, corpus: Path) -> None:
    pytest.importorskip("psycopg")
    url = "postgresql+psycopg://me:hunter2@127.0.0.1:1/db?connect_timeout=2"
    result = runner.invoke(main, ["analyze", str(corpus), "--out", url, "-j", "1"])
    assert result.exit_code == 1
    assert "cannot reach database" in result.output and "hunter2" not in result.output


def test_parse_prints_one_article_as_json(runner: CliRunner) -> None:
    post = EXAMPLES / "zaker-01-leica-sample.md"
    result = runner.invoke(main, ["parse", str(post)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert "徕卡" in data["title"] and data["text"] and isinstance(data["paragraphs"], list)
    assert data["published_at"].endswith("+00:00")
    stdin = runner.invoke(main, ["parse", "-"], input=post.read_bytes())
    assert json.loads(stdin.output)["title"] == data["title"]


def test_lexicon_export_round_trips_through_check(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "lex.tsv"
    result = runner.invoke(main, ["lexicon", "export", str(out)])
    assert result.exit_code == 0, result.output
    header, first = out.read_text(encoding="utf-8").splitlines()[:2]
    assert header == "entity\ttype\taliases\tparent\twikidata" and first.count("\t") == 4
    checked = runner.invoke(main, ["lexicon", "check", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "OK" in checked.output
    mine = tmp_path / "mine.tsv"
    mine.write_text(
        "entity\ttype\taliases\tparent\twikidata\n极客湾\torganization\tGeekerwan\t\t\n",
        encoding="utf-8",
    )
    added = runner.invoke(main, ["lexicon", "check", str(mine)])
    assert added.exit_code == 0 and "1 new entries" in added.output
    shown = runner.invoke(main, ["lexicon", "show", "--file", str(mine), "--search", "geekerwan"])
    assert "极客湾" in shown.output


def test_lexicon_show_filters_by_type_and_text(runner: CliRunner) -> None:
    result = runner.invoke(main, ["lexicon", "show", "--type", "company", "--search", "xiaomi"])
    assert result.exit_code == 0
    assert "小米" in result.output


def test_discover_lists_candidates(runner: CliRunner) -> None:
    result = runner.invoke(main, ["discover", str(EXAMPLES), "--top", "5", "--min-count", "2"])
    assert result.exit_code == 0, result.output
    assert "candidate" in result.output or "no candidates" in result.output


def test_a_sqlite_url_needs_its_directory_but_a_plain_directory_is_created(
    runner: CliRunner, corpus: Path, tmp_path: Path
) -> None:
    # regression: sqlite:////nonexistent/db.sqlite created /nonexistent/
    url = f"sqlite:///{tmp_path}/no/such/dir/x.db"
    result = runner.invoke(main, ["analyze", str(corpus), "--out", url, "--jobs", "1"])
    assert result.exit_code == 1 and "does not exist" in result.output, result.output
    assert not (tmp_path / "no").exists()
    out = tmp_path / "new" / "dir"
    result = runner.invoke(
        main, ["analyze", str(corpus), "--out", str(out), "--jobs", "1", "--no-progress"]
    )
    assert result.exit_code == 0, result.output
    assert (out / "newsnlp.db").is_file()
