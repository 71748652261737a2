"""A worksheet's real extent, measured from its cells while the XML streams past.

The declared ``<dimension>`` is never used. Each chunk of the sheet is checked
against a strict grammar of the rows and cells Excel (and openpyxl, xlsxwriter,
LibreOffice) write: one possessive, linear pattern per chunk, then counts and
the cell references with C-speed searches. A sheet that leaves that grammar
anywhere (prefixes, comments, cells without ``r``, rich text, long runs) is
measured again, exactly, by ``worksheet_exact`` with expat. Either way the
limits are checked as the chunks come, so a hostile sheet is refused before
the spreadsheet reader (or anything else) allocates for it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from capaciteit import texts
from capaciteit.formatting import format_number
from capaciteit.uploads import worksheet_exact
from capaciteit.uploads.limits import Limits, UploadError, column_letters
from capaciteit.uploads.shared_texts import SharedTexts
from capaciteit.uploads.worksheet_tally import SheetExtent, Tally, column_number, refuse_formula
from capaciteit.uploads.xml_checks import check_utf8

Chunks = Callable[[], Iterator[bytes]]
HEAD_MAX = 1024 * 1024  # bytes before <sheetData> the grammar accepts
CARRY_MAX = 8 * 1024 * 1024  # one row: 200 cells of 32,767 characters fit
TAGS_PER_CELL = 8  # tags an exactly parsed sheet may have per allowed cell

WS = rb"[ \t\r\n]*"
ATTRIBUTE = rb' (?!r=)[A-Za-z_][\w:.-]{0,63}="[^"<>]{0,1024}"'
SHEET_DATA = re.compile(rb"<sheetData(?:" + ATTRIBUTE + rb")*+ ?(/?)>")
# What may come before <sheetData>: the declaration, then plain tags and text. No comments,
# no prefixed elements, no '<' or '>' in attribute values: then the reader's first
# <sheetData> is ours.
HEAD = re.compile(rb'(?:\xef\xbb\xbf)?(?:<\?xml[^<>?]{0,200}\?>)?(?:[^<]++|</?[A-Za-z_][\w.-]{0,63}'
                  rb'(?:[ \t\r\n]+[A-Za-z_][\w:.-]{0,63}="[^"<>]{0,4096}")*+[ \t\r\n]*/?>)*+')
LETTERS = re.compile(rb'<c r="([A-Z]{1,3})')
ROW_WITH_CELLS = re.compile(rb'<row r="([0-9]{1,7})"[^<>]*><c ')
SHARED_REFERENCE = re.compile(rb' t="s"[^<>]*><v>([0-9]{1,10})</v>')
# Every element calamine takes for a cell: '<c' or '<prefix:c' (quick-xml drops up to the
# first colon), then whitespace, '/' or '>'. The class stops at the next '<': linear.
CELL_OPENING = re.compile(rb"<(?:[^\s/>:<!?]*:)?c[\s/>]")
FORMULA = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^<>]*>(?:<f[^<>]*/>|<f[^<>]*>[^<]*</f>)'
                     rb"(<v>[^<]|<is>)?")


def measure_sheet(open_chunks: Chunks, part: str, shared: SharedTexts,
                  limits: Limits) -> SheetExtent:
    """Measure the sheet streamed by ``open_chunks()``; refuse it past any limit.

    The canonical grammar is tried first. A sheet that leaves it is streamed again
    to count its tags and cell openings at C speed (refused when either passes what
    the limits allow, before any slow parsing), then once more, parsed exactly.
    """
    fast = _Canonical(limits, shared)
    for chunk in open_chunks():
        fast.feed(chunk, part)
        if not fast.active:
            break
    if fast.active and fast.finish():
        return fast.tally.extent()
    _count_before_parsing(open_chunks(), limits)
    return worksheet_exact.measure(open_chunks(), part, shared, limits).extent()


def _count_before_parsing(chunks: Iterator[bytes], limits: Limits) -> None:
    """Refuse a sheet with more cell openings, or tags, than an exact parse may take on."""
    tags = cells = 0
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        cut = data.rfind(b"<")
        cut = len(data) if cut < 0 or len(data) - cut > 256 else cut  # a tag is cut off
        tags += data.count(b"<", 0, cut)
        cells += len(CELL_OPENING.findall(data, 0, cut))
        carry = data[cut:]
        if cells > limits.max_cells:
            raise UploadError(texts.UPLOAD_CELL_COUNT.format(
                max=format_number(limits.max_cells)))
        if tags > TAGS_PER_CELL * limits.max_cells + 4 * limits.max_sheet_rows:
            raise UploadError(texts.UPLOAD_UNREADABLE.format(
                fout=texts.UNREADABLE_STRUCTURE.format(
                    reden=texts.STRUCTURE_REASONS["elementen"])))


@lru_cache(maxsize=64)
def columns_beyond(column: int) -> re.Pattern[bytes]:
    """A pattern for a cell whose column lies beyond ``column``: longer letters, or later.

    With it a chunk's widest column is known without collecting every reference.

    Examples
    --------
    >>> bool(columns_beyond(13).search(b'<c r="N5"')), bool(columns_beyond(13).search(b'<c r="M5"'))
    (True, False)
    """
    letters = column_letters(column)
    later = [letters[:i] + f"[{chr(ord(letter) + 1)}-Z]" + "[A-Z]" * (len(letters) - i - 1)
             for i, letter in enumerate(letters) if letter != "Z"]
    longer = f"[A-Z]{{{len(letters) + 1},3}}" if len(letters) < 3 else None
    choices = "|".join(later + ([longer] if longer else [])) or "(?!)"
    return re.compile(b'<c r="(?:' + choices.encode() + b')[0-9]')


def _grammar(limit: int, *, formulas: bool = True) -> re.Pattern[bytes]:
    """Rows and cells as the common writers produce them; every repetition possessive.

    Attributes are separated by one space and cells follow each other directly, as
    Excel, LibreOffice, openpyxl and xlsxwriter write them; whitespace only between rows.
    Without ``formulas``, a cell holding a formula leaves the grammar.
    """
    text = rb"[^<]{0,%d}" % limit
    value = (rb"(?:<v>" + text + rb'</v>|<v/>|<is><t(?: xml:space="preserve")?(?:/>|>' + text
             + rb"</t>)</is>)")
    formula = rb"(?:<f(?:" + ATTRIBUTE + rb")*+(?:/>|>" + text + rb"</f>))?+" if formulas \
        else b""
    cell = (rb'<c r="[A-Z]{1,3}(?P=row)"(?:' + ATTRIBUTE + rb")*+(?:/>|>" + formula
            + rb"(?:" + value + rb")?+</c>)")
    row = (rb'<row r="(?P<row>[1-9][0-9]{0,6})"(?:' + ATTRIBUTE + rb")*+(?:/>|>(?:" + cell
           + rb")*+</row>)")
    return re.compile(rb"(?:" + WS + row + rb")*+" + WS)


class _Canonical:
    """The fast path: the sheet as a sequence of canonical rows, measured per chunk."""

    def __init__(self, limits: Limits, shared: SharedTexts) -> None:
        self.limits = limits
        self.shared = shared
        self.tally = Tally(limits, shared)
        self.rows = _grammar(limits.max_cell_chars)
        self.rows_without_formulas = _grammar(limits.max_cell_chars, formulas=False)
        self.buffer = b""
        self.active = True
        self.in_data = False
        self.closed = False

    def feed(self, chunk: bytes, part: str) -> None:
        """Take the next chunk; give up (``active = False``) at anything unusual."""
        if self.closed:
            return  # after </sheetData>: the reader takes no cells from there
        self.buffer += chunk
        if not self.in_data and not self._find_sheet_data(part):
            return
        self._take(final=False)

    def finish(self) -> bool:
        """True when the sheet data was canonical from start to end."""
        if self.active and self.in_data and not self.closed:
            self._take(final=True)
        return self.active and self.closed

    def _find_sheet_data(self, part: str) -> bool:
        check_utf8(self.buffer[:512], part)
        start = self.buffer.find(b"<sheetData")
        if start < 0:
            self.active = len(self.buffer) < HEAD_MAX
            return False
        opening = SHEET_DATA.match(self.buffer, start)
        if opening is None:  # wait for the rest of the tag, unless it is no plain tag
            self.active = self.buffer.find(b">", start) < 0 and len(self.buffer) - start < 4096
            return False
        if HEAD.fullmatch(self.buffer, 0, start) is None:
            self.active = False
            return False
        self.in_data = True
        self.closed = opening.group(1) == b"/"
        self.buffer = self.buffer[opening.end():]
        return not self.closed

    def _take(self, *, final: bool) -> None:
        end = self.buffer.find(b"</sheetData>")
        if end >= 0:
            segment, self.buffer = self.buffer[:end], b""
            self.closed = True
        else:
            cut = self.buffer.rfind(b"<row ")
            if final or cut <= 0:
                self.active = not final and len(self.buffer) <= CARRY_MAX
                return
            segment, self.buffer = self.buffer[:cut], self.buffer[cut:]
        # Most sheets hold no formula: the grammar without them shows that in the same pass
        formulas = self.rows_without_formulas.fullmatch(segment) is None
        if formulas and self.rows.fullmatch(segment) is None:
            self.active = False
            return
        self._measure(segment, formulas=formulas)

    def _measure(self, segment: bytes, *, formulas: bool) -> None:
        """Counts and references of a segment the grammar accepted (so every ``<c `` is a cell)."""
        tally = self.tally
        tally.add_cells(segment.count(b"<c "))
        rows = ROW_WITH_CELLS.findall(segment)
        if rows:
            columns = tally.columns
            if not columns or columns_beyond(columns).search(segment):
                columns = max(map(column_number, set(LETTERS.findall(segment))))
            tally.extend(max(map(int, rows)), columns)
        if self.limits.max_cells * self.shared.longest > self.limits.max_text_chars:
            self._measure_shared(segment)  # else no sheet within the limits can repeat too much
        if formulas:
            for letters, row, cached in FORMULA.findall(segment):
                if not cached:
                    raise refuse_formula(int(row), column_number(letters))

    def _measure_shared(self, segment: bytes) -> None:
        """Shared texts repeated by reference: a bound first, the exact sum when needed."""
        references = segment.count(b' t="s"')
        bound = references * self.shared.longest
        if self.tally.shared_chars + bound <= self.limits.max_text_chars:
            self.tally.add_shared(bound)
            return
        lengths = self.shared.lengths
        total = sum(lengths[i] for i in map(int, SHARED_REFERENCE.findall(segment))
                    if i < len(lengths))
        self.tally.add_shared(total)

