"""Storage on a real database, the same tests on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import func, select

from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.storage import repository as storage
from capaciteit.storage.models import CapacityRecord, Population, Submission

WHEN = datetime(2026, 11, 3, 12, 30, tzinfo=UTC)


def records(region: str, rows: list[tuple]) -> pd.DataFrame:
    """Records from rows of gemeente, (sub)category, persons, fte, deployable, hours, peildatum."""
    frame = pd.DataFrame(rows, columns=["gemeente_code", "category", "subcategory", "persons",
                                        "fte", "deployable_persons", "deployable_within_hours",
                                        "peildatum"])
    frame.insert(0, "region_code", region)
    frame["organisation"] = [f"Organisatie {i} {region}" for i in range(len(frame))]
    frame["organisation_id"] = None
    frame["powers"] = ""
    frame["note"] = ""
    frame["peildatum"] = pd.to_datetime(frame["peildatum"])
    return frame[RECORD_COLUMNS]


FIRST_VR01 = records("VR01", [
    ("GM0014", "boa", "domein-1", 10, 8.5, 4, 24, "2026-09-01"),
    ("GM0037", "boa", "domein-1", 5, 5.0, 5, 72, "2026-09-01"),
])
SECOND_VR01 = records("VR01", [
    ("GM0014", "boa", "domein-1", 12, 10.0, 6, 24, "2026-10-01"),
    ("GM0014", "boa", "domein-1", 3, 2.5, 1, 24, "2026-10-15"),
    (None, "defensie", "bijstand", 40, 40.0, 30, 168, "2026-10-15"),
])
FIRST_VR02 = records("VR02", [
    ("GM0080", "boa", "domein-2", 7, 6.2, 2, 72, "2026-08-20"),
    (None, "inspectiedienst", "nvwa", 4, 3.0, 4, 24, "2026-08-20"),
])


def publish(engine, region, frame, **kwargs):
    kwargs.setdefault("uploaded_by", "tester@example.nl")
    with engine.begin() as conn:
        return storage.publish_version(conn, region, frame, **kwargs)


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Records with fixed dtypes and order, so frames from the database and pandas compare."""
    result = frame[RECORD_COLUMNS].astype({
        "persons": "int64", "fte": "float64", "deployable_persons": "int64",
        "deployable_within_hours": "int64"})
    result = result.astype({c: object for c in ("region_code", "gemeente_code", "organisation",
                                                "organisation_id", "category", "subcategory",
                                                "powers", "note")})
    result = result.where(result.notna(), None)
    result["peildatum"] = pd.to_datetime(result["peildatum"]).astype("datetime64[ns]")
    return result.sort_values("organisation").reset_index(drop=True)


def as_utc(moment) -> pd.Timestamp:
    stamp = pd.Timestamp(moment)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def test_a_fresh_database_is_empty_on_both_stores(engine):
    with engine.connect() as conn:
        assert storage.is_empty(conn)
        assert not storage.has_demo_data(conn)


def test_a_database_with_one_publication_is_not_empty(engine):
    publish(engine, "VR01", FIRST_VR01)
    with engine.connect() as conn:
        assert not storage.is_empty(conn)


@pytest.mark.parametrize(("regions", "expected_versions"), [
    (["VR01"], [1]),
    (["VR01", "VR01", "VR01"], [1, 2, 3]),
    (["VR01", "VR02", "VR01", "VR01", "VR02"], [1, 1, 2, 3, 2]),
])
def test_versions_are_numbered_per_region_independently(engine, regions, expected_versions):
    versions = [publish(engine, region, records(region, [
        (None, "defensie", "bijstand", 1, 1.0, 1, 24, "2026-10-01")])).version
        for region in regions]
    assert versions == expected_versions


def test_every_publication_stores_a_new_submission_with_its_rows(engine):
    first = publish(engine, "VR01", FIRST_VR01)
    second = publish(engine, "VR01", SECOND_VR01)
    assert first.submission_id != second.submission_id
    assert (first.row_count, second.row_count) == (len(FIRST_VR01), len(SECOND_VR01))
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Submission)).scalar_one() == 2


def test_the_newest_version_becomes_current(engine):
    publish(engine, "VR01", FIRST_VR01)
    second = publish(engine, "VR01", SECOND_VR01)
    with engine.connect() as conn:
        versions = storage.current_versions(conn)
        current = storage.region_records(conn, "VR01")
    assert versions["submission_id"].tolist() == [second.submission_id]
    assert versions["version"].tolist() == [2]
    assert_frame_equal(comparable(current), comparable(SECOND_VR01))


def test_earlier_versions_and_their_records_stay_untouched(engine):
    first = publish(engine, "VR01", FIRST_VR01)
    publish(engine, "VR01", SECOND_VR01)
    publish(engine, "VR01", FIRST_VR02.assign(region_code="VR01"))
    r = CapacityRecord
    with engine.connect() as conn:
        stored = pd.DataFrame(conn.execute(
            select(*[getattr(r, c) for c in RECORD_COLUMNS])
            .where(r.submission_id == first.submission_id)).mappings().all())
        versions = conn.execute(select(Submission.version).where(
            Submission.region_code == "VR01").order_by(Submission.version)).scalars().all()
    assert versions == [1, 2, 3]
    assert_frame_equal(comparable(stored), comparable(FIRST_VR01))


def test_capacity_summary_sums_only_current_versions_like_a_pandas_groupby(engine):
    publish(engine, "VR01", FIRST_VR01)
    publish(engine, "VR02", FIRST_VR02)
    publish(engine, "VR01", SECOND_VR01)
    with engine.connect() as conn:
        summary = storage.capacity_summary(conn)

    current = pd.concat([SECOND_VR01, FIRST_VR02], ignore_index=True)
    expected = (current.assign(gemeente_code=current["gemeente_code"].fillna("-"),
                               records=1)
                .groupby(storage.SUMMARY_KEYS, as_index=False)
                [["persons", "fte", "deployable_persons", "records"]].sum())
    actual = summary.assign(gemeente_code=summary["gemeente_code"].fillna("-"))
    key_types = {k: object for k in storage.SUMMARY_KEYS if k != "deployable_within_hours"}
    number_types = {"persons": "int64", "deployable_persons": "int64", "records": "int64",
                    "deployable_within_hours": "int64"}
    assert_frame_equal(
        actual.astype(key_types).astype(number_types)
        .sort_values(storage.SUMMARY_KEYS).reset_index(drop=True),
        expected.astype(key_types).astype(number_types)
        .sort_values(storage.SUMMARY_KEYS).reset_index(drop=True),
    )


def test_an_empty_store_gives_an_empty_summary_with_the_summary_columns(engine):
    with engine.connect() as conn:
        summary = storage.capacity_summary(conn)
    assert summary.empty
    assert list(summary.columns) == [*storage.SUMMARY_KEYS, "persons", "fte",
                                     "deployable_persons", "records"]


def test_current_versions_say_who_sent_which_file_when_with_its_peildata(engine):
    publish(engine, "VR01", FIRST_VR01, uploaded_by="oud@vr01.nl", filename="oud.xlsx")
    publish(engine, "VR01", SECOND_VR01, uploaded_by="an@vr01.nl", filename="vr01.xlsx",
            now=WHEN)
    publish(engine, "VR02", FIRST_VR02, uploaded_by="bo@vr02.nl", filename=None, now=WHEN)
    with engine.connect() as conn:
        versions = storage.current_versions(conn)

    assert versions["region_code"].tolist() == ["VR01", "VR02"]
    assert versions["uploaded_by"].tolist() == ["an@vr01.nl", "bo@vr02.nl"]
    assert versions["filename"].fillna("").tolist() == ["vr01.xlsx", ""]
    assert versions["row_count"].tolist() == [len(SECOND_VR01), len(FIRST_VR02)]
    assert [as_utc(t) for t in versions["uploaded_at"]] == [pd.Timestamp(WHEN)] * 2
    assert versions["peildatum_min"].tolist() == [pd.Timestamp("2026-10-01"),
                                                  pd.Timestamp("2026-08-20")]
    assert versions["peildatum_max"].tolist() == [pd.Timestamp("2026-10-15"),
                                                  pd.Timestamp("2026-08-20")]
    assert not versions["is_demo"].any()


def test_region_records_of_a_region_without_data_are_empty(engine):
    publish(engine, "VR01", FIRST_VR01)
    with engine.connect() as conn:
        frame = storage.region_records(conn, "VR02")
    assert frame.empty
    assert list(frame.columns) == RECORD_COLUMNS


def test_a_failure_inside_the_transaction_keeps_the_previous_version_current(engine):
    first = publish(engine, "VR01", FIRST_VR01)
    with pytest.raises(RuntimeError, match="halverwege"):
        with engine.begin() as conn:
            storage.publish_version(conn, "VR01", SECOND_VR01, uploaded_by="x@vr01.nl")
            raise RuntimeError("halverwege mislukt")

    with engine.connect() as conn:
        versions = storage.current_versions(conn)
        current = storage.region_records(conn, "VR01")
        submissions = conn.execute(select(func.count()).select_from(Submission)).scalar_one()
        rows = conn.execute(select(func.count()).select_from(CapacityRecord)).scalar_one()
    assert versions["submission_id"].tolist() == [first.submission_id]
    assert (submissions, rows) == (1, len(FIRST_VR01))
    assert_frame_equal(comparable(current), comparable(FIRST_VR01))
    assert publish(engine, "VR01", SECOND_VR01).version == 2


def test_population_loads_are_kept_and_the_newest_is_returned(engine):
    older = pd.DataFrame({"gemeente_code": ["GM0014", "GM0037"], "inhabitants": [230000, 31000]})
    newer = pd.DataFrame({"gemeente_code": ["GM0014", "GM0037"], "inhabitants": [235000, 30500]})
    with engine.begin() as conn:
        first = storage.save_population(conn, older, reference_date=date(2025, 1, 1),
                                        filename="2025.csv", sha256="a" * 64)
        second = storage.save_population(conn, newer, reference_date=date(2026, 1, 1),
                                         filename="2026.csv", sha256="b" * 64)
    with engine.connect() as conn:
        inhabitants, reference_date = storage.latest_population(conn)
        kept = conn.execute(select(func.count()).select_from(Population)
                            .where(Population.load_id == first)).scalar_one()
    assert second != first
    assert reference_date == date(2026, 1, 1)
    assert_frame_equal(
        inhabitants.astype({"gemeente_code": object, "inhabitants": "int64"})
        .sort_values("gemeente_code").reset_index(drop=True),
        newer.astype({"gemeente_code": object}))
    assert kept == len(older)


def test_without_a_population_load_there_are_no_inhabitants_and_no_date(engine):
    with engine.connect() as conn:
        inhabitants, reference_date = storage.latest_population(conn)
    assert inhabitants.empty
    assert reference_date is None


def test_removing_demo_data_removes_only_demo_submissions(engine):
    demo_vr01 = publish(engine, "VR01", FIRST_VR01, kind="demo", is_demo=True)
    demo_vr02 = publish(engine, "VR02", FIRST_VR02, kind="demo", is_demo=True)
    real_vr01 = publish(engine, "VR01", SECOND_VR01)
    real_vr03 = publish(engine, "VR03", FIRST_VR02.assign(region_code="VR03"))
    with engine.connect() as conn:
        assert storage.has_demo_data(conn)

    with engine.begin() as conn:
        removed = storage.remove_demo_data(conn)

    demo_ids = [demo_vr01.submission_id, demo_vr02.submission_id]
    with engine.connect() as conn:
        assert not storage.has_demo_data(conn)
        versions = storage.current_versions(conn)
        left = conn.execute(select(Submission.id).order_by(Submission.id)).scalars().all()
        orphans = conn.execute(select(func.count()).select_from(CapacityRecord).where(
            CapacityRecord.submission_id.in_(demo_ids))).scalar_one()
        vr01 = storage.region_records(conn, "VR01")
    assert removed == 2
    assert left == [real_vr01.submission_id, real_vr03.submission_id]
    assert orphans == 0
    assert versions["region_code"].tolist() == ["VR01", "VR03"]
    assert_frame_equal(comparable(vr01), comparable(SECOND_VR01))


def test_removing_demo_data_from_a_store_without_demo_data_removes_nothing(engine):
    publish(engine, "VR01", FIRST_VR01)
    with engine.begin() as conn:
        assert storage.remove_demo_data(conn) == 0
    with engine.connect() as conn:
        assert len(storage.region_records(conn, "VR01")) == len(FIRST_VR01)
