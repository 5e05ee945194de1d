"""Behaviour of newsnlp.text.lexicon.Lexicon (issue 3)."""

from __future__ import annotations

import pickle
from pathlib import Path

import pandas as pd
import pytest

from newsnlp.errors import InputTypeError, LexiconError
from newsnlp.text.entry import Entry
from newsnlp.text.lexicon import Lexicon

XIAOMI = Entry("小米", "company", ("Xiaomi", "小米集团"), wikidata="Q1636958")
REDMI = Entry("Redmi", "brand", ("红米",), parent="小米")
K50 = Entry("Redmi K50", "product", (), parent="Redmi")


def test_lookup_is_case_width_and_space_insensitive() -> None:
    lex = Lexicon([XIAOMI, REDMI])
    assert lex.lookup("XIAOMI") == lex.get("小米")
    assert lex.lookup("ｘｉａｏｍｉ") is not None
    assert lex.lookup("红米") is not None and lex.lookup("红米").name == "Redmi"  # type: ignore[union-attr]
    assert lex.lookup("华为") is None
    assert "xiaomi" in lex and XIAOMI.name in lex and "华为" not in lex


def test_company_is_found_by_walking_parents() -> None:
    lex = Lexicon([K50, REDMI, XIAOMI])
    assert lex.get("Redmi K50").company == "小米"  # type: ignore[union-attr]
    assert lex.get("小米").company == "小米"  # type: ignore[union-attr]


def test_lexicon_is_a_value_merge_and_with_entries_return_new_ones() -> None:
    base = Lexicon([XIAOMI])
    more = base.with_entries(REDMI)
    assert len(base) == 1 and len(more) == 2
    assert base.lookup("红米") is None
    merged = base | Lexicon([Entry("徕卡", "company", ("Leica",))])
    assert len(merged) == 2 and len(base) == 1
    with pytest.raises(AttributeError):
        base._entries = ()  # type: ignore[misc]


def test_merge_replaces_an_entry_of_the_same_name() -> None:
    fixed = Entry("小米", "company", ("Xiaomi", "MI"))
    merged = Lexicon([XIAOMI, REDMI]).merge(Lexicon([fixed]))
    assert merged.get("小米").aliases == ("Xiaomi", "MI")  # type: ignore[union-attr]
    assert merged.lookup("小米集团") is None


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([Entry("", "company")], "empty name"),
        ([Entry("小米", "vendor")], "type 'vendor'"),
        ([REDMI], "parent '小米'"),
        ([XIAOMI, Entry("小米", "company")], "defined twice"),
        ([Entry("A", "brand", parent="B"), Entry("B", "brand", parent="A")], "cycle"),
    ],
)
def test_invalid_entries_raise(entries: list[Entry], message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        Lexicon(entries)


def test_one_alias_on_two_entries_names_both() -> None:
    with pytest.raises(LexiconError, match=r"(?i)'mi'.*'小米'.*'Mitsubishi'"):
        Lexicon([Entry("小米", "company", ("MI",)), Entry("Mitsubishi", "company", ("mi",))])


def test_tsv_round_trip_and_frame(tmp_path: Path, small_lexicon: Lexicon) -> None:
    frame = small_lexicon.to_frame()
    assert list(frame.columns) == ["entity", "type", "aliases", "parent", "company", "wikidata"]
    row = frame.set_index("entity").loc["Redmi"]
    assert list(row["aliases"]) == ["红米", "REDMI"] and row["company"] == "小米"
    again = Lexicon.from_frame(frame)
    assert again == small_lexicon


def test_from_frame_accepts_string_aliases_and_missing_columns() -> None:
    df = pd.DataFrame(
        {
            "entity": ["小米", "Redmi"],
            "type": ["company", "brand"],
            "aliases": ["Xiaomi|小米集团", None],
            "parent": [None, "小米"],
        }
    )
    lex = Lexicon.from_frame(df)
    assert lex.lookup("Xiaomi") is not None and lex.get("Redmi").company == "小米"  # type: ignore[union-attr]
    with pytest.raises(LexiconError, match="lacks column"):
        Lexicon.from_frame(pd.DataFrame({"name": ["x"]}))
    with pytest.raises(InputTypeError):
        Lexicon.from_frame([{"entity": "x"}])  # type: ignore[arg-type]


def test_csv_and_yaml_loaders(tmp_path: Path) -> None:
    csv_path = tmp_path / "names.csv"
    csv_path.write_text(
        'entity,type,aliases,parent,wikidata\n"徕卡",company,"Leica|Leica Camera",,Q152943\n',
        encoding="utf-8",
    )
    assert Lexicon.from_csv(csv_path).lookup("leica camera").name == "徕卡"  # type: ignore[union-attr]
    yaml_path = tmp_path / "names.yaml"
    yaml_path.write_text(
        "- entity: 徕卡\n  type: company\n  aliases: [Leica]\n"
        "- name: 徕卡相机\n  type: brand\n  parent: 徕卡\n",
        encoding="utf-8",
    )
    lex = Lexicon.from_yaml(yaml_path)
    assert lex.get("徕卡相机").company == "徕卡"  # type: ignore[union-attr]


def test_user_file_extends_a_base_lexicon(tmp_path: Path, small_lexicon: Lexicon) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(
        "entity\ttype\taliases\tparent\twikidata\nRedmi K50\tproduct\tK50\tRedmi\t\n",
        encoding="utf-8",
    )
    with pytest.raises(LexiconError, match="parent 'Redmi'"):
        Lexicon.from_tsv(path)
    lex = Lexicon.from_tsv(path, base=small_lexicon)
    assert lex.get("Redmi K50").company == "小米"  # type: ignore[union-attr]
    assert len(lex) == len(small_lexicon) + 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("name\ttype\n小米\tcompany\n", "line 1: expected the TSV header"),
        (
            "entity\ttype\taliases\tparent\twikidata\n小米\tvendor\t\t\t\n",
            "line 2: entity '小米' has type 'vendor'",
        ),
        (
            "# c\nentity\ttype\taliases\tparent\twikidata\n\t company\t\t\t\n",
            "line 3: the 'entity' field is empty",
        ),
        (
            "entity\ttype\taliases\tparent\twikidata\n小米\tcompany\t\t\tQ1\textra\n",
            "line 2: 6 fields",
        ),
        (
            "entity\ttype\taliases\tparent\twikidata\n小米\tcompany\t\t\tXiaomi\n",
            "line 2: wikidata 'Xiaomi'",
        ),
        (
            "entity\ttype\taliases\tparent\twikidata\n小米\tcompany\tMI\t\t\n三菱\tcompany\tmi\t\t\n",
            r"line 2\).*line 3\)",
        ),
    ],
)
def test_malformed_file_names_file_line_and_problem(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as info:
        Lexicon.from_tsv(path)
    assert "bad.tsv" in str(info.value)


def test_unreadable_or_non_utf8_file(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="cannot be read"):
        Lexicon.from_tsv(tmp_path / "missing.tsv")
    path = tmp_path / "gbk.tsv"
    path.write_bytes("entity\ttype\n小米\tcompany\n".encode("gbk"))
    with pytest.raises(LexiconError, match="line 2: not UTF-8"):
        Lexicon.from_tsv(path)


def test_default_lexicon_is_cached_immutable_and_pickles_by_reference() -> None:
    lex = Lexicon.default()
    assert lex is Lexicon.default()
    assert pickle.loads(pickle.dumps(lex)) is lex
    small = Lexicon([XIAOMI])
    assert pickle.loads(pickle.dumps(small)) == small


def test_shipped_lexicon_loads_cleanly() -> None:
    lex = Lexicon.default()
    assert len(lex) >= 2000
    frame = lex.to_frame()
    assert set(frame["type"]) <= {
        "company",
        "brand",
        "product",
        "person",
        "organization",
        "location",
    }
    assert lex.lookup("Leica") is not None and lex.lookup("DXOMARK") is not None
