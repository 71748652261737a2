"""Repository functions: read and write capacity versions and population on a connection.

Every function takes a SQLAlchemy ``Connection``; the caller owns the
transaction (``with engine.begin() as conn``), so one submission is one
transaction and a failure leaves the previous version intact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Select, delete, func, insert, select, text, update

from capaciteit.capacity.records import MEASURES, RECORD_COLUMNS
from capaciteit.storage.models import (
    CapacityDeployable,
    CapacityRecord,
    CapacityTotal,
    CurrentVersion,
    Submission,
)
from capaciteit.storage.population import latest_population as latest_population
from capaciteit.storage.population import (
    latest_population_sha256 as latest_population_sha256,
)
from capaciteit.storage.population import save_population as save_population
from capaciteit.storage.versions import history as history
from capaciteit.storage.versions import submissions as submissions
from capaciteit.storage.versions import version_totals as version_totals

REGION_LOCK_BASE = 7_310_000
SUMMARY_KEYS = ["region_code", "gemeente_code", "category", "subcategory",
                "deployable_within_hours"]
DEPLOYABLE_KEYS = ["region_code", "organisation", "organisation_id", "category", "subcategory",
                   "deployable_within_hours", "powers"]


@dataclass(frozen=True)
class PublishedVersion:
    """What a publication stored."""

    submission_id: int
    region_code: str
    version: int
    row_count: int


@dataclass(frozen=True)
class VersionStamp:
    """Which version of a region was current: a preview or history view was made against it.

    The submission id alone could recur (SQLite reuses the ids of deleted demo rows), so the
    version number and moment of publication are part of the stamp.
    """

    submission_id: int
    version: int
    uploaded_at: datetime
    uploaded_by: str


def plain_rows(conn: Connection, query: Select[Any]) -> list[tuple[Any, ...]]:
    """The rows of a query as plain tuples from the driver, in the connection's transaction.

    For the large reads (hundreds of thousands of rows): SQLAlchemy's Row objects cost
    more than the fetch itself. Only whole numbers are bound in these queries, so the
    statement is compiled with its values in place.
    """
    statement = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    cursor = conn.connection.cursor()
    try:
        cursor.execute(statement)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def column_frame(rows: Sequence[Sequence[object]], columns: list[str]) -> pd.DataFrame:
    """A frame of result rows, built column by column.

    ``DataFrame.from_records`` probes every SQLAlchemy ``Row`` for attributes it lacks,
    which costs more than fetching the rows; transposing them first does not.
    """
    if not rows:
        return pd.DataFrame.from_records([], columns=columns)
    return pd.DataFrame(dict(zip(columns, map(list, zip(*rows, strict=True)), strict=True)))


def current_stamp(conn: Connection, region_code: str) -> VersionStamp | None:
    """The region's current version as a stamp, or None when it has none."""
    s = Submission
    row = conn.execute(
        select(s.id, s.version, s.uploaded_at, s.uploaded_by)
        .join(CurrentVersion, CurrentVersion.submission_id == s.id)
        .where(CurrentVersion.region_code == region_code)
    ).one_or_none()
    return None if row is None else VersionStamp(*row)


def is_empty(conn: Connection) -> bool:
    """True when no capacity has ever been stored."""
    return conn.execute(select(func.count()).select_from(Submission)).scalar_one() == 0


def has_demo_data(conn: Connection) -> bool:
    """True when any stored submission is fictitious demo data."""
    query = select(func.count()).select_from(Submission).where(Submission.is_demo.is_(True))
    return conn.execute(query).scalar_one() > 0


def publish_version(
    conn: Connection,
    region_code: str,
    records: pd.DataFrame,
    *,
    uploaded_by: str,
    kind: str = "upload",
    filename: str | None = None,
    sha256: str | None = None,
    warnings_accepted: list[str] | None = None,
    is_demo: bool = False,
    restored_from_id: int | None = None,
    now: datetime | None = None,
) -> PublishedVersion:
    """Store ``records`` as the region's next version and make it current.

    Nothing is overwritten: earlier versions stay as they were.
    """
    now = now or datetime.now(UTC)
    lock_region(conn, region_code)
    version = _next_version(conn, region_code)
    submission_id = conn.execute(
        insert(Submission).returning(Submission.id),
        {
            "region_code": region_code, "version": version, "kind": kind, "is_demo": is_demo,
            "uploaded_by": uploaded_by, "uploaded_at": now, "filename": filename,
            "sha256": sha256, "row_count": len(records),
            "warnings_accepted": warnings_accepted or [], "restored_from_id": restored_from_id,
        },
    ).scalar_one()
    rows = _records_to_rows(records, submission_id)
    if rows:
        conn.execute(insert(CapacityRecord), rows)
    write_totals(conn, submission_id)
    write_deployable(conn, submission_id)
    _set_current(conn, region_code, submission_id, now)
    return PublishedVersion(submission_id, region_code, version, len(rows))


def write_totals(conn: Connection, submission_id: int) -> None:
    """Sum one version's records into ``capacity_total`` (one INSERT … SELECT … GROUP BY)."""
    r = CapacityRecord
    keys = [r.region_code, r.gemeente_code, r.category, r.subcategory,
            r.deployable_within_hours]
    sums = (
        select(r.submission_id, *keys, func.sum(r.persons), func.sum(r.fte),
               func.sum(r.deployable_persons), func.count())
        .where(r.submission_id == submission_id)
        .group_by(r.submission_id, *keys)
    )
    conn.execute(insert(CapacityTotal).from_select(
        ["submission_id", *SUMMARY_KEYS, "persons", "fte", "deployable_persons", "records"],
        sums))


def write_deployable(conn: Connection, submission_id: int) -> None:
    """Sum one version's records into ``capacity_deployable`` (one INSERT … SELECT … GROUP BY)."""
    r = CapacityRecord
    keys = [getattr(r, k) for k in DEPLOYABLE_KEYS]
    sums = (
        select(r.submission_id, *keys, func.sum(r.persons), func.sum(r.deployable_persons),
               func.count())
        .where(r.submission_id == submission_id)
        .group_by(r.submission_id, *keys)
    )
    conn.execute(insert(CapacityDeployable).from_select(
        ["submission_id", *DEPLOYABLE_KEYS, "persons", "deployable_persons", "records"], sums))


def deployable_capacity(conn: Connection) -> pd.DataFrame:
    """Current capacity summed per region, organisation, (sub)category, horizon and powers.

    Reads the sums written at publication time (``capacity_deployable``); the
    text columns are categorical, so the Inzetbaar answer filters them quickly.
    """
    d = CapacityDeployable
    query = (
        select(*[getattr(d, k) for k in DEPLOYABLE_KEYS], d.persons, d.deployable_persons)
        .join(CurrentVersion, CurrentVersion.submission_id == d.submission_id)
    )
    frame = column_frame(plain_rows(conn, query),
                         columns=[*DEPLOYABLE_KEYS, "persons", "deployable_persons"])
    categorical = {k: "category" for k in DEPLOYABLE_KEYS if k != "deployable_within_hours"}
    return frame.astype({**categorical, "deployable_within_hours": "int64",
                         "persons": "int64", "deployable_persons": "int64"})


def version_deployable(conn: Connection, submission_id: int) -> pd.DataFrame:
    """One version's per-organisation sums, as :func:`deployable_capacity` (plain columns).

    A version never changes, so a cache may keep this per submission.
    """
    d = CapacityDeployable
    query = (select(*[getattr(d, k) for k in DEPLOYABLE_KEYS], d.persons, d.deployable_persons)
             .where(d.submission_id == submission_id))
    frame = column_frame(plain_rows(conn, query),
                         columns=[*DEPLOYABLE_KEYS, "persons", "deployable_persons"])
    return frame.astype({"deployable_within_hours": "int64", "persons": "int64",
                         "deployable_persons": "int64"})


def capacity_summary(conn: Connection, submission_ids: list[int] | None = None) -> pd.DataFrame:
    """Current capacity summed per region, municipality, (sub)category and horizon.

    Reads the totals written at publication time, so its cost does not grow
    with the number of records; the pure functions in ``aggregation`` work on
    this frame. With ``submission_ids``: those versions instead of the current ones
    (the map as it stood on a past date).
    """
    t = CapacityTotal
    query = select(t.region_code, t.gemeente_code, t.category, t.subcategory,
                   t.deployable_within_hours, t.persons, t.fte, t.deployable_persons, t.records)
    query = (query.join(CurrentVersion, CurrentVersion.submission_id == t.submission_id)
             if submission_ids is None else query.where(t.submission_id.in_(submission_ids)))
    frame = column_frame(conn.execute(query).all(),
                         columns=[*SUMMARY_KEYS, *MEASURES, "records"])
    return frame.astype({"persons": "int64", "fte": "float64",
                         "deployable_persons": "int64", "records": "int64"})


VERSION_COLUMNS = ["region_code", "submission_id", "version", "kind", "is_demo", "uploaded_by",
                   "uploaded_at", "filename", "row_count", "peildatum_min", "peildatum_max"]


def current_versions(conn: Connection, submission_ids: list[int] | None = None,
                     known_peildata: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per region with data: its current version, who sent it when, and its peildata.

    With ``submission_ids``: those versions instead of the current ones (the map as it
    stood on a past date). A version's peildata never change: ``known_peildata``
    (submission_id, peildatum_min, peildatum_max, e.g. an earlier result) are taken as
    they are, and only the other versions' records are read for theirs.
    """
    s = Submission
    query = select(s.region_code, s.id.label("submission_id"), s.version, s.kind, s.is_demo,
                   s.uploaded_by, s.uploaded_at, s.filename, s.row_count)
    query = (query.join(CurrentVersion, CurrentVersion.submission_id == s.id)
             if submission_ids is None else query.where(s.id.in_(submission_ids)))
    frame = pd.DataFrame(conn.execute(query.order_by(s.region_code)).mappings().all(),
                         columns=VERSION_COLUMNS[:-2])
    known = (known_peildata if known_peildata is not None
             else pd.DataFrame(columns=["submission_id", "peildatum_min", "peildatum_max"]))
    known = known[known["submission_id"].isin(frame["submission_id"])]
    missing = sorted(set(frame["submission_id"]) - set(known["submission_id"]))
    read = _peildata(conn, [int(i) for i in missing])
    peildata = pd.concat([known[read.columns], read]) if len(known) else read
    frame = frame.merge(peildata, on="submission_id", how="left")
    for column in ("peildatum_min", "peildatum_max"):
        frame[column] = pd.to_datetime(frame[column])
    return frame[VERSION_COLUMNS]


def _peildata(conn: Connection, submission_ids: list[int]) -> pd.DataFrame:
    """Earliest and latest peildatum of these versions' records."""
    r = CapacityRecord
    rows = conn.execute(
        select(r.submission_id, func.min(r.peildatum), func.max(r.peildatum))
        .where(r.submission_id.in_(submission_ids)).group_by(r.submission_id)).all() \
        if submission_ids else []
    frame = pd.DataFrame(rows, columns=["submission_id", "peildatum_min", "peildatum_max"])
    for column in ("peildatum_min", "peildatum_max"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.astype({"submission_id": "int64"})




def region_records(conn: Connection, region_code: str) -> pd.DataFrame:
    """The current records of one region, in the record columns."""
    r = CapacityRecord
    query = (
        select(*[getattr(r, c) for c in RECORD_COLUMNS])
        .join(CurrentVersion, CurrentVersion.submission_id == r.submission_id)
        .where(r.region_code == region_code)
        .order_by(r.id)
    )
    frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=RECORD_COLUMNS)
    frame["peildatum"] = pd.to_datetime(frame["peildatum"])
    return frame


def submission_records(conn: Connection, submission_id: int) -> pd.DataFrame:
    """The records of one stored version (current or not)."""
    r = CapacityRecord
    query = (select(*[getattr(r, c) for c in RECORD_COLUMNS])
             .where(r.submission_id == submission_id).order_by(r.id))
    frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=RECORD_COLUMNS)
    frame["peildatum"] = pd.to_datetime(frame["peildatum"])
    return frame












def remove_demo_data(conn: Connection) -> int:
    """Delete all fictitious demo submissions and their records; return how many."""
    demo_ids = select(Submission.id).where(Submission.is_demo.is_(True))
    ids = list(conn.execute(demo_ids).scalars())
    if not ids:
        return 0
    conn.execute(delete(CurrentVersion).where(CurrentVersion.submission_id.in_(ids)))
    conn.execute(delete(CapacityTotal).where(CapacityTotal.submission_id.in_(ids)))
    conn.execute(delete(CapacityDeployable).where(CapacityDeployable.submission_id.in_(ids)))
    conn.execute(delete(CapacityRecord).where(CapacityRecord.submission_id.in_(ids)))
    conn.execute(delete(Submission).where(Submission.id.in_(ids)))
    return len(ids)


def lock_region(conn: Connection, region_code: str) -> None:
    """Serialise writers of one region until the transaction ends.

    PostgreSQL: a transaction-level advisory lock per region. SQLite: the
    write transaction already holds the database's write lock (BEGIN IMMEDIATE).
    """
    if conn.dialect.name == "postgresql":
        key = REGION_LOCK_BASE + int(region_code[2:])
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _next_version(conn: Connection, region_code: str) -> int:
    query = select(func.coalesce(func.max(Submission.version), 0)).where(
        Submission.region_code == region_code)
    return int(conn.execute(query).scalar_one()) + 1


def _set_current(conn: Connection, region_code: str, submission_id: int, now: datetime) -> None:
    updated = conn.execute(
        update(CurrentVersion).where(CurrentVersion.region_code == region_code)
        .values(submission_id=submission_id, updated_at=now)
    ).rowcount
    if not updated:
        conn.execute(insert(CurrentVersion), {"region_code": region_code,
                                              "submission_id": submission_id,
                                              "updated_at": now})


def _records_to_rows(records: pd.DataFrame, submission_id: int) -> list[dict[str, object]]:
    frame = records[RECORD_COLUMNS].copy()
    frame["peildatum"] = pd.to_datetime(frame["peildatum"]).dt.date
    frame = frame.astype({"persons": "int64", "deployable_persons": "int64",
                          "deployable_within_hours": "int64", "fte": "float64"})
    frame["submission_id"] = submission_id
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for row in rows:
        row["powers"] = row["powers"] or ""
        row["note"] = row["note"] or ""
    return rows
