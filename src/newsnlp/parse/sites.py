"""Per-site knowledge: publication names, datelines and boilerplate.

Covers the sources of the bundled corpus — ZAKER, IT之家, cnBeta, 36氪, 少数派, 品玩,
快科技 (formerly 驱动之家) — plus the generic markers every news page shares
(share/recommend/ad blocks). Element rules are applied by the HTML cleaner; the
paragraph rules catch the same boilerplate when it arrives as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

__all__ = [
    "DROP_CLASSES",
    "DROP_IDS",
    "MEDIA_CLASSES",
    "boilerplate_indices",
    "byline_author",
    "canonical_source",
    "is_boilerplate_paragraph",
    "known_source",
    "source_from_dateline",
    "source_from_url",
    "tidy_spaced_quotes",
]

# name as written anywhere (lower-cased, spaces removed) -> canonical publication name
_SOURCE_ALIASES: dict[str, str] = {
    "zaker": "ZAKER",
    "扎客": "ZAKER",
    "it之家": "IT之家",
    "ithome": "IT之家",
    "cnbeta": "cnBeta",
    "cnbeta.com": "cnBeta",
    "36kr": "36氪",
    "36氪": "36氪",
    "少数派": "少数派",
    "sspai": "少数派",
    "少数派sspai": "少数派",
    "品玩": "品玩",
    "pingwest": "品玩",
    "快科技": "快科技",
    "驱动之家": "快科技",
    "快科技（原驱动之家）": "快科技",
    "快科技(原驱动之家)": "快科技",
    "mydrivers": "快科技",
    "xdadevelopers": "XDA Developers",
    "xda": "XDA Developers",
}

_SPACE = re.compile(r"\s+")


def known_source(name: str | None) -> str | None:
    """Return the canonical name if ``name`` is a publication newsnlp knows, else None."""
    if not name:
        return None
    key = _SPACE.sub("", str(name)).lower()
    return _SOURCE_ALIASES.get(key)


def canonical_source(name: str | None) -> str | None:
    """Return the canonical publication name (``IT 之家`` → ``IT之家``), or the name tidied."""
    if name is None:
        return None
    text = _SPACE.sub(" ", str(name)).strip()
    if not text:
        return None
    return known_source(text) or text


_HOSTS = {
    "myzaker.com": "ZAKER",
    "ithome.com": "IT之家",
    "cnbeta.com": "cnBeta",
    "cnbeta.com.tw": "cnBeta",
    "36kr.com": "36氪",
    "sspai.com": "少数派",
    "pingwest.com": "品玩",
    "mydrivers.com": "快科技",
    "xda-developers.com": "XDA Developers",
}


# the usual address: http(s), a plain host name, an optional port, then the end or a
# path, query or fragment. Its host is what urlsplit() would give, without urlsplit's
# cost; every other address (user info, IPv6, tabs, odd schemes) goes through urlsplit.
_PLAIN_URL_HOST = re.compile(r"https?://([A-Za-z0-9.-]+)(?::[0-9]*)?(?=[/?#]|\Z)")


def source_from_url(url: str | None) -> str | None:
    """Return the publication whose site ``url`` is on (``www.ithome.com/0/1.htm`` → IT之家)."""
    if not url:
        return None
    url = url.strip()
    plain = _PLAIN_URL_HOST.match(url)
    if plain is not None:
        host = plain.group(1).lower()
    else:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return None
    while host:
        if host in _HOSTS:
            return _HOSTS[host]
        if "." not in host:
            break
        host = host.split(".", 1)[1]
    return None


_DATELINE = re.compile(
    r"^\s*(?:【\s*)?(IT\s*之家|快科技|cnBeta|36\s*氪|品玩|少数派|驱动之家)\s*(?:】\s*)?"
    r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:消息|讯|报道|电)",
    re.IGNORECASE,
)


def source_from_dateline(first_paragraph: str) -> str | None:
    """Return the publication named by a dateline such as ``IT 之家 9 月 12 日消息``."""
    m = _DATELINE.match(first_paragraph)
    return known_source(m.group(1)) if m else None


#: elements whose text is not article text but which hold real images (kept in ``images``)
MEDIA_CLASSES = frozenset(
    {"img_box", "content_img_div", "image-wrapper", "detailPic", "wp-caption", "img-wrapper"}
)

#: elements dropped entirely: captions, share/recommend/ad blocks, bylines, tag lists
DROP_CLASSES = frozenset(
    {
        # ZAKER / IT之家 / cnBeta / 36氪 / 快科技
        "img-desc",  # 36氪 image caption
        "picIntro",  # cnBeta image caption
        "tougao-user",  # IT之家 "感谢IT之家网友…的线索投递"
        "bqian",  # 快科技 tag list
        "zhuanzai",  # 快科技 "转载请注明出处"
        "jiucuo",  # 快科技 "文章纠错"
        "end",  # 快科技 "- THE END -"
        "page_article",  # 快科技 pager
        "newsinfo_vedio",  # 快科技 video link
        "article-relation",  # cnBeta related articles
        "editor-note",  # 36氪 "本文来自…，36氪经授权发布"
        "recommend",
        "recommend_bottom",
        "related",
        "related-posts",
        "share",
        "share-box",
        "social-share",
        "advert",
        "ad",
        "ads",
        "adsbygoogle",
        "comment",
        "comments",
        "copyright",
    }
)

DROP_IDS = frozenset(
    {"recommend_bottom", "article_bottom", "comments", "comment", "share", "bnext"}
)

# boilerplate that a paragraph starts with (checked with match(): fails fast on the first
# character for ordinary paragraphs)
_BOILERPLATE_START = re.compile(
    "|".join(
        [
            r"感谢\s*IT\s*之家网友.{0,200}?的线索投递[！!。]?$",  # IT之家
            r"广告声明[：:]文内含有的对外跳转链接",  # IT之家
            r"(?:编者按[：:]\s*)?本文来自.{0,300}?(?:经授权发布|授权转载|授权发布)[。.]?$",  # 36氪
            r"本文来自(?:微信公众号|36氪|微博|今日头条).{0,300}$",  # 36氪
            # credit lines: 36氪 translators, ZAKER "编辑 | 刘杨", picture credits
            r"(?:编辑|责编|编译|译者|翻译|校对|审校|排版|美编|题图|题图来源|封面|封面来源|头图来源|图片来源)"
            r"\s*[：:|｜]\s*\S.{0,30}$",
            r"(?:原文链接[：:].{0,40}?)?责任编辑[：:]",  # 快科技
            r"原文链接[：:].{0,40}$",  # 快科技
            r"(?:点击访问|购买链接|购买地址)[：:].{0,60}$",  # affiliate links (IT之家, 快科技)
            r"-?\s*THE END\s*-?$",  # 快科技
            r"话题标签[：:]",  # 快科技
            r"文章纠错$",
            r"相关文章[：:]?$",  # cnBeta
        ]
    )
)
# every character a match of _BOILERPLATE_START can begin with: the first character of each
# alternative above, plus whitespace for ``\s*THE END`` on an unstripped paragraph (all
# Unicode whitespace is at or below U+3000). Keep in step with the patterns; a test derives
# the first characters from the pattern and checks they are all here.
_WHITESPACE = frozenset(c for c in map(chr, range(0x3001)) if c.isspace())
_BOILERPLATE_FIRST = frozenset("感广编本责译翻校审排美题封头图原点购-T话文相") | _WHITESPACE
# boilerplate found anywhere in a paragraph: (cheap substring test, confirming pattern)
_BOILERPLATE_ANYWHERE = (
    ("神译局", re.compile(r"神译局是36氪旗下编译团队")),  # 36氪
    ("转载请", re.compile(r"转载请(?:务必)?注明出处[：:]?\s*快科技")),  # 快科技
)
# the substring tests as two names for boilerplate_indices' comprehension (a third marker
# above makes this unpacking fail at import, so it cannot be forgotten there)
_BOILERPLATE_KEY1, _BOILERPLATE_KEY2 = (key for key, _ in _BOILERPLATE_ANYWHERE)


_BYLINE = re.compile(
    r"^(?:作者|文)\s*[：:|｜/]\s*([^\s，。,;；]{1,20}(?:[ 、,，][^\s，。,;；]{1,20}){0,2})$"
)


def byline_author(paragraph: str) -> str | None:
    """Return the author named by a byline paragraph (``作者 | 陈法善``), else None."""
    if paragraph[:1] not in "作文":  # what _BYLINE starts with; most paragraphs stop here
        return None
    m = _BYLINE.match(paragraph)
    return m.group(1) if m else None


def is_boilerplate_paragraph(paragraph: str) -> bool:
    """Return True for paragraphs that are site boilerplate rather than article text."""
    # boilerplate lines are short; skipping long paragraphs keeps the check cheap
    if len(paragraph) > 400:
        return False
    # a set lookup rules out nearly every paragraph before the regex is tried
    if paragraph[:1] in _BOILERPLATE_FIRST and _BOILERPLATE_START.match(paragraph) is not None:
        return True
    # a plain loop: this runs on every paragraph, and a generator costs more than the checks
    for key, rx in _BOILERPLATE_ANYWHERE:
        if key in paragraph and rx.search(paragraph) is not None:
            return True
    return False


def boilerplate_indices(paragraphs: Sequence[str]) -> list[int]:
    """Return the positions of the paragraphs :func:`is_boilerplate_paragraph` flags.

    The same answer as asking for each paragraph in turn, with less work per paragraph
    (one comprehension of cheap tests; the regexes run only on the few candidates).

    Parameters
    ----------
    paragraphs : sequence of str
        The article's paragraphs.

    Returns
    -------
    list of int
        Indices into ``paragraphs``, ascending.
    """
    first, key1, key2 = _BOILERPLATE_FIRST, _BOILERPLATE_KEY1, _BOILERPLATE_KEY2
    return [
        i
        for i, p in enumerate(paragraphs)
        if (p[:1] in first or key1 in p or key2 in p) and is_boilerplate_paragraph(p)
    ]


_SPACED_QUOTE = re.compile(r'"\s*([^"\n]*?)\s*"')


def tidy_spaced_quotes(paragraph: str) -> str:
    """Remove the padding ZAKER puts inside ASCII quotes: ``" 专业 "`` → ``"专业"``.

    ZAKER rewrites ``“专业”`` as ``" 专业 "``. Only the spaces just inside a pair of
    quotes are removed, and only when the paragraph's quotes pair up; the quote marks
    themselves are kept as the reader sees them (nothing is invented).
    """
    if paragraph.count('"') % 2 or ('" ' not in paragraph and ' "' not in paragraph):
        return paragraph
    return _SPACED_QUOTE.sub(lambda m: '"' + m.group(1) + '"', paragraph)
