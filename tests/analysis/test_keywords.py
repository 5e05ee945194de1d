"""Tests of newsnlp.analysis.keywords (issue 5).

The golden tests fit the IDF on ``tests/fixtures/keywords/corpus`` (25 real rsshub
posts, see PROVENANCE.md) and read the project's sample post. Unit tests build small
Docs by hand so they do not depend on the tokenizer's segmentation.
"""

from __future__ import annotations

import json
import math
import pickle
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sklearn.base import clone

import newsnlp
from newsnlp.analysis.keywords import (
    TOP_KEYWORDS_COLUMNS,
    TRENDING_COLUMNS,
    KeywordExtractor,
    generic_news_words,
    top_keywords,
    trending_keywords,
)
from newsnlp.errors import InputTypeError, ModelError, NotFittedError, ParameterError
from newsnlp.parse.article import Article
from newsnlp.schemas import SCHEMAS
from newsnlp.text.doc import ArticleDoc, Doc, Sentence, Token
from newsnlp.text.entry import Entry

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "keywords" / "corpus"
SAMPLE = CORPUS / "ZAKER" / "channel" / "雷军_是徕卡找的我们.md"
GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "keywords" / "golden.json"
KEYWORD_COLUMNS = list(SCHEMAS["keywords"])


# ----------------------------------------------------------------------------------------
# helpers


def make_doc(words: list[tuple[str, str] | tuple[str, str, Entry]]) -> Doc:
    """A Doc from (text, pos[, entry]) pairs; '。' ends a sentence, '\\n' a paragraph."""
    tokens: list[Token] = []
    offset = 0
    for item in words:
        text, pos = item[0], item[1]
        entry = item[2] if len(item) > 2 else None  # type: ignore[misc]
        punct = pos == "x" and not text.strip().isalnum()
        stop = pos in {"uj", "ul", "p", "c", "r", "d"}
        tokens.append(Token(text, offset, offset + len(text), pos, stop, punct, entry))
        offset += len(text)
    sentences: list[Sentence] = []
    first = 0
    for i, tok in enumerate(tokens):
        if tok.text in {"。", "\n"} or i == len(tokens) - 1:
            if i + 1 > first:
                sentences.append(Sentence(tokens[first].start, tok.end, first, i + 1))
            first = i + 1
    return Doc("".join(t.text for t in tokens), tuple(tokens), tuple(sentences))


def make_adoc(aid: str, body: list, title: list | None = None) -> ArticleDoc:
    return ArticleDoc(aid, make_doc(title or []), make_doc(body))


def keywords_of(frame: pd.DataFrame, article_id: str) -> list[str]:
    rows = frame[frame["article_id"] == article_id].sort_values("rank")
    return rows["keyword"].tolist()


LEICA = Entry("徕卡", "brand")
XIAOMI = Entry("小米", "company")
PRODUCT = Entry("小米 12S Ultra", "product", company="小米")


@pytest.fixture(scope="module")
def tokenizer():
    return newsnlp.Tokenizer()


@pytest.fixture(scope="module")
def corpus_articles():
    articles = [
        newsnlp.parse_article(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.rglob("*.md"))
    ]
    assert len(articles) == 25
    return articles


@pytest.fixture(scope="module")
def corpus_docs(tokenizer, corpus_articles):
    return [tokenizer.tokenize_article(a) for a in corpus_articles]


@pytest.fixture(scope="module")
def sample_id(corpus_articles):
    return next(a.id for a in corpus_articles if a.title.startswith("雷军：是徕卡"))


@pytest.fixture(scope="module")
def fitted(corpus_docs, tokenizer):
    return KeywordExtractor(tokenizer=tokenizer).fit(corpus_docs)


# ----------------------------------------------------------------------------------------
# golden tests on real articles


def test_sample_post_top_five_has_leica_and_xiaomi_without_fragments(
    fitted, corpus_docs, sample_id
):
    frame = fitted.transform(corpus_docs)
    top5 = keywords_of(frame, sample_id)[:5]
    assert "徕卡" in top5
    assert "小米" in top5
    every = keywords_of(frame, sample_id)
    for fragment in ("找徕", "有徕", "卡", "12S", "Ultra", "卡先"):
        assert fragment not in every


def test_sample_post_product_model_is_one_keyword(fitted, corpus_docs, sample_id):
    every = keywords_of(fitted.transform(corpus_docs), sample_id)
    assert not any(k.strip() in {"12S", "Ultra", "12S Ultra"} for k in every)
    assert any("12S" in k for k in every)  # the product or the series, whole


def test_sample_post_textrank_also_finds_leica_and_xiaomi(tokenizer, corpus_docs, sample_id):
    frame = KeywordExtractor(method="textrank", tokenizer=tokenizer).transform(corpus_docs)
    top5 = keywords_of(frame, sample_id)[:5]
    assert {"徕卡", "小米"} <= set(top5)


def test_corpus_keywords_match_golden_file(fitted, corpus_docs, update_golden):
    frame = fitted.transform(corpus_docs)
    current = {
        aid: g.sort_values("rank")["keyword"].tolist() for aid, g in frame.groupby("article_id")
    }
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(
            json.dumps(current, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert set(current) == set(golden)
    # tolerant to small reorderings when the lexicon grows; a real regression changes the top
    for aid, expected in golden.items():
        got = current[aid]
        assert len(set(expected[:5]) & set(got[:10])) >= min(4, len(expected[:5])), (
            aid,
            expected,
            got,
        )


def test_keywords_are_never_numbers_or_single_cjk_characters(fitted, corpus_docs):
    frame = fitted.transform(corpus_docs)
    for kw in frame["keyword"]:
        assert not kw.replace(".", "").isdigit(), kw
        assert not (len(kw) == 1 and "\u4e00" <= kw <= "\u9fff"), kw


# ----------------------------------------------------------------------------------------
# candidates


def test_lexicon_entry_is_one_candidate_under_its_canonical_name():
    body = [
        ("Xiaomi 12S Ultra", "nz", PRODUCT),
        ("有", "v"),
        ("徕卡", "nz", LEICA),
        ("影像", "n"),
        ("技术", "n"),
        ("。", "x"),
    ]
    out = KeywordExtractor(method="textrank").transform(make_adoc("a", body * 2))
    kws = keywords_of(out, "a")
    assert "小米 12S Ultra" in kws
    assert "徕卡" in kws
    assert not any(k in {"12S", "Xiaomi 12S Ultra"} for k in kws)
    assert not any("徕卡" in k and k != "徕卡" for k in kws)  # entities are not glued into phrases


def test_adjacent_content_words_form_keyphrases():
    body = [("双方", "n"), ("的", "uj"), ("战略", "n"), ("合作", "vn"), ("。", "x"),
            ("影像", "n"), ("技术", "n"), ("和", "c"), ("战略", "n"), ("合作", "vn"), ("。", "x"),
            ("影像", "n"), ("技术", "n"), ("。", "x")]  # fmt: skip
    kws = keywords_of(KeywordExtractor(method="textrank").transform(make_adoc("a", body)), "a")
    assert "战略合作" in kws
    assert "影像技术" in kws


@pytest.mark.parametrize("redundancy", [True, False])
def test_redundancy_drops_terms_inside_a_better_ranked_phrase(corpus_docs, redundancy):
    out = KeywordExtractor(redundancy=redundancy).fit_transform(corpus_docs)
    entities = {
        t.entry.name for d in corpus_docs for t in d.title.tokens + d.text.tokens if t.entry
    }
    contained = 0
    for _, g in out.groupby("article_id"):
        kws = g.sort_values("rank")["keyword"].tolist()
        for i, k in enumerate(kws):
            # two entities (小米, 小米 12S Ultra) are distinct keywords, never redundant
            contained += any(
                k in better and k != better and not (k in entities and better in entities)
                for better in kws[:i]
            )
    assert (contained == 0) if redundancy else (contained > 0)


def test_phrases_false_gives_only_single_words():
    body = [("影像", "n"), ("技术", "n"), ("。", "x")] * 3
    kws = keywords_of(
        KeywordExtractor(method="textrank", phrases=False).transform(make_adoc("a", body)), "a"
    )
    assert set(kws) == {"影像", "技术"}


def test_one_off_phrase_is_not_a_keyword_unless_in_title():
    body = [("影像", "n"), ("技术", "n"), ("。", "x")]
    kws = keywords_of(KeywordExtractor(method="textrank").transform(make_adoc("a", body)), "a")
    assert "影像技术" not in kws
    kws = keywords_of(
        KeywordExtractor(method="textrank").transform(make_adoc("b", body, title=body)), "b"
    )
    assert "影像技术" in kws


def test_latin_terms_are_kept_and_numbers_dropped():
    body = [("DDR5", "eng"), ("内存", "n"), ("售价", "n"), ("899", "m"), ("元", "m"), ("。", "x"),
            ("DXOMARK", "eng"), ("评分", "n"), ("2022", "m"), ("。", "x")]  # fmt: skip
    kws = keywords_of(
        KeywordExtractor(method="textrank", phrases=False).transform(make_adoc("a", body)), "a"
    )
    assert {"DDR5", "DXOMARK"} <= set(kws)
    assert "899" not in kws and "2022" not in kws


def test_spaced_latin_words_form_one_phrase_with_single_space():
    body = [("Ponte", "eng"), (" ", "x"), ("Vecchio", "eng"), ("计算卡", "n"), ("。", "x")] * 2
    kws = keywords_of(KeywordExtractor(method="textrank").transform(make_adoc("a", body)), "a")
    assert any(k.startswith("Ponte Vecchio") for k in kws)


def test_stopwords_and_punctuation_are_not_candidates():
    body = [("的", "uj"), ("，", "x"), ("芯片", "n"), ("。", "x")]
    kws = keywords_of(KeywordExtractor(method="textrank").transform(make_adoc("a", body)), "a")
    assert kws == ["芯片"]


def test_title_occurrences_outweigh_body_occurrences():
    body = [("屏幕", "n"), ("。", "x"), ("电池", "n"), ("。", "x")]
    fitted = KeywordExtractor(lead_weight=1.0).fit(
        [make_adoc("x", body), make_adoc("y", [("芯片", "n")])]
    )
    out = fitted.transform(make_adoc("a", body, title=[("电池", "n")]))
    assert keywords_of(out, "a")[0] == "电池"
    out = (
        KeywordExtractor(title_weight=1.0, lead_weight=1.0)
        .fit([make_adoc("x", body), make_adoc("y", [("芯片", "n")])])
        .transform(make_adoc("a", body, title=[("屏幕", "n")]))
    )
    assert keywords_of(out, "a")[:2] == ["屏幕", "电池"]  # the title occurrence counts too


def test_generic_news_words_are_down_weighted():
    assert {"记者", "近日", "用户"} <= generic_news_words()
    body = [("记者", "n"), ("芯片", "n"), ("。", "x")]
    corpus = [make_adoc("a", body), make_adoc("b", [("屏幕", "n")])]
    assert keywords_of(KeywordExtractor().fit(corpus).transform(corpus), "a")[0] == "芯片"
    kws = keywords_of(KeywordExtractor(generic_weight=0.0).fit(corpus).transform(corpus), "a")
    assert "记者" not in kws


def test_idf_favours_terms_rare_in_the_corpus():
    common = [("手机", "n"), ("。", "x")]
    corpus = [make_adoc(str(i), common) for i in range(5)]
    corpus.append(make_adoc("z", [("手机", "n"), ("折叠屏", "n"), ("。", "x")]))
    out = KeywordExtractor().fit(corpus).transform(corpus)
    assert keywords_of(out, "z")[0] == "折叠屏"


def test_max_df_excludes_terms_in_most_documents():
    corpus = [make_adoc(str(i), [("手机", "n"), (f"词{i}号", "n")]) for i in range(4)]
    out = KeywordExtractor(max_df=0.5).fit(corpus).transform(corpus)
    assert "手机" not in set(out["keyword"])


# ----------------------------------------------------------------------------------------
# estimator contract


def test_fit_returns_self_and_sets_fitted_attributes(corpus_docs):
    kx = KeywordExtractor()
    assert kx.fit(corpus_docs) is kx
    assert kx.n_docs_ == 25
    assert len(kx.vocabulary_) == len(kx.idf_) == len(kx.df_)
    assert np.all(np.isfinite(kx.idf_)) and np.all(kx.idf_ >= 1.0)


def test_init_only_stores_parameters():
    kx = KeywordExtractor(top_k=0, method="nope")  # no validation yet (scikit-learn convention)
    assert kx.get_params()["top_k"] == 0
    assert not hasattr(kx, "idf_")


def test_unfitted_tfidf_raises_not_fitted_error_saying_what_to_call(corpus_docs):
    with pytest.raises(NotFittedError, match=r"call fit\(articles\)"):
        KeywordExtractor().transform(corpus_docs[:1])


def test_unfitted_textrank_works(corpus_docs):
    out = KeywordExtractor(method="textrank").transform(corpus_docs[:2])
    assert len(out) > 0
    assert set(out["method"]) == {"textrank"}


@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        (
            "top_k",
            0,
            "The 'top_k' parameter of KeywordExtractor must be an int >= 1. Got 0 instead.",
        ),
        (
            "top_k",
            -3,
            "The 'top_k' parameter of KeywordExtractor must be an int >= 1. Got -3 instead.",
        ),
        (
            "top_k",
            2.5,
            "The 'top_k' parameter of KeywordExtractor must be an int >= 1. Got 2.5 instead.",
        ),
        (
            "top_k",
            True,
            "The 'top_k' parameter of KeywordExtractor must be an int >= 1. Got True instead.",
        ),
        (
            "method",
            "bm25",
            "The 'method' parameter of KeywordExtractor must be one of 'tfidf', 'textrank'. Got 'bm25' instead.",
        ),
        (
            "max_df",
            0.0,
            "The 'max_df' parameter of KeywordExtractor must be a number in (0, 1]. Got 0.0 instead.",
        ),
        (
            "title_weight",
            -1,
            "The 'title_weight' parameter of KeywordExtractor must be a number >= 0.0. Got -1 instead.",
        ),
        (
            "pos",
            "n",
            "The 'pos' parameter of KeywordExtractor must be a tuple of part-of-speech tags (str). Got 'n' instead.",
        ),
    ],
)
def test_fit_validates_parameters_with_sklearn_style_messages(corpus_docs, param, value, message):
    with pytest.raises(ParameterError) as info:
        KeywordExtractor(**{param: value}).fit(corpus_docs[:2])
    assert str(info.value) == message


def test_clone_get_params_and_set_params():
    kx = KeywordExtractor(top_k=5, method="textrank", title_weight=2.0)
    twin = clone(kx)
    assert twin is not kx
    assert twin.get_params() == kx.get_params()
    twin.set_params(top_k=3)
    assert twin.top_k == 3 and kx.top_k == 5


def test_save_load_round_trip_gives_identical_output(fitted, corpus_docs, tmp_path):
    path = tmp_path / "kx.json"
    fitted.save(path)
    state = json.loads(path.read_text(encoding="utf-8"))  # plain, inspectable JSON
    assert state["format"] == "newsnlp.KeywordExtractor"
    assert state["n_docs"] == 25
    loaded = KeywordExtractor.load(path, tokenizer=fitted.tokenizer)
    pd.testing.assert_frame_equal(loaded.transform(corpus_docs), fitted.transform(corpus_docs))
    assert loaded.get_params(deep=False) | {"tokenizer": None} == fitted.get_params(deep=False) | {
        "tokenizer": None
    }


def test_unfitted_textrank_save_load_keeps_parameters_and_stays_unfitted(tmp_path):
    path = tmp_path / "kx.json"
    KeywordExtractor(method="textrank", top_k=4).save(path)
    loaded = KeywordExtractor.load(path)
    assert (loaded.method, loaded.top_k) == ("textrank", 4)
    assert not hasattr(loaded, "idf_")
    loaded.set_params(method="tfidf")
    with pytest.raises(NotFittedError):
        loaded.transform("小米发布新手机")


def test_save_of_unfitted_tfidf_extractor_raises_not_fitted_and_writes_nothing(tmp_path):
    path = tmp_path / "kx.json"
    with pytest.raises(NotFittedError, match=r"call fit\(articles\)"):
        KeywordExtractor(top_k=4).save(path)
    assert list(tmp_path.iterdir()) == []


def test_save_creates_missing_parent_directories(fitted, corpus_docs, tmp_path):
    path = tmp_path / "models" / "2026" / "kx.json"
    fitted.save(path)
    loaded = KeywordExtractor.load(path, tokenizer=fitted.tokenizer)
    pd.testing.assert_frame_equal(loaded.transform(corpus_docs), fitted.transform(corpus_docs))


@pytest.mark.parametrize("where", ["is_a_file/kx.json", "is_a_file/sub/kx.json", "."])
def test_save_to_unwritable_path_raises_model_error_naming_it(fitted, tmp_path, where):
    (tmp_path / "is_a_file").write_text("x", encoding="utf-8")
    target = tmp_path / where
    with pytest.raises(ModelError, match="Cannot save the KeywordExtractor to") as info:
        fitted.save(target)
    assert str(target) in str(info.value)
    assert isinstance(info.value.__cause__, OSError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["is_a_file"]  # no temporary file left


def test_save_replaces_an_existing_file_atomically_and_leaves_no_temporary_file(fitted, tmp_path):
    path = tmp_path / "kx.json"
    path.write_text("old contents", encoding="utf-8")
    fitted.save(path)
    assert [p.name for p in tmp_path.iterdir()] == ["kx.json"]
    assert KeywordExtractor.load(path).n_docs_ == fitted.n_docs_


def test_load_of_a_directory_raises_model_error_naming_it(tmp_path):
    with pytest.raises(ModelError, match=re.escape(repr(str(tmp_path)))):
        KeywordExtractor.load(tmp_path)


def test_default_tokenizer_is_private_and_not_pickled():
    kx = KeywordExtractor(method="textrank", top_k=3)
    before = kx.transform("小米发布新手机，徕卡影像升级")
    assert kx.tokenizer is None and kx.get_params()["tokenizer"] is None
    twin = pickle.loads(pickle.dumps(kx))
    assert "_default_tokenizer" not in twin.__dict__
    pd.testing.assert_frame_equal(twin.transform("小米发布新手机，徕卡影像升级"), before)


@pytest.mark.parametrize(
    "content",
    ["not json", '{"format": "other"}', '{"format": "newsnlp.KeywordExtractor", "version": 1}'],
)
def test_load_rejects_files_that_are_not_saved_extractors(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=r"bad\.json"):
        KeywordExtractor.load(path)


def test_load_missing_file_raises_model_error(tmp_path):
    with pytest.raises(ModelError, match=r"missing\.json"):
        KeywordExtractor.load(tmp_path / "missing.json")


def test_fit_transform_equals_fit_then_transform(corpus_docs):
    a = KeywordExtractor().fit_transform(corpus_docs)
    b = KeywordExtractor().fit(corpus_docs).transform(corpus_docs)
    pd.testing.assert_frame_equal(a, b)


def test_candidates_path_equals_docs_path_and_pickles(corpus_docs):
    import pickle

    kx = KeywordExtractor()
    cands = [pickle.loads(pickle.dumps(kx.candidates(d))) for d in corpus_docs]
    by_cands = KeywordExtractor().fit_candidates(cands)
    by_docs = KeywordExtractor().fit_docs(corpus_docs)
    assert by_cands.vocabulary_ == by_docs.vocabulary_
    frame = by_docs.transform_docs(corpus_docs)
    for doc, c in zip(corpus_docs, cands, strict=True):
        expected = frame[frame["article_id"] == doc.article_id]
        assert [k for k, _ in by_cands.rank_candidates(c)] == expected["keyword"].tolist()


# ----------------------------------------------------------------------------------------
# inputs


class _RefusingTokenizer:
    def tokenize_article(self, article):  # pragma: no cover - must not be called
        raise AssertionError("an ArticleDoc was re-tokenized")


def test_article_docs_are_never_retokenized(corpus_docs):
    kx = KeywordExtractor(tokenizer=_RefusingTokenizer())
    out = kx.fit_transform(corpus_docs)
    assert out["article_id"].nunique() >= 24


def test_accepts_strings_articles_dataframes_and_docs(tokenizer, fitted, corpus_articles):
    art = next(a for a in corpus_articles if a.title.startswith("雷军：是徕卡"))
    by_article = fitted.transform(art)
    by_frame = fitted.transform(
        pd.DataFrame([{"article_id": art.id, "title": art.title, "text": art.text}])
    )
    pd.testing.assert_frame_equal(by_article, by_frame)
    by_string = fitted.transform(art.text)
    assert "徕卡" in by_string["keyword"].tolist()
    doc = tokenizer.tokenize(art.text)
    assert fitted.transform(doc)["keyword"].tolist() == by_string["keyword"].tolist()
    assert fitted.keywords(art)[0][0] == by_article["keyword"].iloc[0]


def test_rejects_bytes_and_other_types(fitted):
    with pytest.raises(InputTypeError):
        fitted.transform(b"\xe5\xb0\x8f\xe7\xb1\xb3")
    with pytest.raises(InputTypeError):
        fitted.transform(42)


def test_dataframe_without_text_column_is_rejected(fitted):
    with pytest.raises(InputTypeError, match="'text'"):
        fitted.transform(pd.DataFrame({"article_id": ["a"], "body": ["x"]}))


# ----------------------------------------------------------------------------------------
# bad input


def test_fit_on_empty_corpus_raises_model_error():
    with pytest.raises(ModelError, match="empty corpus"):
        KeywordExtractor().fit([])


def test_transform_of_empty_input_is_an_empty_keywords_frame(fitted):
    out = fitted.transform([])
    assert out.columns.tolist() == KEYWORD_COLUMNS
    assert len(out) == 0


def test_one_article_corpus_gives_finite_scores(tokenizer, corpus_articles):
    art = corpus_articles[0]
    out = KeywordExtractor(tokenizer=tokenizer).fit_transform(art)
    assert len(out) > 0
    assert out["score"].map(math.isfinite).all()


def test_articles_without_text_give_no_rows_and_no_error(tokenizer):
    arts = [
        Article(id="empty"),
        Article(id="blank", title="", text="  \n "),
        Article(id="punct", text="。。！"),
    ]
    kx = KeywordExtractor(tokenizer=tokenizer)
    out = kx.fit_transform(arts)
    assert len(out) == 0
    assert out.columns.tolist() == KEYWORD_COLUMNS
    assert kx.n_docs_ == 3


def test_top_k_limits_rows_and_ranks_are_consecutive(corpus_docs):
    out = KeywordExtractor(top_k=3).fit_transform(corpus_docs)
    assert out.groupby("article_id").size().max() <= 3
    for _, g in out.groupby("article_id"):
        assert g["rank"].tolist() == list(range(1, len(g) + 1))
        assert g["score"].is_monotonic_decreasing


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.lists(
        st.sampled_from(
            [*list("小米徕卡手机芯片发布的了，。 \nAB12"), "DXOMARK", "影像技术", "12S Ultra"]
        ),
        max_size=40,
    ).map("".join)
)
def test_any_text_gives_a_schema_frame_with_finite_scores(fitted, text):
    for kx in (fitted, KeywordExtractor(method="textrank", tokenizer=fitted.tokenizer)):
        out = kx.transform(text)
        assert out.columns.tolist() == KEYWORD_COLUMNS
        assert out["score"].map(math.isfinite).all()
        assert ((out["score"] > 0) & (out["score"] <= 1.0 + 1e-9)).all()


# ----------------------------------------------------------------------------------------
# corpus level


@pytest.fixture(scope="module")
def articles_frame(corpus_articles):
    return pd.DataFrame([a.to_record() for a in corpus_articles])


def test_top_keywords_by_source(fitted, corpus_docs, articles_frame):
    out = top_keywords(fitted.transform(corpus_docs), articles_frame, by="source", top_k=5)
    assert out.columns.tolist() == list(TOP_KEYWORDS_COLUMNS)
    assert set(out["group"]) <= set(articles_frame["source"].dropna())
    assert out.groupby("group").size().max() <= 5
    zaker = out[out["group"] == "ZAKER"]
    assert "小米" in zaker["keyword"].tolist()
    assert ((out["share"] > 0) & (out["share"] <= 1)).all()


def test_top_keywords_by_month_and_by_any_column(fitted, corpus_docs, articles_frame):
    kw = fitted.transform(corpus_docs)
    by_month = top_keywords(kw, articles_frame, by="month")
    assert by_month["group"].str.fullmatch(r"\d{4}-\d{2}").all()
    frame = articles_frame.assign(
        desk=["phones" if "小米" in t else "other" for t in articles_frame["text"]]
    )
    by_desk = top_keywords(kw, frame, by="desk", top_k=3)
    assert set(by_desk["group"]) == {"phones", "other"}


def test_top_keywords_counts_articles_and_sums_scores():
    kw = pd.DataFrame(
        {
            "article_id": ["a", "a", "b", "c"],
            "keyword": ["小米", "徕卡", "小米", "小米"],
            "score": [0.5, 0.4, 0.3, 0.9],
        }
    )
    arts = pd.DataFrame({"article_id": ["a", "b", "c"], "source": ["IT之家", "IT之家", "ZAKER"]})
    out = top_keywords(kw, arts, by="source")
    it = out[out["group"] == "IT之家"].set_index("keyword")
    assert it.loc["小米", "count"] == 2 and it.loc["小米", "rank"] == 1
    assert it.loc["小米", "score"] == pytest.approx(0.8)
    assert it.loc["徕卡", "share"] == pytest.approx(0.5)


def test_top_keywords_empty_input_and_bad_grouping(articles_frame):
    empty = top_keywords(pd.DataFrame(columns=KEYWORD_COLUMNS), articles_frame)
    assert empty.columns.tolist() == list(TOP_KEYWORDS_COLUMNS) and len(empty) == 0
    with pytest.raises(ParameterError, match=r"'by' parameter of top_keywords"):
        top_keywords(
            pd.DataFrame({"article_id": ["a"], "keyword": ["x"], "score": [1.0]}),
            articles_frame,
            by="nope",
        )
    with pytest.raises(ParameterError, match=r"'top_k' parameter of top_keywords"):
        top_keywords(pd.DataFrame(columns=KEYWORD_COLUMNS), articles_frame, top_k=0)


def _weekly(counts_by_week: list[dict[str, int]], articles_per_week: int = 10):
    kw_rows, art_rows = [], []
    start = pd.Timestamp("2022-05-02", tz="UTC")  # a Monday
    for w, counts in enumerate(counts_by_week):
        for i in range(articles_per_week):
            aid = f"w{w}a{i}"
            art_rows.append(
                {"article_id": aid, "published_at": start + pd.Timedelta(days=7 * w + 1)}
            )
            for term, n in counts.items():
                if i < n:
                    kw_rows.append({"article_id": aid, "keyword": term, "score": 0.5})
    return pd.DataFrame(kw_rows), pd.DataFrame(art_rows)


def test_trending_keywords_finds_a_rising_term_and_ignores_a_steady_one():
    weeks = [{"手机": 5, "徕卡": 0}] * 4 + [{"手机": 5, "徕卡": 6}]
    kw, arts = _weekly(weeks)
    out = trending_keywords(kw, arts, freq="W", window=4, min_count=3)
    assert out.columns.tolist() == list(TRENDING_COLUMNS)
    assert out["keyword"].tolist() == ["徕卡"]
    row = out.iloc[0]
    assert row["count"] == 6 and row["n_articles"] == 10 and row["baseline"] == 0.0
    assert row["ratio"] == pytest.approx(7.0) and row["rank"] == 1
    assert row["period"] == pd.Timestamp("2022-05-30", tz="UTC")


def test_trending_keywords_baseline_uses_the_terms_own_share():
    weeks = [{"徕卡": 1}] * 4 + [{"徕卡": 8}]
    kw, arts = _weekly(weeks)
    out = trending_keywords(kw, arts, freq="W", window=4, min_count=3)
    row = out.iloc[0]
    assert row["baseline"] == pytest.approx(1.0)
    assert row["zscore"] == pytest.approx((8 - 1) / math.sqrt(2))


def test_trending_keywords_handles_gaps_empty_input_and_bad_freq():
    weeks = [{"徕卡": 0}, {}, {}, {"徕卡": 4}]
    kw, arts = _weekly(weeks)
    arts = arts[~arts["article_id"].str.match(r"w[12]")]  # two weeks without any article
    kw = kw[kw["article_id"].isin(arts["article_id"])]
    out = trending_keywords(kw, arts, freq="W", window=1, min_count=3)
    assert len(out) == 0  # the week after a gap has no history: not scored, no division by zero
    out = trending_keywords(kw, arts, freq="W", window=3, min_count=3)
    assert out["keyword"].tolist() == ["徕卡"]
    empty = trending_keywords(pd.DataFrame(columns=KEYWORD_COLUMNS), arts)
    assert empty.columns.tolist() == list(TRENDING_COLUMNS) and len(empty) == 0
    with pytest.raises(ParameterError, match="'freq' parameter of trending_keywords"):
        trending_keywords(kw, arts, freq="fortnight")
    with pytest.raises(InputTypeError, match="published_at"):
        trending_keywords(kw, arts.drop(columns="published_at"))


def test_trending_keywords_on_real_corpus_returns_plottable_frame(
    fitted, corpus_docs, articles_frame
):
    out = trending_keywords(
        fitted.transform(corpus_docs), articles_frame, freq="M", window=3, min_count=1
    )
    assert out.columns.tolist() == list(TRENDING_COLUMNS)
    assert str(out["period"].dtype) == "datetime64[ns, UTC]"
    assert (out["ratio"] >= 2.0).all()


@pytest.mark.slow
def test_whole_rsshub_corpus_gives_clean_keywords(corpus_dir):
    arts = newsnlp.read_articles(str(corpus_dir / "rsshub" / "**" / "*.md"))
    assert len(arts) >= 250
    kx = KeywordExtractor()
    out = kx.fit_transform(arts)
    assert kx.n_docs_ == len(arts)
    with_text = set(arts.loc[arts["text"].str.len() > 200, "article_id"])
    assert with_text <= set(out["article_id"])  # every real article gets keywords
    for kw in out["keyword"]:
        assert not kw.replace(".", "").replace("%", "").isdigit(), kw
        assert not (len(kw) == 1 and "\u4e00" <= kw <= "\u9fff"), kw
        assert not any(c in kw for c in "/=&?_"), kw  # no link pieces
    sample = arts.loc[arts["title"].str.startswith("雷军：是徕卡"), "article_id"].iloc[0]
    assert {"徕卡", "小米"} <= set(keywords_of(out, sample)[:5])
    by_source = top_keywords(out, arts, by="source", top_k=10)
    assert set(by_source["group"]) >= {"IT之家", "ZAKER", "cnBeta"}
    trends = trending_keywords(out, arts, freq="M", window=3, min_count=2)
    assert len(trends) > 0 and (trends["count"] >= 2).all()


def test_top_keywords_by_list_column_counts_each_category(fitted, corpus_docs, articles_frame):
    out = top_keywords(fitted.transform(corpus_docs), articles_frame, by="categories", top_k=3)
    cats = {c for v in articles_frame["categories"] for c in v}
    assert set(out["group"]) <= cats
    assert {"ZAKER", "新媒体"} <= set(out["group"])
    assert out.groupby("group").size().max() <= 3


def test_lead_paragraph_outweighs_the_rest_of_the_body():
    body = [("电池", "n"), ("。", "x"), ("\n", "x"), ("屏幕", "n"), ("。", "x")]
    corpus = [make_adoc("a", body), make_adoc("b", [("芯片", "n")])]
    assert keywords_of(KeywordExtractor(lead_weight=2.0).fit(corpus).transform(corpus), "a") == [
        "电池",
        "屏幕",
    ]
    swapped = [("屏幕", "n"), ("。", "x"), ("\n", "x"), ("电池", "n"), ("。", "x")]
    corpus = [make_adoc("a", swapped), make_adoc("b", [("芯片", "n")])]
    assert keywords_of(KeywordExtractor(lead_weight=2.0).fit(corpus).transform(corpus), "a") == [
        "屏幕",
        "电池",
    ]


# ----------------------------------------------------------------------------------------
# words the segmenter's HMM made up (Token.oov)

OOV_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "keywords" / "oov"
HMM_FRAGMENTS = ("元换", "芯开", "元换芯开", "芯开先例", "名打", "名打工人", "布脏")


def test_hmm_fragments_in_real_titles_are_not_keywords(tokenizer, corpus_docs):
    articles = [
        newsnlp.parse_article(p.read_text(encoding="utf-8"))
        for p in sorted(OOV_FIXTURES.glob("*.md"))
        if p.name != "PROVENANCE.md"
    ]
    assert len(articles) == 3
    docs = [tokenizer.tokenize_article(a) for a in articles]
    # the fragments really are there, flagged as out of vocabulary
    made_up = {t.text for d in docs for t in d.title.tokens if t.oov}
    assert {"元换", "芯开", "名打", "布脏"} <= made_up
    for method in ("tfidf", "textrank"):
        kx = KeywordExtractor(method=method, top_k=10, tokenizer=tokenizer)
        frame = kx.fit(corpus_docs + docs).transform(docs)
        by_title = {a.title: keywords_of(frame, a.id) for a in articles}
        for title, kws in by_title.items():
            assert kws, title
            assert not set(kws) & set(HMM_FRAGMENTS), (method, title, kws)
        assert "极氪" in by_title["0元换芯开先例，极氪的“黑红”之旅"]
        assert "苹果" in by_title["145 元的苹果抛光布脏了？官方教你如何清洗"]
        assert "工人" in by_title["150名打工人被AI判定“效率低”遭开除"]


def _oov(doc: Doc, *words: str) -> Doc:
    """``doc`` with the tokens whose text is in ``words`` flagged out of vocabulary."""
    tokens = tuple(replace(t, oov=t.text in words) for t in doc.tokens)
    return Doc(doc.text, tokens, doc.sentences)


def _oov_adoc(aid: str, body: list, *words: str, title: list | None = None) -> ArticleDoc:
    return ArticleDoc(aid, _oov(make_doc(title or []), *words), _oov(make_doc(body), *words))


NEW_WORD_BODY = [
    ("芯开", "n"),
    ("先例", "n"),
    ("。", "x"),
    ("续航", "n"),
    ("测试", "vn"),
    ("。", "x"),
]


def test_oov_word_seen_once_is_neither_keyword_nor_part_of_a_phrase():
    adoc = _oov_adoc("a", NEW_WORD_BODY, "芯开", title=NEW_WORD_BODY)
    others = [_oov_adoc(f"o{i}", [("手机", "n"), ("。", "x")]) for i in range(3)]
    for kx in (KeywordExtractor().fit([adoc, *others]), KeywordExtractor(method="textrank")):
        kws = keywords_of(kx.transform([adoc]), "a")
        assert "先例" in kws
        assert "芯开" not in kws
        assert "芯开先例" not in kws


def test_oov_word_in_two_fitted_documents_is_a_keyword():
    adoc = _oov_adoc("a", NEW_WORD_BODY, "芯开", title=NEW_WORD_BODY)
    again = _oov_adoc("b", [("芯开", "n"), ("。", "x")], "芯开")
    kx = KeywordExtractor(redundancy=False).fit([adoc, again])
    kws = keywords_of(kx.transform([adoc]), "a")
    assert "芯开" in kws
    assert "芯开先例" in kws


def test_oov_word_repeated_in_the_article_is_a_keyword_without_fit():
    body = [("屏下", "n"), ("摄像头", "n"), ("。", "x")] * 3
    kws = keywords_of(
        KeywordExtractor(method="textrank").transform(_oov_adoc("a", body, "屏下")), "a"
    )
    assert "屏下" in kws
    assert "屏下摄像头" in kws


def test_validate_params_is_public_and_names_the_parameter():
    from newsnlp import KeywordExtractor, ParameterError

    KeywordExtractor(top_k=3).validate_params()
    with pytest.raises(ParameterError, match="'top_k' parameter of KeywordExtractor"):
        KeywordExtractor(top_k=0).validate_params()
