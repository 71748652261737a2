"""Spreadsheet cells as the text the validation reads, a column at a time, at Arrow speed.

A cell becomes stripped text and an empty cell <NA>. A number cell keeps its value:
12.0 (calamine's whole number) becomes "12", and a fraction that Dutch reading would
take for thousands (the number 1.234 as "1.234") gets a decimal comma ("1,234"), so
``parsing.parse_number`` reads it as the number it is.

:func:`column_text` does this with Arrow's compute functions for the cells uploads hold
(text, numbers, dates, empty); a column with any other kind of cell (a time, a
truth value) takes :func:`column_text_general`, pandas' own conversion, whose
result it equals (tests/uploads/test_cell_text.py).
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

THOUSANDS_DOT = r"-?\d{1,3}\.\d{3}"  # the only form in which a float's text is misread
MISREAD = re.compile(r"-?[0-9]{1,3}\.[0-9]{3}")  # THOUSANDS_DOT on a float's (ASCII) text
WHOLE = r"^(-?\d+)\.0$"  # calamine gives 12.0 for a whole number: shown as 12
# Between these, Python and Arrow both write a number in its shortest digits without exponent
# (Arrow writes 1e+10 where Python writes 10000000000.0); checked on 8 million numbers, and
# in tests/uploads/test_cell_text.py against pandas' conversion.
POSITIONAL_FROM, POSITIONAL_BELOW = 1e-4, 1e10
TEXT = pd.StringDtype("pyarrow")
FAST_KINDS = frozenset({str, float, date, type(None)})  # date exactly: not datetime


def column_text(values: pd.Series) -> pd.Series:
    """The column's cells as stripped text (see the module), <NA> where empty."""
    cells = values.to_numpy(dtype=object)
    try:  # the usual column: all text (or empty), read by Arrow at once
        text = _stripped(pa.array(cells, type=pa.string()))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return _mixed_column_text(values, cells)
    return _empty_as_missing(text, values)


def _mixed_column_text(values: pd.Series, cells: np.ndarray) -> pd.Series:
    """:func:`column_text` for a column that holds other cells than text."""
    kinds = set(map(type, cells))
    if not kinds <= FAST_KINDS:
        return column_text_general(values)
    if len(kinds) == 1:  # a column of numbers or of dates only
        text = _number_texts(cells) if float in kinds else _date_texts(cells)
    else:
        text = pa.nulls(len(cells), pa.string())
        for kind, convert in ((str, _stripped_cells), (float, _number_texts),
                              (date, _date_texts)):
            if kind in kinds:
                where = _of_kind(cells, kind)
                text = pc.replace_with_mask(text, where, convert(cells[where]))
    return _empty_as_missing(text, values)


def _empty_as_missing(text: pa.Array, values: pd.Series) -> pd.Series:
    """``text`` as the column of ``values``, an empty text as <NA>."""
    text = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    return pd.Series(pd.array(text, dtype=TEXT), index=values.index, name=values.name)


def _stripped(text: pa.Array) -> pa.Array:
    """Text cells stripped; a text that reads 12.0 as 12, as a number cell would."""
    text = pc.utf8_trim_whitespace(text)
    if pc.any(pc.ends_with(text, ".0")).as_py():  # rare
        text = pc.replace_substring_regex(text, WHOLE, r"\1")
    return text


def _stripped_cells(cells: np.ndarray) -> pa.Array:
    return _stripped(pa.array(cells, type=pa.string()))


def column_text_general(values: pd.Series) -> pd.Series:
    """:func:`column_text` for cells of any kind, through pandas' conversion to text."""
    text = values.astype(TEXT).str.strip()
    integral = text.str.endswith(".0").fillna(False)
    if integral.any():
        text = text.where(~integral, text.str.replace(WHOLE, r"\1", regex=True))
    looks_like_thousands = text.str.fullmatch(THOUSANDS_DOT).fillna(False)
    if looks_like_thousands.any():  # rare: check the cell's type only there
        cells = values[looks_like_thousands]
        is_number = cells.map(lambda v: isinstance(v, float)).astype(bool)
        numbers = is_number[is_number].index
        text.loc[numbers] = text.loc[numbers].str.replace(".", ",", regex=False)
    return text.mask(text == "")


def _of_kind(cells: np.ndarray, kind: type) -> np.ndarray:
    """Where ``cells`` hold exactly ``kind`` (a datetime is no date here)."""
    return np.fromiter((type(v) is kind for v in cells), dtype=bool, count=len(cells))


def _number_texts(cells: np.ndarray) -> pa.Array:
    """Number cells as text, as Python writes them; empty (NaN) is null.

    By Arrow where the two agree (shortest digits, no exponent), the rest (-0, inf,
    1e-05, 1e+16) one by one.
    """
    numbers = cells.astype(float)
    size = np.abs(numbers)
    plain = (size < POSITIONAL_BELOW) & ((size >= POSITIONAL_FROM) | (numbers == 0)) & \
        ~((numbers == 0) & np.signbit(numbers))
    shown = pc.cast(pa.array(numbers[plain], type=pa.float64()), pa.string())
    misread = pc.match_substring_regex(shown, f"^{THOUSANDS_DOT}$")
    shown = pc.if_else(misread, pc.replace_substring(shown, ".", ","), shown)
    if plain.all():
        return shown
    text = pc.replace_with_mask(pa.nulls(len(numbers), pa.string()), plain, shown)
    others = pa.array([_number_text(number) for number in numbers[~plain].tolist()],
                      type=pa.string())
    return pc.replace_with_mask(text, ~plain, others)


def _date_texts(cells: np.ndarray) -> pa.Array:
    """Date cells as jjjj-mm-dd: by Arrow for four-digit years, else one by one."""
    dates = pa.array(cells, type=pa.date32())
    years = pc.min_max(pc.year(dates)).as_py()
    if years["min"] >= 1000 and years["max"] <= 9999:
        return pc.cast(dates, pa.string())
    return pa.array([day.isoformat() for day in cells], type=pa.string())


def _number_text(number: float) -> str | None:
    """One number cell's text as pandas writes it, with a decimal comma where a dot misleads."""
    if number != number:
        return None
    text = str(number)
    if text.endswith(".0") and text[:-2].lstrip("-").isdigit():
        return text[:-2]
    return text.replace(".", ",") if MISREAD.fullmatch(text) else text
