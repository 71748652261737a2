"""The region template: sheets, headers, dropdowns, and that a filled template validates."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from capaciteit.capacity.categories import default_categories
from capaciteit.cli import main
from capaciteit.uploads.reader import read_upload
from capaciteit.uploads.template import build_template
from capaciteit.uploads.validation import Context, validate_sheet

HEADERS = ["regio", "gemeente", "organisatie", "organisatie_id", "categorie", "subcategorie",
           "aantal_personen", "fte", "inzetbaar_personen", "inzetbaar_binnen_uur",
           "bevoegdheden", "peildatum", "opmerking"]
TODAY = date(2025, 6, 1)


def template(boundaries, region: str) -> bytes:
    return build_template(region, boundaries.region_names()[region],
                          boundaries.municipality_table(), default_categories())


def workbook(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def validations(book: openpyxl.Workbook) -> dict[str, tuple[str, str, str]]:
    """Per header of the data sheet: (type, range, source) of its dropdown."""
    sheet = book["Gegevens"]
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for rule in sheet.data_validations.dataValidation:
        letter = str(rule.sqref).split(":")[0].rstrip("0123456789")
        found[headers[letter]] = (rule.type, str(rule.sqref), rule.formula1)
    return found


def list_column(book: openpyxl.Workbook, name: str) -> list[object]:
    sheet = book["Lijsten"]
    for column in sheet.iter_cols(values_only=True):
        if column[0] == name:
            return [v for v in column[1:] if v is not None]
    raise KeyError(name)


def test_the_template_has_an_instruction_a_data_and_a_list_sheet(boundaries):
    book = workbook(template(boundaries, "VR13"))
    assert book.sheetnames == ["Instructie", "Gegevens", "Lijsten"]
    assert book["Instructie"]["A1"].value == (
        "Sjabloon handhavingscapaciteit – Amsterdam-Amstelland (VR13)")


def test_the_data_sheet_has_the_dutch_headers_in_order_and_nothing_else(boundaries):
    sheet = workbook(template(boundaries, "VR13"))["Gegevens"]
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.max_row == 1


def test_the_instruction_sheet_marks_the_required_columns(boundaries):
    sheet = workbook(template(boundaries, "VR13"))["Instructie"]
    labels = [row[0] for row in sheet.iter_rows(values_only=True) if row[0]]
    for label in ["organisatie *", "categorie *", "aantal_personen *", "peildatum *",
                  "regio", "gemeente", "opmerking"]:
        assert label in labels


def test_dropdowns_point_at_the_lists_for_category_subcategory_municipality_and_horizon(
        boundaries):
    found = validations(workbook(template(boundaries, "VR13")))
    assert found == {
        "categorie": ("list", "E2:E2001", "Lijsten!$A$2:$A$6"),
        "subcategorie": ("list", "F2:F2001", "Lijsten!$C$2:$C$18"),
        "gemeente": ("list", "B2:B2001", "Lijsten!$F$2:$F$7"),
        "inzetbaar_binnen_uur": ("list", "J2:J2001", "Lijsten!$H$2:$H$4"),
        "regio": ("list", "A2:A2001", '"VR13"'),
    }


def test_the_dropdown_error_message_is_dutch(boundaries):
    sheet = workbook(template(boundaries, "VR13"))["Gegevens"]
    messages = {rule.error for rule in sheet.data_validations.dataValidation if rule.error}
    assert "Kies voor 'gemeente' een waarde uit de lijst (tabblad Lijsten)." in messages


def test_the_lists_hold_the_categories_subcategories_and_horizons(boundaries):
    book = workbook(template(boundaries, "VR13"))
    assert list_column(book, "categorie") == ["boa", "vrijwillige-politie", "inspectiedienst",
                                              "particuliere-beveiliging", "defensie"]
    assert list_column(book, "subcategorie") == [
        "domein-1", "domein-2", "domein-3", "domein-4", "domein-5", "domein-6",
        "vrijwillige-politie", "nvwa", "ilt", "nla", "igj", "inspectie-overig", "musea",
        "bibliotheken", "evenementen", "beveiliging-overig", "bijstand"]
    assert list_column(book, "inzetbaar_binnen_uur") == [24, 72, 168]


@pytest.mark.parametrize(("region", "names", "codes"), [
    ("VR13", ["Aalsmeer", "Amstelveen", "Amsterdam", "Diemen", "Ouder-Amstel", "Uithoorn"],
     ["GM0358", "GM0362", "GM0363", "GM0384", "GM0437", "GM0451"]),
    ("VR15", ["'s-Gravenhage", "Delft", "Leidschendam-Voorburg", "Midden-Delfland",
              "Pijnacker-Nootdorp", "Rijswijk (ZH.)", "Wassenaar", "Westland", "Zoetermeer"],
     ["GM0518", "GM0503", "GM1916", "GM1842", "GM1926", "GM0603", "GM0629", "GM1783",
      "GM0637"]),
])
def test_the_municipality_list_holds_only_the_regions_own_municipalities(
        boundaries, region, names, codes):
    book = workbook(template(boundaries, region))
    assert list_column(book, "gemeente") == names
    assert list_column(book, "gemeentecode") == codes


def fill(content: bytes) -> tuple[bytes, int]:
    """Fill the data sheet with one row per subcategory, using only values from the lists."""
    book = workbook(content)
    subcategories = list_column(book, "subcategorie")
    belongs_to = list_column(book, "subcategorie_bij")
    municipalities = list_column(book, "gemeente")
    hours = list_column(book, "inzetbaar_binnen_uur")
    region = validations(book)["regio"][2].strip('"')
    sheet = book["Gegevens"]
    for i, (sub, category) in enumerate(zip(subcategories, belongs_to, strict=True)):
        persons = 10 + i
        sheet.append([region, municipalities[i % len(municipalities)], f"Organisatie {i}",
                      None, category, sub, persons, persons * 0.8, persons // 2,
                      hours[i % len(hours)], None, datetime(2025, 5, 1), None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), len(subcategories)


@pytest.mark.parametrize("region", ["VR13", "VR15", "VR02"])
def test_a_template_filled_from_its_own_lists_validates_without_errors(boundaries, region):
    content, rows = fill(template(boundaries, region))
    names = boundaries.region_names()
    ctx = Context(region, names[region], boundaries.municipality_table(), default_categories(),
                  TODAY, None, names)
    result = validate_sheet(read_upload(content, f"sjabloon_{region}.xlsx"), ctx)
    assert [i.text() for i in result.errors] == []
    assert result.warnings == []
    assert len(result.records) == rows
    own = boundaries.municipality_table().query("region_code == @region")["gemeente_code"]
    assert set(result.records["gemeente_code"]) <= set(own)
    assert list(result.records.index) == list(range(2, rows + 2))


def test_an_untouched_template_has_no_rows_to_publish(boundaries):
    names = boundaries.region_names()
    ctx = Context("VR13", names["VR13"], boundaries.municipality_table(), default_categories(),
                  TODAY, None, names)
    result = validate_sheet(read_upload(template(boundaries, "VR13"), "sjabloon.xlsx"), ctx)
    assert [i.text() for i in result.errors] == ["het bestand bevat geen gegevensregels"]


def test_the_sjabloon_command_writes_the_template_for_a_region(data_dir, tmp_path, capsys):
    target = tmp_path / "f.xlsx"
    assert main(["sjabloon", "--regio", "vr13", "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.strip() == f"Sjabloon voor Amsterdam-Amstelland geschreven naar {target}."
    book = workbook(target.read_bytes())
    assert book.sheetnames == ["Instructie", "Gegevens", "Lijsten"]
    assert validations(book)["regio"][2] == '"VR13"'


def test_the_sjabloon_command_refuses_an_unknown_region(data_dir, tmp_path, capsys):
    target = tmp_path / "f.xlsx"
    assert main(["sjabloon", "--regio", "VR99", "-o", str(target)]) == 1
    assert capsys.readouterr().err.strip() == (
        "Onbekende veiligheidsregio 'VR99'. Kies een regio uit de lijst.")
    assert not Path(target).exists()
