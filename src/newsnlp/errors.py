"""Exceptions raised by newsnlp, and the wording helpers that keep messages uniform.

Every error newsnlp raises on purpose is a :class:`NewsNLPError`. Subclasses also
derive from the matching built-in (``ValueError``, ``TypeError``, ``OSError``) so
callers that already catch those keep working.

A message names *what* was wrong (the file, field, parameter or value), *what was
expected*, and where it helps, what to do instead.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "EncodingError",
    "InputTypeError",
    "LexiconError",
    "ModelError",
    "NewsNLPError",
    "NotFittedError",
    "ParameterError",
    "ParseError",
    "SinkError",
    "describe",
    "invalid_parameter",
]


class NewsNLPError(Exception):
    """Base class of every error newsnlp raises on purpose."""


class ParseError(NewsNLPError, ValueError):
    """An input could not be turned into an article (empty, binary, malformed, ...)."""


class EncodingError(ParseError):
    """Bytes could not be decoded as text in any supported encoding."""


class InputTypeError(NewsNLPError, TypeError):
    """A function was given an object of a type it does not accept."""


class ParameterError(NewsNLPError, ValueError):
    """A parameter has a value outside what is allowed."""


class LexiconError(NewsNLPError, ValueError):
    """A lexicon entry or file is malformed or conflicts with another entry."""


class NotFittedError(NewsNLPError, ValueError, AttributeError):
    """A corpus-fitted object was used before ``fit`` (mirrors scikit-learn's)."""


class ModelError(NewsNLPError, ValueError):
    """Training data or a saved model file is invalid."""


class SinkError(NewsNLPError, OSError):
    """Results could not be written to (or read back from) an output."""


def describe(value: Any, *, limit: int = 60) -> str:
    """Return a short, safe description of ``value`` for an error message."""
    name = type(value).__name__
    if isinstance(value, (bytes, bytearray)):
        return f"{name} of length {len(value)}"
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"{name} {text}"


def invalid_parameter(owner: str, name: str, expected: str, got: Any) -> ParameterError:
    """Build the scikit-learn-style message for a bad parameter.

    >>> str(invalid_parameter("KeywordExtractor", "top_k", "an int >= 1", 0))
    "The 'top_k' parameter of KeywordExtractor must be an int >= 1. Got 0 instead."
    """
    return ParameterError(
        f"The {name!r} parameter of {owner} must be {expected}. Got {got!r} instead."
    )
