"""The audit trail: every write records who, when, what and from which submission.

The application only ever inserts here; the database refuses updates, deletes,
replacing inserts and TRUNCATE of audit rows (triggers in migration 0006).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
from sqlalchemy import Connection, Engine, insert, select

from capaciteit.access.permissions import AccessDenied, User, can, require
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


def record_refusal(engine: Engine, actor: User, action: str,
                   region_code: str | None = None) -> None:
    """Record that ``actor`` was refused ``action``, in a transaction of its own."""
    with engine.begin() as conn:
        record(conn, actor, REFUSED, object_type="toegang", region_code=region_code,
               details={"actie": action})


def authorize(engine: Engine, actor: User, action: str, region_code: str | None = None) -> None:
    """Let ``actor`` do ``action`` or raise AccessDenied; a refusal is itself audited.

    A page's early check, with the user it loaded in this run (so it can say no
    before offering a form). The write itself checks again, against the grants it
    reads in its own transaction (``access.authorization.authorized_write``).
    """
    if can(actor, action, region_code):
        return
    record_refusal(engine, actor, action, region_code)
    require(actor, action, region_code)  # raises with the Dutch message
    raise AccessDenied(action)  # unreachable: require raised; keeps type checkers content


def events(conn: Connection, limit: int | None = None) -> pd.DataFrame:
    """Audit events, newest first."""
    query = select(*[getattr(AuditEvent, c) for c in AUDIT_COLUMNS]).order_by(
        AuditEvent.id.desc())
    if limit:
        query = query.limit(limit)
    return pd.DataFrame(conn.execute(query).mappings().all(), columns=AUDIT_COLUMNS)
