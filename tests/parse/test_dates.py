"""Dates: every accepted form becomes a UTC-aware datetime; junk raises ParseError."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from newsnlp.errors import ParameterError, ParseError
from newsnlp.parse.dates import parse_date

UTC = timezone.utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tue, 28 Jun 2022 01:50:00 GMT", datetime(2022, 6, 28, 1, 50, tzinfo=UTC)),
        ("Thu, 14 Oct 2021 20:32:00 +0800", datetime(2021, 10, 14, 12, 32, tzinfo=UTC)),
        ("2022-04-06 06:11:26", datetime(2022, 4, 5, 22, 11, 26, tzinfo=UTC)),
        ("2022-06-28T09:50:00+08:00", datetime(2022, 6, 28, 1, 50, tzinfo=UTC)),
        ("2022-06-28T01:50:00Z", datetime(2022, 6, 28, 1, 50, tzinfo=UTC)),
        ("2022年6月28日 09:50", datetime(2022, 6, 28, 1, 50, tzinfo=UTC)),
        ("2022年06月28日09:50:30", datetime(2022, 6, 28, 1, 50, 30, tzinfo=UTC)),
        ("2022年6月28日 下午3:05", datetime(2022, 6, 28, 7, 5, tzinfo=UTC)),
        ("2022年6月28日", datetime(2022, 6, 27, 16, 0, tzinfo=UTC)),
        ("2022/6/28 09:50", datetime(2022, 6, 28, 1, 50, tzinfo=UTC)),
        (datetime(2022, 6, 28, 9, 50), datetime(2022, 6, 28, 1, 50, tzinfo=UTC)),
        (
            datetime(2022, 6, 28, 9, 50, tzinfo=timezone(timedelta(hours=9))),
            datetime(2022, 6, 28, 0, 50, tzinfo=UTC),
        ),
        (date(2022, 6, 28), datetime(2022, 6, 27, 16, 0, tzinfo=UTC)),
        (1656381000, datetime(2022, 6, 28, 1, 50, tzinfo=UTC)),
    ],
)
def test_dates_become_utc(value: object, expected: datetime) -> None:
    got = parse_date(value)
    assert got == expected
    assert got.tzinfo is not None and got.utcoffset() == timedelta(0)


def test_default_tz_is_configurable() -> None:
    assert parse_date("2022-04-06 06:11:26", default_tz="UTC") == datetime(
        2022, 4, 6, 6, 11, 26, tzinfo=UTC
    )
    assert parse_date("2022-04-06 06:11:26", default_tz="America/New_York").hour == 10
    with pytest.raises(ParameterError, match="default_tz"):
        parse_date("2022-04-06", default_tz="Nowhere/Atlantis")


@pytest.mark.parametrize(
    "value", ["not a date", "2022-13-45", "昨天", "", "   ", "Tue, 99 Foo 2022", [2022]]
)
def test_non_dates_raise_parse_error_naming_the_field(value: object) -> None:
    with pytest.raises(ParseError, match=r"^post\.md \(date\)"):
        parse_date(value, name="post.md (date)")
