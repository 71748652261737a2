"""Property-based: whatever is uploaded, reading and validating ends in a Dutch answer.

Either the file is refused (UploadError), or it validates into publishable records, or it
has a non-empty list of errors. Never an unhandled exception.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pandas as pd
import pytest
import xlsxwriter
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from capaciteit.capacity.categories import default_categories
from capaciteit.uploads.reader import Limits, UploadError, columns, read_upload
from capaciteit.uploads.validation import Context, ValidationResult, validate_sheet

HEADERS = [c.header for c in columns()]
TODAY = date(2025, 6, 1)
LIMITS = Limits(max_bytes=256 * 1024, max_rows=200)
# What no stored text may hold: C0/C1 control characters and lone surrogates (one line);
# a multi-line text (opmerking, bevoegdheden) may hold tab, line feed and carriage return.
ONE_LINE_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
MULTI_LINE_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# How many examples, and how they are chosen, is the profile's (tests/conftest.py: "ci" or "dev").
BOUNDED = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def cells(junk: st.SearchStrategy[str]) -> dict[str, st.SearchStrategy[str]]:
    """Per column: plausible values, near misses, and junk."""
    junk = st.one_of(junk, st.sampled_from(["=1+1", "@x", "-", "+31", "Totaal", "NaN", "null",
                                            "∞", "1e309", "0x10"]))
    return {
        "regio": st.one_of(st.sampled_from(["", "VR13", "vr13", "VR15", "VR99"]), junk),
        "gemeente": st.one_of(st.sampled_from(["", "GM0363", "0362", "Diemen", "Den Haag",
                                               "GM9999", "Aalsmeer", "363"]), junk),
        "organisatie": st.one_of(st.sampled_from(["A", "B", "Gemeente Amsterdam", ""]), junk),
        "organisatie_id": st.one_of(st.just(""), st.from_regex(r"\d{8}", fullmatch=True)),
        "categorie": st.one_of(
            st.sampled_from(["boa", "defensie", "inspectiedienst", "Boa's", ""]), junk),
        "subcategorie": st.one_of(
            st.sampled_from(["domein-1", "bijstand", "nvwa", "musea", ""]), junk),
        "aantal_personen": st.one_of(st.integers(-5, 10**12).map(str),
                                     st.sampled_from(["2,5", "1.234", "1.234,5", ""]), junk),
        "fte": st.one_of(st.floats(-5, 1e6, allow_nan=False).map(lambda v: f"{v:.2f}"),
                         st.sampled_from(["1,5", "0", ""]), junk),
        "inzetbaar_personen": st.one_of(st.integers(-5, 10**6).map(str), st.just(""), junk),
        "inzetbaar_binnen_uur": st.one_of(
            st.sampled_from(["24", "72", "168", "48", "24,0", ""]), junk),
        "bevoegdheden": st.one_of(st.just(""), junk),
        "peildatum": st.one_of(
            st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(
                lambda d: d.strftime("%d-%m-%Y")),
            st.dates(date(2024, 1, 1), date(2025, 7, 1)).map(str),
            st.sampled_from(["31-02-2025", "", "gisteren", "2025-13-01"]), junk),
        "opmerking": st.one_of(st.just(""), junk),
    }


CELLS = cells(st.text(max_size=12))
# text an .xlsx can hold as well as a .csv: no control characters, surrogates or non-characters
TEXT_CELLS = cells(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Cn")),
                           max_size=12))
rows = st.lists(st.fixed_dictionaries(CELLS), min_size=0, max_size=12)
kept_headers = st.lists(st.sampled_from(HEADERS), min_size=3, max_size=len(HEADERS),
                        unique=True)


class Region:
    """VR13's validation context, with a short repr for Hypothesis' reports."""

    def __init__(self, boundaries) -> None:
        names = boundaries.region_names()
        self.context = Context("VR13", names["VR13"], boundaries.municipality_table(),
                               default_categories(), TODAY, None, names)

    def __repr__(self) -> str:
        return "Region('VR13')"


@pytest.fixture(scope="module")
def vr13(boundaries) -> Region:
    return Region(boundaries)


def judge(vr13: Region, content: bytes, filename: str) -> ValidationResult | None:
    """Read and validate; None when the file is refused with a Dutch message."""
    try:
        sheet = read_upload(content, filename, LIMITS)
    except UploadError as error:
        assert str(error).strip()
        return None
    result = validate_sheet(sheet, vr13.context)
    if result.publishable:
        assert len(result.records) > 0
        records = result.records
        own = set(vr13.context.municipalities.query("region_code == 'VR13'")["gemeente_code"])
        assert (records["region_code"] == "VR13").all()
        assert records["gemeente_code"].map(lambda c: c is None or c in own).all()
        assert records["organisation"].map(lambda o: isinstance(o, str) and o != "").all()
        assert (records["persons"] >= 0).all()
        assert (records["persons"] <= 100_000).all()  # CAPACITEIT_MAX_PERSONEN's default
        assert records["organisation"].str.len().le(255).all()
        assert records["organisation_id"].map(lambda i: i is None or len(i) <= 64).all()
        for column, forbidden in (("organisation", ONE_LINE_FORBIDDEN),
                                  ("organisation_id", ONE_LINE_FORBIDDEN),
                                  ("powers", MULTI_LINE_FORBIDDEN),
                                  ("note", MULTI_LINE_FORBIDDEN)):
            assert not records[column].map(lambda t, f=forbidden: bool(
                isinstance(t, str) and f.search(t))).any(), column
        assert (records["deployable_persons"] >= 0).all()
        assert (records["deployable_persons"] <= records["persons"]).all()
        assert (records["fte"] <= 1.5 * records["persons"]).all()
        assert records["deployable_within_hours"].isin([24, 72, 168]).all()
        assert (records["peildatum"] <= pd.Timestamp(TODAY) + pd.Timedelta(days=31)).all()
        assert records["peildatum"].dt.date.notna().all()  # storage stores Python dates
        assert not records.duplicated(
            ["organisation", "category", "subcategory", "gemeente_code"]).any()
    else:
        assert result.errors
        assert all(issue.text() for issue in result.errors)
        assert result.records.empty
    return result


def as_csv(headers: list[str], data: list[dict[str, str]], sep: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep)
    writer.writerow(headers)
    for values in data:
        writer.writerow([values[h] for h in headers])
    return buffer.getvalue().encode(encoding, errors="replace")


def as_xlsx(headers: list[str], data: list[dict[str, str]], *, numbers: bool = True) -> bytes:
    """An .xlsx with numbers as number cells (unless told not to) and iso dates as dates."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": numbers, "strings_to_urls": False,
                                        "nan_inf_to_errors": True})
    sheet = book.add_worksheet("Gegevens")
    as_date = book.add_format({"num_format": "dd-mm-yyyy"})  # without it Excel shows a number
    sheet.write_row(0, 0, headers)
    for r, values in enumerate(data, start=1):
        for c, header in enumerate(headers):
            value = values[header]
            if header == "peildatum" and len(value) == 10 and value[4] == "-":
                try:
                    moment = datetime.fromisoformat(value)
                except ValueError:
                    moment = None
                if moment is not None and moment.year >= 1900:  # Excel has no earlier dates
                    sheet.write_datetime(r, c, moment, as_date)
                    continue
            sheet.write(r, c, value)
    book.close()
    return buffer.getvalue()


@BOUNDED
@given(content=st.binary(max_size=4096), suffix=st.sampled_from([".xlsx", ".csv", ".xlsm"]))
def test_random_bytes_never_raise_an_unhandled_exception(vr13, content, suffix):
    judge(vr13, content, f"upload{suffix}")


@BOUNDED
@given(body=st.binary(max_size=2048))
def test_random_bytes_behind_a_zip_signature_never_raise_an_unhandled_exception(
        vr13, body):
    judge(vr13, b"PK\x03\x04" + body, "upload.xlsx")


@BOUNDED
@given(headers=kept_headers, data=rows, sep=st.sampled_from([";", ",", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_plausible_csv_sheets_are_refused_published_or_explained(
        vr13, headers, data, sep, encoding):
    judge(vr13, as_csv(headers, data, sep, encoding), "capaciteit.csv")


@BOUNDED
@given(headers=kept_headers, data=rows)
def test_plausible_xlsx_sheets_are_refused_published_or_explained(vr13, headers, data):
    judge(vr13, as_xlsx(headers, data), "capaciteit.xlsx")


# csv.Sniffer took this ';' file for ',' (a cell '",' written as '""",'): refused as CSV, read as
# .xlsx. The reader now picks the separator by consistent widths, without Sniffer.
SNIFFED_AS_COMMA = [{h: "" for h in HEADERS} | {"regio": '",'}]


@BOUNDED
@given(data=st.lists(st.fixed_dictionaries(TEXT_CELLS), min_size=1, max_size=8))
@example(data=SNIFFED_AS_COMMA)
def test_the_same_text_cells_give_the_same_verdict_as_csv_and_as_xlsx(vr13, data):
    from_csv = judge(vr13, as_csv(HEADERS, data, ";", "utf-8"), "x.csv")
    from_xlsx = judge(vr13, as_xlsx(HEADERS, data, numbers=False), "x.xlsx")
    assert (from_csv is None) == (from_xlsx is None)
    if from_csv is None or from_xlsx is None:
        return
    assert [(i.row, i.column) for i in from_csv.errors] == [
        (i.row, i.column) for i in from_xlsx.errors]
    if from_csv.publishable:
        assert_frame_equal(from_csv.records, from_xlsx.records)


@BOUNDED
@given(organisations=st.lists(st.text(min_size=1, max_size=30).filter(str.strip),
                              min_size=1, max_size=10, unique_by=str.strip))
def test_any_organisation_name_is_kept_as_written(vr13, organisations):
    base = {h: "" for h in HEADERS} | {"categorie": "boa", "subcategorie": "domein-1",
                                       "aantal_personen": "3", "fte": "2",
                                       "inzetbaar_personen": "1", "inzetbaar_binnen_uur": "24",
                                       "peildatum": "01-05-2025"}
    data = [base | {"organisatie": name} for name in organisations]
    result = judge(vr13, as_csv(HEADERS, data, ";", "utf-8"), "x.csv")
    if result is None:
        return
    refused = [n.strip() for n in organisations if ONE_LINE_FORBIDDEN.search(n.strip())]
    if refused:  # a control character cannot be stored: refused, naming the column
        assert [i.value for i in result.errors] == refused
        assert {i.column for i in result.errors} == {"organisatie"}
        assert all("stuurteken (U+" in i.message for i in result.errors)
    else:
        assert result.publishable
        assert list(result.records["organisation"]) == [n.strip() for n in organisations]
