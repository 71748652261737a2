"""The national overview read again after a change: only the changed regions, same result.

Generated records on SQLite and PostgreSQL; after a publication, a restore and the demo
data's removal, ``dashboard_data`` with the earlier data must equal a full read.
"""

from __future__ import annotations

import pandas as pd
import pytest

from benchmarks.generators import generate_records
from capaciteit.capacity.overview import DashboardData, change_token, dashboard_data
from capaciteit.geo.boundaries import REGION_CODES
from capaciteit.storage import repository as storage

N_RECORDS = 1_500


@pytest.fixture(scope="module")
def records(boundaries) -> pd.DataFrame:
    return generate_records(boundaries.municipality_table(), N_RECORDS)


def publish(engine, records: pd.DataFrame, code: str, *, demo: bool = False,
            extra: int = 0) -> None:
    region = records[records["region_code"] == code]
    with engine.begin() as conn:
        storage.publish_version(conn, code, region.assign(persons=region["persons"] + extra),
                                uploaded_by="test", is_demo=demo)


def comparable(data: DashboardData) -> tuple[pd.DataFrame, pd.DataFrame]:
    summary = data.summary.sort_values(storage.SUMMARY_KEYS, na_position="first")
    return summary.reset_index(drop=True), data.versions.reset_index(drop=True)


def assert_same(engine, boundaries, incremental: DashboardData) -> None:
    full = dashboard_data(engine, boundaries)
    for got, expected in zip(comparable(incremental), comparable(full), strict=True):
        pd.testing.assert_frame_equal(got, expected)
    assert (incremental.has_demo, incremental.token) == (full.has_demo, full.token)


def test_the_token_names_the_regions_whose_version_changed(engine, records):
    for code in ("VR01", "VR02"):
        publish(engine, records, code)
    before = change_token(engine)
    publish(engine, records, "VR02", extra=1)
    after = change_token(engine)
    assert after.changed_regions(before) == {"VR02"}
    assert after.changed_regions(None) == {"VR01", "VR02"}
    assert after.changed_regions(after) == frozenset()


def test_reading_again_after_a_publication_equals_a_full_read(engine, boundaries, records):
    for code in REGION_CODES[:4]:
        publish(engine, records, code)
    earlier = dashboard_data(engine, boundaries)
    publish(engine, records, REGION_CODES[2], extra=5)
    publish(engine, records, REGION_CODES[5])  # a region's first version
    again = dashboard_data(engine, boundaries, earlier)
    assert again.token.changed_regions(earlier.token) == {REGION_CODES[2], REGION_CODES[5]}
    assert_same(engine, boundaries, again)


def test_reading_again_after_the_demo_data_is_removed_equals_a_full_read(
        engine, boundaries, records):
    for code in REGION_CODES[:3]:
        publish(engine, records, code, demo=True)
    earlier = dashboard_data(engine, boundaries)
    with engine.begin() as conn:
        storage.remove_demo_data(conn)
    publish(engine, records, REGION_CODES[0], extra=2)  # may get the demo version's id back
    again = dashboard_data(engine, boundaries, earlier)
    assert set(again.versions["region_code"]) == {REGION_CODES[0]}
    assert_same(engine, boundaries, again)
