"""Running measures of one worksheet, and the refusal as soon as one passes its limit."""

from __future__ import annotations

from dataclasses import dataclass

from capaciteit import texts
from capaciteit.formatting import format_number
from capaciteit.uploads.limits import Limits, UploadError, cell_name
from capaciteit.uploads.shared_texts import SharedTexts


@dataclass(frozen=True)
class SheetExtent:
    """What a sheet really spans: last row and column holding a cell (1-based), cell count."""

    rows: int
    columns: int
    cells: int


def column_number(letters: bytes | str) -> int:
    """The 1-based column of Excel letters (``b"XFD"`` is 16384); case is ignored."""
    number = 0
    for letter in letters.upper() if isinstance(letters, str) else letters.upper().decode():
        number = number * 26 + ord(letter) - 64
    return number


class Tally:
    """Rows, columns, cells and repeated shared text seen so far, checked against the limits."""

    def __init__(self, limits: Limits, shared: SharedTexts) -> None:
        self.limits = limits
        self.shared = shared
        self.rows = 0
        self.columns = 0
        self.cells = 0
        self.shared_chars = 0

    def add_cells(self, count: int) -> None:
        """Count cells (every cell element, with or without a value)."""
        self.cells += count
        if self.cells > self.limits.max_cells:
            raise UploadError(texts.UPLOAD_CELL_COUNT.format(
                max=format_number(self.limits.max_cells)))

    def extend(self, row: int, column: int) -> None:
        """Take a cell at ``row``, ``column`` (1-based); refuse when the area grows too big."""
        if row > self.rows or column > self.columns:
            self.rows = max(self.rows, row)
            self.columns = max(self.columns, column)
            self._check_area()

    def add_shared(self, chars: int) -> None:
        """Count text a cell repeats from the shared strings: a zip bomb beyond the limit."""
        self.shared_chars += chars
        if self.shared_chars > self.limits.max_text_chars:
            raise UploadError(texts.UPLOAD_ZIP_BOMB)

    def extent(self) -> SheetExtent:
        """The measures as the result of a scan."""
        return SheetExtent(self.rows, self.columns, self.cells)

    def _check_area(self) -> None:
        limits = self.limits
        if self.rows > limits.max_sheet_rows or self.columns > limits.max_columns:
            raise UploadError(texts.UPLOAD_DIMENSION.format(
                rijen=self.rows, kolommen=self.columns, max=limits.max_rows,
                max_kolommen=limits.max_columns))
        if self.rows * self.columns > limits.max_cells:
            raise UploadError(texts.UPLOAD_TOO_MANY_CELLS.format(
                rijen=format_number(self.rows), kolommen=format_number(self.columns),
                cellen=format_number(self.rows * self.columns),
                max=format_number(limits.max_cells)))


def refuse_cell_too_long(row: int, column: int, limits: Limits) -> UploadError:
    """The refusal for a cell over Excel's length limit."""
    return UploadError(texts.UPLOAD_CELL_TOO_LONG.format(
        cel=cell_name(row, column), max=format_number(limits.max_cell_chars)))


def refuse_formula(row: int, column: int) -> UploadError:
    """The refusal for a formula the file holds no computed value for."""
    return UploadError(texts.UPLOAD_FORMULA.format(cel=cell_name(row, column)))
