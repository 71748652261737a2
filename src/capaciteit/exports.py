"""Downloads as CSV and XLSX; text that looks like a formula is escaped, never executed."""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import date

import pandas as pd

from capaciteit import texts

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "%d-%m-%Y"
XLSX_DATE = "dd-mm-yyyy"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with a quote."""
    escaped = frame.copy()
    for column in escaped.columns:
        if escaped[column].dtype == object or pd.api.types.is_string_dtype(escaped[column]):
            escaped[column] = escaped[column].map(
                lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_PREFIXES) else v)
    return escaped


def to_csv_bytes(frame: pd.DataFrame, decimals: Mapping[str, int] | None = None) -> bytes:
    """CSV as Dutch Excel opens it: ``;`` separated, decimal comma, UTF-8 with BOM.

    Columns named in ``decimals`` are written with exactly that many decimals (no
    float noise such as ``1407,6000000000001``, no ``1057,0`` for a count); dates as
    ``DD-MM-YYYY``; missing values as empty cells.
    """
    written = escape_formulas(frame)
    for column, places in (decimals or {}).items():
        if column in written.columns:
            written[column] = [
                "" if pd.isna(v) else f"{float(v):.{places}f}".replace(".", ",")
                for v in written[column]]
    for column in written.columns:
        present = written[column].dropna()
        if written[column].dtype == object and len(present) and isinstance(present.iloc[0], date):
            written[column] = [v.strftime(DATE_FORMAT) if isinstance(v, date) else v
                               for v in written[column]]
    text = written.to_csv(index=False, sep=";", decimal=",", date_format=DATE_FORMAT)
    return ("\ufeff" + text).encode("utf-8")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str, notes: list[str] | None = None,
                  decimals: Mapping[str, int] | None = None) -> bytes:
    """An .xlsx with the table and, on a second sheet, notes (source, peildatum)."""
    return to_xlsx_workbook({sheet_name: frame}, notes, decimals)


def to_xlsx_workbook(sheets: dict[str, pd.DataFrame], notes: list[str] | None = None,
                     decimals: Mapping[str, int] | None = None) -> bytes:
    """An .xlsx with one sheet per table and, last, a sheet of notes (source, peildatum).

    Columns named in ``decimals`` are rounded and get a number format with that many
    decimals and a thousands separator; dates (``datetime.date`` values) show as
    dd-mm-yyyy.
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter", date_format=XLSX_DATE,
                        engine_kwargs={"options": {"strings_to_formulas": False,
                                                   "strings_to_urls": False}}) as writer:
        for sheet_name, frame in sheets.items():
            written = escape_formulas(frame)
            for column, places in (decimals or {}).items():
                if column in written.columns:
                    written[column] = pd.to_numeric(written[column]).round(places)
            written.to_excel(writer, sheet_name=sheet_name[:31], index=False)
            sheet = writer.sheets[sheet_name[:31]]
            sheet.autofit()
            sheet.freeze_panes(1, 0)
            for column, places in (decimals or {}).items():
                if column in written.columns:
                    index = written.columns.get_loc(column)
                    number = writer.book.add_format(
                        {"num_format": "#,##0" + ("." + "0" * places if places else "")})
                    sheet.set_column(index, index, max(12, len(column) + 2), number)
        if notes:
            pd.DataFrame({texts.NOTES_SHEET: notes}).to_excel(
                writer, sheet_name=texts.NOTES_SHEET, index=False)
    return buffer.getvalue()
