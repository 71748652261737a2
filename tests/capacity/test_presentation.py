"""Dutch numbers and dates, and the labels and sentences pages show."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from capaciteit.capacity.aggregation import Measure
from capaciteit.capacity.presentation import (
    describe_map,
    freshness_line,
    labelled,
    map_attributions,
    peildatum_label,
)
from capaciteit.formatting import format_date, format_datetime, format_number

ATTRIBUTION = "Bron gebiedsindeling: CBS/Kadaster (PDOK), CC BY 4.0"
MANIFEST = {"bronvermelding": ATTRIBUTION, "jaar": 2023}


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (12345.67, 1, "12.345,7"),
    (1234567, 0, "1.234.567"),
    (999, 0, "999"),
    (0.5, 2, "0,50"),
    (-1234.5, 1, "-1.234,5"),
    (np.int64(42), 0, "42"),
    (None, 0, ""),
    (np.nan, 1, ""),
    (pd.NA, 0, ""),
])
def test_numbers_are_formatted_the_dutch_way(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (date(2026, 11, 3), "3 november 2026"),
    (date(2026, 1, 31), "31 januari 2026"),
    (datetime(2026, 3, 1, 23, 59), "1 maart 2026"),
    (pd.Timestamp("2026-12-25"), "25 december 2026"),
    (None, ""),
    (pd.NaT, ""),
])
def test_dates_are_written_out_in_dutch(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (datetime(2026, 11, 3, 13, 5, tzinfo=UTC), "3 november 2026 14:05"),  # CET, UTC+1
    (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), "1 juli 2026 14:00"),      # CEST, UTC+2
    (pd.Timestamp("2026-12-31 23:30"), "1 januari 2027 00:30"),         # naive means UTC
    (None, ""),
])
def test_moments_are_shown_in_amsterdam_time(value, expected):
    assert format_datetime(value) == expected


def versions(*ranges: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame({
        "region_code": [f"VR{i:02d}" for i in range(1, len(ranges) + 1)],
        "peildatum_min": pd.to_datetime([low for low, _ in ranges]),
        "peildatum_max": pd.to_datetime([high for _, high in ranges]),
    })


@pytest.mark.parametrize(("frame", "expected"), [
    (versions(), "Peildatum: geen gegevens"),
    (versions(("2026-11-03", "2026-11-03")), "Peildatum: 3 november 2026"),
    (versions(("2026-11-03", "2026-11-03"), ("2026-11-03", "2026-11-03")),
     "Peildatum: 3 november 2026"),
    (versions(("2026-10-01", "2026-10-15"), ("2026-09-30", "2026-11-03")),
     "Peildata: 30 september 2026 – 3 november 2026"),
])
def test_peildatum_label_gives_one_date_or_the_range(frame, expected):
    assert peildatum_label(frame) == expected


TABLE = pd.DataFrame({
    "region_code": ["VR01", "VR02", "VR03", "VR04"],
    "region_name": ["Groningen", "Fryslân", "Drenthe", "IJsselland"],
    "persons": [1200.0, 30.0, np.nan, 4500.0],
})


def test_describe_map_names_highest_lowest_total_and_regions_without_data():
    sentence = describe_map(TABLE, Measure("persons"), "Boa's")
    assert "aantal personen (boa's)" in sentence
    assert "Landelijk totaal: 5.730." in sentence
    assert "Hoogste waarde: IJsselland (4.500)." in sentence
    assert "Laagste waarde: Fryslân (30)." in sentence
    assert "1 regio('s) zonder gegevens, grijs op de kaart." in sentence


def test_describe_map_says_nothing_about_missing_regions_when_all_reported():
    sentence = describe_map(TABLE.fillna(0), Measure("persons"), "Alle categorieën")
    assert "zonder gegevens" not in sentence
    assert "Laagste waarde: Drenthe (0)." in sentence


def test_describe_map_of_a_map_without_any_data_counts_every_region_as_missing():
    empty = TABLE.assign(persons=np.nan)
    sentence = describe_map(empty, Measure("persons"), "Defensie")
    assert "Hoogste waarde" not in sentence
    assert "4 regio('s) zonder gegevens" in sentence


@pytest.mark.parametrize(("has_demo", "population_date", "expected"), [
    (False, None, [f"{ATTRIBUTION} (2023)"]),
    (True, None, [f"{ATTRIBUTION} (2023)", "Fictieve demogegevens"]),
    (True, date(2026, 1, 1),
     [f"{ATTRIBUTION} (2023)", "Inwoners: CBS 1 januari 2026", "Fictieve demogegevens"]),
])
def test_map_attributions_name_the_sources_and_the_demo_label(has_demo, population_date,
                                                              expected):
    assert map_attributions(MANIFEST, has_demo, population_date) == expected


def test_map_attributions_fall_back_to_the_standard_boundaries_credit():
    assert map_attributions({}, False, None)[0].startswith(ATTRIBUTION)


def test_labelled_selects_columns_and_gives_them_dutch_names():
    frame = labelled(TABLE, ["region_name", "persons"], {"persons": "Personen"})
    assert_frame_equal(frame, pd.DataFrame({"Veiligheidsregio": TABLE["region_name"],
                                            "Personen": TABLE["persons"]}))


def test_freshness_line_says_who_sent_what_when():
    version = pd.Series({"peildatum_min": pd.Timestamp("2026-10-01"),
                         "peildatum_max": pd.Timestamp("2026-10-15"),
                         "uploaded_at": pd.Timestamp("2026-11-03 10:00", tz="UTC"),
                         "uploaded_by": "an@vr01.nl", "filename": None})
    assert freshness_line(version) == (
        "Peildatum 1 oktober 2026 – 15 oktober 2026; ingediend op 3 november 2026 11:00 "
        "door an@vr01.nl (bestand —).")


def test_freshness_line_shows_a_hostile_uploader_and_file_name_as_text():
    version = pd.Series({"peildatum_min": pd.Timestamp("2026-10-01"),
                         "peildatum_max": pd.Timestamp("2026-10-01"),
                         "uploaded_at": pd.Timestamp("2026-11-03 10:00", tz="UTC"),
                         "uploaded_by": "[klik](https://evil.example)",
                         "filename": "<img src=x onerror=alert(1)>.csv"})
    line = freshness_line(version)
    assert "door \\[klik\\](https\\:\u2060//evil.example)" in line
    assert "(bestand \\<img src=x onerror=alert(1)\\>.csv)" in line
