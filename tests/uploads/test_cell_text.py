"""Cells as text: Arrow's fast conversion reads every cell as pandas' own conversion does.

``column_text`` is what every import uses; ``column_text_general`` is pandas' conversion,
which it falls back to for cells of other kinds. The two must agree on every column
of the kinds the fast path takes (text, numbers, dates, empty), mixed or not.
"""

from __future__ import annotations

import gc
import threading
from datetime import date, datetime, time

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from capaciteit.uploads.cell_text import column_text, column_text_general
from capaciteit.uploads.collection import collector_paused
from capaciteit.uploads.parsing import map_distinct, map_distinct_pairs

NA = None


def as_list(column: pd.Series) -> list[object]:
    return [None if pd.isna(v) else v for v in column]


def test_number_text_and_date_cells_read_as_written_out_here():
    cells = [12.0, 1.234, -0.0, 1e16, 0.8, float("nan"), " x ", "", "12.0", "1.234",
             date(2025, 5, 1), None, 123456.5, 1e-5, float("inf"), date(5, 1, 2)]
    expected = ["12", "1,234", "-0", "1e+16", "0.8", NA, "x", NA, "12", "1.234",
                "2025-05-01", NA, "123456.5", "1e-05", "inf", "0005-01-02"]
    assert as_list(column_text(pd.Series(cells, dtype=object))) == expected


def test_a_column_of_one_kind_reads_as_in_a_mixed_column():
    numbers = [80.0, 0.25, 1.5e3, -3.0, float("nan")]
    assert as_list(column_text(pd.Series(numbers, dtype=object))) == [
        "80", "0.25", "1500", "-3", NA]
    days = [date(2026, 1, 31), date(1999, 12, 1)]
    assert as_list(column_text(pd.Series(days, dtype=object))) == ["2026-01-31", "1999-12-01"]
    texts = ["  VR13 ", "\u00a0Amsterdam\u2003", "", None]
    assert as_list(column_text(pd.Series(texts, dtype=object))) == ["VR13", "Amsterdam", NA, NA]


def test_other_kinds_of_cells_take_pandas_conversion():
    cells = [datetime(2025, 5, 1, 8, 30), True, time(9, 15), "tekst", 3.0]
    assert as_list(column_text(pd.Series(cells, dtype=object))) == [
        "2025-05-01 08:30:00", "True", "09:15:00", "tekst", "3"]


TEXTS = st.text(alphabet=st.sampled_from(list("09.,-e aZ\t\u00a0\u2003")), max_size=8) | \
    st.sampled_from(["12.0", "-7.0", "1.234", " 1.0 ", "", "  ", "0.0"])
NUMBERS = st.floats(allow_nan=True, allow_infinity=True) | \
    st.integers(-10**17, 10**17).map(float) | \
    st.sampled_from([1.234, -0.125, 12.345, -0.0, 0.0, 1e15, 1e15 - 1, 1e-4, 9.999e-5,
                     123.456, 2.0**53, 2.0**53 + 2])
DAYS = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
CELLS = st.one_of(TEXTS, NUMBERS, DAYS, st.none())


@settings(max_examples=400, deadline=None)
@given(st.lists(CELLS, max_size=12) | st.lists(NUMBERS, max_size=12)
       | st.lists(DAYS, max_size=6) | st.lists(TEXTS | st.none(), max_size=8))
def test_the_fast_conversion_reads_every_column_as_pandas_does(cells):
    series = pd.Series(cells, dtype=object, index=range(2, 2 + len(cells)))
    fast, general = column_text(series), column_text_general(series)
    assert fast.dtype == general.dtype == "string"
    assert list(fast.index) == list(general.index)
    assert as_list(fast) == as_list(general)


# --------------------------------------------------------------- looking up each value once


def test_each_distinct_value_is_looked_up_once_and_empty_cells_give_none():
    asked = []

    def lookup(value: object) -> str | None:
        asked.append(value)
        return {"Amsterdam": "GM0363", "Diemen": "GM0384"}.get(str(value))

    values = pd.Series(["Amsterdam", None, "Diemen", "Amsterdam", "Nergens", None],
                       dtype="string", index=[2, 3, 4, 5, 6, 7])
    result = map_distinct(values, lookup)
    assert result.tolist() == ["GM0363", None, "GM0384", "GM0363", None, None]
    assert list(result.index) == [2, 3, 4, 5, 6, 7]
    assert sorted(asked) == ["Amsterdam", "Diemen", "Nergens"]


def test_each_distinct_pair_is_looked_up_once_with_none_for_an_empty_cell():
    asked = []

    def lookup(first: object, second: object) -> str | None:
        asked.append((first, second))
        return None if first is None else f"{first}/{second}"

    first = pd.Series(["boa", "boa", None, "boa", "politie"], dtype=object)
    second = pd.Series(["domein-1", None, "x", "domein-1", None], dtype="string")
    result = map_distinct_pairs(first, second, lookup)
    assert result.tolist() == ["boa/domein-1", "boa/None", None, "boa/domein-1", "politie/None"]
    assert sorted(asked, key=str) == sorted(
        [("boa", "domein-1"), ("boa", None), (None, "x"), ("politie", None)], key=str)


# --------------------------------------------------------------- the collector during an import


def test_the_collector_is_paused_inside_and_resumes_after_the_last_of_nested_blocks():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer import still runs
    assert gc.isenabled()


def test_the_collector_resumes_when_the_last_of_two_concurrent_imports_ends():
    inside, release = threading.Event(), threading.Event()

    def other_import() -> None:
        with collector_paused():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=other_import)
    thread.start()
    assert inside.wait(10)
    with collector_paused():
        pass
    assert not gc.isenabled()  # the other import has not ended
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
