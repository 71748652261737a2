"""Reading an .xlsx upload: the package checked and measured first, then read by calamine.

1. The zip is opened without trusting it (``package``): declared sizes, names,
   compression; a lie about a size or CRC shows when the part is inflated.
2. The workbook's own overview (``_rels/.rels``, ``workbook.xml`` and its
   relationships) names the worksheets, whatever their part names; the data
   sheet is chosen ("Gegevens", else the first worksheet).
3. The shared strings and the data sheet are streamed in bounded chunks and
   measured (``shared_texts``, ``worksheet``): their real extent, from the
   cells, never from the declared ``<dimension>``; refused past the limits.
4. calamine reads a new, minimal package holding only the measured parts (and the
   styles rebuilt to what tells dates from numbers, ``styles``), so it can never
   read more than was checked. Cells come back as calamine gives them.
"""

from __future__ import annotations

import io
import posixpath
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from typing import Any

import pandas as pd
from python_calamine import CalamineWorkbook

from capaciteit import texts
from capaciteit.uploads.limits import Limits, UploadError
from capaciteit.uploads.package import (
    Part,
    inflate,
    open_package,
    read_part,
    repack,
    resolve,
    unreadable,
)
from capaciteit.uploads.shared_texts import SharedTexts, measure_shared_texts
from capaciteit.uploads.styles import rebuild_styles
from capaciteit.uploads.worksheet import measure_sheet
from capaciteit.uploads.worksheet_tally import SheetExtent
from capaciteit.uploads.xml_checks import check_utf8, local_name

DATA_SHEET = texts.TEMPLATE_DATA_SHEET
OVERVIEW_MAX = 4 * 1024 * 1024  # a workbook.xml or relationships part
STYLES_MAX = 16 * 1024 * 1024
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class Workbook:
    """What the workbook's overview says: sheets in order, the parts they use, date system."""

    sheets: list[tuple[str, str, str]]  # (name, part, kind: worksheet, chartsheet, ...)
    shared_strings: str | None
    styles: str | None
    date1904: bool


@dataclass(frozen=True)
class Checked:
    """An .xlsx that passed every check: data sheet, its extent, what calamine may read."""

    sheet_name: str
    extent: SheetExtent
    package: bytes


def read_xlsx(content: bytes, limits: Limits) -> tuple[str, pd.DataFrame]:
    """The data sheet's cells as calamine gives them, with the sheet's name."""
    checked = check_xlsx(content, limits)
    rows = _calamine_rows(checked.package)
    width = max(map(len, rows), default=0)
    if width > max(checked.extent.columns, 1) or len(rows) > max(checked.extent.rows, 1):
        raise unreadable(texts.UNREADABLE_CALAMINE)  # calamine saw more than we measured
    return checked.sheet_name, pd.DataFrame(rows, dtype=object)


def check_xlsx(content: bytes, limits: Limits) -> Checked:
    """Steps 1 to 3: open, find the data sheet, measure; refuse past any limit."""
    parts = open_package(content, limits)
    book = read_workbook(parts)
    name, sheet_part = pick_sheet(book)
    if sheet_part not in parts:
        raise unreadable(texts.UNREADABLE_NO_WORKSHEET)
    shared = SharedTexts()
    if book.shared_strings:
        strings = parts[book.shared_strings]
        shared = measure_shared_texts(lambda: inflate(strings, limits.max_inflated),
                                      strings.name, limits)
    sheet = parts[sheet_part]
    extent = measure_sheet(lambda: inflate(sheet, limits.max_inflated), sheet.name, shared,
                           limits)
    styles = None
    if book.styles:
        part = _sized(parts[book.styles], STYLES_MAX)
        styles = rebuild_styles(inflate(part, STYLES_MAX), part.name)
    return Checked(name, extent, _minimal_package(parts, book, sheet, styles))


def read_workbook(parts: dict[str, Part]) -> Workbook:
    """The overview, resolved as Excel does (relationships relative to their part)."""
    package_rels = _relationships(parts, "_rels/.rels", "")
    documents = [target for kind, target in package_rels.values()
                 if kind.endswith("/officeDocument")]
    if not documents or documents[0] not in parts:
        raise unreadable(texts.UNREADABLE_NO_WORKBOOK)
    workbook_part = documents[0]
    folder, file = posixpath.split(workbook_part)
    rels = _relationships(parts, posixpath.join(folder, "_rels", file + ".rels"),
                          workbook_part)
    root = _overview(parts, workbook_part)
    sheets: list[tuple[str, str, str]] = []
    date1904 = False
    for element in root.iter():
        local = local_name(element.tag.rsplit("}", 1)[-1])
        if local == "workbookPr":
            date1904 = element.get("date1904", "").lower() in {"1", "true"}
        elif local == "sheet":
            ids = [v for k, v in element.attrib.items() if k.rsplit("}", 1)[-1] == "id"]
            kind, target = rels.get(ids[-1], ("", "")) if ids else ("", "")
            sheets.append((element.get("name", ""), target, kind.rsplit("/", 1)[-1]))
    return Workbook(sheets, _first(rels, "/sharedStrings", parts),
                    _first(rels, "/styles", parts), date1904)


def pick_sheet(book: Workbook) -> tuple[str, str]:
    """The worksheet named 'Gegevens' (any case), else the first worksheet: (name, part)."""
    worksheets = [(name, part) for name, part, kind in book.sheets if kind == "worksheet"]
    if not worksheets:
        raise unreadable(texts.UNREADABLE_NO_WORKSHEET)
    for name, part in worksheets:
        if name.strip().lower() == DATA_SHEET.lower():
            return name, part
    return worksheets[0]


def _relationships(parts: dict[str, Part], key: str, source: str) -> dict[str, tuple[str, str]]:
    """Id → (type, resolved part) of a relationships part; external targets left out."""
    if key not in parts:
        raise unreadable(texts.UNREADABLE_NO_WORKBOOK)
    found = {}
    for element in _overview(parts, key).iter():
        if element.tag.rsplit("}", 1)[-1] == "Relationship" and \
                element.get("TargetMode", "Internal") != "External":
            found[element.get("Id", "")] = (element.get("Type", ""),
                                            resolve(source, element.get("Target", "")))
    return found


def _overview(parts: dict[str, Part], key: str) -> ElementTree.Element:
    """A small XML part parsed: UTF-8, no document type (so no entities), Dutch errors."""
    part = _sized(parts[key], OVERVIEW_MAX)
    data = read_part(part, OVERVIEW_MAX)
    check_utf8(data[:512], part.name)
    if b"<!DOCTYPE" in data:
        raise unreadable(texts.UNREADABLE_XML.format(onderdeel=part.name))
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise unreadable(texts.UNREADABLE_XML.format(onderdeel=part.name)) from error


def _sized(part: Part, maximum: int) -> Part:
    if part.size > maximum:
        raise UploadError(texts.UPLOAD_ZIP_BOMB)
    return part


def _first(rels: dict[str, tuple[str, str]], kind: str, parts: dict[str, Part]) -> str | None:
    return next((target for type_, target in rels.values()
                 if type_.endswith(kind) and target in parts), None)


def _minimal_package(parts: dict[str, Part], book: Workbook, sheet: Part,
                     styles: bytes | None) -> bytes:
    """A new package: the worksheet, the shared strings, the rebuilt styles, our overview."""
    date_system = '<workbookPr date1904="1"/>' if book.date1904 else ""
    workbook = (f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}">{date_system}<sheets>'
                '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>'
                f"</workbook>")
    entries: list[tuple[str, Part | bytes]] = [
        ("_rels/.rels", _rels([("officeDocument", "xl/workbook.xml")])),
        ("xl/workbook.xml", workbook.encode()),
        ("xl/_rels/workbook.xml.rels", _rels([("worksheet", "worksheets/sheet1.xml")])),
        ("xl/worksheets/sheet1.xml", sheet),
    ]
    if book.shared_strings:
        entries.append(("xl/sharedStrings.xml", parts[book.shared_strings]))
    if styles is not None:
        entries.append(("xl/styles.xml", styles))
    return repack(entries)


def _rels(targets: list[tuple[str, str]]) -> bytes:
    items = "".join(f'<Relationship Id="rId{i}" Type="{OFFICE}/{kind}" Target="{target}"/>'
                    for i, (kind, target) in enumerate(targets, start=1))
    return f'<Relationships xmlns="{RELATIONSHIPS}">{items}</Relationships>'.encode()


def _calamine_rows(package: bytes) -> list[list[Any]]:
    """The rows calamine reads from A1; any failure of calamine (a Rust panic too) is a refusal."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(package))
        return book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception as error:  # noqa: BLE001 - calamine raises its own types for all damage
        raise unreadable(texts.UNREADABLE_CALAMINE) from error
    except BaseException as error:  # pyo3 turns a Rust panic into a BaseException
        if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise unreadable(texts.UNREADABLE_CALAMINE) from error
