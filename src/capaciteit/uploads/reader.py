"""Reading the spreadsheets regions really send: .xlsx (calamine) and .csv in any common dialect.

This module only turns bytes into a frame of raw cell values under canonical
column names, indexed by the row number Excel shows. Judging the values is
``validation``'s job. ``read_cells`` is the one entry for every import; hostile
files (zip bombs, sparse giant sheets, lying sizes, damaged zips, odd encodings)
are measured and refused in ``xlsx`` and ``csv_reader`` before they cost memory.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pandas as pd

from capaciteit import texts
from capaciteit.formatting import format_number
from capaciteit.names import name_key
from capaciteit.uploads.cell_text import column_text
from capaciteit.uploads.collection import collector_paused
from capaciteit.uploads.csv_reader import read_csv
from capaciteit.uploads.limits import HEADER_SEARCH_ROWS, Limits, UploadError, column_letters
from capaciteit.uploads.xlsx import DATA_SHEET, read_xlsx

__all__ = ["DATA_SHEET", "HEADER_SEARCH_ROWS", "Column", "Limits", "Sheet", "UploadError",
           "columns", "header_lookup", "read_cells", "read_upload", "refuse_duplicate_headers"]

Progress = Callable[[float, str], None]
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
DEFAULT_LIMITS = Limits()
TOTAL_WORDS = texts.TOTAL_ROW_WORDS


@dataclass(frozen=True)
class Column:
    """A spreadsheet column: Dutch header, record field, whether required, and help text."""

    header: str
    field: str
    required: bool
    variants: tuple[str, ...]
    help: str


@dataclass
class Sheet:
    """Raw cells under canonical headers; the index is the row number as Excel shows it."""

    frame: pd.DataFrame
    sheet_name: str
    missing_columns: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    totals_rows: list[int] = field(default_factory=list)
    blank_rows: int = 0


@cache
def columns() -> tuple[Column, ...]:
    """The spreadsheet columns from reference data, in template order."""
    text = resources.files("capaciteit.reference").joinpath("kolommen.toml").read_text("utf-8")
    return tuple(Column(c["naam"], c["veld"], c["verplicht"], tuple(c.get("varianten", [])),
                        c["uitleg"]) for c in tomllib.loads(text)["kolom"])


@cache
def header_lookup() -> dict[str, str]:
    """Map every normalised header and variant to its canonical header."""
    lookup: dict[str, str] = {}
    for column in columns():
        for name in (column.header, column.field, *column.variants):
            lookup.setdefault(name_key(name), column.header)
    return lookup


def read_upload(content: bytes, filename: str, limits: Limits = DEFAULT_LIMITS,
                progress: Progress | None = None) -> Sheet:
    """Read an uploaded capacity .xlsx or .csv into a ``Sheet``; raise UploadError if unusable."""
    report = progress or (lambda _f, _t: None)
    with collector_paused():
        sheet_name, cells = read_cells(content, filename, limits, report)
        report(0.5, texts.PROGRESS_HEADERS)
        return _to_sheet(cells, sheet_name, limits)


def read_cells(content: bytes, filename: str, limits: Limits = DEFAULT_LIMITS,
               progress: Progress | None = None) -> tuple[str, pd.DataFrame]:
    """Read any spreadsheet the app takes into raw cells: (sheet name, cells as read).

    The one entry point for every import (capacity and agreements): same limits, same
    checks for hostile files, same Dutch refusals (``UploadError``).
    """
    report = progress or (lambda _f, _t: None)
    if len(content) > limits.max_bytes:
        raise UploadError(texts.UPLOAD_TOO_LARGE.format(
            mb=format_number(len(content) / 1024 / 1024, 1),
            max=format_number(limits.max_bytes / 1024 / 1024)))
    if not content.strip():
        raise UploadError(texts.UPLOAD_EMPTY)
    name = filename.lower()
    report(0.05, texts.PROGRESS_READING)
    if name.endswith(XLSX_SUFFIXES) or content[:4] == b"PK\x03\x04":
        return read_xlsx(content, limits)
    if name.endswith(CSV_SUFFIXES):
        return "CSV", read_csv(content, limits)
    raise UploadError(texts.UPLOAD_WRONG_TYPE.format(bestand=filename))


def refuse_duplicate_headers(written: Sequence[object], canonical: Sequence[str | None]) -> None:
    """Refuse a header row that names one column twice (as written, or as two variants).

    ``written`` are the header cells, ``canonical`` what each means (None: unknown).
    """
    first: dict[str, int] = {}
    for index, meaning in enumerate(canonical):
        if meaning is None:
            continue
        if meaning in first:
            earlier = first[meaning]
            raise UploadError(texts.UPLOAD_DUPLICATE_HEADER.format(
                kolom=meaning, eerste_naam=str(written[earlier]).strip(),
                eerste=column_letters(earlier + 1), tweede_naam=str(written[index]).strip(),
                tweede=column_letters(index + 1)))
        first[meaning] = index


def _to_sheet(cells: pd.DataFrame, sheet_name: str, limits: Limits) -> Sheet:
    header_row = _find_header_row(cells)
    if header_row is None:
        raise UploadError(texts.UPLOAD_NO_HEADER.format(blad=sheet_name))
    lookup = header_lookup()
    headers = [lookup.get(name_key(h)) if _present(h) else None
               for h in cells.iloc[header_row]]
    unknown = [str(h) for h, c in zip(cells.iloc[header_row], headers, strict=True)
               if _present(h) and c is None]
    refuse_duplicate_headers(list(cells.iloc[header_row]), headers)
    keep = [i for i, h in enumerate(headers) if h is not None]
    frame = cells.iloc[header_row + 1:, keep]
    frame.columns = [headers[i] for i in keep]
    frame.index = pd.RangeIndex(header_row + 2, header_row + 2 + len(frame))  # Excel row numbers
    frame = _as_text(frame)
    blank = frame.isna().all(axis=1)
    frame = frame[~blank]
    totals = _totals_rows(frame)
    frame = frame.drop(index=totals)
    if len(frame) > limits.max_rows:
        raise UploadError(texts.UPLOAD_TOO_MANY_ROWS.format(rijen=len(frame),
                                                            max=limits.max_rows))
    missing = [c.header for c in columns() if c.required and c.header not in frame.columns]
    for column in columns():
        if column.header not in frame.columns:
            frame[column.header] = pd.Series(pd.NA, index=frame.index, dtype="string")
    return Sheet(frame[[c.header for c in columns()]], sheet_name, missing, unknown, totals,
                 int(blank.sum()))


def _find_header_row(cells: pd.DataFrame) -> int | None:
    lookup = header_lookup()
    for row in range(min(HEADER_SEARCH_ROWS, len(cells))):
        matches = sum(name_key(v) in lookup for v in cells.iloc[row] if _present(v))
        if matches >= 3:
            return row
    return None


def _totals_rows(frame: pd.DataFrame) -> list[int]:
    """Rows that say 'totaal' where a name belongs and carry no category: a sum, not data."""
    if frame.empty:
        return []
    text_cols = [c for c in ("organisatie", "gemeente", "regio", "categorie") if c in frame]
    says_total = pd.Series(False, index=frame.index)
    for column in text_cols:
        values = frame[column].astype("string").str.strip().str.lower().str.rstrip(":")
        says_total |= values.isin(TOTAL_WORDS).fillna(False)
    no_subcategory = frame["subcategorie"].isna() if "subcategorie" in frame else True
    return [int(i) for i in frame.index[says_total & no_subcategory]]


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as stripped text, empty cells as <NA>: see ``cell_text``."""
    return pd.DataFrame({column: column_text(frame[column]) for column in frame.columns},
                        index=frame.index, dtype="string")


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) \
        and str(value).strip() != ""


def _short(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
