"""The :class:`Lexicon`: an immutable set of named entities and their surface forms.

A lexicon is a value. Every method that "changes" one (:meth:`Lexicon.merge`,
:meth:`Lexicon.with_entries`) returns a new lexicon and leaves the old one as it was,
so two tokenizers built on two lexicons never see each other's words.

Shipped data lives in ``newsnlp/data/lexicon/*.tsv`` (see ``data/SOURCES.md``); users
load their own entries from TSV, CSV, YAML or a DataFrame and merge them in::

    lex = Lexicon.default() | Lexicon.from_tsv("my_names.tsv", base=Lexicon.default())

File format (TSV; CSV is the same with commas): UTF-8, ``#`` starts a comment line, the
first other line is the header ``entity  type  aliases  parent  wikidata``; ``aliases``
are separated by ``|``; empty fields are allowed; ``parent`` is another entry's
canonical name.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsnlp.errors import InputTypeError, LexiconError, describe
from newsnlp.text.entry import ENTITY_TYPES, Entry

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Lexicon", "normalize_key"]

logger = logging.getLogger(__name__)

#: Columns of a lexicon file and of :meth:`Lexicon.from_frame` input.
COLUMNS: tuple[str, ...] = ("entity", "type", "aliases", "parent", "wikidata")

_WIKIDATA = re.compile(r"^Q[1-9][0-9]*$")
_SPACE = re.compile(r"\s+")


def normalize_key(surface: str) -> str:
    """Return the lookup key of a surface form.

    Width is folded (NFKC: ``ｉＰｈｏｎｅ`` -> ``iphone``), Latin case is folded and
    whitespace is removed, so ``小米 12S``, ``小米12s`` and ``XIAOMI`` find the same
    entries as ``小米12S`` and ``Xiaomi``.
    """
    return _SPACE.sub("", unicodedata.normalize("NFKC", surface)).casefold()


def _clean(value: Any) -> str:
    """Return a stripped string for a cell; missing values (None, NaN, NA) become ""."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return ""
    return str(value).strip()


def _split_aliases(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts: Iterable[Any] = value.split("|")
    elif isinstance(value, Iterable):
        parts = value
    else:
        parts = [value] if _clean(value) else []
    out: dict[str, None] = {}
    for part in parts:
        text = _clean(part)
        if text:
            out.setdefault(_SPACE.sub(" ", text), None)
    return tuple(out)


class Lexicon:
    """An immutable collection of :class:`~newsnlp.text.entry.Entry` records.

    Parameters
    ----------
    entries : iterable of Entry
        The entries. Each ``company`` left as ``None`` is filled in by walking the
        ``parent`` chain up to the first entry of type ``company``.

    Raises
    ------
    LexiconError
        An entry has an empty name or an unknown type, two entries share a name, a
        ``parent`` names no entry of this lexicon, parents form a cycle, or one alias
        (compared case- and width-insensitively, spaces ignored) belongs to two
        different entries. The message names both entries, and the file and line
        when they were read from a file.

    Examples
    --------
    >>> from newsnlp.text.entry import Entry
    >>> lex = Lexicon([Entry("小米", "company", ("Xiaomi",)),
    ...                Entry("Redmi", "brand", ("红米",), parent="小米")])
    >>> lex.lookup("xiaomi").name
    '小米'
    >>> lex.lookup("红米").company
    '小米'
    """

    __slots__ = ("_by_key", "_by_name", "_entries", "_hash", "_is_default", "_origins")

    _entries: tuple[Entry, ...]
    _by_name: dict[str, Entry]
    _by_key: dict[str, Entry]
    _origins: dict[str, str]
    _is_default: bool
    _hash: int | None

    def __init__(self, entries: Iterable[Entry] = (), *, _origins: Mapping[str, str] | None = None):
        if isinstance(entries, (str, bytes, Entry)) or not isinstance(entries, Iterable):
            raise InputTypeError(
                f"Lexicon() takes an iterable of Entry records; got {describe(entries)}. "
                "Use Lexicon.from_tsv/from_csv/from_yaml/from_frame to load a file or frame."
            )
        origins = dict(_origins or {})
        raw = list(entries)
        by_name: dict[str, Entry] = {}
        for i, entry in enumerate(raw):
            if not isinstance(entry, Entry):
                raise InputTypeError(
                    f"Lexicon() takes Entry records; item {i} is {describe(entry)}."
                )
            where = _where(origins, entry.name)
            if not isinstance(entry.name, str) or not entry.name.strip():
                raise LexiconError(f"Lexicon entry {i}{where} has an empty name.")
            if entry.type not in ENTITY_TYPES:
                raise LexiconError(
                    f"Lexicon entry {entry.name!r}{where} has type {entry.type!r}; expected one "
                    f"of {', '.join(ENTITY_TYPES)}."
                )
            if entry.name in by_name:
                raise LexiconError(
                    f"Lexicon entry {entry.name!r} is defined twice"
                    f"{_where(origins, entry.name, 'first at ')}; merge its aliases into one entry."
                )
            by_name[entry.name] = entry
        for entry in raw:
            if entry.parent is not None and entry.parent not in by_name:
                raise LexiconError(
                    f"Lexicon entry {entry.name!r}{_where(origins, entry.name)} has parent "
                    f"{entry.parent!r}, which is not an entry of this lexicon. Add the parent "
                    "entry, or load the file with base=Lexicon.default()."
                )
        resolved: dict[str, Entry] = {}
        for name, entry in by_name.items():
            company = (
                entry.company if entry.company is not None else _company_of(entry, by_name, origins)
            )
            resolved[name] = entry if company == entry.company else _replace(entry, company=company)
        by_key: dict[str, Entry] = {}
        for entry in resolved.values():
            for form in entry.surface_forms:
                key = normalize_key(form)
                if not key:
                    continue
                other = by_key.get(key)
                if other is not None and other.name != entry.name:
                    raise LexiconError(
                        f"Alias {form!r} belongs to two lexicon entries: {other.name!r}"
                        f"{_where(origins, other.name)} and {entry.name!r}"
                        f"{_where(origins, entry.name)}. Keep it on one of them."
                    )
                by_key[key] = entry
        # the canonical name always wins its own key (an alias equal to its own name is fine)
        self._entries = tuple(resolved.values())
        self._by_name = resolved
        self._by_key = by_key
        self._origins = origins
        self._is_default = False
        self._hash = None

    # ------------------------------------------------------------------ builders
    @classmethod
    def default(cls) -> Lexicon:
        """Return the lexicon shipped with newsnlp (loaded once, then shared: it is immutable)."""
        return _default_lexicon()

    @classmethod
    def from_tsv(cls, path: str | PathLike[str], *, base: Lexicon | None = None) -> Lexicon:
        """Load entries from a tab-separated file.

        Parameters
        ----------
        path : str or path-like
            UTF-8 file with the header ``entity  type  aliases  parent  wikidata``.
        base : Lexicon, optional
            Entries the file builds on (its ``parent`` names may refer to them). The
            result is ``base`` merged with the file's entries.

        Raises
        ------
        LexiconError
            The file is missing, not UTF-8, lacks the header, or a line is malformed;
            the message names the file and line.
        """
        return cls._from_delimited(path, "\t", base=base)

    @classmethod
    def from_csv(cls, path: str | PathLike[str], *, base: Lexicon | None = None) -> Lexicon:
        """Load entries from a comma-separated file (same columns as :meth:`from_tsv`)."""
        return cls._from_delimited(path, ",", base=base)

    @classmethod
    def from_yaml(cls, path: str | PathLike[str], *, base: Lexicon | None = None) -> Lexicon:
        """Load entries from YAML: a list of mappings with ``entity`` (or ``name``), ``type``,
        ``aliases`` (a list or a ``|``-separated string), ``parent`` and ``wikidata``."""
        import yaml

        text = _read_text(path)
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise LexiconError(f"Lexicon file {path}: not valid YAML: {exc}") from exc
        if isinstance(data, Mapping) and "entities" in data:
            data = data["entities"]
        if not isinstance(data, list):
            raise LexiconError(
                f"Lexicon file {path}: expected a list of entries (mappings with 'entity' and "
                f"'type'), got {type(data).__name__}."
            )
        rows: list[tuple[int, Mapping[str, Any]]] = []
        for i, item in enumerate(data, start=1):
            if not isinstance(item, Mapping):
                raise LexiconError(
                    f"Lexicon file {path}, entry {i}: expected a mapping, got {describe(item)}."
                )
            row = dict(item)
            if "entity" not in row and "name" in row:
                row["entity"] = row.pop("name")
            rows.append((i, row))
        return cls._from_rows(rows, source=str(path), unit="entry", base=base)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, *, base: Lexicon | None = None) -> Lexicon:
        """Build a lexicon from a DataFrame with columns ``entity`` and ``type`` and
        optionally ``aliases`` (list or ``|``-separated string), ``parent``, ``wikidata``.

        A frame from :meth:`to_frame` round-trips (its ``company`` column is recomputed).
        """
        import pandas as pd

        if not isinstance(frame, pd.DataFrame):
            raise InputTypeError(f"Lexicon.from_frame takes a DataFrame; got {describe(frame)}.")
        missing = [c for c in ("entity", "type") if c not in frame.columns]
        if missing:
            raise LexiconError(
                f"Lexicon.from_frame: the frame lacks column(s) {missing}; it needs 'entity' and "
                f"'type' (and optionally 'aliases', 'parent', 'wikidata'). Columns present: "
                f"{list(frame.columns)}."
            )
        cols = [c for c in COLUMNS if c in frame.columns]
        rows = [
            (i, dict(zip(cols, values, strict=True)))
            for i, values in enumerate(frame[cols].itertuples(index=False, name=None))
        ]
        return cls._from_rows(rows, source="DataFrame", unit="row", base=base)

    @classmethod
    def _from_delimited(
        cls, path: str | PathLike[str], delimiter: str, *, base: Lexicon | None
    ) -> Lexicon:
        rows = _rows_of_delimited(_read_text(path), delimiter, str(path))
        return cls._from_rows(rows, source=str(path), unit="line", base=base)

    @classmethod
    def _from_rows(
        cls,
        rows: Sequence[tuple[int, Mapping[str, Any]]],
        *,
        source: str,
        unit: str,
        base: Lexicon | None,
    ) -> Lexicon:
        entries, origins = _entries_of_rows(rows, source=source, unit=unit)
        if base is not None:
            if not isinstance(base, Lexicon):
                raise InputTypeError(f"'base' must be a Lexicon; got {describe(base)}.")
            return base._merged(entries, origins)
        return cls(entries, _origins=origins)

    # ------------------------------------------------------------------ combining
    def merge(self, other: Lexicon) -> Lexicon:
        """Return a new lexicon with the entries of both.

        An entry of ``other`` with the same canonical name as one of ``self`` replaces
        it (so users can correct a shipped entry). Neither input changes.
        """
        if not isinstance(other, Lexicon):
            raise InputTypeError(f"Lexicon.merge takes a Lexicon; got {describe(other)}.")
        return self._merged(other._entries, other._origins)

    def __or__(self, other: object) -> Lexicon:
        if not isinstance(other, Lexicon):
            return NotImplemented
        return self.merge(other)

    def with_entries(self, *entries: Entry) -> Lexicon:
        """Return a new lexicon with ``entries`` added (replacing entries of the same name)."""
        for e in entries:
            if not isinstance(e, Entry):
                raise InputTypeError(
                    f"Lexicon.with_entries takes Entry records; got {describe(e)}."
                )
        return self._merged(entries, {})

    def _merged(self, entries: Iterable[Entry], origins: Mapping[str, str]) -> Lexicon:
        new = {e.name: e for e in entries}
        # companies are recomputed: a replaced parent may change them
        combined = [
            _replace(e, company=None) if e.type != "company" else e
            for e in [*(x for x in self._entries if x.name not in new), *new.values()]
        ]
        merged_origins = {**self._origins, **origins}
        return Lexicon(combined, _origins=merged_origins)

    # ------------------------------------------------------------------ queries
    def lookup(self, surface: str) -> Entry | None:
        """Return the entry that ``surface`` names, or ``None`` when no entry has that form.

        Matching ignores Latin case, character width and whitespace.
        """
        if not isinstance(surface, str):
            raise InputTypeError(f"Lexicon.lookup takes a string; got {describe(surface)}.")
        return self._by_key.get(normalize_key(surface))

    def get(self, name: str) -> Entry | None:
        """Return the entry whose canonical name is ``name`` exactly, or ``None``."""
        return self._by_name.get(name)

    def origin(self, name: str) -> str | None:
        """Return where entry ``name`` was read from (``"file, line n"``), when known."""
        return self._origins.get(name)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """All entries, in load order."""
        return self._entries

    def surface_forms(self) -> Iterator[tuple[str, Entry]]:
        """Yield ``(surface, entry)`` for every canonical name and alias."""
        for entry in self._entries:
            for form in entry.surface_forms:
                yield form, entry

    def to_frame(self) -> pd.DataFrame:
        """Return the lexicon as a DataFrame, one row per entry.

        Returns
        -------
        pandas.DataFrame
            Columns: ``entity`` (canonical name), ``type``, ``aliases`` (list of str),
            ``parent`` (canonical name or null), ``company`` (the company ultimately
            behind the entry, or null), ``wikidata`` (id or null).
        """
        import pandas as pd
        import pyarrow as pa

        es = self._entries
        return pd.DataFrame(
            {
                "entity": pd.Series([e.name for e in es], dtype="string"),
                "type": pd.Series([e.type for e in es], dtype="string"),
                "aliases": pd.Series(
                    [list(e.aliases) for e in es], dtype=pd.ArrowDtype(pa.list_(pa.string()))
                ),
                "parent": pd.Series([e.parent for e in es], dtype="string"),
                "company": pd.Series([e.company for e in es], dtype="string"),
                "wikidata": pd.Series([e.wikidata for e in es], dtype="string"),
            }
        )

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Entry):
            return self._by_name.get(item.name) == item
        if isinstance(item, str):
            return normalize_key(item) in self._by_key
        return False

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Lexicon):
            return NotImplemented
        return set(self._entries) == set(other._entries)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._entries))
        return self._hash

    def __repr__(self) -> str:
        counts: dict[str, int] = {}
        for e in self._entries:
            counts[e.type] = counts.get(e.type, 0) + 1
        detail = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
        return f"Lexicon({len(self)} entries{': ' + detail if detail else ''})"

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(self, "_hash") and name != "_hash":
            raise AttributeError("Lexicon is immutable; use merge() or with_entries()")
        object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple[Any, ...]:
        # the shipped lexicon travels to worker processes as a reference, not as data
        if self._is_default:
            return (_default_lexicon, ())
        return (_rebuild, (self._entries, self._origins))


def _rebuild(entries: tuple[Entry, ...], origins: dict[str, str]) -> Lexicon:
    return Lexicon(entries, _origins=origins)


def _replace(entry: Entry, *, company: str | None) -> Entry:
    return dataclasses.replace(entry, company=company)


def _where(origins: Mapping[str, str], name: str, prefix: str = "") -> str:
    where = origins.get(name)
    return f" ({prefix}{where})" if where else ""


def _company_of(
    entry: Entry, by_name: Mapping[str, Entry], origins: Mapping[str, str]
) -> str | None:
    seen: list[str] = []
    current: Entry | None = entry
    while current is not None:
        if current.type == "company":
            return current.name
        if current.name in seen:
            chain = " -> ".join([*seen, current.name])
            raise LexiconError(
                f"Lexicon entry {entry.name!r}{_where(origins, entry.name)}: parents form a "
                f"cycle ({chain})."
            )
        seen.append(current.name)
        current = by_name.get(current.parent) if current.parent is not None else None
    return None


def _read_text(path: str | PathLike[str]) -> str:
    if not isinstance(path, (str, PathLike)):
        raise InputTypeError(f"A lexicon path must be a str or path-like; got {describe(path)}.")
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise LexiconError(f"Lexicon file {path}: cannot be read ({exc.strerror or exc}).") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LexiconError(
            f"Lexicon file {path}, line {line}: not UTF-8 ({exc.reason} at byte {exc.start})."
        ) from exc


@functools.lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    folder = resources.files("newsnlp") / "data" / "lexicon"
    entries: list[Entry] = []
    origins: dict[str, str] = {}
    files = (
        sorted((f for f in folder.iterdir() if f.name.endswith(".tsv")), key=lambda f: f.name)
        if folder.is_dir()
        else []
    )
    for f in files:
        source = f"newsnlp/data/lexicon/{f.name}"
        text = f.read_bytes().decode("utf-8-sig")
        part, part_origins = _entries_of_rows(
            _rows_of_delimited(text, "\t", source), source=source, unit="line"
        )
        for e in part:
            if e.name in origins:
                raise LexiconError(
                    f"Shipped lexicon: entity {e.name!r} at {part_origins[e.name]} is already "
                    f"defined at {origins[e.name]}."
                )
        entries.extend(part)
        origins.update(part_origins)
    lex = Lexicon(entries, _origins=origins)
    object.__setattr__(lex, "_is_default", True)
    logger.debug("loaded the shipped lexicon: %r", lex)
    return lex


def _rows_of_delimited(text: str, delimiter: str, source: str) -> list[tuple[int, dict[str, str]]]:
    kind = "TSV" if delimiter == "\t" else "CSV"
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t") if delimiter == "\t" else next(csv.reader(io.StringIO(line)))
        if header is None:
            header = [f.strip().lower() for f in fields]
            if header[:2] != ["entity", "type"] or not set(header) <= set(COLUMNS):
                raise LexiconError(
                    f"Lexicon file {source}, line {lineno}: expected the {kind} header "
                    f"{delimiter.join(COLUMNS)!r} (columns entity, type, aliases, parent, "
                    f"wikidata), got {line[:80]!r}."
                )
            continue
        if len(fields) > len(header):
            if any(f.strip() for f in fields[len(header) :]):
                raise LexiconError(
                    f"Lexicon file {source}, line {lineno}: {len(fields)} fields, expected at "
                    f"most {len(header)} ({', '.join(header)}). Is there a stray "
                    f"{'tab' if delimiter == chr(9) else 'comma'} in a field?"
                )
            fields = fields[: len(header)]
        rows.append((lineno, dict(zip(header, fields, strict=False))))
    if header is None:
        raise LexiconError(f"Lexicon file {source}: no header line and no entries.")
    return rows


def _entries_of_rows(
    rows: Sequence[tuple[int, Mapping[str, Any]]], *, source: str, unit: str
) -> tuple[list[Entry], dict[str, str]]:
    entries: list[Entry] = []
    origins: dict[str, str] = {}
    for n, row in rows:
        where = f"{source}, {unit} {n}"
        name = _SPACE.sub(" ", _clean(row.get("entity")))
        etype = _clean(row.get("type")).lower()
        if not name:
            raise LexiconError(f"Lexicon {where}: the 'entity' field is empty.")
        if etype not in ENTITY_TYPES:
            raise LexiconError(
                f"Lexicon {where}: entity {name!r} has type {etype!r}; expected one of "
                f"{', '.join(ENTITY_TYPES)}."
            )
        wikidata = _clean(row.get("wikidata")) or None
        if wikidata is not None and not _WIKIDATA.match(wikidata):
            raise LexiconError(
                f"Lexicon {where}: wikidata {wikidata!r} of {name!r} is not a Wikidata id "
                "like 'Q1636958'."
            )
        if name in origins:
            raise LexiconError(
                f"Lexicon {where}: entity {name!r} is already defined at {origins[name]}."
            )
        origins[name] = where
        entries.append(
            Entry(
                name=name,
                type=etype,
                aliases=tuple(a for a in _split_aliases(row.get("aliases")) if a != name),
                parent=_SPACE.sub(" ", _clean(row.get("parent"))) or None,
                wikidata=wikidata,
            )
        )
    return entries, origins
