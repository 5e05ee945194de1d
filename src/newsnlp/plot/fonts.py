"""A font with Chinese glyphs for matplotlib, without touching global settings.

matplotlib's default font (DejaVu Sans) has no Chinese glyphs: 小米 would be drawn
as two boxes. :func:`find_cjk_font` picks a font that has them, in this order:

1. Noto Sans CJK SC Regular (SIL Open Font License) as shipped by the PyPI
   package ``mplfonts`` (``pip install mplfonts``; only that one file is used);
2. any CJK font matplotlib already knows about: Noto Sans CJK (Debian
   ``fonts-noto-cjk``), Source Han Sans, WenQuanYi (``fonts-wqy-zenhei``),
   SimHei, Microsoft YaHei, PingFang...

The font file is registered with matplotlib's font manager (which only makes it
findable by name) and used through :func:`use_cjk_font`, a local
``rc_context``: ``matplotlib.rcParams`` are the same after a plot as before.
When no CJK font exists, a :class:`MissingCJKFontWarning` says how to get one.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "CJK_FONT_NAMES",
    "CJKFont",
    "MissingCJKFontWarning",
    "bundled_font_path",
    "find_cjk_font",
    "font_family",
    "missing_glyphs",
    "use_cjk_font",
]

logger = logging.getLogger(__name__)

#: Installed fonts tried after the ``mplfonts`` file, in this order.
CJK_FONT_NAMES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Droid Sans Fallback",
    "AR PL UMing CN",
)

_BUNDLED_FILE = "NotoSansCJKsc-Regular.otf"
_PROBE = "小米徕卡华为"  # a font that has these is taken to have common Chinese
#: matplotlib's own font, listed after the CJK font for any glyph it lacks.
_FALLBACK = "DejaVu Sans"

INSTALL_HINT = (
    "Install one with `pip install mplfonts` (Noto Sans CJK SC, SIL OFL) or "
    "`apt-get install fonts-noto-cjk`."
)


class MissingCJKFontWarning(UserWarning):
    """No font with Chinese glyphs was found: Chinese labels will show as boxes."""


@dataclass(frozen=True, slots=True)
class CJKFont:
    """A font with Chinese glyphs that matplotlib can use.

    Attributes
    ----------
    name : str
        The family name matplotlib knows it by (``"Noto Sans CJK SC"``).
    path : pathlib.Path
        The font file.
    origin : {"mplfonts", "system"}
        Where it came from.
    """

    name: str
    path: Path
    origin: Literal["mplfonts", "system"]


def _require_matplotlib() -> Any:
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - exercised without matplotlib only
        raise ImportError(
            "newsnlp.plot needs matplotlib: pip install 'newsnlp[plot]' "
            "(or pip install matplotlib mplfonts)."
        ) from exc
    return matplotlib


def bundled_font_path() -> Path | None:
    """Return the Noto Sans CJK SC file of the ``mplfonts`` package, or None.

    The package is located without being imported.
    """
    try:
        spec = importlib.util.find_spec("mplfonts")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "fonts" / _BUNDLED_FILE
        if path.is_file():
            return path
    return None


def find_cjk_font() -> CJKFont | None:
    """Return the font used for Chinese labels (see the module docstring), or None.

    The ``mplfonts`` file is registered with matplotlib's font manager on the way
    (once; registering only makes it findable by name).
    """
    _require_matplotlib()
    from matplotlib import font_manager

    manager = font_manager.fontManager
    path = bundled_font_path()
    if path is not None:
        entries = [f for f in manager.ttflist if Path(f.fname) == path]
        if not entries:
            try:
                manager.addfont(str(path))
            except (OSError, RuntimeError, ValueError) as exc:
                logger.warning("could not load the font %s: %s", path, exc)
            entries = [f for f in manager.ttflist if Path(f.fname) == path]
        if entries:
            return CJKFont(name=entries[0].name, path=path, origin="mplfonts")
    by_name: dict[str, Any] = {}
    for entry in manager.ttflist:
        by_name.setdefault(entry.name, entry)
    for name in CJK_FONT_NAMES:
        known = by_name.get(name)
        if known is not None and not missing_glyphs(_PROBE, known.fname):
            return CJKFont(name=name, path=Path(known.fname), origin="system")
    return None


def font_family() -> list[str]:
    """Return the ``font.family`` list to draw Chinese with: ``[cjk font, "DejaVu Sans"]``.

    Warns with :class:`MissingCJKFontWarning` (and returns ``["DejaVu Sans"]``) when
    no CJK font is installed.
    """
    font = find_cjk_font()
    if font is None:
        warnings.warn(
            "No font with Chinese glyphs was found, so Chinese labels will show as boxes. "
            + INSTALL_HINT,
            MissingCJKFontWarning,
            stacklevel=3,
        )
        return [_FALLBACK]
    return [font.name, _FALLBACK]


@contextlib.contextmanager
def use_cjk_font() -> Iterator[list[str]]:
    """Draw with a CJK font inside a ``with`` block; rcParams are restored after it.

    Text created inside the block keeps the font when the figure is drawn or
    saved later, outside the block.

    Yields
    ------
    list of str
        The font family in use (see :func:`font_family`).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with use_cjk_font():                       # doctest: +SKIP
    ...     fig, ax = plt.subplots()
    ...     ax.set_title("小米 12S Ultra")
    """
    matplotlib = _require_matplotlib()
    family = font_family()
    with matplotlib.rc_context({"font.family": family, "axes.unicode_minus": False}):
        yield family


def apply_font(ax: Any, family: list[str]) -> None:
    """Give every text of ``ax`` (title, labels, ticks, legend, notes) the font ``family``.

    Ticks that matplotlib creates later copy the font of the first tick, so this
    also holds for an Axes the user made before calling a plot function.
    """
    from matplotlib.text import Text

    for text in ax.findobj(Text):
        text.set_fontfamily(family)


def missing_glyphs(text: str, font: str | Path | None = None) -> str:
    """Return the characters of ``text`` that a font has no glyph for ('' when none).

    Parameters
    ----------
    text : str
        The text to check (whitespace is ignored).
    font : str or path, optional
        A font file; default: the file of :func:`find_cjk_font` (every
        character is missing when there is none).
    """
    _require_matplotlib()
    from matplotlib import ft2font

    if font is None:
        found = find_cjk_font()
        if found is None:
            return "".join(dict.fromkeys(c for c in text if not c.isspace()))
        font = found.path
    charmap = ft2font.FT2Font(str(font)).get_charmap()
    return "".join(dict.fromkeys(c for c in text if not c.isspace() and ord(c) not in charmap))
