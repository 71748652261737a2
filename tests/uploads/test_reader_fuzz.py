"""Fuzzing the hardened reader (issue 10): every file is refused in Dutch, or read as written.

Files are real: .xlsx written by xlsxwriter and openpyxl and then mutated where a
hostile or broken file differs (zip structure, sheet XML, shared strings,
dimension, cell references, encodings, numbers, dates, text), and CSV in every
dialect. For each: ``UploadError`` with one of the reader's Dutch messages, or a
read with the cells that were written; never another exception. Generated cases
run in process, bounded by the reader's own limits; the named hostile files also
run in a subprocess under RLIMIT_AS and RLIMIT_CPU (``tests/uploads/guarded.py``),
so a regression fails there instead of killing pytest.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime

import openpyxl
import pandas as pd
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal
from python_calamine import CalamineWorkbook

from capaciteit import texts
from capaciteit.uploads import worksheet_exact
from capaciteit.uploads.limits import Limits
from capaciteit.uploads.package import inflate, open_package
from capaciteit.uploads.reader import UploadError, read_cells
from capaciteit.uploads.shared_texts import SharedTexts, measure_shared_texts
from capaciteit.uploads.worksheet import measure_sheet
from capaciteit.uploads.xlsx import check_xlsx, pick_sheet, read_workbook
from tests.conftest import FUZZ_PROFILE
from tests.uploads import hostile_files as hostile

FUZZ = settings(settings.get_profile(FUZZ_PROFILE))
LIMITS = Limits(max_bytes=2 * 1024 * 1024, max_rows=500, max_cells=20_000,
                max_inflated=8 * 1024 * 1024, max_cell_chars=2_000)
REFUSALS = [texts.UPLOAD_TOO_LARGE, texts.UPLOAD_EMPTY, texts.UPLOAD_WRONG_TYPE,
            texts.UPLOAD_ZIP_BOMB, texts.UPLOAD_DIMENSION, texts.UPLOAD_FORMULA,
            texts.UPLOAD_NO_HEADER, texts.UPLOAD_TOO_MANY_ROWS, texts.UPLOAD_TOO_MANY_CELLS,
            texts.UPLOAD_CELL_TOO_LONG, texts.UPLOAD_ROW_CELL_TOO_LONG,
            texts.UPLOAD_TOO_MANY_SHEET_ROWS, texts.UPLOAD_CELL_COUNT,
            texts.UPLOAD_TOO_MANY_SHARED_TEXTS, texts.UPLOAD_SHARED_TEXT_TOO_LONG,
            texts.UPLOAD_DUPLICATE_HEADER]
REASONS = [texts.UNREADABLE_NOT_XLSX, texts.UNREADABLE_TRUNCATED, texts.UNREADABLE_DAMAGED,
           texts.UNREADABLE_CHECKSUM, texts.UNREADABLE_PROTECTED, texts.UNREADABLE_COMPRESSION,
           texts.UNREADABLE_DUPLICATE_PART, texts.UNREADABLE_TOO_MANY_PARTS,
           texts.UNREADABLE_NO_WORKBOOK, texts.UNREADABLE_NO_WORKSHEET, texts.UNREADABLE_XML,
           texts.UNREADABLE_ENCODING, texts.UNREADABLE_STRUCTURE, texts.UNREADABLE_CALAMINE,
           texts.UNREADABLE_BINARY, texts.UNREADABLE_CSV]


def _pattern(template: str) -> str:
    return ".*?".join(re.escape(part) for part in re.split(r"\{[a-z_]+\}", template))


DUTCH_REFUSAL = re.compile("|".join(
    [f"(?:{_pattern(t)})" for t in REFUSALS]
    + [_pattern(texts.UPLOAD_UNREADABLE).replace(
        ".*?", "(?:" + "|".join(_pattern(r) for r in REASONS) + ")")]), re.S)


def read_or_refuse(content: bytes, filename: str) -> pd.DataFrame | None:
    """The cells as read, or None for a refusal with one of the reader's Dutch messages."""
    try:
        return read_cells(content, filename, LIMITS)[1]
    except UploadError as error:
        assert DUTCH_REFUSAL.fullmatch(str(error)), f"not a reader message: {error}"
        return None


# ---------------------------------------------------------------- .xlsx: files and mutations

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=40)
VALUES = st.one_of(
    TEXT,
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.datetimes(datetime(1900, 3, 1), datetime(9999, 12, 31)),
    st.booleans(),
    st.sampled_from(["=1+1", "=SUM(A1:A2)", "1.234,5", "01-05-2025", "VR13", "", " ", "€"]),
)
GRID = st.lists(st.lists(VALUES, min_size=1, max_size=6), min_size=1, max_size=12)


def write_xlsx(grid: list[list[object]], writer: str, *, sheet_name: str = "Gegevens") -> bytes:
    """The grid as an .xlsx by xlsxwriter (shared or inline strings) or openpyxl."""
    buffer = io.BytesIO()
    if writer == "openpyxl":
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = sheet_name
        for line in grid:
            sheet.append(line)
        book.save(buffer)
        return buffer.getvalue()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "constant_memory": writer == "inline",
                                        "strings_to_formulas": False})
    sheet = book.add_worksheet(sheet_name)
    date = book.add_format({"num_format": "dd-mm-yyyy"})
    for r, line in enumerate(grid):
        for c, value in enumerate(line):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, date)
            else:
                sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


def at_a_tag(xml: bytes, position: int, insert: bytes) -> bytes:
    """``insert`` placed before the tag nearest ``position`` (within sheetData if present)."""
    start = xml.find(b"<sheetData")
    spot = xml.find(b"<", max(position, start if start >= 0 else 0))
    spot = len(xml) if spot < 0 else spot
    return xml[:spot] + insert + xml[spot:]


REFERENCE = st.builds(lambda col, row: f"{hostile_column(col)}{row}",
                      st.integers(1, 16_500), st.integers(1, 1_100_000))


def hostile_column(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_mutation(data: st.DataObject, xml: bytes) -> bytes:
    """One hostile or careless change to a worksheet's XML."""
    kind = data.draw(st.sampled_from([
        "dimension", "far cell", "no refs", "prefix", "pretty", "comment", "openings",
        "flip", "cut", "encoding", "number", "formula", "long text", "duplicate cells",
        "shared index", "date serial"]), label="sheet mutation")
    where = data.draw(st.integers(0, len(xml)), label="where")
    if kind == "dimension":
        return hostile.set_dimension(xml, data.draw(st.one_of(st.none(), REFERENCE)))
    if kind == "far cell":
        ref = data.draw(REFERENCE, label="ref")
        row = re.sub(r"[A-Z]+", "", ref)
        return xml.replace(b"</sheetData>", f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>'
                           .encode() + b"</sheetData>")
    if kind == "no refs":
        return re.sub(rb'<(row|c) r="[A-Z]*[0-9]+"', rb"<\1", xml)
    if kind == "prefix":
        return re.sub(rb"<(/?)([A-Za-z])", rb"<\1x:\2", xml).replace(b'xmlns="', b'xmlns:x="', 1)
    if kind == "pretty":
        return xml.replace(b"><", b">\n <")
    if kind == "comment":
        return at_a_tag(xml, where, b'<!-- <c r="XFD1048576"><v>1</v></c> -->')
    if kind == "openings":
        piece = data.draw(st.sampled_from([b"<c", b'<c r="A1">', b"<row>", b"<c><f>1", b"<is>"]))
        return at_a_tag(xml, where, piece * data.draw(st.integers(1, 2000)))
    if kind == "flip":
        spot = min(where, len(xml) - 1)
        return xml[:spot] + bytes([xml[spot] ^ data.draw(st.integers(1, 255))]) + xml[spot + 1:]
    if kind == "cut":
        return xml[:where]
    if kind == "encoding":
        name = data.draw(st.sampled_from([b"UTF-16", b"ISO-8859-1", b"utf8", b"ascii"]))
        return xml.replace(b'encoding="UTF-8"', b'encoding="' + name + b'"')
    if kind == "number":
        number = data.draw(st.sampled_from([b"1e308", b"-0", b"NaN", b"1" * 400, b"0x10", b"",
                                            b"1,5", b"9" * 30, b"-1e-320"]))
        return re.sub(rb"<v>[^<]*</v>", b"<v>" + number + b"</v>", xml, count=3)
    if kind == "formula":
        return at_a_tag(xml, where, b'<c r="B2"><f>1+1</f></c>')
    if kind == "long text":
        size = data.draw(st.integers(1_000, 5_000))
        return xml.replace(b"</sheetData>", b'<row r="40"><c r="A40" t="inlineStr"><is><t>'
                           + b"x" * size + b"</t></is></c></row></sheetData>")
    if kind == "duplicate cells":
        cell = b'<c r="A1"><v>1</v></c>'
        return xml.replace(b"</sheetData>", b'<row r="1">' + cell * data.draw(
            st.integers(100, 30_000)) + b"</row></sheetData>")
    if kind == "shared index":
        index = data.draw(st.sampled_from([b"99999", b"-1", b"x", b"18446744073709551617"]))
        return re.sub(rb'(t="s"><v>)[0-9]+', rb"\g<1>" + index, xml, count=1)
    serial = data.draw(st.sampled_from([b"2958466", b"-1", b"1e15", b"60"]))
    return re.sub(rb"<v>[0-9.]+</v>", b"<v>" + serial + b"</v>", xml, count=2)


def package_mutation(data: st.DataObject, content: bytes) -> bytes:
    """One change to the zip: parts renamed, dropped, doubled, damaged, truncated, stored."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        for info in archive.infolist():
            archive.read(info)
    except Exception:  # noqa: BLE001 - an earlier change broke the zip: leave it broken
        return content
    kind = data.draw(st.sampled_from([
        "sheet", "shared strings", "rename", "case", "absolute", "duplicate", "drop",
        "truncate", "flip", "stored", "junk before", "unique count"]), label="package mutation")
    if kind == "sheet":
        return hostile.edit_sheet(content, lambda xml: sheet_mutation(data, xml))
    if kind == "shared strings":
        long = data.draw(st.integers(10, 5_000))
        return hostile.edit_parts(content, lambda name, part: part.replace(
            b"</sst>", b"<si><r><t>" + b"y" * long + b"</t></r></si></sst>")
            if name == "xl/sharedStrings.xml" else part)
    if kind == "rename":
        new = data.draw(st.sampled_from(["xl/data/tabel.xml", "xl/worksheets/Blad 1.xml",
                                         "gegevens.xml"]))
        target = ("/" + new) if not new.startswith("xl/") else new[3:]
        return hostile.edit_parts(content, lambda name, part: part.replace(
            b"worksheets/sheet1.xml", target.encode()) if name.endswith(".rels") else part,
            rename={hostile.SHEET: new})
    if kind == "case":
        return hostile.edit_parts(content, rename={hostile.SHEET: "XL/Worksheets/Sheet1.XML"})
    if kind == "absolute":
        return hostile.edit_parts(content, lambda name, part: part.replace(
            b'Target="worksheets/', b'Target="/xl/worksheets/') if name.endswith(".rels") else part)
    if kind == "duplicate":
        return hostile.edit_parts(content, extra={"XL/worksheets/sheet1.xml": b"<worksheet/>"})
    if kind == "drop":
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        gone = data.draw(st.sampled_from(names))
        return hostile.edit_parts(content, lambda name, part: None if name == gone else part)
    if kind == "truncate":
        return content[:data.draw(st.integers(1, len(content) - 1))]
    if kind == "flip":
        spot = data.draw(st.integers(0, len(content) - 1))
        return content[:spot] + bytes([content[spot] ^ 0xFF]) + content[spot + 1:]
    if kind == "stored":
        return hostile.stored_parts(content)
    if kind == "junk before":
        return b"MZ" + bytes(500) + content
    count = data.draw(st.sampled_from([b"0", b"99999999999", b"abc", b"-5"]))
    return hostile.edit_parts(content, lambda name, part: re.sub(
        rb'uniqueCount="\d+"', b'uniqueCount="' + count + b'"', part)
        if name == "xl/sharedStrings.xml" else part)


@FUZZ
@given(grid=GRID, writer=st.sampled_from(["shared", "inline", "openpyxl"]), data=st.data())
def test_a_mutated_xlsx_is_refused_in_dutch_or_read_without_error(grid, writer, data):
    content = write_xlsx(grid, writer)
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        content = package_mutation(data, content)
    read_or_refuse(content, "capaciteit.xlsx")
    assert_calamine_stays_within_the_measure(content)


def assert_calamine_stays_within_the_measure(content: bytes) -> None:
    """What calamine reads of a checked file never reaches beyond the measured extent."""
    try:
        checked = check_xlsx(content, LIMITS)
    except UploadError:
        return
    try:
        rows = CalamineWorkbook.from_filelike(io.BytesIO(checked.package)).get_sheet_by_index(
            0).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - calamine refusing the file is fine; reading more is not
        return
    assert len(rows) <= max(checked.extent.rows, 1)
    assert max(map(len, rows), default=0) <= max(checked.extent.columns, 1)


@FUZZ
@given(grid=GRID, writer=st.sampled_from(["shared", "inline"]), data=st.data())
def test_the_fast_and_the_exact_measure_of_a_sheet_agree(grid, writer, data):
    content = hostile.edit_sheet(write_xlsx(grid, writer), lambda xml: sheet_mutation(data, xml))
    try:
        parts = open_package(content, LIMITS)
        book = read_workbook(parts)
        sheet = parts[pick_sheet(book)[1]]
        shared = SharedTexts()
        if book.shared_strings:
            strings = parts[book.shared_strings]
            shared = measure_shared_texts(lambda: inflate(strings, LIMITS.max_inflated),
                                          strings.name, LIMITS)
    except UploadError:
        return
    outcomes: list[object] = []
    for measure in (lambda: measure_sheet(lambda: inflate(sheet, LIMITS.max_inflated),
                                          sheet.name, shared, LIMITS),
                    lambda: worksheet_exact.measure(inflate(sheet, LIMITS.max_inflated),
                                                    sheet.name, shared, LIMITS).extent()):
        try:
            outcomes.append(measure())
        except UploadError as error:
            outcomes.append(error)
    fast, exact = outcomes
    if isinstance(exact, UploadError) and "geen geldige XML" in str(exact):
        return  # expat wants all of the XML well-formed; the fast path only the sheet data
    if isinstance(fast, UploadError) or isinstance(exact, UploadError):
        assert isinstance(fast, UploadError) and isinstance(exact, UploadError), (fast, exact)
    else:
        assert fast == exact


XML_CHANGES = {"prefix": hostile.prefixed_sheet, "pretty": hostile.pretty_printed_sheet,
               "no refs": hostile.sheet_without_references,
               "dimension": lambda c: hostile.edit_sheet(
                   c, lambda xml: hostile.set_dimension(xml, "A1:XFD1048576"))}
PLACES = {"as written": lambda c: c,
          "other name": lambda c: hostile.move_sheet(c, "xl/tabellen/gegevens.xml"),
          "other case": lambda c: hostile.edit_parts(
              c, rename={hostile.SHEET: "XL/Worksheets/Sheet1.XML"}),
          "absolute target": lambda c: hostile.move_sheet(c, hostile.SHEET, absolute=True)}


@FUZZ
@given(rows=st.lists(st.lists(st.one_of(TEXT.filter(str.strip), st.integers(0, 10**6)),
                              min_size=3, max_size=3), min_size=1, max_size=10),
       writer=st.sampled_from(["shared", "inline"]),
       changes=st.lists(st.sampled_from(sorted(XML_CHANGES)), max_size=4, unique=True),
       place=st.sampled_from(sorted(PLACES)), stored=st.booleans())
def test_an_honest_sheet_reads_the_same_however_it_is_written(rows, writer, changes, place,
                                                              stored):
    content = write_xlsx([["a", "b", "c"], *rows], writer)
    expected = read_cells(content, "x.xlsx", LIMITS)[1]
    for change in changes:
        content = XML_CHANGES[change](content)
    content = PLACES[place](content)
    if stored:
        content = hostile.stored_parts(content)
    assert_frame_equal(read_cells(content, "x.xlsx", LIMITS)[1], expected)


# ---------------------------------------------------------------- CSV in every dialect

PLAIN = st.from_regex(r"[a-z][a-z0-9_]{0,9}", fullmatch=True)
ENDINGS = ["\r\n", "\n", "\r", "mixed"]
SEPARATORS = [";", ",", "\t"]


def csv_cells(separator: str) -> st.SearchStrategy[str]:
    """Any text on one line; line breaks only where no other separator could cut the record.

    A header of plain names and cells on one line decide the separator beyond doubt; a
    cell with line breaks and another separator could make its own consistent 'table'.
    """
    others = "".join(s for s in SEPARATORS if s != separator)
    one_line = st.text(st.characters(blacklist_categories=("Cs",),
                                     blacklist_characters="\x00\r\n"), max_size=30)
    lines = st.text(st.characters(blacklist_categories=("Cs",),
                                  blacklist_characters="\x00" + others), max_size=30)
    return st.one_of(one_line, lines)


def write_csv(table: list[list[str]], separator: str, ending: str, quoting: int) -> str:
    """Records as csv.writer quotes them, each ended by ``ending`` (or CRLF, LF, CR in turn)."""
    records = []
    for line in table:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=separator, lineterminator="\r\n",
                   quoting=quoting).writerow(line)
        records.append(buffer.getvalue()[:-2])
    ends = ["\r\n", "\n", "\r"] if ending == "mixed" else [ending]
    return "".join(record + ends[i % len(ends)] for i, record in enumerate(records))


@FUZZ
@given(header=st.lists(PLAIN, min_size=2, max_size=6, unique=True), data=st.data(),
       separator=st.sampled_from(SEPARATORS), ending=st.sampled_from(ENDINGS),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32"]),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_csv_in_any_dialect_reads_back_the_cells_written(header, data, separator, ending,
                                                         encoding, quoting):
    rows = data.draw(st.lists(st.lists(csv_cells(separator), min_size=len(header),
                                       max_size=len(header)), max_size=15), label="rows")
    text = write_csv([header, *rows], separator, ending, quoting)
    content = (b"\xfe\xff" + text.encode("utf-16-be") if encoding == "utf-16-be-bom"
               else text.encode(encoding))
    cells = read_or_refuse(content, "capaciteit.csv")
    assert cells is not None
    assert cells.values.tolist() == [header, *rows]


@FUZZ
@given(header=st.lists(PLAIN, min_size=2, max_size=6, unique=True), data=st.data(),
       separator=st.sampled_from(SEPARATORS), ending=st.sampled_from(ENDINGS))
def test_a_windows_1252_csv_is_read_or_refused_in_dutch(header, data, separator, ending):
    rows = data.draw(st.lists(st.lists(csv_cells(separator), min_size=len(header),
                                       max_size=len(header)), max_size=10), label="rows")
    text = write_csv([header, *rows], separator, ending, csv.QUOTE_MINIMAL)
    read_or_refuse(text.encode("cp1252", errors="replace"), "capaciteit.csv")


@FUZZ
@given(content=st.binary(max_size=3000), prefix=st.sampled_from([b"", b"\xff\xfe", b"\xfe\xff",
                                                                 b"\xef\xbb\xbf"]))
def test_any_bytes_named_csv_are_refused_in_dutch_or_read(content, prefix):
    read_or_refuse(prefix + content, "capaciteit.csv")
