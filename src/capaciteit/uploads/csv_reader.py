"""Reading a .csv upload in any dialect Dutch spreadsheet programs write, within the limits.

Encodings: UTF-8 (with or without byte order mark), UTF-16 and UTF-32 with a
byte order mark (Excel's "Unicode-tekst"), else Windows-1252. Line ends: CRLF,
LF, CR alone (old Mac) and any mix. The separator (``;``, tab or ``,``) is the
one that splits the first records most consistently; no regular expression
reads the file (``csv.Sniffer`` uses backtracking patterns on it, and guessed
``,`` for a ``;`` file with a cell holding ``",``). Rows stream in and are
refused as soon as a limit passes, so a flood of blank rows costs nothing.
"""

from __future__ import annotations

import csv
import io
from itertools import islice

import pandas as pd

from capaciteit import texts
from capaciteit.formatting import format_number
from capaciteit.uploads.limits import Limits, UploadError, cell_name

SEPARATORS = (";", "\t", ",")  # on a tie, the first wins: ';' is what Dutch Excel writes
SAMPLE_CHARS = 64 * 1024
SAMPLE_RECORDS = 50
BYTE_ORDER_MARKS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def read_csv(content: bytes, limits: Limits) -> pd.DataFrame:
    """Every record as a row of text cells, padded to the widest row."""
    text = decode(content)
    if not text.strip():
        raise UploadError(texts.UPLOAD_EMPTY)
    rows, width = _records(text, choose_separator(text), limits)
    return pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)


def decode(content: bytes) -> str:
    """The text of a CSV file: by its byte order mark, else UTF-8, else Windows-1252."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if content.startswith(mark):
            return content[len(mark):].decode(encoding, errors="replace")
    if b"\x00" in content[:1000]:
        raise UploadError(texts.UPLOAD_UNREADABLE.format(fout=texts.UNREADABLE_BINARY))
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def choose_separator(text: str) -> str:
    r"""The separator under which most of the first records have the same, largest width.

    Examples
    --------
    >>> choose_separator('naam;fte\nA;1,5\nB;2,5\n')
    ';'
    >>> choose_separator('naam,fte\nA,1.5\nB,2.5\n')
    ','
    """
    sample = text[:SAMPLE_CHARS]
    best, best_score = SEPARATORS[0], (0, 0)
    for separator in SEPARATORS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=separator)
        try:
            widths = [len(row) for row in islice(reader, SAMPLE_RECORDS)
                      if any(cell.strip() for cell in row)]
        except csv.Error:
            continue
        widest = max(widths, default=0)
        score = (sum(width == widest for width in widths), widest) if widest > 1 else (0, 0)
        if score > best_score:
            best, best_score = separator, score
    return best


def _records(text: str, separator: str, limits: Limits) -> tuple[list[list[str]], int]:
    """The records, checked one by one against rows, columns, cells and cell length."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[list[str]] = []
    width = 0
    try:
        for row in reader:
            number = len(rows) + 1
            if number > limits.max_sheet_rows:
                raise UploadError(texts.UPLOAD_TOO_MANY_SHEET_ROWS.format(
                    max=format_number(limits.max_sheet_rows)))
            if len(row) > width:
                width = len(row)
                if width > limits.max_columns:
                    raise UploadError(texts.UPLOAD_DIMENSION.format(
                        rijen=number, kolommen=width, max=limits.max_rows,
                        max_kolommen=limits.max_columns))
            if number * width > limits.max_cells:
                raise UploadError(texts.UPLOAD_TOO_MANY_CELLS.format(
                    rijen=format_number(number), kolommen=format_number(width),
                    cellen=format_number(number * width), max=format_number(limits.max_cells)))
            if row and max(map(len, row)) > limits.max_cell_chars:
                column = next(i for i, cell in enumerate(row) if len(cell) > limits.max_cell_chars)
                raise _too_long(cell_name(number, column + 1), limits)
            rows.append(row)
    except csv.Error as error:  # the C reader's own limit (131,072 characters), or bad data
        if "field larger than field limit" in str(error):
            raise UploadError(texts.UPLOAD_ROW_CELL_TOO_LONG.format(
                rij=len(rows) + 1, max=format_number(limits.max_cell_chars))) from error
        raise UploadError(texts.UPLOAD_UNREADABLE.format(
            fout=texts.UNREADABLE_CSV.format(regel=reader.line_num))) from error
    return rows, width


def _too_long(cell: str, limits: Limits) -> UploadError:
    return UploadError(texts.UPLOAD_CELL_TOO_LONG.format(
        cel=cell, max=format_number(limits.max_cell_chars)))
