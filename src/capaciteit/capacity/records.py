"""The capacity record: its columns and the invariants every stored record keeps."""

from __future__ import annotations

import pandera.pandas as pa

from capaciteit.capacity.categories import horizons

RECORD_COLUMNS = [
    "region_code",
    "gemeente_code",
    "organisation",
    "organisation_id",
    "category",
    "subcategory",
    "persons",
    "fte",
    "deployable_persons",
    "deployable_within_hours",
    "powers",
    "peildatum",
    "note",
]
MEASURES = ["persons", "fte", "deployable_persons"]


def record_schema() -> pa.DataFrameSchema:
    """The structural schema of stored capacity records (codes are checked elsewhere)."""
    allowed_hours = [h.hours for h in horizons()]
    return pa.DataFrameSchema(
        {
            "region_code": pa.Column(str, pa.Check.str_matches(r"^VR\d{2}$")),
            "gemeente_code": pa.Column(str, pa.Check.str_matches(r"^GM\d{4}$"), nullable=True),
            "organisation": pa.Column(str, pa.Check.str_length(min_value=1)),
            "organisation_id": pa.Column(str, nullable=True),
            "category": pa.Column(str),
            "subcategory": pa.Column(str),
            "persons": pa.Column(int, pa.Check.ge(0)),
            "fte": pa.Column(float, pa.Check.ge(0)),
            "deployable_persons": pa.Column(int, pa.Check.ge(0)),
            "deployable_within_hours": pa.Column(int, pa.Check.isin(allowed_hours)),
            "powers": pa.Column(str),
            "peildatum": pa.Column("datetime64[ns]", coerce=True),
            "note": pa.Column(str),
        },
        checks=[
            pa.Check(lambda df: df["deployable_persons"] <= df["persons"],
                     error="deployable_persons exceeds persons"),
        ],
        strict=True,
        coerce=True,
    )
