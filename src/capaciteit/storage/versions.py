"""Versions over time: every stored version of every region, for history and trends.

Re-exported by ``storage.repository``, where callers find every query.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, func, select

from capaciteit.capacity.records import MEASURES
from capaciteit.storage.models import CapacityTotal, CurrentVersion, Submission


def submissions(conn: Connection) -> pd.DataFrame:
    """Every stored version of every region: id, region, version and moment of publication."""
    s = Submission
    query = select(s.id.label("submission_id"), s.region_code, s.version, s.uploaded_at)
    frame = pd.DataFrame(conn.execute(query).mappings().all(),
                         columns=["submission_id", "region_code", "version", "uploaded_at"])
    frame["uploaded_at"] = pd.to_datetime(frame["uploaded_at"], utc=True)
    return frame


def history(conn: Connection, region_code: str) -> pd.DataFrame:
    """Every version of a region, newest first, with which one is current."""
    s = Submission
    current = select(CurrentVersion.submission_id).where(
        CurrentVersion.region_code == region_code).scalar_subquery()
    query = (select(s.id.label("submission_id"), s.version, s.kind, s.is_demo, s.uploaded_by,
                    s.uploaded_at, s.filename, s.sha256, s.row_count, s.warnings_accepted,
                    s.restored_from_id, (s.id == current).label("is_current"))
             .where(s.region_code == region_code).order_by(s.version.desc()))
    columns = ["submission_id", "version", "kind", "is_demo", "uploaded_by", "uploaded_at",
               "filename", "sha256", "row_count", "warnings_accepted", "restored_from_id",
               "is_current"]
    frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=columns)
    frame["is_current"] = frame["is_current"].fillna(False).astype(bool)
    return frame


def version_totals(conn: Connection) -> pd.DataFrame:
    """Every stored version (current or not) with its sums per category and subcategory.

    A version without records has one row with no category and zero sums, so it still
    counts as "reported" in a trend. Reads the sums written at publication time.
    """
    s, t = Submission, CapacityTotal
    sums = (select(t.submission_id, t.category, t.subcategory,
                   func.sum(t.persons).label("persons"), func.sum(t.fte).label("fte"),
                   func.sum(t.deployable_persons).label("deployable_persons"))
            .group_by(t.submission_id, t.category, t.subcategory).subquery())
    query = (select(s.id.label("submission_id"), s.region_code, s.version, s.is_demo,
                    s.uploaded_at, sums.c.category, sums.c.subcategory, sums.c.persons,
                    sums.c.fte, sums.c.deployable_persons)
             .outerjoin(sums, sums.c.submission_id == s.id)
             .order_by(s.uploaded_at, s.region_code, s.version))
    columns = ["submission_id", "region_code", "version", "is_demo", "uploaded_at", "category",
               "subcategory", *MEASURES]
    frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=columns)
    frame[MEASURES] = frame[MEASURES].astype(float).fillna(0.0)
    frame["uploaded_at"] = pd.to_datetime(frame["uploaded_at"], utc=True)
    return frame
