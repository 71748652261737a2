"""The fictitious demo dataset: deterministic, complete, valid and marked as demo."""

from __future__ import annotations

from datetime import date

import pytest
from pandas.testing import assert_frame_equal

from capaciteit.capacity.categories import categories_frame, default_categories
from capaciteit.capacity.demo import FICTIEF, generate_demo_records, load_demo
from capaciteit.capacity.records import record_schema
from capaciteit.storage import repository as storage

TODAY = date(2026, 11, 3)
SEEDS = [2020, 12, 7]  # 12 once left a municipality out


def demo(boundaries, seed=2020):
    return generate_demo_records(boundaries.municipality_table(), default_categories(),
                                 today=TODAY, seed=seed)


def test_the_same_seed_gives_the_same_records(boundaries):
    first = demo(boundaries, 5)
    assert len(first) >= len(boundaries.municipalities)  # every municipality named at least once
    assert_frame_equal(first, demo(boundaries, 5))


def test_another_seed_gives_other_records(boundaries):
    assert not demo(boundaries, 5).equals(demo(boundaries, 6))


@pytest.mark.parametrize("seed", SEEDS)
def test_demo_data_covers_every_region_category_and_subcategory(boundaries, seed):
    records = demo(boundaries, seed)
    reference = categories_frame(default_categories())
    assert set(records["region_code"]) == set(boundaries.regions["region_code"])
    assert set(map(tuple, records[["category", "subcategory"]].to_numpy())) == \
        set(map(tuple, reference[["category", "subcategory"]].to_numpy()))
    for _, group in records.groupby("region_code"):
        assert set(group["category"]) == set(reference["category"])


@pytest.mark.parametrize("seed", SEEDS)
def test_demo_data_names_every_municipality_at_least_once(boundaries, seed):
    records = demo(boundaries, seed)
    assert set(records["gemeente_code"].dropna()) == set(boundaries.municipalities["gemeente_code"])


def test_demo_municipalities_lie_in_the_region_of_their_record(boundaries):
    records = demo(boundaries).dropna(subset=["gemeente_code"])
    region_of = dict(zip(boundaries.municipalities["gemeente_code"],
                         boundaries.municipalities["region_code"], strict=True))
    assert (records["gemeente_code"].map(region_of) == records["region_code"]).all()


def test_every_demo_organisation_is_marked_fictitious(boundaries):
    records = demo(boundaries)
    assert records["organisation"].str.contains(FICTIEF, regex=False).all()
    assert FICTIEF == "(fictief)"


def test_demo_records_pass_the_record_schema(boundaries):
    records = demo(boundaries)
    validated = record_schema().validate(records, lazy=True)  # raises SchemaErrors if not
    assert validated[["region_code", "organisation", "persons"]].equals(
        records[["region_code", "organisation", "persons"]])  # nothing dropped or changed


def test_demo_peildata_lie_in_the_past(boundaries):
    records = demo(boundaries)
    assert (records["peildatum"].dt.date < TODAY).all()


def test_loading_demo_data_into_an_empty_store_marks_every_submission_as_demo(
        engine, boundaries):
    with engine.begin() as conn:
        records = load_demo(conn, boundaries.municipality_table(), default_categories(),
                            today=TODAY)
    with engine.connect() as conn:
        versions = storage.current_versions(conn)
        summary = storage.capacity_summary(conn)
        assert storage.has_demo_data(conn)
    assert len(versions) == 25
    assert versions["is_demo"].all()
    assert set(versions["kind"]) == {"demo"}
    assert versions["version"].tolist() == [1] * 25
    assert summary["persons"].sum() == records["persons"].sum()
    assert summary["records"].sum() == len(records)
