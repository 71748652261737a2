"""Authorization at the moment of writing: the grants are read inside the write's transaction.

Streamlit runs a button's callback before the page loads its user again, so the
:class:`~capaciteit.access.permissions.User` a page hands to a write can be one run
old. Every write therefore opens its transaction with :func:`authorized_write`,
which reads the actor's grants from the role table in that same transaction and
checks them: a role revoked a moment ago stops the very next click, whatever the
page's ``User`` says. Standing grants (the local beheerder, the login's groups
claim) do not live in the role table and are taken from the ``User``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

from sqlalchemy import Connection, Engine, select, text

from capaciteit.access import audit
from capaciteit.access.permissions import MANAGE_ROLES, AccessDenied, Grant, User, require
from capaciteit.bounds import actor_problem
from capaciteit.storage.engine import write_transaction
from capaciteit.storage.models import RoleGrant

ROLE_CHANGES_LOCK = 7_330_000  # a PostgreSQL advisory lock key (regions: 7_310_0xx, bijstand)


def table_grants(conn: Connection, email: str, *, lock: bool = False) -> frozenset[Grant]:
    """The grants the role table holds for ``email`` now (revoked ones excluded).

    With ``lock``, PostgreSQL share-locks the rows until the transaction ends, so a
    revoke that starts while a write is under way waits for that write (SQLite's
    ``BEGIN IMMEDIATE`` already lets only one writer in at a time).
    """
    query = select(RoleGrant.role, RoleGrant.region_code).where(
        RoleGrant.email == email.strip().lower(), RoleGrant.revoked_at.is_(None))
    if lock:
        query = query.with_for_update(read=True)
    return frozenset(Grant(row.role, row.region_code) for row in conn.execute(query))


def current_grants(conn: Connection, user: User) -> frozenset[Grant]:
    """The user's grants as they stand in this transaction: standing ones plus the table's."""
    return user.standing | table_grants(conn, user.email, lock=True)


def require_current(conn: Connection, user: User, action: str,
                    region_code: str | None = None) -> None:
    """Raise AccessDenied (Dutch) unless the grants read in ``conn`` allow ``action``.

    Call it inside :func:`authorized_write`, which audits the refusal.
    """
    require(replace(user, grants=current_grants(conn, user)), action, region_code)


def lock_role_changes(conn: Connection) -> None:
    """Let one role change at a time read its grants (PostgreSQL; SQLite has one writer).

    A role change share-locks its actor's grants, then writes another's. Two beheerders
    revoking each other at once would each wait for the other's share lock, a deadlock
    PostgreSQL ends by killing one. Taken first, this lock makes the second wait until the
    first is done; it then reads its grants as they are, and a revoked one is refused.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ROLE_CHANGES_LOCK})


@contextmanager
def authorized_write(engine: Engine, actor: User, action: str | None = None,
                     region_code: str | None = None) -> Iterator[Connection]:
    """A write transaction that first checks ``action`` against the grants read inside it.

    Further checks (an agreement's old and new region, every region of an import)
    call :func:`require_current` on the yielded connection. A refusal rolls the
    whole write back, is recorded in the audit trail in a transaction of its own,
    and is raised again as AccessDenied.
    """
    unrecordable = actor_problem(actor.label)
    if unrecordable:  # nothing can be written, nor audited, under this name
        raise AccessDenied(unrecordable, action or "", region_code)
    try:
        with write_transaction(engine) as conn:
            if action == MANAGE_ROLES:
                lock_role_changes(conn)
            if action is not None:
                require_current(conn, actor, action, region_code)
            yield conn
    except AccessDenied as refused:
        audit.record_refusal(engine, actor, refused.action, refused.region_code)
        raise
