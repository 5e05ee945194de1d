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

import bisect
import dataclasses
import functools
import logging
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from newsnlp.errors import InputTypeError, ParseError, describe, invalid_parameter
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

#: Dictionary frequency of lexicon words in the backend: higher than almost every
#: noun (手机 is 4,789 in jieba's dictionary) so a name stays whole next to ordinary
#: words (有徕卡 -> 有 / 徕卡), yet low enough that a clearly better split still wins
#: (平台中 stays 平台 / 中, not 平 / 台中; 北京东路 is not 北 / 京东 / 路). On the XDA
#: corpus every alias occurrence the tokenizer does not keep whole is such a split.
ALIAS_FREQ = 20_000

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

    def cut(self, text: str) -> list[str]:  # pragma: no cover - interface
        """Segment ``text`` into words (the pieces rejoin to it)."""
        raise NotImplementedError

    def tag_of(self, word: str) -> str:  # pragma: no cover - interface
        """The dictionary part of speech of ``word`` ("" when it is not a dictionary word)."""
        raise NotImplementedError

    def has_word(self, word: str) -> bool:  # pragma: no cover - interface
        """True when ``word`` is in the segmenter's dictionary (lexicon words included)."""
        raise NotImplementedError


class _RjiebaBackend(_Backend):
    name = "rjieba"

    def __init__(self, words: list[tuple[str, str]], hmm: bool):
        import rjieba

        self._jieba = rjieba.Jieba()
        for word, pos in words:
            self._jieba.add_word(word, ALIAS_FREQ, pos)
        self._hmm = hmm

    def cut(self, text: str) -> list[str]:
        words: list[str] = self._jieba.cut(text, self._hmm)
        return words

    def tag_of(self, word: str) -> str:
        tagged = self._jieba.tag(word, False)
        return str(tagged[0][1]) if len(tagged) == 1 else ""

    def has_word(self, word: str) -> bool:
        return bool(self._jieba.has_word(word))


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

    def cut(self, text: str) -> list[str]:
        words: list[str] = self._tokenizer.lcut(text, HMM=self._hmm)
        return words

    def tag_of(self, word: str) -> str:
        return self._tags.get(word, "")

    def has_word(self, word: str) -> bool:
        return bool(self._tokenizer.FREQ.get(word))


@dataclass(slots=True)
class _State:
    """What a tokenizer builds on first use (not pickled)."""

    backend: _Backend
    grammar: ProductGrammar
    index: _PrepassIndex
    alias_entries: dict[str, Entry]
    han_entries: dict[str, Entry]
    product_entries: dict[str, Entry]
    rules: dict[str, _Rule]
    word_cache: dict[str, tuple[str, bool, bool, Entry | None, bool]]


_CAPITALISED = re.compile(r"^[A-Z][a-z]+$")
_SHORT_CAPS = re.compile(r"^[A-Z]{2,3}$")
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
_CANDIDATE_LATIN = re.compile(r"[a-z0-9]+")


_Candidate = tuple[str, int, "Entry | None"]  # (lower-cased form, grammar row or -1, entry)


class _PrepassIndex:
    """Finds lexicon aliases with Latin letters/digits/spaces and product models.

    Such a name either starts a Latin word ("Galaxy S22", "Play Store") or is a
    Chinese head glued to Latin or a space ("小米 12S", "红米Note 11", "苹果 M1"), whose
    Chinese part then ends a run of Chinese text. So the tokenizer only asks at Latin
    word starts and at the ends of Chinese runs, and each question looks at the few
    spellings that share the first Latin word or the Chinese head: the cost does not
    grow with the size of the lexicon. Names with neither Latin nor spaces but not
    all Han either ("马克·扎克伯格") are found by a small regex inside Chinese runs.
    """

    def __init__(self, aliases: list[tuple[str, Entry]], grammar: ProductGrammar):
        self.grammar = grammar
        self.latin: dict[str, list[_Candidate]] = {}
        self.heads: dict[str, list[_Candidate]] = {}
        odd: dict[str, Entry] = {}
        # a capitalised English word ("Word", "Edge", "Nothing", "Apple") names the
        # product only when capitalised in the text; "word", "edge" are just words
        self.capitalised: set[str] = set()
        self.all_caps: set[str] = set()
        for surface, entry in aliases:
            for form in _variants(surface):
                if not self._add(form, -1, entry):
                    odd[form] = entry
                if _CAPITALISED.match(form):
                    self.capitalised.add(form.lower())
                elif _SHORT_CAPS.match(form):  # "HP", "GM", "ARM"/"Arm": never "hp", "arm"
                    self.all_caps.add(form.lower())
        for form, row in grammar.heads():
            self._add(form, row, None)
        for table in (self.latin, self.heads):
            for lst in table.values():
                lst.sort(key=lambda t: (-len(t[0]), t[1] < 0))
        self._tries: dict[str, list[_Candidate]] = {}  # Latin word -> its candidates
        self.head_lengths = sorted({len(h) for h in self.heads}, reverse=True)
        self.head_last_chars = frozenset(h[-1] for h in self.heads)
        self.odd_entries = odd
        self.odd_regex = (
            re.compile("|".join(re.escape(f) for f in sorted(odd, key=len, reverse=True)))
            if odd
            else None
        )

    def _add(self, form: str, row: int, entry: Entry | None) -> bool:
        low = form.translate(_ASCII_LOWER)
        if not low:
            return True
        if _is_ascii_alnum(low[0]):
            m = _CANDIDATE_LATIN.match(low)
            key = m.group() if m else low[0]
            self.latin.setdefault(key, []).append((low, row, entry))
            return True
        head = _HEAD.match(low)
        if head is None:
            return False
        if head.end() == len(low) and row < 0:
            return False  # an alias with no Latin or space in it: an "odd" name
        # a product line's Chinese spelling ("小米", "骁龙") is followed by its model
        self.heads.setdefault(head.group(), []).append((low, row, entry))
        return True

    def _best(
        self, text: str, lowered: str, pos: int, tries: list[_Candidate]
    ) -> tuple[int, Entry] | None:
        best_end = -1
        best: Entry | None = None
        n = len(text)
        for form, row, entry in tries:
            if row >= 0:
                mm = self.grammar.match_at(text, pos, row)
                if mm is not None and mm.end > best_end:
                    best_end, best = mm.end, mm.entry
                continue
            end = pos + len(form)
            if end <= best_end or not lowered.startswith(form, pos):
                continue
            if end < n and _is_ascii_alnum(form[-1]) and _is_ascii_alnum(text[end]):
                continue
            if form in self.capitalised and not text[pos].isupper():
                continue
            if form in self.all_caps and not text[pos].isupper():
                continue
            best_end, best = end, entry
        return None if best is None else (best_end, best)

    def at_latin(self, text: str, lowered: str, pos: int, run: str) -> tuple[int, Entry] | None:
        """The longest name starting at the Latin word ``run`` at ``pos``.

        ``lowered`` is ``text`` with ASCII letters lower-cased (same length).
        """
        tries = self.tries_for(lowered[pos : pos + len(run)])
        if not tries:
            return None
        return self._best(text, lowered, pos, tries)

    def tries_for(self, low: str) -> list[_Candidate]:
        """The spellings that may start at a Latin word (lower-cased ``low``), remembered."""
        tries = self._tries.get(low)
        if tries is not None:
            return tries
        m = _CANDIDATE_LATIN.match(low)
        key = m.group() if m else low
        tries = self.latin.get(key) or []
        lead = key.rstrip("0123456789")
        if lead and lead != key:  # "m1" may start "M1 Max", "p50" "P50 Pro"
            more = self.latin.get(lead)
            if more:
                tries = tries + more
        if len(self._tries) > _WORD_CACHE_SIZE:
            self._tries.clear()
        self._tries[low] = tries
        return tries

    def at_run_end(
        self, text: str, lowered: str, start: int, end: int
    ) -> tuple[int, int, Entry] | None:
        """The longest name whose Chinese head ends the run ``text[start:end]``."""
        if end >= len(text) or text[end - 1] not in self.head_last_chars:
            return None
        for length in self.head_lengths:
            if length > end - start:
                continue
            tries = self.heads.get(text[end - length : end])
            if tries:
                found = self._best(text, lowered, end - length, tries)
                if found is not None:
                    return (end - length, found[0], found[1])
        return None


_HEAD = re.compile(r"[^\sA-Za-z0-9]+")


def _is_ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _variants(surface: str) -> set[str]:
    """Spellings to look for: as written, with spaces collapsed and with them removed."""
    one = _SPACES.sub(" ", surface.strip())
    out = {one}
    if " " in one:
        out.add(one.replace(" ", ""))
    return out


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
        grammar = ProductGrammar.default().with_lexicon(self.lexicon)
        index = _PrepassIndex(
            [
                (s, alias_entries[normalize_key(s)])
                for s, _ in self.lexicon.surface_forms()
                if normalize_key(s) in alias_entries
            ],
            grammar,
        )
        name = _resolve_backend(self.backend)
        backend: _Backend = (
            _RjiebaBackend(han_words, self.hmm)
            if name == "rjieba"
            else _JiebaBackend(han_words, self.hmm)
        )
        known = set(alias_entries) | {normalize_key(w) for w in han_entries}
        rules = {k: v for k, v in _ambiguity_rules().items() if k in known}
        logger.debug(
            "built %s tokenizer: %d Chinese words, %d Latin/mixed aliases",
            name,
            len(han_words),
            len(alias_entries),
        )
        return _State(
            backend=backend,
            grammar=grammar,
            index=index,
            alias_entries=alias_entries,
            han_entries=han_entries,
            product_entries=product_entries,
            rules=rules,
            word_cache={},
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
        ParseError
            ``text`` is not valid Unicode (holds an unpaired surrogate).
        """
        if not isinstance(text, str):
            raise InputTypeError(
                f"Tokenizer.tokenize takes a str; got {describe(text)}."
                + (" Decode bytes first." if isinstance(text, (bytes, bytearray)) else "")
            )
        if not text:
            return Doc(text="", tokens=(), sentences=())
        state = self._get_state()
        try:
            tokens = self._tokens(text, state)
        except UnicodeEncodeError as exc:  # the backend needs valid UTF-8: lone surrogates
            raise ParseError(
                f"Tokenizer.tokenize: the text is not valid Unicode (an unpaired surrogate "
                f"{text[exc.start]!r} at offset {exc.start}); decode the source with "
                "errors='replace' or clean it first."
            ) from exc
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

    def _tokens(self, text: str, state: _State) -> list[Token]:
        stop = self.stopwords
        rules = state.rules
        index = state.index
        make = _make_token
        # the pre-pass: finished tokens and, for each Chinese run, a placeholder int
        # (its index in ``piece_starts``) filled in after the one backend call
        items: list[Token | int] = []
        append = items.append
        piece_starts: list[int] = []
        piece_texts: list[str] = []
        odd_regex = index.odd_regex
        if odd_regex is not None and odd_regex.search(text) is None:
            odd_regex = None  # no odd name anywhere: none in any run either
        n = len(text)

        def entity(s: int, e: int, entry: Entry) -> None:
            append(make(text[s:e], s, e, POS_OF_TYPE.get(entry.type, "nz"), False, False, entry))

        def chinese(s: int, e: int) -> None:
            if odd_regex is not None:
                for om in odd_regex.finditer(text, s, e):
                    if om.start() > s:
                        append(len(piece_starts))
                        piece_starts.append(s)
                        piece_texts.append(text[s : om.start()])
                    entity(om.start(), om.end(), index.odd_entries[om.group()])
                    s = om.end()
                if s >= e:
                    return
            append(len(piece_starts))
            piece_starts.append(s)
            piece_texts.append(text[s:e])

        pos = 0
        match = _SEGMENT.match
        lowered = _ascii_lower(text)
        tries_for = index.tries_for
        best = index._best
        at_run_end = index.at_run_end
        head_last_chars = index.head_last_chars
        shell = _Shell
        token_class = Token
        while pos < n:
            m = match(text, pos)
            if m is None:  # pragma: no cover - the pattern matches any character
                raise RuntimeError(f"no segment at offset {pos}")
            kind = m.lastgroup
            end = m.end()
            if kind == "other":
                if end < n and text[end - 1] in head_last_chars:
                    glued = at_run_end(text, lowered, pos, end)
                    if glued is not None:
                        if glued[0] > pos:
                            chinese(pos, glued[0])
                        entity(glued[0], glued[1], glued[2])
                        pos = glued[1]
                        continue
                if odd_regex is None:  # chinese(pos, end), inlined
                    append(len(piece_starts))
                    piece_starts.append(pos)
                    piece_texts.append(m.group())
                else:
                    chinese(pos, end)
                pos = end
                continue
            run = m.group()
            tok = shell()
            if kind == "lat":
                tries = tries_for(lowered[pos:end])
                if tries:  # index.at_latin, inlined: most Latin words start no name
                    found = best(text, lowered, pos, tries)
                    if found is not None:
                        entity(pos, found[0], found[1])
                        pos = found[0]
                        continue
                tok.pos = "m" if run[0].isdigit() else "eng"
                tok.is_stop = run.lower() in stop
                tok.is_punct = False
            else:  # whitespace
                tok.pos = "x"
                tok.is_stop = False
                tok.is_punct = True
            tok.text = run
            tok.start = pos
            tok.end = end
            tok.entry = None
            tok.oov = False
            tok.__class__ = token_class
            append(tok)
            pos = end

        if not piece_texts:
            out: list[Token] = items  # type: ignore[assignment]
        else:
            out = self._merge(items, piece_starts, piece_texts, state)
        if rules:
            ambiguous = _ambiguous_tokens(lowered, out, rules)
            if ambiguous:
                _disambiguate(text, out, ambiguous, rules)
        return out

    def _merge(
        self,
        items: list[Token | int],
        piece_starts: list[int],
        piece_texts: list[str],
        state: _State,
    ) -> list[Token]:
        """Segment the Chinese runs with one backend call and splice their tokens in.

        This loop runs once per token (about 200,000 per MB of news), so it is written
        for speed: each word's POS and flags come from a per-tokenizer cache, and the
        token is filled in as a mutable shell of the same layout that then becomes a
        :class:`Token` (see :func:`_shell_class`), which costs half as much as the
        frozen dataclass ``__init__``.
        """
        backend = state.backend
        words = backend.cut("\n".join(piece_texts))
        cache = state.word_cache
        get = cache.get
        shell = _Shell
        token_class = Token
        stop = self.stopwords
        han_entries = state.han_entries
        out: list[Token] = []
        add = out.append
        remaining = iter(words)
        for item in items:
            if type(item) is not int:
                add(item)  # type: ignore[arg-type]
                continue
            # the words of Chinese run ``item``: up to the joining newline
            p = piece_starts[item]
            for word in remaining:
                if word == "\n":
                    break
                info = get(word)
                if info is None:
                    info = _word_info(word, backend, han_entries.get(word), stop)
                    if len(cache) > _WORD_CACHE_SIZE:
                        cache.clear()
                    cache[word] = info
                tok = shell()
                tok.text = word
                tok.start = p
                p += len(word)
                tok.end = p
                tok.pos, tok.is_stop, tok.is_punct, tok.entry, tok.oov = info
                tok.__class__ = token_class
                add(tok)
            if p != piece_starts[item] + len(piece_texts[item]):  # pragma: no cover
                raise RuntimeError(f"segmenter lost text in {piece_texts[item][:40]!r}")
        if next(remaining, None) is not None:  # pragma: no cover - pieces hold no newline
            raise RuntimeError("segmenter returned more text than it was given")
        return out


#: Words whose POS and flags a tokenizer remembers (cleared when full).
_WORD_CACHE_SIZE = 100_000

_CHINESE_NUMBER = frozenset("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億点.")


def _word_info(
    word: str, backend: _Backend, entry: Entry | None, stop: frozenset[str]
) -> tuple[str, bool, bool, Entry | None, bool]:
    """POS, is_stop, is_punct, entry and oov of a word from the segmenter."""
    wordlike = _is_wordlike(word)
    wpos = backend.tag_of(word)
    oov = False
    if entry is not None:
        wpos = POS_OF_TYPE.get(entry.type, "nz")
    elif wordlike and not _NUMBER.match(word):
        if all(ch in _CHINESE_NUMBER for ch in word):
            wpos = wpos if wpos and wpos != "x" else "m"
        elif not backend.has_word(word):
            oov = True
    if entry is None and (not wpos or wpos == "x"):
        # jieba tags words it found with its HMM "x", like punctuation; call them nouns
        wpos = "x" if not wordlike else ("m" if _NUMBER.match(word) else "n")
    return (wpos, word in stop, not wordlike, entry, oov)


_SPACES = re.compile(r"\s+")

_FIELDS = ("text", "start", "end", "pos", "is_stop", "is_punct", "entry", "oov")


def _shell_class() -> type:
    """Return a mutable class with :class:`Token`'s slot layout.

    A shell is filled in with plain attribute stores and then given the class
    ``Token`` (``shell.__class__ = Token``, allowed because the slot layouts are the
    same). The result is an ordinary frozen ``Token``, equal to and pickled like one
    built by ``Token(...)``, at half the cost of the frozen dataclass ``__init__`` (which
    goes through ``object.__setattr__`` once per field).
    """
    names = tuple(f.name for f in dataclasses.fields(Token))
    if names != _FIELDS or tuple(getattr(Token, "__slots__", ())) != names:  # pragma: no cover
        # a change of the shared record: update _FIELDS and the fills in _merge/make
        raise RuntimeError(f"Token fields changed to {names}; update newsnlp.text.tokenizer")
    shell = type("_TokenShell", (), {"__slots__": names})
    probe = shell()
    for name in names:
        setattr(probe, name, None)
    probe.__class__ = Token  # raises TypeError at import if the layouts ever differ
    return shell


_Shell: Any = _shell_class()


def _token_factory() -> Callable[..., Token]:
    """Return a fast ``make(text, start, end, pos, is_stop, is_punct, entry, oov=False)``."""
    shell = _Shell
    token_class = Token

    def make(
        text: str,
        start: int,
        end: int,
        pos: str,
        is_stop: bool,
        is_punct: bool,
        entry: Entry | None,
        oov: bool = False,
    ) -> Token:
        tok = shell()
        tok.text = text
        tok.start = start
        tok.end = end
        tok.pos = pos
        tok.is_stop = is_stop
        tok.is_punct = is_punct
        tok.entry = entry
        tok.oov = oov
        tok.__class__ = token_class
        return tok

    return make


_make_token = _token_factory()


def _ascii_lower(text: str) -> str:
    """``text`` with only ASCII letters lower-cased (same length, unlike ``str.lower``).

    UTF-8 bytes of non-ASCII characters are all >= 0x80, which ``bytes.lower`` leaves
    alone; this is ten times faster than ``str.translate`` with a table.
    """
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _is_wordlike(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


def _token_start(tok: Token) -> int:
    return tok.start


def _ambiguous_tokens(lowered: str, tokens: list[Token], rules: dict[str, _Rule]) -> list[int]:
    """Indices of the entity tokens whose lower-cased text has an ambiguity rule.

    Finds the rule aliases in the (ASCII-lower-cased) text and looks the tokens up by
    offset, instead of visiting every token: there are a handful of rules (小米, 苹果…).
    """
    found: set[int] = set()
    n = len(tokens)
    if not all(_ascii_lower(a) == a.lower() for a in rules):  # pragma: no cover
        # an alias with non-ASCII capitals (none ship): ASCII lower-casing would miss it
        return [i for i, t in enumerate(tokens) if t.entry is not None and t.text.lower() in rules]
    for alias in rules:
        at = lowered.find(alias)
        while at >= 0:
            i = bisect.bisect_left(tokens, at, key=_token_start)
            if i < n:
                tok = tokens[i]
                if tok.start == at and tok.entry is not None and tok.text.lower() in rules:
                    found.add(i)
            at = lowered.find(alias, at + 1)
    return sorted(found)


def _disambiguate(
    text: str, tokens: list[Token], indices: list[int], rules: dict[str, _Rule]
) -> None:
    for i in indices:
        tok = tokens[i]
        if tok.entry is None:
            continue
        rule = rules.get(tok.text.lower()) or rules.get(normalize_key(tok.text))
        if rule is not None and rule.is_common(text, tok.start, tok.end):
            tokens[i] = _make_token(
                tok.text, tok.start, tok.end, "n", tok.is_stop, tok.is_punct, None, tok.oov
            )
