"""The national map's table: subcategories, rates, freshness, rounding and no "None"."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
import pytest

from capaciteit.capacity.aggregation import (
    Measure,
    available_measures,
    default_measure,
    filter_category,
    national_rate,
)
from capaciteit.capacity.categories import category_choices, default_categories
from capaciteit.capacity.freshness import region_freshness
from capaciteit.capacity.national_table import (
    LINK_TEXT,
    export_frame,
    map_table,
    national_table,
    region_link,
    rounded,
    styled,
)
from capaciteit.capacity.presentation import describe_map, stale_line

REGIONS = pd.DataFrame({"region_code": ["VR01", "VR02", "VR03"],
                        "region_name": ["Groningen", "Fryslân", "Drenthe"]})
COLUMNS = ["region_code", "gemeente_code", "category", "subcategory", "deployable_within_hours",
           "persons", "fte", "deployable_persons", "records"]
SUMMARY = pd.DataFrame([
    ("VR01", "GM0014", "boa", "domein-1", 24, 10, 8.3, 4, 1),
    ("VR01", "GM0037", "boa", "domein-4", 72, 20, 15.3, 6, 2),
    ("VR02", None, "defensie", "bijstand", 24, 30, 29.0, 30, 1),
], columns=COLUMNS)
VERSIONS = pd.DataFrame({"region_code": ["VR01", "VR02"],
                         "peildatum_min": pd.to_datetime(["2026-03-01", "2025-01-01"])})
POPULATION = pd.DataFrame({"region_code": ["VR01", "VR02", "VR03"],
                           "inhabitants": [300_000, 700_000, 500_000]})
TODAY = date(2026, 4, 1)


def table(category: str | None = None) -> pd.DataFrame:
    return map_table(filter_category(SUMMARY, category), REGIONS, VERSIONS, POPULATION, TODAY, 180)


def test_subcategories_follow_their_category_indented_and_filter_the_map():
    choices = category_choices(default_categories())
    keys = list(choices)
    assert keys.index("boa/domein-4") > keys.index("boa")
    assert choices["boa/domein-4"].strip() == "Domein IV Openbaar vervoer"
    assert choices["boa/domein-4"] != choices["boa/domein-4"].strip()  # indented
    assert "vrijwillige-politie/vrijwillige-politie" not in choices  # only itself: listed once
    domain_4 = table("boa/domein-4").set_index("region_code")
    assert domain_4.loc["VR01", "persons"] == 20
    assert domain_4.loc["VR02", "persons"] == 0  # reported, nobody in it
    assert np.isnan(domain_4.loc["VR03", "persons"])  # never reported


@pytest.mark.parametrize(("peildatum", "age", "stale"), [
    ("2026-03-01", 31, False), ("2025-10-03", 180, False), ("2025-10-02", 181, True)])
def test_freshness_gives_the_age_in_days_and_flags_what_is_older_than_the_threshold(
        peildatum, age, stale):
    versions = pd.DataFrame({"region_code": ["VR01"], "peildatum_min": [pd.Timestamp(peildatum)]})
    row = region_freshness(versions, TODAY, 180).iloc[0]
    assert (row["age_days"], bool(row["stale"])) == (age, stale)


def test_the_map_table_carries_peildatum_age_stale_flag_and_tooltip_text():
    rows = table().set_index("region_code")
    assert rows.loc["VR01", "freshness_text"] == "01-03-2026, 31 dagen oud"
    assert rows.loc["VR02", "freshness_text"] == "01-01-2025, 455 dagen oud (verouderd)"
    assert bool(rows.loc["VR02", "stale"]) and not bool(rows.loc["VR01", "stale"])
    assert rows.loc["VR03", "freshness_text"] == "" and pd.isna(rows.loc["VR03", "stale"])
    assert stale_line(table(), 180) == "Verouderd (peildatum ouder dan 180 dagen): Fryslân."


def test_the_national_rate_counts_only_regions_with_figures():
    rate = national_rate(table(), Measure("persons", per_capita=True))
    assert rate == pytest.approx((30 + 30) / (300_000 + 700_000) * 10_000)
    assert national_rate(table(), Measure("persons")) == 60


def test_without_any_region_reporting_the_national_figure_is_no_data_not_zero():
    silent = map_table(SUMMARY.iloc[0:0], REGIONS, VERSIONS.iloc[0:0], POPULATION, TODAY, 180)
    assert np.isnan(national_rate(silent, Measure("persons")))
    assert "Landelijk totaal: geen gegevens." in describe_map(silent, Measure("persons"), "x")


def test_the_sentence_gives_a_rate_for_a_rate_and_a_total_for_a_count():
    rate = describe_map(table(), Measure("persons", per_capita=True), "Alle categorieën")
    assert "Landelijk: 0,6 per 10.000 inwoners" in rate and "Landelijk totaal" not in rate
    count = describe_map(table(), Measure("persons"), "Alle categorieën")
    assert "Landelijk totaal: 60." in count


def test_the_map_opens_on_a_rate_when_population_is_loaded():
    assert default_measure(available_measures(True)) == Measure("persons", per_capita=True)
    assert default_measure(available_measures(False)) == Measure("persons")


def test_the_table_is_rounded_to_the_meaning_of_each_column():
    shown = national_table(table(), Measure("fte", per_capita=True)).set_index("region_code")
    assert str(shown["persons"].dtype) == "Int64"
    assert shown.loc["VR01", "fte"] == 23.6  # 8.3 + 15.3 = 23.6000000000000014
    assert shown.loc["VR01", "fte_per_10000"] == round(23.6 / 300_000 * 10_000, 1)
    assert shown.loc["VR01", "region_link"] == region_link("VR01", "Groningen")
    assert region_link("VR02", "Fryslân") == "regio?regio=VR02#Frysl%C3%A2n"
    assert re.search(LINK_TEXT, region_link("VR02", "Fryslân")).group(1) == "Frysl%C3%A2n"
    assert list(shown["stale_text"]) == ["nee", "ja", "geen gegevens"]
    assert rounded(pd.Series([1407.6000000000001, np.nan]), 1).tolist()[0] == 1407.6


def test_the_screen_table_never_says_none_and_names_missing_figures():
    html = styled(national_table(table(), Measure("persons")), Measure("persons")).to_html()
    assert "None" not in html and "nan" not in html.lower().replace("nanos", "")
    assert "geen gegevens" in html
    assert "01-03-2026" in html


def test_the_download_has_dutch_labels_dates_and_the_decimals_per_column():
    frame, decimals = export_frame(national_table(table(), Measure("persons", per_capita=True)),
                                   Measure("persons", per_capita=True))
    assert decimals["Aantal personen"] == 0 and decimals["FTE"] == 1
    assert decimals["Aantal personen per 10.000 inwoners"] == 1
    assert {"Peildatum", "Leeftijd peildatum (dagen)", "Verouderd"} <= set(frame.columns)
    assert frame.loc[0, "Peildatum"] == date(2026, 3, 1)
