"""Queries of requests and their events on a connection (the caller owns the transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Connection, func, null, select, text
from sqlalchemy.orm import aliased

from capaciteit.assistance.model import ACCEPT, RETURN
from capaciteit.assistance.state import (
    DEPLOYMENT_COLUMNS,
    EVENT_COLUMNS,
    REQUEST_COLUMNS,
    deployments,
    overlapping,
)
from capaciteit.storage.models import (
    AssistanceEvent,
    AssistanceRequest,
    CapacityDeployable,
    CurrentVersion,
)
from capaciteit.storage.repository import DEPLOYABLE_KEYS

ASSISTANCE_LOCK = 7_320_000


def lock_assistance(conn: Connection) -> None:
    """Serialise the writes of requests and their steps until the transaction ends.

    PostgreSQL: a transaction-level advisory lock; SQLite: the write transaction already
    holds the database's write lock (BEGIN IMMEDIATE). Checks read after this see every
    step committed before, so two offers of the same persons cannot both pass.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ASSISTANCE_LOCK})


def next_number(conn: Connection, year: int) -> int:
    """The next request number of ``year`` (call after :func:`lock_assistance`)."""
    query = select(func.coalesce(func.max(AssistanceRequest.number), 0)).where(
        AssistanceRequest.year == year)
    return int(conn.execute(query).scalar_one()) + 1


def requests_frame(conn: Connection, request_id: int | None = None) -> pd.DataFrame:
    """Requests (``REQUEST_COLUMNS``), oldest first; one when ``request_id`` is given."""
    r = AssistanceRequest
    query = select(*[getattr(r, c) for c in REQUEST_COLUMNS]).order_by(r.id)
    if request_id is not None:
        query = query.where(r.id == request_id)
    return _frame(conn.execute(query).all(), REQUEST_COLUMNS)


def events_frame(conn: Connection, request_id: int | None = None) -> pd.DataFrame:
    """Events (``EVENT_COLUMNS``) in the order they happened."""
    e = AssistanceEvent
    query = select(*[getattr(e, c) for c in EVENT_COLUMNS]).order_by(e.id)
    if request_id is not None:
        query = query.where(e.request_id == request_id)
    frame = _frame(conn.execute(query).all(), EVENT_COLUMNS)
    frame["at"] = pd.to_datetime(frame["at"], utc=True)
    return frame.astype({"persons": "int64"})


def deployed_on(conn: Connection, day: date) -> pd.DataFrame:
    """The deployments under way on ``day`` (``state.DEPLOYMENT_COLUMNS``), in one query.

    The same rule as ``state.active_on``: accepted, the request's period holds ``day``, and
    not reported back on or before ``day`` (UTC).
    """
    accepted, offer = aliased(AssistanceEvent), aliased(AssistanceEvent)
    returned, r = aliased(AssistanceEvent), AssistanceRequest
    until = datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)
    back = select(returned.id).where(returned.kind == RETURN, returned.offer_id == accepted.id,
                                     returned.at < until)
    query = (select(accepted.id, r.id, r.reference, r.region_code, offer.region_code,
                    offer.organisation, offer.organisation_id, offer.category,
                    offer.subcategory, accepted.persons, r.hours, r.powers, r.start_date,
                    r.end_date, null(), offer.agreement_id, offer.compensation_eur,
                    offer.compensation_unit, accepted.at)
             .join(offer, offer.id == accepted.offer_id).join(r, r.id == accepted.request_id)
             .where(accepted.kind == ACCEPT, r.start_date <= day, r.end_date >= day,
                    ~back.exists())
             .order_by(accepted.id))
    frame = _frame(conn.execute(query).all(), DEPLOYMENT_COLUMNS)
    frame["returned_at"] = pd.to_datetime(frame["returned_at"], utc=True)
    return frame.astype({"persons": "int64"})


def deployed_between(conn: Connection, start: date, end: date) -> pd.DataFrame:
    """The deployments whose period meets ``start``..``end``."""
    return overlapping(deployments(requests_frame(conn), events_frame(conn)), start, end)


def region_capacity(conn: Connection, region_code: str) -> pd.DataFrame:
    """One region's current per-organisation sums (as ``storage.deployable_capacity``)."""
    d = CapacityDeployable
    query = (select(*[getattr(d, k) for k in DEPLOYABLE_KEYS], d.persons, d.deployable_persons)
             .join(CurrentVersion, CurrentVersion.submission_id == d.submission_id)
             .where(d.region_code == region_code))
    frame = pd.DataFrame(conn.execute(query).all(),
                         columns=[*DEPLOYABLE_KEYS, "persons", "deployable_persons"])
    return frame.astype({"deployable_within_hours": "int64", "persons": "int64",
                         "deployable_persons": "int64"})


def _frame(rows: Sequence[Sequence[object]], columns: list[str]) -> pd.DataFrame:
    """Rows as a frame, built column by column (quicker than row objects)."""
    if not rows:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame({c: list(v) for c, v in zip(columns, zip(*rows, strict=True),
                                                    strict=True)})


def change_token(conn: Connection) -> tuple[int, int]:
    """A token that changes with every request or step (for caches)."""
    requests = conn.execute(select(func.coalesce(func.max(AssistanceRequest.id), 0)))
    events = conn.execute(select(func.coalesce(func.max(AssistanceEvent.id), 0)))
    return int(requests.scalar_one()), int(events.scalar_one())
