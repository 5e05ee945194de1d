"""Tests for newsnlp.analysis.sentiment (issue 6)."""

from __future__ import annotations

import io
import json
import re
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsnlp
from newsnlp.analysis import sentiment as sentiment_module
from newsnlp.analysis.sentiment import (
    SentimentLexicon,
    SentimentResult,
    SentimentScorer,
    merge_entity_sentiment,
    score_sentiment,
)
from newsnlp.analysis.sentiment_model import map_labels
from newsnlp.errors import (
    InputTypeError,
    LexiconError,
    ModelError,
    NewsNLPError,
    NotFittedError,
    ParameterError,
)
from newsnlp.parse.article import Article
from newsnlp.schemas import SCHEMAS
from newsnlp.text.doc import ArticleDoc
from newsnlp.text.tokenizer import Tokenizer

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sentiment"
GOLDEN = [json.loads(line) for line in (FIXTURES / "golden.jsonl").read_text(encoding="utf-8").splitlines()]
TRAIN = [json.loads(line) for line in (FIXTURES / "train_small.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer()


@pytest.fixture(scope="module")
def scorer(tokenizer: Tokenizer) -> SentimentScorer:
    return SentimentScorer(tokenizer=tokenizer)


@pytest.fixture(scope="module")
def fitted(tokenizer: Tokenizer) -> SentimentScorer:
    texts = [r["text"] for r in TRAIN]
    labels = [r["label"] for r in TRAIN]
    return SentimentScorer(method="model", tokenizer=tokenizer).fit(texts, labels)


def _mentions(article_id: str, field: str, text: str, names: list[str]) -> pd.DataFrame:
    rows = [
        {"article_id": article_id, "entity": name, "type": "company", "mention": name, "field": field,
         "start": m.start(), "end": m.end(), "sentence": 0}
        for name in names
        for m in re.finditer(re.escape(name), text)
    ]
    return pd.DataFrame(rows)


def _label(value: float, band: float = 0.2) -> str:
    if value >= band:
        return "positive"
    if value <= -band:
        return "negative"
    return "neutral"


# --------------------------------------------------------------------------- golden sentences


@pytest.mark.parametrize("row", GOLDEN, ids=[f"{r['phenomenon']}-{i}" for i, r in enumerate(GOLDEN)])
def test_entity_polarity_matches_golden_sentence(row: dict, tokenizer: Tokenizer, scorer: SentimentScorer) -> None:
    adoc = tokenizer.tokenize_article(Article(id="g", text=row["text"]))
    mentions = _mentions("g", "text", row["text"], list(row["expected"]))
    got = scorer.entity_sentiment([adoc], mentions)
    values = dict(zip(got["entity"], got["sentiment"], strict=True))
    for entity, expected in row["expected"].items():
        assert _label(values[entity]) == expected, (entity, values[entity], row["text"])


def test_golden_covers_negation_contrast_and_comparatives() -> None:
    kinds = {k for r in GOLDEN for k in r["phenomenon"].split("+")}
    assert {"negation", "contrast", "comparative", "event", "neutral"} <= kinds


def test_comparative_is_good_for_the_subject_and_bad_for_the_object(scorer, tokenizer) -> None:
    for text, winner, loser in [
        ("联发科超越高通，成为全球最大的手机芯片供应商。", "联发科", "高通"),
        ("高通不如联发科。", "联发科", "高通"),
        ("高通的出货量落后于联发科。", "联发科", "高通"),
    ]:
        adoc = tokenizer.tokenize_article(Article(id="c", text=text))
        got = scorer.entity_sentiment([adoc], _mentions("c", "text", text, [winner, loser]))
        values = dict(zip(got["entity"], got["sentiment"], strict=True))
        assert values[winner] > 0.2 > -0.2 > values[loser], (text, values)


def test_sample_post_is_neutral_to_positive_for_xiaomi_and_leica(tokenizer, scorer) -> None:
    raw = (FIXTURES / "sample_post.md").read_text(encoding="utf-8")
    article = newsnlp.parse_article(raw)
    adoc = tokenizer.tokenize_article(article)
    mentions = pd.concat([
        _mentions(article.id, "title", article.title, ["小米", "徕卡"]),
        _mentions(article.id, "text", article.text, ["小米", "徕卡"]),
    ])
    got = scorer.entity_sentiment([adoc], mentions)
    values = dict(zip(got["entity"], got["sentiment"], strict=True))
    for name in ("小米", "徕卡"):
        assert 0.0 <= values[name] < 0.9, (name, values[name])
    doc = scorer.transform_docs([adoc])
    assert doc["label"].iloc[0] in ("neutral", "positive")
    assert float(doc["score"].iloc[0]) < 0.9  # SnowNLP says 0.9999999995


# --------------------------------------------------------------------------- lexicon rules


def test_negation_flips_and_degree_scales(scorer) -> None:
    good = scorer.score_text("这款手机的续航很好").score
    not_good = scorer.score_text("这款手机的续航不好").score
    very_good = scorer.score_text("这款手机的续航非常好").score
    slightly_good = scorer.score_text("这款手机的续航略好").score
    assert not_good < 0 < slightly_good < good < very_good


def test_double_negation_and_no_problem_read_as_positive(scorer) -> None:
    assert scorer.score_text("新系统没有问题，运行稳定").label == "positive"
    assert scorer.score_text("这次升级并不是不好").score > 0


def test_contrast_clause_after_but_outweighs_the_one_before(scorer) -> None:
    assert scorer.score_text("外观设计出色，但是发热严重、续航很差").label == "negative"
    assert scorer.score_text("虽然价格偏贵，但拍照非常出色、系统流畅").label == "positive"


def test_reverser_verbs_undo_the_negative_word_after_them(scorer) -> None:
    assert scorer.score_text("联想笔记本发现两个漏洞").label == "negative"
    assert scorer.score_text("官方已修复漏洞").label == "positive"
    assert scorer.score_text("新版本解决了卡顿问题").label == "positive"
    assert scorer.score_text("法院驳回欧盟对英特尔的反垄断罚款").label == "positive"
    # the object ends at the next verb: what follows is judged on its own
    assert scorer.score_text("修复漏洞后系统依然卡顿").label == "negative"


def test_entities_listed_with_enumeration_comma_share_the_clause(scorer, tokenizer) -> None:
    text = "小米、OPPO、vivo 的销量大幅下滑。"
    adoc = tokenizer.tokenize_article(Article(id="l", text=text))
    got = scorer.entity_sentiment([adoc], _mentions("l", "text", text, ["小米", "OPPO", "vivo"]))
    assert (got["sentiment"] < -0.2).all(), got


def test_news_events_carry_polarity(scorer) -> None:
    for text in ("特斯拉宣布召回110万辆汽车", "该公司因违规被罚款并裁员", "服务器宕机导致用户数据泄露"):
        assert scorer.score_text(text).label == "negative", text
    for text in ("新品销量创纪录，好评如潮", "公司营收大涨，技术获得重大突破"):
        assert scorer.score_text(text).label == "positive", text


def test_plain_news_statement_is_neutral(scorer) -> None:
    result = scorer.score_text("该公司将于下周在北京举行新品发布会。")
    assert result.label == "neutral"
    assert result.score == 0.0


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_is_neutral_with_zero_confidence(scorer, text: str) -> None:
    assert scorer.score_text(text) == SentimentResult(0.0, "neutral", 0.0)


def test_shipped_lexicon_is_large_and_has_news_words() -> None:
    lex = SentimentLexicon.default()
    assert len(lex.words) >= 1500
    for word in ("召回", "漏洞", "裁员", "罚款", "下架", "起诉", "暴跌", "宕机"):
        assert lex.words[word] < 0, word
    for word in ("创纪录", "突破", "领先", "大涨", "获奖", "热销", "优秀"):
        assert lex.words[word] > 0, word
    assert lex.negators["不"] < 0 and lex.degrees["非常"] > 1 > lex.degrees["略"]
    assert lex.comparative["超越"] > 0 > lex.comparative["不如"]


def test_lexicon_file_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "words.tsv"
    bad.write_text("好\t1.0\n差\tbad\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"words.tsv, line 2"):
        SentimentLexicon.from_files(bad)


def test_custom_words_change_the_score(tokenizer) -> None:
    lex = SentimentLexicon.default().with_words({"遥控器": -2.0})
    plain = SentimentScorer(tokenizer=tokenizer).score_text("它的设计像遥控器")
    custom = SentimentScorer(tokenizer=tokenizer, lexicon=lex).score_text("它的设计像遥控器")
    assert plain.label == "neutral" and custom.label == "negative"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_any_text_scores_within_bounds(text: str) -> None:
    result = _PROPERTY_SCORER.score_text(text)
    assert -1.0 <= result.score <= 1.0
    assert 0.0 <= result.confidence <= 1.0
    assert result.label in ("negative", "neutral", "positive")


_PROPERTY_SCORER = SentimentScorer()


# --------------------------------------------------------------------------- frames


def test_transform_returns_sentiment_schema_for_mixed_inputs(scorer) -> None:
    frame = scorer.transform(["公司裁员并被罚款", Article(id="a2", title="新机热销", text="口碑很好")])
    assert list(frame.columns) == list(SCHEMAS["sentiment"])
    assert frame["label"].tolist() == ["negative", "positive"]
    assert frame["article_id"].iloc[1] == "a2"
    assert set(frame["method"]) == {"lexicon"}


def test_transform_accepts_dataframe_and_empty_input(scorer) -> None:
    df = pd.DataFrame({"article_id": ["x"], "title": ["标题"], "text": ["系统非常流畅"]})
    assert scorer.transform(df)["label"].tolist() == ["positive"]
    empty = scorer.transform([])
    assert list(empty.columns) == list(SCHEMAS["sentiment"]) and len(empty) == 0


def test_score_sentences_gives_offsets_into_each_field(scorer) -> None:
    article = Article(id="s1", title="小米发布新机", text="新机拍照出色。但是发热严重！")
    frame = scorer.score_sentences([article])
    assert list(frame.columns) == list(SCHEMAS["sentences"])
    assert frame["field"].tolist() == ["title", "text", "text"]
    for _, row in frame.iterrows():
        source = article.title if row["field"] == "title" else article.text
        assert source[row["start"]:row["end"]] == row["text"]
    assert frame["label"].tolist()[1:] == ["positive", "negative"]


def test_transform_docs_never_retokenizes(tokenizer) -> None:
    class Exploding:
        def tokenize(self, text):  # pragma: no cover - must not be called
            raise AssertionError("re-tokenized")

        tokenize_article = tokenize

    adoc = tokenizer.tokenize_article(Article(id="d", text="系统稳定流畅"))
    scorer = SentimentScorer(tokenizer=Exploding())  # type: ignore[arg-type]
    assert scorer.transform_docs([adoc])["label"].tolist() == ["positive"]
    assert scorer.score_sentences([adoc])["label"].tolist() == ["positive"]
    assert isinstance(adoc, ArticleDoc)


def test_merge_entity_sentiment_fills_the_entities_frame(scorer, tokenizer) -> None:
    text = "联发科超越高通，成为全球最大的手机芯片供应商。"
    adoc = tokenizer.tokenize_article(Article(id="m", text=text))
    entity_scores = scorer.entity_sentiment([adoc], _mentions("m", "text", text, ["联发科", "高通"]))
    entities = pd.DataFrame({"article_id": ["m", "m", "m"], "entity": ["联发科", "高通", "苹果"],
                             "type": ["company"] * 3, "mentions": [1, 1, 0]})
    merged = merge_entity_sentiment(entities, entity_scores)
    assert list(merged.columns) == list(SCHEMAS["entities"])
    values = dict(zip(merged["entity"], merged["sentiment"], strict=True))
    assert values["联发科"] > 0 > values["高通"]
    assert values["苹果"] is pd.NA


def test_entity_sentiment_of_no_mentions_is_empty(scorer) -> None:
    out = scorer.entity_sentiment(["文本"], pd.DataFrame(columns=["article_id", "entity", "field", "start", "end"]))
    assert list(out.columns) == ["article_id", "entity", "sentiment"] and len(out) == 0


def test_score_sentiment_is_exported_lazily() -> None:
    assert newsnlp.score_sentiment is score_sentiment
    assert newsnlp.SentimentScorer is SentimentScorer
    assert score_sentiment("股价暴跌")["label"].tolist() == ["negative"]


# --------------------------------------------------------------------------- parameters


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"method": "bert"}, "method"), ({"neutral_band": 1.5}, "neutral_band"), ({"neutral_band": "x"}, "neutral_band")],
)
def test_bad_parameters_name_the_parameter(kwargs: dict, name: str) -> None:
    with pytest.raises(ParameterError, match=name):
        SentimentScorer(**kwargs).score_text("好")


def test_score_text_rejects_non_strings(scorer) -> None:
    with pytest.raises(InputTypeError):
        scorer.score_text(b"bytes")  # type: ignore[arg-type]


def test_fit_on_lexicon_method_is_a_parameter_error() -> None:
    with pytest.raises(ParameterError, match="method='model'"):
        SentimentScorer().fit(["好", "差"], [1, 0])


# --------------------------------------------------------------------------- model contract


def test_fit_returns_self_and_sets_fitted_attributes(tokenizer) -> None:
    scorer = SentimentScorer(method="model", tokenizer=tokenizer)
    texts = [r["text"] for r in TRAIN]
    assert scorer.fit(texts, [r["label"] for r in TRAIN]) is scorer
    assert scorer.classes_ == ("negative", "neutral", "positive")
    assert scorer.model_.coef_.shape[0] == 3


def test_unfitted_model_says_what_to_call() -> None:
    with pytest.raises(NotFittedError, match=r"fit\(texts, labels\)"):
        SentimentScorer(method="model").transform(["好"])


def test_model_predicts_its_training_domain(fitted) -> None:
    frame = fitted.transform(["电池续航很差，经常死机", "屏幕清晰，速度很快，非常满意", "新机将于下月发布"])
    assert frame["label"].tolist() == ["negative", "positive", "neutral"]
    result = fitted.score_text("手机发热严重")
    assert result.label == "negative" and 0.0 < result.confidence <= 1.0
    assert fitted.score_text("") == SentimentResult(0.0, "neutral", 0.0)


def test_model_scores_sentences_and_entities(fitted, tokenizer) -> None:
    adoc = tokenizer.tokenize_article(Article(id="e", text="小米的系统很流畅。三星的电池鼓包，存在安全隐患。"))
    sentences = fitted.score_sentences([adoc])
    assert sentences["label"].tolist() == ["positive", "negative"]
    mentions = _mentions("e", "text", adoc.text.text, ["小米", "三星"])
    values = dict(zip(*fitted.entity_sentiment([adoc], mentions)[["entity", "sentiment"]].T.values, strict=True))
    assert values["小米"] > 0 > values["三星"]


def test_save_load_round_trip_gives_identical_predictions(fitted, tokenizer, tmp_path: Path) -> None:
    path = fitted.save(tmp_path / "model")
    assert path.suffix == ".npz"
    loaded = SentimentScorer.load(path, tokenizer=tokenizer)
    texts = [r["text"] for r in GOLDEN] + [r["text"] for r in TRAIN]
    pd.testing.assert_frame_equal(fitted.transform(texts), loaded.transform(texts))
    a = fitted.model_.predict_proba_tokens(["续航很差"], [["续航", "很", "差"]], engine=fitted._engine())
    b = loaded.model_.predict_proba_tokens(["续航很差"], [["续航", "很", "差"]], engine=loaded._engine())
    assert np.array_equal(a, b)


def _rewrite_npz(src: Path, dst: Path, change) -> None:
    with np.load(src, allow_pickle=False) as npz:
        data = {k: npz[k] for k in npz.files}
    change(data)
    buffer = io.BytesIO()
    np.savez(buffer, **data)
    dst.write_bytes(buffer.getvalue())


def test_tampered_model_file_raises_model_error(fitted, tmp_path: Path) -> None:
    path = fitted.save(tmp_path / "m.npz")
    edited = tmp_path / "edited.npz"

    def flip(data: dict) -> None:
        data["coef"] = data["coef"].copy()
        data["coef"][0, 0] += 1.0

    _rewrite_npz(path, edited, flip)
    with pytest.raises(ModelError, match="digest"):
        SentimentScorer.load(edited)
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ModelError):
        SentimentScorer.load(truncated)
    missing = tmp_path / "missing.npz"
    _rewrite_npz(path, missing, lambda d: d.pop("cal_a"))
    with pytest.raises(ModelError, match="cal_a"):
        SentimentScorer.load(missing)
    with pytest.raises(ModelError, match="No sentiment model"):
        SentimentScorer.load(tmp_path / "nothing.npz")


class _Payload:
    """Unpickling this would run code; loading a model must never do that."""

    ran = False

    def __reduce__(self):
        return (_mark_ran, ())


def _mark_ran() -> None:
    _Payload.ran = True


def test_loading_never_unpickles_objects(fitted, tmp_path: Path) -> None:
    path = fitted.save(tmp_path / "m.npz")
    evil = tmp_path / "evil.npz"
    with np.load(path, allow_pickle=False) as npz:
        data = {k: npz[k] for k in npz.files}
    data["coef"] = np.array([_Payload()], dtype=object)
    buffer = io.BytesIO()
    np.savez(buffer, **data)  # stores the object array as a pickle
    evil.write_bytes(buffer.getvalue())
    assert zipfile.is_zipfile(evil)
    with pytest.raises(ModelError):
        SentimentScorer.load(evil)
    assert _Payload.ran is False


@pytest.mark.parametrize(
    ("labels", "match"),
    [
        ([1] * 60, "only one class"),
        ([0, 1] * 10, "different lengths"),
        (["good"] * 30 + ["bad"] * 30, "Unknown sentiment label"),
        ([0, 1, 7] * 20, "Unknown sentiment label"),
    ],
)
def test_bad_labels_raise_model_error_naming_the_problem(tokenizer, labels: list, match: str) -> None:
    texts = [r["text"] for r in TRAIN]
    with pytest.raises(ModelError, match=match):
        SentimentScorer(method="model", tokenizer=tokenizer).fit(texts, labels)


def test_label_mapping_is_explicit() -> None:
    assert map_labels([0, 1]) == ["negative", "positive"]
    assert map_labels([0, 1, 2]) == ["negative", "neutral", "positive"]
    assert map_labels([-1, 0, 1]) == ["negative", "neutral", "positive"]
    assert map_labels(["0", "1"]) == ["negative", "positive"]
    assert map_labels(["POS", "负面", "neutral"]) == ["positive", "negative", "neutral"]
    assert map_labels([0, 1], scheme="ternary") == ["negative", "neutral"]
    with pytest.raises(ModelError):
        map_labels([0, 1, 2], scheme="binary")


def test_binary_labels_train_a_two_class_model(tokenizer) -> None:
    rows = [r for r in TRAIN if r["label"] != "neutral"]
    scorer = SentimentScorer(method="model", tokenizer=tokenizer).fit(
        [r["text"] for r in rows], [1 if r["label"] == "positive" else 0 for r in rows])
    assert scorer.classes_ == ("negative", "positive")
    assert scorer.score_text("屏幕很清晰，非常满意").label == "positive"


# --------------------------------------------------------------------------- snownlp baseline


def test_snownlp_method_scores_the_sample_post_near_one(tokenizer) -> None:
    pytest.importorskip("snownlp")
    article = newsnlp.parse_article((FIXTURES / "sample_post.md").read_text(encoding="utf-8"))
    frame = SentimentScorer(method="snownlp", tokenizer=tokenizer).transform([article])
    assert frame["method"].tolist() == ["snownlp"]
    assert float(frame["score"].iloc[0]) > 0.9  # the problem issue 6 is about


def test_snownlp_missing_gives_a_clear_error(monkeypatch) -> None:
    monkeypatch.setattr(sentiment_module, "_SNOWNLP", None)
    monkeypatch.setitem(sys.modules, "snownlp", None)
    with pytest.raises(ParameterError, match="pip install snownlp"):
        SentimentScorer(method="snownlp").score_text("好")


def test_all_errors_are_newsnlp_errors() -> None:
    for exc in (ModelError, ParameterError, NotFittedError, LexiconError, InputTypeError):
        assert issubclass(exc, NewsNLPError)


# ---------------------------------------------------------------- persistence errors
@pytest.mark.parametrize("where", ["is_a_file/m.npz", "is_a_dir"])
def test_save_to_unwritable_path_raises_model_error_naming_it(fitted, tmp_path: Path, where: str) -> None:
    (tmp_path / "is_a_file").write_text("x", encoding="utf-8")
    (tmp_path / "is_a_dir.npz").mkdir()
    target = tmp_path / where
    with pytest.raises(ModelError, match="Cannot save the sentiment model to") as info:
        fitted.save(target)
    assert str(target) in str(info.value)
    assert isinstance(info.value.__cause__, OSError)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["is_a_dir.npz", "is_a_file"]  # no temp file
    assert list((tmp_path / "is_a_dir.npz").iterdir()) == []


def test_save_replaces_an_existing_model_and_leaves_no_temporary_file(fitted, tokenizer, tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    path.write_bytes(b"an older, broken model")
    assert fitted.save(path) == path
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]
    loaded = SentimentScorer.load(path, tokenizer=tokenizer)
    assert loaded.classes_ == fitted.classes_


def test_load_of_a_directory_raises_model_error_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "model.npz"
    folder.mkdir()
    with pytest.raises(ModelError, match=re.escape(str(folder))):
        SentimentScorer.load(folder)


# ---------------------------------------------------------------- scikit-learn conventions
def test_clone_and_get_params_follow_scikit_learn_conventions() -> None:
    from sklearn.base import clone

    scorer = SentimentScorer(method="model", C=0.5, neutral_band=0.3)
    params = scorer.get_params()
    assert params == {
        "method": "model", "tokenizer": None, "lexicon": None, "neutral_band": 0.3, "C": 0.5,
        "label_scheme": "auto", "calibration_folds": 3, "random_state": 0,
    }
    twin = clone(scorer)
    assert twin is not scorer and twin.get_params() == params
    twin.set_params(C=2.0)
    assert (twin.C, scorer.C) == (2.0, 0.5)
    assert repr(scorer) == "SentimentScorer(C=0.5, method='model', neutral_band=0.3)"


def test_clone_of_a_fitted_scorer_is_unfitted(fitted) -> None:
    from sklearn.base import clone

    twin = clone(fitted)
    assert twin.get_params().keys() == fitted.get_params().keys()
    with pytest.raises(NotFittedError, match=r"fit\(texts, labels\)"):
        twin.score_text("续航很差")


def test_default_tokenizer_is_kept_privately_and_not_pickled() -> None:
    import pickle

    scorer = SentimentScorer()
    first = scorer.score_text("新机发布后口碑很好，销量创纪录")
    assert scorer.tokenizer is None and scorer.get_params()["tokenizer"] is None
    assert isinstance(scorer.__dict__["_tokenizer"], Tokenizer)
    twin = pickle.loads(pickle.dumps(scorer))
    assert "_tokenizer" not in twin.__dict__
    assert "_tokenizer" in scorer.__dict__  # pickling does not drop it from the original
    assert twin.score_text("新机发布后口碑很好，销量创纪录") == first


def test_explicit_tokenizer_survives_pickling(tokenizer) -> None:
    import pickle

    scorer = SentimentScorer(tokenizer=tokenizer)
    twin = pickle.loads(pickle.dumps(scorer))
    assert isinstance(twin.tokenizer, Tokenizer)
    assert twin.score_text("续航很差").label == scorer.score_text("续航很差").label
