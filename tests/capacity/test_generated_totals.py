"""The benchmark's national picture, checked on a few thousand generated records.

The same generator and loader as ``python -m benchmarks`` (a million records
there), on SQLite and PostgreSQL: the totals written at publication equal a
direct GROUP BY, and the regions add up to the national total and to the records.
"""

from __future__ import annotations

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import func, select

from benchmarks.generators import generate_records
from benchmarks.loading import load_records
from capaciteit.capacity import aggregation
from capaciteit.capacity.records import MEASURES, record_schema
from capaciteit.geo.boundaries import REGION_CODES
from capaciteit.storage import repository as storage
from capaciteit.storage.models import CapacityRecord, CapacityTotal

N_RECORDS = 3_000
KEYS = ["submission_id", *storage.SUMMARY_KEYS]


@pytest.fixture(scope="module")
def records(boundaries) -> pd.DataFrame:
    return generate_records(boundaries.municipality_table(), N_RECORDS)


def load_and_sum(engine, records: pd.DataFrame) -> dict[str, int]:
    """Load as the benchmark does, then write each version's totals as publishing does."""
    ids = load_records(engine, records)
    with engine.begin() as conn:
        for submission_id in ids.values():
            storage.write_totals(conn, submission_id)
    return ids


def test_generated_records_are_valid_capacity_records(records, boundaries):
    record_schema().validate(records)
    region_of = boundaries.municipality_table().set_index("gemeente_code")["region_code"]
    local = records.dropna(subset=["gemeente_code"])
    assert (local["gemeente_code"].map(region_of) == local["region_code"]).all()
    assert set(records["region_code"]) == set(REGION_CODES)


def test_the_totals_of_every_version_equal_a_direct_group_by_over_its_records(engine, records):
    ids = load_and_sum(engine, records)
    newer = records[records["region_code"] == "VR13"].iloc[::2].assign(
        peildatum=lambda f: pd.to_datetime(f["peildatum"]))
    with engine.begin() as conn:  # a second VR13 version through the app: the first stays
        storage.publish_version(conn, "VR13", newer, uploaded_by="test")
    t, r = CapacityTotal, CapacityRecord
    record_keys = [getattr(r, k) for k in KEYS]
    direct = (select(*record_keys, func.sum(r.persons), func.sum(r.fte),
                     func.sum(r.deployable_persons), func.count())
              .group_by(*record_keys))
    stored = select(*[getattr(t, k) for k in KEYS], t.persons, t.fte, t.deployable_persons,
                    t.records)
    with engine.connect() as conn:
        expected, got = (comparable(conn.execute(q).all()) for q in (direct, stored))
    assert got["submission_id"].nunique() == len(ids) + 1
    assert_frame_equal(got, expected)


def test_regions_add_up_to_the_national_total_and_to_the_generated_records(
        engine, records, boundaries):
    load_and_sum(engine, records)
    with engine.connect() as conn:
        summary = storage.capacity_summary(conn)
    table = aggregation.region_table(summary, boundaries.regions, REGION_CODES)
    totals = aggregation.national_totals(summary)
    per_region = records.groupby("region_code")[MEASURES].sum()
    assert_frame_equal(table.set_index("region_code").loc[per_region.index, MEASURES],
                       per_region, check_dtype=False, check_names=False)
    for measure in MEASURES:
        assert table[measure].sum() == pytest.approx(totals[measure])
        assert totals[measure] == pytest.approx(records[measure].sum())


def comparable(rows) -> pd.DataFrame:
    """Grouped rows from either database as a frame with fixed types and order."""
    frame = pd.DataFrame([tuple(row) for row in rows],
                         columns=[*KEYS, "persons", "fte", "deployable_persons", "records"])
    frame = frame.astype({"submission_id": "int64", "deployable_within_hours": "int64",
                          "persons": "int64", "fte": "float64", "deployable_persons": "int64",
                          "records": "int64"})
    frame["gemeente_code"] = frame["gemeente_code"].astype(object).where(
        frame["gemeente_code"].notna(), None)
    return frame.sort_values(KEYS, na_position="first").reset_index(drop=True)
