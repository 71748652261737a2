"""Downloads: Dutch CSV and XLSX, with formula-like text escaped."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from capaciteit.exports import escape_formulas, to_csv_bytes, to_xlsx_bytes

FORMULAS = ["=1+1", "+31 6 1234 5678", "-2+3", "@SUM(A1:A9)", '=HYPERLINK("http://x")']


def read_xlsx(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_quoted_in_the_csv(text):
    frame = pd.DataFrame({"organisatie": [text], "aantal": [3]})
    text_read = to_csv_bytes(frame).decode("utf-8-sig")
    assert pd.read_csv(io.StringIO(text_read), sep=";")["organisatie"].tolist() == [f"'{text}"]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_a_quoted_string_in_the_xlsx(text):
    frame = pd.DataFrame({"organisatie": [text], "aantal": [3]})
    cell = read_xlsx(to_xlsx_bytes(frame, "Capaciteit")).active["A2"]
    assert cell.data_type == "s"
    assert cell.value == f"'{text}"


@pytest.mark.parametrize(("value", "expected"), [
    ("Handhaving Groningen", "Handhaving Groningen"),
    ("a=b", "a=b"),
    (-5, -5),
    (2.5, 2.5),
    (None, None),
])
def test_ordinary_values_are_not_escaped(value, expected):
    escaped = escape_formulas(pd.DataFrame({"x": [value]}))
    assert escaped["x"].tolist() == [expected]


def test_numbers_stay_numbers_in_the_xlsx():
    frame = pd.DataFrame({"regio": ["VR01"], "personen": [-5], "fte": [12.5]})
    sheet = read_xlsx(to_xlsx_bytes(frame, "Capaciteit")).active
    assert [c.value for c in sheet[2]] == ["VR01", -5, 12.5]


def test_escaping_does_not_change_the_frame_it_was_given():
    frame = pd.DataFrame({"x": ["=1+1"]})
    escape_formulas(frame)
    assert frame["x"].tolist() == ["=1+1"]


def test_the_csv_opens_in_dutch_excel_with_bom_semicolons_and_decimal_comma():
    frame = pd.DataFrame({"Veiligheidsregio": ["Fryslân", "Zeeland"], "FTE": [12.5, 3.25],
                          "Aantal personen": [1200, 7]})
    content = to_csv_bytes(frame)
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").splitlines()
    assert lines == ["Veiligheidsregio;FTE;Aantal personen", "Fryslân;12,5;1200",
                     "Zeeland;3,25;7"]


def test_the_xlsx_has_a_notes_sheet_with_source_and_peildatum():
    frame = pd.DataFrame({"Veiligheidsregio": ["Zeeland"], "Aantal personen": [7]})
    notes = ["Aantal personen, Alle categorieën", "Peildatum: 3 november 2026",
             "Bron gebiedsindeling: CBS/Kadaster (PDOK), CC BY 4.0"]
    book = read_xlsx(to_xlsx_bytes(frame, "Capaciteit per regio", notes))
    assert book.sheetnames == ["Capaciteit per regio", "Toelichting"]
    assert [row[0] for row in book["Toelichting"].iter_rows(values_only=True)] == [
        "Toelichting", *notes]
    assert [c.value for c in book["Capaciteit per regio"][2]] == ["Zeeland", 7]


def test_the_xlsx_without_notes_has_one_sheet_named_within_excels_limit():
    name = "Handhavingscapaciteit per veiligheidsregio"
    book = read_xlsx(to_xlsx_bytes(pd.DataFrame({"x": [1]}), name))
    assert book.sheetnames == [name[:31]]


# ------------------------------------------------------------- numbers (topic: map)
def national() -> tuple[pd.DataFrame, dict[str, int]]:
    from datetime import date

    frame = pd.DataFrame({
        "Veiligheidsregio": ["Groningen", "Fryslân"],
        "Aantal personen": pd.array([1057, None], dtype="Int64"),
        "FTE": [1407.6000000000001, None],
        "Per 10.000": [33.04999, None],
        "Peildatum": [date(2026, 3, 1), None],
    })
    return frame, {"Aantal personen": 0, "FTE": 1, "Per 10.000": 1}


def test_csv_numbers_have_the_decimals_of_their_meaning_and_no_float_noise():
    frame, decimals = national()
    lines = to_csv_bytes(frame, decimals).decode("utf-8-sig").splitlines()
    assert lines[1] == "Groningen;1057;1407,6;33,0;01-03-2026"
    assert lines[2] == "Fryslân;;;;"  # no figures: empty, never None or nan


def test_xlsx_numbers_are_rounded_and_carry_a_number_format():
    frame, decimals = national()
    sheet = read_xlsx(to_xlsx_bytes(frame, "Capaciteit", ["bron"], decimals)).active
    assert sheet["B2"].value == 1057 and sheet["B2"].number_format == "#,##0"
    assert sheet["C2"].value == 1407.6 and sheet["C2"].number_format == "#,##0.0"
    assert sheet["D2"].value == 33.0
    assert sheet["E2"].is_date and sheet["E2"].number_format == "dd-mm-yyyy"
    assert all(sheet.cell(3, c).value is None for c in range(2, 6))
