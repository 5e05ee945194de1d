"""Publication dates: RFC 2822, ISO 8601, ``2022-04-06 06:11:26``, ``2022年6月28日 09:50``.

Every date comes out timezone-aware in UTC. A date without a zone is read in
``default_tz`` (``Asia/Shanghai`` unless the caller says otherwise), because the
Chinese tech press publishes in Beijing time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsnlp.errors import ParseError, invalid_parameter

__all__ = ["DEFAULT_TZ", "get_zone", "parse_date"]

DEFAULT_TZ = "Asia/Shanghai"

_CHINESE = re.compile(
    r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]"
    r"(?:\s*(?:(上午|下午|晚上|凌晨|中午)\s*)?(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?(?:\s*[:：]?\s*(\d{1,2})\s*秒?)?)?"
)
_SLASHED = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_RFC2822_HINT = re.compile(r"^[A-Za-z]{3},|\d{1,2} [A-Za-z]{3} \d{4}")


@lru_cache(maxsize=64)
def get_zone(name: str) -> ZoneInfo:
    """Return the zone called ``name``, raising ParameterError naming it if unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise invalid_parameter(
            "parse_article", "default_tz", "an IANA time zone name such as 'Asia/Shanghai'", name
        ) from exc


def _aware(dt: datetime, default_tz: str) -> datetime:
    if dt.tzinfo is None or dt.tzinfo.utcoffset(dt) is None:
        dt = dt.replace(tzinfo=get_zone(default_tz))
    return dt.astimezone(timezone.utc)


def _from_parts(parts: tuple[str | None, ...], default_tz: str) -> datetime:
    year, month, day, hour, minute, second = (int(p) if p else 0 for p in parts)
    return _aware(datetime(year, month, day, hour, minute, second), default_tz)


def parse_date(value: object, *, default_tz: str = DEFAULT_TZ, name: str = "input") -> datetime:
    """Parse a publication date into a timezone-aware UTC datetime.

    Parameters
    ----------
    value : str, datetime, date or int
        ``"Tue, 28 Jun 2022 01:50:00 GMT"``, ``"2022-06-28T09:50:00+08:00"``,
        ``"2022-04-06 06:11:26"``, ``"2022年6月28日 09:50"``, ``"2022/6/28"``, a
        datetime (naive ones are read in ``default_tz``) or a Unix timestamp.
    default_tz : str
        IANA zone for dates that carry none.
    name : str
        What the date belongs to, for the error message.

    Returns
    -------
    datetime
        Timezone-aware, in UTC.

    Raises
    ------
    ParseError
        If ``value`` is not a date.
    """
    get_zone(default_tz)  # a bad zone is the caller's parameter error, not a bad date
    if isinstance(value, datetime):
        return _aware(value, default_tz)
    if isinstance(value, date):
        return _aware(datetime(value.year, value.month, value.day), default_tz)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(float(value), tz=timezone.utc)
        except (OverflowError, OSError, ValueError) as exc:
            raise ParseError(f"{name}: date {value!r} is not a valid Unix timestamp.") from exc
    if not isinstance(value, str):
        raise ParseError(f"{name}: date must be a string or datetime, got {type(value).__name__}.")
    text = value.strip()
    if not text:
        raise ParseError(f"{name}: date is empty.")
    try:
        return _parse_str(text, default_tz)
    except (ValueError, OverflowError, TypeError, IndexError) as exc:
        if isinstance(exc, ParseError):
            raise
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise ParseError(
            f"{name}: {shown!r} is not a date (expected e.g. 'Tue, 28 Jun 2022 01:50:00 GMT', "
            "'2022-06-28 09:50:00' or '2022年6月28日 09:50')."
        ) from exc


def _parse_str(text: str, default_tz: str) -> datetime:
    try:
        return _aware(datetime.fromisoformat(text.replace("Z", "+00:00")), default_tz)
    except ValueError:
        pass
    m = _CHINESE.search(text)
    if m:
        year, month, day, ampm, hour, minute, second = m.groups()
        h = int(hour) if hour else 0
        if ampm in ("下午", "晚上") and h < 12:
            h += 12
        elif ampm == "凌晨" and h == 12:
            h = 0
        return _from_parts((year, month, day, str(h), minute, second), default_tz)
    m = _SLASHED.match(text)
    if m:
        return _from_parts(m.groups(), default_tz)
    if _RFC2822_HINT.search(text):
        try:
            return _aware(parsedate_to_datetime(text), default_tz)
        except (TypeError, ValueError, IndexError):
            pass
    from dateutil import parser as dateutil_parser

    if not re.search(r"\d", text):
        raise ValueError("no digits")
    return _aware(dateutil_parser.parse(text), default_tz)
