"""Capacity over time: per region a step per version, nationally the sum of each region's
latest version as of each day, regions without data left out (never 0)."""

from __future__ import annotations

import pandas as pd
import pytest

from capaciteit.access.permissions import local_admin
from capaciteit.capacity.trends import (
    as_of,
    national_trend,
    region_trend,
    trend_chart,
    version_series,
)
from capaciteit.storage import repository as storage
from capaciteit.uploads.publishing import restore
from tests.uploads.test_publishing import current, records, send


def stamp(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def totals(rows: list[tuple]) -> pd.DataFrame:
    """(submission, region, version, moment, category, persons) → a version_totals frame."""
    frame = pd.DataFrame(rows, columns=["submission_id", "region_code", "version", "uploaded_at",
                                        "category", "persons"])
    frame["uploaded_at"] = frame["uploaded_at"].map(stamp)
    frame["subcategory"] = frame["category"]
    frame["fte"] = frame["persons"].fillna(0) * 0.5
    frame["deployable_persons"] = frame["persons"].fillna(0) // 2
    frame["persons"] = frame["persons"].fillna(0.0)
    frame["is_demo"] = False
    return frame


HISTORY = totals([
    (1, "VR01", 1, "2026-03-01T09:00", "boa", 100),
    (1, "VR01", 1, "2026-03-01T09:00", "defensie", 10),
    (2, "VR02", 1, "2026-03-05T09:00", "boa", 50),
    (3, "VR01", 2, "2026-03-10T09:00", "boa", 120),
    (4, "VR02", 2, "2026-03-10T15:00", None, None),  # a version without records
    (5, "VR01", 3, "2026-03-12T22:30", "defensie", 7),  # 23:30 in Amsterdam: still the 12th
])


def test_each_version_sums_its_chosen_category_and_zero_where_it_has_none():
    boa = version_series(HISTORY, "boa")
    assert boa[["submission_id", "persons"]].to_dict("records") == [
        {"submission_id": 1, "persons": 100.0}, {"submission_id": 2, "persons": 50.0},
        {"submission_id": 3, "persons": 120.0}, {"submission_id": 4, "persons": 0.0},
        {"submission_id": 5, "persons": 0.0}]
    every = version_series(HISTORY)
    assert every["persons"].tolist() == [110.0, 50.0, 120.0, 0.0, 7.0]


def test_a_regions_trend_is_its_versions_in_order():
    trend = region_trend(version_series(HISTORY), "VR01")
    assert trend[["version", "persons"]].to_dict("records") == [
        {"version": 1, "persons": 110.0}, {"version": 2, "persons": 120.0},
        {"version": 3, "persons": 7.0}]
    assert region_trend(version_series(HISTORY), "VR25").empty


def test_the_national_trend_sums_each_regions_latest_version_per_day():
    trend = national_trend(version_series(HISTORY))
    assert trend[["day", "persons", "regions"]].to_dict("records") == [
        {"day": pd.Timestamp("2026-03-01"), "persons": 110.0, "regions": 1},  # VR02 not yet: no 0
        {"day": pd.Timestamp("2026-03-05"), "persons": 160.0, "regions": 2},
        {"day": pd.Timestamp("2026-03-10"), "persons": 120.0, "regions": 2},  # VR02 empty version
        {"day": pd.Timestamp("2026-03-12"), "persons": 7.0, "regions": 2}]
    assert trend["fte"].tolist() == [55.0, 80.0, 60.0, 3.5]


def test_the_national_trend_of_one_category_counts_regions_that_reported_nothing_in_it():
    trend = national_trend(version_series(HISTORY, "defensie"))
    assert trend[["persons", "regions"]].to_dict("records") == [
        {"persons": 10.0, "regions": 1}, {"persons": 10.0, "regions": 2},
        {"persons": 0.0, "regions": 2}, {"persons": 7.0, "regions": 2}]


def test_without_versions_there_is_no_trend():
    assert national_trend(version_series(HISTORY.iloc[0:0])).empty


@pytest.mark.parametrize("moment, expected", [
    ("2026-02-28T00:00", {}),
    ("2026-03-05T09:00", {"VR01": 1, "VR02": 1}),
    ("2026-03-10T12:00", {"VR01": 2, "VR02": 1}),
    ("2026-12-31T00:00", {"VR01": 3, "VR02": 2}),
])
def test_as_of_gives_each_regions_version_current_at_that_moment(moment, expected):
    found = as_of(version_series(HISTORY), stamp(moment))
    assert dict(zip(found["region_code"], found["version"], strict=True)) == expected


def test_the_chart_steps_after_each_version_with_dutch_dates_and_numbers():
    spec = trend_chart(national_trend(version_series(HISTORY)), "day", ["persons"],
                       {"regions": "Regio's met gegevens"}).to_dict()
    assert spec["mark"]["interpolate"] == "step-after"
    rows = next(iter(spec["datasets"].values()))
    assert [(r["when"], r["shown"], r["regions"]) for r in rows] == [
        ("01-03-2026", "110", 1), ("05-03-2026", "160", 2), ("10-03-2026", "120", 2),
        ("12-03-2026", "7", 2)]
    assert {r["measure"] for r in rows} == {"Aantal personen"}
    assert [r["day"][:10] for r in rows] == ["2026-03-01", "2026-03-05", "2026-03-10",
                                             "2026-03-12"]  # midnight of each day, no shift
    assert all(r["day"].endswith("T00:00:00") for r in rows)
    titles = [t["title"] for t in spec["encoding"]["tooltip"]]
    assert titles == ["Datum", "Maat", "Waarde", "Regio's met gegevens"]


def test_stored_versions_and_restores_make_the_trend(engine):
    send(engine, "VR13", records("VR13", ["A", "B"], persons=10))
    send(engine, "VR13", records("VR13", ["A"], persons=30))
    send(engine, "VR01", records("VR01", ["C"], persons=5))
    restore(engine, "VR13", 1, actor=local_admin("beheerder"), based_on=current(engine, "VR13"))
    with engine.connect() as conn:
        series = version_series(storage.version_totals(conn), "boa")
    assert region_trend(series, "VR13")[["version", "persons"]].to_dict("records") == [
        {"version": 1, "persons": 20.0}, {"version": 2, "persons": 30.0},
        {"version": 3, "persons": 20.0}]
    latest = as_of(series, series["uploaded_at"].max())
    assert dict(zip(latest["region_code"], latest["persons"], strict=True)) == {
        "VR01": 5.0, "VR13": 20.0}
    national = national_trend(series)
    assert national[["persons", "regions"]].iloc[-1].tolist() == [25.0, 2]


def test_a_regions_chart_draws_each_version_at_its_moment_in_dutch_time():
    trend = region_trend(version_series(HISTORY), "VR01")
    rows = next(iter(trend_chart(trend, "uploaded_at", ["persons"]).to_dict()["datasets"]
                     .values()))
    assert [r["uploaded_at"] for r in rows] == [
        "2026-03-01T10:00:00", "2026-03-10T10:00:00", "2026-03-12T23:30:00"]
    assert [r["when"] for r in rows] == ["01-03-2026", "10-03-2026", "12-03-2026"]


def test_versions_all_sent_on_one_day_are_shown_on_a_week_of_days_not_on_hours():
    trend = pd.DataFrame({"uploaded_at": pd.to_datetime(
        ["2026-11-29T09:00:00+00:00", "2026-11-29T14:30:00+00:00"]), "persons": [10.0, 12.0]})
    spec = trend_chart(trend, "uploaded_at", ["persons"]).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == ["2026-11-23T00:00:00",
                                                         "2026-11-30T00:00:00"]
    longer = trend_chart(national_trend(version_series(HISTORY)), "day", ["persons"]).to_dict()
    assert "domain" not in longer["encoding"]["x"]["scale"]  # 11 days of versions: their own
