"""The ``newsnlp`` command line: each command is a few lines around one library call.

Library errors (:class:`~newsnlp.errors.NewsNLPError`) become one-line messages
(``Error: ...``) and a non-zero exit status; Ctrl-C stops a run cleanly (exit 130).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

from newsnlp.errors import NewsNLPError

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])


def _library_errors(func: F) -> F:
    """Turn library exceptions into ``click.ClickException`` (one line, exit 1)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except NewsNLPError as exc:
            raise click.ClickException(_one_line(exc)) from exc
        except KeyboardInterrupt:
            click.echo(
                "Interrupted. Chunks already written are kept; run again with --resume to finish.",
                err=True,
            )
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _check_inputs(inputs: Sequence[str]) -> None:
    import glob

    for spec in inputs:
        if not Path(spec).exists() and not glob.has_magic(spec):
            raise click.UsageError(f"input {spec!r}: no such file or directory.")
        if glob.has_magic(spec) and not Path(spec).exists() and not glob.glob(spec, recursive=True):
            raise click.UsageError(f"input {spec!r}: the pattern matches no files.")


def _check_jobs(_ctx: click.Context, _param: click.Parameter, value: int) -> int:
    """``--jobs`` is a positive count or -1 (all cores); say so under the option's name."""
    if value < 1 and value != -1:
        raise click.BadParameter(f"must be a positive number or -1 (all cores), not {value}.")
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsnlp")
def main() -> None:
    """Analyse Chinese tech news: parse articles, extract entities, keywords and sentiment.

    Run `newsnlp COMMAND --help` for the options of a command.
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--out",
    "-o",
    required=True,
    metavar="DIR_OR_URL",
    help="Where to write: a directory, a .db file, or a database URL (sqlite:///x.db, postgresql://...).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["sqlite", "parquet", "csv"]),
    default=None,
    help="Layout for a directory --out: sqlite (DIR/newsnlp.db, the default), parquet or csv part files.",
)
@click.option(
    "--jobs",
    "-j",
    type=int,
    callback=_check_jobs,
    default=-1,
    show_default=True,
    help="Worker processes (-1: all cores).",
)
@click.option(
    "--resume", is_flag=True, help="Skip inputs an interrupted run already wrote to --out."
)
@click.option("--no-progress", is_flag=True, help="Do not show the progress bar.")
@click.option(
    "--chunk-size",
    type=int,
    default=64,
    show_default=True,
    help="Inputs per chunk (unit of work and of writing).",
)
@click.option(
    "--keywords",
    type=click.Choice(["tfidf", "textrank", "none"]),
    default="tfidf",
    show_default=True,
    help="Keyword method (tfidf is fitted on the first 1,000 inputs).",
)
@click.option(
    "--sentiment",
    type=click.Choice(["lexicon", "snownlp", "none"]),
    default="lexicon",
    show_default=True,
    help="Sentiment method.",
)
@click.option(
    "--lexicon",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="A lexicon file (.tsv/.csv/.yaml) added to the shipped one.",
)
@_library_errors
def analyze(
    inputs: tuple[str, ...],
    out: str,
    fmt: str | None,
    jobs: int,
    resume: bool,
    no_progress: bool,
    chunk_size: int,
    keywords: str,
    sentiment: str,
    lexicon: str | None,
) -> None:
    """Analyse articles and write every frame to --out.

    INPUT is a file, a directory (searched recursively), a glob, or a JSONL/CSV/Parquet
    table. Writing is atomic per chunk and keyed by article, so running again does not
    duplicate rows, and --resume finishes an interrupted run.

    \b
    Example:
      newsnlp analyze examples/articles --out out/
    """
    from newsnlp.pipeline import analyze as run_analysis

    _check_inputs(inputs)
    result = run_analysis(
        list(inputs),
        sink=out,
        format=fmt,  # type: ignore[arg-type]
        n_jobs=jobs,
        resume=resume,
        progress=not no_progress,
        chunk_size=chunk_size,
        keywords=None if keywords == "none" else keywords,  # type: ignore[arg-type]
        sentiment=None if sentiment == "none" else sentiment,  # type: ignore[arg-type]
        lexicon=lexicon,
    )
    click.echo(result.summary())
    if result.n_articles == 0 and result.n_errors > 0:
        first = result.errors["message"].iloc[-1] if len(result.errors) else ""
        raise click.ClickException(
            f"no input could be analysed ({result.n_errors} errors); e.g. {first}"
        )


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "post", "page", "html", "markdown", "text"]),
    default="auto",
    show_default=True,
    help="Force the input format instead of detecting it.",
)
@_library_errors
def parse(file: str, fmt: str) -> None:
    """Parse one article FILE (or - for stdin) and print it as JSON."""
    from newsnlp.parse.core import parse_article

    if file == "-":
        article = parse_article(sys.stdin.buffer.read(), name="stdin", format=fmt)  # type: ignore[arg-type]
    else:
        if not Path(file).is_file():
            raise click.UsageError(f"FILE {file!r}: no such file.")
        article = parse_article(Path(file), format=fmt)  # type: ignore[arg-type]
    click.echo(json.dumps(_article_json(article), ensure_ascii=False, indent=2))


def _article_json(article: Any) -> dict[str, Any]:
    from dataclasses import asdict

    data = asdict(article)
    for key, value in data.items():
        if isinstance(value, datetime):
            data[key] = value.isoformat()
        elif isinstance(value, tuple):
            data[key] = list(value)
    return data


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--top", type=int, default=30, show_default=True, help="How many candidates to list.")
@click.option(
    "--min-count", type=int, default=3, show_default=True, help="Minimum occurrences in the corpus."
)
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="Print CSV instead of a table (all columns, examples included).",
)
@_library_errors
def discover(inputs: tuple[str, ...], top: int, min_count: int, as_csv: bool) -> None:
    """List frequent names in INPUT... that are not in the lexicon yet (lexicon curation)."""
    from newsnlp.analysis.discovery import discover_entities
    from newsnlp.io.readers import read_articles

    _check_inputs(inputs)
    articles = read_articles(list(inputs))
    if len(articles) == 0:
        raise click.ClickException("no article could be read from the inputs.")
    frame = discover_entities(articles, top_k=top, min_count=min_count)
    if as_csv:
        click.echo(frame.to_csv(index=False), nl=False)
    else:
        shown = frame.drop(columns=[c for c in ("examples",) if c in frame.columns])
        click.echo(shown.to_string(index=False) if len(shown) else "no candidates found.")


@main.group()
def lexicon() -> None:
    """Show, export and check tech lexicons (companies, brands, products, people...)."""


@lexicon.command("show")
@click.option(
    "--type", "etype", default=None, help="Only entries of this type (company, brand, product...)."
)
@click.option(
    "--search", default=None, help="Only entries whose name or an alias contains this text."
)
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Show this lexicon file on top of the shipped lexicon.",
)
@_library_errors
def lexicon_show(etype: str | None, search: str | None, path: str | None) -> None:
    """Print lexicon entries as a table."""
    frame = _lexicon(path).to_frame()
    if etype:
        frame = frame[frame["type"] == etype]
    if search:
        needle = search.lower()
        hit = [
            needle in str(name).lower() or any(needle in str(a).lower() for a in (aliases or []))
            for name, aliases in zip(frame["entity"], frame["aliases"], strict=True)
        ]
        frame = frame[hit]
    shown = frame.assign(aliases=[" | ".join(a or []) for a in frame["aliases"]])
    click.echo(shown.to_string(index=False) if len(shown) else "no entries match.")
    click.echo(f"{len(frame):,} entries", err=True)


@lexicon.command("export")
@click.argument(
    "output", type=click.Path(dir_okay=False, writable=True, allow_dash=True), default="-"
)
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Export this lexicon file merged with the shipped lexicon.",
)
@_library_errors
def lexicon_export(output: str, path: str | None) -> None:
    """Write the lexicon as TSV (entity, type, aliases, parent, wikidata) to OUTPUT or stdout.

    The file can be edited and passed back with `newsnlp analyze --lexicon FILE`.
    """
    frame = _lexicon(path).to_frame()
    lines = ["\t".join(("entity", "type", "aliases", "parent", "wikidata"))]
    for row in frame.itertuples(index=False):
        cells = [row.entity, row.type, "|".join(row.aliases or []), row.parent, row.wikidata]
        lines.append("\t".join("" if _missing(c) else str(c) for c in cells))
    text = "\n".join(lines) + "\n"
    if output == "-":
        click.echo(text, nl=False)
    else:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(frame):,} entries to {output}", err=True)


@lexicon.command("check")
@click.argument("file", type=click.Path(dir_okay=False))
@_library_errors
def lexicon_check(file: str) -> None:
    """Validate a lexicon FILE (.tsv/.csv/.yaml) against the shipped lexicon.

    Exits non-zero with the file and line of the first problem (bad header, unknown
    type, duplicate name, an alias that already belongs to another entry...).
    """
    from newsnlp.text.lexicon import Lexicon

    if not Path(file).is_file():
        raise click.UsageError(f"FILE {file!r}: no such file.")
    base = Lexicon.default()
    merged = _lexicon(file)
    added = len(merged) - len(base)
    click.echo(f"{file}: OK, {added:,} new entries ({len(merged):,} with the shipped lexicon).")


def _lexicon(path: str | None) -> Any:
    from newsnlp.pipeline import _resolve_lexicon
    from newsnlp.text.lexicon import Lexicon

    return Lexicon.default() if path is None else _resolve_lexicon(path)


def _missing(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, float) and value != value)
        or str(value) in ("<NA>", "nan")
    )


def _add_report_command() -> None:
    """``newsnlp report`` exists when :mod:`newsnlp.report` provides ``build_report``."""
    import importlib.util

    if importlib.util.find_spec("newsnlp.report.render") is None:  # imported only when run
        return

    @main.command()
    @click.argument("result_dir")
    @click.option(
        "--out", "-o", default="report.html", show_default=True, help="The HTML file to write."
    )
    @click.option(
        "--top", type=int, default=20, show_default=True, help="Entities and keywords per chart."
    )
    @_library_errors
    def report(result_dir: str, out: str, top: int) -> None:
        """Build a self-contained HTML report from the output of `newsnlp analyze`.

        RESULT_DIR is the --out of `newsnlp analyze`: a Parquet/CSV directory, a directory
        holding newsnlp.db, a SQLite file or a database URL.
        """
        from newsnlp.report import build_report

        path = build_report(result_dir, out, top=top)
        click.echo(f"wrote {path}")


_add_report_command()


if __name__ == "__main__":  # pragma: no cover
    main()
