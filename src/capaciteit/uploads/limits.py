"""What an upload may be: the size limits, and the refusal (``UploadError``) that names a place.

Every limit bounds memory or time before anything is allocated for it: the
reader measures a file while streaming it and refuses past a limit, so the
cost of an upload is set by these numbers, not by what the file claims.
"""

from __future__ import annotations

from dataclasses import dataclass

HEADER_SEARCH_ROWS = 15  # the header may sit below a title: searched in this many rows
BLANK_ROWS_ALLOWED = 1_000  # blank rows a sheet may hold besides its data


class UploadError(Exception):
    """The file cannot be used at all (wrong type, too big, hostile); the message is Dutch."""


@dataclass(frozen=True)
class Limits:
    """Size limits for an upload.

    ``max_bytes`` the file as uploaded; ``max_rows`` data rows; ``max_cells`` the
    rectangle from A1 to the last used cell (what a spreadsheet reader allocates);
    ``max_inflated`` the parts of an .xlsx as unpacked, and also the text its
    cells may repeat from the shared strings; ``max_cell_chars`` Excel's own limit.
    """

    max_bytes: int = 10 * 1024 * 1024
    max_rows: int = 100_000
    max_cells: int = 1_500_000
    max_inflated: int = 100 * 1024 * 1024
    max_columns: int = 200
    max_cell_chars: int = 32_767
    max_parts: int = 1_000

    @property
    def max_sheet_rows(self) -> int:
        """Rows a sheet may span: data rows plus title lines, header and some blank rows."""
        return self.max_rows + HEADER_SEARCH_ROWS + BLANK_ROWS_ALLOWED

    @property
    def max_shared_strings(self) -> int:
        """Most distinct texts an .xlsx may share between its cells."""
        return self.max_cells

    @property
    def max_text_chars(self) -> int:
        """Most characters all cells together may hold once shared texts are repeated."""
        return self.max_inflated


def column_letters(column: int) -> str:
    """Excel's letters for a 1-based column number.

    Examples
    --------
    >>> column_letters(1), column_letters(27), column_letters(16384)
    ('A', 'AA', 'XFD')
    """
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    """A cell as Excel names it, from 1-based row and column: ``cell_name(3, 7) == 'G3'``."""
    return f"{column_letters(column)}{row}"
