"""The audit trail: every write records who, when, what and from which submission.

The application only ever inserts here; the database refuses updates and
deletes of audit rows (triggers in migration 0005).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from capaciteit.access.permissions import AccessDenied, User, can, require
from capaciteit.bounds import actor_problem
from capaciteit.storage.models import AuditEvent

REFUSED = "geweigerd"
AUDIT_COLUMNS = ["id", "at", "actor", "action", "region_code", "object_type", "object_id",
                 "submission_id", "details"]


def record(conn: Connection, actor: User, action: str, *, object_type: str,
           object_id: object = None, region_code: str | None = None,
           submission_id: int | None = None, details: dict[str, object] | None = None) -> None:
    """Append one audit event in the caller's transaction (so it commits with the write)."""
    conn.execute(insert(AuditEvent), {
        "at": datetime.now(UTC), "actor": actor.label, "action": action,
        "region_code": region_code, "object_type": object_type,
        "object_id": None if object_id is None else str(object_id),
        "submission_id": submission_id, "details": details or {},
    })


def authorize(engine: Engine, actor: User, action: str, region_code: str | None = None) -> None:
    """Let ``actor`` do ``action`` or raise AccessDenied; a refusal is itself audited.

    Every write function in the core calls this before it writes. An actor whose name
    the audit trail cannot record is refused before anything is written.
    """
    unrecordable = actor_problem(actor.label)
    if unrecordable:
        raise AccessDenied(unrecordable)
    if can(actor, action, region_code):
        return
    with engine.begin() as conn:
        record(conn, actor, REFUSED, object_type="toegang", region_code=region_code,
               details={"actie": action})
    require(actor, action, region_code)  # raises with the Dutch message
    raise AccessDenied(action)  # unreachable: require raised; keeps type checkers content


def events(conn: Connection, limit: int | None = None) -> pd.DataFrame:
    """Audit events, newest first."""
    query = select(*[getattr(AuditEvent, c) for c in AUDIT_COLUMNS]).order_by(
        AuditEvent.id.desc())
    if limit:
        query = query.limit(limit)
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=AUDIT_COLUMNS)
