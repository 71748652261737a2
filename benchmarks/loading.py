"""Putting generated data into a database the fast way, bypassing the app.

Publishing through the app validates and audits every version; a benchmark
needs a million records in a database in seconds. Submissions, current versions
and agreements go in through SQLAlchemy Core; the records through the driver
(sqlite3 ``executemany``, PostgreSQL ``COPY``): the only raw SQL of the benchmarks.
The per-version sums the app writes at publication are left to the caller
(``storage.write_totals`` / ``write_deployable``), since those are measured.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, create_engine, insert, text

from capaciteit.storage.models import Agreement, AgreementScope, CurrentVersion, Submission

RECORD_TABLE_COLUMNS = [
    "submission_id", "region_code", "gemeente_code", "organisation", "organisation_id",
    "category", "subcategory", "persons", "fte", "deployable_persons",
    "deployable_within_hours", "powers", "peildatum", "note",
]


def load_records(engine: Engine, records: pd.DataFrame) -> dict[str, int]:
    """Store ``records`` as each region's current version 1; return the submission per region.

    One transaction. ``records`` are in the record columns (``generate_records``).
    """
    with engine.begin() as conn:
        ids = insert_submissions(conn, records.groupby("region_code", sort=True).size())
        frame = records.assign(submission_id=records["region_code"].map(ids))
        frame = frame[RECORD_TABLE_COLUMNS].astype(object)
        frame = frame.where(frame.notna(), None)
        driver = conn.connection.driver_connection
        if engine.dialect.name == "postgresql":
            copy_records(driver, frame)
            conn.execute(text("ANALYZE"))
        else:
            executemany_records(driver, frame)
    return ids


def insert_submissions(conn: Connection, row_counts: pd.Series) -> dict[str, int]:
    """One upload per region, made current; return the submission id per region."""
    now = datetime.now(UTC)
    ids: dict[str, int] = {}
    for region, count in row_counts.items():
        ids[str(region)] = conn.execute(insert(Submission).returning(Submission.id), {
            "region_code": region, "version": 1, "kind": "upload", "is_demo": False,
            "uploaded_by": "benchmark", "uploaded_at": now, "filename": "bench.xlsx",
            "sha256": None, "row_count": int(count), "warnings_accepted": [],
            "restored_from_id": None,
        }).scalar_one()
        conn.execute(insert(CurrentVersion), {"region_code": region,
                                              "submission_id": ids[str(region)],
                                              "updated_at": now})
    return ids


def executemany_records(driver: Any, frame: pd.DataFrame) -> None:
    """Insert the records with sqlite3's ``executemany`` (dates as ISO strings)."""
    columns = ", ".join(RECORD_TABLE_COLUMNS)
    marks = ", ".join("?" * len(RECORD_TABLE_COLUMNS))
    rows = zip(*(frame[c].tolist() for c in RECORD_TABLE_COLUMNS), strict=True)
    driver.executemany(f"INSERT INTO capacity_record ({columns}) VALUES ({marks})", rows)


def copy_records(driver: Any, frame: pd.DataFrame, chunk: int = 200_000) -> None:
    r"""Stream the records into PostgreSQL with ``COPY ... FROM STDIN`` (CSV, NULL as ``\N``)."""
    columns = ", ".join(RECORD_TABLE_COLUMNS)
    sql = f"COPY capacity_record ({columns}) FROM STDIN (FORMAT csv, NULL '\\N')"
    with driver.cursor() as cursor, cursor.copy(sql) as copy:
        for start in range(0, len(frame), chunk):
            buffer = io.StringIO()
            frame.iloc[start:start + chunk].to_csv(buffer, header=False, index=False,
                                                   na_rep="\\N")
            copy.write(buffer.getvalue())


def insert_agreements(conn: Connection, agreements: pd.DataFrame) -> list[int]:
    """Store generated agreements with their one scope each; return their ids."""
    rows = agreements.drop(columns="scope_category").to_dict("records")
    ids = [conn.execute(insert(Agreement).returning(Agreement.id), row).scalar_one()
           for row in rows]
    conn.execute(insert(AgreementScope), [
        {"agreement_id": i, "category": c, "subcategory": None}
        for i, c in zip(ids, agreements["scope_category"], strict=True)])
    return ids


@contextmanager
def temporary_postgres(base: str) -> Iterator[str]:
    """A fresh database on the server of ``base``, dropped afterwards (as tests/conftest.py)."""
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"capaciteit_bench_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
