"""Entity extraction: which companies, brands, products, people, organisations and places
an article talks about, under one canonical name each.

Sources, in order of trust:

1. the lexicon: every token the :class:`~newsnlp.text.tokenizer.Tokenizer` marked with an
   :class:`~newsnlp.text.entry.Entry` (aliases in any script, product models built by the
   tokenizer's grammar such as ``小米 12S Ultra``). The tokenizer already decides whether
   ``苹果``/``小米`` mean the company or the fruit/grain; here a Latin-script alias must also
   stand as a word of its own (``Apple`` in ``Pineapple`` is not Apple).
2. :mod:`newsnlp.analysis.ner_rules` for names the lexicon does not know: people
   (``CEO 雷军``, ``卢伟冰表示``), organisations (``浙商银行``, ``工信部``) and places.
   A name found once is also found at its other occurrences in the same article.

Salience (0–1) of an entity in an article::

    salience = 0.35 * in_title
             + 0.15 * in_lead            # a mention in the first paragraph of the body
             + 0.30 * mentions / max_mentions_in_article
             + 0.20 * (1 - first_offset / len(text))   # 0 when only in the title

so the article's main subjects (in the headline, early, often) come first.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import pandas as pd

from newsnlp._inputs import as_article_docs
from newsnlp.analysis.ner_rules import NameRules
from newsnlp.errors import InputTypeError, describe, invalid_parameter
from newsnlp.schemas import empty_frame, frame_from_records
from newsnlp.text.doc import ArticleDoc, Doc
from newsnlp.text.entry import ENTITY_TYPES, Entry

if TYPE_CHECKING:
    from newsnlp.text.lexicon import Lexicon
    from newsnlp.text.tokenizer import Tokenizer

__all__ = ["EntityExtractor", "EntityResult", "Mention", "extract_entities"]

logger = logging.getLogger(__name__)

_SPACE = re.compile(r"\s+")
_LATIN_CHAR = re.compile(r"[A-Za-z0-9]")
_HAS_LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")
_PLACE_SUFFIXES = ("省", "市")

# Salience weights (see the module docstring).
W_TITLE, W_LEAD, W_FREQ, W_EARLY = 0.35, 0.15, 0.30, 0.20


@dataclass(frozen=True, slots=True)
class EntityResult:
    """The two frames entity extraction returns; unpacks like a tuple.

    >>> mentions, entities = extract_entities("小米 CEO 雷军表示……")  # doctest: +SKIP

    Attributes
    ----------
    mentions : pandas.DataFrame
        Every occurrence, schema ``mentions``: article_id, entity, type, mention, field
        (``"title"``/``"text"``), start, end (character offsets in that field), sentence
        (index of the sentence within the field).
    entities : pandas.DataFrame
        One row per article and entity, schema ``entities``: article_id, entity, type,
        mentions (count), in_title, first_offset (offset of the first mention in the body
        text; null when the entity is only in the title), salience (0–1), sentiment (null;
        filled by :class:`~newsnlp.analysis.sentiment.SentimentScorer`). Sorted by article,
        then salience descending.
    """

    mentions: pd.DataFrame
    entities: pd.DataFrame

    def __iter__(self) -> Iterator[pd.DataFrame]:
        yield self.mentions
        yield self.entities

    def __len__(self) -> int:
        return 2


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention: canonical name, type, the text as written and where it is.

    ``source`` says what found it: ``"lexicon"``, a rule name from
    :mod:`newsnlp.analysis.ner_rules` (``"nr"``, ``"org-suffix"`` …) or ``"propagated"``
    (another occurrence of a name found elsewhere in the article).
    """

    entity: str
    type: str
    mention: str
    field: str
    start: int
    end: int
    sentence: int
    source: str  # "lexicon" or the rule name


class EntityExtractor:
    """Find entity mentions in articles and summarise them per article.

    Parameters
    ----------
    tokenizer : Tokenizer, optional
        The tokenizer articles are tokenized with (only for inputs that are not
        :class:`~newsnlp.text.doc.ArticleDoc` yet). Default: ``Tokenizer(lexicon=lexicon)``,
        built on first use.
    lexicon : Lexicon, optional
        Used to canonicalise names found by the rules and for :meth:`lexicon_frame`.
        Default: the tokenizer's lexicon, else :meth:`Lexicon.default`.
    detect_unknown : bool, default True
        Also find people, organisations and places that are not in the lexicon.
    types : iterable of str, optional
        Keep only these entity types (default: all of ``company, brand, product, person,
        organization, location``).
    lead_chars : int, default 200
        How far into the body the "lead" reaches at least (the first paragraph counts
        whatever its length).

    Examples
    --------
    >>> ex = EntityExtractor()
    >>> mentions, entities = ex.extract("小米 CEO 雷军表示，小米 12S Ultra 有徕卡影像技术加持。")  # doctest: +SKIP
    """

    def __init__(
        self,
        *,
        tokenizer: Tokenizer | None = None,
        lexicon: Lexicon | None = None,
        detect_unknown: bool = True,
        types: Iterable[str] | None = None,
        lead_chars: int = 200,
    ) -> None:
        self.tokenizer = tokenizer
        self.lexicon = lexicon
        self.detect_unknown = detect_unknown
        self.types = types
        self.lead_chars = lead_chars
        self._tokenizer_cache: Tokenizer | None = None
        self._lexicon_cache: Lexicon | None = None
        self._rules_cache: NameRules | None = None

    # --------------------------------------------------------------- plumbing
    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        # caches are rebuilt on first use in the other process
        state["_tokenizer_cache"] = None
        state["_lexicon_cache"] = None
        state["_rules_cache"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:
        return (
            f"EntityExtractor(detect_unknown={self.detect_unknown!r}, types={self.types!r}, "
            f"lead_chars={self.lead_chars!r})"
        )

    def _validate(self) -> frozenset[str]:
        if not isinstance(self.detect_unknown, bool):
            raise invalid_parameter(
                "EntityExtractor", "detect_unknown", "True or False", self.detect_unknown
            )
        if (
            isinstance(self.lead_chars, bool)
            or not isinstance(self.lead_chars, int)
            or self.lead_chars < 0
        ):
            raise invalid_parameter("EntityExtractor", "lead_chars", "an int >= 0", self.lead_chars)
        if self.types is None:
            return frozenset(ENTITY_TYPES)
        types = frozenset([self.types]) if isinstance(self.types, str) else frozenset(self.types)
        unknown = sorted(types - set(ENTITY_TYPES))
        if unknown:
            raise invalid_parameter(
                "EntityExtractor", "types", f"a subset of {list(ENTITY_TYPES)}", unknown
            )
        return types

    def _get_tokenizer(self) -> Tokenizer:
        if self.tokenizer is not None:
            return self.tokenizer
        if self._tokenizer_cache is None:
            from newsnlp.text.tokenizer import Tokenizer

            self._tokenizer_cache = Tokenizer(lexicon=self.lexicon)
        return self._tokenizer_cache

    def _get_lexicon(self) -> Lexicon:
        if self.lexicon is not None:
            return self.lexicon
        if self._lexicon_cache is None:
            lex = getattr(self.tokenizer, "lexicon", None) if self.tokenizer is not None else None
            if lex is None:
                from newsnlp.text.lexicon import Lexicon

                lex = Lexicon.default()
            self._lexicon_cache = lex
        return self._lexicon_cache

    def _get_rules(self) -> NameRules:
        if self._rules_cache is None:
            self._rules_cache = NameRules.default()
        return self._rules_cache

    def lexicon_frame(self) -> pd.DataFrame:
        """Return the lexicon as a frame (entity, type, aliases, parent, company, wikidata).

        Join it to the ``entities`` frame on ``entity`` to get each product's brand
        (``parent``) and company.
        """
        return self._get_lexicon().to_frame()

    def entity_links(self, entities: pd.DataFrame | EntityResult) -> pd.DataFrame:
        """Return how each extracted entity links to its brand and company.

        Products built by the tokenizer's model grammar (``小米 12S Ultra``) are not rows of
        the lexicon; this looks every entity up in the lexicon, else re-reads its canonical
        name with the tokenizer's grammar, so every lexicon or grammar entity gets its links.

        Parameters
        ----------
        entities : DataFrame or EntityResult
            An ``entities`` frame (or the result holding one).

        Returns
        -------
        pandas.DataFrame
            One row per distinct entity: entity, type, parent (brand or owner), company
            (the company ultimately behind it), wikidata. Names the rules found (not in the
            lexicon) have null links.
        """
        frame = entities.entities if isinstance(entities, EntityResult) else entities
        lexicon = self._get_lexicon()
        rows: list[dict[str, Any]] = []
        for name, etype in dict(zip(frame["entity"], frame["type"], strict=True)).items():
            entry = lexicon.get(name) or lexicon.lookup(name)
            if entry is None and etype in ("product", "brand"):
                doc = self._get_tokenizer().tokenize(name)
                hits = [t.entry for t in doc.tokens if t.entry is not None and t.text == name]
                entry = hits[0] if hits else None
            rows.append(
                {
                    "entity": name,
                    "type": etype,
                    "parent": entry.parent if entry else None,
                    "company": entry.company if entry else None,
                    "wikidata": entry.wikidata if entry else None,
                }
            )
        columns = ["entity", "type", "parent", "company", "wikidata"]
        return pd.DataFrame(rows, columns=columns).astype("string")

    # --------------------------------------------------------------- public API
    def extract(self, articles: Any) -> EntityResult:
        """Extract entities from articles.

        Parameters
        ----------
        articles : str, Article, ArticleDoc, list of these, or DataFrame
            A DataFrame needs ``article_id`` and ``text`` (``title`` optional).

        Returns
        -------
        EntityResult
            ``mentions`` (article_id, entity, type, mention, field, start, end, sentence)
            and ``entities`` (article_id, entity, type, mentions, in_title, first_offset,
            salience, sentiment).
        """
        self._validate()
        docs = as_article_docs(articles, self._get_tokenizer(), owner="EntityExtractor.extract")
        return self.extract_docs(docs)

    def extract_docs(self, docs: Iterable[ArticleDoc]) -> EntityResult:
        """Extract entities from already tokenized articles (nothing is re-tokenized).

        Returns
        -------
        EntityResult
            See :meth:`extract`.
        """
        types = self._validate()
        mention_rows: list[dict[str, Any]] = []
        entity_rows: list[dict[str, Any]] = []
        for adoc in docs:
            if not isinstance(adoc, ArticleDoc):
                raise InputTypeError(
                    f"EntityExtractor.extract_docs takes ArticleDocs; got {describe(adoc)}. "
                    "Use extract() for raw articles."
                )
            mentions = [m for m in self.article_mentions(adoc) if m.type in types]
            for m in mentions:
                mention_rows.append(
                    {
                        "article_id": adoc.article_id,
                        "entity": m.entity,
                        "type": m.type,
                        "mention": m.mention,
                        "field": m.field,
                        "start": m.start,
                        "end": m.end,
                        "sentence": m.sentence,
                    }
                )
            entity_rows.extend(self._summarise(adoc, mentions))
        if not mention_rows:
            return EntityResult(empty_frame("mentions"), empty_frame("entities"))
        return EntityResult(
            frame_from_records(mention_rows, "mentions"),
            frame_from_records(entity_rows, "entities"),
        )

    def doc_mentions(self, doc: Doc, *, field: str = "text") -> list[Mention]:
        """Return the mentions in one tokenized text, in reading order (type filter applied)."""
        types = self._validate()
        found = {field: self._doc_mentions(doc, field)}
        if self.detect_unknown:
            self._propagate(((field, doc),), found)
        return [m for m in found[field] if m.type in types]

    # --------------------------------------------------------------- internals
    def article_mentions(self, adoc: ArticleDoc) -> list[Mention]:
        """Return every mention in the title and body of ``adoc``, in reading order."""
        fields = (("title", adoc.title), ("text", adoc.text))
        found: dict[str, list[Mention]] = {}
        for field, doc in fields:
            found[field] = self._doc_mentions(doc, field)
        if self.detect_unknown:
            self._propagate(fields, found)
            self._link_short_names(found)
        return found["title"] + found["text"]

    @staticmethod
    def _link_short_names(found: dict[str, list[Mention]]) -> None:
        """Map a foreign surname alone (穆西) to the full name in the same article (阿蒙德·穆西)."""
        full: dict[str, str] = {}
        for mentions in found.values():
            for m in mentions:
                if m.type == "person" and "·" in m.entity:
                    last = m.entity.rsplit("·", 1)[1]
                    if len(last) >= 2:
                        full.setdefault(last, m.entity)
        if not full:
            return
        for field, mentions in found.items():
            found[field] = [
                replace(m, entity=full[m.entity])
                if m.type == "person" and m.source != "lexicon" and m.entity in full
                else m
                for m in mentions
            ]

    def _doc_mentions(self, doc: Doc, field: str) -> list[Mention]:
        out: list[Mention] = []
        text = doc.text
        for tok in doc.tokens:
            entry = tok.entry
            if entry is None:
                continue
            if not _stands_alone(text, tok.start, tok.end):
                continue  # "Apple" inside "Pineapple"
            out.append(
                self._mention(doc, field, entry.name, entry.type, tok.start, tok.end, "lexicon")
            )
        if self.detect_unknown:
            lexicon = self._get_lexicon()
            taken = [(m.start, m.end) for m in out]
            for span in self._get_rules().find(doc, skip=taken):
                if not _plausible(span.text):
                    continue
                if span.rule == "subsidiary" and span.entity is not None:
                    # 携程商务公司: the whole name is the mention, the known company the entity
                    out = [m for m in out if not (span.start <= m.start and m.end <= span.end)]
                    owner = lexicon.get(span.entity)
                    out.append(
                        self._mention(
                            doc,
                            field,
                            span.entity,
                            owner.type if owner else "company",
                            span.start,
                            span.end,
                            "subsidiary",
                        )
                    )
                    continue
                if span.rule == "dotted-chars":  # 米兰·昆德拉: the place is part of the name
                    out = [
                        m
                        for m in out
                        if not (m.type == "location" and span.start <= m.start < span.end)
                    ]
                if span.rule == "team":  # a place named for its club in a match report
                    out = [m for m in out if (m.start, m.end) != (span.start, span.end)]
                    out.append(
                        self._mention(
                            doc, field, span.text, "organization", span.start, span.end, "team"
                        )
                    )
                    continue
                entry = _lookup(lexicon, span.text, span.type)
                if entry is not None:
                    name, etype = entry.name, entry.type
                else:
                    name, etype = _canonical(span.text, span.type), span.type
                out.append(self._mention(doc, field, name, etype, span.start, span.end, span.rule))
        out.sort(key=lambda m: m.start)
        return out

    @staticmethod
    def _mention(
        doc: Doc, field: str, entity: str, etype: str, start: int, end: int, source: str
    ) -> Mention:
        sentence = max(doc.sentence_of(start), 0)
        return Mention(entity, etype, doc.text[start:end], field, start, end, sentence, source)

    def _propagate(
        self, fields: tuple[tuple[str, Doc], ...], found: dict[str, list[Mention]]
    ) -> None:
        """Add the other occurrences of names the rules found (雷军 after ``CEO 雷军``)."""
        names: dict[str, tuple[str, str]] = {}
        for mentions in found.values():
            for m in mentions:
                if m.source != "lexicon" and len(m.mention) >= 2:
                    names.setdefault(m.mention, (m.entity, m.type))
        if not names:
            return
        for field, doc in fields:
            current = found[field]
            spans = [(m.start, m.end) for m in current]
            bounds_start = {t.start for t in doc.tokens}
            bounds_end = {t.end for t in doc.tokens}
            added: list[Mention] = []
            for surface, (entity, etype) in sorted(names.items(), key=lambda kv: -len(kv[0])):
                pos = doc.text.find(surface)
                while pos >= 0:
                    end = pos + len(surface)
                    if (
                        pos in bounds_start
                        and (end in bounds_end or etype == "person")
                        and not any(pos < e and s < end for s, e in spans)
                    ):
                        m = Mention(
                            entity,
                            etype,
                            surface,
                            field,
                            pos,
                            end,
                            max(doc.sentence_of(pos), 0),
                            "propagated",
                        )
                        added.append(m)
                        spans.append((pos, end))
                    pos = doc.text.find(surface, end)
            if added:
                found[field] = sorted(current + added, key=lambda m: m.start)

    def _summarise(self, adoc: ArticleDoc, mentions: list[Mention]) -> list[dict[str, Any]]:
        if not mentions:
            return []
        text = adoc.text.text
        n_text = max(len(text), 1)
        first_break = text.find("\n")
        lead_end = max(self.lead_chars, first_break if first_break >= 0 else len(text))
        groups: dict[str, list[Mention]] = {}
        for m in mentions:
            groups.setdefault(m.entity, []).append(m)
        max_count = max(len(g) for g in groups.values())
        rows: list[dict[str, Any]] = []
        for entity, group in groups.items():
            type_counts: dict[str, int] = {}
            for m in group:
                type_counts[m.type] = type_counts.get(m.type, 0) + 1
            etype = max(type_counts, key=lambda t: (type_counts[t], t))
            in_title = any(m.field == "title" for m in group)
            body = [m.start for m in group if m.field == "text"]
            first = min(body) if body else None
            in_lead = first is not None and first < lead_end
            early = 0.0 if first is None else 1.0 - first / n_text
            salience = (
                W_TITLE * in_title
                + W_LEAD * in_lead
                + W_FREQ * len(group) / max_count
                + W_EARLY * early
            )
            rows.append(
                {
                    "article_id": adoc.article_id,
                    "entity": entity,
                    "type": etype,
                    "mentions": len(group),
                    "in_title": in_title,
                    "first_offset": first,
                    "salience": round(min(max(salience, 0.0), 1.0), 4),
                    "sentiment": None,
                }
            )
        rows.sort(
            key=lambda r: (
                -r["salience"],
                r["first_offset"] if r["first_offset"] is not None else -1,
                r["entity"],
            )
        )
        return rows


def extract_entities(
    articles: Any,
    *,
    tokenizer: Tokenizer | None = None,
    lexicon: Lexicon | None = None,
    detect_unknown: bool = True,
    types: Iterable[str] | None = None,
) -> EntityResult:
    """Extract entities with a default :class:`EntityExtractor`.

    Parameters
    ----------
    articles : str, Article, ArticleDoc, list of these, or DataFrame
        A DataFrame needs ``article_id`` and ``text`` (``title`` optional).
    tokenizer, lexicon, detect_unknown, types
        As for :class:`EntityExtractor`.

    Returns
    -------
    EntityResult
        A record of two frames that unpacks as ``mentions, entities``:

        - ``mentions``: article_id, entity, type, mention, field, start, end, sentence
        - ``entities``: article_id, entity, type, mentions, in_title, first_offset,
          salience, sentiment (null here)
    """
    return EntityExtractor(
        tokenizer=tokenizer, lexicon=lexicon, detect_unknown=detect_unknown, types=types
    ).extract(articles)


# ------------------------------------------------------------------- helpers
def _stands_alone(text: str, start: int, end: int) -> bool:
    """False when a Latin-script mention is glued to more Latin letters (Pine|apple|)."""
    if start > 0 and _LATIN_CHAR.match(text[start]) and _LATIN_CHAR.match(text[start - 1]):
        return False
    return not (
        end < len(text) and _LATIN_CHAR.match(text[end - 1]) and _LATIN_CHAR.match(text[end])
    )


def _plausible(surface: str) -> bool:
    """Reject single characters, numbers and symbol runs."""
    s = surface.strip()
    return len(s) >= 2 and _HAS_LETTER.search(s) is not None


def _canonical(surface: str, etype: str) -> str:
    """Canonical name of an unknown entity: the surface, whitespace normalised.

    ``GRAID 公司`` becomes ``GRAID``: a Latin-script name followed by a bare company word
    names the same thing as the name alone.
    """
    name = _SPACE.sub(" ", surface).strip()
    if etype == "company":
        m = _LATIN_COMPANY.match(name)
        if m:
            return m.group(1)
    return name


def _lookup(lexicon: Lexicon, surface: str, etype: str) -> Entry | None:
    entry = lexicon.lookup(surface)
    if (
        entry is None
        and etype == "location"
        and surface.endswith(_PLACE_SUFFIXES)
        and len(surface) >= 3
    ):
        entry = lexicon.lookup(surface[:-1])
    if entry is None and etype in ("company", "organization"):
        # 英特尔公司 -> 英特尔, 华为集团 -> 华为
        for suffix in _COMPANY_WORDS:
            if surface.endswith(suffix) and len(surface) > len(suffix) + 1:
                head = lexicon.lookup(surface[: -len(suffix)].strip())
                if head is not None and head.type in ("company", "organization"):
                    return head
    return entry


_COMPANY_WORDS = ("有限公司", "公司", "集团")
_LATIN_COMPANY = re.compile(r"^([A-Za-z][A-Za-z0-9&.\- ]*[A-Za-z0-9])\s*(?:公司|有限公司)$")
