"""A grammar of product models: product lines followed by model tokens.

Product models are too many to list (``小米 12S Ultra``, ``Redmi Note 11E Pro+``,
``骁龙 8+ Gen 1``, ``i9-12900K`` ...) and new ones appear every week, so they are
recognised by a grammar instead: a *product line* (``data/product_lines.tsv``: its
spellings, brand and company and the *kind* of model that follows it) plus a model
pattern of that kind plus optional suffix words (Pro, Max, Ultra, 至尊版 ...).

Each match becomes an :class:`~newsnlp.text.entry.Entry` of type ``product`` with a
canonical spelling (``Xiaomi 12s ultra`` and ``小米12S Ultra`` both give
``小米 12S Ultra``; ``骁龙8+ Gen1`` gives ``骁龙 8+ Gen 1``), ``parent`` the brand and
``company`` the company.

>>> g = ProductGrammar.default()
>>> [(m.start, m.end, m.entry.name) for m in g.finditer("新款骁龙8+ Gen1 手机")]
[(2, 11, '骁龙 8+ Gen 1')]
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from newsnlp.errors import LexiconError
from newsnlp.text.entry import Entry

if TYPE_CHECKING:
    from newsnlp.text.lexicon import Lexicon

__all__ = ["KINDS", "ModelMatch", "ProductGrammar", "ProductLine"]

# A number must not be a quantity: "小米 10 亿", "iPhone 13 台", "小米 12 月".
_NOT_QUANTITY = (
    r"(?!\s?(?:[年月日号周天亿万千百元块个家款台部只位名次倍岁亩斤寸分秒%％]|小时|英寸))"
)
# ... nor a size/unit: "小米 12GB", "Redmi 120W".
_NOT_UNIT = r"(?!(?i:gb|tb|mb|hz|mhz|ghz|mah|nm|mm|mp|fps|w(?![a-z])|k(?![a-z])|p(?![a-z])))"
_END = r"(?![A-Za-z0-9])"

_PHONE_SUFFIX = (
    r"(?:[ \u00a0]?(?:(?i:pro\+|pro|max|ultra|plus|mini|lite|se|fe|5g|neo|fold|flip|turbo|prime"
    r"|rs|gt|explorer|pocket|ii|iii|iv|v)" + _END + r"|\+|至尊版|青春版|活力版|典藏版|标准版|探索版"
    r"|冠军版|竞速版|性能版|天玑版|骁龙版|保时捷设计|非凡大师)){0,3}"
)
_CHIP_SUFFIX = r"(?:[ \u00a0-]?(?:(?i:plus|pro|max|ultra|5g)" + _END + r"|\+)){0,2}"
_GPU_SUFFIX = r"(?:[ \u00a0]?(?i:ti|super|xtx|xt)" + _END + r"){0,2}"
_M_SUFFIX = r"(?:[ \u00a0]?(?i:pro|max|ultra)" + _END + r")?"


@dataclass(frozen=True, slots=True)
class _Kind:
    """What follows a product line: the model pattern and its suffixes."""

    body: str  # may use named groups; they are stripped in the combined regex
    body_glued: str  # body when the line's join is 'none' (the line ends in the series letter)
    suffix: str
    line_optional: bool = False


_NUMBER = (
    r"(?P<num>(?:[A-Za-z]{1,3})?\d{1,3}" + _NOT_UNIT + r"[A-Za-z]{0,2})" + _END + _NOT_QUANTITY
)
_DIGITS = r"(?P<num>\d{1,3}" + _NOT_UNIT + r"[A-Za-z]{0,2})" + _END + _NOT_QUANTITY

#: Model grammars by kind name (the ``kind`` column of ``product_lines.tsv``).
KINDS: dict[str, _Kind] = {
    "number": _Kind(_NUMBER, _DIGITS, _PHONE_SUFFIX),
    "pixel": _Kind(_NUMBER, _DIGITS, _PHONE_SUFFIX),
    "xiaomi": _Kind(
        r"(?:(?P<word>(?i:mix(?:[ \u00a0]?fold)?|civi))(?:[ \u00a0]?(?P<wnum>\d{1,2}[A-Za-z]?))?"
        + _END
        + r"|"
        + _NUMBER
        + r")",
        _DIGITS,
        _PHONE_SUFFIX,
    ),
    "iphone": _Kind(
        r"(?P<num>\d{1,2}|(?i:xr|xs|x|se))" + _END + _NOT_QUANTITY, _DIGITS, _PHONE_SUFFIX
    ),
    "snapdragon": _Kind(
        r"(?:(?P<tier>[4-8])(?P<plus>\+|[ \u00a0]?(?i:plus))?[ \u00a0]?(?i:gen)[ \u00a0]?"
        r"(?P<gen>\d)|(?P<cx>(?i:8cx))(?:[ \u00a0]?(?i:gen)[ \u00a0]?(?P<cxgen>\d))?"
        r"|(?P<num>\d{3})(?:[ \u00a0]?(?P<g>5G))?)" + _END,
        r"(?!)",
        _CHIP_SUFFIX,
    ),
    "chip": _Kind(r"(?P<num>\d{3,4}[A-Za-z]{0,2})" + _END, r"(?!)", _CHIP_SUFFIX),
    "apple_silicon": _Kind(r"(?!)", r"(?P<num>[1-5])" + _END, _M_SUFFIX),
    "intel_core": _Kind(
        r"(?P<num>(?i:i[3579])[- ]?\d{4,5}[A-Za-z]{0,3})" + _END, r"(?!)", "", line_optional=True
    ),
    "ryzen": _Kind(
        r"(?P<tier>[3579])[ \u00a0]?(?P<num>\d{4}[A-Za-z]{0,2}(?:3D)?)" + _END, r"(?!)", ""
    ),
    "gpu": _Kind(r"(?P<num>\d{3,4}(?:(?i:ti|xtx|xt))?)" + _END, r"(?!)", _GPU_SUFFIX),
    "version": _Kind(
        r"(?P<num>\d{1,2}(?:\.\d{1,2}){0,2}[A-Za-z]?)" + _END + r"(?!\.\d)" + _NOT_QUANTITY,
        r"(?!)",
        "",
    ),
    "tesla": _Kind(r"(?P<num>[3YSX])" + _END, r"(?!)", ""),
}

_CASE = {
    "pro": "Pro",
    "pro+": "Pro+",
    "max": "Max",
    "ultra": "Ultra",
    "plus": "Plus",
    "mini": "mini",
    "lite": "Lite",
    "se": "SE",
    "fe": "FE",
    "5g": "5G",
    "neo": "Neo",
    "fold": "Fold",
    "flip": "Flip",
    "turbo": "Turbo",
    "prime": "Prime",
    "rs": "RS",
    "gt": "GT",
    "explorer": "Explorer",
    "ii": "II",
    "iii": "III",
    "iv": "IV",
    "v": "V",
    "ti": "Ti",
    "super": "Super",
    "xt": "XT",
    "xtx": "XTX",
    "mix": "MIX",
    "civi": "Civi",
    "magic": "Magic",
    "x": "X",
    "xr": "XR",
    "xs": "XS",
    "gen": "Gen",
    "pocket": "Pocket",
}
_SUFFIX_TOKEN = re.compile(r"\+|[A-Za-z]+\+?|\d[A-Za-z0-9]*|[^\sA-Za-z0-9+-]+")
_GROUP_NAME = re.compile(r"\(\?P<[a-z]+>")


@dataclass(frozen=True, slots=True)
class ProductLine:
    """One row of ``product_lines.tsv``."""

    line: str
    aliases: tuple[str, ...]
    brand: str | None
    company: str | None
    kind: str
    join: str = "space"
    case: str = "ignore"


@dataclass(frozen=True, slots=True)
class ModelMatch:
    """A product model found in a text: ``text[start:end]`` names ``entry``."""

    start: int
    end: int
    entry: Entry


def _model_token(token: str, *, lower_suffix: bool = False) -> str:
    """Canonical spelling of a model token: ``12s`` -> ``12S``, ``neo6`` -> ``Neo 6``."""
    m = re.fullmatch(r"([A-Za-z]*)(\d+(?:\.\d+)*)([A-Za-z]*)", token)
    if m is None:
        return _CASE.get(token.lower(), token)
    prefix, digits, tail = m.groups()
    if len(prefix) >= 3:
        prefix = _CASE.get(prefix.lower(), prefix[0].upper() + prefix[1:].lower()) + " "
    else:
        prefix = prefix.upper()
    if tail:
        tail = tail.lower() if lower_suffix and tail.lower() == "a" else tail.upper()
    return f"{prefix}{digits}{tail}"


def _suffixes(text: str) -> str:
    out = ""
    for tok in _SUFFIX_TOKEN.findall(text):
        if tok == "+":
            out += "+"
        else:
            out += " " + _CASE.get(tok.lower(), tok)
    return out


class ProductGrammar:
    """Finds product models in text.

    Parameters
    ----------
    lines : sequence of ProductLine
        The product lines; :meth:`default` reads ``data/product_lines.tsv``.
    """

    def __init__(self, lines: tuple[ProductLine, ...] | list[ProductLine]):
        self.lines: tuple[ProductLine, ...] = tuple(lines)
        self._patterns: list[str] = []
        self._cache: dict[str, Entry] = {}
        for pl in self.lines:
            kind = KINDS.get(pl.kind)
            if kind is None:
                raise LexiconError(
                    f"Product line {pl.line!r} has kind {pl.kind!r}; expected one of "
                    f"{', '.join(sorted(KINDS))}."
                )
            self._patterns.append(self._row_pattern(pl, kind))
        # compiled on first use: a tokenizer only pays for the lines its texts contain
        self._row_regex: list[re.Pattern[str] | None] = [None] * len(self.lines)
        self._regex: re.Pattern[str] | None = None

    def _row(self, i: int) -> re.Pattern[str]:
        rx = self._row_regex[i]
        if rx is None:
            rx = self._row_regex[i] = re.compile(self._patterns[i])
        return rx

    @staticmethod
    def _row_pattern(pl: ProductLine, kind: _Kind) -> str:
        forms = sorted({pl.line, *pl.aliases}, key=len, reverse=True)
        alts = []
        for form in forms:
            esc = re.escape(form).replace(r"\ ", r"[ \u00a0]?")
            # 'exact' guards short words ("P", "M", "Find"); a longer spelling with a
            # brand in it ("OPPO Find", "Oppo Find") is safe in any case
            if pl.case == "ignore" or " " in form:
                esc = f"(?i:{esc})"
            if re.match(r"[A-Za-z0-9]", form):
                esc = r"(?<![A-Za-z0-9])" + esc
            alts.append(esc)
        lines = "(?:" + "|".join(alts) + ")"
        if pl.join == "none":
            body = kind.body_glued if kind.body_glued != r"(?!)" else kind.body
            sep = r"[ \u00a0]?"
        else:
            body = kind.body
            sep = r"[ \u00a0]?"
        head = f"(?:{lines}{sep})?" if kind.line_optional else f"{lines}{sep}"
        if kind.line_optional:
            head = r"(?<![A-Za-z0-9])" + head
        return f"(?P<line>{head})(?P<body>{body})(?P<suffix>{kind.suffix})"

    @classmethod
    def default(cls) -> ProductGrammar:
        """The grammar of the product lines shipped in ``data/product_lines.tsv``."""
        return _default_grammar()

    @classmethod
    def from_tsv(cls, path: str | PathLike[str]) -> ProductGrammar:
        """Read product lines from a TSV file with the columns of ``product_lines.tsv``."""
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LexiconError(f"Product-line file {path}: cannot be read ({exc}).") from exc
        return cls(_parse_lines(text, str(path)))

    def with_lexicon(self, lexicon: Lexicon) -> ProductGrammar:
        """Return this grammar adapted to ``lexicon``.

        A line whose canonical spelling (or its leading words) is a brand of the lexicon
        also starts with that brand's aliases (``HUAWEI Mate 50`` from the alias
        ``HUAWEI Mate`` of ``Mate``), and products take their company from the lexicon's
        brand, so grammar products and lexicon entries agree.
        """
        return _grammar_for(self, lexicon)

    def heads(self) -> Iterator[tuple[str, int]]:
        """Yield ``(form, row)``: each spelling a model of row ``row`` can start with.

        Used to find candidate positions quickly; :meth:`match_at` confirms them.
        """
        for i, pl in enumerate(self.lines):
            for form in {pl.line, *pl.aliases}:
                yield form, i
            if KINDS[pl.kind].line_optional and pl.kind == "intel_core":
                yield "i", i  # a bare "i9-12900K"

    def match_at(self, text: str, pos: int, row: int) -> ModelMatch | None:
        """Return the model of row ``row`` starting exactly at ``pos``, if there is one."""
        m = self._row(row).match(text, pos)
        if m is None:
            return None
        entry = self._entry(row, m.group())
        return None if entry is None else ModelMatch(m.start(), m.end(), entry)

    def finditer(self, text: str) -> Iterator[ModelMatch]:
        """Yield the product models of ``text``, left to right, not overlapping."""
        if self._regex is None:
            parts = [f"(?P<r{i}>{_GROUP_NAME.sub('(?:', p)})" for i, p in enumerate(self._patterns)]
            self._regex = re.compile("|".join(parts)) if parts else re.compile(r"(?!)")
        for m in self._regex.finditer(text):
            group = m.lastgroup
            if group is None:  # pragma: no cover - every alternative is a named group
                continue
            i = int(group[1:])
            surface = m.group(group)
            entry = self._entry(i, surface)
            if entry is not None:
                yield ModelMatch(m.start(), m.end(), entry)

    def _entry(self, i: int, surface: str) -> Entry | None:
        key = f"{i}\x00{surface}"
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        pl = self.lines[i]
        m = self._row(i).fullmatch(surface)
        if m is None:  # pragma: no cover - the combined regex matched the same pattern
            return None
        name = self._canonical(pl, m)
        entry = Entry(name=name, type="product", parent=pl.brand, company=pl.company)
        if len(self._cache) < 100_000:
            self._cache[key] = entry
        return entry

    @staticmethod
    def _canonical(pl: ProductLine, m: re.Match[str]) -> str:
        g = m.groupdict()
        sep = "" if pl.join == "none" else " "
        suffix = _suffixes(g.get("suffix") or "")
        if pl.kind == "snapdragon":
            if g.get("tier"):
                plus = "+" if g.get("plus") else ""
                body = f"{g['tier']}{plus} Gen {g['gen']}"
            elif g.get("cx"):
                body = "8cx" + (f" Gen {g['cxgen']}" if g.get("cxgen") else "")
            else:
                body = g["num"] + (" 5G" if g.get("g") else "")
        elif pl.kind == "xiaomi" and g.get("word"):
            word = " ".join(_CASE.get(w.lower(), w) for w in g["word"].split())
            word = word.replace("MIXFold", "MIX Fold").replace("MIXfold", "MIX Fold")
            if word.lower().replace(" ", "") == "mixfold":
                word = "MIX Fold"
            body = word + (" " + _model_token(g["wnum"]) if g.get("wnum") else "")
        elif pl.kind == "intel_core":
            num = g["num"].replace(" ", "-")
            if num[2] != "-":
                num = num[:2] + "-" + num[2:]
            body = num[0].lower() + num[1:].upper()
        elif pl.kind == "gpu":
            m2 = re.fullmatch(r"(\d+)([A-Za-z]*)", g["num"])
            digits, tail = (m2.group(1), m2.group(2)) if m2 else (g["num"], "")
            body = digits + (" " + _CASE.get(tail.lower(), tail) if tail else "")
        elif pl.kind == "ryzen":
            body = f"{g['tier']} {g['num'].upper()}"
        elif pl.kind == "version":
            body = g["num"]
        elif pl.kind == "iphone":
            body = _CASE.get(g["num"].lower(), g["num"])
        else:
            body = _model_token(g["num"], lower_suffix=pl.kind == "pixel")
        return f"{pl.line}{sep}{body}{suffix}"


def _parse_lines(text: str, source: str) -> list[ProductLine]:
    header: list[str] | None = None
    out: list[ProductLine] = []
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = [f.strip() for f in raw.split("\t")]
        if header is None:
            header = fields
            if header[:5] != ["line", "aliases", "brand", "company", "kind"]:
                raise LexiconError(
                    f"Product-line file {source}, line {lineno}: expected the header "
                    "'line aliases brand company kind join case' (tab-separated)."
                )
            continue
        row: Mapping[str, str] = dict(zip(header, fields, strict=False))
        kind = row.get("kind", "")
        if kind not in KINDS:
            raise LexiconError(
                f"Product-line file {source}, line {lineno}: kind {kind!r}; expected one of "
                f"{', '.join(sorted(KINDS))}."
            )
        join = row.get("join") or "space"
        case = row.get("case") or "ignore"
        if join not in ("space", "none") or case not in ("ignore", "exact"):
            raise LexiconError(
                f"Product-line file {source}, line {lineno}: join must be 'space' or 'none' and "
                f"case 'ignore' or 'exact'; got join={join!r}, case={case!r}."
            )
        if not row.get("line"):
            raise LexiconError(f"Product-line file {source}, line {lineno}: empty 'line'.")
        out.append(
            ProductLine(
                line=row["line"],
                aliases=tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip()),
                brand=row.get("brand") or None,
                company=row.get("company") or None,
                kind=kind,
                join=join,
                case=case,
            )
        )
    return out


@functools.lru_cache(maxsize=8)
def _grammar_for(grammar: ProductGrammar, lexicon: Lexicon) -> ProductGrammar:
    rows: list[ProductLine] = []
    by_last_word: dict[str, list[str]] = {}
    for form, entry in lexicon.surface_forms():
        if entry.type in ("brand", "product") and " " in form.strip():
            by_last_word.setdefault(form.split()[-1].lower(), []).append(form)
    for pl in grammar.lines:
        brand, company = pl.brand, pl.company
        brand_entry = lexicon.get(brand) if brand else None
        if brand_entry is not None:
            company = brand_entry.company or company
        elif company is not None and lexicon.get(company) is not None:
            brand = company  # the lexicon lacks the line: the company is the parent
        aliases = set(pl.aliases)
        # "OPPO Find" (a lexicon brand) also starts a model of the line "Find"
        for form in by_last_word.get(pl.line.split(" ")[-1].lower(), ()):
            low = form.lower()
            if len(form) > len(pl.line) + 1 and low.endswith(pl.line.lower()):
                aliases.add(form)
        words = pl.line.split(" ")
        for k in range(len(words), 0, -1):
            head = " ".join(words[:k])
            head_entry = lexicon.get(head)
            if head_entry is not None and head_entry.type in ("brand", "product"):
                rest = pl.line[len(head) :]
                aliases.update(a + rest for a in head_entry.aliases if len(a) >= 2)
        rows.append(
            dataclasses.replace(
                pl, brand=brand, company=company, aliases=tuple(sorted(aliases - {pl.line}))
            )
        )
    return ProductGrammar(rows)


@functools.lru_cache(maxsize=1)
def _default_grammar() -> ProductGrammar:
    text = (resources.files("newsnlp") / "data" / "product_lines.tsv").read_text(encoding="utf-8")
    return ProductGrammar(_parse_lines(text, "newsnlp/data/product_lines.tsv"))
