"""Property tests of the Tokenizer (hypothesis): rejoin, offsets, lexicon names stay whole."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsnlp.text.lexicon import Lexicon
from newsnlp.text.tokenizer import Tokenizer

LEXICON = Lexicon.default()
TOKENIZER = Tokenizer(LEXICON)
ENTRIES = [e for e in LEXICON if e.type != "location"] or list(LEXICON)

# real-looking text: Chinese, Latin, digits, punctuation, spaces, emoji, control characters
_ALPHABET = st.sampled_from(
    list("的了是在小米手机发布新款芯片性能华为苹果荣耀徕卡屏幕电池影像系统平台中国")
    + list("abcXYZ019 .-+_/%，。！？、：“”（）\n\t")
    + ["\u3000", "\x00", "\x07", "😀", "🇨🇳", "ｉＰｈｏｎｅ", "é", "\u200b"]
)
TEXT = st.lists(_ALPHABET, max_size=80).map("".join) | st.text(max_size=60)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_tokens_rejoin_to_the_input_with_valid_contiguous_offsets(text: str) -> None:
    doc = TOKENIZER.tokenize(text)
    assert doc.text == text
    assert "".join(t.text for t in doc.tokens) == text
    pos = 0
    for t in doc.tokens:
        assert t.text, "no empty tokens"
        assert t.start == pos and t.end == t.start + len(t.text)
        assert text[t.start : t.end] == t.text
        pos = t.end
    assert pos == len(text)
    # sentences tile the tokens
    k = 0
    for s in doc.sentences:
        assert s.token_start == k and s.token_end > s.token_start
        assert (
            s.start == doc.tokens[s.token_start].start and s.end == doc.tokens[s.token_end - 1].end
        )
        k = s.token_end
    assert k == len(doc.tokens)


_CONTEXT = st.sampled_from(
    ["", "据悉，", "我们认为", "今天", "新款", "和", "。", " ", "的", "（", "“", "\n", "a "]
)


@SETTINGS
@given(
    entry_index=st.integers(min_value=0, max_value=len(ENTRIES) - 1),
    alias_index=st.integers(min_value=0, max_value=50),
    before=_CONTEXT,
    after=st.sampled_from(["", "发布了新品。", "的市场份额", "，", " 表示", "。", "\n", "和华为"]),
)
def test_any_lexicon_entry_inserted_into_a_sentence_comes_back_as_one_token(
    entry_index: int, alias_index: int, before: str, after: str
) -> None:
    entry = ENTRIES[entry_index]
    forms = entry.surface_forms
    surface = forms[alias_index % len(forms)]
    text = before + surface + after
    doc = TOKENIZER.tokenize(text)
    start = len(before)
    covering = [t for t in doc.tokens if t.start <= start < t.end]
    assert covering, text
    tok = covering[0]
    # the name is one token (or part of a longer name the grammar/lexicon prefers)
    assert tok.start <= start and tok.end >= start + len(surface), (text, [t.text for t in doc])
    if tok.text == surface and tok.entry is not None:
        assert LEXICON.lookup(surface) == tok.entry
