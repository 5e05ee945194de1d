"""The :class:`Tokenizer`: jieba/rjieba segmentation that keeps tech names whole.

How a text is tokenized
-----------------------
1. A pre-pass finds the spans that must stay single tokens whatever the segmenter
   thinks: product models from the grammar (:mod:`newsnlp.text.models`: ``小米 12S
   Ultra``, ``骁龙8+ Gen1``) and every lexicon alias that contains Latin letters,
   digits or spaces (``Galaxy``, ``Play Store``, ``DxOMark``), matched case-insensitively
   and only at Latin word boundaries (``Apple`` is not found in ``Pineapple``). The
   longest match wins.
2. Between those spans, Latin/number runs (``license``, ``4800MHz``, ``i9``) and
   whitespace runs become single tokens, and the remaining (Chinese) spans go to the
   backend segmenter: an ``rjieba.Jieba`` or ``jieba.Tokenizer`` instance owned by
   this tokenizer, whose dictionary has the lexicon's Chinese aliases added with a
   high frequency and the part of speech of their type. jieba's global tokenizer is
   never touched.
3. Tokens naming a lexicon entry get it as ``Token.entry``, except where
   ``data/ambiguous.tsv`` says the context makes the alias a common word (小米粥,
   吃苹果, 国家的荣耀).
4. Sentences are split on ``。！？!?…`` and line breaks.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from newsnlp.errors import InputTypeError, describe, invalid_parameter
from newsnlp.parse.article import Article
from newsnlp.text.doc import ArticleDoc, Doc, Token
from newsnlp.text.entry import Entry
from newsnlp.text.lexicon import Lexicon, normalize_key
from newsnlp.text.models import ProductGrammar
from newsnlp.text.sentences import sentences_for_tokens
from newsnlp.text.stopwords import make_stopwords

__all__ = ["POS_OF_TYPE", "Tokenizer"]

logger = logging.getLogger(__name__)

Backend = Literal["auto", "rjieba", "jieba"]
_BACKENDS = ("auto", "rjieba", "jieba")

#: Part-of-speech tag given to tokens of each entity type.
POS_OF_TYPE: dict[str, str] = {
    "company": "nt",
    "organization": "nt",
    "brand": "nz",
    "product": "nz",
    "person": "nr",
    "location": "ns",
}

#: Dictionary frequency of lexicon words in the backend: high enough that a name
#: stays whole next to ordinary words (有徕卡 -> 有 / 徕卡), low enough that a
#: clearly better split still wins (北京东路 is not 北 / 京东 / 路).
ALIAS_FREQ = 2_000_000

_HAN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_ALNUM = "A-Za-z0-9"
# Segments between entity matches: Latin/number runs, whitespace, everything else.
_SEGMENT = re.compile(
    r"(?P<lat>\d{1,3}(?:,\d{3})+(?:\.\d+)?%?"
    r"|[A-Za-z0-9]+(?:[._'\-+&][A-Za-z0-9]+)*(?:\+|%)?)"
    r"|(?P<ws>\s+)"
    r"|(?P<other>[^\sA-Za-z0-9]+)"
)
_NUMBER = re.compile(r"^[\d.,%]+$")


@dataclass(frozen=True, slots=True)
class _Rule:
    default_common: bool
    common_prev: tuple[str, ...]
    common_next: tuple[str, ...]
    common_context: tuple[str, ...]
    entity_context: tuple[str, ...]

    def is_common(self, text: str, start: int, end: int) -> bool:
        before = text[max(0, start - 8) : start].rstrip()
        after = text[end : end + 8].lstrip()
        if before.endswith(self.common_prev) or after.startswith(self.common_next):
            return True
        window = text[max(0, start - 20) : start] + "\x00" + text[end : end + 20]
        lowered = window.lower()
        if any(cue in lowered for cue in self.entity_context):
            return False
        if any(cue in lowered for cue in self.common_context):
            return True
        return self.default_common


@functools.lru_cache(maxsize=1)
def _ambiguity_rules() -> dict[str, _Rule]:
    text = (resources.files("newsnlp") / "data" / "ambiguous.tsv").read_text(encoding="utf-8")
    rules: dict[str, _Rule] = {}
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            continue
        row = dict(zip(header, fields, strict=False))

        def cues(col: str, row: dict[str, str] = row) -> tuple[str, ...]:
            return tuple(c.strip().lower() for c in row.get(col, "").split("|") if c.strip())

        rules[normalize_key(row["alias"])] = _Rule(
            default_common=row.get("default", "entity").strip() == "common",
            common_prev=cues("common_prev"),
            common_next=cues("common_next"),
            common_context=cues("common_context"),
            entity_context=cues("entity_context"),
        )
    return rules


def _trie_regex(words: Iterable[str]) -> str:
    """Return a regex matching any of ``words`` (lower-cased), longest first, as a trie."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            piece = r"[ \u00a0]?" if ch == " " else re.escape(ch)
            alts.append(piece + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


class _Backend:
    """A segmenter instance with the lexicon's Chinese words added."""

    name: str

    def tag(self, text: str) -> list[tuple[str, str]]:  # pragma: no cover - interface
        raise NotImplementedError


class _RjiebaBackend(_Backend):
    name = "rjieba"

    def __init__(self, words: list[tuple[str, str]], hmm: bool):
        import rjieba

        self._jieba = rjieba.Jieba()
        for word, pos in words:
            self._jieba.add_word(word, ALIAS_FREQ, pos)
        self._hmm = hmm

    def tag(self, text: str) -> list[tuple[str, str]]:
        return self._jieba.tag(text, self._hmm)  # type: ignore[no-any-return,unused-ignore]


class _JiebaBackend(_Backend):
    name = "jieba"

    def __init__(self, words: list[tuple[str, str]], hmm: bool):
        import jieba
        import jieba.posseg

        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        for word, pos in words:
            self._tokenizer.add_word(word, ALIAS_FREQ, pos)
        # only its word -> tag table is used: segmentation is jieba.Tokenizer.cut, the
        # same algorithm rjieba implements, so both backends give the same tokens
        pos_tokenizer = jieba.posseg.POSTokenizer(self._tokenizer)
        self._tags: dict[str, str] = dict(pos_tokenizer.word_tag_tab)
        self._hmm = hmm

    def tag(self, text: str) -> list[tuple[str, str]]:
        tags = self._tags
        return [(w, tags.get(w, "")) for w in self._tokenizer.cut(text, HMM=self._hmm)]


@dataclass(slots=True)
class _State:
    """What a tokenizer builds on first use (not pickled)."""

    backend: _Backend
    grammar: ProductGrammar
    alias_regex: re.Pattern[str] | None
    alias_entries: dict[str, Entry]
    han_entries: dict[str, Entry]
    product_entries: dict[str, Entry]
    rules: dict[str, _Rule]


def _resolve_backend(backend: str) -> str:
    if backend != "auto":
        return backend
    try:
        import rjieba  # noqa: F401
    except ImportError:  # pragma: no cover - rjieba is a dependency
        logger.info("rjieba is not installed; using the jieba backend")
        return "jieba"
    return "rjieba"


class Tokenizer:
    """Segment Chinese tech news into tokens that keep lexicon names and product models whole.

    Parameters
    ----------
    lexicon : Lexicon, optional
        The entities to keep whole and attach to tokens; ``None`` means the shipped
        :meth:`Lexicon.default`.
    backend : {"auto", "rjieba", "jieba"}, default "auto"
        The segmenter for Chinese spans. ``"rjieba"`` (jieba-rs) gives the same tokens as
        ``"jieba"`` several times faster (see ``benchmarks/tokenize_speed.py``); ``"auto"``
        picks it when installed.
    hmm : bool, default True
        Let the segmenter find words missing from its dictionary with its HMM.
    stopwords : iterable of str, optional
        Words flagged ``is_stop``; ``None`` means the shipped list.

    Notes
    -----
    The segmenter is built on first use (well under a second) under a lock, so a
    tokenizer can be shared by threads. Pickling keeps only the parameters; a worker
    process rebuilds the segmenter when it first tokenizes.

    Examples
    --------
    >>> tok = Tokenizer()
    >>> doc = tok.tokenize("小米 12S Ultra 有徕卡影像技术加持")
    >>> doc.tokens[0].text, doc.tokens[0].entry.name
    ('小米 12S Ultra', '小米 12S Ultra')
    """

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        *,
        backend: Backend = "auto",
        hmm: bool = True,
        stopwords: Iterable[str] | None = None,
    ):
        if lexicon is not None and not isinstance(lexicon, Lexicon):
            raise InputTypeError(
                f"The 'lexicon' parameter of Tokenizer must be a newsnlp.Lexicon or None; got "
                f"{describe(lexicon)}. Build one with Lexicon.from_tsv/from_frame/... ."
            )
        if backend not in _BACKENDS:
            raise invalid_parameter("Tokenizer", "backend", f"one of {_BACKENDS}", backend)
        if not isinstance(hmm, bool):
            raise invalid_parameter("Tokenizer", "hmm", "a bool", hmm)
        self.lexicon: Lexicon = lexicon if lexicon is not None else Lexicon.default()
        self.backend: str = backend
        self.hmm: bool = hmm
        self.stopwords: frozenset[str] = make_stopwords(stopwords)
        self._lock = threading.Lock()
        self._state: _State | None = None

    # ------------------------------------------------------------------ pickling
    def __getstate__(self) -> dict[str, Any]:
        return {
            "lexicon": self.lexicon,
            "backend": self.backend,
            "hmm": self.hmm,
            "stopwords": self.stopwords,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.lexicon = state["lexicon"]
        self.backend = state["backend"]
        self.hmm = state["hmm"]
        self.stopwords = state["stopwords"]
        self._lock = threading.Lock()
        self._state = None

    def __repr__(self) -> str:
        return f"Tokenizer(lexicon={self.lexicon!r}, backend={self.backend!r}, hmm={self.hmm})"

    # ------------------------------------------------------------------ building
    @property
    def backend_(self) -> str:
        """The backend in use (``"rjieba"`` or ``"jieba"``); builds the segmenter."""
        return self._get_state().backend.name

    def _get_state(self) -> _State:
        state = self._state
        if state is None:
            with self._lock:
                if self._state is None:
                    self._state = self._build()
                state = self._state
        return state

    def _build(self) -> _State:
        han_words: list[tuple[str, str]] = []
        han_entries: dict[str, Entry] = {}
        alias_entries: dict[str, Entry] = {}
        product_entries: dict[str, Entry] = {}
        for surface, entry in self.lexicon.surface_forms():
            pos = POS_OF_TYPE.get(entry.type, "nz")
            if entry.type == "product":
                product_entries[entry.name] = entry
            if _HAN.match(surface):
                if len(surface) >= 2:
                    han_words.append((surface, pos))
                    han_entries[surface] = entry
            elif len(surface.strip()) >= 2 or not surface.isascii():
                alias_entries[normalize_key(surface)] = entry
        forms = {_SPACES.sub(" ", s.strip()).lower() for s, e in self.lexicon.surface_forms()
                 if normalize_key(s) in alias_entries}
        alias_regex = None
        if forms:
            edge = rf"(?:(?<![{_ALNUM}])|(?![{_ALNUM}]))"
            alias_regex = re.compile(edge + "(?:" + _trie_regex(forms) + ")" + edge, re.IGNORECASE)
        name = _resolve_backend(self.backend)
        backend: _Backend = (
            _RjiebaBackend(han_words, self.hmm) if name == "rjieba" else _JiebaBackend(han_words, self.hmm)
        )
        known = set(alias_entries) | {normalize_key(w) for w in han_entries}
        rules = {k: v for k, v in _ambiguity_rules().items() if k in known}
        logger.debug(
            "built %s tokenizer: %d Chinese words, %d Latin/mixed aliases",
            name, len(han_words), len(alias_entries),
        )
        return _State(
            backend=backend,
            grammar=ProductGrammar.default(),
            alias_regex=alias_regex,
            alias_entries=alias_entries,
            han_entries=han_entries,
            product_entries=product_entries,
            rules=rules,
        )

    # ------------------------------------------------------------------ tokenizing
    def tokenize(self, text: str) -> Doc:
        """Tokenize ``text``.

        Parameters
        ----------
        text : str
            Any text; empty text gives an empty :class:`Doc`.

        Returns
        -------
        Doc
            Tokens (rejoining exactly to ``text``) and sentences.

        Raises
        ------
        InputTypeError
            ``text`` is not a string.
        """
        if not isinstance(text, str):
            raise InputTypeError(
                f"Tokenizer.tokenize takes a str; got {describe(text)}."
                + (" Decode bytes first." if isinstance(text, (bytes, bytearray)) else "")
            )
        if not text:
            return Doc(text="", tokens=(), sentences=())
        state = self._get_state()
        tokens = self._tokens(text, state)
        return Doc(text=text, tokens=tuple(tokens), sentences=sentences_for_tokens(text, tokens))

    def tokenize_article(self, article: Article) -> ArticleDoc:
        """Tokenize an article's title and text separately.

        Returns
        -------
        ArticleDoc
            ``title`` and ``text`` Docs, and the article's id.
        """
        if not isinstance(article, Article):
            raise InputTypeError(
                f"Tokenizer.tokenize_article takes a newsnlp.Article; got {describe(article)}. "
                "Use tokenize() for a plain string."
            )
        return ArticleDoc(
            article_id=article.id,
            title=self.tokenize(article.title),
            text=self.tokenize(article.text),
        )

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Tokenize ``texts`` one by one, lazily."""
        if isinstance(texts, str):
            raise InputTypeError("Tokenizer.pipe takes an iterable of strings, not one string.")
        for text in texts:
            yield self.tokenize(text)

    def _entities(self, text: str, state: _State) -> list[tuple[int, int, Entry]]:
        found: list[tuple[int, int, Entry]] = []
        for m in state.grammar.finditer(text):
            entry = state.product_entries.get(m.entry.name, m.entry)
            found.append((m.start, m.end, entry))
        if state.alias_regex is not None:
            get = state.alias_entries.get
            for am in state.alias_regex.finditer(text):
                e = get(normalize_key(am.group()))
                if e is not None:
                    found.append((am.start(), am.end(), e))
        if not found:
            return found
        found.sort(key=lambda t: (t[0], t[0] - t[1]))
        out: list[tuple[int, int, Entry]] = []
        last = 0
        for start, end, entry in found:
            if start >= last:
                out.append((start, end, entry))
                last = end
        return out

    def _tokens(self, text: str, state: _State) -> list[Token]:
        stop = self.stopwords
        han_entries = state.han_entries
        rules = state.rules
        tag = state.backend.tag
        tokens: list[Token] = []
        append = tokens.append

        def gap(a: int, b: int) -> None:
            for m in _SEGMENT.finditer(text, a, b):
                kind = m.lastgroup
                s, e = m.start(), m.end()
                piece = m.group()
                if kind == "lat":
                    pos = "m" if piece[0].isdigit() else "eng"
                    append(Token(piece, s, e, pos, piece.lower() in stop, False, None))
                elif kind == "ws":
                    append(Token(piece, s, e, "x", False, True, None))
                else:
                    pos_i = s
                    for word, wpos in tag(piece):
                        end = pos_i + len(word)
                        entry = han_entries.get(word)
                        if entry is not None:
                            wpos = POS_OF_TYPE.get(entry.type, "nz")
                        elif not wpos or wpos == "x":
                            wpos = "x" if not _is_wordlike(word) else ("m" if _NUMBER.match(word) else "n")
                        append(
                            Token(word, pos_i, end, wpos, word in stop,
                                  not _is_wordlike(word), entry)
                        )
                        pos_i = end
                    if pos_i != e:  # pragma: no cover - backends return exact substrings
                        raise RuntimeError(f"segmenter lost text in {piece[:40]!r}")

        cursor = 0
        for s, e, entry in self._entities(text, state):
            if s > cursor:
                gap(cursor, s)
            append(Token(text[s:e], s, e, POS_OF_TYPE.get(entry.type, "nz"), False, False, entry))
            cursor = e
        if cursor < len(text):
            gap(cursor, len(text))
        if rules:
            _disambiguate(text, tokens, rules)
        return tokens


_SPACES = re.compile(r"\s+")


def _is_wordlike(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def _disambiguate(text: str, tokens: list[Token], rules: dict[str, _Rule]) -> None:
    for i, tok in enumerate(tokens):
        if tok.entry is None:
            continue
        rule = rules.get(tok.text.lower())
        if rule is None:
            rule = rules.get(normalize_key(tok.text))
        if rule is not None and rule.is_common(text, tok.start, tok.end):
            tokens[i] = Token(tok.text, tok.start, tok.end, "n", tok.is_stop, tok.is_punct, None)

