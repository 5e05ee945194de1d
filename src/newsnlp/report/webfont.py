"""Embed the Chinese font in the HTML report, cut down to the characters it uses.

A reader's machine may have no CJK font (a bare Linux box, a headless browser),
and then the report's tables would show boxes. The report therefore carries its
own font: Noto Sans CJK SC Regular (SIL Open Font License 1.1, which allows
embedding and subsetting) from the ``mplfonts`` package, subset with fontTools
(a dependency of matplotlib) to the few hundred or thousand characters the page
uses: 0.2-1 MB instead of 16 MB. Without ``mplfonts`` or fontTools the page
falls back to the reader's installed CJK fonts (see :data:`FONT_STACK`).
"""

from __future__ import annotations

import base64
import io
import logging
from pathlib import Path

from newsnlp.plot.fonts import bundled_font_path

__all__ = ["EMBEDDED_FAMILY", "FONT_STACK", "font_face_css"]

logger = logging.getLogger(__name__)

#: The CSS family name of the embedded subset.
EMBEDDED_FAMILY = "newsnlp Noto Sans CJK SC"
#: Installed fonts the page asks for when the embedded one lacks a glyph or is absent.
FONT_STACK = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", '
    "system-ui, sans-serif"
)


def font_face_css(text: str, *, font: str | Path | None = None) -> str:
    """Return an ``@font-face`` rule embedding ``font`` subset to the characters of ``text``.

    Parameters
    ----------
    text : str
        Every character the page shows.
    font : str or path, optional
        An OpenType/TrueType file; default the ``mplfonts`` Noto Sans CJK SC.

    Returns
    -------
    str
        The CSS rule (family :data:`EMBEDDED_FAMILY`), or ``""`` when no font
        file or no fontTools is available, or subsetting fails (logged).
    """
    path = Path(font) if font is not None else bundled_font_path()
    if path is None or not path.is_file():
        logger.info("no CJK font file to embed; the report relies on installed fonts")
        return ""
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:
        logger.info("fontTools is not installed; the report relies on installed fonts")
        return ""
    chars = "".join(sorted({c for c in text if c.isprintable() and not c.isspace()}))
    options = subset.Options()
    options.layout_features = ["kern", "liga", "vert", "locl"]
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]  # keep the copyright and licence records (OFL requires it)
    options.name_languages = ["*"]
    try:
        kwargs = {"fontNumber": 0} if path.suffix.lower() in (".ttc", ".otc") else {}
        ttfont = TTFont(str(path), lazy=True, **kwargs)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=chars)
        subsetter.subset(ttfont)
        buffer = io.BytesIO()
        ttfont.save(buffer)
    except Exception as exc:  # a broken or unusual font file: degrade, do not fail the report
        logger.warning("could not subset the font %s (%s); not embedding it", path, exc)
        return ""
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    is_cff = "CFF " in ttfont
    mime, fmt = ("font/otf", "opentype") if is_cff else ("font/ttf", "truetype")
    return (
        "@font-face {"
        f' font-family: "{EMBEDDED_FAMILY}";'
        f' src: url(data:{mime};base64,{data}) format("{fmt}");'
        " font-weight: normal; font-style: normal; font-display: swap; }"
    )
