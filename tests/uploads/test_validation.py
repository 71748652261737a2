"""Validation rules: every error with its exact Dutch text and Excel row, warnings, one pass."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest

from capaciteit.bounds import Bounds
from capaciteit.capacity.categories import default_categories
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.uploads.reader import columns, read_upload
from capaciteit.uploads.validation import Context, ValidationResult, validate_sheet

HEADERS = [c.header for c in columns()]
TODAY = date(2025, 6, 1)
ROW = {"regio": "VR13", "gemeente": "GM0363", "organisatie": "Gemeente Amsterdam",
       "organisatie_id": "", "categorie": "boa", "subcategorie": "domein-1",
       "aantal_personen": "80", "fte": "72,5", "inzetbaar_personen": "40",
       "inzetbaar_binnen_uur": "24", "bevoegdheden": "", "peildatum": "01-05-2025",
       "opmerking": ""}
FILLER = {**ROW, "organisatie": "Handhaving Amstelveen", "gemeente": "Amstelveen"}


def csv_bytes(rows: list[dict[str, str]], headers: list[str] | None = None) -> bytes:
    headers = headers or HEADERS
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    for values in rows:
        writer.writerow([values.get(h, "") for h in headers])
    return buffer.getvalue().encode("utf-8")


def validate(boundaries, rows: list[dict[str, str]], *, headers: list[str] | None = None,
             current: pd.DataFrame | None = None, today: date = TODAY) -> ValidationResult:
    names = boundaries.region_names()
    ctx = Context("VR13", names["VR13"], boundaries.municipality_table(), default_categories(),
                  today, current, names)
    return validate_sheet(read_upload(csv_bytes(rows, headers), "capaciteit.csv"), ctx)


def texts_of(issues) -> list[str]:
    return [issue.text() for issue in issues]


def test_a_valid_file_has_no_errors_and_no_warnings(boundaries):
    result = validate(boundaries, [FILLER, ROW])
    assert result.errors == []
    assert result.warnings == []
    assert result.publishable
    assert list(result.records.columns) == RECORD_COLUMNS
    assert list(result.records.index) == [2, 3]


# Each case: cells changed in Excel row 3 (row 2 is a valid filler), the issue expected,
# and whether it is the only one (some values necessarily break a second rule too).
ERRORS = [
    ("unknown municipality", {"gemeente": "Atlantis"},
     "Rij 3, gemeente: 'Atlantis' is geen bekende gemeente (gebruik de CBS-code, zoals GM0363, "
     "of de naam uit het sjabloon)", True),
    ("unknown municipality code", {"gemeente": "GM9999"},
     "Rij 3, gemeente: 'GM9999' is geen bekende gemeente (gebruik de CBS-code, zoals GM0363, "
     "of de naam uit het sjabloon)", True),
    ("municipality of another region by code", {"gemeente": "GM0518"},
     "Rij 3, gemeente: GM0518 ligt niet in Amsterdam-Amstelland (VR13) maar in Haaglanden (VR15)",
     True),
    ("municipality of another region by name", {"gemeente": "Den Haag"},
     "Rij 3, gemeente: Den Haag ligt niet in Amsterdam-Amstelland (VR13) maar in Haaglanden "
     "(VR15)", True),
    ("unknown category", {"categorie": "politie"},
     "Rij 3, categorie: 'politie' is geen bekende categorie; kies uit: boa, vrijwillige-politie, "
     "inspectiedienst, particuliere-beveiliging, defensie", True),
    ("unknown subcategory", {"subcategorie": "domein-9"},
     "Rij 3, subcategorie: 'domein-9' is geen subcategorie van deze categorie; kies uit: "
     "domein-1, domein-2, domein-3, domein-4, domein-5, domein-6", True),
    ("subcategory of another category", {"subcategorie": "nvwa"},
     "Rij 3, subcategorie: 'nvwa' is geen subcategorie van deze categorie; kies uit: "
     "domein-1, domein-2, domein-3, domein-4, domein-5, domein-6", True),
    ("negative persons", {"aantal_personen": "-5", "fte": "0", "inzetbaar_personen": "0"},
     "Rij 3, aantal_personen: -5 is negatief; een aantal personen is 0 of meer", False),
    ("fractional persons", {"aantal_personen": "2,5", "fte": "2", "inzetbaar_personen": "1"},
     "Rij 3, aantal_personen: 2,5 is geen geheel aantal personen", True),
    ("persons not a number", {"aantal_personen": "tien"},
     "Rij 3, aantal_personen: 'tien' is geen getal", True),
    ("fte above 1.5 times persons", {"aantal_personen": "10", "fte": "16",
                                     "inzetbaar_personen": "5"},
     "Rij 3, fte: 16 FTE is meer dan 1,5 × aantal_personen (10), dus meer dan 15,0", True),
    ("deployable above persons", {"inzetbaar_personen": "120"},
     "Rij 3, inzetbaar_personen: 120 is meer dan aantal_personen (80)", True),
    ("deployable fractional", {"inzetbaar_personen": "4,5"},
     "Rij 3, inzetbaar_personen: 4,5 is geen geheel aantal personen", True),
    ("horizon not allowed", {"inzetbaar_binnen_uur": "48"},
     "Rij 3, inzetbaar_binnen_uur: '48' is geen toegestane termijn; kies 24, 72, 168", True),
    ("peildatum more than a month ahead", {"peildatum": "03-07-2025"},
     "Rij 3, peildatum: 03-07-2025 ligt meer dan een maand in de toekomst "
     "(uiterlijk 2 juli 2025)", True),
    ("peildatum far ahead, iso", {"peildatum": "2026-01-01"},
     "Rij 3, peildatum: 2026-01-01 ligt meer dan een maand in de toekomst "
     "(uiterlijk 2 juli 2025)", True),
    ("peildatum that does not exist", {"peildatum": "31-02-2025"},
     "Rij 3, peildatum: '31-02-2025' is geen datum (gebruik dd-mm-jjjj of jjjj-mm-dd)", True),
    ("peildatum in year 0", {"peildatum": "0000-01-01"},
     "Rij 3, peildatum: '0000-01-01' is geen datum (gebruik dd-mm-jjjj of jjjj-mm-dd)", True),
    ("peildatum in words", {"peildatum": "gisteren"},
     "Rij 3, peildatum: 'gisteren' is geen datum (gebruik dd-mm-jjjj of jjjj-mm-dd)", True),
    ("duplicate of row 2", {"organisatie": FILLER["organisatie"], "gemeente": "GM0362"},
     "Rij 3, organisatie: dubbele regel: dezelfde organisatie, categorie, subcategorie en "
     "gemeente staan al in rij 2", True),
    ("regio that is not the uploading region", {"regio": "VR15"},
     "Rij 3, regio: VR15 is niet de regio waarvoor u aanlevert (Amsterdam-Amstelland (VR13))",
     True),
    ("missing organisation", {"organisatie": ""},
     "Rij 3, organisatie: de organisatie is niet ingevuld", True),
    ("missing category", {"categorie": "", "subcategorie": ""},
     "Rij 3, categorie: de categorie is niet ingevuld", False),
    ("missing subcategory", {"subcategorie": ""},
     "Rij 3, subcategorie: de subcategorie is niet ingevuld", True),
    ("missing persons", {"aantal_personen": ""},
     "Rij 3, aantal_personen: aantal_personen is niet ingevuld", True),
    ("missing fte", {"fte": ""}, "Rij 3, fte: fte is niet ingevuld", True),
    ("missing deployable", {"inzetbaar_personen": ""},
     "Rij 3, inzetbaar_personen: inzetbaar_personen is niet ingevuld", True),
    ("missing horizon", {"inzetbaar_binnen_uur": ""},
     "Rij 3, inzetbaar_binnen_uur: inzetbaar_binnen_uur is niet ingevuld", True),
    ("missing peildatum", {"peildatum": ""},
     "Rij 3, peildatum: de peildatum is niet ingevuld", True),
    # impossible numbers (issue 10): refused, naming row and column
    ("persons infinite", {"aantal_personen": "inf"},
     "Rij 3, aantal_personen: 'inf' is geen getal", True),
    ("persons Infinity", {"aantal_personen": "Infinity"},
     "Rij 3, aantal_personen: 'Infinity' is geen getal", True),
    ("persons NaN", {"aantal_personen": "NaN"},
     "Rij 3, aantal_personen: 'NaN' is geen getal", True),
    ("persons beyond a float", {"aantal_personen": "1e309"},
     "Rij 3, aantal_personen: '1e309' is geen getal", True),
    ("persons 1e300", {"aantal_personen": "1e300"},
     "Rij 3, aantal_personen: 1e300 is meer dan de grens van 100.000 personen per regel", True),
    ("persons of 20 digits", {"aantal_personen": "12345678901234567890"},
     "Rij 3, aantal_personen: 12345678901234567890 is meer dan de grens van 100.000 personen "
     "per regel", True),
    ("persons above PostgreSQL's integer", {"aantal_personen": "3000000000"},
     "Rij 3, aantal_personen: 3000000000 is meer dan de grens van 100.000 personen per regel",
     True),
    ("persons one above the bound", {"aantal_personen": "100001"},
     "Rij 3, aantal_personen: 100001 is meer dan de grens van 100.000 personen per regel", True),
    ("deployable above the bound", {"aantal_personen": "100001", "inzetbaar_personen": "100001"},
     "Rij 3, inzetbaar_personen: 100001 is meer dan de grens van 100.000 personen per regel",
     False),
    ("persons in other digits", {"aantal_personen": "\u0668\u0660"},
     "Rij 3, aantal_personen: '\u0668\u0660' is geen getal", True),
    ("persons with a misplaced separator", {"aantal_personen": "1,2.5"},
     "Rij 3, aantal_personen: '1,2.5' is geen getal", True),
    ("fte infinite", {"fte": "inf"}, "Rij 3, fte: 'inf' is geen getal", True),
    ("fte 1e300", {"fte": "1e300"},
     "Rij 3, fte: 1e300 FTE is meer dan 1,5 × aantal_personen (80), dus meer dan 120,0", True),
    ("deployable infinite", {"inzetbaar_personen": "-Infinity"},
     "Rij 3, inzetbaar_personen: '-Infinity' is geen getal", True),
    ("horizon infinite", {"inzetbaar_binnen_uur": "inf"},
     "Rij 3, inzetbaar_binnen_uur: 'inf' is geen toegestane termijn; kies 24, 72, 168", True),
    # texts that their column cannot hold (issue 10)
    ("organisation longer than its column", {"organisatie": "x" * 256},
     "Rij 3, organisatie: is 256 tekens; de grens is 255", True),
    ("organisation of 256 emoji", {"organisatie": "\U0001f693" * 256},
     "Rij 3, organisatie: is 256 tekens; de grens is 255", True),
    ("organisation id longer than its column", {"organisatie_id": "1" * 65},
     "Rij 3, organisatie_id: is 65 tekens; de grens is 64", True),
    ("escape character in the organisation", {"organisatie": "Gemeente\x1bAmsterdam"},
     "Rij 3, organisatie: bevat een stuurteken (U+001B) dat niet kan worden opgeslagen; "
     "verwijder het", True),
    ("tab in the organisation", {"organisatie": "Gemeente\tAmsterdam"},
     "Rij 3, organisatie: bevat een stuurteken (U+0009) dat niet kan worden opgeslagen; "
     "verwijder het", True),
    ("line break in the organisation id", {"organisatie_id": "123\n456"},
     "Rij 3, organisatie_id: bevat een stuurteken (U+000A) dat niet kan worden opgeslagen; "
     "verwijder het", True),
    ("bell in the note", {"opmerking": "zie\x07bijlage"},
     "Rij 3, opmerking: bevat een stuurteken (U+0007) dat niet kan worden opgeslagen; "
     "verwijder het", True),
    ("C1 control character in the powers", {"bevoegdheden": "toezicht\x85handhaving"},
     "Rij 3, bevoegdheden: bevat een stuurteken (U+0085) dat niet kan worden opgeslagen; "
     "verwijder het", True),
    ("delete character in the note", {"opmerking": "oud\x7f"},
     "Rij 3, opmerking: bevat een stuurteken (U+007F) dat niet kan worden opgeslagen; "
     "verwijder het", True),
]


@pytest.mark.parametrize(("changes", "expected", "alone"),
                         [case[1:] for case in ERRORS], ids=[case[0] for case in ERRORS])
def test_each_error_is_reported_with_its_row_column_and_dutch_text(
        boundaries, changes, expected, alone):
    result = validate(boundaries, [FILLER, {**ROW, **changes}])
    found = texts_of(result.errors)
    assert expected in found
    if alone:
        assert found == [expected]
    assert all(issue.row == 3 for issue in result.errors)
    assert not result.publishable
    assert result.records.empty


def test_the_issue_keeps_sheet_row_column_and_raw_value_apart(boundaries):
    result = validate(boundaries, [FILLER, {**ROW, "inzetbaar_personen": "120"}])
    (issue,) = result.errors
    assert (issue.sheet, issue.row, issue.column, issue.value) == (
        "CSV", 3, "inzetbaar_personen", "120")
    assert issue.message == "120 is meer dan aantal_personen (80)"


def test_a_peildatum_exactly_a_month_ahead_is_still_allowed(boundaries):
    result = validate(boundaries, [{**ROW, "peildatum": "02-07-2025"}])
    assert result.errors == []


def test_a_duplicate_names_the_first_row_each_time(boundaries):
    rows = [ROW, FILLER, {**ROW, "gemeente": "Amsterdam"}, {**ROW, "gemeente": "0363"}]
    result = validate(boundaries, rows)
    assert texts_of(result.errors) == [
        "Rij 4, organisatie: dubbele regel: dezelfde organisatie, categorie, subcategorie en "
        "gemeente staan al in rij 2",
        "Rij 5, organisatie: dubbele regel: dezelfde organisatie, categorie, subcategorie en "
        "gemeente staan al in rij 2",
    ]


def test_two_region_wide_rows_of_the_same_organisation_are_duplicates(boundaries):
    rows = [{**ROW, "gemeente": ""}, {**ROW, "gemeente": "", "aantal_personen": "3",
                                      "fte": "3", "inzetbaar_personen": "1"}]
    result = validate(boundaries, rows)
    assert texts_of(result.errors) == [
        "Rij 3, organisatie: dubbele regel: dezelfde organisatie, categorie, subcategorie en "
        "gemeente staan al in rij 2"]


def test_the_same_organisation_in_two_subcategories_is_not_a_duplicate(boundaries):
    result = validate(boundaries, [ROW, {**ROW, "subcategorie": "domein-2"}])
    assert result.errors == []


@pytest.mark.parametrize("missing", ["organisatie", "fte", "peildatum"])
def test_a_missing_required_column_is_reported_once_not_per_row(boundaries, missing):
    headers = [h for h in HEADERS if h != missing]
    result = validate(boundaries, [ROW, FILLER], headers=headers)
    assert texts_of(result.errors) == [f"{missing}: de verplichte kolom '{missing}' ontbreekt"]


@pytest.mark.parametrize("optional", ["regio", "gemeente", "organisatie_id", "bevoegdheden",
                                      "opmerking"])
def test_an_optional_column_may_be_left_out(boundaries, optional):
    headers = [h for h in HEADERS if h != optional]
    result = validate(boundaries, [ROW], headers=headers)
    assert result.errors == []
    assert result.records.loc[2, "region_code"] == "VR13"


def test_a_file_with_only_a_header_has_no_rows_to_publish(boundaries):
    result = validate(boundaries, [])
    assert texts_of(result.errors) == ["het bestand bevat geen gegevensregels"]


def test_all_problems_of_a_file_are_reported_in_one_pass(boundaries):
    rows = [
        FILLER,                                                     # 2
        {**ROW, "gemeente": "Atlantis", "inzetbaar_personen": "120"},  # 3
        {},                                                         # 4 (blank)
        {**ROW, "organisatie": "B", "categorie": "politie"},        # 5
        {**ROW, "organisatie": "C", "peildatum": "gisteren"},       # 6
        {**ROW, "organisatie": "D"},                                # 7 fine
        {**ROW, "organisatie": "E", "regio": "VR01", "fte": "-1"},  # 8
    ]
    result = validate(boundaries, rows)
    assert texts_of(result.errors) == [
        "Rij 3, gemeente: 'Atlantis' is geen bekende gemeente (gebruik de CBS-code, zoals "
        "GM0363, of de naam uit het sjabloon)",
        "Rij 3, inzetbaar_personen: 120 is meer dan aantal_personen (80)",
        "Rij 5, categorie: 'politie' is geen bekende categorie; kies uit: boa, "
        "vrijwillige-politie, inspectiedienst, particuliere-beveiliging, defensie",
        "Rij 6, peildatum: 'gisteren' is geen datum (gebruik dd-mm-jjjj of jjjj-mm-dd)",
        "Rij 8, regio: VR01 is niet de regio waarvoor u aanlevert (Amsterdam-Amstelland (VR13))",
        "Rij 8, fte: -1 is negatief",
    ]
    frame = result.issues_frame()
    assert list(frame.columns) == ["Blad", "Rij", "Kolom", "Waarde", "Melding", "Soort"]
    assert list(frame["Rij"]) == [3, 3, 5, 6, 8, 8]
    assert set(frame["Soort"]) == {"fout"}


def test_many_bad_rows_are_all_reported(boundaries):
    rows = [{**ROW, "organisatie": f"Org {i}", "inzetbaar_personen": "81"} for i in range(200)]
    result = validate(boundaries, rows)
    assert [issue.row for issue in result.errors] == list(range(2, 202))


# --- values within bounds (issue 10) -----------------------------------------------------


@pytest.mark.parametrize(("changes", "column", "expected"), [
    ({"fte": "1,234.5", "aantal_personen": "1000", "inzetbaar_personen": "10"}, "fte", 1234.5),
    ({"fte": "1.234,5", "aantal_personen": "1000", "inzetbaar_personen": "10"}, "fte", 1234.5),
    ({"aantal_personen": "1.500", "fte": "1 000", "inzetbaar_personen": "10"}, "persons", 1500),
    ({"aantal_personen": "100000", "inzetbaar_personen": "100000"}, "persons", 100_000),
    ({"aantal_personen": "-0", "fte": "0", "inzetbaar_personen": "0"}, "persons", 0),
    ({"aantal_personen": "1e3", "inzetbaar_personen": "10"}, "persons", 1000),
    ({"aantal_personen": "1\u00a0234", "inzetbaar_personen": "10"}, "persons", 1234),
    ({"organisatie": "x" * 255}, "organisation", "x" * 255),
    ({"organisatie": "\U0001f693" * 255}, "organisation", "\U0001f693" * 255),
    ({"organisatie": "e\u0301" * 127 + "e"}, "organisation", "e\u0301" * 127 + "e"),
    ({"organisatie_id": "1" * 64}, "organisation_id", "1" * 64),
    ({"opmerking": "regel 1\nregel 2\tmet tab"}, "note", "regel 1\nregel 2\tmet tab"),
    ({"bevoegdheden": "toezicht;\r\ntoegangscontrole"}, "powers", "toezicht;\r\ntoegangscontrole"),
], ids=["english 1,234.5", "dutch 1.234,5", "thousands dot", "persons at the bound",
        "minus zero", "exponent", "no-break space", "255 characters", "255 emoji",
        "combining accents", "64-character id", "multi-line note", "multi-line powers"])
def test_values_within_bounds_are_read_right(boundaries, changes, column, expected):
    result = validate(boundaries, [FILLER, {**ROW, **changes}])
    assert result.errors == []
    assert result.records.loc[3, column] == expected


def test_a_nul_byte_in_a_text_is_refused_with_row_and_column(boundaries):
    """Past the reader's first kilobyte (where a NUL means a binary file)."""
    fillers = [{**FILLER, "organisatie": f"Handhaving {i}"} for i in range(12)]
    result = validate(boundaries, [*fillers, {**ROW, "opmerking": "zie\x00bijlage"}])
    assert texts_of(result.errors) == [
        "Rij 14, opmerking: bevat een stuurteken (U+0000) dat niet kan worden opgeslagen; "
        "verwijder het"]


def test_the_bounds_come_from_the_context(boundaries):
    names = boundaries.region_names()
    ctx = Context("VR13", names["VR13"], boundaries.municipality_table(), default_categories(),
                  TODAY, None, names, Bounds(max_persons=50, fte_per_person=2))
    rows = [{**ROW, "aantal_personen": "51", "inzetbaar_personen": "1", "fte": "1"},
            {**FILLER, "aantal_personen": "40", "fte": "81", "inzetbaar_personen": "1"}]
    result = validate_sheet(read_upload(csv_bytes(rows), "capaciteit.csv"), ctx)
    assert texts_of(result.errors) == [
        "Rij 2, aantal_personen: 51 is meer dan de grens van 50 personen per regel",
        "Rij 3, fte: 81 FTE is meer dan 2 × aantal_personen (40), dus meer dan 80,0"]


# --- warnings ---------------------------------------------------------------------------


def current(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    """A region's current records: (category, subcategory, persons)."""
    frame = pd.DataFrame(rows, columns=["category", "subcategory", "persons"])
    frame["region_code"] = "VR13"
    frame["gemeente_code"] = None
    frame["organisation"] = [f"Huidig {i}" for i in range(len(frame))]
    frame["organisation_id"] = None
    frame["fte"] = frame["persons"].astype(float)
    frame["deployable_persons"] = 0
    frame["deployable_within_hours"] = 24
    frame["powers"] = ""
    frame["peildatum"] = pd.Timestamp("2025-01-01")
    frame["note"] = ""
    return frame[RECORD_COLUMNS]


def test_a_category_total_changing_more_than_half_is_a_warning(boundaries):
    before = current([("boa", "domein-1", 100), ("defensie", "bijstand", 40),
                      ("inspectiedienst", "nvwa", 10)])
    rows = [{**ROW, "aantal_personen": "200", "fte": "150", "inzetbaar_personen": "10"},
            {**ROW, "organisatie": "Inspectie", "categorie": "inspectiedienst",
             "subcategorie": "nvwa", "gemeente": "", "aantal_personen": "14", "fte": "14",
             "inzetbaar_personen": "1"},
            {**ROW, "organisatie": "Museum", "categorie": "particuliere-beveiliging",
             "subcategorie": "musea", "aantal_personen": "12", "fte": "12",
             "inzetbaar_personen": "1"}]
    result = validate(boundaries, rows, current=before)
    assert result.errors == []
    assert result.publishable
    assert texts_of(result.warnings) == [
        "categorie: het totaal voor Boa's verandert van 100 naar 200 personen (100%)",
        "categorie: het totaal voor Defensie verandert van 40 naar 0 personen (100%)",
        "categorie: het totaal voor Particuliere beveiliging verandert van 0 naar 12 personen "
        "(∞%)",
    ]


def test_a_change_of_exactly_half_is_no_warning(boundaries):
    before = current([("boa", "domein-1", 80)])
    rows = [{**ROW, "aantal_personen": "120", "fte": "100", "inzetbaar_personen": "10"}]
    assert validate(boundaries, rows, current=before).warnings == []


def test_without_a_current_version_there_is_nothing_to_compare(boundaries):
    assert validate(boundaries, [ROW], current=current([])).warnings == []


def test_a_peildatum_older_than_a_year_is_a_warning_naming_the_first_row(boundaries):
    rows = [FILLER, {**ROW, "peildatum": "15-05-2024"},
            {**ROW, "organisatie": "Ouder", "peildatum": "2023-12-31"}]
    result = validate(boundaries, rows)
    assert result.errors == []
    assert texts_of(result.warnings) == [
        "Rij 3, peildatum: 2 regel(s) hebben een peildatum van meer dan een jaar geleden "
        "(oudste: 31 december 2023)"]


def test_a_peildatum_of_exactly_a_year_ago_is_no_warning(boundaries):
    assert validate(boundaries, [{**ROW, "peildatum": "01-06-2024"}]).warnings == []


def test_warnings_are_not_computed_for_a_file_with_errors(boundaries):
    rows = [{**ROW, "peildatum": "01-01-2020"}, {**FILLER, "gemeente": "Atlantis"}]
    result = validate(boundaries, rows)
    assert result.warnings == []  # the 2020 peildatum would warn in a file without errors
    assert texts_of(result.errors) == [
        "Rij 3, gemeente: 'Atlantis' is geen bekende gemeente (gebruik de CBS-code, zoals GM0363, "
        "of de naam uit het sjabloon)"]
