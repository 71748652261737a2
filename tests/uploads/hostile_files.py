"""Hostile and damaged spreadsheets, made here: the attacks of issue 10 and their kin.

Shared by the reader's tests (tests/uploads/test_reader_fuzz.py), the browser test
and the benchmark (benchmarks/hostile_files.py). Each maker returns the bytes of a
file a person could upload; the file names say what they are.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable

import xlsxwriter

from capaciteit.uploads.reader import columns

HEADERS = [c.header for c in columns()]
ROW = {"regio": "VR13", "gemeente": "GM0363", "organisatie": "Gemeente Amsterdam",
       "organisatie_id": "", "categorie": "boa", "subcategorie": "domein-1",
       "aantal_personen": "80", "fte": "72,5", "inzetbaar_personen": "40",
       "inzetbaar_binnen_uur": "24", "bevoegdheden": "", "peildatum": "01-05-2025",
       "opmerking": ""}
SHEET = "xl/worksheets/sheet1.xml"
FAR_CELL = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
MB = 1024 * 1024


# ---------------------------------------------------------------- well-formed starting points


FULL_ROW = ROW | {"organisatie_id": "12345678", "bevoegdheden": "Wet op de economische delicten",
                  "opmerking": "Geen"}


def template_xlsx(rows: int = 1, *, shared: bool = True, full: bool = False) -> bytes:
    """A valid VR13 upload written by xlsxwriter: the template's headers and ``rows`` rows.

    ``shared``: texts in the shared strings (else inline); ``full``: no empty cell.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": True,
                                        "constant_memory": not shared})
    sheet = book.add_worksheet("Gegevens")
    sheet.write_row(0, 0, HEADERS)
    for number in range(rows):
        values = (FULL_ROW if full else ROW) | {"organisatie": f"Organisatie {number}"}
        sheet.write_row(number + 1, 0, [values[h] for h in HEADERS])
    book.close()
    return buffer.getvalue()


def edit_parts(content: bytes, edit: Callable[[str, bytes], bytes | None] | None = None, *,
               rename: dict[str, str] | None = None, extra: dict[str, bytes] | None = None,
               method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Rewrite a package: ``edit(name, data)`` returns new data (None drops the part)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as target:
        for info in source.infolist():
            raw = source.read(info)
            data = edit(info.filename, raw) if edit is not None else raw
            if data is not None:
                target.writestr((rename or {}).get(info.filename, info.filename), data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def edit_sheet(content: bytes, change: Callable[[bytes], bytes]) -> bytes:
    """Change the first worksheet's XML."""
    return edit_parts(content, lambda name, data: change(data) if name == SHEET else data)


def set_dimension(xml: bytes, dimension: str | None) -> bytes:
    """The sheet with its declared dimension replaced, or removed (None)."""
    new = b"" if dimension is None else f'<dimension ref="{dimension}"/>'.encode()
    return re.sub(rb"<dimension [^>]*/>", new, xml)


# ---------------------------------------------------------------- the attacks


def sparse_far_cell(dimension: str | None) -> bytes:
    """One cell at the sheet's last column and row (XFD1048576), no or a false dimension."""
    return edit_sheet(template_xlsx(), lambda xml: set_dimension(
        xml.replace(b"</sheetData>", FAR_CELL + b"</sheetData>"), dimension))


def backtracking_sheet(size: int = 14 * 1024) -> bytes:
    """A formula, then ``size`` bytes of cell openings that never close.

    The old formula check's pattern backtracked on these: 3 s of CPU for 5 KB, while
    every other session waited; 14 KB took far longer.
    """
    openings = b'<c r="A1" ' * (size // 10)
    return edit_sheet(template_xlsx(), lambda xml: xml.replace(
        b"</sheetData>", b'<row r="3"><c r="A3"><f>1</f>' + openings + b"</row></sheetData>"))


def corrupt_deflate() -> bytes:
    """The sheet's compressed bytes damaged in the middle (the zip directory is intact)."""
    content = bytearray(template_xlsx(200))
    info = zipfile.ZipFile(io.BytesIO(bytes(content))).getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename)
    for offset in range(start + 40, start + 60):
        content[offset] ^= 0x5A
    return bytes(content)


def bad_crc() -> bytes:
    """The sheet intact, but the CRC in its local and central header off by one."""
    content = bytearray(template_xlsx())
    archive = zipfile.ZipFile(io.BytesIO(bytes(content)))
    info = archive.getinfo(SHEET)
    wrong = ((info.CRC + 1) & 0xFFFFFFFF).to_bytes(4, "little")
    content[info.header_offset + 14:info.header_offset + 18] = wrong
    end = bytes(content).rfind(b"PK\x05\x06")
    entry = int.from_bytes(content[end + 16:end + 20], "little")
    while content[entry:entry + 4] == b"PK\x01\x02":
        lengths = [int.from_bytes(content[entry + i:entry + i + 2], "little") for i in (28, 30, 32)]
        if bytes(content[entry + 46:entry + 46 + lengths[0]]) == SHEET.encode():
            content[entry + 16:entry + 20] = wrong
        entry += 46 + sum(lengths)
    return bytes(content)


def truncated_zip() -> bytes:
    """The first two thirds of a valid file, as an interrupted upload leaves it."""
    content = template_xlsx(50)
    return content[: len(content) * 2 // 3]


def lying_size_bomb(inflated_mb: int = 300) -> bytes:
    """A sheet that declares its real few KB but inflates to ``inflated_mb`` MB of cells."""
    content = template_xlsx()
    archive = zipfile.ZipFile(io.BytesIO(content))
    real = archive.read(SHEET)
    cells = b'<c r="A2" t="inlineStr"><is><t>x</t></is></c>'
    body = real.replace(b"</sheetData>", b'<row r="2">' + cells * (inflated_mb * MB // len(cells))
                        + b"</row></sheetData>")
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = packer.compress(body) + packer.flush()
    rest = edit_parts(content, lambda name, part: None if name == SHEET else part)
    return _append_raw_part(rest, SHEET, data, declared=len(real), crc=zlib.crc32(real))


def renamed_sheet(far_cell: bool) -> bytes:
    """The worksheet at an unusual part name (xl/tabellen/gegevens.xml), named by the rels."""
    content = template_xlsx()
    if far_cell:
        content = edit_sheet(content, lambda xml: xml.replace(b"</sheetData>",
                                                              FAR_CELL + b"</sheetData>"))
    return move_sheet(content, "xl/tabellen/gegevens.xml")


def move_sheet(content: bytes, part: str, *, absolute: bool = False) -> bytes:
    """The first worksheet moved to ``part``, the workbook's relationship following it."""
    target = "/" + part if absolute or not part.startswith("xl/") else part[3:]
    return edit_parts(content, lambda name, data: data.replace(
        b'Target="worksheets/sheet1.xml"', f'Target="{target}"'.encode())
        if name == "xl/_rels/workbook.xml.rels" else data, rename={SHEET: part})


def shared_text_bomb(cells: int = 20_000) -> bytes:
    """One 32,000-character shared text repeated by ``cells`` cells."""
    long_text = "x" * 32_000

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/sharedStrings.xml":
            return data.replace(b"</sst>", f"<si><t>{long_text}</t></si></sst>".encode())
        if name == SHEET:
            index = zipfile.ZipFile(io.BytesIO(template_xlsx())).read(
                "xl/sharedStrings.xml").count(b"<si>")
            row = b'<row r="3">' + b"".join(
                f'<c r="A3" t="s"><v>{index}</v></c>'.encode() for _ in range(cells)) + b"</row>"
            return data.replace(b"</sheetData>", row + b"</sheetData>")
        return data

    return edit_parts(template_xlsx(), change)


def lying_unique_count() -> bytes:
    """Shared strings that claim a trillion entries (calamine reserves what is claimed)."""
    return edit_parts(template_xlsx(), lambda name, data: re.sub(
        rb'uniqueCount="\d+"', b'uniqueCount="1000000000000"', data)
        if name == "xl/sharedStrings.xml" else data)


def utf16_sheet() -> bytes:
    """The worksheet XML in UTF-16: byte scanning would see no cells in it."""
    return edit_sheet(template_xlsx(), lambda xml: xml.replace(
        b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16"))


def _append_raw_part(content: bytes, name: str, data: bytes, *, declared: int, crc: int) -> bytes:
    """Add a deflated part whose headers declare ``declared`` bytes, whatever ``data`` holds."""
    end = content.rfind(b"PK\x05\x06")
    entries = int.from_bytes(content[end + 10:end + 12], "little")
    directory_size = int.from_bytes(content[end + 12:end + 16], "little")
    directory_start = int.from_bytes(content[end + 16:end + 20], "little")
    encoded = name.encode()
    local = (b"PK\x03\x04" + (20).to_bytes(2, "little") + bytes(2) + (8).to_bytes(2, "little")
             + bytes(4) + crc.to_bytes(4, "little") + len(data).to_bytes(4, "little")
             + declared.to_bytes(4, "little") + len(encoded).to_bytes(2, "little") + bytes(2))
    central = (b"PK\x01\x02" + (20).to_bytes(2, "little") * 2 + bytes(2)
               + (8).to_bytes(2, "little") + bytes(4) + crc.to_bytes(4, "little")
               + len(data).to_bytes(4, "little") + declared.to_bytes(4, "little")
               + len(encoded).to_bytes(2, "little") + bytes(8) + bytes(4)
               + directory_start.to_bytes(4, "little") + encoded)
    body = content[:directory_start] + local + encoded + data
    new_directory = len(body)
    directory = content[directory_start:directory_start + directory_size] + central
    record = (b"PK\x05\x06" + bytes(4) + (entries + 1).to_bytes(2, "little") * 2
              + len(directory).to_bytes(4, "little") + new_directory.to_bytes(4, "little")
              + bytes(2))
    return body + directory + record


# ---------------------------------------------------------------- CSV


def csv_text(separator: str = ";", rows: int = 1) -> str:
    """A valid VR13 CSV as Dutch Excel writes it (no line ends yet: joined by the caller)."""
    lines = [separator.join(HEADERS)]
    for number in range(rows):
        values = ROW | {"organisatie": f"Organisatie {number}"}
        lines.append(separator.join(values[h] for h in HEADERS))
    return "\n".join(lines)


def csv_with_line_ends(ending: str) -> bytes:
    """The CSV with CR only (old Mac), or ``"mixed"``: CRLF, LF and CR in turn."""
    lines = csv_text(rows=3).split("\n")
    if ending != "mixed":
        return ending.join(lines).encode() + ending.encode()
    endings = ["\r\n", "\n", "\r"]
    return "".join(line + endings[i % 3] for i, line in enumerate(lines)).encode()


def csv_utf16(order: str) -> bytes:
    """Excel's "Unicode-tekst": UTF-16 with a byte order mark, tab separated, CRLF."""
    text = csv_text("\t", rows=2).replace("\n", "\r\n") + "\r\n"
    if order == "le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return b"\xfe\xff" + text.encode("utf-16-be")


def csv_huge_cell(chars: int = MB) -> bytes:
    """One note cell of ``chars`` characters."""
    text = csv_text(rows=1)
    return (text.rsplit(";", 1)[0] + ";" + "x" * chars + "\n").encode()


def csv_duplicate_header() -> bytes:
    """'Aantal personen' and 'aantal_personen' both in the header row."""
    header = ";".join(HEADERS) + ";Aantal personen"
    return (header + "\n" + ";".join(ROW[h] for h in HEADERS) + ";99\n").encode()


def csv_blank_rows(size: int = 10 * MB) -> bytes:
    """A valid CSV followed by blank rows up to ``size`` bytes."""
    text = (csv_text(rows=1) + "\n").encode()
    return text + b"\n" * (size - len(text))


# ---------------------------------------------------------------- odd but honest sheets


def prefixed_sheet(content: bytes) -> bytes:
    """Every element of the sheet with an ``x:`` prefix, as the .NET Open XML SDK writes."""
    def change(xml: bytes) -> bytes:
        xml = re.sub(rb"<(/?)([A-Za-z])", rb"<\1x:\2", xml)
        return xml.replace(b'xmlns="', b'xmlns:x="', 1)
    return edit_sheet(content, change)


def sheet_without_references(content: bytes) -> bytes:
    """Rows and cells without ``r``: positions follow from the order (streaming writers)."""
    return edit_sheet(content, lambda xml: re.sub(rb'<(row|c) r="[A-Z]*[0-9]+"', rb"<\1", xml))


def pretty_printed_sheet(content: bytes) -> bytes:
    """The sheet XML indented, a line per element."""
    return edit_sheet(content, lambda xml: xml.replace(b"><", b">\n  <"))


def stored_parts(content: bytes) -> bytes:
    """The same package with every part stored instead of deflated."""
    return edit_parts(content, method=zipfile.ZIP_STORED)


def styles_bomb(format_chars: int = 2 * MB, styles: int = 300_000) -> bytes:
    """One long number format shared by many cell styles: calamine scans it once per style."""
    code = '"' + "x" * format_chars + '"'
    xml = (f'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           f'<numFmts count="1"><numFmt numFmtId="164" formatCode=\'{code}\'/></numFmts>'
           f'<cellXfs count="{styles}">' + '<xf numFmtId="164"/>' * styles
           + "</cellXfs></styleSheet>").encode()
    return edit_parts(template_xlsx(), lambda name, data: xml if name == "xl/styles.xml"
                      else data)
