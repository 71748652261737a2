"""The national report: freshness per region, the table as text, totals, the PDF itself."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pytest

from capaciteit.capacity.aggregation import Measure
from capaciteit.capacity.report import (
    MapView,
    freshness_table,
    national_report,
    printable_table,
    report_rows,
    summary_lines,
)

TODAY = date(2026, 11, 29)
REGIONS = pd.DataFrame({"region_code": ["VR01", "VR02", "VR03"],
                        "region_name": ["Groningen", "Fryslân", "Drenthe"]})


def versions() -> pd.DataFrame:
    """VR01 fresh (one peildatum), VR03 stale (its oldest peildatum 200 days old); VR02 none."""
    return pd.DataFrame({
        "region_code": ["VR01", "VR03"],
        "peildatum_min": pd.to_datetime(["2026-11-01", "2026-05-13"]),
        "peildatum_max": pd.to_datetime(["2026-11-01", "2026-10-01"]),
        "uploaded_at": pd.to_datetime(["2026-11-02T10:00Z", "2026-10-02T10:00Z"]),
    })


def table() -> pd.DataFrame:
    return REGIONS.assign(persons=[1200.0, np.nan, 35.0], fte=[1000.25, np.nan, 30.0],
                          deployable_persons=[800.0, np.nan, 20.0],
                          persons_per_10000=[20.04, np.nan, 0.71])


def test_freshness_gives_age_and_stale_per_region_and_nothing_for_a_region_without_data():
    fresh = freshness_table(versions(), REGIONS, TODAY, 180).set_index("region_code")
    assert fresh.loc["VR01", "age_days"] == (pd.Timestamp(TODAY) - pd.Timestamp("2026-11-01")).days
    assert fresh.loc["VR03", "age_days"] == 200
    assert fresh["stale"].to_dict() == {"VR01": False, "VR02": False, "VR03": True}
    assert pd.isna(fresh.loc["VR02", "age_days"]) and pd.isna(fresh.loc["VR02", "peildatum_min"])


@pytest.mark.parametrize("days, stale", [(199, True), (200, False), (365, False)])
def test_a_region_is_stale_only_past_the_setting(days, stale):
    fresh = freshness_table(versions(), REGIONS, TODAY, days).set_index("region_code")
    assert bool(fresh.loc["VR03", "stale"]) is stale


def test_the_report_rows_of_a_count_say_geen_gegevens_and_flag_stale_regions():
    rows = report_rows(table(), freshness_table(versions(), REGIONS, TODAY, 180),
                       Measure("persons"))
    assert rows == [
        ["Veiligheidsregio", "Aantal personen", "Inzetbare personen", "FTE", "Peildatum",
         "Dagen oud", "Verouderd"],
        ["Drenthe", "35", "20", "30,0", "13 mei 2026 – 1 oktober 2026", "200", "verouderd"],
        ["Fryslân", "geen gegevens", "", "", "", "", ""],
        ["Groningen", "1.200", "800", "1.000,2", "1 november 2026", "28", ""]]


def test_the_report_rows_of_a_rate_add_the_rate_column():
    rows = report_rows(table(), freshness_table(versions(), REGIONS, TODAY, 180),
                       Measure("persons", per_capita=True))
    assert rows[0][:3] == ["Veiligheidsregio", "Aantal personen per 10.000 inwoners",
                           "Aantal personen"]
    assert [r[1] for r in rows[1:]] == ["0,7", "geen gegevens", "20,0"]


def test_the_summary_totals_regions_with_data_and_names_the_stale_ones():
    lines = summary_lines(table(), freshness_table(versions(), REGIONS, TODAY, 180), 180)
    assert lines == [
        "Landelijk totaal: 1.235 personen, 820 inzetbaar, 1.030,2 FTE; 2 van 3 regio's met "
        "gegevens.",
        "Verouderd (peildatum ouder dan 180 dagen): 1 regio('s): Drenthe."]


def test_the_printable_table_writes_dutch_numbers_and_geen_gegevens():
    frame = pd.DataFrame({"Veiligheidsregio": ["A", "B"], "Aantal personen": [1234.0, np.nan],
                          "FTE": [1000.25, 3.0]})
    assert printable_table(frame).to_dict("records") == [
        {"Veiligheidsregio": "A", "Aantal personen": "1.234", "FTE": "1.000,2"},
        {"Veiligheidsregio": "B", "Aantal personen": "geen gegevens", "FTE": "3,0"}]


def test_the_report_is_a_two_page_pdf_with_the_map_image(boundaries):
    codes = boundaries.regions[["region_code", "region_name"]]
    rng = np.random.default_rng(5)
    full = codes.assign(persons=rng.integers(0, 3000, 25).astype(float),
                        fte=rng.random(25) * 1000, deployable_persons=rng.integers(0, 900, 25)
                        .astype(float))
    view = MapView(boundaries.regions_display, full, Measure("persons"), "Alle categorieën",
                   "Peildatum: 1 november 2026", ["Bron"], has_demo=True)
    stamps = versions().iloc[:1].assign(region_code=codes["region_code"].iloc[0])
    pdf = national_report(view, stamps, today=TODAY, stale_after_days=180,
                          made_at=datetime(2026, 11, 29, 12, tzinfo=UTC))
    assert pdf.startswith(b"%PDF-")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 2
    assert re.search(rb"/Subtype\s*/Image", pdf)
    assert re.search(rb"/Width 1200\b", pdf) and re.search(rb"/Height 1440\b", pdf)
