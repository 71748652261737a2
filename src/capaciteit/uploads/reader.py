"""Reading the spreadsheets regions really send: .xlsx (calamine) and .csv in any common dialect.

This module only turns bytes into a frame of raw cell values under canonical
column names, indexed by the row number Excel shows. Judging the values is
``validation``'s job. Hostile files (zip bombs, absurd dimensions, formulas
without a value) are refused here, before they cost memory.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pandas as pd
from python_calamine import CalamineWorkbook

from capaciteit import texts
from capaciteit.formatting import format_number
from capaciteit.names import name_key

Progress = Callable[[float, str], None]
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIXES = (".csv", ".txt")
DATA_SHEET = texts.TEMPLATE_DATA_SHEET
HEADER_SEARCH_ROWS = 15
MAX_COLUMNS = 200
MAX_COMPRESSION_RATIO = 200
DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"')
CACHED_VALUE = re.compile(rb"<v>[^<]")  # openpyxl writes formulas with an empty <v />
TOTAL_WORDS = texts.TOTAL_ROW_WORDS


class UploadError(Exception):
    """The file cannot be used at all (wrong type, too big, hostile); the message is Dutch."""


@dataclass(frozen=True)
class Limits:
    """Size limits for an upload."""

    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 100_000

    @property
    def max_uncompressed(self) -> int:
        """Largest total uncompressed size of an .xlsx's parts."""
        return max(self.max_bytes * 20, 50 * 1024 * 1024)


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


def read_upload(content: bytes, filename: str, limits: Limits = Limits(),
                progress: Progress | None = None) -> Sheet:
    """Read an uploaded capacity .xlsx or .csv into a ``Sheet``; raise UploadError if unusable."""
    report = progress or (lambda _f, _t: None)
    sheet_name, cells = read_cells(content, filename, limits, report)
    report(0.5, texts.PROGRESS_HEADERS)
    return _to_sheet(cells, sheet_name, limits)


def read_cells(content: bytes, filename: str, limits: Limits = Limits(),
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
        return _read_xlsx(content, limits)
    if name.endswith(CSV_SUFFIXES):
        return "CSV", _read_csv(content, limits)
    raise UploadError(texts.UPLOAD_WRONG_TYPE.format(bestand=filename))


def _read_xlsx(content: bytes, limits: Limits) -> tuple[str, pd.DataFrame]:
    """Read the data sheet with python-calamine, cells as calamine gives them.

    pandas' calamine reader converts every cell in Python; taking calamine's
    rows directly and converting per column is ~0.3 s faster per 50,000 rows
    (docs/decisions.md). Integral numbers become ints, as pandas would make them.
    """
    _inspect_zip(content, limits)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        sheet_name = _pick_sheet(book.sheet_names)
        rows = book.get_sheet_by_name(str(sheet_name)).to_python(skip_empty_area=False)
    except Exception as error:  # calamine raises its own types for every kind of damage
        raise UploadError(texts.UPLOAD_UNREADABLE.format(fout=_short(error))) from error
    width = max((len(r) for r in rows), default=0)
    if width > MAX_COLUMNS:
        raise UploadError(texts.UPLOAD_DIMENSION.format(
            rijen=len(rows), kolommen=width, max=limits.max_rows))
    cells = pd.DataFrame(rows, dtype=object)
    return str(sheet_name), cells


def _inspect_zip(content: bytes, limits: Limits) -> None:
    """Refuse zip bombs, absurd sheet dimensions and formulas without a cached value."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise UploadError(texts.UPLOAD_UNREADABLE.format(fout=texts.UNREADABLE_NOT_XLSX)) \
            from error
    total = sum(i.file_size for i in infos)
    worst = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if total > limits.max_uncompressed or (worst > MAX_COMPRESSION_RATIO and total > 5_000_000):
        raise UploadError(texts.UPLOAD_ZIP_BOMB)
    for info in infos:
        if info.filename.startswith("xl/worksheets/sheet") and info.filename.endswith(".xml"):
            with archive.open(info) as handle:
                head = handle.read(2048)
            _check_dimension(head, limits)
            if info.file_size and b"<f" in archive.read(info):
                _check_formulas(archive.read(info))


def _check_dimension(head: bytes, limits: Limits) -> None:
    match = DIMENSION.search(head)
    if not match:
        return
    letters, rows = match.group(1).decode(), int(match.group(2))
    width = 0
    for letter in letters:
        width = width * 26 + (ord(letter) - 64)
    if rows > limits.max_rows + HEADER_SEARCH_ROWS + 1000 or width > MAX_COLUMNS:
        raise UploadError(texts.UPLOAD_DIMENSION.format(
            rijen=rows, kolommen=width, max=limits.max_rows))


def _check_formulas(xml: bytes) -> None:
    """Formulas are taken by their cached value; a formula without one is refused."""
    for match in re.finditer(rb"<c [^>]*?r=\"([A-Z]+\d+)\"[^>]*?(?<!/)>(.*?)</c>", xml, re.S):
        body = match.group(2)
        if b"<f" in body and not CACHED_VALUE.search(body):
            raise UploadError(texts.UPLOAD_FORMULA.format(cel=match.group(1).decode()))


def _pick_sheet(names: Sequence[str | int]) -> str | int:
    for name in names:
        if str(name).strip().lower() == DATA_SHEET.lower():
            return name
    return names[0]


def _read_csv(content: bytes, limits: Limits) -> pd.DataFrame:
    text = _decode(content)
    try:
        separator = csv.Sniffer().sniff(text[:8192], delimiters=";,\t").delimiter
    except csv.Error:
        separator = ";" if text.count(";") >= text.count(",") else ","
    try:  # rows may differ in length (a title line above the header): pad, do not refuse
        rows = list(csv.reader(io.StringIO(text), delimiter=separator))
    except csv.Error as error:
        raise UploadError(texts.UPLOAD_UNREADABLE.format(fout=_short(error))) from error
    width = max((len(row) for row in rows), default=0)
    if width > MAX_COLUMNS:
        raise UploadError(texts.UPLOAD_DIMENSION.format(
            rijen=len(rows), kolommen=width, max=limits.max_rows))
    return pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)


def _decode(content: bytes) -> str:
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace")
    if b"\x00" in content[:1000]:
        raise UploadError(texts.UPLOAD_UNREADABLE.format(fout=texts.UNREADABLE_BINARY))
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _to_sheet(cells: pd.DataFrame, sheet_name: str, limits: Limits) -> Sheet:
    if cells.shape[1] > MAX_COLUMNS:
        raise UploadError(texts.UPLOAD_DIMENSION.format(
            rijen=cells.shape[0], kolommen=cells.shape[1], max=limits.max_rows))
    header_row = _find_header_row(cells)
    if header_row is None:
        raise UploadError(texts.UPLOAD_NO_HEADER.format(blad=sheet_name))
    lookup = header_lookup()
    headers = [lookup.get(name_key(h)) if _present(h) else None
               for h in cells.iloc[header_row]]
    unknown = [str(h) for h, c in zip(cells.iloc[header_row], headers, strict=True)
               if _present(h) and c is None]
    keep = [i for i, h in enumerate(headers) if h is not None and headers.index(h) == i]
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
    """Every cell as stripped text, empty cells as <NA> (vectorised per column)."""
    result = {}
    for column in frame.columns:
        text = frame[column].astype("string").str.strip()
        integral = text.str.endswith(".0").fillna(False)
        if integral.any():  # calamine gives 12.0 for a whole number; show it as 12
            text = text.where(~integral, text.str.replace(r"^(-?\d+)\.0$", r"\1", regex=True))
        result[column] = text.mask(text == "")
    return pd.DataFrame(result, index=frame.index, dtype="string")


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) \
        and str(value).strip() != ""


def _short(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:200] if str(error).strip() else type(error).__name__
