"""Validate the shipped tech lexicon files and measure their coverage of the real corpus.

Standalone on purpose: it parses ``src/newsnlp/data/lexicon/*.tsv`` with its own tiny
parser so it can check the data while the real ``Lexicon`` loader is written in parallel.

Checks (any failure makes the exit status 1):

- every data line has exactly 5 tab-separated columns
  (``entity  type  aliases  parent  wikidata``) after one header line;
- ``type`` is one of company, brand, product, person, organization, location;
- no empty canonical names or empty aliases, no duplicate canonical names;
- every ``parent`` is itself a canonical name somewhere in the lexicon;
- no surface form (canonical name or alias; Latin compared case-insensitively) denotes
  two different entities across all files;
- ``wikidata`` is empty or ``Q`` followed by digits, and no Q-id is used twice.

Then it prints counts by type and file, and coverage:

- rsshub articles (all 253) and a sample of xda-zh articles that mention at least one entity;
- the most-mentioned entities;
- for checking only: the share of THUOCL IT / car / caijing entries and of the
  ecommerce_ner brand dictionaries that are a surface form of the lexicon (these lists are
  evaluation data; nothing from them is copied into the lexicon);
- with ``--missing``: frequent capitalised Latin tokens in the corpus the lexicon lacks
  (a to-do list for curators, most are ordinary words).

Run::

    python benchmarks/lexicon_coverage.py [--shared ../shared] [--xda 2000]
"""

from __future__ import annotations

import argparse
import collections
import glob
import gzip
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

TYPES = ("company", "brand", "product", "person", "organization", "location")
HEADER = ["entity", "type", "aliases", "parent", "wikidata"]
REPO = Path(__file__).resolve().parents[1]
LEXICON_DIR = REPO / "src" / "newsnlp" / "data" / "lexicon"
LATIN_RE = re.compile(r"[A-Za-z]")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")


@dataclass(frozen=True, slots=True)
class Row:
    file: str
    line: int
    entity: str
    type: str
    aliases: tuple[str, ...]
    parent: str
    wikidata: str


def fold(surface: str) -> str:
    """Key a surface form the way the loader does: NFKC width folding, Latin case folded,
    whitespace removed (so ``Redmi Book`` and ``RedmiBook`` are one form)."""
    return "".join(unicodedata.normalize("NFKC", surface).split()).casefold()


def spaced(surface: str) -> str:
    """A surface form for building the matcher: NFKC, case folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", surface).split()).casefold()


def parse(path: Path, errors: list[str]) -> list[Row]:
    rows: list[Row] = []
    header_seen = False
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            where = f"{path.name}:{lineno}"
            if not header_seen:
                header_seen = True
                if cols != HEADER:
                    errors.append(f"{where}: header is {cols!r}, expected {HEADER!r}")
                continue
            if len(cols) != 5:
                errors.append(f"{where}: {len(cols)} columns, expected 5: {line!r}")
                continue
            entity, etype, aliases, parent, qid = (c.strip() for c in cols)
            if cols[0] != entity or any(c != c.strip() for c in cols):
                errors.append(f"{where}: stray whitespace around a column: {line!r}")
            if not entity:
                errors.append(f"{where}: empty entity name")
                continue
            if etype not in TYPES:
                errors.append(f"{where}: unknown type {etype!r} for {entity!r}")
            alias_list = tuple(a.strip() for a in aliases.split("|")) if aliases else ()
            if any(not a for a in alias_list):
                errors.append(f"{where}: empty alias in {aliases!r}")
            if qid and not QID_RE.match(qid):
                errors.append(f"{where}: wikidata {qid!r} is not a Q-id")
            rows.append(Row(path.name, lineno, entity, etype, alias_list, parent, qid))
    if not header_seen:
        errors.append(f"{path.name}: no header line")
    return rows


def validate(rows: list[Row], errors: list[str], warnings: list[str]) -> None:
    by_name: dict[str, Row] = {}
    for r in rows:
        if r.entity in by_name:
            o = by_name[r.entity]
            errors.append(
                f"{r.file}:{r.line}: duplicate canonical name {r.entity!r} "
                f"(also {o.file}:{o.line})"
            )
        by_name[r.entity] = r
    surface: dict[str, Row] = {}
    for r in rows:
        for s in (r.entity, *r.aliases):
            key = fold(s)
            o = surface.get(key)
            if o is not None and o.entity != r.entity:
                errors.append(
                    f"{r.file}:{r.line}: surface form {s!r} of {r.entity!r} also denotes "
                    f"{o.entity!r} ({o.file}:{o.line})"
                )
            elif o is not None:
                warnings.append(
                    f"{r.file}:{r.line}: {s!r} repeats another form of {r.entity!r} "
                    "(the loader ignores case, width and spaces)"
                )
            surface.setdefault(key, r)
            if s.isascii() and len(s) <= 2:
                warnings.append(f"{r.file}:{r.line}: very short Latin form {s!r} ({r.entity})")
            if not LATIN_RE.search(s) and len(s) == 1:
                warnings.append(f"{r.file}:{r.line}: one-character form {s!r} ({r.entity})")
    qids: dict[str, Row] = {}
    for r in rows:
        if r.parent:
            if r.parent not in by_name:
                errors.append(f"{r.file}:{r.line}: parent {r.parent!r} of {r.entity!r} is no entry")
            elif r.parent == r.entity:
                errors.append(f"{r.file}:{r.line}: {r.entity!r} is its own parent")
        if r.wikidata:
            if r.wikidata in qids:
                errors.append(
                    f"{r.file}:{r.line}: {r.wikidata} used by {r.entity!r} and "
                    f"{qids[r.wikidata].entity!r}"
                )
            qids[r.wikidata] = r
    # parent cycles
    for r in rows:
        seen = {r.entity}
        p = r.parent
        while p and p in by_name:
            if p in seen:
                errors.append(f"{r.file}:{r.line}: parent cycle through {r.entity!r}")
                break
            seen.add(p)
            p = by_name[p].parent


def _trie_regex(forms: list[str]) -> str:
    """A regex equivalent to the alternation of ``forms`` but fast: a character trie."""
    trie: dict = {}
    for f in forms:
        node = trie
        for ch in f:
            node = node.setdefault(ch, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        alts = []
        for ch in sorted(k for k in node if k):
            atom = r"\s*" if ch == " " else re.escape(ch)
            alts.append(atom + emit(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return emit(trie)


def build_matcher(rows: list[Row]) -> tuple[list[re.Pattern[str]], dict[str, str]]:
    """Trie regexes over all surface forms; Latin ends need non-Latin neighbours.

    Forms are grouped by whether they start / end with a Latin letter, so the word-boundary
    look-arounds apply exactly to the forms that need them; within a group the trie gives
    the longest match.
    """
    to_entity: dict[str, str] = {}
    forms: set[str] = set()
    for r in rows:
        for s in (r.entity, *r.aliases):
            to_entity.setdefault(fold(s), r.entity)
            forms.add(spaced(s))
    groups: dict[tuple[bool, bool], list[str]] = collections.defaultdict(list)
    for f in forms:
        groups[(bool(LATIN_RE.match(f[0])), bool(LATIN_RE.match(f[-1])))].append(f)
    patterns = []
    for (left, right), forms in groups.items():
        rx = "(?:" + _trie_regex(forms) + ")"
        if left:
            rx = r"(?<![A-Za-z0-9])" + rx
        if right:
            rx = rx + r"(?![A-Za-z])"
        patterns.append(re.compile(rx, re.IGNORECASE))
    return patterns, to_entity


def entities_in(text: str, patterns: list[re.Pattern[str]], to_entity: dict[str, str]) -> set[str]:
    out = set()
    for pattern in patterns:
        for m in pattern.finditer(text):
            key = fold(m.group(0))
            if key in to_entity:
                out.add(to_entity[key])
    return out


def strip_front_matter(text: str) -> str:
    """Drop a Hexo post's YAML front matter (its author/category fields name the site)."""
    text = text.lstrip()
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :]
    return text


def strip_markup(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    return text


def load_corpus(shared: Path, xda_n: int) -> dict[str, list[str]]:
    rss = [
        strip_markup(strip_front_matter(Path(f).read_text(encoding="utf-8")))
        for f in sorted(glob.glob(str(shared / "corpus" / "rsshub" / "**" / "*.md"), recursive=True))
    ]
    xda: list[str] = []
    xda_path = shared / "corpus" / "xda-zh.jsonl.gz"
    if xda_n and xda_path.exists():
        with gzip.open(xda_path, "rt", encoding="utf-8") as fh:
            lines = fh.readlines()
        step = max(1, len(lines) // xda_n)
        xda = [strip_markup(json.loads(x)["markdown"]) for x in lines[::step][:xda_n]]
    return {"rsshub": rss, "xda-zh": xda}


def read_wordlist(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        w = line.split("\t")[0].strip()
        if w:
            out.append(w)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--xda", type=int, default=2000, help="xda-zh articles to sample (0: none)")
    ap.add_argument("--top", type=int, default=40, help="most-mentioned entities to list")
    ap.add_argument("--missing", type=int, default=0, help="list N frequent Latin tokens not in lexicon")
    args = ap.parse_args(argv)

    errors: list[str] = []
    warnings: list[str] = []
    rows: list[Row] = []
    files = sorted(LEXICON_DIR.glob("*.tsv"))
    for path in files:
        rows.extend(parse(path, errors))
    validate(rows, errors, warnings)

    print(f"# Lexicon files: {', '.join(p.name for p in files)}")
    counts = collections.Counter((r.file, r.type) for r in rows)
    print(f"\n| file | {' | '.join(TYPES)} | total | with wikidata |")
    print("|---|" + "---:|" * (len(TYPES) + 2))
    for path in files:
        per = [counts[(path.name, t)] for t in TYPES]
        wd = sum(1 for r in rows if r.file == path.name and r.wikidata)
        print(f"| {path.name} | {' | '.join(map(str, per))} | {sum(per)} | {wd} |")
    tot = [sum(counts[(p.name, t)] for p in files) for t in TYPES]
    n_alias = sum(len(r.aliases) for r in rows)
    print(f"| **all** | {' | '.join(map(str, tot))} | {sum(tot)} | "
          f"{sum(1 for r in rows if r.wikidata)} |")
    print(f"\nentities {len(rows)}, aliases {n_alias}, surface forms {len(rows) + n_alias}, "
          f"with parent {sum(1 for r in rows if r.parent)}")

    print(f"\n## Validation: {len(errors)} error(s), {len(warnings)} warning(s)")
    for e in errors:
        print("ERROR", e)
    for w in warnings[:50]:
        print("warn ", w)
    if len(warnings) > 50:
        print(f"warn  ... {len(warnings) - 50} more")

    # Cross-check with the real loader when it is importable (it is written in parallel).
    try:
        from newsnlp.text.lexicon import Lexicon
    except ImportError as exc:  # pragma: no cover - depends on the work tree
        print(f"\nreal loader not importable ({exc}); standalone checks only")
    else:
        t0 = time.perf_counter()
        try:
            lex = Lexicon.default()
        except Exception as exc:  # report whatever the loader rejects
            errors.append(f"newsnlp Lexicon.default() rejects the files: {exc}")
            print(f"\nERROR newsnlp Lexicon.default(): {exc}")
        else:
            print(f"\nnewsnlp Lexicon.default() loads {len(lex)} entries in "
                  f"{time.perf_counter() - t0:.2f}s")

    if not rows:
        return 1
    patterns, to_entity = build_matcher(rows)
    if (args.shared / "corpus").exists():
        t0 = time.perf_counter()
        corpus = load_corpus(args.shared, args.xda)
        mentions: collections.Counter[str] = collections.Counter()
        file_of = {r.entity: r.file for r in rows}
        names = [p.name for p in files]
        print("\n## Corpus coverage\n\n| corpus | articles | with >=1 entity | share | "
              "median distinct entities/article | "
              + " | ".join(f"share with >=1 from {n}" for n in names)
              + " |\n|---|---:|---:|---:|---:|" + "---:|" * len(names))
        for name, texts in corpus.items():
            if not texts:
                continue
            hit = 0
            per_file: collections.Counter[str] = collections.Counter()
            distinct = []
            for t in texts:
                ents = entities_in(t, patterns, to_entity)
                distinct.append(len(ents))
                hit += bool(ents)
                per_file.update({file_of[e] for e in ents})
                mentions.update(ents)
            distinct.sort()
            print(f"| {name} | {len(texts)} | {hit} | {hit / len(texts):.1%} | "
                  f"{distinct[len(distinct) // 2]} | "
                  + " | ".join(f"{per_file[n] / len(texts):.1%}" for n in names) + " |")
        print(f"\n(matching took {time.perf_counter() - t0:.1f}s)")
        print(f"\nTop {args.top} entities by articles mentioning them:")
        print(", ".join(f"{e} {n}" for e, n in mentions.most_common(args.top)))
        used = len(mentions)
        print(f"entities seen in the corpus sample: {used} of {len(rows)} ({used / len(rows):.0%})")

        if args.missing:
            have = set(to_entity)
            tok: collections.Counter[str] = collections.Counter()
            for texts in corpus.values():
                for t in texts:
                    tok.update(set(re.findall(r"\b[A-Z][A-Za-z0-9&+\-]*[a-z][A-Za-z0-9+]*\b", t)))
            miss = [(w, n) for w, n in tok.most_common() if fold(w) not in have][: args.missing]
            print("\nFrequent capitalised Latin tokens not in the lexicon (to review): "
                  + " ".join(f"{w}:{n}" for w, n in miss))

    print("\n## Check-only coverage of third-party word lists (nothing copied from them)\n")
    print("| list | entries | exact surface-form matches | share |\n|---|---:|---:|---:|")
    checks = {
        "THUOCL_IT": args.shared / "datasets/lexicons/gazetteers/thuocl/THUOCL_IT.txt",
        "THUOCL_car": args.shared / "datasets/lexicons/gazetteers/thuocl/THUOCL_car.txt",
        "THUOCL_caijing": args.shared / "datasets/lexicons/gazetteers/thuocl/THUOCL_caijing.txt",
    }
    for path in sorted((args.shared / "datasets/ecommerce_ner/dics").glob("brand*.dic")):
        checks[f"ecommerce {path.stem}"] = path
    for name, path in checks.items():
        if not path.exists():
            continue
        words = read_wordlist(path)
        hit = sum(1 for w in words if fold(w) in to_entity)
        print(f"| {name} | {len(words)} | {hit} | {hit / len(words):.2%} |")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
