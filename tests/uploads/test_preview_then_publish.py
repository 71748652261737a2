"""Nothing that passes the preview fails at publication, on SQLite or PostgreSQL (issue 10).

Boundary values (PostgreSQL's integer limit ±1, the persons bound ±1, texts of exactly
and one more than their column's length, NUL and other control characters, emoji,
combining accents) go through the real preview (``check_upload``) and, when it lets
them pass, through the real publication. Each case states its outcome: refused in the
preview with a Dutch message naming row and column (and nothing stored), or published
and read back exactly as previewed.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal
from sqlalchemy import func, select

from capaciteit.access.permissions import AccessDenied, local_admin
from capaciteit.capacity.categories import default_categories
from capaciteit.storage import repository as storage
from capaciteit.storage.models import Submission
from capaciteit.uploads import preview
from capaciteit.uploads.publishing import publish
from capaciteit.uploads.reader import Limits, UploadError, columns

HEADERS = [c.header for c in columns()]
TODAY = date(2025, 6, 1)
ROW = {"regio": "VR13", "gemeente": "", "organisatie": "Gemeente Amsterdam",
       "organisatie_id": "", "categorie": "boa", "subcategorie": "domein-1",
       "aantal_personen": "80", "fte": "72,5", "inzetbaar_personen": "40",
       "inzetbaar_binnen_uur": "24", "bevoegdheden": "", "peildatum": "01-05-2025",
       "opmerking": ""}
# Rows before the case row: a NUL in the first kilobyte makes the reader refuse the file as
# binary; past it, validation must name the cell.
FILLERS = [{**ROW, "organisatie": f"Handhaving {i}"} for i in range(15)]
CASE_ROW = len(FILLERS) + 2  # the Excel row number of the case row
INT32_MAX = 2_147_483_647
REFUSED, STORED = "refused", "stored"

CASES = [
    ("persons int32 max", {"aantal_personen": str(INT32_MAX)}, REFUSED, "aantal_personen"),
    ("persons int32 max + 1", {"aantal_personen": str(INT32_MAX + 1)}, REFUSED,
     "aantal_personen"),
    ("persons int64 min", {"aantal_personen": str(-(2**63))}, REFUSED, "aantal_personen"),
    ("persons 100,000", {"aantal_personen": "100000", "inzetbaar_personen": "100000",
                         "fte": "150000"}, STORED, None),
    ("persons 100,001", {"aantal_personen": "100001"}, REFUSED, "aantal_personen"),
    ("deployable 100,001", {"inzetbaar_personen": "100001"}, REFUSED, "inzetbaar_personen"),
    ("persons 1e300", {"aantal_personen": "1e300"}, REFUSED, "aantal_personen"),
    ("persons inf", {"aantal_personen": "inf"}, REFUSED, "aantal_personen"),
    ("fte 1e308", {"fte": "1e308"}, REFUSED, "fte"),
    ("fte Infinity", {"fte": "Infinity"}, REFUSED, "fte"),
    ("fte with many decimals", {"fte": "0,1234567890123"}, STORED, None),
    ("organisation 255", {"organisatie": "o" * 255}, STORED, None),
    ("organisation 256", {"organisatie": "o" * 256}, REFUSED, "organisatie"),
    ("organisation 255 emoji", {"organisatie": "\U0001f693" * 255}, STORED, None),
    ("organisation 256 emoji", {"organisatie": "\U0001f693" * 256}, REFUSED, "organisatie"),
    ("organisation 255 with combining accents", {"organisatie": "e\u0301" * 127 + "e"},
     STORED, None),
    ("organisation 256 with combining accents", {"organisatie": "e\u0301" * 128}, REFUSED,
     "organisatie"),
    ("organisation with NUL", {"organisatie": "Gemeente\x00Amsterdam"}, REFUSED, "organisatie"),
    ("organisation with a tab", {"organisatie": "Gemeente\tAmsterdam"}, REFUSED, "organisatie"),
    ("organisation id 64", {"organisatie_id": "9" * 64}, STORED, None),
    ("organisation id 65", {"organisatie_id": "9" * 65}, REFUSED, "organisatie_id"),
    ("note with NUL", {"opmerking": "zie\x00bijlage"}, REFUSED, "opmerking"),
    ("note with escape", {"opmerking": "\x1b[31mrood"}, REFUSED, "opmerking"),
    ("note over lines with a tab", {"opmerking": "regel 1\nregel 2\tmet tab"}, STORED, None),
    ("long note with emoji", {"opmerking": "\U0001f6a8 " * 5000}, STORED, None),
    ("powers with NUL", {"bevoegdheden": "toezicht\x00"}, REFUSED, "bevoegdheden"),
    ("powers with emoji and accents", {"bevoegdheden": "Toegangscontrole; cafe\u0301 \U0001f37a"},
     STORED, None),
]


def csv_bytes(row: dict[str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADERS)
    for values in [*FILLERS, row]:
        writer.writerow([values.get(h, "") for h in HEADERS])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(row: dict[str, object]) -> bytes:
    """An .xlsx whose numbers are number cells, as Excel saves them."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": True})
    sheet = book.add_worksheet("Gegevens")
    sheet.write_row(0, 0, HEADERS)
    for r, values in enumerate([*FILLERS, row], start=1):
        sheet.write_row(r, 0, [values.get(h, "") for h in HEADERS])
    book.close()
    return buffer.getvalue()


def submissions(engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Submission)).scalar_one())


def preview_then_publish(engine, boundaries, content: bytes, filename: str):
    """The preview's verdict; when it lets the file pass, publish and return what was read back.

    Returns (check, stored records or None).
    """
    check = preview.check_upload(engine, boundaries, default_categories(), "VR13", content,
                                 filename, limits=Limits(), today=TODAY)
    if not check.result.publishable or check.identical_version is not None:
        return check, None
    publication = publish(engine, "VR13", check.result, actor=local_admin("test"),
                          filename=filename, sha256=check.sha256, accept_warnings=True,
                          based_on=check.based_on)
    with engine.connect() as conn:
        back = storage.submission_records(conn, publication.version.submission_id)
    return check, back


def assert_read_back_identically(previewed: pd.DataFrame, back: pd.DataFrame) -> None:
    """The same values; a missing text may come back as None or NaN (both: missing)."""
    expected = plain(previewed.reset_index(drop=True))
    back = plain(back)
    assert_frame_equal(back, expected, check_dtype=False)
    for column in ("organisation", "organisation_id", "powers", "note"):  # exact characters
        assert back[column].tolist() == expected[column].tolist()


def plain(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype(object)
    return frame.where(frame.notna(), None)


def assert_refused(check, column: str, row: int = CASE_ROW) -> None:
    errors = check.result.errors
    assert errors, "the preview let it pass"
    assert (row, column) in [(e.row, e.column) for e in errors]
    assert all(e.message and e.text().startswith(f"Rij {row}, ") for e in errors)
    assert check.result.records.empty


def test_boundary_values_are_refused_in_the_preview_or_stored_as_previewed(
        engine, boundaries, subtests):
    for name, changes, outcome, column in CASES:
        with subtests.test(name):
            before = submissions(engine)
            check, back = preview_then_publish(
                engine, boundaries, csv_bytes({**ROW, **changes}), "capaciteit.csv")
            if outcome == REFUSED:
                assert_refused(check, column)
                assert submissions(engine) == before
            else:
                assert check.result.errors == []
                assert back is not None
                assert_read_back_identically(check.result.records, back)


XLSX_CELLS = [(INT32_MAX, REFUSED), (INT32_MAX + 1, REFUSED), (100_000, STORED),
              (100_001, REFUSED), (1e300, REFUSED), (-(2**63), REFUSED),
              (12345678901234567890, REFUSED)]


def test_number_cells_of_an_xlsx_are_refused_or_stored_as_previewed(
        engine, boundaries, subtests):
    for cell, outcome in XLSX_CELLS:
        with subtests.test(cell=cell):
            row = {**ROW, "aantal_personen": cell, "inzetbaar_personen": 1, "fte": 1}
            check, back = preview_then_publish(engine, boundaries, xlsx_bytes(row),
                                               "capaciteit.xlsx")
            if outcome == REFUSED:
                assert_refused(check, "aantal_personen")
            else:
                assert back is not None
                assert back["persons"].tolist()[-1] == cell
                assert_read_back_identically(check.result.records, back)


FILENAMES = [("c" * 250 + ".csv", STORED), ("c" * 252 + ".csv", REFUSED),
             ("capaciteit\x00.csv", REFUSED), ("\U0001f4ca" * 251 + ".csv", STORED)]


def test_the_file_name_must_fit_the_history(engine, boundaries, subtests):
    for number, (filename, outcome) in enumerate(FILENAMES):
        with subtests.test(filename=filename[:20], length=len(filename)):
            before = submissions(engine)
            content = csv_bytes({**ROW, "organisatie": f"Organisatie {number}"})
            check, back = preview_then_publish(engine, boundaries, content, filename)
            if outcome == REFUSED:
                (error,) = check.result.errors
                assert error.text().startswith(
                    "de bestandsnaam kan niet worden vastgelegd: hij ")
                assert submissions(engine) == before
            else:
                assert back is not None
                with engine.connect() as conn:
                    stored = conn.execute(select(Submission.filename).order_by(
                        Submission.id.desc()).limit(1)).scalar_one()
                assert stored == filename


def test_an_uploader_whose_name_the_history_cannot_hold_is_refused_before_any_write(
        engine, boundaries, subtests):
    check = preview.check_upload(engine, boundaries, default_categories(), "VR13",
                                 csv_bytes(ROW), "capaciteit.csv", limits=Limits(), today=TODAY)
    for name in ["x" * 321, "beheer\x00", "naam\nmet regel"]:
        with subtests.test(name=name[:20]), pytest.raises(
                AccessDenied, match="kan niet worden vastgelegd: het "):
            publish(engine, "VR13", check.result, actor=local_admin(name), filename="c.csv",
                    sha256=check.sha256, accept_warnings=True, based_on=check.based_on)
    assert submissions(engine) == 0
    publish(engine, "VR13", check.result, actor=local_admin("x" * 320), filename="c.csv",
            sha256=check.sha256, accept_warnings=True, based_on=check.based_on)
    assert submissions(engine) == 1


# --- property: whatever boundary values a row holds ---------------------------------------

NUMBERS = st.one_of(
    st.sampled_from([0, 1, 99_999, 100_000, 100_001, INT32_MAX, INT32_MAX + 1, -1, 2**63,
                     10**20]).map(str),
    st.sampled_from(["inf", "-inf", "NaN", "1e300", "1e309", "-0", "1,234.5", "1.234,5",
                     "1.500", "1 000", "\u0663"]),
    st.integers(-10, 10**10).map(str))
TEXT = st.text(st.one_of(st.characters(codec="utf-8"),
                         st.sampled_from(["\x00", "\t", "\n", "\x1b", "\U0001f693", "\u0301"])),
               min_size=1, max_size=8)
NAMES = st.one_of(TEXT, st.integers(250, 258).flatmap(
    lambda n: st.sampled_from(["o", "\U0001f693", "\u0301"]).map(lambda c: "O" + c * (n - 1))))
ROWS = st.fixed_dictionaries({
    "organisatie": NAMES, "organisatie_id": st.one_of(st.just(""), st.text(
        st.sampled_from("0123456789\x00"), min_size=60, max_size=68)),
    "aantal_personen": NUMBERS, "inzetbaar_personen": NUMBERS, "fte": NUMBERS,
    "opmerking": TEXT, "bevoegdheden": TEXT})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=ROWS)
def test_any_row_of_boundary_values_is_refused_in_the_preview_or_stored_as_previewed(
        engine, boundaries, changes):
    content = csv_bytes({**ROW, **changes})
    before = submissions(engine)
    try:
        check, back = preview_then_publish(engine, boundaries, content, "capaciteit.csv")
    except UploadError as refused:  # e.g. a NUL inside the first kilobyte
        assert str(refused).strip()
        assert submissions(engine) == before
        return
    if back is not None:
        assert_read_back_identically(check.result.records, back)
    elif check.identical_version is None:
        assert check.result.errors and all(e.text() for e in check.result.errors)
        assert submissions(engine) == before
