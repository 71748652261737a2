"""Reading numbers as people write them: one reading, or a refusal, never a mis-scaled value.

The rule (docs/decisions.md): ASCII digits only; one separator alone is a decimal comma,
a decimal point, or thousands groups of three (1.500 is 1500, as in Dutch); with both a dot
and a comma the last one is the decimal separator and the other must form thousands groups
of three. Infinity, NaN and anything beyond a float is no number.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from capaciteit.uploads.parsing import parse_number, parse_numbers

REFUSED = None
# (as written, as read); the expected values are written out, not computed by the code.
CASES = [
    # plain
    ("80", 80.0), ("0", 0.0), ("007", 7.0), ("+5", 5.0), (" 5 ", 5.0), ("-5", -5.0),
    ("\u22125", -5.0),  # a typographic minus sign
    ("-0", 0.0), ("+0", 0.0),
    # one separator
    ("1,5", 1.5), ("0,25", 0.25), (",5", 0.5), ("1.5", 1.5), (".5", 0.5), ("80.0", 80.0),
    ("1,234", 1.234),  # a lone comma is the decimal comma, also before three digits
    ("1.500", 1500.0),  # a lone dot before three digits after 1-3 digits: Dutch thousands
    ("12.345", 12345.0), ("123.456", 123456.0),
    ("1.5000", 1.5), ("1234.567", 1234.567), ("1.50", 1.5),
    ("1.234.567", 1234567.0), ("12,345,678", 12345678.0),
    ("1.2.3", REFUSED), ("1,2,3", REFUSED), ("1,234,56", REFUSED), ("12.34.567", REFUSED),
    ("5.", REFUSED), ("5,", REFUSED), (".", REFUSED), (",", REFUSED),
    # both separators: the last is the decimal one, the other forms thousands groups of 3
    ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("1.234.567,89", 1234567.89),
    ("1,234,567.89", 1234567.89), ("12,345.6789", 12345.6789),
    ("1,2.5", REFUSED), ("1.2,5", REFUSED), ("1.234,567.8", REFUSED), ("1,234.567,8", REFUSED),
    ("1234,567.8", REFUSED), ("1.234,", REFUSED),
    # spaces separate thousands: plain, no-break, narrow no-break, thin
    ("1 234", 1234.0), ("1\u00a0234", 1234.0), ("1\u202f234", 1234.0), ("1\u2009234", 1234.0),
    ("1 234 567", 1234567.0), ("1 234,5", 1234.5), ("1 234.5", 1234.5),
    ("12 34", REFUSED), ("1  234", REFUSED), ("1 2345", REFUSED), ("- 5", REFUSED),
    # exponents, not with thousands separators
    ("1e3", 1000.0), ("1E3", 1000.0), ("1,5e3", 1500.0), ("1.5E-2", 0.015), ("2e+2", 200.0),
    ("1e300", 1e300),  # finite: the domain's bounds refuse it, not the parser
    ("1.234,5e3", REFUSED), ("1 234e3", REFUSED), ("1e", REFUSED), ("e3", REFUSED),
    # not finite, or no number at all
    ("inf", REFUSED), ("Infinity", REFUSED), ("-inf", REFUSED), ("NaN", REFUSED),
    ("nan", REFUSED), ("1e309", REFUSED), ("-1e309", REFUSED), ("9" * 400, REFUSED),
    ("0x10", REFUSED), ("1_000", REFUSED), ("tien", REFUSED), ("€ 45", REFUSED),
    ("12%", REFUSED), ("--5", REFUSED), ("", REFUSED),
    # digits of other scripts
    ("\u0663", REFUSED), ("\uff13", REFUSED), ("1\u0663", REFUSED), ("\u0967\u0968", REFUSED),
]


@pytest.mark.parametrize(("written", "expected"), CASES, ids=[repr(c[0]) for c in CASES])
def test_a_number_is_read_one_way_or_refused(written, expected):
    assert parse_number(written) == expected
    assert parse_number(written) is None or math.copysign(1, parse_number(written)) == (
        -1 if expected < 0 else 1)  # -0 is 0


@pytest.mark.parametrize(("written", "expected"), CASES, ids=[repr(c[0]) for c in CASES])
def test_a_column_reads_each_value_as_the_single_value_reads(written, expected):
    """Alone (the fast path for plain numbers) and amid Dutch numbers (the slow path)."""
    for column in ([written], [written, "1,5"], [written, None, "80"]):
        parsed = parse_numbers(pd.Series(column, dtype="string"))
        first = parsed.iloc[0]
        assert (pd.isna(first) if expected is None else first == expected), column


def test_a_column_never_holds_infinity_or_nan():
    parsed = parse_numbers(pd.Series(["inf", "1e309", "NaN", "80", None], dtype="string"))
    assert parsed.isna().tolist() == [True, True, True, False, True]
    assert str(parsed.dtype) == "Float64"


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=0, max_value=1e12, allow_nan=False), st.integers(1, 3))
def test_dutch_and_english_writing_of_the_same_number_read_the_same(value, decimals):
    """12.345,67 (Dutch, as the app writes it) and 12,345.67 (English) are one number.

    Except the documented ambiguity: English 1.500 (no thousands comma, three decimals)
    is read the Dutch way, as 1500.
    """
    dutch_body = f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    english = f"{value:,.{decimals}f}"
    expected = float(f"{value:.{decimals}f}")
    assert parse_number(dutch_body) == pytest.approx(expected, rel=1e-12)
    if "," not in english and decimals == 3:
        assert parse_number(english) == float(english.replace(".", ""))
    else:
        assert parse_number(english) == pytest.approx(expected, rel=1e-12)
    assert parse_number(dutch_body.replace(".", "\u00a0")) == pytest.approx(expected, rel=1e-12)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**15))
def test_whole_numbers_with_dutch_thousands_dots_read_as_whole_numbers(value):
    dutch = f"{value:,}".replace(",", ".")
    assert parse_number(dutch) == value
    assert parse_number(str(value)) == value


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,eE+- \u00a0\u2212x\u0663")),
               max_size=12))
def test_any_text_reads_as_a_finite_number_or_as_none_and_the_same_in_a_column(text):
    single = parse_number(text)
    assert single is None or math.isfinite(single)
    column = parse_numbers(pd.Series([text, "1,5"], dtype="string")).iloc[0]
    assert (pd.isna(column) and single is None) or column == single


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"-?[0-9]{1,25}(\.[0-9]{1,25})?", fullmatch=True))
def test_a_plain_number_in_a_column_is_the_nearest_float_as_python_reads_it(text):
    """Plain numbers in a column are parsed by Arrow: to the same float as Python's."""
    if re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+", text):
        return  # 1.500: Dutch thousands, read by parse_number (tested above)
    column = parse_numbers(pd.Series([text, None], dtype="string"))
    assert column.iloc[0] == float(text) + 0.0
    assert pd.isna(column.iloc[1])


def test_hundreds_of_digits_are_no_number_in_a_column_either():
    column = parse_numbers(pd.Series(["1" * 400, "-" + "9" * 400, "80"], dtype="string"))
    assert [None if pd.isna(v) else v for v in column] == [None, None, 80.0]
