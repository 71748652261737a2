"""A worksheet measured exactly with expat, as the spreadsheet reader walks it.

For sheets outside the canonical grammar of ``worksheet``: element prefixes,
rows and cells without ``r`` (positions counted on, as calamine does), rich
text, comments. Positions, cell counts, text lengths, shared-text repeats and
formulas without a value are followed cell by cell; a limit stops the parse.
"""

from __future__ import annotations

from collections.abc import Iterator

from capaciteit import texts
from capaciteit.uploads.limits import Limits
from capaciteit.uploads.package import unreadable
from capaciteit.uploads.shared_texts import SharedTexts
from capaciteit.uploads.worksheet_tally import Tally, refuse_cell_too_long, refuse_formula
from capaciteit.uploads.xml_checks import expat_parser, local_name, parse_stream

REFERENCE_MAX = 16  # characters of a cell reference; Excel's longest is 10 (XFD1048576)


def measure(chunks: Iterator[bytes], part: str, shared: SharedTexts, limits: Limits) -> Tally:
    """Parse the streamed sheet and return its tally; refuse past a limit."""
    scan = _Scan(limits, shared)
    parse_stream(expat_parser(part, scan.start, scan.end, scan.text), chunks, part)
    return scan.tally


def parse_reference(reference: str, *, needs_column: bool) -> tuple[int, int]:
    """(row, column), 1-based, of 'B12' (column 0 when there are no letters); refused if bad."""
    letters = reference.rstrip("0123456789")
    digits = reference[len(letters):]
    if len(reference) > REFERENCE_MAX or not digits or not digits.isascii() or \
            not letters.isascii() or not (letters.isalpha() or letters == "") or \
            int(digits) == 0 or (needs_column and not letters):
        raise unreadable(texts.UNREADABLE_STRUCTURE.format(
            reden=texts.STRUCTURE_REASONS["celverwijzing"]))
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - 64
    return int(digits), column


class _Cell:
    """The cell being read: where, its type, and what it held so far."""

    def __init__(self, row: int, column: int, kind: str) -> None:
        self.row, self.column, self.kind = row, column, kind
        self.formula = False
        self.cached = False  # a non-empty <v>, or an inline string
        self.value_chars = 0
        self.text_chars = 0
        self.value = ""


class _Scan:
    """expat handlers following calamine's cell reader (xlsx/cells_reader.rs)."""

    def __init__(self, limits: Limits, shared: SharedTexts) -> None:
        self.limits, self.shared = limits, shared
        self.tally = Tally(limits, shared)
        self.stage = 0  # 0 before <sheetData>, 1 inside, 2 after
        self.row = 0  # 0-based row index for cells without r
        self.column = 0  # 0-based column index for cells without r
        self.cell: _Cell | None = None
        self.in_value = self.in_inline = False
        self.in_text = self.phonetic = 0

    def start(self, name: str, attributes: dict[str, str]) -> None:
        """An element opens."""
        local = local_name(name)
        if self.stage == 0 and local == "sheetData":
            self.stage = 1
        elif self.stage != 1:
            return
        elif self.cell is None:
            if local == "row" and "r" in attributes:
                self.row = parse_reference(attributes["r"], needs_column=False)[0] - 1
            elif local == "c":
                self._open_cell(attributes)
        else:
            self._child(local)

    def end(self, name: str) -> None:
        """An element closes."""
        if self.stage != 1:
            return
        local = local_name(name)
        cell = self.cell
        if cell is None:
            if local == "sheetData":
                self.stage = 2
            elif local == "row":
                self.row, self.column = self.row + 1, 0
        elif local == "c":
            self._close_cell(cell)
        elif local == "v":
            self.in_value = False
        elif local == "is":
            self.in_inline = False
        elif local == "t" and self.in_text:
            self.in_text -= 1
        elif local == "rPh" and self.phonetic:
            self.phonetic -= 1

    def text(self, data: str) -> None:
        """Text inside an element: counted when it is part of a cell's value."""
        cell = self.cell
        if cell is None:
            return
        if self.in_value:
            cell.value_chars += len(data)
            cell.cached = cell.cached or bool(data)
            if cell.kind == "s" and len(cell.value) < 24:
                cell.value += data
        elif self.in_text and not self.phonetic:
            cell.text_chars += len(data)
        if max(cell.value_chars, cell.text_chars) > self.limits.max_cell_chars:
            raise refuse_cell_too_long(cell.row, cell.column, self.limits)

    def _open_cell(self, attributes: dict[str, str]) -> None:
        if "r" in attributes:
            row, column = parse_reference(attributes["r"], needs_column=True)
            self.column = column - 1
        else:
            row, column = self.row + 1, self.column + 1
        self.column += 1
        self.tally.add_cells(1)
        self.tally.extend(row, column)
        self.cell = _Cell(row, column, attributes.get("t", "n"))

    def _child(self, local: str) -> None:
        cell = self.cell
        assert cell is not None
        if local == "c":
            raise unreadable(texts.UNREADABLE_STRUCTURE.format(
                reden=texts.STRUCTURE_REASONS["genest"]))
        if local == "v":
            self.in_value = True
        elif local == "f":
            cell.formula = True
        elif local == "is":
            self.in_inline = cell.cached = True
        elif local == "rPh":
            self.phonetic += 1
        elif local == "t" and self.in_inline and not self.phonetic:
            self.in_text += 1

    def _close_cell(self, cell: _Cell) -> None:
        value = cell.value.strip()
        if cell.kind == "s" and value.isascii() and value.isdigit():
            index = int(value)
            if index < len(self.shared.lengths):
                self.tally.add_shared(self.shared.lengths[index])
        if cell.formula and not cell.cached:
            raise refuse_formula(cell.row, cell.column)
        self.cell = None
        self.in_value = self.in_inline = False
        self.in_text = self.phonetic = 0
