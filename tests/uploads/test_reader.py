"""Reading uploads: real .xlsx and .csv files made here, in every dialect regions send."""

from __future__ import annotations

import csv
import io
import os
import zipfile
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from capaciteit import exports, texts
from capaciteit.capacity.categories import default_categories
from capaciteit.uploads.reader import Limits, UploadError, columns, read_upload
from capaciteit.uploads.validation import Context, ValidationResult, validate_sheet

HEADERS = [c.header for c in columns()]
TODAY = date(2025, 6, 1)
ROW = {"regio": "VR13", "gemeente": "GM0363", "organisatie": "Gemeente Amsterdam",
       "organisatie_id": "", "categorie": "boa", "subcategorie": "domein-1",
       "aantal_personen": "80", "fte": "72,5", "inzetbaar_personen": "40",
       "inzetbaar_binnen_uur": "24", "bevoegdheden": "", "peildatum": "01-05-2025",
       "opmerking": ""}


def row(**changes: object) -> dict[str, object]:
    """A valid VR13 row with some cells changed."""
    return {**ROW, **changes}


def csv_bytes(rows: list[dict[str, object]], *, sep: str = ";", encoding: str = "utf-8",
              headers: list[str] | None = None, above: list[list[str]] | None = None) -> bytes:
    """A CSV as a spreadsheet program writes it: header, then rows; quoting where needed."""
    headers = headers or HEADERS
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    for line in above or []:
        writer.writerow(line)
    writer.writerow(headers)
    for values in rows:
        writer.writerow([values.get(h, "") for h in (headers or HEADERS)])
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    """An .xlsx written by openpyxl, one sheet per entry, in order."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, lines in sheets.items():
        sheet = book.create_sheet(name)
        for line in lines:
            sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_cells(values: dict[str, object]) -> list[object]:
    return [values.get(h) if values.get(h) != "" else None for h in HEADERS]


def context(boundaries, region: str = "VR13", current: pd.DataFrame | None = None) -> Context:
    names = boundaries.region_names()
    return Context(region, names[region], boundaries.municipality_table(), default_categories(),
                   TODAY, current, names)


def check(boundaries, content: bytes, filename: str, region: str = "VR13") -> ValidationResult:
    return validate_sheet(read_upload(content, filename), context(boundaries, region))


def error_texts(result: ValidationResult) -> list[str]:
    return [issue.text() for issue in result.errors]


# --- formats ----------------------------------------------------------------------------


def test_an_xlsx_file_with_numbers_and_date_cells_is_read_into_records(boundaries):
    cells = as_cells(row(aantal_personen=80, fte=72.5, inzetbaar_personen=40,
                         inzetbaar_binnen_uur=24, peildatum=datetime(2025, 5, 1)))
    content = xlsx_bytes({"Gegevens": [HEADERS, cells]})
    result = check(boundaries, content, "capaciteit.xlsx")
    assert error_texts(result) == []
    record = result.records.loc[2]
    assert (record["region_code"], record["gemeente_code"], record["organisation"]) == (
        "VR13", "GM0363", "Gemeente Amsterdam")
    assert (record["persons"], record["fte"], record["deployable_persons"]) == (80, 72.5, 40)
    assert record["deployable_within_hours"] == 24
    assert record["peildatum"] == pd.Timestamp("2025-05-01")


@pytest.mark.parametrize(("cell", "fte"), [
    (1.234, 1.234),      # a number cell: its value, never 1234 (a thousands dot in text)
    (12.345, 12.345),
    (-0.125, -0.125),
    ("1.234", None),     # the same written as text is Dutch for 1234: above 1.5 x 20
    ("1,234", 1.234),
])
def test_a_number_cell_keeps_its_value_where_text_would_read_as_thousands(boundaries, cell,
                                                                          fte):
    cells = as_cells(row(aantal_personen=20, fte=cell, inzetbaar_personen=1))
    result = check(boundaries, xlsx_bytes({"Gegevens": [HEADERS, cells]}), "capaciteit.xlsx")
    if fte is None:
        assert [i.column for i in result.errors] == ["fte"]
    elif fte < 0:
        assert [i.column for i in result.errors] == ["fte"]  # negative: refused, not rescaled
        assert "-0,125" in result.errors[0].value
    else:
        assert error_texts(result) == []
        assert result.records.loc[2, "fte"] == pytest.approx(fte)


@pytest.mark.parametrize(("sep", "fte", "encoding", "bom"), [
    (";", "12,5", "utf-8", False),
    (";", "12,5", "utf-8", True),
    (";", "12.5", "utf-8", False),
    (",", "12.5", "utf-8", False),
    (",", "12,5", "utf-8", True),
    (";", "12,5", "cp1252", False),
    (",", "12.5", "cp1252", False),
    ("\t", "12,5", "utf-8", False),
])
def test_csv_in_every_dialect_gives_the_same_record(boundaries, sep, fte, encoding, bom):
    values = row(regio="VR02", gemeente="Súdwest-Fryslân", organisatie="Gemeente Súdwest-Fryslân",
                 aantal_personen="14", fte=fte, inzetbaar_personen="7")
    content = csv_bytes([values], sep=sep, encoding=encoding)
    if bom:
        content = b"\xef\xbb\xbf" + content
    result = check(boundaries, content, "capaciteit.csv", region="VR02")
    assert error_texts(result) == []
    record = result.records.loc[2]
    assert record["gemeente_code"] == "GM1900"
    assert record["organisation"] == "Gemeente Súdwest-Fryslân"
    assert record["fte"] == 12.5
    assert record["persons"] == 14


def test_a_utf8_bom_does_not_end_up_in_the_first_header(boundaries):
    content = b"\xef\xbb\xbf" + csv_bytes([row()])
    sheet = read_upload(content, "x.csv")
    assert sheet.missing_columns == []
    assert sheet.unknown_columns == []
    assert sheet.frame.loc[2, "regio"] == "VR13"


@pytest.mark.parametrize(("written", "canonical"), [
    ("Aantal personen", "aantal_personen"),
    ("AANTAL_PERSONEN", "aantal_personen"),
    ("  aantal   personen ", "aantal_personen"),
    ("Gemeentecode", "gemeente"),
    ("Gemeente code", "gemeente"),
    ("KvK-nummer", "organisatie_id"),
    ("Inzetbaar binnen (uur)", "inzetbaar_binnen_uur"),
    ("Inzetbare personen", "inzetbaar_personen"),
    ("Veiligheidsregio", "regio"),
    ("Peil-datum", "peildatum"),
])
def test_headers_are_matched_ignoring_case_spaces_and_known_variants(written, canonical):
    headers = [written if h == canonical else h for h in HEADERS]
    values = row(organisatie_id="34567890")
    sheet = read_upload(csv_bytes([{written: values[canonical], **values}], headers=headers),
                        "x.csv")
    assert sheet.missing_columns == []
    assert sheet.unknown_columns == []
    assert sheet.frame.loc[2, canonical] == values[canonical]


def test_an_unknown_column_is_ignored_and_named_in_the_notes(boundaries):
    content = csv_bytes([row() | {"Afdeling": "Toezicht"}], headers=[*HEADERS, "Afdeling"])
    result = check(boundaries, content, "x.csv")
    assert error_texts(result) == []
    assert "Kolommen genegeerd (onbekend): Afdeling." in result.notes


@pytest.mark.parametrize(("region", "written", "code"), [
    ("VR13", "GM0363", "GM0363"),
    ("VR13", "gm0363", "GM0363"),
    ("VR13", "0363", "GM0363"),
    ("VR13", "363", "GM0363"),
    ("VR13", "Amsterdam", "GM0363"),
    ("VR13", "gemeente Amsterdam", "GM0363"),
    ("VR13", "Ouder-Amstel", "GM0437"),
    ("VR15", "'s-Gravenhage", "GM0518"),
    ("VR15", "’s-Gravenhage", "GM0518"),
    ("VR15", "Den Haag", "GM0518"),
    ("VR15", "DEN HAAG", "GM0518"),
    ("VR02", "Súdwest-Fryslân", "GM1900"),
    ("VR02", "Sudwest Fryslan", "GM1900"),
])
def test_municipalities_are_found_by_cbs_code_or_by_name(boundaries, region, written, code):
    content = csv_bytes([row(regio=region, gemeente=written)])
    result = check(boundaries, content, "x.csv", region=region)
    assert error_texts(result) == []
    assert result.records.loc[2, "gemeente_code"] == code


def test_a_municipality_given_as_an_excel_number_is_found(boundaries):
    cells = as_cells(row(gemeente=363, peildatum=datetime(2025, 5, 1)))
    result = check(boundaries, xlsx_bytes({"Gegevens": [HEADERS, cells]}), "x.xlsx")
    assert error_texts(result) == []
    assert result.records.loc[2, "gemeente_code"] == "GM0363"


def test_an_empty_municipality_means_region_wide(boundaries):
    result = check(boundaries, csv_bytes([row(gemeente="")]), "x.csv")
    assert error_texts(result) == []
    assert result.records.loc[2, "gemeente_code"] is None


def test_blank_rows_are_skipped_and_counted_in_the_notes(boundaries):
    rows = [row(organisatie="A"), {}, row(organisatie="B"), {}, {}, row(organisatie="C")]
    result = check(boundaries, csv_bytes(rows), "x.csv")
    assert error_texts(result) == []
    assert list(result.records.index) == [2, 4, 7]
    assert list(result.records["organisation"]) == ["A", "B", "C"]
    assert "3 lege regel(s) overgeslagen." in result.notes


@pytest.mark.parametrize("where", ["organisatie", "gemeente", "regio", "categorie"])
@pytest.mark.parametrize("word", ["Totaal", "totaal:", "TOTAAL", "Eindtotaal"])
def test_a_totals_row_is_recognised_reported_and_not_imported(boundaries, where, word):
    total = {h: "" for h in HEADERS} | {where: word, "aantal_personen": "90",
                                         "fte": "80", "inzetbaar_personen": "45"}
    rows = [row(organisatie="A", aantal_personen="80"), row(organisatie="B",
                                                            aantal_personen="10",
                                                            fte="5", inzetbaar_personen="5"),
            total]
    result = check(boundaries, csv_bytes(rows), "x.csv")
    assert error_texts(result) == []
    assert list(result.records["organisation"]) == ["A", "B"]
    assert int(result.records["persons"].sum()) == 90
    assert "Totaalregel(s) herkend en niet ingelezen: rij 4." in result.notes


def test_an_organisation_that_merely_contains_the_word_total_is_data(boundaries):
    result = check(boundaries, csv_bytes([row(organisatie="Totaal Beveiliging BV")]), "x.csv")
    assert error_texts(result) == []
    assert list(result.records["organisation"]) == ["Totaal Beveiliging BV"]


def test_the_data_sheet_gegevens_is_chosen_among_several(boundaries):
    decoy = as_cells(row(organisatie="Voorbeeld uit de instructie", gemeente="Atlantis"))
    real = as_cells(row(organisatie="Echte organisatie", peildatum=datetime(2025, 5, 1)))
    content = xlsx_bytes({"Instructie": [["Lees dit eerst"], HEADERS, decoy],
                          "Gegevens": [HEADERS, real],
                          "Lijsten": [["categorie"], ["boa"]]})
    sheet = read_upload(content, "x.xlsx")
    assert sheet.sheet_name == "Gegevens"
    result = validate_sheet(sheet, context(boundaries))
    assert error_texts(result) == []
    assert list(result.records["organisation"]) == ["Echte organisatie"]


def test_a_single_sheet_with_another_name_is_read(boundaries):
    cells = as_cells(row(peildatum=datetime(2025, 5, 1)))
    sheet = read_upload(xlsx_bytes({"Blad1": [HEADERS, cells]}), "x.xlsx")
    assert sheet.sheet_name == "Blad1"
    assert list(sheet.frame.index) == [2]


def test_the_header_row_is_found_below_title_lines_in_an_xlsx(boundaries):
    bad = as_cells(row(inzetbaar_personen=120, peildatum=datetime(2025, 5, 1)))
    content = xlsx_bytes({"Gegevens": [["Capaciteit Amsterdam-Amstelland"],
                                       ["Stand per 1 mei 2025"], [], HEADERS, bad]})
    result = check(boundaries, content, "x.xlsx")
    assert error_texts(result) == [
        "Rij 5, inzetbaar_personen: 120 is meer dan aantal_personen (80)"]


def test_the_header_row_is_found_below_title_lines_in_a_csv(boundaries):
    content = csv_bytes([row(inzetbaar_personen="120")],
                        above=[["Capaciteit Amsterdam-Amstelland"], [], ["Versie", "3"]])
    result = check(boundaries, content, "x.csv")
    assert error_texts(result) == [
        "Rij 5, inzetbaar_personen: 120 is meer dan aantal_personen (80)"]


def test_row_numbers_are_the_ones_excel_shows_after_blank_rows_and_titles(boundaries):
    good = as_cells(row(organisatie="Goed", peildatum=datetime(2025, 5, 1)))
    bad = as_cells(row(organisatie="Fout", gemeente="Atlantis", peildatum=datetime(2025, 5, 1)))
    lines: list[list[object]] = [["Titel"], [], HEADERS, good, [], [], good[:2] + ["Goed 2"]
                                 + good[3:], bad]
    result = check(boundaries, xlsx_bytes({"Gegevens": lines}), "x.xlsx")
    assert [(i.row, i.column) for i in result.errors] == [(8, "gemeente")]


def test_a_sheet_without_the_template_headers_is_refused():
    content = xlsx_bytes({"Gegevens": [["naam", "adres"], ["x", "y"]]})
    with pytest.raises(UploadError) as raised:
        read_upload(content, "x.xlsx")
    assert str(raised.value) == (
        "In tabblad 'Gegevens' staat geen kopregel met de kolommen van het sjabloon "
        "(zoals organisatie, categorie, aantal_personen). Gebruik het sjabloon.")


# --- hostile and unusable files ---------------------------------------------------------


def xlsx_with_sheet_xml(replace: tuple[bytes, bytes] | None = None, *,
                        extra: dict[str, bytes] | None = None) -> bytes:
    """A valid one-row .xlsx, with its sheet XML edited or parts added."""
    cells = as_cells(row(peildatum=datetime(2025, 5, 1)))
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes({"Gegevens": [HEADERS, cells]})))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if replace and info.filename == "xl/worksheets/sheet1.xml":
                assert replace[0] in data
                data = data.replace(*replace)
            target.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def test_a_file_over_the_size_limit_is_refused_with_its_size():
    content = csv_bytes([row()]) + b" " * (3 * 1024 * 1024 // 2)
    content = content[:3 * 1024 * 1024 // 2]
    with pytest.raises(UploadError) as raised:
        read_upload(content, "x.csv", Limits(max_bytes=1024 * 1024))
    assert str(raised.value) == (
        "Het bestand is 1,5 MB; de grens is 1 MB. Splits het of laat lege tabbladen weg.")


def test_a_file_over_the_row_limit_is_refused():
    rows = [row(organisatie=f"Organisatie {i}") for i in range(6)]
    with pytest.raises(UploadError) as raised:
        read_upload(csv_bytes(rows), "x.csv", Limits(max_rows=5))
    assert str(raised.value) == "Het bestand heeft 6 regels; de grens is 5."


def test_a_file_at_the_row_limit_is_read():
    rows = [row(organisatie=f"Organisatie {i}") for i in range(5)]
    assert len(read_upload(csv_bytes(rows), "x.csv", Limits(max_rows=5)).frame) == 5


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b"0" * (4 * 1024 * 1024)
            for _ in range(75):  # 300 MB of zeros
                part.write(chunk)
    content = out.getvalue()
    assert len(content) < 2 * 1024 * 1024
    with pytest.raises(UploadError) as raised:
        read_upload(content, "bom.xlsx")
    assert str(raised.value) == texts.UPLOAD_ZIP_BOMB
    assert str(raised.value).startswith("Het .xlsx-bestand pakt uit tot een onredelijk grote")


def test_an_absurd_declared_dimension_is_ignored_and_the_real_cells_are_read():
    content = xlsx_with_sheet_xml((b'<dimension ref="A1:M2"', b'<dimension ref="A1:XFD1048576"'))
    sheet = read_upload(content, "x.xlsx")
    assert list(sheet.frame["organisatie"]) == ["Gemeente Amsterdam"]


def test_a_real_cell_far_out_is_refused_with_the_area_it_spans():
    content = xlsx_with_sheet_xml((b"</sheetData>", b'<row r="1048576"><c r="XFD1048576">'
                                                    b"<v>1</v></c></row></sheetData>"))
    with pytest.raises(UploadError) as raised:
        read_upload(content, "x.xlsx")
    assert str(raised.value) == (
        "Het werkblad beslaat 1048576 rijen en 16384 kolommen; de grens is 100000 rijen en "
        "200 kolommen. Verwijder lege opmaak onder en naast de tabel.")


def test_a_formula_without_a_cached_value_is_refused_naming_the_cell():
    cells = as_cells(row(peildatum=datetime(2025, 5, 1)))
    total = [None] * len(HEADERS)
    total[HEADERS.index("aantal_personen")] = "=SUM(G2:G2)"  # openpyxl writes no value
    content = xlsx_bytes({"Gegevens": [HEADERS, cells, total]})
    with pytest.raises(UploadError) as raised:
        read_upload(content, "x.xlsx")
    assert str(raised.value) == (
        "Cel G3 bevat een formule zonder berekende waarde. Open het bestand in Excel, sla het "
        "op (dan wordt de waarde berekend) of plak de cellen als waarden.")


def test_a_formula_after_a_styled_empty_cell_is_named_by_its_own_cell():
    content = xlsx_with_sheet_xml(
        (b"</sheetData>",
         b'<row r="3"><c r="A3" s="0"/><c r="B3"><f>1+1</f></c></row></sheetData>'))
    with pytest.raises(UploadError) as raised:
        read_upload(content, "x.xlsx")
    assert str(raised.value).startswith("Cel B3 bevat een formule zonder berekende waarde.")


def test_a_formula_with_a_cached_value_is_taken_by_its_value(boundaries):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Gegevens")
    sheet.write_row(0, 0, HEADERS)
    for col, header in enumerate(HEADERS):
        sheet.write_string(1, col, ROW[header])
    sheet.write_formula(1, HEADERS.index("aantal_personen"), "=40+40", None, 80)
    sheet.write_formula(1, HEADERS.index("inzetbaar_personen"), "=G2/2", None, 40)
    book.close()
    result = check(boundaries, buffer.getvalue(), "x.xlsx")
    assert error_texts(result) == []
    assert (result.records.loc[2, "persons"], result.records.loc[2, "deployable_persons"]) == (
        80, 40)


def test_an_xlsm_with_a_macro_part_is_read_and_the_macro_ignored(boundaries, tmp_path):
    macro = tmp_path / "vbaProject.bin"
    macro.write_bytes(b"\xd0\xcf\x11\xe0 Sub AutoOpen(): Shell \"calc\": End Sub" * 50)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Gegevens")
    sheet.write_row(0, 0, HEADERS)
    sheet.write_row(1, 0, [ROW[h] for h in HEADERS])
    book.add_vba_project(str(macro))
    book.close()
    content = buffer.getvalue()
    assert "xl/vbaProject.bin" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    result = check(boundaries, content, "capaciteit.xlsm")
    assert error_texts(result) == []
    assert list(result.records["organisation"]) == ["Gemeente Amsterdam"]


def test_random_bytes_named_xlsx_are_refused():
    with pytest.raises(UploadError) as raised:
        read_upload(os.urandom(4096).replace(b"PK", b"pk"), "capaciteit.xlsx")
    assert str(raised.value) == "Het bestand is niet te lezen: geen geldig .xlsx-bestand."


def test_a_damaged_zip_named_xlsx_is_refused_with_a_dutch_message():
    content = xlsx_with_sheet_xml()
    with pytest.raises(UploadError) as raised:
        read_upload(content[: len(content) // 2], "capaciteit.xlsx")
    assert str(raised.value).startswith("Het bestand is niet te lezen: ")


def test_a_zip_that_is_no_spreadsheet_is_refused_with_a_dutch_message():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("foto.txt", b"geen spreadsheet")
    with pytest.raises(UploadError) as raised:
        read_upload(out.getvalue(), "capaciteit.xlsx")
    assert str(raised.value).startswith("Het bestand is niet te lezen: ")


@pytest.mark.parametrize("content", [b"", b"   \r\n\t  "])
@pytest.mark.parametrize("name", ["leeg.csv", "leeg.xlsx"])
def test_an_empty_file_is_refused(content, name):
    with pytest.raises(UploadError) as raised:
        read_upload(content, name)
    assert str(raised.value) == "Het bestand is leeg."


def test_a_pdf_is_refused_by_its_name():
    with pytest.raises(UploadError) as raised:
        read_upload(b"%PDF-1.7\n...", "rapport.pdf")
    assert str(raised.value) == (
        "rapport.pdf is geen .xlsx- of .csv-bestand. Gebruik het sjabloon of sla op als .xlsx "
        "of .csv.")


def test_binary_content_named_csv_is_refused():
    with pytest.raises(UploadError) as raised:
        read_upload(b"\x00\x01\x02" * 100, "capaciteit.csv")
    assert str(raised.value) == "Het bestand is niet te lezen: binaire inhoud, geen tekst."


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+31 20 123", "-Afdeling",
                                  "@SUM(A1)"])
def test_text_that_looks_like_a_formula_is_stored_as_text_and_escaped_on_export(
        boundaries, text):
    result = check(boundaries, csv_bytes([row(organisatie=text, opmerking=text)]), "x.csv")
    assert error_texts(result) == []
    assert result.records.loc[2, "organisation"] == text
    assert result.records.loc[2, "note"] == text
    exported = exports.to_xlsx_bytes(result.records.reset_index(drop=True), "Capaciteit")
    sheet = openpyxl.load_workbook(io.BytesIO(exported))["Capaciteit"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("organisation") + 1)
    assert cell.data_type == "s"
    assert cell.value == f"'{text}"


@pytest.mark.parametrize("word", ["NA", "null", "None", "n/a", "#N/A", "NaN"])
def test_words_that_pandas_would_call_missing_are_text_in_an_xlsx_as_in_a_csv(boundaries, word):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Gegevens")
    sheet.write_row(0, 0, HEADERS)
    sheet.write_row(1, 0, [ROW[h] for h in HEADERS])
    sheet.write_string(1, HEADERS.index("organisatie"), word)
    sheet.write_string(1, HEADERS.index("opmerking"), word)
    book.close()
    from_xlsx = check(boundaries, buffer.getvalue(), "x.xlsx")
    from_csv = check(boundaries, csv_bytes([row(organisatie=word, opmerking=word)]), "x.csv")
    for result in (from_xlsx, from_csv):
        assert error_texts(result) == []
        assert (result.records.loc[2, "organisation"], result.records.loc[2, "note"]) == (
            word, word)


def test_a_text_cell_that_looks_like_a_formula_in_an_xlsx_is_read_as_text(boundaries):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    sheet = book.add_worksheet("Gegevens")
    sheet.write_row(0, 0, HEADERS)
    sheet.write_row(1, 0, [ROW[h] for h in HEADERS])
    sheet.write_string(1, HEADERS.index("organisatie"), "=1+1")
    book.close()
    result = check(boundaries, buffer.getvalue(), "x.xlsx")
    assert error_texts(result) == []
    assert result.records.loc[2, "organisation"] == "=1+1"
