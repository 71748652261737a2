"""Dutch formatting of numbers and dates for display."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december"]


def format_number(value: float | int | None, decimals: int = 0) -> str:
    """Format with a dot for thousands and a comma for decimals: 12.345,6."""
    if value is None or pd.isna(value):
        return ""
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_date(value: date | datetime | pd.Timestamp | None) -> str:
    """Format a date as '3 november 2026'; empty for a missing date."""
    if value is None or pd.isna(value):
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def format_datetime(value: datetime | pd.Timestamp | None) -> str:
    """Format a moment as '3 november 2026 14:05' in the Europe/Amsterdam zone."""
    if value is None or pd.isna(value):
        return ""
    stamp = pd.Timestamp(value)
    if stamp.tzinfo is None:
        stamp = stamp.tz_localize("UTC")
    local = stamp.tz_convert("Europe/Amsterdam")
    return f"{format_date(local)} {local:%H:%M}"
