"""Rules that find names the lexicon does not know: people, organisations, places.

They read a tokenized :class:`~newsnlp.text.doc.Doc` (jieba/ICTCLAS part-of-speech
tags, character offsets) and the cue-word lists shipped in ``newsnlp/data/ner``:

people
    a token tagged ``nr`` whose first character(s) are a Chinese surname, or a run of
    transliteration characters tagged ``nr``/``nrt`` (``库克``, ``马斯克``); a weak
    candidate (rare surname, or a surname followed by 1–2 characters that the
    segmenter did not join) needs context: a title before (``CEO 雷军``) or after
    (``叶老桂博士``), or a speech verb after (``卢伟冰表示``).
    Independently of the segmenter, the raw characters are scanned too: a surname and
    one or two common given-name characters with such a cue (``董事长李晓|林先生``),
    a two-character name grown by the given-name character cut off after it
    (``郭子|健在``), dotted foreign names (``上安迪·沃霍尔`` -> ``安迪·沃霍尔``),
    Latin-script names (a known given name and a capitalised surname: ``Jason Citron``,
    or one capitalised word with a title before), and names listed with ``、`` beside
    a person already found.
organisations
    a token tagged ``nt``, or a name ending in an organisation suffix
    (``公司``/``集团``/``科技``/``银行``/``研究院``/``委员会``/``局``/``部`` …) whose
    words before the suffix include at least one proper name (a place, a brand, a
    Latin-script word, a lexicon entity). ``企业信贷部`` or ``子公司`` alone are not
    names; ``浙商银行`` is.
places
    tokens tagged ``ns`` that are not part of an organisation's name, joined with a
    following place suffix (``省``/``市``/``县``/``区``).

Everything here is deterministic and reads no global state.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from newsnlp.text.doc import Doc, Token

__all__ = ["NameRules", "NameSpan", "load_word_list"]

_CJK = re.compile(r"^[\u3400-\u9fff]+$")
_LATIN_NAME = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]+)?$")
_CJK_OR_DOT = re.compile(r"^[\u3400-\u9fff·•]+$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&+.\-]*$")

# Characters used to transliterate foreign names (马斯克, 库克, 贝索斯, 扎克伯格).
_TRANSLIT = frozenset(
    "阿埃艾安奥巴拜班邦保鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜多厄恩法凡菲费芬丰"
    "弗伏福盖冈高戈格古瓜哈海汉豪赫黑亨洪霍基吉加贾杰金卡凯坎康考柯科克肯库夸奎昆拉莱赖兰"
    "朗劳勒雷蕾里理利莉连林琳隆娄卢鲁路伦罗洛马玛迈麦曼芒梅门蒙米密明姆莫默穆纳娜奈南内尼"
    "涅纽努诺欧帕潘佩蓬皮珀普奇齐恰乔切琴丘萨塞赛桑瑟森沙莎尚什施史斯松苏索塔泰坦汤唐特提"
    "廷通图托瓦威韦维温沃乌伍西希谢辛休雅亚扬耶伊因英尤于约扎泽詹珍朱卓兹佐"
    "夫娃茨罕丽琪琳尔哥佛邓嘉杭瑞契喀圭拿恺宁璐翰爵赛丝黛"
    "文摩芙薇妮露茜娅琼柏柔昂甘顿逊汀贡纽萝琦妲翠黎奈赞兹"
    "夏舍列谢易迭当滕缇芭季葛笛莎蕾薇蓓媞鲍肖侬怀舒坚聂岑崔"
)

# Transliteration characters that may continue a name cut short (not 于/和/的 …).
_TRANSLIT_MORE = _TRANSLIT - frozenset("于和与及是在的也都将被为")
# Words before a place, not a person: 在纽卡斯尔, 位于阿德莱德.
_LOCATIVE_BEFORE = frozenset(
    ["在", "到", "于", "从", "至", "往", "赴", "去", "来到", "抵达", "位于", "前往", "飞往", "途经"]
)

# Single words that jieba tags as names but that are not (checked against news text).
_NOT_PERSON = frozenset(
    [
        "官宣",
        "周中",  # midweek (周中补赛), not 周 + a given name
        "官微",
        "官网",
        "官博",
        "卡先",
        "高新",
        "高端",
        "高清",
        "高价",
        "高效",
        "高速",
        "高达",
        "金融",
        "金额",
        "金牌",
        "文中",
        "文件",
        "明星",
        "明年",
        "明天",
        "马上",
        "马达",
        "路由",
        "万元",
        "万台",
        "安全",
        "安卓",
        "安装",
        "石墨",
        "常规",
        "常见",
        "江湖",
        "黄金",
        "白金",
        "向前",
        "时间",
        "于是",
        "方向",
        "方面",
        "成本",
        "成功",
        "成为",
        "成绩",
        "任何",
        "任务",
        "和平",
        "和谐",
        "司机",
        "连续",
        "连接",
        "华丽",
        "华为",
        "荣耀",
        "应用",
        "应当",
        "全新",
        "全面",
        "全球",
        "全部",
        "包括",
        "包装",
        "包含",
        "关于",
        "关注",
        "关键",
        "宁愿",
        "童年",
        "冷却",
        "冷静",
        "车主",
        "车型",
        "车辆",
        "项目",
        "古典",
        "牛逼",
        "龙头",
        "席位",
        "米粉",
        "雷达",
        "景色",
        "申请",
        "党员",
        "费用",
        "宫殿",
        "田园",
        "史上",
        "史诗",
        "曲面",
        "曲线",
        "管理",
        "管家",
        "房价",
        "房子",
        "于此",
        "尚未",
        "令人",
        "毕业",
        "简单",
        "简直",
        "简约",
        "游戏",
        "计划",
        "计算",
        "强大",
        "强劲",
        "强调",
        "甘心",
        "凌晨",
        "商店",
        "商品",
        "秦始皇",
        "武器",
        "温度",
        "孔径",
        "丁点",
        "邢台",
        "艾特",
    ]
)

# Direction/position words ending in 部 that are not departments.
_NOT_DEPARTMENT = frozenset(
    [
        "内部",
        "外部",
        "全部",
        "总部",
        "东部",
        "西部",
        "南部",
        "北部",
        "中部",
        "局部",
        "头部",
        "底部",
        "顶部",
        "背部",
        "腹部",
        "面部",
        "胸部",
        "腰部",
        "尾部",
        "侧部",
        "前部",
        "后部",
        "上部",
        "下部",
        "干部",
        "本部",
        "分部",
        "支部",
        "细部",
        "大部",
        "一部",
        "这部",
        "那部",
        "每部",
        "该部",
        "此部",
        "首部",
        "新部",
        "整部",
        "两部",
        "三部",
        "几部",
        "肩部",
        "脸部",
        "颈部",
        "眼部",
        "足部",
        "腿部",
        "手部",
        "基部",
    ]
)

# Words after which a name's left edge must stop even if tagged as a noun.
_ADVERBS_AFTER_NAME = frozenset(
    [
        "也",
        "则",
        "还",
        "曾",
        "就",
        "又",
        "再次",
        "随后",
        "此前",
        "近日",
        "今天",
        "今日",
        "日前",
        "同时",
        "并",
        "更",
        "已经",
        "已",
        "亦",
        "都",
        "昨天",
        "昨日",
        "早前",
        "此外",
        "对此",
        "在",
        "公开",
        "首次",
        "亲自",
        "一直",
        "坦然",
    ]
)

_PROPER_POS = frozenset({"ns", "nz", "nt", "nr", "nrt", "nrfg", "j", "eng"})
_NOUN_POS = frozenset({"n", "nz", "vn", "ng", "an", "nt", "ns", "j", "l", "nrt"})
_WEAK_COMPANY_SUFFIXES = frozenset(
    {
        "科技",
        "电子",
        "通信",
        "通讯",
        "半导体",
        "电器",
        "汽车",
        "网络",
        "传媒",
        "娱乐",
        "影业",
        "航空",
        "实业",
        "股份",
        "控股",
        "资本",
        "基金",
        "保险",
        "证券",
        "工作室",
        "工厂",
    }
)
_SINGLE_CHAR_SUFFIX_POS = frozenset({"nt", "nz", "j", "n", "nr", "nrt"})
_ORG_END_CHARS = frozenset("社院会部局委办司团厂台署校队盟处厅站联军")
_GENERIC_HEADS = frozenset(
    [
        "母",
        "子",
        "分",
        "总",
        "该",
        "本",
        "此",
        "其",
        "同行",
        "上市",
        "运营",
        "通讯",
        "补丁",
        "一家",
        "两家",
        "这家",
        "那家",
    ]
)
_NOT_NAME_WORDS = frozenset(
    [
        "各大",
        "各家",
        "多家",
        "全资",
        "试水",
        "告上",
        "国内",
        "国外",
        "海外",
        "全球",
        "首家",
        "某家",
        "旗下",
        "相关",
        "有关",
    ]
)
_WEAK_FOR_RARE_WORDS = frozenset(["", "公司", "中心", "协会", "部", "局", "队", "组织", "工厂"])
# Suffixes after which a known company's name plus more words name one of its units.
_SUBSIDIARY_FORMS = frozenset(
    ["公司", "有限公司", "股份有限公司", "有限责任公司", "分公司", "子公司", "分行", "支行"]
)
# words naming a branch of the organisation before them (中心支行, 上海分行, 研究院分院)
_BRANCH_SUFFIXES = frozenset(["支行", "分行", "分公司", "分院", "分局", "分部", "分会", "分中心"])
_LEGAL_FORMS = frozenset(["有限公司", "股份有限公司", "有限责任公司", "公司", "集团", "控股"])
_PLACE_OK_SUFFIXES = frozenset(
    [
        "银行",
        "证券",
        "保险",
        "航空",
        "日报",
        "电视台",
        "集团",
        "有限公司",
        "股份有限公司",
        "有限责任公司",
    ]
)


def _proper_token(tok: Token) -> bool:
    return tok.pos in _PROPER_POS or tok.entry is not None or _LATIN.match(tok.text) is not None


_FUSED_ORG_POS = frozenset({"nt", "nz", "j", "ns", "nrt"})
# Last characters of abbreviated organisation names (央行, 发改委, 网信办, 银监会).
_ABBREVIATED_ORG_END = frozenset("委办会局院署厅台社")


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name found by the rules: character span in the Doc, type and which rule fired."""

    start: int
    end: int
    type: str
    text: str
    rule: str
    entity: str | None = None  # canonical name when the span names a known company's unit


def load_word_list(name: str) -> tuple[str, ...]:
    """Return the whitespace-separated words of ``newsnlp/data/ner/<name>`` (``#`` comments)."""
    raw = (
        resources.files("newsnlp")
        .joinpath("data")
        .joinpath("ner")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    words: list[str] = []
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.extend(line.split())
    return tuple(dict.fromkeys(words))


def _jieba_dictionary(
    min_freq: int = 30,
) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Read jieba's own dictionary (MIT, shipped with jieba; read, not copied).

    Returns ``(name_like, common)``: two- and three-character words it tags ``nr``/``nrt``
    (mostly ordinary words such as 荣誉, 晋级, 安全性 — a real unknown name like 雷军 is not
    in it), and two- to four-character words it tags otherwise (发布会, 董事会, 启动) that
    are never a person's name nor, on their own, an organisation's; and the words it
    tags ``nt`` (国务院, 新华社, 中国移动): organisations; and the words it tags ``ns``
    (places, but also 上市, 加密, 城市): never a person's name; and every fairly common
    word whatever its tag (通讯, 补丁, 环保): not the distinctive part of a name.
    """
    import jieba

    name_like: set[str] = set()
    common: set[str] = set()
    orgs: set[str] = set()
    places: set[str] = set()
    known: set[str] = set()
    with jieba.get_dict_file() as fh:
        for raw in fh:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            parts = line.split()
            if len(parts) == 3 and parts[2] == "nt" and len(parts[0]) >= 2:
                orgs.add(parts[0])
            if len(parts) == 3 and parts[2] in ("nr", "nrt", "nrfg") and 2 <= len(parts[0]) <= 3:
                name_like.add(parts[0])  # any short word jieba's dictionary calls a name is suspect
            if len(parts) != 3 or not 2 <= len(parts[0]) <= 4 or int(parts[1]) < min_freq:
                continue
            if int(parts[1]) >= 100 and parts[2] not in ("nr", "nrt", "nrfg", "nt"):
                known.add(parts[0])
            if parts[2] in ("nr", "nrt", "nrfg"):
                continue
            elif parts[2] not in ("nt", "nz", "j", "ns") and int(parts[1]) >= 2 * min_freq:
                common.add(parts[0])
            elif parts[2] == "ns" and int(parts[1]) >= 2 * min_freq:
                places.add(parts[0])
    return (
        frozenset(name_like),
        frozenset(common),
        frozenset(orgs),
        frozenset(places),
        frozenset(known),
    )


def _load_suffixes(name: str) -> tuple[tuple[str, str], ...]:
    raw = (
        resources.files("newsnlp")
        .joinpath("data")
        .joinpath("ner")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    pairs: list[tuple[str, str]] = []
    for line in raw.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        suffix, kind = line.split("\t")[:2]
        pairs.append((suffix.strip(), kind.strip()))
    # longest first so 有限公司 wins over 公司
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@dataclass(frozen=True, slots=True)
class NameRules:
    """The cue-word lists and the rules that use them.

    Build it with :meth:`default` (the lists shipped in ``newsnlp/data/ner``); it is
    immutable, picklable and safe to share between threads.
    """

    surnames: frozenset[str]
    rare_surnames: frozenset[str]
    compound_surnames: frozenset[str]
    titles: frozenset[str]
    speech_verbs: frozenset[str]
    org_suffixes: tuple[tuple[str, str], ...]
    location_suffixes: frozenset[str]
    common_words: frozenset[str] = frozenset()
    top_surnames: frozenset[str] = frozenset()
    dictionary_words: frozenset[str] = frozenset()
    organisation_words: frozenset[str] = frozenset()
    place_words: frozenset[str] = frozenset()
    known_words: frozenset[str] = frozenset()
    generic_latin: frozenset[str] = frozenset()
    given_name_chars: frozenset[str] = frozenset()
    known_companies: frozenset[str] = frozenset()
    known_organizations: frozenset[str] = frozenset()
    regulators: frozenset[str] = frozenset()
    given_name_chars_wide: frozenset[str] = frozenset()
    latin_given_names: frozenset[str] = frozenset()
    person_verbs: frozenset[str] = frozenset()
    person_belongings: frozenset[str] = frozenset()
    person_before: frozenset[str] = frozenset()
    japanese_surnames: frozenset[str] = frozenset()
    # derived from org_suffixes in __post_init__: the suffixes as a set, and
    # ((length, {suffix: kind}), ...) longest first, so a token's suffix is found by one
    # slice and one dict lookup per length instead of ``endswith`` over every suffix
    _suffix_set: frozenset[str] = field(init=False, repr=False, compare=False)
    _suffix_by_len: tuple[tuple[int, dict[str, str]], ...] = field(
        init=False, repr=False, compare=False
    )
    _suffix_ends: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_len: dict[int, dict[str, str]] = {}
        for suffix, kind in self.org_suffixes:  # longest first; the first kind listed wins
            if suffix:
                by_len.setdefault(len(suffix), {}).setdefault(suffix, kind)
        object.__setattr__(self, "_suffix_set", frozenset(s for s, _ in self.org_suffixes))
        object.__setattr__(
            self, "_suffix_ends", frozenset(s[-1] for s, _ in self.org_suffixes if s)
        )
        object.__setattr__(
            self, "_suffix_by_len", tuple(sorted(by_len.items(), key=lambda kv: -kv[0]))
        )

    @classmethod
    def default(cls) -> NameRules:
        """Return the rules built from the shipped cue-word lists."""
        surnames = load_word_list("surnames.txt")
        rare = frozenset(load_word_list("surnames_rare.txt")) - frozenset(surnames)
        name_like, common, orgs, places, known = _jieba_dictionary()
        known_orgs = _load_suffixes("known_orgs.tsv")
        return cls(
            surnames=frozenset(s for s in surnames if len(s) == 1) | rare,
            rare_surnames=rare,
            compound_surnames=frozenset(s for s in surnames if len(s) == 2),
            titles=frozenset(load_word_list("person_titles.txt")),
            speech_verbs=frozenset(load_word_list("speech_verbs.txt")),
            org_suffixes=_load_suffixes("org_suffixes.tsv"),
            location_suffixes=frozenset(load_word_list("location_suffixes.txt")),
            common_words=name_like,
            top_surnames=frozenset(surnames[:100]),
            dictionary_words=common,
            organisation_words=orgs,
            place_words=places,
            known_words=known,
            given_name_chars=frozenset("".join(load_word_list("given_name_chars.txt"))),
            known_companies=frozenset(n for n, k in known_orgs if k == "company"),
            known_organizations=frozenset(n for n, k in known_orgs if k != "company"),
            generic_latin=frozenset(w.casefold() for w in load_word_list("latin_generic.txt")),
            regulators=frozenset(load_word_list("regulators.txt")),
            latin_given_names=frozenset(
                w.casefold() for w in load_word_list("latin_given_names.txt")
            ),
            person_verbs=frozenset(load_word_list("person_verbs.txt")),
            person_belongings=frozenset(load_word_list("person_belongings.txt")),
            person_before=frozenset(load_word_list("person_before.txt")),
            japanese_surnames=frozenset(load_word_list("surnames_japanese.txt")),
            given_name_chars_wide=frozenset(
                "".join(load_word_list("given_name_chars.txt"))
                + "".join(load_word_list("given_name_chars_more.txt"))
            ),
        )

    # ------------------------------------------------------------------ helpers
    def _surname_len(self, word: str) -> int:
        if len(word) >= 3 and word[:2] in self.compound_surnames:
            return 2
        if word[:1] in self.surnames:
            return 1
        return 0

    def _lone_surname(self, text: str) -> bool:
        """``_surname_len(text + "xx") == len(text)`` for a word of at most 2 characters."""
        if len(text) == 1:
            return text in self.surnames and text + "x" not in self.compound_surnames
        if len(text) == 2:
            return text in self.compound_surnames
        return self._surname_len(text + "xx") == len(text)

    def _looks_chinese_name(self, word: str) -> bool:
        n = self._surname_len(word)
        return n > 0 and _CJK.match(word) is not None and 2 <= len(word) <= n + 2

    @staticmethod
    def _looks_foreign_name(word: str) -> bool:
        parts = [p for p in re.split(r"[·•]", word) if p]
        if not parts or not _CJK_OR_DOT.match(word):
            return False
        return len(word) >= 2 and all(ch in _TRANSLIT for p in parts for ch in p)

    def _org_suffix(self, tok: Token) -> tuple[str, str] | None:
        text = tok.text
        if text[-1:] not in self._suffix_ends:
            return None  # no suffix ends with this character (most words)
        if (
            text in self.dictionary_words
            and text not in self.regulators
            and text not in self._suffix_set
        ):
            return None  # 发布会, 董事会, 母公司, 充电器: ordinary words that end like a name
        n = len(text)
        for length, kinds in self._suffix_by_len:
            if length > n:
                continue
            suffix = text[n - length :]
            kind = kinds.get(suffix)
            if kind is None:
                continue
            # 工信部 / 公安局 / 文化部 are names; 带队 / 全部 / 东部 are words
            if (
                length == 1
                and n != 1
                and (tok.pos not in _SINGLE_CHAR_SUFFIX_POS or text in _NOT_DEPARTMENT or n != 3)
            ):
                return None
            return suffix, kind
        return None

    def _pos(self, tok: Token) -> str:
        """The token's tag, with jieba's name HMM run on words the tokenizer left untagged.

        A segmenter that tags words by dictionary lookup gives an unknown word (叶老桂,
        宣家鑫) a generic ``n``; jieba's own part-of-speech HMM, which ``jieba.posseg``
        runs on such words, says ``nr``. Only short Chinese words that could be a name and
        that are not common dictionary words are re-tagged.
        """
        pos = tok.pos
        text = tok.text
        if (
            pos.startswith("nr")
            or pos not in _RETAG_POS
            or not 2 <= len(text) <= 4
            or not _CJK.match(text)
            or text in self.known_words
            or text in self.dictionary_words
            or not (text[0] in self.surnames or _TRANSLIT.issuperset(text))
        ):
            return pos
        states = _name_hmm(text)
        if not states or states[0][0] != "B" or states[0][1] not in ("nr", "nrt", "nrfg"):
            return pos
        if all(b in "ME" for b, _ in states[1:]) and all(t == states[0][1] for _, t in states):
            return states[0][1]
        if len(text) == 3 and states[1] == ("E", states[0][1]) and self._looks_chinese_name(text):
            return "nr"  # 姚思|为: the segmenter kept the word whole, the HMM reads a name
        return pos

    def _known_org(self, text: str) -> str | None:
        if text in self.known_companies:
            return "company"
        if text in self.known_organizations or text.upper() in self.known_organizations:
            return "organization"
        return None

    def _name_word(self, tok: Token, suffix: str = "") -> bool:
        """True when ``tok`` can be the distinctive part of an organisation's name.

        A Latin-script word that is not a generic term (``GRAID``, not ``CEO``), a place
        jieba knows, or a Chinese word jieba's dictionary does not list as an ordinary
        word (浙商, 恒林智造 — not 通讯, 补丁, 环保, whatever jieba tagged them).
        """
        text = tok.text
        if _LATIN.match(text):
            return text.casefold() not in _GENERIC_LATIN
        if not _CJK.match(text) or len(text) < 2 or tok.pos in _NOT_NAME_POS:
            return False
        if tok.pos == "ns" and text in self.place_words:
            return True
        if (
            text in self.known_words
            or text in self.common_words
            or text in _NOT_NAME_WORDS
            or text[0] in _FUNCTION_EDGE
            or text[-1] in _FUNCTION_EDGE
        ):
            return False
        if len(text) >= 3 and (
            (text[:2] in self.known_words and (text[2:] in self.known_words or len(text) == 3))
            or (text[1:] in self.known_words and len(text) == 3)
        ):
            return False  # 科技股份, 电子技术, 新能源: ordinary words run together
        # a plain noun jieba does not know (租车, 手游, 绿城, 恒林智造) names something only
        # before a distinctive suffix: 绿城集团, 恒林智造科技有限公司 — not 租车公司, 购物中心
        return tok.pos in _PROPER_POS or suffix not in _WEAK_FOR_RARE_WORDS

    def _title_before(self, tokens: Sequence[Token], i: int) -> bool:
        prev = _neighbour(tokens, i - 1, -1)
        return prev is not None and (
            prev.text in self.titles
            or prev.text.upper() in self.titles
            or (
                len(prev.text) > 2
                and (prev.text[-2:] in self.titles or prev.text[-3:] in self.titles)
            )
        )

    def _titled_run(self, tokens: Sequence[Token], taken: Sequence[bool], k: int) -> bool:
        """True when token ``k`` ends a run of transliteration pieces after a job title."""
        if not _TRANSLIT.issuperset(tokens[k].text):
            return False
        r = k
        while (
            r > 0
            and not taken[r - 1]
            and _CJK.match(tokens[r - 1].text)
            and _TRANSLIT.issuperset(tokens[r - 1].text)
            and k - r < 4
        ):
            r -= 1
        return self._position_title_before(tokens, r)

    def _position_title_before(self, tokens: Sequence[Token], i: int) -> bool:
        """True when a job title (not a group noun such as 用户, 网友) comes right before token ``i``."""
        prev = _neighbour(tokens, i - 1, -1)
        return (
            prev is not None
            and prev.text not in _GROUP_NOUNS
            and prev.text[-2:] not in _GROUP_NOUNS
            and self._title_before(tokens, i)
        )

    def _position_before(self, text: str, p: int) -> bool:
        """True when a job title (not a group noun such as 用户, 网友) ends right before ``p``."""
        q = p
        while q > 0 and text[q - 1] == " ":
            q -= 1
        if any(text[max(q - k, 0) : q] in _GROUP_NOUNS for k in (2, 3)):
            return False
        return self._cue_before(text, p)

    def _context(self, tokens: Sequence[Token], i: int, j: int) -> bool:
        """True when tokens[i:j] have a person cue: a title before/after or a speech verb after."""
        if self._title_before(tokens, i):
            return True
        nxt_i = _neighbour_index(tokens, j, +1)
        if nxt_i is None:
            return False
        nxt = tokens[nxt_i]
        # interview turns and bylines: "金石开：……" at the start, "文/于建春"
        if nxt.text in ("：", ":") and _neighbour_index(tokens, i - 1, -1) is None:
            return True
        prev_i = _neighbour_index(tokens, i - 1, -1)
        if (
            prev_i is not None
            and tokens[prev_i].text == "/"
            and prev_i > 0
            and tokens[prev_i - 1].text in ("文", "图", "记者")
        ):
            return True
        if nxt.text in self.titles or nxt.text in self.speech_verbs:
            return True
        if nxt.text in _ADVERBS_AFTER_NAME:
            after = _neighbour(tokens, nxt_i + 1, +1)
            if after is not None and after.text in self.speech_verbs:
                return True
        return False

    # ------------------------------------------------------------------ rules
    def find(self, doc: Doc, *, skip: Sequence[tuple[int, int]] = ()) -> list[NameSpan]:
        """Return the names in ``doc`` the lexicon did not mark.

        Parameters
        ----------
        doc : Doc
            A tokenized text.
        skip : sequence of (start, end)
            Character spans already taken (lexicon mentions); names never overlap them.

        Returns
        -------
        list of NameSpan
            Non-overlapping spans in text order.
        """
        tokens = doc.tokens
        taken = [False] * len(tokens)
        # one pass over the skipped characters, not every token against every span
        skipped = bytearray(len(doc.text) + 1)
        for s, e in skip:
            skipped[max(s, 0) : max(e, 0)] = b"\x01" * max(min(e, len(doc.text)) - max(s, 0), 0)
        for k, tok in enumerate(tokens):
            if tok.entry is not None or (skip and any(skipped[tok.start : tok.end])):
                taken[k] = True
        spans: list[NameSpan] = []
        sporty = [False] * len(tokens)
        # a token equal to a cue (lower-cased) makes the cue a substring of the lower-cased text
        lowered = doc.text.lower()
        sports = any(cue in lowered for cue in _SPORTS_CUES)
        for sent in (doc.sentences or ()) if sports else ():
            if any(
                t.text.lower() in _SPORTS_CUES for t in tokens[sent.token_start : sent.token_end]
            ):
                for k in range(sent.token_start, sent.token_end):
                    sporty[k] = True
        spans.extend(self._organisations(tokens, taken, sporty, doc.text))
        text = doc.text
        if "·" in text or "•" in text or "・" in text:
            busy = bytearray(len(text))
            for k, tok in enumerate(tokens):
                if taken[k]:
                    # a place of the lexicon may be part of a dotted name (米兰·昆德拉)
                    place = tok.entry is not None and tok.entry.type == "location"
                    for c in range(tok.start, min(tok.end, len(text))):
                        busy[c] = 2 if place else 1
            dotted: list[NameSpan] = []
            self._dotted_chars(text, busy, dotted, {t.end for t in tokens})
            for sp in dotted:
                for k, tok in enumerate(tokens):
                    if tok.start < sp.end and sp.start < tok.end:
                        taken[k] = True
            spans.extend(dotted)
        spans.extend(self._people(tokens, taken, sporty, doc.text))
        spans.extend(self._places(tokens, taken))
        spans = self._extend_names(doc, spans)
        spans.extend(self._char_names(doc, tokens, taken, spans))
        spans.extend(self._enumerated(doc.text, spans))
        spans.sort(key=lambda s: (s.start, -s.end))
        return spans

    def _mark(self, taken: list[bool], i: int, j: int) -> None:
        for k in range(i, j):
            taken[k] = True

    def _organisations(
        self, tokens: Sequence[Token], taken: list[bool], sporty: Sequence[bool], raw: str = ""
    ) -> list[NameSpan]:
        out: list[NameSpan] = []
        n = len(tokens)
        i = 0
        while i < n:
            tok = tokens[i]
            if taken[i] or tok.is_punct:
                i += 1
                continue
            known = self._known_org(tok.text)
            if known is not None:
                out.append(NameSpan(tok.start, tok.end, known, tok.text, "known-org"))
                taken[i] = True
                i += 1
                continue
            if tok.text in self.regulators or tok.text.upper() in self.regulators:
                out.append(NameSpan(tok.start, tok.end, "organization", tok.text, "regulator"))
                taken[i] = True
                i += 1
                continue
            suffix = self._org_suffix(tok)
            if (
                suffix is None
                and len(tok.text) >= 2
                and _CJK.match(tok.text)
                and (
                    (
                        tok.pos == "nt"
                        and tok.text in self.organisation_words
                        and tok.text[-1] in _ORG_END_CHARS
                    )
                    or (
                        tok.pos == "j"
                        and tok.text[-1] in _ABBREVIATED_ORG_END
                        and tok.text in self.organisation_words
                    )
                )
            ):
                # jieba's organisation tag, or an abbreviation such as 央行 / 发改委
                out.append(NameSpan(tok.start, tok.end, "organization", tok.text, "nt"))
                taken[i] = True
                i += 1
                continue
            if suffix is None:
                i += 1
                continue
            sfx, kind = suffix
            nxt = _neighbour(tokens, i + 1, +1)
            if kind == "company" and nxt is not None and nxt.text in _LEGAL_FORMS:
                i += 1  # 恒林智造科技|有限公司: the legal form ends the name
                continue
            if nxt is not None and nxt.text in _BRANCH_SUFFIXES and not taken[i + 1]:
                i += 1  # 深圳中心|支行, 华东研究院|分院: the branch word ends the name
                continue
            head_in_token = len(tok.text) > len(sfx)
            # walk left over name-like tokens
            k = i
            proper = 0
            proper_places = 0
            owner: str | None = None  # 携程|商务公司: a known company's subsidiary or branch
            while k - 1 >= 0 and i - (k - 1) <= 6:
                left = tokens[k - 1]
                if owner is not None and not (
                    left.entry is not None and left.entry.type == "location"
                ):
                    break  # only a place may precede the owner: 上海|携程国际旅行社有限公司
                if left.is_space and k - 2 >= 0 and _LATIN.match(tokens[k - 2].text):
                    k -= 1
                    continue
                if left.is_punct:
                    break
                if taken[k - 1] and left.entry is None:
                    break
                if left.entry is not None:
                    if (
                        owner is None
                        and left.entry.type == "company"
                        and sfx in _SUBSIDIARY_FORMS
                        and k < i
                    ):
                        owner = left.entry.name
                        proper += 1
                        k -= 1
                        continue
                    if left.entry.type != "location":
                        break  # 小米|技术委员会: the company is the entity, not a new one
                    if proper and tokens[k].entry is None and tokens[k].pos not in _PROPER_POS:
                        break
                    proper += 1
                    if left.entry.type == "location":
                        proper_places += 1
                    k -= 1
                    continue
                left_suffix = self._org_suffix(left)
                if left_suffix is not None and left.pos != "ns":
                    if not (
                        sfx in _LEGAL_FORMS
                        and left_suffix[1] == "company"
                        and left.text == left_suffix[0]
                    ):
                        break  # a company name ends here; a department after it stands alone
                    k -= 1  # 恒林智造|科技|有限公司: an industry word inside a legal name
                    continue
                inner_verb = (
                    left.pos in ("v", "vn")
                    and len(left.text) == 2
                    and (k < i or sfx in _LEGAL_FORMS)
                )
                if left.is_stop or (left.pos not in _NOUN_POS | _PROPER_POS and not inner_verb):
                    break
                is_proper = self._name_word(left, sfx)
                if proper and not is_proper:
                    break  # ATM 机生产厂商|恒银科技: common words only between name and suffix
                if is_proper:
                    proper += 1
                    if left.pos == "ns" and left.text in self.place_words and len(left.text) >= 2:
                        proper_places += 1
                k -= 1
            # trim common words and spaces on the left edge
            while k < i and (
                tokens[k].is_space
                or (tokens[k].entry is None and not self._name_word(tokens[k], sfx))
            ):
                k += 1
            head = tok.text[: -len(sfx)] if head_in_token else ""
            if head in _GENERIC_HEADS or (
                k == i
                and (head in self.dictionary_words or head in self.known_words)
                and head not in self.place_words
            ):
                i += 1  # 上市公司, 母公司, 商业中心: a common word plus a suffix, nothing before
                continue
            before = _neighbour(tokens, k - 1, -1)
            if owner is not None:
                start, end = tokens[k].start, tok.end
                text = "".join(t.text for t in tokens[k : i + 1])
                out.append(NameSpan(start, end, "company", text, "subsidiary", owner))
                self._mark(taken, k, i + 1)
                i += 1
                continue
            if (
                before is not None
                and before.entry is not None
                and before.entry.type in ("company", "brand")
            ):
                i += 1  # 紫米|电子技术有限公司: the legal name's tail; the company is the entity
                continue
            if k == i:
                # the suffix token alone: a fused name such as 工信部 / 国务院
                fused_ok = tok.pos in _FUSED_ORG_POS or (
                    len(sfx) == 1
                    and (tok.text in self.organisation_words or tok.pos in ("nt", "j"))
                )
                if not (head_in_token and fused_ok):
                    i += 1
                    continue
            elif proper == 0:
                i += 1
                continue
            elif proper == proper_places and (kind == "company" and sfx not in _PLACE_OK_SUFFIXES):
                i += 1  # 中国公司, 美国租车公司, 深圳汽车: a place plus a common noun is generic
                continue
            elif sfx in _WEAK_COMPANY_SUFFIXES and not (
                head_in_token
                or tokens[i - 1].entry is not None
                or self._name_word(tokens[i - 1], sfx)
            ):
                i += 1  # 燃料电池汽车, 新能源科技: a weak suffix must follow the name directly
                continue

            start, end = tokens[k].start, tok.end
            text = "".join(t.text for t in tokens[k : i + 1])
            out.append(NameSpan(start, end, kind, text, "org-suffix"))
            self._mark(taken, k, i + 1)
            i += 1
        # in match reports, places and transliterated names standing alone are clubs
        for k, tok in enumerate(tokens):
            if not sporty[k] or len(tok.text) < 2 or not _CJK.match(tok.text):
                continue
            if self._titled_run(tokens, taken, k):
                continue  # 主教练埃|梅里, 前锋卡|维纳|吉: pieces of a person's name
            if raw and _TRANSLIT.issuperset(tok.text) and self._weak_cue_after(raw, tok.end):
                continue  # 佩罗塔伤愈, 斯科拉里率队: what only a person does
            place_entry = tok.entry is not None and tok.entry.type == "location"
            if (
                (place_entry or (not taken[k] and tok.entry is None))
                and (
                    place_entry
                    or (tok.pos in ("ns", "nr", "nrt") and self._looks_foreign_name(tok.text))
                )
                and not self._context(tokens, k, k + 1)
            ):
                # a place in a match report is its club (罗马 2:1 米兰); the entity layer lets
                # this override the lexicon's place
                out.append(NameSpan(tok.start, tok.end, "organization", tok.text, "team"))
                taken[k] = True
        return out

    def _people(
        self, tokens: Sequence[Token], taken: list[bool], sporty: Sequence[bool], raw: str = ""
    ) -> list[NameSpan]:
        out: list[NameSpan] = []
        n = len(tokens)
        # a dotted name needs a dot token after its first part: where the dots are
        dots = [k for k, t in enumerate(tokens) if t.text in _NAME_DOTS]
        i = 0
        while i < n:
            tok = tokens[i]
            if taken[i] or tok.is_punct:
                i += 1
                continue
            text = tok.text
            pos = tok.pos if tok.pos not in _RETAG_POS else self._pos(tok)
            # 邓小平理论, 毛泽东思想: a doctrine named after a person holds the name
            head = text[:-2]
            if (
                len(text) >= 4
                and text[-2:] in _DOCTRINE_SUFFIXES
                and head in self.common_words
                and self._looks_chinese_name(head)
                and head[0] in self.top_surnames
            ):
                out.append(NameSpan(tok.start, tok.start + len(head), "person", head, "doctrine"))
                taken[i] = True
                i += 1
                continue
            # foreign names written with a middle dot: 蒂姆·库克, 阿蒙德 · 穆西
            if bisect_left(dots, i) < len(dots):
                parts, j = self._dotted_name(tokens, taken, i)
            else:
                parts, j = [], i
            if len(parts) >= 2:
                if self._team_context(tokens, i, j):
                    i = j
                    continue
                out.append(
                    NameSpan(tok.start, tokens[j - 1].end, "person", "·".join(parts), "dotted")
                )
                self._mark(taken, i, j)
                i = j
                continue
            # a surname and a given name the segmenter cut apart, both tagged as names: 姚|安娜
            if (
                pos == "nr"
                and len(text) == 1
                and text in self.surnames
                and text not in self.rare_surnames
                and i + 1 < n
                and not taken[i + 1]
                and 1 <= len(tokens[i + 1].text) <= 2
                and _CJK.match(tokens[i + 1].text)
                and (
                    self._pos(tokens[i + 1]) in ("nr", "nrt", "nrfg")
                    or (
                        # 龚|强华: a two-character "word" jieba does not know after a lone surname
                        len(tokens[i + 1].text) == 2
                        and _is_one_name(_name_hmm(text + tokens[i + 1].text))
                        and tokens[i + 1].pos in _GIVEN_NAME_POS | {"ad", "an"}
                        and not tokens[i + 1].is_stop
                        and tokens[i + 1].text not in self.known_words
                        and tokens[i + 1].text not in self.place_words
                        and tokens[i + 1].text not in self.titles
                        and tokens[i + 1].text not in self.speech_verbs
                        and tokens[i + 1].text[-1] not in _FUNCTION_EDGE
                    )
                )
            ):
                out.append(
                    NameSpan(
                        tok.start,
                        tokens[i + 1].end,
                        "person",
                        text + tokens[i + 1].text,
                        "surname+nr",
                    )
                )
                self._mark(taken, i, i + 2)
                i += 2
                continue
            # a foreign name cut into name-tagged pieces: 威尔|莱特, 温|斯莱特
            if pos.startswith("nr") and _TRANSLIT.issuperset(text):
                j = i + 1
                while (
                    j < n
                    and not taken[j]
                    and tokens[j].pos.startswith("nr")
                    and _CJK.match(tokens[j].text)
                    and _TRANSLIT.issuperset(tokens[j].text)
                ):
                    j += 1
                joined = "".join(t.text for t in tokens[i:j])
                if j - i >= 2 and 3 <= len(joined) <= 7 and self._context(tokens, i, j):
                    out.append(
                        NameSpan(tok.start, tokens[j - 1].end, "person", joined, "nr-pieces")
                    )
                    self._mark(taken, i, j)
                    i = j
                    continue
            # a two-character name plus a character the segmenter cut off: 张明|渝 表示
            if (
                pos == "nr"
                and len(text) == 2
                and text[0] in self.surnames
                and i + 1 < n
                and not taken[i + 1]
                and len(tokens[i + 1].text) == 1
                and _CJK.match(tokens[i + 1].text)
                and not tokens[i + 1].is_stop
                and tokens[i + 1].text not in self.speech_verbs
                and tokens[i + 1].text not in _ADVERBS_AFTER_NAME
                and tokens[i + 1].text not in self.titles
                and tokens[i + 1].text in self.given_name_chars_wide
                and (
                    (tokens[i + 1].pos in _CUT_OFF_CHAR_POS and self._context(tokens, i, i + 2))
                    # a bound morpheme (ng, ag, j …) cannot stand alone: it ends the name
                    or (tokens[i + 1].pos in _BOUND_MORPHEME_POS and text not in self.common_words)
                    or (tokens[i + 1].pos in ("v", "c") and self._title_before(tokens, i))
                )
            ):
                out.append(
                    NameSpan(
                        tok.start, tokens[i + 1].end, "person", text + tokens[i + 1].text, "nr+char"
                    )
                )
                self._mark(taken, i, i + 2)
                i += 2
                continue
            if (
                (
                    pos.startswith("nr")
                    or (
                        pos == "ns"
                        and self._looks_foreign_name(text)
                        and self._context(tokens, i, i + 1)
                    )
                )
                and text not in _NOT_PERSON
                and _CJK.match(text)
            ):
                chinese = self._looks_chinese_name(text)
                foreign = self._looks_foreign_name(text)
                if (
                    (chinese or foreign)
                    and text[1:] not in self.titles
                    and text not in self.titles
                    and text[-1] not in _HONORIFIC_END
                    and text not in self.dictionary_words
                    and text not in self.place_words
                    and (
                        not (len(text) == 3 and text[1:] in self.dictionary_words)
                        # 建军, 为民 are words, but 副行长张建军 is a name
                        or (chinese and self._position_title_before(tokens, i))
                    )
                ):
                    cue = self._context(tokens, i, i + 1) or (
                        # jieba's dictionary tags well-known people nrfg (金庸, 陈省身)
                        chinese
                        and tok.pos == "nrfg"
                        and text[0] in self.top_surnames
                        and text[-1] not in "家姓氏"
                    )
                    if chinese and (
                        text[: self._surname_len(text)] in self.rare_surnames
                        or text[0] in _FUNCTION_SURNAMES
                    ):
                        strong = cue
                    elif chinese and len(text) == 2:
                        strong = cue or (
                            pos == "nr"
                            # a word only the HMM calls a name: its given name must look like one
                            and (tok.pos == "nr" or text[1] in self.given_name_chars)
                            and text[1] not in _WEAK_GIVEN_CHARS
                            and text not in self.common_words
                        )
                    elif (
                        chinese
                        and i > 0
                        and tokens[i - 1].pos == "nr"
                        and len(tokens[i - 1].text) == 1
                    ):
                        strong = False  # 姚|安娜刚: the segmenter cut the name wrongly
                    elif (
                        chinese
                        and text in self.common_words
                        and text[-1] in _NOT_NAME_END
                        and not (
                            # 孙中山, 吴冠中: a name in jieba's dictionary may end in 中/山
                            text[0] in self.top_surnames and text[-1] not in _NOT_NAME_END_DICT
                        )
                    ):
                        # 白皮书 指出: a dictionary word, whatever follows it; but a title
                        # right before makes it a name (副行长张建军, 主任王为民)
                        strong = self._position_title_before(tokens, i)
                    elif chinese:
                        strong = (
                            cue
                            or (
                                (
                                    text[-1] not in _NOT_NAME_END
                                    or (
                                        text in self.common_words
                                        and text[-1] not in _NOT_NAME_END_DICT
                                    )
                                )
                                and text[1:] not in self.titles
                                and (
                                    text not in self.common_words
                                    or (
                                        text[0] in self.top_surnames
                                        and text[-1] in self.given_name_chars
                                    )
                                    or (
                                        # a three-character name jieba's dictionary lists
                                        # (赵无极, 齐白石) whose tail is no ordinary word
                                        len(text) == 3
                                        and text[0] in self.top_surnames
                                        and not _TRANSLIT.issuperset(text[1:])
                                        and text[1] not in "一二三四五六七八九十百千万"
                                        and text[-1] not in _NOT_NAME_END_DICT
                                        and text[1:] not in self.known_words
                                        and text[1:] not in self.dictionary_words
                                        # 杜松子, 高保真: the given name must look like one
                                        and all(ch in self.given_name_chars_wide for ch in text[1:])
                                        and text[2] not in _NOT_GIVEN_END
                                    )
                                )
                            )
                        )
                    else:
                        # transliterated words are as often places, clubs, products (斯特瑞克,
                        # 普拉兰岛, 富勒姆, 霍尼韦尔, 梅赛德斯): a foreign name needs a cue; a
                        # verb only people do (伤愈, 率队, 参演) or 的 + their works will do
                        strong = cue or (
                            len(text) >= 3
                            and bool(raw)
                            and self._weak_cue_after(raw, tok.end)
                            and text not in self.organisation_words
                            # not the tail of a name cut after its first character (内|德维德)
                            and (
                                tok.start == 0
                                or not _is_cjk(raw[tok.start - 1])
                                or raw[tok.start - 1] in _FUNCTION_BEFORE_NAME
                            )
                        )
                    if strong and not self._team_context(tokens, i, i + 1):
                        out.append(NameSpan(tok.start, tok.end, "person", text, "nr"))
                        taken[i] = True
                        i += 1
                        continue
            # a word only the segmenter's HMM made (梁京, 黄胄), shaped like a name, with a
            # verb of doing or a person's belongings after it or a verb taking a person
            # before it: 梁京去年办了, 黄胄的作品, 名叫张展
            if (
                tok.oov
                and raw
                and self._looks_chinese_name(text)
                and text[: self._surname_len(text)] in self.top_surnames
                and all(g in self.given_name_chars_wide for g in text[self._surname_len(text) :])
                and not raw[tok.start - 1 : tok.start].isdigit()
                # not the tail of a name cut after its first character (齐|白石等人)
                and (
                    i == 0
                    or len(tokens[i - 1].text) > 1
                    or not _is_cjk(tokens[i - 1].text)
                    or tokens[i - 1].text in _FUNCTION_BEFORE_NAME
                )
                and text[0] not in _FUNCTION_SURNAMES
                and text[-1] not in _HONORIFIC_END
                and text not in self.known_words
                and text not in self.dictionary_words
                and text not in self.place_words
                and text not in _NOT_PERSON
                and text[1:] not in self.known_words
                and (
                    self._weak_cue_after(raw, tok.end)
                    or self._weak_cue_before(raw, tok.start)
                    or any(raw.startswith(w, tok.end) for w in _SUBJECT_ADVERBS)
                )
            ):
                out.append(NameSpan(tok.start, tok.end, "person", text, "oov+weak-cue"))
                taken[i] = True
                i += 1
                continue
            # a surname the segmenter left alone, joined with the next 1–2 characters
            if len(text) <= 2 and self._lone_surname(text) and i + 1 < n and not taken[i + 1]:
                nxt = tokens[i + 1]
                joined = text + nxt.text
                if (
                    pos not in _NOT_GIVEN_NAME_POS | {"v", "d", "vn", "a", "ad"}
                    and text not in _FUNCTION_SURNAMES
                    and nxt.text not in self.titles
                    and nxt.text[-1] not in _HONORIFIC_END
                    and _CJK.match(nxt.text)
                    and 1 <= len(nxt.text) <= 2
                    and not nxt.is_stop
                    and nxt.pos not in _NOT_GIVEN_NAME_POS
                    and joined not in _NOT_PERSON
                ):
                    cue = self._context(tokens, i, i + 2)
                    rare = text in self.rare_surnames
                    if cue and not (rare and nxt.pos not in _GIVEN_NAME_POS):
                        out.append(NameSpan(tok.start, nxt.end, "person", joined, "surname+given"))
                        self._mark(taken, i, i + 2)
                        i += 2
                        continue
            # a Latin-script name with a person cue: 设计师 Anderson, Svensson 表示
            if (
                _LATIN_NAME.match(text)
                and text.casefold() not in self.generic_latin
                and not _LATIN.match(getattr(_neighbour(tokens, i + 1, +1), "text", ""))
                and not _LATIN.match(getattr(_neighbour(tokens, i - 1, -1), "text", ""))
                # a title before: a capitalised word before 表示 is as often a company
                and self._title_before(tokens, i)
            ):
                out.append(NameSpan(tok.start, tok.end, "person", text, "latin+cue"))
                taken[i] = True
                i += 1
                continue
            # a foreign name the segmenter split into pieces, with a cue around it
            if _CJK.match(text) and _TRANSLIT.issuperset(text) and pos not in ("ns", "d", "p", "m"):
                j = i + 1
                while (
                    j < n
                    and not taken[j]
                    and _CJK.match(tokens[j].text)
                    and _TRANSLIT.issuperset(tokens[j].text)
                    and tokens[j].pos not in ("v", "d", "p", "m", "ns")
                ):
                    j += 1
                joined = "".join(t.text for t in tokens[i:j])
                if j - i >= 2 and 3 <= len(joined) <= 8 and self._context(tokens, i, j):
                    out.append(
                        NameSpan(tok.start, tokens[j - 1].end, "person", joined, "translit+cue")
                    )
                    self._mark(taken, i, j)
                    i = j
                    continue
            i += 1
        return out

    def _name_ends_at(self, text: str, e: int) -> bool:
        """True when a name may end at ``e``: punctuation, Latin, a function word or a cue."""
        if e >= len(text):
            return True
        ch = text[e]
        if not ("\u4e00" <= ch <= "\u9fff"):
            return True
        return ch in _AFTER_NAME_CHARS or self._cue_after(text, e, False)

    @staticmethod
    def _place_context(tokens: Sequence[Token], i: int) -> bool:
        """True when token ``i`` reads as a place: after 在/到/位于 or a place name."""
        prev = _neighbour(tokens, i - 1, -1)
        if prev is None:
            return False
        return (
            prev.text in _LOCATIVE_BEFORE
            or prev.pos == "ns"
            or (prev.entry is not None and prev.entry.type == "location")
        )

    def _extend_names(self, doc: Doc, spans: list[NameSpan]) -> list[NameSpan]:
        """Grow a two-character Chinese name by the given-name character cut off after it.

        ``郭子|健在``, ``刘海|生曾表示``: when the next character is a common given-name
        character and a name may end after it (punctuation, a function word, a cue) while
        it may not end before it, the three characters are the name.
        """
        text = doc.text
        starts = {sp.start for sp in spans}
        out: list[NameSpan] = []
        for sp in spans:
            e = sp.end
            if (
                sp.type == "person"
                and sp.end - sp.start == 2
                and sp.text[0] in self.surnames
                and _CJK.match(sp.text)
                and e < len(text)
                and e not in starts
                and text[e] in self.given_name_chars_wide
                and text[e] not in _AFTER_NAME_CHARS
                and not self._name_ends_at(text, e)
                and self._name_ends_at(text, e + 1)
                and text[e : e + 2] not in self.known_words
                and text[e : e + 2] not in self.dictionary_words
                and text[sp.start : e + 1] not in self.known_words
                and text[e - 1 : e + 1] not in _TITLES_AFTER
                and not any(text[e : e + k] in self.titles for k in (1, 2, 3))
            ):
                sp = NameSpan(sp.start, e + 1, "person", text[sp.start : e + 1], sp.rule + "+1")
            elif (
                sp.type == "person"
                and e < len(text)
                and e not in starts
                and "·" not in sp.text
                and _TRANSLIT.issuperset(sp.text)
                and text[e] in _TRANSLIT_MORE
            ):
                # 谢尔久|科夫, 马扎|里: a transliterated name the segmenter cut short
                f = e
                while f < len(text) and text[f] in _TRANSLIT_MORE and f - sp.start < 7:
                    f += 1
                if f - sp.start <= 7 and self._name_ends_at(text, f):
                    sp = NameSpan(sp.start, f, "person", text[sp.start : f], sp.rule + "+t")
            out.append(sp)
        return out

    def _enumerated(self, text: str, spans: Sequence[NameSpan]) -> list[NameSpan]:
        """Names listed with a person: ``阿德巴约、范佩西和沃尔科特``.

        A segment between ``、`` (or 和/与/及 after a list) next to a person is a person
        too when it looks like a name: a surname and one or two given-name characters,
        or three to seven transliteration characters.
        """
        n = len(text)
        busy = bytearray(n)
        for sp in spans:
            for c in range(sp.start, min(sp.end, n)):
                busy[c] = 1
        people = sorted((sp.start, sp.end) for sp in spans if sp.type == "person")
        out: list[NameSpan] = []
        todo = list(people)
        while todo:
            a, b = todo.pop()
            for direction in (+1, -1):
                if direction > 0:
                    if b >= n or text[b] not in _ENUM_SEPARATORS:
                        continue
                    s0 = b + 1
                    e0 = s0
                    while (
                        e0 < n and e0 - s0 < 7 and "\u4e00" <= text[e0] <= "\u9fff" and not busy[e0]
                    ):
                        e0 += 1
                    cands = [(s0, e) for e in range(e0, s0 + 1, -1)]
                else:
                    if a == 0 or text[a - 1] not in _ENUM_SEPARATORS:
                        continue
                    e0 = a - 1
                    s0 = e0
                    while (
                        s0 > 0
                        and e0 - s0 < 7
                        and "\u4e00" <= text[s0 - 1] <= "\u9fff"
                        and not busy[s0 - 1]
                    ):
                        s0 -= 1
                    cands = [(s, e0) for s in range(s0, e0 - 1)]
                for cs, ce in cands:
                    seg = text[cs:ce]
                    # the segment must end at a separator, punctuation or the end of the list
                    after = text[ce] if ce < n else "。"
                    before = text[cs - 1] if cs > 0 else "，"
                    if direction > 0 and not (
                        after in _ENUM_SEPARATORS
                        or not ("\u4e00" <= after <= "\u9fff")
                        or after in _AFTER_NAME_CHARS
                        or after in "等"
                    ):
                        continue
                    if (
                        direction < 0
                        and ("\u4e00" <= before <= "\u9fff")
                        and before not in _ENUM_SEPARATORS
                    ):
                        continue
                    if self._enum_name(seg):
                        out.append(NameSpan(cs, ce, "person", seg, "enumerated"))
                        for c in range(cs, ce):
                            busy[c] = 1
                        todo.append((cs, ce))
                        break
        return out

    def _enum_name(self, seg: str) -> bool:
        if seg in self.known_words or seg in self.dictionary_words or seg in self.place_words:
            return False
        if seg in _NOT_PERSON or seg in self.titles:
            return False
        if 2 <= len(seg) <= 3 and self._surname_len(seg + "xx") >= 1:
            k = 2 if seg[:2] in self.compound_surnames else 1
            given = seg[k:]
            return 1 <= len(given) <= 2 and all(g in self.given_name_chars_wide for g in given)
        return 3 <= len(seg) <= 7 and _TRANSLIT.issuperset(seg)

    # ------------------------------------------------------- character-level names
    def _cue_before(self, text: str, p: int) -> bool:
        """True when a title or byline word ends right before character ``p``."""
        q = p
        while q > 0 and text[q - 1] == " ":
            q -= 1
        for k in range(1, 7):
            if q - k < 0:
                break
            w = text[q - k : q]
            if w in self.titles or w.upper() in self.titles:
                return True
        return q >= 2 and text[q - 1] == "/" and text[q - 2] in "文图"

    def _cue_after(self, text: str, e: int, at_start: bool) -> bool:
        """True when a speech verb, a title or (at a sentence start) a colon follows ``e``."""
        while e < len(text) and text[e] == " ":
            e += 1
        if e >= len(text):
            return False
        if at_start and text[e] in "：:":
            return True
        for adv in ("", *_CUE_ADVERBS):
            if adv and not text.startswith(adv, e):
                continue
            f = e + len(adv)
            for k in (1, 2, 3, 4):
                w = text[f : f + k]
                if len(w) < k:
                    break
                if w in self.speech_verbs or (not adv and w in _TITLES_AFTER):
                    return True
        return False

    @staticmethod
    def _dotted_chars(
        text: str, busy: bytearray, out: list[NameSpan], token_ends: set[int]
    ) -> None:
        """Dotted foreign names on the characters (上安迪·沃霍尔 -> 安迪·沃霍尔).

        The first part is the transliteration characters before the dot, wherever the
        segmenter cut; the last part ends where a token ends (罗伊|博士, 马卡罗夫|当天).
        """
        for m in _DOTTED.finditer(text):
            parts = [p.strip() for p in re.split(r"[·•・]", m.group())]
            first = parts[0]
            k = len(first)
            while k > 0 and first[k - 1] in _TRANSLIT and len(first) - k < 6:
                k -= 1
            parts[0] = first[k:]
            last = parts[-1]
            k = 0
            while k < len(last) and last[k] in _TRANSLIT_MORE and k < 6:
                k += 1
            base = m.end() - len(last)
            while k > 0 and base + k not in token_ends:
                k -= 1
            parts[-1] = last[:k]
            if not all(parts) or any(not _TRANSLIT.issuperset(p) for p in parts[1:-1]):
                continue
            a = m.start() + len(first) - len(parts[0])
            b = m.end() - (len(last) - len(parts[-1]))
            if sum(len(p) for p in parts) < 3 or any(busy[c] == 1 for c in range(a, b)):
                continue
            if (a > 0 and text[a - 1] == "《") or (b < len(text) and text[b] in "号》"):
                continue  # 《哈利·波特》, “德米特里·东斯科伊”号: a title, a ship
            out.append(NameSpan(a, b, "person", "·".join(parts), "dotted-chars"))
            for c in range(a, b):
                busy[c] = 1

    def _speech_after(self, text: str, e: int) -> bool:
        while e < len(text) and text[e] == " ":
            e += 1
        return any(text[e : e + k] in self.speech_verbs for k in (1, 2, 3, 4))

    def _latin_names(
        self, text: str, busy: bytearray, sent_starts: set[int], out: list[NameSpan]
    ) -> None:
        """Latin-script people: a known given name and a capitalised surname (Tim Cook,
        LewisCarroll), or one capitalised word with a title before or a speech verb after."""
        for m in _LATIN_PERSON.finditer(text):
            a, b = m.span()
            if any(busy[a:b]) or text[max(a - 2, 0) : a].strip() == "&":
                continue  # Munro & Associates: a firm
            parts = _CAMEL_PART.findall(m.group())
            if m.group().casefold() in self.generic_latin or not parts:
                continue
            if len(parts) >= 2:
                ok = parts[0].casefold() in self.latin_given_names and all(
                    len(x) >= 2 and x.casefold() not in self.generic_latin for x in parts[1:]
                )
            else:
                # a capitalised word before 表示 is as often a company (Hertz, Wccftech)
                ok = len(parts[0]) >= 3 and (
                    self._cue_before(text, a)
                    or (
                        parts[0].casefold() in self.latin_given_names
                        and self._speech_after(text, b)
                    )
                )
            if ok:
                out.append(NameSpan(a, b, "person", m.group(), "latin-name"))
                for c in range(a, b):
                    busy[c] = 1
        # a lower-case or run-together Latin name right after a job title
        # (总编 annawintour, 负责人 julia): the title says it is a person
        for m in _LATIN_WORD.finditer(text):
            a, b = m.span()
            if (
                any(busy[a:b])
                or m.group().casefold() in self.generic_latin
                # a handle is lower-case or capitalised; RAW, JSON after 专家/编辑 are terms
                or not (m.group().islower() or m.group()[1:].islower())
                # a handle after 选手/网友/解说 is a person's too
                or not self._cue_before(text, a)
                or (b < len(text) and text[b] in _NAME_JOINERS)
            ):
                continue
            out.append(NameSpan(a, b, "person", m.group(), "latin-title"))
            for c in range(a, b):
                busy[c] = 1

    def _char_names(
        self,
        doc: Doc,
        tokens: Sequence[Token],
        taken: list[bool],
        found: Sequence[NameSpan],
    ) -> list[NameSpan]:
        """Chinese names found on the characters, whatever the segmenter did with them.

        The segmenter often cuts an unknown name apart or glues it to its neighbour
        (``冯|超然``, ``李晓|林先生``, ``蔡早|勤汤``). Here every surname in the raw text
        starts a candidate of one or two given-name characters (from the shipped list of
        common given-name characters); a candidate counts when a cue surrounds it (a
        title before, a speech verb or title after, a colon opening the sentence, or an
        enumeration ``、`` beside a name already found) and when it does not cut a
        dictionary word in two at its left edge or swallow one at its right edge.
        """
        text = doc.text
        n = len(text)
        if n < 2:
            return []
        busy = bytearray(n)
        out: list[NameSpan] = []
        for k, tok in enumerate(tokens):
            if taken[k]:
                for c in range(tok.start, min(tok.end, n)):
                    busy[c] = 1
        for sp in found:
            for c in range(sp.start, min(sp.end, n)):
                busy[c] = 1
        person_ends = {sp.end for sp in found if sp.type == "person"}
        person_starts = {sp.start for sp in found if sp.type == "person"}
        sent_starts = {s.start for s in doc.sentences or ()}
        sent_starts.add(0)
        words = self.known_words
        token_ends = {t.end for t in tokens}
        tok_pos = {t.start: t.pos for t in tokens}
        # inside a dictionary word no name starts (齐|白石); inside a word the segmenter's
        # HMM made one may (问孙楠, 文睿研究易飞凡)
        inner = bytearray(n)
        for t in tokens:
            if not t.oov and t.end - t.start > 1:
                inner[t.start + 1 : min(t.end, n)] = b"\x01" * (min(t.end, n) - t.start - 1)
        self._latin_names(text, busy, sent_starts, out)
        p = 0
        while p < n - 1:
            ch = text[p]
            if busy[p] or not ("\u4e00" <= ch <= "\u9fff"):
                p += 1
                continue
            if inner[p]:
                p += 1
                continue
            if (
                text[p : p + 2] in self.japanese_surnames
                or text[p : p + 3] in self.japanese_surnames
            ):
                e = self._japanese_name(text, p, busy)
                if e:
                    out.append(NameSpan(p, e, "person", text[p:e], "japanese"))
                    for c in range(p, e):
                        busy[c] = 1
                    person_ends.add(e)
                    p = e
                    continue
            surname = ch in self.surnames or text[p : p + 2] in self.compound_surnames
            titled = (surname or ch in _TRANSLIT) and self._position_before(text, p)
            if ch in _TRANSLIT and (
                titled
                or p in sent_starts
                or not _is_cjk(text[p - 1])
                or (text[p - 1] in _FUNCTION_BEFORE_NAME and text[p - 1] not in _TRANSLIT)
            ):
                e = (
                    self._translit_after_title(text, p, busy, token_ends)
                    if titled
                    else self._translit_before_speech(text, p, busy)
                )
                if e:
                    rule = "translit-title" if titled else "translit-speech"
                    out.append(NameSpan(p, e, "person", text[p:e], rule))
                    for c in range(p, e):
                        busy[c] = 1
                    person_ends.add(e)
                    p = e
                    continue
            if text[p : p + 2] in self.compound_surnames:
                slen = 2
            elif ch in self.surnames and (ch not in self.rare_surnames or titled):
                slen = 1
            else:
                p += 1
                continue
            # the surname must not end a word that starts before it (和平 / 时间)
            if p > 0 and any(
                text[q : p + 1] in words or text[q : p + 1] in self.dictionary_words
                for q in range(max(p - 3, 0), p)
            ):
                p += 1
                continue
            best: tuple[int, bool] | None = None
            for glen in (2, 1):
                e = p + slen + glen
                if e > n:
                    continue
                given = text[p + slen : e]
                # a title right before, a colon after a name opening an interview turn, or
                # （化名） after it is a cue strong enough to read a name the dictionary
                # would cut apart (副秘书长张|忠义, 金石|开：)
                turn = self._turn_opening(text, p, e, sent_starts)
                strong = (
                    (titled or turn or text.startswith(_PSEUDONYM_MARKS, e))
                    and text[p - 1 : p] != "《"
                    and self._clean_name_end(text, e)
                    and _CJK.match(given) is not None
                    and text[p] not in _FUNCTION_SURNAMES
                )
                if any(busy[c] for c in range(p, e)) or not all(
                    g in self.given_name_chars_wide
                    or (strong and g not in _FUNCTION_EDGE and g not in _NOT_STRONG_GIVEN)
                    for g in given
                ):
                    continue
                span = text[p:e]
                if (
                    (text[p : p + 2] in words and text[p : p + 2] not in self.common_words)
                    or (
                        glen == 2
                        and given in words
                        # after a title the given name may be a word (肖|长虹, 张|忠义), but
                        # not a verb or a function word (教授|任|执行)
                        and not (strong and tok_pos.get(p + slen, "v")[:1] not in "vdpcrmu")
                    )
                    or span in self.titles
                ):
                    continue  # 曾经|在, 滑铁卢|大学: ordinary words, not a name
                if (
                    span in words
                    or span in self.dictionary_words
                    or span in self.place_words
                    or span in _NOT_PERSON
                    or span[-1] in _HONORIFIC_END
                ):
                    continue
                # 陈先生, 陈小姐: a surname and a form of address, not a name
                if any(text[p + slen : p + slen + k] in self.titles for k in (1, 2, 3)) or (
                    e < n and text[e - 1 : e + 1] in self.titles
                ):
                    continue
                # a one-character given name must end there: 赵小|卓, 祝英|台 are cut short
                if (
                    glen == 1
                    and e < n
                    and "\u4e00" <= text[e] <= "\u9fff"
                    and text[e] not in _AFTER_NAME_CHARS
                    and not self._cue_after(text, e, False)
                    and not self._weak_cue_after(text, e)
                ):
                    continue
                # the name must not swallow the start of the next word (梅建明|文 ok, 张明亮|点?)
                if e < n and (text[e - 1 : e + 1] in words and glen == 2 and given not in words):
                    continue
                at_start = p in sent_starts or (p > 0 and text[p - 1] in '\n（(【[“"')
                cue = (
                    self._cue_before(text, p)
                    or self._cue_after(text, e, at_start)
                    or (p - 1 in person_ends and text[p - 1] == "、")
                    or (p >= 1 and text[p - 1] == "、" and (p - 1) in person_ends)
                    or (e < n and text[e] == "、" and e + 1 in person_starts)
                    or text.startswith(_PSEUDONYM_MARKS, e)
                    or (
                        # a weaker cue (a verb of doing, 的 + a person's belongings) for a
                        # candidate shaped like a name: a common surname, given-name
                        # characters, neither part an ordinary word
                        text[p : p + slen] in self.top_surnames
                        and all(g in self.given_name_chars_wide for g in given)
                        and given not in words
                        and given not in self.dictionary_words
                        and (self._weak_cue_after(text, e) or self._weak_cue_before(text, p))
                    )
                )
                if not cue:
                    continue
                if text[p] in _FUNCTION_SURNAMES and not self._cue_before(text, p):
                    continue  # 向大家介绍, 和同学: a function word, unless a title precedes
                best = (e, cue)
                break
            if best is None:
                p += 1
                continue
            e = best[0]
            out.append(NameSpan(p, e, "person", text[p:e], "char-name"))
            for c in range(p, e):
                busy[c] = 1
            person_ends.add(e)
            p = e
        return out

    def _weak_cue_after(self, text: str, e: int) -> bool:
        """True when a verb of doing (赴, 去世, 主演), ``（化名）`` or ``的`` and a person's
        belongings or kin (的作品, 的父亲) follows character ``e``."""
        if any(text[e : e + k] in self.person_verbs for k in (1, 2, 3)):
            return True
        if text.startswith(_PSEUDONYM_MARKS, e):
            return True
        if text[e : e + 1] == "等" and any(
            text[e + 1 : e + 1 + k] in _PEOPLE_AFTER_DENG for k in (1, 2, 3)
        ):
            return True  # 齐白石等人, 德尔加多等球员: 等 and a group of people
        return text[e : e + 1] == "的" and any(
            text[e + 1 : e + 1 + k] in self.person_belongings for k in (1, 2, 3)
        )

    def _weak_cue_before(self, text: str, p: int) -> bool:
        """True when a verb that takes a person (名叫, 采访, 嫁给) ends right before ``p``."""
        return any(p - k >= 0 and text[p - k : p] in self.person_before for k in (2, 3))

    def _turn_opening(self, text: str, p: int, e: int, sent_starts: set[int]) -> bool:
        """True when ``text[p:e]`` opens a sentence and a colon follows: 金石开：…"""
        return (p in sent_starts or (p > 0 and text[p - 1] in "\n【[")) and text[e : e + 1] in (
            "：",
            ":",
        )

    def _clean_name_end(self, text: str, e: int) -> bool:
        """True when a name may end at ``e`` without cutting a word: punctuation,
        Latin, a function character, a title, a speech verb or a verb of doing after it."""
        if e >= len(text):
            return True
        ch = text[e]
        if ch in _NAME_JOINERS:
            return False  # 鲍勃|·巴克什, 埃隆|-马斯克: only the first part of a foreign name
        if not _is_cjk(ch):
            return True
        return (
            ch in _AFTER_NAME_CHARS
            or self._cue_after(text, e, False)
            or self._weak_cue_after(text, e)
            or _BYLINE_END.match(text, e) is not None
            or (any(text[e : e + k] in self.titles for k in (2, 3)))
        )

    def _japanese_name(self, text: str, p: int, busy: bytearray) -> int:
        """End of a Japanese name at ``p`` with a cue, or 0.

        A Japanese family name (``surnames_japanese.txt``), then up to three given-name
        characters, with a job title before it or a title or speech verb after it:
        任天堂总裁古川俊太郎, 桥本首相, 古川说. The given name must not start an ordinary
        word or a verb (古川|表达了).
        """
        n = len(text)
        slen = 3 if text[p : p + 3] in self.japanese_surnames else 2
        titled = self._position_before(text, p)
        if (
            p > 0
            and _is_cjk(text[p - 1])
            and not titled
            and text[p - 1] not in _FUNCTION_BEFORE_NAME
        ):
            return 0  # inside a longer word
        for glen in (3, 2, 1, 0):
            e = p + slen + glen
            if e > n or any(busy[p:e]) or not all(_is_cjk(c) for c in text[p:e]):
                continue
            given = text[p + slen : e]
            if given and (
                any(text[p + slen : p + slen + k] in self.known_words for k in (2, 3))
                or any(text[p + slen : p + slen + k] in self.speech_verbs for k in (1, 2))
                or any(text[p + slen : p + slen + k] in self.titles for k in (1, 2, 3))
                or given[0] in _FUNCTION_EDGE
                or given[0] in _NOT_STRONG_GIVEN
                or given.startswith(_CUE_ADVERBS)
            ):
                continue
            after = self._cue_after(text, e, False) or any(
                text[e : e + k] in self.titles for k in (2, 3)
            )
            if glen == 0:
                if after:
                    return e
                continue
            if (titled and self._clean_name_end(text, e)) or after:
                return e
        return 0

    def _translit_before_speech(self, text: str, p: int, busy: bytearray) -> int:
        """End of a transliterated name opening a clause before a speech verb, or 0.

        ``萨蒂希表示``, ``维沙希瓦说``, ``韦斯特伍说``: three to seven transliteration
        characters after punctuation (or at the start) and right before a speech verb.
        """
        if p > 0 and text[p - 1] in _NAME_JOINERS:
            return 0  # the last part of a dotted name (鲍勃·|巴克什说)
        e = self._translit_run_end(text, p, busy)
        while e - p >= 3:
            span = text[p:e]
            if self._speech_after(text, e) or self._weak_cue_after(text, e):
                if (
                    any(text[p : p + k] in self.known_words for k in range(2, e - p))
                    or self._ordinary_word(span)
                    or span in self.organisation_words
                ):
                    return 0
                return e
            e -= 1
        return 0

    def _translit_run_end(self, text: str, p: int, busy: bytearray) -> int:
        """End of the run of at most seven transliteration characters from ``p``."""
        n = len(text)
        e = p
        while e < n and e - p < 7 and text[e] in _TRANSLIT_MORE and not busy[e]:
            e += 1
        return e

    def _ordinary_word(self, span: str) -> bool:
        """True when ``span`` is a word jieba knows, a place, or a word never a person."""
        return (
            span in self.known_words
            or span in self.dictionary_words
            or span in self.place_words
            or span in _NOT_PERSON
        )

    def _translit_after_title(
        self, text: str, p: int, busy: bytearray, token_ends: set[int]
    ) -> int:
        """End of a transliterated name right after a title (主帅多梅内克, 前锋迪迪则…), or 0.

        The name is the longest run of transliteration characters, two to seven long,
        that ends where a name may end: punctuation, a function character, a speech verb,
        or a token boundary the segmenter drew.
        """
        n = len(text)
        if p > 0 and any(
            text[q : p + 1] in self.known_words or text[q : p + 1] in self.dictionary_words
            for q in range(max(p - 3, 0), p)
        ):
            return 0  # 部长|达约: the first character ends a word (长达 14 分钟)
        e = self._translit_run_end(text, p, busy)
        if any(text[p : p + k] in self.known_words for k in range(2, e - p + 1)):
            return 0  # 上将|基本保持: an ordinary word starts there
        # the run ended by itself (主帅马扎里|并未, 门将阿邦丹齐里|低迷): a title before it
        # is enough; a run cut by the length limit or a found name must end cleanly
        natural = e - p >= 2 and (e >= n or (text[e] not in _TRANSLIT and not busy[e]))
        while e - p >= 2:
            span = text[p:e]
            if (
                not self._ordinary_word(span)
                and (e >= n or text[e] not in _NAME_JOINERS)
                and (natural or e in token_ends or self._clean_name_end(text, e) or text[e] in "则")
                and (e >= n or text[e] not in _TRANSLIT_MORE or self._clean_name_end(text, e))
            ):
                return e
            e -= 1
        return 0

    @staticmethod
    def _dotted_name(tokens: Sequence[Token], taken: list[bool], i: int) -> tuple[list[str], int]:
        """Return the parts of a dotted foreign name starting at token ``i`` and its end index."""
        n = len(tokens)
        parts: list[str] = []
        j = i
        while True:
            part = ""
            while (
                j < n
                and not taken[j]
                and _CJK.match(tokens[j].text)
                and tokens[j].pos not in _NOT_GIVEN_NAME_POS | {"v", "d", "uj", "ul"}
                and len(part) + len(tokens[j].text) <= 6
                and tokens[j].text not in _DOT_NAME_STOP
                and (
                    _TRANSLIT.issuperset(tokens[j].text)
                    or (not part and tokens[j].pos.startswith("nr"))
                )
            ):
                part += tokens[j].text
                j += 1
            if not part:
                break
            parts.append(part)
            k = j
            while k < n and tokens[k].is_space:
                k += 1
            if k < n and tokens[k].text in _NAME_DOTS:
                k += 1
                while k < n and tokens[k].is_space:
                    k += 1
                if k < n and _CJK.match(tokens[k].text):
                    j = k
                    continue
            break
        chars = "".join(parts)
        if (
            len(parts) < 2
            or len(chars) < 3
            or sum(ch in _TRANSLIT for ch in chars) < 0.7 * len(chars)
        ):
            return [], i
        return parts, j

    @staticmethod
    def _team_context(tokens: Sequence[Token], i: int, j: int) -> bool:
        """True when tokens[i:j] read as a sports team (``西汉姆主场``, ``vs 米德尔``)."""
        prev = _neighbour(tokens, i - 1, -1)
        nxt = _neighbour(tokens, j, +1)
        return (prev is not None and prev.text.lower() in _TEAM_CUES) or (
            nxt is not None and nxt.text.lower() in _TEAM_CUES
        )

    def _places(self, tokens: Sequence[Token], taken: list[bool]) -> list[NameSpan]:
        """Places the lexicon lacks, only when a place suffix says so (江油市, 维多利亚州).

        jieba tags many ordinary words ``ns`` (上市, 加密, 蓝牙, 城市), so a bare ``ns``
        token is not trusted; countries, provinces and big cities come from the lexicon.
        """
        out: list[NameSpan] = []
        n = len(tokens)
        i = 0
        while i < n:
            tok = tokens[i]
            if taken[i] or not _CJK.match(tok.text):
                i += 1
                continue
            j = i + 1
            if (
                tok.pos == "ns"
                and j < n
                and not taken[j]
                and tokens[j].text in self.location_suffixes
            ):
                j += 1
            text = tok.text if j == i + 1 else "".join(t.text for t in tokens[i:j])
            suffixed = j > i + 1 or (
                tok.pos == "ns"
                and len(text) >= 3
                and any(text.endswith(x) and len(text) > len(x) + 1 for x in self.location_suffixes)
            )
            if suffixed and text not in self.dictionary_words and text not in _NOT_PLACE:
                out.append(NameSpan(tok.start, tokens[j - 1].end, "location", text, "place-suffix"))
                self._mark(taken, i, j)
            i = j
        return out


_NOT_NAME_POS = frozenset(
    {
        "v",
        "vn",
        "vd",
        "d",
        "p",
        "c",
        "u",
        "uj",
        "ul",
        "uz",
        "ug",
        "ud",
        "uv",
        "m",
        "mq",
        "q",
        "r",
        "a",
        "ad",
        "an",
        "f",
        "t",
        "y",
        "e",
        "o",
        "x",
        "zg",
    }
)
# Characters that never start or end a name: 车企以|集团.
_FUNCTION_EDGE = frozenset("的了以在和与及或等将被把对从向为是也都就这那其")

_GENERIC_LATIN = frozenset(
    w.casefold()
    for w in [
        "vs",
        "CEO",
        "CPU",
        "GPU",
        "MCU",
        "IP",
        "AI",
        "APP",
        "PC",
        "TV",
        "IT",
        "ATM",
        "USB",
        "PD",
        "SSD",
        "OLED",
        "LCD",
        "5G",
        "4G",
    ]
)

_NOT_PLACE = frozenset(
    [
        "自治州",
        "自治区",
        "中国区",
        "大中华区",
        "开发区",
        "园区",
        "新区",
        "市区",
        "城区",
        "郊区",
        "地区",
    ]
)


# Second characters of two-character nr tokens that are usually words, not given names
# (高新, 文中, 金融 …); such tokens need a cue around them.
_WEAK_GIVEN_CHARS = frozenset("中上下里外前后新端价效速达额牌件天年星元台全装墨规见湖金融机器说")


# Last characters that make a three-character "name" a place or thing (银行卡, 宁玛派, 王府井).
_NOT_NAME_END = frozenset(
    "们说化榜书币碟格真证卡派人书城园井树玉鱼水路街岛寺山祠镇湖河村区港市省县会队店馆厂社部局院所站台桥楼塔门堂宫殿庙坊谷州府湾滩峰洲中时"
)

# Ends that still rule out a name that jieba's dictionary lists as one (白皮书, 高端化,
# 丁家河, 黄金周) — 中, 玉, 真, 时 end real names (吴冠中, 丁肇中).
_NOT_NAME_END_DICT = (_NOT_NAME_END - frozenset("中玉真时树")) | frozenset("节梨周之甲泊亭原江")

# Common ends of ordinary words that are rarely the end of a modern given name (松子, 桃子).
_NOT_GIVEN_END = frozenset("子儿头")

# Words after a person's name that make a doctrine or an era of it (邓小平理论).
_DOCTRINE_SUFFIXES = frozenset(["理论", "思想", "主义", "时代", "路线"])

# Surnames that are more often function words (于本周, 向大家, 和亚洲): need a cue.
_FUNCTION_SURNAMES = frozenset("于何和向曾后都时从以为被把对将让给与及也还就路以")
# adverbs and time words that follow the subject of a sentence (梁京去年…, 杨振兴一直…):
# after a word only the segmenter's HMM made and that is shaped like a name, a cue
_SUBJECT_ADVERBS = (
    "一直",
    "已经",
    "曾经",
    "去年",
    "今年",
    "当时",
    "当年",
    "日前",
    "近日",
    "随后",
    "此前",
    "再次",
    "首次",
    "亲自",
    "本人",
    "也",
    "还",
    "则",
    "却",
    "便",
    "又",
    "都",
    "曾",
    "仍",
)


# what follows a reporter's name in a byline: 记者慕豪报道, 记者由曦发自北京, 上海报道, 文/图
_BYLINE_END = re.compile(r"(?:[\u4e00-\u9fff]{2,3})?(?:报道|发自|摄影|摄)|[文图摄]\s*[/／）)]")


# a pseudonym marked after a name: 钱海洋（化名）
_PSEUDONYM_MARKS = ("（化名", "(化名")
# function characters after which a name may start (的托雷斯, 让斯帕莱蒂, 和佩罗塔)
_FUNCTION_BEFORE_NAME = frozenset("的和与及让将对被把给跟同是由")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# characters joining the parts of a foreign name (埃隆·马斯克, 埃隆-马斯克)
_NAME_JOINERS = frozenset("·•・‧-－—")
# words in the title list that name a group of people rather than a position: a name
# often follows them (网友王伟臣), but so does any word (用户马上会…), so they are not
# enough to read a dictionary word as a name
_GROUP_NOUNS = frozenset(
    [
        "用户",
        "网友",
        "博友",
        "市民",
        "村民",
        "居民",
        "患者",
        "学生",
        "员工",
        "工人",
        "车主",
        "粉丝",
        "玩家",
        "选手",
        "球员",
        "球迷",
        "队员",
        "读者",
        "观众",
        "消费者",
        "投资者",
        "股民",
        "彩民",
        "会员",
        "客户",
        "作者",
        "人士",
        "同学",
        "孩子",
        "家长",
        "游客",
        "厂商",
    ]
)
# people a list of names ends with: 齐白石等人, 德尔加多等球员, 皮耶罗等老将
_PEOPLE_AFTER_DENG = _GROUP_NOUNS | frozenset(
    [
        "人",
        "名家",
        "老将",
        "大师",
        "明星",
        "艺人",
        "画家",
        "作家",
        "专家",
        "高管",
        "嘉宾",
        "球星",
        "名将",
        "前辈",
        "巨星",
        "领导",
        "官员",
        "导演",
        "演员",
    ]
)
# characters that after a title start a word, not a given name (记者|查阅 …)
_NOT_STRONG_GIVEN = frozenset("表示说称认指透介绍强调查阅获悉了解到从近昨今日说等人们图")
# Last characters of a form of address, not of a name (张某, 梁总, 林大哥, 陈导).
_HONORIFIC_END = frozenset("某总哥姐叔姨嫂爷氏导")

_CUE_ADVERBS = (
    "也",
    "则",
    "还",
    "曾",
    "就",
    "又",
    "再次",
    "随后",
    "此前",
    "近日",
    "日前",
    "同时",
    "更",
    "已经",
    "亦",
    "对此",
    "在",
    "公开",
    "首次",
    "亲自",
    "一直",
)

# Titles that follow a name (叶老桂博士, 王先生): a cue after a candidate.
_TITLES_AFTER = frozenset(
    [
        "先生",
        "女士",
        "小姐",
        "博士",
        "教授",
        "院士",
        "老师",
        "律师",
        "医生",
        "同志",
        "主任",
        "局长",
        "副局长",
        "部长",
        "董事长",
        "总裁",
        "经理",
        "总经理",
        "书记",
        "主席",
        "委员",
    ]
)
# Characters that may follow a one-character given name directly (王军的, 李明和).
_AFTER_NAME_CHARS = frozenset("的和与及是在将曾也等都被向对跟同从为把给让")

# A capitalised Latin word or two or three of them (CamelCase or spaced): Tim Cook, BenBell.
_LATIN_PERSON = re.compile(
    r"(?<![A-Za-z0-9_\-.@/])[A-Z][a-z]+(?:[ \-]?[A-Z][a-z]+){0,2}(?![A-Za-z0-9_\-.@/])"
)
_LATIN_WORD = re.compile(
    r"(?<![A-Za-z0-9_\-.@/&’'])[A-Za-z]{3,24}(?![A-Za-z0-9_\-.@/&’']|\s+[A-Za-z0-9])"
)
_DOTTED = re.compile(r"[\u4e00-\u9fff]+(?: ?[·•・] ?[\u4e00-\u9fff]+)+")
_ENUM_SEPARATORS = frozenset("、")
_CAMEL_PART = re.compile(r"[A-Z][a-z]+")

_BOUND_MORPHEME_POS = frozenset({"ng", "ag", "tg", "vg", "j", "dg", "rg"})
_CUT_OFF_CHAR_POS = frozenset({"j", "ng", "nr", "n", "a", "b", "ag", "tg", "vg", "ns", "nz"})

_SPORTS_CUES = frozenset(
    [
        "主场",
        "客场",
        "联赛",
        "战平",
        "逼平",
        "让球",
        "受让",
        "盘口",
        "赔率",
        "欧冠",
        "英超",
        "意甲",
        "西甲",
        "德甲",
        "法甲",
        "联盟杯",
        "球队",
        "比分",
        "主胜",
        "客胜",
        "平局",
        "降级",
        "保级",
        "积分榜",
        "交锋",
        "赛季",
    ]
)
# Titles jieba tags as names, which must not start a dotted name (顾问|斯蒂芬·洛夫格罗夫).
_DOT_NAME_STOP = frozenset(
    ["顾问", "总裁", "主席", "总统", "首相", "总理", "博士", "教授", "先生", "女士"]
)
_TEAM_CUES = frozenset(["vs", "vs.", "主场", "客场", "队", "主队", "客队", "让球", "受让", "盘口"])
_NOT_GIVEN_NAME_POS = frozenset(
    {"x", "p", "u", "uj", "ul", "uz", "ug", "c", "m", "q", "f", "r", "y", "e", "o"}
)
_GIVEN_NAME_POS = frozenset({"nr", "n", "a", "ns", "nz", "v", "vn", "ng", "t", "nrt", "b", "j"})


_NAME_DOTS = frozenset({"·", "•", "・"})

_MIN_FLOAT = -3.14e100  # jieba.posseg.viterbi: an unseen emission
_MIN_INF = float("-inf")  # and a transition that does not exist

_RETAG_POS = frozenset({"n", "x", ""})


@lru_cache(maxsize=1)
def _hmm_tables() -> tuple[Any, Any, Any, Any, dict[str, tuple[Any, ...]]]:
    """jieba's part-of-speech HMM tables and, per state, the states that can precede it."""
    from jieba import posseg

    trans = posseg.trans_P
    before: dict[Any, list[Any]] = {}
    for y0, nxt in trans.items():
        for y in nxt:
            before.setdefault(y, []).append(y0)
    return (
        posseg.char_state_tab_P,
        posseg.start_P,
        trans,
        posseg.emit_P,
        {y: tuple(v) for y, v in before.items()},
    )


@lru_cache(maxsize=1 << 15)
def _name_hmm(text: str) -> tuple[tuple[str, str], ...]:
    """Character states of jieba's part-of-speech HMM for ``text`` (read-only model tables).

    The Viterbi search of ``jieba.posseg.viterbi.viterbi``, with the same arithmetic and
    tie-breaking, but each state maximised only over the previous states that have a
    transition into it (the others score ``-inf``; when every candidate is ``-inf`` the
    full maximum is taken as jieba does). A pure function of ``text``; the bounded cache
    spares re-running it on a word that recurs through an article and across a corpus.
    """
    if not text:
        return ()
    states, start_p, trans_p, emit_p, before = _hmm_tables()
    all_states = trans_p.keys()
    v_prev: dict[Any, float] = {}
    path: list[dict[Any, Any]] = [{}]
    first = text[0]
    for y in states.get(first, all_states):
        v_prev[y] = start_p[y] + emit_p[y].get(first, _MIN_FLOAT)
        path[0][y] = ""
    for t in range(1, len(text)):
        ch = text[t]
        prev_states = [x for x in path[t - 1] if len(trans_p[x]) > 0]
        expect_next = {y for x in prev_states for y in trans_p[x]}
        obs_states = set(states.get(ch, all_states)) & expect_next
        if not obs_states:
            obs_states = expect_next if expect_next else set(all_states)
        prev_set = set(prev_states)
        v_now: dict[Any, float] = {}
        mem: dict[Any, Any] = {}
        for y in obs_states:
            emit = emit_p[y].get(ch, _MIN_FLOAT)
            best: tuple[float, Any] | None = None
            for y0 in before.get(y, ()):
                if y0 in prev_set:
                    cand = (v_prev[y0] + trans_p[y0][y] + emit, y0)
                    if best is None or cand > best:
                        best = cand
            if best is None or best[0] == _MIN_INF:
                best = max(
                    (v_prev[y0] + trans_p[y0].get(y, _MIN_INF) + emit, y0) for y0 in prev_states
                )
            v_now[y], mem[y] = best
        v_prev = v_now
        path.append(mem)
    _, state = max((v_prev[y], y) for y in path[-1])
    route: list[Any] = [None] * len(text)
    for i in range(len(text) - 1, -1, -1):
        route[i] = state
        state = path[i][state]
    return tuple((str(b), str(t)) for b, t in route)


def _is_one_name(states: Sequence[tuple[str, str]]) -> bool:
    return (
        bool(states)
        and states[0][0] == "B"
        and all(b in "ME" for b, _ in states[1:])
        and all(t in ("nr", "nrt", "nrfg") for _, t in states)
    )


def _neighbour_index(tokens: Sequence[Token], i: int, step: int) -> int | None:
    while 0 <= i < len(tokens):
        if not tokens[i].is_space:
            return i
        i += step
    return None


def _neighbour(tokens: Sequence[Token], i: int, step: int) -> Token | None:
    k = _neighbour_index(tokens, i, step)
    return None if k is None else tokens[k]
