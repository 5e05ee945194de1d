"""Behaviour of newsnlp.text.tokenizer.Tokenizer (issue 3)."""

from __future__ import annotations

import pickle
import threading

import pytest

from newsnlp.errors import InputTypeError, ParameterError
from newsnlp.parse.article import Article
from newsnlp.text.doc import Doc
from newsnlp.text.entry import Entry
from newsnlp.text.lexicon import Lexicon
from newsnlp.text.tokenizer import Tokenizer

SPACED_NAMES = {
    "小米 12S Ultra": "小米 12S Ultra",
    "小米12S Ultra": "小米 12S Ultra",
    "Redmi Note 11E Pro+": "Redmi Note 11E Pro+",
    "iPhone 13 Pro Max": "iPhone 13 Pro Max",
    "Galaxy S22 Ultra": "Galaxy S22 Ultra",
    "骁龙 8 Gen 1": "骁龙 8 Gen 1",
    "骁龙8+ Gen1": "骁龙 8+ Gen 1",
    "天玑 9000": "天玑 9000",
    "i9-12900K": "Core i9-12900K",
    "RTX 3080 Ti": "RTX 3080 Ti",
    "Mate 50 Pro": "Mate 50 Pro",
    "Windows 11": "Windows 11",
    "iOS 15.4": "iOS 15.4",
    "M1 Max": "Apple M1 Max",
}


def texts(doc: Doc) -> list[str]:
    return [t.text for t in doc.tokens if not t.is_space]


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
@pytest.mark.parametrize(("surface", "canonical"), sorted(SPACED_NAMES.items()))
def test_tokenizer_keeps_spaced_product_names(
    small_lexicon: Lexicon, backend: str, surface: str, canonical: str
) -> None:
    tok = _tokenizer(small_lexicon, backend)
    doc = tok.tokenize(f"据悉，新款{surface}已经上市，售价不变。")
    (hit,) = [t for t in doc.tokens if t.text == surface]
    assert hit.entry is not None
    assert hit.entry.name == canonical
    assert hit.entry.type == "product"
    assert hit.pos == "nz"


_TOKENIZERS: dict[str, Tokenizer] = {}


def _tokenizer(lex: Lexicon, backend: str) -> Tokenizer:
    if backend not in _TOKENIZERS:
        _TOKENIZERS[backend] = Tokenizer(lex, backend=backend)  # type: ignore[arg-type]
    return _TOKENIZERS[backend]


def test_sample_post_keeps_leica_whole(small_tokenizer: Tokenizer) -> None:
    # rsshub/ZAKER/channel/雷军_是徕卡找的我们.md: plain jieba gives 有徕 / 卡
    doc = small_tokenizer.tokenize("虽然小米 12S Ultra 有徕卡影像技术加持，但并不会送测 DXOMARK。")
    assert texts(doc) == [
        "虽然",
        "小米 12S Ultra",
        "有",
        "徕卡",
        "影像",
        "技术",
        "加持",
        "，",
        "但",
        "并",
        "不会",
        "送测",
        "DXOMARK",
        "。",
    ]
    by_text = {t.text: t for t in doc.tokens}
    assert by_text["徕卡"].entry is not None and by_text["徕卡"].entry.name == "徕卡"
    assert by_text["徕卡"].pos == "nt"
    assert by_text["DXOMARK"].entry is not None and by_text["DXOMARK"].entry.type == "organization"
    assert by_text["小米 12S Ultra"].entry is not None
    assert by_text["小米 12S Ultra"].entry.company == "小米"


def test_product_entry_links_brand_and_company(small_tokenizer: Tokenizer) -> None:
    doc = small_tokenizer.tokenize("Xiaomi 12s ultra 和 Redmi K50 至尊版")
    entries = [t.entry for t in doc.tokens if t.entry is not None]
    assert [(e.name, e.parent, e.company) for e in entries] == [
        ("小米 12S Ultra", "小米", "小米"),
        ("Redmi K50 至尊版", "Redmi", "小米"),
    ]


@pytest.mark.parametrize(
    "text",
    ["小米 CEO 雷军表示", "iPhone 用户可以升级", "小米 10 亿元投资", "小米 12 月发布会"],
)
def test_product_grammar_does_not_absorb_the_next_word(
    small_tokenizer: Tokenizer, text: str
) -> None:
    doc = small_tokenizer.tokenize(text)
    assert all(t.entry is None or t.entry.type != "product" for t in doc.tokens)
    first = doc.tokens[0]
    assert first.text in ("小米", "iPhone")


def test_latin_words_are_not_cut_inside(small_tokenizer: Tokenizer) -> None:
    doc = small_tokenizer.tokenize("这个license不允许 Pineapple 使用Apple的接口")
    assert "license" in texts(doc)
    assert "ces" not in texts(doc)
    assert "Pineapple" in texts(doc)
    apple = [t for t in doc.tokens if t.text == "Apple"]
    assert len(apple) == 1 and apple[0].entry is not None and apple[0].entry.name == "苹果"
    assert all(t.entry is None for t in doc.tokens if t.text == "Pineapple")


@pytest.mark.parametrize("unit", ["4800MHz", "16GB", "120W", "5000mAh", "6nm", "3.5mm", "96%"])
def test_numbers_with_units_stay_together(small_tokenizer: Tokenizer, unit: str) -> None:
    doc = small_tokenizer.tokenize(f"支持{unit}规格")
    assert unit in texts(doc)


@pytest.mark.parametrize(
    ("text", "alias", "is_entity"),
    [
        ("早上喝了一碗小米粥", "小米", False),
        ("他在山坡上种植小米和高粱", "小米", False),
        ("小米椒很辣", "小米", False),
        ("小米发布了新款手机", "小米", True),
        ("雷军说小米汽车进展顺利", "小米", True),
        ("每天吃苹果有益健康", "苹果", False),
        ("一杯苹果汁", "苹果", False),
        ("苹果发布了新款 iPhone", "苹果", True),
        ("这是属于国家的荣耀", "荣耀", False),
        ("荣耀发布了新款手机", "荣耀", True),
    ],
)
def test_ambiguous_alias_follows_context(
    small_tokenizer: Tokenizer, text: str, alias: str, is_entity: bool
) -> None:
    doc = small_tokenizer.tokenize(text)
    hits = [t for t in doc.tokens if t.text == alias]
    if not is_entity and not hits:  # the segmenter kept the common word whole (苹果汁)
        assert all(t.entry is None for t in doc.tokens if alias in t.text)
        return
    assert hits, texts(doc)
    assert (hits[0].entry is not None) is is_entity


def test_tokens_rejoin_and_offsets_are_contiguous(small_tokenizer: Tokenizer) -> None:
    text = "  雷军：是徕卡找的我们！\n\n小米 12S Ultra\t售价 5999 元……“太贵了”？😀\x00\x07 end"
    doc = small_tokenizer.tokenize(text)
    assert "".join(t.text for t in doc.tokens) == text
    pos = 0
    for t in doc.tokens:
        assert t.start == pos and t.end == pos + len(t.text) and text[t.start : t.end] == t.text
        pos = t.end
    assert pos == len(text)
    assert all(t.is_punct for t in doc.tokens if t.is_space)


def test_sentences_split_on_terminators_and_newlines(small_tokenizer: Tokenizer) -> None:
    text = "小米发布新机。“很好！”他说\n下一段没有句号"
    doc = small_tokenizer.tokenize(text)
    assert [doc.sentence_text(i) for i in range(len(doc.sentences))] == [
        "小米发布新机。",
        "“很好！”",
        "他说\n",
        "下一段没有句号",
    ]
    assert doc.sentences[-1].token_end == len(doc.tokens)
    assert doc.sentence_of(0) == 0


def test_stopwords_and_punctuation_are_flagged(small_tokenizer: Tokenizer) -> None:
    doc = small_tokenizer.tokenize("小米的手机，我们都很喜欢。")
    flags = {t.text: (t.is_stop, t.is_punct) for t in doc.tokens}
    assert flags["的"] == (True, False)
    assert flags["，"] == (False, True)
    assert flags["手机"] == (False, False)


def test_custom_stopwords_replace_the_shipped_list(small_lexicon: Lexicon) -> None:
    tok = Tokenizer(small_lexicon, stopwords=["手机"])
    flags = {t.text: t.is_stop for t in tok.tokenize("小米的手机")}
    assert flags == {"小米": False, "的": False, "手机": True}


def test_empty_text_gives_empty_doc(small_tokenizer: Tokenizer) -> None:
    doc = small_tokenizer.tokenize("")
    assert doc.tokens == () and doc.sentences == () and doc.text == ""


@pytest.mark.parametrize("bad", [None, 42, b"\xe5\xb0\x8f", ["小米"]])
def test_non_string_input_raises_naming_it(small_tokenizer: Tokenizer, bad: object) -> None:
    with pytest.raises(InputTypeError, match=type(bad).__name__):
        small_tokenizer.tokenize(bad)  # type: ignore[arg-type]


def test_bad_parameters_raise() -> None:
    with pytest.raises(ParameterError, match="'backend' parameter of Tokenizer"):
        Tokenizer(Lexicon(), backend="spacy")  # type: ignore[arg-type]
    with pytest.raises(InputTypeError, match="'lexicon' parameter"):
        Tokenizer(lexicon={"小米": "company"})  # type: ignore[arg-type]


def test_tokenize_article_keeps_title_and_text_apart(small_tokenizer: Tokenizer) -> None:
    art = Article(id="a1", title="雷军：是徕卡找的我们", text="小米 12S Ultra 有徕卡影像技术加持")
    adoc = small_tokenizer.tokenize_article(art)
    assert adoc.article_id == "a1"
    assert adoc.title.text == art.title and adoc.text.text == art.text
    assert adoc.text.tokens[0].entry is not None
    with pytest.raises(InputTypeError, match="Article"):
        small_tokenizer.tokenize_article("小米")  # type: ignore[arg-type]


def test_pipe_tokenizes_each_text(small_tokenizer: Tokenizer) -> None:
    docs = list(small_tokenizer.pipe(["小米", "徕卡"]))
    assert [d.tokens[0].entry.name for d in docs if d.tokens[0].entry] == ["小米", "徕卡"]


def test_pickle_round_trip_tokenizes_the_same(small_tokenizer: Tokenizer) -> None:
    text = "小米 12S Ultra 有徕卡影像技术加持"
    before = small_tokenizer.tokenize(text)
    clone = pickle.loads(pickle.dumps(small_tokenizer))
    assert clone.tokenize(text) == before
    assert clone.lexicon == small_tokenizer.lexicon


def test_two_tokenizers_never_see_each_others_words() -> None:
    a = Tokenizer(Lexicon([Entry("徕卡", "company")]))
    b = Tokenizer(Lexicon([Entry("影像技术", "product")]))
    text = "有徕卡影像技术加持"
    tokens_a, tokens_b = texts(a.tokenize(text)), texts(b.tokenize(text))
    assert "徕卡" in tokens_a and "影像技术" not in tokens_a
    assert "影像技术" in tokens_b and "徕卡" not in tokens_b
    results: dict[str, list[list[str]]] = {"a": [], "b": []}

    def run(name: str, tok: Tokenizer) -> None:
        for _ in range(30):
            results[name].append(texts(tok.tokenize(text)))

    fresh_a = Tokenizer(Lexicon([Entry("徕卡", "company")]))
    fresh_b = Tokenizer(Lexicon([Entry("影像技术", "product")]))
    threads = [
        threading.Thread(target=run, args=(n, t)) for n, t in (("a", fresh_a), ("b", fresh_b))
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert all(r == tokens_a for r in results["a"])
    assert all(r == tokens_b for r in results["b"])


def test_one_tokenizer_shared_by_threads_builds_once_and_agrees(small_lexicon: Lexicon) -> None:
    tok = Tokenizer(small_lexicon)
    text = "骁龙8+ Gen1 和天玑 9000 谁更强？"
    out: list[list[str]] = []
    threads = [
        threading.Thread(target=lambda: out.append(texts(tok.tokenize(text)))) for _ in range(8)
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(out) == 8 and all(o == out[0] for o in out)


def test_jieba_global_tokenizer_is_untouched(small_lexicon: Lexicon) -> None:
    import jieba

    jieba.dt.check_initialized()
    size, total = len(jieba.dt.FREQ), jieba.dt.total
    for backend in ("jieba", "rjieba"):
        Tokenizer(small_lexicon, backend=backend).tokenize("有徕卡影像技术加持")  # type: ignore[arg-type]
    assert len(jieba.dt.FREQ) == size and jieba.dt.total == total
    assert "徕卡" not in jieba.dt.FREQ


def test_long_text_without_punctuation_is_linear(small_tokenizer: Tokenizer) -> None:
    text = "中" * 200_000 + "小米 12S Ultra" + "徕卡" * 50_000
    doc = small_tokenizer.tokenize(text)
    assert "".join(t.text for t in doc.tokens) == text
    assert len(doc.sentences) == 1


def _tokenize_in_worker(args: tuple[Tokenizer, str]) -> list[tuple[str, str | None]]:
    tok, text = args
    return [(t.text, t.entry.name if t.entry else None) for t in tok.tokenize(text)]


def test_tokenizer_pickles_to_worker_processes(small_lexicon: Lexicon) -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    tok = Tokenizer(small_lexicon)
    text = "小米 12S Ultra 有徕卡影像技术加持"
    expected = _tokenize_in_worker((tok, text))
    with ProcessPoolExecutor(
        max_workers=1, mp_context=multiprocessing.get_context("spawn")
    ) as pool:
        assert list(pool.map(_tokenize_in_worker, [(tok, text)])) == [expected]


def test_capitalised_english_word_aliases_need_the_capital() -> None:
    lex = Lexicon(
        [Entry("Word", "product", ("Microsoft Word",)), Entry("苹果", "company", ("Apple",))]
    )
    tok = Tokenizer(lex)
    entries = {
        t.text: t.entry for t in tok.tokenize("用 Word 打开，word by word；Apple 和 apple pie")
    }
    assert entries["Word"] is not None and entries["Apple"] is not None
    assert entries["word"] is None and entries["apple"] is None


def test_short_all_caps_aliases_need_capitals() -> None:
    tok = Tokenizer(Lexicon([Entry("惠普", "company", ("HP",))]))
    entries = {t.text: t.entry for t in tok.tokenize("HP 笔记本，300 hp 的发动机")}
    assert entries["HP"] is not None and entries["hp"] is None


# ---------------------------------------------------------------------------- Token.oov


@pytest.mark.parametrize("backend", ["rjieba", "jieba"])
def test_words_the_hmm_made_up_are_flagged_oov(small_lexicon: Lexicon, backend: str) -> None:
    # real titles (examples/articles): the HMM glues characters across word boundaries
    tok = _tokenizer(small_lexicon, backend)
    for title, made_up in (
        ("0元换芯开先例，极氪的“黑红”之旅", {"元换", "芯开"}),
        ("150名打工人被AI判定“效率低”遭开除", {"名打"}),
        ("145 元的苹果抛光布脏了？官方教你如何清洗", {"布脏"}),
    ):
        doc = tok.tokenize(title)
        flagged = {t.text for t in doc.tokens if t.oov}
        assert made_up <= flagged, (title, flagged)
        for t in doc.tokens:
            if t.oov:  # only made-up words with letters, never names, numbers or Latin
                assert t.entry is None and not t.is_punct and t.pos not in ("m", "eng")
        # dictionary words, numbers, Latin runs and lexicon names are in vocabulary
        for t in doc.tokens:
            if t.text in {"先例", "工人", "AI", "150", "145", "官方", "苹果", "，", " "}:
                assert not t.oov, t


def test_oov_is_false_without_hmm(small_lexicon: Lexicon) -> None:
    tok = Tokenizer(small_lexicon, hmm=False)
    doc = tok.tokenize("150名打工人被AI判定“效率低”遭开除")
    assert not any(t.oov and len(t.text) > 1 for t in doc.tokens)


def test_both_backends_flag_the_same_oov_words(small_lexicon: Lexicon) -> None:
    text = "0元换芯开先例，极氪的“黑红”之旅。150名打工人被AI判定“效率低”遭开除，小米 12S Ultra 有徕卡。"
    flags = [
        [(t.text, t.oov) for t in _tokenizer(small_lexicon, b).tokenize(text).tokens]
        for b in ("rjieba", "jieba")
    ]
    assert flags[0] == flags[1]


def test_tokens_are_ordinary_frozen_tokens(small_tokenizer: Tokenizer) -> None:
    # tokens are built fast (slot shells given the class Token): check they are the real thing
    import dataclasses

    from newsnlp.text.doc import Sentence, Token

    doc = small_tokenizer.tokenize(
        "小米 12S Ultra 有徕卡影像。0元换芯开先例，license 4800MHz\n下一段"
    )
    for tok in doc.tokens:
        assert type(tok) is Token
        assert tok == Token(**{f.name: getattr(tok, f.name) for f in dataclasses.fields(Token)})
        assert hash(tok) == hash(dataclasses.replace(tok))
        with pytest.raises(dataclasses.FrozenInstanceError):
            tok.start = 0  # type: ignore[misc]
    assert all(type(s) is Sentence for s in doc.sentences)
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.sentences[0].end = 0  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(doc)) == doc


def test_lone_surrogate_raises_a_newsnlp_error_naming_the_offset():
    from newsnlp.errors import NewsNLPError
    from newsnlp.text.tokenizer import Tokenizer

    with pytest.raises(NewsNLPError, match="offset 2"):
        Tokenizer().tokenize("小米\udc80发布")
