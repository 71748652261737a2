"""Downloads as CSV and XLSX; text that looks like a formula is escaped, never executed."""

from __future__ import annotations

import io

import pandas as pd

from capaciteit import texts

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def escape_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Prefix text cells that a spreadsheet would run as a formula with a quote."""
    escaped = frame.copy()
    for column in escaped.columns:
        if escaped[column].dtype == object or pd.api.types.is_string_dtype(escaped[column]):
            escaped[column] = escaped[column].map(
                lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_PREFIXES) else v)
    return escaped


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as Dutch Excel opens it: ``;`` separated, decimal comma, UTF-8 with BOM."""
    text = escape_formulas(frame).to_csv(index=False, sep=";", decimal=",")
    return ("\ufeff" + text).encode("utf-8")


def to_xlsx_bytes(frame: pd.DataFrame, sheet_name: str, notes: list[str] | None = None) -> bytes:
    """An .xlsx with the table and, on a second sheet, notes (source, peildatum)."""
    return to_xlsx_workbook({sheet_name: frame}, notes)


def to_xlsx_workbook(sheets: dict[str, pd.DataFrame], notes: list[str] | None = None) -> bytes:
    """An .xlsx with one sheet per table and, last, a sheet of notes (source, peildatum)."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="xlsxwriter",
                        engine_kwargs={"options": {"strings_to_formulas": False,
                                                   "strings_to_urls": False}}) as writer:
        for sheet_name, frame in sheets.items():
            escape_formulas(frame).to_excel(writer, sheet_name=sheet_name[:31], index=False)
            sheet = writer.sheets[sheet_name[:31]]
            sheet.autofit()
            sheet.freeze_panes(1, 0)
        if notes:
            pd.DataFrame({texts.NOTES_SHEET: notes}).to_excel(
                writer, sheet_name=texts.NOTES_SHEET, index=False)
    return buffer.getvalue()
