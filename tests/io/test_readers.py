"""read_articles / read_articles_with_errors / iter_read over files, dirs, globs, tables, strings."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

import newsnlp
from newsnlp.errors import InputTypeError, ParameterError, ParseError
from newsnlp.io.readers import ReadFailure, iter_read, read_articles, read_articles_with_errors
from newsnlp.parse.article import Article
from newsnlp.schemas import SCHEMAS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "parse"
POSTS = FIXTURES / "posts"
XDA = FIXTURES / "tables" / "xda-sample.jsonl"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"


def _columns_ok(frame: pd.DataFrame, name: str) -> None:
    assert list(frame.columns) == list(SCHEMAS[name])
    for col, dtype in SCHEMAS[name].items():
        assert str(frame[col].dtype) == str(pd.Series([], dtype=dtype).dtype), col


def test_public_name() -> None:
    assert newsnlp.read_articles is read_articles


def test_directory_is_read_recursively_with_schema(tmp_path: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    shutil.copy(POSTS / "zaker-01-leica-sample.md", nested)
    shutil.copy(POSTS / "ithome-01-twitter-outage.md", tmp_path)
    (tmp_path / "README.md").write_text("# not an article\n", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("---\ntitle: x\n---\nx", encoding="utf-8")
    frame = read_articles(tmp_path)
    _columns_ok(frame, "articles")
    assert len(frame) == 2
    row = frame[frame["source"] == "ZAKER"].iloc[0]
    assert row["title"] == "雷军：是徕卡找的我们"
    assert row["published_at"] == pd.Timestamp("2022-06-28 01:50", tz="UTC")
    assert row["n_chars"] == len(row["text"])
    assert row["path"].endswith("zaker-01-leica-sample.md")
    assert list(frame["categories"].iloc[0])  # list of str


def test_glob_and_article_ids_are_stable_across_locations(tmp_path: Path) -> None:
    shutil.copy(POSTS / "zaker-01-leica-sample.md", tmp_path / "copy.md")
    a = read_articles(str(POSTS / "zaker-01*.md"))
    b = read_articles(str(tmp_path / "*.md"))
    assert a["article_id"].tolist() == b["article_id"].tolist()
    assert a["path"].iloc[0] != b["path"].iloc[0]


def test_every_input_is_accounted_for(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [oops\n---\n<p>x</p>", encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    inputs = [
        POSTS / "zaker-01-leica-sample.md",
        str(bad),
        empty,
        "missing/file.md",
        str(tmp_path / "nothing-*.md"),
        "<p>小米发布新机。</p>",
        b"\x00\x01\x02\x03 binary",
    ]
    articles, errors = read_articles_with_errors(inputs)
    _columns_ok(errors, "errors")
    assert len(articles) + len(errors) == len(inputs)
    assert len(articles) == 2
    by_path = dict(zip(errors["path"].fillna(""), errors["message"], strict=True))
    assert "not valid YAML" in by_path[str(bad)]
    assert "empty" in by_path[str(empty)]
    assert "no such file" in by_path["missing/file.md"]
    assert "matched no files" in by_path[str(tmp_path / "nothing-*.md")]
    assert set(errors["stage"]) == {"read", "parse"}
    assert set(errors["error"]) >= {"ParseError", "FileNotFoundError"}


def test_errors_raise_stops_at_first_failure(tmp_path: Path) -> None:
    with pytest.raises(ParseError, match=r"missing\.md"):
        read_articles([POSTS / "zaker-01-leica-sample.md", "missing.md"], errors="raise")
    with pytest.raises(ParameterError, match="'errors' parameter of read_articles"):
        read_articles(POSTS, errors="ignore")  # type: ignore[arg-type]


def test_collect_mode_logs_the_failures(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("WARNING", logger="newsnlp.io.readers"):
        frame = read_articles(["missing.md", POSTS / "zaker-01-leica-sample.md"])
    assert len(frame) == 1
    assert "read_articles_with_errors" in caplog.text


def test_jsonl_with_xda_columns_and_ids() -> None:
    frame = read_articles(XDA, text_column="markdown")
    rows = [json.loads(line) for line in XDA.read_text(encoding="utf-8").splitlines()]
    assert frame["article_id"].tolist() == [r["id"] for r in rows]
    assert frame["title"].tolist() == [r["title"] for r in rows]
    assert frame["url"].tolist() == [r["url"] for r in rows]
    assert (frame["source"] == "XDA Developers").all()
    for text, row in zip(frame["text"], rows, strict=True):
        assert "原文：" not in text and "![" not in text and "](" not in text and "**" not in text
        assert not text.startswith(row["title"])
    # the text column is found without being named
    assert read_articles(XDA)["text"].tolist() == frame["text"].tolist()


def test_gzip_jsonl_bad_lines_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    lines = [
        json.dumps({"id": "a1", "title": "标题一", "html": "<p>小米发布新机。</p>"}),
        "{not json",
        json.dumps({"id": "a3", "title": "", "html": ""}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "a5", "title": "只有标题"}),
    ]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    articles, errors = read_articles_with_errors(path)
    assert len(articles) + len(errors) == 5
    assert articles["article_id"].tolist() == ["a1", "a5"]
    assert articles["text"].tolist() == ["小米发布新机。", ""]
    assert errors["path"].tolist() == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert errors["article_id"].tolist()[1] == "a3"


def test_csv_and_parquet_with_configurable_columns(tmp_path: Path) -> None:
    source = pd.DataFrame(
        {
            "uid": ["x1", "x2"],
            "headline": ["小米 12S 发布", "徕卡合作"],
            "body": ["<p>第一段。</p><p>第二段。</p>", "雷军表示，是徕卡找的我们。"],
            "when": ["2022年6月28日 09:50", "2022-06-28 10:00:00"],
        }
    )
    source.to_csv(tmp_path / "a.csv", index=False)
    source.to_parquet(tmp_path / "a.parquet")
    options = {
        "text_column": "body",
        "id_column": "uid",
        "title_column": "headline",
        "date_column": "when",
    }
    for name in ("a.csv", "a.parquet"):
        frame = read_articles(tmp_path / name, **options)
        assert frame["article_id"].tolist() == ["x1", "x2"]
        assert frame["title"].tolist() == ["小米 12S 发布", "徕卡合作"]
        assert frame["text"].tolist() == ["第一段。\n第二段。", "雷军表示，是徕卡找的我们。"]
        assert frame["published_at"].tolist() == [
            pd.Timestamp("2022-06-28 01:50", tz="UTC"),
            pd.Timestamp("2022-06-28 02:00", tz="UTC"),
        ]
    frame = read_articles(source, **options)  # a DataFrame directly
    assert frame["article_id"].tolist() == ["x1", "x2"]


def test_missing_text_column_is_an_error_per_row(tmp_path: Path) -> None:
    pd.DataFrame({"id": ["1"], "title": ["t"], "body": ["b"]}).to_csv(
        tmp_path / "t.csv", index=False
    )
    articles, errors = read_articles_with_errors(tmp_path / "t.csv", text_column="content")
    assert len(articles) == 0 and len(errors) == 1
    assert "text_column" in errors["message"].iloc[0]


def test_unreadable_table_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "broken.parquet").write_bytes(b"not parquet at all")
    articles, errors = read_articles_with_errors(tmp_path / "broken.parquet")
    assert len(articles) == 0
    assert errors["stage"].tolist() == ["read"]
    assert "cannot be read as a table" in errors["message"].iloc[0]


def test_iterable_of_strings_and_iter_read_stream() -> None:
    items = ["<p>第一篇。</p>", "第二篇\n\n正文。", "", Article(id="given", text="现成的")]
    out = list(iter_read(items))
    assert [type(o).__name__ for o in out] == ["Article", "Article", "ReadFailure", "Article"]
    failure = out[2]
    assert isinstance(failure, ReadFailure)
    assert failure.to_record() == {
        "article_id": None,
        "path": None,
        "stage": "parse",
        "error": "ParseError",
        "message": failure.message,
    }
    assert "item 2" in failure.message


def test_empty_input_gives_empty_frames() -> None:
    articles, errors = read_articles_with_errors([])
    _columns_ok(articles, "articles")
    _columns_ok(errors, "errors")
    assert len(articles) == len(errors) == 0


def test_wrong_input_type() -> None:
    with pytest.raises(InputTypeError, match="read_articles accepts"):
        read_articles(42)


def test_large_csv_is_streamed_in_chunks_with_row_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame({"id": [str(i) for i in range(2500)], "text": ["<p>小米。</p>"] * 2500})
    frame.loc[2100, "text"] = ""
    frame.to_csv(tmp_path / "big.csv", index=False)
    articles, errors = read_articles_with_errors(tmp_path / "big.csv")
    assert len(articles) == 2499
    assert errors["path"].tolist() == [f"{tmp_path / 'big.csv'}:2101"]
    assert errors["article_id"].tolist() == ["2100"]


# --- the listing / reading split the pipeline uses ---------------------------------


def test_iter_inputs_then_read_input_reads_what_iter_read_reads(tmp_path: Path) -> None:
    from newsnlp.io.readers import ReadOptions, iter_inputs, read_input

    inputs = [
        POSTS / "zaker-01-leica-sample.md",
        XDA,
        "missing/file.md",
        "<p>小米发布新机。</p>",
        {"id": "rec-1", "title": "记录", "text": "雷军发布小米手机。"},
    ]
    options = ReadOptions()
    items = list(iter_inputs(inputs))
    via_items = [read_input(item, options) for item in items]
    direct = list(iter_read(inputs))
    assert [getattr(x, "id", x) for x in via_items] == [getattr(x, "id", x) for x in direct]
    kinds = [item.kind for item in items]
    assert kinds[0] == "file" and kinds[-3:] == ["failure", "raw", "row"]
    assert set(kinds[1:-3]) == {"json"}  # the JSONL file is listed line by line, unparsed
    assert items[-1].source == "id:rec-1"
    assert isinstance(direct[-1], Article) and direct[-1].id == "rec-1"


def test_read_options_reject_a_bad_errors_mode() -> None:
    from newsnlp.io.readers import ReadOptions

    with pytest.raises(ParameterError, match="errors"):
        ReadOptions(errors="ignore")  # type: ignore[arg-type]


def test_a_json_file_that_is_not_a_list_of_objects_is_one_failed_input(tmp_path: Path) -> None:
    bad = tmp_path / "scalar.json"
    bad.write_text("42", encoding="utf-8")
    articles, errors = read_articles_with_errors([bad, POSTS / "zaker-01-leica-sample.md"])
    assert len(articles) == 1
    assert errors["path"].tolist() == [str(bad)]
    assert "object or a list of objects" in errors["message"].iloc[0]


def test_an_in_memory_text_column_is_clean_text_and_is_not_reparsed() -> None:
    text = "第一段 **不是 Markdown 强调**\n\n  <b>第二段</b>\n第三段"
    frame = pd.DataFrame(
        {
            "article_id": ["a1"],
            "title": ["标题"],
            "text": [text],
            "published_at": [pd.Timestamp("2022-06-28 09:50")],  # naive: Asia/Shanghai
            "categories": [["手机", "影像"]],
            "path": ["posts/a1.md"],
        }
    )
    got = read_articles(frame)
    row = got.iloc[0]
    assert row["article_id"] == "a1" and row["title"] == "标题"
    assert row["text"] == "第一段 **不是 Markdown 强调**\n<b>第二段</b>\n第三段"
    assert row["published_at"] == pd.Timestamp("2022-06-28 01:50", tz="UTC")
    assert list(row["categories"]) == ["手机", "影像"] and row["path"] == "posts/a1.md"
    # records (a dask bag's items) are read the same way
    pd.testing.assert_frame_equal(read_articles(frame.to_dict(orient="records")), got)
    # naming a raw column asks for it to be parsed
    parsed = read_articles(frame.rename(columns={"text": "markdown"}))
    assert "<b>" not in parsed["text"].iloc[0]


def test_a_table_file_text_column_is_still_parsed(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "<p>一段</p><p>二段</p>"}) + "\n", "utf-8")
    assert read_articles(path)["text"].tolist() == ["一段\n二段"]


def test_reading_back_articles_equals_the_frame(tmp_path: Path) -> None:
    df = read_articles(EXAMPLES)
    pd.testing.assert_frame_equal(read_articles(df), df)


@pytest.mark.parametrize("spec", ["/nonexistent", "./nope", "~/no-such-newsnlp-dir", "a\\b"])
def test_a_missing_path_inside_a_list_is_a_failed_input_not_article_text(spec: str) -> None:
    # regression: analyze(["/nonexistent"]) returned an article whose text was the path
    articles, errors = read_articles_with_errors([spec])
    assert len(articles) == 0
    assert errors["error"].tolist() == ["FileNotFoundError"]
    assert "no such file or directory" in errors["message"].iloc[0]


@pytest.mark.parametrize("text", ["小米/徕卡联合发布", "A/B test results are in", "<p>x/y</p>"])
def test_short_texts_with_a_slash_are_still_articles(text: str) -> None:
    assert read_articles([text])["text"].tolist() != []


@pytest.mark.parametrize(
    "spec", ["/nonexistent", "/nonexistent/**/*.md", "~/nonexistent-newsnlp-dir"]
)
def test_one_top_level_path_naming_nothing_raises(spec: str) -> None:
    # regression: read_articles("/nonexistent") (and "~/…", recorded expanded) returned
    # an empty frame silently
    with pytest.raises(ParseError, match="nonexistent"):
        read_articles(spec)


def test_an_existing_empty_directory_gives_an_empty_frame(tmp_path: Path) -> None:
    assert len(read_articles(tmp_path)) == 0
