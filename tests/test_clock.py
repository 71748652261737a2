"""The app's day is the Dutch calendar day, whatever the server's time zone."""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime

import pytest

from capaciteit import clock


@pytest.mark.parametrize(("moment", "day"), [
    (datetime(2026, 11, 29, 22, 59, tzinfo=UTC), date(2026, 11, 29)),  # 23:59 in winter
    (datetime(2026, 11, 29, 23, 0, tzinfo=UTC), date(2026, 11, 30)),  # 00:00 CET
    (datetime(2026, 6, 30, 21, 59, tzinfo=UTC), date(2026, 6, 30)),  # 23:59 CEST
    (datetime(2026, 6, 30, 22, 0, tzinfo=UTC), date(2026, 7, 1)),  # midnight in summer
])
def test_the_day_turns_at_dutch_midnight_in_winter_and_summer(moment, day):
    assert clock.today(moment) == day
    assert clock.now(moment).utcoffset() == (moment.astimezone(clock.ZONE).utcoffset())


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset: POSIX only")
def test_a_server_in_another_time_zone_still_lives_in_the_dutch_day(monkeypatch):
    before = os.environ.get("TZ")
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")  # UTC+14: a day ahead for hours
    time.tzset()
    try:
        assert clock.today() == datetime.now(UTC).astimezone(clock.ZONE).date()
        assert clock.now().tzinfo == clock.ZONE
    finally:
        if before is None:
            monkeypatch.delenv("TZ")
        else:
            monkeypatch.setenv("TZ", before)
        time.tzset()
