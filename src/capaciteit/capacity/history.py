"""The figures as they stood on a past date, from the kept versions (pure)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

LOCAL_ZONE = "Europe/Amsterdam"


def end_of_day(day: date) -> pd.Timestamp:
    """The first moment after ``day`` in Dutch time, in UTC: versions before it counted."""
    return pd.Timestamp(day + timedelta(days=1)).tz_localize(LOCAL_ZONE).tz_convert("UTC")


def versions_as_of(submissions: pd.DataFrame, day: date) -> list[int]:
    """The submission ids that were current at the end of ``day``, one per region.

    ``submissions`` is ``storage.submissions`` (``submission_id``, ``region_code``,
    ``version``, ``uploaded_at`` in UTC). Every publication and every restore is a
    new version that becomes current, so the version current at a moment is the
    region's highest version published before it. Regions that had published
    nothing by then are absent (no data, not 0).

    Examples
    --------
    >>> s = pd.DataFrame({"submission_id": [1, 2, 3], "region_code": ["VR01"] * 3,
    ...                   "version": [1, 2, 3], "uploaded_at": pd.to_datetime(
    ...                       ["2026-01-05", "2026-02-05", "2026-03-05"], utc=True)})
    >>> versions_as_of(s, date(2026, 2, 20))
    [2]
    """
    before = submissions[pd.to_datetime(submissions["uploaded_at"], utc=True) < end_of_day(day)]
    latest = before.sort_values("version").groupby("region_code").tail(1)
    return sorted(int(i) for i in latest["submission_id"])
