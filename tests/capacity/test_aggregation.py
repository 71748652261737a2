"""Pure aggregation: hand-made cases and invariants on the real demo dataset."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from capaciteit.capacity import aggregation
from capaciteit.capacity.aggregation import (
    Measure,
    available_measures,
    by_category,
    by_municipality,
    is_stale,
    national_totals,
    neighbours_of,
    region_population,
    region_table,
)
from capaciteit.capacity.categories import categories_frame, default_categories
from capaciteit.capacity.demo import generate_demo_records

REGIONS = pd.DataFrame({"region_code": ["VR01", "VR02", "VR03"],
                        "region_name": ["Groningen", "Fryslân", "Drenthe"]})
COLUMNS = ["region_code", "gemeente_code", "category", "subcategory", "deployable_within_hours",
           "persons", "fte", "deployable_persons", "records"]
SUMMARY = pd.DataFrame([
    ("VR01", "GM0014", "boa", "domein-1", 24, 10, 8.0, 4, 1),
    ("VR01", "GM0037", "boa", "domein-2", 72, 20, 15.5, 6, 2),
    ("VR01", None, "defensie", "bijstand", 168, 50, 50.0, 40, 1),
    ("VR02", None, "defensie", "bijstand", 24, 30, 29.0, 30, 1),
], columns=COLUMNS)


def summary_of(records: pd.DataFrame) -> pd.DataFrame:
    """What storage.capacity_summary would return for these records, computed with pandas."""
    return (records.assign(records=1)
            .groupby(["region_code", "gemeente_code", "category", "subcategory",
                      "deployable_within_hours"], dropna=False, as_index=False)
            [["persons", "fte", "deployable_persons", "records"]].sum())


@pytest.fixture(scope="module")
def demo_records(boundaries) -> pd.DataFrame:
    return generate_demo_records(boundaries.municipality_table(), default_categories(),
                                 today=date(2026, 11, 3))


@pytest.mark.parametrize(("category", "persons", "fte", "deployable"), [
    (None, [80.0, 30.0, np.nan], [73.5, 29.0, np.nan], [50.0, 30.0, np.nan]),
    ("boa", [30.0, 0.0, np.nan], [23.5, 0.0, np.nan], [10.0, 0.0, np.nan]),
    ("defensie", [50.0, 30.0, np.nan], [50.0, 29.0, np.nan], [40.0, 30.0, np.nan]),
    ("inspectiedienst", [0.0, 0.0, np.nan], [0.0, 0.0, np.nan], [0.0, 0.0, np.nan]),
])
def test_region_table_gives_nan_to_silent_regions_and_zero_to_empty_categories(
        category, persons, fte, deployable):
    table = region_table(aggregation.filter_category(SUMMARY, category), REGIONS,
                         reporting=["VR01", "VR02"])
    expected = REGIONS.assign(persons=persons, fte=fte, deployable_persons=deployable)
    assert_frame_equal(table, expected)


def test_region_table_adds_rates_per_ten_thousand_inhabitants():
    population = pd.DataFrame({"region_code": ["VR01", "VR02", "VR03"],
                               "inhabitants": [400_000, 60_000, 500_000]})
    table = region_table(SUMMARY, REGIONS, ["VR01", "VR02"], population)
    # VR01: 80 persons / 400,000 * 10,000 = 2.0; VR02: 30 / 60,000 * 10,000 = 5.0
    assert table["persons_per_10000"].tolist()[:2] == pytest.approx([2.0, 5.0])
    assert table["fte_per_10000"].tolist()[:2] == pytest.approx([1.8375, 29 / 6])
    assert table["deployable_persons_per_10000"].tolist()[:2] == pytest.approx([1.25, 5.0])
    assert np.isnan(table.loc[2, "persons_per_10000"])  # no data stays no data, not 0


def test_region_table_without_population_has_no_rate_columns():
    table = region_table(SUMMARY, REGIONS, ["VR01"], pd.DataFrame(
        columns=["region_code", "inhabitants"]))
    assert not any(c.endswith("_per_10000") for c in table.columns)


def test_a_region_reporting_nothing_at_all_gets_zero_not_nan():
    empty = SUMMARY.iloc[0:0]
    table = region_table(empty, REGIONS, ["VR03"])
    assert table["persons"].tolist()[2] == 0.0
    assert table["persons"].isna().tolist() == [True, True, False]


@pytest.mark.parametrize("category", [None, *[c.code for c in default_categories()]])
def test_regional_figures_of_the_demo_data_add_up_to_the_national_total(
        boundaries, demo_records, category):
    summary = aggregation.filter_category(summary_of(demo_records), category)
    table = region_table(summary, boundaries.regions, boundaries.regions["region_code"])
    chosen = demo_records if category is None else demo_records[
        demo_records["category"] == category]

    assert len(table) == 25
    assert table["persons"].sum() == chosen["persons"].sum()
    assert table["deployable_persons"].sum() == chosen["deployable_persons"].sum()
    assert table["fte"].sum() == pytest.approx(chosen["fte"].sum())
    assert national_totals(summary)["persons"] == chosen["persons"].sum()


def test_each_region_figure_of_the_demo_data_equals_the_sum_of_its_records(
        boundaries, demo_records):
    table = region_table(summary_of(demo_records), boundaries.regions,
                         boundaries.regions["region_code"]).set_index("region_code")
    for code, group in demo_records.groupby("region_code"):
        assert table.loc[code, "persons"] == group["persons"].sum()


def test_region_population_sums_the_municipalities_of_each_region():
    municipalities = pd.DataFrame({"gemeente_code": ["GM0001", "GM0002", "GM0003"],
                                   "gemeente_name": ["A", "B", "C"],
                                   "region_code": ["VR01", "VR01", "VR02"]})
    inhabitants = pd.DataFrame({"gemeente_code": ["GM0001", "GM0002", "GM0003"],
                                "inhabitants": [100, 250, 4000]})
    expected = pd.DataFrame({"region_code": ["VR01", "VR02"], "inhabitants": [350, 4000]})
    assert_frame_equal(region_population(inhabitants, municipalities), expected,
                       check_dtype=False)
    assert region_population(inhabitants, municipalities)["inhabitants"].dtype == "int64"


def test_every_municipality_belongs_to_exactly_one_known_region(boundaries):
    table = boundaries.municipality_table()
    assert table["gemeente_code"].is_unique
    assert table["region_code"].notna().all()
    assert set(table["region_code"]) == set(boundaries.regions["region_code"])


def test_region_population_of_all_municipalities_adds_up_to_the_national_population(
        boundaries):
    table = boundaries.municipality_table()
    rng = np.random.default_rng(1)
    inhabitants = pd.DataFrame({"gemeente_code": table["gemeente_code"],
                                "inhabitants": rng.integers(1_000, 900_000, len(table))})
    regions = region_population(inhabitants, table)
    assert len(regions) == 25
    assert regions["inhabitants"].sum() == inhabitants["inhabitants"].sum()


def test_by_category_lists_every_reference_subcategory_even_without_people():
    reference = categories_frame(default_categories())
    table = by_category(SUMMARY, reference)
    assert table[["category", "subcategory"]].values.tolist() == \
        reference[["category", "subcategory"]].values.tolist()
    persons = dict(zip(table["subcategory"], table["persons"], strict=True))
    assert (persons["domein-1"], persons["domein-2"], persons["bijstand"]) == (10, 20, 80)
    assert persons["nvwa"] == 0
    assert table["persons"].sum() == SUMMARY["persons"].sum()


def test_by_category_shows_unknown_stored_codes_instead_of_hiding_them():
    reference = categories_frame(default_categories())
    stored = pd.concat([SUMMARY, pd.DataFrame(
        [("VR01", None, "oud", "vervallen", 24, 7, 7.0, 1, 1)], columns=COLUMNS)])
    table = by_category(stored, reference)
    unknown = table[table["category"] == "oud"]
    assert unknown[["category_name", "subcategory_name", "persons"]].values.tolist() == [
        ["oud", "vervallen", 7]]
    assert table["persons"].sum() == stored["persons"].sum()


def test_by_municipality_has_a_row_for_region_wide_records():
    municipalities = pd.DataFrame({"gemeente_code": ["GM0014", "GM0037", "GM0047"],
                                   "gemeente_name": ["Groningen", "Stadskanaal", "Veendam"],
                                   "region_code": ["VR01"] * 3})
    table = by_municipality(SUMMARY[SUMMARY["region_code"] == "VR01"], municipalities,
                            "(regiobreed)")
    expected = pd.DataFrame({
        "gemeente_code": ["GM0014", "GM0037", "GM0047", ""],
        "gemeente_name": ["Groningen", "Stadskanaal", "Veendam", "(regiobreed)"],
        "persons": [10, 20, 0, 50],
        "fte": [8.0, 15.5, 0.0, 50.0],
        "deployable_persons": [4, 6, 0, 40],
    })
    assert_frame_equal(table, expected, check_dtype=False)


def test_by_municipality_without_region_wide_records_has_no_extra_row():
    municipalities = pd.DataFrame({"gemeente_code": ["GM0014", "GM0037"],
                                   "gemeente_name": ["Groningen", "Stadskanaal"]})
    table = by_municipality(SUMMARY.iloc[:2], municipalities, "(regiobreed)")
    assert table["gemeente_name"].tolist() == ["Groningen", "Stadskanaal"]


def test_neighbours_of_a_region_come_with_names_and_border_length():
    neighbours = pd.DataFrame({"region_code": ["VR01", "VR01", "VR02"],
                               "neighbour_code": ["VR02", "VR99", "VR01"],
                               "border_km": [38.8, 1.5, 38.8]})
    table = neighbours_of(neighbours, "VR01", {"VR01": "Groningen", "VR02": "Fryslân"})
    expected = pd.DataFrame({"region_code": ["VR02", "VR99"],
                             "region_name": ["Fryslân", "VR99"],
                             "border_km": [38.8, 1.5]})
    assert_frame_equal(table, expected, check_dtype=False)


def test_a_region_without_neighbours_gets_an_empty_table():
    neighbours = pd.DataFrame({"region_code": ["VR01"], "neighbour_code": ["VR02"],
                               "border_km": [1.0]})
    assert neighbours_of(neighbours, "VR25", {}).empty


@pytest.mark.parametrize(("peildatum", "today", "expected"), [
    (None, "2026-11-03", True),
    (pd.NaT, "2026-11-03", True),
    ("2026-11-03", "2026-11-03", False),
    ("2026-08-05", "2026-11-03", False),  # exactly 90 days old
    ("2026-08-04", "2026-11-03", True),   # 91 days old
])
def test_is_stale_when_the_peildatum_is_older_than_the_limit_or_missing(
        peildatum, today, expected):
    stamp = peildatum if peildatum is None or peildatum is pd.NaT else pd.Timestamp(peildatum)
    assert is_stale(stamp, pd.Timestamp(today), 90) is expected


@pytest.mark.parametrize(("population_loaded", "columns"), [
    (False, ["persons", "fte", "deployable_persons"]),
    (True, ["persons", "fte", "deployable_persons", "persons_per_10000", "fte_per_10000",
            "deployable_persons_per_10000"]),
])
def test_available_measures_offer_rates_only_with_population(population_loaded, columns):
    assert [m.column for m in available_measures(population_loaded)] == columns


@pytest.mark.parametrize(("measure", "label", "decimals"), [
    (Measure("persons"), "Aantal personen", 0),
    (Measure("fte"), "FTE", 1),
    (Measure("persons", per_capita=True), "Aantal personen per 10.000 inwoners", 1),
])
def test_a_measure_has_a_dutch_label_and_its_decimals(measure, label, decimals):
    assert (measure.label, measure.decimals) == (label, decimals)
