"""The map as it stood on a past date: the versions current then, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from capaciteit.capacity.history import end_of_day, versions_as_of
from capaciteit.capacity.overview import dashboard_data, dashboard_data_as_of
from tests.storage.test_repository import FIRST_VR01, FIRST_VR02, SECOND_VR01, publish

JANUARY = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
MARCH = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def submissions(*rows: tuple[int, str, int, str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["submission_id", "region_code", "version", "uploaded_at"])
    frame["uploaded_at"] = pd.to_datetime(frame["uploaded_at"], utc=True)
    return frame


@pytest.mark.parametrize(("day", "expected"), [
    (date(2026, 1, 9), []),
    (date(2026, 1, 10), [1]),
    (date(2026, 2, 28), [1, 3]),
    (date(2026, 3, 10), [2, 3]),
])
def test_the_version_current_at_the_end_of_a_day_is_the_newest_published_before(day, expected):
    history = submissions((1, "VR01", 1, "2026-01-10T08:00Z"), (3, "VR02", 1, "2026-02-01T10:00Z"),
                          (2, "VR01", 2, "2026-03-10T12:00Z"))
    assert versions_as_of(history, day) == expected


def test_a_day_ends_at_midnight_dutch_time():
    late = submissions((1, "VR01", 1, "2026-06-30T22:30Z"))  # 1 July 00:30 in Amsterdam
    assert versions_as_of(late, date(2026, 6, 30)) == []
    assert versions_as_of(late, date(2026, 7, 1)) == [1]
    assert end_of_day(date(2026, 6, 30)) == pd.Timestamp("2026-06-30T22:00Z")


def test_the_map_data_as_of_a_date_reads_the_versions_current_then(engine, boundaries):
    publish(engine, "VR01", FIRST_VR01, now=JANUARY)
    publish(engine, "VR01", SECOND_VR01, now=MARCH)
    publish(engine, "VR02", FIRST_VR02, now=MARCH)
    february = dashboard_data_as_of(engine, boundaries, date(2026, 2, 1))
    assert february.versions["region_code"].tolist() == ["VR01"]
    assert february.versions["version"].tolist() == [1]
    assert february.summary["persons"].sum() == FIRST_VR01["persons"].sum()
    assert february.versions["peildatum_min"].iloc[0] == FIRST_VR01["peildatum"].min()

    now = dashboard_data_as_of(engine, boundaries, date(2026, 3, 10))
    current = dashboard_data(engine, boundaries)
    assert now.summary["persons"].sum() == current.summary["persons"].sum() == (
        SECOND_VR01["persons"].sum() + FIRST_VR02["persons"].sum())
    assert now.versions["submission_id"].tolist() == current.versions["submission_id"].tolist()

    before = dashboard_data_as_of(engine, boundaries, date(2026, 1, 1))
    assert before.summary.empty and before.versions.empty
