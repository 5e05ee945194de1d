"""build_report: one self-contained, escaped HTML file from any newsnlp output."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from newsnlp.errors import InputTypeError, ParameterError, SinkError
from newsnlp.report import build_report, load_result
from newsnlp.schemas import frame_from_records

pytest.importorskip("matplotlib")


class _Resources(HTMLParser):
    """Collect every reference a browser would load: tags, src attributes, CSS url()."""

    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {
            "script",
            "link",
            "iframe",
            "object",
            "embed",
            "source",
            "video",
            "audio",
            "base",
        }:
            self.external.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip()
            if name in {"src", "srcset", "poster", "data", "background"} and not value.startswith(
                "data:"
            ):
                self.external.append(f"{tag} {name}={value[:60]}")
            if name == "href" and tag != "a":
                self.external.append(f"{tag} href={value[:60]}")
            if name == "style":
                self._css(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, css: str) -> None:
        if "@import" in css:
            self.external.append("@import")
        for ref in re.findall(r"url\(\s*['\"]?([^'\")]{0,40})", css):
            if not ref.startswith("data:"):
                self.external.append(f"url({ref})")


def _external(page: str) -> list[str]:
    parser = _Resources()
    parser.feed(page)
    return parser.external


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample_html(parquet_dir, tmp_path_factory) -> str:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert build_report(parquet_dir, out) == out
    return _read(out)


def test_report_is_self_contained(sample_html):
    assert _external(sample_html) == []
    assert sample_html.count('src="data:image/png;base64,') == 4  # the four charts
    assert "<script" not in sample_html.lower()


def test_report_shows_chinese_entities_sources_and_keywords(sample_html):
    for text in ("小米", "雷军", "IT之家", "36氪", "宁德时代"):
        assert text in sample_html
    assert '<html lang="zh-Hans">' in sample_html
    assert "<h2>Top entities</h2>" in sample_html
    assert "<h2>Brand trends</h2>" in sample_html


def test_report_embeds_a_cjk_font_subset_of_reasonable_size(sample_html):
    match = re.search(
        r"@font-face \{[^}]*url\(data:font/(otf|ttf);base64,([A-Za-z0-9+/=]+)\)", sample_html
    )
    assert match, "no embedded font (is mplfonts installed?)"
    assert len(match.group(2)) * 3 / 4 < 2_000_000


def test_report_without_embedded_font_uses_installed_fonts(parquet_dir, tmp_path):
    out = build_report(parquet_dir, tmp_path / "r.html", embed_font=False, charts=False)
    page = _read(out)
    assert "@font-face" not in page
    assert "Noto Sans CJK SC" in page  # still asked for by name
    assert "data:image/png" not in page
    assert "小米" in page


def test_report_counts_match_the_frames(sample_result, sample_html):
    n = sample_result.articles["article_id"].nunique()
    assert re.search(rf'Articles</div><div class="value">{n}</div>', sample_html)


@pytest.mark.parametrize("fmt", ["csv", "sqlite-dir", "sqlite-file"])
def test_report_reads_every_sink_layout(sample_result, tmp_path, fmt):
    if fmt == "csv":
        target = tmp_path / "csv"
        sample_result.to_csv(target)
    elif fmt == "sqlite-dir":
        target = tmp_path / "db"
        target.mkdir()  # a database URL does not create directories
        sample_result.to_sql(f"sqlite:///{target / 'newsnlp.db'}")
    else:
        target = tmp_path / "features.sqlite"
        sample_result.to_sql(f"sqlite:///{target}")
    frames, _origin = load_result(target)
    assert len(frames["articles"]) == len(sample_result.articles)
    assert len(frames["entities"]) == len(sample_result.entities)
    page = _read(build_report(target, tmp_path / "r.html", charts=False, embed_font=False))
    assert "小米" in page


def test_report_from_an_analysis_result_in_memory(sample_result, tmp_path):
    page = _read(build_report(sample_result, tmp_path / "r.html", title="样本 <报告>"))
    assert "<title>样本 &lt;报告&gt;</title>" in page


def test_report_escapes_text_from_the_corpus(tmp_path):
    evil = "<script>alert(1)</script>"
    frames = {
        "articles": frame_from_records(
            [
                {
                    "article_id": "x1",
                    "source": "<b>源</b>",
                    "title": evil,
                    "url": "javascript:alert(1)",
                    "text": "t",
                    "published_at": "2022-01-01T00:00:00Z",
                }
            ],
            "articles",
        ),
        "entities": frame_from_records(
            [
                {
                    "article_id": "x1",
                    "entity": '小米"><img src=x>',
                    "type": "company",
                    "mentions": 1,
                    "sentiment": 0.5,
                },
                {
                    "article_id": "x1",
                    "entity": "徕卡",
                    "type": "company",
                    "mentions": 1,
                    "sentiment": 0.5,
                },
            ],
            "entities",
        ),
        "sentiment": frame_from_records(
            [{"article_id": "x1", "score": 0.9, "label": "positive", "method": "lexicon"}],
            "sentiment",
        ),
        "errors": frame_from_records(
            [
                {
                    "path": "bad<file>.md",
                    "stage": "parse",
                    "error": "ParseError",
                    "message": "<i>no</i>",
                }
            ],
            "errors",
        ),
    }
    page = _read(build_report(frames, tmp_path / "r.html"))
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x>" not in page
    assert "<b>源</b>" not in page and "&lt;b&gt;源&lt;/b&gt;" in page
    assert "javascript:" not in page  # not linked
    assert "bad&lt;file&gt;.md" in page and "&lt;i&gt;no&lt;/i&gt;" in page
    assert _external(page) == []


# -- bad input: empty, no dates, one entity -------------------------------------------


def _notes(page: str) -> list[str]:
    return re.findall(r'<p class="nodata">([^<]*)</p>', page)


def test_empty_result_renders_with_no_data_notes(tmp_path):
    page = _read(build_report({}, tmp_path / "r.html"))
    notes = _notes(page)
    assert any(n.startswith("No data: no articles") for n in notes)
    assert any("no keywords" in n for n in notes)
    assert any(n.startswith("No errors") for n in notes)
    assert "no dates" in page


def test_result_without_dates_says_so_in_trends(sample_result, tmp_path):
    frames = sample_result.frames()
    frames["articles"] = frames["articles"].assign(published_at=pd.NaT)
    page = _read(build_report(frames, tmp_path / "r.html"))
    assert "No data: no article has a publication date." in _notes(page)
    assert page.count("data:image/png") == 3  # the other charts still draw
    assert "小米" in page


def test_result_with_one_entity_renders(sample_result, tmp_path):
    frames = sample_result.frames()
    ents = frames["entities"]
    frames["entities"] = ents[ents["entity"] == "小米"].reset_index(drop=True)
    page = _read(build_report(frames, tmp_path / "r.html"))
    assert "No data: fewer than two entities share an article." in _notes(page)
    assert "小米" in page


# -- errors ------------------------------------------------------------------------


def test_a_directory_without_output_is_a_sink_error_naming_it(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(SinkError, match=re.escape(str(tmp_path))):
        build_report(tmp_path, tmp_path / "r.html")
    with pytest.raises(SinkError, match="does not exist"):
        build_report(tmp_path / "missing", tmp_path / "r.html")
    with pytest.raises(SinkError, match="not a SQLite database"):
        build_report(tmp_path / "notes.txt", tmp_path / "r.html")


def test_bad_arguments(tmp_path):
    with pytest.raises(InputTypeError, match="AnalysisResult"):
        build_report(42, tmp_path / "r.html")
    with pytest.raises(ParameterError, match="'top'"):
        build_report({}, tmp_path / "r.html", top=1)


def test_cli_report_command(parquet_dir, tmp_path):
    from newsnlp.cli import main

    out = tmp_path / "sub" / "report.html"
    run = CliRunner().invoke(main, ["report", str(parquet_dir), "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert out.is_file() and "小米" in _read(out)
    bad = CliRunner().invoke(main, ["report", str(tmp_path / "sub"), "--out", str(out)])
    assert bad.exit_code == 1
    assert "holds no newsnlp output" in bad.output


def test_report_without_matplotlib_keeps_the_tables(parquet_dir, tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    page = _read(build_report(parquet_dir, tmp_path / "r.html", embed_font=False))
    assert "data:image/png" not in page
    assert "No data: charts need matplotlib" in page
    assert "小米" in page


def test_extreme_articles_list_a_repeated_title_once():
    from newsnlp.report.summary import extreme_articles

    articles = frame_from_records(
        [
            {"article_id": f"x{i}", "title": t, "text": "t"}
            for i, t in enumerate(["最佳手机", "最佳手机", "新品发布", None, None])
        ],
        "articles",
    )
    sentiment = frame_from_records(
        [
            {"article_id": f"x{i}", "score": s, "label": "positive", "method": "lexicon"}
            for i, s in enumerate([0.9, 0.95, 0.5, 0.6, 0.7])
        ],
        "sentiment",
    )
    positive, negative = extreme_articles(articles, sentiment)
    assert positive["score"].tolist() == [0.95, 0.7, 0.6, 0.5]
    assert positive["title"].tolist()[0] == "最佳手机"
    assert len(negative) == 0
