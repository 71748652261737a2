"""The named hostile and damaged files of issue 10: each refused in Dutch, or read correctly.

The ones that used to kill or freeze the server run in a child process under
RLIMIT_AS and RLIMIT_CPU (tests/uploads/guarded.py); the rest run in process.
Files are made in tests/uploads/hostile_files.py; expected texts are written out.
"""

from __future__ import annotations

import pytest
from pandas.testing import assert_frame_equal

from capaciteit.uploads.reader import UploadError, read_cells, read_upload
from tests.uploads import hostile_files as hostile
from tests.uploads.guarded import run_guarded

FAR_CELL_REFUSAL = (
    "Het werkblad beslaat 1048576 rijen en 16384 kolommen; de grens is 100000 rijen en 200 "
    "kolommen. Verwijder lege opmaak onder en naast de tabel.")
ZIP_BOMB = ("Het .xlsx-bestand pakt uit tot een onredelijk grote omvang en is geweigerd. "
            "Sla het opnieuw op in Excel of gebruik het sjabloon.")


def refusal(content: bytes, name: str) -> str:
    with pytest.raises(UploadError) as raised:
        read_upload(content, name)
    return str(raised.value)


# ---------------------------------------------------------------- guarded: they used to kill


@pytest.mark.parametrize("dimension", [None, "A1:M2"], ids=["no dimension", "false dimension"])
def test_a_sparse_cell_at_xfd1048576_is_refused_before_anything_is_allocated(tmp_path,
                                                                              dimension):
    outcome = run_guarded(hostile.sparse_far_cell(dimension), "capaciteit.xlsx", tmp_path)
    assert (outcome.returncode, outcome.refused) == (0, FAR_CELL_REFUSAL), outcome.stderr


def test_the_guard_stops_a_reader_that_allocates_for_the_far_cell(tmp_path):
    """The same file handed to calamine directly, as before: the guard kills the child."""
    outcome = run_guarded(hostile.sparse_far_cell(None), "capaciteit.xlsx", tmp_path,
                          mode="bare-calamine")
    assert outcome.returncode != 0
    assert not outcome.read and outcome.refused is None


def test_cell_openings_that_never_close_are_refused_without_backtracking(tmp_path):
    outcome = run_guarded(hostile.backtracking_sheet(14 * 1024), "capaciteit.xlsx", tmp_path)
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.refused == (
        "Het bestand is niet te lezen: onderdeel 'xl/worksheets/sheet1.xml' is geen geldige XML "
        "(zoals Excel die schrijft). Sla het bestand opnieuw op in Excel.")


def test_a_sheet_that_inflates_far_beyond_its_declared_size_is_refused(tmp_path):
    outcome = run_guarded(hostile.lying_size_bomb(300), "capaciteit.xlsx", tmp_path)
    assert outcome.returncode == 0, outcome.stderr
    assert outcome.refused == (
        "Het bestand is niet te lezen: het .xlsx-bestand is beschadigd: onderdeel "
        "'xl/worksheets/sheet1.xml' pakt niet goed uit. Sla het opnieuw op in Excel.")


def test_a_long_shared_text_repeated_by_many_cells_is_refused_as_a_bomb(tmp_path):
    outcome = run_guarded(hostile.shared_text_bomb(20_000), "capaciteit.xlsx", tmp_path)
    assert (outcome.returncode, outcome.refused) == (0, ZIP_BOMB), outcome.stderr


def test_shared_strings_that_claim_a_trillion_entries_are_refused(tmp_path):
    outcome = run_guarded(hostile.lying_unique_count(), "capaciteit.xlsx", tmp_path)
    assert (outcome.returncode, outcome.refused) == (0, (
        "Het bestand bevat meer dan 1.500.000 verschillende teksten. Splits het bestand of "
        "gebruik het sjabloon.")), outcome.stderr


def test_one_long_number_format_shared_by_many_styles_is_refused(tmp_path):
    outcome = run_guarded(hostile.styles_bomb(), "capaciteit.xlsx", tmp_path)
    assert (outcome.returncode, outcome.refused) == (0, (
        "Het bestand is niet te lezen: het is op een ongebruikelijke manier opgebouwd "
        "(meer of langere celopmaak dan Excel toestaat). Sla het opnieuw op in Excel.")
    ), outcome.stderr


def test_ten_megabytes_of_blank_rows_are_refused_without_reading_them_all(tmp_path):
    outcome = run_guarded(hostile.csv_blank_rows(10 * hostile.MB), "capaciteit.csv", tmp_path)
    assert (outcome.returncode, outcome.refused) == (0, (
        "Het bestand heeft meer dan 101.015 regels, lege regels meegeteld. Verwijder de lege "
        "regels onder de tabel of splits het bestand.")), outcome.stderr


def test_a_csv_cell_of_a_megabyte_is_refused_in_dutch(tmp_path):
    outcome = run_guarded(hostile.csv_huge_cell(hostile.MB), "capaciteit.csv", tmp_path)
    assert (outcome.returncode, outcome.refused) == (0, (
        "Een cel in rij 2 bevat meer dan 32.767 tekens; meer kan ook Excel niet in één cel "
        "bewaren. Verkort de tekst.")), outcome.stderr


# ---------------------------------------------------------------- in process: damaged zips


@pytest.mark.parametrize(("make", "expected"), [
    (hostile.corrupt_deflate, "Het bestand is niet te lezen: het .xlsx-bestand is beschadigd: "
     "onderdeel 'xl/worksheets/sheet1.xml' pakt niet goed uit. Sla het opnieuw op in Excel."),
    (hostile.bad_crc, "Het bestand is niet te lezen: het .xlsx-bestand is beschadigd: het "
     "controlegetal van onderdeel 'xl/worksheets/sheet1.xml' klopt niet. Sla het opnieuw op in "
     "Excel."),
    (hostile.truncated_zip, "Het bestand is niet te lezen: het .xlsx-bestand is onvolledig "
     "(afgebroken bij het opslaan of uploaden); sla het opnieuw op en upload het nog eens."),
    (hostile.utf16_sheet, "Het bestand is niet te lezen: onderdeel 'xl/worksheets/sheet1.xml' "
     "is niet in UTF-8 opgeslagen. Sla het bestand opnieuw op in Excel."),
], ids=["corrupt deflate", "bad crc", "truncated", "utf-16 sheet"])
def test_a_damaged_xlsx_is_refused_with_what_is_wrong(make, expected):
    assert refusal(make(), "capaciteit.xlsx") == expected


def test_a_sheet_at_an_unusual_part_name_is_found_through_the_workbook():
    sheet = read_upload(hostile.renamed_sheet(far_cell=False), "capaciteit.xlsx")
    assert list(sheet.frame["organisatie"]) == ["Organisatie 0"]


def test_a_far_cell_in_a_sheet_at_an_unusual_part_name_is_refused_too():
    assert refusal(hostile.renamed_sheet(far_cell=True), "capaciteit.xlsx") == FAR_CELL_REFUSAL


@pytest.mark.parametrize("change", [hostile.prefixed_sheet, hostile.sheet_without_references,
                                    hostile.pretty_printed_sheet, hostile.stored_parts],
                         ids=["x: prefixes", "no r attributes", "indented", "stored parts"])
@pytest.mark.parametrize("shared", [True, False], ids=["shared strings", "inline strings"])
def test_an_odd_but_honest_xlsx_is_read_cell_for_cell(change, shared):
    plain = hostile.template_xlsx(5, shared=shared, full=True)
    assert_frame_equal(read_cells(change(plain), "x.xlsx")[1], read_cells(plain, "x.xlsx")[1])


# ---------------------------------------------------------------- in process: CSV


@pytest.mark.parametrize("ending", ["\r", "mixed"], ids=["CR only (old Mac)", "mixed"])
def test_csv_with_old_mac_or_mixed_line_ends_is_read(ending):
    sheet = read_upload(hostile.csv_with_line_ends(ending), "capaciteit.csv")
    assert list(sheet.frame["organisatie"]) == ["Organisatie 0", "Organisatie 1",
                                                "Organisatie 2"]
    assert list(sheet.frame.index) == [2, 3, 4]


@pytest.mark.parametrize("order", ["le", "be"])
def test_excel_unicode_text_utf16_with_byte_order_mark_is_read(order):
    sheet = read_upload(hostile.csv_utf16(order), "capaciteit.csv")
    assert sheet.missing_columns == []
    assert list(sheet.frame["organisatie"]) == ["Organisatie 0", "Organisatie 1"]
    assert sheet.frame.loc[2, "fte"] == "72,5"


def test_a_header_named_twice_is_refused_naming_it_and_both_columns():
    assert refusal(hostile.csv_duplicate_header(), "capaciteit.csv") == (
        "De kopregel noemt de kolom aantal_personen twee keer: 'aantal_personen' in kolom G en "
        "'Aantal personen' in kolom N. Verwijder of hernoem een van beide, dan is duidelijk "
        "welke geldt.")


def test_a_header_named_twice_in_an_xlsx_is_refused_too():
    content = hostile.edit_sheet(hostile.template_xlsx(), lambda xml: xml.replace(
        b'<c r="M1" t="s"><v>12</v></c>', b'<c r="M1" t="s"><v>0</v></c>'))
    assert refusal(content, "capaciteit.xlsx").startswith(
        "De kopregel noemt de kolom regio twee keer: 'regio' in kolom A en 'regio' in kolom M.")


def test_an_agreements_import_with_a_header_named_twice_is_refused_the_same_way():
    from capaciteit.agreements.sheet import read_agreement_sheet
    from tests.agreements.test_service import CATALOGUE

    content = (b"regio;partner;Partner;partnertype;categorieen;toegezegde_personen;geldig_van;"
               b"status\nVR13;NVWA;NVWA 2;inspectiedienst;inspectiedienst/NVWA;3;01-05-2025;"
               b"getekend\n")
    with pytest.raises(UploadError) as raised:
        read_agreement_sheet(content, "afspraken.csv", CATALOGUE)
    assert str(raised.value) == (
        "De kopregel noemt de kolom partner twee keer: 'partner' in kolom B en 'Partner' in "
        "kolom C. Verwijder of hernoem een van beide, dan is duidelijk welke geldt.")
