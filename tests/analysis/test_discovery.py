"""discover_entities (issue 4): names not in the lexicon, for a person to review."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import newsnlp
from newsnlp.analysis.discovery import DISCOVERY_COLUMNS, discover_entities
from newsnlp.errors import ParameterError
from newsnlp.parse.article import Article
from newsnlp.text.tokenizer import Tokenizer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "entities"


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer()


def _planted_corpus() -> list[Article]:
    """Real fixture articles plus short texts naming things no lexicon knows."""
    articles = [
        newsnlp.parse_article(p.read_text(encoding="utf-8"))
        for p in sorted(FIXTURES.glob("*.md"))
        if p.name != "PROVENANCE.md"
    ]
    planted = [
        "星环科技发布 Zorblax Vision 眼镜，售价 2999 元，支持 5G 和 120Hz。",
        "Zorblax Vision 的对手是小米，CEO 郝云帆表示今年出货 100 万台。",
        "郝云帆说 Zorblax Vision 用上了 4nm 芯片和 5000mAh 电池。",
        "有分析师认为 Zorblax Vision 会改变市场，郝云帆对此回应称还早。",
    ]
    articles += [Article(id=f"p{i}", title="", text=t) for i, t in enumerate(planted)]
    return articles


def test_finds_unknown_latin_products_and_people(tokenizer: Tokenizer) -> None:
    df = discover_entities(_planted_corpus(), tokenizer=tokenizer, min_count=3)
    found = dict(zip(df["candidate"], df["kind"], strict=True))
    assert found.get("Zorblax Vision") == "latin"
    assert found.get("郝云帆") == "person"
    row = df[df["candidate"] == "Zorblax Vision"].iloc[0]
    assert row["count"] == 4 and row["n_articles"] == 4
    assert 1 <= len(row["examples"]) <= 3
    assert all("Zorblax Vision" in ex for ex in row["examples"])


def test_lists_nothing_the_lexicon_knows_nor_specs_or_generic_words(tokenizer: Tokenizer) -> None:
    df = discover_entities(_planted_corpus(), tokenizer=tokenizer, min_count=1, top_k=None)
    lexicon = tokenizer.lexicon
    assert not [c for c in df["candidate"] if lexicon.lookup(c) is not None]
    for junk in ("5G", "120Hz", "4nm", "5000mAh", "CEO", "小米", "徕卡", "雷军"):
        assert junk not in set(df["candidate"]), junk


def test_sorted_by_score_and_top_k(tokenizer: Tokenizer) -> None:
    df = discover_entities(_planted_corpus(), tokenizer=tokenizer, min_count=1, top_k=5)
    assert len(df) == 5
    assert list(df["score"]) == sorted(df["score"], reverse=True)


def test_columns_and_dtypes(tokenizer: Tokenizer) -> None:
    df = discover_entities(_planted_corpus(), tokenizer=tokenizer)
    assert list(df.columns) == list(DISCOVERY_COLUMNS)
    empty = discover_entities([], tokenizer=tokenizer)
    assert empty.empty and list(empty.columns) == list(DISCOVERY_COLUMNS)
    for col in DISCOVERY_COLUMNS:
        assert str(df[col].dtype) == str(empty[col].dtype), col


@pytest.mark.parametrize(
    "articles", ["", Article(id="e", title="只有标题", text=""), "Only English text here."]
)
def test_bad_input_gives_an_empty_frame(tokenizer: Tokenizer, articles: object) -> None:
    df = discover_entities(articles, tokenizer=tokenizer)
    assert df.empty and list(df.columns) == list(DISCOVERY_COLUMNS)


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"min_count": 0}, "min_count"),
        ({"top_k": 0}, "top_k"),
        ({"kinds": ["names"]}, "kinds"),
        ({"max_ngram": 9}, "max_ngram"),
    ],
)
def test_bad_parameters_name_the_parameter(
    tokenizer: Tokenizer, kwargs: dict[str, object], param: str
) -> None:
    with pytest.raises(ParameterError, match=param):
        discover_entities("小米", tokenizer=tokenizer, **kwargs)  # type: ignore[arg-type]


def test_kinds_filter(tokenizer: Tokenizer) -> None:
    df = discover_entities(_planted_corpus(), tokenizer=tokenizer, min_count=2, kinds=["latin"])
    assert set(df["kind"]) == {"latin"}


def test_accepts_a_dataframe(tokenizer: Tokenizer) -> None:
    frame = pd.DataFrame({"article_id": ["a", "b", "c"], "text": ["Zorblax Vision 发布"] * 3})
    df = discover_entities(frame, tokenizer=tokenizer, min_count=3)
    assert "Zorblax Vision" in set(df["candidate"])


def test_package_export() -> None:
    assert newsnlp.discover_entities is discover_entities


@pytest.mark.slow
def test_top_of_the_real_corpus_list_is_names_not_junk(corpus_dir: Path) -> None:
    articles = []
    for path in sorted((corpus_dir / "rsshub").rglob("*.md")):
        try:
            articles.append(newsnlp.parse_article(path.read_text(encoding="utf-8")))
        except newsnlp.NewsNLPError:
            continue
    df = discover_entities(articles, top_k=30)
    top = list(df["candidate"])
    assert len(top) == 30
    # specs, units, English words and generic acronyms stay out of the top
    for junk in (
        "1080P",
        "4K",
        "120W",
        "5000mAh",
        "128GB",
        "offer",
        "Bug",
        "CEO",
        "NFT",
        "上市公司",
    ):
        assert junk not in top, junk
    # some real names a user would add are there
    assert {"Netflix Drive", "Studio Display", "Axie Infinity"} & set(top)
