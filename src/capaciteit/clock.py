"""The Dutch calendar: today and now in Europe/Amsterdam, whatever the server's time zone.

A peildatum "in the future", an agreement valid "today" and persons "ingezet" today are
judged by the day in the Netherlands. A server on UTC would otherwise still live in
yesterday for the first one or two hours of every Dutch day.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

ZONE = ZoneInfo("Europe/Amsterdam")


def now(at: datetime | None = None) -> datetime:
    """The moment ``at`` (default: now), as Dutch local time (aware)."""
    return (at or datetime.now(ZONE)).astimezone(ZONE)


def today(at: datetime | None = None) -> date:
    """The Dutch calendar day at the moment ``at`` (default: now)."""
    return now(at).date()
