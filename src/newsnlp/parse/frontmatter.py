"""YAML front matter of Hexo/Jekyll posts (``---`` … ``---`` at the top of the file)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from newsnlp.errors import ParseError

__all__ = ["has_front_matter", "split_front_matter"]

# libyaml's C loader is ~10x faster than the pure-Python one; same safe subset of YAML
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_OPEN = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)


def has_front_matter(text: str) -> bool:
    """Return True if ``text`` starts (after blank lines) with a ``---`` front-matter fence."""
    return _OPEN.match(text) is not None


def split_front_matter(text: str, *, name: str = "input") -> tuple[dict[str, Any], str]:
    """Split a post into its front matter (a dict) and its body.

    Parameters
    ----------
    text : str
        The whole post.
    name : str
        What the post is (a path or short description), for error messages.

    Returns
    -------
    dict, str
        The YAML mapping (empty if the post has no front matter) and the body after it.

    Raises
    ------
    ParseError
        If the front matter is not closed, not YAML, or not a mapping.
    """
    m = _OPEN.match(text)
    if m is None:
        return {}, text
    close = _CLOSE.search(text, m.end())
    if close is None:
        raise ParseError(f"{name}: front matter opened with '---' is never closed by a '---' line.")
    block = text[m.end() : close.start()]
    body = text[close.end() :]
    try:
        data = yaml.load(block, Loader=_Loader) if block.strip() else {}
    except yaml.YAMLError as exc:
        where = ""
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            where = f" at line {mark.line + 2}"
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise ParseError(f"{name}: front matter is not valid YAML{where}: {problem}.") from exc
    except RecursionError as exc:
        raise ParseError(f"{name}: front matter is nested too deeply to read.") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ParseError(
            f"{name}: front matter must be a YAML mapping (key: value lines), got a "
            f"{type(data).__name__}."
        )
    return {str(k): v for k, v in data.items()}, body
