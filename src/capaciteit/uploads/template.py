"""The capacity template: an .xlsx with instructions, a data sheet with dropdowns, and lists."""

from __future__ import annotations

import io

import pandas as pd
import xlsxwriter

from capaciteit import texts
from capaciteit.capacity.categories import Category, horizons
from capaciteit.uploads.reader import DATA_SHEET, columns

INSTRUCTION_SHEET = texts.TEMPLATE_INSTRUCTION_SHEET
LIST_SHEET = texts.TEMPLATE_LIST_SHEET
TEMPLATE_ROWS = 2000


def build_template(region_code: str, region_name: str, municipalities: pd.DataFrame,
                   categories: tuple[Category, ...]) -> bytes:
    """Make the template for one region.

    The data sheet has the Dutch headers and dropdown lists for categorie,
    subcategorie, gemeente (the region's municipalities) and
    inzetbaar_binnen_uur; the list sheet holds the reference values.
    """
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    own = municipalities[municipalities["region_code"] == region_code].sort_values(
        "gemeente_name")
    _instructions(book, region_code, region_name, bold, wrap)
    data = book.add_worksheet(DATA_SHEET)
    lists = book.add_worksheet(LIST_SHEET)
    ranges = _lists(lists, own, categories, bold)
    headers = [c.header for c in columns()]
    for col, header in enumerate(headers):
        data.write(0, col, header, bold)
        data.set_column(col, col, max(14, len(header) + 2))
    data.freeze_panes(1, 0)
    for header, source in ranges.items():
        col = headers.index(header)
        data.data_validation(1, col, TEMPLATE_ROWS, col, {
            "validate": "list", "source": source, "ignore_blank": True,
            "error_title": texts.TEMPLATE_DROPDOWN_TITLE,
            "error_message": texts.TEMPLATE_DROPDOWN_MESSAGE.format(kolom=header),
        })
    regio_col = headers.index("regio")
    data.data_validation(1, regio_col, TEMPLATE_ROWS, regio_col, {
        "validate": "list", "source": [region_code], "ignore_blank": True})
    peil_col = headers.index("peildatum")
    data.set_column(peil_col, peil_col, 14, book.add_format({"num_format": "dd-mm-yyyy"}))
    book.close()
    return buffer.getvalue()


def _instructions(book: xlsxwriter.Workbook, region_code: str, region_name: str,
                  bold: object, wrap: object) -> None:
    sheet = book.add_worksheet(INSTRUCTION_SHEET)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 100)
    sheet.write(0, 0, texts.TEMPLATE_TITLE.format(naam=region_name, code=region_code), bold)
    for row, line in enumerate(texts.TEMPLATE_RULES, start=2):
        sheet.write(row, 0, line, wrap)
    start = len(texts.TEMPLATE_RULES) + 3
    for col, header in enumerate(texts.TEMPLATE_COLUMN_HEADERS):
        sheet.write(start, col, header, bold)
    for row, column in enumerate(columns(), start=start + 1):
        label = column.header + (" *" if column.required else "")
        sheet.write(row, 0, label)
        sheet.write(row, 1, column.help, wrap)
    sheet.activate()


def _lists(sheet: object, own: pd.DataFrame, categories: tuple[Category, ...],
           bold: object) -> dict[str, str]:
    """Write the reference lists; return the dropdown source range per header."""
    lists = {
        "categorie": [c.code for c in categories],
        "subcategorie": [s.code for c in categories for s in c.subcategories],
        "gemeente": list(own["gemeente_name"]),
        "inzetbaar_binnen_uur": [h.hours for h in horizons()],
    }
    explained = {
        "categorie_naam": [c.name for c in categories],
        "subcategorie_bij": [c.code for c in categories for _ in c.subcategories],
        "subcategorie_naam": [s.name for c in categories for s in c.subcategories],
        "gemeentecode": list(own["gemeente_code"]),
    }
    layout = ["categorie", "categorie_naam", "subcategorie", "subcategorie_bij",
              "subcategorie_naam", "gemeente", "gemeentecode", "inzetbaar_binnen_uur"]
    values = {**lists, **explained}
    ranges = {}
    for col, name in enumerate(layout):
        sheet.write(0, col, name, bold)  # type: ignore[attr-defined]
        for row, value in enumerate(values[name], start=1):
            sheet.write(row, col, value)  # type: ignore[attr-defined]
        sheet.set_column(col, col, 24)  # type: ignore[attr-defined]
        if name in lists:
            letter = xlsxwriter.utility.xl_col_to_name(col)
            ranges[name] = f"={LIST_SHEET}!${letter}$2:${letter}${len(values[name]) + 1}"
    return ranges
