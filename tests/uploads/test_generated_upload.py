"""The benchmark's upload file, checked at a small size: our read equals pandas' calamine read.

The same generator as ``python -m benchmarks`` (50,000 rows there). What our import
path makes of the file must be what pandas reads from it with calamine, the floor
the benchmark times it against, and what was generated.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from benchmarks.generators import TODAY, UPLOAD_REGION, upload_rows, write_upload_file
from capaciteit.capacity.categories import default_categories
from capaciteit.capacity.records import RECORD_COLUMNS
from capaciteit.uploads.reader import DATA_SHEET, read_upload
from capaciteit.uploads.validation import Context, validate_sheet

N_ROWS = 1_500


@pytest.fixture(scope="module")
def upload(boundaries, tmp_path_factory) -> tuple[pd.DataFrame, bytes]:
    rows = upload_rows(boundaries.municipality_table(), N_ROWS)
    path = tmp_path_factory.mktemp("upload") / f"capaciteit-{UPLOAD_REGION}.xlsx"
    write_upload_file(path, rows)
    return rows, path.read_bytes()


def context(boundaries) -> Context:
    names = boundaries.region_names()
    return Context(UPLOAD_REGION, names[UPLOAD_REGION], boundaries.municipality_table(),
                   default_categories(), TODAY, None, names)


def as_records(cells: pd.DataFrame, municipalities: pd.DataFrame) -> pd.DataFrame:
    """Cells under the template's headers as the records they stand for, read plainly."""
    own = municipalities[municipalities["region_code"] == UPLOAD_REGION]
    code_of = dict(zip(own["gemeente_name"], own["gemeente_code"], strict=True))
    return pd.DataFrame({
        "region_code": cells["regio"],
        "gemeente_code": cells["gemeente"].map(code_of),
        "organisation": cells["organisatie"],
        "organisation_id": cells["organisatie_id"],
        "category": cells["categorie"],
        "subcategory": cells["subcategorie"],
        "persons": cells["aantal_personen"].astype("int64"),
        "fte": cells["fte"].astype("float64"),
        "deployable_persons": cells["inzetbaar_personen"].astype("int64"),
        "deployable_within_hours": cells["inzetbaar_binnen_uur"].astype("int64"),
        "powers": cells["bevoegdheden"].fillna(""),
        "peildatum": pd.to_datetime(cells["peildatum"]),
        "note": cells["opmerking"].fillna(""),
    })


def comparable(records: pd.DataFrame) -> pd.DataFrame:
    """Records with plain types (missing as None, dates in ns) and a fresh index."""
    result = records[RECORD_COLUMNS].reset_index(drop=True)
    text = result.select_dtypes(exclude=["number", "datetime"]).columns
    result[text] = result[text].astype(object).where(result[text].notna(), None)
    result["peildatum"] = result["peildatum"].astype("datetime64[ns]")
    return result


def test_a_generated_upload_is_read_as_pandas_reads_it_with_calamine(upload, boundaries):
    rows, content = upload
    result = validate_sheet(read_upload(content, "bench.xlsx"), context(boundaries))
    assert result.errors == []
    floor = pd.read_excel(io.BytesIO(content), engine="calamine", sheet_name=DATA_SHEET)
    municipalities = boundaries.municipality_table()
    assert len(result.records) == len(floor) == N_ROWS
    records = result.records  # the file holds every kind of cell the template allows
    assert records["gemeente_code"].notna().any() and records["gemeente_code"].isna().any()
    assert records["organisation_id"].notna().any() and (records["powers"] != "").any()
    assert_frame_equal(comparable(result.records),
                       comparable(as_records(floor, municipalities)), check_dtype=False)
    assert_frame_equal(comparable(result.records),
                       comparable(as_records(rows, municipalities)), check_dtype=False)
